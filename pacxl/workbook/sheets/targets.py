"""Cibles / Targets: segments, personas and the share of revenue each must bring (sums to 100 %)."""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill

from .. import styles as S
from ..cells import put
from ..contract import column_name
from ._common import Context, print_setup, protect, text_height

ROLE = "targets"
HEADER = 4
CAPACITY = 10  # rows of PAC_Segments


def build(ctx: Context) -> None:
    ws = ctx.sheet(ROLE)
    st = ctx.st
    ctx.heading(ws, "targets_title", "targets_help")
    heads = ("tg_segment", "tg_description", "tg_persona", "tg_share", "tg_revenue", "tg_last_share")
    for c, key in enumerate(heads, start=1):
        st.header(ws.cell(row=HEADER, column=c, value=ctx.t(key)))
    segments = {seg.name: seg for seg in ctx.plan.segments}
    names = list(ctx.settings.segments)
    first = HEADER + 1
    last = first + CAPACITY - 1
    cust_seg = column_name("tblCustomers", "segment")
    cust_amt = column_name("tblCustomers", "amount")
    for i in range(CAPACITY):
        r = first + i
        name = names[i] if i < len(names) else None
        seg = segments.get(name) if name else None
        st.input(put(ws, r, 1, name))
        st.input(put(ws, r, 2, seg.description if seg else None), wrap=True)
        st.input(put(ws, r, 3, seg.persona if seg else None), wrap=True)
        st.input(ws.cell(row=r, column=4, value=seg.share if seg else None), "pct")
        ws.cell(row=r, column=5, value=f'=IF(AND(ISNUMBER(D{r}),ISNUMBER(PAC_RevenueTarget)),D{r}*PAC_RevenueTarget,"")')
        st.computed(ws.cell(row=r, column=5), "money")
        ws.cell(row=r, column=6, value=(
            # twin of calc.pareto.segment_shares: positive amounts only, like the ABC total
            f'=IF(OR(A{r}="",PAC_CustomersTotal<=0),"",'
            f'SUMIFS({cust_amt},{cust_seg},A{r},{cust_amt},">0")/PAC_CustomersTotal)'
        ))
        st.computed(ws.cell(row=r, column=6), "pct")
        ws.row_dimensions[r].height = max(30, text_height(
            [(seg.description, 45), (seg.persona, 45)] if seg else []))
    ctx.name("PAC_Segments", ROLE, f"A{first}:A{last}")
    ctx.value_validation(ws, f"D{first}:D{last}", "decimal", "tg_share", 0, 1)

    tot = last + 1
    st.label(ws.cell(row=tot, column=3, value=ctx.t("tg_total")))
    ws.cell(row=tot, column=4, value=f"=SUM(D{first}:D{last})")
    st.computed(ws.cell(row=tot, column=4), "pct", bold=True)
    ws.cell(row=tot, column=5, value=f'=IF(COUNT(D{first}:D{last})=0,"",IF(ABS(D{tot}-1)<0.0005,'
                                     f'"{ctx.t("tg_ok")}","{ctx.t("tg_not_100")}"))')
    st.computed(ws.cell(row=tot, column=5), bold=True)
    ctx.name("PAC_SegmentShareCheck", ROLE, f"E{tot}")
    ws.cell(row=tot, column=6, value=f'=IF(COUNT(F{first}:F{last})=0,"",SUM(F{first}:F{last}))')
    st.computed(ws.cell(row=tot, column=6), "pct", bold=True)
    for formula, fill, font in ((f'E{tot}="{ctx.t("tg_ok")}"', S.GOOD_FILL, S.GOOD_FONT),
                                (f'E{tot}="{ctx.t("tg_not_100")}"', S.BAD_FILL, S.BAD_FONT)):
        ws.conditional_formatting.add(f"D{tot}:E{tot}", FormulaRule(
            formula=[formula], fill=PatternFill("solid", bgColor=fill), font=Font(color=font, bold=True)))
    st.subtitle(ws.cell(row=tot + 2, column=1, value=ctx.t("targets_note")))

    for col, w in zip("ABCDEF", (22, 45, 45, 13, 18, 16)):
        ws.column_dimensions[col].width = w
    ws.row_dimensions[HEADER].height = 32
    ws.freeze_panes = f"A{first}"
    print_setup(ws, landscape=True, fit_height=1)
    protect(ws)
