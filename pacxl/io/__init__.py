"""Import finance's files (budget, actuals, customer list) into a filled pacxl workbook, safely.

The public surface::

    from pacxl.io import import_file
    summary = import_file("budget", "pac_2027.xlsx", "budget.csv", dry_run=True)
    print("\\n".join(summary.lines()))

a DataFrame the same way, through the same pipeline (:func:`run_import`; pandas is loaded only
when ``pacxl.io.import_frame`` is asked for)::

    from pacxl.io import import_frame
    summary = import_frame("pac_2027.xlsx", "budget", df)

and, for other writers (the xlwings macros), the two halves of it: :func:`parse_file` (read,
parse and validate: rows keyed by the contract's column keys, nothing written) and
:func:`final_rows` (the rows each table holds after the import).

Every problem is a :class:`pacxl.errors.PacxlError` with a one-line message naming the file, the
row as the user sees it, the column and the value; the workbook is then left byte-identical.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import IO, Callable, Iterable, Union

from ..errors import InputError, WorkbookError
from .read import RawTable, parse_mapping, read_table
from .result import ImportResult, ImportSummary, Skipped, WorkbookContext
from .target import context_from_workbook, final_rows

__all__ = [
    "KINDS",
    "ImportResult",
    "ImportSummary",
    "Skipped",
    "WorkbookContext",
    "context_from_workbook",
    "final_rows",
    "import_file",
    "import_frame",
    "parse_file",
    "parse_table",
    "read_table",
    "run_import",
]


def __getattr__(name: str):
    """:func:`pacxl.io.frame.import_frame`, loaded when asked for (it is the one importer that
    needs pandas)."""
    if name == "import_frame":
        from .frame import import_frame

        return import_frame
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

KINDS = ("budget", "actuals", "customers", "pipeline")

Progress = Callable[[str, int, int], None]
_STEPS = ("opening the workbook", "reading the file", "checking the rows", "writing", "saving")


def parse_table(
    kind: str,
    table: RawTable,
    context: WorkbookContext,
    mapping: dict[str, str] | Iterable[str] | None = None,
    *,
    append: bool = False,
    rates: dict[str, float] | Iterable[str] | None = None,
) -> ImportResult:
    """Parse and validate a table already read (see :func:`pacxl.io.read.read_table`); ``rates``
    (pipeline only): ``{"USD": 0.92}`` or ``["USD=0.92"]``, amounts in those currencies x rate."""
    from .pipeline import parse_rates

    rates = rates if isinstance(rates, dict) else parse_rates(rates)
    if rates and kind != "pipeline":
        raise InputError("--rate only applies to pipeline imports (amounts in another currency)",
            fr="--rate ne vaut que pour l'import du pipeline (montants dans une autre devise)")
    if kind == "pipeline":
        from .pipeline import parse_pipeline

        result = parse_pipeline(table, context, parse_mapping(mapping), append=append, rates=rates)
        return _sheet_notice(result, table, context)
    if kind == "budget":
        from .budget import parse_budget as parse
    elif kind == "actuals":
        from .actuals import parse_actuals as parse
    elif kind == "customers":
        from .customers import parse_customers as parse
    else:
        raise InputError(f"unknown import kind {kind!r}: one of {', '.join(KINDS)}",
            fr=f"type d'import inconnu {kind!r} : l'un de {', '.join(KINDS)}")
    result = parse(table, context, parse_mapping(mapping), append=append)
    return _sheet_notice(result, table, context)


def _sheet_notice(result: ImportResult, table: RawTable, context: WorkbookContext) -> ImportResult:
    if table.sheet_read:  # always say which sheet was read: the first one is not always the right one
        from ._common import quoted, say

        lang = context.lang
        hidden = table.hidden_skipped
        result.notices.insert(0, say(lang, "sheet_read_hidden", sheet=table.sheet_read, hidden=quoted(hidden, lang))
                              if hidden else say(lang, "sheet_read", sheet=table.sheet_read))
    return result


def parse_file(
    kind: str,
    file: Union[str, os.PathLike, IO[bytes]],
    context: WorkbookContext,
    *,
    sheet: str | None = None,
    mapping: dict[str, str] | Iterable[str] | None = None,
    append: bool = False,
    name: str | None = None,
    rates: dict[str, float] | Iterable[str] | None = None,
) -> ImportResult:
    """Read, parse and validate ``file`` for a workbook described by ``context`` (no writing)."""
    if kind not in KINDS:
        raise InputError(f"unknown import kind {kind!r}: one of {', '.join(KINDS)}",
            fr=f"type d'import inconnu {kind!r} : l'un de {', '.join(KINDS)}")
    return parse_table(kind, read_table(file, sheet=sheet, name=name), context, mapping, append=append,
                       rates=rates)


def import_file(
    kind: str,
    workbook: Union[str, os.PathLike],
    file: Union[str, os.PathLike, IO[bytes]],
    *,
    sheet: str | None = None,
    mapping: dict[str, str] | Iterable[str] | None = None,
    dry_run: bool = False,
    force: bool = False,
    backup: bool = True,
    append: bool = False,
    progress: Progress | None = None,
    rates: dict[str, float] | Iterable[str] | None = None,
) -> ImportSummary:
    """Import ``file`` into ``workbook`` (all or nothing) and return what was done.

    ``kind``: budget (replaces tblBudget's lines; ``append`` adds), actuals (KPI actuals and spend
    per budget line; ``append`` adds to the workbook's figures), customers (replaces
    tblCustomers; ``append`` adds), pipeline (replaces tblPipeline; ``append`` adds; ``rates``:
    ``["USD=0.92"]``, amounts in another currency than the plan's x rate). ``mapping``: ``{"Source column": "field"}`` or
    ``["Source column=field", ...]``. ``dry_run``: parse and report, write nothing. ``force``:
    write even when the workbook is open elsewhere or holds things openpyxl would drop.
    ``backup``: keep a copy of the original beside it. ``progress(step, done, total)`` is called
    as the steps go.
    """
    return run_import(workbook, kind, lambda: read_table(file, sheet=sheet), mapping=mapping, dry_run=dry_run,
                      force=force, backup=backup, append=append, progress=progress, rates=rates)


def run_import(
    workbook: Union[str, os.PathLike],
    kind: str,
    rows_source: Callable[[], RawTable],
    *,
    mapping: dict[str, str] | Iterable[str] | None = None,
    dry_run: bool = False,
    force: bool = False,
    backup: bool = True,
    append: bool = False,
    progress: Progress | None = None,
    rates: dict[str, float] | Iterable[str] | None = None,
) -> ImportSummary:
    """The one import pipeline behind :func:`import_file` and :func:`pacxl.io.frame.import_frame`:
    open and check the workbook, call ``rows_source()`` for the rows to import (a
    :class:`~pacxl.io.read.RawTable`: a file read, or a DataFrame's cells), parse and validate them
    (:func:`parse_table`), write, save atomically with a backup. All or nothing."""
    from ..files import workbook_lock
    from .save import check_not_open, close_workbook, open_workbook

    if kind not in KINDS:
        raise InputError(f"unknown import kind {kind!r}: one of {', '.join(KINDS)}",
            fr=f"type d'import inconnu {kind!r} : l'un de {', '.join(KINDS)}")
    mapping = parse_mapping(mapping)
    from .pipeline import parse_rates

    rates = rates if isinstance(rates, dict) else parse_rates(rates)
    path = Path(workbook)

    def step(i: int) -> None:
        if progress is not None:
            progress(_STEPS[i] if i < len(_STEPS) else "done", i, len(_STEPS))

    step(0)
    if not path.exists():
        raise WorkbookError(f"{path.name}: no such workbook", fr=f"{path.name} : classeur introuvable")
    if not dry_run and not force:
        check_not_open(path)
    # pacxl's own lock from reading to replacing: a second import of the same workbook is refused
    # (and save_workbook checks that no other program changed the file meanwhile)
    with contextlib.nullcontext() if dry_run else workbook_lock(path):
        wb = open_workbook(path)
        try:
            return _import(wb, kind, path, rows_source, mapping, dry_run, force, backup, append, step, rates)
        finally:
            close_workbook(wb)


def _import(wb, kind, path, rows_source, mapping, dry_run, force, backup, append, step, rates=None) -> ImportSummary:
    from .save import check_nothing_dropped, save_workbook
    from ..workbook.cells import restore_escapes
    from .target import write_result

    context = context_from_workbook(wb, path)
    if not dry_run and not force:
        check_nothing_dropped(path, context.lang)
    step(1)
    table = rows_source()
    step(2)
    result = parse_table(kind, table, context, mapping, append=append, rates=rates)
    summary = ImportSummary(result, path, dry_run=dry_run, context=context)
    if dry_run:
        step(len(_STEPS))
        return summary
    step(3)
    restore_escapes(wb)  # (text the user typed stays as typed once saved again)
    sizes = write_result(wb, result, context, append=append)

    def verify(saved) -> None:
        from openpyxl.utils import range_boundaries

        for name, body in sizes.items():
            ref = saved.tables.get(name)
            ok = bool(ref)
            if ok:
                _, header, _, last = range_boundaries(ref)
                ok = last - header == body
            if not ok:
                raise WorkbookError(f"{path.name}: table {name} is not as written in the saved copy; nothing was changed",
                    fr=f"{path.name} : le tableau {name} n'est pas tel qu'écrit dans la copie enregistrée ; rien n'a été modifié")

    step(4)
    summary.backup = save_workbook(wb, path, backup=backup, verify=verify)
    summary.written = True
    summary.table_rows = sizes
    step(len(_STEPS))
    return summary
