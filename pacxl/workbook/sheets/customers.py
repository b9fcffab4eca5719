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

from .. import styles as S
from ..contract import CUSTOMERS, column_name
from ..formulas import customers_sorted, customers_total
from ._common import Context, model_row, print_setup, protect

ROLE = "customers"
TABLE = "tblCustomers"
SUMMARY_COL = 15  # column O: the summary block, right of the table and its helper columns
PARETO_POINTS = 20
FLAG_COL = SUMMARY_COL + 6  # column U, hidden: the table-sorted flag
PARETO_ROW = 15  # header row of the Pareto points
# The Pareto line plots a hidden helper column: the cumulative share, or #N/A where it is blank
# (table not sorted, no customer). Excel plots a "" cell as 0 (a line flat at 0 %) and
# LibreOffice leaves it out; both leave out #N/A, so the two draw the same.
CHART_GAP_COL = SUMMARY_COL + 5  # column T, beyond the printed summary


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
    formats = {"code": "id", "amount": "money", "share": "pct", "cum_share": "pct", "prior_share": "pct",
               "h_pos": "money", "h_run": "money", "h_prior": "money", "h_upto": "money"}
    widths = {"code": 12, "name": 36, "segment": 22, "amount": 14, "share": 9, "cum_share": 11,
              "prior_share": 11, "abc": 9}
    first, header = ctx.table(ws, TABLE, rows, formats=formats, widths=widths)
    # Excel sorts a protected sheet's range only when none of its cells is locked: the computed
    # columns are unlocked too (each row's formulas are the same, so a sort keeps them right)
    for c in range(1, len(CUSTOMERS.columns) + 1):
        ws.cell(row=first, column=c).protection = S.UNLOCKED
    L = {k: get_column_letter(CUSTOMERS.index(k) + 1) for k in CUSTOMERS.keys()}
    ctx.list_validation(ws, f"{L['segment']}{first}:{L['segment']}{first}", "PAC_Segments", "dv_segment")
    ctx.value_validation(ws, f"{L['amount']}{first}:{L['amount']}{first}", "decimal", "dv_amount",
                         -1e12, 1e12)
    # ABC class colours
    abc = f"{L['abc']}{first}:{L['abc']}{first}"
    for cls, fill in (("A", S.GOOD_FILL), ("B", S.WARN_FILL), ("C", S.BAD_FILL)):
        ws.conditional_formatting.add(abc, FormulaRule(
            formula=[f'${L["abc"]}{first}="{cls}"'], fill=PatternFill("solid", bgColor=fill)))
    # helper columns: grouped and hidden (expand the group to see them)
    h_first, h_last = L["h_pos"], L["h_break"]
    ws.column_dimensions.group(h_first, h_last, hidden=True, outline_level=1)

    _summary(ctx, ws)
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

    st.section(ws.cell(row=3, column=col, value=ctx.t("cu_summary")))
    # PAC_CustomersSorted (TRUE/FALSE, read by the ABC formulas) sits in a hidden helper column
    # outside the print area; the summary shows it as a word
    flag = get_column_letter(FLAG_COL)
    st.computed(ws.cell(row=6, column=FLAG_COL, value=customers_sorted()))
    ctx.name("PAC_CustomersSorted", ROLE, f"{flag}6")
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

    # ABC summary: twin of calc.pareto.abc_summary
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
                value=f"=ROUNDUP(ROUND({C[0]}{r}*PAC_CustomersCount,9),0)")
        ws.cell(row=r, column=col + 2, value=(
            f'=IF(AND(PAC_CustomersSorted,{C[1]}{r}>0),INDEX({run},{C[1]}{r})/PAC_CustomersTotal,"")'))
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
    bar.height, bar.width = 10, 17
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
    end = get_column_letter(CUSTOMERS.index("abc") + 1)
    ws.print_area = [f"A1:{end}{last}", f"{get_column_letter(SUMMARY_COL)}3:"
                     f"{get_column_letter(SUMMARY_COL + 4)}{38 + PARETO_POINTS}"]
