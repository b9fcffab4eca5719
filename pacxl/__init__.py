"""pacxl: a spreadsheet-native Plan d'Action Commercial (PAC) for French SMBs."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "build_workbook", "frames"]


def _refuse_shadowing() -> None:
    """Under Excel's xlwings UDF server, refuse to run from a pacxl folder beside the workbook
    instead of the installed pacxl (see :mod:`pacxl._where`): xlwings shows the message when it
    imports ``pacxl.udfs``. (Here, not in ``pacxl.udfs``: that module is also copied into the
    xlwings Lite ``main.py``.)"""
    import sys

    if "xlwings.server" in sys.modules:
        from ._where import shadowing_message

        message = shadowing_message()
        if message:
            raise ImportError(message)


_refuse_shadowing()


def build_workbook(plan, path, **kwargs):
    """Write the PAC workbook of ``plan`` (a :class:`pacxl.model.Plan`, dict or YAML/JSON path)."""
    from .workbook.build import build_workbook as _build

    return _build(plan, path, **kwargs)


def frames(workbook, lang=None, computed=True):
    """Every table of the plan ``workbook`` as a pandas DataFrame, keyed by table name (see
    :func:`pacxl.dataframes.frames`; pandas is imported by this call, not by ``import pacxl``)."""
    from .dataframes import frames as _frames

    return _frames(workbook, lang=lang, computed=computed)
