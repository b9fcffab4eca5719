"""Seasonality, working days, observed funnel, catch-up and quarters (pacxl.calc), each against an
independent computation (numpy's business-day counter, published Easter dates, brute force)."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pytest

from pacxl.calc import followup, seasonality, workdays
from pacxl.calc.kpi import Series
from pacxl.errors import InputError

# Easter Sundays as published (Gregorian): edges of the computus included (earliest 22 March,
# latest 25 April).
EASTER = {
    1818: (3, 22), 1943: (4, 25), 2008: (3, 23), 2011: (4, 24), 2019: (4, 21), 2024: (3, 31),
    2025: (4, 20), 2026: (4, 5), 2027: (3, 28), 2028: (4, 16), 2038: (4, 25), 2285: (3, 22),
}


@pytest.mark.parametrize("year", sorted(EASTER))
def test_easter_sunday_matches_published_dates(year):
    assert workdays.easter_sunday(year) == dt.date(year, *EASTER[year])


def test_french_holidays_2026():
    days = dict((k, d) for d, k in workdays.french_holidays(2026))
    assert len(days) == 11
    assert days["easter_monday"] == dt.date(2026, 4, 6)
    assert days["ascension"] == dt.date(2026, 5, 14)
    assert days["whit_monday"] == dt.date(2026, 5, 25)
    alsace = dict((k, d) for d, k in workdays.french_holidays(2026, alsace_moselle=True))
    assert len(alsace) == 13
    assert alsace["good_friday"] == dt.date(2026, 4, 3)
    assert alsace["st_stephen"] == dt.date(2026, 12, 26)


def test_plan_holidays_straddle_two_years():
    days = [d for d, _ in workdays.plan_holidays(2026, 9)]  # Sept 2026 .. Aug 2027
    assert min(days) == dt.date(2026, 11, 1)
    assert max(days) == dt.date(2027, 8, 15)
    assert dt.date(2027, 3, 29) in days  # Easter Monday 2027
    assert dt.date(2026, 5, 1) not in days and len(days) == 11


@pytest.mark.parametrize("year,first", [(2026, 1), (2027, 1), (2026, 9), (2030, 4)])
def test_plan_working_days_against_numpy(year, first):
    hol = [d for d, _ in workdays.plan_holidays(year, first)]
    got = workdays.plan_working_days(year, first, hol)
    from pacxl.calc.dates import month_end, month_start

    want = [
        int(np.busday_count(month_start(year, first, m), month_end(year, first, m) + dt.timedelta(days=1),
                            holidays=hol))
        for m in range(1, 13)
    ]
    assert got == want
    if (year, first) == (2026, 1):
        assert got[0] == 21 and got[4] == 17  # 1 Jan; May 2026: 21 weekdays less 1, 8, 14, 25 May
        assert sum(got) == 261 - 9  # 261 weekdays in 2026; 15 Aug is a Saturday, 1 Nov a Sunday


def test_working_days_random_spans_against_numpy():
    rng = random.Random(7)
    hol = [d for d, _ in workdays.french_holidays(2027, alsace_moselle=True)]
    for _ in range(300):
        a = dt.date(2027, 1, 1) + dt.timedelta(days=rng.randrange(365))
        b = a + dt.timedelta(days=rng.randrange(-3, 60))
        want = int(np.busday_count(a, b + dt.timedelta(days=1), holidays=hol)) if b >= a else 0
        assert workdays.working_days(a, b, hol) == want


def test_weekly_needs_divide_by_working_weeks():
    assert workdays.weekly(40, 20) == 10
    assert workdays.weekly(40, 16) == 12.5
    assert workdays.weekly(40, 0) is None and workdays.weekly(None, 20) is None
    assert workdays.working_weeks([20, 15]) == 7


def test_seasonality_profiles():
    assert seasonality.flat() == [1 / 12] * 12
    hist = [100, 80, 120, 100, 90, 110, 60, 40, 100, 100, 100, 100]
    shares = seasonality.from_history(hist)
    assert shares[0] == pytest.approx(100 / 1100) and sum(shares) == pytest.approx(1)
    assert seasonality.from_history(hist[:11]) is None
    assert seasonality.from_history([0] * 12) is None
    assert seasonality.from_history([None] + hist[1:]) is None
    assert seasonality.from_history([-5] + hist[1:]) is None
    typed = [6, 7, 9, 9, 9, 8, 6, 4, 10, 11, 11, 10]
    assert seasonality.check_profile(typed)[0] == pytest.approx(0.06)
    assert seasonality.check_profile([w / 100 for w in typed])[2] == pytest.approx(0.09)
    assert seasonality.profile(None, hist) == shares
    assert seasonality.profile(None, None) == seasonality.flat()
    assert seasonality.profile(typed, hist)[0] == pytest.approx(0.06)


@pytest.mark.parametrize("bad,why", [
    ([8] * 11, "12 monthly"), ([10] * 12, "add up to 100"), ([-1] + [101 / 11] * 11, "0 or more"),
    (["x"] + [100 / 11] * 11, "month 1"),
])
def test_seasonality_refusals(bad, why):
    with pytest.raises(InputError, match=why):
        seasonality.check_profile(bad)


def test_spread_and_spread_rest_add_back():
    w = seasonality.check_profile([6, 7, 9, 9, 9, 8, 6, 4, 10, 11, 11, 10])
    months = seasonality.spread(1_200_000, w)
    assert months[7] == pytest.approx(48_000) and sum(months) == pytest.approx(1_200_000)
    rest = seasonality.spread_rest(500, w, 9)
    assert rest[:9] == [None] * 9
    assert sum(rest[9:]) == pytest.approx(500)
    assert rest[9] == pytest.approx(500 * 11 / 32)
    assert seasonality.spread_rest(500, w, 12) == [None] * 12
    zero = [0.1] * 10 + [0, 0]
    assert seasonality.spread_rest(10, zero, 10)[10:] == [5, 5]


def test_observed_rates_are_ratios_of_totals():
    contacts = [100, 120, 80, None]
    meetings = [25, 24, 20, 30]
    proposals = [10, 12, None, 5]
    rates = followup.observed_rates([contacts, meetings, proposals], 3)
    assert rates[0] == pytest.approx(69 / 300)
    assert rates[1] == pytest.approx(22 / 69)
    assert followup.observed_rates([[0, 0], [1, 1]], 2) == [None]
    assert followup.observed_rates([[None], [None]], 1) == [None]


def test_rate_below_is_ten_percent_relative():
    assert followup.rate_below(0.22, 0.25) is True  # 0.22 < 0.225
    assert followup.rate_below(0.225, 0.25) is False  # exactly at the tolerance: not flagged
    assert followup.rate_below(0.30, 0.25) is False
    assert followup.rate_below(None, 0.25) is False


def test_observed_volumes_use_observed_rates_else_assumed():
    assumed = [0.25, 0.4, 0.5]
    vols = followup.observed_volumes(40, 25, [0.2, None, 0.6], assumed)
    assert vols == [
        int(np.ceil(np.ceil(np.ceil(15 / 0.6) / 0.4) / 0.2)), int(np.ceil(np.ceil(15 / 0.6) / 0.4)),
        int(np.ceil(15 / 0.6)), 15,
    ]
    assert followup.observed_volumes(10, 12, [None] * 3, assumed) == [0, 0, 0, 0]


def test_remaining_and_catch_up():
    w = seasonality.flat()
    assert followup.remaining(1200, 700) == 500
    assert followup.remaining(1200, None) == 1200
    assert followup.remaining(None, 5) is None
    cu = followup.catch_up_by_month(500, w, 10)
    assert cu[:10] == [None] * 10 and cu[10:] == [pytest.approx(250)] * 2
    ahead = followup.catch_up_by_month(-30, w, 10)
    assert ahead[10:] == [0, 0]
    assert followup.catch_up_by_month(None, w, 3) == [None] * 12


def test_rate_needed_brute_force():
    rng = random.Random(3)
    for _ in range(200):
        m = rng.randint(1, 11)
        d_plan = [rng.randint(10, 40) for _ in range(12)]
        d_act = [rng.randint(5, 50) for _ in range(12)]
        n_act = [rng.randint(0, x) for x in d_act]
        target = rng.uniform(0.1, 0.6)
        need = followup.rate_needed(target, Series([0] * 12, n_act), Series(d_plan, d_act), m)
        # if the rest of the year runs at `need` on the planned denominators, the year's ratio is the target
        year_n = sum(n_act[:m]) + need * sum(d_plan[m:])
        year_d = sum(d_act[:m]) + sum(d_plan[m:])
        assert year_n / year_d == pytest.approx(target)
    assert followup.rate_needed(0.3, Series([0] * 12, [1] * 12), Series([0] * 12, [1] * 12), 5) is None


def test_quarters():
    plan = [10] * 12
    actual = [12, 9, 10, 11, None, None, None, None, None, None, None, None]
    q1 = followup.quarter_figures("revenue", plan, actual, 1, 4)
    assert q1["plan"] == 30 and q1["actual"] == 31 and q1["variance"] == 1 and q1["favourable"] is True
    q2 = followup.quarter_figures("revenue", plan, actual, 2, 4)
    assert q2["plan"] == 30 and q2["plan_to_date"] == 10 and q2["actual"] == 11
    q3 = followup.quarter_figures("cost", plan, actual, 3, 4)
    assert q3["plan"] == 30 and q3["actual"] is None and q3["variance"] is None
    assert [followup.quarter_of(m) for m in (1, 3, 4, 12)] == [1, 1, 2, 4]
    n = Series([3] * 12, [4, 2, 3] + [None] * 9)
    d = Series([10] * 12, [10, 10, 5] + [None] * 9)
    qr = followup.quarter_figures("rate", [0.3] * 12, [0.4, 0.2, 0.6] + [None] * 9, 1, 3, n, d)
    assert qr["plan"] == pytest.approx(0.3) and qr["actual"] == pytest.approx(9 / 25)
