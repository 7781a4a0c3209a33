"""Does the text at the top of a page start a cell of its own? What the case of its
first word says, when every column is closed by a rule at the page break.

Vietnamese writes a word with a capital inside a sentence only when it is (part of) a
name: "Sở Tư pháp", "Khoa học và Công nghệ". Most words are written in small letters
there ("phối hợp", "các sở", "bố trí"): such a word written with a capital starts a
sentence. So when the text above the break stops inside a sentence (no full stop,
semicolon or colon after its last word) and the text below opens with such a word
capitalised, the lower text is not the next line of the upper one: it is a new cell,
and the row it belongs to is a new row (a cut row goes on in every cut cell).

How often a word is capitalised inside a sentence is counted in the language model's
training text (`normalizers.case_channel`, `Model.case_counts`: after a word or a
comma). A word counts as written with a capital only at a sentence's start when fewer
than `CAPITAL_INSIDE_SHARE` of its `MIN_SEEN` or more occurrences inside sentences are
capitalised; a word seen less often, unknown, or without its marks (stripped text)
says nothing.

OCR can read a small letter as its capital when the two differ only in size ("c"/"C",
"o"/"O", "s"/"S", "v"/"V" … with or without marks): in OCR'd text such an initial
capital is no evidence.

A cell that opens with the item number after the one the text above opens with ("1.4."
under "1.3. Tham mưu …") is the next item's, whatever the case of its words or the end
of the text above (`next_item_number`): no cell of the reference plans holds two
numbered items, and a cut cell goes on with its sentence, not with a new number.
"""
from __future__ import annotations

import re
import unicodedata

#: Share of a word's occurrences inside sentences written with a capital, below which
#: its capital marks the start of a sentence (phối 0.1 %, các 0.2 %; names such as
#: công 12 %, sở 18 %, bộ 53 %).
CAPITAL_INSIDE_SHARE = 0.01
#: Occurrences inside sentences a word needs before its case counts are evidence.
MIN_SEEN = 100
#: Marks after which a new sentence (capitalised) may go on in the same cell.
SENTENCE_ENDS = ".;:!?…"
#: Marks that open an item of a list ("- Tỷ lệ …"): a cell that opens with one is a list
#: whose items open with capitals and seldom end with a stop, so a capital below it is
#: as likely its next item (a dash OCR lost at the page's top) as a cell of its own.
LIST_DASHES = "-–+•"
#: Letters whose capital has the shape of the small letter, larger (OCR confuses them).
SAME_SHAPE = frozenset("cosuvwxz")

_FIRST_WORD = re.compile(r"[^\W\d_]+")
#: an item's number before the first word ("2.2. Thực hiện", "1.3.Đổi mới"): the word
#: after it is the one whose case tells
_ITEM_NUMBER = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})+\.?\s*)?")


#: an item's number opening a cell, with two parts or more ("1.3.", "2.10", "1.3.Đổi mới";
#: not a date, "25.12.2025")
_OPENING_NUMBER = re.compile(r"(\d{1,2}(?:\.\d{1,2})+)(?:\.?(?=\s)|\.(?=[^\W\d_]))")


def next_item_number(above: str, below: str) -> bool:
    """Whether `below` opens with the item number that follows the one `above` opens
    with: the same parent, the last part one more ("1.3." → "1.4.", "2.9" → "2.10")."""
    a, b = _OPENING_NUMBER.match(above.lstrip()), _OPENING_NUMBER.match(below.lstrip())
    if a is None or b is None:
        return False
    first, second = a.group(1).split("."), b.group(1).split(".")
    return len(first) == len(second) and first[:-1] == second[:-1] and int(second[-1]) == int(first[-1]) + 1


def opens_item(text: str) -> bool:
    """Whether `text` opens with an item number of two parts or more ("1.3.", "2.10")."""
    return _OPENING_NUMBER.match(text.lstrip()) is not None


def holds_item_inside(text: str) -> bool:
    """Whether an item number stands inside `text`, after a space ("… bãi bỏ 1.3. Đổi
    mới …"): where it opens a line, a second item, which no plan writes in one cell (a
    row rule before it was lost)."""
    return any(_OPENING_NUMBER.match(text, m.start()) for m in _LATER_NUMBER.finditer(text))


#: an item's number after a space, where a second item of a cell would start
_LATER_NUMBER = re.compile(r"(?<=\s)\d{1,2}\.\d")


#: nats by which the language model must prefer the two texts as one phrase, over the
#: first ending and the second starting, for the break to be read inside one cell's
#: text: "Thường" / "xuyên" +16.6, "Văn phòng" / "UBND tỉnh" +14.3, "… yêu cầu được" /
#: "cung cấp …" +13.9, "Sở Thông tin và" / "Truyền thông" +17.0; two cells "… của người
#: dân" / "Báo cáo của …" −1.0, "… của huyện" / "Phối hợp …" +3.5, "Sở Tài chính" / "Sở
#: Nội vụ" −5.3, "Các sở, ban, ngành" / "UBND cấp xã" +3.0 (either).
READS_ON_NATS = 8.0
#: words of the text below the break the comparison reads
READS_ON_WORDS = 2
_WORD = re.compile(r"[^\W_]+")


def reads_on(above: str, below: str) -> bool:
    """Whether the language model reads `below` as the words going on after `above`
    (by `READS_ON_NATS`): ln p(below's first words | above's last words) against ln
    p(end | above's last words) + ln p(below's first words | start), in small letters.
    A word cut off by a page break in a narrow column ("Thường" / "xuyên") goes on
    however its case reads; two texts each whole on its own do not. Text without marks
    (a layer stripped of them, to be repaired later), a word below or the last word above
    the model does not know says nothing: "So Tai chinh" / "So Noi vu" reads on as
    letters. An unknown word before known ones above is OCR's junk the context does
    without ("80%o dữ" / "liệu quản lý …": "o" is none of the model's words, "dữ liệu"
    reads on)."""
    from normalizers.lm import EOS, UNK
    from normalizers.lm_build import default_model

    if (above + below).isascii():
        return False
    model = default_model()
    history = _WORD.findall(above.lower())[-(model.order - 1):]
    words = _WORD.findall(below.lower())[:READS_ON_WORDS]
    unknown = [k for k, w in enumerate(history) if model.id(w) == model.index[UNK]]
    history = history[unknown[-1] + 1:] if unknown else history  # the words after the last unknown one
    if not history or not words or any(model.id(w) == model.index[UNK] for w in words):
        return False
    joined = model.logprob(words, history)
    parted = model.logprob([EOS], history) + model.logprob(words)
    return joined - parted >= READS_ON_NATS


def _base_letter(ch: str) -> str:
    """`ch` without its marks, in small letters ("Ố" → "o")."""
    return unicodedata.normalize("NFD", ch)[0].lower()


def capital_only_at_start(word: str) -> bool:
    """Whether the training text writes `word` (any case) with a capital inside a
    sentence less than `CAPITAL_INSIDE_SHARE` of the time, seen there `MIN_SEEN` times
    or more (the default language model's case counts)."""
    from normalizers.lm_build import default_model

    model = default_model()
    i = model.index.get(word.lower())
    if i is None or model.case_counts is None:
        return False
    small, capital = (float(x) for x in model.case_counts[i])
    seen = small + capital
    return seen >= MIN_SEEN and capital < CAPITAL_INSIDE_SHARE * seen


def starts_new_cell(above: str, below: str, ocr: bool) -> bool:
    """Whether `below` (the top of a cell on the new page) is a cell of its own rather
    than the next line of `above` (the text of the same column above the break): `above`
    stops inside a sentence and `below` opens (after an item's number, "2.2.") with a
    capitalised word that the language model's text capitalises only at a sentence's
    start; not when `above` is a list (opens with a dash, `LIST_DASHES`). `ocr`: `below`
    was OCR'd (a capital shaped like its small letter is then no evidence). A cell
    opening with the item number after the one `above` opens with is one
    (`next_item_number`)."""
    above, below = above.rstrip(), below.lstrip()
    if next_item_number(above, below):
        return True
    if not above or not below or above[-1] in SENTENCE_ENDS or above.lstrip()[0] in LIST_DASHES:
        return False
    m = _FIRST_WORD.match(below, _ITEM_NUMBER.match(below).end())
    if m is None:
        return False
    word = m.group()
    if len(word) < 2 or not (word[0].isupper() and word[1:].islower()):
        return False
    if ocr and _base_letter(word[0]) in SAME_SHAPE:
        return False
    return capital_only_at_start(word)
