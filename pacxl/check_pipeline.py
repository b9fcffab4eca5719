"""``check``'s pipeline rules (figures from :mod:`pacxl.pipeline_plan`, rules of
:mod:`pacxl.calc.pipeline`):

* ``pipeline-coverage-low`` (warning): the weighted pipeline of the year covers less than what is
  left of the revenue goal (``PAC_PipelineCoverage`` below 100 %); only for a plan with deals;
* ``pipeline-past-close`` (warning): an open deal whose expected close date is before the as-of
  date, one finding per deal, at its close date;
* ``pipeline-unknown-stage`` (info): a stage of open deals that is none of the funnel's stages
  (``PAC_FunnelStages``), at the first deal in it.
"""

from __future__ import annotations

from .calc.pipeline import deal_figures, text_key
from .pipeline_plan import figures

WARNING, INFO = "warning", "info"


def run(chk) -> None:
    """Add the findings of these rules to the checker ``chk`` (a ``pacxl.check._Checker``)."""
    plan = chk.plan
    if not plan.pipeline:
        return
    fig = figures(plan, chk.s.tracking_month, chk.as_of)
    cov = fig["coverage"]
    if cov is not None and round(cov, 9) < 1:
        chk.add(WARNING, "pipeline-coverage-low", chk.layout.name("PAC_PipelineCoverage"),
                weighted=chk.money(fig["weighted"]), coverage=chk.pct(cov), remaining=chk.money(fig["remaining"]))
    for i in fig["past_close"]["rows"]:
        d = plan.pipeline[i]
        chk.add(WARNING, "pipeline-past-close", chk.at("tblPipeline", i, "close"),
                deal=d.deal or d.account or chk.row(i), amount=chk.money(float(d.amount)), date=chk.date(d.close))
    stages = [s for s in plan.settings.funnel_stages if str(s).strip()]
    for name in fig["unknown_stages"]:
        rows = [i for i, d in enumerate(plan.pipeline) if text_key(d.stage) == text_key(name)]
        s = plan.settings
        n = sum(1 for i in rows if deal_figures(plan.pipeline[i], s.year, s.first_month, chk.as_of)["open"])
        chk.add(INFO, "pipeline-unknown-stage", chk.at("tblPipeline", rows[0], "stage"), stage=f"« {name} »"
                if chk.lang == "fr" else f'"{name}"', n=n, stages=", ".join(stages))
