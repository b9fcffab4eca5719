"""The workbook's words, French and English. Builders take every visible text from here.

``LISTS`` are the default drop-down lists of the Settings sheet; their order matters where the
contract gives positions a meaning (statuses: to do, in progress, done, postponed, cancelled;
KPI kinds: revenue, count, cost, rate).
"""

from __future__ import annotations

LISTS: dict[str, dict[str, list[str]]] = {
    "statuses": {
        "fr": ["À faire", "En cours", "Fait", "Reporté", "Annulé"],
        "en": ["To do", "In progress", "Done", "Postponed", "Cancelled"],
    },
    "categories": {
        "fr": ["Notoriété", "Image", "Prospection", "Conversion", "Vente", "Fidélisation"],
        "en": ["Awareness", "Image", "Prospecting", "Conversion", "Sales", "Loyalty"],
    },
    "levers": {
        "fr": ["Savoir-faire", "Savoir offrir", "Savoir vendre", "Savoir être"],
        "en": ["Know-how", "Offer", "Selling", "Being (image, values)"],
    },
    "budget_categories": {
        "fr": ["Salons et événements", "Publicité", "Digital", "Supports commerciaux",
               "Déplacements", "Outils", "Formation", "Divers"],
        "en": ["Trade fairs and events", "Advertising", "Digital", "Sales materials",
               "Travel", "Tools", "Training", "Other"],
    },
    "kpi_kinds": {
        "fr": ["CA", "Nombre", "Coût", "Taux"],
        "en": ["Revenue", "Count", "Cost", "Rate"],
    },
    "funnel_stages": {
        "fr": ["Contacts", "Premiers rendez-vous (R1)", "Propositions", "Signatures"],
        "en": ["Contacts", "First meetings", "Proposals", "Signed deals"],
    },
    "segments": {
        "fr": ["Segment A", "Segment B", "Segment C"],
        "en": ["Segment A", "Segment B", "Segment C"],
    },
}

#: Default conversion rates between the default funnel stages (top first).
DEFAULT_FUNNEL_RATES = [0.20, 0.50, 0.30]

#: KPI kind word (either language) -> calc kind (see pacxl.calc.variance.KPI_KINDS).
KIND_BY_WORD = {
    word.lower(): kind
    for lang in ("fr", "en")
    for word, kind in zip(LISTS["kpi_kinds"][lang], ("revenue", "count", "cost", "rate"))
}


def default_list(name: str, lang: str) -> list[str]:
    return list(LISTS[name][lang])
