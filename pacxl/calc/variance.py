"""Variance against plan, year to date and forecasts, for KPI and budget lines.

Blanks (None, NaN, text) are blanks, never zeros: a variance with a blank side is blank, a year to
date with no figure is blank. Months are 1-based (1 = the plan's first month).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import InputError
from ._num import as_number, is_number

#: How each kind of line adds up and which direction is favourable.
#: sum kinds add up over months and across people; "rate" lines are averaged.
KPI_KINDS = ("revenue", "count", "cost", "rate")

#: French and English words users type for a kind, normalised (see :func:`kpi_kind`).
KIND_ALIASES = {
    "revenue": "revenue", "ca": "revenue", "chiffre d'affaires": "revenue", "montant": "revenue",
    "marge": "revenue", "margin": "revenue", "ventes": "revenue", "sales": "revenue",
    "count": "count", "nombre": "count", "volume": "count", "quantite": "count",
    "quantité": "count", "number": "count",
    "cost": "cost", "coût": "cost", "cout": "cost", "charge": "cost", "dépense": "cost",
    "depense": "cost", "expense": "cost", "budget": "cost",
    "rate": "rate", "taux": "rate", "ratio": "rate", "%": "rate", "pourcentage": "rate",
}


def kpi_kind(word: object) -> str:
    """Normalise a KPI kind typed by a user (``"CA"``, ``"Coût"``, ``"rate"``...)."""
    key = str(word or "").strip().lower()
    if key in KIND_ALIASES:
        return KIND_ALIASES[key]
    raise InputError(
        f"unknown KPI kind {word!r}: use one of revenue (CA), count (nombre), cost (coût), rate (taux)",
            fr=f"type d'indicateur inconnu {word!r} : utilisez CA (revenue), nombre (count), coût (cost) ou taux (rate)"
    )


def aggregation(kind: str) -> str:
    """``"mean"`` for rates, ``"sum"`` for everything that adds up."""
    return "mean" if kind == "rate" else "sum"


def variance(actual: object, plan: object) -> float | None:
    """``actual - plan``; blank when either side is blank."""
    a, p = as_number(actual), as_number(plan)
    if a is None or p is None:
        return None
    return a - p


def variance_pct(actual: object, plan: object) -> float | None:
    """``(actual - plan) / |plan|``; blank when a side is blank or the plan is 0."""
    a, p = as_number(actual), as_number(plan)
    if a is None or p is None or p == 0:
        return None
    return (a - p) / abs(p)


def favourable(actual: object, plan: object, kind: str = "revenue") -> bool | None:
    """True when the line is on the right side of plan: actual >= plan for revenue, counts and
    rates, actual <= plan for costs. Blank (None) when either side is blank."""
    a, p = as_number(actual), as_number(plan)
    if a is None or p is None:
        return None
    if kind not in KPI_KINDS:
        kind = kpi_kind(kind)
    return a <= p if kind == "cost" else a >= p


def check_month(month: object, n_months: int = 12) -> int:
    """Validate a 1-based month number."""
    if not is_number(month) or float(month) != int(month) or not 1 <= int(month) <= n_months:
        raise InputError(f"the month must be a whole number from 1 to {n_months}, got {month!r}",
            fr=f"le mois doit être un nombre entier de 1 à {n_months}, reçu {month!r}")
    return int(month)


def _numbers(values: Sequence[object]) -> list[float]:
    return [float(v) for v in values if is_number(v)]


def year_to_date(values: Sequence[object], month: int, how: str = "sum") -> float | None:
    """Sum (or mean, for rates) of the figures of months 1..month; blank when none is a figure."""
    m = check_month(month, max(len(values), 1))
    nums = _numbers(values[:m])
    if not nums:
        return None
    return sum(nums) if how == "sum" else sum(nums) / len(nums)


def landing_forecast(
    actuals: Sequence[object], plans: Sequence[object], month: int, how: str = "sum"
) -> float | None:
    """Where the year lands: actual to date plus the plan of the remaining months.

    For rates (``how="mean"``) the average of those same figures. Blank when there is no actual
    figure to date.
    """
    if len(actuals) != len(plans):
        raise InputError(
            f"actuals and plans must cover the same months ({len(actuals)} and {len(plans)} given)",
                fr=f"les réalisés et les prévus doivent couvrir les mêmes mois ({len(actuals)} et {len(plans)} donnés)"
        )
    m = check_month(month, max(len(actuals), 1))
    done = _numbers(actuals[:m])
    if not done:
        return None
    rest = _numbers(plans[m:])
    if how == "sum":
        return sum(done) + sum(rest)
    return (sum(done) + sum(rest)) / (len(done) + len(rest))


def run_rate_forecast(
    actuals: Sequence[object], month: int, how: str = "sum", n_months: int = 12
) -> float | None:
    """Actual to date extrapolated over the year: ``ytd x 12 / month`` (the mean, for rates)."""
    ytd = year_to_date(actuals, month, how)
    if ytd is None:
        return None
    return ytd * n_months / month if how == "sum" else ytd
