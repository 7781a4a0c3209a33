"""Figures read again by `eng` (extractors/figures.py): number tokens of the same shape
replaced, everything else as `vie` read it."""
import numpy as np
import pytest

from extractors import figures, tesseract
from tests.unit.test_tesseract_engine import typed, words


@pytest.mark.parametrize("vie, eng, meant", [
    ("2050", "2030", "2030"),                       # Manrope's 3 read "5" by vie
    ("2021-2050,", "2021-2030,", "2021-2030,"),     # a range and its comma
    ("27/5/2021", "27/3/2021", "27/3/2021"),
    ("1.1.Đến", "1.1.Dén", "1.1.Đến"),              # letters stay as vie read them
    ("5,4;", "3,4;", "3,4;"),
    ("50%", "30%", "30%"),
    ("5.I.Tiếp", "3.1.Tiép", "3.1.Tiếp"),           # Vollkorn's old-style 1 read "I" beside its 3 read "5"
    ("2O2I-205O,", "2021-2030,", "2021-2030,"),     # 0 read "O", 1 read "I": the shape of figures all the same
])
def test_figures_of_the_same_shape_are_taken_from_eng(vie, eng, meant):
    assert figures.merged(vie, eng) == meant


@pytest.mark.parametrize("vie, eng", [
    ("2050", "20530"),      # another shape
    ("202ó", "2026"),       # vie's token is "202": figure_letters reads the ó
    ("12", "l2"),           # eng holds fewer tokens
    ("Quý", "Quy"),         # no figures
    ("1.2", "1,2"),         # another separator
    ("3 và 4", "3"),        # a token missing
    ("I.I.Đến", "1.1.Dén"), # no figure read: Roman, or for figure_letters
])
def test_other_readings_leave_the_word_as_vie_read_it(vie, eng):
    assert figures.merged(vie, eng) == vie


def test_a_tsv_keeps_its_rows_and_gets_eng_figures(monkeypatch):
    image = typed("Năm 2030 và 15%")
    tsv = tesseract.read_tsv([image], "6")
    assert words(figures.with_figures_reread(tsv, [image])) == words(tsv) == {1: ["Năm", "2030", "và", "15%"]}
    # eng's readings of the word crops (one page per word with figures) replace vie's figures
    read = []
    monkeypatch.setattr(figures, "read_tsv", lambda crops, psm, lang: read.append((len(crops), psm, lang)) or
                        tesseract.TSV_HEADER + "5\t1\t1\t1\t1\t1\t0\t0\t9\t9\t96\t2050\n5\t2\t1\t1\t1\t1\t0\t0\t9\t9\t96\t16%\n")
    out = figures.with_figures_reread(tsv, [image])
    assert read == [(2, figures.PSM, "eng")]
    assert words(out) == {1: ["Năm", "2050", "và", "16%"]}
    assert [line.split("\t")[:-1] for line in out.splitlines()] == [line.split("\t")[:-1] for line in tsv.splitlines()]


def test_a_reading_without_figures_is_not_read_again(monkeypatch):
    monkeypatch.setattr(figures, "read_tsv", lambda *a, **k: pytest.fail("read again"))
    tsv = tesseract.TSV_HEADER + "5\t1\t1\t1\t1\t1\t0\t0\t9\t9\t96\tSở\n"
    assert figures.with_figures_reread(tsv, [np.full((20, 20), 255, np.uint8)]) == tsv


def test_an_eng_reading_less_sure_than_vie_and_than_sure_is_not_taken(monkeypatch):
    tsv = tesseract.TSV_HEADER + "5\t1\t1\t1\t1\t1\t0\t0\t9\t9\t96\t2025,\n5\t1\t1\t1\t1\t2\t0\t0\t9\t9\t40\t2050\n"
    monkeypatch.setattr(figures, "read_tsv", lambda crops, psm, lang: tesseract.TSV_HEADER +
                        "5\t1\t1\t1\t1\t1\t0\t0\t9\t9\t78\t2028,\n5\t2\t1\t1\t1\t1\t0\t0\t9\t9\t60\t2030\n")
    image = np.full((20, 20), 255, np.uint8)
    # 78 < SURE and < vie's 96: kept; 60 < SURE but >= vie's 40: taken
    assert words(figures.with_figures_reread(tsv, [image])) == {1: ["2025,", "2030"]}
