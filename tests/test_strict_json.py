"""Figures near the float maximum: check names them (rule number-too-large), report prints
strict JSON (null, never Infinity) and writes its HTML page without crashing."""

from __future__ import annotations

import json
import shutil

import openpyxl
from click.testing import CliRunner

from pacxl.cli import main


def _huge_budget(src, tmp_path):
    out = tmp_path / "huge.xlsx"
    shutil.copy(src, out)
    wb = openpyxl.load_workbook(out)
    ws = next(ws for ws in wb.worksheets if "tblBudget" in ws.tables)
    first = int(ws.tables["tblBudget"].ref.split(":")[0][1:]) + 1
    ws.cell(row=first, column=5).value = 1.7e308  # janv.: two of them overflow the sum
    ws.cell(row=first, column=6).value = 1.7e308
    wb.save(out)
    return out


def _strict(text: str):
    def refuse(name):
        raise AssertionError(f"not JSON: {name}")

    return json.loads(text, parse_constant=refuse)


def test_huge_figures_are_a_finding_and_json_stays_strict(demo_fr_path, tmp_path):
    wb = _huge_budget(demo_fr_path, tmp_path)
    res = CliRunner().invoke(main, ["check", str(wb), "--json"])
    assert res.exit_code == 1, res.output
    doc = _strict(res.output)
    codes = {(f["code"], f["cell"]) for f in doc["findings"]}
    assert ("number-too-large", "E6") in codes and ("number-too-large", "F6") in codes
    res = CliRunner().invoke(main, ["check", str(wb)])
    assert res.exit_code == 1
    assert ("erreur        Budget!E6: Le nombre 1.7e+308 est trop grand pour les calculs "
            "(au plus 1e15 en valeur absolue).") in res.output.splitlines()

    res = CliRunner().invoke(main, ["report", str(wb), "--json", "--html", str(tmp_path / "r.html")])
    assert res.exit_code == 0, res.output
    fig = _strict(res.output)
    assert fig["budget"]["total"]["plan_year"] is None  # the sum overflowed: null, not Infinity
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    res = CliRunner().invoke(main, ["report", str(wb)])
    assert res.exit_code == 0, res.output
