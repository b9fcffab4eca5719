"""The plan: what a PAC workbook holds, as plain dataclasses.

The generator writes a :class:`Plan` into a workbook, the workbook reader reads one back, and the
YAML/JSON loader builds one from a file (``pacxl new --from plan.yaml``). Dates are
:class:`datetime.date`; amounts are floats; a blank is ``None``. Month lists always have 12 entries
(plan months, the first being ``Settings.first_month``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from .errors import InputError

Number = Optional[float]


def _blank_months() -> list:
    return [None] * 12


@dataclass
class Settings:
    company: str = ""
    year: int = 2027
    currency: str = "EUR"
    first_month: int = 1  # calendar month the plan year starts with
    tracking_month: Optional[int] = None  # plan months 1..tracking_month have actuals
    as_of: Optional[dt.date] = None  # typed as-of date; blank: the end of the tracking month
    lang: str = "fr"
    owners: list[str] = field(default_factory=list)
    segments: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)  # action categories (empty: language default)
    levers: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)  # todo, doing, done, postponed, cancelled
    budget_categories: list[str] = field(default_factory=list)
    funnel_stages: list[str] = field(default_factory=list)  # top first, at most 6
    funnel_rates: list[float] = field(default_factory=list)  # len(funnel_stages) - 1
    abc_a: float = 0.80
    abc_b: float = 0.95
    abc_basis: str = "revenue"  # what the ABC classes rank: "revenue" or "margin"
    # coverage plan: visits or calls per customer and year for class A, B, C (blank: none)
    coverage_visits: list = field(default_factory=list)  # numbers or blanks (planfile: RANGES)
    revenue_target: Number = None
    average_deal: Number = None
    deals_target: Optional[int] = None  # typed override; else ceil(revenue / average deal)
    # seasonality profile: 12 monthly weights adding up to 100 % (fractions or percentages);
    # empty: last year's monthly revenue (Review.monthly_revenue) when complete, else flat
    seasonality: list[float] = field(default_factory=list)
    # public holidays of the plan year; empty: France's (see pacxl.calc.workdays)
    holidays: list[dt.date] = field(default_factory=list)
    # per funnel stage, top first: months it precedes the signature (sales cycle); blank = 0
    funnel_lags: list[int] = field(default_factory=list)


@dataclass
class ReviewLine:
    """Last year (bilan N-1), by segment or product."""

    label: str = ""
    kind: str = ""  # "segment" or "product" (free text)
    objective: Number = None
    achieved: Number = None
    comment: str = ""


@dataclass
class Review:
    lines: list[ReviewLine] = field(default_factory=list)
    worked: list[str] = field(default_factory=list)
    did_not_work: list[str] = field(default_factory=list)
    conversion_notes: list[str] = field(default_factory=list)  # rates, cost per action, channels
    monthly_revenue: list = field(default_factory=_blank_months)  # last year's revenue, plan months


@dataclass
class Swot:
    strengths: list[str] = field(default_factory=list)
    weaknesses: list[str] = field(default_factory=list)
    opportunities: list[str] = field(default_factory=list)
    threats: list[str] = field(default_factory=list)
    environment: list[str] = field(default_factory=list)  # EMOFF's E
    value_proposition: dict[str, str] = field(default_factory=dict)  # question key -> answer


@dataclass
class Segment:
    name: str = ""
    description: str = ""
    persona: str = ""
    share: Number = None  # share of revenue the segment must bring (0..1)


@dataclass
class Customer:
    code: str = ""
    name: str = ""
    segment: str = ""
    amount: Number = None
    margin: Number = None  # gross margin of the year (optional)
    potential: Number = None  # estimated yearly revenue within reach (optional)
    previous: Number = None  # revenue of the year before (N-1, optional)


@dataclass
class Deal:
    """A deal of the pipeline (tblPipeline, ``pacxl import pipeline``): see :mod:`pacxl.calc.pipeline`."""

    deal: str = ""
    account: str = ""
    owner: str = ""
    stage: str = ""
    amount: Number = None
    probability: Number = None  # 0-1, or a percentage above 1 (40 = 40 %)
    close: Optional[dt.date] = None  # expected close (signature) date
    created: Optional[dt.date] = None
    status: str = ""  # open / won / lost, in the workbook's words (calc.pipeline.STATUS_WORDS)


@dataclass
class Objective:
    id: str = ""
    objective: str = ""
    kpi: str = ""
    target: Number = None
    unit: str = ""
    achievable: str = ""
    relevant: str = ""
    deadline: Optional[dt.date] = None
    owner: str = ""
    status: str = ""


@dataclass
class Action:
    id: str = ""
    objective_id: str = ""
    action: str = ""
    category: str = ""
    lever: str = ""
    segment: str = ""
    owner: str = ""
    start: Optional[dt.date] = None
    end: Optional[dt.date] = None
    budget: Number = None
    kpi: str = ""
    status: str = ""


@dataclass
class BudgetLine:
    id: str = ""
    category: str = ""
    action_id: str = ""
    label: str = ""
    months: list = field(default_factory=_blank_months)
    actual: Number = None  # spend to date


@dataclass
class KPI:
    id: str = ""
    name: str = ""
    kind: str = "count"  # revenue | count | cost | rate (see pacxl.calc.variance.KPI_KINDS)
    unit: str = ""
    objective_id: str = ""
    plan: list = field(default_factory=_blank_months)
    actual: list = field(default_factory=_blank_months)
    numerator: str = ""  # rate KPIs: ID of the KPI counted above the line (e.g. signatures)
    denominator: str = ""  # ... and below it (e.g. proposals): the rate is a ratio of totals
    stage: str = ""  # count KPIs: the funnel stage it counts (observed conversion rates)


@dataclass
class KeyDate:
    date: Optional[dt.date] = None
    label: str = ""


@dataclass
class BaselineEntry:
    """One value of the approved plan (``pacxl freeze``): see :mod:`pacxl.calc.revisions`."""

    kind: str = ""  # objective | kpi | budget
    id: str = ""
    field: str = ""  # target | plan | budget
    month: Optional[int] = None  # 1..12 (None for an objective's target)
    value: Number = None


@dataclass
class Baseline:
    date: Optional[dt.date] = None  # when the plan was frozen (None: never)
    entries: list[BaselineEntry] = field(default_factory=list)


@dataclass
class Revision:
    """A change of the plan after the freeze (``pacxl revise``, or typed in tblRevisions)."""

    date: Optional[dt.date] = None
    id: str = ""
    field: str = ""  # target | plan | budget
    month: Optional[int] = None
    old: Number = None
    new: Number = None
    reason: str = ""
    author: str = ""


@dataclass
class TeamMember:
    """A salesperson of the team (tblTeam)."""

    salesperson: str = ""
    email: str = ""
    meetings_per_week: Number = None


@dataclass
class Allocation:
    """A salesperson's part of a segment's revenue target (tblAllocation): a share (0-1) or an
    amount; business: new | existing | "" (both)."""

    salesperson: str = ""
    segment: str = ""
    share: Number = None
    amount: Number = None
    business: str = ""


@dataclass
class ReconciliationLine:
    """A salesperson x segment line of the Reconciliation sheet (tblReconciliation, written by
    ``consolidate --against``): their plan against their allocation of the team's target."""

    salesperson: str = ""
    segment: str = ""
    plan: Number = None
    team_target: Number = None  # the team's target of the segment
    share: Number = None  # allocated share of it
    amount: Number = None  # allocated amount


@dataclass
class StageActual:
    """A salesperson's actual to date of a funnel stage (tblReconciliationRates)."""

    salesperson: str = ""
    stage: str = ""
    actual: Number = None


@dataclass
class Plan:
    settings: Settings = field(default_factory=Settings)
    review: Review = field(default_factory=Review)
    swot: Swot = field(default_factory=Swot)
    segments: list[Segment] = field(default_factory=list)
    customers: list[Customer] = field(default_factory=list)
    objectives: list[Objective] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    budget: list[BudgetLine] = field(default_factory=list)
    kpis: list[KPI] = field(default_factory=list)
    key_dates: list[KeyDate] = field(default_factory=list)
    baseline: Baseline = field(default_factory=Baseline)
    revisions: list[Revision] = field(default_factory=list)
    pipeline: list[Deal] = field(default_factory=list)
    team: list[TeamMember] = field(default_factory=list)
    allocations: list[Allocation] = field(default_factory=list)
    reconciliation: list[ReconciliationLine] = field(default_factory=list)
    stage_actuals: list[StageActual] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly dict (dates as ISO strings)."""
        return _to_jsonable(dataclasses.asdict(self))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Plan":
        """Build a plan from a dict (as read from YAML or JSON); every value is checked for type
        and range, an unknown key is an error (see :mod:`pacxl.planfile`)."""
        from .planfile import plan_from_dict

        return plan_from_dict(data)

    @classmethod
    def from_file(cls, path: str | Path) -> "Plan":
        """Read a plan from a ``.yaml``/``.yml`` or ``.json`` file (see :mod:`pacxl.planfile`)."""
        from .planfile import read_plan_file

        return read_plan_file(path)


def _to_jsonable(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_to_jsonable(v) for v in obj]
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    return obj
