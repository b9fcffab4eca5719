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

from .font_metrics import BOLD, FALLBACK, REGULAR, UNITS_PER_EM

FONT = "Calibri"
SIZE = 11.0
DIGIT_PX = 7  # widest digit of Calibri 11 at 96 dpi: Excel's column width unit
PADDING = 5  # pixels of a column that text does not use
LINE = 1.22  # line height in em
ROW_PAD = 1.5  # points above and below the lines of a row
MAX_WIDTH = 50.0  # widest column the generator makes; longer text wraps


def text_px(text: str, size: float = SIZE, bold: bool = False) -> float:
    """Width in pixels of the longest line of ``text``."""
    table = BOLD if bold else REGULAR
    fallback = FALLBACK[bold]
    best = 0
    for line in str(text).split("\n"):
        units = sum(table.get(ch, fallback) for ch in line)
        best = max(best, units)
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
    spaces, inside a word only when the word alone is wider than the column."""
    room = column_px(width)
    out: list[str] = []
    for para in str(text).split("\n"):
        line = ""
        for word in para.split(" "):
            trial = f"{line} {word}" if line else word
            if text_px(trial, size, bold) <= room:
                line = trial
                continue
            if line:
                out.append(line)
            line = word
            while text_px(line, size, bold) > room and len(line) > 1:
                cut = len(line) - 1
                while cut > 1 and text_px(line[:cut], size, bold) > room:
                    cut -= 1
                out.append(line[:cut])
                line = line[cut:]
        out.append(line)
    return out


def line_height(size: float = SIZE) -> float:
    """Points taken by one line of text at ``size`` points."""
    return LINE * size


def height_for(lines: int, size: float = SIZE) -> float:
    """Row height in points that shows ``lines`` lines at ``size`` points (at least Excel's
    default 15 pt), rounded up to a quarter point."""
    h = max(1, lines) * line_height(size) + ROW_PAD
    return max(15.0, math.ceil(h * 4) / 4)


def wrapped_height(text: str, width: float, size: float = SIZE, bold: bool = False) -> float:
    """Row height showing ``text`` wrapped in full in a column of width ``width``."""
    return height_for(len(wrap(text, width, size, bold)), size)
