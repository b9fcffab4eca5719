"""Entonnoir / Funnel: from the revenue goal back to the activity each stage needs.

Deals to sign = the typed override, else ``ROUNDUP(ROUND(revenue / average deal, 9), 0)``; then
each stage above the signature is the stage below divided by its conversion rate, rounded up
(twin of :func:`pacxl.calc.funnel.required_volumes`), and spread over 12 months and the year's
working weeks (Settings' working days / 5; twin of :func:`pacxl.calc.funnel.per_period`). Up to
six stages; the last named stage of Settings is the signature.

Beside it, the funnel observed to date (twins of :func:`pacxl.adjust.observed`): each stage's
actuals from the count KPIs linked to it (tblKPI's stage column), the observed rates
(``PAC_ObservedRates``), a flag when one is more than 10 % below the assumed rate, and the volumes
still needed at the observed rates (``PAC_FunnelVolumesObserved``). Below, ``tblFunnelMonths``:
the volume each stage must reach each month (and before the year) so that each month's
signatures (the year's deals spread by seasonality) land on time, given the sales-cycle lags
(twin of :func:`pacxl.adjust.funnel_months`).
"""

from __future__ import annotations

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo

from ...calc.followup import RATE_TOLERANCE
from ..contract import FUNNEL_STAGES, MONTHS, column_name
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
        ws.cell(row=r, column=5, value=F.per_period(f"C{r}", "(SUM(PAC_WorkingDays)/5)"))
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
    _observed(ctx, ws, first)
    _months(ctx, ws, first, last + 23)

    for col, w in zip("ABCDE", (34, 16, 16, 14, 14)):
        ws.column_dimensions[col].width = w
    ws.row_dimensions[TABLE_HEADER].height = 45  # three lines of header text
    print_setup(ws, landscape=False, fit_height=1)
    protect(ws)


#: Observed block: columns G (actual to date), H (observed rate), I (flag), J (volume still needed).
OBS_COL = 7


def _observed(ctx: Context, ws, first: int) -> None:
    st = ctx.st
    heads = ("fu_obs_actual", "fu_obs_rate", "fu_obs_flag", "fu_obs_volume")
    for c, key in enumerate(heads, start=OBS_COL):
        st.header(ws.cell(row=TABLE_HEADER, column=c, value=ctx.t(key)))
    G, H, I, J = (get_column_letter(OBS_COL + i) for i in range(4))
    stage_col = column_name("tblKPI", "stage")
    below, ok = ctx.t("fu_obs_below"), ctx.t("fu_obs_ok")
    for i in range(1, FUNNEL_STAGES + 1):
        r = first + i - 1
        terms = "+".join(
            f'SUMIF({stage_col},$A{r},{column_name("tblKPI", f"a{m:02d}")})*({m}<=PAC_Month)'
            for m in range(1, MONTHS + 1))
        ws[f"{G}{r}"] = (f'=IF(OR($A{r}="",NOT(ISNUMBER(PAC_Month)),COUNTIF({stage_col},$A{r})=0),"",'
                         f'{terms})')
        if i < FUNNEL_STAGES:
            ws[f"{H}{r}"] = (f'=IF({i}>=$B$8,"",IF(AND(ISNUMBER({G}{r}),ISNUMBER({G}{r + 1})),'
                             f'IF({G}{r}=0,"",{G}{r + 1}/{G}{r}),""))')
            ws[f"{I}{r}"] = (f'=IF(AND(ISNUMBER({H}{r}),ISNUMBER($B{r})),IF(ROUND({H}{r},9)<'
                             f'ROUND($B{r}*(1-{RATE_TOLERANCE}),9),"{below}","{ok}"),"")')
            use = f'IF(AND(ISNUMBER({H}{r}),N({H}{r})>0),MIN({H}{r},1),$B{r})'
            above = (f'IF(AND(ISNUMBER({J}{r + 1}),ISNUMBER({use})),IF({use}>0,'
                     f'ROUNDUP(ROUND({J}{r + 1}/{use},9),0),""),"")')
        else:
            ws[f"{H}{r}"] = '=""'
            ws[f"{I}{r}"] = '=""'
            above = '""'
        at_sig = 'ROUNDUP(ROUND(MAX(PAC_FunnelTarget-N(' + G + str(r) + '),0),9),0)'
        ws[f"{J}{r}"] = (f'=IF({i}>$B$8,"",IF({i}=$B$8,IF(ISNUMBER(PAC_FunnelTarget),{at_sig},""),'
                         f'{above}))')
        for col, fmt in ((G, "int"), (H, "pct"), (I, None), (J, "int")):
            st.computed(ws[f"{col}{r}"], fmt, bold=col == J)
    last = first + FUNNEL_STAGES - 1
    ctx.name("PAC_ObservedRates", ROLE, f"{H}{first}:{H}{last - 1}")
    ctx.name("PAC_FunnelVolumesObserved", ROLE, f"{J}{first}:{J}{last}")
    st.subtitle(ws.cell(row=last + 2, column=OBS_COL, value=ctx.t("fu_obs_note")))
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Font, PatternFill
    from .. import styles as S

    ws.conditional_formatting.add(f"{I}{first}:{I}{last}", FormulaRule(
        formula=[f'{I}{first}="{below}"'], fill=PatternFill("solid", bgColor=S.BAD_FILL),
        font=Font(color=S.BAD_FONT, bold=True)))
    # column F separates the two blocks and is a month column of tblFunnelMonths below
    for col, w in ((G, 16), (H, 12), (I, 20), (J, 16), ("F", 11)):
        ws.column_dimensions[col].width = w


def _months(ctx: Context, ws, first_stage: int, top: int) -> None:
    """The funnel month by month: signatures per month, then ``tblFunnelMonths`` and the hidden
    per-cohort volumes it reads."""
    st = ctx.st
    L = get_column_letter
    st.section(ws.cell(row=top, column=1, value=ctx.t("fu_months_title")))
    st.subtitle(ws.cell(row=top + 1, column=1, value=ctx.t("fu_months_help")))
    sig = top + 2  # deals to sign each month (seasonality, whole deals)
    header = sig + 2
    body = header + 1
    cohort = body + FUNNEL_STAGES + 1  # hidden: stage x cohort volumes
    numbers = cohort + FUNNEL_STAGES  # hidden: cohort numbers 1..12
    st.label(ws.cell(row=sig, column=1, value=ctx.t("fu_months_signatures")))
    heads = [ctx.t("fu_stage"), ctx.t("fu_months_before"), *ctx.months, ctx.t("set_total")]
    for c, h in enumerate(heads, start=1):
        st.header(ws.cell(row=header, column=c, value=h))
    for k in range(1, MONTHS + 1):
        col = L(2 + k)
        cum = f"SUM(INDEX(PAC_Seasonality,1):INDEX(PAC_Seasonality,{k}))"
        prev = f"SUM(INDEX(PAC_Seasonality,1):INDEX(PAC_Seasonality,{k - 1}))" if k > 1 else None
        now = f"ROUND(ROUND(PAC_FunnelTarget*{cum},9),0)"
        before = f"-ROUND(ROUND(PAC_FunnelTarget*{prev},9),0)" if prev else ""
        ws[f"{col}{sig}"] = f'=IF(ISNUMBER(PAC_FunnelTarget),{now}{before},"")'
        st.computed(ws[f"{col}{sig}"], "int", bold=True)
        ws[f"{col}{numbers}"] = k
    ctx.name("PAC_FunnelSignaturesByMonth", ROLE, f"{L(3)}{sig}:{L(2 + MONTHS)}{sig}")
    ws[f"{L(3 + MONTHS)}{sig}"] = f"=SUM({L(3)}{sig}:{L(2 + MONTHS)}{sig})"
    st.computed(ws[f"{L(3 + MONTHS)}{sig}"], "int", bold=True)
    month_cells = f"${L(3)}${numbers}:${L(2 + MONTHS)}${numbers}"
    # the whole funnel computes (a target, every rate usable) when its top stage has a volume
    no_funnel = f"NOT(ISNUMBER($C${first_stage}))"
    for s in range(1, FUNNEL_STAGES + 1):
        r, c_r = body + s - 1, cohort + s - 1
        stage = f"$A${first_stage + s - 1}"
        rate = f"INDEX(PAC_FunnelRates,{s})" if s < FUNNEL_STAGES else None
        lag = f"MAX(0,INT(N(INDEX(PAC_FunnelLags,{s}))))"
        ws[f"A{r}"] = f'=IF({stage}="","",{stage})'
        st.computed(ws[f"A{r}"])
        cohort_row = f"${L(3)}${c_r}:${L(2 + MONTHS)}${c_r}"
        for k in range(1, MONTHS + 1):
            col = L(2 + k)
            # cohort k's volume at stage s (twin of required_volumes on that month's signatures)
            at_sig = f"ROUNDUP(ROUND({col}${sig},9),0)"
            if rate:
                above = (f'IF(AND(ISNUMBER({col}{c_r + 1}),ISNUMBER({rate})),IF(AND({rate}>0,{rate}<=1),'
                         f'ROUNDUP(ROUND({col}{c_r + 1}/{rate},9),0),""),"")')
            else:
                above = '""'
            ws[f"{col}{c_r}"] = (f'=IF(OR({s}>$B$8,NOT(ISNUMBER({col}${sig}))),"",IF({s}=$B$8,{at_sig},'
                                 f'{above}))')
            # the month's volume: the cohort signing `lag` months later
            ws[f"{col}{r}"] = (f'=IF(OR($A{r}="",{no_funnel}),"",IF({k}+{lag}<={MONTHS},'
                               f'N(INDEX({cohort_row},{k}+{lag})),0))')
            st.computed(ws[f"{col}{r}"], "int")
        ws[f"B{r}"] = f'=IF(OR($A{r}="",{no_funnel}),"",SUMIF({month_cells},"<="&{lag},{cohort_row}))'
        st.computed(ws[f"B{r}"], "int")
        tot = L(3 + MONTHS)
        ws[f"{tot}{r}"] = f'=IF(OR($A{r}="",{no_funnel}),"",SUM(B{r}:{L(2 + MONTHS)}{r}))'
        st.computed(ws[f"{tot}{r}"], "int", bold=True)
    for r in range(cohort, numbers + 1):
        ws.row_dimensions[r].hidden = True
    ref = f"A{header}:{L(3 + MONTHS)}{body + FUNNEL_STAGES - 1}"
    table = Table(displayName="tblFunnelMonths", ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    ws.add_table(table)
    ws.row_dimensions[header].height = 30
    for k in range(2, 4 + MONTHS):
        letter = L(k)
        if ws.column_dimensions[letter].width in (None, 13):
            ws.column_dimensions[letter].width = 10
