"""Helpers shared by the budget, actuals and customers parsers."""

from __future__ import annotations

from typing import Any, Sequence

from ..errors import InputError
from ..messages import fmt_number, lang_of, text
from .read import (
    Field,
    HeaderMatch,
    NotAMonth,
    NotANumber,
    RawTable,
    _tokens,
    as_text,
    find_header,
    format_amount,
    match_headers,
    month_label,
    normalize,
    parse_amount,
    parse_month,
    parse_number,
    plan_month,
    show,
    sniff_decimal,
)
from .amounts import comma_three_digits
from .headers import columns_text
from .cells import RowLabel, is_error_value
from .result import WorkbookContext

MONTH_FIELD = Field(
    "month",
    ("mois", "month", "période", "periode", "period", "date", "date de la dépense", "date comptable",
     "date de pièce", "date facture", "invoice date", "mois comptable", "exercice mois"),
)

_TOTAL_STARTS = (("total",), ("totaux",), ("sous", "total"), ("soustotal",), ("subtotal",),
                 ("sub", "total"), ("grand", "total"), ("grandtotal",))


def is_total_label(value: Any) -> bool:
    """Total / Sous-total / TOTAL / Grand total / Subtotal labels."""
    if not isinstance(value, str) or "tota" not in value.lower():
        return False
    tokens = _tokens(value)
    return any(tuple(tokens[: len(t)]) == t for t in _TOTAL_STARTS)


_TOTAL_WORDS = {"total", "totaux", "sous", "soustotal", "subtotal", "sub", "grand", "grandtotal", "general",
                "generale", "ensemble", "annuel", "annuelle", "year", "overall", "budget", "ca", "eur"}


def is_bare_total_label(value: Any) -> bool:
    """A label that is nothing but a total ("Total", "Sous-total", "TOTAL GÉNÉRAL 2027"), as
    opposed to a name that starts like one ("TOTAL Énergies", "Sous-total Services SARL")."""
    return is_total_label(value) and all(t in _TOTAL_WORDS or t.isdigit() for t in _tokens(value))


class TotalRows:
    """Tells a file's total rows from its data rows, including the customers and budget lines
    whose names start like a total ("TOTAL Énergies", "Total Energies Marketing France").

    A row whose label starts with Total / Sous-total is a total only when it has no identifier
    (no code or line id; without such a column, a label that is nothing but a total), or when its
    amount equals the sum of the amounts above it since the previous total (or since the top).
    """

    def __init__(self) -> None:
        self.since_last = 0.0
        self.since_top = 0.0
        self.lines: list[int] = []

    def is_total(self, labels: Sequence[Any], identifier: Any, amount: float | None, *,
                 has_id_column: bool) -> bool:
        label = next((x for x in labels if is_total_label(x)), None)
        if label is None:
            return False
        if has_id_column:
            no_identifier = not as_text(identifier) or is_total_label(identifier)  # "Total" in the code column
        else:
            no_identifier = any(is_bare_total_label(x) for x in labels)
        sums = amount is not None and any(abs(amount - s) <= 0.005 for s in (self.since_last, self.since_top) if s)
        return no_identifier or sums

    def total(self, line: int) -> None:
        self.lines.append(line)
        self.since_last = 0.0

    def add(self, amount: float | None) -> None:
        if amount is not None:
            self.since_last += amount
            self.since_top += amount


def locate(
    table: RawTable,
    fields: Sequence[Field],
    mapping: dict[str, str] | None,
    *,
    months: bool,
    expected: str,
    kind: str | None = None,
) -> tuple[int, HeaderMatch]:
    """The header row (index into table.rows) and its matched columns; an unknown layout raises
    an error listing the columns found and the fields expected. A header that is the whole
    contract table of ``kind`` is mapped by the contract (:mod:`pacxl.io.contract_map`)."""
    from .contract_map import contract_mapping

    scanned = RawTable(table.name, table.rows[:1], table.format) if table.header_fixed else table
    idx, score = find_header(scanned, fields, mapping, months)
    line, cells = table.rows[idx]
    if kind is not None:
        mapping = contract_mapping(kind, cells, mapping)
    if score <= 0 and not mapping:
        raise unknown_layout(table, cells, expected)
    hm = match_headers(cells, fields, mapping=mapping, months=months, where=table.where(), header_line=line,
                       where_fr=place(table, "fr"))
    return idx, hm


def unknown_layout(table: RawTable, cells: Sequence[Any], expected: str) -> InputError:
    found = columns_text([as_text(c) for c in cells]) or "none"
    return InputError(
        f"{table.where()}: unknown layout; columns found: {found}; fields expected: {expected}; "
        'name the columns with --map "Source column=field"',
            fr=f"{place(table, 'fr')} : disposition inconnue ; colonnes trouvées : {found} ; champs attendus : {expected} ; nommez les colonnes avec --map \"Colonne source=champ\""
    )


class Row:
    """One data row with the means to name its cells in messages."""

    def __init__(self, table: RawTable, hm: HeaderMatch, line: int, cells: list[Any]):
        self.table, self.hm, self.line = table, hm, line
        n = len(hm.headers)
        self.cells = list(cells[:n]) + [None] * (n - len(cells))
        for col in (*hm.fields.values(), *hm.month_cols):
            if col < n and is_error_value(self.cells[col]):
                raise self.error(col, "is an error value of the spreadsheet (a formula that failed); correct "
                                      "the source file and export it again",
                                 "est une valeur d'erreur du tableur (une formule en échec) ; corrigez le "
                                 "fichier source et exportez-le à nouveau")

    def at(self, col: int) -> Any:
        return self.cells[col]

    def get(self, key: str) -> Any:
        i = self.hm.fields.get(key)
        return None if i is None else self.cells[i]

    def text(self, key: str) -> str:
        return as_text(self.get(key))

    def where(self, col: int | None = None) -> str:
        return self.table.where(self.line, None if col is None else self.hm.headers[col])

    def place(self, lang: str, col: int | None = None) -> str:
        """:meth:`where` in ``lang``, for the notices and warnings of an accepted file."""
        return place(self.table, lang, self.line, None if col is None else self.hm.headers[col])

    def error(self, col: int, what: str, what_fr: str | None = None) -> InputError:
        return InputError(f'{self.where(col)}: "{show(self.cells[col])}" {what}',
            fr=f'{self.place("fr", col)} : « {show(self.cells[col])} » {what_fr or what}')

    def amount(self, col: int, decimal: str | None, *, percent_ok: bool = False) -> float | None:
        try:
            return parse_number(self.cells[col], decimal, percent_ok=percent_ok) if percent_ok else \
                parse_amount(self.cells[col], decimal)
        except NotANumber:
            raise self.error(col, "is not a number" if percent_ok else "is not an amount",
                             "n'est pas un nombre" if percent_ok else "n'est pas un montant") from None

    def month(self, col: int, ctx: WorkbookContext) -> int:
        """The plan month of a month/date cell (a date in another year is an error)."""
        value = self.cells[col]
        try:
            year, month = parse_month(value)
        except NotAMonth:
            raise self.error(col, "is not a month or a date", "n'est ni un mois ni une date") from None
        try:
            return plan_month(year, month, ctx.year, ctx.first_month)
        except NotAMonth:
            raise self.error(col, f"is outside the plan year ({plan_year_span(ctx, 'en')})",
                             f"est hors de l'année du plan ({plan_year_span(ctx, 'fr')})") from None


def plan_year_span(ctx: WorkbookContext, lang: str | None = None) -> str:
    """``January 2027 to December 2027`` / ``janvier 2027 à décembre 2027`` (``lang``: the
    message's language, default the workbook's)."""
    lang = lang or ctx.lang
    last_month = (ctx.first_month + 10) % 12 + 1
    last_year = ctx.year if ctx.first_month == 1 else ctx.year + 1
    to = "à" if lang_of(lang) == "fr" else "to"
    return f"{month_label(ctx.year, ctx.first_month, lang)} {to} {month_label(last_year, last_month, lang)}"


def comma_warnings(table: RawTable, hm: HeaderMatch, start: int, cols: Sequence[int], lang: str) -> list[str]:
    """A warning for each column whose every text value has three digits after a lone comma:
    "1,200" is read as 1.2 (French decimal comma) but may be an English 1 200."""
    out = []
    body = table.rows[start:]
    for c in cols:
        example = comma_three_digits(cells[c] for _, cells in body if c < len(cells))
        if example is not None:
            value = parse_number(example)
            out.append(say(lang, "comma_three_digits", where=place(table, lang, column=hm.headers[c]),
                           example=example, value=_short_number(value, lang)))
    return out


def _short_number(x: float | None, lang: str) -> str:
    s = "" if x is None else f"{x:g}"
    return s.replace(".", ",") if lang_of(lang) == "fr" else s


def decimals(table: RawTable, start: int, cols: Sequence[int]) -> dict[int, str | None]:
    """Each column's decimal mark, sniffed from its texts (see :func:`sniff_decimal`)."""
    out = {}
    body = table.rows[start:]
    for c in cols:
        out[c] = sniff_decimal(cells[c] for _, cells in body if c < len(cells))
    return out


def month_columns(table: RawTable, hm: HeaderMatch, ctx: WorkbookContext) -> dict[int, int]:
    """Column index -> plan month of a wide layout's month columns (one column per month)."""
    out: dict[int, int] = {}
    seen: dict[int, int] = {}
    for col, (year, cal, pm) in sorted(hm.month_cols.items()):
        if pm is None:
            try:
                pm = plan_month(year, cal, ctx.year, ctx.first_month)
            except NotAMonth:
                raise InputError(
                    f'{table.where(column=hm.headers[col])}: {month_label(year, cal, "en")} is outside the '
                    f"plan year ({plan_year_span(ctx, 'en')})",
                        fr=f"{place(table, 'fr', column=hm.headers[col])} : {month_label(year, cal, 'fr')} est hors de l'année du plan ({plan_year_span(ctx, 'fr')})"
                ) from None
        if pm in seen:
            raise InputError(
                f'{table.where()}: columns "{hm.headers[seen[pm]]}" and "{hm.headers[col]}" are the same '
                f'month; keep one with --map "#{col + 1}=ignore" (#{col + 1}: column {col + 1}, 1 = first)',
                    fr=f'{place(table, "fr")} : les colonnes « {hm.headers[seen[pm]]} » et « {hm.headers[col]} » sont le même mois ; gardez-en une avec --map "#{col + 1}=ignore" (#{col + 1} : colonne {col + 1}, 1 = la première)'
            )
        seen[pm] = col
        out[col] = pm
    return out


def matching(value: str, choices: Sequence[str]) -> str | None:
    """The entry of ``choices`` equal to ``value`` ignoring case, accents and punctuation."""
    n = normalize(value)
    for c in choices:
        if normalize(c) == n:
            return c
    return None


# --- the words of an accepted file's summary (skip reasons, notices, warnings) -----------------
# They speak the workbook's language (``WorkbookContext.lang``), through :mod:`pacxl.messages`;
# errors that refuse a file (:class:`InputError`) keep their one documented English format.


def say(lang: str, key: str, **kw: Any) -> str:
    """The catalogue's sentence ``io.<key>`` in ``lang``."""
    return text(f"io.{key}", lang, **kw)


def lines_text(lines: Sequence[int], lang: str) -> str:
    """``lines 3, 5`` / ``lignes 3, 5`` (the first five, then how many more); a DataFrame's rows
    by their index labels: ``index 3, 5``."""
    shown = ", ".join(str(n) for n in lines[:5])
    if len(lines) > 5:
        shown = say(lang, "more", shown=shown, n=len(lines) - 5)
    if lines and isinstance(lines[0], RowLabel):
        return say(lang, "index_labels", shown=shown)
    return say(lang, "lines" if len(lines) > 1 else "line", shown=shown)


def quoted(names: Sequence[str], lang: str) -> str:
    """``"A", "B"`` / ``« A », « B »``."""
    return ", ".join(say(lang, "quoted", name=n) for n in names)


def amount_text(x: float, lang: str) -> str:
    """``1 234,56`` / ``1,234.56``: an amount as the workbook's language writes it."""
    return format_amount(x) if lang_of(lang) == "fr" else fmt_number(x, "en", 2)


def place(table: RawTable, lang: str, line: int | None = None, column: str | None = None) -> str:
    """``budget.csv, ligne 7, colonne « Montant »``: :meth:`RawTable.where` in ``lang``."""
    parts = [table.name]
    if table.sheet:
        parts.append(say(lang, "where_sheet", sheet=table.sheet))
    if line is not None:
        word = {"csv": "where_line", "dataframe": "where_index"}.get(table.format, "where_row")
        parts.append(say(lang, word, n=line))
    if column is not None:
        parts.append(say(lang, "where_column", column=column))
    return ", ".join(parts)


def nothing_found(table: RawTable, header_line: int, what: str, what_fr: str | None = None) -> InputError:
    """An import that would empty a table (or change nothing) is refused."""
    if table.header_fixed:  # a DataFrame: its header is its columns, not a line
        return InputError(f"{table.where()}: no {what} in the rows; nothing to import",
            fr=f"{place(table, 'fr')} : pas de {what_fr or what} dans les lignes ; rien à importer")
    return InputError(f"{table.where()}: no {what} below the header (line {header_line}); nothing to import",
        fr=f"{place(table, 'fr')} : pas de {what_fr or what} sous l'en-tête (ligne {header_line}) ; rien à importer")
