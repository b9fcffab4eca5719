"""``check``'s rules on the catch-up (issue 13, "follow and adjust"), from :mod:`pacxl.calc.followup`.

* ``kpi-rate-unreachable`` (warning): a ratio rate KPI (numerator and denominator) whose rate
  needed on the rest of the year is above 100 %: even converting every planned denominator of the
  remaining months, the year's ratio cannot reach its plan. The finding points at the KPI's
  *Rate needed* cell.
"""

from __future__ import annotations

from .calc import followup, seasonality
from .calc.kpi import Series
from .calc.variance import kpi_kind
from .check import WARNING  # (check imports this module when it runs its KPI rules)
from .errors import InputError


def _kind(word: object) -> str | None:
    try:
        return kpi_kind(word)
    except InputError:
        return None


def kpi_rules(checker) -> None:
    """Add the catch-up findings of every KPI to ``checker`` (a ``pacxl.check._Checker``)."""
    plan, m = checker.plan, checker.s.tracking_month
    if not m or not 1 <= m < followup.MONTHS:
        return
    by_id = {k.id.strip().casefold(): k for k in plan.kpis if k.id.strip()}
    for i, k in enumerate(plan.kpis):
        if _kind(k.kind) != "rate" or not (k.numerator.strip() and k.denominator.strip()):
            continue
        parts = [by_id.get(x.strip().casefold()) for x in (k.numerator, k.denominator)]
        if any(p is None or _kind(p.kind) in (None, "rate") for p in parts):
            continue  # kpi-bad-ratio says why
        num, den = (Series(p.plan, p.actual) for p in parts)
        needed = followup.kpi_catch_up("rate", k.plan, k.actual, m, seasonality.flat(), num, den)["rate_needed"]
        if needed is not None and round(needed, 9) > 1:
            checker.add(WARNING, "kpi-rate-unreachable", checker.at("tblKPI", i, "rate_needed"),
                        label=k.id or k.name or checker.row(i), rate=checker.pct(needed), first=m + 1)
