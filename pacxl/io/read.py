"""Read what French finance and CRM tools export: CSV, XLSX/XLSM/XLS and ODS, as rows of cells.

Everything here is about *reading* conventions, not about what a budget or a customer list means
(that is :mod:`pacxl.io.budget`, :mod:`pacxl.io.actuals`, :mod:`pacxl.io.customers`). This module
is the entry point and keeps every public name importable from ``pacxl.io.read``; the work is done
by one module per responsibility: :mod:`.csvfile` (encodings, separators), :mod:`.sheets`
(spreadsheets), :mod:`.cells` (cell values, :class:`RawTable`), :mod:`.amounts` (numbers),
:mod:`.months` (months and dates), :mod:`.headers` (which column holds which field).

* :func:`read_table` opens a path or a file-like object and returns a :class:`RawTable`: every
  non-blank row with the line (CSV) or row (spreadsheet) number the user sees in their file.
  CSV: UTF-8 with or without BOM (UTF-16 with BOM too), else Windows-1252, never a silent
  latin-1; the separator (``;`` ``,`` tab ``|``) is sniffed and the column count checked on every
  row. Spreadsheets are read with python-calamine after a zip-bomb and XML-entity check.
* :func:`parse_number`, :func:`parse_amount`: decimal comma, thousands separated by space,
  no-break space, narrow no-break space, dot or apostrophe, € / EUR / %, and negatives written
  ``-1 234,56``, ``(1 234,56)`` or ``1 234,56-``.
* :func:`parse_month` and :func:`month_of_header`: dd/mm/yyyy (day first, always), mm/yyyy,
  yyyy-mm, Excel serial numbers, French and English month names and abbreviations.
* :func:`match_headers`: headers matched ignoring case, accents, spaces and punctuation, with
  French and English synonyms and qualifiers (``Montant TTC``, ``Budget 2027``, ``CA HT 2026``),
  and ``--map "Source column=field"`` for anything else.

Cell values are ``str`` (CSV, spreadsheet text), ``float``/``int``, ``bool``,
``datetime.date``/``datetime.datetime`` (spreadsheets) or ``None`` (blank).
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path
from typing import IO, Iterator, Union

from ..errors import FileFormatError, InputError
from .amounts import (  # noqa: F401  (the public names stay importable from pacxl.io.read)
    NotANumber,
    format_amount,
    parse_amount,
    parse_number,
    sniff_decimal,
)
from .cells import (  # noqa: F401
    RawTable,
    _blank,
    _tokens,
    as_text,
    clean_cell,
    clean_text,
    is_blank,
    normalize,
    show,
)
from .csvfile import SEPARATOR_NAMES, SEPARATORS, SNIFF_ROWS, decode_text, sniff_separator  # noqa: F401
from .csvfile import MAX_COLUMNS, MAX_CSV_BYTES, MAX_ROWS, detect_encoding, read_csv  # noqa: F401
from .headers import (  # noqa: F401
    HEADER_SCAN_ROWS,
    QUALIFIERS,
    Field,
    HeaderMatch,
    field_of_header,
    find_header,
    match_headers,
    parse_mapping,
)
from .months import (  # noqa: F401
    EXCEL_EPOCH,
    SERIAL_MAX,
    SERIAL_MIN,
    NotAMonth,
    month_label,
    month_of_header,
    month_word,
    parse_month,
    plan_month,
)
from .sheets import _read_spreadsheet

Source = Union[str, os.PathLike, IO[bytes], IO[str]]

#: Spreadsheet formats python-calamine reads.
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")

def _display_name(source: Source, name: str | None) -> str:
    if name:
        return name
    if isinstance(source, (str, os.PathLike)):
        return Path(source).name
    return Path(str(getattr(source, "name", "") or "input")).name


def read_table(source: Source, *, sheet: str | None = None, name: str | None = None) -> RawTable:
    """Read a CSV or spreadsheet file (path or file-like object) into a :class:`RawTable`.

    ``sheet`` picks a spreadsheet's sheet by name (default: the first sheet with data). ``name``
    is the file name shown in messages (default: the path's name). Raises
    :class:`~pacxl.errors.FileFormatError` for anything that cannot be read, with a one-line
    message naming the file.
    """
    label = _display_name(source, name)
    with _open(source, label) as stream:
        magic = stream.read(8)
        stream.seek(0)
        if magic[:4] == b"PK\x03\x04":
            return _read_spreadsheet(_read_all(stream, label), label, sheet)
        if magic == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # OLE2: Excel 97-2003 .xls
            return _read_spreadsheet(_read_all(stream, label), label, sheet, zipped=False)
        suffix = Path(label).suffix.lower()
        if suffix in SPREADSHEET_SUFFIXES:
            if not _read_all(stream, label).strip(b" \t\r\n\x00"):
                raise FileFormatError(f"{label}: the file is empty", fr=f"{label} : le fichier est vide")
            raise FileFormatError(
                f"{label}: not a {suffix[1:].upper()} file (damaged, or another format renamed); "
                "save it again from your spreadsheet, or export it as CSV",
                    fr=f"{label} : ce n'est pas un fichier {suffix[1:].upper()} (endommagé, ou un autre format renommé) ; enregistrez-le à nouveau depuis votre tableur, ou exportez-le en CSV"
            )
        if sheet is not None and magic.strip(b" \t\r\n\x00"):
            raise InputError(f"{label}: --sheet only applies to spreadsheets, not to CSV files",
                fr=f"{label} : --sheet ne vaut que pour les tableurs, pas pour les fichiers CSV")
        return read_csv(stream, label)


#: A spreadsheet is read whole by python-calamine; its size is bounded like a CSV's (the zip
#: checks then bound what it unpacks to).
MAX_SPREADSHEET_BYTES = 256 * 2**20


@contextlib.contextmanager
def _open(source: Source, label: str) -> Iterator[IO[bytes]]:
    """A seekable binary stream over ``source`` (a path, a binary or a text file-like object),
    without reading a file on disk into memory; refused early when it is too big."""
    if isinstance(source, (str, os.PathLike)):
        p = Path(source)
        if p.is_dir():
            raise InputError(f"{label}: is a folder, not a file", fr=f"{label} : c'est un dossier, pas un fichier")
        try:
            fh = open(p, "rb")
        except FileNotFoundError:
            raise InputError(f"{label}: no such file", fr=f"{label} : fichier introuvable") from None
        with fh:
            if os.fstat(fh.fileno()).st_size > max(MAX_CSV_BYTES, MAX_SPREADSHEET_BYTES):
                raise FileFormatError(
                    f"{label}: refused, more than {max(MAX_CSV_BYTES, MAX_SPREADSHEET_BYTES) // 2**20} MiB; "
                    "split the export (by year or by entity) or filter it before importing",
                        fr=f"{label} : refusé, plus de {max(MAX_CSV_BYTES, MAX_SPREADSHEET_BYTES) // 2**20} Mio ; découpez l'export (par année ou par entité) ou filtrez-le avant l'import"
                )
            yield fh
        return
    seekable = False
    with contextlib.suppress(AttributeError, OSError, ValueError):
        seekable = source.seekable() and isinstance(source.read(0), bytes)
    if seekable:
        yield source  # type: ignore[misc]
        return
    data = source.read(MAX_CSV_BYTES + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    yield io.BytesIO(bytes(data))


def _read_all(stream: IO[bytes], label: str) -> bytes:
    data = stream.read(MAX_SPREADSHEET_BYTES + 1)
    if len(data) > MAX_SPREADSHEET_BYTES:
        raise FileFormatError(f"{label}: refused, more than {MAX_SPREADSHEET_BYTES // 2**20} MiB of spreadsheet",
            fr=f"{label} : refusé, plus de {MAX_SPREADSHEET_BYTES // 2**20} Mio de tableur")
    return data
