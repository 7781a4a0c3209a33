"""Post-OCR corrections the language model cannot make: acronyms by shape, the Roman
numerals of quarters, spaces OCR puts inside codes.

Tesseract `vie` reads all-caps acronyms letter by letter with no dictionary to lean on
("QĐĐ" for QĐ, "HƠNN" for HCNN, "VBQPPIL" for VBQPPL, "UBNOĐ" for UBND), and the
syllable language model knows an acronym only as the class <abbr>. So:

- **acronyms** — a word OCR read in capitals that is neither a Vietnamese syllable nor a
  known acronym is replaced by the one known acronym it is one edit away from (a letter
  too many, a letter misread, two neighbours swapped; compared without marks, so "HĐẤD"
  finds HĐND); when two known acronyms are that close, the clearly more frequent
  one (`DOMINANCE` times) is taken, else the word is kept. A known acronym with the
  same letters as one `DOMINANCE` times more frequent but fewer marks ("HDND" beside
  HĐND) is that one, its marks lost in reading. Known acronyms:
  `data/acronyms.tsv`, mined from ../shared/corpus alone by `python -m
  normalizers.ocr_fixes` (`mine`: all-caps tokens that are no syllable and no Roman
  numeral, weighed by how often they are written and how often a phrase with their
  initials occurs), so no plan that is scored taught it anything.
- **quarters** — after "Quý" come Roman numerals I–IV, listed in increasing order: the
  strokes OCR reads as "T", "L", "l", "1", "|", "!", "i", an I with a speck read as a mark
  ("Ị") are I's and "H" is II ("Quý TV" → "Quý IV", "Quý I, H, III" → "Quý I, II, III"),
  four strokes are III ("HH", "III1"); a list that does not increase is left as read.
- **codes** — a space OCR put before the slash of a document number ("1584 /QĐ-UBND")
  is removed; a lone small "l" before a word is the figure 1 ("6 tháng, l năm"); the
  slashes a copy lost from dates, quarters and document numbers are put back
  (`normalizers.lost_slashes`).
- **symbols read for letters** — a "†" touching a letter is a "t", a "\\" an "i", a "$"
  starting a word an "S", a diaeresis or ring (no Vietnamese letter wears one) no mark
  for the model to mend, the "0" of "468/0Đ-TTg" a Q (`normalizers.symbol_letters`).
- **figures read as letters** — "202ó", "909%", "8o%", "2O2s" (`normalizers.figure_letters`).
- **punctuation** — specks read as punctuation (`normalizers.ocr_punctuation`).
- **letter case** — a word OCR capitalised inside a sentence whose first letter looks
  the same in both cases (c, o, s, v, x …) and which the corpus writes in small letters
  there goes back to small letters ("đơn Vị" → "đơn vị"; "các Sở" stays: `fix_case`,
  list `data/casing.tsv` mined by the same command).

Every change is kept in `plan_rows.raw` by the caller (the text as read).
"""
from __future__ import annotations

import argparse
import gzip
import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path

from normalizers.acronym_list import known_acronyms
from normalizers.figure_letters import fix_figure_letters, fix_percent, fix_sixes
from normalizers.lost_slashes import I_STROKES, QUARTER_NUMERAL, fix_dates, fix_document_numbers, fix_quarter_years
from normalizers.ocr_punctuation import fix_punctuation
from normalizers.syllables import folded_inventory, has_vowel_marks, is_syllable, syllable_inventory
from normalizers.symbol_letters import fix_symbol_letters
from normalizers.text import fold

MIN_COUNT = 3
PHRASE_MIN = 20
DOMINANCE = 10
_CLAUSE = re.compile(r"[,.;:()\"“”!?]")
_WORD = re.compile(r"[^\W\d_]+")
#: a Roman numeral (I–XVIII): a section or quarter number, never an acronym
ROMAN_NUMERAL = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XI?V|XVI{0,3})$")
_CAPS_TOKEN = re.compile(r"(?<![\w-])([A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ&]{1,9})(?![\w])")


# ---------------------------------------------------------------- the known acronyms

def mine(paths: list[Path], phrase_paths: list[Path], min_count: int = MIN_COUNT) -> Counter:
    """Acronyms of the corpus and how much evidence each has: the all-caps tokens of
    `paths` that are no syllable and no Roman numeral (seen `min_count` times, or once
    when phrases back them), each counted once per time it is written plus once per
    time a phrase of 3–6 words with its initials ("hành chính nhà nước" → HCNN) occurs
    in `phrase_paths` (phrases seen at least `PHRASE_MIN` times)."""
    tokens: Counter = Counter()
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                tokens.update(m.group(1) for m in _CAPS_TOKEN.finditer(line))
    phrases: Counter = Counter()
    for path in phrase_paths:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                for chunk in _CLAUSE.split(line.lower()):
                    words = _WORD.findall(chunk)
                    for n in range(3, 7):
                        phrases.update(tuple(words[i:i + n]) for i in range(len(words) - n + 1))
    initials: Counter = Counter()
    for phrase, n in phrases.items():
        if n >= PHRASE_MIN:
            initials["".join("Đ" if w[0] == "đ" else w[0].upper() for w in phrase)] += n
    out = Counter()
    for word, n in tokens.items():
        if is_syllable(word) or ROMAN_NUMERAL.match(word) or (n < min_count and not initials[word]):
            continue
        out[word] = n + initials[word]
    return out


@lru_cache(maxsize=1)
def _by_shape() -> dict[str, list[str]]:
    """Known acronyms by their shape (upper case, marks folded): "HDND" → ["HĐND"]."""
    out: dict[str, list[str]] = {}
    for word in known_acronyms():
        out.setdefault(fold(word).upper(), []).append(word)
    return out


def _one_edit(shape: str) -> set[str]:
    """`shape` with one letter too many, one letter misread or two neighbours swapped.
    (Not with a letter lost: a known acronym one letter longer than the word read is as
    often another acronym written that way, "VBPPL" beside VBQPPL.)"""
    letters = {ch for key in _by_shape() for ch in key}
    out = set()
    for i in range(len(shape)):
        if i < len(shape):
            out.add(shape[:i] + shape[i + 1:])
            out.update(shape[:i] + ch + shape[i + 1:] for ch in letters)
        if i + 1 < len(shape):
            out.add(shape[:i] + shape[i + 1] + shape[i] + shape[i + 2:])
    out.discard(shape)
    return out


#: two acronyms joined by "&" ("TT&TT", "KH&CN"): written so, not an acronym misread
_JOINED = re.compile(r"^[A-ZĐ]{2,}&[A-ZĐ]{2,}$")


@lru_cache(maxsize=1)
def _letters_of_syllables() -> frozenset[str]:
    return frozenset(ch for s in syllable_inventory() for ch in s + s.upper())


def _vietnamese_letters(word: str) -> bool:
    """Whether every letter of `word` is one Vietnamese writes (no "Ö": "NÖ-CP" is NĐ)."""
    return all(ch in _letters_of_syllables() for ch in word)


def acronym_for(word: str) -> str | None:
    """The known acronym an all-caps OCR'd word stands for, or None (see module doc)."""
    known = known_acronyms()
    if len(word) < 2 or not word.isupper() or is_syllable(word) or ROMAN_NUMERAL.match(word) or _JOINED.match(word):
        return None
    if has_vowel_marks(word) and fold(word) in folded_inventory() and _vietnamese_letters(word):
        return None   # a syllable's letters with marks misread ("BỘ MÃY"): a word, not an acronym
    shape = fold(word).upper()
    exact = _by_shape().get(shape, [])
    if word in known:  # a rare spelling without marks of a common one ("HDND" 21 times, HĐND 1,207)
        best = max(exact, key=lambda a: known[a])
        lost_marks = word == shape and best != word
        return best if lost_marks and known[best] >= DOMINANCE * known[word] else None
    found = exact or [a for s in _one_edit(shape) for a in _by_shape().get(s, [])]
    if not found:
        return None
    found.sort(key=lambda a: -known[a])
    if len(found) > 1 and known[found[0]] < DOMINANCE * known[found[1]]:
        return None
    return found[0]


def fix_acronyms(text: str, keep: frozenset[str] = frozenset()) -> str:
    """`text` with each all-caps word `acronym_for` knows replaced; the words of `keep`
    (a document's own acronyms: `normalizers.document_acronyms`) stay."""
    return _CAPS_TOKEN.sub(lambda m: m.group(1) if m.group(1) in keep else acronym_for(m.group(1)) or m.group(1),
                           text)


# ---------------------------------------------------------------- letter case

#: Letters whose capital is their small letter drawn larger: Tesseract tells them apart
#: by size alone and gets it wrong mid-sentence ("các Sở", "đơn VỊ").
SAME_SHAPE = set("cosvwxzôơóòỏõọốồổỗộớờởỡợ")
CASE_MIN_COUNT = 50
#: Only words this short are recased: a word of one or two letters gives Tesseract no
#: small letter beside its first to measure it against (a longer word OCR capitalised is
#: more often a name written so: "Chỉ số Cải cách hành chính").
SHORT_WORD = 2
CASE_MAX_CAPITAL = 0.10
#: Tokens that end a sentence: the word after them is capitalised whatever it is.
SENTENCE_END = frozenset(".!?:;(")


def mine_casing(paths: list[Path]) -> dict[str, int]:
    """Words with a same-shape first letter that the corpus writes in small letters inside
    a sentence (capitalised less than `CASE_MAX_CAPITAL` of `CASE_MIN_COUNT` times at
    least) → how often written so."""
    small: Counter = Counter()
    capital: Counter = Counter()
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                inside = False
                for m in WORD_OR_MARK.finditer(line):
                    token = m.group()
                    if token in SENTENCE_END:
                        inside = False
                        continue
                    if inside and token.isalpha() and token[0].lower() in SAME_SHAPE:
                        (capital if token[0].isupper() else small)[token.lower()] += 1
                    inside = True
    return {w: n for w, n in small.items()
            if n + capital[w] >= CASE_MIN_COUNT and capital[w] < CASE_MAX_CAPITAL * (n + capital[w])}


@lru_cache(maxsize=1)
def small_words() -> frozenset[str]:
    text = resources.files("normalizers").joinpath("data/casing.tsv").read_text(encoding="utf-8")
    return frozenset(line.split("\t")[0] for line in text.splitlines() if line and not line.startswith("#"))


#: A word, or one character that is no space: the tokens of a sentence for its case.
WORD_OR_MARK = re.compile(r"[^\W\d_]+|\S")


def fix_case(text: str) -> str:
    """Inside a sentence and after a word in small letters, a word of at most
    `SHORT_WORD` letters OCR capitalised whose first letter has one shape in both cases,
    and which the corpus writes in small letters there ("đơn Vị", "đơn VỊ" → "đơn vị";
    "các Sở" stays), in small letters."""
    words = small_words()
    out, last, previous = [], 0, None  # previous: the last token, None at a sentence start
    for m in WORD_OR_MARK.finditer(text):
        token = m.group()
        fixed = token
        if (previous is not None and previous.isalpha() and previous.islower() and token.isalpha()
                and len(token) <= SHORT_WORD and token[0].isupper() and token.lower() in words):
            fixed = token.lower()
        out.append(text[last:m.start()] + fixed)
        last = m.end()
        previous = None if token in SENTENCE_END else token
    return "".join(out) + text[last:]


# ---------------------------------------------------------------- quarters, codes

_QUARTER_NUMERALS = rf"{QUARTER_NUMERAL}(?:\s*,\s*{QUARTER_NUMERAL})*"
#: "Quý" read with another tone ("Quỹ III, 1V/2025"; the language model puts the word
#: right later): a quarter only with a year after its numerals
_QUARTER_MISREAD = rf"(?:Qu[yỳỷỹỵ]|QU[YỲỶỸỴ])(?=\s+{_QUARTER_NUMERALS}\s*/\s*\d{{4}})"
#: "Quý" and the numerals after it as read ("Quý I, II", "Quý HH, IV": group 3 the numerals).
QUARTER_LIST = re.compile(rf"(?<![\w])(Quý|QUÝ|quý|{_QUARTER_MISREAD})(\s+)({_QUARTER_NUMERALS})(?![\w])")
_NUMERALS = ("I", "II", "III", "IV")


def _as_numeral(token: str) -> str:
    """A numeral as read, in I's and V's: "T", "L", "l", "1", "|", "!", "i", "Ị" … are I's, "H"
    is II; four strokes are III with a speck ("HH", "III1": there is no numeral IIII), and
    strokes before a V are IV, the one quarter with a V (a serifed I read as two glyphs:
    "T1V", "I1V", "HIV"), and so are an I and a V read as one "W"."""
    numeral = re.sub(f"[{I_STROKES}]", "I", token).replace("H", "II")
    if re.fullmatch(r"I?W", numeral):   # I and V run together in a narrow face ("W/2025", "IW/2025")
        return "IV"
    return "III" if numeral == "IIII" else "IV" if re.fullmatch(r"I+V", numeral) else numeral


_ARABIC_QUARTER = re.compile(r"(?<![\w])(?:Quý|QUÝ|quý)\s+[2-4](?!\d|[.,]\d)")
_ROMAN_QUARTER = re.compile(r"(?<![\w])(?:Quý|QUÝ|quý)\s+(?:II|III|IV)(?![\w])")


def arabic_quarters(texts: list[str]) -> bool:
    """Whether one document writes its quarters in figures: "Quý 2", "quý 3/2026" and
    never "Quý II", "III", "IV" (then its "Quý 1" is written so, not a misread I)."""
    return (any(_ARABIC_QUARTER.search(t) for t in texts)
            and not any(_ROMAN_QUARTER.search(t) for t in texts))


def fix_quarters(text: str, arabic: bool = False) -> str:
    """The quarter numerals after "Quý" as I–IV (see the module doc); with `arabic` (the
    document writes its quarters in figures: `arabic_quarters`) a list of figures stays.
    A list's last numeral after III read as I or II is IV: lists increase, and a copy of a
    Didone loses the hairline of its V ("Quý III, I\\ năm 2026", "Quý III, 1/2025")."""
    def sub(m: re.Match[str]) -> str:
        parts = re.split(r"(\s*,\s*)", m.group(3))
        if arabic and all(p.isdigit() for p in parts[::2]):
            return m.group(0)
        numerals = [_as_numeral(p) if k % 2 == 0 else p for k, p in enumerate(parts)]
        values = [_NUMERALS.index(n) for n in numerals[::2] if n in _NUMERALS]
        if len(values) == len(numerals[::2]) > 1 and values[-2] == 2 and values[-1] < 2:
            numerals[-1], values[-1] = "IV", 3   # after III only IV: a V whose hairline was lost
        if len(values) != len(numerals[::2]) or any(b <= a for a, b in zip(values, values[1:])):
            return m.group(0)
        return m.group(1) + m.group(2) + "".join(numerals)
    return QUARTER_LIST.sub(sub, text)


_SPACED_CODE = re.compile(r"(\d)\s+/(?=[A-ZĐ])")
#: a space after the dash of a document number's codes, where a cell's line broke
#: ("468/QĐ- TTg"; the corpus writes it 49 times to 2,583 without)
_SPACED_ISSUER = re.compile(r"(?<=\d/[A-ZĐ])([A-ZĐ]{0,5}-)\s+(?=[A-ZĐ][A-Za-zĐđ]{0,6}\b)")


#: a lone small "l" before a word: no Vietnamese word is "l"; it is a "1" ("6 tháng, l năm");
#: so is a lone "Í" or "í" (a 1 whose flag reads as an acute) before a word in small letters
#: ("6 tháng, Í năm"; the corpus's lone ones are OCR junk, before a capital a Roman I:
#: "Mục Í Chương")
_LONE_ONE = re.compile(r"(?<![\w.,/-])([lÍí])(?=\s+([^\W\d_]))")


#: Tesseract's fraction slash (U+2044), alone or doubled with the slash it is.
_FRACTION_SLASH = re.compile(r"/?\u2044/?")


def fix_codes(text: str) -> str:
    """The fraction slash some fonts' "/" is read as is a slash ("Quý I⁄2026"); a space
    before the slash of a document number goes ("1584 /QĐ" → "1584/QĐ"), and one after
    the dash of its codes ("468/QĐ- TTg" → "468/QĐ-TTg"); a lone "l", or "Í"
    before a small letter, counting something is a "1" ("l năm", "Í năm" → "1 năm"); the slashes a photocopy
    lost from dates and quarters are put back (`normalizers.lost_slashes`: "1572025" →
    "15/7/2025", "Quý IV 2025" → "Quý IV/2025"; those of document numbers, "83. QĐ-TTg",
    in `fix_ocr_text` after the acronyms)."""
    text = _FRACTION_SLASH.sub("/", text)
    text = _SPACED_ISSUER.sub(r"\1", _SPACED_CODE.sub(r"\1/", text))
    return _LONE_ONE.sub(lambda m: "1" if m.group(1) == "l" or m.group(2).islower() else m.group(0),
                         fix_quarter_years(fix_dates(text)))


#: a document number's type code and the issuer after its hyphen ("65/KH-UBXND")
_CODE_ISSUER = re.compile(r"(\d/[A-ZĐ]{1,4}-)([A-ZĐ]{2,8})(?![\w-])")


def fix_issuers(text: str, keep: frozenset[str] = frozenset()) -> str:
    """A document number's issuer behind its hyphen, out of `fix_acronyms`' reach, read as
    the known acronym `acronym_for` gives where that is one of the document's own (`keep`)
    and the issuer read is not ("65/KH-UBXND" → "65/KH-UBND": a copy's N read "XN"). Only
    the document's own: one edit also parts real issuers of the corpus's codes ("QĐ-TCBC"
    is no TCCB, "XDCQ" no XDCB: 5 of its 2,448)."""
    def sub(m: re.Match[str]) -> str:
        issuer = m.group(2)
        meant = None if issuer in keep else acronym_for(issuer)
        return m.group(1) + (meant if meant in keep else issuer)
    return _CODE_ISSUER.sub(sub, text)


def fix_ocr_text(text: str, keep: frozenset[str] = frozenset(), arabic: bool = False) -> str:
    """All the corrections, in order: symbols read for letters (`normalizers.symbol_letters`),
    sixes, codes, shares, old-style figures (the last three figures read as letters:
    `normalizers.figure_letters`), punctuation, acronyms (the words of `keep` stay),
    document numbers, letter case, quarters (`arabic`: the document
    writes its quarters in figures, `arabic_quarters`). Quarters are read before the
    acronyms too: a numeral read in T's is no acronym ("Quý TIT" is III, not "TT"). Document numbers come
    after acronyms so that their type code and issuer are read first ("18 NXQ TW" →
    "18 NQ TW" → "18-NQ/TW"); an issuer behind a hyphen, out of the acronyms' reach, is
    read after them (`fix_issuers`)."""
    for step in (fix_symbol_letters, fix_sixes, fix_codes, fix_percent, fix_figure_letters, fix_punctuation):
        text = step(text)
    text = fix_quarters(text, arabic)
    text = fix_acronyms(text, keep)
    return fix_quarters(fix_case(fix_issuers(fix_document_numbers(text), keep)), arabic)


# ---------------------------------------------------------------- build the list

def main(argv: list[str] | None = None) -> None:
    from normalizers.lm_build import CORPUS

    ap = argparse.ArgumentParser(description="Mine the known acronyms (data/acronyms.tsv) from the corpus.")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--min-count", type=int, default=MIN_COUNT)
    args = ap.parse_args(argv)
    text = args.corpus / "text"
    counts = mine(sorted(text.glob("*.txt.gz")), [text / "admin_official_docs.txt.gz", text / "legal_congbot.txt.gz"],
                  args.min_count)
    casing = mine_casing([text / "admin_official_docs.txt.gz", text / "legal_congbot.txt.gz"])
    out = resources.files("normalizers").joinpath("data/casing.tsv")
    lines = [f"# Words with a same-shape first letter (c, o, s, v, x …) that ../shared/corpus writes in small letters "
             f"inside a sentence (capitalised less than {CASE_MAX_CAPITAL:.0%} of at least {CASE_MIN_COUNT} times), "
             "with the count. Made by `python -m normalizers.ocr_fixes`; do not edit by hand."]
    lines += [f"{w}\t{n}" for w, n in sorted(casing.items(), key=lambda kv: (-kv[1], kv[0]))]
    Path(str(out)).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(casing)} small-letter words written to {out}")
    out = resources.files("normalizers").joinpath("data/acronyms.tsv")
    lines = [f"# Acronyms of ../shared/corpus/text/*.txt.gz with their evidence (normalizers.ocr_fixes.mine: times "
             "written + times a phrase with their initials occurs). Made by `python -m normalizers.ocr_fixes`; "
             "do not edit by hand."]
    lines += [f"{w}\t{n}" for w, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    Path(str(out)).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(counts)} acronyms written to {out}")


if __name__ == "__main__":
    main()
