"""What parsing a file gives back, and the workbook facts parsing needs.

The seam between reading and writing: ``parse_<kind>(table, context, mapping)`` returns an
:class:`ImportResult` (rows keyed by the contract's column keys, plus what was skipped and why);
:func:`pacxl.io.final_rows` merges it with the table's current rows; a writer (openpyxl here,
xlwings in the macros) then writes those rows. Nothing in this module touches a workbook.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .read import format_amount, month_label


@dataclass
class WorkbookContext:
    """The facts of the target workbook that parsing and validation need."""

    year: int
    first_month: int = 1
    tracking_month: int | None = None
    lang: str = "fr"
    budget_categories: list[str] = field(default_factory=list)
    segments: list[str] = field(default_factory=list)
    action_ids: list[str] = field(default_factory=list)
    #: current rows of the tables (dicts keyed by contract column keys, input columns only)
    kpis: list[dict[str, Any]] = field(default_factory=list)
    budget: list[dict[str, Any]] = field(default_factory=list)
    customers: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Skipped:
    line: int
    reason: str


@dataclass
class ImportResult:
    """Parsed and validated content of one file, ready to be merged and written."""

    kind: str  # budget | actuals | customers
    source: str  # file name
    layout: str  # long | wide
    rows_read: int = 0
    #: budget, customers: the new rows (contract keys); actuals: unused
    rows: list[dict[str, Any]] = field(default_factory=list)
    #: actuals: KPI id -> {plan month (1-12): value}
    kpi_actuals: dict[str, dict[int, float]] = field(default_factory=dict)
    #: actuals: budget line id -> spend to date
    spend: dict[str, float] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: plan month (1-12) -> total amount imported in that month
    totals_by_month: dict[int, float] = field(default_factory=dict)
    #: category (budget), segment (customers), "KPI"/"spend" (actuals) -> total
    totals_by_category: dict[str, float] = field(default_factory=dict)
    total: float = 0.0

    @property
    def rows_imported(self) -> int:
        return self.rows_read - len(self.skipped)

    @property
    def tables(self) -> list[str]:
        """The tables this import writes."""
        if self.kind == "budget":
            return ["tblBudget"]
        if self.kind == "customers":
            return ["tblCustomers"]
        out = []
        if self.kpi_actuals:
            out.append("tblKPI")
        if self.spend:
            out.append("tblBudget")
        return out


@dataclass
class ImportSummary:
    """What :func:`pacxl.io.import_file` did (or, with ``dry_run``, would do)."""

    result: ImportResult
    workbook: Path
    dry_run: bool = False
    written: bool = False
    backup: Path | None = None
    table_rows: dict[str, int] = field(default_factory=dict)  # table -> body rows after import
    context: WorkbookContext | None = None

    def month_name(self, pm: int) -> str:
        """``M03 (mars 2027)``: a plan month with its calendar month when the context is known."""
        if self.context is None:
            return f"M{pm:02d}"
        first = self.context.first_month
        cal = (first + pm - 2) % 12 + 1
        year = self.context.year + (1 if cal < first else 0)
        return f"M{pm:02d} ({month_label(year, cal, self.context.lang)})"

    def __getattr__(self, name: str) -> Any:  # summary.rows_read, summary.skipped, ...
        if name == "result":
            raise AttributeError(name)
        return getattr(self.result, name)

    def lines(self) -> list[str]:
        """The summary as plain text lines (the CLI renders the same facts with rich)."""
        r = self.result
        out = [
            f"{r.source} -> {self.workbook.name} ({r.kind}, {r.layout} layout)"
            + (" [dry run: nothing written]" if self.dry_run else ""),
            f"rows read: {r.rows_read}, imported: {r.rows_imported}, skipped: {len(r.skipped)}",
        ]
        for s in r.skipped:
            out.append(f"  skipped line {s.line}: {s.reason}")
        if r.totals_by_month:
            out.append("totals by month:")
            for m in sorted(r.totals_by_month):
                out.append(f"  {self.month_name(m)}: {format_amount(r.totals_by_month[m])}")
        if r.totals_by_category:
            out.append("totals by category:")
            for k, v in r.totals_by_category.items():
                out.append(f"  {k or '(none)'}: {format_amount(v)}")
        out.append(f"total: {format_amount(r.total)}")
        out += [f"notice: {n}" for n in r.notices]
        out += [f"warning: {w}" for w in r.warnings]
        if self.backup:
            out.append(f"backup: {self.backup.name}")
        return out
