"""The inventory of valid Vietnamese syllables (normalizers/data/syllables.txt).

7,850 lower-case NFC syllables that pass a structure check (onset + rhyme + tone, stop
codas only with sắc/nặng): the union of the word lists described in
../shared/corpus/README.md. Used to judge whether a text layer is plausible Vietnamese
and how confident an OCR'd cell is.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_WORD = re.compile(r"[^\W\d_]+")
_ROMAN = re.compile(r"^[IVXL]+$")


@lru_cache(maxsize=1)
def inventory() -> frozenset[str]:
    text = resources.files("normalizers").joinpath("data/syllables.txt").read_text(encoding="utf-8")
    return frozenset(unicodedata.normalize("NFC", ln.strip()) for ln in text.splitlines() if ln.strip())


@dataclass(frozen=True)
class SyllableStats:
    words: int  # alphabetic tokens that are not all-caps abbreviations
    with_marks: int  # tokens carrying a non-ASCII letter (Vietnamese diacritics, đ)
    valid: int  # tokens found in the inventory

    @property
    def mark_share(self) -> float:
        return self.with_marks / self.words if self.words else 0.0

    @property
    def valid_share(self) -> float:
        return self.valid / self.words if self.words else 0.0


def syllable_stats(text: str) -> SyllableStats:
    """Counts over the alphabetic tokens of `text` (abbreviations such as UBND skipped)."""
    known = inventory()
    words = marks = valid = 0
    for token in _WORD.findall(unicodedata.normalize("NFC", text)):
        if (len(token) > 1 and token.isupper() and token.isascii()) or _ROMAN.match(token):
            continue  # CCHC, UBND, VBQPPL …; section and quarter numerals (V, IV)
        words += 1
        marks += any(ord(ch) > 127 for ch in token)
        valid += token.lower() in known
    return SyllableStats(words, marks, valid)
