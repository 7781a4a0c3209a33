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
"""
from __future__ import annotations

import numpy as np

from normalizers.tokens import Tok

LOWER, TITLE = 0, 1
#: Nats per unit of ln P(pattern | form) (1.0 = the channel as estimated); tuned on the
#: admin dev slice (ASCII and English OCR) and plan2026 / plan2025h2 stripped cells.
CASE_WEIGHT = 1.0
#: Nats per unit of ln P(pattern | word before, word) − ln P(pattern | word), read by the
#: second pass (`normalizers.rescore`); tuned like `CASE_WEIGHT`.
BIGRAM_CASE_WEIGHT = 0.0
#: Pseudo-observations of the corpus-wide capital share added to each form's counts.
PRIOR_STRENGTH = 4.0
#: … and of the word's own share added to the counts of a pair of words.
BIGRAM_PRIOR_STRENGTH = 4.0


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


def case_tables(parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, int]], vocab_size: int,
                bigram_keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Weighted counts of [small letters, capital first letter] inside a sentence: (V, 2)
    per word and (len(bigram_keys), 2) per bigram (the word before, the word), from
    (ids before, ids, patterns, source weight) per training source."""
    uni = np.zeros((vocab_size, 2), dtype=np.float64)
    bi = np.zeros((len(bigram_keys), 2), dtype=np.float64)
    for before, ids, patterns, weight in parts:
        if not len(ids):
            continue
        np.add.at(uni, (ids, patterns), float(weight))
        keys = (before.astype(np.uint64) << np.uint64(16)) | ids.astype(np.uint64)
        at = np.minimum(np.searchsorted(bigram_keys, keys), len(bigram_keys) - 1)
        found = bigram_keys[at] == keys
        np.add.at(bi, (at[found], patterns[found]), float(weight))
    return uni.astype(np.float32), bi.astype(np.float32)


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


def bigram_case_gain(model_case_lp: np.ndarray, bigram_keys: np.ndarray, bigram_counts: np.ndarray,
                     before: np.ndarray, word: np.ndarray, pattern: np.ndarray) -> np.ndarray:
    """``BIGRAM_CASE_WEIGHT · (ln P(pattern | word before, word) − ln P(pattern | word))`` for
    each row: what the word before adds to the case evidence ("tỉnh Bình" is written so,
    "tính bình quân" is not), counted only where it is > 0. P of a bigram is smoothed
    towards the word's own (`BIGRAM_PRIOR_STRENGTH` pseudo-observations).

    Only support counts: a pair never seen adds nothing, so a penalty for a pair seen
    with the other case would favour any unseen pair ("Phước Thành" at a title's end →
    "Phúc Thành"; "điều hành Văn phòng" → "Vân"): on the admin dev slice's English OCR
    the signed term lost 0.0011 (0.9744 → 0.9733)."""
    keys = (before.astype(np.uint64) << np.uint64(16)) | word.astype(np.uint64)
    at = np.minimum(np.searchsorted(bigram_keys, keys), len(bigram_keys) - 1)
    found = bigram_keys[at] == keys
    counts = np.where(found[:, None], bigram_counts[at], 0.0).astype(np.float64)
    uni = np.exp(model_case_lp[word, pattern])
    p = ((counts[np.arange(len(keys)), pattern] + BIGRAM_PRIOR_STRENGTH * uni)
         / (counts.sum(axis=1) + BIGRAM_PRIOR_STRENGTH))
    return BIGRAM_CASE_WEIGHT * np.maximum(np.log(p) - np.log(uni), 0.0)
