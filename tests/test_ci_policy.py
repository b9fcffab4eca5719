"""LibreOffice-backed tests skip locally without soffice (with the install hint) and fail under CI."""

import pytest

import conftest
from pacxl import recalc


def test_without_soffice_a_local_run_skips_with_the_install_hint(monkeypatch):
    monkeypatch.setattr(conftest, "soffice_path", lambda: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install -y libreoffice-calc-nogui"):
        conftest.require_soffice()


def test_without_soffice_ci_fails(monkeypatch):
    monkeypatch.setattr(conftest, "soffice_path", lambda: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true: LibreOffice tests must run"):
        conftest.require_soffice()


def test_recalculate_without_soffice_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(recalc, "soffice_path", lambda: None)
    with pytest.raises(recalc.LibreOfficeMissing, match="install LibreOffice"):
        recalc.recalculate(tmp_path / "x.xlsx", tmp_path / "out")
