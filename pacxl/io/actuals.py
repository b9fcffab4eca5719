"""Actuals files: the month's real figures, which make the variance columns live.

Two things can be imported, from the same file or separate ones:

* **KPI actuals** (``tblKPI``, columns a01..a12): rows naming a KPI (its id or its name) in a
  ``KPI`` / ``Indicateur`` column.

  - long: ``Indicateur; Mois; Réel`` (one row per KPI and month; several rows of the same KPI
    and month are added up, except for rate KPIs where that is an error);
  - wide: ``Indicateur; Janv.; Févr.; ...`` (one column per month).

* **Actual spend** (``tblBudget``, column ``actual``: spend to date): rows naming a budget line
  (its id or its label) in a ``Ligne`` / ``Poste budgétaire`` / ``Libellé`` column, with an amount
  (long: ``Ligne; Date; Montant``, one row per invoice; wide: one column per month). Every amount
  of a line is summed into its spend to date.

A row fills either the KPI column or the budget-line column. Values replace the workbook's
(``append=True`` adds them to it); KPIs, months and lines absent from the file keep their values.
Months are calendar months mapped to plan months with the workbook's PAC_FirstMonth; a date in
another year than the plan's is an error.
"""

from __future__ import annotations

from typing import Any

from ..errors import InputError
from ..workbook.contract import month_keys
from ._common import (
    MONTH_FIELD,
    Row,
    comma_warnings,
    decimals,
    is_total_label,
    lines_text,
    locate,
    month_columns,
    nothing_found,
    place,
    say,
)
from .headers import columns_text
from .read import Field, RawTable, normalize
from .result import ImportResult, Skipped, WorkbookContext

FIELDS = (
    Field("kpi", ("kpi", "indicateur", "indicator", "id kpi", "kpi id", "code kpi", "nom kpi", "kpi name",
                  "nom de l'indicateur", "indicateur kpi", "metric", "mesure")),
    Field("line", ("ligne", "line", "id ligne", "line id", "ligne budgétaire", "budget line", "poste",
                   "poste budgétaire", "libellé", "label", "désignation", "intitulé", "n° ligne")),
    MONTH_FIELD,
    Field("value", ("valeur", "value", "réel", "réalisé", "actual", "montant", "amount", "dépense",
                    "dépensé", "spent", "spend", "quantité", "quantity", "nombre", "count", "résultat",
                    "result", "chiffre", "montant réel", "réel du mois", "dépense réelle", "dépenses réelles",
                    "dépenses", "actual spend")),
)
EXPECTED = (
    "kpi (id or name) or line (budget line id or label), then month and value (long layout) "
    "or one column per month (wide layout)"
)


def _index(rows: list[dict[str, Any]], *keys: str) -> dict[str, str]:
    """normalized id/name -> id; ids first so that an id wins over another row's name."""
    out: dict[str, str] = {}
    for key in keys:
        for r in rows:
            rid = str(r.get("id") or "").strip()
            v = str(r.get(key) or "").strip()
            if rid and v:
                out.setdefault(normalize(v), rid)
    return out


def _known(rows: list[dict[str, Any]], key: str) -> str:
    shown = [f'{r.get("id")} "{r.get(key)}"' for r in rows[:8] if r.get("id")]
    more = ", ..." if len(rows) > 8 else ""
    return ", ".join(shown) + more if shown else "none"


def _rate(row: Row, col: int, value: float, kid: str, rescaled: set[str]) -> float:
    """A rate KPI's actual as a fraction: "27 %" and 0.27 are 27 %; a bare 27 (a percentage typed
    without its sign) is read as 27 % too, and noted; above 100 it cannot be a rate."""
    cell = row.cells[col]
    if isinstance(cell, str) and "%" in cell:
        return value
    if abs(value) > 100:
        raise row.error(col, f"is not a rate for KPI {kid} (write 27 % or 0.27 for 27 %)",
                        f"n'est pas un taux pour l'indicateur {kid} (écrivez 27 % ou 0,27 pour 27 %)")
    if abs(value) > 1:
        rescaled.add(kid)
        return value / 100
    return value


def parse_actuals(
    table: RawTable, ctx: WorkbookContext, mapping: dict[str, str] | None = None, *, append: bool = False
) -> ImportResult:
    """Parse and validate an actuals file into KPI actuals and spend per budget line."""
    start, hm = locate(table, FIELDS, mapping, months=True, expected=EXPECTED, kind="actuals")
    f = hm.fields
    from ._common import unknown_layout

    if not ({"kpi", "line"} & set(f)):
        raise unknown_layout(table, table.rows[start][1], EXPECTED)
    long = "value" in f
    month_cols = {} if long else month_columns(table, hm, ctx)
    if not long and not month_cols:
        raise unknown_layout(table, table.rows[start][1], EXPECTED)
    if long and "kpi" in f and "month" not in f:
        raise InputError(
            f'{table.where()}: KPI actuals need a month column (columns found: {columns_text(hm.headers)})',
                fr=f"{place(table, 'fr')} : les réalisés d'indicateurs demandent une colonne de mois (colonnes trouvées : {columns_text(hm.headers)})"
        )
    dec = decimals(table, start + 1, list(month_cols) + ([f["value"]] if long else []))
    result = ImportResult("actuals", table.name, "long" if long else "wide")
    lang = ctx.lang
    kpi_ids = _index(ctx.kpis, "id", "name")
    kpi_kind = {str(r.get("id")): normalize(str(r.get("kind") or "")) for r in ctx.kpis}
    line_ids = _index(ctx.budget, "id", "label")
    kpi_values: dict[str, dict[int, float]] = {}
    kpi_seen: dict[tuple[str, int], int] = {}
    spend: dict[str, float] = {}
    total_rows: list[int] = []
    late: set[int] = set()
    rescaled: set[str] = set()
    result.warnings += comma_warnings(table, hm, start + 1, list(month_cols) + ([f["value"]] if long else []), lang)
    for line, cells in table.rows[start + 1 :]:
        row = Row(table, hm, line, cells)
        result.rows_read += 1
        kpi, bline = row.text("kpi"), row.text("line")
        known = (kpi and normalize(kpi) in kpi_ids) or (bline and normalize(bline) in line_ids)
        if not known and (is_total_label(kpi) or is_total_label(bline) or is_total_label(row.cells[0])):
            total_rows.append(line)
            result.skipped.append(Skipped(line, say(lang, "skip.total_row")))
            continue
        if kpi and bline:
            raise InputError(
                f"{row.where()}: names both a KPI (\"{kpi}\") and a budget line (\"{bline}\"); "
                "fill only one of them per row",
                    fr=f"{row.place('fr')} : nomme à la fois un indicateur (« {kpi} ») et une ligne de budget (« {bline} ») ; n'en remplissez qu'un par ligne"
            )
        if not kpi and not bline:
            result.skipped.append(Skipped(line, say(lang, "skip.no_kpi_no_line")))
            continue
        # values by plan month (None: a long row without a month, allowed for spend)
        values: list[tuple[int | None, float]] = []
        percent_ok = bool(kpi)
        if long:
            v = row.amount(f["value"], dec[f["value"]], percent_ok=percent_ok)
            if v is None:
                result.skipped.append(Skipped(line, say(lang, "skip.no_value")))
                continue
            pm = row.month(f["month"], ctx) if "month" in f and row.get("month") is not None else None
            if pm is None and kpi:
                raise row.error(f["month"], "is blank: a KPI actual needs a month",
                                "est vide : un réalisé d'indicateur a besoin d'un mois")
            values.append((pm, v))
            value_cols = [f["value"]]
        else:
            value_cols = []
            for col, pm in month_cols.items():
                v = row.amount(col, dec[col], percent_ok=percent_ok)
                if v is not None:
                    values.append((pm, v))
                    value_cols.append(col)
        if kpi:
            kid = kpi_ids.get(normalize(kpi))
            if kid is None:
                raise row.error(f["kpi"], f"is not a KPI of the workbook (KPIs: {_known(ctx.kpis, 'name')})",
                                f"n'est pas un indicateur du classeur (indicateurs : {_known(ctx.kpis, 'name')})")
            if kpi_kind.get(kid) in ("rate", "taux"):
                values = [(pm, _rate(row, col, v, kid, rescaled)) for (pm, v), col in zip(values, value_cols)]
            target = kpi_values.setdefault(kid, {})
            for pm, v in values:
                if (kid, pm) in kpi_seen:
                    if kpi_kind.get(kid) in ("rate", "taux"):
                        raise InputError(
                            f"{row.where()}: a second value for rate KPI {kid} in month M{pm:02d} "
                            f"(first on line {kpi_seen[(kid, pm)]}); rates cannot be added up",
                                fr=f"{row.place('fr')} : une deuxième valeur pour l'indicateur de taux {kid} au mois M{pm:02d} (première à la ligne {kpi_seen[(kid, pm)]}) ; des taux ne s'additionnent pas"
                        )
                    target[pm] += v
                else:
                    kpi_seen[(kid, pm)] = line
                    target[pm] = v
                if ctx.tracking_month and pm > ctx.tracking_month:
                    late.add(pm)
        else:
            lid = line_ids.get(normalize(bline))
            if lid is None:
                raise row.error(
                    f["line"], f"is not a budget line of the workbook (lines: {_known(ctx.budget, 'label')})",
                    f"n'est pas une ligne de budget du classeur (lignes : {_known(ctx.budget, 'label')})",
                )
            for pm, v in values:
                spend[lid] = spend.get(lid, 0.0) + v
                result.total += v
                result.totals_by_category["spend"] = result.totals_by_category.get("spend", 0.0) + v
                if pm is not None:
                    result.totals_by_month[pm] = result.totals_by_month.get(pm, 0.0) + v
                    if ctx.tracking_month and pm > ctx.tracking_month:
                        late.add(pm)
    if not kpi_values and not spend:
        raise nothing_found(table, hm.header_line, "KPI value or spend", "valeur d'indicateur ni de dépense")
    if total_rows:
        result.notices.append(say(lang, "total_rows", lines=lines_text(total_rows, lang)))
    if rescaled:
        result.notices.append(say(lang, "rate_as_percent", kpis=", ".join(sorted(rescaled))))
    if late:
        months = ", ".join(f"M{m:02d}" for m in sorted(late))
        result.warnings.append(say(lang, "actuals_late", months=months, month=f"M{ctx.tracking_month:02d}"))
    result.kpi_actuals = kpi_values
    result.spend = {k: round(v, 2) for k, v in spend.items()}
    result.totals_by_month = dict(sorted(result.totals_by_month.items()))
    if kpi_values:
        result.notices.append(
            say(lang, "actuals_kpis", n=sum(len(v) for v in kpi_values.values()), kpis=len(kpi_values))
        )
    if spend:
        result.notices.append(say(lang, "actuals_spend", n=len(spend)))
    return result


def merge_actuals(result: ImportResult, kpis: list[dict], budget: list[dict], *, append: bool = False
                  ) -> tuple[list[dict], list[dict]]:
    """The KPI and budget rows after the import (copies; the inputs are not changed)."""
    keys = month_keys()
    new_kpis = []
    for r in kpis:
        r = dict(r)
        for pm, v in result.kpi_actuals.get(str(r.get("id")), {}).items():
            key = "a" + keys[pm - 1][1:]
            old = r.get(key)
            r[key] = (old if isinstance(old, (int, float)) and append else 0) + v
        new_kpis.append(r)
    new_budget = []
    for r in budget:
        r = dict(r)
        if str(r.get("id")) in result.spend:
            old = r.get("actual")
            r["actual"] = round((old if isinstance(old, (int, float)) and append else 0) + result.spend[str(r.get("id"))], 2)
        new_budget.append(r)
    return new_kpis, new_budget
