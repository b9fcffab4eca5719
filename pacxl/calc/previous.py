"""Last year's figures that start next year's plan (``pacxl new --from-previous``).

* :func:`monthly_revenue`: last year's revenue by plan month, the sum of the revenue KPIs'
  actuals to the tracking month and plan after it (the history
  :func:`pacxl.calc.seasonality.from_history` turns into the profile);
* :func:`segment_revenue`: what each segment's customers brought (positive amounts, as ABC);
* :func:`action_costs`: what each action cost: the spend of its budget lines when one has a spend,
  else their planned total.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ._num import as_number
from .budget import action_budgets

MONTHS = 12


def monthly_revenue(kpis: Iterable[tuple[str, Sequence[object], Sequence[object]]], month: int = MONTHS) -> list[float | None]:
    """Last year's revenue by plan month: per month, the sum over the KPIs of kind ``revenue``
    (``kpis``: (kind as :func:`pacxl.calc.variance.kpi_kind` gives it, 12 planned, 12 actuals))
    of the actual for months 1..``month`` (the tracking month) and of the plan after it, as the
    landing forecast counts them; None for a month where no revenue KPI has that figure."""
    out: list[float | None] = [None] * MONTHS
    for kind, plan, actual in kpis:
        if kind != "revenue":
            continue
        plan, actual = list(plan) + [None] * MONTHS, list(actual) + [None] * MONTHS
        for m in range(MONTHS):
            x = as_number(actual[m] if m < month else plan[m])
            if x is not None:
                out[m] = (out[m] or 0.0) + x
    return out


def segment_revenue(amounts: Sequence[object], segments: Sequence[object], names: Sequence[str]) -> dict[str, float | None]:
    """Per segment of ``names``, the sum of the positive amounts of its customers (segment names
    compared without case); None for a segment no customer with a positive amount has."""
    out: dict[str, float | None] = {}
    for name in names:
        key = str(name or "").strip().casefold()
        if not key:
            continue
        values = [as_number(a) for a, s in zip(amounts, segments) if str(s or "").strip().casefold() == key]
        positive = [v for v in values if v is not None and v > 0]
        out[str(name)] = sum(positive) if positive else None
    return out


def action_costs(lines: Iterable[tuple[object, Sequence[object], object]]) -> dict[str, float]:
    """Action ID (stripped, without case) -> its cost: the sum of its budget lines' spend when at
    least one of them has a spend, else the sum of their planned months. ``lines``: (action ID,
    12 planned months, spend) of each budget line."""
    lines = list(lines)
    planned = action_budgets((a, months) for a, months, _ in lines)
    spent: dict[str, float] = {}
    for action_id, _, actual in lines:
        key = str(action_id or "").strip().casefold()
        x = as_number(actual)
        if key and x is not None:
            spent[key] = spent.get(key, 0.0) + x
    return {key: spent.get(key, value) for key, value in planned.items()}
