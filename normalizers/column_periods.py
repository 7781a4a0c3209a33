"""A speck read as a period at the end of a name or a date: "Sở Nội vụ." in a column of
agencies, "Quý IV/2026." in a column of times.

The columns that name the agencies in charge and those that work with them, the column
of times and the sections' titles hold names, dates and headings, not sentences: a plan
ends such a cell with a period seldom or never (the three reference plans: 2 of 114
distinct cells, no title), while a copy's
speck after the last word reads as one (62 cells on 90 development scans). In such a
column (`NAME_COLUMNS`), when at most `SPECK_SHARE` of the distinct cells (one at
least) end with a period, those periods are specks and go; a column that ends more of
its cells so writes them (and an ellipsis or a period inside the last word, "v.v.",
stays). Whatever the share, a cell ending with a period whose text without it is another
cell of the same column is a speck's too: the document writes that name or time without
one ("Sở Tư pháp." beside "Sở Tư pháp", "Quý IV/2026." beside "Quý IV/2026"). That
holds in any column: a task or product the document writes once without a period and
once with one is the same text with a speck (no column of the three plans' truth writes
a text both ways). On the
stored texts of the 123 development databases (TUNE, HELD-OUT 9–23): 38 cells right that
were wrong, none wrong that were right, one more a speck fewer; no truth cell of the
three plans changes (plan2021_2030's two coordinating cells that end with a period are
written so only).
"""
from __future__ import annotations

from normalizers.item_numbers import by_column

NAME_COLUMNS = ("lead_text", "coord_text", "timeline_text", "section_title")
#: a column whose distinct cells end with a period this rarely (one cell at least) does
#: not end its cells so
SPECK_SHARE = 0.05


def _speck_period(text: str) -> bool:
    stripped = text.rstrip()
    last = stripped.split()[-1] if stripped else ""
    return stripped.endswith(".") and "." not in last[:-1]


def drop_speck_periods(texts: list[str]) -> list[str]:
    """One name or time column's cells (see the module doc) without the periods specks
    made at their ends."""
    distinct = [t for t in dict.fromkeys(texts) if t.strip()]
    ending = {t for t in distinct if _speck_period(t)}
    if len(ending) > max(1.0, SPECK_SHARE * len(distinct)):
        return drop_periods_written_without(texts)
    return [_without_period(t) if t in ending else t for t in texts]


def drop_periods_written_without(texts: list[str]) -> list[str]:
    """One column's cells without the period ending a cell whose text without it is
    another cell of the column (see the module doc): any column's."""
    distinct = set(texts)
    return [_without_period(t) if _speck_period(t) and _without_period(t) in distinct else t for t in texts]


def _without_period(text: str) -> str:
    return text.rstrip()[:-1].rstrip()


def drop_speck_periods_by_column(columns: list[str], texts: list[str]) -> list[str]:
    """`drop_speck_periods` over each of `NAME_COLUMNS` of one document's cells, and
    `drop_periods_written_without` over each other column (`texts[i]` a cell of column
    `columns[i]`; `item_numbers.by_column`)."""
    others = [c for c in dict.fromkeys(columns) if c not in NAME_COLUMNS]
    texts = by_column(columns, texts, drop_periods_written_without, others)
    return by_column(columns, texts, drop_speck_periods, NAME_COLUMNS)
