"""The report as a self-contained HTML page (``pacxl report --html``): inline CSS and SVG charts."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

from .messages import currency_symbol, text
from .report_format import (ACTION_STATES, _e, _fav_cell, _kpi_value, _month_label, _objective_value, _report_lang,
                            _show_date, _table, fmt_num, fmt_pct, fmt_share)

_CSS = """
body{font-family:-apple-system,'Segoe UI',Roboto,'DejaVu Sans',Arial,sans-serif;margin:24px auto;
max-width:1100px;color:#1f2933;background:#fff}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #1f4e79;
padding-bottom:4px;color:#1f4e79}.sub{color:#52606d;margin:0 0 16px}
table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}
th{background:#1f4e79;color:#fff;text-align:left;padding:6px 8px;font-weight:600}
td{padding:5px 8px;border-bottom:1px solid #d9e2ec}td:first-child{white-space:nowrap}tr:nth-child(even) td{background:#f5f7fa}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.fav{color:#1b7f3b;font-weight:600}.unf{color:#c0392b;font-weight:600}
.grid{display:flex;flex-wrap:wrap;gap:16px}.card{flex:1 1 160px;border:1px solid #d9e2ec;
border-radius:6px;padding:10px 14px}.card b{display:block;font-size:22px;color:#1f4e79}
.card span{color:#52606d;font-size:12px}svg{display:block;margin:8px 0}
.legend{font-size:12px;color:#52606d}
@media print{body{margin:0}h2{page-break-after:avoid}table{page-break-inside:avoid}}
"""

_BLUE, _ORANGE, _GREEN, _RED, _GREY = "#1f4e79", "#e8a33d", "#1b7f3b", "#c0392b", "#9aa5b1"


def _nice_max(v: float) -> float:
    if v <= 0 or not math.isfinite(v):
        return 1.0
    if v > 1e300:  # no rounder ceiling is a float
        return v
    mag = 10 ** math.floor(math.log10(v))
    for step in (1, 2, 2.5, 5, 10):
        if v <= step * mag:
            return step * mag
    return 10 * mag


def svg_bars(labels: list[str], series: list[tuple[str, str, list[float | None]]], *, width: int = 1000,
             height: int = 260, title: str = "", lang: str = "en") -> str:
    """Grouped vertical bars: one group per label, one bar per series (name, colour, values)."""
    left, right, top, bottom = 70, 10, 28, 46
    pw, ph = width - left - right, height - top - bottom
    vmax = _nice_max(max([v for _, _, vals in series for v in vals if v is not None] or [0]))
    n = max(len(labels), 1)
    gw = min(pw / n, 160.0)  # few groups: keep bars slim
    bw = gw * 0.8 / max(len(series), 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="{_e(title)}">']
    parts.append(f'<text x="{left}" y="16" font-size="13" font-weight="bold" fill="#1f2933">{_e(title)}</text>')
    for i in range(5):
        v = vmax * i / 4
        y = top + ph - ph * i / 4
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#d9e2ec"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" '
                     f'fill="#52606d">{_e(fmt_num(v, 0, lang))}</text>')
    for gi, label in enumerate(labels):
        x0 = left + gi * gw + gw * 0.1
        for si, (_, colour, vals) in enumerate(series):
            v = vals[gi] if gi < len(vals) else None
            if v is None:
                continue
            h = ph * max(v, 0) / vmax
            parts.append(f'<rect x="{x0 + si * bw:.1f}" y="{top + ph - h:.1f}" width="{bw * 0.92:.1f}" '
                         f'height="{h:.1f}" fill="{colour}"><title>{_e(label)}: {_e(fmt_num(v, 0, lang))}</title></rect>')
        room = max(int(gw / 6.5), 4)  # characters that fit under the group
        short = label if len(label) <= room else label[: room - 1] + "…"
        parts.append(f'<text x="{left + gi * gw + gw / 2:.1f}" y="{top + ph + 16}" font-size="11" '
                     f'text-anchor="middle" fill="#1f2933">{_e(short)}</text>')
    lx = left
    for name, colour, _ in series:
        parts.append(f'<rect x="{lx}" y="{height - 16}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{lx + 16}" y="{height - 6}" font-size="12" fill="#1f2933">{_e(name)}</text>')
        lx += 24 + 8 * len(name)
    parts.append("</svg>")
    return "".join(parts)


def svg_hbars(items: list[tuple[str, float, str]], *, width: int = 1000, title: str = "",
              value_fmt=fmt_num) -> str:
    """Horizontal bars (label, value, colour), e.g. the funnel or actions by state."""
    row_h, top, left = 28, 28, 220
    height = top + row_h * len(items) + 8
    vmax = max([v for _, v, _ in items] or [0]) or 1
    pw = width - left - 90
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="{_e(title)}">',
             f'<text x="0" y="16" font-size="13" font-weight="bold" fill="#1f2933">{_e(title)}</text>']
    for i, (label, v, colour) in enumerate(items):
        y = top + i * row_h
        w = pw * max(v, 0) / vmax
        parts.append(f'<text x="{left - 8}" y="{y + 17}" font-size="12" text-anchor="end" '
                     f'fill="#1f2933">{_e(label)}</text>')
        parts.append(f'<rect x="{left}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" fill="{colour}"/>')
        parts.append(f'<text x="{left + w + 6:.1f}" y="{y + 17}" font-size="12" '
                     f'fill="#1f2933">{_e(value_fmt(v))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_html(fig: dict, lang: str | None = None) -> str:
    """A self-contained HTML page (inline CSS and SVG, no script, no external resource), in
    ``lang`` (default: the figures' ``lang``, the workbook's language)."""
    lang = _report_lang(fig, lang)

    def L(key: str, **kw) -> str:
        return text(f"report.{key}", lang, **kw)

    def num(v: Any) -> str:
        return _e(fmt_num(v, 0, lang))

    def share(v: Any) -> str:
        return _e(fmt_share(v, lang))

    def kv(v: Any, kind: str) -> str:
        return _e(_kpi_value(v, kind, lang))

    cur = currency_symbol(fig["currency"]) if lang == "fr" else fig["currency"]
    title = L("title", company=fig["company"] or "PAC", year=fig["year"], month=_month_label(fig, lang))
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="sub">{_e(L("figures_as_of", date=_show_date(fig["as_of"], lang), file=Path(fig["workbook"]).name))}</p>',
    ]
    b, a, f = fig["budget"], fig["actions"], fig["funnel"]
    c = a["counts"]
    cards = [
        (fmt_num(fig["revenue_target"], 0, lang) + f"\u00a0{cur}" if fig["revenue_target"] is not None else "–",
         L("card_revenue_target")),
        (fmt_num(b["total"]["plan_year"], 0, lang) + f"\u00a0{cur}", L("card_budget_year")),
        (fmt_share(b["total"]["consumed"], lang) or "–", L("card_budget_consumed")),
        (f"{c['done']} / {c['total']}", L("card_actions_done")),
        (str(c["late"]), L("card_actions_late")),
    ]
    out.append('<div class="grid">' + "".join(
        f'<div class="card"><b>{_e(v)}</b><span>{_e(k)}</span></div>' for v, k in cards) + "</div>")

    out.append(f"<h2>{_e(L('objectives'))}</h2>")
    out.append(_table(
        [L(k) for k in ("id", "objective", "target", "landing", "on_track", "deadline", "owner", "status")],
        [[_e(o["id"]), _e(o["objective"]), _e(_objective_value(o["target"], o["unit"], lang, o["rate"])),
          _e(_objective_value(o["landing"], o["unit"], lang, o["rate"])),
          "" if o["on_track"] is None else (f'<span class="fav">{_e(L("yes"))}</span>' if o["on_track"]
                                            else f'<span class="unf">{_e(L("no"))}</span>'),
          _e(_show_date(o["deadline"], lang)), _e(o["owner"]), _e(o["status"])] for o in fig["objectives"]],
        {2, 3, 5},
    ))

    out.append(f"<h2>{_e(L('kpis_html'))}</h2>")
    out.append(_table(
        [L("id"), L("kpi"), L("plan_ytd"), L("actual_ytd"), L("variance"), L("variance_pct"), "", L("landing"),
         L("plan_year")],
        [[_e(k["id"]), _e(k["name"]), kv(k["plan_ytd"], k["kind"]), kv(k["actual_ytd"], k["kind"]),
          kv(k["variance"], k["kind"]), _e(fmt_pct(k["variance_pct"], lang)), _fav_cell(k["favourable"], lang),
          kv(k["landing"], k["kind"]), kv(k["plan_year"], k["kind"])] for k in fig["kpis"]],
        {2, 3, 4, 5, 7, 8},
    ))
    revenue = [k for k in fig["kpis"] if k["kind"] == "revenue"]
    if revenue:
        k = revenue[0]
        months = [L("month_short", n=i) for i in range(1, 13)]
        out.append(svg_bars(months, [(L("chart_plan"), _GREY, k["plan_by_month"]),
                                     (L("chart_actual"), _BLUE, k["actual_by_month"])],
                            title=L("chart_kpi_by_month", kpi=k["name"], currency=cur), lang=lang))
    if "quarters" in fig:  # catch-up and the selected quarter (pacxl.report_followup)
        from .report_followup import html as followup_html

        out.extend(followup_html(fig, L, kv, num, lang))

    out.append(f"<h2>{_e(L('budget', currency=cur))}</h2>")
    rows = [[_e(r["category"]), num(r["plan_year"]), num(r["plan_ytd"]), num(r["actual"]),
             num(r["variance"]), share(r["consumed"]), _fav_cell(r["favourable"], lang)]
            for r in b["categories"]]
    t = b["total"]
    rows.append([f"<b>{_e(L('total'))}</b>", f"<b>{num(t['plan_year'])}</b>", f"<b>{num(t['plan_ytd'])}</b>",
                 f"<b>{num(t['actual'])}</b>", f"<b>{num(t['variance'])}</b>",
                 f"<b>{share(t['consumed'])}</b>", _fav_cell(t["favourable"], lang)])
    out.append(_table([L("category"), L("plan_year"), L("plan_to_date"), L("actual"), L("variance"),
                       L("consumed"), ""], rows, {1, 2, 3, 4, 5}))
    if b["categories"]:
        out.append(svg_bars([r["category"] for r in b["categories"]],
                            [(L("plan_to_date"), _GREY, [r["plan_ytd"] for r in b["categories"]]),
                             (L("actual"), _ORANGE, [r["actual"] for r in b["categories"]])],
                            title=L("chart_budget", currency=cur), lang=lang))

    from . import report_pipeline, report_revisions

    out.append(report_pipeline.render_html(fig, lang))
    out.append(report_revisions.render_html(fig, lang))
    from . import report_team

    out.append(report_team.render_html(fig, lang))
    from . import report_reconcile

    out.append(report_reconcile.render_html(fig, lang))

    out.append(f"<h2>{_e(L('actions'))}</h2>")
    colours = {"done": _GREEN, "late": _RED, "in_progress": _BLUE, "to_do": _GREY, "postponed": _ORANGE,
               "cancelled": "#cbd2d9"}
    out.append(svg_hbars([(text(f"state.{s}", lang), c[s], colours[s]) for s in ACTION_STATES],
                         title=L("chart_actions", n=c["total"]), value_fmt=lambda v: fmt_num(v, 0, lang)))
    if a["late"]:
        out.append(_table([L("id"), L("late_action"), L("owner"), L("due")],
                          [[_e(x["id"]), _e(x["action"]), _e(x["owner"]), _e(_show_date(x["end"], lang))]
                           for x in a["late"]],
                          set()))

    if f["stages"]:
        out.append(f"<h2>{_e(L('funnel', deals=f['deals_target']))}</h2>")
        out.append(_table([L("stage"), L("rate_to_next"), L("year"), L("this_month"), L("this_week")],
                          [[_e(s["name"]), share(s["rate_to_next"]), num(s["year"]), num(s["month"]),
                            num(s["week"])] for s in f["stages"]],
                          {1, 2, 3, 4}))
        shades = ["#1f4e79", "#2e6da4", "#4a8bc2", "#74a9d8", "#a3c6e8", "#cfe0f3"]
        out.append(svg_hbars([(s["name"], s["week"], shades[i % len(shades)]) for i, s in enumerate(f["stages"])],
                             title=L("chart_weekly"), value_fmt=lambda v: L("per_week", v=fmt_num(v, 0, lang))))
    if any(o["actual_to_date"] is not None for o in f["observed"]):
        out.append(f"<h2>{_e(L('observed'))}</h2>")
        out.append(_table([L("stage"), L("actual_to_date"), L("observed_rate"), L("assumed_rate"), ""],
                          [[_e(o["name"]), num(o["actual_to_date"]), share(o["observed_rate"]),
                            share(o["assumed_rate"]), _e(L("below")) if o["below"] else ""]
                           for o in f["observed"]],
                          {1, 2, 3}))

    ab = fig["abc"]
    out.append(f"<h2>{_e(L('abc', n=ab['customers']))}</h2>")
    out.append(_table([L("class"), L("customers"), L("revenue", currency=cur), L("share_of_revenue")],
                      [[_e(k), _e(r["count"]), num(r["revenue"]), share(r["share"])]
                       for k, r in ab["classes"].items()], {1, 2, 3}))
    if ab["total"]:
        pct = (lambda v: f"{v:.1f}\u00a0%".replace(".", ",")) if lang == "fr" else (lambda v: f"{v:.1f} %")
        out.append(svg_hbars([(L("chart_class", cls=k, n=r["count"]), r["share"] * 100, col)
                              for (k, r), col in zip(ab["classes"].items(), (_BLUE, _ORANGE, _GREY))],
                             title=L("chart_abc"), value_fmt=pct))
    from . import report_customers

    out.append(report_customers.render_html(fig, lang))
    out.append(f'<p class="legend">{_e(L("generated", date=_show_date(dt.date.today().isoformat(), lang)))}</p>')
    out.append("</body></html>")
    return "\n".join(out)


def write_html(fig: dict, path: str | Path) -> Path:
    from .files import atomic_write

    p = Path(path)
    atomic_write(p, render_html(fig), shown=str(p))
    return p


