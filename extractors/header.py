"""Column header → field mapping, by meaning not by position.

The vocabulary is data (`extractors/data/header_fields.csv`): regular expressions over
the label folded to ASCII, so "Cơ quan chủ trì", "Đơn vị chủ trì", "Co quan chu tri"
(stripped) and "CƠ QUAN CHỦ TRÌ" all map to `lead_text`. A header may take several grid
rows (a group label over sub-labels, e.g. "Cơ quan thực hiện" over "Chủ trì" |
"Phối hợp"); the labels covering a column are joined top to bottom. A column-number row
("1 2 3 …" or "(1) (2) …") under the header is recognised and skipped.

A table is a plan table when its header maps at least a task-or-product column and two
more fields, with no field claimed twice; otherwise the mapping fails with a reason.
"""
from __future__ import annotations

import csv
import re
import string
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz

from extractors.grid import PageGrid
from normalizers.figure_letters import as_figures
from normalizers.text import fold

MAX_HEADER_ROWS = 4
#: A continuation page repeats the header when at least REPEAT_SHARE of its top-row
#: labels are this similar (rapidfuzz ratio, folded text) to the learned ones: OCR reads
#: "Stt" as "Sftt" on one page and right on the next.
REPEAT_SIMILARITY = 75
REPEAT_SHARE = 0.8
#: … or when its labels laid end to end are this similar to the learned ones': a copy
#: garbles a few labels of a header it reads right otherwise ("$tt", "Kết quả/Sản kixy-tmM",
#: a budget column's "Pm" for "Kinh phí": 3 of 9 off, 88 end to end), while a plan row's
#: cells under it read 40-odd
REPEAT_WHOLE_SIMILARITY = 80
#: rapidfuzz partial_ratio at which a header term is found in a misread label (85: "chu
#: tri" in "co q an chu tri", "san pham" in "san pham"; not "hoat dong" in "thoi gian")
FUZZY_SCORE = 85


@dataclass(frozen=True)
class HeaderMap:
    rows: int  # grid rows taken by the header (number row included)
    fields: tuple[str | None, ...]  # per column; None = column not mapped (its text goes to `extra`)
    labels: tuple[str, ...]  # folded label per column (to recognise repeated headers)
    numbered: bool  # a "1 2 3 …" row follows the labels
    titles: tuple[str, ...] = ()  # label per column as printed (the keys of `extra`)


class HeaderError(ValueError):
    """The table's header cannot be mapped to plan fields."""


@lru_cache(maxsize=1)
def vocabulary() -> tuple[tuple[re.Pattern[str], str], ...]:
    text = resources.files("extractors").joinpath("data/header_fields.csv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return tuple((re.compile(r["pattern"]), r["field"]) for r in csv.DictReader(lines))


@lru_cache(maxsize=1)
def fuzzy_terms() -> tuple[tuple[str, str], ...]:
    text = resources.files("extractors").joinpath("data/header_terms.csv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return tuple((r["term"], r["field"]) for r in csv.DictReader(lines))


@lru_cache(maxsize=1)
def _terms_by_field() -> dict[str, tuple[str, ...]]:
    """`fuzzy_terms` as field → its terms."""
    out: dict[str, list[str]] = {}
    for term, name in fuzzy_terms():
        out.setdefault(name, []).append(term)
    return {name: tuple(terms) for name, terms in out.items()}


def field_of(label: str) -> str | None:
    """The field a column label names: the first field of `header_fields.csv`'s order
    whose pattern matches, or, for a label OCR misread, one of whose terms is found in it
    with a letter or two wrong (`header_terms.csv`, `FUZZY_SCORE`). The order holds for
    misread terms too: "Hoạt động/Sản phẩm" read "Hoạt động/Sỏn phẩm" is still the
    product column, as read right, not the activity column its intact half names. Marks
    around the label are a copy's specks read beside it ("Stt-", ".Stt")."""
    folded = fold(label).strip(string.punctuation + " ")
    if not folded:
        return None
    letters = re.sub(r"[^a-z ]+", " ", folded)
    terms = _terms_by_field()
    for pattern, name in vocabulary():
        if pattern.search(folded) or any(fuzz.partial_ratio(t, letters) >= FUZZY_SCORE for t in terms.get(name, ())):
            return name
    return None


#: A column whose body cells are item numbers ("1", "2.", "II", "1.2") is the Stt column
#: when its label could not be read ("Stt" OCR'd as ", SH:"): at least this share of its
#: non-empty cells, and at least two.
NUMBERING_SHARE = 0.7
_ITEM_NUMBER = re.compile(r"^(\d{1,3}(\.\d{1,2})*\.?|[IVX]{1,5}\.?)$")


def numbers_column(grid: PageGrid, first_body_row: int, col: int) -> bool:
    texts = [grid.cell(r, col).text.strip() for r in range(first_body_row, grid.n_rows)
             if grid.cell(r, col).col0 == col and grid.cell(r, col).text.strip()]
    hits = sum(bool(_ITEM_NUMBER.match(t)) for t in texts)
    return hits >= 2 and hits >= NUMBERING_SHARE * len(texts)


_NOT_FIGURE = re.compile(r"[^0-9]")


def _number_cells(grid: PageGrid, row: int) -> list[str]:
    """A row's cells as a number row's: brackets and periods stripped, old-style figures
    read as their look-alike letters made figures, marks folded."""
    return [fold(as_figures(grid.cell(row, c).text.strip("()[]. "))) for c in range(grid.n_cols)]


def is_number_row(grid: PageGrid, row: int) -> bool:
    """A "1 2 3 …" (or "(1) (2) …") row. OCR'd scans lose or misread figures ("3" read
    "BỊ", "6" read "L1", a "7" not seen): all cells but two hold their own number, and at
    least three do; none holds more than three characters (no row of a plan does); or
    every cell read holds its own number beside specks, and at least three do. An
    old-style figure read as its look-alike letter ("I" for 1) is that figure."""
    cells = _number_cells(grid, row)
    right = sum(c == str(i + 1) for i, c in enumerate(cells))
    if right >= max(3, grid.n_cols - 2) and all(len(c) <= 3 for c in cells):
        return True
    # a copy's specks beside the figures and a seal hiding some (";3", "6,"): every cell
    # read holds its own number once its marks are gone, and three do at least
    read = [(i, _NOT_FIGURE.sub("", c)) for i, c in enumerate(cells) if c]
    return len(read) >= 3 and all(f == str(i + 1) and len(f) <= 2 for i, f in read)


#: two letters together: a word, which a number row has none of
_LETTERS = re.compile(r"[^\W\d_]{2}")


def expected_number_row(grid: PageGrid, row: int, first: bool = False) -> bool:
    """Where a header's number row may be (right under its labels): a row whose cells are
    all that short, one of them its own number, is it (Manrope's figures at 200 dpi: "1",
    "", "kì", "LŨ", "", "", "" — a "3" and a "4" read as letters, four figures lost; M+ 1
    Code Light's on a copy: "1" and nothing else) — a plan's row writes more than three
    characters somewhere. Under a repeated header whose learned one has a number row
    (`repeated_header_rows`) that is enough; under the `first` (`map_header`) the row must
    hold no word too (two letters together: "1", "2", "3", "Sở" is no number row)."""
    if is_number_row(grid, row):
        return True
    cells = _number_cells(grid, row)
    if first and any(_LETTERS.search(c) for c in cells):
        return False
    return all(len(c) <= 3 for c in cells) and any(c == str(i + 1) for i, c in enumerate(cells))


def column_labels(grid: PageGrid, rows: int) -> list[str]:
    labels = []
    for c in range(grid.n_cols):
        seen, parts = set(), []
        for r in range(rows):
            cell = grid.cell(r, c)
            if id(cell) not in seen and cell.text:
                seen.add(id(cell))
                parts.append(cell.text)
        labels.append(" ".join(parts))
    return labels


def header_closed(grid: PageGrid, rows: int) -> bool:
    """Whether a header of `rows` grid rows ends at a row rule: at most half the columns'
    cells in its last row go on below it. A speck or a seal's stroke read as a short rule
    through one label ("Phối hợp" cut in two on a copy) adds a grid row that the other
    labels run on through; that row is the header's, not a plan row."""
    if rows >= grid.n_rows:
        return True
    crossing = sum(grid.cell(rows - 1, c).row1 >= rows for c in range(grid.n_cols))
    return 2 * crossing <= grid.n_cols


def _mapping(labels: list[str]) -> tuple[str | None, ...]:
    """Field per column; a field already taken by a column to the left is not mapped
    again ("Thời gian bắt đầu", "Thời gian hoàn thành": the second goes to `extra`)."""
    out: list[str | None] = []
    for label in labels:
        name = field_of(label)
        out.append(None if name in out else name)
    return tuple(out)


def _valid(fields: tuple[str | None, ...]) -> bool:
    named = [f for f in fields if f]
    return len(named) >= 3 and ("task" in named or "product" in named or "activity" in named)


def map_header(grid: PageGrid) -> HeaderMap:
    """Find the header rows at the top of `grid` and map its columns to fields."""
    best: tuple[int, tuple[str | None, ...], list[str]] | None = None
    for rows in range(1, min(MAX_HEADER_ROWS, grid.n_rows) + 1):
        if is_number_row(grid, rows - 1):
            break
        if not header_closed(grid, rows):
            continue
        labels = column_labels(grid, rows)
        fields = _mapping(labels)
        if _valid(fields) and (best is None or sum(map(bool, fields)) > sum(map(bool, best[1]))):
            best = (rows, fields, labels)
    if best is None:
        labels = column_labels(grid, 1)
        raise HeaderError(f"page {grid.page}: header not recognised as a plan table: {labels}")
    rows, fields, labels = best
    numbered = rows < grid.n_rows and expected_number_row(grid, rows, first=True)
    if "stt" not in fields and fields[0] is None and numbers_column(grid, rows + int(numbered), 0):
        fields = ("stt", *fields[1:])
    return HeaderMap(rows + int(numbered), fields, tuple(fold(x) for x in labels), numbered,
                     tuple(" ".join(x.split()) for x in labels))


def repeated_header_rows(grid: PageGrid, header: HeaderMap) -> int:
    """How many top rows of a continuation page repeat the learned header (0 if none):
    its rows, or fewer where the page's grid lost a rule inside the header (a copy's
    hairline under "Cơ quan thực hiện" gone, "Chủ trì" and "Phối hợp" in the row above
    them: the header's rows taken with the plan row below compared to nothing)."""
    if grid.n_cols != len(header.fields):
        return 0
    for rows in range(min(header.rows - int(header.numbered), grid.n_rows), 0, -1):
        labels = [fold(x) for x in column_labels(grid, rows)]
        alike = sum(fuzz.ratio(a, b) >= REPEAT_SIMILARITY for a, b in zip(labels, header.labels))
        if alike >= max(1, round(REPEAT_SHARE * len(labels))) or \
                fuzz.ratio(" ".join(labels), " ".join(header.labels)) >= REPEAT_WHOLE_SIMILARITY:
            break
    else:
        return 1 if header.numbered and is_number_row(grid, 0) else 0  # the number row alone
    while not header_closed(grid, rows):
        rows += 1
    if header.numbered and rows < grid.n_rows and expected_number_row(grid, rows):
        rows += 1
    return rows
