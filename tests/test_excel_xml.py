"""The workbook's XML as Excel writes it (issue 12, "It opens right in Excel"): read from the
saved files, since openpyxl's objects hide what reaches the disk."""

from __future__ import annotations

import re
import zipfile

import pytest
from openpyxl.utils import range_boundaries

SHEET_XML = re.compile(r"xl/worksheets/sheet\d+\.xml")


def sheet_xml(path) -> dict[str, str]:
    """Part name -> text of every worksheet of the saved workbook ``path``."""
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if SHEET_XML.fullmatch(n)}


@pytest.mark.parametrize("name", ["blank_fr", "blank_en", "demo_fr", "demo_en"])
def test_list_validations_have_no_equal_sign(generated_workbooks, name):
    """Excel writes a list's source as ``<formula1>PAC_Owners</formula1>``; a leading "=" is
    LibreOffice's habit, not Excel's."""
    sources = [f for xml in sheet_xml(generated_workbooks[name]).values()
               for f in re.findall(r"<formula1>([^<]*)</formula1>", xml)]
    assert len(sources) >= 12
    assert not [f for f in sources if f.startswith("=")]
    assert "PAC_Owners" in sources


@pytest.mark.libreoffice
def test_libreoffice_keeps_the_lists(recalculated_workbooks):
    """LibreOffice reads the sources without "=" as names: its own save keeps the lists."""
    sources = {f for xml in sheet_xml(recalculated_workbooks["demo_fr"]).values()
               for f in re.findall(r'type="list"[^>]*><formula1>([^<]*)</formula1>', xml)}
    assert {"PAC_Owners", "PAC_Statuses", "tblObjectives_id"} <= sources


def optional_decimals_only(code: str) -> bool:
    """Whether a number format has a section whose decimals are all optional (``#,##0.##``):
    Excel shows a whole number in it with a trailing separator ("600 000,")."""
    code = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code)  # literal text and [conditions]
    return any(re.search(r"\.#+(?![0#?])", section) for section in code.split(";"))


def test_optional_decimals_detected():
    assert optional_decimals_only("#,##0.##")
    assert optional_decimals_only('0;-#,##0.# "€"')
    assert not optional_decimals_only("#,##0.0#")
    assert not optional_decimals_only('#,##0 "m.#"')
    assert not optional_decimals_only("DD/MM/YYYY")


@pytest.mark.parametrize("name", ["blank_fr", "demo_en", "demo_fr_udfs"])
def test_number_formats_read_the_same_in_excel_and_libreoffice(generated_workbooks, name):
    """Every format of a cell or of a conditional format shows whole numbers without a trailing
    separator: no optional-only decimals."""
    import openpyxl

    wb = openpyxl.load_workbook(generated_workbooks[name])
    codes = {c.number_format for ws in wb.worksheets for row in ws.iter_rows() for c in row}
    codes |= {r.dxf.numFmt.formatCode for ws in wb.worksheets for cf in ws.conditional_formatting
              for r in cf.rules if r.dxf is not None and r.dxf.numFmt is not None}
    assert "#,##0.0#" in codes  # the fractions' conditional format (Objectives)
    assert not [c for c in codes if optional_decimals_only(c)]


# --- cached values: previews show the figures -------------------------------------------------


def formula_cells(path) -> dict[str, dict[str, str]]:
    """Sheet title -> cell -> the ``<v>`` element of every formula cell, as saved."""
    from pacxl.workbook.xlsxml import sheet_parts

    out = {}
    with zipfile.ZipFile(path) as z:
        for title, part in sheet_parts(z).items():
            xml = z.read(part).decode("utf-8")
            out[title] = dict(re.findall(r'<c r="([A-Z]+[0-9]+)"[^>]*><f>[^<]*</f>(<v ?/>|<v>[^<]*</v>)', xml))
    return out


def assert_same_values(got: dict, want: dict) -> int:
    """Every formula cell of ``want`` (LibreOffice's) has the same cached value in ``got``:
    same type, numbers to 1e-9, text exactly. Returns the number of cells compared."""
    n = 0
    assert sorted(got) == sorted(want)
    for title, cells in want.items():
        assert sorted(got[title]) == sorted(cells), title
        for coord, (kind, text) in cells.items():
            gk, gt = got[title][coord]
            assert gk == kind, (title, coord, got[title][coord], (kind, text))
            if kind == "n":
                assert abs(float(gt) - float(text)) <= 1e-9 * max(1.0, abs(float(text))), (title, coord)
            else:
                assert gt == text, (title, coord)
            n += 1
    return n


@pytest.mark.libreoffice
@pytest.mark.parametrize("name,generated", [("pac_fr.xlsx", "blank_fr"), ("pac_en.xlsx", "blank_en"),
                                            ("pac_demo_fr.xlsx", "demo_fr")])
def test_shipped_templates_carry_libreoffice_values(recalculated_workbooks, name, generated):
    """Every formula cell of a shipped template holds what LibreOffice computes from the same plan
    (recalculated from a copy written without values)."""
    from pacxl.workbook.templates import shipped_template
    from pacxl.workbook.xlsxml import cached_values

    shipped = shipped_template(name)
    assert not [c for cells in formula_cells(shipped).values() for c, v in cells.items()
                if not v.startswith("<v>")], "formula cells without a value"
    n = assert_same_values(cached_values(shipped), cached_values(recalculated_workbooks[generated]))
    assert n > 2000


@pytest.mark.libreoffice
def test_demo_command_writes_libreoffice_values(tmp_path, recalculated_workbooks):
    import openpyxl
    from click.testing import CliRunner

    from pacxl.cli import main
    from pacxl.workbook.xlsxml import cached_values

    out = tmp_path / "demo.xlsx"
    res = CliRunner().invoke(main, ["demo", str(out), "--lang", "en"])
    assert res.exit_code == 0 and res.output == f"Wrote {out} (en, demo)\n", res.output
    assert_same_values(cached_values(out), cached_values(recalculated_workbooks["demo_en"]))
    # what a reader of cached values (openpyxl data_only, pandas, a preview) sees
    values = openpyxl.load_workbook(out, data_only=True)
    lo = openpyxl.load_workbook(recalculated_workbooks["demo_en"], data_only=True)
    ws = values["Dashboard"]
    seen = [c.value for row in ws.iter_rows() for c in row]
    assert seen == [c.value for row in lo["Dashboard"].iter_rows() for c in row]
    assert sum(isinstance(v, (int, float)) and v != 0 for v in seen) > 20
    # and the workbook keeps its formulas and Excel's recalculation on opening
    book = openpyxl.load_workbook(out)
    assert book.calculation.fullCalcOnLoad


def test_new_borrows_a_shipped_templates_values(tmp_path):
    """``pacxl new`` with a shipped template's options gets its values (no LibreOffice); with
    other options the cells stay without a value (Excel computes them when editing starts)."""
    from click.testing import CliRunner

    from pacxl.cli import main
    from pacxl.workbook.templates import TEMPLATE_YEAR, shipped_template

    same, other = tmp_path / "same.xlsx", tmp_path / "other.xlsx"
    assert CliRunner().invoke(main, ["new", str(same), "--lang", "en", "--year", str(TEMPLATE_YEAR)]).exit_code == 0
    assert CliRunner().invoke(main, ["new", str(other), "--lang", "en", "--year", str(TEMPLATE_YEAR + 1)]).exit_code == 0
    assert formula_cells(same) == formula_cells(shipped_template("pac_en.xlsx"))
    values = {v for cells in formula_cells(other).values() for v in cells.values()}
    assert values <= {"<v />", "<v/>"}
    # the same workbook otherwise: its own inputs, formulas and year
    import openpyxl

    assert openpyxl.load_workbook(other)["Settings"]["B6"].value == TEMPLATE_YEAR + 1


def test_demo_without_libreoffice(tmp_path, monkeypatch):
    """No LibreOffice: the French demo is the shipped one, values included; another demo is
    written without values and says so."""
    from click.testing import CliRunner

    import pacxl.recalc
    from pacxl.cli import main
    from pacxl.workbook.templates import shipped_template

    monkeypatch.setattr(pacxl.recalc, "soffice_path", lambda: None)
    fr, en = tmp_path / "fr.xlsx", tmp_path / "en.xlsx"
    res = CliRunner().invoke(main, ["demo", str(fr)])
    assert res.exit_code == 0 and res.output == f"Wrote {fr} (fr, demo)\n"
    assert formula_cells(fr) == formula_cells(shipped_template("pac_demo_fr.xlsx"))
    res = CliRunner().invoke(main, ["demo", str(en), "--lang", "en"])
    assert res.exit_code == 0 and "Enable Editing" in res.output
    assert {v for cells in formula_cells(en).values() for v in cells.values()} <= {"<v />", "<v/>"}


def test_values_written_with_their_types():
    """Numbers without a type, text t="str" (empty text too), booleans t="b", errors t="e"; a cell
    without a value stays as it was; taking the values out gives openpyxl's XML back."""
    from pacxl.workbook.xlsxml import _with_values, without_values

    xml = ('<sheetData><row r="1"><c r="A1" s="3"><f>1+1</f><v /></c><c r="B1"><f>"a&lt;b"</f><v /></c>'
           '<c r="C1"><f>""</f><v /></c><c r="D1"><f>1=1</f><v /></c><c r="E1"><f>NA()</f><v /></c>'
           '<c r="F1"><f>G1</f><v /></c><c r="G1" t="s"><v>0</v></c></row></sheetData>')
    done = _with_values(xml, {"A1": ("n", "2"), "B1": ("str", "a<b"), "C1": ("str", ""),
                              "D1": ("b", "1"), "E1": ("e", "#N/A")})
    assert '<c r="A1" s="3"><f>1+1</f><v>2</v></c>' in done
    assert '<c r="B1" t="str"><f>"a&lt;b"</f><v>a&lt;b</v></c>' in done
    assert '<c r="C1" t="str"><f>""</f><v></v></c>' in done
    assert '<c r="D1" t="b"><f>1=1</f><v>1</v></c>' in done
    assert '<c r="E1" t="e"><f>NA()</f><v>#N/A</v></c>' in done
    assert '<c r="F1"><f>G1</f><v /></c>' in done
    assert without_values(done) == xml


# --- ignoredErrors: codes stored as text on purpose ------------------------------------------

WORKSHEET_ORDER = ("sheetData", "sheetProtection", "conditionalFormatting", "dataValidations",
                   "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks",
                   "colBreaks", "ignoredErrors", "drawing", "legacyDrawing", "tableParts", "extLst")


def test_identifier_columns_ignore_number_stored_as_text(generated_workbooks):
    """Customer codes, action, objective, KPI (and its numerator, denominator, stage) and budget line IDs are text (00123 keeps its
    zeros): Excel's "number stored as text" triangle is switched off over each table's capacity,
    in the place ECMA-376 gives ignoredErrors among a worksheet's elements."""
    import openpyxl

    path = generated_workbooks["demo_fr"]
    wb = openpyxl.load_workbook(path)
    from pacxl.workbook.tables import find_table
    from pacxl.workbook.xlsxml import sheet_parts

    with zipfile.ZipFile(path) as z:
        parts = sheet_parts(z)
        xml = {title: z.read(part).decode() for title, part in parts.items()}
    ws, tbl = find_table(wb, "tblCustomers")
    last = range_boundaries(tbl.ref)[3]
    blocks = re.findall(r"<ignoredErrors>.*?</ignoredErrors>", xml[ws.title])
    assert blocks == [f'<ignoredErrors><ignoredError sqref="A5:A{last}" numberStoredAsText="1"/></ignoredErrors>']
    for table, n_ids in (("tblActions", 2), ("tblObjectives", 1), ("tblKPI", 5), ("tblBudget", 2)):
        ws, tbl = find_table(wb, table)
        (block,) = re.findall(r'<ignoredError sqref="([^"]*)"', xml[ws.title])
        assert len(block.split()) == n_ids, (table, block)
        last_row = range_boundaries(tbl.ref)[3]
        assert all(range_boundaries(r)[3] == last_row for r in block.split()), (table, block)
    for title, text in xml.items():
        tags = [t for t in re.findall(r"<(\w+)[ />]", text) if t in WORKSHEET_ORDER]
        order = [WORKSHEET_ORDER.index(t) for t in tags]
        assert order == sorted(order), (title, tags)


@pytest.mark.libreoffice
def test_libreoffice_reads_the_ignored_errors(recalculated_workbooks):
    """LibreOffice opens the files (it computed every sheet) and keeps the identifier codes as
    text."""
    import openpyxl

    wb = openpyxl.load_workbook(recalculated_workbooks["demo_fr"], data_only=True)
    codes = [r[0] for r in wb["Clients"].iter_rows(min_row=5, max_row=30, values_only=True)]
    assert codes and all(isinstance(c, str) for c in codes if c is not None)


def test_import_keeps_the_ignored_errors(tmp_path, generated_workbooks):
    """openpyxl drops ignoredErrors when it reads a workbook: pacxl's save puts them back."""
    import shutil

    from pacxl.io.save import open_workbook, save_workbook

    path = tmp_path / "pac.xlsx"
    shutil.copy(generated_workbooks["blank_fr"], path)
    before = {t: re.findall(r"<ignoredErrors>.*?</ignoredErrors>", x) for t, x in sheet_xml(path).items()}
    save_workbook(open_workbook(path), path, backup=False)
    after = {t: re.findall(r"<ignoredErrors>.*?</ignoredErrors>", x) for t, x in sheet_xml(path).items()}
    # one block per sheet with a text identifier column: the five tables, Revisions and Baseline
    assert after == before and sum(map(len, after.values())) == 7


# --- charts: Excel and LibreOffice draw the same gaps -----------------------------------------


def chart_xml(path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return [z.read(n).decode() for n in sorted(z.namelist()) if n.startswith("xl/charts/chart")]


def test_charts_leave_gaps(generated_workbooks):
    """Every chart says blanks are gaps; the Pareto line plots its hidden helper column (the
    chart then plots hidden cells), not the visible column that shows "" (0 % in Excel)."""
    from pacxl.workbook.sheets.customers import CHART_GAP_COL

    charts = chart_xml(generated_workbooks["blank_fr"])
    assert charts and all('<dispBlanksAs val="gap"' in c for c in charts)
    pareto = next(c for c in charts if "<lineChart>" in c)
    letter = chr(ord("A") + CHART_GAP_COL - 1)
    line = pareto[pareto.index("<lineChart>"):pareto.index("</lineChart>")]
    assert f"'Clients'!${letter}$16:${letter}$35" in line
    assert '<plotVisOnly val="0"' in pareto


@pytest.mark.libreoffice
def test_pareto_gaps_are_na_in_libreoffice(recalculated_workbooks):
    """On a blank plan the helper cells are #N/A (a gap), not 0 or ""; on the sorted demo they
    are the cumulative shares the visible column shows."""
    import openpyxl

    from pacxl.workbook.sheets.customers import CHART_GAP_COL, PARETO_POINTS, PARETO_ROW, chart_gap_cells

    rows = range(PARETO_ROW + 1, PARETO_ROW + PARETO_POINTS + 1)
    blank = openpyxl.load_workbook(recalculated_workbooks["blank_fr"], data_only=True)["Clients"]
    assert [blank.cell(row=r, column=CHART_GAP_COL).value for r in rows] == ["#N/A"] * PARETO_POINTS
    assert blank.column_dimensions[chr(ord("A") + CHART_GAP_COL - 1)].hidden
    demo = openpyxl.load_workbook(recalculated_workbooks["demo_fr"], data_only=True)["Clients"]
    shares = [demo.cell(row=r, column=CHART_GAP_COL).value for r in rows]
    assert shares == [demo.cell(row=r, column=CHART_GAP_COL - 3).value for r in rows]
    assert all(isinstance(v, (int, float)) for v in shares) and shares[-1] == pytest.approx(1.0)
    assert len(chart_gap_cells("fr")) == PARETO_POINTS
