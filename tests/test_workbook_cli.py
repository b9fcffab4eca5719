"""pacxl new, demo and templates: exit codes, messages and what they write."""

from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner

from pacxl.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_new_with_options(tmp_path):
    out = tmp_path / "pac.xlsx"
    res = run("new", str(out), "--lang", "en", "--year", "2030", "--company", "Acme",
              "--currency", "usd", "--owners", "Ann, Ben ,")
    assert res.exit_code == 0, res.output
    assert res.output == f"Wrote {out} (en, 2030)\n"
    ws = openpyxl.load_workbook(out)["Settings"]
    assert [ws[f"B{r}"].value for r in (5, 6, 7)] == ["Acme", 2030, "USD"]
    assert [ws[f"D{r}"].value for r in (5, 6, 7)] == ["Ann", "Ben", None]


def test_new_refuses_to_overwrite(tmp_path):
    out = tmp_path / "pac.xlsx"
    assert run("new", str(out)).exit_code == 0
    res = run("new", str(out))
    assert res.exit_code == 2
    assert res.output == f"Error: {out} exists already: use --force to overwrite it\n"
    assert run("new", str(out), "--force", "--lang", "en").exit_code == 0
    assert openpyxl.load_workbook(out).sheetnames[1] == "Settings"


def test_new_bad_year_and_bad_plan_file(tmp_path):
    res = run("new", str(tmp_path / "a.xlsx"), "--year", "1999")
    assert res.exit_code == 2
    assert res.output == "Error: the year must be between 2000 and 2100, got 1999\n"
    bad = tmp_path / "plan.yaml"
    bad.write_text("settings: {colour: red}\n", encoding="utf-8")
    res = run("new", str(tmp_path / "b.xlsx"), "--from", str(bad))
    assert res.exit_code == 2
    assert res.output.startswith(f"Error: {bad}: settings: unknown key 'colour'")


def test_new_from_plan_file_with_overrides(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text("settings:\n  company: Yaml Co\n  year: 2029\n  lang: en\n", encoding="utf-8")
    out = tmp_path / "p.xlsx"
    res = run("new", str(out), "--from", str(plan), "--year", "2031", "--udfs")
    assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(out)
    assert wb["Settings"]["B5"].value == "Yaml Co"
    assert wb["Settings"]["B6"].value == 2031
    assert "UDF" in wb.sheetnames and wb["xlwings.conf"].sheet_state == "hidden"


def test_demo(tmp_path):
    out = tmp_path / "demo.xlsx"
    res = run("demo", str(out), "--lang", "en")
    assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(out)
    ws = wb["Customers"]
    assert ws.tables["tblCustomers"].ref.startswith("A4:")
    assert len([1 for r in range(5, 400) if isinstance(ws.cell(row=r, column=4).value, (int, float))]) >= 200
    assert run("demo", str(out)).exit_code == 2


@pytest.mark.libreoffice  # the templates carry LibreOffice's values
def test_templates_command(tmp_path):
    res = run("templates", str(tmp_path))
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pac_demo_fr.xlsx", "pac_en.xlsx", "pac_fr.xlsx"]
    res = run("templates", str(tmp_path / "missing"))
    assert res.exit_code == 2
    assert res.output == f"Error: {tmp_path / 'missing'}: no such folder\n"
