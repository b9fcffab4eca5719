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


def reconciliation_lines(plan: Plan) -> list[R.Line]:
    """tblReconciliation's lines, their allocation and gap computed from their inputs."""
    return [R.line(x.salesperson.strip(), x.segment.strip(), x.plan, x.team_target, x.share, x.amount)
            for x in plan.reconciliation]


def observed_figures(plan: Plan) -> list[dict]:
    """tblReconciliationRates: per salesperson, each stage's actual to date, the observed rate to
    the next stage (a ratio of totals), the team's assumed rate of that stage and the difference."""
    stages = [s.strip().casefold() for s in adjust.stages(plan)]
    assumed = list(plan.settings.funnel_rates)
    by_person: dict[str, list] = {}
    for x in plan.stage_actuals:
        by_person.setdefault(R.key(x.salesperson), []).append(x)
    out = []
    for rows in by_person.values():
        observed = R.observed_from_totals([x.actual for x in rows])
        for i, x in enumerate(rows):
            last = i == len(rows) - 1
            pos = stages.index(x.stage.strip().casefold()) if x.stage.strip().casefold() in stages else None
            a = None if last or pos is None or pos >= len(assumed) or not is_number(assumed[pos]) else float(assumed[pos])
            o = None if last else observed[i]
            out.append({"salesperson": rows[0].salesperson.strip(), "stage": x.stage.strip(), "actual": x.actual,
                        "observed": o, "assumed": a, "difference": R.rate_gaps([o], [a])[0]})
    return out


def reconciliation_figures(plan: Plan) -> dict[str, Any] | None:
    """The ``reconciliation`` key of ``report --json``: lines, totals per salesperson and per
    segment, grand total, segment mix and observed rates; None without a reconciliation."""
    if not plan.reconciliation:
        return None
    rec = R.totals(reconciliation_lines(plan))

    def d(ln: R.Line, *keys: str) -> dict:
        out = {"salesperson": ln.person, "segment": ln.segment} if not keys else {k: getattr(ln, k) for k in keys}
        out.update({"plan": ln.plan, "allocation": ln.allocation, "gap": ln.gap, "gap_pct": ln.gap_pct})
        return out

    return {"lines": [d(ln) | {"gap_flagged": R.is_gap(ln.plan, ln.allocation)} for ln in rec.lines],
            "salespeople": [d(ln, "person") for ln in rec.people],
            "segments": [d(ln, "segment") for ln in rec.segments],
            "total": d(rec.total, "plan"),
            "mix": rec.mix,
            "observed_rates": observed_figures(plan)}
