"""The acronyms the language model knows, as candidates for an all-caps word OCR garbled.

A photocopy in a thin font makes Tesseract `vie` read an acronym letter by letter with
one or two letters wrong, lost or doubled, and not the same way twice: "LUBXD", "LBXND",
"UBXND", "LBND" for UBND on one page. The rules by shape (`ocr_fixes.acronym_for`: one
edit from a corpus acronym; `document_acronyms`: one edit from an acronym the document
writes itself) cannot take these: two edits away, and a misreading repeated down a
column ("ngành; LUBXD cấp xã" filled down) looks like one of the document's own.

Context can: "Văn phòng … tỉnh", "ngành; … cấp xã", "Quyết định của … tỉnh" are UBND's
places. So in the decoder an all-caps word that is no syllable and no Roman numeral gets
as candidates the acronyms the model knows (`known_acronyms` that are words of its
vocabulary) within `MAX_EDITS` edits of it (optimal-string-alignment distance on the
shapes: upper case, marks folded; known acronyms of `MIN_KNOWN` letters or more: a
transposed three-letter one is as often another, PCI beside CPI), each at `EDIT_COST` nats an edit, beside the word as read: free when the model
knows it, else at the price of an unknown acronym (`<abbr>`: one string of the many the
class holds, `Model.class_cost`). The model then decides with the words around it; a
document's own acronym the model has never seen ("DCCI", "VBPPL") stays where its
context does not clearly want a known one. A word read with four letters or more also
gets the syllables one letter away (`syllable_items`): a title in capitals with a letter
misread ("THỦ TUJC HÀNH CHÍNH"). No acronym carries vowel marks: a word read in capitals
with them ("ĐẠD", "CƠHC") gets those syllables at any length, and keeping it costs
`MARKED_KEEP` more.

A face may read one capital for another all through (Noto Serif Display ExtraCondensed
Light: N as X, "LBXD", "HCXX"): the first pass puts back the acronyms two edits off, and
the capitals it changed in enough of them are the document's own capital swaps
(`letter_channel.document_swaps`, `capital_swaps`). With them, a known acronym of the
word's length whose letters differ by those swaps at their price and by at most
`MAX_EDITS` others at `EDIT_COST` is a candidate too ("LBXI" for UBND: X at the swap's
price, L and I at the edit's).
"""
from __future__ import annotations

import math

from rapidfuzz.distance import OSA

from normalizers.lm import Model
from normalizers.ocr_fixes import ROMAN_NUMERAL, known_acronyms
from normalizers.swap_candidates import CAPITAL_PREFIX, Swaps
from normalizers.syllables import has_vowel_marks, is_syllable
from normalizers.text import fold
from normalizers.tokens import ABBR

#: nats per edit between the word read and a known acronym
EDIT_COST = 4.0
#: nats for a syllable one letter away from the word read (`syllable_items`)
SYLLABLE_EDIT_COST = 4.0
#: … for a word read with at least this many letters ("THC" is TTHC read short, not THỦ)
SYLLABLE_MIN_LETTERS = 4
#: at most this many edits, to a known acronym of at least `MIN_KNOWN` letters
MAX_EDITS = 2
MIN_KNOWN = 4
#: nats added to a syllable whose marks are not those read (`syllable_items`)
MARKS_DIFFER = 2.0
#: nats added to keeping a word read in capitals with vowel marks ("CỎÓNG", "CƠHC"): no
#: acronym carries them, so it is a word of a title or an acronym misread
MARKED_KEEP = 4.0
#: only words read with at least this many letters get candidates at any distance ("NĐ"
#: read for UBND is too far gone, and two-letter words are as often a Roman numeral or a
#: speck); a word of one letter fewer gets the known acronyms that hold its two letters
#: side by side ("TH", "HC" for TTHC: a font whose double T OCR reads as one letter)
MIN_LETTERS = 3


def shape(word: str) -> str:
    """Upper case, marks folded: the letters OCR can be compared on."""
    return fold(word).upper()


def _known_shapes(model: Model) -> tuple[tuple[str, int], ...]:
    """(shape, vocabulary id) of each known acronym that is a word of `model` (cached on it)."""
    if model.acronym_shapes is None:
        out = []
        for word in known_acronyms():
            i = model.index.get(word.lower())
            if i is not None and len(word) >= MIN_KNOWN and not is_syllable(word) and not ROMAN_NUMERAL.match(word):
                out.append((shape(word), i))
        model.acronym_shapes = tuple(sorted(set(out)))
    return model.acronym_shapes


def garbled_acronym(word: str) -> bool:
    """Whether `word` is read in capitals as no syllable and no Roman numeral."""
    return (len(word) >= MIN_LETTERS - 1 and word.isalpha() and word.isupper()
            and not is_syllable(word) and not ROMAN_NUMERAL.match(word))


def syllable_items(model: Model, word: str, cost: float) -> dict[int, tuple[float, str | None]]:
    """The syllables one letter away from an all-caps `word` (marks folded), at `cost`:
    a word of a title in capitals with a letter misread ("TUJC" for TỤC, the dot below
    read as a J), which the language model may prefer among the title's words. A word
    read with marks ("ĐẠD") takes those with other marks at `MARKS_DIFFER` more."""
    return model.syllables_folding_to(model.edit_neighbours(fold(word).lower()), word, cost,
                                      MARKS_DIFFER if has_vowel_marks(word) else 0.0)


def capital_swaps(read: str, meant: str) -> list[tuple[str, str]]:
    """The capitals (`CAPITAL_PREFIX` + letter, marks folded) read for others where
    `read` and `meant` have the same length and differ only so ("LBXD", "UBND": L for U,
    X for N); none otherwise."""
    a, b = shape(read), shape(meant)
    if len(a) != len(b) or a == b:
        return []
    return [(CAPITAL_PREFIX + x, CAPITAL_PREFIX + y) for x, y in zip(a, b) if x != y]


def _aligned_cost(read: str, known: str, learned: dict[tuple[str, str], float]) -> float:
    """The cheapest alignment of the shapes `read` and `known`: each capital the document
    reads for another all through (`learned`) at its price, any other letter misread, lost
    or added at `EDIT_COST`; infinite when it takes more than `MAX_EDITS` of the other kind
    ("BXU" for UBND where N reads X: U lost, X the swap, U for D: two edits and a swap)."""
    # best[j][e]: cost of read[:i] as known[:j] with e other edits (row i, rolled)
    inf = math.inf
    width = MAX_EDITS + 1
    best = [[EDIT_COST * j if j == e else inf for e in range(width)] if j < width else [inf] * width
            for j in range(len(known) + 1)]
    for i in range(1, len(read) + 1):
        row = [[EDIT_COST * i if i == e else inf for e in range(width)] if i < width else [inf] * width]
        for j in range(1, len(known) + 1):
            a, b = read[i - 1], known[j - 1]
            cell = [inf] * width
            swap = learned.get((CAPITAL_PREFIX + a, CAPITAL_PREFIX + b)) if a != b else 0.0
            for e in range(width):
                if swap is not None:
                    cell[e] = best[j - 1][e] + swap
                if e:
                    cell[e] = min(cell[e], best[j - 1][e - 1] + EDIT_COST,     # misread
                                  best[j][e - 1] + EDIT_COST,                  # a letter added
                                  row[j - 1][e - 1] + EDIT_COST)               # a letter lost
            row.append(cell)
        best = row
    return min(best[len(known)])


def acronym_items(model: Model, word: str, swaps: Swaps = ()) -> dict[int, tuple[float, str | None]]:
    """Vocabulary id → (channel log-probability, form) for an all-caps `word`
    (`garbled_acronym`): itself (form None) and the known acronyms near it (see the
    module doc); with the document's capital swaps (`CAPITAL_PREFIX` in `swaps`), a
    known acronym of the word's length whose letters differ only by swaps the document
    makes, and at most `MAX_EDITS` others, at their prices ("LBXI" for UBND where the
    document reads N as X all through)."""
    low = word.lower()
    keep = model.index.get(low)
    marked = has_vowel_marks(word)
    items: dict[int, tuple[float, str | None]] = {}
    if keep is not None:
        items[keep] = (-MARKED_KEEP if marked else 0.0, None)
    else:
        keep = model.index[ABBR]
        items[keep] = (-model.class_cost.get(ABBR, 0.0) - (MARKED_KEEP if marked else 0.0), None)
    if len(word) >= SYLLABLE_MIN_LETTERS or marked:
        for i, item in syllable_items(model, word, SYLLABLE_EDIT_COST).items():
            items.setdefault(i, item)
    read = shape(word)
    learned = {swap: cost for swap, cost in swaps if swap[0].startswith(CAPITAL_PREFIX)}
    for known, i in _known_shapes(model):
        if i in items or abs(len(known) - len(read)) > MAX_EDITS or (len(read) < MIN_LETTERS and read not in known):
            continue
        d = OSA.distance(read, known, score_cutoff=MAX_EDITS)
        cost = min(EDIT_COST * d if d <= MAX_EDITS else math.inf,
                   _aligned_cost(read, known, learned) if learned else math.inf)
        if cost < math.inf:
            items[i] = (-cost, model.vocab[i])
    return items
