"""What the ink of one word OCR read looks like, where Tesseract's reading of a few
glyphs is not to be trusted: how many upright stems a Roman numeral of "I"s really has
(`count_stems`, `recount_roman`; "Quý III" read "Quý II"), whether a "1" after "Quý" is
the Roman I (`is_roman_one`), whether a word read as a dash is a bar or a copier's speck
(`is_bar`). Each takes the cell crop's pixels and the word's box from Tesseract's TSV.
"""
from __future__ import annotations

import re

import cv2
import numpy as np

#: A word OCR read as a Roman numeral of "I"s (strokes sometimes read as "l", "|", or two
#: as "H"), then punctuation or digits: "II", "IH,", "I/2026".
_ROMAN_I_WORD = re.compile(r"^(I[IlH|]{0,2})(?=$|[,.;/)\-–0-9])")
STEM_SHARE = 0.85  # a column is part of an upright stem when inked over this share of the middle band


def count_stems(pixels: np.ndarray, box: tuple[int, int, int, int]) -> int | None:
    """Upright stems at the start of the word at `box` (left, top, width, height) in the
    crop `pixels`: how many "I"s a Roman numeral really has, whatever OCR read.

    Over the middle band of the word's height (serifs, commas and accents excluded), the
    word's inked columns split into glyphs at blank columns; a glyph is a stem when it is
    narrow and inked almost all the way down the band. Counting stops at the first glyph
    that is not a stem ("/", ",", the "V" of "IV": only words read as I's are recounted).
    None when the word does not start with a stem."""
    left, top, width, height = box
    word = pixels[max(top, 0):top + height, max(left, 0):left + width]
    if word.size == 0 or height < 8:
        return None
    ink = word < 128
    band = ink[int(height * 0.25):int(height * 0.6) + 1]  # a comma's descender may enlarge the box
    share = band.mean(axis=0)
    stems, start = 0, None
    for x, value in enumerate([*share, 0.0]):
        if value > 0.0 and start is None:
            start = x
        elif value == 0.0 and start is not None:
            if x - start > max(2, 0.3 * height) or share[start:x].max() < STEM_SHARE or _slant(ink[:, start:x]):
                break  # too wide, not inked down the band, or slanted ("/"): not an upright stem
            stems += 1
            start = None
    return stems or None


#: "Quý 1/2026" as OCR'd: the "1" may be a Roman "I" (quarters are written "Quý I, II").
ARABIC_ONE_WORD = re.compile(r"^1(?=$|[,.;/)\-–])")
QUARTER = "quý"


def is_roman_one(pixels: np.ndarray, box: tuple[int, int, int, int]) -> bool | None:
    """Whether the first glyph of the word at `box` is a Roman "I" (an upright stem whose
    top is bare or serifed the same on both sides) rather than an Arabic "1" (a flag to
    the left at the top); None when it is neither clearly."""
    left, top, width, height = box
    word = pixels[max(top, 0):top + height, max(left, 0):left + width]
    if word.size == 0 or height < 8:
        return None
    ink = (word < 128).astype(np.uint8)
    share = ink[int(height * 0.25):int(height * 0.6) + 1].mean(axis=0)
    stem = np.flatnonzero(share >= STEM_SHARE)
    if stem.size == 0:
        return None
    x0 = x1 = int(stem[0])
    while x1 + 1 < share.size and share[x1 + 1] >= STEM_SHARE:
        x1 += 1
    _, labels = cv2.connectedComponents(ink, connectivity=8)
    shape = labels == labels[int(height * 0.45), (x0 + x1) // 2]
    if not shape[int(height * 0.45), (x0 + x1) // 2]:
        return None
    head = np.flatnonzero(shape[:max(1, int(height * 0.3))].any(axis=0))
    if head.size == 0:
        return None
    out_left, out_right = x0 - int(head.min()), int(head.max()) - x1
    if out_left - out_right >= max(2, 0.12 * height):
        return False  # a flag to the left: "1"
    if abs(out_left - out_right) <= max(1, 0.05 * height):
        return True
    return None


DASHES = ("-", "–", "—")
#: A dash is a bar: its ink at least this many times as wide as it is tall.
BAR_ASPECT = 1.6
#: … measured on its ink and the grey of its blurred ends (a short dash of a soft phone
#: photo is 5 px wide at its dark core, 12 px to its grey ends), or on its dark core
#: alone (`CORE_INK`: the short, thick hyphen of a condensed font on a copy is 10 × 5 px
#: dark, 11 × 7 with its grey edges)
BAR_INK = 192
CORE_INK = 128


def is_bar(pixels: np.ndarray, box: tuple[int, int, int, int]) -> bool:
    """Whether the ink of the word at `box` in the crop `pixels` (the piece darker than
    `BAR_INK` holding the box's darkest pixel, followed a little beyond the box: its grey
    ends) is a horizontal bar (a dash: "kinh tế -
    xã hội") rather than a round speck that Tesseract read as one."""
    return _bar_at(pixels, box, BAR_INK)


def is_bullet(pixels: np.ndarray, box: tuple[int, int, int, int]) -> bool:
    """`is_bar` for a dash opening a line (a list's): its ink, or its dark core alone
    (`CORE_INK`: the short thick hyphen of a condensed font on a copy), is a bar. Inside
    a line only the first counts: a speck between two words may have a bar's core."""
    return any(_bar_at(pixels, box, level) for level in (BAR_INK, CORE_INK))


def _bar_at(pixels: np.ndarray, box: tuple[int, int, int, int], level: int) -> bool:
    """`is_bar` on the ink darker than `level`."""
    left, top, width, height = box
    reach = max(3, height)  # Tesseract's box holds the dark core; the grey ends lie beyond
    x0, y0 = max(left - reach, 0), max(top - 2, 0)
    window = pixels[y0:top + height + 2, x0:left + width + reach] < level
    _, labels = cv2.connectedComponents(window.astype(np.uint8), connectivity=8)
    core = pixels[top:top + height, left:left + width]
    if core.size == 0:
        return False
    dy, dx = np.unravel_index(int(np.argmin(core)), core.shape)  # the glyph read: its darkest pixel's
    ink = labels == labels[top - y0 + dy, left - x0 + dx]
    if not ink[top - y0 + dy, left - x0 + dx]:
        return False
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return False
    return cols[-1] - cols[0] + 1 >= BAR_ASPECT * (rows[-1] - rows[0] + 1)


def _slant(glyph: np.ndarray) -> bool:
    """True when the ink of the glyph's upper half sits sideways of its lower half's ("/");
    serifs, being symmetric, do not move it."""
    half = glyph.shape[0] // 2
    cols = np.arange(glyph.shape[1])
    upper, lower = glyph[:half].sum(axis=0), glyph[half:].sum(axis=0)
    if upper.sum() == 0 or lower.sum() == 0:
        return True
    shift = abs(float((cols * upper).sum() / upper.sum() - (cols * lower).sum() / lower.sum()))
    return shift > max(1.0, 0.2 * glyph.shape[1])


def recount_roman(word: str, pixels: np.ndarray | None, box: tuple[int, int, int, int]) -> str:
    """"II" or "IH" → "III" when the image shows three stems (and so on): Tesseract's fast
    model drops, adds or merges strokes of Roman numerals ("Quý III" read "Quý II")."""
    m = _ROMAN_I_WORD.match(word)
    if m is None or pixels is None:
        return word
    stems = count_stems(pixels, box)
    if stems is None or stems > 3:
        return word
    return "I" * stems + word[m.end(1):]
