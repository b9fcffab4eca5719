"""Blank and demo workbooks, French and English, show no error value once LibreOffice has
recalculated them. On the --udfs workbook only the UDF sheet's cells that call a PAC_* function
are excused: LibreOffice has no xlwings, so they are #NAME? there (and only there). The Pareto
chart's hidden helper cells may be #N/A (a gap in the chart, not a value anyone reads), and only
#N/A."""

from __future__ import annotations

import openpyxl
import pytest

from pacxl.workbook.contract import SHEETS
from pacxl.workbook.sheets.customers import chart_gap_cells
from pacxl.workbook.sheets.udfs import udf_cells

pytestmark = pytest.mark.libreoffice

ERRORS = ("#REF!", "#NAME?", "#VALUE!", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "Err:", "#PACXL")


def error_cells(path, skip=frozenset()):
    wb = openpyxl.load_workbook(path, data_only=True)
    lang = "fr" if SHEETS["customers"]["fr"] in wb.sheetnames else "en"
    gaps = chart_gap_cells(lang)
    found = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if (ws.title, c.coordinate) in skip:
                    continue
                if (ws.title, c.coordinate) in gaps and c.value == "#N/A":
                    continue
                if isinstance(c.value, str) and c.value.startswith(ERRORS):
                    found.append(f"{ws.title}!{c.coordinate}={c.value}")
    return found


@pytest.mark.parametrize("name", ["blank_fr", "blank_en", "demo_fr", "demo_en"])
def test_no_error_value_anywhere(recalculated_workbooks, name):
    assert error_cells(recalculated_workbooks[name]) == []


def test_udf_workbook_errors_only_in_udf_cells(generated_workbooks, recalculated_workbooks):
    title = SHEETS["udfs"]["fr"]
    ws = openpyxl.load_workbook(generated_workbooks["demo_fr_udfs"])[title]
    udfs = udf_cells(ws)
    assert len(udfs) > 50  # funnel, deals, ABC and three figures per KPI
    skip = {(title, c) for c in udfs}
    assert error_cells(recalculated_workbooks["demo_fr_udfs"], skip) == []
    # the excused cells are the UDF calls, which LibreOffice cannot know
    values = openpyxl.load_workbook(recalculated_workbooks["demo_fr_udfs"], data_only=True)[title]
    # LibreOffice shows INDEX() of an unknown function's array as #VALUE! (Excel: #NAME?)
    indexed = {c for c in udfs if "INDEX(PAC_RETENTION(" in ws[c].value}
    assert len(indexed) == 2 * 9  # the retention block's nine figures: value and agreement
    assert {values[c].value for c in udfs - indexed} <= {"#NAME?", "", None}
    assert {values[c].value for c in indexed} <= {"#NAME?", "#VALUE!", "", None}
    # the overall agreement cell counts marks: no error, it says the functions did not run
    assert values["B4"].value.startswith("–")


def test_values_were_computed(recalculated_workbooks):
    """Guard against a vacuous pass: LibreOffice did compute the formulas."""
    wb = openpyxl.load_workbook(recalculated_workbooks["demo_fr"], data_only=True)
    assert isinstance(wb[SHEETS["funnel"]["fr"]]["B7"].value, (int, float))
    (title, ref), = list(wb.defined_names["PAC_CustomersSorted"].destinations)  # (a hidden column)
    assert wb[title][ref.replace("$", "")].value is True
