"""Pure computations of the PAC: the single source of truth for every figure.

No openpyxl and no xlwings here: the workbook's native formulas, the UDFs, the importers and the
reports all compute through these functions (see docs/calc.md for the exact semantics).
"""

from .funnel import (
    deals_for_revenue,
    funnel_calendar,
    per_period,
    required_volumes,
)
from .budget import action_budgets, line_figures, spread_evenly, totals as budget_totals
from .dates import as_of_date, deadline_month, is_late, month_end, month_start, plan_month_of, plan_period
from .kpi import Series, is_qualitative, kpi_figures, landing_until, measuring_kpi, on_track, ratio
from .pareto import AbcResult, abc_classes, abc_summary, segment_shares
from . import followup, seasonality, workdays  # noqa: F401  (follow and adjust)
from .variance import (
    KPI_KINDS,
    favourable,
    landing_forecast,
    run_rate_forecast,
    variance,
    variance_pct,
    year_to_date,
)

__all__ = [
    "Series",
    "action_budgets",
    "as_of_date",
    "budget_totals",
    "deadline_month",
    "is_late",
    "is_qualitative",
    "kpi_figures",
    "landing_until",
    "line_figures",
    "measuring_kpi",
    "month_end",
    "month_start",
    "on_track",
    "plan_month_of",
    "plan_period",
    "ratio",
    "segment_shares",
    "spread_evenly",
    "AbcResult",
    "KPI_KINDS",
    "abc_classes",
    "abc_summary",
    "deals_for_revenue",
    "favourable",
    "funnel_calendar",
    "landing_forecast",
    "per_period",
    "required_volumes",
    "run_rate_forecast",
    "variance",
    "variance_pct",
    "year_to_date",
]
