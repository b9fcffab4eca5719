"""The team's figures of issue 15 for ``report``, ``check`` and the dashboard: the reconciliation
held by a team workbook (``consolidate --against``) and the capacity of each salesperson.

Figures come from :mod:`pacxl.calc.reconcile` and :mod:`pacxl.calc.team_capacity` applied to a
:class:`pacxl.model.Plan` as the workbook's native formulas apply them to its cells (Team sheet's
capacity columns, Reconciliation sheet).
"""

from __future__ import annotations

from typing import Any

from . import adjust, calc
from .calc import reconcile as R
from .calc import team_capacity as T
from .calc._num import is_number
from .calc.team import Part, salesperson_targets
from .model import Plan


def team_segment_targets(plan: Plan) -> dict[str, float]:
    """The Targets sheet's revenue per segment: revenue target x share (segments with both)."""
    s = plan.settings
    if not is_number(s.revenue_target):
        return {}
    return {seg.name.strip(): float(s.revenue_target) * float(seg.share)
            for seg in plan.segments if seg.name.strip() and is_number(seg.share)}


def allocated_targets(plan: Plan) -> dict[str, float]:
    """salesperson -> their allocated target (the Team sheet's target per salesperson)."""
    parts = [Part(a.salesperson, a.segment, a.share, a.amount) for a in plan.allocations]
    return salesperson_targets(parts, team_segment_targets(plan))


def funnel_meetings(plan: Plan) -> float | None:
    """The yearly volume of the funnel's meeting stage (``INDEX(PAC_FunnelVolumes,2)``)."""
    deals, rates = adjust._deals(plan), adjust.assumed_rates(plan)
    if deals is None or rates is None:
        return None
    return T.meetings_of_funnel(calc.required_volumes(deals, rates))


def coverage_meetings(plan: Plan) -> float:
    """The customer coverage plan's meetings per year (``PAC_CoverageMeetings``; 0 without one)."""
    from .report_customers import coverage_meetings as meetings

    return meetings(plan)


def capacity_figures(plan: Plan) -> dict[str, Any] | None:
    """Per tblTeam salesperson: share of the team's target, meetings needed per working week,
    load (the Team sheet's capacity columns); None when the plan has no team."""
    members = [m for m in plan.team if m.salesperson.strip()]
    if not members:
        return None
    targets = allocated_targets(plan)
    by_key = {R.key(k): v for k, v in targets.items()}
    meetings, weeks, coverage = funnel_meetings(plan), adjust.working_weeks(plan), coverage_meetings(plan)
    rows = T.capacity_rows([(m.salesperson.strip(), m.meetings_per_week, by_key.get(R.key(m.salesperson), 0.0))
                            for m in members], plan.settings.revenue_target, meetings, weeks, coverage)
    return {"meetings_per_year": meetings, "coverage_meetings": coverage, "working_weeks": weeks,
            "people": rows}


def reconciliation_lines(plan: Plan) -> list[R.Line]:
    """tblReconciliation's lines, their allocation and gap computed from their inputs."""
    return [R.line(x.salesperson.strip(), x.segment.strip(), x.plan, x.team_target, x.share, x.amount)
            for x in plan.reconciliation]


def observed_figures(plan: Plan) -> list[dict]:
    """tblReconciliationRates: per salesperson, each stage's actual to date, the observed rate to
    the next stage (a ratio of totals), the team's assumed rate of that stage and the difference."""
    stages = [s.strip().casefold() for s in adjust.stages(plan)]
    assumed = list(plan.settings.funnel_rates)
    by_person: dict[str, list] = {}
    for x in plan.stage_actuals:
        by_person.setdefault(R.key(x.salesperson), []).append(x)
    out = []
    for rows in by_person.values():
        observed = R.observed_from_totals([x.actual for x in rows])
        for i, x in enumerate(rows):
            last = i == len(rows) - 1
            pos = stages.index(x.stage.strip().casefold()) if x.stage.strip().casefold() in stages else None
            a = None if last or pos is None or pos >= len(assumed) or not is_number(assumed[pos]) else float(assumed[pos])
            o = None if last else observed[i]
            out.append({"salesperson": rows[0].salesperson.strip(), "stage": x.stage.strip(), "actual": x.actual,
                        "observed": o, "assumed": a, "difference": R.rate_gaps([o], [a])[0]})
    return out


def reconciliation_figures(plan: Plan) -> dict[str, Any] | None:
    """The ``reconciliation`` key of ``report --json``: lines, totals per salesperson and per
    segment, grand total, segment mix and observed rates; None without a reconciliation."""
    if not plan.reconciliation:
        return None
    rec = R.totals(reconciliation_lines(plan))

    def d(ln: R.Line, **names: str) -> dict:
        return {**names, "plan": ln.plan, "allocation": ln.allocation, "gap": ln.gap, "gap_pct": ln.gap_pct}

    return {"lines": [d(ln, salesperson=ln.person, segment=ln.segment) | {"gap_flagged": R.is_gap(ln.plan, ln.allocation)}
                      for ln in rec.lines],
            "salespeople": [d(ln, salesperson=ln.person) for ln in rec.people],
            "segments": [d(ln, segment=ln.segment) for ln in rec.segments],
            "total": d(rec.total),
            "mix": rec.mix,
            "observed_rates": observed_figures(plan)}


# --- rendering (report_terminal / report_html call these) ------------------------------------------

def _label(key: str, lang: str, **kw: Any) -> str:
    from .messages import text

    return text(f"report.rc.{key}", lang, **kw)


def _pct(x: float | None, lang: str, signed: bool = False) -> str:
    from .report_format import fmt_num

    if x is None:
        return "-"
    x = round(x, 3) + 0.0  # no "-0,0 %"
    s = fmt_num(x * 100, 1, lang) + " %"
    return ("+" + s) if signed and x > 0 else s


def _rows(fig: dict, lang: str) -> tuple[list[tuple[str, list[list[str]], set[int]]], ...]:
    """The sections to show: (title, header + rows, right-aligned columns)."""
    from .report_format import fmt_num

    out = []
    rec, cap = fig.get("reconciliation"), fig.get("capacity")
    if rec:
        head = [_label("salesperson", lang), _label("segment", lang), _label("plan", lang),
                _label("allocation", lang), _label("gap", lang), _label("gap_pct", lang)]
        rows = [head] + [[x["salesperson"], x["segment"], fmt_num(x["plan"], 2, lang),
                          fmt_num(x["allocation"], 2, lang) if x["allocation"] is not None else "-",
                          fmt_num(x["gap"], 2, lang), _pct(x["gap_pct"], lang, True)]
                         for x in rec["lines"] + [dict(p, segment="Total") for p in rec["salespeople"]]]
        out.append((_label("section", lang), rows, {2, 3, 4, 5}))
        head = [_label("segment", lang), _label("plan_share", lang), _label("team_share", lang), _label("mix_gap", lang)]
        rows = [head] + [[m["segment"], _pct(m["plan_share"], lang), _pct(m["team_share"], lang),
                          _pct(m["difference"], lang, True)] for m in rec["mix"]]
        out.append((_label("mix", lang), rows, {1, 2, 3}))
        if rec["observed_rates"]:
            head = [_label("salesperson", lang), _label("stage", lang), _label("observed", lang),
                    _label("assumed", lang), _label("difference", lang)]
            rows = [head] + [[x["salesperson"], x["stage"], _pct(x["observed"], lang), _pct(x["assumed"], lang),
                              _pct(x["difference"], lang, True)] for x in rec["observed_rates"] if x["assumed"] is not None
                             or x["observed"] is not None]
            out.append((_label("rates", lang), rows, {2, 3, 4}))
    if cap:
        head = [_label("salesperson", lang), _label("capacity", lang), _label("need", lang), _label("load", lang)]
        rows = [head] + [[p["salesperson"], fmt_num(p["meetings_per_week"], 1, lang) if p["meetings_per_week"] is not None
                          else "-", fmt_num(p["need_per_week"], 1, lang) if p["need_per_week"] is not None else "-",
                          _pct(p["load"], lang)] for p in cap["people"]]
        out.append((_label("capacity_section", lang), rows, {1, 2, 3}))
    return tuple(out)


def render_terminal(fig: dict, console, lang: str) -> None:
    from rich.markup import escape
    from rich.table import Table

    for title, rows, right in _rows(fig, lang):
        t = Table(title=title, title_justify="left")
        for i, h in enumerate(rows[0]):
            t.add_column(h, justify="right" if i in right else "left")
        for row in rows[1:]:
            t.add_row(*(escape(str(v)) for v in row))
        console.print(t)


def render_html(fig: dict, lang: str) -> str:
    from .report_format import _e, _table

    return "".join(f"<h2>{_e(title)}</h2>" + _table(rows[0], [[_e(v) for v in r] for r in rows[1:]], right)
                   for title, rows, right in _rows(fig, lang))
