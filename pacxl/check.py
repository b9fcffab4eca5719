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

from . import calc
from .calc._num import as_number, is_number
from .calc.variance import kpi_kind
from .errors import InputError
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


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def plan_period(settings: Settings) -> tuple[dt.date, dt.date]:
    """First and last day of the plan year (12 months from ``first_month`` of ``year``)."""
    first = settings.first_month if settings.first_month in range(1, 13) else 1
    start = dt.date(settings.year, first, 1)
    y, m = _add_months(settings.year, first, 12)
    return start, dt.date(y, m, 1) - dt.timedelta(days=1)


def month_start(settings: Settings, month: int) -> dt.date:
    """First day of plan month ``month`` (1-based)."""
    first = settings.first_month if settings.first_month in range(1, 13) else 1
    y, m = _add_months(settings.year, first, month - 1)
    return dt.date(y, m, 1)


def month_end(settings: Settings, month: int) -> dt.date:
    """Last day of plan month ``month`` (1-based)."""
    first = settings.first_month if settings.first_month in range(1, 13) else 1
    y, m = _add_months(settings.year, first, month)
    return dt.date(y, m, 1) - dt.timedelta(days=1)


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


def deals_target(settings: Settings) -> int | None:
    """Deals to sign: the typed override, else ``ceil(revenue target / average deal)``."""
    if settings.deals_target is not None:
        return int(settings.deals_target)
    if is_number(settings.revenue_target) and is_number(settings.average_deal) and settings.average_deal > 0:
        return calc.deals_for_revenue(settings.revenue_target, settings.average_deal)
    return None


def budget_total(plan: Plan) -> float:
    """Sum of every month of every budget line."""
    return sum(float(v) for line in plan.budget for v in line.months if is_number(v))


def _fmt_date(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def _fmt_num(x: float) -> str:
    if x == int(x):
        return f"{int(x):,}".replace(",", " ")
    return f"{x:,.2f}".replace(",", " ")


# --- the rules --------------------------------------------------------------------------------


class _Checker:
    def __init__(self, plan: Plan, layout: Layout, today: dt.date):
        self.plan = plan
        self.s = plan.settings
        self.layout = layout
        self.today = today
        self.findings: list[Finding] = []
        self.start, self.end = plan_period(self.s)
        self.owners = {_norm(o) for o in self.s.owners if _norm(o)}

    def add(self, severity: str, code: str, where: tuple[str, str], message: str, fix: str) -> None:
        self.findings.append(Finding(severity, code, where[0], where[1], message, fix))

    def at(self, table: str, index: int | None, key: str | None = None) -> tuple[str, str]:
        return self.layout.item(table, index, key)

    # settings -----------------------------------------------------------------------------
    def settings(self) -> None:
        s = self.s
        if not s.company.strip():
            self.add(INFO, "settings-no-company", self.layout.name("PAC_Company"),
                     "The company name is empty.", "Type the company's name in Settings.")
        if not self.owners:
            self.add(WARNING, "settings-no-owners", self.layout.name("PAC_Owners"),
                     "The list of owners is empty: actions and objectives cannot be assigned.",
                     "List the people who own actions in the owners list of Settings.")
        if s.tracking_month is not None and not 1 <= s.tracking_month <= 12:
            self.add(ERROR, "settings-bad-month", self.layout.name("PAC_Month"),
                     f"The tracking month is {s.tracking_month}: it must be from 1 to 12.",
                     "Type the number of the last plan month with actuals (1 to 12).")
        try:
            calc.pareto.check_thresholds(s.abc_a, s.abc_b)
        except InputError as exc:
            self.add(ERROR, "settings-bad-abc", self.layout.name("PAC_ABC_A"),
                     f"ABC thresholds: {exc}.",
                     "Set the A and B thresholds as percentages, A below B (80 % and 95 % by default).")

    # objectives ---------------------------------------------------------------------------
    def objectives(self) -> None:
        ids = [_norm(o.id) for o in self.plan.objectives]
        served = {_norm(a.objective_id) for a in self.plan.actions}
        for i, o in enumerate(self.plan.objectives):
            label = o.id or f"row {i + 1}"
            if not o.id.strip():
                self.add(WARNING, "objective-no-id", self.at("tblObjectives", i, "id"),
                         f"Objective {label} has no ID: actions and KPIs cannot refer to it.",
                         "Give the objective a short unique ID such as O1.")
            elif ids.count(_norm(o.id)) > 1:
                self.add(ERROR, "objective-duplicate-id", self.at("tblObjectives", i, "id"),
                         f"Objective ID {o.id} is used more than once.",
                         "Give every objective its own ID.")
            if not is_number(o.target):
                self.add(ERROR, "objective-no-target", self.at("tblObjectives", i, "target"),
                         f"Objective {label} has no measurable target (not SMART: Measurable).",
                         "Type the figure to reach in the Target column (e.g. 300000 or 15).")
            if not o.kpi.strip():
                self.add(WARNING, "objective-no-kpi", self.at("tblObjectives", i, "kpi"),
                         f"Objective {label} has no KPI (not SMART: Measurable).",
                         "Name the indicator that measures it (e.g. revenue, signed deals).")
            if o.deadline is None:
                self.add(WARNING, "objective-no-deadline", self.at("tblObjectives", i, "deadline"),
                         f"Objective {label} has no deadline (not SMART: Time-bound).",
                         "Type the date by which the target must be reached.")
            elif not self.start <= o.deadline <= self.end:
                self.add(WARNING, "objective-deadline-outside-year", self.at("tblObjectives", i, "deadline"),
                         f"Objective {label} is due on {_fmt_date(o.deadline)}, outside the plan's year "
                         f"({_fmt_date(self.start)} to {_fmt_date(self.end)}).",
                         "Set a deadline within the plan's year, or move the objective to next year's plan.")
            if not o.owner.strip():
                self.add(WARNING, "objective-no-owner", self.at("tblObjectives", i, "owner"),
                         f"Objective {label} has no owner.",
                         "Choose who answers for it in the Owner column.")
            elif self.owners and _norm(o.owner) not in self.owners:
                self.add(WARNING, "objective-unknown-owner", self.at("tblObjectives", i, "owner"),
                         f"Objective {label} is owned by {o.owner!r}, who is not in the owners list.",
                         "Choose an owner from the list, or add the person to the owners list in Settings.")
            if o.id.strip() and _norm(o.id) not in served:
                self.add(INFO, "objective-no-action", self.at("tblObjectives", i, "id"),
                         f"No action serves objective {o.id}.",
                         "Add at least one action linked to it in the action plan.")

    # actions ------------------------------------------------------------------------------
    def actions(self) -> None:
        objective_ids = {_norm(o.id) for o in self.plan.objectives if o.id.strip()}
        ids = [_norm(a.id) for a in self.plan.actions]
        status_words = {_norm(x) for x in statuses(self.s)}
        for i, a in enumerate(self.plan.actions):
            label = a.id or f"row {i + 1}"
            if a.id.strip() and ids.count(_norm(a.id)) > 1:
                self.add(WARNING, "action-duplicate-id", self.at("tblActions", i, "id"),
                         f"Action ID {a.id} is used more than once: budget lines cannot tell them apart.",
                         "Give every action its own ID.")
            if not a.owner.strip():
                self.add(ERROR, "action-no-owner", self.at("tblActions", i, "owner"),
                         f"Action {label} has no owner.",
                         "Choose who carries it out in the Owner column.")
            elif self.owners and _norm(a.owner) not in self.owners:
                self.add(WARNING, "action-unknown-owner", self.at("tblActions", i, "owner"),
                         f"Action {label} is owned by {a.owner!r}, who is not in the owners list.",
                         "Choose an owner from the list, or add the person to the owners list in Settings.")
            if a.start is None or a.end is None:
                key = "start" if a.start is None else "end"
                missing = "start and end dates" if a.start is None and a.end is None else f"{key} date"
                self.add(WARNING, "action-no-dates", self.at("tblActions", i, key),
                         f"Action {label} has no {missing}: it cannot appear on the calendar.",
                         "Type when the action starts and when it must be finished.")
            if a.start is not None and a.end is not None and a.end < a.start:
                self.add(ERROR, "action-end-before-start", self.at("tblActions", i, "end"),
                         f"Action {label} ends on {_fmt_date(a.end)}, before it starts ({_fmt_date(a.start)}).",
                         "Correct the start or the end date.")
            for key, d in (("start", a.start), ("end", a.end)):
                if d is not None and not self.start <= d <= self.end:
                    self.add(WARNING, "action-outside-year", self.at("tblActions", i, key),
                             f"Action {label} {key}s on {_fmt_date(d)}, outside the plan's year "
                             f"({_fmt_date(self.start)} to {_fmt_date(self.end)}).",
                             "Move the date into the plan's year, or check the year typed.")
            if not a.objective_id.strip():
                self.add(WARNING, "action-no-objective", self.at("tblActions", i, "objective_id"),
                         f"Action {label} serves no objective.",
                         "Choose the objective it serves in the Objective column.")
            elif _norm(a.objective_id) not in objective_ids:
                self.add(WARNING, "action-unknown-objective", self.at("tblActions", i, "objective_id"),
                         f"Action {label} refers to objective {a.objective_id!r}, which does not exist.",
                         "Choose an objective ID from the Objectives sheet.")
            if not is_number(a.budget) or a.budget == 0:
                self.add(INFO, "action-no-budget", self.at("tblActions", i, "budget"),
                         f"Action {label} has no budget.",
                         "Type its budget (0 is fine for an action that costs nothing but time).")
            if a.status.strip() and _norm(a.status) not in status_words and status_position(self.s, a.status) is None:
                self.add(WARNING, "action-unknown-status", self.at("tblActions", i, "status"),
                         f"Action {label} has the status {a.status!r}, which is not in the status list.",
                         "Choose a status from the drop-down list.")
            if a.end is not None and a.end < self.today and not is_closed(self.s, a.status):
                days = (self.today - a.end).days
                self.add(WARNING, "action-overdue", self.at("tblActions", i, "status"),
                         f"Action {label} was due on {_fmt_date(a.end)} ({days} days ago) and is not done.",
                         "Mark it done, or postpone it with a new end date.")

    # budget -------------------------------------------------------------------------------
    def budget(self) -> None:
        action_ids = {_norm(a.id) for a in self.plan.actions if a.id.strip()}
        for i, line in enumerate(self.plan.budget):
            label = line.id or line.label or f"row {i + 1}"
            if not line.action_id.strip():
                self.add(WARNING, "budget-no-action", self.at("tblBudget", i, "action_id"),
                         f"Budget line {label} is not linked to an action.",
                         "Choose the action this spending serves in the Action column.")
            elif _norm(line.action_id) not in action_ids:
                self.add(WARNING, "budget-unknown-action", self.at("tblBudget", i, "action_id"),
                         f"Budget line {label} refers to action {line.action_id!r}, which does not exist.",
                         "Choose an action ID from the action plan.")
        total = budget_total(self.plan)
        target = as_number(self.s.revenue_target)
        where = self.layout.name("PAC_BudgetTotal")
        if target is None or target <= 0:
            self.add(WARNING, "revenue-no-target", self.layout.name("PAC_RevenueTarget"),
                     "The revenue target is empty: the funnel and the budget share cannot be computed.",
                     "Type the year's revenue goal on the Funnel sheet.")
        elif total > 0:
            share = total / target
            severity = WARNING if share > BUDGET_SHARE_WARNING else INFO
            self.add(severity, "budget-share-of-revenue", where,
                     f"The budget ({_fmt_num(total)} {self.s.currency}) is {share:.1%} of the revenue "
                     f"target ({_fmt_num(target)} {self.s.currency}).",
                     "Most SMBs spend a few % of revenue on sales and marketing; above "
                     f"{BUDGET_SHARE_WARNING:.0%}, check the amounts or the target."
                     if severity == WARNING else "Nothing to fix; compare with last year's share.")
        if total == 0 and self.plan.actions:
            self.add(WARNING, "budget-empty", where, "The budget has no amount.",
                     "Spread each action's spending over the months on the Budget sheet.")
        planned = sum(float(a.budget) for a in self.plan.actions if is_number(a.budget))
        if total > 0 and planned > 0 and abs(planned - total) > 0.01 * max(planned, total):
            self.add(INFO, "budget-differs-from-actions", where,
                     f"The budget sheet totals {_fmt_num(total)} but the actions' budgets total {_fmt_num(planned)}.",
                     "Align the monthly budget lines with the actions' budgets.")

    # segments -----------------------------------------------------------------------------
    def segments(self) -> None:
        shares = [s.share for s in self.plan.segments if is_number(s.share)]
        if not self.plan.segments:
            return
        n = len(self.plan.segments)
        where = self.at("segments", n - 1, "share")
        if not shares:
            self.add(INFO, "segments-no-shares", where,
                     "No segment has a share of revenue.",
                     "Type the share of revenue each segment must bring; together they make 100 %.")
            return
        total = sum(float(x) for x in shares)
        if abs(total - 1) > SHARE_TOLERANCE:
            if abs(total - 100) <= 100 * SHARE_TOLERANCE:
                fix = "The shares were typed as whole numbers (35 for 35 %): type them as percentages (35 %)."
            else:
                fix = "Adjust the segment shares so that they add up to 100 %."
            self.add(WARNING, "segments-shares-not-100", where,
                     f"The segments' shares of revenue add up to {total:.1%}, not 100 %.", fix)

    # KPIs ---------------------------------------------------------------------------------
    def kpis(self) -> None:
        objective_ids = {_norm(o.id) for o in self.plan.objectives if o.id.strip()}
        first_plan_key = month_keys()[0].replace("m", "p")
        m = self.s.tracking_month
        for i, k in enumerate(self.plan.kpis):
            label = k.id or k.name or f"row {i + 1}"
            if not any(is_number(v) for v in k.plan):
                self.add(WARNING, "kpi-no-plan", self.at("tblKPI", i, first_plan_key),
                         f"KPI {label} has no monthly plan: its variance cannot be tracked.",
                         "Type the planned figure of each month.")
            try:
                kpi_kind(k.kind)
            except InputError:
                self.add(WARNING, "kpi-unknown-kind", self.at("tblKPI", i, "kind"),
                         f"KPI {label} has the kind {k.kind!r}, unknown: it is treated as a count.",
                         "Choose revenue, count, cost or rate in the Kind column.")
            if k.objective_id.strip() and _norm(k.objective_id) not in objective_ids:
                self.add(WARNING, "kpi-unknown-objective", self.at("tblKPI", i, "objective_id"),
                         f"KPI {label} refers to objective {k.objective_id!r}, which does not exist.",
                         "Choose an objective ID from the Objectives sheet.")
            if m and 1 <= m <= 12 and any(is_number(v) for v in k.plan):
                missing = [j + 1 for j in range(m) if not is_number(k.actual[j]) and is_number(k.plan[j])]
                if missing:
                    self.add(INFO, "kpi-missing-actuals", self.at("tblKPI", i, f"a{missing[0]:02d}"),
                             f"KPI {label} has no actual for month(s) {', '.join(map(str, missing))} "
                             f"(tracking month {m}).",
                             "Type the actual figures, or import them with pacxl import actuals.")

    # funnel -------------------------------------------------------------------------------
    def funnel(self) -> None:
        s = self.s
        stages = [x for x in s.funnel_stages if str(x).strip()]
        if len(stages) < 2:
            return
        rates_where = self.layout.name("PAC_FunnelRates")
        if len(s.funnel_rates) < len(stages) - 1:
            self.add(ERROR, "funnel-missing-rates", rates_where,
                     f"The funnel has {len(stages)} stages but {len(s.funnel_rates)} conversion rate(s).",
                     "Give one conversion rate between each stage and the next.")
            return
        rates = list(s.funnel_rates[: len(stages) - 1])
        try:
            calc.funnel.check_rates(rates)
        except InputError as exc:
            self.add(ERROR, "funnel-bad-rate", rates_where, f"Funnel: {exc}.",
                     "Type each conversion rate as a percentage above 0 % and at most 100 %.")
            return
        deals = deals_target(s)
        if deals is None:
            self.add(WARNING, "funnel-no-target", self.layout.name("PAC_FunnelTarget"),
                     "The funnel has no deal target: neither typed nor computed from revenue and average deal.",
                     "Type the revenue target and the average deal value on the Funnel sheet.")
            return
        vols = calc.required_volumes(deals, rates)
        weekly = calc.per_period(vols, 52)
        needs = ", ".join(f"{w} {name}" for w, name in zip(weekly, stages))
        self.add(INFO, "funnel-weekly-need", self.layout.name("PAC_FunnelVolumes"),
                 f"To sign {deals} deals the funnel needs each week: {needs}.",
                 "Make sure the action plan schedules this activity every week.")
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
                             f"KPI {k.id or k.name} plans {_fmt_num(planned)} {stage} in the year "
                             f"({math.ceil(planned / 52)}/week); the funnel needs {vol} ({week}/week).",
                             "Raise the monthly plan of this KPI, or add actions, or revise the conversion rates.")
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
                     f"The funnel needs {top_weekly} {top_stage} a week but no action of category "
                     f"{' / '.join(names)} is scheduled.",
                     "Add prospecting and sales actions with dates that cover the year.")
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
                         f"From {_fmt_date(d0)} to {_fmt_date(d1)} ({run - w} weeks) no "
                         f"{' / '.join(names)} action runs, while the funnel needs {top_weekly} "
                         f"{top_stage} a week.",
                         "Schedule prospecting or sales actions over these weeks.")
            w = run

    # customers ----------------------------------------------------------------------------
    def customers(self) -> None:
        if not any(is_number(c.amount) for c in self.plan.customers):
            self.add(INFO, "customers-empty", self.at("tblCustomers", None),
                     "The customer list has no revenue: the ABC split cannot be made.",
                     "Paste last year's revenue per customer, or use pacxl import customers.")

    def run(self) -> list[Finding]:
        self.settings()
        self.objectives()
        self.actions()
        self.budget()
        self.segments()
        self.kpis()
        self.funnel()
        self.customers()
        return sort_findings(self.findings, self.layout)


def sort_findings(findings: list[Finding], layout: Layout) -> list[Finding]:
    """Errors first, then warnings, then info; within a severity, in sheet order then cell."""
    order = {layout.sheet(role): i for i, role in enumerate(SHEETS)}

    def key(f: Finding):
        col = "".join(ch for ch in f.cell if ch.isalpha())
        row = "".join(ch for ch in f.cell if ch.isdigit())
        return (SEVERITIES.index(f.severity), order.get(f.sheet, 99), int(row or 0), len(col), col)

    return sorted(findings, key=key)


def check_plan(plan: Plan, layout: Layout | None = None, today: dt.date | None = None) -> list[Finding]:
    """Findings on ``plan``; cells from ``layout`` (the generator's layout when None)."""
    return _Checker(plan, layout or default_layout(plan), today or dt.date.today()).run()


def check_workbook(path: str | Path, today: dt.date | None = None) -> list[Finding]:
    """Read a pacxl workbook and check it (raises WorkbookError when it is not one)."""
    from .workbook.read import read_workbook

    plan, layout = read_workbook(path)
    return check_plan(plan, layout, today)


def summary(findings: list[Finding]) -> dict[str, int]:
    return {sev: sum(1 for f in findings if f.severity == sev) for sev in SEVERITIES}


def to_json(findings: list[Finding], workbook: str, today: dt.date) -> dict:
    """The ``--json`` document (schema ``pacxl.check/1``, see docs/check.md)."""
    return {
        "schema": JSON_SCHEMA_ID,
        "workbook": workbook,
        "today": today.isoformat(),
        "summary": summary(findings),
        "findings": [f.to_dict() for f in findings],
    }
