"""A word in capitals OCR cut where a vowel under stacked marks stood, made whole.

In a section title in capitals the tallest glyphs are the vowels that carry a hat and a
tone ("Ệ", "Ề", "Ạ" under a dot): Tesseract reads such a vowel as something that is no
letter, and the word falls in two ("ĐI 1N", "H, \\NH", "Đ\\O"), or as a small vowel with
other marks glued to the rest ("ĐI ìN"), or glued to the piece before it ("ĐIÍ U"). The
pieces with a vowel between them make one syllable; the language model picks which with
the words beside them, and the syllable is kept only when it beats the pieces as read by
`JOIN_MARGIN` (a whole title misread costs every row of its section).
"""
from __future__ import annotations

import re

from normalizers.acronym_list import known_acronyms
from normalizers.glued_words import JOIN_MARGIN
from normalizers.lm import Model
from normalizers.syllables import VOWELS, has_vowel_marks, is_syllable

_WORD = re.compile(r"[^\W\d_]+")
#: the small vowels OCR reads a capital's stacked vowel as, glued to the piece after it
_SMALL_VOWELS = frozenset(VOWELS)


def _pieces(text: str, head: re.Match, tail: re.Match) -> tuple[str, str, str] | None:
    """(head, what OCR read the vowel as, tail) of two words of `text` in capitals a
    stacked vowel may stand between, else None: between them one to four characters, no
    letter, a space or a backslash among them ("Đ.\\O"); a small vowel opening the tail is
    what the vowel was read as too ("ĐI ìN")."""
    gap, word = text[head.end():tail.start()], tail.group(0)
    if len(gap) > 4 or "_" in gap or not (" " in gap or "\\" in gap):
        return None
    if word[0] in _SMALL_VOWELS and word[1:].isupper():
        gap, word = gap + word[0], word[1:]
    junk = gap.replace(" ", "")
    if not (head.group(0).isupper() and word.isupper()) or len(junk) > 2 or sum(c.isdigit() for c in junk) > 1:
        return None
    if text[head.start() - 1:head.start()].isdigit() or text[tail.end():tail.end() + 1].isdigit():
        return None
    return head.group(0), junk, word


def _whole(head: str, junk: str, tail: str, before: list[str], after: list[str], model: Model) -> str | None:
    """The syllable `head` + a vowel + `tail` make that the model prefers to the pieces by
    `JOIN_MARGIN` (with a marked vowel glued to the head dropped: "ĐIÍ U"), else None;
    the pieces are scored with a figure between them where OCR read one ("TỪ 0M" is a
    length), two syllables with only a space between them are left (they are two words:
    "ĐỀ ÁN"), and so are two letters with no backslash between them ("B, C"); pieces with a
    backslash between them that make no syllable with a vowel are the one acronym of the
    corpus's list they make with a plain vowel ("P.\\R" → PAR), if one."""
    if len(head) + len(tail) < 3 and "\\" not in junk:     # "B, C": two letters; a backslash no plan writes
        return None
    if not junk and is_syllable(head) and is_syllable(tail):
        return None
    heads = [head] + ([head[:-1]] if len(head) > 1 and has_vowel_marks(head[-1]) else [])
    found = [w for h in heads for v in VOWELS if is_syllable(w := h + v.upper() + tail)]
    read = [head.lower(), *(["<num>"] if any(c.isdigit() for c in junk) else []), tail.lower()]
    if found:
        return model.preferred(found, read, before, after, JOIN_MARGIN)
    acronyms = [w for v in "AEIOUY" if (w := head + v + tail) in known_acronyms()] if "\\" in junk else []
    return acronyms[0] if len(acronyms) == 1 else None      # "(P.\\R INDEX)": one vowel makes PAR


def mend_stacked_vowels(text: str, model: Model) -> str:
    """`text` with each word in capitals OCR cut where a vowel under stacked marks stood
    ("ĐI 1N" for ĐIỆN, "H, \\NH" for HÀNH, "Đ\\O" or "Đ.\\O" for ĐẠO, "ĐI ìN" for ĐIỆN, "ĐIÍ U" for
    ĐIỀU) made whole (see the module doc); two pieces at a time, left to right."""
    words = list(_WORD.finditer(text))
    out, at, k = [], 0, 0
    while k + 1 < len(words):
        head, tail = words[k], words[k + 1]
        pieces = _pieces(text, head, tail)
        whole = None
        if pieces is not None:
            before = [w.group(0).lower() for w in words[max(k - 1, 0):k]]
            after = [w.group(0).lower() for w in words[k + 2:k + 3]]
            whole = _whole(*pieces, before, after, model)
        if whole is None:
            k += 1
            continue
        out += [text[at:head.start()], whole]
        at = tail.end()
        k += 2
    return "".join(out) + text[at:]
