"""Candidate forms of one token, each with a channel cost (the noisy channel's side).

- `plain_candidates`: a word that lost its marks → every accented form the LM knows
  that folds to it, ranked by training frequency (at most `MAX_CANDIDATES`).
- `ocr_candidates`: a token an English OCR made of a Vietnamese word → the rewrites of
  the OCR channel (``normalizers.ocr_channel.rewrites``), edit distance 1 against the
  folded inventory, and "keep it as it is" for tokens that are no syllable.
- `mark_slip_candidates`: a word Tesseract ``vie`` read, whose tone or vowel hat may be
  misread → the syllables with the same letters and other marks, and the one whose
  first letter has the bar of đ added or lost (`BAR_COST`).
- `candidates`: which of these a token gets (numbers, dates and codes are fixed; inside
  a code only a part the corpus writes with Đ changes: ``QD-TTg`` → ``QĐ-TTg``; in OCR
  mode a number of one or two digits may be a word the OCR read as digits, "6" for "ở",
  "16" for "lộ": the OCR rewrites compete with the number, kept at no cost).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from normalizers.acronym_channel import acronym_items, garbled_acronym
from normalizers.case_channel import case_pattern, case_scores
from normalizers.lm import Model
from normalizers.misread_tones import tone_kin
from normalizers.ocr_channel import glyph_split_readings, look_alike_readings, rewrites, tone_change_cost
from normalizers.other_letters import (
    TWO_LETTERS_KEPT, one_letter_more, other_letter_items, other_letters_kept, two_letter_items,
)
from normalizers.swap_candidates import (
    Swaps, hat_swap_costs, hat_swap_of, swap_and_letter_items, swap_items, tone_names, tone_swap_costs,
)
from normalizers.syllables import (
    canonical, fold, folded_inventory, has_marks, has_vowel_marks, is_marked_vowel, is_syllable, letters_only, nucleus,
    syllable_inventory, toneless,
)
from normalizers.tokens import ABBR, CODE, NUM, UNK, Tok, lm_class, lm_token

MAX_CANDIDATES = 8         # per token, plain mode, by log frequency (truth files: the right form
                           # is always among the 6 most frequent of its fold)
RARE_GAP = 8.0             # plain mode: forms rarer than e^-8 (1/3,000) × the fold's most frequent one are
                           # no candidates (held-out admin slice: 0.9936 with or without, mean 6.0 → 4.4
                           # candidates a word, restore 0.80 → 0.62 s CPU; a gap of 6 lost 0.0008)
RARE_COST = 0.05           # plain mode: nats per ln-frequency unit a form is rarer than its fold's most
                           # frequent one. Rare forms are often the corpus's typos ("Quyết định sô
                           # 12/QĐ-UBND"), whose rare histories KN backs off from generously; tuned
                           # on the held-out admin dev slice: 0 → 0.9940, 0.05 → 0.9942, 0.2 → 0.9936
MAX_CANDIDATES_OCR = 10    # per token, OCR mode, by channel + log frequency
MARK_MISMATCH = 0.7        # OCR: candidate differs from the marks the OCR did print
MARKS_LOST = 1.0           # OCR: the OCR printed marks, the candidate has none
EDIT_COST = 3.0            # OCR: one generic edit, for a token no syllable folds to
EDIT_COST_SHORT = 4.0      # OCR: one generic edit of a short token that folds to a syllable (lut → luật)
VALID_REWRITE = 1.5        # OCR: extra cost to rewrite a token that is already a syllable
KEEP_UNKNOWN = 0.0         # OCR: keep an invalid token as it is (LM scores it as <unk>) …
KEEP_RESTORABLE = 4.0      # … or 4.0 when accents alone would make it a syllable ("Cac")
# OCR: keeping a token the LM only knows as a class (<unk>, <abbr>, <code>) costs ln(number of
# distinct training strings of that class): p(<unk>) is shared by every unknown spelling.


@dataclass(frozen=True)
class Cands:
    ids: np.ndarray            # LM ids
    forms: tuple[str | None, ...]  # canonical lowercase output; None = keep the original text
    chan: np.ndarray           # channel log-probabilities (nats)
    fixed: bool = False        # one candidate, not decided by the LM
    u: np.ndarray = field(init=False, repr=False)   # ids as uint64

    def __post_init__(self) -> None:
        object.__setattr__(self, "u", self.ids.astype(np.uint64))


def _fixed(model: Model, lm_token: str, form: str | None = None) -> Cands:
    return Cands(np.array([model.id(lm_token)], dtype=np.int64), (form,), np.zeros(1), True)


def _keep_id(model: Model, word: str, kind: str) -> int:
    low = canonical(word)
    if low in model.index:
        return model.index[low]
    if kind == "mixed":
        return model.index[CODE]
    if word.isupper() and len(word) > 1:
        return model.index[ABBR]
    return model.index[UNK]


def _ranked(model: Model, items: dict[int, tuple[float, str | None]]) -> list[int]:
    """The ids of `items`, likeliest first by channel + unigram (ties by id)."""
    return sorted(items, key=lambda i: (-(items[i][0] + float(model.uni_freq[i])), i))


def _select(model: Model, items: dict[int, tuple[float, str | None]], cap: int, keep: int | None,
            also: tuple[int, ...] = ()) -> Cands:
    """Top `cap` candidates by channel + unigram (`_ranked`); `keep` (an id) always
    survives, and so do the ids of `also`, beyond the cap."""
    chosen = [(i, items[i]) for i in _ranked(model, items)[:cap]]
    if keep is not None and all(i != keep for i, _ in chosen):
        chosen[-1] = (keep, items[keep])
    chosen += [(i, items[i]) for i in also if all(i != j for j, _ in chosen)]
    ids = np.array([i for i, _ in chosen], dtype=np.int64)
    return Cands(ids, tuple(v[1] for _, v in chosen), np.array([v[0] for _, v in chosen]))

#: … and of reading another vowel quality (a ă â, e ê, o ô ơ, u ư: "chuãn" for "chuẩn",
#: "Đãy" for "Đẩy", Tesseract `vie` drops or swaps the hat under a tone mark).
VOWEL_CHANGE_COST = 6.0
#: A word OCR read as no valid syllable ("ốn", "chuãn") is wrong as it stands: keeping it
#: costs this much against the syllables that differ from it by marks only.
KEEP_MISREAD = 4.0
#: … and a syllable one letter away from it (a letter misread: "thuệc" for "thuộc",
#: "kiếrn" for "kiểm") costs this, plus `MARK_MISMATCH` when its marks differ.
MISREAD_EDIT_COST = 3.0
#: … and this much more for a word that is no syllable but whose letters make some
#: (those are the likelier reading: "đảnh" is "đánh" before "định")
OWN_LETTERS_FIRST = 4.0
#: At most this many of a word's candidates by the document's swaps
#: (`swap_candidates.swap_items`) are kept beyond `MAX_CANDIDATES`.
MAX_OWN_SWAPS = 3
#: … and of the syllables a word read with no vowel is with one put back ("th" → thị,
#: thì, thể: among the commoner words one letter other, "tổ", "tư", "từ", they are lost).
MAX_VOWEL_LOST = 12


#: … and of a letter read for its look-alike, the first or any other ("hài iòng" for "hài
#: lòng", "Gial đoạn" for "Giai đoạn": `ocr_channel.look_alike_readings`): cheaper than
#: another letter, and kept among the word's candidates however many commoner words are
#: one letter away ("công", "không"; "gia", "giao", "giá", "gian" … had crowded out giai).
LOOK_ALIKE_COST = 1.5


#: … and of the bar of đ lost or a speck read as one ("nhân đân", "toàn điện", "dinh"
#: for "định"): the syllable with its first letter d ↔ đ, same marks otherwise; for a
#: word that is no syllable with its bar and one without ("đuy trì"), the price of a
#: first letter read for its look-alike (`LOOK_ALIKE_COST`), and kept among its candidates.
#: At 6 nats "hoàn thiện toàn điện" stayed (the corpus's own OCR'd lines write "toàn
#: điện" a dozen times: the model prefers "diện" by 4.2); at 4, two development scans
#: read better and none worse.
BAR_COST = 4.0


def _bar_items(model: Model, word: str, valid: bool) -> dict[int, tuple[float, str | None]]:
    """The syllable `word` is with its first letter's bar added or taken away, at
    `BAR_COST`, or `LOOK_ALIKE_COST` when `word` is no syllable (`valid`)."""
    low = word.lower()
    if low[:1] not in ("d", "đ"):
        return {}
    flipped = ("đ" if low[0] == "d" else "d") + low[1:]
    i = model.index.get(flipped)
    cost = BAR_COST if valid else LOOK_ALIKE_COST
    return {i: (-cost, flipped)} if i is not None and flipped in syllable_inventory() else {}


def mark_slip_candidates(model: Model, word: str, swaps: Swaps = ()) -> Cands:
    """A word read by OCR whose marks may be misread (Tesseract `vie` confuses hook and
    acute over a circumflex, "tố chức" for "tổ chức", and drops or swaps vowel hats,
    "chuãn" for "chuẩn"): the syllables with the same letters and other marks. A valid
    syllable as read costs nothing, another tone its learned channel cost
    (`tone_change_cost`, at most `ocr_channel.TONE_CHANGE_COST`), another vowel
    quality `VOWEL_CHANGE_COST` (a hat the document's swaps lose or add all through, their
    price: `swap_candidates.hat_swap_of`), another letter `VALID_LETTER_COST` (`normalizers.other_letters`);
    a word that is no syllable costs `KEEP_MISREAD` to keep,
    and when no syllable has its letters, those one letter away are its candidates
    (`MISREAD_EDIT_COST`; for a word in capitals only when it carries vowel marks, which
    no acronym does: "CỎÓNG"), its first letter's look-alike for less and always among
    them (`LOOK_ALIKE_COST`: "iòng" is "lòng"); a word read with no vowel lost one, with
    its marks: the syllables with one put back cost no more for their marks, and the
    likeliest of them stay among its candidates (`MAX_VOWEL_LOST`), as do the other tones
    of its likeliest readings one letter away (`misread_tones`: "iăm" → nằm beside năm).
    A word in small letters that is no syllable, which the document's own swaps do not
    reach, also gets the likeliest syllables two letters other beside its candidates
    (`other_letters.two_letter_items`: "quuần" → quyền), and a valid one the likeliest a
    swap of the document's and one other letter away (`swap_candidates.swap_and_letter_items`:
    "quản tú" → quản lý)."""
    keep = _keep_id(model, word, "word")
    if model.by_letters is None:
        groups: dict[str, list[int]] = {}
        for i, form in enumerate(model.vocab):
            if form and form[0].isalpha() and form in syllable_inventory():
                groups.setdefault(letters_only(form), []).append(i)
        model.by_letters = {k: tuple(v) for k, v in groups.items()}
    base = toneless(word)
    valid = is_syllable(word)
    vowel_lost: dict[int, tuple[float, str | None]] = {}
    look_alike: dict[int, tuple[float, str | None]] = {}
    kin: list[int] = []
    tone_swaps = [tone_swap_costs(swaps, name) for name in tone_names(word)] if swaps else []
    hat_swaps = hat_swap_costs(swaps) if swaps else {}
    items = {}
    for i in model.by_letters.get(letters_only(word), ()):
        same_vowels = toneless(model.vocab[i]) == base
        if not valid:
            cost = 0.0 if same_vowels else 0.5
        elif same_vowels:
            cost = tone_change_cost(model.vocab[i], word)
            cost = min([cost] + [by_tone.get(name, cost)
                                 for by_tone, name in zip(tone_swaps, tone_names(model.vocab[i]))])
        elif hat_swaps:   # another hat: at the document's price for it, if it has one (≤ 4 nats)
            cost = hat_swaps.get(hat_swap_of(word, model.vocab[i]), VOWEL_CHANGE_COST)
        else:
            cost = VOWEL_CHANGE_COST
        items[i] = (-cost, model.vocab[i])
    # a letter misread: "kiếrn", "thuệc", "pháp tuật"
    if (not items or not valid) and word.isalpha() and (not word.isupper() or has_vowel_marks(word)):
        # beside syllables of its own letters ("tuật": tuất), one letter away costs more
        edit_cost = MISREAD_EDIT_COST + (OWN_LETTERS_FIRST if items else 0.0)
        skel = fold(word)
        near = set(model.edit_neighbours(skel)) | set(glyph_split_readings(skel))  # "rn" for "m"
        edited = model.syllables_folding_to(sorted(near), word, edit_cost, MARK_MISMATCH)
        for i, item in edited.items():
            items.setdefault(i, item)
        kin = tone_kin(model, word, _ranked(model, edited))   # "iăm": nằm beside năm
        if not nucleus(word):   # read with no vowel: it lost one, and the marks it wore ("th trán": thị)
            vowel_lost = model.syllables_folding_to([f for f in near if one_letter_more(skel, f)], word, edit_cost, 0.0)
            items.update(vowel_lost)
        look_alike = model.syllables_folding_to(look_alike_readings(skel), word, LOOK_ALIKE_COST,
                                                MARK_MISMATCH)
        items.update(look_alike)
    bar = _bar_items(model, word, valid)
    for i, item in bar.items():
        if i not in items or item[0] > items[i][0]:
            items[i] = item
    swapped: dict[int, tuple[float, str | None]] = {}
    if swaps and word.isalpha():
        swapped = swap_items(model, word, swaps)
        for i, item in swapped.items():
            if i not in items or item[0] > items[i][0]:
                items[i] = item
    items[keep] = (0.0 if valid else -KEEP_MISREAD, None)
    others = other_letter_items(model, word, items, MARK_MISMATCH) if valid and word.isalpha() and len(word) > 1 else {}
    beside = {}   # a swap and a letter besides ("tú" for "lý"), the likeliest kept apart
    if valid and swaps and word.isalpha() and len(word) > 1:
        beside = {i: item for i, item in swap_and_letter_items(model, word, swaps).items()
                  if i not in items and i not in others}
    if not valid and not swapped and word.isalpha() and not word.isupper() and len(word) > 2:   # "quuần"
        two = two_letter_items(model, word, items, MARK_MISMATCH)
        others = {i: two[i] for i in _ranked(model, two)[:TWO_LETTERS_KEPT]}
    if len(items) == 1 and not others and not beside:
        return _fixed(model, model.vocab[keep])
    # the document's own confusions are its evidence: the likeliest of them stay however
    # many commoner words are one letter away ("duu" → "duy" among "dự", "đầu", "dữ", "đủ")
    chosen = _select(model, items, MAX_CANDIDATES, keep,
                     tuple(_ranked(model, swapped)[:MAX_OWN_SWAPS]) + tuple(_ranked(model, vowel_lost)[:MAX_VOWEL_LOST])
                     + tuple(look_alike) + (tuple(bar) if not valid else ()) + tuple(kin))
    return with_items(chosen, {**{i: others[i] for i in _ranked(model, others)[:other_letters_kept(word)]},
                               **{i: beside[i] for i in _ranked(model, beside)[:MAX_OWN_SWAPS]}})


def with_items(cands: Cands, items: dict[int, tuple[float, str | None]]) -> Cands:
    """`cands` with the candidates of `items` (id → channel, form) it lacks after its own."""
    have = set(cands.ids.tolist())
    new = [i for i in items if i not in have]
    if not new:
        return cands
    return Cands(np.concatenate([cands.ids, np.array(new, dtype=np.int64)]),
                 cands.forms + tuple(items[i][1] for i in new),
                 np.concatenate([cands.chan, np.array([items[i][0] for i in new])]))


def _with_case(model: Model, items: dict[int, tuple[float, str | None]],
               pattern: int | None) -> dict[int, tuple[float, str | None]]:
    """`items` with the case channel's term added (`normalizers.case_channel`)."""
    if pattern is None or model.case_lp is None:
        return items
    ids = list(items)
    return {i: (items[i][0] + c, items[i][1]) for i, c in zip(ids, case_scores(model.case_lp, ids, pattern))}


def plain_candidates(model: Model, word: str, pattern: int | None = None) -> Cands:
    """A word of text that lost its marks (or never had them); `pattern`: its case
    inside a sentence (`case_channel.case_pattern`), None at a sentence's start."""
    low = canonical(word)
    if has_vowel_marks(word):
        if low in syllable_inventory():
            return _fixed(model, low)          # already accented and valid: keep as is
        f = fold(word)                          # accented but invalid: re-accent
        ids = model.by_fold.get(f, ())
        items = {i: (0.0, model.vocab[i]) for i in ids}
        keep = _keep_id(model, word, "word")
        items.setdefault(keep, (0.0, None))
        if keep in ids:
            items[keep] = (0.0, None)
        return _select(model, items, MAX_CANDIDATES, keep)
    f = fold(word)
    ids = model.by_fold.get(f, ())
    if "đ" in word.lower():
        ids = tuple(i for i in ids if model.vocab[i].startswith("đ")) or ids
    if not ids:
        form = model.code_parts.get(word) if word.isupper() else None   # BCDTW → BCĐTW
        return _fixed(model, low if low in model.index else model.vocab[_keep_id(model, word, "word")], form)
    top = float(model.uni_freq[ids[0]])       # ids are sorted by frequency
    items = {i: (-RARE_COST * (top - float(model.uni_freq[i])), model.vocab[i])
             for i in ids[: MAX_CANDIDATES * 3] if top - model.uni_freq[i] <= RARE_GAP}
    if len(items) == 1:   # one accented form folds to it ("hoach" → "hoạch"): certain, not a mapping
        i = next(iter(items))
        return Cands(np.array([i], dtype=np.int64), (model.vocab[i],), np.zeros(1), False)
    return _select(model, _with_case(model, items, pattern), MAX_CANDIDATES, None)



def ocr_candidates(model: Model, word: str, kind: str, pattern: int | None = None) -> Cands:
    """A token read by an OCR that does not know Vietnamese (`pattern`: as in
    `plain_candidates`)."""
    inv = syllable_inventory()
    low = canonical(word)
    valid = kind == "word" and low in inv
    marked = has_vowel_marks(word)
    items: dict[int, tuple[float, str | None]] = {}

    def add(i: int, score: float, form: str | None) -> None:
        if i not in items or score > items[i][0]:
            items[i] = (score, form)

    for (skel, dd), cost in rewrites(word).items():
        base = cost + (VALID_REWRITE if valid and cost > 0 else 0.0)
        for i in model.by_fold.get(skel, ()):
            form = model.vocab[i]
            if dd and not form.startswith("đ"):
                continue
            if form not in inv and not (kind == "word" and cost == 0):
                continue  # rewrites only into real syllables
            s = -base
            if form == low:
                s += 0.0
            elif marked:
                s -= MARK_MISMATCH if has_marks(form) else MARK_MISMATCH + MARKS_LOST
            add(i, s, form)
    skel = fold(word)
    restorable = skel in folded_inventory()
    if not valid and skel.isalpha() and (not restorable or len(skel) <= 3):
        edit_cost = EDIT_COST_SHORT if restorable else EDIT_COST
        for f in model.edit_neighbours(skel):
            for i in model.by_fold.get(f, ()):
                if model.vocab[i] in inv:
                    add(i, -edit_cost - (MARKS_LOST if marked and not has_marks(model.vocab[i]) else 0.0),
                        model.vocab[i])
    keep = None
    if kind == "num":          # a short number an English OCR may have made of a word ("6" for "ở")
        keep = model.index[NUM]
        items[keep] = (0.0, None)
        return _select(model, items, MAX_CANDIDATES_OCR, keep) if len(items) > 1 else _fixed(model, NUM)
    abbr = kind == "word" and word.isupper() and any(model.vocab[i] not in inv for i in model.by_fold.get(skel, ()))
    if not valid and not abbr:
        keep = _keep_id(model, word, kind)
        cost = KEEP_RESTORABLE if kind == "word" and restorable else KEEP_UNKNOWN
        cost += model.class_cost.get(model.vocab[keep], 0.0)
        if keep not in items:
            items[keep] = (-cost, None)
        else:
            items[keep] = (max(items[keep][0], -cost), None)
    elif model.index.get(low) is not None:
        i = model.index[low]
        items[i] = (max(items.get(i, (-9.0, None))[0], 0.0), None if kind == "word" else low)
        keep = i
    if len(items) == 1:
        (i, (s, form)), = items.items()
        return Cands(np.array([i], dtype=np.int64), (form,), np.zeros(1), form is None)
    return _select(model, _with_case(model, items, pattern), MAX_CANDIDATES_OCR, keep)


def candidates(model: Model, tok: Tok, ocr: bool, only_invalid: bool = False, tones: bool = False,
               inner: bool = False, swaps: Swaps = ()) -> Cands:
    """The candidates of one token (cached per model). `only_invalid`: a token that is
    already a valid syllable, or a code, stays as it is. `tones`: only the tone of a
    valid syllable may change (OCR'd text); everything else stays. `inner`: the token
    is inside a sentence, where its case is evidence (`normalizers.case_channel`)."""
    pattern = case_pattern(tok.text) if inner and tok.kind == "word" else None
    key = (tok.text, tok.kind, ocr, only_invalid, tones, pattern, swaps)
    c = model._cands.get(key)
    if c is not None:
        return c
    if tones:
        if tok.kind == "word" and (len(tok.text) > 1 or is_marked_vowel(tok.text)) and (
                fold(tok.text) in folded_inventory() or not tok.text.isupper()):  # not "I" of "Quý I", not UBND
            c = mark_slip_candidates(model, tok.text, swaps)
        elif tok.kind == "word" and garbled_acronym(tok.text):  # "LUBXD" → UBND where the context wants it
            items = acronym_items(model, tok.text, swaps)
            c = _select(model, items, MAX_CANDIDATES, next(i for i, (_, form) in items.items() if form is None)) \
                if len(items) > 1 else _fixed(model, model.vocab[next(iter(items))])
        else:
            keep = lm_token(tok.text, tok.kind)
            c = _fixed(model, keep if keep in model.index else model.vocab[_keep_id(model, tok.text, tok.kind)])
    elif only_invalid and (tok.kind != "word" or is_syllable(tok.text) or tok.text.isupper()):
        lm = lm_token(tok.text, tok.kind)
        c = _fixed(model, lm if lm in model.index else model.vocab[_keep_id(model, tok.text, tok.kind)])
    elif tok.kind == "word":
        c = ocr_candidates(model, tok.text, "word", pattern) if ocr else plain_candidates(model, tok.text, pattern)
    elif tok.kind == "mixed" and ocr and len(tok.text) <= 6:
        c = ocr_candidates(model, tok.text, "mixed")
    elif tok.kind == "num" and ocr and len(tok.text) <= 2:
        c = ocr_candidates(model, tok.text, "num")
    elif tok.kind == "code":
        c = _fixed(model, lm_class(tok.text, tok.kind), model.code_form(tok.text))
    else:
        c = _fixed(model, lm_class(tok.text, tok.kind))
    if len(model._cands) < 200_000:
        model._cands[key] = c
    return c
