"""``pacxl consolidate``: roll individual plans (one per salesperson) into the team's plan.

:func:`merge_plans` is pure: it takes ``(person, Plan)`` pairs and returns the team
:class:`pacxl.model.Plan` (rules in docs/consolidate.md). :func:`consolidate_files` reads the
workbooks (skipping, with a reason, those that are not pacxl workbooks or are damaged), merges
them, writes the team workbook with the generator and adds one sheet per person.
"""

from __future__ import annotations

import copy
import dataclasses
import gc
import datetime as dt
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .align import aligned_plans
from .calc._num import is_number
from .calc.variance import kpi_kind
from .check import deals_target, plan_as_of, status_position, statuses
from .errors import FileExistsError_, InputError, PacxlError, Said, os_reason
from .messages import TEXTS, lang_of, text
from .model import KPI, BudgetLine, Customer, KeyDate, Plan, ReviewLine, Segment
from .workbook.i18n import default_list

#: KPI kinds that add up across people; the others (rates) are listed per person.
SUM_KINDS = ("revenue", "count", "cost")


@dataclass
class Person:
    name: str  #: who the plan belongs to
    code: str  #: short unique prefix of their IDs in the team plan ("AL" -> "AL-A01")
    path: str  #: the file it came from ("" for plans given in Python)
    plan: Plan


@dataclass
class Consolidation:
    path: Path | None
    plan: Plan
    people: list[Person]
    skipped: list[tuple[str, str]] = field(default_factory=list)  #: (file, reason)
    notes: list[str] = field(default_factory=list)  #: plans aligned, differences the merge had to settle
    against: object = None  #: the reconciliation with the team plan (pacxl.reconcile.Against), if asked


def _key(s: object) -> str:
    return " ".join(str(s or "").split()).casefold()


def _unique(items: Iterable[str]) -> list[str]:
    seen, out = set(), []
    for x in items:
        k = _key(x)
        if k and k not in seen:
            seen.add(k)
            out.append(x)
    return out


def person_name(plan: Plan, path: str | os.PathLike = "") -> str:
    """The plan's only owner when it lists exactly one, else the file's name without extension."""
    owners = [o for o in plan.settings.owners if str(o).strip()]
    if len(owners) == 1:
        return str(owners[0]).strip()
    stem = Path(path).stem if path else ""
    return stem or plan.settings.company or "plan"


def _code(name: str, taken: set[str]) -> str:
    letters = re.sub(r"[^A-Za-z0-9]", "", name.upper()) or "P"
    base = letters[:2] if len(letters) >= 2 else letters
    code, n = base, 2
    while code in taken:
        code, n = f"{base}{n}", n + 1
    taken.add(code)
    return code


def make_people(named_plans: list[tuple[str, Plan]], paths: list[str] | None = None) -> list[Person]:
    """People with unique names and codes, in the order given."""
    taken_codes: set[str] = set()
    names: dict[str, int] = {}
    out = []
    for i, (name, plan) in enumerate(named_plans):
        k = _key(name)
        names[k] = names.get(k, 0) + 1
        if names[k] > 1:
            name = f"{name} ({names[k]})"
        out.append(Person(name, _code(name, taken_codes), paths[i] if paths else "", plan))
    return out


def _pid(person: Person, id_: str) -> str:
    return f"{person.code}-{id_}" if str(id_).strip() else ""


def _add_months(a: list, b: list) -> list:
    """Month-wise sum where a blank plus a blank stays blank."""
    out = []
    for x, y in zip(a, b):
        if is_number(x) and is_number(y):
            out.append(float(x) + float(y))
        elif is_number(x):
            out.append(float(x))
        elif is_number(y):
            out.append(float(y))
        else:
            out.append(None)
    return out


def _sum_opt(values: Iterable) -> float | None:
    nums = [float(v) for v in values if is_number(v)]
    return sum(nums) if nums else None


def _kind(word: str) -> str:
    try:
        return kpi_kind(word)
    except InputError:
        return "count"


#: Settings lists whose default words are translated between languages by position.
_TRANSLATED = ("categories", "levers", "budget_categories", "kpi_kinds")


def _translator(lang: str) -> Callable[[str, str], str]:
    """``translate(list_name, word)``: a default word of any language -> the same position's
    word in ``lang`` (other words unchanged), so French and English plans merge cleanly."""
    table: dict[str, dict[str, str]] = {}
    for name in _TRANSLATED:
        target = default_list(name, lang)
        table[name] = {}
        for other in ("fr", "en"):
            for i, word in enumerate(default_list(name, other)):
                if i < len(target):
                    table[name].setdefault(_key(word), target[i])

    def translate(name: str, word: str) -> str:
        return table[name].get(_key(word), word) if word else word

    return translate


def _capacity_notes(s) -> list[str]:
    """Notes when a merged list is longer than the Settings sheet holds."""
    from .workbook.sheets.settings import LISTS

    notes = []
    for _name, attr, _header, _col, cap in LISTS:
        if attr and len(getattr(s, attr)) > cap:
            what = text(f"list.{attr}", s.lang) if f"list.{attr}" in TEXTS else attr.replace("_", " ")
            notes.append(text("consolidate.capacity", s.lang, n=len(getattr(s, attr)), what=what, cap=cap))
            setattr(s, attr, getattr(s, attr)[:cap])
    return notes


def align_people(people: list[Person], lang: str | None = None, *, year: int | None = None,
                 first_month: int | None = None) -> tuple[list[Person], list[str]]:
    """``people`` with their plans on one currency and calendar (:mod:`pacxl.align`: refused, or
    aligned on ``year``/``first_month``), and one note per aligned plan."""
    lang = lang or people[0].plan.settings.lang
    plans, notes = aligned_plans([(p.path or p.name, p.plan) for p in people], lang, year, first_month)
    return [dataclasses.replace(p, plan=plan) for p, plan in zip(people, plans)], notes


def merge_plans(people: list[Person], lang: str | None = None, *, year: int | None = None,
                first_month: int | None = None) -> tuple[Plan, list[str]]:
    """The team plan of ``people`` and notes on what the merge had to settle (plans of another
    currency are refused; of another calendar, refused or aligned: :func:`align_people`)."""
    if not people:
        raise InputError("nothing to consolidate: no readable plan was given",
            fr="rien à consolider : aucun plan lisible n'a été donné")
    people, notes = align_people(people, lang, year=year, first_month=first_month)
    first = people[0].plan
    team = Plan(settings=copy.deepcopy(first.settings))
    s = team.settings
    if lang and lang != s.lang:
        s.lang = lang
        s.statuses = default_list("statuses", lang)
    team_statuses = statuses(s)
    tr = _translator(s.lang)

    # settings -----------------------------------------------------------------------------
    s.owners = _unique([o for p in people for o in p.plan.settings.owners] + [p.name for p in people])
    s.segments = _unique([x for p in people for x in p.plan.settings.segments])
    for name in ("categories", "levers", "budget_categories"):
        setattr(s, name, _unique([tr(name, x) for p in people for x in getattr(p.plan.settings, name)]))
    months = [p.plan.settings.tracking_month for p in people if p.plan.settings.tracking_month]
    s.tracking_month = min(months) if months else None
    if len(set(months)) > 1:
        notes.append(text("consolidate.months", s.lang, month=s.tracking_month))
    s.revenue_target = _sum_opt(p.plan.settings.revenue_target for p in people)
    deals = [deals_target(p.plan.settings) for p in people]
    if all(d is not None for d in deals):
        s.deals_target = int(sum(deals))
        if s.revenue_target and s.deals_target:
            s.average_deal = s.revenue_target / s.deals_target
    else:
        s.deals_target = None
        revs = [p.plan.settings.revenue_target for p in people]
        avgs = [p.plan.settings.average_deal for p in people]
        if all(is_number(a) for a in avgs) and all(is_number(r) for r in revs) and sum(revs):
            s.average_deal = sum(a * r for a, r in zip(avgs, revs)) / sum(revs)
    rates = {tuple(p.plan.settings.funnel_rates) for p in people}
    if len(rates) > 1:
        notes.append(text("consolidate.rates", s.lang, name=people[0].name))

    notes.extend(_capacity_notes(s))

    # review and SWOT --------------------------------------------------------------------------
    lines: dict[tuple[str, str], ReviewLine] = {}
    for p in people:
        for rl in p.plan.review.lines:
            k = (_key(rl.label), _key(rl.kind))
            if k not in lines:
                lines[k] = ReviewLine(rl.label, rl.kind, None, None, "")
            t = lines[k]
            t.objective = _sum_opt([t.objective, rl.objective])
            t.achieved = _sum_opt([t.achieved, rl.achieved])
            if rl.comment.strip():
                t.comment = "; ".join(x for x in (t.comment, f"{p.name}: {rl.comment}") if x)
    team.review.lines = list(lines.values())
    for name in ("worked", "did_not_work", "conversion_notes"):
        setattr(team.review, name, _unique(x for p in people for x in getattr(p.plan.review, name)))
    for name in ("strengths", "weaknesses", "opportunities", "threats", "environment"):
        setattr(team.swot, name, _unique(x for p in people for x in getattr(p.plan.swot, name)))
    for p in people:
        for k, v in p.plan.swot.value_proposition.items():
            if v and not team.swot.value_proposition.get(k):
                team.swot.value_proposition[k] = v

    # segments: shares weighted by each person's revenue target -------------------------------
    weights = [float(p.plan.settings.revenue_target) if is_number(p.plan.settings.revenue_target) else 0.0
               for p in people]
    if not any(weights):
        weights = [1.0] * len(people)
    segs: dict[str, Segment] = {}
    for p in people:
        for sg in p.plan.segments:
            k = _key(sg.name)
            if k and k not in segs:
                segs[k] = Segment(sg.name, sg.description, sg.persona, None)
    for k, sg in segs.items():
        parts = []
        for p, w in zip(people, weights):
            mine = [x for x in p.plan.segments if _key(x.name) == k]
            if any(is_number(x.share) for x in p.plan.segments):
                parts.append((float(mine[0].share) if mine and is_number(mine[0].share) else 0.0, w))
        if parts and sum(w for _, w in parts):
            sg.share = sum(v * w for v, w in parts) / sum(w for _, w in parts)
    team.segments = list(segs.values())

    # customers: one line per code (or name), amounts, margins, potentials and N-1 summed ------
    custs: dict[str, Customer] = {}
    for p in people:
        for c in p.plan.customers:
            k = _key(c.code) or _key(c.name)
            if not k:
                continue
            if k not in custs:
                custs[k] = Customer(c.code, c.name, c.segment, None)
            for attr in ("amount", "margin", "potential", "previous"):
                setattr(custs[k], attr, _sum_opt([getattr(custs[k], attr), getattr(c, attr)]))
    team.customers = list(custs.values())
    from .pipeline_plan import team_pipeline  # the CRM's deals: every plan's, one after the other

    team.pipeline = team_pipeline([(p.name, p.plan) for p in people], s.lang)

    # objectives and actions: every one, IDs prefixed with the person's code ------------------
    for p in people:
        for o in p.plan.objectives:
            o2 = copy.copy(o)
            o2.id = _pid(p, o.id)
            o2.owner = o.owner or p.name
            team.objectives.append(o2)
        for a in p.plan.actions:
            a2 = copy.copy(a)
            a2.id = _pid(p, a.id)
            a2.objective_id = _pid(p, a.objective_id)
            a2.owner = a.owner or p.name
            a2.category, a2.lever = tr("categories", a.category), tr("levers", a.lever)
            pos = status_position(p.plan.settings, a.status)
            if pos is not None and pos < len(team_statuses):
                a2.status = team_statuses[pos]
            team.actions.append(a2)

    # budget: summed per line (category and label) and month ----------------------------------
    budget: dict[tuple[str, str], tuple[BudgetLine, list[str]]] = {}
    for p in people:
        for line in p.plan.budget:
            category = tr("budget_categories", line.category)
            k = (_key(category), _key(line.label) or _key(line.id))
            if k not in budget:
                budget[k] = (BudgetLine("", category, "", line.label or line.id, [None] * 12, None), [])
            t, sources = budget[k]
            t.months = _add_months(t.months, list(line.months) + [None] * (12 - len(line.months)))
            t.actual = _sum_opt([t.actual, line.actual])
            sources.append(_pid(p, line.action_id))
    for n, (t, sources) in enumerate(budget.values(), start=1):
        t.id = f"B{n:02d}"
        linked = {x for x in sources if x}
        t.action_id = linked.pop() if len(sources) == 1 and linked else ""
        team.budget.append(t)

    # KPIs: summed per month where they add up, one line per person for rates -----------------
    sums: dict[tuple, tuple[KPI, list[str]]] = {}
    rates_list: list[KPI] = []
    for p in people:
        for k in p.plan.kpis:
            kind = _kind(k.kind)
            if kind in SUM_KINDS:
                key = (kind, _key(k.name), _key(k.unit))
                if key not in sums:
                    sums[key] = (KPI(name=k.name, kind=tr("kpi_kinds", k.kind), unit=k.unit, plan=[None] * 12, actual=[None] * 12), [])
                t, sources = sums[key]
                t.plan = _add_months(t.plan, k.plan)
                t.actual = _add_months(t.actual, k.actual)
                sources.append(_pid(p, k.objective_id))
            else:
                k2 = copy.deepcopy(k)
                k2.kind = tr("kpi_kinds", k.kind)
                k2.id = _pid(p, k.id)
                k2.name = f"{k.name} ({p.name})"
                k2.objective_id = _pid(p, k.objective_id)
                rates_list.append(k2)
    for n, (t, sources) in enumerate(sums.values(), start=1):
        t.id = f"K{n:02d}"
        linked = {x for x in sources if x}
        t.objective_id = linked.pop() if len(sources) == 1 and linked else ""
        team.kpis.append(t)
    team.kpis.extend(rates_list)

    # key dates: union ---------------------------------------------------------------------------
    dates: dict[tuple, KeyDate] = {}
    for p in people:
        for kd in p.plan.key_dates:
            dates.setdefault((kd.date, _key(kd.label)), copy.copy(kd))
    team.key_dates = sorted(dates.values(), key=lambda kd: (kd.date is None, kd.date or 0))
    return team, notes


def _read_one(f: str) -> tuple[Plan | None, tuple[str, dict] | None]:
    """One workbook read: ``(plan, None)`` or ``(None, (reason, its texts))`` (picklable, for the
    worker processes of :func:`read_plans`)."""
    from .workbook.read import read_plan

    try:
        return read_plan(f), None
    except PacxlError as exc:
        said = Said.of(exc, f)
        return None, (str(said), said.texts)
    except OSError as exc:
        return None, (exc.strerror or str(exc), {"fr": os_reason(exc, "fr")})


def default_jobs(n_files: int) -> int:
    """Worker processes for reading ``n_files`` plans: every core from 8 files on (a process
    costs about the reading of a few plans to start), else 1."""
    return max(1, min(os.cpu_count() or 1, n_files)) if n_files >= 8 else 1


def _keep() -> None:
    """Put the plans read so far out of the garbage collector's reach until
    :func:`consolidate_files` ends (``gc.unfreeze``): they live until then, and scanning them
    again at each collection was a third of reading 100 plans in one process. The garbage of the
    last reading (openpyxl's workbooks are cyclic) is collected first: a young collection, as
    everything older is frozen."""
    gc.collect()
    gc.freeze()


def read_plans(
    files: list[str], progress: Callable[[int, str], None] | None = None, jobs: int = 1
) -> tuple[list[tuple[str, Plan]], list[tuple[str, str]]]:
    """Read each workbook: ``([(file, plan)], [(file, reason it was skipped)])``, in the order of
    ``files`` whatever the number of worker processes ``jobs`` (1: in this process)."""
    results: list = [None] * len(files)
    if jobs > 1 and len(files) > 1:
        import concurrent.futures
        import multiprocessing

        # spawn, not fork: a fresh interpreter per worker, whatever threads this process runs
        ctx = multiprocessing.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(max_workers=min(jobs, len(files)), mp_context=ctx) as pool:
            futures = {pool.submit(_read_one, f): i for i, f in enumerate(files)}
            for done, fut in enumerate(concurrent.futures.as_completed(futures), start=1):
                results[futures[fut]] = fut.result()
                _keep()
                if progress:
                    progress(done, files[futures[fut]])
    else:
        for i, f in enumerate(files):
            results[i] = _read_one(f)
            _keep()
            if progress:
                progress(i + 1, f)
    read, skipped = [], []
    for f, (plan, reason) in zip(files, results):
        if plan is not None:
            read.append((f, plan))
        else:
            skipped.append((f, Said(reason[0], reason[1])))
    return read, skipped


def consolidate_files(
    files: list[str],
    output: str | os.PathLike,
    *,
    force: bool = False,
    lang: str | None = None,
    progress: bool = False,
    year: int | None = None,
    first_month: int | None = None,
    against: str | os.PathLike | None = None,
    jobs: int | None = None,
) -> Consolidation:
    """Read ``files``, merge them and write the team workbook ``output`` (nothing is written when
    the plans are refused: :func:`align_people`). ``against``: a team plan to reconcile the plans
    with (:mod:`pacxl.reconcile`). ``jobs``: worker processes reading the plans (default:
    :func:`default_jobs`); the workbook is the same whatever their number."""
    if jobs is None:
        jobs = default_jobs(len(files))
    if jobs < 1:
        raise InputError(f"--jobs {jobs}: give 1 or more worker processes",
                         fr=f"--jobs {jobs} : donnez 1 processus ou plus")
    out = Path(output)
    if out.exists() and not force:
        raise FileExistsError_(f"{out}: the file exists (use --force to overwrite it)",
            fr=f"{out} : le fichier existe (utilisez --force pour le remplacer)")
    if os.path.lexists(out):
        from .files import check_not_open

        check_not_open(out, force_hint=False)  # before reading every plan: --force is no reason
    for f in files + ([against] if against else []):
        if Path(f).resolve() == out.resolve():
            raise InputError(f"{out}: the output file is also an input",
                fr=f"{out} : le fichier de sortie est aussi un fichier d'entrée")
    try:
        return _consolidate(files, out, force=force, lang=lang, progress=progress, year=year,
                            first_month=first_month, against=against, jobs=jobs)
    finally:
        gc.unfreeze()  # (read_plans froze the plans it read, see _keep)


def _consolidate(files: list[str], out: Path, *, force: bool, lang: str | None, progress: bool,
                 year: int | None, first_month: int | None, against, jobs: int) -> Consolidation:
    if progress:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        from rich.console import Console

        console = Console(stderr=True)
        reading = "lecture des plans" if lang_of(lang or "en") == "fr" else "reading plans"
        with Progress(TextColumn(reading), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      console=console, transient=True, disable=not console.is_terminal) as bar:
            task = bar.add_task("read", total=len(files))
            read, skipped = read_plans(files, lambda i, f: bar.update(task, completed=i), jobs=jobs)
    else:
        read, skipped = read_plans(files, jobs=jobs)
    if not read:
        reasons = "; ".join(f"{f}: {r.say('en')}" for f, r in skipped[:3])
        reasons_fr = " ; ".join(f"{f} : {r.say('fr')}" for f, r in skipped[:3])
        raise InputError(f"no plan could be read ({reasons})", fr=f"aucun plan n'a pu être lu ({reasons_fr})")
    rec = None
    if against:
        from .reconcile import against_team

        rec = against_team(against, read, lang)
    names = rec.names if rec else [person_name(plan, f) for f, plan in read]
    people = make_people(list(zip(names, [plan for _, plan in read])), [f for f, _ in read])
    people, aligned = align_people(people, lang, year=year, first_month=first_month)
    team, notes = merge_plans(people, lang=lang)
    notes = aligned + notes + (rec.apply(team, people, team.settings.lang) if rec else [])
    write_team_workbook(team, people, out, force=force, notes=notes, extra=rec.add_sheet if rec else None)
    return Consolidation(out, team, people, skipped, notes, rec)


_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet title (31 characters, none of []:*?/\\)."""
    base = _BAD_TITLE.sub(" ", name).strip().strip("'")[:31] or "plan"
    title, n = base, 2
    while title.casefold() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.casefold())
    return title


def add_person_sheet(wb, person: Person, month: int | None, lang: str, currency: str,
                     as_of: dt.date | None = None) -> None:
    """One sheet of key figures for ``person``: values computed by pacxl from their own plan, and
    two native formulas over the team's action table (their actions are the IDs ``CODE-*``).
    Action states (late...) are the report's, as of ``as_of``: the team's date, so that each
    person's late actions add up to the team's."""
    from .report import action_figures, report_figures
    from .workbook.contract import column_name
    from .workbook.i18n import text
    from openpyxl.styles import Alignment

    from .workbook.cells import put, write_text
    from .workbook.sheets._common import print_setup, protect
    from .workbook.styles import Styles

    st = Styles(currency, lang)
    plan = person.plan
    m = month or plan.settings.tracking_month or 12
    fig = report_figures(plan, m)
    counts = action_figures(plan, as_of)["counts"]
    ws = wb.create_sheet(_sheet_title(person.name, {t.casefold() for t in wb.sheetnames}))

    def t(key: str, **kw) -> str:
        return text(key, lang).format(**kw)

    write_text(ws["A1"], t("ps_title", name=person.name))
    st.title(ws["A1"])
    write_text(ws["A2"], t("ps_help", file=Path(person.path).name if person.path else person.name, month=m))
    st.subtitle(ws["A2"])
    ws.merge_cells("A2:F2")
    ws["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[2].height = 30
    st.header(ws.cell(row=4, column=1, value=t("ps_key_figures")))
    st.header(ws.cell(row=4, column=2, value=t("ps_value")))
    rows = [
        ("ps_revenue_target", fig["revenue_target"], "money", {}),
        ("ps_deals", fig["funnel"]["deals_target"], "int", {}),
        ("ps_budget_year", fig["budget"]["total"]["plan_year"], "money", {}),
        ("ps_budget_spent", fig["budget"]["total"]["actual"], "money", {}),
        ("ps_actions", counts["total"], "int", {}),
        ("ps_actions_done", counts["done"], "int", {}),
        ("ps_actions_late", counts["late"], "int", {}),
        ("ps_team_actions", f'=COUNTIF({column_name("tblActions", "id")},"{person.code}-*")', "int",
         {"code": person.code}),
        ("ps_team_budget", f'=SUMIF({column_name("tblActions", "id")},"{person.code}-*",'
                           f'{column_name("tblActions", "budget")})', "money", {}),
    ]
    r = 5
    for key, value, fmt, kw in rows:
        st.label(ws.cell(row=r, column=1, value=t(key, **kw)))
        st.computed(ws.cell(row=r, column=2, value=value), fmt)
        r += 1

    r += 1
    st.section(ws.cell(row=r, column=1, value=t("ps_kpis")))
    r += 1
    heads = ("ps_kpi", "ps_plan_ytd", "ps_actual_ytd", "ps_variance", "ps_variance_pct", "ps_landing")
    for c, key in enumerate(heads, start=1):
        st.header(ws.cell(row=r, column=c, value=t(key)))
    for k in fig["kpis"]:
        r += 1
        fmt = "pct" if k["kind"] == "rate" else ("money" if k["kind"] in ("revenue", "cost") else "int")
        st.label(put(ws, r, 1, k["name"]))
        for c, key in enumerate(("plan_ytd", "actual_ytd", "variance"), start=2):
            st.computed(ws.cell(row=r, column=c, value=k[key]), fmt)
        st.computed(ws.cell(row=r, column=5, value=k["variance_pct"]), "pct_signed")
        st.computed(ws.cell(row=r, column=6, value=k["landing"]), fmt)
    ws.column_dimensions["A"].width = 48
    for col in "BCDEF":
        ws.column_dimensions[col].width = 16
    ws.sheet_properties.tabColor = "A9C4EB"
    print_setup(ws, landscape=True, fit_height=0)
    protect(ws)


def team_as_of(team: Plan) -> dt.date | None:
    """The team plan's as-of date (``PAC_AsOf`` of the team workbook: the end of its tracking
    month unless typed; None without one, and then no action is late, as on its dashboard)."""
    return plan_as_of(team.settings)


def add_notes_block(wb, notes: list[str], lang: str) -> None:
    """The consolidation notes, below the Guide sheet's content: a heading, one note a row."""
    from openpyxl.styles import Alignment

    from .workbook.contract import SHEETS
    from .workbook.i18n import text as wb_text
    from .workbook.styles import Styles

    if not notes:
        return
    ws = wb[SHEETS["guide"][lang_of(lang)]]
    r = ws.max_row + 2
    Styles("EUR", lang).section(_text_cell(ws, r, 1, wb_text("consolidation_notes", lang)))
    for note in notes:
        r += 1
        cell = _text_cell(ws, r, 2, note)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=4)
        ws.row_dimensions[r].height = 15 * (len(note) // 110 + 1)


def _text_cell(ws, row: int, column: int, value: str):
    # notes quote file names and plan words: text, never a formula (until the one text writer)
    cell = ws.cell(row=row, column=column)
    cell.value = value
    cell.data_type = "s"
    return cell


def write_team_workbook(team: Plan, people: list[Person], path: Path, *, force: bool = False,
                        notes: list[str] = (), extra: Callable | None = None) -> Path:
    """The team workbook: the generator's workbook of ``team`` plus one sheet per person, and
    ``notes`` on the Guide sheet."""
    from .workbook.build import make_workbook, save_atomic

    if path.suffix.lower() != ".xlsx":
        raise InputError(f"{path}: the team workbook's name must end in .xlsx",
            fr=f"{path} : le nom du classeur d'équipe doit finir par .xlsx")
    if extra:  # ``extra`` writes the Reconciliation sheet: the plan's copy of it is not written twice
        team = dataclasses.replace(team, reconciliation=[], stage_actuals=[])
    wb = make_workbook(team)
    add_notes_block(wb, list(notes), team.settings.lang)
    if extra:  # the Reconciliation sheet (consolidate --against)
        extra(wb, team.settings.lang, team.settings.currency)
    as_of = team_as_of(team)
    for person in people:
        add_person_sheet(wb, person, team.settings.tracking_month, team.settings.lang, team.settings.currency,
                         as_of=as_of)
    save_atomic(wb, path)
    return path
