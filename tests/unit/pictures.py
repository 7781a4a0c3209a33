"""Ruled tables drawn from text pictures, for tests of the grid and table stages.

A picture is a list of rows of cell texts; "^" continues the cell above (vertical
merge), "<" the cell to the left (horizontal merge). The helper draws the rules a PDF
would have (none inside a merged cell) and reads text back by cell box, so tests run
the real `extractors.grid` and `extractors.table` code.
"""
from __future__ import annotations

from extractors.grid import CellText, HLine, PageGrid, VLine, page_grids

W, H = 60.0, 20.0


def _owners(picture):
    owner = {}
    for r, row in enumerate(picture):
        for c, text in enumerate(row):
            if text == "^":
                owner[(r, c)] = owner[(r - 1, c)]
            elif text == "<":
                owner[(r, c)] = owner[(r, c - 1)]
            else:
                owner[(r, c)] = (r, c)
    return owner


def draw(picture: list[list[str]], page: int = 1, closed_bottom: bool = True, open_sides: bool = False) -> PageGrid:
    n_rows, n_cols = len(picture), len(picture[0])
    owner = _owners(picture)
    hs, vs = [HLine(0.0, 0.0, n_cols * W)], []
    for r in range(1, n_rows):
        for c in range(n_cols):
            if owner[(r, c)] != owner[(r - 1, c)]:
                hs.append(HLine(r * H, c * W, (c + 1) * W))
    if closed_bottom:  # else: the last row is cut by the page break, no closing rule
        hs.append(HLine(n_rows * H, 0.0, n_cols * W))
    if not open_sides:  # else: no left or right border, as some word processors print
        vs += [VLine(0.0, 0.0, n_rows * H), VLine(n_cols * W, 0.0, n_rows * H)]
    for c in range(1, n_cols):
        for r in range(n_rows):
            if owner[(r, c)] != owner[(r, c - 1)]:
                vs.append(VLine(c * W, r * H, (r + 1) * H))
    texts = {owner_: picture[owner_[0]][owner_[1]] for owner_ in set(owner.values())}

    def read(bbox) -> CellText:
        x0, top, _, _ = bbox
        return CellText(texts[(round(top / H), round(x0 / W))])

    (grid,) = page_grids(page, hs, vs, read)
    return grid
