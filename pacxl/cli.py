"""The ``pacxl`` command line: thin commands over the library.

Every command calls the library and turns a :class:`pacxl.errors.PacxlError` into one
``Error: ...`` line on stderr and exit code 2 (``check`` exits 1 when it finds errors). A command's
docstring, with its example, is its ``--help``.
"""

from __future__ import annotations

import functools
import sys

import click

from . import __version__
from .errors import PacxlError


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def os_error_text(exc: OSError) -> str:
    """One line for an error of the system: the path(s) and the reason, no traceback."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    paths = [str(p) for p in (exc.filename, exc.filename2) if p is not None]
    return f"{' -> '.join(paths)}: {reason}" if paths else reason


def reports_errors(fn):
    """Run a command, printing a PacxlError (or a missing/unwritable file) as one line."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except PacxlError as exc:
            _fail(str(exc), getattr(exc, "exit_code", 2))
        except OSError as exc:  # disk full, name too long, not a folder, I/O error, permission...
            _fail(os_error_text(exc))
        except KeyboardInterrupt:
            _fail("interrupted", 130)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pacxl")
def main() -> None:
    """pacxl: the Plan d'Action Commercial (PAC) of a French SMB, in a spreadsheet.

    Make a workbook with `pacxl new` or `pacxl demo`, fill it, import finance's files with
    `pacxl import`, then follow it with `pacxl check` and `pacxl report`.
    """


@main.command()
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Overwrite main.py/requirements.txt when they differ.")
@reports_errors
def lite(directory: str, force: bool) -> None:
    """Write DIRECTORY/main.py and requirements.txt for xlwings Lite (Mac, web, Windows).

    The file holds the same PAC_* functions as pacxl.udfs, generated from the package.
    Paste main.py into the xlwings Lite editor, requirements.txt into its requirements tab.

    Example: pacxl lite pac_lite
    """
    from .lite import write_lite

    for path in write_lite(directory, force=force):
        click.echo(f"wrote {path}")


# --- check, report, consolidate (issue 5) ----------------------------------------------------


def _parse_today(value: str | None):
    import datetime as dt

    from .errors import InputError

    if value is None:
        return None  # the plan's own as-of date (PAC_AsOf)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--today {value!r} is not a date: use YYYY-MM-DD") from None


@main.command()
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON (schema pacxl.check/1).")
@click.option("--today", metavar="YYYY-MM-DD",
              help="As-of date for late actions (default: the plan's PAC_AsOf, the end of the tracking month).")
@reports_errors
def check(workbook: str, as_json: bool, today: str | None) -> None:
    """Lint a filled plan: findings (error, warning, info) with their cell and how to fix them.

    Exit code 0 when there is no error, 1 when there is one or more.

    Example: pacxl check pac_2026.xlsx --today 2026-10-15
    """
    import json

    from .check import check_workbook, render_text, to_json

    day = _parse_today(today)
    findings = check_workbook(workbook, today=day)
    if as_json:
        click.echo(json.dumps(to_json(findings, workbook), ensure_ascii=False, indent=2, allow_nan=False))
    else:
        for line in render_text(findings, workbook):
            click.echo(line)
    if any(f.severity == "error" for f in findings):
        sys.exit(1)


@main.command()
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option("--month", type=click.IntRange(1, 12), help="Plan month 1-12 (default: the workbook's PAC_Month).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON (schema pacxl.report/1).")
@click.option("--html", "html_path", type=click.Path(dir_okay=False), help="Also write a self-contained HTML page.")
@click.option("--quarter", type=int, metavar="N",
              help="Plan quarter 1-4 to show (default: the month's); --json lists all four.")
@reports_errors
def report(workbook: str, month: int | None, as_json: bool, html_path: str | None, quarter: int | None) -> None:
    """Where the plan stands at a month: KPIs, catch-up, quarters, budget, actions, funnel, ABC.

    Example: pacxl report pac_2026.xlsx --month 10 --quarter 3 --html october.html
    """
    import json

    from .messages import text
    from .report import render_terminal, report_workbook, write_html

    fig = report_workbook(workbook, month, quarter)
    if html_path:
        write_html(fig, html_path)
    if as_json:
        click.echo(json.dumps(fig, ensure_ascii=False, indent=2, allow_nan=False))
    else:
        render_terminal(fig)
        if html_path:
            click.echo(text("cli.wrote", fig.get("lang", "fr"), path=html_path))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Team workbook to write.")
@click.option("--force", is_flag=True, help="Overwrite the output file.")
@click.option("--lang", type=click.Choice(["fr", "en"]), help="Language of the team workbook (default: the first plan's).")
@click.option("--year", type=int, metavar="YYYY", help="Year of the team plan when the plans differ (the others are aligned).")
@click.option("--first-month", type=click.IntRange(1, 12), metavar="M",
              help="First month of the team plan when the plans differ (the others are aligned).")
@reports_errors
def consolidate(files: tuple[str, ...], output: str, force: bool, lang: str | None, year: int | None,
                first_month: int | None) -> None:
    """Roll individual plans (one per salesperson) into a team workbook.

    Files that are not pacxl workbooks, or are damaged, are reported and skipped. Plans in
    different currencies are refused; plans of different years or first months too, unless
    --year/--first-month say which one the team plan uses. Notes follow the summary.

    Example: pacxl consolidate alice.xlsx bob.xlsx -o team.xlsx
    """
    from .consolidate import consolidate_files
    from .messages import text

    result = consolidate_files(list(files), output, force=force, lang=lang, progress=True, year=year,
                               first_month=first_month)
    team_lang = result.plan.settings.lang  # the team workbook's language
    for path, reason in result.skipped:
        click.echo(text("cli.skipped", team_lang, path=path, reason=reason), err=True)
    click.echo(text("cli.consolidated", team_lang, path=result.path, n=len(result.people),
                    skipped=len(result.skipped)))
    for note in result.notes:
        click.echo(text("cli.note", team_lang, note=note))


# --- import (issue 4) --------------------------------------------------------------------------


@main.command("import")
@click.argument("kind", type=click.Choice(["budget", "actuals", "customers"]))
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--sheet", metavar="NAME", help="Sheet of a spreadsheet FILE to read (default: the first visible one with data).")
@click.option("--map", "mapping", multiple=True, metavar='"Source column=field"',
              help="Say which field a column holds (repeatable): a header or #N (N-th column, 1 = first); "
                   "field 'ignore' skips a column.")
@click.option("--dry-run", is_flag=True, help="Read and check the file, show the summary, write nothing.")
@click.option("--force", is_flag=True, help="Write even if the workbook is open or holds things openpyxl drops.")
@click.option("--no-backup", is_flag=True, help="Do not keep a copy of the workbook as it was.")
@click.option("--append", is_flag=True, help="Add to the workbook's rows (or figures) instead of replacing them.")
@reports_errors
def import_(kind, workbook, file, sheet, mapping, dry_run, force, no_backup, append) -> None:
    """Import finance's budget, actuals or customer list into a filled workbook.

    All or nothing: the file is read and checked before the workbook is touched, which is saved
    atomically with a backup beside it. CSV (any of ; , tab |, UTF-8 or Windows-1252), XLSX, XLSM,
    XLS and ODS files are read with French conventions (1 234,56; dd/mm/yyyy; janv.).

    Example: pacxl import budget pac_2027.xlsx budget_2027.csv --map "Poste=label"
    """
    from .io import import_file
    from .io.show import print_summary, progress_bar

    with progress_bar() as progress:
        summary = import_file(
            kind, workbook, file, sheet=sheet, mapping=list(mapping), dry_run=dry_run, force=force,
            backup=not no_backup, append=append, progress=progress,
        )
    print_summary(summary)


# --- workbook generator: new, demo, templates ----------------------------------------------------


def _weights(value: str) -> list[float]:
    """``--seasonality``: 12 numbers separated by commas, or by semicolons (then a comma may be
    the decimal mark); checked (12 weights, none negative, 100 % in all) when the plan is built."""
    from .errors import InputError

    parts = value.split(";") if ";" in value else value.split(",")
    out = []
    for i, part in enumerate(parts, start=1):
        word = part.strip().rstrip("%").strip().replace(",", ".")
        try:
            number = float(word)
        except ValueError:
            raise InputError(f"--seasonality: weight {i} is not a number: {part.strip()!r}") from None
        out.append(number)
    return out


@main.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--lang", type=click.Choice(["fr", "en"]), help="Language of the workbook (default fr).")
@click.option("--year", type=int, help="Year of the plan (default: next year from October on).")
@click.option("--company", help="Company name.")
@click.option("--currency", help="Currency code (default EUR).")
@click.option("--owners", metavar='"A,B"', help="Owners of actions, comma-separated.")
@click.option("--seasonality", metavar='"6,7,9,..."',
              help="12 monthly weights in % from the first month, adding up to 100 (';' between them "
                   "allows decimal commas: \"6,5;7;...\"). Default: last year's monthly revenue, else flat.")
@click.option("--udfs", is_flag=True, help="Add the xlwings UDF sheet (PAC_* functions beside the formulas).")
@click.option("--from", "from_file", type=click.Path(dir_okay=False), help="Plan to write, from a YAML or JSON file.")
@click.option("--from-previous", "previous", type=click.Path(dir_okay=False), metavar="LAST_YEAR.xlsx",
              help="Start from last year's workbook: review from its actuals, customers, segments, seasonality.")
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@reports_errors
def new(path, lang, year, company, currency, owners, seasonality, udfs, from_file, previous, force) -> None:
    """Write a blank PAC workbook, ready to fill (or the plan of a YAML/JSON file, or next year's
    plan started from last year's workbook with --from-previous).

    Example: pacxl new pac.xlsx --company "Aéraulis" --owners "Anne,Bruno" --year 2027
    """
    from .defaults import blank_plan, check_year
    from .workbook.build import build_workbook

    owner_list = [o.strip() for o in (owners or "").split(",") if o.strip()]
    if from_file and previous:
        from .errors import InputError

        raise InputError("--from and --from-previous start from two different plans: give one")
    if previous:
        from .previous import plan_from_previous

        check_year(year)
        plan = plan_from_previous(previous, year=year)
        s = plan.settings
        for attr, value in (("lang", lang), ("company", company), ("currency", currency and currency.upper())):
            if value is not None:
                setattr(s, attr, value)
        if owner_list:
            s.owners = owner_list
    elif from_file:
        from .model import Plan

        check_year(year)
        plan = Plan.from_file(from_file)
        s = plan.settings
        for attr, value in (("lang", lang), ("year", year), ("company", company),
                            ("currency", currency and currency.upper())):
            if value is not None:
                setattr(s, attr, value)
        if owner_list:
            s.owners = owner_list
    else:
        plan = blank_plan(lang or "fr", year=year, company=company or "",
                          currency=currency or "EUR", owners=owner_list)
    if seasonality is not None:
        plan.settings.seasonality = _weights(seasonality)
    # the values of a shipped template when the workbook is one (LibreOffice is too slow here)
    out = build_workbook(plan, path, udfs=udfs, force=force, values="shipped")
    click.echo(f"Wrote {out} ({plan.settings.lang}, {plan.settings.year})")


@main.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True,
              help="Language of the workbook.")
@click.option("--udfs", is_flag=True, help="Add the xlwings UDF sheet (PAC_* functions beside the formulas).")
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@reports_errors
def demo(path, lang, udfs, force) -> None:
    """Write the PAC of a fictional SMB, completely filled, to see the workbook at work.

    Example: pacxl demo demo.xlsx --lang en
    """
    from .demo import demo_plan
    from .recalc import soffice_path
    from .workbook.build import build_workbook

    out = build_workbook(demo_plan(lang), path, udfs=udfs, force=force, values="auto")
    click.echo(f"Wrote {out} ({lang}, demo)")
    if soffice_path() is None and udfs:  # (the demos without --udfs are shipped, values included)
        click.echo("Without LibreOffice the figures are computed when the workbook is opened: a "
                   "preview shows them blank until Excel's Enable Editing.")


@main.command()
@click.argument("folder", type=click.Path(file_okay=False))
@reports_errors
def templates(folder) -> None:
    """Regenerate the shipped templates (pac_fr.xlsx, pac_en.xlsx, pac_demo_fr.xlsx,
    pac_demo_en.xlsx) into FOLDER.

    Example: pacxl templates workbook_templates
    """
    from .workbook.templates import write_templates

    for p in write_templates(folder):
        click.echo(f"Wrote {p}")


# --- revisions: freeze, revise (issue 13) ----------------------------------------------------------


@main.command()
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option("--replace", is_flag=True, help="Record the current plan as the new baseline of a plan frozen already.")
@click.option("--force", is_flag=True, help="Write even if the workbook holds things openpyxl drops.")
@click.option("--no-backup", is_flag=True, help="Do not keep a copy of the workbook as it was.")
@reports_errors
def freeze(workbook, replace, force, no_backup) -> None:
    """Record the approved plan as the baseline: objectives' targets, KPI monthly plans and budget
    lines, with today's date, in the hidden Baseline sheet.

    The KPI and Budget sheets, check and report then compare the plan with it.

    Example: pacxl freeze pac_2027.xlsx
    """
    from .revisions import freeze_workbook

    for line in freeze_workbook(workbook, replace=replace, force=force, backup=not no_backup).lines():
        click.echo(line)


@main.command()
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.argument("item_id", metavar="ID")
@click.option("--target", "target", metavar="X", help="The new figure (e.g. 125000 or 12,5).")
@click.option("--month", type=int, metavar="M", help="Plan month 1-12 of a KPI's plan or a budget line.")
@click.option("--reason", help="Why the plan changes (written in tblRevisions).")
@click.option("--force", is_flag=True, help="Write even if the workbook holds things openpyxl drops.")
@click.option("--no-backup", is_flag=True, help="Do not keep a copy of the workbook as it was.")
@reports_errors
def revise(workbook, item_id, target, month, reason, force, no_backup) -> None:
    """Change an objective's target, or a month of a KPI's plan or of a budget line, and record
    the revision (date, old and new value, reason, author) in tblRevisions.

    The plan must have been frozen (pacxl freeze).

    Example: pacxl revise pac_2027.xlsx OBJ-01 --target 4400000 --reason "Tender won in May"
    """
    from .errors import InputError
    from .revisions import revise_workbook

    if target is None:
        raise InputError("--target X is needed: the new figure")
    r = revise_workbook(workbook, item_id, target, month=month, reason=reason, force=force,
                        backup=not no_backup)
    for line in r.lines():
        click.echo(line)
