"""pacxl.calc.customers against independent computations written from the rules (docs/calc.md,
"Customers"): brute-force ABC by the definition, retention by sets, the matrix by counting."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pacxl.calc import customers as CU

amounts = st.one_of(st.none(), st.just("n/a"), st.floats(-500, 5000, allow_nan=False).map(lambda x: round(x, 2)),
                    st.sampled_from([0.0, 100.0, 250.0, 250.0]))


def brute_classes(values, a=0.8, b=0.95):
    """The rule read literally: prior share = sum of the strictly greater positive figures / total."""
    nums = [v if isinstance(v, (int, float)) and not isinstance(v, bool) else None for v in values]
    total = sum(v for v in nums if v is not None and v > 0)
    out = []
    for v in nums:
        if v is None:
            out.append("")
        elif v <= 0 or total <= 0:
            out.append("C")
        else:
            prior = round(sum(x for x in nums if x is not None and x > v) / total, 9)
            out.append("A" if prior < a else "B" if prior < b else "C")
    return out


@settings(max_examples=150, deadline=None)
@given(st.lists(amounts, max_size=40), st.lists(amounts, max_size=40))
def test_margin_basis_ranks_the_margins(revenue, margin):
    n = min(len(revenue), len(margin))
    revenue, margin = revenue[:n], margin[:n]
    assert list(CU.abc_on_basis(revenue, margin, "margin").classes) == brute_classes(margin)
    assert list(CU.abc_on_basis(revenue, margin, "revenue").classes) == brute_classes(revenue)


def test_basis_words():
    for word in ("Marge", "MARGE", "margin", "Margin"):
        assert CU.basis_of(word) == "margin"
    for word in ("CA", "Revenue", "", None, " Marge", 3):
        assert CU.basis_of(word) == "revenue"
    assert CU.basis_word("margin", "fr") == "Marge" and CU.basis_word("revenue", "en") == "Revenue"


@settings(max_examples=150, deadline=None)
@given(st.lists(amounts, max_size=40))
def test_potential_classes_follow_the_abc_rule(potentials):
    assert CU.potential_classes(potentials, 0.7, 0.9) == brute_classes(potentials, 0.7, 0.9)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["A", "B", "C", ""]), st.sampled_from(["A", "B", "C", ""]), amounts),
                max_size=40))
def test_matrix_counts_each_pair(rows):
    cur, pot, amt = zip(*rows) if rows else ((), (), ())
    m = CU.abc_matrix(cur, pot, amt)
    for i, c in enumerate("ABC"):
        for j, p in enumerate("ABC"):
            members = [a for x, y, a in rows if x == c and y == p]
            assert m["counts"][i][j] == len(members)
            assert m["revenue"][i][j] == pytest.approx(sum(a for a in members if isinstance(a, float)))
    assert sum(map(sum, m["counts"])) == sum(1 for x, y, _ in rows if x and y)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(amounts, amounts), max_size=40))
def test_retention_by_sets(pairs):
    prev = [p for p, _ in pairs]
    cur = [c for _, c in pairs]
    r = CU.retention(prev, cur)
    if not any(isinstance(p, float) for p in prev):
        assert all(v is None for v in r.values())
        return

    def pos(v):
        return isinstance(v, float) and v > 0

    was = {i for i, p in enumerate(prev) if pos(p)}
    is_ = {i for i, c in enumerate(cur) if pos(c)}
    assert (r["kept"], r["lost"], r["new"]) == (len(was & is_), len(was - is_), len(is_ - was))
    base = sum(prev[i] for i in was)
    assert r["base"] == pytest.approx(base)
    assert r["kept_revenue"] == pytest.approx(sum(cur[i] for i in was & is_))
    assert r["lost_revenue"] == pytest.approx(sum(prev[i] for i in was - is_))
    assert r["new_revenue"] == pytest.approx(sum(cur[i] for i in is_ - was))
    if base > 0:
        assert r["revenue_retention"] == pytest.approx(r["kept_revenue"] / base)
    else:
        assert r["revenue_retention"] is None
    if was:
        assert r["churn_rate"] == pytest.approx(len(was - is_) / len(was))
    else:
        assert r["churn_rate"] is None


def test_retention_example():
    # 3 kept (one grew), 1 lost, 2 new: base 150, kept revenue 170, retention 113 %, churn 25 %
    prev = [50, 60, 28, 12, None, 0]
    cur = [70, 60, 40, None, 20, 10]
    r = CU.retention(prev, cur)
    assert r == {"kept": 3, "lost": 1, "new": 2, "base": 150.0, "kept_revenue": 170.0, "lost_revenue": 12.0,
                 "new_revenue": 30.0, "revenue_retention": 170 / 150, "churn_rate": 0.25}


def test_coverage_meetings():
    assert CU.coverage_meetings({"A": 3, "B": 2, "C": 10}, [12, 4, None]) == 44.0
    assert CU.coverage_meetings({"A": 3}, []) == 0.0
    assert CU.coverage_meetings({"A": 2, "B": 1, "C": 1}, [1.5, "x", 2]) == 5.0


def test_class_summary_is_in_revenue_whatever_the_basis():
    revenue = [100.0, 50.0, 30.0, -10.0, None]
    margin = [10.0, 40.0, 5.0, -2.0, 3.0]
    res = CU.abc_on_basis(revenue, margin, "margin")
    assert list(res.classes) == brute_classes(margin)
    summary = CU.class_summary([str(c) for c in res.classes], revenue)
    total = 180.0
    for cls in "ABC":
        members = [r for r, c in zip(revenue, res.classes) if c == cls]
        assert summary[cls]["count"] == len(members)
        nums = [r for r in members if r is not None]
        assert summary[cls]["revenue"] == sum(nums)
        assert math.isclose(summary[cls]["share"], sum(nums) / total)
