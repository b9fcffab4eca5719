import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pacxl.calc import deals_for_revenue, funnel_calendar, per_period, required_volumes
from pacxl.errors import InputError


@pytest.mark.parametrize(
    "target, rates, expected",
    [
        (15, [0.2, 0.5, 0.3], [500, 100, 50, 15]),
        (7, [0.1, 0.35, 0.7], [290, 29, 10, 7]),  # naive ceil gives 291, 29, 11, 7
        (0, [0.2, 0.5], [0, 0, 0]),
        (1, [1.0], [1, 1]),
        (10, [0.3], [34, 10]),
        (15.0, [0.2, 0.5, 0.3], [500, 100, 50, 15]),  # xlwings passes floats
        (2.5, [0.5], [6, 3]),  # a fractional target needs whole deals
    ],
)
def test_required_volumes(target, rates, expected):
    assert required_volumes(target, rates) == expected


def test_naive_ceil_would_add_a_unit():
    # the reason for the noise tolerance: 21 / 0.7 is 30.000000000000004 in binary floating
    # point, so a naive ceiling asks for 31 proposals where 30 convert to 21 deals
    assert math.ceil(21 / 0.7) == 31
    assert required_volumes(21, [0.7]) == [30, 21]
    assert required_volumes(84, [0.35]) == [240, 84]


def test_exact_volumes_are_not_rounded():
    assert required_volumes(15, [0.2, 0.5, 0.3], exact=True) == pytest.approx([500, 100, 50, 15])
    assert required_volumes(10, [0.3], exact=True) == pytest.approx([33.3333333, 10])


def test_per_period():
    assert per_period([500, 100, 50, 15], 12) == [42, 9, 5, 2]
    assert per_period([500, 100, 50, 15], 52) == [10, 2, 1, 1]
    assert per_period([120], 12) == [10]  # exact division adds nothing


def test_deals_for_revenue():
    assert deals_for_revenue(300_000, 20_000) == 15
    assert deals_for_revenue(300_001, 20_000) == 16
    assert deals_for_revenue(0.3 * 3, 0.3) == 3  # 0.8999999/0.3 noise


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: required_volumes(-1, [0.5]), "the target must be zero or more, got -1"),
        (lambda: required_volumes("abc", [0.5]), "the target must be a number, got 'abc'"),
        (lambda: required_volumes(10, [30]), "conversion rate 1 is 30: give rates as fractions between 0 and 1 (30 % is 0.3)"),
        (lambda: required_volumes(10, [0.5, 0]), "conversion rate 2 is 0: a rate must be above 0 and at most 1"),
        (lambda: required_volumes(10, [0.5, None]), "conversion rate 2 must be a number, got None"),
        (lambda: required_volumes(10, []), "give at least one conversion rate"),
        (lambda: per_period([1], 0), "the number of periods must be a number above 0, got 0"),
        (lambda: deals_for_revenue(100, 0), "the average deal value must be a number above 0, got 0"),
    ],
)
def test_bad_input_says_what_to_fix(call, message):
    with pytest.raises(InputError) as err:
        call()
    assert str(err.value) == message


def test_calendar_spreads_cohorts_back_by_lag():
    # 2 signatures in March, proposals 1 month before, contacts 2 months before
    cal = funnel_calendar([0, 0, 2], [0.5, 0.5], [2, 1])
    assert cal.months == [[8, 0, 0], [0, 4, 0], [0, 0, 2]]
    assert cal.before == [0, 0, 0]


def test_calendar_carries_early_volume_before_the_year():
    cal = funnel_calendar([3] + [0] * 11, [0.2, 0.5, 0.3], [3, 2, 1, 0])
    # January's 3 deals need 10 proposals in December, 20 R1 in November, 100 contacts in October
    assert cal.before == [100, 20, 10, 0]
    assert cal.months[3][0] == 3
    assert cal.totals() == required_volumes(3, [0.2, 0.5, 0.3])


def test_calendar_lag_count_checked():
    with pytest.raises(InputError, match="give one lag per stage"):
        funnel_calendar([1], [0.5, 0.5], [1])
    with pytest.raises(InputError, match="lag 1 must be a whole number"):
        funnel_calendar([1], [0.5], [-1])


rates_st = st.lists(st.floats(min_value=0.01, max_value=1.0), min_size=1, max_size=6)


@given(st.integers(min_value=0, max_value=100_000), rates_st)
def test_funnel_monotone_and_covering(target, rates):
    vols = required_volumes(target, rates)
    assert vols[-1] == target
    assert len(vols) == len(rates) + 1
    for i, r in enumerate(rates):
        assert vols[i] >= vols[i + 1]  # non-increasing down the funnel
        # each stage, converted at its rate, covers the next (up to float noise) ...
        assert vols[i] * r >= vols[i + 1] - 1e-6 * max(1, vols[i + 1])
        # ... and is the smallest whole number that does
        assert (vols[i] - 1) * r < vols[i + 1] + 1e-6 * max(1, vols[i + 1])


@given(st.integers(min_value=0, max_value=10_000), rates_st, st.integers(min_value=1, max_value=60))
def test_per_period_times_periods_covers_volume(target, rates, periods):
    vols = required_volumes(target, rates)
    for v, pp in zip(vols, per_period(vols, periods)):
        assert pp * periods >= v
        assert (pp - 1) * periods < v or v == 0
