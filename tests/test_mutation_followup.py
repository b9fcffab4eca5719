"""Tests written from mutation testing of the follow-up modules of ``pacxl/calc/`` (docs/mutation.md):
seasonality, workdays, followup, revisions, previous. Pure and fast."""

from __future__ import annotations

import datetime as dt

import pytest

from pacxl.calc import followup, previous, revisions, seasonality, workdays
from pacxl.calc.kpi import Series
from pacxl.errors import InputError

D = dt.date


# --- seasonality -------------------------------------------------------------------------------

def test_from_history_zero_month_kept_and_shares():
    hist = [0, 50, 50, 100, 100, 100, 100, 100, 100, 100, 100, 100]
    shares = seasonality.from_history(hist)
    assert shares[0] == 0 and shares[1] == 50 / 1000 and shares[3] == 100 / 1000
    assert seasonality.from_history(hist + [5]) is None
    assert seasonality.from_history(["100"] * 12) is None  # text is no figure


def test_check_profile_messages_name_the_count_and_the_month():
    with pytest.raises(InputError, match=r"^the seasonality profile needs 12 monthly weights, got 13$"):
        seasonality.check_profile([100 / 13] * 13)
    bad = [10, 10, "x", 10, 10, 10, 10, 10, 10, 10, 0, 0]
    with pytest.raises(InputError, match=r"^seasonality weight of month 3 must be a number, 0 or more, got 'x'$"):
        seasonality.check_profile(bad)
    with pytest.raises(InputError, match=r"month 12 .* got -1$"):
        seasonality.check_profile([10] * 11 + [-1])
    assert seasonality.check_profile([0] + [100 / 11] * 11)[0] == 0  # 0 is allowed


@pytest.mark.parametrize("weights,shown", [
    ([10] * 12, "120"), ([0.1] * 12, "120"), ([1, 1] + [0] * 10, "200"),
    ([8.3] * 12, "99.6"), ([0.0823] * 12, "98.76"), ([0.5] + [0] * 11, "50"),
])
def test_check_profile_sum_message(weights, shown):
    with pytest.raises(InputError, match=rf"^the seasonality weights must add up to 100 %, they add up to {shown} %$"):
        seasonality.check_profile(weights)


def test_check_profile_tolerance_is_a_tenth_of_a_point():
    pct = [8.34] * 11 + [8.34 + 100.08 - 8.34 * 12]  # 100.08 %: rounding of typed percentages
    got = seasonality.check_profile(pct)
    assert got[0] == pytest.approx(0.0834) and sum(got) == pytest.approx(1.0008)
    with pytest.raises(InputError, match="100.12 %"):
        seasonality.check_profile([8.34] * 11 + [8.34 + 100.12 - 8.34 * 12])
    with pytest.raises(InputError, match="99.88 %"):
        seasonality.check_profile([8.34] * 11 + [8.34 + 99.88 - 8.34 * 12])
    frac = [w / 100 for w in pct]
    assert seasonality.check_profile(frac) == frac  # fractions are kept as typed
    with pytest.raises(InputError, match="100.12 %"):
        seasonality.check_profile([0.0834] * 11 + [0.0834 + 1.0012 - 0.0834 * 12])


def test_profile_order_of_preference():
    hist = [1] * 6 + [3] * 6
    assert seasonality.profile([], hist) == seasonality.from_history(hist)
    assert seasonality.profile(None, [None] * 12) == seasonality.flat()
    assert seasonality.profile([], []) == seasonality.flat()
    with pytest.raises(InputError):
        seasonality.profile([1] * 12, hist)


def test_used_profile_never_refuses():
    pct = [10, None, 5, 5, 10, 10, 10, 10, 10, 10, 10, 10]
    got = seasonality.used_profile(pct, None)
    assert got == [0.1, 0.0, 0.05, 0.05] + [0.1] * 8
    short = seasonality.used_profile([50, 50], [1] * 12)  # padded with zeros; percentages
    assert short == [0.5, 0.5] + [0.0] * 10
    assert seasonality.used_profile([0.5, "0.5"], None) == [0.5] + [0.0] * 11  # text counts 0
    long = seasonality.used_profile([5] * 20, None)  # only 12 months kept; 60 is no 100 %
    assert long == [5.0] * 12
    assert seasonality.used_profile([30] * 12, None) == [30.0] * 12  # as typed, flagged by check
    near = seasonality.used_profile([100.09] + [0] * 11, None)
    assert near[0] == pytest.approx(1.0009)
    assert seasonality.used_profile([100.11] + [0] * 11, None)[0] == 100.11
    assert seasonality.used_profile([99.91] + [0] * 11, None)[0] == pytest.approx(0.9991)
    hist = [2] * 6 + [6] * 6
    assert seasonality.used_profile([None, ""], hist) == seasonality.from_history(hist)
    assert seasonality.used_profile(None, hist) == seasonality.from_history(hist)
    assert seasonality.used_profile(None, [None] * 12) == seasonality.flat()
    assert seasonality.used_profile([], []) == seasonality.flat()


def test_typed_sum_ok():
    assert seasonality.typed_sum_ok(None) is None
    assert seasonality.typed_sum_ok([None, ""]) is None
    assert seasonality.typed_sum_ok([0.5, None, 0.5]) is True
    assert seasonality.typed_sum_ok([50, None, 50]) is True
    assert seasonality.typed_sum_ok([1.0009]) is True
    assert seasonality.typed_sum_ok([0.9991]) is True
    assert seasonality.typed_sum_ok([1.0011]) is False
    assert seasonality.typed_sum_ok([0.9989]) is False
    assert seasonality.typed_sum_ok([100.09]) is True
    assert seasonality.typed_sum_ok([99.91]) is True
    assert seasonality.typed_sum_ok([100.11]) is False
    assert seasonality.typed_sum_ok([99.89]) is False
    assert seasonality.typed_sum_ok([0]) is False


def test_whole_spread_rounds_half_up_and_adds_up():
    flat = seasonality.flat()
    assert seasonality.whole_spread(6, flat) == [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0]
    assert sum(seasonality.whole_spread(6, flat)) == 6
    assert seasonality.whole_spread(-6, flat) == [0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1]
    assert seasonality.whole_spread(45, [0.7, 0.3]) == [32, 13]  # 31.499999999999996 is 31.5
    assert seasonality.whole_spread(None, flat) == [0] * 12
    assert seasonality.whole_spread(12, flat) == [1] * 12
    assert seasonality.whole_spread("12", flat) == [0] * 12
    assert seasonality.whole_spread(7, [0.25, 0.25, 0.5]) == [2, 2, 3]  # 1.75, 3.5, 7


def test_spread_blank_and_text():
    assert seasonality.spread(None, [0.5, 0.5]) == [None, None]
    assert seasonality.spread(100, [0.25, 0.75]) == [25, 75]
    assert seasonality.spread("100", [0.25, 0.75]) == [None, None]


def test_spread_rest_from_month_zero_and_blank():
    w = [0.1] * 10 + [0.0, 0.0]
    full = seasonality.spread_rest(100, w, 0)
    assert full == pytest.approx([10] * 10 + [0, 0])
    assert seasonality.spread_rest(None, w, 3) == [None] * 12
    assert seasonality.spread_rest(30, [0.5, 0.2, 0.3], 1) == [None, pytest.approx(12), pytest.approx(18)]
    assert seasonality.spread_rest(9, [0.5, 0, 0, 0], 1) == [None, 3, 3, 3]


# --- workdays ---------------------------------------------------------------------------------

def test_french_holidays_in_date_order_2027():
    got = workdays.french_holidays(2027)
    assert got == [
        (D(2027, 1, 1), "new_year"), (D(2027, 3, 29), "easter_monday"), (D(2027, 5, 1), "labour_day"),
        (D(2027, 5, 6), "ascension"), (D(2027, 5, 8), "victory_1945"), (D(2027, 5, 17), "whit_monday"),
        (D(2027, 7, 14), "bastille_day"), (D(2027, 8, 15), "assumption"), (D(2027, 11, 1), "all_saints"),
        (D(2027, 11, 11), "armistice"), (D(2027, 12, 25), "christmas"),
    ]
    alsace = workdays.french_holidays(2027, alsace_moselle=True)
    assert (D(2027, 3, 26), "good_friday") == alsace[1]
    assert alsace[-1] == (D(2027, 12, 26), "st_stephen")


def test_plan_holidays_bounds_are_inclusive():
    first = workdays.plan_holidays(2026, 11)  # Nov 2026 .. Oct 2027: starts on All Saints
    assert first[0] == (D(2026, 11, 1), "all_saints")
    assert first[-1] == (D(2027, 8, 15), "assumption") and len(first) == 11
    jan = workdays.plan_holidays(2026, 1)
    assert jan[0] == (D(2026, 1, 1), "new_year") and jan[-1] == (D(2026, 12, 25), "christmas")
    last = workdays.plan_holidays(2003, 6)  # Jun 2003 .. May 2004: Whit Monday 2004 is 31 May
    assert last[-1] == (D(2004, 5, 31), "whit_monday")
    assert D(2003, 6, 9) in [d for d, _ in last]  # Whit Monday 2003, in the first month
    al = workdays.plan_holidays(2026, 7, alsace_moselle=True)  # both calendar years with Alsace
    assert (D(2026, 12, 26), "st_stephen") in al and (D(2027, 3, 26), "good_friday") in al


def test_working_days_holidays_on_weekends_and_edges():
    # May 2027: 21 weekdays; 1 and 8 May are Saturdays, Ascension 6 and Whit Monday 17 count
    hol = [d for d, _ in workdays.french_holidays(2027)]
    assert workdays.working_days(D(2027, 5, 1), D(2027, 5, 31), hol) == 19
    assert workdays.working_days(D(2027, 5, 1), D(2027, 5, 31)) == 21
    assert workdays.working_days(D(2027, 5, 31), D(2027, 5, 1), hol) == 0
    assert workdays.working_days(D(2027, 5, 3), D(2027, 5, 3)) == 1  # a Monday
    assert workdays.working_days(D(2027, 5, 1), D(2027, 5, 2)) == 0  # a weekend
    assert workdays.working_days(D(2027, 5, 7), D(2027, 5, 10)) == 2  # Friday to Monday
    assert workdays.working_days(D(2027, 5, 1), D(2027, 5, 7)) == 5  # one whole week
    # holidays outside the span do not count
    assert workdays.working_days(D(2027, 5, 7), D(2027, 5, 7), [D(2027, 5, 6), D(2027, 5, 10)]) == 1
    assert workdays.plan_working_days(2027, 5, iter(hol))[0] == 19  # any iterable, read once per month


def test_weekly_refuses_what_is_no_volume():
    assert workdays.weekly(True, 20) is None
    assert workdays.weekly("40", 20) is None
    assert workdays.weekly(40, -5) is None
    assert workdays.weekly(40.0, 1) == 200
    assert workdays.working_weeks([]) == 0


# --- followup ---------------------------------------------------------------------------------

def test_observed_rates_month_slices():
    top = [10, 10, 10]
    nxt = [1, 2, 100]
    assert followup.observed_rates([top, nxt], 1) == [0.1]
    assert followup.observed_rates([top, nxt], 2) == [pytest.approx(0.15)]
    assert followup.observed_rates([top, [None, 3, 1]], 2) == [pytest.approx(0.15)]
    assert followup.observed_rates([top], 2) == []


def test_rate_below_rounding_and_tolerance():
    assert followup.rate_below(0.009, 0.01) is False  # 0.009 vs 0.009000000000000001: same
    assert followup.rate_below(0.0089, 0.01) is True
    assert followup.rate_below(0.2, 0.25, tolerance=0.2) is False  # exactly at 20 %
    assert followup.rate_below(0.19, 0.25, tolerance=0.2) is True
    assert followup.rate_below(0.2, None) is False
    assert followup.rate_below(0.1, 0.25) is True


def test_rates_to_use_caps_and_falls_back():
    assert followup.rates_to_use([1.5, 0, None, 0.3, "x"], [0.2, 0.4, 0.5, 0.6, 0.7]) == [1.0, 0.4, 0.5, 0.3, 0.7]
    assert followup.rates_to_use([1.0], [0.2]) == [1.0]
    with pytest.raises(InputError):
        followup.rates_to_use([None], [0])


def test_observed_volumes_blanks_and_rounding():
    assert followup.observed_volumes(None, None, [None], [0.5]) == [0, 0]
    assert followup.observed_volumes(10, None, [None], [0.5]) == [20, 10]
    assert followup.observed_volumes(10, 4, [0.25], [0.5]) == [24, 6]


def test_catch_up_ahead_of_plan_and_exactly_on_plan():
    w = [0.5, 0.25, 0.25]
    assert followup.catch_up_by_month(0, w, 1) == [None, 0, 0]
    assert followup.catch_up_by_month(-10, w, 0) == [0, 0, 0]
    assert followup.catch_up_by_month(8, w, 1) == [None, 4, 4]
    assert followup.remaining(1000, "x") == 1000 and followup.remaining("1000", 5) is None


def test_rate_needed_edges():
    n = Series([0] * 12, [2] * 12)
    d = Series([10] * 6 + [0] * 6, [10] * 12)
    assert followup.rate_needed(0.5, n, d, 6) is None  # nothing planned after June
    assert followup.rate_needed(None, n, d, 3) is None
    blank = Series([None] * 12, [None] * 12)
    assert followup.rate_needed(0.5, n, blank, 3) is None
    # month 3: D done 30, D rest 30, N done 6 -> (0.5 x 60 - 6) / 30
    assert followup.rate_needed(0.5, n, d, 3) == pytest.approx(0.8)
    assert followup.rate_needed(0.5, blank, Series([10] * 12, [None] * 12), 3) == pytest.approx(0.5)
    assert followup.rate_needed(0.5, n, d, 0) == pytest.approx(0.5)


def test_kpi_catch_up_sum_and_rate():
    w = seasonality.flat()
    plan = [100] * 12
    actual = [90] * 3 + [None] * 9
    got = followup.kpi_catch_up("revenue", plan, actual, 3, w)
    assert got["remaining"] == 1200 - 270 and got["rate_needed"] is None
    assert got["catch_up_by_month"][:3] == [None] * 3
    assert got["catch_up_by_month"][3:] == [pytest.approx(930 / 9)] * 9
    n = Series([3] * 12, [2] * 3 + [None] * 9)
    d = Series([10] * 12, [10] * 3 + [None] * 9)
    rate = followup.kpi_catch_up("rate", [0.3] * 12, [0.2] * 3 + [None] * 9, 3, w, n, d)
    assert rate["remaining"] is None and rate["catch_up_by_month"] == [None] * 12
    assert rate["rate_needed"] == pytest.approx((0.3 * 120 - 6) / 90)
    avg = followup.kpi_catch_up("rate", [0.3] * 12, [0.2] * 12, 3, w, n, None)
    assert avg == {"remaining": None, "catch_up_by_month": [None] * 12, "rate_needed": None}
    avg = followup.kpi_catch_up("rate", [0.3] * 12, [0.2] * 12, 3, w, None, d)
    assert avg["rate_needed"] is None


def test_quarter_months_and_boundaries():
    assert [list(followup.quarter_months(q)) for q in (1, 2, 3, 4)] == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10, 11]]
    assert [followup.quarter_of(m) for m in range(1, 13)] == [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]
    plan = list(range(1, 13))
    actual = [10 * p for p in plan]
    q2 = followup.quarter_figures("revenue", plan, actual, 2, 5)  # months 4, 5 done
    assert q2["plan"] == 15 and q2["plan_to_date"] == 9 and q2["actual"] == 90
    assert q2["variance"] == 81 and q2["variance_pct"] == pytest.approx(9.0) and q2["favourable"] is True
    q2c = followup.quarter_figures("cost", plan, actual, 2, 3)  # not started at month 3
    assert q2c == {"plan": 15, "plan_to_date": None, "actual": None, "variance": None,
                   "variance_pct": None, "favourable": None}
    q4 = followup.quarter_figures("cost", plan, actual, 4, 12)
    assert q4["plan_to_date"] == 33 and q4["actual"] == 330 and q4["favourable"] is False
    mean = followup.quarter_figures("rate", [0.2, 0.4, None] + [0.1] * 9, [0.3, None, 0.5] + [0] * 9, 1, 3)
    assert mean["plan"] == pytest.approx(0.3) and mean["plan_to_date"] == pytest.approx(0.3)
    assert mean["actual"] == pytest.approx(0.4)
    blank = followup.quarter_figures("revenue", [None] * 12, [None] * 12, 1, 3)
    assert blank["plan"] is None and blank["actual"] is None


def test_quarter_figures_ratio_not_started_and_partial():
    n = Series([1, 2, 3, 4, 5, 6] + [0] * 6, [2, 2, 2, 2] + [None] * 8)
    d = Series([10] * 12, [10, 10, 10, 5] + [None] * 8)
    q2 = followup.quarter_figures("rate", [0] * 12, [0] * 12, 2, 4, n, d)
    assert q2["plan"] == pytest.approx(15 / 30) and q2["plan_to_date"] == pytest.approx(0.4)
    assert q2["actual"] == pytest.approx(0.4) and q2["variance"] == pytest.approx(0)
    q3 = followup.quarter_figures("rate", [0] * 12, [0] * 12, 3, 4, n, d)
    assert q3["plan"] == 0 and q3["plan_to_date"] is None and q3["actual"] is None


def test_budget_quarters():
    lines = [[1] * 12, [None, "2", 0] + [10] * 9]
    got = followup.budget_quarters(lines, 4)
    assert got[0] == {"quarter": 1, "plan": 3, "plan_to_date": 3}
    assert got[1] == {"quarter": 2, "plan": 33, "plan_to_date": 11}
    assert got[2] == {"quarter": 3, "plan": 33, "plan_to_date": None}
    assert got[3]["quarter"] == 4 and len(got) == 4
    assert [q["plan_to_date"] for q in followup.budget_quarters(lines, None)] == [None] * 4
    assert [q["plan_to_date"] for q in followup.budget_quarters(lines, 3)] == [3, None, None, None]
    assert [q["plan_to_date"] for q in followup.budget_quarters(lines, 12)] == [3, 33, 33, 33]
    assert followup.budget_quarters([], 1)[0] == {"quarter": 1, "plan": 0, "plan_to_date": 0}


# --- revisions --------------------------------------------------------------------------------

def test_key_and_same():
    assert revisions.key("  AbC ") == "abc" and revisions.key(None) == "" and revisions.key(12) == "12"
    assert revisions.same(None, None) and revisions.same("", None)
    assert not revisions.same(None, 0) and not revisions.same(0, None)
    assert revisions.same(1, 1 + 0.5e-9) and not revisions.same(1, 1 + 2e-9)
    assert revisions.same(0, 0.5e-9) and not revisions.same(0, 2e-9)
    assert revisions.same(1e6, 1e6 + 0.5e-3) and not revisions.same(1e6, 1e6 + 2e-3)
    assert revisions.same(-1e6, -1e6 - 0.5e-3) and not revisions.same(-1e6, -1e6 + 2e-3)
    assert revisions.same(1e6 + 0.5e-3, 1e6) and not revisions.same("5", 5)


def test_duplicate_ids_order_and_blanks():
    assert revisions.duplicate_ids(["a", " A ", "", None, "", "b", "a", "B "]) == ["A", "B"]
    assert revisions.duplicate_ids(["x", "y"]) == []


def test_baseline_entries_values():
    got = revisions.baseline_entries([(" O1 ", 5), ("", 3), (None, 1)], [("k1", [1, None, 2])],
                                     [(" b1", list(range(1, 14)))])
    assert got[0] == revisions.Entry("objective", "O1", "target", None, 5.0)
    kpi = [e for e in got if e.kind == "kpi"]
    assert [e.month for e in kpi] == list(range(1, 13))
    assert [e.value for e in kpi] == [1, None, 2.0] + [None] * 9
    assert all(e.id == "k1" and e.field == "plan" for e in kpi)
    bud = [e for e in got if e.kind == "budget"]
    assert [e.value for e in bud] == list(range(1, 13)) and all(e.id == "b1" and e.field == "budget" for e in bud)
    assert len(got) == 25
    assert revisions.baseline_entries([], [(" ", [1])], [(None, [1])]) == []


def _entries():
    E = revisions.Entry
    return [
        E("objective", "O1", "target", None, None), E("objective", "o1", "target", None, 7.0),
        E("kpi", "K1", "plan", 1, 10.0), E("kpi", "k1", "plan", 1, 5.0), E("kpi", "K1", "plan", 12, 1.0),
        E("kpi", "K1", "plan", 13, 99.0), E("kpi", "K1", "plan", 0, 99.0), E("kpi", "K1", "plan", None, 99.0),
        E("kpi", "K1", "plan", 2, None),
        E("kpi", "N", "plan", 1, 3.0), E("kpi", "D", "plan", 1, 10.0), E("kpi", "D", "plan", 2, 20.0),
        E("kpi", "R", "plan", 1, 0.2), E("kpi", "R", "plan", 2, 0.4),
        E("budget", "B1", "budget", 3, 4.0), E("budget", "K1", "budget", 3, 100.0),
        E("budget", "E", "budget", 1, None),
    ]


def test_baseline_months_and_initial_figures():
    e = _entries()
    assert revisions.baseline_months(e, "kpi", " k1 ") == [15.0, None] + [None] * 9 + [1.0]
    assert revisions.baseline_months(e, "kpi", "zz") is None
    assert revisions.baseline_months(e, "kpi", "") is None
    assert revisions.in_baseline(e, "kpi", "K1") and not revisions.in_baseline(e, "objective", "K1")
    assert revisions.initial_target(e, "O1") == 7.0
    assert revisions.initial_target(e, "K1") is None and revisions.initial_target(e, None) is None
    assert revisions.initial_kpi_year(e, "revenue", "K1") == 16.0
    assert revisions.initial_kpi_year(e, "rate", "R") == pytest.approx(0.3)
    assert revisions.initial_kpi_year(e, "rate", "R", "N", "D") == pytest.approx(3 / 30)
    assert revisions.initial_kpi_year(e, "rate", "R", "N", "") == pytest.approx(0.3)
    assert revisions.initial_kpi_year(e, "rate", "R", "", "D") == pytest.approx(0.3)
    assert revisions.initial_kpi_year(e, "rate", "R", "N", "missing") is None
    assert revisions.initial_kpi_year(e, "rate", "R", "missing", "D") is None
    assert revisions.initial_kpi_year(e, "count", "R", "N", "D") == pytest.approx(0.6)
    assert revisions.initial_kpi_year(e, "revenue", "nope") is None
    s = revisions.initial_series(e, "K1")
    assert s.plan == [15.0, None] + [None] * 9 + [1.0] and s.actual == [None] * 12
    assert revisions.initial_series(e, "nope") is None
    assert revisions.initial_budget_total(e, "b1") == 4.0
    assert revisions.initial_budget_total(e, "E") is None
    assert revisions.initial_budget_total(e, "nope") is None


def test_unexplained_changes_details():
    e = revisions.baseline_entries([("O1", 10), ("O2", None)], [("K1", [1] * 12)], [("B1", [5] * 12)])
    R = revisions.RevisionRow
    rows = [
        R(" o1 ", "target", 4, 12.0),  # an objective's month is ignored
        R("K1", "plan", 2, 3.0), R("K1", "plan", 2, 2.0),  # the last row counts
        R("B1", "budget", 1, 6.0), R("B1", "other", 2, 7.0),
    ]
    got = revisions.unexplained_changes(
        e, [("O1", 12), ("O2", None), ("new", 5), ("", 3)],
        [("k1", [1, 2, 3] + [1] * 9)], [("B1", [6, 7, 5]), ("zz", [1])], rows)
    assert got == [
        revisions.Change("kpi", "k1", "plan", 3, 1.0, 3.0, None, False),
        revisions.Change("budget", "B1", "budget", 2, 5.0, 7.0, None, False),
        *[revisions.Change("budget", "B1", "budget", m, 5.0, None, None, False) for m in range(4, 13)],
    ]
    got = revisions.unexplained_changes(e, [("O1", 11)], [("K1", [1, 9] + [1] * 10)], [], rows)
    assert got == [revisions.Change("objective", "O1", "target", None, 10.0, 11.0, 12.0, True),
                   revisions.Change("kpi", "K1", "plan", 2, 1.0, 9.0, 2.0, True)]


# --- previous ---------------------------------------------------------------------------------

def test_monthly_revenue_actual_then_plan():
    kpis = [
        ("revenue", [10] * 12, [11, None, 13] + [99] * 9),
        ("revenue", [1] * 11, [2] * 12),  # 11 planned months: the 12th is blank
        ("count", [1000] * 12, [1000] * 12),
    ]
    got = previous.monthly_revenue(kpis, 3)
    assert got == [13, 2, 15] + [11] * 8 + [10]
    assert previous.monthly_revenue(kpis)[:3] == [13, 2, 15] and previous.monthly_revenue(kpis)[11] == 101
    assert previous.monthly_revenue([("revenue", [5] * 12, [])], 0) == [5] * 12
    assert previous.monthly_revenue([], 3) == [None] * 12


def test_segment_revenue():
    got = previous.segment_revenue([10, -5, 7, None, 3, 0], [" Pme", "PME", "pme", "pme", "GE", "ETI"],
                                   ["PME", "GE", "ETI", "", None, "Autre"])
    assert got == {"PME": 17, "GE": 3, "ETI": None, "Autre": None}


def test_action_costs_spend_else_plan():
    lines = [
        ("A1", [1] * 12, None), ("a1 ", [2] * 12, 5), (" a1", [0] * 12, 3),
        ("A2", [1] * 12, None), ("A2", [3] * 12, ""),
        ("A3", [1] * 12, 0), ("", [1] * 12, 50), (None, [1] * 12, 50),
    ]
    assert previous.action_costs(iter(lines)) == {"a1": 8.0, "a2": 48.0, "a3": 0.0}


# --- from the survivors of the first run -------------------------------------------------------

def test_easter_sunday_against_dateutil_over_the_gregorian_range():
    from dateutil.easter import EASTER_WESTERN, easter

    for year in range(1583, 4100):
        assert workdays.easter_sunday(year) == easter(year, EASTER_WESTERN), year


def test_same_exactly_at_the_tolerance():
    assert revisions.same(0, 1e-9) and revisions.same(1e-9, 0)


def test_baseline_items_without_id_skip_only_themselves():
    got = revisions.baseline_entries([], [("", [1] * 12), ("K2", [2] * 12)], [(None, [1] * 12), ("B2", [3] * 12)])
    assert [(e.kind, e.id) for e in got[::12]] == [("kpi", "K2"), ("budget", "B2")] and len(got) == 24
    blank = [revisions.Entry("kpi", "", "plan", 1, 5.0), revisions.Entry("kpi", " ", "plan", 2, 5.0)]
    assert revisions.baseline_months(blank, "kpi", "") is None and not revisions.in_baseline(blank, "kpi", None)


def test_initial_kpi_year_rate_with_one_side_named_by_keyword():
    e = _entries()
    assert revisions.initial_kpi_year(e, "rate", "R", denominator="D") == pytest.approx(0.3)
    assert revisions.initial_kpi_year(e, "rate", "R", numerator="N") == pytest.approx(0.3)


def test_unexplained_changes_month_one_and_odd_baseline_months():
    E, R = revisions.Entry, revisions.RevisionRow
    entries = [E("kpi", "K1", "plan", m, 1.0) for m in range(1, 13)]
    entries += [E("kpi", "K1", "plan", 0, 7.0), E("kpi", "K1", "plan", 13, 7.0)]  # mistyped months
    rows = [R("K1", "unknown", 2, 5.0), R("K1", "plan", 2, 5.0)]  # an unknown field is skipped, not the end
    got = revisions.unexplained_changes(entries, [], [("K1", [4, 5] + [1] * 10)], [], rows)
    assert got == [revisions.Change("kpi", "K1", "plan", 1, 1.0, 4.0, None, False)]


def test_previous_order_and_small_amounts():
    kpis = [("count", [1] * 12, [1] * 12), ("revenue", [5] * 12, [6] * 12)]
    assert previous.monthly_revenue(kpis, 1) == [6] + [5] * 11
    got = previous.segment_revenue([0.5, 4, 9], ["PME", None, ""], ["PME", "XXXX"])
    assert got == {"PME": 0.5, "XXXX": None}  # a blank segment matches no name
    costs = previous.action_costs([("XXXX", [1] * 12, None), (None, [1] * 12, 50), ("", [1] * 12, 60)])
    assert costs == {"xxxx": 12.0}  # a spend without action ID belongs to no action


def test_observed_rate_blank_when_the_next_stage_is_blank():
    assert followup.observed_rates([[10, 10], [None, None]], 2) == [None]
    assert followup.rate_needed(0.5, Series([0] * 12, [None] * 12), Series([10] * 12, [None] * 12), 3) == 0.5


def test_rate_below_rounds_both_sides_to_nine_decimals():
    assert followup.rate_below(0.2249999999, 0.25) is False  # 0.225 at 9 decimals
    assert followup.rate_below(0.225, 0.2500000001) is False  # threshold 0.22500000009 is 0.225
    assert followup.rate_below(0.224999999, 0.25) is True


def test_kpi_catch_up_rate_needed_uses_the_ratio_of_plan_totals():
    n = Series([3] * 6 + [6] * 6, [3] * 3 + [None] * 9)  # plan year: 54 / 120 = 0.45, not the mean
    d = Series([10] * 12, [10] * 3 + [None] * 9)
    got = followup.kpi_catch_up("rate", [0.3] * 12, [0.3] * 3 + [None] * 9, 3, seasonality.flat(), n, d)
    assert got["rate_needed"] == pytest.approx((0.45 * 120 - 9) / 90)


def test_quarter_figures_one_sided_rate_series_are_ignored():
    d = Series([10] * 12, [10] * 12)
    plan, actual = [0.2] * 3 + [0.4] * 9, [0.3] * 12
    one = followup.quarter_figures("rate", plan, actual, 1, 3, None, d)
    assert one["plan"] == pytest.approx(0.2) and one["actual"] == pytest.approx(0.3)
    rev = followup.quarter_figures("revenue", [1] * 12, [2] * 12, 1, 3, None, d)
    assert rev["plan"] == 3 and rev["actual"] == 6


def test_seasonality_boundaries_from_the_survivors():
    assert seasonality.from_history([0.05] * 12) == pytest.approx([1 / 12] * 12)  # a year adding up to less than 1
    assert seasonality.typed_sum_ok([100.1005]) is False
    with pytest.raises(InputError, match="100.1 %"):
        seasonality.check_profile([100.1005] + [0] * 11)
    assert seasonality.used_profile([100.1005] + [0] * 11, None)[0] == 100.1005
    with pytest.raises(InputError, match=r"they add up to 2.5 %$"):  # over 2: read as percentages
        seasonality.check_profile([2.5] + [0] * 11)
    with pytest.raises(InputError, match=r"they add up to 98.765 %$"):
        seasonality.check_profile([0.0823045] * 12)
    assert seasonality.used_profile([None], None) == seasonality.flat()
    assert seasonality.whole_spread(1, [0.4999999997, 0.5000000003]) == [1, 0]  # noise under 1e-9
