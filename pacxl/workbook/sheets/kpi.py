"""Suivi KPI / KPI tracking: monthly plan and actual per KPI, to date, variance and forecasts,
and the catch-up: what is left of the year's plan, spread over the remaining months by the
seasonality profile (``PAC_Seasonality``), or a ratio rate's rate needed on the rest of the year.

Row 4 holds the plan-month numbers 1..12 above both month blocks; the to-date, landing and
run-rate formulas compare them with ``PAC_Month`` (twins of :mod:`pacxl.calc.variance`).
"""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule, Rule
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.numbers import NumberFormat
from openpyxl.utils import get_column_letter

from .. import styles as S
from ..contract import KPI, MONTHS, column_name
from ..i18n import KIND_BY_WORD
from ._common import Context, model_row, month_headers, print_setup, protect

ROLE = "kpi"
TABLE = "tblKPI"
_KIND_POS = {"revenue": 0, "count": 1, "cost": 2, "rate": 3}


def kind_word(kind: str, ctx: Context) -> str | None:
    """The Settings word (CA, Nombre, Coût, Taux) of a KPI kind given as a calc kind or a word."""
    if not kind:
        return None
    key = KIND_BY_WORD.get(str(kind).strip().lower(), str(kind).strip().lower())
    if key in _KIND_POS:
        return ctx.t_list("kpi_kinds")[_KIND_POS[key]]
    return str(kind)


def build(ctx: Context) -> None:
    ws = ctx.sheet(ROLE)
    st = ctx.st
    ctx.heading(ws, "kpi_title", "kpi_help")
    # columns A:B print on every page (the KPI table is two pages wide): the help line wraps
    # inside them rather than running over columns the second page does not show
    ws.merge_cells("A2:B2")
    st.note(ws["A2"])
    ws["A2"].font = st.subtitle_font
    rows = [
        {**model_row(k, TABLE, p=k.plan, a=k.actual), "kind": kind_word(k.kind, ctx)}
        for k in ctx.plan.kpis
    ]
    months = KPI.keys()[KPI.index("p01"):KPI.index("a12") + 1]
    formats = {k: "int" for k in KPI.keys()[KPI.index("p01"):]}
    formats.update(id="id", objective_id="id", numerator="id", denominator="id", stage="id")
    formats.update({"variance": "signed", "variance_pct": "pct_signed", "rate_needed": "pct"})
    widths = {"id": 7, "name": 28, "kind": 9, "unit": 8, "objective_id": 9, "numerator": 12,
              "denominator": 12, "stage": 14, "variance_pct": 9, "status": 13}
    widths.update({k: 9 for k in months})
    widths.update({f"c{i:02d}": 10 for i in range(1, MONTHS + 1)}, remaining=10, rate_needed=12)
    headers = month_headers(ctx, "p", "kpi_plan_word")
    headers.update(month_headers(ctx, "a", "kpi_actual_word"))
    headers.update(month_headers(ctx, "c", "kpi_catch_up_word"))
    first, header = ctx.table(ws, TABLE, rows, formats=formats, widths=widths, headers=headers)
    L = {k: get_column_letter(KPI.index(k) + 1) for k in KPI.keys()}

    st.label(ws.cell(row=4, column=KPI.index("objective_id") + 1, value=ctx.t("plan_month")))
    for i in range(1, MONTHS + 1):
        for prefix in ("p", "a", "c"):
            st.small(ws.cell(row=4, column=KPI.index(f"{prefix}{i:02d}") + 1, value=i))
    st.section(ws.cell(row=3, column=KPI.index("p01") + 1, value=ctx.t("kpi_plan_block")))
    st.section(ws.cell(row=3, column=KPI.index("a01") + 1, value=ctx.t("kpi_actual_block")))
    st.section(ws.cell(row=3, column=KPI.index("plan_year") + 1, value=ctx.t("kpi_month_is")))
    c = ws.cell(row=3, column=KPI.index("actual_ytd") + 1, value="=PAC_Month")
    st.computed(c, bold=True)
    st.section(ws.cell(row=3, column=KPI.index("remaining") + 1, value=ctx.t("kpi_catch_up_block")))

    def rng(a, b=None):
        return f"{L[a]}{first}:{L[b or a]}{first}"

    ctx.list_validation(ws, rng("kind"), "PAC_KPIKinds", "dv_kpi_kind")
    ctx.list_validation(ws, rng("objective_id"), column_name("tblObjectives", "id"), "dv_objective")
    ctx.list_validation(ws, rng("numerator", "denominator"), column_name(TABLE, "id"), "dv_kpi_ratio")
    ctx.list_validation(ws, rng("stage"), "PAC_FunnelStages", "dv_kpi_stage")
    ctx.value_validation(ws, rng("p01", "a12"), "decimal", "dv_amount", -1e12, 1e12)
    status = f"${L['status']}{first}"
    for word, fill, font in ((ctx.t("favourable"), S.GOOD_FILL, S.GOOD_FONT),
                             (ctx.t("unfavourable"), S.BAD_FILL, S.BAD_FONT)):
        ws.conditional_formatting.add(rng("status"), FormulaRule(
            formula=[f'{status}="{word}"'], fill=PatternFill("solid", bgColor=fill),
            font=Font(color=font, bold=True)))
    # variances coloured by the line's verdict (a cost under plan is favourable), not by sign
    for word, fill, font in ((ctx.t("favourable"), S.GOOD_FILL, S.GOOD_FONT),
                             (ctx.t("unfavourable"), S.BAD_FILL, S.BAD_FONT)):
        ws.conditional_formatting.add(rng("variance", "variance_pct"), FormulaRule(
            formula=[f'{status}="{word}"'], font=Font(color=font)))
    # rates read as percentages (the base format shows whole numbers)
    kind = f"${L['kind']}{first}"
    pct = DifferentialStyle(numFmt=NumberFormat(numFmtId=300, formatCode="0.0%"))
    ws.conditional_formatting.add(rng("p01", "run_rate"), Rule(
        type="expression", formula=[f"{kind}=INDEX(PAC_KPIKinds,4)"], dxf=pct))
    # row 4, the plan-month numbers the to-date formulas read: a helper, hidden (the headers
    # name each month)
    ws.row_dimensions[4].hidden = True
    ws.freeze_panes = f"C{first}"
    print_setup(ws, landscape=True, title_rows=f"{header}:{header}", fit_width=3, title_cols="A:B")
    protect(ws)


def seasonal_revenue_plan(ctx: Context) -> None:
    """The first revenue KPI with no monthly plan follows the revenue goal and the seasonality:
    its plan cells get :func:`pacxl.workbook.formulas.seasonal_plan` (called once the tables
    are filled; the user types over them to plan otherwise)."""
    from ...calc.variance import kpi_kind
    from ...errors import InputError
    from .. import formulas as F
    from ..tables import find_table

    for i, k in enumerate(ctx.plan.kpis):
        try:
            kind = kpi_kind(k.kind)
        except InputError:
            continue
        if kind == "revenue":
            if any(v is not None for v in k.plan):
                return
            ws, table = find_table(ctx.wb, TABLE)
            top = int("".join(ch for ch in table.ref.split(":")[0] if ch.isdigit()))
            r = top + 1 + i
            for m in range(1, MONTHS + 1):
                ws.cell(row=r, column=KPI.index(f"p{m:02d}") + 1, value=F.seasonal_plan(m))
            return
