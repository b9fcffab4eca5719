"""Customers seen by margin, potential and retention (issue 14, "Customers").

* **ABC basis** (``PAC_ABCBasis``): the ABC classes of :mod:`pacxl.calc.pareto` are computed on
  the revenue (``amount``, the default) or on the gross margin (``margin``). The Settings cell holds
  a word; :func:`basis_of` reads it (``Marge``/``Margin``, any case: margin; anything else: revenue).
* **Potential class**: the same ABC rule on the potential (estimated yearly revenue within reach),
  with the same thresholds; a customer without a potential has no potential class.
* **ABC matrix** (``PAC_ABCMatrix``): customers counted by current class (rows A, B, C) x potential
  class (columns A, B, C), and their revenue (the sum of their ``amount`` figures, credit notes
  included, as in the ABC summary). A customer without both classes is in no cell.
* **Retention** (``PAC_Retention``), from last year's revenue (N-1, ``previous``) and this year's
  (``amount``); a customer *was* a customer when its N-1 figure is above 0, *is* one when its
  amount is above 0:

  - kept: was and is; lost: was, is not; new: is, was not;
  - N-1 base: the N-1 revenue of the customers who were; kept revenue: the revenue (N) of the
    kept; lost revenue: the N-1 revenue of the lost; new revenue: the revenue of the new;
  - revenue retention = kept revenue / N-1 base (above 100 % when the kept customers grew);
  - churn rate = lost / (kept + lost).

  Every figure is blank while no customer has an N-1 figure (nothing to compare), and the two
  ratios are blank when their denominator is 0.
* **Coverage plan**: visits (or calls) per customer and year for each class (Settings) -> the
  meetings the customer base needs in a year: ``sum(customers of the class x visits)``, a blank
  visit count counting 0 (``PAC_CoverageMeetings``; the Team sheet adds them to the funnel's
  meetings, :mod:`pacxl.calc.team_capacity`).

Native twins: :mod:`pacxl.workbook.formulas_customers`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ._num import as_number
from .pareto import CLASSES, DEFAULT_A, DEFAULT_B, AbcResult, abc_classes

#: ``PAC_ABCBasis`` words meaning "on the margin" (compared without case, as Excel's ``=``).
MARGIN_WORDS = ("marge", "margin")
#: The basis word each language writes in Settings.
BASIS_WORDS = {"revenue": {"fr": "CA", "en": "Revenue"}, "margin": {"fr": "Marge", "en": "Margin"}}

#: Keys of the retention block, in the order of its rows.
RETENTION_KEYS = ("kept", "lost", "new", "base", "kept_revenue", "lost_revenue", "new_revenue",
                  "revenue_retention", "churn_rate")


def basis_of(word: object) -> str:
    """``"margin"`` when the Settings word says margin, else ``"revenue"``."""
    return "margin" if isinstance(word, str) and word.casefold() in MARGIN_WORDS else "revenue"


def basis_word(basis: str, lang: str) -> str:
    """The Settings word of a basis in a workbook language."""
    return BASIS_WORDS["margin" if basis == "margin" else "revenue"][lang]


def basis_values(amounts: Sequence[object], margins: Sequence[object], basis: str) -> list[object]:
    """The figures the ABC classes are computed on: the margins or the amounts."""
    return list(margins) if basis == "margin" else list(amounts)


def abc_on_basis(amounts: Sequence[object], margins: Sequence[object], basis: str,
                 a: float = DEFAULT_A, b: float = DEFAULT_B) -> AbcResult:
    """The ABC classes on the chosen basis (see :func:`pacxl.calc.pareto.abc_classes`)."""
    return abc_classes(basis_values(amounts, margins, basis), a, b)


def potential_classes(potentials: Sequence[object], a: float = DEFAULT_A, b: float = DEFAULT_B) -> list[str]:
    """Each customer's class of potential ("" without a potential figure)."""
    return [str(c) for c in abc_classes(potentials, a, b).classes]


def abc_matrix(current: Sequence[str], potential: Sequence[str],
               amounts: Sequence[object]) -> dict[str, list[list[float]]]:
    """``{"counts": 3x3, "revenue": 3x3}``: rows the current class A, B, C, columns the potential
    class A, B, C; revenue sums the members' amounts (numbers only)."""
    counts = [[0] * 3 for _ in CLASSES]
    revenue = [[0.0] * 3 for _ in CLASSES]
    index = {c: i for i, c in enumerate(CLASSES)}
    for cur, pot, amount in zip(current, potential, amounts):
        i, j = index.get(cur), index.get(pot)
        if i is None or j is None:
            continue
        counts[i][j] += 1
        x = as_number(amount)
        if x is not None:
            revenue[i][j] += x
    return {"counts": counts, "revenue": revenue}


def _positive(v: object) -> float | None:
    x = as_number(v)
    return x if x is not None and x > 0 else None


def retention(previous: Sequence[object], current: Sequence[object]) -> dict[str, float | None]:
    """Kept, lost and new customers and their revenue, revenue retention and churn rate (see the
    module's rules); every value None while no customer has an N-1 figure."""
    if not any(as_number(v) is not None for v in previous):
        return {k: None for k in RETENTION_KEYS}
    kept = lost = new = 0
    base = kept_rev = lost_rev = new_rev = 0.0
    n = max(len(previous), len(current))
    prev = list(previous) + [None] * (n - len(previous))
    cur = list(current) + [None] * (n - len(current))
    for p, c in zip(prev, cur):
        was, is_ = _positive(p), _positive(c)
        if was is not None:
            base += was
            if is_ is not None:
                kept += 1
                kept_rev += is_
            else:
                lost += 1
                lost_rev += was
        elif is_ is not None:
            new += 1
            new_rev += is_
    return {"kept": kept, "lost": lost, "new": new, "base": base, "kept_revenue": kept_rev,
            "lost_revenue": lost_rev, "new_revenue": new_rev,
            "revenue_retention": kept_rev / base if base > 0 else None,
            "churn_rate": lost / (kept + lost) if kept + lost else None}


def coverage_meetings(counts_by_class: Mapping[str, object], visits_per_class: Sequence[object]) -> float:
    """Meetings a year the customer base needs: customers of each class x that class's visits
    per customer and year (A, B, C; a blank counts 0)."""
    visits = list(visits_per_class) + [None] * len(CLASSES)
    total = 0.0
    for cls, v in zip(CLASSES, visits):
        total += (as_number(counts_by_class.get(cls)) or 0.0) * (as_number(v) or 0.0)
    return total


def class_summary(classes: Sequence[str], amounts: Sequence[object]) -> dict[str, dict[str, float]]:
    """Per class A, B, C: ``count``, ``revenue`` (the sum of its members' amounts, credit notes
    included) and ``share`` (revenue / the sum of all positive amounts; 0 without any): the ABC
    summary of the Customers sheet, whatever the basis the classes were ranked on."""
    total = sum(x for x in (as_number(a) for a in amounts) if x is not None and x > 0)
    out: dict[str, dict[str, float]] = {}
    for cls in CLASSES:
        members = [as_number(a) for c, a in zip(classes, amounts) if c == cls]
        revenue = float(sum(x for x in members if x is not None))
        out[cls] = {"count": len(members), "revenue": revenue, "share": revenue / total if total else 0.0}
    return out
