"""The demo plan (``pacxl demo``): complete, coherent, bilingual and deterministic."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pacxl import calc
from pacxl.calc.variance import aggregation, kpi_kind
from pacxl.check import check_plan, deals_target
from pacxl.demo import VALUE_PROPOSITION_KEYS, demo_plan
from pacxl.errors import InputError
from pacxl.model import Plan
from pacxl.workbook.i18n import LISTS, VALUE_QUESTIONS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "example_plan.yaml"
LANGS = ("fr", "en")
YEAR = 2026
FIRST_DAY, LAST_DAY = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
TRACKED_UNTIL = dt.date(YEAR, 10, 31)  # end of the tracking month


@pytest.fixture(scope="module", params=LANGS)
def plan(request) -> Plan:
    return demo_plan(request.param)


@pytest.fixture(scope="module")
def fr() -> Plan:
    return demo_plan("fr")


@pytest.fixture(scope="module")
def en() -> Plan:
    return demo_plan("en")


def words(name: str, plan: Plan) -> list[str]:
    return LISTS[name][plan.settings.lang]


def is_num(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def assert_ids(items, prefix: str) -> None:
    assert [x.id for x in items] == [f"{prefix}-{i:02d}" for i in range(1, len(items) + 1)]


# --- settings --------------------------------------------------------------------------------


def test_settings(plan):
    s = plan.settings
    assert s.company.strip()
    assert (s.year, s.currency, s.first_month, s.tracking_month) == (YEAR, "EUR", 1, 10)
    assert 4 <= len(s.owners) <= 6 and len(set(s.owners)) == len(s.owners)
    assert 3 <= len(s.segments) <= 4
    for name in ("statuses", "categories", "levers", "budget_categories", "funnel_stages"):
        assert getattr(s, name) == words(name, plan), name
    assert len(s.funnel_rates) == len(s.funnel_stages) - 1
    calc.funnel.check_rates(s.funnel_rates)


def test_funnel_target_is_an_objective_and_a_kpi(plan):
    s = plan.settings
    deals = deals_target(s)
    assert deals == s.revenue_target / s.average_deal  # a whole number of deals, no rounding
    signatures = s.funnel_stages[-1]
    objective = [o for o in plan.objectives if o.kpi == signatures]
    assert len(objective) == 1 and objective[0].target == deals
    kpi = [k for k in plan.kpis if k.name == signatures]
    assert len(kpi) == 1 and kpi[0].objective_id == objective[0].id
    assert sum(kpi[0].plan) == deals
    # the revenue objective is the revenue target, measured by a revenue KPI planning it exactly
    revenue = [o for o in plan.objectives if o.target == s.revenue_target]
    assert len(revenue) == 1
    rev_kpi = [k for k in plan.kpis if k.name == revenue[0].kpi and k.objective_id == revenue[0].id]
    assert len(rev_kpi) == 1 and kpi_kind(rev_kpi[0].kind) == "revenue"
    assert sum(rev_kpi[0].plan) == s.revenue_target


def test_stage_kpis_plan_at_least_what_the_funnel_needs(plan):
    s = plan.settings
    needs = calc.required_volumes(deals_target(s), s.funnel_rates)
    by_name = {k.name: k for k in plan.kpis}
    for stage, need in zip(s.funnel_stages, needs):
        assert stage in by_name, f"no KPI tracks the funnel stage {stage!r}"
        assert kpi_kind(by_name[stage].kind) == "count"
        assert sum(by_name[stage].plan) >= need


def test_funnel_volumes_quoted_in_the_signatures_objective(fr):
    """The 'means' of the deals objective quotes the funnel's volumes: they must be the real ones."""
    s = fr.settings
    vols = calc.required_volumes(deals_target(s), s.funnel_rates)
    text = next(o.achievable for o in fr.objectives if o.kpi == s.funnel_stages[-1])
    quoted = [int(x.replace(" ", "")) for x in re.findall(r"\b\d{1,3}(?: \d{3})*\b", text)]
    assert quoted == vols[:-1]


# --- review, SWOT, segments ------------------------------------------------------------------


def test_review(plan):
    r = plan.review
    segments = [line for line in r.lines if line.kind == "segment"]
    products = [line for line in r.lines if line.kind != "segment"]
    assert [line.label for line in segments] == plan.settings.segments
    assert len(products) >= 3
    for line in r.lines:
        assert is_num(line.objective) and is_num(line.achieved) and line.comment.strip()
    # both breakdowns describe the same year: same totals
    assert sum(x.objective for x in segments) == sum(x.objective for x in products)
    assert sum(x.achieved for x in segments) == sum(x.achieved for x in products)
    assert any(x.achieved > x.objective for x in r.lines) and any(x.achieved < x.objective for x in r.lines)
    for items in (r.worked, r.did_not_work, r.conversion_notes):
        assert len(items) >= 3 and all(x.strip() for x in items)


def test_swot_and_value_proposition(plan):
    sw = plan.swot
    for items in (sw.strengths, sw.weaknesses, sw.opportunities, sw.threats, sw.environment):
        assert 4 <= len(items) <= 6 and all(x.strip() for x in items)
    assert tuple(sw.value_proposition) == VALUE_PROPOSITION_KEYS
    assert list(VALUE_PROPOSITION_KEYS) == list(VALUE_QUESTIONS)  # every question of the sheet
    assert all(v.strip() for v in sw.value_proposition.values())


def test_segments(plan):
    assert [s.name for s in plan.segments] == plan.settings.segments
    assert abs(sum(s.share for s in plan.segments) - 1.0) < 1e-12
    for s in plan.segments:
        assert 0 < s.share < 1 and s.description.strip() and s.persona.strip()


# --- objectives and actions ------------------------------------------------------------------


def test_objectives_are_smart(plan):
    objs = plan.objectives
    assert len(objs) >= 6
    assert_ids(objs, "OBJ")
    for o in objs:
        assert o.objective.strip() and o.kpi.strip() and o.unit.strip()
        assert o.achievable.strip() and o.relevant.strip()
        assert is_num(o.target) and o.target > 0
        assert FIRST_DAY <= o.deadline <= LAST_DAY
        assert o.owner in plan.settings.owners
        assert o.status in words("statuses", plan)
        if o.unit == "%":
            assert 0 < o.target <= 1  # rates are fractions


def test_every_objective_has_actions_and_a_measuring_kpi(plan):
    for o in plan.objectives:
        assert any(a.objective_id == o.id for a in plan.actions), o.id
        assert [k for k in plan.kpis if k.objective_id == o.id and k.name == o.kpi], o.id


def test_actions(plan):
    acts = plan.actions
    s = plan.settings
    assert len(acts) >= 25
    assert_ids(acts, "ACT")
    objective_ids = {o.id for o in plan.objectives}
    for a in acts:
        assert a.objective_id in objective_ids
        assert a.action.strip() and a.kpi.strip()
        assert a.category in words("categories", plan)
        assert a.lever in words("levers", plan)
        assert a.segment in s.segments
        assert a.owner in s.owners
        assert FIRST_DAY <= a.start <= a.end <= LAST_DAY
        assert a.status in words("statuses", plan)
        assert is_num(a.budget) and a.budget > 0
    # all lists are used, and every owner and segment has work
    for name, attr in (("categories", "category"), ("levers", "lever")):
        assert {getattr(a, attr) for a in acts} == set(words(name, plan))
    assert {a.owner for a in acts} == set(s.owners)
    assert {a.segment for a in acts} == set(s.segments)


def test_actions_cover_every_month(plan):
    for month in range(1, 13):
        first = dt.date(YEAR, month, 1)
        last = (dt.date(YEAR, month + 1, 1) if month < 12 else dt.date(YEAR + 1, 1, 1)) - dt.timedelta(days=1)
        assert any(a.start <= last and a.end >= first for a in plan.actions), month
    # and new actions start in every quarter, not all in January
    assert {(a.start.month - 1) // 3 for a in plan.actions} == {0, 1, 2, 3}


def test_action_statuses_follow_the_tracking_month(plan):
    todo, doing, done, postponed, cancelled = words("statuses", plan)
    past = [a for a in plan.actions if a.end <= TRACKED_UNTIL]
    future = [a for a in plan.actions if a.start > TRACKED_UNTIL]
    current = [a for a in plan.actions if a.start <= TRACKED_UNTIL < a.end]
    assert past and future and current
    assert all(a.status == todo for a in future)
    assert all(a.status == doing for a in current)
    late = [a for a in past if a.status != done]
    assert 1 <= len(late) <= 4  # a few late, postponed or cancelled: it is a real year
    assert sum(a.status == done for a in past) >= 0.8 * len(past)
    assert {a.status for a in plan.actions} == set(words("statuses", plan))


# --- budget ----------------------------------------------------------------------------------


def test_budget_lines(plan):
    lines = plan.budget
    assert_ids(lines, "BUD")
    actions = {a.id: a for a in plan.actions}
    for line in lines:
        assert line.action_id in actions
        assert line.category in words("budget_categories", plan)
        assert line.label.strip()
        assert len(line.months) == 12
        assert all(v is None or (is_num(v) and v > 0) for v in line.months)
        assert is_num(line.actual) and line.actual >= 0
        start = actions[line.action_id].start
        if start > TRACKED_UNTIL and all(v is None for v in line.months[:10]):
            assert line.actual == 0
    # each action's budget is the sum of its lines, and every action has one
    for a in plan.actions:
        mine = [v for line in lines if line.action_id == a.id for v in line.months if v is not None]
        assert mine and sum(mine) == a.budget, a.id
    assert {line.category for line in lines} == set(words("budget_categories", plan))


def test_budget_is_a_believable_share_of_revenue(plan):
    total = sum(v for line in plan.budget for v in line.months if v is not None)
    assert 0.02 <= total / plan.settings.revenue_target <= 0.06
    spent = sum(line.actual for line in plan.budget)
    planned_to_date = sum(v for line in plan.budget for v in line.months[:10] if v is not None)
    assert 0.7 * planned_to_date <= spent <= 1.1 * planned_to_date


def test_spend_kpi_is_the_budget(plan):
    """The cost KPI of the budget objective plans the budget's months and sums its actuals."""
    monthly = [sum(line.months[m] or 0 for line in plan.budget) for m in range(12)]
    spend = [k for k in plan.kpis if kpi_kind(k.kind) == "cost" and k.plan == monthly]
    assert len(spend) == 1
    assert sum(spend[0].actual[:10]) == pytest.approx(sum(line.actual for line in plan.budget), abs=1e-6)
    objective = next(o for o in plan.objectives if o.id == spend[0].objective_id)
    assert objective.target == sum(monthly) and objective.kpi == spend[0].name


# --- KPIs ------------------------------------------------------------------------------------


def test_kpis(plan):
    kpis = plan.kpis
    assert len(kpis) >= 8
    assert_ids(kpis, "KPI")
    objective_ids = {o.id for o in plan.objectives}
    assert {k.kind for k in kpis} == set(words("kpi_kinds", plan))
    for k in kpis:
        assert k.name.strip() and k.objective_id in objective_ids
        assert len(k.plan) == 12 and all(is_num(v) and v >= 0 for v in k.plan)
        assert len(k.actual) == 12
        assert all(is_num(v) for v in k.actual[:10]) and all(v is None for v in k.actual[10:])
        if kpi_kind(k.kind) == "rate":
            assert all(0 <= v <= 1 for v in k.plan + k.actual[:10])  # fractions, not percents


def test_kpi_variances_go_both_ways(plan):
    verdicts = []
    for k in plan.kpis:
        kind = kpi_kind(k.kind)
        how = aggregation(kind)
        plan_ytd = calc.year_to_date(k.plan, 10, how)
        actual_ytd = calc.year_to_date(k.actual, 10, how)
        assert actual_ytd != plan_ytd, k.id
        assert abs(actual_ytd / plan_ytd - 1) < 0.25, k.id  # believable, not wild
        verdicts.append(calc.favourable(actual_ytd, plan_ytd, kind))
    assert 3 <= verdicts.count(True) and 3 <= verdicts.count(False)
    # and month by month, the revenue is sometimes above and sometimes below the plan
    revenue = next(k for k in plan.kpis if kpi_kind(k.kind) == "revenue")
    diffs = [a - p for a, p in zip(revenue.actual[:10], revenue.plan[:10])]
    assert any(d > 0 for d in diffs) and any(d < 0 for d in diffs)


# --- customers and key dates -----------------------------------------------------------------


def test_customers(plan):
    cs = plan.customers
    assert len(cs) >= 220
    codes = [c.code for c in cs]
    assert all(re.fullmatch(r"C\d{5}", c) for c in codes) and len(set(codes)) == len(codes)
    assert any(c.startswith("C00") for c in codes)  # leading zeros are part of the code
    assert len({c.name for c in cs}) == len(cs) and all(c.name.strip() for c in cs)
    assert {c.segment for c in cs} == set(plan.settings.segments)
    lost = [c for c in cs if c.amount is None]  # customers of last year lost since: revenue N-1 only
    assert 10 <= len(lost) <= 20 and all(is_num(c.previous) and c.previous > 0 for c in lost)
    amounts = [c.amount for c in cs if c.amount is not None]
    assert all(is_num(a) for a in amounts)
    assert 1 <= sum(a < 0 for a in amounts) <= 2  # credit notes
    assert sum(a == 0 for a in amounts) == 1
    positive = [a for a in amounts if a > 0]
    assert len(positive) - len(set(positive)) >= 2  # a couple of ties


def test_customers_have_margins_potentials_and_last_year(plan):
    current = [c for c in plan.customers if c.amount is not None]
    margins = [c.margin / c.amount for c in current if c.amount > 0]
    assert len(margins) == sum(c.amount > 0 for c in current)
    assert all(0.15 <= m <= 0.5 for m in margins)
    with_potential = [c for c in current if c.potential is not None]
    assert 0.6 <= len(with_potential) / len(current) <= 0.9
    assert all(c.potential >= c.amount for c in with_potential)
    assert 0.75 <= sum(c.previous is not None for c in current) / len(current) <= 0.95
    assert plan.settings.coverage_visits == [12, 4, 1]


def test_customers_follow_pareto_and_the_review(plan):
    amounts = sorted((c.amount for c in plan.customers if c.amount is not None and c.amount > 0), reverse=True)
    top = amounts[: len(amounts) // 5]
    assert 0.70 <= sum(top) / sum(amounts) <= 0.88  # roughly 20/80
    abc = calc.abc_classes([c.amount for c in plan.customers])
    counts = {k: list(abc.classes).count(k) for k in "ABC"}
    assert counts["A"] < counts["B"] < counts["C"]
    achieved = {line.label: line.achieved for line in plan.review.lines if line.kind == "segment"}
    for segment, total in achieved.items():
        assert sum(c.amount for c in plan.customers if c.segment == segment and c.amount is not None) == total


def test_key_dates(plan):
    kd = plan.key_dates
    assert len(kd) >= 8
    assert all(FIRST_DAY <= k.date <= LAST_DAY and k.label.strip() for k in kd)
    assert [k.date for k in kd] == sorted(k.date for k in kd)
    assert len({k.date.month for k in kd}) >= 8  # spread over the year


# --- whole plan ------------------------------------------------------------------------------


def test_check_finds_no_error_only_the_late_actions(plan):
    findings = check_plan(plan, today=TRACKED_UNTIL)
    assert not [f for f in findings if f.severity == "error"]
    warnings = [f for f in findings if f.severity == "warning"]
    # the demo shows the loop: contacts turn into meetings at 22 % where 25 % was assumed
    # the demo pipeline covers half of what is left, with deals past their close date (test_pipeline)
    assert {f.code for f in warnings} == {"action-overdue", "funnel-rate-below", "pipeline-coverage-low",
                                          "pipeline-past-close"}
    below = [f for f in warnings if f.code == "funnel-rate-below"]
    assert len(below) == 1 and ("22,0" in below[0].message or "22.0" in below[0].message)
    warnings = [f for f in warnings if f.code == "action-overdue"]
    _todo, _doing, done, _postponed, cancelled = words("statuses", plan)
    late = [a for a in plan.actions if a.end < TRACKED_UNTIL and a.status not in (done, cancelled)]
    assert len(warnings) == len(late)


def _leaves(obj, path=""):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _leaves(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _leaves(v, f"{path}[{i}]")
    else:
        yield path, obj


def test_french_and_english_hold_the_same_figures(fr, en):
    a, b = list(_leaves(fr.to_dict())), list(_leaves(en.to_dict()))
    assert [p for p, _ in a] == [p for p, _ in b]  # same structure, same counts
    for (path, x), (_, y) in zip(a, b):
        if x is None or is_num(x) or re.fullmatch(r"\d{4}-\d\d-\d\d", str(x)):
            assert x == y, path
        else:
            assert isinstance(y, str) and bool(x.strip()) == bool(y.strip()), path
    # list values sit at the same position of each language's list
    for name, items, attr in (("statuses", "actions", "status"), ("categories", "actions", "category"),
                              ("levers", "actions", "lever"), ("kpi_kinds", "kpis", "kind"),
                              ("budget_categories", "budget", "category"), ("statuses", "objectives", "status")):
        pos_fr = [LISTS[name]["fr"].index(getattr(x, attr)) for x in getattr(fr, items)]
        pos_en = [LISTS[name]["en"].index(getattr(x, attr)) for x in getattr(en, items)]
        assert pos_fr == pos_en, name
    # identifiers, people and customer names are not translated; the sentences are
    assert [c.code + c.name for c in fr.customers] == [c.code + c.name for c in en.customers]
    assert fr.settings.owners == en.settings.owners
    for xf, xe in zip(fr.objectives + fr.actions, en.objectives + en.actions):
        text_fr = getattr(xf, "objective", None) or xf.action
        text_en = getattr(xe, "objective", None) or xe.action
        assert text_fr != text_en


def test_deterministic_and_serialisable(fr):
    assert demo_plan("fr") == fr
    again = Plan.from_dict(json.loads(json.dumps(fr.to_dict())))
    assert again == fr


def test_same_plan_in_another_interpreter(fr):
    """No dependence on hash randomisation or on state left by an earlier call."""
    code = "import json, sys; from pacxl.demo import demo_plan; json.dump(demo_plan('fr').to_dict(), sys.stdout)"
    env = dict(os.environ, PYTHONHASHSEED="12345")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert json.loads(out.stdout) == fr.to_dict()


def test_unknown_language():
    with pytest.raises(InputError, match="unknown language 'de'"):
        demo_plan("de")


# --- the hand-written YAML example -----------------------------------------------------------


def test_example_yaml_loads_and_is_coherent():
    p = Plan.from_file(EXAMPLE)
    assert (len(p.objectives), len(p.actions), len(p.budget), len(p.kpis), len(p.customers)) == (2, 3, 2, 2, 6)
    assert p.settings.coverage_visits == [12, 4, 1] and p.customers[-1].amount is None  # a customer lost since
    objective_ids = {o.id for o in p.objectives}
    action_ids = {a.id for a in p.actions}
    assert all(a.objective_id in objective_ids for a in p.actions)
    assert all(b.action_id in action_ids for b in p.budget)
    assert all(k.objective_id in objective_ids for k in p.kpis)
    assert all(a.owner in p.settings.owners and a.segment in p.settings.segments for a in p.actions)
    assert all(isinstance(a.start, dt.date) and a.start <= a.end for a in p.actions)
    assert all(len(b.months) == 12 and len(k.plan) == 12 and len(k.actual) == 12 for b in p.budget for k in p.kpis)
    assert sum(s.share for s in p.segments) == pytest.approx(1.0)
    # the deals objective is the funnel's target
    deals = deals_target(p.settings)
    assert any(o.target == deals for o in p.objectives)
    findings = check_plan(p, today=dt.date(2026, 3, 31))
    assert not [f for f in findings if f.severity in ("error", "warning")]
