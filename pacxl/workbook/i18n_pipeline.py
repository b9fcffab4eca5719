"""The Pipeline sheet's words (pacxl.workbook.sheets.pipeline), French and English: merged into
:data:`pacxl.workbook.i18n.TEXT`."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "pl_title": ("Pipeline commercial", "Sales pipeline"),
    "pl_help": ("Les affaires du CRM (pacxl import pipeline, ou saisies dans le tableau) : le pipeline pondéré "
                "(montant × probabilité) des affaires ouvertes qui doivent se signer dans l'année, face à ce "
                "qui reste de l'objectif de CA.",
                "The CRM's deals (pacxl import pipeline, or typed in the table): the weighted pipeline "
                "(amount × probability) of the open deals expected to close this year, against what is "
                "left of the revenue goal."),
    "pl_figures": ("Chiffres clés", "Key figures"),
    "pl_figure": ("Chiffre", "Figure"),
    "pl_value": ("Valeur", "Value"),
    "pl_open_count": ("Affaires ouvertes", "Open deals"),
    "pl_open_value": ("Montant des affaires ouvertes", "Value of open deals"),
    "pl_open_weighted": ("Montant pondéré des affaires ouvertes", "Weighted value of open deals"),
    "pl_weighted": ("Pipeline pondéré de l'année", "Weighted pipeline of the year"),
    "pl_revenue_target": ("Objectif de CA de l'année", "Revenue goal of the year"),
    "pl_revenue_to_date": ("CA réalisé à date", "Revenue to date"),
    "pl_remaining": ("Reste à réaliser", "Left to achieve"),
    "pl_coverage": ("Couverture du reste à réaliser", "Coverage of what is left"),
    "pl_age_average": ("Âge moyen des affaires ouvertes (jours)", "Average age of open deals (days)"),
    "pl_age_oldest": ("Affaire ouverte la plus ancienne (jours)", "Oldest open deal (days)"),
    "pl_past_count": ("Affaires à la signature prévue dépassée", "Deals past their expected close"),
    "pl_past_value": ("Montant des affaires à la signature dépassée", "Value of deals past their close date"),
    "pl_share_left": ("Part de l'année restante (saisonnalité)", "Share of the year left (seasonality)"),
    "pl_coverage_note": ("Couverture = pipeline pondéré de l'année / reste à réaliser ; vide quand l'objectif "
                         "est atteint. Sous 100 %, le pipeline ne suffit pas.",
                         "Coverage = weighted pipeline of the year / what is left; blank once the goal is "
                         "reached. Below 100 %, the pipeline is not enough."),
    "pl_by_stage": ("Affaires ouvertes par étape de l'entonnoir", "Open deals by funnel stage"),
    "pl_stage": ("Étape", "Stage"),
    "pl_count": ("Nombre", "Count"),
    "pl_amount": ("Montant", "Value"),
    "pl_weighted_col": ("Pondéré", "Weighted"),
    "pl_need": ("Besoin du reste de l'année", "Needed for the rest of the year"),
    "pl_other": ("Autres étapes", "Other stages"),
    "pl_total": ("Total", "Total"),
    "pl_by_month": ("Signatures attendues par mois", "Expected signatures by month"),
    "pl_month": ("Mois", "Month"),
    "pl_deals": ("Les affaires", "The deals"),
    "dv_deal_status": ("Statut de l'affaire", "Deal status"),
    "dv_probability": ("Probabilité (40 ou 0,4 pour 40 %)", "Probability (40 or 0.4 for 40 %)"),
}
