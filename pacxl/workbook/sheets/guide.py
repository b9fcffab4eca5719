"""Guide: the seven steps of the method, a link to each sheet, the legend of the cells."""

from __future__ import annotations

from openpyxl.styles import Alignment
from openpyxl.worksheet.hyperlink import Hyperlink

from ..cells import write_text
from ._common import MIN_ROWS, Context, print_setup, protect, quote, text_height

ROLE = "guide"
#: (step key, sheet roles it links to)
STEPS = (
    ("step1", ("review",)),
    ("step2", ("swot",)),
    ("step3", ("targets", "customers")),
    ("step4", ("objectives", "team")),
    ("step5", ("funnel", "pipeline")),
    ("step6", ("actions", "calendar", "budget")),
    ("step7", ("kpi", "quarters", "dashboard", "revisions")),
)


WIDTHS = (7, 26, 70, 22)  # columns A:D


def build(ctx: Context) -> None:
    ws = ctx.sheet(ROLE)
    st = ctx.st
    ws["A1"] = ctx.t("guide_title")
    st.title(ws["A1"])
    ws.row_dimensions[1].height = 26
    company = ctx.settings.company
    write_text(ws["A2"], ctx.t("guide_subtitle", year=ctx.settings.year) + (f" - {company}" if company else ""))
    st.subtitle(ws["A2"])
    ws["A3"] = ctx.t("guide_intro")
    ws["A3"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells("A3:D3")
    ws.row_dimensions[3].height = 48

    r = 5
    for c, key in enumerate(("gd_step", "gd_what", "gd_how", "gd_sheets"), start=1):
        st.header(ws.cell(row=r, column=c, value=ctx.t(key)))
    r += 1
    # Settings first (not a step of the method, but filled before them); the UDF sheet, when
    # there is one, with the tracking it cross-checks: every sheet has its link.
    steps = [("step0", ("settings",))] + [
        (key, roles + (("udfs",) if key == "step7" and ctx.udfs else ())) for key, roles in STEPS]
    for n, (key, roles) in enumerate(steps):
        # one alignment for the whole step: every cell at the top of its row, text wrapped
        st.label(ws.cell(row=r, column=1, value=n or None))
        ws.cell(row=r, column=1).alignment = Alignment(horizontal="center", vertical="top")
        name = ctx.t(key + "_name")
        st.label(ws.cell(row=r, column=2, value=name), wrap=True)
        text = ctx.t(key + "_text")
        st.note(ws.cell(row=r, column=3, value=text))
        for i, role in enumerate(roles):
            link = ws.cell(row=r + i, column=4, value="→ " + ctx.title(role))
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"{quote(ctx.title(role))}!A1")
            link.font = st.link_font
            link.alignment = st.top
        # the step's rows share the height its text needs (its links one per row)
        need = max(text_height([(text, WIDTHS[2])]), text_height([(name, WIDTHS[1])]) + 4)
        for i in range(len(roles)):
            ws.row_dimensions[r + i].height = max(15.0, round(need / len(roles) + 0.5))
        if len(roles) > 1:
            for c in (1, 2, 3):
                ws.merge_cells(start_row=r, start_column=c, end_row=r + len(roles) - 1, end_column=c)
        r += len(roles)
    r += 1
    st.section(ws.cell(row=r, column=1, value=ctx.t("gd_legend")))
    r += 1
    sample = ws.cell(row=r, column=2, value=ctx.t("gd_input_sample"))
    st.input(sample)
    st.note(ws.cell(row=r, column=3, value=ctx.t("gd_input_text")))
    r += 1
    sample = ws.cell(row=r, column=2, value=ctx.t("gd_computed_sample"))
    st.computed(sample)
    st.note(ws.cell(row=r, column=3, value=ctx.t("gd_computed_text")))
    r += 2
    st.section(ws.cell(row=r, column=1, value=ctx.t("gd_tips")))
    capacity = {"customers": MIN_ROWS["tblCustomers"], "actions": MIN_ROWS["tblActions"],
                "budget": MIN_ROWS["tblBudget"], "kpi": MIN_ROWS["tblKPI"], "objectives": MIN_ROWS["tblObjectives"]}
    for key in ("gd_tip1", "gd_tip2", "gd_tip3", "gd_tip4", "gd_tip5", "gd_tip6"):
        r += 1
        ws.cell(row=r, column=2, value="•")
        ws.cell(row=r, column=2).alignment = Alignment(horizontal="right", vertical="top")
        tip = ctx.t(key, **capacity) if key == "gd_tip6" else ctx.t(key)
        st.note(ws.cell(row=r, column=3, value=tip))
        ws.merge_cells(start_row=r, start_column=3, end_row=r, end_column=4)
        ws.row_dimensions[r].height = text_height([(tip, WIDTHS[2] + WIDTHS[3])])
    for col, w in zip("ABCD", WIDTHS):
        ws.column_dimensions[col].width = w
    print_setup(ws, landscape=False, fit_height=1)
    protect(ws)
