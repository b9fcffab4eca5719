"""Edges of pacxl.calc that mutation testing found unpinned (docs/mutation.md).

Every expected figure is worked out by hand in the test (the arithmetic is written out), never
copied from what the code returns.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from pacxl.calc import budget, dates, kpi
from pacxl.calc.funnel import check_rates, deals_for_revenue, funnel_calendar
from pacxl.calc.kpi import Series
from pacxl.calc.pareto import abc_classes, abc_summary, check_thresholds, segment_shares
from pacxl.calc.variance import (
    aggregation,
    check_month,
    favourable,
    landing_forecast,
    year_to_date,
)
from pacxl.errors import InputError

D = dt.date


# --- funnel --------------------------------------------------------------------------------------


@pytest.mark.parametrize("rate", [1.5, 2, 100])
def test_a_rate_typed_as_a_percentage_is_told_so(rate):
    with pytest.raises(InputError, match=r"as fractions between 0 and 1 \(.* % is "):
        check_rates([0.5, rate])


@pytest.mark.parametrize("rate", [100.5, 101, 0, -0.1])
def test_a_rate_out_of_range_is_refused_plainly(rate):
    with pytest.raises(InputError, match="a rate must be above 0 and at most 1"):
        check_rates([rate])


def test_a_rate_of_exactly_one_is_a_rate():
    assert check_rates([1.0, 1]) == [1.0, 1.0]


def test_a_negative_revenue_goal_is_named_in_the_message():
    with pytest.raises(InputError, match="the revenue goal must be zero or more"):
        deals_for_revenue(-1, 10)


def test_a_blank_month_in_the_calendar_plans_nothing_and_later_months_still_count():
    # rates [0.5]: 2 signatures need 4 at the top stage, one month earlier (lags [1, 0])
    for blank in (None, float("nan")):
        cal = funnel_calendar([2, blank, 2], [0.5], [1, 0])
        assert cal.before == [2 * 2, 0]
        assert cal.months == [[0, 2 * 2, 0], [2, 0, 2]]


# --- variance ------------------------------------------------------------------------------------


def test_aggregation_words():
    assert aggregation("rate") == "mean"
    for kind in ("revenue", "count", "cost"):
        assert aggregation(kind) == "sum"


def test_favourable_defaults_to_a_revenue_line():
    assert favourable(3, 2) is True
    assert favourable(1, 2) is False


def test_month_thirteen_is_refused_by_default():
    assert check_month(12) == 12
    with pytest.raises(InputError, match="from 1 to 12"):
        check_month(13)


def test_a_month_past_the_figures_given_is_refused():
    with pytest.raises(InputError, match="from 1 to 3"):
        year_to_date([1, 2, 3], 4)
    with pytest.raises(InputError, match="from 1 to 1"):
        year_to_date([], 2)
    assert year_to_date([], 1) is None
    with pytest.raises(InputError, match="from 1 to 3"):
        landing_forecast([1, 2, 3], [1, 2, 3], 4)
    with pytest.raises(InputError, match="from 1 to 1"):
        landing_forecast([], [], 2)


# --- pareto --------------------------------------------------------------------------------------


def test_thresholds_at_exactly_one_and_a_equal_b_are_accepted():
    assert check_thresholds(1.0, 1.0) == (1.0, 1.0)
    assert check_thresholds(0.7, 0.7) == (0.7, 0.7)
    # a = b = 1: every positive amount whose prior share is below 1 is A; no B
    assert list(abc_classes([60, 30, 10, 0], 1.0, 1.0).classes) == ["A", "A", "A", "C"]
    # a = b: nothing is B
    assert list(abc_classes([60, 30, 10], 0.7, 0.7).classes) == ["A", "A", "C"]


@pytest.mark.parametrize("b", [1.5, 2, 100])
def test_a_threshold_as_a_percentage_names_the_threshold(b):
    with pytest.raises(InputError, match=r"the B threshold is .*: give it as a fraction"):
        check_thresholds(0.8, b)


@pytest.mark.parametrize("b", [100.5, 101])
def test_a_threshold_beyond_a_percentage_is_out_of_range(b):
    with pytest.raises(InputError, match="the B threshold is .*: it must be above 0 and at most 1"):
        check_thresholds(0.8, b)


def test_numpy_and_pandas_inputs_give_the_classes_of_a_list():
    as_list = list(abc_classes([100, 10, 1, None, "x"]).classes)
    assert as_list == ["A", "B", "C", "", ""]
    assert list(abc_classes(np.array([100, 10, 1, None, "x"], dtype=object)).classes) == as_list
    assert list(abc_classes(pd.Series([100, 10, 1, None, "x"], dtype=object)).classes) == as_list
    floats = pd.Series([100.0, 10.0, 1.0, np.nan])
    r = abc_classes(floats)
    assert list(r.classes) == as_list[:4] and r.total == 111.0
    assert list(abc_classes(np.array([100, 10, 1])).classes) == as_list[:3]


def test_a_zero_amount_has_no_prior_share():
    r = abc_classes([30, 0, 10])
    assert r.prior_shares[0] == 0 and r.prior_shares[2] == pytest.approx(30 / 40)
    assert math.isnan(r.prior_shares[1]) and math.isnan(r.cum_shares[1])


def test_without_a_positive_total_there_are_no_shares():
    r = abc_classes([0, -5, None])
    assert r.total == 0
    assert np.isnan(r.shares).all()
    s = abc_summary(r, [0, -5, None])
    assert s["C"] == {"count": 2, "revenue": -5.0, "share": 0.0}
    assert s["A"] == {"count": 0, "revenue": 0.0, "share": 0.0}


def test_summary_of_other_amounts_and_of_the_classified_ones():
    # 100: prior share 0 -> A; 10: 100/111 = 0.90 -> B; 1: 110/111 = 0.99 -> C
    r = abc_classes([100, 10, 1, -4, None])
    other = r.summary([7, 8, 9, 10, 11])
    assert [other[c]["revenue"] for c in "ABC"] == [7, 8, 9 + 10]
    own = abc_summary(r)
    assert own["A"]["revenue"] == pytest.approx(100)
    assert own["B"]["revenue"] == pytest.approx(10)
    assert own["C"]["revenue"] == pytest.approx(1 - 4)
    assert own["A"]["share"] == pytest.approx(100 / 111)
    only_a = abc_summary(abc_classes([5]))
    assert only_a["B"] == {"count": 0, "revenue": 0.0, "share": 0.0}


def test_segment_shares():
    amounts = [100, 50, -20, None, 50, 25]
    segments = ["PME", " pme ", "PME", "ETI", None, "ETI"]
    total = 100 + 50 + 50 + 25  # positive amounts only
    out = segment_shares(amounts, segments, ["PME", "ETI", "", None, "GC"])
    assert out == {"PME": pytest.approx(150 / total), "ETI": pytest.approx(25 / total), "GC": 0.0}
    assert segment_shares([0, -3], ["PME", "PME"], ["PME"]) == {"PME": None}
    # amounts of 1 or less (k€) count, and so does a total of 1 or less
    assert segment_shares([0.5, 0.25, 1], ["PME", "ETI", "PME"], ["PME"]) == {"PME": pytest.approx(1.5 / 1.75)}
    assert segment_shares([0.5, 0.25], ["PME", "ETI"], ["PME"]) == {"PME": pytest.approx(0.5 / 0.75)}
    # a customer without a segment is in none, whatever the segments are called
    assert segment_shares([10, 20], [None, "XXXX"], ["xxxx"]) == {"xxxx": pytest.approx(20 / 30)}


# --- budget --------------------------------------------------------------------------------------


def test_budget_line_under_plan():
    f = budget.line_figures([100] * 12, 250, 3)
    assert f == {
        "total": 1200.0, "plan_ytd": 300.0, "actual": 250.0, "variance": 250.0 - 300,
        "variance_pct": pytest.approx((250 - 300) / 300), "consumed": pytest.approx(250 / 1200),
        "favourable": True,
    }


def test_budget_line_over_plan_and_at_plan():
    assert budget.line_figures([100] * 12, 400, 3)["favourable"] is False
    assert budget.line_figures([100] * 12, 300, 3)["favourable"] is True


def test_budget_line_with_nothing_spent_yet_counts_zero():
    f = budget.line_figures([100] * 12, None, 3)
    assert f["actual"] == 0.0 and f["variance"] == -300.0 and f["variance_pct"] == -1.0
    assert f["consumed"] == 0.0 and f["favourable"] is True


def test_budget_line_without_plan_or_spend_has_no_figures():
    assert set(budget.line_figures([None] * 12, None, 3).values()) == {None}


def test_budget_spend_without_a_plan():
    f = budget.line_figures([None] * 12, 50, 3)
    assert f == {"total": None, "plan_ytd": None, "actual": 50.0, "variance": 50.0,
                 "variance_pct": None, "consumed": None, "favourable": None}


def test_budget_line_without_a_tracking_month():
    f = budget.line_figures([100] * 12, 40, None)
    assert f["plan_ytd"] is None and f["variance"] == 40.0 and f["favourable"] is None
    assert f["consumed"] == pytest.approx(40 / 1200)
    g = budget.line_figures([100] * 12, None, None)
    assert g["actual"] == 0.0 and g["variance"] is None and g["consumed"] == 0.0


def test_budget_line_with_a_zero_plan_consumes_nothing():
    f = budget.line_figures([0] * 12, 10, 2)
    assert f["total"] == 0.0 and f["consumed"] is None and f["variance_pct"] is None
    assert f["favourable"] is False


def test_budget_totals_add_the_lines():
    lines = [
        budget.line_figures([100] * 12, 250, 3),
        budget.line_figures([None] * 12, None, 3),
        budget.line_figures([None] * 12, 50, 3),
        budget.line_figures([10] * 12, None, 3),
    ]
    t = budget.totals(lines)
    spent, plan = 250 + 50, 300 + 30
    assert t == {
        "total": 1200.0 + 120, "plan_ytd": float(plan), "actual": float(spent),
        "variance": float(spent - plan), "variance_pct": pytest.approx((spent - plan) / plan),
        "consumed": pytest.approx(spent / 1320), "favourable": True,
    }
    empty = budget.totals([])
    assert empty["total"] == 0.0 and empty["actual"] == 0.0 and empty["variance"] == 0.0
    assert empty["variance_pct"] is None and empty["consumed"] is None and empty["favourable"] is True


def test_action_budgets_group_ids_without_case():
    lines = [("A1", [100] * 12), (" a1 ", [None] * 11 + [50]), ("", [1] * 12), (None, [1] * 12),
             ("B", [None] * 12)]
    assert budget.action_budgets(lines) == {"a1": 100 * 12 + 50, "b": 0.0}


def test_spread_evenly_puts_the_cents_on_the_last_month():
    out = budget.spread_evenly(100, 1, 3)
    assert out == [33.33, 33.33, 33.34] + [None] * 9
    assert budget.spread_evenly(100, 3, 1) == out
    clipped = budget.spread_evenly(100, 0, 20)
    assert clipped == [8.33] * 11 + [(10000 - 833 * 11) / 100]  # 10 000 cents / 12 months
    assert budget.spread_evenly(12) == [1.0] * 12
    assert budget.spread_evenly(10, 5, 5) == [None] * 4 + [10.0] + [None] * 7
    assert budget.spread_evenly(10, 13, 14) == [None] * 11 + [10.0]
    assert budget.spread_evenly(10, -3, -1) == [10.0] + [None] * 11


# --- dates ---------------------------------------------------------------------------------------


def test_month_start_and_end_across_the_year_end():
    assert dates.month_start(2027, 7, 1) == D(2027, 7, 1)
    assert dates.month_start(2027, 7, 7) == D(2028, 1, 1)
    assert dates.month_start(2027, 1, 12) == D(2027, 12, 1)
    assert dates.month_end(2027, 7, 6) == D(2027, 12, 31)
    assert dates.month_end(2027, 1, 2) == D(2027, 2, 28)
    assert dates.month_end(2028, 1, 2) == D(2028, 2, 29)
    assert dates.month_end(2027, 1, 12) == D(2027, 12, 31)


@pytest.mark.parametrize("bad", [0, 13, 7.0, None, "7"])
def test_an_invalid_first_month_is_january(bad):
    assert dates.month_start(2027, bad, 1) == D(2027, 1, 1)
    assert dates.plan_month_of(D(2027, 3, 5), 2027, bad) == 3


def test_first_month_twelve_is_kept():
    assert dates.plan_period(2027, 12) == (D(2027, 12, 1), D(2028, 11, 30))
    assert dates.plan_period(2027, 7) == (D(2027, 7, 1), D(2028, 6, 30))


def test_plan_month_of_a_date():
    assert dates.plan_month_of(D(2028, 6, 15), 2027, 7) == 12
    assert dates.plan_month_of(D(2027, 6, 30), 2027, 7) == 0
    assert dates.plan_month_of(D(2028, 7, 1), 2027, 7) == 13
    assert dates.plan_month_of(D(2027, 7, 1), 2027, 7) == 1


def test_as_of_date():
    assert dates.as_of_date(2027, 7, 3) == D(2027, 9, 30)
    assert dates.as_of_date(2027, 7, 1) == D(2027, 7, 31)
    assert dates.as_of_date(2027, 7, 12) == D(2028, 6, 30)
    assert dates.as_of_date(2027, 7, 3, D(2027, 8, 15)) == D(2027, 8, 15)
    for month in (0, 13, None, 3.0):
        assert dates.as_of_date(2027, 7, month) is None


def test_is_late():
    assert dates.is_late(D(2027, 3, 1), False, D(2027, 3, 2)) is True
    assert dates.is_late(D(2027, 3, 2), False, D(2027, 3, 2)) is False
    assert dates.is_late(D(2027, 3, 1), True, D(2027, 3, 2)) is False
    assert dates.is_late(None, False, D(2027, 3, 2)) is False
    assert dates.is_late(D(2027, 3, 1), False, None) is False


def test_deadline_month():
    assert dates.deadline_month(None, 2027, 7) == 12
    assert dates.deadline_month(D(2027, 6, 30), 2027, 7) is None
    assert dates.deadline_month(D(2027, 7, 1), 2027, 7) == 1
    assert dates.deadline_month(D(2027, 12, 31), 2027, 7) == 6
    assert dates.deadline_month(D(2029, 1, 1), 2027, 7) == 12


# --- kpi -----------------------------------------------------------------------------------------

PLAN = [10] * 12
ACTUAL = [12, 8, 15] + [None] * 9


def test_ratio():
    assert kpi.ratio(6, 3) == 2
    assert kpi.ratio(1, 0) is None
    assert kpi.ratio(None, 1) is None and kpi.ratio(1, None) is None


def test_kpi_figures_of_a_revenue_line():
    f = kpi.kpi_figures("revenue", PLAN, ACTUAL, 3)
    ytd = 12 + 8 + 15
    assert f == {
        "plan_year": 120.0, "plan_ytd": 30.0, "actual_ytd": float(ytd), "variance": ytd - 30.0,
        "variance_pct": pytest.approx((ytd - 30) / 30), "landing": ytd + 10.0 * 9,
        "run_rate": pytest.approx(ytd * 12 / 3), "favourable": True,
    }
    assert kpi.kpi_figures("cost", PLAN, ACTUAL, 3)["favourable"] is False


def test_kpi_figures_of_a_rate_without_series_average():
    f = kpi.kpi_figures("rate", [0.2] * 12, [0.3] * 3 + [None] * 9, 3)
    assert f["plan_year"] == pytest.approx(0.2) and f["plan_ytd"] == pytest.approx(0.2)
    assert f["actual_ytd"] == pytest.approx(0.3) and f["run_rate"] == pytest.approx(0.3)
    assert f["landing"] == pytest.approx((0.3 * 3 + 0.2 * 9) / 12)
    assert f["variance"] == pytest.approx(0.1) and f["variance_pct"] == pytest.approx(0.5)
    assert f["favourable"] is True


def test_kpi_figures_of_a_ratio_rate():
    n = Series(plan=[2] * 12, actual=[3, 1, 2] + [None] * 9)
    d = Series(plan=[10] * 12, actual=[10, 10, 20] + [None] * 9)
    f = kpi.kpi_figures("rate", [0.9] * 12, [0.9] * 12, 3, n, d)  # its own figures are ignored
    assert f["plan_year"] == pytest.approx(24 / 120)
    assert f["plan_ytd"] == pytest.approx(6 / 30)
    assert f["actual_ytd"] == pytest.approx(6 / 40)
    assert f["landing"] == pytest.approx((6 + 2 * 9) / (40 + 10 * 9))
    assert f["run_rate"] == pytest.approx(6 / 40)
    assert f["variance"] == pytest.approx(6 / 40 - 6 / 30)
    assert f["variance_pct"] == pytest.approx((6 / 40 - 6 / 30) / (6 / 30))
    assert f["favourable"] is False
    # with only one of the two series, the rate is averaged
    g = kpi.kpi_figures("rate", [0.2] * 12, [0.3] * 3 + [None] * 9, 3, n, None)
    assert g["actual_ytd"] == pytest.approx(0.3)
    h = kpi.kpi_figures("rate", [0.2] * 12, [0.3] * 3 + [None] * 9, 3, None, d)
    assert h["actual_ytd"] == pytest.approx(0.3)


def test_landing_until_a_deadline():
    assert kpi.landing_until("revenue", PLAN, ACTUAL, 3, None) is None
    assert kpi.landing_until("revenue", PLAN, ACTUAL, 3, 6) == 35 + 10 * 3
    assert kpi.landing_until("revenue", PLAN, ACTUAL, 8, 6) == 35
    assert kpi.landing_until("revenue", PLAN, ACTUAL, 3, 2) == 12 + 8
    assert kpi.landing_until("rate", [0.2] * 12, [0.3] * 3 + [None] * 9, 3, 6) == pytest.approx(
        (0.3 * 3 + 0.2 * 3) / 6)
    n = Series(plan=[2] * 12, actual=[3, 1, 2] + [None] * 9)
    d = Series(plan=[10] * 12, actual=[10, 10, 20] + [None] * 9)
    assert kpi.landing_until("rate", [0.9] * 12, [0.9] * 12, 3, 6, n, d) == pytest.approx(
        (6 + 2 * 3) / (40 + 10 * 3))
    assert kpi.landing_until("rate", [0.9] * 12, [0.9] * 12, 8, 2, n, d) == pytest.approx(4 / 20)
    assert kpi.landing_until("rate", [0.2] * 12, [0.3] * 12, 3, 6, n, None) == pytest.approx(
        (0.3 * 3 + 0.2 * 3) / 6)


def test_measuring_kpi():
    kpis = [("CA", "O1"), ("Leads", "O2"), ("Marge", "o2"), ("ca", "O3")]
    assert kpi.measuring_kpi("O1", "", kpis) == 0
    assert kpi.measuring_kpi("o1", "nope", kpis) == 0
    assert kpi.measuring_kpi("O2", "", kpis) is None
    assert kpi.measuring_kpi("O2", " marge ", kpis) == 2
    assert kpi.measuring_kpi("O1", "leads", kpis) == 1
    assert kpi.measuring_kpi("O3", "CA", kpis) == 0
    assert kpi.measuring_kpi("O9", "", kpis) is None
    assert kpi.measuring_kpi("", "", kpis) is None
    assert kpi.measuring_kpi(None, None, kpis) is None


def test_is_qualitative_and_on_track():
    assert kpi.is_qualitative("", None) is True
    assert kpi.is_qualitative(" ", "x") is True
    assert kpi.is_qualitative("", 5) is False
    assert kpi.is_qualitative("CA", None) is False
    assert kpi.on_track(100, 90, "revenue") is True
    assert kpi.on_track(80, 90, "revenue") is False
    assert kpi.on_track(80, 90, "cost") is True
    assert kpi.on_track(90, 90, "cost") is True
    assert kpi.on_track(None, 90, "revenue") is None
