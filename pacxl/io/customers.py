"""Customer lists from a CRM or the accounts: code, name, segment, revenue into ``tblCustomers``.

One row per customer (``Code client; Raison sociale; Segment; CA HT 2026``); rows of the same
customer code (or, without codes, the same name), as in a list of invoices, are added up with a
notice. Codes stay text (``00123`` keeps its zeros). The ABC classes are not imported: the
workbook's own formulas recompute them.
"""

from __future__ import annotations

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
)
EXPECTED = "code and/or name, amount, optional segment"


def parse_customers(
    table: RawTable, ctx: WorkbookContext, mapping: dict[str, str] | None = None, *, append: bool = False
) -> ImportResult:
    """Parse and validate a customer list into ``tblCustomers`` rows (nothing is written)."""
    start, hm = locate(table, FIELDS, mapping, months=False, expected=EXPECTED, kind="customers")
    f = hm.fields
    if "amount" not in f or not ({"code", "name"} & set(f)):
        raise unknown_layout(table, table.rows[start][1], EXPECTED)
    dec = decimals(table, start + 1, [f["amount"]])
    result = ImportResult("customers", table.name, "long")
    lang = ctx.lang
    result.warnings += comma_warnings(table, hm, start + 1, [f["amount"]], lang)
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
        if amount is None:
            result.skipped.append(Skipped(line, say(lang, "skip.no_amount")))
            continue
        totals.add(amount)
        key = normalize(code) if code else "name:" + normalize(name)
        if key in taken or (code and normalize(code) in taken):
            raise InputError(
                f'{row.where(f.get("code", f.get("name")))}: customer "{code or name}" is already in the '
                "workbook; import without --append to replace the list",
                    fr=f"{row.place('fr', f.get('code', f.get('name')))} : le client « {code or name} » est déjà dans le classeur ; importez sans --append pour remplacer la liste"
            )
        if key in by_key:
            by_key[key]["amount"] += amount
            merged.append(line)
            continue
        first_line[key] = line
        by_key[key] = {"code": code, "name": name, "segment": segment, "amount": amount}
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
        entry["amount"] = round(entry["amount"], 2)
        result.rows.append(entry)
        seg = entry["segment"]
        result.totals_by_category[seg] = result.totals_by_category.get(seg, 0.0) + entry["amount"]
        result.total += entry["amount"]
    if totals.lines:
        result.notices.append(say(lang, "total_rows", lines=lines_text(totals.lines, lang)))
    if merged:
        result.notices.append(say(lang, "customers_merged", lines=lines_text(merged, lang)))
    if unknown_segments:
        result.warnings.append(say(lang, "customers_unknown_segments", names=quoted(sorted(unknown_segments), lang)))
    negative = [e["code"] or e["name"] for e in result.rows if e["amount"] < 0]
    if negative:
        result.warnings.append(say(lang, "customers_negative", names=", ".join(negative[:5])))
    result.notices.append(say(lang, "customers", n=len(result.rows)))
    return result
