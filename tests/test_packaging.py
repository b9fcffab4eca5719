"""An installed pacxl carries its templates and VBA modules, not only a source checkout."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_ships_templates_and_macros(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    wheel = next(tmp_path.glob("pacxl-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in ("pac_fr.xlsx", "pac_en.xlsx", "pac_demo_fr.xlsx", "pac_demo_en.xlsx"):
        assert f"pacxl/_templates/{template}" in names
    for module in ("PacxlImport.bas", "PacxlCheck.bas", "PacxlReport.bas", "README.md"):
        assert f"pacxl/_macros/{module}" in names
    assert "pacxl/calc/pareto.py" in names and "pacxl/workbook/sheets/dashboard.py" in names
