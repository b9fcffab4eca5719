"""What every sheet builder shares: the build context, tables, drop-downs, protection, printing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

from ..contract import MONTHS, SHEETS, TABLES
from ..i18n import default_list, month_labels, text
from .. import measure
from ..styles import Styles
from ..tables import set_name, write_rows

#: Header row of each contract table (body from the next row). Budget and KPI keep row 4 for the
#: plan-month numbers their year-to-date formulas read.
HEADER_ROW = {
    "tblObjectives": 4,
    "tblActions": 4,
    "tblCustomers": 4,
    "tblBudget": 5,
    "tblKPI": 5,
    "tblRevisions": 4,
    "tblBaseline": 5,
    "tblPipeline": 30,  # below the sheet's figures (pacxl.workbook.sheets.pipeline)
    "tblTeam": 4,
    "tblAllocation": 4,
}

#: Blank formatted rows offered for typing, beyond the plan's rows.
SPARE_ROWS = {
    "tblObjectives": 5,
    "tblActions": 10,
    "tblCustomers": 10,
    "tblBudget": 5,
    "tblKPI": 5,
    "tblRevisions": 10,
    "tblBaseline": 0,
    "tblPipeline": 10,
    "tblTeam": 5,
    "tblAllocation": 10,
}
#: Capacity of each table: the rows (with their formulas, drop-downs and input look) every
#: generated workbook offers, so that an owner types this many rows on the protected sheet (Excel
#: does not grow a table on a protected sheet, LibreOffice never does). Every formula outside a
#: table reads it through its column names, so all these rows count; blank rows show nothing.
MIN_ROWS = {
    "tblObjectives": 30,
    "tblActions": 200,
    "tblCustomers": 500,
    "tblBudget": 150,
    "tblKPI": 40,
    "tblRevisions": 50,
    "tblBaseline": 1,
    "tblPipeline": 200,
    "tblTeam": 20,
    "tblAllocation": 120,
}


def lower_first(words: str) -> str:
    """``words`` inside a sentence: first letter lowered unless it starts an acronym (CA, KPI)."""
    if len(words) > 1 and words[1].isupper():
        return words
    return words[:1].lower() + words[1:]


def prompt_title(words: str, limit: int = 32) -> str:
    """An input-message title within Excel's 32 characters, cut before a parenthesis or at a
    word, never mid-word."""
    if len(words) <= limit:
        return words
    head = words.split(" (", 1)[0]
    if len(head) <= limit:
        return head
    return head[: limit - 1].rsplit(" ", 1)[0] + "…"


#: where the list behind a drop-down is edited, by its defined name (Settings otherwise)
LIST_HOMES = {"PAC_Segments": "targets", "tblObjectives": "objectives", "tblActions": "actions", "tblKPI": "kpi"}


def list_home(source: str) -> str:
    """Role of the sheet whose cells feed the drop-down list ``source`` (a defined name)."""
    return LIST_HOMES.get(source, LIST_HOMES.get(source.split("_", 1)[0], "settings"))


def quote(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


class Context:
    """The plan being written, its language and the workbook's styles."""

    def __init__(self, wb, plan, udfs: bool = False):
        self.wb = wb
        self.plan = plan
        self.settings = plan.settings
        self.lang = plan.settings.lang
        self.udfs = udfs
        self.st = Styles(plan.settings.currency, self.lang)
        self.months = month_labels(self.lang, plan.settings.first_month, plan.settings.year)
        self._pending_tables = []

    def t(self, key: str, **kw) -> str:
        s = text(key, self.lang)
        return s.format(**kw) if kw else s

    def t_list(self, name: str) -> list[str]:
        return default_list(name, self.lang)

    def title(self, role: str) -> str:
        return SHEETS[role][self.lang]

    def ref(self, role: str, coord: str) -> str:
        """Absolute reference to a cell or range of another sheet: ``'Paramètres'!$B$3``."""
        parts = []
        for part in coord.split(":"):
            letters = "".join(ch for ch in part if ch.isalpha())
            digits = part[len(letters):]
            parts.append(f"${letters}${digits}")
        return f"{quote(self.title(role))}!{':'.join(parts)}"

    def sheet(self, role: str):
        ws = self.wb.create_sheet(self.title(role))
        ws.sheet_view.showGridLines = False
        ws.sheet_view.zoomScale = 90
        return ws

    def name(self, name: str, role: str, coord: str) -> None:
        set_name(self.wb, name, self.ref(role, coord))

    # --- building blocks -------------------------------------------------------------------

    def heading(self, ws, title_key: str, help_key: str | None = None) -> None:
        ws["A1"] = self.t(title_key)
        self.st.title(ws["A1"])
        ws.row_dimensions[1].height = 24
        if help_key:
            ws["A2"] = self.t(help_key)
            self.st.subtitle(ws["A2"])

    def list_validation(self, ws, sqref: str, source: str, what_key: str,
                        values: Iterable[str] | None = None) -> DataValidation:
        """A drop-down from a defined name (or from fixed ``values``), with an input message
        naming the sheet where the list is edited and an error alert."""
        what = self.t(what_key)
        if values is not None:
            formula = '"{}"'.format(",".join(values))
            prompt = self.t("dv_list_prompt_fixed", what=lower_first(what))
        else:
            formula = source  # Excel writes a list's source without "=" (it shows one)
            prompt = self.t("dv_list_prompt", what=lower_first(what), sheet=self.title(list_home(source)))
        dv = DataValidation(
            type="list",
            formula1=formula,
            allow_blank=True,
            showDropDown=False,  # (sic) openpyxl: False shows the arrow
            showInputMessage=True,
            showErrorMessage=True,
            errorStyle="stop",
            promptTitle=prompt_title(what),
            prompt=prompt[:255],
            errorTitle=self.t("dv_error_title")[:32],
            error=self.t("dv_list_error", what=lower_first(what))[:255],
        )
        dv.add(sqref)
        ws.add_data_validation(dv)
        return dv

    def value_validation(self, ws, sqref: str, kind: str, what_key: str, low=None, high=None,
                         operator: str = "between") -> DataValidation:
        """A number/date/whole-number check with an input message and an error alert."""
        what = self.t(what_key)
        err_key = {"date": "dv_date_error", "whole": "dv_whole_error", "decimal": "dv_number_error"}[kind]
        f1, f2 = low, high
        if operator == "greaterThanOrEqual":
            f2 = None
        dv = DataValidation(
            type=kind,
            operator=operator,
            formula1=None if f1 is None else str(f1),
            formula2=None if f2 is None else str(f2),
            allow_blank=True,
            showInputMessage=True,
            showErrorMessage=True,
            errorStyle="stop",
            promptTitle=prompt_title(what),
            prompt=self.t(err_key.replace("error", "prompt"), what=lower_first(what))[:255],
            errorTitle=self.t("dv_error_title")[:32],
            error=self.t(err_key, what=lower_first(what))[:255],
        )
        dv.add(sqref)
        ws.add_data_validation(dv)
        return dv

    def table(self, ws, table_name: str, rows: list[Mapping], *, formats: Mapping[str, str | None],
              widths: Mapping[str, float], headers: Mapping[str, str] | None = None,
              wrap: Iterable[str] = (), column: int = 1) -> tuple[int, int]:
        """Create a contract table at ``column`` (A by default) and fill it; returns (first body
        row, header row)."""
        spec = TABLES[table_name]
        header = HEADER_ROW[table_name]
        first = header + 1
        headers = headers or {}
        wrap = set(wrap)
        for i, col in enumerate(spec.columns, start=column):
            cell = ws.cell(row=header, column=i, value=headers.get(col.key, col.header(self.lang)))
            self.st.header(cell)
            body = ws.cell(row=first, column=i)
            fmt = formats.get(col.key)
            if col.computed:
                self.st.computed(body, fmt, wrap=col.key in wrap)
            else:
                self.st.input(body, fmt, wrap=col.key in wrap)
            ws.column_dimensions[get_column_letter(i)].width = widths.get(col.key, 12)
        ws.row_dimensions[header].height = 32
        last_col = get_column_letter(column + len(spec.columns) - 1)
        tbl = Table(displayName=table_name, ref=f"{get_column_letter(column)}{header}:{last_col}{first}")
        tbl.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
        ws.add_table(tbl)
        min_rows = max(MIN_ROWS[table_name], len(rows) + SPARE_ROWS[table_name])
        self._pending_tables.append((table_name, rows, min_rows))
        return first, header

    def fill_tables(self) -> None:
        """Fill the tables once every validation and format is in place (write_rows sizes them)."""
        for name, rows, min_rows in self._pending_tables:
            write_rows(self.wb, name, rows, min_rows=min_rows)


def model_row(item, table_name: str, **months: list) -> dict:
    """The input cells of a table row from a plan item (a model dataclass): each input column
    whose key is an attribute of the item, empty text as a blank. ``months`` maps a month-column
    prefix (``m``, ``p``, ``a``) to the item's 12 monthly figures."""
    row = {}
    for col in TABLES[table_name].input_columns():
        if hasattr(item, col.key):
            value = getattr(item, col.key)
            row[col.key] = None if value == "" else value
    for prefix, values in months.items():
        padded = list(values) + [None] * MONTHS
        row.update({f"{prefix}{i:02d}": padded[i - 1] for i in range(1, MONTHS + 1)})
    return row


def text_height(items) -> float:
    """Row height (points) that shows every ``(text, column width)`` wrapped in full, in the body
    font (Calibri 11, measured: :mod:`pacxl.workbook.measure`).

    LibreOffice and Excel do not re-fit row heights of a file written by openpyxl, so rows with
    long wrapped text get their height here.
    """
    lines = 1
    for value, width in items:
        if not isinstance(value, str) or not value:
            continue
        lines = max(lines, len(measure.wrap(value, width)))
    return measure.height_for(lines)


def fit_rows(ws, first: int, rows, widths: Mapping[str, float], wrap: Iterable[str]) -> None:
    """Heights of table rows ``first...`` holding ``rows`` (dicts), from their wrapped columns."""
    wrap = list(wrap)
    for i, row in enumerate(rows):
        h = text_height((row.get(k), widths.get(k, 12)) for k in wrap)
        if h > 15:
            ws.row_dimensions[first + i].height = h


def protect(ws) -> None:
    """Protect a sheet without a password: computed cells stay locked, inputs are unlocked."""
    p = ws.protection
    p.sheet = True
    p.formatColumns = False
    p.formatRows = False
    p.autoFilter = False
    p.sort = False
    p.selectLockedCells = False
    p.selectUnlockedCells = False


def print_setup(ws, *, landscape: bool = True, title_rows: str | None = None, fit_height: int = 0,
                area: str | None = None, fit_width: int = 1, title_cols: str | None = None) -> None:
    """Fit to the page width, repeat the header rows, landscape when wide."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = fit_width
    ws.page_setup.fitToHeight = fit_height
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    if title_rows:
        ws.print_title_rows = title_rows
    if title_cols:
        ws.print_title_cols = title_cols
    if area:
        ws.print_area = area
    ws.oddFooter.center.text = "&A - &P / &N"
    ws.oddFooter.center.font = "Calibri,Regular"  # the sheets' typeface on paper too
    ws.oddFooter.center.size = 9


def month_headers(ctx: Context, prefix: str, word_key: str | None) -> dict[str, str]:
    """Headers of a table's 12 month columns: the plan's month names (``janv. 2027``)."""
    word = ctx.t(word_key) + " " if word_key else ""
    return {f"{prefix}{i:02d}": f"{word}{ctx.months[i - 1]}" for i in range(1, MONTHS + 1)}
