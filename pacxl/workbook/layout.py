"""Where the items of a plan sit in its workbook: sheet titles and cells, for messages.

``check`` names the cell of each finding (``Plan d'actions!H14``). A :class:`Layout` maps an item
(the 3rd action, the 2nd segment) and a column key of the contract to that cell. The workbook
reader (:func:`pacxl.workbook.read.read_workbook`) records the real layout of a file, rows with
blanks included; :func:`default_layout` gives the layout the generator writes, for plans that
were not read from a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from .contract import SHEETS, TABLES

#: Where the generator puts each table's header row (row, first column), 1-based; used only for
#: plans that were not read from a workbook (the reader records the real places).
DEFAULT_TABLE_ORIGIN: dict[str, tuple[int, int]] = {
    "tblObjectives": (4, 1),
    "tblActions": (4, 1),
    "tblBudget": (5, 1),
    "tblKPI": (5, 1),
    "tblCustomers": (4, 1),
    "segments": (4, 1),
    "tblPipeline": (30, 1),
}

#: Column keys of the segment block (Cibles/Targets sheet), in order.
SEGMENT_KEYS = ("name", "description", "persona", "share")


@dataclass
class TableLayout:
    """A table's place: its sheet title, header row and first column, and the sheet row of each
    item the reader kept (blank rows are skipped, so rows need not be contiguous)."""

    sheet: str
    header_row: int
    first_col: int
    keys: tuple[str, ...]
    rows: list[int] = field(default_factory=list)
    #: key -> sheet column, as found by header (empty: the keys' order from ``first_col``)
    cols: dict[str, int] = field(default_factory=dict)

    def cell(self, index: int | None, key: str | None = None) -> str:
        """``A1`` reference of item ``index`` (0-based) in column ``key``; the header cell when
        ``index`` is None; the first column when ``key`` is None."""
        if key in self.cols:
            col = self.cols[key]
        else:
            col = self.first_col + (self.keys.index(key) if key in self.keys else 0)
        if index is None:
            row = self.header_row
        elif index < len(self.rows):
            row = self.rows[index]
        else:
            row = (self.rows[-1] if self.rows else self.header_row) + 1 + index - len(self.rows)
        return f"{get_column_letter(col)}{row}"


@dataclass
class Layout:
    lang: str = "fr"
    tables: dict[str, TableLayout] = field(default_factory=dict)
    #: defined name -> (sheet title, A1 of its first cell)
    names: dict[str, tuple[str, str]] = field(default_factory=dict)

    def sheet(self, role: str) -> str:
        return SHEETS[role].get(self.lang, SHEETS[role]["fr"])

    def item(self, table: str, index: int | None, key: str | None = None) -> tuple[str, str]:
        """(sheet title, A1) of an item of ``table`` (a contract table name or ``"segments"``)."""
        t = self.tables.get(table)
        if t is None:
            return ("", "")
        return (t.sheet, t.cell(index, key))

    def name(self, defined_name: str) -> tuple[str, str]:
        """(sheet title, A1) of a defined name, or (settings sheet, "") when unknown."""
        return self.names.get(defined_name, (self.sheet("settings"), ""))


def default_layout(plan) -> Layout:
    """The layout of ``plan`` as the generator writes it (rows contiguous under each header)."""
    lang = plan.settings.lang if plan.settings.lang in ("fr", "en") else "fr"
    out = Layout(lang=lang)
    counts = {
        "tblObjectives": len(plan.objectives),
        "tblActions": len(plan.actions),
        "tblBudget": len(plan.budget),
        "tblKPI": len(plan.kpis),
        "tblCustomers": len(plan.customers),
        "segments": len(plan.segments),
        "tblPipeline": len(getattr(plan, "pipeline", [])),
    }
    for name, n in counts.items():
        row, col = DEFAULT_TABLE_ORIGIN[name]
        if name == "segments":
            sheet, keys = out.sheet("targets"), SEGMENT_KEYS
        else:
            t = TABLES[name]
            sheet, keys = out.sheet(t.sheet), tuple(t.keys())
        out.tables[name] = TableLayout(sheet, row, col, keys, list(range(row + 1, row + 1 + n)))
    return out
