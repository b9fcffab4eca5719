"""xlwings UDFs: the PAC's computations in cells (``=PAC_FUNNEL(...)`` and friends).

Thin wrappers over :mod:`pacxl.calc`: they turn what xlwings passes (scalars, a row as a list, a
range as a list of lists, ``None`` for empty cells, numbers as floats) into calc's inputs and shape
the result back (arrays spill in Excel 365; no legacy ``expand``). Off Windows/macOS the xlwings
decorators are no-ops, so this module imports and is tested anywhere.

Bad input raises :class:`pacxl.errors.InputError` whose message says what to fix. When the
functions run inside Excel (the xlwings UDF server is loaded), that error is returned as a short
``#PACXL! ...`` text in the cell instead of a Python traceback.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import itertools
import math
import operator
import sys
import types
from collections.abc import Callable
from typing import Any

import numpy as np
import xlwings as xw

from .calc._num import is_number
from .calc.funnel import deals_for_revenue, funnel_calendar, per_period, required_volumes
from .calc.customers import RETENTION_KEYS, abc_matrix, coverage_meetings, potential_classes, retention
from .calc.pareto import DEFAULT_A, DEFAULT_B, abc_classes
from .calc.pipeline import coverage, deal_figures, weighted_pipeline
from .calc.variance import aggregation, check_month, kpi_kind, landing_forecast, variance, variance_pct
from .errors import InputError, PacxlError

__all__ = [
    "PAC_ABC",
    "PAC_ABC_MATRIX",
    "PAC_COVERAGE_MEETINGS",
    "PAC_DEALS",
    "PAC_FORECAST",
    "PAC_FUNNEL",
    "PAC_FUNNEL_CALENDAR",
    "PAC_PIPELINE_COVERAGE",
    "PAC_PIPELINE_WEIGHTED",
    "PAC_RETENTION",
    "PAC_VARIANCE",
    "PAC_VARIANCE_PCT",
]

ERROR_PREFIX = "#PACXL! "


def _under_excel() -> bool:
    """True when Excel calls us through the xlwings UDF server (Windows COM server)."""
    return "xlwings.server" in sys.modules


def excel_errors(fn: Callable) -> Callable:
    """In Excel, show a pacxl input error as a short text in the cell; elsewhere, raise it."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except PacxlError as exc:
            if _under_excel():
                return ERROR_PREFIX + str(exc)
            raise

    return wrapper


# --- shaping what xlwings passes -------------------------------------------------------------


def _is_blank(v: Any) -> bool:
    return v is None or v == "" or (isinstance(v, float) and math.isnan(v))


def _shape_of(value: Any) -> tuple[str, int, int]:
    """('scalar'|'row'|'grid', rows, cols) of an xlwings-shaped value (one pass over the rows'
    types and one over their lengths, in C: a million-row column costs milliseconds)."""
    if isinstance(value, (list, tuple)):
        kinds = set(map(type, value))
        if value and kinds <= {list, tuple}:
            widths = set(map(len, value))
            if len(widths) != 1:
                raise InputError("a range must be rectangular (all rows of the same length)",
                    fr="une plage doit être rectangulaire (toutes les lignes de même longueur)")
            return "grid", len(value), widths.pop()
        if kinds & {list, tuple} or any(issubclass(k, (list, tuple)) for k in kinds):
            raise InputError("a range must be rectangular (all rows of the same length)",
                fr="une plage doit être rectangulaire (toutes les lignes de même longueur)")
        return "row", 1, len(value)
    return "scalar", 1, 1


def _flatten(value: Any, shape: tuple[str, int, int] | None = None) -> list:
    kind, _, cols = shape or _shape_of(value)
    if kind == "grid":
        if cols == 1:  # a column, the usual range: one C loop
            return list(map(operator.itemgetter(0), value))
        return list(itertools.chain.from_iterable(value))
    if kind == "row":
        return list(value)
    return [value]


def _reshape(flat: Any, like: Any, shape: tuple[str, int, int] | None = None) -> Any:
    """``flat`` (a list, or a numpy array: reshaped in C) in the shape of ``like``."""
    kind, rows, cols = shape or _shape_of(like)
    if kind == "scalar":
        return flat[0].item() if hasattr(flat[0], "item") else flat[0]
    if hasattr(flat, "reshape"):
        return flat.tolist() if kind == "row" else flat.reshape(rows, cols).tolist()
    if kind == "row":
        return list(flat)
    return [flat[r * cols : (r + 1) * cols] for r in range(rows)]


def _number(value: Any, what: str) -> float:
    if isinstance(value, (list, tuple)):
        flat = _flatten(value)
        if len(flat) != 1:
            raise InputError(f"{what} must be a single cell, got a range of {len(flat)} cells",
                fr=f"{what} doit être une seule cellule, reçu une plage de {len(flat)} cellules")
        value = flat[0]
    if _is_blank(value):
        raise InputError(f"{what} is empty: give a number", fr=f"{what} est vide : donnez un nombre")
    if not is_number(value):
        raise InputError(f"{what} must be a number, got {value!r}", fr=f"{what} doit être un nombre, reçu {value!r}")
    return float(value)


def _rates(rates: Any) -> list:
    flat = _flatten(rates)
    while flat and _is_blank(flat[-1]):  # a rates range may end with unused stages
        flat.pop()
    for i, r in enumerate(flat, start=1):
        if _is_blank(r):
            raise InputError(f"conversion rate {i} is empty: fill it or remove the stage",
                fr=f"le taux de conversion {i} est vide : remplissez-le ou retirez l'étape")
    return flat


def _blank_or(v: Any) -> Any:
    return "" if v is None else v


# --- the computations, undecorated: the decorated functions below hand over to them, so that
# mutation testing (which skips decorated functions, docs/mutation.md) reaches them -----------


def _funnel(target, rates, periods=None):
    t = _number(target, "the target")
    vols = required_volumes(t, _rates(rates))
    if not _is_blank(periods):
        vols = per_period(vols, _number(periods, "the number of periods"))
    return [[v] for v in vols]


def _funnel_calendar(monthly_targets, rates, lags):
    targets = []
    for i, t in enumerate(_flatten(monthly_targets), start=1):
        targets.append(None if _is_blank(t) else _number(t, f"the target of month {i}"))
    lag_list = _flatten(lags)
    while lag_list and _is_blank(lag_list[-1]):
        lag_list.pop()
    cal = funnel_calendar(targets, _rates(rates), lag_list)
    return [[before] + row for before, row in zip(cal.before, cal.months)]


def _abc(values, a_share=None, b_share=None):
    a = DEFAULT_A if _is_blank(a_share) else _number(a_share, "the A share")
    b = DEFAULT_B if _is_blank(b_share) else _number(b_share, "the B share")
    shape = _shape_of(values)
    classes = abc_classes(_flatten(values, shape), a, b).classes
    if shape[0] == "grid" and shape[2] == 1:
        # a column: one row list per class, shared by the rows of that class (xlwings only reads
        # the result), instead of a million new lists
        rows = {c: [c] for c in ("", "A", "B", "C")}
        return list(map(rows.__getitem__, classes.tolist()))
    return _reshape(classes, values, shape)


def _same_size(what_en: str, what_fr: str, *ranges) -> list[list]:
    columns = [_flatten(x) for x in ranges]
    if len({len(c) for c in columns}) != 1:
        raise InputError(f"{what_en} must be ranges of the same size",
                         fr=f"{what_fr} doivent être des plages de même taille")
    return columns


def _abc_matrix(values, potentials, amounts=None, a_share=None, b_share=None):
    a = DEFAULT_A if _is_blank(a_share) else _number(a_share, "the A share")
    b = DEFAULT_B if _is_blank(b_share) else _number(b_share, "the B share")
    if _is_blank(amounts):
        amounts = values
    v, p, m = _same_size("values, potentials and amounts", "valeurs, potentiels et montants",
                         values, potentials, amounts)
    current = abc_classes(v, a, b).classes.tolist()
    matrix = abc_matrix(current, potential_classes(p, a, b), m)
    return [list(map(float, row)) for row in matrix["counts"] + matrix["revenue"]]


def _retention(previous, current):
    p, c = _same_size("revenue N-1 and revenue", "CA N-1 et CA", previous, current)
    fig = retention(p, c)
    return [[_blank_or(fig[k])] for k in RETENTION_KEYS]


def _coverage_meetings(classes, visits):
    v = _flatten(visits)
    if len(v) != 3:
        raise InputError(f"visits must be 3 cells (class A, B, C), got {len(v)}",
                         fr=f"les visites doivent tenir en 3 cellules (classe A, B, C), reçu {len(v)}")
    for x in v:
        if not _is_blank(x) and not is_number(x):
            raise InputError(f"visits hold {x!r}: give numbers (or leave cells empty)",
                             fr=f"les visites contiennent {x!r} : donnez des nombres (ou laissez les cellules vides)")
    seen = collections.Counter(_flatten(classes))  # (one pass in C)
    counts = {c: seen.get(c, 0) for c in ("A", "B", "C")}
    return coverage_meetings(counts, [None if _is_blank(x) else x for x in v])


def _variance(actual, plan):
    return _cellwise(variance, actual, plan)


def _variance_pct(actual, plan):
    return _cellwise(variance_pct, actual, plan)


def _forecast(actuals, plans, month, kind=None):
    fa, fp = _paired(actuals, plans)
    m = _number(month, "the month")
    how = "sum" if _is_blank(kind) else aggregation(kpi_kind(kind))
    return _blank_or(landing_forecast(fa, fp, check_month(m, len(fa)), how))


def _deals(revenue, avg_deal):
    return deals_for_revenue(_number(revenue, "the revenue goal"), _number(avg_deal, "the average deal value"))


def _udf_date(v: Any, what: str) -> dt.date | None:
    if _is_blank(v):
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if is_number(v) and 1 <= float(v) < 2_958_466:  # a serial number (a date cell read as a number)
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(v))
    raise InputError(f"{what} must be a date, got {v!r}", fr=f"{what} doit être une date, reçu {v!r}")


def _pipeline_weighted(amounts, probabilities, close_dates, statuses, year, first_month=None):
    columns = _same_size("amounts, probabilities, close dates and statuses",
                         "montants, probabilités, dates de signature et statuts",
                         amounts, probabilities, close_dates, statuses)
    y = int(_number(year, "the plan's year"))
    first = 1 if _is_blank(first_month) else int(_number(first_month, "the first month"))
    if not 1 <= first <= 12:
        raise InputError(f"the first month must be from 1 to 12, got {first}",
                         fr=f"le premier mois doit être de 1 à 12, reçu {first}")
    rows = []
    for i, (a, p, c, s) in enumerate(zip(*columns), start=1):
        deal = types.SimpleNamespace(amount=None if _is_blank(a) else a, probability=None if _is_blank(p) else p,
                                     close=_udf_date(c, f"close date {i}"), created=None, status="" if s is None else s)
        rows.append(deal_figures(deal, y, first, None))
    return weighted_pipeline(rows)


def _pipeline_coverage(weighted, revenue_target, revenue_to_date=None):
    w = _number(weighted, "the weighted pipeline")
    t = _number(revenue_target, "the revenue goal")
    done = 0.0 if _is_blank(revenue_to_date) else _number(revenue_to_date, "the revenue to date")
    return _blank_or(coverage(w, t, done))


# --- the functions Excel sees -------------------------------------------------------------------


@xw.func(category="pacxl")
@xw.arg("target", doc="Deals to sign (signatures visées), a number >= 0")
@xw.arg(
    "rates",
    ndim=1,
    doc="Conversion rates (taux de transformation) from each stage to the next, top of the "
    "funnel first, as fractions: 0.2 for 20 %",
)
@xw.arg("periods", doc="Optional: spread each volume over this many periods (12 months, 52 weeks)")
@excel_errors
def PAC_FUNNEL(target, rates, periods=None):
    """Reverse funnel (entonnoir inversé): the volume each stage needs, top stage first, the last
    being the target. Returns one column that spills down. With periods, volumes per period."""
    return _funnel(target, rates, periods)


@xw.func(category="pacxl")
@xw.arg("monthly_targets", ndim=1, doc="Deals to sign each month (signatures par mois), first month first")
@xw.arg("rates", ndim=1, doc="Conversion rates (taux de transformation), top of the funnel first, as fractions")
@xw.arg(
    "lags",
    ndim=1,
    doc="Months each stage precedes the signature (délai du cycle de vente), top stage first: "
    "one per stage, or one per stage above the signature",
)
@excel_errors
def PAC_FUNNEL_CALENDAR(monthly_targets, rates, lags):
    """Sales-cycle calendar (calendrier de l'entonnoir): for each stage (rows, top first), the volume
    to reach before the first month, then in each month, so that every month's signatures land
    on time. Spills a grid: stages x (1 + months)."""
    return _funnel_calendar(monthly_targets, rates, lags)


@xw.func(category="pacxl")
@xw.arg("values", ndim=2, doc="Customer revenue amounts (CA par client); blanks and text get no class")
@xw.arg("a_share", doc="Optional: cumulative share closing class A (défaut 0.80)")
@xw.arg("b_share", doc="Optional: cumulative share closing class B (défaut 0.95)")
@excel_errors
def PAC_ABC(values, a_share=None, b_share=None):
    """ABC (Pareto) class of each amount: "A", "B" or "C" in the same shape as values, "" for
    blanks. Order-independent: equal amounts share a class; zero and credit notes are C."""
    return _abc(values, a_share, b_share)


def _paired(actual: Any, plan: Any) -> tuple[list, list]:
    # PAC_VARIANCE(_PCT) take their ranges with ndim=2: without it xlwings hands a column over as
    # a flat list, and a flat list returned to Excel spills as a row, turning a column sideways.
    sa, sp = _shape_of(actual), _shape_of(plan)
    if sa[1:] != sp[1:]:
        raise InputError(
            f"actual is {sa[1]}x{sa[2]} cells but plan is {sp[1]}x{sp[2]}: give ranges of the same size",
                fr=f"le réalisé fait {sa[1]}x{sa[2]} cellules mais le prévu {sp[1]}x{sp[2]} : donnez des plages de même taille"
        )
    fa, fp = _flatten(actual, sa), _flatten(plan, sp)
    for what, flat in (("actual", fa), ("plan", fp)):
        if _plain_numbers(flat):  # checked in C: the usual range of figures and blanks
            continue
        for v in flat:
            if not _is_blank(v) and not is_number(v):
                raise InputError(f"{what} holds {v!r}: give numbers (or leave cells empty)",
                    fr=f"{what} contient {v!r} : donnez des nombres (ou laissez les cellules vides)")
    return fa, fp


def _plain_numbers(flat: list) -> bool:
    """True when every value is a finite float or int, or None (checked without a Python loop)."""
    if not set(map(type, flat)) <= {float, int, type(None)}:
        return False
    return not np.isinf(np.array(flat, dtype=float)).any()


def _cellwise(fn: Callable, actual: Any, plan: Any) -> Any:
    """``fn(actual, plan)`` cell by cell, in the shape of ``actual``; blanks as ``""``."""
    fa, fp = _paired(actual, plan)
    shape = _shape_of(actual)
    out = ["" if x is None else x for x in map(fn, fa, fp)]
    if shape[0] == "grid" and shape[2] == 1:
        return [[x] for x in out]
    return _reshape(out, actual, shape)


@xw.func(category="pacxl")
@xw.arg("actual", ndim=2, doc="Actual figures (réalisé): a cell or a range")
@xw.arg("plan", ndim=2, doc="Planned figures (prévu): same size as actual")
@excel_errors
def PAC_VARIANCE(actual, plan):
    """Variance (écart) = actual - plan, cell by cell, same shape; blank when a side is blank."""
    return _variance(actual, plan)


@xw.func(category="pacxl")
@xw.arg("actual", ndim=2, doc="Actual figures (réalisé): a cell or a range")
@xw.arg("plan", ndim=2, doc="Planned figures (prévu): same size as actual")
@excel_errors
def PAC_VARIANCE_PCT(actual, plan):
    """Variance % (écart %) = (actual - plan) / |plan|, same shape; blank when plan is 0 or blank."""
    return _variance_pct(actual, plan)


@xw.func(category="pacxl")
@xw.arg("actuals", ndim=1, doc="Monthly actuals (réalisé mensuel), first month first")
@xw.arg("plans", ndim=1, doc="Monthly plan (prévu mensuel), same number of months")
@xw.arg("month", doc="Tracking month (mois de suivi): actuals count through this month")
@xw.arg("kind", doc='Optional: "revenue", "count", "cost" (summed) or "rate" (averaged); taux, CA, coût')
@excel_errors
def PAC_FORECAST(actuals, plans, month, kind=None):
    """Landing forecast (atterrissage): actual to date + plan of the remaining months (for
    rates, their average). Blank when there is no actual to date."""
    return _forecast(actuals, plans, month, kind)


@xw.func(category="pacxl")
@xw.arg("revenue", doc="Revenue goal (CA visé)")
@xw.arg("avg_deal", doc="Average deal value (panier moyen), above 0")
@excel_errors
def PAC_DEALS(revenue, avg_deal):
    """Deals to sign (affaires à signer) to reach a revenue goal: ceil(revenue / average deal)."""
    return _deals(revenue, avg_deal)


@xw.func(category="pacxl")
@xw.arg("amounts", ndim=1, doc="Deal amounts (montants des affaires)")
@xw.arg("probabilities", ndim=1, doc="Probabilities (probabilités): 0.4 or 40 for 40 %")
@xw.arg("close_dates", ndim=1, doc="Expected close dates (dates de signature prévues)")
@xw.arg("statuses", ndim=1, doc="Statuses: open (En cours), Won/Gagné, Lost/Perdu; blank is open")
@xw.arg("year", doc="The plan's year (année du plan)")
@xw.arg("first_month", doc="Optional: the calendar month the plan year starts with (1 by default)")
@excel_errors
def PAC_PIPELINE_WEIGHTED(amounts, probabilities, close_dates, statuses, year, first_month=None):
    """Weighted pipeline (pipeline pondéré): amount x probability of the open deals expected to
    close within the plan year."""
    return _pipeline_weighted(amounts, probabilities, close_dates, statuses, year, first_month)


@xw.func(category="pacxl")
@xw.arg("weighted", doc="Weighted pipeline (pipeline pondéré), e.g. PAC_PIPELINE_WEIGHTED(...)")
@xw.arg("revenue_target", doc="Revenue goal of the year (objectif de CA)")
@xw.arg("revenue_to_date", doc="Optional: revenue to date (CA réalisé à date), blank counts 0")
@excel_errors
def PAC_PIPELINE_COVERAGE(weighted, revenue_target, revenue_to_date=None):
    """Pipeline coverage (couverture): weighted pipeline / (revenue goal - revenue to date);
    blank when nothing is left to cover."""
    return _pipeline_coverage(weighted, revenue_target, revenue_to_date)


@xw.func(category="pacxl")
@xw.arg("values", ndim=1, doc="What the ABC classes rank: revenue (CA) or gross margin (marge), per customer")
@xw.arg("potentials", ndim=1, doc="Potential (potentiel) per customer; blank: no potential class")
@xw.arg("amounts", ndim=1, doc="Optional: the revenue summed in the matrix (défaut: values)")
@xw.arg("a_share", doc="Optional: cumulative share closing class A (défaut 0.80)")
@xw.arg("b_share", doc="Optional: cumulative share closing class B (défaut 0.95)")
@excel_errors
def PAC_ABC_MATRIX(values, potentials, amounts=None, a_share=None, b_share=None):
    """Cross ABC (ABC croisé): 6 rows x 3 columns, rows the current class A, B, C (customers
    counted, then their revenue), columns the potential class A, B, C."""
    return _abc_matrix(values, potentials, amounts, a_share, b_share)


@xw.func(category="pacxl")
@xw.arg("previous", ndim=1, doc="Revenue N-1 (CA de l'an dernier) per customer")
@xw.arg("current", ndim=1, doc="Revenue (CA de l'année) per customer, in the same order")
@excel_errors
def PAC_RETENTION(previous, current):
    """Retention (fidélisation), one column of 9: customers kept, lost, new; revenue N-1 of last
    year's customers, revenue of the kept, revenue N-1 of the lost, revenue of the new; revenue
    retention; churn rate. Blank while no customer has a revenue N-1."""
    return _retention(previous, current)


@xw.func(category="pacxl")
@xw.arg("classes", ndim=1, doc="ABC class of each customer (classe ABC), e.g. the table's column")
@xw.arg("visits", ndim=1, doc="Visits or calls per customer a year for class A, B, C (3 cells)")
@excel_errors
def PAC_COVERAGE_MEETINGS(classes, visits):
    """Coverage plan (plan de couverture): the meetings a year the customer base needs, customers
    of each class x that class's visits per customer (a blank counts 0)."""
    return _coverage_meetings(classes, visits)
