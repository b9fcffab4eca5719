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


def reports_errors(fn):
    """Run a command, printing a PacxlError (or a missing/unwritable file) as one line."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except PacxlError as exc:
            _fail(str(exc), getattr(exc, "exit_code", 2))
        except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
            _fail(f"{exc.filename}: {exc.strerror}")
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
