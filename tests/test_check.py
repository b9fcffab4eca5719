"""pacxl check over plans built in Python (cells from the generator's layout)."""

from __future__ import annotations

import pytest
from openpyxl.utils import get_column_letter

from pacxl.check import check_plan, plan_period, status_position, to_json
from pacxl.workbook.contract import ACTIONS, BUDGET, KPI, OBJECTIVES, STATUS_DONE
from pacxl.workbook.layout import default_layout

from plans import D, clean_plan

TODAY = D(2026, 3, 31)


def cell_of(plan, table, index, key):
    """Expected A1 of an item, from the table's origin in the layout and the contract's columns."""
    t = default_layout(plan).tables[table.name]
    return f"{get_column_letter(t.first_col + table.index(key))}{t.header_row + 1 + index}"


def codes(findings, severity=None):
    return {f.code for f in findings if severity is None or f.severity == severity}


def test_clean_plan_has_no_error_nor_warning():
    findings = check_plan(clean_plan(), today=TODAY)
    assert [f for f in findings if f.severity != "info"] == []
    assert "funnel-weekly-need" in codes(findings, "info")


def _set(attr, value, index=0, coll="actions"):
    def mutate(p):
        setattr(getattr(p, coll)[index], attr, value)
    return mutate


DEFECTS = [
    # (mutation, code, severity, table, index, column key)
    (_set("owner", ""), "action-no-owner", "error", ACTIONS, 0, "owner"),
    (_set("owner", "Zoe", 1), "action-unknown-owner", "warning", ACTIONS, 1, "owner"),
    (_set("end", D(2026, 1, 2), 0), "action-end-before-start", "error", ACTIONS, 0, "end"),
    (_set("start", None, 2), "action-no-dates", "warning", ACTIONS, 2, "start"),
    (_set("end", D(2027, 2, 1), 2), "action-outside-year", "warning", ACTIONS, 2, "end"),
    (_set("objective_id", "O9", 1), "action-unknown-objective", "warning", ACTIONS, 1, "objective_id"),
    (_set("objective_id", "", 1), "action-no-objective", "warning", ACTIONS, 1, "objective_id"),
    (lambda p: (setattr(p.actions[2], "budget", None), p.budget.pop(2)), "action-no-budget", "info",
     ACTIONS, 2, "budget"),
    (_set("budget", 2_500.0, 2), "action-budget-typed", "warning", ACTIONS, 2, "budget"),
    (lambda p: (setattr(p.kpis[1], "numerator", "K9"), setattr(p.kpis[1], "denominator", "K1")),
     "kpi-bad-ratio", "error", KPI, 1, "numerator"),
    (lambda p: (setattr(p.objectives[1], "unit", "%"), setattr(p.objectives[1], "target", 35.0)),
     "objective-rate-target", "warning", OBJECTIVES, 1, "target"),
    (_set("end", D(2026, 3, 1), 0), "action-overdue", "warning", ACTIONS, 0, "status"),
    (_set("status", "Maybe", 0), "action-unknown-status", "warning", ACTIONS, 0, "status"),
    (_set("target", None, 1, "objectives"), "objective-no-target", "error", OBJECTIVES, 1, "target"),
    (_set("kpi", "", 0, "objectives"), "objective-no-kpi", "warning", OBJECTIVES, 0, "kpi"),
    (_set("deadline", None, 0, "objectives"), "objective-no-deadline", "warning", OBJECTIVES, 0, "deadline"),
    (_set("owner", "", 1, "objectives"), "objective-no-owner", "warning", OBJECTIVES, 1, "owner"),
    (_set("deadline", D(2025, 6, 1), 1, "objectives"), "objective-deadline-outside-year", "warning",
     OBJECTIVES, 1, "deadline"),
    (_set("action_id", "", 1, "budget"), "budget-no-action", "warning", BUDGET, 1, "action_id"),
    (_set("action_id", "A7", 2, "budget"), "budget-unknown-action", "warning", BUDGET, 2, "action_id"),
    (_set("plan", [None] * 12, 1, "kpis"), "kpi-no-plan", "warning", KPI, 1, "p01"),
    (_set("kind", "weird", 1, "kpis"), "kpi-unknown-kind", "warning", KPI, 1, "kind"),
    (_set("objective_id", "O5", 0, "kpis"), "kpi-unknown-objective", "warning", KPI, 0, "objective_id"),
    (_set("actual", [1.0, None] + [None] * 10, 0, "kpis"), "kpi-missing-actuals", "info", KPI, 0, "a02"),
    (_set("plan", [10.0] * 12, 1, "kpis"), "funnel-kpi-below-need", "warning", KPI, 1, "p01"),
]


@pytest.mark.parametrize("mutate,code,severity,table,index,key", DEFECTS, ids=[d[1] for d in DEFECTS])
def test_each_defect_is_found_at_its_cell(mutate, code, severity, table, index, key):
    plan = clean_plan()
    mutate(plan)
    found = [f for f in check_plan(plan, today=TODAY) if f.code == code]
    assert len(found) == 1, check_plan(plan, today=TODAY)
    f = found[0]
    assert f.severity == severity
    assert f.sheet == default_layout(plan).sheet(table.sheet)
    assert f.cell == cell_of(plan, table, index, key)
    assert f.fix.endswith(".") and len(f.fix) > 10


def test_errors_are_exactly_the_three_blocking_defects():
    plan = clean_plan()
    plan.actions[0].owner = ""
    plan.actions[1].start, plan.actions[1].end = D(2026, 5, 1), D(2026, 4, 1)
    plan.objectives[0].target = None
    assert codes(check_plan(plan, today=TODAY), "error") == {
        "action-no-owner", "action-end-before-start", "objective-no-target"}


def test_overdue_depends_on_today_and_status():
    plan = clean_plan()
    plan.actions[0].end = D(2026, 3, 1)
    assert "action-overdue" not in codes(check_plan(plan, today=D(2026, 3, 1)))
    assert "action-overdue" in codes(check_plan(plan, today=D(2026, 3, 2)))
    plan.actions[0].status = plan.settings.statuses[STATUS_DONE]
    assert "action-overdue" not in codes(check_plan(plan, today=D(2026, 3, 2)))
    # statuses are recognised by position, so a renamed list still works
    plan.settings.statuses = ["open", "busy", "finished", "later", "dropped"]
    plan.actions[0].status = "Finished"
    assert status_position(plan.settings, "finished") == STATUS_DONE
    assert "action-overdue" not in codes(check_plan(plan, today=D(2026, 3, 2)))


@pytest.mark.parametrize("shares,expected,hint", [
    ([0.6, 0.4], None, None),
    ([0.6, 0.3], "90.0%", "add up to 100"),
    ([60, 40], "10000.0%", "whole numbers"),
    ([0.601, 0.4], None, None),  # within the half-point tolerance
])
def test_segment_shares(shares, expected, hint):
    plan = clean_plan()
    for seg, share in zip(plan.segments, shares):
        seg.share = share
    found = [f for f in check_plan(plan, today=TODAY) if f.code == "segments-shares-not-100"]
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and expected in found[0].message and hint in found[0].fix


def test_budget_share_of_revenue():
    plan = clean_plan()
    (f,) = [f for f in check_plan(plan, today=TODAY) if f.code == "budget-share-of-revenue"]
    assert f.severity == "info" and "4.0%" in f.message  # 12 000 / 300 000
    plan.settings.revenue_target = 60_000.0  # 20 %
    (f,) = [f for f in check_plan(plan, today=TODAY) if f.code == "budget-share-of-revenue"]
    assert f.severity == "warning" and "20.0%" in f.message
    plan.settings.revenue_target = None
    assert "revenue-no-target" in codes(check_plan(plan, today=TODAY), "warning")


def test_funnel_weekly_need_matches_calc():
    (f,) = [f for f in check_plan(clean_plan(), today=TODAY) if f.code == "funnel-weekly-need"]
    # 15 deals at 30 % / 50 % / 20 %: 500 contacts a year, ceil(500 / 52) = 10 a week
    assert "To sign 15 deals" in f.message and "10 Contacts" in f.message


def test_funnel_weeks_without_prospecting():
    plan = clean_plan()
    plan.actions[0].end = D(2026, 6, 30)  # prospecting stops at the end of June
    plan.actions[2].category = plan.settings.categories[0]  # visits become an awareness action
    found = [f for f in check_plan(plan, today=TODAY) if f.code == "funnel-uncovered-weeks"]
    assert len(found) == 1 and "10 Contacts a week" in found[0].message
    assert found[0].message.startswith("From ")
    assert found[0].sheet == "Action plan"
    plan.actions[0].category = plan.settings.categories[1]
    assert "funnel-no-actions" in codes(check_plan(plan, today=TODAY))


def test_bad_rates_are_an_error():
    plan = clean_plan()
    plan.settings.funnel_rates = [0.2, 50, 0.3]
    assert "funnel-bad-rate" in codes(check_plan(plan, today=TODAY), "error")


def test_plan_period_with_shifted_first_month():
    plan = clean_plan()
    plan.settings.first_month = 9
    assert plan_period(plan.settings) == (D(2026, 9, 1), D(2027, 8, 31))


def test_findings_sorted_and_json():
    plan = clean_plan()
    plan.actions[0].owner = ""
    plan.actions[1].objective_id = "O9"
    findings = check_plan(plan, today=TODAY)
    sev = [f.severity for f in findings]
    assert sev == sorted(sev, key=["error", "warning", "info"].index)
    doc = to_json(findings, "x.xlsx", TODAY)
    assert doc["schema"] == "pacxl.check/1"
    assert doc["summary"]["error"] == 1
    first = doc["findings"][0]
    assert set(first) == {"severity", "code", "sheet", "cell", "where", "message", "fix"}
    assert first["where"] == f"{first['sheet']}!{first['cell']}"


def test_every_rule_is_documented():
    import inspect
    import re
    from pathlib import Path

    import pacxl.check
    import pacxl.check_revisions

    source = inspect.getsource(pacxl.check) + inspect.getsource(pacxl.check_revisions)
    rules = set(re.findall(r'(?:self|checker)\.add\(\w+, "([a-z0-9-]+)"', source))
    assert len(rules) > 30
    doc = (Path(__file__).resolve().parent.parent / "docs" / "check.md").read_text(encoding="utf-8")
    assert [r for r in sorted(rules) if f"`{r}`" not in doc] == []


# --- end to end: the demo workbook, modified with openpyxl to carry each defect ----------------

import json  # noqa: E402
import shutil  # noqa: E402

import openpyxl  # noqa: E402
from click.testing import CliRunner  # noqa: E402
from openpyxl.utils import range_boundaries  # noqa: E402

from pacxl.check import check_workbook  # noqa: E402
from pacxl.cli import main  # noqa: E402
from pacxl.workbook.contract import TABLES  # noqa: E402

DEMO_TODAY = D(2026, 10, 31)
NONE12 = [None] * 12

#: (table, data row, column key(s), new value(s), expected code, severity)
WORKBOOK_DEFECTS = [
    ("tblActions", 1, "owner", None, "action-no-owner", "error"),
    ("tblActions", 2, "end", D(2026, 3, 1), "action-end-before-start", "error"),
    ("tblActions", 3, "start", None, "action-no-dates", "warning"),
    ("tblActions", 4, "objective_id", "OBJ-99", "action-unknown-objective", "warning"),
    ("tblActions", 5, "end", D(2027, 2, 1), "action-outside-year", "warning"),
    ("tblActions", 7, "owner", "Inconnu", "action-unknown-owner", "warning"),
    ("tblActions", 11, "status", "À faire", "action-overdue", "warning"),
    ("tblObjectives", 0, "target", None, "objective-no-target", "error"),
    ("tblObjectives", 1, "kpi", None, "objective-no-kpi", "warning"),
    ("tblObjectives", 2, "deadline", None, "objective-no-deadline", "warning"),
    ("tblObjectives", 3, "owner", None, "objective-no-owner", "warning"),
    ("tblBudget", 0, "action_id", None, "budget-no-action", "warning"),
    ("tblBudget", 1, "action_id", "ACT-99", "budget-unknown-action", "warning"),
    ("tblKPI", 3, [f"p{i:02d}" for i in range(1, 13)], NONE12, "kpi-no-plan", "warning"),
    ("tblKPI", 2, [f"p{i:02d}" for i in range(1, 13)], [10] * 12, "funnel-kpi-below-need", "warning"),
]


def _cell(wb, table, index, key):
    for ws in wb.worksheets:
        if table in ws.tables:
            min_col, header, _, _ = range_boundaries(ws.tables[table].ref)
            return ws, f"{get_column_letter(min_col + TABLES[table].index(key))}{header + 1 + index}"
    raise AssertionError(table)


def _named(wb, name):
    sheet, ref = next(wb.defined_names[name].destinations)
    return wb[sheet], ref.replace("$", "").split(":")[0]


@pytest.fixture(scope="module")
def defective_demo(generated_workbooks, tmp_path_factory):
    """The French demo with every defect of WORKBOOK_DEFECTS, plus segment shares adding up to
    110 % and a revenue target that makes the budget 19 % of it; returns (path, expected)."""
    path = tmp_path_factory.mktemp("check") / "defects.xlsx"
    shutil.copyfile(generated_workbooks["demo_fr"], path)
    wb = openpyxl.load_workbook(path)
    expected = []
    for table, index, keys, values, code, severity in WORKBOOK_DEFECTS:
        keys = keys if isinstance(keys, list) else [keys]
        values = values if isinstance(values, list) else [values]
        for key, value in zip(keys, values):
            ws, ref = _cell(wb, table, index, key)
            ws[ref].value = value
        ws, ref = _cell(wb, table, index, keys[0])
        expected.append((code, severity, f"{ws.title}!{ref}"))
    ws, first = _named(wb, "PAC_Segments")  # name column; shares 3 columns right
    row = int("".join(ch for ch in first if ch.isdigit()))
    ws.cell(row=row, column=4).value = 0.5  # 40 % -> 50 %: the four shares make 110 %
    expected.append(("segments-shares-not-100", "warning", f"{ws.title}!D{row + 3}"))
    ws, ref = _named(wb, "PAC_RevenueTarget")
    ws[ref].value = 1_000_000
    ws, ref = _named(wb, "PAC_BudgetTotal")
    expected.append(("budget-share-of-revenue", "warning", f"{ws.title}!{ref}"))
    wb.save(path)
    return path, expected


def test_clean_demo_has_no_error(generated_workbooks):
    for lang in ("fr", "en"):
        findings = check_workbook(generated_workbooks[f"demo_{lang}"], today=DEMO_TODAY)
        assert [f for f in findings if f.severity == "error"] == []


def test_each_workbook_defect_is_found_at_its_cell(defective_demo):
    path, expected = defective_demo
    found = {(f.code, f.severity, f.where) for f in check_workbook(path, today=DEMO_TODAY)}
    missing = [e for e in expected if e not in found]
    assert missing == []


def test_check_cli_exit_codes(generated_workbooks, defective_demo, tmp_path):
    runner = CliRunner()
    clean = runner.invoke(main, ["check", str(generated_workbooks["demo_fr"]), "--today", "2026-10-31"])
    assert clean.exit_code == 0, clean.output
    # a French workbook is checked in French, an English one in English
    assert clean.output.splitlines()[-1].startswith(f"{generated_workbooks['demo_fr']} : 0 erreur, ")
    clean_en = runner.invoke(main, ["check", str(generated_workbooks["demo_en"]), "--today", "2026-10-31"])
    assert clean_en.exit_code == 0, clean_en.output
    assert clean_en.output.splitlines()[-1].startswith(f"{generated_workbooks['demo_en']}: 0 errors, ")
    bad = runner.invoke(main, ["check", str(defective_demo[0]), "--today", "2026-10-31", "--json"])
    assert bad.exit_code == 1
    doc = json.loads(bad.output)
    assert doc["summary"]["error"] == 3 and doc["today"] == "2026-10-31"
    other = tmp_path / "notes.xlsx"
    other.write_text("hello")
    res = runner.invoke(main, ["check", str(other)])
    assert res.exit_code == 2
    assert res.output == f"Error: {other}: not an Excel workbook (.xlsx), or the file is damaged\n"
    res = runner.invoke(main, ["check", str(other), "--today", "31/10/2026"])
    assert res.exit_code == 2 and "use YYYY-MM-DD" in res.output


# --- languages: a French workbook is told in French, an English one in English -----------------

import string  # noqa: E402

from pacxl.messages import CHECK, finding_text, placeholders  # noqa: E402


def _rules():
    import inspect
    import re

    import pacxl.check
    import pacxl.check_followup
    import pacxl.check_revisions
    import pacxl.check_pipeline
    import pacxl.check_reconcile
    import pacxl.check_team

    source = (inspect.getsource(pacxl.check) + inspect.getsource(pacxl.check_followup)
              + inspect.getsource(pacxl.check_revisions) + inspect.getsource(pacxl.check_team)
              + inspect.getsource(pacxl.check_reconcile) + inspect.getsource(pacxl.check_pipeline))
    return set(re.findall(r'(?:self|chk|checker)\.add\(\w+, "([a-z0-9-]+)"', source))


def test_every_rule_has_a_french_and_an_english_message_and_fix():
    for key, by_lang in CHECK.items():
        assert set(by_lang) == {"fr", "en"}, key
        args = set().union(*(placeholders(t) for texts in by_lang.values() for t in texts))
        for lang in ("fr", "en"):
            code, _, variant = key.partition("/")
            message, fix = finding_text(code, lang, variant or None, **{a: "X" for a in args})
            assert message.strip() and fix.strip(), (key, lang)
            assert message.endswith(".") and fix.endswith("."), (key, lang)
        assert by_lang["fr"] != by_lang["en"], key
    assert {k.split("/")[0] for k in CHECK} == _rules()


def _english_fragments() -> set[str]:
    """The literal runs of the English catalogue long enough to be a sentence's words."""
    out = set()
    for by_lang in CHECK.values():
        for template in by_lang["en"]:
            for literal, *_ in string.Formatter().parse(template):
                literal = literal.strip(" .:;,()")
                if len(literal) >= 12:
                    out.add(literal)
    return out


def _defective(lang):
    plan = clean_plan(lang)
    plan.actions[0].owner = ""
    plan.actions[1].start, plan.actions[1].end = D(2026, 5, 1), D(2026, 4, 1)
    plan.actions[2].objective_id = "O9"
    plan.actions[2].status = "Peut-être"
    plan.objectives[0].target = None
    plan.objectives[1].deadline = D(2025, 6, 1)
    plan.kpis[1].plan = [10.0] * 12
    plan.kpis[2].kind = "bizarre"
    plan.budget[1].action_id = ""
    plan.segments[0].share = 0.7
    return plan


def test_french_plan_findings_are_french():
    findings = check_plan(_defective("fr"), today=TODAY)
    assert findings.lang == "fr" and len(findings) > 10
    english = _english_fragments()
    for f in findings:
        for sentence in (f.message, f.fix):
            leftovers = [e for e in english if e in sentence]
            assert leftovers == [], (f.code, sentence)
    by_code = {f.code: f for f in findings}
    assert by_code["action-no-owner"].message == "L'action A1 n'a pas de responsable."
    assert by_code["action-no-owner"].fix == "Choisissez un responsable dans la liste (colonne Responsable)."
    assert by_code["action-end-before-start"].message == (
        "L'action A2 se termine le 01/04/2026, avant de commencer (01/05/2026).")
    assert "« Peut-être »" in by_code["action-unknown-status"].message
    # 70 % + 40 %: French percentage with a decimal comma and a no-break space
    assert "110,0\u00a0%" in by_code["segments-shares-not-100"].message


def test_english_plan_findings_are_english():
    findings = check_plan(_defective("en"), today=TODAY)
    assert findings.lang == "en"
    by_code = {f.code: f for f in findings}
    assert by_code["action-no-owner"].message == "Action A1 has no owner."
    assert by_code["action-no-owner"].fix == "Choose who carries it out in the Owner column."
    assert by_code["action-end-before-start"].message == "Action A2 ends on 01/04/2026, before it starts (01/05/2026)."
    assert "110.0%" in by_code["segments-shares-not-100"].message


def test_lang_overrides_the_workbooks_language_for_sentences_not_cells():
    plan = _defective("fr")
    findings = check_plan(plan, today=TODAY, lang="en")
    assert findings.lang == "en"
    by_code = {f.code: f for f in findings}
    assert by_code["action-no-owner"].message == "Action A1 has no owner."
    # the cells still name the French workbook's sheets
    french = {f.code: f.where for f in check_plan(plan, today=TODAY)}
    assert {f.code: f.where for f in findings} == french
    back = check_plan(_defective("en"), today=TODAY, lang="fr")
    assert {f.code: f for f in back}["action-no-owner"].message == "L'action A1 n'a pas de responsable."


def test_french_numbers_and_money():
    (f,) = [f for f in check_plan(clean_plan("fr"), today=TODAY) if f.code == "budget-share-of-revenue"]
    # 12 000 of budget for a 300 000 target: 4 %
    assert f.message == ("Le budget (12\u202f000\u00a0€) représente 4,0\u00a0% de l'objectif de chiffre "
                         "d'affaires (300\u202f000\u00a0€).")
    (f,) = [f for f in check_plan(clean_plan("fr"), today=TODAY) if f.code == "funnel-weekly-need"]
    assert f.message.startswith("Pour signer 15 affaires, l'entonnoir demande chaque semaine : 10 Contacts")


def test_french_check_cli_uses_french_severities(defective_demo):
    res = CliRunner().invoke(main, ["check", str(defective_demo[0]), "--today", "2026-10-31"])
    assert res.exit_code == 1
    lines = res.output.splitlines()
    firsts = [ln for ln in lines if not ln.startswith(" ")][:-1]
    assert firsts and all(ln.split()[0] in ("erreur", "avertissement", "info") for ln in firsts)
    assert lines[-1].startswith(f"{defective_demo[0]} : 3 erreurs, ")
    assert any("L'action" in ln and "n'a pas de responsable." in ln for ln in lines)
    # the JSON keeps its English enums; its sentences are the workbook's language
    doc = json.loads(CliRunner().invoke(main, ["check", str(defective_demo[0]), "--today", "2026-10-31",
                                               "--json"]).output)
    assert {f["severity"] for f in doc["findings"]} <= {"error", "warning", "info"}
    no_owner = next(f for f in doc["findings"] if f["code"] == "action-no-owner")
    assert no_owner["severity"] == "error" and no_owner["message"].endswith("n'a pas de responsable.")


def test_check_cli_lang_switches_the_sentences(defective_demo):
    res = CliRunner().invoke(main, ["check", str(defective_demo[0]), "--today", "2026-10-31", "--lang", "en"])
    assert res.exit_code == 1
    lines = res.output.splitlines()
    firsts = [ln for ln in lines if not ln.startswith(" ")][:-1]
    assert firsts and all(ln.split()[0] in ("error", "warning", "info") for ln in firsts)
    assert lines[-1].startswith(f"{defective_demo[0]}: 3 errors, ")
    assert any("has no owner." in ln for ln in lines)
    assert not any("n'a pas de responsable" in ln for ln in lines)
    assert any("Plan d'actions!" in ln for ln in lines)  # the French workbook's cells
