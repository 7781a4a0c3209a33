"""Figures OCR read for letters inside a word: "61a1 đoạn" → "Giai đoạn", "các gia1 đoạn"
→ "các giai đoạn", "công kha1," → "công khai,", "6iao" → "Giao".

A monospaced or condensed font on a photocopy gives its "i" and "l" the foot of a "1" and
its "G" the belly of a "6", and Tesseract, reading letter by letter where the word is no
word it knows, mixes figures into the word. `letters_for_figures` tries every reading of
such a token's figures as the letters they look like (`LOOK_ALIKES`) and keeps a
syllable the language model knows, in small letters or with a capital first letter (in
capitals when the token's letters are: a title's "ĐẠ0" is ĐẠO), when
the model, with the words beside it, prefers it to the token as read by `FIGURE_MARGIN`
nats: a measure stays ("dài 10m": "lom" loses by 7 nats).

Only tokens of three characters or more with a figure and a letter are tried, and no
code of one letter and figures: two characters are codes far more often than words
("a1", "b1", "d1" are a plan's sub-items), and so is "A10". A figure before a letter
with a Vietnamese mark is tried too ("1ổ chức": no code writes a marked letter), and a
"1" opening a word may be its capital T (`FIRST_LOOK_ALIKES`: a serif T on a copy, "1ổ
chức" for "Tổ chức"); such a two-character token's syllables are tried with the other
tones too (its hook read as an acute: "1ố chức").
"""
from __future__ import annotations

import itertools
import re

from normalizers.lm import Model
from normalizers.syllables import fold, is_syllable, toneless

#: the letters a figure is read for inside a word (a first letter may be a capital); a
#: "0" is an o and a "1" an i whatever their marks: a copy that loses the hat of an "ô"
#: or the horn of an "ơ" leaves a ring Tesseract reads as the figure ("t0 chức", "c0
#: quan"), and an i's tone is read as the flag of a "1" ("Ngh1 quyết")
LOOK_ALIKES = {"0": "oôơóòỏõọốồổỗộớờởỡợ", "1": "iíìỉĩịl", "5": "s", "6": "Gb", "8": "B", "9": "g"}
#: the model must prefer the syllable to the token as read (an unknown word) by this much
#: when the token opens with a figure: a measure ("10m", "5km") opens so
FIGURE_MARGIN = 4.0
#: ... and by this much when it opens with a letter ("kha1", "t0"): no measure, and a code
#: of one letter and figures ("a1", "A10") is no syllable in any reading but "t0"'s kind
LETTER_FIRST_MARGIN = 0.0

_TOKEN = re.compile(r"(?<![\w./,:-])([^\W_]{3,}|[^\W\d_]0|\d[^\W\d_a-zA-Z])(?![\w/-]|[.,:]\d)")
#: the capital a figure opening a word is read for, beside its `LOOK_ALIKES`: a serif T
#: whose bar a copy thinned is read "1" ("1ổ chức" for "Tổ chức")
FIRST_LOOK_ALIKES = {"1": "T"}
_WORD = re.compile(r"[^\W\d_]+|\d+")
#: a code: one letter, then figures ("A10", "b12")
_CODE = re.compile(r"[^\W\d_]\d+")
#: a small letter and a "0": no code writes one so, a copy reads "tô", "có" so
_LETTER_ZERO = re.compile(r"[^\W\d_]0")


def readings(token: str) -> list[str]:
    """The syllables `token` reads as with each figure taken for a letter it looks like,
    in small letters or with a capital first letter only, or in capitals when its letters
    are ("ĐẠ0" → "ĐẠO": a title)."""
    capitals = all(ch.isupper() for ch in token if ch.isalpha())
    options = [[ch] if not ch.isdigit() else list(LOOK_ALIKES.get(ch, "").upper() if capitals
                                                  else LOOK_ALIKES.get(ch, "")) for ch in token]
    if token[0].isdigit():
        options[0] += list(FIRST_LOOK_ALIKES.get(token[0], ""))
    out = []
    for letters in itertools.product(*options):
        word = "".join(letters)
        if ((word.isupper() if capitals else word.islower() or word[0].isupper() and word[1:].islower())
                and is_syllable(word)):
            out.append(word)
    return out


def _tone_kin(model: Model, word: str) -> list[str]:
    """The syllables of the model `word` is with another tone, in its case (a first
    capital kept)."""
    low = word.lower()
    kin = sorted(k for k in (model.vocab[i] for i in model.by_fold.get(fold(low), ()))
                 if k != low and toneless(k) == toneless(low) and is_syllable(k))
    return [k[0].upper() + k[1:] if word[0].isupper() else k for k in kin]


def letters_for_figures(text: str, model: Model) -> str:
    """`text` with each word read with figures in it that the model prefers as a syllable
    (see the module doc) written as that syllable."""
    def sub(m: re.Match[str]) -> str:
        token = m.group(1)
        if token.isdigit() or token.isalpha() or not token.isalnum() or (
                _CODE.fullmatch(token) and not _LETTER_ZERO.fullmatch(token)):
            return token
        found = [w for w in readings(token) if w.lower() in model.index]
        if len(token) == 2:   # "1ố chức": a serif T read "1", its hook read as an acute too
            found += [k for w in found for k in _tone_kin(model, w) if k not in found]
        if not found:
            return token
        before = [w.lower() for w in _WORD.findall(text[:m.start()])[-1:]]
        after = [w.lower() for w in _WORD.findall(text[m.end():])[:1]]
        margin = FIGURE_MARGIN if token[0].isdigit() else LETTER_FIRST_MARGIN
        return model.preferred(found, [token.lower()], before, after, margin) or token
    return _TOKEN.sub(sub, text)
