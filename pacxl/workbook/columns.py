"""Where a contract table's columns are: found by their header names, never by position.

Users insert columns into pacxl's tables (a "Commentaire" beside the budget lines), in Excel or
LibreOffice. Every reader and writer of a contract table (the workbook reader behind ``check``,
``report`` and ``consolidate``; the importers; :func:`pacxl.workbook.tables.write_rows`; the
xlwings macros) asks :func:`column_map` where each contract column is. A header matches a
column of :data:`pacxl.workbook.contract.TABLES` when it equals the column's French or English
header once normalised (case, spaces, no-break spaces); the 12 month columns of a block
(``Budget M01``, or the plan's month names the builder writes: ``janv. 2027``,
``Prévu janv. 2027``, ``Actual Jan 2027``) are taken in their left-to-right order. Columns the
contract does not know are left alone; a contract column that is missing is named in a
:class:`~pacxl.errors.WorkbookError`, in the workbook's language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..errors import WorkbookError
from .contract import MONTHS, Table, table_spec
from .i18n import MONTH_ABBR

_SPACES = re.compile(r"[\s\u00a0\u202f\u2007\u2009]+")
_MONTH_HEADER = re.compile(r"^(.*) M(\d\d)$")  # the contract's month headers: "Prévu M01"
_CODED_MONTH = re.compile(r"^m(\d{1,2})$")


def normalise(header: Any) -> str:
    """A header as compared: text, casefolded, runs of (no-break) spaces as one space, stripped."""
    if header is None:
        return ""
    return _SPACES.sub(" ", str(header)).strip().casefold()


def _month_word(text: str) -> str:
    return normalise(text).rstrip(".")


_MONTH_WORDS = {_month_word(w) for words in MONTH_ABBR.values() for w in words}
_NAMED_MONTH = re.compile(r"^(\S+?)\.?(?: (\d{4}))?$")


def _blocks(spec: Table) -> dict[str, tuple[set[str], list[str]]]:
    """Month blocks of a table: prefix -> (the block's words in both languages, its 12 keys)."""
    out: dict[str, tuple[set[str], list[str]]] = {}
    for col in spec.columns:
        m = _MONTH_HEADER.match(col.fr)
        en = _MONTH_HEADER.match(col.en)
        if m and en and col.key[1:] == m.group(2):
            words, keys = out.setdefault(col.key[0], (set(), []))
            words.update({normalise(m.group(1)), normalise(en.group(1))})
            keys.append(col.key)
    return out


def _month_of(rest: str) -> tuple[int | None, bool]:
    """(plan month from a coded header ``m03``, or None; True when ``rest`` names a month)."""
    coded = _CODED_MONTH.match(rest)
    if coded:
        return int(coded.group(1)), True
    named = _NAMED_MONTH.match(rest)
    return None, bool(named and _month_word(named.group(1)) in _MONTH_WORDS)


def match_headers(table_name: str, headers: Sequence[Any]) -> tuple[dict[str, int], dict[str, list[int]]]:
    """Contract key -> 0-based position in ``headers`` of each column found, and the keys
    matched by more than one header (key -> positions). Unknown headers are ignored."""
    spec = table_spec(table_name)
    exact: dict[str, str] = {}
    for col in spec.columns:
        for h in (col.fr, col.en):
            exact.setdefault(normalise(h), col.key)
    blocks = _blocks(spec)
    found: dict[str, list[int]] = {}
    named: dict[str, list[int]] = {p: [] for p in blocks}
    for pos, header in enumerate(headers):
        h = normalise(header)
        if not h:
            continue
        if h in exact:
            found.setdefault(exact[h], []).append(pos)
            continue
        for prefix, (words, keys) in blocks.items():
            rests = [h[len(w) + 1:] for w in words if h.startswith(w + " ")]
            if len(blocks) == 1:  # a single block may drop its word: the budget's "janv. 2027"
                rests.append(h)
            month, is_month = next(((m, ok) for m, ok in map(_month_of, rests) if ok), (None, False))
            if not is_month:
                continue
            if month is None:
                named[prefix].append(pos)
            elif 1 <= month <= MONTHS:
                found.setdefault(keys[month - 1], []).append(pos)
            break
    for prefix, positions in named.items():  # month names: the block's columns in order
        free = [k for k in blocks[prefix][1] if k not in found]
        for k, pos in zip(free, positions):
            found[k] = [pos]
        for pos in positions[len(free):]:
            found.setdefault(blocks[prefix][1][-1], []).append(pos)
    twice = {k: v for k, v in found.items() if len(v) > 1}
    return {k: v[0] for k, v in found.items()}, twice


def _error(key: str, *, what: str, table_name: str, sheet: str, lang: str, path: Any, header: str = "") -> WorkbookError:
    from ..messages import text

    col = next(c for c in table_spec(table_name).columns if c.key == key)
    def say(words: str) -> str:  # the sentence in ``words``; sheet and header stay the workbook's
        where = (f"{path} : " if words == "fr" else f"{path}: ") if path else ""
        return where + text(what, words, sheet=sheet, table=table_name, header=header or col.header(lang))

    return WorkbookError.of(say, lang)


def column_map(table_name: str, headers: Sequence[Any], *, first_col: int = 1, sheet: str = "",
               lang: str = "fr", path: Any = None, computed: bool = True) -> dict[str, int]:
    """Contract key -> sheet column (1-based; ``headers`` start at ``first_col``) of every column
    of ``table_name``; ``computed=False``: the input columns are enough (readers).

    A missing contract column, or one whose header appears twice, raises a WorkbookError naming
    ``path``, ``sheet``, the table and the header, in ``lang``.
    """
    spec = table_spec(table_name)
    pos, twice = match_headers(table_name, headers)
    # readers accept a workbook made before a column was added (read as blank); writers need all
    needed = [c.key for c in spec.columns if computed or not (c.computed or c.since)]
    ctx = dict(table_name=table_name, sheet=sheet, lang=lang, path=path)
    for key in needed:
        if key in twice:
            raise _error(key, what="wb.column_twice", header=str(headers[twice[key][1]]), **ctx)
        if key not in pos:
            raise _error(key, what="wb.column_missing", **ctx)
    return {k: first_col + pos[k] for k in spec.keys() if k in pos}  # in the contract's order


def sheet_columns(ws, tbl, table_name: str, *, lang: str = "fr", path: Any = None, computed: bool = True) -> dict[str, int]:
    """:func:`column_map` of an openpyxl table: its header row read from ``ws``."""
    from openpyxl.utils import range_boundaries

    min_col, header, max_col, _ = range_boundaries(tbl.ref)
    cells = ws._cells
    headers = []
    for c in range(min_col, max_col + 1):
        cell = cells.get((header, c))
        headers.append(None if cell is None else cell.value)
    return column_map(table_name, headers, first_col=min_col, sheet=ws.title, lang=lang, path=path,
                      computed=computed)
