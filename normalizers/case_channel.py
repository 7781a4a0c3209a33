"""What the case of a word inside a sentence says about which word it is.

Stripped or OCR'd text loses the marks but keeps the capitals, and a capital inside a
sentence marks a name: "Bình Phuoc" is the province Bình Phước, while "bình phục"
(recover) is written in small letters. The language model counts lower-cased
syllables, so it cannot see this; this channel can. `lm_build` counts, for every
vocabulary word, how often the training text writes it in small letters and how often
with a capital first letter *inside a sentence* (after a word or a comma: the first word
of a line, or after ".", ":", "(", a number …, is capitalised whatever it is), and the
restorer adds ``CASE_WEIGHT · ln P(pattern | form)`` to the channel cost of each
candidate of an unaccented word written that way inside a sentence.

P is smoothed towards the share of capitalised words inside sentences of the whole
training text (`PRIOR_STRENGTH` pseudo-observations), so a form seen a few times does
not get a certainty it has not earned. Words in capitals ("UBND", "BINH PHUOC") and a
sentence's first word say nothing and get no term.

Tried and left out: the same counts per pair of words, ln P(case | word before, word)
against ln P(case | word), added in the second pass ("tỉnh Bình" is written so, "tính
bình quân" is not). On the admin dev slice it gained 0.0008 on ASCII text but lost
0.0011 on English OCR (0.9744 → 0.9733), 0.0017 counting only support: a pair never
seen adds nothing, so a pair seen with the other case loses to any unseen one ("Bình
Phước Thành lập" → "Phúc", "điều hành Văn phòng" → "Vân").
"""
from __future__ import annotations

import numpy as np

from normalizers.tokens import Tok

LOWER, TITLE = 0, 1
#: Nats per unit of ln P(pattern | form) (1.0 = the channel as estimated); tuned on the
#: admin dev slice (ASCII and English OCR) and plan2026 / plan2025h2 stripped cells.
CASE_WEIGHT = 1.0
#: Pseudo-observations of the corpus-wide capital share added to each form's counts.
PRIOR_STRENGTH = 4.0


def case_pattern(word: str) -> int | None:
    """`LOWER` ("phuoc"), `TITLE` ("Phuoc"), or None (capitals, mixed case, one capital letter)."""
    if word.islower():
        return LOWER
    if len(word) > 1 and word[0].isupper() and word[1:].islower():
        return TITLE
    return None


def follows_a_word(prev: Tok | None) -> bool:
    """A word after `prev` is inside a sentence: `prev` is a word or a comma."""
    return prev is not None and (prev.kind == "word" or prev.kind == "mixed" or prev.text == ",")


def case_table(parts: list[tuple[np.ndarray, np.ndarray, int]], vocab_size: int) -> np.ndarray:
    """(V, 2) float32 weighted counts of [small letters, capital first letter] inside a
    sentence, from (vocabulary ids, patterns, source weight) per training source."""
    out = np.zeros((vocab_size, 2), dtype=np.float64)
    for ids, patterns, weight in parts:
        if len(ids):
            np.add.at(out, (ids, patterns), float(weight))
    return out.astype(np.float32)


def case_log_probs(counts: np.ndarray) -> np.ndarray:
    """(V, 2) ln P(pattern | form), smoothed towards the corpus-wide share."""
    total = counts.sum(axis=0, dtype=np.float64)
    prior = total / max(total.sum(), 1.0)
    smoothed = counts.astype(np.float64) + PRIOR_STRENGTH * prior[None, :]
    return np.log(smoothed / smoothed.sum(axis=1, keepdims=True))


def case_scores(case_lp: np.ndarray | None, ids: list[int], pattern: int | None) -> list[float]:
    """The channel term of each candidate id for a word written with `pattern` inside a
    sentence (0 for all when there is no table or no pattern)."""
    if case_lp is None or pattern is None or not CASE_WEIGHT:
        return [0.0] * len(ids)
    return [CASE_WEIGHT * float(case_lp[i, pattern]) for i in ids]

