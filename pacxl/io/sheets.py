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
    from python_calamine import CalamineWorkbook

    from .save import check_zip

    fmt = Path(label).suffix.lower().lstrip(".") or "xlsx"
    if zipped:
        members = check_zip(io.BytesIO(data), label)
        if "content.xml" in members and "xl/workbook.xml" not in members:
            fmt = "ods"
        elif "xl/workbook.xml" not in members and "xl/workbook.bin" not in members:
            raise FileFormatError(f"{label}: a zip file, but not an XLSX or ODS spreadsheet")
    elif fmt not in ("xls",):
        fmt = "xls"
    try:
        with _rust_panics_silenced():
            wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(wb.sheet_names)
        if sheet is not None:
            if sheet not in names:
                raise InputError(
                    f'{label}: no sheet "{sheet}"; sheets: ' + ", ".join(f'"{n}"' for n in names)
                )
            chosen = [sheet]
        else:
            chosen = names
        for title in chosen:
            with _rust_panics_silenced():
                found = wb.get_sheet_by_name(title).iter_rows()
                rows = [(i, [clean_cell(v) for v in cells]) for i, cells in enumerate(found, start=1)
                        if not _blank(cells)]
            if rows or sheet is not None:
                break
        else:
            raise FileFormatError(f"{label}: no data in any sheet")
    except (InputError, FileFormatError, KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # calamine's errors, and Rust panics: pyo3's PanicException is
        # a BaseException, which `except Exception` lets through as a traceback
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        if type(exc).__name__ == "PanicException":
            detail = "damaged file"
        raise FileFormatError(f"{label}: cannot be read as a spreadsheet ({detail})") from None
    if not rows:
        raise FileFormatError(f'{label}: sheet "{title}" is empty')
    return RawTable(label, rows, fmt, sheet=title if len(names) > 1 else None)
