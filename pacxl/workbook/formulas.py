"""Native formulas: the spreadsheet twin of each :mod:`pacxl.calc` function.

Every formula here uses classic functions only (IF, SUM, SUMIF(S), COUNT(IF(S)), SUMPRODUCT,
INDEX, ROUND, ROUNDUP...), so the workbook computes in Excel 2010+, LibreOffice and Google Sheets
with nothing installed. Blanks stay blanks: a formula shows ``""`` where calc returns ``None``.

* :func:`computed_columns` gives, per table, a function ``(row, first, last) -> formula`` for each
  computed column of the contract; :func:`pacxl.workbook.tables.write_rows` writes them.
* The other functions give the formulas of single cells (funnel volumes, deals to sign, ABC
  totals, ...), used by the sheet builders.

The twins (tests recalculate the workbook in LibreOffice and compare with calc):

=====================================  ==================================================
native formula                         calc function
=====================================  ==================================================
``funnel_volume``, ``per_period``      :func:`pacxl.calc.funnel.required_volumes`, ``per_period``
``deals_target``                       :func:`pacxl.calc.funnel.deals_for_revenue`
tblCustomers share/prior/cum/abc       :func:`pacxl.calc.pareto.abc_classes` (see :mod:`.formulas_customers`)
tblKPI plan_ytd/actual_ytd             :func:`pacxl.calc.variance.year_to_date`
tblKPI variance, variance_pct          :func:`pacxl.calc.variance.variance`, ``variance_pct``
tblKPI landing, run_rate               :func:`pacxl.calc.variance.landing_forecast`, ``run_rate_forecast``
tblKPI status                          :func:`pacxl.calc.variance.favourable`
tblBudget total/plan_ytd/variance      ``year_to_date(months, 12)``, ``year_to_date``, ``variance``
tblKPI catch-up columns                :mod:`pacxl.workbook.formulas_followup`
tblKPI initial_year                    :func:`pacxl.calc.revisions.initial_kpi_year`
tblObjectives initial_target           :func:`pacxl.calc.revisions.initial_target`
tblBudget initial_total                :func:`pacxl.calc.revisions.initial_budget_total`
tblPipeline, Pipeline sheet            :mod:`pacxl.workbook.formulas_pipeline`
=====================================  ==================================================
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from openpyxl.utils import get_column_letter

from . import contract
from .contract import TABLES, column_name
from .i18n import text

#: The row above a month table's header holds the plan month numbers 1..12 (used by the YTD
#: formulas' SUMIFS and shown to the user as "month of the plan").
Formula = Callable[[int, int, int], str]


def _q(s: str) -> str:
    """A string literal for a formula."""
    return '"' + s.replace('"', '""') + '"'


class Geometry:
    """Where a table sits: its first column and header row; column letters by contract key
    (``cols``: key -> sheet column as :func:`pacxl.workbook.columns.column_map` found them; by
    default the contract's order from ``first_col``)."""

    def __init__(self, table_name: str, first_col: int = 1, header_row: int = 4,
                 cols: Mapping[str, int] | None = None):
        self.table = TABLES[table_name]
        self.first_col = first_col
        self.header_row = header_row
        if cols is None:
            cols = {key: first_col + i for i, key in enumerate(self.table.keys())}
        self.letters = {key: get_column_letter(cols[key]) for key in self.table.keys()}

    def __getitem__(self, key: str) -> str:
        return self.letters[key]

    def name(self, key: str) -> str:
        return column_name(self.table.name, key)


def _kind_is(cell: str, position: int) -> str:
    """True when a KPI kind cell holds the ``position``-th word of PAC_KPIKinds (1-based)."""
    return f"{cell}=INDEX(PAC_KPIKinds,{position})"


# --- tblObjectives -------------------------------------------------------------------------------

def _objectives(g: Geometry, lang: str) -> dict[str, Formula]:
    """SMART check, and the twins of :func:`pacxl.calc.kpi.measuring_kpi`,
    :func:`pacxl.calc.dates.deadline_month`, :func:`pacxl.calc.kpi.landing_until` and
    :func:`pacxl.calc.kpi.on_track`. A qualitative objective (no KPI, no numeric target) is
    complete without M and has no landing."""
    c = g.letters
    first, last = c["id"], c["status"]
    ok = _q(text("smart_ok", lang))
    qualitative = _q(text("smart_qualitative", lang))
    missing_word = _q(text("smart_missing", lang) + " ")
    fav, unfav = _q(text("on_track_yes", lang)), _q(text("on_track_no", lang))
    kpi_ids = column_name("tblKPI", "id")

    def smart(r: int, _f: int, _l: int) -> str:
        qual = f'AND({c["kpi"]}{r}="",NOT(ISNUMBER({c["target"]}{r})))'
        miss = (
            f'IF({c["objective"]}{r}="","S ","")'
            f'&IF(AND(NOT({qual}),OR({c["kpi"]}{r}="",NOT(ISNUMBER({c["target"]}{r})))),"M ","")'
            f'&IF({c["achievable"]}{r}="","A ","")'
            f'&IF({c["relevant"]}{r}="","R ","")'
            f'&IF(NOT(ISNUMBER({c["deadline"]}{r})),"T","")'
        )
        return (
            f'=IF(COUNTA({first}{r}:{last}{r})=0,"",IF({miss}="",IF({qual},{qualitative},{ok}),'
            f"{missing_word}&TRIM({miss})))"
        )

    def h_kpi(r, _f, _l):
        i, k = f'{c["id"]}{r}', f'{c["kpi"]}{r}'
        ids = column_name("tblKPI", "objective_id")
        by_id = f'IF({i}="",NA(),IF(COUNTIF({ids},{i})=1,MATCH({i},{ids},0),NA()))'
        found = f'IF({k}="",{by_id},IFERROR(MATCH({k},{column_name("tblKPI", "name")},0),{by_id}))'
        return f'=IFERROR({found},"")'

    def h_until(r, _f, _l):
        d = f'{c["deadline"]}{r}'
        m = f"(YEAR({d})-PAC_Year)*12+MONTH({d})-PAC_FirstMonth+1"
        return f'=IF(ISNUMBER({d}),IF({m}<1,"",MIN({m},{contract.MONTHS})),{contract.MONTHS})'

    def helper_row(key):
        def f(r, _f, _l):
            k = f'{c["h_kpi"]}{r}'
            ref = f'INDEX({column_name("tblKPI", key)},{k})'
            return f'=IF(ISNUMBER({k}),IF({ref}="","",IFERROR(MATCH({ref},{kpi_ids},0),"")),"")'
        return f

    def landing(r, _f, _l):
        k, u = f'{c["h_kpi"]}{r}', f'{c["h_until"]}{r}'
        n, d = f'{c["h_num"]}{r}', f'{c["h_den"]}{r}'
        rate = f'INDEX({column_name("tblKPI", "kind")},{k})=INDEX(PAC_KPIKinds,4)'
        typed = (f'AND(INDEX({column_name("tblKPI", "numerator")},{k})<>"",'
                 f'INDEX({column_name("tblKPI", "denominator")},{k})<>"")')
        body = _landing(rate, f"AND({rate},{typed})", _kpi_row("p", k), _kpi_row("a", k), n, d,
                        "PAC_Month", u)
        return f'=IF(OR(PAC_Month="",NOT(ISNUMBER({k})),NOT(ISNUMBER({u}))),"",{body})'

    def on_track(r, _f, _l):
        lnd, t, k = f'{c["landing"]}{r}', f'{c["target"]}{r}', f'{c["h_kpi"]}{r}'
        cost = f'INDEX({column_name("tblKPI", "kind")},{k})=INDEX(PAC_KPIKinds,3)'
        return (f'=IF(AND(ISNUMBER({lnd}),ISNUMBER({t})),'
                f'IF(IF({cost},{lnd}<={t},{lnd}>={t}),{fav},{unfav}),"")')

    def initial_target(r, _f, _l):  # twin of calc.revisions.initial_target
        n, total = _baseline_sums("objective", f'TRIM({c["id"]}{r})')
        return f'=IF({n}=0,"",{total})'

    return {"smart": smart, "initial_target": initial_target, "landing": landing, "on_track": on_track, "h_kpi": h_kpi,
            "h_until": h_until, "h_num": helper_row("numerator"), "h_den": helper_row("denominator")}


# --- tblActions ----------------------------------------------------------------------------------

def _actions(g: Geometry, lang: str) -> dict[str, Formula]:
    """The alert column; "late" is the twin of :func:`pacxl.calc.dates.is_late` at ``PAC_AsOf``
    (no ``TODAY()``: a figure never depends on the day the file is opened)."""
    c = g.letters
    dates = _q(text("alert_dates", lang))
    late = _q(text("alert_late", lang))
    incomplete = _q(text("alert_incomplete", lang))
    # statuses 3 (done) and 5 (cancelled) close an action (contract.STATUS_DONE/CANCELLED + 1)
    done = f"INDEX(PAC_Statuses,{contract.STATUS_DONE + 1})"
    cancelled = f"INDEX(PAC_Statuses,{contract.STATUS_CANCELLED + 1})"

    def alert(r: int, _f: int, _l: int) -> str:
        # late first (whatever the other gaps, as the report counts it), then reversed dates,
        # then missing dates or owner
        s, e, st = f'{c["start"]}{r}', f'{c["end"]}{r}', f'{c["status"]}{r}'
        rest = (f"IF(AND(ISNUMBER({s}),ISNUMBER({e})),IF({e}<{s},{dates},"
                f'IF({c["owner"]}{r}="",{incomplete},"")),{incomplete})')
        is_late = f"IF(AND(ISNUMBER({e}),ISNUMBER(PAC_AsOf),{st}<>{done},{st}<>{cancelled}),{e}<PAC_AsOf,FALSE)"
        return (
            f'=IF(AND({c["id"]}{r}="",{c["action"]}{r}="",NOT(ISNUMBER({e}))),"",'
            f"IF({is_late},{late},{rest}))"
        )

    def budget(r: int, _f: int, _l: int) -> str:  # twin of calc.budget.action_budgets
        i = f'{c["id"]}{r}'
        return (f'=IF({i}="","",SUMIF({column_name("tblBudget", "action_id")},{i},'
                f'{column_name("tblBudget", "total")}))')

    return {"alert": alert, "budget": budget}


# --- month tables (budget, KPI) ------------------------------------------------------------------

def _months_range(g: Geometry, prefix: str, r: int | str) -> str:
    return f"{g[prefix + '01']}{r}:{g[prefix + '12']}{r}"


def _month_index(g: Geometry, prefix: str) -> str:
    """The absolute range of the plan-month numbers above a month block."""
    row = g.header_row - 1
    return f"{g[prefix + '01']}${row}:{g[prefix + '12']}${row}"


def _count_to_date(g: Geometry, prefix: str, r: int, op: str = "<=") -> str:
    return f"SUMPRODUCT(({_month_index(g, prefix)}{op}PAC_Month)*ISNUMBER({_months_range(g, prefix, r)}))"


def _sum_to_date(g: Geometry, prefix: str, r: int, op: str = "<=") -> str:
    return f'SUMIFS({_months_range(g, prefix, r)},{_month_index(g, prefix)},"{op}"&PAC_Month)'


def _ytd(g: Geometry, prefix: str, r: int, mean: str | None) -> str:
    """Twin of ``year_to_date(values, PAC_Month, how)``: blank without a month or a figure."""
    n = _count_to_date(g, prefix, r)
    s = _sum_to_date(g, prefix, r)
    value = s if mean is None else f"IF({mean},{s}/{n},{s})"
    return f'=IF(PAC_Month="","",IF({n}=0,"",{value}))'


def _budget(g: Geometry, lang: str) -> dict[str, Formula]:
    """Twins of :func:`pacxl.calc.budget.line_figures`: a blank spend on a planned line counts 0,
    so the totals row's variance is the sum of the lines' variances."""
    c = g.letters

    def total(r, _f, _l):  # year_to_date(months, 12): sum, blank without figures
        m = _months_range(g, "m", r)
        return f'=IF(COUNT({m})=0,"",SUM({m}))'

    def plan_ytd(r, _f, _l):
        return _ytd(g, "m", r, None)

    def var(r, _f, _l):  # (spent or 0) - (planned to date or 0); blank when both are blank
        a, p = f'{c["actual"]}{r}', f'{c["plan_ytd"]}{r}'
        return f'=IF(AND(NOT(ISNUMBER({a})),NOT(ISNUMBER({p}))),"",N({a})-N({p}))'

    def consumed(r, _f, _l):  # spent (blank: 0) / the year's total
        a, t = f'{c["actual"]}{r}', f'{c["total"]}{r}'
        return f'=IF(ISNUMBER({t}),IF({t}=0,"",N({a})/{t}),"")'

    def initial_total(r, _f, _l):  # twin of calc.revisions.initial_budget_total
        n, total = _baseline_sums("budget", f'TRIM({c["id"]}{r})')
        return f'=IF({n}=0,"",{total})'

    return {"total": total, "plan_ytd": plan_ytd, "variance": var, "consumed": consumed,
            "initial_total": initial_total}


# --- the baseline (tblBaseline, pacxl freeze) -----------------------------------------------------

def _baseline_mask(kind: str, item: str) -> str:
    """The rows of tblBaseline of item ``item`` (a cell, IDs as freeze writes them: trimmed;
    Excel's ``=`` ignores case) of kind objective, kpi or budget."""
    return f'({column_name("tblBaseline", "kind")}="{kind}")*({column_name("tblBaseline", "id")}={item})'


def _baseline_sums(kind: str, item: str) -> tuple[str, str]:
    """(count of figures, their sum) of an item's baseline rows (blanks and text count 0)."""
    mask, value = _baseline_mask(kind, item), column_name("tblBaseline", "value")
    return f"SUMPRODUCT({mask}*ISNUMBER({value}))", f"SUMPRODUCT({mask}*1,{value})"


def _no_formulas(g: Geometry, lang: str) -> dict[str, Formula]:
    return {}


#: The plan-month numbers 1..12 as an array constant: masks of month ranges in SUMPRODUCT.
_SEQ = "{" + ",".join(str(i) for i in range(1, contract.MONTHS + 1)) + "}"


def _rsum(rng: str, mask: str) -> str:
    """Sum of the figures of a 12-month row range under a month mask (text and blanks count 0)."""
    return f"SUMPRODUCT({mask}*1,{rng})"


def _rcount(rng: str, mask: str) -> str:
    """How many figures a 12-month row range holds under a month mask."""
    return f"SUMPRODUCT({mask}*ISNUMBER({rng}))"


def _kpi_row(prefix: str, k: str) -> str:
    """The 12 month cells (plan ``p`` or actual ``a``) of the tblKPI row at position ``k``."""
    return f"INDEX({column_name('tblKPI', prefix + '01')},{k}):INDEX({column_name('tblKPI', prefix + '12')},{k})"


def _masks(month: str, until: str | None) -> tuple[str, str]:
    """Month masks of the actuals (1..min(month, until)) and of the plan still to come
    (month+1..until); ``until`` None means the year's end."""
    if until is None:
        return f"({_SEQ}<={month})", f"({_SEQ}>{month})"
    return f"({_SEQ}<=MIN({month},{until}))", f"({_SEQ}>{month})*({_SEQ}<={until})"


def _ratio(num: tuple[str, str], den: tuple[str, str]) -> str:
    """Twin of :func:`pacxl.calc.kpi.ratio` of two (count, sum) pairs: blank when a side has no
    figure or the denominator is 0."""
    (cn, sn), (cd, sd) = num, den
    return f'IF(OR({cn}=0,{cd}=0),"",IF({sd}=0,"",({sn})/({sd})))'


def _sum_landing(plan: str, actual: str, month: str, until: str | None) -> tuple[str, str]:
    """(count of actuals, landing value) of a sum line: twin of ``landing_forecast(..., "sum")``."""
    ma, mp = _masks(month, until)
    return _rcount(actual, ma), f"{_rsum(actual, ma)}+{_rsum(plan, mp)}"


def _landing(kind_rate: str, ratio: str, plan: str, actual: str, num: str, den: str,
             month: str, until: str | None) -> str:
    """Twin of :func:`pacxl.calc.kpi.landing_until` (``until`` None: :func:`landing_forecast`).
    ``kind_rate``: the line is a rate; ``ratio``: it names its numerator and denominator (row
    positions ``num``/``den`` in tblKPI)."""
    ma, mp = _masks(month, until)
    n_a, s_a = _rcount(actual, ma), _rsum(actual, ma)
    n_p, s_p = _rcount(plan, mp), _rsum(plan, mp)
    plain = f'IF({n_a}=0,"",IF({kind_rate},({s_a}+{s_p})/({n_a}+{n_p}),{s_a}+{s_p}))'
    by_ratio = _ratio(_sum_landing(_kpi_row("p", num), _kpi_row("a", num), month, until),
                      _sum_landing(_kpi_row("p", den), _kpi_row("a", den), month, until))
    return f'IF({ratio},IFERROR({by_ratio},""),{plain})'


def _kpi(g: Geometry, lang: str) -> dict[str, Formula]:
    """Twins of :func:`pacxl.calc.kpi.kpi_figures`. A rate line that names its numerator and
    denominator KPIs is a ratio of their totals; another rate line averages its months."""
    c = g.letters
    fav, unfav = _q(text("favourable", lang)), _q(text("unfavourable", lang))
    ids = column_name("tblKPI", "id")

    def rate(r):
        return _kind_is(f'${c["kind"]}{r}', 4)

    def cost(r):
        return _kind_is(f'${c["kind"]}{r}', 3)

    def num(r):
        return f'MATCH(${c["numerator"]}{r},{ids},0)'

    def den(r):
        return f'MATCH(${c["denominator"]}{r},{ids},0)'

    def is_ratio(r):
        return f'AND({rate(r)},${c["numerator"]}{r}<>"",${c["denominator"]}{r}<>"")'

    def ratio_to(r, prefix, mask):
        pair = lambda k: (_rcount(_kpi_row(prefix, k), mask), _rsum(_kpi_row(prefix, k), mask))  # noqa: E731
        return f'IFERROR({_ratio(pair(num(r)), pair(den(r)))},"")'

    def plan_year(r, _f, _l):  # twin of year_to_date(plan, 12, how)
        m = _months_range(g, "p", r)
        plain = f'IF(COUNT({m})=0,"",IF({rate(r)},AVERAGE({m}),SUM({m})))'
        return f"=IF({is_ratio(r)},{ratio_to(r, 'p', f'({_SEQ}<=12)')},{plain})"

    def to_date(prefix):
        def f(r, _f, _l):
            plain = _ytd(g, prefix, r, rate(r))[1:]
            by_ratio = ratio_to(r, prefix, f"({_SEQ}<=PAC_Month)")
            return f'=IF({is_ratio(r)},IF(PAC_Month="","",{by_ratio}),{plain})'
        return f

    def both(r):
        a, p = f'{c["actual_ytd"]}{r}', f'{c["plan_ytd"]}{r}'
        return a, p, f"AND(ISNUMBER({a}),ISNUMBER({p}))"

    def var(r, _f, _l):
        a, p, ok = both(r)
        return f'=IF({ok},{a}-{p},"")'

    def var_pct(r, _f, _l):
        a, p, ok = both(r)
        return f'=IF({ok},IF({p}=0,"",({a}-{p})/ABS({p})),"")'

    def landing(r, _f, _l):  # twin of kpi_figures' landing (landing_forecast; ratio of landings)
        body = _landing(rate(r), is_ratio(r), _months_range(g, "p", r), _months_range(g, "a", r),
                        num(r), den(r), "PAC_Month", None)
        return f'=IF(PAC_Month="","",{body})'

    def run_rate(r, _f, _l):  # twin of run_rate_forecast(actuals, PAC_Month, how)
        a = f'{c["actual_ytd"]}{r}'
        return f'=IF(ISNUMBER({a}),IF({rate(r)},{a},{a}*{contract.MONTHS}/PAC_Month),"")'

    def status(r, _f, _l):  # twin of favourable(actual_ytd, plan_ytd, kind)
        a, p, ok = both(r)
        return f'=IF({ok},IF(IF({cost(r)},{a}<={p},{a}>={p}),{fav},{unfav}),"")'

    from .formulas_followup import kpi_columns  # catch-up: twins of calc.followup
    def initial_year(r, _f, _l):  # twin of calc.revisions.initial_kpi_year
        item = f'TRIM(${c["id"]}{r})'
        n, total = _baseline_sums("kpi", item)
        plain = f'IF({n}=0,"",IF({rate(r)},{total}/{n},{total}))'
        by_ratio = _ratio(_baseline_sums("kpi", f'TRIM(${c["numerator"]}{r})'),
                          _baseline_sums("kpi", f'TRIM(${c["denominator"]}{r})'))
        return f'=IF(SUMPRODUCT({_baseline_mask("kpi", item)})=0,"",IF({is_ratio(r)},{by_ratio},{plain}))'

    return {
        "initial_year": initial_year,
        "plan_year": plan_year,
        "plan_ytd": to_date("p"),
        "actual_ytd": to_date("a"),
        "variance": var,
        "variance_pct": var_pct,
        "landing": landing,
        "run_rate": run_rate,
        "status": status,
        **kpi_columns(g, rate, is_ratio, num, den),
    }


# --- tblCustomers: see formulas_customers ---------------------------------------------------------

def _pipeline(g: Geometry, lang: str) -> dict[str, Formula]:
    from .formulas_pipeline import pipeline_columns  # (it imports this module)

    return pipeline_columns(g, lang)


_BUILDERS = {
    "tblObjectives": _objectives,
    "tblActions": _actions,
    "tblBudget": _budget,
    "tblKPI": _kpi,
    "tblRevisions": _no_formulas,
    "tblBaseline": _no_formulas,
    "tblPipeline": _pipeline,
}
from .formulas_team import BUILDERS as _TEAM_BUILDERS  # noqa: E402

_BUILDERS.update(_TEAM_BUILDERS)
from .formulas_capacity import BUILDERS as _CAPACITY_BUILDERS  # noqa: E402

_BUILDERS.update(_CAPACITY_BUILDERS)
from .formulas_customers import BUILDERS as _CUSTOMERS_BUILDERS  # noqa: E402

_BUILDERS.update(_CUSTOMERS_BUILDERS)


def computed_columns(table_name: str, lang: str, first_col: int = 1, header_row: int = 4,
                     cols: Mapping[str, int] | None = None) -> dict[str, Formula]:
    """Formula makers of the computed columns of ``table_name`` (every computed contract column;
    ``cols``: where each column is, see :class:`Geometry`)."""
    g = Geometry(table_name, first_col, header_row, cols)
    out = _BUILDERS[table_name](g, lang)
    missing = [c.key for c in g.table.columns if c.computed and c.key not in out]
    assert not missing, f"no formula for {table_name} columns {missing}"
    return out


# --- single cells --------------------------------------------------------------------------------

def deals_target(override: str, revenue: str, avg_deal: str) -> str:
    """Twin of ``deals_for_revenue``; a typed override wins. Blank without a usable input."""
    return (
        f'=IF(ISNUMBER({override}),{override},IF(AND(ISNUMBER({revenue}),ISNUMBER({avg_deal})),'
        f'IF(AND({revenue}>=0,{avg_deal}>0),ROUNDUP(ROUND({revenue}/{avg_deal},9),0),""),""))'
    )


def funnel_last_stage() -> str:
    """Position (1-6) of the last named stage: the signature stage."""
    n = contract.FUNNEL_STAGES
    seq = ";".join(str(i) for i in range(1, n + 1))
    return f'=SUMPRODUCT(MAX((PAC_FunnelStages<>"")*{{{seq}}}))'


def funnel_volume(i: int, n_cell: str, next_cell: str | None) -> str:
    """Twin of ``required_volumes``: stage ``i`` (1-based) from the stage below and rate ``i``.

    The signature stage (``i = n``) is the target rounded up; a stage above it is the stage below
    divided by its rate, rounded up after ``ROUND(..., 9)``; stages past the signature, a missing
    target and unusable rates (blank, 0, above 1) give blanks.
    """
    target = "PAC_FunnelTarget"
    sig = f"ROUNDUP(ROUND({target},9),0)"
    at_sig = f'IF(AND(ISNUMBER({target}),{target}>=0),{sig},"")'
    if next_cell is None:
        return f'=IF({i}={n_cell},{at_sig},"")'
    rate = f"INDEX(PAC_FunnelRates,{i})"
    above = (
        f'IF(AND(ISNUMBER({next_cell}),ISNUMBER({rate})),IF(AND({rate}>0,{rate}<=1),'
        f'ROUNDUP(ROUND({next_cell}/{rate},9),0),""),"")'
    )
    return f'=IF({i}>{n_cell},"",IF({i}={n_cell},{at_sig},{above}))'


def per_period(volume: str, periods: int) -> str:
    """Twin of ``per_period``: a volume spread over ``periods``, rounded up."""
    return f'=IF(ISNUMBER({volume}),ROUNDUP(ROUND({volume}/{periods},9),0),"")'


def variance(actual: str, plan: str) -> str:
    """Twin of ``variance``."""
    return f'=IF(AND(ISNUMBER({actual}),ISNUMBER({plan})),{actual}-{plan},"")'


def variance_pct(actual: str, plan: str) -> str:
    """Twin of ``variance_pct``."""
    return (
        f'=IF(AND(ISNUMBER({actual}),ISNUMBER({plan})),'
        f'IF({plan}=0,"",({actual}-{plan})/ABS({plan})),"")'
    )


def seasonal_plan(month: int) -> str:
    """A revenue KPI's monthly plan when none is typed: the year's revenue goal spread by the
    seasonality profile (twin of :func:`pacxl.calc.seasonality.spread`). Typing a figure over
    it replaces it; the workbook reader recognises this exact formula."""
    return f'=IF(ISNUMBER(PAC_RevenueTarget),PAC_RevenueTarget*INDEX(PAC_Seasonality,{month}),"")'
