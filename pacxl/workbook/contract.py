"""The workbook contract: sheet roles, defined names and tables that every part of pacxl relies on.

Builders write these names; importers, ``check``, ``report``, ``consolidate`` and the macros read
them. Change nothing here without a migration: users' workbooks carry these names.

* Sheets are found by **role** (their title depends on the language).
* Cells are found by **defined name** (``PAC_*``, workbook scope).
* Tables are found by **table name** (``tbl*``); their columns by **header**, French or
  English (:func:`pacxl.workbook.columns.column_map`, the one way every reader and writer finds
  them): a column the user inserts is ignored, a missing one is named. The builder writes them in
  the order of :data:`TABLES`, input columns first, computed columns (native formulas) after, except the action's budget (the sum of its budget
  lines);
  it may name month columns with the plan's month names (``janv. 2027``), also recognised.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGS = ("fr", "en")

#: role -> title per language, in workbook order.
SHEETS: dict[str, dict[str, str]] = {
    "guide": {"fr": "Guide", "en": "Guide"},
    "settings": {"fr": "Paramètres", "en": "Settings"},
    "review": {"fr": "Bilan N-1", "en": "Last year"},
    "swot": {"fr": "SWOT", "en": "SWOT"},
    "targets": {"fr": "Cibles", "en": "Targets"},
    "customers": {"fr": "Clients", "en": "Customers"},
    "objectives": {"fr": "Objectifs", "en": "Objectives"},
    # the sales team: salespeople and their share of each segment's target (pacxl split)
    "team": {"fr": "Équipe", "en": "Team"},
    "funnel": {"fr": "Entonnoir", "en": "Funnel"},
    "pipeline": {"fr": "Pipeline", "en": "Pipeline"},  # the CRM's deals (pacxl import pipeline)
    "actions": {"fr": "Plan d'actions", "en": "Action plan"},
    "calendar": {"fr": "Calendrier", "en": "Calendar"},
    "budget": {"fr": "Budget", "en": "Budget"},
    "kpi": {"fr": "Suivi KPI", "en": "KPI tracking"},
    "quarters": {"fr": "Trimestres", "en": "Quarters"},
    "dashboard": {"fr": "Tableau de bord", "en": "Dashboard"},
    # revisions of the plan after its freeze, and the approved plan (hidden, protected)
    "revisions": {"fr": "Révisions", "en": "Revisions"},
    "baseline": {"fr": "Référence", "en": "Baseline"},
    # only with --udfs
    "udfs": {"fr": "UDF", "en": "UDF"},
    "xlwings_conf": {"fr": "xlwings.conf", "en": "xlwings.conf"},
}

#: Defined names (workbook scope) and what they hold.
NAMES: dict[str, str] = {
    "PAC_Company": "company name (Settings)",
    "PAC_Year": "the plan's year (Settings)",
    "PAC_Currency": "ISO currency code, e.g. EUR (Settings)",
    "PAC_FirstMonth": "calendar month (1-12) the plan year starts with (Settings)",
    "PAC_Month": "tracking month: plan months 1..PAC_Month have actuals (Settings)",
    "PAC_AsOfInput": "as-of date typed by the user, optional (Settings)",
    "PAC_AsOf": "the plan's as-of date: PAC_AsOfInput, else the last day of the tracking month (Settings)",
    "PAC_RevenueTarget": "revenue goal of the year (Funnel)",
    "PAC_AvgDeal": "average deal value (Funnel)",
    "PAC_FunnelTarget": "deals to sign in the year (Funnel; computed from revenue unless typed)",
    "PAC_FunnelStages": "funnel stage names, top first (Settings, 6 cells, blanks at the end)",
    "PAC_FunnelRates": "conversion rate from each stage to the next (Settings, 5 cells)",
    "PAC_FunnelVolumes": "yearly volume per stage, top first (Funnel, 6 cells)",
    "PAC_ABC_A": "ABC threshold of class A (Settings, default 0.80)",
    "PAC_ABC_B": "ABC threshold of class B (Settings, default 0.95)",
    "PAC_ABCBasis": "what the ABC classes rank: CA/Revenue (default) or Marge/Margin (Settings)",
    "PAC_CoverageVisits": "visits or calls per customer and year for class A, B, C (Settings, 3 cells)",
    "PAC_ABCTotal": "sum of the positive figures of the ABC basis (Customers)",
    "PAC_PotentialTotal": "sum of the customers' positive potentials (Customers)",
    "PAC_ABCMatrix": "current class (rows A, B, C) x potential class: counts (3 columns), then revenue (3 columns) (Customers)",
    "PAC_Retention": "retention from N-1 to N, 9 cells: kept, lost, new, N-1 base, kept revenue, lost revenue, new revenue, revenue retention, churn rate (Customers)",
    "PAC_CoverageMeetings": "meetings a year the coverage plan needs: customers of each class x PAC_CoverageVisits (Customers)",
    "PAC_BudgetTotal": "total of the yearly budget (Budget)",
    "PAC_Owners": "list of owners (Settings)",
    "PAC_Segments": "list of segments (Targets: the segment names typed there)",
    "PAC_Categories": "list of action categories (Settings)",
    "PAC_Levers": "list of levers (Settings)",
    "PAC_Statuses": "list of statuses: to do, in progress, done, postponed, cancelled (Settings)",
    "PAC_BudgetCategories": "list of budget categories (Settings)",
    "PAC_KPIKinds": "list of KPI kinds: revenue, count, cost, rate (Settings)",
    "PAC_KeyDates": "the year's key dates (Calendar, dates)",
    "PAC_KeyDateLabels": "the labels of the key dates (Calendar, beside PAC_KeyDates)",
    "PAC_DealsOverride": "deals to sign typed by the user, overriding the computed count (Funnel)",
    "PAC_BudgetActual": "total spent to date of the budget (Budget)",
    "PAC_CustomersCount": "customers with a positive amount (Customers)",
    "PAC_ABCSummary": "ABC summary, 3 rows A/B/C: class, count, revenue, revenue share, count share (Customers)",
    "PAC_SegmentShareCheck": "text saying whether the segments' target shares add up to 100 % (Targets)",
    "PAC_CustomersTotal": "sum of the customers' positive amounts (Customers)",
    "PAC_SeasonalityInput": "seasonality typed by the user: 12 monthly weights, optional (Settings)",
    "PAC_Seasonality": "seasonality used: 12 monthly weights adding up to 100 %: typed, else last year's monthly revenue, else flat (Settings)",
    "PAC_WorkingDays": "working days of each plan month: Monday-Friday less PAC_Holidays (Settings, 12 cells)",
    "PAC_Holidays": "public holidays of the plan year, editable (Settings, 30 cells)",
    "PAC_FunnelLags": "per funnel stage, months it precedes the signature (Settings, 6 cells)",
    "PAC_RevenueN1": "last year's revenue by plan month (Last year, 12 cells)",
    "PAC_FunnelSignaturesByMonth": "deals to sign each plan month: the year's deals spread by PAC_Seasonality in whole deals (Funnel, 12 cells)",
    "PAC_ObservedRates": "observed conversion rate of each stage to the next, months 1..PAC_Month, from the count KPIs linked to the stages (Funnel, 5 cells)",
    "PAC_FunnelVolumesObserved": "volume each stage still needs this year at the observed rates (Funnel, 6 cells)",
    "PAC_CustomersSorted": "TRUE when tblCustomers is sorted by its ABC basis, largest first (Customers)",
    "PAC_QuartersKPI": "the quarterly view of the KPIs: one row per tblKPI row (Quarters)",
    "PAC_QuartersBudget": "the quarterly view of the budget: one row per budget category, then the total (Quarters)",
    "PAC_BaselineDate": "date the approved plan was frozen as the baseline (Baseline, hidden; blank: never)",
    "PAC_PipelineWeighted": "amount x probability of the open deals expected to close within the plan year (Pipeline)",
    "PAC_PipelineCoverage": "PAC_PipelineWeighted / (revenue goal - revenue to date); blank when nothing is left (Pipeline)",
    "PAC_PipelineByStage": "open deals per funnel stage, 6 rows: stage, count, value, weighted, need for the rest of the year (Pipeline)",
    "PAC_PipelineByMonth": "open deals expected to close each plan month, 12 rows: month, count, value, weighted (Pipeline)",
}

#: Positions in the status list with a meaning for check and report.
STATUS_TO_DO, STATUS_DOING, STATUS_DONE, STATUS_POSTPONED, STATUS_CANCELLED = range(5)

#: Number of funnel stages the workbook offers (the rates are one fewer).
FUNNEL_STAGES = 6
MONTHS = 12


@dataclass(frozen=True)
class Column:
    key: str
    fr: str
    en: str
    computed: bool = False
    #: added after pacxl 0.1: a workbook made before it may lack the column; readers (check,
    #: report, consolidate) then read it as blank instead of refusing the workbook
    since: str = ""

    def header(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


@dataclass(frozen=True)
class Table:
    name: str
    sheet: str  # role
    columns: tuple[Column, ...]

    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    def index(self, key: str) -> int:
        """0-based position of a column."""
        return self.keys().index(key)

    def input_columns(self) -> list[Column]:
        return [c for c in self.columns if not c.computed]

    def headers(self, lang: str) -> list[str]:
        return [c.header(lang) for c in self.columns]


def month_keys() -> list[str]:
    return [f"m{i:02d}" for i in range(1, MONTHS + 1)]


def _months(prefix: str, fr: str, en: str) -> tuple[Column, ...]:
    # Headers are made unique per table; the builder may rename them with month names.
    return tuple(
        Column(f"{prefix}{i:02d}", f"{fr} M{i:02d}", f"{en} M{i:02d}") for i in range(1, MONTHS + 1)
    )


C = Column
OBJECTIVES = Table(
    "tblObjectives",
    "objectives",
    (
        C("id", "ID", "ID"),
        C("objective", "Objectif (Spécifique)", "Objective (Specific)"),
        C("kpi", "Indicateur (KPI)", "KPI"),
        C("target", "Cible (Mesurable)", "Target (Measurable)"),
        C("unit", "Unité", "Unit"),
        C("achievable", "Moyens (Atteignable)", "Means (Achievable)"),
        C("relevant", "Pourquoi (Réaliste)", "Why (Relevant)"),
        C("deadline", "Échéance (Temporel)", "Deadline (Time-bound)"),
        C("owner", "Responsable", "Owner"),
        C("status", "Statut", "Status"),
        C("smart", "Contrôle SMART", "SMART check", computed=True),
        # the target as approved (tblBaseline, pacxl freeze), beside the revised target and landing
        C("initial_target", "Cible initiale", "Initial target", computed=True, since="0.3"),
        C("landing", "Atterrissage à l'échéance", "Landing at deadline", computed=True),
        C("on_track", "En bonne voie", "On track", computed=True),
        # Helper columns (hidden, grouped): the measuring KPI's row in tblKPI, the deadline's plan
        # month, the rows of that KPI's numerator and denominator (rate KPIs).
        C("h_kpi", "Aide : ligne du KPI", "Helper: KPI row", computed=True),
        C("h_until", "Aide : mois de l'échéance", "Helper: deadline month", computed=True),
        C("h_num", "Aide : ligne du numérateur", "Helper: numerator row", computed=True),
        C("h_den", "Aide : ligne du dénominateur", "Helper: denominator row", computed=True),
    ),
)
ACTIONS = Table(
    "tblActions",
    "actions",
    (
        C("id", "ID", "ID"),
        C("objective_id", "Objectif", "Objective"),
        C("action", "Action", "Action"),
        C("category", "Catégorie", "Category"),
        C("lever", "Levier", "Lever"),
        C("segment", "Segment", "Segment"),
        C("owner", "Responsable", "Owner"),
        C("start", "Début", "Start"),
        C("end", "Fin", "End"),
        # the sum of the action's budget lines (Budget sheet): budgets are typed once, there
        C("budget", "Budget", "Budget", computed=True),
        C("kpi", "Indicateur (KPI)", "KPI"),
        C("status", "Statut", "Status"),
        C("alert", "Alerte", "Alert", computed=True),
    ),
)
BUDGET = Table(
    "tblBudget",
    "budget",
    (
        C("id", "Ligne", "Line"),
        C("category", "Catégorie", "Category"),
        C("action_id", "Action", "Action"),
        C("label", "Libellé", "Label"),
        *_months("m", "Budget", "Budget"),
        C("actual", "Réalisé", "Actual"),
        # the line's total as approved (tblBaseline, pacxl freeze), beside the revised total
        C("initial_total", "Total initial", "Initial total", computed=True, since="0.3"),
        C("total", "Total", "Total", computed=True),
        C("plan_ytd", "Prévu à date", "Plan to date", computed=True),
        C("variance", "Écart", "Variance", computed=True),
        C("consumed", "Consommé %", "Consumed %", computed=True),
    ),
)
KPI = Table(
    "tblKPI",
    "kpi",
    (
        C("id", "ID", "ID"),
        C("name", "Indicateur", "KPI"),
        C("kind", "Type", "Kind"),
        C("unit", "Unité", "Unit"),
        C("objective_id", "Objectif", "Objective"),
        C("numerator", "Numérateur (taux)", "Numerator (rate)", since="0.2"),
        C("denominator", "Dénominateur (taux)", "Denominator (rate)", since="0.2"),
        # count KPIs: the funnel stage the KPI counts (observed conversion rates, Funnel sheet)
        C("stage", "Étape de l'entonnoir", "Funnel stage", since="0.2"),
        *_months("p", "Prévu", "Plan"),
        *_months("a", "Réel", "Actual"),
        # the year's plan as approved (tblBaseline, pacxl freeze), beside the revised plan
        C("initial_year", "Prévu initial année", "Initial plan year", computed=True, since="0.3"),
        C("plan_year", "Prévu année", "Plan year", computed=True),
        C("plan_ytd", "Prévu à date", "Plan to date", computed=True),
        C("actual_ytd", "Réel à date", "Actual to date", computed=True),
        C("variance", "Écart", "Variance", computed=True),
        C("variance_pct", "Écart %", "Variance %", computed=True),
        C("landing", "Atterrissage", "Landing forecast", computed=True),
        C("run_rate", "Tendance", "Run-rate forecast", computed=True),
        C("status", "Statut", "Status", computed=True),
        # catch-up (calc.followup.kpi_catch_up): what is left of the year's plan, the monthly
        # target of each remaining month (blank up to PAC_Month), a ratio rate's rate needed
        C("remaining", "Reste à faire", "Left to do", computed=True, since="0.2"),
        *(Column(f"c{i:02d}", f"À faire M{i:02d}", f"To do M{i:02d}", computed=True, since="0.2")
          for i in range(1, MONTHS + 1)),
        C("rate_needed", "Taux nécessaire", "Rate needed", computed=True, since="0.2"),
    ),
)
CUSTOMERS = Table(
    "tblCustomers",
    "customers",
    (
        C("code", "Code client", "Customer code"),
        C("name", "Raison sociale", "Name"),
        C("segment", "Segment", "Segment"),
        C("amount", "CA", "Revenue"),
        # optional (issue 14): gross margin, potential (yearly revenue within reach), revenue N-1
        C("margin", "Marge brute", "Gross margin", since="0.4"),
        C("potential", "Potentiel", "Potential", since="0.4"),
        C("previous", "CA N-1", "Revenue N-1", since="0.4"),
        C("share", "Part", "Share", computed=True),
        C("cum_share", "Part cumulée", "Cumulative share", computed=True),
        C("prior_share", "Part antérieure", "Prior share", computed=True),
        C("abc", "Classe ABC", "ABC class", computed=True),
        C("abc_potential", "Classe potentiel", "Potential class", computed=True, since="0.4"),
        # Helper columns (hidden, grouped): O(1)-per-row ABC on a table sorted by the ABC basis.
        C("h_basis", "Aide : base ABC", "Helper: ABC basis", computed=True, since="0.4"),
        C("h_pos", "Aide : montant positif", "Helper: positive amount", computed=True),
        C("h_run", "Aide : cumul", "Helper: running sum", computed=True),
        C("h_prior", "Aide : cumul supérieur", "Helper: sum above", computed=True),
        C("h_upto", "Aide : cumul à égalité", "Helper: sum down to ties", computed=True),
        C("h_break", "Aide : rupture d'ordre", "Helper: order break", computed=True),
        C("h_pot_prior", "Aide : part de potentiel supérieure", "Helper: potential share above", computed=True,
          since="0.4"),
    ),
)

#: The CRM's deals (pacxl import pipeline; rules in pacxl.calc.pipeline).
PIPELINE = Table(
    "tblPipeline",
    "pipeline",
    (
        C("deal", "Affaire", "Deal"),
        C("account", "Client", "Account"),
        C("owner", "Responsable", "Owner"),
        C("stage", "Étape", "Stage"),
        C("amount", "Montant", "Amount"),
        C("probability", "Probabilité", "Probability"),
        C("close", "Signature prévue", "Expected close"),
        C("created", "Créée le", "Created"),
        C("status", "Statut", "Status"),
        C("weighted", "Montant pondéré", "Weighted amount", computed=True),
        C("age", "Âge (jours)", "Age (days)", computed=True),
        # Helper columns (hidden, grouped): numbers the sheet's figures add up
        C("h_open", "Aide : ouverte", "Helper: open", computed=True),
        C("h_value", "Aide : montant ouvert", "Helper: open amount", computed=True),
        C("h_weighted", "Aide : pondéré", "Helper: weighted", computed=True),
        C("h_month", "Aide : mois de signature", "Helper: close month", computed=True),
        C("h_past", "Aide : échéance dépassée", "Helper: past close", computed=True),
    ),
)

#: Revisions of the plan after its freeze: one row per changed value (pacxl revise, or typed).
REVISIONS = Table(
    "tblRevisions",
    "revisions",
    (
        C("date", "Date", "Date"),
        C("id", "ID", "ID"),
        C("field", "Champ", "Field"),  # cible/target, prévu/plan, budget (FIELD_WORDS)
        C("month", "Mois", "Month"),  # plan month 1..12 of a KPI's plan or a budget line
        C("old", "Ancienne valeur", "Old value"),
        C("new", "Nouvelle valeur", "New value"),
        C("reason", "Motif", "Reason"),
        C("author", "Auteur", "Author"),
    ),
)
#: The approved plan (pacxl freeze): one row per objective target, KPI month, budget line month.
BASELINE = Table(
    "tblBaseline",
    "baseline",
    (
        C("kind", "Type", "Kind"),  # objective | kpi | budget
        C("id", "ID", "ID"),
        C("field", "Champ", "Field"),  # target | plan | budget
        C("month", "Mois", "Month"),
        C("value", "Valeur", "Value"),
    ),
)

#: The sales team (Team sheet): one row per salesperson. Input columns first; capacity columns
#: (computed) may follow.
TEAM = Table(
    "tblTeam",
    "team",
    (
        C("salesperson", "Commercial", "Salesperson"),
        C("email", "E-mail", "Email"),
        C("meetings_per_week", "RDV par semaine", "Meetings per week"),
        # capacity (calc.team_capacity): share of the team's target, meetings needed per working
        # week, load = need / meetings per week
        C("share", "Part de l'objectif", "Share of the target", computed=True),
        C("need_per_week", "RDV nécessaires par semaine", "Meetings needed per week", computed=True),
        C("load", "Charge", "Load", computed=True),
    ),
)
#: Who carries which part of each segment's revenue target (Team sheet, pacxl split): a share
#: (0-1) of the segment's target, or an amount; business: new / existing (nouveau / existant).
ALLOCATION = Table(
    "tblAllocation",
    "team",
    (
        C("salesperson", "Commercial", "Salesperson"),
        C("segment", "Segment", "Segment"),
        C("share", "Part", "Share"),
        C("amount", "Montant", "Amount"),
        C("business", "Activité", "Business"),
    ),
)
#: The words of tblAllocation's business column, per language.
BUSINESS_WORDS: dict[str, dict[str, str]] = {
    "new": {"fr": "nouveau", "en": "new"},
    "existing": {"fr": "existant", "en": "existing"},
}

#: The words of tblRevisions' field column, per language (key: calc.revisions' field).
FIELD_WORDS: dict[str, dict[str, str]] = {
    "target": {"fr": "cible", "en": "target"},
    "plan": {"fr": "prévu", "en": "plan"},
    "budget": {"fr": "budget", "en": "budget"},
}

def word_key(typed: object, words: dict[str, dict[str, str]]) -> str:
    """A word of ``words`` (BUSINESS_WORDS, FIELD_WORDS) typed in either language, or its key ->
    the key; other text is returned stripped and lowered (it then matches no key)."""
    t = str(typed if typed is not None else "").strip().casefold()
    for key, by_lang in words.items():
        if t == key or t in (w.casefold() for w in by_lang.values()):
            return key
    return t


TABLES: dict[str, Table] = {t.name: t for t in (OBJECTIVES, ACTIONS, BUDGET, KPI, CUSTOMERS, REVISIONS, BASELINE,
                                                TEAM, ALLOCATION, PIPELINE)}


def column_name(table: str, key: str) -> str:
    """Defined name of a table column's body range (``tblBudget_total``), kept in step with the
    table's size by :func:`pacxl.workbook.tables.write_rows`; formulas outside the table use it."""
    return f"{table}_{key}"


def sheet_title(role: str, lang: str) -> str:
    return SHEETS[role][lang]


def role_of_title(title: str) -> str | None:
    """The role of a sheet from its title, in any language."""
    for role, titles in SHEETS.items():
        if title in titles.values():
            return role
    return None


#: Tables of optional sheets (the Reconciliation sheet of ``consolidate --against``): read and
#: written by header like :data:`TABLES`, but not in every workbook.
EXTRA_TABLES: dict[str, Table] = {}


def table_spec(name: str) -> Table:
    """The contract of table ``name``, standard or optional (KeyError when unknown)."""
    return TABLES[name] if name in TABLES else EXTRA_TABLES[name]


from .contract_reconcile import TABLES as _RECONCILE_TABLES  # noqa: E402

EXTRA_TABLES.update(_RECONCILE_TABLES)
