"""The syllables a garbled word of a title may be, as the title's words around it predict them.

A title's capitals in a display face are read with two letters wrong as often as one:
"TỔ CHỨC BỘ WAN HÀNH CHÍNH" for "BỘ MÁY", "THỦ TỤC HNH CHÍNH" for "HÀNH", "CHỈ D10," for
"ĐẠO". Such a word is no syllable and no word the model knows, and has no marks to go by,
so the word alone proposes nothing (one letter away from "WAN" lie dozens of syllables,
and "MÁY" is not among them). The words before it do: the language model's trigrams that
continue "chức bộ" are four, "máy" the likeliest by far.

`context_items` gives such a word (`garbled_capitals`; or a token of capitals and figures
read for letters, `figures_as_letters`), when the two words read before it are words in
capitals (a title), beside its own candidates, the syllables that continue those two in
the model (any of each one's likeliest readings: "TỔ CHÚC BỘ WẤY", where "CHÚC" is
misread too), or where they are not or give none, when the two words after it are
syllables in capitals, the syllables the model has before those two ("CNG TÁC CHỈ ĐẠO": a
title's first word), that lie at most `MAX_EDITS` letters from it (folded; a letter put
in, left out or other each one), at `EDIT_COST` a letter. The decoder still decides, with
the words after it too: an acronym the model wants there stays, and a word it knows
("ISO" after "HỆ THỐNG") gets no such candidates.
"""
from __future__ import annotations

import math
from itertools import islice

import numpy as np
from rapidfuzz.distance import Levenshtein

from normalizers.candidates import Cands
from normalizers.lm import Model
from normalizers.syllables import canonical, fold, is_syllable, syllable_inventory
from normalizers.tokens import Tok

#: what a letter other, put in or left out costs (nats): two of them (6) must be beaten by
#: the model's preference for the syllable over the word as read, with its neighbours
EDIT_COST = 3.0
#: at most this many letters apart, and fewer than the word has
MAX_EDITS = 2
#: at most this many of the continuations are kept, the likeliest by channel and model
KEPT = 4
_LOW16 = np.uint64(0xFFFF)
_LOW32 = np.uint64(0xFFFFFFFF)


#: figures a title's capitals are read as ("CHỈ D10," for ĐẠO, "CHẾ Đ0" for ĐỘ)
FIGURE_LETTERS = {"0": "O", "1": "I", "5": "S", "6": "G", "8": "B"}


def figures_as_letters(token: str) -> str | None:
    """A token of capitals and figures with its figures read as the capitals they look
    like ("D10" → "DIO", "S0" → "SO"), or None when it is no such token (no capital, a
    figure with no look-alike, or more than five characters: a code)."""
    if len(token) > 5 or not any(c.isalpha() for c in token) or not any(c.isdigit() for c in token):
        return None
    if not all(c.isupper() or c in FIGURE_LETTERS for c in token):
        return None
    return "".join(FIGURE_LETTERS.get(c, c) for c in token)


def garbled_capitals(model: Model, word: str) -> bool:
    """A word in capitals of two letters or more that is no syllable and no word the model
    knows ("WAN", "HNH", "UBND": the model knows acronyms as a class, and the decoder keeps
    one its context wants; "ISO" the model knows as a word, and stays)."""
    return len(word) > 1 and word.isalpha() and word.isupper() and not is_syllable(word) \
        and canonical(word) not in model.index


def continuations(model: Model, before: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """(ids, ln p(id | before)) of every n-gram of the model that continues the one or two
    word ids `before` (a range of the sorted keys: 16 bits per id, the last lowest)."""
    n = len(before) + 1
    prefix = 0
    for i in before:
        prefix = (prefix << 16) | i
    lo = np.uint64(prefix << 16)
    tab = model.keys[n]
    start, end = np.searchsorted(tab, lo), np.searchsorted(tab, lo | _LOW16, side="right")
    return (tab[start:end] & _LOW16).astype(np.int64), model.lps[n][start:end]


def context_ids(model: Model, words: list[str]) -> tuple[int, ...]:
    """The ids of the two words read after a word when both are syllables in capitals the
    model knows (a title's words); none else."""
    ids = [model.index.get(canonical(w)) for w in words]
    if len(ids) != 2 or None in ids or not all(w.isupper() and is_syllable(w) for w in words):
        return ()
    return tuple(ids)


#: of each of the two words before, its likeliest readings by channel taken as context
CONTEXT_READINGS = 3


def context_pairs(model: Model, before: list[tuple[str, Cands]]) -> tuple[tuple[int, int], ...]:
    """The id pairs the two tokens read before a word may be, when both are words in
    capitals (a title's: in a sentence an acronym is the likelier reading, "giải quyết
    TTHC" is no "giải quyết thực"): each one's `CONTEXT_READINGS` likeliest candidates by
    channel that are syllables ("CHÚC BỘ WẤY": "chúc", "chức", … before "bộ"); none else."""
    if len(before) != 2 or not all(w.isalpha() and w.isupper() for w, _ in before):
        return ()
    inventory = syllable_inventory()
    readings = []
    for word, cands in before:
        ids = [i for i in np.argsort(-cands.chan, kind="stable").tolist()
               if model.vocab[int(cands.ids[i])] in inventory][:CONTEXT_READINGS]
        readings.append([int(cands.ids[i]) for i in ids])
    return tuple((a, b) for a in readings[0] for b in readings[1])


def words_after(toks: list[Tok], k: int) -> list[str]:
    """The texts of the two tokens after `toks[k]`, spaces aside (fewer at the end)."""
    return [t[0] for t in islice((t for t in toks[k + 1:] if t[1] != "space"), 2)]


def preceding(model: Model, after: tuple[int, int]) -> np.ndarray:
    """The ids of every word the model has a trigram of before the two word ids `after`
    (a scan of the trigram keys: the title words this is asked for are few)."""
    suffix = np.uint64((after[0] << 16) | after[1])
    tab = model.keys[3]
    return (tab[(tab & _LOW32) == suffix] >> np.uint64(32)).astype(np.int64)


def context_items(model: Model, word: str, before: tuple[tuple[int, int], ...],
                  after: tuple[int, ...] = (), nearest: int = 1) -> dict[int, tuple[float, str]]:
    """Vocabulary id → (channel log-probability, form) of the syllables continuing one of
    the id pairs `before` that lie `nearest` (1; 0 for a token of figures read as letters,
    whose letters may be a syllable) to `MAX_EDITS` letters from `word` (folded; fewer than
    it has), the `KEPT` likeliest by channel and model; where none does, those the model has
    a trigram of before the ids `after` (ranked by training frequency)."""
    found_before = [continuations(model, pair) for pair in before]
    items = _near(model, word, np.concatenate([np.zeros(0, dtype=np.int64)] + [i for i, _ in found_before]),
                  np.concatenate([np.zeros(0)] + [lp for _, lp in found_before]), nearest)
    if items or not after:
        return items
    more = preceding(model, after)
    return _near(model, word, more, model.uni_lp[more], nearest)


def _near(model: Model, word: str, ids: np.ndarray, lps: np.ndarray,
          nearest: int) -> dict[int, tuple[float, str]]:
    """`context_items`' choice among `ids` (ranked by `lps`)."""
    skel = fold(word).lower()
    limit = min(MAX_EDITS, len(skel) - 1)
    inventory = syllable_inventory()
    found: dict[int, tuple[float, float]] = {}      # id → (rank, channel)
    for i, lp in zip(ids.tolist(), lps.tolist()):
        if model.vocab[i] not in inventory:
            continue
        d = Levenshtein.distance(fold(model.vocab[i]), skel, score_cutoff=limit)
        if nearest <= d <= limit and lp - EDIT_COST * d > found.get(i, (-math.inf,))[0]:
            found[i] = (lp - EDIT_COST * d, -EDIT_COST * d)
    kept = sorted(found, key=lambda i: (-found[i][0], i))[:KEPT]
    return {i: (found[i][1], model.vocab[i]) for i in kept}
