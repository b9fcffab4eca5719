"""Catch-up (issue 13, "follow and adjust"): what is left of the year's plan, the monthly targets
that reach it, and a ratio rate's rate needed, each against an independent computation: exact
fractions, and a simulation of the rest of the year that must land on the plan.

The workbook's twins (the KPI sheet's ``remaining``, ``c01..c12`` and ``rate_needed`` columns)
are compared with ``report --json`` after a LibreOffice recalculation in tests/test_consistency.py
(families ``kpi.remaining``, ``kpi.catch_up_mNN``, ``kpi.rate_needed``).
"""

from __future__ import annotations

import json
import math
import random
from fractions import Fraction

import pytest
from click.testing import CliRunner

from pacxl.calc import followup, seasonality
from pacxl.calc.kpi import Series, kpi_figures
from pacxl.cli import main
from pacxl.report import report_figures

from plans import clean_plan

SEEDS = range(150)


def _months(rng: random.Random, rate: bool = False) -> list:
    def one():
        if rng.random() < 0.15:
            return None
        return rng.randint(0, 100) / 100 if rate else float(rng.randint(0, 5000))
    return [one() for _ in range(12)]


def _profile(rng: random.Random) -> list[float]:
    kind = rng.randrange(3)
    if kind == 0:
        return seasonality.flat()
    raw = [rng.randint(0, 20) for _ in range(12)]
    if kind == 2:  # the end of the year weighs nothing
        cut = rng.randint(6, 11)
        raw[cut:] = [0] * (12 - cut)
    if sum(raw) == 0:
        raw[0] = 1
    return [w / sum(raw) for w in raw]


def _exact(v) -> Fraction:
    return Fraction(v) if v is not None else Fraction(0)


def brute_catch_up(plan: list, actual: list, month: int, weights: list[float]):
    """(left, targets) by exact arithmetic: left = plan's figures - actuals of months 1..month;
    month k > month gets a share of max(left, 0) proportional to its weight among the months
    after ``month`` (equal shares when they all weigh 0)."""
    if all(v is None for v in plan):
        return None, [None] * 12
    left = sum(_exact(v) for v in plan) - sum(_exact(v) for v in actual[:month])
    need = max(left, Fraction(0))
    rest = range(month + 1, 13)
    total = sum(Fraction(weights[k - 1]) for k in rest)
    targets = [None] * 12
    for k in rest:
        targets[k - 1] = need * Fraction(weights[k - 1]) / total if total else need / len(rest)
    return left, targets


def close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-6)


@pytest.mark.parametrize("seed", SEEDS)
def test_catch_up_of_a_sum_kpi_equals_the_exact_computation(seed):
    rng = random.Random(seed)
    kind = rng.choice(["revenue", "count", "cost"])
    plan, actual, month, w = _months(rng), _months(rng), rng.randint(1, 12), _profile(rng)
    got = followup.kpi_catch_up(kind, plan, actual, month, w)
    left, targets = brute_catch_up(plan, actual, month, w)
    assert close(got["remaining"], left)
    assert all(close(g, t) for g, t in zip(got["catch_up_by_month"], targets)), (got, targets)
    assert got["rate_needed"] is None
    if left is not None and month < 12:
        # the targets reach the year's plan exactly (behind plan), or ask nothing (ahead of it)
        done = sum(v for v in actual[:month] if v is not None)
        year = sum(v for v in plan if v is not None)
        assert math.isclose(done + sum(got["catch_up_by_month"][month:]), max(year, done), rel_tol=1e-9,
                            abs_tol=1e-6)


@pytest.mark.parametrize("seed", SEEDS)
def test_rate_needed_lands_the_year_on_the_planned_ratio(seed):
    """Run months M+1..12 at the rate needed on the denominator's planned volumes: the year's
    ratio (computed by calc.kpi_figures, as the KPI sheet does) equals its plan."""
    rng = random.Random(seed)
    num = Series(_months(rng), _months(rng))
    den = Series([float(rng.randint(1, 900)) for _ in range(12)], _months(rng))
    month = rng.randint(1, 11)
    got = followup.kpi_catch_up("rate", [None] * 12, [None] * 12, month, _profile(rng), num, den)
    assert got["remaining"] is None and got["catch_up_by_month"] == [None] * 12
    target = kpi_figures("rate", [None] * 12, [None] * 12, 12, num, den)["plan_year"]
    if target is None:
        assert got["rate_needed"] is None
        return
    needed = got["rate_needed"]
    den_actual = list(den.actual[:month]) + list(den.plan[month:])
    num_actual = list(num.actual[:month]) + [needed * d for d in den.plan[month:]]
    landed = kpi_figures("rate", [None] * 12, [None] * 12, 12, Series(num.plan, num_actual),
                         Series(den.plan, den_actual))["actual_ytd"]
    assert math.isclose(landed, target, rel_tol=1e-9, abs_tol=1e-12)


def test_rate_needed_is_blank_without_months_left_or_planned_denominator():
    num, den = Series([1.0] * 12, [1.0] * 12), Series([4.0] * 12, [4.0] * 12)
    assert followup.kpi_catch_up("rate", [], [], 12, seasonality.flat(), num, den)["rate_needed"] is None
    no_rest = Series([4.0] * 6 + [None] * 6, [4.0] * 12)
    assert followup.kpi_catch_up("rate", [], [], 6, seasonality.flat(), num, no_rest)["rate_needed"] is None
    zero = Series([4.0] * 6 + [0.0] * 6, [4.0] * 12)
    assert followup.kpi_catch_up("rate", [], [], 6, seasonality.flat(), num, zero)["rate_needed"] is None
    # an average rate (no numerator, denominator) has no catch-up at all
    avg = followup.kpi_catch_up("rate", [0.3] * 12, [0.2] * 12, 6, seasonality.flat())
    assert avg == {"remaining": None, "catch_up_by_month": [None] * 12, "rate_needed": None}


def test_docs_example_signature_rate():
    """docs/report.md: the demo's signature rate needs 33.7 % on months 11-12."""
    from pacxl.demo import demo_plan

    fig = report_figures(demo_plan("fr"))
    k = next(k for k in fig["kpis"] if k["rate_rule"] == "ratio")
    assert round(k["rate_needed"], 3) == 0.337
    rev = next(k for k in fig["kpis"] if k["kind"] == "revenue")
    assert rev["remaining"] == 962_400
    # spread by the demo's profile (last year's monthly revenue): months 11 and 12 weigh 357 and 470
    assert rev["catch_up_by_month"][10:] == pytest.approx([962_400 * 357 / 827, 962_400 * 470 / 827])
    flat = demo_plan("fr")
    flat.review.monthly_revenue = [None] * 12
    rev = next(k for k in report_figures(flat)["kpis"] if k["kind"] == "revenue")
    assert rev["catch_up_by_month"][10:] == [481_200, 481_200]


# --- the report: the profile it spreads by, the CLI -----------------------------------------------

def test_report_spreads_by_the_plan_profile():
    p = clean_plan("en")
    weights = [5, 5, 5, 5, 5, 5, 10, 10, 10, 10, 10, 20]
    p.settings.seasonality = weights
    fig = report_figures(p, 3)
    k = next(k for k in fig["kpis"] if k["kind"] == "revenue")
    rest = sum(weights[3:])
    assert [round(x, 6) for x in fig["seasonality"]] == [round(w / 100, 6) for w in weights]
    for m in range(4, 13):
        assert math.isclose(k["catch_up_by_month"][m - 1], max(k["remaining"], 0) * weights[m - 1] / rest)
    assert k["catch_up_by_month"][:3] == [None] * 3


@pytest.mark.parametrize("typed,flat", [(None, True), ([1] * 11 + [None], False), ([2] * 12, False)])
def test_unusable_profile_is_flat(typed, flat):
    """No typed weight: flat. Typed weights are used as typed, a blank month counting 0, even when
    they do not add up to 100 % (check says so; the catch-up renormalises them over the remaining
    months, as the workbook's formula does)."""
    from pacxl.report_followup import plan_weights

    p = clean_plan("en")
    p.settings.seasonality = typed
    assert (plan_weights(p) == seasonality.flat()) is flat


def test_cli_report_json_has_the_catch_up(demo_fr_path):
    res = CliRunner().invoke(main, ["report", "--json", str(demo_fr_path)])
    assert res.exit_code == 0, res.output
    fig = json.loads(res.output)
    m = fig["month"]
    for k in fig["kpis"]:
        assert len(k["catch_up_by_month"]) == 12 and k["catch_up_by_month"][:m] == [None] * m
        if k["remaining"] is not None:
            assert sum(k["catch_up_by_month"][m:]) == pytest.approx(max(k["remaining"], 0))


# --- check: a rate that cannot reach its plan --------------------------------------------------

def _ratio_plan(rest: float):
    """Signatures / proposals planned 60 / 120 (50 %); at month 10, 20 signed out of 100."""
    from pacxl.defaults import blank_plan
    from pacxl.model import KPI

    p = blank_plan("en", year=2027)
    p.settings.tracking_month = 10
    proposals = [11.0] * 10 + [rest / 2, rest / 2]
    p.kpis = [KPI("S", "Signatures", "count", "", "", [5.0] * 12, [2.0] * 10 + [None] * 2),
              KPI("P", "Proposals", "count", "", "", proposals, [10.0] * 10 + [None] * 2),
              KPI("R", "Signature rate", "rate", "%", "", [0.5] * 12, [None] * 12, "S", "P")]
    return p


@pytest.mark.parametrize("rest,flagged", [(10.0, True), (100.0, False)])
def test_check_flags_a_rate_needing_more_than_100_percent(rest, flagged):
    from pacxl.check import check_plan

    p = _ratio_plan(rest)
    # the independent figure: (plan x (D to date + D rest) - N to date) / D rest
    year = 60 / (110 + rest)
    needed = (year * (100 + rest) - 20) / rest
    fig = report_figures(p)
    assert math.isclose(next(k for k in fig["kpis"] if k["id"] == "R")["rate_needed"], needed)
    found = [f for f in check_plan(p) if f.code == "kpi-rate-unreachable"]
    assert bool(found) is flagged and (needed > 1) is flagged
    if flagged:
        from pacxl.workbook.contract import KPI as T
        from openpyxl.utils import get_column_letter

        assert found[0].severity == "warning" and "months 11 to 12" in found[0].message
        assert found[0].cell.startswith(get_column_letter(T.index("rate_needed") + 1))
