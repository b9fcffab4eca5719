"""CSV files: encoding, separator, records (see :func:`read_csv`)."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from typing import Any, Iterable

from ..errors import FileFormatError
from .cells import RawTable, _blank, clean_text

#: Separators a CSV may use, in order of preference when two fit equally well.
SEPARATORS = (";", "\t", ",", "|")
SEPARATOR_NAMES = {";": "semicolon", ",": "comma", "\t": "tab", "|": "pipe"}
#: Rows looked at to sniff a separator.
SNIFF_ROWS = 200



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
