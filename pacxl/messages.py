"""The words pacxl *says* (check findings, report labels, import summaries, macro messages), in
French and English, and how numbers and dates are written in each language.

The workbook's own words (sheet titles, headers, lists) live in :mod:`pacxl.workbook.i18n`; this
module holds the sentences shown *about* a workbook, in that workbook's language
(``plan.settings.lang``, ``Layout.lang``, ``WorkbookContext.lang``). Texts are ``str.format``
templates; both languages of one key are formatted with the same keyword arguments (tests check
that every key has both languages and that their placeholders agree).

Stable identifiers never go through here: check's rule codes, JSON keys and severities, exit
codes, ``--help`` texts and :class:`pacxl.errors.PacxlError` messages naming a file, line and
column stay as they are.
"""

from __future__ import annotations

import datetime as dt
import math
import string
from typing import Any

LANGS = ("fr", "en")

#: Thousands separator of French numbers (narrow no-break space, as the importers write them).
FR_THOUSANDS = "\u202f"
#: Space before a unit or a percent sign in French (no-break, so "4,6 %" never wraps).
FR_UNIT_SPACE = "\u00a0"

CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "CHF": "CHF"}


def lang_of(value: object) -> str:
    """``"fr"`` or ``"en"``: French unless ``value`` says English."""
    return "en" if str(value or "").strip().lower().startswith("en") else "fr"


# --- numbers and dates -------------------------------------------------------------------------


def fmt_number(x: float | int | None, lang: str, decimals: int | None = None) -> str:
    """``191 610`` / ``191,610``; ``decimals`` None: none for a whole number, else 2."""
    if x is None:
        return ""
    x = float(x)
    if not math.isfinite(x):  # a sum past the float maximum: check names the figure
        return "∞" if x > 0 else "-∞" if x < 0 else "?"
    if decimals is None:
        decimals = 0 if x == int(x) else 2
    s = f"{x:,.{decimals}f}"
    if lang_of(lang) == "fr":
        return s.replace(",", FR_THOUSANDS).replace(".", ",")
    return s


def fmt_percent(x: float | None, lang: str, decimals: int = 1, signed: bool = False) -> str:
    """A fraction as a percentage: ``4,6 %`` / ``4.6%`` (``+4,6 %`` when ``signed``)."""
    if x is None:
        return ""
    if not math.isfinite(x):
        return fmt_number(x, lang)
    v = x * 100
    s = f"{v:+,.{decimals}f}" if signed else f"{v:,.{decimals}f}"
    if lang_of(lang) == "fr":
        return s.replace(",", FR_THOUSANDS).replace(".", ",") + FR_UNIT_SPACE + "%"
    return s + "%"


def currency_symbol(currency: str) -> str:
    return CURRENCY_SYMBOLS.get(str(currency or "").strip().upper(), str(currency or "").strip())


def fmt_money(x: float | None, currency: str, lang: str, decimals: int | None = None) -> str:
    """``191 610 €`` in French; ``191,610 EUR`` in English."""
    if x is None:
        return ""
    if lang_of(lang) == "fr":
        unit = currency_symbol(currency)
        return fmt_number(x, lang, decimals) + (FR_UNIT_SPACE + unit if unit else "")
    return fmt_number(x, lang, decimals) + (f" {currency}" if currency else "")


def fmt_date(d: dt.date | str | None, lang: str) -> str:
    """``31/12/2026`` in French and in English messages (the workbook's date format)."""
    if d is None or d == "":
        return ""
    if isinstance(d, str):
        d = dt.date.fromisoformat(d)
    return d.strftime("%d/%m/%Y")


# --- the catalogue ------------------------------------------------------------------------------

#: check rules: code -> language -> (message, fix). Keys with a "/" are variants of a rule's
#: sentences (the rule code is before the "/").
_REVISION_FIX_EN = ("Record the change with pacxl revise and its reason, or type a row in tblRevisions (sheet "
                    "{sheet}): date, ID, field {field}, month, old and new value, reason.")
_REVISION_FIX_FR = ("Enregistrez le changement avec pacxl revise et son motif, ou saisissez une ligne dans "
                    "tblRevisions (onglet {sheet}) : date, ID, champ {field}, mois, ancienne et nouvelle valeur, motif.")

CHECK: dict[str, dict[str, tuple[str, str]]] = {
    # settings
    "settings-no-company": {
        "en": ("The company name is empty.", "Type the company's name in Settings."),
        "fr": ("Le nom de l'entreprise n'est pas renseigné.",
               "Saisissez le nom de l'entreprise dans l'onglet Paramètres."),
    },
    "settings-no-owners": {
        "en": ("The list of owners is empty: actions and objectives cannot be assigned.",
               "List the people who own actions in the owners list of Settings."),
        "fr": ("La liste des responsables est vide : impossible d'attribuer les actions et les objectifs.",
               "Indiquez les personnes qui portent les actions dans la liste des responsables (onglet Paramètres)."),
    },
    "settings-bad-month": {
        "en": ("The tracking month is {month}: it must be from 1 to 12.",
               "Type the number of the last plan month with actuals (1 to 12)."),
        "fr": ("Le mois de suivi vaut {month} : il doit être compris entre 1 et 12.",
               "Saisissez le numéro du dernier mois du plan qui a des réalisés (de 1 à 12)."),
    },
    "settings-bad-abc": {
        "en": ("ABC thresholds: {error}.",
               "Set the A and B thresholds as percentages, A below B (80 % and 95 % by default)."),
        "fr": ("Les seuils ABC ne conviennent pas (A vaut {a}, B vaut {b}).",
               "Saisissez les seuils A et B en pourcentage, A inférieur à B (80 % et 95 % par défaut)."),
    },
    "number-too-large": {
        "en": ("The figure {value} is too large to compute with (at most 1e15 in absolute value).",
               "Type the real amount: a figure of more than 15 digits is a typing or import mistake."),
        "fr": ("Le nombre {value} est trop grand pour les calculs (au plus 1e15 en valeur absolue).",
               "Saisissez le montant réel : un nombre de plus de 15 chiffres est une erreur de saisie ou d'import."),
    },
    # objectives
    "objective-no-id": {
        "en": ("Objective {label} has no ID: actions and KPIs cannot refer to it.",
               "Give the objective a short unique ID such as O1."),
        "fr": ("L'objectif {label} n'a pas d'identifiant : ni les actions ni les indicateurs ne peuvent s'y rattacher.",
               "Donnez à l'objectif un identifiant court et unique, par exemple O1."),
    },
    "objective-duplicate-id": {
        "en": ("Objective ID {id} is used more than once.", "Give every objective its own ID."),
        "fr": ("L'identifiant d'objectif {id} est utilisé plusieurs fois.",
               "Donnez à chaque objectif son propre identifiant."),
    },
    "objective-no-target": {
        "en": ("Objective {label} has no measurable target (not SMART: Measurable).",
               "Type the figure to reach in the Target column (e.g. 300000 or 15)."),
        "fr": ("L'objectif {label} n'a pas de cible chiffrée (pas SMART : Mesurable).",
               "Saisissez le chiffre à atteindre dans la colonne Cible (par exemple 300000 ou 15)."),
    },
    "objective-rate-target": {
        "en": ("Objective {label}'s target {target} is in %: it reads as {share}, not as a rate.",
               "Type a rate as a percentage (35 %) or a fraction (0.35)."),
        "fr": ("La cible {target} de l'objectif {label} est en % : elle se lit {share}, pas comme un taux.",
               "Saisissez un taux en pourcentage (35 %) ou en fraction (0,35)."),
    },
    "objective-no-kpi": {
        "en": ("Objective {label} has no KPI (not SMART: Measurable).",
               "Name the indicator that measures it (e.g. revenue, signed deals)."),
        "fr": ("L'objectif {label} n'a pas d'indicateur (pas SMART : Mesurable).",
               "Indiquez l'indicateur qui le mesure (par exemple le chiffre d'affaires, le nombre de signatures)."),
    },
    "objective-no-deadline": {
        "en": ("Objective {label} has no deadline (not SMART: Time-bound).",
               "Type the date by which the target must be reached."),
        "fr": ("L'objectif {label} n'a pas d'échéance (pas SMART : Temporel).",
               "Saisissez la date à laquelle la cible doit être atteinte (colonne Échéance)."),
    },
    "objective-deadline-outside-year": {
        "en": ("Objective {label} is due on {date}, outside the plan's year ({start} to {end}).",
               "Set a deadline within the plan's year, or move the objective to next year's plan."),
        "fr": ("L'objectif {label} a pour échéance le {date}, en dehors de l'année du plan (du {start} au {end}).",
               "Fixez une échéance dans l'année du plan, ou reportez l'objectif au plan de l'an prochain."),
    },
    "objective-no-owner": {
        "en": ("Objective {label} has no owner.", "Choose who answers for it in the Owner column."),
        "fr": ("L'objectif {label} n'a pas de responsable.",
               "Choisissez qui en répond dans la colonne Responsable."),
    },
    "objective-unknown-owner": {
        "en": ("Objective {label} is owned by {owner!r}, who is not in the owners list.",
               "Choose an owner from the list, or add the person to the owners list in Settings."),
        "fr": ("L'objectif {label} est confié à « {owner} », absent de la liste des responsables.",
               "Choisissez un responsable dans la liste, ou ajoutez cette personne à la liste des responsables (onglet Paramètres)."),
    },
    "objective-no-action": {
        "en": ("No action serves objective {id}.", "Add at least one action linked to it in the action plan."),
        "fr": ("Aucune action ne sert l'objectif {id}.",
               "Ajoutez au moins une action rattachée à cet objectif dans le plan d'actions."),
    },
    # actions
    "action-duplicate-id": {
        "en": ("Action ID {id} is used more than once: budget lines cannot tell them apart.",
               "Give every action its own ID."),
        "fr": ("L'identifiant d'action {id} est utilisé plusieurs fois : les lignes de budget ne peuvent pas les distinguer.",
               "Donnez à chaque action son propre identifiant."),
    },
    "action-no-owner": {
        "en": ("Action {label} has no owner.", "Choose who carries it out in the Owner column."),
        "fr": ("L'action {label} n'a pas de responsable.",
               "Choisissez un responsable dans la liste (colonne Responsable)."),
    },
    "action-unknown-owner": {
        "en": ("Action {label} is owned by {owner!r}, who is not in the owners list.",
               "Choose an owner from the list, or add the person to the owners list in Settings."),
        "fr": ("L'action {label} est confiée à « {owner} », absent de la liste des responsables.",
               "Choisissez un responsable dans la liste, ou ajoutez cette personne à la liste des responsables (onglet Paramètres)."),
    },
    "action-no-dates": {
        "en": ("Action {label} has no start and end dates: it cannot appear on the calendar.",
               "Type when the action starts and when it must be finished."),
        "fr": ("L'action {label} n'a ni date de début ni date de fin : elle ne peut pas figurer au calendrier.",
               "Saisissez la date de début de l'action et la date à laquelle elle doit être terminée."),
    },
    "action-no-dates/start": {
        "en": ("Action {label} has no start date: it cannot appear on the calendar.",
               "Type when the action starts and when it must be finished."),
        "fr": ("L'action {label} n'a pas de date de début : elle ne peut pas figurer au calendrier.",
               "Saisissez la date de début de l'action et la date à laquelle elle doit être terminée."),
    },
    "action-no-dates/end": {
        "en": ("Action {label} has no end date: it cannot appear on the calendar.",
               "Type when the action starts and when it must be finished."),
        "fr": ("L'action {label} n'a pas de date de fin : elle ne peut pas figurer au calendrier.",
               "Saisissez la date de début de l'action et la date à laquelle elle doit être terminée."),
    },
    "action-end-before-start": {
        "en": ("Action {label} ends on {end}, before it starts ({start}).", "Correct the start or the end date."),
        "fr": ("L'action {label} se termine le {end}, avant de commencer ({start}).",
               "Corrigez la date de début ou la date de fin."),
    },
    "action-outside-year": {
        "en": ("Action {label} starts on {date}, outside the plan's year ({start} to {end}).",
               "Move the date into the plan's year, or check the year typed."),
        "fr": ("L'action {label} commence le {date}, en dehors de l'année du plan (du {start} au {end}).",
               "Ramenez la date dans l'année du plan, ou vérifiez l'année saisie."),
    },
    "action-outside-year/end": {
        "en": ("Action {label} ends on {date}, outside the plan's year ({start} to {end}).",
               "Move the date into the plan's year, or check the year typed."),
        "fr": ("L'action {label} se termine le {date}, en dehors de l'année du plan (du {start} au {end}).",
               "Ramenez la date dans l'année du plan, ou vérifiez l'année saisie."),
    },
    "action-no-objective": {
        "en": ("Action {label} serves no objective.", "Choose the objective it serves in the Objective column."),
        "fr": ("L'action {label} n'est rattachée à aucun objectif.",
               "Choisissez l'objectif qu'elle sert dans la colonne Objectif."),
    },
    "action-unknown-objective": {
        "en": ("Action {label} refers to objective {objective!r}, which does not exist.",
               "Choose an objective ID from the Objectives sheet."),
        "fr": ("L'action {label} renvoie à l'objectif « {objective} », qui n'existe pas.",
               "Choisissez un identifiant d'objectif de l'onglet Objectifs."),
    },
    "action-no-budget": {
        "en": ("Action {label} has no budget.",
               "Type its budget (0 is fine for an action that costs nothing but time)."),
        "fr": ("L'action {label} n'a pas de budget.",
               "Saisissez son budget (0 convient pour une action qui ne coûte que du temps)."),
    },
    "action-unknown-status": {
        "en": ("Action {label} has the status {status!r}, which is not in the status list.",
               "Choose a status from the drop-down list."),
        "fr": ("L'action {label} a le statut « {status} », absent de la liste des statuts.",
               "Choisissez un statut dans la liste déroulante."),
    },
    "action-overdue": {
        "en": ("Action {label} was due on {end} ({days} days before the as-of date {as_of}) and is not done.",
               "Mark it done, or postpone it with a new end date."),
        "fr": ("L'action {label} devait être terminée le {end} ({days} jours avant la date d'arrêté du "
               "{as_of}) et n'est pas faite.",
               "Passez-la à « Fait », ou reportez-la avec une nouvelle date de fin."),
    },
    # budget
    "budget-no-action": {
        "en": ("Budget line {label} is not linked to an action.",
               "Choose the action this spending serves in the Action column."),
        "fr": ("La ligne de budget {label} n'est rattachée à aucune action.",
               "Choisissez l'action que sert cette dépense dans la colonne Action."),
    },
    "budget-unknown-action": {
        "en": ("Budget line {label} refers to action {action!r}, which does not exist.",
               "Choose an action ID from the action plan."),
        "fr": ("La ligne de budget {label} renvoie à l'action « {action} », qui n'existe pas.",
               "Choisissez un identifiant d'action du plan d'actions."),
    },
    "revenue-no-target": {
        "en": ("The revenue target is empty: the funnel and the budget share cannot be computed.",
               "Type the year's revenue goal on the Funnel sheet."),
        "fr": ("L'objectif de chiffre d'affaires n'est pas renseigné : impossible de calculer l'entonnoir "
               "et la part du budget.",
               "Saisissez l'objectif de chiffre d'affaires de l'année dans l'onglet Entonnoir."),
    },
    "budget-share-of-revenue": {
        "en": ("The budget ({total}) is {share} of the revenue target ({target}).",
               "Most SMBs spend a few % of revenue on sales and marketing; above {limit}, "
               "check the amounts or the target."),
        "fr": ("Le budget ({total}) représente {share} de l'objectif de chiffre d'affaires ({target}).",
               "Une PME consacre en général quelques % de son chiffre d'affaires au commercial et au "
               "marketing ; au-delà de {limit}, vérifiez les montants ou l'objectif."),
    },
    "budget-share-of-revenue/ok": {
        "en": ("The budget ({total}) is {share} of the revenue target ({target}).",
               "Nothing to fix; compare with last year's share."),
        "fr": ("Le budget ({total}) représente {share} de l'objectif de chiffre d'affaires ({target}).",
               "Rien à corriger ; comparez avec la part de l'an dernier."),
    },
    "budget-empty": {
        "en": ("The budget has no amount.", "Spread each action's spending over the months on the Budget sheet."),
        "fr": ("Le budget ne contient aucun montant.",
               "Répartissez les dépenses de chaque action sur les mois dans l'onglet Budget."),
    },
    "action-budget-typed": {
        "en": ("Action {label}'s budget was typed over its formula ({typed}) while its budget lines "
               "total {lines} (first line: {line_at}).",
               "An action's budget is the sum of its budget lines: change the lines on the Budget sheet, "
               "and restore the formula (or rebuild the plan)."),
        "fr": ("Le budget de l'action {label} a été saisi à la place de sa formule ({typed}) alors que "
               "ses lignes de budget totalisent {lines} (première ligne : {line_at}).",
               "Le budget d'une action est la somme de ses lignes : modifiez les lignes de l'onglet Budget "
               "et rétablissez la formule (ou régénérez le plan)."),
    },
    # segments
    "segments-no-shares": {
        "en": ("No segment has a share of revenue.",
               "Type the share of revenue each segment must bring; together they make 100 %."),
        "fr": ("Aucun segment n'a de part du chiffre d'affaires.",
               "Saisissez la part du chiffre d'affaires que chaque segment doit apporter ; leur total fait 100 %."),
    },
    "segments-shares-not-100": {
        "en": ("The segments' shares of revenue add up to {total}, not 100 %.",
               "Adjust the segment shares so that they add up to 100 %."),
        "fr": ("Les parts du chiffre d'affaires des segments totalisent {total} au lieu de 100 %.",
               "Ajustez les parts des segments pour que leur total fasse 100 %."),
    },
    "segments-shares-not-100/whole": {
        "en": ("The segments' shares of revenue add up to {total}, not 100 %.",
               "The shares were typed as whole numbers (35 for 35 %): type them as percentages (35 %)."),
        "fr": ("Les parts du chiffre d'affaires des segments totalisent {total} au lieu de 100 %.",
               "Les parts ont été saisies en nombres entiers (35 pour 35 %) : saisissez-les en pourcentage (35 %)."),
    },
    # KPIs
    "kpi-no-plan": {
        "en": ("KPI {label} has no monthly plan: its variance cannot be tracked.",
               "Type the planned figure of each month."),
        "fr": ("L'indicateur {label} n'a pas de prévu mensuel : impossible de suivre son écart.",
               "Saisissez le chiffre prévu de chaque mois."),
    },
    "kpi-bad-ratio/missing": {
        "en": ("Rate KPI {label} names only one of its numerator and denominator.",
               "Name both KPIs (IDs), or neither to average its months."),
        "fr": ("Le taux {label} ne nomme qu'un seul de ses numérateur et dénominateur.",
               "Nommez les deux indicateurs (ID), ou aucun pour faire la moyenne de ses mois."),
    },
    "kpi-bad-ratio/unknown": {
        "en": ("KPI {label} names {id} as numerator or denominator, but no KPI has that ID.",
               "Pick an ID of the KPI table from the drop-down."),
        "fr": ("L'indicateur {label} nomme {id} comme numérateur ou dénominateur, mais aucun indicateur n'a cet ID.",
               "Choisissez un ID du tableau des indicateurs dans la liste déroulante."),
    },
    "kpi-bad-ratio/rate": {
        "en": ("KPI {label} divides by or into {id}, itself a rate: a ratio needs two counts or amounts.",
               "Name count, revenue or cost KPIs (e.g. signatures / proposals)."),
        "fr": ("L'indicateur {label} utilise {id}, lui-même un taux : un ratio a besoin de deux nombres ou montants.",
               "Nommez des indicateurs de type nombre, CA ou coût (par exemple signatures / propositions)."),
    },
    "kpi-bad-ratio/not_rate": {
        "en": ("KPI {label} names a numerator and denominator ({id}) but is not a rate.",
               "Set its kind to rate, or clear the two cells."),
        "fr": ("L'indicateur {label} nomme un numérateur et un dénominateur ({id}) mais n'est pas un taux.",
               "Passez son type à Taux, ou videz les deux cellules."),
    },
    "kpi-unknown-kind": {
        "en": ("KPI {label} has the kind {kind!r}, unknown: it is treated as a count.",
               "Choose revenue, count, cost or rate in the Kind column."),
        "fr": ("L'indicateur {label} a le type « {kind} », inconnu : il est traité comme un nombre.",
               "Choisissez CA, Nombre, Coût ou Taux dans la colonne Type."),
    },
    "kpi-unknown-objective": {
        "en": ("KPI {label} refers to objective {objective!r}, which does not exist.",
               "Choose an objective ID from the Objectives sheet."),
        "fr": ("L'indicateur {label} renvoie à l'objectif « {objective} », qui n'existe pas.",
               "Choisissez un identifiant d'objectif de l'onglet Objectifs."),
    },
    "kpi-missing-actuals": {
        "en": ("KPI {label} has no actual for {months} (tracking month {month}).",
               "Type the actual figures, or import them with pacxl import actuals."),
        "fr": ("L'indicateur {label} n'a pas de réel en {months} (mois de suivi : {month}).",
               "Saisissez les chiffres réels, ou importez-les avec pacxl import actuals."),
    },
    # funnel
    "funnel-missing-rates": {
        "en": ("The funnel has {stages} stages but {rates} conversion {rates:rate|rates}.",
               "Give one conversion rate between each stage and the next."),
        "fr": ("L'entonnoir compte {stages} étapes mais {rates} taux de conversion.",
               "Indiquez un taux de conversion entre chaque étape et la suivante."),
    },
    "funnel-bad-rate": {
        "en": ("Funnel: {error}.",
               "Type each conversion rate as a percentage above 0 % and at most 100 %."),
        "fr": ("Entonnoir : le taux de conversion n° {index} vaut {rate}, hors de l'intervalle permis.",
               "Saisissez chaque taux de conversion en pourcentage, au-dessus de 0 % et au plus 100 %."),
    },
    "funnel-no-target": {
        "en": ("The funnel has no deal target: neither typed nor computed from revenue and average deal.",
               "Type the revenue target and the average deal value on the Funnel sheet."),
        "fr": ("L'entonnoir n'a pas d'objectif de signatures : il n'est ni saisi ni calculable à partir "
               "du chiffre d'affaires et du panier moyen.",
               "Saisissez l'objectif de chiffre d'affaires et le montant moyen d'une affaire dans l'onglet Entonnoir."),
    },
    "funnel-rate-below": {
        "en": ("Observed conversion {stage} → {next}: {observed} against {assumed} assumed (more than 10 % below).",
               "Revise the assumption or act on this stage; at the observed rates the rest of the "
               "year still needs {volume} at the top of the funnel (Funnel sheet)."),
        "fr": ("Transformation observée {stage} → {next} : {observed} pour {assumed} prévus (plus de 10 % en dessous).",
               "Révisez l'hypothèse ou agissez sur cette étape ; aux taux observés, le reste de "
               "l'année demande encore {volume} en haut de l'entonnoir (feuille Entonnoir)."),
    },
    "seasonality-not-100": {
        "en": ("The seasonality typed on Settings adds up to {total}, not 100 %.",
               "Correct the monthly weights, or clear them to follow last year's monthly revenue."),
        "fr": ("La saisonnalité saisie dans Paramètres fait {total} au total, pas 100 %.",
               "Corrigez les poids mensuels, ou effacez-les pour suivre le CA mensuel N-1."),
    },
    "holidays-outside-year": {
        "en": ("{n} public {n:holiday|holidays} of the Settings list {n:falls|fall} outside the plan year "
               "(first: {first}).",
               "Update the holiday list for the plan's year: working days and weekly needs depend on it."),
        "fr": ("{n} {n:jour férié|jours fériés} de la liste des Paramètres {n:tombe|tombent} hors de l'année "
               "du plan (premier : {first}).",
               "Mettez la liste des jours fériés à jour pour l'année du plan : les jours ouvrés et les "
               "besoins hebdomadaires en dépendent."),
    },
    "funnel-weekly-need": {
        "en": ("To sign {deals} deals the funnel needs each week: {needs}.",
               "Make sure the action plan schedules this activity every week."),
        "fr": ("Pour signer {deals} affaires, l'entonnoir demande chaque semaine : {needs}.",
               "Vérifiez que le plan d'actions prévoit cette activité chaque semaine."),
    },
    "funnel-kpi-below-need": {
        "en": ("KPI {label} plans {planned} {stage} in the year ({per_week}/week); the funnel needs "
               "{need} ({need_week}/week).",
               "Raise the monthly plan of this KPI, or add actions, or revise the conversion rates."),
        "fr": ("L'indicateur {label} prévoit {planned} {stage} sur l'année ({per_week} par semaine) ; "
               "l'entonnoir en demande {need} ({need_week} par semaine).",
               "Relevez le prévu mensuel de cet indicateur, ajoutez des actions ou revoyez les taux de conversion."),
    },
    "funnel-no-actions": {
        "en": ("The funnel needs {week} {stage} a week but no action of category {categories} is scheduled.",
               "Add prospecting and sales actions with dates that cover the year."),
        "fr": ("L'entonnoir demande {week} {stage} par semaine mais aucune action de catégorie {categories} "
               "n'est programmée.",
               "Ajoutez des actions de prospection et de vente dont les dates couvrent l'année."),
    },
    "funnel-uncovered-weeks": {
        "en": ("From {start} to {end} ({weeks} weeks) no {categories} action runs, while the funnel needs "
               "{week} {stage} a week.",
               "Schedule prospecting or sales actions over these weeks."),
        "fr": ("Du {start} au {end} ({weeks} semaines), aucune action {categories} n'est en cours alors que "
               "l'entonnoir demande {week} {stage} par semaine.",
               "Programmez des actions de prospection ou de vente sur ces semaines."),
    },
    # revisions (pacxl freeze, pacxl revise)
    "revision-missing/objective": {
        "en": ("The target of objective {id} is {current}; the plan frozen on {date} says {baseline}, and no "
               "revision row says why.", _REVISION_FIX_EN),
        "fr": ("La cible de l'objectif {id} vaut {current} ; le plan gelé le {date} dit {baseline}, et aucune "
               "ligne de révision n'en donne la raison.", _REVISION_FIX_FR),
    },
    "revision-missing/objective_other": {
        "en": ("The target of objective {id} is {current}; the plan frozen on {date} says {baseline}, and the "
               "last revision row of it says {revised}.", _REVISION_FIX_EN),
        "fr": ("La cible de l'objectif {id} vaut {current} ; le plan gelé le {date} dit {baseline}, et la "
               "dernière ligne de révision dit {revised}.", _REVISION_FIX_FR),
    },
    "revision-missing/kpi": {
        "en": ("The plan of KPI {id} for month {month} is {current}; the plan frozen on {date} says {baseline}, "
               "and no revision row says why.", _REVISION_FIX_EN),
        "fr": ("Le prévu du KPI {id} pour le mois {month} vaut {current} ; le plan gelé le {date} dit "
               "{baseline}, et aucune ligne de révision n'en donne la raison.", _REVISION_FIX_FR),
    },
    "revision-missing/kpi_other": {
        "en": ("The plan of KPI {id} for month {month} is {current}; the plan frozen on {date} says {baseline}, "
               "and the last revision row of it says {revised}.", _REVISION_FIX_EN),
        "fr": ("Le prévu du KPI {id} pour le mois {month} vaut {current} ; le plan gelé le {date} dit "
               "{baseline}, et la dernière ligne de révision dit {revised}.", _REVISION_FIX_FR),
    },
    "revision-missing/budget": {
        "en": ("Budget line {id} for month {month} is {current}; the plan frozen on {date} says {baseline}, "
               "and no revision row says why.", _REVISION_FIX_EN),
        "fr": ("La ligne de budget {id} pour le mois {month} vaut {current} ; le plan gelé le {date} dit "
               "{baseline}, et aucune ligne de révision n'en donne la raison.", _REVISION_FIX_FR),
    },
    "revision-missing/budget_other": {
        "en": ("Budget line {id} for month {month} is {current}; the plan frozen on {date} says {baseline}, "
               "and the last revision row of it says {revised}.", _REVISION_FIX_EN),
        "fr": ("La ligne de budget {id} pour le mois {month} vaut {current} ; le plan gelé le {date} dit "
               "{baseline}, et la dernière ligne de révision dit {revised}.", _REVISION_FIX_FR),
    },
    # customers
    "customers-empty": {
        "en": ("The customer list has no revenue: the ABC split cannot be made.",
               "Paste last year's revenue per customer, or use pacxl import customers."),
        "fr": ("La liste des clients ne contient aucun chiffre d'affaires : impossible de faire la répartition ABC.",
               "Collez le chiffre d'affaires de l'an dernier par client, ou utilisez pacxl import customers."),
    },
}

#: Every other sentence or label: key -> {"fr": ..., "en": ...}.
TEXTS: dict[str, dict[str, str]] = {
    # check
    "check.row": {"en": "row {n}", "fr": "de la ligne {n}"},
    "check.blank": {"en": "blank", "fr": "vide"},
    "check.budget_row": {"en": "row {n}", "fr": "n° {n}"},
    "check.summary": {"en": "{workbook}: {error} {error:error|errors}, {warning} {warning:warning|warnings}, {info} info",
                      "fr": "{workbook} : {error} {error:erreur|erreurs}, {warning} {warning:avertissement|avertissements}, {info} info"},
    "severity.error": {"en": "error", "fr": "erreur"},
    "severity.warning": {"en": "warning", "fr": "avertissement"},
    "severity.info": {"en": "info", "fr": "info"},
    # report: headings
    "report.title": {"en": "{company} {year}: plan at {month}", "fr": "{company} {year} : le plan à {month}"},
    "report.subtitle": {"en": "as of {date}", "fr": "au {date}"},
    "report.no_actuals": {
        "en": "No actuals yet: type them on the {kpi} and {budget} sheets, or import them with pacxl import actuals.",
        "fr": "Aucun réalisé pour l'instant : saisissez-les dans les onglets {kpi} et {budget}, ou importez-les "
              "avec pacxl import actuals.",
    },
    "report.month": {"en": "month {m} ({mm_yyyy})", "fr": "fin du mois {m} ({mm_yyyy})"},
    "report.figures_as_of": {"en": "Figures as of {date}, computed by pacxl from {file}.",
                             "fr": "Chiffres au {date}, calculés par pacxl à partir de {file}."},
    "report.generated": {"en": "Generated {date} by pacxl.", "fr": "Généré le {date} par pacxl."},
    "report.objectives": {"en": "Objectives", "fr": "Objectifs"},
    "report.kpis_terminal": {"en": "KPIs (year to date)", "fr": "Indicateurs (cumul à date)"},
    "report.kpis_html": {"en": "KPIs, year to date", "fr": "Indicateurs, cumul à date"},
    "report.budget": {"en": "Budget by category ({currency})", "fr": "Budget par catégorie ({currency})"},
    "report.actions": {"en": "Actions", "fr": "Actions"},
    "report.late_actions": {"en": "Late actions", "fr": "Actions en retard"},
    "report.funnel": {"en": "Funnel: activity needed for {deals} deals",
                      "fr": "Entonnoir : activité nécessaire pour {deals} signatures"},
    "report.abc": {"en": "ABC split of {n} {n:customer|customers}", "fr": "Répartition ABC de {n} {n:client|clients}"},
    # report: column headers
    "report.id": {"en": "ID", "fr": "ID"},
    "report.objective": {"en": "Objective", "fr": "Objectif"},
    "report.target": {"en": "Target", "fr": "Cible"},
    "report.landing": {"en": "Landing", "fr": "Atterrissage"},
    "report.on_track": {"en": "On track", "fr": "En bonne voie"},
    "report.deadline": {"en": "Deadline", "fr": "Échéance"},
    "report.owner": {"en": "Owner", "fr": "Responsable"},
    "report.status": {"en": "Status", "fr": "Statut"},
    "report.kpi": {"en": "KPI", "fr": "Indicateur"},
    "report.plan_ytd": {"en": "Plan YTD", "fr": "Prévu à date"},
    "report.actual_ytd": {"en": "Actual YTD", "fr": "Réel à date"},
    "report.variance": {"en": "Variance", "fr": "Écart"},
    "report.variance_pct": {"en": "Var. %", "fr": "Écart %"},
    "report.plan_year": {"en": "Plan year", "fr": "Prévu année"},
    "report.category": {"en": "Category", "fr": "Catégorie"},
    "report.plan_to_date": {"en": "Plan to date", "fr": "Prévu à date"},
    "report.actual": {"en": "Actual", "fr": "Réalisé"},
    "report.consumed": {"en": "Consumed", "fr": "Consommé"},
    "report.total": {"en": "Total", "fr": "Total"},
    "report.action": {"en": "Action", "fr": "Action"},
    "report.late_action": {"en": "Late action", "fr": "Action en retard"},
    "report.due": {"en": "Due", "fr": "Échéance"},
    "report.stage": {"en": "Stage", "fr": "Étape"},
    "report.rate_to_next": {"en": "Rate to next", "fr": "Taux vers la suivante"},
    "report.year": {"en": "Year", "fr": "Année"},
    "report.this_month": {"en": "This month", "fr": "Par mois"},
    "report.this_week": {"en": "Per working week", "fr": "Par semaine ouvrée"},
    "report.observed": {"en": "Funnel observed to date", "fr": "Entonnoir observé à date"},
    "report.actual_to_date": {"en": "Actual to date", "fr": "Réel à date"},
    "report.observed_rate": {"en": "Observed rate", "fr": "Taux observé"},
    "report.assumed_rate": {"en": "Assumed rate", "fr": "Taux prévu"},
    "report.below": {"en": "below (-10%)", "fr": "en dessous (-10 %)"},
    "report.class": {"en": "Class", "fr": "Classe"},
    "report.customers": {"en": "Customers", "fr": "Clients"},
    "report.revenue": {"en": "Revenue ({currency})", "fr": "CA ({currency})"},
    "report.share": {"en": "Share", "fr": "Part"},
    "report.share_of_revenue": {"en": "Share of revenue", "fr": "Part du CA"},
    # report: verdicts and states
    "report.favourable": {"en": "favourable", "fr": "favorable"},
    "report.unfavourable": {"en": "unfavourable", "fr": "défavorable"},
    "report.yes": {"en": "yes", "fr": "oui"},
    "report.no": {"en": "no", "fr": "non"},
    "state.done": {"en": "Done", "fr": "Faites"},
    "state.late": {"en": "Late", "fr": "En retard"},
    "state.in_progress": {"en": "In progress", "fr": "En cours"},
    "state.to_do": {"en": "To do", "fr": "À faire"},
    "state.postponed": {"en": "Postponed", "fr": "Reportées"},
    "state.cancelled": {"en": "Cancelled", "fr": "Annulées"},
    # report: HTML cards and charts
    "report.card_revenue_target": {"en": "revenue target", "fr": "objectif de CA"},
    "report.card_budget_year": {"en": "budget of the year", "fr": "budget de l'année"},
    "report.card_budget_consumed": {"en": "budget consumed", "fr": "budget consommé"},
    "report.card_actions_done": {"en": "actions done", "fr": "actions faites"},
    "report.card_actions_late": {"en": "actions late", "fr": "actions en retard"},
    "report.chart_plan": {"en": "Plan", "fr": "Prévu"},
    "report.chart_actual": {"en": "Actual", "fr": "Réel"},
    "report.chart_kpi_by_month": {"en": "{kpi}: plan and actual by month ({currency})",
                                  "fr": "{kpi} : prévu et réel par mois ({currency})"},
    "report.chart_budget": {"en": "Budget consumed against plan to date ({currency})",
                            "fr": "Budget consommé face au prévu à date ({currency})"},
    "report.chart_actions": {"en": "{n} actions by state", "fr": "{n} actions par état"},
    "report.chart_weekly": {"en": "Needed each week", "fr": "Nécessaire chaque semaine"},
    "report.per_week": {"en": "{v} / week", "fr": "{v} / semaine"},
    "report.chart_class": {"en": "Class {cls} ({n} {n:customer|customers})", "fr": "Classe {cls} ({n} {n:client|clients})"},
    "report.chart_abc": {"en": "Share of revenue by class", "fr": "Part du CA par classe"},
    "report.month_short": {"en": "M{n}", "fr": "M{n}"},
    # import summary
    "import.head": {"en": "{source} -> {workbook} ({kind}, {layout} layout)",
                    "fr": "{source} -> {workbook} ({kind}, {layout})"},
    "import.head_rich": {"en": "{source} -> {workbook}: {kind}, {layout} layout",
                         "fr": "{source} -> {workbook} : {kind}, {layout}"},
    "import.dry_run": {"en": " [dry run: nothing written]", "fr": " [essai : rien n'est écrit]"},
    "import.counts": {"en": "rows read: {read}, imported: {imported}, skipped: {skipped}",
                      "fr": "lignes lues : {read}, importées : {imported}, ignorées : {skipped}"},
    "import.skipped_line": {"en": "  skipped line {line}: {reason}", "fr": "  ligne {line} ignorée : {reason}"},
    "import.skipped_group": {"en": "  skipped ({reason}): {n} {n:row|rows}, {lines}",
                             "fr": "  ignorées ({reason}) : {n} {n:ligne|lignes}, {lines}"},
    "import.totals_by_month": {"en": "totals by month:", "fr": "totaux par mois :"},
    "import.totals_by_category": {"en": "totals by category:", "fr": "totaux par catégorie :"},
    "import.totals_by_segment": {"en": "totals by segment:", "fr": "totaux par segment :"},
    "import.Totals_by_month": {"en": "Totals by month", "fr": "Totaux par mois"},
    "import.Totals_by_category": {"en": "Totals by category", "fr": "Totaux par catégorie"},
    "import.Totals_by_segment": {"en": "Totals by segment", "fr": "Totaux par segment"},
    "import.col_month": {"en": "Month", "fr": "Mois"},
    "import.col_category": {"en": "Category", "fr": "Catégorie"},
    "import.col_segment": {"en": "Segment", "fr": "Segment"},
    "import.col_amount": {"en": "Amount", "fr": "Montant"},
    "import.none": {"en": "(none)", "fr": "(aucune)"},
    "import.total": {"en": "total: {amount}", "fr": "total : {amount}"},
    "import.notice": {"en": "notice: {text}", "fr": "remarque : {text}"},
    "import.warning": {"en": "warning: {text}", "fr": "attention : {text}"},
    "import.wrote": {"en": "wrote {path}", "fr": "écrit : {path}"},
    "import.backup": {"en": "backup: {path}", "fr": "sauvegarde : {path}"},
    "import.kind.budget": {"en": "budget", "fr": "budget"},
    "import.kind.actuals": {"en": "actuals", "fr": "réalisés"},
    "import.kind.customers": {"en": "customers", "fr": "clients"},
    "import.layout.long": {"en": "long", "fr": "une ligne par montant"},
    "import.layout.wide": {"en": "wide", "fr": "une colonne par mois"},
    # import: what the readers say about a file they accept (skip reasons, notices, warnings)
    # a contract table's columns, found by header (pacxl.workbook.columns)
    "wb.column_missing": {"en": 'sheet {sheet}, table {table}: the column "{header}" is missing '
                                '(rename a column back to "{header}", or add it to the table)',
                          "fr": "feuille {sheet}, tableau {table} : la colonne « {header} » est introuvable "
                                "(rendez-lui ce nom, ou ajoutez-la au tableau)"},
    "wb.column_twice": {"en": 'sheet {sheet}, table {table}: two columns are "{header}": rename one',
                        "fr": "feuille {sheet}, tableau {table} : deux colonnes s'appellent « {header} » : "
                              "renommez-en une"},
    "wb.rows_below": {"en": "sheet {sheet}, table {table}: the cells {cells}, typed below the table, do not "
                            "fit into it ({why}) and the table must grow over them: move them, nothing was changed",
                      "fr": "feuille {sheet}, tableau {table} : les cellules {cells}, saisies sous le tableau, "
                            "n'y trouvent pas leur place ({why}) et le tableau doit s'agrandir sur elles : "
                            "déplacez-les, rien n'a été modifié"},
    "wb.rows_below_outside": {"en": "a cell beyond the table's columns", "fr": "une cellule hors des colonnes du tableau"},
    "wb.rows_below_gap": {"en": "a blank row between them and the table",
                          "fr": "une ligne vide les sépare du tableau"},
    "wb.rows_below_formula": {"en": "a formula", "fr": "une formule"},
    "wb.rows_below_computed": {"en": "a value in a computed column", "fr": "une valeur dans une colonne calculée"},
    "io.line": {"en": "line {shown}", "fr": "ligne {shown}"},
    "io.lines": {"en": "lines {shown}", "fr": "lignes {shown}"},
    "io.more": {"en": "{shown} and {n} more", "fr": "{shown} et {n} autres"},
    "io.where_sheet": {"en": 'sheet "{sheet}"', "fr": "feuille « {sheet} »"},
    "io.where_line": {"en": "line {n}", "fr": "ligne {n}"},
    "io.where_row": {"en": "row {n}", "fr": "ligne {n}"},
    "io.where_column": {"en": 'column "{column}"', "fr": "colonne « {column} »"},
    "io.quoted": {"en": '"{name}"', "fr": "« {name} »"},
    "io.skip.total_row": {"en": "total row", "fr": "ligne de total"},
    "io.skip.no_label_no_amount": {"en": "no label and no amount", "fr": "ni libellé ni montant"},
    "io.skip.no_amount": {"en": "no amount", "fr": "pas de montant"},
    "io.skip.no_kpi_no_line": {"en": "no KPI and no budget line", "fr": "ni indicateur ni ligne de budget"},
    "io.skip.no_value": {"en": "no value", "fr": "pas de valeur"},
    "io.skip.no_customer": {"en": "no customer", "fr": "pas de client"},
    "io.total_rows": {"en": "{lines}: total rows skipped", "fr": "{lines} : lignes de total ignorées"},
    "io.budget_total_rows": {"en": "{lines}: total rows skipped (the workbook adds up its own totals)",
                             "fr": "{lines} : lignes de total ignorées (le classeur calcule lui-même ses totaux)"},
    "io.budget_total_differs": {
        "en": "{where}: total {total} differs from the months' sum {sum} (the months are imported)",
        "fr": "{where} : le total {total} diffère de la somme des mois, {sum} (ce sont les mois qui sont importés)",
    },
    "io.budget_unknown_categories": {
        "en": "categories not in the workbook's list of budget categories: {names} (imported as they are)",
        "fr": "catégories absentes de la liste des catégories de budget du classeur : {names} "
              "(importées telles quelles)",
    },
    "io.budget_unknown_actions": {"en": "actions not in the action plan: {names} (imported as they are)",
                                  "fr": "actions absentes du plan d'actions : {names} (importées telles quelles)"},
    "io.budget_lines": {"en": "{n} {n:budget line|budget lines}", "fr": "{n} {n:ligne|lignes} de budget"},
    "io.budget_spend_kept": {
        "en": "spend to date kept for {n} {n:line|lines} whose id is in the workbook already",
        "fr": "dépense à date conservée pour {n} {n:ligne|lignes} dont l'identifiant est déjà dans le classeur",
    },
    "io.actuals_late": {
        "en": "actuals for {months}, after the tracking month {month} (Settings, \"Tracking month\"): they are "
              "imported but the variance columns count months up to the tracking month only",
        "fr": "réalisés de {months}, après le mois de suivi {month} (Paramètres, « Mois de suivi ») : ils sont "
              "importés, mais les colonnes d'écart ne comptent que les mois jusqu'au mois de suivi",
    },
    "io.actuals_kpis": {"en": "{n} KPI {n:actual|actuals} for {kpis} {kpis:KPI|KPIs}",
                        "fr": "{n} {n:réalisé|réalisés} pour {kpis} {kpis:indicateur|indicateurs}"},
    "io.actuals_spend": {"en": "actual spend for {n} budget {n:line|lines}",
                         "fr": "dépense réelle de {n} {n:ligne|lignes} de budget"},
    "io.customers_merged": {"en": "{lines}: same customer as an earlier row, amounts added up",
                            "fr": "{lines} : même client qu'une ligne précédente, montants additionnés"},
    "io.customers_unknown_segments": {
        "en": "segments not in the workbook's list: {names} (imported as they are)",
        "fr": "segments absents de la liste du classeur : {names} (importés tels quels)",
    },
    "io.customers_negative": {"en": "negative revenue for {names}: check them",
                              "fr": "chiffre d'affaires négatif pour {names} : à vérifier"},
    "io.customers": {"en": "{n} {n:customer|customers}", "fr": "{n} {n:client|clients}"},
    "io.customers_years": {"en": 'revenue of {year} from "{amount}", revenue N-1 ({prior}) from "{previous}"',
                           "fr": "CA {year} lu dans « {amount} », CA N-1 ({prior}) dans « {previous} »"},
    "io.customers_year_ignored": {"en": "{columns}: older {what} columns, not imported",
                                  "fr": "{columns} : colonnes {what} plus anciennes, non importées"},
    "io.customers_extras": {"en": "with {what}", "fr": "avec {what}"},
    "io.field_amount": {"en": "revenue", "fr": "de CA"},
    "io.field_margin": {"en": "margin", "fr": "de marge"},
    "io.field_potential": {"en": "potential", "fr": "de potentiel"},
    # what saving through openpyxl would lose (io/save.py), and the refusal naming it
    "save.would_lose": {"en": "{name}: saving would lose its {what}; use --force to import anyway "
                              "(those would be removed)",
                        "fr": "{name} : l'enregistrer ferait perdre : {what} ; --force pour importer "
                              "quand même (ils seraient supprimés)"},
    "save.lost.shapes": {"en": "shapes or text boxes", "fr": "formes ou zones de texte"},
    "save.lost.form_controls": {"en": "form controls", "fr": "contrôles de formulaire"},
    "save.lost.sparklines": {"en": "sparklines", "fr": "graphiques sparkline"},
    "save.lost.x14_validations": {"en": "data validations of the x14 kind (Excel 2010 extension)",
                                  "fr": "validations de données de type x14 (extension Excel 2010)"},
    "save.lost.x14_formats": {"en": "conditional formats of the x14 kind (data bars, icon sets)",
                              "fr": "mises en forme conditionnelles de type x14 (barres de données, "
                                    "jeux d'icônes)"},
    "save.lost.slicers": {"en": "slicers", "fr": "segments (slicers)"},
    "save.lost.timelines": {"en": "timelines", "fr": "chronologies"},
    "save.lost.embedded": {"en": "embedded objects", "fr": "objets incorporés"},
    "save.lost.chartex": {"en": "new-style charts (waterfall, treemap, funnel...)",
                          "fr": "graphiques récents (cascade, compartimentage, entonnoir...)"},
    "save.lost.activex": {"en": "ActiveX controls", "fr": "contrôles ActiveX"},
    "save.lost.addins": {"en": "Office add-ins and the data they keep in the workbook (e.g. xlwings Lite's "
                               "Python code)",
                         "fr": "compléments Office et les données qu'ils gardent dans le classeur (par "
                               "exemple le code Python de xlwings Lite)"},
    "save.lost.custom_xml": {"en": "custom XML parts (data kept by add-ins or document management)",
                             "fr": "parties XML personnalisées (données d'un complément ou de la gestion "
                                   "documentaire)"},
    "save.lost.threaded": {"en": "threaded comments (the replies; only the first note would stay)",
                           "fr": "commentaires en fil de discussion (les réponses ; seule la première note "
                                 "resterait)"},
    "save.lost.richdata": {"en": "pictures in cells and linked data types",
                           "fr": "images dans les cellules et types de données liés"},
    "save.lost.smartart": {"en": "SmartArt graphics", "fr": "graphiques SmartArt"},
    "save.lost.connections": {"en": "data connections (external data sources and their refresh)",
                              "fr": "connexions de données (sources externes et leur actualisation)"},
    "save.lost.query_tables": {"en": "query tables (tables refreshed from a data connection)",
                               "fr": "tables de requête (tables actualisées par une connexion de données)"},
    "save.lost.data_model": {"en": "Power Pivot data model (the tables loaded into the model)",
                             "fr": "modèle de données Power Pivot (les tables chargées dans le modèle)"},
    "save.lost.dynamic_arrays": {"en": "Excel 365 dynamic arrays (spilling formulas, PAC_FUNNEL included, "
                                       "would become fixed arrays)",
                                 "fr": "tableaux dynamiques d'Excel 365 (les formules qui débordent, "
                                       "PAC_FUNNEL compris, deviendraient des matrices figées)"},
    "save.lost.ribbon": {"en": "custom ribbon (customUI)", "fr": "ruban personnalisé (customUI)"},
    "save.lost.vba_signature": {"en": "VBA project signature (the macros would no longer be signed)",
                                "fr": "signature du projet VBA (les macros ne seraient plus signées)"},
    "save.lost.chart_styles": {"en": "chart styles and colours (Excel's style and colour parts of the charts)",
                               "fr": "styles et couleurs des graphiques (les parties style et couleurs "
                                     "d'Excel)"},
    "save.lost.images_pillow": {"en": "images (pillow is not installed: pip install pillow)",
                                "fr": "images (pillow n'est pas installé : pip install pillow)"},
    "save.lost.macros_xlsx": {"en": "macros (the file holds VBA but is named .xlsx: rename it .xlsm)",
                              "fr": "macros (le fichier contient du VBA mais se nomme .xlsx : renommez-le "
                                    "en .xlsm)"},
    "io.sheet_read": {"en": 'sheet read: "{sheet}"', "fr": "feuille lue : « {sheet} »"},
    "io.sheet_read_hidden": {
        "en": 'sheet read: "{sheet}" (hidden sheets skipped: {hidden}; name one with --sheet to read it)',
        "fr": "feuille lue : « {sheet} » (feuilles masquées ignorées : {hidden} ; --sheet pour en lire une)",
    },
    "io.rate_as_percent": {
        "en": "rate KPI {kpis}: values above 1 without a % sign read as percentages (27 -> 27 %)",
        "fr": "indicateur de taux {kpis} : valeurs supérieures à 1 sans signe % lues en pourcentage (27 -> 27 %)",
    },
    "io.comma_three_digits": {
        "en": '{where}: every value has three digits after a lone comma ("{example}" read as {value}); '
              "if the comma separates thousands, remove it in the source",
        "fr": "{where} : toutes les valeurs ont trois chiffres après une virgule (« {example} » lu {value}) ; "
              "si la virgule sépare les milliers, supprimez-la dans le fichier source",
    },
    # macros
    "macro.check_head": {"en": "Severity|Where|Finding|How to fix", "fr": "Gravité|Où|Constat|Comment corriger"},
    "macro.go_to": {"en": "Go to {where}", "fr": "Aller à {where}"},
    "macro.check_done": {"en": "{error} {error:error|errors}, {warning} {warning:warning|warnings}, {info} info: see the {sheet} sheet.",
                         "fr": "{error} {error:erreur|erreurs}, {warning} {warning:avertissement|avertissements}, {info} {info:information|informations} : "
                               "voir la feuille {sheet}."},
    "macro.report_done": {"en": "Report at the end of month {month}: {sheet} sheet.",
                          "fr": "Rapport à fin du mois {month} : feuille {sheet}."},
    # consolidate notes
    "consolidate.currencies": {"en": "the plans use different currencies ({groups}): convert them to one "
                                     "currency first; nothing was written",
                               "fr": "les plans ne sont pas dans la même devise ({groups}) : convertissez-les "
                                     "d'abord dans une seule devise ; rien n'a été écrit"},
    "consolidate.years_differ": {"en": "the plans cover different years ({groups}): say which one the team plan "
                                       "uses with --year YYYY",
                                 "fr": "les plans portent sur des années différentes ({groups}) : indiquez celle "
                                       "du plan d'équipe avec --year AAAA"},
    "consolidate.first_months_differ": {"en": "the plans start in different months ({groups}): say which first "
                                              "month the team plan uses with --first-month M",
                                        "fr": "les plans ne commencent pas le même mois ({groups}) : indiquez le "
                                              "premier mois du plan d'équipe avec --first-month M"},
    "consolidate.no_such_plan": {"en": "{option} {value}: no plan has it (the plans have {values})",
                                 "fr": "{option} {value} : aucun plan ne l'a (les plans ont {values})"},
    "consolidate.aligned": {"en": "{file}: plan {span} aligned on the team's {team_span}, each monthly figure in "
                                  "the same calendar month ({moved} of 12 months change year); dates kept as typed",
                            "fr": "{file} : plan {span} aligné sur celui de l'équipe, {team_span}, chaque chiffre "
                                  "mensuel dans le même mois du calendrier ({moved} mois sur 12 changent d'année) ; "
                                  "dates gardées telles que saisies"},
    "consolidate.months": {"en": "the plans are tracked to different months: the team plan uses month {month}, "
                                 "the last month every plan has reached",
                           "fr": "les plans sont suivis jusqu'à des mois différents : le plan d'équipe retient "
                                 "le mois {month}, le dernier que tous les plans ont atteint"},
    "consolidate.rates": {"en": "the plans use different funnel rates: the team plan keeps {name}'s",
                          "fr": "les plans n'ont pas les mêmes taux de conversion : le plan d'équipe garde "
                                "ceux de {name}"},
    "consolidate.capacity": {"en": "the team has {n} {what}: the Settings sheet lists the first {cap}",
                             "fr": "l'équipe a {n} {what} : l'onglet Paramètres n'en liste que les {cap} premiers"},
    # Settings values no command can use (pacxl.workbook.settings_check)
    "settings.cell": {"en": '{sheet}, "{label}": {problem}', "fr": "{sheet}, « {label} » : {problem}"},
    "settings.missing": {"en": "the value is missing", "fr": "la valeur manque"},
    "settings.not_year": {"en": "{value} is not a year ({lo}-{hi})", "fr": "{value} n'est pas une année ({lo}-{hi})"},
    "settings.not_month": {"en": "{value} is not a month number ({lo}-{hi})",
                           "fr": "{value} n'est pas un numéro de mois ({lo}-{hi})"},
    "settings.not_number": {"en": "{value} is not a number", "fr": "{value} n'est pas un nombre"},
    # command line, after a successful command
    "cli.wrote": {"en": "wrote {path}", "fr": "écrit : {path}"},
    "cli.wrote_file": {"en": "Wrote {path}", "fr": "Écrit : {path}"},
    "cli.wrote_new": {"en": "Wrote {path} ({book_lang}, {year})", "fr": "Écrit : {path} ({book_lang}, {year})"},
    "cli.wrote_demo": {"en": "Wrote {path} ({book_lang}, demo)", "fr": "Écrit : {path} ({book_lang}, démo)"},
    "cli.no_values": {"en": "Without LibreOffice the figures are computed when the workbook is opened: a "
                            "preview shows them blank until Excel's Enable Editing.",
                      "fr": "Sans LibreOffice, les chiffres sont calculés à l'ouverture du classeur : un "
                            "aperçu les montre vides jusqu'à « Activer la modification » dans Excel."},
    "cli.error": {"en": "Error: {message}", "fr": "Erreur : {message}"},
    "cli.interrupted": {"en": "interrupted", "fr": "interrompu"},
    "cli.skipped": {"en": "skipped {path}: {reason}", "fr": "ignoré : {path} : {reason}"},
    "cli.note": {"en": "note: {note}", "fr": "note : {note}"},
    "cli.consolidated": {"en": "wrote {path}: {n} {n:plan|plans} consolidated, {skipped} skipped",
                         "fr": "écrit : {path} : {n} {n:plan consolidé|plans consolidés}, {skipped} {skipped:ignoré|ignorés}"},
    "list.owners": {"en": "owners", "fr": "responsables"},
    "list.segments": {"en": "segments", "fr": "segments"},
    "list.categories": {"en": "categories", "fr": "catégories"},
    "list.levers": {"en": "levers", "fr": "leviers"},
    "list.budget_categories": {"en": "budget categories", "fr": "catégories de budget"},
    "list.statuses": {"en": "statuses", "fr": "statuts"},
    "list.funnel_stages": {"en": "funnel stages", "fr": "étapes de l'entonnoir"},
    "list.kpi_kinds": {"en": "KPI kinds", "fr": "types d'indicateur"},
}


#: Labels of the report figures' keys on the macros' Rapport/Report sheet: key -> (fr, en).
FIELDS: dict[str, tuple[str, str]] = {
    "schema": ("Schéma", "Schema"), "workbook": ("Classeur", "Workbook"), "lang": ("Langue", "Language"),
    "company": ("Entreprise", "Company"), "year": ("Année", "Year"), "currency": ("Devise", "Currency"),
    "month": ("Mois", "Month"), "month_start": ("Début du mois", "Month start"), "as_of": ("Au", "As of"),
    "revenue_target": ("Objectif de CA", "Revenue target"), "objectives": ("Objectifs", "Objectives"),
    "kpis": ("Indicateurs", "KPIs"), "budget": ("Budget", "Budget"), "actions": ("Actions", "Actions"),
    "funnel": ("Entonnoir", "Funnel"), "abc": ("Répartition ABC", "ABC split"), "id": ("ID", "ID"),
    "objective": ("Objectif", "Objective"), "kpi": ("Indicateur", "KPI"), "target": ("Cible", "Target"),
    "unit": ("Unité", "Unit"), "deadline": ("Échéance", "Deadline"), "owner": ("Responsable", "Owner"),
    "status": ("Statut", "Status"), "measured_by": ("Mesuré par", "Measured by"),
    "landing": ("Atterrissage", "Landing forecast"), "on_track": ("En bonne voie", "On track"),
    "name": ("Nom", "Name"), "kind": ("Type", "Kind"), "objective_id": ("Objectif", "Objective"),
    "plan_month": ("Prévu du mois", "Plan of the month"), "actual_month": ("Réel du mois", "Actual of the month"),
    "plan_ytd": ("Prévu à date", "Plan to date"), "actual_ytd": ("Réel à date", "Actual to date"),
    "variance": ("Écart", "Variance"), "variance_pct": ("Écart %", "Variance %"),
    "favourable": ("Favorable", "Favourable"), "plan_year": ("Prévu année", "Plan year"),
    "run_rate": ("Tendance", "Run-rate forecast"), "plan_by_month": ("Prévu par mois", "Plan by month"),
    "actual_by_month": ("Réel par mois", "Actual by month"), "categories": ("Catégories", "Categories"),
    "total": ("Total", "Total"), "category": ("Catégorie", "Category"), "actual": ("Réalisé", "Actual"),
    "consumed": ("Consommé", "Consumed"), "counts": ("Nombre par état", "Counts by state"),
    "late": ("En retard", "Late"), "by_owner": ("Par responsable", "By owner"), "done": ("Faites", "Done"),
    "in_progress": ("En cours", "In progress"), "to_do": ("À faire", "To do"),
    "postponed": ("Reportées", "Postponed"), "cancelled": ("Annulées", "Cancelled"),
    "action": ("Action", "Action"), "end": ("Fin", "End"), "deals_target": ("Signatures visées", "Deals to sign"),
    "stages": ("Étapes", "Stages"), "rate_to_next": ("Taux vers la suivante", "Rate to next"),
    "week": ("Par semaine", "Per week"), "customers": ("Clients", "Customers"),
    "thresholds": ("Seuils", "Thresholds"), "classes": ("Classes", "Classes"), "count": ("Nombre", "Count"),
    "revenue": ("CA", "Revenue"), "share": ("Part", "Share"),
    # a key whose label depends on its block: "<block>.<key>" (the funnel stages' monthly need is no month)
    "stages.month": ("Par mois", "Per month"),
}


def field_label(key: str, lang: str, block: str | None = None) -> str:
    """The label of a report figure's key (the key itself when it has none, e.g. an owner's name);
    ``block``: the key of the list it sits in, when that list gives the key its own label."""
    pair = FIELDS.get(f"{block}.{key}") if block else None
    pair = pair or FIELDS.get(key)
    return key if pair is None else pair[0 if lang_of(lang) == "fr" else 1]


def plural(n: Any, one: str, many: str, lang: str) -> str:
    """``one`` or ``many`` agreeing with the count ``n``: French takes the singular for 0 and 1
    ("0 erreur", "1 erreur", "2 erreurs"), English for 1 only ("0 errors", "1 error")."""
    try:
        count = abs(float(n))
    except (TypeError, ValueError):
        return many
    if lang_of(lang) == "fr":
        return one if count < 2 else many
    return one if count == 1 else many


class _Formatter(string.Formatter):
    """``str.format`` plus the plural field ``{n:one|many}``: the word agreeing with ``n``
    (``"{n} {n:ligne|lignes}"`` -> ``1 ligne``, ``2 lignes``)."""

    def __init__(self, lang: str):
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" in format_spec:
            one, _, many = format_spec.partition("|")
            return plural(value, one, many, self.lang)
        return super().format_field(value, format_spec)


def _format(template: str, lang: str, kw: dict[str, Any]) -> str:
    return _Formatter(lang_of(lang)).vformat(template, (), kw) if "|" in template else template.format(**kw)


def text(key: str, lang: str, **kw: Any) -> str:
    """The sentence ``key`` in ``lang``, formatted with ``kw`` (``{n:one|many}``: see :func:`plural`)."""
    return _format(TEXTS[key][lang_of(lang)], lang, kw)


def finding_text(code: str, lang: str, variant: str | None = None, **kw: Any) -> tuple[str, str]:
    """``(message, fix)`` of check rule ``code`` (``variant``: an alternative wording)."""
    entry = CHECK[f"{code}/{variant}" if variant else code][lang_of(lang)]
    return _format(entry[0], lang, kw), _format(entry[1], lang, kw)


def placeholders(template: str) -> set[str]:
    """Field names of a ``str.format`` template (for the catalogue's tests)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# Catch-up and quarters in the report (pacxl.report_followup), and their keys' labels.
TEXTS.update({
    "report.catch_up": {"en": "Catch-up after month {month}: left to do and the monthly target",
                        "fr": "Rattrapage après le mois {month} : reste à faire et objectif mensuel"},
    "report.remaining": {"en": "Left to do", "fr": "Reste à faire"},
    "report.next_month": {"en": "Month {month}", "fr": "Mois {month}"},
    "report.rate_needed": {"en": "Rate needed", "fr": "Taux nécessaire"},
    "report.quarter_kpis": {"en": "Quarter Q{q} (plan months {first}-{last}): KPIs",
                            "fr": "Trimestre T{q} (mois {first} à {last} du plan) : indicateurs"},
    "report.quarter_budget": {"en": "Quarter Q{q}: budget by category ({currency})",
                              "fr": "Trimestre T{q} : budget par catégorie ({currency})"},
    "report.quarter_short": {"en": "Q{q}", "fr": "T{q}"},
    "report.budget_by_quarter": {"en": "Budget plan by quarter ({currency})",
                                 "fr": "Budget prévu par trimestre ({currency})"},
    "report.plan": {"en": "Plan", "fr": "Prévu"},
})
CHECK.update({
    "kpi-rate-unreachable": {
        "en": ("Rate KPI {label} needs {rate} on months {first} to 12 to reach its plan of the year: "
               "more than 100 %.",
               "Revise the rate's plan, or plan more of its denominator for the rest of the year."),
        "fr": ("Le taux {label} demande {rate} sur les mois {first} à 12 pour atteindre son prévu de "
               "l'année : plus de 100 %.",
               "Révisez le prévu du taux, ou prévoyez plus de son dénominateur sur le reste de l'année."),
    },
})
FIELDS.update({
    "remaining": ("Reste à faire", "Left to do"), "catch_up_by_month": ("Rattrapage par mois", "Catch-up by month"),
    "rate_needed": ("Taux nécessaire", "Rate needed"), "seasonality": ("Saisonnalité", "Seasonality"),
    "quarter": ("Trimestre", "Quarter"), "quarters": ("Trimestres", "Quarters"), "months": ("Mois", "Months"),
    "started": ("Commencé", "Started"), "complete": ("Terminé", "Complete"), "plan": ("Prévu", "Plan"),
    "plan_to_date": ("Prévu à date", "Plan to date"),
    "quarters_budget": ("Budget par trimestre", "Budget by quarter"),
})

# The report's revisions section (pacxl.report_revisions).
TEXTS.update({
    "report.rev.section": {"en": "Initial plan, revised plan and actual", "fr": "Plan initial, plan révisé et réel"},
    "report.rev.frozen": {"en": "plan frozen on {date}", "fr": "plan gelé le {date}"},
    "report.rev.not_frozen": {"en": "Plan not frozen: pacxl freeze records the approved plan.",
                              "fr": "Plan non gelé : pacxl freeze enregistre le plan approuvé."},
    "report.rev.item": {"en": "Item", "fr": "Élément"},
    "report.rev.label": {"en": "Label", "fr": "Libellé"},
    "report.rev.initial": {"en": "Initial", "fr": "Initial"},
    "report.rev.revised": {"en": "Revised", "fr": "Révisé"},
    "report.rev.actual": {"en": "Actual", "fr": "Réel"},
    "report.rev.objective": {"en": "Objective (target; actual: landing)",
                             "fr": "Objectif (cible ; réel : atterrissage)"},
    "report.rev.kpi": {"en": "KPI (year; actual to date)", "fr": "KPI (année ; réel à date)"},
    "report.rev.budget": {"en": "Budget (spent)", "fr": "Budget (réalisé)"},
    "report.rev.revisions": {"en": "Revisions ({n})", "fr": "Révisions ({n})"},
    "report.rev.date": {"en": "Date", "fr": "Date"},
    "report.rev.id": {"en": "ID", "fr": "ID"},
    "report.rev.field": {"en": "Field", "fr": "Champ"},
    "report.rev.month": {"en": "Month", "fr": "Mois"},
    "report.rev.old": {"en": "Old", "fr": "Avant"},
    "report.rev.new": {"en": "New", "fr": "Après"},
    "report.rev.reason": {"en": "Reason", "fr": "Motif"},
    "report.rev.author": {"en": "Author", "fr": "Auteur"},
    "report.rev.total": {"en": "Total", "fr": "Total"},
})

# The pipeline (pacxl.io.pipeline, pacxl.check_pipeline, pacxl.report_pipeline).
from .messages_pipeline import merge as _merge_pipeline  # noqa: E402

_merge_pipeline(TEXTS, CHECK, FIELDS)
# The pandas face (pacxl.dataframes, pacxl.io.frame).
from .messages_frames import TEXTS_FRAMES  # noqa: E402

TEXTS.update(TEXTS_FRAMES)
from .messages_team import TEXTS as _TEAM_TEXTS  # noqa: E402  (pacxl split, allocation)

TEXTS.update(_TEAM_TEXTS)
from .messages_team import CHECK as _TEAM_CHECK  # noqa: E402

CHECK.update(_TEAM_CHECK)
from .messages_reconcile import CHECK as _RC_CHECK, TEXTS as _RC_TEXTS  # noqa: E402  (issue 15)

TEXTS.update(_RC_TEXTS)
CHECK.update(_RC_CHECK)
from .messages_customers import merge as _merge_customers  # noqa: E402  (margin, potential, retention)

_merge_customers(TEXTS, FIELDS)
