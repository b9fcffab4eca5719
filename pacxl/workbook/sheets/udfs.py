"""UDF (``--udfs``): the funnel, ABC and variances computed by the ``PAC_*`` xlwings functions
beside the native formulas, with a cell saying whether they agree; and the hidden
``xlwings.conf`` sheet naming ``pacxl.udfs`` as the UDF module.

Only Excel with the xlwings add-in computes the ``PAC_*`` cells; elsewhere (LibreOffice, Excel
without xlwings) they show ``#NAME?``. Every cell that calls a UDF calls it itself (no cell reads
another UDF cell), so :data:`UDF_FUNCTIONS` found in a formula marks exactly the cells that need
xlwings; the overall agreement cell only counts marks and never shows an error.
"""

from __future__ import annotations

from ..contract import FUNNEL_STAGES, column_name
from ._common import MIN_ROWS, SPARE_ROWS, Context, print_setup, protect, quote

ROLE = "udfs"
UDF_FUNCTIONS = ("PAC_FUNNEL", "PAC_ABC", "PAC_VARIANCE", "PAC_VARIANCE_PCT", "PAC_FORECAST", "PAC_DEALS",
                 "PAC_ABC_MATRIX", "PAC_RETENTION", "PAC_COVERAGE_MEETINGS")
OK, KO = "✔", "✘"


def _n(table: str, key: str) -> str:
    return column_name(table, key)


def _agree(udf: str, native: str) -> str:
    """Equal numbers (within rounding noise) or equal texts."""
    return (f'IF(ISNUMBER({native}),IF(ABS({udf}-{native})<=1E-9*MAX(1,ABS({native})),"{OK}","{KO}"),'
            f'IF({udf}&""={native}&"","{OK}","{KO}"))')


def build(ctx: Context) -> None:
    from ...calc.customers import RETENTION_KEYS

    ws = ctx.sheet(ROLE)
    st = ctx.st
    ctx.heading(ws, "udf_title", "udf_help")
    funnel = quote(ctx.title("funnel"))
    r = 6
    for c, key in enumerate(("udf_what", "udf_native", "udf_udf", "udf_agree"), start=1):
        st.header(ws.cell(row=r, column=c, value=ctx.t(key)))

    rows: list[tuple] = []  # (label formula, native, udf formula, guard)
    rates = f"{funnel}!$B$12:$B${12 + FUNNEL_STAGES - 2}"
    for i in range(1, FUNNEL_STAGES + 1):
        native = f"{funnel}!$C${11 + i}"
        udf = f"INDEX(PAC_FUNNEL(PAC_FunnelTarget,{rates}),{i})"
        rows.append((f'="{ctx.t("udf_funnel")} "&{funnel}!$A${11 + i}', native, udf,
                     f"ISNUMBER({native})"))
    rows.append((ctx.t("udf_deals"), "PAC_FunnelTarget", "PAC_DEALS(PAC_RevenueTarget,PAC_AvgDeal)",
                 "AND(NOT(ISNUMBER(PAC_DealsOverride)),ISNUMBER(PAC_FunnelTarget))"))
    abc = f"PAC_ABC({_n('tblCustomers', 'h_basis')},PAC_ABC_A,PAC_ABC_B)"
    for j, cls in enumerate("ABC", start=1):
        rows.append((f"{ctx.t('udf_abc_count')} {cls}", f"INDEX(PAC_ABCSummary,{j},2)",
                     f'SUMPRODUCT(--({abc}="{cls}"))', "PAC_CustomersTotal>0"))
    rows.append((ctx.t("udf_abc_rows"), f"ROWS({_n('tblCustomers', 'abc')})",
                 f"SUMPRODUCT(--({abc}={_n('tblCustomers', 'abc')}))", "PAC_CustomersTotal>0"))
    matrix = (f"PAC_ABC_MATRIX({_n('tblCustomers', 'h_basis')},{_n('tblCustomers', 'potential')},"
              f"{_n('tblCustomers', 'amount')},PAC_ABC_A,PAC_ABC_B)")
    rows.append((ctx.t("udf_matrix"), "ROWS(PAC_ABCMatrix)*COLUMNS(PAC_ABCMatrix)",
                 f"SUMPRODUCT(--(ROUND({matrix}-PAC_ABCMatrix,2)=0))", "PAC_CustomersTotal>0"))
    retention = f"PAC_RETENTION({_n('tblCustomers', 'previous')},{_n('tblCustomers', 'amount')})"
    for k, key in enumerate(RETENTION_KEYS, start=1):
        rows.append((ctx.t(f"cu_ret_{key}"), f"INDEX(PAC_Retention,{k})", f"INDEX({retention},{k})",
                     f"ISNUMBER(INDEX(PAC_Retention,{k}))"))
    rows.append((ctx.t("cu_cov_total"), "PAC_CoverageMeetings",
                 f"PAC_COVERAGE_MEETINGS({_n('tblCustomers', 'abc')},PAC_CoverageVisits)", "ISNUMBER(PAC_CoverageMeetings)"))

    kpi_rows = max(MIN_ROWS["tblKPI"], len(ctx.plan.kpis) + SPARE_ROWS["tblKPI"])
    for i in range(1, kpi_rows + 1):
        def at(key: str) -> str:
            return f"INDEX({_n('tblKPI', key)},{i})"

        name = f'="{ctx.t("udf_kpi")} "&{at("name")}'
        actuals = f"{at('a01')}:{at('a12')}"
        plans = f"{at('p01')}:{at('p12')}"
        for label, native, udf in (
            (ctx.t("udf_variance"), at("variance"), f"PAC_VARIANCE({at('actual_ytd')},{at('plan_ytd')})"),
            (ctx.t("udf_variance_pct"), at("variance_pct"),
             f"PAC_VARIANCE_PCT({at('actual_ytd')},{at('plan_ytd')})"),
            (ctx.t("udf_landing"), at("landing"), f"PAC_FORECAST({actuals},{plans},PAC_Month,{at('kind')})"),
        ):
            rows.append((f'{name}&" - {label}"', native, udf, f"ISNUMBER({native})"))

    for label, native, udf, guard in rows:
        r += 1
        st.computed(ws.cell(row=r, column=1, value=label))
        st.computed(ws.cell(row=r, column=2, value=f'=IF({guard},{native},"")'), "decimal")
        st.computed(ws.cell(row=r, column=3, value=f'=IF({guard},{udf},"")'), "decimal")
        st.computed(ws.cell(row=r, column=4, value=f'=IF({guard},{_agree(udf, native)},"")'))
        ws.cell(row=r, column=4).alignment = st.center
    last = r
    agree = f"D7:D{last}"
    st.label(ws.cell(row=4, column=1, value=ctx.t("udf_overall")))
    cell = ws.cell(row=4, column=2, value=(
        f'=IF(COUNTIF({agree},"{KO}")>0,"{KO} {ctx.t("udf_disagree")}",'
        f'IF(COUNTIF({agree},"{OK}")=0,"{ctx.t("udf_not_run")}","{OK} {ctx.t("udf_agree_all")}"))'))
    st.computed(cell, bold=True)
    ws.merge_cells("B4:D4")
    for col, w in zip("ABCD", (46, 16, 16, 12)):
        ws.column_dimensions[col].width = w
    ws.freeze_panes = "A7"
    print_setup(ws, landscape=False, title_rows="6:6")
    protect(ws)

    conf = ctx.wb.create_sheet(ctx.title("xlwings_conf"))
    conf["A1"] = "UDF Modules"
    conf["B1"] = "pacxl.udfs"
    conf.sheet_state = "hidden"


def udf_cells(ws) -> set[str]:
    """Coordinates of the cells of ``ws`` whose formula calls a ``PAC_*`` UDF."""
    out = set()
    for row in ws.iter_rows():
        for c in row:
            v = c.value
            if isinstance(v, str) and v.startswith("=") and any(f + "(" in v for f in UDF_FUNCTIONS):
                out.add(c.coordinate)
    return out

