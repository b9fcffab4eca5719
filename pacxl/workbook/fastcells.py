"""openpyxl's plain cells written by pacxl: the same XML, about twenty times faster.

openpyxl serializes each cell through an element tree (about 20 µs a cell): the blank template's
29,000 cells are half of ``pacxl new``. :func:`saved_bytes` takes the plain cells (text, numbers,
formulas and styled blanks; not rich text, dates, booleans, errors, array formulas, merged cells,
a cell with a comment or a hyperlink, which openpyxl's writer collects while it writes, nor a
table's header, from which it names the table's columns) out
of the worksheets, lets openpyxl save the rest, puts the cells back, and merges their XML into the
sheets with :func:`pacxl.workbook.bulk.splice`, the way the importers' bulk rows are written.

The XML is openpyxl's own (its etree writer: attributes, order, escapes; the styles registered in
the order openpyxl registers them), so the saved file is the same byte for byte (tested on every
workbook pacxl generates). With lxml installed openpyxl uses another writer: then it writes
everything itself.
"""

from __future__ import annotations

import io
import math
from typing import Any

from openpyxl import LXML
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter, range_boundaries

from .bulk import blocks_of, cell_xml


class CellRows:
    """Cells already written as XML, by row: (row -> [(column, cell XML)]), for ``splice``."""

    def __init__(self, rows: dict[int, list[tuple[int, str]]]) -> None:
        self.rows = rows
        self.lo, self.hi = min(rows), max(rows)
        self._columns = {c for cells in rows.values() for c, _ in cells}

    def columns(self) -> set[int]:
        return self._columns

    def cells(self):
        get = self.rows.get
        for r in range(self.lo, self.hi + 1):
            yield r, get(r, [])


def _xml(cell, ref: str, style: str) -> str | None:
    """The cell's XML as openpyxl's etree writer makes it, or None when openpyxl must write it."""
    if cell._comment is not None or cell._hyperlink is not None:
        return None
    t, v = cell.data_type, cell._value
    if t == "n" and (v is None or (type(v) in (int, float) and math.isfinite(v))):
        return cell_xml(ref, style, v, False)
    if type(v) is str and (t == "s" or (t == "f" and len(v) > 1)):
        return cell_xml(ref, style, v, t == "f")
    return None


def take(wb) -> dict[str, tuple[CellRows, dict[tuple[int, int], Any]]]:
    """Take the plain cells out of every worksheet: sheet title -> (their XML by row, the cells
    taken, for :func:`restore`). The styles are registered now, in openpyxl's order (each
    sheet's column styles, then row by row the row's style and its cells')."""
    out: dict[str, tuple[CellRows, dict]] = {}
    if LXML:
        return out
    add = wb._cell_styles.add
    for ws in wb.worksheets:
        for dim in sorted(ws.column_dimensions.values(), key=lambda d: d.min or 0):
            if dim.has_style:
                add(dim._style)
        cells = ws._cells
        headers = set()  # (openpyxl names a table's columns from its header cells while saving)
        for table in ws.tables.values():
            min_col, min_row, max_col, _ = range_boundaries(table.ref)
            headers.update((min_row, c) for c in range(min_col, max_col + 1))
        by_row: dict[int, list] = {}
        for key in sorted(cells):
            by_row.setdefault(key[0], []).append(cells[key])
        row_dims = ws.row_dimensions
        styled_rows = {r for r, d in row_dims.items() if d.has_style}
        rows: dict[int, list[tuple[int, str]]] = {}
        taken: dict[tuple[int, int], Any] = {}
        letters: dict[int, str] = {}
        for r in sorted(by_row.keys() | styled_rows):
            if r in styled_rows:
                add(row_dims[r]._style)
            for cell in by_row.get(r, ()):
                style = f' s="{add(cell._style)}"' if cell.has_style else ""
                c = cell.column
                if type(cell) is not Cell or (r, c) in headers:  # (a merged cell's other cells)
                    continue
                letter = letters.get(c) or letters.setdefault(c, get_column_letter(c))
                x = _xml(cell, f"{letter}{r}", style)
                if x is None:
                    continue
                taken[(r, c)] = cell
                if x:
                    rows.setdefault(r, []).append((c, x))
        for key in taken:
            del cells[key]
        if rows:
            out[ws.title] = (CellRows(rows), taken)
        elif taken:
            out[ws.title] = (None, taken)
    return out


def restore(wb, taken: dict[str, tuple[CellRows, dict]]) -> None:
    for ws in wb.worksheets:
        got = taken.get(ws.title)
        if got is not None:
            ws._cells.update(got[1])


def saved_bytes(wb, **finish) -> bytes:
    """``wb`` saved (openpyxl for what it must write, pacxl for the plain cells and the bulk rows
    of :mod:`pacxl.workbook.bulk`), then :func:`pacxl.workbook.xlsxml.finish` with ``finish``'s
    other arguments (``ignored``, ``values``)."""
    from .xlsxml import finish as finish_package

    taken = take(wb)
    buf = io.BytesIO()
    try:
        wb.save(buf)
    finally:
        restore(wb, taken)
    blocks: dict[str, list] = {title: list(bs) for title, bs in blocks_of(wb).items()}
    for title, (rows, _) in taken.items():
        if rows is not None:
            blocks.setdefault(title, []).append(rows)
    return finish_package(buf.getvalue(), bulk=blocks, **finish)
