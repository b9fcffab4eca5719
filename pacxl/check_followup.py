"""``check``'s follow-and-adjust rules: the funnel observed against its assumptions, the
seasonality profile and the holiday list (figures from :mod:`pacxl.adjust`)."""

from __future__ import annotations

from . import adjust
from .calc import seasonality
from .calc.dates import plan_period as _period

WARNING, ERROR = "warning", "error"


def run(chk) -> None:
    """Add the findings of these rules to the checker ``chk`` (a ``pacxl.check._Checker``)."""
    plan, s = chk.plan, chk.s
    names = adjust.stages(plan)
    obs = adjust.observed(plan)
    assumed = adjust.assumed_rates(plan) or []
    for i, below in enumerate(obs["below"]):
        if below:
            chk.add(WARNING, "funnel-rate-below", chk.layout.name("PAC_ObservedRates"),
                    stage=names[i], next=names[i + 1], observed=chk.pct(obs["rates"][i]),
                    assumed=chk.pct(assumed[i]), volume=chk.num(obs["volumes"][0]) if obs["volumes"] else "-")
    if seasonality.typed_sum_ok(s.seasonality) is False:
        total = sum(float(v or 0) for v in s.seasonality)
        shown = total / 100 if total > 2 else total
        chk.add(ERROR, "seasonality-not-100", chk.layout.name("PAC_SeasonalityInput"), total=chk.pct(shown))
    if s.holidays:
        start, end = _period(s.year, s.first_month)
        outside = [d for d in s.holidays if not start <= d <= end]
        if outside:
            chk.add(WARNING, "holidays-outside-year", chk.layout.name("PAC_Holidays"),
                    n=len(outside), first=chk.date(outside[0]))


# --- catch-up (issue 13): a ratio rate that cannot reach its plan ------------------------------

def kpi_rules(chk) -> None:
    """``kpi-rate-unreachable`` (warning): a ratio rate KPI (numerator and denominator) whose rate
    needed on the rest of the year (:func:`pacxl.calc.followup.kpi_catch_up`) is above 100 %: even
    converting every planned denominator of the remaining months, the year's ratio cannot reach
    its plan. The finding points at the KPI's *Rate needed* cell."""
    from .calc import followup
    from .calc.kpi import Series
    from .calc.variance import kpi_kind
    from .errors import InputError

    def kind(word: object) -> str | None:
        try:
            return kpi_kind(word)
        except InputError:
            return None

    plan, m = chk.plan, chk.s.tracking_month
    if not m or not 1 <= m < followup.MONTHS:
        return
    by_id = {k.id.strip().casefold(): k for k in plan.kpis if k.id.strip()}
    for i, k in enumerate(plan.kpis):
        if kind(k.kind) != "rate" or not (k.numerator.strip() and k.denominator.strip()):
            continue
        parts = [by_id.get(x.strip().casefold()) for x in (k.numerator, k.denominator)]
        if any(p is None or kind(p.kind) in (None, "rate") for p in parts):
            continue  # kpi-bad-ratio says why
        num, den = (Series(p.plan, p.actual) for p in parts)
        needed = followup.kpi_catch_up("rate", k.plan, k.actual, m, seasonality.flat(), num, den)["rate_needed"]
        if needed is not None and round(needed, 9) > 1:
            chk.add(WARNING, "kpi-rate-unreachable", chk.at("tblKPI", i, "rate_needed"),
                    label=k.id or k.name or chk.row(i), rate=chk.pct(needed), first=m + 1)
