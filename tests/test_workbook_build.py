"""The generated workbook's structure: sheets, contract names and tables, validations, styles,
protection, overwrite rules, plan sources; and that it reopens intact in openpyxl."""

from __future__ import annotations

import json
import subprocess
import sys

import openpyxl
import pytest
import yaml
from openpyxl.utils import get_column_letter, range_boundaries

from pacxl import build_workbook as top_level_build
from pacxl.defaults import blank_plan
from pacxl.errors import FileExistsError_, InputError, PacxlError
from pacxl.workbook.build import build_workbook, make_workbook
from pacxl.workbook.contract import CUSTOMERS, NAMES, SHEETS, TABLES, column_name
from pacxl.workbook.sheets._common import quote
from pacxl.workbook.tables import table_columns

ROLES = [r for r in SHEETS if r not in ("udfs", "xlwings_conf")]


@pytest.fixture(scope="module")
def demo_fr(generated_workbooks):
    return openpyxl.load_workbook(generated_workbooks["demo_fr"])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_sheets_in_contract_order(generated_workbooks, lang):
    wb = openpyxl.load_workbook(generated_workbooks[f"blank_{lang}"])
    assert wb.sheetnames == [SHEETS[r][lang] for r in ROLES]


def test_udf_sheets(generated_workbooks):
    wb = openpyxl.load_workbook(generated_workbooks["demo_fr_udfs"])
    assert wb.sheetnames[-2:] == ["UDF", "xlwings.conf"]
    conf = wb["xlwings.conf"]
    assert conf.sheet_state == "hidden"
    assert (conf["A1"].value, conf["B1"].value) == ("UDF Modules", "pacxl.udfs")
    formulas = " ".join(str(c.value) for row in wb["UDF"].iter_rows() for c in row)
    for fn in ("PAC_FUNNEL(", "PAC_ABC(", "PAC_VARIANCE(", "PAC_VARIANCE_PCT(", "PAC_FORECAST(", "PAC_DEALS("):
        assert fn in formulas


def test_every_contract_name_and_table_reopens(demo_fr):
    for name in NAMES:
        assert name in demo_fr.defined_names, name
        dests = list(demo_fr.defined_names[name].destinations)
        assert dests and dests[0][0] in demo_fr.sheetnames, name
    for tname, spec in TABLES.items():
        ws = demo_fr[SHEETS[spec.sheet]["fr"]]
        assert tname in ws.tables
        tbl = ws.tables[tname]
        c0, r0, _, _ = range_boundaries(tbl.ref)  # (tblAllocation starts at column K)
        header = [c.value for c in next(ws.iter_rows(min_row=r0, max_row=r0, min_col=c0,
                                                    max_col=c0 + len(spec.columns) - 1))]
        for key, head in zip(spec.keys(), header):
            if not key[1:].isdigit():  # month columns carry the month's name
                assert head == spec.columns[spec.index(key)].header("fr")
        for key in spec.keys():
            assert column_name(tname, key) in demo_fr.defined_names


def test_column_names_cover_table_body(demo_fr):
    ws = demo_fr[SHEETS["customers"]["fr"]]
    ref = ws.tables["tblCustomers"].ref
    last = int(ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    name = demo_fr.defined_names[column_name("tblCustomers", "amount")]
    assert name.attr_text == f"'Clients'!$D$5:$D${last}"


def test_validations_with_messages(demo_fr):
    ws = demo_fr[SHEETS["actions"]["fr"]]
    by_source = {dv.formula1: dv for dv in ws.data_validations.dataValidation if dv.type == "list"}
    for source in ("PAC_Owners", "PAC_Statuses", "PAC_Categories", "PAC_Segments",
                   "PAC_Levers", column_name('tblObjectives', 'id')):
        dv = by_source[source]
        assert dv.showErrorMessage and dv.showInputMessage
        assert dv.error.startswith("Valeur refusée")  # French alert
        assert dv.prompt
    dates = [dv for dv in ws.data_validations.dataValidation if dv.type == "date"]
    assert dates and "jj/mm/aaaa" in dates[0].error
    # the validations cover the whole body of the table
    last = int(ws.tables["tblActions"].ref.split(":")[1][1:])
    assert str(by_source["PAC_Owners"].sqref) == f"G5:G{last}"


@pytest.mark.parametrize("name", ["demo_fr", "blank_en"])
def test_list_prompts_name_the_sheet_that_holds_the_list(generated_workbooks, name):
    """A drop-down's input message sends the user to the sheet whose cells feed the list
    (segments live on Targets, objective IDs on Objectives, action IDs on the Action plan), its
    title is whole words within Excel's 32 characters, and acronyms keep their capitals."""
    wb = openpyxl.load_workbook(generated_workbooks[name])
    lists = 0
    for ws in wb.worksheets:
        for dv in ws.data_validations.dataValidation:
            assert len(dv.promptTitle) <= 32 and dv.promptTitle.count("(") == dv.promptTitle.count(")")
            assert not any(w in f" {dv.prompt} {dv.error} " for w in (" ca ", " kpi ", " classe a "))
            if dv.type != "list" or dv.formula1.startswith('"'):
                continue
            lists += 1
            (home, _), = wb.defined_names[dv.formula1].destinations
            home = home.replace("''", "'")
            assert f" {home}" in dv.prompt, (ws.title, dv.formula1, dv.prompt)
            others = [t for t in wb.sheetnames if t != home and len(t) > 4]
            assert not any(f" {t}." in dv.prompt for t in others), dv.prompt
    assert lists >= 12


def test_inputs_unlocked_computed_locked_sheets_protected(demo_fr):
    for ws in demo_fr.worksheets:
        assert ws.protection.sheet, ws.title
        assert not ws.protection.password, ws.title
    ws = demo_fr[SHEETS["customers"]["fr"]]
    assert ws["D5"].protection.locked is False  # amount: input
    ws_k, tbl_k, col_k = table_columns(demo_fr, "tblKPI")
    assert ws_k.cell(row=6, column=col_k["status"]).protection.locked is True  # a formula
    assert ws["D5"].fill.fgColor.rgb.endswith("FFF8DC")
    assert ws["D5"].number_format == '#,##0 "€";-#,##0 "€"'
    act = demo_fr[SHEETS["actions"]["fr"]]
    assert act["H5"].number_format == "DD/MM/YYYY"
    assert act.freeze_panes == "D5"
    assert act.page_setup.orientation == "landscape"
    assert act.print_title_rows == "$4:$4"


def test_funnel_and_abc_formulas_are_classic(demo_fr):
    """No dynamic-array function, and the twins' rounding is in the formulas."""
    banned = ("FILTER(", "SORT(", "UNIQUE(", "SEQUENCE(", "LET(", "LAMBDA(", "XLOOKUP(", "_xlfn")
    seen = []
    for ws in demo_fr.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    assert not any(b in c.value.upper() for b in banned), (ws.title, c.coordinate)
                    seen.append(c.value)
    joined = "\n".join(seen)
    assert "ROUNDUP(ROUND(" in joined
    prior = get_column_letter(CUSTOMERS.index("prior_share") + 1)
    assert f"ROUND({prior}5,9)<PAC_ABC_A" in joined


def test_charts_present(demo_fr):
    counts = {ws.title: len(ws._charts) for ws in demo_fr.worksheets}
    assert counts[SHEETS["dashboard"]["fr"]] == 4
    assert counts[SHEETS["customers"]["fr"]] == 1
    assert counts[SHEETS["funnel"]["fr"]] == 1


def test_guide_links_every_sheet(demo_fr, generated_workbooks):
    """The Guide links to every other visible sheet: Settings too, and the UDF sheet when there
    is one (the hidden xlwings.conf needs none)."""
    ws = demo_fr["Guide"]
    targets = {c.hyperlink.location for row in ws.iter_rows() for c in row if c.hyperlink}
    expected = {quote(SHEETS[role]["fr"]) + "!A1" for role in ROLES[1:] if role != "baseline"}  # (hidden)
    assert targets == expected
    wb = openpyxl.load_workbook(generated_workbooks["demo_fr_udfs"])
    targets = {c.hyperlink.location for row in wb["Guide"].iter_rows() for c in row if c.hyperlink}
    visible = {quote(w.title) + "!A1" for w in wb.worksheets if w.sheet_state == "visible"}
    assert targets == visible - {quote("Guide") + "!A1"}


def test_refuses_to_overwrite_without_force(tmp_path):
    path = tmp_path / "pac.xlsx"
    build_workbook(blank_plan("fr"), path)
    before = path.read_bytes()
    with pytest.raises(FileExistsError_) as exc:
        build_workbook(blank_plan("fr"), path)
    assert str(exc.value) == f"{path} exists already: use --force to overwrite it"
    assert path.read_bytes() == before
    build_workbook(blank_plan("en"), path, force=True)
    assert openpyxl.load_workbook(path).sheetnames[1] == "Settings"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pac.xlsx"]  # no temp file left


def test_bad_paths(tmp_path):
    with pytest.raises(InputError, match="must end in .xlsx"):
        build_workbook(blank_plan("fr"), tmp_path / "pac.xls")
    with pytest.raises(PacxlError, match="does not exist"):
        build_workbook(blank_plan("fr"), tmp_path / "nope" / "pac.xlsx")


def test_plan_from_dict_yaml_json(tmp_path):
    data = blank_plan("en", year=2031, company="Dict Co").to_dict()
    data["settings"]["owners"] = ["Zoé"]
    y = tmp_path / "plan.yaml"
    y.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    j = tmp_path / "plan.json"
    j.write_text(json.dumps(data), encoding="utf-8")
    for i, src in enumerate((data, y, str(j))):
        out = top_level_build(src, tmp_path / f"out{i}.xlsx")
        wb = openpyxl.load_workbook(out)
        settings = wb["Settings"]
        assert settings["B5"].value == "Dict Co"
        assert settings["B6"].value == 2031
        assert settings["D5"].value == "Zoé"


def test_empty_lists_get_defaults():
    plan = blank_plan("fr")
    plan.settings.statuses = []
    wb = make_workbook(plan)
    assert [wb["Paramètres"].cell(row=r, column=7).value for r in range(5, 10)] == [
        "À faire", "En cours", "Fait", "Reporté", "Annulé"]


def test_plan_segments_replace_placeholders():
    from pacxl.model import Segment

    plan = blank_plan("fr")
    plan.segments = [Segment("PME", share=0.6), Segment("ETI", share=0.4)]
    ws = make_workbook(plan)["Cibles"]
    assert [ws[f"A{r}"].value for r in (5, 6, 7)] == ["PME", "ETI", None]
    assert ws["D5"].value == 0.6


def test_pandas_stays_off_the_new_path(tmp_path):
    code = (
        "import sys\n"
        "from pacxl.cli import main\n"
        f"sys.argv = ['pacxl', 'new', {str(tmp_path / 'p.xlsx')!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('pandas' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"


@pytest.mark.parametrize("currency, unit", [("CHF", '"CHF"'), ("EUR", '"€"'), ("USD", '"$"')])
def test_amounts_formatted_in_the_plan_currency(currency, unit):
    """Every money cell (budget, funnel goal, action budgets, review, dashboard) shows the plan's
    currency, never another one; dates are dd/mm/yyyy."""
    plan = blank_plan("en", year=2028)
    plan.settings.currency = currency
    wb = make_workbook(plan)
    money = {ws.title: {c.number_format for row in ws.iter_rows() for c in row
                        if any(s in c.number_format for s in ('"€"', '"CHF"', '"$"', '"USD"'))}
             for ws in wb.worksheets}
    for title in ("Last year", "Targets", "Funnel", "Action plan", "Budget", "Dashboard"):
        assert money[title], title
    formats = set().union(*money.values())
    assert all(unit in f for f in formats), formats
    assert wb["Action plan"]["H5"].number_format == wb["Objectives"]["H5"].number_format == "DD/MM/YYYY"


def test_customer_summary_reads_on_one_line(demo_fr):
    """The summary's first line sits on the table's tall header row: its label and value are
    both vertically centred (the value used to print a line above its label), and the Pareto
    chart's title never breaks '5 %' across two lines."""
    ws = demo_fr[SHEETS["customers"]["fr"]]
    from pacxl.workbook.sheets.customers import SUMMARY_COL as col

    labels = {ws.cell(row=r, column=col).value: r for r in range(4, 7)}
    assert set(labels) == {"CA total (montants > 0)", "Clients avec CA", "Table triée"}
    for r in labels.values():
        assert ws.cell(row=r, column=col).alignment.vertical == ws.cell(row=r, column=col + 1).alignment.vertical == "center"
    title = "".join(run.t for p in ws._charts[0].title.tx.rich.p for run in (p.r or []))
    assert "5\u00a0%" in title and "5 %" not in title


def test_the_customer_table_sorts_on_the_protected_sheet(demo_fr):
    """Excel sorts a protected sheet's range only when sorting is allowed and none of the range's
    cells is locked: every cell of tblCustomers (computed and hidden helper columns too) is
    unlocked, and the filter buttons stay usable."""
    ws, tbl, col_of = table_columns(demo_fr, "tblCustomers")
    min_col, min_row, max_col, max_row = range_boundaries(tbl.ref)
    assert ws.protection.sheet and ws.protection.sort is False and ws.protection.autoFilter is False
    locked = [ws.cell(row=r, column=c).coordinate for r in range(min_row + 1, max_row + 1)
              for c in range(min_col, max_col + 1) if ws.cell(row=r, column=c).protection.locked]
    assert locked == []
    assert tbl.autoFilter is not None and tbl.autoFilter.ref == tbl.ref
