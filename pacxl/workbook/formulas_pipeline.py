"""Native twins of :mod:`pacxl.calc.pipeline`: tblPipeline's computed columns and the Pipeline
sheet's figures.

Classic functions only (IF, AND, SUM, SUMIF(S), COUNTIF, SUMPRODUCT, TRIM, INDEX, ROUND, ROUNDUP,
YEAR, MONTH, INT), no volatile function (the as-of date is ``PAC_AsOf``, never ``TODAY()``).

=====================================  ==================================================
native formula                         calc function
=====================================  ==================================================
tblPipeline h_open/h_value/weighted    :func:`pacxl.calc.pipeline.deal_figures`
tblPipeline h_month/h_past/age         :func:`pacxl.calc.pipeline.deal_figures`
``PAC_PipelineWeighted``               :func:`pacxl.calc.pipeline.weighted_pipeline`
``PAC_PipelineCoverage``               :func:`pacxl.calc.pipeline.coverage`
``PAC_PipelineByStage``                :func:`pacxl.calc.pipeline.by_stage`, ``stage_need``
``PAC_PipelineByMonth``                :func:`pacxl.calc.pipeline.by_month`
=====================================  ==================================================
"""

from __future__ import annotations

from ..calc.pipeline import MONTHS, STATUS_WORDS
from .contract import column_name
from .formulas import _q

_T = "tblPipeline"
#: The plan-month numbers 1..12 as a vertical array constant (PAC_Seasonality is a column).
_VSEQ = "{" + ";".join(str(i) for i in range(1, MONTHS + 1)) + "}"


def n(key: str) -> str:
    """The defined name of a tblPipeline column's body."""
    return column_name(_T, key)


def _closed(cell: str) -> str:
    """TRUE when a status cell holds a won or lost word of either language (twin of
    :func:`pacxl.calc.pipeline.status_key`)."""
    words = [w for lang in STATUS_WORDS.values() for w in lang[1:]]
    return "OR(" + ",".join(f"TRIM({cell})={_q(w)}" for w in words) + ")"


def _weight(cell: str) -> str:
    """Twin of :func:`pacxl.calc.pipeline.weight`."""
    return f"IF(AND(ISNUMBER({cell}),{cell}>=0,{cell}<=100),IF({cell}>1,{cell}/100,{cell}),0)"


def pipeline_columns(g, lang: str) -> dict:
    """Formula makers of tblPipeline's computed columns (``g``: the table's Geometry)."""
    c = g.letters

    def at(key: str, r: int) -> str:
        return f"{c[key]}{r}"

    def h_open(r, _f, _l):
        return f"=IF(AND(ISNUMBER({at('amount', r)}),NOT({_closed(at('status', r))})),1,0)"

    def h_value(r, _f, _l):
        return f"=IF({at('h_open', r)}=1,{at('amount', r)},0)"

    def weighted(r, _f, _l):
        return f'=IF({at("h_open", r)}=1,{at("amount", r)}*{_weight(at("probability", r))},"")'

    def h_weighted(r, _f, _l):
        return f"=IF({at('h_open', r)}=1,{at('weighted', r)},0)"

    def h_month(r, _f, _l):
        d = at("close", r)
        return (f'=IF(AND({at("h_open", r)}=1,ISNUMBER({d})),'
                f'(YEAR({d})-PAC_Year)*12+MONTH({d})-PAC_FirstMonth+1,"")')

    def h_past(r, _f, _l):
        d = at("close", r)
        return (f"=IF(AND({at('h_open', r)}=1,ISNUMBER({d}),ISNUMBER(PAC_AsOf)),"
                f"IF(INT({d})<INT(PAC_AsOf),1,0),0)")

    def age(r, _f, _l):
        d = at("created", r)
        return (f'=IF(AND({at("h_open", r)}=1,ISNUMBER({d}),ISNUMBER(PAC_AsOf)),'
                f'IF(INT({d})<=INT(PAC_AsOf),INT(PAC_AsOf)-INT({d}),""),"")')

    return {"weighted": weighted, "age": age, "h_open": h_open, "h_value": h_value,
            "h_weighted": h_weighted, "h_month": h_month, "h_past": h_past}


# --- the sheet's figures --------------------------------------------------------------------------

def open_count() -> str:
    return f"=SUM({n('h_open')})"


def open_value() -> str:
    return f"=SUM({n('h_value')})"


def open_weighted() -> str:
    """The weighted value of every open deal, whatever its close date."""
    return f"=SUM({n('h_weighted')})"


def weighted_pipeline() -> str:
    """``PAC_PipelineWeighted``."""
    return f'=SUMIFS({n("h_weighted")},{n("h_month")},">=1",{n("h_month")},"<={MONTHS}")'


def revenue_to_date() -> str:
    """The revenue KPIs' actuals to date: the dashboard's figure (``db_revenue_actual_ytd``)."""
    return (f"=SUMIF({column_name('tblKPI', 'kind')},INDEX(PAC_KPIKinds,1),"
            f"{column_name('tblKPI', 'actual_ytd')})")


def remaining(to_date: str) -> str:
    """Twin of :func:`pacxl.calc.pipeline.remaining`."""
    return f'=IF(ISNUMBER(PAC_RevenueTarget),PAC_RevenueTarget-N({to_date}),"")'


def coverage(left: str) -> str:
    """``PAC_PipelineCoverage``: twin of :func:`pacxl.calc.pipeline.coverage`."""
    return f'=IF(ISNUMBER({left}),IF(ROUND({left},9)>0,PAC_PipelineWeighted/{left},""),"")'


def age_average() -> str:
    return f'=IF(COUNT({n("age")})>0,AVERAGE({n("age")}),"")'


def age_oldest() -> str:
    return f'=IF(COUNT({n("age")})>0,MAX({n("age")}),"")'


def past_count() -> str:
    return f"=SUM({n('h_past')})"


def past_value() -> str:
    return f"=SUMIF({n('h_past')},1,{n('h_value')})"


def remaining_share() -> str:
    """Twin of :func:`pacxl.calc.pipeline.remaining_share` at ``PAC_Month``."""
    return f"=SUMPRODUCT(({_VSEQ}>N(PAC_Month))*PAC_Seasonality)"


def stage_name(i: int) -> str:
    return f'=IF(INDEX(PAC_FunnelStages,{i})="","",INDEX(PAC_FunnelStages,{i}))'


def stage_figure(key: str, name: str) -> str:
    """Open deals of the stage named in cell ``name``: ``count``, ``value`` or ``weighted``."""
    helper = {"count": "h_open", "value": "h_value", "weighted": "h_weighted"}[key]
    return f'=IF({name}="","",SUMPRODUCT((TRIM({n("stage")})=TRIM({name}))*{n(helper)}))'


def stage_need(i: int, name: str, share: str) -> str:
    """Twin of :func:`pacxl.calc.pipeline.stage_need`: the stage's yearly volume x the share of
    the year left, rounded up."""
    vol = f"INDEX(PAC_FunnelVolumes,{i})"
    return f'=IF(OR({name}="",NOT(ISNUMBER({vol}))),"",ROUNDUP(ROUND({vol}*{share},9),0))'


def other_stages(total: str, stage_cells: str) -> str:
    """The open deals of stages the funnel does not name: the total less the named stages'."""
    return f"={total}-SUM({stage_cells})"


def month_figure(key: str, month_cell: str) -> str:
    """Open deals expected to close in the plan month of ``month_cell``."""
    if key == "count":
        return f"=COUNTIF({n('h_month')},{month_cell})"
    helper = "h_value" if key == "value" else "h_weighted"
    return f"=SUMIF({n('h_month')},{month_cell},{n(helper)})"
