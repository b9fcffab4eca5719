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
    if isinstance(values, list):
        # a list of plain floats, ints and blanks (what a spreadsheet range gives): one C
        # conversion, None becoming NaN; bools, text or anything else take the careful path
        kinds = set(map(type, values))
        if kinds <= {float, int, type(None)}:
            return np.array(values, dtype=float)
        if kinds <= {float, int, type(None), str, bool}:  # blanks as "", text, TRUE/FALSE: masked in C
            n = len(values)  # (fromiter: np.array would look into every text as a sequence)
            types = np.fromiter(map(type, values), dtype=object, count=n)
            numeric = (types == float) | (types == int)
            out = np.full(n, np.nan)
            out[numeric] = np.fromiter(values, dtype=object, count=n)[numeric].astype(float)
            return out
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
            raise InputError(f"the {name} threshold must be a number, got {v!r}",
                fr=f"le seuil {name} doit être un nombre, reçu {v!r}")
        if 1 < v <= 100:
            raise InputError(
                f"the {name} threshold is {v:g}: give it as a fraction ({v:g} % is {v / 100:g})",
                    fr=f"le seuil {name} vaut {v:g} : donnez-le en fraction ({v:g} % font {v / 100:g})"
            )
        if not 0 < v <= 1:
            raise InputError(f"the {name} threshold is {v:g}: it must be above 0 and at most 1",
                fr=f"le seuil {name} vaut {v:g} : il doit être supérieur à 0 et au plus 1")
    if a > b:
        raise InputError(f"the A threshold ({a:g}) must not exceed the B threshold ({b:g})",
            fr=f"le seuil A ({a:g}) ne doit pas dépasser le seuil B ({b:g})")
    return float(a), float(b)


class AbcResult:
    """Classes and shares, one entry per input amount, in the input order.

    ``classes`` and ``shares`` are computed at once; ``prior_shares`` and ``cum_shares`` on first
    use (they cost a search per amount, which classes do not need).
    """

    __slots__ = ("classes", "shares", "total", "_x", "_sorted", "_running", "_prior", "_cum")

    def __init__(self, classes, shares, total, x, ordered, running):
        self.classes: np.ndarray = classes  #: "A", "B", "C" or "" (unicode array)
        self.shares: np.ndarray = shares  #: amount / positive total (NaN for blanks or no total)
        self.total: float = total  #: sum of the positive amounts
        self._x, self._sorted, self._running = x, ordered, running
        self._prior = self._cum = None

    def _positive_sums(self) -> tuple[np.ndarray, np.ndarray]:
        """Sums of the amounts strictly greater and greater-or-equal, for positive amounts."""
        x = self._x
        prior = np.full(x.size, np.nan)
        cum = np.full(x.size, np.nan)
        if self.total > 0:
            positive = ~np.isnan(x) & (x > 0)
            vals = x[positive]
            s, run = self._sorted, self._running
            upto = run[np.searchsorted(s, vals, side="right") - 1]
            below_idx = np.searchsorted(s, vals, side="left") - 1
            below = np.where(below_idx >= 0, run[np.maximum(below_idx, 0)], 0.0)
            prior[positive] = (self.total - upto) / self.total
            cum[positive] = (self.total - below) / self.total
        return prior, cum

    @property
    def prior_shares(self) -> np.ndarray:
        """Sum of the strictly greater amounts / total (NaN unless the amount is positive)."""
        if self._prior is None:
            self._prior, self._cum = self._positive_sums()
        return self._prior

    @property
    def cum_shares(self) -> np.ndarray:
        """Sum of the amounts greater than or equal to this one / total (NaN unless positive)."""
        if self._cum is None:
            self._prior, self._cum = self._positive_sums()
        return self._cum

    def summary(self, amounts=None) -> dict[str, dict[str, float]]:
        """Count, revenue and share of the positive total per class (see :func:`abc_summary`)."""
        return abc_summary(self, amounts)


_LABELS = np.array(["", "A", "B", "C"])


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
    numeric = ~np.isnan(x)
    ordered = np.sort(x[numeric & (x > 0)])  # ascending positive amounts
    running = np.cumsum(ordered)
    total = float(running[-1]) if running.size else 0.0
    codes = numeric.astype(np.int8) * 3  # C for every number, blank otherwise
    if total > 0:
        # The prior share falls as the amount grows, so each class is the amounts above a
        # cut-off: find the cut-offs on the sorted amounts, then compare (no per-amount search).
        n = ordered.size
        group_end = np.append(ordered[1:] != ordered[:-1], True)
        last_of_group = np.where(group_end, np.arange(n), n)
        last_of_group = np.minimum.accumulate(last_of_group[::-1])[::-1]
        prior_sorted = np.round((total - running[last_of_group]) / total, NOISE_DECIMALS)
        for code, limit in ((2, b), (1, a)):
            inside = prior_sorted < limit
            if inside.any():
                cut = ordered[np.argmax(inside)]
                codes[x >= cut] = code
    shares = x / total if total > 0 else np.full(x.size, np.nan)
    return AbcResult(_LABELS[codes], shares, total, x, ordered, running)


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


def segment_shares(amounts: Sequence, segments: Sequence, names: Sequence[str]) -> dict[str, float | None]:
    """Share of last year's revenue brought by each segment of ``names``: the positive amounts of
    its customers / the positive total (the ABC total), so that the shares of all segments add up
    to exactly 100 % when every customer has one. Credit notes count in no share, as in ABC.
    Segment names compare without case, like ``SUMIFS``; None without a positive total."""
    x = _as_float_array(amounts)
    keys = [str(s or "").strip().casefold() for s in segments]
    positive = np.where(np.isnan(x) | (x <= 0), 0.0, x)
    total = float(positive.sum())
    out: dict[str, float | None] = {}
    for name in names:
        key = str(name or "").strip().casefold()
        if not key:
            continue
        part = float(sum(v for v, k in zip(positive, keys) if k == key))
        out[str(name)] = part / total if total > 0 else None
    return out
