"""What a user sees: no raw TRUE/FALSE, helper rows and columns hidden, month names from the
i18n table (never a locale-dependent number format)."""

from __future__ import annotations

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from pacxl.workbook.contract import CUSTOMERS, SHEETS
from pacxl.workbook.i18n import MONTH_ABBR, month_labels, text

SHOWN = ("blank_fr", "blank_en", "demo_fr", "demo_en")


def hidden_columns(ws) -> set[int]:
    out = set()
    for dim in ws.column_dimensions.values():
        if dim.hidden:
            out.update(range(dim.min, dim.max + 1))
    return out


def hidden_rows(ws) -> set[int]:
    return {r for r, dim in ws.row_dimensions.items() if dim.hidden}


def shown_cells(ws):
    """Cells of a sheet on a visible row and column (a hidden sheet shows none)."""
    if ws.sheet_state != "visible":
        return
    rows, cols = hidden_rows(ws), hidden_columns(ws)
    for row in ws.iter_rows():
        for c in row:
            if c.row not in rows and c.column not in cols:
                yield c


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", SHOWN)
def test_no_visible_cell_shows_true_or_false(recalculated_workbooks, generated_workbooks, name):
    values = openpyxl.load_workbook(recalculated_workbooks[name], data_only=True)
    layout = openpyxl.load_workbook(generated_workbooks[name])
    found = []
    for ws in layout.worksheets:
        shown = {c.coordinate for c in shown_cells(ws)}
        found += [f"{ws.title}!{c.coordinate}" for row in values[ws.title].iter_rows() for c in row
                  if isinstance(c.value, bool) and c.coordinate in shown]
    assert found == []
    # the flag the ABC formulas read is still a boolean, in its hidden column
    flag = values.defined_names["PAC_CustomersSorted"]
    (title, ref), = list(flag.destinations)
    assert isinstance(values[title][ref.replace("$", "")].value, bool)


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", ["demo_fr", "blank_en"])
def test_customers_say_whether_the_table_is_sorted_in_words(recalculated_workbooks, name):
    lang = name[-2:]
    ws = openpyxl.load_workbook(recalculated_workbooks[name], data_only=True)[SHEETS["customers"][lang]]
    label = next(c for row in ws.iter_rows() for c in row if c.value == text("cu_sorted", lang))
    assert ws.cell(row=label.row, column=label.column + 1).value == text("cu_sorted_yes", lang)


@pytest.mark.parametrize("name", SHOWN)
def test_helper_rows_and_columns_are_hidden(generated_workbooks, name):
    """The plan-month numbers above the budget and KPI month columns, the customers' helper
    columns and sorted flag: hidden, and outside every print area."""
    lang = name[-2:]
    wb = openpyxl.load_workbook(generated_workbooks[name])
    for role in ("budget", "kpi"):
        ws = wb[SHEETS[role][lang]]
        rows = [c.row for row in ws.iter_rows(max_row=10) for c in row if c.value == text("plan_month", lang)]
        assert rows, role
        numbers = [c.value for c in ws[rows[0]] if isinstance(c.value, int)]
        assert numbers[:12] == list(range(1, 13)), role
        assert set(rows) <= hidden_rows(ws), role
    ws = wb[SHEETS["customers"][lang]]
    helpers = [CUSTOMERS.index(c.key) + 1 for c in CUSTOMERS.columns if c.key.startswith("h_")]
    flag = wb.defined_names["PAC_CustomersSorted"].attr_text.split("!")[1].replace("$", "")
    flag_col = openpyxl.utils.cell.column_index_from_string("".join(ch for ch in flag if ch.isalpha()))
    assert flag_col in hidden_columns(ws)
    assert len(helpers) == 7 and set(helpers) <= hidden_columns(ws)
    printed = " ".join(str(a) for a in ([ws.print_area] if isinstance(ws.print_area, str) else ws.print_area))
    assert get_column_letter(flag_col) + "1" not in printed


@pytest.mark.parametrize("name", SHOWN)
def test_no_month_shown_through_a_locale_format(generated_workbooks, name):
    """``MMM`` follows the reader's locale ("Jan 26" in a French workbook): months are names
    from the i18n table. The calendar's headers are formulas of Settings' year and first month."""
    lang = name[-2:]
    wb = openpyxl.load_workbook(generated_workbooks[name])
    formats = {c.number_format for ws in wb.worksheets for row in ws.iter_rows() for c in row}
    assert not [f for f in formats if "MMM" in f.upper()]
    cal = wb[SHEETS["calendar"][lang]]
    heads = [c.value for c in cal[4] if isinstance(c.value, str) and "CHOOSE(MONTH(" in c.value]
    assert len(heads) == 12
    assert all(f'"{m}"' in heads[0] for m in MONTH_ABBR[lang])
    assert all("PAC_Year" in h and "PAC_FirstMonth" in h for h in heads)


@pytest.mark.libreoffice
def test_month_names_follow_settings(generated_workbooks, tmp_path):
    """Change the year and the first month on Settings: LibreOffice recomputes the calendar's
    headers and the dashboard's months."""
    from pacxl.recalc import recalculate

    wb = openpyxl.load_workbook(generated_workbooks["blank_fr"])
    ws = wb[SHEETS["settings"]["fr"]]
    for name, value in (("PAC_Year", 2031), ("PAC_FirstMonth", 11)):
        (title, ref), = list(wb.defined_names[name].destinations)
        wb[title][ref.replace("$", "")] = value
    path = tmp_path / "moved.xlsx"
    wb.save(path)
    rec = openpyxl.load_workbook(recalculate(path, tmp_path / "out"), data_only=True)
    cal = rec[SHEETS["calendar"]["fr"]]
    heads = [c.value for c in cal[4][6:18]]
    assert heads[0] == "nov.\n2031" and heads[2] == "janv.\n2032" and heads[11] == "oct.\n2032"
    # the dashboard's month labels (and its chart's categories) follow too
    dash = rec[SHEETS["dashboard"]["fr"]]
    head = next(c for row in dash.iter_rows() for c in row if c.value == text("db_month_col", "fr"))
    months = [dash.cell(row=head.row + m, column=head.column).value for m in range(1, 13)]
    assert months == month_labels("fr", 11, 2031)
    assert ws.title == SHEETS["settings"]["fr"]
