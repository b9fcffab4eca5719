"""Texts of the sales team's commands and sections (pacxl split, report's allocation, check's
allocation-sum), merged into :data:`pacxl.messages.TEXTS`."""

TEXTS = {
    "cli.wrote_split": {"en": "Wrote {path}", "fr": "Écrit : {path}"},
    "report.alloc.section": {"en": "Allocation of the revenue target", "fr": "Répartition de l'objectif de CA"},
    "report.alloc.salesperson": {"en": "Salesperson", "fr": "Commercial"},
    "report.alloc.target": {"en": "Revenue target", "fr": "Objectif de CA"},
    "report.alloc.segment": {"en": "Segment", "fr": "Segment"},
    "report.alloc.allocated": {"en": "Allocated", "fr": "Réparti"},
    "report.alloc.none": {"en": "No allocation (Team sheet empty).", "fr": "Aucune répartition (feuille Équipe vide)."},
}

#: check's rule allocation-sum (pacxl.check_team), merged into pacxl.messages.CHECK.
CHECK = {
    "allocation-sum": {
        "en": ("Segment {segment}: the allocation of its target adds up to {total}, not 100%.",
               "Change the shares (or amounts) of this segment on the Team sheet so that they make 100 % "
               "of its target; pacxl split refuses the plan until they do."),
        "fr": ("Segment {segment} : la répartition de son objectif fait {total}, pas 100 %.",
               "Corrigez les parts (ou montants) de ce segment dans la feuille Équipe pour qu'elles fassent "
               "100 % de son objectif ; pacxl split refuse le plan d'ici là."),
    },
}
