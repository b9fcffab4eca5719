"""Plan d'actions / Action plan: dated, owned, budgeted actions, each tied to an objective."""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from .. import styles as S
from ..contract import ACTIONS, STATUS_CANCELLED, STATUS_DONE, column_name
from ._common import Context, fit_rows, model_row, print_setup, protect

ROLE = "actions"
TABLE = "tblActions"


def build(ctx: Context) -> None:
    ws = ctx.sheet(ROLE)
    ctx.heading(ws, "actions_title", "actions_help")
    rows = [model_row(a, TABLE) for a in ctx.plan.actions]
    formats = {"id": "id", "objective_id": "id", "start": "date", "end": "date", "budget": "money"}
    widths = {"id": 7, "objective_id": 10, "action": 42, "category": 14, "lever": 14,
              "segment": 16, "owner": 14, "start": 11, "end": 11, "budget": 12, "kpi": 22,
              "status": 12, "alert": 16}
    first, header = ctx.table(ws, TABLE, rows, formats=formats, widths=widths,
                              wrap=("action", "kpi"))
    fit_rows(ws, first, rows, widths, ("action", "kpi"))
    L = {k: get_column_letter(ACTIONS.index(k) + 1) for k in ACTIONS.keys()}

    def rng(k):
        return f"{L[k]}{first}:{L[k]}{first}"

    ctx.list_validation(ws, rng("objective_id"), column_name("tblObjectives", "id"), "dv_objective")
    ctx.list_validation(ws, rng("category"), "PAC_Categories", "dv_category")
    ctx.list_validation(ws, rng("lever"), "PAC_Levers", "dv_lever")
    ctx.list_validation(ws, rng("segment"), "PAC_Segments", "dv_segment")
    ctx.list_validation(ws, rng("owner"), "PAC_Owners", "dv_owner")
    ctx.list_validation(ws, rng("status"), "PAC_Statuses", "dv_status")
    ctx.value_validation(ws, f"{L['start']}{first}:{L['end']}{first}", "date", "dv_date", 36526, 73051)

    alert = f"${L['alert']}{first}"
    ws.conditional_formatting.add(rng("alert"), FormulaRule(
        formula=[f'{alert}<>""'], fill=PatternFill("solid", bgColor=S.BAD_FILL),
        font=Font(color=S.BAD_FONT)))
    status = f"${L['status']}{first}"
    ws.conditional_formatting.add(rng("status"), FormulaRule(
        formula=[f"{status}=INDEX(PAC_Statuses,{STATUS_DONE + 1})"],
        fill=PatternFill("solid", bgColor=S.GOOD_FILL), font=Font(color=S.GOOD_FONT)))
    ws.conditional_formatting.add(rng("status"), FormulaRule(
        formula=[f"{status}=INDEX(PAC_Statuses,{STATUS_CANCELLED + 1})"],
        font=Font(color="808080", strike=True)))
    ws.freeze_panes = f"D{first}"
    print_setup(ws, landscape=True, title_rows=f"{header}:{header}")
    protect(ws)
