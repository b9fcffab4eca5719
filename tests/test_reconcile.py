"""Up from the individual plans (issue 15): ``consolidate --against``, the Reconciliation sheet,
the team's capacity, their check rules and report keys.

One scenario, built once: a team plan of three salespeople (the demo plan, ``pacxl new --team``
shape), ``pacxl split`` into three plans, Bruno lowers his revenue target by 1 234,56 €, the plans
are consolidated against the team plan. LibreOffice recalculates the team plan and the
consolidated workbook in one process; every native figure is compared with calc.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from pacxl.calc import reconcile as R
from pacxl.calc import team_capacity as T
from pacxl.check import check_workbook
from pacxl.cli import main
from pacxl.consolidate import consolidate_files
from pacxl.demo import demo_plan
from pacxl.errors import InputError
from pacxl.report import report_figures
from pacxl.report_reconcile import capacity_figures, reconciliation_figures, reconciliation_lines
from pacxl.split import split_file
from pacxl.team_plan import add_team
from pacxl.workbook.build import build_workbook
from pacxl.workbook.contract_reconcile import RATES, RECONCILIATION, SHEET
from pacxl.workbook.read import read_plan, read_workbook

from workbook_values import Book, blank, recalculate_all

PEOPLE = ("Alice", "Bruno", "Chloé")
CAPACITY = (14, 2, None)  # meetings per week: Bruno is overloaded, Chloé's is not typed
LOWERED = 1234.56


def team_plan(lang: str = "fr"):
    p = add_team(demo_plan(lang), list(PEOPLE))
    for m, n in zip(p.team, CAPACITY):
        m.meetings_per_week = n
    return p


def lower_target(path: Path, by: float) -> None:
    wb = openpyxl.load_workbook(path)
    (title, ref), = list(wb.defined_names["PAC_RevenueTarget"].destinations)
    cell = wb[title][ref.replace("$", "")]
    cell.value = round(cell.value - by, 2)
    wb.save(path)


@pytest.fixture(scope="module")
def scene(tmp_path_factory):
    d = tmp_path_factory.mktemp("reconcile")
    team = build_workbook(team_plan(), d / "team.xlsx")
    plans = split_file(team, d / "plans")
    lower_target(d / "plans" / "Bruno.xlsx", LOWERED)
    result = consolidate_files([str(p) for p in plans], d / "cons.xlsx", against=team)
    done = recalculate_all([team, d / "cons.xlsx"], d / "lo")
    return {"dir": d, "team": team, "plans": plans, "result": result,
            "team_book": Book(done[team], "fr"), "cons_book": Book(done[d / "cons.xlsx"], "fr"),
            "cons": d / "cons.xlsx"}


# --- the gap -------------------------------------------------------------------------------------

def test_the_lowered_target_is_exactly_the_gap(scene):
    rec = scene["result"].against.result
    assert {ln.person: round(ln.gap, 2) for ln in rec.people} == {"Alice": 0, "Bruno": -LOWERED, "Chloé": 0}
    assert round(rec.total.gap, 2) == -LOWERED
    for ln in rec.lines:
        if ln.person == "Bruno":
            assert ln.gap < 0
        else:
            assert abs(ln.gap) < 0.005, ln
    # Bruno's lines split the gap by his plan's segment shares (his plan in cents: within a cent)
    bruno = read_plan(scene["dir"] / "plans" / "Bruno.xlsx")
    shares = {s.name: s.share for s in bruno.segments}
    mine = [ln for ln in rec.lines if ln.person == "Bruno"]
    for ln in mine:
        assert abs(ln.gap + LOWERED * shares[ln.segment]) <= 0.0100001
    assert round(sum(ln.gap for ln in mine), 2) == -LOWERED
    assert scene["result"].against.gaps() == 4


def test_the_reconciliation_reads_back_as_consolidate_computed_it(scene):
    held = read_plan(scene["cons"])
    again = R.totals(reconciliation_lines(held))
    made = scene["result"].against.result
    for x, y in zip(again.lines + again.people + again.segments + [again.total],
                    made.lines + made.people + made.segments + [made.total]):
        assert (x.person, x.segment) == (y.person, y.segment)
        assert round(x.plan, 2) == round(y.plan, 2) == pytest.approx(x.plan, abs=1e-6)  # plans are cents
        assert x.allocation == pytest.approx(y.allocation) and round(x.gap, 2) == round(y.gap, 2)
    fig = report_figures(held)["reconciliation"]
    assert fig == reconciliation_figures(held)
    assert [round(p["gap"], 2) for p in fig["salespeople"]] == [0, -LOWERED, 0]
    assert sum(1 for ln in fig["lines"] if ln["gap_flagged"]) == 4


def test_cli_prints_the_gaps(scene, tmp_path):
    out = tmp_path / "cons.xlsx"
    r = CliRunner().invoke(main, ["consolidate", *map(str, scene["plans"]), "-o", str(out),
                                  "--against", str(scene["team"])])
    assert r.exit_code == 0, r.output
    assert f"rapproché de {scene['team']} : 4 écarts entre plans et allocations" in r.output


# --- native formulas against calc (LibreOffice) --------------------------------------------------

def _close(native, want, tol=1e-6) -> bool:
    if want is None:
        return blank(native)
    return isinstance(native, (int, float)) and abs(native - want) <= tol * max(1.0, abs(want))


def test_reconciliation_sheet_equals_calc(scene):
    book, held = scene["cons_book"], read_plan(scene["cons"])
    rows = book.values[SHEET["fr"]]
    wb = book.formulas
    ws, tbl = next((w, w.tables["tblReconciliation"]) for w in wb.worksheets if "tblReconciliation" in w.tables)
    lines = reconciliation_lines(held)
    first = int(tbl.ref.split(":")[0][1:]) + 1
    keys = RECONCILIATION.keys()
    assert len(lines) == 12
    for i, ln in enumerate(lines):
        got = dict(zip(keys, (c.value for c in rows[first + i][:len(keys)])))
        assert got["salesperson"] == ln.person and got["segment"] == ln.segment
        for key in ("plan", "allocation", "gap", "gap_pct"):
            assert _close(got[key], getattr(ln, key)), (i, key, got[key], getattr(ln, key))
    rec = R.totals(lines)

    def block(name: str) -> list[tuple]:
        (title, ref), = list(wb.defined_names[name].destinations)
        return [tuple(c.value for c in row) for row in book.values[title][ref.replace("$", "")]]

    people = block("PAC_ReconciliationPeople")
    assert [r[0] for r in people] == list(PEOPLE)
    for row, ln in zip(people, rec.people):
        assert all(_close(v, w) for v, w in zip(row[1:], (ln.plan, ln.allocation, ln.gap, ln.gap_pct))), row
    segments = block("PAC_ReconciliationSegments")
    assert [r[0] for r in segments] == [ln.segment for ln in rec.segments]
    for row, ln, m in zip(segments, rec.segments, rec.mix):
        want = (ln.plan, ln.allocation, ln.gap, ln.gap_pct, None, m["plan_share"], m["team_share"], m["difference"])
        for v, w in zip(row[1:], want):
            if w is not None:
                assert _close(v, w), (row, want)
    total = block("PAC_ReconciliationTotal")[0]
    assert all(_close(v, w) for v, w in zip(total[1:], (rec.total.plan, rec.total.allocation, rec.total.gap,
                                                          rec.total.gap_pct)))
    assert round(total[3], 2) == -LOWERED
    # observed rates beside the team's
    obs = reconciliation_figures(held)["observed_rates"]
    ws, tbl = next((w, w.tables["tblReconciliationRates"]) for w in wb.worksheets if "tblReconciliationRates" in w.tables)
    first = int(tbl.ref.split(":")[0][1:]) + 1
    keys = RATES.keys()
    assert len(obs) == 3 * 4 and any(o["observed"] is not None for o in obs)
    for i, o in enumerate(obs):
        got = dict(zip(keys, (c.value for c in rows[first + i][:len(keys)])))
        assert got["salesperson"] == o["salesperson"] and got["stage"] == o["stage"]
        for key in ("actual", "observed", "assumed", "difference"):
            assert _close(got[key], o[key]), (i, key, got[key], o[key])


@pytest.mark.parametrize("which", ["team", "cons"])
def test_capacity_columns_equal_calc(scene, which):
    book = scene[f"{which}_book"]
    held = read_plan(scene["team"] if which == "team" else scene["cons"])
    cap = capacity_figures(held)
    assert [p["salesperson"] for p in cap["people"]] == list(PEOPLE)
    rows = {r["salesperson"]: r for r in book.table("tblTeam") if not blank(r["salesperson"])}
    for p in cap["people"]:
        for key in ("share", "need_per_week", "load"):
            assert _close(rows[p["salesperson"]][key], p[key]), (p["salesperson"], key)
    # independent: share x (meetings of the funnel's second stage + the coverage plan's: the
    # customers of each class x their visits a year) / (working days / 5)
    fig = report_figures(held)
    meetings = fig["funnel"]["stages"][1]["year"]
    classes = fig["abc"]["classes"]
    coverage = sum(classes[c]["count"] * v for c, v in zip("ABC", held.settings.coverage_visits))
    assert cap["coverage_meetings"] == coverage
    assert coverage > 0 if which == "team" else coverage == 0  # the split plans hold no customers
    weeks = sum(fig["working_days"]) / 5
    alice = cap["people"][0]
    assert alice["need_per_week"] == pytest.approx(alice["share"] * (meetings + coverage) / weeks)
    assert alice["load"] == pytest.approx(alice["need_per_week"] / 14)
    assert cap["people"][2]["load"] is None  # no capacity typed
    assert fig["capacity"] == cap
    # the team dashboard shows each load
    shown = book.block("dashboard", "db_load_person", "db_load_pct")
    assert set(shown) == set(PEOPLE)
    for p in cap["people"]:
        assert _close(shown[p["salesperson"]], p["load"])


# --- check ----------------------------------------------------------------------------------------

def test_check_reports_each_gap_on_its_row(scene):
    held, layout = read_workbook(scene["cons"])
    found = [f for f in check_workbook(scene["cons"]) if f.code == "reconciliation-gap"]
    lines = reconciliation_lines(held)
    flagged = [i for i, ln in enumerate(lines) if R.is_gap(ln.plan, ln.allocation)]
    assert [ln.person for ln in (lines[i] for i in flagged)] == ["Bruno"] * 4
    assert [f.cell for f in found] == [layout.item("tblReconciliation", i, "gap")[1] for i in flagged]
    assert all(f.sheet == "Rapprochement" and f.severity == "warning" for f in found)
    ln = lines[flagged[0]]
    assert found[0].message.startswith(f"Bruno, segment {ln.segment} : son plan (")
    words = " ".join(found[0].message.replace("\xa0", " ").replace("\u202f", " ").split())
    cents = f"{abs(ln.gap):.2f}".replace(".", ",")
    assert f"de -{cents} €" in words and f"({ln.gap / ln.allocation * 100:.1f} %)".replace(".", ",") in words


def test_check_warns_of_the_overloaded_salesperson_only(scene):
    for path in (scene["team"], scene["cons"]):
        held, layout = read_workbook(path)
        found = [f for f in check_workbook(path) if f.code == "team-overload"]
        assert len(found) == 1
        f = found[0]
        assert (f.sheet, f.cell) == layout.item("tblTeam", 1, "load")  # Bruno's row
        bruno = capacity_figures(held)["people"][1]
        need = f"{bruno['need_per_week']:.1f}".replace(".", ",")
        assert f.message.startswith(f"Bruno a besoin de {need} rendez-vous par semaine ouvrée")
        load = f"{bruno['load'] * 100:.0f}"
        assert f"peut en tenir 2 : charge {load}\xa0%" in f.message
    en = [f for f in check_workbook(scene["cons"], lang="en") if f.code == "team-overload"]
    assert en[0].message.startswith("Bruno needs 4.5 meetings a working week")


def test_no_finding_without_a_team(scene, tmp_path):
    path = build_workbook(demo_plan("fr"), tmp_path / "demo.xlsx")
    codes = {f.code for f in check_workbook(path)}
    assert not codes & {"reconciliation-gap", "team-overload"}
    assert report_figures(read_plan(path))["reconciliation"] is None
    assert report_figures(read_plan(path))["capacity"] is None


# --- refusals: one clear line, nothing written -----------------------------------------------------

def _refused(args: list[str], out: Path) -> str:
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 2, r.output
    assert not out.exists()
    lines = [x for x in r.output.splitlines() if x.strip()]
    assert len(lines) == 1, r.output
    return lines[0]


def test_refuses_a_plan_of_nobody_in_the_team(scene, tmp_path):
    stray = build_workbook(demo_plan("fr"), tmp_path / "inconnu.xlsx")
    out = tmp_path / "out.xlsx"
    line = _refused(["consolidate", str(scene["plans"][0]), str(stray), "-o", str(out),
                     "--against", str(scene["team"])], out)
    assert line.startswith("Erreur : inconnu.xlsx : le plan de 'inconnu' ne correspond à aucun commercial de "
                           "l'équipe (Alice, Bruno, Chloé)")


def test_refuses_an_ambiguous_plan(scene, tmp_path):
    odd = tmp_path / "Bruno.xlsx"  # Alice's plan (its Team sheet says Alice) under Bruno's name
    shutil.copy(scene["plans"][0], odd)
    out = tmp_path / "out.xlsx"
    line = _refused(["consolidate", str(odd), "-o", str(out), "--against", str(scene["team"])], out)
    assert line == ("Erreur : Bruno.xlsx : le plan désigne deux commerciaux de l'équipe (Alice, Bruno) : son "
                    "seul responsable en dit un, son nom de fichier un autre ; accordez-les")


def test_refuses_two_plans_of_one_salesperson(scene, tmp_path):
    copy = tmp_path / "alice_bis.xlsx"
    shutil.copy(scene["plans"][0], copy)
    out = tmp_path / "out.xlsx"
    line = _refused(["--lang", "en", "consolidate", str(scene["plans"][0]), str(copy), "-o", str(out),
                     "--against", str(scene["team"])], out)
    assert line == "Error: Alice has two plans (Alice.xlsx, alice_bis.xlsx): give one plan per salesperson"


def test_refuses_a_team_plan_without_allocation_and_itself_as_input(scene, tmp_path):
    lone = build_workbook(demo_plan("fr"), tmp_path / "seul.xlsx")
    out = tmp_path / "out.xlsx"
    line = _refused(["consolidate", str(scene["plans"][0]), "-o", str(out), "--against", str(lone)], out)
    assert line == (f"Erreur : {lone} : pas d'équipe avec qui rapprocher : son onglet Équipe ne liste "
                    "aucune allocation (tblAllocation)")
    line = _refused(["consolidate", str(scene["team"]), "-o", str(out), "--against", str(scene["team"])], out)
    assert "aussi un plan à consolider" in line
    with pytest.raises(InputError):
        consolidate_files([str(scene["plans"][0])], tmp_path / "x.xlsx", against=scene["plans"][0])


def test_a_salesperson_without_a_plan_is_noted_and_shows_the_whole_allocation(scene, tmp_path):
    result = consolidate_files([str(p) for p in scene["plans"][:2]], tmp_path / "two.xlsx", against=scene["team"])
    assert any("pas de plan pour Chloé" in n for n in result.notes)
    chloe = next(ln for ln in result.against.result.people if ln.person == "Chloé")
    assert chloe.plan == 0 and round(chloe.gap, 2) == -round(chloe.allocation, 2) != 0


def test_plans_match_by_only_owner_or_file_name():
    from pacxl.model import Plan, TeamMember
    from pacxl.reconcile import salesperson_of

    team = ["Alice", "Chloé"]
    p = Plan()
    p.settings.owners = ["chloé"]
    assert salesperson_of("x/plan.xlsx", p, team, "fr") == "Chloé"
    assert salesperson_of("x/ALICE.xlsx", Plan(), team, "fr") == "Alice"
    p = Plan(team=[TeamMember("Alice")])
    p.settings.owners = ["Alice", "Bruno"]  # several owners: not a hint
    assert salesperson_of("x/notes.xlsx", p, team, "fr") == "Alice"
    assert T.overloaded(None) is False  # (imported for the capacity tests)
