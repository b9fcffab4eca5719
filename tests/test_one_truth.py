"""One truth: each defect of the "three places disagree" review has a test here that fails if it
comes back (the LibreOffice-backed consistency harness is tests/test_consistency.py)."""

from __future__ import annotations

import datetime as dt
import re
import zipfile

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pacxl import calc
from pacxl.check import check_plan
from pacxl.demo import demo_plan
from pacxl.errors import InputError
from pacxl.model import Action, BudgetLine, Objective
from pacxl.report import report_figures
from pacxl.workbook.build import build_workbook, normalized
from pacxl.workbook.contract import SHEETS
from plans import clean_plan

D = dt.date


def _formulas(path) -> str:
    with zipfile.ZipFile(path) as z:
        return "\n".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/"))


# --- one as-of date ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["demo_fr", "demo_en", "blank_fr"])
def test_no_figure_depends_on_the_clock(generated_workbooks, name):
    xml = _formulas(generated_workbooks[name])
    assert not re.search(r"\b(TODAY|NOW)\(", xml)
    assert "PAC_AsOf" in xml  # the late rule reads the plan's as-of date


def test_as_of_is_the_end_of_the_tracking_month_unless_typed():
    assert calc.as_of_date(2026, 1, 10) == D(2026, 10, 31)
    assert calc.as_of_date(2026, 9, 6) == D(2027, 2, 28)  # plan month 6 of a September plan
    assert calc.as_of_date(2026, 1, None) is None
    assert calc.as_of_date(2026, 1, 10, D(2026, 11, 15)) == D(2026, 11, 15)


def test_late_actions_are_the_same_in_check_and_report_whatever_the_day():
    plan = demo_plan("fr")
    fig = report_figures(plan)
    late = {a["id"] for a in fig["actions"]["late"]}
    overdue = check_plan(plan)
    assert late == {"ACT-09", "ACT-23"} and fig["as_of"] == "2026-10-31"
    assert {f.where for f in overdue if f.code == "action-overdue"} == {
        f.where for f in check_plan(plan) if f.code == "action-overdue"}
    named = [f.message for f in overdue if f.code == "action-overdue"]
    assert len(named) == len(late) and all(any(i in m for i in late) for m in named)


def test_a_typed_as_of_date_moves_late_in_check_and_report():
    plan = demo_plan("en")
    plan.settings.as_of = D(2026, 12, 10)
    fig = report_figures(plan)
    late = {a["id"] for a in fig["actions"]["late"]}
    assert fig["as_of"] == "2026-12-10" and {"ACT-09", "ACT-23", "ACT-27"} <= late
    assert len([f for f in check_plan(plan) if f.code == "action-overdue"]) == len(late)


def test_without_an_as_of_date_nothing_is_late():
    plan = clean_plan()
    plan.settings.tracking_month = None
    assert not [f for f in check_plan(plan) if f.code == "action-overdue"]


# --- rates, deadlines, segments -----------------------------------------------------------------


def test_a_rate_to_date_is_a_ratio_of_totals():
    fig = report_figures(demo_plan("fr"))
    k = {x["id"]: x for x in fig["kpis"]}
    assert k["KPI-06"]["rate_rule"] == "ratio"
    assert k["KPI-06"]["actual_ytd"] == pytest.approx(k["KPI-05"]["actual_ytd"] / k["KPI-04"]["actual_ytd"])
    assert k["KPI-06"]["actual_ytd"] == pytest.approx(97 / 282)
    assert k["KPI-11"]["rate_rule"] == "average"
    o4 = next(o for o in fig["objectives"] if o["id"] == "OBJ-04")
    assert o4["on_track"] is True and o4["rate"] is True


def test_ratio_figures_are_ratios_of_the_parts_totals():
    num = calc.Series([10.0] * 12, [9.0, 11.0, None] + [None] * 9)
    den = calc.Series([40.0] * 12, [30.0, 50.0, 10.0] + [None] * 9)
    f = calc.kpi_figures("rate", [0.9] * 12, [0.1] * 12, 3, num, den)
    assert f["actual_ytd"] == pytest.approx(20 / 90)
    assert f["plan_ytd"] == pytest.approx(30 / 120) and f["plan_year"] == pytest.approx(0.25)
    assert f["landing"] == pytest.approx((20 + 90) / (90 + 360))
    assert calc.kpi_figures("rate", [0.9] * 12, [0.1] * 12, 3)["actual_ytd"] == pytest.approx(0.1)


def test_an_objective_lands_at_its_deadline():
    plan = demo_plan("en")
    o8 = next(o for o in report_figures(plan)["objectives"] if o["id"] == "OBJ-08")
    k12 = next(k for k in plan.kpis if k.id == "KPI-12")
    assert o8["deadline_month"] == 9
    assert o8["landing"] == sum(k12.actual[:9])  # September's deadline: October does not count
    assert calc.landing_until("count", [5.0] * 12, [1.0] * 12, 3, 6) == 3 + 15
    assert calc.deadline_month(D(2025, 12, 31), 2026, 1) is None
    assert calc.deadline_month(D(2027, 3, 1), 2026, 1) == 12


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False)),
                          st.sampled_from(["A", "b", "B"])), min_size=1, max_size=40))
def test_segment_shares_add_up_to_exactly_one(rows):
    amounts = [a for a, _ in rows]
    shares = calc.segment_shares(amounts, [s for _, s in rows], ["A", "B"])
    if any(a is not None and a > 0 for a in amounts):
        assert sum(shares.values()) == pytest.approx(1.0, abs=1e-12)
    else:
        assert set(shares.values()) == {None}


def test_demo_segment_shares_are_100_percent():
    assert report_figures(demo_plan("fr"))["segments"]["last_share_total"] == pytest.approx(1.0, abs=1e-12)


# --- budgets -----------------------------------------------------------------------------------


@settings(max_examples=80, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.lists(st.one_of(st.none(), st.floats(0, 1e6)), min_size=12, max_size=12),
                          st.one_of(st.none(), st.floats(0, 1e6))), max_size=12),
       st.integers(1, 12))
def test_budget_total_variance_is_the_sum_of_the_lines(lines, month):
    figures = [calc.line_figures(m, a, month) for m, a in lines]
    t = calc.budget_totals(figures)
    assert t["variance"] == pytest.approx(sum(f["variance"] or 0 for f in figures), abs=1e-6)
    assert t["variance"] == pytest.approx(t["actual"] - t["plan_ytd"], abs=1e-6)


def test_a_planned_line_without_spend_counts_zero_spent():
    f = calc.line_figures([100.0] * 12, None, 3)
    assert (f["actual"], f["variance"], f["favourable"]) == (0.0, -300.0, True)
    assert calc.line_figures([None] * 12, None, 3)["variance"] is None


def test_an_action_budget_typed_on_the_action_plan_reaches_the_budget(tmp_path):
    plan = clean_plan()
    plan.budget = [b for b in plan.budget if b.action_id != "A3"]
    before = report_figures(plan)["budget"]["total"]["plan_year"]
    p = normalized(plan)
    line = next(b for b in p.budget if b.action_id == "A3")
    assert sum(v for v in line.months if v) == pytest.approx(3_000)
    assert all(a.budget is None for a in p.actions)  # computed from the lines in the workbook
    assert report_figures(p)["budget"]["total"]["plan_year"] == pytest.approx(before + 3_000)
    assert calc.spread_evenly(100.0, 1, 3) == [33.33, 33.33, 33.34] + [None] * 9


def test_an_action_budget_that_contradicts_its_lines_is_refused():
    plan = clean_plan()
    plan.actions[2].budget = 2_500.0
    with pytest.raises(InputError, match="A3"):
        normalized(plan)
    assert "action-budget-typed" in {f.code for f in check_plan(plan)}


def test_the_action_budget_column_is_a_formula(generated_workbooks):
    from pacxl.workbook.contract import ACTIONS
    from pacxl.workbook.tables import find_table

    wb = openpyxl.load_workbook(generated_workbooks["demo_fr"])
    ws, tbl = find_table(wb, "tblActions")
    first_row = int(re.search(r"\d+", tbl.ref).group()) + 1
    cell = ws.cell(row=first_row, column=ACTIONS.index("budget") + 1)
    assert cell.value.startswith("=IF(") and "SUMIF(tblBudget_action_id" in cell.value
    assert cell.protection.locked


# --- colours, percentages, qualitative objectives ----------------------------------------------


def test_variances_are_coloured_by_verdict_not_by_sign(generated_workbooks):
    with zipfile.ZipFile(generated_workbooks["demo_fr"]) as z:
        styles = z.read("xl/styles.xml").decode()
    assert "[Red]" not in styles
    wb = openpyxl.load_workbook(generated_workbooks["demo_fr"])
    ws = wb[SHEETS["kpi"]["fr"]]
    rules = [(str(rng.sqref), r.formula) for rng in ws.conditional_formatting for r in rng.rules]
    assert any("Favorable" in f[0] for rng, f in rules if f and "variance" not in rng and "=" in f[0])


def test_rate_targets_show_as_percentages(generated_workbooks):
    wb = openpyxl.load_workbook(generated_workbooks["demo_fr"])
    ws = wb[SHEETS["objectives"]["fr"]]
    pct = [r for rng in ws.conditional_formatting for r in rng.rules
           if r.dxf is not None and r.dxf.numFmt is not None and "%" in r.dxf.numFmt.formatCode]
    assert pct and all("PAC_KPIKinds,4" in r.formula[0] for r in pct)
    from pacxl.report_format import _objective_value
    assert _objective_value(0.35, "", "fr", rate=True) == "35,0\u00a0%"


def test_a_qualitative_objective_is_allowed_and_not_computed():
    plan = clean_plan()
    plan.objectives.append(Objective("O3", "Be the reference employer of the valley", deadline=D(2026, 12, 31),
                                     owner="Bob"))
    plan.actions.append(Action("A4", "O3", "Open day", owner="Bob", start=D(2026, 5, 1), end=D(2026, 5, 2)))
    found = {f.code for f in check_plan(plan) if f.where.endswith(("D7", "C7")) or "O3" in f.message}
    assert not found & {"objective-no-target", "objective-no-kpi"}
    o3 = next(o for o in report_figures(plan)["objectives"] if o["id"] == "O3")
    assert o3["qualitative"] and o3["landing"] is None and o3["on_track"] is None
    plan.objectives[-1].owner = ""
    assert "objective-no-owner" in {f.code for f in check_plan(plan)}


def test_a_rate_kpi_must_name_both_parts():
    plan = clean_plan()
    plan.kpis[0].kind, plan.kpis[0].numerator = "rate", "K2"
    assert "kpi-bad-ratio" in {f.code for f in check_plan(plan) if f.severity == "error"}


@pytest.mark.libreoffice
def test_demo_workbook_shows_the_one_truth(demo_fr_path, demo_fr_recalc):
    """After LibreOffice: the as-of date, the ratio rate, the deadline landing, late actions and
    segment shares are the report's."""
    from pacxl.workbook.tables import find_table

    fig = report_figures(demo_plan("fr"))
    wb = openpyxl.load_workbook(demo_fr_recalc, data_only=True)
    dn = wb.defined_names["PAC_AsOf"]
    (sheet, ref), = dn.destinations
    assert wb[sheet][ref.replace("$", "")].value.date() == D(2026, 10, 31)
    from test_workbook_twins import same, table_values

    objectives = {r["id"]: r for r in table_values(demo_fr_path, demo_fr_recalc, "tblObjectives")}
    for o in fig["objectives"]:
        row = objectives[o["id"]]
        assert same(row["landing"], o["landing"]), o["id"]
        assert (row["on_track"] or None) == (None if o["on_track"] is None else "Oui" if o["on_track"] else "Non")
    kpis = {r["id"]: r for r in table_values(demo_fr_path, demo_fr_recalc, "tblKPI")}
    assert same(kpis["KPI-06"]["actual_ytd"], 97 / 282)
    actions = table_values(demo_fr_path, demo_fr_recalc, "tblActions")
    late = {r["id"] for r in actions if r["alert"] == "En retard"}
    assert late == {a["id"] for a in fig["actions"]["late"]}
    budget = {r["id"]: r["budget"] for r in actions if r["id"]}
    assert budget["ACT-02"] == 24_000 and budget["ACT-10"] == 18_000  # two lines each
    targets = wb[SHEETS["targets"]["fr"]]
    shares = [targets.cell(row=r, column=6).value for r in range(5, 15)]
    assert sum(x for x in shares if isinstance(x, (int, float))) == pytest.approx(1.0, abs=1e-12)


def test_a_workbook_made_before_the_ratio_columns_still_reads(generated_workbooks, tmp_path):
    """A pacxl 0.1 workbook has no numerator/denominator columns: check and report read it
    (its rates are averages), an import says which column is missing."""
    from pacxl.workbook.contract import KPI as KPI_T
    from pacxl.workbook.read import read_plan
    from pacxl.workbook.tables import find_table

    path = tmp_path / "old.xlsx"
    wb = openpyxl.load_workbook(generated_workbooks["demo_en"])
    ws, tbl = find_table(wb, "tblKPI")
    header = int(re.search(r"\d+", tbl.ref).group())
    for key in ("numerator", "denominator"):  # as if the columns were not there: other headers
        ws.cell(row=header, column=KPI_T.index(key) + 1).value = f"Note {key}"
        tbl.tableColumns[KPI_T.index(key)].name = f"Note {key}"
    wb.save(path)
    plan = read_plan(path)
    assert all(k.numerator == "" for k in plan.kpis)
    k6 = next(k for k in report_figures(plan)["kpis"] if k["id"] == "KPI-06")
    assert k6["rate_rule"] == "average"
    assert not [f for f in check_plan(plan) if f.severity == "error"]
