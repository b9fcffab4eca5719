"""The report's customer figures: ABC on its basis, the potential classes, the ABC matrix,
retention and the coverage plan (the Customers sheet's blocks; rules in :mod:`pacxl.calc.customers`)."""

from __future__ import annotations

from typing import Any

from . import adjust
from .calc import customers as CU
from .calc._num import as_number
from .calc.pareto import CLASSES
from .errors import InputError
from .model import Plan


def thresholds(plan: Plan) -> tuple[float, float]:
    """The plan's ABC thresholds, the defaults when they are out of range (``check`` says so)."""
    from .calc.pareto import check_thresholds

    s = plan.settings
    try:
        return check_thresholds(s.abc_a, s.abc_b)
    except InputError:
        return CU.DEFAULT_A, CU.DEFAULT_B


def classes(plan: Plan) -> tuple[CU.AbcResult, list[str]]:
    """The ABC result on the plan's basis and each customer's potential class."""
    a, b = thresholds(plan)
    cs = plan.customers
    res = CU.abc_on_basis([c.amount for c in cs], [c.margin for c in cs], plan.settings.abc_basis, a, b)
    return res, CU.potential_classes([c.potential for c in cs], a, b)


def coverage_meetings(plan: Plan) -> float:
    """``PAC_CoverageMeetings``: the customers of each class x the visits per customer and year."""
    res, _ = classes(plan)
    counts = {c: int((res.classes == c).sum()) for c in CLASSES}
    return CU.coverage_meetings(counts, plan.settings.coverage_visits)


def customer_figures(plan: Plan) -> dict[str, Any]:
    """The ``customers`` section of the report."""
    from .report_reconcile import funnel_meetings

    cs = plan.customers
    res, potential = classes(plan)
    current = [str(c) for c in res.classes]
    counts = {c: current.count(c) for c in CLASSES}
    visits = (list(plan.settings.coverage_visits) + [None] * 3)[:3]
    meetings = CU.coverage_meetings(counts, visits)
    funnel = funnel_meetings(plan)
    weeks = adjust.working_weeks(plan)
    every = meetings + (funnel or 0.0)

    def per_week(x: float | None) -> float | None:
        return x / weeks if x is not None and weeks and weeks > 0 else None

    positive = [x for x in (as_number(c.potential) for c in cs) if x is not None and x > 0]
    return {
        "basis": plan.settings.abc_basis,
        "basis_total": res.total,
        "potential_total": float(sum(positive)),
        "potential_classes": {c: potential.count(c) for c in CLASSES},
        "matrix": CU.abc_matrix(current, potential, [c.amount for c in cs]),
        "retention": CU.retention([c.previous for c in cs], [c.amount for c in cs]),
        "coverage": {
            "visits": [as_number(v) for v in visits],
            "customers": counts,
            "meetings": meetings,
            "funnel_meetings": funnel,
            "all_meetings": every,
            "meetings_per_week": per_week(meetings),
            "funnel_meetings_per_week": per_week(funnel),
            "all_meetings_per_week": per_week(every),
        },
    }


# --- the terminal and HTML sections ----------------------------------------------------------------

def _label(key: str, lang: str, **kw: Any) -> str:
    from .messages import text

    return text(f"report.cu.{key}", lang, **kw)


def _blocks(fig: dict, lang: str, money, count, share, decimal) -> list[tuple[str, list[str], list[list[str]], set]]:
    """(title, headers, rows, numeric columns) of the section's tables."""
    from .messages import currency_symbol

    c = fig.get("customers")
    has_retention = any(v is not None for v in c["retention"].values()) if c else False
    if not c or (not fig["abc"]["customers"] and not has_retention):
        return []
    cur = currency_symbol(fig.get("currency") or "EUR")
    m = c["matrix"]
    matrix = [[f"{cls}"] + [f"{count(n)} ; {money(v)}" if lang == "fr" else f"{count(n)}; {money(v)}"
                            for n, v in zip(m["counts"][i], m["revenue"][i])] for i, cls in enumerate(CLASSES)]
    out = []
    if any(map(sum, m["counts"])):  # customers with a potential class
        out.append((_label("matrix", lang, currency=cur), [_label("current", lang)]
                    + [_label("potential", lang, cls=x) for x in CLASSES], matrix, {1, 2, 3}))
    r = c["retention"]
    if any(v is not None for v in r.values()):
        fmt = {"kept": count, "lost": count, "new": count, "revenue_retention": share, "churn_rate": share}
        out.append((_label("retention", lang, currency=cur), [_label("figure", lang), _label("value", lang)],
                    [[_label(k, lang), fmt.get(k, money)(v)] for k, v in r.items()], {1}))
    cov = c["coverage"]
    if all(v is None for v in cov["visits"]):  # no coverage plan typed
        return out
    rows = [[cls, count(cov["customers"][cls]), decimal(v), decimal(cov["customers"][cls] * (v or 0.0)), ""]
            for cls, v in zip(CLASSES, cov["visits"])]
    rows += [[_label(k, lang), "", "", decimal(cov[key]), decimal(cov[key + "_per_week"])]
             for k, key in (("total", "meetings"), ("funnel", "funnel_meetings"), ("all", "all_meetings"))]
    out.append((_label("coverage", lang), [_label(k, lang) for k in ("class", "customers", "visits", "meetings",
                                                                      "per_week")], rows, {1, 2, 3, 4}))
    return out


def _formats(lang: str):
    from .report_format import fmt_num, fmt_share

    def money(v):
        return "" if v is None else fmt_num(v, 0, lang)

    def count(v):
        return "" if v is None else fmt_num(v, 0, lang)

    def share(v):
        return "" if v is None else fmt_share(v, lang)

    def decimal(v):
        return "" if v is None else fmt_num(v, 1, lang)

    return money, count, share, decimal


def render_terminal(fig: dict, console, table, e, lang: str) -> None:
    """The section as rich tables (``table(title, columns)``: the report's table maker)."""
    for title, heads, rows, numeric in _blocks(fig, lang, *_formats(lang)):
        t = table(e(title), [(h, "num" if i in numeric else ("wide" if i == 0 else "text"))
                             for i, h in enumerate(heads)])
        for row in rows:
            t.add_row(*(e(str(x)) for x in row))
        console.print(t)


def render_html(fig: dict, lang: str) -> str:
    """The section as HTML tables (empty without customers)."""
    from .report_format import _e, _table

    blocks = _blocks(fig, lang, *_formats(lang))
    if not blocks:
        return ""
    basis = _label("basis", lang, basis=_label(f"basis_{fig['customers']['basis']}", lang))
    out = []
    for i, (title, heads, rows, numeric) in enumerate(blocks):
        out.append(f"<h2>{_e(title)}</h2>")
        if i == 0:
            out.append(f'<p class="legend">{_e(basis)}</p>')
        out.append(_table(heads, [[_e(x) for x in row] for row in rows], numeric))
    return "\n".join(out)
