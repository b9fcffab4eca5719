"""Text in cells: the one way pacxl writes a user's or a file's text, and reads it back.

**Text is never a formula.** openpyxl makes any string starting with ``=`` a formula, and Excel
turns a value *typed* as ``=``, ``+``, ``-`` or ``@`` into one. Every cell pacxl fills from a
plan, a source file or another workbook goes through :func:`write_text` (openpyxl) or
:func:`typed_text` (xlwings, where writing a value is typing it), so that it lands as a string
cell holding exactly the text, whatever it starts with.

**OOXML escapes.** In the file, a string is XML text in which Excel and LibreOffice decode
``_xHHHH_`` as the character U+HHHH. A literal ``_x0041_`` must therefore be written
``_x005F_x0041_`` (``_x005F_`` is the underscore); characters XML cannot hold (control
characters, ``U+FFFE``/``U+FFFF``) and the carriage return (which XML turns into a line feed)
are written as their escape, as Excel does. :func:`encode_text` does that; :func:`cell_value`
undoes it when pacxl reads a workbook back (openpyxl leaves the escapes of the strings it wrote
itself undecoded), so text survives any number of read/write rounds unchanged.

Lone surrogates (undecodable bytes of a command-line argument) cannot be stored in a file at
all: they become U+FFFD.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

__all__ = ["Formula", "cell_value", "decode_text", "encode_text", "is_formula", "put",
           "restore_escapes", "typed_text", "write_text"]

# An underscore that Excel would read as the start of an escape (followed by x and 4 hex digits;
# the closing underscore may be the start of the next escape, so it is not required here).
_ESCAPE_START = re.compile(r"_(?=x[0-9A-Fa-f]{4})")
# Characters a string cell cannot hold as they are: XML 1.0's forbidden ones, CR, U+FFFE/F.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# The escapes encode_text writes, and only those: other _xHHHH_ are left as they are (a
# literal typed in Excel reaches pacxl already decoded by openpyxl's shared-string reader).
_DECODED = {f"{ord(ch):04X}" for ch in
            [chr(i) for i in range(0x20) if i not in (0x09, 0x0A)] + ["_", "\ufffe", "\uffff"]}
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def encode_text(text: str) -> str:
    """``text`` as it must be stored in an OOXML string so Excel and LibreOffice show it as is."""
    if "_x" in text:
        text = _ESCAPE_START.sub("_x005F_", text)
    if _UNSAFE.search(text):
        text = _UNSAFE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return text


def decode_text(text: str) -> str:
    """The inverse of :func:`encode_text` (the user's text from a stored string)."""
    if "_x" not in text:
        return text

    def one(m: re.Match) -> str:
        code = m.group(1).upper()
        return chr(int(code, 16)) if code in _DECODED else m.group()

    return _ESCAPE.sub(one, text)


#: Excel's limit on the characters of a cell.
MAX_TEXT = 32767


def write_text(cell, text: str) -> None:
    """THE writer of text: ``cell`` becomes a string cell holding ``text`` exactly (never a
    formula, whatever it starts with: ``=``, ``+``, ``-``, ``@``, spaces, tab, ``＝``...).

    Text longer than a cell holds is refused (InputError naming the cell), never cut."""
    text = str(text)
    if len(text) > MAX_TEXT:
        from ..errors import InputError

        start = encode_text(text[:30].replace("\n", " "))
        raise InputError(f'{cell.parent.title}!{cell.coordinate}: the text "{start}..." has {len(text)} '
                         f"characters; a cell holds at most {MAX_TEXT}",
                             fr=f"{cell.parent.title}!{cell.coordinate} : le texte « {start}... » a {len(text)} caractères ; une cellule en contient au plus {MAX_TEXT}")
    cell._value = encode_text(text)
    cell.data_type = "s"


def put(ws, row: int, column: int, value: Any):
    """``ws.cell(row, column)`` holding ``value``: text through :func:`write_text`, other
    values (numbers, dates, ``None``) as openpyxl stores them. Returns the cell."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        write_text(cell, value)
    else:
        cell.value = value
    return cell


def restore_escapes(wb) -> None:
    """Make the text of a workbook openpyxl loaded storable again, before saving it.

    openpyxl decodes part of the escapes it reads (the underscore's ``_x005F_``, in shared strings
    and in rich-text loads) and writes every string back as it holds it: without this, a literal
    ``_x0041_`` saved by Excel would come back as "A" once pacxl saved the workbook."""
    from openpyxl.cell.rich_text import CellRichText

    for ws in wb.worksheets:
        for cell in ws._cells.values():
            if cell.data_type != "s":
                continue
            value = cell._value
            if isinstance(value, CellRichText):
                for i, part in enumerate(value):
                    if isinstance(part, str):
                        value[i] = encode_text(decode_text(part))
                    else:
                        part.text = encode_text(decode_text(part.text))
            elif isinstance(value, str):
                cell._value = encode_text(decode_text(value))


class Formula(str):
    """The text (``=...``) of a formula cell as read from a workbook: only a cell that *is* a
    formula reads as one; a string cell whose text starts with ``=`` stays text."""


def is_formula(value: Any) -> bool:
    """Whether a value from :func:`cell_value` is a formula."""
    return isinstance(value, Formula)


def cell_value(cell) -> Any:
    """What pacxl reads from an openpyxl cell: decoded text for a string cell, a
    :class:`Formula` for a formula cell, other values as they are."""
    if cell is None:
        return None
    value = cell.value
    if cell.data_type == "f":
        text = getattr(value, "text", value)  # array formulas carry their text
        return Formula(text if isinstance(text, str) else "=")
    if isinstance(value, str):
        return decode_text(value)
    if value is not None and not isinstance(value, (int, float, dt.date, dt.datetime, dt.time,
                                                     dt.timedelta)):
        return decode_text(str(value))  # rich text (several runs): its plain text
    return value


def typed_text(value: Any) -> Any:
    """A value to write through xlwings (where writing is typing): text with Excel's leading
    apostrophe, which marks it as text and is not part of the value. Without it Excel turns
    ``=...``, ``+...``, ``-...`` and ``@...`` into formulas, customer code ``00123`` into the
    number 123, ``1/2`` or ``12-3`` into a date, ``1E5`` into 100000. Dates become datetimes
    (what Excel's object model takes); ``""`` a blank."""
    if isinstance(value, str):
        return "'" + value if value else None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    return value
