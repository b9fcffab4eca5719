"""Cell styles of the PAC workbook: one look for inputs, one for computed cells, a few for titles.

Inputs are pale yellow with a dotted border and **unlocked** (users type there while the sheets
stay protected); computed cells are pale grey and **locked**. Styles are plain openpyxl objects
built once per workbook and assigned cell by cell (cheap: openpyxl interns them).
"""

from __future__ import annotations

from copy import copy

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

INPUT_FILL = "FFF8DC"  # cornsilk: the one "type here" colour, explained in the Guide's legend
COMPUTED_FILL = "F2F2F2"
HEADER_FILL = "1F4E78"
TITLE_COLOR = "1F4E78"
ACCENT_FILL = "DDEBF7"
GOOD_FILL = "C6EFCE"
GOOD_FONT = "006100"
BAD_FILL = "FFC7CE"
BAD_FONT = "9C0006"
WARN_FILL = "FFEB9C"
WARN_FONT = "9C5700"
BAR_FILL = "5B9BD5"
BAR_DONE_FILL = "70AD47"
KEYDATE_FILL = "F4B183"

_thin = Side(style="thin", color="BFBFBF")
_dotted = Side(style="dotted", color="A6A6A6")

INPUT_BORDER = Border(left=_dotted, right=_dotted, top=_dotted, bottom=_dotted)
CELL_BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)

UNLOCKED = Protection(locked=False)
LOCKED = Protection(locked=True)

DATE_FORMAT = "DD/MM/YYYY"
MONTH_FORMAT = "MMM YYYY"
PCT_FORMAT = "0.0%"
# Signed formats carry no colour: whether a variance is good news depends on the line's kind
# (a cost under plan is favourable), so conditional formats colour it from its verdict.
PCT_SIGNED_FORMAT = "+0.0%;-0.0%;0.0%"
INT_FORMAT = "#,##0"
# No optional-decimals format ("#,##0.##"): Excel shows 600000 in it as "600 000," with a
# trailing separator, LibreOffice as "600 000". Numbers that may be fractional show whole in
# INT_FORMAT and take FRACTION_FORMAT (always one decimal at least) from a conditional format
# (see fraction_rule); DECIMAL_FORMAT always shows two.
FRACTION_FORMAT = "#,##0.0#"
DECIMAL_FORMAT = "#,##0.00"
SIGNED_FORMAT = "+#,##0;-#,##0;0"

_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "CHF": "CHF", "CAD": "$ CA", "JPY": "¥"}


def currency_format(currency: str, lang: str, signed: bool = False) -> str:
    """Whole-unit currency format: ``1 234 €`` in French (Excel shows the locale's separator)."""
    sym = _SYMBOLS.get(currency.upper(), currency.upper())
    # the symbol is quoted literal text in the format: a quote or a control character in a
    # typed currency would break the format (Excel's repair dialog), so they are left out
    sym = "".join(ch for ch in sym if ch.isprintable() and ch != '"')[:20]
    if lang == "fr" or len(sym) > 1:
        pos = f'#,##0 "{sym}"'
    else:
        pos = f'"{sym}"#,##0'
    if signed:
        return f"+{pos};-{pos};{pos}"
    return f"{pos};-{pos}"


FONT = "Calibri"  # the one typeface of every cell (Carlito, metric-compatible, where Calibri is absent)
BODY_SIZE = 11


def font(size: float = BODY_SIZE, **kw) -> Font:
    """A cell font: always Calibri with an explicit size, so no viewer substitutes a serif face."""
    return Font(name=FONT, size=size, family=2, **kw)


class Styles:
    """The workbook's named looks; ``apply`` sets font, fill, border, format and protection."""

    def __init__(self, currency: str, lang: str):
        self._looks: dict[tuple, object] = {}
        self.money = currency_format(currency, lang)
        self.money_signed = currency_format(currency, lang, signed=True)
        self.title_font = font(size=16, bold=True, color=TITLE_COLOR)
        self.subtitle_font = font(size=11, italic=True, color="595959")
        self.section_font = font(size=12, bold=True, color=TITLE_COLOR)
        self.header_font = font(bold=True, color="FFFFFF")
        self.header_fill = PatternFill("solid", fgColor=HEADER_FILL)
        self.label_font = font(bold=True)
        self.small_font = font(size=8, color="808080")
        self.input_fill = PatternFill("solid", fgColor=INPUT_FILL)
        self.computed_fill = PatternFill("solid", fgColor=COMPUTED_FILL)
        self.accent_fill = PatternFill("solid", fgColor=ACCENT_FILL)
        self.input_font = font(color="1F3864")
        self.computed_font = font(color="000000")
        self.big_font = font(size=14, bold=True, color=TITLE_COLOR)
        self.link_font = font(color="0563C1", underline="single")
        # the dashboard's KPI cards: a small grey label, a big figure, a small grey sub-line
        self.card_label_font = font(size=9, bold=True, color="595959")
        self.card_value_font = font(size=18, bold=True, color=TITLE_COLOR)
        self.card_sub_font = font(size=9, color="595959")
        # "no data yet" under an empty chart: body size, so the chart's rows keep their 15 pt
        self.placeholder_font = font(italic=True, color="808080")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.top = Alignment(vertical="top")
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.header_align = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def number_format(self, kind: str | None) -> str:
        return {
            None: "General",
            "text": "General",
            # identifiers and codes typed by users stay text: 00123 keeps its zeros
            "id": "@",
            "money": self.money,
            "money_signed": self.money_signed,
            "date": DATE_FORMAT,
            "month": MONTH_FORMAT,
            "pct": PCT_FORMAT,
            "pct_signed": PCT_SIGNED_FORMAT,
            "int": INT_FORMAT,
            "decimal": DECIMAL_FORMAT,
            "signed": SIGNED_FORMAT,
        }[kind]

    def _cached(self, cell, key: tuple) -> bool:
        """Give ``cell`` the look ``key`` if it was built before (assigning openpyxl style
        objects one by one hashes each of them: caching the resulting style array is 5x faster)."""
        arr = self._looks.get(key)
        if arr is None:
            return False
        cell._style = copy(arr)
        return True

    def _remember(self, cell, key: tuple) -> None:
        self._looks[key] = copy(cell._style)

    def input(self, cell, fmt: str | None = None, wrap: bool = False) -> None:
        key = ("input", fmt, wrap)
        if self._cached(cell, key):
            return
        self._input(cell, fmt, wrap)
        self._remember(cell, key)

    def computed(self, cell, fmt: str | None = None, bold: bool = False, wrap: bool = False) -> None:
        key = ("computed", fmt, bold, wrap)
        if self._cached(cell, key):
            return
        self._computed(cell, fmt, bold, wrap)
        self._remember(cell, key)

    def header(self, cell) -> None:
        if self._cached(cell, ("header",)):
            return
        self._header(cell)
        self._remember(cell, ("header",))

    def _input(self, cell, fmt: str | None = None, wrap: bool = False) -> None:
        cell.fill = self.input_fill
        cell.font = self.input_font
        cell.border = INPUT_BORDER
        cell.protection = UNLOCKED
        cell.number_format = self.number_format(fmt)
        cell.alignment = self.wrap if wrap else self.top

    def _computed(self, cell, fmt: str | None = None, bold: bool = False, wrap: bool = False) -> None:
        cell.fill = self.computed_fill
        cell.font = font(bold=True) if bold else self.computed_font
        cell.border = CELL_BORDER
        cell.protection = LOCKED
        cell.number_format = self.number_format(fmt)
        cell.alignment = self.wrap if wrap else self.top

    def _header(self, cell) -> None:
        cell.font = self.header_font
        cell.fill = self.header_fill
        cell.alignment = self.header_align
        cell.border = CELL_BORDER
        cell.protection = LOCKED

    def label(self, cell, wrap: bool = False) -> None:
        cell.font = self.label_font
        cell.protection = LOCKED
        if wrap:
            cell.alignment = self.wrap

    def title(self, cell) -> None:
        cell.font = self.title_font

    def subtitle(self, cell) -> None:
        cell.font = self.subtitle_font
        cell.alignment = Alignment(wrap_text=False, vertical="top")

    def section(self, cell) -> None:
        cell.font = self.section_font

    def note(self, cell) -> None:
        """Explanatory text: body font, wrapped, at the top of its row (Guide, help lines)."""
        cell.font = self.computed_font
        cell.alignment = self.wrap

    def total(self, cell, fmt: str | None = None) -> None:
        """A total: a computed cell in bold."""
        self.computed(cell, fmt, bold=True)

    def small(self, cell) -> None:
        cell.font = self.small_font
        cell.alignment = Alignment(horizontal="center")


def fraction_rule(cell: str, dxf_id: int):
    """A conditional format rule giving :data:`FRACTION_FORMAT` to the number in ``cell`` (the
    first cell of the range, relative) when it has a fraction at two decimals: 4.5 reads "4,5",
    600000 stays "600 000" (the cell's own whole-number format). Add it after any rule that
    must win over it (a rate's percentage)."""
    from openpyxl.formatting.rule import Rule
    from openpyxl.styles.differential import DifferentialStyle
    from openpyxl.styles.numbers import NumberFormat

    dxf = DifferentialStyle(numFmt=NumberFormat(numFmtId=dxf_id, formatCode=FRACTION_FORMAT))
    return Rule(type="expression", dxf=dxf,
                formula=[f"AND(ISNUMBER({cell}),ROUND({cell},2)<>ROUND({cell},0))"])
