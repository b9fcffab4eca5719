"""Small hand-made plans for the check, report and consolidate tests (no workbook needed)."""

from __future__ import annotations

import datetime as dt

from pacxl.defaults import blank_plan
from pacxl.model import KPI, Action, BudgetLine, Customer, Objective, Plan, Segment

D = dt.date


def clean_plan(lang: str = "en", owner: str = "Alice") -> Plan:
    """A small plan with no error: 2026, tracking month 3, one owner, funnel 0.2/0.5/0.3."""
    p = blank_plan(lang, year=2026, company="Acme", owners=[owner, "Bob"])
    s = p.settings
    s.tracking_month = 3
    s.revenue_target = 300_000.0
    s.average_deal = 20_000.0  # 15 deals -> 50 proposals -> 100 meetings -> 500 contacts
    done = s.statuses[2]
    todo = s.statuses[0]
    cats = s.categories
    p.segments = [Segment("Industry", share=0.6), Segment("Retail", share=0.4)]
    p.objectives = [
        Objective("O1", "Revenue 300k", "Revenue", 300_000.0, "EUR", deadline=D(2026, 12, 31), owner=owner),
        Objective("O2", "15 new customers", "Signed deals", 15.0, "deals", deadline=D(2026, 12, 31), owner="Bob"),
    ]
    p.actions = [
        Action("A1", "O2", "Phone prospecting", cats[2], owner=owner, start=D(2026, 1, 5), end=D(2026, 12, 18),
               budget=1_000.0, status=todo),
        Action("A2", "O1", "Trade fair", cats[0], owner="Bob", start=D(2026, 2, 10), end=D(2026, 2, 12),
               budget=8_000.0, status=done),
        Action("A3", "O1", "Key account visits", cats[4], owner=owner, start=D(2026, 1, 1), end=D(2026, 12, 31),
               budget=3_000.0, status=todo),
    ]
    p.budget = [
        BudgetLine("B1", s.budget_categories[4], "A1", "Phone", [1000 / 12] * 12, actual=250.0),
        BudgetLine("B2", s.budget_categories[0], "A2", "Stand", [0, 8000.0] + [None] * 10, actual=8_500.0),
        BudgetLine("B3", s.budget_categories[4], "A3", "Travel", [250.0] * 12, actual=700.0),
    ]
    p.kpis = [
        KPI("K1", "Revenue", "revenue", "EUR", "O1", [25_000.0] * 12,
            [20_000.0, 30_000.0, 24_000.0] + [None] * 9),
        KPI("K2", "Contacts", "count", "", "O2", [45.0] * 12, [40.0, 50.0, 41.0] + [None] * 9),
        KPI("K3", "Marketing cost", "cost", "EUR", "O1", [1_000.0] * 12, [900.0, 1_200.0, 800.0] + [None] * 9),
        KPI("K4", "Signature rate", "rate", "%", "O2", [0.3] * 12, [0.25, 0.35, 0.3] + [None] * 9),
    ]
    p.customers = [Customer(f"C{i}", f"Customer {i}", "Industry", float(a))
                   for i, a in enumerate([100, 50, 30, 10, 10], start=1)]
    return p
