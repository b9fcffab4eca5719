"""Tableau de bord / Dashboard: KPI cards, the charts of the plan and, below them, the key figures
and the tables the charts draw.

Layout (portrait, one page for cards and charts, the tables on the next):

* rows 5-7: five KPI cards (revenue to date vs plan, landing, budget spent, late actions, class A
  customers); each card's figure is a key figure of the table below (one truth) and its sub-line
  the twin of one :mod:`pacxl.calc` function (``variance_pct`` for the revenue cards);
* two bands of two charts, each chart alone in its rows; a chart without data shows "no data
  yet" (a formula cell under the transparent chart) and no value-axis labels;
* the tables, every header on a shared row and every row the same height: key figures (A:B),
  revenue by month (D:F) over actions by status (D:E), budget by category (H:J) over the funnel
  (H:I).
"""

from __future__ import annotations

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import NumFmt
from openpyxl.chart.label import DataLabelList
from openpyxl.descriptors import Typed
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break

from .. import formulas as F
from .. import styles as S
from ..contract import FUNNEL_STAGES, MONTHS, STATUS_DONE, column_name
from ..i18n import month_label_formula
from ._common import Context, print_setup, protect

ROLE = "dashboard"

#: Column widths A..J: two halves of the same width (A:E and F:J) for the charts; C and G are
#: gutters between the tables.
WIDTHS = (34, 13, 2, 12, 13, 13, 2, 27, 17, 13)
#: The five cards: (first column, last column); the widths of each come to about 28.
CARD_COLS = ((1, 1), (2, 4), (5, 6), (7, 8), (9, 10))
CARD_ROW = 5  # label; value on the next row, sub-line on the one after
CHART_ROWS = 21  # rows of a chart band (the chart is 10 cm high: 19 rows of 15 pt)
BAND1 = CARD_ROW + 4
BAND2 = BAND1 + CHART_ROWS
TABLES_TITLE = BAND2 + CHART_ROWS + 1
TABLE_HEADER = TABLES_TITLE + 2
LOWER_HEADER = TABLE_HEADER + MONTHS + 2  # actions by status, the funnel
HALVES = ((1, 5), (6, 10))

CARD_FILL = "EEF3F9"
_white = Side(style="thick", color="FFFFFF")
_accent = Side(style="thick", color=S.HEADER_FILL)


class _Labels(DataLabelList):
    """Data labels whose number format is their own (openpyxl writes ``numFmt`` without
    ``sourceLinked="0"``, and LibreOffice then uses the cells' format)."""

    numFmt = Typed(expected_type=NumFmt, allow_none=True)
    __elements__ = DataLabelList.__elements__
    __nested__ = tuple(n for n in DataLabelList.__nested__ if n != "numFmt")


def _n(table: str, key: str) -> str:
    return column_name(table, key)


def _literal(words: str) -> str:
    """Text inside a number format (a quote would end it)."""
    return '"' + words.replace('"', "") + '"'


def _around(section: str, words: str, slot: str) -> str:
    """A number-format section with ``words`` around it: ``slot`` in ``words`` marks the figure."""
    before, _, after = words.partition(slot)
    return (_literal(before) if before else "") + section + (_literal(after) if after else "")


def build(ctx: Context) -> None:
    ws = ctx.sheet(ROLE)
    st = ctx.st
    ctx.heading(ws, "dashboard_title")
    ws["A2"] = (f'=IF(PAC_Company="","",PAC_Company&" · ")&"{ctx.t("db_month")} "'
                f'&IF(PAC_Month="","-",PAC_Month)&" / {MONTHS}"')
    st.subtitle(ws["A2"])
    as_of = ws.cell(row=3, column=1, value=ctx.t("set_as_of"))
    st.label(as_of)
    as_of.alignment = Alignment(shrink_to_fit=True)
    st.computed(ws.cell(row=3, column=2, value="=PAC_AsOf"), "date", bold=True)

    kf = _key_figures(ctx, ws)
    _cards(ctx, ws, kf)
    months = _revenue_by_month(ctx, ws)
    budget = _budget_by_category(ctx, ws)
    status = _actions_by_status(ctx, ws)
    funnel = _funnel(ctx, ws)
    for chart, (rows, data), band, half in ((_revenue_chart(ctx, ws, months), months, BAND1, 0),
                                            (_budget_chart(ctx, ws, budget), budget, BAND1, 1),
                                            (_status_chart(ctx, ws, status), status, BAND2, 0),
                                            (_funnel_chart(ctx, ws, funnel), funnel, BAND2, 1)):
        ws.add_chart(chart, f"{get_column_letter(HALVES[half][0])}{band}")
        _no_data(ctx, ws, data, band, half)

    for i, w in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.row_dimensions[CARD_ROW - 1].height = 8
    ws.row_dimensions[CARD_ROW].height = 20
    ws.row_dimensions[CARD_ROW + 1].height = 30
    ws.row_dimensions[CARD_ROW + 2].height = 18
    st.section(ws.cell(row=TABLES_TITLE, column=1, value=ctx.t("db_tables")))
    ws.row_breaks.append(Break(id=TABLES_TITLE - 1))  # cards and charts on page 1, tables after
    from .capacity import load_block  # a team plan's load per salesperson, below the tables

    last = load_block(ctx, ws, TABLE_HEADER + 26) or TABLE_HEADER + 24
    print_setup(ws, landscape=False, fit_height=0, area=f"A1:{get_column_letter(len(WIDTHS))}{last}")
    protect(ws)


# --- the key figures and the tables behind the charts ------------------------------------------

def _key_figures(ctx: Context, ws) -> dict[str, str]:
    """The key figures table (A:B); their cells by i18n key."""
    st = ctx.st
    rev = "INDEX(PAC_KPIKinds,1)"
    kind = _n("tblKPI", "kind")
    done = f"INDEX(PAC_Statuses,{STATUS_DONE + 1})"
    n_actions = f'COUNTIF({_n("tblActions", "action")},"?*")'
    r0 = TABLE_HEADER + 1
    plan_ytd, actual_ytd = f"B{r0 + 2}", f"B{r0 + 3}"
    figures = (
        ("db_revenue_target", '=IF(ISNUMBER(PAC_RevenueTarget),PAC_RevenueTarget,"")', "money"),
        ("db_revenue_plan", f"=SUMIF({kind},{rev},{_n('tblKPI', 'plan_year')})", "money"),
        ("db_revenue_plan_ytd", f"=SUMIF({kind},{rev},{_n('tblKPI', 'plan_ytd')})", "money"),
        ("db_revenue_actual_ytd", f"=SUMIF({kind},{rev},{_n('tblKPI', 'actual_ytd')})", "money"),
        ("db_revenue_variance", f"={actual_ytd}-{plan_ytd}", "money_signed"),
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
        ("db_revenue_retention", "=INDEX(PAC_Retention,8)", "pct"),
        ("db_churn_rate", "=INDEX(PAC_Retention,9)", "pct"),
        ("db_coverage_meetings", "=PAC_CoverageMeetings", "int"),
        ("db_segments", "=PAC_SegmentShareCheck", None),
    )
    st.header(ws.cell(row=TABLE_HEADER, column=1, value=ctx.t("db_key_figures")))
    st.header(ws.cell(row=TABLE_HEADER, column=2, value=ctx.t("db_value")))
    out = {}
    for i, (key, formula, fmt) in enumerate(figures):
        r = r0 + i
        st.label(ws.cell(row=r, column=1, value=ctx.t(key)))
        st.computed(ws.cell(row=r, column=2, value=formula), fmt, bold=True)
        out[key] = f"B{r}"
    variance = out["db_revenue_variance"]
    # a revenue variance is favourable at or above 0 (colour from the verdict, not the format)
    for formula, font in ((f"AND(ISNUMBER(${variance}),${variance}>=0)", S.GOOD_FONT),
                          (f"AND(ISNUMBER(${variance}),${variance}<0)", S.BAD_FONT)):
        ws.conditional_formatting.add(variance, FormulaRule(formula=[formula], font=Font(color=font)))
    return out


def _revenue_by_month(ctx: Context, ws) -> tuple[tuple[int, int, int], tuple[int, int, int, int]]:
    """Revenue plan vs actual by month (KPI lines of kind revenue), D:F. Returns the chart's
    (label column, first row, last row) and the data's (first col, last col, first row, last row)."""
    st = ctx.st
    c0, h = 4, TABLE_HEADER
    rev = "INDEX(PAC_KPIKinds,1)"
    kind = _n("tblKPI", "kind")
    for i, key in enumerate(("db_month_col", "db_plan", "db_actual")):
        st.header(ws.cell(row=h, column=c0 + i, value=ctx.t(key)))
    for m in range(1, MONTHS + 1):
        r = h + m
        # the month's name from the i18n table, following Settings' year and first month
        label = month_label_formula(ctx.lang, f"DATE(PAC_Year,PAC_FirstMonth+{m - 1},1)")
        st.computed(ws.cell(row=r, column=c0, value="=" + label))
        ws.cell(row=r, column=c0 + 1, value=f"=SUMIF({kind},{rev},{_n('tblKPI', f'p{m:02d}')})")
        ws.cell(row=r, column=c0 + 2, value=(
            f'=IF(AND(ISNUMBER(PAC_Month),{m}<=PAC_Month),SUMIF({kind},{rev},{_n("tblKPI", f"a{m:02d}")}),"")'))
        for c in (1, 2):
            st.computed(ws.cell(row=r, column=c0 + c), "money")
    return (c0, h, h + MONTHS), (c0 + 1, c0 + 2, h + 1, h + MONTHS)


def _budget_by_category(ctx: Context, ws):
    st = ctx.st
    c1, h = 8, TABLE_HEADER
    n = len([c for c in ctx.settings.budget_categories if c]) or 1
    for i, key in enumerate(("db_category", "db_budget", "db_spent")):
        st.header(ws.cell(row=h, column=c1 + i, value=ctx.t(key)))
    for j in range(n):
        r = h + 1 + j
        ws.cell(row=r, column=c1, value=f'=IF(INDEX(PAC_BudgetCategories,{j + 1})="","",INDEX(PAC_BudgetCategories,{j + 1}))')
        cat = f"{get_column_letter(c1)}{r}"
        ws.cell(row=r, column=c1 + 1, value=f'=SUMIF({_n("tblBudget", "category")},{cat},{_n("tblBudget", "total")})')
        ws.cell(row=r, column=c1 + 2, value=f'=SUMIF({_n("tblBudget", "category")},{cat},{_n("tblBudget", "actual")})')
        st.computed(ws.cell(row=r, column=c1))
        for c in (1, 2):
            st.computed(ws.cell(row=r, column=c1 + c), "money")
    return (c1, h, h + n), (c1 + 1, c1 + 2, h + 1, h + n)


def _actions_by_status(ctx: Context, ws):
    st = ctx.st
    c0, h = 4, LOWER_HEADER
    for i, key in enumerate(("db_status", "db_count")):
        st.header(ws.cell(row=h, column=c0 + i, value=ctx.t(key)))
    n = len(ctx.settings.statuses) or 5
    for j in range(n):
        r = h + 1 + j
        ws.cell(row=r, column=c0, value=f'=IF(INDEX(PAC_Statuses,{j + 1})="","",INDEX(PAC_Statuses,{j + 1}))')
        ws.cell(row=r, column=c0 + 1, value=f'=COUNTIF({_n("tblActions", "status")},{get_column_letter(c0)}{r})')
        st.computed(ws.cell(row=r, column=c0))
        st.computed(ws.cell(row=r, column=c0 + 1), "int")
    return (c0, h, h + n), (c0 + 1, c0 + 1, h + 1, h + n)


def _funnel(ctx: Context, ws):
    st = ctx.st
    c1, h = 8, LOWER_HEADER
    for i, key in enumerate(("db_stage", "db_volume")):
        st.header(ws.cell(row=h, column=c1 + i, value=ctx.t(key)))
    for i in range(1, FUNNEL_STAGES + 1):
        r = h + i
        ws.cell(row=r, column=c1, value=f'=IF(INDEX(PAC_FunnelStages,{i})="","",INDEX(PAC_FunnelStages,{i}))')
        ws.cell(row=r, column=c1 + 1, value=f'=INDEX(PAC_FunnelVolumes,{i})')
        st.computed(ws.cell(row=r, column=c1))
        st.computed(ws.cell(row=r, column=c1 + 1), "int")
    n = max(1, len([s for s in ctx.settings.funnel_stages if s]))
    return (c1, h, h + n), (c1 + 1, c1 + 1, h + 1, h + n)


# --- the cards ---------------------------------------------------------------------------------

def _cards(ctx: Context, ws, kf: dict[str, str]) -> None:
    """Five cards: a label, the figure (a key figure's cell) and a sub-line. A blank figure
    shows a dash; the sub-line's words are in its number format, so its value stays a number."""
    st = ctx.st
    pos = st.money.split(";")[0]
    pct = "0.0%"
    signed = f"+{pct};-{pct};{pct}"

    def around(fmt: str, words: str, slot: str) -> str:
        return ";".join(_around(s, words, slot) for s in fmt.split(";")) + ';""'

    def dash(fmt: str) -> str:  # positive;negative;zero;text: a blank figure ("") shows a dash
        s = fmt.split(";")
        neg = s[1] if len(s) > 1 else "-" + s[0]
        return f'{s[0]};{neg};{s[2] if len(s) > 2 else s[0]};"–"'

    vs = ctx.t("db_card_vs_plan") + " "
    vs_year = ctx.t("db_card_vs_year") + " "
    cards = (
        ("db_card_revenue", f"={kf['db_revenue_actual_ytd']}", dash(st.money),
         F.variance_pct(kf["db_revenue_actual_ytd"], kf["db_revenue_plan_ytd"]),
         around(signed, vs + "{x}", "{x}"), "revenue"),
        ("db_card_landing", f"={kf['db_revenue_landing']}", dash(st.money),
         F.variance_pct(kf["db_revenue_landing"], kf["db_revenue_plan"]),
         around(signed, vs_year + "{x}", "{x}"), "revenue"),
        ("db_card_budget", f"={kf['db_budget_consumed']}", dash(pct),
         f"={kf['db_budget_total']}",
         around(f"{pos};-{pos};{pos}", ctx.t("db_card_of_budget") + " {x}", "{x}"), "budget"),
        ("db_card_late", f"={kf['db_actions_late']}", dash("#,##0"),
         f"={kf['db_actions']}",
         around("#,##0;-#,##0;0", ctx.t("db_card_of_actions", n="{x}"), "{x}"), "late"),
        ("db_card_customers_a", f"={kf['db_customers_a']}", dash("#,##0"),
         "=INDEX(PAC_ABCSummary,1,4)",
         around(f"{pct};-{pct};{pct}", ctx.t("db_card_of_revenue", pct="{x}"), "{x}"), None),
    )
    label_font, value_font, sub_font = st.card_label_font, st.card_value_font, st.card_sub_font
    fill = PatternFill("solid", fgColor=CARD_FILL)
    center = Alignment(horizontal="center", vertical="center")
    for (key, value, value_fmt, sub, sub_fmt, colour), (c0, c1) in zip(cards, CARD_COLS):
        r = CARD_ROW
        for dr, content, font, fmt in ((0, ctx.t(key), label_font, "General"), (1, value, value_font, value_fmt),
                                       (2, sub, sub_font, sub_fmt)):
            for c in range(c0, c1 + 1):
                cell = ws.cell(row=r + dr, column=c)
                cell.fill = fill
                cell.protection = S.LOCKED
                cell.border = Border(left=_white if c == c0 else None, right=_white if c == c1 else None,
                                     top=_accent if dr == 0 else None)
            cell = ws.cell(row=r + dr, column=c0, value=content)
            cell.font = font
            cell.number_format = fmt
            cell.alignment = center
            if c1 > c0:
                ws.merge_cells(start_row=r + dr, start_column=c0, end_row=r + dr, end_column=c1)
        v, s = f"{get_column_letter(c0)}{r + 1}", f"{get_column_letter(c0)}{r + 2}"
        good, bad = {
            "revenue": (f"AND(ISNUMBER(${s}),${s}>=0)", f"AND(ISNUMBER(${s}),${s}<0)"),
            "budget": (None, f"AND(ISNUMBER(${v}),${v}>1)"),
            "late": (f"AND(ISNUMBER(${v}),${v}=0)", f"AND(ISNUMBER(${v}),${v}>0)"),
            None: (None, None),
        }[colour]
        target = s if colour == "revenue" else v
        for formula, col in ((good, S.GOOD_FONT), (bad, S.BAD_FONT)):
            if formula:
                ws.conditional_formatting.add(target, FormulaRule(
                    formula=[formula], font=Font(color=col, bold=True)))


# --- the charts --------------------------------------------------------------------------------

def _no_data(ctx: Context, ws, data, band: int, half: int) -> None:
    """A cell in the middle of a chart's area saying "no data yet" while its figures are all 0 or
    blank (the chart is transparent: the text shows through its empty plot)."""
    c0, c1, r0, r1 = data
    rng = f"${get_column_letter(c0)}${r0}:${get_column_letter(c1)}${r1}"
    r = band + CHART_ROWS // 2 - 1
    a, b = HALVES[half]
    cell = ws.cell(row=r, column=a, value=(
        f'=IF(COUNTIF({rng},">0")+COUNTIF({rng},"<0")=0,"{ctx.t("db_no_data")}","")'))
    cell.font = ctx.st.placeholder_font
    cell.alignment = Alignment(horizontal="center", vertical="center")
    cell.protection = S.LOCKED
    ws.merge_cells(start_row=r, start_column=a, end_row=r, end_column=b)


def _value_axis_format(section: str) -> str:
    """Value-axis labels shown only beyond ±1: an empty chart (LibreOffice and Excel scale it 0 to
    1) shows no "0 €, 1 €, 1 €" ticks; a real chart loses only its 0 label."""
    return f'[>1]{section};[<-1]-{section};""'


def _bars(ctx: Context, ws, kind: str, title_key: str, labels, data, number_format: str | None,
          legend: bool) -> BarChart:
    (lc, lh, ll), (c0, c1, r1) = labels, (data[0], data[1], data[3])
    ch = BarChart()
    ch.type = kind
    ch.title = ctx.t(title_key)
    ch.add_data(Reference(ws, min_col=c0, max_col=c1, min_row=lh, max_row=r1), titles_from_data=True)
    ch.set_categories(Reference(ws, min_col=lc, min_row=lh + 1, max_row=ll))
    ch.height, ch.width = 10, 13.6
    ch.y_axis.majorGridlines = None
    ch.x_axis.delete = False
    if number_format is None:  # counts: the bars carry their figure, no value axis
        ch.y_axis.delete = True
        ch.dataLabels = _Labels()
        ch.dataLabels.showVal = True
        for flag in ("showSerName", "showCatName", "showLegendKey", "showPercent"):
            setattr(ch.dataLabels, flag, False)
        ch.dataLabels.numFmt = NumFmt(formatCode='#,##0;-#,##0;""', sourceLinked=False)
    else:
        ch.y_axis.delete = False
        ch.y_axis.number_format = _value_axis_format(number_format)
    if legend:
        ch.legend.position = "b"
    else:
        ch.legend = None
    # transparent: the "no data yet" cell under an empty chart shows through
    ch.graphical_properties = GraphicalProperties(noFill=True)
    ch.graphical_properties.line.noFill = True
    ch.plot_area.graphicalProperties = GraphicalProperties(noFill=True)
    return ch


def _revenue_chart(ctx: Context, ws, months):
    return _bars(ctx, ws, "col", "db_chart_revenue", *months, ctx.st.money.split(";")[0], legend=True)


def _budget_chart(ctx: Context, ws, budget):
    ch = _bars(ctx, ws, "bar", "db_chart_budget", *budget, ctx.st.money.split(";")[0], legend=True)
    ch.x_axis.scaling.orientation = "maxMin"
    return ch


def _status_chart(ctx: Context, ws, status):
    return _bars(ctx, ws, "col", "db_chart_status", *status, None, legend=False)


def _funnel_chart(ctx: Context, ws, funnel):
    ch = _bars(ctx, ws, "bar", "db_chart_funnel", *funnel, None, legend=False)
    ch.x_axis.scaling.orientation = "maxMin"
    return ch
