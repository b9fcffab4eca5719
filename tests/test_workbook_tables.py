"""write_rows: fills a table's body, keeps the row template's look, and keeps everything that
depends on the table's size (column names, validations, conditional formats, the calendar) in
step, and nothing else changes. Recalculated in LibreOffice, totals still cover every row."""

from __future__ import annotations

import datetime as dt

import openpyxl
from openpyxl.utils import get_column_letter
import pytest

from pacxl.calc import abc_classes
from pacxl.demo import demo_plan
from pacxl.errors import InputError, WorkbookError
from pacxl.recalc import recalculate
from pacxl.workbook.contract import BUDGET, CUSTOMERS, SHEETS, column_name
from pacxl.workbook.tables import find_table, sort_customers, write_rows


@pytest.fixture
def wb(generated_workbooks):
    return openpyxl.load_workbook(generated_workbooks["demo_fr"])


def ref_last(wb, table):
    return int(find_table(wb, table)[1].ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))


def budget_rows(n):
    return [{"id": f"L{i}", "category": "Digital", "label": f"line {i}", "m01": 10.0 * i,
             "m12": 1.0, "actual": 5.0} for i in range(1, n + 1)]


def snapshot(wb, skip_sheet=None, skip_cols=None):
    """Every cell's value and style of the workbook, outside a table's columns."""
    out = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if ws.title == skip_sheet and c.column <= skip_cols:
                    continue
                out[(ws.title, c.coordinate)] = (c.value, c.style_id if c.has_style else None)
    return out


def test_grow_keeps_look_and_resizes_dependents(wb):
    n = write_rows(wb, "tblBudget", budget_rows(300))
    assert n == 300
    ws = wb["Budget"]
    last = ref_last(wb, "tblBudget")
    assert last == 6 + 300 - 1
    # every row looks like the first: input style unlocked, computed locked
    for r in (6, 150, last):
        assert ws.cell(row=r, column=5).protection.locked is False
        assert ws.cell(row=r, column=5).number_format == ws["E6"].number_format
        assert ws.cell(row=r, column=BUDGET.index("total") + 1).protection.locked is True
        assert ws.cell(row=r, column=BUDGET.index("total") + 1).value.startswith("=IF(COUNT(")
    total = get_column_letter(BUDGET.index("total") + 1)
    assert wb.defined_names[column_name("tblBudget", "total")].attr_text == f"'Budget'!${total}$6:${total}${last}"
    sqrefs = {str(dv.sqref) for dv in ws.data_validations.dataValidation}
    assert f"B6:B{last}" in sqrefs and f"E6:Q{last}" in sqrefs
    # the month table's header names survive
    assert ws["E5"].value.startswith("janv.")


def test_shrink_and_min_rows_keep_blank_typing_rows(wb):
    write_rows(wb, "tblBudget", budget_rows(300))
    n = write_rows(wb, "tblBudget", budget_rows(3), min_rows=8)
    assert n == 8
    ws = wb["Budget"]
    assert ref_last(wb, "tblBudget") == 13
    assert ws["A8"].value == "L3" and ws["A9"].value is None
    assert ws["A13"].fill.fgColor.rgb == ws["A6"].fill.fgColor.rgb  # formatted for typing
    assert ws["R13"].value.startswith("=")  # and its formulas are there
    assert (14, 1) not in ws._cells and (200, 18) not in ws._cells  # nothing left behind


def test_append_goes_after_the_last_data_row(wb):
    before = len(demo_plan("fr").budget)
    write_rows(wb, "tblBudget", budget_rows(2), append=True)
    ws = wb["Budget"]
    assert ws.cell(row=6 + before, column=1).value == "L1"
    assert ws.cell(row=7 + before, column=1).value == "L2"
    assert ws["A6"].value != "L1"


def test_nothing_outside_the_table_changes(wb):
    ncols = len(BUDGET.columns)
    before = snapshot(wb, "Budget", ncols)
    write_rows(wb, "tblBudget", budget_rows(120))
    after = snapshot(wb, "Budget", ncols)
    assert after == before


def test_actions_resize_the_calendar(wb):
    rows = [{"id": f"A{i}", "action": f"Action {i}", "start": dt.date(2026, 1 + i % 12, 1),
             "end": dt.date(2026, 1 + i % 12, 20), "owner": "Zoé"} for i in range(1, 81)]
    write_rows(wb, "tblActions", rows)
    cal = wb[SHEETS["calendar"]["fr"]]
    last = 5 + 80 - 1
    assert cal.cell(row=last, column=1).value == f'=IF(INDEX({column_name("tblActions", "id")},80)="","",INDEX({column_name("tblActions", "id")},80))'
    assert (last + 1, 1) not in cal._cells
    ranges = {str(cf.sqref) for cf in cal.conditional_formatting}
    assert f"G5:R{last}" in ranges
    write_rows(wb, "tblActions", rows[:5], min_rows=10)
    assert (15, 1) not in cal._cells and cal["A14"].value.startswith("=IF(INDEX(")
    assert "G5:R14" in {str(cf.sqref) for cf in cal.conditional_formatting}


def test_text_is_never_a_formula(wb):
    write_rows(wb, "tblBudget", [{"id": "X", "label": "=HYPERLINK(\"http://evil\")"}])
    c = wb["Budget"]["D6"]
    assert c.value == '=HYPERLINK("http://evil")' and c.data_type == "s"


def test_unknown_column_and_table(wb):
    with pytest.raises(InputError) as exc:
        write_rows(wb, "tblBudget", [{"id": "X"}, {"idd": "Y"}])
    assert str(exc.value) == "tblBudget, row 2: unknown column 'idd'"
    with pytest.raises(WorkbookError, match="unknown table"):
        write_rows(wb, "tblNope", [])


def test_customers_kept_sorted_also_on_append(wb):
    rows = [{"code": "a", "amount": 5.0}, {"code": "b", "amount": None}, {"code": "c", "amount": 50.0},
            {"code": "d", "amount": -3.0}, {"code": "e", "amount": 50.0}]
    write_rows(wb, "tblCustomers", rows)
    ws = wb[SHEETS["customers"]["fr"]]
    assert [ws.cell(row=r, column=1).value for r in range(5, 10)] == ["c", "e", "a", "b", "d"]
    write_rows(wb, "tblCustomers", [{"code": "z", "amount": 10.0}], append=True)
    assert [ws.cell(row=r, column=1).value for r in range(5, 11)] == ["c", "e", "z", "a", "b", "d"]
    assert [r["code"] for r in sort_customers(rows)] == ["c", "e", "a", "b", "d"]


@pytest.mark.libreoffice
def test_grown_tables_recalculate_over_every_row(generated_workbooks, tmp_path):
    wb = openpyxl.load_workbook(generated_workbooks["blank_fr"])
    write_rows(wb, "tblBudget", budget_rows(400))
    amounts = [float((i * 7919) % 1000) for i in range(1500)] + [0.0, -5.0]
    write_rows(wb, "tblCustomers", [{"code": f"C{i}", "amount": a, "segment": "Segment A"}
                                    for i, a in enumerate(amounts)])
    actions = [{"id": f"A{i}", "action": "x", "status": "Fait"} for i in range(1, 61)]
    write_rows(wb, "tblActions", actions)
    path = tmp_path / "grown.xlsx"
    wb.save(path)
    rec = openpyxl.load_workbook(recalculate(path, tmp_path / "out"), data_only=True)
    bud = rec["Budget"]
    expected = sum(10.0 * i + 1.0 for i in range(1, 401))
    assert bud.cell(row=3, column=BUDGET.index("total") + 1).value == pytest.approx(expected)
    dash = rec[SHEETS["dashboard"]["fr"]]
    values = {dash.cell(row=r, column=1).value: dash.cell(row=r, column=2).value for r in range(1, dash.max_row + 1)}
    assert values["Budget de l'année"] == pytest.approx(expected)
    assert values["Actions"] == 60
    assert values["Actions faites (%)"] == pytest.approx(1.0)
    assert values["Clients avec CA"] == sum(1 for a in amounts if a > 0)
    cust = rec[SHEETS["customers"]["fr"]]
    abc_col, amount_col = CUSTOMERS.index("abc") + 1, CUSTOMERS.index("amount") + 1
    classes = [cust.cell(row=r, column=abc_col).value or "" for r in range(5, 5 + len(amounts))]
    got = sorted(zip([cust.cell(row=r, column=amount_col).value for r in range(5, 5 + len(amounts))], classes))
    res = abc_classes(amounts)
    expected = sorted(zip(amounts, map(str, res.classes)))
    assert len(got) == len(expected) and not [(g, e) for g, e in zip(got, expected) if g != e][:5]
    cal = rec[SHEETS["calendar"]["fr"]]
    assert cal["A64"].value == "A60"


def _one_formula_per_column(wb, table):
    """{column key: rows whose formula is not the first body row's, moved to that row}, and the
    table's calculated-column formulas by key."""
    from openpyxl.formula.translate import Translator
    from openpyxl.utils import get_column_letter, range_boundaries

    from pacxl.workbook.contract import TABLES
    from pacxl.workbook.tables import table_columns

    ws, tbl, col_of = table_columns(wb, table)
    min_col, header, _, last = range_boundaries(tbl.ref)
    first = header + 1
    odd, declared = {}, {}
    for c in TABLES[table].columns:
        if not c.computed:
            continue
        col = get_column_letter(col_of[c.key])
        top = ws[f"{col}{first}"].value
        odd[c.key] = [r for r in range(first + 1, last + 1)
                      if Translator(top, origin=f"{col}{first}").translate_formula(f"{col}{r}") != ws[f"{col}{r}"].value]
        tc = tbl.tableColumns[col_of[c.key] - min_col]
        declared[c.key] = (tc.calculatedColumnFormula.attr_text if tc.calculatedColumnFormula else None, top)
    return odd, declared


@pytest.mark.parametrize("table", ["tblCustomers", "tblActions", "tblBudget", "tblKPI", "tblObjectives"])
def test_every_computed_column_is_one_excel_calculated_column(wb, table):
    """Each computed column holds the same relative formula on every row (the customer table's
    running sums included: a sort keeps them right) and declares it as the table's calculated
    column, so Excel gives it to a row typed under the table; an import keeps it so."""
    for book in (wb, None):
        if book is None:  # after an import that grows the table
            rows = [{"code": f"N{i}", "amount": float(i)} for i in range(700)] if table == "tblCustomers" else []
            if rows:
                write_rows(wb, table, rows)
            book = wb
        odd, declared = _one_formula_per_column(book, table)
        assert {k: v for k, v in odd.items() if v} == {}
        assert {k: "=" + f for k, (f, _) in declared.items() if f} == {k: top for k, (_, top) in declared.items()}
