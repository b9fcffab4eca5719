"""The fr/en catalogue: numbers and dates as each language writes them, and the import summary
in the workbook's language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pacxl.io.result import ImportResult, ImportSummary, Skipped, WorkbookContext
from pacxl.messages import CHECK, TEXTS, fmt_date, fmt_money, fmt_number, fmt_percent, placeholders, text

NB, NNB = "\u00a0", "\u202f"


@pytest.mark.parametrize("value,lang,expected", [
    (191_610, "fr", f"191{NNB}610"),
    (191_610, "en", "191,610"),
    (1234.5, "fr", f"1{NNB}234,50"),
    (1234.5, "en", "1,234.50"),
    (-12, "fr", "-12"),
])
def test_numbers(value, lang, expected):
    assert fmt_number(value, lang) == expected


def test_percent_money_and_dates():
    assert fmt_percent(0.046, "fr") == f"4,6{NB}%"
    assert fmt_percent(0.046, "en") == "4.6%"
    assert fmt_percent(-0.0133, "fr", signed=True) == f"-1,3{NB}%"
    assert fmt_money(191_610, "EUR", "fr") == f"191{NNB}610{NB}€"
    assert fmt_money(191_610, "EUR", "en") == "191,610 EUR"
    assert fmt_money(10, "CAD", "fr") == f"10{NB}CAD"  # no symbol known: the code
    assert fmt_date(dt.date(2027, 3, 9), "fr") == "09/03/2027"
    assert fmt_date("2027-03-09", "en") == "09/03/2027"


def test_every_text_has_both_languages_with_the_same_placeholders():
    for key, by_lang in TEXTS.items():
        assert set(by_lang) == {"fr", "en"}, key
        assert by_lang["fr"].strip() and by_lang["en"].strip(), key
        assert placeholders(by_lang["fr"]) == placeholders(by_lang["en"]), key
    for key, by_lang in CHECK.items():
        for i in (0, 1):  # message, fix: French may leave out an English-only detail, never add one
            fr, en = placeholders(by_lang["fr"][i]), placeholders(by_lang["en"][i])
            assert fr <= en | {"a", "b", "index", "rate"}, key


def _summary(lang: str) -> ImportSummary:
    r = ImportResult("budget", "budget.csv", "wide", rows_read=4)
    r.skipped = [Skipped(5, text("io.skip.total_row", lang))]
    r.totals_by_month = {1: 1234.5, 2: 100.0}
    r.totals_by_category = {"": 1334.5}
    r.total = 1334.5
    ctx = WorkbookContext(year=2027, lang=lang)
    return ImportSummary(r, Path("pac.xlsx"), dry_run=True, context=ctx)


def test_import_summary_in_french():
    lines = _summary("fr").lines()
    assert lines[0] == "budget.csv -> pac.xlsx (budget, une colonne par mois) [essai : rien n'est écrit]"
    assert lines[1] == "lignes lues : 4, importées : 3, ignorées : 1"
    assert "  ligne 5 ignorée : ligne de total" in lines
    assert f"  M01 (janvier 2027): 1{NNB}234,50" in lines
    assert "  (aucune): " + f"1{NNB}334,50" in lines
    assert lines[-1] == f"total : 1{NNB}334,50"


def test_import_summary_in_english():
    lines = _summary("en").lines()
    assert lines[0] == "budget.csv -> pac.xlsx (budget, wide layout) [dry run: nothing written]"
    assert lines[1] == "rows read: 4, imported: 3, skipped: 1"
    assert "  skipped line 5: total row" in lines
    assert "  M01 (January 2027): 1,234.50" in lines
    assert lines[-1] == "total: 1,334.50"


def test_text_formats_in_the_asked_language():
    assert text("severity.warning", "fr") == "avertissement"
    assert text("severity.warning", "en") == "warning"
    assert text("report.favourable", "fr") == "favorable"


def test_a_key_can_have_its_own_label_in_one_block():
    from pacxl.messages import field_label

    assert field_label("month", "fr") == "Mois"  # the tracking month
    assert field_label("month", "fr", "stages") == "Par mois"  # a funnel stage's monthly need
    assert field_label("month", "en", "stages") == "Per month"
    assert field_label("year", "fr", "stages") == "Année"  # no label of its own: the key's
    assert field_label("Anne", "fr", "by_owner") == "Anne"  # no label at all: the key itself


def test_plural_agreement_for_0_1_2():
    from pacxl.messages import plural, text

    assert [plural(n, "erreur", "erreurs", "fr") for n in (0, 1, 2)] == ["erreur", "erreur", "erreurs"]
    assert [plural(n, "error", "errors", "en") for n in (0, 1, 2)] == ["errors", "error", "errors"]
    assert [text("io.actuals_kpis", "fr", n=n, kpis=n) for n in (0, 1, 2)] == [
        "0 réalisé pour 0 indicateur", "1 réalisé pour 1 indicateur", "2 réalisés pour 2 indicateurs"]
    assert [text("io.actuals_kpis", "en", n=n, kpis=n) for n in (0, 1, 2)] == [
        "0 KPI actuals for 0 KPIs", "1 KPI actual for 1 KPI", "2 KPI actuals for 2 KPIs"]


def test_no_sentence_counts_with_a_parenthesised_plural():
    """'1 erreur(s)' is not French: counts agree through {n:one|many}."""
    import re

    from pacxl.messages import CHECK, TEXTS

    templates = [t for v in TEXTS.values() for t in v.values()]
    templates += [t for v in CHECK.values() for pair in v.values() for t in pair]
    assert not [t for t in templates if re.search(r"\w\(s\)", t)]


def test_no_defined_name_jargon_in_a_french_sentence():
    """A French user reads "Paramètres, « Mois de suivi »", not PAC_Month: no defined name of the
    workbook appears in a French sentence (the PAC_* functions a user types are not jargon)."""
    import ast
    from pathlib import Path

    from pacxl.messages import CHECK, TEXTS
    from pacxl.workbook.contract import NAMES

    french = [v["fr"] for v in TEXTS.values()] + [t for v in CHECK.values() for t in v["fr"]]
    root = Path(__file__).resolve().parent.parent / "pacxl"
    for path in root.rglob("*.py"):  # the French of every error (fr=...)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "fr":
                french += [c.value for c in ast.walk(node.value) if isinstance(c, ast.Constant) and isinstance(c.value, str)]
    assert len(french) > 300
    jargon = [(name, t) for t in french for name in NAMES if name in t]
    assert not jargon, jargon[:5]
