"""Table layout for the reference-PDF renderer: truth rows → cells with spans → pages.

The renderer draws a plan appendix the way a word processor prints it: a ruled table,
the header repeated on every page, vertically merged cells drawn as one cell (no inner
rules), section rows spanning the width, and rows allowed to break across pages at a
line boundary. Layout is done on one continuous vertical strip first, then cut into pages
at positions that split no text line, so merged cells and long rows cross page breaks
exactly as they do in real plans.

This module only computes geometry (points, origin top-left); `bench.render` draws it.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

from schemas.records import ROW_FIELDS

#: Fields of the two appendix layouts of the reference corpus, in column order.
LAYOUT_8 = ("stt", "objective", "task", "activity", "product", "lead_text", "coord_text", "timeline_text")
LAYOUT_7 = ("stt", "task", "product", "lead_text", "coord_text", "timeline_text", "note")
#: Columns that form an item's hierarchy: a span in one of them also bounds the spans
#: to its right.
HIERARCHY = ("stt", "objective", "task")

Measure = Callable[[str, float], float]  # (text, font_size) -> width in points


@dataclass(frozen=True)
class Span:
    """A cell of the logical table: one column, leaf rows [first, last] inclusive."""

    col: int
    first: int
    last: int
    text: str


@dataclass
class Line:
    """One wrapped text line, top-left anchored, on the continuous strip."""

    x: float
    top: float
    text: str
    bold: bool = False
    align: str = "left"  # left | center
    width: float = 0.0  # cell inner width (for centring)


@dataclass
class Strip:
    """The whole table body laid out on one continuous vertical strip."""

    row_top: list[float]  # per body row (section rows included), top y
    row_bottom: list[float]
    lines: list[Line]
    # horizontal rule pieces: (y, x0, x1)
    hrules: list[tuple[float, float, float]]
    # vertical rule pieces: (x, y0, y1)
    vrules: list[tuple[float, float, float]]
    height: float


@dataclass
class BodyRow:
    kind: str  # "section" | "leaf"
    section_no: str = ""
    section_title: str = ""
    leaf: int = -1  # index into the leaf rows for kind == "leaf"


def wrap(text: str, width: float, size: float, measure: Measure) -> list[str]:
    """Greedy word wrap; a word wider than the cell is broken between characters."""
    if not text:
        return []
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if measure(candidate, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while measure(current, size) > width and len(current) > 1:
            cut = len(current) - 1
            while cut > 1 and measure(current[:cut], size) > width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    return lines


def body_rows(rows: list[dict]) -> list[BodyRow]:
    """Interleave section rows (one per change of section) with the leaf rows."""
    out: list[BodyRow] = []
    previous = None
    for i, row in enumerate(rows):
        key = (row["section_no"], row["section_title"])
        if key != previous and (row["section_no"] or row["section_title"]):
            out.append(BodyRow("section", row["section_no"], row["section_title"]))
        previous = key
        out.append(BodyRow("leaf", leaf=i))
    return out


def spans(rows: list[dict], fields: tuple[str, ...]) -> list[Span]:
    """Vertical merges implied by the filled-down truth rows.

    A hierarchy column merges equal, non-empty consecutive values within a section when
    every hierarchy column to its left is equal too; any other column merges equal,
    non-empty values within one item (all hierarchy columns equal).
    """
    out: list[Span] = []
    hierarchy_cols = [f for f in fields if f in HIERARCHY]
    for col, name in enumerate(fields):
        parents = [f for f in hierarchy_cols if fields.index(f) < col] if name in HIERARCHY else hierarchy_cols
        start = 0
        for i in range(1, len(rows) + 1):
            same = (
                i < len(rows)
                and rows[i][name]
                and rows[i][name] == rows[i - 1][name]
                and rows[i]["section_no"] == rows[i - 1]["section_no"]
                and rows[i]["section_title"] == rows[i - 1]["section_title"]
                and all(rows[i][p] == rows[i - 1][p] for p in parents)
            )
            if not same:
                out.append(Span(col, start, i - 1, rows[start][name]))
                start = i
    return out


@dataclass(frozen=True)
class TableGeometry:
    x0: float
    widths: tuple[float, ...]
    size: float
    leading: float
    pad: float
    valign: str  # top | middle

    @property
    def edges(self) -> list[float]:
        xs = [self.x0]
        for w in self.widths:
            xs.append(xs[-1] + w)
        return xs


def layout_strip(rows: list[dict], fields: tuple[str, ...], geo: TableGeometry, measure: Measure) -> Strip:
    """Lay out the table body (no header) on a continuous strip starting at y = 0."""
    edges = geo.edges
    body = body_rows(rows)
    cell_spans = spans(rows, fields)
    inner = [w - 2 * geo.pad for w in geo.widths]
    wrapped = {s: wrap(s.text, inner[s.col], geo.size, measure) for s in cell_spans}

    # Leaf heights: every span's text must fit over the rows it covers.
    min_h = geo.leading + 2 * geo.pad
    leaf_h = [min_h] * len(rows)
    for s in sorted(cell_spans, key=lambda s: (s.last - s.first, s.first)):
        need = len(wrapped[s]) * geo.leading + 2 * geo.pad
        have = sum(leaf_h[s.first:s.last + 1])
        if need > have:
            leaf_h[s.last] += need - have

    section_lines: dict[int, list[str]] = {}
    title_width = sum(inner[1:]) + 2 * geo.pad * (len(inner) - 2)
    heights: list[float] = []
    for b, br in enumerate(body):
        if br.kind == "section":
            section_lines[b] = wrap(br.section_title, title_width, geo.size, measure)
            heights.append(max(1, len(section_lines[b])) * geo.leading + 2 * geo.pad)
        else:
            heights.append(leaf_h[br.leaf])

    row_top, row_bottom = [], []
    y = 0.0
    for h in heights:
        row_top.append(y)
        y += h
        row_bottom.append(y)
    leaf_body = {br.leaf: b for b, br in enumerate(body) if br.kind == "leaf"}

    lines: list[Line] = []
    hrules: list[tuple[float, float, float]] = []
    vrules: list[tuple[float, float, float]] = []
    for b, br in enumerate(body):
        if br.kind != "section":
            continue
        top, bottom = row_top[b], row_bottom[b]
        hrules.append((top, edges[0], edges[-1]))
        hrules.append((bottom, edges[0], edges[-1]))
        vrules.append((edges[0], top, bottom))
        vrules.append((edges[1], top, bottom))
        vrules.append((edges[-1], top, bottom))
        base = top + (bottom - top - geo.leading) / 2
        lines.append(Line(edges[0] + geo.pad, base, br.section_no, bold=True, align="center", width=inner[0]))
        for k, text in enumerate(section_lines[b]):
            lines.append(Line(edges[1] + geo.pad, top + geo.pad + k * geo.leading, text, bold=True))

    for s in cell_spans:
        top = row_top[leaf_body[s.first]]
        bottom = row_bottom[leaf_body[s.last]]
        x0, x1 = edges[s.col], edges[s.col + 1]
        hrules.append((top, x0, x1))
        hrules.append((bottom, x0, x1))
        vrules.append((x0, top, bottom))
        vrules.append((x1, top, bottom))
        text_lines = wrapped[s]
        block = len(text_lines) * geo.leading
        first = top + geo.pad
        if geo.valign == "middle":
            first = top + max(geo.pad, (bottom - top - block) / 2)
        align = "center" if fields[s.col] in ("stt",) else "left"
        for k, text in enumerate(text_lines):
            lines.append(Line(x0 + geo.pad, first + k * geo.leading, text, align=align, width=inner[s.col]))
    return Strip(row_top, row_bottom, lines, hrules, vrules, y)


def page_breaks(strip: Strip, first_room: float, room: float, leading: float) -> tuple[Strip, list[tuple[float, float]]]:
    """Cut the strip into page slices [y0, y1) no taller than the room on each page.

    A cut never passes through a text line; it is the lowest clean position that fits,
    so rows break across pages at a line boundary as a word processor does. Where no
    clean position fits (cells side by side whose lines are staggered, as middle-aligned
    merged cells are, leave no gap between lines all the way up the page), the cut is
    the page's limit and the lines it would split move to the next page with everything
    below them (`carried`), as a word processor breaks each cell at its own line.
    Returns the strip as cut (`strip` itself when nothing had to move) and the slices.
    """
    slices = []
    y0 = 0.0
    capacity = first_room
    while y0 < strip.height - 1e-6:
        limit = y0 + capacity
        if limit >= strip.height:
            slices.append((y0, strip.height))
            break
        blocked = sorted((ln.top - 0.5, ln.top + leading + 0.5) for ln in strip.lines)
        cut = _clean_cut(blocked, limit)
        # never leave only a row's empty top padding at the page bottom: a word
        # processor moves the whole row start to the next page instead (unless that
        # would split a line of a cell beside it)
        for top, bottom in zip(strip.row_top, strip.row_bottom):
            if top < cut < bottom and not any(top <= ln.top < cut for ln in strip.lines):
                if not any(lo < top < hi for lo, hi in blocked):
                    cut = top
                break
        if cut <= y0 + leading:  # no clean cut fits: cut at the limit, split lines move down
            cut = limit
            strip = carried(strip, cut, leading)
        slices.append((y0, cut))
        y0 = cut
        capacity = room
    return strip, slices


def _clean_cut(blocked: list[tuple[float, float]], limit: float) -> float:
    """The lowest position at or above `limit` inside none of the `blocked` intervals."""
    cut = limit
    changed = True
    while changed:
        changed = False
        for lo, hi in blocked:
            if lo < cut < hi:
                cut = lo
                changed = True
    return cut


def carried(strip: Strip, cut: float, leading: float) -> Strip:
    """The strip with a blank band inserted so that no text line straddles `cut`: from
    the top `s` of the highest line across it, everything (lines, rules, rows) moves down
    until that line starts just below the cut; rules running across `s` are stretched."""
    crossing = [ln.top for ln in strip.lines if ln.top - 0.5 < cut < ln.top + leading + 0.5]
    if not crossing:
        return strip
    s = min(crossing)
    g = cut + 0.5 - s

    def at(y: float) -> float:
        return y + g if y >= s else y

    return Strip(
        [at(y) for y in strip.row_top],
        [at(y) if y > s else y for y in strip.row_bottom],
        [replace(ln, top=at(ln.top)) for ln in strip.lines],
        [(at(y), x0, x1) for y, x0, x1 in strip.hrules],
        [(x, at(a), at(b) if b > s else b) for x, a, b in strip.vrules],
        strip.height + g,
    )


def undrawn(strip: Strip, slices: list[tuple[float, float]], leading: float) -> list[Line]:
    """The text lines of `strip` that lie wholly in no page slice (drawn on no page)."""
    return [ln for ln in strip.lines
            if not any(y0 - 0.5 <= ln.top and ln.top + leading <= y1 + 0.5 for y0, y1 in slices)]


def check_fields(rows: list[dict]) -> None:
    for i, row in enumerate(rows):
        missing = [f for f in ROW_FIELDS if f not in row]
        if missing:
            raise ValueError(f"truth row {i} lacks fields {missing}")


@dataclass
class HeaderLayout:
    height: float
    lines: list[Line] = field(default_factory=list)
    rules: list[tuple[float, float, float]] = field(default_factory=list)  # horizontal
    vrules: list[tuple[float, float, float]] = field(default_factory=list)


def layout_header(labels: list[str], numbers: bool, geo: TableGeometry, measure: Measure) -> HeaderLayout:
    """The column header (and optional "1 2 3 …" row), laid out from y = 0."""
    edges = geo.edges
    inner = [w - 2 * geo.pad for w in geo.widths]
    wrapped = [wrap(label, inner[i], geo.size, measure) for i, label in enumerate(labels)]
    head_h = max(len(w) for w in wrapped) * geo.leading + 2 * geo.pad
    lines = []
    for i, ws in enumerate(wrapped):
        first = (head_h - len(ws) * geo.leading) / 2
        for k, text in enumerate(ws):
            lines.append(Line(edges[i] + geo.pad, first + k * geo.leading, text, bold=True, align="center", width=inner[i]))
    height = head_h
    rules = [(0.0, edges[0], edges[-1]), (head_h, edges[0], edges[-1])]
    if numbers:
        num_h = geo.leading + 2 * geo.pad
        for i in range(len(labels)):
            lines.append(Line(edges[i] + geo.pad, head_h + geo.pad, str(i + 1), align="center", width=inner[i]))
        height += num_h
        rules.append((height, edges[0], edges[-1]))
    vrules = [(x, 0.0, height) for x in edges]
    return HeaderLayout(height, lines, rules, vrules)
