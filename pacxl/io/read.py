"""Read what French finance and CRM tools export: CSV, XLSX/XLSM/XLS and ODS, as rows of cells.

Everything here is about *reading* conventions, not about what a budget or a customer list means
(that is :mod:`pacxl.io.budget`, :mod:`pacxl.io.actuals`, :mod:`pacxl.io.customers`):

* :func:`read_table` opens a path or a file-like object and returns a :class:`RawTable`: every
  non-blank row with the line (CSV) or row (spreadsheet) number the user sees in their file.
  CSV: UTF-8 with or without BOM (UTF-16 with BOM too), else Windows-1252, never a silent
  latin-1; the separator (``;`` ``,`` tab ``|``) is sniffed and the column count checked on every
  row. Spreadsheets are read with python-calamine after a zip-bomb and XML-entity check.
* :func:`parse_number`, :func:`parse_amount`: decimal comma, thousands separated by space,
  no-break space, narrow no-break space, dot or apostrophe, € / EUR / %, and negatives written
  ``-1 234,56``, ``(1 234,56)`` or ``1 234,56-``.
* :func:`parse_month` and :func:`month_of_header`: dd/mm/yyyy (day first, always), mm/yyyy,
  yyyy-mm, Excel serial numbers, French and English month names and abbreviations.
* :func:`match_headers`: headers matched ignoring case, accents, spaces and punctuation, with
  French and English synonyms and qualifiers (``Montant TTC``, ``Budget 2027``, ``CA HT 2026``),
  and ``--map "Source column=field"`` for anything else.

Cell values are ``str`` (CSV, spreadsheet text), ``float``/``int``, ``bool``,
``datetime.date``/``datetime.datetime`` (spreadsheets) or ``None`` (blank).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import functools
import io
import math
import os
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterable, Sequence, Union

from ..errors import FileFormatError, InputError

Source = Union[str, os.PathLike, IO[bytes], IO[str]]

#: Separators a CSV may use, in order of preference when two fit equally well.
SEPARATORS = (";", "\t", ",", "|")
SEPARATOR_NAMES = {";": "semicolon", ",": "comma", "\t": "tab", "|": "pipe"}
#: Spreadsheet formats python-calamine reads.
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
#: Rows looked at to sniff a separator and to find the header row.
SNIFF_ROWS = 200
HEADER_SCAN_ROWS = 30

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

    @property
    def line_word(self) -> str:
        return "line" if self.format == "csv" else "row"

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


def _display_name(source: Source, name: str | None) -> str:
    if name:
        return name
    if isinstance(source, (str, os.PathLike)):
        return Path(source).name
    return Path(str(getattr(source, "name", "") or "input")).name


def read_table(source: Source, *, sheet: str | None = None, name: str | None = None) -> RawTable:
    """Read a CSV or spreadsheet file (path or file-like object) into a :class:`RawTable`.

    ``sheet`` picks a spreadsheet's sheet by name (default: the first sheet with data). ``name``
    is the file name shown in messages (default: the path's name). Raises
    :class:`~pacxl.errors.FileFormatError` for anything that cannot be read, with a one-line
    message naming the file.
    """
    label = _display_name(source, name)
    data = _read_bytes(source, label)
    if not data.strip(b" \t\r\n\x00"):
        raise FileFormatError(f"{label}: the file is empty")
    if data[:4] == b"PK\x03\x04":
        return _read_spreadsheet(data, label, sheet)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # OLE2: Excel 97-2003 .xls
        return _read_spreadsheet(data, label, sheet, zipped=False)
    suffix = Path(label).suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        raise FileFormatError(
            f"{label}: not a {suffix[1:].upper()} file (damaged, or another format renamed); "
            "save it again from your spreadsheet, or export it as CSV"
        )
    if sheet is not None:
        raise InputError(f"{label}: --sheet only applies to spreadsheets, not to CSV files")
    return _read_csv(data, label)


def _read_bytes(source: Source, label: str) -> bytes:
    if isinstance(source, (str, os.PathLike)):
        p = Path(source)
        if p.is_dir():
            raise InputError(f"{label}: is a folder, not a file")
        try:
            return p.read_bytes()
        except FileNotFoundError:
            raise InputError(f"{label}: no such file") from None
    data = source.read()
    if isinstance(data, str):
        return data.encode("utf-8")
    return bytes(data)


# --------------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------------


def decode_text(data: bytes, label: str) -> tuple[str, str]:
    """The text of a CSV file and its encoding: UTF-8 (BOM or not), UTF-16 with BOM, or cp1252.

    Latin-1 is never assumed: it would silently turn cp1252's € (0x80) into a control character.
    """
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        if encoding != "utf-8":
            raise FileFormatError(f"{label}: damaged text, not valid {encoding.upper()}") from None
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as exc:
            raise FileFormatError(
                f"{label}: not a text file in UTF-8 or Windows-1252 (byte 0x{data[exc.start]:02x} "
                f"at offset {exc.start}); export it again as CSV UTF-8"
            ) from None
        _refuse_mixed_encodings(data, text, label)
    if "\x00" in text:
        raise FileFormatError(f"{label}: not a CSV file (it holds binary data)")
    return text, encoding


#: What UTF-8 accented letters and € look like once read as Windows-1252 ("é" -> "Ã©", "€" -> "â‚¬").
_UTF8_AS_CP1252 = re.compile("Ã[\u00a0-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030"
                             "\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014"
                             "\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]|â‚¬")


def _refuse_mixed_encodings(data: bytes, text: str, label: str) -> None:
    """A file that is not UTF-8 as a whole but holds UTF-8 accents (lines pasted from two exports)
    would import with "Ã©" for "é": refuse it, naming a line of each kind."""
    found = _UTF8_AS_CP1252.search(text)
    if not found:
        return
    utf8_line = text.count("\n", 0, found.start()) + 1
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            raise FileFormatError(
                f"{label}: mixes two encodings (line {utf8_line} is UTF-8, line {number} is "
                "Windows-1252); export it again as CSV UTF-8"
            ) from None


def _records(text: str, sep: str, limit: int | None = None) -> Iterable[tuple[int, list[str]]]:
    """CSV records with the line number each starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, quotechar='"', strict=False)
    start = 1
    n = 0
    try:
        for record in reader:
            yield start, record
            start = reader.line_num + 1
            n += 1
            if limit is not None and n >= limit:
                return
    except csv.Error as exc:
        raise FileFormatError(f"line {reader.line_num + 1}: {exc}") from None


def _blank(cells: Sequence[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def sniff_separator(text: str, label: str = "input") -> tuple[str, int]:
    """The separator of a CSV text and its column count.

    Each candidate splits the first rows; the one giving the same number (> 1) of columns to the
    most rows wins (ties: the most columns, then ``;`` before tab, ``,`` and ``|``).
    """
    best: tuple | None = None
    for rank, sep in enumerate(SEPARATORS):
        try:
            counts = Counter(len(r) for _, r in _records(text, sep, SNIFF_ROWS) if not _blank(r))
        except FileFormatError:
            continue
        if not counts:
            continue
        width, rows = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        if width < 2:
            continue
        score = (rows, width, -rank)
        if best is None or score > best[0]:
            best = (score, sep, width)
    if best is None:
        raise FileFormatError(
            f"{label}: only one column found; expected columns separated by ; , tab or |"
        )
    return best[1], best[2]


def _read_csv(data: bytes, label: str) -> RawTable:
    text, encoding = decode_text(data, label)
    sep, width = sniff_separator(text, label)
    rows: list[tuple[int, list[Any]]] = []
    seen_full = False
    try:
        for line, record in _records(text, sep):
            if _blank(record):
                continue
            n = len(record)
            if n > width and _blank(record[width:]):
                record, n = record[:width], width  # trailing empty fields some tools add
            if n != width:
                if not seen_full and n < width:
                    rows.append((line, record + [""] * (width - n)))  # a title above the header
                    continue
                raise FileFormatError(
                    f"{label}, line {line}: {n} columns where the file has {width} "
                    f"(separator: {SEPARATOR_NAMES[sep]}); check the quotes and separators of this line"
                )
            seen_full = True
            rows.append((line, [clean_text(c) for c in record]))
    except FileFormatError as exc:
        msg = str(exc)
        raise FileFormatError(msg if msg.startswith(label) else f"{label}, {msg}") from None
    return RawTable(label, rows, "csv", encoding=encoding, separator=sep)


# --------------------------------------------------------------------------------------------
# Spreadsheets (python-calamine)
# --------------------------------------------------------------------------------------------


@contextlib.contextmanager
def _rust_panics_silenced():
    """Keep a Rust panic inside calamine (damaged .xls/.xlsx) from printing its message and
    backtrace on the user's terminal: stderr's file descriptor points at /dev/null meanwhile.
    The panic itself arrives as ``pyo3_runtime.PanicException`` and becomes a one-line error."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
        devnull = os.open(os.devnull, os.O_WRONLY)
    except (OSError, AttributeError, ValueError):  # no usable stderr (pythonw): nothing to hide
        yield
        return
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def _read_spreadsheet(data: bytes, label: str, sheet: str | None, zipped: bool = True) -> RawTable:
    from python_calamine import CalamineWorkbook

    from .save import check_zip

    fmt = Path(label).suffix.lower().lstrip(".") or "xlsx"
    if zipped:
        members = check_zip(io.BytesIO(data), label)
        if "content.xml" in members and "xl/workbook.xml" not in members:
            fmt = "ods"
        elif "xl/workbook.xml" not in members and "xl/workbook.bin" not in members:
            raise FileFormatError(f"{label}: a zip file, but not an XLSX or ODS spreadsheet")
    elif fmt not in ("xls",):
        fmt = "xls"
    try:
        with _rust_panics_silenced():
            wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(wb.sheet_names)
        if sheet is not None:
            if sheet not in names:
                raise InputError(
                    f'{label}: no sheet "{sheet}"; sheets: ' + ", ".join(f'"{n}"' for n in names)
                )
            chosen = [sheet]
        else:
            chosen = names
        for title in chosen:
            with _rust_panics_silenced():
                found = wb.get_sheet_by_name(title).iter_rows()
                rows = [(i, [clean_cell(v) for v in cells]) for i, cells in enumerate(found, start=1)
                        if not _blank(cells)]
            if rows or sheet is not None:
                break
        else:
            raise FileFormatError(f"{label}: no data in any sheet")
    except (InputError, FileFormatError, KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # calamine's errors, and Rust panics: pyo3's PanicException is
        # a BaseException, which `except Exception` lets through as a traceback
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        if type(exc).__name__ == "PanicException":
            detail = "damaged file"
        raise FileFormatError(f"{label}: cannot be read as a spreadsheet ({detail})") from None
    if not rows:
        raise FileFormatError(f'{label}: sheet "{title}" is empty')
    return RawTable(label, rows, fmt, sheet=title if len(names) > 1 else None)


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


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------

_SPACES = "\u0020\u00a0\u202f\u2009\u2007\u2008\u200a"
_APOSTROPHES = "'\u2019\u02bc"
_MINUS = "-\u2212\u2013"
_CURRENCY_HEAD = re.compile(r"^(€|eur(os?)?(?![a-z]))", re.IGNORECASE)
_CURRENCY_TAIL = re.compile(r"(€|(?<![a-z])eur(os?)?)$", re.IGNORECASE)
_SCI_RE = re.compile(r"^\d+(\.\d+)?[eE][+-]?\d+$")


_PLAIN_RE = re.compile("(-?\\d{1,3}(?:[ \u00a0\u202f]\\d{3})+|-?\\d+)((?:,\\d+)?)")
_BAD_GROUP_RE = re.compile(r"_(?!\d{3}(?!\d))|(?<!\d)_")
_NO_SPACES = {ord(c): None for c in " \u00a0\u202f"}


class NotANumber(ValueError):
    """The text is not a number (the caller names the row, column and value)."""


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
        m = re.search(r"([.,])(\d*)\D*$", s)
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
    thousands (``12.500`` is 12500), any other lone dot is decimal. ``%`` divides by 100.
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
    m = _PLAIN_RE.fullmatch(s)  # the common case, "-1 234,56" or "1234.5", without the slow path
    if m and (decimal is None or decimal == m.group(2)[:1] or not m.group(2)):
        digits = m.group(1).translate(_NO_SPACES)
        return float(f"{digits}.{m.group(2)[1:]}" if m.group(2) else digits)
    negative = False
    percent = False
    for _ in range(6):  # signs, brackets, currency and % may wrap each other: "(-1 234 €)"
        s = s.strip(_SPACES)
        if s.startswith("(") and s.endswith(")"):
            negative, s = not negative, s[1:-1]
            continue
        if s and s[0] in _MINUS:
            negative, s = not negative, s[1:]
            continue
        if s and s[-1] in _MINUS:
            negative, s = not negative, s[:-1]
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
        if not s or not re.fullmatch(r"[0-9.,]+", s) or not re.search(r"\d", s):
            raise NotANumber(value)
        has_c, has_d = "," in s, "." in s
        if has_c and has_d:
            dec = "," if s.rfind(",") > s.rfind(".") else "."
            thou = "." if dec == "," else ","
            head, _, tail = s.rpartition(dec)
            if thou not in head or not _grouped(head, thou) or not tail.isdigit():
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
                    thousands = mark == "." and len(tail) == 3 and 1 <= len(head) <= 3
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


# --------------------------------------------------------------------------------------------
# Months and dates
# --------------------------------------------------------------------------------------------

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


@functools.lru_cache(maxsize=4096)  # a long export repeats the same few hundred dates
def _month_of_text(value: str) -> tuple[int | None, int]:
    s = value.strip()
    s = re.sub(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$", "", s).strip()  # a time of day
    m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})", s)
    if m:
        day, month, year = int(m.group(1)), int(m.group(2)), _year(m.group(3))
        _check_date(year, month, day, value)
        return year, month
    m = re.fullmatch(r"(\d{4})[/.\-](\d{1,2})(?:[/.\-](\d{1,2}))?", s)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        _check_date(year, month, int(m.group(3) or 1), value)
        return year, month
    m = re.fullmatch(r"(\d{1,2})[/.\-](\d{4})", s)
    if m:
        year, month = int(m.group(2)), int(m.group(1))
        _check_date(year, month, 1, value)
        return year, month
    if re.fullmatch(r"\d+(\.0+)?", s):
        return _month_of_number(float(s))
    tokens = _tokens(s)
    month = year = None
    for t in tokens:
        if month is None and t in _MONTH_WORDS:
            month = _MONTH_WORDS[t]
        elif year is None and re.fullmatch(r"\d{4}|\d{2}", t) and month is not None:
            year = _year(t)
        elif year is None and re.fullmatch(r"(19|20|21)\d{2}", t):
            year = int(t)
        else:
            raise NotAMonth(value)
    if month is None:
        raise NotAMonth(value)
    return year, month


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
    m = re.fullmatch(r"(?:.*\b)?[mM](\d{1,2})", text)
    if m and 1 <= int(m.group(1)) <= 12 and not re.search(r"\d[/.\-]", text):
        return None, None, int(m.group(1))
    try:
        year, month = parse_month(text)
        if re.fullmatch(r"\d+(\.0+)?", text) and year is None:
            return None  # a bare "3" is not a month header
        return year, month, None
    except NotAMonth:
        pass
    tokens = [t for t in _tokens(text) if t not in _HEADER_NOISE]
    if not tokens or not any(t in _MONTH_WORDS for t in tokens):
        m = re.search(r"(\d{1,2})[/.\-](\d{4})|(\d{4})[/.\-](\d{1,2})", text)
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


# --------------------------------------------------------------------------------------------
# Headers
# --------------------------------------------------------------------------------------------

#: Header words that qualify a field without changing it ("Montant TTC", "CA HT 2026").
QUALIFIERS = {
    "ht", "ttc", "hors", "taxe", "taxes", "tva", "eur", "euro", "euros", "k", "keur", "en", "n",
    "annuel", "annuelle", "annee", "year", "yearly", "de", "du", "des", "la", "le", "les", "d",
    "l", "the", "of",
}


@dataclass(frozen=True)
class Field:
    """A field an importer understands, with the header words (either language) that name it."""

    key: str
    synonyms: tuple[str, ...]
    label: str = ""  # how messages name the field (default: the key)

    def names(self) -> set[str]:
        return {normalize(s) for s in (self.key, *self.synonyms)}

    def short_names(self) -> set[str]:
        return {_stripped(s) for s in (self.key, *self.synonyms)} - {""}


def _stripped(header: str) -> str:
    tokens = [t for t in _tokens(header) if t not in QUALIFIERS and not re.fullmatch(r"(19|20)\d{2}|n\d?", t)]
    return "".join(tokens)


@dataclass
class HeaderMatch:
    """Which column holds which field, and which columns hold months (wide layouts)."""

    header_line: int
    headers: list[str]
    fields: dict[str, int] = field(default_factory=dict)  # field key -> column index
    months: dict[int, int] = field(default_factory=dict)  # column index -> plan month (wide)
    month_cols: dict[int, tuple[int | None, int | None, int | None]] = field(default_factory=dict)
    ignored: list[int] = field(default_factory=list)

    def column(self, key: str) -> str:
        return self.headers[self.fields[key]]


def parse_mapping(items: Iterable[str] | dict[str, str] | None) -> dict[str, str]:
    """``["Source column=field", ...]`` as a dict; ``field`` may be ``ignore`` (or empty)."""
    if not items:
        return {}
    if isinstance(items, dict):
        return {str(k).strip(): str(v).strip() for k, v in items.items()}
    out: dict[str, str] = {}
    for item in items:
        if "=" not in item:
            raise InputError(f'--map "{item}": write it "Source column=field"')
        src, _, dst = item.rpartition("=")
        if not src.strip():
            raise InputError(f'--map "{item}": the source column is empty')
        out[src.strip()] = dst.strip()
    return out


def field_of_header(header: str, fields: Sequence[Field]) -> str | None:
    """The field a header names (exact names first, then without qualifiers), else None."""
    full = normalize(header)
    if not full:
        return None
    for f in fields:
        if full in f.names():
            return f.key
    short = _stripped(header)
    if short:
        for f in fields:
            if short in f.names() or short in f.short_names():
                return f.key
    return None


def match_headers(
    headers: Sequence[Any],
    fields: Sequence[Field],
    *,
    mapping: dict[str, str] | None = None,
    months: bool = False,
    where: str = "",
    header_line: int = 1,
) -> HeaderMatch:
    """Find each field's column (``mapping`` first: ``{"Source column": "field"}``), and with
    ``months`` the month columns of a wide layout. Two columns for one field is an error."""
    texts = [as_text(h) for h in headers]
    result = HeaderMatch(header_line, texts)
    keys = {f.key for f in fields}
    mapping = dict(mapping or {})
    by_norm = {}
    for i, t in enumerate(texts):
        if t:
            by_norm.setdefault(normalize(t), i)
    mapped: set[int] = set()
    for src, dst in mapping.items():
        i = texts.index(src) if src in texts else by_norm.get(normalize(src))
        if i is None:
            found = ", ".join(f'"{t}"' for t in texts if t)
            raise InputError(f'{where}: --map "{src}={dst}": no column "{src}" (columns found: {found})')
        mapped.add(i)
        d = normalize(dst)
        if d in ("", "ignore", "ignorer", "skip"):
            result.ignored.append(i)
            continue
        if d in keys:
            key = next(k for k in keys if normalize(k) == d)
            result.fields[key] = i
            continue
        if months:
            mh = month_of_header(dst)
            if mh is not None:
                result.month_cols[i] = mh
                continue
        expected = ", ".join(f.key for f in fields) + (", m01..m12 or a month name" if months else "")
        raise InputError(f'{where}: --map "{src}={dst}": unknown field "{dst}" (fields: {expected})')
    candidates: dict[str, list[tuple[int, bool]]] = {}
    for i, t in enumerate(texts):
        if i in mapped or not t:
            continue
        key = field_of_header(t, fields)
        if key is not None and key not in result.fields:
            exact = normalize(t) in next(f for f in fields if f.key == key).names()
            candidates.setdefault(key, []).append((i, exact))
            continue
        if months and key is None:
            mh = month_of_header(t)
            if mh is not None:
                result.month_cols[i] = mh
    for key, cols in candidates.items():
        exact = [i for i, e in cols if e]
        pick = exact if exact else [i for i, _ in cols]
        if len(pick) > 1:
            names = " and ".join(f'"{texts[i]}"' for i in pick)
            raise InputError(
                f'{where}: columns {names} both look like the field "{key}"; '
                f'say which with --map "{texts[pick[0]]}={key}" --map "{texts[pick[1]]}=ignore"'
            )
        result.fields[key] = pick[0]
    return result


def find_header(
    table: RawTable, fields: Sequence[Field], mapping: dict[str, str] | None = None, months: bool = False
) -> tuple[int, int]:
    """``(index in table.rows, score)`` of the header row: among the first rows, the one naming the
    most fields (mapped source columns and month headers count too); the first row when none does."""
    best = (0, -1)
    mapped = {normalize(k) for k in (mapping or {})}
    for idx, (_, cells) in enumerate(table.rows[:HEADER_SCAN_ROWS]):
        score = 0
        for c in cells:
            if c is None or isinstance(c, (int, float)) and not isinstance(c, bool):
                continue
            t = as_text(c)
            if normalize(t) in mapped or field_of_header(t, fields):
                score += 2
            elif months and month_of_header(c) is not None:
                score += 1
        if score > best[1]:
            best = (idx, score)
    return best
