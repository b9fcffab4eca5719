"""Customer lists from a CRM or the accounts, without a workbook."""

from __future__ import annotations

import io

import openpyxl
import pytest

from pacxl.errors import InputError
from pacxl.io import parse_file
from pacxl.io.result import WorkbookContext

CTX = WorkbookContext(year=2027, segments=["Artisans", "PME", "Grands comptes"])


def customers(data, ctx: WorkbookContext = CTX, name: str = "clients.csv", **kw):
    if isinstance(data, str):
        data = io.BytesIO(data.encode("utf-8"))
    return parse_file("customers", data, ctx, name=name, **kw)


def test_codes_stay_text_and_segments_take_the_workbook_spelling():
    r = customers(
        "Code client;Raison sociale;Segment;CA HT 2026\n"
        "00123;Dupont SA;pme;12 500,00\n"
        "0042;Martin & Fils;Artisans;3 000\n"
    )
    assert r.rows == [
        {"code": "00123", "name": "Dupont SA", "segment": "PME", "amount": 12500.0},
        {"code": "0042", "name": "Martin & Fils", "segment": "Artisans", "amount": 3000.0},
    ]
    assert r.totals_by_category == {"PME": 12500.0, "Artisans": 3000.0}


def test_invoice_lines_of_one_customer_are_added_up():
    r = customers("N° client;Client;Montant\n7;A;10\n8;B;5\n7;A;2,5\nSous-total;;17,5\n")
    assert [(c["code"], c["amount"]) for c in r.rows] == [("7", 12.5), ("8", 5.0)]
    # CTX is a French workbook: what the import says about the file is French
    assert r.notices == ["ligne 5 : lignes de total ignorées",
                         "ligne 4 : même client qu'une ligne précédente, montants additionnés", "2 clients"]
    assert [s.reason for s in r.skipped] == ["ligne de total"]


def test_xlsx_numeric_codes_lose_no_digits(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Code", "Nom", "Chiffre d'affaires"])
    ws.append([123, "A", 10.5])
    ws.append(["00124", "B", "1 000,50"])
    p = tmp_path / "crm.xlsx"
    wb.save(p)
    r = customers(p, name=None)
    assert [(c["code"], c["amount"]) for c in r.rows] == [("123", 10.5), ("00124", 1000.5)]


def test_unknown_segment_is_a_warning():
    r = customers("Code;Nom;Segment;CA\n1;A;Collectivités;1\n")
    assert r.warnings == ["segments absents de la liste du classeur : « Collectivités » (importés tels quels)"]


def test_blank_amount_is_skipped_with_reason():
    r = customers("Code;Nom;CA\n1;A;\n2;B;3\n")
    assert [(s.line, s.reason) for s in r.skipped] == [(2, "pas de montant")]
    assert r.rows_imported == 1


def test_an_english_workbook_hears_the_summary_in_english():
    from dataclasses import replace

    text = ("Code;Name;Segment;Revenue;Note\n1;A;Councils;10;\n2;B;SME;-3;\n;;;;x\n1;A;Councils;2;\n"
            "3;C;;;\nTotal;;;9;\n")
    en = customers(text, replace(CTX, lang="en"))
    assert [(s.line, s.reason) for s in en.skipped] == [(4, "no customer"), (6, "no amount"), (7, "total row")]
    assert en.notices == ["line 7: total rows skipped", "line 5: same customer as an earlier row, amounts added up",
                          "2 customers"]
    assert en.warnings == ['segments not in the workbook\'s list: "Councils", "SME" (imported as they are)',
                           "negative revenue for 2: check them"]
    fr = customers(text)
    assert [s.reason for s in fr.skipped] == ["pas de client", "pas de montant", "ligne de total"]
    assert fr.warnings == ["segments absents de la liste du classeur : « Councils », « SME » (importés tels quels)",
                           "chiffre d'affaires négatif pour 2 : à vérifier"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("Code;Nom;CA\n1;A;n/a\n", 'clients.csv, line 2, column "CA": "n/a" is not an amount'),
        ("Code;Nom;CA\n;;3\n", 'clients.csv, line 2, column "Nom": "" is blank: a customer needs a code or a name'),
        (
            "Nom;Ville\nA;Paris\n",
            'clients.csv: unknown layout; columns found: "Nom", "Ville"; fields expected: code and/or name, '
            'amount, optional segment, margin, potential, previous (revenue N-1); name the columns with '
            '--map "Source column=field"',
        ),
    ],
)
def test_refusals(text, message):
    with pytest.raises(InputError) as e:
        customers(text)
    assert str(e.value) == message


def test_append_refuses_a_customer_already_there():
    ctx = WorkbookContext(year=2027, customers=[{"code": "00123", "name": "Dupont"}])
    with pytest.raises(InputError) as e:
        customers("Code;Nom;CA\n00123;Dupont;1\n", ctx, append=True)
    assert str(e.value) == (
        'clients.csv, line 2, column "Code": customer "00123" is already in the workbook; '
        "import without --append to replace the list"
    )


# --- margin, potential, revenue N-1 (issue 14) ----------------------------------------------------

def test_margin_potential_and_previous_are_read_in_french_and_english_styles():
    fr = customers("Code client;Raison sociale;CA;Marge brute;Potentiel;CA N-1\n"
                   "1;A;12 500,50;3 125,25;40 000;10 000\n2;B;800;;;\n")
    assert fr.rows == [
        {"code": "1", "name": "A", "segment": "", "amount": 12500.5, "margin": 3125.25, "potential": 40000.0,
         "previous": 10000.0},
        {"code": "2", "name": "B", "segment": "", "amount": 800.0, "margin": None, "potential": None,
         "previous": None}]
    assert fr.notices[-1] == "2 clients avec « Marge brute », « Potentiel », « CA N-1 »"
    from dataclasses import replace

    en = customers("Customer ID,Company,Revenue,Gross margin,Potential,Revenue N-1\n"
                   '1,A,"12,500.50","3,125.25",40000,10000\n', replace(CTX, lang="en"))
    assert en.rows[0] == fr.rows[0]
    assert en.notices[-1] == '1 customer with "Gross margin", "Potential", "Revenue N-1"'


def test_revenue_by_year_makes_the_year_before_the_revenue_n1():
    r = customers("Code;Nom;CA 2024;CA 2025;CA 2026;Marge 2025;Marge 2026\n"
                  "1;A;1;2 000;3 000;100;300\n2;B;5;700;;;\n")
    assert [(c["code"], c["amount"], c["previous"], c["margin"]) for c in r.rows] == [
        ("1", 3000.0, 2000.0, 300.0), ("2", None, 700.0, None)]
    assert r.notices[:3] == [
        "CA 2026 lu dans « CA 2026 », CA N-1 (2025) dans « CA 2025 »",
        "« CA 2024 » : colonnes de CA plus anciennes, non importées",
        "« Marge 2025 » : colonnes de marge plus anciennes, non importées"]
    # a customer with a revenue N-1 only is a customer lost since: kept, with a blank revenue
    assert r.rows_imported == 2 and r.total == 3000.0


def test_an_explicit_n1_column_wins_over_the_years():
    r = customers("Code;Nom;CA 2025;CA 2026;CA N-1\n1;A;5;6;7\n")
    assert (r.rows[0]["amount"], r.rows[0]["previous"]) == (6.0, 7.0)


def test_invoices_add_up_their_margins_too():
    r = customers("Code;Nom;Montant;Marge\n7;A;10;3\n7;A;5;\n7;A;1;0,5\n")
    assert (r.rows[0]["amount"], r.rows[0]["margin"]) == (16.0, 3.5)


@pytest.mark.parametrize("text, message", [
    ("Code;Nom;CA;Marge brute\n1;A;10;beaucoup\n",
     'clients.csv, line 2, column "Marge brute": "beaucoup" is not an amount'),
    ("Code;Nom;CA;CA N-1\n1;A;10;x\n", 'clients.csv, line 2, column "CA N-1": "x" is not an amount'),
])
def test_a_bad_figure_is_refused_naming_its_cell(text, message):
    with pytest.raises(InputError) as e:
        customers(text)
    assert str(e.value) == message
