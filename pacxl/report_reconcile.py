"""The team's figures of issue 15 for ``report``, ``check`` and the dashboard: the reconciliation
held by a team workbook (``consolidate --against``) and the capacity of each salesperson.

Figures come from :mod:`pacxl.calc.reconcile` and :mod:`pacxl.calc.team_capacity` applied to a
:class:`pacxl.model.Plan` as the workbook's native formulas apply them to its cells (Team sheet's
capacity columns, Reconciliation sheet).
"""

from __future__ import annotations

from typing import Any

from . import adjust, calc
from .calc import reconcile as R
from .calc import team_capacity as T
from .calc._num import is_number
from .calc.team import Part, salesperson_targets
from .model import Plan


def team_segment_targets(plan: Plan) -> dict[str, float]:
    """The Targets sheet's revenue per segment: revenue target x share (segments with both)."""
    s = plan.settings
    if not is_number(s.revenue_target):
        return {}
    return {seg.name.strip(): float(s.revenue_target) * float(seg.share)
            for seg in plan.segments if seg.name.strip() and is_number(seg.share)}


def allocated_targets(plan: Plan) -> dict[str, float]:
    """salesperson -> their allocated target (the Team sheet's target per salesperson)."""
    parts = [Part(a.salesperson, a.segment, a.share, a.amount) for a in plan.allocations]
    return salesperson_targets(parts, team_segment_targets(plan))


def funnel_meetings(plan: Plan) -> float | None:
    """The yearly volume of the funnel's meeting stage (``INDEX(PAC_FunnelVolumes,2)``)."""
    deals, rates = adjust._deals(plan), adjust.assumed_rates(plan)
    if deals is None or rates is None:
        return None
    return T.meetings_of_funnel(calc.required_volumes(deals, rates))


def coverage_meetings(plan: Plan) -> float:
    """The customer coverage plan's meetings per year (``PAC_CoverageMeetings``; 0 without one)."""
    return 0.0


def capacity_figures(plan: Plan) -> dict[str, Any] | None:
    """Per tblTeam salesperson: share of the team's target, meetings needed per working week,
    load (the Team sheet's capacity columns); None when the plan has no team."""
    members = [m for m in plan.team if m.salesperson.strip()]
    if not members:
        return None
    targets = allocated_targets(plan)
    by_key = {R.key(k): v for k, v in targets.items()}
    meetings, weeks, coverage = funnel_meetings(plan), adjust.working_weeks(plan), coverage_meetings(plan)
    rows = T.capacity_rows([(m.salesperson.strip(), m.meetings_per_week, by_key.get(R.key(m.salesperson), 0.0))
                            for m in members], plan.settings.revenue_target, meetings, weeks, coverage)
    return {"meetings_per_year": meetings, "coverage_meetings": coverage, "working_weeks": weeks,
            "people": rows}
