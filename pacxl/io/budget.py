"""Budget files: finance's yearly budget, one line per budget item, into ``tblBudget``.

Two layouts are recognised:

* **long**: one row per line and month (``Ligne; Catégorie; Action; Libellé; Mois; Montant``);
  rows of the same line (same ``Ligne`` id, or else same category, action and label) are summed
  month by month.
* **wide**: one row per line and one column per month (``Libellé; Janv. 2027; Févr. 2027; ...;
  Total``). A Total column is not imported: it is checked against the months' sum (a warning
  when it differs).

Rows labelled Total / Sous-total / TOTAL are skipped with a notice. An optional ``Réalisé``
(actual) column gives each line's spend to date.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from ..errors import InputError
from ..workbook.contract import month_keys
from ._common import (
    MONTH_FIELD,
    Row,
    TotalRows,
    amount_text,
    comma_warnings,
    decimals,
    lines_text,
    locate,
    matching,
    month_columns,
    nothing_found,
    quoted,
    say,
)
from .read import Field, RawTable, normalize
from .result import ImportResult, Skipped, WorkbookContext

FIELDS = (
    Field("id", ("ligne", "n° ligne", "numéro de ligne", "no ligne", "line", "line id", "line no",
                 "id", "id ligne", "réf", "ref", "référence", "reference", "code ligne", "code")),
    Field("category", ("catégorie", "category", "nature", "rubrique", "famille", "type", "type de dépense",
                       "expense type", "catégorie budgétaire", "budget category", "poste de dépense")),
    Field("action_id", ("action", "id action", "action id", "code action", "n° action", "action no")),
    Field("label", ("libellé", "libelle de la ligne", "label", "poste budgétaire", "poste", "désignation",
                    "description", "intitulé", "item", "line item", "budget line", "ligne budgétaire",
                    "dépense", "expense", "objet")),
    MONTH_FIELD,
    Field("amount", ("montant", "amount", "budget", "valeur", "value", "somme", "prévu", "planned",
                     "budget prévu", "montant prévu", "montant budgété", "coût", "cost", "budgeted")),
    Field("total", ("total", "total annuel", "total année", "total an", "year total", "annual total",
                    "cumul", "total général", "montant total", "total budget", "budget total",
                    "total prévu")),
    Field("actual", ("réalisé", "actual", "réel", "dépensé", "spent", "consommé", "réalisé à date",
                     "actual to date", "spend to date")),
)

EXPECTED = (
    "long layout: label (or line id), month, amount, optional category, action_id, actual; "
    "wide layout: label (or line id) and one column per month (m01..m12 or month names), "
    "optional total, category, action_id, actual"
)
TOLERANCE = 0.005
_ID_RE = re.compile(r"(.*?)(\d+)")


def parse_budget(
    table: RawTable, ctx: WorkbookContext, mapping: dict[str, str] | None = None, *, append: bool = False
) -> ImportResult:
    """Parse and validate a budget file into ``tblBudget`` rows (nothing is written)."""
    start, hm = locate(table, FIELDS, mapping, months=True, expected=EXPECTED, kind="budget")
    f = hm.fields
    long = "month" in f and ("amount" in f or "total" in f)
    if long:
        amount_col = f.get("amount", f.get("total"))
        month_cols: dict[int, int] = {}
    else:
        month_cols = month_columns(table, hm, ctx)
        if not month_cols or not ({"label", "id"} & set(f)):
            from ._common import unknown_layout

            raise unknown_layout(table, table.rows[start][1], EXPECTED)
    if not ({"label", "id", "category", "action_id"} & set(f)):
        from ._common import unknown_layout

        raise unknown_layout(table, table.rows[start][1], EXPECTED)
    value_cols = list(month_cols) + [c for c in (f.get("amount"), f.get("total"), f.get("actual")) if c is not None]
    dec = decimals(table, start + 1, value_cols)
    result = ImportResult("budget", table.name, "long" if long else "wide")
    lang = ctx.lang
    result.warnings += comma_warnings(table, hm, start + 1, value_cols, lang)

    lines: dict[Any, dict[str, Any]] = {}
    first_line: dict[Any, int] = {}
    ident_keys = [k for k in ("id", "category", "action_id", "label") if k in f]
    totals = TotalRows()
    for line, cells in table.rows[start + 1 :]:
        row = Row(table, hm, line, cells)
        result.rows_read += 1
        texts = [row.get(k) for k in ident_keys] + [row.cells[0]]
        ident = {k: row.text(k) for k in ("id", "category", "action_id", "label")}
        total = None
        if long:
            amount = row.amount(amount_col, dec[amount_col])
            row_amount = amount
        else:
            values = {}
            for col, pm in month_cols.items():
                v = row.amount(col, dec[col])
                if v is not None:
                    values[pm] = v
            total = row.amount(f["total"], dec[f["total"]]) if "total" in f else None
            row_amount = sum(values.values()) if values else total
        if totals.is_total(texts, ident["id"], row_amount, has_id_column="id" in f):
            totals.total(line)
            result.skipped.append(Skipped(line, say(lang, "skip.total_row")))
            continue
        totals.add(row_amount)
        if long:
            values = {}
            if amount is not None:
                values[row.month(f["month"], ctx)] = amount
        else:
            if "total" in f:
                months_sum = sum(values.values())
                if total is not None and abs(total - months_sum) > TOLERANCE:
                    result.warnings.append(say(
                        lang, "budget_total_differs", where=row.place(lang, f["total"]),
                        total=amount_text(total, lang), sum=amount_text(months_sum, lang),
                    ))
        actual = row.amount(f["actual"], dec[f["actual"]]) if "actual" in f else None
        if not any(ident.values()):
            if values or actual is not None:
                col = f[ident_keys[-1]]
                raise row.error(col, "is blank: a budget line needs a label or a line id",
                                "est vide : une ligne de budget a besoin d'un libellé ou d'un identifiant")
            result.skipped.append(Skipped(line, say(lang, "skip.no_label_no_amount")))
            continue
        if long and not values and actual is None:
            result.skipped.append(Skipped(line, say(lang, "skip.no_amount")))
            continue
        key = normalize(ident["id"]) if ident["id"] else tuple(normalize(ident[k]) for k in ("category", "action_id", "label"))
        if key in lines:
            if not long:
                where = f.get("id", f.get("label"))
                raise InputError(
                    f'{row.where(where)}: "{row.cells[where]}" appears twice '
                    f"(lines {first_line[key]} and {line}); give each budget line its own row",
                        fr=f"{row.place('fr', where)} : « {row.cells[where]} » apparaît deux fois (lignes {first_line[key]} et {line}) ; donnez à chaque ligne de budget sa propre ligne"
                )
            entry = lines[key]
            for k in ("category", "action_id", "label"):
                if not entry[k] and ident[k]:
                    entry[k] = ident[k]
        else:
            entry = lines[key] = {**ident, "months": defaultdict(float), "actual": None, "_seen": set()}
            first_line[key] = line
        for pm, v in values.items():
            entry["months"][pm] += v
            entry["_seen"].add(pm)
        if actual is not None:
            entry["actual"] = (entry["actual"] or 0.0) + actual
    if totals.lines:
        result.notices.append(say(lang, "budget_total_rows", lines=lines_text(totals.lines, lang)))

    if not lines:
        raise nothing_found(table, hm.header_line, "budget line", "ligne de budget")
    _finish(result, lines, ctx, append)
    return result


def _finish(result: ImportResult, lines: dict, ctx: WorkbookContext, append: bool) -> None:
    existing_ids = [str(r.get("id") or "") for r in ctx.budget] if append else []
    taken = {normalize(i) for i in existing_ids if i}
    for entry in lines.values():
        if entry["id"] and normalize(entry["id"]) in taken:
            raise InputError(
                f'{result.source}: line id "{entry["id"]}" is already in the workbook\'s budget; '
                "import without --append to replace the budget",
                    fr=f"{result.source} : la ligne « {entry['id']} » est déjà dans le budget du classeur ; importez sans --append pour remplacer le budget"
            )
    # generated ids follow the workbook's style (BUD-01) and come after every id in sight
    styles = [(m.group(1), len(m.group(2))) for r in ctx.budget if (m := _ID_RE.fullmatch(str(r.get("id") or "")))]
    prefix, width = max(set(styles), key=styles.count) if styles else ("BUD-", 2)
    numbers = [int(m.group(2)) for i in existing_ids + [e["id"] for e in lines.values()]
               if (m := _ID_RE.fullmatch(i or "")) and m.group(1) == prefix]
    next_no = max(numbers, default=0) + 1
    old_actual = {} if append else {
        normalize(str(r.get("id"))): r.get("actual") for r in ctx.budget if r.get("id") not in (None, "")
    }
    kept = 0
    unknown_categories: dict[str, int] = {}
    unknown_actions: set[str] = set()
    for entry in lines.values():
        if not entry["id"]:
            entry["id"] = f"{prefix}{next_no:0{width}d}"
            next_no += 1
        elif entry["actual"] is None and old_actual.get(normalize(entry["id"])) is not None:
            entry["actual"] = old_actual[normalize(entry["id"])]  # spend to date survives a new budget
            kept += 1
        if entry["category"] and ctx.budget_categories:
            known = matching(entry["category"], ctx.budget_categories)
            if known:
                entry["category"] = known
            else:
                unknown_categories[entry["category"]] = unknown_categories.get(entry["category"], 0) + 1
        if entry["action_id"] and ctx.action_ids and not matching(entry["action_id"], ctx.action_ids):
            unknown_actions.add(entry["action_id"])
        row: dict[str, Any] = {k: entry[k] for k in ("id", "category", "action_id", "label")}
        for pm, key in enumerate(month_keys(), start=1):
            row[key] = round(entry["months"][pm], 2) if pm in entry["_seen"] else None
            if pm in entry["_seen"]:
                result.totals_by_month[pm] = result.totals_by_month.get(pm, 0.0) + entry["months"][pm]
        row["actual"] = None if entry["actual"] is None else round(entry["actual"], 2)
        line_total = sum(entry["months"][pm] for pm in entry["_seen"])
        cat = entry["category"]
        result.totals_by_category[cat] = result.totals_by_category.get(cat, 0.0) + line_total
        result.total += line_total
        result.rows.append(row)
    result.totals_by_month = dict(sorted(result.totals_by_month.items()))
    lang = ctx.lang
    if unknown_categories:
        result.warnings.append(say(lang, "budget_unknown_categories", names=quoted(list(unknown_categories), lang)))
    if unknown_actions:
        result.warnings.append(say(lang, "budget_unknown_actions", names=quoted(sorted(unknown_actions), lang)))
    result.notices.append(say(lang, "budget_lines", n=len(result.rows)))
    if kept:
        result.notices.append(say(lang, "budget_spend_kept", n=kept))
