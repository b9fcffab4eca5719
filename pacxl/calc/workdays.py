"""Working days of the plan months: Monday to Friday, less the public holidays.

The holiday list is France's (11 days: 8 fixed, 3 from Easter), optionally with Alsace-Moselle's
two more (Good Friday, 26 December); Settings shows it and the user may edit it. The native twin
of :func:`working_days` is ``NETWORKDAYS(start, end, holidays)``; a plan month's working weeks
are its working days / 5, which is what weekly needs divide by (not 52 weeks a year).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from .dates import month_end, month_start

MONTHS = 12

#: Keys of the holidays (names live in the workbook's i18n table).
FIXED = (
    ((1, 1), "new_year"),
    ((5, 1), "labour_day"),
    ((5, 8), "victory_1945"),
    ((7, 14), "bastille_day"),
    ((8, 15), "assumption"),
    ((11, 1), "all_saints"),
    ((11, 11), "armistice"),
    ((12, 25), "christmas"),
)
#: Days after Easter Sunday.
FROM_EASTER = ((1, "easter_monday"), (39, "ascension"), (50, "whit_monday"))
ALSACE_MOSELLE = ((-2, "good_friday"),)
ALSACE_FIXED = (((12, 26), "st_stephen"),)


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday of the Gregorian calendar (the computus: Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def french_holidays(year: int, alsace_moselle: bool = False) -> list[tuple[dt.date, str]]:
    """France's public holidays of a calendar year as ``(date, key)``, in date order."""
    out = [(dt.date(year, m, d), key) for (m, d), key in FIXED]
    easter = easter_sunday(year)
    out += [(easter + dt.timedelta(days=n), key) for n, key in FROM_EASTER]
    if alsace_moselle:
        out += [(easter + dt.timedelta(days=n), key) for n, key in ALSACE_MOSELLE]
        out += [(dt.date(year, m, d), key) for (m, d), key in ALSACE_FIXED]
    return sorted(out)


def plan_holidays(year: int, first_month: int, alsace_moselle: bool = False) -> list[tuple[dt.date, str]]:
    """The holidays that fall inside the plan year (which may straddle two calendar years)."""
    start, end = month_start(year, first_month, 1), month_end(year, first_month, MONTHS)
    days = french_holidays(start.year, alsace_moselle)
    if end.year != start.year:
        days += french_holidays(end.year, alsace_moselle)
    return [(d, k) for d, k in days if start <= d <= end]


def working_days(start: dt.date, end: dt.date, holidays: Iterable[dt.date] = ()) -> int:
    """Days Monday to Friday from ``start`` to ``end`` inclusive, less the holidays among them:
    the twin of ``NETWORKDAYS(start, end, holidays)`` (0 when ``end`` is before ``start``;
    NETWORKDAYS would count backwards, the workbook never asks it to)."""
    if end < start:
        return 0
    off = {d for d in holidays if start <= d <= end and d.weekday() < 5}
    total = (end - start).days + 1
    weeks, extra = divmod(total, 7)
    days = weeks * 5
    for n in range(extra):
        if (start.weekday() + n) % 7 < 5:
            days += 1
    return days - len(off)


def plan_working_days(year: int, first_month: int, holidays: Iterable[dt.date]) -> list[int]:
    """Working days of each of the 12 plan months."""
    hol = list(holidays)
    return [
        working_days(month_start(year, first_month, m), month_end(year, first_month, m), hol)
        for m in range(1, MONTHS + 1)
    ]


def weekly(monthly: object, days: int) -> float | None:
    """A monthly volume per working week of that month: ``monthly / (days / 5)``; blank when the
    month has no working day or the volume is blank."""
    if monthly is None or isinstance(monthly, bool) or not isinstance(monthly, (int, float)) or days <= 0:
        return None
    return monthly / (days / 5)


def working_weeks(days: Sequence[int]) -> float:
    """Working weeks in a run of months: their working days / 5."""
    return sum(days) / 5
