"""Open and save a user's workbook without losing or letting in anything.

* :func:`check_zip` refuses zip bombs (sizes and compression ratios checked from the zip
  directory, then every member streamed in bounded memory) and XML with a DOCTYPE (entity bombs),
  before any parser sees the file.
* :func:`require_defusedxml` asserts openpyxl parses XML through defusedxml.
* :func:`check_not_open` refuses a workbook that Excel (``~$name.xlsx``) or LibreOffice
  (``.~lock.name.xlsx#``) has open.
* :func:`what_openpyxl_drops` lists what openpyxl would silently drop on save (shapes and text
  boxes, form controls, sparklines, x14 data-validation and conditional-format extensions,
  slicers, embedded objects, add-in data, threaded comments, images when pillow is missing).
* :func:`open_workbook` does all the checks and loads the workbook (keeping an .xlsm's macros).
* :func:`save_workbook` saves atomically: a temporary file in the same folder, reopened and
  verified, a backup of the original (unless ``backup=False``), then :func:`os.replace`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import IO, Callable, Union

from ..errors import FileFormatError, WorkbookError, WorkbookLockedError, WouldLoseDataError

#: Limits of what a spreadsheet may unpack to. A 50,000-line export is ~20 MB of XML.
MAX_MEMBERS = 10_000
MAX_MEMBER_SIZE = 512 * 2**20
MAX_TOTAL_SIZE = 1024 * 2**20
#: Compression ratio above which a large member is taken for a bomb (XML compresses ~5-30x).
MAX_RATIO = 200
RATIO_MIN_SIZE = 2**20
CHUNK = 2**20

_XML_SUFFIXES = (".xml", ".rels", ".vml")
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def _stream_search(zf: zipfile.ZipFile, info: zipfile.ZipInfo, patterns: dict[str, re.Pattern]) -> set[str]:
    """Names of the ``patterns`` found in a member, read in chunks (bounded memory)."""
    found: set[str] = set()
    tail = b""
    read = 0
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(CHUNK)
            if not chunk:
                break
            read += len(chunk)
            if read > info.file_size or read > MAX_MEMBER_SIZE:  # a lying directory
                raise FileFormatError(f"{info.filename}: larger than the zip directory says")
            block = tail + chunk
            for name, pat in patterns.items():
                if name not in found and pat.search(block):
                    found.add(name)
            tail = block[-256:]
    return found


def check_zip(file: Union[str, os.PathLike, IO[bytes]], label: str | None = None) -> set[str]:
    """Refuse a zip bomb or XML with a DOCTYPE/ENTITY; return the member names.

    Sizes and ratios are checked from the central directory first, then each XML member is
    streamed (1 MiB at a time) to check its real size and look for a DOCTYPE.
    """
    label = label or (Path(file).name if isinstance(file, (str, os.PathLike)) else "input")
    try:
        zf = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise FileFormatError(f"{label}: not a valid spreadsheet (damaged zip archive)") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise FileFormatError(f"{label}: refused, {len(infos)} parts in the archive (zip bomb?)")
        total = 0
        for info in infos:
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MAX_MEMBER_SIZE or total > MAX_TOTAL_SIZE:
                raise FileFormatError(
                    f"{label}: refused, it unpacks to more than {MAX_TOTAL_SIZE // 2**20} MiB (zip bomb?)"
                )
            if info.file_size > RATIO_MIN_SIZE and ratio > MAX_RATIO:
                raise FileFormatError(
                    f"{label}: refused, {info.filename} is compressed {ratio:.0f} times (zip bomb?)"
                )
        try:
            # every part is streamed, not only the XML: a directory that understates a binary
            # part's size (an .xlsb sheet, which calamine reads) is caught by its CRC here
            for info in infos:
                xml = info.filename.lower().endswith(_XML_SUFFIXES)
                if _stream_search(zf, info, {"dtd": _DOCTYPE} if xml else {}):
                    raise FileFormatError(
                        f"{label}: refused, {info.filename} declares XML entities (entity bomb?)"
                    )
        except FileFormatError as exc:
            msg = str(exc)
            raise FileFormatError(msg if msg.startswith(label) else f"{label}: refused, {msg}") from None
        # zipfile raises RuntimeError for an encrypted part and its subclass for an unsupported
        # compression method
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
            raise FileFormatError(f"{label}: not a valid spreadsheet (damaged zip archive: {exc})") from None
        return {i.filename for i in infos}


def require_defusedxml() -> None:
    """Refuse to parse workbooks unless openpyxl uses defusedxml (entity bombs refused)."""
    import openpyxl.xml

    if not openpyxl.xml.DEFUSEDXML:
        raise WorkbookError("defusedxml is not installed: pip install defusedxml (needed to read workbooks safely)")


def lock_files(path: Union[str, os.PathLike]) -> list[Path]:
    """The Excel and LibreOffice lock files standing beside ``path``."""
    p = Path(path)
    names = [f"~${p.name}", f".~lock.{p.name}#"]
    if len(p.name) > 2:
        names.append(f"~${p.name[2:]}")  # Excel shortens long names: ~$dget2027.xlsx
    return [p.parent / n for n in names if (p.parent / n).exists()]


def check_not_open(path: Union[str, os.PathLike]) -> None:
    locks = lock_files(path)
    if locks:
        raise WorkbookLockedError(
            f"{Path(path).name} is open in Excel or LibreOffice ({locks[0].name} exists): "
            "close it first, or use --force"
        )


_DROPPED: list[tuple[str, str, re.Pattern]] = [
    # (member prefix, what is lost, pattern)
    ("xl/drawings/drawing", "shapes or text boxes", re.compile(rb"<(\w+:)?(sp|cxnSp|grpSp)[\s/>]")),
    ("xl/drawings/vmlDrawing", "form controls", re.compile(rb'ObjectType="(?!Note")')),
    ("xl/worksheets/sheet", "form controls", re.compile(rb"<(\w+:)?controls[\s/>]")),
    ("xl/worksheets/sheet", "sparklines", re.compile(rb"<(\w+:)?sparklineGroups[\s/>]")),
    ("xl/worksheets/sheet", "data validations of the x14 kind (Excel 2010 extension)",
     re.compile(rb"<x14:dataValidations[\s/>]")),
    ("xl/worksheets/sheet", "conditional formats of the x14 kind (data bars, icon sets)",
     re.compile(rb"<x14:conditionalFormattings[\s/>]")),
    ("xl/worksheets/sheet", "slicers", re.compile(rb"<x14:slicerList[\s/>]")),
]
_DROPPED_PARTS = [
    ("xl/ctrlProps/", "form controls"),
    ("xl/embeddings/", "embedded objects"),
    ("xl/slicers/", "slicers"),
    ("xl/timelines/", "timelines"),
    ("xl/charts/chartEx", "new-style charts (waterfall, treemap, funnel...)"),
    ("xl/activeX/", "ActiveX controls"),
    # parts openpyxl does not model, so it writes them no more: an Office add-in's data (xlwings
    # Lite keeps its Python code in the workbook), Excel 365 comment threads, images in cells
    ("xl/webextensions/", "Office add-ins and the data they keep in the workbook (e.g. xlwings Lite's Python code)"),
    ("customXml/", "custom XML parts (data kept by add-ins or document management)"),
    ("xl/threadedComments/", "threaded comments (the replies; only the first note would stay)"),
    ("xl/richData/", "pictures in cells and linked data types"),
]


def _has_pillow() -> bool:
    try:
        import PIL  # noqa: F401
    except ImportError:
        return False
    return True


def what_openpyxl_drops(path: Union[str, os.PathLike]) -> list[str]:
    """What saving ``path`` through openpyxl would lose, in plain words (empty: nothing)."""
    lost: list[str] = []

    def add(what: str) -> None:
        if what not in lost:
            lost.append(what)

    p = Path(path)
    with zipfile.ZipFile(p) as zf:
        infos = zf.infolist()
        names = [i.filename for i in infos]
        for prefix, what in _DROPPED_PARTS:
            if any(n.startswith(prefix) for n in names):
                add(what)
        for info in infos:
            pats = {what: pat for prefix, what, pat in _DROPPED if info.filename.startswith(prefix)}
            for what in _stream_search(zf, info, pats) if pats else ():
                add(what)
        if any(n.startswith("xl/media/") for n in names) and not _has_pillow():
            add("images (pillow is not installed: pip install pillow)")
        if "xl/vbaProject.bin" in names and p.suffix.lower() != ".xlsm":
            add("macros (the file holds VBA but is named .xlsx: rename it .xlsm)")
    return lost


def check_nothing_dropped(path: Union[str, os.PathLike]) -> None:
    lost = what_openpyxl_drops(path)
    if lost:
        raise WouldLoseDataError(
            f"{Path(path).name}: saving would lose its {', '.join(lost)}; "
            "use --force to import anyway (those would be removed)"
        )


def open_workbook(path: Union[str, os.PathLike], *, data_only: bool = False):
    """Load a pacxl workbook with openpyxl after the safety checks (macros kept for .xlsm)."""
    import openpyxl

    p = Path(path)
    if not p.exists():
        raise WorkbookError(f"{p.name}: no such workbook")
    if p.suffix.lower() not in WORKBOOK_SUFFIXES:
        raise WorkbookError(f"{p.name}: a pacxl workbook is an .xlsx or .xlsm file")
    require_defusedxml()
    try:
        check_zip(p)
    except FileFormatError as exc:
        raise WorkbookError(str(exc)) from None
    try:
        return openpyxl.load_workbook(
            p, keep_vba=p.suffix.lower() == ".xlsm", data_only=data_only, rich_text=True, keep_links=True
        )
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise WorkbookError(f"{p.name}: cannot be opened as a workbook ({type(exc).__name__}: {exc})") from None


def close_workbook(wb) -> None:
    """Release what openpyxl keeps open for an .xlsm (its in-memory VBA archive); without this,
    the garbage collector may close the buffer first and print an error at exit."""
    archive = getattr(wb, "vba_archive", None)
    if archive is not None:
        try:
            archive.close()
        except (ValueError, OSError):
            pass
        wb.vba_archive = None


def backup_path(path: Union[str, os.PathLike], now: dt.datetime | None = None) -> Path:
    """``plan.backup-20270115-093000.xlsx``: a free name for the backup of ``path``."""
    p = Path(path)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = p.with_name(f"{p.stem}.backup-{stamp}{p.suffix}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = p.with_name(f"{p.stem}.backup-{stamp}-{n}{p.suffix}")
    return candidate


def save_workbook(
    wb,
    path: Union[str, os.PathLike],
    *,
    backup: bool = True,
    verify: Callable[[object], None] | None = None,
) -> Path | None:
    """Save ``wb`` over ``path`` atomically; return the backup's path (None without backup).

    The workbook is written to a temporary file in the same folder, reopened (and passed to
    ``verify``, which raises to refuse it), the original copied to a backup, and the temporary
    file moved over the original with :func:`os.replace`. On any failure the original is
    untouched and the temporary file removed.
    """
    import openpyxl

    p = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{p.stem}.pacxl-", suffix=p.suffix, dir=p.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        try:
            wb.save(tmp)
        except Exception as exc:
            raise WorkbookError(f"{p.name}: could not be saved ({type(exc).__name__}: {exc})") from None
        try:
            check_zip(tmp, p.name)
            again = openpyxl.load_workbook(tmp, keep_vba=p.suffix.lower() == ".xlsm", rich_text=True)
        except Exception as exc:
            raise WorkbookError(f"{p.name}: the saved copy does not reopen ({exc}); nothing was changed") from None
        try:
            if verify is not None:
                verify(again)
        finally:
            close_workbook(again)
        saved_backup = None
        if p.exists():
            try:
                os.chmod(tmp, p.stat().st_mode & 0o7777)
            except OSError:
                pass
            if backup:
                saved_backup = backup_path(p)
                shutil.copy2(p, saved_backup)
        try:
            os.replace(tmp, p)
        except PermissionError:
            # Windows: Excel holds the file open (with --force, or without a lock file beside it)
            if saved_backup is not None:
                saved_backup.unlink(missing_ok=True)
            raise WorkbookLockedError(
                f"{p.name}: cannot be replaced, another program (Excel?) has it open; "
                "close it and run the import again (nothing was changed)"
            ) from None
        return saved_backup
    finally:
        if tmp.exists():
            tmp.unlink()
