"""Size every sheet's columns and rows from the text they hold, measured in Calibri.

Run once on a built workbook (:func:`fit_workbook`). For each visible text cell (typed text, the
values of its drop-down list, and the text a formula will show when the generator knows it, as the
calendar's copy of the actions):

Formula cells count with the text the generator knows they show, else with their longest text
literal (a status message).

* a one-line text wider than its column widens the column, up to :data:`measure.MAX_WIDTH`; past
  it the cell wraps. A left-aligned text whose right neighbours are empty (a title, a note) runs
  over them, as Excel draws it, and a right-aligned one over its empty left neighbours: they
  widen nothing;
* a wrapped text widens its column to its longest word (no word broken) and heightens its row
  until every line shows.

Columns only grow: a sheet's own widths are minimums (room to type in an empty input column).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from copy import copy

from openpyxl.utils import get_column_letter, range_boundaries

from . import measure
from .cells import is_formula
from .names import name_values

DEFAULT_WIDTH = 9.140625  # Excel's default column (8.43 characters and the padding)
DEFAULT_HEIGHT = 15.0


def col_width(ws, col: int) -> float:
    dim = ws.column_dimensions.get(get_column_letter(col))
    if dim is not None and dim.customWidth and dim.width:
        return dim.width
    for d in ws.column_dimensions.values():
        if d.min and d.max and d.min <= col <= d.max and d.customWidth and d.width:
            return d.width
    return DEFAULT_WIDTH


def hidden_cols(ws) -> set[int]:
    out = set()
    for d in ws.column_dimensions.values():
        if d.hidden and d.min and d.max:
            out.update(range(d.min, d.max + 1))
    return out


def row_height(ws, row: int) -> float:
    dim = ws.row_dimensions.get(row)
    return DEFAULT_HEIGHT if dim is None or dim.height is None else dim.height


def _font(cell) -> tuple[float, bool]:
    return float(cell.font.sz or measure.SIZE), bool(cell.font.b)


def _list_values(wb, ws, dv) -> list[str]:
    """Texts a list drop-down offers: its fixed values or the texts of its defined name."""
    f = (dv.formula1 or "").strip()
    if f.startswith('"'):
        return [v for v in f.strip('"').split(",") if v]
    return [v for v in name_values(wb, f.lstrip("=")) if isinstance(v, str) and v and not is_formula(v)]


def print_cols(ws, col: int) -> tuple[int, int]:
    """First and last column of the print area's range holding column ``col`` (all columns when
    the sheet has no print area); the print title columns when ``col`` is one of them."""
    titles = ws.print_title_cols  # repeated on every page: what spills past them is cut
    if titles:
        t0, _, t1, _ = range_boundaries(titles.replace("$", "") + "1" if ":" not in titles else
                                        "{0}1:{1}1".format(*titles.replace("$", "").split(":")))
        if t0 <= col <= t1:
            return t0, t1
    area = ws.print_area
    if not area:
        return 1, 16384
    found = None
    for part in area.split(","):
        c0, _, c1, _ = range_boundaries(part.rsplit("!", 1)[-1].replace("$", ""))
        if c0 <= col <= c1:
            found = (c0, c1)
    return found or (col, col)


_LITERAL = re.compile(r'"((?:[^"]|"")*)"')


@lru_cache(maxsize=4096)  # a table column repeats one formula down its rows
def _formula_text(formula: str) -> str | None:
    """The longest text literal of a formula: what it may show (``=IF(x,"Sorted","Not sorted")``);
    short literals (criteria such as ``">="``) are not shown texts."""
    words = [m.replace('""', '"') for m in _LITERAL.findall(formula)]
    words = [w for w in words if len(w) > 3 and not w.startswith(("=", "<", ">"))]
    return max(words, key=measure.text_px) if words else None


def _empty(ws, texts, r: int, c: int) -> bool:
    cell = ws._cells.get((r, c))  # ws.cell() would create the cell
    return (cell is None or cell.value in (None, "")) and (r, c) not in texts


def spills(ws, texts, cell, px: float, covered, hidden) -> bool:
    """Whether ``cell``'s one-line text of ``px`` pixels shows in full by running over empty
    neighbours (right of a left-aligned text, left of a right-aligned one), inside the print area."""
    h = cell.alignment.horizontal
    step = {None: 1, "general": 1, "left": 1, "right": -1}.get(h)
    if step is None or isinstance(cell.value, (int, float)):
        return False
    room = measure.column_px(col_width(ws, cell.column))
    k = cell.column
    low, high = print_cols(ws, cell.column)  # a text running off the printed columns is cut on paper
    while px > room:
        k += step
        if k < low or k > high:
            return False
        if k in hidden:
            continue
        if (cell.row, k) in covered or not _empty(ws, texts, cell.row, k):
            return False
        room += col_width(ws, k) * measure.DIGIT_PX
    return True


def fit_sheet(wb, ws, texts: dict[tuple[int, int], str] | None = None) -> None:
    texts = texts or {}
    hidden = hidden_cols(ws)
    fonts: dict[int, tuple[float, bool]] = {}

    def font_of(cell) -> tuple[float, bool]:  # a sheet has a few fonts and many cells
        fid = cell._style.fontId
        got = fonts.get(fid)
        if got is None:
            got = fonts[fid] = _font(cell)
        return got

    anchors, covered = {}, set()
    for rng in ws.merged_cells.ranges:
        anchors[(rng.min_row, rng.min_col)] = rng
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if (r, c) != (rng.min_row, rng.min_col):
                    covered.add((r, c))

    def text_cells():
        # the sheet's own cells only (iter_rows would create every cell of the rectangle)
        for key, cell in list(ws._cells.items()):
            v = texts.get(key, cell.value)
            if isinstance(v, str) and v.startswith("=") and key not in texts:
                v = _formula_text(v)
            if not isinstance(v, str) or not v or v.startswith("=") or key in covered:
                continue
            if cell.column in hidden or cell.alignment.textRotation:
                continue
            yield cell, v

    cells = list(text_cells())
    # widths: one-line texts (and drop-down values) that neither fit nor spill
    need: dict[int, float] = defaultdict(float)
    long: dict[int, list] = defaultdict(list)
    for cell, v in cells:
        if (cell.row, cell.column) in anchors:
            continue
        size, bold = font_of(cell)
        if cell.alignment.wrap_text:
            # a wrapped text breaks between words, never inside one (a header's "Dénominateur")
            w = max(measure.width_for(word, size, bold) for word in v.split())
            if w > col_width(ws, cell.column):
                need[cell.column] = max(need[cell.column], min(w, measure.MAX_WIDTH))
            continue
        w = measure.width_for(v, size, bold)
        if w <= col_width(ws, cell.column):
            continue
        if spills(ws, texts, cell, measure.text_px(v, size, bold), covered, hidden):
            continue
        need[cell.column] = max(need[cell.column], w)
        long[cell.column].append((cell, w))
    for dv in ws.data_validations.dataValidation:
        if dv.type != "list":
            continue
        values = _list_values(wb, ws, dv)
        if not values:
            continue
        w = max(measure.width_for(v) for v in values) + 2  # the drop-down arrow
        for rng in dv.sqref.ranges:
            for c in range(rng.min_col, rng.max_col + 1):
                if w > col_width(ws, c):
                    need[c] = max(need[c], w)
    for c, w in need.items():
        ws.column_dimensions[get_column_letter(c)].width = min(max(w, col_width(ws, c)), measure.MAX_WIDTH)
        for cell, cw in long[c]:
            if cw > measure.MAX_WIDTH:
                al = copy(cell.alignment)
                al.wrap_text = True
                al.vertical = al.vertical or "top"
                cell.alignment = al

    # heights: wrapped texts show every line
    for cell, v in cells:
        if not cell.alignment.wrap_text:
            size, _ = font_of(cell)
            if measure.line_height(size) + measure.ROW_PAD > row_height(ws, cell.row):
                ws.row_dimensions[cell.row].height = measure.height_for(1, size)
            continue
        rng = anchors.get((cell.row, cell.column))
        cols = range(cell.column, (rng.max_col if rng else cell.column) + 1)
        rows = range(cell.row, (rng.max_row if rng else cell.row) + 1)
        width = sum(col_width(ws, c) for c in cols if c not in hidden)
        size, bold = font_of(cell)
        h = measure.wrapped_height(v, width, size, bold)
        have = sum(row_height(ws, r) for r in rows)
        if h > have:
            last = rows[-1]
            ws.row_dimensions[last].height = row_height(ws, last) + (h - have)


def fit_workbook(wb, texts: dict[str, dict[tuple[int, int], str]] | None = None) -> None:
    """Fit every sheet; ``texts`` gives, by sheet title, the text formula cells will show."""
    texts = texts or {}
    for ws in wb.worksheets:
        fit_sheet(wb, ws, texts.get(ws.title))
