"""Text measured in Calibri (pacxl.workbook.measure): widths, wrapping, heights, the committed
metrics table."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from pacxl.workbook import font_metrics, measure

CARLITO = Path("/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf")


def test_bold_and_size_widen():
    text = "Dépenses commerciales et marketing"
    regular = measure.text_px(text)
    assert measure.text_px(text, bold=True) > regular
    assert measure.text_px(text, size=16) == pytest.approx(regular * 16 / 11)
    # a narrow letter and a wide one differ (a proportional face, not a character count)
    assert measure.text_px("iiii") < measure.text_px("MMMM") / 2


def test_width_for_fits_and_is_tight():
    for text in ("Santé et médico-social", "rendez-vous", "Taux de renouvellement des contrats"):
        w = measure.width_for(text)
        assert measure.column_px(w) >= measure.text_px(text)
        assert measure.column_px(w - 0.5) < measure.text_px(text)


def test_wrap_breaks_between_words_and_inside_a_long_one():
    lines = measure.wrap("Dépenses commerciales et marketing", 16)
    assert " ".join(lines) == "Dépenses commerciales et marketing"
    assert all(measure.text_px(line) <= measure.column_px(16) for line in lines)
    assert len(lines) >= 2
    long = measure.wrap("x" * 500, 10)
    assert "".join(long) == "x" * 500 and len(long) > 10
    assert measure.wrap("one\ntwo", 50) == ["one", "two"]


def test_heights():
    assert measure.height_for(1) == 15.0  # Excel's default row for Calibri 11
    assert measure.height_for(3) > 2.5 * measure.height_for(1) - 5
    assert measure.height_for(10_000) == measure.MAX_HEIGHT  # Excel's tallest row
    assert len(measure.wrap("mot " * 8000, 20)) > 100  # a full cell is measured at once


def test_unknown_characters_count_as_wide():
    # a character outside the table (other scripts, emoji) counts as the widest letter
    assert measure.text_px("中") >= measure.text_px("W") > measure.text_px("a")


@pytest.mark.skipif(not CARLITO.exists() or importlib.util.find_spec("fontTools") is None,
                    reason="regenerating the table needs Carlito and fontTools")
def test_committed_table_is_what_the_script_makes(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location(
        "gen", Path(__file__).resolve().parent.parent / "scripts" / "gen_font_metrics.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    upm, regular, _ = gen.widths(CARLITO)
    assert upm == font_metrics.UNITS_PER_EM
    assert {ch: regular[ch] for ch in regular} == {ch: font_metrics.REGULAR[ch] for ch in regular}
