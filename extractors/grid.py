"""Ruling lines → table grids with spans (`PageGrid`), the record both paths meet at.

A page's visible ruling lines (from the PDF's vector paths, or found in a scan's image)
are merged into horizontal and vertical lines; connected lines form a table; the x of
the vertical lines and the y of the horizontal lines give an elementary grid, and a
missing rule between two elementary cells merges them (union-find), which recovers
vertically merged cells (an item's task over several activities) and section rows
spanning the width. Every cell keeps its bbox, its row/column span and its text.

For each column the grid also records whether the table's last row is closed by a rule:
a row that continues on the next page has no closing rule (`open_bottom`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Protocol

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom (points, origin top-left)

MERGE_TOL = 1.5  # points: rules this close are the same rule
#: points: a gap this short along a rule is a break in it (a photocopy's broken stroke, a
#: seal or a signature over it), not a missing border: no cell is this narrow or short.
GAP_TOL = 6.0
COVER = 0.6  # share of a cell edge a rule must cover to count as a border
#: A column rule a copy broke into pieces along the whole table (its pieces, all rows
#: together, cover `COVER` of the table's height) still parts a row where its pieces run
#: along this share of the row and `BROKEN_MIN` points at least, away from the row's
#: rules (by `GAP_TOL`: a rule running a little past a row rule into a merged cell is no
#: piece of it). A light copy's hairline between the item number and the task came in
#: pieces covering 21–40 % of some rows (all rows: 67 %), and those items' numbers and
#: tasks were read as one cell. A cell merged across a column (a section's title, a group
#: label) has no piece of it inside.
BROKEN_COVER = 0.15
BROKEN_MIN = 6.0
MIN_COLUMN_COVER = 0.3  # share of the table height a column rule must run along
OPEN_SIDE_SHARE = 0.3  # share of the row rules that must reach past the outer column rule (open sides)
#: points: an open side's edge is set this far outside where its row rules start (or
#: end), and those rules carried to it: there is no rule to inset a crop past, and a word
#: processor may set the outer column's writing flush with the rules' ends or past them
#: (a "8" cut at the rules' start read "3").
OPEN_SIDE_MARGIN = 4.0
#: points: a "table" narrower than this is a few crossing strokes (a seal's letters, a
#: signature over a rule), not a table
MIN_TABLE_WIDTH = 72.0


@dataclass(frozen=True)
class HLine:
    y: float
    x0: float
    x1: float


@dataclass(frozen=True)
class VLine:
    x: float
    y0: float
    y1: float


@dataclass
class CellText:
    text: str
    confidence: float = 1.0
    source: str = "text_layer"
    raw: str = ""  # text as read, before any clean-up
    word_confidences: tuple[float, ...] = ()  # OCR: Tesseract's confidence (0–1) of each word kept


@dataclass
class GridCell:
    row0: int
    row1: int  # inclusive
    col0: int
    col1: int  # inclusive
    bbox: BBox
    text: str = ""
    confidence: float = 1.0
    source: str = "text_layer"
    alternatives: tuple[str, ...] = ()  # other readings of the cell (OCR'd item numbers)

    @property
    def empty(self) -> bool:
        return not self.text


@dataclass
class PageGrid:
    """One table on one page: elementary rows × columns and the cells covering them."""

    page: int  # 1-based
    xs: list[float]  # column edges
    ys: list[float]  # row edges
    cells: list[GridCell]
    open_bottom: list[bool] = field(default_factory=list)  # per column
    at: dict[tuple[int, int], int] = field(default_factory=dict)  # (row, col) -> cell index

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def cell(self, row: int, col: int) -> GridCell:
        return self.cells[self.at[(row, col)]]

    def index(self) -> None:
        self.at = {}
        for k, c in enumerate(self.cells):
            for r in range(c.row0, c.row1 + 1):
                for col in range(c.col0, c.col1 + 1):
                    self.at[(r, col)] = k


class TextReader(Protocol):
    def __call__(self, bbox: BBox) -> CellText: ...


# --------------------------------------------------------------------------- lines

def _merge_1d(items: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Merge (pos, a, b) segments on the same line (pos within MERGE_TOL) that overlap or
    are less than GAP_TOL apart."""
    items = sorted(items)
    groups: list[list[tuple[float, float, float]]] = []
    for it in items:
        if groups and abs(it[0] - groups[-1][0][0]) <= MERGE_TOL:
            groups[-1].append(it)
        else:
            groups.append([it])
    out = []
    for g in groups:
        pos = sum(i[0] for i in g) / len(g)
        spans = sorted((min(a, b), max(a, b)) for _, a, b in g)
        cur_a, cur_b = spans[0]
        for a, b in spans[1:]:
            if a <= cur_b + GAP_TOL:
                cur_b = max(cur_b, b)
            else:
                out.append((pos, cur_a, cur_b))
                cur_a, cur_b = a, b
        out.append((pos, cur_a, cur_b))
    return out


def merge_lines(h: Iterable[HLine], v: Iterable[VLine], min_len: float = 3.0) -> tuple[list[HLine], list[VLine]]:
    hs = [HLine(p, a, b) for p, a, b in _merge_1d([(s.y, s.x0, s.x1) for s in h]) if b - a >= min_len]
    vs = [VLine(p, a, b) for p, a, b in _merge_1d([(s.x, s.y0, s.y1) for s in v]) if b - a >= min_len]
    return hs, vs


def _touch(h: HLine, v: VLine, tol: float = 2.5) -> bool:
    return h.x0 - tol <= v.x <= h.x1 + tol and v.y0 - tol <= h.y <= v.y1 + tol


def tables_of(hs: list[HLine], vs: list[VLine]) -> list[tuple[list[HLine], list[VLine]]]:
    """Connected groups of crossing lines with at least 2 horizontal and 2 vertical lines."""
    parent = list(range(len(hs) + len(vs)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if _touch(h, v):
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[HLine], list[VLine]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    found = [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]
    return sorted(found, key=lambda g: min(h.y for h in g[0]))


def lone_pieces(vs: list[VLine], tables: list[tuple[list[HLine], list[VLine]]]) -> list[VLine]:
    """Vertical pieces of no table (`tables_of`): a column rule a copy broke into pieces
    leaves some inside rows, crossing no row rule; one may touch a letter's stroke or a
    speck, which joins it to no table (`build_grid` takes those on the line of one of a
    table's column rules)."""
    in_tables = {id(v) for _, table_vs in tables for v in table_vs}
    return [v for v in vs if id(v) not in in_tables]


def _groups(values: Iterable[float]) -> list[list[float]]:
    """Values grouped where consecutive ones lie within MERGE_TOL, in order."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= MERGE_TOL:
            out[-1].append(v)
        else:
            out.append([v])
    return out


def _cluster(values: Iterable[float]) -> list[float]:
    return [sum(g) / len(g) for g in _groups(values)]


def _narrow_columns_merged(xs: list[float]) -> list[float]:
    """Column edges less than GAP_TOL apart are one edge (a doubled or smeared scanned
    rule): no column is that narrow."""
    out: list[float] = []
    for x in xs:
        if out and x - out[-1] < GAP_TOL:
            out[-1] = (out[-1] + x) / 2
        else:
            out.append(x)
    return out


def _overlap(a: float, b: float, segments: Iterable[tuple[float, float]]) -> float:
    """How much of the span from `a` to `b` the `segments` run along (0 for an empty span)."""
    return sum(max(0.0, min(b, s1) - max(a, s0)) for s0, s1 in segments)


def _covered(a: float, b: float, segments: list[tuple[float, float]]) -> bool:
    return _overlap(a, b, segments) >= (b - a) * COVER


# --------------------------------------------------------------------------- grid

def true_rules(hs: list[HLine], vs: list[VLine]) -> tuple[list[HLine], list[VLine]]:
    """Drop rule-like marks that are not table rules (strokes of letters in a scan).

    A column rule runs through much of the table: an x whose vertical pieces cover less
    than `MIN_COLUMN_COVER` of the table height (all rules' extent, or the row rules')
    is not a column edge. A row rule runs
    from one column edge to another: cut to the table's outer edges first (a stroke
    touching its end, a seal in the margin, must not carry it past them), a horizontal
    piece whose ends are not both near a column edge is cut back to the edges it passes when
    little of it runs on (`_between_edges`: a letter's stroke joined to the rule), else
    dropped. Column rules are cut to the table's common extent
    (`_common_extent`). Vector tables pass unchanged.
    """
    xs = _cluster([v.x for v in vs])
    pieces: dict[float, list[VLine]] = {x: [] for x in xs}
    for v in vs:
        pieces[min(xs, key=lambda k: abs(k - v.x))].append(v)
    # the table's height: all its rules' extent, or its row rules' (a copier's streak down
    # the sheet stretches the first past a short table, whose column rules then seem short)
    spans = [(min(min(v.y0 for v in vs), min(h.y for h in hs)), max(max(v.y1 for v in vs), max(h.y for h in hs)))]
    if len(hs) >= 2:
        spans.append((min(h.y for h in hs), max(h.y for h in hs)))
    edges = [x for x in xs if any(_cover(pieces[x], top, bottom) >= MIN_COLUMN_COVER * max(bottom - top, 1.0)
                                  for top, bottom in spans) and _on_a_row_rule(x, vs, hs)]
    if len(edges) < 2:
        return hs, vs
    vs = [v for v in vs if min(abs(v.x - x) for x in edges) <= MERGE_TOL]
    top, bottom = _common_extent(vs, edges, hs)
    vs = [VLine(v.x, max(v.y0, top), min(v.y1, bottom)) for v in vs if min(v.y1, bottom) > max(v.y0, top)]
    near = 2 * MERGE_TOL + 1.0
    sides = open_sides(hs, edges)
    moved = [x - OPEN_SIDE_MARGIN if x < min(edges) else x + OPEN_SIDE_MARGIN for x in sides]
    reach = [max(near, (1 - COVER) * min(abs(x - e) for e in edges)) for x in sides]
    hs = [_carried_to(h, sides, moved, reach) for h in hs]
    edges += moved
    vs = vs + [VLine(x, top, bottom) for x in moved]
    left, right = min(edges), max(edges)
    kept = []

    def as_rule(h: HLine) -> HLine | None:
        if h.x1 <= left or h.x0 >= right:
            return None
        # cut to the table's outer edges (a seal's arc at a rule's end), noting which end ran on past them
        inside = HLine(h.y, max(h.x0, left), min(h.x1, right))
        return _between_edges(inside, edges, near, (h.x0 < left - near, h.x1 > right + near))

    for pieces in _joined_inside_cells(hs, sorted(edges), near):
        rule = as_rule(HLine(sum(p.y for p in pieces) / len(pieces), pieces[0].x0, max(p.x1 for p in pieces)))
        # two pieces joined that make no rule together are taken one by one
        rules = [rule] if rule is not None or len(pieces) == 1 else [as_rule(p) for p in pieces]
        kept += [r for r in rules if r is not None]
    return kept, vs


def _joined_inside_cells(hs: list[HLine], edges: list[float], near: float) -> list[list[HLine]]:
    """The horizontal pieces, each alone or two together: two pieces of a row rule whose
    middle in one column is hidden (a seal's ring over it, a copy's dropout), the piece on
    the left reaching into the column from its left edge, the one on the right from its
    right edge, each by `BROKEN_MIN` at least (17 and 16 pt of a 60 pt column left under
    a seal), and each ending on a column edge (within `near`) at its other end. Taken one
    by one, each is cut back to the column edges (`_between_edges`) and the cell, covered
    under `COVER`, is merged with the one below. A cell merged across the rule has no
    piece of the rule inside, only a stroke's width past the column edges."""
    def at_edge(x: float) -> bool:
        return min(abs(x - e) for e in edges) <= near

    out = [[h] for h in sorted(hs, key=lambda h: (h.y, h.x0))]
    k = 0
    while k + 1 < len(out):
        a, b = out[k][-1], out[k + 1][0]
        inside = [(e0, e1) for e0, e1 in zip(edges, edges[1:]) if e0 < a.x1 < b.x0 < e1]
        if len(out[k]) == 1 and len(out[k + 1]) == 1 and abs(a.y - b.y) <= MERGE_TOL and inside \
                and at_edge(a.x0) and at_edge(b.x1) and a.x0 <= inside[0][0] + MERGE_TOL \
                and a.x1 - inside[0][0] >= BROKEN_MIN and inside[0][1] - b.x0 >= BROKEN_MIN \
                and b.x1 >= inside[0][1] - MERGE_TOL:
            out[k:k + 2] = [[a, b]]
        k += 1
    return out


def _cover(pieces: list[VLine], top: float, bottom: float) -> float:
    """How much of the height from `top` to `bottom` vertical `pieces` run along."""
    return _overlap(top, bottom, ((v.y0, v.y1) for v in pieces))


def _carried_to(h: HLine, sides: list[float], moved: list[float], reach: list[float]) -> HLine:
    """A row rule whose end is within `reach` of an open side carried on to where that
    side's edge is set (`OPEN_SIDE_MARGIN`). The reach is the larger of a rule's own
    tolerance and `1 - COVER` of the outer column's width: a rule a copy broke off 6 pt
    short of the open side still runs along most of that column's cell, and cut back to
    the last column rule it left that cell merged with the section row below it."""
    x0, x1 = h.x0, h.x1
    for side, edge, near in zip(sides, moved, reach):
        if abs(h.x0 - side) <= near:
            x0 = min(x0, edge)
        if abs(h.x1 - side) <= near:
            x1 = max(x1, edge)
    return h if (x0, x1) == (h.x0, h.x1) else HLine(h.y, x0, x1)


def _on_a_row_rule(x: float, vs: list[VLine], hs: list[HLine]) -> bool:
    """Whether a column rule at `x` begins or ends on a horizontal piece across it (within
    `GAP_TOL`: a copy breaks a rule's end): a column rule starts on the table's top or a
    header's rule (and mostly ends on the bottom rule); a copier's toner streak down the
    sheet starts and ends anywhere (mid-cell, off the table) and would cut a column in two
    wherever it is dark enough to pass for a rule (a word processor's hairlines on a copy
    are as light as one)."""
    pieces = [v for v in vs if abs(v.x - x) <= MERGE_TOL]
    return any(on_row_rule(x, y, hs) for y in (min(v.y0 for v in pieces), max(v.y1 for v in pieces)))


def on_row_rule(x: float, y: float, hs: list[HLine], tol: float = GAP_TOL) -> bool:
    """Whether the point (x, y) lies on one of the row rules `hs` (within `tol`)."""
    return any(abs(h.y - y) <= tol and h.x0 - tol <= x <= h.x1 + tol for h in hs)


#: A row rule may run on past a column edge into a cell by at most this share of its
#: length (a letter's stroke joined to its end across a short gap, `GAP_TOL`), and is
#: then cut back to the edge; a piece with more of itself inside cells is no rule.
RUN_ON_SHARE = 0.25
#: The same when the piece's other end sits on a column edge: a rule one column wide (a
#: product cell split in two) joined to a word's stroke in the cell before it runs on by
#: almost as much as it is long, while a line of writing that strokes chain into a
#: "rule" at low resolution runs on into cells at both ends.
ONE_END_RUN_ON_SHARE = 0.5
#: points: with neither end on a column edge, each end may run on into its cell by at
#: most this much (a letter's stroke glued across a break): a copier's toner streak across
#: the table starts and ends anywhere, and cut back to the edges it passes it parted the
#: rows it crossed between two lines of their text.
BOTH_ENDS_RUN_ON = GAP_TOL


def _between_edges(h: HLine, edges: list[float], near: float,
                   ran_past: tuple[bool, bool] = (False, False)) -> HLine | None:
    """A horizontal piece as a row rule: unchanged when both ends are near a column edge;
    an end running on into a cell cut back to the last edge the piece passes, when what is
    cut is at most `RUN_ON_SHARE` of it (`ONE_END_RUN_ON_SHARE` when the other end is on an
    edge); None when it is no rule (a letter's stroke). `ran_past`: whether the piece ran
    on past the table's left or right edge (cut there already): that end is on an edge
    but no evidence of a rule (a toner streak across the sheet ends past the table, and
    mid-cell on its other side it would part the rows it crosses)."""
    def at_edge(x: float) -> bool:
        return min(abs(x - e) for e in edges) <= near

    x0 = h.x0 if at_edge(h.x0) else min((e for e in edges if e > h.x0), default=None)
    x1 = h.x1 if at_edge(h.x1) else max((e for e in edges if e < h.x1), default=None)
    on0, on1 = x0 == h.x0 and not ran_past[0], x1 == h.x1 and not ran_past[1]
    share = ONE_END_RUN_ON_SHARE if on0 or on1 else RUN_ON_SHARE
    if x0 is None or x1 is None or x1 - x0 <= near or x1 - x0 < (1 - share) * (h.x1 - h.x0):
        return None
    if not on0 and not on1 and max(x0 - h.x0, h.x1 - x1) > BOTH_ENDS_RUN_ON:
        return None
    return h if (x0, x1) == (h.x0, h.x1) else HLine(h.y, x0, x1)


def _common_extent(vs: list[VLine], edges: list[float], hs: list[HLine]) -> tuple[float, float]:
    """Where the table's column rules begin and end: the median over the column edges
    of each edge's highest start and lowest end (a signature stroke or a seal's arc that
    runs on from one rule past the table moves one edge, not the median), or where both
    outer edges reach when that is further (a section row at a page's foot spans the
    inner columns, whose rules stop above it), widened to the row rules that reach
    further."""
    starts, ends = [], []
    for x in edges:
        pieces = [v for v in vs if abs(v.x - x) <= MERGE_TOL]
        starts.append(min(v.y0 for v in pieces))
        ends.append(max(v.y1 for v in pieces))
    top, bottom = sorted(starts)[len(starts) // 2], sorted(ends)[(len(ends) - 1) // 2]
    outer = (edges.index(min(edges)), edges.index(max(edges)))
    top = min(top, max(starts[k] for k in outer))
    bottom = max(bottom, min(ends[k] for k in outer))
    rows = [h.y for h in hs]
    return min([top, *rows]), max([bottom, *rows])


def open_sides(hs: list[HLine], edges: list[float]) -> list[float]:
    """Outer edges of a table drawn without its left or right border (open sides): where
    many of the row rules that reach the first column rule (at least `OPEN_SIDE_SHARE` of
    them, and two) start left of it, or of those that reach the last one end right of it.
    Counted among those only: a scan's letter strokes touching inner column rules are
    horizontal pieces too, and on a page of long cells they outnumber the rows."""
    first, last = min(edges), max(edges)
    reach_first = [h.x0 for h in hs if h.x0 <= first + MERGE_TOL]
    reach_last = [h.x1 for h in hs if h.x1 >= last - MERGE_TOL]
    left = [sum(g) / len(g) for g in _groups(reach_first)
            if len(g) >= max(2, OPEN_SIDE_SHARE * len(reach_first))]
    right = [sum(g) / len(g) for g in _groups(reach_last)
             if len(g) >= max(2, OPEN_SIDE_SHARE * len(reach_last))]
    left = [x for x in left if x < first - MERGE_TOL]
    right = [x for x in right if x > last + MERGE_TOL]
    return ([min(left)] if left else []) + ([max(right)] if right else [])


def build_grid(page: int, hs: list[HLine], vs: list[VLine], read: TextReader | None = None,
               lone: list[VLine] | None = None) -> PageGrid | None:
    """Elementary grid of one table, merged into cells where a rule is missing; None when
    what looked like a table has no row or column rule left once strokes are told from
    rules (a seal's letters, speckle of a photocopy). `lone`: vertical pieces of no table
    (`lone_pieces`); those inside the table on the line of a column rule it keeps are
    pieces of that rule (`BROKEN_COVER`)."""
    hs, vs = true_rules(hs, vs)
    if not hs or len(vs) < 2:
        return None
    top = min(min(v.y0 for v in vs), min(h.y for h in hs))
    bottom = max(max(v.y1 for v in vs), max(h.y for h in hs))
    vs = vs + [p for p in lone or [] if top <= p.y0 and p.y1 <= bottom and any(abs(v.x - p.x) <= MERGE_TOL for v in vs)]
    xs = _narrow_columns_merged(_cluster([v.x for v in vs]))
    rules_y = [h.y for h in hs]
    # the ends of the column rules close the table where no row rule does; where one does,
    # a column rule running a little past it (a thick or skewed scanned stroke) is no row
    ends = [y for y in (top, bottom) if min((abs(y - r) for r in rules_y), default=GAP_TOL) >= GAP_TOL]
    ys = _cluster(rules_y + ends)
    h_at: dict[int, list[tuple[float, float]]] = {i: [] for i in range(len(ys))}
    for h in hs:
        i = min(range(len(ys)), key=lambda k: abs(ys[k] - h.y))
        h_at[i].append((h.x0, h.x1))
    v_at: dict[int, list[tuple[float, float]]] = {j: [] for j in range(len(xs))}
    for v in vs:
        j = min(range(len(xs)), key=lambda k: abs(xs[k] - v.x))
        v_at[j].append((v.y0, v.y1))

    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}
    broken = {j for j, pieces in v_at.items() if sum(y1 - y0 for y0, y1 in pieces) >= COVER * (ys[-1] - ys[0])}

    def runs_on(r: int, j: int) -> bool:  # do the cells either side of column rule j go on past row r?
        return r + 1 < n_rows and not _covered(xs[j - 1], xs[j], h_at[r + 1]) \
            and not _covered(xs[j], xs[j + 1], h_at[r + 1])

    def parted(r: int, j: int) -> bool:  # does column rule j part row r?
        if _covered(ys[r], ys[r + 1], v_at[j]):
            return True
        if j not in broken:
            return False
        first, last = r, r  # the rows the cells either side run on through together
        while first > 0 and runs_on(first - 1, j):
            first -= 1
        while runs_on(last, j):
            last += 1
        return _overlap(ys[first] + GAP_TOL, ys[last + 1] - GAP_TOL, v_at[j]) \
            >= max(BROKEN_MIN, BROKEN_COVER * (ys[last + 1] - ys[first]))

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for r in range(n_rows):
        for c in range(n_cols):
            if r + 1 < n_rows and not _covered(xs[c], xs[c + 1], h_at[r + 1]):
                parent[find((r, c))] = find((r + 1, c))
            if c + 1 < n_cols and not parted(r, c + 1):
                parent[find((r, c))] = find((r, c + 1))
    groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for key in parent:
        groups.setdefault(find(key), []).append(key)
    cells = []
    for members in groups.values():
        r0, r1 = min(m[0] for m in members), max(m[0] for m in members)
        c0, c1 = min(m[1] for m in members), max(m[1] for m in members)
        cells.append(GridCell(r0, r1, c0, c1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
    cells.sort(key=lambda c: (c.row0, c.col0))
    grid = PageGrid(page, xs, ys, cells)
    grid.index()
    grid.open_bottom = [not _covered(xs[c], xs[c + 1], h_at[n_rows]) for c in range(n_cols)]
    if read is not None:
        for cell in cells:
            got = read(cell.bbox)
            cell.text, cell.confidence, cell.source = got.text, got.confidence, got.source
    return grid


def page_grids(page: int, h: Iterable[HLine], v: Iterable[VLine], read: TextReader | None = None,
               keep: Callable[[PageGrid], bool] | None = None) -> list[PageGrid]:
    """All ruled tables of one page, top to bottom."""
    hs, vs = merge_lines(h, v)
    tables = tables_of(hs, vs)
    lone = lone_pieces(vs, tables)
    out = []
    for th, tv in tables:
        grid = build_grid(page, th, tv, read, lone)
        if grid is not None and grid.n_rows >= 1 and grid.n_cols >= 2 and grid.xs[-1] - grid.xs[0] >= MIN_TABLE_WIDTH \
                and (keep is None or keep(grid)):
            out.append(grid)
    return out
