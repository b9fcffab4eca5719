"""One truth: every figure of the workbook equals the same figure of ``report`` (issue 10, item 6).

How it runs (keep it fast):

* Plans: the demo (fr, en), a blank plan (at its first month), three small hand-made plans (the
  one of tests/plans.py with nothing spent yet, with edge cases, and the edge plan with a
  seasonality profile whose rest of the year weighs 0: these make the known disagreements fail
  whatever hypothesis draws), that plan with its budget, actuals and customers imported from CSV
  files (:data:`IMPORTS`, through ``pacxl import``), and
  ``RANDOM_PLANS`` plans drawn by hypothesis from :func:`plans` (KPIs of every kind with monthly
  plans and actuals, actions ending around the as-of date in every status, budget lines with and
  without spend, qualitative objectives, deadlines before and after the as-of date; seasonality
  profiles from :data:`PROFILES` set after the draw). Hypothesis
  only *generates*: a ``@given`` collector with ``derandomize=True`` runs once per session and
  keeps the plans it is given, so the batch is the same on every run and no test re-draws.
* Every workbook is built, then ALL of them are recalculated by ONE LibreOffice process
  (``soffice --convert-to xlsx a.xlsx b.xlsx ...``: one start, about 15-25 s for the batch),
  in the session fixture :func:`cases`; values are read with openpyxl ``data_only=True``.
* :data:`FIGURES` is the one mapping table: each row names a figure family, where the figure sits
  in the workbook (defined name, dashboard label, table + contract column key, per row id) and
  how to read the same figure from :func:`pacxl.report.report_figures`'s dict. One test id per
  family compares it on every plan (money within half a cent, ratios within 1e-9 relative, blank
  cells equal None). Cells are never found by address: the sheets are moving.
* Families known to disagree on main are in :data:`KNOWN_DISAGREEMENTS` (strict xfail): when a fix
  makes one agree, its test XPASSes, which fails: remove its entry then.
* A new dashboard figure or computed column must be mapped in :data:`FIGURES` or listed with a
  reason in :data:`NOT_IN_REPORT` (``test_every_figure_is_mapped``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl.utils import range_boundaries
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pacxl import build_workbook
from pacxl.calc.variance import kpi_kind
from pacxl.check import check_workbook, month_end
from pacxl.cli import main
from pacxl.defaults import blank_plan
from pacxl.demo import demo_plan
from pacxl.model import KPI, Action, BudgetLine, Customer, Objective, Plan
from pacxl.report import report_figures
from pacxl.workbook.read import read_plan
from pacxl.workbook.contract import STATUS_CANCELLED, STATUS_DONE, TABLES
from pacxl.workbook.i18n import TEXT, text

from plans import D, clean_plan
from workbook_values import Book, Missing, agrees, blank, recalculate_all

pytestmark = pytest.mark.libreoffice

RANDOM_PLANS = 5

# --- random plans --------------------------------------------------------------------------------

AMOUNT = st.one_of(st.none(), st.integers(0, 40_000).map(float),
                   st.integers(0, 4_000_000).map(lambda cents: cents / 100))
RATE = st.one_of(st.none(), st.integers(0, 100).map(lambda p: p / 100))
KINDS = ("revenue", "count", "cost", "rate")


def _months(draw, kind: str) -> list:
    return draw(st.lists(RATE if kind == "rate" else AMOUNT, min_size=12, max_size=12))


@st.composite
def plans(draw) -> Plan:
    """A plan as a user may have filled it, at its tracking month."""
    lang = draw(st.sampled_from(["fr", "en"]))
    p = blank_plan(lang, year=draw(st.integers(2020, 2031)), company="Random", owners=["Ann", "Bob"])
    s = p.settings
    s.first_month = draw(st.integers(1, 12))
    s.tracking_month = draw(st.integers(1, 12))
    s.revenue_target = draw(st.one_of(st.none(), st.integers(0, 3_000_000).map(float)))
    s.average_deal = draw(st.one_of(st.none(), st.integers(1, 90_000).map(float)))
    as_of = month_end(s, s.tracking_month)

    def around(days: int) -> dt.date:
        return as_of + dt.timedelta(days=draw(st.integers(-days, days)))

    for i in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(KINDS))
        p.kpis.append(KPI(f"K{i + 1}", f"KPI {i + 1}", kind, "%" if kind == "rate" else "u", "",
                          _months(draw, kind), _months(draw, kind)))
    sums = [k.id for k in p.kpis if k.kind != "rate"]
    for k in p.kpis:  # a rate may be the ratio of two sum KPIs' totals
        if k.kind == "rate" and len(sums) >= 2 and draw(st.booleans()):
            k.numerator, k.denominator = draw(st.permutations(sums))[:2]
    if draw(st.integers(0, 3)) == 0:  # an as-of date typed on Settings
        s.as_of = around(40)
    for i in range(draw(st.integers(0, 4))):
        oid = f"O{i + 1}"
        qualitative = not p.kpis or draw(st.booleans())
        o = Objective(oid, f"Objective {i + 1}", owner=draw(st.sampled_from(["Ann", "Bob"])),
                      deadline=draw(st.one_of(st.none(), st.builds(around, st.just(200)))))
        if not qualitative:  # measured by a KPI linked to it and named by it
            k = draw(st.sampled_from(p.kpis))
            k.objective_id, o.kpi = oid, k.name
            o.target = draw(RATE if k.kind == "rate" else AMOUNT)
        p.objectives.append(o)
    ids = [o.id for o in p.objectives] + [""]
    for i in range(draw(st.integers(0, 8))):
        end = draw(st.one_of(st.none(), st.builds(around, st.just(45))))
        start = None if end is None or draw(st.integers(0, 5)) == 0 else end - dt.timedelta(draw(st.integers(0, 60)))
        p.actions.append(Action(
            f"A{i + 1}", draw(st.sampled_from(ids)), f"Action {i + 1}", s.categories[0],
            owner=draw(st.sampled_from(["Ann", "Bob", ""])), start=start, end=end, budget=draw(AMOUNT),
            status=draw(st.sampled_from([*s.statuses, ""]))))
    for i in range(draw(st.integers(0, 5))):
        p.budget.append(BudgetLine(f"B{i + 1}", draw(st.sampled_from(s.budget_categories)), "",
                                   f"Line {i + 1}", _months(draw, "cost"), draw(AMOUNT)))
    amounts = st.sampled_from([None, 0.0, -120.0, 10.0, 250.5, 1_000.0])
    p.customers = [Customer(f"C{i}", f"Customer {i}", s.segments[0], draw(amounts))
                   for i in range(draw(st.integers(0, 6)))]
    # follow and adjust: seasonality typed (in % or fractions) or from last year's months, lags,
    # count KPIs linked to funnel stages (case may differ: COUNTIF ignores it)
    season = draw(st.sampled_from(["flat", "typed", "percent", "history"]))
    weights = draw(st.lists(st.integers(0, 20), min_size=12, max_size=12).filter(lambda w: sum(w) > 0))
    if season in ("typed", "percent"):
        s.seasonality = [w * 100 / sum(weights) for w in weights]
        if season == "typed":
            s.seasonality = [w / 100 for w in s.seasonality]
    elif season == "history":
        p.review.monthly_revenue = [float(w * 1000) for w in weights]
    s.funnel_lags = draw(st.lists(st.integers(0, 5), min_size=0, max_size=len(s.funnel_stages)))
    revenue = [k for k in p.kpis if k.kind == "revenue"]
    if revenue and draw(st.booleans()):  # no typed plan: it follows the revenue goal x seasonality
        revenue[0].plan = [None] * 12
    for k in p.kpis:
        if k.kind == "count" and draw(st.booleans()):
            stage = draw(st.sampled_from(s.funnel_stages))
            k.stage = stage.upper() if draw(st.booleans()) else stage
    return p


def random_plans(n: int) -> list[Plan]:
    """``n`` plans drawn by hypothesis, the same on every run (derandomized, no database)."""
    found: list[Plan] = []

    @settings(max_examples=n + 4, derandomize=True, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(plans())
    def collect(plan):
        found.append(plan)

    collect()
    return [p for p in found if p.kpis or p.actions or p.budget][:n]  # the blank plan is a case already


# --- the cases: plans, their report figures and their recalculated workbooks ---------------------

@dataclasses.dataclass
class Case:
    name: str
    plan: Plan
    report: dict
    generated: Path
    book: Book | None = None


def _blank(lang: str, month: int) -> Plan:
    p = blank_plan(lang, year=2027)
    p.settings.tracking_month = month  # the report needs a month; blank figures otherwise
    return p


def _fresh() -> Plan:
    """The small plan of tests/plans.py at the start of its year: budgets, nothing spent yet."""
    p = clean_plan("fr")
    for line in p.budget:
        line.actual = None
    for k in p.kpis:
        k.actual = [None] * 12
    return p


def _edges() -> Plan:
    """The small plan of tests/plans.py with what the random batch may miss: a line with no
    spend, one with spend and no plan, one with no figure; an overdue action with no start
    date, a postponed one; a qualitative objective; an objective due before the as-of date."""
    p = clean_plan("en")
    s = p.settings
    p.budget[0].actual = None
    p.budget += [BudgetLine("B4", s.budget_categories[1], "", "Unplanned", [None] * 12, 120.0),
                 BudgetLine("B5", s.budget_categories[1], "", "Nothing yet", [None] * 12, None)]
    p.actions += [Action("A4", "O1", "No start", s.categories[0], owner="Bob", end=D(2026, 2, 20),
                         status=s.statuses[1]),
                  Action("A5", "O2", "Postponed", s.categories[0], owner="Bob", start=D(2026, 1, 5),
                         end=D(2026, 3, 1), status=s.statuses[3])]
    p.objectives[1].deadline = D(2026, 2, 28)
    p.objectives.append(Objective("O3", "Brand image", owner="Alice", deadline=D(2026, 12, 31)))
    # a rate that is a ratio of totals (contacts per 1 000 of revenue: any two sum KPIs will do)
    p.kpis.append(KPI("K9", "Contacts per revenue", "rate", "%", "O2", [0.002] * 12, [0.001] * 12, "K2", "K1"))
    return p


def _seasonal_revenue() -> Plan:
    """The demo whose revenue KPI has no typed plan: it follows the revenue goal spread by the
    seasonality of last year's months (the generator's formula, the reader's twin)."""
    p = demo_plan("en")
    p.kpis[0].plan = [None] * 12
    return p


#: Seasonality profiles given to the random plans in turn (None: the flat default): a typical
#: one, one with months at 0 (the rest of the year may weigh 0: an even split then)
PROFILES = (None, [6, 7, 9, 9, 9, 8, 5, 4, 10, 11, 11, 11], [10, 10, 10, 10, 10, 10, 10, 10, 20, 0, 0, 0])


def _seasonal() -> Plan:
    """The edge plan at month 9 with a profile whose last three months weigh 0: the catch-up
    then splits what is left evenly over them."""
    p = _edges()
    p.settings.tracking_month = 9
    p.settings.seasonality = PROFILES[2]
    return p


def _frozen_then_changed(p: Plan, seed: int) -> Plan:
    """``p`` frozen (its baseline recorded), then revised: a KPI month, a budget month and a target
    changed, a KPI and a budget line added after the freeze (not in the baseline)."""
    import random

    from pacxl.calc import revisions as rv
    from pacxl.model import Baseline, BaselineEntry
    from pacxl.workbook.build import normalized

    rng = random.Random(seed)
    p = normalized(p)  # the plan as the workbook holds it (action budgets as budget lines)
    entries = rv.baseline_entries([(o.id, o.target) for o in p.objectives], [(k.id, k.plan) for k in p.kpis],
                                  [(b.id, b.months) for b in p.budget])
    p.baseline = Baseline(D(p.settings.year - 1, 12, 20), [BaselineEntry(**vars(e)) for e in entries])
    for k in p.kpis[:2]:
        m = rng.randrange(12)
        k.plan[m] = None if rng.random() < 0.2 else (rng.randint(0, 100) / 100 if k.kind == "rate"
                                                      else float(rng.randint(0, 9000)))
    for b in p.budget[:2]:
        b.months[rng.randrange(12)] = float(rng.randint(0, 5000))
    for o in p.objectives[:1]:
        if o.target is not None:
            o.target = o.target * 1.1 + 1
    p.kpis.append(KPI("KNEW", "Added later", "count", "u", "", [5.0] * 12, [4.0] * 12))
    p.budget.append(BudgetLine("BNEW", p.settings.budget_categories[0], "", "Added later", [10.0] * 12, 3.0))
    return p


#: A plan whose budget, actuals and customers came in through ``pacxl import`` (finance's CSV
#: files): case name -> (kind, file text) imported in order into the built workbook.
IMPORTS = {
    "imported": [
        ("budget", "Ligne;Catégorie;Poste budgétaire;Mois;Montant\nN-01;Digital;Ads;01/2026;1 200\n"
                   "N-01;Digital;Ads;02/2026;800\nN-02;Publicité;Flyers;03/2026;500,50\n"
                   "N-03;Divers;Cafés;05/2026;90\n"),
        ("actuals", "KPI;Mois;Valeur\nK1;01/2026;24 000\nK1;02/2026;26 500\nK1;03/2026;19 800\n"),
        ("actuals", "Ligne;Mois;Dépense\nN-01;01/2026;1 150\nN-02;03/2026;610\n"),
        ("customers", "Code client;Raison sociale;CA\nC1;Alpha;50 000\nC2;Beta;30 000\nC3;Gamma;12 000\n"
                      "C4;Delta;5 000\nC5;Epsilon;-300\n"),
    ],
}


def imported(path: Path) -> None:
    """Run the case's imports on its built workbook (the case's name is the file's stem)."""
    from pacxl.io import import_file

    for i, (kind, body) in enumerate(IMPORTS.get(path.stem, [])):
        source = path.with_name(f"{path.stem}-{i}-{kind}.csv")
        source.write_text(body, encoding="utf-8")
        import_file(kind, path, source, backup=False)


def _team() -> Plan:
    """The demo as a team plan of three salespeople (issue 15: tblTeam's capacity columns)."""
    from pacxl.team_plan import add_team

    p = add_team(demo_plan("fr"), ["Alice", "Bruno", "Chloé"])
    for m, n in zip(p.team, (14, 2, None)):  # each needs ~11.3 a week with the coverage plan
        m.meetings_per_week = n
    return p


def case_plans() -> dict[str, Plan]:
    out = {"demo_fr": demo_plan("fr"), "demo_en": demo_plan("en"),
           "blank_fr": _blank("fr", 1), "fresh": _fresh(), "edges": _frozen_then_changed(_edges(), 7),
           "seasonal": _seasonal(), "seasonal_revenue": _seasonal_revenue(), "imported": clean_plan("fr"),
           "team": _team()}
    out.update({f"random{i}": _frozen_then_changed(p, i) if i % 2 == 0 else p
                for i, p in enumerate(random_plans(RANDOM_PLANS))})
    for i in range(RANDOM_PLANS):  # (set after the draw: the plans stay the same)
        if f"random{i}" in out and PROFILES[i % len(PROFILES)] is not None:
            out[f"random{i}"].settings.seasonality = PROFILES[i % len(PROFILES)]
    return out


@pytest.fixture(scope="session")
def cases(tmp_path_factory) -> list[Case]:
    folder = tmp_path_factory.mktemp("consistency")
    # the report of the workbook, as `pacxl report --json` computes it: what the workbook holds
    # (e.g. the budget line a plan's action budget became), read back by the same reader
    out = []
    for name, plan in case_plans().items():
        path = build_workbook(plan, folder / f"{name}.xlsx")
        imported(path)
        held = read_plan(path)
        fig = report_figures(held)
        fig["_action_ids"] = [a.id for a in held.actions if a.id]  # (the report lists late ones only)
        out.append(Case(name, plan, fig, path))
    done = recalculate_all([c.generated for c in out], folder / "recalculated")
    for c in out:
        c.book = Book(done[c.generated], c.plan.settings.lang)
    return out


# --- where a figure sits in the workbook ---------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Name:
    """A defined name (one cell)."""

    name: str

    def read(self, b: Book) -> dict:
        return {None: b.name(self.name)}


@dataclasses.dataclass(frozen=True)
class Range:
    """A defined name over several cells: {position (1-based): value}."""

    name: str

    def read(self, b: Book) -> dict:
        dn = b.formulas.defined_names.get(self.name)
        if dn is None:
            raise Missing(f"no defined name {self.name}")
        (title, ref), = list(dn.destinations)
        cells = b.values[title][ref.replace("$", "")]
        flat = [c for row in cells for c in row] if isinstance(cells[0], tuple) else list(cells)
        return {i: (None if blank(c.value) else c.value) for i, c in enumerate(flat, start=1)}


@dataclasses.dataclass(frozen=True)
class SheetBlock:
    """Rows under a header cell of a sheet (label column, value column): {label: value}."""

    role: str
    label_header: str
    value_header: str

    def read(self, b: Book) -> dict:
        return b.block(self.role, self.label_header, self.value_header)


@dataclasses.dataclass(frozen=True)
class FunnelMonths:
    """``tblFunnelMonths``: {(stage, month): volume}, month 0 being "before the year"."""

    def read(self, b: Book) -> dict:
        ws, tbl = None, None
        for sheet in b.values.worksheets:
            if "tblFunnelMonths" in sheet.tables:
                ws, tbl = sheet, sheet.tables["tblFunnelMonths"]
        if tbl is None:
            raise Missing("no table tblFunnelMonths")
        c0, r0, _, r1 = range_boundaries(tbl.ref)
        out = {}
        for r in range(r0 + 1, r1 + 1):
            name = ws.cell(row=r, column=c0).value
            if blank(name):
                continue
            for m in range(0, 13):
                out[(name, m)] = ws.cell(row=r, column=c0 + 1 + m).value
        return out


@dataclasses.dataclass(frozen=True)
class KeyFigure:
    """A dashboard key figure, by its label (i18n key)."""

    label: str

    def read(self, b: Book) -> dict:
        figures = b.block("dashboard", "db_key_figures", "db_value")
        want = text(self.label, b.lang)
        if want not in figures:
            raise Missing(f"no key figure {want!r} on the dashboard")
        return {None: figures[want]}


@dataclasses.dataclass(frozen=True)
class Card:
    """A KPI card at the top of the dashboard, by its label (i18n key): its figure (the cell
    under the label) or its sub-line (``sub``: the cell under the figure)."""

    label: str
    sub: bool = False

    def read(self, b: Book) -> dict:
        head = b.find("dashboard", self.label)
        return {None: b.sheet("dashboard").cell(row=head.row + (2 if self.sub else 1), column=head.column).value}


@dataclasses.dataclass(frozen=True)
class Block:
    """A dashboard block (label column header, value column header): {label: value}, or
    {position (1-based): value} with ``by_position``."""

    label_header: str
    value_header: str
    by_position: bool = False

    def read(self, b: Book) -> dict:
        rows = b.block("dashboard", self.label_header, self.value_header)
        return dict(enumerate(rows.values(), start=1)) if self.by_position else rows


@dataclasses.dataclass(frozen=True)
class Column:
    """A table column, per row id."""

    table: str
    key: str
    by: str = "id"

    def read(self, b: Book) -> dict:
        return b.column(self.table, self.key, self.by)


@dataclasses.dataclass(frozen=True)
class ColumnSum:
    """A table column added up per group (a category), as SUMIF adds it: blanks count 0."""

    table: str
    key: str
    by: str

    def read(self, b: Book) -> dict:
        b.column(self.table, self.key)  # Missing if the contract lost it
        out: dict = {}
        for r in b.table(self.table):
            if blank(r["id"]):
                continue
            out.setdefault(r[self.by], 0.0)
            if isinstance(r[self.key], (int, float)):
                out[r[self.by]] += r[self.key]
        return out


@dataclasses.dataclass(frozen=True)
class Totals:
    """The totals row above a table (found by its label), in a contract column."""

    table: str
    key: str
    label: str = "bu_totals"

    def read(self, b: Book) -> dict:
        return {None: b.labelled_row(TABLES[self.table].sheet, self.label, self.table, self.key)}


@dataclasses.dataclass(frozen=True)
class QuarterBlock:
    """A block of the Quarters sheet by its defined name (PAC_QuartersKPI, PAC_QuartersBudget):
    {(row label, quarter): value} of one figure, the columns in the sheet module's order."""

    name: str
    figure: str

    def read(self, b: Book) -> dict:
        from pacxl.workbook.sheets import quarters as Q

        dn = b.formulas.defined_names.get(self.name)
        if dn is None:
            raise Missing(f"no defined name {self.name}")
        (title, ref), = list(dn.destinations)
        rows = b.values[title][ref.replace("$", "")]
        kpi = self.name == "PAC_QuartersKPI"
        keys = Q.KPI_COLUMNS if kpi else Q.BUDGET_COLUMNS
        out = {}
        for row in rows:
            values = dict(zip(keys, (c.value for c in row)))
            label = values["id"] if kpi else values["category"]
            if blank(label):
                continue
            for q in range(1, 5):
                key = f"q{q}_{self.figure}"
                if key in values:
                    out[(label, q)] = values[key]
                elif self.figure in values:  # a year-to-date column
                    out[(label, None)] = values[self.figure]
        return out


# --- the same figure in the report ---------------------------------------------------------------

def one(get: Callable[[dict], object]) -> Callable[[dict], dict]:
    return lambda r: {None: get(r)}


def per_kpi(key: str) -> Callable[[dict], dict]:
    return lambda r: {k["id"]: k[key] for k in r["kpis"]}


def per_kpi_catch_up(m: int) -> Callable[[dict], dict]:
    return lambda r: {k["id"]: k["catch_up_by_month"][m - 1] for k in r["kpis"]}


def per_quarter_kpi(key: str) -> Callable[[dict], dict]:
    return lambda r: {(k["id"], q["quarter"]): k[key] for q in r["quarters"] for k in q["kpis"] if k["id"]}


def per_quarter_budget(key: str) -> Callable[[dict], dict]:
    def get(r):
        out = {(c["category"], q["quarter"]): c[key] for q in r["quarters"] for c in q["budget"]["categories"]}
        total = text("qt_total", r["lang"])
        return out | {(total, q["quarter"]): q["budget"]["total"][key] for q in r["quarters"]}
    return get


def per_category_year(key: str) -> Callable[[dict], dict]:
    """The Quarters sheet's year-to-date columns: the budget's categories and total."""
    def get(r):
        total = text("qt_total", r["lang"])
        b = r["budget"]
        return {(c["category"], None): c[key] for c in b["categories"]} | {(total, None): b["total"][key]}
    return get


def by_quarter_kpi_kind(r: dict, key) -> dict:
    return by_kpi_kind(r, key[0])


def per_objective(key: str) -> Callable[[dict], dict]:
    return lambda r: {o["id"]: o[key] for o in r["objectives"] if o["id"]}


def per_line(key: str) -> Callable[[dict], dict]:
    return lambda r: {b["id"]: b[key] for b in r["budget"]["lines"] if b["id"]}


def per_salesperson(key: str) -> Callable[[dict], dict]:
    return lambda r: {p["salesperson"]: p[key] for p in (r["capacity"] or {"people": []})["people"]}


def per_action_budget(r: dict) -> dict:
    """Each action's budget: the sum of its budget lines' totals (IDs compared without case)."""
    sums: dict[str, float] = {}
    for line in r["budget"]["lines"]:
        key = (line["action_id"] or "").strip().casefold()
        sums[key] = sums.get(key, 0.0) + (line["total"] or 0.0)
    return {a: sums.get(a.strip().casefold(), 0.0) for a in _action_ids(r)}


def _action_ids(r: dict) -> list[str]:
    return [a for a in r.get("_action_ids", [])]


def per_category(key: str) -> Callable[[dict], dict]:
    return lambda r: {c["category"]: c[key] for c in r["budget"]["categories"]}


def revenue(key: str) -> Callable[[dict], float]:
    """Sum over the revenue KPIs (the dashboard's SUMIF: 0 with none)."""
    return lambda r: sum(k[key] for k in r["kpis"] if k["kind"] == "revenue" and k[key] is not None)


def revenue_by_month(key: str) -> Callable[[dict], dict]:
    def get(r):
        months = range(1, 13) if key == "plan_by_month" else range(1, r["month"] + 1)
        out = {m: sum(k[key][m - 1] for k in r["kpis"] if k["kind"] == "revenue" and k[key][m - 1] is not None)
               for m in months}
        return out | {m: None for m in range(1, 13) if m not in out}
    return get


def kpis_with(verdict: bool) -> Callable[[dict], int]:
    return lambda r: sum(1 for k in r["kpis"] if k["favourable"] is verdict)


def share_done(r: dict):
    c = r["actions"]["counts"]
    return c["done"] / c["total"] if c["total"] else None


def funnel_volumes(r: dict) -> dict:
    return {s["name"]: s["year"] for s in r["funnel"]["stages"]}


def per_stage(key: str) -> Callable[[dict], dict]:
    return lambda r: {s["name"]: s[key] for s in r["funnel"]["stages"]}


def by_position(get: Callable[[dict], list]) -> Callable[[dict], dict]:
    return lambda r: {i: v for i, v in enumerate(get(r) or [], start=1)}


def stage_positions(key: str, n_less: int = 0, part: str = "stages") -> Callable[[dict], dict]:
    """{position: figure} of the named stages (the last ``n_less`` have no such figure)."""
    def get(r):
        st_ = r["funnel"][part]
        return {i: s[key] for i, s in enumerate(st_[: len(st_) - n_less], start=1)}
    return get


def funnel_months(r: dict) -> dict:
    out = {}
    for s in r["funnel"]["stages"]:
        out[(s["name"], 0)] = s["before"]
        out.update({(s["name"], m): v for m, v in enumerate(s["months"], start=1)})
    return out


def as_of(r: dict) -> dt.datetime:
    return dt.datetime.fromisoformat(r["as_of"])


# --- tolerances ----------------------------------------------------------------------------------

MONEY = {"abs_tol": 0.005}
RATIO = {"rel_tol": 1e-9, "abs_tol": 1e-12}
EXACT: dict = {}
VERDICT = "verdict"  # favourable/unfavourable words (or TRUE/FALSE) against True/False
MUST_LIST, SKIP = "must list", "skip"


def by_kpi_kind(r: dict, kpi_id) -> dict:
    kind = next((k["kind"] for k in r["kpis"] if k["id"] == kpi_id), None)
    return RATIO if kind == "rate" else MONEY


def by_measure_kind(r: dict, objective_id) -> dict:
    o = next(o for o in r["objectives"] if o["id"] == objective_id)
    return by_kpi_kind(r, o["measured_by"])


# --- THE mapping table -----------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Figure:
    family: str
    where: object  # Name | KeyFigure | Card | Block | Column | ColumnSum | Totals
    report: Callable[[dict], dict]
    tol: object = dataclasses.field(default_factory=lambda: MONEY)  # dict, VERDICT, or (report, key) -> dict
    #: expected value of a workbook row the report does not list (SKIP: compare only the
    #: report's rows; MUST_LIST: such a row is a disagreement)
    unlisted: object = MUST_LIST


FIGURES: tuple[Figure, ...] = (
    Figure("as_of", Name("PAC_AsOf"), one(as_of), EXACT),
    # Dashboard key figures
    Figure("dashboard.revenue_target", KeyFigure("db_revenue_target"), one(lambda r: r["revenue_target"])),
    Figure("dashboard.revenue_plan", KeyFigure("db_revenue_plan"), one(revenue("plan_year"))),
    Figure("dashboard.revenue_plan_ytd", KeyFigure("db_revenue_plan_ytd"), one(revenue("plan_ytd"))),
    Figure("dashboard.revenue_actual_ytd", KeyFigure("db_revenue_actual_ytd"), one(revenue("actual_ytd"))),
    Figure("dashboard.revenue_variance", KeyFigure("db_revenue_variance"),
           one(lambda r: revenue("actual_ytd")(r) - revenue("plan_ytd")(r))),
    Figure("dashboard.revenue_landing", KeyFigure("db_revenue_landing"), one(revenue("landing"))),
    Figure("dashboard.deals", KeyFigure("db_deals"), one(lambda r: r["funnel"]["deals_target"]), EXACT),
    Figure("dashboard.budget_total", KeyFigure("db_budget_total"), one(lambda r: r["budget"]["total"]["plan_year"])),
    Figure("dashboard.budget_actual", KeyFigure("db_budget_actual"), one(lambda r: r["budget"]["total"]["actual"])),
    Figure("dashboard.budget_consumed", KeyFigure("db_budget_consumed"),
           one(lambda r: r["budget"]["total"]["consumed"]), RATIO),
    Figure("dashboard.actions", KeyFigure("db_actions"), one(lambda r: r["actions"]["counts"]["total"]), EXACT),
    Figure("dashboard.actions_done", KeyFigure("db_actions_done"), one(share_done), RATIO),
    Figure("dashboard.actions_late", KeyFigure("db_actions_late"), one(lambda r: r["actions"]["counts"]["late"]), EXACT),
    Figure("dashboard.objectives", KeyFigure("db_objectives"), one(lambda r: len(r["objectives"])), EXACT),
    Figure("dashboard.kpi_favourable", KeyFigure("db_kpi_fav"), one(kpis_with(True)), EXACT),
    Figure("dashboard.kpi_unfavourable", KeyFigure("db_kpi_unfav"), one(kpis_with(False)), EXACT),
    Figure("dashboard.customers", KeyFigure("db_customers"), one(lambda r: r["abc"]["with_revenue"]), EXACT),
    Figure("dashboard.customers_a", KeyFigure("db_customers_a"), one(lambda r: r["abc"]["classes"]["A"]["count"]),
           EXACT),
    Figure("dashboard.revenue_retention", KeyFigure("db_revenue_retention"),
           one(lambda r: r["customers"]["retention"]["revenue_retention"]), RATIO),
    Figure("dashboard.churn_rate", KeyFigure("db_churn_rate"),
           one(lambda r: r["customers"]["retention"]["churn_rate"]), RATIO),
    Figure("dashboard.coverage_meetings", KeyFigure("db_coverage_meetings"),
           one(lambda r: r["customers"]["coverage"]["meetings"]), RATIO),
    # Dashboard cards (figure and sub-line)
    Figure("card.revenue", Card("db_card_revenue"), one(lambda r: r["revenue"]["actual_ytd"])),
    Figure("card.revenue_vs_plan", Card("db_card_revenue", sub=True),
           one(lambda r: r["revenue"]["variance_pct"]), RATIO),
    Figure("card.landing", Card("db_card_landing"), one(lambda r: r["revenue"]["landing"])),
    Figure("card.landing_vs_plan", Card("db_card_landing", sub=True),
           one(lambda r: r["revenue"]["landing_variance_pct"]), RATIO),
    Figure("card.budget_consumed", Card("db_card_budget"), one(lambda r: r["budget"]["total"]["consumed"]), RATIO),
    Figure("card.budget_total", Card("db_card_budget", sub=True), one(lambda r: r["budget"]["total"]["plan_year"])),
    Figure("card.late_actions", Card("db_card_late"), one(lambda r: r["actions"]["counts"]["late"]), EXACT),
    Figure("card.actions", Card("db_card_late", sub=True), one(lambda r: r["actions"]["counts"]["total"]), EXACT),
    Figure("card.customers_a", Card("db_card_customers_a"), one(lambda r: r["abc"]["classes"]["A"]["count"]), EXACT),
    Figure("card.customers_a_share", Card("db_card_customers_a", sub=True),
           one(lambda r: r["abc"]["classes"]["A"]["share"]), RATIO),
    # Dashboard blocks
    Figure("dashboard.revenue_plan_by_month", Block("db_month_col", "db_plan", by_position=True),
           revenue_by_month("plan_by_month")),
    Figure("dashboard.revenue_actual_by_month", Block("db_month_col", "db_actual", by_position=True),
           revenue_by_month("actual_by_month")),
    Figure("dashboard.budget_by_category", Block("db_category", "db_budget"), per_category("plan_year"), unlisted=0),
    Figure("dashboard.spent_by_category", Block("db_category", "db_spent"), per_category("actual"), unlisted=0),
    Figure("dashboard.actions_done_cancelled", Block("db_status", "db_count", by_position=True),
           lambda r: {STATUS_DONE + 1: r["actions"]["counts"]["done"],
                      STATUS_CANCELLED + 1: r["actions"]["counts"]["cancelled"]}, EXACT, unlisted=SKIP),
    Figure("dashboard.funnel_volumes", Block("db_stage", "db_volume"), funnel_volumes, EXACT, unlisted=None),
    # Follow and adjust: Settings' seasonality and working days, the Funnel's weekly needs,
    # tblFunnelMonths and the funnel observed to date
    Figure("settings.seasonality", Range("PAC_Seasonality"), by_position(lambda r: r["seasonality"]), RATIO),
    Figure("settings.working_days", Range("PAC_WorkingDays"), by_position(lambda r: r["working_days"]), EXACT),
    Figure("funnel.week", SheetBlock("funnel", "fu_stage", "fu_week"), per_stage("week"), EXACT, unlisted=None),
    Figure("funnel.signatures_by_month", Range("PAC_FunnelSignaturesByMonth"),
           by_position(lambda r: r["funnel"]["signatures_by_month"]), EXACT, unlisted=None),
    Figure("funnel.months", FunnelMonths(), funnel_months, EXACT, unlisted=None),
    Figure("funnel.actual_to_date", SheetBlock("funnel", "fu_stage", "fu_obs_actual"),
           lambda r: {s["name"]: s["actual_to_date"] for s in r["funnel"]["observed"]},
           RATIO, unlisted=None),
    Figure("funnel.observed_rates", Range("PAC_ObservedRates"), stage_positions("observed_rate", 1, "observed"), RATIO,
           unlisted=None),
    Figure("funnel.volumes_observed", Range("PAC_FunnelVolumesObserved"), stage_positions("volume_observed"),
           EXACT, unlisted=None),
    # KPI sheet, per KPI
    Figure("kpi.plan_year", Column("tblKPI", "plan_year"), per_kpi("plan_year"), by_kpi_kind),
    Figure("kpi.plan_ytd", Column("tblKPI", "plan_ytd"), per_kpi("plan_ytd"), by_kpi_kind),
    Figure("kpi.actual_ytd", Column("tblKPI", "actual_ytd"), per_kpi("actual_ytd"), by_kpi_kind),
    Figure("kpi.variance", Column("tblKPI", "variance"), per_kpi("variance"), by_kpi_kind),
    Figure("kpi.variance_pct", Column("tblKPI", "variance_pct"), per_kpi("variance_pct"), RATIO),
    Figure("kpi.landing", Column("tblKPI", "landing"), per_kpi("landing"), by_kpi_kind),
    Figure("kpi.run_rate", Column("tblKPI", "run_rate"), per_kpi("run_rate"), by_kpi_kind),
    Figure("kpi.status", Column("tblKPI", "status"), per_kpi("favourable"), VERDICT),
    # KPI sheet, catch-up (issue 13): left to do, each remaining month's target, rate needed
    Figure("kpi.remaining", Column("tblKPI", "remaining"), per_kpi("remaining"), by_kpi_kind),
    *(Figure(f"kpi.catch_up_m{m:02d}", Column("tblKPI", f"c{m:02d}"), per_kpi_catch_up(m), by_kpi_kind)
      for m in range(1, 13)),
    Figure("kpi.rate_needed", Column("tblKPI", "rate_needed"), per_kpi("rate_needed"), RATIO),
    # Quarters sheet: each KPI per plan quarter; the budget's plan per quarter and category
    *(Figure(f"quarters.kpi_{f}", QuarterBlock("PAC_QuartersKPI", f), per_quarter_kpi(f),
             RATIO if f == "variance_pct" else by_quarter_kpi_kind)
      for f in ("plan", "plan_to_date", "actual", "variance", "variance_pct")),
    Figure("quarters.budget_plan", QuarterBlock("PAC_QuartersBudget", "plan"), per_quarter_budget("plan"),
           unlisted=0),
    Figure("quarters.budget_plan_to_date", QuarterBlock("PAC_QuartersBudget", "plan_to_date"),
           per_quarter_budget("plan_to_date"), unlisted=SKIP),
    *(Figure(f"quarters.budget_year_{key}", QuarterBlock("PAC_QuartersBudget", key), per_category_year(key),
             unlisted=0) for key in ("plan_ytd", "actual", "variance")),
    Figure("kpi.initial_year", Column("tblKPI", "initial_year"), per_kpi("initial"), by_kpi_kind),
    # Budget: totals row, and the lines' computed columns added up by category
    Figure("budget.total", Totals("tblBudget", "total"), one(lambda r: r["budget"]["total"]["plan_year"])),
    Figure("budget.total_plan_ytd", Totals("tblBudget", "plan_ytd"), one(lambda r: r["budget"]["total"]["plan_ytd"])),
    Figure("budget.total_actual", Totals("tblBudget", "actual"), one(lambda r: r["budget"]["total"]["actual"])),
    Figure("budget.total_variance", Totals("tblBudget", "variance"), one(lambda r: r["budget"]["total"]["variance"])),
    Figure("budget.total_consumed", Totals("tblBudget", "consumed"),
           one(lambda r: r["budget"]["total"]["consumed"]), RATIO),
    Figure("budget.lines_total", ColumnSum("tblBudget", "total", "category"), per_category("plan_year")),
    Figure("budget.lines_plan_ytd", ColumnSum("tblBudget", "plan_ytd", "category"), per_category("plan_ytd")),
    Figure("budget.lines_actual", ColumnSum("tblBudget", "actual", "category"), per_category("actual")),
    Figure("budget.lines_variance", ColumnSum("tblBudget", "variance", "category"), per_category("variance")),
    Figure("budget.initial_total", Column("tblBudget", "initial_total"), per_line("initial")),
    Figure("budget.total_initial", Totals("tblBudget", "initial_total"), one(lambda r: r["budget"]["total"]["initial"])),
    # Team sheet: each salesperson's share of the target, meetings needed per week, load (issue 15)
    *(Figure(f"team.{key}", Column("tblTeam", key, by="salesperson"), per_salesperson(key), RATIO)
      for key in ("share", "need_per_week", "load")),
    # Action plan: each action's budget is the sum of its budget lines
    Figure("actions.budget", Column("tblActions", "budget"), per_action_budget),
    # Objectives sheet, per objective
    Figure("objectives.target", Column("tblObjectives", "target"), per_objective("target"), by_measure_kind),
    Figure("objectives.initial_target", Column("tblObjectives", "initial_target"), per_objective("initial"),
           by_measure_kind),
    Figure("objectives.landing", Column("tblObjectives", "landing"), per_objective("landing"), by_measure_kind),
    Figure("objectives.on_track", Column("tblObjectives", "on_track"), per_objective("on_track"), VERDICT),
)

#: Workbook figures with no counterpart in the report, and why (the coverage test reads it).
NOT_IN_REPORT = {
    "db_objectives_smart": "the report has no SMART check",
    "db_segments": "a text saying whether the target shares add up to 100 % (check: segments-shares-not-100)",
    "tblBudget.consumed": "per line; the report has per category and total only (total mapped)",
    "tblObjectives.smart": "the report has no SMART check",
    "tblObjectives.h_*": "hidden helper columns (KPI row, deadline month, numerator/denominator rows) "
                         "of the landing and on-track formulas, compared through them",
    "tblActions.alert": "text; the late ones are compared through dashboard.actions_late and check",
    "tblCustomers.*": "per customer ABC: calc twins (test_workbook_twins); counts mapped on the dashboard",
    "budget totals m01..m12": "the report has no budget by month",
    "actions by status other than done/cancelled": "the report counts by state (late wins over the status)",
}

#: Families that disagree on main (issue 10): strict xfail, remove an entry when its fix lands.
KNOWN_DISAGREEMENTS: dict[str, str] = {}


def compare(fig: Figure, case: Case) -> list[str]:
    """The disagreements of one figure family on one plan, one line each."""
    try:
        got = fig.where.read(case.book)
    except Missing as exc:
        return [f"{case.name}: {exc}"]
    want = fig.report(case.report)
    out = []
    for key in sorted(set(got) | set(want), key=str):
        where = f"{case.name}[{key}]" if key is not None else case.name
        if key not in want:
            if fig.unlisted == SKIP or (fig.unlisted != MUST_LIST and agrees(got[key], fig.unlisted)):
                continue
            out.append(f"{where}: workbook {got[key]!r}, not in the report")
            continue
        if key not in got:
            out.append(f"{where}: report {want[key]!r}, not in the workbook")
            continue
        if fig.tol == VERDICT:
            ok = verdict(got[key], case.book.lang) == want[key] and verdict(got[key], case.book.lang) != "?"
        else:
            tol = fig.tol(case.report, key) if callable(fig.tol) else fig.tol
            ok = agrees(got[key], want[key], **tol)
        if not ok:
            out.append(f"{where}: workbook {got[key]!r}, report {want[key]!r}")
    return out


def verdict(cell, lang: str):
    if blank(cell):
        return None
    if isinstance(cell, bool):
        return cell
    words = {text("favourable", lang): True, text("unfavourable", lang): False,
             text("on_track_yes", lang): True, text("on_track_no", lang): False}  # on-track: Oui/Non
    return words.get(cell, "?")


def _family(fig: Figure):
    reason = KNOWN_DISAGREEMENTS.get(fig.family)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(fig, id=fig.family, marks=marks)


@pytest.mark.parametrize("fig", [_family(f) for f in FIGURES])
def test_workbook_figure_equals_report(fig, cases):
    problems = [p for case in cases for p in compare(fig, case)]
    assert not problems, f"{fig.family}: {len(problems)} disagreement(s)\n" + "\n".join(problems[:25])


def test_the_cases_cover_what_the_issue_lists(cases):
    """The batch holds what the harness claims to exercise (else it proves little)."""
    plans = [c.plan for c in cases]
    assert {kpi_kind(k.kind) for p in plans for k in p.kpis} == set(KINDS)
    # the imported case holds what its files brought, not the plan it was built from
    imp = next(c for c in cases if c.name == "imported")
    assert [line["id"] for line in imp.report["budget"]["lines"]] == ["N-01", "N-02", "N-03"]
    assert imp.report["abc"]["customers"] == 5 and imp.report["budget"]["total"]["actual"] > 0
    assert any(o.target is None and not o.kpi for c in cases if c.name.startswith("random")
               for o in c.plan.objectives)
    assert any(b.actual is None for p in plans for b in p.budget)
    assert any(b.actual is not None for p in plans for b in p.budget)
    assert {len(c.report["actions"]["late"]) > 0 for c in cases} == {True, False}
    deadlines = [(o.deadline, month_end(p.settings, p.settings.tracking_month))
                 for p in plans for o in p.objectives if o.deadline]
    assert any(d < a for d, a in deadlines) and any(d > a for d, a in deadlines)
    statuses = {p.settings.statuses.index(a.status) for p in plans for a in p.actions if a.status}
    assert statuses == set(range(5))
    # catch-up and quarters: ahead of and behind plan, a rate needed, a non-flat profile, an even
    # split (the rest of the year weighs 0), a quarter in progress
    kpis = [k for c in cases for k in c.report["kpis"]]
    assert any((k["remaining"] or 0) < 0 for k in kpis) and any((k["remaining"] or 0) > 0 for k in kpis)
    assert any(k["rate_needed"] is not None for k in kpis)
    assert any(len(set(c.report["seasonality"])) > 1 for c in cases)
    assert any(sum(c.report["seasonality"][c.report["month"]:]) == 0 and
               any((k["remaining"] or 0) > 0 for k in c.report["kpis"]) for c in cases)
    assert any(q["started"] and not q["complete"] and q["kpis"] for c in cases for q in c.report["quarters"])
    # revisions: initial plans that differ from the revised ones, items added after the freeze
    lines = [b for c in cases for b in c.report["budget"]["lines"]]
    assert any(k["initial"] is not None and k["plan_year"] is not None
               and abs(k["initial"] - k["plan_year"]) > 1 for k in kpis if k["kind"] != "rate")
    assert any(k["initial"] is not None and k["rate_rule"] == "ratio" for k in kpis)
    assert any(b["initial"] is not None and b["total"] is not None and abs(b["initial"] - b["total"]) > 1
               for b in lines)
    assert any(k["initial"] is None and k["plan_year"] is not None for k in kpis)
    assert any(o["initial"] is not None and o["target"] is not None and abs(o["initial"] - o["target"]) > 0.5
               for c in cases for o in c.report["objectives"])
    assert {c.report["baseline"]["date"] is None for c in cases} == {True, False}
    # the team's capacity: a load above 100 %, one below, one without a capacity typed
    loads = [p["load"] for c in cases if c.report["capacity"] for p in c.report["capacity"]["people"]]
    assert any(x and x > 1 for x in loads) and any(x and x < 1 for x in loads) and None in loads


def _db_keys(label: str, lang: str) -> set[str]:
    """The dashboard i18n keys showing ``label`` (a few share a word, e.g. "Actions")."""
    return {k for k in TEXT if k.startswith("db_") and text(k, lang) == label} or {label}


def test_every_figure_is_mapped(cases):
    """Each dashboard key figure and each computed column of the KPI, budget and objectives
    tables is in FIGURES or in NOT_IN_REPORT: a new figure cannot escape the harness."""
    book = next(c.book for c in cases if c.name == "demo_fr")
    mapped = {f.where.label for f in FIGURES if isinstance(f.where, KeyFigure)}
    known = mapped | set(NOT_IN_REPORT)
    unmapped = [label for label in book.block("dashboard", "db_key_figures", "db_value")
                if not _db_keys(label, "fr") & known]
    assert unmapped == []
    columns = {f"{f.where.table}.{f.where.key}" for f in FIGURES if isinstance(f.where, (Column, ColumnSum, Totals))}
    computed = {f"{t}.{c.key}" for t in ("tblKPI", "tblBudget", "tblObjectives", "tblActions")
                for c in TABLES[t].columns if c.computed}
    helpers = {c for c in computed if c.split(".")[1].startswith("h_") and c.split(".")[0] + ".h_*" in NOT_IN_REPORT}
    assert computed - columns - helpers - set(NOT_IN_REPORT) == set()
    # every KPI card (the labels on the cards' row) is mapped, figure and sub-line
    from pacxl.workbook.sheets.dashboard import CARD_ROW

    shown = {c.value for c in book.sheet("dashboard")[CARD_ROW] if c.value}
    cards = {(text(f.where.label, "fr"), f.where.sub) for f in FIGURES if isinstance(f.where, Card)}
    assert len(shown) == 5 and {(label, sub) for label in shown for sub in (False, True)} == cards


# --- check and the CLI ---------------------------------------------------------------------------

def late_findings(case: Case, today: dt.date | None) -> list:
    """Ids of the actions ``check`` finds overdue, read from the rows its findings point at."""
    first = case.book.table_first_row("tblActions")
    rows = case.book.table("tblActions")
    found = check_workbook(case.generated, today=today)
    return sorted(rows[int("".join(ch for ch in f.cell if ch.isdigit())) - first]["id"]
                  for f in found if f.code == "action-overdue")


@pytest.mark.parametrize("when", [
    pytest.param("as_of", id="check-today-as-of"),
    pytest.param(None, id="check-default-date"),
])
def test_check_late_actions_are_the_report_late_actions(cases, when):
    problems = []
    for case in cases:
        today = dt.date.fromisoformat(case.report["as_of"]) if when == "as_of" else None
        got, want = late_findings(case, today), sorted(x["id"] for x in case.report["actions"]["late"])
        if got != want:
            problems.append(f"{case.name}: check {got}, report {want}")
    assert not problems, "\n".join(problems)


def test_cli_report_json_is_report_figures(cases):
    """``pacxl report --json`` on the demo workbook prints the dict the harness compares."""
    import json

    case = next(c for c in cases if c.name == "demo_fr")
    res = CliRunner().invoke(main, ["report", "--json", str(case.generated)])
    assert res.exit_code == 0, res.output
    printed = json.loads(res.output)
    assert printed.pop("workbook") == str(case.generated)
    expected = json.loads(json.dumps(case.report))
    expected.pop("workbook")
    expected.pop("_action_ids")
    assert printed == expected
