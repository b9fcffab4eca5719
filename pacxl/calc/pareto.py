"""ABC (Pareto) classes of customers by revenue.

Rule (order-independent): the positive amounts make the total. An amount's *prior share* is the
sum of the amounts strictly greater than it divided by that total. Class A when the prior share
is below ``a`` (default 0.80), B when below ``b`` (default 0.95), else C. Hence the largest
customer is always A, equal amounts always share a class, zero and negative amounts (credit
notes) are C and count in no total, and blanks or text get no class (``""``).

Shares are rounded to 9 decimals before the comparison (the native twin does ``ROUND(x, 9)``),
so that the order in which a spreadsheet sums the amounts cannot flip a class at a boundary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Real

import numpy as np

from ..errors import InputError
from ._num import NOISE_DECIMALS

DEFAULT_A = 0.80
DEFAULT_B = 0.95
CLASSES = ("A", "B", "C")


def _as_float_array(values) -> np.ndarray:
    """Amounts as floats; blanks, text and bools become NaN (no class)."""
    if isinstance(values, np.ndarray) and values.dtype.kind in "fiu":
        return values.astype(float, copy=False).ravel()
    try:  # pandas Series/Index of numbers, without importing pandas here
        dtype = values.dtype
    except AttributeError:
        dtype = None
    if dtype is not None and getattr(dtype, "kind", "O") in "fiu":
        return np.asarray(values, dtype=float).ravel()
    return np.fromiter(
        (
            float(v) if isinstance(v, Real) and not isinstance(v, (bool, np.bool_)) else np.nan
            for v in values
        ),
        dtype=float,
    )


def check_thresholds(a: float, b: float) -> tuple[float, float]:
    """Validate the A and B cumulative-share thresholds (0 < a <= b <= 1)."""
    for name, v in (("A", a), ("B", b)):
        if not isinstance(v, Real) or isinstance(v, bool):
            raise InputError(f"the {name} threshold must be a number, got {v!r}")
        if 1 < v <= 100:
            raise InputError(
                f"the {name} threshold is {v:g}: give it as a fraction ({v:g} % is {v / 100:g})"
            )
        if not 0 < v <= 1:
            raise InputError(f"the {name} threshold is {v:g}: it must be above 0 and at most 1")
    if a > b:
        raise InputError(f"the A threshold ({a:g}) must not exceed the B threshold ({b:g})")
    return float(a), float(b)


@dataclass(frozen=True)
class AbcResult:
    """Classes and shares, one entry per input amount, in the input order."""

    classes: np.ndarray  #: "A", "B", "C" or "" (object array)
    shares: np.ndarray  #: amount / total of positive amounts (NaN for blanks, or no positive total)
    prior_shares: np.ndarray  #: sum of strictly greater amounts / total (NaN unless amount > 0)
    cum_shares: np.ndarray  #: sum of amounts >= this one / total (NaN unless amount > 0)
    total: float  #: sum of the positive amounts

    def summary(self, amounts=None) -> dict[str, dict[str, float]]:
        """Count, revenue and share of the positive total per class (see :func:`abc_summary`)."""
        return abc_summary(self, amounts)


def abc_classes(values: Sequence, a: float = DEFAULT_A, b: float = DEFAULT_B) -> AbcResult:
    """ABC class of every amount.

    >>> list(abc_classes([100, 50, 30, 10, 10]).classes)
    ['A', 'A', 'A', 'B', 'B']
    >>> list(abc_classes([90, 5, 5]).classes)
    ['A', 'B', 'B']
    >>> list(abc_classes([None, "n/a", 0, -20, 50]).classes)
    ['', '', 'C', 'C', 'A']
    """
    a, b = check_thresholds(a, b)
    x = _as_float_array(values)
    n = x.size
    numeric = ~np.isnan(x)
    positive = numeric & (x > 0)
    classes = np.full(n, "", dtype=object)
    classes[numeric] = "C"
    shares = np.full(n, np.nan)
    prior = np.full(n, np.nan)
    cum = np.full(n, np.nan)
    pos_vals = x[positive]
    if pos_vals.size == 0:
        return AbcResult(classes, shares, prior, cum, 0.0)
    ordered = np.sort(pos_vals)  # ascending
    running = np.cumsum(ordered)
    total = float(running[-1])
    # sum of amounts <= v and < v, from the ascending running sums
    upto = running[np.searchsorted(ordered, pos_vals, side="right") - 1]
    below_idx = np.searchsorted(ordered, pos_vals, side="left") - 1
    below = np.where(below_idx >= 0, running[np.maximum(below_idx, 0)], 0.0)
    p = (total - upto) / total
    prior[positive] = p
    cum[positive] = (total - below) / total
    shares[numeric] = x[numeric] / total
    rounded = np.round(p, NOISE_DECIMALS)
    classes[positive] = np.where(rounded < a, "A", np.where(rounded < b, "B", "C"))
    return AbcResult(classes, shares, prior, cum, total)


def abc_summary(result: AbcResult, amounts=None) -> dict[str, dict[str, float]]:
    """Per class: ``count``, ``revenue`` (sum of its members' amounts, credit notes included in C)
    and ``share`` (revenue / total of positive amounts; 0 when there is no positive total)."""
    out: dict[str, dict[str, float]] = {}
    if amounts is None:
        vals = np.where(np.isnan(result.shares), np.nan, result.shares * result.total)
    else:
        vals = _as_float_array(amounts)
    for c in CLASSES:
        mask = result.classes == c
        revenue = float(np.nansum(vals[mask])) if mask.any() else 0.0
        out[c] = {
            "count": int(mask.sum()),
            "revenue": revenue,
            "share": revenue / result.total if result.total else 0.0,
        }
    return out
