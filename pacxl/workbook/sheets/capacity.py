"""The team dashboard's load block (issue 15): per salesperson of tblTeam, the meetings per week
they can hold, those their share of the funnel and the coverage plan needs, and the load, read
from tblTeam's capacity columns (twins of :mod:`pacxl.calc.team_capacity`); a load above 100 %
shows red. Only a team plan (a plan with salespeople in tblTeam) has it."""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font

from ..contract import column_name
from ._common import Context

KEYS = ("salesperson", "meetings_per_week", "need_per_week", "load")
FORMATS = (None, "decimal", "decimal", "pct")


def load_block(ctx: Context, ws, top: int) -> int | None:
    """Write the block from row ``top`` (section title) on the Dashboard; its last row, or None
    when the plan has no team."""
    n = len([m for m in ctx.plan.team if str(m.salesperson).strip()])
    if not n:
        return None
    st = ctx.st
    st.section(ws.cell(row=top, column=1, value=ctx.t("db_load")))
    header = top + 1
    for c, key in enumerate(("db_load_person", "db_load_capacity", "db_load_need", "db_load_pct"), start=1):
        st.header(ws.cell(row=header, column=c, value=ctx.t(key)))
    ws.row_dimensions[header].height = 30
    rows = len(ctx.plan.team)
    for i in range(1, rows + 1):
        r = header + i
        for c, (key, fmt) in enumerate(zip(KEYS, FORMATS), start=1):
            ref = f"INDEX({column_name('tblTeam', key)},{i})"
            test = f'{ref}=""' if key == "salesperson" else f"NOT(ISNUMBER({ref}))"
            st.computed(ws.cell(row=r, column=c, value=f'=IF({test},"",{ref})'), fmt, bold=key == "load")
    last = header + rows
    ws.conditional_formatting.add(
        f"D{header + 1}:D{last}",
        FormulaRule(formula=[f"AND(ISNUMBER(D{header + 1}),ROUND(D{header + 1},9)>1)"],
                    font=Font(bold=True, color="C00000")))
    return last
