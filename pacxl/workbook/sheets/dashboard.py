"""Tableau de bord / Dashboard: key figures and the charts of the plan (revenue plan vs actual by
month, budget by category, actions by status, the funnel)."""

from __future__ import annotations

from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .. import styles as S
from ..contract import FUNNEL_STAGES, MONTHS, STATUS_DONE, column_name
from ._common import Context, print_setup, protect

ROLE = "dashboard"


def _n(table: str, key: str) -> str:
    return column_name(table, key)


def build(ctx: Context) -> None:
    ws = ctx.sheet(ROLE)
    st = ctx.st
    ctx.heading(ws, "dashboard_title")
    ws["A2"] = f'="{ctx.t("db_month")} "&IF(PAC_Month="","-",PAC_Month)&" / {MONTHS}"'
    st.subtitle(ws["A2"])
    st.label(ws.cell(row=3, column=1, value=ctx.t("set_as_of")))
    st.computed(ws.cell(row=3, column=2, value="=PAC_AsOf"), "date", bold=True)

    rev = "INDEX(PAC_KPIKinds,1)"
    kind = _n("tblKPI", "kind")
    done = f"INDEX(PAC_Statuses,{STATUS_DONE + 1})"
    n_actions = f'COUNTIF({_n("tblActions", "action")},"?*")'
    figures = (
        ("db_revenue_target", '=IF(ISNUMBER(PAC_RevenueTarget),PAC_RevenueTarget,"")', "money"),
        ("db_revenue_plan", f"=SUMIF({kind},{rev},{_n('tblKPI', 'plan_year')})", "money"),
        ("db_revenue_plan_ytd", f"=SUMIF({kind},{rev},{_n('tblKPI', 'plan_ytd')})", "money"),
        ("db_revenue_actual_ytd", f"=SUMIF({kind},{rev},{_n('tblKPI', 'actual_ytd')})", "money"),
        ("db_revenue_variance", "=B8-B7", "money_signed"),
        ("db_revenue_landing", f"=SUMIF({kind},{rev},{_n('tblKPI', 'landing')})", "money"),
        ("db_deals", "=PAC_FunnelTarget", "int"),
        ("db_budget_total", "=PAC_BudgetTotal", "money"),
        ("db_budget_actual", "=PAC_BudgetActual", "money"),
        ("db_budget_consumed", '=IF(PAC_BudgetTotal>0,PAC_BudgetActual/PAC_BudgetTotal,"")', "pct"),
        ("db_actions", f"={n_actions}", "int"),
        ("db_actions_done", f'=IF({n_actions}>0,COUNTIF({_n("tblActions", "status")},{done})/{n_actions},"")', "pct"),
        ("db_actions_late", f'=COUNTIF({_n("tblActions", "alert")},"{ctx.t("alert_late")}")', "int"),
        ("db_objectives", f'=COUNTIF({_n("tblObjectives", "objective")},"?*")', "int"),
        ("db_objectives_smart", f'=COUNTIF({_n("tblObjectives", "smart")},"{ctx.t("smart_ok")}")', "int"),
        ("db_kpi_fav", f'=COUNTIF({_n("tblKPI", "status")},"{ctx.t("favourable")}")', "int"),
        ("db_kpi_unfav", f'=COUNTIF({_n("tblKPI", "status")},"{ctx.t("unfavourable")}")', "int"),
        ("db_customers", "=PAC_CustomersCount", "int"),
        ("db_customers_a", f'=COUNTIF({_n("tblCustomers", "abc")},"A")', "int"),
        ("db_segments", "=PAC_SegmentShareCheck", None),
    )
    st.header(ws.cell(row=4, column=1, value=ctx.t("db_key_figures")))
    st.header(ws.cell(row=4, column=2, value=ctx.t("db_value")))
    for i, (key, formula, fmt) in enumerate(figures):
        r = 5 + i
        st.label(ws.cell(row=r, column=1, value=ctx.t(key)))
        cell = ws.cell(row=r, column=2, value=formula)
        st.computed(cell, fmt, bold=True)
        for c in (ws.cell(row=r, column=1), cell):
            # rows may be tall where the tables on the right have wrapped headers: keep the label
            # and its value on one line
            c.alignment = Alignment(horizontal=c.alignment.horizontal, vertical="center")

    # a revenue variance is favourable at or above 0 (colour from the verdict, not the format)
    for formula, font in (("AND(ISNUMBER($B9),$B9>=0)", S.GOOD_FONT), ("AND(ISNUMBER($B9),$B9<0)", S.BAD_FONT)):
        ws.conditional_formatting.add("B9", FormulaRule(formula=[formula], font=Font(color=font)))

    # revenue plan vs actual by month (KPI lines of kind revenue)
    c0 = 4
    for i, key in enumerate(("db_month_col", "db_plan", "db_actual")):
        st.header(ws.cell(row=4, column=c0 + i, value=ctx.t(key)))
    for m in range(1, MONTHS + 1):
        r = 4 + m
        st.computed(ws.cell(row=r, column=c0, value=ctx.months[m - 1]))
        ws.cell(row=r, column=c0 + 1, value=f"=SUMIF({kind},{rev},{_n('tblKPI', f'p{m:02d}')})")
        ws.cell(row=r, column=c0 + 2, value=(
            f'=IF(AND(ISNUMBER(PAC_Month),{m}<=PAC_Month),SUMIF({kind},{rev},{_n("tblKPI", f"a{m:02d}")}),"")'))
        for c in (1, 2):
            st.computed(ws.cell(row=r, column=c0 + c), "money")
    ch = BarChart()
    ch.type = "col"
    ch.title = ctx.t("db_chart_revenue")
    ch.add_data(Reference(ws, min_col=c0 + 1, max_col=c0 + 2, min_row=4, max_row=4 + MONTHS),
                titles_from_data=True)
    ch.set_categories(Reference(ws, min_col=c0, min_row=5, max_row=4 + MONTHS))
    _look(ch, st.money)
    ws.add_chart(ch, "A27")

    # budget by category
    c1 = 8
    cats = [c for c in ctx.settings.budget_categories if c] or [""]
    for i, key in enumerate(("db_category", "db_budget", "db_spent")):
        st.header(ws.cell(row=4, column=c1 + i, value=ctx.t(key)))
    for j in range(len(cats)):
        r = 5 + j
        ws.cell(row=r, column=c1, value=f'=IF(INDEX(PAC_BudgetCategories,{j + 1})="","",INDEX(PAC_BudgetCategories,{j + 1}))')
        cat = f"{get_column_letter(c1)}{r}"
        ws.cell(row=r, column=c1 + 1, value=f'=SUMIF({_n("tblBudget", "category")},{cat},{_n("tblBudget", "total")})')
        ws.cell(row=r, column=c1 + 2, value=f'=SUMIF({_n("tblBudget", "category")},{cat},{_n("tblBudget", "actual")})')
        st.computed(ws.cell(row=r, column=c1))
        for c in (1, 2):
            st.computed(ws.cell(row=r, column=c1 + c), "money")
    ch = BarChart()
    ch.type = "bar"
    ch.title = ctx.t("db_chart_budget")
    ch.add_data(Reference(ws, min_col=c1 + 1, max_col=c1 + 2, min_row=4, max_row=4 + len(cats)),
                titles_from_data=True)
    ch.set_categories(Reference(ws, min_col=c1, min_row=5, max_row=4 + len(cats)))
    ch.x_axis.scaling.orientation = "maxMin"
    _look(ch, st.money)
    ws.add_chart(ch, "H27")

    # actions by status
    r0 = 6 + len(cats)
    for i, key in enumerate(("db_status", "db_count")):
        st.header(ws.cell(row=r0, column=c1 + i, value=ctx.t(key)))
    ws.row_dimensions[r0].height = 30
    n_status = len(ctx.settings.statuses) or 5
    for j in range(n_status):
        r = r0 + 1 + j
        ws.cell(row=r, column=c1, value=f'=IF(INDEX(PAC_Statuses,{j + 1})="","",INDEX(PAC_Statuses,{j + 1}))')
        ws.cell(row=r, column=c1 + 1, value=f'=COUNTIF({_n("tblActions", "status")},{get_column_letter(c1)}{r})')
        st.computed(ws.cell(row=r, column=c1))
        st.computed(ws.cell(row=r, column=c1 + 1), "int")
    ch = BarChart()
    ch.type = "col"
    ch.title = ctx.t("db_chart_status")
    ch.add_data(Reference(ws, min_col=c1 + 1, min_row=r0, max_row=r0 + n_status), titles_from_data=True)
    ch.set_categories(Reference(ws, min_col=c1, min_row=r0 + 1, max_row=r0 + n_status))
    _look(ch, "0")
    ch.legend = None
    ws.add_chart(ch, "A44")

    # the funnel
    r1 = r0 + n_status + 2
    ws.row_dimensions[r1].height = 30
    for i, key in enumerate(("db_stage", "db_volume")):
        st.header(ws.cell(row=r1, column=c1 + i, value=ctx.t(key)))
    for i in range(1, FUNNEL_STAGES + 1):
        r = r1 + i
        ws.cell(row=r, column=c1, value=f'=IF(INDEX(PAC_FunnelStages,{i})="","",INDEX(PAC_FunnelStages,{i}))')
        ws.cell(row=r, column=c1 + 1, value=f'=INDEX(PAC_FunnelVolumes,{i})')
        st.computed(ws.cell(row=r, column=c1))
        st.computed(ws.cell(row=r, column=c1 + 1), "int")
    n_st = max(1, len([s for s in ctx.settings.funnel_stages if s]))
    ch = BarChart()
    ch.type = "bar"
    ch.title = ctx.t("db_chart_funnel")
    ch.add_data(Reference(ws, min_col=c1 + 1, min_row=r1, max_row=r1 + n_st), titles_from_data=True)
    ch.set_categories(Reference(ws, min_col=c1, min_row=r1 + 1, max_row=r1 + n_st))
    ch.x_axis.scaling.orientation = "maxMin"
    _look(ch, "0")
    ch.legend = None
    ws.add_chart(ch, "H44")

    for col, w in zip("ABCDEFGHIJ", (34, 16, 2, 11, 13, 13, 2, 26, 13, 13)):
        ws.column_dimensions[col].width = w
    ws.row_dimensions[4].height = 30
    print_setup(ws, landscape=False, fit_height=0)
    protect(ws)


def _look(chart, number_format: str) -> None:
    chart.height, chart.width = 8, 15
    chart.y_axis.number_format = number_format
    chart.y_axis.majorGridlines = None
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend.position = "b"
    chart.dataLabels = None
