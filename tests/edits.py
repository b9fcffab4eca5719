"""Ordinary edits a user makes to a pacxl workbook in Excel or LibreOffice, made here with openpyxl
so that tests can replay them (no binary fixtures).

:func:`insert_column` inserts a sheet column inside a table, as LibreOffice does (and Excel
when a sheet column is inserted): every cell from that column rightwards moves one column right,
and every reference to a moved cell follows it (formulas on every sheet, defined names, the
tables' ranges, data validations, conditional formats, merged cells); the table gains a column
with the given header.
"""

from __future__ import annotations

import re

from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.formula.tokenizer import Token, Tokenizer
from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.table import TableColumn

_CELL = re.compile(r"^(\$?)([A-Z]{1,3})(\$?)(\d+)$")


def _shift_cell(ref: str, at: int) -> str:
    m = _CELL.match(ref)
    if not m:
        return ref
    col = column_index_from_string(m.group(2))
    if col >= at:
        col += 1
    return f"{m.group(1)}{get_column_letter(col)}{m.group(3)}{m.group(4)}"


def _shift_ref(ref: str, title: str, own_sheet: bool, at: int) -> str:
    """A reference (``'Budget'!$E$6:$E$30``, ``E6:P6``) with the moved columns shifted."""
    sheet, _, cells = ref.rpartition("!")
    if sheet:
        if sheet.strip("'").replace("''", "'") != title:
            return ref
    elif not own_sheet:
        return ref
    parts = [_shift_cell(p, at) for p in cells.split(":")]
    return (sheet + "!" if sheet else "") + ":".join(parts)


def shift_formula(formula: str, title: str, own_sheet: bool, at: int) -> str:
    tok = Tokenizer(formula)
    for t in tok.items:
        if t.type == Token.OPERAND and t.subtype == Token.RANGE:
            t.value = _shift_ref(t.value, title, own_sheet, at)
    return tok.render()


def _shift_sqref(sqref, at: int) -> str:
    return " ".join(":".join(_shift_cell(p, at) for p in str(r).split(":")) for r in MultiCellRange(str(sqref)).ranges)


def insert_column(wb, table_name: str, before_key: str, header: str) -> int:
    """Insert a column headed ``header`` into ``table_name`` before the contract column
    ``before_key`` (found by header, as pacxl finds it); returns the new column's index."""
    from pacxl.workbook.tables import table_columns

    ws, tbl, col_of = table_columns(wb, table_name)
    at = col_of[before_key]
    title = ws.title
    for other in wb.worksheets:  # formulas everywhere follow the moved cells
        for row in other.iter_rows():
            for cell in row:
                if cell.data_type == "f" and isinstance(cell.value, str):
                    cell.value = shift_formula(cell.value, title, other is ws, at)
    for name, dn in list(wb.defined_names.items()):
        dn.attr_text = shift_formula("=" + dn.attr_text, title, False, at)[1:]
    merged = [str(r) for r in ws.merged_cells.ranges]
    for r in merged:
        ws.unmerge_cells(r)
    ws.insert_cols(at)
    for r in merged:
        ws.merge_cells(":".join(_shift_cell(p, at) for p in r.split(":")))
    for t in ws.tables.values():
        t.ref = ":".join(_shift_cell(p, at) for p in t.ref.split(":"))
        if t.autoFilter is not None:
            t.autoFilter.ref = t.ref
    min_col, min_row, _, _ = range_boundaries(tbl.ref)
    new_id = max(c.id for c in tbl.tableColumns) + 1
    tbl.tableColumns.insert(at - min_col, TableColumn(id=new_id, name=header))
    ws.cell(row=min_row, column=at, value=header)
    for dv in ws.data_validations.dataValidation:
        dv.sqref = MultiCellRange(_shift_sqref(dv.sqref, at))
    new = ConditionalFormattingList()
    for cf in ws.conditional_formatting:
        for rule in cf.rules:
            rule.formula = [shift_formula("=" + f, title, True, at)[1:] for f in (rule.formula or [])]
            new.add(_shift_sqref(cf.sqref, at), rule)
    ws.conditional_formatting = new
    return at
