"""The pipeline figures of a plan (:class:`pacxl.model.Plan`), for ``check`` and ``report``.

One place, as :mod:`pacxl.adjust` is for the funnel: :func:`figures` hands the plan's deals and
settings to :func:`pacxl.calc.pipeline.pipeline_figures`, with the same inputs the Pipeline
sheet's native formulas read (the revenue KPIs' actuals to date as on the dashboard, the funnel's
yearly volumes, the seasonality profile, the as-of date).
"""

from __future__ import annotations

import datetime as dt

from . import adjust, calc
from .calc import pipeline as rules
from .calc.variance import kpi_kind, year_to_date
from .errors import InputError
from .model import Plan


def _kind(word: object) -> str:
    try:
        return kpi_kind(word)
    except InputError:
        return "count"


def revenue_to_date(plan: Plan, month: int | None) -> float:
    """The revenue KPIs' actuals of months 1..month, added up (the dashboard's ``SUMIF``: 0 with
    none or without a month)."""
    if not isinstance(month, int) or not 1 <= month <= 12:
        return 0.0
    return sum(year_to_date(k.actual, month) or 0.0 for k in plan.kpis if _kind(k.kind) == "revenue")


def volumes(plan: Plan) -> list[int] | None:
    """The funnel's yearly volume of each named stage (``PAC_FunnelVolumes``), or None."""
    deals, rates = adjust._deals(plan), adjust.assumed_rates(plan)
    if deals is None or rates is None:
        return None
    return calc.required_volumes(deals, rates)


def figures(plan: Plan, month: int | None, as_of: dt.date | None) -> dict:
    """:func:`pacxl.calc.pipeline.pipeline_figures` of the plan at plan month ``month`` (the
    tracking month in the workbook) and as-of date ``as_of``."""
    s = plan.settings
    return rules.pipeline_figures(
        plan.pipeline, year=s.year, first_month=s.first_month, as_of=as_of, stages=adjust.stages(plan),
        revenue_target=s.revenue_target, revenue_to_date=revenue_to_date(plan, month), volumes=volumes(plan),
        weights=adjust.profile(plan), month=month)


def team_pipeline(plans, lang: str) -> list:
    """``pacxl consolidate``: every salesperson's deals, one after the other (``plans``: pairs of
    (person's name, Plan)); a deal without an owner gets the person's name, its status the team
    workbook's word (stages are kept as typed)."""
    import copy

    words = rules.STATUS_WORDS["en" if lang == "en" else "fr"]
    out = []
    for name, plan in plans:
        for d in plan.pipeline:
            d2 = copy.copy(d)
            d2.owner = d.owner or name
            d2.status = words[rules.STATUSES.index(rules.status_key(d.status))] if str(d.status).strip() else d.status
            out.append(d2)
    return out
