"""Follow-and-adjust figures of a plan read from a workbook (or built in Python): its seasonality
profile, working days, the funnel month by month and the funnel observed to date.

One place for ``report`` and ``check`` (and the tests comparing them with the workbook): each
function applies the rules of :mod:`pacxl.calc.seasonality`, :mod:`pacxl.calc.workdays`,
:mod:`pacxl.calc.funnel` and :mod:`pacxl.calc.followup` to a :class:`pacxl.model.Plan`, as the
workbook's native formulas do to its cells (Settings, Funnel).
"""

from __future__ import annotations

import datetime as dt
import math

from . import calc
from .calc._num import as_number, is_number
from .calc import followup, seasonality, workdays
from .errors import InputError
from .model import Plan, Settings

MONTHS = 12


def deals_target(settings: Settings) -> int | None:
    """Deals to sign: the typed override, else ``ceil(revenue target / average deal)``
    (raises InputError for a negative revenue goal; the workbook shows a blank)."""
    if settings.deals_target is not None:
        return int(settings.deals_target)
    if is_number(settings.revenue_target) and is_number(settings.average_deal) and settings.average_deal > 0:
        return calc.deals_for_revenue(settings.revenue_target, settings.average_deal)
    return None


def _deals(plan: Plan) -> int | None:
    try:
        return deals_target(plan.settings)
    except InputError:
        return None


def holidays(plan: Plan) -> list[dt.date]:
    """The plan's holidays: typed (Settings), else France's for the plan year."""
    s = plan.settings
    if s.holidays:
        return list(s.holidays)
    return [d for d, _ in workdays.plan_holidays(s.year, s.first_month)]


def working_days(plan: Plan) -> list[int]:
    """Working days of the 12 plan months (Settings, ``PAC_WorkingDays``)."""
    s = plan.settings
    return workdays.plan_working_days(s.year, s.first_month, holidays(plan))


def working_weeks(plan: Plan) -> float:
    """Working weeks of the plan year: its working days / 5 (what weekly needs divide by)."""
    return workdays.working_weeks(working_days(plan))


def profile(plan: Plan) -> list[float]:
    """The seasonality profile the workbook uses (Settings, ``PAC_Seasonality``)."""
    return seasonality.used_profile(plan.settings.seasonality, plan.review.monthly_revenue)


def stages(plan: Plan) -> list[str]:
    """The named funnel stages, top first; the last is the signature."""
    return [str(x) for x in plan.settings.funnel_stages if str(x).strip()]


def assumed_rates(plan: Plan) -> list[float] | None:
    """The assumed conversion rates of the named stages, or None when they are unusable."""
    names = stages(plan)
    rates = list(plan.settings.funnel_rates[: max(len(names) - 1, 0)])
    if len(names) < 2 or len(rates) < len(names) - 1:
        return None
    try:
        return calc.funnel.check_rates(rates)
    except InputError:
        return None


def lags(plan: Plan) -> list[int]:
    """Months each named stage precedes the signature (blank or negative: 0; twin ``INT``)."""
    typed = list(plan.settings.funnel_lags) + [None] * 6
    out = []
    for i in range(len(stages(plan))):
        x = as_number(typed[i])
        out.append(int(math.floor(x)) if x is not None and x >= 0 else 0)
    return out


def monthly_signatures(plan: Plan) -> list[int] | None:
    """Deals to sign each month: the year's deals spread by seasonality in whole deals."""
    deals = _deals(plan)
    if deals is None:
        return None
    return seasonality.whole_spread(deals, profile(plan))


def funnel_months(plan: Plan) -> calc.funnel.FunnelCalendar | None:
    """``tblFunnelMonths``: per stage, the volume to reach each month (and before the year) so that
    each month's signatures land on time, given the sales-cycle lags."""
    rates, signs = assumed_rates(plan), monthly_signatures(plan)
    if rates is None or signs is None:
        return None
    return calc.funnel_calendar(signs, rates, lags(plan))


def stage_actuals(plan: Plan) -> list[float | None]:
    """Per named stage, the actuals to date of the count KPIs linked to it (tblKPI's stage
    column; names compare without case, like COUNTIF): blank without a tracking month or a
    linked KPI, else the sum of their figures of months 1..tracking month."""
    m = plan.settings.tracking_month
    out: list[float | None] = []
    for name in stages(plan):
        key = name.strip().casefold()
        linked = [k for k in plan.kpis if str(k.stage or "").strip().casefold() == key]
        if not isinstance(m, int) or not 1 <= m <= MONTHS or not linked:
            out.append(None)
            continue
        out.append(sum(float(v) for k in linked for v in k.actual[:m] if is_number(v)))
    return out


def observed(plan: Plan) -> dict:
    """Observed conversion rates (``PAC_ObservedRates``), the transitions flagged more than 10 %
    below the assumed rate, and the volumes still needed with the observed rates
    (``PAC_FunnelVolumesObserved``)."""
    sums = stage_actuals(plan)
    rates = [calc.ratio(sums[i + 1], sums[i]) for i in range(len(sums) - 1)]
    assumed = assumed_rates(plan)
    below = [followup.rate_below(o, a) for o, a in zip(rates, assumed or [])]
    volumes = None
    deals = _deals(plan)
    if assumed is not None and deals is not None:
        volumes = followup.observed_volumes(deals, sums[-1] if sums else None, rates, assumed)
    return {"actual_to_date": sums, "rates": rates, "below": below, "volumes": volumes}
