"""Trimestres / Quarters: the plan by plan quarter (Q1 = plan months 1-3, from the first month).

Two blocks, every cell a formula (twins of :mod:`pacxl.calc.followup`, written by
:mod:`pacxl.workbook.formulas_followup`):

* **Budget by category** (top, fixed size: one row per entry of ``PAC_BudgetCategories``, then the
  total of every line): each quarter's plan and plan to date. The budget has one actual per line
  (spent to date), not one per month, so a quarter has no actual: the year to date's plan, spent
  and variance close the block.
* **KPIs** (below, one row per tblKPI row, in its order): each quarter's plan, plan to date, actual,
  variance and variance %. Actual and plan to date stop at ``PAC_Month``; a quarter not started
  shows its plan only. :func:`resize` keeps one row per tblKPI row whenever
  :func:`pacxl.workbook.tables.write_rows` resizes the KPI table.

``PAC_QuartersBudget`` and ``PAC_QuartersKPI`` name the two blocks' bodies (columns in the order of
:data:`BUDGET_COLUMNS` and :data:`KPI_COLUMNS`).
"""

from __future__ import annotations

from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.formatting.rule import FormulaRule, Rule
from openpyxl.styles import Font
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.styles.numbers import NumberFormat
from openpyxl.utils import get_column_letter

from .. import styles as S
from ..contract import SHEETS
from ..formulas_followup import (
    QUARTER_FIGURES,
    budget_quarter,
    budget_year,
    kpi_label,
    quarter_helpers,
    quarter_kpi,
)
from ..i18n import month_labels, text
from ..styles import Styles
from ..tables import set_name
from ._common import Context, print_setup, protect
from .settings import LISTS

ROLE = "quarters"
QUARTERS = 4
CATEGORIES = next(cap for name, *_, cap in LISTS if name == "PAC_BudgetCategories")

FIG = 3  # first figure column (C)
# budget block
B_SECTION, B_NOTE, B_QROW, B_HEADER = 5, 6, 7, 8
B_FIRST = B_HEADER + 1
B_TOTAL = B_FIRST + CATEGORIES
#: budget block columns from B: category, (plan, plan to date) per quarter, then the year to date
BUDGET_COLUMNS = ("category",
                  *(f"q{q}_{f}" for q in range(1, QUARTERS + 1) for f in ("plan", "plan_to_date")),
                  "plan_ytd", "actual", "variance")
B_YEAR = FIG + 2 * QUARTERS  # first year-to-date column
# KPI block
K_SECTION = B_TOTAL + 2
K_QROW, K_HEADER = K_SECTION + 1, K_SECTION + 2
K_FIRST = K_HEADER + 1
#: KPI block columns from A: ID, name, then the figures of each quarter
KPI_COLUMNS = ("id", "name", *(f"q{q}_{f}" for q in range(1, QUARTERS + 1) for f in QUARTER_FIGURES))
K_LAST = FIG + QUARTERS * len(QUARTER_FIGURES) - 1
HELPERS = ("rate", "cost", "ratio", "num", "den")
H_FIRST = K_LAST + 2  # hidden helper columns after a spacer


def kpi_col(q: int, figure: str) -> int:
    return FIG + (q - 1) * len(QUARTER_FIGURES) + QUARTER_FIGURES.index(figure)


def _quarter_label(lang: str, q: int, first_month: int | None = None, year: int | None = None) -> str:
    a = 3 * q - 2
    if first_month is None:
        return text("qt_quarter_short", lang).format(q=q, first=a, last=a + 2)
    months = month_labels(lang, first_month, year)
    return text("qt_quarter", lang).format(q=q, first=months[a - 1], last=months[a + 1])


def build(ctx: Context) -> None:
    ws = ctx.sheet(ROLE)
    st = ctx.st
    s = ctx.settings
    ctx.heading(ws, "qt_title", "qt_help")
    st.label(ws.cell(row=3, column=2, value=ctx.t("kpi_month_is")))
    st.computed(ws.cell(row=3, column=FIG, value="=PAC_Month"), bold=True)

    # budget by category
    st.section(ws.cell(row=B_SECTION, column=2, value=ctx.t("qt_budget_section", currency=s.currency)))
    st.subtitle(ws.cell(row=B_NOTE, column=2, value=ctx.t("qt_budget_note")))
    for q in range(1, QUARTERS + 1):
        c = FIG + 2 * (q - 1)
        _group(ws, st, B_QROW, c, 2, _quarter_label(ctx.lang, q, s.first_month, s.year))
        st.header(ws.cell(row=B_HEADER, column=c, value=ctx.t("qt_plan")))
        st.header(ws.cell(row=B_HEADER, column=c + 1, value=ctx.t("qt_plan_to_date")))
    _group(ws, st, B_QROW, B_YEAR, 3, ctx.t("qt_year_to_date"))
    for i, key in enumerate(("qt_plan_to_date", "qt_spent", "qt_variance")):
        st.header(ws.cell(row=B_HEADER, column=B_YEAR + i, value=ctx.t(key)))
    st.header(ws.cell(row=B_HEADER, column=2, value=ctx.t("qt_category")))
    for i in range(CATEGORIES + 1):
        r = B_FIRST + i
        total = r == B_TOTAL
        cat = None if total else f"$B{r}"
        if total:
            st.computed(ws.cell(row=r, column=2, value=ctx.t("qt_total")), bold=True)
        else:
            ref = f"INDEX(PAC_BudgetCategories,{i + 1})"
            st.computed(ws.cell(row=r, column=2, value=f'=IF({ref}="","",{ref})'))
        for q in range(1, QUARTERS + 1):
            c = FIG + 2 * (q - 1)
            st.computed(ws.cell(row=r, column=c, value=budget_quarter("plan", q, cat)), "int", bold=total)
            st.computed(ws.cell(row=r, column=c + 1, value=budget_quarter("plan_to_date", q, cat)), "int",
                        bold=total)
        p, a = get_column_letter(B_YEAR), get_column_letter(B_YEAR + 1)
        st.computed(ws.cell(row=r, column=B_YEAR, value=budget_year("plan_ytd", cat)), "int", bold=total)
        st.computed(ws.cell(row=r, column=B_YEAR + 1, value=budget_year("actual", cat)), "int", bold=total)
        var = f'=IF(AND(ISNUMBER({p}{r}),ISNUMBER({a}{r})),{a}{r}-{p}{r},"")'
        st.computed(ws.cell(row=r, column=B_YEAR + 2, value=var), "signed", bold=total)
    ctx.name("PAC_QuartersBudget", ROLE, f"B{B_FIRST}:{get_column_letter(B_YEAR + 2)}{B_TOTAL}")

    # KPIs: headers here, rows by resize() once tblKPI is filled
    st.section(ws.cell(row=K_SECTION, column=2, value=ctx.t("qt_kpi_section")))
    for q in range(1, QUARTERS + 1):
        _group(ws, st, K_QROW, kpi_col(q, "plan"), len(QUARTER_FIGURES),
               _quarter_label(ctx.lang, q, s.first_month, s.year))
        for f in QUARTER_FIGURES:
            st.header(ws.cell(row=K_HEADER, column=kpi_col(q, f), value=ctx.t(f"qt_{f}")))
    st.header(ws.cell(row=K_HEADER, column=1, value=ctx.t("qt_id")))
    st.header(ws.cell(row=K_HEADER, column=2, value=ctx.t("qt_kpi")))
    for i, h in enumerate(HELPERS):
        st.header(ws.cell(row=K_HEADER, column=H_FIRST + i, value=ctx.t(f"qt_h_{h}")))

    widths = {1: 7, 2: 30}
    for c in range(FIG, K_LAST + 1):
        widths[c] = 11.5
    widths[K_LAST + 1] = 2
    for c, w in widths.items():
        ws.column_dimensions[get_column_letter(c)].width = w
    for i in range(len(HELPERS)):
        dim = ws.column_dimensions[get_column_letter(H_FIRST + i)]
        dim.width, dim.hidden, dim.outlineLevel = 10, True, 1
    for r in (B_QROW, B_HEADER, K_HEADER):
        ws.row_dimensions[r].height = 30
    ws.freeze_panes = f"{get_column_letter(FIG)}4"
    print_setup(ws, landscape=True, title_cols="A:B", fit_height=1)
    protect(ws)


def _group(ws, st, row: int, col: int, width: int, label: str) -> None:
    """A label over ``width`` columns (a quarter, the year to date), merged and centred."""
    cell = ws.cell(row=row, column=col, value=label)
    st.header(cell)
    for c in range(col + 1, col + width):
        st.header(ws.cell(row=row, column=c))
    ws.merge_cells(start_row=row, start_column=col, end_row=row, end_column=col + width - 1)


def shown_texts(wb, lang: str, categories) -> dict[tuple[int, int], str]:
    """(row, column) -> the text a name cell shows once computed: the budget category of
    ``PAC_BudgetCategories`` or the tblKPI name it copies (for
    :func:`pacxl.workbook.fit.fit_workbook`, which sizes column B from them)."""
    from ..contract import TABLES
    from ._common import HEADER_ROW

    out = {(B_FIRST + i, 2): c for i, c in enumerate(list(categories or [])[:CATEGORIES]) if isinstance(c, str) and c}
    kpis = wb[SHEETS["kpi"][lang]]
    spec = TABLES["tblKPI"]
    first = HEADER_ROW["tblKPI"] + 1
    for i, r in enumerate(range(first, kpis.max_row + 1)):
        for key, c in (("id", 1), ("name", 2)):
            v = kpis.cell(row=r, column=spec.index(key) + 1).value
            if isinstance(v, str) and v and not v.startswith("="):
                out[(K_FIRST + i, c)] = v
    return out


def resize(wb, lang: str, first: int, last: int) -> None:
    """One KPI row per row of tblKPI (rows ``first..last`` of the KPI table)."""
    title = SHEETS[ROLE][lang]
    if title not in wb.sheetnames:  # a workbook made before the Quarters sheet
        return
    ws = wb[title]
    st = Styles("EUR", lang)
    n_rows = last - first + 1
    end = K_FIRST + n_rows - 1
    for r in range(K_FIRST, max(ws.max_row, end) + 1):
        for c in range(1, H_FIRST + len(HELPERS)):
            ws._cells.pop((r, c), None)
    hl = {h: get_column_letter(H_FIRST + i) for i, h in enumerate(HELPERS)}
    for n in range(1, n_rows + 1):
        r = K_FIRST + n - 1
        st.computed(ws.cell(row=r, column=1, value=kpi_label("id", n)))
        st.computed(ws.cell(row=r, column=2, value=kpi_label("name", n)))
        for h, f in quarter_helpers(n).items():
            st.computed(ws.cell(row=r, column=H_FIRST + HELPERS.index(h), value=f))
        for q in range(1, QUARTERS + 1):
            cells = {h: f"${hl[h]}{r}" for h in HELPERS}
            cells["plan_to_date"] = f"{get_column_letter(kpi_col(q, 'plan_to_date'))}{r}"
            cells["actual"] = f"{get_column_letter(kpi_col(q, 'actual'))}{r}"
            for f in QUARTER_FIGURES:
                fmt = {"variance": "signed", "variance_pct": "pct_signed"}.get(f, "int")
                st.computed(ws.cell(row=r, column=kpi_col(q, f), value=quarter_kpi(f, q, n, cells)), fmt)
    figures = f"{get_column_letter(FIG)}{K_FIRST}:{get_column_letter(K_LAST)}{end}"
    cf = ConditionalFormattingList()
    # a rate reads as a percentage; a variance is coloured by its verdict (a cost under plan is good)
    pct = DifferentialStyle(numFmt=NumberFormat(numFmtId=300, formatCode="0.0%"))
    cf.add(figures, Rule(type="expression", formula=[f"${hl['rate']}{K_FIRST}"], dxf=pct))
    for q in range(1, QUARTERS + 1):
        p, a = (get_column_letter(kpi_col(q, f)) for f in ("plan_to_date", "actual"))
        v0, v1 = (get_column_letter(kpi_col(q, f)) for f in ("variance", "variance_pct"))
        both = f"ISNUMBER(${a}{K_FIRST}),ISNUMBER(${p}{K_FIRST})"
        good = f"IF(${hl['cost']}{K_FIRST},${a}{K_FIRST}<=${p}{K_FIRST},${a}{K_FIRST}>=${p}{K_FIRST})"
        rng = f"{v0}{K_FIRST}:{v1}{end}"
        cf.add(rng, FormulaRule(formula=[f"AND({both},{good})"], font=Font(color=S.GOOD_FONT)))
        cf.add(rng, FormulaRule(formula=[f"AND({both},NOT({good}))"], font=Font(color=S.BAD_FONT)))
    ws.conditional_formatting = cf
    set_name(wb, "PAC_QuartersKPI", f"'{title}'!$A${K_FIRST}:${get_column_letter(K_LAST)}${end}")
    ws.print_area = f"A1:{get_column_letter(K_LAST)}{end}"
