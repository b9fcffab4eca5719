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


# --- the workbook's visible text (sheet builders) -----------------------------------------------

MONTH_ABBR = {
    "fr": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
           "nov.", "déc."],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


def month_labels(lang: str, first_month: int = 1, year: int | None = None) -> list[str]:
    """The 12 plan months' labels from ``first_month`` (``janv. 2027`` ... or ``Jan 2027`` ...)."""
    out = []
    for i in range(12):
        m = (first_month - 1 + i) % 12
        y = None if year is None else year + (first_month - 1 + i) // 12
        out.append(MONTH_ABBR[lang][m] + ("" if y is None else f" {y}"))
    return out


def month_label_formula(lang: str, date: str, separator: str = '" "') -> str:
    """A formula (no ``=``) showing the month of the date expression ``date`` as
    :func:`month_labels` writes it (``janv. 2027``), whatever the locale of the spreadsheet
    (a ``MMM`` number format would follow the reader's locale); ``separator`` is a formula
    string between name and year (``CHAR(10)``: on two lines)."""
    names = ",".join('"' + m + '"' for m in MONTH_ABBR[lang])
    return f"CHOOSE(MONTH({date}),{names})&{separator}&YEAR({date})"


#: Questions of the value proposition (SWOT sheet): key -> question. Plans give answers by key.
VALUE_QUESTIONS: dict[str, dict[str, str]] = {
    "advantage": {"fr": "Quel est notre avantage concurrentiel ?",
                  "en": "What is our competitive advantage?"},
    "differentiation": {"fr": "Qu'est-ce qui nous différencie de la concurrence ?",
                        "en": "What sets us apart from the competition?"},
    "singularity": {"fr": "Quelle est notre singularité (ce que nous sommes seuls à offrir) ?",
                    "en": "What is unique about us (what only we offer)?"},
    "why_us": {"fr": "Pourquoi un client devrait-il choisir notre offre ?",
               "en": "Why should a customer choose our offer?"},
    "pains": {"fr": "Quels problèmes de nos clients résolvons-nous ?",
              "en": "Which of our customers' problems do we solve?"},
    "promise": {"fr": "Quelle promesse faisons-nous à nos clients ?",
                "en": "What promise do we make to our customers?"},
    "proof": {"fr": "Quelles preuves pouvons-nous donner (références, chiffres, avis) ?",
              "en": "What proof can we give (references, figures, reviews)?"},
}

TEXT: dict[str, tuple[str, str]] = {
    # shared
    "plan_month": ("Mois du plan", "Plan month"),
    "favourable": ("Favorable", "Favourable"),
    "unfavourable": ("Défavorable", "Unfavourable"),
    "smart_ok": ("SMART", "SMART"),
    "smart_missing": ("À compléter :", "Missing:"),
    "smart_qualitative": ("Qualitatif", "Qualitative"),
    "on_track_yes": ("Oui", "Yes"),
    "on_track_no": ("Non", "No"),
    "alert_dates": ("Fin avant début", "Ends before start"),
    "alert_late": ("En retard", "Late"),
    "alert_incomplete": ("Dates/responsable ?", "Dates/owner?"),
    # data validation
    "dv_list_prompt": ("Choisissez une valeur dans la liste ({what}) ; la liste se modifie dans la "
                       "feuille {sheet}.",
                       "Pick a value from the list ({what}); the list is edited on the {sheet} sheet."),
    "dv_list_prompt_fixed": ("Choisissez une valeur dans la liste ({what}).",
                             "Pick a value from the list ({what})."),
    "dv_list_error": ("Valeur refusée : choisissez une valeur de la liste déroulante ({what}).",
                      "Value refused: pick a value from the drop-down list ({what})."),
    "dv_error_title": ("Saisie non valide", "Invalid entry"),
    "dv_date_prompt": ("Saisissez une date au format jj/mm/aaaa ({what}).",
                       "Type a date as dd/mm/yyyy ({what})."),
    "dv_date_error": ("Date non valide : saisissez une date au format jj/mm/aaaa ({what}).",
                      "Not a date: type a date as dd/mm/yyyy ({what})."),
    "dv_whole_prompt": ("Saisissez un nombre entier ({what}).", "Type a whole number ({what})."),
    "dv_whole_error": ("Valeur refusée : un nombre entier est attendu ({what}), dans les bornes permises.",
                       "Value refused: a whole number is expected ({what}), within the allowed range."),
    "dv_number_prompt": ("Saisissez un nombre ({what}).", "Type a number ({what})."),
    "dv_number_error": ("Valeur refusée : un nombre est attendu ({what}), dans les bornes permises.",
                        "Value refused: a number is expected ({what}), within the allowed range."),
    "dv_segment": ("Segment", "Segment"),
    "dv_owner": ("Responsable", "Owner"),
    "dv_status": ("Statut", "Status"),
    "dv_objective": ("Objectif", "Objective"),
    "dv_category": ("Catégorie", "Category"),
    "dv_lever": ("Levier", "Lever"),
    "dv_budget_category": ("Catégorie de budget", "Budget category"),
    "dv_kpi_ratio": ("KPI (ID) du numérateur ou du dénominateur d'un taux",
                     "KPI (ID) of a rate's numerator or denominator"),
    "dv_kpi_stage": ("Étape de l'entonnoir comptée par ce KPI", "Funnel stage this KPI counts"),
    "dv_action": ("Action", "Action"),
    "dv_kpi_kind": ("Type d'indicateur", "KPI kind"),
    "dv_amount": ("Montant", "Amount"),
    "dv_deadline": ("Échéance", "Deadline"),
    "dv_target": ("Cible chiffrée", "Numeric target"),
    "dv_date": ("Date", "Date"),
    "dv_budget": ("Budget", "Budget"),
    "dv_revision_field": ("Champ révisé (cible, prévu ou budget)", "Field revised (target, plan or budget)"),
    "dv_plan_month": ("Mois du plan (1 à 12)", "Plan month (1 to 12)"),
    # guide
    "guide_title": ("Plan d'Action Commercial", "Sales Action Plan"),
    "guide_subtitle": ("Plan {year}", "Plan {year}"),
    "guide_intro": (
        "Ce classeur vous guide pas à pas : du bilan de l'an passé aux actions datées, chiffrées et "
        "suivies. Remplissez les cellules jaunes ; tout le reste se calcule. Suivez les sept étapes "
        "dans l'ordre, puis revenez chaque mois au suivi des KPI et au tableau de bord.",
        "This workbook takes you step by step from last year's review to dated, budgeted and "
        "tracked actions. Fill in the yellow cells; everything else is computed. Follow the seven "
        "steps in order, then come back every month to the KPI tracking and the dashboard.",
    ),
    "gd_step": ("Étape", "Step"),
    "gd_what": ("Quoi", "What"),
    "gd_how": ("Comment", "How"),
    "gd_sheets": ("Feuilles", "Sheets"),
    "step0_name": ("Avant de commencer", "Before you start"),
    "step0_text": (
        "Entreprise, année, devise, premier mois, responsables, listes déroulantes, étapes et taux "
        "de l'entonnoir, seuils ABC.",
        "Company, year, currency, first month, owners, drop-down lists, funnel stages and rates, "
        "ABC thresholds.",
    ),
    "step1_name": ("Faire le bilan de l'an passé", "Review last year"),
    "step1_text": (
        "Résultats par segment et par produit face aux objectifs, ce qui a marché ou non, taux de "
        "transformation, coût par action, canaux les plus rentables.",
        "Results by segment and product against objectives, what worked and what did not, "
        "conversion rates, cost per action, the channels that paid off.",
    ),
    "step2_name": ("Poser le diagnostic", "Diagnose"),
    "step2_text": (
        "SWOT (forces, faiblesses, opportunités, menaces) et environnement (EMOFF) ; écrivez votre "
        "proposition de valeur : avantage concurrentiel, différenciation, pourquoi vous.",
        "SWOT (strengths, weaknesses, opportunities, threats) and environment (EMOFF); write your "
        "value proposition: competitive advantage, differentiation, why you.",
    ),
    "step3_name": ("Choisir ses cibles", "Choose the targets"),
    "step3_text": (
        "Segments et personas, part du chiffre d'affaires que chaque segment doit apporter (total "
        "100 %) ; la règle des 20/80 sur vos clients (classes ABC).",
        "Segments and personas, the share of revenue each segment must bring (100 % in total); "
        "the 20/80 rule on your customers (ABC classes).",
    ),
    "step4_name": ("Fixer des objectifs SMART", "Set SMART objectives"),
    "step4_text": (
        "Spécifiques, Mesurables, Atteignables, Réalistes, Temporels ; chacun avec un indicateur. La "
        "colonne Contrôle SMART signale ce qui manque.",
        "Specific, Measurable, Achievable, Relevant, Time-bound; each with a KPI. The SMART check "
        "column flags what is missing.",
    ),
    "step5_name": ("Calculer l'entonnoir", "Work out the funnel"),
    "step5_text": (
        "De l'objectif de chiffre d'affaires au nombre de signatures, puis aux propositions, rendez-vous "
        "et contacts nécessaires : par an, par mois, par semaine ; le pipeline du CRM en regard "
        "(pacxl import pipeline).",
        "From the revenue goal to the deals to sign, then the proposals, meetings and contacts "
        "needed: per year, per month, per week; the CRM's pipeline beside it (pacxl import pipeline).",
    ),
    "step6_name": ("Planifier les actions", "Plan the actions"),
    "step6_text": (
        "Pour chaque objectif : actions datées, responsable, budget, indicateur, statut ; le "
        "calendrier se dessine seul, le budget se détaille par mois.",
        "For each objective: dated actions, owner, budget, KPI, status; the calendar draws itself, "
        "the budget is spread by month.",
    ),
    "step7_name": ("Suivre et ajuster", "Track and adjust"),
    "step7_text": (
        "Chaque mois : saisissez les réalisés, changez le mois de suivi (Paramètres), lisez écarts, "
        "cumul à date, atterrissage, reste à faire et trimestres ; ajustez le plan (pacxl revise garde "
        "le motif de chaque révision du plan gelé par pacxl freeze).",
        "Every month: type the actuals, move the tracking month (Settings), read the variances, "
        "year to date, landing forecast, what is left to do and the quarters; adjust the plan "
        "(pacxl revise keeps the reason of each revision of the plan frozen by pacxl freeze).",
    ),
    "gd_legend": ("Légende", "Legend"),
    "gd_input_sample": ("À saisir", "Type here"),
    "gd_input_text": ("Cellule à remplir (déverrouillée) : texte, nombre, date ou choix dans une liste.",
                      "Cell to fill in (unlocked): text, number, date or a choice from a list."),
    "gd_computed_sample": ("Calculé", "Computed"),
    "gd_computed_text": ("Cellule calculée par formule (verrouillée) : ne pas saisir.",
                         "Cell computed by a formula (locked): do not type here."),
    "gd_tips": ("Bon à savoir", "Good to know"),
    "gd_tip1": ("Les feuilles sont protégées sans mot de passe : un garde-fou contre l'effacement "
                "d'une formule, pas un verrou. Révision > Ôter la protection de la feuille si vous "
                "devez changer la structure.",
                "Sheets are protected without a password: a guard against overwriting a formula by "
                "accident, not a lock. Review > Unprotect Sheet if you need to change the layout."),
    "gd_tip2": ("Les listes déroulantes (responsables, statuts, catégories, segments) se modifient "
                "dans Paramètres et Cibles.",
                "Drop-down lists (owners, statuses, categories, segments) are edited in Settings "
                "and Targets."),
    "gd_tip3": ("Le mois de suivi (Paramètres) fixe le cumul à date, les écarts et l'atterrissage.",
                "The tracking month (Settings) sets the year to date, the variances and the "
                "landing forecast."),
    "gd_tip4": ("Gardez la table Clients triée par CA décroissant (bouton de filtre de l'en-tête "
                "« CA », Trier du plus grand au plus petit : le tri et les filtres sont permis sur "
                "la feuille protégée) : les calculs restent instantanés (un bandeau vous prévient "
                "sinon).",
                "Keep the Customers table sorted by revenue, largest first (filter button of the "
                "'Revenue' header, Sort Largest to Smallest: sorting and filtering are allowed on "
                "the protected sheet): the formulas stay instant (a banner warns you otherwise)."),
    "gd_tip5": ("Les données de la comptabilité s'importent avec « pacxl import » ; « pacxl check » "
                "relit le plan et signale les oublis.",
                "Finance's files are imported with 'pacxl import'; 'pacxl check' reads the plan "
                "back and flags what is missing."),
    "gd_tip6": ("Les tableaux ont déjà leurs lignes de saisie, formules comprises : {customers} "
                "clients, {actions} actions, {budget} lignes de budget, {kpi} indicateurs, "
                "{objectives} objectifs. Au-delà, « pacxl import » agrandit un tableau ; ou ôtez la "
                "protection et tapez sous le tableau : Excel l'agrandit avec ses formules.",
                "The tables already have their rows for typing, formulas included: {customers} "
                "customers, {actions} actions, {budget} budget lines, {kpi} KPIs, {objectives} "
                "objectives. Beyond that, 'pacxl import' grows a table; or unprotect the sheet and "
                "type under the table: Excel extends it with its formulas."),
    # settings
    "settings_title": ("Paramètres", "Settings"),
    "settings_help": ("L'entreprise, l'année, le mois de suivi et les listes déroulantes du classeur.",
                      "The company, the year, the tracking month and the workbook's drop-down lists."),
    "set_section_company": ("Paramètre", "Setting"),
    "set_value": ("Valeur", "Value"),
    "set_company": ("Entreprise", "Company"),
    "set_year": ("Année du plan", "Plan year"),
    "set_currency": ("Devise (code ISO)", "Currency (ISO code)"),
    "set_first_month": ("Premier mois du plan (1-12)", "First month of the plan (1-12)"),
    "set_month": ("Mois de suivi (1-12 : mois du plan clos)", "Tracking month (1-12: plan months closed)"),
    "set_as_of_input": ("Date d'arrêté saisie (facultatif)", "As-of date typed (optional)"),
    "set_as_of": ("Date d'arrêté (retards, à date)", "As-of date (late, to date)"),
    "set_abc_a": ("Seuil classe A (part cumulée)", "Class A threshold (cumulative share)"),
    "set_abc_b": ("Seuil classe B (part cumulée)", "Class B threshold (cumulative share)"),
    "set_abc_basis": ("Classes ABC calculées sur (CA ou Marge)", "ABC classes ranked on (Revenue or Margin)"),
    "set_visits": ("Couverture : visites par an, client {cls}", "Coverage: visits a year, class {cls}"),
    "set_visits_what": ("Visites par client et par an", "Visits per customer a year"),
    "set_month_note": ("Mois de suivi : 1 dans un plan neuf (son premier mois) ; 3 = les trois "
                       "premiers mois du plan ont leurs réalisés. La date d'arrêté est la fin du mois "
                       "de suivi, sauf si vous en saisissez une : une action est en retard quand sa fin "
                       "la précède.",
                       "Tracking month: 1 in a new plan (its first month); 3 = the plan's first "
                       "three months have their actuals. The as-of date is the end of the tracking "
                       "month unless you type one: an action is late when it ends before it."),
    "list_owners": ("Responsables", "Owners"),
    "list_categories": ("Catégories d'action", "Action categories"),
    "list_levers": ("Leviers", "Levers"),
    "list_statuses": ("Statuts", "Statuses"),
    "list_budget_categories": ("Catégories de budget", "Budget categories"),
    "list_kpi_kinds": ("Types de KPI", "KPI kinds"),
    "set_order_note": ("l'ordre compte", "order matters"),
    "list_funnel_stages": ("Étapes de l'entonnoir (haut → signature)", "Funnel stages (top → signature)"),
    "list_funnel_rates": ("Taux vers l'étape suivante", "Rate to the next stage"),
    "set_funnel_note": ("La dernière étape nommée est la signature.",
                        "The last named stage is the signature."),
    # follow and adjust (Settings): seasonality, working days, holidays, sales cycle
    "set_lags": ("Délai avant signature (mois)", "Months before signature"),
    "set_season_month": ("Mois du plan", "Plan month"),
    "set_season_typed": ("Saisonnalité saisie", "Seasonality typed"),
    "set_season_used": ("Saisonnalité retenue", "Seasonality used"),
    "set_working_days": ("Jours ouvrés", "Working days"),
    "set_total": ("Total", "Total"),
    "set_season_note": ("Saisonnalité : laissez vide pour suivre le CA mensuel N-1 (feuille Bilan "
                        "N-1), sinon répartition égale ; si vous la saisissez, le total doit faire "
                        "100 %.",
                        "Seasonality: leave blank to follow last year's monthly revenue (Last year "
                        "sheet), else an even split; if you type it, it must add up to 100 %."),
    "set_holidays": ("Jours fériés", "Public holidays"),
    "set_holiday_label": ("Férié", "Holiday"),
    "set_holidays_note": ("Liste modifiable (ex. Alsace-Moselle : Vendredi saint, 26 décembre).",
                          "Editable list (e.g. Alsace-Moselle: Good Friday, 26 December)."),
    "hol_new_year": ("Jour de l'an", "New Year's Day"),
    "hol_labour_day": ("Fête du Travail", "Labour Day"),
    "hol_victory_1945": ("Victoire 1945", "Victory in Europe Day"),
    "hol_bastille_day": ("Fête nationale", "Bastille Day"),
    "hol_assumption": ("Assomption", "Assumption"),
    "hol_all_saints": ("Toussaint", "All Saints' Day"),
    "hol_armistice": ("Armistice 1918", "Armistice Day"),
    "hol_christmas": ("Noël", "Christmas Day"),
    "hol_easter_monday": ("Lundi de Pâques", "Easter Monday"),
    "hol_ascension": ("Ascension", "Ascension Day"),
    "hol_whit_monday": ("Lundi de Pentecôte", "Whit Monday"),
    "hol_good_friday": ("Vendredi saint", "Good Friday"),
    "hol_st_stephen": ("Saint-Étienne", "St Stephen's Day"),
    "rv_monthly_title": ("CA mensuel N-1", "Last year's monthly revenue"),
    "rv_month": ("Mois N-1", "Month"),
    "rv_month_revenue": ("CA", "Revenue"),
    # funnel observed and month by month
    "fu_obs_actual": ("Réel à date (KPI liés)", "Actual to date (linked KPIs)"),
    "fu_obs_rate": ("Taux observé", "Observed rate"),
    "fu_obs_flag": ("Face à l'hypothèse", "Against the assumption"),
    "fu_obs_volume": ("Reste à faire (taux observés)", "Still needed (observed rates)"),
    "fu_obs_below": ("Sous l'hypothèse", "Below assumption"),
    "fu_obs_ok": ("Conforme", "In line"),
    "fu_obs_note": ("Liez chaque étape à un KPI de comptage (feuille Suivi KPI, colonne « Étape de "
                    "l'entonnoir ») : taux observé = réalisés de l'étape suivante / réalisés de "
                    "l'étape, mois 1 au mois de suivi.",
                    "Link each stage to a count KPI (KPI tracking sheet, \"Funnel stage\" column): "
                    "observed rate = the next stage's actuals / the stage's, months 1 to the "
                    "tracking month."),
    "fu_months_title": ("L'entonnoir mois par mois (cycle de vente)", "The funnel month by month (sales cycle)"),
    "fu_months_help": ("Volume à atteindre chaque mois pour que les signatures du mois (saisonnalité) "
                       "arrivent à temps, selon le délai de chaque étape (Paramètres).",
                       "Volume to reach each month so that each month's signatures (seasonality) "
                       "land on time, given each stage's lead time (Settings)."),
    "fu_months_signatures": ("Signatures du mois (saisonnalité)", "Signatures of the month (seasonality)"),
    "fu_months_before": ("Avant l'année", "Before the year"),
    # review
    "review_title": ("Bilan de l'année N-1", "Last year's review"),
    "review_help": ("Résultats par segment ou produit face aux objectifs ; ce qui a marché, ce qui n'a pas marché.",
                    "Results by segment or product against objectives; what worked, what did not."),
    "rv_label": ("Segment / produit", "Segment / product"),
    "rv_kind": ("Type", "Kind"),
    "rv_objective": ("Objectif N-1", "Last year's goal"),
    "rv_achieved": ("Réalisé N-1", "Achieved"),
    "rv_variance": ("Écart", "Variance"),
    "rv_rate": ("Taux de réalisation", "Achievement rate"),
    "rv_comment": ("Commentaire", "Comment"),
    # one total per kind: segments and products are two breakdowns of the same revenue
    "rv_kind_segment": ("segment", "segment"),
    "rv_kind_product": ("produit", "product"),
    "rv_total_segment": ("Total des segments", "Total of segments"),
    "rv_total_product": ("Total des produits", "Total of products"),
    "dv_review_kind": ("Type (segment ou produit)", "Kind (segment or product)"),
    "rv_worked": ("Ce qui a marché", "What worked"),
    "rv_did_not_work": ("Ce qui n'a pas marché", "What did not work"),
    "rv_conversion": ("Taux de transformation, coût par action, canaux",
                      "Conversion rates, cost per action, channels"),
    # swot
    "swot_title": ("Diagnostic SWOT / EMOFF", "SWOT / EMOFF diagnosis"),
    "swot_help": ("Interne : forces et faiblesses. Externe : opportunités, menaces et environnement.",
                  "Internal: strengths and weaknesses. External: opportunities, threats and environment."),
    "sw_strengths": ("Forces", "Strengths"),
    "sw_weaknesses": ("Faiblesses", "Weaknesses"),
    "sw_opportunities": ("Opportunités", "Opportunities"),
    "sw_threats": ("Menaces", "Threats"),
    "sw_environment": ("Environnement (marché, réglementation, technologie)",
                       "Environment (market, regulation, technology)"),
    "sw_value_proposition": ("Proposition de valeur", "Value proposition"),
    "sw_value_help": ("Pas la liste des fonctionnalités : la valeur apportée et les problèmes résolus.",
                      "Not a list of features: the value delivered and the problems solved."),
    # targets
    "targets_title": ("Cibles et segments", "Targets and segments"),
    "targets_help": ("Les segments visés (ils alimentent les listes déroulantes), leurs personas et "
                     "la part du CA que chacun doit apporter.",
                     "The target segments (they feed the drop-down lists), their personas and the "
                     "share of revenue each must bring."),
    "tg_segment": ("Segment", "Segment"),
    "tg_description": ("Description", "Description"),
    "tg_persona": ("Persona (client idéal)", "Persona (ideal customer)"),
    "tg_share": ("Part du CA visée", "Target share of revenue"),
    "tg_revenue": ("CA visé", "Target revenue"),
    "tg_last_share": ("Part du CA clients", "Share of customer revenue"),
    "tg_total": ("Total des parts", "Total of the shares"),
    "tg_ok": ("✔ 100 %", "✔ 100 %"),
    "tg_not_100": ("⚠ Le total doit faire 100 %", "⚠ The total must be 100 %"),
    "targets_note": ("Part du CA clients : part de chaque segment dans le CA de la feuille Clients.",
                     "Share of customer revenue: each segment's share of the Customers sheet's revenue."),
    # customers
    "customers_title": ("Clients et classes ABC (20/80)", "Customers and ABC classes (20/80)"),
    "customers_help": ("Un client par ligne, trié par CA décroissant. Classe A : clients qui font les "
                       "premiers 80 % du CA ; B : jusqu'à 95 % ; C : le reste.",
                       "One customer per row, sorted by revenue, largest first. Class A: customers "
                       "making the first 80 % of revenue; B: up to 95 %; C: the rest."),
    "cu_summary": ("Synthèse", "Summary"),
    "cu_total": ("CA total (montants > 0)", "Total revenue (amounts > 0)"),
    "cu_count": ("Clients avec CA", "Customers with revenue"),
    "cu_sorted": ("Table triée", "Table sorted"),
    "cu_sorted_yes": ("Oui", "Yes"),
    "cu_sorted_no": ("Non : à trier", "No: sort it"),
    "cu_sorted_ok": ("✔ Table triée par base ABC décroissante : calcul rapide.",
                     "✔ Table sorted by its ABC basis, largest first: fast calculation."),
    "cu_sorted_ko": ("⚠ Table non triée : triez par base ABC décroissante (CA, ou marge si les classes "
                     "sont calculées sur la marge ; calcul lent mais juste).",
                     "⚠ Table not sorted: sort by its ABC basis, largest first (revenue, or margin when the "
                     "classes rank the margin; slow but right)."),
    "cu_basis": ("Classes calculées sur", "Classes ranked on"),
    "cu_matrix": ("ABC croisé : classe actuelle × classe de potentiel", "Cross ABC: current class × potential class"),
    "cu_matrix_corner": ("Classe actuelle", "Current class"),
    "cu_matrix_pot": ("Potentiel {cls}", "Potential {cls}"),
    "cu_matrix_total": ("Total", "Total"),
    "cu_matrix_count": ("{cls} : clients", "{cls}: customers"),
    "cu_matrix_revenue": ("{cls} : CA", "{cls}: revenue"),
    "cu_matrix_note": ("Lecture : les clients actuels B ou C à potentiel A sont à développer ; les clients "
                       "A à potentiel C, à fidéliser sans surinvestir.",
                       "Reading: current B or C customers with class A potential are the ones to develop; "
                       "class A customers with class C potential, to keep without overinvesting."),
    "cu_retention": ("Fidélisation : CA N-1 → CA", "Retention: revenue N-1 → revenue"),
    "cu_ret_kept": ("Clients conservés", "Customers kept"),
    "cu_ret_lost": ("Clients perdus", "Customers lost"),
    "cu_ret_new": ("Nouveaux clients", "New customers"),
    "cu_ret_base": ("CA N-1 des clients de N-1", "Revenue N-1 of last year's customers"),
    "cu_ret_kept_revenue": ("CA des clients conservés", "Revenue of the customers kept"),
    "cu_ret_lost_revenue": ("CA N-1 des clients perdus", "Revenue N-1 of the customers lost"),
    "cu_ret_new_revenue": ("CA des nouveaux clients", "Revenue of the new customers"),
    "cu_ret_revenue_retention": ("Rétention du CA", "Revenue retention"),
    "cu_ret_churn_rate": ("Taux d'attrition (clients)", "Churn rate (customers)"),
    "cu_ret_note": ("Vide tant qu'aucun client n'a de CA N-1.", "Blank while no customer has a revenue N-1."),
    "cu_coverage": ("Plan de couverture", "Coverage plan"),
    "cu_cov_visits": ("Visites / client / an", "Visits / customer / year"),
    "cu_cov_meetings": ("Rendez-vous / an", "Meetings / year"),
    "cu_cov_total": ("Plan de couverture", "Coverage plan"),
    "cu_cov_funnel": ("Entonnoir : 2e étape (R1)", "Funnel: 2nd stage (R1)"),
    "cu_cov_all": ("Total des rendez-vous", "All meetings"),
    "cu_cov_per_week": ("Par semaine ouvrée", "Per working week"),
    "cu_cov_note": ("Visites par classe : feuille Paramètres. La feuille Équipe rapporte ces rendez-vous à la "
                    "capacité de chaque commercial.",
                    "Visits per class: Settings sheet. The Team sheet sets these meetings against each "
                    "salesperson's capacity."),
    "cu_class": ("Classe", "Class"),
    "cu_n": ("Clients", "Customers"),
    "cu_revenue": ("CA", "Revenue"),
    "cu_rev_share": ("Part du CA", "Share of revenue"),
    "cu_n_share": ("Part des clients", "Share of customers"),
    "cu_pareto": ("Courbe de Pareto", "Pareto curve"),
    "cu_top": ("Premiers clients (%)", "Top customers (%)"),
    "cu_top_n": ("Nombre", "Count"),
    "cu_top_share": ("Part cumulée du CA", "Cumulative share of revenue"),
    "cu_step_share": ("Part du CA de la tranche", "Share of revenue of the slice"),
    "cu_chart_title": ("Pareto : part du CA par tranche de 5\u00a0% des clients",  # "5 %" on one line
                       "Pareto: share of revenue by 5\u00a0% slice of customers"),
    # objectives
    "objectives_title": ("Objectifs SMART", "SMART objectives"),
    "objectives_help": ("Spécifique, Mesurable (indicateur + cible chiffrée), Atteignable (moyens), "
                        "Réaliste (pourquoi), Temporel (échéance).",
                        "Specific, Measurable (KPI + numeric target), Achievable (means), "
                        "Relevant (why), Time-bound (deadline)."),
    # funnel
    "funnel_title": ("Entonnoir de conversion", "Conversion funnel"),
    "funnel_help": ("De l'objectif de CA aux volumes d'activité de chaque étape (étapes et taux dans Paramètres).",
                    "From the revenue goal to the activity each stage needs (stages and rates in Settings)."),
    "fu_revenue": ("Objectif de CA de l'année", "Revenue goal of the year"),
    "fu_avg_deal": ("Panier moyen par signature", "Average deal value"),
    "fu_override": ("Signatures visées (saisie facultative)", "Deals to sign (optional entry)"),
    "fu_deals": ("Signatures à réaliser", "Deals to sign"),
    "fu_n_stages": ("Nombre d'étapes", "Number of stages"),
    "fu_revenue_note": ("Le CA visé alimente aussi la feuille Cibles.",
                        "The revenue goal also feeds the Targets sheet."),
    "fu_override_note": ("Laissez vide pour calculer : arrondi supérieur de CA / panier moyen.",
                         "Leave blank to compute: revenue / average deal, rounded up."),
    "fu_stages_note": ("Dernière étape nommée dans Paramètres = signature.",
                       "Last stage named in Settings = signature."),
    "fu_stage": ("Étape", "Stage"),
    "fu_rate": ("Taux vers l'étape suivante", "Rate to the next stage"),
    "fu_year": ("Volume annuel", "Yearly volume"),
    "fu_month": ("Par mois", "Per month"),
    "fu_week": ("Par semaine ouvrée", "Per working week"),
    "fu_rounding_note": ("Chaque volume est arrondi à l'unité supérieure : il faut des contacts entiers.",
                         "Every volume is rounded up: contacts come in whole units."),
    "fu_rates_note": ("Exemple : 15 signatures avec 30 % proposition → signature demandent 50 propositions.",
                      "Example: 15 deals at 30 % proposal → signature need 50 proposals."),
    "fu_chart_title": ("Volumes annuels par étape", "Yearly volume per stage"),
    # actions
    "actions_title": ("Plan d'actions", "Action plan"),
    "actions_help": ("Une action par ligne : objectif servi, catégorie, levier, segment, responsable, "
                     "dates, indicateur, statut. Le budget d'une action est la somme de ses lignes "
                     "de la feuille Budget (colonne Action).",
                     "One action per row: objective served, category, lever, segment, owner, dates, "
                     "KPI, status. An action's budget is the sum of its lines on the Budget sheet "
                     "(Action column)."),
    # calendar
    "calendar_title": ("Calendrier des actions", "Action calendar"),
    "calendar_help": ("Les barres se dessinent depuis les dates du plan d'actions (vert : fait). "
                      "◆ : mois avec une date clé (liste à droite).",
                      "Bars are drawn from the action plan's dates (green: done). "
                      "◆: month with a key date (list on the right)."),
    "ca_id": ("ID", "ID"),
    "ca_action": ("Action", "Action"),
    "ca_owner": ("Responsable", "Owner"),
    "ca_start": ("Début", "Start"),
    "ca_end": ("Fin", "End"),
    "ca_status": ("Statut", "Status"),
    "ca_key_dates_row": ("Dates clés", "Key dates"),
    "ca_key_date": ("Date clé", "Key date"),
    "ca_key_label": ("Événement (salon, saison...)", "Event (trade fair, season...)"),
    # budget
    "budget_title": ("Budget commercial et marketing", "Sales and marketing budget"),
    "budget_help": ("Une ligne par poste : montants prévus par mois, réalisé à date (vide = rien dépensé) ; "
                    "écart = réalisé - prévu à date. Le budget d'une action est la somme de ses lignes.",
                    "One line per item: planned amounts by month, actual to date (blank = nothing spent); "
                    "variance = actual - plan to date. An action's budget is the sum of its lines."),
    "bu_totals": ("Totaux", "Totals"),
    # kpi
    "kpi_title": ("Suivi des indicateurs (KPI)", "KPI tracking"),
    "kpi_help": ("Prévu et réel par mois ; cumul à date, écart, atterrissage et tendance au mois de suivi. "
                 "Un taux qui nomme son numérateur et son dénominateur est le ratio de leurs totaux ; "
                 "sinon, la moyenne de ses mois.",
                 "Plan and actual by month; year to date, variance, landing and run-rate at the tracking month. "
                 "A rate that names its numerator and denominator is the ratio of their totals; "
                 "otherwise, the average of its months."),
    "kpi_plan_word": ("Prévu", "Plan"),
    "kpi_actual_word": ("Réel", "Actual"),
    "kpi_plan_block": ("Prévu par mois", "Plan by month"),
    "kpi_actual_block": ("Réel par mois", "Actual by month"),
    "kpi_month_is": ("Mois de suivi :", "Tracking month:"),
    "kpi_catch_up_word": ("À faire", "To do"),
    "set_seasonality": ("Saisonnalité (mois 1 à 12)", "Seasonality (months 1 to 12)"),
    "kpi_catch_up_block": ("Rattrapage : reste à faire et objectif de chaque mois restant (saisonnalité)",
                           "Catch-up: left to do and the target of each remaining month (seasonality)"),
    # quarters
    "qt_title": ("Le plan par trimestre", "The plan by quarter"),
    "qt_help": ("Trimestres du plan (T1 = mois 1 à 3 du plan) : prévu du trimestre ; prévu à date, réel et écart "
                "arrêtés au mois de suivi (un trimestre en cours est comparé au prévu de ses mois écoulés).",
                "Plan quarters (Q1 = plan months 1 to 3): the quarter's plan; plan to date, actual and variance "
                "stop at the tracking month (a quarter in progress is compared with the plan of its elapsed months)."),
    "qt_quarter": ("T{q} ({first} – {last})", "Q{q} ({first} – {last})"),
    "qt_quarter_short": ("T{q} (mois {first} à {last})", "Q{q} (months {first} to {last})"),
    "qt_budget_section": ("Budget par trimestre et par catégorie ({currency})",
                          "Budget by quarter and category ({currency})"),
    "qt_budget_note": ("Le budget n'a qu'un réalisé par ligne (consommé à date), pas de réalisé par mois : par "
                       "trimestre, le prévu et le prévu à date ; le consommé et l'écart sont ceux de l'année à date.",
                       "The budget has one actual per line (spent to date), none per month: by quarter, the plan "
                       "and the plan to date; spent and variance are the year to date's."),
    "qt_year_to_date": ("Année, à date", "Year to date"),
    "qt_category": ("Catégorie", "Category"),
    "qt_total": ("Total", "Total"),
    "qt_spent": ("Consommé", "Spent"),
    "qt_kpi_section": ("Indicateurs par trimestre", "KPIs by quarter"),
    "qt_id": ("ID", "ID"),
    "qt_kpi": ("Indicateur", "KPI"),
    "qt_plan": ("Prévu", "Plan"),
    "qt_plan_to_date": ("Prévu à date", "Plan to date"),
    "qt_actual": ("Réel", "Actual"),
    "qt_variance": ("Écart", "Variance"),
    "qt_variance_pct": ("Écart %", "Variance %"),
    "qt_h_rate": ("Aide : taux", "Helper: rate"),
    "qt_h_cost": ("Aide : coût", "Helper: cost"),
    "qt_h_ratio": ("Aide : ratio", "Helper: ratio"),
    "qt_h_num": ("Aide : ligne du numérateur", "Helper: numerator row"),
    "qt_h_den": ("Aide : ligne du dénominateur", "Helper: denominator row"),
    # dashboard
    "dashboard_title": ("Tableau de bord", "Dashboard"),
    "db_month": ("Mois de suivi :", "Tracking month:"),
    "db_key_figures": ("Chiffres clés", "Key figures"),
    "db_value": ("Valeur", "Value"),
    "db_revenue_target": ("Objectif de CA", "Revenue goal"),
    "db_revenue_plan": ("CA prévu (KPI de type CA)", "Planned revenue (revenue KPIs)"),
    "db_revenue_plan_ytd": ("CA prévu à date", "Planned revenue to date"),
    "db_revenue_actual_ytd": ("CA réalisé à date", "Actual revenue to date"),
    "db_revenue_variance": ("Écart de CA à date", "Revenue variance to date"),
    "db_revenue_landing": ("Atterrissage CA", "Revenue landing forecast"),
    "db_deals": ("Signatures à réaliser", "Deals to sign"),
    "db_budget_total": ("Budget de l'année", "Budget of the year"),
    "db_budget_actual": ("Budget consommé", "Budget spent"),
    "db_budget_consumed": ("Budget consommé (%)", "Budget spent (%)"),
    "db_actions": ("Actions", "Actions"),
    "db_actions_done": ("Actions faites (%)", "Actions done (%)"),
    "db_actions_late": ("Actions en retard", "Late actions"),
    "db_objectives": ("Objectifs", "Objectives"),
    "db_objectives_smart": ("Objectifs SMART complets", "Complete SMART objectives"),
    "db_kpi_fav": ("KPI favorables", "Favourable KPIs"),
    "db_kpi_unfav": ("KPI défavorables", "Unfavourable KPIs"),
    "db_customers": ("Clients avec CA", "Customers with revenue"),
    "db_customers_a": ("Clients de classe A", "Class A customers"),
    "db_revenue_retention": ("Rétention du CA (N-1 → N)", "Revenue retention (N-1 → N)"),
    "db_churn_rate": ("Taux d'attrition des clients", "Customer churn rate"),
    "db_coverage_meetings": ("Rendez-vous du plan de couverture / an", "Coverage plan meetings / year"),
    "db_segments": ("Parts des segments", "Segment shares"),
    "db_month_col": ("Mois", "Month"),
    "db_plan": ("Prévu", "Plan"),
    "db_actual": ("Réel", "Actual"),
    "db_chart_revenue": ("CA prévu et réel par mois", "Revenue, plan vs actual, by month"),
    "db_category": ("Catégorie", "Category"),
    "db_budget": ("Budget", "Budget"),
    "db_spent": ("Consommé", "Spent"),
    "db_chart_budget": ("Budget par catégorie", "Budget by category"),
    "db_status": ("Statut", "Status"),
    "db_count": ("Actions", "Actions"),
    "db_chart_status": ("Actions par statut", "Actions by status"),
    "db_stage": ("Étape", "Stage"),
    "db_volume": ("Volume annuel", "Yearly volume"),
    "db_chart_funnel": ("Entonnoir : volumes annuels", "Funnel: yearly volumes"),
    "db_card_revenue": ("CA réalisé à date", "Revenue to date"),
    "db_card_landing": ("Atterrissage CA", "Revenue landing (year end)"),
    "db_card_budget": ("Budget consommé", "Budget spent"),
    "db_card_late": ("Actions en retard", "Late actions"),
    "db_card_customers_a": ("Clients de classe A", "Class A customers"),
    "db_card_vs_plan": ("vs prévu à date", "vs plan to date"),
    "db_card_vs_year": ("vs prévu sur l'année", "vs full-year plan"),
    "db_card_of_budget": ("sur un budget de", "of a budget of"),
    "db_card_of_actions": ("sur {n} actions", "of {n} actions"),
    "db_card_of_revenue": ("{pct} du CA", "{pct} of revenue"),
    "db_no_data": ("Pas encore de données", "No data yet"),
    "db_tables": ("Chiffres clés et données des graphiques", "Key figures and chart data"),
    # UDF sheet (--udfs)
    "udf_title": ("Fonctions pacxl (xlwings) face aux formules", "pacxl functions (xlwings) beside the formulas"),
    "udf_help": ("Les cellules PAC_* demandent Excel, le complément xlwings et pacxl installé "
                 "(module pacxl.udfs, voir la feuille masquée xlwings.conf) ; ailleurs elles "
                 "affichent #NAME?.",
                 "The PAC_* cells need Excel, the xlwings add-in and pacxl installed (module "
                 "pacxl.udfs, see the hidden xlwings.conf sheet); elsewhere they show #NAME?."),
    "udf_what": ("Calcul", "Figure"),
    "udf_native": ("Formule native", "Native formula"),
    "udf_udf": ("Fonction PAC_*", "PAC_* function"),
    "udf_agree": ("Accord", "Agree"),
    "udf_overall": ("Fonctions et formules :", "Functions and formulas:"),
    "udf_disagree": ("écart constaté", "they differ"),
    "udf_agree_all": ("identiques", "identical"),
    "udf_not_run": ("– fonctions non calculées (xlwings absent ?)", "– functions not computed (no xlwings?)"),
    "udf_funnel": ("Entonnoir :", "Funnel:"),
    "udf_deals": ("Signatures à réaliser (PAC_DEALS)", "Deals to sign (PAC_DEALS)"),
    "udf_abc_count": ("Clients de classe", "Customers of class"),
    "udf_matrix": ("ABC croisé : cellules égales", "Cross ABC: cells equal"),
    "udf_abc_rows": ("Classes ABC identiques, ligne à ligne", "Same ABC class, row by row"),
    "udf_kpi": ("KPI", "KPI"),
    "udf_variance": ("écart", "variance"),
    "udf_variance_pct": ("écart %", "variance %"),
    "udf_landing": ("atterrissage", "landing"),
}


def text(key: str, lang: str) -> str:
    """A visible text of the workbook in ``lang`` (fr or en)."""
    fr, en = TEXT[key]
    return fr if lang == "fr" else en

# Team workbook (pacxl consolidate): one sheet per person with their key figures.
TEXT.update({
    "ps_title": ("Plan de {name}", "{name}'s plan"),
    "ps_help": ("Chiffres clés du plan individuel ({file}), au mois {month} du plan. Les deux "
                "dernières lignes du bloc se recalculent depuis le plan d'actions de l'équipe.",
                "Key figures of the individual plan ({file}) at plan month {month}. The block's last "
                "two lines recompute from the team's action plan."),
    "ps_key_figures": ("Chiffres clés", "Key figures"),
    "ps_value": ("Valeur", "Value"),
    "ps_revenue_target": ("Objectif de CA", "Revenue target"),
    "ps_deals": ("Affaires à signer", "Deals to sign"),
    "ps_budget_year": ("Budget de l'année", "Budget of the year"),
    "ps_budget_spent": ("Budget dépensé à date", "Budget spent to date"),
    "ps_actions": ("Actions", "Actions"),
    "ps_actions_done": ("Actions faites", "Actions done"),
    "ps_actions_late": ("Actions en retard", "Actions late"),
    "ps_team_actions": ("Ses actions dans le plan d'équipe (ID {code}-…)",
                        "Their actions in the team plan (IDs {code}-…)"),
    "ps_team_budget": ("Budget de ses actions dans le plan d'équipe",
                       "Budget of their actions in the team plan"),
    "ps_kpis": ("Indicateurs à date", "KPIs to date"),
    "ps_kpi": ("Indicateur", "KPI"),
    "ps_plan_ytd": ("Prévu à date", "Plan to date"),
    "ps_actual_ytd": ("Réel à date", "Actual to date"),
    "ps_variance": ("Écart", "Variance"),
    "ps_variance_pct": ("Écart %", "Variance %"),
    "ps_landing": ("Atterrissage", "Landing forecast"),
    "consolidation_notes": ("Notes de consolidation", "Consolidation notes"),
})

# The Revisions and Baseline sheets (pacxl.workbook.sheets.revisions).
TEXT.update({
    "rev_title": ("Révisions du plan", "Plan revisions"),
    "rev_help": ("Chaque changement d'une cible, d'un prévu KPI ou d'une ligne de budget après le gel du "
                 "plan (pacxl freeze), avec son motif. pacxl revise ajoute les lignes ; vous pouvez aussi "
                 "les saisir.",
                 "Each change of a target, a KPI plan or a budget line after the plan was frozen "
                 "(pacxl freeze), with its reason. pacxl revise adds the rows; you may also type them."),
    "rev_frozen": ("Gelé le", "Frozen on"),
    "base_title": ("Plan initial (référence)", "Initial plan (baseline)"),
    "base_help": ("Le plan approuvé, enregistré par pacxl freeze. Ne le modifiez pas : pacxl revise "
                  "enregistre les changements dans la feuille Révisions.",
                  "The approved plan, recorded by pacxl freeze. Do not change it: pacxl revise records "
                  "changes on the Revisions sheet."),
    "base_date": ("Gelé le", "Frozen on"),
})

# The Pipeline sheet (pacxl.workbook.sheets.pipeline).
from .i18n_pipeline import TEXT as _PIPELINE_TEXT  # noqa: E402

TEXT.update(_PIPELINE_TEXT)
# The Team sheet (pacxl.workbook.sheets.team).
TEXT.update({
    "team_title": ("Équipe commerciale", "Sales team"),
    "team_help": ("Les commerciaux, puis la part de l'objectif de CA de chaque segment que chacun porte "
                  "(part ou montant ; 100 % par segment). pacxl split en fait un plan par commercial.",
                  "The salespeople, then the part of each segment's revenue target each one carries "
                  "(share or amount; 100 % per segment). pacxl split makes one plan per salesperson."),
    "team_segment": ("Segment", "Segment"),
    "team_target_new": ("dont nouveau", "of which new"),
    "team_target_existing": ("dont existant", "of which existing"),
    "team_business": ("Activité (nouveau / existant)", "Business (new / existing)"),
    "team_share": ("Part de l'objectif du segment", "Share of the segment's target"),
    "team_segment_target": ("Objectif du segment", "Segment target"),
    "team_allocated": ("Part répartie", "Share allocated"),
    "team_check": ("Contrôle", "Check"),
    "team_not_100": ("≠ 100 %", "≠ 100 %"),
    "team_salesperson": ("Commercial", "Salesperson"),
    "team_target": ("Objectif de CA", "Revenue target"),
})

from .i18n_reconcile import TEXT as _RC_TEXT  # noqa: E402  (reconciliation and team load, issue 15)

TEXT.update(_RC_TEXT)
