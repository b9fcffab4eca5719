"""pacxl new --from-previous: next year's plan from last year's workbook, each figure against an
independent computation."""

from __future__ import annotations

import random

import pytest
from click.testing import CliRunner

from pacxl import build_workbook
from pacxl.calc import previous as last_year
from pacxl.calc.variance import kpi_kind
from pacxl.cli import main
from pacxl.demo import demo_plan
from pacxl.previous import plan_from_previous
from pacxl.workbook.read import read_plan


@pytest.mark.parametrize("seed", range(10))
def test_monthly_revenue_and_segment_revenue_equal_a_direct_sum(seed):
    rng = random.Random(seed)

    def months():
        return [None if rng.random() < 0.2 else float(rng.randint(0, 900)) for _ in range(12)]

    kpis = [(rng.choice(["revenue", "count"]), months(), months()) for _ in range(4)]
    month = rng.randint(1, 12)
    got = last_year.monthly_revenue(kpis, month)
    for m in range(12):
        figures = [(a if m < month else p)[m] for kind, p, a in kpis if kind == "revenue"]
        figures = [x for x in figures if x is not None]
        assert got[m] == (sum(figures) if figures else None)
    amounts = [rng.choice([None, -50.0, 0.0, 10.0, 250.5, 1000.0]) for _ in range(20)]
    segments = [rng.choice(["Ind", "ind ", "Santé", ""]) for _ in range(20)]
    got = last_year.segment_revenue(amounts, segments, ["Ind", "Santé", "Autre"])
    for name in ("Ind", "Santé", "Autre"):
        pos = [a for a, s in zip(amounts, segments) if s.strip().casefold() == name.casefold() and a and a > 0]
        assert got[name] == (sum(pos) if pos else None)


def test_action_costs_are_the_spend_else_the_plan():
    lines = [("A1", [100.0] * 12, 300.0), ("a1", [50.0] + [None] * 11, None), ("A2", [10.0] * 12, None),
             ("", [1.0] * 12, 5.0)]
    assert last_year.action_costs(lines) == {"a1": 300.0, "a2": 120.0}


@pytest.fixture(scope="module")
def last(tmp_path_factory):
    path = tmp_path_factory.mktemp("prev") / "pac_2026.xlsx"
    build_workbook(demo_plan("fr"), path)
    return path


def test_from_previous_fills_the_review_customers_and_seasonality(last):
    old = read_plan(last)
    p = plan_from_previous(last)
    s = p.settings
    assert s.year == old.settings.year + 1 and s.company == old.settings.company and s.lang == "fr"
    assert [(c.code, c.amount, c.segment) for c in p.customers] == [(c.code, c.amount, c.segment) for c in old.customers]
    assert [x.name for x in p.segments] == [x.name for x in old.segments]
    assert p.objectives == p.actions == p.kpis == p.budget == []
    segs = {line.label: line for line in p.review.lines if line.kind == "segment"}
    for seg in old.segments:
        brought = sum(c.amount for c in old.customers if c.segment == seg.name and c.amount and c.amount > 0)
        assert segs[seg.name].achieved == pytest.approx(brought)
        assert segs[seg.name].objective == pytest.approx(seg.share * old.settings.revenue_target)
    month = old.settings.tracking_month
    revenue = [k for k in old.kpis if kpi_kind(k.kind) == "revenue"]
    products = [line for line in p.review.lines if line.kind == "produit"]
    assert [x.label for x in products] == [k.name for k in revenue]
    assert products[0].achieved == pytest.approx(sum(v for v in revenue[0].actual[:month] if v is not None))
    history = [sum((k.actual[m] if m < month else k.plan[m]) or 0.0 for k in revenue) for m in range(12)]
    assert p.review.monthly_revenue == pytest.approx(history)
    # the profile follows last year's months (Settings' PAC_Seasonality reads PAC_RevenueN1):
    # nothing typed, so a month corrected on the Last year sheet moves the profile too
    from pacxl import adjust

    assert s.seasonality == []
    assert adjust.profile(p) == pytest.approx([h / sum(history) for h in history])
    done = [a for a in old.actions if a.status == old.settings.statuses[2]]
    assert len(p.review.worked) == len(done) and all(a.id in w for a, w in zip(done, p.review.worked))
    assert any("coût" in w for w in p.review.worked)
    assert len(p.review.conversion_notes) == sum(1 for k in old.kpis if kpi_kind(k.kind) != "revenue")


def test_cli_new_from_previous(last, tmp_path):
    out = tmp_path / "pac_2027.xlsx"
    res = CliRunner().invoke(main, ["new", str(out), "--from-previous", str(last)])
    assert res.exit_code == 0, res.output
    p = read_plan(out)
    assert p.settings.year == 2027 and len(p.customers) == len(read_plan(last).customers)
    assert any(line.kind == "segment" and line.achieved for line in p.review.lines)
    res = CliRunner().invoke(main, ["new", str(tmp_path / "x.xlsx"), "--from-previous", str(last), "--from", "p.yaml"])
    assert res.exit_code == 2 and res.output.count("\n") == 1 and not (tmp_path / "x.xlsx").exists()
    res = CliRunner().invoke(main, ["new", str(tmp_path / "y.xlsx"), "--from-previous", str(tmp_path / "none.xlsx")])
    assert res.exit_code == 2 and "Traceback" not in res.output and not (tmp_path / "y.xlsx").exists()
