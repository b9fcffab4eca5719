"""Team plans: pacxl new --team, pacxl split, and the round trip split -> consolidate."""

from __future__ import annotations

import math

import openpyxl
import pytest
from click.testing import CliRunner

from pacxl.calc.seasonality import used_profile
from pacxl.calc.variance import kpi_kind
from pacxl.check import deals_target
from pacxl.cli import main
from pacxl.demo import demo_plan
from pacxl.split import file_names, safe_name
from pacxl.team_plan import add_team
from pacxl.workbook.build import build_workbook
from pacxl.workbook.read import read_plan

CENT = 0.005


def run(*args):
    return CliRunner().invoke(main, ["--lang", "en", *args])


@pytest.fixture(scope="module")
def team_files(tmp_path_factory):
    """A demo team plan of three salespeople (unequal shares), split, then consolidated."""
    d = tmp_path_factory.mktemp("team")
    plan = demo_plan("fr")
    people = list(plan.settings.owners[:3])
    add_team(plan, people)
    # unequal shares, and one segment carried by an amount
    seg0 = plan.allocations[0].segment
    for a in plan.allocations:
        if a.segment == seg0:
            a.share = {people[0]: 0.5, people[1]: 0.3, people[2]: 0.2}[a.salesperson]
    last = plan.segments[-1]
    target = last.share * plan.settings.revenue_target
    for a in plan.allocations:
        if a.segment == last.name and a.salesperson == people[2]:
            a.share, a.amount = None, round(target - 2 * 0.3334 * target, 2)
        elif a.segment == last.name:
            a.share = 0.3334
    team = build_workbook(plan, d / "team.xlsx")
    r = run("split", str(team), "-o", str(d / "plans"))
    assert r.exit_code == 0, r.output
    files = sorted((d / "plans").glob("*.xlsx"))
    r = run("consolidate", *map(str, files), "-o", str(d / "back.xlsx"))
    assert r.exit_code == 0, r.output
    return d, team, files, people


def _segment_targets(p):
    return {s.name: s.share * p.settings.revenue_target for s in p.segments if s.name and s.share is not None}


def _months(p):
    w = used_profile(p.settings.seasonality, p.review.monthly_revenue)
    return [p.settings.revenue_target * x for x in w]


def _sum_kpis(p):
    out = {}
    for k in p.kpis:
        kind = kpi_kind(k.kind)
        if kind in ("revenue", "count", "cost"):
            key = (kind, k.name.strip().casefold())
            row = out.setdefault(key, [0.0] * 12)
            for m, v in enumerate(k.plan):
                row[m] += v or 0.0
    return out


def _budget(p):
    out = {}
    for b in p.budget:
        key = (b.category, b.label or b.id)
        row = out.setdefault(key, [0.0] * 12)
        for m, v in enumerate(b.months):
            row[m] += v or 0.0
    return out


def test_split_writes_one_file_per_salesperson(team_files):
    _, _, files, people = team_files
    assert [f.name for f in files] == sorted(f"{p}.xlsx" for p in people)


def test_round_trip_gives_every_team_figure_back_to_the_cent(team_files):
    d, team_path, _, _ = team_files
    team, back = read_plan(team_path), read_plan(d / "back.xlsx")
    assert abs(back.settings.revenue_target - team.settings.revenue_target) < CENT
    ts, bs = _segment_targets(team), _segment_targets(back)
    assert set(ts) == set(bs)
    for name in ts:
        assert abs(ts[name] - bs[name]) < CENT, name
    for a, b in zip(_months(team), _months(back)):
        assert abs(a - b) < CENT
    assert deals_target(back.settings) == deals_target(team.settings)
    tk, bk = _sum_kpis(team), _sum_kpis(back)
    assert set(tk) == set(bk)
    for key in tk:
        assert all(abs(a - b) < CENT for a, b in zip(tk[key], bk[key])), key
    tb, bb = _budget(team), _budget(back)
    assert set(tb) == set(bb)
    for key in tb:
        assert all(abs(a - b) < CENT for a, b in zip(tb[key], bb[key])), key
    assert abs(sum(map(sum, tb.values())) - sum(map(sum, bb.values()))) < CENT


def test_individual_plans_hold_their_own_objectives_and_locked_shared_sheets(team_files):
    _, team_path, files, people = team_files
    team = read_plan(team_path)
    for f, person in zip(files, sorted(people)):
        mine = read_plan(f)
        assert {o.id for o in mine.objectives} == {o.id for o in team.objectives if o.owner == person}
        assert {a.id for a in mine.actions} == {a.id for a in team.actions if a.owner == person}
        wb = openpyxl.load_workbook(f)
        for title in ("SWOT", "Cibles"):
            ws = wb[title]
            assert ws.protection.sheet
            assert all(c.protection.locked for row in ws.iter_rows() for c in row)
    # counts stay whole
    for f in files:
        for k in read_plan(f).kpis:
            if kpi_kind(k.kind) == "count":
                assert all(v is None or float(v).is_integer() for v in k.plan)


def test_a_lowered_target_shows_exactly_in_the_consolidation(team_files, tmp_path):
    d, team_path, files, _ = team_files
    lowered = read_plan(files[0])
    lowered.settings.revenue_target -= 12_345.67
    build_workbook(lowered, files[0], force=True)
    out = tmp_path / "back2.xlsx"
    r = run("consolidate", *map(str, files), "-o", str(out))
    assert r.exit_code == 0, r.output
    team, back = read_plan(team_path), read_plan(out)
    assert abs(team.settings.revenue_target - back.settings.revenue_target - 12_345.67) < CENT
    w = used_profile(team.settings.seasonality, team.review.monthly_revenue)
    for m, (a, b) in enumerate(zip(_months(team), _months(back))):
        assert abs(a - b - 12_345.67 * w[m]) < CENT


def test_split_refuses_allocations_not_making_100(tmp_path):
    plan = demo_plan("en")
    add_team(plan, ["Ann", "Bob"])
    plan.allocations[0].share = 0.4
    team = build_workbook(plan, tmp_path / "team.xlsx")
    r = run("split", str(team), "-o", str(tmp_path / "out"))
    assert r.exit_code == 2
    seg = plan.allocations[0].segment
    assert r.output.strip().splitlines()[-1] == (
        f"Error: segment {seg}: its allocation adds up to 90.00 % of its target, not 100 %; nothing was written")
    assert not (tmp_path / "out").exists()


def test_split_refuses_existing_files_without_force(tmp_path):
    plan = demo_plan("en")
    add_team(plan, ["Ann", "Bob"])
    team = build_workbook(plan, tmp_path / "team.xlsx")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "Bob.xlsx").write_bytes(b"keep")
    r = run("split", str(team), "-o", str(tmp_path / "out"))
    assert r.exit_code == 2 and "--force" in r.output
    assert not (tmp_path / "out" / "Ann.xlsx").exists()
    assert (tmp_path / "out" / "Bob.xlsx").read_bytes() == b"keep"
    r = run("split", str(team), "-o", str(tmp_path / "out"), "--force")
    assert r.exit_code == 0, r.output
    assert read_plan(tmp_path / "out" / "Bob.xlsx").team[0].salesperson == "Bob"


def test_new_team_fills_the_team_sheet(tmp_path):
    out = tmp_path / "t.xlsx"
    r = run("new", str(out), "--team", "Alice,Bob,Chloé")
    assert r.exit_code == 0, r.output
    p = read_plan(out)
    assert [m.salesperson for m in p.team] == ["Alice", "Bob", "Chloé"]
    segs = {a.segment for a in p.allocations}
    assert len(p.allocations) == 3 * len(segs) and segs
    for s in segs:
        assert math.isclose(sum(a.share for a in p.allocations if a.segment == s), 1.0, abs_tol=1e-12)


def test_safe_file_names():
    assert safe_name("Chloé") == "Chloé"
    assert safe_name("a/b\\c") == "a_b_c"
    assert safe_name("CON") == "CON_"
    assert safe_name("..") == "_"
    assert file_names(["Anne", "anne", "A/nne"]) == ["Anne.xlsx", "anne-2.xlsx", "A_nne.xlsx"]
    assert all("/" not in n for n in file_names(["../../etc/passwd"]))


@pytest.mark.skipif(not __import__("pacxl.recalc", fromlist=["x"]).soffice_path(), reason="LibreOffice needed")
def test_team_sheet_formulas_equal_calc_after_recalculation(team_files, tmp_path):
    from pacxl.calc import team as T
    from pacxl.recalc import recalculate
    from pacxl.report_team import allocation_figures
    from pacxl.split import _parts, segment_targets
    from pacxl.workbook.sheets import team as sheet
    from pacxl.workbook.sheets._common import HEADER_ROW

    _, team_path, _, _ = team_files
    plan = read_plan(team_path)
    ws = openpyxl.load_workbook(recalculate(team_path, tmp_path), data_only=True)["Équipe"]
    c, h = sheet.SUMMARY_COL, HEADER_ROW["tblTeam"]
    seg_targets = segment_targets(plan)
    parts = _parts(plan)
    shown = {}
    for r in range(h + 1, h + 1 + sheet.SEGMENT_ROWS):
        name = ws.cell(row=r, column=c).value
        if name:
            shown[name] = (ws.cell(row=r, column=c + 1).value, ws.cell(row=r, column=c + 2).value)
    assert set(shown) == set(seg_targets)
    for name, (target, allocated) in shown.items():
        assert abs(target - seg_targets[name]) < CENT
        assert abs(allocated - T.allocated_share(parts, name, seg_targets[name])) < 1e-9
    expected = T.salesperson_targets(parts, seg_targets)
    top = h + sheet.SEGMENT_ROWS + 2
    got = {ws.cell(row=r, column=c).value: ws.cell(row=r, column=c + 1).value
           for r in range(top + 1, top + 4)}
    assert set(got) == set(expected)
    for name, v in got.items():
        assert abs(v - expected[name]) < CENT
    # the report's cents add up to the sheet's figures within a cent per salesperson
    for p in allocation_figures(plan)["salespeople"]:
        assert abs(p["target"] - got[p["salesperson"]]) <= 0.01 + 1e-9


def test_check_and_report_on_a_team_plan(tmp_path):
    import json

    plan = demo_plan("fr")
    add_team(plan, ["Ann", "Bob"])
    plan.allocations[0].share = 0.4
    bad = build_workbook(plan, tmp_path / "bad.xlsx")
    r = run("check", str(bad), "--json")
    found = [f for f in json.loads(r.output)["findings"] if f["code"] == "allocation-sum"]
    assert len(found) == 1 and found[0]["severity"] == "error" and found[0]["sheet"] == "Équipe"
    r = run("report", str(bad), "--json")
    alloc = json.loads(r.output)["allocation"]
    assert [s["ok"] for s in alloc["segments"]].count(False) == 1
    assert abs(sum(p["target"] for p in alloc["salespeople"]) - 0.9 * alloc["segments"][0]["target"]
               - sum(s["target"] for s in alloc["segments"][1:])) < CENT
    r = CliRunner().invoke(main, ["split", str(bad), "-o", str(tmp_path / "o")])
    assert r.exit_code == 2 and "sa répartition fait 90,00 %" in r.output and "rien n'a été écrit" in r.output
