"""A word of a title in capitals read in small letters: "… CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH
QUYỀN số" for "… CHÍNH QUYỀN SỐ".

Tesseract tells a capital from a small letter whose shape is the same (c, o, s, u, v, w,
x, y, z with any marks: `word_case.SAME_SHAPE`) by its size alone, and `word_case` puts
such slips right inside sentences written in small letters. A section's title is written
in capitals all through, and there the slip runs the other way: one word of
same-shape letters read small among capitals. A cell whose words are in capitals but
one (`MIN_CAPITAL_WORDS` at least in capitals), that one a syllable of same-shape
letters only in small letters, takes it in capitals. A cell with two words or more in
small letters, or with one that has another letter ("CẢI CÁCH THỂ CHẾ (năm 2026)" would
keep "năm"), stays as read.
"""
from __future__ import annotations

import re

from normalizers.syllables import fold, is_syllable
from normalizers.word_case import SAME_SHAPE

#: the fewest words in capitals that make a cell a title
MIN_CAPITAL_WORDS = 4

_WORD = re.compile(r"[^\W\d_]+")


def capitalise_title_word(text: str) -> str:
    """`text` (one cell) with the one word of same-shape letters a title in capitals
    read small put in capitals (see the module doc)."""
    words = list(_WORD.finditer(text))
    small = [m for m in words if not m.group(0).isupper()]
    if len(small) != 1 or len(words) - 1 < MIN_CAPITAL_WORDS:
        return text
    word = small[0].group(0)
    if not (word.islower() and is_syllable(word) and set(fold(word)) <= SAME_SHAPE):
        return text
    return text[:small[0].start()] + word.upper() + text[small[0].end():]
