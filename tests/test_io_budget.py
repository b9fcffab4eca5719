"""Budget files, long and wide, parsed and validated without a workbook (small inline inputs)."""

from __future__ import annotations

import io

import pytest

from pacxl.errors import InputError
from pacxl.io import parse_file
from pacxl.io.result import WorkbookContext
from pacxl.workbook.contract import BUDGET

CTX = WorkbookContext(
    year=2027,
    budget_categories=["Salons et événements", "Publicité", "Digital"],
    action_ids=["A1", "A2"],
)


def budget(text: str, ctx: WorkbookContext = CTX, name: str = "budget.csv", **kw):
    return parse_file("budget", io.BytesIO(text.encode("utf-8")), ctx, name=name, **kw)


def months(row) -> list:
    return [row[f"m{i:02d}"] for i in range(1, 13)]


def test_rows_use_contract_input_keys():
    r = budget("Libellé;Janv.;Févr.\nSalon;1 000;500\n")
    assert set(r.rows[0]) == {c.key for c in BUDGET.input_columns()}


def test_wide_layout_with_total_and_total_rows():
    text = (
        "Poste budgétaire;Catégorie;Action;Janv. 2027;Févr. 2027;Mars 2027;Total\n"
        "Salon Batimat;salons et evenements;A1;1 000,00;500;;1 500,00\n"
        "Sous-total salons;;;1 000,00;500;;1 500,00\n"
        "Campagne radio;Publicité;A2;200;200;200;700\n"
        "TOTAL;;;1 200;700;200;2 200\n"
    )
    r = budget(text)
    assert r.layout == "wide"
    assert [row["label"] for row in r.rows] == ["Salon Batimat", "Campagne radio"]
    assert r.rows[0]["category"] == "Salons et événements"  # the workbook's spelling
    assert months(r.rows[0]) == [1000.0, 500.0] + [None] * 10
    assert months(r.rows[1])[:4] == [200.0, 200.0, 200.0, None]
    # a French workbook (CTX) hears about what it accepted in French
    assert [(s.line, s.reason) for s in r.skipped] == [(3, "ligne de total"), (5, "ligne de total")]
    assert "lignes 3, 5 : lignes de total ignorées (le classeur calcule lui-même ses totaux)" in r.notices
    assert r.warnings == [
        "budget.csv, ligne 4, colonne « Total » : le total 700,00 diffère de la somme des mois, 600,00 "
        "(ce sont les mois qui sont importés)"
    ]
    assert r.totals_by_month == {1: 1200.0, 2: 700.0, 3: 200.0}
    assert r.totals_by_category == {"Salons et événements": 1500.0, "Publicité": 600.0}
    assert r.total == pytest.approx(2100.0)
    assert r.rows_read == 4 and r.rows_imported == 2


def test_long_layout_sums_each_line_by_month():
    text = (
        "Ligne;Catégorie;Libellé;Mois;Montant TTC\n"
        "B1;Digital;Google Ads;01/2027;100\n"
        "B1;Digital;Google Ads;15/01/2027;50,5\n"
        "B1;Digital;Google Ads;févr. 2027;(20)\n"
        "B2;Publicité;Radio;2027-12;1 000\n"
    )
    r = budget(text)
    assert r.layout == "long"
    assert [row["id"] for row in r.rows] == ["B1", "B2"]
    assert months(r.rows[0])[:3] == [150.5, -20.0, None]
    assert months(r.rows[1])[11] == 1000.0
    assert r.total == pytest.approx(1130.5)


def test_long_layout_without_ids_groups_by_label_and_numbers_lines():
    text = "Libellé;Période;Budget 2027\nRadio;janv.;10\nRadio;févr.;20\nAffiches;janv.;5\n"
    r = budget(text)
    assert [(row["id"], row["label"]) for row in r.rows] == [("BUD-01", "Radio"), ("BUD-02", "Affiches")]
    assert months(r.rows[0])[:2] == [10.0, 20.0]


def test_plan_year_starting_in_september():
    ctx = WorkbookContext(year=2027, first_month=9)
    r = budget("Libellé;Mois;Montant\nA;09/2027;1\nA;08/2028;2\n", ctx)
    assert months(r.rows[0])[0] == 1.0 and months(r.rows[0])[11] == 2.0


def test_wide_plan_month_headers_of_the_workbook():
    r = budget("Ligne;Libellé;Budget M01;Budget M02\nB7;Radio;1;2\n")
    assert months(r.rows[0])[:3] == [1.0, 2.0, None]
    assert r.rows[0]["id"] == "B7"


def test_title_rows_above_the_header_are_skipped():
    r = budget("Budget commercial 2027;;\n;;\nLibellé;Janvier;Février\nRadio;1;2\n")
    assert [row["label"] for row in r.rows] == ["Radio"]


def test_actual_column_gives_spend_to_date():
    r = budget("Libellé;Janv.;Réalisé\nRadio;100;80,5\n")
    assert r.rows[0]["actual"] == 80.5


# --- refusals, each with its exact message ----------------------------------------------------


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "Libellé;Catégorie;Mois;Montant\nA;Digital;01/2027;1\nB;Digital;02/2027;2\nC;Digital;03/2027;3\n"
            "D;Digital;04/2027;4\nE;Digital;05/2027;5\nF;Digital;06/2027;abc\n",
            'budget.csv, line 7, column "Montant": "abc" is not an amount',
        ),
        (
            "Libellé;Mois;Montant\nA;15/03/2026;1\n",
            'budget.csv, line 2, column "Mois": "15/03/2026" is outside the plan year (January 2027 to December 2027)',
        ),
        (
            "Libellé;Mois;Montant\nA;trente;1\n",
            'budget.csv, line 2, column "Mois": "trente" is not a month or a date',
        ),
        (
            "Libellé;Janv.;Févr.\nA;1;12 %\n",
            'budget.csv, line 2, column "Févr.": "12 %" is not an amount',
        ),
        (
            "Libellé;Janv. 2026;Févr. 2026\nA;1;2\n",
            'budget.csv, column "Janv. 2026": January 2026 is outside the plan year (January 2027 to December 2027)',
        ),
        (
            "Libellé;Janvier;Janv.\nA;1;2\n",
            'budget.csv: columns "Janvier" and "Janv." are the same month; keep one with --map "#3=ignore" (#3: column 3, 1 = first)',
        ),
        (
            "Ligne;Libellé;Janv.\nB1;A;1\nB1;B;2\n",
            'budget.csv, line 3, column "Ligne": "B1" appears twice (lines 2 and 3); give each budget line its own row',
        ),
        (
            "Libellé;Ligne;Janv.\n;;1\n",
            'budget.csv, line 2, column "Libellé": "" is blank: a budget line needs a label or a line id',
        ),
    ],
)
def test_bad_values_name_file_line_column_and_value(text, message):
    with pytest.raises(InputError) as e:
        budget(text)
    assert str(e.value) == message


def test_unknown_layout_lists_columns_found_and_fields_expected():
    with pytest.raises(InputError) as e:
        budget("Foo;Bar;Baz\n1;2;3\n")
    assert str(e.value) == (
        'budget.csv: unknown layout; columns found: "Foo", "Bar", "Baz"; fields expected: '
        "long layout: label (or line id), month, amount, optional category, action_id, actual; "
        "wide layout: label (or line id) and one column per month (m01..m12 or month names), "
        'optional total, category, action_id, actual; name the columns with --map "Source column=field"'
    )


def test_map_makes_an_unknown_layout_readable():
    r = budget("Foo;Bar;Baz\nRadio;mars;3\n", mapping=["Foo=label", "Bar=month", "Baz=amount"])
    assert months(r.rows[0])[2] == 3.0


def test_map_to_a_month():
    r = budget("Poste;Col1;Col2\nRadio;3;4\n", mapping={"Col1": "m01", "Col2": "février"})
    assert months(r.rows[0])[:2] == [3.0, 4.0]


def test_unknown_category_and_action_are_warnings():
    r = budget("Libellé;Catégorie;Action;Janv.\nA;Sponsoring;A9;1\n")
    assert r.rows[0]["category"] == "Sponsoring"
    assert r.warnings == [
        "catégories absentes de la liste des catégories de budget du classeur : « Sponsoring » "
        "(importées telles quelles)",
        "actions absentes du plan d'actions : « A9 » (importées telles quelles)",
    ]
    assert r.notices == ["1 ligne de budget"]
    en = budget("Libellé;Catégorie;Action;Janv.\nA;Sponsoring;A9;1\n", WorkbookContext(
        year=2027, lang="en", budget_categories=CTX.budget_categories, action_ids=CTX.action_ids))
    assert en.warnings == [
        "categories not in the workbook's list of budget categories: \"Sponsoring\" (imported as they are)",
        'actions not in the action plan: "A9" (imported as they are)',
    ]
    assert en.notices == ["1 budget line"]


def test_an_english_workbook_hears_the_summary_in_english():
    text = (
        "Label;Category;Jan 2027;Feb 2027;Total;Comment\n"
        "Trade show;Digital;1,000.00;500;1,600.00;\n"
        ";;;;;a comment alone\n"
        "Total;;1,000.00;500;1,500.00;\n"
    )
    ctx = WorkbookContext(year=2027, lang="en", budget_categories=CTX.budget_categories)
    r = budget(text, ctx)
    assert [(s.line, s.reason) for s in r.skipped] == [(3, "no label and no amount"), (4, "total row")]
    assert r.notices == ["line 4: total rows skipped (the workbook adds up its own totals)", "1 budget line"]
    # English numbers in an English workbook's warning, and the English place of the cell
    assert r.warnings == [
        'budget.csv, line 2, column "Total": total 1,600.00 differs from the months\' sum 1,500.00 '
        "(the months are imported)"
    ]
    # the same file in a French workbook
    fr = budget(text, WorkbookContext(year=2027, budget_categories=CTX.budget_categories))
    assert [s.reason for s in fr.skipped] == ["ni libellé ni montant", "ligne de total"]
    assert fr.warnings == [
        "budget.csv, ligne 2, colonne « Total » : le total 1\u202f600,00 diffère de la somme des mois, 1\u202f500,00 "
        "(ce sont les mois qui sont importés)"
    ]


def test_a_spreadsheet_warning_names_its_sheet_and_row_in_french():
    from pacxl.io._common import lines_text, place
    from pacxl.io.read import RawTable

    table = RawTable("budget.xlsx", [], format="xlsx", sheet="Budget")
    assert place(table, "fr", 7, "Montant") == "budget.xlsx, feuille « Budget », ligne 7, colonne « Montant »"
    assert place(table, "en", 7, "Montant") == 'budget.xlsx, sheet "Budget", row 7, column "Montant"'
    # the same place as the error format gives, in English
    assert place(table, "en", 7, "Montant") == table.where(7, "Montant")
    assert lines_text([8], "fr") == "ligne 8"
    assert lines_text([1, 2, 3, 4, 5, 6, 7], "fr") == "lignes 1, 2, 3, 4, 5 et 2 autres"
    assert lines_text([1, 2, 3, 4, 5, 6, 7], "en") == "lines 1, 2, 3, 4, 5 and 2 more"


def test_append_refuses_ids_already_there_and_numbers_after_them():
    ctx = WorkbookContext(year=2027, budget=[{"id": "B07", "label": "Old"}])
    r = budget("Libellé;Janv.\nNew;1\n", ctx, append=True)
    assert r.rows[0]["id"] == "B08"  # the workbook's style of ids
    with pytest.raises(InputError) as e:
        budget("Ligne;Libellé;Janv.\nb07;New;1\n", ctx, append=True)
    assert str(e.value) == (
        'budget.csv: line id "b07" is already in the workbook\'s budget; import without --append to replace the budget'
    )


def test_formula_like_labels_stay_text_in_rows():
    r = budget('Libellé;Janv.\n"=HYPERLINK(""http://x"")";1\n+33 1 23;2\n-moins;3\n@sum;4\n"\t=1+2";5\n"\r@x";6\n')
    # outer blanks (tab, CR) are trimmed; the text is kept and written as text (see test_io_import)
    assert [row["label"] for row in r.rows] == ['=HYPERLINK("http://x")', "+33 1 23", "-moins", "@sum", "=1+2", "@x"]


@pytest.mark.parametrize(
    "kind, text, what",
    [
        ("budget", "Titre\n\nLibellé;Mois;Montant\n", "budget line"),
        ("budget", "Libellé;Mois;Montant\nTotal;;12\n", "budget line"),
        ("customers", "Code;Nom;CA\n1;A;\n", "customer with an amount"),
        ("actuals", "Ligne;Montant\nRadio;\n", "KPI value or spend"),
    ],
)
def test_a_file_without_data_never_empties_a_table(kind, text, what):
    ctx = WorkbookContext(year=2027, budget=[{"id": "B01", "label": "Radio"}])
    line = 3 if text.startswith("Titre") else 1
    with pytest.raises(InputError) as e:
        parse_file(kind, io.BytesIO(text.encode()), ctx, name="f.csv")
    assert str(e.value) == f"f.csv: no {what} below the header (line {line}); nothing to import"


def test_english_workbook_names_months_in_english():
    ctx = WorkbookContext(year=2027, first_month=4, lang="en")
    with pytest.raises(InputError) as e:
        budget("Label;Month;Amount\nAds;03/2027;1\n", ctx)
    assert str(e.value) == (
        'budget.csv, line 2, column "Month": "03/2027" is outside the plan year (April 2027 to March 2028)'
    )
