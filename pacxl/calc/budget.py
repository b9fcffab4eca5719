"""Budget lines and their totals: one rule for a line, the totals row and the report.

A line's *spend to date* is its actual; a blank actual on a line that has a plan counts as 0 spent
(nothing has been spent yet), so that the totals row adds up: total variance = total spent - total
planned to date = the sum of the lines' variances. A line with neither a plan nor a spend has no
figures. Costs are favourable at or under plan.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ._num import as_number
from .variance import favourable, variance_pct, year_to_date

MONTHS = 12


def line_figures(months: Sequence[object], actual: object, month: int | None) -> dict[str, float | bool | None]:
    """total (the year), plan_ytd, actual, variance, variance_pct, consumed, favourable of a line
    at plan month ``month`` (None: no tracking month, so nothing is to date)."""
    total = year_to_date(months, MONTHS)
    plan_ytd = year_to_date(months, month) if month else None
    spent = as_number(actual)
    return _figures(total, plan_ytd, spent)


def _figures(total: float | None, plan_ytd: float | None, spent: float | None) -> dict:
    has = total is not None or spent is not None
    shown_spent = (spent or 0.0) if has else None
    var = None
    if has and (plan_ytd is not None or spent is not None):
        var = (spent or 0.0) - (plan_ytd or 0.0)
    return {
        "total": total,
        "plan_ytd": plan_ytd,
        "actual": shown_spent,
        "variance": var,
        "variance_pct": variance_pct(shown_spent, plan_ytd),
        "consumed": shown_spent / total if shown_spent is not None and total else None,
        "favourable": favourable(shown_spent, plan_ytd, "cost") if var is not None and plan_ytd is not None else None,
    }


def totals(lines: Iterable[dict]) -> dict[str, float | bool | None]:
    """The totals of line figures (from :func:`line_figures`): sums of the year, planned to date
    and spent (blanks count 0), and the same variance, consumed and verdict rules as a line."""
    lines = list(lines)
    total = sum(x["total"] or 0.0 for x in lines)
    plan_ytd = sum(x["plan_ytd"] or 0.0 for x in lines)
    spent = sum(x["actual"] or 0.0 for x in lines)
    out = _figures(total, plan_ytd, spent)
    return out


def action_budgets(lines: Iterable[tuple[str, Sequence[object]]]) -> dict[str, float]:
    """The budget of each action: the sum of the yearly totals of its budget lines, keyed by the
    action ID as typed on the lines (compare case-insensitively, like ``SUMIF``)."""
    out: dict[str, float] = {}
    for action_id, months in lines:
        key = str(action_id or "").strip().casefold()
        if not key:
            continue
        out[key] = out.get(key, 0.0) + (year_to_date(months, MONTHS) or 0.0)
    return out


def spread_evenly(amount: float, first: int = 1, last: int = MONTHS) -> list[float | None]:
    """``amount`` over plan months ``first..last`` (clipped to the year) in cents, the rounding
    left on the last month so that the months add up exactly; blanks elsewhere."""
    first, last = max(1, min(first, MONTHS)), max(1, min(last, MONTHS))
    if last < first:
        first, last = last, first
    n = last - first + 1
    cents = round(amount * 100)
    part = cents // n
    out: list[float | None] = [None] * MONTHS
    for m in range(first, last + 1):
        out[m - 1] = part / 100
    out[last - 1] = (cents - part * (n - 1)) / 100
    return out
