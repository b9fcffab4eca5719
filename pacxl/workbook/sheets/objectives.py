"""Objectifs / Objectives: SMART objectives, each with its KPI, target, deadline and owner."""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule, Rule
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.styles.numbers import NumberFormat
from openpyxl.utils import get_column_letter

from .. import styles as S
from ..contract import OBJECTIVES, column_name
from ._common import Context, fit_rows, model_row, print_setup, protect

ROLE = "objectives"
TABLE = "tblObjectives"


def build(ctx: Context) -> None:
    ws = ctx.sheet(ROLE)
    ctx.heading(ws, "objectives_title", "objectives_help")
    rows = [model_row(o, TABLE) for o in ctx.plan.objectives]
    formats = {"id": "id", "target": "int", "initial_target": "int", "deadline": "date", "landing": "int",
               "h_kpi": "int", "h_until": "int", "h_num": "int", "h_den": "int"}
    widths = {"id": 7, "objective": 40, "kpi": 22, "target": 12, "unit": 10, "achievable": 30,
              "relevant": 30, "deadline": 12, "owner": 14, "status": 12, "smart": 22,
              "initial_target": 12, "landing": 16, "on_track": 12}
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
    track = f"{L['on_track']}{first}"
    for word, fill, font in ((ctx.t("on_track_yes"), S.GOOD_FILL, S.GOOD_FONT),
                             (ctx.t("on_track_no"), S.BAD_FILL, S.BAD_FONT)):
        ws.conditional_formatting.add(rng("on_track"), FormulaRule(
            formula=[f'{track}="{word}"'], fill=PatternFill("solid", bgColor=fill), font=Font(color=font)))
    # rate targets and landings read as percentages: unit "%" or a rate KPI
    pct = DifferentialStyle(numFmt=NumberFormat(numFmtId=301, formatCode="0.0%"))
    unit, k = f"${L['unit']}{first}", f"${L['h_kpi']}{first}"
    is_rate = (f'OR(TRIM({unit})="%",IF(ISNUMBER({k}),INDEX({column_name("tblKPI", "kind")},{k})'
               f'=INDEX(PAC_KPIKinds,4),FALSE))')
    for key in ("target", "initial_target", "landing"):
        ws.conditional_formatting.add(rng(key), Rule(type="expression", formula=[is_rate], dxf=pct))
        ws.conditional_formatting.add(rng(key), S.fraction_rule(f"{L[key]}{first}", 302))
    # helper columns: grouped and hidden (expand the group to see them)
    ws.column_dimensions.group(L["h_kpi"], L["h_den"], hidden=True, outline_level=1)
    ws.freeze_panes = f"C{first}"
    print_setup(ws, landscape=True, title_rows=f"{header}:{header}")
    protect(ws)
