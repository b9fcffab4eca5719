"""Write the body of a contract table, and keep everything that depends on its size in step.

:func:`write_rows` is how the builder fills every table and how the importers put finance's data
into an existing, filled workbook. It changes nothing outside the table except what depends on
the table's size:

* the table's ``ref`` (and its auto-filter),
* the defined name of each column (``tblBudget_total`` ...: see
  :func:`pacxl.workbook.contract.column_name`), through which every formula outside the table
  (totals, dashboard, charts' data blocks, drop-downs) reads the table, so a later formula still
  covers every row,
* the data validations and conditional formats that cover the table's body,
* the sheets registered in :data:`DEPENDENTS` (the calendar grid has one line per action).

Rows are dicts keyed by the contract keys of the input columns; computed columns are written
from :mod:`pacxl.workbook.formulas`. Each new row takes the cell styles (fill, font, number
format, protection) of the table's first body row, so typed and imported rows look the same.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterable, Mapping
from copy import copy

from openpyxl.cell.cell import Cell
from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange

from ..errors import InputError, WorkbookError
from .cells import cell_value, is_formula, write_text
from .contract import SHEETS, TABLES, column_name
from .formulas import computed_columns

#: Sheets whose layout follows a table's size: table name -> "module:function" called as
#: ``function(wb, lang, first_row, last_row)`` after the table is resized.
DEPENDENTS: dict[str, list[str]] = {
    "tblActions": ["pacxl.workbook.sheets.calendar:resize"],
    "tblCustomers": ["pacxl.workbook.sheets.customers:resize"],
}


def workbook_lang(wb) -> str:
    """The language of a pacxl workbook, from its Settings sheet's title."""
    names = set(wb.sheetnames)
    for lang in ("fr", "en"):
        if SHEETS["settings"][lang] in names:
            return lang
    raise WorkbookError("not a pacxl workbook: it has no Paramètres/Settings sheet")


def find_table(wb, table_name: str):
    """(worksheet, table) of a contract table; WorkbookError when the workbook lacks it."""
    for ws in wb.worksheets:
        if table_name in ws.tables:
            return ws, ws.tables[table_name]
    raise WorkbookError(f"not a pacxl workbook: table {table_name} is missing")


def _last_data_row(ws, cols: list[int], first: int, last: int) -> int:
    """The last row (first - 1 when none) whose input cells hold something."""
    cells = ws._cells
    for r in range(last, first - 1, -1):
        for c in cols:
            cell = cells.get((r, c))
            if cell is not None and cell.value not in (None, ""):
                return r
    return first - 1


def _sort_key(row: Mapping) -> tuple:
    v = row.get("amount")
    if isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0:
        return (0, -float(v))
    return (1, 0.0)


def sort_customers(rows: Iterable[Mapping]) -> list[Mapping]:
    """Customers sorted as tblCustomers keeps them: positive amounts largest first, then the rest
    (zeros, credit notes, blanks, text) in their order. The ABC formulas are O(1) per row only on
    a sorted table (see :func:`pacxl.workbook.formulas._customers`)."""
    return sorted(rows, key=_sort_key)


def _read_rows(ws, keys: list[str], cols: list[int], first: int, last: int) -> list[dict]:
    cells = ws._cells
    out = []
    for r in range(first, last + 1):
        row = {}
        for k, c in zip(keys, cols):
            cell = cells.get((r, c))
            row[k] = cell_value(cell)
        out.append(row)
    return out


def _value(v):
    if isinstance(v, dt.datetime) and v.time() == dt.time(0):
        return v.date()
    if isinstance(v, float) and v != v:  # NaN from a data frame: a blank
        return None
    return v


def write_rows(wb, table_name: str, rows: Iterable[Mapping], *, append: bool = False, min_rows: int | None = None) -> int:
    """Replace (or, with ``append``, extend) the body of ``table_name`` with ``rows``.

    Returns the number of body rows the table has afterwards (data rows plus the blank,
    formatted rows kept for typing, at least ``min_rows`` in all). ``tblCustomers`` is kept
    sorted by amount (see :func:`sort_customers`), also when appending.
    """
    spec = TABLES.get(table_name)
    if spec is None:
        raise WorkbookError(f"unknown table {table_name!r}: one of {', '.join(TABLES)}")
    ws, tbl = find_table(wb, table_name)
    min_col, header, max_col, old_last = range_boundaries(tbl.ref)
    if max_col - min_col + 1 != len(spec.columns):
        raise WorkbookError(
            f"{ws.title}: table {table_name} has {max_col - min_col + 1} columns, "
            f"expected {len(spec.columns)} (made by another pacxl version?)"
        )
    first = header + 1
    old_last = max(old_last, first)
    lang = workbook_lang(wb)
    keys = spec.keys()
    input_keys = [c.key for c in spec.columns if not c.computed]
    computed_keys = {c.key for c in spec.columns if c.computed}
    col_of = {k: min_col + i for i, k in enumerate(keys)}
    input_cols = [col_of[k] for k in input_keys]

    rows = list(rows)
    for i, row in enumerate(rows, start=1):
        unknown = [k for k in row if k not in col_of]
        if unknown:
            raise InputError(f"{table_name}, row {i}: unknown column {unknown[0]!r}")

    start = first
    if append:
        start = _last_data_row(ws, input_cols, first, old_last) + 1
        if table_name == "tblCustomers":  # keep the order: merge the old rows with the new
            rows = _read_rows(ws, input_keys, input_cols, first, start - 1) + rows
            start = first
    if table_name == "tblCustomers":
        rows = sort_customers(rows)

    n_data = start - first + len(rows)
    n_body = max(n_data, min_rows or 0, 1)
    last = first + n_body - 1

    # the first body row's look is every row's look
    cells = ws._cells
    styles = {}
    for k in keys:
        tmpl = cells.get((first, col_of[k]))
        styles[k] = copy(tmpl._style) if tmpl is not None and tmpl.has_style else None

    sheet_cells = ws._cells

    def put(r: int, c: int, st, value, formula: bool = False) -> None:
        # Cells are made directly (openpyxl's ws.cell + value setter cost 3x more): numbers,
        # dates and formulas are bound here; text goes through the one text writer.
        cell = Cell(ws, row=r, column=c, style_array=st)  # (openpyxl copies the style array)
        if value is None:
            pass
        elif formula or is_formula(value):  # (a formula the user typed in a kept row stays one)
            cell._value, cell.data_type = value, "f"
        elif isinstance(value, str):
            write_text(cell, value)  # typed or imported text is never a formula
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            cell._value = value
        else:
            cell.value = value
        sheet_cells[(r, c)] = cell

    # input cells of the new rows, then blanks for the rows kept for typing
    input_specs = [(k, col_of[k], styles[k]) for k in input_keys]
    r = start
    for row in rows:
        get = row.get
        for k, c, st in input_specs:
            put(r, c, st, _value(get(k)))
        r += 1
    for rr in range(r, last + 1):
        for k, c, st in input_specs:
            put(rr, c, st, None)

    # computed columns: every row (first/last rows of tblCustomers have their own formulas)
    makers = computed_columns(table_name, lang, min_col, header)
    for k in keys:
        if k not in computed_keys:
            continue
        make, c, st = makers[k], col_of[k], styles[k]
        for rr in range(first, last + 1):
            put(rr, c, st, make(rr, first, last), formula=True)

    # a shrinking table leaves nothing behind
    for rr in range(last + 1, old_last + 1):
        for c in range(min_col, max_col + 1):
            cells.pop((rr, c), None)

    ref = f"{get_column_letter(min_col)}{header}:{get_column_letter(max_col)}{last}"
    tbl.ref = ref
    if tbl.autoFilter is not None:
        tbl.autoFilter.ref = ref
    _update_names(wb, ws, spec, col_of, first, last)
    _update_ranges(ws, min_col, max_col, first, last)
    for target in DEPENDENTS.get(table_name, ()):
        mod, fn = target.split(":")
        getattr(importlib.import_module(mod), fn)(wb, lang, first, last)
    return n_body


def _quote(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def set_name(wb, name: str, ref: str) -> None:
    """Create or replace a workbook-scope defined name."""
    if name in wb.defined_names:
        del wb.defined_names[name]
    wb.defined_names[name] = DefinedName(name, attr_text=ref)


def _update_names(wb, ws, spec, col_of, first: int, last: int) -> None:
    sheet = _quote(ws.title)
    for k, c in col_of.items():
        letter = get_column_letter(c)
        set_name(wb, column_name(spec.name, k), f"{sheet}!${letter}${first}:${letter}${last}")


def _resize(sqref, min_col: int, max_col: int, first: int, last: int) -> tuple[str, bool]:
    parts, changed = [], False
    for rng in MultiCellRange(str(sqref)).ranges:
        if rng.min_row == first and rng.min_col >= min_col and rng.max_col <= max_col:
            rng = CellRange(min_col=rng.min_col, min_row=first, max_col=rng.max_col, max_row=last)
            changed = True
        parts.append(rng.coord)
    return " ".join(parts), changed


def _update_ranges(ws, min_col: int, max_col: int, first: int, last: int) -> None:
    for dv in ws.data_validations.dataValidation:
        sqref, changed = _resize(dv.sqref, min_col, max_col, first, last)
        if changed:
            dv.sqref = MultiCellRange(sqref)
    old = ws.conditional_formatting
    if not any(_resize(cf.sqref, min_col, max_col, first, last)[1] for cf in old):
        return
    new = ConditionalFormattingList()
    for cf in old:
        sqref, _ = _resize(cf.sqref, min_col, max_col, first, last)
        for rule in cf.rules:
            new.add(sqref, rule)
    ws.conditional_formatting = new
