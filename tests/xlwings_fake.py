"""A stand-in for the slice of the xlwings object model that pacxl.macros uses, backed by an
openpyxl workbook, so the macros' pipelines run in tests without Excel. It behaves as Excel does
where it matters: a value written with a leading apostrophe is text, a formula is a formula, and a
value typed without the apostrophe is read as Excel reads typing (a number, or a formula when it
starts with =, +, - or @). The openpyxl workbook behind it stays a faithful file: text is stored
through pacxl's text writer and read back decoded, as Excel shows it."""

from __future__ import annotations

import re
from copy import copy

from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.defined_name import DefinedName

from pacxl.workbook.cells import decode_text, write_text


_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def _a1(r1, c1, r2, c2) -> str:
    return f"${get_column_letter(c1)}${r1}:${get_column_letter(c2)}${r2}"


class FakeRange:
    def __init__(self, sheet, r1, c1, r2=None, c2=None):
        self.sheet, self.ws = sheet, sheet.ws
        self.row, self.column = r1, c1
        self.r2, self.c2 = r2 or r1, c2 or c1
        self._ndim = None

    # xlwings API -------------------------------------------------------------------------
    @property
    def address(self) -> str:
        return _a1(self.row, self.column, self.r2, self.c2)

    def options(self, ndim=None, **_):
        self._ndim = ndim
        return self

    @property
    def value(self):
        def shown(cell):
            v = cell.value
            return decode_text(v) if cell.data_type == "s" and isinstance(v, str) else v

        grid = [
            [shown(self.ws.cell(row=r, column=c)) for c in range(self.column, self.c2 + 1)]
            for r in range(self.row, self.r2 + 1)
        ]
        if self._ndim == 2:
            return grid
        if len(grid) == 1 and len(grid[0]) == 1:
            return grid[0][0]
        return grid

    @value.setter
    def value(self, data):
        self._write(data, formula=False)

    @property
    def formula(self):
        return self.value

    @formula.setter
    def formula(self, data):
        self._write(data, formula=True)

    def _write(self, data, formula: bool):
        if not isinstance(data, list):
            data = [[data]]
        elif data and not isinstance(data[0], list):
            data = [data]
        for i, row in enumerate(data):
            for j, v in enumerate(row):
                cell = self.ws.cell(row=self.row + i, column=self.column + j)
                if isinstance(v, str) and v.startswith("'"):
                    write_text(cell, v[1:])  # Excel: the apostrophe makes it text
                elif isinstance(v, str) and not formula and _NUMBER.fullmatch(v.strip()):
                    cell.value = float(v)  # Excel takes "00123" or "1E5" typed as a value for a number
                elif isinstance(v, str) and v[:1] in ("=", "+", "-", "@") and len(v) > 1:
                    # Excel turns "=...", "+...", "-..." or "@..." typed as a value into a formula
                    cell._value, cell.data_type = (v if v.startswith("=") else "=" + v), "f"
                elif isinstance(v, str):
                    write_text(cell, v)
                else:
                    cell.value = v
        self.sheet.book.writes += 1

    def copy(self, destination: "FakeRange"):
        h = self.r2 - self.row + 1
        for r in range(destination.row, destination.r2 + 1):
            for c in range(destination.column, destination.c2 + 1):
                src = self.ws.cell(row=self.row + (r - destination.row) % h, column=c)
                dst = self.ws.cell(row=r, column=c)
                dst._style = copy(src._style)
                dst.value = src.value

    def clear(self):
        for r in range(self.row, self.r2 + 1):
            for c in range(self.column, self.c2 + 1):
                self.ws._cells.pop((r, c), None)

    def add_hyperlink(self, address, text_to_display=None, screen_tip=None):
        cell = self.ws.cell(row=self.row, column=self.column)
        cell.hyperlink = address
        cell.value = text_to_display


class FakeTable:
    def __init__(self, sheet, table):
        self.sheet, self.table = sheet, table

    @property
    def name(self):
        return self.table.displayName

    @property
    def range(self):
        c1, r1, c2, r2 = range_boundaries(self.table.ref)
        return FakeRange(self.sheet, r1, c1, r2, c2)

    def resize(self, rng: FakeRange):
        ref = rng.address.replace("$", "")
        self.table.ref = ref
        if self.table.autoFilter is not None:
            self.table.autoFilter.ref = ref


class FakeSheet:
    def __init__(self, book, ws):
        self.book, self.ws = book, ws

    @property
    def name(self):
        return self.ws.title

    @property
    def tables(self):
        return [FakeTable(self, t) for t in self.ws.tables.values()]

    @property
    def used_range(self):
        return FakeRange(self, 1, 1, max(self.ws.max_row, 1), max(self.ws.max_column, 1))

    def range(self, a, b=None):
        r1, c1 = a
        r2, c2 = b if b is not None else a
        return FakeRange(self, r1, c1, r2, c2)

    def clear(self):
        self.ws._cells.clear()


class FakeSheets(list):
    def __init__(self, book):
        super().__init__(FakeSheet(book, ws) for ws in book.wb.worksheets)
        self.book = book

    def add(self, name, after=None):
        ws = self.book.wb.create_sheet(name)
        sheet = FakeSheet(self.book, ws)
        self.append(sheet)
        return sheet


class FakeName:
    def __init__(self, name, refers_to):
        self.name, self.refers_to = name, refers_to


class FakeNames:
    def __init__(self, wb):
        self.wb = wb

    def __iter__(self):
        return iter([FakeName(n, "=" + dn.attr_text) for n, dn in self.wb.defined_names.items()])

    def add(self, name, refers_to):
        if name in self.wb.defined_names:
            del self.wb.defined_names[name]
        self.wb.defined_names[name] = DefinedName(name, attr_text=refers_to.lstrip("="))


class FakeApp:
    def __init__(self):
        self.alerts = []

    def alert(self, prompt, title=None, buttons=None, mode=None, callback=None):
        self.alerts.append((title, prompt, mode))


class FakeBook:
    """``FakeBook(openpyxl_workbook, "C:/plans/pac.xlsx")``"""

    def __init__(self, wb, fullname="pac.xlsx"):
        self.wb, self.fullname = wb, fullname
        self.name = fullname.replace("\\", "/").rsplit("/", 1)[-1]
        self.writes = 0
        self.app = FakeApp()
        self.sheets = FakeSheets(self)
        self.names = FakeNames(wb)
