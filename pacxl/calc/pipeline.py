"""The pipeline of deals from the CRM (tblPipeline): what it weighs against the year's revenue goal.

A deal is a row of tblPipeline with an amount (a number): deal, account, owner, stage, amount,
probability, expected close date, created date, status. The rules, one definition each (their
native twins: :mod:`pacxl.workbook.formulas_pipeline`):

* **Status**: won when the status is a won word of either language (``Gagné``, ``Won``), lost
  when it is a lost word (``Perdu``, ``Lost``), open otherwise (a blank status too). Words compare
  as Excel compares text: case ignored, spaces trimmed as ``TRIM`` does (accents count).
* **Probability**: a fraction 0-1, or a percentage when above 1 (40 means 40 %); a blank, a
  negative figure or one above 100 weighs 0 in the workbook, and is refused by the importer
  (:func:`probability`).
* **Weighted value** of an open deal: amount x probability. The **weighted pipeline**
  (``PAC_PipelineWeighted``) adds up the weighted values of the open deals expected to close
  within the plan year (their close date in plan months 1-12); an open deal without a close
  date, or closing after the year, is in the pipeline but not in that figure.
* **Coverage** (``PAC_PipelineCoverage``): weighted pipeline / (revenue goal - revenue to date),
  the revenue to date being the revenue KPIs' actuals to date (the dashboard's). Blank without a
  revenue goal, and when what is left is 0 or less: the goal is reached, there is nothing to cover.
* **Deal age** of an open deal: days from its created date to the plan's as-of date (blank
  without either, or when created after the as-of date).
* **Past its expected close**: an open deal whose close date is before the as-of date.
* **Stages**: open deals counted by the funnel's stage names (compared as the statuses are);
  beside each, the funnel's volume for the rest of the year: the stage's yearly volume x the
  seasonality weights of the months after the tracking month, rounded up.
* **Expected signatures by month**: the open deals whose close date falls in each plan month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ..errors import InputError
from ._num import clean_ceil, is_number
from .dates import plan_month_of

MONTHS = 12

#: tblPipeline's status words, per language: open, won, lost (the drop-down of the column).
STATUS_WORDS: dict[str, tuple[str, str, str]] = {"fr": ("En cours", "Gagné", "Perdu"), "en": ("Open", "Won", "Lost")}
STATUSES = ("open", "won", "lost")


def excel_trim(text: object) -> str:
    """``TRIM``: spaces (only) removed at both ends and runs of them inside made one."""
    return " ".join(part for part in str(text if text is not None else "").split(" ") if part)


def text_key(text: object) -> str:
    """A text as Excel's ``=`` compares it after ``TRIM``: case ignored."""
    return excel_trim(text).lower()


def status_key(word: object) -> str:
    """``open``, ``won`` or ``lost`` of a status cell (see the module's rules)."""
    key = text_key(word)
    for i, status in enumerate(STATUSES[1:], start=1):
        if key in {words[i].lower() for words in STATUS_WORDS.values()}:
            return status
    return "open"


def probability(value: object) -> float | None:
    """A probability as imported: a fraction 0-1 stays, a percentage 1-100 becomes a fraction
    (40 -> 0.40); blank gives None; a negative one or one above 100 is refused."""
    if value is None or value == "":
        return None
    if not is_number(value):
        raise InputError(f"a probability must be a number, got {value!r}",
                         fr=f"une probabilité doit être un nombre, reçu {value!r}")
    p = float(value)  # type: ignore[arg-type]
    if p < 0 or p > 100:
        raise InputError(f"a probability must be between 0 and 100 %, got {p:g}",
                         fr=f"une probabilité doit être comprise entre 0 et 100 %, reçu {p:g}")
    return p / 100 if p > 1 else p


def weight(value: object) -> float:
    """The weight of a probability cell: :func:`probability`, 0 for a blank or unusable one
    (twin ``IF(AND(ISNUMBER(p),p>=0,p<=100),IF(p>1,p/100,p),0)``)."""
    if not is_number(value) or not 0 <= float(value) <= 100:  # type: ignore[arg-type]
        return 0.0
    p = float(value)  # type: ignore[arg-type]
    return p / 100 if p > 1 else p


def _deal_day(v: object) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return None


def deal_figures(deal: Any, year: int, first_month: int, as_of: dt.date | None) -> dict:
    """The computed columns of one tblPipeline row: ``open`` (bool), ``value`` (its amount when
    open, else 0), ``weighted`` (amount x weight when open, else None), ``month`` (plan month of
    its close date when open, else None), ``age`` (days) and ``past`` (bool)."""
    amount = float(deal.amount) if is_number(deal.amount) else None
    is_open = amount is not None and status_key(deal.status) == "open"
    close, created = _deal_day(deal.close), _deal_day(deal.created)
    out = {"open": is_open, "status": status_key(deal.status) if amount is not None else None,
           "value": amount if is_open else 0.0, "weighted": None, "month": None, "age": None, "past": False}
    if not is_open:
        return out
    out["weighted"] = amount * weight(deal.probability)
    if close is not None:
        out["month"] = plan_month_of(close, year, first_month)
        out["past"] = as_of is not None and close < as_of
    if created is not None and as_of is not None and created <= as_of:
        out["age"] = (as_of - created).days
    return out


def in_year(month: int | None) -> bool:
    return month is not None and 1 <= month <= MONTHS


def weighted_pipeline(rows: Sequence[dict]) -> float:
    """``PAC_PipelineWeighted``: the weighted values of the open deals closing within the plan
    year (``rows``: :func:`deal_figures` of each deal)."""
    return sum(r["weighted"] for r in rows if r["open"] and in_year(r["month"]))


def coverage(weighted: object, revenue_target: object, revenue_to_date: object) -> float | None:
    """``PAC_PipelineCoverage``: weighted pipeline / (revenue goal - revenue to date, a blank
    counting 0); blank without a goal or when nothing is left to cover (0 or less)."""
    if not is_number(revenue_target) or not is_number(weighted):
        return None
    left = remaining(revenue_target, revenue_to_date)
    if left is None or round(left, 9) <= 0:
        return None
    return float(weighted) / left  # type: ignore[arg-type]


def remaining(revenue_target: object, revenue_to_date: object) -> float | None:
    """What is left of the revenue goal: goal - revenue to date (blank: 0); blank without a goal."""
    if not is_number(revenue_target):
        return None
    done = float(revenue_to_date) if is_number(revenue_to_date) else 0.0  # type: ignore[arg-type]
    return float(revenue_target) - done  # type: ignore[arg-type]


def remaining_share(weights: Sequence[float], month: int | None) -> float:
    """The share of the year after plan month ``month``: the seasonality weights of the months
    after it (the whole profile without a tracking month); twin
    ``SUMPRODUCT(({1;...;12}>N(PAC_Month))*PAC_Seasonality)``."""
    m = month if isinstance(month, int) and month > 0 else 0
    return float(sum(weights[m:]))


def stage_need(volume: object, share: float) -> int | None:
    """A stage's funnel volume for the rest of the year: yearly volume x share, rounded up."""
    if not is_number(volume):
        return None
    return clean_ceil(float(volume) * share)  # type: ignore[arg-type]


def _tally(rows: Sequence[dict]) -> dict:
    return {"count": len(rows), "value": sum(r["value"] for r in rows),
            "weighted": sum(r["weighted"] for r in rows)}


def by_stage(deals: Sequence[Any], rows: Sequence[dict], stages: Sequence[str]) -> tuple[list[dict], dict]:
    """Open deals per funnel stage name (count, value, weighted), and those of the other stages."""
    out = []
    seen = {"count": 0, "value": 0.0, "weighted": 0.0}
    for name in stages:
        key = text_key(name)
        t = _tally([r for d, r in zip(deals, rows) if r["open"] and key and text_key(d.stage) == key])
        out.append({"stage": name, **t})
        for k in seen:
            seen[k] += t[k]
    total = _tally([r for r in rows if r["open"]])
    other = {k: total[k] - seen[k] for k in seen}
    return out, other


def by_month(rows: Sequence[dict]) -> list[dict]:
    """Open deals expected to close in each plan month 1-12 (count, value, weighted)."""
    return [{"month": m, **_tally([r for r in rows if r["open"] and r["month"] == m])}
            for m in range(1, MONTHS + 1)]


def unknown_stages(deals: Sequence[Any], rows: Sequence[dict], stages: Sequence[str]) -> list[str]:
    """Stages of open deals that are none of the funnel's stage names, in order of appearance."""
    known = {text_key(s) for s in stages if text_key(s)}
    out: list[str] = []
    for d, r in zip(deals, rows):
        name = excel_trim(d.stage)
        if r["open"] and name and text_key(name) not in known and name not in out:
            out.append(name)
    return out


def pipeline_figures(
    deals: Sequence[Any],
    *,
    year: int,
    first_month: int,
    as_of: dt.date | None,
    stages: Sequence[str],
    revenue_target: object,
    revenue_to_date: object,
    volumes: Sequence[object] | None,
    weights: Sequence[float],
    month: int | None,
) -> dict:
    """Every figure of the pipeline (``deals``: objects with the attributes deal, account, owner,
    stage, amount, probability, close, created, status; ``stages``: the funnel's named stages,
    ``volumes`` their yearly volumes or None; ``weights``: the seasonality profile; ``month``:
    the tracking month)."""
    rows = [deal_figures(d, year, first_month, as_of) for d in deals]
    weighted = weighted_pipeline(rows)
    stage_rows, other = by_stage(deals, rows, stages)
    share = remaining_share(weights, month)
    for i, s in enumerate(stage_rows):
        s["need"] = stage_need(volumes[i] if volumes is not None and i < len(volumes) else None, share)
    ages = [r["age"] for r in rows if r["age"] is not None]
    past = [i for i, r in enumerate(rows) if r["past"]]
    open_rows = [r for r in rows if r["open"]]
    closed = {s: [r for r in rows if r["status"] == s] for s in ("won", "lost")}
    return {
        "deals": sum(1 for r in rows if r["status"] is not None),
        "open": _tally(open_rows),
        "won": {"count": len(closed["won"]), "value": sum(float(deals[i].amount) for i, r in enumerate(rows)
                                                          if r["status"] == "won")},
        "lost": {"count": len(closed["lost"]), "value": sum(float(deals[i].amount) for i, r in enumerate(rows)
                                                            if r["status"] == "lost")},
        "weighted": weighted,
        "revenue_target": float(revenue_target) if is_number(revenue_target) else None,  # type: ignore[arg-type]
        "revenue_to_date": float(revenue_to_date) if is_number(revenue_to_date) else None,  # type: ignore[arg-type]
        "remaining": remaining(revenue_target, revenue_to_date),
        "coverage": coverage(weighted, revenue_target, revenue_to_date),
        "remaining_share": share,
        "by_stage": stage_rows,
        "other_stages": other,
        "by_month": by_month(rows),
        "age_average": sum(ages) / len(ages) if ages else None,
        "age_oldest": max(ages) if ages else None,
        "past_close": {"count": len(past), "value": sum(rows[i]["value"] for i in past), "rows": past},
        "unknown_stages": unknown_stages(deals, rows, stages),
    }
