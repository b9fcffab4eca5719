"""pacxl consolidate: merging plans (pure), then team workbooks from real demo copies."""

from __future__ import annotations

import pytest

from pacxl.calc.variance import kpi_kind
from pacxl.check import budget_total
from pacxl.consolidate import make_people, merge_plans, person_name
from pacxl.errors import InputError

from plans import clean_plan


def two_people():
    a = clean_plan(owner="Alice")
    b = clean_plan(owner="Carl")
    b.settings.revenue_target = 100_000.0
    b.settings.average_deal = 10_000.0  # 10 deals
    b.segments[0].share, b.segments[1].share = 0.2, 0.8
    b.kpis[0].actual[3] = 5_000.0  # Carl has reached month 4
    b.settings.tracking_month = 4
    return make_people([("Alice", a), ("Carl", b)])


def test_people_get_unique_names_and_codes():
    people = make_people([("Anne", clean_plan()), ("Anne", clean_plan()), ("Anatole", clean_plan())])
    assert [p.name for p in people] == ["Anne", "Anne (2)", "Anatole"]
    assert len({p.code for p in people}) == 3


def test_person_name_from_single_owner_or_file():
    p = clean_plan()
    assert person_name(p, "dir/bob_2026.xlsx") == "bob_2026"  # two owners: the file names the person
    p.settings.owners = ["Dana"]
    assert person_name(p, "dir/x.xlsx") == "Dana"


def test_every_action_and_objective_with_owner_and_unique_id():
    people = two_people()
    team, _ = merge_plans(people)
    assert len(team.actions) == 6 and len(team.objectives) == 4
    ids = [a.id for a in team.actions]
    assert len(set(ids)) == 6
    objective_ids = {o.id for o in team.objectives}
    assert all(a.objective_id in objective_ids for a in team.actions)
    owners = {a.owner for a in team.actions}
    assert owners == {"Alice", "Carl", "Bob"}
    assert {"Alice", "Bob", "Carl"} <= set(team.settings.owners)


def test_blank_owner_becomes_the_person():
    people = two_people()
    people[1].plan.actions[0].owner = ""
    team, _ = merge_plans(people)
    carl = [a for a in team.actions if a.id.startswith(people[1].code + "-")]
    assert carl[0].owner == "Carl"


def test_budget_summed_per_line_and_month():
    people = two_people()
    team, _ = merge_plans(people)
    assert len(team.budget) == 3  # same three lines (category, label) in both plans
    assert budget_total(team) == pytest.approx(sum(budget_total(p.plan) for p in people))
    stand = next(b for b in team.budget if b.label == "Stand")
    assert stand.months[:3] == [0.0, 16_000.0, None]  # blank + blank stays blank
    assert stand.actual == 17_000


def test_kpis_summed_or_listed_per_person():
    team, _ = merge_plans(two_people())
    revenue = next(k for k in team.kpis if k.name == "Revenue")
    assert revenue.plan == [50_000.0] * 12
    assert revenue.actual[:4] == [40_000.0, 60_000.0, 48_000.0, 5_000.0]
    rates = [k for k in team.kpis if kpi_kind(k.kind) == "rate"]
    assert sorted(k.name for k in rates) == ["Signature rate (Alice)", "Signature rate (Carl)"]
    assert all(k.plan == [0.3] * 12 for k in rates)  # a rate is never summed


def test_settings_targets_and_weighted_segment_shares():
    team, notes = merge_plans(two_people())
    s = team.settings
    assert s.revenue_target == 400_000 and s.deals_target == 25  # 15 + 10 deals
    assert s.tracking_month == 3 and any("month 3" in n for n in notes)
    industry = next(x for x in team.segments if x.name == "Industry")
    assert industry.share == pytest.approx((0.6 * 300_000 + 0.2 * 100_000) / 400_000)
    assert sum(x.share for x in team.segments) == pytest.approx(1)


def test_statuses_mapped_by_position_across_languages():
    en = clean_plan("en", owner="Alice")
    fr = clean_plan("fr", owner="Carl")
    team, _ = merge_plans(make_people([("Alice", en), ("Carl", fr)]))
    done = [a for a in team.actions if a.status == "Done"]
    assert len(done) == 2 and all(a.status in team.settings.statuses for a in team.actions)


def test_customers_summed_by_code():
    team, _ = merge_plans(two_people())
    assert len(team.customers) == 5 and team.customers[0].amount == 200


def test_nothing_to_merge():
    with pytest.raises(InputError, match="nothing to consolidate"):
        merge_plans([])


# --- end to end: three modified demo copies ----------------------------------------------------

import shutil  # noqa: E402

import openpyxl  # noqa: E402
from click.testing import CliRunner  # noqa: E402
from openpyxl.utils import range_boundaries  # noqa: E402

from pacxl.cli import main  # noqa: E402
from pacxl.consolidate import consolidate_files  # noqa: E402
from pacxl.workbook.contract import SHEETS, TABLES  # noqa: E402

ERROR_VALUES = ("#REF!", "#NAME?", "#VALUE!", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "Err:")


def _table(wb, name):
    for ws in wb.worksheets:
        if name in ws.tables:
            min_col, header, _, last = range_boundaries(ws.tables[name].ref)
            return ws, min_col, header, last
    raise AssertionError(name)


def _budget_cells_total(path) -> float:
    """Sum of the 12 month cells of every budget line, read straight from the file."""
    wb = openpyxl.load_workbook(path)
    ws, min_col, header, last = _table(wb, "tblBudget")
    first = min_col + TABLES["tblBudget"].index("m01")
    return sum(
        float(ws.cell(row=r, column=c).value)
        for r in range(header + 1, last + 1)
        for c in range(first, first + 12)
        if isinstance(ws.cell(row=r, column=c).value, (int, float))
    )


@pytest.fixture(scope="module")
def three_plans(generated_workbooks, tmp_path_factory):
    """Three copies of the French demo: Anne's (one owner, a bigger budget line), Bruno's (one
    owner, two budget lines cleared) and an unchanged team copy; plus a file that is no plan."""
    folder = tmp_path_factory.mktemp("team")
    paths = []
    for i, name in enumerate(("anne", "bruno", "equipe")):
        p = folder / f"{name}.xlsx"
        shutil.copyfile(generated_workbooks["demo_fr"], p)
        wb = openpyxl.load_workbook(p)
        ws, min_col, header, _ = _table(wb, "tblBudget")
        m03 = min_col + TABLES["tblBudget"].index("m03")
        if name != "equipe":
            sheet, ref = next(wb.defined_names["PAC_Owners"].destinations)
            cells = wb[sheet][ref.replace("$", "")]
            for j, row in enumerate(cells):
                row[0].value = name.capitalize() if j == 0 else None
        if name == "anne":
            ws.cell(row=header + 1, column=m03).value = 12_345.0
        if name == "bruno":
            for r in (header + 2, header + 3):
                for c in range(m03 - 2, m03 + 10):
                    ws.cell(row=r, column=c).value = None
        wb.save(p)
        paths.append(p)
    junk = folder / "notes.xlsx"
    junk.write_text("not a workbook")
    return paths, junk


@pytest.fixture(scope="module")
def team(three_plans, tmp_path_factory):
    paths, junk = three_plans
    out = tmp_path_factory.mktemp("team_out") / "equipe_2026.xlsx"
    result = consolidate_files([str(p) for p in paths] + [str(junk)], out)
    return result


def test_skipped_file_is_reported(team, three_plans):
    assert [f for f, _ in team.skipped] == [str(three_plans[1])]
    assert "not an Excel workbook" in team.skipped[0][1]
    assert [p.name for p in team.people] == ["Anne", "Bruno", "equipe"]


def test_team_workbook_has_person_sheets_and_all_actions(team):
    wb = openpyxl.load_workbook(team.path)
    assert wb.sheetnames[-3:] == ["Anne", "Bruno", "equipe"]
    assert wb.sheetnames[:len(SHEETS) - 2] == [t["fr"] for t in list(SHEETS.values())[:-2]]
    n = sum(len(p.plan.actions) for p in team.people)
    ws, min_col, header, last = _table(wb, "tblActions")
    ids = [ws.cell(row=r, column=min_col).value for r in range(header + 1, last + 1)]
    assert len([i for i in ids if i]) == n


@pytest.mark.libreoffice
def test_recalculated_team_budget_is_the_sum_and_no_error(team, three_plans, tmp_path_factory):
    from pacxl.recalc import recalculate

    out = recalculate(team.path, tmp_path_factory.mktemp("team_recalc"))
    wb = openpyxl.load_workbook(out, data_only=True)
    sheet, ref = next(wb.defined_names["PAC_BudgetTotal"].destinations)
    expected = sum(_budget_cells_total(p) for p in three_plans[0])
    assert wb[sheet][ref.replace("$", "")].value == pytest.approx(expected)
    errors = [
        f"{ws.title}!{c.coordinate}={c.value}"
        for ws in wb.worksheets for row in ws.iter_rows() for c in row
        if isinstance(c.value, str) and c.value.startswith(ERROR_VALUES)
    ]
    assert errors == []
    # the person sheets' live formulas count each person's actions in the team's table
    for person in team.people:
        ws = wb[person.name]
        assert ws["B12"].value == len(person.plan.actions)
        assert ws["B13"].value == pytest.approx(sum(a.budget or 0 for a in person.plan.actions))


def test_consolidate_cli(three_plans, tmp_path):
    paths, junk = three_plans
    out = tmp_path / "team.xlsx"
    runner = CliRunner()
    res = runner.invoke(main, ["consolidate", str(paths[0]), str(junk), "-o", str(out)])
    assert res.exit_code == 0, res.output
    # a French plan makes a French team workbook: the command says what it did in French
    assert f"ignoré : {junk} :" in res.output
    assert f"écrit : {out} : 1 plan consolidé, 1 ignoré" in res.output
    assert "wrote" not in res.output and "skipped" not in res.output
    res = runner.invoke(main, ["consolidate", str(paths[0]), str(junk), "-o", str(out), "--force", "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert f"skipped {junk}:" in res.output
    assert f"wrote {out}: 1 plan consolidated, 1 skipped" in res.output
    res = runner.invoke(main, ["consolidate", str(paths[0]), "-o", str(out)])
    assert res.exit_code == 2 and "Erreur : " in res.output and "utilisez --force" in res.output  # a French plan
    res = runner.invoke(main, ["consolidate", str(junk), "-o", str(tmp_path / "t2.xlsx")])
    assert res.exit_code == 2 and res.output.startswith("Error: no plan could be read")


def test_merge_notes_follow_the_team_language():
    # Carl's plan is tracked to month 4, Alice's to month 3: the team plan says which month it uses
    _, notes_en = merge_plans(two_people())
    assert any(n.startswith("the plans are tracked to different months: the team plan uses month 3") for n in notes_en)
    _, notes_fr = merge_plans(two_people(), lang="fr")
    assert any(n.startswith("les plans sont suivis jusqu'à des mois différents : le plan d'équipe retient "
                            "le mois 3") for n in notes_fr)
    assert not any("the plans" in n for n in notes_fr)


# --- one currency, one calendar (issue 10) -----------------------------------------------------

from pathlib import Path  # noqa: E402

import pacxl  # noqa: E402
from pacxl.demo import demo_plan  # noqa: E402
from pacxl.report import report_workbook  # noqa: E402
from pacxl.workbook.i18n import text as wb_text  # noqa: E402


def test_align_plan_keeps_each_figure_in_its_calendar_month():
    from pacxl.align import align_plan

    p = clean_plan()
    p.settings.first_month, p.settings.tracking_month = 4, 7  # April 2026 - March 2027, tracked to October
    p.kpis[0].plan = [float(m) for m in range(1, 13)]  # her month m holds m
    aligned, moved = align_plan(p, 2026, 1)
    assert aligned.kpis[0].plan == [10.0, 11.0, 12.0] + [float(m) for m in range(1, 10)]  # April is month 4
    assert aligned.settings.tracking_month == 10 and moved == 3  # January-March 2027 land in 2026
    assert aligned.budget[1].months[3:5] == [0, 8000.0]  # her months 1-2 are April-May
    assert sum(x or 0 for x in aligned.budget[0].months) == pytest.approx(1000)  # nothing dropped
    assert aligned.actions[0].end == p.actions[0].end  # dates stay as typed
    assert p.settings.first_month == 4 and p.kpis[0].plan[0] == 1.0  # the input is not changed


def test_merge_refuses_other_years_unless_told():
    people = two_people()
    people[1].plan.settings.year = 2025
    with pytest.raises(InputError) as exc:
        merge_plans(people)
    assert str(exc.value) == ("the plans cover different years (2026: Alice; 2025: Carl): say which one the team "
                              "plan uses with --year YYYY")
    team, notes = merge_plans(people, year=2026)
    assert team.settings.year == 2026
    assert notes[0] == ("Carl: plan 01/2025–12/2025 aligned on the team's 01/2026–12/2026, each monthly figure in "
                        "the same calendar month (12 of 12 months change year); dates kept as typed")


@pytest.fixture(scope="module")
def plans_of_every_kind(tmp_path_factory):
    """Demo plans built by the generator: Anne's and Bruno's (EUR, 2026, from January, tracked to
    October; Bruno has more late actions), Carl's in USD, Dora's from April (tracked to her 7th
    month, October) and Eve's of 2025 (tracked to September)."""
    folder = tmp_path_factory.mktemp("calendars")
    paths = {}
    for name, change in (
        ("anne", lambda s: None),
        ("bruno", None),
        ("carl", lambda s: setattr(s, "currency", "USD")),
        ("dora", lambda s: (setattr(s, "first_month", 4), setattr(s, "tracking_month", 7))),
        ("eve", lambda s: (setattr(s, "year", 2025), setattr(s, "tracking_month", 9))),
    ):
        plan = demo_plan("fr")
        plan.settings.owners = [name.capitalize()]
        if change is None:  # Bruno: every action still "in progress", so more of them are late
            for a in plan.actions:
                a.status = plan.settings.statuses[1]
        else:
            change(plan.settings)
        paths[name] = pacxl.build_workbook(plan, folder / f"{name}.xlsx")
    return paths


def _run(args, cwd=None):
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([sys.executable, "-m", "pacxl", "consolidate", *map(str, args)], capture_output=True,
                          text=True, env=env, cwd=cwd)


def test_different_currencies_are_refused_and_nothing_is_written(plans_of_every_kind, tmp_path):
    p = plans_of_every_kind
    out = tmp_path / "team.xlsx"
    out.write_bytes(b"the team's previous workbook")
    res = _run([p["anne"], p["carl"], p["bruno"], "-o", out, "--force"])
    assert res.returncode == 2 and res.stdout == ""
    assert res.stderr == (f"Erreur : les plans ne sont pas dans la même devise (EUR : {p['anne']}, {p['bruno']} ; "
                          f"USD : {p['carl']}) : convertissez-les d'abord dans une seule devise ; rien n'a été écrit\n")
    assert out.read_bytes() == b"the team's previous workbook"
    res = _run([p["carl"], p["anne"], "-o", out, "--force", "--lang", "en"])
    assert res.returncode == 2
    assert res.stderr == (f"Error: the plans use different currencies (USD: {p['carl']}; EUR: {p['anne']}): "
                          "convert them to one currency first; nothing was written\n")
    assert out.read_bytes() == b"the team's previous workbook"


def test_different_years_or_first_months_are_refused(plans_of_every_kind, tmp_path):
    p = plans_of_every_kind
    out = tmp_path / "team.xlsx"
    res = _run([p["anne"], p["dora"], p["eve"], "-o", out])
    assert res.returncode == 2 and not out.exists()
    assert res.stderr == (
        f"Erreur : les plans portent sur des années différentes (2026 : {p['anne']}, {p['dora']} ; 2025 : {p['eve']}) : "
        "indiquez celle du plan d'équipe avec --year AAAA ; les plans ne commencent pas le même mois "
        f"(1 : {p['anne']}, {p['eve']} ; 4 : {p['dora']}) : indiquez le premier mois du plan d'équipe avec "
        "--first-month M\n")
    res = _run([p["anne"], p["eve"], "-o", out, "--year", "2027", "--lang", "en"])
    assert res.returncode == 2 and not out.exists()
    assert res.stderr == "Error: --year 2027: no plan has it (the plans have 2025, 2026)\n"


def test_aligned_with_year_and_first_month(plans_of_every_kind, tmp_path):
    p = plans_of_every_kind
    out = tmp_path / "team.xlsx"
    res = _run([p["anne"], p["dora"], p["eve"], "-o", out, "--year", "2026", "--first-month", "1", "--lang", "en"])
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == [
        f"wrote {out}: 3 plans consolidated, 0 skipped",
        f"note: {p['dora']}: plan 04/2026–03/2027 aligned on the team's 01/2026–12/2026, each monthly figure in "
        "the same calendar month (3 of 12 months change year); dates kept as typed",
        f"note: {p['eve']}: plan 01/2025–12/2025 aligned on the team's 01/2026–12/2026, each monthly figure in "
        "the same calendar month (12 of 12 months change year); dates kept as typed",
        "note: the plans are tracked to different months: the team plan uses month 9, the last month every plan "
        "has reached",
    ]
    from pacxl.workbook.read import read_plan

    team = read_plan(out)
    s = team.settings
    assert (s.year, s.first_month, s.tracking_month) == (2026, 1, 9)
    demo = demo_plan("fr")
    revenue = [k for k in demo.kpis if kpi_kind(k.kind) == "revenue"][0]
    team_revenue = next(k for k in team.kpis if k.name == revenue.name)
    # Anne's and Eve's month m, plus Dora's month of the same calendar month (her month 1 is April)
    expected = [2 * revenue.plan[m] + revenue.plan[(m - 3) % 12] for m in range(12)]
    assert team_revenue.plan == pytest.approx(expected)
    assert budget_total(team) == pytest.approx(3 * budget_total(demo))  # nothing dropped


def _guide_notes(path):
    wb = openpyxl.load_workbook(path)
    ws = wb["Guide"]
    heads = [c for row in ws.iter_rows() for c in row if c.value == wb_text("consolidation_notes", "fr")]
    assert len(heads) == 1
    r = heads[0].row
    cells = [ws.cell(row=i, column=2) for i in range(r + 1, ws.max_row + 1)]
    assert all(c.data_type == "s" for c in cells)
    return [c.value for c in cells]


def test_notes_are_printed_and_written_on_the_guide(plans_of_every_kind, tmp_path):
    p = plans_of_every_kind
    # a file whose name starts with "=": the note quoting it is text, not a formula
    hostile = tmp_path / "=1+2.xlsx"
    shutil.copyfile(p["dora"], hostile)
    res = _run(["=1+2.xlsx", p["eve"], "-o", "team.xlsx", "--first-month", "1", "--year", "2026"], cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[0] == "écrit : team.xlsx : 2 plans consolidés, 0 ignoré"
    assert all(ln.startswith("note : ") for ln in lines[1:])
    notes = [ln.removeprefix("note : ") for ln in lines[1:]]
    assert notes == [
        "=1+2.xlsx : plan 04/2026–03/2027 aligné sur celui de l'équipe, 01/2026–12/2026, chaque chiffre mensuel "
        "dans le même mois du calendrier (3 mois sur 12 changent d'année) ; dates gardées telles que saisies",
        f"{p['eve']} : plan 01/2025–12/2025 aligné sur celui de l'équipe, 01/2026–12/2026, chaque chiffre mensuel "
        "dans le même mois du calendrier (12 mois sur 12 changent d'année) ; dates gardées telles que saisies",
        "les plans sont suivis jusqu'à des mois différents : le plan d'équipe retient le mois 9, le dernier que "
        "tous les plans ont atteint",
    ]
    assert _guide_notes(tmp_path / "team.xlsx") == notes


def _person_late(path, people) -> dict:
    """The "late actions" figure of each person sheet of a team workbook."""
    wb = openpyxl.load_workbook(path)
    label = wb_text("ps_actions_late", "fr")
    out = {}
    for name in people:
        ws = wb[name]
        row = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == label)
        out[name] = ws.cell(row=row, column=2).value
    return out


def test_person_sheets_late_actions_add_up_to_the_team(plans_of_every_kind, tmp_path):
    p = plans_of_every_kind
    files = [p["anne"], p["bruno"], p["dora"]]
    out = tmp_path / "team.xlsx"
    res = _run([*files, "-o", out, "--first-month", "1"])
    assert res.returncode == 0, res.stderr
    own = {name: report_workbook(f)["actions"]["counts"]["late"] for name, f in zip(("Anne", "Bruno", "Dora"), files)}
    assert own["Bruno"] > own["Anne"] > 0  # the three plans are late by different amounts
    sheets = _person_late(out, own)
    assert sheets == own  # each person sheet says what `pacxl report` says on the person's file
    assert report_workbook(out)["actions"]["counts"]["late"] == sum(own.values())


@pytest.mark.libreoffice
def test_team_dashboard_late_actions_are_the_sum_of_each_person(plans_of_every_kind, tmp_path):
    from pacxl.recalc import recalculate

    p = plans_of_every_kind
    files = [p["anne"], p["bruno"], p["dora"]]
    out = tmp_path / "team.xlsx"
    assert _run([*files, "-o", out, "--first-month", "1"]).returncode == 0
    wb = openpyxl.load_workbook(recalculate(out, tmp_path / "recalc"), data_only=True)
    ws = wb[SHEETS["dashboard"]["fr"]]
    label = wb_text("db_actions_late", "fr")
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == label)
    assert ws.cell(row=row, column=2).value == sum(report_workbook(f)["actions"]["counts"]["late"] for f in files)


def test_worker_processes_write_the_same_workbook(three_plans, tmp_path):
    """Read by 3 processes or by this one, in any order of completion: the same team workbook,
    part for part (bar the save time), the same skipped file with the same reason."""
    import re
    import zipfile

    paths, junk = three_plans
    files = [str(p) for p in paths] + [str(junk)]

    def parts(path):
        with zipfile.ZipFile(path) as z:
            return {n: re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", b"", z.read(n))
                    for n in z.namelist()}

    one = consolidate_files(files, tmp_path / "one.xlsx", jobs=1)
    many = consolidate_files(files, tmp_path / "many.xlsx", jobs=3)
    assert parts(tmp_path / "one.xlsx") == parts(tmp_path / "many.xlsx")
    assert [(f, r.say("fr")) for f, r in one.skipped] == [(f, r.say("fr")) for f, r in many.skipped]
    assert "pas un classeur Excel" in many.skipped[0][1].say("fr")
    res = CliRunner().invoke(main, ["consolidate", *files, "-o", str(tmp_path / "cli.xlsx"), "--jobs", "0"])
    assert res.exit_code == 2 and "--jobs" in res.output and not (tmp_path / "cli.xlsx").exists()
