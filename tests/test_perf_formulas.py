"""The Clients sheet's formulas that scale: O(1) per row on the sorted table, exact when a user
has broken the order (the sheet then says so and falls back to SUMIF).

Speed itself is measured in ``benchmarks/bench_clients_recalc.py`` (no timing here): these tests
check what makes it fast (no per-row range function outside the fallback branch, no volatile
function, no whole-column range) and that the fast and the fallback paths give calc's classes on
a table of 1,000 customers after the edits a user makes by hand.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import math
import random
import re

import openpyxl
import pytest
from openpyxl.utils import get_column_letter, range_boundaries

from pacxl.calc import abc_classes
from pacxl.demo import demo_plan
from pacxl.model import Customer
from pacxl.recalc import recalculate
from pacxl.workbook.build import build_workbook
from pacxl.workbook.contract import CUSTOMERS, SHEETS
from pacxl.workbook.i18n import text
from pacxl.workbook.sheets.customers import SUMMARY_COL
from pacxl.workbook.tables import find_table

N = 1_000
COL = {k: CUSTOMERS.index(k) + 1 for k in CUSTOMERS.keys()}
INPUTS = [COL[k] for k in ("code", "name", "segment", "amount")]
RANGE_FUNCTIONS = ("SUMIF", "COUNTIF", "SUMPRODUCT", "MATCH", "LOOKUP", "RANK", "LARGE", "SMALL")
VOLATILE = ("OFFSET", "INDIRECT", "TODAY", "NOW", "RAND", "CELL", "INFO")


def plan_with_customers(n: int):
    """The English demo plan with ``n`` customers: Pareto-like amounts rounded to 10 (ties),
    1 % zeros and 1 % credit notes."""
    rng = random.Random(77)
    plan = demo_plan("en")
    segs = plan.settings.segments
    customers = []
    for i in range(n):
        u = rng.random()
        amount = 0.0 if u < 0.01 else -10.0 * rng.randint(1, 50) if u < 0.02 else \
            float(round(rng.paretovariate(1.2) * 500, -1))
        customers.append(Customer(f"K{i:05d}", f"Customer {i}", segs[i % len(segs)], amount))
    return dataclasses.replace(plan, customers=customers)


def body(ws, tbl):
    _, header, _, last = range_boundaries(tbl.ref)
    return header + 1, last


def read_inputs(ws, first, last):
    return [[ws.cell(row=r, column=c).value for c in INPUTS] for r in range(first, last + 1)]


def write_inputs(ws, first, rows):
    for r, row in enumerate(rows, start=first):
        for c, v in zip(INPUTS, row):
            ws.cell(row=r, column=c).value = v


def n_data(rows):
    return sum(row[3] is not None for row in rows)


# --- edits a user makes in Excel, bypassing the generator's sort ----------------------------------

def edit_raise_one(rows):
    """A mid-table customer's revenue corrected upwards: larger than the rows above it."""
    k = n_data(rows) // 2
    rows[k][3] = rows[0][3] * 1.5
    return rows


def edit_sort_ascending(rows):
    """The table sorted the wrong way (smallest first)."""
    data = sorted(rows[:n_data(rows)], key=lambda row: row[3])
    return data + rows[len(data):]


def edit_insert_at_top(rows):
    """A new customer typed in the first row (the others moved down into the blank rows the
    table keeps for typing), with a small amount."""
    assert rows[-1][3] is None
    return [["NEW", "New customer", rows[0][2], 123.0]] + rows[:-1]


def edit_keep_order(rows):
    """An amount lowered to equal the next row's (a new tie) and a zero made a credit note: the
    order still holds."""
    k = n_data(rows) // 3
    rows[k][3] = rows[k + 1][3]
    zero = next(i for i, row in enumerate(rows) if row[3] == 0)
    rows[zero][3] = -5.0
    return rows


EDITS = {
    "raise_one": (edit_raise_one, False),
    "sort_ascending": (edit_sort_ascending, False),
    "insert_at_top": (edit_insert_at_top, False),
    "keep_order": (edit_keep_order, True),
}


@pytest.fixture(scope="module")
def clients_books(tmp_path_factory):
    """edit name -> (edited path, recalculated path), each an edit of the generated (sorted)
    1,000-customer workbook."""
    folder = tmp_path_factory.mktemp("perf_formulas")
    src = build_workbook(plan_with_customers(N), folder / "generated.xlsx")
    paths = {}
    for name, (edit, _) in EDITS.items():
        wb = openpyxl.load_workbook(src)
        ws, tbl = find_table(wb, "tblCustomers")
        first, last = body(ws, tbl)
        rows = edit(read_inputs(ws, first, last))
        assert len(rows) <= last - first + 1, "the edit must stay inside the table"
        write_inputs(ws, first, rows)
        paths[name] = folder / f"{name}.xlsx"
        wb.save(paths[name])
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        futures = {name: pool.submit(recalculate, p, folder / f"re_{name}") for name, p in paths.items()}
        return {name: (paths[name], f.result()) for name, f in futures.items()}


def defined_cell(wb, name):
    sheet, ref = wb.defined_names[name].attr_text.split("!")
    return wb[sheet.strip("'")][ref.replace("$", "")]


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", list(EDITS))
def test_classes_exact_and_order_flagged(clients_books, name):
    gen, rec = clients_books[name]
    wb = openpyxl.load_workbook(rec, data_only=True)
    ws, tbl = find_table(wb, "tblCustomers")
    first, last = body(ws, tbl)
    rows = [[ws.cell(row=r, column=c).value for c in range(1, len(CUSTOMERS.keys()) + 1)]
            for r in range(first, last + 1)]
    amounts = [row[COL["amount"] - 1] for row in rows]
    assert sum(a is not None for a in amounts) >= N
    s = demo_plan("en").settings
    res = abc_classes(amounts, s.abc_a, s.abc_b)
    assert {"A", "B", "C"} <= set(res.classes)
    for i, row in enumerate(rows):
        assert (row[COL["abc"] - 1] or "") == res.classes[i], (name, first + i, amounts[i])
        for key, arr in (("prior_share", res.prior_shares), ("cum_share", res.cum_shares)):
            got, want = row[COL[key] - 1], arr[i]
            if math.isnan(want) or amounts[i] <= 0:
                assert got in (None, ""), (name, first + i, key, got)
            else:
                assert math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-9), (name, first + i, key, got, want)

    # the order check: a break exactly where a positive amount exceeds the row above's
    pos = [a if isinstance(a, (int, float)) and a > 0 else 0 for a in amounts]
    want_breaks = [i for i in range(1, len(pos)) if pos[i] > pos[i - 1]]
    got_breaks = [i for i, row in enumerate(rows) if row[COL["h_break"] - 1] == 1]
    assert got_breaks == want_breaks
    sorted_expected = EDITS[name][1]
    assert bool(want_breaks) is not sorted_expected
    assert defined_cell(wb, "PAC_CustomersSorted").value is sorted_expected
    banner = wb[SHEETS["customers"]["en"]][f"{get_column_letter(SUMMARY_COL)}7"].value
    assert banner == text("cu_sorted_ok" if sorted_expected else "cu_sorted_ko", "en")


def test_sorted_path_is_constant_per_row(generated_workbooks):
    """In every row of tblCustomers, range functions (SUMIF ...) appear only in the branch taken
    when the order check fails; no formula of the sheet is volatile or reads whole columns."""
    wb = openpyxl.load_workbook(generated_workbooks["demo_fr"])
    ws, tbl = find_table(wb, "tblCustomers")
    first, last = body(ws, tbl)
    fallback = re.compile(r"^(.*)IF\(PAC_CustomersSorted,(.*),(SUMIF\([^()]*\))\)\)$")
    n_fallback = 0
    for r in range(first, last + 1):
        # the potential class is order-independent by design (the table is sorted by its ABC
        # basis, not by potential): its SUMIF is checked below, behind its own guard
        for key in [c.key for c in CUSTOMERS.columns if c.computed and c.key not in ("h_pot_prior",)]:
            formula = ws.cell(row=r, column=COL[key]).value
            assert isinstance(formula, str) and formula.startswith("="), (r, key)
            m = fallback.match(formula)
            fast = formula if m is None else m.group(1) + m.group(2)
            n_fallback += m is not None
            assert not any(f + "(" in fast.upper() for f in RANGE_FUNCTIONS), (r, key, formula)
    assert n_fallback == 2 * (last - first + 1)  # h_prior and h_upto of every row
    pot = get_column_letter(COL["potential"])
    for r in range(first, last + 1):  # rows without a potential never pay for its SUMIF
        formula = ws.cell(row=r, column=COL["h_pot_prior"]).value
        assert formula.startswith(f"=IF(ISNUMBER({pot}{r}),IF({pot}{r}>0,"), formula
    whole_column = re.compile(r"(?<![A-Z0-9_])\$?[A-Z]{1,3}:\$?[A-Z]{1,3}(?![A-Z0-9_(])")
    for row in ws.iter_rows():
        for cell in row:
            v = cell.value
            if isinstance(v, str) and v.startswith("="):
                assert not any(f + "(" in v.upper() for f in VOLATILE), (cell.coordinate, v)
                assert not whole_column.search(re.sub(r'"[^"]*"', '""', v)), (cell.coordinate, v)
