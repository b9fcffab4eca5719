"""The report's revisions part: initial plan, revised plan and actual side by side, and the
revisions made since the plan was frozen (``pacxl freeze``, ``pacxl revise``).

:func:`revision_figures` gives the JSON keys ``baseline`` and ``revisions`` (the per-item
``initial`` figures are computed beside each item's plan by :mod:`pacxl.report`, through
:mod:`pacxl.calc.revisions`); :func:`render_terminal` and :func:`render_html` lay out the
section, shown only for a frozen plan.
"""

from __future__ import annotations

from typing import Any

from .messages import text
from .model import Plan
from .report_format import _e, _kpi_value, _show_date, _table, fmt_num

def label(key: str, lang: str, **kw: Any) -> str:
    """This section's words (:data:`pacxl.messages.TEXTS`, keys ``report.rev.*``)."""
    return text(f"report.rev.{key}", lang, **kw)


def revision_figures(plan: Plan) -> dict:
    """``baseline`` (date, ISO or null; entries: how many values it holds) and ``revisions``
    (every row of tblRevisions, in order)."""
    b = plan.baseline
    return {
        "baseline": {"date": b.date.isoformat() if b.date else None, "entries": len(b.entries)},
        "revisions": [
            {"date": r.date.isoformat() if r.date else None, "id": r.id, "field": r.field, "month": r.month,
             "old": r.old, "new": r.new, "reason": r.reason, "author": r.author}
            for r in plan.revisions
        ],
    }


def side_by_side(fig: dict) -> list[tuple[str, str, str, object, object, object, str]]:
    """Rows (kind, id, label, initial, revised, actual, value kind) of the items whose plan was
    frozen: objectives, KPIs, budget categories and total."""
    rows = []
    for o in fig["objectives"]:
        if o.get("initial") is not None or o["target"] is not None:
            rows.append(("objective", o["id"], o["objective"], o.get("initial"), o["target"], o["landing"],
                         "rate" if o["rate"] else "num"))
    for k in fig["kpis"]:
        rows.append(("kpi", k["id"], k["name"], k.get("initial"), k["plan_year"], k["actual_ytd"], k["kind"]))
    b = fig["budget"]
    for c in b["categories"]:
        rows.append(("budget", "", c["category"], c.get("initial"), c["plan_year"], c["actual"], "num"))
    t = b["total"]
    rows.append(("budget", "", "total", t.get("initial"), t["plan_year"], t["actual"], "num"))
    return rows


def _value(v: Any, kind: str, lang: str) -> str:
    if v is None:
        return ""
    return _kpi_value(v, "rate", lang) if kind == "rate" else fmt_num(v, 0, lang)


def _revision_cells(r: dict, lang: str) -> list[str]:
    from .workbook.sheets.revisions import field_word

    def n(v: Any) -> str:
        return "" if v is None else fmt_num(v, 2 if v != int(v) else 0, lang)

    return [_show_date(r["date"], lang), r["id"], field_word(r["field"], lang),
            "" if r["month"] is None else str(r["month"]), n(r["old"]), n(r["new"]), r["reason"], r["author"]]


def render_terminal(fig: dict, console, lang: str) -> None:
    """Print the section (nothing for a plan never frozen that has no revision)."""
    from rich.markup import escape
    from rich.table import Table

    base = fig.get("baseline") or {}
    revisions = fig.get("revisions") or []
    if not base.get("date") and not revisions:
        return
    title = label("section", lang)
    if base.get("date"):
        title += " (" + label("frozen", lang, date=_show_date(base["date"], lang)) + ")"
    rows = []
    for kind, iid, name, initial, revised, actual, vk in side_by_side(fig):
        name = label("total", lang) if kind == "budget" and name == "total" and not iid else name
        changed = initial is not None and revised is not None and abs(initial - revised) > 1e-9
        rows.append((label(kind, lang).split(" (")[0], iid, name,
                     *(_value(v, vk, lang) for v in (initial, revised, actual)), changed))
    heads = [label(k, lang) for k in ("item", "id", "label", "initial", "revised", "actual")]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(heads)]
    rest = console.width - (3 * len(heads) + 1) - sum(w for i, w in enumerate(widths) if i != 2)
    t = Table(title=title, title_justify="left")
    for i, h in enumerate(heads):
        if i == 2:  # the label takes what the figures leave
            # on a terminal at most 40 characters; piped or redirected, whole (as the other tables)
            cap = 40 if console.is_terminal else widths[2]
            t.add_column(h, no_wrap=True, overflow="ellipsis", width=max(10, min(widths[2], rest, cap)))
        else:
            t.add_column(h, justify="right" if i >= 3 else "left", no_wrap=True, min_width=widths[i])
    for *cells, changed in rows:
        cells = [escape(c) for c in cells]
        if changed:  # a revised figure stands out
            cells[3:5] = [f"[bold]{c}[/bold]" for c in cells[3:5]]
        t.add_row(*cells)
    console.print(t)
    if revisions:
        t = Table(title=label("revisions", lang, n=len(revisions)), title_justify="left")
        for key in ("date", "id", "field", "month", "old", "new", "reason", "author"):
            t.add_column(label(key, lang), justify="right" if key in ("month", "old", "new") else "left",
                         overflow="fold" if key == "reason" else "ellipsis")
        for r in revisions:
            t.add_row(*(escape(c) for c in _revision_cells(r, lang)))
        console.print(t)


def render_html(fig: dict, lang: str) -> str:
    """The section as HTML (empty for a plan never frozen that has no revision)."""
    base = fig.get("baseline") or {}
    revisions = fig.get("revisions") or []
    if not base.get("date") and not revisions:
        return ""
    out = [f"<h2>{_e(label('section', lang))}</h2>"]
    if base.get("date"):
        frozen = label("frozen", lang, date=_show_date(base["date"], lang))
        out.append(f'<p class="sub">{_e(frozen[:1].upper() + frozen[1:])}</p>')
    rows = []
    for kind, iid, name, initial, revised, actual, vk in side_by_side(fig):
        name = label("total", lang) if kind == "budget" and name == "total" and not iid else name
        cells = [_e(_value(v, vk, lang)) for v in (initial, revised, actual)]
        if initial is not None and revised is not None and abs(initial - revised) > 1e-9:
            cells[:2] = [f"<b>{c}</b>" for c in cells[:2]]  # a revised figure stands out
        rows.append([_e(label(kind, lang).split(" (")[0]), _e(iid), _e(name), *cells])
    out.append(_table([label(k, lang) for k in ("item", "id", "label", "initial", "revised", "actual")],
                      rows, {3, 4, 5}))
    if revisions:
        out.append(f"<h2>{_e(label('revisions', lang, n=len(revisions)))}</h2>")
        out.append(_table([label(k, lang) for k in ("date", "id", "field", "month", "old", "new", "reason", "author")],
                          [[_e(c) for c in _revision_cells(r, lang)] for r in revisions], {3, 4, 5}))
    return "\n".join(out)
