"""--map of pacxl import: the fields it names, the refusals it makes, and its place beside the
contract mapping of a whole pacxl table (pacxl.io.contract_map)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pacxl.cli import main
from pacxl.io import import_file
from pacxl.io.contract_map import contract_mapping, table_keys


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    from pacxl.demo import demo_plan
    from pacxl.workbook.build import build_workbook

    return build_workbook(demo_plan("fr"), tmp_path_factory.mktemp("map") / "demo.xlsx")


@pytest.fixture
def plan(demo, tmp_path) -> Path:
    p = tmp_path / "plan.xlsx"
    shutil.copy(demo, p)
    return p


def csv(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "budget.csv"
    p.write_text(text, encoding="utf-8")
    return p


def digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


SOURCE = "Poste;Code;Mois;Montant\nSalon;ACT-02;01/2026;100\n"


@pytest.mark.parametrize("field", ["action_id", "Action_ID", "action id"])
def test_a_field_with_an_underscore_can_be_mapped(plan, tmp_path, field):
    """--map "Code=action_id" was refused as an unknown field while the message listed it."""
    summary = import_file("budget", plan, csv(tmp_path, SOURCE), mapping=[f"Code={field}"], dry_run=True)
    assert [(r["label"], r["action_id"]) for r in summary.rows] == [("Salon", "ACT-02")]


@pytest.mark.parametrize("lang, expected", [
    ("en", 'Error: budget.csv: --map "Code=label" and --map "Poste=label" both name the field "label"; '
           "map one column to each field\n"),
    ("fr", 'Erreur : budget.csv : --map "Code=label" et --map "Poste=label" désignent tous deux le champ '
           "« label » ; associez une seule colonne à chaque champ\n"),
])
def test_two_columns_for_one_field_refused(plan, tmp_path, lang, expected):
    """Before, the last --map silently won."""
    before = digest(plan)
    res = CliRunner().invoke(main, ["--lang", lang, "import", "budget", str(plan), str(csv(tmp_path, SOURCE)),
                                    "--map", "Code=label", "--map", "Poste=label"])
    assert res.exit_code == 2
    assert res.stderr == expected
    assert digest(plan) == before


def test_unknown_field_said_in_french(plan, tmp_path):
    res = CliRunner().invoke(main, ["--lang", "fr", "import", "budget", str(plan), str(csv(tmp_path, SOURCE)),
                                    "--map", "Code=rubrique"])
    assert res.exit_code == 2
    assert res.stderr == ('Erreur : budget.csv : --map "Code=rubrique" : champ inconnu « rubrique » (champs : id, '
                          "category, action_id, label, month, amount, total, actual, m01..m12 ou un nom de mois)\n")


HEADERS = ["Ligne", "Catégorie", "Action", "Libellé", *[f"Budget M{i:02d}" for i in range(1, 13)], "Réalisé",
           "Total", "Consommé %", "Commentaire"]


def test_contract_mapping_of_a_whole_table():
    keys = table_keys("tblBudget", HEADERS)
    assert keys[0] == "id" and keys[16] == "actual" and 19 not in keys  # the user's column is not the contract's
    mapping = contract_mapping("budget", HEADERS, {})
    assert mapping == {"#1": "id", "#2": "category", "#3": "action_id", "#4": "label", "#17": "actual",
                       "#18": "ignore", "#19": "ignore"}
    # the user's --map comes first: the column it names, and the field it gives, are left to it
    assert contract_mapping("budget", HEADERS, {"Réalisé": "ignore", "Commentaire": "label"}) == {
        "Réalisé": "ignore", "Commentaire": "label", "#1": "id", "#2": "category", "#3": "action_id",
        "#18": "ignore", "#19": "ignore"}
    # a file of the user's own layout (not every input column of the table) is left to the synonyms
    assert contract_mapping("budget", HEADERS[:4] + ["Montant"], {"Mois": "month"}) == {"Mois": "month"}
    assert contract_mapping("customers", ["code", "name", "segment", "amount", "abc"], None) == {
        "#1": "code", "#2": "name", "#3": "segment", "#4": "amount", "#5": "ignore"}


def test_kpi_table_as_actuals_maps_the_actual_months():
    headers = ["ID", "Indicateur", "Type", "Unité", "Objectif", *[f"Prévu janv. {y}" for y in range(2001, 2013)]]
    assert table_keys("tblKPI", headers) is None  # no actual months: not the table
    headers = (["id", "name", "kind", "unit", "objective_id"] + [f"p{i:02d}" for i in range(1, 13)]
               + [f"a{i:02d}" for i in range(1, 13)])
    mapping = contract_mapping("actuals", headers, None)
    assert mapping["#1"] == "kpi" and mapping["#2"] == "ignore" and mapping["#6"] == "ignore"
    assert mapping["#18"] == "m01" and mapping["#29"] == "m12"


def test_exported_budget_table_with_user_map_for_the_spend(plan, tmp_path):
    """A tblBudget exported as CSV imports back; --map "Réalisé=ignore" keeps the workbook's spend."""
    rows = [HEADERS, ["BUD-90", "Outils", "", "Logiciel", *([10] * 12), 55, 120, 0.5, "note"]]
    text = "\n".join(";".join(str(c) for c in r) for r in rows) + "\n"
    summary = import_file("budget", plan, csv(tmp_path, text), mapping=["Réalisé=ignore"], dry_run=True)
    assert summary.rows[0]["id"] == "BUD-90" and summary.rows[0]["actual"] is None
    assert summary.rows[0]["m12"] == 10.0
    summary = import_file("budget", plan, csv(tmp_path, text), dry_run=True)
    assert summary.rows[0]["actual"] == 55.0
