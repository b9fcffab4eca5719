"""``pacxl report``: where the plan stands at month M, as terminal tables, JSON or an HTML page.

:func:`report_figures` computes every figure from a :class:`pacxl.model.Plan` with
:mod:`pacxl.calc` (never from cached formula values) and returns the JSON document whose schema
``pacxl.report/1`` is documented in docs/report.md. :func:`render_terminal` and
:func:`render_html` only lay those figures out.
"""

from __future__ import annotations

import datetime as dt
import math
import html
from pathlib import Path
from typing import Any

from . import adjust, calc
from .calc import revisions as revisions_rule
from .calc._num import is_number
from .calc.variance import aggregation, check_month, kpi_kind
from .check import (
    deals_target,
    plan_as_of,
    month_end,
    month_start,
    status_position,
)
from .errors import InputError
from .messages import currency_symbol, fmt_date, lang_of, text
from .model import Plan
from .report_revisions import revision_figures
from .workbook.contract import (
    SHEETS,
    STATUS_CANCELLED,
    STATUS_DOING,
    STATUS_DONE,
    STATUS_POSTPONED,
)

JSON_SCHEMA_ID = "pacxl.report/1"

ACTION_STATES = ("done", "late", "in_progress", "to_do", "postponed", "cancelled")


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
    for line in plan.budget:
        f = calc.line_figures(line.months, line.actual, month)
        f = {**f, "initial": revisions_rule.initial_budget_total(plan.baseline.entries, line.id)}
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
    amounts = [c.amount for c in plan.customers]
    s = plan.settings
    try:
        res = calc.abc_classes(amounts, s.abc_a, s.abc_b)
    except InputError:
        res = calc.abc_classes(amounts)
    return {
        "customers": sum(1 for a in amounts if is_number(a)),
        "with_revenue": sum(1 for a in amounts if is_number(a) and a > 0),
        "total": res.total,
        "thresholds": {"A": s.abc_a, "B": s.abc_b},
        "classes": res.summary(amounts),
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
        "segments": segment_figures(plan),
        **revision_figures(plan),
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


# --- terminal ---------------------------------------------------------------------------------


def fmt_num(v: Any, decimals: int = 0, lang: str = "en") -> str:
    """``299 000`` (narrow no-break spaces); French decimals take a comma."""
    if v is None:
        return ""
    s = f"{v:,.{decimals}f}".replace(",", "\u202f")
    return s.replace(".", ",") if lang == "fr" else s


def fmt_pct(v: Any, lang: str = "en") -> str:
    """A signed variance: ``+4.6%`` / ``+4,6 %``."""
    if v is None:
        return ""
    s = "0.0%" if abs(v) < 0.0005 else f"{v:+.1%}"
    return s.replace(".", ",").replace("%", "\u00a0%") if lang == "fr" else s


def fmt_share(v: Any, lang: str = "en") -> str:
    """A share: ``90.0%`` / ``90,0 %``."""
    if v is None:
        return ""
    s = f"{v:.1%}"
    return s.replace(".", ",").replace("%", "\u00a0%") if lang == "fr" else s


def _kpi_value(v: Any, kind: str, lang: str = "en") -> str:
    if v is None:
        return ""
    return fmt_share(v, lang) if kind == "rate" and abs(v) <= 1 else fmt_num(v, 0, lang)


def _verdict(fav: bool | None, lang: str = "en") -> str:
    return "" if fav is None else text("report.favourable" if fav else "report.unfavourable", lang)


def _month_label(fig: dict, lang: str = "en") -> str:
    d = dt.date.fromisoformat(fig["month_start"])
    return text("report.month", lang, m=fig["month"], mm_yyyy=f"{d:%m/%Y}")


def _show_date(iso: str | None, lang: str) -> str:
    """An ISO date as the language writes it: ``31/12/2026`` in French, ISO in English."""
    if not iso:
        return ""
    return fmt_date(iso, lang) if lang == "fr" else iso


def _objective_value(v: Any, unit: str, lang: str = "en", rate: bool = False) -> str:
    """A target or landing: as a percentage when it is a rate (unit % or a rate KPI, as the
    Objectives sheet shows it), else with its unit."""
    if v is None:
        return ""
    if rate or unit.strip() == "%":
        return fmt_share(v, lang) if abs(v) <= 1.5 else f"{fmt_num(v, 1, lang)} %"
    return fmt_num(v, 0, lang) + (f" {unit}" if unit else "")


def has_actuals(fig: dict) -> bool:
    """Whether the plan has any actual (a KPI's month or a budget line's spend) up to the report's month."""
    return any(is_number(v) for k in fig["kpis"] for v in k["actual_by_month"]) or any(
        is_number(line.get("actual")) and line["actual"] for line in fig["budget"]["lines"])


#: Width of the report when stdout is a pipe or a file: no column is dropped to fit a terminal.
PIPE_WIDTH = 1000


def _console():
    """A terminal's own width; piped or redirected, wide enough for every column (rich would
    otherwise assume 80 columns and drop or crop some)."""
    from rich.console import Console

    console = Console()
    return console if console.is_terminal else Console(width=PIPE_WIDTH)


def _report_lang(fig: dict, lang: str | None) -> str:
    return lang_of(lang or fig.get("lang") or "fr")


def render_terminal(fig: dict, console=None, lang: str | None = None) -> None:
    """Print the report as rich tables (text columns cut with an ellipsis, figures never wrapped),
    in ``lang`` (default: the figures' ``lang``, the workbook's language)."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    lang = _report_lang(fig, lang)

    def L(key: str, **kw) -> str:
        return text(f"report.{key}", lang, **kw)

    def num(v: Any) -> str:
        return fmt_num(v, 0, lang)

    def share(v: Any) -> str:
        return fmt_share(v, lang)

    def kv(v: Any, kind: str) -> str:
        return _kpi_value(v, kind, lang)

    console = console or _console()
    cur = escape(currency_symbol(fig["currency"]) if lang == "fr" else fig["currency"])
    title = L("title", company=escape(fig["company"] or "PAC"), year=fig["year"], month=_month_label(fig, lang))
    console.print(f"[bold]{title}[/bold], " + L("subtitle", date=_show_date(fig["as_of"], lang)))
    if not has_actuals(fig):
        console.print(escape(L("no_actuals", kpi=SHEETS["kpi"][lang], budget=SHEETS["budget"][lang])))

    class _T:
        """A rich table whose columns are sized from their content once every row is in:
        figures never shrink nor wrap, short texts (IDs, owners) keep up to 14 characters, the
        long text column takes what is left and ends with an ellipsis."""

        def __init__(self, title: str, columns: list[tuple[str, str]]):
            self.title, self.columns, self.rows = title, columns, []

        def add_row(self, *cells: str) -> None:
            self.rows.append(cells)

        def __rich_console__(self, console, options):
            from rich.text import Text

            widths = [max([len(Text.from_markup(r[i]).plain) for r in self.rows] + [len(h), 1])
                      for i, (h, _) in enumerate(self.columns)]
            fixed = [w if kind == "num" else min(w, 14) for w, (_, kind) in zip(widths, self.columns)]
            borders = 3 * len(self.columns) + 1
            rest = options.max_width - borders - sum(f for f, (_, k) in zip(fixed, self.columns) if k != "wide")
            t = Table(title=self.title, title_justify="left")
            for (header, kind), w, f in zip(self.columns, widths, fixed):
                if kind == "num":
                    t.add_column(header, justify="right", no_wrap=True, min_width=w)
                elif kind == "wide":  # on a terminal at most 60 characters; piped, whole
                    cap = 60 if console.is_terminal else w
                    t.add_column(header, overflow="ellipsis", no_wrap=True, width=max(10, min(w, rest, cap)))
                else:
                    t.add_column(header, overflow="ellipsis", no_wrap=True, min_width=f)
            for r in self.rows:
                t.add_row(*r)
            yield t

    def table(title: str, columns: list[tuple[str, str]]) -> "_T":
        return _T(title, columns)

    e = escape
    t = table(L("objectives"), [(L("id"), "text"), (L("objective"), "wide"), (L("target"), "num"),
                                (L("landing"), "num"), (L("on_track"), "text"), (L("deadline"), "num"),
                                (L("owner"), "text"), (L("status"), "text")])
    for o in fig["objectives"]:
        on = o["on_track"]
        t.add_row(e(o["id"]), e(o["objective"]), e(_objective_value(o["target"], o["unit"], lang, o["rate"])),
                  e(_objective_value(o["landing"], o["unit"], lang, o["rate"])),
                  "" if on is None else (f"[green]{L('yes')}[/]" if on else f"[red]{L('no')}[/]"),
                  _show_date(o["deadline"], lang), e(o["owner"]), e(o["status"]))
    console.print(t)

    t = table(L("kpis_terminal"), [(L("id"), "text"), (L("kpi"), "wide"), (L("plan_ytd"), "num"),
                                   (L("actual_ytd"), "num"), (L("variance"), "num"), (L("variance_pct"), "num"),
                                   ("", "text"), (L("landing"), "num"), (L("plan_year"), "num")])
    for k in fig["kpis"]:
        fav = k["favourable"]
        style = "" if fav is None else ("green" if fav else "red")
        t.add_row(e(k["id"]), e(k["name"]), kv(k["plan_ytd"], k["kind"]), kv(k["actual_ytd"], k["kind"]),
                  kv(k["variance"], k["kind"]), fmt_pct(k["variance_pct"], lang),
                  f"[{style}]{_verdict(fav, lang)}[/]" if style else "", kv(k["landing"], k["kind"]),
                  kv(k["plan_year"], k["kind"]))
    console.print(t)
    if "quarters" in fig:  # catch-up and the selected quarter (pacxl.report_followup)
        from .report_followup import terminal

        terminal(fig, console, table, L, kv, e, lang)

    t = table(L("budget", currency=cur), [(L("category"), "wide"), (L("plan_year"), "num"),
                                          (L("plan_to_date"), "num"), (L("actual"), "num"),
                                          (L("variance"), "num"), (L("consumed"), "num"), ("", "text")])
    b = fig["budget"]
    for r in [*b["categories"], b["total"]]:
        fav = r["favourable"]
        t.add_row(f"[bold]{L('total')}[/]" if r is b["total"] else e(r["category"]), num(r["plan_year"]),
                  num(r["plan_ytd"]), num(r["actual"]), num(r["variance"]), share(r["consumed"]),
                  "" if fav is None else (f"[green]{_verdict(True, lang)}[/]" if fav
                                          else f"[red]{_verdict(False, lang)}[/]"))
    console.print(t)

    a = fig["actions"]
    t = table(L("actions"), [(text(f"state.{s}", lang), "num") for s in ACTION_STATES] + [(L("total"), "num")])
    c = a["counts"]
    t.add_row(*(str(c[k]) for k in (*ACTION_STATES, "total")))
    console.print(t)
    if a["late"]:
        t = table(L("late_actions"), [(L("id"), "text"), (L("action"), "wide"), (L("owner"), "text"),
                                      (L("due"), "num")])
        for x in a["late"]:
            t.add_row(e(x["id"]), e(x["action"]), e(x["owner"]), _show_date(x["end"], lang))
        console.print(t)

    f = fig["funnel"]
    if f["stages"]:
        t = table(L("funnel", deals=f["deals_target"]),
                  [(L("stage"), "wide"), (L("rate_to_next"), "num"), (L("year"), "num"), (L("this_month"), "num"),
                   (L("this_week"), "num")])
        for st in f["stages"]:
            t.add_row(e(st["name"]), share(st["rate_to_next"]), num(st["year"]), num(st["month"]), num(st["week"]))
        console.print(t)
    if any(o["actual_to_date"] is not None for o in f["observed"]):
        t = table(L("observed"), [(L("stage"), "wide"), (L("actual_to_date"), "num"),
                                  (L("observed_rate"), "num"), (L("assumed_rate"), "num"), ("", "text")])
        for o in f["observed"]:
            t.add_row(e(o["name"]), num(o["actual_to_date"]), share(o["observed_rate"]),
                      share(o["assumed_rate"]), L("below") if o["below"] else "")
        console.print(t)

    from . import report_revisions

    report_revisions.render_terminal(fig, console, lang)

    ab = fig["abc"]
    t = table(L("abc", n=ab["customers"]),
              [(L("class"), "text"), (L("customers"), "num"), (L("revenue", currency=cur), "num"),
               (L("share"), "num")])
    for cls, r in ab["classes"].items():
        t.add_row(cls, str(r["count"]), num(r["revenue"]), share(r["share"]))
    console.print(t)


# --- HTML ---------------------------------------------------------------------------------------

_CSS = """
body{font-family:-apple-system,'Segoe UI',Roboto,'DejaVu Sans',Arial,sans-serif;margin:24px auto;
max-width:1100px;color:#1f2933;background:#fff}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #1f4e79;
padding-bottom:4px;color:#1f4e79}.sub{color:#52606d;margin:0 0 16px}
table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}
th{background:#1f4e79;color:#fff;text-align:left;padding:6px 8px;font-weight:600}
td{padding:5px 8px;border-bottom:1px solid #d9e2ec}td:first-child{white-space:nowrap}tr:nth-child(even) td{background:#f5f7fa}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.fav{color:#1b7f3b;font-weight:600}.unf{color:#c0392b;font-weight:600}
.grid{display:flex;flex-wrap:wrap;gap:16px}.card{flex:1 1 160px;border:1px solid #d9e2ec;
border-radius:6px;padding:10px 14px}.card b{display:block;font-size:22px;color:#1f4e79}
.card span{color:#52606d;font-size:12px}svg{display:block;margin:8px 0}
.legend{font-size:12px;color:#52606d}
@media print{body{margin:0}h2{page-break-after:avoid}table{page-break-inside:avoid}}
"""

_BLUE, _ORANGE, _GREEN, _RED, _GREY = "#1f4e79", "#e8a33d", "#1b7f3b", "#c0392b", "#9aa5b1"


def _e(s: Any) -> str:
    return html.escape(str(s if s is not None else ""))


def _table(headers: list[str], rows: list[list[str]], numeric: set[int]) -> str:
    th = "".join(f'<th class="n">{_e(h)}</th>' if i in numeric else f"<th>{_e(h)}</th>"
                 for i, h in enumerate(headers))
    body = []
    for r in rows:
        body.append("<tr>" + "".join(
            f'<td class="n">{c}</td>' if i in numeric else f"<td>{c}</td>" for i, c in enumerate(r)
        ) + "</tr>")
    return f"<table><thead><tr>{th}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _nice_max(v: float) -> float:
    if v <= 0 or not math.isfinite(v):
        return 1.0
    if v > 1e300:  # no rounder ceiling is a float
        return v
    mag = 10 ** math.floor(math.log10(v))
    for step in (1, 2, 2.5, 5, 10):
        if v <= step * mag:
            return step * mag
    return 10 * mag


def svg_bars(labels: list[str], series: list[tuple[str, str, list[float | None]]], *, width: int = 1000,
             height: int = 260, title: str = "", lang: str = "en") -> str:
    """Grouped vertical bars: one group per label, one bar per series (name, colour, values)."""
    left, right, top, bottom = 70, 10, 28, 46
    pw, ph = width - left - right, height - top - bottom
    vmax = _nice_max(max([v for _, _, vals in series for v in vals if v is not None] or [0]))
    n = max(len(labels), 1)
    gw = min(pw / n, 160.0)  # few groups: keep bars slim
    bw = gw * 0.8 / max(len(series), 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="{_e(title)}">']
    parts.append(f'<text x="{left}" y="16" font-size="13" font-weight="bold" fill="#1f2933">{_e(title)}</text>')
    for i in range(5):
        v = vmax * i / 4
        y = top + ph - ph * i / 4
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#d9e2ec"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" '
                     f'fill="#52606d">{_e(fmt_num(v, 0, lang))}</text>')
    for gi, label in enumerate(labels):
        x0 = left + gi * gw + gw * 0.1
        for si, (_, colour, vals) in enumerate(series):
            v = vals[gi] if gi < len(vals) else None
            if v is None:
                continue
            h = ph * max(v, 0) / vmax
            parts.append(f'<rect x="{x0 + si * bw:.1f}" y="{top + ph - h:.1f}" width="{bw * 0.92:.1f}" '
                         f'height="{h:.1f}" fill="{colour}"><title>{_e(label)}: {_e(fmt_num(v, 0, lang))}</title></rect>')
        room = max(int(gw / 6.5), 4)  # characters that fit under the group
        short = label if len(label) <= room else label[: room - 1] + "…"
        parts.append(f'<text x="{left + gi * gw + gw / 2:.1f}" y="{top + ph + 16}" font-size="11" '
                     f'text-anchor="middle" fill="#1f2933">{_e(short)}</text>')
    lx = left
    for name, colour, _ in series:
        parts.append(f'<rect x="{lx}" y="{height - 16}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{lx + 16}" y="{height - 6}" font-size="12" fill="#1f2933">{_e(name)}</text>')
        lx += 24 + 8 * len(name)
    parts.append("</svg>")
    return "".join(parts)


def svg_hbars(items: list[tuple[str, float, str]], *, width: int = 1000, title: str = "",
              value_fmt=fmt_num) -> str:
    """Horizontal bars (label, value, colour), e.g. the funnel or actions by state."""
    row_h, top, left = 28, 28, 220
    height = top + row_h * len(items) + 8
    vmax = max([v for _, v, _ in items] or [0]) or 1
    pw = width - left - 90
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="{_e(title)}">',
             f'<text x="0" y="16" font-size="13" font-weight="bold" fill="#1f2933">{_e(title)}</text>']
    for i, (label, v, colour) in enumerate(items):
        y = top + i * row_h
        w = pw * max(v, 0) / vmax
        parts.append(f'<text x="{left - 8}" y="{y + 17}" font-size="12" text-anchor="end" '
                     f'fill="#1f2933">{_e(label)}</text>')
        parts.append(f'<rect x="{left}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" fill="{colour}"/>')
        parts.append(f'<text x="{left + w + 6:.1f}" y="{y + 17}" font-size="12" '
                     f'fill="#1f2933">{_e(value_fmt(v))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _fav_cell(fav: bool | None, lang: str = "en") -> str:
    if fav is None:
        return ""
    word = _e(_verdict(fav, lang))
    return f'<span class="fav">{word}</span>' if fav else f'<span class="unf">{word}</span>'


def render_html(fig: dict, lang: str | None = None) -> str:
    """A self-contained HTML page (inline CSS and SVG, no script, no external resource), in
    ``lang`` (default: the figures' ``lang``, the workbook's language)."""
    lang = _report_lang(fig, lang)

    def L(key: str, **kw) -> str:
        return text(f"report.{key}", lang, **kw)

    def num(v: Any) -> str:
        return _e(fmt_num(v, 0, lang))

    def share(v: Any) -> str:
        return _e(fmt_share(v, lang))

    def kv(v: Any, kind: str) -> str:
        return _e(_kpi_value(v, kind, lang))

    cur = currency_symbol(fig["currency"]) if lang == "fr" else fig["currency"]
    title = L("title", company=fig["company"] or "PAC", year=fig["year"], month=_month_label(fig, lang))
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="sub">{_e(L("figures_as_of", date=_show_date(fig["as_of"], lang), file=Path(fig["workbook"]).name))}</p>',
    ]
    b, a, f = fig["budget"], fig["actions"], fig["funnel"]
    c = a["counts"]
    cards = [
        (fmt_num(fig["revenue_target"], 0, lang) + f"\u00a0{cur}" if fig["revenue_target"] is not None else "–",
         L("card_revenue_target")),
        (fmt_num(b["total"]["plan_year"], 0, lang) + f"\u00a0{cur}", L("card_budget_year")),
        (fmt_share(b["total"]["consumed"], lang) or "–", L("card_budget_consumed")),
        (f"{c['done']} / {c['total']}", L("card_actions_done")),
        (str(c["late"]), L("card_actions_late")),
    ]
    out.append('<div class="grid">' + "".join(
        f'<div class="card"><b>{_e(v)}</b><span>{_e(k)}</span></div>' for v, k in cards) + "</div>")

    out.append(f"<h2>{_e(L('objectives'))}</h2>")
    out.append(_table(
        [L(k) for k in ("id", "objective", "target", "landing", "on_track", "deadline", "owner", "status")],
        [[_e(o["id"]), _e(o["objective"]), _e(_objective_value(o["target"], o["unit"], lang, o["rate"])),
          _e(_objective_value(o["landing"], o["unit"], lang, o["rate"])),
          "" if o["on_track"] is None else (f'<span class="fav">{_e(L("yes"))}</span>' if o["on_track"]
                                            else f'<span class="unf">{_e(L("no"))}</span>'),
          _e(_show_date(o["deadline"], lang)), _e(o["owner"]), _e(o["status"])] for o in fig["objectives"]],
        {2, 3, 5},
    ))

    out.append(f"<h2>{_e(L('kpis_html'))}</h2>")
    out.append(_table(
        [L("id"), L("kpi"), L("plan_ytd"), L("actual_ytd"), L("variance"), L("variance_pct"), "", L("landing"),
         L("plan_year")],
        [[_e(k["id"]), _e(k["name"]), kv(k["plan_ytd"], k["kind"]), kv(k["actual_ytd"], k["kind"]),
          kv(k["variance"], k["kind"]), _e(fmt_pct(k["variance_pct"], lang)), _fav_cell(k["favourable"], lang),
          kv(k["landing"], k["kind"]), kv(k["plan_year"], k["kind"])] for k in fig["kpis"]],
        {2, 3, 4, 5, 7, 8},
    ))
    revenue = [k for k in fig["kpis"] if k["kind"] == "revenue"]
    if revenue:
        k = revenue[0]
        months = [L("month_short", n=i) for i in range(1, 13)]
        out.append(svg_bars(months, [(L("chart_plan"), _GREY, k["plan_by_month"]),
                                     (L("chart_actual"), _BLUE, k["actual_by_month"])],
                            title=L("chart_kpi_by_month", kpi=k["name"], currency=cur), lang=lang))
    if "quarters" in fig:  # catch-up and the selected quarter (pacxl.report_followup)
        from .report_followup import html as followup_html

        out.extend(followup_html(fig, L, kv, num, lang))

    out.append(f"<h2>{_e(L('budget', currency=cur))}</h2>")
    rows = [[_e(r["category"]), num(r["plan_year"]), num(r["plan_ytd"]), num(r["actual"]),
             num(r["variance"]), share(r["consumed"]), _fav_cell(r["favourable"], lang)]
            for r in b["categories"]]
    t = b["total"]
    rows.append([f"<b>{_e(L('total'))}</b>", f"<b>{num(t['plan_year'])}</b>", f"<b>{num(t['plan_ytd'])}</b>",
                 f"<b>{num(t['actual'])}</b>", f"<b>{num(t['variance'])}</b>",
                 f"<b>{share(t['consumed'])}</b>", _fav_cell(t["favourable"], lang)])
    out.append(_table([L("category"), L("plan_year"), L("plan_to_date"), L("actual"), L("variance"),
                       L("consumed"), ""], rows, {1, 2, 3, 4, 5}))
    if b["categories"]:
        out.append(svg_bars([r["category"] for r in b["categories"]],
                            [(L("plan_to_date"), _GREY, [r["plan_ytd"] for r in b["categories"]]),
                             (L("actual"), _ORANGE, [r["actual"] for r in b["categories"]])],
                            title=L("chart_budget", currency=cur), lang=lang))

    from . import report_revisions

    out.append(report_revisions.render_html(fig, lang))

    out.append(f"<h2>{_e(L('actions'))}</h2>")
    colours = {"done": _GREEN, "late": _RED, "in_progress": _BLUE, "to_do": _GREY, "postponed": _ORANGE,
               "cancelled": "#cbd2d9"}
    out.append(svg_hbars([(text(f"state.{s}", lang), c[s], colours[s]) for s in ACTION_STATES],
                         title=L("chart_actions", n=c["total"]), value_fmt=lambda v: fmt_num(v, 0, lang)))
    if a["late"]:
        out.append(_table([L("id"), L("late_action"), L("owner"), L("due")],
                          [[_e(x["id"]), _e(x["action"]), _e(x["owner"]), _e(_show_date(x["end"], lang))]
                           for x in a["late"]],
                          set()))

    if f["stages"]:
        out.append(f"<h2>{_e(L('funnel', deals=f['deals_target']))}</h2>")
        out.append(_table([L("stage"), L("rate_to_next"), L("year"), L("this_month"), L("this_week")],
                          [[_e(s["name"]), share(s["rate_to_next"]), num(s["year"]), num(s["month"]),
                            num(s["week"])] for s in f["stages"]],
                          {1, 2, 3, 4}))
        shades = ["#1f4e79", "#2e6da4", "#4a8bc2", "#74a9d8", "#a3c6e8", "#cfe0f3"]
        out.append(svg_hbars([(s["name"], s["week"], shades[i % len(shades)]) for i, s in enumerate(f["stages"])],
                             title=L("chart_weekly"), value_fmt=lambda v: L("per_week", v=fmt_num(v, 0, lang))))
    if any(o["actual_to_date"] is not None for o in f["observed"]):
        out.append(f"<h2>{_e(L('observed'))}</h2>")
        out.append(_table([L("stage"), L("actual_to_date"), L("observed_rate"), L("assumed_rate"), ""],
                          [[_e(o["name"]), num(o["actual_to_date"]), share(o["observed_rate"]),
                            share(o["assumed_rate"]), _e(L("below")) if o["below"] else ""]
                           for o in f["observed"]],
                          {1, 2, 3}))

    ab = fig["abc"]
    out.append(f"<h2>{_e(L('abc', n=ab['customers']))}</h2>")
    out.append(_table([L("class"), L("customers"), L("revenue", currency=cur), L("share_of_revenue")],
                      [[_e(k), _e(r["count"]), num(r["revenue"]), share(r["share"])]
                       for k, r in ab["classes"].items()], {1, 2, 3}))
    if ab["total"]:
        pct = (lambda v: f"{v:.1f}\u00a0%".replace(".", ",")) if lang == "fr" else (lambda v: f"{v:.1f} %")
        out.append(svg_hbars([(L("chart_class", cls=k, n=r["count"]), r["share"] * 100, col)
                              for (k, r), col in zip(ab["classes"].items(), (_BLUE, _ORANGE, _GREY))],
                             title=L("chart_abc"), value_fmt=pct))
    out.append(f'<p class="legend">{_e(L("generated", date=_show_date(dt.date.today().isoformat(), lang)))}</p>')
    out.append("</body></html>")
    return "\n".join(out)


def write_html(fig: dict, path: str | Path) -> Path:
    from .files import atomic_write

    p = Path(path)
    atomic_write(p, render_html(fig), shown=str(p))
    return p


def report_workbook(path: str | Path, month: int | None = None, quarter: int | None = None) -> dict:
    """Read a pacxl workbook and compute its report figures (``quarter``: see :func:`report_figures`)."""
    from .workbook.read import read_plan

    if quarter is not None:  # refused before the workbook is read
        from .report_followup import check_quarter

        check_quarter(quarter)
    plan = read_plan(path)
    return report_figures(plan, month, workbook=str(path), quarter=quarter)
