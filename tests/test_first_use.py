"""First use (issue 12): a new plan reports, and a piped report keeps every column."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from pacxl.cli import main
from pacxl.messages import text
from pacxl.workbook.contract import SHEETS

ROOT = Path(__file__).resolve().parent.parent


def run(*args, lang="C.UTF-8"):
    return CliRunner().invoke(main, list(args), env={"LANG": lang, "LC_ALL": None, "LC_MESSAGES": None})


def test_a_new_plan_reports_with_no_actuals_yet(tmp_path):
    for lang in ("fr", "en"):
        out = tmp_path / f"new_{lang}.xlsx"
        assert run("new", str(out), "--lang", lang, "--year", "2027").exit_code == 0
        res = run("report", str(out))
        assert res.exit_code == 0, res.output
        said = text("report.no_actuals", lang, kpi=SHEETS["kpi"][lang], budget=SHEETS["budget"][lang])
        assert said in " ".join(res.output.split()), res.output
        fig = json.loads(run("report", str(out), "--json").output)
        assert fig["month"] == 1  # the tracking month of a new plan is its first month


def test_the_demo_does_not_say_it_has_no_actuals(tmp_path):
    out = tmp_path / "demo.xlsx"
    assert run("demo", str(out)).exit_code == 0
    res = run("report", str(out))
    assert res.exit_code == 0
    assert "Aucun réalisé" not in res.output


def test_a_piped_report_keeps_every_column_and_every_text(tmp_path):
    """Piped (not a terminal), rich would assume 80 columns and drop some: the report is whole."""
    out = tmp_path / "demo.xlsx"
    assert run("demo", str(out)).exit_code == 0
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8", "COLUMNS": "80"}
    env.pop("LC_ALL", None)
    proc = subprocess.run([sys.executable, "-m", "pacxl", "report", str(out)], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    fig = json.loads(run("report", str(out), "--json").output)
    lines = proc.stdout.splitlines()
    header = next(ln for ln in lines if "Atterrissage" in ln and "Responsable" in ln)
    for column in ("ID", "Objectif", "Cible", "Atterrissage", "En bonne voie", "Échéance", "Responsable", "Statut"):
        assert f" {column} " in header, header
    assert max(len(ln) for ln in lines) > 80
    assert "…" not in proc.stdout  # no text cut with an ellipsis either
    for o in fig["objectives"]:
        assert o["objective"] in proc.stdout
    for k in fig["kpis"]:
        assert k["name"] in proc.stdout
