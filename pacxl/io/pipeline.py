"""Deal exports from the CRM into ``tblPipeline`` (``pacxl import pipeline``).

Layouts are recognised by their headers, whatever the order and the other columns (real exports
carry dozens more, ignored):

* **Pipedrive**: ``Deal - Title``, ``Deal - Value``, ``Deal - Currency of value`` (or
  ``Deal - Currency``), ``Deal - Stage``, ``Deal - Status`` (open / won / lost; deleted deals are
  skipped), ``Deal - Expected close date``, ``Deal - Owner``, ``Deal - Probability``,
  ``Deal - Organization``, ``Deal - Creation date`` (or ``Deal - Deal created``);
* **HubSpot**: ``Record ID``, ``Deal Name``, ``Amount``, ``Deal Stage``, ``Close Date``,
  ``Deal owner``, ``Pipeline``, ``Deal probability``, ``Create Date`` (no status column: the
  stages ``Closed won`` / ``Closed lost`` say it);
* **Sellsy, noCRM** (French): ``Opportunité`` / ``Affaire``, ``Montant``, ``Étape``,
  ``Probabilité``, ``Date de signature prévue`` / ``Échéance``, ``Responsable`` / ``Commercial``,
  ``Statut``, ``Date de création``;
* a generic French layout (the table's own headers: ``Affaire; Client; Responsable; Étape;
  Montant; Probabilité; Signature prévue; Créée le; Statut``) and ``--map`` for anything else.

Values: French numbers and dates as everywhere (an English export's ``mm/dd/yyyy`` column is
recognised, :func:`pacxl.io.dates.month_first`); a probability column holding a figure above 1 is
in percent (40 = 40 %), else fractions; a probability below 0 or above 100 is refused; statuses
are the CRM's words (won: Won, Gagné, Signé...; lost: Lost, Perdu...; open: Open, En cours...),
written in the workbook's words (:data:`pacxl.calc.pipeline.STATUS_WORDS`); a stage equal to a
funnel stage but for case and accents takes the funnel's spelling. An amount in another currency
than the plan's (``PAC_Currency``) is refused unless ``--rate USD=0.92`` gives its rate (the
amount is multiplied by it).
"""

from __future__ import annotations

from typing import Any

from ..calc.pipeline import STATUS_WORDS
from ..errors import InputError, WorkbookError
from ._common import (
    Row,
    TotalRows,
    comma_warnings,
    decimals,
    locate,
    matching,
    nothing_found,
    quoted,
    say,
    unknown_layout,
)
from .amounts import NotANumber, parse_number
from .dates import NotADate, month_first, parse_date
from .read import Field, RawTable, normalize
from .result import ImportResult, Skipped, WorkbookContext

FIELDS = (
    Field("deal", ("deal - title", "deal name", "deal title", "deal", "affaire", "nom de l'affaire",
                   "opportunité", "opportunite", "nom de l'opportunité", "titre de l'opportunité",
                   "titre de l'affaire", "opportunity", "opportunity name", "titre", "title", "intitulé",
                   "libellé de l'affaire", "objet")),
    Field("account", ("deal - organization", "organization", "organisation", "associated company",
                      "company", "company name", "client", "compte", "société", "entreprise", "account",
                      "account name", "raison sociale", "tiers", "prospect", "organisation cliente")),
    Field("owner", ("deal - owner", "deal owner", "owner", "responsable", "commercial", "vendeur",
                    "propriétaire", "assigned to", "suivi par", "sales rep", "utilisateur responsable",
                    "responsable de l'affaire")),
    Field("stage", ("deal - stage", "deal stage", "stage", "étape", "etape", "étape de vente",
                    "étape du pipeline", "phase", "pipeline stage", "étape de l'opportunité")),
    Field("amount", ("deal - value", "amount", "value", "montant", "valeur", "montant de l'affaire",
                     "montant estimé", "montant prévisionnel", "ca prévisionnel", "ca", "total",
                     "deal value", "montant total", "potentiel")),
    Field("currency", ("deal - currency of value", "deal - currency", "currency", "devise", "monnaie",
                       "currency code", "code devise")),
    Field("probability", ("deal - probability", "deal probability", "probability", "probabilité",
                          "probabilite", "probabilité de signature", "probabilité de gain",
                          "chance de succès", "% de réussite", "pourcentage de réussite", "win probability")),
    Field("close", ("deal - expected close date", "expected close date", "expected close", "close date", "date de signature prévue",
                    "date de signature", "signature prévue", "échéance", "date d'échéance", "date de clôture",
                    "date de clôture prévue", "date prévue", "closing date", "date de closing")),
    Field("created", ("deal - creation date", "deal - deal created", "create date", "created", "creation date",
                      "date de création", "créée le", "créé le", "created on", "date création", "add time",
                      "deal - add time")),
    Field("status", ("deal - status", "status", "statut", "état", "etat", "deal status", "statut de l'affaire",
                     "statut de l'opportunité")),
)
EXPECTED = ("deal (or account), amount; optional owner, stage, probability, close date, created date, "
            "status, currency")

#: CRM status words (normalised) -> open, won, lost; "deleted" rows are skipped.
_STATUS = {
    "won": ("won", "gagne", "gagnee", "gagnes", "signe", "signee", "closedwon", "conclu", "conclue",
            "accepte", "acceptee", "commande", "win"),
    "lost": ("lost", "perdu", "perdue", "closedlost", "annule", "annulee", "cancelled", "canceled",
             "abandonne", "abandonnee", "refuse", "refusee", "sansuite", "lose"),
    "open": ("open", "encours", "ouvert", "ouverte", "afaire", "todo", "inprogress", "standby", "enstandby",
             "enattente", "nouveau", "nouvelle", "new", "actif", "active", "pending", "aqualifier"),
    "deleted": ("deleted", "supprime", "supprimee"),
}
_STATUS_OF = {word: key for key, words in _STATUS.items() for word in words}
_CURRENCY_SIGNS = {"€": "EUR", "$": "USD", "£": "GBP", "us$": "USD", "chf": "CHF"}


def parse_rates(items: Any) -> dict[str, float]:
    """``["USD=0.92", "GBP=1,17"]`` -> ``{"USD": 0.92, "GBP": 1.17}`` (the amount in that currency
    is multiplied by its rate); a bad one is refused."""
    out: dict[str, float] = {}
    for item in items or ():
        code, sep, value = str(item).partition("=")
        code = code.strip().upper()
        try:
            rate = parse_number(value.strip(), None, percent_ok=False) if sep else None
        except NotANumber:
            rate = None
        if not sep or not code.isalpha() or len(code) != 3 or rate is None or rate <= 0:
            raise InputError(f'--rate "{item}": write it CODE=RATE, e.g. --rate USD=0.92 (1 USD = 0.92 of the '
                             "plan's currency)",
                             fr=f'--rate "{item}" : écrivez-le CODE=TAUX, par exemple --rate USD=0.92 (1 USD = '
                                "0,92 dans la devise du plan)")
        out[code] = rate
    return out


def _currency(text: str) -> str:
    t = text.strip()
    return _CURRENCY_SIGNS.get(t.lower(), t.upper())


def parse_pipeline(
    table: RawTable, ctx: WorkbookContext, mapping: dict[str, str] | None = None, *, append: bool = False,
    rates: dict[str, float] | None = None,
) -> ImportResult:
    """Parse and validate a deal export into ``tblPipeline`` rows (nothing is written)."""
    lang = ctx.lang
    if ctx.pipeline is None:
        raise WorkbookError(
            "the workbook has no Pipeline sheet (tblPipeline): it was made by an earlier pacxl; make it again "
            "with pacxl new --from-previous, or import into a workbook made by this version",
            fr="le classeur n'a pas d'onglet Pipeline (tblPipeline) : il a été fait par une version antérieure "
               "de pacxl ; refaites-le avec pacxl new --from-previous, ou importez dans un classeur fait par "
               "cette version")
    start, hm = locate(table, FIELDS, mapping, months=False, expected=EXPECTED)
    f = hm.fields
    if "amount" not in f or not ({"deal", "account"} & set(f)):
        raise unknown_layout(table, table.rows[start][1], EXPECTED)
    rates = dict(rates or {})
    plan_currency = (ctx.currency or "EUR").strip().upper()
    body = table.rows[start + 1:]
    dec = decimals(table, start + 1, [f["amount"]] + ([f["probability"]] if "probability" in f else []))
    us = {k: month_first(cells[f[k]] for _, cells in body if f[k] < len(cells)) for k in ("close", "created") if k in f}
    percent = _percent_column(table, hm, body, dec) if "probability" in f else False
    result = ImportResult("pipeline", table.name, "deals")
    result.warnings += comma_warnings(table, hm, start + 1, [f["amount"]], lang)
    totals = TotalRows()
    words = STATUS_WORDS["en" if lang == "en" else "fr"]
    converted: set[str] = set()
    unknown_stages: list[str] = []
    for line, cells in body:
        row = Row(table, hm, line, cells)
        result.rows_read += 1
        deal, account = row.text("deal"), row.text("account")
        amount = row.amount(f["amount"], dec[f["amount"]])
        if totals.is_total([deal, account, row.cells[0]], deal or account, amount, has_id_column=False):
            totals.total(line)
            result.skipped.append(Skipped(line, say(lang, "skip.total_row")))
            continue
        status = _status(row)
        if status == "deleted":
            result.skipped.append(Skipped(line, say(lang, "skip.deleted_deal")))
            continue
        if not deal and not account:
            if amount is not None:
                raise row.error(f.get("deal", f.get("account")), "is blank: a deal needs a name or an account",
                                "est vide : une affaire a besoin d'un nom ou d'un client")
            result.skipped.append(Skipped(line, say(lang, "skip.no_deal")))
            continue
        if amount is None:
            result.skipped.append(Skipped(line, say(lang, "skip.no_amount")))
            continue
        totals.add(amount)
        if "currency" in f and row.text("currency"):
            code = _currency(row.text("currency"))
            if code != plan_currency:
                if code not in rates:
                    raise row.error(
                        f["currency"],
                        f"is not the plan's currency ({plan_currency}): give its rate with --rate {code}=RATE "
                        f"(1 {code} = RATE {plan_currency}), or convert the amounts in the CRM",
                        f"n'est pas la devise du plan ({plan_currency}) : donnez son taux avec --rate "
                        f"{code}=TAUX (1 {code} = TAUX {plan_currency}), ou convertissez les montants dans le CRM")
                amount *= rates[code]
                converted.add(code)
        stage = row.text("stage")
        if stage and ctx.funnel_stages:
            known = matching(stage, ctx.funnel_stages)
            if known:
                stage = known
            elif stage not in unknown_stages:
                unknown_stages.append(stage)
        if status is None:  # no status column, or blank: the stage may say it (HubSpot's Closed won)
            status = _STATUS_OF.get(normalize(stage), "open") if stage else "open"
            status = status if status in ("won", "lost") else "open"
        entry = {
            "deal": deal or account, "account": account or None, "owner": row.text("owner") or None,
            "stage": stage or None, "amount": round(amount, 2), "probability": _probability(row, dec, percent),
            "close": _date(row, "close", us), "created": _date(row, "created", us),
            "status": words[("open", "won", "lost").index(status)],
        }
        result.rows.append(entry)
        key = entry["status"]
        result.totals_by_category[key] = result.totals_by_category.get(key, 0.0) + entry["amount"]
        result.total += entry["amount"]
    if not result.rows:
        raise nothing_found(table, hm.header_line, "deal with an amount", "affaire avec un montant")
    if totals.lines:
        from ._common import lines_text

        result.notices.append(say(lang, "total_rows", lines=lines_text(totals.lines, lang)))
    for code in sorted(converted):
        result.notices.append(say(lang, "pipeline_converted", code=code, rate=_rate_text(rates[code], lang),
                                  currency=plan_currency))
    unused = sorted(set(rates) - converted)
    if unused:
        result.warnings.append(say(lang, "pipeline_rates_unused", codes=", ".join(unused)))
    if unknown_stages:
        result.warnings.append(say(lang, "pipeline_unknown_stages", names=quoted(unknown_stages[:8], lang)))
    n_open = sum(1 for r in result.rows if r["status"] == words[0])
    result.notices.append(say(lang, "pipeline_deals", n=len(result.rows), open=n_open))
    return result


def _rate_text(rate: float, lang: str) -> str:
    s = f"{rate:g}"
    return s.replace(".", ",") if lang == "fr" else s


def _status(row: Row) -> str | None:
    """open / won / lost / deleted of the row's status cell; None without one (blank or no column)."""
    if "status" not in row.hm.fields:
        return None
    text = row.text("status")
    if not text:
        return None
    key = _STATUS_OF.get(normalize(text))
    if key is None:
        raise row.error(row.hm.fields["status"],
                        "is not a deal status: open (En cours), won (Gagné) or lost (Perdu); or leave the column "
                        'out with --map "#N=ignore"',
                        "n'est pas un statut d'affaire : en cours (Open), gagné (Won) ou perdu (Lost) ; ou "
                        'écartez la colonne avec --map "#N=ignore"')
    return key


def _percent_column(table: RawTable, hm, body, dec) -> bool:
    """True when the probability column is in percent: one of its plain figures is above 1."""
    col = hm.fields["probability"]
    for _, cells in body:
        v = cells[col] if col < len(cells) else None
        if isinstance(v, str) and "%" in v:
            continue
        try:
            x = parse_number(v, dec.get(col), percent_ok=False)
        except NotANumber:
            continue
        if x is not None and x > 1:
            return True
    return False


def _probability(row: Row, dec: dict, percent: bool) -> float | None:
    """The row's probability as a fraction 0-1 (see the module's rules)."""
    col = row.hm.fields.get("probability")
    if col is None:
        return None
    v = row.cells[col]
    try:
        x = parse_number(v, dec.get(col), percent_ok=True)
    except NotANumber:
        raise row.error(col, "is not a probability (0 to 100 %, or 0 to 1)",
                        "n'est pas une probabilité (de 0 à 100 %, ou de 0 à 1)") from None
    if x is None:
        return None
    typed_percent = isinstance(v, str) and "%" in v
    if x < 0 or (typed_percent and x > 1) or (not typed_percent and x > 100):
        raise row.error(col, "is not a probability: it must be between 0 and 100 % (or 0 and 1)",
                        "n'est pas une probabilité : elle doit être comprise entre 0 et 100 % (ou 0 et 1)")
    if typed_percent:
        return round(x, 10)
    return round(x / 100 if percent or x > 1 else x, 10)


def _date(row: Row, key: str, us: dict) -> Any:
    col = row.hm.fields.get(key)
    if col is None:
        return None
    try:
        return parse_date(row.cells[col], us=us.get(key, False))
    except NotADate:
        raise row.error(col, "is not a date (dd/mm/yyyy)", "n'est pas une date (jj/mm/aaaa)") from None
