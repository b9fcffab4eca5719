"""The plan's seasonality profile: how a yearly figure spreads over the 12 plan months.

The profile is 12 weights that add up to 1 (100 %), month 1 being the plan's first month
(Settings, ``PAC_Seasonality``). It is, in this order of preference: typed by the user
(``pacxl new --seasonality``, the YAML plan, or the Settings cells), last year's monthly revenue
from the review sheet (each month's share of the year), or flat (1/12 each).

A yearly figure ``Y`` spread by the profile gives ``Y x w[m]`` in month ``m`` (native twin
``=Y*INDEX(PAC_Seasonality, m)``): no rounding, so the months add back to ``Y`` exactly.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..errors import InputError
from ._num import as_number

MONTHS = 12

#: How far from 100 % a typed profile may add up (rounding of typed percentages).
SUM_TOLERANCE = 0.001


def flat() -> list[float]:
    """The flat profile: 1/12 in every month."""
    return [1 / MONTHS] * MONTHS


def from_history(monthly_revenue: Sequence[object]) -> list[float] | None:
    """Each month's share of last year's revenue, or None when the 12 months are not all figures,
    one is negative or they add up to 0 (the profile then stays flat)."""
    values = [as_number(v) for v in monthly_revenue]
    if len(values) != MONTHS or any(v is None or v < 0 for v in values):
        return None
    total = sum(values)  # type: ignore[arg-type]
    if total <= 0:
        return None
    return [v / total for v in values]  # type: ignore[operator]


def check_profile(weights: Sequence[object]) -> list[float]:
    """Validate 12 typed weights, as fractions (0.08) or percentages (8): every weight a number,
    0 or more, adding up to 100 %. Returns fractions."""
    values = [as_number(w) for w in weights]
    if len(values) != MONTHS:
        raise InputError(f"the seasonality profile needs 12 monthly weights, got {len(values)}",
                         fr=f"la saisonnalité demande 12 poids mensuels, reçu {len(values)}")
    for i, v in enumerate(values, start=1):
        if v is None or v < 0:
            raise InputError(f"seasonality weight of month {i} must be a number, 0 or more, got {weights[i - 1]!r}",
                             fr=f"le poids de saisonnalité du mois {i} doit être un nombre positif ou nul, "
                                f"reçu {weights[i - 1]!r}")
    total = sum(values)  # type: ignore[arg-type]
    if abs(total - 100) <= 100 * SUM_TOLERANCE:  # percentages
        values = [v / 100 for v in values]  # type: ignore[operator]
        total /= 100
    if abs(total - 1) > SUM_TOLERANCE:
        shown = total if total > 2 else total * 100  # typed as percentages, or as fractions
        raise InputError(f"the seasonality weights must add up to 100 %, they add up to {round(shown, 3):g} %",
                         fr="les poids de saisonnalité doivent totaliser 100 %, ils totalisent "
                            f"{round(shown, 3):g} %".replace(".", ","))
    return values  # type: ignore[return-value]


def profile(typed: Sequence[object] | None, history: Sequence[object] | None) -> list[float]:
    """The plan's profile: the typed one, else last year's revenue shares, else flat."""
    if typed:
        return check_profile(typed)
    if history:
        shares = from_history(history)
        if shares is not None:
            return shares
    return flat()


def used_profile(typed: Sequence[object] | None, history: Sequence[object] | None) -> list[float]:
    """The profile a workbook uses (Settings, ``PAC_Seasonality``), never refusing: when any
    weight is typed, the typed weights (blanks count 0; divided by 100 when they add up to 100
    within 0.1, i.e. typed as percentages), else last year's revenue shares, else flat. A typed
    profile that does not add up to 100 % is used as typed and flagged by ``check``."""
    values = [as_number(w) for w in (typed or [])][:MONTHS]
    if any(v is not None for v in values):
        values = [v or 0.0 for v in values] + [0.0] * (MONTHS - len(values))
        total = sum(values)
        if abs(total - 100) <= 100 * SUM_TOLERANCE:
            values = [v / 100 for v in values]
        return values
    shares = from_history(history) if history else None
    return shares if shares is not None else flat()


def typed_sum_ok(typed: Sequence[object] | None) -> bool | None:
    """None when no weight is typed, else whether the typed weights add up to 100 %."""
    values = [as_number(w) for w in (typed or [])]
    if not any(v is not None for v in values):
        return None
    total = sum(v or 0.0 for v in values)
    return abs(total - 1) <= SUM_TOLERANCE or abs(total - 100) <= 100 * SUM_TOLERANCE


def whole_spread(total: object, weights: Sequence[float]) -> list[int]:
    """A whole number (deals to sign) spread over the months so that the months add up to it:
    month k gets ``round(T x W[k]) - round(T x W[k-1])``, W being the cumulative weights and
    rounding half up after removing float noise (twin: ``ROUND(ROUND(x, 9), 0)`` differences)."""
    t = as_number(total)
    if t is None:
        return [0] * len(weights)
    out, cum, before = [], 0.0, 0
    for w in weights:
        cum += w
        now = int(math.floor(round(t * cum, 9) + 0.5))
        out.append(now - before)
        before = now
    return out


def spread(amount: object, weights: Sequence[float]) -> list[float | None]:
    """A yearly amount spread over the months by the profile (blank amount: 12 blanks)."""
    a = as_number(amount)
    if a is None:
        return [None] * len(weights)
    return [a * w for w in weights]


def spread_rest(amount: object, weights: Sequence[float], month: int) -> list[float | None]:
    """``amount`` spread over the months after ``month`` (1..12) by their weights, renormalised
    to the rest of the year: month k > month gets ``amount x w[k] / sum(w[month+1..12])``; when the
    remaining weights add up to 0, evenly. Months up to ``month`` are blank (None)."""
    a = as_number(amount)
    n = len(weights)
    out: list[float | None] = [None] * n
    rest = list(range(month, n))  # 0-based indexes of the months after `month`
    if a is None or not rest:
        return out
    total = sum(weights[k] for k in rest)
    for k in rest:
        out[k] = a * weights[k] / total if total > 0 else a / len(rest)
    return out
