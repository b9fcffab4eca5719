"""The import summary and progress bar on a terminal (rich), for the CLI."""

from __future__ import annotations

import contextlib
import sys
from typing import Iterator

from .read import format_amount
from .result import ImportSummary


@contextlib.contextmanager
def progress_bar() -> Iterator:
    """A ``progress(step, done, total)`` callback drawing a rich bar on stderr when it is a
    terminal, and doing nothing otherwise (pipes, files, CI logs)."""
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
            bar.update(task, description=step, completed=done, total=total)

        yield progress


def print_summary(summary: ImportSummary) -> None:
    """The summary as rich tables on stdout (plain text when stdout is not a terminal)."""
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    r = summary.result
    head = f"{r.source} -> {summary.workbook.name}: {r.kind}, {r.layout} layout"
    if summary.dry_run:
        head += " [dry run: nothing written]"
    console.print(head, markup=False)
    console.print(
        f"rows read: {r.rows_read}, imported: {r.rows_imported}, skipped: {len(r.skipped)}", markup=False
    )
    if r.skipped:
        reasons: dict[str, list[int]] = {}
        for s in r.skipped:
            reasons.setdefault(s.reason, []).append(s.line)
        for reason, lines in reasons.items():
            shown = ", ".join(map(str, lines[:10])) + (" ..." if len(lines) > 10 else "")
            console.print(f"  skipped ({reason}): {len(lines)} row(s), {shown}", markup=False)
    if r.totals_by_month:
        t = Table(title="Totals by month", title_justify="left")
        t.add_column("Month")
        t.add_column("Amount", justify="right")
        for m, v in r.totals_by_month.items():
            t.add_row(summary.month_name(m), format_amount(v))
        console.print(t)
    if r.totals_by_category:
        t = Table(title="Totals by category" if r.kind != "customers" else "Totals by segment",
                  title_justify="left")
        t.add_column("Category" if r.kind != "customers" else "Segment")
        t.add_column("Amount", justify="right")
        for k, v in r.totals_by_category.items():
            t.add_row(k or "(none)", format_amount(v))
        console.print(t)
    if r.kind != "actuals" or r.spend:
        console.print(f"total: {format_amount(r.total)}", markup=False)
    for n in r.notices:
        console.print(f"notice: {n}", markup=False)
    for w in r.warnings:
        console.print(f"warning: {w}", markup=False, style="yellow")
    if summary.written:
        console.print(f"wrote {summary.workbook}", markup=False)
    if summary.backup:
        console.print(f"backup: {summary.backup}", markup=False)
