"""Entonnoir / Funnel: from the revenue goal back to the activity each stage needs.

Deals to sign = the typed override, else ``ROUNDUP(ROUND(revenue / average deal, 9), 0)``; then
each stage above the signature is the stage below divided by its conversion rate, rounded up
(twin of :func:`pacxl.calc.funnel.required_volumes`), and spread over 12 months and 52 weeks
(twin of :func:`pacxl.calc.funnel.per_period`). Up to six stages; the last named stage of
Settings is the signature.
"""

from __future__ import annotations

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList

from ..contract import FUNNEL_STAGES
from .. import formulas as F
from ._common import Context, print_setup, protect

ROLE = "funnel"
TABLE_HEADER = 11


def build(ctx: Context) -> None:
    ws = ctx.sheet(ROLE)
    st, s = ctx.st, ctx.settings
    ctx.heading(ws, "funnel_title", "funnel_help")

    inputs = (
        (4, "fu_revenue", s.revenue_target, "money", "PAC_RevenueTarget"),
        (5, "fu_avg_deal", s.average_deal, "money", "PAC_AvgDeal"),
        (6, "fu_override", s.deals_target, "int", "PAC_DealsOverride"),
    )
    for r, key, value, fmt, name in inputs:
        st.label(ws.cell(row=r, column=1, value=ctx.t(key)))
        st.input(ws.cell(row=r, column=2, value=value), fmt)
        ctx.name(name, ROLE, f"B{r}")
        ctx.value_validation(ws, f"B{r}", "whole" if fmt == "int" else "decimal", key, 0,
                             None, operator="greaterThanOrEqual")
    st.label(ws.cell(row=7, column=1, value=ctx.t("fu_deals")))
    ws["B7"] = F.deals_target("PAC_DealsOverride", "PAC_RevenueTarget", "PAC_AvgDeal")
    st.computed(ws["B7"], "int", bold=True)
    ctx.name("PAC_FunnelTarget", ROLE, "B7")
    st.label(ws.cell(row=8, column=1, value=ctx.t("fu_n_stages")))
    ws["B8"] = F.funnel_last_stage()
    st.computed(ws["B8"], "int")
    for r, key in ((4, "fu_revenue_note"), (6, "fu_override_note"), (8, "fu_stages_note")):
        st.subtitle(ws.cell(row=r, column=3, value=ctx.t(key)))

    heads = ("fu_stage", "fu_rate", "fu_year", "fu_month", "fu_week")
    for c, key in enumerate(heads, start=1):
        st.header(ws.cell(row=TABLE_HEADER, column=c, value=ctx.t(key)))
    first = TABLE_HEADER + 1
    last = first + FUNNEL_STAGES - 1
    for i in range(1, FUNNEL_STAGES + 1):
        r = first + i - 1
        ws.cell(row=r, column=1, value=f'=IF(INDEX(PAC_FunnelStages,{i})="","",INDEX(PAC_FunnelStages,{i}))')
        if i < FUNNEL_STAGES:
            ws.cell(row=r, column=2, value=f'=IF({i}<$B$8,IF(ISNUMBER(INDEX(PAC_FunnelRates,{i})),INDEX(PAC_FunnelRates,{i}),""),"")')
        else:
            ws.cell(row=r, column=2, value='=""')
        ws.cell(row=r, column=3, value=F.funnel_volume(i, "$B$8", None if i == FUNNEL_STAGES else f"C{r + 1}"))
        ws.cell(row=r, column=4, value=F.per_period(f"C{r}", 12))
        ws.cell(row=r, column=5, value=F.per_period(f"C{r}", 52))
        for c, fmt in enumerate((None, "pct", "int", "int", "int"), start=1):
            st.computed(ws.cell(row=r, column=c), fmt, bold=c == 3)
    ctx.name("PAC_FunnelVolumes", ROLE, f"C{first}:C{last}")
    st.subtitle(ws.cell(row=last + 2, column=1, value=ctx.t("fu_rounding_note")))
    st.subtitle(ws.cell(row=last + 3, column=1, value=ctx.t("fu_rates_note")))

    chart = BarChart()
    chart.type = "bar"
    chart.title = ctx.t("fu_chart_title")
    n = max(1, min(FUNNEL_STAGES, len([x for x in s.funnel_stages if x])))
    chart.add_data(Reference(ws, min_col=3, min_row=TABLE_HEADER, max_row=TABLE_HEADER + n),
                   titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=TABLE_HEADER + n))
    chart.x_axis.scaling.orientation = "maxMin"  # top of the funnel at the top
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.majorGridlines = None
    chart.legend = None
    chart.dataLabels = DataLabelList()
    chart.dataLabels.showVal = True
    chart.dataLabels.showSerName = False
    chart.dataLabels.showCatName = False
    chart.dataLabels.showLegendKey = False
    chart.height, chart.width = 8, 16
    ws.add_chart(chart, f"A{last + 5}")

    for col, w in zip("ABCDE", (34, 16, 16, 14, 14)):
        ws.column_dimensions[col].width = w
    ws.row_dimensions[TABLE_HEADER].height = 32
    print_setup(ws, landscape=False, fit_height=1)
    protect(ws)
