"""Quarters (issue 13): each KPI's and the budget's figures per plan quarter against an independent
computation (numpy over a 4 x 3 reshape of the months), the Quarters sheet's shape (one row per
tblKPI row, growing with it), and ``report --quarter``.

The sheet's values are compared with ``report --json`` after a LibreOffice recalculation in
tests/test_consistency.py (families ``quarters.*``).
"""

from __future__ import annotations

import json
import math
import random

import numpy as np
import openpyxl
import pytest
from click.testing import CliRunner

from pacxl import build_workbook
from pacxl.calc import budget as calc_budget
from pacxl.calc import followup
from pacxl.calc.kpi import Series, kpi_figures
from pacxl.cli import main
from pacxl.demo import demo_plan
from pacxl.model import KPI
from pacxl.workbook.contract import SHEETS
from pacxl.workbook.sheets import quarters as Q
from pacxl.workbook.tables import find_table, write_rows

from plans import clean_plan

SEEDS = range(200)


def _months(rng: random.Random, rate: bool = False) -> list:
    return [None if rng.random() < 0.2 else (rng.randint(0, 100) / 100 if rate else float(rng.randint(0, 9000)))
            for _ in range(12)]


def _grid(values: list) -> np.ndarray:
    """The 12 months as a 4 x 3 array (quarter, month of the quarter), blanks as NaN."""
    return np.array([np.nan if v is None else v for v in values], dtype=float).reshape(4, 3)


def _agg(block: np.ndarray, how: str):
    nums = block[~np.isnan(block)]
    if nums.size == 0:
        return None
    return float(nums.sum() if how == "sum" else nums.mean())


def brute_quarter(kind: str, plan: list, actual: list, month: int, num=None, den=None) -> list[dict]:
    """The 4 quarters by numpy: month index i (0-based) is quarter i // 3 + 1 by the reshape."""
    elapsed = (np.arange(12) < month).reshape(4, 3)
    out = []
    for q in range(4):
        if num is not None:
            def r(series_n, series_d, mask):
                n, d = _agg(_grid(series_n)[q][mask], "sum"), _agg(_grid(series_d)[q][mask], "sum")
                return None if n is None or d is None or d == 0 else n / d
            full = np.ones(3, bool)
            p = r(num.plan, den.plan, full)
            ptd = r(num.plan, den.plan, elapsed[q]) if elapsed[q].any() else None
            a = r(num.actual, den.actual, elapsed[q]) if elapsed[q].any() else None
        else:
            how = "mean" if kind == "rate" else "sum"
            p = _agg(_grid(plan)[q], how)
            ptd = _agg(_grid(plan)[q][elapsed[q]], how) if elapsed[q].any() else None
            a = _agg(_grid(actual)[q][elapsed[q]], how) if elapsed[q].any() else None
        out.append({"plan": p, "plan_to_date": ptd, "actual": a})
    return out


def close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_quarter_figures_equal_numpy(seed):
    rng = random.Random(seed)
    kind = rng.choice(["revenue", "count", "cost", "rate", "ratio"])
    month = rng.randint(1, 12)
    num = den = None
    if kind == "ratio":
        kind = "rate"
        num, den = Series(_months(rng), _months(rng)), Series(_months(rng), _months(rng))
    plan, actual = _months(rng, kind == "rate"), _months(rng, kind == "rate")
    want = brute_quarter(kind, plan, actual, month, num, den)
    for q in range(1, 5):
        got = followup.quarter_figures(kind, plan, actual, q, month, num, den)
        for key in ("plan", "plan_to_date", "actual"):
            assert close(got[key], want[q - 1][key]), (q, key, got, want[q - 1])
        a, p = got["actual"], got["plan_to_date"]
        assert close(got["variance"], None if a is None or p is None else a - p)
    if kind != "rate":
        # the quarters add up to the year and to the year to date (calc.kpi, another code path)
        fig = kpi_figures(kind, plan, actual, month)
        quarters = [followup.quarter_figures(kind, plan, actual, q, month) for q in range(1, 5)]
        assert close(sum(x["plan"] or 0 for x in quarters), fig["plan_year"] or 0)
        assert close(sum(x["plan_to_date"] or 0 for x in quarters), fig["plan_ytd"] or 0)
        assert close(sum(x["actual"] or 0 for x in quarters), fig["actual_ytd"] or 0)


@pytest.mark.parametrize("seed", SEEDS)
def test_budget_quarters_add_up_to_the_budget(seed):
    rng = random.Random(seed)
    lines = [_months(rng) for _ in range(rng.randint(0, 5))]
    month = rng.choice([None, *range(1, 13)])
    got = followup.budget_quarters(lines, month)
    assert [x["quarter"] for x in got] == [1, 2, 3, 4]
    grid = np.nan_to_num(np.array([_grid(line) for line in lines]).reshape(-1, 4, 3)) if lines else np.zeros((0, 4, 3))
    for q in range(4):
        assert close(got[q]["plan"], float(grid[:, q, :].sum()))
        started = month is not None and 3 * q < month
        want = float(sum(grid[:, q, k].sum() for k in range(3) if 3 * q + k < month)) if started else None
        assert close(got[q]["plan_to_date"], want)
    figures = [calc_budget.line_figures(line, None, month) for line in lines]
    totals = calc_budget.totals(figures)
    assert close(sum(x["plan"] for x in got), totals["total"])
    assert close(sum(x["plan_to_date"] or 0 for x in got), totals["plan_ytd"])


def test_docs_example_demo_q4_revenue():
    """docs/report.md: the demo at month 10, Q4 revenue."""
    from pacxl.report import report_figures

    fig = report_figures(demo_plan("fr"))
    q4 = fig["quarters"][3]
    assert fig["quarter"] == 4 and q4["started"] and not q4["complete"]
    rev = next(k for k in q4["kpis"] if k["kind"] == "revenue")
    assert (rev["plan"], rev["plan_to_date"], rev["actual"], rev["variance"]) == (1_302_000, 378_000, 357_900, -20_100)


# --- the Quarters sheet grows with tblKPI ---------------------------------------------------------

def _kpi_block(wb):
    (title, ref), = list(wb.defined_names["PAC_QuartersKPI"].destinations)
    first, last = (int("".join(ch for ch in part if ch.isdigit())) for part in ref.replace("$", "").split(":"))
    return wb[title], first, last


def _tbl_rows(wb) -> int:
    from openpyxl.utils import range_boundaries

    _, tbl = find_table(wb, "tblKPI")
    _, header, _, last = range_boundaries(tbl.ref)
    return last - header


def test_quarters_sheet_has_one_row_per_kpi_table_row(tmp_path):
    p = clean_plan("fr")
    p.kpis += [KPI(f"X{i}", f"Extra {i}", "count", "u", "", [1.0] * 12, [None] * 12) for i in range(60)]
    path = build_workbook(p, tmp_path / "many.xlsx")
    wb = openpyxl.load_workbook(path)
    ws, first, last = _kpi_block(wb)
    n = _tbl_rows(wb)
    assert n > 60 and last - first + 1 == n
    assert ws.title == SHEETS["quarters"]["fr"]
    assert ws.cell(row=last, column=1).value == f'=IF(INDEX(tblKPI_id,{n})="","",INDEX(tblKPI_id,{n}))'
    assert ws.cell(row=last + 1, column=1).value is None
    # an import that grows the table grows the sheet (tables.DEPENDENTS)
    write_rows(wb, "tblKPI", [{"id": f"Y{i}", "name": f"More {i}", "kind": "Nombre"} for i in range(20)],
               append=True)
    ws, first, last2 = _kpi_block(wb)
    assert last2 - first + 1 == _tbl_rows(wb) > n
    col = Q.kpi_col(4, "plan")
    assert f",{_tbl_rows(wb)}):" in ws.cell(row=last2, column=col).value


def test_every_quarter_cell_is_a_formula(demo_fr_path):
    wb = openpyxl.load_workbook(demo_fr_path)
    ws, first, last = _kpi_block(wb)
    for row in ws.iter_rows(min_row=first, max_row=last, max_col=Q.K_LAST):
        assert all(isinstance(c.value, str) and c.value.startswith("=") for c in row)
    assert ws.protection.sheet


# --- report --quarter ----------------------------------------------------------------------------

def test_report_quarter_selects_the_quarter_shown(demo_en_path):
    res = CliRunner().invoke(main, ["report", "--json", "--quarter", "2", str(demo_en_path)])
    assert res.exit_code == 0, res.output
    fig = json.loads(res.output)
    assert fig["quarter"] == 2 and [q["quarter"] for q in fig["quarters"]] == [1, 2, 3, 4]
    assert fig["quarters"][1]["months"] == [4, 5, 6] and fig["quarters"][1]["complete"]
    res = CliRunner().invoke(main, ["report", "--quarter", "2", str(demo_en_path)], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    assert "Quarter Q2 (plan months 4-6): KPIs" in res.output and "Quarter Q4" not in res.output


@pytest.mark.parametrize("bad", ["5", "0", "-1"])
def test_report_refuses_a_quarter_outside_1_4_in_one_line(demo_en_path, bad):
    res = CliRunner().invoke(main, ["report", "--quarter", bad, str(demo_en_path)])
    assert res.exit_code == 2
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: the quarter must be 1, 2, 3 or 4"), res.output


def test_workbook_without_quarters_sheet_or_profile_still_works(tmp_path):
    """A workbook made before issue 13 (no Quarters sheet, no PAC_Seasonality): an import still
    resizes tblKPI, and the report reads it with a flat profile."""
    from pacxl.calc import seasonality
    from pacxl.report import report_workbook

    path = build_workbook(clean_plan("en"), tmp_path / "old.xlsx")
    wb = openpyxl.load_workbook(path)
    del wb[SHEETS["quarters"]["en"]]
    del wb.defined_names["PAC_QuartersKPI"], wb.defined_names["PAC_QuartersBudget"], wb.defined_names["PAC_Seasonality"]
    write_rows(wb, "tblKPI", [{"id": "Z1", "name": "Late addition", "kind": "Count"}], append=True)
    wb.save(path)
    fig = report_workbook(path)
    assert fig["seasonality"] == seasonality.flat()
    assert any(k["id"] == "Z1" for k in fig["kpis"]) and len(fig["quarters"]) == 4


def test_macro_report_sheet_lays_quarters_flat():
    """The macros' Report sheet: one row per quarter and KPI, per quarter and budget category."""
    from pacxl.macros import _blocks
    from pacxl.report import report_figures
    from pacxl.report_followup import flat_quarters

    fig = report_figures(clean_plan("en"), 3)
    flat = flat_quarters(fig)
    assert len(flat["quarters"]) == 4 * len(fig["kpis"])
    assert len(flat["quarters_budget"]) == 4 * (len(fig["budget"]["categories"]) + 1)
    rows = _blocks(flat, "en")
    assert not [v for r in rows for v in r if isinstance(v, str) and v.startswith(("[{", "{'"))]
