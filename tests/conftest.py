"""Shared fixtures. LibreOffice-backed tests use the ``soffice`` fixture (or the ``libreoffice``
marker): they skip with an install hint when soffice is missing, and fail under CI=true."""

from __future__ import annotations

import os

import pytest

from pacxl.recalc import INSTALL_HINT, soffice_path


def require_soffice() -> None:
    if soffice_path() is None:
        message = f"LibreOffice (soffice) is not installed: {INSTALL_HINT}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (CI=true: LibreOffice tests must run)")
        pytest.skip(message)


@pytest.fixture
def soffice() -> str:
    require_soffice()
    return soffice_path()


def pytest_runtest_setup(item):
    if item.get_closest_marker("libreoffice"):
        require_soffice()
