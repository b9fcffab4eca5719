"""read_plan: the inverse of the generator, robust to blank rows, and clear about bad files."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile

import openpyxl
import pytest
from openpyxl.utils import get_column_letter, range_boundaries

from pacxl.demo import demo_plan
from pacxl.errors import WorkbookError
from pacxl.workbook.build import normalized
from pacxl.workbook.contract import ACTIONS, TABLES
from pacxl.workbook.read import as_date, as_number, read_plan, read_workbook


def table_cell(wb, table_name: str, index: int, key: str):
    """The cell of data row ``index`` (0-based) in column ``key``, located from the table itself."""
    for ws in wb.worksheets:
        if table_name in ws.tables:
            min_col, header, _, _ = range_boundaries(ws.tables[table_name].ref)
            col = min_col + TABLES[table_name].index(key)
            return ws, f"{get_column_letter(col)}{header + 1 + index}"
    raise AssertionError(table_name)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_demo_round_trip(lang, generated_workbooks):
    plan = read_plan(generated_workbooks[f"demo_{lang}"])
    assert plan.to_dict() == normalized(demo_plan(lang)).to_dict()


def test_blank_round_trip(generated_workbooks):
    from pacxl.defaults import blank_plan

    plan = read_plan(generated_workbooks["blank_fr"])
    assert plan.to_dict() == normalized(blank_plan("fr", year=2027)).to_dict()
    assert plan.actions == [] and plan.settings.tracking_month == 1  # a new plan is followed from its first month


@pytest.mark.libreoffice
def test_recalculated_copy_reads_the_same(generated_workbooks, demo_fr_recalc):
    # LibreOffice stores cached values and may change number types: the plan is the same
    assert read_plan(demo_fr_recalc).to_dict() == read_plan(generated_workbooks["demo_fr"]).to_dict()


def test_blank_rows_are_skipped_and_rows_recorded(generated_workbooks, tmp_path):
    path = tmp_path / "holes.xlsx"
    shutil.copyfile(generated_workbooks["demo_fr"], path)
    wb = openpyxl.load_workbook(path)
    n = len(demo_plan("fr").actions)
    for key in (c.key for c in ACTIONS.input_columns()):
        ws, ref = table_cell(wb, "tblActions", 3, key)
        ws[ref].value = None  # the 4th action's row is now blank
    ws, ref = table_cell(wb, "tblActions", n + 2, "action")  # a row typed below a gap
    ws[ref].value = "Late addition"
    ws, owner_ref = table_cell(wb, "tblActions", n + 2, "owner")
    wb.save(path)
    plan, layout = read_workbook(path)
    assert len(plan.actions) == n  # one removed, one added
    assert plan.actions[3].id == demo_plan("fr").actions[4].id
    assert plan.actions[-1].action == "Late addition"
    rows = layout.tables["tblActions"].rows
    assert rows[3] == rows[2] + 2  # the blank row is skipped, not renumbered
    assert layout.item("tblActions", len(plan.actions) - 1, "owner") == (ws.title, owner_ref)


def test_formula_typed_in_an_input_cell_reads_as_blank(generated_workbooks, tmp_path):
    path = tmp_path / "formula.xlsx"
    shutil.copyfile(generated_workbooks["demo_fr"], path)
    wb = openpyxl.load_workbook(path)
    ws, ref = table_cell(wb, "tblActions", 0, "budget")
    ws[ref].value = "=1000*2"  # no cached value to trust: pacxl does not evaluate it
    wb.save(path)
    assert read_plan(path).actions[0].budget is None


def test_typed_deal_override(generated_workbooks, tmp_path):
    path = tmp_path / "override.xlsx"
    shutil.copyfile(generated_workbooks["demo_fr"], path)
    wb = openpyxl.load_workbook(path)
    sheet, ref = next(wb.defined_names["PAC_DealsOverride"].destinations)
    wb[sheet][ref.replace("$", "")].value = 99
    wb.save(path)
    assert read_plan(path).settings.deals_target == 99


def test_not_a_pacxl_workbook(tmp_path):
    other = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "hello"
    wb.save(other)
    with pytest.raises(WorkbookError, match=r"other\.xlsx: not a pacxl workbook"):
        read_plan(other)


def test_missing_table(generated_workbooks, tmp_path):
    path = tmp_path / "no_table.xlsx"
    shutil.copyfile(generated_workbooks["demo_fr"], path)
    wb = openpyxl.load_workbook(path)
    ws, _ = table_cell(wb, "tblKPI", 0, "id")
    del ws.tables["tblKPI"]
    wb.save(path)
    with pytest.raises(WorkbookError, match=r"no_table\.xlsx: not a pacxl workbook \(the table tblKPI is missing\)"):
        read_plan(path)


@pytest.mark.parametrize("damage", ["text", "truncated", "bad_xml", "empty"])
def test_damaged_files_name_the_file(damage, generated_workbooks, tmp_path):
    path = tmp_path / f"{damage}.xlsx"
    src = generated_workbooks["demo_fr"].read_bytes()
    if damage == "text":
        path.write_text("Code;Montant\n1;2\n")
    elif damage == "truncated":
        path.write_bytes(src[: len(src) // 2])
    elif damage == "empty":
        path.write_bytes(b"")
    else:  # a sheet's XML cut in the middle
        with zipfile.ZipFile(generated_workbooks["demo_fr"]) as zin, zipfile.ZipFile(path, "w") as zout:
            for item in zin.infolist():
                data = zin.read(item)
                if item.filename == "xl/worksheets/sheet9.xml":
                    data = data[: len(data) // 3]
                zout.writestr(item, data)
    with pytest.raises(WorkbookError, match=rf"{damage}\.xlsx: "):
        read_plan(path)


def test_missing_file(tmp_path):
    with pytest.raises(WorkbookError, match="nope.xlsx: no such file"):
        read_plan(tmp_path / "nope.xlsx")


@pytest.mark.parametrize("value,expected", [
    (dt.datetime(2026, 3, 1, 0, 0), dt.date(2026, 3, 1)),
    ("15/04/2026", dt.date(2026, 4, 15)),
    ("2026-04-15", dt.date(2026, 4, 15)),
    (46113, dt.date(2026, 4, 1)),  # an Excel serial number
    ("31/02/2026", None),
    ("soon", None),
])
def test_as_date(value, expected):
    assert as_date(value) == expected


@pytest.mark.parametrize("value,expected", [
    (12, 12.0), ("1 234,50", 1234.5), ("35 %", 0.35), ("=A1*2", None), ("n/a", None), (True, None),
])
def test_as_number(value, expected):
    assert as_number(value) == expected
