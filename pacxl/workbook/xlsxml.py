"""What openpyxl cannot write, added to the saved file's XML: Excel's ``ignoredErrors`` on the
identifier columns, and the cached values of formula cells.

openpyxl saves a formula cell as ``<c r="J5" s="3"><f>...</f><v/></c>``: no value, so a preview
(Protected View, Outlook, Quick Look, a phone, GitHub) shows every figure blank until Excel
recalculates. :func:`finish` rewrites the saved package part by part (a streaming zip rewrite),
touching only the worksheets: the cells get ``<v>`` values (``t="str"`` for text, ``t="b"`` for
booleans, ``t="e"`` for errors, no type for numbers) and each sheet its ``<ignoredErrors>``;
styles, tables, validations and names stay as openpyxl wrote them. The values come from a
LibreOffice recalculation of the same file (:func:`recalculated_values`).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from xml.etree import ElementTree as ET

from openpyxl.utils import get_column_letter, range_boundaries

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}

#: A cached value: (type, text) with type "n" (number), "str", "b" or "e", as written in ``<v>``.
Cached = tuple[str, str]

# CT_Worksheet's elements that come after ignoredErrors (ECMA-376 part 1, 18.3.1.99): the block
# is inserted before the first of them that the sheet has.
_AFTER_IGNORED = ("smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF",
                  "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst")
_AFTER_RE = re.compile(r"<(?:%s)[\s/>]" % "|".join(_AFTER_IGNORED))
# openpyxl's formula cell: attributes (r first, maybe s, no t), the formula, an empty value
_FORMULA_CELL = re.compile(r'<c r="([A-Z]+[0-9]+)"((?: s="[0-9]+")?)><f>([^<]*)</f><v ?/></c>')


def sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title -> its part's name in the package (``xl/worksheets/sheet3.xml``)."""
    book = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", NS)}
    out = {}
    for sheet in book.findall("m:sheets/m:sheet", NS):
        t = target[sheet.get(f"{{{NS['r']}}}id")]
        out[sheet.get("name")] = t.lstrip("/") if t.startswith("/") else "xl/" + t
    return out


def text_id_ranges(wb) -> dict[str, list[str]]:
    """Sheet title -> ranges of the identifier columns: the body of every table column whose
    cells are text-formatted (``@``: customer codes, action, objective and KPI IDs), over the
    table's whole capacity. A code like 00123 is text on purpose: Excel must not flag it."""
    out: dict[str, list[str]] = {}
    for ws in wb.worksheets:
        for tbl in ws.tables.values():
            min_col, min_row, max_col, max_row = range_boundaries(tbl.ref)
            if max_row <= min_row:
                continue
            for col in range(min_col, max_col + 1):
                if ws.cell(row=min_row + 1, column=col).number_format == "@":
                    letter = get_column_letter(col)
                    out.setdefault(ws.title, []).append(f"{letter}{min_row + 1}:{letter}{max_row}")
    return out


def _ignored_block(ranges: list[str]) -> str:
    return ('<ignoredErrors><ignoredError sqref="%s" numberStoredAsText="1"/></ignoredErrors>'
            % " ".join(ranges))


def _with_ignored(xml: str, ranges: list[str]) -> str:
    xml = re.sub(r"<ignoredErrors>.*?</ignoredErrors>", "", xml, flags=re.S)
    m = _AFTER_RE.search(xml)
    at = m.start() if m else xml.rindex("</worksheet>")
    return xml[:at] + _ignored_block(ranges) + xml[at:]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _with_values(xml: str, values: Mapping[str, Cached]) -> str:
    def put(m: re.Match) -> str:
        coord, style, formula = m.groups()
        got = values.get(coord)
        if got is None:
            return m.group(0)
        kind, text = got
        t = "" if kind == "n" else f' t="{kind}"'
        return f'<c r="{coord}"{style}{t}><f>{formula}</f><v>{_escape(text)}</v></c>'

    return _FORMULA_CELL.sub(put, xml)


def _write_piecewise(dst: zipfile.ZipFile, part: zipfile.ZipInfo, pieces) -> None:
    """Write the text ``pieces`` as the part ``part`` of ``dst``: made here, compressed by a
    second thread meanwhile (zlib works without the interpreter lock: a large sheet is written
    in about the time it takes to make it), in bounded memory."""
    import queue
    import threading

    todo: queue.Queue = queue.Queue(maxsize=4)
    failed: list[BaseException] = []

    def work() -> None:
        try:
            with dst.open(part, "w") as fh:
                while (data := todo.get()) is not None:
                    fh.write(data)
        except BaseException as exc:  # noqa: BLE001  # raised again by the maker's thread
            failed.append(exc)
            while todo.get() is not None:  # (let the maker finish)
                pass

    worker = threading.Thread(target=work, name="pacxl-zip", daemon=True)
    worker.start()
    try:
        for piece in pieces:
            todo.put(piece.encode("utf-8"))
    finally:
        todo.put(None)
        worker.join()
    if failed:
        raise failed[0]


def finish(data: bytes, *, ignored: Mapping[str, list[str]] | None = None,
           values: Mapping[str, Mapping[str, Cached]] | None = None,
           bulk: Mapping[str, list] | None = None) -> bytes:
    """The package ``data`` with ``<ignoredErrors>`` for the ranges ``ignored`` (sheet title ->
    ranges), the cached ``values`` (sheet title -> cell -> (type, text)) of formula cells, and
    the table rows described in ``bulk`` (sheet title -> [:class:`pacxl.workbook.bulk.BulkRows`],
    merged into the sheet's cells and written piece by piece)."""
    ignored, values, bulk = ignored or {}, values or {}, bulk or {}
    if not ignored and not values and not bulk:
        return data
    from .bulk import splice

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        by_part = {part: title for title, part in sheet_parts(src).items()}
        for info in src.infolist():
            body = src.read(info.filename)
            title = by_part.get(info.filename)
            if title is not None and (title in ignored or title in values or title in bulk):
                xml = body.decode("utf-8")
                if values.get(title):
                    xml = _with_values(xml, values[title])
                if ignored.get(title):
                    xml = _with_ignored(xml, ignored[title])
                if bulk.get(title):
                    part = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                    part.compress_type, part.external_attr = info.compress_type, info.external_attr
                    _write_piecewise(dst, part, splice(xml, bulk[title]))
                    continue
                body = xml.encode("utf-8")
            dst.writestr(info, body, compress_type=info.compress_type)
    return out.getvalue()


def cached_values(path: str | Path) -> dict[str, dict[str, Cached]]:
    """Sheet title -> cell -> (type, text) of every formula cell's value in the saved workbook
    ``path`` (one that a spreadsheet application computed, e.g. LibreOffice)."""
    c_tag, f_tag, v_tag = (f"{{{NS['m']}}}{t}" for t in ("c", "f", "v"))
    out: dict[str, dict[str, Cached]] = {}
    with zipfile.ZipFile(path) as z:
        shared: list[str] = []
        if "xl/sharedStrings.xml" in z.namelist():
            sst = ET.fromstring(z.read("xl/sharedStrings.xml"))
            shared = ["".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t"))
                      for si in sst.findall("m:si", NS)]
        for title, part in sheet_parts(z).items():
            cells = out.setdefault(title, {})
            with z.open(part) as fh:
                for _, el in ET.iterparse(fh):
                    if el.tag != c_tag:
                        continue
                    if el.find(f_tag) is not None:
                        v = el.find(v_tag)
                        text = "" if v is None or v.text is None else v.text
                        kind = el.get("t", "n")
                        if kind == "s":
                            kind, text = "str", shared[int(text)]
                        elif kind in ("inlineStr", "str"):
                            kind = "str"
                        if kind == "n" and text == "":
                            kind = "str"  # no value: an empty text
                        cells[el.get("r")] = (kind, text)
                    el.clear()
    return out


def recalculated_values(data: bytes, timeout: float = 300) -> dict[str, dict[str, Cached]]:
    """The cached values of the workbook ``data`` as LibreOffice computes them (a few seconds;
    raises :class:`pacxl.recalc.LibreOfficeMissing` without LibreOffice)."""
    import tempfile

    from ..recalc import recalculate

    with tempfile.TemporaryDirectory(prefix="pacxl-values-") as tmp:
        src = Path(tmp) / "in" / "pac.xlsx"
        src.parent.mkdir()
        src.write_bytes(data)
        return cached_values(recalculate(src, Path(tmp) / "out", timeout=timeout))


_CACHED = re.compile(r'(<c r="[A-Z]+[0-9]+"(?: s="[0-9]+")?)(?: t="(?:str|b|e|n)")?(><f>[^<]*</f>)<v>[^<]*</v></c>')


def without_values(xml: str) -> str:
    """A worksheet's XML with its formula cells' cached values taken out, as openpyxl writes it."""
    return _CACHED.sub(r"\1\2<v /></c>", xml)


def borrowed_values(data: bytes, reference: str | Path) -> bytes | None:
    """``data`` with the worksheets of ``reference`` (a shipped template that carries cached
    values) when both are the same workbook apart from those values and the document
    properties (creation time); None otherwise. Costs a comparison, no recalculation."""
    with zipfile.ZipFile(io.BytesIO(data)) as ours, zipfile.ZipFile(reference) as ref:
        names = [n for n in ours.namelist() if not n.startswith("docProps/")]
        if sorted(names) != sorted(n for n in ref.namelist() if not n.startswith("docProps/")):
            return None
        sheets = set(sheet_parts(ours).values())
        names.sort(key=lambda n: n in sheets)  # the small parts first: most differences are there
        theirs = {}
        for name in names:
            mine, other = ours.read(name), ref.read(name)
            if name in sheets:
                if without_values(other.decode("utf-8")).encode("utf-8") != mine:
                    return None
                theirs[name] = other
            elif mine != other:
                return None
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as dst:
            for info in ours.infolist():
                dst.writestr(info, theirs.get(info.filename) or ours.read(info.filename),
                             compress_type=info.compress_type)
        return out.getvalue()
