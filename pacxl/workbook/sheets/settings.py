"""Paramètres / Settings: the company, the year, the tracking month and every drop-down list."""

from __future__ import annotations

from openpyxl.utils import get_column_letter


from ...calc import workdays
from ...errors import InputError
from ..cells import put
from ..contract import FUNNEL_STAGES, MONTHS
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
STAGE_COL, RATE_COL, LAG_COL = 11, 12, 13
#: Follow-and-adjust block: plan month, seasonality typed, seasonality used, working days...
MONTH_COL, SEASON_IN_COL, SEASON_COL, WORKDAYS_COL = 15, 16, 17, 18
#: ... and the public holidays (date, name), HOLIDAYS rows.
HOLIDAY_COL, HOLIDAY_LABEL_COL, HOLIDAYS = 20, 21, 30


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
    r = _customer_settings(ctx, ws, FIRST + len(VALUES)) + 1
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
    for col, key in ((STAGE_COL, "list_funnel_stages"), (RATE_COL, "list_funnel_rates"),
                     (LAG_COL, "set_lags")):
        st.header(ws.cell(row=4, column=col, value=ctx.t(key)))
    for i in range(FUNNEL_STAGES):
        r = FIRST + i
        stage = s.funnel_stages[i] if i < len(s.funnel_stages) else None
        st.input(put(ws, r, STAGE_COL, stage))
        lag = s.funnel_lags[i] if i < len(s.funnel_lags) else None
        st.input(ws.cell(row=r, column=LAG_COL, value=lag), "int")
        if i < FUNNEL_STAGES - 1:
            rate = s.funnel_rates[i] if i < len(s.funnel_rates) else None
            st.input(ws.cell(row=r, column=RATE_COL, value=rate), "pct")
    ctx.name("PAC_FunnelStages", ROLE, f"{get_column_letter(STAGE_COL)}{FIRST}:"
             f"{get_column_letter(STAGE_COL)}{FIRST + FUNNEL_STAGES - 1}")
    rates = f"{get_column_letter(RATE_COL)}{FIRST}:{get_column_letter(RATE_COL)}{FIRST + FUNNEL_STAGES - 2}"
    ctx.name("PAC_FunnelRates", ROLE, rates)
    ctx.value_validation(ws, rates, "decimal", "list_funnel_rates", 0.0001, 1)
    lags = f"{get_column_letter(LAG_COL)}{FIRST}:{get_column_letter(LAG_COL)}{FIRST + FUNNEL_STAGES - 1}"
    ctx.name("PAC_FunnelLags", ROLE, lags)
    ctx.value_validation(ws, lags, "whole", "set_lags", 0, 24)
    st.small(ws.cell(row=FIRST + FUNNEL_STAGES, column=STAGE_COL, value=ctx.t("set_funnel_note")))
    _follow_up(ctx, ws)

    widths = {1: 40, 2: 18, 3: 2, 4: 18, 5: 16, 6: 20, 7: 14, 8: 24, 9: 11, 10: 2, 11: 26, 12: 16,
              13: 14, 14: 2, 15: 13, 16: 15, 17: 15, 18: 11, 19: 2, 20: 12, 21: 24}
    for c, w in widths.items():
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.row_dimensions[4].height = 45  # three lines of header text
    ws.freeze_panes = "A5"
    print_setup(ws, landscape=True, fit_height=1)
    protect(ws)


def _customer_settings(ctx: Context, ws, r: int) -> int:
    """The ABC basis (a drop-down of two words) and the coverage plan's visits per customer and
    year of class A, B, C (``PAC_CoverageVisits``), from row ``r``; returns the next free row."""
    from ...calc.customers import basis_word

    s, st = ctx.settings, ctx.st
    st.label(ws.cell(row=r, column=1, value=ctx.t("set_abc_basis")))
    words = [basis_word(b, ctx.lang) for b in ("revenue", "margin")]
    cell = put(ws, r, 2, basis_word(s.abc_basis, ctx.lang))
    st.input(cell)
    ctx.name("PAC_ABCBasis", ROLE, f"B{r}")
    ctx.list_validation(ws, f"B{r}", "", "set_abc_basis", values=words)
    visits = list(s.coverage_visits) + [None] * 3
    for i, cls in enumerate("ABC"):
        row = r + 1 + i
        st.label(ws.cell(row=row, column=1, value=ctx.t("set_visits", cls=cls)))
        st.input(ws.cell(row=row, column=2, value=visits[i]), "decimal")
    ctx.name("PAC_CoverageVisits", ROLE, f"B{r + 1}:B{r + 3}")
    ctx.value_validation(ws, f"B{r + 1}:B{r + 3}", "decimal", "set_visits_what", 0, 10000)
    return r + 4


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


def _follow_up(ctx: Context, ws) -> None:
    """Seasonality (typed, used), working days of each plan month and the holiday list."""
    s, st = ctx.settings, ctx.st
    L = get_column_letter
    for col, key in ((MONTH_COL, "set_season_month"), (SEASON_IN_COL, "set_season_typed"),
                     (SEASON_COL, "set_season_used"), (WORKDAYS_COL, "set_working_days"),
                     (HOLIDAY_COL, "set_holidays"), (HOLIDAY_LABEL_COL, "set_holiday_label")):
        st.header(ws.cell(row=4, column=col, value=ctx.t(key)))
    last = FIRST + MONTHS - 1
    typed = f"{L(SEASON_IN_COL)}{FIRST}:{L(SEASON_IN_COL)}{last}"
    ctx.name("PAC_SeasonalityInput", ROLE, typed)
    ctx.name("PAC_Seasonality", ROLE, f"{L(SEASON_COL)}{FIRST}:{L(SEASON_COL)}{last}")
    ctx.name("PAC_WorkingDays", ROLE, f"{L(WORKDAYS_COL)}{FIRST}:{L(WORKDAYS_COL)}{last}")
    hol_last = FIRST + HOLIDAYS - 1
    ctx.name("PAC_Holidays", ROLE, f"{L(HOLIDAY_COL)}{FIRST}:{L(HOLIDAY_COL)}{hol_last}")
    weights = list(s.seasonality) + [None] * MONTHS
    t_in = f"${L(SEASON_IN_COL)}${FIRST}:${L(SEASON_IN_COL)}${last}"
    for k in range(1, MONTHS + 1):
        r = FIRST + k - 1
        st.computed(ws.cell(row=r, column=MONTH_COL, value=ctx.months[k - 1]))
        st.input(ws.cell(row=r, column=SEASON_IN_COL, value=weights[k - 1]), "pct")
        # twin of calc.seasonality.used_profile: typed (as % when they add up to 100), else last
        # year's monthly revenue shares when its 12 months are figures, none negative, else flat
        ws.cell(row=r, column=SEASON_COL, value=(
            f"=IF(COUNT({t_in})>0,N({L(SEASON_IN_COL)}{r})/IF(ABS(SUM({t_in})-100)<=0.1,100,1),"
            f"IF(AND(COUNT(PAC_RevenueN1)=12,COUNTIF(PAC_RevenueN1,\"<0\")=0,SUM(PAC_RevenueN1)>0),"
            f"INDEX(PAC_RevenueN1,{k})/SUM(PAC_RevenueN1),1/12))"))
        st.computed(ws.cell(row=r, column=SEASON_COL), "pct")
        # twin of calc.workdays.working_days over the plan month
        ws.cell(row=r, column=WORKDAYS_COL, value=(
            f"=NETWORKDAYS(DATE(PAC_Year,PAC_FirstMonth+{k - 1},1),DATE(PAC_Year,PAC_FirstMonth+{k},0),"
            "PAC_Holidays)"))
        st.computed(ws.cell(row=r, column=WORKDAYS_COL), "int")
    tot = last + 1
    st.label(ws.cell(row=tot, column=MONTH_COL, value=ctx.t("set_total")))
    for col, fmt in ((SEASON_IN_COL, "pct"), (SEASON_COL, "pct"), (WORKDAYS_COL, "int")):
        c = L(col)
        ws.cell(row=tot, column=col, value=f"=SUM({c}{FIRST}:{c}{last})")
        st.computed(ws.cell(row=tot, column=col), fmt, bold=True)
    ctx.value_validation(ws, typed, "decimal", "set_season_typed", 0, 100)
    note = ws.cell(row=tot + 1, column=MONTH_COL, value=ctx.t("set_season_note"))
    st.small(note)
    note.alignment = st.wrap
    ws.merge_cells(start_row=tot + 1, start_column=MONTH_COL, end_row=tot + 4, end_column=WORKDAYS_COL)

    if s.holidays:
        days = [(d, "") for d in sorted(s.holidays)]
    else:
        days = [(d, ctx.t(f"hol_{key}")) for d, key in workdays.plan_holidays(s.year, s.first_month)]
    if len(days) > HOLIDAYS:
        raise InputError(f"settings: {len(days)} holidays given; the workbook holds at most {HOLIDAYS}",
                         fr=f"Paramètres : {len(days)} jours fériés donnés ; le classeur en tient au plus {HOLIDAYS}")
    for i in range(HOLIDAYS):
        r = FIRST + i
        day, label = days[i] if i < len(days) else (None, None)
        st.input(ws.cell(row=r, column=HOLIDAY_COL, value=day), "date")
        st.input(put(ws, r, HOLIDAY_LABEL_COL, label or None))
    ctx.value_validation(ws, f"{L(HOLIDAY_COL)}{FIRST}:{L(HOLIDAY_COL)}{hol_last}", "date",
                         "set_holidays", 36526, 73051)
    st.small(ws.cell(row=hol_last + 1, column=HOLIDAY_COL, value=ctx.t("set_holidays_note")))
