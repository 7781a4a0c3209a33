"""The candidates a document's own confusions give a word: the letters, pairs of letters
and tones one OCR'd document reads for others all through (`normalizers.letter_channel`
finds them), as swaps the correction may make (`candidates.mark_slip_candidates` adds
these to a word's marks slips).

A swap replaces a letter of the word's `letters_only` form ("coc" for "cac"), or two
letters read for one in a word that is no syllable ("hooi" for "hai"); a document that
confuses two letters may need both in one word ("xôu" for "xây"). The syllable found
keeps the tone read unless it pays `TONE_CHANGE_COST`, and what its vowel wore unless
it pays `HAT_CHANGE_COST`. A swap and one other letter besides reach a valid word too, at
a letter's price more (`swap_and_letter_items`: "quản tú" for "quản lý").
"""
from __future__ import annotations

import math
import unicodedata
from functools import lru_cache

from normalizers.lm import Model
from normalizers.ocr_channel import TONE_CHANGE_COST
from normalizers.other_letters import VALID_LETTER_COST
from normalizers.syllables import is_syllable, letters_only, tone_and_hat, toneless


#: A document's letter channel: ((letter read, letter meant), cost in nats) pairs of the
#: letters of `letters_only` ("coc" read for "cac": a font whose "a" OCR reads "o"),
#: found by `normalizers.letter_channel` for one document. The letters read may be two,
#: one glyph OCR read as two ("hooi" for "hai", "quuu" for "quy"): such a merge applies
#: to a word that is no syllable only; `ANY_TWO` read stands for any two letters.
Swaps = tuple[tuple[tuple[str, str], float], ...]
#: The letters a swap may replace and write (`syllables.letters_only` forms: no tone, no
#: vowel hat; đ is its own letter).
LETTERS = "abcdđeghiklmnopqrstuvxy"
ANY_TWO = "**"
#: A swap of tones rather than letters is named by the tones with this prefix
#: (("tone:huyen", "tone:sac"), cost): a font whose acute OCR reads as a grave all through.
TONE_PREFIX = "tone:"
#: A swap of one vowel's hat is named by the vowel read and meant, toneless, with this
#: prefix (("hat:o", "hat:ô"), cost): a font whose circumflex OCR loses all through
#: ("thành phó", "phán đáu" for "thành phố", "phấn đấu").
HAT_PREFIX = "hat:"
#: A swap of one capital in a word read in capitals for an acronym is named by the two
#: capitals (marks folded) with this prefix (("caps:X", "caps:N"), cost): a face whose N
#: OCR reads X all through ("LBXD", "HCXX" for UBND, HCNN; `acronym_channel.acronym_items`).
CAPITAL_PREFIX = "caps:"
#: The vowels that wear a hat (toneless).
HATTED = "ăâêôơư"


def tone_names(word: str) -> tuple[str, ...]:
    """The names a tone swap gives the tone of `word`: the tone, and when its vowel wears
    a hat the tone over a hat too (("ngang", "ngang^") for "công", ("ngang",) for "cong").
    Syllables with the same letters and vowels have names in the same places."""
    tone, hat = tone_and_hat(word.lower())
    return (tone, tone + "^") if hat else (tone,)


def hat_swap_of(read: str, meant: str) -> tuple[str, str] | None:
    """(HAT_PREFIX + vowel read, HAT_PREFIX + vowel meant) when one vowel's hat alone tells
    `read` from `meant`: the same letters and tone ("phó", "phố": ("hat:o", "hat:ô"))."""
    a, b = read.lower(), meant.lower()
    if letters_only(a) != letters_only(b) or tone_and_hat(a)[0] != tone_and_hat(b)[0]:
        return None
    diff = [(x, y) for x, y in zip(toneless(a), toneless(b)) if x != y]
    return (HAT_PREFIX + diff[0][0], HAT_PREFIX + diff[0][1]) if len(diff) == 1 else None


@lru_cache(maxsize=8)
def hat_swap_costs(swaps: Swaps) -> dict[tuple[str, str], float]:
    """The hat swaps of `swaps`: (vowel read, vowel meant), `HAT_PREFIX`ed → cost."""
    return {swap: cost for swap, cost in swaps if swap[0].startswith(HAT_PREFIX)}


@lru_cache(maxsize=8)
def swaps_by_read(swaps: Swaps) -> dict[str, tuple[tuple[str, float], ...]]:
    """`swaps` as letter read → ((letter meant, cost), …)."""
    out: dict[str, list[tuple[str, float]]] = {}
    for (read, meant), cost in swaps:
        out.setdefault(read, []).append((meant, cost))
    return {read: tuple(v) for read, v in out.items()}


@lru_cache(maxsize=64)
def tone_swap_costs(swaps: Swaps, read: str) -> dict[str, float]:
    """Tone meant → cost, for the tone swaps of `swaps` whose tone read is `read`."""
    key = TONE_PREFIX + read
    return {meant[len(TONE_PREFIX):]: cost for (r, meant), cost in swaps if r == key}


#: Two swaps in one word ("xôu" for "xây": Quicksand's "a" and "y" read "o" and "u") are
#: tried among the swaps that cost at most this (a document's own, not the discovery's).
PAIR_SWAP_MAX_COST = 4.0
#: A swap of the document's and one other letter misread besides ("tú" for "lý": Jura
#: Medium copied reads its y as u all through, and this l as t) costs the swap and what a
#: valid misreading's other letter costs.
SWAP_AND_LETTER_COST = VALID_LETTER_COST
#: A swap keeps what the vowel wore ("Hòng" is "Hàng" rather than "Hằng", "hồng quý"
#: "hằng quý"): a little more for a syllable that wears a vowel mark where none was read,
#: or the reverse (a tie-breaker: the model has "hàng năm" and "hằng năm" alike); but a
#: horn read may go, a font's "a" is read "ơ" ("tợi" for "tại", "khơi" for "khai").
HAT_CHANGE_COST = 1.0


def _swapped(skel: str, by_read: dict[str, tuple[tuple[str, float], ...]],
             max_cost: float = math.inf, merges: bool = False) -> list[tuple[int, str, float]]:
    """(position, letters with the letter there swapped, cost) for each swap of `by_read`
    costing at most `max_cost` that applies to `skel`; with `merges`, the swaps of two
    letters read for one too."""
    out = [(k, skel[:k] + meant + skel[k + 1:], cost)
           for k, ch in enumerate(skel) for meant, cost in by_read.get(ch, ()) if cost <= max_cost]
    if merges:
        for k in range(len(skel) - 1):
            two = skel[k:k + 2]
            out += [(k, skel[:k] + meant + skel[k + 2:], cost)
                    for meant, cost in by_read.get(two, ()) if cost <= max_cost]
            out += [(k, skel[:k] + meant + skel[k + 2:], cost) for _, cost in by_read.get(ANY_TWO, ())
                    if cost <= max_cost for meant in LETTERS]
    return out


def swap_items(model: Model, word: str, swaps: Swaps) -> dict[int, tuple[float, str | None]]:
    """The syllables one letter of `swaps` away from `word`'s letters, each at the swap's
    cost (a word that is no syllable: two letters read for one too, `Swaps`), and two
    letters away at the sum of two swaps costing at most `PAIR_SWAP_MAX_COST`; plus
    `TONE_CHANGE_COST` when its tone is not the one read and `HAT_CHANGE_COST` when it
    wears a vowel mark and the word read none, or the reverse (but a horn read may go).
    A word in capitals has none: the swaps are its small letters' (a capital's shape is
    another; its own slips are the `CAPITAL_PREFIX` swaps of acronyms): League Spartan's
    "o" read "u" made the title's "CONG" "CUNG", where it is CÔNG."""
    if word.isupper() and len(word) > 1:
        return {}
    skel, by_read = letters_only(word), swaps_by_read(swaps)
    found = [(letters, cost) for _, letters, cost in _swapped(skel, by_read, merges=not is_syllable(word))]
    found += [(twice, cost + cost2) for k, once, cost in _swapped(skel, by_read, PAIR_SWAP_MAX_COST)
              for k2, twice, cost2 in _swapped(once, by_read, PAIR_SWAP_MAX_COST) if k2 > k]
    return _syllables_of(model, word, found)


def swap_and_letter_items(model: Model, word: str, swaps: Swaps) -> dict[int, tuple[float, str | None]]:
    """The syllables one of the document's swaps (costing at most `PAIR_SWAP_MAX_COST`)
    and one other letter besides away from `word`'s letters, at the swap's cost and
    `SWAP_AND_LETTER_COST` (tone and hat as in `swap_items`): "tú" for "lý", a font whose
    y the document reads u all through, this l read t. None for a word in capitals."""
    if word.isupper() and len(word) > 1:
        return {}
    skel, by_read = letters_only(word), swaps_by_read(swaps)
    return _syllables_of(model, word, [(once[:p] + other + once[p + 1:], cost + SWAP_AND_LETTER_COST)
                                       for k, once, cost in _swapped(skel, by_read, PAIR_SWAP_MAX_COST)
                                       for p in range(len(once)) if p != k for other in LETTERS if other != once[p]])


def _syllables_of(model: Model, word: str, found: list[tuple[str, float]]) -> dict[int, tuple[float, str | None]]:
    """Vocabulary id → (−cost, form) of the syllables whose letters are one of `found`
    (letters, cost), the tone and the hat as `swap_items` prices them against `word`'s."""
    tone, hat = tone_and_hat(word)
    horn_only = hat and not any(c in "\u0302\u0306" for c in unicodedata.normalize("NFD", word))
    out: dict[int, tuple[float, str | None]] = {}
    for letters, cost in found:
        for i in model.by_letters.get(letters, ()):
            tone_meant, hat_meant = tone_and_hat(model.vocab[i])
            c = (cost + (0.0 if tone_meant == tone else TONE_CHANGE_COST)
                 + (0.0 if hat_meant == hat or (hat and horn_only) else HAT_CHANGE_COST))
            if i not in out or -c > out[i][0]:
                out[i] = (-c, model.vocab[i])
    return out
