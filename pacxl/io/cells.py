"""Cells as the parsers see them, and the table of cells a file is read into.

Cell values are ``str`` (CSV, spreadsheet text), ``float``/``int``, ``bool``,
``datetime.date``/``datetime.datetime`` (spreadsheets) or ``None`` (blank).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Sequence

# Characters openpyxl refuses in a cell (XML 1.0 forbids them); tab, LF and CR are allowed.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# --------------------------------------------------------------------------------------------
# The table read from a file
# --------------------------------------------------------------------------------------------


@dataclass
class RawTable:
    """The non-blank rows of one sheet or CSV file, each with the number the user sees."""

    name: str  # file name, as shown in messages
    rows: list[tuple[int, list[Any]]]  # (line or row number, cells)
    format: str  # "csv" or the spreadsheet suffix without the dot
    sheet: str | None = None  # sheet read (spreadsheets with several sheets only)
    encoding: str | None = None  # CSV only
    separator: str | None = None  # CSV only
    sheet_read: str | None = None  # spreadsheets: the sheet read, named in the summary
    hidden_skipped: list[str] = field(default_factory=list)  # hidden sheets passed over
    #: the header is the first row, whatever the rows below hold (a DataFrame's columns)
    header_fixed: bool = False

    @property
    def line_word(self) -> str:
        return {"csv": "line", "dataframe": "index"}.get(self.format, "row")

    def where(self, line: int | None = None, column: str | None = None) -> str:
        """``budget.csv, line 7, column "Montant"``: the place of a message."""
        parts = [self.name]
        if self.sheet:
            parts.append(f'sheet "{self.sheet}"')
        if line is not None:
            parts.append(f"{self.line_word} {line}")
        if column is not None:
            parts.append(f'column "{column}"')
        return ", ".join(parts)


class RowLabel(int):
    """A DataFrame row as the importers count it (its position from 1: an ``int``) and as their
    messages show it (its index label)."""

    label: str

    def __new__(cls, position: int, label: str) -> "RowLabel":
        obj = super().__new__(cls, position)
        obj.label = label
        return obj

    def __str__(self) -> str:
        return self.label

    def __format__(self, spec: str) -> str:
        return format(self.label, spec)

    def __repr__(self) -> str:
        return f"RowLabel({int(self)}, {self.label!r})"

    def __getnewargs__(self) -> tuple[int, str]:  # (copy, pickle)
        return int(self), self.label


def _blank(cells: Sequence[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


# --------------------------------------------------------------------------------------------
# Cells
# --------------------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """Text without the control characters a workbook cannot hold, and without outer spaces."""
    return _CONTROL_RE.sub("", text).strip()


def clean_cell(value: Any) -> Any:
    """A spreadsheet value as the parsers expect it: text cleaned, blanks and NaN as None."""
    if value is None:
        return None
    if isinstance(value, str):
        text = clean_text(value)
        return text or None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dt.timedelta):  # a time of day alone
        return None
    return value


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: Any) -> str:
    """A cell as text; whole floats lose their ``.0`` (codes typed as numbers: 123.0 -> "123")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return clean_text(str(value))


def show(value: Any) -> str:
    """A cell as the user typed it, for messages."""
    return as_text(value) if not isinstance(value, str) else value


def normalize(text: str) -> str:
    """Lowercase ASCII letters and digits only: accents, case, spaces and punctuation ignored."""
    return "".join(_tokens(text))


def _tokens(text: Any) -> tuple[str, ...]:
    return _tokens_of(str(text))


@functools.lru_cache(maxsize=65536)  # labels, categories and dates repeat on every line
def _tokens_of(text: str) -> tuple[str, ...]:
    s = unicodedata.normalize("NFKD", text).lower()
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("œ", "oe").replace("æ", "ae").replace("€", " eur ")
    return tuple(_TOKEN_RE.findall(s))


_TOKEN_RE = re.compile(r"[a-z0-9]+")


#: The error values of Excel and LibreOffice (as their cells show them).
ERROR_VALUES = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "Err:502")


def is_error_value(value: Any) -> bool:
    """True for a spreadsheet's error value (``#DIV/0!``, ``#N/A``...), read from any format."""
    return isinstance(value, str) and value.strip().upper() in _ERROR_UPPER


_ERROR_UPPER = {e.upper() for e in ERROR_VALUES}
