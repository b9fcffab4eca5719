"""Rows typed just below a table (LibreOffice does not grow tables) are never overwritten by an
import that grows the table (issue 11): they become table rows when they fit its columns, or the
import is refused naming them, the workbook left byte-identical."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.utils import get_column_letter, range_boundaries

from pacxl.cli import main
from pacxl.errors import WorkbookError
from pacxl.io import import_file
from pacxl.workbook.read import read_workbook
from pacxl.workbook.tables import table_columns


def _type_below(src: Path, dst: Path, values: dict[str, object], *, gap: int = 0, beyond: object = None,
                table: str = "tblBudget") -> tuple[int, dict[str, int]]:
    """Copy ``src`` to ``dst`` with a row typed below ``table`` (``gap`` blank rows between):
    ``values`` by contract key, ``beyond`` in the column right of the table. Returns (its row,
    key -> column)."""
    wb = openpyxl.load_workbook(src)
    ws, tbl, col_of = table_columns(wb, table)
    _, _, max_col, last = range_boundaries(tbl.ref)
    r = last + 1 + gap
    for key, v in values.items():
        ws.cell(row=r, column=col_of[key], value=v)
    if beyond is not None:
        ws.cell(row=r, column=max_col + 1, value=beyond)
    wb.save(dst)
    return r, col_of


def _csv(tmp_path: Path, year: int, n: int = 3) -> Path:
    p = tmp_path / "budget.csv"
    p.write_text("Ligne;Catégorie;Poste budgétaire;Mois;Montant\n"
                 + "".join(f"IMP-{i};Digital;Import {i};01/{year};{100 + i}\n" for i in range(1, n + 1)),
                 encoding="utf-8")
    return p


TYPED = {"id": "TYPED-1", "category": "Digital", "label": "Ligne saisie sous le tableau", "m01": 4321}


@pytest.mark.parametrize("append", [True, False])
def test_rows_typed_below_become_table_rows_and_survive(generated_workbooks, tmp_path, append):
    wb = tmp_path / "plan.xlsx"
    row, _ = _type_below(generated_workbooks["demo_fr"], wb, TYPED)
    before = read_workbook(wb)[0]
    assert "TYPED-1" not in [b.id for b in before.budget]  # outside the table: not read yet
    import_file("budget", wb, _csv(tmp_path, before.settings.year), backup=False, append=append)
    plan = read_workbook(wb)[0]
    lines = {b.id: b for b in plan.budget}
    typed = lines["TYPED-1"]
    assert (typed.category, typed.label, typed.months[0]) == ("Digital", TYPED["label"], 4321)
    assert {"IMP-1", "IMP-2", "IMP-3"} <= set(lines)
    ids = [b.id for b in plan.budget]
    if append:  # kept in place; the import's rows after them
        assert ids.index("TYPED-1") < ids.index("IMP-1")
        assert len(ids) == len(before.budget) + 4
        book = openpyxl.load_workbook(wb)
        ws, tbl, col_of = table_columns(book, "tblBudget")
        assert ws.cell(row=row, column=col_of["id"]).value == "TYPED-1"
    else:  # the old rows are replaced; the typed row is the user's: kept after the import's
        assert ids == ["IMP-1", "IMP-2", "IMP-3", "TYPED-1"]
    # the typed row computes like the others (its total formula was written)
    book = openpyxl.load_workbook(wb)
    ws, tbl, col_of = table_columns(book, "tblBudget")
    r = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=col_of["id"]).value == "TYPED-1")
    assert str(ws.cell(row=r, column=col_of["total"]).value).startswith("=")
    assert r <= range_boundaries(tbl.ref)[3]


@pytest.mark.parametrize("lang, gap, beyond, why", [
    ("fr", 0, "à voir avec Paul", "une cellule hors des colonnes du tableau"),
    ("en", 0, "ask Paul", "a cell beyond the table's columns"),
    ("fr", 1, None, "une ligne vide les sépare du tableau"),
])
def test_rows_that_do_not_fit_are_refused_naming_the_cells(generated_workbooks, tmp_path, lang, gap, beyond, why):
    wb = tmp_path / "plan.xlsx"
    values = {"id": "TYPED-1", "label": "Saisie", "m01": 4321}
    row, col_of = _type_below(generated_workbooks[f"demo_{lang}"], wb, values, gap=gap, beyond=beyond)
    year = read_workbook(wb)[0].settings.year
    _, tbl, _ = table_columns(openpyxl.load_workbook(wb), "tblBudget")
    min_row, max_row = range_boundaries(tbl.ref)[1::2]
    n = max_row - min_row  # appended after the demo's lines: the table must grow over the typed row
    before = wb.read_bytes()
    sheet = "Budget"
    if beyond is not None:
        max_col = max(col_of.values())
        cells = f"{sheet}!{get_column_letter(max_col + 1)}{row}"
    else:
        cells = f"{sheet}!{get_column_letter(col_of['id'])}{row}:{get_column_letter(col_of['m01'])}{row}"
    with pytest.raises(WorkbookError) as err:
        import_file("budget", wb, _csv(tmp_path, year, n), backup=False, append=True)
    assert cells in str(err.value) and why in str(err.value)
    assert wb.read_bytes() == before
    res = CliRunner().invoke(main, ["import", "budget", str(wb), str(_csv(tmp_path, year, n)), "--append"])
    assert res.exit_code == 2 and cells in res.output and "Traceback" not in res.output
    assert wb.read_bytes() == before


def test_rows_that_do_not_fit_are_left_alone_when_the_table_does_not_reach_them(generated_workbooks, tmp_path):
    wb = tmp_path / "plan.xlsx"
    row, col_of = _type_below(generated_workbooks["demo_fr"], wb, {"label": "Note"}, beyond="à côté")
    import_file("budget", wb, _csv(tmp_path, read_workbook(wb)[0].settings.year), backup=False)  # 3 lines: shrinks
    ws, tbl, _ = table_columns(openpyxl.load_workbook(wb), "tblBudget")
    assert ws.cell(row=row, column=col_of["label"]).value == "Note"
    assert range_boundaries(tbl.ref)[3] < row


def test_customers_typed_below_are_merged_in_order(generated_workbooks, tmp_path):
    wb = tmp_path / "plan.xlsx"
    _type_below(generated_workbooks["demo_fr"], wb, {"code": "TYP", "name": "Client saisi", "amount": 88888888},
                table="tblCustomers")
    src = tmp_path / "c.csv"
    src.write_text("Code client;Raison sociale;CA\nNEW;Nouveau;10\n", encoding="utf-8")
    n = len(read_workbook(wb)[0].customers)
    import_file("customers", wb, src, backup=False, append=True)
    customers = read_workbook(wb)[0].customers
    assert customers[0].code == "TYP" and customers[0].amount == 88888888
    assert len(customers) == n + 2
