"""The workbook's XML as Excel writes it (issue 12, "It opens right in Excel"): read from the
saved files, since openpyxl's objects hide what reaches the disk."""

from __future__ import annotations

import re
import zipfile

import pytest

SHEET_XML = re.compile(r"xl/worksheets/sheet\d+\.xml")


def sheet_xml(path) -> dict[str, str]:
    """Part name -> text of every worksheet of the saved workbook ``path``."""
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if SHEET_XML.fullmatch(n)}


@pytest.mark.parametrize("name", ["blank_fr", "blank_en", "demo_fr", "demo_en"])
def test_list_validations_have_no_equal_sign(generated_workbooks, name):
    """Excel writes a list's source as ``<formula1>PAC_Owners</formula1>``; a leading "=" is
    LibreOffice's habit, not Excel's."""
    sources = [f for xml in sheet_xml(generated_workbooks[name]).values()
               for f in re.findall(r"<formula1>([^<]*)</formula1>", xml)]
    assert len(sources) >= 12
    assert not [f for f in sources if f.startswith("=")]
    assert "PAC_Owners" in sources


@pytest.mark.libreoffice
def test_libreoffice_keeps_the_lists(recalculated_workbooks):
    """LibreOffice reads the sources without "=" as names: its own save keeps the lists."""
    sources = {f for xml in sheet_xml(recalculated_workbooks["demo_fr"]).values()
               for f in re.findall(r'type="list"[^>]*><formula1>([^<]*)</formula1>', xml)}
    assert {"PAC_Owners", "PAC_Statuses", "tblObjectives_id"} <= sources


def optional_decimals_only(code: str) -> bool:
    """Whether a number format has a section whose decimals are all optional (``#,##0.##``):
    Excel shows a whole number in it with a trailing separator ("600 000,")."""
    code = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code)  # literal text and [conditions]
    return any(re.search(r"\.#+(?![0#?])", section) for section in code.split(";"))


def test_optional_decimals_detected():
    assert optional_decimals_only("#,##0.##")
    assert optional_decimals_only('0;-#,##0.# "€"')
    assert not optional_decimals_only("#,##0.0#")
    assert not optional_decimals_only('#,##0 "m.#"')
    assert not optional_decimals_only("DD/MM/YYYY")


@pytest.mark.parametrize("name", ["blank_fr", "demo_en", "demo_fr_udfs"])
def test_number_formats_read_the_same_in_excel_and_libreoffice(generated_workbooks, name):
    """Every format of a cell or of a conditional format shows whole numbers without a trailing
    separator: no optional-only decimals."""
    import openpyxl

    wb = openpyxl.load_workbook(generated_workbooks[name])
    codes = {c.number_format for ws in wb.worksheets for row in ws.iter_rows() for c in row}
    codes |= {r.dxf.numFmt.formatCode for ws in wb.worksheets for cf in ws.conditional_formatting
              for r in cf.rules if r.dxf is not None and r.dxf.numFmt is not None}
    assert "#,##0.0#" in codes  # the fractions' conditional format (Objectives)
    assert not [c for c in codes if optional_decimals_only(c)]
