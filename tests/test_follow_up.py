"""Follow and adjust in the workbook and the commands: seasonality typed, from last year or flat;
working days and the holiday list; check's rules; ``pacxl new --seasonality``; plan files."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from pacxl import adjust, build_workbook
from pacxl.calc import seasonality
from pacxl.check import check_plan, check_workbook
from pacxl.cli import main
from pacxl.defaults import blank_plan
from pacxl.demo import demo_plan
from pacxl.errors import InputError
from pacxl.planfile import plan_from_dict
from pacxl.workbook.read import read_plan

TYPED = [6, 7, 9, 9, 9, 8, 6, 4, 10, 11, 11, 10]


def _codes(findings):
    return {f.code for f in findings}


def test_profile_order_typed_then_history_then_flat():
    p = blank_plan("fr", year=2027)
    assert adjust.profile(p) == seasonality.flat()
    p.review.monthly_revenue = [float(x) for x in range(1, 13)]
    assert adjust.profile(p)[11] == pytest.approx(12 / 78)
    p.settings.seasonality = [t / 100 for t in TYPED]
    assert adjust.profile(p)[0] == pytest.approx(0.06)


def test_workbook_round_trip_keeps_follow_up_inputs(tmp_path):
    p = demo_plan("en")
    p.settings.seasonality = [t / 100 for t in TYPED]
    p.settings.holidays = [dt.date(2026, 1, 1), dt.date(2026, 12, 24), dt.date(2026, 12, 25)]
    path = build_workbook(p, tmp_path / "d.xlsx")
    back = read_plan(path)
    assert back.settings.seasonality == pytest.approx([t / 100 for t in TYPED])
    assert back.settings.holidays == p.settings.holidays
    assert back.settings.funnel_lags == [3, 2, 1, 0]
    assert back.review.monthly_revenue == p.review.monthly_revenue
    assert [k.stage for k in back.kpis] == [k.stage for k in p.kpis]
    # December 2026: 23 weekdays less the typed 24 and 25 (Thursday, Friday); January less the 1st
    assert adjust.working_days(back)[11] == 21 and adjust.working_days(back)[0] == 21


def test_check_flags_a_profile_not_adding_up_and_stale_holidays(tmp_path):
    p = blank_plan("fr", year=2027)
    p.settings.tracking_month = 1
    p.settings.seasonality = [0.05] * 12  # 60 %
    p.settings.holidays = [dt.date(2026, 5, 1), dt.date(2027, 5, 1)]
    codes = _codes(check_plan(p))
    assert {"seasonality-not-100", "holidays-outside-year"} <= codes
    p.settings.seasonality = [t / 100 for t in TYPED]
    p.settings.holidays = [dt.date(2027, 5, 1)]
    codes = _codes(check_plan(p))
    assert not {"seasonality-not-100", "holidays-outside-year"} & codes


def test_check_on_the_demo_workbook_names_the_observed_rate_cell(tmp_path):
    path = build_workbook(demo_plan("fr"), tmp_path / "d.xlsx")
    below = [f for f in check_workbook(path) if f.code == "funnel-rate-below"]
    assert len(below) == 1
    assert below[0].sheet == "Entonnoir" and below[0].cell.startswith("H")
    assert "Contacts" in below[0].message and "25,0" in below[0].message


def test_new_with_seasonality(tmp_path):
    runner = CliRunner()
    out = tmp_path / "p.xlsx"
    r = runner.invoke(main, ["new", str(out), "--seasonality", ",".join(map(str, TYPED))])
    assert r.exit_code == 0, r.output
    assert read_plan(out).settings.seasonality == pytest.approx([t / 100 for t in TYPED])
    out2 = tmp_path / "q.xlsx"
    r = runner.invoke(main, ["new", str(out2), "--seasonality", "6;7;9;9;9;8;6;4;10;11;10,5;10,5"])
    assert r.exit_code == 0, r.output
    assert read_plan(out2).settings.seasonality[10] == pytest.approx(0.105)


@pytest.mark.parametrize("value,says", [
    ("6,7,9", "12 monthly weights"), ("10,10,10,10,10,10,10,10,10,10,10,10", "120 %"),
    ("6,x,9,9,9,8,6,4,10,11,11,10", "weight 2"), ("-6,19,9,9,9,8,6,4,10,11,11,14", "0 or more"),
])
def test_new_refuses_a_bad_seasonality(tmp_path, value, says):
    out = tmp_path / "p.xlsx"
    r = CliRunner().invoke(main, ["new", str(out), "--seasonality", value])
    assert r.exit_code == 2 and says in r.output and "Traceback" not in r.output
    assert not out.exists()


def test_plan_file_keys_are_checked():
    p = plan_from_dict({"settings": {"seasonality": TYPED, "funnel_lags": [3, 2, 1, 0],
                                     "holidays": ["2027-05-01"]},
                        "review": {"monthly_revenue": [1000] * 12}})
    assert p.settings.funnel_lags == [3, 2, 1, 0] and p.review.monthly_revenue[0] == 1000
    for bad, says in (({"settings": {"funnel_lags": [1.5]}}, "whole number"),
                      ({"settings": {"seasonality": [8] * 13}}, "at most 12"),
                      ({"review": {"monthly_revenue": [1] * 11}}, "12 expected"),
                      ({"settings": {"holidays": ["2027-02-30"]}}, "not a date")):
        with pytest.raises(InputError, match=says):
            plan_from_dict(bad)


def test_lags_and_monthly_signatures_of_the_demo():
    p = demo_plan("fr")
    signs = adjust.monthly_signatures(p)
    assert sum(signs) == 120 and signs == seasonality.whole_spread(120, adjust.profile(p))
    cal = adjust.funnel_months(p)
    # contacts come 3 months before their signature: the first three months' cohorts are "before"
    assert cal.months[0][-3:] == [0, 0, 0] and cal.months[3] == signs and cal.before[3] == 0
    assert cal.before[0] > 0 and sum(cal.months[0]) + cal.before[0] == cal.totals()[0]


def test_revenue_kpi_without_a_plan_follows_the_goal_and_seasonality(tmp_path):
    import openpyxl

    p = demo_plan("fr")
    p.kpis[0].plan = [None] * 12
    path = build_workbook(p, tmp_path / "s.xlsx")
    ws = openpyxl.load_workbook(path)["Suivi KPI"]
    cells = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert sum("PAC_RevenueTarget*INDEX(PAC_Seasonality" in v for v in cells) == 12
    back = read_plan(path)
    assert back.kpis[0].plan == pytest.approx([4_200_000 * w for w in adjust.profile(back)])
    # a typed plan is left as typed, and only the first revenue KPI follows
    typed = build_workbook(demo_plan("fr"), tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(typed)["Suivi KPI"]
    assert not any(isinstance(c.value, str) and "PAC_RevenueTarget*INDEX(PAC_Seasonality" in c.value
               for row in ws.iter_rows() for c in row)
