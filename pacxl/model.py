"""The plan: what a PAC workbook holds, as plain dataclasses.

The generator writes a :class:`Plan` into a workbook, the workbook reader reads one back, and the
YAML/JSON loader builds one from a file (``pacxl new --from plan.yaml``). Dates are
:class:`datetime.date`; amounts are floats; a blank is ``None``. Month lists always have 12 entries
(plan months, the first being ``Settings.first_month``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import typing
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
    revenue_target: Number = None
    average_deal: Number = None
    deals_target: Optional[int] = None  # typed override; else ceil(revenue / average deal)


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


@dataclass
class KeyDate:
    date: Optional[dt.date] = None
    label: str = ""


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

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly dict (dates as ISO strings)."""
        return _to_jsonable(dataclasses.asdict(self))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Plan":
        """Build a plan from a dict (as read from YAML or JSON); unknown keys are an error."""
        return _from_dict(cls, data, "plan")

    @classmethod
    def from_file(cls, path: str | Path) -> "Plan":
        """Read a plan from a ``.yaml``/``.yml`` or ``.json`` file."""
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise InputError(f"{p}: no such file") from None
        except UnicodeDecodeError:
            raise InputError(f"{p}: not a UTF-8 text file") from None
        if p.suffix.lower() in (".yaml", ".yml"):
            import yaml

            try:
                data = yaml.safe_load(text)
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                where = f", line {mark.line + 1}" if mark else ""
                raise InputError(f"{p}{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
        elif p.suffix.lower() == ".json":
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                raise InputError(f"{p}, line {exc.lineno}: not valid JSON ({exc.msg})") from None
        else:
            raise InputError(f"{p}: a plan file must end in .yaml, .yml or .json")
        if not isinstance(data, dict):
            raise InputError(f"{p}: a plan file must hold a mapping (settings, objectives, ...)")
        try:
            return cls.from_dict(data)
        except InputError as exc:
            raise InputError(f"{p}: {exc}") from None


def _to_jsonable(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_to_jsonable(v) for v in obj]
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    return obj


def _convert(tp: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if value is None:
        return None
    if origin is typing.Union:  # Optional[X]
        inner = [a for a in args if a is not type(None)]
        return _convert(inner[0], value, where)
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise InputError(f"{where} must be a mapping")
        return _from_dict(tp, value, where)
    if origin is list:
        if not isinstance(value, list):
            raise InputError(f"{where} must be a list")
        inner = args[0] if args else Any
        return [_convert(inner, v, f"{where}[{i + 1}]") for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise InputError(f"{where} must be a mapping")
        return {str(k): "" if v is None else str(v) for k, v in value.items()}
    if tp is dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise InputError(f"{where}: {value!r} is not a date (use YYYY-MM-DD)") from None
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InputError(f"{where}: {value!r} is not a number")
        return float(value)
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
            raise InputError(f"{where}: {value!r} is not a whole number")
        return int(value)
    if tp is str:
        return str(value)
    return value


def _from_dict(cls: Any, data: dict[str, Any], where: str) -> Any:
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise InputError(f"{where}: unknown key {unknown[0]!r} (expected one of {', '.join(sorted(names))})")
    kwargs = {k: _convert(hints[k], v, f"{where}.{k}") for k, v in data.items()}
    return cls(**kwargs)
