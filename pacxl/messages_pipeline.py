"""The pipeline's sentences (import summary, check findings, report section), French and English:
merged into :mod:`pacxl.messages`' catalogues by :func:`merge`."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # import summary
    "import.kind.pipeline": {"en": "pipeline", "fr": "pipeline"},
    "import.layout.deals": {"en": "deal", "fr": "une affaire par ligne"},
    "import.totals_by_status": {"en": "totals by status:", "fr": "totaux par statut :"},
    "import.Totals_by_status": {"en": "Totals by status", "fr": "Totaux par statut"},
    "import.col_status": {"en": "Status", "fr": "Statut"},
    "io.skip.deleted_deal": {"en": "deleted deal", "fr": "affaire supprimée"},
    "io.skip.no_deal": {"en": "no deal", "fr": "pas d'affaire"},
    "io.pipeline_converted": {"en": "amounts in {code} converted at {rate} {currency} per {code}",
                              "fr": "montants en {code} convertis à {rate} {currency} pour 1 {code}"},
    "io.pipeline_rates_unused": {"en": "--rate given for {codes}: no amount in that currency",
                                 "fr": "--rate donné pour {codes} : aucun montant dans cette devise"},
    "io.pipeline_unknown_stages": {
        "en": "stages not in the funnel (Settings): {names} (imported as they are; pacxl check lists them)",
        "fr": "étapes absentes de l'entonnoir (Paramètres) : {names} (importées telles quelles ; pacxl check "
              "les signale)",
    },
    "io.pipeline_deals": {"en": "{n} {n:deal|deals}, {open} open", "fr": "{n} {n:affaire|affaires}, {open} en cours"},
    # report section (pacxl.report_pipeline)
    "report.pl.section": {"en": "Pipeline", "fr": "Pipeline"},
    "report.pl.figures": {"en": "Pipeline ({currency})", "fr": "Pipeline ({currency})"},
    "report.pl.figure": {"en": "Figure", "fr": "Chiffre"},
    "report.pl.value": {"en": "Value", "fr": "Valeur"},
    "report.pl.open": {"en": "Open deals", "fr": "Affaires ouvertes"},
    "report.pl.open_value": {"en": "Value of open deals", "fr": "Montant des affaires ouvertes"},
    "report.pl.open_weighted": {"en": "Weighted value of open deals", "fr": "Montant pondéré des affaires ouvertes"},
    "report.pl.weighted": {"en": "Weighted pipeline of the year", "fr": "Pipeline pondéré de l'année"},
    "report.pl.remaining": {"en": "Left of the revenue goal", "fr": "Reste à réaliser de l'objectif de CA"},
    "report.pl.coverage": {"en": "Coverage", "fr": "Couverture"},
    "report.pl.reached": {"en": "goal reached", "fr": "objectif atteint"},
    "report.pl.age": {"en": "Age of open deals (days): average, oldest", "fr": "Âge des affaires ouvertes (jours) : moyen, maximum"},
    "report.pl.won": {"en": "Won deals", "fr": "Affaires gagnées"},
    "report.pl.lost": {"en": "Lost deals", "fr": "Affaires perdues"},
    "report.pl.past": {"en": "Open deals past their expected close", "fr": "Affaires ouvertes à la signature dépassée"},
    "report.pl.by_stage": {"en": "Open deals by funnel stage ({currency})", "fr": "Affaires ouvertes par étape ({currency})"},
    "report.pl.stage": {"en": "Stage", "fr": "Étape"},
    "report.pl.count": {"en": "Deals", "fr": "Affaires"},
    "report.pl.amount": {"en": "Value", "fr": "Montant"},
    "report.pl.weighted_col": {"en": "Weighted", "fr": "Pondéré"},
    "report.pl.need": {"en": "Funnel need, rest of year", "fr": "Besoin de l'entonnoir, reste de l'année"},
    "report.pl.other": {"en": "Other stages", "fr": "Autres étapes"},
    "report.pl.by_month": {"en": "Expected signatures by month ({currency})",
                           "fr": "Signatures attendues par mois ({currency})"},
    "report.pl.month": {"en": "Month", "fr": "Mois"},
    "report.pl.deal": {"en": "Deal", "fr": "Affaire"},
    "report.pl.account": {"en": "Account", "fr": "Client"},
    "report.pl.owner": {"en": "Owner", "fr": "Responsable"},
    "report.pl.close": {"en": "Expected close", "fr": "Signature prévue"},
    "report.pl.none": {"en": "No deal in the pipeline: pacxl import pipeline brings the CRM's export.",
                       "fr": "Aucune affaire dans le pipeline : pacxl import pipeline importe l'export du CRM."},
}

CHECK: dict[str, dict[str, tuple[str, str]]] = {
    "pipeline-coverage-low": {
        "en": ("The weighted pipeline of the year ({weighted}) covers {coverage} of what is left of the revenue "
               "goal ({remaining}).",
               "Feed the pipeline (proposals, first meetings) or revise the goal; the Pipeline sheet shows the "
               "stages short of the funnel's need."),
        "fr": ("Le pipeline pondéré de l'année ({weighted}) couvre {coverage} du reste à réaliser de l'objectif "
               "de CA ({remaining}).",
               "Alimentez le pipeline (propositions, premiers rendez-vous) ou révisez l'objectif ; l'onglet "
               "Pipeline montre les étapes en dessous du besoin de l'entonnoir."),
    },
    "pipeline-past-close": {
        "en": ("Deal {deal} ({amount}) is still open after its expected close date, {date}.",
               "Update it in the CRM (won, lost, or a new close date), then import the pipeline again."),
        "fr": ("L'affaire {deal} ({amount}) est encore ouverte après sa date de signature prévue, le {date}.",
               "Mettez-la à jour dans le CRM (gagnée, perdue ou nouvelle date), puis importez de nouveau le "
               "pipeline."),
    },
    "pipeline-unknown-stage": {
        "en": ("The stage {stage} of {n} open {n:deal|deals} is not a funnel stage ({stages}).",
               "Name the CRM's stages as the funnel's (Settings), or add the stage to the funnel, so that "
               "the Pipeline sheet counts them beside the funnel's need."),
        "fr": ("L'étape {stage} de {n} {n:affaire ouverte|affaires ouvertes} n'est pas une étape de "
               "l'entonnoir ({stages}).",
               "Nommez les étapes du CRM comme celles de l'entonnoir (Paramètres), ou ajoutez l'étape à "
               "l'entonnoir, pour que l'onglet Pipeline les compte face au besoin de l'entonnoir."),
    },
}

#: Labels of the report's ``pipeline`` keys on the macros' Report sheet: key -> (fr, en).
FIELDS: dict[str, tuple[str, str]] = {
    "pipeline": ("Pipeline", "Pipeline"), "deals": ("Affaires", "Deals"), "open": ("Ouvertes", "Open"),
    "won": ("Gagnées", "Won"), "lost": ("Perdues", "Lost"), "weighted": ("Pondéré", "Weighted"),
    "revenue_to_date": ("CA à date", "Revenue to date"), "coverage": ("Couverture", "Coverage"),
    "remaining_share": ("Part de l'année restante", "Share of the year left"),
    "by_stage": ("Par étape", "By stage"), "other_stages": ("Autres étapes", "Other stages"),
    "by_month": ("Par mois", "By month"), "age_average": ("Âge moyen", "Average age"),
    "age_oldest": ("Âge maximum", "Oldest"), "past_close": ("Signature dépassée", "Past close"),
    "unknown_stages": ("Étapes inconnues", "Unknown stages"), "stage": ("Étape", "Stage"),
    "need": ("Besoin", "Need"), "rows": ("Lignes", "Rows"), "value": ("Montant", "Value"),
}


def merge(texts: dict, check: dict, fields: dict) -> None:
    """Add this module's entries to the catalogues (keys already there are kept)."""
    for mine, theirs in ((TEXTS, texts), (CHECK, check), (FIELDS, fields)):
        for k, v in mine.items():
            theirs.setdefault(k, v)
