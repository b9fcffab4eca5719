"""Dashboard details a user would notice: blanks after the tracking month, lists that fit."""

import openpyxl
import pytest

from pacxl.defaults import blank_plan
from pacxl.demo import demo_plan
from pacxl.errors import InputError
from pacxl.workbook.build import build_workbook
from pacxl.workbook.contract import SHEETS
from pacxl.workbook.i18n import text


@pytest.mark.libreoffice
def test_monthly_actual_revenue_is_blank_after_the_tracking_month(demo_fr_recalc):
    plan = demo_plan("fr")
    ws = openpyxl.load_workbook(demo_fr_recalc, data_only=True)[SHEETS["dashboard"]["fr"]]
    month = plan.settings.tracking_month
    revenue_kpis = [k for k in plan.kpis if k.kind == "CA"]
    head = next(c for row in ws.iter_rows() for c in row if c.value == text("db_month_col", "fr"))
    assert ws.cell(row=head.row, column=head.column + 2).value == text("db_actual", "fr")
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
