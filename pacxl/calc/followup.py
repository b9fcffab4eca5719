"""Follow and adjust: observed funnel rates, catch-up targets and quarters.

* **Observed rate** of a funnel transition at plan month M: the next stage's actuals of months
  1..M divided by the stage's actuals of the same months (a ratio of totals). A stage is flagged
  when its observed rate is more than 10 % (relative) below the assumed one.
* **Observed funnel**: the volumes still needed for the rest of the year, computed back from the
  signatures still to sign with the observed rates (the assumed rate where none is observed yet).
* **Catch-up**: what is left to do (plan of the year - actual to date, a blank actual counting
  as 0) and, for each month after M, the monthly target that reaches the year's plan, spread by
  the seasonality profile over the remaining months. Never negative: a line ahead of plan has
  nothing to catch up (its ``remaining`` is negative, its monthly targets 0).
* For a rate KPI with numerator and denominator, the **rate needed** on the rest of the year:
  ``(target x (D_todate + D_rest) - N_todate) / D_rest`` where D_rest is the denominator's plan
  of the remaining months.
* :func:`kpi_catch_up` gives a KPI line's three catch-up figures: a sum KPI's ``remaining`` and
  monthly targets, a ratio rate's ``rate_needed`` (a rate has no "left to do").
* **Quarters**: plan quarter q covers plan months 3q-2..3q. Its plan is the plan of its months;
  its actual and its "plan to date" stop at M; the variance compares those two. The budget
  (:func:`budget_quarters`) has a plan and a plan to date per quarter, no actual (one per line,
  not per month).

Native twins: :mod:`pacxl.workbook.formulas_followup` (KPI sheet's catch-up columns, Quarters sheet).
"""

from __future__ import annotations

from collections.abc import Sequence

from ._num import as_number
from .funnel import check_rates, required_volumes
from .kpi import Series, kpi_figures, ratio
from .seasonality import spread_rest
from .variance import aggregation, favourable, variance, variance_pct

MONTHS = 12
QUARTERS = 4

#: Relative shortfall of an observed rate against the assumed one that ``check`` flags.
RATE_TOLERANCE = 0.10


def _sum(values: Sequence[object]) -> float | None:
    nums = [as_number(v) for v in values]
    nums = [v for v in nums if v is not None]
    return sum(nums) if nums else None


def observed_rates(stage_actuals: Sequence[Sequence[object]], month: int) -> list[float | None]:
    """One observed rate per transition (stage i to i+1), top stage first: the next stage's
    actuals of months 1..month over the stage's; blank when either sum is blank or the stage's is 0."""
    sums = [_sum(row[:month]) for row in stage_actuals]
    return [ratio(sums[i + 1], sums[i]) for i in range(len(sums) - 1)]


def rate_below(observed: object, assumed: object, tolerance: float = RATE_TOLERANCE) -> bool:
    """True when the observed rate is more than ``tolerance`` (relative) below the assumed one:
    ``observed < assumed x (1 - tolerance)``, both rounded to 9 decimals (twin ``ROUND(x, 9)``)."""
    o, a = as_number(observed), as_number(assumed)
    if o is None or a is None:
        return False
    return round(o, 9) < round(a * (1 - tolerance), 9)


def rates_to_use(observed: Sequence[object], assumed: Sequence[float]) -> list[float]:
    """The observed rate of each transition where there is one above 0 (capped at 1), else the
    assumed rate."""
    out = []
    for o, a in zip(observed, assumed):
        v = as_number(o)
        out.append(min(v, 1.0) if v is not None and v > 0 else a)
    return check_rates(out)


def observed_volumes(
    signatures_target: object, signatures_to_date: object, observed: Sequence[object], assumed: Sequence[float]
) -> list[int]:
    """Volumes each stage still needs for the rest of the year: the signatures still to sign
    (target - signed to date, at least 0) computed back with :func:`rates_to_use`."""
    target = as_number(signatures_target) or 0.0
    done = as_number(signatures_to_date) or 0.0
    return required_volumes(max(target - done, 0.0), rates_to_use(observed, assumed))


def remaining(plan_year: object, actual_ytd: object) -> float | None:
    """What is left to do this year: plan of the year - actual to date (blank actual = 0);
    blank without a plan of the year."""
    p = as_number(plan_year)
    if p is None:
        return None
    return p - (as_number(actual_ytd) or 0.0)


def catch_up_by_month(left: object, weights: Sequence[float], month: int) -> list[float | None]:
    """The monthly targets of months month+1..12 that reach the year's plan, spread by the
    profile; 0 when nothing is left; blank for months up to ``month`` and without a plan."""
    r = as_number(left)
    if r is None:
        return [None] * len(weights)
    return spread_rest(max(r, 0.0), weights, month)


def rate_needed(target: object, numerator: Series, denominator: Series, month: int) -> float | None:
    """The rate the rest of the year must run at for a ratio KPI to reach ``target`` over the year:
    ``(target x (D_todate + D_rest) - N_todate) / D_rest``; blank without a target or when the
    denominator's plan of the remaining months is blank or 0."""
    t = as_number(target)
    d_rest = _sum(denominator.plan[month:])
    if t is None or d_rest is None or d_rest == 0:
        return None
    d_done = _sum(denominator.actual[:month]) or 0.0
    n_done = _sum(numerator.actual[:month]) or 0.0
    return (t * (d_done + d_rest) - n_done) / d_rest


def kpi_catch_up(
    kind: str,
    plan: Sequence[object],
    actual: Sequence[object],
    month: int,
    weights: Sequence[float],
    numerator: Series | None = None,
    denominator: Series | None = None,
) -> dict[str, object]:
    """remaining, catch_up_by_month (12 entries) and rate_needed of a KPI line at plan month
    ``month``. A sum KPI (revenue, count, cost) has what is left of its year's plan, spread over
    the remaining months by ``weights``; a rate has no "left to do" (a difference of rates is no
    quantity to spread): a ratio rate (numerator and denominator) has the rate the rest of the
    year must run at, an average rate nothing."""
    figures = kpi_figures(kind, plan, actual, month, numerator, denominator)
    if kind == "rate":
        needed = None
        if numerator is not None and denominator is not None:
            needed = rate_needed(figures["plan_year"], numerator, denominator, month)
        return {"remaining": None, "catch_up_by_month": [None] * MONTHS, "rate_needed": needed}
    left = remaining(figures["plan_year"], figures["actual_ytd"])
    return {"remaining": left, "catch_up_by_month": catch_up_by_month(left, weights, month),
            "rate_needed": None}


def quarter_of(month: int) -> int:
    """The plan quarter (1..4) of plan month 1..12."""
    return (month - 1) // 3 + 1


def quarter_months(q: int) -> range:
    """0-based indexes of the months of plan quarter ``q``."""
    return range(3 * (q - 1), 3 * q)


def _aggregate(values: Sequence[object], how: str) -> float | None:
    nums = [as_number(v) for v in values]
    nums = [v for v in nums if v is not None]
    if not nums:
        return None
    return sum(nums) if how == "sum" else sum(nums) / len(nums)


def quarter_figures(
    kind: str,
    plan: Sequence[object],
    actual: Sequence[object],
    q: int,
    month: int,
    numerator: Series | None = None,
    denominator: Series | None = None,
) -> dict[str, float | bool | None]:
    """plan, plan_to_date, actual, variance, variance_pct and favourable of plan quarter ``q`` at
    tracking month ``month``; ratio rate KPIs are ratios of the quarter's totals. A quarter not
    started yet has a plan and nothing else."""
    idx = list(quarter_months(q))
    done = [k for k in idx if k < month]
    if kind == "rate" and numerator is not None and denominator is not None:
        def fig(series_n, series_d, ks):
            return ratio(_sum([series_n[k] for k in ks]), _sum([series_d[k] for k in ks])) if ks else None
        q_plan = fig(numerator.plan, denominator.plan, idx)
        q_plan_td = fig(numerator.plan, denominator.plan, done)
        q_actual = fig(numerator.actual, denominator.actual, done)
    else:
        how = aggregation(kind)
        q_plan = _aggregate([plan[k] for k in idx], how)
        q_plan_td = _aggregate([plan[k] for k in done], how) if done else None
        q_actual = _aggregate([actual[k] for k in done], how) if done else None
    return {
        "plan": q_plan,
        "plan_to_date": q_plan_td,
        "actual": q_actual,
        "variance": variance(q_actual, q_plan_td),
        "variance_pct": variance_pct(q_actual, q_plan_td),
        "favourable": favourable(q_actual, q_plan_td, kind),
    }


def budget_quarters(lines: Sequence[Sequence[object]], month: int | None) -> list[dict[str, float | None]]:
    """plan and plan_to_date of each plan quarter for budget lines (each 12 monthly amounts;
    blanks count 0, as on the budget's totals row). A quarter not started at ``month`` (or with no
    tracking month) has no plan to date. The budget has one actual per line (spent to date), not
    one per month: a quarter has no actual."""
    out = []
    for q in range(1, QUARTERS + 1):
        idx = list(quarter_months(q))
        plan = sum(as_number(line[k]) or 0.0 for line in lines for k in idx)
        started = month is not None and idx[0] < month
        done = [k for k in idx if month is not None and k < month]
        to_date = sum(as_number(line[k]) or 0.0 for line in lines for k in done) if started else None
        out.append({"quarter": q, "plan": plan, "plan_to_date": to_date})
    return out
