"""Révisions / Revisions (tblRevisions) and Référence / Baseline (tblBaseline, hidden).

* **Revisions** (visible, protected, its table open for typing): one row per value changed after
  the plan was frozen: date, ID, field (cible/target, prévu/plan, budget), plan month, old and
  new value, reason, author. ``pacxl revise`` appends to it; the owner may type rows by hand.
* **Baseline** (hidden and protected, no password): the approved plan ``pacxl freeze`` recorded,
  its date in ``PAC_BaselineDate`` and its values in ``tblBaseline`` (kind, id, field, month,
  value). The KPI and Budget sheets read it (``initial_year``, ``initial_total``). It is hidden,
  not very hidden, so that an auditor can unhide it from Excel's menu (Format > Hide & Unhide);
  protected so that a slip does not change the approved plan.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from ..cells import put
from ..contract import FIELD_WORDS, MONTHS, REVISIONS, word_key
from ..i18n import text
from ._common import Context, fit_rows, print_setup, protect

ROLE = "revisions"
BASELINE_ROLE = "baseline"
TABLE = "tblRevisions"
BASELINE_TABLE = "tblBaseline"

def word(key: str, lang: str) -> str:
    return text(key, lang)


def field_word(field: str, lang: str) -> str:
    """The word of a revision's field in the workbook (cible, prévu, budget...)."""
    return FIELD_WORDS.get(field, {}).get(lang, field)


def field_key(text: object) -> str:
    """A field word typed in either language -> its key (target, plan, budget); other text is
    returned stripped and lowered (it then matches no baseline value)."""
    return word_key(text, FIELD_WORDS)


def build(ctx: Context) -> None:
    _revisions(ctx)
    _baseline(ctx)


def _heading(ctx: Context, ws, title: str, help_: str) -> None:
    ws["A1"] = word(title, ctx.lang)
    ctx.st.title(ws["A1"])
    ws.row_dimensions[1].height = 24
    ws["A2"] = word(help_, ctx.lang)
    ctx.st.subtitle(ws["A2"])


def _revisions(ctx: Context) -> None:
    ws = ctx.sheet(ROLE)
    st, lang = ctx.st, ctx.lang
    _heading(ctx, ws, "rev_title", "rev_help")
    st.label(ws.cell(row=3, column=1, value=word("rev_frozen", lang)))
    frozen = ws.cell(row=3, column=2, value="=IF(ISNUMBER(PAC_BaselineDate),PAC_BaselineDate,\"\")")
    st.computed(frozen, "date")
    rows = [{"date": r.date, "id": r.id or None, "field": field_word(r.field, lang) or None, "month": r.month,
             "old": r.old, "new": r.new, "reason": r.reason or None, "author": r.author or None}
            for r in ctx.plan.revisions]
    formats = {"date": "date", "id": "id", "month": None, "old": None, "new": None}  # General: amounts and rates alike
    widths = {"date": 12, "id": 13, "field": 10, "month": 8, "old": 14, "new": 14, "reason": 48, "author": 16}
    first, header = ctx.table(ws, TABLE, rows, formats=formats, widths=widths, wrap=("reason",))
    fit_rows(ws, first, rows, {**widths, "reason": 38}, ("reason",))  # (a margin: wrapping varies)

    def rng(key: str) -> str:
        letter = get_column_letter(REVISIONS.index(key) + 1)
        return f"{letter}{first}:{letter}{first}"

    ctx.list_validation(ws, rng("field"), "", "dv_revision_field", values=[FIELD_WORDS[k][lang] for k in FIELD_WORDS])
    ctx.value_validation(ws, rng("date"), "date", "dv_date", 36526, 73051)
    ctx.value_validation(ws, rng("month"), "whole", "dv_plan_month", 1, MONTHS)
    ws.freeze_panes = f"A{first}"
    print_setup(ws, landscape=True, title_rows=f"{header}:{header}")
    protect(ws)


def _baseline(ctx: Context) -> None:
    ws = ctx.sheet(BASELINE_ROLE)
    st, lang = ctx.st, ctx.lang
    _heading(ctx, ws, "base_title", "base_help")
    st.label(ws.cell(row=3, column=1, value=word("base_date", lang)))
    date = put(ws, 3, 2, ctx.plan.baseline.date)
    st.computed(date, "date", bold=True)
    ctx.name("PAC_BaselineDate", BASELINE_ROLE, "B3")
    rows = [{"kind": e.kind, "id": e.id, "field": e.field, "month": e.month, "value": e.value}
            for e in ctx.plan.baseline.entries]
    formats = {"id": "id", "value": None}
    widths = {"kind": 12, "id": 12, "field": 9, "month": 7, "value": 14}
    first, header = ctx.table(ws, BASELINE_TABLE, rows, formats=formats, widths=widths)
    for c in range(1, len(widths) + 1):  # nothing here is typed: every cell stays locked
        cell = ws.cell(row=first, column=c)
        fmt = {2: "id"}.get(c)
        st.computed(cell, fmt)
    ws.sheet_state = "hidden"
    protect(ws)
