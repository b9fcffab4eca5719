"""Defined names, through openpyxl: the cells a name covers, read without creating any.

openpyxl's ``ws.cell()`` and ``iter_rows()`` create the cells they visit; a name over a range
that is mostly blank would grow the sheet as it is read. :func:`name_values` looks cells up
instead, and gives ``None`` for the ones that do not exist.
"""

from __future__ import annotations

from typing import Any

from openpyxl.utils import range_boundaries

from .cells import cell_value

__all__ = ["name_values"]


def name_values(wb, name: str) -> list[Any]:
    """The values (:func:`~pacxl.workbook.cells.cell_value`) of the cells of a defined name, row
    by row; ``[]`` when the name is missing, broken, or on a missing sheet."""
    dn = wb.defined_names.get(name)
    if dn is None:
        return []
    try:
        dests = list(dn.destinations)
    except Exception:  # a broken reference (#REF!) has no destination
        return []
    out: list[Any] = []
    for title, ref in dests:
        if title not in wb.sheetnames:
            continue
        cells = wb[title]._cells
        min_col, min_row, max_col, max_row = range_boundaries(ref.replace("$", ""))
        for r in range(min_row, max_row + 1):
            for c in range(min_col, max_col + 1):
                out.append(cell_value(cells.get((r, c))))
    return out
