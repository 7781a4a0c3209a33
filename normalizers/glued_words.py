"""Syllables OCR ran together: "lựchoặc" → "lực hoặc", "cóthẩm" → "có thẩm".

A photocopy, or a scan at low resolution, narrows the gap between two words until the OCR
reads none: the token is no syllable, but it is two (or three) in a row. Every split of
such a token into syllables the language model knows is scored by the model with the
words beside it, and the most likely is kept; a token with no such split stays as read.
Only tokens that are Vietnamese by their letters (a mark, or "đ"), in small letters after
the first or all in capitals ("ĐIÊUHÀNH" in a section title), are tried: acronyms
("UBNDTinh"), codes and foreign words are left alone, and so is a token one letter off a
syllable ("Đãấy": "Đẩy" with a letter doubled).

Two capitalised syllables run together ("SởTư pháp", "SởY tế") are cut before the second
capital (`split_capitalised`): no Vietnamese word has a capital inside it.

A syllable in small letters run into a known acronym after it ("củaUBND", "quyếtTTHC") is
cut where the capitals start (`split_before_acronym`).

An acronym run into the word after it ("UBNDtỉnh", "CCHCnăm") is cut where the capitals
end, when what follows is a marked syllable of two letters or more and what comes before
is a known acronym or three capitals or more (`split_acronym`; "TTg", "UBNDTinh" stay);
what follows may itself be syllables run together ("UBNDcấpxã" → "UBND cấp xã").

The other way, a gap inside a word read as a space ("ngà y", "quy ết") is closed where
the pieces make one syllable the model wants, or make one with the vowel OCR read as
that space ("CH NH" → "CHÍNH", `join_cut`); read as junk in capitals ("ĐI 1N"), see
`normalizers.stacked_vowels`.
"""
from __future__ import annotations

import math
import re
import unicodedata

from normalizers.lm import Model
from normalizers.ocr_channel import first_look_alike_readings, glyph_split_readings
from normalizers.ocr_fixes import known_acronyms
from normalizers.syllables import (
    VOWELS, fold, folded_inventory, has_marks, has_vowel_marks, is_syllable, syllable_inventory,
)

_WORD = re.compile(r"[^\W\d_]+")
_ACRONYM_THEN_WORD = re.compile(r"^([A-ZĐ]{2,})([^\W\d_A-ZĐÀ-ỸĂÂÊÔƠƯ][^\W\d_]+)$")
#: the letters of folded syllables
_LETTERS = "abcdeghiklmnopqrstuvxy"
#: a token is split into at most this many syllables (two are tried first)
MAX_PARTS = 3


def _one_letter_off(token: str) -> bool:
    """True when dropping one letter inside the token, or a last letter that repeats the
    one before it, leaves a syllable ("Đãấy" → "Đấy": a letter doubled), or when
    another letter inside it does ("huuện" → "huyện": a font whose "y" OCR reads "u"), or
    a first letter read for its look-alike ("iòng" → "lòng", not "i òng"), or one glyph
    read as two ("trêri" → "trên", not "trê ri"): a misread of one word, which the mark
    correction mends, not two words."""
    inventory = folded_inventory()
    folded = fold(token).lower()
    drops = list(range(1, len(token) - 1)) + ([len(token) - 1] if folded[-1] == folded[-2] else [])
    if any(fold(token[:i] + token[i + 1:]).lower() in inventory for i in drops):
        return True
    if any(r in inventory for r in first_look_alike_readings(folded) + glyph_split_readings(folded)):
        return True
    return any(folded[:i] + letter + folded[i + 1:] in inventory
               for i in range(1, len(folded) - 1) for letter in _LETTERS if letter != folded[i])


def syllable_splits(token: str, parts: int, model: Model) -> list[tuple[str, ...]]:
    """Every way to cut `token` into exactly `parts` syllables the model knows."""
    if parts == 1:
        word = token.lower()
        return [(token,)] if is_syllable(token) and word in model.index else []
    out = []
    for i in range(1, len(token)):
        head = token[:i]
        if is_syllable(head) and head.lower() in model.index:
            out += [(head, *rest) for rest in syllable_splits(token[i:], parts - 1, model)]
    return out


def split_acronym(token: str) -> tuple[str, str] | None:
    """"UBNDtỉnh" → ("UBND", "tỉnh") (see the module doc), else None. The word after the
    capitals is in small letters with a mark: one syllable, or several run together
    (`split_glued` splits them)."""
    m = _ACRONYM_THEN_WORD.match(token)
    if m is None or not m.group(2).islower() or not has_marks(m.group(2)):
        return None
    head = m.group(1)
    return (head, m.group(2)) if head in known_acronyms() or len(head) >= 3 else None


def split_before_acronym(token: str) -> tuple[str, str] | None:
    """"củaUBND" → ("của", "UBND"), "vàUBNDcấp" → ("và", "UBNDcấp"): a syllable in small
    letters run into a known acronym after it (no Vietnamese word has capitals after small
    letters; "eGov", "VNeID" have no known acronym there; "côNGVỤ", a title read in the
    wrong case, has none in its capitals "NGVỤ"), else None. What follows the
    syllable may be an acronym run into a word itself (`split_acronym`)."""
    first = next((i for i, ch in enumerate(token) if ch.isupper()), 0)
    head, rest = token[:first], token[first:]
    capitals = next((rest[:k] for k, ch in enumerate(rest) if not ch.isupper()), rest)  # all of them
    if not first or not head.islower() or not is_syllable(head) or capitals not in known_acronyms():
        return None
    return head, rest


def split_capitalised(token: str) -> tuple[str, str] | None:
    """"SởTư" → ("Sở", "Tư"): two capitalised syllables OCR ran together (a name's words
    each open with a capital; no Vietnamese word has one inside it), the first with a
    mark or "đ"; else None ("eGov", "VNeID", "TTg", "PHẦNI" stay, and so does "NuYên", a
    photocopy's "xuyên" read in the wrong case, which the mark correction mends)."""
    capitals = [i for i, ch in enumerate(token) if ch.isupper()]
    if len(capitals) != 2 or capitals[0] != 0 or capitals[1] < 2:
        return None
    head, tail = token[:capitals[1]], token[capitals[1]:]
    return (head, tail) if has_marks(head) and is_syllable(head.lower()) and is_syllable(tail.lower()) else None


def _syllables_of(token: str, before: list[str], after: list[str], model: Model) -> tuple[str, ...] | None:
    """The most likely split of `token` into two (else three) syllables the model knows,
    scored with the words beside it; None when there is none."""
    for parts in range(2, MAX_PARTS + 1):
        found = syllable_splits(token, parts, model)
        if found:
            return max(found, key=lambda s: model.sentence_logprob([*before, *(p.lower() for p in s), *after]))
    return None


#: a title's word run into the next with a letter misread in one or both ("CẮICÍCH" for "CẢI
#: CÁCH", "CHÍYHQUYÊX" for "CHÍNH QUYỀN"): a part one letter from a syllable costs this
NEAR_PART_COST = 3.0
#: … and of each part's readings, the likeliest this many by training frequency are scored
NEAR_READINGS = 6


def _part_readings(part: str, model: Model, misread: int) -> tuple[int, list[str]]:
    """(letters misread, the likeliest syllables) of one part of a near split: the
    syllables of its letters (0), else, when `misread` allows, of the letters one from
    them (1); (2, []) for none."""
    skel = fold(part).lower()
    for edits, folds in ((0, [skel]), (1, model.edit_neighbours(skel) if misread else [])):
        ids = sorted(model.syllables_folding_to(folds, part, 0.0, 0.0), key=lambda i: -model.uni_freq[i])
        if ids:
            return edits, [model.vocab[i] for i in ids[:NEAR_READINGS]]
    return 2, []


def _near_split(token: str, before: list[str], after: list[str], model: Model,
                misread: int = 1) -> tuple[str, str] | None:
    """A word in capitals cut in two parts that are syllables with at most `misread`
    letters misread each (their marks aside), the cut whose readings the model likes best
    with the words beside it (less `NEAR_PART_COST` a letter): "CẮICÍCH" → ("CẮI", "CÍCH"),
    "CAICACH" → ("CAI", "CACH"), whose letters and marks the mark correction then mends;
    None when no cut makes two such parts of two letters or more."""
    best, best_score = None, -math.inf
    for i in range(2, len(token) - 1):
        head, tail = token[:i], token[i:]
        (e1, r1), (e2, r2) = _part_readings(head, model, misread), _part_readings(tail, model, misread)
        if not r1 or not r2:
            continue
        score = max(model.sentence_logprob([*before, a, b, *after]) for a in r1 for b in r2) \
            - NEAR_PART_COST * (e1 + e2)
        if score > best_score:
            best, best_score = (head, tail), score
    return best


#: letters in small letters with a mark run into the figures before them ("top 10tỉnh")
_AFTER_FIGURES = re.compile(r"(?<=\d)([^\W\d_]{2,})")


def _figures_apart(text: str) -> str:
    """A word run into the figures before it set apart ("10tỉnh" → "10 tỉnh"): Vietnamese
    words have marks, codes ("5G", "3a", "4.0") have none."""
    return _AFTER_FIGURES.sub(lambda m: " " + m.group(1) if m.group(1).islower() and has_marks(m.group(1))
                              else m.group(1), text)


#: a word cut in two by a gap OCR read as a space ("ngà y", "quy ết") is one when the
#: model finds it likelier than the two pieces by this many nats (with the words beside
#: them; "ô tô", "thú y" are two)
JOIN_MARGIN = 4.0


def _lost_vowel(head: str, tail: str, before: list[str], after: list[str], model: Model) -> str | None:
    """The syllable two pieces one space apart make with the vowel OCR read as that space
    ("CH NH" → "CHÍNH"), the model choosing with the words beside them; None when a piece
    is a syllable or a single letter (initials: "T. T"), they differ in case, or they make
    none (two acronyms make none: a syllable's first and last consonants are few)."""
    if len(head) < 2 or len(tail) < 2 or is_syllable(head) or is_syllable(tail):
        return None
    upper = head.isupper() and tail.isupper()
    if not (upper or tail.islower() and head[1:].islower()):
        return None
    found = [w for v in VOWELS if is_syllable(w := head + (v.upper() if upper else v) + tail)]
    return max(found, key=lambda w: model.sentence_logprob([*before, w.lower(), *after])) if found else None


#: a cut word has a piece the corpus writes rarely (ln frequency below this: "xuy" 1.3,
#: "én" 0.9) or never; two common words stay apart ("mô" 9.2, "tỏ" 4.0)
RARE_PIECE = 3.0


def _marked_join(pieces: list[str], before: list[str], after: list[str], model: Model) -> str | None:
    """The syllable two or three pieces one space apart make with their marks misread
    ("xuy én", "chu y én" for xuyên, chuyên: a "y" whose wide side bearing OCR reads as a
    space, and the circumflex read as an acute), the model choosing among the forms of
    their letters with the words beside them, when it prefers that form to the pieces by
    `JOIN_MARGIN`; None when the pieces are no such cut (the last of more than three
    letters, a middle one of more than one, not in small letters after the first, or
    joined already a syllable: `join_cut`'s own case, or all common words: `RARE_PIECE`)."""
    word = "".join(pieces)
    if len(pieces[-1]) > 3 or any(len(p) > 1 for p in pieces[1:-1]) or not word[1:].islower() or is_syllable(word):
        return None
    if all((i := model.index.get(p.lower())) is not None and model.uni_freq[i] >= RARE_PIECE for p in pieces):
        return None     # words the corpus writes often, side by side ("mô tỏ": no "môtô")
    inventory = syllable_inventory()
    forms = [model.vocab[i] for i in model.by_fold.get(fold(word).lower(), ()) if model.vocab[i] in inventory]
    if not forms:
        return None
    best = model.preferred(forms, [p.lower() for p in pieces], before, after, JOIN_MARGIN)
    return (best[:1].upper() + best[1:] if word[0].isupper() else best) if best else None


def join_cut(text: str, model: Model) -> str:
    """`text` with the words OCR cut in two joined ("ngà y" → "ngày", "ĐI ỀN" → "ĐIỀN"): two
    pieces one space apart make one syllable, in small letters after the first (or all in
    capitals, the second no syllable), the second of at most three
    letters, and it is no syllable of two letters or more ("ết") or the model prefers the
    word by `JOIN_MARGIN`; two pieces no syllable that make one with a vowel between them
    are that syllable (`_lost_vowel`); two or three pieces whose letters make a syllable
    with other marks are that syllable (`_marked_join`: "chu y én" → "chuyên"). (A word in
    capitals cut where OCR read a stacked vowel as junk is mended before this, by
    `normalizers.stacked_vowels`.)"""
    words = list(_WORD.finditer(text))
    out, at, k = [], 0, 0
    while k + 1 < len(words):
        head, tail = words[k], words[k + 1]
        word = head.group(0) + tail.group(0)
        if not (tail.start() == head.end() + 1 and text[head.end()] == " "):
            k += 1
            continue
        before = [words[k - 1].group(0).lower()] if k else []
        after = [words[k + 2].group(0).lower()] if k + 2 < len(words) else []
        # three pieces, then two, cut with their marks misread ("chu y én", "xuy én")
        marked = None
        for n in (3, 2):
            pieces = words[k:k + n]
            if len(pieces) < n or any(b.start() != a.end() + 1 or text[a.end()] != " "
                                      for a, b in zip(pieces, pieces[1:])):
                continue
            beyond = [words[k + n].group(0).lower()] if k + n < len(words) else []
            marked = _marked_join([m.group(0) for m in pieces], before, beyond, model)
            if marked is not None:
                break
        if marked is not None:
            out += [text[at:head.start()], marked]
            at = pieces[-1].end()
            k += n
            continue
        lost = _lost_vowel(head.group(0), tail.group(0), before, after, model)
        if lost is not None:
            out += [text[at:head.start()], lost]
            at = tail.end()
            k += 2
            continue
        # "ngà y"; in capitals only a piece that is no syllable ("ĐI ỀN": "Ô TÔ" stays)
        one_case = ((tail.group(0).islower() and word[1:].islower())
                    or (word.isupper() and not is_syllable(tail.group(0))))
        if not (len(tail.group(0)) <= 3 and one_case and is_syllable(word)):
            k += 1
            continue
        if is_syllable(tail.group(0)) or len(tail.group(0)) == 1:
            gain = model.sentence_logprob([*before, word.lower(), *after]) - \
                model.sentence_logprob([*before, head.group(0).lower(), tail.group(0), *after])
            if gain <= JOIN_MARGIN:
                k += 1
                continue
        out += [text[at:head.start()], word]
        at = tail.end()
        k += 2
    return "".join(out) + text[at:]


def split_glued(text: str, model: Model) -> str:
    """`text` with each token OCR ran together from syllables split into them, and a word
    run into the figures before it set apart (`_figures_apart`)."""
    text = _figures_apart(unicodedata.normalize("NFC", text))
    words = list(_WORD.finditer(text))
    out, at = [], 0
    for k, m in enumerate(words):
        token = m.group(0)
        before = [words[k - 1].group(0).lower()] if k else []
        after = [words[k + 1].group(0).lower()] if k + 1 < len(words) else []
        pair = split_capitalised(token)
        if pair is not None:
            out += [text[at:m.start()], " ".join(pair)]
            at = m.end()
            continue
        start = m.start()
        lead = split_before_acronym(token)
        if lead is not None:   # then the acronym, and what may be run into it, as below
            out += [text[at:start], lead[0], " "]
            at = start = start + len(lead[0])
            token = lead[1]
        cut = split_acronym(token)
        if cut is not None:
            head, tail = cut
            parts = ((tail,) if is_syllable(tail) else None if len(tail) < 4 or _one_letter_off(tail)
                     else _syllables_of(tail, [head.lower()], after, model))
            if parts is not None:
                out += [text[at:start], " ".join((head, *parts))]
                at = m.end()
            continue
        if len(token) >= 6 and token.isupper() and not has_marks(token) and token not in known_acronyms() \
                and token.lower() not in model.index:   # a title read without its marks ("CAICACH")
            best = _near_split(token, before, after, model, misread=0)
        elif (len(token) < 4 or not (token[1:].islower() or token.isupper()) or not has_marks(token)
                or is_syllable(token) or _one_letter_off(token)):
            continue
        else:
            best = _syllables_of(token, before, after, model)
            # a title's words run together, a letter misread (vowel marks: no acronym, "EXNĐEX")
            if best is None and token.isupper() and len(token) >= 6 and has_vowel_marks(token):
                best = _near_split(token, before, after, model)
        if best is not None:
            out += [text[at:m.start()], " ".join(best)]
            at = m.end()
    return "".join(out) + text[at:]
