"""Months and dates: see :func:`parse_month` and :func:`month_of_header`."""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from typing import Any

from .amounts import foreign_digits
from .cells import _tokens


_MONTH_WORDS: dict[str, int] = {}
for _num, _words in enumerate(
    (
        "janvier janv jan january",
        "fevrier fevr fev feb february",
        "mars mar march",
        "avril avr apr april",
        "mai may",
        "juin jun june",
        "juillet juil jul july",
        "aout aou aug august",
        "septembre sept sep september",
        "octobre oct october",
        "novembre nov november",
        "decembre dec december",
    ),
    start=1,
):
    for _w in _words.split():
        _MONTH_WORDS[_w] = _num

EXCEL_EPOCH = dt.date(1899, 12, 30)
#: Excel serial numbers accepted as dates: 1950-01-01 .. 2149-12-31.
SERIAL_MIN, SERIAL_MAX = 18264, 91310


class NotAMonth(ValueError):
    """The value is not a month or a date."""


def month_word(token: str) -> int | None:
    """1..12 for a French or English month name or abbreviation (normalized token), else None."""
    return _MONTH_WORDS.get(token)


def _year(text: str) -> int:
    y = int(text)
    return y + 2000 if len(text) == 2 else y


def parse_month(value: Any) -> tuple[int | None, int]:
    """``(year or None, calendar month)`` of a cell holding a month or a date.

    Accepted: dates (spreadsheets), Excel serial numbers, dd/mm/yyyy (day first, always; ``-``
    and ``.`` too, time of day ignored), mm/yyyy, yyyy-mm, yyyy-mm-dd, a month number 1-12,
    French and English month names and abbreviations with or without a year ("janv. 2027",
    "Sept.", "févr-27").
    """
    if isinstance(value, dt.datetime):
        return value.year, value.month
    if isinstance(value, dt.date):
        return value.year, value.month
    if isinstance(value, bool) or value is None:
        raise NotAMonth(value)
    if isinstance(value, (int, float)):
        return _month_of_number(value)
    if not isinstance(value, str):
        raise NotAMonth(value)
    return _month_of_text(value)


def _month_of_text_uncached(value: str) -> tuple[int | None, int]:
    s = value.strip()
    if foreign_digits(s):  # "１２/２０２７": ASCII digits only, as for amounts
        raise NotAMonth(value)
    s = re.sub(r"[ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?$", "", s).strip()  # a time of day
    m = re.fullmatch(r"([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4}|[0-9]{2})", s)
    if m:
        day, month, year = int(m.group(1)), int(m.group(2)), _year(m.group(3))
        _check_date(year, month, day, value)
        return year, month
    m = re.fullmatch(r"([0-9]{4})[/.\-]([0-9]{1,2})(?:[/.\-]([0-9]{1,2}))?", s)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        _check_date(year, month, int(m.group(3) or 1), value)
        return year, month
    m = re.fullmatch(r"([0-9]{1,2})[/.\-]([0-9]{4})", s)
    if m:
        year, month = int(m.group(2)), int(m.group(1))
        _check_date(year, month, 1, value)
        return year, month
    if re.fullmatch(r"[0-9]+(\.0+)?", s):
        try:
            return _month_of_number(float(s))
        except NotAMonth:
            raise NotAMonth(value) from None  # the text as typed, for the message
    tokens = _tokens(s)
    month = year = None
    for t in tokens:
        if month is None and t in _MONTH_WORDS:
            month = _MONTH_WORDS[t]
        elif year is None and re.fullmatch(r"[0-9]{4}|[0-9]{2}", t) and month is not None:
            year = _year(t)
        elif year is None and re.fullmatch(r"(19|20|21)[0-9]{2}", t):
            year = int(t)
        else:
            raise NotAMonth(value)
    if month is None:
        raise NotAMonth(value)
    return year, month


# A long export repeats the same few hundred dates. (Cached by assignment, not with a decorator:
# mutation testing (docs/mutation.md) mutates only undecorated functions.)
_month_of_text = functools.lru_cache(maxsize=4096)(_month_of_text_uncached)


def _check_date(year: int, month: int, day: int, value: Any) -> None:
    try:
        dt.date(year, month, day)
    except ValueError:
        raise NotAMonth(value) from None


def _month_of_number(x: float) -> tuple[int | None, int]:
    if not math.isfinite(x) or x != int(x):
        if SERIAL_MIN <= x <= SERIAL_MAX:  # a serial with a time of day
            x = math.floor(x)
        else:
            raise NotAMonth(x)
    n = int(x)
    if 1 <= n <= 12:
        return None, n
    if SERIAL_MIN <= n <= SERIAL_MAX:
        d = EXCEL_EPOCH + dt.timedelta(days=n)
        return d.year, d.month
    raise NotAMonth(x)


_HEADER_NOISE = {
    "budget", "montant", "montants", "prevu", "prevus", "previsionnel", "plan", "planned",
    "amount", "amounts", "ht", "ttc", "eur", "euro", "euros", "reel", "reels", "realise",
    "realises", "actual", "actuals", "mois", "month", "de", "du", "d", "of", "en", "in",
}


def month_of_header(header: Any) -> tuple[int | None, int | None, int] | None:
    """``(year or None, calendar month or None, plan month or None)`` of a month column header.

    ``M01``..``M12`` (the workbook's own headers, possibly qualified) are plan months; dates,
    ``01/2027``, ``2027-01``, month names ("Janv. 2027", "Budget février") are calendar months.
    Returns None when the header names no month.
    """
    if isinstance(header, (dt.date, dt.datetime)):
        return header.year, header.month, None
    if header is None or isinstance(header, (bool, int, float)):
        return None
    text = str(header).strip()
    if foreign_digits(text):
        return None
    m = re.fullmatch(r"(?:.*\b)?[mM]([0-9]{1,2})", text)
    if m and 1 <= int(m.group(1)) <= 12 and not re.search(r"[0-9][/.\-]", text):
        return None, None, int(m.group(1))
    try:
        year, month = parse_month(text)
        if re.fullmatch(r"[0-9]+(\.0+)?", text) and year is None:
            return None  # a bare "3" is not a month header
        return year, month, None
    except NotAMonth:
        pass
    tokens = [t for t in _tokens(text) if t not in _HEADER_NOISE]
    if not tokens or not any(t in _MONTH_WORDS for t in tokens):
        m = re.search(r"([0-9]{1,2})[/.\-]([0-9]{4})|([0-9]{4})[/.\-]([0-9]{1,2})", text)
        if not m:
            return None
        try:
            year, month = parse_month(m.group(0))
        except NotAMonth:
            return None
        return year, month, None
    try:
        year, month = parse_month(" ".join(tokens))
    except NotAMonth:
        return None
    return year, month, None


def plan_month(year: int | None, month: int, plan_year: int, first_month: int) -> int:
    """Plan month (1-12) of a calendar month; raises NotAMonth when the year is another one.

    The plan year starts in ``first_month`` of ``plan_year``: with first_month 7 and year 2027,
    July 2027 is plan month 1 and June 2028 plan month 12.
    """
    pm = (month - first_month) % 12 + 1
    if year is not None:
        expected = plan_year if month >= first_month else plan_year + 1
        if year != expected:
            raise NotAMonth((year, month))
    return pm


_MONTH_NAMES = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}


def month_label(year: int | None, month: int, lang: str = "fr") -> str:
    """``janvier 2027`` (``January 2027`` in English): a calendar month in messages."""
    names = _MONTH_NAMES.get(lang, _MONTH_NAMES["fr"])
    return f"{names[month - 1]} {year}" if year else names[month - 1]
