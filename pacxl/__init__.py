"""pacxl: a spreadsheet-native Plan d'Action Commercial (PAC) for French SMBs."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "build_workbook"]


def build_workbook(plan, path, **kwargs):
    """Write the PAC workbook of ``plan`` (a :class:`pacxl.model.Plan`, dict or YAML/JSON path)."""
    from .workbook.build import build_workbook as _build

    return _build(plan, path, **kwargs)
