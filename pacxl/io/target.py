"""The target workbook, through openpyxl: the facts parsing needs, and the writer of results.

:func:`context_from_workbook` reads the settings and current table rows; :func:`final_rows`
merges an :class:`~pacxl.io.result.ImportResult` with the current rows (pure: the xlwings macros
use it with their own writer); :func:`write_result` writes with
:func:`pacxl.workbook.tables.write_rows`, which resizes what depends on the tables.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from openpyxl.utils import range_boundaries

from ..errors import WorkbookError
from ..workbook.cells import cell_value
from ..workbook.names import name_values
from ..workbook.contract import TABLES, month_keys
from .actuals import merge_actuals
from .result import TABLE_OF, ImportResult, WorkbookContext

#: Blank rows kept at the end of an imported table, for typing (at most this many).
SPARE_ROWS = 50


def _name_value(wb, name: str) -> Any:
    cells = name_values(wb, name)
    return cells[0] if cells else None


def table_bounds(wb, table_name: str) -> tuple[Any, int, int, int, int]:
    """(worksheet, min_col, header_row, max_col, last_row) of a contract table."""
    from ..workbook.tables import find_table

    ws, tbl = find_table(wb, table_name)
    min_col, header, max_col, last = range_boundaries(tbl.ref)
    return ws, min_col, header, max_col, last


def table_rows(wb, table_name: str) -> tuple[list[dict[str, Any]], int]:
    """The table's data rows (input columns found by header, blank rows left out) and its body
    row count."""
    from ..workbook.tables import table_columns

    spec = TABLES[table_name]
    ws, tbl, col_of = table_columns(wb, table_name, computed=False)
    _, header, _, last = range_boundaries(tbl.ref)
    inputs = [(c.key, col_of[c.key]) for c in spec.input_columns()]
    cells = ws._cells
    rows = []
    for r in range(header + 1, last + 1):
        row = {}
        for k, c in inputs:
            v = cell_value(cells.get((r, c)))
            if isinstance(v, dt.datetime) and v.time() == dt.time(0):
                v = v.date()
            row[k] = v
        if any(v not in (None, "") for v in row.values()):
            rows.append(row)
    return rows, max(last - header, 0)


def context_from_workbook(wb, path: Any = None) -> WorkbookContext:
    """The settings (PAC_Year, PAC_FirstMonth, PAC_Month, lists) and rows of a pacxl workbook
    (``path``: the workbook's file, named by an error about its settings)."""
    from ..workbook.settings_check import checked_settings
    from ..workbook.tables import workbook_lang

    lang = workbook_lang(wb)
    if wb.defined_names.get("PAC_Year") is None:
        raise WorkbookError("not a pacxl workbook: PAC_Year (the plan's year) is missing",
            fr="ce n'est pas un classeur pacxl : Paramètres, « Année du plan », manque")
    values = checked_settings(lambda name: _name_value(wb, name), lang, path)
    year, first, tracking = values["year"], values["first_month"], values["tracking_month"]

    def listed(name: str) -> list[str]:
        return [str(v).strip() for v in name_values(wb, name) if v not in (None, "")]

    actions, _ = table_rows(wb, "tblActions")
    has_pipeline = any("tblPipeline" in ws.tables for ws in wb.worksheets)
    return WorkbookContext(
        year=year,
        first_month=first,
        tracking_month=tracking,
        lang=lang,
        budget_categories=listed("PAC_BudgetCategories"),
        segments=listed("PAC_Segments"),
        action_ids=[str(r["id"]) for r in actions if r.get("id") not in (None, "")],
        kpis=table_rows(wb, "tblKPI")[0],
        budget=table_rows(wb, "tblBudget")[0],
        customers=table_rows(wb, "tblCustomers")[0],
        currency=str(_name_value(wb, "PAC_Currency") or "").strip(),
        funnel_stages=listed("PAC_FunnelStages"),
        pipeline=table_rows(wb, "tblPipeline")[0] if has_pipeline else None,
    )


def final_rows(result: ImportResult, ctx: WorkbookContext, *, append: bool = False) -> dict[str, list[dict]]:
    """Table name -> every data row the table holds after the import (append included)."""
    if result.kind == "budget":
        return {"tblBudget": (list(ctx.budget) + result.rows) if append else list(result.rows)}
    if result.kind == "customers":
        return {"tblCustomers": (list(ctx.customers) + result.rows) if append else list(result.rows)}
    if result.kind == "pipeline":
        return {"tblPipeline": (list(ctx.pipeline or []) + result.rows) if append else list(result.rows)}
    kpis, budget = merge_actuals(result, ctx.kpis, ctx.budget, append=append)
    out = {}
    if result.kpi_actuals:
        out["tblKPI"] = kpis
    if result.spend:
        out["tblBudget"] = budget
    return out


def write_result(wb, result: ImportResult, ctx: WorkbookContext, *, append: bool = False) -> dict[str, int]:
    """Write an import into an openpyxl workbook; table name -> body rows afterwards.

    Budget and customers go through :func:`~pacxl.workbook.tables.write_rows` (which resizes
    what depends on the table; with ``append`` the current rows are left as they are). Actuals
    change only the cells of the months and lines they name, in place: the tables keep their
    size, and a formula typed in another input cell stays a formula.
    """
    from ..workbook.tables import table_columns, write_rows

    out = {}
    if result.kind in TABLE_OF:
        table_name = TABLE_OF[result.kind]
        current, body = table_rows(wb, table_name)
        spare = min(max(body - len(current), 0), SPARE_ROWS)
        if append:
            rows = result.rows
            n = len(current) + len(rows)
        else:
            rows = final_rows(result, ctx)[table_name]
            n = len(rows)
        # (bulk: the rows are written into the sheet's XML when saved, not as openpyxl cells)
        out[table_name] = write_rows(wb, table_name, rows, append=append, min_rows=n + spare, bulk=True)
        return out
    for table_name, updates in actual_updates(result).items():
        ws, tbl, col_of = table_columns(wb, table_name, computed=False)
        _, header, _, last = range_boundaries(tbl.ref)
        for r in range(header + 1, last + 1):
            rid = cell_value(ws.cell(row=r, column=col_of["id"]))
            for key, v in updates.get(str(rid) if rid is not None else "", {}).items():
                cell = ws.cell(row=r, column=col_of[key])
                cell.value = updated_value(cell.value, v, append)
        out[table_name] = last - header
    return out


def actual_updates(result: ImportResult) -> dict[str, dict[str, dict[str, float]]]:
    """What an actuals import sets, writer-independent: table -> row id -> column key -> value
    (KPI actuals in the month columns ``a01``..``a12``, spend in the budget line's ``actual``)."""
    months = month_keys()
    out: dict[str, dict[str, dict[str, float]]] = {}
    if result.kpi_actuals:
        out["tblKPI"] = {
            kid: {"a" + months[pm - 1][1:]: v for pm, v in by_month.items()}
            for kid, by_month in result.kpi_actuals.items()
        }
    if result.spend:
        out["tblBudget"] = {bid: {"actual": v} for bid, v in result.spend.items()}
    return out


def updated_value(old: Any, value: float, append: bool) -> float:
    """A cell's new figure: ``value``, or added to the figure there with ``append``."""
    add = old if append and isinstance(old, (int, float)) and not isinstance(old, bool) else 0
    return round(add + value, 10)
