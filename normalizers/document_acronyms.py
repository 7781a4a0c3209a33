"""Acronyms a document writes itself, as evidence for its misread ones.

Tesseract `vie` reads an all-caps acronym letter by letter with no dictionary, and now
and then loses, adds or changes one letter: "THC" for TTHC, "CƠHC" or "CCHC€" for CCHC,
"DCC]" for DCCI, "EDI" for FDI. The corpus-wide rule (`ocr_fixes.acronym_for`) cannot
tell these apart: "THC" is itself an acronym of the corpus, and DCCI (a plan's own
index) is not one, so "DCC]" became the corpus's ĐCCT. The document knows better: a plan
writes its acronyms over and over, and most of the times they are read right.

- `own_acronyms`: the all-caps tokens of one document's cells (no syllable, no Roman
  numeral) and how often each is written; those written at least `OWN_MIN` times are
  the document's own.
- `own_acronym_for`: a token read once or twice that is one edit (a letter lost, one too
  many, one misread, two neighbours swapped: optimal-string-alignment distance 1; marks
  folded; a glued symbol "€ ] } | !" counts as a misread letter) from exactly one of the document's own acronyms written
  `OWN_DOMINANCE` times as often is that acronym. A token that is itself one of the
  document's own is never changed.

- `defined_acronyms`: a plan defines its acronyms, "văn bản quy phạm pháp luật
  (VBQPPL)": a token in brackets after words whose initials it is with one letter
  misread (not the first; "W" beside an initial "ư" is how "Trung ương" is written, TW)
  is those initials, wherever the document writes it ("VBOPPL", a font whose Q reads O,
  read so all through: one of the document's own by count). In the corpus's 20 M
  syllables 153 brackets are their words' initials and none is such a misreading. The
  words must all be syllables: a word misread is no evidence ("pháp tuật (VBQPPL)", l
  read t, made every VBQPPL of a JetBrains Mono copy VBQPPT).
- `_joined_own`: a capital letter alone and the word in capitals after it are one of the
  document's own acronyms read with a space or a dash inside ("T THC", "T-THC": TTHC).
- `_parted_own`: a token in capitals, maybe with a speck read as a period after its first
  letter, that is two acronyms the document writes side by side elsewhere, run together
  ("(P.ARINDEX)" in the cell that writes "(PAR INDEX)" a sentence before: Noto Serif
  Display's copy), is those two; a token the document writes so as often stays
  ("BCĐCCHC", never written "BCĐ CCHC").
- `marked_own`: a token in capitals with a vowel mark that is no syllable ("PCÍ": a speck
  over the I of League Spartan's capitals read as an acute) is the all-caps token the
  document writes without the marks ("Chỉ số PCI" in the same plan): no acronym carries
  a vowel mark, and the letters are the document's own. Without it the word was decoded
  as a syllable one letter away ("phí").
- `misread_defined`: after the two above, a token one letter (not the first) off an
  acronym the document defines, unknown to the corpus, is that acronym: where a face
  reads Q as O more often than not, "VBOPPL" outnumbers VBQPPL and the counts cannot
  tell which is the document's own, but its definition can.

Nothing here is listed per string: the evidence is the document's own text.
"""
from __future__ import annotations

import re
from collections import Counter

from rapidfuzz.distance import OSA

from normalizers.ocr_fixes import QUARTER_LIST, ROMAN_NUMERAL, known_acronyms
from normalizers import syllables
from normalizers.syllables import has_vowel_marks, is_syllable, letters_only
from normalizers.text import fold

#: written at least this many times in a document: one of its own acronyms
OWN_MIN = 3
#: the acronym a rare token is taken for is written at least this many times as often
OWN_DOMINANCE = 3
#: symbols OCR makes of a letter's stroke or of a speck beside an acronym
NOISE = "€]}|!"
#: an all-caps token, with the symbols OCR glues to it ("CCHC€", "DCC]")
_CAPS = re.compile(r"(?<![\w\[{-])([A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ" + re.escape(NOISE) + r"]{1,10})(?![\w-])")


def _shape(token: str) -> str:
    """Upper case, marks folded, glued symbols as "?" (a letter not known)."""
    return "".join("?" if ch in NOISE else ch for ch in fold(token).upper())


def _acronym(token: str) -> bool:
    return len(token) >= 2 and not is_syllable(token) and not ROMAN_NUMERAL.match(token)


def own_acronyms(texts: list[str]) -> Counter[str]:
    """All-caps tokens (no syllable, no Roman numeral, no glued symbol) of one document's
    `texts` → how many times they are written."""
    return Counter(m.group(1) for t in dict.fromkeys(texts) for m in _CAPS.finditer(t)
                   if _acronym(m.group(1)) and not any(ch in NOISE for ch in m.group(1)))


def own_acronym_for(token: str, own: Counter[str]) -> str | None:
    """The document's own acronym that `token` (read in capitals) stands for, or None
    (see the module doc)."""
    n = own.get(token, 0)
    if n >= OWN_MIN or not _acronym(token.rstrip(NOISE) or token):
        return None
    shape = _shape(token)
    near = [a for a, k in own.items() if k >= OWN_MIN and k >= OWN_DOMINANCE * max(1, n) and OSA.distance(shape, _shape(a)) == 1]
    return near[0] if len(near) == 1 else None


#: an acronym in brackets, a speck read as a mark before the closing one ("(VBQPPL,)")
_DEFINED = re.compile(r"\(([A-ZĐ][A-ZĐ]{2,9})[,.;:]?\)")
_WORD = re.compile(r"[^\W\d_]+")


def _one_misread(token: str, acronym: str) -> bool:
    """`token` is `acronym` with one letter, not the first, misread ("W" for the "U" of
    an initial "ư" is how "Trung ương" is written, TW: no misread)."""
    wrong = [(a, b) for a, b in zip(_shape(token), _shape(acronym)) if a != b]
    return (len(token) == len(acronym) and len(wrong) == 1 and token[0] == acronym[0]
            and wrong[0] != ("W", "U"))


def _definitions(texts: list[str]) -> tuple[dict[str, str], set[str]]:
    """The brackets defining an acronym after its words (see `defined_acronyms`): the
    tokens read misread → their initials, and the acronyms so defined."""
    misread: dict[str, str] = {}
    defined: set[str] = set()
    for text in dict.fromkeys(texts):
        for m in _DEFINED.finditer(text):
            token = m.group(1)
            words = _WORD.findall(text[:m.start()])[-len(token):]
            if len(words) < len(token) or not all(is_syllable(w) for w in words):
                continue
            initials = syllables.initials(words)
            if _shape(token) == _shape(initials):
                defined.add(token)
            elif _one_misread(token, initials):
                misread[token] = initials
                defined.add(initials)
    return misread, defined


def defined_acronyms(texts: list[str]) -> dict[str, str]:
    """Token read → the acronym the document defines with it (see the module doc): a
    bracketed all-caps token of three letters or more whose words before it, all
    syllables, have its initials but one letter, not the first, that OCR misread."""
    return _definitions(texts)[0]


def misread_defined(texts: list[str], defined: set[str]) -> dict[str, str]:
    """All-caps token of the document → the acronym of `defined` it is with one letter,
    not the first, misread, when it is near no other and the corpus knows no acronym so
    written ("VBOPPL" beside the definition "(VBQPPL)": a face whose Q reads O more
    often than not outnumbers the acronym's right readings, so the document's counts
    cannot tell which is its own)."""
    known = known_acronyms()
    out = {}
    for token in own_acronyms(texts):
        near = [a for a in defined if _one_misread(token, a)]
        if token not in defined and token not in known and len(near) == 1:
            out[token] = near[0]
    return out


def _replaced(texts: list[str], tokens: dict[str, str]) -> list[str]:
    return [_CAPS.sub(lambda m: tokens.get(m.group(1), m.group(1)), t) for t in texts] if tokens else texts


def marked_own(texts: list[str], own: Counter[str]) -> dict[str, str]:
    """All-caps token with vowel marks, no syllable → the token of `own` (the document's
    all-caps tokens) it is without them, letters and case the same ("PCÍ" → "PCI")."""
    out = {}
    for t in dict.fromkeys(texts):
        for m in _CAPS.finditer(t):
            token = m.group(1)
            if token in out or not token.isupper() or not has_vowel_marks(token) or is_syllable(token):
                continue
            bare = letters_only(token).upper()
            if bare != token and own.get(bare) and _acronym(bare):
                out[token] = bare
    return out


def fix_own_acronyms(texts: list[str]) -> tuple[list[str], frozenset[str]]:
    """One document's cells with each acronym it defines misread (`defined_acronyms`),
    each token in capitals read with a vowel mark it writes elsewhere without (`marked_own`),
    two acronyms it writes side by side read run together parted (`_parted_own`),
    and each all-caps token that is a misread of one of the document's own acronyms
    (`own_acronym_for`) replaced by it, then each token misread from an acronym it
    defines (`misread_defined`), and the document's own acronyms (which the
    corpus-wide rule must leave as they are: DCCI is no ĐCCT)."""
    misread, defined = _definitions(texts)
    texts = _replaced(texts, misread)
    own = own_acronyms(texts)
    texts = _replaced(texts, marked_own(texts, own))
    pairs, together = own_pairs(texts)
    texts = [_joined_own(_own_outside_quarters(_joined_own(_parted_own(t, pairs, together), own), own), own)
             for t in texts]   # joined again: a word put right ('I"FHC' → 'I"THC') may join now
    return _replaced(texts, misread_defined(texts, defined)), frozenset(a for a, k in own.items() if k >= OWN_MIN)


#: two tokens in capitals side by side ("PAR INDEX"), and one that may be two run together,
#: a speck's period maybe after its first letter ("P.ARINDEX")
_PAIR = re.compile(r"(?<![\w.-])([A-ZĐ]{2,10}) ([A-ZĐ]{2,10})(?![\w-])")
_RUN_TOGETHER = re.compile(r"(?<![\w.-])([A-ZĐ])\.?([A-ZĐ]{3,19})(?![\w.-])")


def own_pairs(texts: list[str]) -> tuple[Counter[tuple[str, str]], Counter[str]]:
    """Pairs of acronyms one document's `texts` write side by side, and tokens in capitals
    that may be two run together (`_RUN_TOGETHER`, its period dropped), with how often."""
    distinct = dict.fromkeys(texts)
    pairs = Counter((m.group(1), m.group(2)) for t in distinct for m in _PAIR.finditer(t)
                    if _acronym(m.group(1)) and _acronym(m.group(2)))
    return pairs, Counter(m.group(1) + m.group(2) for t in distinct for m in _RUN_TOGETHER.finditer(t))


def _parted_own(text: str, pairs: Counter[tuple[str, str]], together: Counter[str]) -> str:
    """`text` with a token in capitals that is two acronyms the document writes side by side
    (`own_pairs`) run together, a period maybe after its first letter, parted into them,
    where the document writes the pair at least as often as the token and no other pair
    fits."""
    def part(m: re.Match[str]) -> str:
        whole = m.group(1) + m.group(2)
        fits = [(whole[:k], whole[k:]) for k in range(2, len(whole) - 1) if (whole[:k], whole[k:]) in pairs]
        return " ".join(fits[0]) if len(fits) == 1 and pairs[fits[0]] >= together[whole] else m.group(0)
    return _RUN_TOGETHER.sub(part, text) if pairs else text


#: a capital letter alone, then a word in capitals: an acronym read with a space, a dash (a
#: speck) or a double quote (Elstob's TT ligature: 'T"HC', 'I"THC') inside it
_SPLIT = re.compile(r"(?<![\w./-])([A-ZĐ])[ \"-]([A-ZĐ]{2,10})(?![\w-])")


def _joined_own(text: str, own: Counter[str]) -> str:
    """`text` with a capital letter and the word in capitals after it joined where together
    they are one of the document's own acronyms and the word alone is not ("T THC" →
    "TTHC": Manrope's two T's read apart at 200 dpi; alone, "THC" is one edit from TTHC and
    became it, the lone "T" staying; "T-THC": a speck between them read as a dash), or
    where the only own acronym the word ends is one letter longer, its first letter the
    lone one misread ("I THC": Elstob's T read as an I)."""
    def join(m: re.Match[str]) -> str:
        letter, word = m.group(1), m.group(2)
        whole, alone = letter + word, own[word] >= OWN_MIN
        if own[whole] >= OWN_MIN and not alone:
            return whole
        # the lone letter misread ("I THC", 'I"THC': a serif T read as an I): the one own
        # acronym that is another capital and the word; where the word alone is one of the
        # document's own too (its misreadings can make it so), written OWN_DOMINANCE times
        # as often as it
        least = OWN_DOMINANCE * own[word] if alone else OWN_MIN
        others = [a for a in own if len(a) == len(whole) and a.endswith(word) and a[0] != letter and own[a] >= least]
        return others[0] if len(others) == 1 and own[whole] < OWN_MIN else m.group(0)
    return _SPLIT.sub(join, text) if " " in text or "-" in text or '"' in text else text


def _own_outside_quarters(text: str, own: Counter[str]) -> str:
    """`text` with each all-caps token replaced by `own_acronym_for` it, but a quarter's
    numerals as read ("Quý HH, IV": "HH" is III, no misread "HC"; `ocr_fixes.fix_quarters`
    reads them) stay."""
    numerals = [q.span(3) for q in QUARTER_LIST.finditer(text)]

    def sub(m: re.Match[str]) -> str:
        token = m.group(1)
        if any(a <= m.start(1) < b for a, b in numerals):
            return token
        return own_acronym_for(token, own) or token
    return _CAPS.sub(sub, text)
