"""The shipped templates (``workbook_templates/``): which plans they hold and how to rebuild them.

Regenerate them with ``pacxl templates workbook_templates`` after any change to the generator;
``tests/test_workbook_templates.py`` fails when a shipped template drifts from the generator.
The blank templates carry a fixed year (:data:`TEMPLATE_YEAR`, editable in Settings) so that
regenerating them gives the same files whatever the date. Their formula cells carry the values
LibreOffice computes (LibreOffice is needed to regenerate them); ``pacxl new`` and ``pacxl demo``
borrow those values when they write the same workbook as a template.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import WorkbookError

TEMPLATE_YEAR = 2027


def _blank(lang: str):
    from ..defaults import blank_plan

    return blank_plan(lang, year=TEMPLATE_YEAR)


def _demo(lang: str):
    from ..demo import demo_plan

    return demo_plan(lang)


#: file name -> plan maker
TEMPLATES: dict[str, Callable] = {
    "pac_fr.xlsx": lambda: _blank("fr"),
    "pac_en.xlsx": lambda: _blank("en"),
    "pac_demo_fr.xlsx": lambda: _demo("fr"),
    "pac_demo_en.xlsx": lambda: _demo("en"),
}


def write_templates(folder: str | Path) -> list[Path]:
    """(Re)write every template into ``folder``; returns their paths."""
    from .build import build_workbook

    out = Path(folder)
    if not out.is_dir():
        raise WorkbookError(f"{out}: no such folder", fr=f"{out} : dossier introuvable")
    # the formula cells carry LibreOffice's values: previews show the figures
    return [build_workbook(make(), out / name, force=True, values="libreoffice")
            for name, make in TEMPLATES.items()]


def shipped_template(name: str) -> Path:
    """Path of a template shipped with the package (``pac_fr.xlsx`` ...)."""
    from importlib import resources

    if name not in TEMPLATES:
        raise WorkbookError(f"unknown template {name!r}: one of {', '.join(TEMPLATES)}",
            fr=f"modèle inconnu {name!r} : l'un de {', '.join(TEMPLATES)}")
    try:
        return Path(str(resources.files("pacxl._templates").joinpath(name)))
    except ModuleNotFoundError:  # a source checkout that was not installed
        return Path(__file__).resolve().parents[2] / "workbook_templates" / name
