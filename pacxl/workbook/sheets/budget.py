"""Budget: lines by category and action over the plan's 12 months, spend to date and variance.

Row 3 holds the column totals (``PAC_BudgetTotal`` is the yearly total); row 4 the plan-month
numbers 1..12 that the plan-to-date formulas compare with ``PAC_Month``.
"""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .. import styles as S
from ..contract import BUDGET, MONTHS, column_name
from ._common import Context, model_row, month_headers, print_setup, protect

ROLE = "budget"
TABLE = "tblBudget"


def build(ctx: Context) -> None:
    ws = ctx.sheet(ROLE)
    st = ctx.st
    ctx.heading(ws, "budget_title", "budget_help")
    rows = [model_row(b, TABLE, m=b.months) for b in ctx.plan.budget]
    formats = {k: "money" for k in BUDGET.keys() if k.startswith("m") or k in ("actual", "total", "plan_ytd", "initial_total")}
    formats.update(id="id", action_id="id")
    formats.update({"variance": "money_signed", "consumed": "pct"})
    widths = {"id": 7, "category": 20, "action_id": 9, "label": 30, "actual": 12, "total": 12, "initial_total": 12,
              "plan_ytd": 12, "variance": 12, "consumed": 11}
    widths.update({f"m{i:02d}": 10 for i in range(1, MONTHS + 1)})
    first, header = ctx.table(ws, TABLE, rows, formats=formats, widths=widths,
                              headers=month_headers(ctx, "m", None))
    L = {k: get_column_letter(BUDGET.index(k) + 1) for k in BUDGET.keys()}

    # row 3: totals of every figure column; row 4: plan-month numbers
    st.label(ws.cell(row=3, column=BUDGET.index("label") + 1, value=ctx.t("bu_totals")))
    st.label(ws.cell(row=4, column=BUDGET.index("label") + 1, value=ctx.t("plan_month")))
    for k in BUDGET.keys():
        c = BUDGET.index(k) + 1
        if k.startswith("m") or k in ("actual", "total", "plan_ytd", "variance", "initial_total"):
            total = f"SUM({column_name(TABLE, k)})"
            if k == "initial_total":  # blank in a plan never frozen (twin of the report's total)
                total = f'IF(COUNT({column_name(TABLE, k)})=0,"",{total})'
            cell = ws.cell(row=3, column=c, value=f"={total}")
            st.computed(cell, formats[k], bold=True)
        if k.startswith("m"):
            st.small(ws.cell(row=4, column=c, value=int(k[1:])))
    cons = ws.cell(row=3, column=BUDGET.index("consumed") + 1,
                   value=f'=IF(AND(ISNUMBER({L["total"]}3),{L["total"]}3<>0),{L["actual"]}3/{L["total"]}3,"")')
    st.computed(cons, "pct", bold=True)
    ctx.name("PAC_BudgetTotal", ROLE, f"{L['total']}3")
    ctx.name("PAC_BudgetActual", ROLE, f"{L['actual']}3")

    def rng(a, b=None):
        return f"{L[a]}{first}:{L[b or a]}{first}"

    ctx.list_validation(ws, rng("category"), "PAC_BudgetCategories", "dv_budget_category")
    ctx.list_validation(ws, rng("action_id"), column_name("tblActions", "id"), "dv_action")
    ctx.value_validation(ws, rng("m01", "actual"), "decimal", "dv_amount", -1e12, 1e12)
    # a cost variance is favourable under plan: green at or below 0, red above (not by sign alone)
    for rows_ in (rng("variance"), f"{L['variance']}3"):
        cell = rows_.split(":")[0].replace(L["variance"], f"${L['variance']}")
        for formula, font in ((f"AND(ISNUMBER({cell}),{cell}<=0)", S.GOOD_FONT),
                              (f"AND(ISNUMBER({cell}),{cell}>0)", S.BAD_FONT)):
            ws.conditional_formatting.add(rows_, FormulaRule(formula=[formula], font=Font(color=font)))
    # row 4, the plan-month numbers the to-date formulas read: a helper, hidden (the headers
    # name each month)
    ws.row_dimensions[4].hidden = True
    ws.freeze_panes = f"E{first}"
    print_setup(ws, landscape=True, title_rows=f"{header}:{header}")
    protect(ws)
