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


# --- workbooks made by the generator, shared by every test module (issue 3) ---------------------
# Built once per session; the LibreOffice recalculations of all of them run together (two at a
# time) the first time a test asks for one, since each costs a few seconds.

import concurrent.futures as _futures  # noqa: E402



def _blank(lang: str):
    from pacxl.defaults import blank_plan

    return blank_plan(lang, year=2027)


def _demo(lang: str):
    from pacxl.demo import demo_plan

    return demo_plan(lang)


_WORKBOOKS = {
    # name: (plan maker, language, udfs)
    "blank_fr": (_blank, "fr", False),
    "blank_en": (_blank, "en", False),
    "demo_fr": (_demo, "fr", False),
    "demo_en": (_demo, "en", False),
    "demo_fr_udfs": (_demo, "fr", True),
}


@pytest.fixture(scope="session")
def generated_workbooks(tmp_path_factory) -> dict:
    """name -> path of a freshly generated workbook (blank_fr, blank_en, demo_fr, demo_en,
    demo_fr_udfs). Do not modify them: copy first."""
    from pacxl.workbook.build import build_workbook

    folder = tmp_path_factory.mktemp("generated")
    return {
        name: build_workbook(make(lang), folder / f"{name}.xlsx", udfs=udfs)
        for name, (make, lang, udfs) in _WORKBOOKS.items()
    }


@pytest.fixture(scope="session")
def recalculated_workbooks(generated_workbooks, tmp_path_factory) -> dict:
    """name -> path of the LibreOffice-recalculated copy of each generated workbook."""
    require_soffice()
    from pacxl.recalc import recalculate

    folder = tmp_path_factory.mktemp("recalculated")
    with _futures.ThreadPoolExecutor(max_workers=2) as pool:
        jobs = {
            name: pool.submit(recalculate, path, folder / name)
            for name, path in generated_workbooks.items()
        }
        return {name: job.result() for name, job in jobs.items()}


@pytest.fixture(scope="session")
def demo_fr_path(generated_workbooks):
    """The French demo workbook as generated (formulas, no cached values)."""
    return generated_workbooks["demo_fr"]


@pytest.fixture(scope="session")
def demo_en_path(generated_workbooks):
    return generated_workbooks["demo_en"]


@pytest.fixture(scope="session")
def blank_fr_path(generated_workbooks):
    return generated_workbooks["blank_fr"]


@pytest.fixture(scope="session")
def demo_fr_recalc(recalculated_workbooks):
    """The French demo workbook recalculated by LibreOffice (read it with data_only=True)."""
    return recalculated_workbooks["demo_fr"]


@pytest.fixture(scope="session")
def demo_en_recalc(recalculated_workbooks):
    return recalculated_workbooks["demo_en"]


@pytest.fixture(scope="session")
def blank_fr_recalc(recalculated_workbooks):
    return recalculated_workbooks["blank_fr"]


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch):
    """The CLI follows LC_ALL/LC_MESSAGES/LANG: tests run under one locale (C.UTF-8, English),
    whatever the developer's; a test that wants French says so (tests/test_cli_lang.py)."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
