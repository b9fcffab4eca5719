"""The reverse conversion funnel: from deals to sign back to the activity each stage needs.

Stages are ordered from the top of the funnel (e.g. contacts) down to the signature. ``rates[i]``
is the conversion rate from stage ``i`` to stage ``i + 1``. Working back from the target ``T``:
``v[n] = T`` and ``v[i] = ceil(v[i+1] / rates[i])``, where the ceiling ignores floating-point
noise (see :func:`pacxl.calc._num.clean_ceil`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import InputError
from ._num import clean_ceil, is_number


#: The French of the figures a message names.
_FR_WHAT = {"target": "la cible", "revenue goal": "l'objectif de chiffre d'affaires"}


def _check_target(target: object, what: str = "target") -> float:
    if not is_number(target):
        raise InputError(f"the {what} must be a number, got {target!r}",
            fr=f"{_FR_WHAT.get(what, what)} doit être un nombre, reçu {target!r}")
    t = float(target)  # type: ignore[arg-type]
    if t < 0:
        raise InputError(f"the {what} must be zero or more, got {t:g}",
            fr=f"{_FR_WHAT.get(what, what)} doit être positif ou nul, reçu {t:g}")
    return t


def check_rates(rates: Sequence[object]) -> list[float]:
    """Validate conversion rates (fractions in (0, 1]) and return them as floats."""
    if len(rates) == 0:
        raise InputError("give at least one conversion rate", fr="donnez au moins un taux de conversion")
    out = []
    for i, r in enumerate(rates, start=1):
        if not is_number(r):
            raise InputError(f"conversion rate {i} must be a number, got {r!r}",
                fr=f"le taux de conversion {i} doit être un nombre, reçu {r!r}")
        r = float(r)  # type: ignore[arg-type]
        if 1 < r <= 100:
            raise InputError(
                f"conversion rate {i} is {r:g}: give rates as fractions between 0 and 1 "
                f"({r:g} % is {r / 100:g})",
                    fr=f"le taux de conversion {i} vaut {r:g} : donnez les taux en fractions entre 0 et 1 ({r:g} % font {r / 100:g})"
            )
        if not 0 < r <= 1:
            raise InputError(f"conversion rate {i} is {r:g}: a rate must be above 0 and at most 1",
                fr=f"le taux de conversion {i} vaut {r:g} : un taux doit être supérieur à 0 et au plus 1")
        out.append(r)
    return out


def required_volumes(target: float, rates: Sequence[float], *, exact: bool = False) -> list:
    """Volumes of every stage, top first, the last being ``target``.

    >>> required_volumes(15, [0.2, 0.5, 0.3])
    [500, 100, 50, 15]
    >>> required_volumes(7, [0.1, 0.35, 0.7])
    [290, 29, 10, 7]

    With ``exact=True`` nothing is rounded: each stage is the next one divided by its rate
    (``15 / 0.3 = 50.0``, ...), useful to see how much slack the rounding adds.
    """
    t = _check_target(target)
    rs = check_rates(rates)
    if exact:
        vols: list = [t]
        for r in reversed(rs):
            vols.append(vols[-1] / r)
        return vols[::-1]
    if t != int(t):
        t = clean_ceil(t)  # a fractional deal target still needs whole deals
    vols = [int(t)]
    for r in reversed(rs):
        vols.append(clean_ceil(vols[-1] / r))
    return vols[::-1]


def per_period(volumes: Sequence[float], periods: float) -> list[int]:
    """Each volume spread over ``periods`` (12 months, 52 weeks, ...), rounded up.

    >>> per_period([500, 100, 50, 15], 12)
    [42, 9, 5, 2]
    """
    if not is_number(periods) or float(periods) <= 0:
        raise InputError(f"the number of periods must be a number above 0, got {periods!r}",
            fr=f"le nombre de périodes doit être un nombre supérieur à 0, reçu {periods!r}")
    return [clean_ceil(float(v) / float(periods)) for v in volumes]


def deals_for_revenue(revenue: float, average_deal: float) -> int:
    """Deals to sign to reach a revenue goal: ``ceil(revenue / average deal value)``.

    >>> deals_for_revenue(300_000, 20_000)
    15
    """
    rev = _check_target(revenue, "revenue goal")
    if not is_number(average_deal) or float(average_deal) <= 0:
        raise InputError(f"the average deal value must be a number above 0, got {average_deal!r}",
            fr=f"la valeur moyenne d'une affaire doit être un nombre supérieur à 0, reçu {average_deal!r}")
    return clean_ceil(rev / float(average_deal))


@dataclass(frozen=True)
class FunnelCalendar:
    """Stage volumes needed month by month, top stage first.

    ``months[s][m]`` is the volume of stage ``s`` to reach in month ``m`` (0-based) so that the
    signatures planned later land on time; ``before[s]`` is what stage ``s`` must reach *before*
    the first month (the pipeline to have built already when the year starts).
    """

    months: list[list[int]]
    before: list[int]

    def totals(self) -> list[int]:
        """Total volume per stage, including what falls before the first month."""
        return [sum(row) + b for row, b in zip(self.months, self.before)]


def funnel_calendar(
    monthly_targets: Sequence[float], rates: Sequence[float], lags: Sequence[int]
) -> FunnelCalendar:
    """Spread monthly signature targets back over earlier months by each stage's sales-cycle lag.

    ``lags[s]`` says how many months stage ``s`` precedes the signature (top stage first); give
    one lag per stage (``len(rates) + 1``, the last usually 0) or one per stage above the
    signature (``len(rates)``, the signature's lag is then 0). Each month's signatures form a
    cohort whose volumes are computed with :func:`required_volumes` (whole units per cohort) and
    placed ``lag`` months earlier. Volumes that would fall before the first month go to
    ``before``.

    >>> cal = funnel_calendar([0, 0, 2], [0.5, 0.5], [2, 1])
    >>> cal.months
    [[8, 0, 0], [0, 4, 0], [0, 0, 2]]
    """
    rs = check_rates(rates)
    n_stages = len(rs) + 1
    lag_list = list(lags)
    if len(lag_list) == len(rs):
        lag_list.append(0)
    if len(lag_list) != n_stages:
        raise InputError(
            f"give one lag per stage ({n_stages}) or per stage above the signature ({len(rs)}), "
            f"got {len(lag_list)}",
                fr=f"donnez un délai par étape ({n_stages}) ou par étape avant la signature ({len(rs)}), reçu {len(lag_list)}"
        )
    for i, lag in enumerate(lag_list, start=1):
        if not is_number(lag) or float(lag) < 0 or float(lag) != int(lag):
            raise InputError(f"lag {i} must be a whole number of months, 0 or more, got {lag!r}",
                fr=f"le délai {i} doit être un nombre entier de mois, 0 ou plus, reçu {lag!r}")
    lag_ints = [int(x) for x in lag_list]
    n_months = len(monthly_targets)
    months = [[0] * n_months for _ in range(n_stages)]
    before = [0] * n_stages
    for m, target in enumerate(monthly_targets):
        if target is None or (isinstance(target, float) and math.isnan(target)):
            continue
        vols = required_volumes(target, rs)
        for s, vol in enumerate(vols):
            at = m - lag_ints[s]
            if at < 0:
                before[s] += vol
            else:
                months[s][at] += vol
    return FunnelCalendar(months=months, before=before)
