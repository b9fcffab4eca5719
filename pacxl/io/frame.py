"""Import a pandas DataFrame into a plan: :func:`import_frame`.

The DataFrame goes through the same pipeline as a file (:func:`pacxl.io.run_import`): the same
header matching (``map`` is ``--map``), parsing, validation, all-or-nothing atomic save with a
backup, and the same :class:`~pacxl.io.result.ImportSummary`. Only the reading differs:
:func:`frame_table` turns the DataFrame into the rows of cells a file is read into.

* The header is the DataFrame's columns (never a row below them). A named index (``df.set_index
  ("Ligne")``) is read as leading columns; an unnamed one is not data.
* Cells come typed: ``datetime64`` and ``Timestamp`` values are dates, numbers are numbers,
  ``NaN``/``NaT``/``None``/``pd.NA`` are blanks; text is read with the file conventions
  (``1 234,56``, ``15/03/2027``, ``janv. 2027``). An infinite number is refused as "not a number".
* A message names a row by its index label and a column by its header: ``DataFrame, index 7,
  column "Montant"``; ``name`` replaces ``DataFrame``.

pandas is imported here only (``import pacxl.io`` does not load this module until
``pacxl.io.import_frame`` is asked for).
"""

from __future__ import annotations

import datetime as dt
import decimal
import fractions
import math
import os
from typing import Any, Callable, Iterable, Union

from ..errors import InputError, PacxlError
from .cells import RawTable, RowLabel, clean_cell

__all__ = ["RowLabel", "frame_table", "import_frame"]


def _label_text(label: Any) -> str:
    """An index label as a message shows it: ``7``, ``'BUD-01'``, ``2027-01-31``."""
    if isinstance(label, str):
        return repr(label)
    if isinstance(label, tuple):
        return "(" + ", ".join(_label_text(x) for x in label) + ")"
    if hasattr(label, "isoformat") and not isinstance(label, (int, float)):
        text = label.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    if hasattr(label, "item"):  # a numpy scalar
        return _label_text(label.item())
    return str(label)


def _cell(v: Any) -> Any:
    """A DataFrame value as the parsers take a spreadsheet's cell (see :mod:`pacxl.io.cells`)."""
    import pandas as pd

    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, pd.Timestamp):
        return None if pd.isna(v) else (v.tz_localize(None) if v.tz is not None else v).to_pydatetime()
    if isinstance(v, pd.Period):
        return v.to_timestamp().to_pydatetime()
    if hasattr(v, "dtype") and hasattr(v, "item"):  # numpy scalars: np.float64, np.datetime64...
        if str(v.dtype).startswith("datetime64"):
            return _cell(pd.Timestamp(v))
        return _cell(v.item())
    if isinstance(v, bool):
        return v
    if isinstance(v, float):
        if math.isnan(v):
            return None
        return v if math.isfinite(v) else repr(v)  # "inf": refused where a number is expected
    if isinstance(v, (decimal.Decimal, fractions.Fraction)):
        return _cell(float(v))
    if isinstance(v, (int, str, dt.date)):
        return clean_cell(v)
    return clean_cell(str(v))  # a time of day, a duration, an object: its text, refused where it matters


def _column(series) -> list[Any]:
    """A column's cells (datetime columns at once; the others value by value)."""
    import pandas as pd

    if isinstance(series.dtype, pd.DatetimeTZDtype):
        series = series.dt.tz_localize(None)
    if pd.api.types.is_datetime64_dtype(series.dtype):
        return [None if pd.isna(x) else x.to_pydatetime() for x in series]
    return [_cell(v) for v in series.to_numpy(dtype=object)]


def frame_table(df, name: str = "DataFrame") -> RawTable:
    """The rows of cells :func:`pacxl.io.parse_table` reads, from a DataFrame: its columns as the
    header row, then every row with a non-blank cell, numbered by position and named by index
    label (:class:`RowLabel`)."""
    import pandas as pd

    if isinstance(df, pd.Series):
        df = df.to_frame()
    if not isinstance(df, pd.DataFrame):
        raise InputError(f"{name}: not a pandas DataFrame ({type(df).__name__})",
                         fr=f"{name} : ce n'est pas un DataFrame pandas ({type(df).__name__})")
    if isinstance(df.columns, pd.MultiIndex):
        raise InputError(f"{name}: columns on {df.columns.nlevels} levels; flatten them first "
                         "(df.columns = [...]) so that each column has one header",
                         fr=f"{name} : colonnes sur {df.columns.nlevels} niveaux ; aplatissez-les d'abord "
                            "(df.columns = [...]) pour que chaque colonne ait un seul en-tête")
    labels = list(df.index)
    if any(n is not None for n in df.index.names):  # a named index is data: its levels lead
        df = df.reset_index()
    header = [_cell(c) if not isinstance(c, str) else c for c in df.columns]
    columns = [_column(df.iloc[:, i]) for i in range(df.shape[1])]
    rows: list[tuple[int, list[Any]]] = [(RowLabel(0, "columns"), header)]
    for pos, cells in enumerate(zip(*columns) if columns else ()):
        if any(c is not None for c in cells):
            rows.append((RowLabel(pos + 1, _label_text(labels[pos])), list(cells)))
    return RawTable(name, rows, "dataframe", header_fixed=True)


def import_frame(
    workbook: Union[str, os.PathLike],
    kind: str,
    df,
    *,
    map: dict[str, str] | Iterable[str] | None = None,  # noqa: A002 (the CLI's --map)
    lang: str | None = None,
    name: str = "DataFrame",
    dry_run: bool = False,
    force: bool = False,
    backup: bool = True,
    append: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
):
    """Import the DataFrame ``df`` into ``workbook`` as ``pacxl import KIND WORKBOOK FILE`` imports a
    file, and return the same :class:`~pacxl.io.result.ImportSummary`.

    ``kind``: budget, actuals, customers (see :func:`pacxl.io.import_file`). ``map``: ``--map``'s
    ``{"Column": "field"}`` or ``["Column=field", ...]``; a DataFrame from :func:`pacxl.frames`
    needs none (its columns are mapped by the workbook contract, see
    :mod:`pacxl.io.contract_map`). ``lang``: the language (``"fr"``/``"en"``) of an error's
    ``str()`` (both are in its ``texts``); default the workbook's. ``name``: how messages name the
    DataFrame. ``dry_run``, ``force``, ``backup``, ``append``, ``progress``: as
    :func:`~pacxl.io.import_file`'s.

    A bad cell raises :class:`~pacxl.errors.InputError` naming the row (index label) and the
    column; the workbook is then left byte-identical.
    """
    from . import run_import

    try:
        return run_import(workbook, kind, lambda: frame_table(df, name), mapping=map, dry_run=dry_run,
                          force=force, backup=backup, append=append, progress=progress)
    except PacxlError as exc:
        exc.args = (exc.say(lang or _workbook_lang(workbook)),)
        raise


def _workbook_lang(workbook) -> str:
    """The language of ``workbook`` from its sheet names (French when it cannot be told)."""
    import zipfile

    from ..workbook.contract import SHEETS

    try:
        with zipfile.ZipFile(workbook) as z:
            names = z.read("xl/workbook.xml")[:200_000].decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return "fr"
    return "en" if f'name="{SHEETS["settings"]["en"]}"' in names else "fr"
