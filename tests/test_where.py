"""A pacxl folder beside the workbook must not run instead of the installed pacxl (xlwings puts
the workbook's folder first on sys.path): the UDFs and the macros refuse with a clear message."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from pacxl import _where, macros
from xlwings_fake import FakeBook

INSTALLED = _where.installed_package_dir()
needs_install = pytest.mark.skipif(INSTALLED is None, reason="pacxl is not installed (pip install -e .)")


def test_the_installed_pacxl_is_found_in_site_packages_only():
    if INSTALLED is not None:
        assert (INSTALLED / "__init__.py").is_file()
    # a message exactly when the pacxl running is not the installed one
    assert (_where.shadowing_message() is None) == (INSTALLED in (None, _where.HERE))


@needs_install
def test_udfs_refuse_a_pacxl_folder_beside_the_workbook(tmp_path):
    """A copy of the package in the workbook's folder (like a checkout's root): under Excel's UDF
    server, importing the functions fails with a message naming both folders; elsewhere the
    check is quiet, and a workbook in another folder is fine."""
    book = tmp_path / "books"
    shutil.copytree(_where.HERE, book / "pacxl", ignore=shutil.ignore_patterns("__pycache__"))
    code = (
        "import sys, types\n"
        f"sys.path.insert(0, {str(book)!r})\n"
        "sys.modules['xlwings.server'] = types.ModuleType('xlwings.server')\n"
        "try:\n"
        "    import pacxl.udfs\n"
        "except ImportError as exc:\n"
        "    print('REFUSED', exc)\n"
        "from pacxl._where import shadowing_message\n"
        f"print('OTHER', shadowing_message({str(tmp_path)!r}))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                         env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    refused = next(line for line in out.stdout.splitlines() if line.startswith("REFUSED"))
    assert str(book / "pacxl") in refused and str(INSTALLED) in refused
    assert "Save the workbook in a folder without a pacxl folder" in refused
    assert "OTHER None" in out.stdout


def test_macros_alert_instead_of_running(monkeypatch, tmp_path):
    """The macros check the workbook's own folder and show the message instead of working."""
    book = FakeBook(__import__("openpyxl").Workbook(), fullname=str(tmp_path / "pac.xlsx"))
    (tmp_path / "pac.xlsx").write_bytes(b"")
    seen = []
    monkeypatch.setattr(macros, "_caller", lambda: book)
    monkeypatch.setattr(macros, "shadowing_message", lambda folder: seen.append(folder) or "moved")
    macros.check_plan()
    assert seen == [tmp_path] and book.app.alerts == [("pacxl", "moved", "critical")]
