"""Pipeline: the CRM's deals (tblPipeline) and what they weigh against the year's revenue goal.

Top of the sheet, native twins of :mod:`pacxl.calc.pipeline` (:mod:`pacxl.workbook.formulas_pipeline`):

* key figures (A:B): open deals, their value and weighted value, ``PAC_PipelineWeighted`` (the
  open deals expected to close within the plan year), the revenue goal, the revenue to date and
  what is left, ``PAC_PipelineCoverage``, the deals' average and oldest age, the deals past their
  expected close, and the share of the year left;
* open deals by funnel stage (D:H, ``PAC_PipelineByStage``): count, value, weighted value, and
  the funnel's volume for the rest of the year beside them; then the other stages and the total;
* expected signatures by plan month (D:G, ``PAC_PipelineByMonth``).

Below, ``tblPipeline`` (header row 30, 200 rows offered for typing): one deal per row; its
computed columns (weighted amount, age) and hidden helpers are what the figures add up. A close
date before the as-of date shows red while the deal is open.
"""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from .. import formulas_pipeline as F
from .. import styles as S
from ..contract import FUNNEL_STAGES, MONTHS, PIPELINE, SHEETS
from ...calc.pipeline import STATUS_WORDS
from ._common import HEADER_ROW, Context, model_row, print_setup, protect

ROLE = "pipeline"
TABLE = "tblPipeline"
FIGURES_ROW = 4  # section titles; headers on the next row
STAGE_COL = 4  # column D
STAGE_FIRST = FIGURES_ROW + 2
MONTH_SECTION = STAGE_FIRST + FUNNEL_STAGES + 3
MONTH_FIRST = MONTH_SECTION + 2
#: i18n key of each key figure, its formula maker and format, in their order (A:B)
KEY_FIGURES = ("pl_open_count", "pl_open_value", "pl_open_weighted", "pl_weighted", "pl_revenue_target",
               "pl_revenue_to_date", "pl_remaining", "pl_coverage", "pl_age_average", "pl_age_oldest",
               "pl_past_count", "pl_past_value", "pl_share_left")


def build(ctx: Context) -> None:
    ws = ctx.sheet(ROLE)
    ctx.heading(ws, "pl_title", "pl_help")
    rows = [model_row(d, TABLE) for d in getattr(ctx.plan, "pipeline", [])]
    formats = {"amount": "money", "probability": "pct", "close": "date", "created": "date", "weighted": "money",
               "age": "int", "h_value": "money", "h_weighted": "money"}
    widths = {"deal": 40, "account": 24, "owner": 16, "stage": 26, "amount": 13, "probability": 13, "close": 14,
              "created": 14, "status": 12, "weighted": 14, "age": 10}
    st = ctx.st
    header = HEADER_ROW[TABLE]
    st.section(ws.cell(row=header - 1, column=1, value=ctx.t("pl_deals")))
    first, _ = ctx.table(ws, TABLE, rows, formats=formats, widths=widths)
    L = {k: get_column_letter(PIPELINE.index(k) + 1) for k in PIPELINE.keys()}

    def body(key: str) -> str:
        return f"{L[key]}{first}:{L[key]}{first}"

    ctx.list_validation(ws, body("status"), "", "dv_deal_status", values=STATUS_WORDS[ctx.lang])
    ctx.value_validation(ws, body("amount"), "decimal", "dv_amount", -1e12, 1e12)
    ctx.value_validation(ws, body("probability"), "decimal", "dv_probability", 0, 100)
    for key in ("close", "created"):
        ctx.value_validation(ws, body(key), "date", "dv_date", 36526, 73051)
    ws.conditional_formatting.add(body("close"), FormulaRule(
        formula=[f"${L['h_past']}{first}=1"], fill=PatternFill("solid", bgColor=S.BAD_FILL),
        font=Font(color=S.BAD_FONT, bold=True)))
    ws.column_dimensions.group(L["h_open"], L["h_past"], hidden=True, outline_level=1)

    _key_figures(ctx, ws)
    _stages(ctx, ws)
    _months(ctx, ws)
    print_setup(ws, landscape=True, title_rows=f"{header}:{header}")
    protect(ws)


def _key_figures(ctx: Context, ws) -> None:
    st = ctx.st
    st.section(ws.cell(row=FIGURES_ROW, column=1, value=ctx.t("pl_figures")))
    r0 = FIGURES_ROW + 1
    st.header(ws.cell(row=r0, column=1, value=ctx.t("pl_figure")))
    st.header(ws.cell(row=r0, column=2, value=ctx.t("pl_value")))
    at = {key: f"B{r0 + 1 + i}" for i, key in enumerate(KEY_FIGURES)}
    made = {
        "pl_open_count": (F.open_count(), "int"),
        "pl_open_value": (F.open_value(), "money"),
        "pl_open_weighted": (F.open_weighted(), "money"),
        "pl_weighted": (F.weighted_pipeline(), "money"),
        "pl_revenue_target": ('=IF(ISNUMBER(PAC_RevenueTarget),PAC_RevenueTarget,"")', "money"),
        "pl_revenue_to_date": (F.revenue_to_date(), "money"),
        "pl_remaining": (F.remaining(at["pl_revenue_to_date"]), "money"),
        "pl_coverage": (F.coverage(at["pl_remaining"]), "pct"),
        "pl_age_average": (F.age_average(), "int"),
        "pl_age_oldest": (F.age_oldest(), "int"),
        "pl_past_count": (F.past_count(), "int"),
        "pl_past_value": (F.past_value(), "money"),
        "pl_share_left": (F.remaining_share(), "pct"),
    }
    for i, key in enumerate(KEY_FIGURES):
        r = r0 + 1 + i
        st.label(ws.cell(row=r, column=1, value=ctx.t(key)))
        formula, fmt = made[key]
        ws.cell(row=r, column=2, value=formula)
        st.computed(ws.cell(row=r, column=2), fmt, bold=key in ("pl_weighted", "pl_coverage"))
    ctx.name("PAC_PipelineWeighted", ROLE, at["pl_weighted"])
    ctx.name("PAC_PipelineCoverage", ROLE, at["pl_coverage"])
    cov = at["pl_coverage"]
    ws.conditional_formatting.add(cov, FormulaRule(
        formula=[f"AND(ISNUMBER({cov}),{cov}<1)"], fill=PatternFill("solid", bgColor=S.BAD_FILL),
        font=Font(color=S.BAD_FONT, bold=True)))
    ws.conditional_formatting.add(cov, FormulaRule(
        formula=[f"AND(ISNUMBER({cov}),{cov}>=1)"], fill=PatternFill("solid", bgColor=S.GOOD_FILL)))
    st.subtitle(ws.cell(row=3, column=1, value=ctx.t("pl_coverage_note")))


def _stages(ctx: Context, ws) -> None:
    st = ctx.st
    col = STAGE_COL
    C = [get_column_letter(col + i) for i in range(5)]
    st.section(ws.cell(row=FIGURES_ROW, column=col, value=ctx.t("pl_by_stage")))
    for i, key in enumerate(("pl_stage", "pl_count", "pl_amount", "pl_weighted_col", "pl_need")):
        st.header(ws.cell(row=STAGE_FIRST - 1, column=col + i, value=ctx.t(key)))
    share = f"$B${FIGURES_ROW + 2 + KEY_FIGURES.index('pl_share_left')}"
    last = STAGE_FIRST + FUNNEL_STAGES - 1
    for i in range(1, FUNNEL_STAGES + 1):
        r = STAGE_FIRST + i - 1
        name = f"{C[0]}{r}"
        ws.cell(row=r, column=col, value=F.stage_name(i))
        for j, key in enumerate(("count", "value", "weighted"), start=1):
            ws.cell(row=r, column=col + j, value=F.stage_figure(key, name))
        ws.cell(row=r, column=col + 4, value=F.stage_need(i, name, share))
        for j, fmt in enumerate((None, "int", "money", "money", "int")):
            st.computed(ws.cell(row=r, column=col + j), fmt)
    ctx.name("PAC_PipelineByStage", ROLE, f"{C[0]}{STAGE_FIRST}:{C[4]}{last}")
    totals = {"count": f"$B${FIGURES_ROW + 2}", "value": f"$B${FIGURES_ROW + 3}", "weighted": f"$B${FIGURES_ROW + 4}"}
    other, total = last + 1, last + 2
    st.label(ws.cell(row=other, column=col, value=ctx.t("pl_other")))
    st.total(ws.cell(row=total, column=col, value=ctx.t("pl_total")))
    for j, key in enumerate(("count", "value", "weighted"), start=1):
        cells = f"{C[j]}{STAGE_FIRST}:{C[j]}{last}"
        ws.cell(row=other, column=col + j, value=F.other_stages(totals[key], cells))
        st.computed(ws.cell(row=other, column=col + j), "int" if key == "count" else "money")
        ws.cell(row=total, column=col + j, value=f"={totals[key]}")
        st.total(ws.cell(row=total, column=col + j), "int" if key == "count" else "money")
    ws.row_dimensions[STAGE_FIRST - 1].height = 30


def _months(ctx: Context, ws) -> None:
    st = ctx.st
    col = STAGE_COL
    st.section(ws.cell(row=MONTH_SECTION, column=col, value=ctx.t("pl_by_month")))
    for i, key in enumerate(("pl_month", "pl_count", "pl_amount", "pl_weighted_col")):
        st.header(ws.cell(row=MONTH_FIRST - 1, column=col + i, value=ctx.t(key)))
    for k in range(1, MONTHS + 1):
        r = MONTH_FIRST + k - 1
        st.computed(ws.cell(row=r, column=col, value=ctx.months[k - 1]))
        for j, key in enumerate(("count", "value", "weighted"), start=1):
            ws.cell(row=r, column=col + j, value=F.month_figure(key, str(k)))
            st.computed(ws.cell(row=r, column=col + j), "int" if key == "count" else "money")
    ctx.name("PAC_PipelineByMonth", ROLE, f"{get_column_letter(col)}{MONTH_FIRST}:"
                                          f"{get_column_letter(col + 3)}{MONTH_FIRST + MONTHS - 1}")


def resize(wb, lang: str, first: int, last: int) -> None:
    """Print the figures and the table's visible columns, down to its last row."""
    ws = wb[SHEETS[ROLE][lang]]
    ws.print_area = f"A1:{get_column_letter(PIPELINE.index('age') + 1)}{last}"
