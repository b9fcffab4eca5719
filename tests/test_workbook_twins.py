"""Every native formula equals its calc twin after LibreOffice recalculates the workbook.

Two plans: the demo (French) and a hand-made plan full of edge cases (six funnel stages with a
fractional deal target, ties, zeros, credit notes, blanks and text among customer amounts, KPIs
of every kind with blank months, a plan year starting in September), plus a copy of it whose
customer table is no longer sorted (the ABC formulas must fall back to SUMIF and stay right).
"""

from __future__ import annotations

import datetime as dt
import math
import random

import openpyxl
import pytest

from pacxl.calc import (
    abc_classes,
    abc_summary,
    deals_for_revenue,
    favourable,
    landing_forecast,
    per_period,
    required_volumes,
    run_rate_forecast,
    variance,
    variance_pct,
    year_to_date,
)
from pacxl.calc.variance import aggregation, kpi_kind
from pacxl.defaults import blank_plan
from pacxl.model import KPI, BudgetLine, Customer, Segment
from pacxl.recalc import recalculate
from pacxl.workbook.build import build_workbook
from pacxl.workbook.contract import BUDGET, CUSTOMERS, KPI as KPI_T, MONTHS, OBJECTIVES as OBJECTIVES_T, SHEETS
from pacxl.workbook.i18n import text
from pacxl.workbook.tables import find_table, write_rows

from workbook_values import blank, table_rows

pytestmark = pytest.mark.libreoffice


def edge_plan():
    p = blank_plan("en", year=2027, company="Edge Ltd", owners=["Ann", "Ben"])
    s = p.settings
    s.first_month = 9
    s.tracking_month = 4
    s.funnel_stages = ["Leads", "Contacts", "Meetings", "Demos", "Proposals", "Deals"]
    s.funnel_rates = [0.5, 0.4, 0.35, 0.6, 0.3]
    s.revenue_target = 1_000_000.0
    s.average_deal = 35_000.0  # 28.57 -> 29 deals
    s.abc_a, s.abc_b = 0.7, 0.9
    p.segments = [Segment("North", share=0.5), Segment("South", share=0.5)]
    rng = random.Random(7)
    amounts = [100.0, 50.0, 50.0, 30.0, 10.0, 10.0, 0.0, -20.0, None, 5.5, 0.1, 0.2, 0.3]
    amounts += [float(rng.choice([100, 250, 250, 1000, 3300, 12.5, 7])) for _ in range(120)]
    p.customers = [Customer(f"C{i:03d}", f"Customer {i}", rng.choice(["North", "South"]), a)
                   for i, a in enumerate(amounts)]
    kinds = ["revenue", "count", "cost", "rate", "revenue", "cost"]
    for i, kind in enumerate(kinds):
        plan = [rng.choice([None, 0.0, 10.0, 12.5, 100.0]) for _ in range(MONTHS)]
        actual = [rng.choice([None, 9.0, 11.0, 130.0]) for _ in range(MONTHS)]
        if kind == "rate":
            plan = [0.2 if m % 3 else None for m in range(MONTHS)]
            actual = [0.25, None, 0.18, 0.3] + [None] * 8
        if i == 4:  # no actual yet: blanks everywhere it matters
            actual = [None] * MONTHS
        p.kpis.append(KPI(f"K{i}", f"KPI {kind} {i}", kind, "u", "", plan, actual))
    # a rate that is a ratio of totals (K1 counts / K0 revenue), with blanks on both sides, and
    # one whose denominator has no actual yet (K4): blank to date, as calc says
    p.kpis.append(KPI("K6", "Ratio rate", "rate", "%", "", [0.3] * MONTHS, [0.9] * MONTHS, "K1", "K0"))
    p.kpis.append(KPI("K7", "Ratio, empty denominator", "rate", "%", "", [0.3] * MONTHS, [None] * MONTHS,
                      "K1", "K4"))
    p.budget = [
        BudgetLine("B1", s.budget_categories[0], "", "Fair", [1000.0, None, 500.0] + [None] * 9, 1200.0),
        BudgetLine("B2", s.budget_categories[1], "", "Ads", [200.0] * 12, None),
        BudgetLine("B3", s.budget_categories[1], "", "Nothing", [None] * 12, 50.0),
        BudgetLine("B4", s.budget_categories[2], "", "Zero", [0.0] * 12, 10.0),
    ]
    return p


@pytest.fixture(scope="module")
def edge_books(tmp_path_factory):
    """(generated, recalculated) paths of the edge plan, of its unsorted copy, and of one with
    a text amount among the customers."""
    folder = tmp_path_factory.mktemp("twins")
    path = build_workbook(edge_plan(), folder / "edge.xlsx")
    # unsorted: move the largest customer to the bottom, bypassing write_rows' sort
    wb = openpyxl.load_workbook(path)
    ws, tbl = find_table(wb, "tblCustomers")
    first = int(tbl.ref.split(":")[0][1:]) + 1
    last_data = first + len(edge_plan().customers) - 1
    for c in range(1, 5):
        top = ws.cell(row=first, column=c).value
        ws.cell(row=first, column=c).value = ws.cell(row=last_data + 1, column=c).value
        ws.cell(row=last_data + 1, column=c).value = top
    unsorted = folder / "edge_unsorted.xlsx"
    wb.save(unsorted)
    wb = openpyxl.load_workbook(path)
    rows = [{"code": c.code, "name": c.name, "segment": c.segment, "amount": c.amount}
            for c in edge_plan().customers]
    rows.insert(3, {"code": "T", "name": "Text", "segment": "North", "amount": "n/a"})
    write_rows(wb, "tblCustomers", rows, min_rows=len(rows) + 3)
    text_amount = folder / "edge_text.xlsx"
    wb.save(text_amount)
    out = {}
    for name, p in (("edge", path), ("unsorted", unsorted), ("text", text_amount)):
        out[name] = (p, recalculate(p, folder / f"re_{name}"))
    return out


def table_values(gen_path, recalc_path, table_name):
    """Rows of a table as dicts (contract keys), values as LibreOffice computed them."""
    values = openpyxl.load_workbook(recalc_path, data_only=True)
    return table_rows(openpyxl.load_workbook(gen_path), values, table_name)[1]


def same(native, expected, tol=1e-9):
    if expected is None:
        return blank(native)
    if isinstance(expected, str):
        return native == expected
    return isinstance(native, (int, float)) and math.isclose(native, expected, rel_tol=tol, abs_tol=tol)


def check_customers(gen, rec, a, b):
    rows = table_values(gen, rec, "tblCustomers")
    amounts = [r["amount"] for r in rows]
    res = abc_classes(amounts, a, b)
    for i, r in enumerate(rows):
        assert (r["abc"] or "") == res.classes[i], (i, r)
        for key, arr in (("share", res.shares), ("prior_share", res.prior_shares),
                         ("cum_share", res.cum_shares)):
            exp = None if math.isnan(arr[i]) else float(arr[i])
            assert same(r[key], exp), (i, key, r[key], exp)
    return rows, res


@pytest.mark.parametrize("book", ["edge", "unsorted", "text"])
def test_abc_every_customer_equals_calc(edge_books, book):
    gen, rec = edge_books[book]
    rows, res = check_customers(gen, rec, 0.7, 0.9)
    assert {"A", "B", "C", ""} <= set(res.classes)
    sheet = openpyxl.load_workbook(rec, data_only=True)[SHEETS["customers"]["en"]]
    from openpyxl.utils import get_column_letter

    from pacxl.workbook.sheets.customers import FLAG_COL, SUMMARY_COL

    assert sheet[f"{get_column_letter(FLAG_COL)}6"].value is (book != "unsorted")  # PAC_CustomersSorted (hidden)
    assert sheet[f"{get_column_letter(SUMMARY_COL + 1)}6"].value == text(
        "cu_sorted_yes" if book != "unsorted" else "cu_sorted_no", "en")
    # the ABC summary block: twin of abc_summary
    summ = abc_summary(res, [r["amount"] for r in rows])
    for j, cls in enumerate("ABC"):
        r = 10 + j
        assert sheet.cell(row=r, column=SUMMARY_COL).value == cls
        assert sheet.cell(row=r, column=SUMMARY_COL + 1).value == summ[cls]["count"]
        assert same(sheet.cell(row=r, column=SUMMARY_COL + 2).value, summ[cls]["revenue"])
        assert same(sheet.cell(row=r, column=SUMMARY_COL + 3).value, summ[cls]["share"])


def test_abc_demo_equals_calc(demo_fr_path, demo_fr_recalc):
    from pacxl.demo import demo_plan

    s = demo_plan("fr").settings
    rows, res = check_customers(demo_fr_path, demo_fr_recalc, s.abc_a, s.abc_b)
    assert len([r for r in rows if r["amount"] is not None]) >= 200


def funnel_values(rec, lang):
    ws = openpyxl.load_workbook(rec, data_only=True)[SHEETS["funnel"][lang]]
    deals = ws["B7"].value
    rows = [[ws.cell(row=r, column=c).value for c in range(1, 6)] for r in range(12, 18)]
    return deals, rows


def check_funnel(rec, lang, plan):
    s = plan.settings
    deals, rows = funnel_values(rec, lang)
    expected_deals = s.deals_target if s.deals_target is not None else deals_for_revenue(
        s.revenue_target, s.average_deal)
    assert deals == expected_deals
    n = len(s.funnel_stages)
    vols = required_volumes(expected_deals, s.funnel_rates[: n - 1])
    assert [r[2] for r in rows[:n]] == vols
    assert [r[3] for r in rows[:n]] == per_period(vols, 12)
    # per working week: the plan year's working days (France's holidays) / 5, counted by numpy
    import datetime as dt

    import numpy as np

    from pacxl.calc.dates import plan_period
    from pacxl.calc.workdays import plan_holidays

    start, end = plan_period(s.year, s.first_month)
    days = int(np.busday_count(start, end + dt.timedelta(days=1),
                               holidays=[d for d, _ in plan_holidays(s.year, s.first_month)]))
    assert [r[4] for r in rows[:n]] == per_period(vols, days / 5)
    assert [r[0] for r in rows[:n]] == s.funnel_stages
    assert all(blank(r[2]) for r in rows[n:])


def test_funnel_six_stages_equals_calc(edge_books):
    check_funnel(edge_books["edge"][1], "en", edge_plan())
    # 29 deals, not 28.57: the deal target is rounded up
    assert funnel_values(edge_books["edge"][1], "en")[0] == 29


def test_funnel_demo_equals_calc(demo_fr_recalc):
    from pacxl.demo import demo_plan

    check_funnel(demo_fr_recalc, "fr", demo_plan("fr"))


def check_kpis(gen, rec, plan, lang):
    from pacxl.calc import kpi_figures
    from pacxl.report import kpi_series

    rows = table_values(gen, rec, "tblKPI")
    month = plan.settings.tracking_month
    fav, unfav = text("favourable", lang), text("unfavourable", lang)
    for k, r in zip(plan.kpis, rows):
        kind = kpi_kind(k.kind)
        num, den, _ = kpi_series(plan, k) if kind == "rate" else (None, None, True)
        f = kpi_figures(kind, k.plan, k.actual, month, num, den)
        for key in ("plan_year", "plan_ytd", "actual_ytd", "variance", "variance_pct", "landing", "run_rate"):
            assert same(r[key], f[key]), (k.id, key, r[key], f[key])
        fv = f["favourable"]
        assert (r["status"] or None) == (None if fv is None else fav if fv else unfav), k.id
    for r in rows[len(plan.kpis):]:
        assert all(blank(r[key]) for key in ("plan_year", "plan_ytd", "landing", "status"))
    return rows


def test_kpis_equal_calc(edge_books):
    rows = check_kpis(*edge_books["edge"], edge_plan(), "en")
    assert {r["status"] for r in rows} >= {"Favourable", "Unfavourable", None}


def test_kpis_demo_equal_calc(demo_fr_path, demo_fr_recalc):
    from pacxl.demo import demo_plan

    check_kpis(demo_fr_path, demo_fr_recalc, demo_plan("fr"), "fr")


def check_budget(gen, rec, plan, lang):
    from pacxl.calc import budget_totals, line_figures

    rows = table_values(gen, rec, "tblBudget")
    month = plan.settings.tracking_month
    lines = []
    for b, r in zip(plan.budget, rows):
        f = line_figures(b.months, b.actual, month)
        lines.append(f)
        for key in ("total", "plan_ytd", "variance", "consumed"):
            assert same(r[key], f[key]), (b.id, key, r[key], f[key])
    ws = openpyxl.load_workbook(rec, data_only=True)[SHEETS["budget"][lang]]
    t = budget_totals(lines)
    for key in ("total", "plan_ytd", "actual", "variance", "consumed"):
        assert same(ws.cell(row=3, column=BUDGET.index(key) + 1).value, t[key]), key
    # one rule: the totals row's variance is the sum of the lines' variances
    assert same(t["variance"], sum(f["variance"] or 0 for f in lines))


def test_budget_equals_calc(edge_books):
    check_budget(*edge_books["edge"], edge_plan(), "en")


def test_budget_demo_equals_calc(demo_fr_path, demo_fr_recalc):
    from pacxl.demo import demo_plan

    check_budget(demo_fr_path, demo_fr_recalc, demo_plan("fr"), "fr")


def test_month_headers_follow_first_month(edge_books):
    gen, _ = edge_books["edge"]
    ws = openpyxl.load_workbook(gen)[SHEETS["kpi"]["en"]]
    heads = [ws.cell(row=5, column=KPI_T.index(k) + 1).value for k in ("p01", "p04", "p05", "a12")]
    assert heads == ["Plan Sep 2027", "Plan Dec 2027", "Plan Jan 2028", "Actual Aug 2028"]


def test_calendar_months_start_at_first_month(edge_books):
    _, rec = edge_books["edge"]
    ws = openpyxl.load_workbook(rec, data_only=True)[SHEETS["calendar"]["en"]]
    assert ws["G4"].value == "Sep\n2027"
    assert ws["R4"].value == "Aug\n2028"


def test_segment_shares_checked(edge_books):
    _, rec = edge_books["edge"]
    ws = openpyxl.load_workbook(rec, data_only=True)[SHEETS["targets"]["en"]]
    assert ws["D15"].value == pytest.approx(1.0)
    assert ws["E15"].value == text("tg_ok", "en")
    # share of customer revenue of each segment: twin of a plain sum
    plan = edge_plan()
    total = sum(c.amount for c in plan.customers if c.amount and c.amount > 0)
    north = sum(c.amount for c in plan.customers if c.segment == "North" and c.amount is not None)
    assert ws["F5"].value == pytest.approx(north / total)


def test_customers_columns_contract():
    assert CUSTOMERS.keys()[:12] == ["code", "name", "segment", "amount", "margin", "potential", "previous",
                                     "share", "cum_share", "prior_share", "abc", "abc_potential"]
    assert all(k.startswith("h_") for k in CUSTOMERS.keys()[12:])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_review_totals_by_kind_do_not_double_count(lang, demo_fr_recalc, demo_en_recalc):
    """Segments and products are two breakdowns of last year's revenue: the review shows one
    total per kind, each equal to the sum of its own lines (their sum would count it twice)."""
    from pacxl.demo import demo_plan

    plan = demo_plan(lang)
    ws = openpyxl.load_workbook(demo_fr_recalc if lang == "fr" else demo_en_recalc,
                                data_only=True)[SHEETS["review"][lang]]
    totals = {}
    for r in range(5, ws.max_row + 1):
        label = ws.cell(row=r, column=2).value
        if label in (text("rv_total_segment", lang), text("rv_total_product", lang)):
            totals[label] = (ws.cell(row=r, column=3).value, ws.cell(row=r, column=4).value,
                             ws.cell(row=r, column=5).value)
    for kind in ("segment", "product"):
        word = text(f"rv_kind_{kind}", lang)
        lines = [x for x in plan.review.lines if x.kind == word]
        assert lines
        goal, done = sum(x.objective for x in lines), sum(x.achieved for x in lines)
        assert totals[text(f"rv_total_{kind}", lang)] == pytest.approx((goal, done, done - goal))
    # the demo's two breakdowns describe the same year, so both totals agree
    assert len(set(totals.values())) == 1


def test_smart_check_names_the_missing_letters(tmp_path):
    """The SMART check column says 'SMART' when every letter is there and names the missing
    ones otherwise: S no objective text, M no KPI or no numeric target, A no means, R no reason,
    T no deadline date; a qualitative objective (no KPI, no target) says so; a blank row stays
    blank."""
    from pacxl.model import Objective

    full = dict(objective="Sign 15 partners", kpi="Partners signed", target=15, unit="partners",
                achievable="2 salespeople", relevant="Recurring revenue", deadline=dt.date(2028, 12, 31))
    cases = [
        ({}, "SMART"),
        ({"objective": ""}, "Missing: S"),
        ({"target": None}, "Missing: M"),
        ({"kpi": ""}, "Missing: M"),
        ({"achievable": "", "relevant": ""}, "Missing: A R"),
        ({"deadline": None}, "Missing: T"),
        # neither KPI nor target: a qualitative objective, complete without M
        ({"objective": "", "kpi": "", "target": None, "achievable": "", "relevant": "", "deadline": None},
         "Missing: S A R T"),
        ({"kpi": "", "target": None}, "Qualitative"),
    ]
    plan = blank_plan("en", year=2028)
    plan.objectives = [Objective(id=f"O{i}", **(full | change)) for i, (change, _) in enumerate(cases)]
    path = build_workbook(plan, tmp_path / "smart.xlsx")
    ws = openpyxl.load_workbook(recalculate(path, tmp_path / "re"), data_only=True)[SHEETS["objectives"]["en"]]
    col = OBJECTIVES_T.index("smart") + 1
    got = [ws.cell(row=5 + i, column=col).value for i in range(len(cases) + 1)]
    assert got[:-1] == [expected for _, expected in cases]
    assert got[-1] in (None, "")  # the first blank typing row
