"""Render the demo's dashboard to PNG for the README: docs/img/dashboard_fr.png and _en.png.

    python scripts/render_dashboard.py [--out docs/img] [--dpi 110] [fr en]

The demo workbook is generated (``pacxl.demo``), LibreOffice headless prints it to PDF (in a
profile set to the language's locale, so that figures read ``3 237 600 €`` in French), the
first page of the dashboard is found by its footer (``Tableau de bord - 32 / 33``), rasterised
by poppler's ``pdftoppm`` and cropped to its content. Needs LibreOffice and poppler-utils; the
picture in the README is this script's output, never a hand-made screenshot.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pacxl.demo import demo_plan  # noqa: E402
from pacxl.recalc import soffice_path  # noqa: E402
from pacxl.workbook.build import build_workbook  # noqa: E402
from pacxl.workbook.contract import SHEETS  # noqa: E402

LOCALES = {"fr": "fr-FR", "en": "en-GB"}
PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">
<value>{locale}</value></prop></item>
</oor:items>
"""
MARGIN = 12  # pixels kept around the content


def to_pdf(xlsx: Path, outdir: Path, lang: str) -> Path:
    """Print every sheet of ``xlsx`` to PDF with LibreOffice in the locale of ``lang``."""
    with tempfile.TemporaryDirectory(prefix="pacxl-render-") as profile:
        user = Path(profile) / "user"
        user.mkdir()
        (user / "registrymodifications.xcu").write_text(PROFILE.format(locale=LOCALES[lang]), encoding="utf-8")
        subprocess.run([soffice_path(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--nolockcheck", "--convert-to", "pdf", "--outdir", str(outdir), str(xlsx)],
                       check=True, capture_output=True, timeout=600)
    return outdir / (xlsx.stem + ".pdf")


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(info.split("Pages:")[1].split()[0])


def first_page_of(pdf: Path, sheet: str) -> int:
    """The first page whose footer names ``sheet`` (every page's footer is ``&A - &P / &N``)."""
    for page in range(1, page_count(pdf) + 1):
        words = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                               check=True, capture_output=True, text=True).stdout
        if f"{sheet} - " in words:
            return page
    raise SystemExit(f"no page of {pdf.name} belongs to {sheet!r}")


def content_box(pdf: Path, page: int, dpi: int) -> tuple[int, int, int, int]:
    """(x, y, width, height) of the page's non-white pixels, plus a margin."""
    pgm = subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf)],
                         check=True, capture_output=True).stdout
    header, pixels = _pgm(pgm)
    width, height = header
    rows = [y for y in range(height) if min(pixels[y * width:(y + 1) * width]) < 245]
    cols = [x for x in range(width) if min(pixels[x::width]) < 245]
    x0, x1 = max(0, cols[0] - MARGIN), min(width, cols[-1] + MARGIN)
    y0, y1 = max(0, rows[0] - MARGIN), min(height, rows[-1] + MARGIN)
    return x0, y0, x1 - x0, y1 - y0


def _pgm(data: bytes) -> tuple[tuple[int, int], bytes]:
    """(width, height) and the 8-bit pixels of a binary PGM (P5)."""
    fields, pos = [], 0
    while len(fields) < 4:  # magic, width, height, maxval (comments skipped)
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b"P5" and int(fields[3]) < 256, "pdftoppm -gray gives an 8-bit PGM"
    return (int(fields[1]), int(fields[2])), data[pos + 1:]


def render(lang: str, out: Path, dpi: int) -> Path:
    with tempfile.TemporaryDirectory(prefix="pacxl-render-") as tmp:
        folder = Path(tmp)
        xlsx = build_workbook(demo_plan(lang), folder / f"pac_demo_{lang}.xlsx")
        pdf = to_pdf(xlsx, folder, lang)
        page = first_page_of(pdf, SHEETS["dashboard"][lang])
        x, y, w, h = content_box(pdf, page, dpi)
        target = out / f"dashboard_{lang}.png"
        out.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pdftoppm", "-png", "-singlefile", "-r", str(dpi), "-f", str(page), "-l", str(page),
                        "-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h), str(pdf),
                        str(target.with_suffix(""))], check=True)
    return target


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("langs", nargs="*", default=["fr", "en"], help="fr, en (default: both)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    parser.add_argument("--dpi", type=int, default=110)
    args = parser.parse_args(argv)
    if soffice_path() is None:
        raise SystemExit("LibreOffice (soffice) is needed to render the dashboard")
    for lang in args.langs:
        if lang not in LOCALES:
            raise SystemExit(f"unknown language {lang!r}: fr or en")
        print(render(lang, args.out, args.dpi))


if __name__ == "__main__":
    main()
