"""A word's marks as the same document writes them between the same two words.

A plan repeats its phrases ("thành phố đứng đầu cả nước" twice in one cell, "thủ tục
hành chính" all through), and OCR misreads a mark in one of the copies and not in the
others: "đứng đâu cả nước" beside "đứng đầu cả nước". The language model weighs each
copy alone, and where both forms are words ("đâu", "đầu") a thin context may leave the
misread; the document's other copies are evidence the model does not have.

`agree_with_document` counts, over one document's distinct cells, each form a word is
written in between the same two words (all three compared with their marks folded); a
word whose form the document writes there at most once, beside another form it writes
there at least `AGREE_MIN` times and `AGREE_RATIO` times as often, takes that form (its
case kept). Both neighbours must be there and be words: a phrase, not a word alone. The
same syllable with its tone on another vowel ("hóa", "hoá") is no other form: plans write
both.

`agree_punctuation` does the same for a period a speck made between two words: "(PAR.
INDEX)" where the document writes "(PAR INDEX)" twice and never else with a period.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from normalizers.syllables import canonical, fold

#: the form the document writes between the same two words at least this many times …
AGREE_MIN = 2
#: … and this many times as often as the form read (which it writes there at most once)
AGREE_RATIO = 2

_WORD = re.compile(r"[^\W\d_]+")


def _key(words: list[str], k: int) -> tuple[str, str, str]:
    return tuple(fold(w).lower() for w in words[k - 1:k + 2])


def _recase(form: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return form.upper()
    return form[:1].upper() + form[1:] if like[:1].isupper() else form


def agree_with_document(texts: list[str]) -> list[str]:
    """One document's cells with each word's marks as the document writes it between the
    same two words (see the module doc)."""
    forms: defaultdict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    for text in dict.fromkeys(texts):
        words = _WORD.findall(text)
        for k in range(1, len(words) - 1):
            forms[_key(words, k)][words[k].lower()] += 1

    def fix(text: str) -> str:
        matches = list(_WORD.finditer(text))
        words = [m.group(0) for m in matches]
        out, at = [], 0
        for k in range(1, len(words) - 1):
            seen = forms.get(_key(words, k))
            read = words[k].lower()
            if not seen or seen[read] > 1:
                continue
            best, n = seen.most_common(1)[0]
            if canonical(best) != canonical(read) and n >= AGREE_MIN and n >= AGREE_RATIO * seen[read]:
                out += [text[at:matches[k].start()], _recase(best, words[k])]
                at = matches[k].end()
        return "".join(out) + text[at:]
    return [fix(t) for t in texts]


#: what stands between two words: spaces with at most one mark of punctuation
_BETWEEN = re.compile(r"\s*([.,:;]?)\s*")


def agree_punctuation(texts: list[str]) -> list[str]:
    """One document's cells without a period read between two words the document writes
    at least `AGREE_MIN` times with no mark between them and never else with a period
    ("(PAR. INDEX)" where the plan writes "(PAR INDEX)": a speck). Commas, colons and
    semicolons are left: plans write "tỉnh, thành phố" and "tỉnh thành phố" alike."""
    marks: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)

    def gaps(text: str):
        matches = list(_WORD.finditer(text))
        for a, b in zip(matches, matches[1:]):
            between = _BETWEEN.fullmatch(text, a.end(), b.start())
            if between and b.start() > a.end():
                yield (fold(a.group(0)).lower(), fold(b.group(0)).lower()), between.group(1), a.end(), b.start()

    for text in dict.fromkeys(texts):
        for key, mark, _, _ in gaps(text):
            marks[key][mark] += 1

    def fix(text: str) -> str:
        out, at = [], 0
        for key, mark, start, end in gaps(text):
            seen = marks[key]
            best, n = seen.most_common(1)[0]
            if mark == "." and best == "" and seen[mark] <= 1 and n >= AGREE_MIN:
                out += [text[at:start], best + " "]
                at = end
        return "".join(out) + text[at:]
    return [fix(t) for t in texts]
