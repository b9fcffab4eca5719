"""The demo's pipeline: 30 deals of Aéraulis SAS as its CRM holds them at the end of October 2026.

Hand-written and deterministic: open deals at the proposal and first-meeting stages, most of them
expected to close in November and December, a few in 2027 (outside the plan year: in the
pipeline, not in its weighted value of the year), two still open after their expected close
date (``check``'s ``pipeline-past-close``), two at a "Négociation" stage the funnel does not name
(``pipeline-unknown-stage``), and the won and lost deals of the year kept with their status.
"""

from __future__ import annotations

import datetime as dt

from .calc.pipeline import STATUS_WORDS
from .demo import OWNERS
from .model import Deal
from .workbook.i18n import default_list

#: Stages by position in the funnel's default list (1: first meetings, 2: proposals), or a word.
R1, PROPOSAL = 1, 2
NEGOTIATION = ("Négociation", "Negotiation")
OPEN, WON, LOST = range(3)

# (deal fr, deal en), account, owner, stage, amount, probability (%), close (y, m, d),
# created (y, m, d), status
_DEALS = [
    (("Rénovation CTA usine de Vénissieux", "AHU retrofit, Vénissieux plant"), "Métallerie Rhodanienne", 0,
     PROPOSAL, 62_000, 60, (2026, 11, 20), (2026, 6, 12), OPEN),
    (("Contrat de maintenance 3 sites", "Maintenance contract, 3 sites"), "Groupe Agroval", 1,
     PROPOSAL, 48_500, 70, (2026, 11, 28), (2026, 7, 3), OPEN),
    (("Filtration salle blanche", "Clean-room filtration"), "Laboratoires Belledonne", 2,
     NEGOTIATION, 85_000, 80, (2026, 12, 10), (2026, 5, 18), OPEN),
    (("Qualité d'air EHPAD Les Tilleuls", "Air quality, Les Tilleuls care home"), "EHPAD Les Tilleuls", 2,
     PROPOSAL, 36_000, 50, (2026, 12, 15), (2026, 8, 22), OPEN),
    (("Audit énergétique siège", "Energy audit, head office"), "Mutuelle Alpine", 3,
     R1, 18_000, 20, (2026, 12, 18), (2026, 9, 30), OPEN),
    (("Ventilation groupe scolaire", "School ventilation"), "Ville de Meylan", 3,
     PROPOSAL, 120_000, 40, (2026, 12, 20), (2026, 4, 7), OPEN),
    (("Extension réseau de gaines atelier B", "Duct network extension, workshop B"), "Plasturgie du Dauphiné", 0,
     PROPOSAL, 41_000, 60, (2026, 11, 12), (2026, 7, 29), OPEN),
    (("Remplacement CTA bloc opératoire", "Operating-theatre AHU replacement"), "Clinique du Grésivaudan", 2,
     NEGOTIATION, 140_000, 75, (2026, 12, 4), (2026, 3, 16), OPEN),
    (("Contrat de maintenance bureaux", "Office maintenance contract"), "Cabinet Vercors Conseil", 4,
     R1, 12_000, 20, (2026, 12, 22), (2026, 10, 8), OPEN),
    (("Traitement d'air data center", "Data-centre air handling"), "Alpes Hébergement", 1,
     PROPOSAL, 95_000, 50, (2027, 1, 29), (2026, 9, 2), OPEN),
    (("Réhabilitation ventilation collège", "Secondary-school ventilation"), "Département de l'Isère", 3,
     R1, 210_000, 25, (2027, 3, 31), (2026, 10, 14), OPEN),
    (("Hottes de cuisine centrale", "Central kitchen hoods"), "Restauration Collective Alpine", 4,
     PROPOSAL, 27_500, 60, (2026, 11, 30), (2026, 8, 5), OPEN),
    (("Mesures de qualité d'air écoles", "Air-quality measurements, schools"), "Ville d'Échirolles", 3,
     PROPOSAL, 14_800, 70, (2026, 10, 15), (2026, 6, 1), OPEN),
    (("Désenfumage entrepôt", "Warehouse smoke extraction"), "Logistique Isère Savoie", 0,
     PROPOSAL, 58_000, 40, (2026, 9, 30), (2026, 4, 20), OPEN),
    (("Filtres HEPA laboratoire", "HEPA filters, laboratory"), "Laboratoires Belledonne", 2,
     R1, 9_600, 30, (2026, 12, 12), (2026, 10, 20), OPEN),
    (("Contrat multi-sites agences", "Multi-site branch contract"), "Banque Populaire des Alpes", 1,
     R1, 75_000, 20, (2027, 2, 26), (2026, 10, 1), OPEN),
    (("Ventilation parking souterrain", "Underground car-park ventilation"), "SCI Les Jardins d'Hiver", 0,
     PROPOSAL, 33_000, 50, (2026, 12, 8), (2026, 7, 15), OPEN),
    (("Rénovation CTA piscine", "Swimming-pool AHU retrofit"), "Communauté de communes du Trièves", 3,
     PROPOSAL, 88_000, 30, (2026, 10, 31), (2026, 5, 11), OPEN),
    (("Maintenance EHPAD du Drac", "Maintenance, Drac care home"), "EHPAD du Drac", 2,
     R1, 16_500, 25, (2026, 12, 19), (2026, 9, 25), OPEN),
    (("Récupération de chaleur atelier", "Workshop heat recovery"), "Fonderie de Voreppe", 0,
     PROPOSAL, 52_000, 55, (2026, 11, 25), (2026, 8, 30), OPEN),
    (("Climatisation salle serveurs", "Server-room cooling"), "Imprimerie du Rondeau", 4,
     R1, 22_000, 20, (2026, 12, 30), (2026, 10, 22), OPEN),
    (("Diagnostic ventilation mairie", "Town-hall ventilation survey"), "Mairie de Crolles", 3,
     PROPOSAL, 8_500, 80, (2026, 11, 6), (2026, 9, 9), OPEN),
    # won and lost deals of the year, kept with their status
    (("CTA ligne d'embouteillage", "Bottling-line AHU"), "Groupe Agroval", 1,
     PROPOSAL, 78_000, 100, (2026, 5, 29), (2026, 1, 12), WON),
    (("Qualité d'air clinique", "Clinic air quality"), "Clinique du Grésivaudan", 2,
     PROPOSAL, 44_000, 100, (2026, 7, 10), (2026, 2, 3), WON),
    (("Contrat de maintenance industriel", "Industrial maintenance contract"), "Plasturgie du Dauphiné", 0,
     PROPOSAL, 36_000, 100, (2026, 9, 18), (2026, 3, 27), WON),
    (("Ventilation gymnase", "Gymnasium ventilation"), "Ville de Meylan", 3,
     PROPOSAL, 67_000, 100, (2026, 10, 2), (2026, 4, 2), WON),
    (("Filtration atelier peinture", "Paint-shop filtration"), "Carrosserie Dauphinoise", 4,
     PROPOSAL, 29_000, 100, (2026, 6, 19), (2026, 2, 14), WON),
    (("Rénovation CTA hôtel", "Hotel AHU retrofit"), "Hôtel du Lac", 4,
     PROPOSAL, 54_000, 0, (2026, 6, 30), (2026, 2, 20), LOST),
    (("Appel d'offres hôpital", "Hospital tender"), "CHU Grenoble Alpes", 2,
     PROPOSAL, 190_000, 0, (2026, 8, 31), (2026, 1, 30), LOST),
    (("Maintenance centre commercial", "Shopping-centre maintenance"), "Centre Grand'Place", 1,
     R1, 31_000, 0, (2026, 9, 15), (2026, 5, 6), LOST),
]


def demo_pipeline(lang: str) -> list[Deal]:
    """The demo's 30 deals, in ``lang`` (deal names, stage and status words)."""
    stages = default_list("funnel_stages", lang)
    words = STATUS_WORDS[lang]
    i = 0 if lang == "fr" else 1
    out = []
    for names, account, owner, stage, amount, prob, close, created, status in _DEALS:
        out.append(Deal(deal=names[i], account=account, owner=OWNERS[owner],
                        stage=stage[i] if isinstance(stage, tuple) else stages[stage],
                        amount=float(amount), probability=prob / 100, close=dt.date(*close),
                        created=dt.date(*created), status=words[status]))
    return out
