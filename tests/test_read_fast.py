"""One truth for the two workbook readers: the fast loader (:mod:`pacxl.workbook.read_xml`) and
openpyxl give the same Plan, the same Layout and the same cells, on every kind of workbook pacxl
meets: generated (demo, blank template, both languages), recalculated by LibreOffice, edited
with openpyxl, consolidated, split. The fast path is called without its fallback here, so that a
workbook it cannot read fails the test instead of passing through openpyxl."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

from pacxl.errors import WorkbookError
from pacxl.workbook import read, read_xml
from pacxl.workbook.cells import cell_value, write_text


def _fast(path) -> tuple:
    """The fast reader alone (no fallback to openpyxl)."""
    p = Path(path)
    with read_xml.load(p) as book:
        return read._read_book(p, book), book


def _cells(ws) -> dict:
    out = {}
    for key, cell in ws._cells.items():
        v = cell_value(cell)
        out[key] = (type(v).__name__, v, cell.data_type, getattr(cell.value, "text", None))
    return out


def assert_same(path) -> None:
    """Plan, Layout, and every cell of every sheet the fast reader parsed (value, type, data
    type, order, max_row), compared with openpyxl's."""
    (plan, layout), book = _fast(path)
    slow_plan, slow_layout = read.read_workbook(path, engine="openpyxl")
    assert plan == slow_plan
    assert layout == slow_layout
    wb = openpyxl.load_workbook(path)
    assert book.sheetnames == wb.sheetnames
    with read_xml.load(Path(path)) as book:
        for title in book.sheetnames:
            mine, theirs = book[title], wb[title]
            a, b = _cells(mine), _cells(theirs)
            assert list(a) == list(b), title
            diff = [(k, a.get(k), b.get(k)) for k in a if a[k] != b[k]]
            assert not diff, (title, diff[:5])
            assert mine.max_row == theirs.max_row, title
            assert (sorted((r.min_row, r.min_col, r.max_row, r.max_col) for r in mine.merged_cells.ranges)
                    == sorted((r.min_row, r.min_col, r.max_row, r.max_col) for r in theirs.merged_cells.ranges))
        assert {n: (ws.title, t.ref) for n, (ws, t) in book.tables.items()} == {
            t.name: (ws.title, t.ref) for ws in wb.worksheets for t in ws.tables.values()}


@pytest.mark.parametrize("name", ["demo_fr", "demo_en", "blank_fr", "blank_en", "demo_fr_udfs"])
def test_generated_workbooks(generated_workbooks, name):
    assert_same(generated_workbooks[name])


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", ["demo_fr", "demo_en", "blank_fr"])
def test_recalculated_by_libreoffice(recalculated_workbooks, name):
    """LibreOffice's XML: shared strings, cached values in formula cells, its own styles."""
    path = recalculated_workbooks[name]
    assert_same(path)
    with read_xml.load(Path(path)) as book:
        assert book.strings  # it writes shared strings: they were read


def _edit(src: Path, dst: Path) -> Path:
    """The demo edited with openpyxl as a user would: typed dates (one with a custom format),
    text that looks like a formula, an escape, booleans, a formula typed in an input cell, a row
    typed under a table, a merged range, a comment and a hyperlink on empty cells."""
    from openpyxl.comments import Comment

    wb = openpyxl.load_workbook(src)
    names = {n: list(d.destinations)[0] for n, d in wb.defined_names.items()}
    ws_actions = next(ws for ws in wb.worksheets if "tblActions" in ws.tables)
    tbl = ws_actions.tables["tblActions"]
    from openpyxl.utils import range_boundaries

    min_col, header, max_col, last = range_boundaries(tbl.ref)
    heads = {ws_actions.cell(header, c).value: c for c in range(min_col, max_col + 1)}
    col = {h: c for h, c in heads.items()}
    row = header + 1
    start = col.get("Début") or col.get("Start")
    ws_actions.cell(row, start).value = dt.datetime(2027, 3, 15)
    ws_actions.cell(row, start).number_format = "dd/mm/yyyy"
    ws_actions.cell(row + 1, start).value = dt.datetime(2027, 4, 2, 12, 30)
    ws_actions.cell(row + 1, start).number_format = "[$-40C]d mmmm yyyy;@"
    write_text(ws_actions.cell(row, min_col + 2), "=SUM(A1:A3) is not a formula")
    write_text(ws_actions.cell(row + 1, min_col + 2), "literal _x0041_ and a tab\tand\nnew line")
    ws_actions.cell(row + 2, min_col + 2).value = True
    budget = col.get("Budget")
    if budget:
        ws_actions.cell(row + 2, budget).value = "=1+1"  # a formula typed over an input
    ws_actions.cell(last + 1, min_col).value = "A99"  # a row typed under the table
    ws_actions.cell(last + 1, min_col + 2).value = "typed under"
    sheet, ref = names["PAC_Company"]
    ws = wb[sheet]
    ws[ref.replace("$", "")].value = "=UPPER(\"acme\")"
    target = wb[names["PAC_RevenueTarget"][0]][names["PAC_RevenueTarget"][1].replace("$", "")]
    target.value = 1234567.5
    ws.cell(200, 30).comment = Comment("a note far below", "me")
    ws.cell(210, 2).hyperlink = "https://example.com"
    ws.merge_cells("X190:Z195")
    ws["X190"].value = False
    wb.save(dst)
    return dst


def test_edited_with_openpyxl(generated_workbooks, tmp_path):
    path = _edit(generated_workbooks["demo_fr"], tmp_path / "edited.xlsx")
    assert_same(path)
    (plan, _), book = _fast(path)
    assert any(a.start == dt.date(2027, 3, 15) for a in plan.actions)
    assert any(a.start == dt.date(2027, 4, 2) for a in plan.actions)
    assert any("=SUM(A1:A3) is not a formula" == a.action for a in plan.actions)
    assert any("_x0041_" in a.action for a in plan.actions)
    assert plan.settings.company == ""  # a formula typed in an input cell reads as a blank
    assert plan.settings.revenue_target == 1234567.5


def test_date1904_and_epoch(generated_workbooks, tmp_path):
    """A workbook on the 1904 calendar: dates shift as openpyxl shifts them."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    wb = openpyxl.load_workbook(generated_workbooks["demo_en"])
    wb.epoch = CALENDAR_MAC_1904
    ws = next(ws for ws in wb.worksheets if "tblObjectives" in ws.tables)
    ws["A1"].value = dt.date(2027, 6, 30)
    path = tmp_path / "1904.xlsx"
    wb.save(path)
    assert_same(path)
    with read_xml.load(path) as book:
        assert book.epoch == CALENDAR_MAC_1904


def test_team_split_and_consolidated(tmp_path):
    """A team plan (Team sheet), the plans split from it, and their consolidation (with
    --against: the Reconciliation sheet)."""
    from pacxl.consolidate import consolidate_files
    from pacxl.demo import demo_plan
    from pacxl.split import split_file
    from pacxl.team_plan import add_team
    from pacxl.workbook.build import build_workbook

    team = build_workbook(add_team(demo_plan("fr"), ["Alice", "Bruno"]), tmp_path / "team.xlsx")
    assert_same(team)
    plans = split_file(team, tmp_path / "plans")
    assert len(plans) == 2
    assert_same(plans[0])
    consolidate_files([str(p) for p in plans], tmp_path / "cons.xlsx", against=team, jobs=1)
    assert_same(tmp_path / "cons.xlsx")
    (plan, _), _ = _fast(tmp_path / "cons.xlsx")
    assert plan.reconciliation


def test_read_workbook_uses_the_fast_path(generated_workbooks, monkeypatch):
    """The default engine does not load the workbook with openpyxl."""
    expected = read.read_workbook(generated_workbooks["demo_fr"], engine="openpyxl")

    def no_openpyxl(*a, **k):
        raise AssertionError("openpyxl was used")

    monkeypatch.setattr(read, "_load", no_openpyxl)
    assert read.read_workbook(generated_workbooks["demo_fr"]) == expected
    assert read.read_plan(generated_workbooks["demo_fr"]) == expected[0]


def test_unknown_to_the_fast_path_falls_back_to_openpyxl(generated_workbooks, monkeypatch):
    expected = read.read_workbook(generated_workbooks["demo_en"], engine="openpyxl")

    def unsupported(path):
        raise read_xml.Unsupported("a chartsheet")

    monkeypatch.setattr(read_xml, "load", unsupported)
    assert read.read_workbook(generated_workbooks["demo_en"]) == expected
    with pytest.raises(ValueError):
        read.read_workbook(generated_workbooks["demo_en"], engine="calamine")


def _rewrite(src: Path, dst: Path, part_of, change) -> Path:
    import zipfile

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info, change(data) if part_of(info.filename) else data)
    return dst


def test_unknown_shapes_are_left_to_openpyxl(generated_workbooks, tmp_path):
    """A child of a row that is not a cell: the fast loader refuses it, openpyxl decides."""
    path = _rewrite(generated_workbooks["demo_fr"], tmp_path / "odd.xlsx",
                    lambda n: n == "xl/worksheets/sheet2.xml",
                    lambda d: d.replace(b"</row>", b"<extLst/></row>", 1))
    with pytest.raises(read_xml.Unsupported):
        _fast(path)
    assert read.read_workbook(path) == read.read_workbook(path, engine="openpyxl")


def test_damaged_files_get_the_same_errors(generated_workbooks, tmp_path):
    """Errors are openpyxl's (the fast path gives way), in English and French."""
    cases = {
        "truncated": (lambda n: n == "xl/worksheets/sheet2.xml", lambda d: d[: len(d) // 2]),
        "bad string index": (lambda n: n == "xl/workbook.xml", lambda d: d.replace(b"<sheets>", b"<sheets><x", 1)),
    }
    for label, (part_of, change) in cases.items():
        path = _rewrite(generated_workbooks["demo_fr"], tmp_path / f"{label}.xlsx", part_of, change)
        errors = []
        for engine in ("fast", "openpyxl"):
            with pytest.raises(WorkbookError) as exc:
                read.read_workbook(path, engine=engine)
            errors.append((str(exc.value), exc.value.say("fr")))
        assert errors[0] == errors[1], label
        assert str(path) in errors[0][0] and str(path) in errors[0][1]
    missing = tmp_path / "missing.xlsx"
    with pytest.raises(WorkbookError, match="no such file"):
        read.read_workbook(missing)
    (tmp_path / "not.xlsx").write_text("plain text")
    with pytest.raises(WorkbookError, match="not an Excel workbook"):
        read.read_workbook(tmp_path / "not.xlsx")


def test_inline_strings_read_as_openpyxl_reads_them(tmp_path):
    """Inline strings of every shape (one run, several runs, preserved spaces, empty) and the
    shared formula a cell borrows: the values openpyxl gives."""
    from xml.etree import ElementTree as ET

    from openpyxl.cell.text import Text

    ns = read_xml._NS[1:-1]
    shapes = [f'<is xmlns="{ns}"><t>plain</t></is>',
              f'<is xmlns="{ns}"><t xml:space="preserve">  spaced  </t></is>',
              f'<is xmlns="{ns}"><t/></is>',
              f'<is xmlns="{ns}"><t>  </t></is>',
              f'<is xmlns="{ns}"><t> a\nb &amp; c </t></is>',
              f'<is xmlns="{ns}"><r><t>bold</t></r><r><rPr/><t> and not</t></r></is>',
              f'<is xmlns="{ns}"><t>a</t><rPh sb="0" eb="1"><t>phonetic</t></rPh></is>']
    for xml in shapes:
        node = ET.fromstring(xml)
        assert read_xml._inline(node) == Text.from_tree(node).content, xml
    shared: dict = {}
    master = ET.fromstring(f'<f xmlns="{ns}" t="shared" ref="B2:B4" si="0">A2*2</f>')
    child = ET.fromstring(f'<f xmlns="{ns}" t="shared" si="0"/>')
    assert read_xml._formula(master, "B2", shared) == "=A2*2"
    assert read_xml._formula(child, "B4", shared) == "=A4*2"


def test_covered_cells_of_a_merged_range_read_blank(generated_workbooks, tmp_path):
    """A value left in a cell a merged range covers reads blank (openpyxl drops it)."""
    path = _rewrite(generated_workbooks["demo_fr"], tmp_path / "merged.xlsx",
                    lambda n: n == "xl/worksheets/sheet9.xml",  # Entonnoir: PAC_RevenueTarget is B4
                    lambda d: d.replace(b"</sheetData>", b'</sheetData><mergeCells count="1">'
                                        b'<mergeCell ref="A4:B4"/></mergeCells>', 1))
    assert_same(path)
    (plan, _), book = _fast(path)
    assert plan.settings.revenue_target is None
    assert read.read_plan(generated_workbooks["demo_fr"]).settings.revenue_target is not None
