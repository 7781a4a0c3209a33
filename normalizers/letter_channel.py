"""A document's own letter confusions: the letters one OCR'd document reads for others
all through, found from the document itself.

Tesseract `vie` reads some fonts with a letter swapped everywhere: a geometric sans
whose "a" has one storey ("ɑ") is read "o" ("cóc sở, bon, ngành" for "các sở, ban,
ngành"), a photocopy that lost the bar of "đ" reads "d" ("dinh" for "định"). The words
read are valid syllables, so the correction of marks (`candidates.mark_slip_candidates`)
leaves them; a fixed table of letter swaps would do harm everywhere else (a "c" read
for "o" in one font is right in the next document).

So each document gets its own channel, in two passes over its cells:

1. **discovery**: every letter of every word may be read for any other letter
   (`LETTERS`), at a high cost (`DISCOVERY_COST`): the language model changes a word
   only where its context wants the other letter strongly ("cóc sở" → "các sở");
2. a swap the first pass made in at least `MIN_WORDS` distinct words and `MIN_TOKENS`
   tokens is a confusion of this document's reading: the second pass may make it at
   `SWAP_COST` wherever the model prefers it. A document read right finds no such swap
   and is corrected exactly as before.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from normalizers.candidates import Swaps
from normalizers.lm import Model
from normalizers.syllables import is_syllable, letters_only

#: The letters a swap may replace and write (`syllables.letters_only` forms: no tone, no
#: vowel hat; đ is its own letter).
LETTERS = "abcdđeghiklmnopqrstuvxy"
DISCOVERY_COST = 9.0
SWAP_COST = 2.5
MIN_WORDS = 3
MIN_TOKENS = 6

ALL_SWAPS: Swaps = tuple(((a, b), DISCOVERY_COST) for a in LETTERS for b in LETTERS if a != b)


def _swap_of(read: str, meant: str) -> tuple[str, str] | None:
    """The one letter (read, meant) that tells `read` from `meant`, if that is all."""
    a, b = letters_only(read), letters_only(meant)
    if len(a) != len(b):
        return None
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    return diff[0] if len(diff) == 1 else None


def document_swaps(texts: list[str], model: Model) -> Swaps:
    """The letter swaps of this document's reading (see the module doc): those the
    discovery pass made in enough distinct words and tokens, at `SWAP_COST`."""
    from normalizers.restore import restore_many

    tokens: Counter[tuple[str, str]] = Counter()
    words: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    for r in restore_many(texts, model, ocr=False, tones=True, swaps=ALL_SWAPS):
        for t in r.tokens:
            if t.original != t.restored and is_syllable(t.original):
                swap = _swap_of(t.original.lower(), t.restored.lower())
                if swap is not None:
                    tokens[swap] += 1
                    words[swap].add(t.original.lower())
    return tuple(sorted((swap, SWAP_COST) for swap, n in tokens.items()
                        if n >= MIN_TOKENS and len(words[swap]) >= MIN_WORDS))
