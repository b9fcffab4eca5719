"""The tables of a plan as pandas DataFrames: :func:`frames`.

``pacxl.frames("pac_2027.xlsx")`` gives every contract table present in the workbook
(:data:`pacxl.workbook.contract.TABLES`: ``tblObjectives``, ``tblActions``, ``tblBudget``,
``tblKPI``, ``tblCustomers``, ``tblRevisions``, ``tblBaseline``) as a DataFrame keyed by the
table's name. Columns are found by header (:func:`pacxl.workbook.columns.column_map`), never by
position: a column the user inserted is kept, under its own header, where it stands.

Types (the same whatever the cells hold, so that code written against one plan runs on another):

* dates (an action's start and end, an objective's deadline, a revision's date): ``datetime64[ns]``;
* identifiers and text: pandas' default string dtype (``str`` from pandas 3, ``object`` holding
  ``str`` before), trimmed; a code typed as a number reads as its text (``123``);
* every other contract column (amounts, months, rates, shares, plan months): ``float64``;
* a column the user inserted: ``float64`` when every value is a number, ``datetime64[ns]`` when
  every value is a date, else text;
* a blank cell, and a spreadsheet error value (``#DIV/0!``, ``#N/A``), is ``NaN`` (``NaT`` in a
  date column).

Rows: the table's rows whose contract input cells hold something (the blank rows a table keeps
for typing are left out), in sheet order, with a fresh ``RangeIndex``.

Computed columns (native formulas) hold the values a spreadsheet application cached when it last
saved the file. A file written by openpyxl and never opened and saved in Excel or LibreOffice
since (``pacxl import``, :func:`pacxl.io.import_frame`, any script) has no cached values: its
computed columns read as ``NaN``, and so does an input cell holding a formula. ``pacxl new`` and
``pacxl demo`` store cached values, so their computed columns are filled.

A value an input column cannot hold (a text in an amount column, "soon" in a date column) is
refused: :class:`~pacxl.errors.WorkbookError` naming the file, the cell, the table and the header,
in the workbook's language. Numbers typed as French text (``1 234,56``) and dates as
``15/03/2027`` are read as the workbook reader reads them.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any, Union

from .errors import InputError, WorkbookError

__all__ = ["DATE_COLUMNS", "HEADER_LANGS", "TEXT_COLUMNS", "frames", "text_dtype"]

#: Values of ``lang``: the workbook's own headers (None), French, English, the contract's keys.
HEADER_LANGS = (None, "fr", "en", "canonical")

#: Contract columns holding dates (``datetime64[ns]``).
DATE_COLUMNS: dict[str, frozenset[str]] = {
    "tblObjectives": frozenset({"deadline"}),
    "tblActions": frozenset({"start", "end"}),
    "tblRevisions": frozenset({"date"}),
    "tblPipeline": frozenset({"close", "created"}),
}
#: Contract columns holding identifiers or text; every other contract column is a number.
TEXT_COLUMNS: dict[str, frozenset[str]] = {
    "tblObjectives": frozenset({"id", "objective", "kpi", "unit", "achievable", "relevant", "owner",
                                "status", "smart", "on_track"}),
    "tblActions": frozenset({"id", "objective_id", "action", "category", "lever", "segment", "owner",
                             "kpi", "status", "alert"}),
    "tblBudget": frozenset({"id", "category", "action_id", "label"}),
    "tblKPI": frozenset({"id", "name", "kind", "unit", "objective_id", "numerator", "denominator", "stage",
                         "status"}),
    "tblCustomers": frozenset({"code", "name", "segment", "abc"}),
    "tblRevisions": frozenset({"id", "field", "reason", "author"}),
    "tblBaseline": frozenset({"kind", "id", "field"}),
    "tblTeam": frozenset({"salesperson", "email"}),
    "tblAllocation": frozenset({"salesperson", "segment", "business"}),
    "tblPipeline": frozenset({"deal", "account", "owner", "stage", "status"}),
}

_MONTH_HEADER = re.compile(r"^(.*?) ?M(\d\d)$")  # the contract's month headers: "Prévu M01"
_BAD = object()  # a value a typed column cannot hold


def text_dtype():
    """The dtype of text columns: pandas' default string dtype (``str``, NaN for blanks) from
    pandas 3, ``object`` before."""
    import pandas as pd

    return "str" if int(pd.__version__.split(".")[0]) >= 3 else object


# --- cell values -------------------------------------------------------------------------------


def _blank(v: Any) -> bool:
    from .io.cells import is_error_value

    return v is None or (isinstance(v, str) and (not v.strip() or is_error_value(v)))


def _number(v: Any) -> Any:
    from .calc._num import is_number
    from .workbook.read import as_number

    if _blank(v):
        return None
    if is_number(v):
        return float(v)
    if isinstance(v, str):
        x = as_number(v)
        return _BAD if x is None else x
    return _BAD


def _date(v: Any) -> Any:
    from .workbook.read import as_date

    if _blank(v):
        return None
    if isinstance(v, dt.datetime):
        return v
    if isinstance(v, bool):
        return _BAD
    d = as_date(v)
    return _BAD if d is None else dt.datetime(d.year, d.month, d.day)


def _text(v: Any) -> Any:
    if _blank(v):
        return None
    if isinstance(v, str):
        return v.strip()
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat(" ")
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


_CONVERT = {"number": _number, "date": _date, "text": _text}


def _kind_of(table_name: str, key: str) -> str:
    if key in DATE_COLUMNS.get(table_name, ()):
        return "date"
    if key in TEXT_COLUMNS.get(table_name, ()):
        return "text"
    return "number"


def _guess_kind(values: list[Any]) -> str:
    """A user's column: number or date when every value is one, else text."""
    from .calc._num import is_number

    filled = [v for v in values if not _blank(v)]
    if filled and all(is_number(v) for v in filled):
        return "number"
    if filled and all(isinstance(v, (dt.date, dt.datetime)) for v in filled):
        return "date"
    return "text"


def _series(values: list[Any], kind: str, name: str):
    import numpy as np
    import pandas as pd

    if kind == "number":
        return pd.Series(np.array([np.nan if v is None else v for v in values], dtype="float64"), name=name)
    if kind == "date":
        return pd.Series(pd.to_datetime(pd.Series(values, dtype=object)), name=name).astype("datetime64[ns]")
    return pd.Series([np.nan if v is None else v for v in values], dtype=text_dtype(), name=name)


# --- headers -----------------------------------------------------------------------------------


def _contract_header(table_name: str, key: str, lang: str, months: list[str] | None) -> str:
    """The header the builder writes for a contract column in ``lang`` (month columns with the
    plan's month names when they are known: ``Prévu janv. 2027``)."""
    from .workbook.contract import TABLES

    col = next(c for c in TABLES[table_name].columns if c.key == key)
    header = col.header(lang)
    m = _MONTH_HEADER.match(header)
    if months is None or not m or col.key[1:] != m.group(2):
        return header
    word = "" if table_name == "tblBudget" else m.group(1) + " "  # the budget's months have no word
    return word + months[int(m.group(2)) - 1]


def _month_names(wb, lang: str) -> list[str] | None:
    from .workbook.i18n import month_labels
    from .workbook.names import name_values

    def whole(name: str) -> int | None:
        values = name_values(wb, name)
        v = values[0] if values else None
        return int(v) if isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer() else None

    year, first = whole("PAC_Year"), whole("PAC_FirstMonth") or 1
    if year is None or not 1 <= first <= 12:
        return None
    return month_labels(lang, first, year)


# --- the workbook ------------------------------------------------------------------------------


def frames(workbook: Union[str, os.PathLike], lang: str | None = None, computed: bool = True) -> dict[str, Any]:
    """Every contract table of the plan ``workbook`` as a :class:`pandas.DataFrame`, keyed by table
    name (``tblBudget``...), in the contract's order; tables absent from the file are left out.

    ``lang``: the headers. ``None`` (default): as written in the workbook (French or English);
    ``"fr"`` / ``"en"``: the headers pacxl writes in that language (month columns named with the
    plan's months: ``janv. 2027`` / ``Jan 2027``); ``"canonical"``: the contract's keys (``id``,
    ``label``, ``m01``..``m12``, ``actual``...), the same for every plan. A column the user inserted
    keeps its own header in every case.

    ``computed``: include the computed columns (their values as last cached by a spreadsheet:
    ``NaN`` in a file no spreadsheet has saved since openpyxl wrote it); ``False``: the input
    columns (and the user's) only.

    Types: see :mod:`pacxl.dataframes`. Raises :class:`~pacxl.errors.WorkbookError` for a file
    that is not a pacxl workbook or a value an input column cannot hold.
    """
    from .workbook.contract import TABLES
    from .workbook.read import _load
    from .workbook.tables import workbook_lang

    if lang not in HEADER_LANGS:
        raise InputError(f"lang={lang!r}: one of None, 'fr', 'en', 'canonical'",
                         fr=f"lang={lang!r} : l'un de None, 'fr', 'en', 'canonical'")
    path = Path(workbook)
    wb = _load(path, data_only=True)
    try:
        book_lang = workbook_lang(wb)
    except WorkbookError as exc:
        raise WorkbookError(f"{path}: {exc}", fr=f"{path} : {exc.say('fr')}") from None
    months = _month_names(wb, lang) if lang in ("fr", "en") else None
    out = {}
    for table_name in TABLES:
        found = next(((ws, ws.tables[table_name]) for ws in wb.worksheets if table_name in ws.tables), None)
        if found is not None:
            out[table_name] = _frame(found[0], found[1], table_name, path, book_lang, lang, months, computed)
    return out


def _frame(ws, tbl, table_name: str, path: Path, book_lang: str, lang: str | None, months, computed: bool):
    import pandas as pd
    from openpyxl.utils import get_column_letter, range_boundaries

    from .messages import text
    from .workbook.cells import cell_value
    from .workbook.columns import sheet_columns
    from .workbook.contract import TABLES

    spec = TABLES[table_name]
    min_col, header, max_col, last = range_boundaries(tbl.ref)
    last -= int(tbl.totalsRowCount or 0)
    col_of = sheet_columns(ws, tbl, table_name, lang=book_lang, path=path, computed=False)
    key_at = {c: k for k, c in col_of.items()}
    is_computed = {c.key: c.computed for c in spec.columns}
    cells = ws._cells

    def value(r: int, c: int) -> Any:
        return cell_value(cells.get((r, c)))

    inputs = [c for k, c in col_of.items() if not is_computed[k]]
    rows = [r for r in range(header + 1, last + 1) if any(not _blank(value(r, c)) for c in inputs)]
    series = []
    for c in range(min_col, max_col + 1):
        key = key_at.get(c)
        if key is not None and is_computed[key] and not computed:
            continue
        values = [value(r, c) for r in rows]
        own = value(header, c)
        own = "" if own is None else str(own)
        if key is None:  # the user's column: its own header, its type from its values
            kind, name = _guess_kind(values), own
        else:
            kind = _kind_of(table_name, key)
            name = key if lang == "canonical" else own if lang is None else _contract_header(table_name, key, lang, months)
        convert = _CONVERT[kind]
        typed = []
        for r, v in zip(rows, values):
            x = convert(v)
            if x is _BAD:
                if key is not None and not is_computed[key]:
                    where = f"{ws.title}!{get_column_letter(c)}{r}"
                    raise WorkbookError.of(lambda words: text(f"frames.not_{kind}", words, path=path, cell=where,
                                                              table=table_name, header=own, value=str(v)), book_lang)
                x = None  # a computed column's odd value (a text where a figure was expected)
            typed.append(x)
        series.append(_series(typed, kind, name))
    if not series:
        return pd.DataFrame(index=pd.RangeIndex(len(rows)))
    return pd.concat(series, axis=1)
