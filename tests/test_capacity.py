"""The blank grows with the owner's data (issue 12): its tables offer, on the protected sheets,
500 customers, 200 actions, 150 budget lines, 40 KPIs and 30 objectives, and every figure
takes them in.

One test, one LibreOffice recalculation: the blank (``pacxl new``) gets its tables filled with
openpyxl in the cells a user types in (input cells of the tables' rows, checked unlocked; the
protection is not touched), plus the tracking month in Settings; LibreOffice recalculates it;
then every figure family of the one-truth harness (tests/test_consistency.py: KPI computed
columns, budget totals row, dashboard key figures and blocks, objectives, action budgets) equals
``pacxl.report.report_figures`` of the workbook read back, and each customer's ABC class equals
:func:`pacxl.calc.abc_classes`. The customers are typed in no particular order (the ABC formulas
then take their SUMIF branch) and the rows past the typed ones stay blank (shown as nothing).
"""

from __future__ import annotations

import datetime as dt
import random

import openpyxl
import pytest

from pacxl.calc import abc_classes
from pacxl.defaults import blank_plan
from pacxl.report import report_figures
from pacxl.workbook.build import build_workbook
from pacxl.workbook.contract import TABLES
from pacxl.workbook.sheets._common import MIN_ROWS
from pacxl.workbook.read import read_plan
from pacxl.workbook.tables import table_columns

from test_consistency import FIGURES, Case, compare
from workbook_values import Book, blank, recalculate_all

pytestmark = pytest.mark.libreoffice

#: rows typed in each table: the capacity the issue asks for
TYPED = {"tblCustomers": 500, "tblActions": 200, "tblBudget": 150, "tblKPI": 40, "tblObjectives": 30}
MONTH = 6  # tracking month typed in Settings
YEAR = 2027


def _list(wb, name: str) -> list:
    """The non-blank values of the cells a defined name covers (a drop-down's list)."""
    out = []
    for title, ref in wb.defined_names[name].destinations:
        cells = wb[title][ref.replace("$", "")]
        for row in cells if isinstance(cells, tuple) else ((cells,),):
            out += [c.value for c in row if not blank(c.value)]
    return out


def _rows(wb, rng: random.Random) -> dict[str, list[dict]]:
    """What the owner types, table by table (input column key -> value)."""
    kinds, statuses = _list(wb, "PAC_KPIKinds"), _list(wb, "PAC_Statuses")
    cats, bcats = _list(wb, "PAC_Categories"), _list(wb, "PAC_BudgetCategories")
    segments = _list(wb, "PAC_Segments") or ["Industrie", "Services"]
    owners = ["Alice", "Bruno", "Chloé"]
    day = lambda: dt.datetime(YEAR, 1, 1) + dt.timedelta(days=rng.randint(0, 364))  # noqa: E731
    n_kpi, n_obj, n_act = TYPED["tblKPI"], TYPED["tblObjectives"], TYPED["tblActions"]
    kpis = []
    for i in range(1, n_kpi + 1):
        kind = kinds[(i - 1) % len(kinds)]
        rate = kind == kinds[3]
        months = [round(rng.uniform(0.05, 0.9), 3) if rate else float(rng.randint(0, 90) * 100)
                  for _ in range(24)]
        row = {"id": f"K{i:02d}", "name": f"Indicateur {i}", "kind": kind, "unit": "%" if rate else "€",
               "objective_id": f"O{(i - 1) % n_obj + 1:02d}"}
        if rate and i % 8 == 4:  # a ratio of two sum KPIs
            row |= {"numerator": f"K{i - 2:02d}", "denominator": f"K{i - 3:02d}"}
        row |= {f"p{m:02d}": months[m - 1] for m in range(1, 13)}
        row |= {f"a{m:02d}": months[11 + m] if m <= MONTH and rng.random() < 0.9 else None for m in range(1, 13)}
        kpis.append(row)
    objectives = [{"id": f"O{i:02d}", "objective": f"Objectif {i}", "kpi": f"Indicateur {i}" if i % 3 else None,
                   "target": float(rng.randint(1, 50) * 1000) if i % 5 else None, "unit": "€",
                   "achievable": "Oui" if i % 4 else None, "relevant": "Oui", "deadline": day(),
                   "owner": owners[i % 3], "status": statuses[i % len(statuses)]}
                  for i in range(1, n_obj + 1)]
    actions = [{"id": f"A{i:03d}", "objective_id": f"O{(i - 1) % n_obj + 1:02d}", "action": f"Action {i}",
                "category": cats[i % len(cats)], "owner": owners[i % 3] if i % 7 else None,
                "start": day(), "end": day(), "status": statuses[i % len(statuses)]}
               for i in range(1, n_act + 1)]
    budget = []
    for i in range(1, TYPED["tblBudget"] + 1):
        row = {"id": f"B{i:03d}", "category": bcats[i % len(bcats)], "action_id": f"A{rng.randint(1, n_act):03d}",
               "label": f"Ligne {i}", "actual": float(rng.randint(0, 400) * 10) if i % 3 else None}
        row |= {f"m{m:02d}": float(rng.randint(0, 30) * 50) if rng.random() < 0.6 else None for m in range(1, 13)}
        budget.append(row)
    customers = []
    for i in range(1, TYPED["tblCustomers"] + 1):
        u = rng.random()
        amount = 0.0 if u < 0.01 else -float(rng.randint(1, 50) * 10) if u < 0.02 else \
            float(round(rng.paretovariate(1.16) * 800, -1))
        customers.append({"code": f"C{i:05d}", "name": f"Client {i}", "segment": segments[i % len(segments)],
                          "amount": amount})
    return {"tblObjectives": objectives, "tblActions": actions, "tblBudget": budget, "tblKPI": kpis,
            "tblCustomers": customers}


def _type(wb, rows: dict[str, list[dict]]) -> list[str]:
    """Put each row in the table's body, as typed by hand; the cells that were not offered for
    typing (outside the table, or locked) are returned."""
    refused = []
    for name, typed in rows.items():
        ws, tbl, col_of = table_columns(wb, name)
        first = int(tbl.ref.split(":")[0].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) + 1
        last = int(tbl.ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        for i, row in enumerate(typed):
            for key, value in row.items():
                cell = ws.cell(row=first + i, column=col_of[key])
                if first + i > last or cell.protection.locked:
                    refused.append(f"{name} {cell.coordinate}")
                cell.value = value
    return refused


def test_the_blank_takes_what_the_issue_lists(tmp_path):
    path = build_workbook(blank_plan("fr", year=YEAR), tmp_path / "pac.xlsx")
    wb = openpyxl.load_workbook(path)
    assert all(ws.protection.sheet for ws in wb.worksheets)
    rows = _rows(wb, random.Random(20270612))
    refused = _type(wb, rows)
    assert refused == [], f"{len(refused)} cells not offered for typing, first {refused[:5]}"
    month = wb.defined_names["PAC_Month"]
    (title, ref), = list(month.destinations)
    assert not wb[title][ref.replace("$", "")].protection.locked
    wb[title][ref.replace("$", "")] = MONTH
    assert all(ws.protection.sheet for ws in wb.worksheets)  # nothing unprotected
    wb.save(path)

    held = read_plan(path)
    counts = {"tblCustomers": len(held.customers), "tblActions": len(held.actions), "tblBudget": len(held.budget),
              "tblKPI": len(held.kpis), "tblObjectives": len(held.objectives)}
    assert counts == TYPED
    fig = report_figures(held)
    fig["_action_ids"] = [a.id for a in held.actions if a.id]
    assert fig["actions"]["counts"]["late"] > 0  # the dashboard's late count is exercised
    case = Case("capacity", held, fig, path)
    case.book = Book(recalculate_all([path], tmp_path / "recalculated")[path], "fr")

    problems = [p for f in FIGURES for p in compare(f, case)]
    assert not problems, f"{len(problems)} disagreement(s)\n" + "\n".join(problems[:25])

    # ABC class of every customer, typed unsorted, against calc
    table = case.book.table("tblCustomers")
    want = abc_classes([c["amount"] for c in rows["tblCustomers"]])
    got = [r["abc"] for r in table[:len(rows["tblCustomers"])]]
    assert got == list(want.classes)
    assert case.book.name("PAC_CustomersSorted") is False  # typed unsorted: the SUMIF branch
    # the rows left blank show nothing, in every table
    for name, typed in rows.items():
        rest = case.book.table(name)[len(typed):]
        shown = [(name, len(typed) + i, k, v) for i, r in enumerate(rest) for k, v in r.items()
                 if not blank(v) and not k.startswith("h_")]
        assert shown == [], shown[:5]
    for name in TABLES:  # (the revisions and the baseline tables: their generated capacity)
        assert len(case.book.table(name)) >= TYPED.get(name, MIN_ROWS[name])
