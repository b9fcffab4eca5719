"""Customers by margin, potential and retention (issue 14), in the workbook after LibreOffice:
every native figure equals ``pacxl.calc.customers`` through ``report --json``'s figures, on the
demo, on an edge plan ranked on the margin, on the same workbook switched back to revenue by a
user (the table no longer sorted by its basis: the SUMIF fallback), and on a team plan whose
capacity counts the coverage plan's meetings."""

from __future__ import annotations

import json

import openpyxl
import pytest
from click.testing import CliRunner

from pacxl.cli import main
from pacxl.defaults import blank_plan
from pacxl.demo import demo_plan
from pacxl.model import Customer, Segment
from pacxl.report import report_workbook
from pacxl.report_customers import classes
from pacxl.team_plan import add_team
from pacxl.workbook.build import build_workbook
from pacxl.workbook.read import read_plan

from workbook_values import Book, agrees, recalculate_all

pytestmark = pytest.mark.libreoffice


def edge_plan():
    """Margins with ties, zeros, credit notes, blanks and text; potentials on some rows; N-1
    figures with lost, kept and new customers; ranked on the margin."""
    p = blank_plan("en", year=2027, company="Edge Ltd", owners=["Ann"])
    s = p.settings
    s.abc_basis = "margin"
    s.abc_a, s.abc_b = 0.7, 0.9
    s.coverage_visits = [10, 3.5, None]
    s.revenue_target, s.average_deal = 500_000.0, 25_000.0
    p.segments = [Segment("North", share=1.0)]
    rows = [  # revenue, margin, potential, previous
        (1000.0, 300.0, 5000.0, 800.0), (900.0, 300.0, None, 1200.0), (5000.0, 250.0, 90000.0, None),
        (50.0, 20.0, 20.0, 60.0), (700.0, None, 700.0, 500.0), (80.0, 0.0, "big", 75.0),
        (-40.0, -12.0, None, 100.0), (None, None, None, 640.0), (None, None, None, 0.0),
        (120.5, 12.25, 140.0, None), (10.0, 2.5, 9000.0, 12.0), (333.0, "n/a", 20.0, 333.0),
    ]
    p.customers = [Customer(f"E{i:02d}", f"Edge {i}", "North", a, m, pot, prev)
                   for i, (a, m, pot, prev) in enumerate(rows)]
    return p


def team_plan():
    p = add_team(demo_plan("fr"), ["Alice", "Bruno"])
    for m, n in zip(p.team, (14, 12)):
        m.meetings_per_week = n
    return p


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    d = tmp_path_factory.mktemp("customers")
    paths = {"demo": build_workbook(demo_plan("fr"), d / "demo.xlsx"),
             "edge": build_workbook(edge_plan(), d / "edge.xlsx"),
             "team": build_workbook(team_plan(), d / "team.xlsx")}
    # a user switches the basis back to revenue: the table stays sorted by margin
    wb = openpyxl.load_workbook(paths["edge"])
    (title, ref), = list(wb.defined_names["PAC_ABCBasis"].destinations)
    wb[title][ref.replace("$", "")].value = "Revenue"
    wb.save(d / "switched.xlsx")
    paths["switched"] = d / "switched.xlsx"
    done = recalculate_all(list(paths.values()), d / "lo")
    langs = {"demo": "fr", "edge": "en", "team": "fr", "switched": "en"}
    return {k: (p, Book(done[p], langs[k])) for k, p in paths.items()}


CASES = ("demo", "edge", "switched")


def _num(v):
    return None if v in (None, "") else v


@pytest.mark.parametrize("case", CASES)
def test_row_classes_equal_calc(books, case):
    path, book = books[case]
    plan = read_plan(path)
    res, potential = classes(plan)
    rows = book.table("tblCustomers")[: len(plan.customers)]
    assert [r["code"] for r in rows] == [c.code for c in plan.customers]
    assert [r["abc"] or "" for r in rows] == [str(c) for c in res.classes]
    assert [r["abc_potential"] or "" for r in rows] == potential
    assert book.name("PAC_ABCTotal") == pytest.approx(res.total)


def test_the_edge_plan_ranks_the_margin_and_the_switch_falls_back(books):
    _, edge = books["edge"]
    _, switched = books["switched"]
    assert edge.name("PAC_CustomersSorted") is True
    assert switched.name("PAC_CustomersSorted") is False  # sorted by margin, ranked on revenue
    by_margin = {r["code"]: r["abc"] for r in edge.table("tblCustomers") if r["code"]}
    by_revenue = {r["code"]: r["abc"] for r in switched.table("tblCustomers") if r["code"]}
    # E01: margin 300 ties the largest (A); revenue 900 has 5 000 + 1 000 above it, 73 % of 8 193.5 (B)
    assert by_margin["E01"] == "A" and by_revenue["E01"] == "B"
    assert by_margin["E04"] in (None, "")  # no margin: no class on the margin


@pytest.mark.parametrize("case", CASES)
def test_blocks_equal_the_report(books, case):
    path, book = books[case]
    fig = report_workbook(path)
    cu = fig["customers"]
    flat = [v for row in cu["matrix"]["counts"] + cu["matrix"]["revenue"] for v in row]
    wb = book.values
    (title, ref), = list(wb.defined_names["PAC_ABCMatrix"].destinations)
    native = [c.value for row in wb[title][ref.replace("$", "")] for c in row]
    assert len(native) == 18
    for n, e in zip(native, flat):
        assert agrees(n, e, abs_tol=0.005), (native, flat)
    (title, ref), = list(wb.defined_names["PAC_Retention"].destinations)
    retention = [_num(c.value) for row in wb[title][ref.replace("$", "")] for c in row]
    for n, e in zip(retention, cu["retention"].values()):
        assert (n is None and e is None) or agrees(n, e, abs_tol=1e-9, rel_tol=1e-12), (retention, cu["retention"])
    assert book.name("PAC_CoverageMeetings") == pytest.approx(cu["coverage"]["meetings"])
    assert book.name("PAC_PotentialTotal") == pytest.approx(cu["potential_total"])
    summary = book.values
    (title, ref), = list(summary.defined_names["PAC_ABCSummary"].destinations)
    cells = [[c.value for c in row] for row in summary[title][ref.replace("$", "")]]
    for row in cells:
        cls = row[0]
        assert row[1] == fig["abc"]["classes"][cls]["count"]
        assert agrees(row[2], fig["abc"]["classes"][cls]["revenue"], abs_tol=0.005)
        assert agrees(row[3], fig["abc"]["classes"][cls]["share"], abs_tol=1e-12)


def test_edge_figures_by_hand(books):
    """The edge plan's retention and coverage, counted by hand from its rows."""
    path, _ = books["edge"]
    cu = report_workbook(path)["customers"]
    r = cu["retention"]
    # was (N-1 > 0): E00 E01 E03 E04 E05 E06 E07 E10 E11; is (revenue > 0): all but E06 E07 E08
    assert (r["kept"], r["lost"], r["new"]) == (7, 2, 2)
    assert r["base"] == 800 + 1200 + 60 + 500 + 75 + 100 + 640 + 12 + 333
    assert r["lost_revenue"] == 100 + 640
    assert r["churn_rate"] == pytest.approx(2 / 9)
    cov = cu["coverage"]
    assert cov["meetings"] == pytest.approx(cov["customers"]["A"] * 10 + cov["customers"]["B"] * 3.5)


def test_dashboard_and_team_carry_the_coverage(books):
    path, book = books["team"]
    fig = report_workbook(path)
    cu = fig["customers"]
    assert cu["coverage"]["meetings"] > 0
    assert book.name("PAC_CoverageMeetings") == pytest.approx(cu["coverage"]["meetings"])
    cap = fig["capacity"]
    assert cap["coverage_meetings"] == pytest.approx(cu["coverage"]["meetings"])
    need = {r["salesperson"]: r["need_per_week"] for r in cap["people"]}
    native = {r["salesperson"]: r["need_per_week"] for r in book.table("tblTeam") if r["salesperson"]}
    assert native.keys() == need.keys()
    for k in need:
        assert agrees(native[k], need[k], rel_tol=1e-12)
    # the need is the share of (funnel + coverage) meetings per working week
    share = {r["salesperson"]: r["share"] for r in cap["people"]}
    for k in need:
        expected = share[k] * (cap["meetings_per_year"] + cu["coverage"]["meetings"]) / cap["working_weeks"]
        assert need[k] == pytest.approx(expected)
    for key, want in (("db_revenue_retention", cu["retention"]["revenue_retention"]),
                      ("db_churn_rate", cu["retention"]["churn_rate"]),
                      ("db_coverage_meetings", cu["coverage"]["meetings"])):
        cell = book.find("dashboard", key)
        value = book.sheet("dashboard").cell(row=cell.row, column=cell.column + 1).value
        assert agrees(value, want, rel_tol=1e-12), key


def test_report_json_has_the_section(books):
    path, _ = books["demo"]
    res = CliRunner().invoke(main, ["report", "--json", str(path)])
    assert res.exit_code == 0, res.output
    fig = json.loads(res.output)
    cu = fig["customers"]
    assert cu["basis"] == "revenue" and fig["abc"]["basis"] == "revenue"
    assert all(sum(row) > 0 for row in cu["matrix"]["counts"])  # the demo fills every row
    assert cu["retention"]["lost"] > 0 and cu["retention"]["new"] > 0


# --- issue 15: new vs existing business in the allocation ------------------------------------------

def business_team():
    """Alice carries the first segment's new business (30 %) and half its existing (20 %); Bruno
    the rest; the other segments are split evenly, without a kind of business."""
    from pacxl.model import Allocation

    p = team_plan()
    first = p.allocations[0].segment
    p.allocations = [a for a in p.allocations if a.segment != first] + [
        Allocation("Alice", first, 0.3, None, "new"), Allocation("Alice", first, 0.2, None, "existing"),
        Allocation("Bruno", first, None, None, "existing"), Allocation("Bruno", first, 0.5, None, "existing")]
    return p, first


def test_business_targets_on_the_team_sheet_and_in_split_plans(tmp_path):
    from pacxl.calc import team as T
    from pacxl.split import _parts, segment_targets, split_plan
    from pacxl.workbook.sheets.team import SUMMARY_COL

    plan, first = business_team()
    path = build_workbook(plan, tmp_path / "team.xlsx")
    book = Book(recalculate_all([path], tmp_path / "lo")[path], "fr")
    fig = report_workbook(path)["allocation"]
    held = read_plan(path)
    seg_targets = segment_targets(held)
    by_hand = seg_targets[first]
    alice = next(p for p in fig["salespeople"] if p["salesperson"] == "Alice")
    assert alice["business"]["new"] == pytest.approx(0.3 * by_hand)
    assert alice["business"]["existing"] == pytest.approx(0.2 * by_hand)
    assert sum(alice["business"].values()) == pytest.approx(alice["target"], abs=0.01)
    # the Team sheet's "of which new / existing" columns equal the report
    ws = book.sheet("team")
    head = book.find("team", "team_target_new")
    rows = {ws.cell(row=r, column=SUMMARY_COL).value: r for r in range(head.row + 1, head.row + 4)}
    for person in fig["salespeople"]:
        r = rows[person["salesperson"]]
        assert agrees(ws.cell(row=r, column=SUMMARY_COL + 2).value, person["business"]["new"], rel_tol=1e-12)
        assert agrees(ws.cell(row=r, column=SUMMARY_COL + 3).value, person["business"]["existing"], rel_tol=1e-12)
    # each salesperson's own plan keeps the mix of their part of the segment: Alice 60 % new
    plans = dict(split_plan(held))
    mine = [(a.business, a.share) for a in plans["Alice"].allocations if a.segment == first]
    assert mine == [("new", pytest.approx(0.6)), ("existing", pytest.approx(0.4))]
    assert T.allocation_errors(_parts(plans["Alice"]), segment_targets(plans["Alice"])) == []
    assert [(a.business, a.share) for a in plans["Bruno"].allocations if a.segment == first] == [("existing", 1.0)]
