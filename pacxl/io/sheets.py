"""Spreadsheets (XLSX/XLSM/XLS/XLSB/ODS), read with python-calamine."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from pathlib import Path
from typing import Any

from ..errors import FileFormatError, InputError
from .cells import RawTable, _blank, clean_cell



@contextlib.contextmanager
def _rust_panics_silenced():
    """Keep a Rust panic inside calamine (damaged .xls/.xlsx) from printing its message and
    backtrace on the user's terminal: stderr's file descriptor points at /dev/null meanwhile.
    The panic itself arrives as ``pyo3_runtime.PanicException`` and becomes a one-line error."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
        devnull = os.open(os.devnull, os.O_WRONLY)
    except (OSError, AttributeError, ValueError):  # no usable stderr (pythonw): nothing to hide
        yield
        return
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def _read_spreadsheet(data: bytes, label: str, sheet: str | None, zipped: bool = True) -> RawTable:
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    from .save import check_zip

    fmt = Path(label).suffix.lower().lstrip(".") or "xlsx"
    if zipped:
        members = check_zip(io.BytesIO(data), label)
        if "content.xml" in members and "xl/workbook.xml" not in members:
            fmt = "ods"
        elif "xl/workbook.xml" not in members and "xl/workbook.bin" not in members:
            raise FileFormatError(f"{label}: a zip file, but not an XLSX or ODS spreadsheet",
                fr=f"{label} : un fichier zip, mais pas un tableur XLSX ou ODS")
    elif fmt not in ("xls",):
        fmt = "xls"
    hidden: list[str] = []
    try:
        with _rust_panics_silenced():
            wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(wb.sheet_names)
        if sheet is not None:
            if sheet not in names:
                raise InputError(
                    f'{label}: no sheet "{sheet}"; sheets: ' + ", ".join(f'"{n}"' for n in names),
                        fr=(f"{label} : pas de feuille « {sheet} » ; feuilles : " + ", ".join(f"« {n} »" for n in names))
                )
            chosen = [sheet]
        else:
            # a hidden sheet is often last year's stale copy: read it only when --sheet names it
            hidden = [m.name for m in wb.sheets_metadata if m.visible != SheetVisibleEnum.Visible]
            chosen = [n for n in names if n not in hidden]
        for title in chosen:
            with _rust_panics_silenced():
                ws = wb.get_sheet_by_name(title)
                grid = [list(cells) for cells in ws.iter_rows()]
                merged = ws.merged_cell_ranges
                first_col = ws.start[1] if ws.start else 0
            _fill_merged_down(grid, merged, first_col)
            rows = [(i, [clean_cell(v) for v in cells]) for i, cells in enumerate(grid, start=1)
                    if not _blank(cells)]
            if rows or sheet is not None:
                break
        else:
            more = f" (hidden sheets skipped: {', '.join(hidden)}; name one with --sheet)" if hidden else ""
            more_fr = f" (feuilles masquées ignorées : {', '.join(hidden)} ; nommez-en une avec --sheet)" if hidden else ""
            raise FileFormatError(f"{label}: no data in any sheet{more}",
                fr=f"{label} : aucune donnée dans aucune feuille{more_fr}")
    except (InputError, FileFormatError, KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # calamine's errors, and Rust panics: pyo3's PanicException is
        # a BaseException, which `except Exception` lets through as a traceback
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        if type(exc).__name__ == "PanicException":
            detail = "damaged file"
        raise FileFormatError(f"{label}: cannot be read as a spreadsheet ({detail})",
            fr=f"{label} : illisible comme tableur ({detail})") from None
    if not rows:
        raise FileFormatError(f'{label}: sheet "{title}" is empty', fr=f"{label} : la feuille « {title} » est vide")
    if zipped:
        errors = _error_cells(data, fmt, names.index(title), title)
        if errors:
            _put_errors(rows, errors, first_col)
    table = RawTable(label, rows, fmt, sheet=title if len(names) > 1 else None)
    table.sheet_read = title
    table.hidden_skipped = [h for h in hidden if h in names[: names.index(title)]] if hidden else []
    return table


def _fill_merged_down(grid: list[list[Any]], merged: Any, first_col: int) -> None:
    """A cell merged over several rows (a category typed once for a block of lines) holds its
    value on its first row only: copy it down the merged rows, as the user sees it."""
    for (r1, c1), (r2, _c2) in merged or ():
        c = c1 - first_col
        if r2 <= r1 or c < 0 or r1 >= len(grid) or c >= len(grid[r1]):
            continue
        value = grid[r1][c]
        for r in range(r1 + 1, min(r2, len(grid) - 1) + 1):
            if c < len(grid[r]) and (grid[r][c] is None or grid[r][c] == ""):
                grid[r][c] = value


def _put_errors(rows: list[tuple[int, list[Any]]], errors: dict[tuple[int, int], str], first_col: int) -> None:
    """Error cells (``#DIV/0!``, ``#N/A``), which calamine reads as blanks, get their error text
    back, so that they are refused as they are in a CSV file."""
    by_row = {line: cells for line, cells in rows}
    for (r, c), code in errors.items():
        cells = by_row.get(r)
        col = c - first_col
        if cells is None:  # a row of blanks and errors only
            cells = [None] * (max(col + 1, len(rows[0][1]) if rows else 0))
            rows.append((r, cells))
            by_row[r] = cells
        if 0 <= col < len(cells):
            cells[col] = code
    rows.sort(key=lambda rc: rc[0])


def _error_cells(data: bytes, fmt: str, index: int, title: str) -> dict[tuple[int, int], str]:
    """``{(row 1-based, column 0-based): "#DIV/0!"}`` of a sheet's error cells (XLSX/XLSM: cells
    of type ``e``; ODS: ``calcext:value-type="error"``). Only read when the sheet holds one."""
    import zipfile

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        if fmt == "ods":
            return _ods_errors(zf, title)
        part = _xlsx_sheet_part(zf, index)
        if part is None:
            return {}
        with zf.open(part) as fh:
            raw = fh.read()
        if b't="e"' not in raw:
            return {}
        return _xlsx_errors(raw)
    except (KeyError, zipfile.BadZipFile, ValueError, SyntaxError):
        return {}


_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _xlsx_sheet_part(zf: Any, index: int) -> str | None:
    import posixpath
    import xml.etree.ElementTree as ET

    book = ET.fromstring(zf.read("xl/workbook.xml"))
    sheets = book.findall(f"{_NS_MAIN}sheets/{_NS_MAIN}sheet")
    if index >= len(sheets):
        return None
    rid = sheets[index].get(f"{_NS_REL}id")
    rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    for rel in rels:
        if rel.get("Id") == rid:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    return None


def _xlsx_errors(raw: bytes) -> dict[tuple[int, int], str]:
    import xml.etree.ElementTree as ET

    from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

    out: dict[tuple[int, int], str] = {}
    for _, el in ET.iterparse(io.BytesIO(raw)):
        if el.tag == f"{_NS_MAIN}c":
            if el.get("t") == "e":
                v = el.find(f"{_NS_MAIN}v")
                letters, row = coordinate_from_string(el.get("r", "A1"))
                out[(row, column_index_from_string(letters) - 1)] = (v.text if v is not None else None) or "#N/A"
            el.clear()
    return out


_NS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_NS_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
_NS_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _ods_errors(zf: Any, title: str) -> dict[tuple[int, int], str]:
    import xml.etree.ElementTree as ET

    with zf.open("content.xml") as fh:
        raw = fh.read()
    if b'value-type="error"' not in raw:
        return {}
    out: dict[tuple[int, int], str] = {}
    in_sheet = False
    row = 0
    for event, el in ET.iterparse(io.BytesIO(raw), events=("start", "end")):
        tag = el.tag
        if tag == f"{_NS_TABLE}table":
            in_sheet = event == "start" and el.get(f"{_NS_TABLE}name") == title
            row = 0
            continue
        if not in_sheet or event != "end":
            continue
        if tag == f"{_NS_TABLE}table-row":
            col = 0
            repeat = int(el.get(f"{_NS_TABLE}number-rows-repeated", "1"))
            for cell in el:
                n = int(cell.get(f"{_NS_TABLE}number-columns-repeated", "1"))
                if cell.get(f"{_NS_CALCEXT}value-type") == "error":
                    code = "".join(cell.itertext()).strip() or "#N/A"
                    for r in range(row + 1, row + 1 + min(repeat, 1000)):
                        for c in range(col, col + min(n, 1000)):
                            out[(r, c)] = code
                col += n
            row += repeat
            el.clear()
    return out
