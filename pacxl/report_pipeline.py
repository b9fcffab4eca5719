"""The report's pipeline section (JSON key ``pipeline``): figures from :mod:`pacxl.pipeline_plan`
(rules of :mod:`pacxl.calc.pipeline`), and their terminal and HTML tables.

``pipeline`` holds: ``deals`` (rows with an amount), ``open``/``won``/``lost`` (count, value; open:
weighted too), ``weighted`` (``PAC_PipelineWeighted``), ``revenue_target``, ``revenue_to_date``,
``remaining``, ``coverage`` (``PAC_PipelineCoverage``; null when nothing is left to cover),
``remaining_share``, ``by_stage`` (per funnel stage: count, value, weighted, need for the rest of
the year), ``other_stages``, ``by_month`` (12 plan months: count, value, weighted),
``age_average``, ``age_oldest``, ``past_close`` (count, value, and the deals) and
``unknown_stages``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .messages import currency_symbol, text
from .model import Plan
from .pipeline_plan import figures
from .report_format import _e, _show_date, _table, fmt_num, fmt_share


def pipeline_section(plan: Plan, month: int, as_of: dt.date | None) -> dict:
    """The ``pipeline`` key of the report at plan month ``month`` and as-of date ``as_of``."""
    f = figures(plan, month, as_of)
    rows = f["past_close"].pop("rows")
    f["past_close"]["deals"] = [
        {"deal": d.deal, "account": d.account, "owner": d.owner, "stage": d.stage, "amount": float(d.amount),
         "close": d.close.isoformat() if d.close else None}
        for d in (plan.pipeline[i] for i in rows)]
    return f


def label(key: str, lang: str, **kw: Any) -> str:
    """This section's words (:data:`pacxl.messages.TEXTS`, keys ``report.pl.*``)."""
    return text(f"report.pl.{key}", lang, **kw)


def _key_rows(p: dict, lang: str, money) -> list[tuple[str, str]]:
    cov = p["coverage"]
    reached = p["remaining"] is not None and p["remaining"] <= 0
    ages = "" if p["age_average"] is None else f"{fmt_num(p['age_average'], 0, lang)} / {p['age_oldest']}"
    return [
        (label("open", lang), str(p["open"]["count"])),
        (label("open_value", lang), money(p["open"]["value"])),
        (label("open_weighted", lang), money(p["open"]["weighted"])),
        (label("weighted", lang), money(p["weighted"])),
        (label("remaining", lang), money(p["remaining"])),
        (label("coverage", lang), label("reached", lang) if reached else fmt_share(cov, lang)),
        (label("age", lang), ages),
        (label("past", lang), f"{p['past_close']['count']} ({money(p['past_close']['value'])})"),
        (label("won", lang), f"{p['won']['count']} ({money(p['won']['value'])})"),
        (label("lost", lang), f"{p['lost']['count']} ({money(p['lost']['value'])})"),
    ]


def _stage_rows(p: dict, lang: str) -> list[list]:
    rows = [[s["stage"], s["count"], s["value"], s["weighted"], s["need"]] for s in p["by_stage"]]
    o = p["other_stages"]
    if o["count"]:
        rows.append([label("other", lang), o["count"], o["value"], o["weighted"], None])
    return rows


def _currency(fig: dict, lang: str) -> str:
    return currency_symbol(fig["currency"]) if lang == "fr" else fig["currency"]


def render_terminal(fig: dict, console, table, e, lang: str) -> None:
    """The section as rich tables (``table(title, columns)``: the report's table maker)."""
    p = fig.get("pipeline")
    if not p or not p["deals"]:
        return
    cur = _currency(fig, lang)

    def money(v):
        return fmt_num(v, 0, lang)

    t = table(label("figures", lang, currency=e(cur)), [(label("figure", lang), "wide"), (label("value", lang), "num")])
    for k, v in _key_rows(p, lang, money):
        t.add_row(e(k), e(v))
    console.print(t)
    t = table(label("by_stage", lang, currency=e(cur)),
              [(label("stage", lang), "wide"), (label("count", lang), "num"), (label("amount", lang), "num"),
               (label("weighted_col", lang), "num"), (label("need", lang), "num")])
    for name, n, v, w, need in _stage_rows(p, lang):
        t.add_row(e(name), str(n), money(v), money(w), "" if need is None else str(need))
    console.print(t)
    months = [m for m in p["by_month"] if m["count"]]
    if months:
        t = table(label("by_month", lang, currency=e(cur)),
                  [(label("month", lang), "text"), (label("count", lang), "num"), (label("amount", lang), "num"),
                   (label("weighted_col", lang), "num")])
        for m in months:
            t.add_row(text("report.month_short", lang, n=m["month"]), str(m["count"]), money(m["value"]),
                      money(m["weighted"]))
        console.print(t)
    if p["past_close"]["deals"]:
        t = table(label("past", lang), [(label("deal", lang), "wide"), (label("account", lang), "text"),
                                        (label("owner", lang), "text"), (label("amount", lang), "num"),
                                        (label("close", lang), "num")])
        for d in p["past_close"]["deals"]:
            t.add_row(e(d["deal"]), e(d["account"]), e(d["owner"]), money(d["amount"]), _show_date(d["close"], lang))
        console.print(t)


def render_html(fig: dict, lang: str) -> str:
    """The section as HTML tables (empty without deals)."""
    p = fig.get("pipeline")
    if not p or not p["deals"]:
        return ""
    cur = _currency(fig, lang)

    def money(v):
        return _e(fmt_num(v, 0, lang))

    out = [f"<h2>{_e(label('figures', lang, currency=cur))}</h2>",
           _table([label("figure", lang), label("value", lang)],
                  [[_e(k), _e(v)] for k, v in _key_rows(p, lang, lambda v: fmt_num(v, 0, lang))], {1})]
    out.append(f"<h2>{_e(label('by_stage', lang, currency=cur))}</h2>")
    out.append(_table([label(k, lang) for k in ("stage", "count", "amount", "weighted_col", "need")],
                      [[_e(name), _e(n), money(v), money(w), "" if need is None else _e(need)]
                       for name, n, v, w, need in _stage_rows(p, lang)], {1, 2, 3, 4}))
    months = [m for m in p["by_month"] if m["count"]]
    if months:
        out.append(f"<h2>{_e(label('by_month', lang, currency=cur))}</h2>")
        out.append(_table([label(k, lang) for k in ("month", "count", "amount", "weighted_col")],
                          [[_e(text("report.month_short", lang, n=m["month"])), _e(m["count"]), money(m["value"]),
                            money(m["weighted"])] for m in months], {1, 2, 3}))
    if p["past_close"]["deals"]:
        out.append(f"<h2>{_e(label('past', lang))}</h2>")
        out.append(_table([label(k, lang) for k in ("deal", "account", "owner", "amount", "close")],
                          [[_e(d["deal"]), _e(d["account"]), _e(d["owner"]), money(d["amount"]),
                            _e(_show_date(d["close"], lang))] for d in p["past_close"]["deals"]], {3, 4}))
    return "\n".join(out)
