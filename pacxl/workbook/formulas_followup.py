"""Native twins of :mod:`pacxl.calc.followup`: catch-up columns of tblKPI and the Quarters sheet.

Classic functions only (IF, SUM, SUMIF, SUMPRODUCT, INDEX, MATCH, COUNT...), no volatile
function, no dynamic array: Excel 2010+, LibreOffice and Google Sheets compute them as they are.

=====================================  ==================================================
native formula                         calc function
=====================================  ==================================================
tblKPI remaining                       :func:`pacxl.calc.followup.remaining`
tblKPI c01..c12                        :func:`pacxl.calc.followup.catch_up_by_month`
tblKPI rate_needed                     :func:`pacxl.calc.followup.rate_needed`
Quarters, KPI block                    :func:`pacxl.calc.followup.quarter_figures`
Quarters, budget block                 :func:`pacxl.calc.followup.budget_quarters`
=====================================  ==================================================

The seasonality profile is ``PAC_Seasonality`` (Settings, 12 cells in a column, month 1 first).
Month k's catch-up spreads what is left over the months after ``PAC_Month`` in proportion to
their weights: ``MAX(left,0) x w[k] / SUM(w[M+1..12])``, evenly when those weights add up to 0.
"""

from __future__ import annotations

from . import contract
from .contract import column_name
from .formulas import _SEQ, _kind_is, _kpi_row, _ratio, _rcount, _rsum

MONTHS = contract.MONTHS
#: The plan-month numbers 1..12 as a vertical array constant (PAC_Seasonality is a column).
_VSEQ = "{" + ";".join(str(i) for i in range(1, MONTHS + 1)) + "}"


def seasonality_rest() -> str:
    """The weights of the months after PAC_Month: twin of ``sum(weights[month:])``."""
    return f"SUMPRODUCT(({_VSEQ}>PAC_Month)*PAC_Seasonality)"


def kpi_columns(g, rate, is_ratio, num, den) -> dict:
    """Formula makers of tblKPI's catch-up columns (``g``: the table's Geometry; ``rate``,
    ``is_ratio``, ``num``, ``den``: the KPI formulas' helpers, row -> formula text)."""
    c = g.letters

    def remaining(r, _f, _l):
        p, a = f'{c["plan_year"]}{r}', f'{c["actual_ytd"]}{r}'
        return f'=IF(OR(PAC_Month="",{rate(r)}),"",IF(ISNUMBER({p}),{p}-N({a}),""))'

    def month(k):
        def f(r, _f, _l):
            left = f'{c["remaining"]}{r}'
            rest = seasonality_rest()
            spread = (f"IF({rest}>0,MAX({left},0)*INDEX(PAC_Seasonality,{k})/{rest},"
                      f"MAX({left},0)/({MONTHS}-PAC_Month))")
            return f'=IF(OR(NOT(ISNUMBER({left})),{k}<=PAC_Month),"",{spread})'
        return f

    def rate_needed(r, _f, _l):
        t = f'{c["plan_year"]}{r}'
        done, rest = f"({_SEQ}<=PAC_Month)", f"({_SEQ}>PAC_Month)"
        d_rest_n, d_rest = _rcount(_kpi_row("p", den(r)), rest), _rsum(_kpi_row("p", den(r)), rest)
        d_done = _rsum(_kpi_row("a", den(r)), done)
        n_done = _rsum(_kpi_row("a", num(r)), done)
        body = (f'IF(AND(ISNUMBER({t}),{d_rest_n}>0),IF({d_rest}=0,"",'
                f'({t}*({d_done}+{d_rest})-{n_done})/{d_rest}),"")')
        return f'=IF(AND({is_ratio(r)},PAC_Month<>""),IFERROR({body},""),"")'

    out = {"remaining": remaining, "rate_needed": rate_needed}
    out.update({f"c{k:02d}": month(k) for k in range(1, MONTHS + 1)})
    return out


# --- Quarters sheet: one KPI row (position n in tblKPI) ------------------------------------------

#: The figures of a quarter, in their column order on the Quarters sheet and in the report.
QUARTER_FIGURES = ("plan", "plan_to_date", "actual", "variance", "variance_pct")


def _quarter_row(prefix: str, q: int, k: str) -> str:
    """The 3 month cells (plan ``p`` or actual ``a``) of quarter ``q`` on tblKPI's row ``k``."""
    a = 3 * q - 2
    return (f"INDEX({column_name('tblKPI', f'{prefix}{a:02d}')},{k}):"
            f"INDEX({column_name('tblKPI', f'{prefix}{a + 2:02d}')},{k})")


def _done_mask(q: int) -> str:
    a = 3 * q - 2
    return "({" + ",".join(str(m) for m in range(a, a + 3)) + "}<=PAC_Month)"


def quarter_kpi(figure: str, q: int, n: int, cells: dict) -> str:
    """Twin of ``quarter_figures(...)[figure]`` for the KPI at position ``n`` of tblKPI.
    ``cells``: the row's helper cells ``rate``, ``ratio``, ``num``, ``den`` (positions of the
    numerator and denominator), and its ``plan_to_date`` and ``actual`` cells."""
    if figure in ("variance", "variance_pct"):
        a, p = cells["actual"], cells["plan_to_date"]
        if figure == "variance":
            return f'=IF(AND(ISNUMBER({a}),ISNUMBER({p})),{a}-{p},"")'
        return f'=IF(AND(ISNUMBER({a}),ISNUMBER({p})),IF({p}=0,"",({a}-{p})/ABS({p})),"")'
    prefix = "a" if figure == "actual" else "p"
    rate, is_ratio = cells["rate"], cells["ratio"]
    own, num, den = (_quarter_row(prefix, q, k) for k in (str(n), cells["num"], cells["den"]))
    if figure == "plan":
        by_ratio = _ratio((f"COUNT({num})", f"SUM({num})"), (f"COUNT({den})", f"SUM({den})"))
        plain = f'IF(COUNT({own})=0,"",IF({rate},AVERAGE({own}),SUM({own})))'
        return f'=IF({is_ratio},IFERROR({by_ratio},""),{plain})'
    mask = _done_mask(q)
    by_ratio = _ratio((_rcount(num, mask), _rsum(num, mask)), (_rcount(den, mask), _rsum(den, mask)))
    n_own, s_own = _rcount(own, mask), _rsum(own, mask)
    plain = f'IF({n_own}=0,"",IF({rate},{s_own}/{n_own},{s_own}))'
    return (f'=IF(OR(PAC_Month="",{3 * q - 2}>PAC_Month),"",'
            f'IF({is_ratio},IFERROR({by_ratio},""),{plain}))')


def quarter_helpers(n: int) -> dict[str, str]:
    """The hidden helper cells of a Quarters KPI row: kind is rate, kind is cost, ratio rate,
    and the positions of its numerator and denominator in tblKPI."""
    kind, ids = column_name("tblKPI", "kind"), column_name("tblKPI", "id")
    num, den = column_name("tblKPI", "numerator"), column_name("tblKPI", "denominator")
    return {
        "rate": f"={_kind_is(f'INDEX({kind},{n})', 4)}",
        "cost": f"={_kind_is(f'INDEX({kind},{n})', 3)}",
        "ratio": f'=AND({_kind_is(f"INDEX({kind},{n})", 4)},INDEX({num},{n})<>"",INDEX({den},{n})<>"")',
        "num": f'=IFERROR(MATCH(INDEX({num},{n}),{ids},0),"")',
        "den": f'=IFERROR(MATCH(INDEX({den},{n}),{ids},0),"")',
    }


def kpi_label(key: str, n: int) -> str:
    """The KPI's ID or name shown on a Quarters row (blank for a blank tblKPI row)."""
    ref = f"INDEX({column_name('tblKPI', key)},{n})"
    return f'=IF({ref}="","",{ref})'


# --- Quarters sheet: budget by category ----------------------------------------------------------

def _budget_months(q: int, category: str | None, to_date: bool) -> str:
    a = 3 * q - 2
    parts = []
    for m in range(a, a + 3):
        col = column_name("tblBudget", f"m{m:02d}")
        s = f"SUMIF({column_name('tblBudget', 'category')},{category},{col})" if category else f"SUM({col})"
        parts.append(f"IF({m}<=PAC_Month,{s},0)" if to_date and m > a else s)
    return "+".join(parts)


def budget_quarter(figure: str, q: int, category: str | None) -> str:
    """Twin of ``budget_quarters(...)[q - 1][figure]`` (``plan`` or ``plan_to_date``) for the
    lines of the category in cell ``category`` (None: every line, the total row)."""
    blank = f'{category}="",' if category else ""
    if figure == "plan":
        value = _budget_months(q, category, False)
        return f'=IF({category}="","",{value})' if category else f"={value}"
    value = _budget_months(q, category, True)
    return f'=IF(OR({blank}PAC_Month="",{3 * q - 2}>PAC_Month),"",{value})'


def budget_year(figure: str, category: str | None) -> str:
    """The year to date of a category (None: all lines), ``plan_ytd`` or ``actual`` (spent): the
    sums of the budget lines' columns, blanks counting 0 (as ``calc.budget.totals``)."""
    col = column_name("tblBudget", figure)
    if category:
        return f'=IF({category}="","",SUMIF({column_name("tblBudget", "category")},{category},{col}))'
    return f"=SUM({col})"
