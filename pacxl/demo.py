"""The demo plan: a completely filled PAC for a believable fictional French SMB (``pacxl demo``).

Aéraulis SAS (26 people near Lyon) sells, installs and maintains air-handling and filtration
equipment for factories, care homes and clinics, local authorities and offices. The plan is for
2026, tracked to the end of October (``tracking_month=10``): actions before then are mostly done,
KPIs have actuals for January to October.

:func:`demo_plan` is pure and deterministic: no file, no clock, and the generated bulk (customers,
monthly actuals) comes from seeded :class:`random.Random` instances, so two calls give equal plans
and the shipped demo template is reproducible. French and English plans hold the same figures;
only the texts differ. Every list value (statuses, action categories, levers, budget categories,
KPI kinds, funnel stages) is a word of :data:`pacxl.workbook.i18n.LISTS` in the plan's language.

The figures tie together:

* revenue target 4 200 000 EUR / average deal 35 000 EUR = 120 deals, the target of ``OBJ-02``
  and the year total of the "Signatures" KPI; the KPIs named after the funnel stages plan at
  least the volumes the funnel needs (conversion rates 25 %, 50 %, 35 %);
* each action's budget is the sum of its budget lines; the "commercial and marketing spend" KPI
  plans the budget's monthly totals and its actuals are the budget lines' monthly spend, whose
  sum to date is each line's ``actual``;
* the customers' amounts are last year's revenue: per segment they add up to the "achieved"
  column of the segment lines of the review (3 760 000 EUR in all).

Value proposition keys (``Swot.value_proposition``), the questions of the SWOT sheet:
``advantage`` (competitive advantage), ``differentiation`` (how we differ from competitors),
``singularity`` (what only we offer), ``why_us`` (why a customer picks us), ``pains`` (the
customers' problems we solve), ``promise`` (the promise made to customers) and ``proof`` (the
facts that back it).
"""

from __future__ import annotations

import datetime as dt
import math
import random

from .calc import revisions as revisions_rule
from .errors import InputError
from .model import (
    KPI,
    Action,
    Baseline,
    BaselineEntry,
    BudgetLine,
    Customer,
    KeyDate,
    Objective,
    Plan,
    Review,
    ReviewLine,
    Revision,
    Segment,
    Settings,
    Swot,
)
from .workbook.contract import LANGS
from .workbook.i18n import default_list

__all__ = ["demo_plan", "VALUE_PROPOSITION_KEYS", "YEAR", "TRACKING_MONTH"]

YEAR = 2026
TRACKING_MONTH = 10
REVENUE_TARGET = 4_200_000.0
AVERAGE_DEAL = 35_000.0
FUNNEL_RATES = [0.25, 0.50, 0.35]  # contacts -> R1 -> proposals -> signatures

#: Keys of ``Swot.value_proposition`` answered by the demo: every question of the SWOT sheet
#: (:data:`pacxl.workbook.i18n.VALUE_QUESTIONS`), in its order.
VALUE_PROPOSITION_KEYS = ("advantage", "differentiation", "singularity", "why_us", "pains",
                          "promise", "proof")

# Seeds of the generated bulk: change them and the demo template changes.
_CUSTOMER_SEED = 2026_04  # chosen so that the largest customers are industrial, as in the review
_ACTUALS_SEED = 2026_10

# Positions in the i18n LISTS (the same in both languages).
TO_DO, DOING, DONE, POSTPONED, CANCELLED = range(5)
NOTORIETE, IMAGE, PROSPECTION, CONVERSION, VENTE, FIDELISATION = range(6)
KNOW_HOW, OFFER, SELLING, BEING = range(4)
FAIRS, ADVERTISING, DIGITAL, MATERIALS, TRAVEL, TOOLS, TRAINING, OTHER = range(8)
K_REVENUE, K_COUNT, K_COST, K_RATE = range(4)

OWNERS = ["Claire Martin", "Julien Roux", "Sophie Lefèvre", "Karim Benali", "Élodie Garnier"]
CLAIRE, JULIEN, SOPHIE, KARIM, ELODIE = range(5)

# Segments: (fr, en) name, description, persona, share of the 2026 revenue, last year's objective
# and achieved revenue, number of customers.
INDUSTRY, HEALTH, PUBLIC, OFFICES = range(4)
_SEGMENTS = [
    (
        ("Industrie", "Industry"),
        ("Usines agroalimentaires, pharmaceutiques et de plasturgie de la région (50 à 500 salariés) "
         "dont les process exigent un air maîtrisé.",
         "Food, pharmaceutical and plastics plants of the region (50 to 500 staff) whose processes "
         "need controlled air."),
        ("Marc, 48 ans, responsable maintenance et travaux neufs : veut zéro arrêt de production, "
         "compare le coût global sur 10 ans, décide avec l'acheteur et le directeur de site.",
         "Marc, 48, maintenance and projects manager: wants no production stop, compares the "
         "10-year total cost, decides with the buyer and the plant manager."),
        0.40, 1_600_000, 1_655_000, 80,
    ),
    (
        ("Santé et médico-social", "Healthcare and care homes"),
        ("Cliniques, EHPAD, laboratoires et centres de soins : qualité de l'air intérieur "
         "réglementée, bâtiments occupés jour et nuit.",
         "Clinics, care homes, laboratories and care centres: indoor air quality is regulated, "
         "buildings are occupied day and night."),
        ("Nathalie, 52 ans, directrice d'EHPAD : budget serré, craint les épisodes infectieux et "
         "les plaintes des familles, veut un interlocuteur unique et des rapports pour l'ARS.",
         "Nathalie, 52, care home director: tight budget, fears infection outbreaks and complaints "
         "from families, wants one contact and reports for the health authority."),
        0.27, 1_000_000, 870_000, 60,
    ),
    (
        ("Collectivités", "Public sector"),
        ("Communes, intercommunalités, lycées et équipements sportifs : achats par marchés "
         "publics, forte attente sur les économies d'énergie.",
         "Towns, groups of towns, schools and sports facilities: purchases through public tenders, "
         "high expectations on energy savings."),
        ("Thierry, 45 ans, directeur des services techniques d'une commune de 15 000 habitants : "
         "prépare les budgets à l'automne, rédige des cahiers des charges, cherche des aides "
         "(CEE, fonds vert).",
         "Thierry, 45, technical director of a town of 15,000: prepares budgets in the autumn, "
         "writes specifications, looks for subsidies (energy savings certificates, green fund)."),
        0.20, 800_000, 765_000, 50,
    ),
    (
        ("Tertiaire", "Offices and retail"),
        ("Bureaux, hôtels, commerces et petits centres commerciaux soumis au décret tertiaire.",
         "Offices, hotels, shops and small shopping centres subject to the French energy-saving "
         "decree for commercial buildings."),
        ("Laure, 39 ans, gestionnaire immobilier multi-sites : veut des contrats simples, des "
         "interventions hors heures d'ouverture et un suivi des consommations.",
         "Laure, 39, multi-site property manager: wants simple contracts, work outside opening "
         "hours and energy consumption monitoring."),
        0.13, 500_000, 470_000, 45,
    ),
]


def _months_weights(weights: list[float]) -> list[float]:
    total = sum(weights)
    return [w / total for w in weights]


# Seasonality of revenue (installations peak in June and December, August closes).
_REVENUE_WEIGHTS = _months_weights([65, 75, 90, 85, 80, 95, 75, 40, 85, 90, 95, 125])
# Seasonality of sales activity (contacts, meetings, proposals, leads).
_ACTIVITY_WEIGHTS = _months_weights([95, 100, 105, 100, 95, 90, 65, 30, 105, 110, 100, 75])


def spread(total: int, weights: list[float]) -> list[int]:
    """Split the whole number ``total`` by ``weights`` into whole numbers that add up to it.

    Largest remainder method: each share is rounded down, then the units left go to the largest
    remainders (the earliest month first on a tie), so the result is deterministic.

    >>> spread(10, [1, 1, 1])
    [4, 3, 3]
    """
    wsum = float(sum(weights))
    raw = [total * w / wsum for w in weights]
    out = [math.floor(x) for x in raw]
    left = total - sum(out)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - out[i]), i))
    for i in order[:left]:
        out[i] += 1
    return out


# --- texts ---------------------------------------------------------------------------------------


def _pick(pair, lang: str):
    return pair[0] if lang == "fr" else pair[1]


_COMPANY = "Aéraulis SAS"

_REVIEW_PRODUCTS = [
    (("Centrales de traitement d'air (CTA)", "Air-handling units"), 1_500_000, 1_420_000,
     ("Deux projets reportés à 2026 par des clients industriels ; marge préservée.",
      "Two projects postponed to 2026 by industrial customers; margin preserved.")),
    (("Filtration et qualité de l'air", "Filtration and air quality"), 700_000, 760_000,
     ("Au-dessus de l'objectif grâce aux EHPAD et aux cliniques après l'hiver.",
      "Above target thanks to care homes and clinics after the winter.")),
    (("Contrats de maintenance", "Maintenance contracts"), 1_100_000, 1_130_000,
     ("Taux de renouvellement de 89 % ; 14 nouveaux contrats.",
      "89 % renewal rate; 14 new contracts.")),
    (("Travaux de rénovation énergétique", "Energy renovation works"), 600_000, 450_000,
     ("Offre mal connue, pas de commercial dédié ; cycles de vente longs.",
      "Little-known offer, no dedicated salesperson; long sales cycles.")),
]

_REVIEW_SEGMENT_COMMENTS = [
    ("Bonne année en agroalimentaire ; 3 clients font 40 % du segment.",
     "Good year in food processing; 3 customers make 40 % of the segment."),
    ("En retard : 4 appels d'offres perdus sur le prix, décisions lentes en EHPAD.",
     "Behind: 4 tenders lost on price, slow decisions in care homes."),
    ("Proche de l'objectif ; gros marché du lycée de Vienne gagné en juin.",
     "Close to target; large school contract in Vienne won in June."),
    ("Peu prospecté ; surtout des clients venus par le bouche-à-oreille.",
     "Little prospecting; mostly customers who came by word of mouth."),
]

_WORKED = [
    ("Le salon régional de l'industrie : 256 contacts, 19 affaires signées dans l'année.",
     "The regional industry fair: 256 contacts, 19 deals signed within the year."),
    ("Les visites bilan annuelles des clients sous contrat : 89 % de renouvellement.",
     "Yearly review visits to customers under contract: 89 % renewal."),
    ("Les études de cas publiées sur le site : 1 demande entrante sur 3 les cite.",
     "Case studies published on the website: 1 inbound request in 3 mentions them."),
    ("La prescription par deux bureaux d'études fluides partenaires.",
     "Recommendations from two partner building-services design offices."),
]

_DID_NOT_WORK = [
    ("Le mailing papier aux collectivités : 0,4 % de retour, aucune affaire.",
     "The paper mailing to local authorities: 0.4 % response, no deal."),
    ("Les relances de propositions, faites au cas par cas : trop de devis restés sans réponse.",
     "Proposal follow-ups done case by case: too many quotes left unanswered."),
    ("Les travaux de rénovation énergétique, vendus sans argumentaire ni références.",
     "Energy renovation works, sold with no pitch and no references."),
    ("Le suivi des contacts de salon, commencé trois semaines après l'événement.",
     "The follow-up of fair contacts, started three weeks after the event."),
]

_CONVERSION_NOTES = [
    ("Contacts → R1 : 22 % (2 480 contacts, 546 premiers rendez-vous).",
     "Contacts → first meetings: 22 % (2,480 contacts, 546 first meetings)."),
    ("R1 → proposition : 48 % ; proposition → signature : 30 % (82 affaires hors contrats).",
     "First meeting → proposal: 48 %; proposal → signature: 30 % (82 deals besides contracts)."),
    ("Coût par contact : salon 82 €, emailing 14 €, Google Ads 46 € ; coût d'acquisition "
     "d'un client : 1 850 €.",
     "Cost per contact: fair 82 EUR, emailing 14 EUR, Google Ads 46 EUR; cost to win a "
     "customer: 1,850 EUR."),
    ("Marge brute 2025 : 34 % (objectif 35 %) ; panier moyen des affaires signées : 33 600 €.",
     "2025 gross margin: 34 % (target 35 %); average signed deal: 33,600 EUR."),
]

_STRENGTHS = [
    ("Équipe technique certifiée (10 techniciens) et intervention sous 24 h dans la région.",
     "Certified technical team (10 technicians) and on-site within 24 h across the region."),
    ("Offre complète : conception, installation et maintenance par un seul interlocuteur.",
     "Complete offer: design, installation and maintenance from one contact."),
    ("Base de 420 contrats de maintenance : revenu récurrent et porte d'entrée pour les projets.",
     "420 maintenance contracts: recurring revenue and a way into new projects."),
    ("Références solides en agroalimentaire et en pharmacie.",
     "Strong references in food processing and pharmaceuticals."),
    ("Atelier de préfabrication qui réduit les délais de chantier.",
     "Prefabrication workshop that shortens installation times."),
]

_WEAKNESSES = [
    ("Notoriété faible hors de l'industrie, presque nulle auprès des collectivités.",
     "Little known outside industry, almost unknown to local authorities."),
    ("Pas de CRM avant 2026 : relances et prévisions tenues dans des tableurs.",
     "No CRM before 2026: follow-ups and forecasts kept in spreadsheets."),
    ("Dépendance à quelques grands comptes (3 clients = 20 % du CA).",
     "Dependence on a few key accounts (3 customers = 20 % of revenue)."),
    ("Site web daté, qui génère peu de demandes.",
     "Dated website that brings few requests."),
    ("Prix supérieurs de 5 à 10 % aux installateurs généralistes.",
     "Prices 5 to 10 % above generalist installers."),
]

_OPPORTUNITIES = [
    ("Décret tertiaire : les bâtiments de plus de 1 000 m² doivent réduire leur consommation "
     "d'énergie de 40 % d'ici 2030.",
     "The French decree on commercial buildings: those over 1,000 m² must cut their energy use "
     "by 40 % by 2030."),
    ("Surveillance de la qualité de l'air intérieur obligatoire dans les établissements recevant "
     "des publics sensibles.",
     "Indoor air quality monitoring required in buildings that receive vulnerable people."),
    ("Aides à la rénovation (certificats d'économies d'énergie, fonds vert) qui raccourcissent le "
     "retour sur investissement.",
     "Renovation subsidies (energy savings certificates, green fund) that shorten the payback."),
    ("Départ à la retraite de deux concurrents locaux : leurs clients cherchent un repreneur.",
     "Two local competitors retiring: their customers are looking for a new provider."),
    ("Relocalisation d'usines pharmaceutiques dans la région.",
     "Pharmaceutical plants moving back to the region."),
]

_THREATS = [
    ("Les grands groupes de services énergétiques proposent des contrats globaux à prix bas.",
     "Large energy service groups offer all-in contracts at low prices."),
    ("Hausse du prix des équipements et des délais de livraison des moteurs.",
     "Rising equipment prices and longer delivery times for motors."),
    ("Budgets d'investissement des collectivités sous tension.",
     "Local authorities' investment budgets under pressure."),
    ("Pénurie de techniciens qualifiés : risque de ne pas pouvoir livrer la croissance.",
     "Shortage of qualified technicians: a risk of not being able to deliver the growth."),
]

_ENVIRONMENT = [
    ("Prix de l'énergie durablement élevés : les clients achètent des économies mesurables.",
     "Energy prices lastingly high: customers buy measurable savings."),
    ("Réglementation environnementale plus exigeante sur les fluides frigorigènes.",
     "Stricter environmental rules on refrigerants."),
    ("Après la crise sanitaire, la qualité de l'air est devenue un sujet de direction.",
     "Since the pandemic, air quality has become a board-level topic."),
    ("Taux d'intérêt plus élevés : arbitrages entre investissement et contrat de service.",
     "Higher interest rates: trade-offs between buying and service contracts."),
    ("Marché régional en croissance modérée (environ 3 % par an).",
     "Regional market growing moderately (about 3 % a year)."),
]

_VALUE_PROPOSITION = {
    "advantage": (
        "Intervention garantie sous 24 h dans toute la région lyonnaise, grâce à 10 techniciens "
        "certifiés et à notre atelier de préfabrication.",
        "Guaranteed on-site response within 24 h across the Lyon region, thanks to 10 certified "
        "technicians and our prefabrication workshop."),
    "differentiation": (
        "Là où les installateurs généralistes vendent du matériel, une même équipe conçoit, "
        "installe et entretient, et connaît chaque installation.",
        "Where generalist installers sell equipment, one team designs, installs and maintains, "
        "and knows every installation."),
    "singularity": (
        "Les seuls de la région à garantir par contrat un résultat mesuré (qualité d'air, kWh "
        "économisés), capteurs et rapport mensuel inclus.",
        "The only ones in the region to guarantee a measured result by contract (air quality, "
        "kWh saved), sensors and monthly report included."),
    "why_us": (
        "Parce que nos techniciens connaissent vos installations, que nous tenons nos délais et "
        "que nos clients industriels restent en moyenne 9 ans.",
        "Because our technicians know your installations, we keep our deadlines and our "
        "industrial customers stay 9 years on average."),
    "pains": (
        "Arrêts de production dus à la ventilation, plaintes sur la qualité de l'air, factures "
        "d'énergie, obligations réglementaires difficiles à suivre.",
        "Production stops caused by ventilation, complaints about air quality, energy bills, "
        "regulations that are hard to keep up with."),
    "promise": (
        "Un air sain et maîtrisé, 20 % d'énergie en moins sur la ventilation, zéro arrêt imprévu.",
        "Healthy, controlled air, 20 % less energy on ventilation, no unplanned stop."),
    "proof": (
        "420 contrats actifs, 96 % de clients satisfaits (enquête 2025), 12 études de cas "
        "chiffrées, certifications professionnelles à jour.",
        "420 active contracts, 96 % satisfied customers (2025 survey), 12 case studies with "
        "figures, up-to-date professional certifications."),
}

# Objectives: id, (fr, en) text, (fr, en) KPI, target, (fr, en) unit, (fr, en) means (achievable),
# (fr, en) why (relevant), deadline (month, day), owner, status.
_OBJECTIVES = [
    ("OBJ-01",
     ("Atteindre 4,2 M€ de chiffre d'affaires en 2026 (+11,7 % sur 2025)",
      "Reach 4.2 M EUR revenue in 2026 (+11.7 % on 2025)"),
     ("Chiffre d'affaires facturé", "Invoiced revenue"), REVENUE_TARGET, ("€", "EUR"),
     ("5 commerciaux, 32 actions, un budget commercial et marketing suivi chaque mois.",
      "5 salespeople, 32 actions, a sales and marketing budget tracked every month."),
     ("Financer deux techniciens de plus et l'extension de l'atelier.",
      "Fund two more technicians and the workshop extension."),
     (12, 31), CLAIRE, DOING),
    ("OBJ-02",
     ("Signer 120 affaires (équipements, travaux et contrats) dans l'année",
      "Sign 120 deals (equipment, works and contracts) in the year"),
     ("Signatures", "Signed deals"), 120.0, ("affaires", "deals"),
     ("Entonnoir : 2 744 contacts, 686 R1, 343 propositions ; prospection chaque semaine.",
      "Funnel: 2,744 contacts, 686 first meetings, 343 proposals; prospecting every week."),
     ("120 affaires à 35 000 € en moyenne font l'objectif de chiffre d'affaires.",
      "120 deals of 35,000 EUR on average make the revenue target."),
     (12, 31), JULIEN, DOING),
    ("OBJ-03",
     ("Gagner 30 nouveaux clients dans la santé et le médico-social",
      "Win 30 new customers in healthcare and care homes"),
     ("Nouveaux clients Santé", "New healthcare customers"), 30.0, ("clients", "customers"),
     ("Une commerciale dédiée, webinaire, emailing, visites de 25 EHPAD.",
      "A dedicated saleswoman, webinar, emailing, visits to 25 care homes."),
     ("Segment en retard en 2025 et porté par la réglementation sur la qualité de l'air.",
      "Segment behind in 2025 and driven by indoor air quality rules."),
     (12, 31), SOPHIE, DOING),
    ("OBJ-04",
     ("Porter le taux de signature des propositions de 30 % à 35 %",
      "Raise the proposal signature rate from 30 % to 35 %"),
     ("Taux de signature des propositions", "Proposal signature rate"), 0.35, ("%", "%"),
     ("CRM avec relances automatiques, formation au closing, coaching terrain mensuel.",
      "CRM with automatic follow-ups, closing training, monthly field coaching."),
     ("Chaque point de transformation gagné évite 15 propositions à rédiger.",
      "Each point of conversion gained saves writing 15 proposals."),
     (12, 31), CLAIRE, DOING),
    ("OBJ-05",
     ("Renouveler au moins 92 % des contrats de maintenance arrivant à échéance",
      "Renew at least 92 % of the maintenance contracts that expire"),
     ("Taux de renouvellement des contrats", "Contract renewal rate"), 0.92, ("%", "%"),
     ("Visite bilan avant chaque échéance, enquête de satisfaction, petit-déjeuner clients.",
      "Review visit before each expiry, satisfaction survey, customer breakfast."),
     ("Les contrats font 30 % du CA et l'essentiel de la marge.",
      "Contracts make 30 % of revenue and most of the margin."),
     (12, 31), KARIM, DOING),
    ("OBJ-06",
     ("Générer 480 demandes entrantes qualifiées par le site et les réseaux",
      "Generate 480 qualified inbound requests from the website and social media"),
     ("Demandes entrantes qualifiées", "Qualified inbound requests"), 480.0,
     ("demandes", "requests"),
     ("Nouveau site, Google Ads et LinkedIn Ads, un cas client par mois, vidéos produits.",
      "New website, Google Ads and LinkedIn Ads, one case study a month, product videos."),
     ("Les demandes entrantes coûtent trois fois moins cher que la prospection au téléphone.",
      "Inbound requests cost a third of phone prospecting."),
     (12, 31), ELODIE, DOING),
    ("OBJ-07",
     ("Tenir les dépenses commerciales et marketing dans le budget de l'année ({budget} €)",
      "Keep sales and marketing spend within the year's budget ({budget} EUR)"),
     ("Dépenses commerciales et marketing", "Sales and marketing spend"), None, ("€", "EUR"),
     ("Revue mensuelle du coût par canal, budget déplacé vers les canaux rentables.",
      "Monthly review of the cost per channel, budget moved to the profitable channels."),
     ("Coût d'acquisition d'un client de 1 850 € en 2025 : la croissance ne doit pas dégrader "
      "la marge.",
      "It cost 1,850 EUR to win a customer in 2025: growth must not erode the margin."),
     (12, 31), CLAIRE, DOING),
    ("OBJ-08",
     ("Signer 15 contrats de performance énergétique d'ici fin septembre",
      "Sign 15 energy performance contracts by the end of September"),
     ("Contrats de performance énergétique signés", "Energy performance contracts signed"),
     15.0, ("contrats", "contracts"),
     ("Nouvelle offre lancée en février, 40 audits énergétiques offerts.",
      "New offer launched in February, 40 free energy audits."),
     ("Nouvelle source de revenu récurrent portée par le décret tertiaire.",
      "New recurring revenue driven by the energy-saving decree."),
     (9, 30), KARIM, DONE),
]


def _b(category: int, label: tuple[str, str], months: dict[int, int]):
    return (category, label, months)


# Actions: objective, (fr, en) action, category, lever, segment, owner, start (m, d), end (m, d),
# status, (fr, en) KPI, budget lines [(budget category, (fr, en) label, {month: amount})].
# A line's actual spend to date is computed from its plan (see _budget); a few override it.
_ACTIONS = [
    ("OBJ-02", ("Prospection téléphonique continue sur fichier qualifié (15 appels par jour)",
                "Continuous phone prospecting from a qualified list (15 calls a day)"),
     PROSPECTION, SELLING, INDUSTRY, JULIEN, (1, 5), (12, 18), DOING,
     ("Contacts qualifiés par mois", "Qualified contacts a month"),
     [_b(TOOLS, ("Fichier de prospects et outil d'appel", "Prospect list and calling tool"),
         {m: 400 for m in range(1, 13)})]),
    ("OBJ-01", ("Salon Industrie & Maintenance de Lyon : stand de 18 m² et démonstrations",
                "Lyon Industry & Maintenance fair: 18 m² stand and demonstrations"),
     NOTORIETE, KNOW_HOW, INDUSTRY, CLAIRE, (3, 17), (3, 19), DONE,
     ("Contacts collectés (objectif 250)", "Contacts collected (target 250)"),
     [_b(FAIRS, ("Stand, aménagement et badges", "Stand, fittings and badges"),
         {1: 6_000, 2: 6_000, 3: 8_000}),
      _b(TRAVEL, ("Hôtel et repas de l'équipe du salon", "Hotel and meals of the fair team"),
         {3: 4_000})]),
    ("OBJ-02", ("Relance de tous les contacts du salon sous 10 jours",
                "Follow up every fair contact within 10 days"),
     CONVERSION, SELLING, INDUSTRY, JULIEN, (3, 20), (4, 30), DONE,
     ("R1 obtenus sur contacts du salon", "First meetings from fair contacts"),
     [_b(TRAVEL, ("Déplacements des rendez-vous", "Travel to meetings"), {3: 400, 4: 800})]),
    ("OBJ-03", ("Emailing ciblé aux directeurs d'EHPAD et de cliniques (4 vagues)",
                "Targeted emailing to care home and clinic directors (4 waves)"),
     PROSPECTION, OFFER, HEALTH, ELODIE, (2, 2), (5, 29), DONE,
     ("Taux de clic et demandes de rendez-vous", "Click rate and meeting requests"),
     [_b(DIGITAL, ("Fichier santé et plateforme d'emailing", "Healthcare list and emailing platform"),
         {2: 900, 3: 900, 4: 900, 5: 900})]),
    ("OBJ-03", ("Webinaire « Qualité de l'air et prévention des infections en établissement de santé »",
                "Webinar \"Air quality and infection prevention in care facilities\""),
     IMAGE, KNOW_HOW, HEALTH, SOPHIE, (4, 14), (4, 14), DONE,
     ("Inscrits et rendez-vous pris", "Registrations and meetings booked"),
     [_b(DIGITAL, ("Plateforme de webinaire et promotion", "Webinar platform and promotion"),
         {3: 1_000, 4: 1_500})]),
    ("OBJ-03", ("Congrès régional des établissements de santé : stand partagé",
                "Regional healthcare facilities congress: shared stand"),
     NOTORIETE, BEING, HEALTH, SOPHIE, (6, 9), (6, 10), DONE,
     ("Contacts de directeurs d'établissement", "Contacts with facility directors"),
     [_b(FAIRS, ("Stand partagé et inscription", "Shared stand and registration"),
         {4: 4_000, 6: 5_500})]),
    ("OBJ-05", ("Campagne de renouvellement des contrats : visite bilan et proposition 2027",
                "Contract renewal campaign: review visit and 2027 proposal"),
     FIDELISATION, OFFER, INDUSTRY, KARIM, (9, 1), (11, 30), DOING,
     ("Contrats renouvelés / contrats échus", "Contracts renewed / contracts expiring"),
     [_b(TRAVEL, ("Déplacements des visites bilan", "Travel for review visits"),
         {9: 1_000, 10: 1_000, 11: 1_000})]),
    ("OBJ-04", ("Formation de l'équipe commerciale à la négociation et au closing (2 jours)",
                "Sales team training in negotiation and closing (2 days)"),
     CONVERSION, SELLING, INDUSTRY, CLAIRE, (2, 10), (2, 11), DONE,
     ("Taux de signature des propositions", "Proposal signature rate"),
     [_b(TRAINING, ("Organisme de formation", "Training provider"), {2: 6_400})]),
    ("OBJ-06", ("Refonte du site web : pages par segment, demande de devis, études de cas",
                "Website redesign: pages per segment, quote request, case studies"),
     IMAGE, BEING, OFFICES, ELODIE, (1, 12), (4, 30), DOING,
     ("Demandes de devis en ligne", "Online quote requests"),
     [_b(DIGITAL, ("Agence web", "Web agency"), {1: 4_200, 3: 4_200, 5: 5_600})]),
    ("OBJ-06", ("Campagnes Google Ads et LinkedIn Ads (traitement d'air, maintenance CVC)",
                "Google Ads and LinkedIn Ads campaigns (air handling, HVAC maintenance)"),
     PROSPECTION, OFFER, OFFICES, ELODIE, (3, 1), (11, 30), DOING,
     ("Coût par demande entrante", "Cost per inbound request"),
     [_b(ADVERTISING, ("Google Ads", "Google Ads"), {m: 1_200 for m in range(3, 12)}),
      _b(ADVERTISING, ("LinkedIn Ads", "LinkedIn Ads"), {m: 800 for m in range(3, 12)})]),
    ("OBJ-06", ("Un cas client publié par mois et une newsletter trimestrielle",
                "One case study a month and a quarterly newsletter"),
     NOTORIETE, KNOW_HOW, INDUSTRY, ELODIE, (1, 15), (12, 15), DOING,
     ("Visites des pages cas clients", "Case study page views"),
     [_b(DIGITAL, ("Rédaction et photos", "Writing and photos"), {m: 400 for m in range(1, 13)})]),
    ("OBJ-08", ("Lancement de l'offre « Contrat de performance énergétique » : fiche, argumentaire, simulateur",
                "Launch of the energy performance contract offer: leaflet, pitch, simulator"),
     VENTE, OFFER, INDUSTRY, KARIM, (1, 5), (2, 27), DONE,
     ("Offre prête à vendre fin février", "Offer ready to sell by end of February"),
     [_b(MATERIALS, ("Fiche produit et simulateur d'économies", "Product sheet and savings simulator"),
         {1: 2_500, 2: 3_000})]),
    ("OBJ-08", ("40 audits énergétiques offerts aux clients sous contrat",
                "40 free energy audits for customers under contract"),
     CONVERSION, OFFER, INDUSTRY, KARIM, (3, 2), (6, 30), DONE,
     ("Audits transformés en contrats", "Audits turned into contracts"),
     [_b(OTHER, ("Temps technicien et matériel de mesure", "Technician time and measuring kit"),
         {3: 2_000, 4: 2_000, 5: 2_000, 6: 2_000})]),
    ("OBJ-01", ("Plan grands comptes : revue trimestrielle avec les 20 clients A",
                "Key account plan: quarterly review with the 20 A customers"),
     FIDELISATION, BEING, INDUSTRY, CLAIRE, (1, 19), (12, 11), DOING,
     ("CA des clients A", "Revenue of A customers"),
     [_b(TRAVEL, ("Déplacements et repas clients", "Travel and customer meals"),
         {1: 1_500, 4: 1_500, 7: 1_500, 10: 1_500})]),
    ("OBJ-03", ("Veille et réponse aux appels d'offres santé avec un mémoire technique type",
                "Watch and answer healthcare tenders with a standard technical brief"),
     VENTE, SELLING, HEALTH, SOPHIE, (1, 5), (12, 18), DOING,
     ("Appels d'offres gagnés / remis", "Tenders won / submitted"),
     [_b(TOOLS, ("Plateforme de veille des marchés", "Tender watch platform"), {1: 2_400})]),
    ("OBJ-02", ("Tournée des services techniques de 30 communes",
                "Visit the technical departments of 30 towns"),
     PROSPECTION, BEING, PUBLIC, SOPHIE, (5, 4), (7, 10), DONE,
     ("Communes rencontrées", "Towns met"),
     [_b(TRAVEL, ("Déplacements de la tournée", "Travel for the visits"),
         {5: 1_000, 6: 1_000, 7: 800})]),
    ("OBJ-02", ("Salon des achats publics : stand collectivités",
                "Public procurement fair: local authorities stand"),
     NOTORIETE, KNOW_HOW, PUBLIC, SOPHIE, (10, 6), (10, 7), DONE,
     ("Contacts d'acheteurs publics", "Public buyer contacts"),
     [_b(FAIRS, ("Stand et inscription", "Stand and registration"), {7: 4_000, 10: 7_000})]),
    ("OBJ-04", ("Mise en place du CRM : pipeline, relances automatiques, tableau de bord",
                "CRM set-up: pipeline, automatic follow-ups, dashboard"),
     CONVERSION, SELLING, INDUSTRY, CLAIRE, (1, 5), (3, 31), DONE,
     ("Propositions suivies dans le CRM", "Proposals tracked in the CRM"),
     [_b(TOOLS, ("Paramétrage du CRM", "CRM set-up"), {1: 1_800, 2: 1_800}),
      _b(TOOLS, ("Abonnement CRM (5 licences)", "CRM subscription (5 seats)"),
         {m: 500 for m in range(1, 13)})]),
    ("OBJ-05", ("Enquête de satisfaction annuelle et appel de chaque client insatisfait",
                "Yearly satisfaction survey and a call to every dissatisfied customer"),
     FIDELISATION, BEING, HEALTH, KARIM, (6, 1), (7, 17), DONE,
     ("Taux de satisfaction", "Satisfaction rate"),
     [_b(OTHER, ("Outil d'enquête et cadeaux de remerciement", "Survey tool and thank-you gifts"),
         {6: 1_800})]),
    ("OBJ-01", ("Journée portes ouvertes de l'atelier et démonstration des nouvelles CTA",
                "Workshop open day and demonstration of the new air-handling units"),
     IMAGE, KNOW_HOW, INDUSTRY, JULIEN, (5, 20), (5, 20), DONE,
     ("Visiteurs et devis demandés", "Visitors and quotes requested"),
     [_b(FAIRS, ("Traiteur, signalétique, invitations", "Catering, signs, invitations"),
         {4: 1_200, 5: 4_000})]),
    ("OBJ-02", ("Programme de parrainage : 5 % de remise sur le contrat du parrain",
                "Referral programme: 5 % off the referrer's contract"),
     FIDELISATION, OFFER, OFFICES, KARIM, (4, 1), (12, 31), DOING,
     ("Clients gagnés par parrainage", "Customers won by referral"),
     [_b(OTHER, ("Remises de parrainage", "Referral discounts"), {m: 390 for m in range(4, 13)})]),
    ("OBJ-02", ("Prospection terrain bureaux et commerces : 2 demi-journées par semaine",
                "Field prospecting of offices and shops: 2 half-days a week"),
     PROSPECTION, SELLING, OFFICES, JULIEN, (9, 1), (12, 18), DOING,
     ("Visites et R1 obtenus", "Visits and first meetings"),
     [_b(TRAVEL, ("Frais kilométriques", "Mileage"), {9: 650, 10: 650, 11: 650, 12: 650})]),
    ("OBJ-03", ("Partenariat de prescription avec un bureau d'études spécialisé santé",
                "Referral partnership with a healthcare design office"),
     PROSPECTION, BEING, HEALTH, CLAIRE, (7, 1), (9, 30), POSTPONED,
     ("Affaires apportées par le partenaire", "Deals brought by the partner"),
     [_b(TRAVEL, ("Rencontres et déjeuners de travail", "Meetings and working lunches"),
         {7: 500, 8: 500, 9: 500})]),
    ("OBJ-01", ("Offre d'hiver : remplacement des filtres avant la saison de chauffe",
                "Winter offer: filter replacement before the heating season"),
     VENTE, OFFER, OFFICES, ELODIE, (11, 2), (12, 11), TO_DO,
     ("Commandes de filtres", "Filter orders"),
     [_b(ADVERTISING, ("Publicité et emailing de l'offre", "Advertising and emailing of the offer"),
         {10: 1_500, 11: 3_000})]),
    ("OBJ-05", ("Petit-déjeuner clients « Réglementation qualité de l'air 2027 »",
                "Customer breakfast \"Air quality rules in 2027\""),
     FIDELISATION, KNOW_HOW, PUBLIC, KARIM, (11, 19), (11, 19), TO_DO,
     ("Participants et contrats renouvelés", "Attendees and contracts renewed"),
     [_b(FAIRS, ("Salle, traiteur et invitations", "Room, catering and invitations"), {11: 2_200})]),
    ("OBJ-07", ("Revue mensuelle du coût d'acquisition par canal et réallocation du budget",
                "Monthly review of acquisition cost per channel and budget reallocation"),
     CONVERSION, SELLING, OFFICES, CLAIRE, (1, 30), (12, 18), DOING,
     ("Coût d'acquisition client", "Customer acquisition cost"),
     [_b(TOOLS, ("Outil de reporting", "Reporting tool"), {m: 100 for m in range(1, 13)})]),
    ("OBJ-06", ("Trois vidéos de démonstration produits pour le site et les réseaux",
                "Three product demonstration videos for the website and social media"),
     IMAGE, KNOW_HOW, INDUSTRY, ELODIE, (9, 14), (12, 4), DOING,
     ("Vues et demandes générées", "Views and requests generated"),
     [_b(MATERIALS, ("Production vidéo", "Video production"), {10: 3_000, 12: 4_500})]),
    ("OBJ-04", ("Coaching terrain des commerciaux en rendez-vous (1 jour par mois chacun)",
                "Field coaching of salespeople in meetings (1 day a month each)"),
     CONVERSION, SELLING, HEALTH, CLAIRE, (1, 12), (12, 18), DOING,
     ("Taux de signature par commercial", "Signature rate per salesperson"),
     [_b(TRAVEL, ("Déplacements de coaching", "Coaching travel"), {m: 250 for m in range(1, 13)})]),
    ("OBJ-02", ("Envoi du catalogue 2027 aux prospects tièdes des collectivités",
                "Send the 2027 catalogue to warm public-sector prospects"),
     PROSPECTION, OFFER, PUBLIC, ELODIE, (12, 1), (12, 18), TO_DO,
     ("R1 obtenus après l'envoi", "First meetings after the mailing"),
     [_b(MATERIALS, ("Impression et envoi du catalogue", "Catalogue printing and mailing"),
         {11: 1_800, 12: 2_000})]),
    ("OBJ-01", ("Séminaire de bilan annuel et préparation du PAC 2027",
                "Yearly review seminar and preparation of the 2027 plan"),
     VENTE, BEING, INDUSTRY, CLAIRE, (12, 14), (12, 15), TO_DO,
     ("PAC 2027 validé", "2027 plan approved"),
     [_b(TRAINING, ("Salle et animation du séminaire", "Venue and facilitation"), {12: 3_500})]),
    ("OBJ-03", ("Salon Santé & Autonomie à Paris (annulé : coût par contact trop élevé)",
                "Health & Autonomy fair in Paris (cancelled: cost per contact too high)"),
     NOTORIETE, KNOW_HOW, HEALTH, SOPHIE, (5, 19), (5, 21), CANCELLED,
     ("Contacts collectés", "Contacts collected"),
     [_b(FAIRS, ("Stand (acompte non remboursé)", "Stand (deposit not refunded)"),
         {2: 4_800, 5: 7_200})]),
    ("OBJ-03", ("Visites de découverte de 25 EHPAD avec diagnostic de la qualité de l'air",
                "Discovery visits to 25 care homes with an air quality check"),
     PROSPECTION, KNOW_HOW, HEALTH, SOPHIE, (9, 7), (12, 11), DOING,
     ("EHPAD visités et propositions", "Care homes visited and proposals"),
     [_b(TRAVEL, ("Déplacements et capteurs prêtés", "Travel and loaned sensors"),
         {9: 550, 10: 550, 11: 550, 12: 550})]),
]

#: Actual spend to date that does not follow the plan (action cancelled or postponed).
_ACTUAL_OVERRIDES = {
    ("ACT-31", 0): {2: 1_500},  # deposit lost, nothing else spent
    ("ACT-23", 0): {},  # postponed: nothing spent
}

_KEY_DATES = [
    ((1, 15), ("Séminaire de lancement commercial", "Sales kick-off")),
    ((3, 17), ("Salon Industrie & Maintenance, Lyon (17-19 mars)",
               "Industry & Maintenance fair, Lyon (17-19 March)")),
    ((4, 1), ("Début de la saison de maintenance préventive avant l'été",
              "Preventive maintenance season starts before the summer")),
    ((4, 14), ("Webinaire qualité de l'air en santé", "Healthcare air quality webinar")),
    ((5, 20), ("Journée portes ouvertes de l'atelier", "Workshop open day")),
    ((6, 9), ("Congrès régional des établissements de santé (9-10 juin)",
              "Regional healthcare facilities congress (9-10 June)")),
    ((8, 3), ("Fermeture estivale (3-21 août)", "Summer closure (3-21 August)")),
    ((9, 1), ("Rentrée : campagne de renouvellement des contrats",
              "Back to work: contract renewal campaign")),
    ((9, 15), ("Préparation des budgets des collectivités pour 2027",
               "Local authorities prepare their 2027 budgets")),
    ((10, 6), ("Salon des achats publics (6-7 octobre)", "Public procurement fair (6-7 October)")),
    ((10, 15), ("Début de la saison de chauffe", "Heating season starts")),
    ((11, 19), ("Petit-déjeuner clients réglementation", "Customer breakfast on regulations")),
    ((12, 14), ("Séminaire bilan et PAC 2027", "Review seminar and 2027 plan")),
]

# --- builders --------------------------------------------------------------------------------


def _date(md: tuple[int, int]) -> dt.date:
    return dt.date(YEAR, md[0], md[1])


def _settings(lang: str) -> Settings:
    return Settings(
        company=_COMPANY,
        year=YEAR,
        currency="EUR",
        first_month=1,
        tracking_month=TRACKING_MONTH,
        lang=lang,
        owners=list(OWNERS),
        segments=[_pick(s[0], lang) for s in _SEGMENTS],
        categories=default_list("categories", lang),
        levers=default_list("levers", lang),
        statuses=default_list("statuses", lang),
        budget_categories=default_list("budget_categories", lang),
        funnel_stages=default_list("funnel_stages", lang),
        funnel_rates=list(FUNNEL_RATES),
        # sales cycle: a contact comes 3 months before its signature, a first meeting 2, a proposal 1
        funnel_lags=[3, 2, 1, 0],
        abc_a=0.80,
        abc_b=0.95,
        # the coverage plan: a visit a month to A customers, a quarter to B, a year to C
        coverage_visits=[12, 4, 1],
        revenue_target=REVENUE_TARGET,
        average_deal=AVERAGE_DEAL,
        deals_target=None,  # computed: 4 200 000 / 35 000 = 120, the target of OBJ-02
    )


def _review(lang: str) -> Review:
    seg_kind, prod_kind = ("segment", "produit") if lang == "fr" else ("segment", "product")
    lines = [
        ReviewLine(_pick(s[0], lang), seg_kind, float(s[4]), float(s[5]), _pick(c, lang))
        for s, c in zip(_SEGMENTS, _REVIEW_SEGMENT_COMMENTS)
    ]
    lines += [
        ReviewLine(_pick(label, lang), prod_kind, float(obj), float(ach), _pick(c, lang))
        for label, obj, ach, c in _REVIEW_PRODUCTS
    ]
    # last year's revenue month by month: the seasonality profile follows it (Settings)
    n1_total = int(sum(float(x[5]) for x in _SEGMENTS) / 1_000)
    monthly = [float(x * 1_000) for x in spread(n1_total, _REVENUE_WEIGHTS)]
    return Review(
        monthly_revenue=monthly,
        lines=lines,
        worked=[_pick(x, lang) for x in _WORKED],
        did_not_work=[_pick(x, lang) for x in _DID_NOT_WORK],
        conversion_notes=[_pick(x, lang) for x in _CONVERSION_NOTES],
    )


def _swot(lang: str) -> Swot:
    return Swot(
        strengths=[_pick(x, lang) for x in _STRENGTHS],
        weaknesses=[_pick(x, lang) for x in _WEAKNESSES],
        opportunities=[_pick(x, lang) for x in _OPPORTUNITIES],
        threats=[_pick(x, lang) for x in _THREATS],
        environment=[_pick(x, lang) for x in _ENVIRONMENT],
        value_proposition={k: _pick(_VALUE_PROPOSITION[k], lang) for k in VALUE_PROPOSITION_KEYS},
    )


def _segments(lang: str) -> list[Segment]:
    return [Segment(_pick(s[0], lang), _pick(s[1], lang), _pick(s[2], lang), s[3]) for s in _SEGMENTS]


def _objectives(lang: str, budget_total: float) -> list[Objective]:
    """The objectives; the one with no target in the table (the spend) targets ``budget_total``."""
    statuses = default_list("statuses", lang)
    sep = " " if lang == "fr" else ","
    budget = f"{budget_total:,.0f}".replace(",", sep)
    return [
        Objective(
            id=oid, objective=_pick(text, lang).format(budget=budget), kpi=_pick(kpi, lang),
            target=float(budget_total if target is None else target),
            unit=_pick(unit, lang), achievable=_pick(means, lang), relevant=_pick(why, lang),
            deadline=_date(deadline), owner=OWNERS[owner], status=statuses[status],
        )
        for oid, text, kpi, target, unit, means, why, deadline, owner, status in _OBJECTIVES
    ]


def _actions(lang: str) -> list[Action]:
    cats, levers = default_list("categories", lang), default_list("levers", lang)
    statuses = default_list("statuses", lang)
    out = []
    for i, (oid, text, cat, lever, seg, owner, start, end, status, kpi, lines) in enumerate(_ACTIONS, 1):
        out.append(Action(
            id=f"ACT-{i:02d}", objective_id=oid, action=_pick(text, lang), category=cats[cat],
            lever=levers[lever], segment=_pick(_SEGMENTS[seg][0], lang), owner=OWNERS[owner],
            start=_date(start), end=_date(end),
            budget=float(sum(sum(months.values()) for _c, _l, months in lines)),
            kpi=_pick(kpi, lang), status=statuses[status],
        ))
    return out


def _budget(lang: str) -> tuple[list[BudgetLine], list[float]]:
    """The budget lines and the monthly actual spend of all lines (months 1..10)."""
    cats = default_list("budget_categories", lang)
    rng = random.Random(_ACTUALS_SEED)
    lines: list[BudgetLine] = []
    spent = [0.0] * TRACKING_MONTH
    n = 0
    for i, action in enumerate(_ACTIONS, 1):
        aid = f"ACT-{i:02d}"
        for j, (cat, label, months) in enumerate(action[10]):
            n += 1
            plan = [float(months[m]) if m in months else None for m in range(1, 13)]
            factor = rng.uniform(0.88, 1.14)  # drawn for every line, so overrides shift nothing
            if (aid, j) in _ACTUAL_OVERRIDES:
                actual_months = {m: float(v) for m, v in _ACTUAL_OVERRIDES[aid, j].items()}
            else:
                actual_months = {m: float(round(months[m] * factor / 10) * 10)
                                 for m in months if m <= TRACKING_MONTH}
            for m, v in actual_months.items():
                spent[m - 1] += v
            lines.append(BudgetLine(
                id=f"BUD-{n:02d}", category=cats[cat], action_id=aid, label=_pick(label, lang),
                months=plan, actual=float(sum(actual_months.values())),
            ))
    return lines, spent


def _noisy(rng: random.Random, plan: list[float], bias: float, sd: float, digits: int,
           lo: float = 0.0, hi: float = math.inf) -> list:
    """Actuals of months 1..TRACKING_MONTH around ``plan * (1 + bias)``; None after."""
    out: list = []
    for m, p in enumerate(plan, 1):
        if m > TRACKING_MONTH:
            out.append(None)
            continue
        v = p * (1 + bias + rng.gauss(0, sd))
        v = min(max(v, lo), hi)
        out.append(float(round(v, digits)))
    return out


def _kpis(lang: str, budget_plan: list[float], spent: list[float]) -> list[KPI]:
    kinds = default_list("kpi_kinds", lang)
    stages = default_list("funnel_stages", lang)
    rng = random.Random(_ACTUALS_SEED + 1)  # the biases below give variances of both signs

    def t(pair):
        return _pick(pair, lang)

    revenue_plan = [float(x * 1_000) for x in spread(int(REVENUE_TARGET / 1_000), _REVENUE_WEIGHTS)]
    contacts = [float(x) for x in spread(2_800, _ACTIVITY_WEIGHTS)]
    meetings = [float(x) for x in spread(700, _ACTIVITY_WEIGHTS)]
    proposals = [float(x) for x in spread(350, _ACTIVITY_WEIGHTS)]
    signatures = [float(x) for x in spread(120, _REVENUE_WEIGHTS)]
    signature_rate = [0.30, 0.31, 0.32, 0.33, 0.34] + [0.35] * 7
    health = [float(x) for x in spread(30, _ACTIVITY_WEIGHTS)]
    leads = [float(x) for x in spread(480, _ACTIVITY_WEIGHTS)]
    discounts = [round(x * 0.02, -2) for x in revenue_plan]  # 2 % of revenue
    renewal = [0.92] * 12
    epc = [0.0, 1.0, 1.0, 2.0, 2.0, 3.0, 2.0, 1.0, 3.0, 0.0, 0.0, 0.0]  # 15 by September

    rows = [
        # name, kind, unit, objective, plan, actual
        (t(("Chiffre d'affaires facturé", "Invoiced revenue")), K_REVENUE, t(("€", "EUR")), "OBJ-01",
         revenue_plan, [round(x, -2) if x is not None else None
                        for x in _noisy(rng, revenue_plan, -0.025, 0.06, 0)]),
        (stages[0], K_COUNT, t(("contacts", "contacts")), "OBJ-02",
         contacts, _noisy(rng, contacts, 0.06, 0.07, 0)),
        (stages[1], K_COUNT, t(("rendez-vous", "meetings")), "OBJ-02",
         meetings, _noisy(rng, meetings, -0.05, 0.08, 0)),
        (stages[2], K_COUNT, t(("propositions", "proposals")), "OBJ-04",
         proposals, _noisy(rng, proposals, -0.02, 0.10, 0)),
        (stages[3], K_COUNT, t(("affaires", "deals")), "OBJ-02",
         signatures, _noisy(rng, signatures, -0.04, 0.15, 0)),
        (t(("Taux de signature des propositions", "Proposal signature rate")), K_RATE, "%", "OBJ-04",
         signature_rate, _noisy(rng, signature_rate, -0.03, 0.07, 3, 0.0, 1.0)),
        (t(("Nouveaux clients Santé", "New healthcare customers")), K_COUNT,
         t(("clients", "customers")), "OBJ-03", health, _noisy(rng, health, -0.15, 0.25, 0)),
        (t(("Demandes entrantes qualifiées", "Qualified inbound requests")), K_COUNT,
         t(("demandes", "requests")), "OBJ-06", leads, _noisy(rng, leads, 0.12, 0.10, 0)),
        (t(("Dépenses commerciales et marketing", "Sales and marketing spend")), K_COST,
         t(("€", "EUR")), "OBJ-07", budget_plan, spent + [None] * (12 - TRACKING_MONTH)),
        (t(("Remises commerciales accordées", "Sales discounts granted")), K_COST, t(("€", "EUR")),
         "OBJ-01", discounts, [round(x, -1) if x is not None else None
                               for x in _noisy(rng, discounts, 0.08, 0.12, 0)]),
        (t(("Taux de renouvellement des contrats", "Contract renewal rate")), K_RATE, "%", "OBJ-05",
         renewal, _noisy(rng, renewal, 0.01, 0.03, 3, 0.0, 1.0)),
        (t(("Contrats de performance énergétique signés", "Energy performance contracts signed")),
         K_COUNT, t(("contrats", "contracts")), "OBJ-08",
         epc, [0.0, 0.0, 2.0, 2.0, 3.0, 3.0, 2.0, 2.0, 3.0, 1.0, None, None]),
    ]
    kpis = [
        KPI(id=f"KPI-{i:02d}", name=name, kind=kinds[kind], unit=unit, objective_id=oid,
            plan=list(plan), actual=list(actual))
        for i, (name, kind, unit, oid, plan, actual) in enumerate(rows, 1)
    ]
    # the signature rate is signatures / proposals over any period (a ratio of totals); the
    # renewal rate has no counts in the plan: it stays the average of its months
    kpis[5].numerator, kpis[5].denominator = kpis[4].id, kpis[3].id
    # the four funnel KPIs count the funnel's stages: the Funnel sheet reads observed rates off them
    for k, stage in zip(kpis[1:5], stages):
        k.stage = stage
    return kpis


# --- customers -------------------------------------------------------------------------------

_SURNAMES = [
    "Vernay", "Chapuis", "Giraud", "Perrin", "Bonnard", "Mollard", "Berthet", "Guillot", "Rey",
    "Faure", "Blanc", "Bouvier", "Chevalier", "Arnaud", "Fournier", "Brunet", "Mercier", "Dumas",
    "Lacroix", "Poncet", "Thévenet", "Jacquet", "Ravier", "Collomb", "Pupier", "Besson", "Magnin",
    "Gauthier", "Roche", "Clerc", "Ferrand", "Masson", "Charvet", "Duclos", "Brosse", "Tardy",
]
_TOWNS = [
    "Givors", "Vienne", "Villefranche", "Tarare", "Oyonnax", "Bourgoin", "Annonay", "Roanne",
    "Mâcon", "Vénissieux", "Décines", "Meyzieu", "Rillieux", "Saint-Priest", "Bron", "Écully",
    "Dardilly", "Villeurbanne", "Chassieu", "Genas", "Tassin", "Brignais", "Neuville", "Beaujeu",
    "Ambérieu", "Montluel", "Belley", "Voiron", "Grenoble", "Saint-Étienne", "Firminy",
    "Rive-de-Gier", "Montbrison", "Feurs", "Trévoux", "Anse", "Belleville", "Crémieu",
    "La Tour-du-Pin", "Pont-de-Chéruy", "Oullins", "Caluire", "Sathonay", "Mornant", "Ampuis",
]
_FORMS = [" SAS", " SA", " SARL", "", " & Fils"]
_INDUSTRY_KINDS = [
    "Laiterie", "Fromagerie", "Conserverie", "Biscuiterie", "Plasturgie", "Métallerie", "Fonderie",
    "Imprimerie", "Laboratoires", "Chocolaterie", "Salaisons", "Mécanique", "Textiles",
    "Cartonnerie", "Brasserie", "Distillerie", "Pharmacie industrielle", "Traitements de surface",
]
_HEALTH_PLACES = [
    "du Parc", "des Lilas", "Saint-Joseph", "du Val d'Azergues", "des Tilleuls", "Les Glycines",
    "Le Clos Fleuri", "Les Cèdres", "La Roseraie", "du Lac", "Les Érables", "Bellevue",
    "Sainte-Anne", "Les Jardins", "Le Belvédère", "des Monts d'Or", "Les Magnolias", "du Vivarais",
]
_HEALTH_KINDS = ["Clinique", "EHPAD", "Résidence", "Centre de rééducation", "Maison de santé"]
_SCHOOLS = [
    "Jean-Moulin", "Marie-Curie", "Jules-Ferry", "Louise-Michel", "Victor-Hugo", "Pierre-Termier",
    "Condorcet", "Lumière", "Ampère", "Simone-Veil", "Jacques-Prévert", "Germaine-Tillion",
]
_OFFICE_KINDS = ["Hôtel", "Cabinet", "Centre commercial", "Résidence d'affaires", "Agence", "Restaurant"]


def _de(town: str) -> str:
    return f"d'{town}" if town[0] in "AEIOUYÉÈÂ" else f"de {town}"


def _customer_name(rng: random.Random, segment: int) -> str:
    if segment == INDUSTRY:
        kind = rng.choice(_INDUSTRY_KINDS)
        who = rng.choice(_SURNAMES) if rng.random() < 0.6 else _de(rng.choice(_TOWNS))
        return f"{kind} {who}{rng.choice(_FORMS)}"
    if segment == HEALTH:
        r = rng.random()
        if r < 0.12:
            return f"Centre hospitalier {_de(rng.choice(_TOWNS))}"
        if r < 0.22:
            return f"Laboratoire d'analyses {rng.choice(_SURNAMES)}"
        return f"{rng.choice(_HEALTH_KINDS)} {rng.choice(_HEALTH_PLACES)} ({rng.choice(_TOWNS)})"
    if segment == PUBLIC:
        r = rng.random()
        town = rng.choice(_TOWNS)
        if r < 0.35:
            return f"Mairie {_de(town)}"
        if r < 0.5:
            return f"Communauté de communes {_de(town)}"
        if r < 0.75:
            return f"{rng.choice(['Lycée', 'Collège'])} {rng.choice(_SCHOOLS)} ({town})"
        return f"{rng.choice(['Centre aquatique', 'Médiathèque', 'Gymnase municipal'])} {_de(town)}"
    kind = rng.choice(_OFFICE_KINDS)
    if kind == "Cabinet":
        return f"Cabinet {rng.choice(_SURNAMES)} & Associés"
    if kind == "Agence":
        return f"Agence immobilière {rng.choice(_SURNAMES)} ({rng.choice(_TOWNS)})"
    return f"{kind} {rng.choice(_HEALTH_PLACES[:6] + _SURNAMES[:12])} ({rng.choice(_TOWNS)})"


def _customer_rows() -> list[tuple[str, str, int, float]]:
    """(code, name, segment index, amount) of every customer, largest amount first.

    Last year's revenue per customer: log-normal amounts (a few large accounts, a long tail of
    small ones, roughly 20/80), scaled so that each segment adds up to its achieved revenue of the
    review. Two pairs of customers tie, two have a credit note larger than their invoices
    (negative amount) and one has nothing invoiced (zero).
    """
    rng = random.Random(_CUSTOMER_SEED)
    total_n = sum(s[6] for s in _SEGMENTS)
    numbers = rng.sample(range(101, 1_000), total_n)  # codes C00101..C00999, not in order
    names: set[str] = set()
    rows: list[list] = []
    k = 0
    for seg, s in enumerate(_SEGMENTS):
        n, achieved = s[6], s[5]
        raw = [rng.lognormvariate(0.0, 1.6) for _ in range(n)]
        scale = achieved / sum(raw)
        amounts = [float(round(x * scale)) for x in raw]
        seg_rows = []
        for a in amounts:
            name = _customer_name(rng, seg)
            while name in names:
                name = _customer_name(rng, seg)
            names.add(name)
            seg_rows.append([f"C{numbers[k]:05d}", name, seg, a])
            k += 1
        rows.append(seg_rows)

    def set_amount(seg: int, rank: int, value: float) -> None:
        """Give the ``rank``-th largest customer of ``seg`` an amount (rank counts from 0)."""
        ordered = sorted(rows[seg], key=lambda r: -r[3])
        ordered[rank][3] = value

    def nth(seg: int, rank: int) -> float:
        return sorted((r[3] for r in rows[seg]), reverse=True)[rank]

    # Ties: two customers with exactly the same revenue, in two segments.
    set_amount(INDUSTRY, 12, nth(INDUSTRY, 11))
    set_amount(PUBLIC, 30, nth(PUBLIC, 29))
    # Credit notes larger than the year's invoices, and a customer with nothing invoiced.
    set_amount(OFFICES, len(rows[OFFICES]) - 1, -1_250.0)
    set_amount(HEALTH, len(rows[HEALTH]) - 1, -386.0)
    set_amount(PUBLIC, len(rows[PUBLIC]) - 1, 0.0)
    # The largest customer of each segment absorbs the rounding and the changes above, so each
    # segment adds up to the review's achieved revenue exactly.
    for seg, s in enumerate(_SEGMENTS):
        top = max(rows[seg], key=lambda r: r[3])
        top[3] += s[5] - sum(r[3] for r in rows[seg])
    flat = [tuple(r) for seg_rows in rows for r in seg_rows]
    return sorted(flat, key=lambda r: (-r[3], r[0]))


#: Gross margin rate of each segment's customers (before noise), for the demo's margins.
_MARGIN_RATES = (0.31, 0.38, 0.27, 0.34)
#: Customers of last year lost this year (revenue N-1 only): their codes follow the others'.
_LOST = 14


def _customers(lang: str) -> list[Customer]:
    """The customers with a gross margin (a segment rate, with noise), a potential for most of
    them (a few small ones with a large one: the customers to develop) and the revenue of the year
    before for those who were already customers; then the customers lost since (no revenue)."""
    rng = random.Random(_CUSTOMER_SEED + 14)
    out = []
    rows = _customer_rows()
    for code, name, seg, amount in rows:
        rate = _MARGIN_RATES[seg % len(_MARGIN_RATES)] + rng.uniform(-0.08, 0.08)
        margin = float(round(amount * rate)) if amount else None
        potential = None
        if amount > 0 and rng.random() < 0.75:
            factor = rng.choice((1.0, 1.2, 1.5, 2.0)) if rng.random() < 0.85 else rng.uniform(8.0, 25.0)
            potential = float(math.ceil(amount * factor / 100) * 100)
            if rng.random() < 0.07 and amount < 20_000:  # a small account of a large group: one to develop
                potential = float(round(rng.uniform(80_000, 250_000), -3))
        previous = None
        if rng.random() < 0.86:  # already a customer the year before
            previous = float(round(max(amount, 500.0) * rng.uniform(0.6, 1.3)))
        out.append(Customer(code, name, _pick(_SEGMENTS[seg][0], lang), amount, margin, potential, previous))
    used = {int(r[0][1:]) for r in rows}
    names = {r[1] for r in rows}
    free = [n for n in range(1_000, 1_200) if n not in used]
    for k in range(_LOST):
        seg = k % len(_SEGMENTS)
        name = _customer_name(rng, seg)
        while name in names:
            name = _customer_name(rng, seg)
        names.add(name)
        previous = float(round(rng.lognormvariate(9.0, 1.0)))
        out.append(Customer(f"C{free[k]:05d}", name, _pick(_SEGMENTS[seg][0], lang), None, None, None, previous))
    return out


def _key_dates(lang: str) -> list[KeyDate]:
    return [KeyDate(_date(md), _pick(label, lang)) for md, label in _KEY_DATES]


def demo_plan(lang: str = "fr") -> Plan:
    """The completely filled plan of Aéraulis SAS for 2026, tracked to October, in ``lang``.

    >>> p = demo_plan()
    >>> p.settings.company, p.settings.revenue_target / p.settings.average_deal
    ('Aéraulis SAS', 120.0)
    """
    if lang not in LANGS:
        raise InputError(f"unknown language {lang!r}: use fr or en", fr=f"langue inconnue {lang!r} : utilisez fr ou en")
    budget, spent = _budget(lang)
    budget_plan = [float(sum(line.months[m] or 0.0 for line in budget)) for m in range(12)]
    budget_total = sum(budget_plan)
    plan = Plan(
        settings=_settings(lang),
        review=_review(lang),
        swot=_swot(lang),
        segments=_segments(lang),
        customers=_customers(lang),
        objectives=_objectives(lang, budget_total),
        actions=_actions(lang),
        budget=budget,
        kpis=_kpis(lang, budget_plan, spent),
        key_dates=_key_dates(lang),
    )
    from .demo_pipeline import demo_pipeline

    plan.pipeline = demo_pipeline(lang)  # the CRM's deals at the end of October
    _freeze_and_revise(plan, lang)
    return plan


#: The demo's one revision: (objective, new target, date, author, (fr, en) reason).
_REVISION = ("OBJ-03", 28.0, (6, 15), SOPHIE,
             ("Deux appels d'offres hospitaliers reportés à 2027 par l'ARS : cible ramenée de 30 à 28.",
              "Two hospital tenders postponed to 2027 by the regional health agency: target lowered "
              "from 30 to 28."))
#: The day the plan was approved and frozen (pacxl freeze), before the year starts.
_FROZEN_ON = dt.date(YEAR - 1, 12, 15)


def _freeze_and_revise(plan: Plan, lang: str) -> None:
    """The plan as approved becomes the baseline; then one objective is revised, with its reason
    (what ``pacxl freeze`` then ``pacxl revise`` record)."""
    entries = revisions_rule.baseline_entries([(o.id, o.target) for o in plan.objectives],
                                              [(k.id, k.plan) for k in plan.kpis],
                                              [(b.id, b.months) for b in plan.budget])
    plan.baseline = Baseline(_FROZEN_ON, [BaselineEntry(e.kind, e.id, e.field, e.month, e.value) for e in entries])
    oid, new, day, author, reason = _REVISION
    objective = next(o for o in plan.objectives if o.id == oid)
    plan.revisions.append(Revision(_date(day), oid, "target", None, objective.target, new, _pick(reason, lang),
                                   OWNERS[author]))
    objective.target = new
