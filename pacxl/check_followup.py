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
