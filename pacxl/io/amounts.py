"""Numbers as French (and English) finance tools write them: see :func:`parse_number`."""

from __future__ import annotations

import math
import re
from typing import Any, Iterable

_SPACES = "\u0020\u00a0\u202f\u2009\u2007\u2008\u200a"
_APOSTROPHES = "'\u2019\u02bc"
_MINUS = "-\u2212\u2013"
_CURRENCY_HEAD = re.compile(r"^(€|eur(os?)?(?![a-z]))", re.IGNORECASE)
_CURRENCY_TAIL = re.compile(r"(€|(?<![a-z])eur(os?)?)$", re.IGNORECASE)
_SCI_RE = re.compile(r"^[0-9]+(\.[0-9]+)?[eE][+-]?[0-9]+$")


_PLAIN_RE = re.compile("(-?[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+|-?[0-9]+)((?:,[0-9]+)?)")
_BAD_GROUP_RE = re.compile(r"_(?![0-9]{3}(?![0-9]))|(?<![0-9])_")
_NO_SPACES = {ord(c): None for c in " \u00a0\u202f"}


class NotANumber(ValueError):
    """The text is not a number (the caller names the row, column and value)."""


def foreign_digits(text: str) -> bool:
    """True when ``text`` holds a digit other than 0-9 ("１２３", "٣", "²"): every parser refuses
    them (a number or a date is written in ASCII digits), rather than read some and not others."""
    return any(c.isdigit() and not c.isascii() for c in text)


def sniff_decimal(values: Iterable[Any]) -> str | None:
    """The decimal mark a column's texts use (``,`` or ``.``), or None when none tells.

    A comma followed by other than exactly three digits, or a dot followed by other than three
    digits, or both marks in one value (the last one is the decimal mark) settle it.
    """
    for v in values:
        if not isinstance(v, str):
            continue
        s = re.sub(f"[{_SPACES}{_APOSTROPHES}€%]|eur", "", v.lower())
        has_c, has_d = "," in s, "." in s
        if has_c and has_d:
            return "," if s.rfind(",") > s.rfind(".") else "."
        m = re.search(r"([.,])([0-9]*)[^0-9]*$", s)
        if m and s.count(m.group(1)) == 1 and len(m.group(2)) != 3:
            return m.group(1)
    return None


def _grouped(digits: str, sep: str) -> bool:
    parts = digits.split(sep)
    return 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])


def parse_number(value: Any, decimal: str | None = None, *, percent_ok: bool = True) -> float | None:
    """The number in a cell, or None for a blank; :class:`NotANumber` otherwise.

    ``decimal`` is the column's decimal mark when known (see :func:`sniff_decimal`); without it a
    lone comma is decimal (French) and a lone dot followed by exactly three digits separates
    thousands (``12.500`` is 12500; ``0.500`` is 0.5), any other lone dot is decimal. ``%`` divides
    by 100. Digits are ASCII only (see :func:`foreign_digits`).
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise NotANumber(value)
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise NotANumber(value)
        return float(value)
    if not isinstance(value, str):
        raise NotANumber(value)
    s = value.strip()
    if not s:
        return None
    if foreign_digits(s):
        raise NotANumber(value)
    m = _PLAIN_RE.fullmatch(s)  # the common case, "-1 234,56" or "1234.5", without the slow path
    if m and (decimal is None or decimal == m.group(2)[:1] or not m.group(2)):
        digits = m.group(1).translate(_NO_SPACES)
        number = float(f"{digits}.{m.group(2)[1:]}" if m.group(2) else digits)
        if not math.isfinite(number):  # 400 digits
            raise NotANumber(value)
        return number
    negative = False
    percent = False
    for _ in range(6):  # signs, brackets, currency and % may wrap each other: "(1 234 €)"
        s = s.strip(_SPACES)
        # one negative mark at most: "(-500)" or "--300" is a typing or export error, not +500
        if s.startswith("(") and s.endswith(")"):
            if negative:
                raise NotANumber(value)
            negative, s = True, s[1:-1]
            continue
        if s and s[0] in _MINUS:
            if negative:
                raise NotANumber(value)
            negative, s = True, s[1:]
            continue
        if s and s[-1] in _MINUS:
            if negative:
                raise NotANumber(value)
            negative, s = True, s[:-1]
            continue
        if s.startswith("+"):
            s = s[1:]
            continue
        if s.endswith("%"):
            percent, s = True, s[:-1]
            continue
        m = _CURRENCY_HEAD.match(s) or _CURRENCY_TAIL.search(s)
        if m:
            s = s[: m.start()] + s[m.end():]
            continue
        break
    s = s.strip(_SPACES)
    if percent and not percent_ok:
        raise NotANumber(value)
    for ch in _SPACES + _APOSTROPHES:
        s = s.replace(ch, "_")
    if _BAD_GROUP_RE.search(s):  # "1 23": a space or apostrophe separates groups of three digits
        raise NotANumber(value)
    s = s.replace("_", "")
    if _SCI_RE.match(s):
        number = float(s)
    else:
        if not s or not re.fullmatch(r"[0-9.,]+", s) or not re.search(r"[0-9]", s):
            raise NotANumber(value)
        has_c, has_d = "," in s, "." in s
        if has_c and has_d:
            dec = "," if s.rfind(",") > s.rfind(".") else "."
            thou = "." if dec == "," else ","
            head, _, tail = s.rpartition(dec)
            # "1.1,2.345,67": the decimal mark again before the last one is no number either
            if dec in head or thou not in head or not _grouped(head, thou) or not tail.isdigit():
                raise NotANumber(value)
            s = head.replace(thou, "") + "." + tail
        elif has_c or has_d:
            mark = "," if has_c else "."
            head, _, tail = s.rpartition(mark)
            if s.count(mark) > 1:
                if not _grouped(s, mark):
                    raise NotANumber(value)
                s = s.replace(mark, "")
            else:
                if decimal is None:
                    # "0.500" is half a unit (k€), not 500: no group of thousands starts with 0
                    thousands = mark == "." and len(tail) == 3 and 1 <= len(head) <= 3 and head[0] != "0"
                else:
                    thousands = mark != decimal
                if thousands:
                    if not _grouped(s, mark):
                        raise NotANumber(value)
                    s = s.replace(mark, "")
                else:
                    if not head and not tail:
                        raise NotANumber(value)
                    s = (head or "0") + "." + (tail or "0")
        number = float(s)
    if not math.isfinite(number):  # "1e400", or 400 digits: beyond what a float holds
        raise NotANumber(value)
    if percent:
        number /= 100
    return -number if negative else number


def parse_amount(value: Any, decimal: str | None = None) -> float | None:
    """An amount (no % sign): see :func:`parse_number`."""
    return parse_number(value, decimal, percent_ok=False)


def format_amount(x: float) -> str:
    """``1 234,56``: an amount in messages, French style."""
    s = f"{x:,.2f}".replace(",", "\u202f").replace(".", ",")
    return s


_COMMA_THREE_RE = re.compile(r"\(?[-+\u2212]?\(?[0-9]{1,3},[0-9]{3}\)?[-\u2212]?\s*(€|eur|%)?\)?", re.IGNORECASE)


def comma_three_digits(values: Iterable[Any]) -> str | None:
    """The first text of a column whose every text value has exactly three digits after a lone
    comma ("1,200", "12,500"), else None: read as decimals (1.2), they may be English thousands."""
    first = None
    for v in values:
        if not isinstance(v, str) or not v.strip():
            continue
        if not _COMMA_THREE_RE.fullmatch(v.strip().replace(" ", "")):
            return None
        first = first or v.strip()
    return first
