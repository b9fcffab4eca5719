"""The plan's calendar and its one reference date (the *as-of date*).

A plan covers 12 months from ``first_month`` of ``year``; plan month 1 is that first month. The
**as-of date** is the date every "to date" figure, landing, run-rate and "late" verdict is taken
at: the date the user typed (Settings, ``PAC_AsOf``), else the last day of the tracking month
(``PAC_Month``). Without either there is no as-of date: nothing is late and nothing is "to date".
No figure depends on the machine's clock (the native twins use no ``TODAY()``).
"""

from __future__ import annotations

import datetime as dt


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def _first(first_month: object) -> int:
    return first_month if isinstance(first_month, int) and 1 <= first_month <= 12 else 1


def month_start(year: int, first_month: int, month: int) -> dt.date:
    """First day of plan month ``month`` (1-based)."""
    y, m = _add_months(year, _first(first_month), month - 1)
    return dt.date(y, m, 1)


def month_end(year: int, first_month: int, month: int) -> dt.date:
    """Last day of plan month ``month`` (1-based): twin of ``EOMONTH(DATE(year, first+month-1, 1), 0)``."""
    y, m = _add_months(year, _first(first_month), month)
    return dt.date(y, m, 1) - dt.timedelta(days=1)


def plan_period(year: int, first_month: int) -> tuple[dt.date, dt.date]:
    """First and last day of the plan year."""
    return month_start(year, first_month, 1), month_end(year, first_month, 12)


def plan_month_of(day: dt.date, year: int, first_month: int) -> int:
    """The plan month a date falls in (may be < 1 before the plan year, > 12 after it)."""
    return (day.year - year) * 12 + day.month - _first(first_month) + 1


def as_of_date(
    year: int, first_month: int, tracking_month: int | None, typed: dt.date | None = None
) -> dt.date | None:
    """The plan's as-of date: the typed one, else the end of the tracking month, else None."""
    if typed is not None:
        return typed
    if isinstance(tracking_month, int) and 1 <= tracking_month <= 12:
        return month_end(year, first_month, tracking_month)
    return None


def is_late(end: dt.date | None, closed: bool, as_of: dt.date | None) -> bool:
    """An action is late when its end date is before the as-of date and it is neither done nor
    cancelled (``closed``). Without an end date or an as-of date nothing is late."""
    return end is not None and as_of is not None and not closed and end < as_of


def deadline_month(deadline: dt.date | None, year: int, first_month: int) -> int | None:
    """The last plan month that counts for an objective due on ``deadline``: its plan month,
    capped at 12 (a deadline after the plan year counts the whole year); 12 without a deadline;
    None when the deadline falls before the plan year (nothing of this plan can count)."""
    if deadline is None:
        return 12
    m = plan_month_of(deadline, year, first_month)
    if m < 1:
        return None
    return min(m, 12)
