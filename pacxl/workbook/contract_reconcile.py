"""The contract of the Reconciliation sheet (``pacxl consolidate --against TEAM.xlsx``).

Not every workbook has it: its tables are registered in
:data:`pacxl.workbook.contract.EXTRA_TABLES` (read by header like the others, absent from the
generator's standard set). Input columns hold what consolidate read (the salespeople's plans, the
team's targets and allocations); computed columns are native formulas (twins of
:mod:`pacxl.calc.reconcile`).
"""

from __future__ import annotations

from .contract import Column as C
from .contract import Table

ROLE = "reconciliation"
SHEET = {"fr": "Rapprochement", "en": "Reconciliation"}

RECONCILIATION = Table(
    "tblReconciliation",
    ROLE,
    (
        C("salesperson", "Commercial", "Salesperson"),
        C("segment", "Segment", "Segment"),
        C("plan", "Plan individuel", "Individual plan"),
        C("team_target", "Objectif équipe du segment", "Team target of the segment"),
        C("share", "Part allouée", "Allocated share"),
        C("amount", "Montant alloué", "Allocated amount"),
        C("allocation", "Allocation", "Allocation", computed=True),
        C("gap", "Écart", "Gap", computed=True),
        C("gap_pct", "Écart %", "Gap %", computed=True),
    ),
)
RATES = Table(
    "tblReconciliationRates",
    ROLE,
    (
        C("salesperson", "Commercial", "Salesperson"),
        C("stage", "Étape", "Stage"),
        C("actual", "Réel à date", "Actual to date"),
        C("observed", "Taux observé", "Observed rate", computed=True),
        C("assumed", "Taux de l'équipe", "Team's rate", computed=True),
        C("difference", "Écart (points)", "Difference (points)", computed=True),
    ),
)
TABLES = {t.name: t for t in (RECONCILIATION, RATES)}
