"""Small numeric helpers shared by the calc modules (and mirrored by the native formulas)."""

from __future__ import annotations

import math
from numbers import Real
from typing import Any

#: Figures are rounded to this many decimals before a ceiling or a threshold comparison, so that
#: floating-point noise (29 / 0.1 = 290.00000000000006) never adds a unit or flips a class.
#: The native twins do the same with ROUND(x, 9).
NOISE_DECIMALS = 9


def clean_ceil(x: float) -> int:
    """``ceil`` that ignores floating-point noise: the twin of ``ROUNDUP(ROUND(x, 9), 0)``."""
    return math.ceil(round(x, NOISE_DECIMALS))


def is_number(v: Any) -> bool:
    """True for a real, finite number (bools and text are not numbers here)."""
    return isinstance(v, Real) and not isinstance(v, bool) and math.isfinite(float(v))


def as_number(v: Any) -> float | None:
    """The number in ``v``, or None for a blank (None, '', NaN). Text raises nothing: it is None too."""
    if is_number(v):
        return float(v)
    return None
