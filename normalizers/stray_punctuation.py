"""Punctuation a copy's specks make between two words: "kỹ năng - làm việc", "quy -
định", "các: cơ quan", "quản: lý", "văn bản quy, phạm pháp luật".

A speck on the line between two words is read as " - " or as a colon glued to the word
before. Plans write a spaced dash between names ("Phát thanh - Truyền hình", the next
word capitalised), before a list item, in ranges ("2021 - 2025"), and a colon before a
list ("trong đó: mức độ", "gồm:"); inside a phrase in small letters neither. So a " - "
or ":" between two syllables in small letters goes when the language model finds the
words far likelier side by side than across it, the words before and after included:
`DASH_MARGIN` nats for a dash, `COLON_MARGIN` for a colon (measured: "trong đó: mức"
−7.8, "gồm: các" +3.5, "như sau: các" −5.3; the specks "thực hiện: các" +11, "các: cơ
chế" +18, "quản: lý" +22). A comma or semicolon goes only inside a phrase the model all
but knows as one (`COMMA_MARGIN`): lists of short names put commas where the words could
as well run on (the reference plans' own commas and semicolons between two syllables in
small letters gain at most +10.6 by going, "quy trình, nghiệp vụ"; the specks "quy,
phạm" +26, "ký số, chuyên dùng" +12.4).

A speck touching a word is read as a dash or colon glued to it ("chuyển đổi -số", "giải-
quyết", "nghiệp :vụ"): the same test, the same margins; plans glue a dash to a word
only in codes and ranges ("QĐ-TTg", "2021-2025") and to a capital starting a list item,
after a mark or at a cell's start ("ngành; -UBND"). A dash glued to a capitalised word
right after a word in small letters ("của -Trung ương" +11.0, "và -Truyền thông" +11.3)
takes the dash's test too; a name's spaced dash read glued keeps it ("Phát thanh
-Truyền hình" −1.6).
A colon glued to a syllable in small letters after a space is a speck whatever the word
before ("Sở Nội :vụ"): no colon opens a word (the corpus: 10 in 20 M syllables, specks
or a list's colon set apart before a capital).

A cell's first word, capitalised, takes the test for a colon glued to it too ("Các: sở,
ban, ngành", "Thường: xuyên", "Duy: trì"), at `OPENING_MARGIN`: with one word before
it the model has less to go on ("các: sở ban" +7.6, "thường: xuyên" +20.2, a list's "gồm:
các sở" +3.9, "lưu ý: các cơ" +0.8), and the reference plans open no cell with a word and
a colon before small letters (the corpus opens a sentence so a few dozen times in 20 M
syllables, "Các:" twice). A comma after the cell's first word takes the same test at
the same margin, the commas among the two words after it read too ("Các, sở, ban" +15.6,
"Các, cơ quan," +12.5, "Định, kỳ hằng" +18.3, "Thường, xuyên" +18.7): a list of names
that opens a cell keeps its comma ("Sở, ban, ngành" −8.1; misread, "Sở, bàn, ngành"
+4.7, where the words alone gave +6.1), and the mid-sentence `COMMA_MARGIN` does not
apply — a cell's first word is no list item the words after could run on from.

A word with a capital first letter inside a sentence takes the test for a colon glued to
it too ("Sở Kế hoạch và Đầu: tư", "Bộ, ngành Trung: ương", "Chính: phủ"), at
`TITLED_COLON_MARGIN`: the corpus writes such a colon before a syllable in small letters
115 times in 20 M syllables, where going gains at most +8.9 ("Việt Nam: của Luật") but
for its own specks ("thuộc Danh: mục" +21.3, "của Chính: phủ" +19.1, "hồi Giấy: chứng
nhận" +13.2); "Đầu: tư" +17.0. On the stored texts of the 123 development databases: 5
cells right that were wrong, none wrong, 3 more a speck fewer.

A colon before a capitalised word takes the test at `TITLED_COLON_MARGIN` ("tỉnh Ninh:
Bình" +17.4, "dữ liệu với: Cổng dịch vụ" +15.8; a sentence after a colon stays, "Lưu ý:
Các cơ quan" +0.8, "Nội dung: Tăng cường" −0.8), one after an acronym at `COLON_MARGIN`
("giải quyết TTHC: còn hiệu lực" +9.6, "CCHC: các nội dung" +4.9 stays).

A dash glued to a capitalised word inside a sentence takes the dash's test too ("Văn-
phòng UBND" +20.2, "Sở -Tư pháp" +19.8); two names a dash joins keep it ("Hà Nội
-Hải Phòng" −10.4, "Bà Rịa -Vũng Tàu" −13.9).

A comma or semicolon before a capitalised word or an acronym the model knows ("Nghị
quyết của, HĐND tỉnh" +16.6, "trên, Cổng dịch vụ" +12.5, "Văn phòng, UBND tỉnh" +18.6),
or after a capitalised word inside a sentence ("Sở Khoa, học" +20.5), takes the comma's
test at `COMMA_MARGIN` too: the three plans' own commas and semicolons there gain at most
+9.0 by going ("thực hiện; Quyết định"; 103 before a capital, 14 after one, none above
+4 of those). On the 60 development databases of HELD-OUT 21–25: 13 cells right that were
wrong, none wrong.

A colon ending a cell is a speck when the model finds the cell likelier to end without
it by `END_COLON_MARGIN` nats ("theo quy định:" +1.1, "dự toán ngân sách:" +5.7, "kết nối,
chia sẻ:" +7.7); a cell may end with the colon of a list its next rows hold ("các nội
dung gồm:" −7.2, "cụ thể như sau:" −8.8, "theo các bước:" +0.9).

A comma, semicolon or colon glued between two words in capitals (a section title: "CẢI
CÁCH THỦ, TỤC HÀNH CHÍNH") goes at `CAPITALS_MARGIN`: titles list their items with commas
("CHỈ ĐẠO, ĐIỀU HÀNH" −3.5, "ĐIỆN TỬ, CHÍNH QUYỀN SỐ" +2.8, "BỘ MÁY, HÀNH CHÍNH" +12.3), and
so do the corpus's lines in capitals ("LỀ ĐƯỜNG, DẪY CỎ" +13.4); "THỦ, TỤC" +28.8. A
dash between words in capitals stays: titles set one between their parts ("ĐỊNH MỨC -
KINH TẾ KỸ THUẬT"), spaced or not. On the corpus's 3,276 lines in capitals with a mark, one
more changed ("ĐẦU: TƯ", an OCR speck); replayed on the 84 development databases of
HELD-OUT 21–27, 11 cells right that were wrong (one copy's title, in every row of its
section), none wrong.

A comma a speck above made a semicolon ("các sở; ban, ngành", "cán bộ; công chức") is a
comma again when the model finds the comma likelier by `SEMICOLON_MARGIN` nats, two words
either side (the reference plans' own semicolons gain at most +10.1 by becoming commas,
"Luật Cán bộ, công chức; Luật Viên chức"; the specks "các sở; ban" +14.4, "cơ quan; đơn
vị" +15.7).

A period followed by a word in small letters ends no sentence: a copy that lost the tails
of its commas reads them as periods (GFS Didot's hairline comma: "các sở. ban. ngành"),
a speck reads as one too ("văn bản. pháp luật"); it is a comma where the model finds the
comma likelier than no mark (`PERIOD_COMMA_MARGIN`), with the commas already put back in
its context, else it goes. Before an acronym ("ngành. UBND các huyện") it is a comma only
where the model finds the comma likelier than the period by `CAPITAL_COMMA_MARGIN`.
A copy that reads its commas as periods does so all through: where at least
`COMMAS_AS_PERIODS_SHARE` of the periods and commas between a word and a word in small
letters are periods, three at least (`commas_read_as_periods`; 0.46–0.53 on the three
plans copied in GFS Didot, at most 0.024 on the 57 other development scans), every such
period is a comma (the model had dropped "thu. chi" as a speck, "thu chi"), one before
an acronym is a comma wherever the model finds it likelier than the period, and one
before a figure is a comma ("Đến năm 2025. 100% văn bản", "hằng quý. 6 tháng": the
model reads figures as unknown words and cannot weigh them).

A dash glued after a comma or a semicolon ("ban,- ngành") or, after one and a space,
glued before a word in small letters ("người dân, -tổ chức") is a speck: the corpus
writes ",-" or ";-" four times in 20 M syllables, all junk, and ", -" before small
letters never. A dash glued between a comma and the next word ("cắt giảm,-đơn giản",
"Sở Nội vụ,-Sở Tài chính") stands in the comma's space.

A colon glued to a word the corpus all but never writes one after ("Nghị định của: Chính
phủ", before a capital where the model cannot judge), and a period between a word and
the figures it takes ("so với năm. 2021"), are specks too (`normalizers.marks_after_words`).

A dash between a syllable in small letters and figures ("Đến năm-2025") is a speck
too: the corpus writes one 33 times in 20 M syllables, all specks but "urani-235" (no
syllable) and single letters.

A quote glued between two syllables ("Tỉnh'ủy" for "Tỉnh ủy") is a speck read in the
gap between two words: Vietnamese writes no apostrophe inside a phrase, so it is a space.

A colon between two words the model reads as a semicolon by `COLON_SEMICOLON_MARGIN`
nats, and as likelier than no mark, is one: a condensed Didone's semicolon loses its tail
on a copy ("kế hoạch: báo cáo" +8.4, "các TTHC: Quy trình" +12.9; "gồm: các" −3.9).

A question mark glued to a syllable before a word in small letters ("Sở? ban, ngành",
"Các sở? ban": TeX Gyre Cursor's comma at 300 dpi) is a comma: the corpus asks so 10
times in 20 M syllables, junk all, and no plan cell asks a question; then it takes the
comma's test above.
"""
from __future__ import annotations

import re

from normalizers.marks_after_words import drop_figure_periods, drop_speck_colons
from normalizers.lm import Model
from normalizers.syllables import is_syllable

DASH_MARGIN = 4.0
COLON_MARGIN = 8.0
COMMA_MARGIN = 12.0
END_COLON_MARGIN = 1.5
OPENING_MARGIN = 6.0
OPENING_MARKS = (": ", ", ")  # the marks after a cell's first word that take the opening test
TITLED_COLON_MARGIN = 12.0
SEMICOLON_MARGIN = 12.0
PERIOD_COMMA_MARGIN = 0.0
CAPITAL_COMMA_MARGIN = 6.0
CAPITALS_MARGIN = 16.0
COMMAS_AS_PERIODS_SHARE = 0.1
COMMAS_AS_PERIODS_AT_LEAST = 3  # periods: one or two specks in a short document say nothing
_SEMICOLON = re.compile(r"(?<=[^\W\d_]);(?= [^\W\d_])")
_COLON_BETWEEN = re.compile(r"(?<=[^\W\d_]):(?= [^\W\d_])")
COLON_SEMICOLON_MARGIN = 4.0
_END_COLON = re.compile(r"(?<=[^\W\d_]):\s*$")
#: a spaced dash, a colon, comma or semicolon glued to the word before, a dash glued to
#: either word ("chuyển đổi -số", "giải- quyết") or a colon glued to the word after
#: ("nghiệp :vụ"), between two words
_STRAY = re.compile(r"(?<=[^\W\d_])(?: [-–] |[-–:,;] | [-–:](?=[^\W\d_]))(?=[^\W\d_])")
_MARGIN = {":": COLON_MARGIN, ",": COMMA_MARGIN, ";": COMMA_MARGIN}
_WORD = re.compile(r"[^\W\d_]+")
_GLUED_QUOTE = re.compile(r"([^\W\d_]+)['’‘`]([^\W\d_]+)")


def _quote_apart(text: str) -> str:
    """"Tỉnh'ủy" → "Tỉnh ủy": a quote between two syllables is a space (see the module doc)."""
    return _GLUED_QUOTE.sub(lambda m: f"{m.group(1)} {m.group(2)}"
                            if is_syllable(m.group(1)) and is_syllable(m.group(2)) else m.group(0), text)


#: a dash glued after a comma or semicolon ("ban,- ngành", "tỉnh;- các sở"), or glued
#: before a word in small letters after one ("người dân, -tổ chức")
_DASH_AT_COMMA = re.compile(r"(?<=[,;])[-–](?=\s|$)|(?<=[,;] )[-–](?=([^\W\d_]))")
#: a dash glued between a comma and the next word ("cắt giảm,-đơn giản", "Sở Nội vụ,-Sở
#: Tài chính"): the speck in the comma's space
_DASH_FOR_SPACE = re.compile(r"(?<=[^\W\d_],)[-–](?=[^\W\d_])")


def _dash_at_comma_apart(text: str) -> str:
    """"ban,- ngành" → "ban, ngành", "dân, -tổ chức" → "dân, tổ chức", "giảm,-đơn" →
    "giảm, đơn" (see the module doc)."""
    text = _DASH_FOR_SPACE.sub(" ", text)
    return _DASH_AT_COMMA.sub(lambda m: "" if m.group(1) is None or m.group(1).islower() else m.group(0), text)


#: a question mark glued to a syllable before a word in small letters ("Sở? ban, ngành")
_QUESTION_MID_SENTENCE = re.compile(r"(?<=[^\W\d_])\?(?= ([^\W\d_]))")


def _question_as_comma(text: str) -> str:
    """"Sở? ban, ngành" → "Sở, ban, ngành": a typewriter face's comma read as a question
    mark (see the module doc); then a comma like any other, a speck's where the model
    reads the words as one phrase."""
    return _QUESTION_MID_SENTENCE.sub(lambda m: "," if m.group(1).islower() else "?", text)


_DASH_BEFORE_FIGURES = re.compile(r"(?<![\w-])([^\W\d_]{2,})-(?=\d)")


def _figures_apart(text: str) -> str:
    """"năm-2025" → "năm 2025": a dash between a syllable in small letters and figures is
    a speck (see the module doc)."""
    return _DASH_BEFORE_FIGURES.sub(lambda m: f"{m.group(1)} " if m.group(1).islower() and is_syllable(m.group(1))
                                    else m.group(0), text)


def _words_around(text: str, m: re.Match[str]) -> tuple[list[str], list[str]]:
    """The two words before match `m` of `text` and the two after it, as written."""
    return _WORD.findall(text[:m.start()])[-2:], _WORD.findall(text[m.end():])[:2]


def _end_colon(text: str, model: Model) -> str:
    """`text` without a colon ending it that the model reads as a speck (see the module doc)."""
    m = _END_COLON.search(text)
    words = [w.lower() for w in _WORD.findall(text[:m.start()])[-3:]] if m else []
    if words and model.sentence_logprob(words) - model.sentence_logprob([*words, ":"]) > END_COLON_MARGIN:
        return text[:m.start()]
    return text


_WORD_OR_COMMA = re.compile(r"[^\W\d_]+|,")


def _two_words(tokens: list[str]) -> list[str]:
    """`tokens` (words and commas) up to their second word, in small letters."""
    end, words = 0, 0
    while end < len(tokens) and words < 2:
        words += tokens[end] != ","
        end += 1
    return [t.lower() for t in tokens[:end]]


def _two_words_back(text: str) -> list[str]:
    """The last two words of `text` in small letters, with the commas among and after them
    ("các sở, ban" → sở , ban)."""
    return _two_words(_WORD_OR_COMMA.findall(text)[::-1])[::-1]


def _two_words_on(text: str) -> list[str]:
    """The first two words of `text` in small letters, with the commas among them
    ("sở, ban, ngành" → sở , ban)."""
    return _two_words(_WORD_OR_COMMA.findall(text))


def _semicolon_for_colon(text: str, model: Model) -> str:
    """`text` with each colon between words that the model reads as a semicolon by
    `COLON_SEMICOLON_MARGIN` nats, and as likelier than no mark, made one (see the module doc)."""
    def mend(m: re.Match[str]) -> str:
        before, after = [w.lower() for w in _WORD.findall(text[:m.start()])[-2:]], _two_words_on(text[m.end():])
        semicolon = model.sentence_logprob([*before, ";", *after])
        colon, none = (model.sentence_logprob([*before, *mark, *after]) for mark in ([":"], []))
        return ";" if semicolon - colon > COLON_SEMICOLON_MARGIN and semicolon > none else ":"
    return _COLON_BETWEEN.sub(mend, text)


def _comma_for_semicolon(text: str, model: Model) -> str:
    """`text` with the semicolons the model reads as a comma a speck changed made commas
    again (see the module doc)."""
    out, at = [], 0
    for m in _SEMICOLON.finditer(text):
        before = _two_words_back("".join(out) + text[at:m.start()])   # the commas already put back count
        after = [w.lower() for w in _WORD.findall(text[m.end():])[:2]]
        if model.sentence_logprob([*before, ",", *after]) - model.sentence_logprob([*before, ";", *after]) \
                > SEMICOLON_MARGIN:
            out += [text[at:m.start()], ","]
            at = m.end()
    return "".join(out) + text[at:]


_PERIOD_MID_SENTENCE = re.compile(r"(?<=[^\W_]{2})\. (?=[^\W\d_])")


_PERIOD_OR_COMMA_BEFORE_SMALL = re.compile(r"(?<=[^\W_])([.,]) (?=[^\W\d_])")


def commas_read_as_periods(texts: list[str]) -> bool:
    """Whether a document's copy reads its commas as periods: of the periods and commas
    between a word and a word in small letters, at least `COMMAS_AS_PERIODS_SHARE` are periods."""
    marks = [m.group(1) for t in texts for m in _PERIOD_OR_COMMA_BEFORE_SMALL.finditer(t)
             if _WORD.match(t, m.end()).group(0).islower()]
    periods = marks.count(".")
    return periods >= COMMAS_AS_PERIODS_AT_LEAST and periods >= COMMAS_AS_PERIODS_SHARE * len(marks)


def _period_mid_sentence(text: str, model: Model, commas_as_periods: bool = False) -> str:
    """`text` with the periods a copy made of commas that lost their tails ("các sở. ban.
    ngành") put back as commas, the model judging with the three words or commas before
    the period and the two words after it (unless the document reads its commas as
    periods, `commas_as_periods`: then a comma before small letters, and before an
    acronym where the model finds it likelier than the period):

    - before a word in small letters (a sentence does not go on in small letters after
      a period): a comma where the model finds it likelier than no mark by
      `PERIOD_COMMA_MARGIN` nats, else nothing (a speck: "văn bản. pháp luật");
    - before a word in capitals, an acronym: a comma where the model finds it likelier
      than the period by `CAPITAL_COMMA_MARGIN` ("ngành. UBND các huyện" +11.8); other
      capitals keep the period (the model, in small letters, cannot tell "hợp lý, tổ
      chức" from "hợp lý. Tổ chức")."""
    out, at = [], 0
    for m in _PERIOD_MID_SENTENCE.finditer(text):
        word = _WORD.match(text, m.end()).group(0)
        small = word.islower()
        done = "".join(out) + text[at:m.start()]          # the commas already put back count
        before = [t.lower() for t in _WORD_OR_COMMA.findall(done)[-3:]]
        after = [w.lower() for w in _WORD.findall(text[m.end():])[:2]]

        def comma_gain(instead: list[str]) -> float:   # the comma against `instead`, asked only when needed
            return model.sentence_logprob([*before, ",", *after]) - model.sentence_logprob([*before, *instead, *after])
        if small:
            wanted = commas_as_periods or comma_gain([]) > PERIOD_COMMA_MARGIN
            out += [text[at:m.start()], ", " if wanted else " "]
        elif len(word) > 1 and word.isupper() and \
                comma_gain(["."]) > (0.0 if commas_as_periods else CAPITAL_COMMA_MARGIN):
            out += [text[at:m.start()], ", "]
        else:
            continue
        at = m.end()
    return "".join(out) + text[at:]


_PERIOD_BEFORE_FIGURE = re.compile(r"(?<=[^\W_]{2})\. (?=\d)")


def _test_margin(match: str, left: str, right: str, opening: bool, model: Model) -> float | None:
    """The nats by which the model must prefer the words without the mark `match` (as
    matched, its spaces included) between the words `left` and `right` for it to go, or
    None where no test applies (see the module doc); `opening`: `left` is the cell's first
    word."""
    # after a capitalised word inside a sentence: "Đầu: tư", "Sở Khoa, học"
    titled = match in (": ", ", ", "; ", "- ", "– ", " -", " –") and not opening \
        and left[:1].isupper() and left[1:].islower()
    # a dash glued to a capitalised word right after a word, no mark between: "của -Trung ương"
    glued_to_name = match in (" -", " –") and (left.islower() or titled) and right[:1].isupper() and right[1:].islower()
    # a comma before a capitalised word or an acronym the model knows: "của, HĐND tỉnh"
    before_name = match in (", ", "; ") and not opening and right[:1].isupper() and right.lower() in model.index
    # a colon before a capitalised word ("Tỉnh Ninh: Bình", "với: Cổng") or after an acronym ("TTHC: còn")
    before_title = match == ": " and not opening and right[:1].isupper() and right[1:].islower()
    acronym = match == ": " and not opening and len(left) > 1 and left.isupper() and left.lower() in model.index
    # a comma, semicolon or colon glued between two words in capitals (a section title):
    # "CẢI CÁCH THỦ, TỤC HÀNH CHÍNH"
    capitals = match in (", ", "; ", ": ") and len(left) > 1 and len(right) > 1 and left.isupper() \
        and right.isupper() and not opening
    if not ((left.islower() or opening and left[1:].islower() or titled or acronym or capitals)
            and (right.islower() or glued_to_name or before_name or before_title or capitals)
            and (is_syllable(left.lower()) or acronym) and (is_syllable(right.lower()) or before_name)):
        return None
    mark = match.strip()
    if opening:
        return OPENING_MARGIN
    if capitals:
        return CAPITALS_MARGIN
    return TITLED_COLON_MARGIN if (titled or before_title) and mark == ":" else _MARGIN.get(mark, DASH_MARGIN)


def drop_stray_punctuation(text: str, model: Model, commas_as_periods: bool = False) -> str:
    """`text` without the spaced dashes and the colons, commas and semicolons glued to
    the word before, between two words in small letters that the model reads as one
    phrase, a colon ending it the model reads as a speck, and the quotes glued between
    two syllables, a dash glued to a comma, a dash between a syllable and figures, a colon
    after a word the corpus all but never writes one after and a period between a word
    and the figures it takes (`normalizers.marks_after_words`); a semicolon the model
    reads as a comma is one, and a period before
    small letters a comma or nothing, one before an acronym a comma where the model is
    sure (see the module doc)."""
    for mend in (_quote_apart, _dash_at_comma_apart, drop_speck_colons, drop_figure_periods, _figures_apart,
                 _question_as_comma):
        text = mend(text)    # the marks told by their shape or the corpus's counts, no model asked
    text = _end_colon(text, model)
    if ". " in text:
        text = _period_mid_sentence(text, model, commas_as_periods)
        if commas_as_periods:
            text = _PERIOD_BEFORE_FIGURE.sub(", ", text)
    if ": " in text:
        text = _semicolon_for_colon(text, model)
    if "; " in text:
        text = _comma_for_semicolon(text, model)
    if not _STRAY.search(text):
        return text
    out, at = [], 0
    for m in _STRAY.finditer(text):
        before, after = _words_around(text, m)
        left, right = before[-1], after[0]
        if m.group(0) == " :" and right.islower() and is_syllable(right):
            out += [text[at:m.start()], " "]    # no colon opens a word: "Sở Nội :vụ"
            at = m.end()
            continue
        opening = m.group(0) in OPENING_MARKS and text[:m.start()].strip() == left   # "Các: sở", the cell's first word
        margin = _test_margin(m.group(0), left, right, opening, model)
        if margin is None:
            continue
        mark = m.group(0).strip()
        # after a cell's first word, the commas of the list that follows count ("Các, sở, ban")
        words = [w.lower() for w in before], _two_words_on(text[m.end():]) if opening and mark == "," \
            else [w.lower() for w in after]
        gain = model.sentence_logprob([*words[0], *words[1]]) - model.sentence_logprob([*words[0], mark, *words[1]])
        if gain > margin:
            out += [text[at:m.start()], " "]
            at = m.end()
    return "".join(out) + text[at:]
