"""Recalculate a workbook with LibreOffice headless (and render it to PDF).

openpyxl writes formulas without cached values; LibreOffice opens the file, recalculates every
formula and saves a copy whose cells carry the values, which any reader (openpyxl with
``data_only=True``, pandas) can then read. Used by the tests, the benchmarks, and ``pacxl
recalc``-style scripts. Each call gets its own LibreOffice profile, so calls can run in parallel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import PacxlError


class LibreOfficeMissing(PacxlError):
    """LibreOffice (soffice) is not installed."""


INSTALL_HINT = "install LibreOffice: apt-get install -y libreoffice-calc-nogui (or your OS's package)"


def soffice_path() -> str | None:
    """Path of the soffice binary, or None."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    mac = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
    return mac if os.path.exists(mac) else None


def _convert(src: Path, outdir: Path, target: str, timeout: float) -> Path:
    exe = soffice_path()
    if exe is None:
        raise LibreOfficeMissing(f"LibreOffice is needed to recalculate workbooks: {INSTALL_HINT}",
            fr=f"LibreOffice est nécessaire pour recalculer les classeurs : {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="pacxl-lo-") as profile:
        cmd = [
            exe,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(src),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    ext = target.split(":")[0]
    out = outdir / (src.stem + "." + ext)
    if proc.returncode != 0 or not out.exists():
        raise PacxlError(
            f"LibreOffice could not convert {src.name}: {(proc.stderr or proc.stdout).strip()[:300]}",
                fr=f"LibreOffice n'a pas pu convertir {src.name} : {(proc.stderr or proc.stdout).strip()[:300]}"
        )
    return out


def recalculate(path: str | os.PathLike, outdir: str | os.PathLike | None = None, timeout: float = 300) -> Path:
    """Recalculate ``path`` in LibreOffice and return the path of the recalculated .xlsx copy.

    The copy is written to ``outdir`` (a new temporary folder by default); the source is untouched.
    """
    src = Path(path).resolve()
    out = Path(outdir) if outdir else Path(tempfile.mkdtemp(prefix="pacxl-recalc-"))
    out.mkdir(parents=True, exist_ok=True)
    if out.resolve() == src.parent:
        raise PacxlError("recalculate: the output folder must differ from the source's folder",
            fr="recalcul : le dossier de sortie doit différer de celui de la source")
    return _convert(src, out, "xlsx:Calc MS Excel 2007 XML", timeout)


def to_pdf(path: str | os.PathLike, outdir: str | os.PathLike | None = None, timeout: float = 300) -> Path:
    """Render every sheet of ``path`` to one PDF, as LibreOffice prints it."""
    src = Path(path).resolve()
    out = Path(outdir) if outdir else Path(tempfile.mkdtemp(prefix="pacxl-pdf-"))
    out.mkdir(parents=True, exist_ok=True)
    return _convert(src, out, "pdf", timeout)
