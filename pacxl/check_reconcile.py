"""``check``'s team rules (issue 15): the gaps of a reconciliation (``reconciliation-gap``) and the
overloaded salespeople (``team-overload``). Figures from :mod:`pacxl.report_reconcile`."""

from __future__ import annotations

from .calc import reconcile as R
from .calc import team_capacity as T
from .messages import fmt_number

WARNING = "warning"


def run(chk) -> None:
    """Add the findings of these rules to the checker ``chk`` (a ``pacxl.check._Checker``)."""
    from .report_reconcile import capacity_figures, reconciliation_lines

    for i, ln in enumerate(reconciliation_lines(chk.plan)):
        if R.is_gap(ln.plan, ln.allocation):
            chk.add(WARNING, "reconciliation-gap", chk.at("tblReconciliation", i, "gap"),
                    salesperson=ln.person, segment=ln.segment, plan=chk.money(ln.plan),
                    allocation=chk.money(ln.allocation or 0.0), gap=chk.money(ln.gap),
                    pct=chk.pct(ln.gap_pct) if ln.gap_pct is not None else "-")
    cap = capacity_figures(chk.plan)
    if not cap:
        return
    rows = {R.key(r["salesperson"]): r for r in cap["people"]}
    for i, m in enumerate(chk.plan.team):
        r = rows.get(R.key(m.salesperson)) if m.salesperson.strip() else None
        if r and T.overloaded(r["load"]):
            chk.add(WARNING, "team-overload", chk.at("tblTeam", i, "load"), salesperson=r["salesperson"],
                    need=fmt_number(r["need_per_week"], chk.lang, 1), capacity=chk.num(r["meetings_per_week"]),
                    load=chk.pct(r["load"], 0))
