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
