"""Plans from YAML and JSON are checked strictly: one line naming the file and the key path."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pacxl.cli import main
from pacxl.demo import demo_plan
from pacxl.errors import InputError
from pacxl.model import Plan
from pacxl.planfile import MAX_YAML_NODES

ROOT = Path(__file__).resolve().parents[1]
MONTHS14 = "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]"


def _refused(path: Path) -> str:
    with pytest.raises(InputError) as err:
        Plan.from_file(path)
    return str(err.value)


YAML_CASES = [
    ("actions:\n  - {id: A1, start: 2027-02-30}\n", "actions[1].start: '2027-02-30' is not a date of the calendar"),
    ("settings: {year: 99999}\n", "settings.year: 99999 is out of range (2000-2100)"),
    ("settings: {year: 2026.0}\n", "settings.year: a whole number is expected, got 2026.0"),
    ("customers:\n  - {amount: 123456789012345678901234567890}\n",
     "customers[1].amount: a number of about 30 digits is too large (at most 1e+15 in absolute value)"),
    ("settings: {abc_a: .nan}\n", "settings.abc_a: nan is not a finite number"),
    ("settings: {revenue_target: .inf}\n", "settings.revenue_target: inf is not a finite number"),
    ("settings: {owners: [Anne, [b, c]]}\n", "settings.owners[2]: a text is expected, got a list"),
    ("settings: {segments: ['a', 'b'], company: [a, b]}\n", "settings.company: a text is expected, got a list"),
    ("settings: {company: yes}\n",
     "settings.company: a text is expected, got true (a yes/no value: quote it to keep it as text)"),
    ("swot: {strengths: [1.10]}\n", "swot.strengths[1]: a text is expected, got 1.1 (quote it to keep it as text)"),
    (f"kpis:\n  - {{id: K1}}\n  - {{id: K2, plan: {MONTHS14}}}\n", "kpis[2].plan: 14 months given, 12 expected"),
    ("budget:\n  - {months: [1, 2]}\n", "budget[1].months: 2 months given, 12 expected"),
    ("settings: {first_month: 0}\n", "settings.first_month: 0 is out of range (1-12)"),
    ("settings: {tracking_month: 13}\n", "settings.tracking_month: 13 is out of range (1-12)"),
    ("settings: {lang: de}\n", "settings.lang: 'de' is not one of fr, en"),
    ("settings: {year: null}\n", "settings.year: a value is required, got nothing (null)"),
    ("segments:\n  - {name: A, share: 35}\n", "segments[1].share: 35 is out of range (0-1)"),
    ("key_dates:\n  - {date: 'soon'}\n", "key_dates[1].date: 'soon' is not a date (use YYYY-MM-DD)"),
    ("1: 2\n", "unknown key '1' (expected one of actions, allocations, baseline, budget, customers, key_dates, "
               "kpis, objectives, pipeline, reconciliation, review, revisions, segments, settings, stage_actuals, swot, "
               "team)"),
    ("settings: &s {company: *s}\n", None),  # an alias inside its own anchor
]


@pytest.mark.parametrize("text, message", YAML_CASES)
def test_yaml_values_refused_with_their_path(tmp_path, text, message):
    p = tmp_path / "plan.yaml"
    p.write_text(text, encoding="utf-8")
    if message is None:
        assert _refused(p) == f"{p}, line 1: refused: an alias refers to the node that holds it"
    else:
        assert _refused(p) == f"{p}: {message}"


@pytest.mark.parametrize("text, message", [
    ('{"settings": {"abc_a": NaN}}', "settings.abc_a: NaN is not a usable number"),
    ('{"settings": {"revenue_target": 1e999}}', "settings.revenue_target: 1e999 is not a usable number"),
    ('{"settings": {"average_deal": -Infinity}}', "settings.average_deal: -Infinity is not a usable number"),
    ('{"settings": {"deals_target": 1' + "0" * 5000 + "}}", None),
    ('{"settings": {"first_month": true}}', "settings.first_month: a whole number is expected, got true "
                                            "(a yes/no value: quote it to keep it as text)"),
    ('{"objectives": [{"deadline": "2027-02-30"}]}', "objectives[1].deadline: '2027-02-30' is not a date of the calendar"),
])
def test_json_values_refused_with_their_path(tmp_path, text, message):
    p = tmp_path / "plan.json"
    p.write_text(text, encoding="utf-8")
    if message is None:  # more digits than Python converts: a clear line, not a traceback
        assert _refused(p).startswith(f"{p}: not valid JSON (")
    else:
        assert _refused(p) == f"{p}: {message}"


def test_cli_refuses_with_one_line_and_exit_2(tmp_path):
    p = tmp_path / "plan.yaml"
    p.write_text(f"kpis:\n  - {{id: K1}}\n  - {{id: K2, plan: {MONTHS14}}}\n", encoding="utf-8")
    out = tmp_path / "pac.xlsx"
    res = CliRunner().invoke(main, ["new", str(out), "--from", str(p)])
    assert res.exit_code == 2
    assert res.output == f"Error: {p}: kpis[2].plan: 14 months given, 12 expected\n"
    assert not out.exists()
    res = CliRunner().invoke(main, ["new", str(out), "--from", str(p), "--year", "99999"])
    assert (res.exit_code, res.output) == (2, "Error: the year must be between 2000 and 2100, got 99999\n")


def _limit_memory():  # the old loader expanded the bomb until MemoryError
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def test_alias_bomb_refused_while_loading(tmp_path):
    names = "abcdefghi"
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip(names, names[1:]):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert bomb.stat().st_size < 1024
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    res = subprocess.run([sys.executable, "-m", "pacxl", "new", str(tmp_path / "b.xlsx"), "--from", str(bomb)],
                         capture_output=True, text=True, env=env, timeout=120, preexec_fn=_limit_memory)
    assert res.returncode == 2
    assert res.stderr == f"Error: {bomb}, line 6: refused: aliases expand it past {MAX_YAML_NODES:,} values\n"


def test_small_aliases_still_work(tmp_path):
    p = tmp_path / "plan.yaml"
    p.write_text("settings:\n  owners: &team [Anne, Paul]\nobjectives:\n  - {id: O1, owner: Anne}\n"
                 "review: {worked: *team}\n", encoding="utf-8")
    plan = Plan.from_file(p)
    assert plan.review.worked == ["Anne", "Paul"]


def test_round_trips_and_the_example_stay_valid(tmp_path):
    for lang in ("fr", "en"):
        plan = demo_plan(lang)
        j = tmp_path / f"{lang}.json"
        j.write_text(json.dumps(plan.to_dict()), encoding="utf-8")
        y = tmp_path / f"{lang}.yaml"
        y.write_text(yaml.safe_dump(plan.to_dict(), allow_unicode=True), encoding="utf-8")
        assert Plan.from_file(j) == plan == Plan.from_file(y)
    example = Plan.from_file(ROOT / "docs" / "example_plan.yaml")
    assert example.settings.year == 2026 and len(example.kpis[0].plan) == 12


def test_from_dict_checks_too():
    with pytest.raises(InputError) as err:
        Plan.from_dict({"settings": {"year": 20266}})
    assert str(err.value) == "settings.year: 20266 is out of range (2000-2100)"
