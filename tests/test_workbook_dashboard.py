"""Dashboard details a user would notice: blanks after the tracking month, lists that fit."""

import openpyxl
import pytest

from pacxl.defaults import blank_plan
from pacxl.demo import demo_plan
from pacxl.errors import InputError
from pacxl.workbook.build import build_workbook
from pacxl.workbook.contract import SHEETS
from pacxl.workbook.i18n import month_labels, text


@pytest.mark.libreoffice
def test_monthly_actual_revenue_is_blank_after_the_tracking_month(demo_fr_recalc):
    plan = demo_plan("fr")
    ws = openpyxl.load_workbook(demo_fr_recalc, data_only=True)[SHEETS["dashboard"]["fr"]]
    month = plan.settings.tracking_month
    revenue_kpis = [k for k in plan.kpis if k.kind == "CA"]
    head = next(c for row in ws.iter_rows() for c in row if c.value == text("db_month_col", "fr"))
    assert ws.cell(row=head.row, column=head.column + 2).value == text("db_actual", "fr")
    # the months' names: the i18n labels of the plan's months (formulas of Settings' year and
    # first month, computed by LibreOffice)
    labels = [ws.cell(row=head.row + m, column=head.column).value for m in range(1, 13)]
    assert labels == month_labels("fr", plan.settings.first_month, plan.settings.year)
    for m in range(1, 13):
        got = ws.cell(row=head.row + m, column=head.column + 2).value
        if m <= month:
            assert got == pytest.approx(sum(k.actual[m - 1] or 0 for k in revenue_kpis))
        else:
            assert got in (None, ""), f"month {m}: {got!r} shown for a month with no actuals yet"


def test_a_list_longer_than_the_settings_sheet_is_refused_not_truncated(tmp_path):
    plan = blank_plan("fr", 2027)
    plan.settings.budget_categories = [f"Poste {i}" for i in range(1, 14)]
    with pytest.raises(InputError) as err:
        build_workbook(plan, tmp_path / "x.xlsx")
    assert str(err.value) == "settings: Catégories de budget has 13 entries; the workbook holds at most 12"
    assert not (tmp_path / "x.xlsx").exists()


def test_identifier_columns_are_text_formatted(demo_fr_path):
    """A user typing 00123 as a customer code (or 007 as an id) keeps the zeros."""
    from pacxl.workbook.contract import TABLES

    wb = openpyxl.load_workbook(demo_fr_path)
    expected = {
        "tblCustomers": ["code"], "tblBudget": ["id", "action_id"], "tblActions": ["id", "objective_id"],
        "tblObjectives": ["id"], "tblKPI": ["id", "objective_id"],
    }
    for table_name, keys in expected.items():
        ws = next(ws for ws in wb.worksheets if table_name in ws.tables)
        c1, r1, _, r2 = openpyxl.utils.range_boundaries(ws.tables[table_name].ref)
        for key in keys:
            col = c1 + TABLES[table_name].index(key)
            for r in (r1 + 1, r2):  # first row and the last blank row kept for typing
                assert ws.cell(row=r, column=col).number_format == "@", (table_name, key, r)
        amount_like = [k for k in TABLES[table_name].keys() if k in ("amount", "budget", "m01")]
        for key in amount_like:
            assert ws.cell(row=r1 + 1, column=c1 + TABLES[table_name].index(key)).number_format != "@"


# --- layout: cards, charts in their own rows, tables on uniform rows --------------------------------

def _chart_rows(chart) -> int:
    """0-based row of a chart's anchor (a loaded chart's anchor is an object, a new one's "A9")."""
    anchor = chart.anchor
    if isinstance(anchor, str):
        return openpyxl.utils.cell.coordinate_from_string(anchor)[1] - 1
    return anchor._from.row


@pytest.mark.parametrize("name", ["blank_en", "demo_fr"])
def test_charts_have_their_own_rows_and_tables_uniform_rows(generated_workbooks, name):
    from pacxl.workbook.sheets import dashboard as D

    lang = name[-2:]
    ws = openpyxl.load_workbook(generated_workbooks[name])[SHEETS["dashboard"][lang]]
    assert len(ws._charts) == 4
    no_data = text("db_no_data", lang)
    for chart in ws._charts:
        top = _chart_rows(chart) + 1
        assert top in (D.BAND1, D.BAND2)
        assert chart.height * 28.35 <= D.CHART_ROWS * 15  # cm -> pt: the chart fits its band
        band = [c for row in ws.iter_rows(min_row=top, max_row=top + D.CHART_ROWS - 1) for c in row
                if c.value is not None]
        # under a chart: only the "no data yet" cells (one per chart of the band)
        assert band and all(isinstance(c.value, str) and no_data in c.value for c in band), band
        # an empty chart shows no value-axis ticks between -1 and 1 (no "0 €, 1 €, 1 €")
        fmt = chart.y_axis.number_format
        assert chart.y_axis.delete or getattr(fmt, "formatCode", fmt).startswith("[>1]")
    # below the charts every row has the same (default) height: no block makes its neighbour's
    # rows taller; the tables' title alone is as tall as its 12 pt section font needs (the
    # tables' headers all sit on two shared rows, below)
    from pacxl.workbook import measure

    title = ws.cell(row=D.TABLES_TITLE, column=1)
    assert ws.row_dimensions[D.TABLES_TITLE].height == measure.height_for(1, title.font.sz) > 15
    assert all(ws.row_dimensions[r].height is None for r in range(D.BAND1, ws.max_row + 1)
               if r != D.TABLES_TITLE)
    heads = {c.row for row in ws.iter_rows(min_row=D.TABLES_TITLE) for c in row
             if c.value in {text(k, lang) for k in ("db_key_figures", "db_month_col", "db_category",
                                                     "db_status", "db_stage")}}
    assert heads == {D.TABLE_HEADER, D.LOWER_HEADER}


@pytest.mark.libreoffice
@pytest.mark.parametrize("name, empty", [("blank_fr", 4), ("blank_en", 4), ("demo_fr", 0), ("demo_en", 0)])
def test_empty_charts_say_no_data_yet(recalculated_workbooks, name, empty):
    lang = name[-2:]
    ws = openpyxl.load_workbook(recalculated_workbooks[name], data_only=True)[SHEETS["dashboard"][lang]]
    said = [c.coordinate for row in ws.iter_rows() for c in row if c.value == text("db_no_data", lang)]
    assert len(said) == empty


@pytest.mark.libreoffice
def test_cards_show_the_key_figures(demo_fr_recalc):
    """The five cards at the top, each with its label, figure and sub-line (their values equal
    report --json: tests/test_consistency.py)."""
    from pacxl.workbook.sheets import dashboard as D

    ws = openpyxl.load_workbook(demo_fr_recalc, data_only=True)[SHEETS["dashboard"]["fr"]]
    labels = [ws.cell(row=D.CARD_ROW, column=c0).value for c0, _ in D.CARD_COLS]
    assert labels == [text(k, "fr") for k in ("db_card_revenue", "db_card_landing", "db_card_budget",
                                               "db_card_late", "db_card_customers_a")]
    for c0, c1 in D.CARD_COLS:
        value, sub = (ws.cell(row=D.CARD_ROW + i, column=c0) for i in (1, 2))
        assert isinstance(value.value, (int, float)) and isinstance(sub.value, (int, float))
        assert sub.number_format.endswith(';""')  # the sub-line's words are in its format
        if c1 > c0:
            assert f"{value.coordinate}:{openpyxl.utils.get_column_letter(c1)}{value.row}" in ws.merged_cells
