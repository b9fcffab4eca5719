"""A team plan: the salespeople and an equal allocation of every segment (``pacxl new --team``)."""

from __future__ import annotations

from .calc.team import equal_shares
from .errors import InputError
from .model import Allocation, Plan, TeamMember
from .workbook.i18n import default_list


def team_names(value: str) -> list[str]:
    """``--team "Alice,Bob,Chloé"`` -> the names, stripped; a name given twice is refused."""
    names = [n.strip() for n in (value or "").split(",") if n.strip()]
    seen: set[str] = set()
    for n in names:
        if n.casefold() in seen:
            raise InputError(f"--team: {n!r} is given twice", fr=f"--team : {n!r} est donné deux fois")
        seen.add(n.casefold())
    if not names:
        raise InputError("--team: give the salespeople's names, comma-separated",
                         fr="--team : donnez les noms des commerciaux, séparés par des virgules")
    return names


def add_team(plan: Plan, names: list[str]) -> Plan:
    """``plan`` with one tblTeam row per name and, for every segment, one allocation row per
    name with equal shares adding up to exactly 100 %. The names become the action owners too."""
    segments = [s.name for s in plan.segments if s.name] or list(plan.settings.segments) \
        or default_list("segments", plan.settings.lang)
    plan.team = [TeamMember(salesperson=n) for n in names]
    shares = equal_shares(len(names))
    plan.allocations = [Allocation(salesperson=n, segment=seg, share=sh)
                        for seg in segments for n, sh in zip(names, shares)]
    owners = list(plan.settings.owners or [])
    plan.settings.owners = names + [o for o in owners if o.casefold() not in {n.casefold() for n in names}]
    return plan
