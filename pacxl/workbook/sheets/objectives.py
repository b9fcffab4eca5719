"""Objectifs / Objectives: SMART objectives, each with its KPI, target, deadline and owner."""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from .. import styles as S
from ..contract import OBJECTIVES
from ._common import Context, fit_rows, model_row, print_setup, protect

ROLE = "objectives"
TABLE = "tblObjectives"


def build(ctx: Context) -> None:
    ws = ctx.sheet(ROLE)
    ctx.heading(ws, "objectives_title", "objectives_help")
    rows = [model_row(o, TABLE) for o in ctx.plan.objectives]
    formats = {"id": "id", "target": "number", "deadline": "date"}
    widths = {"id": 7, "objective": 40, "kpi": 22, "target": 12, "unit": 10, "achievable": 30,
              "relevant": 30, "deadline": 12, "owner": 14, "status": 12, "smart": 22}
    wrap = ("objective", "kpi", "achievable", "relevant", "smart")
    first, header = ctx.table(ws, TABLE, rows, formats=formats, widths=widths, wrap=wrap)
    fit_rows(ws, first, rows, widths, wrap)
    L = {k: get_column_letter(OBJECTIVES.index(k) + 1) for k in OBJECTIVES.keys()}

    def rng(k):
        return f"{L[k]}{first}:{L[k]}{first}"

    ctx.list_validation(ws, rng("owner"), "PAC_Owners", "dv_owner")
    ctx.list_validation(ws, rng("status"), "PAC_Statuses", "dv_status")
    ctx.value_validation(ws, rng("deadline"), "date", "dv_deadline", 36526, 73051)
    ctx.value_validation(ws, rng("target"), "decimal", "dv_target", -1e12, 1e12)
    smart = f"{L['smart']}{first}"
    ws.conditional_formatting.add(rng("smart"), FormulaRule(
        formula=[f'AND({smart}<>"",{smart}<>"{ctx.t("smart_ok")}")'],
        fill=PatternFill("solid", bgColor=S.WARN_FILL), font=Font(color=S.WARN_FONT)))
    ws.conditional_formatting.add(rng("smart"), FormulaRule(
        formula=[f'{smart}="{ctx.t("smart_ok")}"'],
        fill=PatternFill("solid", bgColor=S.GOOD_FILL), font=Font(color=S.GOOD_FONT)))
    ws.freeze_panes = f"C{first}"
    print_setup(ws, landscape=True, title_rows=f"{header}:{header}")
    protect(ws)
