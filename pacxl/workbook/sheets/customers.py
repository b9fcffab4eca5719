"""Clients / Customers: the customer table with its ABC split, a summary and a Pareto chart.

The table is kept sorted by amount, largest first, so that the ABC formulas cost O(1) per row
(see :func:`pacxl.workbook.formulas._customers`); a banner says when a user's edit broke the
order (the formulas then fall back to SUMIF: still right, only slower). Every cell of the table is
unlocked so that Excel sorts it on the protected sheet (from a header's filter button).
"""

from __future__ import annotations

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break

from .. import styles as S
from ..contract import CUSTOMERS, column_name
from ..formulas_customers import (
    abc_total,
    coverage_meetings,
    customers_sorted,
    customers_total,
    matrix_count,
    matrix_revenue,
    potential_total,
    retention_cells,
)
from ._common import Context, model_row, print_setup, protect

ROLE = "customers"
TABLE = "tblCustomers"
SUMMARY_COL = len(CUSTOMERS.columns) + 2  # the summary block, right of the table and its helper columns
PARETO_POINTS = 20
FLAG_COL = SUMMARY_COL + 6  # hidden: the table-sorted flag, the ABC and potential totals
PARETO_ROW = 15  # header row of the Pareto points
# The Pareto line plots a hidden helper column: the cumulative share, or #N/A where it is blank
# (table not sorted, no customer). Excel plots a "" cell as 0 (a line flat at 0 %) and
# LibreOffice leaves it out; both leave out #N/A, so the two draw the same.
CHART_GAP_COL = SUMMARY_COL + 5  # beyond the printed summary
#: First row of the blocks below the Pareto chart: ABC matrix, retention, coverage plan.
MATRIX_ROW = 60
RETENTION_ROW = MATRIX_ROW + 10
COVERAGE_ROW = RETENTION_ROW + 12
LAST_ROW = COVERAGE_ROW + 10


def chart_gap_cells(lang: str) -> set[tuple[str, str]]:
    """(sheet, cell) of the chart helper cells that show #N/A by design where the chart has a
    gap; hidden from the user (their column is hidden), excused by the error checks."""
    from ..contract import SHEETS

    letter = get_column_letter(CHART_GAP_COL)
    return {(SHEETS[ROLE][lang], f"{letter}{PARETO_ROW + k}") for k in range(1, PARETO_POINTS + 1)}


def build(ctx: Context) -> None:
    ws = ctx.sheet(ROLE)
    ctx.heading(ws, "customers_title", "customers_help")
    rows = [model_row(c, TABLE) for c in ctx.plan.customers]
    formats = {"code": "id", "amount": "money", "margin": "money", "potential": "money", "previous": "money",
               "share": "pct", "cum_share": "pct", "prior_share": "pct", "h_basis": "money",
               "h_pos": "money", "h_run": "money", "h_prior": "money", "h_upto": "money", "h_pot_prior": "pct"}
    widths = {"code": 12, "name": 36, "segment": 22, "amount": 14, "margin": 13, "potential": 13,
              "previous": 13, "share": 9, "cum_share": 11, "prior_share": 11, "abc": 9, "abc_potential": 11}
    first, header = ctx.table(ws, TABLE, rows, formats=formats, widths=widths)
    # Excel sorts a protected sheet's range only when none of its cells is locked: the computed
    # columns are unlocked too (each row's formulas are the same, so a sort keeps them right)
    for c in range(1, len(CUSTOMERS.columns) + 1):
        ws.cell(row=first, column=c).protection = S.UNLOCKED
    L = {k: get_column_letter(CUSTOMERS.index(k) + 1) for k in CUSTOMERS.keys()}
    ctx.list_validation(ws, f"{L['segment']}{first}:{L['segment']}{first}", "PAC_Segments", "dv_segment")
    for key in ("amount", "margin", "potential", "previous"):
        ctx.value_validation(ws, f"{L[key]}{first}:{L[key]}{first}", "decimal", "dv_amount", -1e12, 1e12)
    # ABC class colours (current and potential)
    for key in ("abc", "abc_potential"):
        abc = f"{L[key]}{first}:{L[key]}{first}"
        for cls, fill in (("A", S.GOOD_FILL), ("B", S.WARN_FILL), ("C", S.BAD_FILL)):
            ws.conditional_formatting.add(abc, FormulaRule(
                formula=[f'${L[key]}{first}="{cls}"'], fill=PatternFill("solid", bgColor=fill)))
    # helper columns: grouped and hidden (expand the group to see them)
    h_first, h_last = L["h_basis"], L["h_pot_prior"]
    ws.column_dimensions.group(h_first, h_last, hidden=True, outline_level=1)

    _summary(ctx, ws)
    ws.row_breaks.append(Break(id=MATRIX_ROW - 2))  # the chart ends its page; the blocks start the next
    _matrix(ctx, ws)
    _retention(ctx, ws)
    _coverage(ctx, ws)
    ws.freeze_panes = f"C{first}"
    print_setup(ws, landscape=False, title_rows=f"{header}:{header}")
    protect(ws)


def _summary(ctx: Context, ws) -> None:
    st = ctx.st
    col = SUMMARY_COL
    C = [get_column_letter(col + i) for i in range(5)]
    amount = column_name(TABLE, "amount")
    abc = column_name(TABLE, "abc")
    run = column_name(TABLE, "h_run")
    basis = column_name(TABLE, "h_basis")

    st.section(ws.cell(row=3, column=col, value=ctx.t("cu_summary")))
    # PAC_CustomersSorted (TRUE/FALSE, read by the ABC formulas) sits in a hidden helper column
    # outside the print area; the summary shows it as a word
    flag = get_column_letter(FLAG_COL)
    st.computed(ws.cell(row=6, column=FLAG_COL, value=customers_sorted()))
    ctx.name("PAC_CustomersSorted", ROLE, f"{flag}6")
    st.computed(ws.cell(row=7, column=FLAG_COL, value=abc_total()), "money")
    ctx.name("PAC_ABCTotal", ROLE, f"{flag}7")
    st.computed(ws.cell(row=8, column=FLAG_COL, value=potential_total()), "money")
    ctx.name("PAC_PotentialTotal", ROLE, f"{flag}8")
    ws.column_dimensions[flag].hidden = True
    items = (
        ("cu_total", customers_total(), "money", "PAC_CustomersTotal"),
        ("cu_count", f'=COUNTIF({amount},">0")', "int", "PAC_CustomersCount"),
        ("cu_sorted", f'=IF(PAC_CustomersSorted,"{ctx.t("cu_sorted_yes")}","{ctx.t("cu_sorted_no")}")',
         None, None),
    )
    for i, (key, formula, fmt, name) in enumerate(items):
        r = 4 + i
        label = ws.cell(row=r, column=col, value=ctx.t(key))
        st.label(label)
        cell = ws.cell(row=r, column=col + 1, value=formula)
        st.computed(cell, fmt)
        # row 4 is the table's tall header row: label and value must sit on the same line
        for c in (label, cell):
            c.alignment = Alignment(horizontal=c.alignment.horizontal, vertical="center",
                                    wrap_text=c.alignment.wrap_text)
        if name:
            ctx.name(name, ROLE, f"{C[1]}{r}")
    msg = ws.cell(row=7, column=col, value=(
        f'=IF(PAC_CustomersSorted,"{ctx.t("cu_sorted_ok")}","{ctx.t("cu_sorted_ko")}")'))
    st.computed(msg, wrap=False)
    ws.conditional_formatting.add(f"{C[0]}7", FormulaRule(
        formula=["NOT(PAC_CustomersSorted)"], fill=PatternFill("solid", bgColor=S.BAD_FILL),
        font=Font(color=S.BAD_FONT, bold=True)))

    # the basis the classes rank (Settings)
    st.label(ws.cell(row=8, column=col, value=ctx.t("cu_basis")))
    st.computed(ws.cell(row=8, column=col + 1, value="=PAC_ABCBasis"), bold=True)
    # ABC summary: twin of calc.customers.class_summary
    hr = 9
    for i, key in enumerate(("cu_class", "cu_n", "cu_revenue", "cu_rev_share", "cu_n_share")):
        st.header(ws.cell(row=hr, column=col + i, value=ctx.t(key)))
    for j, cls in enumerate("ABC"):
        r = hr + 1 + j
        st.computed(ws.cell(row=r, column=col, value=cls), bold=True)
        ws.cell(row=r, column=col + 1, value=f'=COUNTIF({abc},{C[0]}{r})')
        ws.cell(row=r, column=col + 2, value=f'=SUMIF({abc},{C[0]}{r},{amount})')
        ws.cell(row=r, column=col + 3, value=f'=IF(PAC_CustomersTotal>0,{C[2]}{r}/PAC_CustomersTotal,0)')
        ws.cell(row=r, column=col + 4, value=f'=IF(COUNTIF({abc},"?*")>0,{C[1]}{r}/COUNTIF({abc},"?*"),0)')
        for i, fmt in enumerate(("int", "money", "pct", "pct"), start=1):
            st.computed(ws.cell(row=r, column=col + i), fmt)
    ctx.name("PAC_ABCSummary", ROLE, f"{C[0]}{hr + 1}:{C[4]}{hr + 3}")

    # Pareto curve: share of revenue brought by the top x % of customers (on the sorted table)
    pr = PARETO_ROW
    st.section(ws.cell(row=pr - 1, column=col, value=ctx.t("cu_pareto")))
    for i, key in enumerate(("cu_top", "cu_top_n", "cu_top_share", "cu_step_share")):
        st.header(ws.cell(row=pr, column=col + i, value=ctx.t(key)))
    for k in range(1, PARETO_POINTS + 1):
        r = pr + k
        ws.cell(row=r, column=col, value=k / PARETO_POINTS)
        st.computed(ws.cell(row=r, column=col), "pct")
        ws.cell(row=r, column=col + 1,
                value=f'=ROUNDUP(ROUND({C[0]}{r}*COUNTIF({basis},">0"),9),0)')
        ws.cell(row=r, column=col + 2, value=(
            f'=IF(AND(PAC_CustomersSorted,{C[1]}{r}>0),INDEX({run},{C[1]}{r})/PAC_ABCTotal,"")'))
        prev = "0" if k == 1 else f"{C[2]}{r - 1}"
        ws.cell(row=r, column=col + 3, value=(
            f'=IF(ISNUMBER({C[2]}{r}),{C[2]}{r}-IF(ISNUMBER({prev}),{prev},0),"")'))
        for i, fmt in ((1, "int"), (2, "pct"), (3, "pct")):
            st.computed(ws.cell(row=r, column=col + i), fmt)
    last = pr + PARETO_POINTS
    gap = get_column_letter(CHART_GAP_COL)
    ws.cell(row=pr, column=CHART_GAP_COL, value=ctx.t("cu_top_share"))  # the line's legend
    for r in range(pr + 1, last + 1):
        ws.cell(row=r, column=CHART_GAP_COL, value=f"=IF(ISNUMBER({C[2]}{r}),{C[2]}{r},NA())")
        st.computed(ws.cell(row=r, column=CHART_GAP_COL), "pct")
    ws.column_dimensions[gap].hidden = True

    bar = BarChart()
    bar.type = "col"
    bar.title = ctx.t("cu_chart_title")
    bar.y_axis.title = ctx.t("cu_step_share")
    bar.x_axis.title = ctx.t("cu_top")
    data = Reference(ws, min_col=col + 3, min_row=pr, max_row=last)
    cats = Reference(ws, min_col=col, min_row=pr + 1, max_row=last)
    bar.add_data(data, titles_from_data=True)
    bar.set_categories(cats)
    bar.y_axis.number_format = "0%"
    bar.y_axis.majorGridlines = None
    line = LineChart()
    line.add_data(Reference(ws, min_col=CHART_GAP_COL, min_row=pr, max_row=last), titles_from_data=True)
    line.y_axis.axId = 200
    line.y_axis.title = ctx.t("cu_top_share")
    line.y_axis.number_format = "0%"
    line.y_axis.scaling.min = 0
    line.y_axis.scaling.max = 1
    line.y_axis.crosses = "max"
    line.x_axis.title = None
    bar.x_axis.delete = False
    bar.y_axis.delete = False
    line.y_axis.delete = False
    bar += line
    bar.visible_cells_only = False  # the line's column is hidden
    bar.display_blanks = "gap"
    bar.height, bar.width = 9.5, 17
    bar.legend.position = "b"
    ws.add_chart(bar, f"{C[0]}{last + 2}")
    ws.row_dimensions[hr].height = 30
    ws.row_dimensions[pr].height = 30

    for i, w in enumerate((26, 14, 14, 14, 14)):
        ws.column_dimensions[C[i]].width = w
    ws.column_dimensions[get_column_letter(col - 1)].width = 3


def resize(wb, lang: str, first: int, last: int) -> None:
    """Print the table's visible columns and, on its own page, the summary and the chart."""
    from ..contract import SHEETS

    ws = wb[SHEETS[ROLE][lang]]
    end = get_column_letter(CUSTOMERS.index("abc_potential") + 1)
    ws.print_area = [f"A1:{end}{last}", f"{get_column_letter(SUMMARY_COL)}3:"
                     f"{get_column_letter(SUMMARY_COL + 4)}{LAST_ROW}"]


def _block_title(ctx: Context, ws, row: int, key: str) -> None:
    ctx.st.section(ws.cell(row=row, column=SUMMARY_COL, value=ctx.t(key)))


def _matrix(ctx: Context, ws) -> None:
    """``PAC_ABCMatrix``: current class (rows) x potential class (columns), the customers counted
    (3 rows), then their revenue (3 rows); a total column beside (twin of calc.customers.abc_matrix)."""
    st, col = ctx.st, SUMMARY_COL
    C = [get_column_letter(col + i) for i in range(5)]
    hr = MATRIX_ROW + 1
    _block_title(ctx, ws, MATRIX_ROW, "cu_matrix")
    heads = [ctx.t("cu_matrix_corner")] + [ctx.t("cu_matrix_pot", cls=c) for c in "ABC"] + [ctx.t("cu_matrix_total")]
    for i, h in enumerate(heads):
        st.header(ws.cell(row=hr, column=col + i, value=h))
    for part, (key, maker, fmt) in enumerate((("cu_matrix_count", matrix_count, "int"),
                                              ("cu_matrix_revenue", matrix_revenue, "money"))):
        for i, cls in enumerate("ABC"):
            r = hr + 1 + 3 * part + i
            st.label(ws.cell(row=r, column=col, value=ctx.t(key, cls=cls)))
            for j, pot in enumerate("ABC"):
                cell = ws.cell(row=r, column=col + 1 + j, value=maker(f'"{cls}"', f'"{pot}"'))
                st.computed(cell, fmt)
            st.computed(ws.cell(row=r, column=col + 4, value=f"=SUM({C[1]}{r}:{C[3]}{r})"), fmt, bold=True)
    ctx.name("PAC_ABCMatrix", ROLE, f"{C[1]}{hr + 1}:{C[3]}{hr + 6}")
    note = ws.cell(row=hr + 7, column=col, value=ctx.t("cu_matrix_note"))
    st.small(note)
    note.alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=hr + 7, start_column=col, end_row=hr + 8, end_column=col + 4)
    ws.row_dimensions[hr].height = 30


def _retention(ctx: Context, ws) -> None:
    """``PAC_Retention``: 9 rows, label and value (twin of calc.customers.retention)."""
    from ...calc.customers import RETENTION_KEYS

    st, col = ctx.st, SUMMARY_COL
    v = get_column_letter(col + 1)
    _block_title(ctx, ws, RETENTION_ROW, "cu_retention")
    first = RETENTION_ROW + 1
    cells = {k: f"{v}{first + i}" for i, k in enumerate(RETENTION_KEYS)}
    fmts = {"kept": "int", "lost": "int", "new": "int", "revenue_retention": "pct", "churn_rate": "pct"}
    for i, (key, formula) in enumerate(zip(RETENTION_KEYS, retention_cells())):
        r = first + i
        st.label(ws.cell(row=r, column=col, value=ctx.t(f"cu_ret_{key}")))
        st.computed(ws.cell(row=r, column=col + 1, value=formula.format(**cells)), fmts.get(key, "money"),
                    bold=key in ("revenue_retention", "churn_rate"))
    ctx.name("PAC_Retention", ROLE, f"{v}{first}:{v}{first + len(RETENTION_KEYS) - 1}")
    st.small(ws.cell(row=first + len(RETENTION_KEYS), column=col, value=ctx.t("cu_ret_note")))


def _coverage(ctx: Context, ws) -> None:
    """The coverage plan: customers per class x visits per customer and year (Settings) ->
    ``PAC_CoverageMeetings``, beside the funnel's meetings, a year and per working week."""
    from ..formulas_capacity import MEETINGS, WEEKS

    st, col = ctx.st, SUMMARY_COL
    C = [get_column_letter(col + i) for i in range(5)]
    abc = column_name(TABLE, "abc")
    _block_title(ctx, ws, COVERAGE_ROW, "cu_coverage")
    hr = COVERAGE_ROW + 1
    for i, key in enumerate(("cu_class", "cu_n", "cu_cov_visits", "cu_cov_meetings", "cu_cov_per_week")):
        st.header(ws.cell(row=hr, column=col + i, value=ctx.t(key)))
    for i, cls in enumerate("ABC"):
        r = hr + 1 + i
        st.computed(ws.cell(row=r, column=col, value=cls), bold=True)
        st.computed(ws.cell(row=r, column=col + 1, value=f'=COUNTIF({abc},"{cls}")'), "int")
        st.computed(ws.cell(row=r, column=col + 2, value=f"=INDEX(PAC_CoverageVisits,{i + 1})"), "decimal")
        st.computed(ws.cell(row=r, column=col + 3, value=f"=N({C[1]}{r})*N({C[2]}{r})"), "decimal")
    total = hr + 4
    per_week = f'=IF(SUM(PAC_WorkingDays)>0,{{}}/{WEEKS},"")'
    rows = (
        ("cu_cov_total", coverage_meetings([f"{C[1]}{hr + 1 + i}" for i in range(3)]), "PAC_CoverageMeetings"),
        ("cu_cov_funnel", f'=IF(ISNUMBER({MEETINGS}),{MEETINGS},"")', None),
        ("cu_cov_all", f"=N({C[3]}{total})+N({C[3]}{total + 1})", None),
    )
    for i, (key, formula, name) in enumerate(rows):
        r = total + i
        st.label(ws.cell(row=r, column=col, value=ctx.t(key)))
        st.computed(ws.cell(row=r, column=col + 3, value=formula), "decimal", bold=True)
        st.computed(ws.cell(row=r, column=col + 4, value=per_week.format(f"N({C[3]}{r})")), "decimal")
        if name:
            ctx.name(name, ROLE, f"{C[3]}{r}")
    note = ws.cell(row=total + 3, column=col, value=ctx.t("cu_cov_note"))
    st.small(note)
    note.alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=total + 3, start_column=col, end_row=total + 4, end_column=col + 4)
    ws.row_dimensions[hr].height = 30
