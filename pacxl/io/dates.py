"""Whole dates (a day, not only a month) in CRM exports: see :func:`parse_date`.

French conventions first: ``dd/mm/yyyy`` (``-`` and ``.`` too), ``yyyy-mm-dd``, a time of day
ignored, Excel serial numbers, and dates written with a month name (``20 nov. 2026``,
``Nov 20, 2026``, ``20 November 2026``). An English export writing ``mm/dd/yyyy`` is recognised by
its column (:func:`month_first`): when one of its dates cannot be day first (``11/20/2026``), the
whole column is read month first.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any, Iterable

from .amounts import foreign_digits
from .cells import _tokens
from .months import EXCEL_EPOCH, SERIAL_MAX, SERIAL_MIN, month_word


class NotADate(ValueError):
    """The value is not a date."""


_TIME = re.compile(r"[ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?( ?[AaPp][Mm])?(Z|[+-][0-9]{2}:?[0-9]{2})?$")
_NUMERIC = re.compile(r"([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4}|[0-9]{2})")
_ISO = re.compile(r"([0-9]{4})[/.\-]([0-9]{1,2})[/.\-]([0-9]{1,2})")


def _year(text: str) -> int:
    y = int(text)
    return y + 2000 if len(text) == 2 else y


def _make(year: int, month: int, day: int, value: Any) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise NotADate(value) from None


def month_first(values: Iterable[Any]) -> bool:
    """True when a column's ``a/b/yyyy`` dates are month first: one of them has ``b`` above 12
    and none has ``a`` above 12 (else day first, the French convention)."""
    day_first_only = month_first_only = False
    for v in values:
        if not isinstance(v, str):
            continue
        m = _NUMERIC.fullmatch(_TIME.sub("", v.strip()).strip())
        if not m:
            continue
        a, b = int(m.group(1)), int(m.group(2))
        day_first_only |= a > 12
        month_first_only |= b > 12
    return month_first_only and not day_first_only


def parse_date(value: Any, *, us: bool = False) -> dt.date | None:
    """The date in a cell, None for a blank; :class:`NotADate` otherwise (``us``: ``a/b/yyyy``
    is month first, see :func:`month_first`)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise NotADate(value)
    if isinstance(value, (int, float)):
        if not math.isfinite(value) or not SERIAL_MIN <= value <= SERIAL_MAX:
            raise NotADate(value)
        return EXCEL_EPOCH + dt.timedelta(days=int(math.floor(value)))
    if not isinstance(value, str):
        raise NotADate(value)
    s = value.strip()
    if not s:
        return None
    if foreign_digits(s):
        raise NotADate(value)
    s = _TIME.sub("", s).strip()
    m = _NUMERIC.fullmatch(s)
    if m:
        a, b, year = int(m.group(1)), int(m.group(2)), _year(m.group(3))
        return _make(year, a, b, value) if us else _make(year, b, a, value)
    m = _ISO.fullmatch(s)
    if m:
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)), value)
    if re.fullmatch(r"[0-9]+(\.[0-9]+)?", s):
        return parse_date(float(s))
    return _worded(s, value)


def _worded(s: str, value: Any) -> dt.date:
    """``20 nov. 2026``, ``Nov 20, 2026``, ``mardi 20 novembre 2026``: a day, a month word, a year."""
    day = month = year = None
    for t in _tokens(s):
        if t.isdigit():
            if len(t) == 4 and year is None:
                year = int(t)
            elif len(t) <= 2 and day is None:
                day = int(t)
            elif len(t) == 2 and year is None:
                year = _year(t)
            else:
                raise NotADate(value)
        elif re.fullmatch(r"([0-9]{1,2})(st|nd|rd|th|er)", t) and day is None:
            day = int(re.match(r"[0-9]+", t).group(0))
        elif month_word(t) is not None and month is None:
            month = month_word(t)
        elif t in _WEEKDAYS:
            continue
        else:
            raise NotADate(value)
    if day is None or month is None or year is None:
        raise NotADate(value)
    return _make(year, month, day, value)


_WEEKDAYS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "lun", "mar", "mer",
             "jeu", "ven", "sam", "dim", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
             "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun"}
