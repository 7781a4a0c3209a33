"""Render the reference plans (tests/corpus/<plan>/truth.json) as realistic PDFs.

Variants, all deterministic:
- ``digital``  : the appendix as a born-digital PDF (text layer, Unicode TrueType font);
- ``stripped`` : the same, every letter folded to ASCII (đ→d, no marks);
- ``fullplan`` : the whole plan as published: portrait narrative pages with the state
                 header block, then the landscape appendix;
- ``scan300`` / ``scan200`` : ``digital`` rasterised, skewed, blurred, noisy, JPEG, no
                 text layer;
- ``badocr``   : ``scan300`` plus an invisible text layer from ``tesseract -l eng``
                 (diacritics lost), as the 2025 second-half plan reached us;
- ``wordproc`` : the appendix as a word processor exports it: the truth as an HTML
                 table (row spans for merged cells, header repeated) converted to PDF
                 by LibreOffice Writer (its own fonts, borders, row splitting; every
                 cut cell closed by a rule at a page break);
- ``relayout`` : another province's layout of the same rows, through LibreOffice: A4
                 portrait, sans-serif 9 pt, a two-level header ("Cơ quan thực hiện" over
                 "Chủ trì" | "Phối hợp"), other column labels, the timeline before the
                 agencies, a budget column that maps to no field, and no left or right
                 border (open sides);
- ``scan_wordproc`` / ``scan_relayout`` : those two printed and scanned at 300 dpi like
                 ``scan300``: a word processor's hairline borders come back light grey
                 under black bold writing.

The look varies per plan (font family and size, column widths, column-number row,
vertical alignment, closing rule at a page break, page numbers), drawn from a seed made
from the plan id, so nothing downstream can be tuned to one drawing.

Usage: ``python -m bench.render [--out build/corpus] [--plan P] [--variant V]``.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import re
import subprocess
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from bench.layout import (
    LAYOUT_7,
    LAYOUT_8,
    HeaderLayout,
    Line,
    TableGeometry,
    check_fields,
    layout_header,
    layout_strip,
    page_breaks,
    undrawn,
    wrap,
)
from normalizers.text import fold_ascii

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
BUILD = ROOT / "build" / "corpus"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
VARIANTS = ("digital", "stripped", "fullplan", "scan300", "scan200", "badocr", "wordproc", "relayout",
            "scan_wordproc", "scan_relayout")
PLANS = ("plan2021_2030", "plan2026", "plan2025h2")

A4 = (595.2756, 841.8898)
LANDSCAPE = (A4[1], A4[0])


# --------------------------------------------------------------------------- inputs

def load_plan(plan: str) -> tuple[list[dict], dict]:
    folder = CORPUS / plan
    rows = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    check_fields(rows)
    return rows, meta


def layout_fields(meta: dict) -> tuple[str, ...]:
    return LAYOUT_8 if len(meta["columns"]) == 8 else LAYOUT_7



# --------------------------------------------------------------------------- style

@dataclass(frozen=True)
class Style:
    family: str  # a family of bench.fonts.FONT_FILES (plan_style picks LiberationSerif | LiberationSans)
    size: float
    weights: tuple[float, ...]
    column_numbers: bool
    valign: str
    close_at_break: bool
    page_numbers: bool


BASE_WEIGHTS = {
    8: (0.045, 0.17, 0.17, 0.15, 0.14, 0.105, 0.125, 0.095),
    7: (0.045, 0.22, 0.27, 0.13, 0.15, 0.105, 0.08),
}


def plan_style(plan: str, meta: dict) -> Style:
    rng = random.Random(int(hashlib.sha256(plan.encode()).hexdigest(), 16) % 2**32)
    n = len(meta["columns"])
    weights = tuple(w * rng.uniform(0.85, 1.15) for w in BASE_WEIGHTS[n])
    total = sum(weights)
    return Style(
        family=rng.choice(["LiberationSerif", "LiberationSerif", "LiberationSans"]),
        size=rng.choice([9.0, 9.5, 10.0, 10.5, 11.0]),
        weights=tuple(w / total for w in weights),
        column_numbers=bool(meta.get("column_numbers")),
        valign=rng.choice(["top", "middle"]),
        close_at_break=rng.random() < 0.4,
        page_numbers=rng.random() < 0.6,
    )


# --------------------------------------------------------------------------- drawing

class Fonts:
    """One family's regular, bold and italic TrueType files (`bench.fonts.FONT_FILES`, all
    with full Vietnamese coverage) registered with reportlab as `<family>-<Weight>`."""

    def __init__(self, family: str):
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        from bench.fonts import WEIGHTS, truetype_file

        self.family = family
        for weight in WEIGHTS:
            name = f"{family}-{weight}"
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, str(truetype_file(family, weight))))
        self._width = pdfmetrics.stringWidth

    def name(self, bold: bool = False, italic: bool = False) -> str:
        return f"{self.family}-{'Bold' if bold else 'Italic' if italic else 'Regular'}"

    def measure(self, text: str, size: float) -> float:
        return self._width(text, self.name(), size)

    def measure_bold(self, text: str, size: float) -> float:
        return self._width(text, self.name(bold=True), size)


def _draw_line(c, fonts: Fonts, ln: Line, size: float, page_h: float, dy: float, italic: bool = False) -> None:
    font = fonts.name(bold=ln.bold, italic=italic)
    c.setFont(font, size)
    baseline = page_h - (ln.top + dy + size * 0.93)
    if ln.align == "center":
        c.drawCentredString(ln.x + ln.width / 2, baseline, ln.text)
    else:
        c.drawString(ln.x, baseline, ln.text)


def _draw_header(c, fonts: Fonts, head: HeaderLayout, size: float, page_h: float, dy: float) -> None:
    for ln in head.lines:
        _draw_line(c, fonts, ln, size, page_h, dy)
    for y, x0, x1 in head.rules:
        c.line(x0, page_h - (y + dy), x1, page_h - (y + dy))
    for x, y0, y1 in head.vrules:
        c.line(x, page_h - (y0 + dy), x, page_h - (y1 + dy))


def draw_appendix(c, rows: list[dict], meta: dict, style: Style, fold=lambda s: s, first_page_no: int = 1) -> int:
    """Draw the appendix table on landscape pages of canvas `c`; return pages drawn."""
    fonts = Fonts(style.family)
    fields = layout_fields(meta)
    rows = [{k: fold(v) for k, v in r.items()} for r in rows]
    page_w, page_h = LANDSCAPE
    margin_x, margin_top, margin_bottom = 42.0, 40.0, 36.0
    width = page_w - 2 * margin_x
    geo = TableGeometry(
        x0=margin_x,
        widths=tuple(w * width for w in style.weights),
        size=style.size,
        leading=style.size * 1.22,
        pad=3.0,
        valign=style.valign,
    )
    # Bold header text is measured with the bold face (wrapping must fit what is drawn).
    head_geo = TableGeometry(geo.x0, geo.widths, geo.size, geo.leading, geo.pad, "middle")
    head = layout_header([fold(c_) for c_ in meta["columns"]], style.column_numbers, head_geo, fonts.measure_bold)
    strip = layout_strip(rows, fields, geo, fonts.measure)

    title_lines = [fold(t) for t in meta.get("appendix_title", [])]
    title_size = style.size + 2
    title_wrapped: list[tuple[str, bool]] = []
    for k, t in enumerate(title_lines):
        italic = t.startswith("(")
        for piece in wrap(t, width, title_size, fonts.measure_bold):
            title_wrapped.append((piece, italic))
    title_h = len(title_wrapped) * title_size * 1.3 + 10 if title_wrapped else 0.0

    room = page_h - margin_top - margin_bottom - head.height
    strip, slices = page_breaks(strip, room - title_h, room, geo.leading)
    if lost := undrawn(strip, slices, geo.leading):  # the truth would hold text no page shows
        raise ValueError(f"{len(lost)} text lines fall on no page, first {lost[0].text!r}")
    for p, (y0, y1) in enumerate(slices):
        c.setPageSize(LANDSCAPE)
        c.setLineWidth(0.6)
        top = margin_top
        if style.page_numbers and first_page_no + p > 1:
            c.setFont(fonts.name(), style.size)
            c.drawCentredString(page_w / 2, page_h - 24, str(first_page_no + p))
        if p == 0:
            for k, (t, italic) in enumerate(title_wrapped):
                c.setFont(fonts.name(bold=not italic, italic=italic), title_size)
                c.drawCentredString(page_w / 2, page_h - (top + (k + 1) * title_size * 1.3), t)
            top += title_h
        _draw_header(c, fonts, head, style.size, page_h, top)
        dy = top + head.height - y0  # strip y -> page y
        for ln in strip.lines:
            if y0 - 0.5 <= ln.top and ln.top + geo.leading <= y1 + 0.5:
                _draw_line(c, fonts, ln, style.size, page_h, dy)
        for y, x0, x1 in strip.hrules:
            if y0 + 0.01 < y <= y1 + 0.01:
                c.line(x0, page_h - (y + dy), x1, page_h - (y + dy))
        for x, a, b in strip.vrules:
            a, b = max(a, y0), min(b, y1)
            if b > a:
                c.line(x, page_h - (a + dy), x, page_h - (b + dy))
        if style.close_at_break and y1 < strip.height:
            c.line(geo.edges[0], page_h - (y1 + dy), geo.edges[-1], page_h - (y1 + dy))
        c.showPage()
    return len(slices)


# --------------------------------------------------------------------------- narrative

VN_MONTH_DATE = "ngày {d:02d} tháng {m:02d} năm {y}"
#: A line that opens a new paragraph of a plan's narrative: "I.", "2.", "1.1.", "a)", "-".
LIST_MARK = re.compile(r"^\s*([IVX]+\.|\d+(\.\d+)*\.|[a-zđ]\)|[-+•])\s")


def narrative_paragraphs(plan: str, meta: dict) -> list[str]:
    """The plan's own restored narrative where the corpus has one, else plausible text."""
    own = CORPUS / plan / "narrative.txt"
    if own.exists():
        lines = own.read_text(encoding="utf-8").splitlines()
        # The restored narrative starts with the state header block and title, which the
        # renderer draws from meta.json: body text starts after the title's last line.
        # The restored narrative starts with the state header block, "KẾ HOẠCH" and the
        # title block, which the renderer draws from meta.json: the body starts after
        # the first blank line that follows the title block.
        start = next((i for i, ln in enumerate(lines) if ln.strip().upper() == "KẾ HOẠCH"), -1) + 1
        while start < len(lines) and not lines[start].strip():
            start += 1
        while start < len(lines) and lines[start].strip():
            start += 1
        paras, current = [], []
        for ln in lines[start:]:
            if current and (not ln.strip() or LIST_MARK.match(ln)):
                paras.append(" ".join(current))
                current = []
            if ln.strip():
                current.append(ln.strip())
        if current:
            paras.append(" ".join(current))
        return [re.sub(r"\s+", " ", p) for p in paras if p]
    return corpus_paragraphs(plan, 18)


def corpus_paragraphs(seed: str, count: int) -> list[str]:
    """Plausible plan narrative: paragraphs about administrative reform from ../shared/corpus."""
    source = SHARED_CORPUS / "text" / "admin_official_docs.txt.gz"
    if not source.exists():
        raise FileNotFoundError(f"{source} is needed to render fullplan narratives")
    with gzip.open(source, "rt", encoding="utf-8") as fh:
        pool = [ln.strip() for ln in fh if 200 <= len(ln) <= 700 and "cải cách hành chính" in ln]
    rng = random.Random(seed)
    return rng.sample(pool, min(count, len(pool)))


def draw_narrative(c, plan: str, meta: dict, style: Style) -> int:
    """Portrait pages: state header block, title, narrative. Returns pages drawn."""
    fonts = Fonts(style.family)
    page_w, page_h = A4
    left, right, top, bottom = 70.0, 50.0, 50.0, 60.0
    width = page_w - left - right
    size = 13.0
    lead = size * 1.35
    c.setPageSize(A4)
    issuer = meta["issuer"]
    issuer_lines = ["ỦY BAN NHÂN DÂN", issuer.replace("ỦY BAN NHÂN DÂN", "").strip()] if issuer.startswith("ỦY BAN NHÂN DÂN") else [issuer]
    col_l, col_r = left + 90, left + 330
    y = top + 14
    c.setFont(fonts.name(bold=True), 12)
    for k, t in enumerate(issuer_lines):
        c.drawCentredString(col_l, page_h - (y + k * 15), t)
    c.drawCentredString(col_r, page_h - y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    c.drawCentredString(col_r, page_h - (y + 15), "Độc lập - Tự do - Hạnh phúc")
    c.setLineWidth(0.6)
    c.line(col_l - 30, page_h - (y + 20), col_l + 30, page_h - (y + 20))
    c.line(col_r - 80, page_h - (y + 20), col_r + 80, page_h - (y + 20))
    y += 42
    c.setFont(fonts.name(), 13)
    number = meta.get("plan_number") or "      /KH-UBND"
    c.drawCentredString(col_l, page_h - y, f"Số: {number}")
    if meta.get("issued_date"):
        yy, mm, dd = (int(x) for x in meta["issued_date"].split("-"))
        date_text = f"{meta.get('place', '')}, {VN_MONTH_DATE.format(d=dd, m=mm, y=yy)}"
    else:
        date_text = f"{meta.get('place', '')}, ngày      tháng      năm"
    c.setFont(fonts.name(italic=True), 13)
    c.drawCentredString(col_r, page_h - y, date_text)
    y += 40
    c.setFont(fonts.name(bold=True), 14)
    c.drawCentredString(page_w / 2, page_h - y, "KẾ HOẠCH")
    y += 20
    # Printed as "KẾ HOẠCH" over the subject line(s): "Cải cách hành chính tỉnh …".
    subject = re.sub(r"^Kế hoạch\s+", "", meta["doc_title"], flags=re.IGNORECASE)
    subject = subject[:1].upper() + subject[1:]
    for t in wrap(subject, width - 40, 14, fonts.measure_bold):
        c.drawCentredString(page_w / 2, page_h - y, t)
        y += 18
    y += 16
    pages = 1
    for para in narrative_paragraphs(plan, meta):
        is_heading = bool(re.match(r"^[IVX]+\.\s", para)) and len(para) < 120
        lines = wrap(para, width - (0 if is_heading else 0), size, fonts.measure_bold if is_heading else fonts.measure)
        for k, t in enumerate(lines):
            if y + lead > page_h - bottom:
                c.showPage()
                c.setPageSize(A4)
                pages += 1
                y = top
                c.setFont(fonts.name(), 12)
                c.drawCentredString(page_w / 2, page_h - 30, str(pages))
            c.setFont(fonts.name(bold=is_heading), size)
            indent = 28 if k == 0 and not is_heading else 0
            c.drawString(left + indent, page_h - (y + size), t)
            y += lead
        y += 4
    c.showPage()
    return pages


# --------------------------------------------------------------------------- variants

def render_digital(plan: str, out: Path, fold=lambda s: s, full: bool = False, style: Style | None = None) -> int:
    """Draw the plan as a born-digital PDF at `out`; return its page count. `style`
    overrides the plan's own look (`plan_style`), e.g. another font family or size."""
    from reportlab.pdfgen import canvas

    rows, meta = load_plan(plan)
    style = style or plan_style(plan, meta)
    c = canvas.Canvas(str(out), pagesize=LANDSCAPE, invariant=1, pageCompression=1)
    title = fold(meta["doc_title"])
    c.setTitle(title)
    c.setAuthor(fold(meta["issuer"]))
    pages = 0
    if full:
        pages += draw_narrative(c, plan, meta, style)
    pages += draw_appendix(c, rows, meta, style, fold=fold, first_page_no=pages + 1)
    c.save()
    return pages


def _degrade(gray, dpi: int, rng: random.Random):
    """Skew, blur, noise: what a flatbed scanner and a tired copier do to a page."""
    import cv2
    import numpy as np

    angle = rng.uniform(-1.0, 1.0)
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    img = cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    sigma = 0.55 if dpi >= 300 else 0.45
    img = cv2.GaussianBlur(img, (0, 0), sigma)
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0, 9, img.shape)
    img = np.clip(img.astype(np.float32) + noise, 0, 255).astype(np.uint8)
    return img, angle


def render_scan(digital: Path, out: Path, dpi: int, seed: str, text_layer: bool = False) -> int:
    """Rasterise `digital`, degrade each page, write an image-only PDF (or with a
    `tesseract -l eng` invisible text layer when `text_layer`)."""
    import cv2
    from PIL import Image

    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), str(digital), str(tmpd / "p")], check=True)
        pages = sorted(tmpd.glob("p-*.pgm"))
        jpegs = []
        for k, page in enumerate(pages):
            gray = cv2.imread(str(page), cv2.IMREAD_GRAYSCALE)
            img, _ = _degrade(gray, dpi, rng)
            jpg = tmpd / f"s-{k:04d}.jpg"
            Image.fromarray(img).save(jpg, "JPEG", quality=72 if dpi >= 300 else 65, dpi=(dpi, dpi))
            jpegs.append(jpg)
        if text_layer:
            env = dict(os.environ, OMP_THREAD_LIMIT="1")

            def ocr(jpg: Path) -> Path:
                subprocess.run(["tesseract", str(jpg), str(jpg.with_suffix("")), "-l", "eng", "pdf"],
                               check=True, capture_output=True, env=env)
                return jpg.with_suffix(".pdf")

            with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
                parts = list(pool.map(ocr, jpegs))
            import pikepdf

            with pikepdf.Pdf.new() as pdf:
                for part in parts:
                    with pikepdf.open(part) as src:
                        pdf.pages.extend(src.pages)
                pdf.save(out, deterministic_id=True)
        else:
            from reportlab.lib.utils import ImageReader
            from reportlab.pdfgen import canvas

            c = canvas.Canvas(str(out), invariant=1)
            for jpg in jpegs:
                with Image.open(jpg) as im:
                    w, h = im.size
                size = (w * 72.0 / dpi, h * 72.0 / dpi)
                c.setPageSize(size)
                c.drawImage(ImageReader(str(jpg)), 0, 0, width=size[0], height=size[1])
                c.showPage()
            c.save()
        return len(pages)


#: `relayout`: labels another province uses for the same fields, and its column order.
RELAYOUT_LABELS = {"task": "Nội dung nhiệm vụ", "product": "Kết quả/Sản phẩm đầu ra",
                   "timeline_text": "Thời gian hoàn thành"}
RELAYOUT_ORDER = ("stt", "objective", "task", "activity", "product", "timeline_text", "lead_text", "coord_text",
                  "note")
RELAYOUT_BUDGET = "Kinh phí (triệu đồng)"
#: `relayout` draws the table without its left and right borders (open sides).
#: (LibreOffice drops every border a cell's style does not name, so all four are named.)
_RULE = "1px solid #000"
OPEN_LEFT = f' style="border-left: none; border-top: {_RULE}; border-bottom: {_RULE}; border-right: {_RULE}"'
OPEN_RIGHT = f' style="border-right: none; border-top: {_RULE}; border-bottom: {_RULE}; border-left: {_RULE}"'


def appendix_html(plan: str, relayout: bool = False, font: str | None = None, size: float | None = None) -> str:
    """The plan's appendix as an HTML table a word processor can lay out (with
    `relayout`, in another layout: see the module docstring), in `font` at `size` pt
    when given (a family name the word processor knows)."""
    import html

    from bench.layout import body_rows, spans

    rows, meta = load_plan(plan)
    fields = layout_fields(meta)
    cell_spans = spans(rows, fields)
    start = {(sp.first, sp.col): sp for sp in cell_spans}
    covered = {(r, sp.col) for sp in cell_spans for r in range(sp.first + 1, sp.last + 1)}
    page, default_font, default_size, align = ("21cm 29.7cm", "Liberation Sans", 9.0, "middle") if relayout else \
        ("29.7cm 21cm", "Liberation Serif", 10.0, "top")
    font, size = font or default_font, f"{size or default_size:g}pt"
    order = [f for f in RELAYOUT_ORDER if f in fields] if relayout else list(fields)
    columns = [fields.index(f) for f in order]
    out = [f'<html><head><meta charset="utf-8"><style>@page {{ size: {page}; margin: 1.5cm }} '
           f'td, th {{ border: 1px solid #000; padding: 3px; vertical-align: {align}; font-family: "{font}"; '
           f'font-size: {size} }} table {{ border-collapse: collapse; width: 100% }}</style></head><body>']
    out += [f'<p align="center"><b>{html.escape(t)}</b></p>' for t in meta["appendix_title"]]
    out.append('<table border="1" cellspacing="0" cellpadding="3" width="100%"><thead><tr>')
    if relayout:
        label = dict(zip(fields, meta["columns"])) | RELAYOUT_LABELS
        top = []
        for f in order:
            if f == "lead_text":
                top.append('<th colspan="2">Cơ quan thực hiện</th>')
            elif f != "coord_text":
                top.append(f'<th rowspan="2"{OPEN_LEFT if f == order[0] else ""}>{html.escape(label[f])}</th>')
        top.append(f'<th rowspan="2"{OPEN_RIGHT}>{html.escape(RELAYOUT_BUDGET)}</th>')
        out.append("".join(top) + "</tr><tr><th>Chủ trì</th><th>Phối hợp</th></tr>")
    else:
        out += [f"<th>{html.escape(c)}</th>" for c in meta["columns"]]
        out.append("</tr>")
        if meta.get("column_numbers"):
            out.append("<tr>" + "".join(f"<th>{i + 1}</th>" for i in range(len(fields))) + "</tr>")
    width = len(order) + int(relayout)
    out.append("</thead><tbody>")
    for br in body_rows(rows):
        if br.kind == "section":
            left, right = (OPEN_LEFT, OPEN_RIGHT) if relayout else ("", "")
            out.append(f"<tr><td{left}><b>{html.escape(br.section_no)}</b></td><td colspan=\"{width - 1}\"{right}>"
                       f"<b>{html.escape(br.section_title)}</b></td></tr>")
            continue
        cells = []
        for c in columns:
            if (br.leaf, c) in covered:
                continue
            sp = start[(br.leaf, c)]
            rowspan = f' rowspan="{sp.last - sp.first + 1}"' if sp.last > sp.first else ""
            side = OPEN_LEFT if relayout and c == columns[0] else ""
            cells.append(f"<td{rowspan}{side}>{html.escape(sp.text)}</td>")
        if relayout:
            cells.append(f"<td{OPEN_RIGHT}>{(br.leaf * 37) % 500 or ''}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table></body></html>")
    return "\n".join(out)


def render_wordproc(plan: str, out: Path, relayout: bool = False, font: str | None = None,
                    size: float | None = None) -> None:
    """`appendix_html` converted to PDF by LibreOffice Writer (headless)."""
    import shutil

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise FileNotFoundError("LibreOffice is needed for the wordproc variant (apt-get install libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory(prefix="cchc-wordproc-") as tmp:
        src = Path(tmp) / f"{plan}.html"
        src.write_text(appendix_html(plan, relayout, font, size), encoding="utf-8")
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to",
                        "pdf:writer_pdf_Export", "--outdir", tmp, str(src)], check=True, capture_output=True,
                       timeout=300)
        shutil.move(str(src.with_suffix(".pdf")), out)


_WORD = re.compile(r"\w+")


def missing_words(cell_texts: Iterable[str], drawn: str) -> Counter[str]:
    """The words (case folded, each as often as it is missing) of `cell_texts` that the
    `drawn` text holds fewer of."""
    def words(text: str) -> Counter[str]:
        return Counter(w.casefold() for w in _WORD.findall(text))
    want: Counter[str] = Counter()
    for text in cell_texts:
        want += words(text)
    return want - words(drawn)


def lost_words(pdf: Path, plan: str) -> Counter[str]:
    """Words of the plan's table cells that `pdf` does not draw: LibreOffice drops lines
    of a cell merged over several rows that a page break cuts ("thay thế, bãi bỏ cho
    phù hợp …" of plan2021_2030 in Noto Serif SemiCondensed SemiBold 10.5; no error, no
    mark on the page)."""
    import pdfplumber

    from bench.layout import spans

    rows, meta = load_plan(plan)
    with pdfplumber.open(pdf) as doc:
        drawn = " ".join(page.extract_text() or "" for page in doc.pages)
    return missing_words((sp.text for sp in spans(rows, layout_fields(meta))), drawn)


#: Two drawn words overlap when their boxes share this share of the smaller one's area
#: (words of one line touch at most at their edges; kerning overlaps by a sliver).
OVERDRAWN_SHARE = 0.3


def overdrawn_pairs(words: list[dict]) -> list[tuple[str, str]]:
    """The pairs of `words` (pdfplumber's, one page: text, x0, x1, top, bottom) drawn over
    each other by `OVERDRAWN_SHARE` of the smaller box at least."""
    def area(w: dict) -> float:
        return (w["x1"] - w["x0"]) * (w["bottom"] - w["top"])
    pairs = []
    for i, a in enumerate(words):
        for b in words[i + 1:]:
            width = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
            height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if width > 0 and height > 0 and width * height > OVERDRAWN_SHARE * min(area(a), area(b)):
                pairs.append((a["text"], b["text"]))
    return pairs


def overdrawn_words(pdf: Path) -> dict[int, list[tuple[str, str]]]:
    """Page → the words `pdf` draws over others: LibreOffice runs the last lines of a cell
    merged over several rows that a page break cuts past the cell's foot, over the next
    row's text and the rule between ("hệ thống pháp" over "1.3. Đổi mới," of plan2021_2030
    in Noto Serif ExtraCondensed SemiBold 11; no error)."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        found = {page.page_number: overdrawn_pairs(page.extract_words()) for page in doc.pages}
    return {k: v for k, v in found.items() if v}


def _fingerprint(plan: str, variant: str) -> str:
    h = hashlib.sha256()
    for f in ("truth.json", "meta.json", "narrative.txt"):
        p = CORPUS / plan / f
        if p.exists():
            h.update(p.read_bytes())
    for mod in ("render.py", "layout.py", "fonts.py"):
        h.update((Path(__file__).parent / mod).read_bytes())
    h.update(variant.encode())
    return h.hexdigest()


def cached(out: Path, fingerprint: str, make: Callable[[Path], None]) -> Path:
    """`out`, made by `make(part)` (written to a part file, then moved into place) unless
    it exists already with this fingerprint of its inputs (kept beside it)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    stamp = out.parent / f".{out.stem}.fingerprint"
    if out.exists() and stamp.exists() and stamp.read_text() == fingerprint:
        return out
    part = out.with_suffix(f".{os.getpid()}.part.pdf")  # its own part file: test processes may race
    make(part)
    part.replace(out)
    stamp.write_text(fingerprint)
    return out


def build(plan: str, variant: str, out_dir: Path = BUILD) -> Path:
    """Build one variant of one plan (cached by a fingerprint of its inputs)."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; choose from {VARIANTS}")

    def make(tmp: Path) -> None:
        if variant == "digital":
            render_digital(plan, tmp)
        elif variant == "stripped":
            render_digital(plan, tmp, fold=fold_ascii)
        elif variant == "fullplan":
            render_digital(plan, tmp, full=True)
        elif variant in ("wordproc", "relayout"):
            render_wordproc(plan, tmp, relayout=variant == "relayout")
        elif variant in ("scan_wordproc", "scan_relayout"):  # a word processor's table, printed and scanned
            render_scan(build(plan, variant.removeprefix("scan_"), out_dir), tmp, 300, seed=f"{plan}:{variant}")
        else:  # scan300, scan200, badocr
            digital = build(plan, "digital", out_dir)
            dpi = 200 if variant == "scan200" else 300
            render_scan(digital, tmp, dpi, seed=f"{plan}:{'scan300' if variant == 'badocr' else variant}",
                        text_layer=variant == "badocr")

    return cached(out_dir / plan / f"{variant}.pdf", _fingerprint(plan, variant), make)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=BUILD)
    ap.add_argument("--plan", action="append", choices=PLANS)
    ap.add_argument("--variant", action="append", choices=VARIANTS)
    args = ap.parse_args(argv)
    for plan in args.plan or PLANS:
        for variant in args.variant or VARIANTS:
            path = build(plan, variant, args.out)
            print(f"{plan:15s} {variant:9s} {path}")


if __name__ == "__main__":
    main()
