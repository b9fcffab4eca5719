"""A fast loader for :mod:`pacxl.workbook.read`: the cells pacxl reads, straight from the XML.

``openpyxl.load_workbook`` builds every cell of every sheet with its style (fonts, borders,
fills), every conditional format, validation and chart: about 0.4 s for a demo plan, most of
``consolidate``'s time. The reader needs much less: the defined names, the tables (name and
range), and the value and kind of the cells of the sheets it looks at. :func:`load` gives that,
parsing a sheet only when the reader asks for one of its cells.

**One truth.** The values are the ones openpyxl gives, found the way openpyxl finds them: the
same package parts (content types, relationships, workbook part, shared strings), the same
openpyxl classes for the small parts (defined names, inline strings, shared formulas, dates), and
cells with openpyxl's ``value`` and ``data_type`` so that :func:`pacxl.workbook.cells.cell_value`
reads them unchanged. Cells openpyxl creates while loading (the top-left cell of a merged range,
the cells under a comment or a hyperlink) exist here too, and the covered cells of a merged
range are blank, as with openpyxl; ``max_row`` is computed the same way.
``tests/test_read_fast.py`` compares both readers on every kind of workbook pacxl meets.

Whatever this loader does not know (a chartsheet, a cell that is not a ``<c>``, sheet titles
openpyxl would refuse or rename, duplicate table names...) raises :class:`Unsupported`, and
:func:`pacxl.workbook.read.read_workbook` then reads the file with openpyxl; so does any error
met here, so that a damaged file gets openpyxl's diagnosis.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree
from pathlib import Path
from typing import Any

from openpyxl.cell.text import Text
from openpyxl.formula.translate import Translator
from openpyxl.packaging.manifest import Manifest
from openpyxl.packaging.relationship import get_dependents, get_rels_path
from openpyxl.reader.excel import _find_workbook_part
from openpyxl.reader.strings import read_string_table
from openpyxl.styles.numbers import builtin_format_code, is_date_format, is_timedelta_format
from openpyxl.utils.cell import coordinate_to_tuple, get_column_letter, range_boundaries
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel, from_ISO8601
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from openpyxl.xml.constants import ARC_CONTENT_TYPES, ARC_STYLE, SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.functions import fromstring

from ..errors import PacxlError, WorkbookError

__all__ = ["Unsupported", "load"]

_NS = "{%s}" % SHEET_MAIN_NS
_ROW, _CELL, _V, _F, _IS, _T = (_NS + t for t in ("row", "c", "v", "f", "is", "t"))
_MERGE, _HYPERLINK = _NS + "mergeCell", _NS + "hyperlink"
_TABLE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table"
_COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_WORKSHEET_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"


_DIGITS = "0123456789"
#: Column letters -> number, for the columns a sheet can have (A..XFD).
_COLUMNS = {get_column_letter(i): i for i in range(1, 16385)}


class Unsupported(Exception):
    """Something this loader does not read as openpyxl would: read the file with openpyxl."""


class Cell:
    """What the reader uses of an openpyxl cell: its value and its data type."""

    __slots__ = ("value", "data_type")

    def __init__(self, value: Any, data_type: str):
        self.value = value
        self.data_type = data_type


_EMPTY = Cell(None, "n")  # a covered cell of a merged range, a cell openpyxl creates empty


class Range:
    """A merged range, as :func:`pacxl.workbook.read._merged_rows` uses it."""

    __slots__ = ("min_col", "min_row", "max_col", "max_row")

    def __init__(self, ref: str):
        self.min_col, self.min_row, self.max_col, self.max_row = range_boundaries(ref)


class _Merged:
    def __init__(self, ranges: list[Range]):
        self.ranges = ranges


class Table:
    """A table's name and range (``ref``), as openpyxl's ``Table`` gives them."""

    __slots__ = ("name", "ref")

    def __init__(self, name: str, ref: str):
        self.name, self.ref = name, ref


class Sheet:
    """A worksheet whose cells are parsed on first use (``_cells``, as openpyxl's worksheets)."""

    def __init__(self, book: "Book", title: str, part: str, rels):
        self.book, self.title, self.part, self.rels = book, title, part, rels
        self.tables: dict[str, Table] = {}
        self._parsed: dict[tuple[int, int], Cell] | None = None
        self._merged = _Merged([])

    @property
    def _cells(self) -> dict[tuple[int, int], Cell]:
        if self._parsed is None:
            self._parsed = self._parse()
        return self._parsed

    @property
    def merged_cells(self) -> _Merged:
        self._cells  # noqa: B018  (parsing finds the merged ranges)
        return self._merged

    @property
    def max_row(self) -> int:
        cells = self._cells
        return max(r for r, _ in cells) if cells else 1

    # --- parsing, as openpyxl's WorkSheetParser and WorksheetReader do ---------------------------

    def _parse(self) -> dict[tuple[int, int], Cell]:
        book = self.book
        cells: dict[tuple[int, int], Cell] = {}
        merged: list[Range] = []
        links: list[str] = []
        shared: dict[str, Translator] = {}
        strings, dates, deltas, epoch = book.strings, book.date_formats, book.timedelta_formats, book.epoch
        row_counter = 0
        columns = _COLUMNS
        data = book.archive.read(self.part)
        # the C parser: check_zip refused any DOCTYPE (entity bombs) before this runs
        for _, el in ElementTree.iterparse(io.BytesIO(data)):
            tag = el.tag
            if tag == _ROW:
                r = el.get("r")
                if r is not None:
                    try:
                        row_counter = int(r)
                    except ValueError:
                        raise Unsupported(f"row number {r!r}") from None
                else:
                    row_counter += 1
                col_counter = 0
                for c in el:
                    if c.tag != _CELL:
                        raise Unsupported(f"{c.tag} in a row")
                    attrib = c.attrib
                    data_type = attrib.get("t", "n")
                    coordinate = attrib.get("r")
                    style_id = attrib.get("s", 0)
                    if style_id:
                        style_id = int(style_id)
                    v = f = None
                    for child in c:  # (openpyxl: the first <v>, the first <f>)
                        tag = child.tag
                        if tag == _V:
                            if v is None:
                                v = child
                        elif tag == _F:
                            if f is None:
                                f = child
                    value = None if data_type == "inlineStr" or v is None else (v.text or None)
                    if coordinate:
                        letters = coordinate.rstrip(_DIGITS)
                        column = columns.get(letters)
                        if column is not None and coordinate[len(letters):].isdigit():
                            row = int(coordinate[len(letters):])
                        else:
                            row, column = coordinate_to_tuple(coordinate)
                        col_counter = column
                    else:
                        col_counter += 1
                        row, column = row_counter, col_counter
                    if f is not None:
                        data_type = "f"
                        value = _formula(f, coordinate, shared)
                    elif value is not None:
                        if data_type == "n":
                            value = _number(value)
                            if style_id in dates:
                                data_type = "d"
                                try:
                                    value = from_excel(value, epoch, timedelta=style_id in deltas)
                                except (OverflowError, ValueError):
                                    data_type, value = "e", "#VALUE!"
                        elif data_type == "s":
                            value = strings[int(value)]
                        elif data_type == "b":
                            value = bool(int(value))
                        elif data_type == "str":
                            data_type = "s"
                        elif data_type == "d":
                            value = from_ISO8601(value)
                    elif data_type == "inlineStr":
                        child = c.find(_IS)
                        if child is not None:
                            data_type = "s"
                            value = _inline(child)
                    cells[(row, column)] = Cell(value, data_type)
                el.clear()
            elif tag == _MERGE:
                merged.append(Range(el.get("ref")))
            elif tag == _HYPERLINK:
                links.append(el.get("ref"))
        for rng in merged:  # openpyxl blanks the covered cells and creates the top-left one
            first = True
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if first:
                        first = False
                        continue
                    cells[(r, c)] = _EMPTY
            cells.setdefault((rng.min_row, rng.min_col), _EMPTY)
        self._merged = _Merged(merged)
        for ref in links + self._comment_refs():  # ws[ref] creates the cells
            min_col, min_row, max_col, max_row = range_boundaries(ref)
            if min_col is None or min_row is None:
                raise Unsupported(f"reference {ref!r}")
            for r in range(min_row, max_row + 1):
                for c in range(min_col, max_col + 1):
                    cells.setdefault((r, c), _EMPTY)
        return cells

    def _comment_refs(self) -> list[str]:
        refs = []
        for rel in self.rels.find(_COMMENTS_REL):
            root = fromstring(self.book.archive.read(rel.target))
            refs += [el.get("ref") for el in root.iter(_NS + "comment")]
        return refs


#: A defined name's value of the common shape: one range on a quoted sheet title.
_SIMPLE_NAME = re.compile(r"^'([^'!\"\[\]#,]+)'!(\$?[A-Z]{1,3}\$?[1-9][0-9]*(?::\$?[A-Z]{1,3}\$?[1-9][0-9]*)?)$")


def _number(value: str) -> int | float:
    """A number's text as openpyxl casts it: a float when it has a point or an exponent."""
    if "." in value or "E" in value or "e" in value:
        return float(value)
    return int(value)


def _inline(node) -> str:
    """The text of an inline string (``<is>``), as openpyxl's Text gives it without rich text."""
    if len(node) == 1 and node[0].tag == _T and not len(node[0]) and node[0].text:
        return node[0].text  # the common case: one plain <t>
    return Text.from_tree(node).content


def _formula(f, coordinate: str | None, shared: dict[str, Translator]) -> Any:
    """A formula cell's value as openpyxl gives it (shared formulas translated to the cell)."""
    kind = f.get("t")
    value = "=" + f.text if f.text is not None else "="
    if kind == "array":
        return ArrayFormula(ref=f.get("ref"), text=value)
    if kind == "shared":
        idx = f.get("si")
        if idx in shared:
            return shared[idx].translate_formula(coordinate)
        if value != "=":
            shared[idx] = Translator(value, coordinate)
        return value
    if kind == "dataTable":
        return DataTableFormula(**f.attrib)
    return value


class Book:
    """What the reader needs of a workbook: sheet titles, sheets, defined names and tables."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        self.sheets: dict[str, Sheet] = {}
        self.names: dict[str, tuple[str, str]] = {}
        self.tables: dict[str, tuple[Sheet, Table]] = {}
        self.strings: list[str] = []
        self.date_formats: set[int] = set()
        self.timedelta_formats: set[int] = set()
        self.epoch = CALENDAR_WINDOWS_1900

    def __enter__(self) -> "Book":
        return self

    def __exit__(self, *exc) -> None:
        self.archive.close()

    @property
    def sheetnames(self) -> list[str]:
        return list(self.sheets)

    def __getitem__(self, title: str) -> Sheet:
        return self.sheets[title]

    @property
    def worksheets(self) -> list[Sheet]:
        return list(self.sheets.values())


def load(path: Path) -> Book:
    """The workbook at ``path`` (already checked by :func:`pacxl.workbook.read._check_file`)."""
    archive = zipfile.ZipFile(path)
    try:
        return _read_parts(Book(archive))
    except BaseException:
        archive.close()
        raise


def _read_parts(book: Book) -> Book:
    archive = book.archive
    valid = set(archive.namelist())
    package = Manifest.from_tree(fromstring(archive.read(ARC_CONTENT_TYPES)))
    ct = package.find(SHARED_STRINGS)
    if ct is not None:
        with archive.open(ct.PartName[1:]) as src:
            book.strings = read_string_table(src)
    wb_part = _find_workbook_part(package).PartName[1:]
    _workbook(book, wb_part, valid)
    _styles(book)
    return book


def _workbook(book: Book, part: str, valid: set[str]) -> None:
    from openpyxl.packaging.workbook import WorkbookPackage as Package
    from openpyxl.workbook.child import INVALID_TITLE_REGEX

    archive = book.archive
    pkg = Package.from_tree(fromstring(archive.read(part)))
    if pkg.properties is not None and pkg.properties.date1904:
        book.epoch = CALENDAR_MAC_1904
    rels = get_dependents(archive, get_rels_path(part)).to_dict()
    seen: set[str] = set()
    for sheet in pkg.sheets:
        if not sheet.id:
            raise Unsupported("a sheet without relationship")
        rel = rels[sheet.id]
        if rel.target not in valid:
            raise Unsupported("a sheet part that is missing")
        if rel.Type != _WORKSHEET_REL:
            raise Unsupported(f"a sheet of type {rel.Type}")
        title = sheet.name
        if not title or INVALID_TITLE_REGEX.search(title) or title.casefold() in seen or len(title) > 31:
            raise Unsupported(f"the sheet title {title!r}")
        seen.add(title.casefold())
        rels_path = get_rels_path(rel.target)
        sheet_rels = get_dependents(archive, rels_path) if rels_path in valid else _no_rels()
        ws = Sheet(book, title, rel.target, sheet_rels)
        book.sheets[title] = ws
        for t in sheet_rels.find(_TABLE_REL):
            root = fromstring(archive.read(t.target))
            name, ref = root.get("name"), root.get("ref")
            if root.tag != _NS + "table" or not name or not ref:
                raise Unsupported(f"the table part {t.target}")
            if any(name.lower() == other.lower() for other in book.tables):
                raise Unsupported(f"the table name {name} twice")
            ws.tables[name] = Table(name, ref)
            book.tables[name] = (ws, ws.tables[name])
    if pkg.definedNames:
        for name, dn in pkg.definedNames.by_sheet().get("global", {}).items():
            simple = _SIMPLE_NAME.match(dn.value or "")
            if simple:  # what openpyxl's tokenizer finds in 'Sheet'!$A$1:$B$2, without it
                book.names[name] = (simple.group(1), simple.group(2))
                continue
            try:
                dests = list(dn.destinations)
            except Exception:  # a broken reference (#REF!) has no destination, as with openpyxl
                continue
            if dests:
                book.names[name] = dests[0]


def _no_rels():
    from openpyxl.packaging.relationship import RelationshipList

    return RelationshipList()


def _styles(book: Book) -> None:
    """The cell styles (cellXfs) whose number format is a date or a duration, as openpyxl's
    stylesheet indexes them."""
    try:
        src = book.archive.read(ARC_STYLE)  # (openpyxl reads this part, whatever the manifest says)
    except KeyError:
        return  # openpyxl's defaults: no date format
    root = fromstring(src)
    custom = {}
    numfmts = root.find(_NS + "numFmts")
    if numfmts is not None:
        for nf in numfmts.findall(_NS + "numFmt"):
            custom[int(nf.get("numFmtId"))] = nf.get("formatCode")
    xfs = root.find(_NS + "cellXfs")
    if xfs is None:
        raise Unsupported("a stylesheet without cellXfs")
    for idx, xf in enumerate(xfs.findall(_NS + "xf")):
        fid = int(xf.get("numFmtId", 0))
        fmt = custom[fid] if fid in custom else builtin_format_code(fid)
        if is_date_format(fmt):
            book.date_formats.add(idx)
        if is_timedelta_format(fmt):
            book.timedelta_formats.add(idx)


# --- opening a file: the checks both readers share, and openpyxl's loader ---------------------


def _check_file(path: Path) -> None:
    """Refuse what is not a workbook, before any parsing: a missing file, a folder, a file that
    is not a zip, zip and XML bombs (WorkbookError naming the file)."""
    if not path.exists():
        raise WorkbookError(f"{path}: no such file", fr=f"{path} : fichier introuvable")
    if path.is_dir():
        raise WorkbookError(f"{path}: is a folder, not a workbook", fr=f"{path} : c'est un dossier, pas un classeur")
    if not zipfile.is_zipfile(path):
        raise WorkbookError(f"{path}: not an Excel workbook (.xlsx), or the file is damaged",
            fr=f"{path} : ce n'est pas un classeur Excel (.xlsx), ou le fichier est endommagé")
    try:
        try:
            from ..io.save import check_zip  # zip and XML bombs are refused before parsing
        except ImportError:  # pragma: no cover - the guard ships with pacxl.io
            check_zip = None
        if check_zip is not None:
            check_zip(path)
    except PacxlError as exc:
        raise WorkbookError(f"{path}: {exc}", fr=f"{path} : {exc.say('fr')}") from None
    except Exception as exc:  # noqa: BLE001
        _damaged(path, exc)


def _damaged(path: Path, exc: Exception):
    from openpyxl.utils.exceptions import InvalidFileException

    if isinstance(exc, (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError,
                        IndexError, AttributeError, EOFError)):
        raise WorkbookError(f"{path}: damaged or not an Excel workbook ({type(exc).__name__}: {exc})"[:300],
            fr=f"{path} : classeur endommagé ou pas un classeur Excel ({type(exc).__name__} : {exc})"[:300]) from None
    # XML parse errors come in many types; all mean a damaged file
    raise WorkbookError(f"{path}: damaged workbook ({type(exc).__name__})",
        fr=f"{path} : classeur endommagé ({type(exc).__name__})") from None


def _load(path: Path, *, data_only: bool = False, checked: bool = False):
    """The openpyxl workbook at ``path`` after the zip-bomb checks (``data_only``: the values a
    spreadsheet cached in formula cells instead of the formulas, for :mod:`pacxl.dataframes`;
    ``checked``: :func:`_check_file` was done)."""
    import openpyxl

    if not checked:
        _check_file(path)
    try:
        return openpyxl.load_workbook(path, data_only=data_only)
    except PacxlError as exc:
        raise WorkbookError(f"{path}: {exc}", fr=f"{path} : {exc.say('fr')}") from None
    except Exception as exc:  # noqa: BLE001
        _damaged(path, exc)
