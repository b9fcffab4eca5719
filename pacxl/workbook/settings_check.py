"""The Settings values every command relies on, checked one way for all of them.

``check``, ``report``, ``consolidate`` and the macros read a workbook through
:func:`pacxl.workbook.read.read_workbook`, ``import`` (and the import macro) through
:func:`pacxl.io.target.context_from_workbook`; both call :func:`checked_settings`. A year, a first
month or a tracking month that no date can be made of (``20266``, ``13``, ``mars``) is refused
with one line naming the file, the sheet and the cell's label in the workbook's language, before
any figure is computed: ``pac.xlsx: Paramètres, « Année du plan » : 20266 n'est pas une année
(2000-2100)``. ``consolidate`` skips such a file with that reason and goes on.

Whether the ABC thresholds are sensible (A below B) is a ``check`` finding, not a refusal; only a
threshold that is not a number at all is refused here.
"""

from __future__ import annotations

import math
from typing import Any, Callable

from ..errors import WorkbookError
from ..messages import text
from .contract import SHEETS
from .i18n import text as label_text

YEARS = (2000, 2100)
MONTHS = (1, 12)

#: Defined name -> label key of the Settings sheet (pacxl.workbook.sheets.settings.VALUES).
LABELS = {
    "PAC_Year": "set_year",
    "PAC_FirstMonth": "set_first_month",
    "PAC_Month": "set_month",
    "PAC_ABC_A": "set_abc_a",
    "PAC_ABC_B": "set_abc_b",
}


def _shown(v: Any, lang: str) -> str:
    """A cell's value as the user typed it."""
    if isinstance(v, bool):
        return str(v).upper()
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        s = str(int(v)) if math.isfinite(v) and v.is_integer() and abs(v) < 1e16 else repr(v)
        return s.replace(".", ",") if lang == "fr" else s
    s = str(v).strip()
    if len(s) > 40:
        s = s[:40] + "…"
    return f"« {s} »" if lang == "fr" else f'"{s}"'


def _number(v: Any) -> float | None:
    """A finite number held by a cell (a number or numeric text), else None."""
    from .read import as_number  # read.py imports this module

    x = None if isinstance(v, bool) else as_number(v)
    return x if x is not None and math.isfinite(x) else None


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def checked_settings(value: Callable[[str], Any], lang: str, path: Any = None) -> dict[str, Any]:
    """``{"year", "first_month", "tracking_month", "abc_a", "abc_b"}`` from the Settings cells.

    ``value(name)`` gives the raw value of a defined name's cell (None when blank or absent);
    ``path`` (the workbook) starts the message. Raises :class:`WorkbookError` on the first value
    that cannot be used. Blank first month: 1; blank tracking month: None; blank thresholds: None.
    """

    def refuse(name: str, key: str, **kw: Any) -> None:
        def say(words: str) -> str:  # the sentence in ``words``; the sheet and label stay the workbook's
            where = text("settings.cell", words, sheet=SHEETS["settings"][lang],
                         label=label_text(LABELS[name], lang), problem=text(key, words, **kw))
            return (f"{path} : {where}" if words == "fr" else f"{path}: {where}") if path is not None else where

        raise WorkbookError.of(say, lang)

    def whole(name: str, lo_hi: tuple[int, int], key: str, default: Any) -> Any:
        raw = value(name)
        if _blank(raw):
            if default is _REQUIRED:
                refuse(name, "settings.missing")
            return default
        x = _number(raw)
        lo, hi = lo_hi
        if x is None or not x.is_integer() or not lo <= x <= hi:
            refuse(name, key, value=_shown(raw, lang), lo=lo, hi=hi)
        return int(x)

    out = {
        "year": whole("PAC_Year", YEARS, "settings.not_year", _REQUIRED),
        "first_month": whole("PAC_FirstMonth", MONTHS, "settings.not_month", 1),
        "tracking_month": whole("PAC_Month", MONTHS, "settings.not_month", None),
    }
    for name, key in (("PAC_ABC_A", "abc_a"), ("PAC_ABC_B", "abc_b")):
        raw = value(name)
        x = None if _blank(raw) else _number(raw)
        if x is None and not _blank(raw):
            refuse(name, "settings.not_number", value=_shown(raw, lang))
        out[key] = x
    return out


_REQUIRED = object()
