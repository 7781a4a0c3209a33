"""The letter case of an OCR'd word inside a sentence, decided from what the corpus writes
around it: `fix_word_case`.

Tesseract tells a capital from a small letter whose shape is the same (c, o, s, u, v,
x, y, ư, ơ … with any marks) by its size alone, and on a photocopy it gets that wrong
inside sentences: "Thường Xuyên", "Trung ƯƠng", "các SỞ, ban", "phân cấp, uỶ quyền".
Plans capitalise inside sentences too ("của Sở Nội vụ", "Cổng Dịch vụ công", "của Chính
phủ"), so a list of words cannot decide; the corpus's contexts can.

A noisy channel over three case patterns of a word, small letters (``L``), capital
first letter (``T``) and capitals (``U``):

- **prior** P(pattern | context), counted in ../shared/corpus (the provincial register:
  ``admin_official_docs``, ``legal_congbot``) for words inside a sentence, twice: given
  the word before (and the case pattern of the last word before it in the sentence:
  "Sở Nội" is written so, "chức Trung ương" with a small ương) and given the word after
  and whether it opens with a capital ("Chính phủ"; "Sở Giáo dục" is no context for "cơ
  sở giáo dục"). Each is smoothed towards the word's own counts, those towards the
  pattern's share in that context. The two are combined conservatively: the larger
  probability of each pattern (a capital the right context supports is kept).
- **channel** P(read | pattern): 1 when read as written; `CAPITALS_SLIP` for a word read
  all in capitals (OCR misjudged the whole word's size: "Thường XUYÊN", "đúng QUY");
  else `SAME_SHAPE_SLIP` when every letter whose case differs is a same-shape letter
  (`MISREAD_SLIP` when one is a letter the document misreads all through),
  `OTHER_SLIP` otherwise.

A word read in a valid pattern is rewritten only when another pattern's prior × channel
beats the reading's prior, and only when the corpus has seen the word in one of its two
contexts (a name it never wrote keeps its capital; a word read in capitals may lean on
its own counts: a syllable in capitals amid small letters is almost never right). A
word read in mixed case ("ƯƠng", "uỶ", "CỦa") is never how Vietnamese is written: it
gets the best of the three. A sentence's first word read in capitals, a syllable and
no acronym, before a word in small letters ("TỶ lệ hồ sơ") gets a capital first letter
and small letters after it. Left as read: words in small letters (mid-sentence the
slips run the other way far more often), any other sentence's first word (after ". ! ?
: ; (" or a dash after a space: a list item), a capital first letter that is no same-shape
letter ("Kế hoạch", "UBND Tỉnh"), a word in capitals that is no syllable, a known
acronym or beside another word in capitals (a title), a word glued to a letter, digit,
"/" or "-" ("QĐ-TTg", "UBNDtỉnh"), and a pair of words the document reads
`DOCUMENT_REPEATS` times with the same case and never otherwise (its own spelling:
"chỉ số Cải cách hành chính"; a misread is sporadic).

A font may draw a small letter OCR takes for its capital all through (Comfortaa's "l":
"quản Lý", "hài Lòng"): `fix_word_case` takes the document's letters read so
(`normalizers.document_case`) as same-shape letters, its words judged by their own
counts in their contexts ("pháp Luật": "Luật" alone has a capital 29 % of the time, after
"pháp" almost never), and their repeated pairs are no spelling of the document's.

Replayed on the 42 development scans (/work/notes/replay.py, 2026-12-03): exact cells
0.9078 → 0.9104, 51 cells fixed, none broken; clean scans unchanged or better.

Counts: `data/word_case.tsv`, made by ``python -m normalizers.word_case_counts``.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from importlib import resources

from normalizers.ocr_fixes import SENTENCE_END, WORD_OR_MARK, known_acronyms
from normalizers.syllables import canonical, fold, is_syllable

L, T, U = 0, 1, 2
PATTERNS = (L, T, U)
#: Folded letters whose capital is the small letter drawn larger (the hook of ơ/ư and the
#: marks ride along): OCR tells the two apart by size only.
SAME_SHAPE = frozenset("cosuvwxyz")
#: P(read with another case | written) when every letter that differs is same-shape …
SAME_SHAPE_SLIP = 0.05
#: … and when they are letters the document reads as capitals all through (at least twice
#: the capitals the corpus expects, `document_case.capitals_misread`: half are misreads;
#: a JetBrains Mono copy reads "l" as "L" 223 times where the corpus expects 6).
MISREAD_SLIP = 0.3
#: … and when some other letter differs too.
OTHER_SLIP = 0.002
#: P(read in capitals | written in small letters or with a capital first letter): OCR
#: misjudges the size of a whole word ("Thường XUYÊN", "đúng QUY"), whatever its letters.
CAPITALS_SLIP = 0.05
#: Pseudo-observations of the back-off distribution added to each context's counts.
SMOOTHING = 2.0
#: Contexts (word before / after) seen fewer times than this in the corpus are not kept.
MIN_COUNT = 5
#: A pair of words the document writes this many times with the same case and never
#: otherwise is the document's own spelling ("chỉ số Cải cách"): a misread is sporadic.
DOCUMENT_REPEATS = 2
#: Dashes after a space end a sentence too (`ocr_fixes.SENTENCE_END`): a list item starts
#: ("UBND tỉnh - Các văn bản").
DASHES = frozenset("-–—")
#: The case pattern of "no word before it in the sentence" (after "- " or a quote).
NONE = "-"


def pattern(word: str) -> int | None:
    """`L`, `T`, `U` of an alphabetic `word`; None for mixed case ("ƯƠng", "uỶ")."""
    if word.islower():
        return L
    if word[:1].isupper() and (len(word) == 1 or word[1:].islower()):
        return T
    if word.isupper():
        return U
    return None


#: The pattern an acronym ("UBND", "CNTT") leaves as the last word before: capitals, but
#: no title, the words after it are written as after any word ("CNTT, ưu tiên").
ACRONYM = 3


def _acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper() and not is_syllable(word.lower())


def _last(word: str, p: int | None) -> int | None:
    """The pattern `word`, read with `p`, leaves for the words after it."""
    return ACRONYM if p == U and _acronym(word) else p


def _pattern_name(p: int | None) -> str:
    return NONE if p is None else "LTUA"[p]


def _as(word: str, p: int) -> str:
    return word.lower() if p == L else word.upper() if p == U else word[:1].upper() + word[1:].lower()


def channel(read: str, meant: int, same_shape: frozenset[str] = SAME_SHAPE) -> float:
    """P(`read` | the word is written with pattern `meant`), the letters of `same_shape`
    read in either case alike."""
    written = _as(read, meant)
    if read != written and pattern(read) == U:
        return CAPITALS_SLIP
    flipped = [fold(a) for a, b in zip(read, written) if a != b]
    if not flipped:
        return 1.0
    if not all(f in same_shape for f in flipped):
        return OTHER_SLIP
    return SAME_SHAPE_SLIP if all(f in SAME_SHAPE for f in flipped) else MISREAD_SLIP


# ---------------------------------------------------------------- the corpus counts

def _ends_sentence(text: str, m: re.Match[str]) -> bool:
    """Whether token `m` of `text` ends a sentence (`SENTENCE_END`, `DASHES` after a space)."""
    tok = m.group()
    return tok in SENTENCE_END or (tok in DASHES and (m.start() == 0 or text[m.start() - 1].isspace()))


def _words_with_context(line: str):
    """Per word of `line` (letters only): its index among the tokens, the tokens, the
    pattern of the last word before it in its sentence (None: none) and its own pattern,
    and whether it stands inside a sentence."""
    matches = list(WORD_OR_MARK.finditer(line))
    last: int | None = None
    inside = False
    for k, m in enumerate(matches):
        if _ends_sentence(line, m):
            inside, last = False, None
            continue
        if m.group().isalpha():
            p = pattern(m.group())
            yield k, matches, last, p, inside
            last = _last(m.group(), p)
        inside = True


#: marks the token after a word as opening with a capital ("Sở Giáo dục" is no context
#: for "cơ sở giáo dục")
CAPITAL_AFTER = "^"


def _context(matches: list[re.Match[str]], k: int) -> tuple[str, str, str]:
    """Token k's token before, itself and the token after ("" at the end), `canonical`;
    the token after marked with `CAPITAL_AFTER` when it opens with a capital."""
    after = matches[k + 1].group() if k + 1 < len(matches) else ""
    return canonical(matches[k - 1].group()), canonical(matches[k].group()), \
        (CAPITAL_AFTER if after[:1].isupper() else "") + canonical(after)


def capital_prior(text: str, start: int) -> float | None:
    """How likely the corpus's contexts write the word of `text` at `start` with a
    capital first letter there (`prior` of `T`), when the word stands inside a sentence;
    None for a sentence's first word."""
    for k, matches, last, _, inside in _words_with_context(text):
        if matches[k].start() == start:
            return prior(_pattern_name(last), *_context(matches, k))[T] if inside else None
    return None


def sentence_words(line: str):
    """Per word inside a sentence of `line`: (pattern of the last word before it in the
    sentence or `NONE`, the token before it, the word, its pattern, the token after it or
    ""), tokens `canonical` (lower case, one tone placement)."""
    for k, matches, last, p, inside in _words_with_context(line):
        if inside and p is not None:
            before, word, after = _context(matches, k)
            yield _pattern_name(last), before, word, p, after


@lru_cache(maxsize=1)
def counts() -> dict[tuple[str, ...], tuple[int, int, int]]:
    """The counts `normalizers.word_case_counts` mined, as stored in `data/word_case.tsv`."""
    text = resources.files("normalizers").joinpath("data/word_case.tsv").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            *key, nl, nt, nu = line.split("\t")
            out[tuple(key)] = (int(nl), int(nt), int(nu))
    return out


@lru_cache(maxsize=1)
def _shares() -> dict[str, tuple[float, float, float]]:
    """P(pattern | pattern of the last word before) over all words of the corpus."""
    total: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for key, c in counts().items():
        if key[0] == "W":
            for p in PATTERNS:
                total[key[1]][p] += c[p]
    return {k: tuple(x / sum(v) for x in v) for k, v in total.items()}


def _smoothed(c: tuple[int, int, int] | None, back: tuple[float, ...]) -> tuple[float, ...]:
    c = c or (0, 0, 0)
    n = sum(c)
    return tuple((c[p] + SMOOTHING * back[p]) / (n + SMOOTHING) for p in PATTERNS)


def _contexts(last: str, before: str, word: str, after: str) -> list[tuple[int, int, int]]:
    """The counts of `word` after `before` and before `after` (those the corpus has)."""
    table = counts()
    return [c for c in (table.get(("B", last, before, word)), table.get(("A", last, word, after))) if c]


def prior(last: str, before: str, word: str, after: str) -> tuple[float, ...]:
    """P(pattern) of `word` inside a sentence, given the pattern of the last word before
    it (`last`), the token before and the token after it (all `canonical`): each context
    the corpus has, smoothed towards the word's own counts after a `last` word (those
    towards the share of the pattern there); the larger of the two contexts' for each
    pattern, the word's own when neither context was seen."""
    share = _shares().get(last) or _shares()[NONE]
    own = _smoothed(counts().get(("W", last, word)), share)
    seen = [_smoothed(c, own) for c in _contexts(last, before, word, after)]
    return tuple(max(ps) for ps in zip(*seen)) if seen else own


def evidence(read: int, last: str, before: str, word: str, after: str, own_counts: bool = False) -> float:
    """How likely the corpus makes the pattern a word was `read` with, in its context:
    its `prior` when the corpus has a context of the word; 1.0 when it has neither (no
    evidence against the reading: a name the corpus never wrote). A word read in
    capitals has the word's own counts after a `last` word as its context then: inside a
    sentence in small letters a syllable is written in capitals almost never (0.7 % of
    words, acronyms included). So has a word whose first letter the document misreads
    (`own_counts`) where the corpus has no context of it."""
    if _contexts(last, before, word, after) or ((read == U or own_counts) and ("W", last, word) in counts()):
        return prior(last, before, word, after)[read]
    return 1.0


# ---------------------------------------------------------------- the fix

def _in_capitals(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _candidate(word: str, read: int | None, neighbours: list[str], same_shape: frozenset[str] = SAME_SHAPE) -> bool:
    """Whether `word` (read with pattern `read`, between the words `neighbours` of its
    sentence) is one whose case may be wrong: a word in capitals beside another is a run
    of capitals (a title), not a misread."""
    if read is None:
        return is_syllable(word.lower())
    if read == T:     # a same-shape first letter, or a title's word whose other letters are ("CẢI CÁCH Tổ CHỨC")
        return len(word) > 1 and (fold(word[0]) in same_shape or (
            all(fold(c) in same_shape for c in word[1:]) and neighbours and all(_in_capitals(n) for n in neighbours)))
    if read == U:
        return (len(word) > 1 and is_syllable(word.lower()) and word not in known_acronyms()
                and not any(_in_capitals(n) for n in neighbours))
    return False


def best_case(word: str, last: str, before: str, after: str, same_shape: frozenset[str] = SAME_SHAPE) -> str:
    """`word` in the case pattern the corpus and the channel favour: a word read in mixed
    case in the pattern of highest prior × channel; a word read in a valid pattern in
    another only when that one's prior × channel beats the `evidence` for the reading, never
    in capitals over a letter no same-shape one ("TTHC Lĩnh vực": OCR does not read N as n)."""
    read = pattern(word)
    key = (last, canonical(before), canonical(word), canonical(after))
    pr = prior(*key)
    scores = {p: pr[p] * channel(word, p, same_shape) for p in PATTERNS
              if p != read and not (p == U and read is not None and channel(word, U, same_shape) == OTHER_SLIP)}
    best = max(scores, key=lambda p: (scores[p], -p))
    misread = fold(word[0]) in same_shape - SAME_SHAPE
    titled = read == T and fold(word[0]) not in same_shape     # a title's word (`_candidate`)
    if read is not None and scores[best] <= evidence(read, *key, own_counts=misread or titled):
        return word
    return _as(word, best)


#: What may stand before and after a word (not a letter, digit, "/" or "-": "QĐ-TTg",
#: "UBNDtỉnh" are codes or words run together, no words whose case is in question).
_OPENING = "\"“‘'"
_CLOSING = ",.;:)!?\"”’'"


def _stands_alone(text: str, m: re.Match[str]) -> bool:
    """Whether token `m` of `text` is a word on its own: space or a quote before it, space
    or punctuation after it."""
    before = text[m.start() - 1] if m.start() else " "
    after = text[m.end()] if m.end() < len(text) else " "
    return (before.isspace() or before in _OPENING) and (after.isspace() or after in _CLOSING)


def _neighbours(text: str, toks: list[re.Match[str]], k: int) -> list[str]:
    """The nearest word before and after token `k` in its sentence (those there are),
    acronyms and single letters passed over: "CNTT, ƯU tiên" is no run of capitals, "KẾ
    HOẠCH CCHC NĂM" and "ĐIÍ U HÀNH" are."""
    out = []
    for step in (-1, 1):
        j = k + step
        while 0 <= j < len(toks) and not _ends_sentence(text, toks[j]):
            if toks[j].group().isalpha() and len(toks[j].group()) > 1 and not _acronym(toks[j].group()):
                out.append(toks[j].group())
                break
            j += step
    return out


#: (token before, word) → how often one document reads the word after it with each case
#: pattern (`document_case.document_readings`).
Readings = dict[tuple[str, str], Counter]


def _own_spelling(word: str, before: str, document: Readings | None) -> bool:
    """Whether the document reads `word` after `before` with its pattern as read at least
    `DOCUMENT_REPEATS` times and never with another."""
    if document is None:
        return False
    seen = document.get((canonical(before), canonical(word)))
    read = pattern(word)
    return bool(seen) and seen[read] >= DOCUMENT_REPEATS and seen[read] == sum(seen.values())


def _first_in_capitals(text: str, toks: list[re.Match[str]], k: int) -> bool:
    """Whether token k, a sentence's first word, is a syllable OCR read in capitals ("TỶ
    lệ hồ sơ", "SỞ Nội vụ"): no acronym, a word on its own, the next word in small
    letters (a title in capitals runs on in capitals)."""
    tok = toks[k].group()
    after = toks[k + 1].group() if k + 1 < len(toks) else ""
    return (pattern(tok) == U and _candidate(tok, U, [after]) and _stands_alone(text, toks[k])
            and after.isalpha() and after.islower())


def _first_in_mixed_case(text: str, toks: list[re.Match[str]], k: int) -> bool:
    """Whether token k, a sentence's first word read in mixed case ("QUyẾt", "3.4.ThU", "nhà: nƯớc"),
    is a syllable not run into a letter, figure, "/" or "-" (codes, "TTg", "VNeID", are none)."""
    tok = toks[k].group()
    after = text[toks[k].end()] if toks[k].end() < len(text) else " "
    return is_syllable(tok.lower()) and not (after.isalnum() or after in "/-")


def fix_word_case(text: str, document: Readings | None = None, same_shape: frozenset[str] = SAME_SHAPE) -> str:
    """`text` with the words inside a sentence whose case OCR misread (see the module
    docstring) rewritten in the case the corpus's contexts and the channel favour; a
    pair the `document` always reads the same way (`_own_spelling`) stays, unless its
    first letter is one the document misreads (`same_shape` beyond `SAME_SHAPE`)."""
    toks = list(WORD_OR_MARK.finditer(text))
    out, end = [], 0
    last: int | None = None
    inside = False
    for k, m in enumerate(toks):
        tok = m.group()
        fixed = tok
        if _ends_sentence(text, m):
            inside, last = False, None
        elif tok.isalpha():
            read = pattern(tok)
            own = _own_spelling(tok, toks[k - 1].group(), document) and fold(tok[0]) not in same_shape - SAME_SHAPE
            if inside and _stands_alone(text, m) and _candidate(tok, read, _neighbours(text, toks, k), same_shape) and not own:
                after = toks[k + 1].group() if k + 1 < len(toks) else ""
                fixed = best_case(tok, _pattern_name(last), toks[k - 1].group(), after, same_shape)
            elif not inside and _first_in_capitals(text, toks, k):
                fixed = tok[0] + tok[1:].lower()
            elif not inside and read is None and _first_in_mixed_case(text, toks, k):
                fixed = _as(tok, T if tok[0].isupper() else L)
            last = _last(fixed, pattern(fixed))
            inside = True
        else:
            inside = True
        out.append(text[end:m.start()] + fixed)
        end = m.end()
    return "".join(out) + text[end:]
