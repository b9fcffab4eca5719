"""The words of the Reconciliation sheet and of the team dashboard's load block (issue 15),
merged into :data:`pacxl.workbook.i18n.TEXT` by one import there."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {}

TEXT.update({
    "rc_title": ("Rapprochement : plans individuels et allocation de l'équipe",
                 "Reconciliation: individual plans and the team's allocation"),
    "rc_help": ("Plans consolidés rapprochés du plan d'équipe {file}. Allocation = part allouée × objectif "
                "équipe du segment + montant alloué ; écart = plan individuel − allocation (négatif : le "
                "commercial prévoit moins que son allocation). Taux de l'équipe : ceux de l'onglet Paramètres.",
                "Consolidated plans reconciled with the team plan {file}. Allocation = allocated share × "
                "the segment's team target + allocated amount; gap = individual plan − allocation (negative: "
                "the salesperson plans less than allocated). Team's rates: those of the Settings sheet."),
    "rc_people": ("Par commercial", "By salesperson"),
    "rc_segments": ("Par segment, et mix des plans contre les objectifs de l'équipe",
                    "By segment, and the plans' mix against the team's targets"),
    "rc_rates": ("Taux de conversion observés (réel à date de chaque plan) et taux de l'équipe",
                 "Observed conversion rates (each plan's actual to date) and the team's rates"),
    "rc_salesperson": ("Commercial", "Salesperson"),
    "rc_segment": ("Segment", "Segment"),
    "rc_plan": ("Plan individuel", "Individual plan"),
    "rc_allocation": ("Allocation", "Allocation"),
    "rc_gap": ("Écart", "Gap"),
    "rc_gap_pct": ("Écart %", "Gap %"),
    "rc_team_target": ("Objectif équipe", "Team target"),
    "rc_plan_share": ("Part des plans", "Share of the plans"),
    "rc_team_share": ("Part de l'équipe", "Team's share"),
    "rc_mix_gap": ("Écart de mix (points)", "Mix difference (points)"),
    "rc_total": ("Total", "Total"),
    "db_load": ("Charge de l'équipe : rendez-vous nécessaires par semaine contre ceux que chacun peut tenir",
                "Team load: meetings needed per week against those each salesperson can hold"),
    "db_load_person": ("Commercial", "Salesperson"),
    "db_load_capacity": ("RDV par semaine", "Meetings per week"),
    "db_load_need": ("Nécessaires", "Needed"),
    "db_load_pct": ("Charge", "Load"),
})
