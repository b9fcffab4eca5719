"""Imports into a filled demo workbook: the CLI, refusals with an untouched workbook, the round
trip (nothing outside the imported table changes) and totals read back after LibreOffice."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.utils import range_boundaries
from openpyxl.xml.functions import tostring

from pacxl.cli import main
from pacxl.io import import_file
from pacxl.io.read import month_label

# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    from pacxl.demo import demo_plan
    from pacxl.workbook.build import build_workbook

    path = tmp_path_factory.mktemp("demo") / "demo.xlsx"
    build_workbook(demo_plan("fr"), path)
    return path


@pytest.fixture(scope="module")
def facts(demo):
    from pacxl.io.save import open_workbook
    from pacxl.io.target import context_from_workbook

    return context_from_workbook(open_workbook(demo))


@pytest.fixture
def wb_copy(demo, tmp_path) -> Path:
    p = tmp_path / "plan.xlsx"
    shutil.copy(demo, p)
    return p


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def budget_csv(year: int) -> str:
    return (
        "Ligne;Catégorie;Action;Poste budgétaire;Mois;Montant TTC\n"
        f"N-01;Digital;;Campagne Google Ads;15/01/{year};1 234,56\n"
        f"N-01;Digital;;Campagne Google Ads;02/{year};(34,56)\n"
        f"N-02;Publicité;;=1+1;mars {year};999,99\n"
        f"N-03;Salons et événements;;+33 stand;{year}-06;12 000\n"
        f"N-04;Divers;;@lunch;01/12/{year};0,01\n"
        f"N-05;Divers;;-moins;01/12/{year};10\n"
        "Total;;;;;14 210,00\n"
    )


BUDGET_TOTAL = 1234.56 - 34.56 + 999.99 + 12000 + 0.01 + 10  # 14 210,00


# --- CLI: refusals, one line, exit code 2, workbook byte-identical ----------------------------


def run(*args):
    """The import with its error lines in English (the French ones: tests/test_cli_lang.py)."""
    return CliRunner().invoke(main, ["--lang", "en", "import", *map(str, args)])


def test_bad_value_is_one_line_and_leaves_the_workbook_identical(wb_copy, tmp_path, facts):
    y = facts.year
    rows = "".join(f"Ligne {i};Digital;01/{y};{i}\n" for i in range(2, 7))
    csv = write(tmp_path, "budget.csv", f"Libellé;Catégorie;Mois;Montant\n{rows}Ligne 7;Digital;01/{y};abc\n")
    before = digest(wb_copy)
    result = run("budget", wb_copy, csv)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == 'Error: budget.csv, line 7, column "Montant": "abc" is not an amount\n'
    assert "Traceback" not in result.output
    assert digest(wb_copy) == before
    assert sorted(f.name for f in tmp_path.iterdir()) == ["budget.csv", "plan.xlsx"]  # no backup, no temp


@pytest.mark.parametrize("amount", ["1.1,2.345,67", "\uff11\uff12\uff13", "\uff11\uff12\uff13 \u20ac"])
def test_malformed_and_non_ascii_amounts_are_one_line_refusals(wb_copy, tmp_path, facts, amount):
    # "1.1,2.345,67" once escaped as a bare ValueError (a traceback); full-width digits were read
    # by one parsing path ("１２３") and refused by the other ("１２３ €"): both are refused now.
    csv = write(tmp_path, "budget.csv", f"Libellé;Mois;Montant\nA;01/{facts.year};1\nB;01/{facts.year};{amount}\n")
    before = digest(wb_copy)
    result = run("budget", wb_copy, csv)
    assert result.exit_code == 2
    assert result.stderr == f'Error: budget.csv, line 3, column "Montant": "{amount}" is not an amount\n'
    assert "Traceback" not in result.output
    assert digest(wb_copy) == before


def test_non_ascii_digits_in_a_date_are_refused(wb_copy, tmp_path, facts):
    fw = "".join(chr(0xFF10 + int(c)) for c in str(facts.year))
    csv = write(tmp_path, "budget.csv", f"Libellé;Mois;Montant\nA;01/{facts.year};1\nB;01/{fw};2\n")
    before = digest(wb_copy)
    result = run("budget", wb_copy, csv)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and "line 3" in result.stderr and fw in result.stderr
    assert "Traceback" not in result.output
    assert digest(wb_copy) == before


def test_date_in_another_year_names_the_row(wb_copy, tmp_path, facts):
    csv = write(tmp_path, "budget.csv", f"Libellé;Mois;Montant\nA;01/{facts.year};1\nB;31/12/{facts.year - 1};2\n")
    before = digest(wb_copy)
    result = run("budget", wb_copy, csv)
    assert result.exit_code == 2
    first = month_label(facts.year, 1, "en")
    last = month_label(facts.year, 12, "en")
    assert result.stderr == (
        f'Error: budget.csv, line 3, column "Mois": "31/12/{facts.year - 1}" is outside the plan year '
        f"({first} to {last})\n"
    )
    assert digest(wb_copy) == before


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("budget.xlsx", b"\x8a\x02random bytes\xff" * 20,
         "budget.xlsx: not a XLSX file (damaged, or another format renamed); save it again from your "
         "spreadsheet, or export it as CSV"),
        ("budget.csv", b"", "budget.csv: the file is empty"),
        ("budget.csv", "Libellé\nSalon\nRadio\n".encode(),
         "budget.csv: only one column found; expected columns separated by ; , tab or |"),
        ("budget.csv", b"Foo;Bar\n1;2\n",
         'budget.csv: unknown layout; columns found: "Foo", "Bar"; fields expected: long layout: label '
         "(or line id), month, amount, optional category, action_id, actual; wide layout: label (or line id) "
         "and one column per month (m01..m12 or month names), optional total, category, action_id, actual; "
         'name the columns with --map "Source column=field"'),
    ],
)
def test_unreadable_files_are_clear_errors(wb_copy, tmp_path, name, data, message):
    src = tmp_path / name
    src.write_bytes(data)
    before = digest(wb_copy)
    result = run("budget", wb_copy, src)
    assert (result.exit_code, result.stderr) == (2, f"Error: {message}\n")
    assert digest(wb_copy) == before


def test_open_workbook_is_refused_unless_forced(wb_copy, tmp_path, facts):
    csv = write(tmp_path, "b.csv", f"Libellé;Mois;Montant\nA;01/{facts.year};1\n")
    lock = tmp_path / ".~lock.plan.xlsx#"
    lock.write_text("x")
    before = digest(wb_copy)
    result = run("budget", wb_copy, csv)
    assert (result.exit_code, result.stderr) == (
        2, "Error: plan.xlsx is open in Excel or LibreOffice (.~lock.plan.xlsx# exists): close it first, or use --force\n"
    )
    assert digest(wb_copy) == before
    result = run("budget", wb_copy, csv, "--force", "--no-backup")
    assert result.exit_code == 0, result.output
    assert digest(wb_copy) != before


def test_workbook_with_what_openpyxl_drops_is_refused(wb_copy, tmp_path, facts):
    import zipfile

    with zipfile.ZipFile(wb_copy, "a") as z:
        z.writestr("xl/embeddings/oleObject1.bin", b"\x00")
    csv = write(tmp_path, "b.csv", f"Libellé;Mois;Montant\nA;01/{facts.year};1\n")
    before = digest(wb_copy)
    result = CliRunner().invoke(main, ["import", "budget", str(wb_copy), str(csv)])
    assert (result.exit_code, result.stderr) == (
        2, "Erreur : plan.xlsx : l'enregistrer ferait perdre : objets incorporés ; --force pour importer "
        "quand même (ils seraient supprimés)\n"
    )  # in the workbook's language (a French one here)
    result = run("budget", wb_copy, csv)  # --lang en
    assert result.stderr == ("Error: plan.xlsx: saving would lose its embedded objects; use --force to import "
                             "anyway (those would be removed)\n")
    assert digest(wb_copy) == before


def test_dry_run_writes_nothing_and_shows_the_summary(wb_copy, tmp_path, facts):
    csv = write(tmp_path, "budget.csv", budget_csv(facts.year), "cp1252")
    before = digest(wb_copy)
    result = run("budget", wb_copy, csv, "--dry-run")
    assert result.exit_code == 0, result.output
    assert digest(wb_copy) == before
    out = result.stdout
    # the demo workbook is French: so is the summary
    assert "budget.csv -> plan.xlsx : budget, une ligne par montant [essai : rien n'est écrit]" in out
    assert "lignes lues : 7, importées : 6, ignorées : 1" in out
    assert "ignorées (ligne de total) : 1 ligne, 8" in out
    assert "remarque : ligne 8 : lignes de total ignorées (le classeur calcule lui-même ses totaux)" in out
    assert "Totaux par mois" in out and "Montant" in out
    assert f"M01 ({month_label(facts.year, 1)})" in out and "1\u202f234,56" in out
    assert "total : 14\u202f210,00" in out
    for english in ("rows read", "dry run", "Totals by month", "layout", "total row", "budget lines"):
        assert english not in out, english


def test_an_english_workbook_hears_the_summary_in_english(tmp_path, facts):
    from pacxl.demo import demo_plan
    from pacxl.workbook.build import build_workbook

    wb = build_workbook(demo_plan("en"), tmp_path / "plan_en.xlsx")
    csv = write(tmp_path, "budget.csv", budget_csv(facts.year))
    result = run("budget", wb, csv, "--dry-run")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "rows read: 7, imported: 6, skipped: 1" in out
    assert "skipped (total row): 1 row, 8" in out
    assert "notice: line 8: total rows skipped (the workbook adds up its own totals)" in out
    # the file's categories are French, the English workbook's are not: an English warning
    assert "warning: categories not in the workbook's list of budget categories:" in out
    for french in ("ignorées", "ligne de total", "remarque", "attention", "lignes de budget"):
        assert french not in out, french


def test_import_writes_with_a_backup(wb_copy, tmp_path, facts):
    csv = write(tmp_path, "budget.csv", budget_csv(facts.year))
    before = wb_copy.read_bytes()
    summary = import_file("budget", wb_copy, csv)
    assert summary.written and summary.rows_imported == 6
    assert summary.backup.read_bytes() == before
    rows = _budget_rows(wb_copy)
    assert [r[0] for r in rows] == ["N-01", "N-02", "N-03", "N-04", "N-05"]
    assert rows[0][4:6] == (1234.56, -34.56)


def _budget_rows(path: Path) -> list[tuple]:
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        if "tblBudget" in ws.tables:
            _, header, _, last = range_boundaries(ws.tables["tblBudget"].ref)
            return [r for r in ws.iter_rows(min_row=header + 1, max_row=last, max_col=17, values_only=True)
                    if any(v is not None for v in r[:4])]
    raise AssertionError("no tblBudget")


# --- round trip: nothing but the imported table changes ---------------------------------------


def _style(c) -> tuple:
    return (c.number_format, repr(c.font), repr(c.fill), repr(c.border), repr(c.alignment), repr(c.protection))


def snapshot(path: Path, table: str | None) -> dict:
    """Every cell value, formula and style, validation, conditional format, defined name, chart
    and image of a workbook, leaving out the body rows of ``table`` (before or after import)."""
    wb = openpyxl.load_workbook(path, rich_text=True)
    snap: dict = {"names": {}, "sheets": {}}
    skip_names = f"{table}_" if table else None
    for name, dn in wb.defined_names.items():
        if not (skip_names and name.startswith(skip_names)):
            snap["names"][name] = dn.attr_text
    for ws in wb.worksheets:
        body = None
        tables = {}
        for tname in ws.tables:
            t = ws.tables[tname]
            min_col, header, max_col, last = range_boundaries(t.ref)
            if tname == table:
                body = (header + 1, min_col, max_col)
                tables[tname] = (t.tableStyleInfo.name if t.tableStyleInfo else None, header, min_col, max_col)
            else:
                tables[tname] = t.ref
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if body and c.row >= body[0] and body[1] <= c.column <= body[2]:
                    continue
                if c.value is None and not c.has_style:
                    continue
                cells[c.coordinate] = (repr(c.value), c.data_type, _style(c))

        def resized(sqref) -> str:
            text = str(sqref)
            if body:  # ranges starting at the table's first body row follow its size
                text = re.sub(rf"([A-Z]+){body[0]}:([A-Z]+)\d+", rf"\g<1>{body[0]}:\g<2>*", text)
            return text

        dvs = sorted(
            (resized(dv.sqref), dv.type, dv.formula1, dv.formula2, dv.operator, dv.allow_blank,
             dv.showErrorMessage, dv.error, dv.errorTitle, dv.prompt, dv.promptTitle)
            for dv in ws.data_validations.dataValidation
        )
        cfs = sorted(
            (resized(cf.sqref), tuple(tostring(rule.to_tree()) for rule in cf.rules))
            for cf in ws.conditional_formatting
        )
        charts = [
            (c.anchor._from.col, c.anchor._from.row, tostring(c._write())) for c in ws._charts
        ]
        images = [(i.anchor._from.col, i.anchor._from.row, hashlib.sha256(i._data()).hexdigest()) for i in ws._images]
        snap["sheets"][ws.title] = {
            "cells": cells,
            "tables": tables,
            "dv": dvs,
            "cf": cfs,
            "charts": charts,
            "images": images,
            "merged": sorted(str(m) for m in ws.merged_cells.ranges),
            "widths": {k: (d.width, d.hidden) for k, d in ws.column_dimensions.items()},
            "freeze": ws.freeze_panes,
            "protection": repr(ws.protection),
            "state": ws.sheet_state,
        }
    return snap


def _actuals_csv(facts) -> str:
    y = facts.year
    kpi = facts.kpis[0]
    line = facts.budget[0]
    return (
        "Indicateur;Ligne;Mois;Réel\n"
        f"{kpi['name']};;02/{y};12 345\n"
        f";{line['label']};15/01/{y};1 000,50\n"
    )


def _customers_csv() -> str:
    return "Code client;Raison sociale;Segment;CA HT\n00123;Dupont;Industrie;700\n0042;Martin;;300\n"


@pytest.mark.parametrize(
    "kind, table, make",
    [
        ("budget", "tblBudget", lambda f: budget_csv(f.year)),
        ("actuals", None, _actuals_csv),
        ("customers", "tblCustomers", lambda f: _customers_csv()),
    ],
)
def test_round_trip_changes_only_the_imported_table(wb_copy, tmp_path, facts, kind, table, make):
    _add_logo(wb_copy, tmp_path)
    before = snapshot(wb_copy, table)
    assert before["sheets"]  # the comparison has something to compare
    assert sum(len(s["charts"]) for s in before["sheets"].values()) > 0
    assert sum(len(s["images"]) for s in before["sheets"].values()) == 1
    assert sum(len(s["dv"]) for s in before["sheets"].values()) > 0
    csv = write(tmp_path, f"{kind}.csv", make(facts))
    import_file(kind, wb_copy, csv, backup=False)
    after = snapshot(wb_copy, table)
    if kind == "actuals":  # only the named cells change: blank them out of both snapshots
        changed = _actual_cells(wb_copy, facts)
        for snap in (before, after):
            for sheet, coord in changed:
                snap["sheets"][sheet]["cells"].pop(coord)
    assert after["names"] == before["names"]
    assert after["sheets"].keys() == before["sheets"].keys()
    for title in before["sheets"]:
        for key in before["sheets"][title]:
            assert after["sheets"][title][key] == before["sheets"][title][key], (title, key)


def _add_logo(path: Path, tmp_path: Path) -> None:
    """The owner pasted a logo on the dashboard (the demo has no image of its own)."""
    from openpyxl.drawing.image import Image
    from PIL import Image as PILImage

    logo = tmp_path / "logo.png"
    PILImage.new("RGB", (40, 20), (200, 30, 30)).save(logo)
    wb = openpyxl.load_workbook(path)
    wb.worksheets[-1].add_image(Image(str(logo)), "H2")
    wb.save(path)


def _actual_cells(path: Path, facts) -> list[tuple[str, str]]:
    """The cells an actuals import of :func:`_actuals_csv` writes: KPI a02 and budget actual."""
    from pacxl.workbook.contract import BUDGET, KPI

    wb = openpyxl.load_workbook(path)
    out = []
    for spec, rid, key in ((KPI, facts.kpis[0]["id"], "a02"), (BUDGET, facts.budget[0]["id"], "actual")):
        for ws in wb.worksheets:
            if spec.name in ws.tables:
                min_col, header, _, last = range_boundaries(ws.tables[spec.name].ref)
                for r in range(header + 1, last + 1):
                    if ws.cell(row=r, column=min_col).value == rid:
                        out.append((ws.title, ws.cell(row=r, column=min_col + spec.index(key)).coordinate))
    assert len(out) == 2
    return out


# --- after LibreOffice recalculation ----------------------------------------------------------


@pytest.fixture(scope="module")
def recalculated(demo, facts, tmp_path_factory):
    from pacxl.recalc import recalculate

    d = tmp_path_factory.mktemp("imported")
    wb = d / "plan.xlsx"
    shutil.copy(demo, wb)
    import_file("budget", wb, write(d, "budget.csv", budget_csv(facts.year), "cp1252"), backup=False)
    spend = f"Poste budgétaire;Date;Montant\nCampagne Google Ads;20/01/{facts.year};600,25\nN-02;01/02/{facts.year};99,75\n"
    import_file("actuals", wb, write(d, "spend.csv", spend), backup=False)
    kpi = facts.kpis[0]
    kpis = f"KPI;Janv.;Févr.\n{kpi['id']};1 000;2 000\n"
    import_file("actuals", wb, write(d, "kpi.csv", kpis), backup=False)
    customers = "N° client;Client;CA 2025\n" + "".join(f"C{i:03d};Client {i};{a}\n" for i, a in
                                                      enumerate([500, 200, 120, 80, 50, 30, 20], 1))
    import_file("customers", wb, write(d, "customers.csv", customers), backup=False)
    out = recalculate(wb, d / "recalc")
    return wb, openpyxl.load_workbook(out, data_only=True)


def _name_value(wb, name):
    (title, ref), = wb.defined_names[name].destinations
    return wb[title][ref.replace("$", "")].value


def _table(wb, name):
    from pacxl.workbook.contract import TABLES

    for ws in wb.worksheets:
        if name in ws.tables:
            min_col, header, max_col, last = range_boundaries(ws.tables[name].ref)
            keys = TABLES[name].keys()
            return [dict(zip(keys, r)) for r in ws.iter_rows(min_row=header + 1, max_row=last, min_col=min_col,
                                                             max_col=max_col, values_only=True)]
    raise AssertionError(name)


@pytest.mark.libreoffice
def test_budget_total_equals_the_file_total_to_the_cent(recalculated):
    _, wb = recalculated
    assert round(_name_value(wb, "PAC_BudgetTotal"), 2) == round(BUDGET_TOTAL, 2) == 14210.00


@pytest.mark.libreoffice
def test_formula_like_labels_are_text_after_recalculation(recalculated):
    written, wb = recalculated
    labels = {r["id"]: r["label"] for r in _table(wb, "tblBudget") if r["id"]}
    assert labels["N-02"] == "=1+1" and labels["N-03"] == "+33 stand"
    assert labels["N-04"] == "@lunch" and labels["N-05"] == "-moins"
    raw = openpyxl.load_workbook(written)
    for ws in raw.worksheets:
        if "tblBudget" in ws.tables:
            cells = [c for row in ws.iter_rows() for c in row if c.value == "=1+1"]
            assert cells and all(c.data_type == "s" for c in cells)


@pytest.mark.libreoffice
def test_spend_and_kpi_actuals_are_live(recalculated, facts):
    _, wb = recalculated
    budget = {r["id"]: r for r in _table(wb, "tblBudget") if r["id"]}
    assert budget["N-01"]["actual"] == 600.25 and budget["N-02"]["actual"] == 99.75
    kpi = next(r for r in _table(wb, "tblKPI") if r["id"] == facts.kpis[0]["id"])
    assert (kpi["a01"], kpi["a02"]) == (1000, 2000)
    month = facts.tracking_month
    expected = sum(v for m in range(1, month + 1) if isinstance(v := kpi[f"a{m:02d}"], (int, float)))
    assert kpi["actual_ytd"] == pytest.approx(expected)


@pytest.mark.libreoffice
def test_customer_classes_are_recomputed_by_the_workbook(recalculated):
    from pacxl.calc.pareto import abc_classes

    _, wb = recalculated
    rows = [r for r in _table(wb, "tblCustomers") if r["code"]]
    assert [r["code"] for r in rows] == [f"C{i:03d}" for i in range(1, 8)]
    expected = abc_classes([r["amount"] for r in rows], _name_value(wb, "PAC_ABC_A"), _name_value(wb, "PAC_ABC_B"))
    assert [r["abc"] for r in rows] == list(expected.classes)


# --- spreadsheets as sources, --sheet and --map, progress -------------------------------------


def test_wide_xlsx_with_date_headers_sheet_and_map(wb_copy, tmp_path, facts):
    import datetime as dt

    src = tmp_path / "export.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active["A1"] = "nothing to import here"
    ws = book.create_sheet("Budget")
    ws.append(["Budget commercial"])  # a title row above the header
    ws.append(["Intitulé", "Compte", *(dt.datetime(facts.year, m, 1) for m in (1, 2, 3)), "Total"])
    ws.append(["Salon", 6231, 1000.5, None, 250, 1250.5])
    ws.append(["Sous-total", None, 1000.5, None, 250, 1250.5])
    book.save(src)
    result = run("budget", wb_copy, src, "--sheet", "Budget", "--map", "Intitulé=label", "--map", "Compte=ignore",
                 "--no-backup")
    assert result.exit_code == 0, result.output
    assert "lignes lues : 2, importées : 1, ignorées : 1" in result.stdout
    rows = _budget_rows(wb_copy)
    assert [(r[3], r[4], r[5], r[6]) for r in rows] == [("Salon", 1000.5, None, 250)]


def test_progress_is_reported_step_by_step(wb_copy, tmp_path, facts):
    steps = []
    csv = write(tmp_path, "b.csv", f"Libellé;Mois;Montant\nA;01/{facts.year};1\n")
    import_file("budget", wb_copy, csv, backup=False, progress=lambda s, done, total: steps.append((s, done, total)))
    assert [s for s, _, _ in steps] == [
        "opening the workbook", "reading the file", "checking the rows", "writing", "saving", "done"
    ]
    assert [d for _, d, _ in steps] == [0, 1, 2, 3, 4, 5] and {t for _, _, t in steps} == {5}


def test_no_progress_bar_off_a_terminal():
    from pacxl.io.show import progress_bar

    with progress_bar() as progress:  # pytest captures stderr: not a terminal
        assert progress is None


# --- an .xlsm plan keeps its macros through a full import -------------------------------------


def _as_xlsm(xlsx: Path, xlsm: Path, vba: bytes) -> Path:
    """The demo as Excel saves it with macros: workbook part typed macro-enabled, a vbaProject
    part with its content type and its relationship from the workbook."""
    import zipfile

    with zipfile.ZipFile(xlsx) as src, zipfile.ZipFile(xlsm, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                ).replace(b"</Types>", b'<Default Extension="bin" '
                          b'ContentType="application/vnd.ms-office.vbaProject"/></Types>')
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdVba" Type="http://schemas'
                                    b'.microsoft.com/office/2006/relationships/vbaProject" '
                                    b'Target="vbaProject.bin"/></Relationships>')
            out.writestr(info.filename, data)
        out.writestr("xl/vbaProject.bin", vba)
    return xlsm


def test_xlsm_demo_keeps_its_macros_and_extension_through_pacxl_import(demo, tmp_path, facts):
    import zipfile

    vba = b"\xd0\xcf\x11\xe0 fake VBA project of the PacxlImport module \x00\x01" * 8
    plan = _as_xlsm(demo, tmp_path / "plan.xlsm", vba)
    before = snapshot(plan, "tblBudget")
    csv = write(tmp_path, "budget.csv", budget_csv(facts.year))
    result = run("budget", plan, csv)
    assert result.exit_code == 0, result.output
    assert re.search(r"écrit :\s+\S*plan\.xlsm", result.output.replace("\n", ""))
    # the plan is still plan.xlsm, its backup an .xlsm too, nothing else left behind
    assert sorted(p.suffix for p in tmp_path.iterdir() if p.name.startswith("plan")) == [".xlsm", ".xlsm"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".plan")]
    with zipfile.ZipFile(plan) as z:
        assert z.read("xl/vbaProject.bin") == vba
        types = z.read("[Content_Types].xml")
        assert b"application/vnd.ms-excel.sheet.macroEnabled.main+xml" in types
        assert b"application/vnd.ms-office.vbaProject" in types
        rels = z.read("xl/_rels/workbook.xml.rels")
        assert b"relationships/vbaProject" in rels and b'Target="vbaProject.bin"' in rels
    # the import did happen, and nothing outside the budget table changed
    assert [r[0] for r in _budget_rows(plan)] == ["N-01", "N-02", "N-03", "N-04", "N-05"]
    after = snapshot(plan, "tblBudget")
    assert after["names"] == before["names"]
    for title in before["sheets"]:
        assert after["sheets"][title] == before["sheets"][title], title
