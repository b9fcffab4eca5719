"""Revisions: the approved plan (the baseline), the revised plan, and the rule between them.

``pacxl freeze`` records the approved plan as the **baseline**: one entry per objective target,
per KPI month plan and per budget line month (kind, id, field, month, value; blank values kept,
so that an item's presence is known). ``pacxl revise`` (or the owner, by hand) changes the plan
and writes a **revision** row: date, id, field, month, old, new, reason, author.

* :func:`baseline_entries` is what freeze records;
* :func:`initial_kpi_year` and :func:`initial_budget_total` are the initial plan of a KPI's year
  and of a budget line (native twins: tblKPI ``initial_year``, tblBudget ``initial_total``),
  computed like ``plan_year`` and ``total`` from the baseline's months;
* :func:`initial_target` is an objective's target in the baseline;
* :func:`unexplained_changes` is check's rule ``revision-missing``: a value of an item of the
  baseline that differs from it, with no revision row whose new value is the current one.

IDs are compared stripped and without case (as Excel's ``=`` compares text).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ._num import as_number
from .kpi import Series, ratio
from .variance import aggregation, year_to_date

MONTHS = 12

#: Item kinds of the baseline and the field each one holds.
KINDS = ("objective", "kpi", "budget")
FIELD_OF_KIND = {"objective": "target", "kpi": "plan", "budget": "budget"}
KIND_OF_FIELD = {v: k for k, v in FIELD_OF_KIND.items()}

#: Two figures closer than this (relative to the larger, at least 1) are the same figure.
SAME = 1e-9


@dataclass(frozen=True)
class Entry:
    """One baseline value: ``month`` is None for an objective's target, 1..12 otherwise."""

    kind: str
    id: str
    field: str
    month: int | None
    value: float | None


@dataclass(frozen=True)
class Change:
    """A value of the baseline's item that differs from the baseline, unexplained."""

    kind: str
    id: str
    field: str
    month: int | None
    baseline: float | None
    current: float | None
    #: the new value of the last revision row of that value (None: no row at all)
    revised: float | None = None
    has_row: bool = False


def key(text: object) -> str:
    """An ID as compared: stripped, without case."""
    return str(text if text is not None else "").strip().casefold()


def same(a: object, b: object) -> bool:
    """Two values are the same figure: both blank, or numbers within :data:`SAME`."""
    x, y = as_number(a), as_number(b)
    if x is None or y is None:
        return x is None and y is None
    return abs(x - y) <= SAME * max(1.0, abs(x), abs(y))


def duplicate_ids(ids: Iterable[object]) -> list[str]:
    """IDs given to more than one item (blank IDs left out), in order of first repeat."""
    seen: set[str] = set()
    out: list[str] = []
    for i in ids:
        k = key(i)
        if not k:
            continue
        if k in seen and k not in [key(o) for o in out]:
            out.append(str(i).strip())
        seen.add(k)
    return out


def baseline_entries(objectives: Iterable[tuple[object, object]],
                     kpis: Iterable[tuple[object, Sequence[object]]],
                     budget: Iterable[tuple[object, Sequence[object]]]) -> list[Entry]:
    """The entries freeze records: ``objectives`` as (id, target) pairs, ``kpis`` and ``budget``
    as (id, 12 monthly figures). Items without an ID are left out (nothing can name them)."""
    out: list[Entry] = []
    for oid, target in objectives:
        if key(oid):
            out.append(Entry("objective", str(oid).strip(), "target", None, as_number(target)))
    for kind, items in (("kpi", kpis), ("budget", budget)):
        for iid, months in items:
            if not key(iid):
                continue
            padded = list(months) + [None] * MONTHS
            for m in range(1, MONTHS + 1):
                out.append(Entry(kind, str(iid).strip(), FIELD_OF_KIND[kind], m, as_number(padded[m - 1])))
    return out


def _rows(entries: Iterable[Entry], kind: str, item: object) -> list[Entry]:
    k = key(item)
    return [e for e in entries if e.kind == kind and key(e.id) == k] if k else []


def in_baseline(entries: Iterable[Entry], kind: str, item: object) -> bool:
    return bool(_rows(entries, kind, item))


def baseline_months(entries: Iterable[Entry], kind: str, item: object) -> list[float | None] | None:
    """The 12 monthly figures of a KPI or budget line in the baseline (None: not in it)."""
    rows = _rows(entries, kind, item)
    if not rows:
        return None
    months: list[float | None] = [None] * MONTHS
    for e in rows:
        if e.month is not None and 1 <= e.month <= MONTHS and e.value is not None:
            months[e.month - 1] = (months[e.month - 1] or 0.0) + e.value
    return months


def initial_target(entries: Iterable[Entry], objective_id: object) -> float | None:
    """An objective's target in the baseline (None: blank, or not in the baseline). Entries of one
    ID add up, as the sheet's SUMPRODUCT adds them (freeze refuses two objectives with one ID)."""
    values = [e.value for e in _rows(entries, "objective", objective_id) if e.value is not None]
    return sum(values) if values else None


def initial_kpi_year(entries: Sequence[Entry], kind: str, kpi_id: object,
                     numerator: object = "", denominator: object = "") -> float | None:
    """The initial plan of a KPI's year: ``plan_year`` of its baseline months (sum, or average
    for a rate; a rate that names its numerator and denominator KPIs is the ratio of their
    baseline totals). None when the KPI is not in the baseline or has no figure there."""
    months = baseline_months(entries, "kpi", kpi_id)
    if months is None:
        return None
    if kind == "rate" and key(numerator) and key(denominator):
        num = baseline_months(entries, "kpi", numerator)
        den = baseline_months(entries, "kpi", denominator)
        if num is None or den is None:
            return None
        return ratio(year_to_date(num, MONTHS), year_to_date(den, MONTHS))
    return year_to_date(months, MONTHS, aggregation(kind))


def initial_series(entries: Sequence[Entry], kpi_id: object) -> Series | None:
    """A KPI's baseline months as a plan series (actuals blank), or None."""
    months = baseline_months(entries, "kpi", kpi_id)
    return None if months is None else Series(months, [None] * MONTHS)


def initial_budget_total(entries: Sequence[Entry], line_id: object) -> float | None:
    """The initial total of a budget line: the sum of its baseline months (None: not in the
    baseline, or no figure there)."""
    months = baseline_months(entries, "budget", line_id)
    return None if months is None else year_to_date(months, MONTHS)


def initial_sum(values: Iterable[object]) -> float | None:
    """The initial total of several budget lines (a category, the budget): the sum of their
    initial totals, None when none has one (the Budget sheet's totals row: blank, not 0)."""
    numbers = [x for x in (as_number(v) for v in values) if x is not None]
    return sum(numbers) if numbers else None


@dataclass(frozen=True)
class RevisionRow:
    """A revision as check reads it: the field's key (target, plan, budget), month, new value."""

    id: str
    field: str
    month: int | None
    new: float | None


def unexplained_changes(entries: Sequence[Entry],
                        objectives: Iterable[tuple[object, object]],
                        kpis: Iterable[tuple[object, Sequence[object]]],
                        budget: Iterable[tuple[object, Sequence[object]]],
                        revisions: Sequence[RevisionRow]) -> list[Change]:
    """Rule ``revision-missing``: each value of an item of the baseline that differs from the
    baseline and whose last revision row (same ID, field and month) does not give the current
    value as its new value, or that has no revision row at all. Items added after the freeze
    (not in the baseline) are not revisions and are left out."""
    base = {(e.kind, key(e.id), e.month): e.value for e in entries}
    last: dict[tuple[str, str, int | None], float | None] = {}
    for r in revisions:
        kind = KIND_OF_FIELD.get(r.field)
        if kind is None:
            continue
        last[(kind, key(r.id), None if kind == "objective" else r.month)] = r.new
    out: list[Change] = []

    def look(kind: str, item: object, month: int | None, current: object) -> None:
        k = (kind, key(item), month)
        if not key(item) or k not in base or same(base[k], current):
            return
        if k in last and same(last[k], current):
            return
        out.append(Change(kind, str(item).strip(), FIELD_OF_KIND[kind], month, base[k], as_number(current),
                          last.get(k), k in last))

    for oid, target in objectives:
        look("objective", oid, None, target)
    for kind, items in (("kpi", kpis), ("budget", budget)):
        for iid, months in items:
            padded = list(months) + [None] * MONTHS
            for m in range(1, MONTHS + 1):
                look(kind, iid, m, padded[m - 1])
    return out
