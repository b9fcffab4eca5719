"""Open and save a user's workbook without losing or letting in anything.

* :func:`check_zip` refuses zip bombs (sizes and compression ratios checked from the zip
  directory, then every member streamed in bounded memory) and XML with a DOCTYPE (entity bombs),
  before any parser sees the file.
* :func:`require_defusedxml` asserts openpyxl parses XML through defusedxml.
* :func:`check_not_open` (from :mod:`pacxl.files`) refuses a workbook that Excel
  (``~$name.xlsx``) or LibreOffice (``.~lock.name.xlsx#``) has open.
* :func:`what_openpyxl_drops` lists what openpyxl would silently drop on save (shapes and text
  boxes, form controls, sparklines, x14 data-validation and conditional-format extensions,
  slicers, embedded objects, add-in data, threaded comments, SmartArt, data connections, query
  tables, the Power Pivot model, Excel 365 dynamic arrays, an .xlsm's ribbon and VBA signature,
  chart style and colour parts, images when pillow is missing).
* :func:`open_workbook` does all the checks and loads the workbook (keeping an .xlsm's macros),
  remembering the fingerprint of the bytes read.
* :func:`save_workbook` saves through :func:`pacxl.files.atomic_write`: a unique temporary file
  in the same folder, fsynced, checked part by part (:mod:`pacxl.io.package`) and verified, an atomic backup of the original (unless
  ``backup=False``), a check that the file did not change since it was read, then
  :func:`os.replace`.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from pathlib import Path
from typing import IO, Callable, Union

from ..errors import FileFormatError, WorkbookError, WorkbookLockedError, WouldLoseDataError, os_reason
from ..files import Fingerprint, atomic_write, check_not_open, copy_file, lock_files, real_path  # noqa: F401
from ..workbook.fastcells import saved_bytes
from ..workbook.xlsxml import text_id_ranges

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
                raise FileFormatError(f"{info.filename}: larger than the zip directory says",
                    fr=f"{info.filename} : plus grand que ne le dit le répertoire du zip")
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
        raise FileFormatError(f"{label}: not a valid spreadsheet (damaged zip archive)",
            fr=f"{label} : ce n'est pas un tableur valide (archive zip endommagée)") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise FileFormatError(f"{label}: refused, {len(infos)} parts in the archive (zip bomb?)",
                fr=f"{label} : refusé, {len(infos)} parties dans l'archive (bombe zip ?)")
        total = 0
        for info in infos:
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MAX_MEMBER_SIZE or total > MAX_TOTAL_SIZE:
                raise FileFormatError(
                    f"{label}: refused, it unpacks to more than {MAX_TOTAL_SIZE // 2**20} MiB (zip bomb?)",
                        fr=f"{label} : refusé, il se décompresse en plus de {MAX_TOTAL_SIZE // 2**20} Mio (bombe zip ?)"
                )
            if info.file_size > RATIO_MIN_SIZE and ratio > MAX_RATIO:
                raise FileFormatError(
                    f"{label}: refused, {info.filename} is compressed {ratio:.0f} times (zip bomb?)",
                        fr=f"{label} : refusé, {info.filename} est compressé {ratio:.0f} fois (bombe zip ?)"
                )
        try:
            # every part is streamed, not only the XML: a directory that understates a binary
            # part's size (an .xlsb sheet, which calamine reads) is caught by its CRC here
            for info in infos:
                xml = info.filename.lower().endswith(_XML_SUFFIXES)
                if _stream_search(zf, info, {"dtd": _DOCTYPE} if xml else {}):
                    raise FileFormatError(
                        f"{label}: refused, {info.filename} declares XML entities (entity bomb?)",
                            fr=f"{label} : refusé, {info.filename} déclare des entités XML (bombe d'entités ?)"
                    )
        except FileFormatError as exc:
            msg = str(exc)
            raise FileFormatError(msg if msg.startswith(label) else f"{label}: refused, {msg}",
                fr=(exc.say("fr") if msg.startswith(label) else f"{label} : refusé, {exc.say('fr')}")) from None
        # zipfile raises RuntimeError for an encrypted part and its subclass for an unsupported
        # compression method
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
            raise FileFormatError(f"{label}: not a valid spreadsheet (damaged zip archive: {exc})",
                fr=f"{label} : ce n'est pas un tableur valide (archive zip endommagée : {exc})") from None
        return {i.filename for i in infos}


def require_defusedxml() -> None:
    """Refuse to parse workbooks unless openpyxl uses defusedxml (entity bombs refused)."""
    import openpyxl.xml

    if not openpyxl.xml.DEFUSEDXML:
        raise WorkbookError("defusedxml is not installed: pip install defusedxml (needed to read workbooks safely)",
            fr="defusedxml n'est pas installé : pip install defusedxml (nécessaire pour lire les classeurs sans risque)")


_DROPPED: list[tuple[str, str, re.Pattern]] = [
    # (member prefix, what is lost: a key of messages.TEXTS "save.lost.*", pattern)
    ("xl/drawings/drawing", "shapes", re.compile(rb"<(\w+:)?(sp|cxnSp|grpSp)[\s/>]")),
    ("xl/drawings/vmlDrawing", "form_controls", re.compile(rb'ObjectType="(?!Note")')),
    ("xl/worksheets/sheet", "form_controls", re.compile(rb"<(\w+:)?controls[\s/>]")),
    ("xl/worksheets/sheet", "sparklines", re.compile(rb"<(\w+:)?sparklineGroups[\s/>]")),
    ("xl/worksheets/sheet", "x14_validations", re.compile(rb"<x14:dataValidations[\s/>]")),
    ("xl/worksheets/sheet", "x14_formats", re.compile(rb"<x14:conditionalFormattings[\s/>]")),
    ("xl/worksheets/sheet", "slicers", re.compile(rb"<x14:slicerList[\s/>]")),
    # Excel 365 marks a dynamic-array formula with the cell metadata index cm="1" (pointing at
    # the XLDAPR record of xl/metadata.xml); openpyxl drops both, so the formula is written back
    # as a legacy array formula frozen to the spill range it had
    ("xl/worksheets/sheet", "dynamic_arrays", re.compile(rb"<(\w+:)?c\s[^>]*\bcm=")),
    ("xl/metadata.xml", "dynamic_arrays", re.compile(rb"XLDAPR")),
    # Power Pivot keeps its model in xl/model/item.data and announces it in a custom XML part
    ("customXml/item", "data_model", re.compile(rb"DataModel")),
]
_DROPPED_PARTS = [
    ("xl/ctrlProps/", "form_controls"),
    ("xl/embeddings/", "embedded"),
    ("xl/slicers/", "slicers"),
    ("xl/timelines/", "timelines"),
    ("xl/charts/chartEx", "chartex"),
    ("xl/activeX/", "activex"),
    # parts openpyxl does not model, so it writes them no more: an Office add-in's data (xlwings
    # Lite keeps its Python code in the workbook), Excel 365 comment threads, images in cells
    ("xl/webextensions/", "addins"),
    ("xl/threadedComments/", "threaded"),
    ("xl/richData/", "richdata"),
    ("xl/diagrams/", "smartart"),
    ("xl/connections.xml", "connections"),
    ("xl/queryTables/", "query_tables"),
    ("xl/model/", "data_model"),
    # an .xlsm's ribbon: openpyxl copies customUI/ with the macros but rewrites the package's
    # relationships without it, so Excel no longer shows the ribbon
    ("customUI/", "ribbon"),
    # same for the VBA signature: its relationship from vbaProject.bin is not written back
    ("xl/vbaProjectSignature", "vba_signature"),
]
#: Chart style and colour parts (Excel 2013+): openpyxl rewrites charts without them.
_CHART_STYLE = re.compile(r"xl/charts/(style|colors)\d*\.xml$", re.IGNORECASE)
_CUSTOM_XML_ITEM = re.compile(r"customXml/item\d+\.xml$", re.IGNORECASE)


def _has_pillow() -> bool:
    try:
        import PIL  # noqa: F401
    except ImportError:
        return False
    return True


def what_openpyxl_drops(path: Union[str, os.PathLike], lang: str = "en") -> list[str]:
    """What saving ``path`` through openpyxl would lose, in plain words in ``lang`` (empty:
    nothing)."""
    from ..messages import text

    lost: list[str] = []

    def add(key: str) -> None:
        if key not in lost:
            lost.append(key)

    p = Path(path)
    with zipfile.ZipFile(p) as zf:
        infos = zf.infolist()
        names = [i.filename for i in infos]
        folded = [n.casefold() for n in names]
        for prefix, key in _DROPPED_PARTS:
            if any(n.startswith(prefix.casefold()) for n in folded):
                add(key)
        if any(_CHART_STYLE.match(n) for n in names):
            add("chart_styles")
        plain_custom_xml = False
        for info in infos:
            pats = {key: pat for prefix, key, pat in _DROPPED if info.filename.startswith(prefix)}
            found = _stream_search(zf, info, pats) if pats else set()
            for key in found:
                add(key)
            if _CUSTOM_XML_ITEM.match(info.filename) and "data_model" not in found:
                plain_custom_xml = True
        if plain_custom_xml or (
            any(n.startswith("customxml/") for n in folded) and not any(_CUSTOM_XML_ITEM.match(n) for n in names)
        ):
            add("custom_xml")
        if any(n.startswith("xl/media/") for n in names) and not _has_pillow():
            add("images_pillow")
        if "xl/vbaProject.bin" in names and p.suffix.lower() != ".xlsm":
            add("macros_xlsx")
    return [text(f"save.lost.{key}", lang) for key in lost]


def check_nothing_dropped(path: Union[str, os.PathLike], lang: str = "en") -> None:
    from ..messages import text

    lost = what_openpyxl_drops(path, lang)
    if lost:
        raise WouldLoseDataError.of(
            lambda words: text("save.would_lose", words, name=Path(path).name,
                               what=", ".join(lost if words == lang else what_openpyxl_drops(path, words))), lang)


def open_workbook(path: Union[str, os.PathLike], *, data_only: bool = False):
    """Load a pacxl workbook with openpyxl after the safety checks (macros kept for .xlsm).

    The file is read once; the workbook carries the :class:`~pacxl.files.Fingerprint` of those
    bytes (``wb.pacxl_fingerprint``) so that :func:`save_workbook` refuses to replace a file
    that changed meanwhile."""
    import openpyxl

    p = Path(path)
    if not p.exists():
        raise WorkbookError(f"{p.name}: no such workbook", fr=f"{p.name} : classeur introuvable")
    if p.suffix.lower() not in WORKBOOK_SUFFIXES:
        raise WorkbookError(f"{p.name}: a pacxl workbook is an .xlsx or .xlsm file",
            fr=f"{p.name} : un classeur pacxl est un fichier .xlsx ou .xlsm")
    require_defusedxml()
    try:
        fingerprint, data = Fingerprint.read(p)
    except OSError as exc:
        raise WorkbookError(f"{p.name}: cannot be read ({exc.strerror or exc})",
            fr=f"{p.name} : impossible de le lire ({os_reason(exc, 'fr')})") from None
    try:
        check_zip(io.BytesIO(data), p.name)
    except FileFormatError as exc:
        raise WorkbookError(str(exc), fr=exc.say("fr")) from None
    try:
        wb = openpyxl.load_workbook(
            io.BytesIO(data), keep_vba=p.suffix.lower() == ".xlsm", data_only=data_only, rich_text=True,
            keep_links=True,
        )
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise WorkbookError(f"{p.name}: cannot be opened as a workbook ({type(exc).__name__}: {exc})",
            fr=f"{p.name} : impossible de l'ouvrir comme classeur ({type(exc).__name__} : {exc})") from None
    wb.pacxl_fingerprint = fingerprint
    return wb


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

    Through :func:`pacxl.files.atomic_write`: the workbook is written to a unique temporary file
    in the real file's folder (a symbolic link is followed and kept), fsynced, checked part by
    part (:func:`pacxl.io.package.check_package`, whose :class:`~pacxl.io.package.SavedPackage`
    is passed to ``verify``, which raises to refuse it); the original is copied to a backup (itself
    written atomically), and the temporary file moved over the original. A workbook opened by
    :func:`open_workbook` is replaced only if the file still holds the bytes read then. A
    read-only workbook is refused. On any failure the original is untouched, no backup and no
    temporary file are left.
    """

    p = Path(path)
    fingerprint = getattr(wb, "pacxl_fingerprint", None)
    if fingerprint is not None and fingerprint.path != str(real_path(p)):
        fingerprint = None  # saved somewhere else than where it was read

    # saved in memory first: a disk error then happens in atomic_write's own writes (openpyxl
    # leaves its zip unclosed on an error, and the zip's finalizer prints a traceback at exit)
    try:
        # openpyxl drops what it cannot read: the identifier columns' ignoredErrors come back;
        # the plain cells and the table rows written in bulk are written by pacxl (fastcells)
        data = saved_bytes(wb, ignored=text_id_ranges(wb))
    except Exception as exc:
        raise WorkbookError(f"{p.name}: could not be saved ({type(exc).__name__}: {exc})",
            fr=f"{p.name} : l'enregistrement a échoué ({type(exc).__name__} : {exc})") from None

    def reopen(tmp: Path) -> None:
        from .package import check_package

        try:
            saved = check_package(tmp)  # (every part read once: CRC, XML, structure, cells)
        except Exception as exc:
            raise WorkbookError(f"{p.name}: the saved copy does not reopen ({exc}); nothing was changed",
                fr=f"{p.name} : la copie enregistrée ne se rouvre pas ({exc}) ; rien n'a été modifié") from None
        if verify is not None:
            verify(saved)

    saved: list[Path] = []

    def keep_backup(real: Path):
        if not backup or not real.exists():
            return None
        saved.append(copy_file(real, backup_path(p)))

        def undo() -> None:
            saved.pop().unlink(missing_ok=True)

        return undo

    atomic_write(p, data, verify=reopen, unchanged=fingerprint, before_replace=keep_backup, shown=p.name)
    return saved[0] if saved else None
