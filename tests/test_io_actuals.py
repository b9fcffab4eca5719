"""Actuals files: KPI actuals (long and wide) and spend per budget line, without a workbook."""

from __future__ import annotations

import io

import pytest

from pacxl.errors import InputError
from pacxl.io import parse_file
from pacxl.io.actuals import merge_actuals
from pacxl.io.result import WorkbookContext

CTX = WorkbookContext(
    year=2027,
    first_month=1,
    tracking_month=3,
    kpis=[
        {"id": "K1", "name": "Chiffre d'affaires", "kind": "CA"},
        {"id": "K2", "name": "Rendez-vous", "kind": "Nombre"},
        {"id": "K3", "name": "Taux de transformation", "kind": "Taux"},
    ],
    budget=[
        {"id": "B01", "label": "Salon Batimat", "actual": 100.0},
        {"id": "B02", "label": "Radio", "actual": None},
    ],
)


def actuals(text: str, ctx: WorkbookContext = CTX, **kw):
    return parse_file("actuals", io.BytesIO(text.encode("utf-8")), ctx, name="reel.csv", **kw)


def test_long_kpi_actuals_by_id_or_name():
    r = actuals(
        "Indicateur;Mois;Réel\n"
        "K1;01/2027;12 000\n"
        "chiffre d’affaires;févr. 2027;13 500,50\n"
        "Rendez-vous;janvier;4\n"
        "rendez vous;janvier;3\n"
        "K3;mars;25 %\n"
    )
    assert r.layout == "long"
    assert r.kpi_actuals == {"K1": {1: 12000.0, 2: 13500.5}, "K2": {1: 7.0}, "K3": {3: 0.25}}
    assert r.tables == ["tblKPI"]


def test_wide_kpi_actuals():
    r = actuals("KPI;Janv.;Févr.;Mars\nK2;4;;6\n")
    assert r.layout == "wide"
    assert r.kpi_actuals == {"K2": {1: 4.0, 3: 6.0}}


def test_spend_per_line_is_summed_into_actual():
    r = actuals(
        "Poste budgétaire;Date;Montant\n"
        "Salon Batimat;05/01/2027;1 000,00\n"
        "B01;20/02/2027;250,50\n"
        "Radio;03/03/2027;99,99\n"
        "Total;;1 350,49\n"
    )
    assert r.spend == {"B01": 1250.5, "B02": 99.99}
    assert r.totals_by_month == {1: 1000.0, 2: 250.5, 3: 99.99}
    assert r.total == pytest.approx(1350.49)
    assert [s.reason for s in r.skipped] == ["ligne de total"]  # CTX is a French workbook
    assert r.notices == ["ligne 5 : lignes de total ignorées", "dépense réelle de 2 lignes de budget"]


def test_merge_replaces_or_adds():
    r = actuals("Ligne;Montant\nB01;50\n")
    _, budget = merge_actuals(r, CTX.kpis, CTX.budget)
    assert [b["actual"] for b in budget] == [50.0, None]
    _, budget = merge_actuals(r, CTX.kpis, CTX.budget, append=True)
    assert [b["actual"] for b in budget] == [150.0, None]
    r = actuals("KPI;Mois;Valeur\nK2;02/2027;5\n")
    kpis, _ = merge_actuals(r, [{"id": "K2", "a01": 1, "a02": 2}], [], append=True)
    assert kpis == [{"id": "K2", "a01": 1, "a02": 7.0}]


def test_months_after_the_tracking_month_are_a_warning():
    r = actuals("KPI;Mois;Valeur\nK2;05/2027;5\n")
    assert r.warnings == [
        "réalisés de M05, après le mois de suivi M03 (Paramètres, « Mois de suivi ») : ils sont importés, "
        "mais les colonnes d'écart ne comptent que les mois jusqu'au mois de suivi"
    ]
    assert r.notices == ["1 réalisé pour 1 indicateur"]  # singular agreement


def test_an_english_workbook_hears_the_summary_in_english():
    from dataclasses import replace

    text = "KPI;Line;Month;Value\nK2;;05/2027;5\nK1;;04/2027;\n;;01/2027;3\nTotal;;;8\n;Radio;01/2027;10\n"
    en = actuals(text, replace(CTX, lang="en"))
    assert [(s.line, s.reason) for s in en.skipped] == [
        (3, "no value"), (4, "no KPI and no budget line"), (5, "total row")]
    assert en.notices == ["line 5: total rows skipped", "1 KPI actual for 1 KPI", "actual spend for 1 budget line"]
    assert en.warnings == [
        'actuals for M05, after the tracking month M03 (Settings, "Tracking month"): they are imported but '
        "the variance columns count months up to the tracking month only"
    ]
    fr = actuals(text)
    assert [s.reason for s in fr.skipped] == ["pas de valeur", "ni indicateur ni ligne de budget", "ligne de total"]
    assert fr.notices == ["ligne 5 : lignes de total ignorées", "1 réalisé pour 1 indicateur",
                          "dépense réelle de 1 ligne de budget"]


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "Indicateur;Mois;Réel\nLeads;01/2027;3\n",
            'reel.csv, line 2, column "Indicateur": "Leads" is not a KPI of the workbook '
            "(KPIs: K1 \"Chiffre d'affaires\", K2 \"Rendez-vous\", K3 \"Taux de transformation\")",
        ),
        (
            "Ligne;Montant\nB99;3\n",
            'reel.csv, line 2, column "Ligne": "B99" is not a budget line of the workbook '
            '(lines: B01 "Salon Batimat", B02 "Radio")',
        ),
        (
            "KPI;Mois;Valeur\nK1;15/12/2026;1\n",
            'reel.csv, line 2, column "Mois": "15/12/2026" is outside the plan year (January 2027 to December 2027)',
        ),
        (
            "KPI;Mois;Valeur\nK1;01/2027;douze\n",
            'reel.csv, line 2, column "Valeur": "douze" is not a number',
        ),
        (
            "KPI;Mois;Valeur\nK3;01/2027;10 %\nK3;janv.;12 %\n",
            "reel.csv, line 3: a second value for rate KPI K3 in month M01 (first on line 2); rates cannot be added up",
        ),
        (
            "KPI;Valeur\nK1;3\n",
            'reel.csv: KPI actuals need a month column (columns found: "KPI", "Valeur")',
        ),
        (
            "KPI;Ligne;Mois;Valeur\nK1;B01;01/2027;3\n",
            'reel.csv, line 2: names both a KPI ("K1") and a budget line ("B01"); fill only one of them per row',
        ),
        (
            "Quoi;Combien\nx;1\n",
            'reel.csv: unknown layout; columns found: "Quoi", "Combien"; fields expected: kpi (id or name) or '
            "line (budget line id or label), then month and value (long layout) or one column per month "
            '(wide layout); name the columns with --map "Source column=field"',
        ),
    ],
)
def test_refusals(text, message):
    with pytest.raises(InputError) as e:
        actuals(text)
    assert str(e.value) == message
