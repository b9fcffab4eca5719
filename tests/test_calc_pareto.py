import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pacxl.calc import abc_classes
from pacxl.errors import InputError


def classes(values, *args):
    return list(abc_classes(values, *args).classes)


@pytest.mark.parametrize(
    "values, expected",
    [
        ([100, 50, 30, 10, 10], ["A", "A", "A", "B", "B"]),
        ([90, 5, 5], ["A", "B", "B"]),
        ([5, 90, 5], ["B", "A", "B"]),  # order does not matter
        ([99, 1], ["A", "C"]),  # a customer with 99 % is A (inventorize says C)
        ([80, 15, 5], ["A", "B", "C"]),  # prior share exactly 0.80 is B, exactly 0.95 is C
        ([10, 10, 10, 10], ["A", "A", "A", "A"]),  # ties share a class
        ([100, 0, -30], ["A", "C", "C"]),  # zero and credit notes are C
        ([None, "", "n/a", 50], ["", "", "", "A"]),  # blanks and text: no class
        ([True, 50], ["", "A"]),  # a boolean is not an amount
        ([0, -5], ["C", "C"]),  # no positive total
        ([], []),
    ],
)
def test_abc_classes(values, expected):
    assert classes(values) == expected


def test_thresholds_are_parameters():
    assert classes([50, 30, 20], 0.5, 0.8) == ["A", "B", "C"]
    assert classes([50, 30, 20], 0.6, 0.9) == ["A", "A", "B"]


def test_shares_of_positive_total():
    r = abc_classes([60, 30, 10, -10, None])
    assert r.total == 100
    assert r.shares[:4] == pytest.approx([0.6, 0.3, 0.1, -0.1])
    assert np.isnan(r.shares[4])
    assert r.prior_shares[:3] == pytest.approx([0.0, 0.6, 0.9])
    assert r.cum_shares[:3] == pytest.approx([0.6, 0.9, 1.0])
    assert np.isnan(r.prior_shares[3]) and np.isnan(r.cum_shares[3])


def test_summary_counts_and_revenue():
    r = abc_classes([100, 50, 30, 10, 10, -5, None])
    s = r.summary([100, 50, 30, 10, 10, -5, None])
    assert s["A"] == {"count": 3, "revenue": 180.0, "share": 0.9}
    assert s["B"]["count"] == 2 and s["B"]["revenue"] == 20
    assert s["C"]["count"] == 1 and s["C"]["revenue"] == -5


def test_float_noise_cannot_flip_a_class():
    # 0.1 + 0.7 summed in another order is 0.7999999999999999: the class must not depend on it
    values = [0.7, 0.1, 0.2 - 1e-12, 0.2 - 1e-12]
    assert classes(values) == classes(values[::-1])[::-1]


def test_accepts_numpy_and_large_input():
    x = np.arange(1, 100_001, dtype=float)
    r = abc_classes(x)
    assert r.classes[-1] == "A" and r.classes[0] == "C"


@pytest.mark.parametrize(
    "a, b, message",
    [
        (80, 95, "the A threshold is 80: give it as a fraction (80 % is 0.8)"),
        (0.9, 0.8, "the A threshold (0.9) must not exceed the B threshold (0.8)"),
        (0, 0.9, "the A threshold is 0: it must be above 0 and at most 1"),
        ("x", 0.9, "the A threshold must be a number, got 'x'"),
    ],
)
def test_bad_thresholds(a, b, message):
    with pytest.raises(InputError) as err:
        abc_classes([1, 2], a, b)
    assert str(err.value) == message


amounts = st.lists(
    st.one_of(st.integers(-1000, 100_000).map(float), st.none()), min_size=1, max_size=80
)
RANK = {"A": 0, "B": 1, "C": 2}


@given(amounts, st.randoms())
def test_abc_properties(values, rnd):
    r = abc_classes(values)
    cls = list(r.classes)
    nums = [(v, c) for v, c in zip(values, cls) if v is not None]
    # blanks get no class, numbers always one
    assert all((c == "") == (v is None) for v, c in zip(values, cls))
    # monotone: a larger amount never has a worse class; ties are equal
    for v1, c1 in nums:
        for v2, c2 in nums:
            if v1 > v2:
                assert RANK[c1] <= RANK[c2]
            if v1 == v2:
                assert c1 == c2
    positives = [v for v in values if v is not None and v > 0]
    if positives:
        assert max(r.prior_shares[[v is not None and v > 0 for v in values]]) < 1
        assert r.shares[[v is not None and v > 0 for v in values]].sum() == pytest.approx(1.0)
        largest = values.index(max(positives))
        assert cls[largest] == "A"
    for v, c in nums:
        if v <= 0:
            assert c == "C"
    # shuffling the rows changes nothing
    order = list(range(len(values)))
    rnd.shuffle(order)
    shuffled = list(abc_classes([values[i] for i in order]).classes)
    assert shuffled == [cls[i] for i in order]


def test_every_kind_of_cell_is_read_alike_whatever_the_path():
    """A list of plain numbers and blanks, one with text and booleans, one with numpy numbers:
    the three ways a list becomes floats agree (bools and text are no amounts)."""
    import numpy as np

    plain = [100.0, None, 50, 30.5, 0, -20.0, None]
    mixed = [100.0, "", 50, 30.5, 0, -20.0, True]
    numpy_ = [np.float64(100.0), None, np.int64(50), 30.5, 0, -20.0, False]
    expected = ["A", "", "A", "B", "C", "C", ""]
    for values in (plain, mixed, numpy_):
        assert list(abc_classes(values).classes) == expected, values
