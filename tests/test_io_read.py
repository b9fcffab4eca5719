"""Reading what French finance tools export: encodings, separators, numbers, months, headers."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from pacxl.errors import FileFormatError, InputError
from pacxl.io.read import (
    Field,
    NotAMonth,
    NotANumber,
    field_of_header,
    match_headers,
    month_of_header,
    parse_amount,
    parse_month,
    parse_number,
    plan_month,
    read_table,
    sniff_decimal,
)


def csv_table(text: str | bytes, name: str = "f.csv"):
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    return read_table(io.BytesIO(data), name=name)


# --- encodings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, encoding",
    [
        ("Libellé;Montant\nSalon;1 200 €\n".encode("utf-8"), "utf-8"),
        ("\ufeffLibellé;Montant\nSalon;1 200 €\n".encode("utf-8"), "utf-8-sig"),
        ("Libellé;Montant\nSalon;1 200 €\n".encode("cp1252"), "cp1252"),
        ("Libellé\tMontant\nSalon\t1 200 €\n".encode("utf-16"), "utf-16"),
    ],
)
def test_encodings_keep_accents_and_euro(data, encoding):
    t = csv_table(data)
    assert t.encoding == encoding
    assert t.rows[0][1] == ["Libellé", "Montant"]
    assert t.rows[1][1] == ["Salon", "1 200 €"]  # € is U+20AC, never \x80


def test_bytes_neither_utf8_nor_cp1252_are_refused():
    # 0x81 is undefined in cp1252 and invalid alone in UTF-8: no silent latin-1
    with pytest.raises(FileFormatError, match=r"^f\.csv: not a text file in UTF-8 or Windows-1252"):
        csv_table(b"a;b\n\x81;2\n")


@pytest.mark.parametrize(
    "data, message",
    [
        # a UTF-8 export with a line typed in a Windows-1252 editor: read as cp1252, "é" became "Ã©"
        ("Libellé;Montant\nSalon Lyon;1 200 €\n".encode("utf-8") + "Hôtel équipe;300\n".encode("cp1252"),
         "f.csv: mixes two encodings (line 1 is UTF-8, line 3 is Windows-1252); export it again as CSV UTF-8"),
        ("Poste;Montant\n".encode("cp1252") + "Salon;1 200 €\n".encode("utf-8") + "Café;3\n".encode("cp1252"),
         "f.csv: mixes two encodings (line 2 is UTF-8, line 3 is Windows-1252); export it again as CSV UTF-8"),
    ],
)
def test_mixed_encodings_are_refused_not_garbled(data, message):
    with pytest.raises(FileFormatError) as e:
        csv_table(data)
    assert str(e.value) == message


def test_windows_1252_accents_alone_are_not_taken_for_mixed():
    t = csv_table("Libellé;Montant\nÀ Éric, Ça été;1\nHôtel Ãtre;2\n".encode("cp1252"))
    assert t.encoding == "cp1252" and t.rows[1][1][0] == "À Éric, Ça été"


# --- separators and column counts -------------------------------------------------------------


@pytest.mark.parametrize("sep", [";", ",", "\t", "|"])
def test_separator_is_sniffed(sep):
    text = sep.join(["Libellé", "Mois", "Montant"]) + "\n" + sep.join(["Salon", "01/2027", '"1 200,50"']) + "\n"
    t = csv_table(text)
    assert t.separator == sep
    assert t.rows[1][1] == ["Salon", "01/2027", "1 200,50"]


def test_semicolon_wins_over_decimal_commas():
    t = csv_table("Libellé;Montant\nA;1,5\nB;2,25\n")
    assert t.separator == ";"
    assert [r[1] for r in t.rows[1:]] == [["A", "1,5"], ["B", "2,25"]]


def test_row_with_wrong_column_count_names_its_line():
    with pytest.raises(FileFormatError) as e:
        csv_table("Libellé;Mois;Montant\nA;01/2027;1\nB;02/2027;2;3;4\nC;03/2027;3\n", "budget.csv")
    assert str(e.value) == (
        "budget.csv, line 3: 5 columns where the file has 3 (separator: semicolon); "
        "check the quotes and separators of this line"
    )


def test_quoted_newline_keeps_line_numbers_of_the_file():
    t = csv_table('Libellé;Montant\n"two\nlines";1\nB;2\n')
    assert [line for line, _ in t.rows] == [1, 2, 4]


def test_trailing_empty_fields_and_title_rows_are_tolerated():
    t = csv_table("Budget 2027\n\nLibellé;Montant\nA;1;;\nB;2\n")
    assert [(line, cells) for line, cells in t.rows] == [
        (1, ["Budget 2027", ""]), (3, ["Libellé", "Montant"]), (4, ["A", "1"]), (5, ["B", "2"])
    ]


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "f.csv: the file is empty"),
        (b"  \r\n\r\n", "f.csv: the file is empty"),
        (b"Libelle\nSalon\nPub\n", "f.csv: only one column found; expected columns separated by ; , tab or |"),
        (b"a;b\n\x00\x01;2\n", "f.csv: not a CSV file (it holds binary data)"),
    ],
)
def test_unusable_csv_gives_a_clear_error(data, message):
    with pytest.raises(FileFormatError) as e:
        csv_table(data)
    assert str(e.value) == message


def test_random_bytes_named_xlsx():
    with pytest.raises(FileFormatError) as e:
        read_table(io.BytesIO(b"\x13\x37 not a spreadsheet at all"), name="budget.xlsx")
    assert str(e.value) == (
        "budget.xlsx: not a XLSX file (damaged, or another format renamed); "
        "save it again from your spreadsheet, or export it as CSV"
    )


def damaged_ole2(directory_bytes: int = 119) -> bytes:
    """An Excel 97-2003 (OLE2) file cut inside its directory sector: calamine panics in Rust on it."""
    import struct

    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
    header += b"\0" * 6 + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    header += struct.pack("<I", 0) + b"\xff" * 4 * 108  # the FAT is sector 0, the directory sector 1
    fat = struct.pack("<II", 0xFFFFFFFD, 0xFFFFFFFE) + b"\xff" * 4 * 126
    return header + fat + b"R\0o\0o\0t\0" + b"\0" * (directory_bytes - 8)


@pytest.mark.parametrize("size", [60, 119, 200])
def test_damaged_xls_is_a_clear_error_not_a_rust_panic(size, capfd):
    # pyo3 turns a Rust panic into PanicException, a BaseException that `except Exception` misses
    with pytest.raises(FileFormatError) as e:
        read_table(io.BytesIO(damaged_ole2(size)), name="budget.xls")
    assert str(e.value) == "budget.xls: cannot be read as a spreadsheet (damaged file)"
    assert "panicked" not in capfd.readouterr().err  # nor the panic's text on the terminal


def test_zip_that_is_not_a_spreadsheet(tmp_path):
    import zipfile

    p = tmp_path / "budget.xlsx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(FileFormatError, match=r"^budget\.xlsx: a zip file, but not an XLSX or ODS spreadsheet$"):
        read_table(p)


def test_control_characters_are_removed():
    t = csv_table("Libellé;Montant\nSa\x01lon\x07;1\n")
    assert t.rows[1][1] == ["Salon", "1"]


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match=r"^nope\.csv: no such file$"):
        read_table(tmp_path / "nope.csv")


# --- spreadsheets -----------------------------------------------------------------------------


def test_xlsx_keeps_text_codes_and_dates(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Clients"
    ws.append(["Code client", "Raison sociale", "Date", "CA"])
    ws.append(["00123", "Dupont SA", dt.date(2027, 3, 5), 1200.5])
    ws.append([None, None, None, None])
    ws.append([456, "Martin", None, "1 000,00"])
    wb.create_sheet("Vide")
    p = tmp_path / "clients.xlsx"
    wb.save(p)
    t = read_table(p)
    assert t.format == "xlsx"
    assert t.sheet == "Clients"
    assert [line for line, _ in t.rows] == [1, 2, 4]  # blank row 3 left out, numbers kept
    assert t.rows[1][1][:2] == ["00123", "Dupont SA"]
    assert t.rows[1][1][2] == dt.date(2027, 3, 5)
    assert t.rows[2][1][0] == 456
    assert t.where(4, "CA") == 'clients.xlsx, sheet "Clients", row 4, column "CA"'


def test_xlsx_unknown_sheet(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Budget"
    wb.active.append(["a", "b"])
    p = tmp_path / "b.xlsx"
    wb.save(p)
    with pytest.raises(InputError) as e:
        read_table(p, sheet="Nope")
    assert str(e.value) == 'b.xlsx: no sheet "Nope"; sheets: "Budget"'


def test_ods_is_read(tmp_path):
    pytest.importorskip("odf")
    import pandas as pd

    p = tmp_path / "budget.ods"
    pd.DataFrame({"Libellé": ["Salon"], "Montant": [1200.5]}).to_excel(p, engine="odf", index=False)
    t = read_table(p)
    assert t.format == "ods"
    assert t.rows[0][1] == ["Libellé", "Montant"]
    assert t.rows[1][1] == ["Salon", 1200.5]


# --- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1234,56", 1234.56),
        ("1 234,56", 1234.56),
        ("1\u00a0234,56", 1234.56),  # no-break space
        ("1\u202f234,56", 1234.56),  # narrow no-break space (Excel, LibreOffice fr)
        ("1.234,56", 1234.56),
        ("1'234,56", 1234.56),
        ("1\u2019234.56", 1234.56),  # Swiss apostrophe
        ("1,234.56", 1234.56),
        ("1 234 567", 1234567.0),
        ("1 234,56 €", 1234.56),
        ("€1 234,56", 1234.56),
        ("1 234,56 EUR", 1234.56),
        ("EUR 12", 12.0),
        ("-1 234,56", -1234.56),
        ("(1 234,56)", -1234.56),
        ("1 234,56-", -1234.56),
        ("(1 234,56 €)", -1234.56),
        ("-1 234,56 €", -1234.56),
        ("\u22121 234,56", -1234.56),  # typographic minus
        ("+12", 12.0),
        ("12,5 %", 0.125),
        ("12,5%", 0.125),
        ("0,5", 0.5),
        (",5", 0.5),
        ("12.500", 12500.0),  # a lone dot and three digits: thousands (French)
        ("12.5", 12.5),
        ("1.5E+03", 1500.0),
        ("", None),
        ("   ", None),
        (None, None),
        (12.5, 12.5),
        (3, 3.0),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == pytest.approx(expected) if expected is not None else parse_number(text) is None


@pytest.mark.parametrize("text", ["abc", "12 abc", "1,23,4", "1.2.3,4,5", "--", "€", "1 2 3,4,5", "12..5", "1 23", "12 3456", True])
def test_parse_number_refuses(text):
    with pytest.raises(NotANumber):
        parse_number(text)


def test_amount_refuses_percent():
    with pytest.raises(NotANumber):
        parse_amount("12 %")


@pytest.mark.parametrize(
    "values, decimal",
    [
        (["1 000", "12,5"], ","),
        (["1.000", "12.5"], "."),
        (["1,000.00"], "."),
        (["1.000,00"], ","),
        (["1 000", "2 000"], None),
        (["12.500", "1.250"], None),
    ],
)
def test_sniff_decimal(values, decimal):
    assert sniff_decimal(values) == decimal


def test_column_decimal_settles_ambiguous_dot():
    assert parse_number("1.250", ".") == 1.25
    assert parse_number("1.250", ",") == 1250.0
    assert parse_number("1,250", ".") == 1250.0
    assert parse_number("1,250") == 1.25  # French by default


# --- months -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("15/03/2027", (2027, 3)),
        ("05/01/2027", (2027, 1)),  # day first, always
        ("12/01/2027", (2027, 1)),
        ("15-03-2027", (2027, 3)),
        ("15.03.2027", (2027, 3)),
        ("15/03/27", (2027, 3)),
        ("15/03/2027 10:30", (2027, 3)),
        ("03/2027", (2027, 3)),
        ("2027-03", (2027, 3)),
        ("2027-03-15", (2027, 3)),
        ("2027-03-15T08:00:00", (2027, 3)),
        ("janvier", (None, 1)),
        ("Janv.", (None, 1)),
        ("janv", (None, 1)),
        ("Jan", (None, 1)),
        ("January 2027", (2027, 1)),
        ("févr.", (None, 2)),
        ("Fevrier", (None, 2)),
        ("Feb", (None, 2)),
        ("avr.", (None, 4)),
        ("juil.", (None, 7)),
        ("août", (None, 8)),
        ("Aug", (None, 8)),
        ("Sept.", (None, 9)),
        ("sep", (None, 9)),
        ("déc. 2027", (2027, 12)),
        ("janv.-27", (2027, 1)),
        ("3", (None, 3)),
        (3, (None, 3)),
        (46388, (2027, 1)),  # Excel serial of 2027-01-01
        ("46388", (2027, 1)),
        (46388.5, (2027, 1)),
        (dt.date(2027, 5, 31), (2027, 5)),
        (dt.datetime(2027, 5, 31, 23, 0), (2027, 5)),
    ],
)
def test_parse_month(value, expected):
    assert parse_month(value) == expected


@pytest.mark.parametrize("value", ["31/02/2027", "13/2027", "2027-13", "abc", "13", 0, "janvier mars", "", None, True])
def test_parse_month_refuses(value):
    with pytest.raises(NotAMonth):
        parse_month(value)


@pytest.mark.parametrize(
    "year, month, first, expected",
    [
        (2027, 1, 1, 1),
        (None, 12, 1, 12),
        (2027, 9, 9, 1),
        (2028, 8, 9, 12),
        (2027, 12, 9, 4),
        (None, 3, 9, 7),
    ],
)
def test_plan_month(year, month, first, expected):
    assert plan_month(year, month, 2027, first) == expected


@pytest.mark.parametrize("year, month, first", [(2026, 12, 1), (2028, 1, 1), (2027, 8, 9), (2028, 9, 9)])
def test_plan_month_other_year(year, month, first):
    with pytest.raises(NotAMonth):
        plan_month(year, month, 2027, first)


@pytest.mark.parametrize(
    "header, expected",
    [
        ("Janv. 2027", (2027, 1, None)),
        ("janvier", (None, 1, None)),
        ("Budget février", (None, 2, None)),
        ("Réel mars 2027", (2027, 3, None)),
        ("01/2027", (2027, 1, None)),
        ("2027-01", (2027, 1, None)),
        ("mars-27", (2027, 3, None)),
        ("M01", (None, None, 1)),
        ("Budget M12", (None, None, 12)),
        (dt.datetime(2027, 4, 1), (2027, 4, None)),
        ("Total", None),
        ("Libellé", None),
        ("Montant", None),
        ("3", None),
        ("Mai", (None, 5, None)),
    ],
)
def test_month_of_header(header, expected):
    assert month_of_header(header) == expected


# --- headers ----------------------------------------------------------------------------------

FIELDS = (
    Field("label", ("libellé", "poste budgétaire", "label")),
    Field("amount", ("montant", "budget", "ca", "chiffre d'affaires", "amount")),
    Field("code", ("code client", "n° client")),
)


@pytest.mark.parametrize(
    "header, key",
    [
        ("Libellé", "label"),
        ("LIBELLE", "label"),
        (" libelle ", "label"),
        ("Poste budgétaire", "label"),
        ("Poste_Budgetaire", "label"),
        ("Montant TTC", "amount"),
        ("Montant (€)", "amount"),
        ("Budget 2027", "amount"),
        ("CA HT 2026", "amount"),
        ("Chiffre d'affaires", "amount"),
        ("Chiffre d’affaires HT", "amount"),
        ("N° client", "code"),
        ("Code Client", "code"),
        ("Quantité", None),
        ("", None),
    ],
)
def test_field_of_header(header, key):
    assert field_of_header(header, FIELDS) == key


@pytest.mark.parametrize(
    "kind, header, key",
    [
        ("customers", "Secteur", "segment"),
        ("customers", "Secteur d'activité", "segment"),
        ("customers", "Raison sociale", "name"),
        ("actuals", "Dépense réelle", "value"),
        ("actuals", "Dépenses réelles 2026", "value"),
        ("actuals", "Ligne budgétaire", "line"),
    ],
)
def test_field_of_header_per_kind(kind, header, key):
    import importlib

    assert field_of_header(header, importlib.import_module(f"pacxl.io.{kind}").FIELDS) == key


def test_two_columns_for_one_field_is_an_error():
    with pytest.raises(InputError) as e:
        match_headers(["Libellé", "Montant HT", "Montant TTC"], FIELDS, where="b.csv")
    assert str(e.value) == (
        'b.csv: columns "Montant HT" (#2) and "Montant TTC" (#3) both look like the field "amount"; '
        'say which by position (1 = first column) with --map "#2=amount" --map "#3=ignore"'
    )


def test_exact_name_wins_over_qualified_one():
    hm = match_headers(["Libellé", "Montant", "Montant TTC"], FIELDS)
    assert hm.fields == {"label": 0, "amount": 1}


def test_mapping_overrides_and_ignores():
    hm = match_headers(
        ["Intitulé", "Montant HT", "Montant TTC"], FIELDS,
        mapping={"Intitulé": "label", "Montant TTC": "ignore", "montant ht": "amount"},
    )
    assert hm.fields == {"label": 0, "amount": 1}
    assert hm.ignored == [2]


@pytest.mark.parametrize(
    "mapping, message",
    [
        ({"Nope": "label"}, 'b.csv: --map "Nope=label": no column "Nope" (columns found: "A", "B")'),
        ({"A": "nope"}, 'b.csv: --map "A=nope": unknown field "nope" (fields: label, amount, code)'),
    ],
)
def test_mapping_errors(mapping, message):
    with pytest.raises(InputError) as e:
        match_headers(["A", "B"], FIELDS, mapping=mapping, where="b.csv")
    assert str(e.value) == message
