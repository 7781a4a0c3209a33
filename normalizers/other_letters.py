"""The syllables a word read as a valid syllable may be with a letter misread, and a
word that is no syllable with two.

A word OCR read as a valid syllable can still be a misreading no tone or hat slip
reaches ("Đắn năm 2025" for "Đến", a title's "CHỈ ĐO" for "CHỈ ĐẠO"): its candidates
beside the others (`normalizers.candidates.mark_slip_candidates`) are the syllables one
letter other, at a price the language model must beat. Words in capitals get more of
them: a vowel put in or left out, and more kept.
"""
from __future__ import annotations

from normalizers.lm import Model
from normalizers.syllables import fold

#: OCR: what taking a syllable with one letter other costs for a word read as a valid
#: syllable ("Đắn năm 2025" → "Đến": a valid misreading the tone and hat slips cannot
#: reach), substitutions only …
VALID_LETTER_COST = 9.0
#: … at most this many of them, the likeliest by channel and unigram, kept beside the
#: word's other candidates rather than among them. Replayed on the 102 gathered scans
#: (the model without the scored plan) against none: 6 kept, 35 better, none worse;
#: 8 kept, 36 / 0; all of them among the others, 48 / 4 (they crowd out a rare mark
#: slip); 7 nats, 24 / 44.
OTHER_LETTERS_KEPT = 6
#: … and for a word in capitals, the syllables a letter other or a vowel in or out, this
#: many of them: a bold title's letters slip more (a dot-below A lost, "CHỈ ĐO" for "CHỈ ĐẠO";
#: "THÍ CHẾ" for "THỂ CHẾ"), no small letter beside a capital shows its height, and a
#: title is few words, each filled down its section's rows. Kept by channel and unigram
#: too, 40 reach "đạo" among the syllables one letter from "đo" (có, cơ, số, bộ, …).
OTHER_LETTERS_KEPT_CAPS = 40


#: OCR: a word that is no syllable with two of its letters misread, none of the syllables
#: one letter away wanted ("quuần", "truuần" for "quyền", "truyền": a face whose y a copy
#: reads u, and â for ê under the grave): the syllables two letters other cost two
#: misread letters (`candidates.MISREAD_EDIT_COST` each) …
TWO_LETTERS_COST = 6.0
#: … the likeliest of them by channel and unigram kept beside the word's other candidates.
TWO_LETTERS_KEPT = 4


def two_letter_items(model: Model, word: str, items: dict[int, tuple[float, str | None]],
                     marks_differ: float) -> dict[int, tuple[float, str | None]]:
    """The syllables as long as `word` (no syllable) with two of its letters other, not
    in `items`, at `TWO_LETTERS_COST`, `marks_differ` more for one whose marks are not
    those read."""
    return model.syllables_folding_to(model.two_letters_other(fold(word)), word, TWO_LETTERS_COST,
                                      marks_differ, skip=items)


def other_letters_kept(word: str) -> int:
    """How many of `word`'s `other_letter_items` are kept (likeliest by channel and unigram)."""
    return OTHER_LETTERS_KEPT_CAPS if word.isupper() else OTHER_LETTERS_KEPT


def other_letter_items(model: Model, word: str, items: dict[int, tuple[float, str | None]],
                       marks_differ: float) -> dict[int, tuple[float, str | None]]:
    """The syllables with one letter of valid `word` other and not in `items`, at
    `VALID_LETTER_COST` (a valid misreading the tone and hat slips cannot reach: "Đắn năm
    2025" for "Đến"; the model must want one by more than that), `marks_differ` more for
    one whose marks are not those read; for a word in capitals,
    a vowel put in or left out too ("ĐO" for ĐẠO: a dot-below A lost; a consonant put in
    anywhere made "ĐIỀU HINH" "ĐIỀU CHỈNH", where it is HÀNH); and for any word a consonant
    put before it where it opens with a vowel ("ĐIỀU ÀNH": its H under a seal's ring; "UBND
    ấp xã", "người ân", "ăn bản": a copy's first letter lost at a crop's edge)."""
    skel = fold(word)
    caps = word.isupper()
    return model.syllables_folding_to([f for f in model.edit_neighbours(skel) if len(f) == len(skel)
                                       or _first_consonant_lost(skel, f) or caps and _vowel_in_or_out(skel, f)],
                                      word, VALID_LETTER_COST, marks_differ, skip=items)


def one_letter_more(skel: str, longer: str, letters: str | None = None) -> bool:
    """Whether `longer` is `skel` with one letter put in (one of `letters`, if given)."""
    return len(longer) == len(skel) + 1 and any(
        (letters is None or longer[k] in letters) and longer[:k] + longer[k + 1:] == skel for k in range(len(longer)))


def _first_consonant_lost(skel: str, other: str) -> bool:
    """Whether `other` is `skel`, which opens with a vowel, with a consonant put before it
    ("anh" / "hanh": a seal's ring over a title's first letter, "ĐIỀU ÀNH" for ĐIỀU HÀNH)."""
    return len(other) == len(skel) + 1 and other[1:] == skel and skel[:1] in "aeiouy" and other[0] not in "aeiouy"


def _vowel_in_or_out(skel: str, other: str) -> bool:
    """Whether `other` is `skel` with one vowel letter put in or left out ("do" / "dao")."""
    return one_letter_more(skel, other, "aeiouy") or one_letter_more(other, skel, "aeiouy")
