"""Property tests: whatever bytes or CSV dialect the readers get, only pacxl's own input errors
come out (never a traceback-worthy exception)."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pacxl.errors import PacxlError
from pacxl.io import parse_table, read_table
from pacxl.io.result import WorkbookContext

CTX = WorkbookContext(
    year=2027,
    first_month=3,
    tracking_month=6,
    budget_categories=["Digital", "Publicité"],
    segments=["PME"],
    kpis=[{"id": "K1", "name": "CA", "kind": "CA"}, {"id": "K2", "name": "Taux", "kind": "Taux"}],
    budget=[{"id": "B01", "label": "Radio", "actual": 3.0}],
)

WORDS = [
    "Libellé", "Montant", "Mois", "Catégorie", "Total", "Sous-total", "Code client", "Raison sociale",
    "CA HT", "Indicateur", "Réel", "Ligne", "janv.", "Févr. 2027", "M03", "03/2027", "15/04/2027",
    "1 234,56", "(12,5)", "12,5 %", "1.234,5", "-3", "abc", "=1+1", "@x", "€", "", "46388", "K1",
    "Radio", "Digital", "2027-05", "31/02/2027", "1e400", "NaN", "inf", "Segment", "0042",
]
cell = st.one_of(st.sampled_from(WORDS), st.text(max_size=12))


def _parse_all(table) -> None:
    for kind in ("budget", "actuals", "customers"):
        try:
            parse_table(kind, table, CTX)
        except PacxlError:
            pass


def _read_and_parse(data: bytes, name: str) -> None:
    try:
        table = read_table(io.BytesIO(data), name=name)
    except PacxlError:
        return
    assert table.rows
    _parse_all(table)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400), name=st.sampled_from(["f.csv", "f.xlsx", "f.xls", "f.ods", "f.txt", "f"]))
def test_random_bytes(data, name):
    _read_and_parse(data, name)


@settings(max_examples=60, deadline=None)
@given(tail=st.binary(max_size=300))
def test_random_bytes_that_look_like_a_zip(tail):
    _read_and_parse(b"PK\x03\x04" + tail, "f.xlsx")


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003: sent to calamine's .xls reader


@st.composite
def ole2_files(draw):
    """An OLE2 header with plausible, random sector numbers, then random sectors: past the
    signature check, into calamine's parser."""
    import struct

    sector = st.one_of(st.integers(0, 8), st.sampled_from([0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD]))
    header = OLE2 + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack("<IIIIIIIII", 0, draw(st.integers(0, 3)), draw(sector), 0, 4096,
                          draw(sector), draw(st.integers(0, 2)), 0xFFFFFFFE, 0)
    header += struct.pack("<I", draw(sector)) + b"\xff" * 4 * 108
    return header + draw(st.binary(max_size=1800))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(ole2_files(), st.binary(max_size=1500).map(OLE2.__add__)),
       name=st.sampled_from(["f.xls", "f.xlsx", "f"]))
def test_random_bytes_that_look_like_an_xls(data, name):
    _read_and_parse(data, name)


XLSX_PARTS = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
              "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml"]
ODS_PARTS = ["mimetype", "META-INF/manifest.xml", "content.xml", "styles.xml"]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    parts=st.sampled_from([XLSX_PARTS, ODS_PARTS]),
    data=st.data(),
)
def test_spreadsheet_parts_holding_random_bytes(parts, data):
    """A zip with the parts of an XLSX or ODS file, each random bytes or random XML-ish text."""
    import zipfile

    xmlish = st.lists(st.sampled_from(["<", ">", "/", '"', "=", "sheet", "row", "c", "v", "t", "r",
                                       "A1", "1", "s", "x:", " ", "table:table-cell", "office:value"]),
                      max_size=60).map("".join).map(str.encode)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for part in parts:
            z.writestr(part, data.draw(st.one_of(st.binary(max_size=200), xmlish), label=part))
    _read_and_parse(buf.getvalue(), "f.ods" if parts is ODS_PARTS else "f.xlsx")


HEADERS = ["Libellé", "Montant", "Mois", "Catégorie", "Total", "Code client", "Raison sociale", "CA HT",
           "Indicateur", "Réel", "Ligne", "Janv.", "Févr.", "M03", "Segment", "Poste budgétaire", "Date"]


@st.composite
def grids(draw):
    """Mostly rectangular tables under a header of known words (ragged ones too, sometimes)."""
    width = draw(st.integers(1, 6))
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=width, max_size=width))
    body = draw(st.lists(st.lists(cell, min_size=width, max_size=width), max_size=8))
    if draw(st.integers(0, 9)) == 0:
        body.append(draw(st.lists(cell, min_size=1, max_size=7)))
    return [header, *body]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=grids(),
    delimiter=st.sampled_from([";", ",", "\t", "|"]),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]),
    terminator=st.sampled_from(["\r\n", "\n"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
def test_random_csv_dialects(rows, delimiter, quoting, terminator, encoding):
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, quoting=quoting, lineterminator=terminator).writerows(rows)
    data = buf.getvalue().encode(encoding, errors="replace")
    _read_and_parse(data, "f.csv")
