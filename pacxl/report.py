"""``pacxl report``: where the plan stands at month M, as terminal tables, JSON or an HTML page.

:func:`report_figures` computes every figure from a :class:`pacxl.model.Plan` with
:mod:`pacxl.calc` (never from cached formula values) and returns the JSON document whose schema
``pacxl.report/1`` is documented in docs/report.md. :mod:`pacxl.report_terminal` and
:mod:`pacxl.report_html` only lay those figures out, with the formats of :mod:`pacxl.report_format`.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

from . import adjust, calc
from .calc import revisions as revisions_rule
from .calc._num import is_number
from .calc.variance import check_month, kpi_kind
from .check import month_start, plan_as_of, status_position
from .errors import InputError
from .messages import lang_of
from .model import Plan
from .report_pipeline import pipeline_section
from .report_revisions import revision_figures
from .report_team import allocation_figures
from .report_reconcile import capacity_figures, reconciliation_figures
from .report_format import ACTION_STATES
from .workbook.contract import (
    STATUS_CANCELLED,
    STATUS_DOING,
    STATUS_DONE,
    STATUS_POSTPONED,
)

JSON_SCHEMA_ID = "pacxl.report/1"



def _num(v: Any) -> float | None:
    return float(v) if is_number(v) else None


def _sum(values) -> float:
    return sum(float(v) for v in values if is_number(v))


def _kind(word: str) -> str:
    try:
        return kpi_kind(word)
    except InputError:
        return "count"


def resolve_month(plan: Plan, month: int | None) -> int:
    """The report's month: ``month`` when given, else the plan's tracking month."""
    if month is None:
        month = plan.settings.tracking_month
        if month is None:
            raise InputError(
                "the workbook has no tracking month (PAC_Month): give one with --month 1..12",
                    fr="le classeur n'a pas de mois de suivi (Paramètres, « Mois de suivi ») : donnez-en un avec --month 1..12"
            )
    return check_month(month)


def kpi_series(plan: Plan, kpi) -> tuple[calc.Series | None, calc.Series | None, bool]:
    """(numerator, denominator, valid) of a rate KPI: the series of the sum KPIs it names. A rate
    that names none is an average (None, None, True); one whose names are wrong has no figures
    (None, None, False) and ``check`` says why."""
    if not (kpi.numerator.strip() and kpi.denominator.strip()):
        return None, None, True
    by_id = {k.id.strip().casefold(): k for k in plan.kpis if k.id.strip()}
    parts = [by_id.get(x.strip().casefold()) for x in (kpi.numerator, kpi.denominator)]
    if any(p is None or _kind(p.kind) == "rate" for p in parts):
        return None, None, False
    return calc.Series(parts[0].plan, parts[0].actual), calc.Series(parts[1].plan, parts[1].actual), True


def _kpi_calc(plan: Plan, k, month: int) -> tuple[str, calc.Series | None, calc.Series | None, bool]:
    kind = _kind(k.kind)
    num, den, ok = kpi_series(plan, k) if kind == "rate" else (None, None, True)
    return kind, num, den, ok


def kpi_figures(plan: Plan, month: int) -> list[dict]:
    out = []
    base = plan.baseline.entries
    for k in plan.kpis:
        kind, num, den, ok = _kpi_calc(plan, k, month)
        f = calc.kpi_figures(kind, k.plan, k.actual, month, num, den)
        if not ok:
            f = {key: None for key in f}
        initial = revisions_rule.initial_kpi_year(base, kind, k.id, *((k.numerator, k.denominator) if num else ()))
        out.append(
            {
                "id": k.id,
                "name": k.name,
                "kind": kind,
                "unit": k.unit,
                "objective_id": k.objective_id,
                "numerator": k.numerator or None,
                "denominator": k.denominator or None,
                "rate_rule": ("ratio" if num is not None else "average") if kind == "rate" else None,
                "plan_month": _num(k.plan[month - 1]),
                "actual_month": _num(k.actual[month - 1]),
                "plan_ytd": f["plan_ytd"],
                "actual_ytd": f["actual_ytd"],
                "variance": f["variance"],
                "variance_pct": f["variance_pct"],
                "favourable": f["favourable"],
                "initial": initial if ok else None,  # the year's plan as frozen (calc.revisions)
                "plan_year": f["plan_year"],
                "landing": f["landing"],
                "run_rate": f["run_rate"],
                "plan_by_month": [_num(v) for v in k.plan],
                "actual_by_month": [_num(v) if i < month else None for i, v in enumerate(k.actual)],
            }
        )
    return out


def objective_figures(plan: Plan, kpis: list[dict], month: int) -> list[dict]:
    s = plan.settings
    pairs = [(k.name, k.objective_id) for k in plan.kpis]
    out = []
    for o in plan.objectives:
        linked = [k for k in kpis if k["objective_id"].strip().casefold() == o.id.strip().casefold() and o.id.strip()]
        i = calc.measuring_kpi(o.id, o.kpi, pairs)
        measure = kpis[i] if i is not None else None
        landing = on_track = None
        until = calc.deadline_month(o.deadline, s.year, s.first_month)
        if i is not None:
            k = plan.kpis[i]
            kind, num, den, ok = _kpi_calc(plan, k, month)
            if ok:
                landing = calc.landing_until(kind, k.plan, k.actual, month, until, num, den)
            on_track = calc.on_track(landing, o.target, kind)
        out.append(
            {
                "id": o.id,
                "objective": o.objective,
                "kpi": o.kpi,
                "target": _num(o.target),
                "initial": revisions_rule.initial_target(plan.baseline.entries, o.id),
                "unit": o.unit,
                "deadline": o.deadline.isoformat() if o.deadline else None,
                "deadline_month": until,
                "owner": o.owner,
                "status": o.status,
                "qualitative": calc.is_qualitative(o.kpi, o.target),
                "kpis": [k["id"] for k in linked],
                "measured_by": measure["id"] if measure else None,
                "rate": bool(measure and measure["kind"] == "rate") or o.unit.strip() == "%",
                "landing": landing,
                "on_track": on_track,
            }
        )
    return out


def budget_figures(plan: Plan, month: int) -> dict:
    order = list(plan.settings.budget_categories)
    lines = []
    cats: dict[str, list[dict]] = {}
    baseline: dict[str, list] = {}  # the budget entries of the baseline by line: one pass, not one a line
    for e in plan.baseline.entries:
        if e.kind == "budget":
            baseline.setdefault(revisions_rule.key(e.id), []).append(e)
    for line in plan.budget:
        f = calc.line_figures(line.months, line.actual, month)
        entries = baseline.get(revisions_rule.key(line.id), [])
        f = {**f, "initial": revisions_rule.initial_budget_total(entries, line.id)}
        lines.append({"id": line.id, "label": line.label, "category": line.category,
                      "action_id": line.action_id, **f})
        cats.setdefault(line.category.strip(), []).append(f)

    def finish(name: str, figures: list[dict]) -> dict:
        t = calc.budget_totals(figures)
        return {"category": name, "initial": revisions_rule.initial_sum(f["initial"] for f in figures),
                "plan_year": t["total"], "plan_ytd": t["plan_ytd"], "actual": t["actual"],
                "variance": t["variance"], "variance_pct": t["variance_pct"],
                "favourable": t["favourable"], "consumed": t["consumed"]}

    names = [c for c in order if c in cats] + sorted(c for c in cats if c not in order)
    rows = [finish(n, cats[n]) for n in names]
    total = finish("total", [f for fs in cats.values() for f in fs])
    return {"categories": rows, "total": total, "lines": lines}


def action_state(plan: Plan, action, as_of: dt.date | None) -> str:
    """One of :data:`ACTION_STATES` as of a date (late wins over in progress, to do, postponed)."""
    pos = status_position(plan.settings, action.status)
    if pos == STATUS_DONE:
        return "done"
    if pos == STATUS_CANCELLED:
        return "cancelled"
    if calc.is_late(action.end, False, as_of):
        return "late"
    if pos == STATUS_DOING:
        return "in_progress"
    if pos == STATUS_POSTPONED:
        return "postponed"
    return "to_do"


def action_figures(plan: Plan, as_of: dt.date | None) -> dict:
    counts = {s: 0 for s in ACTION_STATES}
    late = []
    by_owner: dict[str, dict[str, int]] = {}
    budgets = calc.action_budgets((b.action_id, b.months) for b in plan.budget)
    for a in plan.actions:
        state = action_state(plan, a, as_of)
        counts[state] += 1
        owner = by_owner.setdefault(a.owner, {s: 0 for s in ACTION_STATES})
        owner[state] += 1
        if state == "late":
            late.append({"id": a.id, "action": a.action, "owner": a.owner,
                         "end": a.end.isoformat() if a.end else None, "status": a.status,
                         "budget": budgets.get(a.id.strip().casefold())})
    counts["total"] = len(plan.actions)
    return {"counts": counts, "late": late, "by_owner": by_owner}


def funnel_figures(plan: Plan) -> dict:
    """The Funnel sheet's figures (see :mod:`pacxl.adjust`): yearly, monthly and weekly volumes
    (weeks: the year's working weeks), ``tblFunnelMonths`` per stage (``months``, ``before``),
    the volumes still needed at the observed rates (``volume_observed``), and ``observed``: per
    named stage, its actuals to date and the observed rate to the next stage against the assumed
    one (``below``: more than 10 % under it)."""
    stages = adjust.stages(plan)
    deals = adjust._deals(plan)
    obs = adjust.observed(plan)
    assumed = adjust.assumed_rates(plan)
    out: dict[str, Any] = {"deals_target": deals, "working_weeks": adjust.working_weeks(plan),
                           "signatures_by_month": adjust.monthly_signatures(plan), "stages": [],
                           "observed": [
                               {"name": name, "actual_to_date": obs["actual_to_date"][i],
                                "observed_rate": obs["rates"][i] if i < len(obs["rates"]) else None,
                                "assumed_rate": assumed[i] if assumed and i < len(assumed) else None,
                                "below": bool(obs["below"][i]) if i < len(obs["below"]) else False}
                               for i, name in enumerate(stages)]}
    rates = assumed
    if deals is None or rates is None:
        return out
    vols = calc.required_volumes(deals, rates)
    monthly = calc.per_period(vols, 12)
    weekly = calc.per_period(vols, out["working_weeks"])
    months = adjust.funnel_months(plan)
    for i, name in enumerate(stages):
        out["stages"].append(
            {
                "name": name,
                "rate_to_next": float(rates[i]) if i < len(rates) else None,
                "year": vols[i],
                "month": monthly[i],
                "week": weekly[i],
                "lag": adjust.lags(plan)[i],
                "before": months.before[i],
                "months": months.months[i],
                "volume_observed": obs["volumes"][i] if obs["volumes"] else None,
            }
        )
    return out


def abc_figures(plan: Plan) -> dict:
    """The ABC split on the plan's basis (revenue or margin); the class summary is in revenue."""
    from .calc.customers import class_summary
    from .report_customers import classes

    amounts = [c.amount for c in plan.customers]
    s = plan.settings
    res, _ = classes(plan)
    return {
        "customers": sum(1 for a in amounts if is_number(a)),
        "with_revenue": sum(1 for a in amounts if is_number(a) and a > 0),
        "total": float(sum(a for a in amounts if is_number(a) and a > 0)),
        "basis": s.abc_basis,
        "thresholds": {"A": s.abc_a, "B": s.abc_b},
        "classes": class_summary([str(c) for c in res.classes], amounts),
    }


def segment_figures(plan: Plan) -> dict:
    """Each segment's target share and last year's share of revenue (positive amounts, as ABC)."""
    names = list(plan.settings.segments) or [seg.name for seg in plan.segments]
    last = calc.segment_shares([c.amount for c in plan.customers], [c.segment for c in plan.customers], names)
    target = {seg.name.strip().casefold(): _num(seg.share) for seg in plan.segments}
    rows = [{"name": n, "target_share": target.get(n.strip().casefold()), "last_share": last.get(n)}
            for n in names if n.strip()]
    shares = [r["last_share"] for r in rows if r["last_share"] is not None]
    return {"segments": rows, "last_share_total": sum(shares) if shares else None}


def revenue_figures(kpis: list[dict]) -> dict:
    """The dashboard's revenue block: the sums of the revenue KPIs' figures."""
    rev = [k for k in kpis if k["kind"] == "revenue"]

    def total(key: str) -> float:
        return sum(k[key] for k in rev if k[key] is not None)

    out = {key: total(key) for key in ("plan_year", "plan_ytd", "actual_ytd", "landing")}
    out["variance"] = out["actual_ytd"] - out["plan_ytd"]
    # the dashboard's cards: to date against plan to date, landing against the year's plan
    out["variance_pct"] = calc.variance_pct(out["actual_ytd"], out["plan_ytd"])
    out["landing_variance_pct"] = calc.variance_pct(out["landing"], out["plan_year"])
    return out


def report_figures(plan: Plan, month: int | None = None, workbook: str = "",
                   today: dt.date | None = None, quarter: int | None = None) -> dict:
    """Every figure of the report at plan month ``month`` (the tracking month by default), as of
    the plan's as-of date (``today`` overrides it, like ``check --today``); ``quarter``: the plan
    quarter the terminal and HTML show (default: the month's)."""
    from .report_customers import customer_figures
    from .report_followup import add_figures

    m = resolve_month(plan, month)
    s = plan.settings
    kpis = kpi_figures(plan, m)
    as_of = today or plan_as_of(s, m)
    fig = {
        "schema": JSON_SCHEMA_ID,
        "workbook": workbook,
        "lang": lang_of(s.lang),
        "company": s.company,
        "year": s.year,
        "currency": s.currency,
        "month": m,
        "month_start": month_start(s, m).isoformat(),
        "as_of": as_of.isoformat(),
        "revenue_target": _num(s.revenue_target),
        "revenue": revenue_figures(kpis),
        "objectives": objective_figures(plan, kpis, m),
        "kpis": kpis,
        "budget": budget_figures(plan, m),
        "actions": action_figures(plan, as_of),
        "funnel": funnel_figures(plan),
        "seasonality": adjust.profile(plan),
        "working_days": adjust.working_days(plan),
        "abc": abc_figures(plan),
        "customers": customer_figures(plan),
        "segments": segment_figures(plan),
        "pipeline": pipeline_section(plan, m, as_of),
        **revision_figures(plan),
        "allocation": allocation_figures(plan),
        "reconciliation": reconciliation_figures(plan),
        "capacity": capacity_figures(plan),
    }
    add_figures(fig, plan, m, quarter)
    return finite_figures(fig)


def finite_figures(obj):
    """``obj`` with every infinite or NaN figure replaced by None (null in JSON): a sum of figures
    near the float maximum overflows; ``check`` names the cell (rule number-too-large)."""
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if isinstance(obj, dict):
        return {k: finite_figures(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [finite_figures(v) for v in obj]
    return obj


def report_workbook(path: str | Path, month: int | None = None, quarter: int | None = None) -> dict:
    """Read a pacxl workbook and compute its report figures (``quarter``: see :func:`report_figures`)."""
    from .workbook.read import read_plan

    if quarter is not None:  # refused before the workbook is read
        from .report_followup import check_quarter

        check_quarter(quarter)
    plan = read_plan(path)
    return report_figures(plan, month, workbook=str(path), quarter=quarter)
