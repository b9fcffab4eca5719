"""pacxl freeze and pacxl revise: the baseline, the revisions, refusals that write nothing, the
check rule revision-missing, and the native twins after a revision (LibreOffice)."""

from __future__ import annotations

import datetime as dt
import getpass
import shutil

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.utils import range_boundaries

from pacxl import build_workbook
from pacxl.calc import revisions as rv
from pacxl.check import check_workbook
from pacxl.cli import main
from pacxl.demo import demo_plan
from pacxl.report import report_workbook
from pacxl.workbook.read import read_plan
from pacxl.workbook.tables import table_columns

from plans import clean_plan


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def plan_path(tmp_path):
    path = tmp_path / "pac.xlsx"
    build_workbook(clean_plan("fr"), path)
    return path


@pytest.fixture
def frozen(plan_path):
    res = run("freeze", plan_path, "--no-backup")
    assert res.exit_code == 0, res.output
    return plan_path


def _set(path, table, item_id, key, value):
    """Change an input cell by hand (openpyxl), as an owner would in Excel."""
    wb = openpyxl.load_workbook(path)
    ws, tbl, col = table_columns(wb, table)
    _, header, _, last = range_boundaries(tbl.ref)
    row = next(r for r in range(header + 1, last + 1) if ws.cell(row=r, column=col["id"]).value == item_id)
    ws.cell(row=row, column=col[key]).value = value
    wb.save(path)
    return f"{ws.title}!{ws.cell(row=row, column=col[key]).coordinate}"


def test_freeze_records_every_target_kpi_month_and_budget_month(plan_path):
    before = read_plan(plan_path)
    assert before.baseline.date is None and before.baseline.entries == []
    res = run("freeze", plan_path)
    assert res.exit_code == 0 and "Copie de sauvegarde :" in res.output and "plan gelé le" in res.output
    p = read_plan(plan_path)
    assert p.baseline.date == dt.date.today()
    want = rv.baseline_entries([(o.id, o.target) for o in before.objectives], [(k.id, k.plan) for k in before.kpis],
                               [(b.id, b.months) for b in before.budget])
    got = [(e.kind, e.id, e.field, e.month, e.value) for e in p.baseline.entries]
    assert got == [(e.kind, e.id, e.field, e.month, e.value) for e in want]
    assert len(got) == len(before.objectives) + 12 * (len(before.kpis) + len(before.budget))
    wb = openpyxl.load_workbook(plan_path)
    assert wb["Référence"].sheet_state == "hidden" and wb["Référence"].protection.sheet
    assert check_workbook(plan_path) == check_workbook(plan_path)  # nothing to flag: unchanged plan
    assert not [f for f in check_workbook(plan_path) if f.code == "revision-missing"]


def test_freeze_twice_is_refused_unless_replace(frozen):
    before = frozen.read_bytes()
    res = run("freeze", frozen)
    assert res.exit_code == 2 and res.output.count("\n") == 1 and "--replace" in res.output
    assert frozen.read_bytes() == before and len(list(frozen.parent.iterdir())) == 1
    _set(frozen, "tblObjectives", "O1", "target", 999.0)
    assert run("freeze", frozen, "--replace", "--no-backup").exit_code == 0
    assert rv.initial_target(read_plan(frozen).baseline.entries, "O1") == 999.0


@pytest.mark.parametrize("args, words", [
    (["NOPE", "--target", "3", "--reason", "r"], "no objective, KPI or budget line has the ID 'NOPE'"),
    (["K1", "--target", "3", "--month", "13", "--reason", "r"], "--month 13 is not a plan month"),
    (["K1", "--target", "3", "--month", "0", "--reason", "r"], "--month 0 is not a plan month"),
    (["O1", "--target", "3", "--month", "2", "--reason", "r"], "its target has no month"),
    (["K1", "--target", "3", "--reason", "r"], "say which month with --month"),
    (["K1", "--target", "trois", "--month", "2", "--reason", "r"], "--target 'trois' is not a number"),
    (["O1", "--target", "nan", "--reason", "r"], "is not a number"),
    (["O1", "--target", "5"], "--reason is needed"),
    (["O1", "--target", "5", "--reason", "   "], "--reason is needed"),
    (["O1", "--reason", "r"], "--target X is needed"),
])
def test_revise_refusals_are_one_line_and_write_nothing(frozen, args, words):
    before = frozen.read_bytes()
    res = run("revise", frozen, *args, "--lang", "en")  # (the French of a French workbook: below)
    assert res.exit_code == 2, res.output
    assert res.output.startswith("Error: ") and res.output.count("\n") == 1 and words in res.output
    assert "Traceback" not in res.output
    assert frozen.read_bytes() == before and len(list(frozen.parent.iterdir())) == 1  # no backup either


@pytest.mark.parametrize("args, words", [
    (["NOPE", "--target", "3", "--reason", "r"], "pac.xlsx : aucun objectif, KPI ou ligne de budget n'a l'ID 'NOPE'"),
    (["K1", "--target", "3", "--month", "13", "--reason", "r"],
     "--month 13 n'est pas un mois du plan : donnez un nombre de 1 à 12"),
    (["O1", "--target", "3", "--month", "2", "--reason", "r"], "O1 est un objectif : sa cible n'a pas de mois"),
    (["B1", "--target", "3", "--reason", "r"], "B1 est une ligne de budget : son prévu est mensuel"),
    (["O1", "--target", "5"], "--reason est nécessaire : dites pourquoi le plan change"),
    (["O1", "--reason", "r"], "--target X est nécessaire : le nouveau chiffre"),
])
def test_revise_refusals_speak_the_french_of_a_french_workbook(frozen, args, words):
    res = run("revise", frozen, *args)
    assert res.exit_code == 2 and res.output.startswith("Erreur : ") and res.output.count("\n") == 1
    assert words in res.output, res.output


def test_freeze_and_revise_lines_follow_the_cli_language(plan_path):
    """The success lines speak the CLI's language: the workbook's (French here), else --lang."""
    res = run("freeze", plan_path, "--no-backup", "--lang", "en")
    assert res.exit_code == 0 and "plan frozen on" in res.output and "gelé" not in res.output, res.output
    res = run("revise", plan_path, "O1", "--target", "5", "--reason", "r", "--no-backup")
    assert res.exit_code == 0 and "O1 (cible)" in res.output and "révision ajoutée à l'onglet Révisions" in res.output
    assert "tblRevisions" not in res.output
    res = run("revise", plan_path, "O1", "--target", "6", "--reason", "r", "--no-backup", "--lang", "en")
    assert res.exit_code == 0 and "O1 (target) 5 -> 6, revision added" in res.output, res.output


def test_revise_refuses_a_plan_never_frozen_and_the_same_value(plan_path):
    before = plan_path.read_bytes()
    res = run("revise", plan_path, "O1", "--target", "5", "--reason", "r")
    assert res.exit_code == 2 and "n'a jamais été gelé : lancez d'abord pacxl freeze pac.xlsx" in res.output
    assert plan_path.read_bytes() == before
    run("freeze", plan_path, "--no-backup")
    target = read_plan(plan_path).objectives[0].target
    before = plan_path.read_bytes()
    res = run("revise", plan_path, "O1", "--target", f"{target:.0f}", "--reason", "r")
    assert res.exit_code == 2 and "vaut déjà" in res.output and "rien à réviser" in res.output and plan_path.read_bytes() == before


def test_revise_changes_the_value_and_appends_the_row(frozen):
    p0 = read_plan(frozen)
    old_target, old_k1 = p0.objectives[0].target, p0.kpis[0].plan[2]
    res = run("revise", frozen, "o1", "--target", "310 000", "--reason", "Appel d'offres gagné", "--no-backup")
    assert res.exit_code == 0, res.output
    res = run("revise", frozen, "K1", "--target", "27500,5", "--month", "3", "--reason", "=Saisonnalité",
              "--no-backup")
    assert res.exit_code == 0, res.output
    p = read_plan(frozen)
    assert p.objectives[0].target == 310000 and p.kpis[0].plan[2] == 27500.5
    today, me = dt.date.today(), getpass.getuser()
    assert [(r.date, r.id, r.field, r.month, r.old, r.new, r.reason, r.author) for r in p.revisions] == [
        (today, "O1", "target", None, old_target, 310000.0, "Appel d'offres gagné", me),
        (today, "K1", "plan", 3, old_k1, 27500.5, "=Saisonnalité", me)]  # a reason is text, never a formula
    wb = openpyxl.load_workbook(frozen)
    ws, tbl, col = table_columns(wb, "tblRevisions")
    first = range_boundaries(tbl.ref)[1] + 1
    assert ws.cell(row=first, column=col["field"]).value == "cible"  # the workbook's word
    assert ws.cell(row=first + 1, column=col["reason"]).data_type == "s"
    assert not [f for f in check_workbook(frozen) if f.code == "revision-missing"]
    fig = report_workbook(frozen)
    assert fig["objectives"][0]["initial"] == old_target and fig["objectives"][0]["target"] == 310000
    assert [r["id"] for r in fig["revisions"]] == ["O1", "K1"]
    k1 = fig["kpis"][0]
    assert k1["initial"] == pytest.approx(k1["plan_year"] - 27500.5 + old_k1)


def test_check_flags_a_change_typed_by_hand_until_a_row_explains_it(frozen):
    cell = _set(frozen, "tblBudget", "B1", "m02", 777.0)
    found = [f for f in check_workbook(frozen) if f.code == "revision-missing"]
    assert [(f.severity, f.where) for f in found] == [("warning", cell)]
    assert "B1" in found[0].message and "777" in found[0].message and "mois 2" in found[0].message
    # a revision typed by hand (header names, the field in English in a French workbook)
    wb = openpyxl.load_workbook(frozen)
    ws, tbl, col = table_columns(wb, "tblRevisions")
    r = range_boundaries(tbl.ref)[1] + 1
    for key, value in (("date", dt.date.today()), ("id", "b1"), ("field", "Budget"), ("month", 2), ("new", 777),
                       ("reason", "typed")):
        ws.cell(row=r, column=col[key]).value = value
    wb.save(frozen)
    assert not [f for f in check_workbook(frozen) if f.code == "revision-missing"]
    _set(frozen, "tblBudget", "B1", "m02", 800.0)  # changed again: the last row says 777
    found = [f for f in check_workbook(frozen) if f.code == "revision-missing"]
    assert len(found) == 1 and "dernière ligne de révision dit 777" in found[0].message


def test_demo_shows_a_revised_objective_with_its_reason(tmp_path):
    for lang in ("fr", "en"):
        path = build_workbook(demo_plan(lang), tmp_path / f"demo_{lang}.xlsx")
        p = read_plan(path)
        assert p.baseline.date is not None and len(p.revisions) == 1
        r = p.revisions[0]
        o = next(o for o in p.objectives if o.id == r.id)
        assert r.field == "target" and o.target == r.new != r.old and r.reason and r.author
        assert rv.initial_target(p.baseline.entries, r.id) == r.old
        assert not [f for f in check_workbook(path) if f.code == "revision-missing"]


@pytest.mark.libreoffice
def test_native_initial_figures_after_revise_equal_calc(frozen, tmp_path):
    """freeze then revise: the KPI and Budget sheets' initial figures, recalculated by
    LibreOffice, equal the report's (calc.revisions), beside the revised plan."""
    from pacxl.recalc import recalculate

    assert run("revise", frozen, "K1", "--target", "1", "--month", "1", "--reason", "r", "--no-backup").exit_code == 0
    assert run("revise", frozen, "B1", "--target", "2", "--month", "1", "--reason", "r", "--no-backup").exit_code == 0
    fig = report_workbook(frozen)
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(frozen, src / "pac.xlsx")
    wb = openpyxl.load_workbook(recalculate(src / "pac.xlsx", tmp_path / "out"), data_only=True)
    for table, key, items, initial, plan in (("tblKPI", "initial_year", fig["kpis"], "initial", "plan_year"),
                                             ("tblBudget", "initial_total", fig["budget"]["lines"], "initial", "total")):
        ws, tbl, col = table_columns(wb, table)
        _, header, _, last = range_boundaries(tbl.ref)
        got = {ws.cell(row=r, column=col["id"]).value: (ws.cell(row=r, column=col[key]).value,
                                                         ws.cell(row=r, column=col[plan if table == "tblKPI" else "total"]).value)
               for r in range(header + 1, last + 1) if ws.cell(row=r, column=col["id"]).value}
        assert set(got) == {i["id"] for i in items}
        for i in items:
            value, revised = got[i["id"]]
            assert value == pytest.approx(i[initial]) if i[initial] is not None else value in (None, "")
            assert revised == pytest.approx(i[plan]) if i[plan] is not None else revised in (None, "")
        changed = next(i for i in items if i["id"] in ("K1", "B1"))
        assert changed[initial] != pytest.approx(changed[plan])


def test_report_shows_initial_revised_actual_and_the_revisions(tmp_path):
    import io

    from rich.console import Console

    from pacxl.report_html import render_html
    from pacxl.report_terminal import render_terminal

    path = build_workbook(demo_plan("en"), tmp_path / "demo.xlsx")
    fig = report_workbook(path)
    o3 = next(o for o in fig["objectives"] if o["id"] == "OBJ-03")
    assert (o3["initial"], o3["target"]) == (30.0, 28.0)
    assert fig["baseline"]["date"] == "2025-12-15" and fig["revisions"][0]["field"] == "target"
    buf = io.StringIO()
    render_terminal(fig, Console(file=buf, width=200, color_system=None))
    out = buf.getvalue()
    assert "Initial plan, revised plan and actual (plan frozen on 2025-12-15)" in out
    row = next(line for line in out.splitlines() if "OBJ-03" in line and "Objective" in line)
    assert [c.strip() for c in row.split("│")[4:7]] == ["30", "28", "26"]
    assert "Two hospital tenders" in out and "Revisions (1)" in out
    page = render_html(fig)
    assert "<b>30</b>" in page and "<b>28</b>" in page and "Two hospital tenders postponed" in page
    blank = report_workbook(build_workbook(clean_plan("en"), tmp_path / "blank.xlsx"))
    assert blank["baseline"] == {"date": None, "entries": 0} and blank["revisions"] == []
    assert "Initial plan" not in render_html(blank)


def test_freeze_refuses_two_items_with_one_id_and_revise_an_id_of_two_kinds(plan_path):
    _set(plan_path, "tblKPI", "K2", "id", "K1")
    before = plan_path.read_bytes()
    res = run("freeze", plan_path)
    assert res.exit_code == 2 and "deux KPI ont l'ID 'K1'" in res.output and plan_path.read_bytes() == before
    _set(plan_path, "tblKPI", "K1", "id", "K2")  # one of the two gets another ID: unique again
    _set(plan_path, "tblBudget", "B1", "id", "O1")
    assert run("freeze", plan_path, "--no-backup").exit_code == 0
    before = plan_path.read_bytes()
    res = run("revise", plan_path, "O1", "--target", "5", "--reason", "r")
    assert res.exit_code == 2 and "à la fois un objectif et une ligne de budget" in res.output
    assert plan_path.read_bytes() == before


def test_a_workbook_without_the_revision_sheets_reads_as_never_frozen(plan_path):
    """A workbook made before the revisions (no Revisions and Baseline sheets): check and report
    read it, freeze names what is missing, in one line, writing nothing."""
    wb = openpyxl.load_workbook(plan_path)
    for title in ("Révisions", "Référence"):
        del wb[title]
    for name in [n for n in wb.defined_names if n.startswith(("tblBaseline", "tblRevisions", "PAC_Baseline"))]:
        del wb.defined_names[name]
    wb.save(plan_path)
    assert report_workbook(plan_path)["baseline"]["date"] is None
    assert not [f for f in check_workbook(plan_path) if f.code == "revision-missing"]
    before = plan_path.read_bytes()
    res = run("freeze", plan_path)
    assert res.exit_code == 2 and res.output.count("\n") == 1 and "pas de feuille Référence" in res.output
    assert plan_path.read_bytes() == before


@pytest.mark.parametrize("text, value", [("35 %", 0.35), ("1 250,50", 1250.5), ("-3.5", -3.5), ("1e6", 1e6),
                                         ("\u202f12\u00a0000", 12000.0), (7, 7.0)])
def test_parse_target(text, value):
    from pacxl.revisions import parse_target

    assert parse_target(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["abc", "%", "nan", "inf", "1e400", "1,2,3", "", "2e15", None, "12 €"])
def test_parse_target_refuses(text):
    from pacxl.errors import InputError
    from pacxl.revisions import parse_target

    with pytest.raises(InputError):
        parse_target(text)
