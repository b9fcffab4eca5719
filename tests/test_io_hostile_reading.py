"""Reading finance's files (issue 11): the inputs that gave wrong numbers silently, or exhausted
memory and time. Every hostile file is built here by code."""

from __future__ import annotations

import hashlib
import io
import shutil
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from pacxl.cli import main
from pacxl.errors import FileFormatError, InputError
from pacxl.io import parse_file
from pacxl.io.read import parse_number, read_table
from pacxl.io.result import WorkbookContext

CTX = WorkbookContext(
    year=2027,
    kpis=[{"id": "K1", "name": "Chiffre d'affaires", "kind": "CA"},
          {"id": "K3", "name": "Taux de transformation", "kind": "Taux"}],
    budget=[{"id": "B01", "label": "Salon Batimat", "actual": None}],
)
CTX_EN = WorkbookContext(year=2027, lang="en", kpis=CTX.kpis, budget=CTX.budget)


def parse_csv(kind: str, text: str, ctx: WorkbookContext = CTX, **kw):
    return parse_file(kind, io.BytesIO(text.encode("utf-8")), ctx, name=f"{kind}.csv", **kw)


def xlsx(sheets: dict[str, list[list]], *, hidden: tuple[str, ...] = (), errors: dict | None = None,
         merged: tuple[str, ...] = ()) -> bytes:
    """An XLSX made by openpyxl: ``errors`` {(sheet, "B3"): "#DIV/0!"} are error cells (type e)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
        if title in hidden:
            ws.sheet_state = "hidden"
        for ref in merged:
            ws.merge_cells(ref)
    for (title, ref), code in (errors or {}).items():
        cell = wb[title][ref]
        cell.value, cell.data_type = code, "e"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def ods(rows: list[list[tuple[str, str]]]) -> bytes:
    """A minimal ODS: each cell is (value type, text); type "error" is a LibreOffice error cell."""
    def cell(kind: str, text: str) -> str:
        if kind == "float":
            return f'<table:table-cell office:value-type="float" office:value="{text}"><text:p>{text}</text:p></table:table-cell>'
        if kind == "error":
            return ('<table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" '
                    f'calcext:value-type="error"><text:p>{text}</text:p></table:table-cell>')
        return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'

    body = "".join("<table:table-row>" + "".join(cell(*c) for c in r) + "</table:table-row>" for r in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Feuille1">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", manifest)
    return out.getvalue()


# --- the CLI on a real workbook: refused means one line, exit 2, nothing written ---------------


@pytest.fixture
def wb_copy(demo_fr_path, tmp_path) -> Path:
    """A copy of the French demo workbook (built once per session by conftest)."""
    return Path(shutil.copy(demo_fr_path, tmp_path / "plan.xlsx"))


def digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def run(*args):
    return CliRunner().invoke(main, ["import", *map(str, args)])


def test_error_cell_in_xlsx_is_refused_like_in_csv(wb_copy, tmp_path):
    rows = [["Code client", "Raison sociale", "CA HT"], ["C1", "Alpha", 1000], ["C2", "Beta", None],
            ["C3", "Gamma", 300]]
    src = tmp_path / "clients.xlsx"
    src.write_bytes(xlsx({"Export": rows}, errors={("Export", "C3"): "#DIV/0!"}))
    before = digest(wb_copy)
    result = run("customers", wb_copy, src)
    assert (result.exit_code, result.stderr) == (
        2, "Erreur : clients.xlsx, ligne 3, colonne « CA HT » : « #DIV/0! » est une valeur d'erreur du tableur "
           "(une formule en échec) ; corrigez le fichier source et exportez-le à nouveau\n")  # a French workbook
    assert digest(wb_copy) == before
    assert sorted(f.name for f in tmp_path.iterdir()) == ["clients.xlsx", "plan.xlsx"]
    csv = tmp_path / "clients.csv"
    csv.write_text("Code client;Raison sociale;CA HT\nC1;Alpha;1000\nC2;Beta;#DIV/0!\nC3;Gamma;300\n")
    result = run("customers", wb_copy, csv)
    assert (result.exit_code, result.stderr) == (
        2, "Erreur : clients.csv, ligne 3, colonne « CA HT » : « #DIV/0! » est une valeur d'erreur du tableur "
           "(une formule en échec) ; corrigez le fichier source et exportez-le à nouveau\n")
    assert digest(wb_copy) == before


def test_error_cell_in_a_text_column_and_in_ods_is_refused():
    data = xlsx({"S": [["Libellé", "Mois", "Montant"], ["Salon", "01/2027", 5], [None, "02/2027", 7]]},
                errors={("S", "A3"): "#N/A"})
    with pytest.raises(InputError, match=r'^b\.xlsx, row 3, column "Libellé": "#N/A" is an error value'):
        parse_file("budget", io.BytesIO(data), CTX, name="b.xlsx")
    data = ods([[("string", "Libellé"), ("string", "Mois"), ("string", "Montant")],
                [("string", "Salon"), ("string", "01/2027"), ("float", "5")],
                [("string", "Radio"), ("string", "02/2027"), ("error", "#DIV/0!")]])
    with pytest.raises(InputError, match=r'^b\.ods, row 3, column "Montant": "#DIV/0!" is an error value'):
        parse_file("budget", io.BytesIO(data), CTX, name="b.ods")


def test_hidden_sheet_is_skipped_and_the_sheet_read_is_named(wb_copy, tmp_path):
    stale = [["Code client", "Raison sociale", "CA HT"], ["OLD", "Ancien", 1]]
    fresh = [["Code client", "Raison sociale", "CA HT"], ["C1", "Alpha", 1000], ["C2", "Beta", 2000]]
    src = tmp_path / "clients.xlsx"
    src.write_bytes(xlsx({"2025": stale, "2026": fresh}, hidden=("2025",)))
    result = run("customers", wb_copy, src, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "feuille lue : « 2026 » (feuilles masquées ignorées : « 2025 »" in result.stdout
    assert "3 000,00" in result.stdout.replace("\u202f", " ")
    r = parse_file("customers", io.BytesIO(src.read_bytes()), CTX, name="clients.xlsx", sheet="2025")
    assert [e["code"] for e in r.rows] == ["OLD"]
    assert r.notices[0] == "feuille lue : « 2025 »"


def test_only_hidden_sheets_hold_data():
    data = xlsx({"Vide": [], "Cachée": [["Libellé", "Montant"], ["A", 1]]}, hidden=("Cachée",))
    with pytest.raises(FileFormatError, match=r"^b\.xlsx: no data in any sheet \(hidden sheets skipped: Cachée"):
        read_table(io.BytesIO(data), name="b.xlsx")


DUPLICATE = "Code client;Raison sociale;Montant;Segment;Montant\nC1;Alpha;1;Industrie;1000\nC2;Beta;2;Industrie;2000\n"


def test_duplicate_headers_are_named_by_position():
    with pytest.raises(InputError) as e:
        parse_csv("customers", DUPLICATE)
    assert str(e.value) == (
        'customers.csv: columns "Montant" (#3) and "Montant" (#5) both look like the field "amount"; say which by '
        'position (1 = first column) with --map "#3=amount" --map "#5=ignore"'
    )
    r = parse_csv("customers", DUPLICATE, mapping=["#5=amount", "#3=ignore"])
    assert [e["amount"] for e in r.rows] == [1000, 2000]
    with pytest.raises(InputError, match=r'^--map "Montant=ignore": column "Montant" is mapped twice; when two '
                                         r'columns share a header, name them by position'):
        parse_csv("customers", DUPLICATE, mapping=["Montant=amount", "Montant=ignore"])
    with pytest.raises(InputError, match=r'2 columns are named "Montant" \(#3, #5\); name one by position: '
                                         r'--map "#3=amount"'):
        parse_csv("customers", DUPLICATE, mapping=["Montant=amount"])
    with pytest.raises(InputError, match=r'--map "#9=amount": no column #9 \(the header has 5 columns\)'):
        parse_csv("customers", DUPLICATE, mapping=["#9=amount"])


def test_names_starting_like_a_total_are_customers_not_totals():
    r = parse_csv("customers", (
        "Code client;Raison sociale;CA HT\n"
        "C1;TOTAL Énergies;250 000\n"
        "C2;Total Energies Marketing France;120 000\n"
        "C3;Sous-total Services SARL;500\n"
        "C4;Dupont;1 000\n"
        ";Total;371 500\n"
    ))
    assert [e["name"] for e in r.rows] == ["TOTAL Énergies", "Total Energies Marketing France",
                                           "Sous-total Services SARL", "Dupont"]
    assert r.total == 371_500
    assert [s.line for s in r.skipped] == [6]
    r = parse_csv("customers", "Code client;Raison sociale;CA HT\nC1;Alpha;100\nTotal;;99\n")  # "Total" as the code
    assert [e["code"] for e in r.rows] == ["C1"]


def test_a_total_row_is_told_by_its_sum_when_there_is_no_code_column():
    r = parse_csv("customers", (
        "Raison sociale;CA HT\nAlpha;100\nBeta;200\nTotal industrie;300\nTOTAL Énergies;50\nTotal général;350\n"
    ))
    assert [e["name"] for e in r.rows] == ["Alpha", "Beta", "TOTAL Énergies"]
    assert [s.line for s in r.skipped] == [4, 6]


def test_budget_line_named_like_a_subtotal_is_a_line():
    r = parse_csv("budget", (
        "Ligne;Libellé;Mois;Montant\n"
        "B1;Sous-total Services SARL;01/2027;1 000\n"
        "B2;Salon;01/2027;500\n"
        ";Sous-total;;1 500\n"
    ))
    assert [row["label"] for row in r.rows] == ["Sous-total Services SARL", "Salon"]
    assert r.total == 1500


@pytest.mark.parametrize("value, expected", [("27", 0.27), ("27 %", 0.27), ("0,27", 0.27), ("100", 1.0),
                                             ("1", 1.0)])
def test_rate_actual_typed_as_a_percentage(value, expected):
    r = parse_csv("actuals", f"Indicateur;Mois;Réel\nK3;01/2027;{value}\nK1;01/2027;27\n")
    assert r.kpi_actuals["K3"] == {1: pytest.approx(expected)}
    assert r.kpi_actuals["K1"] == {1: 27}  # not a rate: as typed
    said = "indicateur de taux K3 : valeurs supérieures à 1 sans signe % lues en pourcentage (27 -> 27 %)"
    assert (said in r.notices) == (value in ("27", "100"))


def test_rate_actual_above_100_is_refused():
    with pytest.raises(InputError) as e:
        parse_csv("actuals", "Indicateur;Mois;Réel\nK3;01/2027;150\n")
    assert str(e.value) == ('actuals.csv, line 2, column "Réel": "150" is not a rate for KPI K3 '
                            "(write 27 % or 0.27 for 27 %)")


@pytest.mark.parametrize("text", ["(-500)", "--300", "-(300)", "(500)-", "1e400", "9" * 400, "-1E999 €"])
def test_double_negatives_and_infinite_numbers_are_refused(text):
    from pacxl.io.read import NotANumber

    with pytest.raises(NotANumber):
        parse_number(text)


def test_double_negative_in_a_file_names_the_cell():
    with pytest.raises(InputError, match=r'^customers\.csv, line 3, column "CA": "\(-500\)" is not an amount$'):
        parse_csv("customers", "Code;Nom;CA\nC1;A;100\nC2;B;(-500)\n")


def test_comma_with_three_digits_everywhere_is_warned():
    text = "Code;Nom;CA\nC1;A;\"1,200\"\nC2;B;\"12,500\"\n"
    r = parse_csv("customers", text, CTX_EN)
    assert [e["amount"] for e in r.rows] == [1.2, 12.5]  # read as decimal commas, but said
    assert r.warnings == ['customers.csv, column "CA": every value has three digits after a lone comma '
                          '("1,200" read as 1.2); if the comma separates thousands, remove it in the source']
    r = parse_csv("customers", "Code;Nom;CA\nC1;A;1,200\nC2;B;12,50\n")
    assert r.warnings == []


def test_mac_roman_csv_is_read_as_mac_roman():
    text = "Libellé;Catégorie;Mois;Montant\nSalon été;Événements;01/2027;1 200\nCafé à Noël;Réception;02/2027;80\n"
    table = read_table(io.BytesIO(text.encode("mac_roman")), name="b.csv")
    assert table.encoding == "mac_roman"
    assert table.rows[1][1][:2] == ["Salon été", "Événements"]
    assert table.rows[2][1][0] == "Café à Noël"
    # Windows-1252 stays Windows-1252
    table = read_table(io.BytesIO(text.encode("cp1252")), name="b.csv")
    assert (table.encoding, table.rows[1][1][0]) == ("cp1252", "Salon été")


def test_merged_category_cells_are_filled_down():
    rows = [["Catégorie", "Libellé", "Mois", "Montant"], ["Digital", "Ads", "01/2027", 10],
            [None, "SEO", "01/2027", 20], [None, "Emailing", "02/2027", 30], ["Salons", "Batimat", "03/2027", 40]]
    data = xlsx({"Budget": rows}, merged=("A2:A4",))
    r = parse_file("budget", io.BytesIO(data), CTX, name="b.xlsx")
    assert [(row["label"], row["category"]) for row in r.rows] == [
        ("Ads", "Digital"), ("SEO", "Digital"), ("Emailing", "Digital"), ("Batimat", "Salons")]


# --- resources -----------------------------------------------------------------------------------


def test_a_big_csv_is_read_without_copies_of_the_whole_file(tmp_path):
    """~50 MB: what reading needs beyond the table it returns stays a small fraction of the file
    (the old reader held the bytes and the decoded text whole: 2x the file on top of the table)."""
    path = tmp_path / "big.csv"
    label = "x" * 480
    line = f"{label};01/2027;1 234,56\n"
    with open(path, "w", encoding="cp1252", newline="") as fh:
        fh.write("Libellé;Mois;Montant\n")
        fh.write("Salon été;01/2027;1\n")
        for _ in range(100_000):
            fh.write(line)
    size = path.stat().st_size
    assert size > 45 * 2**20
    tracemalloc.start()
    try:
        table = read_table(path)
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(table.rows) == 100_002 and table.encoding == "cp1252"
    assert peak - current < 0.25 * size


def test_limits_are_enforced_before_the_file_is_read_whole(tmp_path, monkeypatch):
    from pacxl.io import csvfile, read

    monkeypatch.setattr(read, "MAX_CSV_BYTES", 10_000)
    monkeypatch.setattr(read, "MAX_SPREADSHEET_BYTES", 10_000)
    path = tmp_path / "big.csv"
    path.write_text("a;b\n" + "1;2\n" * 5000)
    with pytest.raises(FileFormatError, match=r"^big\.csv: refused, more than 0 MiB"):
        read_table(path)
    monkeypatch.setattr(csvfile, "MAX_ROWS", 100)

    stream = io.BytesIO(b"a;b\n" + b"1;2\n" * 500_000)
    with pytest.raises(FileFormatError, match=r"^r\.csv: refused, more than 100 rows"):
        read_table(stream, name="r.csv")


def test_wide_header_is_refused_or_named_in_a_short_line():
    data = (";".join(f"C{i}" for i in range(20_000)) + "\n" + ";".join("1" * 20_000) + "\n").encode()
    with pytest.raises(FileFormatError, match=r"^w\.csv: refused, 20000 columns \(more than 16384"):
        read_table(io.BytesIO(data), name="w.csv")
    data = (";".join(f"Colonne {i}" for i in range(5000)) + "\n" + ";".join("1" * 5000) + "\n").encode()
    with pytest.raises(InputError) as e:
        parse_file("budget", io.BytesIO(data), CTX, name="w.csv")
    assert len(str(e.value)) < 800
    assert '"Colonne 11" ... and 4988 more' in str(e.value)


def test_read_is_split_by_responsibility_and_keeps_its_names():
    import pacxl.io.read as read

    for name in ("parse_number", "parse_amount", "sniff_decimal", "NotANumber", "parse_month", "month_of_header",
                 "NotAMonth", "plan_month", "month_label", "match_headers", "field_of_header", "Field",
                 "read_table", "RawTable", "decode_text", "sniff_separator", "format_amount", "normalize"):
        assert hasattr(read, name), name
    folder = Path(read.__file__).parent
    sizes = {p.name: len(p.read_text().splitlines()) for p in folder.glob("*.py")}
    assert max(sizes.values()) <= 600, sizes
