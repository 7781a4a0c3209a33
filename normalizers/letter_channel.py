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
   `SWAP_COST` wherever the model prefers it (two of them in one word: "xôu" for "xây",
   `swap_candidates`). A document read right finds no such swap and is corrected
   exactly as before. Two letters read for one ("hàòi": "ao" for "a") are found the
   same way in words that are no syllable; only those words' merges count there
   (their one-letter fixes are everyday OCR noise).

Capitals the same way in words read in capitals that the first pass made a known
acronym of the same length (`acronym_channel.capital_swaps`: "LBXD" put back as UBND
reads L for U and X for N): a capital read for another in `MIN_TOKENS` tokens of
`MIN_WORDS` words is the document's, at `SWAP_COST`, for the acronym channel.

Tones the same way: a tone the first pass put in place of the tone read ("phần" →
"phấn" before "đấu") in `MIN_TOKENS` tokens of `MIN_WORDS` words is this document's
confusion (TeX Gyre Bonum's acute read as a grave); the second pass may make it where
the learned channel asks more (`ocr_channel.tone_change_cost`: 6 nats for a pair it never
learned), at the price the document's own rate of it says: −ln(n / (n + m)), n the tokens
the first pass changed, m the tokens read with the tone meant, between `TONE_SWAP_FLOOR`
and `TONE_SWAP_COST`. Vowels with a hat are also counted apart (`swap_candidates.tone_names`):
Gentium loses the hook over a circumflex in one word of six, Andika on a copy in one of
eleven ("Công dịch vụ", "chuyên đôi sô" for "Cổng", "chuyển đổi số"), hardly ever over a
plain vowel, and a rate of all vowels would hide it. A swap seen rarely stays near `TONE_SWAP_COST`: a fixed
lower price turned "đề" into "để" on TUNE-like copies where the evidence was the
channel's everyday hook-for-acute fixes.

Vowel hats the same way (`swap_candidates.hat_swap_of`): a hat the first pass put on
or took off one vowel, the tone kept ("phó" → "phố", "cáp" → "cấp"), in `MIN_TOKENS`
tokens of `MIN_WORDS` words is this document's confusion (League Mono on a copy loses
the circumflex under a tone: "thành phó", "phán đáu"); the second pass makes it at the
price of its rate among the tokens read with the vowel meant, not the 6 nats another
vowel costs (`candidates.VOWEL_CHANGE_COST`), which two such words side by side could
not pay.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict

from normalizers.acronym_channel import capital_swaps, garbled_acronym
from normalizers.lm import Model
from normalizers.swap_candidates import ANY_TWO, HAT_PREFIX, HATTED, LETTERS, TONE_PREFIX, Swaps, hat_swap_of, tone_names
from normalizers.syllables import is_syllable, letters_only, toneless

DISCOVERY_COST = 9.0
SWAP_COST = 2.5
#: The most a tone swap of the document costs (3.5 and 4.0 the same on the 42 development
#: scans as a fixed price; 3.0 and 2.5 broke "đề"), and the least: by its rate, on 36
#: development scans with the first-pass counts of each, floors 1–1.5 alike, 2 and 3 a
#: little worse, no scan worse than the fixed 4.0 (2026-12-03).
TONE_SWAP_COST = 4.0
TONE_SWAP_FLOOR = 1.5
MIN_WORDS = 3
MIN_TOKENS = 6

ALL_SWAPS: Swaps = tuple(((a, b), DISCOVERY_COST) for a in LETTERS for b in LETTERS if a != b) + (
    ((ANY_TWO, "*"), DISCOVERY_COST),)


def _swap_of(read: str, meant: str) -> tuple[str, str] | None:
    """The one letter (read, meant) that tells `read` from `meant`, if that is all, or
    the two letters read for one ("hooi" for "hai": ("oo", "a"))."""
    a, b = letters_only(read), letters_only(meant)
    if len(a) == len(b) + 1:
        return next(((a[k:k + 2], b[k]) for k in range(len(b)) if a[:k] == b[:k] and a[k + 2:] == b[k + 1:]), None)
    if len(a) != len(b):
        return None
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    return diff[0] if len(diff) == 1 else None


def _tone_swaps_of(read: str, meant: str) -> list[tuple[str, str]]:
    """(TONE_PREFIX + tone read, TONE_PREFIX + tone meant) when only the tone tells `read`
    from `meant`, and the same with the hat when the vowel wears one."""
    a, b = read.lower(), meant.lower()
    if a == b or toneless(a) != toneless(b):
        return []
    return [(TONE_PREFIX + r, TONE_PREFIX + m) for r, m in zip(tone_names(a), tone_names(b))]


def document_swaps(texts: list[str], model: Model) -> Swaps:
    """The letter swaps of this document's reading (see the module doc): those the
    discovery pass made in enough distinct words and tokens, at `SWAP_COST`; its tone
    and hat swaps at the price of their rate (`tone_swap_cost`)."""
    from normalizers.restore import restore_many

    tokens: Counter[tuple[str, str]] = Counter()
    words: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    read: Counter[str] = Counter()  # tokens read with each tone (and with each tone over a hat)
    for r in restore_many(texts, model, ocr=False, tones=True, swaps=ALL_SWAPS):
        for t in r.tokens:
            if is_syllable(t.original):
                read.update(TONE_PREFIX + name for name in tone_names(t.original))
                read.update(HAT_PREFIX + v for v in toneless(t.original) if v in HATTED)
            if t.original == t.restored:
                continue
            swap = _swap_of(t.original.lower(), t.restored.lower())
            if is_syllable(t.original):
                hat = hat_swap_of(t.original, t.restored)
                found = [swap] if swap else [hat] if hat else _tone_swaps_of(t.original, t.restored)
            else:   # a word no syllable: only its merges tell (its one-letter fixes are everyday OCR noise)
                found = [swap] if swap and len(swap[0]) == 2 else []
                if garbled_acronym(t.original) and t.restored.isupper():   # and an acronym's capitals
                    found += capital_swaps(t.original, t.restored)         # ("LBXD" for UBND: L, X)
            for s in found:
                tokens[s] += 1
                words[s].add(t.original.lower())
    return tuple(sorted((swap, tone_swap_cost(n, read[swap[1]]) if swap[0].startswith((TONE_PREFIX, HAT_PREFIX))
                         else SWAP_COST)
                        for swap, n in tokens.items() if n >= MIN_TOKENS and len(words[swap]) >= MIN_WORDS))


def tone_swap_cost(changed: int, read_as_meant: int) -> float:
    """The price of a tone swap the first pass made in `changed` tokens of a document that
    reads the tone meant in `read_as_meant` others: −ln of the share misread, between
    `TONE_SWAP_FLOOR` and `TONE_SWAP_COST`."""
    return max(TONE_SWAP_FLOOR, min(TONE_SWAP_COST, -math.log(changed / (changed + read_as_meant))))
