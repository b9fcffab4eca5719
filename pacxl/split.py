"""``pacxl split``: one individual plan per salesperson from a team plan (Team sheet).

Each salesperson's plan (a full pacxl workbook, written by the ordinary generator from a
:class:`pacxl.model.Plan`) holds:

* their **revenue target**: per segment, their share (or amount) of the segment's target, split
  to the cent so that the parts add up exactly to the segment's target (largest remainder); the
  team's seasonality is kept, so their monthly targets add up to the team's;
* their **funnel**: the team's deals to sign split in whole deals in proportion to their revenue
  target (the parts add up exactly), the team's average deal and rates;
* their **KPI plans**: every KPI that adds up (revenue, count, cost) split month by month in
  proportion to their target, counts in whole units, amounts to the cent, parts adding up
  exactly; the revenue KPI that follows the seasonality keeps following their own target; rate
  KPIs are copied;
* the **objectives and actions they own** (owner = their name), and their **budget**: a line
  linked to one of their actions is theirs in full; every other line (linked to no one's
  action) is split to the cent in proportion to their target, so that ``pacxl consolidate``
  gives the team's budget back;
* the team's **SWOT and targets** (segments, personas), copied and locked read-only.

Nothing is written unless every file can be: allocations that do not make 100 % per segment are
refused (one line naming the segment and the sum), existing files without ``--force`` too.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from pathlib import Path

from .adjust import deals_target
from .calc import team as T
from .calc._num import is_number
from .calc.seasonality import used_profile
from .calc.variance import kpi_kind
from .errors import FileExistsError_, InputError
from .model import Allocation, Plan, TeamMember

#: KPI kinds whose monthly figures add up across salespeople.
SUM_KINDS = ("revenue", "count", "cost")
#: Windows' reserved device names (a file named so cannot be created there).
RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
#: Sheets of the team copied read-only into each individual plan.
SHARED_ROLES = ("swot", "targets")


def safe_name(name: str) -> str:
    """A file name stem from a salesperson's name: accents kept, path separators, control and
    Windows-forbidden characters replaced by ``_``, no leading/trailing dots or spaces, no
    reserved device name (``CON`` -> ``CON_``)."""
    s = unicodedata.normalize("NFC", name)
    s = re.sub(r'[\x00-\x1f<>:"/\\|?*]', "_", s).strip(" .")
    if not s:
        s = "_"
    if s.split(".")[0].casefold() in RESERVED:
        s += "_"
    return s[:100]


def file_names(names: list[str]) -> list[str]:
    """``<name>.xlsx`` per salesperson, unique regardless of case (``Anne.xlsx``, ``Anne-2.xlsx``)."""
    out, taken = [], set()
    for n in names:
        stem = safe_name(n)
        cand, i = stem, 2
        while cand.casefold() in taken:
            cand, i = f"{stem}-{i}", i + 1
        taken.add(cand.casefold())
        out.append(cand + ".xlsx")
    return out


def _key(s: object) -> str:
    return str(s or "").strip().casefold()


def segment_targets(plan: Plan) -> dict[str, float]:
    """Each segment's revenue target: its share x the revenue target (0 without them)."""
    goal = float(plan.settings.revenue_target) if is_number(plan.settings.revenue_target) else 0.0
    return {sg.name: (float(sg.share) * goal if is_number(sg.share) else 0.0) for sg in plan.segments if sg.name}


def _parts(plan: Plan) -> list[T.Part]:
    return [T.Part(a.salesperson, a.segment, a.share, a.amount, a.business) for a in plan.allocations]


def check_allocations(plan: Plan, lang: str) -> None:
    """InputError naming the first segment whose allocation does not make 100 %."""
    errors = T.allocation_errors(_parts(plan), segment_targets(plan))
    if errors:
        seg, total = errors[0]
        pct = f"{total * 100:.2f}".replace(".", ",") if lang == "fr" else f"{total * 100:.2f}"
        raise InputError(
            f"segment {seg}: its allocation adds up to {pct} % of its target, not 100 %; nothing was written",
            fr=f"segment {seg} : sa répartition fait {pct} % de son objectif, pas 100 % ; rien n'a été écrit")


def salespeople(plan: Plan) -> list[str]:
    """The team's salespeople: tblTeam's names, then names only tblAllocation gives."""
    names: list[str] = []
    for n in [m.salesperson for m in plan.team] + [a.salesperson for a in plan.allocations]:
        if n.strip() and _key(n) not in {_key(x) for x in names}:
            names.append(n.strip())
    return names


def split_plan(team: Plan) -> list[tuple[str, Plan]]:
    """(salesperson, their plan) for every salesperson of ``team`` (allocations checked first)."""
    lang = team.settings.lang
    check_allocations(team, lang)
    people = salespeople(team)
    if not people:
        raise InputError("the team plan names no salesperson (Team sheet, tblTeam)",
                         fr="le plan d'équipe ne nomme aucun commercial (feuille Équipe, tblTeam)")
    seg_targets = segment_targets(team)
    fractions = T.salesperson_fractions(_parts(team), seg_targets)
    fractions = {p: next((v for k, v in fractions.items() if _key(k) == _key(p)), {}) for p in people}
    targets = T.split_targets(seg_targets, fractions, people)
    weights = T.person_weights(targets, people)
    if not any(weights):  # no revenue target: the shares of the segments, averaged
        weights = [sum(fractions[p].values()) for p in people]
    s = team.settings
    try:
        deals = deals_target(s)
    except InputError:
        deals = None
    deal_parts = T.split_count(deals, weights) if deals is not None else [None] * len(people)
    profile = used_profile(s.seasonality, team.review.monthly_revenue)

    plans = [_base(team, p, targets[p], d, profile, T.business_mix(_parts(team), seg_targets, p))
             for p, d in zip(people, deal_parts)]
    _split_kpis(team, plans, weights, profile)
    _split_work(team, people, plans, weights)
    return list(zip(people, plans))


def _base(team: Plan, person: str, targets: dict[str, float], deals, profile: list[float],
          mix: dict[str, list[tuple[str, float]]]) -> Plan:
    p = Plan(settings=copy.deepcopy(team.settings), review=copy.deepcopy(team.review),
             swot=copy.deepcopy(team.swot), key_dates=copy.deepcopy(team.key_dates))
    s = p.settings
    total = round(sum(targets.values()), 2)
    has_goal = is_number(team.settings.revenue_target)
    s.revenue_target = total if has_goal else None
    s.deals_target = int(deals) if deals is not None else None
    # the seasonality the team uses, typed: kept when the plans are consolidated again
    s.seasonality = list(profile)
    p.segments = []
    for sg in team.segments:
        sg2 = copy.copy(sg)
        if has_goal:
            sg2.share = (targets.get(sg.name, 0.0) / total) if total else 0.0
        p.segments.append(sg2)
    p.customers = []
    member = next((m for m in team.team if _key(m.salesperson) == _key(person)), TeamMember(person))
    p.team = [copy.copy(member)]
    # their own allocation: all of each of their segments, split between new and existing
    # business as the team plan splits their part
    p.allocations = []
    for seg, v in targets.items():
        if not v:
            continue
        kinds = mix.get(seg) or [(T.UNSPECIFIED, 1.0)]
        p.allocations += [Allocation(person, seg, share, None, "" if k == T.UNSPECIFIED else k) for k, share in kinds]
    return p


def _split_kpis(team: Plan, plans: list[Plan], weights: list[float], profile: list[float]) -> None:
    goal = team.settings.revenue_target
    for k in team.kpis:
        try:
            kind = kpi_kind(k.kind)
        except InputError:
            kind = ""
        seasonal = kind == "revenue" and is_number(goal) and all(
            is_number(v) and abs(v - goal * w) < 1e-6 for v, w in zip(k.plan, profile))
        if kind in SUM_KINDS:
            whole = kind == "count"
            plan_parts = T.split_months(k.plan, weights, whole=whole)
            actual_parts = T.split_months(k.actual, weights, whole=whole)
        for i, p in enumerate(plans):
            k2 = copy.deepcopy(k)
            if seasonal:
                k2.plan = [None] * 12  # follows their own target and the seasonality
            elif kind in SUM_KINDS:
                k2.plan, k2.actual = plan_parts[i], actual_parts[i]
            p.kpis.append(k2)


def _split_work(team: Plan, people: list[str], plans: list[Plan], weights: list[float]) -> None:
    owner_of = {_key(p): i for i, p in enumerate(people)}
    objective_home: dict[str, int] = {}
    for o in team.objectives:
        i = owner_of.get(_key(o.owner))
        if i is not None:
            plans[i].objectives.append(copy.copy(o))
            objective_home[_key(o.id)] = i
    action_home: dict[str, int] = {}
    for a in team.actions:
        i = owner_of.get(_key(a.owner))
        if i is not None:
            a2 = copy.copy(a)
            if _key(a.objective_id) and objective_home.get(_key(a.objective_id)) != i:
                a2.objective_id = ""
            plans[i].actions.append(a2)
            action_home[_key(a.id)] = i
    for line in team.budget:
        i = action_home.get(_key(line.action_id))
        if i is not None:
            plans[i].budget.append(copy.deepcopy(line))
            continue
        month_parts = T.split_months(line.months, weights, whole=False)
        actual_parts = T.split_amount(line.actual, weights) if is_number(line.actual) else [None] * len(people)
        for j, p in enumerate(plans):
            l2 = copy.deepcopy(line)
            l2.action_id = ""
            l2.months, l2.actual = month_parts[j], actual_parts[j]
            p.budget.append(l2)
    for j, p in enumerate(plans):  # a KPI's objective that is not theirs: unlinked
        mine = {_key(o.id) for o in p.objectives}
        for k in p.kpis:
            if _key(k.objective_id) and _key(k.objective_id) not in mine:
                k.objective_id = ""


def lock_shared(wb, lang: str) -> None:
    """Lock every cell of the team's shared sheets (SWOT, targets): read-only, protected."""
    from openpyxl.styles import Protection

    from .workbook.contract import sheet_title

    for role in SHARED_ROLES:
        title = sheet_title(role, lang)
        if title not in wb.sheetnames:
            continue
        ws = wb[title]
        for row in ws.iter_rows():
            for cell in row:
                if cell.protection.locked is False:
                    cell.protection = Protection(locked=True, hidden=cell.protection.hidden)
        ws.protection.sheet = True
        ws.data_validations.dataValidation = []


def split_file(team_path: str | Path, folder: str | Path, *, force: bool = False,
               lang: str | None = None) -> list[Path]:
    """Write one plan per salesperson of the team workbook into ``folder``; the paths written."""
    from .workbook.build import make_workbook, save_atomic
    from .workbook.read import read_plan

    team = read_plan(team_path)
    if lang:
        team.settings.lang = lang
    parts = split_plan(team)
    out = Path(folder)
    paths = [out / n for n in file_names([name for name, _ in parts])]
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} is not a folder", fr=f"{out} n'est pas un dossier")
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        raise FileExistsError_(
            f"{existing[0]} exists already: use --force to overwrite it; nothing was written",
            fr=f"{existing[0]} existe déjà : utilisez --force pour le remplacer ; rien n'a été écrit")
    books = []
    for _, plan in parts:
        wb = make_workbook(plan)
        lock_shared(wb, plan.settings.lang)
        books.append(wb)
    out.mkdir(parents=True, exist_ok=True)
    for wb, path in zip(books, paths):
        save_atomic(wb, path, values="shipped")
    return paths
