"""The UDFs called as xlwings calls them: scalars, rows (lists), 2-D ranges, None for blanks."""

import sys
import types

import pytest

from pacxl import calc, udfs
from pacxl.errors import InputError
from pacxl.udfs import (
    PAC_ABC,
    PAC_DEALS,
    PAC_FORECAST,
    PAC_FUNNEL,
    PAC_VARIANCE,
    PAC_VARIANCE_PCT,
)


@pytest.mark.parametrize(
    "rates",
    [
        [0.2, 0.5, 0.3],  # a row
        [[0.2, 0.5, 0.3]],  # a 1x3 range
        [[0.2], [0.5], [0.3]],  # a 3x1 range
        [0.2, 0.5, 0.3, None, None],  # unused stages at the end of the range
    ],
)
def test_funnel_shapes(rates):
    assert PAC_FUNNEL(15.0, rates) == [[500], [100], [50], [15]]


def test_funnel_periods_and_single_rate():
    assert PAC_FUNNEL(15.0, [0.2, 0.5, 0.3], 12.0) == [[42], [9], [5], [2]]
    assert PAC_FUNNEL(7.0, [[0.1, 0.35, 0.7]], None) == [[290], [29], [10], [7]]
    assert PAC_FUNNEL([[10.0]], 0.5) == [[20], [10]]  # target given as a 1x1 range


@pytest.mark.parametrize(
    "args, message",
    [
        ((15.0, [30.0, 50.0]), "conversion rate 1 is 30: give rates as fractions between 0 and 1 (30 % is 0.3)"),
        ((-1.0, [0.5]), "the target must be zero or more, got -1"),
        (("quinze", [0.5]), "the target must be a number, got 'quinze'"),
        ((None, [0.5]), "the target is empty: give a number"),
        ((15.0, [0.5, None, 0.5]), "conversion rate 2 is empty: fill it or remove the stage"),
        ((15.0, [0.5], "douze"), "the number of periods must be a number, got 'douze'"),
        (([[1.0, 2.0]], [0.5]), "the target must be a single cell, got a range of 2 cells"),
    ],
)
def test_funnel_bad_input(args, message):
    with pytest.raises(InputError) as err:
        PAC_FUNNEL(*args)
    assert str(err.value) == message


def test_abc_keeps_the_shape():
    column = [[100.0], [50.0], [30.0], [10.0], [10.0], [None]]
    assert PAC_ABC(column) == [["A"], ["A"], ["A"], ["B"], ["B"], [""]]
    assert PAC_ABC([90.0, 5.0, 5.0]) == ["A", "B", "B"]
    assert PAC_ABC([[100.0, 50.0], [30.0, "texte"]]) == [["A", "A"], ["B", ""]]
    assert PAC_ABC(42.0) == "A"
    assert PAC_ABC([[50.0], [30.0], [20.0]], 0.5, 0.8) == [["A"], ["B"], ["C"]]


def test_abc_equals_calc_on_a_big_range():
    values = [[float((i * 7919) % 1000)] for i in range(10_000)]
    expected = calc.abc_classes([v[0] for v in values]).classes.tolist()
    assert [row[0] for row in PAC_ABC(values)] == expected


def test_abc_bad_thresholds():
    with pytest.raises(InputError, match="the A threshold is 80: give it as a fraction"):
        PAC_ABC([1.0], 80.0)


def test_variance_elementwise():
    assert PAC_VARIANCE(120.0, 100.0) == 20.0
    assert PAC_VARIANCE([[1.0, 2.0], [None, 4.0]], [[1.0, 1.0], [1.0, None]]) == [[0.0, 1.0], ["", ""]]
    assert PAC_VARIANCE_PCT([110.0, 90.0, 5.0], [100.0, 100.0, 0.0]) == [pytest.approx(0.1), pytest.approx(-0.1), ""]


@pytest.mark.parametrize(
    "actual, plan, message",
    [
        ([1.0, 2.0], [1.0], "actual is 1x2 cells but plan is 1x1: give ranges of the same size"),
        ([[1.0], [2.0]], [[1.0, 2.0]], "actual is 2x1 cells but plan is 1x2: give ranges of the same size"),
        ([1.0, "abc"], [1.0, 2.0], "actual holds 'abc': give numbers (or leave cells empty)"),
    ],
)
def test_variance_bad_input(actual, plan, message):
    with pytest.raises(InputError) as err:
        PAC_VARIANCE(actual, plan)
    assert str(err.value) == message


def test_forecast_and_deals():
    actuals = [10.0, 20.0, None, 5.0] + [None] * 8
    plans = [[10.0] * 12]
    assert PAC_FORECAST([actuals], plans, 4.0) == 35 + 80
    assert PAC_FORECAST([[None] * 12], plans, 4.0) == ""
    assert PAC_FORECAST([[0.2, 0.4] + [None] * 10], [[0.3] * 12], 2.0, "taux") == pytest.approx(3.6 / 12)
    assert PAC_DEALS(300000.0, 20000.0) == 15
    with pytest.raises(InputError, match="the month must be a whole number from 1 to 12, got 13"):
        PAC_FORECAST([actuals], plans, 13.0)
    with pytest.raises(InputError, match="the average deal value must be a number above 0"):
        PAC_DEALS(300000.0, 0.0)


def test_in_excel_errors_are_short_cell_messages(monkeypatch):
    # Excel loads the xlwings UDF server; there an input error becomes a short cell text
    monkeypatch.setitem(sys.modules, "xlwings.server", types.ModuleType("xlwings.server"))
    out = PAC_FUNNEL(15.0, [30.0])
    assert out == "#PACXL! conversion rate 1 is 30: give rates as fractions between 0 and 1 (30 % is 0.3)"


def test_every_udf_is_documented_for_the_function_wizard():
    for name in udfs.__all__:
        fn = getattr(udfs, name)
        assert fn.__name__ == name  # Excel-visible name equals the Python name
        assert fn.__doc__ and len(fn.__doc__.strip()) > 30


def test_every_argument_has_wizard_help():
    """Each parameter of each PAC_* function carries an @xw.arg(..., doc=...) (read from source)."""
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(udfs))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("PAC_"):
            documented = {
                d.args[0].value
                for d in node.decorator_list
                if isinstance(d, ast.Call) and getattr(d.func, "attr", "") == "arg"
                and any(k.arg == "doc" for k in d.keywords)
            }
            assert documented == {a.arg for a in node.args.args}, node.name


def _arg_ndims(fn_name):
    """The ndim each argument of a PAC_* function declares in its @xw.arg (None when unset)."""
    import ast
    import inspect

    for node in ast.parse(inspect.getsource(udfs)).body:
        if isinstance(node, ast.FunctionDef) and node.name == fn_name:
            out = {a.arg: None for a in node.args.args}
            for d in node.decorator_list:
                if isinstance(d, ast.Call) and getattr(d.func, "attr", "") == "arg":
                    for k in d.keywords:
                        if k.arg == "ndim":
                            out[d.args[0].value] = k.value.value
            return out
    raise AssertionError(fn_name)


def _as_xlwings_passes(grid, ndim):
    """What xlwings hands a UDF for an Excel range (a list of rows), per its documented rules:
    without ndim a single cell is a scalar and a row *or a column* a flat list (orientation lost);
    ndim=1 a flat list; ndim=2 the rows as they are."""
    if ndim == 2:
        return grid
    flat = [v for row in grid for v in row]
    if ndim == 1 or len(flat) > 1 and (len(grid) == 1 or len(grid[0]) == 1):
        return flat
    return flat[0] if len(flat) == 1 else grid


def _as_excel_shows(result):
    """The grid Excel spills a UDF result into: a flat list is written as a row."""
    if isinstance(result, list):
        return [row if isinstance(row, list) else [row] for row in result] if all(
            isinstance(r, list) for r in result
        ) else [result]
    return [[result]]


@pytest.mark.parametrize(
    "name, actual, plan, expected",
    [
        ("PAC_VARIANCE", [[120.0], [90.0], [None]], [[100.0], [100.0], [5.0]], [[20.0], [-10.0], [""]]),
        ("PAC_VARIANCE", [[120.0, 90.0]], [[100.0, 100.0]], [[20.0, -10.0]]),
        ("PAC_VARIANCE_PCT", [[110.0], [90.0], [1.0]], [[100.0], [100.0], [0.0]], [[0.1], [-0.1], [""]]),
        ("PAC_VARIANCE", [[3.0]], [[1.0]], [[2.0]]),
    ],
)
def test_variance_keeps_a_column_a_column_in_excel(name, actual, plan, expected):
    """=PAC_VARIANCE(B2:B4; C2:C4) must spill down beside its columns, not across a row."""
    nd = _arg_ndims(name)
    out = getattr(udfs, name)(_as_xlwings_passes(actual, nd["actual"]), _as_xlwings_passes(plan, nd["plan"]))
    assert _as_excel_shows(out) == [[pytest.approx(v) if v != "" else v for v in r] for r in expected]


def test_abc_keeps_a_column_a_column_in_excel():
    column = [[90.0], [5.0], [5.0], [None]]
    out = PAC_ABC(_as_xlwings_passes(column, _arg_ndims("PAC_ABC")["values"]))
    assert _as_excel_shows(out) == [["A"], ["B"], ["B"], [""]]


def test_funnel_calendar_spills_stages_by_month():
    # 2 deals signed in March; proposals 1 month before, contacts 2 months before
    got = udfs.PAC_FUNNEL_CALENDAR([0.0, 0.0, 2.0], [[0.5], [0.5]], [2.0, 1.0])
    assert got == [[0, 8, 0, 0], [0, 0, 4, 0], [0, 0, 0, 2]]  # first column: before month 1
    # January's deals need pipeline built before the year starts
    got = udfs.PAC_FUNNEL_CALENDAR([[3.0] + [0.0] * 11], [0.2, 0.5, 0.3], [[3.0, 2.0, 1.0, 0.0]])
    assert [row[0] for row in got] == [100, 20, 10, 0]
    assert got[3][1] == 3 and len(got[0]) == 13
    expected = calc.funnel_calendar([3] + [0] * 11, [0.2, 0.5, 0.3], [3, 2, 1, 0])
    assert [row[1:] for row in got] == expected.months


@pytest.mark.parametrize(
    "args, message",
    [
        (([1.0, "x"], [0.5], [1.0]), "the target of month 2 must be a number, got 'x'"),
        (([1.0], [0.5], [-1.0]), "lag 1 must be a whole number of months, 0 or more, got -1.0"),
        (([1.0], [0.5, 0.5], [1.0]), "give one lag per stage (3) or per stage above the signature (2), got 1"),
        (([1.0], [50.0], [1.0]), "conversion rate 1 is 50: give rates as fractions between 0 and 1 (50 % is 0.5)"),
    ],
)
def test_funnel_calendar_bad_input(args, message):
    with pytest.raises(InputError) as err:
        udfs.PAC_FUNNEL_CALENDAR(*args)
    assert str(err.value) == message
