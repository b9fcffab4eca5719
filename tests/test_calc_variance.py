import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pacxl.calc import (
    favourable,
    landing_forecast,
    run_rate_forecast,
    variance,
    variance_pct,
    year_to_date,
)
from pacxl.calc.variance import kpi_kind
from pacxl.errors import InputError


@pytest.mark.parametrize(
    "actual, plan, var, pct",
    [
        (120, 100, 20, 0.2),
        (80, 100, -20, -0.2),
        (-50, -100, 50, 0.5),  # a negative plan: % over |plan|
        (10, 0, 10, None),  # plan 0: no percentage
        (None, 100, None, None),  # blanks are blanks
        (100, None, None, None),
        ("", 100, None, None),
        (float("nan"), 100, None, None),
    ],
)
def test_variance_and_pct(actual, plan, var, pct):
    assert variance(actual, plan) == var
    assert variance_pct(actual, plan) == (pytest.approx(pct) if pct is not None else None)


@pytest.mark.parametrize(
    "actual, plan, kind, expected",
    [
        (100, 100, "revenue", True),
        (99, 100, "revenue", False),
        (5, 4, "count", True),
        (90, 100, "cost", True),
        (110, 100, "cost", False),
        (100, 100, "cost", True),
        (0.3, 0.25, "rate", True),
        (None, 100, "revenue", None),
        (90, 100, "Coût", True),  # French kind words
        (90, 100, "CA", False),
    ],
)
def test_favourable(actual, plan, kind, expected):
    assert favourable(actual, plan, kind) is expected


def test_kind_words():
    assert kpi_kind("Taux") == "rate"
    assert kpi_kind(" chiffre d'affaires ") == "revenue"
    with pytest.raises(InputError, match="unknown KPI kind 'potatoes'"):
        kpi_kind("potatoes")


ACT = [10, 20, None, 5] + [None] * 8
PLAN = [10] * 12


def test_year_to_date():
    assert year_to_date(ACT, 2) == 30
    assert year_to_date(ACT, 4) == 35  # a blank month is skipped, not a zero
    assert year_to_date(ACT, 4, "mean") == pytest.approx(35 / 3)
    assert year_to_date([None] * 12, 6) is None
    assert year_to_date(PLAN, 12) == 120


def test_forecasts():
    assert landing_forecast(ACT, PLAN, 4) == 35 + 80
    assert landing_forecast(ACT, PLAN, 12) == 35
    assert landing_forecast([None] * 12, PLAN, 3) is None
    assert run_rate_forecast(ACT, 4) == 35 * 12 / 4
    assert run_rate_forecast([None] * 12, 4) is None
    rates = [0.2, 0.4] + [None] * 10
    assert landing_forecast(rates, [0.3] * 12, 2, "mean") == pytest.approx((0.6 + 3.0) / 12)
    assert run_rate_forecast(rates, 2, "mean") == pytest.approx(0.3)


@pytest.mark.parametrize("month", [0, 13, 2.5, "3", None])
def test_month_checked(month):
    with pytest.raises(InputError, match="the month must be a whole number from 1 to 12"):
        year_to_date(PLAN, month)


def test_forecast_lengths_checked():
    with pytest.raises(InputError, match="actuals and plans must cover the same months"):
        landing_forecast([1, 2], [1, 2, 3], 1)


money = st.one_of(st.none(), st.integers(-10**7, 10**7).map(lambda c: c / 100))


@given(money, money)
def test_variance_identities(actual, plan):
    v = variance(actual, plan)
    if actual is None or plan is None:
        assert v is None and variance_pct(actual, plan) is None
        return
    assert v == pytest.approx(actual - plan)
    assert (v >= 0) == favourable(actual, plan, "revenue")
    assert (v <= 0) == favourable(actual, plan, "cost")
    pct = variance_pct(actual, plan)
    if plan == 0:
        assert pct is None
    else:
        assert pct * abs(plan) == pytest.approx(v, abs=1e-6)
        assert math.copysign(1, pct) == math.copysign(1, v) or v == 0


@given(st.lists(money, min_size=12, max_size=12), st.lists(money, min_size=12, max_size=12),
       st.integers(1, 12))
def test_forecast_identities(actuals, plans, month):
    ytd = year_to_date(actuals, month)
    land = landing_forecast(actuals, plans, month)
    if ytd is None:
        assert land is None
    else:
        rest = sum(p for p in plans[month:] if p is not None)
        assert land == pytest.approx(ytd + rest)
        assert run_rate_forecast(actuals, month) == pytest.approx(ytd * 12 / month)
