"""Équipe / Team: the salespeople (tblTeam) and who carries which part of each segment's revenue
target (tblAllocation), with a summary: the share allocated per segment (must be 100 %) and the
target of each salesperson (twins of :mod:`pacxl.calc.team`). ``pacxl split`` reads it.

Layout: tblTeam at A (columns after its inputs, up to I, are left for capacity columns),
tblAllocation from K, the summary from Q.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from .. import formulas_team as F
from ..contract import ALLOCATION, BUSINESS_WORDS, word_key
from . import targets as targets_sheet
from ._common import HEADER_ROW, MIN_ROWS, Context, model_row, print_setup, protect

ROLE = "team"
ALLOC_COL = 11  # K
SUMMARY_COL = 17  # Q
SEGMENT_ROWS = 10  # as many as PAC_Segments


def business_word(key: str, lang: str) -> str:
    return BUSINESS_WORDS.get(key, {}).get(lang, key)


def business_key(typed: object) -> str:
    """A business word typed in either language -> new / existing; other text stripped."""
    return word_key(typed, BUSINESS_WORDS)


def build(ctx: Context) -> None:
    ws = ctx.sheet(ROLE)
    lang = ctx.lang
    ctx.heading(ws, "team_title", "team_help")
    members = [model_row(m, "tblTeam") for m in ctx.plan.team]
    first, header = ctx.table(ws, "tblTeam", members,
                              formats={"meetings_per_week": None, "share": "pct", "need_per_week": "decimal",
                                       "load": "pct"},
                              widths={"salesperson": 22, "email": 28, "meetings_per_week": 12, "share": 12,
                                      "need_per_week": 13, "load": 10})
    rows = []
    for a in ctx.plan.allocations:
        row = model_row(a, "tblAllocation")
        row["business"] = business_word(a.business, lang) or None
        rows.append(row)
    afirst, _ = ctx.table(ws, "tblAllocation", rows, formats={"share": "pct", "amount": "money"},
                          widths={"salesperson": 22, "segment": 20, "share": 10, "amount": 14, "business": 12},
                          column=ALLOC_COL)
    ws.column_dimensions[get_column_letter(ALLOC_COL - 1)].width = 3

    def col(key: str) -> str:
        return get_column_letter(ALLOC_COL + ALLOCATION.index(key))

    alast = afirst + max(MIN_ROWS["tblAllocation"], len(rows)) - 1
    ctx.list_validation(ws, f"{col('segment')}{afirst}:{col('segment')}{alast}", "PAC_Segments", "team_segment")
    ctx.list_validation(ws, f"{col('business')}{afirst}:{col('business')}{alast}", "", "team_business",
                        values=[BUSINESS_WORDS[k][lang] for k in BUSINESS_WORDS])
    ctx.value_validation(ws, f"{col('share')}{afirst}:{col('share')}{alast}", "decimal", "team_share", 0, 1)
    _summary(ctx, ws, header)
    ws.freeze_panes = f"A{first}"
    print_setup(ws, landscape=True, title_rows=f"{header}:{header}")
    protect(ws)


def _summary(ctx: Context, ws, header: int) -> None:
    """Per segment: target, share allocated, check; per salesperson: target."""
    st = ctx.st
    c0 = SUMMARY_COL
    L = [get_column_letter(c0 + i) for i in range(4)]
    t1, t2 = targets_sheet.HEADER + 1, targets_sheet.HEADER + targets_sheet.CAPACITY
    segments = ctx.ref("targets", f"A{t1}:A{t2}")
    targets = ctx.ref("targets", f"E{t1}:E{t2}")
    for i, key in enumerate(("team_segment", "team_segment_target", "team_allocated", "team_check")):
        st.header(ws.cell(row=header, column=c0 + i, value=ctx.t(key)))
    ok, bad = ctx.t("tg_ok"), ctx.t("team_not_100")
    for i in range(SEGMENT_ROWS):
        r = header + 1 + i
        ws.cell(row=r, column=c0, value=f'=IF(INDEX(PAC_Segments,{i + 1})="","",INDEX(PAC_Segments,{i + 1}))')
        st.computed(ws.cell(row=r, column=c0))
        ws.cell(row=r, column=c0 + 1, value=f'=IF({L[0]}{r}="","",{F.segment_target(f"{L[0]}{r}", segments, targets)})')
        st.computed(ws.cell(row=r, column=c0 + 1), "money")
        ws.cell(row=r, column=c0 + 2, value=F.allocated_share(f"{L[0]}{r}", segments, targets))
        st.computed(ws.cell(row=r, column=c0 + 2), "pct")
        ws.cell(row=r, column=c0 + 3, value=f'=IF({L[2]}{r}="","",IF(ABS({L[2]}{r}-1)<0.0000005,"{ok}","{bad}"))')
        st.computed(ws.cell(row=r, column=c0 + 3))
    top = header + SEGMENT_ROWS + 2
    for i, key in enumerate(("team_salesperson", "team_target", "team_target_new", "team_target_existing")):
        st.header(ws.cell(row=top, column=c0 + i, value=ctx.t(key)))
    tfirst = HEADER_ROW["tblTeam"] + 1
    words = {k: tuple(dict.fromkeys(v.values())) for k, v in BUSINESS_WORDS.items()}
    for i in range(MIN_ROWS["tblTeam"]):
        r = top + 1 + i
        ws.cell(row=r, column=c0, value=f'=IF(A{tfirst + i}="","",A{tfirst + i})')
        st.computed(ws.cell(row=r, column=c0))
        ws.cell(row=r, column=c0 + 1, value=F.salesperson_target(f"{L[0]}{r}", segments, targets))
        st.computed(ws.cell(row=r, column=c0 + 1), "money")
        for j, kind in enumerate(("new", "existing"), start=2):
            ws.cell(row=r, column=c0 + j, value=F.business_target(f"{L[0]}{r}", segments, targets, words[kind]))
            st.computed(ws.cell(row=r, column=c0 + j), "money")
    for letter, w in zip(L, (30, 16, 16, 16)):  # segment names as long as on the Targets sheet
        ws.column_dimensions[letter].width = w
