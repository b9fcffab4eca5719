"""The figures of a KPI line and of the objective it measures: one definition each.

* Sum kinds (revenue, count, cost) add up: to date is the sum of months 1..M, the year the sum of
  the 12 months, the landing the actual to date plus the plan of the remaining months.
* A **rate** KPI that names a numerator and a denominator KPI (two sum KPIs, e.g. signatures and
  proposals) is a *ratio of totals* over every period: to date = numerator to date / denominator
  to date, the year = numerator's year / denominator's year, the landing = numerator's landing /
  denominator's landing. A rate over a period is never an average of monthly rates.
* A rate KPI without them falls back to the plain average of its monthly figures (said so on the
  KPI sheet and in docs/calc.md).
* An objective's landing stops at its deadline: actuals of months 1..min(M, d), then the plan of
  months M+1..d, where d is the deadline's plan month (:func:`pacxl.calc.dates.deadline_month`).
  It is "on track" when that landing is favourable against the objective's target.

Each function has its native twin in :mod:`pacxl.workbook.formulas`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ._num import as_number, is_number
from .variance import (
    aggregation,
    favourable,
    landing_forecast,
    run_rate_forecast,
    variance,
    variance_pct,
    year_to_date,
)

MONTHS = 12


@dataclass(frozen=True)
class Series:
    """The 12 monthly plan and actual figures of a sum KPI (blanks are None)."""

    plan: Sequence[object]
    actual: Sequence[object]


def ratio(numerator: object, denominator: object) -> float | None:
    """``n / d``; blank when a side is blank or the denominator is 0."""
    n, d = as_number(numerator), as_number(denominator)
    if n is None or d is None or d == 0:
        return None
    return n / d


def kpi_figures(
    kind: str,
    plan: Sequence[object],
    actual: Sequence[object],
    month: int,
    numerator: Series | None = None,
    denominator: Series | None = None,
) -> dict[str, float | bool | None]:
    """plan_year, plan_ytd, actual_ytd, variance, variance_pct, landing, run_rate and favourable
    of a KPI line at plan month ``month`` (numerator/denominator only for ratio rate KPIs)."""
    if kind == "rate" and numerator is not None and denominator is not None:
        n, d = numerator, denominator
        plan_year = ratio(year_to_date(n.plan, MONTHS), year_to_date(d.plan, MONTHS))
        plan_ytd = ratio(year_to_date(n.plan, month), year_to_date(d.plan, month))
        actual_ytd = ratio(year_to_date(n.actual, month), year_to_date(d.actual, month))
        landing = ratio(landing_forecast(n.actual, n.plan, month), landing_forecast(d.actual, d.plan, month))
        run_rate = actual_ytd  # the months cancel out of a ratio of two run-rates
    else:
        how = aggregation(kind)
        plan_year = year_to_date(plan, MONTHS, how)
        plan_ytd = year_to_date(plan, month, how)
        actual_ytd = year_to_date(actual, month, how)
        landing = landing_forecast(actual, plan, month, how)
        run_rate = run_rate_forecast(actual, month, how, MONTHS)
    return {
        "plan_year": plan_year,
        "plan_ytd": plan_ytd,
        "actual_ytd": actual_ytd,
        "variance": variance(actual_ytd, plan_ytd),
        "variance_pct": variance_pct(actual_ytd, plan_ytd),
        "landing": landing,
        "run_rate": run_rate,
        "favourable": favourable(actual_ytd, plan_ytd, kind),
    }


def landing_until(
    kind: str,
    plan: Sequence[object],
    actual: Sequence[object],
    month: int,
    until: int | None,
    numerator: Series | None = None,
    denominator: Series | None = None,
) -> float | None:
    """Where a KPI lands at plan month ``until`` (an objective's deadline month): actuals of months
    1..min(month, until) plus the plan of months month+1..until; blank when ``until`` is None."""
    if until is None:
        return None
    m = min(month, until)
    if kind == "rate" and numerator is not None and denominator is not None:
        return ratio(
            landing_forecast(numerator.actual[:until], numerator.plan[:until], m),
            landing_forecast(denominator.actual[:until], denominator.plan[:until], m),
        )
    return landing_forecast(actual[:until], plan[:until], m, aggregation(kind))


def _key(s: object) -> str:
    return str(s or "").strip().casefold()


def measuring_kpi(objective_id: str, objective_kpi: str, kpis: Sequence[tuple[str, str]]) -> int | None:
    """Index of the KPI that measures an objective, among ``(name, objective_id)`` pairs: the
    first KPI named as the objective's KPI, else the KPI linked to the objective when it is the
    only one; None otherwise (a qualitative objective, or several candidates and no name to
    choose). Names and IDs compare without case, like ``MATCH`` and ``COUNTIF``."""
    if _key(objective_kpi):
        for i, (name, _) in enumerate(kpis):
            if _key(name) == _key(objective_kpi):
                return i
    if _key(objective_id):
        linked = [i for i, (_, obj) in enumerate(kpis) if _key(obj) == _key(objective_id)]
        if len(linked) == 1:
            return linked[0]
    return None


def is_qualitative(kpi: str, target: object) -> bool:
    """An objective with neither a KPI nor a numeric target (image, internal climate...): it has
    a status, no landing and no verdict."""
    return not _key(kpi) and not is_number(target)


def on_track(landing: object, target: object, kind: str) -> bool | None:
    """True when the landing at the deadline is favourable against the target (cost: at or under)."""
    return favourable(landing, target, kind)
