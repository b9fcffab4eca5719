"""The pandas face (issue 16): pacxl.frames reads every table of a plan as typed DataFrames, and
pacxl.io.import_frame imports a DataFrame through the file importer's own pipeline."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from openpyxl.utils import range_boundaries

import pacxl
from pacxl.dataframes import DATE_COLUMNS, TEXT_COLUMNS
from pacxl.errors import InputError, PacxlError, WorkbookError
from pacxl.io import import_file, import_frame
from pacxl.workbook.contract import TABLES

sys.path.insert(0, str(Path(__file__).parent))
from edits import insert_column  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


# --- workbooks ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, Path]:
    """The demo in both languages with the shipped templates' cached values (as ``pacxl demo``
    writes it), the French one without cached values, a blank plan of the demo's year, and the
    French demo with its KPI actuals emptied."""
    from pacxl.defaults import blank_plan
    from pacxl.demo import demo_plan
    from pacxl.workbook.build import build_workbook
    from pacxl.workbook.tables import table_columns

    folder = tmp_path_factory.mktemp("frames")
    out = {}
    for lang in ("fr", "en"):
        out[f"demo_{lang}"] = build_workbook(demo_plan(lang), folder / f"demo_{lang}.xlsx", values="shipped")
    out["demo_fr_bare"] = build_workbook(demo_plan("fr"), folder / "demo_fr_bare.xlsx")
    year = demo_plan("fr").settings.year
    for lang in ("fr", "en"):
        out[f"blank_{lang}"] = build_workbook(blank_plan(lang, year=year), folder / f"blank_{lang}.xlsx")
    wb = openpyxl.load_workbook(out["demo_fr"])
    ws, tbl, col_of = table_columns(wb, "tblKPI")
    _, header, _, last = range_boundaries(tbl.ref)
    for r in range(header + 1, last + 1):
        for key, c in col_of.items():
            if key[0] == "a" and key[1:].isdigit():
                ws.cell(row=r, column=c).value = None
    out["no_actuals"] = folder / "no_actuals.xlsx"
    wb.save(out["no_actuals"])
    return out


def copy(src: Path, tmp_path: Path, name: str = "plan.xlsx") -> Path:
    dst = tmp_path / name
    shutil.copy(src, dst)
    return dst


def digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def is_text(series) -> bool:
    return pd.api.types.is_string_dtype(series.dtype) and not pd.api.types.is_datetime64_any_dtype(series.dtype)


# --- frames: tables, types, headers -------------------------------------------------------------


def test_every_contract_table_typed(books):
    from pacxl.workbook.read import read_workbook

    got = pacxl.frames(books["demo_fr"], lang="canonical")
    assert list(got) == list(TABLES)  # every contract table, in the contract's order
    plan, _ = read_workbook(books["demo_fr"])
    assert len(got["tblBudget"]) == len(plan.budget) == 35
    assert len(got["tblCustomers"]) == len(plan.customers)
    assert len(got["tblKPI"]) == len(plan.kpis)
    assert len(got["tblActions"]) == len(plan.actions)
    for name, df in got.items():
        assert list(df.columns) == TABLES[name].keys()
        assert isinstance(df.index, pd.RangeIndex) and df.index.start == 0
        assert name in TEXT_COLUMNS, f"{name}: declare its text columns in pacxl.dataframes.TEXT_COLUMNS"
        for key in df.columns:
            col = df[key]
            if key in DATE_COLUMNS.get(name, ()):
                assert col.dtype == "datetime64[ns]", (name, key)
            elif key in TEXT_COLUMNS.get(name, ()):
                assert is_text(col), (name, key, col.dtype)
                assert all(isinstance(v, str) for v in col.dropna()), (name, key)
            else:
                assert col.dtype == "float64", (name, key, col.dtype)
    budget = got["tblBudget"].set_index("id")
    line = plan.budget[1]  # months typed in three months only: the others are blank -> NaN
    assert [None if np.isnan(x) else x for x in budget.loc[line.id, [f"m{i:02d}" for i in range(1, 13)]]] == \
        [None if v is None else float(v) for v in line.months]
    assert budget.loc[line.id, "actual"] == line.actual
    actions = got["tblActions"].set_index("id")
    first = plan.actions[0]
    assert actions.loc[first.id, "start"] == pd.Timestamp(first.start)
    assert actions.loc[first.id, "owner"] == first.owner
    # computed columns: the values the file caches (the shipped template's, LibreOffice's)
    assert budget.loc[line.id, "total"] == sum(v for v in line.months if v is not None)
    assert set(got["tblCustomers"]["abc"].dropna()) == {"A", "B", "C"}


def test_text_dtype_blanks_are_nan(books):
    kpi = pacxl.frames(books["demo_fr"], lang="canonical")["tblKPI"]
    assert kpi["numerator"].isna().sum() == len(kpi) - 1  # one rate KPI
    assert is_text(kpi["numerator"])


def test_identifiers_typed_as_numbers_read_as_text(books, tmp_path):
    path = copy(books["demo_fr_bare"], tmp_path)
    wb = openpyxl.load_workbook(path)
    from pacxl.workbook.tables import table_columns

    ws, tbl, col_of = table_columns(wb, "tblCustomers")
    _, header, _, _ = range_boundaries(tbl.ref)
    ws.cell(row=header + 1, column=col_of["code"]).value = 123.0  # a code typed as a number
    ws.cell(row=header + 2, column=col_of["amount"]).value = "1 234,5"  # an amount typed as French text
    wb.save(path)
    df = pacxl.frames(path, lang="canonical")["tblCustomers"]
    assert df.loc[0, "code"] == "123"
    assert df.loc[1, "amount"] == 1234.5


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_headers_as_in_the_workbook_and_in_either_language(books, lang):
    other = "en" if lang == "fr" else "fr"
    own = pacxl.frames(books[f"demo_{lang}"])
    assert {n: list(df.columns) for n, df in pacxl.frames(books[f"demo_{lang}"], lang=lang).items()} == \
        {n: list(df.columns) for n, df in own.items()}
    translated = pacxl.frames(books[f"demo_{other}"], lang=lang)
    assert {n: list(df.columns) for n, df in translated.items()} == {n: list(df.columns) for n, df in own.items()}
    budget = list(own["tblBudget"].columns)
    if lang == "fr":
        assert budget[:5] == ["Ligne", "Catégorie", "Action", "Libellé", "janv. 2026"]
        assert "Réel janv. 2026" in own["tblKPI"].columns
    else:
        assert budget[:5] == ["Line", "Category", "Action", "Label", "Jan 2026"]
        assert "Actual Jan 2026" in own["tblKPI"].columns
    # the same figures whatever the headers
    np.testing.assert_array_equal(own["tblBudget"].select_dtypes("float64").to_numpy(),
                                  translated["tblBudget"].select_dtypes("float64").to_numpy())


def test_computed_false_keeps_the_input_columns(books):
    for name, df in pacxl.frames(books["demo_fr"], lang="canonical", computed=False).items():
        assert list(df.columns) == [c.key for c in TABLES[name].input_columns()]


def test_no_cached_values_read_as_nan(books):
    """A file openpyxl wrote and no spreadsheet saved since has no cached values: NaN."""
    bare = pacxl.frames(books["demo_fr_bare"], lang="canonical")
    cached = pacxl.frames(books["demo_fr"], lang="canonical")
    for name in ("tblBudget", "tblKPI", "tblCustomers"):
        computed = [c.key for c in TABLES[name].columns if c.computed]
        assert bare[name][computed].isna().all().all(), name
        assert cached[name][computed].notna().any().any(), name
        inputs = [c.key for c in TABLES[name].input_columns()]
        pd.testing.assert_frame_equal(bare[name][inputs], cached[name][inputs])


def test_user_inserted_column_kept_under_its_header(books, tmp_path):
    path = tmp_path / "edited.xlsx"
    wb = openpyxl.load_workbook(books["demo_fr"])
    at = insert_column(wb, "tblBudget", "m01", "Commentaire")
    from pacxl.workbook.tables import table_columns

    ws, tbl, col_of = table_columns(wb, "tblBudget")
    _, header, _, _ = range_boundaries(tbl.ref)
    ws.cell(row=header + 1, column=at, value="à revoir")
    ws.cell(row=header + 3, column=at, value="salon")
    wb.save(path)
    for lang in (None, "en", "canonical"):
        df = pacxl.frames(path, lang=lang, computed=False)["tblBudget"]
        assert list(df.columns).index("Commentaire") == 4  # where the user put it
        assert is_text(df["Commentaire"])
        assert [None if pd.isna(v) else v for v in df["Commentaire"][:3]] == ["à revoir", None, "salon"]
        before = pacxl.frames(books["demo_fr"], lang=lang, computed=False)["tblBudget"]
        pd.testing.assert_frame_equal(df.drop(columns="Commentaire"), before)
    # imported back (the comment column is the workbook's: its cells follow their line)
    df = pacxl.frames(path)["tblBudget"]
    df.loc[0, df.columns[5]] = 999.0
    summary = import_frame(path, "budget", df)
    assert summary.written
    after = pacxl.frames(path, computed=False)["tblBudget"]
    expected = df[after.columns].copy()
    pd.testing.assert_frame_equal(after, expected)
    assert after.loc[0, "janv. 2026"] == 999.0 and after.loc[0, "Commentaire"] == "à revoir"


def test_user_column_types_are_guessed(books, tmp_path):
    path = tmp_path / "edited.xlsx"
    wb = openpyxl.load_workbook(books["demo_fr_bare"])
    from pacxl.workbook.tables import table_columns
    import datetime as dt

    for key, header in (("segment", "Relance"), ("segment", "Note interne")):
        insert_column(wb, "tblCustomers", key, header)
    ws, tbl, col_of = table_columns(wb, "tblCustomers")
    heads = {ws.cell(row=4, column=c).value: c for c in range(1, 30)}
    ws.cell(row=5, column=heads["Relance"], value=dt.datetime(2026, 3, 1))
    ws.cell(row=6, column=heads["Note interne"], value=12000)
    wb.save(path)
    df = pacxl.frames(path, computed=False)["tblCustomers"]
    assert df["Relance"].dtype == "datetime64[ns]" and df["Relance"][0] == pd.Timestamp("2026-03-01")
    assert df["Note interne"].dtype == "float64" and df["Note interne"][1] == 12000.0


def test_a_bad_input_cell_is_named(books, tmp_path):
    path = copy(books["demo_fr_bare"], tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["Budget"]["E6"] = "beaucoup"
    wb["Plan d'actions"]["H5"] = "bientôt"
    wb.save(path)
    with pytest.raises(WorkbookError) as exc:
        pacxl.frames(path)
    assert str(exc.value) == (f"{path} : Plan d'actions!H5 (tblActions, colonne « Début ») : « bientôt » n'est "
                              "pas une date ; corrigez la cellule ou videz-la")
    wb["Plan d'actions"]["H5"] = None
    wb.save(path)
    with pytest.raises(WorkbookError) as exc:
        pacxl.frames(path)
    assert exc.value.say("en") == (f'{path}: Budget!E6 (tblBudget, column "janv. 2026"): "beaucoup" is not a '
                                   "number; correct the cell or empty it")


def test_not_a_plan_and_bad_lang(tmp_path):
    other = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(other)
    with pytest.raises(WorkbookError, match="not a pacxl workbook"):
        pacxl.frames(other)
    with pytest.raises(InputError, match="lang='de': one of None, 'fr', 'en', 'canonical'"):
        pacxl.frames(other, lang="de")


# --- import_frame: round trip ---------------------------------------------------------------


@pytest.mark.parametrize("lang, computed", [(None, True), ("fr", False), ("en", True), ("canonical", False)])
def test_round_trip(books, tmp_path, lang, computed):
    """frames -> import_frame into a blank plan -> frames gives the demo's tables back."""
    demo = pacxl.frames(books["demo_fr"], lang=lang, computed=computed)
    blank = copy(books["blank_fr"], tmp_path)
    for kind, table in (("budget", "tblBudget"), ("customers", "tblCustomers")):
        summary = import_frame(blank, kind, demo[table])
        assert summary.written and summary.rows_imported == len(demo[table])
    plan = copy(books["no_actuals"], tmp_path, "actuals.xlsx")
    summary = import_frame(plan, "actuals", demo["tblKPI"])
    assert summary.written and summary.rows_imported == len(demo["tblKPI"])
    inputs = pacxl.frames(books["demo_fr"], lang=lang, computed=False)
    back = pacxl.frames(blank, lang=lang, computed=False)
    for table in ("tblBudget", "tblCustomers"):
        pd.testing.assert_frame_equal(back[table], inputs[table])
    pd.testing.assert_frame_equal(pacxl.frames(plan, lang=lang, computed=False)["tblKPI"], inputs["tblKPI"])


def test_round_trip_english_plan(books, tmp_path):
    demo = pacxl.frames(books["demo_en"])
    blank = copy(books["blank_en"], tmp_path)
    for kind, table in (("budget", "tblBudget"), ("customers", "tblCustomers")):
        import_frame(blank, kind, demo[table])
        pd.testing.assert_frame_equal(pacxl.frames(blank, computed=False)[table],
                                      pacxl.frames(books["demo_en"], computed=False)[table])


@pytest.mark.libreoffice
def test_computed_columns_after_recalculation(books, tmp_path):
    """After an import the computed columns read NaN; once a spreadsheet has recalculated and
    saved the file, they read the figures of the demo."""
    from pacxl.recalc import recalculate

    demo = pacxl.frames(books["demo_fr"], lang="canonical")
    blank = copy(books["blank_fr"], tmp_path)
    import_frame(blank, "budget", demo["tblBudget"])
    assert pacxl.frames(blank, lang="canonical")["tblBudget"]["total"].isna().all()
    again = pacxl.frames(recalculate(blank, tmp_path / "recalc"), lang="canonical")["tblBudget"]
    pd.testing.assert_series_equal(again["total"], demo["tblBudget"]["total"])


# --- import_frame: the file importer's validation and result ---------------------------------

BUDGET_CSV = ("Libellé;Catégorie;Mois;Montant\n"
              "Salon Batimat;Salons et événements;15/03/2026;12 500,00\n"
              "Campagne LinkedIn;Publicité;01/04/2026;1 800,50\n"
              "Total;;;14 300,50\n"
              "Campagne LinkedIn;Publicité;01/05/2026;900\n")


def budget_df() -> pd.DataFrame:
    """BUDGET_CSV as a finance user has it in pandas: typed dates and floats, indexed by the
    file's line numbers."""
    return pd.DataFrame({
        "Libellé": ["Salon Batimat", "Campagne LinkedIn", "Total", "Campagne LinkedIn"],
        "Catégorie": ["Salons et événements", "Publicité", None, "Publicité"],
        "Mois": pd.to_datetime(["2026-03-15", "2026-04-01", None, "2026-05-01"]),
        "Montant": [12500.0, 1800.5, 14300.5, 900.0],
    }, index=[2, 3, 4, 5])


CUSTOMERS_CSV = "Code client;Raison sociale;Segment;CA HT 2025\n00123;Dupont SA;Industrie;120 000\n0456;Martin;;3 500,5\n"


def customers_df() -> pd.DataFrame:
    return pd.DataFrame({"Code client": ["00123", "0456"], "Raison sociale": ["Dupont SA", "Martin"],
                         "Segment": ["Industrie", np.nan], "CA HT 2025": [120000, 3500.5]}, index=[2, 3])


def actuals_df() -> pd.DataFrame:
    return pd.DataFrame({"Indicateur": ["KPI-01", "KPI-01"], "Mois": [pd.Period("2026-01"), pd.Period("2026-02")],
                         "Réel": np.array([250000, 260000], dtype="int64")}, index=[2, 3])


ACTUALS_CSV = "Indicateur;Mois;Réel\nKPI-01;01/2026;250000\nKPI-01;02/2026;260000\n"


@pytest.mark.parametrize("kind, text, make", [
    ("budget", BUDGET_CSV, budget_df),
    ("customers", CUSTOMERS_CSV, customers_df),
    ("actuals", ACTUALS_CSV, actuals_df),
])
def test_same_result_as_the_file_import(books, tmp_path, kind, text, make):
    csv = tmp_path / "data.csv"
    csv.write_text(text, encoding="utf-8")
    by_file = copy(books["demo_fr"], tmp_path, "by_file.xlsx")
    by_frame = copy(books["demo_fr"], tmp_path, "by_frame.xlsx")
    a = import_file(kind, by_file, csv)
    b = import_frame(by_frame, kind, make(), name="data.csv")
    assert type(a) is type(b)
    ra, rb = a.result, b.result
    for attr in ("kind", "source", "layout", "rows_read", "rows", "kpi_actuals", "spend", "warnings",
                 "totals_by_month", "totals_by_category", "total", "rows_imported", "tables"):
        assert getattr(ra, attr) == getattr(rb, attr), attr
    assert [(int(s.line), s.reason) for s in ra.skipped] == [(int(s.line) + 1, s.reason) for s in rb.skipped]
    assert b.lines()[0] == a.lines()[0].replace("by_file", "by_frame")
    assert a.table_rows == b.table_rows and a.written and b.written
    assert a.backup.exists() and b.backup.exists()
    fa, fb = pacxl.frames(by_file, computed=False), pacxl.frames(by_frame, computed=False)
    for name in fa:
        pd.testing.assert_frame_equal(fa[name], fb[name])


def test_skipped_rows_named_by_index_label(books, tmp_path):
    summary = import_frame(copy(books["demo_fr"], tmp_path), "budget", budget_df(), dry_run=True)
    assert [(str(s.line), s.reason) for s in summary.skipped] == [("4", "ligne de total")]
    assert summary.notices[0] == "index 4 : lignes de total ignorées (le classeur calcule lui-même ses totaux)"


def test_named_index_is_data(books, tmp_path):
    df = budget_df().iloc[[0, 1]].set_index("Libellé")
    summary = import_frame(copy(books["demo_fr"], tmp_path), "budget", df, dry_run=True)
    assert [r["label"] for r in summary.rows] == ["Salon Batimat", "Campagne LinkedIn"]


def test_wide_frame_with_timestamp_headers(books, tmp_path):
    months = pd.date_range("2026-01-01", periods=3, freq="MS")
    df = pd.DataFrame([[100.0, np.nan, 50.0]], columns=months)
    df.insert(0, "Libellé", ["Salon"])
    summary = import_frame(copy(books["demo_fr"], tmp_path), "budget", df, dry_run=True)
    assert summary.result.layout == "wide"
    assert summary.rows[0]["m01"] == 100.0 and summary.rows[0]["m02"] is None and summary.rows[0]["m03"] == 50.0


def test_map_as_in_the_cli(books, tmp_path):
    df = pd.DataFrame({"Poste": ["Salon"], "Quand": pd.to_datetime(["2026-02-10"]), "Combien": [10.0],
                       "Code": ["ACT-02"]})
    summary = import_frame(copy(books["demo_fr"], tmp_path), "budget", df, dry_run=True,
                           map={"Poste": "label", "Quand": "month", "Combien": "amount", "Code": "action_id"})
    assert summary.rows == [{"id": "BUD-01", "category": "", "action_id": "ACT-02", "label": "Salon",
                             **{f"m{i:02d}": (10.0 if i == 2 else None) for i in range(1, 13)}, "actual": None}]


BAD = {
    "text amount": (
        "budget", lambda: budget_df().astype({"Montant": object}).assign(Montant=["12", "beaucoup", None, "3"]), {},
        'DataFrame, index 3, column "Montant": "beaucoup" is not an amount',
        "DataFrame, index 3, colonne « Montant » : « beaucoup » n'est pas un montant"),
    "infinite": (
        "budget", lambda: budget_df().assign(Montant=[1.0, np.inf, 2.0, 3.0]), {},
        'DataFrame, index 3, column "Montant": "inf" is not an amount',
        "DataFrame, index 3, colonne « Montant » : « inf » n'est pas un montant"),
    "other year": (
        "budget", lambda: budget_df().assign(Mois=pd.to_datetime(["2026-03-15", "2025-12-31", None, "2026-05-01"])), {},
        'DataFrame, index 3, column "Mois": "2025-12-31" is outside the plan year (January 2026 to December 2026)',
        "DataFrame, index 3, colonne « Mois » : « 2025-12-31 » est hors de l'année du plan (janvier 2026 à décembre 2026)"),
    "string index": (
        "customers", lambda: customers_df().assign(**{"CA HT 2025": ["1", "x"]}).set_axis(["a", "b"]), {},
        "DataFrame, index 'b', column \"CA HT 2025\": \"x\" is not an amount",
        "DataFrame, index 'b', colonne « CA HT 2025 » : « x » n'est pas un montant"),
    "unknown KPI": (
        "actuals", lambda: actuals_df().assign(Indicateur=["KPI-01", "KPI-99"]), {},
        None, "DataFrame, index 3, colonne « Indicateur » : « KPI-99 » n'est pas un indicateur du classeur"),
    "empty": (
        "customers", lambda: customers_df().iloc[:0], {},
        "DataFrame: no customer with an amount in the rows; nothing to import",
        "DataFrame : pas de client avec un montant dans les lignes ; rien à importer"),
    "two levels": (
        "budget", lambda: pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("a", "b"), ("c", "d")])), {},
        "DataFrame: columns on 2 levels; flatten them first (df.columns = [...]) so that each column has one header",
        "DataFrame : colonnes sur 2 niveaux ; aplatissez-les d'abord (df.columns = [...]) pour que chaque colonne "
        "ait un seul en-tête"),
    "not a frame": (
        "budget", lambda: [{"Libellé": "x"}], {},
        "DataFrame: not a pandas DataFrame (list)", "DataFrame : ce n'est pas un DataFrame pandas (list)"),
    "one field twice": (
        "budget", budget_df, {"Libellé": "label", "Catégorie": "label"},
        'DataFrame: --map "Libellé=label" and --map "Catégorie=label" both name the field "label"; map one '
        "column to each field", None),
    "unknown kind": (
        "pipeline-x", budget_df, {}, "unknown import kind 'pipeline-x': one of budget, actuals, customers", None),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_frames_refused_nothing_written(books, tmp_path, case):
    kind, make, mapping, en, fr = BAD[case]
    path = copy(books["demo_fr"], tmp_path)
    before = digest(path)
    for lang, expected in (("en", en), ("fr", fr), (None, fr)):
        if expected is None:
            continue
        with pytest.raises(PacxlError) as exc:
            import_frame(path, kind, make(), map=mapping, lang=lang)
        assert str(exc.value).startswith(expected), str(exc.value)
        assert "\n" not in str(exc.value)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]  # no backup, no temp file


def test_dry_run_writes_nothing(books, tmp_path):
    path = copy(books["demo_fr"], tmp_path)
    before = digest(path)
    summary = import_frame(path, "budget", budget_df(), dry_run=True)
    assert summary.dry_run and not summary.written and digest(path) == before


def test_a_table_exported_as_csv_imports_back(books, tmp_path):
    """The contract mapping serves files too: tblBudget saved as CSV (computed columns included:
    "Consommé %" no longer passes for the spend) imports back unchanged."""
    demo = pacxl.frames(books["demo_fr"])["tblBudget"]
    csv = tmp_path / "budget.csv"
    demo.to_csv(csv, sep=";", index=False, decimal=",")
    blank = copy(books["blank_fr"], tmp_path, "blank.xlsx")
    import_file("budget", blank, csv)
    pd.testing.assert_frame_equal(pacxl.frames(blank, computed=False)["tblBudget"],
                                  pacxl.frames(books["demo_fr"], computed=False)["tblBudget"])


# --- pandas only where used ------------------------------------------------------------------


def test_pandas_is_not_imported_by_import_pacxl_new_demo_or_a_file_import(tmp_path):
    script = textwrap.dedent(f"""
        import sys
        from click.testing import CliRunner
        import pacxl, pacxl.io, pacxl.io.read
        from pacxl.cli import main
        folder = {str(tmp_path)!r}
        for args in (["new", folder + "/new.xlsx"], ["demo", folder + "/demo.xlsx"]):
            res = CliRunner().invoke(main, args)
            assert res.exit_code == 0, res.output
        open(folder + "/c.csv", "w").write("Code client;CA\\nC1;10\\n")
        res = CliRunner().invoke(main, ["import", "customers", folder + "/demo.xlsx", folder + "/c.csv"])
        assert res.exit_code == 0, res.output
        print("before", "pandas" in sys.modules)
        pacxl.frames(folder + "/demo.xlsx")
        print("after", "pandas" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["before", "False", "after", "True"]
