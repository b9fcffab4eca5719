"""Where the files shipped beside the code are: the templates and the VBA modules.

In the repository they sit at the top (``workbook_templates/``, ``macros/``), where users look for
them; an installed package carries them as ``pacxl/_templates`` and ``pacxl/_macros`` (see
pyproject.toml). This finds either, so a source checkout, an editable install and a wheel all work.
"""

from __future__ import annotations

from pathlib import Path

from .errors import PacxlError

_REPO_NAMES = {"_templates": "workbook_templates", "_macros": "macros"}


def data_dir(name: str) -> Path:
    """The folder of shipped files ``name`` (``"_templates"`` or ``"_macros"``)."""
    here = Path(__file__).resolve().parent
    for folder in (here / name, here.parent / _REPO_NAMES[name]):
        if folder.is_dir():
            return folder
    raise PacxlError(f"pacxl's {_REPO_NAMES[name]} folder is missing from this installation: reinstall pacxl",
        fr=f"le dossier {_REPO_NAMES[name]} de pacxl manque dans cette installation : réinstallez pacxl")
