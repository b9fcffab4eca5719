"""pacxl.calc.team: largest remainder, exact splits, allocation checks (pure Python)."""

from __future__ import annotations

import random

import pytest

from pacxl.calc import team as T


def test_largest_remainder_gives_the_extra_units_to_the_largest_remainders():
    assert T.largest_remainder(10, [1, 1, 1]) == [4, 3, 3]
    assert T.largest_remainder(10, [0.15, 0.25, 0.6]) == [2, 2, 6]  # 1.5, 2.5, 6 -> ties to the first
    assert T.largest_remainder(7, [0, 0]) == [4, 3]  # no weight: even
    assert T.largest_remainder(-10, [1, 1, 1]) == [-4, -3, -3]
    assert T.largest_remainder(0, [1, 2]) == [0, 0]


def test_largest_remainder_refuses_negative_weights_and_nowhere_to_split():
    with pytest.raises(ValueError):
        T.largest_remainder(5, [1, -1])
    with pytest.raises(ValueError):
        T.largest_remainder(5, [])


def test_splits_add_up_exactly_on_random_figures():
    rnd = random.Random(7)
    for _ in range(500):
        n = rnd.randint(1, 7)
        w = [rnd.random() for _ in range(n)]
        total = round(rnd.uniform(-1e6, 1e7), 2)
        parts = T.split_amount(total, w)
        assert round(sum(round(p * 100) for p in parts)) == round(total * 100)
        assert all(round(p, 2) == p for p in parts)
        count = rnd.randint(0, 5000)
        cparts = T.split_count(count, w)
        assert sum(cparts) == count and all(float(c).is_integer() for c in cparts)
        # each part is within one unit of its exact share
        exact = [count * x / sum(w) for x in w]
        assert all(abs(c - e) < 1 for c, e in zip(cparts, exact))


def test_equal_shares_sum_to_exactly_one():
    for n in range(1, 13):
        s = T.equal_shares(n)
        assert len(s) == n and sum(round(x * 10_000) for x in s) == 10_000
        assert max(s) - min(s) <= 0.0001 + 1e-12


def test_split_months_keeps_blanks_and_adds_up_per_month():
    months = [10, None, 7, 0, 12.5] + [None] * 7
    out = T.split_months(months, [2, 1], whole=True)
    assert out[0][1] is None and out[1][1] is None
    for m, v in enumerate(months):
        if v is not None:
            assert abs(out[0][m] + out[1][m] - v) < 1e-9
    assert out[0][0] == 7 and out[1][0] == 3


def test_allocation_errors_name_the_segment_and_the_sum():
    parts = [T.Part("A", "Industry", 0.5), T.Part("B", "Industry", 0.4), T.Part("A", "Health", 1.0)]
    assert T.allocation_errors(parts, {"Industry": 1000.0, "Health": 500.0}) == [("Industry", pytest.approx(0.9))]


def test_amounts_count_as_their_share_of_the_target_within_a_cent():
    parts = [T.Part("A", "X", 0.5), T.Part("B", "X", None, 499.995)]
    assert T.allocation_errors(parts, {"X": 1000.0}) == []
    parts = [T.Part("A", "X", 0.5), T.Part("B", "X", None, 499.98)]
    assert T.allocation_errors(parts, {"X": 1000.0}) == [("X", pytest.approx(0.99998))]


def test_salesperson_targets_and_exact_split():
    parts = [T.Part("A", "X", 1 / 3), T.Part("B", "X", 1 / 3), T.Part("C", "X", 1 / 3), T.Part("A", "Y", None, 100.0),
             T.Part("B", "Y", 0.5)]
    seg = {"X": 1000.0, "Y": 200.0}
    tg = T.salesperson_targets(parts, seg)
    assert tg["A"] == pytest.approx(433.3333333) and tg["B"] == pytest.approx(433.3333333)
    fr = T.salesperson_fractions(parts, seg)
    split = T.split_targets(seg, fr, ["A", "B", "C"])
    assert [split[p]["X"] for p in "ABC"] == [333.34, 333.33, 333.33]
    assert sum(round(split[p].get("Y", 0) * 100) for p in "ABC") == 20_000
