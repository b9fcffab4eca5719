"""The report's catch-up and quarters (issue 13, "follow and adjust"): figures from
:mod:`pacxl.calc.followup`, and their terminal and HTML tables.

* Each ``kpis[]`` entry gets ``remaining``, ``catch_up_by_month`` (12 entries, null up to the
  report's month) and ``rate_needed`` (:func:`catch_up`), spread by the plan's seasonality profile
  (:func:`plan_weights`, the workbook's ``PAC_Seasonality``).
* ``quarters`` lists the 4 plan quarters (:func:`quarters`): each KPI's plan, plan to date,
  actual, variance, variance % and verdict, and the budget's plan and plan to date by category;
  ``quarter`` is the one the terminal and HTML show (``--quarter N``, else the report month's).
"""

from __future__ import annotations

from typing import Any

from . import adjust
from .calc import followup
from .errors import InputError
from .model import Plan
from .report_format import _e, _fav_cell, _table, _verdict, fmt_num, fmt_pct, fmt_share


def plan_weights(plan: Plan) -> list[float]:
    """The plan's seasonality profile, as the workbook's ``PAC_Seasonality`` computes it (typed,
    else last year's monthly revenue, else flat: :func:`pacxl.adjust.profile`)."""
    return adjust.profile(plan)


def check_quarter(quarter: object) -> int:
    """A plan quarter 1..4, or an InputError in one line."""
    try:
        q = int(str(quarter).strip())
    except ValueError:
        q = 0
    if str(q) != str(quarter).strip() or not 1 <= q <= followup.QUARTERS:
        raise InputError(f"the quarter must be 1, 2, 3 or 4 (plan quarters from the first month), got {quarter}",
                         fr=f"le trimestre doit être 1, 2, 3 ou 4 (trimestres du plan à partir de son premier "
                            f"mois), reçu {quarter}")
    return q


def _series(plan: Plan, k) -> tuple[str, Any, Any, bool]:
    from .report import _kpi_calc  # (the report's one reading of a KPI's kind and ratio parts)

    return _kpi_calc(plan, k, 0)


def catch_up(plan: Plan, month: int, weights: list[float]) -> list[dict]:
    """remaining, catch_up_by_month and rate_needed of each KPI (plan.kpis' order); blanks for a
    rate whose numerator or denominator is wrong (``check`` says why)."""
    out = []
    for k in plan.kpis:
        kind, num, den, ok = _series(plan, k)
        f = followup.kpi_catch_up(kind, k.plan, k.actual, month, weights, num, den)
        if not ok:
            f = {"remaining": None, "catch_up_by_month": [None] * followup.MONTHS, "rate_needed": None}
        out.append(f)
    return out


def quarters(plan: Plan, month: int) -> list[dict]:
    """The 4 plan quarters at plan month ``month``."""
    kpi_rows = []
    for k in plan.kpis:
        kind, num, den, ok = _series(plan, k)
        per_q = [followup.quarter_figures(kind, k.plan, k.actual, q, month, num, den)
                 for q in range(1, followup.QUARTERS + 1)]
        if not ok:
            per_q = [{key: None for key in f} for f in per_q]
        kpi_rows.append((k, kind, per_q))
    from .report import budget_figures

    names = [c["category"] for c in budget_figures(plan, month)["categories"]]
    by_cat = {n: followup.budget_quarters([b.months for b in plan.budget if b.category.strip() == n], month)
              for n in names}
    total = followup.budget_quarters([b.months for b in plan.budget], month)
    out = []
    for q in range(1, followup.QUARTERS + 1):
        months = [m + 1 for m in followup.quarter_months(q)]
        out.append({
            "quarter": q,
            "months": months,
            "started": months[0] <= month,
            "complete": months[-1] <= month,
            "kpis": [{"id": k.id, "name": k.name, "kind": kind, **per_q[q - 1]} for k, kind, per_q in kpi_rows],
            "budget": {
                "categories": [{"category": n, "plan": by_cat[n][q - 1]["plan"],
                                "plan_to_date": by_cat[n][q - 1]["plan_to_date"]} for n in names],
                "total": {"plan": total[q - 1]["plan"], "plan_to_date": total[q - 1]["plan_to_date"]},
            },
        })
    return out


def add_figures(fig: dict, plan: Plan, month: int, quarter: int | None) -> None:
    """Add the catch-up to ``fig["kpis"]`` and the ``quarter``/``quarters`` keys."""
    weights = plan_weights(plan)
    for k, c in zip(fig["kpis"], catch_up(plan, month, weights)):
        k.update(c)
    fig["seasonality"] = weights
    fig["quarter"] = check_quarter(quarter) if quarter is not None else followup.quarter_of(month)
    fig["quarters"] = quarters(plan, month)


def flat_quarters(fig: dict) -> dict:
    """``fig`` with ``quarters`` as two flat tables, one row per quarter and KPI
    (``quarters``) and per quarter and budget category, then the total (``quarters_budget``):
    how the macros' Report sheet lays them out."""
    if "quarters" not in fig:
        return fig
    out = {k: v for k, v in fig.items() if k != "quarters"}
    out["quarters"] = [{"quarter": q["quarter"], **k} for q in fig["quarters"] for k in q["kpis"]]
    out["quarters_budget"] = [
        {"quarter": q["quarter"], **c}
        for q in fig["quarters"]
        for c in [*q["budget"]["categories"], {"category": "total", **q["budget"]["total"]}]
    ]
    return out


# --- terminal and HTML ----------------------------------------------------------------------------


def _next(k: dict, month: int) -> float | None:
    return k["catch_up_by_month"][month] if month < followup.MONTHS else None


def catch_up_rows(fig: dict) -> list[dict]:
    """The KPIs with something to show in the catch-up table."""
    return [k for k in fig["kpis"] if k.get("remaining") is not None or k.get("rate_needed") is not None]


def _currency(fig: dict, lang: str) -> str:
    from .messages import currency_symbol

    return currency_symbol(fig["currency"]) if lang == "fr" else fig["currency"]


def terminal(fig: dict, console, table, L, kv, e, lang: str) -> None:
    """The catch-up and the selected quarter, as rich tables."""
    m = fig["month"]
    rows = catch_up_rows(fig)
    if rows:
        t = table(L("catch_up", month=m), [(L("id"), "text"), (L("kpi"), "wide"), (L("plan_year"), "num"),
                                            (L("actual_ytd"), "num"), (L("remaining"), "num"),
                                            (L("next_month", month=min(m + 1, 12)), "num"),
                                            (L("rate_needed"), "num")])
        for k in rows:
            t.add_row(e(k["id"]), e(k["name"]), kv(k["plan_year"], k["kind"]), kv(k["actual_ytd"], k["kind"]),
                      kv(k["remaining"], k["kind"]), kv(_next(k, m), k["kind"]), fmt_share(k["rate_needed"], lang))
        console.print(t)
    q = fig["quarters"][fig["quarter"] - 1]
    t = table(L("quarter_kpis", q=q["quarter"], first=q["months"][0], last=q["months"][-1]),
              [(L("id"), "text"), (L("kpi"), "wide"), (L("plan"), "num"), (L("plan_to_date"), "num"),
               (L("actual"), "num"), (L("variance"), "num"), (L("variance_pct"), "num"), ("", "text")])
    for k in q["kpis"]:
        fav = k["favourable"]
        style = "" if fav is None else ("green" if fav else "red")
        t.add_row(e(k["id"]), e(k["name"]), kv(k["plan"], k["kind"]), kv(k["plan_to_date"], k["kind"]),
                  kv(k["actual"], k["kind"]), kv(k["variance"], k["kind"]), fmt_pct(k["variance_pct"], lang),
                  f"[{style}]{_verdict(fav, lang)}[/]" if style else "")
    console.print(t)
    b = q["budget"]
    t = table(L("quarter_budget", q=q["quarter"], currency=e(_currency(fig, lang))),
              [(L("category"), "wide"), (L("plan"), "num"), (L("plan_to_date"), "num")])
    for c in b["categories"]:
        t.add_row(e(c["category"]), fmt_num(c["plan"], 0, lang), fmt_num(c["plan_to_date"], 0, lang))
    t.add_row(f"[bold]{e(L('total'))}[/]", fmt_num(b["total"]["plan"], 0, lang),
              fmt_num(b["total"]["plan_to_date"], 0, lang))
    console.print(t)


def html(fig: dict, L, kv, num, lang: str) -> list[str]:
    """The catch-up and the selected quarter, as HTML tables; the budget's plan of every quarter."""
    m = fig["month"]
    out = []
    rows = catch_up_rows(fig)
    if rows:
        out.append(f"<h2>{_e(L('catch_up', month=m))}</h2>")
        out.append(_table(
            [L("id"), L("kpi"), L("plan_year"), L("actual_ytd"), L("remaining"),
             L("next_month", month=min(m + 1, 12)), L("rate_needed")],
            [[_e(k["id"]), _e(k["name"]), kv(k["plan_year"], k["kind"]), kv(k["actual_ytd"], k["kind"]),
              kv(k["remaining"], k["kind"]), kv(_next(k, m), k["kind"]), _e(fmt_share(k["rate_needed"], lang))]
             for k in rows],
            {2, 3, 4, 5, 6},
        ))
    q = fig["quarters"][fig["quarter"] - 1]
    out.append(f"<h2>{_e(L('quarter_kpis', q=q['quarter'], first=q['months'][0], last=q['months'][-1]))}</h2>")
    out.append(_table(
        [L("id"), L("kpi"), L("plan"), L("plan_to_date"), L("actual"), L("variance"), L("variance_pct"), ""],
        [[_e(k["id"]), _e(k["name"]), kv(k["plan"], k["kind"]), kv(k["plan_to_date"], k["kind"]),
          kv(k["actual"], k["kind"]), kv(k["variance"], k["kind"]), _e(fmt_pct(k["variance_pct"], lang)),
          _fav_cell(k["favourable"], lang)] for k in q["kpis"]],
        {2, 3, 4, 5, 6},
    ))
    qs = fig["quarters"]
    heads = [L("category")] + [L("quarter_short", q=x["quarter"]) for x in qs]
    names = [c["category"] for c in qs[0]["budget"]["categories"]]
    body = [[_e(n)] + [num(x["budget"]["categories"][i]["plan"]) for x in qs] for i, n in enumerate(names)]
    body.append([f"<b>{_e(L('total'))}</b>"] + [f"<b>{num(x['budget']['total']['plan'])}</b>" for x in qs])
    out.append(f"<h2>{_e(L('budget_by_quarter', currency=_currency(fig, lang)))}</h2>")
    out.append(_table(heads, body, {1, 2, 3, 4}))
    return out
