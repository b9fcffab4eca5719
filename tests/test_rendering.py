"""The workbooks look like a template: one typeface, no clipped text (issue 12).

* every cell with a value or a style names its font, Calibri (no viewer substitutes a serif);
* every text fits its cell (``fitcheck``: measured in Calibri's metrics, compared with its column
  or merged range, its row height when it wraps), on the LibreOffice-recalculated workbooks so
  that the texts formulas show are measured too;
* every sheet renders: LibreOffice prints the workbook to PDF with Carlito (Calibri's metric twin)
  and no serif face, and each page rasterised to PNG has ink on it.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import openpyxl
import pytest
from PIL import Image

from fitcheck import problems
from pacxl.recalc import to_pdf

pytestmark = pytest.mark.libreoffice

NAMES = ["blank_fr", "blank_en", "demo_fr", "demo_en"]


@pytest.mark.parametrize("name", NAMES)
def test_every_cell_is_calibri(generated_workbooks, name):
    wb = openpyxl.load_workbook(generated_workbooks[name])
    others = []
    count = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None and not cell.has_style:
                    continue
                count += 1
                if cell.font.name != "Calibri":
                    others.append(f"{ws.title}!{cell.coordinate}: {cell.font.name}")
    assert count > 1000
    assert not others, others[:20]
    # the default font (Normal style) too: cells without a style of their own show it
    assert wb._fonts[0].name == "Calibri" and wb._fonts[0].sz == 11


@pytest.mark.parametrize("name", NAMES)
def test_every_text_fits_its_cell(recalculated_workbooks, name):
    wb = openpyxl.load_workbook(recalculated_workbooks[name], data_only=True)
    found = problems(wb)
    assert not found, "\n".join(found[:40])


def test_fitcheck_sees_a_clipped_text(generated_workbooks, tmp_path):
    """The check fails where it should: a long text in a narrow column with a neighbour."""
    wb = openpyxl.load_workbook(generated_workbooks["demo_fr"])
    ws = wb.worksheets[1]
    ws.column_dimensions["A"].width = 4
    ws["A30"] = "Dépenses commerciales et marketing"
    ws["B30"] = "x"
    assert any("A30" in line and "not empty" in line for line in problems(wb))
    ws["A30"].alignment = openpyxl.styles.Alignment(wrap_text=True)
    assert any("A30" in line and "lines need" in line for line in problems(wb))


def _page_count(pdf) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler (pdftoppm) is not installed")
@pytest.mark.parametrize("name", NAMES)
def test_every_sheet_renders(generated_workbooks, tmp_path, name):
    pdf = to_pdf(generated_workbooks[name], tmp_path)
    pages = _page_count(pdf)
    wb = openpyxl.load_workbook(generated_workbooks[name], read_only=True)
    assert pages >= len(wb.sheetnames)  # every sheet prints, on one page at least
    fonts = set(re.findall(rb"/BaseFont\s*/(?:[A-Z]{6}\+)?([\w-]+)", pdf.read_bytes()))
    assert any(f.startswith(b"Carlito") for f in fonts), fonts
    assert not [f for f in fonts if b"Serif" in f or b"Times" in f], fonts
    subprocess.run(["pdftoppm", "-r", "20", "-png", str(pdf), str(tmp_path / "p")], check=True,
                   timeout=300)
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == pages
    for png in pngs:
        lo, _ = Image.open(png).convert("L").getextrema()
        assert lo < 128, f"{png.name} is blank"
