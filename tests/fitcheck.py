"""Does every text of a workbook fit its cell? A geometric check on the cell model, in Calibri.

For each visible cell holding text (typed text, or the cached value of a formula in a workbook
LibreOffice recalculated), the text's width is measured in its font (``pacxl.workbook.measure``)
and compared with its column, or its merged range:

* a text that does not wrap must fit its cell's width. It may run over into the cells to its right
  only when it is left-aligned and those cells are empty (Excel and LibreOffice draw it there, as
  a sheet's title over its blank row), or into the empty cells to its left when it is
  right-aligned: the columns it crosses must then be empty and inside the print area (paper cuts
  the rest), and inside the repeated print title columns when it starts in one. A centred or merged text must fit;
* a wrapped text's lines, at its font's line height, must fit the row height (or the merged rows);
* a one-line text must fit its row's height.

Numbers are not measured (a too narrow number shows ``###``, another check).
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from pacxl.workbook import measure
from pacxl.workbook.fit import print_cols

DEFAULT_WIDTH = 9.140625  # Excel's default column width (8.43 characters and the padding)
DEFAULT_HEIGHT = 15.0


def _width(ws, col: int) -> float:
    dim = ws.column_dimensions.get(get_column_letter(col))
    if dim is None or not dim.customWidth or dim.width is None:
        # openpyxl groups column dimensions: a range min..max shares one dimension
        for d in ws.column_dimensions.values():
            if d.min and d.max and d.min <= col <= d.max and d.customWidth:
                return d.width
        return DEFAULT_WIDTH
    return dim.width


def _hidden_col(ws, col: int) -> bool:
    for d in ws.column_dimensions.values():
        if d.min and d.max and d.min <= col <= d.max and d.hidden:
            return True
    return False


def _height(ws, row: int) -> float:
    dim = ws.row_dimensions.get(row)
    if dim is None or dim.height is None:
        return DEFAULT_HEIGHT
    return dim.height


def problems(wb) -> list[str]:
    """One line per text cell that does not fit (sheet!cell, text, why)."""
    out = []
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        merged = {}
        covered = set()
        for rng in ws.merged_cells.ranges:
            merged[(rng.min_row, rng.min_col)] = rng
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    covered.add((r, c))
        hidden_cols = {c for c in range(1, ws.max_column + 1) if _hidden_col(ws, c)}
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                if not isinstance(v, str) or not v or v.startswith("="):
                    continue
                r, c = cell.row, cell.column
                rd = ws.row_dimensions.get(r)
                if c in hidden_cols or (rd is not None and rd.hidden):
                    continue
                rng = merged.get((r, c))
                if rng is None and (r, c) in covered:
                    continue
                cols = range(c, (rng.max_col if rng else c) + 1)
                rows = range(r, (rng.max_row if rng else r) + 1)
                width = sum(_width(ws, k) for k in cols if k not in hidden_cols)
                height = sum(_height(ws, k) for k in rows)
                font = cell.font
                size = float(font.sz or measure.SIZE)
                bold = bool(font.b)
                al = cell.alignment
                where = f"{ws.title}!{cell.coordinate}"
                if al.textRotation:
                    continue
                if al.wrap_text:
                    lines = measure.wrap(v, width, size, bold)
                    need = len(lines) * measure.line_height(size)
                    if need > height + 0.5:
                        out.append(f"{where} {v[:40]!r}: {len(lines)} lines need {need:.0f} pt, row {height:.0f} pt")
                    continue
                px = measure.text_px(v, size, bold)
                if "\n" in v:
                    out.append(f"{where} {v[:40]!r}: line breaks without wrap")
                if measure.line_height(size) > height + 0.5:
                    out.append(f"{where} {v[:40]!r}: {size:g} pt text in a {height:.0f} pt row")
                room = measure.column_px(width)
                if px <= room:
                    continue
                step = {None: 1, "general": 1, "left": 1, "right": -1}.get(al.horizontal)
                if step is None or rng is not None:
                    out.append(f"{where} {v[:40]!r}: {px:.0f} px in {room:.0f} px, centred")
                    continue
                # left-aligned: runs over the empty cells to its right (right-aligned: left)
                k = cols[-1] if step > 0 else cols[0]
                low, high = print_cols(ws, c)
                while px > room:
                    k += step
                    if k < low or k > high:
                        out.append(f"{where} {v[:40]!r}: {px:.0f} px in {room:.0f} px, off the print area")
                        break
                    if k in hidden_cols:
                        continue
                    right = ws._cells.get((r, k))  # ws.cell() would create it
                    if (right is not None and right.value not in (None, "")) or (r, k) in covered:
                        out.append(f"{where} {v[:40]!r}: {px:.0f} px in {room:.0f} px, "
                                   f"{get_column_letter(k)}{r} not empty")
                        break
                    room += _width(ws, k) * measure.DIGIT_PX
    return out
