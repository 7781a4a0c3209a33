"""Figures read again by Tesseract's English model: the years, shares, dates and item
numbers of a cell, as `eng` reads them where `vie` read other figures of the same shape.

Tesseract's `vie` model learnt figures from Vietnamese text, which holds few of them; on
a font whose figures differ from the usual ones it reads a valid figure for another with
full confidence: Manrope's flat-topped 3 as "5" everywhere ("2050" for 2030, "27/5/2021"
for 27/3/2021), Vollkorn's old-style 3 as "5" or "4". Nothing in the text can doubt such
a reading (a plan may write 2050), so the correction and the flags never see it. `eng`
learnt from far more figures and reads those glyphs right.

Measured on development scans (`eng` reading each word of figures of the `vie` reading
alone, `psm 7`; the truth's number tokens): where the two read tokens of the same shape
with other figures, `eng` was right and `vie` wrong 108 times, `vie` right and `eng`
wrong 3 times, both right twice (HELD-OUT 10 × 3 plans, HELD-OUT 9 plan2021_2030 ×2);
on the fonts `vie` reads well they agree on every token but one or two per scan.

So each word of a block reading (`extractors.ocr.PSM`: not the numbering column's
readings as a word or as a number, which the sequence check weighs) that holds a figure
is cropped from its cell (`WORD_PAD`) and read by `eng` (all words of a reading in one
call), and where both readings hold the same number of number tokens, each pair of the
same shape (figures for figures, the same separators at the same places), and `eng` is
sure enough of its reading (`SURE`), the `eng` token replaces the `vie` one. Letters around
the figures stay as `vie` read them ("1.1.Đến"); tokens of other shapes stay ("202ó" is
for `normalizers.figure_letters`). `vie`'s tokens are taken with the letters it read for
figures as figures (`merged`): Vollkorn's old-style figures read "5.I." and "2O2I-205O"
(`eng`: "3.1.", "2021-2030") were of another shape as read.
"""
from __future__ import annotations

import re

import cv2
import numpy as np

from extractors.tesseract import TSV_COLUMNS, read_tsv, word_rows
from normalizers.figure_letters import fix_figure_letters

LANG = "eng"
PSM = "7"  # a word, as a line of its own
#: a number token: figures joined by . / , - – (a date, a range, an item number), maybe a share
NUMBER = re.compile(r"\d[\d./%,\-–]*\d%?|\d%?")
WORD_PAD = 10  # white pixels around a word's crop
#: `eng`'s reading counts when Tesseract is at least this sure of it (0–100), or at least
#: as sure as of `vie`'s: the two `vie` readings `eng` broke it read at 78 and 79 (`vie`
#: at 96); of the 108 it mended, 7 it read below 80
SURE = 80.0
_DIGIT = re.compile(r"\d")
_LEVEL, _PAGE, _CONF, _TEXT = (TSV_COLUMNS.index(c) for c in ("level", "page_num", "conf", "text"))
_BOX = [TSV_COLUMNS.index(c) for c in ("left", "top", "width", "height")]


def shape(token: str) -> str:
    """A number token with each figure as "9": what two readings of it must share."""
    return _DIGIT.sub("9", token)


def merged(vie: str, eng: str) -> str:
    """`vie` (a word) with its number tokens replaced by those of `eng` (the same word read
    by `eng`), when both hold as many number tokens and each pair has the same shape.
    `vie`'s tokens are taken with the letters it read for figures among them as those
    figures (`fix_figure_letters`, letter for figure: "5.I.Tiếp" holds "5.1", "2O2I-205O,"
    holds "2021-2050"): an old-style 1 read "I" beside a 3 read "5" is still the shape
    `eng` reads ("3.1.")."""
    figured = fix_figure_letters(vie)
    if len(figured) != len(vie):
        figured = vie
    ours, theirs = list(NUMBER.finditer(figured)), [m.group(0) for m in NUMBER.finditer(eng)]
    if not ours or len(ours) != len(theirs) or any(shape(m.group(0)) != shape(t) for m, t in zip(ours, theirs)):
        return vie
    out, end = [], 0
    for m, t in zip(ours, theirs):
        out += [vie[end:m.start()], t]
        end = m.end()
    return "".join(out) + vie[end:]


def word_crop(image: np.ndarray, left: int, top: int, width: int, height: int) -> np.ndarray:
    """A word's box of a crop, a quarter of its height around it, padded with white."""
    pad = max(2, height // 4)
    crop = image[max(0, top - pad):top + height + pad, max(0, left - pad):left + width + pad]
    return cv2.copyMakeBorder(crop, WORD_PAD, WORD_PAD, WORD_PAD, WORD_PAD, cv2.BORDER_CONSTANT, value=255)


def with_figures_reread(tsv: str, images: list[np.ndarray]) -> str:
    """`tsv` (a `vie` reading of `images`, one page per image) with the figures of its
    words as `eng` reads them (see the module doc)."""
    lines = tsv.rstrip("\n").split("\n")
    rows = [line.split("\t") for line in lines[1:]]
    todo = [k for k, r in enumerate(rows) if len(r) == len(TSV_COLUMNS) and r[_LEVEL] == "5" and NUMBER.search(r[_TEXT])]
    if not todo:
        return tsv
    crops = [word_crop(images[int(rows[k][_PAGE]) - 1], *(int(rows[k][c]) for c in _BOX)) for k in todo]
    read: dict[int, list[tuple[str, float]]] = {}
    for row in word_rows(read_tsv(crops, PSM, lang=LANG)):
        read.setdefault(int(row["page_num"]) - 1, []).append((row["text"], float(row["conf"])))
    for n, k in enumerate(todo):
        words = read.get(n, ())
        if words and min(c for _, c in words) >= min(SURE, float(rows[k][_CONF])):
            rows[k][_TEXT] = merged(rows[k][_TEXT], " ".join(t for t, _ in words))
    return "\n".join([lines[0], *("\t".join(r) for r in rows)]) + "\n"
