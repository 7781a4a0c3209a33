"""Page grids → plan rows: header mapping, section rows, fill-down, page-break stitching.

One code path for every text source: it only sees `PageGrid`s (cells with spans and
text), whether they came from a PDF's vector rules and text layer or from a scan.

- The first grid whose header maps (`extractors.header`) starts a table; later grids with
  the same column edges continue it, their repeated header (and number row) dropped.
  A grid with other columns and no plan header is skipped and reported.
- A row made of the Stt cell and one cell spanning the rest (or one cell spanning all)
  is a section row: it sets `section_no`/`section_title` for the rows below. Its Roman
  numeral is read allowing OCR's misreadings ("|" → I, "H" → II); an OCR'd one that
  cannot be read or breaks the sequence takes the next number in sequence; item numbers
  OCR misread are set from their neighbours, and gaps in the numbering are reported
  (`extractors.numbering`).
- Merged cells: each leaf row takes the text of every cell covering it, so an item's
  task spanning several activities is repeated on each (fill-down by geometry: a blank
  cell that is not merged stays blank).
- Page breaks: a cell is continued on the next page when its column has no closing
  rule at the bottom of the page (`PageGrid.open_bottom`). When every column is open the
  row itself was cut and its two halves are joined into one row, unless an item number
  stands on both sides (only the row's blank bottom was cut: a new item) or the top row
  names its own lead and time, both written above the break too and neither going on in
  small letters, and its leaf cells vote it new (a new row of the item whose merged
  cells the break cut: `_Table._new_leaf_row_below_open_break`; those cells go on where
  blank below the break or where their text goes on as below). When the page closes
  every column with a rule (some producers draw one at a break), text decides (see
  `_Table._new_hierarchy_cells`): a Stt/objective/task cell is new when text stands on
  both sides of the break and the new text does not start in lower case (centred text
  may be pushed to the next page, leaving a blank above), and all are when the task
  below opens another item's numbering ("3.1." under item 2: the new item's Stt and
  objective, blank here, have their text lower down). Unless a Stt stands on both
  sides of the break (a new item), a vote over the leaf columns decides first whether
  the top row continues the cut row (`_Table._continues_cut_row`); an activity or product
  cell below that opens with a word written with a capital only at a sentence's start,
  under a text stopping inside a sentence, makes the row new before any vote
  (`extractors.cell_start`). Rows stitched by that rule get confidence 0.85. A row above
  the break with no leaf, lead or timeline text (no plan row is so: the top of a row whose
  text starts on the next page) goes on below, whatever the rules say; so does one with
  leaf text but neither lead nor timeline when the top row below names both.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from extractors.cell_start import reads_on, starts_new_cell
from extractors.column_splits import merge_unheaded_columns
from extractors.grid import GridCell, PageGrid
from extractors.header import HeaderError, HeaderMap, map_header, repeated_header_rows
from extractors.numbering import (
    is_roman, item_number, next_numeral, number_and_text, numbering_gaps, read_roman, repair_item_numbers,
    repair_sub_numbers, restore_lost_section,
)
from normalizers.bracket_letters import fix_bracket_letters
from normalizers.text import join_lines
from schemas.records import PlanRow

HIERARCHY = ("stt", "objective", "task")
#: a task's number at its start: "3.1." (item 3, its first task)
_TASK_NUMBER = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.")
#: A cell that holds one figure alone (an amount, a count: "442", "1.200"), never cut by a page break.
_LONE_FIGURE = re.compile(r"^\d[\d.,]*$")
LEAF = ("activity", "product")
EDGE_TOL = 0.012  # column edges of two pages match within 1.2 % of the table width
HEURISTIC_STITCH_CONFIDENCE = 0.85
#: A row that starts a page after a tied continuation vote: below the doubtful threshold
#: (schemas.records.DOUBTFUL_BELOW), so a reviewer sees it.
TIED_BREAK_CONFIDENCE = 0.75
#: The continuation vote's margin when a leaf cell below the break starts a cell of its
#: own (`extractors.cell_start`): a new row, not a tie.
NEW_CELL_MARGIN = -1.0
#: … and when an activity or product cell goes on mid-phrase (`extractors.cell_start.reads_on`).
CUT_CELL_MARGIN = 1.0
#: Leaf columns whose cell may span several rows and be cut by a page break.
CUT_LEAF = ("activity", "product", "lead_text", "coord_text", "timeline_text", "note")
AGENCY_CELLS = ("lead_text", "coord_text")
ALWAYS_FILLED = ("lead_text", "timeline_text")  # every plan row names its lead and its time
#: Columns whose cells hold words: one letter or figure alone there is no content but
#: OCR's reading of a speck (a seal's ring in the blank part of a merged cell read "4").
WORD_CELLS = ("objective", "task", "activity", "product", "lead_text", "coord_text", "timeline_text")
UNREADABLE = "?"  # a section number present but not readable: the sequence decides


@dataclass
class LogicalCell:
    parts: list[str] = field(default_factory=list)
    confidence: float = 1.0
    sources: set[str] = field(default_factory=set)
    boxes: list[dict] = field(default_factory=list)  # where each non-empty piece was read
    alternatives: list[str] = field(default_factory=list)  # other readings (OCR'd item numbers)

    def add(self, cell: GridCell, page: int) -> None:
        self.alternatives += cell.alternatives
        if cell.text:
            self.parts.append(cell.text)
            self.boxes.append({"page": page, "bbox": [round(v, 1) for v in cell.bbox],
                               "confidence": round(cell.confidence, 3)})
        self.confidence = min(self.confidence, cell.confidence)
        self.sources.add(cell.source)

    @property
    def text(self) -> str:
        return join_lines(self.parts)


@dataclass
class LogicalRow:
    cells: list[LogicalCell]
    pages: set[int]
    section: tuple[str, str]
    method: str
    stitched_by_text: bool = False
    tied_break: bool = False  # started a page after a tied continuation vote
    section_boxes: dict[str, list[dict]] = field(default_factory=dict)  # where its section row was read


@dataclass
class Assembly:
    rows: list[PlanRow]
    events: list[str]  # what was skipped or doubtful, one line each
    tables: int
    #: What is missing from the plan table, one line each (page or None, message): a
    #: table with its column layout skipped, a gap in its section or item numbering.
    missing: list[tuple[int | None, str]] = field(default_factory=list)
    table_pages: set[int] = field(default_factory=set)  # pages with a grid of a plan table
    spans: list[tuple[int, int]] = field(default_factory=list)  # first and last page of each plan table




def section_boxes(grid: PageGrid, r: int) -> dict[str, list[dict]]:
    """Provenance of section row r (as `LogicalCell.boxes`): its number cell as
    "section_no", the cells of its title as "section_title" (a misread title is as
    doubtful in every row of the section as in the section row)."""
    out: dict[str, list[dict]] = {}
    seen: set[int] = set()
    for c in range(grid.n_cols):
        cell = grid.cell(r, c)
        if id(cell) in seen or not cell.text:
            continue
        seen.add(id(cell))
        out.setdefault("section_no" if c == 0 else "section_title", []).append(
            {"page": grid.page, "bbox": [round(v, 1) for v in cell.bbox], "confidence": round(cell.confidence, 3)})
    return out


def _all_caps(text: str) -> bool:
    """A section title: letters, nearly all capitals ("CẢI CÁCH THỦ TỤC HÀNH CHÍNH"). Words
    of one or two letters do not count: a speck beside the title is read as one ("CẢI
    CÁCH THỂ CHẾ ca", a seal's edge on a copy)."""
    letters = [ch for word in text.split() if sum(ch.isalpha() for ch in word) > 2 for ch in word if ch.isalpha()]
    return len(letters) >= 6 and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)


def _split_title(cells: list) -> bool:
    """A section row cut in two by a stroke that is no rule (a signature, a seal's edge
    over a column edge): a short first cell, a title in capitals over at least half the
    row (of its columns, or of its width: a seal's arc after the three wide columns of
    eight), and nothing written after it."""
    first, title, rest = cells[0], cells[1], cells[2:]
    span = cells[-1].col1 - cells[0].col0 + 1
    width = cells[-1].bbox[2] - cells[0].bbox[0]
    half = 2 * (title.col1 - title.col0 + 1) >= span or 2 * (title.bbox[2] - title.bbox[0]) >= width
    return (len(first.text) <= 4 and title.row0 == title.row1 and half
            and _all_caps(title.text) and all(not c.text for c in rest) and all(c.row0 == c.row1 for c in rest))


def _title_in_pieces(cells: list) -> bool:
    """A section row whose title cell the grid cut into several (column rules found across
    it): a first cell read as a Roman numeral (item rows are numbered in figures), every
    other cell one row high, one of them a title (`_all_caps`) and all of them together
    in capitals (a piece cut through a word may read one letter small: "fHÍNH PHỦ SỐ")."""
    first, rest = cells[0], cells[1:]
    written = [c for c in rest if c.text]
    return (len(first.text) <= 5 and read_roman(first.text) is not None and any(_all_caps(c.text) for c in written)
            and all(c.row0 == c.row1 for c in rest) and _all_caps(" ".join(c.text for c in written)))


def _joined_title(cells: list) -> str:
    """The title of `_title_in_pieces` cells: their texts in order, a piece read again in
    the next cell (the crops overlap) once."""
    out: list[str] = []
    for c in cells:
        if c.text and (not out or c.text != out[-1]):
            out.append(c.text)
    return " ".join(out)


def section_of(grid: PageGrid, r: int) -> tuple[str, str] | None:
    """(number, title) when grid row r is a section row, else None."""
    cells = []
    for c in range(grid.n_cols):
        cell = grid.cell(r, c)
        if not cells or cells[-1] is not cell:
            cells.append(cell)
    wide = [c for c in cells if c.col1 - c.col0 + 1 >= grid.n_cols - 1 and c.row0 == c.row1 == r]
    pieces = None
    if not wide and len(cells) > 2 and _split_title(cells):
        wide, cells = [cells[1]], cells[:2]  # a stroke down the row split the title cell
    elif not wide and len(cells) > 2 and cells[0].source == "ocr" and _title_in_pieces(cells):
        pieces, wide, cells = _joined_title(cells[1:]), [cells[1]], cells[:2]  # rules found across the title
    if not wide or len(cells) > 2:
        return None
    title = wide[0].text if pieces is None else pieces
    number = cells[0].text if len(cells) == 2 else ""
    ocr = cells[0].source == "ocr"
    if len(cells) == 2 and not number and ocr and title:
        # OCR often returns nothing for a lone "I"; a row of nothing is no section (the
        # blank rest of a section row a word processor broke across a page)
        number = UNREADABLE
    elif len(cells) == 2 and number:
        roman = read_roman(number) if ocr else (number.rstrip(".") if is_roman(number) else None)
        if roman is None and len(number) > 3 and not (ocr and _all_caps(title)):
            return None  # a long first cell is a row label, not a section number (unless
            # OCR misread the numeral of a row whose one wide cell is a title in capitals)
        if ocr and number.rstrip(".").isdigit() and not _all_caps(title):
            return None  # an item's number ("1", "2") beside its cells, read as one wide cell
            # when a photo lost the row's column rules: a figure is a Roman numeral misread
            # ("1" for I) only beside a section title, in capitals
        # printed text keeps a group number that is not Roman ("1", "A"); an OCR'd one
        # that reads as no numeral is left to the sequence
        number = roman or (UNREADABLE if ocr else number)
    if not number:
        head, _, rest = title.partition(" ")
        if read_roman(head) and rest:
            number, title = read_roman(head), rest
    if not title and not number:
        return None
    return number.rstrip("."), title.lstrip(".- ").strip()


def _ruled_under_sliver(grid: PageGrid, r: int) -> list[bool] | None:
    """Per column, whether the cell of grid row `r` (the top row of a page with text)
    starts at `r`, when the row above it is an empty sliver with cells of its own: the rule
    under the sliver closes the cells of the row cut at the page break (a renderer draws
    it at the top of the next page, below the header) and the cells across it (an item's
    merged cells) go on. None when the row above holds writing (the header, the column
    numbers) or a rule crosses every column or none."""
    if r == 0:
        return None
    above = [grid.cell(r - 1, c) for c in range(grid.n_cols)]
    if any(cell.text for cell in above if cell.row0 == r - 1):
        return None
    starts = [grid.cell(r, c).row0 == r for c in range(grid.n_cols)]
    return starts if any(starts) and not all(starts) else None


def _row_empty(grid: PageGrid, r: int) -> bool:
    return all(not grid.cell(r, c).text or grid.cell(r, c).row0 < r for c in range(grid.n_cols))


def bottom_open(grid: PageGrid) -> list[bool]:
    """Per column: does the last cell of this page continue on the next one?

    An empty sliver at the page bottom (the top padding of a row whose text starts on the
    next page) does not count as a row: there, a column continues only when its cell
    from above runs into the sliver (a merged cell), not when the sliver has its own cell.
    """
    last = grid.n_rows - 1
    if last > 0 and _row_empty(grid, last):
        return [grid.open_bottom[c] and grid.cell(last, c).row0 < last for c in range(grid.n_cols)]
    return list(grid.open_bottom)


def stt_alignment(grid: PageGrid, fields: tuple[str | None, ...]) -> dict[str, int]:
    """Per hierarchy column: how many merged Stt cells on this page span exactly the
    same rows as that column's cell (which column the Stt numbers)."""
    if "stt" not in fields:
        return {}
    stt = fields.index("stt")
    out = {}
    for name in ("objective", "task"):
        if name in fields:
            c = fields.index(name)
            out[name] = sum(
                1 for r in range(grid.n_rows)
                if grid.cell(r, stt).row0 == r and grid.cell(r, stt).row1 > r
                and (grid.cell(r, stt).row0, grid.cell(r, stt).row1) == (grid.cell(r, c).row0, grid.cell(r, c).row1)
            )
    return out


def _blank_specks(grid: PageGrid, start: int, fields: tuple[str | None, ...]) -> None:
    """Blank the OCR'd cells of `WORD_CELLS` columns (body rows from `start`) that hold one
    letter or figure alone: a speck read as writing."""
    for r in range(start, grid.n_rows):
        for c, name in enumerate(fields[:grid.n_cols]):
            cell = grid.cell(r, c)
            lone = cell.text.strip()
            if name in WORD_CELLS and cell.source == "ocr" and len(lone) == 1 and lone.isalnum():
                cell.text = ""


def _same_columns(a: list[float], b: list[float]) -> bool:
    width = max(a[-1] - a[0], 1.0)
    return len(a) == len(b) and all(abs(x - y) <= EDGE_TOL * width for x, y in zip(a, b))


def _starts_lower(text: str) -> bool:
    return bool(text) and text[0].isalpha() and text[0].islower()


class _Table:
    """State of one table being assembled across pages."""

    def __init__(self, header: HeaderMap, xs: list[float], method: str):
        self.header = header
        self.xs = xs
        self.method = method
        self.rows: list[LogicalRow] = []
        self.section = ("", "")
        self.section_boxes: dict[str, list[dict]] = {}
        self.last_grid: PageGrid | None = None
        self.last_cells: dict[int, LogicalCell] = {}  # column -> logical cell of the last row
        self.alignment: dict[str, int] = {}  # see stt_alignment, summed over the pages so far
        self.first_page: int | None = None
        self.numerals_read: dict[str, str] = {}  # a section number given → as OCR read it

    def col(self, name: str) -> int | None:
        return self.header.fields.index(name) if name in self.header.fields else None

    def _text_at(self, grid: PageGrid, r: int, name: str) -> str:
        """Text of field `name` in row r of `grid` ("" when the table has no such column)."""
        c = self.col(name)
        return grid.cell(r, c).text if c is not None else ""

    def _text_before(self, name: str) -> str:
        """Text of field `name` in the last row above the page break (so far)."""
        c = self.col(name)
        return self.last_cells[c].text if c is not None and c in self.last_cells else ""

    def continuation(self, grid: PageGrid, r: int) -> tuple[bool, list[bool], bool, bool]:
        """(row continues, per-column cell continues, decided by text, tied vote) for the
        first body row of a continuation page."""
        n = grid.n_cols
        if self.last_grid is None or not self.rows or not self.last_cells:
            return False, [False] * n, False, False
        opened = bottom_open(self.last_grid)
        if not all(opened) and self._leafless_row_above():
            # the row above the break holds only its item's cells: its text begins here
            return True, [True] * n, False, False
        if not all(opened) and self._lead_and_time_below(grid, r):
            # the row above the break names neither its lead nor its time, this one does
            return True, [True] * n, True, False
        if all(opened):
            if self._item_numbers_both_sides(grid, r):
                # a new item: the break cut only the last row's blank bottom, whose
                # closing rule went to this page and is lost in the repeated header's
                return False, [False] * n, False, False
            starts = _ruled_under_sliver(grid, r)
            if starts is not None:
                # the rule closing the cells cut at the break drawn on this page, under an
                # empty sliver: the cells it closes end there, the ones across it go on
                return False, [not s for s in starts], False, False
            if self._new_leaf_row_below_open_break(grid, r):
                # no rule at the break at all, but the top row names its own lead and time:
                # a new row of the item whose merged cells the break cut; those cells go on
                # where blank here or where their text says so (in small letters, reading on)
                new = self._new_hierarchy_cells(grid, r, self._next_item_starts(grid, r))
                return False, [name in HIERARCHY and (not self._text_at(grid, r, name) or not new[name])
                               for name in self.header.fields], True, False
            return True, [True] * n, False, False
        if any(opened):
            return False, list(opened), False, False
        # Every column closed by a rule at the break: decide from the text. A Stt printed
        # on both sides is a new item; otherwise the leaf cells vote on whether the row
        # goes on (a hierarchy cell may continue with a capital: "Ninh Bình", a second
        # sentence); only for a new row do the hierarchy cells decide, each on its own.
        # A task numbered as the first of another item starts that item too; one numbered
        # as the next task of the item above starts a new row of that item.
        next_item = self._next_item_starts(grid, r)
        new_item = bool(self._text_at(grid, r, "stt") and self._text_before("stt")) or next_item
        margin = 0.0 if new_item else NEW_CELL_MARGIN if self._next_task_starts(grid, r) \
            else self._continues_cut_row(grid, r)
        if margin > 0:
            return True, [True] * n, True, False
        new = self._new_hierarchy_cells(grid, r, next_item)
        cols = [name in new and not new[name] for name in self.header.fields]
        if not any(new.values()):
            cut = [f for f in CUT_LEAF if self.col(f) is not None and self._text_at(grid, r, f)
                   and self._text_before(f).rstrip().endswith(",")]
            cols = [same or self._merged_cell_cut(grid, r, name, cut) for same, name in zip(cols, self.header.fields)]
        return False, cols, any(cols), not new_item and margin == 0

    def _new_leaf_row_below_open_break(self, grid: PageGrid, r: int) -> bool:
        """A page that ends with no rule at all (an item's merged cells cut by the break,
        drawn by a producer that closes nothing there): is the top row of this page a new
        row of that item rather than the rest of the last one? Yes when its lead agency and
        its time both stand on both sides of the break, none below going on in small
        letters, no Stt below, and the leaf cells vote for a new row
        (`_continues_cut_row`): a cut row's short cells are written on one side of the
        break (a lead and a time are never long enough to be cut but in lists, which go on
        in small letters)."""
        names = [f for f in ALWAYS_FILLED if self.col(f) is not None]
        if not names or self._text_at(grid, r, "stt"):
            return False
        for f in names:
            now = self._text_at(grid, r, f)
            if not self._text_before(f) or not now or _starts_lower(now):
                return False
        return self._continues_cut_row(grid, r) < 0

    def _leafless_row_above(self) -> bool:
        """Whether the row above the break has no leaf, lead agency or timeline text: no
        plan row is so (every one names its lead and its time), it is the top of a row
        whose text starts on this page, under an item cut by the break."""
        return not any(self._text_before(f) for f in (*LEAF, *ALWAYS_FILLED))

    def _lead_and_time_below(self, grid: PageGrid, r: int) -> bool:
        """Whether the row above the break names neither its lead agency nor its time and
        the top row of this page names both: no plan row lacks them, so the row above is
        the top of this one, its lead and time pushed below the break with the rest of
        its text (a rule drawn at the page's foot closes every column)."""
        names = [f for f in ALWAYS_FILLED if self.col(f) is not None]
        return bool(names) and not any(self._text_before(f) for f in names) \
            and all(self._text_at(grid, r, f) for f in names)

    def _item_numbers_both_sides(self, grid: PageGrid, r: int) -> bool:
        """Whether an item number (a figure) stands in the Stt column both above the break
        and in the top row of this page: two items, whatever the rules say (an item's
        number is written once, in its first row)."""
        return all(any(ch.isdigit() for ch in item_number(text))
                   for text in (self._text_before("stt"), self._text_at(grid, r, "stt")))

    def _merged_cell_cut(self, grid: PageGrid, r: int, name: str | None, cut: list[str]) -> bool:
        """The same item goes on in a new row below a closed page break: is this leaf
        column's cell a merged cell cut by the break (spanning the rows on both sides)?

        A blank lead agency or timeline is: plan rows always have both, so a blank one is
        the merged cell of the row above; so is a blank coordinating agency when the lead
        is blank too (an item's agencies merged down its rows together, whether its time
        changes or not: in the reference plans, no row of an item with the same lead as
        the row above leaves out the coordinating agencies that row names, 0 of 21 such
        pairs; 13 name the same ones). Otherwise only when
        some leaf cell above the break ends with a comma (text never ends so: that cell
        was cut); then, besides
        it, a cell going on in lower case is cut too, and so is a blank coordinating
        agency cell. `cut`: the leaf fields whose text above the break ends with a comma.
        A cell the language model reads as one phrase with the text above it
        (`cell_start.reads_on`: "… hàng" / "năm", "… UBND cấp" / "huyện") is cut too: the
        row is new (another product, another amount below the break) while the activity
        or the agencies merged over its rows go on."""
        if name not in CUT_LEAF:
            return False
        before, now = self._text_before(name), self._text_at(grid, r, name)
        if not before:
            return False
        if not now and name in ALWAYS_FILLED:
            return True
        if not now and name in AGENCY_CELLS and not self._text_at(grid, r, "lead_text"):
            return True
        if now and reads_on(before, now):
            return True   # a cell merged over the item's rows, cut mid-phrase: "… hàng" / "năm"
        return bool(cut) and (name in cut or _starts_lower(now) or (not now and name in AGENCY_CELLS))

    def _continues_cut_row(self, grid: PageGrid, r: int) -> float:
        """Does the top row of this page continue the row cut at the bottom of the last
        one (every column closed by a rule, so only the text can tell)? The margin of
        the vote: > 0 continues, < 0 is a new row, 0 a tie (a new row, marked doubtful).

        A vote over the leaf columns (activity, product, agencies, timeline) that had
        text above the break: blank below it means that cell's text ended there (one
        vote for a continuation: short cells such as timelines are never cut); a
        lower-case start means it may go on (half a vote: lists such as "các sở, ban,
        ngành" start in lower case too); a list dash starts a new cell (one vote for a
        new row), and so does any text below a one-word cell (a number, a date: never
        cut); any other start (capital, digit) leans to a new row by half a vote — proper
        nouns and years also start continued lines. Columns that map to no field (a
        budget) vote like leaf columns. A new row has a product or
        activity of its own, so a top row with neither is a continuation. Measured on
        the rendered corpus and on the same plans exported by LibreOffice (which closes
        every cut cell with a rule): all rows right on both.

        Before the vote: a figure alone on both sides of the break in one column
        (`_two_amounts`) is two cells: the row is new (`NEW_CELL_MARGIN`), whatever a
        merged activity cut by the break reads on. Then an activity or product cell
        whose text opens with a word
        written with a capital only at a sentence's start, below a text that stops
        inside a sentence, is a cell of its own (`extractors.cell_start`): the row is new
        (`NEW_CELL_MARGIN`), whatever the blank cells say (blank lead and timeline cells
        are as likely the merged cells of an item going on in a new row as cells of a
        cut row whose text ended above the break). And an activity or product the
        language model reads as one phrase with the text above it (`cell_start.reads_on`:
        "… yêu cầu được" / "Cung cấp trực tuyến …", a narrow column's capital misread or
        not) is the row's own text cut mid-phrase: the row goes on (`CUT_CELL_MARGIN`).
        Not the agencies and the timeline: they may be an item's merged cells, cut by the
        break and going on into a new row.
        """
        leaf = [f for f in ("activity", "product", "lead_text", "coord_text", "timeline_text") if self.col(f) is not None]
        if not any(self._text_at(grid, r, f) for f in LEAF):
            return 1.0
        if self._two_amounts(grid, r):
            return NEW_CELL_MARGIN
        pairs = [(self._text_before(f), self._text_at(grid, r, f)) for f in leaf]
        pairs += [(self.last_cells[c].text if c in self.last_cells else "", grid.cell(r, c).text)
                  for c, name in enumerate(self.header.fields) if name is None]  # unmapped columns (budget …)
        pairs = self._as_the_pages_read(grid, pairs)
        text = dict(zip(leaf, pairs))
        for f in LEAF:
            c = self.col(f)
            if c is not None and starts_new_cell(*text[f], grid.cell(r, c).source == "ocr"):
                return NEW_CELL_MARGIN
        for f in LEAF:  # a row's own cells, seldom merged with the next row's
            if self.col(f) is not None and reads_on(*text[f]):
                return CUT_CELL_MARGIN
        cont = new = 0.0
        for before, now in pairs:
            if not before:
                new += 0.5 if now else 0.0
            elif not now:
                cont += 1
            elif _starts_lower(now):
                cont += 0.5  # weak: lists such as "các sở, ban, ngành" start in lower case too
            elif now[:1] in "-+•–" or " " not in before.strip():
                new += 1  # a list dash starts a new cell; one word (a number, a date) is never cut
            else:
                new += 0.5
        return cont - new

    def _two_amounts(self, grid: PageGrid, r: int) -> bool:
        """Whether a column out of the hierarchy holds a figure alone on both sides of the
        break, below it in a cell of the top row alone: two amounts of a budget column
        ("442" / "479"), two cells, whatever a merged activity cut by the break reads on.
        A cell below that reaches into the rows under the top row (a rule hidden by a
        seal) may hold the next row's amount, and says nothing."""
        for c, name in enumerate(self.header.fields):
            below = grid.cell(r, c)
            if name in HIERARCHY or c not in self.last_cells or below.col0 != c or below.row1 != r:
                continue
            if _LONE_FIGURE.match(self.last_cells[c].text.strip()) and _LONE_FIGURE.match(below.text.strip()):
                return True
        return False

    def _as_the_pages_read(self, grid: PageGrid, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """`pairs` (text above the break, text below) with a C that OCR reads as "(" all
        through the page before the break and this one put back, as the repair will
        (`normalizers.bracket_letters`, judged on every cell of both pages): "… yêu (ầu
        được" / "(ung cấp …" are words the language model knows only so."""
        context = [c.text for g in (self.last_grid, grid) if g is not None for c in g.cells]
        flat = fix_bracket_letters([t for pair in pairs for t in pair] + context)
        return [(flat[2 * k], flat[2 * k + 1]) for k in range(len(pairs))]

    def _new_hierarchy_cells(self, grid: PageGrid, r: int, next_item: bool) -> dict[str, bool]:
        """For each hierarchy column: does the top row of this page start a new cell?

        A cell is new when text stands on both sides of the break and the new text does
        not start in lower case, nor goes on the phrase above it as the language model
        reads them (`cell_start.reads_on`: "… và quy định mới của" / "Trung ương.", a
        name's capital); a blank above the break means centred text was pushed
        down (continues). Once a column is new, every column to its right is new (a new
        objective has new tasks); a column whose text surely goes on (in small letters and
        reading on: "… kiện toàn đơn" / "vị sự nghiệp …") keeps every column to its left
        going on, whatever their own text says (an objective cut at "… Đến năm" going on
        with "2030 …", a figure the model cannot read on from words); one in small letters
        the model does not read on ("… Đề án tổng thể" / "kiện toàn …" under a model
        without the plan) keeps going on those left of it whose text opens with a figure,
        no letter to tell a new cell by. The Stt column
        follows the column its spans line up with (the objective in the 8-column layout,
        the task in the 7-column one), since a blank Stt above the break is ambiguous on
        its own. All are new when `next_item`: the task opens another item's numbering
        (`_next_item_starts`).
        """
        names = [f for f in self.header.fields if f in HIERARCHY]
        out: dict[str, bool] = {}
        goes_on: list[str] = []  # columns whose text surely goes on: small letters reading on
        small: list[str] = []  # columns whose text goes on in small letters, read on or not
        figure_first: set[str] = set()  # new only for opening with no letter ("2030 tiếp tục …")
        for name in names:
            before, now = self._text_before(name), self._text_at(grid, r, name)
            read_on = bool(before and now) and reads_on(before, now)
            out[name] = bool(before and now and not _starts_lower(now)) and not read_on
            if before and now and _starts_lower(now):
                small.append(name)
                if read_on:
                    goes_on.append(name)
            elif out[name] and not now[0].isalpha():
                figure_first.add(name)
        if goes_on:  # a cell that goes on lies inside the cells left of it: they go on too
            for name in names[:names.index(goes_on[-1])]:
                out[name] = False
        if small:  # … and one opening with a figure, no evidence of a new cell, goes on with it
            for name in names[:names.index(small[-1])]:
                out[name] = out[name] and name not in figure_first
        partner = max(self.alignment, key=self.alignment.get, default=None)
        if partner is not None and self.alignment[partner] == 0:
            partner = None
        if "stt" in out and partner and not out["stt"]:
            out["stt"] = out[partner]
        if next_item:   # the task opens another item's numbering (`_next_item_starts`)
            out = {name: True for name in names}
        seen_new = False
        for name in names:
            seen_new = seen_new or out[name]
            out[name] = seen_new
        return out

    def _next_item_starts(self, grid: PageGrid, r: int) -> bool:
        """Whether the task of the top row of this page is the first of another item than
        the one above the break: it opens with "N.1." (a plan numbers an item's tasks
        N.1., N.2., … after the item) and the item above is numbered otherwise (its Stt,
        else its task's number). Its Stt and objective are then new cells, blank here: their
        text, centred on the item, stands lower."""
        first = _TASK_NUMBER.match(self._text_at(grid, r, "task"))
        if not first or first.group(2) != "1":
            return False
        above = item_number(self._text_before("stt")).rstrip(".")
        if not above.isdigit():
            numbered = _TASK_NUMBER.match(self._text_before("task"))
            above = numbered.group(1) if numbered else ""
        return above.isdigit() and int(above) != int(first.group(1))

    def _next_task_starts(self, grid: PageGrid, r: int) -> bool:
        """Whether the task of the top row of this page is the next task of the item above
        the break: it opens with "N.M." and the task above with "N.(M-1)." (a plan numbers
        an item's tasks so, one row each). The leaf cells' vote cannot tell it: an item's
        objective and lead cut by the break and a product the language model reads on
        from the one above ("… của HĐND tỉnh" / "Quyết định của …") made task 1.2 of a
        Manrope scan part of task 1.1's row."""
        below = _TASK_NUMBER.match(self._text_at(grid, r, "task"))
        above = _TASK_NUMBER.match(self._text_before("task"))
        return bool(below and above) and below.group(1) == above.group(1) \
            and int(below.group(2)) == int(above.group(2)) + 1

    def add_grid(self, grid: PageGrid, start: int) -> None:
        if self.first_page is None:
            self.first_page = grid.page
        for name, count in stt_alignment(grid, self.header.fields).items():
            self.alignment[name] = self.alignment.get(name, 0) + count
        _blank_specks(grid, start, self.header.fields)
        page_cells: dict[int, LogicalCell] = {}  # id(GridCell) -> LogicalCell
        first = True
        for r in range(start, grid.n_rows):
            section = section_of(grid, r)
            if section is not None:
                expected = next_numeral(self.section[0])
                ocr_number = grid.cell(r, 0).source == "ocr"
                if section[0] == UNREADABLE or (ocr_number and expected and section[0] != expected):
                    # OCR read "II" as "Il1" or "III" as "I": sections run in order
                    self.numerals_read[expected] = section[0]
                    section = (expected, section[1])
                self.section = section
                self.section_boxes = section_boxes(grid, r)
                if expected and section[0] == expected:  # the sequence confirms the numeral
                    for piece in self.section_boxes.get("section_no", []):
                        piece["confidence"] = 1.0
                self.last_cells = {}
                first = False
                continue
            cells = [grid.cell(r, c) for c in range(grid.n_cols)]
            if all(not c.text for c in cells if c.row0 == r):
                # an empty row, or a sliver cut off the row above by a stray rule (a copier's
                # streak across some columns): no cell of its own holds anything, the
                # others are the row above's
                continue
            row_cont, col_cont, by_text, tied = (self.continuation(grid, r) if first
                                                 else (False, [False] * grid.n_cols, False, False))
            first = False
            logical: list[LogicalCell] = []
            for c, cell in enumerate(cells):
                lc = page_cells.get(id(cell))
                if lc is None:
                    if col_cont[c] and c in self.last_cells:
                        lc = self.last_cells[c]
                    else:
                        lc = LogicalCell()
                    lc.add(cell, grid.page)
                    page_cells[id(cell)] = lc
                logical.append(lc)
            if row_cont:
                row = self.rows[-1]
                row.pages.add(grid.page)
                row.stitched_by_text = row.stitched_by_text or by_text
            else:
                row = LogicalRow(logical, {grid.page}, self.section, self.method, by_text, tied,
                                 self.section_boxes)
                self.rows.append(row)
            self.last_cells = dict(enumerate(logical))
        self.last_grid = grid

    def _number_split(self, row: LogicalRow, values: dict[str, str]) -> dict[str, str] | None:
        """One cell across the item number column and the next (the column rule between
        them lost, "5... Tăng cường kiểm tra …" read in both): the number goes to `stt`,
        the writing after it to the next column's field (`number_and_text`); the text as
        read is returned for `raw`, None when there is nothing to split."""
        c = self.col("stt")
        if c is None or c + 1 >= len(row.cells) or row.cells[c] is not row.cells[c + 1]:
            return None
        beside = self.header.fields[c + 1]
        split = number_and_text(values["stt"]) if beside else None
        if split is None:
            return None
        raw = {"stt": values["stt"], beside: values[beside]}
        values["stt"], values[beside] = split
        return raw

    def plan_rows(self) -> list[PlanRow]:
        out = []
        for row in self.rows:
            values = {name: row.cells[c].text for c, name in enumerate(self.header.fields) if name}
            boxes = {name: row.cells[c].boxes for c, name in enumerate(self.header.fields)
                     if name and row.cells[c].boxes}
            extra = {title: row.cells[c].text for c, (name, title) in enumerate(zip(self.header.fields,
                                                                                   self.header.titles))
                     if not name and title and row.cells[c].text}
            raw = self._number_split(row, values)
            if "stt" in values and "ocr" in row.cells[self.col("stt")].sources:
                values["stt"] = item_number(values["stt"])
            boxes.update(row.section_boxes)
            confidence = min([cell.confidence for cell in row.cells] +
                             [piece["confidence"] for pieces in row.section_boxes.values() for piece in pieces])
            sources = set().union(*(cell.sources for cell in row.cells))
            method = "ocr" if "ocr" in sources else row.method
            penalty = 1.0                   # how the row was built, whatever its cells
            if row.stitched_by_text:
                penalty = HEURISTIC_STITCH_CONFIDENCE
            if row.tied_break:
                penalty = min(penalty, TIED_BREAK_CONFIDENCE)
            out.append(PlanRow(section_no=row.section[0], section_title=row.section[1], **values,
                               page_first=min(row.pages), page_last=max(row.pages), method=method,
                               confidence=min(confidence, penalty), build_penalty=penalty, cell_boxes=boxes,
                               extra=extra or None, raw=raw))
        stt = self.col("stt")
        if stt is not None:
            ocr_items = [i for i, row in enumerate(self.rows) if "ocr" in row.cells[stt].sources]
            repair_item_numbers(out, [self.rows[i].cells[stt] for i in range(len(self.rows))], set(ocr_items))
            repair_sub_numbers(out, {i for i, row in enumerate(out) if row.method == "ocr"})
        return out


def better_header(header: HeaderMap, grid: PageGrid) -> HeaderMap:
    """The header learned so far, with the columns it could not map filled in from the
    header `grid` repeats (a continuation page): a label OCR misread on the first page (a
    seal over "Cơ quan phối hợp") is read on another, and its column maps for every row.
    A field is never mapped twice."""
    try:
        other = map_header(grid)
    except HeaderError:
        return header
    if len(other.fields) != len(header.fields):
        return header
    fields, titles = list(header.fields), list(header.titles)
    for c, found in enumerate(other.fields):
        if fields[c] is None and found and found not in fields:
            fields[c] = found
            if c < len(titles) and c < len(other.titles):
                titles[c] = other.titles[c]
    if fields == list(header.fields):
        return header
    return replace(header, fields=tuple(fields), titles=tuple(titles))


def _without_body_strokes(grid: PageGrid) -> PageGrid:
    """`grid` without the column boundaries its header spans and its body does not need
    (`extractors.column_splits`); as it is when it has no header of its own."""
    try:
        header = map_header(grid)
    except HeaderError:
        return grid
    return merge_unheaded_columns(grid, header.rows)


def assemble(grids: list[PageGrid], method: str = "text_layer") -> Assembly:
    """All plan rows of a document's grids, in page order, and what is missing from them
    (`Assembly.missing`: see `skipped_plan_tables`, `numbering_gaps`)."""
    tables: list[_Table] = []
    events: list[str] = []
    skipped: list[tuple[PageGrid, _Table | None, str]] = []  # grid, the table open then, why
    pages: set[int] = set()
    current: _Table | None = None
    goes_on: list[bool] = []  # per table: it goes on with the one before (`_goes_on`)
    for grid in map(_without_body_strokes, grids):
        if current is not None and _same_columns(grid.xs, current.xs):
            repeated = repeated_header_rows(grid, current.header)
            if repeated:
                current.header = better_header(current.header, grid)
            current.add_grid(grid, repeated)
            pages.add(grid.page)
            continue
        try:
            header = map_header(grid)
        except HeaderError as err:
            events.append(f"skipped table: {err}")
            skipped.append((grid, current, str(err).split(": ", 1)[-1]))
            continue
        previous, current = current, _Table(header, grid.xs, method)
        goes_on.append(previous is not None and _goes_on(previous, grid, header))
        if goes_on[-1]:
            current.section, current.section_boxes = previous.section, previous.section_boxes
        tables.append(current)
        current.add_grid(grid, header.rows)
        pages.add(grid.page)
    per_table = [t.plan_rows() for t in tables]
    missing = skipped_plan_tables(skipped, tables)
    series: list[tuple[list[PlanRow], dict[str, str]]] = []  # the rows of tables that go on from one another
    for table, table_rows, joined in zip(tables, per_table, goes_on):
        if joined and series:
            series[-1] = (series[-1][0] + table_rows, {**series[-1][1], **table.numerals_read})
        else:
            series.append((table_rows, dict(table.numerals_read)))
    rows = []
    for series_rows, numerals_read in series:
        series_rows, lost = restore_lost_section(series_rows, numerals_read)
        rows += series_rows
        missing += lost + numbering_gaps(series_rows)
    return Assembly(rows, events, len(tables), missing, pages, [(t.first_page, t.last_grid.page) for t in tables])


def _goes_on(previous: "_Table", grid: PageGrid, header: HeaderMap) -> bool:
    """Whether the table `grid` starts (its own header, column edges not the previous
    table's: a rule lost or an extra one found on a scanned page) goes on with the
    previous table's section: the same fields, on the page after the previous table's last
    or on the same page, and rows before any section row of its own."""
    return (set(header.fields) - {None} == set(previous.header.fields) - {None}
            and previous.last_grid is not None and grid.page - previous.last_grid.page in (0, 1)
            and header.rows < grid.n_rows and section_of(grid, header.rows) is None)


def skipped_plan_tables(skipped: list[tuple[PageGrid, "_Table | None", str]], tables: list["_Table"]
                        ) -> list[tuple[int | None, str]]:
    """Skipped grids that look like a part of the plan table: the same column edges as a
    plan table of the document (its header unreadable on that page, before or after the
    table began), or, after the table began, as many columns give or take one (a moved
    or lost rule). Ruled boxes of other shapes (a signature block) are not counted."""
    out = []
    for grid, open_table, why in skipped:
        same = any(_same_columns(grid.xs, t.xs) for t in tables)
        near = open_table is not None and abs(grid.n_cols - (len(open_table.xs) - 1)) <= 1
        if same or near:
            out.append((grid.page, f"page {grid.page}: a table with the plan's columns was skipped ({why}); "
                                   "its rows are missing"))
    return out
