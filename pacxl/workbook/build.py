"""Build the PAC workbook of a plan: every sheet, native formulas, French or English.

>>> from pacxl.defaults import blank_plan
>>> build_workbook(blank_plan("fr"), "pac.xlsx")  # doctest: +SKIP
PosixPath('pac.xlsx')
"""

from __future__ import annotations

import copy
import io
import os
from pathlib import Path

from openpyxl import Workbook

from .. import calc
from ..calc._num import is_number
from ..calc.budget import spread_evenly as spread_budget
from ..defaults import fill_defaults
from ..errors import FileExistsError_, InputError, WorkbookError
from ..model import BudgetLine, Plan
from .contract import LANGS
from .fit import fit_workbook
from .i18n import default_list
from .sheets import (
    actions,
    budget,
    calendar,
    customers,
    dashboard,
    funnel,
    guide,
    kpi,
    objectives,
    pipeline,
    quarters,
    review,
    revisions,
    settings,
    swot,
    targets,
    team,
)
from .sheets._common import Context

#: Sheet builders in workbook order (the contract's order of roles).
BUILDERS = (guide, settings, review, swot, targets, customers, objectives, team, funnel, pipeline, actions,
            calendar, budget, kpi, quarters, dashboard, revisions)


class OutputExistsError(FileExistsError_):
    """The workbook to write exists already and force was not given."""


def as_plan(plan) -> Plan:
    """A :class:`Plan` from a Plan, a dict, or the path of a YAML/JSON plan file."""
    if isinstance(plan, Plan):
        return plan
    if isinstance(plan, dict):
        return Plan.from_dict(plan)
    if isinstance(plan, (str, os.PathLike)):
        return Plan.from_file(plan)
    raise InputError(f"a plan must be a Plan, a dict or a YAML/JSON file, got {type(plan).__name__}",
        fr=f"un plan doit être un Plan, un dict ou un fichier YAML/JSON, reçu {type(plan).__name__}")


def normalized(plan: Plan) -> Plan:
    """A copy of ``plan`` with every empty list given its language's default."""
    p = copy.deepcopy(plan)
    s = p.settings
    if s.lang not in LANGS:
        raise InputError(f"unknown language {s.lang!r}: use fr or en",
            fr=f"langue inconnue {s.lang!r} : utilisez fr ou en")
    # The Targets sheet's segments are the plan's; the language's placeholder names
    # (Segment A, B, C) only fill a plan that has none.
    names = [seg.name for seg in p.segments if seg.name]
    if names:
        placeholders = default_list("segments", s.lang)
        s.segments = names + [n for n in s.segments if n not in names and n not in placeholders]
    fill_defaults(s)
    if not 1 <= int(s.first_month or 1) <= 12:
        raise InputError(f"the first month must be from 1 to 12, got {s.first_month}",
            fr=f"le premier mois doit être de 1 à 12, reçu {s.first_month}")
    s.first_month = int(s.first_month or 1)
    if s.seasonality:  # typed: 12 weights adding up to 100 % (fractions or percentages)
        s.seasonality = calc.seasonality.check_profile(s.seasonality)
    _budget_lines_from_actions(p)
    return p


def _budget_lines_from_actions(p: Plan) -> None:
    """Budgets are typed once, on the Budget sheet: an action's budget is the sum of its lines.
    A plan (YAML, Python) that gives an action a budget and no line gets one line for it, spread
    evenly over the action's months; one whose lines say another amount is refused."""
    sums = calc.action_budgets((b.action_id, b.months) for b in p.budget)
    for a in p.actions:
        if not is_number(a.budget):
            continue
        key = a.id.strip().casefold()
        if key and key in sums:
            if abs(sums[key] - float(a.budget)) > 0.005:
                raise InputError(
                    f"action {a.id}: its budget {a.budget:g} differs from the total of its budget "
                    f"lines {sums[key]:g}; give the budget on the lines only (an action's budget is "
                    "the sum of its lines)",
                        fr=f"action {a.id} : son budget {a.budget:g} diffère du total de ses lignes de budget {sums[key]:g} ; donnez le budget sur les lignes seulement (le budget d'une action est la somme de ses lignes)"
                )
            continue
        if not key:
            raise InputError(f"action {a.action!r} has a budget but no ID: give it an ID so that "
                             "its budget line can name it",
                                 fr=f"l'action {a.action!r} a un budget mais pas d'ID : donnez-lui un ID pour que sa ligne de budget puisse la nommer")
        s = p.settings
        first = calc.plan_month_of(a.start, s.year, s.first_month) if a.start else 1
        last = calc.plan_month_of(a.end, s.year, s.first_month) if a.end else 12
        category = s.budget_categories[-1] if s.budget_categories else ""  # "Divers" / "Other"
        p.budget.append(BudgetLine(id=f"L-{a.id}", category=category, action_id=a.id, label=a.action,
                                   months=spread_budget(float(a.budget), first, last)))
    for a in p.actions:  # the workbook computes it from the lines
        a.budget = None


def make_workbook(plan, *, udfs: bool = False) -> Workbook:
    """The workbook of ``plan`` in memory (see :func:`build_workbook`)."""
    p = normalized(as_plan(plan))
    wb = Workbook()
    wb.remove(wb.active)
    ctx = Context(wb, p, udfs=udfs)
    for builder in BUILDERS:
        builder.build(ctx)
    if udfs:
        from .sheets import udfs as udf_sheet

        udf_sheet.build(ctx)
    ctx.fill_tables()
    kpi.seasonal_revenue_plan(ctx)
    if p.reconciliation or p.stage_actuals:  # a consolidated team workbook read back as a plan
        _reconciliation_sheet(wb, p)
    fit_workbook(wb, {
        ctx.title("calendar"): calendar.shown_texts(wb, p.settings.lang),
        ctx.title("quarters"): quarters.shown_texts(wb, p.settings.lang, p.settings.budget_categories),
    })
    wb.active = 0
    wb.calculation.fullCalcOnLoad = True  # Excel computes every formula when it opens the file
    wb.properties.creator = "pacxl"
    wb.properties.title = ctx.t("guide_title") + f" {p.settings.year}"
    return wb


def _reconciliation_sheet(wb: Workbook, p: Plan) -> None:
    """The Reconciliation sheet of a plan that carries one (``consolidate --against`` wrote it; a
    plan read from that workbook keeps it when written again): nothing read is dropped."""
    from types import SimpleNamespace

    from .sheets import reconciliation

    lines = [SimpleNamespace(person=x.salesperson, segment=x.segment, plan=x.plan, team_target=x.team_target,
                             share=x.share, amount=x.amount) for x in p.reconciliation]
    stages = [(x.salesperson, x.stage, x.actual) for x in p.stage_actuals]
    people = list(dict.fromkeys([x.salesperson for x in p.reconciliation] + [s[0] for s in stages]))
    segments = list(dict.fromkeys(x.segment for x in p.reconciliation))
    reconciliation.build(wb, reconciliation.Inputs(lines, stages, people, segments, ""),
                         p.settings.lang, p.settings.currency)


#: How formula cells get their cached values (see :func:`workbook_bytes`).
VALUES = ("libreoffice", "auto", "shipped", None)


def workbook_bytes(wb: Workbook, *, values: str | None = None) -> bytes:
    """The saved package of ``wb``: openpyxl's XML plus Excel's ``ignoredErrors`` on the
    identifier columns, and cached values in the formula cells, so that a preview or Protected
    View shows the figures (see :mod:`pacxl.workbook.xlsxml`). ``values``:

    - ``"libreoffice"``: the values LibreOffice computes (a few seconds;
      :class:`pacxl.recalc.LibreOfficeMissing` without LibreOffice);
    - ``"shipped"``: those of a shipped template when the workbook is that template (same plan
      and options), else none; costs a comparison only;
    - ``"auto"``: a shipped template's when it matches, else LibreOffice's when it is
      installed, else none;
    - None: no values (Excel computes them when editing is enabled: ``fullCalcOnLoad``).
    """
    from ..recalc import soffice_path
    from .xlsxml import borrowed_values, finish, recalculated_values, text_id_ranges

    if values not in VALUES:
        raise ValueError(f"values: one of {VALUES}, not {values!r}")
    from .fastcells import saved_bytes

    # in memory first: a disk error then happens in atomic_write's own writes
    data = saved_bytes(wb, ignored=text_id_ranges(wb))
    if values in ("shipped", "auto"):
        from .templates import TEMPLATES, shipped_template

        for name in TEMPLATES:
            path = shipped_template(name)
            borrowed = borrowed_values(data, path) if path.exists() else None
            if borrowed is not None:
                return borrowed
        if values == "auto" and soffice_path():
            values = "libreoffice"
    if values == "libreoffice":
        data = finish(data, values=recalculated_values(data))
    return data


def save_atomic(wb: Workbook, path: Path, *, values: str | None = None) -> None:
    """Save a new workbook over ``path`` through :func:`pacxl.files.atomic_write`, under pacxl's
    lock: never a half-written file, a symbolic link followed and kept, the replaced file's mode
    and owner kept. An existing workbook that Excel or LibreOffice has open (a lock file stands
    beside it) or that is read-only is refused, --force or not. ``values``: see
    :func:`workbook_bytes`."""
    from ..files import atomic_write, check_not_open, workbook_lock

    path = Path(path)
    if os.path.lexists(path):
        check_not_open(path, force_hint=False)
    data = workbook_bytes(wb, values=values)
    with workbook_lock(path, shown=str(path)):
        atomic_write(path, data, shown=str(path))


def build_workbook(plan, path, *, udfs: bool = False, force: bool = False,
                   values: str | None = None) -> Path:
    """Write the PAC workbook of ``plan`` to ``path`` and return the path.

    ``plan`` is a :class:`pacxl.model.Plan`, a dict, or the path of a YAML/JSON plan file; empty
    lists get the defaults of the plan's language. ``udfs`` adds the xlwings UDF sheet and the
    hidden ``xlwings.conf`` sheet. An existing file is overwritten only with ``force``.
    ``values``: how formula cells get their cached values (see :func:`workbook_bytes`).
    """
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise InputError(f"{path}: the workbook's name must end in .xlsx",
            fr=f"{path} : le nom du classeur doit finir par .xlsx")
    if path.exists() and not force:
        raise OutputExistsError(f"{path} exists already: use --force to overwrite it",
            fr=f"{path} existe déjà : utilisez --force pour le remplacer")
    if path.is_dir():
        raise WorkbookError(f"{path} is a folder", fr=f"{path} est un dossier")
    wb = make_workbook(plan, udfs=udfs)
    save_atomic(wb, path, values=values)
    return path
