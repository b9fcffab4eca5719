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

from ..messages import TEXTS, fmt_number, lang_of, text
from .read import format_amount, month_label


#: The table an import of each kind replaces (or extends with --append); actuals change cells.
TABLE_OF = {"budget": "tblBudget", "customers": "tblCustomers", "pipeline": "tblPipeline"}


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
    #: the pipeline: the plan's currency, funnel stages and tblPipeline's rows (None: no such table)
    currency: str = ""
    funnel_stages: list[str] = field(default_factory=list)
    pipeline: list[dict[str, Any]] | None = None


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
        if self.kind in TABLE_OF:
            return [TABLE_OF[self.kind]]
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

    @property
    def lang(self) -> str:
        """The workbook's language (French when the context is unknown)."""
        return lang_of(self.context.lang if self.context is not None else "fr")

    def amount(self, x: float) -> str:
        """An amount as the workbook's language writes it: ``1 234,56`` / ``1,234.56``."""
        return format_amount(x) if self.lang == "fr" else fmt_number(x, "en", 2)

    def t(self, key: str, **kw: Any) -> str:
        return text(f"import.{key}", self.lang, **kw)

    def kind_word(self) -> str:
        r = self.result
        return self.t(f"kind.{r.kind}") if f"import.kind.{r.kind}" in TEXTS else r.kind

    def layout_word(self) -> str:
        r = self.result
        return self.t(f"layout.{r.layout}") if f"import.layout.{r.layout}" in TEXTS else r.layout

    def lines(self) -> list[str]:
        """The summary as plain text lines in the workbook's language (the CLI renders the same
        facts with rich)."""
        r = self.result
        t = self.t
        out = [
            t("head", source=r.source, workbook=self.workbook.name, kind=self.kind_word(), layout=self.layout_word())
            + (t("dry_run") if self.dry_run else ""),
            t("counts", read=r.rows_read, imported=r.rows_imported, skipped=len(r.skipped)),
        ]
        for s in r.skipped:
            out.append(t("skipped_line", line=s.line, reason=s.reason))
        if r.totals_by_month:
            out.append(t("totals_by_month"))
            for m in sorted(r.totals_by_month):
                out.append(f"  {self.month_name(m)}: {self.amount(r.totals_by_month[m])}")
        if r.totals_by_category:
            out.append(t({"customers": "totals_by_segment", "pipeline": "totals_by_status"}.get(r.kind,
                                                                                             "totals_by_category")))
            for k, v in r.totals_by_category.items():
                out.append(f"  {k or t('none')}: {self.amount(v)}")
        out.append(t("total", amount=self.amount(r.total)))
        out += [t("notice", text=n) for n in r.notices]
        out += [t("warning", text=w) for w in r.warnings]
        if self.backup:
            out.append(t("backup", path=self.backup.name))
        return out
