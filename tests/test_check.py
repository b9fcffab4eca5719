"""pacxl check over plans built in Python (cells from the generator's layout)."""

from __future__ import annotations

import pytest
from openpyxl.utils import get_column_letter

from pacxl.check import check_plan, plan_period, status_position, to_json
from pacxl.workbook.contract import ACTIONS, BUDGET, KPI, OBJECTIVES, STATUS_DONE
from pacxl.workbook.layout import default_layout

from plans import D, clean_plan

TODAY = D(2026, 3, 31)


def cell_of(plan, table, index, key):
    """Expected A1 of an item, from the table's origin in the layout and the contract's columns."""
    t = default_layout(plan).tables[table.name]
    return f"{get_column_letter(t.first_col + table.index(key))}{t.header_row + 1 + index}"


def codes(findings, severity=None):
    return {f.code for f in findings if severity is None or f.severity == severity}


def test_clean_plan_has_no_error_nor_warning():
    findings = check_plan(clean_plan(), today=TODAY)
    assert [f for f in findings if f.severity != "info"] == []
    assert "funnel-weekly-need" in codes(findings, "info")


def _set(attr, value, index=0, coll="actions"):
    def mutate(p):
        setattr(getattr(p, coll)[index], attr, value)
    return mutate


DEFECTS = [
    # (mutation, code, severity, table, index, column key)
    (_set("owner", ""), "action-no-owner", "error", ACTIONS, 0, "owner"),
    (_set("owner", "Zoe", 1), "action-unknown-owner", "warning", ACTIONS, 1, "owner"),
    (_set("end", D(2026, 1, 2), 0), "action-end-before-start", "error", ACTIONS, 0, "end"),
    (_set("start", None, 2), "action-no-dates", "warning", ACTIONS, 2, "start"),
    (_set("end", D(2027, 2, 1), 2), "action-outside-year", "warning", ACTIONS, 2, "end"),
    (_set("objective_id", "O9", 1), "action-unknown-objective", "warning", ACTIONS, 1, "objective_id"),
    (_set("objective_id", "", 1), "action-no-objective", "warning", ACTIONS, 1, "objective_id"),
    (_set("budget", None, 2), "action-no-budget", "info", ACTIONS, 2, "budget"),
    (_set("end", D(2026, 3, 1), 0), "action-overdue", "warning", ACTIONS, 0, "status"),
    (_set("status", "Maybe", 0), "action-unknown-status", "warning", ACTIONS, 0, "status"),
    (_set("target", None, 1, "objectives"), "objective-no-target", "error", OBJECTIVES, 1, "target"),
    (_set("kpi", "", 0, "objectives"), "objective-no-kpi", "warning", OBJECTIVES, 0, "kpi"),
    (_set("deadline", None, 0, "objectives"), "objective-no-deadline", "warning", OBJECTIVES, 0, "deadline"),
    (_set("owner", "", 1, "objectives"), "objective-no-owner", "warning", OBJECTIVES, 1, "owner"),
    (_set("deadline", D(2025, 6, 1), 1, "objectives"), "objective-deadline-outside-year", "warning",
     OBJECTIVES, 1, "deadline"),
    (_set("action_id", "", 1, "budget"), "budget-no-action", "warning", BUDGET, 1, "action_id"),
    (_set("action_id", "A7", 2, "budget"), "budget-unknown-action", "warning", BUDGET, 2, "action_id"),
    (_set("plan", [None] * 12, 1, "kpis"), "kpi-no-plan", "warning", KPI, 1, "p01"),
    (_set("kind", "weird", 1, "kpis"), "kpi-unknown-kind", "warning", KPI, 1, "kind"),
    (_set("objective_id", "O5", 0, "kpis"), "kpi-unknown-objective", "warning", KPI, 0, "objective_id"),
    (_set("actual", [1.0, None] + [None] * 10, 0, "kpis"), "kpi-missing-actuals", "info", KPI, 0, "a02"),
    (_set("plan", [10.0] * 12, 1, "kpis"), "funnel-kpi-below-need", "warning", KPI, 1, "p01"),
]


@pytest.mark.parametrize("mutate,code,severity,table,index,key", DEFECTS, ids=[d[1] for d in DEFECTS])
def test_each_defect_is_found_at_its_cell(mutate, code, severity, table, index, key):
    plan = clean_plan()
    mutate(plan)
    found = [f for f in check_plan(plan, today=TODAY) if f.code == code]
    assert len(found) == 1, check_plan(plan, today=TODAY)
    f = found[0]
    assert f.severity == severity
    assert f.sheet == default_layout(plan).sheet(table.sheet)
    assert f.cell == cell_of(plan, table, index, key)
    assert f.fix.endswith(".") and len(f.fix) > 10


def test_errors_are_exactly_the_three_blocking_defects():
    plan = clean_plan()
    plan.actions[0].owner = ""
    plan.actions[1].start, plan.actions[1].end = D(2026, 5, 1), D(2026, 4, 1)
    plan.objectives[0].target = None
    assert codes(check_plan(plan, today=TODAY), "error") == {
        "action-no-owner", "action-end-before-start", "objective-no-target"}


def test_overdue_depends_on_today_and_status():
    plan = clean_plan()
    plan.actions[0].end = D(2026, 3, 1)
    assert "action-overdue" not in codes(check_plan(plan, today=D(2026, 3, 1)))
    assert "action-overdue" in codes(check_plan(plan, today=D(2026, 3, 2)))
    plan.actions[0].status = plan.settings.statuses[STATUS_DONE]
    assert "action-overdue" not in codes(check_plan(plan, today=D(2026, 3, 2)))
    # statuses are recognised by position, so a renamed list still works
    plan.settings.statuses = ["open", "busy", "finished", "later", "dropped"]
    plan.actions[0].status = "Finished"
    assert status_position(plan.settings, "finished") == STATUS_DONE
    assert "action-overdue" not in codes(check_plan(plan, today=D(2026, 3, 2)))


@pytest.mark.parametrize("shares,expected,hint", [
    ([0.6, 0.4], None, None),
    ([0.6, 0.3], "90.0%", "add up to 100"),
    ([60, 40], "10000.0%", "whole numbers"),
    ([0.601, 0.4], None, None),  # within the half-point tolerance
])
def test_segment_shares(shares, expected, hint):
    plan = clean_plan()
    for seg, share in zip(plan.segments, shares):
        seg.share = share
    found = [f for f in check_plan(plan, today=TODAY) if f.code == "segments-shares-not-100"]
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and expected in found[0].message and hint in found[0].fix


def test_budget_share_of_revenue():
    plan = clean_plan()
    (f,) = [f for f in check_plan(plan, today=TODAY) if f.code == "budget-share-of-revenue"]
    assert f.severity == "info" and "4.0%" in f.message  # 12 000 / 300 000
    plan.settings.revenue_target = 60_000.0  # 20 %
    (f,) = [f for f in check_plan(plan, today=TODAY) if f.code == "budget-share-of-revenue"]
    assert f.severity == "warning" and "20.0%" in f.message
    plan.settings.revenue_target = None
    assert "revenue-no-target" in codes(check_plan(plan, today=TODAY), "warning")


def test_funnel_weekly_need_matches_calc():
    (f,) = [f for f in check_plan(clean_plan(), today=TODAY) if f.code == "funnel-weekly-need"]
    # 15 deals at 30 % / 50 % / 20 %: 500 contacts a year, ceil(500 / 52) = 10 a week
    assert "To sign 15 deals" in f.message and "10 Contacts" in f.message


def test_funnel_weeks_without_prospecting():
    plan = clean_plan()
    plan.actions[0].end = D(2026, 6, 30)  # prospecting stops at the end of June
    plan.actions[2].category = plan.settings.categories[0]  # visits become an awareness action
    found = [f for f in check_plan(plan, today=TODAY) if f.code == "funnel-uncovered-weeks"]
    assert len(found) == 1 and "10 Contacts a week" in found[0].message
    assert found[0].message.startswith("From ")
    assert found[0].sheet == "Action plan"
    plan.actions[0].category = plan.settings.categories[1]
    assert "funnel-no-actions" in codes(check_plan(plan, today=TODAY))


def test_bad_rates_are_an_error():
    plan = clean_plan()
    plan.settings.funnel_rates = [0.2, 50, 0.3]
    assert "funnel-bad-rate" in codes(check_plan(plan, today=TODAY), "error")


def test_plan_period_with_shifted_first_month():
    plan = clean_plan()
    plan.settings.first_month = 9
    assert plan_period(plan.settings) == (D(2026, 9, 1), D(2027, 8, 31))


def test_findings_sorted_and_json():
    plan = clean_plan()
    plan.actions[0].owner = ""
    plan.actions[1].objective_id = "O9"
    findings = check_plan(plan, today=TODAY)
    sev = [f.severity for f in findings]
    assert sev == sorted(sev, key=["error", "warning", "info"].index)
    doc = to_json(findings, "x.xlsx", TODAY)
    assert doc["schema"] == "pacxl.check/1"
    assert doc["summary"]["error"] == 1
    first = doc["findings"][0]
    assert set(first) == {"severity", "code", "sheet", "cell", "where", "message", "fix"}
    assert first["where"] == f"{first['sheet']}!{first['cell']}"


def test_every_rule_is_documented():
    import inspect
    import re
    from pathlib import Path

    import pacxl.check

    source = inspect.getsource(pacxl.check)
    rules = set(re.findall(r'self\.add\(\w+, "([a-z0-9-]+)"', source))
    assert len(rules) > 30
    doc = (Path(__file__).resolve().parent.parent / "docs" / "check.md").read_text(encoding="utf-8")
    assert [r for r in sorted(rules) if f"`{r}`" not in doc] == []
