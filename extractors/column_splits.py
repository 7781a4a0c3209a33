"""A column rule the header does not have: a stroke down the body, not a column.

A toner streak or a seal's edge down a copied page can be found as a rule below the
header only: the page's grid then has a column boundary that every header row spans (the
label "Stt" and its number "1" read as one cell over both sides), and the body's rows come
out one cell wider — a section row ("I | CÔNG TÁC CHỈ ĐẠO …") is no longer one number and
one title, and its title is read as an item's every cell. A plan's header names every
column it has (a grouped label has its sub-labels in a row below, and the column-number
row numbers each column), so a boundary every header row spans is no column: where, in
every body row, the cells on its two sides span the same rows and at most one of them
holds writing, the two are one cell (`merge_unheaded_columns`). Where both sides hold
writing (a streak down the middle of a column of text), their texts were read apart and
cannot be interleaved line by line: OCR joins the two there too and reads the joined cell
again as one (`join_unheaded_columns`, `extractors.ocr.ocr_grids`); a text layer's
boundary stays.
"""
from __future__ import annotations

from dataclasses import replace

from extractors.grid import GridCell, PageGrid


def _unheaded(grid: PageGrid, header_rows: int, b: int, both_written: bool = False) -> bool:
    """Whether boundary `b` (between columns b-1 and b) is spanned by every header row and
    its body cells pair up, with writing on one side at most (on both too with
    `both_written`)."""
    if header_rows < 1 or not all(grid.cell(r, b - 1) is grid.cell(r, b) for r in range(header_rows)):
        return False
    for r in range(header_rows, grid.n_rows):
        left, right = grid.cell(r, b - 1), grid.cell(r, b)
        if left is right:
            continue
        if (left.row0, left.row1) != (right.row0, right.row1) or (left.text and right.text and not both_written):
            return False
    return True


def _joined(left: GridCell, right: GridCell) -> GridCell:
    """The cells on the two sides of a boundary taken out as one: their box, the writing
    of the one that holds it."""
    written = left if left.text or not right.text else right
    x0, top, _, _ = left.bbox
    _, _, x1, bottom = right.bbox
    return GridCell(left.row0, left.row1, left.col0, right.col1 - 1, (x0, top, x1, bottom), written.text,
                    written.confidence, written.source, left.alternatives + right.alternatives)


def _without_boundary(grid: PageGrid, b: int) -> tuple[PageGrid, dict[int, list[GridCell]]]:
    """`grid` with boundary `b` taken out: cells right of it one column left, cells across
    it one column narrower, each pair on its two sides one cell (`_joined`); and id(cell)
    → the cells of `grid` it was made of, for each cell that is not one of `grid`'s."""
    cells: list[GridCell] = []
    made_of: dict[int, list[GridCell]] = {}

    def made(cell: GridCell, *parts: GridCell) -> None:
        cells.append(cell)
        made_of[id(cell)] = list(parts)

    for cell in grid.cells:
        if cell.col1 < b - 1:
            cells.append(cell)
        elif cell.col0 < b <= cell.col1:                       # across it (a header cell)
            made(replace(cell, col1=cell.col1 - 1), cell)
        elif cell.col1 == b - 1:                               # a pair's left side
            right = grid.cell(cell.row0, b)
            made(_joined(cell, right), cell, right)
        elif cell.col0 > b:
            made(replace(cell, col0=cell.col0 - 1, col1=cell.col1 - 1), cell)
        # col0 == b: a pair's right side, joined with its left
    open_bottom = list(grid.open_bottom)
    if len(open_bottom) == grid.n_cols:
        open_bottom[b - 1] = open_bottom[b - 1] or open_bottom[b]
        del open_bottom[b]
    out = PageGrid(grid.page, grid.xs[:b] + grid.xs[b + 1:], list(grid.ys), cells, open_bottom)
    out.index()
    return out, made_of


def merge_unheaded_columns(grid: PageGrid, header_rows: int) -> PageGrid:
    """`grid` with each column boundary its `header_rows` all span and its body does not
    need (see the module doc) taken out; `grid` itself when there is none."""
    return join_unheaded_columns(grid, header_rows, both_written=False)[0]


def join_unheaded_columns(grid: PageGrid, header_rows: int, both_written: bool = True
                          ) -> tuple[PageGrid, dict[int, list[GridCell]]]:
    """`grid` with each column boundary its `header_rows` all span taken out where its
    body's cells pair up (with `both_written`, also where both sides of a pair hold
    writing), and id(cell) → the cells of `grid` it was made of, for each cell of the
    result that is not one of `grid`'s (a pair joined: two; a cell moved or narrowed: one)."""
    parts: dict[int, list[GridCell]] = {}
    b = 1
    while b < grid.n_cols:
        if not _unheaded(grid, header_rows, b, both_written):
            b += 1
            continue
        grid, made_of = _without_boundary(grid, b)
        for new, cells in made_of.items():
            parts[new] = [p for c in cells for p in parts.pop(id(c), [c])]
    return grid, parts
