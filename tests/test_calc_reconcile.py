"""pacxl.calc.reconcile and pacxl.calc.team_capacity against independent computations (sums in
cents with integers, brute force over random allocations, numpy's business-day counter)."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pytest

from pacxl.calc import reconcile as R
from pacxl.calc import team_capacity as T
from pacxl.calc import workdays
from pacxl.calc.dates import month_end, month_start


# --- allocations, gaps ----------------------------------------------------------------------------

def test_allocated_is_share_of_target_plus_amount():
    assert R.allocated(0.5, 12_000, 100_000) == 62_000
    assert R.allocated(None, 12_000, 100_000) == 12_000
    assert R.allocated(0.5, None, None) == 0
    assert R.allocated(0.5, None, 100_000) == 50_000
    assert R.allocated(None, None, 100_000) is None
    assert R.allocated(0.5, "", 100_000) == 50_000  # a blank amount is no amount


def test_segment_targets_leave_the_rest_unsplit():
    assert R.segment_targets(300_000, [("A", 0.5), ("B", 0.5)]) == {"A": 150_000, "B": 150_000}
    got = R.segment_targets(300_000, [("A", 0.5), ("B", 0.25), ("C", None)])
    assert got == {"A": 150_000, "B": 75_000, "": 75_000}
    assert R.segment_targets(300_000, []) == {"": 300_000}
    assert R.segment_targets(None, [("A", 1)]) == {}
    # shares adding up to 100 % in floats leave no unsplit rest
    assert "" not in R.segment_targets(123_456.78, [("A", 0.1), ("B", 0.2), ("C", 0.7)])


def test_gap_and_gap_pct():
    assert R.gap(90, 100) == -10
    assert R.gap_pct(90, 100) == pytest.approx(-0.1)
    assert R.gap(None, 100) == -100 and R.gap(50, None) == 50
    assert R.gap_pct(50, 0) is None and R.gap_pct(50, None) is None
    assert R.is_gap(100.004, 100) is False and R.is_gap(100.01, 100) is True


def test_reconcile_one_lowered_target_shows_exactly_that_gap():
    team = {"Industrie": 200_000.0, "Services": 100_000.0}
    allocations = [("Alice", "Industrie", 0.5, None), ("Bob", "Industrie", 0.5, None),
                   ("Alice", "Services", 0.4, None), ("Bob", "Services", None, 60_000)]
    plans = {"Alice": {"Industrie": 100_000.0, "Services": 40_000.0},
             "Bob": {"Industrie": 87_654.32, "Services": 60_000.0}}
    r = R.reconcile(plans, allocations, team)
    gaps = {(ln.person, ln.segment): round(ln.gap, 2) for ln in r.lines}
    assert gaps == {("Alice", "Industrie"): 0, ("Bob", "Industrie"): -12_345.68,
                    ("Alice", "Services"): 0, ("Bob", "Services"): 0}
    people = {ln.person: round(ln.gap, 2) for ln in r.people}
    assert people == {"Alice": 0, "Bob": -12_345.68}
    segs = {ln.segment: (ln.plan, ln.allocation) for ln in r.segments}
    assert segs["Industrie"] == (pytest.approx(187_654.32), pytest.approx(200_000))
    assert round(r.total.gap, 2) == -12_345.68
    assert r.total.gap_pct == pytest.approx(-12_345.68 / 300_000)


def test_reconcile_names_compare_without_case_and_unallocated_segments_show():
    r = R.reconcile({" alice ": {"industrie": 10.0, "Export": 5.0}},
                    [("Alice", "Industrie", 1, None)], {"Industrie": 10.0})
    assert [(ln.person, ln.segment, ln.plan, ln.allocation) for ln in r.lines] == [
        ("Alice", "Industrie", 10.0, 10.0), ("Alice", "Export", 5.0, None)]
    assert r.lines[1].gap == 5.0 and r.lines[1].gap_pct is None
    assert len(r.people) == 1 and r.people[0].gap == 5.0


def test_reconcile_allocated_but_not_planned_is_a_negative_gap():
    r = R.reconcile({}, [("Chloé", "A", 0.25, None)], {"A": 1000.0})
    assert r.lines[0].plan == 0 and r.lines[0].gap == -250 and r.lines[0].gap_pct == -1


@pytest.mark.parametrize("seed", range(20))
def test_reconcile_totals_against_integer_cents(seed):
    rng = random.Random(seed)
    people = [f"P{i}" for i in range(rng.randint(1, 5))]
    segments = [f"S{j}" for j in range(rng.randint(1, 4))]
    team = {s: rng.randint(0, 10**7) / 100 for s in segments}
    allocations, cents_alloc = [], {}
    for p in people:
        for s in segments:
            if rng.random() < 0.3:
                amount = rng.randint(0, 10**6)  # cents
                allocations.append((p, s, None, amount / 100))
                cents_alloc[(p, s)] = amount
            else:
                share = rng.randint(0, 100)  # whole percents
                allocations.append((p, s, share / 100, None))
                cents_alloc[(p, s)] = share * round(team[s] * 100) / 100
    plans, cents_plan = {}, {}
    for p in people:
        plans[p] = {}
        for s in segments:
            v = rng.randint(0, 10**6)
            plans[p][s] = v / 100
            cents_plan[(p, s)] = v
    r = R.reconcile(plans, allocations, team)
    for ln in r.lines:
        want = cents_plan[(ln.person, ln.segment)] - cents_alloc[(ln.person, ln.segment)]
        assert ln.gap * 100 == pytest.approx(want, abs=1e-4)
    for ln in r.people:
        want = sum(cents_plan[(ln.person, s)] - cents_alloc[(ln.person, s)] for s in segments)
        assert ln.gap * 100 == pytest.approx(want, abs=1e-4)
    for ln in r.segments:
        want = sum(cents_plan[(p, ln.segment)] - cents_alloc[(p, ln.segment)] for p in people)
        assert ln.gap * 100 == pytest.approx(want, abs=1e-4)
    shares = [m["plan_share"] for m in r.mix if m["plan_share"] is not None]
    if shares:
        assert sum(shares) == pytest.approx(1)


def test_mix_against_team_shares():
    team = {"A": 60.0, "B": 40.0}
    r = R.reconcile({"X": {"A": 30.0, "B": 70.0}}, [], team)
    mix = {m["segment"]: m for m in r.mix}
    assert mix["A"]["plan_share"] == pytest.approx(0.3) and mix["A"]["team_share"] == pytest.approx(0.6)
    assert mix["A"]["difference"] == pytest.approx(-0.3) and mix["B"]["difference"] == pytest.approx(0.3)


def test_observed_rates_by_person_are_ratios_of_totals():
    stages = {"Alice": [[10, 10, None], [2, 3, 100], [1, None, 0]],
              "Bob": [[0, None, None], [None, None, None], [None, None, None]]}
    got = R.observed_by_person(stages, 2)
    assert got["Alice"] == [pytest.approx(5 / 20), pytest.approx(1 / 5)]
    assert got["Bob"] == [None, None]
    assert R.rate_gaps([0.25, None], [0.2, 0.5]) == [pytest.approx(0.05), None]


# --- capacity -------------------------------------------------------------------------------------

def test_meetings_of_funnel_is_the_second_stage():
    assert T.meetings_of_funnel([500, 100, 50, 15]) == 100
    assert T.meetings_of_funnel([15]) is None and T.meetings_of_funnel(None) is None


def test_weekly_need_and_load():
    # 100 meetings + 20 coverage visits, a quarter of the team's target, 45 working weeks
    need = T.weekly_need(100, 0.25, 45, coverage=20)
    assert need == pytest.approx(30 / 45)
    assert T.weekly_need(100, 0.25, 45) == pytest.approx(25 / 45)
    assert T.weekly_need(100, None, 45) is None and T.weekly_need(100, 0.25, 0) is None
    assert T.load(need, 2) == pytest.approx(30 / 90)
    assert T.load(need, 0) is None and T.load(None, 2) is None
    assert T.overloaded(1.0000000001) is False and T.overloaded(1.01) is True and T.overloaded(None) is False


def test_capacity_rows_against_numpy_working_weeks():
    year, first = 2027, 1
    hol = [d for d, _ in workdays.plan_holidays(year, first)]
    days = sum(int(np.busday_count(month_start(year, first, m), month_end(year, first, m) + dt.timedelta(days=1),
                                   holidays=hol)) for m in range(1, 13))
    weeks = workdays.working_weeks(workdays.plan_working_days(year, first, hol))
    assert weeks == days / 5
    rows = T.capacity_rows([("Alice", 3, 150_000), ("Bob", 1, 150_000), ("Chloé", None, 0)],
                           300_000, 240, weeks, coverage=60)
    assert rows[0]["share"] == 0.5 and rows[0]["need_per_week"] == pytest.approx(150 / (days / 5))
    assert rows[0]["load"] == pytest.approx(150 / (days / 5) / 3)
    assert rows[1]["overloaded"] is (150 / (days / 5) > 1)
    assert rows[2]["share"] == 0 and rows[2]["load"] is None and rows[2]["overloaded"] is False
    assert T.share(10, 0) is None


def test_totals_from_lines_read_back_equal_reconcile():
    team = {"A": 600.0, "B": 400.0}
    r = R.reconcile({"X": {"A": 250.0, "B": 250.0}, "Y": {"A": 300.0}},
                    [("X", "A", 0.5, None), ("Y", "A", 0.5, None), ("X", "B", None, 300), ("Y", "B", 0.25, None)], team)
    again = R.totals([R.line(ln.person, ln.segment, ln.plan, ln.team_target, ln.share, ln.amount) for ln in r.lines])
    assert again == r
    assert {m["segment"]: m["team_share"] for m in r.mix} == {"A": 0.6, "B": 0.4}


def test_duplicate_allocation_rows_add_up():
    r = R.reconcile({}, [("X", "A", 0.25, None), ("x", "a", None, 100)], {"A": 1000.0})
    assert len(r.lines) == 1 and r.lines[0].allocation == 350 and r.lines[0].amount == 350


def test_observed_from_totals():
    assert R.observed_from_totals([100, 20, None, 5]) == [0.2, None, None]


def test_segment_targets_are_cents_adding_up_to_the_target():
    got = R.segment_targets(100, [("A", 1 / 3), ("B", 1 / 3), ("C", 1 / 3)])
    assert sorted(got.values()) == [33.33, 33.33, 33.34] and sum(round(v * 100) for v in got.values()) == 10000
    got = R.segment_targets(1_398_625.44, [("I", 0.4), ("S", 0.27), ("C", 0.2), ("T", 0.13)])
    assert sum(round(v * 100) for v in got.values()) == 139_862_544
    assert all(round(v, 2) == v for v in got.values())


def test_allocated_totals_equal_the_team_sheets_targets():
    from pacxl.calc.team import Part, salesperson_targets

    team = {"A": 123_456.78, "B": 98_765.43}
    allocations = [("X", "A", 0.3334, None), ("Y", "A", 0.6666, None), ("X", "B", 0.5, 1000.0), ("Y", "B", None, 48_382.72)]
    r = R.reconcile({}, allocations, team)
    want = salesperson_targets([Part(*a) for a in allocations], team)
    assert {ln.person: ln.allocation for ln in r.people} == pytest.approx(want)
