"""The ``pacxl`` command line: thin commands over the library.

Every command calls the library and turns a :class:`pacxl.errors.PacxlError` into one
``Error: ...`` line on stderr (``Erreur : ...`` in French) and exit code 2 (``check`` exits 1 when
it finds errors). A command's docstring, with its example, is its English ``--help``; its French
twin is in :mod:`pacxl.cli_text`, which also decides the language a command speaks.
"""

from __future__ import annotations

import functools
import sys

import click

from . import __version__
from .cli_text import (
    LANG_HELP,
    LANGS,
    WORKBOOK_LANG_COMMANDS,
    argv_lang,
    cli_lang,
    current,
    env_lang,
    helps_in,
    install_click_french,
    speaking,
)
from .errors import PacxlError
from .messages import text

install_click_french()


def _fail(message: str, code: int = 2) -> None:
    click.echo(text("cli.error", current(), message=message), err=True)
    sys.exit(code)


def os_error_text(exc: OSError) -> str:
    """One line for an error of the system: the path(s) and the reason, no traceback."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    paths = [str(p) for p in (exc.filename, exc.filename2) if p is not None]
    return f"{' -> '.join(paths)}: {reason}" if paths else reason


def _command_lang(name: str, kwargs: dict, workbook: str | None) -> str:
    """The language of this run of command ``name`` (see :mod:`pacxl.cli_text`)."""
    ctx = click.get_current_context(silent=True)
    forced = ctx.find_root().params.get("lang") if ctx is not None else None
    own = kwargs.get("lang")
    written = own if name in WORKBOOK_LANG_COMMANDS else None
    if name not in WORKBOOK_LANG_COMMANDS:
        forced = forced or own
    book = kwargs.get(workbook) if workbook else None
    if isinstance(book, (tuple, list)):
        book = book[0] if book else None
    return cli_lang(forced, book, written)


def reports_errors(fn=None, *, workbook: str | None = None):
    """Run a command in its language, printing a PacxlError (or a missing/unwritable file) as one
    line in that language. ``workbook``: the argument naming the workbook the command reads."""
    if fn is None:
        return functools.partial(reports_errors, workbook=workbook)
    name = fn.__name__.rstrip("_")

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        lang = _command_lang(name, kwargs, workbook)
        if name not in WORKBOOK_LANG_COMMANDS:
            kwargs.pop("lang", None)  # the CLI's language, decided here
        with speaking(lang):
            try:
                return fn(*args, **kwargs)
            except PacxlError as exc:
                _fail(exc.say(lang), getattr(exc, "exit_code", 2))
            except OSError as exc:  # disk full, name too long, not a folder, I/O error, permission...
                _fail(os_error_text(exc))
            except KeyboardInterrupt:
                _fail(text("cli.interrupted", lang), 130)

    return wrapper


def lang_option(fn):
    """``--lang fr|en``: the language of a command's messages, help and errors."""
    return click.option("--lang", type=click.Choice(list(LANGS)), help=LANG_HELP["en"])(fn)


class Command(click.Command):
    """A command whose ``--help`` speaks the CLI's language."""

    def format_help(self, ctx, formatter):
        with helps_in(current(), {self.name: self}):
            super().format_help(ctx, formatter)


class Group(click.Group):
    """The ``pacxl`` group: decides the language of help and click's own lines from the command
    line (``--lang``) or the environment before click parses anything."""

    command_class = Command

    def format_help(self, ctx, formatter):
        with helps_in(current(), {"": self, **self.commands}):
            super().format_help(ctx, formatter)

    def main(self, args=None, *rest, **kwargs):
        args = list(sys.argv[1:] if args is None else args)
        with speaking(argv_lang(args) or env_lang()):
            return super().main(args, *rest, **kwargs)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pacxl")
@click.option("--lang", type=click.Choice(list(LANGS)), is_eager=True, help=LANG_HELP["en"])
def main(lang: str | None) -> None:
    """pacxl: the Plan d'Action Commercial (PAC) of a French SMB, in a spreadsheet.

    Make a workbook with `pacxl new` or `pacxl demo`, fill it, import finance's files with
    `pacxl import`, then follow it with `pacxl check` and `pacxl report`.

    Language: --lang fr|en before the command; else the workbook's; else LC_ALL, LC_MESSAGES,
    LANG (fr_FR.UTF-8: French).
    """


@main.command()
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Overwrite main.py/requirements.txt when they differ.")
@lang_option
@reports_errors
def lite(directory: str, force: bool) -> None:
    """Write DIRECTORY/main.py and requirements.txt for xlwings Lite (Mac, web, Windows).

    The file holds the same PAC_* functions as pacxl.udfs, generated from the package.
    Paste main.py into the xlwings Lite editor, requirements.txt into its requirements tab.

    Example: pacxl lite pac_lite
    """
    from .lite import write_lite

    for path in write_lite(directory, force=force):
        click.echo(text("cli.wrote", current(), path=path))


# --- check, report, consolidate (issue 5) ----------------------------------------------------


def _parse_today(value: str | None):
    import datetime as dt

    from .errors import InputError

    if value is None:
        return None  # the plan's own as-of date (PAC_AsOf)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--today {value!r} is not a date: use YYYY-MM-DD",
            fr=f"--today {value!r} n'est pas une date : utilisez AAAA-MM-JJ") from None


@main.command()
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON (schema pacxl.check/1).")
@click.option("--today", metavar="YYYY-MM-DD",
              help="As-of date for late actions (default: the plan's PAC_AsOf, the end of the tracking month).")
@lang_option
@reports_errors(workbook="workbook")
def check(workbook: str, as_json: bool, today: str | None) -> None:
    """Lint a filled plan: findings (error, warning, info) with their cell and how to fix them.

    Exit code 0 when there is no error, 1 when there is one or more.

    Example: pacxl check pac_2026.xlsx --today 2026-10-15
    """
    import json

    from .check import check_workbook, render_text, to_json

    day = _parse_today(today)
    findings = check_workbook(workbook, today=day, lang=current())
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
@lang_option
@reports_errors(workbook="workbook")
def report(workbook: str, month: int | None, as_json: bool, html_path: str | None, quarter: int | None) -> None:
    """Where the plan stands at a month: KPIs, catch-up, quarters, budget, actions, funnel, pipeline, ABC.

    Example: pacxl report pac_2026.xlsx --month 10 --quarter 3 --html october.html
    """
    import json

    from .report import report_workbook
    from .report_html import write_html
    from .report_terminal import render_terminal

    fig = report_workbook(workbook, month, quarter)
    if html_path:
        write_html(fig, html_path)
    if as_json:
        click.echo(json.dumps(fig, ensure_ascii=False, indent=2, allow_nan=False))
    else:
        render_terminal(fig, lang=current())
        if html_path:
            click.echo(text("cli.wrote", current(), path=html_path))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Team workbook to write.")
@click.option("--force", is_flag=True, help="Overwrite the output file.")
@click.option("--lang", type=click.Choice(["fr", "en"]),
              help="Language of the team workbook (default: the first plan's); also the messages'.")
@click.option("--year", type=int, metavar="YYYY", help="Year of the team plan when the plans differ (the others are aligned).")
@click.option("--first-month", type=click.IntRange(1, 12), metavar="M",
              help="First month of the team plan when the plans differ (the others are aligned).")
@click.option("--against", type=click.Path(dir_okay=False), metavar="TEAM.xlsx",
              help="Team plan to reconcile the plans with: a Reconciliation sheet (plans against allocations).")
@click.option("--jobs", type=click.IntRange(1, None), metavar="N",
              help="Processes reading the plans (default: every core from 8 plans on); same workbook whatever N.")
@reports_errors(workbook="files")
def consolidate(files: tuple[str, ...], output: str, force: bool, lang: str | None, year: int | None,
                first_month: int | None, against: str | None, jobs: int | None) -> None:
    """Roll individual plans (one per salesperson) into a team workbook.

    Files that are not pacxl workbooks, or are damaged, are reported and skipped. Plans in
    different currencies are refused; plans of different years or first months too, unless
    --year/--first-month say which one the team plan uses. Notes follow the summary.

    Example: pacxl consolidate alice.xlsx bob.xlsx -o team.xlsx
    """
    from .consolidate import consolidate_files

    result = consolidate_files(list(files), output, force=force, lang=lang, progress=True, year=year,
                               first_month=first_month, against=against, jobs=jobs)
    team_lang = current()  # --lang before the command, else the team workbook's language
    for path, reason in result.skipped:
        said = reason.say(team_lang) if hasattr(reason, "say") else reason
        click.echo(text("cli.skipped", team_lang, path=path, reason=said), err=True)
    click.echo(text("cli.consolidated", team_lang, path=result.path, n=len(result.people),
                    skipped=len(result.skipped)))
    if result.against:
        click.echo(text("reconcile.summary", team_lang, path=against, n=result.against.gaps()))
    for note in result.notes:
        click.echo(text("cli.note", team_lang, note=note))


# --- import (issue 4) --------------------------------------------------------------------------


@main.command("import")
@click.argument("kind", type=click.Choice(["budget", "actuals", "customers", "pipeline"]))
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
@click.option("--rate", "rates", multiple=True, metavar="USD=0.92",
              help="pipeline: the rate of a currency other than the plan's (repeatable); its amounts x rate.")
@lang_option
@reports_errors(workbook="workbook")
def import_(kind, workbook, file, sheet, mapping, dry_run, force, no_backup, append, rates) -> None:
    """Import finance's budget, actuals or customer list, or the CRM's deals (pipeline), into a
    filled workbook.

    All or nothing: the file is read and checked before the workbook is touched, which is saved
    atomically with a backup beside it. CSV (any of ; , tab |, UTF-8 or Windows-1252), XLSX, XLSM,
    XLS and ODS files are read with French conventions (1 234,56; dd/mm/yyyy; janv.).

    Example: pacxl import budget pac_2027.xlsx budget_2027.csv --map "Poste=label"
    """
    from .io import import_file
    from .io.show import print_summary, progress_bar

    with progress_bar(current()) as progress:
        summary = import_file(
            kind, workbook, file, sheet=sheet, mapping=list(mapping), dry_run=dry_run, force=force,
            backup=not no_backup, append=append, progress=progress, rates=list(rates),
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
            raise InputError(f"--seasonality: weight {i} is not a number: {part.strip()!r}",
                             fr=f"--seasonality : le poids {i} n'est pas un nombre : {part.strip()!r}") from None
        out.append(number)
    return out


@main.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--lang", type=click.Choice(["fr", "en"]), help="Language of the workbook (default fr); also the messages'.")
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
@click.option("--team", metavar='"A,B,C"',
              help="Salespeople, comma-separated: a team plan with the Team sheet filled (equal shares).")
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@reports_errors
def new(path, lang, year, company, currency, owners, seasonality, udfs, from_file, previous, team, force) -> None:
    """Write a blank PAC workbook, ready to fill (or the plan of a YAML/JSON file, or next year's
    plan started from last year's workbook with --from-previous).

    Example: pacxl new pac.xlsx --company "Aéraulis" --owners "Anne,Bruno" --year 2027
    """
    from .defaults import blank_plan, check_year
    from .workbook.build import build_workbook

    owner_list = [o.strip() for o in (owners or "").split(",") if o.strip()]
    if from_file and previous:
        from .errors import InputError

        raise InputError("--from and --from-previous start from two different plans: give one",
                         fr="--from et --from-previous partent de deux plans différents : donnez-en un seul")
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
    if team is not None:
        from .team_plan import add_team, team_names

        add_team(plan, team_names(team))
    # the values of a shipped template when the workbook is one (LibreOffice is too slow here)
    out = build_workbook(plan, path, udfs=udfs, force=force, values="shipped")
    click.echo(text("cli.wrote_new", current(), path=out, book_lang=plan.settings.lang, year=plan.settings.year))


@main.command()
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", "folder", required=True, type=click.Path(file_okay=False),
              help="Folder of the individual plans (one NAME.xlsx per salesperson).")
@click.option("--force", is_flag=True, help="Overwrite the individual plans that exist.")
@click.option("--lang", type=click.Choice(["fr", "en"]), help="Language of the individual plans (default: the team plan's).")
@reports_errors(workbook="workbook")
def split(workbook, folder, force, lang) -> None:
    """Write one plan per salesperson from a team plan (Team sheet): their revenue target by
    segment and month, funnel, KPI plans, objectives, actions and budget.

    Example: pacxl split equipe.xlsx -o plans/
    """
    from .split import split_file

    for path in split_file(workbook, folder, force=force, lang=lang):
        click.echo(text("cli.wrote_split", current(), path=path))


@main.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--lang", type=click.Choice(["fr", "en"]),
              help="Language of the workbook (default fr); also the messages'.")
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

    lang = lang or "fr"
    out = build_workbook(demo_plan(lang), path, udfs=udfs, force=force, values="auto")
    click.echo(text("cli.wrote_demo", current(), path=out, book_lang=lang))
    if soffice_path() is None and udfs:  # (the demos without --udfs are shipped, values included)
        click.echo(text("cli.no_values", current()))


@main.command()
@click.argument("folder", type=click.Path(file_okay=False))
@lang_option
@reports_errors
def templates(folder) -> None:
    """Regenerate the shipped templates (pac_fr.xlsx, pac_en.xlsx, pac_demo_fr.xlsx,
    pac_demo_en.xlsx) into FOLDER.

    Example: pacxl templates workbook_templates
    """
    from .workbook.templates import write_templates

    for p in write_templates(folder):
        click.echo(text("cli.wrote_file", current(), path=p))


# --- revisions: freeze, revise (issue 13) ----------------------------------------------------------


@main.command()
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option("--replace", is_flag=True, help="Record the current plan as the new baseline of a plan frozen already.")
@click.option("--force", is_flag=True, help="Write even if the workbook holds things openpyxl drops.")
@click.option("--no-backup", is_flag=True, help="Do not keep a copy of the workbook as it was.")
@lang_option
@reports_errors(workbook="workbook")
def freeze(workbook, replace, force, no_backup) -> None:
    """Record the approved plan as the baseline: objectives' targets, KPI monthly plans and budget
    lines, with today's date, in the hidden Baseline sheet.

    The KPI and Budget sheets, check and report then compare the plan with it.

    Example: pacxl freeze pac_2027.xlsx
    """
    from .revisions import freeze_workbook

    for line in freeze_workbook(workbook, replace=replace, force=force, backup=not no_backup).lines(current()):
        click.echo(line)


@main.command()
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.argument("item_id", metavar="ID")
@click.option("--target", "target", metavar="X", help="The new figure (e.g. 125000 or 12,5).")
@click.option("--month", type=int, metavar="M", help="Plan month 1-12 of a KPI's plan or a budget line.")
@click.option("--reason", help="Why the plan changes (written in tblRevisions).")
@click.option("--force", is_flag=True, help="Write even if the workbook holds things openpyxl drops.")
@click.option("--no-backup", is_flag=True, help="Do not keep a copy of the workbook as it was.")
@lang_option
@reports_errors(workbook="workbook")
def revise(workbook, item_id, target, month, reason, force, no_backup) -> None:
    """Change an objective's target, or a month of a KPI's plan or of a budget line, and record
    the revision (date, old and new value, reason, author) in tblRevisions.

    The plan must have been frozen (pacxl freeze).

    Example: pacxl revise pac_2027.xlsx OBJ-01 --target 4400000 --reason "Tender won in May"
    """
    from .errors import InputError
    from .revisions import revise_workbook

    if target is None:
        raise InputError("--target X is needed: the new figure", fr="--target X est nécessaire : le nouveau chiffre")
    r = revise_workbook(workbook, item_id, target, month=month, reason=reason, force=force,
                        backup=not no_backup)
    for line in r.lines(current()):
        click.echo(line)
