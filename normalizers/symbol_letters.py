"""Letters OCR read as symbols no Vietnamese word holds: a "†" or a "+" for a t, a "\\" or a "]"
for an i, a "[" for a capital T, a "$" for an S, an "Œ" for a C, a diaeresis or a ring for a hook above,
a "0" for the Q of a decision's code (`fix_symbol_letters` runs them all; `fix_ocr_text` runs it first,
`normalizers.ocr_fixes`).
"""
from __future__ import annotations

import re
import unicodedata

from normalizers.acronym_list import known_acronyms
from normalizers.syllables import VOWELS, is_syllable

#: combining marks no Vietnamese letter wears: a diaeresis ("CÄI" for CẢI, "thöa" for
#: thỏa: a hook above read as two dots) and a ring. The corpus's 20 M syllables hold 159
#: lines with such a letter, each an OCR'd word ("LÏ", "Äh", "öanh").
_FOREIGN_MARKS = re.compile("[\u0308\u030a]")
#: a word, not a part of a code ("90/2020/NÖ-CP": the acronym fix reads "NÖ" by its shape)
_WORD = re.compile(r"(?<![/\-\w])[^\W\d_]+(?![/\-\w])")


def fix_foreign_marks(text: str) -> str:
    """A letter of a word with a diaeresis or a ring without it ("CÄI" → "CAI"): the
    language model puts back the mark it stood for, as for any word read without its
    marks. The letters of a code stay (`_WORD`)."""
    if text.isascii():
        return text
    def strip(m: re.Match[str]) -> str:
        return unicodedata.normalize("NFC", _FOREIGN_MARKS.sub("", unicodedata.normalize("NFD", m.group(0))))

    return _WORD.sub(strip, text) if _FOREIGN_MARKS.search(unicodedata.normalize("NFD", text)) else text


#: a "0" for the Q of "QĐ" in a document number ("468/0Đ-TTg"): the corpus writes "/QĐ-"
#: 4,608 times and "/0Đ-" never
_ZERO_FOR_Q = re.compile(r"(?<=\d/)0(?=Đ-)")


def fix_zero_for_q(text: str) -> str:
    """A document number's "0Đ" read for QĐ put back ("468/0Đ-TTg" → "468/QĐ-TTg")."""
    return _ZERO_FOR_Q.sub("Q", text) if "0Đ" in text else text


#: a dagger touching a letter: the "t" of a font whose t has a long crossbar ("†heo",
#: "soá†"); beside a "t" it read twice, alone it is that t. The corpus writes "†" 11
#: times in 20 M syllables, never in a word.
_DAGGER_BY_T = re.compile(r"†(?=[tT])|(?<=[tT])†")
_DAGGER = re.compile(r"(?<=[^\W\d_])†|†(?=[^\W\d_])")


def fix_daggers(text: str) -> str:
    """Daggers read for the letter t, put back ("†rong" → "trong", "†toàn" → "toàn")."""
    if "†" not in text:
        return text
    return _DAGGER.sub("t", _DAGGER_BY_T.sub("", text))


#: a backslash touching a letter: the stroke of an "i" (Tesseract reads "khi" as "kh\\",
#: "kh\\t"). No plan writes a backslash; the corpus's 20 M syllables hold none.
_BACKSLASH_WORD = re.compile(r"[^\W\d_]*\\[^\W\d_]*")


def _stacked_vowel(word: str) -> bool:
    """Whether a backslash in a word in capitals may be what OCR read a vowel under
    stacked marks as ("Đ\\O" for ĐẠO, "\\NH" for the end of HÀNH): it stands between
    capitals where a vowel makes a syllable, or opens the word before capitals
    (`normalizers.stacked_vowels` makes the word whole with the piece before it)."""
    letters = word.replace("\\", "")
    if not letters.isupper() or word.count("\\") != 1 or word.endswith("\\"):
        return False
    return word.startswith("\\") or any(is_syllable(word.replace("\\", v)) for v in VOWELS)


def _backslash_for_letter(word: str) -> str:
    if word == "\\" or _stacked_vowel(word):
        return word
    for mended in (re.sub(r"\\[^\W\d_]", "i", word, count=1), word.replace("\\", "i"), word.replace("\\", "l")):
        if mended != word and is_syllable(mended.lower()):
            return mended
    return word.replace("\\", "")


def fix_backslashes(text: str) -> str:
    """Backslashes read for an "i" inside a word put back ("Sau kh\\ có" → "Sau khi có",
    "kh\\t" → "khi": the backslash and the letter after it one glyph); one that makes no
    syllable so is dropped (the model then decides the word). In capitals a backslash
    that may be a vowel under stacked marks is left for `normalizers.stacked_vowels`."""
    if "\\" not in text:
        return text
    return _BACKSLASH_WORD.sub(lambda m: _backslash_for_letter(m.group(0)), text)


#: a dollar sign starting a word: an S ("$ở" for Sở, "bổ $ung" in the corpus's own OCR'd
#: lines); a price or a password ("$5", "MatKhau$789") has no letter after it
_DOLLAR_WORD = re.compile(r"(?<![\w$])\$([^\W\d_]+)")


def fix_dollars(text: str) -> str:
    """A dollar sign read for the S starting a word put back ("$ở" → "Sở"), where that
    makes a syllable."""
    if "$" not in text:
        return text
    return _DOLLAR_WORD.sub(lambda m: "S" + m.group(1) if is_syllable("s" + m.group(1).lower()) else m.group(0), text)


#: a closing bracket nothing opened, touching a letter: the stroke of an i and the dot
#: under it read as one glyph ("đơn v]" for đơn vị, "Ngh] định"), an I of a code
#: ("(PC])"), the h of "T]ường". Development scans (134 databases): 36 such words, all
#: OCR'd; the corpus's 133 are OCR'd check boxes ("L] Đại học") and wiki links cut at a line.
_UNOPENED_WORD = re.compile(r"[^\W\d_]+\][^\W\d_]*")
#: what the bracket stood for, likeliest first
_BRACKET_LETTERS = ("ị", "i", "h", "l")


def _bracket_for_letter(word: str) -> str:
    stem = word.replace("]", "")
    if stem.isupper() and len(stem) > 1:
        return word.replace("]", "I")
    for letter in _BRACKET_LETTERS:
        mended = word.replace("]", letter)
        if is_syllable(mended.lower()):
            return mended
    return stem if is_syllable(stem.lower()) else word


def fix_closing_brackets(text: str) -> str:
    """A "]" no "[" opened before it, inside or after a word, put back as the letter it
    stood for ("đơn v]" → "đơn vị", "(DCC])" → "(DCCI)"); one after a whole syllable
    goes ("thị]" → "thị")."""
    if "]" not in text:
        return text
    def mend(m: re.Match[str]) -> str:
        return m.group(0) if "[" in text[:m.start()] or m.group(0).count("]") > 1 else _bracket_for_letter(m.group(0))

    return _UNOPENED_WORD.sub(mend, text)


#: an opening bracket glued to the front of a word's letters that no "]" after it closes:
#: a serif capital T whose bar's ends OCR lost on a copy ("[hường xuyên", "[iếp tục",
#: "[rung ương", "[THC"), or an H whose right stem it read as an l ("[làng năm" for
#: Hàng). The corpus's 20 M syllables hold 36 such words, its own OCR'd "[rung ương"
#: among them, the rest placeholders a line cut from their "]" ("[tên doanh nghiệp"),
#: none of which makes a syllable with a T or H before it.
_UNCLOSED_WORD = re.compile(r"(?<![\w\[])\[([^\W\d_]+)")


def _bracket_for_capital(rest: str) -> str | None:
    """The word "[" + `rest` stands for, or None: H where "[l" is an H and makes a syllable
    a T does not, T where that makes a syllable or opens "th"/"tr" (the correction then
    mends the rest: "[ruvên"), T before a known acronym's other letters."""
    low = rest.lower()
    if rest[:1] in "lI" and rest[1:].islower() and is_syllable("h" + low[1:]) and not is_syllable("t" + low):
        return "H" + rest[1:]
    if rest[1:].islower() and (is_syllable("t" + low) or low[:1] in "rh"):
        return "T" + low
    if rest.isupper() and "T" + rest in known_acronyms():
        return "T" + rest
    return None


def fix_opening_brackets(text: str) -> str:
    """An "[" no "]" closes, glued to the front of a word, put back as the capital it stood
    for ("[hường xuyên" → "Thường xuyên", "[làng năm" → "Hàng năm"); left where neither
    capital makes a word of it."""
    if "[" not in text:
        return text

    def mend(m: re.Match[str]) -> str:
        return m.group(0) if "]" in text[m.end():] else _bracket_for_capital(m.group(1)) or m.group(0)

    return _UNCLOSED_WORD.sub(mend, text)


#: a plus sign starting a word of small letters: a t whose crossbar is long ("+iếp" for
#: tiếp). The corpus's 76 plus signs glued to a word are list bullets before a capital
#: ("+Kiểm tra") but two ("+địa", no t-word).
_PLUS_WORD = re.compile(r"(?<![\w+])\+([^\W\d_]+)")


def fix_pluses(text: str) -> str:
    """A plus sign read for the t starting a word put back ("+iếp" → "tiếp"), where the
    word is in small letters and only that makes a syllable."""
    if "+" not in text:
        return text

    def t_for_plus(m: re.Match[str]) -> str:
        rest = m.group(1)
        if rest.islower() and is_syllable("t" + rest) and not is_syllable(rest):
            return "t" + rest
        return m.group(0)
    return _PLUS_WORD.sub(t_for_plus, text)


#: the ligature "Œ" touching a letter: a C whose opening a speck or a seal's stroke closed
#: ("ŒŒHC", "CŒHG" for CCHC, "ŒÁCH" for CÁCH, "œơ" for cơ). No Vietnamese word holds it;
#: the corpus's 13 lines with one are OCR'd junk.
_OE_IN_WORD = re.compile(r"[Œœ](?=[^\W\d_])|(?<=[^\W\d_])[Œœ]")


def fix_oe_for_c(text: str) -> str:
    """An "Œ" read for a C inside a word put back ("ŒŒHC" → "CCHC", "œơ" → "cơ"); one
    standing alone is left (a speck)."""
    if "Œ" not in text and "œ" not in text:
        return text
    return _OE_IN_WORD.sub(lambda m: "C" if m.group(0) == "Œ" else "c", text)


def fix_symbol_letters(text: str) -> str:
    """All of this module's rules, in order."""
    for step in (fix_foreign_marks, fix_zero_for_q, fix_backslashes, fix_closing_brackets, fix_opening_brackets,
                 fix_dollars, fix_daggers, fix_pluses, fix_oe_for_c):
        text = step(text)
    return text
