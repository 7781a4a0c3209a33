"""A page's text layer and vector ruling lines, read with PDFium (pypdfium2).

Why PDFium and not pdfplumber here: measured on the 25-page reference appendix
(`plan2021_2030/digital`), pdfplumber needs 6.6 s just to parse chars and edges
(3.8 pages/s, pdfminer in pure Python), camelot lattice runs at ~1–2 pages/s, while
PDFium gives every char box and path segment of the same file in 0.5 s (~48 pages/s).
pdfplumber stays the baseline in `bench/`.

Ruling lines come from the page's path objects: each segment of a stroked path that is
horizontal or vertical is a rule; a filled rectangle thinner than 2 pt (how some word
processors draw borders) is a rule along its long side; white strokes are invisible and
skipped. Cell text is read per cell box (`read`), lines joined with one space (a line
ending in a hyphen after a letter or digit, as in "QĐ-" / "TTg", is joined without one).
"""
from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass
from typing import Callable

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.grid import BBox, CellText, HLine, VLine
from extractors.metadata import TextLine
from normalizers.text import join_lines

AXIS_TOL = 0.6  # points: how far from horizontal/vertical a segment may be
THIN = 2.0  # points: a filled rectangle thinner than this is a rule
#: PDFium's mark for a hyphen that ended a line (it treats it as a soft hyphen). Vietnamese
#: words are not hyphenated, so it is a real hyphen of a code or range: "NĐ-" / "CP".
LINE_END_HYPHEN = "\x02"
SPACE_GAP = 0.25  # a gap between glyph boxes wider than this × the line's letter height is a space
#: No space is rebuilt before these (a comma's glyph box starts after its side bearing) nor after OPENING.
CLOSING = set(",.;:!?)]}%…”’")
OPENING = set("([{“‘")


@dataclass(frozen=True)
class Frame:
    """PDF page space (origin bottom-left, unrotated box) ↔ display space (points,
    origin top-left, as the page is shown after its /Rotate). Everything downstream
    works in display space, so a landscape table stored on a portrait page turned by
    /Rotate reads like any other."""

    x0: float
    y0: float
    x1: float
    y1: float
    rotation: int  # 0, 90, 180, 270 (clockwise, as /Rotate)

    def to_display(self, x: float, y: float) -> tuple[float, float]:
        if self.rotation == 90:
            return y - self.y0, x - self.x0
        if self.rotation == 180:
            return self.x1 - x, y - self.y0
        if self.rotation == 270:
            return self.y1 - y, self.x1 - x
        return x - self.x0, self.y1 - y

    def page_rect(self, bbox: BBox) -> tuple[float, float, float, float]:
        """A display box as (left, bottom, right, top) in page space."""
        a = self.to_page(bbox[0], bbox[1])
        b = self.to_page(bbox[2], bbox[3])
        return min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])

    def to_page(self, dx: float, dy: float) -> tuple[float, float]:
        if self.rotation == 90:
            return dy + self.x0, dx + self.y0
        if self.rotation == 180:
            return self.x1 - dx, dy + self.y0
        if self.rotation == 270:
            return self.x1 - dy, self.y1 - dx
        return dx + self.x0, self.y1 - dy

    def display_box(self, left: float, bottom: float, right: float, top: float) -> BBox:
        a = self.to_display(left, bottom)
        b = self.to_display(right, top)
        return min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])


@dataclass
class TextLayerPage:
    """Ruling lines and text access of one PDF page (coordinates: points, top-left)."""

    number: int  # 1-based
    width: float
    height: float
    hlines: list[HLine]
    vlines: list[VLine]
    textpage: pdfium.PdfTextPage
    char_count: int
    frame: Frame
    image_cover: float  # share of the page covered by images (a scan: close to 1)
    page: pdfium.PdfPage | None = None  # kept for its text objects (`glyph_evidence`)
    _chars: list | None = None  # (char, display box, index), built on first use (rotated pages)
    _spaces: set[int] | None = None  # indices of the text layer's space characters

    def read(self, bbox: BBox) -> CellText:
        if self.frame.rotation:
            lines = self._lines_from_chars(bbox)
            return CellText(text=join_lines(lines), raw="\n".join(lines))
        x0, top, x1, bottom = bbox
        left, low, right, high = self.frame.page_rect((x0 + 0.5, top + 0.5, x1 - 0.5, bottom - 0.5))
        raw = self.textpage.get_text_bounded(left=left, bottom=low, right=right, top=high)
        raw = raw.replace(LINE_END_HYPHEN, "-")
        return CellText(text=join_lines(re.split(r"\r\n|\r|\n", raw)), raw=raw)

    def _lines_from_chars(self, bbox: BBox) -> list[str]:
        """Text lines of a box rebuilt from characters in display space. Used on rotated
        pages, where PDFium's bounded text loses the breaks between lines ("Kếhoạch")."""
        if self._chars is None:
            self._chars, self._spaces = [], set()
            for i in range(self.char_count):
                ch = self.textpage.get_text_range(i, 1)
                if ch.isspace() or ch == "":
                    if ch == " ":
                        self._spaces.add(i)
                    continue  # spaces are known by their index (generated ones have no reliable box)
                box = self.frame.display_box(*self.textpage.get_charbox(i))
                if box[2] - box[0] <= 0 and box[3] - box[1] <= 0:
                    continue
                self._chars.append(("-" if ch == LINE_END_HYPHEN else ch, box, i))
        x0, top, x1, bottom = bbox
        inside = [(ch, b, i) for ch, b, i in self._chars
                  if x0 <= (b[0] + b[2]) / 2 <= x1 and top <= (b[1] + b[3]) / 2 <= bottom]
        rows: list[list[tuple[str, BBox, float, int]]] = []
        for ch, b, i in sorted(inside, key=lambda cb: ((cb[1][1] + cb[1][3]) / 2, cb[1][0])):
            mid = (b[1] + b[3]) / 2
            if rows:
                # the line's own letters set the tolerance: a comma's small box sits low
                heights = sorted(r[1][3] - r[1][1] for r in rows[-1] if r[0].isalnum()) or [b[3] - b[1]]
                line_mid = sorted(r[2] for r in rows[-1])[len(rows[-1]) // 2]
                if mid - line_mid <= 0.6 * max(heights[len(heights) // 2], 1.0):
                    rows[-1].append((ch, b, mid, i))
                    continue
            rows.append([(ch, b, mid, i)])
        return [self._line_text(row) for row in rows]

    def _line_text(self, row: list[tuple[str, BBox, float, int]]) -> str:
        """One rebuilt line, left to right. Between characters that follow each other in
        the text layer, its own spacing decides (a space character between them or not);
        elsewhere a gap wider than SPACE_GAP × the letter height is a space, never before
        closing nor after opening punctuation."""
        letters = sorted(b[3] - b[1] for ch, b, _, _ in row if ch.isalnum()) or [1.0]
        space = SPACE_GAP * letters[len(letters) // 2]
        text, last, last_i = "", None, -10
        for ch, b, _, i in sorted(row, key=lambda r: r[1][0]):
            if last is not None:
                if i == last_i + 1:
                    gap = False
                elif i == last_i + 2 and last_i + 1 in self._spaces:
                    gap = True
                else:
                    gap = b[0] - last[2] > space and ch not in CLOSING and text[-1] not in OPENING
                text += " " if gap else ""
            text += ch
            last, last_i = b, i
        return text

    def text(self) -> str:
        return self.textpage.get_text_range()

    def glyph_evidence(self) -> GlyphEvidence:
        """The page's characters one by one as PDFium reports them (its text output drops
        U+FFFE, what an unmapped glyph gives, so the plain text cannot show those):
        glyphs inside words whose Unicode value is no character, letters, and the text
        drawn in each font (a damaged map may break one font only, e.g. the bold of
        headers and section titles)."""
        from extractors.quality import odd_glyph

        raw = self.textpage.raw
        codes = [pdfium_c.FPDFText_GetUnicode(raw, i) for i in range(self.char_count)]
        letters = odd = 0
        previous = 0x20
        for code in codes:
            if code < 0x110000 and chr(code).isalpha():
                letters += 1
            elif odd_glyph(code) and (previous < 0x110000 and chr(previous).isalpha() or odd_glyph(previous)):
                odd += 1  # inside or at the end of a word (a bullet glyph before a word is no sign)
            previous = code
        by_font: dict[int, list[str]] = {}
        names: dict[int, str] = {}
        if self.page is not None:
            buffer = ctypes.create_string_buffer(4096)
            wide = ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR))
            for obj in self.page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT]):
                font = pdfium_c.FPDFTextObj_GetFont(obj.raw)
                key = ctypes.cast(font, ctypes.c_void_p).value if font else None
                if key is None:
                    continue
                size = pdfium_c.FPDFTextObj_GetText(obj.raw, raw, wide, len(buffer))
                if size <= 2:
                    continue
                if size > len(buffer):
                    bigger = ctypes.create_string_buffer(size)
                    pdfium_c.FPDFTextObj_GetText(obj.raw, raw, ctypes.cast(bigger, ctypes.POINTER(pdfium_c.FPDF_WCHAR)),
                                                 size)
                    data = bigger.raw[:size - 2]
                else:
                    data = buffer.raw[:size - 2]
                if key not in names:
                    names[key] = _font_name(font, key)
                by_font.setdefault(key, []).append(data.decode("utf-16-le", errors="replace"))
        return GlyphEvidence(odd, letters, {names[k]: " ".join(t) for k, t in by_font.items()})

    def close(self) -> None:
        self.textpage.close()


@dataclass
class GlyphEvidence:
    odd: int  # glyphs inside words whose Unicode value is no character
    letters: int
    fonts: dict[str, str]  # font name → the text drawn in it on this page


def _font_name(font, key: int) -> str:
    size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
    if size <= 1:
        return f"font@{key:x}"
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDFFont_GetBaseFontName(font, buffer, size)
    return buffer.value.decode("utf-8", errors="replace")


def _stroke_visible(obj) -> bool:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetStrokeColor(obj, r, g, b, a):
        return True
    return a.value > 0 and not (r.value > 240 and g.value > 240 and b.value > 240)


def _fill_visible(obj) -> bool:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetFillColor(obj, r, g, b, a):
        return False
    return a.value > 0 and not (r.value > 240 and g.value > 240 and b.value > 240)


def path_rules(page: pdfium.PdfPage, frame: Frame, tick: Callable[[], None] | None = None
               ) -> tuple[list[HLine], list[VLine]]:
    """Horizontal and vertical rules drawn by the page's vector paths (display space)."""
    hs: list[HLine] = []
    vs: list[VLine] = []
    for n, obj in enumerate(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH])):
        if tick is not None and n % 2000 == 1999:
            tick()
        handle = obj.raw
        fillmode, stroke = ctypes.c_int(), ctypes.c_int()
        pdfium_c.FPDFPath_GetDrawMode(handle, fillmode, stroke)
        stroked = bool(stroke.value) and _stroke_visible(handle)
        filled = fillmode.value != 0 and _fill_visible(handle)
        if not (stroked or filled):
            continue
        m = obj.get_matrix()
        if filled and not stroked:
            x0, top, x1, bottom = frame.display_box(*obj.get_bounds())
            w, h = x1 - x0, bottom - top
            if h < THIN and w >= THIN:
                hs.append(HLine((top + bottom) / 2, x0, x1))
            elif w < THIN and h >= THIN:
                vs.append(VLine((x0 + x1) / 2, top, bottom))
            continue
        start = prev = None
        for s in range(pdfium_c.FPDFPath_CountSegments(handle)):
            seg = pdfium_c.FPDFPath_GetPathSegment(handle, s)
            x, y = ctypes.c_float(), ctypes.c_float()
            pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
            point = frame.to_display(*m.on_point(x.value, y.value))
            kind = pdfium_c.FPDFPathSegment_GetType(seg)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                start = prev = point
                continue
            if prev is not None and kind == pdfium_c.FPDF_SEGMENT_LINETO:
                _add_segment(prev, point, hs, vs)
            prev = point
            if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
                _add_segment(point, start, hs, vs)
                prev = start
    return hs, vs


def _add_segment(a, b, hs: list[HLine], vs: list[VLine]) -> None:
    """One path segment, both ends already in display space (y grows downwards)."""
    (ax, ay), (bx, by) = a, b
    if abs(ay - by) <= AXIS_TOL and abs(ax - bx) > AXIS_TOL:
        hs.append(HLine((ay + by) / 2, min(ax, bx), max(ax, bx)))
    elif abs(ax - bx) <= AXIS_TOL and abs(ay - by) > AXIS_TOL:
        vs.append(VLine((ax + bx) / 2, min(ay, by), max(ay, by)))


def image_cover(page: pdfium.PdfPage, frame: Frame) -> float:
    """Share of the page covered by image objects (sum of their areas clipped to the
    page, in display space; capped at 1: scans are one image per page)."""
    width, height = page.get_size()
    area = 0.0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
        x0, top, x1, bottom = frame.display_box(*obj.get_bounds())
        area += max(0.0, min(x1, width) - max(x0, 0.0)) * max(0.0, min(bottom, height) - max(top, 0.0))
    return min(1.0, area / (width * height)) if width and height else 0.0


def read_page(pdf: pdfium.PdfDocument, index: int, tick: Callable[[], None] | None = None) -> TextLayerPage:
    """One page's text layer, rules and image cover; `tick` is called now and then while
    the paths are read (a page may hold millions: it may raise to give up)."""
    page = pdf[index]
    width, height = page.get_size()  # as displayed (after /Rotate)
    frame = Frame(*page.get_cropbox(), rotation=page.get_rotation() % 360)
    hs, vs = path_rules(page, frame, tick)
    textpage = page.get_textpage()
    return TextLayerPage(index + 1, width, height, hs, vs, textpage, textpage.count_chars(), frame,
                         image_cover(page, frame), page)


def page_lines(page: TextLayerPage) -> list[TextLine]:
    """The page's text as line pieces with positions (PDFium's text rectangles)."""
    tp = page.textpage
    out = []
    for i in range(tp.count_rects()):
        left, bottom, right, top = tp.get_rect(i)
        raw = tp.get_text_bounded(left - 0.5, bottom - 0.5, right + 0.5, top + 0.5).replace(LINE_END_HYPHEN, "-")
        text = join_lines(re.split(r"\r\n|\r|\n", raw))
        if text:
            out.append(TextLine(text, *page.frame.display_box(left, bottom, right, top)))
    return out
