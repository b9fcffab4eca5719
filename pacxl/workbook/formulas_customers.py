"""Native twins of the customer computations: :func:`pacxl.calc.pareto.abc_classes` on the ABC
basis, and :mod:`pacxl.calc.customers` (potential class, ABC matrix, retention, coverage plan).

=====================================  ==================================================
native formula                         calc function
=====================================  ==================================================
tblCustomers h_basis                   :func:`pacxl.calc.customers.basis_values`
tblCustomers share, cum_share,         :func:`pacxl.calc.pareto.abc_classes` on the basis
prior_share, abc
tblCustomers abc_potential             :func:`pacxl.calc.customers.potential_classes`
PAC_ABCMatrix                          :func:`pacxl.calc.customers.abc_matrix`
PAC_Retention                          :func:`pacxl.calc.customers.retention`
PAC_CoverageMeetings                   :func:`pacxl.calc.customers.coverage_meetings`
=====================================  ==================================================

The ABC classes cost O(1) per row on a table sorted by its basis, largest first (positive
figures first; zeros, credit notes, blanks and text after), which the builder and the importers
keep. Helper columns then give each row's sums: ``h_basis`` (the figure ranked: the margin when
``PAC_ABCBasis`` says so, else the amount; "" when it is not a number), ``h_pos`` (that figure
if > 0, else 0), ``h_run`` (running sum of ``h_pos``), ``h_prior`` (sum of the figures strictly
greater: the running sum before the first row of the row's group of equal figures), ``h_upto``
(sum of the figures >= the row's: the running sum at the last row of its group, carried up from
below) and ``h_break`` (1 where the order is broken). ``PAC_CustomersSorted`` is true when no row
breaks the order; when a user's edit (or a change of basis) breaks it, every row falls back to
the order-independent ``SUMIF`` (IF evaluates only the branch it takes, in Excel as in
LibreOffice, so the sorted case never pays for SUMIF). The potential class is always
order-independent (``SUMIF``), and only rows with a potential pay for it.
Classic functions only (no dynamic arrays, no LET): Excel 2010+, LibreOffice, Google Sheets.
"""

from __future__ import annotations

from .contract import column_name

TABLE = "tblCustomers"


def _n(key: str) -> str:
    return column_name(TABLE, key)


def is_margin_basis() -> str:
    """TRUE when ``PAC_ABCBasis`` says margin (twin of :func:`pacxl.calc.customers.basis_of`)."""
    return 'OR(PAC_ABCBasis="Marge",PAC_ABCBasis="Margin")'


def _class_of(value: str, prior: str) -> str:
    """The ABC rule on a cell: blank without a number, C at or below 0, else by its (rounded)
    prior share against the thresholds."""
    return (f'=IF(ISNUMBER({value}),IF({value}>0,'
            f'IF({prior}<PAC_ABC_A,"A",IF({prior}<PAC_ABC_B,"B","C")),"C"),"")')


def _customers(g, lang: str) -> dict:
    c = g.letters
    basis = _n("h_basis")
    d = c["h_basis"]
    pos, run, prior, upto = (c[k] for k in ("h_pos", "h_run", "h_prior", "h_upto"))
    amount, margin, pot = c["amount"], c["margin"], c["potential"]

    def h_basis(r, _f, _l):
        return (f'=IF({is_margin_basis()},IF(ISNUMBER({margin}{r}),{margin}{r},""),'
                f'IF(ISNUMBER({amount}{r}),{amount}{r},""))')

    def h_pos(r, _f, _l):
        return f"=IF(ISNUMBER({d}{r}),IF({d}{r}>0,{d}{r},0),0)"

    # One formula per column, the same on every row (an Excel calculated column, and a sort
    # moves rows without breaking them): the first row's "row above" is the header, text, and
    # the last row's "row below" is empty.
    def h_run(r, _f, _l):
        return f"=N({run}{r - 1})+{pos}{r}"

    def h_break(r, _f, _l):
        return f"=IF(ISNUMBER({pos}{r - 1}),IF({pos}{r}>{pos}{r - 1},1,0),0)"

    def h_prior(r, _f, _l):
        fast = f"IF(ISNUMBER({pos}{r - 1}),IF({pos}{r}={pos}{r - 1},{prior}{r - 1},{run}{r - 1}),0)"
        return f'=IF({pos}{r}=0,"",IF(PAC_CustomersSorted,{fast},SUMIF({basis},">"&{d}{r})))'

    def h_upto(r, _f, _l):
        fast = f"IF(N({pos}{r + 1})={pos}{r},{upto}{r + 1},{run}{r})"
        return f'=IF({pos}{r}=0,"",IF(PAC_CustomersSorted,{fast},SUMIF({basis},">="&{d}{r})))'

    def share(r, _f, _l):
        return f'=IF(ISNUMBER({d}{r}),IF(PAC_ABCTotal>0,{d}{r}/PAC_ABCTotal,""),"")'

    def prior_share(r, _f, _l):
        return f'=IF(ISNUMBER({prior}{r}),{prior}{r}/PAC_ABCTotal,"")'

    def cum_share(r, _f, _l):
        return f'=IF(ISNUMBER({upto}{r}),{upto}{r}/PAC_ABCTotal,"")'

    def abc(r, _f, _l):
        return _class_of(f"{d}{r}", f'ROUND({c["prior_share"]}{r},9)')

    def h_pot_prior(r, _f, _l):
        return (f'=IF(ISNUMBER({pot}{r}),IF({pot}{r}>0,'
                f'ROUND(SUMIF({_n("potential")},">"&{pot}{r})/PAC_PotentialTotal,9),""),"")')

    def abc_potential(r, _f, _l):
        return _class_of(f"{pot}{r}", f'{c["h_pot_prior"]}{r}')

    return {
        "share": share, "cum_share": cum_share, "prior_share": prior_share, "abc": abc,
        "abc_potential": abc_potential, "h_basis": h_basis, "h_pos": h_pos, "h_run": h_run,
        "h_prior": h_prior, "h_upto": h_upto, "h_break": h_break, "h_pot_prior": h_pot_prior,
    }


# --- single cells of the Customers sheet ------------------------------------------------------------

def customers_total() -> str:
    """``PAC_CustomersTotal``: the sum of the positive amounts (revenue)."""
    return f'=SUMIF({_n("amount")},">0")'


def abc_total() -> str:
    """``PAC_ABCTotal``: the sum of the positive figures of the basis (calc's ``AbcResult.total``)."""
    return f'=SUMIF({_n("h_basis")},">0")'


def potential_total() -> str:
    """``PAC_PotentialTotal``: the sum of the positive potentials."""
    return f'=SUMIF({_n("potential")},">0")'


def customers_sorted() -> str:
    """``PAC_CustomersSorted``: TRUE when the table is sorted by its basis, largest first."""
    return f'=SUM({_n("h_break")})=0'


def matrix_count(current: str, potential: str) -> str:
    """Customers of current class ``current`` and potential class ``potential`` (cell references
    or quoted letters)."""
    return f'=COUNTIFS({_n("abc")},{current},{_n("abc_potential")},{potential})'


def matrix_revenue(current: str, potential: str) -> str:
    """Their revenue (the sum of their amounts)."""
    return f'=SUMIFS({_n("amount")},{_n("abc")},{current},{_n("abc_potential")},{potential})'


def retention_cells() -> list[str]:
    """The 9 cells of ``PAC_Retention`` (rows in :data:`pacxl.calc.customers.RETENTION_KEYS`
    order), each blank while no customer has an N-1 figure. They refer to each other by their
    position in the block: ``{k}`` is replaced by the caller with the cell of row ``k``."""
    prev, amt = _n("previous"), _n("amount")
    none = f'COUNT({prev})=0'
    kept = f'COUNTIFS({prev},">0",{amt},">0")'
    kept_rev = f'SUMIFS({amt},{prev},">0",{amt},">0")'
    base = f'SUMIF({prev},">0")'
    return [
        f'=IF({none},"",{kept})',
        f'=IF({none},"",COUNTIF({prev},">0")-{kept})',
        f'=IF({none},"",COUNTIF({amt},">0")-{kept})',
        f'=IF({none},"",{base})',
        f'=IF({none},"",{kept_rev})',
        f'=IF({none},"",{base}-SUMIFS({prev},{prev},">0",{amt},">0"))',
        f'=IF({none},"",SUMIF({amt},">0")-{kept_rev})',
        '=IF(N({base})>0,{kept_revenue}/{base},"")',
        '=IF(N({kept})+N({lost})>0,{lost}/({kept}+{lost}),"")',
    ]


def coverage_meetings(counts: list[str]) -> str:
    """``PAC_CoverageMeetings``: the customers of class A, B, C (``counts``, three cells) times
    ``PAC_CoverageVisits`` (blank visits count 0)."""
    terms = "+".join(f"N({cell})*N(INDEX(PAC_CoverageVisits,{i + 1}))" for i, cell in enumerate(counts))
    return f"={terms}"


#: Formula makers of tblCustomers' computed columns (merged into formulas._BUILDERS).
BUILDERS = {TABLE: _customers}
