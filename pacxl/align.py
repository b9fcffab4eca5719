"""Plans that ``pacxl consolidate`` may merge: one currency, one calendar.

Plans in different currencies are refused (pacxl converts no money). Plans of different years or
first months are refused unless the caller says which year and first month the team plan uses;
the other plans are then *aligned*: each monthly figure (budget lines, KPI plan and actual) moves
to the team's plan month of the same calendar month (September stays September) and the plan's
year and first month become the team's. Nothing is dropped: twelve consecutive months hold each
calendar month once, so every plan keeps its twelve figures and its year's totals; the months
that land in another year are counted in the note. Dates (actions, objectives, key dates) are
kept as typed: they are facts, not positions in a plan year. Rules in docs/consolidate.md.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from .errors import InputError
from .messages import lang_of, text
from .model import Plan


def first_month(plan: Plan) -> int:
    """The plan's first calendar month (January when the setting is out of range, as everywhere)."""
    f = plan.settings.first_month
    return f if isinstance(f, int) and 1 <= f <= 12 else 1


def _calendar_month(year: int, first: int, i: int) -> tuple[int, int]:
    """``(year, month)`` of plan month ``i`` (0-based) of a plan year starting ``first``/``year``."""
    n = first - 1 + i
    return year + n // 12, n % 12 + 1


def _span(year: int, first: int) -> str:
    (y0, m0), (y1, m1) = _calendar_month(year, first, 0), _calendar_month(year, first, 11)
    return f"{m0:02d}/{y0}–{m1:02d}/{y1}"


def _groups(pairs: Iterable[tuple[str, object]], lang: str) -> str:
    """``"EUR: a.xlsx, b.xlsx; USD: c.xlsx"`` (French spacing in French), values in first-seen order."""
    by_value: dict[object, list[str]] = {}
    for label, value in pairs:
        by_value.setdefault(value, []).append(label)
    colon, semi = (" : ", " ; ") if lang_of(lang) == "fr" else (": ", "; ")
    return semi.join(f"{value if value not in ('', None) else '—'}{colon}{', '.join(labels)}"
                     for value, labels in by_value.items())


def refuse_mixed_currencies(labelled: list[tuple[str, Plan]], lang: str) -> None:
    """An :class:`InputError` naming each file's currency when the plans do not share one."""
    pairs = [(label, str(plan.settings.currency or "").strip().upper()) for label, plan in labelled]
    if len({c for _, c in pairs}) > 1:
        raise InputError.of(lambda words: text("consolidate.currencies", words, groups=_groups(pairs, words)), lang)


def team_calendar(labelled: list[tuple[str, Plan]], lang: str, year: int | None = None,
                  first: int | None = None) -> tuple[int, int]:
    """The team plan's ``(year, first month)``: the plans' own when they agree, else the ones
    given; an :class:`InputError` naming files and values when they differ and none is given, or
    when the one given is no plan's."""
    problems = []
    chosen = []
    for value, option, key, get in (
        (year, "--year", "years", lambda p: p.settings.year),
        (first, "--first-month", "first_months", first_month),
    ):
        pairs = [(label, get(plan)) for label, plan in labelled]
        values = {v for _, v in pairs}
        if value is None and len(values) > 1:
            problems.append(lambda w, key=key, pairs=pairs: text(f"consolidate.{key}_differ", w, groups=_groups(pairs, w)))
        elif value is not None and value not in values:
            problems.append(lambda w, option=option, value=value, values=values: text(
                "consolidate.no_such_plan", w, option=option, value=value,
                values=", ".join(str(v) for v in sorted(values))))
        chosen.append(value if value is not None else next(iter(values)))
    if problems:
        raise InputError.of(lambda w: ("; " if lang_of(w) == "en" else " ; ").join(say(w) for say in problems), lang)
    return chosen[0], chosen[1]


def align_plan(plan: Plan, year: int, first: int) -> tuple[Plan, int]:
    """A copy of ``plan`` on the calendar ``year``/``first`` (each monthly figure in the plan month
    of the same calendar month) and how many of its twelve months land in another year."""
    s = plan.settings
    y0, f0 = s.year, first_month(plan)
    # plan month i of this plan -> plan month target[i] of the team (a permutation of 0..11)
    target = [(_calendar_month(y0, f0, i)[1] - first) % 12 for i in range(12)]
    moved = sum(1 for i in range(12) if _calendar_month(y0, f0, i) != _calendar_month(year, first, target[i]))

    def move(months: list) -> list:
        months = list(months) + [None] * (12 - len(months))
        out = [None] * 12
        for i, j in enumerate(target):
            out[j] = months[i]
        return out

    out = copy.deepcopy(plan)
    for line in out.budget:
        line.months = move(line.months)
    for k in out.kpis:
        k.plan, k.actual = move(k.plan), move(k.actual)
    t = s.tracking_month
    if isinstance(t, int) and 1 <= t <= 12:
        out.settings.tracking_month = target[t - 1] + 1
    out.settings.year, out.settings.first_month = year, first
    return out, moved


def aligned_plans(labelled: list[tuple[str, Plan]], lang: str, year: int | None = None,
                  first: int | None = None) -> tuple[list[Plan], list[str]]:
    """The plans, refused or aligned on one calendar, and one note per aligned plan."""
    refuse_mixed_currencies(labelled, lang)
    year, first = team_calendar(labelled, lang, year, first)
    plans, notes = [], []
    for label, plan in labelled:
        if plan.settings.year == year and first_month(plan) == first:
            plans.append(plan)
            continue
        aligned, moved = align_plan(plan, year, first)
        plans.append(aligned)
        notes.append(text("consolidate.aligned", lang, file=label, span=_span(plan.settings.year, first_month(plan)),
                          team_span=_span(year, first), moved=moved))
    return plans, notes
