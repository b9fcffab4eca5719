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
