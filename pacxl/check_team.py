"""``check``'s rule ``allocation-sum``: per segment, the Team sheet's shares plus amounts over the
segment's target must make 100 % (:func:`pacxl.calc.team.allocation_errors`, the rule ``pacxl
split`` enforces). Kept beside :mod:`pacxl.check`, whose checker it reports through."""

from __future__ import annotations

from .calc import team as T

ERROR = "error"


def allocation_findings(checker) -> None:
    """An error per segment whose allocation rows do not make 100 %, at its last row's share."""
    from .split import segment_targets

    p = checker.plan
    if not p.allocations:
        return
    parts = [T.Part(a.salesperson, a.segment, a.share, a.amount) for a in p.allocations]
    for segment, total in T.allocation_errors(parts, segment_targets(p)):
        last = max(i for i, a in enumerate(p.allocations) if a.segment.strip().casefold() == segment.casefold())
        checker.add(ERROR, "allocation-sum", checker.at("tblAllocation", last, "share"),
                    segment=segment, total=checker.pct(total, 2))
