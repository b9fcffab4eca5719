"""Customer lists from a CRM or the accounts: code, name, segment, revenue into ``tblCustomers``,
with the optional gross margin, potential and revenue of the year before (N-1).

One row per customer (``Code client; Raison sociale; Segment; CA HT 2026``); rows of the same
customer code (or, without codes, the same name), as in a list of invoices, are added up with a
notice. Codes stay text (``00123`` keeps its zeros). The ABC classes are not imported: the
workbook's own formulas recompute them.

Revenue by year (``CA 2025; CA 2026``): the latest year is the revenue, the year before it the
revenue N-1 (unless a column says N-1 itself: ``CA N-1``), older years are left out with a
notice; margin or potential columns by year keep their latest year the same way.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import InputError
from ._common import (
    Row,
    TotalRows,
    comma_warnings,
    decimals,
    lines_text,
    locate,
    matching,
    nothing_found,
    quoted,
    say,
    unknown_layout,
)
from .cells import as_text
from .headers import field_of_header
from .read import Field, RawTable, normalize
from .result import ImportResult, Skipped, WorkbookContext

FIELDS = (
    Field("code", ("code", "code client", "n° client", "numéro client", "no client", "num client", "id client",
                   "client id", "customer code", "customer id", "customer no", "account", "compte",
                   "compte client", "réf client", "ref client", "référence client", "identifiant")),
    Field("name", ("raison sociale", "nom", "client", "société", "entreprise", "name", "customer",
                   "company", "customer name", "nom client", "nom du client", "dénomination",
                   "company name", "account name", "enseigne")),
    Field("segment", ("segment", "catégorie client", "typologie", "type client", "type de client", "cible",
                      "segment client", "customer segment", "category", "catégorie", "famille",
                      "secteur", "secteur d'activité", "sector", "industry")),
    Field("amount", ("ca", "chiffre d'affaires", "chiffre affaires", "montant", "revenue", "revenues",
                     "sales", "turnover", "amount", "ventes", "total ventes", "ca total", "ca annuel",
                     "total", "montant facturé", "facturé", "invoiced")),
    Field("margin", ("marge", "marge brute", "marge commerciale", "mb", "gross margin", "margin",
                     "gross profit", "marge totale")),
    Field("potential", ("potentiel", "potentiel ca", "ca potentiel", "potentiel annuel", "potential",
                        "revenue potential", "sales potential", "potential revenue")),
    Field("previous", ("ca n-1", "chiffre d'affaires n-1", "ventes n-1", "ca année précédente",
                       "ca an dernier", "ca précédent", "revenue n-1", "sales n-1", "previous year revenue",
                       "prior year revenue", "last year revenue", "revenue last year", "previous revenue")),
)
EXPECTED = "code and/or name, amount, optional segment, margin, potential, previous (revenue N-1)"
#: Fields whose columns may come once a year (``CA 2025``, ``CA 2026``).
_BY_YEAR = ("amount", "margin", "potential")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def parse_customers(
    table: RawTable, ctx: WorkbookContext, mapping: dict[str, str] | None = None, *, append: bool = False
) -> ImportResult:
    """Parse and validate a customer list into ``tblCustomers`` rows (nothing is written)."""
    lang = ctx.lang
    mapping, year_notes = _year_columns(table, mapping, lang)
    start, hm = locate(table, FIELDS, mapping, months=False, expected=EXPECTED, kind="customers")
    f = hm.fields
    if "amount" not in f or not ({"code", "name"} & set(f)):
        raise unknown_layout(table, table.rows[start][1], EXPECTED)
    figures = [k for k in ("amount", "margin", "potential", "previous") if k in f]
    dec = decimals(table, start + 1, [f[k] for k in figures])
    result = ImportResult("customers", table.name, "long")
    result.notices += year_notes
    result.warnings += comma_warnings(table, hm, start + 1, [f[k] for k in figures], lang)
    by_key: dict[str, dict[str, Any]] = {}
    first_line: dict[str, int] = {}
    merged: list[int] = []
    totals = TotalRows()
    taken = {normalize(str(r.get("code") or r.get("name") or "")) for r in ctx.customers} if append else set()
    for line, cells in table.rows[start + 1 :]:
        row = Row(table, hm, line, cells)
        result.rows_read += 1
        code, name, segment = row.text("code"), row.text("name"), row.text("segment")
        amount = row.amount(f["amount"], dec[f["amount"]])
        if totals.is_total([code, name, row.cells[0]], code, amount, has_id_column="code" in f):
            totals.total(line)
            result.skipped.append(Skipped(line, say(lang, "skip.total_row")))
            continue
        if not code and not name:
            if amount is not None:
                raise row.error(f.get("name", f.get("code")), "is blank: a customer needs a code or a name",
                                "est vide : un client a besoin d'un code ou d'un nom")
            result.skipped.append(Skipped(line, say(lang, "skip.no_customer")))
            continue
        extra = {k: row.amount(f[k], dec[f[k]]) for k in ("margin", "potential", "previous") if k in f}
        if amount is None and extra.get("previous") is None:
            result.skipped.append(Skipped(line, say(lang, "skip.no_amount")))
            continue
        if amount is not None:  # (without: a customer of last year lost since, kept for retention)
            totals.add(amount)
        key = normalize(code) if code else "name:" + normalize(name)
        if key in taken or (code and normalize(code) in taken):
            raise InputError(
                f'{row.where(f.get("code", f.get("name")))}: customer "{code or name}" is already in the '
                "workbook; import without --append to replace the list",
                    fr=f"{row.place('fr', f.get('code', f.get('name')))} : le client « {code or name} » est déjà dans le classeur ; importez sans --append pour remplacer la liste"
            )
        if key in by_key:
            entry = by_key[key]
            if amount is not None:
                entry["amount"] = amount if entry["amount"] is None else entry["amount"] + amount
            for k, v in extra.items():  # invoices of one customer: their figures add up too
                if v is not None:
                    entry[k] = v if entry.get(k) is None else entry[k] + v
            merged.append(line)
            continue
        first_line[key] = line
        by_key[key] = {"code": code, "name": name, "segment": segment, "amount": amount, **extra}
    if not by_key:
        raise nothing_found(table, hm.header_line, "customer with an amount", "client avec un montant")
    unknown_segments: set[str] = set()
    for entry in by_key.values():
        if entry["segment"] and ctx.segments:
            known = matching(entry["segment"], ctx.segments)
            if known:
                entry["segment"] = known
            else:
                unknown_segments.add(entry["segment"])
        for k in ("amount", "margin", "potential", "previous"):
            if entry.get(k) is not None:
                entry[k] = round(entry[k], 2)
        result.rows.append(entry)
        seg = entry["segment"]
        result.totals_by_category[seg] = result.totals_by_category.get(seg, 0.0) + (entry["amount"] or 0.0)
        result.total += entry["amount"] or 0.0
    if totals.lines:
        result.notices.append(say(lang, "total_rows", lines=lines_text(totals.lines, lang)))
    if merged:
        result.notices.append(say(lang, "customers_merged", lines=lines_text(merged, lang)))
    if unknown_segments:
        result.warnings.append(say(lang, "customers_unknown_segments", names=quoted(sorted(unknown_segments), lang)))
    negative = [e["code"] or e["name"] for e in result.rows if (e["amount"] or 0.0) < 0]
    if negative:
        result.warnings.append(say(lang, "customers_negative", names=", ".join(negative[:5])))
    extras = [hm.headers[f[k]] for k in ("margin", "potential", "previous") if k in f]
    count = say(lang, "customers", n=len(result.rows))
    if extras:
        count += " " + say(lang, "customers_extras", what=quoted(extras, lang))
    result.notices.append(count)
    return result


def _year_columns(table: RawTable, mapping: dict[str, str] | None, lang: str) -> tuple[dict[str, str], list[str]]:
    """``mapping`` completed for the columns of one field by year (``CA 2025``, ``CA 2026``): the
    latest is the field, the year before it the revenue N-1 (amounts only, when no column says
    N-1), older ones ignored; the notices saying so. Columns the user mapped are left alone."""
    from .headers import HEADER_SCAN_ROWS, _stripped, find_header

    mapping = dict(mapping or {})
    scanned = RawTable(table.name, table.rows[:1], table.format) if table.header_fixed else table
    if not scanned.rows:
        return mapping, []
    idx, _ = find_header(RawTable(table.name, scanned.rows[:HEADER_SCAN_ROWS], table.format), FIELDS, mapping)
    texts = [as_text(c) for c in table.rows[idx][1]]
    taken = {normalize(k) for k in mapping}
    by_field: dict[str, list[tuple[int, str]]] = {}
    has_previous = False
    for t in texts:
        if not t or normalize(t) in taken:
            continue
        key = field_of_header(t, FIELDS)
        if key == "previous":
            has_previous = True
        years = _YEAR.findall(t)
        if key in _BY_YEAR and len(years) == 1 and _stripped(t):
            by_field.setdefault(key, []).append((int(years[0]), t))
    notes: list[str] = []
    for key, cols in by_field.items():
        if len({y for y, _ in cols}) < 2 or len({y for y, _ in cols}) != len(cols):
            continue  # one year, or two columns of one year: the usual rules (an ambiguity is refused)
        cols.sort(reverse=True)
        (year, latest), rest = cols[0], cols[1:]
        mapping[latest] = key
        if key == "amount" and not has_previous and rest[0][0] == year - 1:
            mapping[rest[0][1]] = "previous"
            notes.append(say(lang, "customers_years", year=year, amount=latest, prior=year - 1, previous=rest[0][1]))
            rest = rest[1:]
        for _, t in rest:
            mapping[t] = "ignore"
        if rest:
            what = {"amount": say(lang, "field_amount"), "margin": say(lang, "field_margin"),
                    "potential": say(lang, "field_potential")}[key]
            notes.append(say(lang, "customers_year_ignored", columns=quoted([t for _, t in rest], lang), what=what))
    return mapping, notes
