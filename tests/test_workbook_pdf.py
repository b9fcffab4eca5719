"""Rendered to PDF by LibreOffice, the demo prints every sheet on a sensible number of pages:
each table fits the page width, so the pages grow with the rows, not with the columns."""

from __future__ import annotations

import re

import pytest

from pacxl.recalc import to_pdf

pytestmark = pytest.mark.libreoffice


def page_count(pdf_path) -> int:
    data = pdf_path.read_bytes()
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


@pytest.mark.parametrize("name, low, high", [("demo_fr", 17, 45), ("blank_en", 17, 45)])
def test_pages(generated_workbooks, tmp_path, name, low, high):
    pdf = to_pdf(generated_workbooks[name], tmp_path)
    n = page_count(pdf)
    # 17 printed sheets, at least one page each; the tables print their capacity rows (typed or
    # not: 500 customers ~9 pages, 200 actions and their calendar lines ~4 each, 150 budget lines
    # ~3, the KPI table 3 pages wide, the Quarters sheet 1, the Revisions 2, the Team 1, the
    # Pipeline's summary 1 and its deals 4): 43 pages; a table
    # that no longer fits the page width adds its pages again, far above
    assert low <= n <= high, n
