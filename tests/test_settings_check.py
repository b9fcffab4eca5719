"""Settings no command can use are refused the same way by check, report, import, consolidate and
the macros: one line naming the file, the sheet and the cell's label in the workbook's language."""

from __future__ import annotations

import shutil

import openpyxl
import pytest
from click.testing import CliRunner

from pacxl.cli import main
from pacxl.errors import WorkbookError
from pacxl.workbook.read import read_plan


def _with(src, tmp_path, name: str, value, filename: str = "pac.xlsx"):
    """A copy of ``src`` with the cell of defined name ``name`` set to ``value``."""
    out = tmp_path / filename
    shutil.copy(src, out)
    wb = openpyxl.load_workbook(out)
    sheet, ref = next(iter(wb.defined_names[name].destinations))
    wb[sheet][ref.replace("$", "")].value = value
    wb.save(out)
    return out


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


FR = [
    ("PAC_Year", 20266, "Paramètres, « Année du plan » : 20266 n'est pas une année (2000-2100)"),
    ("PAC_Year", 2026.5, "Paramètres, « Année du plan » : 2026,5 n'est pas une année (2000-2100)"),
    ("PAC_Year", None, "Paramètres, « Année du plan » : la valeur manque"),
    ("PAC_FirstMonth", 13, "Paramètres, « Premier mois du plan (1-12) » : 13 n'est pas un numéro de mois (1-12)"),
    ("PAC_FirstMonth", "mars",
     "Paramètres, « Premier mois du plan (1-12) » : « mars » n'est pas un numéro de mois (1-12)"),
    ("PAC_Month", 0,
     "Paramètres, « Mois de suivi (1-12 : mois du plan clos) » : 0 n'est pas un numéro de mois (1-12)"),
    ("PAC_ABC_A", "beaucoup", "Paramètres, « Seuil classe A (part cumulée) » : « beaucoup » n'est pas un nombre"),
]


@pytest.mark.parametrize("name, value, message", FR)
def test_check_refuses_in_french(demo_fr_path, tmp_path, name, value, message):
    wb = _with(demo_fr_path, tmp_path, name, value)
    res = run("check", wb)
    assert res.exit_code == 2
    assert res.output == f"Erreur : {wb} : {message}\n"


def test_report_refuses_the_same_way(demo_fr_path, tmp_path):
    wb = _with(demo_fr_path, tmp_path, "PAC_Year", 20266)
    for args in ((), ("--json",), ("--html", tmp_path / "r.html")):
        res = run("report", wb, *args)
        assert res.exit_code == 2
        assert res.output == f"Erreur : {wb} : {FR[0][2]}\n"
    assert not (tmp_path / "r.html").exists()


def test_english_workbook_says_it_in_english(demo_en_path, tmp_path):
    wb = _with(demo_en_path, tmp_path, "PAC_Month", 13)
    res = run("report", wb, "--json")
    assert res.exit_code == 2
    assert res.output == (f'Error: {wb}: Settings, "Tracking month (1-12: plan months closed)": '
                          "13 is not a month number (1-12)\n")
    with pytest.raises(WorkbookError) as err:
        read_plan(_with(demo_en_path, tmp_path, "PAC_Year", "next year", "b.xlsx"))
    assert str(err.value) == f'{tmp_path / "b.xlsx"}: Settings, "Plan year": "next year" is not a year (2000-2100)'


def test_consolidate_skips_the_file_and_goes_on(demo_fr_path, tmp_path):
    bad = _with(demo_fr_path, tmp_path, "PAC_Year", 20266, "bad.xlsx")
    good = tmp_path / "good.xlsx"
    shutil.copy(demo_fr_path, good)
    team = tmp_path / "team.xlsx"
    res = run("consolidate", good, bad, "-o", team)
    assert res.exit_code == 0, res.output
    assert f"ignoré : {bad} : Paramètres, « Année du plan » : 20266 n'est pas une année (2000-2100)\n" in res.output
    assert f"écrit : {team} : 1 plan consolidé, 1 ignoré\n" in res.output
    assert team.exists()


def test_import_refuses_the_same_way_and_writes_nothing(demo_fr_path, tmp_path):
    wb = _with(demo_fr_path, tmp_path, "PAC_FirstMonth", "mars")
    before = wb.read_bytes()
    src = tmp_path / "budget.csv"
    src.write_text("Poste;Catégorie;Montant\nSalon;Événements;1000\n", encoding="utf-8")
    res = run("import", "budget", wb, src)
    assert res.exit_code == 2
    assert res.output == (f"Erreur : {wb} : Paramètres, « Premier mois du plan (1-12) » : "
                          "« mars » n'est pas un numéro de mois (1-12)\n")
    assert wb.read_bytes() == before


def test_import_refuses_a_tracking_month_out_of_range(demo_fr_path, tmp_path):
    # it used to be taken silently as "no tracking month"
    wb = _with(demo_fr_path, tmp_path, "PAC_Month", 14)
    src = tmp_path / "budget.csv"
    src.write_text("Poste;Catégorie;Montant\nSalon;Événements;1000\n", encoding="utf-8")
    res = run("import", "budget", wb, src, "--dry-run")
    assert res.exit_code == 2
    assert res.output.endswith("« Mois de suivi (1-12 : mois du plan clos) » : 14 n'est pas un numéro de mois (1-12)\n")
