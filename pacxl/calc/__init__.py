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
from .pareto import AbcResult, abc_classes, abc_summary
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
