"""A pacxl table imported back: its columns mapped by the workbook contract, not guessed.

A file (or DataFrame) whose header is a whole contract table (``tblBudget`` exported from the
workbook as CSV, :func:`pacxl.frames` of a plan, in French, English or canonical keys) names its
columns exactly; guessing them by synonyms could go wrong (``Consommé %`` looks like the spend,
as ``Réalisé`` does). :func:`contract_mapping` gives the ``--map`` entries that say what each
column is: the kind's fields, the computed columns and the other tables' fields ignored. It
only applies when every input column of the table is there (a file of the user's own layout is
matched by its headers as before), and the user's own ``--map`` entries come first.
"""

from __future__ import annotations

from typing import Any, Sequence

from ..workbook.columns import match_headers as contract_headers
from ..workbook.columns import normalise
from ..workbook.contract import TABLES
from .cells import as_text
from .headers import _POSITION_RE, normalize
from .months import month_of_header

#: Import kind -> (the contract table it fills, contract key -> the importer's field). Month
#: blocks are given by their prefix (``"a"``: a01..a12); contract columns not listed are ignored.
KIND_TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "budget": ("tblBudget", {"id": "id", "category": "category", "action_id": "action_id",
                             "label": "label", "m": "month", "actual": "actual"}),
    "customers": ("tblCustomers", {"code": "code", "name": "name", "segment": "segment",
                                   "amount": "amount", "margin": "margin", "potential": "potential",
                                   "previous": "previous"}),
    "actuals": ("tblKPI", {"id": "kpi", "a": "month"}),
}


def table_keys(table_name: str, headers: Sequence[Any]) -> dict[int, str] | None:
    """0-based position -> contract key of every contract column in ``headers`` (French or English
    headers, or the contract's keys), when every input column of ``table_name`` is there (and
    none twice); else None."""
    spec = TABLES[table_name]
    found, twice = contract_headers(table_name, headers)
    keys = set(spec.keys())
    for pos, header in enumerate(headers):  # canonical keys: "id", "action_id", "a01"
        key = normalise(header)
        if key in keys and key not in found:
            found[key] = pos
    needed = [c.key for c in spec.columns if not (c.computed or c.since)]
    if twice or any(k not in found for k in needed):
        return None
    return {pos: key for key, pos in found.items()}


def contract_mapping(kind: str, headers: Sequence[Any], mapping: dict[str, str] | None) -> dict[str, str]:
    """``mapping`` completed with ``#N=field`` entries for a header that is the whole contract
    table of ``kind`` (see the module's doc); ``mapping`` itself otherwise."""
    mapping = dict(mapping or {})
    if kind not in KIND_TABLES:
        return mapping
    table_name, fields = KIND_TABLES[kind]
    keys = table_keys(table_name, headers)
    if keys is None:
        return mapping
    texts = [as_text(h) for h in headers]
    # columns and fields the user's --map already speaks of
    taken_cols: set[int] = set()
    for src in mapping:
        m = _POSITION_RE.fullmatch(src.strip())
        if m and src not in texts:
            taken_cols.add(int(m.group(1)) - 1)
        else:
            taken_cols.update(i for i, t in enumerate(texts) if t == src or (t and normalize(t) == normalize(src)))
    taken_fields = {normalize(v) for v in mapping.values()}
    for pos, key in sorted(keys.items()):
        if pos in taken_cols:
            continue
        block = key[0] if key[1:].isdigit() and len(key) == 3 else None
        field = fields.get(key) or (fields.get(block) if block else None)
        if field == "month":
            # a month keeps the month its header names ("Réel janv. 2027"); a key its plan month
            dst = texts[pos] if month_of_header(texts[pos]) is not None else f"m{key[1:]}"
            if kind == "budget":
                continue  # the budget's month columns are found as in any file
        elif field is None:
            dst = "ignore"
        elif normalize(field) in taken_fields:
            continue
        else:
            dst = field
        mapping[f"#{pos + 1}"] = dst
    return mapping
