"""Which pacxl Excel runs: the installed one, not a ``pacxl`` folder beside the workbook.

xlwings puts the workbook's folder first on ``sys.path`` before it imports ``pacxl.udfs`` or runs
a macro's ``import pacxl.macros``. A workbook saved in a folder that holds a ``pacxl`` package
(the root of a pacxl checkout, or a copy of the package) therefore runs that folder's code, not
the installed pacxl (a wheel, or an editable install of another checkout): an older or half-edited
version, silently; and the checkout's ``pacxl.egg-info`` then even answers for the installed
version. :func:`shadowing_message` names both places so that the user can move the workbook.
"""

from __future__ import annotations

import json
import site
import sysconfig
from pathlib import Path
from urllib.parse import unquote, urlparse

HERE = Path(__file__).resolve().parent


def _site_dirs() -> list[str]:
    dirs = [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    try:
        dirs += site.getsitepackages()
    except AttributeError:  # some embedded interpreters
        pass
    user = site.getusersitepackages() if site.ENABLE_USER_SITE else None
    return [d for d in dict.fromkeys(dirs + ([user] if user else [])) if d and Path(d).is_dir()]


def installed_package_dir() -> Path | None:
    """Folder of the installed pacxl package, looked up in the interpreter's site-packages only
    (a checkout's ``pacxl.egg-info`` on ``sys.path`` does not count): the source folder of an
    editable install, or the wheel's ``pacxl`` folder. None when pacxl is not installed."""
    from importlib.metadata import distributions

    for dist in distributions(name="pacxl", path=_site_dirs()):
        raw = dist.read_text("direct_url.json")
        if raw:
            try:
                info = json.loads(raw)
            except ValueError:
                info = {}
            if info.get("dir_info", {}).get("editable") and str(info.get("url", "")).startswith("file:"):
                return Path(unquote(urlparse(info["url"]).path)).resolve() / "pacxl"
        init = Path(str(dist.locate_file("pacxl/__init__.py")))
        if init.is_file():
            return init.resolve().parent
        return None
    return None


def shadowing_message(book_folder: str | Path | None = None) -> str | None:
    """A message when the pacxl that runs is not the installed one and comes from a folder on
    ``sys.path`` (``book_folder``, the workbook's, when given); None when all is well."""
    installed = installed_package_dir()
    if installed is None or installed.resolve() == HERE:
        return None
    if book_folder is not None and Path(book_folder).resolve() != HERE.parent:
        return None
    return (f"pacxl runs from {HERE}, a pacxl folder beside the workbook (Excel's xlwings puts "
            f"the workbook's folder first on Python's path), not from the installed pacxl in "
            f"{installed}. Save the workbook in a folder without a pacxl folder (not in a pacxl "
            f"checkout or beside a copy of the package), then reopen it.")
