"""A time cell whose first letter OCR read small: "quý I, II/2026", "khi có văn bản hướng
dẫn", "sau khi có Quyết định" for "Quý …", "Khi …", "Sau …".

A plan's column of times ("Thời gian thực hiện") opens each cell with a capital: the
three reference plans' 43 distinct time cells all do, while a copy's small first letter
is a misread of the letter's size ("Q", "K", "S" drawn a little small; 6 cells on the 60
development databases of HELD-OUT 21–25). Where a document's time column opens at least
`CAPITAL_SHARE` of its distinct cells (`MIN_CELLS` at least) with a capital, a cell it
opens with a small letter takes the capital. Other columns stay as read: a plan may open
a name or a product small ("các sở, ban, ngành của tỉnh", "trang thiết bị hiện đại").
"""
from __future__ import annotations

from normalizers.item_numbers import by_column

TIME_COLUMNS = ("timeline_text",)
#: the share of a time column's distinct cells opening with a capital that makes it a
#: column written so …
CAPITAL_SHARE = 0.8
#: … out of this many distinct cells at least
MIN_CELLS = 3


def capitalise_opening(texts: list[str]) -> list[str]:
    """One time column's cells (see the module doc), a small first letter made a capital
    where the column opens its cells with capitals."""
    distinct = [t for t in dict.fromkeys(texts) if t[:1].isalpha()]
    capitals = sum(t[0].isupper() for t in distinct)
    if len(distinct) < MIN_CELLS or capitals < CAPITAL_SHARE * len(distinct):
        return texts
    return [t[0].upper() + t[1:] if t[:1].islower() else t for t in texts]


def capitalise_time_cells_by_column(columns: list[str], texts: list[str]) -> list[str]:
    """`capitalise_opening` over the time column of one document's cells (`texts[i]` a cell
    of column `columns[i]`; `item_numbers.by_column`)."""
    return by_column(columns, texts, capitalise_opening, TIME_COLUMNS)
