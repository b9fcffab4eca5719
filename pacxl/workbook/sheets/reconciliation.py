"""Rapprochement / Reconciliation (``pacxl consolidate --against TEAM.xlsx``): each salesperson's
plan against their allocation of the team's target, per segment, with the totals per salesperson
and per segment, the segment mix, and the observed conversion rates beside the team's.

The inputs (plans, team targets, allocations, stage actuals) are what consolidate read, written
as values; every other figure is a native formula, twin of :mod:`pacxl.calc.reconcile`:

=====================================  ==================================================
native formula                         calc function
=====================================  ==================================================
tblReconciliation allocation           :func:`pacxl.calc.reconcile.allocated`
tblReconciliation gap, gap_pct         :func:`~pacxl.calc.reconcile.gap`, ``gap_pct``
by salesperson, by segment, total      :func:`pacxl.calc.reconcile.totals`
mix (plan share, team share)           :func:`pacxl.calc.reconcile.mix`
tblReconciliationRates observed        :func:`pacxl.calc.reconcile.observed_from_totals`
=====================================  ==================================================

Totals compare names with ``=`` inside SUMPRODUCT (no wildcard, case ignored); names are written
with one spelling each, so they group as calc's keys do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo

from ..cells import put
from ..contract import column_name
from ..contract_reconcile import RATES, RECONCILIATION, SHEET
from ..i18n import text
from ..styles import Styles
from ..tables import set_name
from ._common import print_setup, protect, quote

HEADER = 4


@dataclass(frozen=True)
class Inputs:
    """What consolidate gives the sheet."""

    lines: Sequence  #: calc.reconcile.Line (person, segment, plan, team_target, share, amount)
    stages: Sequence[tuple[str, str, object]]  #: (salesperson, stage, actual to date)
    people: Sequence[str]  #: salespeople, in order
    segments: Sequence[str]  #: segments, in order
    source: str  #: the team plan's file name


def _line_formulas(r: int) -> dict[str, str]:
    return {
        "allocation": f'=IF(AND(NOT(ISNUMBER(E{r})),NOT(ISNUMBER(F{r}))),"",'
                      f'IF(ISNUMBER(E{r}),E{r}*N(D{r}),0)+IF(ISNUMBER(F{r}),F{r},0))',
        "gap": f'=IF(A{r}="","",N(C{r})-IF(ISNUMBER(G{r}),G{r},0))',
        "gap_pct": f'=IF(ISNUMBER(G{r}),IF(G{r}=0,"",H{r}/G{r}),"")',
    }


def _rate_formulas(r: int) -> dict[str, str]:
    nxt = r + 1
    rate = f"INDEX(PAC_FunnelRates,MATCH(B{r},PAC_FunnelStages,0))"
    return {
        "observed": f'=IF(A{nxt}<>A{r},"",IF(AND(ISNUMBER(C{r}),ISNUMBER(C{nxt})),IF(C{r}=0,"",C{nxt}/C{r}),""))',
        "assumed": f'=IF(A{nxt}<>A{r},"",IFERROR(IF(ISNUMBER({rate}),{rate},""),""))',
        "difference": f'=IF(AND(ISNUMBER(D{r}),ISNUMBER(E{r})),D{r}-E{r},"")',
    }


def _table(ws, spec, header: int, n: int, st: Styles, lang: str) -> None:
    last_col = get_column_letter(len(spec.columns))
    tbl = Table(displayName=spec.name, ref=f"A{header}:{last_col}{header + max(n, 1)}")
    tbl.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
    ws.add_table(tbl)
    for c, col in enumerate(spec.columns, start=1):
        st.header(ws.cell(row=header, column=c, value=col.header(lang)))
        letter = get_column_letter(c)
        set_name(ws.parent, column_name(spec.name, col.key),
                 f"{quote(ws.title)}!${letter}${header + 1}:${letter}${header + max(n, 1)}")
    ws.row_dimensions[header].height = 32


def build(wb, inputs: Inputs, lang: str, currency: str, index: int | None = None):
    """Add the Reconciliation sheet to ``wb`` (at position ``index``, default last)."""
    st = Styles(currency, lang)
    ws = wb.create_sheet(SHEET[lang], index)
    ws.sheet_view.showGridLines = False
    ws.sheet_view.zoomScale = 90

    def t(key: str, **kw) -> str:
        s = text(key, lang)
        return s.format(**kw) if kw else s

    ws["A1"] = t("rc_title")
    st.title(ws["A1"])
    ws.row_dimensions[1].height = 24
    put(ws, 2, 1, t("rc_help", file=inputs.source).replace(" .", "."))  # no file: a plan read back
    st.subtitle(ws["A2"])

    # the lines -------------------------------------------------------------------------------
    _table(ws, RECONCILIATION, HEADER, len(inputs.lines), st, lang)
    fmts = {"plan": "money", "team_target": "money", "share": "pct", "amount": "money",
            "allocation": "money", "gap": "money_signed", "gap_pct": "pct_signed"}
    for i, ln in enumerate(inputs.lines):
        r = HEADER + 1 + i
        values = {"salesperson": ln.person, "segment": ln.segment, "plan": ln.plan,
                  "team_target": ln.team_target, "share": ln.share, "amount": ln.amount}
        values.update(_line_formulas(r))
        for c, col in enumerate(RECONCILIATION.columns, start=1):
            v = values[col.key]
            cell = put(ws, r, c, v) if col.key in ("salesperson", "segment") else ws.cell(row=r, column=c, value=v)
            st.computed(cell, fmts.get(col.key), bold=col.key == "gap")
    last = HEADER + max(len(inputs.lines), 1)
    names = {k: column_name("tblReconciliation", k) for k in ("salesperson", "segment", "plan", "allocation")}

    def sums(r: int, by: str) -> list[str]:
        match = f"--({names[by]}=A{r})"
        return [f"=SUMPRODUCT({match},{names['plan']})",
                f'=IF(SUMPRODUCT({match},--ISNUMBER({names["allocation"]}))=0,"",'
                f"SUMPRODUCT({match},{names['allocation']}))",
                f"=B{r}-IF(ISNUMBER(C{r}),C{r},0)",
                f'=IF(ISNUMBER(C{r}),IF(C{r}=0,"",D{r}/C{r}),"")']

    def heads(r: int, keys: Sequence[str]) -> None:
        for c, key in enumerate(keys, start=1):
            st.header(ws.cell(row=r, column=c, value=t(key)))
        ws.row_dimensions[r].height = 32

    total_fmts = ("money", "money", "money_signed", "pct_signed")

    # by salesperson -------------------------------------------------------------------------
    r = last + 2
    st.section(ws.cell(row=r, column=1, value=t("rc_people")))
    heads(r + 1, ("rc_salesperson", "rc_plan", "rc_allocation", "rc_gap", "rc_gap_pct"))
    p_first = r + 2
    for i, name in enumerate(inputs.people):
        row = p_first + i
        st.label(put(ws, row, 1, name))
        for c, (f, fmt) in enumerate(zip(sums(row, "salesperson"), total_fmts), start=2):
            st.computed(ws.cell(row=row, column=c, value=f), fmt)
    p_last = p_first + max(len(inputs.people), 1) - 1
    set_name(wb, "PAC_ReconciliationPeople", f"{quote(ws.title)}!$A${p_first}:$E${p_last}")

    # by segment, mix --------------------------------------------------------------------------
    r = p_last + 2
    st.section(ws.cell(row=r, column=1, value=t("rc_segments")))
    heads(r + 1, ("rc_segment", "rc_plan", "rc_allocation", "rc_gap", "rc_gap_pct", "rc_team_target",
                  "rc_plan_share", "rc_team_share", "rc_mix_gap"))
    s_first = r + 2
    s_last = s_first + max(len(inputs.segments), 1) - 1
    team_col = column_name("tblReconciliation", "team_target")
    for i, name in enumerate(inputs.segments):
        row = s_first + i
        st.label(put(ws, row, 1, name))
        for c, (f, fmt) in enumerate(zip(sums(row, "segment"), total_fmts), start=2):
            st.computed(ws.cell(row=row, column=c, value=f), fmt)
        extra = (
            (f"=N(INDEX({team_col},MATCH(A{row},{names['segment']},0)))", "money"),
            (f'=IF(SUM({names["plan"]})=0,"",B{row}/SUM({names["plan"]}))', "pct"),
            (f'=IF(SUM($F${s_first}:$F${s_last})=0,"",F{row}/SUM($F${s_first}:$F${s_last}))', "pct"),
            (f'=IF(AND(ISNUMBER(G{row}),ISNUMBER(H{row})),G{row}-H{row},"")', "pct_signed"),
        )
        for c, (f, fmt) in enumerate(extra, start=6):
            st.computed(ws.cell(row=row, column=c, value=f), fmt)
    set_name(wb, "PAC_ReconciliationSegments", f"{quote(ws.title)}!$A${s_first}:$I${s_last}")
    tot = s_last + 1
    st.label(ws.cell(row=tot, column=1, value=t("rc_total")))
    total = (f"=SUM({names['plan']})", f'=IF(COUNT({names["allocation"]})=0,"",SUM({names["allocation"]}))',
             f"=B{tot}-IF(ISNUMBER(C{tot}),C{tot},0)", f'=IF(ISNUMBER(C{tot}),IF(C{tot}=0,"",D{tot}/C{tot}),"")')
    for c, (f, fmt) in enumerate(zip(total, total_fmts), start=2):
        st.computed(ws.cell(row=tot, column=c, value=f), fmt, bold=True)
    set_name(wb, "PAC_ReconciliationTotal", f"{quote(ws.title)}!$A${tot}:$E${tot}")

    # observed rates ---------------------------------------------------------------------------
    if inputs.stages:
        r = tot + 2
        st.section(ws.cell(row=r, column=1, value=t("rc_rates")))
        header = r + 1
        _table(ws, RATES, header, len(inputs.stages), st, lang)
        rfmts = {"actual": "int", "observed": "pct", "assumed": "pct", "difference": "pct_signed"}
        for i, (person, stage, actual) in enumerate(inputs.stages):
            row = header + 1 + i
            values = {"salesperson": person, "stage": stage, "actual": actual}
            values.update(_rate_formulas(row))
            for c, col in enumerate(RATES.columns, start=1):
                v = values[col.key]
                cell = put(ws, row, c, v) if col.key in ("salesperson", "stage") else ws.cell(row=row, column=c, value=v)
                st.computed(cell, rfmts.get(col.key))

    for letter, w in zip("ABCDEFGHI", (24, 24, 16, 18, 12, 16, 16, 14, 14)):
        ws.column_dimensions[letter].width = w
    ws.freeze_panes = f"A{HEADER + 1}"
    ws.sheet_properties.tabColor = "A9C4EB"
    print_setup(ws, landscape=True, fit_height=0, title_rows=f"{HEADER}:{HEADER}")
    protect(ws)
    return ws
