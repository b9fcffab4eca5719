"""The VBA macros and their Python entry points (pacxl.macros), driven through the same
pipelines as the CLI, on an xlwings-shaped stand-in backed by openpyxl (tests/xlwings_fake.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from pacxl import macros
from pacxl.check import check_workbook
from pacxl.errors import InputError
from pacxl.io import import_file
from pacxl.workbook.contract import TABLES
from xlwings_fake import FakeBook

BAS = sorted(Path(macros.bas_folder()).glob("*.bas"))
BUDGET_CSV = (
    "Poste budgétaire;Catégorie;Janv. 2026;Févr. 2026;Mars 2026;Total\n"
    "Salon Batimat;Salons et événements;1 000,00;500;;1 500,00\n"
    "=HYPERLINK(\"http://x\");Publicité;200;200;200;600\n"
    "TOTAL;;1 200;700;200;2 100\n"
)


def test_bas_modules_are_proper_vba():
    assert {p.name for p in BAS} == {"PacxlImport.bas", "PacxlCheck.bas", "PacxlReport.bas"}
    for path in BAS:
        text = path.read_text(encoding="ascii")
        assert text.startswith(f'Attribute VB_Name = "{path.stem}"'), path.name
        assert "Option Explicit" in text
        subs = re.findall(r"^Public Sub (\w+)\(\)", text, re.M)
        assert subs, path.name
        assert text.count("On Error GoTo Fail") >= 1 and "MsgBox" in text


def test_bas_files_import_as_written_on_windows_and_mac():
    """The VBA editor reads a .bas file in the system's ANSI code page and needs CRLF line ends
    (with bare LF it misreads the Attribute line). So: ASCII only (accents of the French messages
    as ChrW), every line ending in CRLF."""
    for path in BAS:
        data = path.read_bytes()
        assert data.isascii(), path.name
        assert data.endswith(b"\r\n") and data.count(b"\n") == data.count(b"\r\n"), path.name
    text = (Path(macros.bas_folder()) / "PacxlCheck.bas").read_text(encoding="ascii")
    # the French message still reads "Le contrôle n'a pas pu être lancé" once VBA builds it
    msg = re.search(r'MsgBox ("Le contr.*?) & Err\.Description', text).group(1)
    built = "".join(chr(int(n)) if n else lit for lit, n in re.findall(r'"([^"]*)"|ChrW\((\d+)\)', msg))
    assert built == "Le contrôle n'a pas pu être lancé : "


def test_every_runpython_names_an_existing_entry_point():
    calls = []
    for path in BAS:
        code = [ln for ln in path.read_text(encoding="ascii").splitlines() if not ln.lstrip().startswith("'")]
        run_lines = [ln.strip() for ln in code if "RunPython" in ln]
        for ln in run_lines:  # every call has the one documented form
            m = re.fullmatch(r'RunPython "import pacxl\.macros; pacxl\.macros\.(\w+)\(\)"', ln)
            assert m, ln
            calls.append(m.group(1))
    assert set(calls) == {"import_budget", "import_actuals", "import_customers", "import_pipeline", "check_plan",
                          "refresh_report"}
    for name in calls:
        assert callable(getattr(macros, name)), name


@pytest.fixture
def demo_copy(demo_fr_path, tmp_path) -> Path:
    path = tmp_path / "pac.xlsx"
    shutil.copy(demo_fr_path, path)
    return path


def _book(path: Path) -> FakeBook:
    return FakeBook(openpyxl.load_workbook(path), str(path))


def _table_inputs(wb, table_name: str) -> list[list]:
    spec = TABLES[table_name]
    for ws in wb.worksheets:
        if table_name in ws.tables:
            c1, r1, c2, r2 = openpyxl.utils.range_boundaries(ws.tables[table_name].ref)
            cols = [c1 + i for i, c in enumerate(spec.columns) if not c.computed]
            return [[ws.cell(row=r, column=c).value for c in cols] for r in range(r1 + 1, r2 + 1)]
    raise AssertionError(table_name)


def test_import_budget_macro_writes_what_the_cli_writes(demo_copy, tmp_path):
    csv = tmp_path / "budget.csv"
    csv.write_text(BUDGET_CSV, encoding="utf-8")
    book = _book(demo_copy)
    book.names.add(macros.IMPORT_FILE_NAME, f'="{csv}"')
    message = macros.run_import(book, "budget")
    assert "lignes lues : 3, importées : 2, ignorées : 1" in message  # the demo is French

    cli_copy = tmp_path / "cli.xlsx"
    shutil.copy(demo_copy, cli_copy)
    import_file("budget", cli_copy, csv, backup=False)
    by_cli = openpyxl.load_workbook(cli_copy)
    assert _table_inputs(book.wb, "tblBudget") == _table_inputs(by_cli, "tblBudget")
    # the names that formulas elsewhere use follow the table, as with the CLI
    for key in ("total", "actual", "m01"):
        name = f"tblBudget_{key}"
        assert book.wb.defined_names[name].attr_text == by_cli.defined_names[name].attr_text
    # text from the file is text, never a formula
    labels = [row[3] for row in _table_inputs(book.wb, "tblBudget")]
    assert '=HYPERLINK("http://x")' in labels
    ws = next(ws for ws in book.wb.worksheets if "tblBudget" in ws.tables)
    cell = next(c for row in ws.iter_rows() for c in row if c.value == '=HYPERLINK("http://x")')
    assert cell.data_type == "s"


def test_bad_file_writes_nothing_and_says_where(demo_copy, tmp_path):
    csv = tmp_path / "budget.csv"
    csv.write_text("Poste budgétaire;Janv. 2026\nSalon;1 000\nRadio;abc\n", encoding="utf-8")
    book = _book(demo_copy)
    with pytest.raises(InputError) as err:
        macros.run_import(book, "budget", file=csv)
    assert str(err.value) == 'budget.csv, line 3, column "Janv. 2026": "abc" is not an amount'
    assert book.writes == 0


def test_no_picked_file_is_a_clear_error(demo_copy):
    with pytest.raises(InputError, match="no file was chosen: run the import macro again"):
        macros.run_import(_book(demo_copy), "customers")


def test_picked_path_with_quotes_and_spaces(demo_copy):
    book = _book(demo_copy)
    book.names.add(macros.IMPORT_FILE_NAME, '="C:\\Mes documents\\budget ""final"".csv"')
    assert str(macros.picked_file(book)) == 'C:\\Mes documents\\budget "final".csv'


def test_check_macro_lists_the_findings_with_links(demo_copy):
    wb = openpyxl.load_workbook(demo_copy)
    ws = next(ws for ws in wb.worksheets if "tblActions" in ws.tables)
    c1, r1, _, _ = openpyxl.utils.range_boundaries(ws.tables["tblActions"].ref)
    owner = ws.cell(row=r1 + 1, column=c1 + TABLES["tblActions"].index("owner"))
    owner.value = None
    wb.save(demo_copy)
    book = _book(demo_copy)
    message = macros.run_check(book)
    expected = check_workbook(demo_copy)
    n = sum(f.severity == 'error' for f in expected)
    assert message.startswith(f"{n} {'erreur' if n < 2 else 'erreurs'}")
    out = book.wb["Contrôle"]
    assert [c.value for c in out[1]][:4] == ["Gravité", "Où", "Constat", "Comment corriger"]
    rows = [[c.value for c in r][:4] for r in out.iter_rows(min_row=2)]
    words = {"error": "erreur", "warning": "avertissement", "info": "info"}
    assert rows == [[words[f.severity], f.where, f.message, f.fix] for f in expected]
    # French sentences under the French headers
    assert any(r[2].endswith("n'a pas de responsable.") for r in rows)
    assert not any(r[2].startswith(("Action ", "Objective ", "The ")) for r in rows)
    where = f"{ws.title}!{owner.coordinate}"
    linked = [r for r in out.iter_rows(min_row=2) if r[1].value == where]
    assert linked and linked[0][1].hyperlink.location is None
    quoted = ws.title.replace("'", "''")  # Plan d'actions -> 'Plan d''actions'!G5
    assert linked[0][1].hyperlink.target == f"#'{quoted}'!{owner.coordinate}"


def test_report_macro_writes_the_report_figures(demo_copy):
    from pacxl.report import report_figures
    from pacxl.workbook.read import read_plan

    book = _book(demo_copy)
    message = macros.run_report(book, month=6)
    assert message == "Rapport à fin du mois 6 : feuille Rapport."
    out = book.wb["Rapport"]
    cells = {r[0].value: r[1].value for r in out.iter_rows() if r[0].value is not None}
    figures = report_figures(read_plan(demo_copy), 6)
    # the French workbook's sheet is labelled in French
    assert cells["Mois"] == 6
    assert cells["Entreprise"] == figures["company"]
    assert "Indicateurs" in cells and "Budget" in cells and "Répartition ABC" in cells
    assert "kpis" not in cells and "company" not in cells
    # the funnel stages' monthly need has its own label, not the tracking month's "Mois"
    stages = next([c.value for c in r] for r in out.iter_rows() if r[0].value == "Étapes")
    assert stages[:6] == ["Étapes", "Nom", "Taux vers la suivante", "Année", "Par mois", "Par semaine"]


def test_entry_point_shows_errors_as_a_plain_message(monkeypatch, demo_copy):
    book = _book(demo_copy)
    monkeypatch.setattr(macros, "_caller", lambda: book)
    macros.import_budget()  # no file picked
    assert book.app.alerts == [("pacxl", "no file was chosen: run the import macro again and pick a file", "critical")]


def _table_values(wb, table_name: str, keys: list[str]) -> list[list]:
    spec = TABLES[table_name]
    for ws in wb.worksheets:
        if table_name in ws.tables:
            c1, r1, _, r2 = openpyxl.utils.range_boundaries(ws.tables[table_name].ref)
            return [[ws.cell(row=r, column=c1 + spec.index(k)).value for k in keys] for r in range(r1 + 1, r2 + 1)]
    raise AssertionError(table_name)


def _cli_twin(demo_copy, tmp_path, kind, source):
    cli_copy = tmp_path / "cli.xlsx"
    shutil.copy(demo_copy, cli_copy)
    import_file(kind, cli_copy, source, backup=False)
    return openpyxl.load_workbook(cli_copy)


def test_import_actuals_macro_sets_what_the_cli_sets(demo_copy, tmp_path, monkeypatch):
    from pacxl.io.save import open_workbook
    from pacxl.io.target import context_from_workbook

    facts = context_from_workbook(open_workbook(demo_copy))
    kpi, line = facts.kpis[0], facts.budget[0]
    csv = tmp_path / "actuals.csv"
    csv.write_text(
        f"Indicateur;Ligne;Mois;Réel\n{kpi['name']};;02/{facts.year};12 345\n;{line['label']};15/01/{facts.year};1 000,50\n",
        encoding="utf-8",
    )
    book = _book(demo_copy)
    book.names.add(macros.IMPORT_FILE_NAME, f'="{csv}"')
    monkeypatch.setattr(macros, "_caller", lambda: book)
    macros.import_actuals()  # the entry point the VBA calls
    assert book.app.alerts and book.app.alerts[0][2] == "info", book.app.alerts
    by_cli = _cli_twin(demo_copy, tmp_path, "actuals", csv)
    kpi_keys = ["id"] + [k for k in TABLES["tblKPI"].keys() if re.fullmatch(r"a\d\d", k)]
    assert _table_values(book.wb, "tblKPI", kpi_keys) == _table_values(by_cli, "tblKPI", kpi_keys)
    assert _table_values(book.wb, "tblBudget", ["id", "actual"]) == _table_values(by_cli, "tblBudget", ["id", "actual"])
    # and the figures did land: KPI month 2 and the budget line's spend
    kpi_row = next(r for r in _table_values(book.wb, "tblKPI", ["id", "a02"]) if r[0] == kpi["id"])
    assert kpi_row[1] == 12345
    spend = next(r for r in _table_values(book.wb, "tblBudget", ["id", "actual"]) if r[0] == line["id"])
    assert spend[1] == pytest.approx(1000.50)


def test_import_customers_macro_writes_what_the_cli_writes(demo_copy, tmp_path, monkeypatch):
    csv = tmp_path / "clients.csv"
    csv.write_text("Code client;Raison sociale;Segment;CA HT\n00123;Dupont;Industrie;700\n0042;=Martin;;300\n",
                   encoding="utf-8")
    book = _book(demo_copy)
    book.names.add(macros.IMPORT_FILE_NAME, f'="{csv}"')
    monkeypatch.setattr(macros, "_caller", lambda: book)
    macros.import_customers()
    assert book.app.alerts and book.app.alerts[0][2] == "info", book.app.alerts
    by_cli = _cli_twin(demo_copy, tmp_path, "customers", csv)
    assert _table_inputs(book.wb, "tblCustomers") == _table_inputs(by_cli, "tblCustomers")
    codes = [r[0] for r in _table_values(book.wb, "tblCustomers", ["code"]) if r[0] is not None]
    assert sorted(codes) == ["00123", "0042"]  # the zeros are kept: codes are text
    name = next(c for ws in book.wb.worksheets for row in ws.iter_rows() for c in row if c.value == "=Martin")
    assert name.data_type == "s"


def test_macros_speak_english_on_an_english_workbook(demo_en_path, tmp_path):
    path = tmp_path / "pac_en.xlsx"
    shutil.copy(demo_en_path, path)
    wb = openpyxl.load_workbook(path)
    ws = next(ws for ws in wb.worksheets if "tblActions" in ws.tables)
    c1, r1, _, _ = openpyxl.utils.range_boundaries(ws.tables["tblActions"].ref)
    ws.cell(row=r1 + 1, column=c1 + TABLES["tblActions"].index("owner")).value = None
    wb.save(path)
    book = _book(path)
    message = macros.run_check(book)
    assert message.endswith("info: see the Check sheet.") and message.startswith("1 error,")
    out = book.wb["Check"]
    assert [c.value for c in out[1]][:4] == ["Severity", "Where", "Finding", "How to fix"]
    rows = [[c.value for c in r][:4] for r in out.iter_rows(min_row=2)]
    assert rows[0][0] == "error" and rows[0][2].startswith("Action ") and rows[0][2].endswith("has no owner.")
    assert macros.run_report(book, month=6) == "Report at the end of month 6: Report sheet."
    cells = {r[0].value: r[1].value for r in book.wb["Report"].iter_rows() if r[0].value is not None}
    assert cells["Month"] == 6 and "KPIs" in cells and "ABC split" in cells
    stages = next([c.value for c in r] for r in book.wb["Report"].iter_rows() if r[0].value == "Stages")
    assert stages[:6] == ["Stages", "Name", "Rate to next", "Year", "Per month", "Per week"]
