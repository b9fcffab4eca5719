"""Table rows written in bulk (pacxl.workbook.bulk) and the streamed check of a saved package
(pacxl.io.package): the importers' fast path must save exactly what real openpyxl cells save,
and the check must refuse what Excel would refuse."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest

from pacxl.errors import InputError, WorkbookError
from pacxl.io import package, save
from pacxl.io.target import table_rows
from pacxl.workbook import bulk, xlsxml
from pacxl.workbook.cells import MAX_TEXT
from pacxl.workbook.tables import write_rows

from edits import insert_column

HOSTILE = ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", " lead", "trail ", "   ", "",
           "_x0041_", "a&b<c>d\"e'f", "tab\tnew\nline", "ctl\x01\x1f", "\ufffe", "CR\rLF", "Société Générale"]


def _customers(n: int) -> list[dict]:
    rows = []
    for i in range(n):
        rows.append({
            "code": f"{i:05d}",
            "name": HOSTILE[i % len(HOSTILE)] + (f" {i}" if i % 3 else ""),
            "segment": "Industrie" if i % 2 else None,
            "amount": [None, 0, -5.5, 1234.5 * i, 123456789.123456789, 1e-7, 3, float("inf"), -float("inf"),
                       10**20, -0.0, float("nan")][i % 12],
            "margin": float(i) if i % 4 else None,
            "potential": i * 100 if i % 5 == 0 else None,
            "previous": 1.0 / (i + 1),
        })
    return rows


def _save_both(src: Path, tmp_path: Path, edit) -> tuple[zipfile.ZipFile, zipfile.ZipFile]:
    """The workbook ``src`` edited by ``edit(wb, bulk)`` and saved, with real cells and in bulk."""
    out = []
    for flag in (False, True):
        p = tmp_path / f"bulk_{flag}.xlsx"
        shutil.copy(src, p)
        wb = save.open_workbook(p)
        edit(wb, flag)
        assert bool(bulk.blocks_of(wb)) == flag
        save.save_workbook(wb, p, backup=False)
        out.append(zipfile.ZipFile(p))
    return out[0], out[1]


def _same(a: zipfile.ZipFile, b: zipfile.ZipFile) -> None:
    """Every part the same, byte for byte (with lxml installed, openpyxl writes its own cells with
    another writer: then the same once canonicalized, C14N 2.0)."""
    assert a.namelist() == b.namelist()
    for name in a.namelist():
        if name == "docProps/core.xml":  # (the time of the save)
            continue
        x, y = a.read(name), b.read(name)
        if openpyxl.LXML and name.endswith(".xml"):
            x, y = (ET.canonicalize(v.decode("utf-8")).encode("utf-8") for v in (x, y))
        if x != y:
            i = next((k for k in range(min(len(x), len(y))) if x[k] != y[k]), min(len(x), len(y)))
            pytest.fail(f"{name} differs at byte {i}: {x[i - 80:i + 80]!r} / {y[i - 80:i + 80]!r}")


@pytest.mark.parametrize("n", [0, 1, 2, 400])
def test_bulk_replace_saves_exactly_what_real_cells_save(demo_fr_path, tmp_path, n):
    a, b = _save_both(demo_fr_path, tmp_path,
                      lambda wb, flag: write_rows(wb, "tblCustomers", _customers(n), min_rows=n + 20, bulk=flag))
    _same(a, b)
    # and the table holds them: read back, every customer's text as written (none a formula)
    got, body = table_rows(openpyxl.load_workbook(b.filename), "tblCustomers")
    assert body == n + 20
    assert {r["code"]: r["name"] or None for r in got} == {r["code"]: r["name"] or None for r in _customers(n)}


def test_bulk_append_keeps_dates_booleans_formulas_and_a_users_column(demo_fr_path, tmp_path):
    def edit(wb, flag):
        col = insert_column(wb, "tblCustomers", "segment", "Commentaire")
        ws = wb["Clients"]
        ws.cell(row=8, column=col, value="à rappeler")  # beside a customer: follows its row
        write_rows(wb, "tblCustomers", _customers(60), append=True, bulk=flag)
        write_rows(wb, "tblBudget", [{"id": f"X{i}", "category": "Salons", "label": HOSTILE[i % len(HOSTILE)],
                                      "m01": i * 10.5, "m02": True if i == 3 else None} for i in range(30)],
                   append=True, bulk=flag)
        write_rows(wb, "tblPipeline", [{"deal": f"D{i}", "account": "=A1", "stage": "Découverte",
                                        "amount": i * 10.0, "close": dt.date(2026, 3, 1 + i % 28),
                                        "created": dt.datetime(2026, 1, 1, 10, 30)} for i in range(30)],
                   append=True, bulk=flag)

    a, b = _save_both(demo_fr_path, tmp_path, edit)
    _same(a, b)
    sheet = b.read(xlsxml.sheet_parts(b)["Clients"]).decode()
    assert "à rappeler" in sheet


def test_a_table_written_in_bulk_is_not_written_again_before_the_save(demo_fr_path, tmp_path):
    p = tmp_path / "plan.xlsx"
    shutil.copy(demo_fr_path, p)
    wb = save.open_workbook(p)
    write_rows(wb, "tblCustomers", _customers(10), bulk=True)
    with pytest.raises(WorkbookError, match="tblCustomers was written in bulk"):
        write_rows(wb, "tblCustomers", _customers(3), append=True)  # would not see the 10 rows
    write_rows(wb, "tblBudget", [{"id": "X1", "category": "Salons", "label": "x", "m01": 1.0}], append=True)


def test_text_too_long_is_refused_in_bulk_naming_the_cell(demo_fr_path, tmp_path):
    p = tmp_path / "plan.xlsx"
    shutil.copy(demo_fr_path, p)
    wb = save.open_workbook(p)
    rows = _customers(5)
    rows[3]["name"] = "x" * (MAX_TEXT + 1)
    with pytest.raises(InputError, match=r"Clients!B\d+: the text"):
        write_rows(wb, "tblCustomers", rows, bulk=True)


def test_a_cell_written_twice_is_refused_and_nothing_changes(demo_fr_path, tmp_path):
    p = tmp_path / "plan.xlsx"
    shutil.copy(demo_fr_path, p)
    before = p.read_bytes()
    wb = save.open_workbook(p)
    write_rows(wb, "tblCustomers", _customers(50), bulk=True)
    ws = wb["Clients"]
    ws.cell(row=20, column=1, value="clash")  # a real cell where a bulk row writes
    with pytest.raises(WorkbookError, match="could not be saved"):
        save.save_workbook(wb, p)
    assert p.read_bytes() == before
    assert [f.name for f in tmp_path.iterdir()] == ["plan.xlsx"]


# --- the streamed check of the saved package --------------------------------------------------------


def _rewritten(path: Path, out: Path, member: str, edit) -> Path:
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == member:
                data = edit(data)
                if data is None:
                    continue
            dst.writestr(info.filename, data)
    return out


def _sheet(path: Path, title: str) -> str:
    with zipfile.ZipFile(path) as z:
        return xlsxml.sheet_parts(z)[title]


def test_a_sound_package_passes_and_gives_its_tables(demo_fr_path):
    got = package.check_package(demo_fr_path)
    wb = openpyxl.load_workbook(demo_fr_path)
    want = {t.name: t.ref for ws in wb.worksheets for t in ws.tables.values()}
    assert got.tables == want
    assert set(got.sheets) == set(wb.sheetnames)


@pytest.mark.parametrize("what, edit, message", [
    ("rows out of order", lambda x: x.replace(b'<row r="6"', b'<row r="2"', 1), "comes after row"),
    ("cell in another row", lambda x: re.sub(rb'<c r="B6"', b'<c r="B7"', x, count=1), "is in row"),
    ("cells out of order", lambda x: re.sub(rb'<c r="C6"', b'<c r="A6"', x, count=1), "out of order"),
    ("unknown style", lambda x: re.sub(rb'(<c r="B6") s="[0-9]+"', rb'\1 s="9999"', x, count=1),
     "style that does not exist"),
    ("broken XML", lambda x: x.replace(b"</sheetData>", b"</sheetDat>", 1), "not well-formed"),
    ("a DOCTYPE", lambda x: b"<!DOCTYPE worksheet>" + x, "declares a DOCTYPE"),
])
def test_the_check_refuses_what_excel_refuses(demo_fr_path, tmp_path, what, edit, message):
    part = _sheet(demo_fr_path, "Clients")
    bad = _rewritten(demo_fr_path, tmp_path / "bad.xlsx", part, edit)
    with pytest.raises(package.PackageError, match=message):
        package.check_package(bad)


def test_the_check_refuses_a_part_whose_bytes_changed(demo_fr_path, tmp_path):
    bad = tmp_path / "crc.xlsx"
    data = bytearray(demo_fr_path.read_bytes())
    with zipfile.ZipFile(demo_fr_path) as z:
        info = z.getinfo(_sheet(demo_fr_path, "Clients"))
    at = info.header_offset + 30 + len(info.filename) + len(info.extra) + info.compress_size // 2
    data[at] ^= 0xFF  # one byte of the compressed sheet flipped: a bad CRC, or bad data
    bad.write_bytes(bytes(data))
    with pytest.raises(package.PackageError, match="damaged|not well-formed"):
        package.check_package(bad)


def test_the_check_refuses_a_missing_part_or_content_type(demo_fr_path, tmp_path):
    part = _sheet(demo_fr_path, "Clients")
    gone = _rewritten(demo_fr_path, tmp_path / "gone.xlsx", part, lambda x: None)
    with pytest.raises(package.PackageError, match="points to a missing part"):
        package.check_package(gone)
    untyped = _rewritten(demo_fr_path, tmp_path / "untyped.xlsx", "[Content_Types].xml",
                         lambda x: re.sub(rb'<Override PartName="/xl/styles.xml"[^>]*/>', b"",
                                          re.sub(rb'<Default Extension="xml"[^>]*/>', b"", x)))
    with pytest.raises(package.PackageError, match="no content type"):
        package.check_package(untyped)


def test_a_save_that_writes_a_bad_package_is_refused_and_nothing_changes(demo_fr_path, tmp_path, monkeypatch):
    p = tmp_path / "plan.xlsx"
    shutil.copy(demo_fr_path, p)
    before = p.read_bytes()
    wb = save.open_workbook(p)
    write_rows(wb, "tblCustomers", _customers(30), bulk=True)
    real_finish = xlsxml.finish

    def broken(data, **kw):  # a writer bug: two cells swapped in a bulk row
        out = real_finish(data, **kw)
        part = "xl/worksheets/sheet6.xml"
        buf = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(out)) as src, zipfile.ZipFile(buf, "w") as dst:
            for info in src.infolist():
                body = src.read(info.filename)
                if info.filename == part:
                    body = re.sub(rb'(<c r="A10"[^>]*>.*?</c>)(<c r="B10"[^>]*>.*?</c>)', rb"\2\1", body, count=1)
                dst.writestr(info, body)
        return buf.getvalue()

    assert _sheet(demo_fr_path, "Clients") == "xl/worksheets/sheet6.xml"
    monkeypatch.setattr(xlsxml, "finish", broken)
    with pytest.raises(WorkbookError, match=r"plan.xlsx: the saved copy does not reopen \(.*out of order"):
        save.save_workbook(wb, p)
    assert p.read_bytes() == before
    assert [f.name for f in tmp_path.iterdir()] == ["plan.xlsx"]


# --- no false refusal of what openpyxl copies from an .xlsm as it is ------------------------------

_VBA_TYPE = b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
_VBA_REL = (b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
            b'Target="vbaProject.bin"/>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
         'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}</Relationships>')


def _xlsm(demo: Path, out: Path, parts: dict[str, bytes], types: bytes = b"", sheet_edit=None) -> Path:
    """The demo as an .xlsm (a VBA project part) with ``parts`` added, ``types`` added to the content
    types, ``sheet_edit(xml, rels) -> (xml, rels)`` applied to the Clients sheet and its rels."""
    sheet = _sheet(demo, "Clients")
    sheet_rels = sheet.replace("worksheets/", "worksheets/_rels/") + ".rels"
    with zipfile.ZipFile(demo) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        for name in names:
            data = src.read(name)
            if name == "[Content_Types].xml":
                data = data.replace(b"spreadsheetml.sheet.main+xml", b"PLACEHOLDER").replace(
                    b"application/vnd.openxmlformats-officedocument.PLACEHOLDER",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml").replace(b"</Types>",
                                                                                    _VBA_TYPE + types + b"</Types>")
            elif name == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", _VBA_REL + b"</Relationships>")
            elif sheet_edit is not None and name == sheet:
                xml, rels = sheet_edit(data.decode(), src.read(sheet_rels).decode() if sheet_rels in names
                                       else _RELS.format(""))
                data = xml.encode()
                dst.writestr(sheet_rels, rels.encode())
            elif sheet_edit is not None and name == sheet_rels:
                continue
            dst.writestr(name, data)
        dst.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 a VBA project" * 4)
        for name, data in parts.items():
            dst.writestr(name, data)
    return out


def _with_vml(xml: str, rels: str) -> tuple[str, str]:
    rel = ('<Relationship Id="rIdVml1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
           'relationships/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/>')
    xml = xml.replace("</worksheet>", '<legacyDrawing r:id="rIdVml1"/></worksheet>')
    if 'xmlns:r="' not in xml[:600]:
        xml = xml.replace("<worksheet ", '<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
                          '2006/relationships" ', 1)
    return xml, rels.replace("</Relationships>", rel + "</Relationships>")


# a form button whose caption has two lines: Excel writes the VML's <br> unclosed (not XML)
_BUTTON = (b'<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
           b'xmlns:x="urn:schemas-microsoft-com:office:excel"><v:shape id="_x0000_s1025" o:button="t">'
           b'<v:fill o:relid="rIdPic" type="frame"/><v:textbox><div><font face="Calibri">Mettre \xc3\xa0 jour'
           b'<br>les clients</font></div></v:textbox><x:ClientData ObjectType="Button"><x:Anchor>1, 0, 1, 0, 3, 0, 3, 0'
           b'</x:Anchor><x:FmlaMacro>[0]!MiseAJour</x:FmlaMacro></x:ClientData></v:shape></xml>')


@pytest.mark.parametrize("case", ["vml_not_xml", "vml_image_not_copied", "ribbon_image_escaped"])
def test_what_openpyxl_copies_from_an_xlsm_is_not_refused(demo_fr_path, tmp_path, case):
    """The saved copy of an .xlsm imported with --force: openpyxl copies some parts as they are;
    the check must not refuse them where the full reopen it replaced accepted them."""
    from pacxl.io import import_file

    vml_type = b'<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>'
    png_type = b'<Default Extension="png" ContentType="image/png"/>'
    if case == "vml_not_xml":
        plan = _xlsm(demo_fr_path, tmp_path / "plan.xlsm", {"xl/drawings/vmlDrawing1.vml": _BUTTON}, vml_type,
                     _with_vml)
    elif case == "vml_image_not_copied":  # openpyxl copies the VML's rels, and only .emf images
        plan = _xlsm(demo_fr_path, tmp_path / "plan.xlsm", {
            "xl/drawings/vmlDrawing1.vml": _BUTTON.replace(b"<br>", b"<br/>"),
            "xl/drawings/_rels/vmlDrawing1.vml.rels": _RELS.format(
                '<Relationship Id="rIdPic" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships/image" Target="../media/fond.png"/>').encode(),
            "xl/media/fond.png": b"\x89PNG\r\n\x1a\n"}, vml_type + png_type, _with_vml)
    else:  # a ribbon image named in the URI's percent-escapes, as OPC stores a non-ASCII name
        plan = _xlsm(demo_fr_path, tmp_path / "plan.xlsm", {
            "customUI/customUI14.xml": b'<customUI xmlns="http://schemas.microsoft.com/office/2009/07/customui">'
                                       b"<ribbon/></customUI>",
            "customUI/_rels/customUI14.xml.rels": _RELS.format(
                '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                'image" Target="images/mon%20ic%C3%B4ne.png"/>').encode(),
            "customUI/images/mon icône.png": b"\x89PNG\r\n\x1a\n"}, png_type)
    csv = tmp_path / "clients.csv"
    csv.write_text("Code client;Raison sociale;Segment;CA HT\n" + "".join(f"{i:04d};Client {i};Industrie;{i}00,50\n"
                                                                        for i in range(40)), encoding="utf-8")
    summary = import_file("customers", plan, csv, backup=False, force=True)
    assert summary.written and summary.table_rows["tblCustomers"] >= 40
    wb = openpyxl.load_workbook(plan, keep_vba=True)
    assert len(table_rows(wb, "tblCustomers")[0]) == 40


# --- plain cells written by pacxl (fastcells): the same file as openpyxl's writer -------------------


def _without_fastcells(monkeypatch, make):
    from pacxl.workbook import fastcells

    got = make()
    with monkeypatch.context() as m:
        m.setattr(fastcells, "take", lambda wb: {})
        plain = make()
    return zipfile.ZipFile(io.BytesIO(plain)), zipfile.ZipFile(io.BytesIO(got))


@pytest.mark.parametrize("which", ["demo_fr", "demo_en", "blank_fr", "blank_en", "udfs"])
def test_generated_workbooks_are_the_same_with_fast_cells(monkeypatch, which):
    from pacxl.defaults import blank_plan
    from pacxl.demo import demo_plan
    from pacxl.workbook.build import make_workbook, workbook_bytes

    kind, lang = which.split("_") if "_" in which else ("demo", "fr")
    plan = (demo_plan if kind in ("demo", "udfs") else blank_plan)(lang)
    a, b = _without_fastcells(monkeypatch, lambda: workbook_bytes(make_workbook(plan, udfs=which == "udfs")))
    _same(a, b)


def test_an_edited_workbook_saves_the_same_with_fast_cells(demo_fr_path, tmp_path, monkeypatch):
    """What openpyxl must write itself (comments, hyperlinks, rich text, dates, booleans, errors,
    merged cells, styled rows and columns) among plain cells."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    def make():
        p = tmp_path / "plan.xlsx"
        shutil.copy(demo_fr_path, p)
        wb = save.open_workbook(p)
        ws = wb["Clients"]
        ws["AC8"] = "note"
        ws["AC8"].comment = Comment("à rappeler", "Claire")
        ws["AC9"] = "lien"
        ws["AC9"].hyperlink = "https://example.com/client"
        ws["AC2"] = CellRichText("gras ", TextBlock(InlineFont(b=True), "et pas"))
        ws["AC3"] = dt.date(2027, 3, 1)
        ws["AC4"] = True
        ws["AC5"] = "#N/A"
        ws["AC6"] = "  espaces  "
        ws["AC7"] = "=1+1"
        ws.merge_cells("AD2:AE3")
        ws.row_dimensions[60].font = Font(italic=True)
        ws.column_dimensions["AF"].fill = PatternFill("solid", fgColor="FFEEAA")
        ws["AF60"] = 3.5
        write_rows(wb, "tblCustomers", _customers(30), bulk=True)
        save.save_workbook(wb, p, backup=False)
        return p.read_bytes()

    a, b = _without_fastcells(monkeypatch, make)
    _same(a, b)
    ws = openpyxl.load_workbook(io.BytesIO(Path(tmp_path / "plan.xlsx").read_bytes()))["Clients"]
    assert ws["AC8"].comment.text == "à rappeler" and ws["AC9"].hyperlink.target == "https://example.com/client"
    assert ws["AC7"].value == "=1+1" and ws["AC6"].value == "  espaces  " and ws["AF60"].value == 3.5
