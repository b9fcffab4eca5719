"""The sales team's allocation of the revenue target (Team sheet, ``pacxl split``): pure Python.

A team plan gives each salesperson a part of each segment's revenue target: a share (0-1) or an
amount. Per segment, shares plus amounts over the segment's target must make 100 % (within a
cent of the target). Splitting a team figure among salespeople uses the largest remainder
method, so that the parts add up **exactly** to the team figure: whole counts for counts, cents
for amounts.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ._num import is_number

#: Equal shares are given to this many decimals (0.3334, 0.3333, 0.3333): they add up to 1.
SHARE_DECIMALS = 4


def largest_remainder(total: int, weights: Sequence[float]) -> list[int]:
    """``total`` whole units split in proportion to ``weights`` (none negative): the floors of
    the exact parts, then one more unit to the largest remainders (ties: the first) until the
    parts add up to ``total``. All weights 0: even split. ``total`` may be negative."""
    n = len(weights)
    if n == 0:
        if total:
            raise ValueError("nothing to split into")
        return []
    if any(w < 0 for w in weights):
        raise ValueError("weights must not be negative")
    sign = -1 if total < 0 else 1
    units = abs(int(total))
    wsum = float(sum(weights))
    ws = list(weights) if wsum > 0 else [1.0] * n
    wsum = wsum if wsum > 0 else float(n)
    exact = [units * w / wsum for w in ws]
    parts = [math.floor(e + 1e-9) for e in exact]
    left = units - sum(parts)
    order = sorted(range(n), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[:left]:
        parts[i] += 1
    return [sign * p for p in parts]


def split_amount(total: float, weights: Sequence[float]) -> list[float]:
    """An amount split in proportion to ``weights`` to the cent: the parts add up to ``total``
    rounded to the cent (largest remainder on cents)."""
    cents = largest_remainder(round(float(total) * 100), weights)
    return [c / 100 for c in cents]


def split_count(total: float, weights: Sequence[float]) -> list[float]:
    """A count split in whole units when ``total`` is whole, else to the hundredth; the parts add
    up to ``total``."""
    if float(total) == int(total):
        return [float(p) for p in largest_remainder(int(total), weights)]
    return split_amount(total, weights)


def equal_shares(n: int) -> list[float]:
    """``n`` equal shares to :data:`SHARE_DECIMALS` decimals adding up to exactly 1."""
    units = 10 ** SHARE_DECIMALS
    return [p / units for p in largest_remainder(units, [1.0] * n)]


@dataclass(frozen=True)
class Part:
    """One allocation row: a salesperson's share or amount of a segment's target."""

    salesperson: str
    segment: str
    share: float | None = None
    amount: float | None = None
    business: str = ""  # "new", "existing", or "" (both, not told apart)


def _key(text: str) -> str:
    return str(text or "").strip().casefold()


def segment_fraction(part: Part, segment_target: float) -> float:
    """The part of the segment's target a row carries (share + amount / target)."""
    f = float(part.share) if is_number(part.share) else 0.0
    if is_number(part.amount) and segment_target:
        f += float(part.amount) / float(segment_target)
    return f


def allocated_share(parts: Iterable[Part], segment: str, segment_target: float) -> float | None:
    """Shares plus amounts over the target of one segment's rows; None when no row names it."""
    rows = [p for p in parts if _key(p.segment) == _key(segment)]
    if not rows:
        return None
    return sum(segment_fraction(p, segment_target) for p in rows)


def allocation_errors(parts: Sequence[Part], segment_targets: dict[str, float]) -> list[tuple[str, float]]:
    """The segments whose rows do not add up to 100 % (within a cent of the segment's target,
    or 0.0001 % without a target): ``(segment, sum)`` in the order the rows name them."""
    out = []
    seen: list[str] = []
    for p in parts:
        if _key(p.segment) and _key(p.segment) not in seen:
            seen.append(_key(p.segment))
            name = p.segment.strip()
            target = _lookup(segment_targets, name)
            total = allocated_share(parts, name, target) or 0.0
            tol = 0.01 / abs(target) if target else 1e-6
            if abs(total - 1) > tol:
                out.append((name, total))
    return out


def _lookup(mapping: dict[str, float], name: str) -> float:
    for k, v in mapping.items():
        if _key(k) == _key(name):
            return float(v or 0)
    return 0.0


def salesperson_fractions(parts: Sequence[Part], segment_targets: dict[str, float]) -> dict[str, dict[str, float]]:
    """salesperson -> segment -> the part of that segment's target they carry (first spelling
    of each name kept, rows of one salesperson and segment added)."""
    out: dict[str, dict[str, float]] = {}
    names: dict[str, str] = {}
    for p in parts:
        if not _key(p.salesperson) or not _key(p.segment):
            continue
        who = names.setdefault(_key(p.salesperson), p.salesperson.strip())
        seg = next((k for k in segment_targets if _key(k) == _key(p.segment)), p.segment.strip())
        f = segment_fraction(p, _lookup(segment_targets, seg))
        out.setdefault(who, {})
        out[who][seg] = out[who].get(seg, 0.0) + f
    return out


def salesperson_targets(parts: Sequence[Part], segment_targets: dict[str, float]) -> dict[str, float]:
    """Twin of the Team sheet's target per salesperson: sum of share x segment target + amounts
    (not rounded; :func:`split_targets` gives cents adding up exactly)."""
    out: dict[str, float] = {}
    for p in parts:
        if not _key(p.salesperson):
            continue
        who = _person(out, p.salesperson)
        out[who] = out.get(who, 0.0) + _row_target(p, segment_targets)
    return out


def _row_target(part: Part, segment_targets: dict[str, float]) -> float:
    """What one allocation row carries: share x its segment's target, plus its amount."""
    t = _lookup(segment_targets, part.segment)
    return ((float(part.share) * t if is_number(part.share) else 0.0)
            + (float(part.amount) if is_number(part.amount) else 0.0))


def _person(seen: dict, name: str) -> str:
    """The first spelling of a salesperson's name among the keys of ``seen``, else ``name``."""
    return next((k for k in seen if _key(k) == _key(name)), name.strip())


def split_targets(segment_targets: dict[str, float], fractions: dict[str, dict[str, float]],
                  people: Sequence[str]) -> dict[str, dict[str, float]]:
    """person -> segment -> target in cents, each segment's parts adding up exactly to its
    target (to the cent)."""
    out = {p: {} for p in people}
    for seg, target in segment_targets.items():
        weights = [max(fractions.get(p, {}).get(seg, 0.0), 0.0) for p in people]
        if sum(weights) <= 0:
            continue
        for p, v in zip(people, split_amount(target, weights)):
            out[p][seg] = v
    return out


def person_weights(targets: dict[str, dict[str, float]], people: Sequence[str]) -> list[float]:
    """Each person's share of the team's revenue target (their segments' targets added)."""
    return [sum(targets.get(p, {}).values()) for p in people]


def split_months(values: Sequence[float | None], weights: Sequence[float], *, whole: bool) -> list[list[float | None]]:
    """12 monthly team figures split among people: per month, parts add up exactly to the month
    (whole units for counts that are whole, cents otherwise); a blank month stays blank."""
    out: list[list[float | None]] = [[] for _ in weights]
    for v in values:
        if not is_number(v):
            for row in out:
                row.append(None)
            continue
        parts = split_count(v, weights) if whole else split_amount(v, weights)
        for row, x in zip(out, parts):
            row.append(x)
    return out


#: The kinds of business an allocation row may name, and the key of a row naming neither.
BUSINESS = ("new", "existing")
UNSPECIFIED = "unspecified"


def _business(part: Part) -> str:
    return part.business if part.business in BUSINESS else UNSPECIFIED


def business_targets(parts: Sequence[Part], segment_targets: dict[str, float]) -> dict[str, dict[str, float]]:
    """salesperson -> ``{"new", "existing", "unspecified"}`` -> the target of their rows of that
    kind (share x segment target + amount, as :func:`salesperson_targets`; they add up to it)."""
    out: dict[str, dict[str, float]] = {}
    for p in parts:
        if not _key(p.salesperson):
            continue
        row = out.setdefault(_person(out, p.salesperson), {k: 0.0 for k in (*BUSINESS, UNSPECIFIED)})
        row[_business(p)] += _row_target(p, segment_targets)
    return out


def business_mix(parts: Sequence[Part], segment_targets: dict[str, float], person: str) -> dict[str, list[tuple[str, float]]]:
    """segment -> ``[(business, share of the person's part of the segment)]`` for one salesperson:
    the shares of each segment add up to exactly 1 (the last takes the remainder), so that a
    salesperson's own plan keeps the split of their target between new and existing business."""
    acc: dict[str, dict[str, float]] = {}
    for p in parts:
        if _key(p.salesperson) != _key(person) or not _key(p.segment):
            continue
        seg = next((k for k in segment_targets if _key(k) == _key(p.segment)), p.segment.strip())
        f = segment_fraction(p, _lookup(segment_targets, seg))
        kinds = acc.setdefault(seg, {})
        kinds[_business(p)] = kinds.get(_business(p), 0.0) + f
    out: dict[str, list[tuple[str, float]]] = {}
    for seg, kinds in acc.items():
        total = sum(kinds.values())
        items = [(k, v) for k, v in kinds.items() if v > 0] if total > 0 else []
        if not items:
            continue
        shares = [v / total for _, v in items[:-1]]
        shares.append(1.0 - sum(shares))
        out[seg] = [(k, s) for (k, _), s in zip(items, shares)]
    return out
