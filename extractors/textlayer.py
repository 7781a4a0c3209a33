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

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.grid import BBox, CellText, HLine, VLine
from normalizers.text import join_lines

AXIS_TOL = 0.6  # points: how far from horizontal/vertical a segment may be
THIN = 2.0  # points: a filled rectangle thinner than this is a rule


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

    def read(self, bbox: BBox) -> CellText:
        x0, top, x1, bottom = bbox
        raw = self.textpage.get_text_bounded(left=x0 + 0.5, bottom=self.height - bottom + 0.5,
                                             right=x1 - 0.5, top=self.height - top - 0.5)
        return CellText(text=join_lines(re.split(r"\r\n|\r|\n", raw)), raw=raw)

    def text(self) -> str:
        return self.textpage.get_text_range()

    def close(self) -> None:
        self.textpage.close()


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


def path_rules(page: pdfium.PdfPage, height: float) -> tuple[list[HLine], list[VLine]]:
    """Horizontal and vertical rules drawn by the page's vector paths."""
    hs: list[HLine] = []
    vs: list[VLine] = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
        handle = obj.raw
        fillmode, stroke = ctypes.c_int(), ctypes.c_int()
        pdfium_c.FPDFPath_GetDrawMode(handle, fillmode, stroke)
        stroked = bool(stroke.value) and _stroke_visible(handle)
        filled = fillmode.value != 0 and _fill_visible(handle)
        if not (stroked or filled):
            continue
        m = obj.get_matrix()
        if filled and not stroked:
            left, bottom, right, top = obj.get_bounds()
            w, h = right - left, top - bottom
            if h < THIN and w >= THIN:
                hs.append(HLine(height - (top + bottom) / 2, left, right))
            elif w < THIN and h >= THIN:
                vs.append(VLine((left + right) / 2, height - top, height - bottom))
            continue
        start = prev = None
        for s in range(pdfium_c.FPDFPath_CountSegments(handle)):
            seg = pdfium_c.FPDFPath_GetPathSegment(handle, s)
            x, y = ctypes.c_float(), ctypes.c_float()
            pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
            point = m.on_point(x.value, y.value)
            kind = pdfium_c.FPDFPathSegment_GetType(seg)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                start = prev = point
                continue
            if prev is not None and kind == pdfium_c.FPDF_SEGMENT_LINETO:
                _add_segment(prev, point, height, hs, vs)
            prev = point
            if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
                _add_segment(point, start, height, hs, vs)
                prev = start
    return hs, vs


def _add_segment(a, b, height: float, hs: list[HLine], vs: list[VLine]) -> None:
    (ax, ay), (bx, by) = a, b
    if abs(ay - by) <= AXIS_TOL and abs(ax - bx) > AXIS_TOL:
        hs.append(HLine(height - (ay + by) / 2, min(ax, bx), max(ax, bx)))
    elif abs(ax - bx) <= AXIS_TOL and abs(ay - by) > AXIS_TOL:
        vs.append(VLine((ax + bx) / 2, height - max(ay, by), height - min(ay, by)))


def read_page(pdf: pdfium.PdfDocument, index: int) -> TextLayerPage:
    page = pdf[index]
    width, height = page.get_size()
    hs, vs = path_rules(page, height)
    textpage = page.get_textpage()
    return TextLayerPage(index + 1, width, height, hs, vs, textpage, textpage.count_chars())


def page_lines(page: TextLayerPage) -> list["TextLine"]:
    """The page's text as line pieces with positions (PDFium's text rectangles)."""
    from extractors.metadata import TextLine

    tp, h = page.textpage, page.height
    out = []
    for i in range(tp.count_rects()):
        left, bottom, right, top = tp.get_rect(i)
        text = join_lines(re.split(r"\r\n|\r|\n", tp.get_text_bounded(left - 0.5, bottom - 0.5, right + 0.5, top + 0.5)))
        if text:
            out.append(TextLine(text, left, h - top, right, h - bottom))
    return out
