"""Columns of pacxl's tables are found by their header (issue 11): a column the user inserts is
ignored by check, report and the importers, its cells stay beside their rows, and a missing
contract column is named."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.utils import range_boundaries

from pacxl.cli import main
from pacxl.errors import WorkbookError
from pacxl.io import import_file
from pacxl.workbook.columns import column_map, match_headers
from pacxl.workbook.contract import TABLES
from pacxl.workbook.read import read_workbook

sys.path.insert(0, str(Path(__file__).parent))
from edits import insert_column  # noqa: E402

#: Where the user inserts a column in each table (before this contract column), and its header.
INSERTS = {
    "tblBudget": ("m01", "Commentaire"),
    "tblKPI": ("a01", "Commentaire"),
    "tblActions": ("owner", "Commentaire"),
    "tblCustomers": ("segment", "Commentaire"),
}


def _comments(path: Path, table_name: str, key: str, every: bool = False):
    """Row id (column ``key``) -> the cell of the inserted "Commentaire" column, by header
    (``every``: the list of every comment in the table, rows without an id included)."""
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        if table_name in ws.tables:
            min_col, header, max_col, last = range_boundaries(ws.tables[table_name].ref)
            heads = {ws.cell(row=header, column=c).value: c for c in range(min_col, max_col + 1)}
            col_of = column_map(table_name, [ws.cell(row=header, column=c).value for c in range(min_col, max_col + 1)],
                                first_col=min_col, computed=False)
            out, notes = {}, []
            for r in range(header + 1, last + 1):
                note = ws.cell(row=r, column=heads["Commentaire"]).value
                ident = ws.cell(row=r, column=col_of[key]).value
                if note is not None:
                    notes.append(note)
                    if ident is not None:
                        out[str(ident)] = note
            return sorted(notes) if every else out
    raise AssertionError(table_name)


@pytest.fixture(scope="module")
def edited(generated_workbooks, tmp_path_factory) -> dict[str, Path]:
    """lang -> the demo with a "Commentaire" column inserted in four tables, one comment per row
    (``"note <id>"``) in the budget, actions and customers."""
    out = {}
    folder = tmp_path_factory.mktemp("edited")
    for lang in ("fr", "en"):
        wb = openpyxl.load_workbook(generated_workbooks[f"demo_{lang}"])
        for table_name, (before, header) in INSERTS.items():
            at = insert_column(wb, table_name, before, header)
            from pacxl.workbook.tables import table_columns

            ws, tbl, col_of = table_columns(wb, table_name)
            key = "code" if table_name == "tblCustomers" else "id"
            _, first, _, last = range_boundaries(tbl.ref)
            for r in range(first + 1, last + 1):
                ident = ws.cell(row=r, column=col_of[key]).value
                if ident not in (None, "") and table_name != "tblKPI":
                    ws.cell(row=r, column=at, value=f"note {ident}")
        path = folder / f"edited_{lang}.xlsx"
        wb.save(path)
        out[lang] = path
    return out


def _json(command: str, path: Path) -> dict:
    res = CliRunner().invoke(main, [command, str(path), "--json"] + (["--today", "2027-06-15"] if command == "check" else []))
    assert res.exit_code in (0, 1), res.output
    return json.loads(res.output)


def _strip_paths(x):
    if isinstance(x, dict):
        return {k: _strip_paths(v) for k, v in x.items() if k not in ("workbook", "path", "file")}
    if isinstance(x, list):
        return [_strip_paths(v) for v in x]
    return x


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_report_figures_are_those_of_the_untouched_demo(generated_workbooks, edited, lang):
    before = _json("report", generated_workbooks[f"demo_{lang}"])
    after = _json("report", edited[lang])
    assert _strip_paths(after) == _strip_paths(before)
    assert after["budget"] == before["budget"] and before["budget"]["total"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_check_has_no_new_finding(generated_workbooks, edited, lang):
    before = _json("check", generated_workbooks[f"demo_{lang}"])
    after = _json("check", edited[lang])
    codes = lambda d: sorted(f["code"] for f in d["findings"])  # noqa: E731
    assert codes(after) == codes(before)


def test_check_names_the_cells_where_they_are_now(edited):
    _, layout = read_workbook(edited["fr"])
    wb = openpyxl.load_workbook(edited["fr"])
    sheet, cell = layout.item("tblBudget", 0, "label")
    assert wb[sheet][cell].value == read_workbook(edited["fr"])[0].budget[0].label
    sheet, cell = layout.item("tblBudget", 0, "m01")
    assert wb[sheet][cell].value == read_workbook(edited["fr"])[0].budget[0].months[0]


def _budget_csv(ctx) -> str:
    line = ctx.budget[1]
    return (
        "Ligne;Catégorie;Action;Poste budgétaire;Mois;Montant\n"
        f"{line['id']};{line['category']};;{line['label']};01/{ctx.year};1 000\n"
        f"NEW-1;{line['category']};;Nouvelle ligne;02/{ctx.year};500\n"
    )


def _context(path: Path):
    from pacxl.io.save import open_workbook
    from pacxl.io.target import context_from_workbook

    return context_from_workbook(open_workbook(path))


def test_budget_import_writes_by_header_and_keeps_the_comments(edited, tmp_path):
    wb = tmp_path / "plan.xlsx"
    shutil.copy(edited["fr"], wb)
    ctx = _context(wb)
    notes = _comments(wb, "tblBudget", "id")
    src = tmp_path / "budget.csv"
    src.write_text(_budget_csv(ctx), encoding="utf-8")
    import_file("budget", wb, src, backup=False)
    plan = read_workbook(wb)[0]
    kept = ctx.budget[1]["id"]
    lines = {b.id: b for b in plan.budget}
    assert set(lines) == {kept, "NEW-1"}
    assert lines[kept].months[0] == 1000 and lines["NEW-1"].months[1] == 500
    after = _comments(wb, "tblBudget", "id")
    assert after[kept] == notes[kept]  # beside its line
    assert "NEW-1" not in after
    # the lines the import dropped: their notes stay in the table, below the data, not lost
    assert _comments(wb, "tblBudget", "id", every=True) == sorted(notes.values())


def test_actuals_import_writes_the_right_cells(edited, tmp_path):
    wb = tmp_path / "plan.xlsx"
    shutil.copy(edited["fr"], wb)
    ctx = _context(wb)
    notes = _comments(wb, "tblBudget", "id")
    kpi, line = ctx.kpis[0], ctx.budget[0]
    src = tmp_path / "actuals.csv"
    src.write_text(f"Indicateur;Ligne;Mois;Réel\n{kpi['id']};;02/{ctx.year};12 345\n"
                   f";{line['id']};15/01/{ctx.year};1 000,50\n", encoding="utf-8")
    import_file("actuals", wb, src, backup=False)
    plan = read_workbook(wb)[0]
    assert next(k for k in plan.kpis if k.id == kpi["id"]).actual[1] == 12345
    assert next(b for b in plan.budget if b.id == line["id"]).actual == 1000.5
    assert _comments(wb, "tblBudget", "id") == notes


def test_customers_append_sorts_and_the_comments_follow_their_customer(edited, tmp_path):
    wb = tmp_path / "plan.xlsx"
    shutil.copy(edited["fr"], wb)
    notes = _comments(wb, "tblCustomers", "code")
    src = tmp_path / "customers.csv"
    src.write_text("Code client;Raison sociale;Segment;CA\nBIG01;Gros client;;99999999\n", encoding="utf-8")
    import_file("customers", wb, src, backup=False, append=True)
    plan = read_workbook(wb)[0]
    assert plan.customers[0].code == "BIG01"  # sorted first: every other row moved down
    assert _comments(wb, "tblCustomers", "code") == notes


def test_the_builder_computed_formulas_follow_the_columns(edited, tmp_path):
    """After an import rewrites tblBudget, its computed formulas read the month columns where
    they are now, not where the contract's order would put them."""
    wb = tmp_path / "plan.xlsx"
    shutil.copy(edited["fr"], wb)
    src = tmp_path / "budget.csv"
    src.write_text(_budget_csv(_context(wb)), encoding="utf-8")
    import_file("budget", wb, src, backup=False)
    from pacxl.io.save import open_workbook
    from pacxl.workbook.tables import table_columns

    book = open_workbook(wb)
    ws, tbl, col_of = table_columns(book, "tblBudget")
    first = range_boundaries(tbl.ref)[1] + 1
    total = ws.cell(row=first, column=col_of["total"]).value
    m01 = ws.cell(row=first, column=col_of["m01"]).coordinate
    m12 = ws.cell(row=first, column=col_of["m12"]).coordinate
    assert f"{m01}:{m12}" in total


@pytest.mark.libreoffice
def test_native_formulas_compute_the_same_totals_after_recalculation(recalculated_workbooks, edited, tmp_path):
    from pacxl.recalc import recalculate

    wb = tmp_path / "plan.xlsx"
    shutil.copy(edited["fr"], wb)
    ctx = _context(wb)
    src = tmp_path / "actuals.csv"
    src.write_text(f"Indicateur;Ligne;Mois;Réel\n;{ctx.budget[0]['id']};15/01/{ctx.year};1 000,50\n", encoding="utf-8")
    untouched = tmp_path / "untouched.xlsx"
    shutil.copy(recalculated_workbooks["demo_fr"], untouched)
    import_file("actuals", wb, src, backup=False, force=True)
    import_file("actuals", untouched, src, backup=False, force=True)
    a = openpyxl.load_workbook(recalculate(wb, tmp_path / "a"), data_only=True)
    b = openpyxl.load_workbook(recalculate(untouched, tmp_path / "b"), data_only=True)

    def name(book, n):
        (title, ref), = book.defined_names[n].destinations
        return book[title][ref.replace("$", "").split(":")[0]].value

    for n in ("PAC_BudgetTotal", "PAC_BudgetActual", "PAC_CustomersTotal", "PAC_CustomersCount"):
        assert name(a, n) == pytest.approx(name(b, n)), n
    assert name(a, "PAC_BudgetTotal") > 0

    def column(book, table, key):
        (title, ref), = book.defined_names[f"{table}_{key}"].destinations
        return [c[0].value for c in book[title][ref.replace("$", "")]]

    for table, keys in {"tblBudget": ("total", "plan_ytd", "variance"), "tblKPI": ("plan_ytd", "actual_ytd", "landing"),
                        "tblCustomers": ("abc", "cum_share")}.items():
        for key in keys:
            assert column(a, table, key) == column(b, table, key), (table, key)


# --- headers: languages, spaces, month names; missing and duplicate columns -------------------


def test_headers_match_in_either_language_whatever_the_case_and_spaces():
    spec = TABLES["tblBudget"]
    headers = [c.en.upper() if i % 2 else c.fr.replace(" ", "\u00a0 ") for i, c in enumerate(spec.columns)]
    headers.insert(3, "Commentaire")
    pos, twice = match_headers("tblBudget", headers)
    assert not twice
    assert pos["id"] == 0 and pos["label"] == 4 and pos["m01"] == 5 and pos["consumed"] == len(headers) - 1


def test_month_names_written_by_the_builder_are_the_month_columns():
    from pacxl.workbook.i18n import month_labels

    names = month_labels("fr", 4, 2027)  # a plan starting in April: avr. 2027 is the first month
    kpi = ["ID", "Indicateur", "Type", "Unité", "Objectif"] + [f"Prévu {m}" for m in names] + \
          ["Note"] + [f"Réel {m}" for m in names]
    pos, _ = match_headers("tblKPI", kpi)
    assert pos["p01"] == 5 and pos["p12"] == 16 and pos["a01"] == 18 and pos["a12"] == 29
    budget = ["Line", "Category", "Action", "Label"] + month_labels("en", 1, 2027) + ["Actual"]
    pos, _ = match_headers("tblBudget", budget)
    assert pos["m01"] == 4 and pos["m12"] == 15 and pos["actual"] == 16


def test_no_two_contract_columns_share_a_header():
    for name, spec in TABLES.items():
        pos, twice = match_headers(name, spec.headers("fr") + spec.headers("en"))
        assert not [k for k, v in twice.items() if len({p % len(spec.columns) for p in v}) > 1], name
        assert set(pos) == set(spec.keys()), name


@pytest.mark.parametrize("lang, message", [
    ("fr", "feuille Budget, tableau tblBudget : la colonne « Libellé » est introuvable"),
    ("en", "sheet Budget, table tblBudget: the column \"Label\" is missing"),
])
def test_a_missing_column_is_named_in_the_workbook_language(generated_workbooks, tmp_path, lang, message):
    wb = openpyxl.load_workbook(generated_workbooks[f"demo_{lang}"])
    from pacxl.workbook.tables import table_columns

    ws, tbl, col_of = table_columns(wb, "tblBudget")
    ws.cell(row=range_boundaries(tbl.ref)[1], column=col_of["label"], value="Intitulé")
    path = tmp_path / "renamed.xlsx"
    wb.save(path)
    with pytest.raises(WorkbookError) as err:
        read_workbook(path)
    assert str(err.value) == f"{path}{' :' if lang == 'fr' else ':'} {message} " + (
        "(rendez-lui ce nom, ou ajoutez-la au tableau)" if lang == "fr"
        else '(rename a column back to "Label", or add it to the table)')
    res = CliRunner().invoke(main, ["report", str(path)])
    assert res.exit_code == 2 and message in res.output and "Traceback" not in res.output
    src = tmp_path / "c.csv"
    src.write_text("Code client;Raison sociale;CA\nA1;Dupont;100\n", encoding="utf-8")
    before = path.read_bytes()
    res = CliRunner().invoke(main, ["import", "customers", str(path), str(src)])
    assert res.exit_code == 2 and message in res.output
    assert path.read_bytes() == before


def test_a_column_twice_is_refused():
    headers = TABLES["tblCustomers"].headers("fr") + ["Customer code"]
    with pytest.raises(WorkbookError, match="deux colonnes s'appellent « Customer code »"):
        column_map("tblCustomers", headers, sheet="Clients", lang="fr")
