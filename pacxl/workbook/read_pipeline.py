"""tblPipeline's rows as :class:`pacxl.model.Deal` (the workbook reader's hook).

Cells are read as the native formulas see them, so that calc and the workbook agree: an amount or
a probability is a number or nothing (text such as ``"1 234"`` is not a number to ``ISNUMBER``), a
date is a date cell or a serial number (text is no date), and texts keep their inner spaces
(stages and statuses compare after ``TRIM``, see :mod:`pacxl.calc.pipeline`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..calc._num import is_number
from ..model import Deal
from .cells import is_formula

_EPOCH = dt.date(1899, 12, 30)


def _text(v: Any) -> str:
    if v is None or is_formula(v):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (dt.datetime, dt.date)):
        return v.strftime("%d/%m/%Y")
    return str(v)


def _number(v: Any) -> float | None:
    return float(v) if is_number(v) else None


def _date(v: Any) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if is_number(v) and 1 <= float(v) < 2_958_466:  # a date typed in a cell formatted as a number
        return _EPOCH + dt.timedelta(days=int(v))
    return None


def deal(row: dict) -> Deal:
    """A :class:`Deal` of one tblPipeline row (keys: the contract's input columns)."""
    return Deal(deal=_text(row.get("deal")).strip(), account=_text(row.get("account")).strip(),
                owner=_text(row.get("owner")).strip(), stage=_text(row.get("stage")),
                amount=_number(row.get("amount")), probability=_number(row.get("probability")),
                close=_date(row.get("close")), created=_date(row.get("created")), status=_text(row.get("status")))
