"""Native twins of :mod:`pacxl.calc.team_capacity`: tblTeam's capacity columns (Team sheet).

=====================================  ==================================================
native formula                         calc function
=====================================  ==================================================
tblTeam share                          :func:`pacxl.calc.team_capacity.share` of
                                       :func:`pacxl.calc.team.salesperson_targets`
tblTeam need_per_week                  :func:`pacxl.calc.team_capacity.weekly_need`
tblTeam load                           :func:`pacxl.calc.team_capacity.load`
=====================================  ==================================================

The meetings are the funnel's second stage (``INDEX(PAC_FunnelVolumes,2)``) plus the coverage
plan's meetings (:data:`COVERAGE`); working weeks are ``SUM(PAC_WorkingDays)/5``, as on the
Funnel sheet. Classic functions only.
"""

from __future__ import annotations

from . import formulas_team
from .contract import SHEETS

#: The customer coverage plan's meetings per year, as a formula term (the Customers sheet's
#: ``PAC_CoverageMeetings``; N() counts a blank or text 0).
COVERAGE = "N(PAC_CoverageMeetings)"

#: The funnel's meeting stage (1-based position in PAC_FunnelVolumes).
MEETINGS = f"INDEX(PAC_FunnelVolumes,{2})"
WEEKS = "(SUM(PAC_WorkingDays)/5)"


def _targets(lang: str) -> tuple[str, str]:
    """The Targets sheet's segment names and segment targets (absolute references)."""
    from .sheets import targets as targets_sheet  # (the sheets import the formulas)

    title = "'" + SHEETS["targets"][lang].replace("'", "''") + "'"
    first, last = targets_sheet.HEADER + 1, targets_sheet.HEADER + targets_sheet.CAPACITY
    return f"{title}!$A${first}:$A${last}", f"{title}!$E${first}:$E${last}"


def _team(g, lang: str) -> dict:
    c = g.letters
    segments, targets = _targets(lang)

    def share(r, _f, _l):
        name = f'{c["salesperson"]}{r}'
        target = formulas_team.salesperson_target(name, segments, targets)[1:]  # (without its "=")
        return (f'=IF(OR({name}="",NOT(ISNUMBER(PAC_RevenueTarget))),"",'
                f'IF(PAC_RevenueTarget=0,"",({target})/PAC_RevenueTarget))')

    def need(r, _f, _l):
        s = f'{c["share"]}{r}'
        return (f'=IF(OR(NOT(ISNUMBER({s})),NOT(ISNUMBER({MEETINGS})),SUM(PAC_WorkingDays)<=0),"",'
                f'{s}*({MEETINGS}+{COVERAGE})/{WEEKS})')

    def load(r, _f, _l):
        n, cap = f'{c["need_per_week"]}{r}', f'{c["meetings_per_week"]}{r}'
        return f'=IF(OR(NOT(ISNUMBER({n})),NOT(ISNUMBER({cap}))),"",IF({cap}<=0,"",{n}/{cap}))'

    return {"share": share, "need_per_week": need, "load": load}


#: Formula makers of tblTeam's computed columns (merged into formulas._BUILDERS after the team's).
BUILDERS = {"tblTeam": _team}
