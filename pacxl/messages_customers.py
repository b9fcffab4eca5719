"""The customers' sentences (report section, Report sheet labels), French and English: merged
into :mod:`pacxl.messages`' catalogues by :func:`merge`."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "report.cu.basis": {"en": "ABC classes ranked on {basis}", "fr": "Classes ABC calculées sur {basis}"},
    "report.cu.basis_revenue": {"en": "revenue", "fr": "le CA"},
    "report.cu.basis_margin": {"en": "gross margin", "fr": "la marge brute"},
    "report.cu.matrix": {"en": "Cross ABC: customers; revenue ({currency})",
                         "fr": "ABC croisé : clients ; CA ({currency})"},
    "report.cu.current": {"en": "Current class", "fr": "Classe actuelle"},
    "report.cu.potential": {"en": "Potential {cls}", "fr": "Potentiel {cls}"},
    "report.cu.retention": {"en": "Retention: revenue N-1 → revenue ({currency})",
                            "fr": "Fidélisation : CA N-1 → CA ({currency})"},
    "report.cu.figure": {"en": "Figure", "fr": "Chiffre"},
    "report.cu.value": {"en": "Value", "fr": "Valeur"},
    "report.cu.kept": {"en": "Customers kept", "fr": "Clients conservés"},
    "report.cu.lost": {"en": "Customers lost", "fr": "Clients perdus"},
    "report.cu.new": {"en": "New customers", "fr": "Nouveaux clients"},
    "report.cu.base": {"en": "Revenue N-1 of last year's customers", "fr": "CA N-1 des clients de N-1"},
    "report.cu.kept_revenue": {"en": "Revenue of the customers kept", "fr": "CA des clients conservés"},
    "report.cu.lost_revenue": {"en": "Revenue N-1 of the customers lost", "fr": "CA N-1 des clients perdus"},
    "report.cu.new_revenue": {"en": "Revenue of the new customers", "fr": "CA des nouveaux clients"},
    "report.cu.revenue_retention": {"en": "Revenue retention", "fr": "Rétention du CA"},
    "report.cu.churn_rate": {"en": "Churn rate (customers)", "fr": "Taux d'attrition (clients)"},
    "report.cu.coverage": {"en": "Coverage plan: meetings needed", "fr": "Plan de couverture : rendez-vous nécessaires"},
    "report.cu.class": {"en": "Class", "fr": "Classe"},
    "report.cu.customers": {"en": "Customers", "fr": "Clients"},
    "report.cu.visits": {"en": "Visits / customer / year", "fr": "Visites / client / an"},
    "report.cu.meetings": {"en": "Meetings / year", "fr": "Rendez-vous / an"},
    "report.cu.per_week": {"en": "Per working week", "fr": "Par semaine ouvrée"},
    "report.cu.total": {"en": "Coverage plan", "fr": "Plan de couverture"},
    "report.cu.funnel": {"en": "Funnel (2nd stage)", "fr": "Entonnoir (2e étape)"},
    "report.cu.all": {"en": "All meetings", "fr": "Total des rendez-vous"},
}

#: Labels of the report's ``customers`` keys on the macros' Report sheet: key -> (fr, en).
FIELDS: dict[str, tuple[str, str]] = {
    "customers": ("Clients", "Customers"), "basis": ("Base ABC", "ABC basis"),
    "basis_total": ("Total de la base ABC", "ABC basis total"),
    "potential_total": ("Potentiel total", "Total potential"),
    "potential_classes": ("Classes de potentiel", "Potential classes"),
    "matrix": ("ABC croisé", "Cross ABC"), "counts": ("Nombres", "Counts"),
    "retention": ("Fidélisation", "Retention"), "kept": ("Conservés", "Kept"), "new": ("Nouveaux", "New"),
    "base": ("CA N-1 des clients de N-1", "Revenue N-1 base"),
    "kept_revenue": ("CA des conservés", "Revenue kept"), "lost_revenue": ("CA N-1 des perdus", "Revenue lost"),
    "new_revenue": ("CA des nouveaux", "New revenue"), "revenue_retention": ("Rétention du CA", "Revenue retention"),
    "churn_rate": ("Taux d'attrition", "Churn rate"), "visits": ("Visites par an", "Visits a year"),
    "meetings": ("Rendez-vous", "Meetings"), "funnel_meetings": ("Rendez-vous de l'entonnoir", "Funnel meetings"),
    "all_meetings": ("Total des rendez-vous", "All meetings"),
    "meetings_per_week": ("Rendez-vous par semaine", "Meetings per week"),
    "funnel_meetings_per_week": ("Rendez-vous de l'entonnoir par semaine", "Funnel meetings per week"),
    "all_meetings_per_week": ("Total des rendez-vous par semaine", "All meetings per week"),
}


def merge(texts: dict, fields: dict) -> None:
    """Add this module's entries to the catalogues (keys already there are kept)."""
    for mine, theirs in ((TEXTS, texts), (FIELDS, fields)):
        for k, v in mine.items():
            theirs.setdefault(k, v)
