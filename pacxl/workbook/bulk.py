"""A large table body written straight into the saved sheet's XML, without openpyxl cells.

openpyxl holds every cell as an object (a 50,000-customer import is ~1M cells: about 1 GiB, and
half a minute to make and serialize). :func:`pacxl.workbook.tables.write_rows` with
``bulk=True`` describes the body instead (:class:`BulkRows`: the rows' values, the formula
makers of the computed columns, each column's style) and leaves those cells out of the
worksheet; :func:`pacxl.workbook.xlsxml.finish` then merges them, row by row and column by
column, into the ``<sheetData>`` openpyxl wrote (the cells beside the table on the same rows,
e.g. the customers' summary blocks, stay where they are).

The cells are written exactly as openpyxl writes them (same attributes, same order, same
escapes: tests compare the two outputs byte for byte; with lxml installed openpyxl switches to
another writer, and the two differ only in how XML spells the same thing, ``<v />`` or
``<v></v>``): text as an inline string holding
:func:`pacxl.workbook.cells.encode_text` of it (never a formula), numbers with 16 significant
digits, formulas in ``<f>`` with an empty cached value. A value of any other type (a date, a
boolean) is not deferred: :func:`write_rows` makes it a real cell, and :func:`deferred` says so.

Only :func:`pacxl.io.save.save_workbook` writes a workbook holding bulk rows (a plain
``wb.save`` would leave them out): ``bulk=True`` is for a workbook about to be saved that way
(the importers).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import LXML
from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries

from .cells import encode_text, is_formula

#: Attribute of an openpyxl workbook holding its bulk rows: sheet title -> [BulkRows].
ATTR = "pacxl_bulk"


#: Input values stored as they are (others go through BulkRows.value: a NaN is a blank...).
_PLAIN = {str, int, type(None)}


def deferred(value: Any) -> bool:
    """Whether a value is written by :class:`BulkRows` (else it is a real openpyxl cell)."""
    if value is None or isinstance(value, str):
        return True
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        try:
            return math.isfinite(value)
        except OverflowError:  # (an int past a float: openpyxl's own cell says what it makes of it)
            return False
    return False


def _escape(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _preserve(text: str) -> bool:
    """Whether openpyxl marks a string ``xml:space="preserve"``: its etree writer when the text
    has leading or trailing spaces around something else, its lxml writer (used when lxml is
    installed) whenever stripping changes the text, spaces only included."""
    stripped = text.strip()
    if LXML:
        return stripped != text
    return bool(stripped) and stripped != text


def cell_xml(ref: str, style: str, value: Any, formula: bool) -> str:
    """One ``<c>`` as openpyxl's etree writer writes it, from what a cell stores (text already
    through :func:`~pacxl.workbook.cells.encode_text`; ``style``: ``' s="3"'`` or ``''``; ``""``
    when openpyxl writes nothing: no value, no style). The one serializer of bulk rows and of
    :mod:`pacxl.workbook.fastcells`."""
    if formula:
        return f"<c r=\"{ref}\"{style}><f>{_escape(value[1:])}</f><v /></c>"
    if value is None:
        return f"<c r=\"{ref}\"{style} t=\"n\" />" if style else ""
    if isinstance(value, str):
        if value == "":
            return f"<c r=\"{ref}\"{style} t=\"inlineStr\" />"
        space = ' xml:space="preserve"' if _preserve(value) else ""
        return f"<c r=\"{ref}\"{style} t=\"inlineStr\"><is><t{space}>{_escape(value)}</t></is></c>"
    return f"<c r=\"{ref}\"{style} t=\"n\"><v>{'%.16g' % value}</v></c>"


@dataclass
class BulkRows:
    """The deferred cells of one table body, rows ``lo``..``hi`` of sheet ``sheet``.

    ``inputs``: (key, column, style array) of the input columns; ``rows`` the input rows from row
    ``start`` on (values already as :func:`write_rows` stores them), ``blank_from``: the rows
    kept blank for typing start there; ``computed``: (column, style array, maker) with
    ``maker(row)`` the formula of that row; ``value`` turns an input row's value into the one
    stored. Input cells above ``max(lo, start)`` are real cells."""

    sheet: str
    lo: int
    hi: int
    inputs: list[tuple[str, int, Any]]
    rows: Sequence[Mapping[str, Any]]
    start: int
    blank_from: int
    computed: list[tuple[int, Any, Callable[[int], str]]] = field(default_factory=list)
    value: Callable[[Any], Any] = lambda v: v  # (how an input value is stored: a NaN is a blank...)
    style_ids: Any = None  # the workbook's cell styles (openpyxl's wb._cell_styles)

    def _style(self, st) -> str:
        """`` s="N"`` for a style array: its index among the styles the saved file lists. The
        table's first body row is a real cell in each column, with the same style: openpyxl
        registered it while saving, in the order of the sheets, so the indices are the ones a
        save of real cells would give."""
        if st is None or not any(st):
            return ""
        saved = len(self.style_ids)
        index = self.style_ids.add(st)  # (as openpyxl's Cell.style_id finds it)
        if index >= saved:
            raise ValueError(f"{self.sheet}: a style of the table's rows was not saved")
        return f' s="{index}"'

    def columns(self) -> set[int]:
        return {c for _, c, _ in self.inputs} | {c for c, _, _ in self.computed}

    def cells(self) -> Iterator[tuple[int, list[tuple[int, str]]]]:
        """(row, [(column, cell XML)] in column order) for every row of the block."""
        styles = {c: self._style(st) for c, st in
                  [(c, st) for _, c, st in self.inputs] + [(c, st) for c, st, _ in self.computed]}
        # each column once, in sheet order: (column, letter, style attribute, input key, maker)
        spec = sorted([(c, get_column_letter(c), styles[c], k, None) for k, c, _ in self.inputs]
                      + [(c, get_column_letter(c), styles[c], None, make) for c, _, make in self.computed],
                      key=lambda t: t[0])
        end = self.start + len(self.rows)
        value, plain, blank_from = self.value, _PLAIN, self.blank_from
        for r in range(self.lo, self.hi + 1):
            out: list[tuple[int, str]] = []
            add = out.append
            get = self.rows[r - self.start].get if self.start <= r < end else None
            for c, letter, style, k, make in spec:
                if make is not None:  # (inlined: 12 formulas a customer)
                    f = make(r)[1:]
                    if "&" in f or "<" in f or ">" in f:
                        f = _escape(f)
                    add((c, f'<c r="{letter}{r}"{style}><f>{f}</f><v /></c>'))
                elif get is not None:
                    v = get(k)
                    if type(v) not in plain:
                        v = value(v)
                    formula = is_formula(v)
                    if formula or deferred(v):
                        x = cell_xml(f"{letter}{r}", style, encode_text(v) if type(v) is str else v, formula)
                        if x:
                            add((c, x))
                elif r >= blank_from and style:
                    add((c, f'<c r="{letter}{r}"{style} t="n" />'))
            yield r, out


def add(wb, block: BulkRows) -> None:
    """Register ``block`` on ``wb`` (write_rows refuses to write a table twice before the save)."""
    blocks = getattr(wb, ATTR, None)
    if blocks is None:
        blocks = {}
        setattr(wb, ATTR, blocks)
    blocks.setdefault(block.sheet, []).append(block)


def blocks_of(wb) -> dict[str, list[BulkRows]]:
    return getattr(wb, ATTR, None) or {}


# --- the merge into openpyxl's sheet XML -----------------------------------------------------------

_ROW = re.compile(r'<row r="([0-9]+)"([^>]*?)(?:/>|>(.*?)</row>)', re.S)
_CELL = re.compile(r'<c r="([A-Z]+)[0-9]+"[^>]*?(?:/>|>.*?</c>)', re.S)
_DIMENSION = re.compile(r'<dimension ref="([^"]*)"\s*/>')
_SHEET_DATA = re.compile(r"<sheetData\s*/>|<sheetData>(.*?)</sheetData>", re.S)


def _dimension(xml: str, blocks: list[BulkRows]) -> str:
    m = _DIMENSION.search(xml)
    if m is None:
        return xml
    ref = m.group(1)
    try:
        min_col, min_row, max_col, max_row = range_boundaries(ref if ":" in ref else f"{ref}:{ref}")
    except (ValueError, TypeError):
        return xml
    for b in blocks:
        cols = b.columns()
        min_col, max_col = min(min_col, min(cols)), max(max_col, max(cols))
        min_row, max_row = min(min_row, b.lo), max(max_row, b.hi)
    new = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max_row}"
    return xml[:m.start(1)] + new + xml[m.end(1):]


def splice(xml: str, blocks: list[BulkRows], chunk_rows: int = 2000) -> Iterator[str]:
    """The sheet ``xml`` (as openpyxl wrote it) with the cells of ``blocks`` merged in, in
    pieces (the merged sheet of a large table is never one string)."""
    xml = _dimension(xml, blocks)
    m = _SHEET_DATA.search(xml)
    if m is None:
        raise ValueError("the sheet has no <sheetData>")
    existing: dict[int, tuple[str, str | None]] = {}
    for row in _ROW.finditer(m.group(1) or ""):
        existing[int(row.group(1))] = (row.group(2), row.group(3))
    yield xml[:m.start()] + "<sheetData>"
    gens = [b.cells() for b in sorted(blocks, key=lambda b: b.lo)]
    pending: list[str] = []
    numbers = sorted(set(existing) | {r for b in blocks for r in range(b.lo, b.hi + 1)})
    current = [next(g, None) for g in gens]
    for r in numbers:
        cells: list[tuple[int, str]] = []
        sources = 0
        for i, g in enumerate(gens):
            got = current[i]
            if got is not None and got[0] == r:
                if got[1]:
                    cells.extend(got[1])
                    sources += 1
                current[i] = next(g, None)
        attrs, inner = existing.get(r, ("", None))
        attrs = attrs.rstrip()
        if inner:
            cells.extend((column_index_from_string(cm.group(1)), cm.group(0)) for cm in _CELL.finditer(inner))
            sources += 1
        if sources > 1:  # (cells of one source come in column order)
            cells.sort(key=lambda t: t[0])
            for (a, x), (b, _) in zip(cells, cells[1:]):
                if a == b:
                    raise ValueError(f"a cell of column {get_column_letter(a)}, row {r}, is written twice")
        if not cells and r not in existing:
            continue
        pending.append(f'<row r="{r}"{attrs}>' + "".join(x for _, x in cells) + "</row>")
        if len(pending) >= chunk_rows:
            yield "".join(pending)
            pending = []
    if pending:
        yield "".join(pending)
    yield "</sheetData>" + xml[m.end():]

