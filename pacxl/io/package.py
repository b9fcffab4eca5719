"""The check that a workbook pacxl just saved is sound, streamed part by part.

:func:`pacxl.io.save.save_workbook` used to reopen the saved copy with openpyxl: as costly as
the save itself (a 50,000-customer import: 12 s and another gigabyte). :func:`check_package`
checks as much, in bounded memory and at the speed of the C parsers:

* every part reads to its end with the right CRC, once (1 MiB at a time, every check below fed
  from that one pass);
* every XML part is well-formed and declares no DOCTYPE (expat; not an .xlsm's VML drawings,
  which openpyxl copies as they are and Excel writes loosely);
* every part has a content type, and every internal relationship of the parts openpyxl writes
  (package, workbook, sheets, drawings, charts) points to a part that exists; every sheet of
  ``xl/workbook.xml`` has its relationship;
* in every worksheet, rows come in increasing order, each cell belongs to its row, cells come in
  increasing column order, and every cell's style exists in ``xl/styles.xml`` (Excel refuses a
  file that breaks any of these with "We found a problem with some content");
* the tables: each one's name and range (:class:`SavedPackage`), for the caller's own check that
  they are as written.
"""

from __future__ import annotations

import codecs
import posixpath
import re
import zipfile
import zlib
from urllib.parse import unquote
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.parsers import expat

from openpyxl.utils import column_index_from_string

from ..workbook.xlsxml import NS

CHUNK = 2**20
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
#: Parts parsed as XML. Not ``.vml``: openpyxl copies an .xlsm's VML drawings as they are, and
#: Excel writes them with unclosed ``<br>`` (a button caption on two lines): not XML, read leniently.
_XML_PARSED = (".xml", ".rels")
#: Relationship parts openpyxl writes itself (the others it copies from an .xlsm as they are: a
#: VML drawing's, the ribbon's, an ActiveX control's; one of those may point to an image openpyxl
#: did not copy, which Excel tolerates and the save used to accept).
_OWN_RELS = re.compile(r"(_rels/\.rels|xl/_rels/workbook\.xml\.rels|xl/(worksheets|chartsheets|charts)/_rels/.*"
                       r"|xl/drawings/_rels/drawing[0-9]*\.xml\.rels)$")
# a row's start, or a cell's reference and style, as pacxl's writers (openpyxl, pacxl.workbook.bulk) write them
_ROW_OR_CELL = re.compile(r'<row r="([0-9]+)"|<c r="([A-Z]{1,3})([0-9]+)"(?: s="([0-9]+)")?')


class PackageError(ValueError):
    """What is wrong with a saved package (English; the caller words the refusal)."""


@dataclass
class SavedPackage:
    """What :func:`check_package` read: table name -> range (``A4:Q300``), sheet title -> part."""

    tables: dict[str, str] = field(default_factory=dict)
    sheets: dict[str, str] = field(default_factory=dict)


def _read_part(zf: zipfile.ZipFile, name: str, sheet: "_SheetOrder | None") -> None:
    """Read a part to its end (its CRC checked); an XML part through expat (well-formed, no
    DOCTYPE), a worksheet's text through ``sheet`` as well: one pass over the bytes."""
    xml = name.lower().endswith(_XML_PARSED)
    parser = expat.ParserCreate() if xml else None
    if parser is not None:
        def doctype(*_args) -> None:
            raise PackageError(f"{name}: declares a DOCTYPE")

        parser.StartDoctypeDeclHandler = doctype
    decode = codecs.getincrementaldecoder("utf-8")(errors="replace").decode
    try:
        with zf.open(name) as fh:  # (zipfile checks the CRC at the end)
            while True:
                chunk = fh.read(CHUNK)
                if parser is not None:
                    parser.Parse(chunk, not chunk)
                if sheet is not None:
                    sheet.feed(decode(chunk, final=not chunk), final=not chunk)
                if not chunk:
                    break
    except expat.ExpatError as exc:
        raise PackageError(f"{name}: not well-formed XML ({exc})") from None
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError) as exc:
        if isinstance(exc, PackageError):
            raise
        raise PackageError(f"{name}: damaged ({exc})") from None


def _resolve(source: str, target: str) -> str:
    """The part a relationship of ``source`` (``xl/_rels/workbook.xml.rels``) points to: a URI,
    percent-escapes decoded (``ic%C3%B4ne.png`` is the part ``icône.png``)."""
    target = unquote(target)
    if target.startswith("/"):
        return target.lstrip("/")
    folder = posixpath.dirname(posixpath.dirname(source))  # xl/_rels/x.rels -> xl
    return posixpath.normpath(posixpath.join(folder, target))


def _relationships(zf: zipfile.ZipFile, names: set[str]) -> dict[str, dict[str, str]]:
    """Relationship part -> id -> target part; every internal target must exist."""
    out: dict[str, dict[str, str]] = {}
    folded = {n.casefold() for n in names}  # (part names are compared without case)
    for name in names:
        if not name.endswith(".rels") or not _OWN_RELS.match(name):
            continue
        rels = out.setdefault(name, {})
        for rel in ET.fromstring(zf.read(name)).findall("rel:Relationship", NS):
            if rel.get("TargetMode") == "External":
                continue
            target = _resolve(name, rel.get("Target", ""))
            if target.casefold() not in folded:
                raise PackageError(f"{name}: {rel.get('Id')} points to a missing part {target}")
            rels[rel.get("Id")] = target
    return out


def _extension(name: str) -> str:
    base = posixpath.basename(name)  # (``.rels`` is an extension here, not a hidden file's name)
    return base.rsplit(".", 1)[1].lower() if "." in base else ""


def _content_types(zf: zipfile.ZipFile, names: set[str]) -> None:
    types = ET.fromstring(zf.read("[Content_Types].xml"))
    defaults = {d.get("Extension", "").lower() for d in types.findall(f"{_CT}Default")}
    overrides = {o.get("PartName", "").lstrip("/") for o in types.findall(f"{_CT}Override")}
    for name in names:
        if name == "[Content_Types].xml" or name.endswith("/"):
            continue
        if name not in overrides and _extension(name) not in defaults:
            raise PackageError(f"{name}: no content type")


class _SheetOrder:
    """Fed a worksheet's text piece by piece: rows increasing, cells in their row and increasing,
    styles that exist."""

    def __init__(self, part: str, n_styles: int) -> None:
        self.part, self.n_styles = part, n_styles
        self.row = self.col = 0
        self.tail = ""

    def feed(self, text: str, final: bool) -> None:
        text = self.tail + text
        if not final:  # (a match never spans a '>': what follows the last one waits for the next piece)
            cut = text.rfind(">") + 1
            text, self.tail = text[:cut], text[cut:]
        part, row, col = self.part, self.row, self.col
        for r, letters, number, style in _ROW_OR_CELL.findall(text):
            if r:
                r = int(r)
                if r <= row:
                    raise PackageError(f"{part}: row {r} comes after row {row}")
                row, col = r, 0
                continue
            if int(number) != row:
                raise PackageError(f"{part}: cell {letters}{number} is in row {row}")
            c = column_index_from_string(letters)
            if c <= col:
                raise PackageError(f"{part}: cell {letters}{number} is out of order")
            col = c
            if style and int(style) >= self.n_styles:
                raise PackageError(f"{part}: cell {letters}{number} has a style that does not exist")
        self.row, self.col = row, col


def check_package(path: str | Path) -> SavedPackage:
    """Check the saved workbook at ``path``; raise :class:`PackageError` naming the part at
    fault."""
    out = SavedPackage()
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        for required in ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
            if required not in names:
                raise PackageError(f"{required} is missing")
        # the small parts the structure is read from first, well-formed before ElementTree reads them
        first = {n for n in names if n.endswith(".rels")} | ({"[Content_Types].xml", "xl/workbook.xml",
                                                              "xl/styles.xml"} & names)
        for name in sorted(first):
            _read_part(zf, name, None)
        _content_types(zf, names)
        rels = _relationships(zf, names)
        book = ET.fromstring(zf.read("xl/workbook.xml"))
        book_rels = rels.get("xl/_rels/workbook.xml.rels", {})
        for sheet in book.findall("m:sheets/m:sheet", NS):
            rid = sheet.get(f"{{{NS['r']}}}id")
            if rid not in book_rels:
                raise PackageError(f"xl/workbook.xml: sheet {sheet.get('name')!r} has no part")
            out.sheets[sheet.get("name")] = book_rels[rid]
        n_styles = 0
        if "xl/styles.xml" in names:
            xfs = ET.fromstring(zf.read("xl/styles.xml")).find("m:cellXfs", NS)
            n_styles = 0 if xfs is None else len(xfs.findall("m:xf", NS))
        sheets = {part for part in out.sheets.values() if part.startswith("xl/worksheets/")}
        for name in sorted(names - first):  # every other part, the sheets' cells with it
            if not name.endswith("/"):
                _read_part(zf, name, _SheetOrder(name, n_styles) if name in sheets else None)
        for name in sorted(names):
            if name.startswith("xl/tables/") and name.endswith(".xml"):
                table = ET.fromstring(zf.read(name))
                out.tables[table.get("name") or table.get("displayName")] = table.get("ref", "")
    return out
