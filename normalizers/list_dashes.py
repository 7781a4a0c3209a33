"""A list's dash OCR lost: "Kế hoạch của các cơ quan; - Báo cáo kết quả" for "- Kế hoạch
của các cơ quan; - Báo cáo kết quả", "- Sở, ban, ngành; UBND cấp huyện; - UBND cấp xã"
for "- Sở, ban, ngành; - UBND cấp huyện; - UBND cấp xã".

A plan lists a cell's items with dashes, every item with one: "- A; - B", "- A - B". A
copy's dash is a short thin stroke, the first mark of its line, and OCR drops it often
(about 30 cells on the 60 development databases of HELD-OUT 21–25), while the rest of the
cell shows that it is a list:

- an item opened by a dash after a semicolon or a period ("…; - Báo cáo") makes the cell
  a list: it opens with a dash too;
- so does an item opened by a dash after a word ("… vệ tinh - Xây dựng …") where the
  column lists (at least `LISTING_SHARE` of its distinct cells, `MIN_LISTED` at least,
  open with a dash): elsewhere such a dash joins names ("Đài Phát thanh - Truyền hình");
- in a cell that opens with a dash, an item after a semicolon that opens with a capital
  opens with a dash ("- Sở, ban, ngành; UBND cấp huyện").

A cell opening with a figure or a small letter is not taken for a list's first item. The
three reference plans' truths: no cell that opens without a dash holds an item dash after
a semicolon or a period, and no cell that opens with one holds an item after a semicolon
without one.
"""
from __future__ import annotations

import re

from normalizers.item_numbers import by_column

#: an item's dash after a semicolon or a period: "…; - Báo cáo"
_AFTER_STOP = re.compile(r"[;.]\s+-\s+\w")
#: an item's dash after a word, the item opening with a capital: "… vệ tinh - Xây dựng"
_AFTER_WORD = re.compile(r"[^\W\d_]\s+-\s+[^\W\d_]")
#: an item after a semicolon, opening with a capital, without its dash
_UNDASHED_ITEM = re.compile(r";\s+(?=[^\W\d_])")
#: the share of a column's distinct cells opening with a dash that makes it a listing
#: column …
LISTING_SHARE = 0.2
#: … this many cells at least
MIN_LISTED = 3


def _opens_list(text: str) -> bool:
    return text.startswith("-")


def _after_word_items(text: str) -> bool:
    return any(text[m.end() - 1].isupper() for m in _AFTER_WORD.finditer(text))


def restore_list_dashes(texts: list[str]) -> list[str]:
    """One column's cells (see the module doc) with the dashes of their lists put back."""
    distinct = [t for t in dict.fromkeys(texts) if t.strip()]
    listed = sum(_opens_list(t) for t in distinct)
    listing = listed >= MIN_LISTED and listed >= LISTING_SHARE * len(distinct)
    return [_restored(t, listing) for t in texts]


def _restored(text: str, listing: bool) -> str:
    if not _opens_list(text) and text[:1].isupper() and (
            _AFTER_STOP.search(text) or (listing and _after_word_items(text))):
        text = "- " + text
    if _opens_list(text):
        text = _UNDASHED_ITEM.sub(lambda m: "; - " if text[m.end()].isupper() else m.group(0), text)
    return text


def restore_list_dashes_by_column(columns: list[str], texts: list[str]) -> list[str]:
    """`restore_list_dashes` over each column of one document's cells (`texts[i]` a cell of
    column `columns[i]`; `item_numbers.by_column`)."""
    return by_column(columns, texts, restore_list_dashes)
