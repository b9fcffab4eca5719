"""The import summary and progress bar on a terminal (rich), for the CLI."""

from __future__ import annotations

import contextlib
import sys
from typing import Iterator

from .result import ImportSummary

#: The French of the import's steps (pacxl.io.import_file names them in English).
STEPS_FR = {"opening the workbook": "ouverture du classeur", "reading the file": "lecture du fichier",
            "checking the rows": "contrôle des lignes", "writing": "écriture", "saving": "enregistrement",
            "done": "terminé"}


@contextlib.contextmanager
def progress_bar(lang: str = "en") -> Iterator:
    """A ``progress(step, done, total)`` callback drawing a rich bar on stderr when it is a
    terminal, and doing nothing otherwise (pipes, files, CI logs); the steps in ``lang``."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
        console=Console(stderr=True), transient=True,
    ) as bar:
        task = bar.add_task("import", total=1)

        def progress(step: str, done: int, total: int) -> None:
            shown = STEPS_FR.get(step, step) if lang == "fr" else step
            bar.update(task, description=shown, completed=done, total=total)

        yield progress


def print_summary(summary: ImportSummary) -> None:
    """The summary as rich tables on stdout (plain text when stdout is not a terminal), in the
    workbook's language. Every text from the files (categories, segments, reasons, paths) is
    printed as it is, never read as rich markup: a category named ``[/bold]`` is shown, not run."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False)
    r = summary.result
    t = summary.t
    head = t("head_rich", source=r.source, workbook=summary.workbook.name, kind=summary.kind_word(),
             layout=summary.layout_word())
    if summary.dry_run:
        head += t("dry_run")
    console.print(head, markup=False, soft_wrap=True)
    console.print(t("counts", read=r.rows_read, imported=r.rows_imported, skipped=len(r.skipped)), markup=False,
                  soft_wrap=True)
    if r.skipped:
        reasons: dict[str, list[int]] = {}
        for s in r.skipped:
            reasons.setdefault(s.reason, []).append(s.line)
        for reason, lines in reasons.items():
            shown = ", ".join(map(str, lines[:10])) + (" ..." if len(lines) > 10 else "")
            console.print(t("skipped_group", reason=reason, n=len(lines), lines=shown), markup=False, soft_wrap=True)
    if r.totals_by_month:
        table = Table(title=t("Totals_by_month"), title_justify="left")
        table.add_column(t("col_month"))
        table.add_column(t("col_amount"), justify="right")
        for m, v in r.totals_by_month.items():
            table.add_row(Text(summary.month_name(m)), Text(summary.amount(v)))
        console.print(table)
    if r.totals_by_category:
        by = {"customers": "segment", "pipeline": "status"}.get(r.kind, "category")
        table = Table(title=t(f"Totals_by_{by}"), title_justify="left")
        table.add_column(t(f"col_{by}"))
        table.add_column(t("col_amount"), justify="right")
        for k, v in r.totals_by_category.items():
            table.add_row(Text(k or t("none")), Text(summary.amount(v)))
        console.print(table)
    if r.kind != "actuals" or r.spend:
        console.print(t("total", amount=summary.amount(r.total)), markup=False, soft_wrap=True)
    for n in r.notices:
        console.print(t("notice", text=n), markup=False, soft_wrap=True)
    for w in r.warnings:
        console.print(t("warning", text=w), markup=False, soft_wrap=True, style="yellow")
    if summary.written:
        console.print(t("wrote", path=summary.workbook), markup=False, soft_wrap=True)
    if summary.backup:
        console.print(t("backup", path=summary.backup), markup=False, soft_wrap=True)
