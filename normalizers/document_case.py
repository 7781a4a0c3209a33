"""One document's letter case: what its own cells read, as evidence for
`word_case.fix_word_case`.

- `document_readings`: how often the document reads each word after each token with
  each case pattern — a pair it always reads the same way is its own spelling ("chỉ
  số Cải cách hành chính"), not a misread;
- `capitals_read_small`: the first letters it reads small at the start of a quarter
  or more of the cells they start — a capital its font's OCR reads small ("quý I/2026");
- `capitals_misread`: the first letters it reads as capitals inside sentences far more
  often than the corpus's contexts expect — a font whose small letter OCR takes for
  the capital all through (Comfortaa's "l": "quản Lý", "hài Lòng"); for the document
  such a letter is one of `word_case.SAME_SHAPE`, and its repeated pairs are no
  spelling of its own.

`fix_word_case_many` corrects one document's cells with both.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from normalizers.syllables import fold
from normalizers.word_case import SAME_SHAPE, T, U, Readings, sentence_words, fix_word_case, prior

#: A first letter the document reads as a capital inside sentences in this many tokens, of
#: this many words, and this many times as often as the corpus's contexts expect, is a
#: letter OCR takes for its capital in this document's font (`capitals_misread`). Six
#: tokens of three words, and three cell starts below, missed the letters of short plans;
#: four of two, and two cell starts, replayed on the 13 development databases where either
#: changes anything (the model without the plan): 9 better (HELD-OUT 23 plan2025h2
#: `photocopy_w` 0.928 → 0.933, plan2026 `clean200_t` 0.985 → 0.995), 4 unchanged, none
#: worse. One word read so four times or more is evidence too (HELD-OUT 23's "xử Lý",
#: "quản Lý": "Lý" four times where the corpus writes it small): on the 8 development
#: databases where one word instead of two changes anything, 1 better (that scan, 0.964
#: → 0.975, in-sample), 7 unchanged, none worse.
MISREAD_TOKENS = 4
MISREAD_WORDS = 1
MISREAD_RATIO = 2.0
#: … counting only words the corpus's contexts write small more often than not: a name
#: the corpus capitalises there ("thực hiện Kế hoạch") is no evidence either way, and
#: a plan that names itself sixty times would hide the letter's misreads.
CAPITAL_EXPECTED = 0.5
#: A first letter a document reads small at the start of this many distinct cells (twice
#: what a reference plan starts small with one letter), and of this share of the cells it
#: starts, is a capital OCR reads small (`capitals_read_small`): a monospace "Q" read
#: small in 3 of 19 cells ("quý IV/2026"), or League Mono's in 2 of 10 ("quyết định của
#: UBND tỉnh"), is such a letter, a plan that starts its cells small (a share above a
#: tenth) is not.
SMALL_START_CELLS = 2
SMALL_START_SHARE = 0.1


def document_readings(texts: list[str]) -> Readings:
    """(token before, word) → how often `texts` (one document's) read the word inside a
    sentence with each pattern after that token (`canonical` tokens); a cell repeated (a
    merged cell or a section's title on each of its rows) counts once: its misread is
    one misread, not the document's spelling."""
    out: Readings = defaultdict(Counter)
    for text in dict.fromkeys(texts):
        for _last, before, word, p, _after in sentence_words(text):
            out[before, word][p] += 1
    return out


def capitals_misread(texts: list[str]) -> frozenset[str]:
    """The first letters (folded, not `SAME_SHAPE`) one document's `texts` read as capitals
    inside sentences far more often than the corpus writes them there: a font whose small
    letter OCR takes for the capital all through (Comfortaa's "l": "quản Lý", "hài Lòng",
    "pháp Luật"). A letter counts when it is read so in at least `MISREAD_TOKENS` tokens
    of `MISREAD_WORDS` words and `MISREAD_RATIO` times the capitals the corpus's contexts
    expect of those words (`prior`), among the words the corpus's contexts write small more
    often than not (`CAPITAL_EXPECTED`; a plan's own names, "Sở Tài chính", "thực hiện Kế
    hoạch", are no evidence)."""
    read: Counter[str] = Counter()
    expected: Counter[str] = Counter()
    words: defaultdict[str, set[str]] = defaultdict(set)
    for text in texts:
        for last, before, word, p, after in sentence_words(text):
            letter = fold(word[0])
            if p == U or letter in SAME_SHAPE or not letter.isalpha():
                continue
            p_capital = prior(last, before, word, after)[T]
            if p_capital >= CAPITAL_EXPECTED:
                continue
            expected[letter] += p_capital
            if p == T:
                read[letter] += 1
                words[letter].add(word)
    return frozenset(x for x, n in read.items()
                     if n >= MISREAD_TOKENS and len(words[x]) >= MISREAD_WORDS and n >= MISREAD_RATIO * expected[x])


def capitals_read_small(texts: list[str]) -> frozenset[str]:
    """The first letters one document's `texts` read small at the start of at least
    `SMALL_START_CELLS` of its distinct cells, and of at least `SMALL_START_SHARE` of those
    its cells start with: a capital its font's OCR takes for the small letter (a monospace
    "Q": "quý I/2026", "quyết định" beside "Quý", "Quyết định"). A plan starts its cells with
    a capital (3 of the reference plans' 1,186 cells start small: one at most per letter)."""
    small: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for text in dict.fromkeys(texts):
        first = text[:1]
        if first.isalpha():
            (small if first.islower() else capital)[first.lower()] += 1
    return frozenset(x for x, n in small.items()
                     if n >= SMALL_START_CELLS and n >= SMALL_START_SHARE * (n + capital[x]))


def fix_word_case_many(texts: list[str]) -> list[str]:
    """`fix_word_case` of each of `texts` (one document's), with their `document_readings`
    and the letters they read as capitals all through (`capitals_misread`); then the
    first letter of a cell that the document reads small at its cells' starts
    (`capitals_read_small`) a capital."""
    document = document_readings(texts)
    same_shape = SAME_SHAPE | capitals_misread(texts)
    fixed = [fix_word_case(t, document, same_shape) for t in texts]
    small = capitals_read_small(fixed)
    return [t[0].upper() + t[1:] if t[:1] in small else t for t in fixed]
