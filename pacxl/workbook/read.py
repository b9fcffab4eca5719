"""Read a pacxl workbook back into a :class:`pacxl.model.Plan`: the inverse of the generator.

Settings come from the defined names of the contract (``PAC_Year``, ``PAC_Owners``...), tables
from their table names, their columns from their headers in either language
(:mod:`pacxl.workbook.columns`: a column the user inserted is ignored, a missing one is named).
Only input cells are read: computed columns and the values a
spreadsheet application cached in formula cells are ignored (a file saved by openpyxl has none),
and a formula typed in an input cell reads as a blank. Blank rows are skipped; :func:`read_workbook`
also returns the :class:`~pacxl.workbook.layout.Layout` (the sheet row of every item) so that
``check`` can name cells.

A file that is not a pacxl workbook, or is damaged, raises :class:`pacxl.errors.WorkbookError`
naming the file.

The cells come from :mod:`pacxl.workbook.read_xml` (the XML parts, read as openpyxl reads them,
a sheet only when a cell of it is asked for) or, when it meets what it does not know or a
damaged part, from ``openpyxl.load_workbook`` (``engine="openpyxl"`` forces it): the rest of
this module reads both the same way.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

from openpyxl.utils import range_boundaries

from ..calc._num import is_number
from ..errors import PacxlError, WorkbookError
from ..model import KPI, Action, BudgetLine, Customer, KeyDate, Objective, Plan, Segment
from . import read_xml
from .read_xml import _check_file, _load  # (_load: also pacxl.dataframes)
from .formulas import seasonal_plan
from .cells import cell_value, is_formula
from .contract import FUNNEL_STAGES, SHEETS, table_spec
from .layout import SEGMENT_KEYS, Layout, TableLayout
from .settings_check import checked_settings

#: Table name -> (Plan attribute, model class).
_TABLE_MODELS = {
    "tblObjectives": ("objectives", Objective),
    "tblActions": ("actions", Action),
    "tblBudget": ("budget", BudgetLine),
    "tblKPI": ("kpis", KPI),
    "tblCustomers": ("customers", Customer),
}

#: Settings lists: defined name -> Settings attribute.
_LISTS = {
    "PAC_Owners": "owners",
    "PAC_Segments": "segments",
    "PAC_Categories": "categories",
    "PAC_Levers": "levers",
    "PAC_Statuses": "statuses",
    "PAC_BudgetCategories": "budget_categories",
}

#: Header row of the review's table of lines (Bilan N-1 sheet).
REVIEW_HEADER = 4

_DATE_TEXT = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


# --- cell values ------------------------------------------------------------------------------


def _is_formula(v: Any) -> bool:
    return is_formula(v)  # a formula cell, not a text that starts with "=" (see cells.cell_value)


def as_text(v: Any) -> str:
    if v is None or _is_formula(v):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (dt.datetime, dt.date)):
        return v.strftime("%d/%m/%Y")
    return str(v).strip()


def as_number(v: Any) -> float | None:
    if is_number(v):
        return float(v)
    if isinstance(v, str) and not _is_formula(v):
        t = v.strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace("€", "")
        pct = t.endswith("%")
        t = t.rstrip("%").replace(",", ".")
        try:
            x = float(t)
        except ValueError:
            return None
        return x / 100 if pct else x
    return None


def as_date(v: Any) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if is_number(v) and 1 <= float(v) < 2_958_466:  # an Excel serial that was not formatted as a date
        return _EXCEL_EPOCH + dt.timedelta(days=int(v))
    if isinstance(v, str):
        m = _DATE_TEXT.match(v)
        if m:
            try:
                return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                return None
        try:
            return dt.date.fromisoformat(v.strip()[:10])
        except ValueError:
            return None
    return None


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and (not v.strip() or _is_formula(v)))


# --- workbook access ----------------------------------------------------------------------------


class _Book:
    """The loaded workbook with quick access to defined names and tables."""

    def __init__(self, wb, path: Path):
        self.wb = wb
        self.path = path
        titles = set(wb.sheetnames)
        self.lang = next((lang for lang in ("fr", "en") if SHEETS["settings"][lang] in titles), None)
        if self.lang is None:
            raise WorkbookError(f"{path}: not a pacxl workbook (no Paramètres/Settings sheet)",
                fr=f"{path} : ce n'est pas un classeur pacxl (pas d'onglet Paramètres/Settings)")
        self.names: dict[str, tuple[str, str]] = {}
        self.tables: dict[str, tuple[Any, Any]] = {}
        if isinstance(wb, read_xml.Book):  # the fast loader found them already, the same way
            self.names.update(wb.names)
            self.tables.update(wb.tables)
            return
        for name, dn in wb.defined_names.items():
            try:
                dests = list(dn.destinations)
            except Exception:  # a broken reference (#REF!) has no destination
                continue
            if dests:
                self.names[name] = dests[0]
        for ws in wb.worksheets:
            for tbl in ws.tables.values():  # (TableList.items() gives refs, not tables)
                self.tables[tbl.name] = (ws, tbl)

    def where(self, name: str) -> tuple[str, str]:
        sheet, ref = self.names.get(name, ("", ""))
        return sheet, ref.replace("$", "").split(":")[0]

    def cells(self, name: str, required: bool = True) -> list[Any]:
        """Values of the cells of a defined name, row by row."""
        if name not in self.names:
            if required:
                raise WorkbookError(f"{self.path}: not a pacxl workbook (the defined name {name} is missing)",
                    fr=f"{self.path} : ce n'est pas un classeur pacxl (le nom défini {name} manque)")
            return []
        sheet, ref = self.names[name]
        if sheet not in self.wb.sheetnames:
            raise WorkbookError(f"{self.path}: the defined name {name} points to a missing sheet {sheet!r}",
                fr=f"{self.path} : le nom défini {name} désigne une feuille absente {sheet!r}")
        ws = self.wb[sheet]
        min_col, min_row, max_col, max_row = range_boundaries(ref.replace("$", ""))
        cells = ws._cells
        out = []
        for r in range(min_row, max_row + 1):
            for c in range(min_col, max_col + 1):
                cell = cells.get((r, c))
                out.append(cell_value(cell))
        return out

    def value(self, name: str, required: bool = True) -> Any:
        vals = self.cells(name, required)
        return vals[0] if vals else None


# --- tables -------------------------------------------------------------------------------------

#: Computed columns whose cells are read too: a figure typed over their formula (after removing
#: the sheet's protection) is a value ``check`` reports; a formula reads as a blank.
_TYPED_OVER = {"tblActions": ("budget",)}


def _read_table(book: _Book, table_name: str, layout: Layout) -> list[dict[str, Any]]:
    from .columns import sheet_columns

    spec = table_spec(table_name)
    if table_name not in book.tables:
        raise WorkbookError(f"{book.path}: not a pacxl workbook (the table {table_name} is missing)",
            fr=f"{book.path} : ce n'est pas un classeur pacxl (le tableau {table_name} manque)")
    ws, tbl = book.tables[table_name]
    min_col, header, _, last = range_boundaries(tbl.ref)
    col_of = sheet_columns(ws, tbl, table_name, lang=book.lang, path=book.path, computed=False)
    input_keys = [c.key for c in spec.input_columns() if c.key in col_of]  # (see Column.since)
    input_keys += [k for k in _TYPED_OVER.get(table_name, ()) if k in col_of]
    cells = ws._cells
    rows, sheet_rows = [], []
    for r in range(header + 1, last + 1):
        row = {}
        for k in input_keys:
            cell = cells.get((r, col_of[k]))
            row[k] = cell_value(cell)
        if all(_blank(v) for k, v in row.items() if k not in _TYPED_OVER.get(table_name, ())):
            continue
        rows.append(row)
        sheet_rows.append(r)
    layout.tables[table_name] = TableLayout(ws.title, header, min_col, tuple(spec.keys()), sheet_rows, col_of)
    return rows


def _objective(row: dict) -> Objective:
    return Objective(
        id=as_text(row["id"]), objective=as_text(row["objective"]), kpi=as_text(row["kpi"]),
        target=as_number(row["target"]), unit=as_text(row["unit"]), achievable=as_text(row["achievable"]),
        relevant=as_text(row["relevant"]), deadline=as_date(row["deadline"]), owner=as_text(row["owner"]),
        status=as_text(row["status"]),
    )


def _action(row: dict) -> Action:
    return Action(
        id=as_text(row["id"]), objective_id=as_text(row["objective_id"]), action=as_text(row["action"]),
        category=as_text(row["category"]), lever=as_text(row["lever"]), segment=as_text(row["segment"]),
        owner=as_text(row["owner"]), start=as_date(row["start"]), end=as_date(row["end"]),
        budget=as_number(row.get("budget")), kpi=as_text(row["kpi"]), status=as_text(row["status"]),
    )


def _budget(row: dict) -> BudgetLine:
    return BudgetLine(
        id=as_text(row["id"]), category=as_text(row["category"]), action_id=as_text(row["action_id"]),
        label=as_text(row["label"]), months=[as_number(row[f"m{i:02d}"]) for i in range(1, 13)],
        actual=as_number(row["actual"]),
    )


def _plan_month(value: Any, month: int) -> Any:
    """A KPI's planned month: a figure, or the seasonal-plan formula the generator writes for a
    revenue KPI with no typed plan (kept as that formula, computed once Settings are read)."""
    if is_formula(value) and str(value).replace(" ", "") == seasonal_plan(month).replace(" ", ""):
        return _SEASONAL
    return as_number(value)


#: Marks a planned month that follows the revenue goal and the seasonality.
_SEASONAL = object()


def _seasonal_plans(plan: Plan) -> None:
    """Compute the planned months written as the seasonal-plan formula (see :func:`_plan_month`):
    revenue goal x PAC_Seasonality of the month, blank without a revenue goal."""
    from ..calc.seasonality import used_profile

    weights = None
    for k in plan.kpis:
        if any(v is _SEASONAL for v in k.plan):
            if weights is None:
                weights = used_profile(plan.settings.seasonality, plan.review.monthly_revenue)
            goal = plan.settings.revenue_target
            k.plan = [(goal * weights[m] if goal is not None else None) if v is _SEASONAL else v
                      for m, v in enumerate(k.plan)]


def _kpi(row: dict) -> KPI:
    return KPI(
        id=as_text(row["id"]), name=as_text(row["name"]), kind=as_text(row["kind"]), unit=as_text(row["unit"]),
        objective_id=as_text(row["objective_id"]), numerator=as_text(row.get("numerator")),
        stage=as_text(row.get("stage")),
        denominator=as_text(row.get("denominator")),
        plan=[_plan_month(row[f"p{i:02d}"], i) for i in range(1, 13)],
        actual=[as_number(row[f"a{i:02d}"]) for i in range(1, 13)],
    )


def _customer(row: dict) -> Customer:
    return Customer(code=as_text(row["code"]), name=as_text(row["name"]), segment=as_text(row["segment"]),
                    amount=as_number(row["amount"]), margin=as_number(row.get("margin")),
                    potential=as_number(row.get("potential")), previous=as_number(row.get("previous")))


_MAKERS = {
    "tblObjectives": _objective,
    "tblActions": _action,
    "tblBudget": _budget,
    "tblKPI": _kpi,
    "tblCustomers": _customer,
}


# --- segments (Targets sheet, next to PAC_Segments) -------------------------------------------


def _read_segments(book: _Book, layout: Layout) -> list[Segment]:
    if "PAC_Segments" not in book.names:
        return []
    sheet, ref = book.names["PAC_Segments"]
    ws = book.wb[sheet]
    min_col, min_row, _, max_row = range_boundaries(ref.replace("$", ""))
    cells = ws._cells

    def val(r: int, offset: int) -> Any:
        cell = cells.get((r, min_col + offset))
        return cell_value(cell)

    segs, rows = [], []
    for r in range(min_row, max_row + 1):
        name = as_text(val(r, 0))
        if not name:
            continue
        seg = Segment(name, as_text(val(r, 1)), as_text(val(r, 2)), as_number(val(r, 3)))
        if seg.description or seg.persona or seg.share is not None:  # a bare name is only in the list
            segs.append(seg)
            rows.append(r)
    layout.tables["segments"] = TableLayout(ws.title, min_row - 1, min_col, SEGMENT_KEYS, rows)
    return segs


# --- settings -----------------------------------------------------------------------------------


def _int_or_none(v: Any) -> int | None:
    x = as_number(v)
    return int(x) if x is not None and x == int(x) else None


def _read_settings(book: _Book, plan: Plan) -> None:
    s = plan.settings
    s.lang = book.lang
    s.company = as_text(book.value("PAC_Company"))
    book.value("PAC_Year")  # a workbook without the name is not a pacxl workbook
    values = checked_settings(lambda name: book.value(name, required=False), book.lang, book.path)
    s.year, s.first_month, s.tracking_month = values["year"], values["first_month"], values["tracking_month"]
    s.currency = as_text(book.value("PAC_Currency", required=False)) or "EUR"
    s.as_of = as_date(book.value("PAC_AsOfInput", required=False))
    for name, attr in _LISTS.items():
        setattr(s, attr, [as_text(v) for v in book.cells(name, required=False) if as_text(v)])
    stages = [as_text(v) for v in book.cells("PAC_FunnelStages", required=False)][:FUNNEL_STAGES]
    s.funnel_stages = [x for x in stages if x]
    rates = [as_number(v) for v in book.cells("PAC_FunnelRates", required=False)]
    s.funnel_rates = [r for r in rates[: max(len(s.funnel_stages) - 1, 0)] if r is not None]
    lags = [_int_or_none(v) for v in book.cells("PAC_FunnelLags", required=False)][: len(s.funnel_stages)]
    s.funnel_lags = [x if x is not None and x >= 0 else 0 for x in lags] if any(lags) else []
    # the typed profile as typed (blanks kept: calc.seasonality.used_profile counts them 0)
    typed = [as_number(v) for v in book.cells("PAC_SeasonalityInput", required=False)][:12]
    s.seasonality = typed if any(v is not None for v in typed) else []
    s.holidays = [d for d in (as_date(v) for v in book.cells("PAC_Holidays", required=False)) if d]
    from ..calc.workdays import plan_holidays

    if sorted(s.holidays) == [d for d, _ in plan_holidays(s.year, s.first_month)]:
        s.holidays = []  # France's, as the generator writes them for an empty list: the default
    a, b = values["abc_a"], values["abc_b"]
    s.abc_a = a if a is not None else 0.80
    s.abc_b = b if b is not None else 0.95
    from ..calc.customers import basis_of

    s.abc_basis = basis_of(book.value("PAC_ABCBasis", required=False))
    visits = [as_number(v) for v in book.cells("PAC_CoverageVisits", required=False)][:3]
    s.coverage_visits = visits if any(v is not None for v in visits) else []
    s.revenue_target = as_number(book.value("PAC_RevenueTarget", required=False))
    s.average_deal = as_number(book.value("PAC_AvgDeal", required=False))
    if "PAC_DealsOverride" in book.names:  # the typed override beside the computed target
        s.deals_target = _int_or_none(book.value("PAC_DealsOverride"))
    else:  # PAC_FunnelTarget is a formula unless the user typed a figure over it
        deals = book.value("PAC_FunnelTarget", required=False)
        s.deals_target = _int_or_none(deals) if not _is_formula(deals) else None


def _read_extras(book: _Book, plan: Plan) -> None:
    """The parts outside the contract's tables, read by their place on the sheet as the
    generator writes them (review, SWOT) or through their defined names (key dates)."""
    dates = book.cells("PAC_KeyDates", required=False)
    labels = book.cells("PAC_KeyDateLabels", required=False)
    for d, label in zip(dates, labels + [None] * (len(dates) - len(labels))):
        if as_date(d) is not None or as_text(label):
            plan.key_dates.append(KeyDate(as_date(d), as_text(label)))
    monthly = [as_number(v) for v in book.cells("PAC_RevenueN1", required=False)][:12]
    plan.review.monthly_revenue = monthly + [None] * (12 - len(monthly))
    review_title = SHEETS["review"][book.lang]
    if review_title in book.wb.sheetnames:
        _read_review(book.wb[review_title], plan)
    swot_title = SHEETS["swot"][book.lang]
    if swot_title in book.wb.sheetnames:
        _read_swot(book.wb[swot_title], plan, book.lang)


def _merged_rows(ws) -> set[int]:
    """Rows whose column A starts a merged range (the free-text lines of review and SWOT)."""
    return {rng.min_row for rng in ws.merged_cells.ranges if rng.min_col == 1}


def _read_review(ws, plan: Plan) -> None:
    from ..model import ReviewLine

    cells = ws._cells

    def v(r: int, c: int) -> Any:
        cell = cells.get((r, c))
        return cell_value(cell)

    r = REVIEW_HEADER + 1
    max_row = ws.max_row
    while r <= max_row:
        total = v(r, 3)
        if is_formula(total):
            break  # the total rows (=SUM( before, =SUMIF( by kind now) close the table of lines
        line = ReviewLine(as_text(v(r, 1)), as_text(v(r, 2)), as_number(v(r, 3)), as_number(v(r, 4)),
                          as_text(v(r, 7)))
        if line.label or line.kind or line.objective is not None or line.achieved is not None or line.comment:
            plan.review.lines.append(line)
        r += 1
    merged = _merged_rows(ws)
    sections = (plan.review.worked, plan.review.did_not_work, plan.review.conversion_notes)
    current = -1
    for rr in range(r + 1, max_row + 1):
        text = as_text(v(rr, 1))
        if rr in merged:
            if text and 0 <= current < len(sections):
                sections[current].append(text)
        elif text:
            current += 1  # a section title: worked, did not work, conversion notes


def _read_swot(ws, plan: Plan, lang: str) -> None:
    from .i18n import VALUE_QUESTIONS, text

    cells = ws._cells

    def v(r: int, c: int) -> Any:
        cell = cells.get((r, c))
        return cell_value(cell)

    titles = {text("sw_" + k, lang): k for k in ("strengths", "weaknesses", "opportunities", "threats",
                                                  "environment", "value_proposition")}
    heads: dict[str, tuple[int, int]] = {}
    for (r, c), cell in list(cells.items()):
        value = cell_value(cell)
        if c in (1, 3) and isinstance(value, str) and value.strip() in titles:
            heads.setdefault(titles[value.strip()], (r, c))
    if not heads:
        return
    head_rows = sorted({r for r, _ in heads.values()})
    max_row = ws.max_row
    sw = plan.swot
    for key in ("strengths", "weaknesses", "opportunities", "threats", "environment"):
        if key not in heads:
            continue
        r0, c = heads[key]
        stop = next((h for h in head_rows if h > r0), max_row + 1)
        getattr(sw, key).extend(t for t in (as_text(v(r, c)) for r in range(r0 + 1, stop)) if t)
    if "value_proposition" in heads:
        questions = {q[lang]: k for k, q in VALUE_QUESTIONS.items()}
        for r in range(heads["value_proposition"][0] + 1, max_row + 1):
            label, answer = as_text(v(r, 1)), as_text(v(r, 3))
            if label and answer:
                sw.value_proposition[questions.get(label, label)] = answer


def _read_revisions(book: _Book, plan: Plan, layout: Layout) -> None:
    """The baseline (PAC_BaselineDate, tblBaseline) and tblRevisions, when the workbook has them
    (made before pacxl 0.3, it has neither: no baseline, no revisions). Rows typed by hand are
    read by header like every table; a field word in either language (cible, target...)."""
    from ..model import Baseline, BaselineEntry, Revision
    from .sheets.revisions import field_key

    def month(v: Any) -> int | None:
        n = as_number(v)
        return int(n) if n is not None and n.is_integer() else None

    if "tblBaseline" in book.tables:
        plan.baseline = Baseline(as_date(book.value("PAC_BaselineDate", required=False)), [
            BaselineEntry(as_text(r.get("kind")).casefold(), as_text(r.get("id")), as_text(r.get("field")).casefold(),
                          month(r.get("month")), as_number(r.get("value")))
            for r in _read_table(book, "tblBaseline", layout)])
    if "tblRevisions" in book.tables:
        plan.revisions = [
            Revision(as_date(r.get("date")), as_text(r.get("id")), field_key(as_text(r.get("field"))),
                     month(r.get("month")), as_number(r.get("old")), as_number(r.get("new")),
                     as_text(r.get("reason")), as_text(r.get("author")))
            for r in _read_table(book, "tblRevisions", layout)]


def _read_team(book: _Book, plan: Plan, layout: Layout) -> None:
    """tblTeam and tblAllocation, when the workbook has them (made before they existed: none)."""
    from ..model import Allocation, TeamMember
    from .sheets.team import business_key

    if "tblTeam" in book.tables:
        plan.team = [TeamMember(as_text(r.get("salesperson")), as_text(r.get("email")),
                                as_number(r.get("meetings_per_week")))
                     for r in _read_table(book, "tblTeam", layout)]
    if "tblAllocation" in book.tables:
        plan.allocations = [
            Allocation(as_text(r.get("salesperson")), as_text(r.get("segment")), as_number(r.get("share")),
                       as_number(r.get("amount")), business_key(r.get("business")))
            for r in _read_table(book, "tblAllocation", layout)]


def _read_reconciliation(book: _Book, plan: Plan, layout: Layout) -> None:
    """tblReconciliation and tblReconciliationRates, when ``consolidate --against`` wrote them."""
    from ..model import ReconciliationLine, StageActual

    if "tblReconciliation" in book.tables:
        plan.reconciliation = [
            ReconciliationLine(as_text(r.get("salesperson")), as_text(r.get("segment")), as_number(r.get("plan")),
                               as_number(r.get("team_target")), as_number(r.get("share")), as_number(r.get("amount")))
            for r in _read_table(book, "tblReconciliation", layout)]
    if "tblReconciliationRates" in book.tables:
        plan.stage_actuals = [
            StageActual(as_text(r.get("salesperson")), as_text(r.get("stage")), as_number(r.get("actual")))
            for r in _read_table(book, "tblReconciliationRates", layout)]


# --- entry points ---------------------------------------------------------------------------------


def read_workbook(path: str | os.PathLike, *, engine: str = "fast") -> tuple[Plan, Layout]:
    """The plan held by a pacxl workbook, and where its items sit.

    ``engine="fast"`` reads the cells from the XML (:mod:`pacxl.workbook.read_xml`, several times
    faster) and reads the file with openpyxl when it meets something it does not know or an
    error (so that errors are openpyxl's); ``"openpyxl"`` loads the whole workbook with openpyxl.
    Both give the same plan and layout (``tests/test_read_fast.py``)."""
    p = Path(path)
    _check_file(p)
    if engine == "fast":
        try:
            with read_xml.load(p) as fast:
                return _read_book(p, fast)
        except Exception:  # noqa: BLE001  # unknown to the fast loader, or damaged: openpyxl decides
            pass
    elif engine != "openpyxl":
        raise ValueError(f"engine {engine!r}: 'fast' or 'openpyxl'")
    return _read_book(p, _load(p, checked=True))


def _read_book(p: Path, wb) -> tuple[Plan, Layout]:
    book = _Book(wb, p)
    plan = Plan()
    layout = Layout(lang=book.lang)
    _read_settings(book, plan)
    for table_name, (attr, _) in _TABLE_MODELS.items():
        rows = _read_table(book, table_name, layout)
        setattr(plan, attr, [_MAKERS[table_name](row) for row in rows])
    plan.segments = _read_segments(book, layout)
    _read_revisions(book, plan, layout)
    if "tblPipeline" in book.tables:  # (a workbook made before the pipeline has none: no deals)
        from .read_pipeline import deal

        plan.pipeline = [deal(row) for row in _read_table(book, "tblPipeline", layout)]
    _read_team(book, plan, layout)
    _read_reconciliation(book, plan, layout)
    for name in book.names:
        sheet, cell = book.where(name)
        layout.names[name] = (sheet, cell)
    try:
        _read_extras(book, plan)
    except PacxlError:
        raise
    except Exception as exc:  # noqa: BLE001  # a damaged review/SWOT block must not hide the plan's tables
        raise WorkbookError(f"{p}: cannot read the review, SWOT or key dates ({type(exc).__name__}: {exc})",
            fr=f"{p} : impossible de lire le bilan, le SWOT ou les dates clés ({type(exc).__name__} : {exc})") from None
    _seasonal_plans(plan)
    return plan, layout


def read_plan(path: str | os.PathLike, *, engine: str = "fast") -> Plan:
    """The :class:`pacxl.model.Plan` held by a pacxl workbook (WorkbookError when it is not one)."""
    return read_workbook(path, engine=engine)[0]
