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

Columns are found by header (:func:`table_columns`): a user's extra column is kept, its cells
following their row. Rows typed just below the table (LibreOffice does not grow tables) become
table rows when they fit, or the write is refused naming them when the table must grow over them
(:func:`rows_below`).

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
from openpyxl.worksheet.table import TableFormula

from ..errors import InputError, WorkbookError
from .cells import MAX_TEXT, cell_value, is_formula, write_text
from .contract import SHEETS, TABLES, column_name
from .formulas import computed_columns

#: Sheets whose layout follows a table's size: table name -> "module:function" called as
#: ``function(wb, lang, first_row, last_row)`` after the table is resized.
DEPENDENTS: dict[str, list[str]] = {
    "tblActions": ["pacxl.workbook.sheets.calendar:resize"],
    "tblCustomers": ["pacxl.workbook.sheets.customers:resize"],
    "tblKPI": ["pacxl.workbook.sheets.quarters:resize"],
    "tblPipeline": ["pacxl.workbook.sheets.pipeline:resize"],
}


def workbook_lang(wb) -> str:
    """The language of a pacxl workbook, from its Settings sheet's title."""
    names = set(wb.sheetnames)
    for lang in ("fr", "en"):
        if SHEETS["settings"][lang] in names:
            return lang
    raise WorkbookError("not a pacxl workbook: it has no Paramètres/Settings sheet",
        fr="ce n'est pas un classeur pacxl : il n'a pas d'onglet Paramètres/Settings")


def find_table(wb, table_name: str):
    """(worksheet, table) of a contract table; WorkbookError when the workbook lacks it."""
    for ws in wb.worksheets:
        if table_name in ws.tables:
            return ws, ws.tables[table_name]
    raise WorkbookError(f"not a pacxl workbook: table {table_name} is missing",
        fr=f"ce n'est pas un classeur pacxl : le tableau {table_name} manque")


def _last_data_row(ws, cols: Iterable[int], first: int, last: int) -> int:
    """The last row (first - 1 when none) whose cells in ``cols`` hold something."""
    cells = ws._cells
    cols = list(cols)
    for r in range(last, first - 1, -1):
        for c in cols:
            cell = cells.get((r, c))
            if cell is not None and cell.value not in (None, ""):
                return r
    return first - 1


def sort_customers(rows: Iterable[Mapping], basis: str = "revenue") -> list[Mapping]:
    """Customers sorted as tblCustomers keeps them: positive figures of the ABC basis (the amount,
    or the margin with ``basis="margin"``) largest first, then the rest (zeros, credit notes,
    blanks, text) in their order. The ABC formulas are O(1) per row only on a table sorted by its
    basis (see :mod:`pacxl.workbook.formulas_customers`)."""
    key = "margin" if basis == "margin" else "amount"

    def order(row: Mapping) -> tuple:
        v = row.get(key)
        if isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0:
            return (0, -float(v))
        return (1, 0.0)

    return sorted(rows, key=order)


def workbook_basis(wb) -> str:
    """The ABC basis a workbook's Settings name (``PAC_ABCBasis``; revenue without it)."""
    from ..calc.customers import basis_of
    from .names import name_values

    if "PAC_ABCBasis" not in wb.defined_names:
        return "revenue"
    values = name_values(wb, "PAC_ABCBasis")
    return basis_of(values[0] if values else None)


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


#: The column that identifies a row: the user's own cells in extra columns follow it.
ROW_KEY = {"tblCustomers": "code", "tblPipeline": "deal", "tblTeam": "salesperson", "tblAllocation": "salesperson"}


def table_columns(wb, table_name: str, *, computed: bool = True, path=None) -> tuple:
    """(worksheet, table, key -> sheet column) of a contract table, its columns found by header
    (:func:`pacxl.workbook.columns.sheet_columns`)."""
    from .columns import sheet_columns

    ws, tbl = find_table(wb, table_name)
    return ws, tbl, sheet_columns(ws, tbl, table_name, lang=workbook_lang(wb), path=path, computed=computed)


def _take_extras(ws, extra: list[int], key_col: int, first: int, last: int) -> list[tuple]:
    """The user's cells in the table's extra columns, row by row: (row id, {column: cell})
    (rows without such cells are left out). :func:`_place_extras` moves them."""
    cells = ws._cells
    out = []
    for r in range(first, last + 1):
        got = {c: cells[(r, c)] for c in extra if _filled(cells, r, c)}
        if got:
            ident = cells.get((r, key_col))
            out.append((None if ident is None or ident.value in (None, "") else str(ident.value), got))
    return out


def _place_extras(ws, extras: list[tuple], rows: list[Mapping], key: str, first: int, free: int) -> int:
    """Put each row's extra cells back beside the row with the same id; those whose row is gone
    go to the rows from ``free`` on (never dropped). Returns the next free row."""
    where: dict[str, int] = {}
    for i, row in enumerate(rows):
        v = row.get(key)
        if v not in (None, ""):
            where.setdefault(str(v), first + i)
    for _, got in extras:
        for cell in got.values():
            del ws._cells[(cell.row, cell.column)]
    for ident, got in extras:
        r = where.pop(ident, None) if ident is not None else None
        if r is None:
            r, free = free, free + 1
        for c, cell in got.items():
            cell.row = r
            ws._cells[(r, c)] = cell
    return free


def _filled(cells, r: int, c: int) -> bool:
    cell = cells.get((r, c))
    return cell is not None and cell.value not in (None, "")


def _refuse_below(ws, table_name: str, lang: str, where: list[tuple[int, int]], why: str) -> WorkbookError:
    from ..messages import text

    rows = [r for r, _ in where]
    cols = [c for _, c in where]
    cells = f"{get_column_letter(min(cols))}{min(rows)}:{get_column_letter(max(cols))}{max(rows)}"
    if len(where) == 1:
        cells = cells.split(":")[0]
    return WorkbookError.of(lambda words: text("wb.rows_below", words, sheet=ws.title, table=table_name,
                                               cells=f"{ws.title}!{cells}", why=text(f"wb.rows_below_{why}", words)),
                            lang)


def rows_below(ws, table_name: str, col_of: Mapping[str, int], lang: str) -> tuple[int, WorkbookError | None]:
    """The rows typed directly below the table (LibreOffice does not grow a table as Excel
    does): (their last row, or the table's last row when there are none; the error to raise
    if the table has to grow over them when they do not fit, else None).

    Rows are taken while they hold something within the table's columns. They fit when nothing
    touches them outside the table's columns (a cell next to the table's first or last column,
    or next to such a cell), no input cell holds a formula, and a computed column holds nothing
    but a formula (written again by :func:`write_rows`).
    """
    spec = TABLES[table_name]
    tbl = ws.tables[table_name]
    min_col, _, max_col, last = range_boundaries(tbl.ref)
    cells = ws._cells
    inputs = {col_of[c.key] for c in spec.input_columns()}
    computed = {col_of[c.key] for c in spec.columns if c.computed}
    r, error = last, None
    while r < ws.max_row and any(_filled(cells, r + 1, c) for c in range(min_col, max_col + 1)):
        r += 1
        if error is not None:
            continue
        outside = []
        c = max_col + 1
        while _filled(cells, r, c):
            outside.append((r, c))
            c += 1
        c = min_col - 1
        while c >= 1 and _filled(cells, r, c):
            outside.append((r, c))
            c -= 1
        typed = [(r, c) for c in range(min_col, max_col + 1) if _filled(cells, r, c)]
        formulas = [(rr, c) for rr, c in typed if c in inputs and cells[(rr, c)].data_type == "f"]
        values = [(rr, c) for rr, c in typed if c in computed and cells[(rr, c)].data_type != "f"]
        for where, why in ((outside, "outside"), (formulas, "formula"), (values, "computed")):
            if where:
                error = _refuse_below(ws, table_name, lang, where, why)
                break
    return r, error


def _check_free(ws, table_name: str, lang: str, min_col: int, max_col: int, start: int, end: int) -> None:
    """Refuse to grow the table over cells typed further below (after a blank row)."""
    cells = ws._cells
    typed = [(r, c) for r in range(start, min(end, ws.max_row) + 1) for c in range(min_col, max_col + 1)
             if _filled(cells, r, c)]
    if typed:
        raise _refuse_below(ws, table_name, lang, typed, "gap")


def write_rows(wb, table_name: str, rows: Iterable[Mapping], *, append: bool = False, min_rows: int | None = None,
               bulk: bool = False) -> int:
    """Replace (or, with ``append``, extend) the body of ``table_name`` with ``rows``.

    Returns the number of body rows the table has afterwards (data rows plus the blank,
    formatted rows kept for typing, at least ``min_rows`` in all). ``tblCustomers`` is kept
    sorted by its ABC basis (see :func:`sort_customers`), also when appending.

    Columns are found by header (:func:`table_columns`); columns the contract does not know (a
    user's "Commentaire") are kept: their cells follow their row's id (``id``, or a customer's
    ``code``) when rows are replaced or sorted, and stay below the data when that row is gone.

    ``bulk``: the body's cells below its first row are not made as openpyxl cells but described
    (:class:`pacxl.workbook.bulk.BulkRows`) and written into the sheet's XML by
    :func:`pacxl.io.save.save_workbook`, the only way to save such a workbook (the importers:
    50,000 rows in a fraction of the time and memory). The saved file is the same.
    """
    spec = TABLES.get(table_name)
    if spec is None:
        raise WorkbookError(f"unknown table {table_name!r}: one of {', '.join(TABLES)}",
            fr=f"tableau inconnu {table_name!r} : l'un de {', '.join(TABLES)}")
    ws, tbl, col_of = table_columns(wb, table_name)
    min_col, header, max_col, old_last = range_boundaries(tbl.ref)
    first = header + 1
    from .bulk import blocks_of

    if any(b.lo <= old_last and min_col <= max(b.columns()) and min(b.columns()) <= max_col
           for b in blocks_of(wb).get(ws.title, ())):  # (its rows are not cells until saved)
        raise WorkbookError(f"{table_name} was written in bulk: save the workbook before writing it again",
            fr=f"{table_name} a été écrit en bloc : enregistrez le classeur avant de l'écrire à nouveau")
    lang = workbook_lang(wb)
    typed_first = max(old_last, first) + 1
    typed_last, unfit = rows_below(ws, table_name, col_of, lang)
    if unfit is not None:  # left where they are: refused below if the table must grow over them
        typed_last = typed_first - 1
    old_last = max(typed_last, first)  # rows typed below that fit become table rows
    keys = spec.keys()
    input_keys = [c.key for c in spec.columns if not c.computed]
    computed_keys = {c.key for c in spec.columns if c.computed}
    input_cols = [col_of[k] for k in input_keys]
    extra_cols = sorted(set(range(min_col, max_col + 1)) - set(col_of.values()))

    rows = list(rows)
    for i, row in enumerate(rows, start=1):
        unknown = [k for k in row if k not in col_of]
        if unknown:
            raise InputError(f"{table_name}, row {i}: unknown column {unknown[0]!r}",
                fr=f"{table_name}, ligne {i} : colonne inconnue {unknown[0]!r}")
    if not append and typed_last >= typed_first:  # replacing: the typed rows are kept, after
        typed = _read_rows(ws, input_keys, input_cols, typed_first, typed_last)
        rows += [row for row in typed if any(v not in (None, "") for v in row.values())]

    start = first
    moves = not append or table_name == "tblCustomers"  # rows change places: extras follow ids
    if append:
        start = _last_data_row(ws, input_cols + extra_cols, first, old_last) + 1
        if table_name == "tblCustomers":  # keep the order: merge the old rows with the new
            rows = _read_rows(ws, input_keys, input_cols, first, start - 1) + rows
            start = first
    if table_name == "tblCustomers":
        rows = sort_customers(rows, workbook_basis(wb))
    extras = _take_extras(ws, extra_cols, col_of[ROW_KEY.get(table_name, "id")], first, old_last) if moves else []

    n_data = start - first + len(rows)
    n_body = max(n_data + len(extras), min_rows or 0, 1)
    last = first + n_body - 1
    if unfit is not None and last >= typed_first:
        raise unfit
    _check_free(ws, table_name, lang, min_col, max_col, old_last + 1, last)

    # the first body row's look is every row's look
    cells = ws._cells
    styles = {}
    for k in keys:
        tmpl = cells.get((first, col_of[k]))
        styles[k] = copy(tmpl._style) if tmpl is not None and tmpl.has_style else None

    sheet_cells = ws._cells
    if bulk:  # rows below the first are described, not made (see pacxl.workbook.bulk)
        from . import bulk as bulk_rows

        contract_cols = [col_of[k] for k in keys]
        computed_cols = [col_of[k] for k in keys if k in computed_keys]
        for rr in range(first + 1, max(last, old_last) + 1):
            keep_inputs = rr < start  # (append: the rows already there keep their cells)
            for c in (computed_cols if keep_inputs else contract_cols):
                sheet_cells.pop((rr, c), None)

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
        if bulk and r > first:
            for k, c, st in input_specs:
                v = get(k)
                t = type(v)
                if t is str:
                    if len(v) > MAX_TEXT:
                        write_text(Cell(ws, row=r, column=c), v)  # (refused, naming the cell)
                elif t is float or t is int:
                    if v == v and not bulk_rows.deferred(v):  # +-inf, an int past a float: a real cell
                        put(r, c, st, v)  # (as openpyxl makes it; NaN is a blank)
                elif v is not None:
                    v = _value(v)
                    if not (is_formula(v) or bulk_rows.deferred(v)):
                        put(r, c, st, v)  # a date, a boolean: a real cell among the described ones
        else:
            for k, c, st in input_specs:
                put(r, c, st, _value(get(k)))
        r += 1
    for rr in range(r, (min(last, first) if bulk else last) + 1):
        for k, c, st in input_specs:
            put(rr, c, st, None)
    if moves:
        _place_extras(ws, extras, rows, ROW_KEY.get(table_name, "id"), start, r)

    # computed columns: every row, one formula per column (also the table's calculated column)
    makers = computed_columns(table_name, lang, min_col, header, col_of)
    for k in keys:
        if k not in computed_keys:
            continue
        make, c, st = makers[k], col_of[k], styles[k]
        for rr in range(first, (first if bulk else last) + 1):
            put(rr, c, st, make(rr, first, last), formula=True)
    if bulk and last > first:
        bulk_rows.add(wb, bulk_rows.BulkRows(
            sheet=ws.title, lo=first + 1, hi=last,
            inputs=[(k, col_of[k], styles[k]) for k in input_keys],
            rows=rows, start=start, blank_from=max(r, first + 1), value=_value,
            computed=[(col_of[k], styles[k], (lambda rr, make=makers[k]: make(rr, first, last)))
                      for k in keys if k in computed_keys],
            style_ids=wb._cell_styles))
    _calculated_columns(ws, tbl, {col_of[k]: makers[k](first, first, last) for k in computed_keys},
                        min_col, header)

    # a shrinking table leaves nothing behind (the user's extra cells were moved up above)
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


def _calculated_columns(ws, tbl, formulas: Mapping[int, str], min_col: int, header: int) -> None:
    """Declare the computed columns as Excel calculated columns: ``calculatedColumnFormula`` is
    the first body row's formula without its ``=`` (what Excel keeps in the table part; the
    cells hold the same formula row by row). Excel then gives a row typed under the table (on an
    unprotected sheet) and an inserted row the same formulas. Other columns lose a stale one."""
    if not tbl.tableColumns:  # a table made by the builder: columns named after the headers
        tbl._initialise_columns()
        for i, col in enumerate(tbl.tableColumns):
            col.name = str(ws.cell(row=header, column=min_col + i).value)
    for i, col in enumerate(tbl.tableColumns):
        f = formulas.get(min_col + i)
        col.calculatedColumnFormula = None if f is None else TableFormula(attr_text=f[1:])


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
