"""``pacxl check``: lint a filled plan, findings with their cell and how to fix them.

Every rule reads a :class:`pacxl.model.Plan` (as read from the workbook by
:func:`pacxl.workbook.read.read_workbook`) and computes with :mod:`pacxl.calc`, never with the
cached values of formula cells (a file saved by openpyxl has none). A :class:`Layout` names the
cell of each item. See docs/check.md for the list of rules.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import asdict, dataclass
from pathlib import Path

from . import adjust, calc, check_followup, check_pipeline, check_reconcile
from .adjust import deals_target  # noqa: F401  (consolidate imports it from here)
from .calc._num import as_number, is_number
from .calc.variance import kpi_kind
from .errors import InputError
from .messages import finding_text, fmt_date, fmt_money, fmt_number, fmt_percent, lang_of, text
from .model import Plan, Settings
from .workbook.contract import (
    STATUS_CANCELLED,
    STATUS_DONE,
    SHEETS,
    month_keys,
)
from .workbook.i18n import default_list
from .workbook.layout import Layout, default_layout

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)

#: Positions in the Settings category list whose actions feed the funnel (prospecting,
#: conversion, sales in the default lists).
FUNNEL_CATEGORY_POSITIONS = (2, 3, 4)

#: Above this share of the revenue target, the sales and marketing budget is flagged.
BUDGET_SHARE_WARNING = 0.15

#: A run of this many weeks or more with no funnel-feeding action is flagged.
UNCOVERED_WEEKS = 4

#: Tolerance on the segment shares adding up to 100 %.
SHARE_TOLERANCE = 0.005

JSON_SCHEMA_ID = "pacxl.check/1"


@dataclass(frozen=True)
class Finding:
    severity: str  #: "error", "warning" or "info"
    code: str  #: stable identifier of the rule, e.g. "action-no-owner"
    sheet: str  #: sheet title ("" when the finding is about the whole workbook)
    cell: str  #: A1 reference ("" when the finding is about a whole sheet)
    message: str  #: what is wrong
    fix: str  #: one sentence saying how to fix it

    @property
    def where(self) -> str:
        if not self.sheet:
            return ""
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    def to_dict(self) -> dict:
        d = asdict(self)
        d["where"] = self.where
        return d


# --- plan calendar helpers (shared with report) ----------------------------------------------


def plan_period(settings: Settings) -> tuple[dt.date, dt.date]:
    """First and last day of the plan year (12 months from ``first_month`` of ``year``)."""
    return calc.plan_period(settings.year, settings.first_month)


def month_start(settings: Settings, month: int) -> dt.date:
    """First day of plan month ``month`` (1-based)."""
    return calc.month_start(settings.year, settings.first_month, month)


def month_end(settings: Settings, month: int) -> dt.date:
    """Last day of plan month ``month`` (1-based)."""
    return calc.month_end(settings.year, settings.first_month, month)


def plan_as_of(settings: Settings, month: int | None = None) -> dt.date | None:
    """The plan's as-of date (:func:`pacxl.calc.dates.as_of_date`): the typed one, else the end of
    the tracking month. Asked for another month than the tracking month (``report --month``),
    the end of that month."""
    if month is not None and month != settings.tracking_month:
        return calc.month_end(settings.year, settings.first_month, month)
    return calc.as_of_date(settings.year, settings.first_month, settings.tracking_month, settings.as_of)


def _norm(s: object) -> str:
    return str(s or "").strip().casefold()


def statuses(settings: Settings) -> list[str]:
    """The status list of the plan (the language's default when empty)."""
    return list(settings.statuses) or default_list("statuses", settings.lang if settings.lang in ("fr", "en") else "fr")


def status_position(settings: Settings, status: object) -> int | None:
    """Position of ``status`` in the Settings status list (contract STATUS_* constants), or None.

    Falls back to the default words of either language, so a plan whose list was cleared still
    reads "Fait"/"Done" as done."""
    key = _norm(status)
    if not key:
        return None
    for i, s in enumerate(statuses(settings)):
        if _norm(s) == key:
            return i
    for lang in ("fr", "en"):
        for i, s in enumerate(default_list("statuses", lang)):
            if _norm(s) == key:
                return i
    return None


def is_closed(settings: Settings, status: object) -> bool:
    """Done or cancelled."""
    return status_position(settings, status) in (STATUS_DONE, STATUS_CANCELLED)


def _kind_or_none(word: object) -> str | None:
    try:
        return kpi_kind(word)
    except InputError:
        return None


def budget_total(plan: Plan) -> float:
    """Sum of every month of every budget line."""
    return sum(float(v) for line in plan.budget for v in line.months if is_number(v))


#: Largest figure check accepts: beyond 1e15 a spreadsheet keeps no unit digit, and sums of
#: figures near the float maximum overflow to infinity.
MAX_FIGURE = 1e15


def _fmt_num(x: float) -> str:
    """English messages' numbers: ``12 000`` (space thousands, as check has always written them)."""
    if not math.isfinite(x):
        return fmt_number(x, "en")
    if x == int(x):
        return f"{int(x):,}".replace(",", " ")
    return f"{x:,.2f}".replace(",", " ")


# --- the rules --------------------------------------------------------------------------------


class _Checker:
    def __init__(self, plan: Plan, layout: Layout, as_of: dt.date | None, lang: str | None = None):
        self.plan = plan
        self.s = plan.settings
        self.layout = layout
        self.lang = lang_of(lang or layout.lang)  # the findings' sentences; cells follow the layout
        self.as_of = as_of  # nothing is late without one
        self.findings: list[Finding] = []
        self.start, self.end = plan_period(self.s)
        self.owners = {_norm(o) for o in self.s.owners if _norm(o)}

    def add(self, severity: str, code: str, where: tuple[str, str], variant: str | None = None, **kw) -> None:
        """A finding of rule ``code``, its sentences from the catalogue in the workbook's language."""
        message, fix = finding_text(code, self.lang, variant, **kw)
        self.findings.append(Finding(severity, code, where[0], where[1], message, fix))

    def at(self, table: str, index: int | None, key: str | None = None) -> tuple[str, str]:
        return self.layout.item(table, index, key)

    # formatting in the workbook's language -------------------------------------------------
    def row(self, i: int, key: str = "check.row") -> str:
        return text(key, self.lang, n=i + 1)

    def num(self, x: float) -> str:
        return _fmt_num(x) if self.lang == "en" else fmt_number(x, "fr")

    def pct(self, x: float, decimals: int = 1) -> str:
        return f"{x:.{decimals}%}" if self.lang == "en" else fmt_percent(x, "fr", decimals)

    def money(self, x: float) -> str:
        return f"{_fmt_num(x)} {self.s.currency}" if self.lang == "en" else fmt_money(x, self.s.currency, "fr")

    def date(self, d: dt.date) -> str:
        return fmt_date(d, self.lang)

    def period(self) -> dict[str, str]:
        return {"start": self.date(self.start), "end": self.date(self.end)}

    # settings -----------------------------------------------------------------------------
    def settings(self) -> None:
        s = self.s
        if not s.company.strip():
            self.add(INFO, "settings-no-company", self.layout.name("PAC_Company"))
        if not self.owners:
            self.add(WARNING, "settings-no-owners", self.layout.name("PAC_Owners"))
        if s.tracking_month is not None and not 1 <= s.tracking_month <= 12:
            self.add(ERROR, "settings-bad-month", self.layout.name("PAC_Month"), month=s.tracking_month)
        try:
            calc.pareto.check_thresholds(s.abc_a, s.abc_b)
        except InputError as exc:
            shown = [self.pct(v, 0) if is_number(v) and 0 < v <= 1 else str(v) for v in (s.abc_a, s.abc_b)]
            self.add(ERROR, "settings-bad-abc", self.layout.name("PAC_ABC_A"), error=exc, a=shown[0], b=shown[1])

    # objectives ---------------------------------------------------------------------------
    def objectives(self) -> None:
        ids = [_norm(o.id) for o in self.plan.objectives]
        served = {_norm(a.objective_id) for a in self.plan.actions}
        for i, o in enumerate(self.plan.objectives):
            label = o.id or self.row(i)
            if not o.id.strip():
                self.add(WARNING, "objective-no-id", self.at("tblObjectives", i, "id"), label=label)
            elif ids.count(_norm(o.id)) > 1:
                self.add(ERROR, "objective-duplicate-id", self.at("tblObjectives", i, "id"), id=o.id)
            # a qualitative objective (no KPI, no target: image, internal climate) is allowed and
            # not computed; it still needs an owner and a deadline
            if not calc.is_qualitative(o.kpi, o.target):
                if not is_number(o.target):
                    self.add(ERROR, "objective-no-target", self.at("tblObjectives", i, "target"), label=label)
                if not o.kpi.strip():
                    self.add(WARNING, "objective-no-kpi", self.at("tblObjectives", i, "kpi"), label=label)
            if is_number(o.target) and o.unit.strip() == "%" and abs(o.target) > 1:
                self.add(WARNING, "objective-rate-target", self.at("tblObjectives", i, "target"),
                         label=label, target=self.num(o.target), share=self.pct(o.target / 100))
            if o.deadline is None:
                self.add(WARNING, "objective-no-deadline", self.at("tblObjectives", i, "deadline"), label=label)
            elif not self.start <= o.deadline <= self.end:
                self.add(WARNING, "objective-deadline-outside-year", self.at("tblObjectives", i, "deadline"),
                         label=label, date=self.date(o.deadline), **self.period())
            if not o.owner.strip():
                self.add(WARNING, "objective-no-owner", self.at("tblObjectives", i, "owner"), label=label)
            elif self.owners and _norm(o.owner) not in self.owners:
                self.add(WARNING, "objective-unknown-owner", self.at("tblObjectives", i, "owner"),
                         label=label, owner=o.owner)
            if o.id.strip() and _norm(o.id) not in served:
                self.add(INFO, "objective-no-action", self.at("tblObjectives", i, "id"), id=o.id)

    # actions ------------------------------------------------------------------------------
    def actions(self) -> None:
        objective_ids = {_norm(o.id) for o in self.plan.objectives if o.id.strip()}
        ids = [_norm(a.id) for a in self.plan.actions]
        budgets = calc.action_budgets((b.action_id, b.months) for b in self.plan.budget)
        status_words = {_norm(x) for x in statuses(self.s)}
        for i, a in enumerate(self.plan.actions):
            label = a.id or self.row(i)
            if a.id.strip() and ids.count(_norm(a.id)) > 1:
                self.add(WARNING, "action-duplicate-id", self.at("tblActions", i, "id"), id=a.id)
            if not a.owner.strip():
                self.add(ERROR, "action-no-owner", self.at("tblActions", i, "owner"), label=label)
            elif self.owners and _norm(a.owner) not in self.owners:
                self.add(WARNING, "action-unknown-owner", self.at("tblActions", i, "owner"),
                         label=label, owner=a.owner)
            if a.start is None or a.end is None:
                key = "start" if a.start is None else "end"
                variant = None if a.start is None and a.end is None else key
                self.add(WARNING, "action-no-dates", self.at("tblActions", i, key), variant, label=label)
            if a.start is not None and a.end is not None and a.end < a.start:
                self.add(ERROR, "action-end-before-start", self.at("tblActions", i, "end"),
                         label=label, end=self.date(a.end), start=self.date(a.start))
            for key, d in (("start", a.start), ("end", a.end)):
                if d is not None and not self.start <= d <= self.end:
                    self.add(WARNING, "action-outside-year", self.at("tblActions", i, key),
                             "end" if key == "end" else None, label=label, date=self.date(d), **self.period())
            if not a.objective_id.strip():
                self.add(WARNING, "action-no-objective", self.at("tblActions", i, "objective_id"), label=label)
            elif _norm(a.objective_id) not in objective_ids:
                self.add(WARNING, "action-unknown-objective", self.at("tblActions", i, "objective_id"),
                         label=label, objective=a.objective_id)
            lines_total = budgets.get(_norm(a.id))
            if is_number(a.budget) and lines_total is not None and abs(float(a.budget) - lines_total) > 0.005:
                # a figure typed over the action's budget formula: the lines say otherwise
                first = next(j for j, b in enumerate([*self.plan.budget, None])
                             if b is None or _norm(b.action_id) == _norm(a.id))
                lines_at = self.at("tblBudget", first if first < len(self.plan.budget) else None, "action_id")
                self.add(WARNING, "action-budget-typed", self.at("tblActions", i, "budget"), label=label,
                         typed=self.money(float(a.budget)), lines=self.money(lines_total),
                         line_at=f"{lines_at[0]}!{lines_at[1]}" if lines_at[1] else lines_at[0])
            elif not lines_total and not (is_number(a.budget) and a.budget):
                self.add(INFO, "action-no-budget", self.at("tblActions", i, "budget"), label=label)
            if a.status.strip() and _norm(a.status) not in status_words and status_position(self.s, a.status) is None:
                self.add(WARNING, "action-unknown-status", self.at("tblActions", i, "status"),
                         label=label, status=a.status)
            if calc.is_late(a.end, is_closed(self.s, a.status), self.as_of):
                self.add(WARNING, "action-overdue", self.at("tblActions", i, "status"),
                         label=label, end=self.date(a.end), days=(self.as_of - a.end).days,
                         as_of=self.date(self.as_of))

    # budget -------------------------------------------------------------------------------
    def budget(self) -> None:
        action_ids = {_norm(a.id) for a in self.plan.actions if a.id.strip()}
        for i, line in enumerate(self.plan.budget):
            label = line.id or line.label or self.row(i, "check.budget_row")
            if not line.action_id.strip():
                self.add(WARNING, "budget-no-action", self.at("tblBudget", i, "action_id"), label=label)
            elif _norm(line.action_id) not in action_ids:
                self.add(WARNING, "budget-unknown-action", self.at("tblBudget", i, "action_id"),
                         label=label, action=line.action_id)
        total = budget_total(self.plan)
        target = as_number(self.s.revenue_target)
        where = self.layout.name("PAC_BudgetTotal")
        if target is None or target <= 0:
            self.add(WARNING, "revenue-no-target", self.layout.name("PAC_RevenueTarget"))
        elif total > 0:
            share = total / target
            severity = WARNING if share > BUDGET_SHARE_WARNING else INFO
            self.add(severity, "budget-share-of-revenue", where, None if severity == WARNING else "ok",
                     total=self.money(total), share=self.pct(share), target=self.money(target),
                     limit=self.pct(BUDGET_SHARE_WARNING, 0))
        if total == 0 and self.plan.actions:
            self.add(WARNING, "budget-empty", where)

    # segments -----------------------------------------------------------------------------
    def segments(self) -> None:
        shares = [s.share for s in self.plan.segments if is_number(s.share)]
        if not self.plan.segments:
            return
        n = len(self.plan.segments)
        where = self.at("segments", n - 1, "share")
        if not shares:
            self.add(INFO, "segments-no-shares", where)
            return
        total = sum(float(x) for x in shares)
        if abs(total - 1) > SHARE_TOLERANCE:
            whole = abs(total - 100) <= 100 * SHARE_TOLERANCE
            self.add(WARNING, "segments-shares-not-100", where, "whole" if whole else None, total=self.pct(total))

    # KPIs ---------------------------------------------------------------------------------
    def kpi_ratio(self, i: int, k, label: str) -> None:
        """A rate's numerator and denominator: both or neither, each a sum KPI of the table."""
        named = [(key, getattr(k, key).strip()) for key in ("numerator", "denominator")]
        if not any(v for _, v in named):
            return
        kinds = {_norm(x.id): x.kind for x in self.plan.kpis if x.id.strip()}
        for key, value in named:
            bad = None
            if not value:
                bad = "missing"
            elif _norm(value) not in kinds:
                bad = "unknown"
            elif _kind_or_none(kinds[_norm(value)]) == "rate":
                bad = "rate"
            elif _kind_or_none(k.kind) != "rate":
                bad = "not_rate"
            if bad:
                self.add(ERROR, "kpi-bad-ratio", self.at("tblKPI", i, key), bad, label=label, id=value)
                return

    def kpis(self) -> None:
        objective_ids = {_norm(o.id) for o in self.plan.objectives if o.id.strip()}
        first_plan_key = month_keys()[0].replace("m", "p")
        m = self.s.tracking_month
        for i, k in enumerate(self.plan.kpis):
            label = k.id or k.name or self.row(i)
            if not any(is_number(v) for v in k.plan):
                self.add(WARNING, "kpi-no-plan", self.at("tblKPI", i, first_plan_key), label=label)
            try:
                kpi_kind(k.kind)
            except InputError:
                self.add(WARNING, "kpi-unknown-kind", self.at("tblKPI", i, "kind"), label=label, kind=k.kind)
            self.kpi_ratio(i, k, label)
            if k.objective_id.strip() and _norm(k.objective_id) not in objective_ids:
                self.add(WARNING, "kpi-unknown-objective", self.at("tblKPI", i, "objective_id"),
                         label=label, objective=k.objective_id)
            if m and 1 <= m <= 12 and any(is_number(v) for v in k.plan):
                missing = [j + 1 for j in range(m) if not is_number(k.actual[j]) and is_number(k.plan[j])]
                if missing:
                    self.add(INFO, "kpi-missing-actuals", self.at("tblKPI", i, f"a{missing[0]:02d}"),
                             label=label, months=", ".join(map(str, missing)), month=m)
        check_followup.kpi_rules(self)  # catch-up (issue 13)

    # funnel -------------------------------------------------------------------------------
    def funnel(self) -> None:
        s = self.s
        stages = [x for x in s.funnel_stages if str(x).strip()]
        if len(stages) < 2:
            return
        rates_where = self.layout.name("PAC_FunnelRates")
        if len(s.funnel_rates) < len(stages) - 1:
            self.add(ERROR, "funnel-missing-rates", rates_where, stages=len(stages), rates=len(s.funnel_rates))
            return
        rates = list(s.funnel_rates[: len(stages) - 1])
        try:
            calc.funnel.check_rates(rates)
        except InputError as exc:
            bad = next((j for j, r in enumerate(rates) if not (is_number(r) and 0 < r <= 1)), 0)
            r = rates[bad] if rates else None
            self.add(ERROR, "funnel-bad-rate", rates_where, error=exc, index=bad + 1,
                     rate=self.num(r) if is_number(r) else repr(r))
            return
        deals = deals_target(s)
        if deals is None:
            self.add(WARNING, "funnel-no-target", self.layout.name("PAC_FunnelTarget"))
            return
        vols = calc.required_volumes(deals, rates)
        weeks = adjust.working_weeks(self.plan)
        weekly = calc.per_period(vols, weeks)
        needs = ", ".join(f"{w} {name}" for w, name in zip(weekly, stages))
        self.add(INFO, "funnel-weekly-need", self.layout.name("PAC_FunnelVolumes"), deals=deals, needs=needs)
        # KPIs planning a stage's volume below what the funnel needs
        for i, k in enumerate(self.plan.kpis):
            try:
                if kpi_kind(k.kind) != "count":
                    continue
            except InputError:
                continue
            name = _norm(k.name)
            for stage, vol, week in zip(stages, vols, weekly):
                st = _norm(stage)
                if not name or not (name == st or st in name):
                    continue
                planned = sum(float(v) for v in k.plan if is_number(v))
                if planned and planned < vol:
                    self.add(WARNING, "funnel-kpi-below-need", self.at("tblKPI", i, "p01"),
                             label=k.id or k.name, planned=self.num(planned), stage=stage,
                             per_week=calc.per_period([planned], weeks)[0], need=self.num(vol), need_week=week)
                break
        self._coverage(weekly[0], stages[0])

    def _coverage(self, top_weekly: int, top_stage: str) -> None:
        if top_weekly <= 0:
            return
        cats = [_norm(c) for c in (self.s.categories or default_list("categories", self.layout.lang))]
        feeding = {cats[p] for p in FUNNEL_CATEGORY_POSITIONS if p < len(cats)}
        names = [c for p, c in enumerate(self.s.categories or default_list("categories", self.layout.lang))
                 if p in FUNNEL_CATEGORY_POSITIONS]
        spans = [(a.start, a.end) for a in self.plan.actions
                 if _norm(a.category) in feeding and a.start and a.end and a.start <= a.end
                 and not status_position(self.s, a.status) == STATUS_CANCELLED]
        where = self.at("tblActions", None, "category")
        if not spans:
            self.add(WARNING, "funnel-no-actions", where,
                     week=top_weekly, stage=top_stage, categories=" / ".join(names))
            return
        n_weeks = (self.end - self.start).days // 7 + 1
        covered = [False] * n_weeks
        for a0, a1 in spans:
            lo = max((a0 - self.start).days // 7, 0)
            hi = min((a1 - self.start).days // 7, n_weeks - 1)
            for w in range(lo, hi + 1):
                covered[w] = True
        w = 0
        while w < n_weeks:
            if covered[w]:
                w += 1
                continue
            run = w
            while run < n_weeks and not covered[run]:
                run += 1
            if run - w >= UNCOVERED_WEEKS:
                d0 = self.start + dt.timedelta(weeks=w)
                d1 = min(self.start + dt.timedelta(weeks=run) - dt.timedelta(days=1), self.end)
                self.add(WARNING, "funnel-uncovered-weeks", where,
                         start=self.date(d0), end=self.date(d1), weeks=run - w,
                         categories=" / ".join(names), week=top_weekly, stage=top_stage)
            w = run

    # customers ----------------------------------------------------------------------------
    def customers(self) -> None:
        if not any(is_number(c.amount) for c in self.plan.customers):
            self.add(INFO, "customers-empty", self.at("tblCustomers", None))

    # revisions ----------------------------------------------------------------------------
    def revisions(self) -> None:
        from .check_revisions import revision_findings

        revision_findings(self)

    def too_large(self) -> bool:
        """Figures too large to add up (rule number-too-large); True when there is one."""
        found = False
        p = self.plan

        def look(value, where) -> None:
            nonlocal found
            if is_number(value) and abs(value) > MAX_FIGURE:
                found = True
                self.add(ERROR, "number-too-large", where, value=f"{float(value):.3g}")
            elif isinstance(value, float) and not math.isfinite(value):
                found = True
                self.add(ERROR, "number-too-large", where, value=str(value))

        look(p.settings.revenue_target, self.layout.name("PAC_RevenueTarget"))
        look(p.settings.average_deal, self.layout.name("PAC_AvgDeal"))
        for i, o in enumerate(p.objectives):
            look(o.target, self.at("tblObjectives", i, "target"))
        for i, a in enumerate(p.actions):
            look(a.budget, self.at("tblActions", i, "budget"))
        for i, b in enumerate(p.budget):
            for m, v in enumerate(b.months, start=1):
                look(v, self.at("tblBudget", i, f"m{m:02d}"))
            look(b.actual, self.at("tblBudget", i, "actual"))
        for i, k in enumerate(p.kpis):
            for m, (pv, av) in enumerate(zip(k.plan, k.actual), start=1):
                look(pv, self.at("tblKPI", i, f"p{m:02d}"))
                look(av, self.at("tblKPI", i, f"a{m:02d}"))
        for i, c in enumerate(p.customers):
            look(c.amount, self.at("tblCustomers", i, "amount"))
        return found

    def run(self) -> "Findings":
        if self.too_large():  # sums of such figures overflow: the other rules would say nonsense
            return Findings(sort_findings(self.findings, self.layout), lang=self.lang)
        self.settings()
        self.objectives()
        self.actions()
        self.budget()
        self.segments()
        self.kpis()
        self.funnel()
        check_followup.run(self)
        check_pipeline.run(self)  # the CRM's deals (issue 14)
        self.customers()
        self.revisions()
        from .check_team import allocation_findings

        allocation_findings(self)
        check_reconcile.run(self)
        return Findings(sort_findings(self.findings, self.layout), lang=self.lang)


class Findings(list):
    """The findings of one check (a list of :class:`Finding`), with the language they speak."""

    def __init__(self, findings=(), lang: str = "fr"):
        super().__init__(findings)
        self.lang = lang


def sort_findings(findings: list[Finding], layout: Layout) -> list[Finding]:
    """Errors first, then warnings, then info; within a severity, in sheet order then cell."""
    order = {layout.sheet(role): i for i, role in enumerate(SHEETS)}

    def key(f: Finding):
        col = "".join(ch for ch in f.cell if ch.isalpha())
        row = "".join(ch for ch in f.cell if ch.isdigit())
        return (SEVERITIES.index(f.severity), order.get(f.sheet, 99), int(row or 0), len(col), col)

    return sorted(findings, key=key)


def check_plan(plan: Plan, layout: Layout | None = None, today: dt.date | None = None,
               lang: str | None = None) -> Findings:
    """Findings on ``plan``, in ``lang`` (default: the workbook's, ``layout.lang``); cells from
    ``layout`` (the generator's layout when None). Late actions are judged at the plan's as-of date
    (:func:`plan_as_of`); ``today`` overrides it (``check --today``)."""
    as_of = today or plan_as_of(plan.settings)
    findings = _Checker(plan, layout or default_layout(plan), as_of, lang).run()
    findings.as_of = as_of
    return findings


def check_workbook(path: str | Path, today: dt.date | None = None, lang: str | None = None) -> Findings:
    """Read a pacxl workbook and check it, in ``lang`` (default: its language; raises
    WorkbookError when it is not one)."""
    from .workbook.read import read_workbook

    plan, layout = read_workbook(path)
    return check_plan(plan, layout, today, lang)


def summary(findings: list[Finding]) -> dict[str, int]:
    return {sev: sum(1 for f in findings if f.severity == sev) for sev in SEVERITIES}


def to_json(findings: list[Finding], workbook: str, today: dt.date | None = None) -> dict:
    """The ``--json`` document (schema ``pacxl.check/1``, see docs/check.md). ``today`` and
    ``as_of`` are the as-of date the findings were judged at (null without one)."""
    as_of = today or getattr(findings, "as_of", None)
    return {
        "schema": JSON_SCHEMA_ID,
        "workbook": workbook,
        "today": as_of.isoformat() if as_of else None,
        "as_of": as_of.isoformat() if as_of else None,
        "summary": summary(findings),
        "findings": [f.to_dict() for f in findings],
    }


def severity_word(severity: str, lang: str) -> str:
    """``erreur``/``avertissement``/``info`` in French; the severity itself in English."""
    return text(f"severity.{severity}", lang)


def render_text(findings: list[Finding], workbook: str, lang: str | None = None) -> list[str]:
    """The text output of ``pacxl check``: two lines per finding and a summary line, in ``lang``
    (default: the findings' language)."""
    lang = lang_of(lang or getattr(findings, "lang", "fr"))
    words = {sev: severity_word(sev, lang) for sev in SEVERITIES}
    width = max(len(w) for w in words.values()) + 1
    out = []
    for f in findings:
        out.append(f"{words[f.severity]:<{width}}{f.where}: {f.message}")
        out.append(f"{'':<{width}}-> {f.fix}")
    n = summary(findings)
    out.append(text("check.summary", lang, workbook=workbook, **n))
    return out
