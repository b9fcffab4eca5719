"""Native twins of :mod:`pacxl.calc.team` on the Team sheet (Équipe / Team).

=====================================  ==================================================
native formula                         calc function
=====================================  ==================================================
allocated share of a segment           :func:`pacxl.calc.team.allocated_share`
target of a salesperson                :func:`pacxl.calc.team.salesperson_targets`
new / existing target of a salesperson :func:`pacxl.calc.team.business_targets`
=====================================  ==================================================

Classic functions only (SUMIFS, SUMIF, SUMPRODUCT, INDEX): Excel 2010+ and LibreOffice compute
them as they are. A segment's target is the Targets sheet's revenue column (share x
PAC_RevenueTarget); ``segments`` and ``targets`` are those two ranges (absolute references).
"""

from __future__ import annotations

from .contract import column_name


def _col(key: str) -> str:
    return column_name("tblAllocation", key)


def segment_target(segment: str, segments: str, targets: str) -> str:
    """The revenue target of the segment named in ``segment`` (0 when it has none)."""
    return f"SUMIF({segments},{segment},{targets})"


def allocated_share(segment: str, segments: str, targets: str) -> str:
    """Twin of ``allocated_share``: the shares of a segment plus its amounts over its target;
    blank when no allocation row names it."""
    seg, share, amount = _col("segment"), _col("share"), _col("amount")
    tgt = segment_target(segment, segments, targets)
    return (f'=IF(OR({segment}="",COUNTIF({seg},{segment})=0),"",SUMIFS({share},{seg},{segment})'
            f'+IF({tgt}>0,SUMIFS({amount},{seg},{segment})/{tgt},0))')


def salesperson_target(name: str, segments: str, targets: str) -> str:
    """Twin of ``salesperson_targets``: the sum over the salesperson's allocation rows of share x
    the segment's target, plus their amounts; blank for a blank name."""
    sp, seg, share, amount = _col("salesperson"), _col("segment"), _col("share"), _col("amount")
    return (f'=IF({name}="","",SUMPRODUCT(--({sp}={name}),{share},SUMIF({segments},{seg},{targets}))'
            f'+SUMIFS({amount},{sp},{name}))')


def business_target(name: str, segments: str, targets: str, words: tuple[str, ...]) -> str:
    """Twin of ``business_targets``: the salesperson's target on their allocation rows whose
    business is one of ``words`` (the kind's word in each language, compared as Excel's ``=``)."""
    sp, seg, share, amount, bus = (_col(k) for k in ("salesperson", "segment", "share", "amount", "business"))
    kind = "+".join(f'({bus}="{w}")' for w in words)
    amounts = "+".join(f'SUMIFS({amount},{sp},{name},{bus},"{w}")' for w in words)
    return (f'=IF({name}="","",SUMPRODUCT(--({sp}={name}),--(({kind})>0),{share},'
            f'SUMIF({segments},{seg},{targets}))+{amounts})')


def no_formulas(_g, _lang) -> dict:
    """tblTeam and tblAllocation: input columns only (capacity columns may be added)."""
    return {}


#: Formula makers of the team tables' computed columns (merged into formulas._BUILDERS).
BUILDERS = {"tblTeam": no_formulas, "tblAllocation": no_formulas}
