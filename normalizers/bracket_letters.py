"""A capital C OCR reads as an opening bracket all through a document (and a d as "(l":
`fix_bracket_ds`; a t as "(" or "(t": `fix_bracket_ts`).

A condensed face whose "C" is a narrow open arc (Yanone Kaffeesatz on a photocopy) is read
by Tesseract `vie` as "(" wherever it stands: "(ác sở, ban, ngành", "(ÔNG TÁC (HỈ ĐẠO",
"TTH(", "((H(" for CCHC. The bracket is a token of its own to the language model, so
the word around it is lost to it. A plan opens a bracket before a word and closes it
("(CCHC)", "(PAR INDEX)"); it never glues one to the letters before it, nor opens one
inside a word.

`fix_bracket_letters` counts, over one document's distinct cells, the runs of letters
with a "(" glued to them that make a word when each such "(" is a C: a syllable or a
known acronym ("(ác" → "Các", "((H(" → "CCHC"; a word in capitals with marks the
correction then mends, "(Ắ(H"), the C a capital but inside a sentence where the corpus
all but never writes the word with one there (`_cased`: such faces read their small c
as "(" too, "chất lượng (ao"). When the document has at least `MIN_RUNS` of them (a
font's trait, not a stray speck; `MIN_INSIDE` of them with a "(" after a letter, which
no text writes, or `MIN_UNCLOSED_CELLS` cells with one that no ")" closes), every such
run is made that word; one that makes no word stays as read, and so does a "(" that
opens a bracket: one the run's own ")" closes ("((CH()" → "(CCHC)"), one the next ")"
closes further on with no "(" between ("(huyện An Lão)"), one before a capitalised word
("(Họ tên").
"""
from __future__ import annotations

import re
from collections.abc import Callable

from normalizers.ocr_fixes import known_acronyms
from normalizers.syllables import has_vowel_marks, is_syllable
from normalizers.word_case import capital_prior

#: a run of letters and "(" holding both
_RUN = re.compile(r"(?:[^\W\d_]|\()*\((?:[^\W\d_]|\()*")
#: a document reads C as "(" when this many distinct runs make a word so, this many of
#: them with a "(" after a letter ("TTH(", "C(H("), which no text writes: an opening
#: bracket a line broke from its ")" makes a word with a C too ("(ô tô," → "cô")
MIN_RUNS = 3
MIN_INSIDE = 2
#: … or when this many distinct cells open a bracket glued to a word that makes a word
#: with a C and that nothing closes ("UBND (ấp xã", "(ÔNG TÁC"): a font whose C is read
#: "(" only where it starts a word. Of the 152 development scans none that reads its C
#: had more than one such cell; the fonts that read it so, 8–107.
MIN_UNCLOSED_CELLS = 4
#: The C of a run inside a sentence is small where the corpus's contexts write the word
#: with a capital less often than this (`capital_prior`): "chất lượng cao" 0.006, "đội
#: ngũ cán bộ" 0.035; names keep it ("Sở Khoa học và Công nghệ": after "và" 0.55,
#: "xác định Chỉ số CCHC" 0.17, "nghiêm Công điện số" 0.40).
SMALL_C_BELOW = 0.1


#: a "(" between two capitals makes an acronym of at most this many letters with a C
#: ("P(I" → PCI, which the corpus's list lacks): no text opens a bracket inside a word
MAX_INNER_ACRONYM = 5


def _as_letters(run: str, closed: bool) -> str | None:
    """`run` with its "(" read as C (the first kept when a ")" right after the run closes
    it), or None when that makes no word: a syllable, a known acronym, a word in capitals
    with marks, or capitals with the "(" between two of them (`MAX_INNER_ACRONYM`); one
    "(" that makes no word as C but a syllable as G or Q is that letter (the same arc with a
    bar or a tail)."""
    head = ""
    if closed and run.startswith("("):
        head, run = "(", run[1:]
    if "(" not in run or not any(c.isalpha() for c in run):
        return None
    if run.startswith("(") and run[1:2].isupper() and run[2:3].islower():
        return None                 # "(Họ tên": a bracket before a capitalised word
    letters = [c for c in run if c != "("]
    capitals = all(c.isupper() for c in letters)
    out = run.replace("(", "C")     # the capital (`_cased` decides inside a sentence)
    if (is_syllable(out.lower()) or out.upper() in known_acronyms()
            or (capitals and len(out) >= 3 and has_vowel_marks(out))
            or (capitals and run[0] != "(" and run[-1] != "(" and len(out) <= MAX_INNER_ACRONYM)):
        return head + out
    for letter in "GQ":             # a G is a C with a bar, a Q one with a tail: "(iai đoạn", "(uý IV"
        out = run.replace("(", letter)
        if run.count("(") == 1 and run.startswith("(") and run[1:].islower() and is_syllable(out.lower()):
            return head + out       # its letters a word's in small letters ("(uUYết" stays)
    return None


def _mended(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of each run of `text` that makes a word with its "(" read as C."""
    out = []
    for m in _RUN.finditer(text):
        closed = text[m.end():m.end() + 1] == ")"
        closer = text.find(")", m.end())
        if m.group(0).startswith("(") and not closed and closer > 0 and "(" not in text[m.end():closer]:
            continue                # "(huyện An Lão)": a bracket its ")" closes further on
        word = _as_letters(m.group(0), closed)
        if word is not None:
            out.append((m.start(), m.end(), word))
    return out


def fix_bracket_letters(texts: list[str]) -> list[str]:
    """One document's cells with a C read as "(" put back where the document reads it so
    all through (see the module doc)."""
    found = {t: _mended(t) for t in dict.fromkeys(texts) if "(" in t}
    runs = [t[start:end] for t, v in found.items() for start, end, _ in v]
    unclosed = sum(any(t[start] == "(" and word[0] != "(" for start, _, word in v) for t, v in found.items())
    if len(runs) < MIN_RUNS or (sum("(" in run.lstrip("(") for run in runs) < MIN_INSIDE
                                and unclosed < MIN_UNCLOSED_CELLS):
        return texts
    cased = {t: _cased(t, v) for t, v in found.items()}
    return [cased.get(text, text) for text in texts]


#: an opening bracket glued before an "l" and the letters of a word, nothing closing it: a
#: high-contrast serif's d or đ on a copy, its bowl read "(" and its stem "l" ("(lơn vị",
#: "(loanh nghiệp", "(lịch vụ", "hiệu (lộng": Noto Serif Display Condensed Light)
_D_RUN = re.compile(r"(?<![\w(])\(l([^\W\d_]+)")
#: a document reads its d so when this many distinct words make a syllable with a d or đ
#: for the "(l" (the corpus's "(l" opens a bracket it closes: "(lồng ghép …)", "(lần 1)")
MIN_D_WORDS = 3


def _as_d(rest: str) -> str | None:
    """`rest` after a d, or after a đ where only that makes a syllable; None if neither does."""
    for d in ("d", "đ"):
        if is_syllable(d + rest.lower()):
            return d + rest
    return None


def fix_bracket_ds(texts: list[str]) -> list[str]:
    """One document's cells with a d read as "(l" put back ("(lơn vị" → "dơn vị", which the
    marks' correction makes "đơn vị"; "d" where that makes a syllable, else "đ") where the
    document reads at least `MIN_D_WORDS` distinct words so; a bracket a ")" closes further
    on stays."""
    def runs(text: str) -> list[tuple[int, int, str]]:
        out = []
        for m in _D_RUN.finditer(text):
            word = _as_d(m.group(1)) if ")" not in text[m.end():] else None
            if word is not None:
                out.append((m.start(), m.end(), word.capitalize() if m.start() == 0 else word))
        return out
    return _put_back_if_a_trait(texts, runs, "(l", MIN_D_WORDS)


#: an opening bracket glued before a word: a face's t on a copy, its hooked foot read "("
#: before it ("(trực", "(tổ", "(thông") or for it ("(rong", "(rên", "(rực", "(heo", "(ổ":
#: Noto Serif Display)
_T_RUN = re.compile(r"(?<![\w(])\(([^\W\d_]+)")
#: a document reads its t so when this many distinct words make a syllable with the "("
#: dropped or read t (a bracket the corpus opens before such a word, it closes)
MIN_T_WORDS = 3


def _as_t(word: str) -> str | None:
    """The word a run stands for: itself when it starts with t and is a syllable, "t" and
    it when it is in small letters and that is one ("rong" → "trong", "heo" → "theo");
    None otherwise."""
    if word[0] in "tT":
        return word if is_syllable(word.lower()) else None
    return "t" + word if word.islower() and is_syllable("t" + word) else None


def fix_bracket_ts(texts: list[str]) -> list[str]:
    """One document's cells with a t read as "(" or as "(t" put back ("(rong" → "trong",
    "(heo" → "theo", "(trực" → "trực") where the document reads at least `MIN_T_WORDS`
    distinct words so; a bracket a ")" closes further on (no "(" between) stays."""
    def runs(text: str) -> list[tuple[int, int, str]]:
        out = []
        for m in _T_RUN.finditer(text):
            closer = text.find(")", m.end())
            if closer >= 0 and "(" not in text[m.end():closer]:
                continue
            word = _as_t(m.group(1))
            if word is not None:
                out.append((m.start(), m.end(), word))
        return out
    return _put_back_if_a_trait(texts, runs, "(", MIN_T_WORDS)


def _put_back_if_a_trait(texts: list[str], runs: Callable[[str], list[tuple[int, int, str]]], mark: str,
                         min_words: int) -> list[str]:
    """`texts` with the (start, end, word) `runs` of each cell holding `mark` put in, where
    they make at least `min_words` distinct words over the document (a font's trait, not
    a stray speck); else `texts` as they are."""
    found = {t: runs(t) for t in dict.fromkeys(texts) if mark in t}
    if len({w.lower() for v in found.values() for _, _, w in v}) < min_words:
        return texts
    return [_spliced(t, found.get(t, [])) for t in texts]


def _spliced(text: str, runs: list[tuple[int, int, str]]) -> str:
    """`text` with each (start, end, word) of `runs` (in order) put in."""
    parts, at = [], 0
    for start, end, word in runs:
        parts += [text[at:start], word]
        at = end
    return "".join(parts) + text[at:]


def _cased(text: str, mended: list[tuple[int, int, str]]) -> str:
    """`text` with its `mended` runs put in; one inside a sentence, a capital C before
    small letters, is a small c where the corpus's contexts all but never write the word
    with a capital there (`SMALL_C_BELOW`): the fonts that read their C as "(" read the
    small c so as well ("chất lượng (ao", "đội ngũ (án bộ"), while "của (hính phủ" is
    Chính. Decided here because a document repeats the font's misread, and the case
    correction after takes a pair read twice alike for the document's own spelling."""
    out = _spliced(text, mended)
    shift = 0
    for start, end, word in mended:
        here = start + shift
        shift += len(word) - (end - start)
        if word[:1] in "CGQ" and word[1:].islower():
            share = capital_prior(out, here)
            if share is not None and share < SMALL_C_BELOW:
                out = out[:here] + word[0].lower() + out[here + 1:]
    return out
