"""Up from the individual plans to the team's: allocations against plans, gaps, segment mix and
the salespeople's observed conversion rates (issue 15, "Up: reconcile").

* A salesperson's **allocation** on a segment is their share of the segment's team target
  (``share x team revenue target x segment share``) plus the amount typed, as the Team sheet
  counts it.
* Their **plan** on a segment is their own plan's revenue target split by its segment shares;
  what the shares leave unsplit (shares adding up to less than 100 %, or none typed) is shown on
  a segment named ``""`` (not split by segment), so that a person's plan total is always their
  revenue target.
* **Gap** = plan - allocation (a blank side counts 0); **gap %** = gap / allocation (blank when
  the allocation is 0 or blank). A negative gap: the salesperson plans less than allocated.
* **Mix**: each segment's share of the plans' total against its share of the team's target.
* **Observed rates** of each salesperson: stage i+1's actuals to date over stage i's (a ratio
  of totals, :func:`pacxl.calc.followup.observed_rates`), beside the team's assumed rates.

Names (salespeople, segments) compare without case and surrounding spaces, as ``SUMIFS`` does.
Native twins: :mod:`pacxl.workbook.sheets.reconciliation`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ._num import as_number
from .followup import observed_rates
from .kpi import ratio
from .team import split_amount

#: Relative noise under which two amounts are equal (a gap of 1e-9 x the allocation is no gap).
NOISE = 1e-9


def key(name: object) -> str:
    """How names compare: without case and surrounding spaces (``SUMIFS``, ``MATCH``)."""
    return " ".join(str(name or "").split()).casefold()


def allocated(share: object, amount: object, segment_target: object) -> float | None:
    """The allocation of one row, as the Team sheet counts it (:func:`pacxl.calc.team.
    salesperson_targets`): share x the segment's team target, plus the amount typed; blank when
    the row has neither (a segment without a target counts 0)."""
    s, a = as_number(share), as_number(amount)
    if s is None and a is None:
        return None
    return (s * (as_number(segment_target) or 0.0) if s is not None else 0.0) + (a or 0.0)


def segment_targets(revenue_target: object, shares: Iterable[tuple[str, object]]) -> dict[str, float]:
    """``{segment: revenue target x share}`` for the segments with a share, in cents adding up to
    the target (largest remainder, :func:`pacxl.calc.team.split_amount`); what the shares leave
    (1 - their sum, when above noise) goes to segment ``""``. Empty without a revenue target.
    Shares below 0 or adding up to more than 1 are not rounded (nothing adds up then)."""
    total = as_number(revenue_target)
    if total is None:
        return {}
    names: list[str] = []
    weights: list[float] = []
    for name, share in shares:
        s = as_number(share)
        if s is None or not key(name):
            continue
        names.append(str(name).strip())
        weights.append(s)
    rest = 1 - sum(weights)
    if abs(rest) > NOISE:
        names.append("")
        weights.append(rest)
    if not weights:
        return {}
    if min(weights) >= 0 and sum(weights) > 0:
        parts = split_amount(total, weights)
    else:
        parts = [total * w for w in weights]
    out: dict[str, float] = {}
    for name, v in zip(names, parts):
        out[name] = out.get(name, 0.0) + v
    return out


def gap(plan: object, allocation: object) -> float:
    """plan - allocation, a blank side counting 0."""
    return (as_number(plan) or 0.0) - (as_number(allocation) or 0.0)


def gap_pct(plan: object, allocation: object) -> float | None:
    """The gap over the allocation; blank when the allocation is 0 or blank."""
    a = as_number(allocation)
    if a is None or a == 0:
        return None
    return gap(plan, a) / a


def is_gap(plan: object, allocation: object) -> bool:
    """True when plan and allocation differ by more than a cent (the currency's smallest unit)."""
    return round(abs(gap(plan, allocation)), 2) >= 0.01


@dataclass(frozen=True)
class Line:
    person: str
    segment: str
    plan: float  #: the person's plan on the segment (0 when their plan has none)
    allocation: float | None  #: blank when nothing is allocated to them on the segment
    gap: float
    gap_pct: float | None
    team_target: float | None = None  #: the team's target of the segment (lines only)
    share: float | None = None  #: allocated share (lines only; blank when an amount is typed)
    amount: float | None = None  #: allocated amount typed (lines only)


@dataclass
class Reconciliation:
    lines: list[Line]
    people: list[Line]  #: one total per salesperson (segment "")
    segments: list[Line]  #: one total per segment (person "")
    total: Line
    mix: list[dict] = field(default_factory=list)  #: segment, plan_share, team_share, difference


def line(person: str, segment: str, plan: object, team_target: object = None, share: object = None,
         amount: object = None) -> Line:
    """One person x segment line from its inputs: the allocation (:func:`allocated`), gap, gap %."""
    p = as_number(plan) or 0.0
    a = allocated(share, amount, team_target)
    return Line(person, segment, p, a, gap(p, a), gap_pct(p, a), as_number(team_target), as_number(share),
                as_number(amount))


def _total(person: str, segment: str, plan: float, allocation: float | None) -> Line:
    return Line(person, segment, plan, allocation, gap(plan, allocation), gap_pct(plan, allocation))


def _sum(values: Iterable[float | None]) -> float | None:
    nums = [v for v in values if v is not None]
    return sum(nums) if nums else None


def reconcile(
    plans: Mapping[str, Mapping[str, float]],
    allocations: Sequence[tuple[str, str, object, object]],
    team_segments: Mapping[str, float],
) -> Reconciliation:
    """The reconciliation of ``plans`` (``{person: {segment: plan target}}``, from
    :func:`segment_targets`) with ``allocations`` (``(person, segment, share, amount)`` rows)
    given the team's segment targets ``team_segments`` (``{segment: target}``).

    One line per person x segment: the allocation rows in their order, then the plans' segments
    that nothing allocates. Rows of the same person and segment are one line whose amount is
    their allocations' sum. A person or segment keeps the spelling it first appears with."""
    seg_target = {key(s): t for s, t in team_segments.items()}
    spelling: dict[str, str] = {}

    def name(x: object) -> str:
        return spelling.setdefault(key(x), " ".join(str(x or "").split()))

    for s in team_segments:
        name(s)
    order: dict[tuple[str, str], tuple[str, str]] = {}
    alloc: dict[tuple[str, str], list[tuple[object, object]]] = {}
    for person, segment, share, amount in allocations:
        k = (key(person), key(segment))
        order.setdefault(k, (name(person), name(segment)))
        alloc.setdefault(k, []).append((share, amount))
    plan_by: dict[tuple[str, str], float] = {}
    for person, by_segment in plans.items():
        for segment, target in by_segment.items():
            k = (key(person), key(segment))
            order.setdefault(k, (name(person), name(segment)))
            plan_by[k] = plan_by.get(k, 0.0) + float(target)
    lines = []
    for k, (p, s) in order.items():
        rows = alloc.get(k, [])
        target = seg_target.get(k[1])
        if len(rows) == 1:
            share, amount = rows[0]
        elif rows:
            share, amount = None, _sum(allocated(sh, am, target) for sh, am in rows)
        else:
            share = amount = None
        lines.append(line(p, s, plan_by.get(k, 0.0), target, share, amount))
    return totals(lines)


def totals(lines: Sequence[Line]) -> Reconciliation:
    """The totals per salesperson and per segment, the grand total and the mix of ``lines``
    (the team's target of a segment: its lines' ``team_target``, blank counting 0)."""
    lines = list(lines)

    def group(by_person: bool) -> list[Line]:
        groups: dict[str, list[Line]] = {}
        names: dict[str, str] = {}
        for ln in lines:
            g = key(ln.person if by_person else ln.segment)
            groups.setdefault(g, []).append(ln)
            names.setdefault(g, ln.person if by_person else ln.segment)
        out = []
        for g, lns in groups.items():
            plan = sum(ln.plan for ln in lns)
            allocation = _sum(ln.allocation for ln in lns)
            out.append(_total(names[g], "", plan, allocation) if by_person else _total("", names[g], plan, allocation))
        return out

    people, segments = group(True), group(False)
    team: dict[str, float] = {}
    for ln in lines:
        team.setdefault(key(ln.segment), ln.team_target or 0.0)
    total = _total("", "", sum(ln.plan for ln in lines), _sum(ln.allocation for ln in lines))
    return Reconciliation(lines, people, segments, total, mix(segments, team))


def mix(segments: Sequence[Line], team_segments: Mapping[str, float]) -> list[dict]:
    """Per segment of ``segments`` (totals): its share of the plans' total (``plan_share``), its
    share of the team's target (``team_share``: its team target over those of the segments
    listed) and ``difference`` = plan_share - team_share (blank when a side is blank)."""
    plan_total = sum(ln.plan for ln in segments)
    by_key = {key(s): t for s, t in team_segments.items()}
    team_total = sum(by_key.get(key(ln.segment), 0.0) for ln in segments)
    out = []
    for ln in segments:
        p = ratio(ln.plan, plan_total)
        t = ratio(by_key.get(key(ln.segment), 0.0), team_total)
        out.append({"segment": ln.segment, "plan_share": p, "team_share": t,
                    "difference": None if p is None or t is None else p - t})
    return out


def observed_from_totals(actuals: Sequence[object]) -> list[float | None]:
    """Observed rate of each transition from each stage's actual to date (a ratio of totals)."""
    return observed_rates([[v] for v in actuals], 1)


def observed_by_person(stage_actuals: Mapping[str, Sequence[object]], month: int) -> dict[str, list[float | None]]:
    """``{person: [observed rate of each transition]}`` from each person's stage actuals by month
    (``[[month figures] per stage]``), months 1..``month``."""
    return {person: observed_rates(rows, month) for person, rows in stage_actuals.items()}


def rate_gaps(observed: Sequence[object], assumed: Sequence[object]) -> list[float | None]:
    """Observed - assumed rate per transition (blank when either is blank)."""
    out = []
    for o, a in zip(observed, assumed):
        o2, a2 = as_number(o), as_number(a)
        out.append(None if o2 is None or a2 is None else o2 - a2)
    return out
