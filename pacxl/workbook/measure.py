"""Measure text as Excel draws it in Calibri, to size columns and rows from what they hold.

Widths come from Calibri's advance widths (``font_metrics``, generated from the metric-compatible
Carlito by ``scripts/gen_font_metrics.py``): nothing is read from a system font at run time.

Units (Excel's, at 96 dpi):

* text: ``pixels = sum(advance) / units_per_em * size_pt * 96 / 72``;
* a column of width ``w`` (what openpyxl writes: characters of the default font's widest digit,
  7 px for Calibri 11, padding included) is ``7 * w`` pixels wide, of which ``PADDING`` (5 px:
  2 px margin on each side and the grid line) is not used by text. A text of ``p`` pixels fits
  in ``(p + 5) / 7`` characters;
* a line of Calibri at ``size`` points is ``LINE * size`` points high (ascent + descent + line gap
  of the font, 1.22 em; Excel's default row for Calibri 11 is 15 pt), plus ``ROW_PAD`` points.
"""

from __future__ import annotations

import math
from functools import lru_cache

from .font_metrics import BOLD, FALLBACK, REGULAR, UNITS_PER_EM

FONT = "Calibri"
SIZE = 11.0
DIGIT_PX = 7  # widest digit of Calibri 11 at 96 dpi: Excel's column width unit
PADDING = 5  # pixels of a column that text does not use
LINE = 1.22  # line height in em
ROW_PAD = 1.5  # points above and below the lines of a row
MAX_WIDTH = 50.0  # widest column the generator makes; longer text wraps
MAX_HEIGHT = 409.0  # Excel's tallest row (points)


@lru_cache(maxsize=1 << 16)  # the same words and labels come back in every row and sheet
def _units(text: str, bold: bool) -> int:
    table = BOLD if bold else REGULAR
    fallback = FALLBACK[bold]
    return sum(table.get(ch, fallback) for ch in text)


def text_px(text: str, size: float = SIZE, bold: bool = False) -> float:
    """Width in pixels of the longest line of ``text``."""
    best = max(_units(line, bold) for line in str(text).split("\n"))
    return best / UNITS_PER_EM * size * 96 / 72


def column_px(width: float) -> float:
    """Pixels available to text in a column of Excel width ``width``."""
    return width * DIGIT_PX - PADDING


def width_for(text: str, size: float = SIZE, bold: bool = False) -> float:
    """Smallest Excel column width showing ``text`` on one line (rounded up to a quarter)."""
    chars = (text_px(text, size, bold) + PADDING) / DIGIT_PX
    return math.ceil(chars * 4) / 4


def wrap(text: str, width: float, size: float = SIZE, bold: bool = False) -> list[str]:
    """The lines of ``text`` wrapped in a column of width ``width``, as Excel breaks them: at
    spaces, inside a word only when the word alone is wider than the column. Linear in the
    text's length (a 32,767-character cell is measured at once)."""
    scale = size * 96 / 72 / UNITS_PER_EM
    room = max(column_px(width), 1.0) / scale  # in font units
    table = BOLD if bold else REGULAR
    fallback = FALLBACK[bold]
    space = table[" "]
    out: list[str] = []
    for para in str(text).split("\n"):
        line, used = "", 0
        for word in para.split(" "):
            w = _units(word, bold)
            if line and used + space + w <= room:
                line, used = f"{line} {word}", used + space + w
                continue
            if line:
                out.append(line)
            line, used = "", 0
            if w <= room:
                line, used = word, w
                continue
            for ch in word:  # a word wider than the column breaks where it meets the edge
                cw = table.get(ch, fallback)
                if line and used + cw > room:
                    out.append(line)
                    line, used = "", 0
                line, used = line + ch, used + cw
        out.append(line)
    return out


def line_height(size: float = SIZE) -> float:
    """Points taken by one line of text at ``size`` points."""
    return LINE * size


def height_for(lines: int, size: float = SIZE) -> float:
    """Row height in points that shows ``lines`` lines at ``size`` points (at least Excel's
    default 15 pt, at most its 409 pt), rounded up to a quarter point."""
    h = max(1, lines) * line_height(size) + ROW_PAD
    return min(MAX_HEIGHT, max(15.0, math.ceil(h * 4) / 4))


def wrapped_height(text: str, width: float, size: float = SIZE, bold: bool = False) -> float:
    """Row height showing ``text`` wrapped in full in a column of width ``width``."""
    return height_for(len(wrap(text, width, size, bold)), size)
