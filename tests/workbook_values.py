"""Reading what LibreOffice computed in a generated workbook, without cell addresses.

Cells are found by defined name, by table name + contract column key, or by the visible
label of a row (the sheet's own i18n text), so that moving rows or adding columns does not break
the tests that use them.
"""

from __future__ import annotations

import datetime as dt
import math
import subprocess
import tempfile
from pathlib import Path

import openpyxl
from openpyxl.utils import range_boundaries

from pacxl.recalc import soffice_path
from pacxl.workbook.contract import SHEETS, TABLES
from pacxl.workbook.i18n import text
from pacxl.workbook.tables import find_table


class Missing(LookupError):
    """The workbook has no such cell (name, table column or label)."""


def blank(v) -> bool:
    return v is None or v == ""


def table_rows(formulas_wb, values_wb, table_name: str) -> tuple[int, list[dict]]:
    """(first data row, rows of ``table_name`` as dicts keyed by contract keys, values as the
    recalculation left them)."""
    ws, tbl = find_table(formulas_wb, table_name)
    min_col, min_row, max_col, max_row = range_boundaries(tbl.ref)
    keys = TABLES[table_name].keys()
    vals = values_wb[ws.title]
    rows = [dict(zip(keys, row)) for row in vals.iter_rows(
        min_row=min_row + 1, max_row=max_row, min_col=min_col, max_col=max_col, values_only=True)]
    return min_row + 1, rows


def recalculate_all(paths: list[Path], outdir: Path, timeout: float = 600) -> dict[Path, Path]:
    """Recalculate every workbook of ``paths`` in ONE LibreOffice process (each start costs
    seconds); source path -> recalculated copy in ``outdir``."""
    stems = [p.stem for p in paths]
    assert len(set(stems)) == len(stems), "workbooks to recalculate together need distinct names"
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pacxl-lo-batch-") as profile:
        subprocess.run(
            [soffice_path(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--nolockcheck", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(outdir),
             *(str(Path(p).resolve()) for p in paths)],
            capture_output=True, text=True, timeout=timeout, check=False,
        )
    out = {Path(p): outdir / f"{Path(p).stem}.xlsx" for p in paths}
    lost = [p.name for p, o in out.items() if not o.exists()]
    assert not lost, f"LibreOffice did not convert {lost}"
    return out


class Book:
    """A recalculated workbook, read once."""

    def __init__(self, recalculated: Path, lang: str):
        # LibreOffice keeps the tables and the defined names: one load gives geometry and values
        self.lang = lang
        self.values = self.formulas = openpyxl.load_workbook(recalculated, data_only=True)
        self._tables: dict[str, tuple[int, list[dict]]] = {}

    def sheet(self, role: str):
        return self.values[SHEETS[role][self.lang]]

    def name(self, defined_name: str):
        """Value of the single cell a workbook-scope defined name points at."""
        dn = self.formulas.defined_names.get(defined_name)
        if dn is None:
            raise Missing(f"no defined name {defined_name}")
        (title, ref), = list(dn.destinations)
        return self.values[title][ref.replace("$", "")].value

    def table(self, table_name: str) -> list[dict]:
        """Rows of a table (contract keys; a key the contract does not have is Missing)."""
        if table_name not in self._tables:
            self._tables[table_name] = table_rows(self.formulas, self.values, table_name)
        return self._tables[table_name][1]

    def table_first_row(self, table_name: str) -> int:
        self.table(table_name)
        return self._tables[table_name][0]

    def column(self, table_name: str, key: str, by: str = "id") -> dict:
        """{row id: value} of a table column, for the rows with an id."""
        if key not in TABLES[table_name].keys():
            raise Missing(f"{table_name} has no column {key!r} in the contract")
        return {r[by]: r[key] for r in self.table(table_name) if not blank(r[by])}

    def find(self, role: str, label_key: str):
        """The first cell (row by row) showing the text ``label_key`` on the ``role`` sheet."""
        return self._find(role, label_key)

    def _find(self, role: str, label_key: str):
        want = text(label_key, self.lang)
        for row in self.sheet(role).iter_rows():
            for cell in row:
                if cell.value == want:
                    return cell
        raise Missing(f"no cell {want!r} ({label_key}) on the {role} sheet")

    def block(self, role: str, label_header: str, value_header: str) -> dict:
        """{label: value} of a block of rows under a header cell (i18n key ``label_header``),
        values in the column headed ``value_header`` on the same header row; the block ends at
        the first blank label."""
        head = self._find(role, label_header)
        ws = self.sheet(role)
        want = text(value_header, self.lang)
        col = next((c.column for c in ws[head.row] if c.column > head.column and c.value == want), None)
        if col is None:
            raise Missing(f"no column {want!r} beside {head.value!r} on the {role} sheet")
        out = {}
        r = head.row + 1
        while not blank(ws.cell(row=r, column=head.column).value):
            out[ws.cell(row=r, column=head.column).value] = ws.cell(row=r, column=col).value
            r += 1
        return out

    def labelled_row(self, role: str, label_key: str, table_name: str, key: str):
        """The value in a table's column ``key`` on the row labelled ``label_key`` (a totals row
        above the table)."""
        if key not in TABLES[table_name].keys():
            raise Missing(f"{table_name} has no column {key!r} in the contract")
        row = self._find(role, label_key).row
        ws, tbl = find_table(self.formulas, table_name)
        col = range_boundaries(tbl.ref)[0] + TABLES[table_name].index(key)
        return self.values[ws.title].cell(row=row, column=col).value


def agrees(native, expected, abs_tol: float = 0.0, rel_tol: float = 0.0) -> bool:
    """A recalculated cell equals a figure: blank for None, numbers within the tolerance."""
    if expected is None:
        return blank(native)
    if isinstance(expected, (bool, str, dt.date)):
        return native == expected
    if isinstance(native, bool) or not isinstance(native, (int, float)):
        return False
    return math.isclose(native, expected, rel_tol=rel_tol, abs_tol=abs_tol)
