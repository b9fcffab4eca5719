"""Revisions' pure rules (pacxl.calc.revisions), each against an independent computation."""

from __future__ import annotations

import random

import pytest

from pacxl.calc import revisions as rv


def _months(rng: random.Random, rate: bool = False) -> list:
    return [None if rng.random() < 0.25 else (rng.randint(0, 100) / 100 if rate else float(rng.randint(0, 5000)))
            for _ in range(12)]


def test_baseline_entries_keep_blanks_and_leave_out_items_without_id():
    entries = rv.baseline_entries([("O1", 10), ("", 5), ("O2", None)], [("K1", [1.0] + [None] * 11)],
                                  [("  L1 ", [None] * 12), ("", [3.0] * 12)])
    assert [(e.kind, e.id) for e in entries if e.kind == "objective"] == [("objective", "O1"), ("objective", "O2")]
    assert sum(1 for e in entries if e.kind == "kpi") == 12 and sum(1 for e in entries if e.kind == "budget") == 12
    assert {e.id for e in entries if e.kind == "budget"} == {"L1"}
    assert [e.value for e in entries if e.kind == "kpi"][:2] == [1.0, None]


@pytest.mark.parametrize("seed", range(20))
def test_initial_figures_equal_a_direct_computation(seed):
    rng = random.Random(seed)
    kpis = {f"K{i}": _months(rng, rate=(i == 3)) for i in range(1, 5)}
    lines = {f"L{i}": _months(rng) for i in range(1, 4)}
    entries = rv.baseline_entries([], kpis.items(), lines.items())
    for kid, months in kpis.items():
        nums = [v for v in months if v is not None]
        if kid == "K3":  # a rate: the average of its figures
            want = sum(nums) / len(nums) if nums else None
            got = rv.initial_kpi_year(entries, "rate", kid.lower())  # IDs without case
        else:
            want = sum(nums) if nums else None
            got = rv.initial_kpi_year(entries, "count", f" {kid}")
        assert got == pytest.approx(want) if want is not None else got is None
    # a ratio rate: total of the numerator over the total of the denominator
    n = [v for v in kpis["K1"] if v is not None]
    d = [v for v in kpis["K2"] if v is not None]
    want = sum(n) / sum(d) if n and d and sum(d) else None
    got = rv.initial_kpi_year(entries, "rate", "K3", "K1", "K2")
    assert got == pytest.approx(want) if want is not None else got is None
    for lid, months in lines.items():
        nums = [v for v in months if v is not None]
        got = rv.initial_budget_total(entries, lid)
        assert got == pytest.approx(sum(nums)) if nums else got is None
    assert rv.initial_kpi_year(entries, "count", "K9") is None  # added after the freeze
    assert rv.initial_budget_total(entries, "K1") is None  # a KPI is not a budget line


def test_initial_target():
    entries = rv.baseline_entries([("O1", 120000), ("O2", None)], [], [])
    assert rv.initial_target(entries, "o1") == 120000
    assert rv.initial_target(entries, "O2") is None and rv.initial_target(entries, "O3") is None


def _plan():
    objectives = [("O1", 100.0), ("O2", 50.0)]
    kpis = [("K1", [10.0] * 12)]
    budget = [("L1", [5.0] * 12)]
    return objectives, kpis, budget


def test_a_change_without_revision_row_is_found_and_one_with_its_row_is_not():
    objectives, kpis, budget = _plan()
    entries = rv.baseline_entries(objectives, kpis, budget)
    assert rv.unexplained_changes(entries, objectives, kpis, budget, []) == []
    objectives = [("O1", 120.0), ("O2", 50.0), ("O3", 9.0)]  # O3: added after the freeze
    kpis = [("K1", [10.0] * 2 + [12.0] + [10.0] * 9)]
    budget = [("L1", [5.0] * 11 + [None])]
    found = rv.unexplained_changes(entries, objectives, kpis, budget, [])
    assert [(c.kind, c.id, c.month, c.baseline, c.current) for c in found] == [
        ("objective", "O1", None, 100.0, 120.0), ("kpi", "K1", 3, 10.0, 12.0), ("budget", "L1", 12, 5.0, None)]
    rows = [rv.RevisionRow("o1", "target", None, 120.0), rv.RevisionRow("K1", "plan", 3, 12.0),
            rv.RevisionRow("L1", "budget", 12, None)]
    assert rv.unexplained_changes(entries, objectives, kpis, budget, rows) == []
    # the last row of a value counts: changed again by hand after `revise`
    rows.append(rv.RevisionRow("O1", "target", None, 110.0))
    found = rv.unexplained_changes(entries, objectives, kpis, budget, rows)
    assert [(c.id, c.revised, c.has_row) for c in found] == [("O1", 110.0, True)]
    # a row for another month or field explains nothing
    found = rv.unexplained_changes(entries, objectives, kpis, budget, [rv.RevisionRow("K1", "plan", 4, 12.0)])
    assert {(c.kind, c.month) for c in found} == {("objective", None), ("kpi", 3), ("budget", 12)}


def test_same_tolerates_noise_only():
    assert rv.same(0.1 + 0.2, 0.3) and rv.same(None, None)
    assert not rv.same(1.0, 1.001) and not rv.same(None, 0.0)


def test_duplicate_ids():
    assert rv.duplicate_ids(["K1", "k1 ", "K2", "", "", "K1"]) == ["k1"]


def test_initial_sum_is_blank_without_a_figure():
    assert rv.initial_sum([None, None]) is None and rv.initial_sum([]) is None
    assert rv.initial_sum([None, 1.5, 2.0]) == 3.5 and rv.initial_sum([0.0]) == 0.0
