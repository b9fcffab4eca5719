"""``pacxl consolidate PLANS... --against TEAM.xlsx``: the plans back up against the team's
allocation (issue 15, "Up: reconcile").

:func:`against_team` reads the team plan and says whose each plan is (refusing unknown or
ambiguous plans before anything is written); :meth:`Against.apply` gives the consolidated plan the
team's funnel and Team sheet and computes the reconciliation (:mod:`pacxl.calc.reconcile`);
:meth:`Against.add_sheet` writes the Reconciliation sheet. Rules: docs/team.md.

**Whose plan is it?** A plan belongs to the team's salesperson (tblTeam, then tblAllocation names)
named by, in order: its Team sheet when it lists exactly one salesperson (the plans ``pacxl split``
writes do), its only owner (Settings), its file name (``Chloé.xlsx``, or ``split``'s safe file
name of the salesperson). Names compare without case, accents kept. Two of these naming two
different salespeople, a plan naming none of them, or two plans of one salesperson are refused.
"""

from __future__ import annotations

import copy
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import adjust
from .calc import reconcile as R
from .errors import InputError
from .messages import text
from .model import Plan


def _key(s: object) -> str:
    return R.key(unicodedata.normalize("NFC", str(s or "")))


def _candidates(path: str, plan: Plan) -> list[str]:
    """The names a plan gives for its salesperson, in order of trust."""
    out = []
    team = [m.salesperson for m in plan.team if str(m.salesperson).strip()]
    if len(team) == 1:
        out.append(team[0])
    owners = [o for o in plan.settings.owners if str(o).strip()]
    if len(owners) == 1:
        out.append(owners[0])
    if path:
        out.append(Path(path).stem)
    return out


def salesperson_of(path: str, plan: Plan, team: list[str], lang: str) -> str:
    """The team's salesperson a plan belongs to (see the module's rules); InputError otherwise."""
    from .split import safe_name

    by_key: dict[str, str] = {}
    for name in team:
        by_key.setdefault(_key(name), name)
        by_key.setdefault(_key(safe_name(name)), name)
    found: list[str] = []
    for cand in _candidates(path, plan):
        who = by_key.get(_key(cand))
        if who and who not in found:
            found.append(who)
    shown = Path(path).name if path else "plan"
    if len(found) > 1:
        raise InputError(text("reconcile.ambiguous", "en", file=shown, names=", ".join(found)),
                         fr=text("reconcile.ambiguous", "fr", file=shown, names=", ".join(found)))
    if not found:
        name = (_candidates(path, plan) or [shown])[0]
        raise InputError(text("reconcile.unknown", "en", file=shown, name=name, team=", ".join(team)),
                         fr=text("reconcile.unknown", "fr", file=shown, name=name, team=", ".join(team)))
    return found[0]


@dataclass
class Against:
    """The team plan a consolidation is reconciled with, and the names of the plans' owners."""

    path: Path
    team: Plan
    names: list[str]  #: the salesperson of each plan read, in order
    result: R.Reconciliation | None = None
    stages: list[tuple[str, str, object]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  #: salespeople without a plan

    def apply(self, merged: Plan, people, lang: str) -> list[str]:
        """Give ``merged`` the team's funnel (stages, rates, lags) and Team sheet (tblTeam,
        tblAllocation) and compute the reconciliation of ``people``'s plans; the notes to add."""
        t = self.team.settings
        s = merged.settings
        notes = []
        if (s.funnel_stages, s.funnel_rates) != (t.funnel_stages, t.funnel_rates):
            notes.append(text("reconcile.rates_from_team", lang, path=self.path.name))
        s.funnel_stages, s.funnel_rates = list(t.funnel_stages), list(t.funnel_rates)
        s.funnel_lags = list(t.funnel_lags)
        merged.team = copy.deepcopy(self.team.team)
        merged.allocations = copy.deepcopy(self.team.allocations)
        unsplit = text("reconcile.unsplit", lang)
        plans = {}
        for p in people:
            targets = R.segment_targets(p.plan.settings.revenue_target,
                                        [(sg.name, sg.share) for sg in p.plan.segments])
            plans[p.name] = {(k or unsplit): v for k, v in targets.items()}
        from .report_reconcile import team_segment_targets

        allocations = [(a.salesperson, a.segment, a.share, a.amount) for a in self.team.allocations
                       if str(a.salesperson).strip() and str(a.segment).strip()]
        self.result = R.reconcile(plans, allocations, team_segment_targets(self.team))
        merged.reconciliation = [_model_line(ln) for ln in self.result.lines]
        self.stages = []
        for p in people:
            actuals = adjust.stage_actuals(p.plan)
            if any(a is not None for a in actuals):
                self.stages += [(p.name, st, a) for st, a in zip(adjust.stages(p.plan), actuals)]
        from .model import StageActual

        merged.stage_actuals = [StageActual(*x) for x in self.stages]
        have = {_key(p.name) for p in people}
        self.missing = [n for n in _team_names(self.team) if _key(n) not in have]
        if self.missing:
            notes.append(text("reconcile.missing", lang, names=", ".join(self.missing)))
        return notes

    def add_sheet(self, wb, lang: str, currency: str) -> None:
        """The Reconciliation sheet, after the standard sheets."""
        from .workbook.sheets import reconciliation

        rec = self.result
        inputs = reconciliation.Inputs(rec.lines, self.stages, [ln.person for ln in rec.people],
                                       [ln.segment for ln in rec.segments], self.path.name)
        reconciliation.build(wb, inputs, lang, currency)

    def gaps(self) -> int:
        return sum(1 for ln in self.result.lines if R.is_gap(ln.plan, ln.allocation)) if self.result else 0


def _model_line(ln: R.Line):
    from .model import ReconciliationLine

    return ReconciliationLine(ln.person, ln.segment, ln.plan, ln.team_target, ln.share, ln.amount)


def _team_names(team: Plan) -> list[str]:
    from .split import salespeople

    return salespeople(team)


def against_team(against: str | Path, read: list[tuple[str, Plan]], lang: str | None = None) -> Against:
    """Read the team plan ``against`` and name the salesperson of each of the ``read`` plans
    (``[(file, plan)]``); InputError (nothing written) for a plan that names no salesperson of the
    team, or two, for two plans of one salesperson, and for a team plan without allocation."""
    from .workbook.read import read_plan

    path = Path(against)
    for f, _ in read:
        if Path(f).resolve() == path.resolve():
            raise InputError(text("reconcile.against_is_input", "en", path=path),
                             fr=text("reconcile.against_is_input", "fr", path=path))
    team = read_plan(path)
    lang = lang or (read[0][1].settings.lang if read else team.settings.lang)
    names = _team_names(team)
    if not team.allocations or not names:
        raise InputError(text("reconcile.no_team", "en", path=path), fr=text("reconcile.no_team", "fr", path=path))
    owners = [salesperson_of(f, plan, names, lang) for f, plan in read]
    seen: dict[str, list[str]] = {}
    for (f, _), who in zip(read, owners):
        seen.setdefault(who, []).append(Path(f).name)
    for who, files in seen.items():
        if len(files) > 1:
            raise InputError(text("reconcile.twice", "en", name=who, files=", ".join(files)),
                             fr=text("reconcile.twice", "fr", name=who, files=" ; ".join(files)))
    return Against(path, team, owners)
