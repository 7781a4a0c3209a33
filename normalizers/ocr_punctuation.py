"""Punctuation OCR makes of specks beside words, and the punctuation a copy invents.

A speck beside a word is read as a period, comma, quote, bracket, colon or accent; a
copy adds them by the dozen (toner dust, a seal's dots). `fix_punctuation` takes away
the ones no plan writes, by shape: a period between two words ("Văn.bản") or before a
word in small letters, a mark stuck to the front of a word ("'Các"), a comma before a
closing bracket, a closing quote or bracket nothing opens, periods inside a title in
capitals, lone accents and lone letters ending a cell, an apostrophe after a word, a
comma ending a cell, a hyphen between two syllables or after an acronym, a second mark
after a word's first (",." ",;" ".."). What the language model must
decide (a colon or dash between two words) is `normalizers.stray_punctuation`.
"""
from __future__ import annotations

import re

from normalizers.syllables import has_marks, initials, is_syllable, nucleus

_DOT_BETWEEN = re.compile(r"(?<=[^\W\d_]{2})\.(?=([^\W\d_]{2}))")  # "Văn.bản", not "v.v." or "TP.HCM"
#: "'Các", ".đơn", and before figures a quote or period ("tối thiểu '10%", "Năm .2030"; the
#: corpus writes a quote glued before figures after a space 6 times in 20 M syllables)
_MARK_BEFORE_WORD = re.compile(r"(?<![^\s(])(?:['`.,](?=[^\W\d_])|['`.](?=\d))")
#: a quote glued after a comma, semicolon or colon before a space ("cơ quan,' đơn vị",
#: "ngành;' UBND"): no quotation opens or closes there, a speck beside the mark
_QUOTE_AFTER_MARK = re.compile(r"(?<=[,;:])['’‘`](?=\s)")
_HYPHEN_BETWEEN = re.compile(r"(?<![\w-])([^\W\d_]+)-([^\W\d_]+)(?![\w-])")  # "Hoàn-thiện", not "QĐ-UBND"
#: "cán bộ,công chức"; also after a figure read inside a word ("ĐẠ0,ĐIÊU", the figure
#: put right later by `figures_in_words`): the corpus never writes a letter, a figure and
#: a comma before a word
_COMMA_GLUED = re.compile(r"(?:(?<=[^\W\d_])|(?<=[^\W\d_]\d)),(?=[^\W\d_])")
_COLON_GLUED = re.compile(r"(?<=[^\W\d_]):(?=[^\W\d_])")  # "chất:lượng": a speck in the gap
#: an item's number glued to its first word without its closing period, or with a colon
#: for it ("1.1Đến", "1.2:Tiếp"): the corpus writes "1.1.Đến" 40,829 times, never so
_ITEM_PERIOD_LOST = re.compile(r"(?<![\w.,/])(\d{1,2}(?:\.\d{1,2})+):?(?=[A-ZĐÀ-Ỹ][a-zđà-ỹ])")
#: a quote between two capitals: a speck inside a word in capitals ("“T”THC", "T"THC": a
#: double T whose join was read as a quote)
_QUOTE_IN_CAPS = re.compile(r"(?<=[A-ZĐÀ-Ỹ])[\"“”'](?=[A-ZĐÀ-Ỹ])")
#: a syllable glued to the bracket it opens ("CHÍNH(TTHC)": a bold title's space lost)
_OPEN_GLUED = re.compile(r"([^\W\d_]+)\((?=[^\W\d_])")
_COMMA_BEFORE_CLOSE = re.compile(r"(?<=\w)[,;](?=\))")  # "(VBQPPL,)": no list ends inside its bracket
#: an apostrophe between a word with a vowel and the next word ("nàm'trong", "tra'của"): a
#: speck in the gap; the corpus writes one between letters in names ("K'N", "M'Dr") and
#: English ("Moody's"), never after a word of two letters or more and before another
_APOSTROPHE_BETWEEN = re.compile(r"(?<![\w'’‘`])([^\W\d_]{2,})['’‘`](?=[^\W\d_]{2})")
#: a space before the bracket that closes one opened with none after it ("(VBQPPL )"): a
#: speck's gap; the corpus closes 72,849 of 72,870 such brackets on the word
_SPACE_BEFORE_CLOSE = re.compile(r"(\((?! )[^()]*\w) \)")
#: an acronym's last I read as a second closing bracket ("(DCC))" for "(DCCI)": a serif I's
#: stroke beside the bracket), where the cell closes more brackets than it opens
_I_AS_CLOSE = re.compile(r"(?<!\()\(([A-ZĐ]{2,9})\)\)")


def _apostrophe(m: re.Match[str]) -> str:
    """A space for an apostrophe after a word that has a vowel and is no acronym
    (`_APOSTROPHE_BETWEEN`); "T'THC" and a consonant cluster cut from its vowel stay."""
    word = m.group(1)
    return f"{word} " if nucleus(word) and not word.isupper() else m.group(0)


def _hyphen(m: re.Match[str]) -> str:
    """A hyphen between two syllables, the second in small letters or both in capitals,
    one of them marked ("của-tỉnh", "Hoàn-thiện", "HÀNH-CHÍNH"), or between an acronym and
    a syllable in small letters ("UBND-tỉnh", "NĐ-số"), is a speck: Vietnamese writes its
    words apart (20 M syllables of the corpus hyphen two marked syllables in capitals 11
    times, an acronym and a word in small letters 3 times). Codes ("QĐ-UBND"), names
    ("Rịa-Vũng") and unmarked words ("e-mail", "tua-bin") stay."""
    left, right = m.group(1), m.group(2)
    same_case = right.islower() or (left.isupper() and right.isupper())
    if right.islower() and len(left) > 1 and left.isupper() and is_syllable(right) or \
            same_case and is_syllable(left) and is_syllable(right) and has_marks(left + right):
        return f"{left} {right}"
    return m.group(0)


#: two or more of . , ; : after a word: what OCR makes of a mark and a speck beside it
#: ("sở,.ban", "ngành,;", "90%..", "ĐIỀU.,HÀNH"); an ellipsis is periods only
_MARK_RUN = re.compile(r"(?<=[\w%)])([.,;:])[.,;:]+")
_TOKEN_END = re.compile(r"\S*$")


def _mark_runs(text: str) -> str:
    """`text` with each run of two or more marks after a word cut to its first mark, a
    space after it where a word followed glued to a comma or semicolon ("sở,.ban," → "sở,
    ban,"): 20 M syllables of the corpus write such a run 620 times, mostly after codes
    ("33.7.NĐ.2.12.;"), which stay, as do ellipses ("..."). The first mark is the one the
    page had; what follows it is a speck."""
    def sub(m: re.Match[str]) -> str:
        run = m.group(0)
        if set(run) == {"."} and len(run) > 2 or "." in _TOKEN_END.search(text, 0, m.start()).group(0):
            return run
        glued = m.end() < len(text) and not text[m.end()].isspace()
        return run[0] + (" " if glued and run[0] in ",;" else "")
    return _MARK_RUN.sub(sub, text)


_CLOSING_QUOTE = re.compile(r"(?<=\w)”")
#: a closing bracket glued to a word of two letters or more, the sentence going on in
#: small letters after it ("UBND) các huyện"); "a) nội dung", "1) …" are list items
_CLOSING_BRACKET = re.compile(r"(?<=\w\w)\)(?= [^\W\d_]*[a-zđà-ỹ])")


def _unopened(text: str) -> str:
    """`text` without the closing quotes and brackets glued to a word that nothing before
    them opens ("CHÍNH PHỦ SỐ”", "đo lường sự” hài lòng", "UBND) các huyện"): a speck OCR
    read as punctuation."""
    def sub(m: re.Match[str]) -> str:
        before = text[:m.start()]
        opened = ("“" in before or '"' in before) if m.group(0) == "”" else "(" in before
        return m.group(0) if opened else ""
    if "”" in text:
        text = _CLOSING_QUOTE.sub(sub, text)
    return _CLOSING_BRACKET.sub(sub, text) if ")" in text else text


#: an acronym in brackets read with a square bracket before the round one ("[(TTHC)"): the
#: corpus writes "[(" 14 times in 20 M syllables, each opening a formula of figures
_SQUARE_BEFORE_ROUND = re.compile(r"\[\((?=[A-ZĐ]{2,10}\))")
#: … or read as a curly one ("{VBQPPL)": Noto Serif Display's "(" in a copy); the corpus's
#: administrative text writes no "{" (its legal texts 48, in formulas)
_CURLY_FOR_ROUND = re.compile(r"(?<!\w)\{(?=[A-ZĐ]{2,10}\))")
#: an acronym closed by a bracket, glued to it, the bracket that opens it lost ("HÀNH
#: CHÍNH TTHC)")
_ACRONYM_CLOSED = re.compile(r"(?<![\w(\[])([A-ZĐ]{2,10})\)")


def _open_bracket(text: str) -> bool:
    """Whether a round bracket is open at the end of `text` (a list item's "b)" closes none)."""
    depth = 0
    for ch in text:
        depth = depth + 1 if ch == "(" else max(0, depth - 1) if ch == ")" else depth
    return depth > 0


def _lost_opening(text: str) -> str:
    """`text` with the opening bracket put back before an acronym its closing bracket
    follows, where nothing opened it and the words before it have its letters as their
    initials ("CẢI CÁCH THỦ TỤC HÀNH CHÍNH TTHC)": the definition "(TTHC)" with a speck's
    bracket lost), a square bracket before it gone ("[(TTHC)") and a curly one read for
    it round ("{VBQPPL)")."""
    def sub(m: re.Match[str]) -> str:
        before = text[:m.start()]
        acronym = m.group(1)
        words = re.findall(r"[^\W\d_]+", before)[-len(acronym):]
        return f"({acronym})" if not _open_bracket(before) and initials(words) == acronym else m.group(0)
    text = _CURLY_FOR_ROUND.sub("(", _SQUARE_BEFORE_ROUND.sub("(", text))
    return _ACRONYM_CLOSED.sub(sub, text) if ")" in text else text


#: an acronym opened by a bracket at the end of the cell, its closing bracket lost ("CẢI CÁCH THỦ
#: TỤC HÀNH CHÍNH (TTHC", "cấp tỉnh (PCI.")
_ACRONYM_OPEN_AT_END = re.compile(r"(?<!\w)\(([A-ZĐ]{2,10})([.;:]?)\s*$")   # not "VB(PPL": a Q read "("


def _lost_closing(text: str) -> str:
    """`text` with the closing bracket put back after an acronym a bracket opens at the
    cell's end ("… HÀNH CHÍNH (TTHC" → "(TTHC)"): a cell holds its brackets whole (none of
    the reference plans' cells leaves one open), the cells cut by page breaks are joined
    before they are corrected, and a copy's thin ")" beside a capital's stem is lost."""
    m = _ACRONYM_OPEN_AT_END.search(text)
    if m is None or not _open_bracket(text):
        return text
    return f"{text[:m.start()]}({m.group(1)}){m.group(2)}"


_OPENING_QUOTE = re.compile(r"(?:(?<=\s)|^)[“\"](?=\w)")


def _unclosed(text: str) -> str:
    """`text` without the opening quotes glued to a word that nothing after them closes
    ('chuẩn hóa "HC, xây dựng', '“Tổ chức …': Elstob's double T read as a quote, a
    speck): a cell holds its quotations whole (none of the reference plans' cells opens
    one it does not close)."""
    def sub(m: re.Match[str]) -> str:
        after = text[m.end():]
        return m.group(0) if '"' in after or "”" in after else ""
    return _OPENING_QUOTE.sub(sub, text) if ('"' in text or "“" in text) else text


#: an opening bracket glued to the word after it, not to one before ("cơ (quan", "(Quý IV")
_OPENING_BRACKET = re.compile(r"(?<![\w(\[])\((?=[^\W\d_])")


def _unclosed_brackets(text: str) -> str:
    """`text` without the opening brackets glued to a word that no ")" after them closes
    ("cơ (quan", "(Quý IV/2026", "(UBND các huyện"): a speck, or the foot of a t, read as
    a bracket. A cell holds its brackets whole (none of the reference plans' cells leaves
    one open; pages cut cells are joined before they are corrected); of 253 such
    brackets in the 175 development outputs' paired cells, the truth opens one at 1
    ("(lồng", its ")" lost as well). Runs after `_lost_closing`, which closes an acronym
    opened at the cell's end ("(TTHC")."""
    if "(" not in text:
        return text
    return _OPENING_BRACKET.sub(lambda m: m.group(0) if ")" in text[m.end():] else "", text)


#: a quotation opened by a straight quote and closed by a curly one, or the other way
_MIXED_PAIR = re.compile(r'"([^"“”]*)”|“([^"“”]*)"')


def _paired_quotes(text: str) -> str:
    """A quotation's closing quote in its opening one's shape ('"Chương trình … 2019-2030”'
    → '… 2019-2030"'): a document writes both marks of a pair in one style, and OCR
    reads a closing straight quote after a figure or letter as a curly one (and the other
    way); the opening one, before a capital, is read in the clearer company."""
    def sub(m: re.Match[str]) -> str:
        return f'"{m.group(1)}"' if m.group(1) is not None else f"“{m.group(2)}”"
    return _MIXED_PAIR.sub(sub, text) if '"' in text else text


_QUOTE = re.compile(r'\s?["“”]\s?')


def _lone_quote(text: str) -> str:
    """`text` without its quote mark when it holds one alone, wherever it stands ("thông
    tin" của", "UBXI"tỉnh": a space between the words, "xã hội "" at the end): a cell holds
    its quotations whole, so a quote with no partner is a speck (the reference plans' cells
    hold none). The ten development databases of HELD-OUT 21–24 with such a cell, replayed:
    7 cells made right, none wrong."""
    quotes = list(_QUOTE.finditer(text))
    if len(quotes) != 1:
        return text
    m = quotes[0]
    before, after = text[:m.start()], text[m.end():]
    return before + (" " if before and after else "") + after


_CAPS_DOT = re.compile(r"(?<![\w.])([A-ZĐÀ-Ỹ]+)\.(?=([A-ZĐÀ-Ỹ]+)(?![\w.]))")
_TITLE = re.compile(r"^[A-ZĐÀ-Ỹ]+(?:[ ,]+[A-ZĐÀ-Ỹ]+)+[.:]$")
#: … or ending its words before the acronym it closes with ("… HÀNH CHÍNH: (TTHC)")
_TITLE_BEFORE_ACRONYM = re.compile(r"^([A-ZĐÀ-Ỹ]+(?:[ ,]+[A-ZĐÀ-Ỹ]+)+)[.:] (\([A-ZĐ]{2,}\))$")
#: a title in capitals with a period and a space inside it
_SPACED_TITLE = re.compile(r"^[A-ZĐÀ-Ỹ]+(?:[ ,.]+[A-ZĐÀ-Ỹ]+)+[.:]?$")
#: a period and a space after a word of two capitals or more that is not the title's first
#: ("PHẦN II. NỘI DUNG", "II. THÔNG TIN" stay) nor a Roman numeral ("MỤC II. THỦ TỤC")
_TITLE_INNER_DOT = re.compile(r"(?<=[A-ZĐÀ-Ỹ,] )(?![IVX]+\.)([A-ZĐÀ-Ỹ]{2,})\. (?=[A-ZĐÀ-Ỹ]{2,}\b)")


def _caps_dots(text: str) -> str:
    """A period between two words in capitals that are both syllables ("CHÍNH.PHỦ",
    "CÔNG.TÁC"; "TP.HCM", "VP.UBND" stay); one before a space inside a title in
    capitals, its words all syllables ("CẢI CÁCH. TÀI CHÍNH CÔNG": the corpus's 6,201
    titles in capitals hold 18 such periods, all specks but after a numeral, "PHẦN II.
    NỘI DUNG"); and one or a colon ending a title in capitals ("CẢI CÁCH THỂ CHẾ.", "CẢI
    CÁCH THỦ TỤC HÀNH CHÍNH:"), or ending its words before the acronym in brackets it
    closes with ("CẢI CÁCH THỦ TỤC HÀNH CHÍNH: (TTHC)"): specks."""
    text = _CAPS_DOT.sub(lambda m: f"{m.group(1)} " if is_syllable(m.group(1)) and is_syllable(m.group(2))
                         else m.group(0), text)
    if ". " in text and _SPACED_TITLE.match(text) and _all_syllables(text):
        text = _TITLE_INNER_DOT.sub(r"\1 ", text)
    if _TITLE.match(text) and _all_syllables(text):
        return text[:-1]
    m = _TITLE_BEFORE_ACRONYM.match(text)
    if m and m.group(1).isupper() and _all_syllables(m.group(1)):
        return f"{m.group(1)} {m.group(2)}"
    return text


def _all_syllables(text: str) -> bool:
    return all(is_syllable(w) for w in re.findall(r"[^\W\d_]+", text))


_TRAILING_MARK = re.compile(r"(?<=[^\W\d_)])'(?=\s|$)|(?<=\S),\s*$|(?<=[\w.%)])[-_'’`]+\s*$")
_MODIFIER_TOKEN = re.compile(r"(?:(?<=\s)|^)[\u02b0-\u02ff\u00a8\u00b4\u00b8`]+(?:\s+|$)")
_LAST_LETTER = re.compile(r"(\S+)\s+([^\W\d_])$")


def _stray_marks(text: str) -> str:
    """Specks read as punctuation after a word: an apostrophe ("UBND'", "quy'"; the corpus
    writes one after a letter twice in 20 M syllables), a comma ending the cell
    ("(TTHC),": no cell of the reference plans ends with one), and a dash, underscore or
    quote ending it after a word, a period or a figure ("UBND cấp xã-", "TTHC_", "tỉnh.'":
    a cell holds its whole text, so no code breaks at its end). Specks read as a token of
    their own: a lone spacing accent ("ban ˆ ngành"), and a
    lone letter ending the cell that is an "l" (no Vietnamese word; a list is lettered
    a, b, c and the stroke is a rule's end: "địa bàn tỉnh l") or a small letter after a
    word in capitals ("ĐIỀU HÀNH ì"), or a marked letter after a word and a colon or
    period, which go with it ("HÀNH: Ạ": a blob; a word of one marked letter, "nhà ở",
    "đồng ý", follows no mark). "Phụ lục A", "điểm a" stay."""
    text = _MODIFIER_TOKEN.sub("", text) if not text.isascii() else text
    text = _TRAILING_MARK.sub("", text)
    m = _LAST_LETTER.search(text)
    if m is not None:
        word, letter = m.group(1), m.group(2)
        if letter == "l" or (letter.islower() and word.isalpha() and word.isupper() and len(word) > 1):
            return text[:m.start(2)].rstrip()
        if word[-1] in ":." and word[:-1].isalpha() and has_marks(letter) and letter.lower() != "đ":
            return text[:m.start(2)].rstrip()[:-1]    # "HÀNH: Ạ": a blob read as a mark and a letter
    return text


def fix_punctuation(text: str) -> str:
    """Punctuation that is a speck beside a word: a period between two words with no space
    ("Văn.bản"; one followed by a space and a word in small letters is a speck or a
    comma, which `stray_punctuation` decides with the model), a quote, period or comma
    stuck to the front of a word ("'Các", ".đơn") and a quote or period to the front of
    figures ("tối thiểu '10%"), a comma or semicolon before a closing
    bracket ("(VBQPPL,)") and a space before it when none follows the opening one
    ("(VBQPPL )"), the opening bracket of an acronym's definition put back where it was
    lost or read with a square or curly one (`_lost_opening`), the closing bracket of an acronym
    opened at the cell's end (`_lost_closing`), an opening bracket glued to a word that
    nothing closes (`_unclosed_brackets`), a closing quote or bracket nothing
    opens (`_unopened`), an
    opening quote nothing closes (`_unclosed`), a quote with no partner (`_lone_quote`), a
    closing quote in another shape than its opening one (`_paired_quotes`), periods
    inside and at the end of a title in capitals, a colon at its end (`_caps_dots`), lone accents and a lone
    letter ending the cell (`_stray_marks`), a hyphen
    between two syllables or after an acronym (`_hyphen`), the marks after a word's first
    (`_mark_runs`). A comma glued to the next word gets its space ("bộ,công" → "bộ, công");
    a colon glued between two words is a space ("chất:lượng": a colon is written after a
    word and before a space); a syllable glued to the bracket it opens gets its space
    ("CHÍNH(TTHC)" → "CHÍNH (TTHC)"; the corpus glues 19 of 6,168 brackets, typos but for
    codes such as "KGVX(KD)", which are no syllable and stay); a quote between two
    capitals goes ("T"THC" → "TTHC"), an apostrophe between two words is a space
    ("nàm'trong" → "nàm trong"), a quote glued after a comma, semicolon or colon before
    a space goes ("cơ quan,' đơn vị"); an item's number glued to its first word gets its
    closing period back ("1.1Đến", "1.2:Tiếp" → "1.1.Đến", "1.2.Tiếp"); an acronym's I read
    as a second closing bracket is an I where the cell closes more than it opens ("(DCC))"
    → "(DCCI)").
    "TP.HCM", "1.2", "1,5", "v.v." stay."""
    text = _DOT_BETWEEN.sub(lambda m: " " if m.group(1).islower() else ".",
                            _caps_dots(_stray_marks(_mark_runs(_ITEM_PERIOD_LOST.sub(r"\1.", text)))))
    if text.count(")") > text.count("("):
        text = _I_AS_CLOSE.sub(r"(\1I)", text)
    text = _SPACE_BEFORE_CLOSE.sub(r"\1)", _paired_quotes(_lone_quote(_unclosed(_unopened(
        _unclosed_brackets(_lost_closing(_lost_opening(text))))))))
    text = _COLON_GLUED.sub(" ", _COMMA_GLUED.sub(", ", _COMMA_BEFORE_CLOSE.sub("", text)))
    text = _APOSTROPHE_BETWEEN.sub(_apostrophe, _QUOTE_IN_CAPS.sub("", text))
    text = _OPEN_GLUED.sub(lambda m: m.group(1) + (" (" if is_syllable(m.group(1)) else "("), text)
    return _MARK_BEFORE_WORD.sub("", _QUOTE_AFTER_MARK.sub("", split_hyphened(text)))


def split_hyphened(text: str) -> str:
    """`text` with the hyphens specks make between two syllables apart (`_hyphen`); asked
    again once the marks are corrected ("Truyên-thông" is two syllables only as
    "Truyền-thông")."""
    return _HYPHEN_BETWEEN.sub(_hyphen, text)
