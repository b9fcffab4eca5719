"""The errors pacxl raises. Each message is meant for a user: one line, saying what to fix."""

from __future__ import annotations


class PacxlError(Exception):
    """Base of every error pacxl reports to a user (the CLI prints it as one 'Error: ...' line)."""

    exit_code = 2


class InputError(PacxlError, ValueError):
    """A value given to pacxl (argument, cell, file content) is not usable."""


class FileFormatError(InputError):
    """A file cannot be read as what it claims to be (encoding, layout, damaged or hostile file)."""


class WorkbookError(PacxlError):
    """A workbook is not a pacxl workbook, is damaged, or cannot be written safely."""


class WouldLoseDataError(WorkbookError):
    """Saving would drop something openpyxl cannot keep (shapes, form controls, ...)."""


class WorkbookLockedError(WorkbookError):
    """The workbook is open in Excel or LibreOffice (a lock file stands beside it)."""


class FileExistsError_(PacxlError):
    """The output file exists and --force was not given."""
