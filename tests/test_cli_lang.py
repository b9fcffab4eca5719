"""The command line speaks French or English (issue 12): help, errors, click's own lines."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pacxl import cli_text
from pacxl.cli import main
from pacxl.errors import PacxlError

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pacxl"


# --- every error has its French ------------------------------------------------------------------


def _error_classes(trees: dict[Path, ast.Module]) -> set[str]:
    """Names of PacxlError and of every class of the package derived from it."""
    bases: dict[str, set[str]] = {}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
    found = {"PacxlError"}
    while True:
        more = {name for name, bs in bases.items() if bs & found} - found
        if not more:
            return found
        found |= more


def error_sites() -> list[tuple[str, int, bool]]:
    """(file, line, has French) of every place the package makes one of its errors."""
    trees = {p: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.rglob("*.py"))}
    classes = _error_classes(trees)
    sites = []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            if isinstance(f, ast.Attribute) and f.attr == "of" and isinstance(f.value, ast.Name) \
                    and f.value.id in classes:
                sites.append((str(path.relative_to(ROOT)), node.lineno, True))  # Error.of(make): both languages
            elif isinstance(f, ast.Name) and f.id in classes and (node.args or node.keywords):
                has_fr = any(k.arg == "fr" for k in node.keywords)
                sites.append((str(path.relative_to(ROOT)), node.lineno, has_fr))
    return sites


def test_the_walk_finds_the_error_sites():
    sites = error_sites()
    assert len(sites) > 150  # the walk sees them (a broken walk would pass vacuously)
    assert {"pacxl/files.py", "pacxl/planfile.py", "pacxl/io/csvfile.py", "pacxl/workbook/settings_check.py"} <= {
        f for f, _, _ in sites}


def test_every_error_the_package_raises_has_its_french():
    missing = [f"{f}:{line}" for f, line, fr in error_sites() if not fr]
    assert not missing, f"{len(missing)} error(s) without French (give fr=...): " + ", ".join(missing)
