"""Can the team carry the meetings its plan needs? (issue 15, "Capacity").

Per salesperson:

* **share**: their allocated revenue over the team's revenue target (what they carry of it);
* **need per week** = share x (meetings of the funnel + meetings of the customer coverage plan)
  / working weeks of the plan year. The funnel's meetings are the yearly volume of its second
  stage (``PAC_FunnelVolumes``, the first meeting, R1, in the default funnel); the coverage plan's
  are ``PAC_CoverageMeetings`` (visits or calls per customer and class over a year, 0 without
  one); working weeks are the plan months' working days / 5 (:mod:`pacxl.calc.workdays`);
* **load** = need per week / the meetings per week they can hold (tblTeam); above 100 % the
  salesperson is overloaded (``check``: team-overload).

Native twins: :mod:`pacxl.workbook.formulas_capacity`.
"""

from __future__ import annotations

from collections.abc import Sequence

from ._num import NOISE_DECIMALS, as_number

#: The funnel stage whose volume counts as meetings (0-based): the second, e.g. "R1".
MEETING_STAGE = 1

#: Above this load a salesperson is overloaded.
OVERLOAD = 1.0


def meetings_of_funnel(volumes: Sequence[object] | None) -> float | None:
    """The yearly volume of the meeting stage (the second); blank when the funnel has none."""
    if not volumes or len(volumes) <= MEETING_STAGE:
        return None
    return as_number(volumes[MEETING_STAGE])


def share(allocated_total: object, team_target: object) -> float | None:
    """What a salesperson carries of the team's target: allocated / target (blank when the target
    is 0 or blank; no allocation counts 0)."""
    t = as_number(team_target)
    if t is None or t == 0:
        return None
    return (as_number(allocated_total) or 0.0) / t


def weekly_need(meetings: object, person_share: object, weeks: object, coverage: object = 0.0) -> float | None:
    """Meetings per working week a salesperson's part needs:
    ``share x (meetings + coverage) / weeks``; blank without a share, meetings or working weeks
    (a blank coverage counts 0)."""
    m, s, w = as_number(meetings), as_number(person_share), as_number(weeks)
    if m is None or s is None or w is None or w <= 0:
        return None
    return s * (m + (as_number(coverage) or 0.0)) / w


def load(need: object, capacity: object) -> float | None:
    """need / capacity (meetings per week they can hold); blank when either is blank or the
    capacity is 0 or less."""
    n, c = as_number(need), as_number(capacity)
    if n is None or c is None or c <= 0:
        return None
    return n / c


def overloaded(value: object) -> bool:
    """True when a load is above 100 % (rounded to 9 decimals, twin ``ROUND(x, 9)>1``)."""
    v = as_number(value)
    return v is not None and round(v, NOISE_DECIMALS) > OVERLOAD


def capacity_rows(
    people: Sequence[tuple[str, object, object]],
    team_target: object,
    meetings: object,
    weeks: object,
    coverage: object = 0.0,
) -> list[dict]:
    """One row per ``(salesperson, meetings per week they can hold, allocated total)``: share,
    need per week, load and whether they are overloaded."""
    out = []
    for name, per_week, allocated_total in people:
        s = share(allocated_total, team_target)
        need = weekly_need(meetings, s, weeks, coverage)
        ld = load(need, per_week)
        out.append({"salesperson": name, "meetings_per_week": as_number(per_week), "share": s,
                    "need_per_week": need, "load": ld, "overloaded": overloaded(ld)})
    return out
