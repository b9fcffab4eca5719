"""Bilan N-1 / Last year: results by segment and product against objectives, what worked, what
did not, and the conversion notes (rates, cost per action, channels)."""

from __future__ import annotations

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from ..cells import put
from ..contract import MONTHS
from ..formulas import variance
from ..i18n import month_labels
from ._common import Context, print_setup, protect, text_height

ROLE = "review"
HEADER = 4
NOTE_ROWS = 6


def build(ctx: Context) -> None:
    ws = ctx.sheet(ROLE)
    st = ctx.st
    rv = ctx.plan.review
    ctx.heading(ws, "review_title", "review_help")
    heads = ("rv_label", "rv_kind", "rv_objective", "rv_achieved", "rv_variance", "rv_rate", "rv_comment")
    for c, key in enumerate(heads, start=1):
        st.header(ws.cell(row=HEADER, column=c, value=ctx.t(key)))
    cap = max(10, len(rv.lines) + 3)
    first = HEADER + 1
    for i in range(cap):
        r = first + i
        line = rv.lines[i] if i < len(rv.lines) else None
        st.input(put(ws, r, 1, (line.label or None) if line else None))
        st.input(put(ws, r, 2, (line.kind or None) if line else None))
        st.input(ws.cell(row=r, column=3, value=line.objective if line else None), "money")
        st.input(ws.cell(row=r, column=4, value=line.achieved if line else None), "money")
        ws.cell(row=r, column=5, value=variance(f"D{r}", f"C{r}"))
        st.computed(ws.cell(row=r, column=5), "money_signed")
        ws.cell(row=r, column=6, value=f'=IF(AND(ISNUMBER(D{r}),ISNUMBER(C{r})),IF(C{r}=0,"",D{r}/C{r}),"")')
        st.computed(ws.cell(row=r, column=6), "pct")
        st.input(put(ws, r, 7, (line.comment or None) if line else None), wrap=True)
        if line:
            ws.row_dimensions[r].height = text_height([(line.comment, 48), (line.label, 30)])
    last = first + cap - 1
    # Segments and products are two breakdowns of the same revenue: one total each, never their
    # sum (which would count last year's revenue twice).
    tot = last + 1
    for i, kind in enumerate(("segment", "product")):
        r = tot + i
        word = ctx.t(f"rv_kind_{kind}")
        st.label(ws.cell(row=r, column=2, value=ctx.t(f"rv_total_{kind}")))
        ws.cell(row=r, column=2).alignment = Alignment(horizontal="right")  # spills into empty A
        for c, L in ((3, "C"), (4, "D")):
            ws.cell(row=r, column=c, value=f'=SUMIF($B${first}:$B${last},"{word}",{L}{first}:{L}{last})')
            st.computed(ws.cell(row=r, column=c), "money", bold=True)
        ws.cell(row=r, column=5, value=variance(f"D{r}", f"C{r}"))
        st.computed(ws.cell(row=r, column=5), "money_signed", bold=True)
        ws.cell(row=r, column=6, value=f'=IF(AND(ISNUMBER(D{r}),ISNUMBER(C{r})),IF(C{r}=0,"",D{r}/C{r}),"")')
        st.computed(ws.cell(row=r, column=6), "pct", bold=True)
    tot += 1
    ctx.list_validation(ws, f"B{first}:B{last}", "", "dv_review_kind",
                        values=(ctx.t("rv_kind_segment"), ctx.t("rv_kind_product")))
    ctx.value_validation(ws, f"C{first}:D{last}", "decimal", "dv_amount", -1e12, 1e12)

    r = tot + 2
    for key, items in (("rv_worked", rv.worked), ("rv_did_not_work", rv.did_not_work),
                       ("rv_conversion", rv.conversion_notes)):
        st.section(ws.cell(row=r, column=1, value=ctx.t(key)))
        r += 1
        for i in range(max(NOTE_ROWS, len(items) + 2)):
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=7)
            st.input(put(ws, r, 1, items[i] if i < len(items) else None), wrap=True)
            if i < len(items):
                ws.row_dimensions[r].height = text_height([(items[i], 150)])
            r += 1
        r += 1

    _monthly_revenue(ctx, ws)
    for col, w in zip("ABCDEFG", (30, 12, 15, 15, 15, 11, 48)):
        ws.column_dimensions[col].width = w
    ws.row_dimensions[HEADER].height = 32
    print_setup(ws, landscape=False)
    protect(ws)


#: Last year's monthly revenue block (``PAC_RevenueN1``): month label and amount, beside the table.
MONTHLY_COL = 9


def _monthly_revenue(ctx: Context, ws) -> None:
    """Last year's revenue by plan month: the seasonality profile follows it unless typed."""
    st = ctx.st
    s = ctx.settings
    values = list(ctx.plan.review.monthly_revenue or []) + [None] * MONTHS
    st.section(ws.cell(row=HEADER - 1, column=MONTHLY_COL, value=ctx.t("rv_monthly_title")))
    st.header(ws.cell(row=HEADER, column=MONTHLY_COL, value=ctx.t("rv_month")))
    st.header(ws.cell(row=HEADER, column=MONTHLY_COL + 1, value=ctx.t("rv_month_revenue")))
    labels = month_labels(ctx.lang, s.first_month, s.year - 1)
    first = HEADER + 1
    for k in range(MONTHS):
        r = first + k
        st.computed(ws.cell(row=r, column=MONTHLY_COL, value=labels[k]))
        st.input(ws.cell(row=r, column=MONTHLY_COL + 1, value=values[k]), "money")
    last = first + MONTHS - 1
    col = get_column_letter(MONTHLY_COL + 1)
    ctx.name("PAC_RevenueN1", ROLE, f"{col}{first}:{col}{last}")
    ctx.value_validation(ws, f"{col}{first}:{col}{last}", "decimal", "dv_amount", -1e12, 1e12)
    st.label(ws.cell(row=last + 1, column=MONTHLY_COL, value=ctx.t("set_total")))
    ws.cell(row=last + 1, column=MONTHLY_COL + 1, value=f"=SUM({col}{first}:{col}{last})")
    st.computed(ws.cell(row=last + 1, column=MONTHLY_COL + 1), "money", bold=True)
    ws.column_dimensions[get_column_letter(MONTHLY_COL)].width = 13
    ws.column_dimensions[col].width = 15
    ws.column_dimensions[get_column_letter(MONTHLY_COL - 1)].width = 3
