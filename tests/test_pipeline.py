"""The pipeline (issue 14): the CRMs' deal exports, the rules of pacxl.calc.pipeline, the Pipeline
sheet's native twins after LibreOffice, check's rules, the report section, the UDFs.

The CRM files are written by the generators below, in each CRM's own headers and in French and
English number and date styles, from one list of deals (:data:`DEALS`), so that every layout must
import to the same rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import shutil
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from pacxl.calc import pipeline as rules
from pacxl.cli import main
from pacxl.defaults import blank_plan
from pacxl.errors import InputError
from pacxl.io import parse_file
from pacxl.io.result import WorkbookContext
from pacxl.model import Deal
from pacxl.workbook.build import build_workbook
from pacxl.workbook.read import read_plan

D = dt.date
STAGES_FR = ["Contacts", "Premiers rendez-vous (R1)", "Propositions", "Signatures"]
CTX = WorkbookContext(year=2026, lang="fr", currency="EUR", funnel_stages=STAGES_FR, pipeline=[])
CTX_EN = WorkbookContext(year=2026, lang="en", currency="EUR", funnel_stages=STAGES_FR, pipeline=[])

#: The deals every generator writes: deal, account, owner, stage, amount, probability (fraction),
#: close, created, status (open / won / lost).
DEALS = [
    ("Rénovation CTA usine", "Métallerie Rhodanienne", "Claire Martin", "Propositions", 12500.5, 0.4,
     D(2026, 11, 20), D(2026, 3, 1), "open"),
    ("Contrat de maintenance", "Groupe Agroval", "Julien Roux", "Négociation", 3000.0, 1.0,
     D(2026, 5, 10), D(2026, 2, 13), "won"),
    ("Filtration salle blanche", "Laboratoires Belledonne", "Sophie Lefèvre", "Premiers rendez-vous (R1)",
     1234567.89, 0.05, D(2027, 1, 15), D(2025, 12, 24), "lost"),
    ("Audit énergie", "Mutuelle Alpine", "Karim Benali", "Propositions", 800.0, None, None, None, "open"),
]
WORDS = {"fr": ("En cours", "Gagné", "Perdu"), "en": ("Open", "Won", "Lost")}


def expected(lang: str = "fr", stages: dict | None = None) -> list[dict]:
    out = []
    for deal, account, owner, stage, amount, prob, close, created, status in DEALS:
        out.append({"deal": deal, "account": account, "owner": owner, "stage": (stages or {}).get(status, stage),
                    "amount": amount, "probability": prob, "close": close, "created": created,
                    "status": WORDS[lang][rules.STATUSES.index(status)]})
    return out


# --- the generators, one per CRM -------------------------------------------------------------------

def _fr_number(x: float) -> str:
    whole, cents = f"{x:,.2f}".split(".")
    return whole.replace(",", "\u202f") + "," + cents


def _us_date(d):
    return "" if d is None else f"{d.month:02d}/{d.day:02d}/{d.year}"


def _fr_date(d):
    return "" if d is None else d.strftime("%d/%m/%Y")


def pipedrive_rows(style: str) -> list[list]:
    """Pipedrive's deal export: its Deal - / Organization - / Person - columns (the ones pacxl
    reads among many others). ``style``: "csv" (text; ISO dates with a time, plain numbers,
    percent probabilities) or "xlsx" (dates and numbers as cells)."""
    head = ["Deal - ID", "Deal - Title", "Deal - Value", "Deal - Currency of value", "Deal - Weighted value",
            "Deal - Currency of Weighted value", "Deal - Probability", "Deal - Organization",
            "Deal - Pipeline", "Deal - Stage", "Deal - Label", "Deal - Status", "Deal - Deal created",
            "Deal - Update time", "Deal - Expected close date", "Deal - Owner", "Deal - Won time",
            "Deal - Lost reason", "Deal - Visible to", "Deal - Next activity date", "Organization - Name",
            "Organization - Address", "Organization - Owner", "Person - Name", "Person - Email",
            "Person - Phone"]
    rows = [head]
    for i, (deal, account, owner, stage, amount, prob, close, created, status) in enumerate(DEALS, start=1):
        pct = None if prob is None else round(prob * 100)
        if style == "csv":
            cells = [str(i), deal, f"{amount:.2f}", "EUR", "", "EUR", "" if pct is None else str(pct), account,
                     "Ventes", stage, "", status, "" if created is None else f"{created} 09:15:00",
                     "2026-10-30 18:02:11", "" if close is None else str(close), owner, "", "", "Owner's group",
                     "", account, "12 rue des Alpes", owner, "Jean Dupont", "jean@example.com", "+33 4 76 00 00 00"]
        else:
            cells = [i, deal, amount, "EUR", None, "EUR", pct, account, "Ventes", stage, None, status,
                     None if created is None else dt.datetime.combine(created, dt.time(9, 15)),
                     dt.datetime(2026, 10, 30, 18, 2), close, owner, None, None, "Owner's group", None, account,
                     "12 rue des Alpes", owner, "Jean Dupont", "jean@example.com", "+33 4 76 00 00 00"]
        rows.append(cells)
    rows.append([str(len(DEALS) + 1), "Deleted deal", "999", "EUR", "", "EUR", "10", "X", "Ventes", "Contacts",
                 "", "deleted", "", "", "", "", "", "", "", "", "", "", "", "", "", ""])
    return rows


def hubspot_rows(style: str) -> list[list]:
    """HubSpot's deal export: no status column (the stages Closed won / Closed lost say it),
    fractions as probabilities; "csv": English numbers with thousands commas, US dates."""
    head = ["Record ID", "Deal Name", "Deal Stage", "Close Date", "Deal owner", "Amount", "Pipeline",
            "Deal probability", "Create Date", "Associated Company", "Last Activity Date", "Deal Type",
            "Amount in company currency"]
    stage_of = {"won": "Closed won", "lost": "Closed lost"}
    rows = [head]
    for i, (deal, account, owner, stage, amount, prob, close, created, status) in enumerate(DEALS, start=1):
        st_ = stage_of.get(status, stage)
        if style == "csv":
            rows.append([str(9000 + i), deal, st_, _us_date(close), owner, f"{amount:,.2f}", "Sales Pipeline",
                         "" if prob is None else f"{prob:g}", _us_date(created), account, "", "newbusiness",
                         f"{amount:,.2f}"])
        else:
            rows.append([9000 + i, deal, st_, close, owner, amount, "Sales Pipeline", prob,
                         None if created is None else dt.datetime.combine(created, dt.time(14, 3)), account, None,
                         "newbusiness", amount])
    return rows


def sellsy_rows() -> list[list]:
    """Sellsy's opportunities (French): "12 500,50 €", "40 %", dd/mm/yyyy, Gagnée/Perdue."""
    words = {"open": "En cours", "won": "Gagnée", "lost": "Perdue"}
    rows = [["Opportunité", "Tiers", "Responsable", "Étape", "Statut", "Montant", "Devise", "Probabilité",
             "Date de signature prévue", "Date de création", "Source", "Commentaire"]]
    for deal, account, owner, stage, amount, prob, close, created, status in DEALS:
        rows.append([deal, account, owner, stage, words[status], _fr_number(amount) + " €", "EUR",
                     "" if prob is None else f"{round(prob * 100)} %", _fr_date(close), _fr_date(created),
                     "Salon", "=appeler lundi"])
    return rows


def nocrm_rows() -> list[list]:
    """noCRM's leads (French, as a spreadsheet): Affaire, Échéance, Commercial, percent figures."""
    words = {"open": "À faire", "won": "Gagné", "lost": "Perdu"}
    rows = [["Affaire", "Client", "Commercial", "Étape", "Montant", "Probabilité", "Échéance", "Statut",
             "Date de création", "Tags"]]
    for deal, account, owner, stage, amount, prob, close, created, status in DEALS:
        rows.append([deal, account, owner, stage, amount, None if prob is None else round(prob * 100), close,
                     words[status], created, "salon"])
    return rows


def generic_rows(lang: str) -> list[list]:
    """The table's own headers (French: decimal commas; English: dots)."""
    from pacxl.workbook.contract import PIPELINE

    rows = [[c.header(lang) for c in PIPELINE.input_columns()]]
    for deal, account, owner, stage, amount, prob, close, created, status in DEALS:
        num = (lambda x: f"{x:g}".replace(".", ",")) if lang == "fr" else (lambda x: f"{x:g}")
        rows.append([deal, account, owner, stage, _fr_number(amount) if lang == "fr" else f"{amount:.2f}",
                     "" if prob is None else num(prob), _fr_date(close) if lang == "fr" else str(close or ""),
                     _fr_date(created) if lang == "fr" else str(created or ""),
                     WORDS[lang][rules.STATUSES.index(status)]])
    return rows


def to_csv(rows: list[list], sep: str = ",") -> bytes:
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


def to_xlsx(rows: list[list]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def parse(data: bytes, name: str, ctx: WorkbookContext = CTX, **kw):
    return parse_file("pipeline", io.BytesIO(data), ctx, name=name, **kw)


def rows_of(result) -> list[dict]:
    return [{k: (round(v, 10) if isinstance(v, float) else v) for k, v in r.items()} for r in result.rows]


# --- each CRM layout imports to the same deals ---------------------------------------------------

HUBSPOT_STAGES = {"won": "Closed won", "lost": "Closed lost"}
LAYOUTS = [
    pytest.param(lambda: to_csv(pipedrive_rows("csv")), "deals.csv", None, id="pipedrive-csv"),
    pytest.param(lambda: to_xlsx(pipedrive_rows("xlsx")), "deals.xlsx", None, id="pipedrive-xlsx"),
    pytest.param(lambda: to_csv(hubspot_rows("csv")), "hubspot.csv", HUBSPOT_STAGES, id="hubspot-csv-us"),
    pytest.param(lambda: to_xlsx(hubspot_rows("xlsx")), "hubspot.xlsx", HUBSPOT_STAGES, id="hubspot-xlsx"),
    pytest.param(lambda: to_csv(sellsy_rows(), ";"), "sellsy.csv", None, id="sellsy-csv-fr"),
    pytest.param(lambda: to_xlsx(nocrm_rows()), "nocrm.xlsx", None, id="nocrm-xlsx"),
    pytest.param(lambda: to_csv(generic_rows("fr"), ";"), "pipeline.csv", None, id="generic-fr"),
    pytest.param(lambda: to_csv(generic_rows("en")), "pipeline.csv", None, id="generic-en"),
]


@pytest.mark.parametrize("make, name, stages", LAYOUTS)
def test_every_crm_layout_imports_the_same_deals(make, name, stages):
    result = parse(make(), name)
    assert rows_of(result) == expected("fr", stages)
    assert result.kind == "pipeline" and result.rows_read >= len(DEALS)
    assert result.total == pytest.approx(sum(d[4] for d in DEALS))


def test_an_english_workbook_gets_english_status_words():
    result = parse(to_csv(pipedrive_rows("csv")), "deals.csv", CTX_EN)
    assert [r["status"] for r in result.rows] == ["Open", "Won", "Lost", "Open"]
    assert result.notices[-1] == "4 deals, 2 open"


def test_pipedrive_deleted_deals_are_skipped_with_their_reason():
    result = parse(to_csv(pipedrive_rows("csv")), "deals.csv")
    assert [(s.line, s.reason) for s in result.skipped] == [(6, "affaire supprimée")]
    assert "« Négociation »" in result.warnings[-1]  # a stage the funnel does not name


def test_stage_takes_the_funnel_spelling_and_percent_sign_wins():
    data = "Affaire;Montant;Étape;Probabilité\nA;100;propositions;40 %\nB;100;PROPOSITIONS;0,5\nC;100;;1\n"
    result = parse(data.encode(), "p.csv")
    assert [(r["stage"], r["probability"]) for r in result.rows] == [("Propositions", 0.4), ("Propositions", 0.5),
                                                                      (None, 1.0)]


@pytest.mark.parametrize("column, expected_probs", [
    (["40", "0,5", "100"], [0.4, 0.005, 1.0]),  # a figure above 1: the column is in percent
    (["0,4", "0,5", "1"], [0.4, 0.5, 1.0]),  # fractions
])
def test_a_probability_column_is_read_whole(column, expected_probs):
    data = "Affaire;Montant;Probabilité\n" + "".join(f"D{i};100;{p}\n" for i, p in enumerate(column))
    assert [r["probability"] for r in parse(data.encode(), "p.csv").rows] == expected_probs


def test_other_currency_needs_a_rate_and_is_converted_with_it():
    data = "Deal - Title,Deal - Value,Deal - Currency\nA,1000,EUR\nB,2000,USD\nC,10,$\n"
    with pytest.raises(InputError) as exc:
        parse(data.encode(), "deals.csv")
    assert str(exc.value) == ('deals.csv, line 3, column "Deal - Currency": "USD" is not the plan\'s currency (EUR): '
                              "give its rate with --rate USD=RATE (1 USD = RATE EUR), or convert the amounts in the CRM")
    result = parse(data.encode(), "deals.csv", rates={"USD": 0.92})
    assert [r["amount"] for r in result.rows] == [1000.0, 1840.0, 9.2]
    assert "montants en USD convertis à 0,92 EUR pour 1 USD" in result.notices


@pytest.mark.parametrize("rate", ["USD", "USD=abc", "USD=-1", "US=0.9", "=0.9"])
def test_a_bad_rate_is_refused(rate):
    with pytest.raises(InputError, match="--rate"):
        parse(b"Affaire;Montant\nA;1\n", "p.csv", rates=[rate])


def test_a_rate_is_for_pipelines_only():
    with pytest.raises(InputError, match="--rate only applies to pipeline imports"):
        parse_file("customers", io.BytesIO(b"Code;Nom;CA\n1;A;10\n"), CTX, name="c.csv", rates=["USD=0.9"])


@pytest.mark.parametrize("data, message", [
    ("Affaire;Montant;Probabilité\nA;100;140\n",
     'p.csv, line 2, column "Probabilité": "140" is not a probability: it must be between 0 and 100 % (or 0 and 1)'),
    ("Affaire;Montant;Probabilité\nA;100;-5\n",
     'p.csv, line 2, column "Probabilité": "-5" is not a probability: it must be between 0 and 100 % (or 0 and 1)'),
    ("Affaire;Montant;Probabilité\nA;100;beaucoup\n",
     'p.csv, line 2, column "Probabilité": "beaucoup" is not a probability (0 to 100 %, or 0 to 1)'),
    ("Affaire;Montant;Échéance\nA;100;31/02/2026\n",
     'p.csv, line 2, column "Échéance": "31/02/2026" is not a date (dd/mm/yyyy)'),
    ("Affaire;Montant;Statut\nA;100;peut-être\n",
     'p.csv, line 2, column "Statut": "peut-être" is not a deal status: open (En cours), won (Gagné) or lost '
     '(Perdu); or leave the column out with --map "#N=ignore"'),
    ("Affaire;Montant\nA;abc\n", 'p.csv, line 2, column "Montant": "abc" is not an amount'),
    (";Montant\n;100\n", 'p.csv, line 2, column "Montant": "100" is not an amount'),
])
def test_bad_values_are_refused_naming_line_and_column(data, message):
    with pytest.raises(InputError) as exc:
        parse(data.encode(), "p.csv")
    if "is not an amount" in message and data.startswith(";"):
        assert "unknown layout" in str(exc.value)  # no deal or account column at all
    else:
        assert str(exc.value) == message


def test_missing_amount_column_names_the_columns_found():
    with pytest.raises(InputError) as exc:
        parse("Affaire;Étape;Probabilité\nA;Propositions;40\n".encode(), "p.csv")
    assert str(exc.value).startswith('p.csv: unknown layout; columns found: "Affaire", "Étape", "Probabilité"; '
                                     "fields expected: deal (or account), amount")


# --- the CLI: all or nothing, byte-identical on refusal ----------------------------------------

@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pipeline-books")
    out = {}
    for lang in ("fr", "en"):
        p = blank_plan(lang, year=2026, company="Acme")
        p.settings.tracking_month = 10
        p.settings.revenue_target = 100_000.0
        out[lang] = build_workbook(p, folder / f"blank_{lang}.xlsx")
    return out


@pytest.fixture
def book(books, tmp_path) -> Path:
    p = tmp_path / "plan.xlsx"
    shutil.copy(books["fr"], p)
    return p


def run(*args):
    return CliRunner().invoke(main, ["import", *map(str, args)])


@pytest.mark.parametrize("name, content, message", [
    ("usd.csv", "Deal - Title,Deal - Value,Deal - Currency\nA,1000,USD\n",
     "Erreur : usd.csv, ligne 2, colonne « Deal - Currency » : « USD » n'est pas la devise du plan (EUR) : donnez "
     "son taux avec --rate USD=TAUX (1 USD = TAUX EUR), ou convertissez les montants dans le CRM"),
    ("prob.csv", "Affaire;Montant;Probabilité\nA;100;150\n",
     "Erreur : prob.csv, ligne 2, colonne « Probabilité » : « 150 » n'est pas une probabilité : elle doit être "
     "comprise entre 0 et 100 % (ou 0 et 1)"),
    ("date.csv", "Affaire;Montant;Date de signature prévue\nA;100;2026-13-01\n",
     "Erreur : date.csv, ligne 2, colonne « Date de signature prévue » : « 2026-13-01 » n'est pas une date "
     "(jj/mm/aaaa)"),
    ("cols.csv", "Affaire;Étape\nA;Propositions\n",
     "Erreur : cols.csv : disposition inconnue ; colonnes trouvées : \"Affaire\", \"Étape\" ; champs attendus : "
     "deal (or account), amount; optional owner, stage, probability, close date, created date, status, currency ; "
     "nommez les colonnes avec --map \"Colonne source=champ\""),
])
def test_refusals_are_one_line_exit_2_and_leave_the_workbook_identical(book, tmp_path, name, content, message):
    src = tmp_path / name
    src.write_text(content, encoding="utf-8")
    before = book.read_bytes()
    res = run("pipeline", book, src)
    assert res.exit_code == 2
    assert res.stderr.strip() == message
    assert "Traceback" not in res.output
    assert book.read_bytes() == before
    assert sorted(f.name for f in tmp_path.iterdir()) == sorted([name, "plan.xlsx"])  # no backup, no temp file


def test_import_then_append_and_read_back(book, tmp_path):
    src = tmp_path / "deals.xlsx"
    src.write_bytes(to_xlsx(pipedrive_rows("xlsx")))
    res = run("pipeline", book, src)
    assert res.exit_code == 0, res.output
    assert "4 affaires, 2 en cours" in res.output
    deals = read_plan(book).pipeline
    assert [(d.deal, d.status, d.probability) for d in deals] == [(r["deal"], r["status"], r["probability"])
                                                                 for r in expected("fr")]
    assert deals[0].close == D(2026, 11, 20) and deals[3].close is None
    more = tmp_path / "more.csv"
    more.write_text("Affaire;Montant;Statut\nEn plus;10;Signé\n", encoding="utf-8")
    assert run("pipeline", book, more, "--append", "--no-backup").exit_code == 0
    deals = read_plan(book).pipeline
    assert len(deals) == 5 and (deals[-1].deal, deals[-1].status) == ("En plus", "Gagné")
    # replacing (no --append) keeps only the file's deals
    assert run("pipeline", book, more, "--no-backup").exit_code == 0
    assert [d.deal for d in read_plan(book).pipeline] == ["En plus"]


def test_rate_option_converts_through_the_cli(book, tmp_path):
    src = tmp_path / "usd.csv"
    src.write_text("Deal - Title,Deal - Value,Deal - Currency\nA,1000,USD\nB,50,EUR\n", encoding="utf-8")
    res = run("pipeline", book, src, "--rate", "USD=0,92", "--rate", "GBP=1.17", "--no-backup")
    assert res.exit_code == 0, res.output
    assert [d.amount for d in read_plan(book).pipeline] == [920.0, 50.0]
    assert "--rate donné pour GBP : aucun montant dans cette devise" in res.output


# --- the rules, against an independent computation ----------------------------------------------

def test_probability_normalisation():
    assert [rules.probability(v) for v in (40, 0.4, 1, 100, 0, None, "")] == [0.4, 0.4, 1.0, 1.0, 0.0, None, None]
    for bad in (140, -0.1, "x"):
        with pytest.raises(InputError):
            rules.probability(bad)
    assert [rules.weight(v) for v in (40, 0.4, None, 150, -1, "40")] == [0.4, 0.4, 0.0, 0.0, 0.0, 0.0]


def test_status_words_compare_as_excel_does():
    assert [rules.status_key(w) for w in ("Gagné", " gagné ", "WON", "Perdu", "lost", "", None, "Signé",
                                          "En cours", "Ga gné")] == \
        ["won", "won", "won", "lost", "lost", "open", "open", "open", "open", "open"]
    assert rules.excel_trim("  a   b ") == "a b" and rules.excel_trim("\ta") == "\ta"


@pytest.mark.parametrize("target, done, expected_cov", [
    (100.0, 40.0, 0.5), (100.0, None, 0.3), (100.0, 100.0, None), (100.0, 120.0, None), (None, 10.0, None),
])
def test_coverage_is_blank_when_nothing_is_left(target, done, expected_cov):
    assert rules.coverage(30.0, target, done) == (pytest.approx(expected_cov) if expected_cov else None)


def _independent(deals, year, first, as_of, stages, weights, month, volumes):
    """The rules written again from their text, another way: plain loops over dates."""
    start = D(year, first, 1)
    end = D(year + (first + 11 > 12), (first + 10) % 12 + 1, 1)
    end = (D(end.year + (end.month == 12), end.month % 12 + 1, 1)) - dt.timedelta(days=1)
    out = {"weighted": 0.0, "months": [[0, 0.0, 0.0] for _ in range(12)], "stages": {}, "ages": [], "past": []}
    for i, d in enumerate(deals):
        if not isinstance(d.amount, (int, float)) or isinstance(d.amount, bool):
            continue
        word = " ".join(str(d.status or "").split(" ")).strip(" ").lower()
        if word in ("gagné", "won", "perdu", "lost"):
            continue
        p = d.probability
        w = p / 100 if isinstance(p, (int, float)) and 1 < p <= 100 else (p if isinstance(p, (int, float)) and 0 <= p <= 1 else 0)
        weighted = d.amount * w
        if d.close is not None and start <= d.close <= end:
            out["weighted"] += weighted
            k = (d.close.year - start.year) * 12 + d.close.month - start.month
            cell = out["months"][k]
            cell[0] += 1
            cell[1] += d.amount
            cell[2] += weighted
        key = " ".join(str(d.stage).split(" ")).strip(" ").lower()
        s = out["stages"].setdefault(key, [0, 0.0, 0.0])
        s[0] += 1
        s[1] += d.amount
        s[2] += weighted
        if as_of and d.created and d.created <= as_of:
            out["ages"].append((as_of - d.created).days)
        if as_of and d.close and d.close < as_of:
            out["past"].append(i)
    share = sum(weights[month:]) if month else sum(weights)
    out["need"] = [math.ceil(round(v * share, 9)) for v in volumes]
    return out


DEAL = st.builds(
    lambda amount, prob, close, created, status, stage: Deal(
        deal="d", amount=amount, probability=prob, close=close, created=created, status=status, stage=stage),
    st.one_of(st.none(), st.integers(-500, 90_000).map(float)),
    st.one_of(st.none(), st.sampled_from([0, 0.25, 1, 1.0, 40, 100, 150, -2])),
    st.one_of(st.none(), st.dates(D(2025, 6, 1), D(2028, 6, 30))),
    st.one_of(st.none(), st.dates(D(2024, 1, 1), D(2027, 12, 31))),
    st.sampled_from(["", "En cours", "Gagné", " WON ", "perdu", "Lost", "Signé", "open"]),
    st.sampled_from(["Contacts", "propositions ", "PROPOSITIONS", "Négociation", ""]),
)


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(deals=st.lists(DEAL, max_size=25), first=st.integers(1, 12), month=st.one_of(st.none(), st.integers(1, 12)),
       typed=st.booleans())
def test_figures_equal_an_independent_computation(deals, first, month, typed):
    from pacxl.calc.dates import month_end

    year = 2026
    as_of = D(2026, 11, 15) if typed else (month_end(year, first, month) if month else None)
    weights = [0.05] * 4 + [0.1] * 8
    stages = ["Contacts", "Premiers rendez-vous", "Propositions", "Signatures"]
    volumes = [500, 100, 50, 15]
    f = rules.pipeline_figures(deals, year=year, first_month=first, as_of=as_of, stages=stages,
                               revenue_target=200_000.0, revenue_to_date=50_000.0, volumes=volumes,
                               weights=weights, month=month)
    ind = _independent(deals, year, first, as_of, stages, weights, month, volumes)
    assert f["weighted"] == pytest.approx(ind["weighted"], abs=1e-6)
    assert f["coverage"] == pytest.approx(ind["weighted"] / 150_000.0, abs=1e-12)
    for m, (n, v, w) in zip(f["by_month"], ind["months"]):
        assert (m["count"], m["value"], m["weighted"]) == (n, pytest.approx(v), pytest.approx(w))
    for s in f["by_stage"]:
        n, v, w = ind["stages"].get(s["stage"].lower(), [0, 0.0, 0.0])
        assert (s["count"], s["value"], s["weighted"]) == (n, pytest.approx(v), pytest.approx(w))
    assert [s["need"] for s in f["by_stage"]] == ind["need"]
    assert f["age_oldest"] == (max(ind["ages"]) if ind["ages"] else None)
    assert f["age_average"] == (pytest.approx(sum(ind["ages"]) / len(ind["ages"])) if ind["ages"] else None)
    assert f["past_close"]["rows"] == ind["past"]
    assert f["open"]["count"] == sum(v[0] for v in ind["stages"].values())


def test_the_demo_pipeline():
    from pacxl.demo import demo_plan
    from pacxl.pipeline_plan import figures

    p = demo_plan("fr")
    assert len(p.pipeline) == 30
    f = figures(p, 10, D(2026, 10, 31))
    assert (f["open"]["count"], f["won"]["count"], f["lost"]["count"]) == (22, 5, 3)
    assert f["weighted"] == pytest.approx(480_515.0) and f["coverage"] == pytest.approx(480_515 / 962_400)
    assert f["unknown_stages"] == ["Négociation"] and f["past_close"]["count"] == 2


def test_team_pipeline_keeps_every_deal_in_the_team_words():
    from pacxl.pipeline_plan import team_pipeline

    a = SimpleNamespace(pipeline=[Deal("A", owner="", amount=1.0, status="Won")])
    b = SimpleNamespace(pipeline=[Deal("B", owner="Zoé", amount=2.0, status="En cours"), Deal("C", status="")])
    team = team_pipeline([("Ann", a), ("Bob", b)], "fr")
    assert [(d.deal, d.owner, d.status) for d in team] == [("A", "Ann", "Gagné"), ("B", "Zoé", "En cours"),
                                                          ("C", "Bob", "")]
    assert a.pipeline[0].owner == ""  # the plans are not changed


# --- check, report, UDFs on the demo ---------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_book(tmp_path_factory) -> Path:
    from pacxl.demo import demo_plan

    return build_workbook(demo_plan("fr"), tmp_path_factory.mktemp("pl-demo") / "demo.xlsx")


def test_check_rules_on_the_demo(demo_book):
    from pacxl.check import check_workbook

    found = [f for f in check_workbook(demo_book) if f.code.startswith("pipeline-")]
    got = [(f.severity, f.code, f.where) for f in found]
    assert got == [("warning", "pipeline-coverage-low", "Pipeline!B13"),
                   ("warning", "pipeline-past-close", "Pipeline!G43"),
                   ("warning", "pipeline-past-close", "Pipeline!G44"),
                   ("info", "pipeline-unknown-stage", "Pipeline!D33")]
    plan = read_plan(demo_book)
    first = 31  # tblPipeline's header row is 30: row 43 is the 13th deal
    assert [plan.pipeline[int(f.cell[1:]) - first].close < D(2026, 10, 31) for f in found[1:3]] == [True, True]
    assert found[0].message == ("Le pipeline pondéré de l'année (480\u202f515\u00a0€) couvre 49,9\u00a0% du reste à "
                                "réaliser de l'objectif de CA (962\u202f400\u00a0€).")


def test_check_is_quiet_without_deals_and_when_the_goal_is_reached(books):
    from pacxl.check import check_plan

    p = read_plan(books["fr"])
    assert not [f for f in check_plan(p) if f.code.startswith("pipeline-")]
    p.pipeline = [Deal("A", amount=10.0, probability=0.5, close=D(2026, 12, 1), status="")]
    assert [f.code for f in check_plan(p) if f.code.startswith("pipeline-")] == ["pipeline-coverage-low"]
    p.settings.revenue_target = 0.0
    assert not [f for f in check_plan(p) if f.code.startswith("pipeline-")]


def test_report_has_the_pipeline_section(demo_book, tmp_path):
    res = CliRunner().invoke(main, ["report", "--json", str(demo_book)])
    fig = json.loads(res.output)["pipeline"]
    assert fig["weighted"] == pytest.approx(480_515.0) and fig["deals"] == 30
    assert [d["deal"] for d in fig["past_close"]["deals"]] == ["Mesures de qualité d'air écoles", "Désenfumage entrepôt"]
    text = CliRunner().invoke(main, ["report", str(demo_book)]).output
    assert "Pipeline pondéré de l'année" in text and "49,9" in text and "Autres étapes" in text
    html_path = tmp_path / "r.html"
    assert CliRunner().invoke(main, ["report", str(demo_book), "--html", str(html_path)]).exit_code == 0
    assert "Affaires ouvertes par étape" in html_path.read_text(encoding="utf-8")
    from pacxl.report import report_workbook
    from pacxl.report_html import render_html

    page = render_html(report_workbook(demo_book), lang="en")
    assert "Weighted pipeline of the year" in page and "Open deals by funnel stage" in page


def test_udfs_equal_calc_on_the_demo():
    from pacxl.demo import demo_plan
    from pacxl.pipeline_plan import figures
    from pacxl.udfs import PAC_PIPELINE_COVERAGE, PAC_PIPELINE_WEIGHTED

    deals = demo_plan("en").pipeline
    cols = [[getattr(d, k) for d in deals] for k in ("amount", "probability", "close", "status")]
    cols[2] = [dt.datetime.combine(c, dt.time()) for c in cols[2]]  # xlwings gives datetimes
    w = PAC_PIPELINE_WEIGHTED(*cols, 2026.0)
    assert w == pytest.approx(figures(demo_plan("en"), 10, D(2026, 10, 31))["weighted"])
    assert PAC_PIPELINE_WEIGHTED(*cols, 2026.0, 7.0) != w  # another plan year
    assert PAC_PIPELINE_COVERAGE(w, 4_200_000.0, 3_237_600.0) == pytest.approx(w / 962_400)
    assert PAC_PIPELINE_COVERAGE(w, 4_200_000.0, 5_000_000.0) == ""
    with pytest.raises(InputError, match="same size"):
        PAC_PIPELINE_WEIGHTED([1.0], [0.5, 0.5], [None], [None], 2026.0)
    with pytest.raises(InputError, match="must be a date"):
        PAC_PIPELINE_WEIGHTED([1.0], [0.5], ["demain"], [None], 2026.0)


def test_lite_has_the_pipeline_udfs(tmp_path, monkeypatch):
    import importlib.util
    import sys
    import types

    from pacxl.lite import write_lite

    fake = types.ModuleType("xlwings")
    fake.func = fake.arg = fake.ret = lambda *a, **k: a[0] if len(a) == 1 and callable(a[0]) and not k else (lambda f: f)
    monkeypatch.setitem(sys.modules, "xlwings", fake)
    write_lite(tmp_path)
    spec = importlib.util.spec_from_file_location("pacxl_lite_pipeline", tmp_path / "main.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "pacxl_lite_pipeline", module)
    spec.loader.exec_module(module)
    args = ([1000.0, 2000.0], [40.0, 0.5], [dt.datetime(2026, 3, 1), dt.datetime(2027, 3, 1)], ["", "Open"], 2026.0)
    assert module.PAC_PIPELINE_WEIGHTED(*args) == 400.0
    assert module.PAC_PIPELINE_COVERAGE(400.0, 1000.0, 200.0) == 0.5


# --- the native twins equal calc after LibreOffice -------------------------------------------------

def _edge_plan() -> "object":
    """An English plan starting in July, with what the demo lacks: statuses typed in either
    language with spaces and capitals, probabilities as percentages, fractions, blank and above
    100, close dates around the year's ends, no close date, created after the as-of date, a
    close date with a time, stages typed with other case and spaces."""
    p = blank_plan("en", year=2026, company="Edge")
    s = p.settings
    s.first_month, s.tracking_month = 7, 4  # the year runs July 2026 - June 2027; as of 31/10/2026
    s.revenue_target, s.average_deal = 500_000.0, 10_000.0
    s.seasonality = [5, 5, 10, 10, 10, 5, 5, 10, 10, 10, 10, 10]
    from pacxl.model import KPI

    p.kpis = [KPI("K1", "Revenue", "Revenue", "EUR", "", [40_000.0] * 12, [20_000.0, 30_000.0, None, 25_000.0] + [None] * 8)]
    stages = s.funnel_stages
    p.pipeline = [
        Deal("a", "X", "Ann", stages[2], 10_000.0, 40.0, D(2026, 7, 1), D(2026, 1, 1), "Open"),
        Deal("b", "X", "Ann", "  " + stages[2].upper() + " ", 2_500.5, 0.35, D(2027, 6, 30), D(2026, 10, 31), ""),
        Deal("c", "Y", "Bob", stages[1], 7_000.0, None, D(2027, 7, 1), D(2026, 11, 2), " won "),
        Deal("d", "Y", "Bob", stages[1], 8_000.0, 150.0, D(2026, 6, 30), None, "PERDU"),
        Deal("e", "Z", "Bob", stages[0], 1_000.0, 1.0, None, D(2025, 5, 5), "Gagné "),
        Deal("f", "Z", "Ann", "Negotiation", 3_333.33, 1.0, D(2026, 10, 30), D(2026, 9, 1), "open"),
        Deal("g", "Z", "Ann", stages[2], 4_000.0, 0.5, dt.datetime(2026, 10, 31, 17, 30), D(2026, 10, 31), "Open"),
        Deal("h", "Z", "Ann", stages[3], None, 0.5, D(2026, 12, 1), D(2026, 1, 1), "Open"),
        Deal("i", "Z", "Ann", stages[2], -500.0, 20.0, D(2026, 12, 1), D(2026, 1, 1), "Open"),
    ]
    return p


def _reached_plan() -> "object":
    p = blank_plan("fr", year=2026, company="Atteint")
    p.settings.tracking_month = 12
    p.settings.revenue_target = 1_000.0
    from pacxl.model import KPI

    p.kpis = [KPI("K1", "CA", "CA", "EUR", "", [100.0] * 12, [90.0] * 12)]  # 1 080 to date: reached
    p.pipeline = [Deal("a", amount=500.0, probability=0.5, close=D(2026, 12, 31), status="En cours")]
    return p


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory):
    """(plan held, recalculated openpyxl workbook) of the demo, the edge plan and a plan whose goal
    is reached: ONE LibreOffice run for the three."""
    from pacxl.demo import demo_plan
    from conftest import require_soffice
    from workbook_values import recalculate_all

    require_soffice()
    folder = tmp_path_factory.mktemp("pl-recalc")
    made = {name: build_workbook(plan, folder / f"{name}.xlsx")
            for name, plan in (("demo", demo_plan("fr")), ("edge", _edge_plan()), ("reached", _reached_plan()))}
    done = recalculate_all(list(made.values()), folder / "out")
    return {name: (read_plan(path), openpyxl.load_workbook(done[path], data_only=True)) for name, path in made.items()}


def _name(wb, name):
    (title, ref), = list(wb.defined_names[name].destinations)
    cells = wb[title][ref.replace("$", "")]
    return cells if isinstance(cells, tuple) else cells.value


def _blank(v):
    return v is None or v == ""


def _same(cell, want, tol=1e-6) -> bool:
    if want is None:
        return _blank(cell)
    return isinstance(cell, (int, float)) and math.isclose(cell, want, rel_tol=1e-9, abs_tol=tol)


@pytest.mark.libreoffice
@pytest.mark.parametrize("case", ["demo", "edge", "reached"])
def test_sheet_figures_equal_calc_after_libreoffice(recalculated, case):
    from pacxl.check import plan_as_of
    from pacxl.pipeline_plan import figures
    from pacxl.workbook.i18n import text
    from pacxl.workbook.contract import SHEETS

    plan, wb = recalculated[case]
    s = plan.settings
    f = figures(plan, s.tracking_month, plan_as_of(s))
    assert _same(_name(wb, "PAC_PipelineWeighted"), f["weighted"])
    assert _same(_name(wb, "PAC_PipelineCoverage"), f["coverage"], 1e-12)
    # the key figures, by their labels
    ws = wb[SHEETS["pipeline"][s.lang]]
    shown = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(5, 19)}
    want = {"pl_open_count": f["open"]["count"], "pl_open_value": f["open"]["value"],
            "pl_open_weighted": f["open"]["weighted"], "pl_weighted": f["weighted"],
            "pl_revenue_target": f["revenue_target"], "pl_revenue_to_date": f["revenue_to_date"],
            "pl_remaining": f["remaining"], "pl_coverage": f["coverage"], "pl_age_average": f["age_average"],
            "pl_age_oldest": f["age_oldest"], "pl_past_count": f["past_close"]["count"],
            "pl_past_value": f["past_close"]["value"], "pl_share_left": f["remaining_share"]}
    bad = {k: (shown.get(text(k, s.lang)), v) for k, v in want.items() if not _same(shown.get(text(k, s.lang)), v)}
    assert not bad
    stages = [tuple(c.value for c in row) for row in _name(wb, "PAC_PipelineByStage")]
    for row, calc_row in zip(stages, f["by_stage"]):
        assert row[0] == calc_row["stage"]
        assert all(_same(a, b) for a, b in zip(row[1:], (calc_row["count"], calc_row["value"], calc_row["weighted"],
                                                       calc_row["need"]))), (row, calc_row)
    assert all(_blank(v) for row in stages[len(f["by_stage"]):] for v in row)
    months = [tuple(c.value for c in row) for row in _name(wb, "PAC_PipelineByMonth")]
    for row, m in zip(months, f["by_month"]):
        assert all(_same(a, b) for a, b in zip(row[1:], (m["count"], m["value"], m["weighted"]))), (row, m)
    if case == "edge":
        assert f["coverage"] is not None and f["past_close"]["count"] == 2 and f["other_stages"]["count"] == 1
    if case == "reached":
        assert f["coverage"] is None and f["remaining"] <= 0


@pytest.mark.libreoffice
def test_each_deal_row_equals_calc_after_libreoffice(recalculated):
    from pacxl.check import plan_as_of
    from pacxl.workbook.contract import PIPELINE
    from pacxl.workbook.tables import find_table

    plan, wb = recalculated["edge"]
    s = plan.settings
    ws, tbl = find_table(wb, "tblPipeline")
    from openpyxl.utils import range_boundaries

    c0, header, _, last = range_boundaries(tbl.ref)
    keys = PIPELINE.keys()
    rows = [dict(zip(keys, (ws.cell(row=r, column=c0 + i).value for i in range(len(keys)))))
            for r in range(header + 1, header + 1 + len(plan.pipeline))]
    for d, row in zip(plan.pipeline, rows):
        f = rules.deal_figures(d, s.year, s.first_month, plan_as_of(s))
        assert row["h_open"] == (1 if f["open"] else 0), d
        assert _same(row["weighted"], f["weighted"]) and _same(row["age"], f["age"]), (d, row)
        assert _same(row["h_month"], f["month"]) and row["h_past"] == (1 if f["past"] else 0), (d, row)
