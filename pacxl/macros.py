"""Python entry points of the VBA macros in ``macros/`` (called through xlwings ``RunPython``).

Each macro runs ``RunPython "import pacxl.macros; pacxl.macros.NAME()"``. The work is split in two,
and the seam is explicit:

1. **read, parse, validate**: exactly what the command line does. The open workbook is copied
   into an in-memory openpyxl workbook (:func:`snapshot`: values, tables, defined names), so
   :func:`pacxl.io.parse_file`, :func:`pacxl.check.check_workbook` and
   :func:`pacxl.report.report_figures` run unchanged on what the user sees, unsaved edits included;
2. **write**: :class:`BookWriter` writes the result into the open workbook through xlwings,
   instead of saving a file (Excel holds the file open, so it cannot be replaced).

Every function also takes the book explicitly (``run_import(book, "budget")``...), which is how the
tests drive the same pipeline. A :class:`pacxl.errors.PacxlError` becomes a plain message box.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter, range_boundaries

from ._data import data_dir
from ._where import shadowing_message
from .errors import InputError, PacxlError, WorkbookError
from .io.target import SPARE_ROWS, actual_updates, updated_value
from .messages import field_label, text
from .workbook.cells import put, typed_text, write_text
from .workbook.contract import TABLES, column_name

__all__ = [
    "bas_folder",
    "check_plan",
    "import_actuals",
    "import_budget",
    "import_customers",
    "refresh_report",
    "run_check",
    "run_import",
    "run_report",
    "snapshot",
]

#: Hidden defined name where the VBA file picker leaves the chosen path.
IMPORT_FILE_NAME = "PAC_ImportFile"
#: Sheets the macros write (created when missing), per language.
CHECK_SHEET = {"fr": "Contrôle", "en": "Check"}
REPORT_SHEET = {"fr": "Rapport", "en": "Report"}


def bas_folder() -> Path:
    """Folder of the VBA modules shipped with the package (``PacxlImport.bas``, ...)."""
    return data_dir("_macros")


# --- the entry points the VBA calls ------------------------------------------------------------


def _caller():
    import xlwings as xw

    return xw.Book.caller()


def _book_folder(book) -> Path | None:
    try:
        path = Path(book.fullname)
    except Exception:  # an unsaved book, or a OneDrive address
        return None
    return path.parent if path.is_file() else None


def _entry(work) -> None:
    book = _caller()
    # a pacxl folder beside the workbook would run instead of the installed pacxl
    folder = _book_folder(book)
    shadowed = shadowing_message(folder) if folder is not None else None
    if shadowed:
        book.app.alert(shadowed, title="pacxl", mode="critical")
        return
    try:
        message = work(book)
    except PacxlError as exc:
        book.app.alert(str(exc), title="pacxl", mode="critical")
        return
    if message:
        book.app.alert(message, title="pacxl", mode="info")


def import_budget() -> None:
    """Macro PacxlImportBudget: import the picked file into tblBudget."""
    _entry(lambda book: run_import(book, "budget"))


def import_actuals() -> None:
    """Macro PacxlImportActuals: import KPI actuals and actual spend from the picked file."""
    _entry(lambda book: run_import(book, "actuals"))


def import_customers() -> None:
    """Macro PacxlImportCustomers: import the picked customer list into tblCustomers."""
    _entry(lambda book: run_import(book, "customers"))


def import_pipeline() -> None:
    """Macro PacxlImportPipeline: import the picked CRM deal export into tblPipeline."""
    _entry(lambda book: run_import(book, "pipeline"))


def check_plan() -> None:
    """Macro PacxlCheckPlan: findings on the Contrôle/Check sheet, each a link to its cell."""
    _entry(run_check)


def refresh_report() -> None:
    """Macro PacxlRefreshReport: the report figures on the Rapport/Report sheet."""
    _entry(run_report)


# --- reading the open workbook -----------------------------------------------------------------


def _cell_value(v: Any) -> Any:
    if isinstance(v, dt.datetime) and v.time() == dt.time(0):
        return v.date()
    return v


def snapshot(book):
    """An openpyxl workbook holding the values, tables and defined names of an open xlwings book."""
    from openpyxl import Workbook
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.table import Table

    wb = Workbook()
    wb.remove(wb.active)
    for sheet in book.sheets:
        ws = wb.create_sheet(sheet.name)
        used = sheet.used_range
        values = used.options(ndim=2).value
        for i, row in enumerate(values):
            for j, v in enumerate(row):
                if v is not None:  # (values: a text that starts with "=" stays text)
                    put(ws, used.row + i, used.column + j, _cell_value(v))
        for t in sheet.tables:
            ref = t.range.address.replace("$", "")
            min_col, min_row, max_col, _ = range_boundaries(ref)
            for c in range(min_col, max_col + 1):  # a table needs text headers
                cell = ws.cell(row=min_row, column=c)
                write_text(cell, str(cell.value) if cell.value is not None else f"Column{c}")
            ws.add_table(Table(displayName=t.name, ref=ref))
    for n in book.names:
        name = n.name
        if "!" in name or name.startswith("_xlnm") or name.startswith("Print_"):
            continue  # sheet-scope and built-in names: not part of the contract
        wb.defined_names[name] = DefinedName(name, attr_text=str(n.refers_to).lstrip("="))
    return wb


def _snapshot_file(book, folder: str) -> Path:
    path = Path(folder) / "snapshot.xlsx"
    snapshot(book).save(path)
    return path


def _lang(book) -> str:
    from .workbook.contract import SHEETS

    titles = {s.name for s in book.sheets}
    for lang in ("fr", "en"):
        if SHEETS["settings"][lang] in titles:
            return lang
    raise WorkbookError(f"{book.name}: not a pacxl workbook (no Paramètres/Settings sheet)",
        fr=f"{book.name} : ce n'est pas un classeur pacxl (pas d'onglet Paramètres/Settings)")


def picked_file(book) -> Path:
    """The file the VBA picker chose, left in the hidden name PAC_ImportFile."""
    for n in book.names:
        if n.name == IMPORT_FILE_NAME:
            text = str(n.refers_to).lstrip("=").strip()
            if len(text) >= 2 and text[0] == text[-1] == '"':
                text = text[1:-1].replace('""', '"')
            if text:
                return Path(text)
    raise InputError("no file was chosen: run the import macro again and pick a file",
        fr="aucun fichier choisi : relancez la macro d'import et choisissez un fichier")


# --- writing into the open workbook ------------------------------------------------------------


class BookWriter:
    """Writes table rows into an open xlwings book, as :func:`pacxl.workbook.tables.write_rows`
    does into a file: input cells, the computed columns' native formulas, the table's size, the
    formats of the first body row, and the ``tbl*_key`` column names that formulas elsewhere use."""

    def __init__(self, book):
        self.book = book
        self.lang = _lang(book)

    def _table(self, table_name: str):
        for sheet in self.book.sheets:
            for t in sheet.tables:
                if t.name == table_name:
                    return sheet, t
        raise WorkbookError(f"{self.book.name}: table {table_name} is missing (not a pacxl workbook?)",
            fr=f"{self.book.name} : le tableau {table_name} manque (pas un classeur pacxl ?)")

    def _columns(self, sheet, tbl, table_name: str, computed: bool = True) -> dict[str, int]:
        """Key -> sheet column of a table's columns, found by header as in a file."""
        from .workbook.columns import column_map

        min_col, header, max_col, _ = range_boundaries(tbl.range.address.replace("$", ""))
        grid = sheet.range((header, min_col), (header, max_col)).options(ndim=2).value
        return column_map(table_name, list(grid[0]) if grid else [], first_col=min_col, sheet=sheet.name,
                          lang=self.lang, path=self.book.name, computed=computed)

    def body_rows(self, table_name: str) -> int:
        _, tbl = self._table(table_name)
        _, header, _, last = range_boundaries(tbl.range.address.replace("$", ""))
        return max(last - header, 0)

    def write_table(self, table_name: str, rows: list[dict], spare: int = SPARE_ROWS) -> int:
        from .workbook.formulas import computed_columns
        from .workbook.tables import sort_customers

        spec = TABLES[table_name]
        sheet, tbl = self._table(table_name)
        min_col, header, max_col, old_last = range_boundaries(tbl.range.address.replace("$", ""))
        col_of = self._columns(sheet, tbl, table_name)
        if table_name == "tblCustomers":
            from .calc.customers import basis_of

            try:
                word = self.book.names["PAC_ABCBasis"].refers_to_range.value
            except Exception:  # a workbook made before the ABC basis: revenue
                word = None
            rows = sort_customers(rows, basis_of(word))
        first = header + 1
        old_last = max(old_last, first)
        last = first + max(len(rows) + spare, 1) - 1
        if last > old_last:  # new rows look like the first body row (formats, validations)
            sheet.range((first, min_col), (first, max_col)).copy(
                sheet.range((old_last + 1, min_col), (last, max_col))
            )
        tbl.resize(sheet.range((header, min_col), (last, max_col)))
        if last < old_last:
            sheet.range((last + 1, min_col), (old_last, max_col)).clear()
        n = last - first + 1
        keys = spec.keys()
        for col in spec.input_columns():
            c = col_of[col.key]
            values = [typed_text(rows[r].get(col.key)) if r < len(rows) else None for r in range(n)]
            sheet.range((first, c), (last, c)).value = [[v] for v in values]
        makers = computed_columns(table_name, self.lang, min_col, header, col_of)
        for col in spec.columns:
            if col.computed:
                c = col_of[col.key]
                sheet.range((first, c), (last, c)).formula = [[makers[col.key](r, first, last)] for r in range(first, last + 1)]
        title = "'" + sheet.name.replace("'", "''") + "'"
        for key in keys:
            letter = get_column_letter(col_of[key])
            self.book.names.add(column_name(table_name, key), f"={title}!${letter}${first}:${letter}${last}")
        return n

    def update_cells(self, table_name: str, updates: dict[str, dict[str, float]], append: bool) -> int:
        """Set ``updates[row id][column key]`` in place (actuals): the table keeps its size."""
        sheet, tbl = self._table(table_name)
        _, header, _, last = range_boundaries(tbl.range.address.replace("$", ""))
        col_of = self._columns(sheet, tbl, table_name, computed=False)
        ids = sheet.range((header + 1, col_of["id"]), (last, col_of["id"])).options(ndim=2).value
        for offset, (rid,) in enumerate(ids):
            for key, v in updates.get("" if rid is None else str(rid), {}).items():
                cell = sheet.range((header + 1 + offset, col_of[key]))
                cell.value = updated_value(cell.value, v, append)
        return last - header


# --- the pipelines -----------------------------------------------------------------------------


def run_import(book, kind: str, *, file: str | Path | None = None, append: bool = False) -> str:
    """Import ``file`` (default: the picked one) into the open ``book``; returns the summary text.

    Parsing and validation are :func:`pacxl.io.parse_file`'s, unchanged: on a bad value nothing
    is written and the error names the file, line, column and value.
    """
    from .io import ImportSummary, context_from_workbook, final_rows, parse_file

    source = Path(file) if file is not None else picked_file(book)
    if not source.exists():
        raise InputError(f"{source}: no such file", fr=f"{source} : fichier introuvable")
    ctx = context_from_workbook(snapshot(book))
    result = parse_file(kind, source, ctx, append=append)
    writer = BookWriter(book)  # nothing is written before this line
    sizes: dict[str, int] = {}
    if kind in ("budget", "customers", "pipeline"):
        current = {"budget": ctx.budget, "customers": ctx.customers, "pipeline": ctx.pipeline or []}[kind]
        for table_name, rows in final_rows(result, ctx, append=append).items():
            # as the CLI does: keep the blank rows the user had for typing, up to SPARE_ROWS
            spare = min(max(writer.body_rows(table_name) - len(current), 0), SPARE_ROWS)
            sizes[table_name] = writer.write_table(table_name, rows, spare)
    else:
        for table_name, updates in actual_updates(result).items():
            sizes[table_name] = writer.update_cells(table_name, updates, append)
    summary = ImportSummary(result, Path(book.fullname), context=ctx)
    summary.written, summary.table_rows = True, sizes
    return "\n".join(summary.lines())


def _sheet(book, title: str):
    """The sheet ``title``, emptied (created at the end when missing)."""
    for s in book.sheets:
        if s.name == title:
            s.clear()
            return s
    return book.sheets.add(title, after=book.sheets[len(book.sheets) - 1])


def run_check(book, today: dt.date | None = None) -> str:
    """Check the open plan; findings go to the Contrôle/Check sheet, each linked to its cell."""
    from .check import check_workbook, severity_word, summary

    lang = _lang(book)
    with tempfile.TemporaryDirectory(prefix="pacxl-macro-") as folder:
        findings = check_workbook(_snapshot_file(book, folder), today=today)
    out = _sheet(book, CHECK_SHEET[lang])
    head = text("macro.check_head", lang).split("|")
    out.range((1, 1)).value = [[typed_text(v) for v in row] for row in [head] + [
        [severity_word(f.severity, lang), f.where, f.message, f.fix] for f in findings]]
    for i, f in enumerate(findings, start=2):
        if f.sheet:
            target = "'" + f.sheet.replace("'", "''") + "'!" + (f.cell or "A1")
            out.range((i, 2)).add_hyperlink("#" + target, f.where, text("macro.go_to", lang, where=f.where))
    counts = summary(findings)
    return text("macro.check_done", lang, sheet=out.name, **counts)


def _blocks(figures: dict, lang: str = "en") -> list[list[Any]]:
    """The report figures as rows for a sheet: a titled block per section, labelled in ``lang``."""
    rows: list[list[Any]] = []

    def label(key: str, block: str | None = None) -> str:
        return field_label(key, lang, block)

    sep = " : " if lang == "fr" else ": "

    def scalar(v: Any) -> Any:
        return v if v is None or isinstance(v, (int, float, str)) else str(v)

    for section, value in figures.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            rows.append([label(section)])
            keys = list(value[0])
            rows.append([label(k, section) for k in keys])
            rows.extend([scalar(item.get(k)) for k in keys] for item in value)
            rows.append([])
        elif isinstance(value, dict):
            rows.append([label(section)])
            for k, v in value.items():
                if isinstance(v, list) and v and isinstance(v[0], dict):
                    keys = list(v[0])
                    rows.append([label(k)] + [label(kk, k) for kk in keys])
                    rows.extend([""] + [scalar(item.get(kk)) for kk in keys] for item in v)
                elif isinstance(v, dict):
                    rows.append([label(k)] + [f"{label(kk)}{sep}{scalar(vv)}" for kk, vv in v.items()])
                else:
                    rows.append([label(k), scalar(v)])
            rows.append([])
        else:
            rows.append([label(section), scalar(value)])
    width = max(len(r) for r in rows)
    return [r + [None] * (width - len(r)) for r in rows]


def run_report(book, month: int | None = None) -> str:
    """Write the report figures (as ``pacxl report --json`` has them) to the Rapport/Report sheet."""
    from .report import report_figures
    from .workbook.read import read_plan

    lang = _lang(book)
    with tempfile.TemporaryDirectory(prefix="pacxl-macro-") as folder:
        plan = read_plan(_snapshot_file(book, folder))
    figures = report_figures(plan, month, workbook=book.name)
    out = _sheet(book, REPORT_SHEET[lang])
    from .report_followup import flat_quarters  # one row per quarter and KPI, not nested lists

    out.range((1, 1)).value = [[typed_text(v) for v in row] for row in _blocks(flat_quarters(figures), lang)]
    return text("macro.report_done", lang, month=figures["month"], sheet=out.name)
