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
