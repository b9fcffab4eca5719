"""Paramètres / Settings: the company, the year, the tracking month and every drop-down list."""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from ...errors import InputError
from ..cells import put
from ..contract import FUNNEL_STAGES
from ._common import Context, print_setup, protect

ROLE = "settings"
FIRST = 5  # first item row of every list

#: (defined name, label key, cell format, validation) of the key/value block, column B from row 5.
VALUES = (
    ("PAC_Company", "set_company", None, None),
    ("PAC_Year", "set_year", "year", ("whole", 2000, 2100)),
    ("PAC_Currency", "set_currency", None, None),
    ("PAC_FirstMonth", "set_first_month", None, ("whole", 1, 12)),
    ("PAC_Month", "set_month", None, ("whole", 1, 12)),
    ("PAC_AsOfInput", "set_as_of_input", "date", ("date", 36526, 73051)),
    ("PAC_AsOf", "set_as_of", "date", None),
    ("PAC_ABC_A", "set_abc_a", "pct", ("decimal", 0.01, 1)),
    ("PAC_ABC_B", "set_abc_b", "pct", ("decimal", 0.01, 1)),
)

#: (defined name, settings attribute, header key, column, capacity) of the lists.
LISTS = (
    ("PAC_Owners", "owners", "list_owners", 4, 20),
    ("PAC_Categories", "categories", "list_categories", 5, 12),
    ("PAC_Levers", "levers", "list_levers", 6, 8),
    ("PAC_Statuses", "statuses", "list_statuses", 7, 5),
    ("PAC_BudgetCategories", "budget_categories", "list_budget_categories", 8, 12),
    ("PAC_KPIKinds", None, "list_kpi_kinds", 9, 4),
)
STAGE_COL, RATE_COL = 11, 12


def build(ctx: Context) -> None:
    ws = ctx.sheet(ROLE)
    s, st = ctx.settings, ctx.st
    ctx.heading(ws, "settings_title", "settings_help")

    ws.cell(row=4, column=1, value=ctx.t("set_section_company"))
    ws.cell(row=4, column=2, value=ctx.t("set_value"))
    for c in (1, 2):
        st.header(ws.cell(row=4, column=c))
    values = {
        "PAC_Company": s.company or None,
        "PAC_Year": s.year,
        "PAC_Currency": s.currency,
        "PAC_FirstMonth": s.first_month,
        "PAC_Month": s.tracking_month,
        "PAC_AsOfInput": s.as_of,
        # twin of calc.dates.as_of_date: the typed date, else the last day of the tracking month
        "PAC_AsOf": ('=IF(ISNUMBER(PAC_AsOfInput),PAC_AsOfInput,IF(ISNUMBER(PAC_Month),'
                     'DATE(PAC_Year,PAC_FirstMonth+PAC_Month,0),""))'),
        "PAC_ABC_A": s.abc_a,
        "PAC_ABC_B": s.abc_b,
    }
    for i, (name, key, fmt, check) in enumerate(VALUES):
        r = FIRST + i
        label = ws.cell(row=r, column=1, value=ctx.t(key))
        st.label(label)
        if name == "PAC_AsOf":  # a formula (the one cell of this block pacxl computes)
            cell = ws.cell(row=r, column=2, value=values[name])
            st.computed(cell, fmt, bold=True)
        else:
            cell = put(ws, r, 2, values[name])
            st.input(cell, None if fmt == "year" else fmt)
        if fmt == "year":
            cell.number_format = "0"
        ctx.name(name, ROLE, f"B{r}")
        if check:
            kind, lo, hi = check
            ctx.value_validation(ws, f"B{r}", kind, key, lo, hi)
    r = FIRST + len(VALUES) + 1
    note = ws.cell(row=r, column=1, value=ctx.t("set_month_note"))
    st.subtitle(note)
    note.alignment = st.wrap
    ws.merge_cells(start_row=r, start_column=1, end_row=r + 2, end_column=2)

    kinds = ctx.t_list("kpi_kinds")
    for name, attr, header_key, col, cap in LISTS:
        items = list(getattr(s, attr)) if attr else kinds
        _list_column(ctx, ws, name, header_key, col, cap, items, locked=attr is None)
    for col, key in ((7, "set_order_note"), (9, "set_order_note")):
        c = ws.cell(row=FIRST + (5 if col == 7 else 4), column=col, value=ctx.t(key))
        st.small(c)

    # funnel stages (6) and the rate from each stage to the next (5)
    for col, key in ((STAGE_COL, "list_funnel_stages"), (RATE_COL, "list_funnel_rates")):
        st.header(ws.cell(row=4, column=col, value=ctx.t(key)))
    for i in range(FUNNEL_STAGES):
        r = FIRST + i
        stage = s.funnel_stages[i] if i < len(s.funnel_stages) else None
        st.input(put(ws, r, STAGE_COL, stage))
        if i < FUNNEL_STAGES - 1:
            rate = s.funnel_rates[i] if i < len(s.funnel_rates) else None
            st.input(ws.cell(row=r, column=RATE_COL, value=rate), "pct")
    ctx.name("PAC_FunnelStages", ROLE, f"{get_column_letter(STAGE_COL)}{FIRST}:"
             f"{get_column_letter(STAGE_COL)}{FIRST + FUNNEL_STAGES - 1}")
    rates = f"{get_column_letter(RATE_COL)}{FIRST}:{get_column_letter(RATE_COL)}{FIRST + FUNNEL_STAGES - 2}"
    ctx.name("PAC_FunnelRates", ROLE, rates)
    ctx.value_validation(ws, rates, "decimal", "list_funnel_rates", 0.0001, 1)
    st.small(ws.cell(row=FIRST + FUNNEL_STAGES, column=STAGE_COL, value=ctx.t("set_funnel_note")))

    widths = {1: 40, 2: 18, 3: 2, 4: 18, 5: 16, 6: 20, 7: 14, 8: 24, 9: 11, 10: 2, 11: 26, 12: 16}
    for c, w in widths.items():
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.row_dimensions[4].height = 32
    ws.freeze_panes = "A5"
    print_setup(ws, landscape=True, fit_height=1)
    protect(ws)


def _list_column(ctx: Context, ws, name: str, header_key: str, col: int, cap: int, items: list,
                 locked: bool) -> None:
    st = ctx.st
    if len([x for x in items if x not in (None, "")]) > cap:
        # the Settings sheet has room for `cap` entries; dropping the others would lose work
        raise InputError(
            f"settings: {ctx.t(header_key)} has {len(items)} entries; the workbook holds at most {cap}",
                fr=f"paramètres : {ctx.t(header_key)} a {len(items)} entrées ; le classeur en contient au plus {cap}"
        )
    st.header(ws.cell(row=4, column=col, value=ctx.t(header_key)))
    for i in range(cap):
        cell = put(ws, FIRST + i, col, items[i] if i < len(items) else None)
        if locked:
            st.computed(cell)
        else:
            st.input(cell)
    letter = get_column_letter(col)
    ctx.name(name, ROLE, f"{letter}{FIRST}:{letter}{FIRST + cap - 1}")
