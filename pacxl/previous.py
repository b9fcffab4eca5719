"""``pacxl new --from-previous LAST_YEAR.xlsx``: next year's plan, started from last year's.

The new plan (year + 1, same company, currency, language, first month, owners and lists) gets:

* the review sheet (Bilan N-1) filled from last year's actuals, at last year's tracking month:
  one line per segment (kind *segment*: objective = its target share x the revenue target,
  achieved = what its customers brought, :func:`pacxl.calc.previous.segment_revenue`), one line
  per revenue KPI (kind *product*: a plan that follows revenue per product line has one revenue
  KPI per product; objective = the KPI's plan of the year, achieved = its actual to date); the
  other KPIs' actuals against their plan as conversion notes; the actions done, with their cost
  (:func:`pacxl.calc.previous.action_costs`), under *what worked*, the cancelled and postponed
  ones under *what did not work*;
* the segments and the customer list, as they are;
* the seasonality profile: last year's 12 monthly revenues (actuals to the tracking month, plan
  after it: :func:`pacxl.calc.previous.monthly_revenue`) in ``review.monthly_revenue`` (the Last
  year sheet's ``PAC_RevenueN1``), which Settings' ``PAC_Seasonality`` follows (each month's
  share, :func:`pacxl.calc.seasonality.from_history`); nothing is typed, so correcting a month
  there moves the profile. A revenue history with a blank month leaves the profile flat.

Objectives, actions, budget and KPIs start blank: they are next year's to write.
"""

from __future__ import annotations

import copy
from pathlib import Path

from .calc import previous as last_year
from .calc.variance import kpi_kind
from .errors import InputError
from .model import Plan, Review, ReviewLine


def _kind(word: str) -> str:
    try:
        return kpi_kind(word)
    except InputError:
        return "count"


def plan_from_previous(path, *, year: int | None = None) -> Plan:
    """Next year's plan from last year's workbook ``path`` (see the module's docstring)."""
    from .check import status_position
    from .defaults import blank_plan
    from .messages import fmt_money, fmt_number, fmt_percent
    from .report import kpi_figures
    from .workbook.contract import STATUS_CANCELLED, STATUS_DONE, STATUS_POSTPONED
    from .workbook.i18n import text
    from .workbook.read import read_plan

    last = read_plan(Path(path))
    s, lang = last.settings, last.settings.lang
    new_year = year if year is not None else s.year + 1
    plan = blank_plan(lang, year=new_year, company=s.company, currency=s.currency, owners=list(s.owners))
    t = plan.settings
    for attr in ("first_month", "categories", "levers", "statuses", "budget_categories", "funnel_stages",
                 "funnel_rates", "abc_a", "abc_b", "average_deal"):
        setattr(t, attr, copy.deepcopy(getattr(s, attr)))
    t.segments = list(s.segments)
    plan.segments = copy.deepcopy(last.segments)
    plan.customers = copy.deepcopy(last.customers)

    month = s.tracking_month if s.tracking_month and 1 <= s.tracking_month <= 12 else 12
    figures = kpi_figures(last, month)
    review = Review()
    seg_word, product_word = text("rv_kind_segment", lang), text("rv_kind_product", lang)
    achieved = last_year.segment_revenue([c.amount for c in last.customers], [c.segment for c in last.customers],
                                         [seg.name for seg in last.segments])
    for seg in last.segments:
        if not seg.name.strip():
            continue
        target = (seg.share * s.revenue_target) if seg.share is not None and s.revenue_target is not None else None
        review.lines.append(ReviewLine(seg.name, seg_word, target, achieved.get(seg.name)))

    def money(x: float) -> str:
        return fmt_money(x, s.currency, lang)

    def show(x: float | None, kind: str) -> str:
        if x is None:
            return "-"
        if kind == "rate":
            return fmt_percent(x, lang)
        return money(x) if kind == "cost" else fmt_number(x, lang, 0)

    for k, f in zip(last.kpis, figures):
        kind = f["kind"]
        if kind == "revenue":
            review.lines.append(ReviewLine(k.name, product_word, f["plan_year"], f["actual_ytd"], k.unit))
            continue
        if f["actual_ytd"] is None and f["plan_year"] is None:
            continue
        actual, planned = show(f["actual_ytd"], kind), show(f["plan_ytd"], kind)
        unit = f" {k.unit}" if k.unit and kind == "count" and f["actual_ytd"] is not None else ""
        review.conversion_notes.append(
            f"{k.name} : {actual}{unit} (prévu {planned})" if lang == "fr"
            else f"{k.name}: {actual}{unit} (plan {planned})")

    costs = last_year.action_costs((b.action_id, b.months, b.actual) for b in last.budget)
    for a in last.actions:
        pos = status_position(s, a.status)
        cost = costs.get(a.id.strip().casefold())
        label = " ".join(x for x in (a.id, a.action) if x)
        if pos == STATUS_DONE:
            review.worked.append(label + (f" ({'coût' if lang == 'fr' else 'cost'} {money(cost)})"
                                          if cost is not None else ""))
        elif pos in (STATUS_CANCELLED, STATUS_POSTPONED):
            review.did_not_work.append(f"{label} ({a.status})")

    monthly = last_year.monthly_revenue(((_kind(k.kind), k.plan, k.actual) for k in last.kpis), month)
    review.monthly_revenue = monthly
    t.seasonality = []  # the profile follows review.monthly_revenue (PAC_RevenueN1)
    plan.review = review
    return plan
