"""Calendrier / Calendar: one line per action, a month-by-month grid coloured by conditional
formatting from the action's dates, and the year's key dates (trade fairs, seasons).

The grid reads tblActions through its column names; :func:`resize` gives it one line per table
row whenever :func:`pacxl.workbook.tables.write_rows` resizes the action table.
"""

from __future__ import annotations

from copy import copy

from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

from .. import styles as S
from ..cells import put
from ..i18n import month_label_formula
from ..contract import MONTHS, SHEETS, STATUS_CANCELLED, STATUS_DONE, TABLES, column_name
from ..styles import Styles
from ._common import Context, print_setup, protect

ROLE = "calendar"
HEADER = 4
FIRST = HEADER + 1
#: (actions column, calendar column, format) of the action's details shown left of the grid
DETAILS = (("id", 1, None), ("action", 2, None), ("owner", 3, None), ("start", 4, "date"),
           ("end", 5, "date"), ("status", 6, None))
GRID = 7  # first month column (G)
KEY_COL = GRID + MONTHS + 1  # key dates: date column, label column after it


def _start(offset, day: int = 1) -> str:
    """The first day of plan month ``offset`` (0: the first month; a formula offset allowed);
    ``day`` 0: the last day of the month before."""
    return f"DATE(PAC_Year,PAC_FirstMonth+{offset},{day})"


def build(ctx: Context) -> None:
    ws = ctx.sheet(ROLE)
    st = ctx.st
    ctx.heading(ws, "calendar_title", "calendar_help")
    heads = ("ca_id", "ca_action", "ca_owner", "ca_start", "ca_end", "ca_status")
    for c, key in enumerate(heads, start=1):
        st.header(ws.cell(row=HEADER, column=c, value=ctx.t(key)))
    st.label(ws.cell(row=3, column=GRID - 1, value=ctx.t("ca_key_dates_row")))
    for j in range(MONTHS):
        c = GRID + j
        L = get_column_letter(c)
        # the month's name from the i18n table (never a locale-dependent MMM format), computed
        # from Settings' year and first month
        cell = ws.cell(row=HEADER, column=c, value="=" + month_label_formula(ctx.lang, _start(j), "CHAR(10)"))
        st.header(cell)
        dates = f'PAC_KeyDates,">="&{_start(j)},PAC_KeyDates,"<="&{_start(j + 1, 0)}'
        mark = ws.cell(row=3, column=c, value=f'=IF(COUNTIFS({dates})=0,"","◆ "&COUNTIFS({dates}))')
        st.computed(mark)
        mark.alignment = st.center
        ws.column_dimensions[L].width = 7.5

    # key dates
    kd, kl = get_column_letter(KEY_COL), get_column_letter(KEY_COL + 1)
    st.header(ws.cell(row=HEADER, column=KEY_COL, value=ctx.t("ca_key_date")))
    st.header(ws.cell(row=HEADER, column=KEY_COL + 1, value=ctx.t("ca_key_label")))
    dates = sorted((k for k in ctx.plan.key_dates), key=lambda k: (k.date is None, k.date or 0))
    cap = max(20, len(dates) + 5)
    for i in range(cap):
        r = FIRST + i
        k = dates[i] if i < len(dates) else None
        st.input(ws.cell(row=r, column=KEY_COL, value=k.date if k else None), "date")
        st.input(put(ws, r, KEY_COL + 1, (k.label or None) if k else None))
    ctx.name("PAC_KeyDates", ROLE, f"{kd}{FIRST}:{kd}{FIRST + cap - 1}")
    ctx.name("PAC_KeyDateLabels", ROLE, f"{kl}{FIRST}:{kl}{FIRST + cap - 1}")
    ctx.value_validation(ws, f"{kd}{FIRST}:{kd}{FIRST + cap - 1}", "date", "dv_date", 36526, 73051)

    for c, w in zip(range(1, GRID), (7, 36, 13, 11.5, 11.5, 12)):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.column_dimensions[get_column_letter(KEY_COL - 1)].width = 3
    ws.column_dimensions[kd].width = 12
    ws.column_dimensions[kl].width = 34
    ws.row_dimensions[HEADER].height = 30
    ws.freeze_panes = f"C{FIRST}"
    print_setup(ws, landscape=True, title_rows=f"{HEADER}:{HEADER}")
    protect(ws)


def resize(wb, lang: str, first: int, last: int) -> None:
    """One calendar line per row of tblActions (rows ``first..last`` of the action table)."""
    ws = wb[SHEETS[ROLE][lang]]
    st = Styles("EUR", lang)
    n = last - first + 1
    end = FIRST + n - 1
    grid_look = None
    for i in range(1, n + 1):
        r = FIRST + i - 1
        for key, c, fmt in DETAILS:
            name = column_name("tblActions", key)
            if fmt == "date":
                f = f'=IF(ISNUMBER(INDEX({name},{i})),INDEX({name},{i}),"")'
            else:
                f = f'=IF(INDEX({name},{i})="","",INDEX({name},{i}))'
            cell = ws.cell(row=r, column=c, value=f)
            st.computed(cell, fmt)
        for j in range(MONTHS):
            cell = ws.cell(row=r, column=GRID + j)
            if grid_look is None:
                cell.border = S.CELL_BORDER
                cell.protection = S.LOCKED
                grid_look = copy(cell._style)
            else:
                cell._style = copy(grid_look)
    for r in range(end + 1, ws.max_row + 1):
        for c in range(1, GRID + MONTHS):
            ws._cells.pop((r, c), None)

    g0, g1 = get_column_letter(GRID), get_column_letter(GRID + MONTHS - 1)
    grid = f"{g0}{FIRST}:{g1}{end}"
    k = f"COLUMN({g0}{FIRST})-{GRID}"  # the grid column's plan month, 0-based
    inside = (f"AND(ISNUMBER($D{FIRST}),ISNUMBER($E{FIRST}),$D{FIRST}<={_start(k + '+1', 0)},"
              f"$E{FIRST}>={_start(k)})")
    cf = ConditionalFormattingList()
    cancelled = f"$F{FIRST}=INDEX(PAC_Statuses,{STATUS_CANCELLED + 1})"
    cf.add(grid, FormulaRule(formula=[f"AND({inside},{cancelled})"],
                             fill=PatternFill("solid", bgColor="D9D9D9"), stopIfTrue=True))
    cf.add(grid, FormulaRule(formula=[f"AND({inside},$F{FIRST}=INDEX(PAC_Statuses,{STATUS_DONE + 1}))"],
                             fill=PatternFill("solid", bgColor=S.BAR_DONE_FILL), stopIfTrue=True))
    cf.add(grid, FormulaRule(formula=[inside], fill=PatternFill("solid", bgColor=S.BAR_FILL),
                             stopIfTrue=True))
    cf.add(f"{g0}3:{g1}3", FormulaRule(formula=[f'{g0}$3<>""'],
                                        fill=PatternFill("solid", bgColor=S.KEYDATE_FILL)))
    ws.conditional_formatting = cf
    kl = get_column_letter(KEY_COL + 1)
    key_last = FIRST
    if "PAC_KeyDates" in wb.defined_names:
        key_last = int(wb.defined_names["PAC_KeyDates"].attr_text.rsplit("$", 1)[1])
    ws.print_area = f"A1:{kl}{max(end, key_last)}"


def shown_texts(wb, lang: str) -> dict[tuple[int, int], str]:
    """(row, column) -> the text a calendar detail cell shows once computed: the action table's
    cell it copies (for :func:`pacxl.workbook.fit.fit_workbook`)."""
    from ._common import HEADER_ROW

    actions = wb[SHEETS["actions"][lang]]
    spec = TABLES["tblActions"]
    out = {}
    first = HEADER_ROW["tblActions"] + 1
    for i, r in enumerate(range(first, actions.max_row + 1)):
        for key, c, fmt in DETAILS:
            if fmt == "date":
                continue
            v = actions.cell(row=r, column=spec.index(key) + 1).value
            if isinstance(v, str) and v and not v.startswith("="):
                out[(FIRST + i, c)] = v
    return out
