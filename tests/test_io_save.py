"""Opening and saving a user's workbook: hostile files, lock files, what openpyxl would drop,
atomic save with a backup."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from pacxl.errors import FileFormatError, WorkbookError, WorkbookLockedError, WouldLoseDataError
from pacxl.io import read as read_mod
from pacxl.io import save


def make_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(["Libellé", "Montant"])
    ws.append(["Salon", 1200])
    wb.save(path)
    return path


def rewrite(path: Path, member: str, edit=None, add: dict[str, bytes] | None = None) -> Path:
    """Copy the zip with one member edited (bytes -> bytes) and members added."""
    src = zipfile.ZipFile(path)
    items = [(i, src.read(i.filename)) for i in src.infolist()]
    src.close()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            if info.filename == member and edit is not None:
                data = edit(data)
            z.writestr(info.filename, data)
        for name, data in (add or {}).items():
            z.writestr(name, data)
    return path


SHEET = "xl/worksheets/sheet1.xml"


@pytest.mark.parametrize(
    "member, edit, add, lost",
    [
        (SHEET, lambda x: x.replace(b"</worksheet>",
         b'<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" '
         b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
         b"<x14:sparklineGroups/></ext></extLst></worksheet>"), None, "sparklines"),
        (SHEET, lambda x: x.replace(b"</worksheet>",
         b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
         b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
         b'<x14:dataValidations count="1"/></ext></extLst></worksheet>'), None,
         "data validations of the x14 kind (Excel 2010 extension)"),
        (SHEET, lambda x: x.replace(b"</worksheet>",
         b'<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" '
         b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
         b"<x14:conditionalFormattings/></ext></extLst></worksheet>"), None,
         "conditional formats of the x14 kind (data bars, icon sets)"),
        (None, None, {"xl/drawings/drawing1.xml": b'<xdr:wsDr xmlns:xdr="x"><xdr:twoCellAnchor>'
                      b'<xdr:sp macro=""><xdr:txBody/></xdr:sp></xdr:twoCellAnchor></xdr:wsDr>'},
         "shapes or text boxes"),
        (None, None, {"xl/ctrlProps/ctrlProp1.xml": b"<formControlPr/>"}, "form controls"),
        (None, None, {"xl/drawings/vmlDrawing1.vml": b'<xml><x:ClientData ObjectType="Checkbox"/></xml>'},
         "form controls"),
        (None, None, {"xl/embeddings/oleObject1.bin": b"\x00"}, "embedded objects"),
        (None, None, {"xl/slicers/slicer1.xml": b"<slicers/>"}, "slicers"),
        (None, None, {"xl/webextensions/webextension1.xml": b'<we:webextension xmlns:we="x"/>'},
         "Office add-ins and the data they keep in the workbook (e.g. xlwings Lite's Python code)"),
        (None, None, {"customXml/item1.xml": b"<code/>"},
         "custom XML parts (data kept by add-ins or document management)"),
        (None, None, {"xl/threadedComments/threadedComment1.xml": b"<ThreadedComments/>"},
         "threaded comments (the replies; only the first note would stay)"),
        (None, None, {"xl/richData/rdrichvalue.xml": b"<rvData/>"}, "pictures in cells and linked data types"),
    ],
)
def test_what_openpyxl_drops_is_detected(tmp_path, member, edit, add, lost):
    p = make_xlsx(tmp_path / "plan.xlsx")
    rewrite(p, member, edit, add)
    assert save.what_openpyxl_drops(p) == [lost]
    before = p.read_bytes()
    with pytest.raises(WouldLoseDataError) as e:
        save.check_nothing_dropped(p)
    assert str(e.value) == (
        f"plan.xlsx: saving would lose its {lost}; use --force to import anyway (those would be removed)"
    )
    assert p.read_bytes() == before


@pytest.mark.parametrize("part", ["xl/webextensions/webextension1.xml", "customXml/item1.xml",
                                  "xl/threadedComments/threadedComment1.xml", "xl/richData/rdrichvalue.xml"])
def test_openpyxl_really_drops_the_parts_we_refuse(tmp_path, part):
    """The reason for the refusals above: a load/save through openpyxl loses these parts."""
    p = rewrite(make_xlsx(tmp_path / "plan.xlsx"), "", add={part: b"<x/>"})
    openpyxl.load_workbook(p).save(tmp_path / "saved.xlsx")
    with zipfile.ZipFile(tmp_path / "saved.xlsx") as z:
        assert part not in z.namelist()


def test_comments_and_a_plain_workbook_lose_nothing(tmp_path):
    p = tmp_path / "plan.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    wb.active["A1"].comment = openpyxl.comments.Comment("note", "me")  # VML ObjectType="Note"
    wb.save(p)
    assert save.what_openpyxl_drops(p) == []


def test_images_need_pillow(tmp_path, monkeypatch):
    p = rewrite(make_xlsx(tmp_path / "plan.xlsx"), "", add={"xl/media/image1.png": b"\x89PNG"})
    assert save.what_openpyxl_drops(p) == []
    monkeypatch.setattr(save, "_has_pillow", lambda: False)
    assert save.what_openpyxl_drops(p) == ["images (pillow is not installed: pip install pillow)"]


# --- hostile files ----------------------------------------------------------------------------


def test_zip_bomb_is_refused_before_parsing(tmp_path):
    p = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", b"<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\x00" * (8 * 2**20))  # ~1000:1
    with pytest.raises(FileFormatError) as e:
        read_mod.read_table(p)
    assert str(e.value).startswith("bomb.xlsx: refused, xl/worksheets/sheet1.xml is compressed ")
    assert str(e.value).endswith(" times (zip bomb?)")


def _lying_directory(path: Path, member: str, data: bytes, says: int) -> Path:
    """A zip whose headers claim ``member`` unpacks to ``says`` bytes while it holds ``data``."""
    import struct

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.bin", b"\x83\x01\x00")
        z.writestr(member, data)
    raw = buf.getvalue()
    assert raw.count(struct.pack("<I", len(data))) == 2  # local header and central directory
    path.write_bytes(raw.replace(struct.pack("<I", len(data)), struct.pack("<I", says)))
    return path


def test_binary_part_lying_about_its_size_is_refused(tmp_path):
    # ratio and size checks trust the directory; the streamed read of every part does not
    p = _lying_directory(tmp_path / "bomb.xlsb", "xl/worksheets/sheet1.bin", b"\x00" * (3 * 2**20), 100)
    with pytest.raises(FileFormatError, match=r"^bomb\.xlsb: not a valid spreadsheet \(damaged zip archive"):
        save.check_zip(p)


def test_total_size_limit(tmp_path, monkeypatch):
    p = make_xlsx(tmp_path / "big.xlsx")
    monkeypatch.setattr(save, "MAX_TOTAL_SIZE", 2000)
    with pytest.raises(FileFormatError, match=r"^big\.xlsx: refused, it unpacks to more than 0 MiB \(zip bomb\?\)$"):
        save.check_zip(p)


BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
)


def test_xml_entity_bomb_is_refused(tmp_path):
    p = make_xlsx(tmp_path / "entities.xlsx")
    rewrite(p, SHEET, lambda x: BOMB + x.split(b"?>", 1)[-1].replace(b"Salon", b"&lol2;"))
    msg = "entities.xlsx: refused, xl/worksheets/sheet1.xml declares XML entities (entity bomb?)"
    with pytest.raises(FileFormatError) as e:
        read_mod.read_table(p)
    assert str(e.value) == msg
    with pytest.raises(WorkbookError) as e:
        save.open_workbook(p)
    assert str(e.value) == msg


def test_openpyxl_uses_defusedxml(monkeypatch):
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True
    save.require_defusedxml()
    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", False)
    with pytest.raises(WorkbookError, match="defusedxml is not installed"):
        save.require_defusedxml()


def test_damaged_zip(tmp_path):
    p = tmp_path / "half.xlsx"
    data = make_xlsx(tmp_path / "whole.xlsx").read_bytes()
    p.write_bytes(data[: len(data) // 2])
    with pytest.raises(FileFormatError, match=r"^half\.xlsx: not a valid spreadsheet"):
        read_mod.read_table(p)
    with pytest.raises(WorkbookError, match=r"^half\.xlsx: not a valid spreadsheet"):
        save.open_workbook(p)


# --- lock files -------------------------------------------------------------------------------


@pytest.mark.parametrize("lock", ["~$plan_2027.xlsx", "~$an_2027.xlsx", ".~lock.plan_2027.xlsx#"])
def test_open_workbook_is_refused(tmp_path, lock):
    p = make_xlsx(tmp_path / "plan_2027.xlsx")
    (tmp_path / lock).write_bytes(b"")
    with pytest.raises(WorkbookLockedError) as e:
        save.check_not_open(p)
    assert str(e.value) == (
        f"plan_2027.xlsx is open in Excel or LibreOffice ({lock} exists): close it first, or use --force"
    )


def test_no_lock_file():
    save.check_not_open(Path("/nonexistent/plan.xlsx"))


# --- atomic save ------------------------------------------------------------------------------


def test_save_keeps_a_backup_and_leaves_no_temporary_file(tmp_path):
    p = make_xlsx(tmp_path / "plan.xlsx")
    original = p.read_bytes()
    wb = save.open_workbook(p)
    wb["Budget"]["B2"] = 999
    backup = save.save_workbook(wb, p)
    assert backup is not None and backup.read_bytes() == original
    assert backup.name.startswith("plan.backup-") and backup.suffix == ".xlsx"
    assert openpyxl.load_workbook(p)["Budget"]["B2"].value == 999
    assert sorted(f.name for f in tmp_path.iterdir()) == sorted(["plan.xlsx", backup.name])


def test_save_without_backup(tmp_path):
    p = make_xlsx(tmp_path / "plan.xlsx")
    wb = save.open_workbook(p)
    assert save.save_workbook(wb, p, backup=False) is None
    assert [f.name for f in tmp_path.iterdir()] == ["plan.xlsx"]


def test_failed_verification_leaves_the_original_byte_identical(tmp_path):
    p = make_xlsx(tmp_path / "plan.xlsx")
    original = p.read_bytes()
    wb = save.open_workbook(p)
    wb["Budget"]["B2"] = 1

    def refuse(again):
        raise WorkbookError("refused")

    with pytest.raises(WorkbookError, match="refused"):
        save.save_workbook(wb, p, verify=refuse)
    assert p.read_bytes() == original
    assert [f.name for f in tmp_path.iterdir()] == ["plan.xlsx"]


def test_workbook_held_open_by_excel_is_a_clear_error(tmp_path, monkeypatch):
    # on Windows, replacing a file Excel has open fails with PermissionError, lock file or not
    p = make_xlsx(tmp_path / "plan.xlsx")
    original = p.read_bytes()
    wb = save.open_workbook(p)
    wb["Budget"]["B2"] = 1

    real_replace = save.os.replace

    def held_open(src, dst):
        if Path(dst).name != "plan.xlsx":  # the backup is a new file: only the workbook is held
            return real_replace(src, dst)
        raise PermissionError(13, "Permission denied", str(src))

    monkeypatch.setattr(save.os, "replace", held_open)
    with pytest.raises(WorkbookLockedError) as e:
        save.save_workbook(wb, p)
    assert str(e.value) == ("plan.xlsx: cannot be replaced, another program (Excel?) has it open; "
                            "close it and run the command again (nothing was changed)")
    assert p.read_bytes() == original
    assert [f.name for f in tmp_path.iterdir()] == ["plan.xlsx"]  # no backup, no temporary file left


def test_backup_names_do_not_collide(tmp_path):
    import datetime as dt

    p = make_xlsx(tmp_path / "plan.xlsx")
    now = dt.datetime(2027, 1, 15, 9, 30)
    first = save.backup_path(p, now)
    first.write_bytes(b"")
    assert first.name == "plan.backup-20270115-093000.xlsx"
    assert save.backup_path(p, now).name == "plan.backup-20270115-093000-2.xlsx"


def test_xlsm_keeps_its_macros(tmp_path):
    p = tmp_path / "plan.xlsm"
    wb = openpyxl.Workbook()
    wb.active.title = "Budget"
    wb.save(p)
    vba = b"fake VBA project \x00\x01"
    rewrite(p, "[Content_Types].xml",
            lambda x: x.replace(b"</Types>", b'<Default Extension="bin" '
                                b'ContentType="application/vnd.ms-office.vbaProject"/></Types>'),
            {"xl/vbaProject.bin": vba})
    wb = save.open_workbook(p)
    wb["Budget"]["A1"] = "x"
    save.save_workbook(wb, p, backup=False)
    save.close_workbook(wb)
    with zipfile.ZipFile(p) as z:
        assert z.read("xl/vbaProject.bin") == vba
        assert b"macroEnabled" in z.read("[Content_Types].xml")
    assert p.suffix == ".xlsm"


def test_open_workbook_refuses_other_formats(tmp_path):
    p = tmp_path / "plan.ods"
    p.write_bytes(b"x")
    with pytest.raises(WorkbookError, match=r"^plan\.ods: a pacxl workbook is an \.xlsx or \.xlsm file$"):
        save.open_workbook(p)
