"""Edges of the UDFs that mutation testing found unpinned (docs/mutation.md): what xlwings hands
over for empty cells (None, and "" from a formula returning ""), scalars against 1x1 ranges, and
the message that names the argument to fix."""

from __future__ import annotations

import pytest

from pacxl.errors import InputError
from pacxl.udfs import (
    PAC_ABC,
    PAC_DEALS,
    PAC_FORECAST,
    PAC_FUNNEL,
    PAC_FUNNEL_CALENDAR,
    PAC_VARIANCE,
)


def test_cells_holding_an_empty_text_in_a_rates_range_are_unused_stages():
    assert PAC_FUNNEL(15, [0.2, 0.5, 0.3, "", ""]) == [[500], [100], [50], [15]]
    assert PAC_FUNNEL(15, [[0.2], [0.5], [0.3], [""]]) == [[500], [100], [50], [15]]


def test_an_empty_text_inside_a_rates_range_is_named():
    with pytest.raises(InputError, match="conversion rate 2 is empty"):
        PAC_FUNNEL(15, [0.2, "", 0.3])


def test_an_empty_text_as_periods_means_no_periods():
    assert PAC_FUNNEL(15, [0.2, 0.5, 0.3], "") == [[500], [100], [50], [15]]
    assert PAC_FUNNEL(15, [0.2, 0.5, 0.3], float("nan")) == [[500], [100], [50], [15]]


def test_a_blank_month_in_the_funnel_calendar():
    # 2 signatures need 4 at the top stage (rate 0.5), one month earlier (lags 1, 0)
    expected = [[0 + 2 * 2, 0, 2 * 2, 0], [0, 2, 0, 2]]
    assert PAC_FUNNEL_CALENDAR([[2], [None], [2]], [0.5], [1, 0]) == [[2 * 2, 0, 2 * 2, 0], [0, 2, 0, 2]]
    assert PAC_FUNNEL_CALENDAR([2, "", 2], [0.5], [1, 0, None, ""]) == expected
    with pytest.raises(InputError, match="the target of month 2 must be a number"):
        PAC_FUNNEL_CALENDAR([2, "x", 2], [0.5], [1, 0])


@pytest.mark.parametrize("plan", [[[1, 2], [3]], [[1], 2]])
def test_ragged_ranges_are_refused(plan):
    with pytest.raises(InputError, match=r"^a range must be rectangular \(all rows of the same length\)$"):
        PAC_VARIANCE([[1]], plan)


def test_ragged_values_of_abc():
    with pytest.raises(InputError, match=r"^a range must be rectangular \(all rows of the same length\)$"):
        PAC_ABC([[1, 2], [3]])
    with pytest.raises(InputError, match=r"^a range must be rectangular \(all rows of the same length\)$"):
        PAC_ABC([[1, 2], 3])


def test_a_scalar_matches_a_one_cell_range():
    assert PAC_VARIANCE(5, [[3]]) == 5 - 3
    assert PAC_VARIANCE(5, [3]) == 5 - 3
    assert PAC_VARIANCE([[5]], 3) == [[5 - 3]]
    with pytest.raises(InputError, match="actual is 1x1 cells but plan is 1x2"):
        PAC_VARIANCE(5, [3, 4])
    with pytest.raises(InputError, match="actual is 1x1 cells but plan is 2x1"):
        PAC_VARIANCE(5, [[3], [4]])


def test_abc_thresholds_are_named_when_wrong():
    with pytest.raises(InputError, match="^the A share must be a number"):
        PAC_ABC([1, 2], "x")
    with pytest.raises(InputError, match="^the B share must be a number"):
        PAC_ABC([1, 2], 0.8, "x")
    with pytest.raises(InputError, match="^the B share must be a single cell"):
        PAC_ABC([1, 2], 0.8, [0.9, 0.95])
    assert PAC_ABC([60, 30, 10], "", "") == ["A", "A", "B"]
    assert PAC_ABC([60, 30, 10], 1.0, 1.0) == ["A", "A", "A"]


def test_forecast_of_a_revenue_kpi_is_a_sum():
    actuals, plans = [10, 20, None, None], [5, 5, 5, 5]
    assert PAC_FORECAST(actuals, plans, 2) == 10 + 20 + 5 + 5
    assert PAC_FORECAST(actuals, plans, 2, "CA") == 10 + 20 + 5 + 5
    assert PAC_FORECAST(actuals, plans, 2, "revenue") == 10 + 20 + 5 + 5
    assert PAC_FORECAST(actuals, plans, 2, "") == 10 + 20 + 5 + 5
    assert PAC_FORECAST(actuals, plans, 2, "taux") == pytest.approx((10 + 20 + 5 + 5) / 4)


def test_forecast_month_is_checked_against_the_range():
    with pytest.raises(InputError, match="from 1 to 3"):
        PAC_FORECAST([1, 2, 3], [1, 2, 3], 4)
    with pytest.raises(InputError, match="^the month must be a number"):
        PAC_FORECAST([1, 2, 3], [1, 2, 3], "x")
    assert PAC_FORECAST([None, None], [1, 2], 1) == ""


def test_forecast_names_a_text_in_the_plan():
    with pytest.raises(InputError, match="^plan holds 'x'"):
        PAC_FORECAST([1, 2], [1, "x"], 1)
    with pytest.raises(InputError, match="^actual holds 'x'"):
        PAC_FORECAST([1, "x"], [1, 2], 1)


def test_deals_arguments_are_named():
    with pytest.raises(InputError, match="^the revenue goal must be a number"):
        PAC_DEALS("x", 10)
    with pytest.raises(InputError, match="^the average deal value must be a number"):
        PAC_DEALS(100, "x")
    with pytest.raises(InputError, match="^the revenue goal is empty"):
        PAC_DEALS("", 10)
    assert PAC_DEALS(100, 30) == 4  # ceil(3.33)
