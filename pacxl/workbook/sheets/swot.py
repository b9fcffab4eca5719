"""SWOT: strengths, weaknesses, opportunities, threats, EMOFF's environment, and the questions of
the value proposition (competitive advantage, differentiation, why us)."""

from __future__ import annotations

from openpyxl.styles import PatternFill

from ..cells import put
from ..i18n import VALUE_QUESTIONS
from ._common import Context, print_setup, protect, text_height

ROLE = "swot"
QUADRANT_FILLS = {"strengths": "E2EFDA", "weaknesses": "FCE4D6", "opportunities": "DDEBF7",
                  "threats": "FFF2CC", "environment": "EDEDED"}


def build(ctx: Context) -> None:
    ws = ctx.sheet(ROLE)
    st = ctx.st
    sw = ctx.plan.swot
    ctx.heading(ws, "swot_title", "swot_help")
    rows = max(6, *(len(getattr(sw, k)) + 1 for k in ("strengths", "weaknesses", "opportunities", "threats")))
    r = 4
    for left, right in (("strengths", "weaknesses"), ("opportunities", "threats")):
        for col, key in ((1, left), (3, right)):
            cell = ws.cell(row=r, column=col, value=ctx.t("sw_" + key))
            st.section(cell)
            cell.fill = PatternFill("solid", fgColor=QUADRANT_FILLS[key])
            items = getattr(sw, key)
            for i in range(rows):
                st.input(put(ws, r + 1 + i, col, items[i] if i < len(items) else None),
                         wrap=True)
        for i in range(rows):
            pair = [getattr(sw, k)[i] for k in (left, right) if i < len(getattr(sw, k))]
            if pair:
                ws.row_dimensions[r + 1 + i].height = text_height([(t, 60) for t in pair])
        r += rows + 2
    # EMOFF: the environment (market, regulation, technology...)
    cell = ws.cell(row=r, column=1, value=ctx.t("sw_environment"))
    st.section(cell)
    cell.fill = PatternFill("solid", fgColor=QUADRANT_FILLS["environment"])
    env = sw.environment
    for i in range(max(4, len(env) + 1)):
        r += 1
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
        st.input(put(ws, r, 1, env[i] if i < len(env) else None), wrap=True)
        if i < len(env):
            ws.row_dimensions[r].height = text_height([(env[i], 120)])
    r += 2
    st.section(ws.cell(row=r, column=1, value=ctx.t("sw_value_proposition")))
    st.subtitle(ws.cell(row=r + 1, column=1, value=ctx.t("sw_value_help")))
    r += 2
    answers = dict(sw.value_proposition)
    keys = list(VALUE_QUESTIONS) + [k for k in answers if k not in VALUE_QUESTIONS]
    for key in keys:
        q = VALUE_QUESTIONS[key][ctx.lang] if key in VALUE_QUESTIONS else key
        st.label(put(ws, r, 1, q), wrap=True)
        st.input(put(ws, r, 3, answers.get(key) or None), wrap=True)
        ws.row_dimensions[r].height = max(30, text_height([(answers.get(key), 60), (q, 60)]))
        r += 1
    ws.column_dimensions["A"].width = 60
    ws.column_dimensions["B"].width = 2
    ws.column_dimensions["C"].width = 60
    print_setup(ws, landscape=False)
    protect(ws)
