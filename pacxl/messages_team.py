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
