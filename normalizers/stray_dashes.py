"""Dashes a copy's specks make between two words: "kỹ năng - làm việc", "quy - định".

A speck on the line between two words is read as " - ". Plans write a spaced dash
between names ("Phát thanh - Truyền hình", the next word capitalised), before a list
item, in ranges ("2021 - 2025"); inside a phrase in small letters almost never. So a
" - " between two syllables in small letters goes when the language model finds the two
words far likelier side by side than across a dash (`MARGIN` nats, the words before and
after included).
"""
from __future__ import annotations

import re

from normalizers.lm import Model
from normalizers.syllables import is_syllable

#: how much likelier (nats) the words must be without the dash
MARGIN = 4.0
_SPACED_DASH = re.compile(r"(?<=[^\W\d_]) [-–] (?=[^\W\d_])")
_WORD = re.compile(r"[^\W\d_]+")


def drop_stray_dashes(text: str, model: Model) -> str:
    """`text` without the spaced dashes between two words in small letters that the
    model reads as one phrase (see the module doc)."""
    if " - " not in text and " – " not in text:
        return text
    out, at = [], 0
    for m in _SPACED_DASH.finditer(text):
        before = _WORD.findall(text[:m.start()])[-2:]
        after = _WORD.findall(text[m.end():])[:2]
        left, right = before[-1], after[0]
        if not (left.islower() and right.islower() and is_syllable(left) and is_syllable(right)):
            continue
        words = [w.lower() for w in before], [w.lower() for w in after]
        joined = model.sentence_logprob([*words[0], *words[1]])
        dashed = model.sentence_logprob([*words[0], "-", *words[1]])
        if joined - dashed > MARGIN:
            out += [text[at:m.start()], " "]
            at = m.end()
    return "".join(out) + text[at:]
