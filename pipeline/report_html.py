"""`cchc report --html`: the review report as one self-contained HTML page.

Inline CSS, no script, no external resource. Every doubtful cell is shown as a crop of its
page image (rendered with PDFium from the document's `file_path`, deskewed like the OCR
path saw it) beside the extracted text, its confidence and the raw text, so a reviewer
can check it at a glance.
"""
from __future__ import annotations

import base64
import hashlib
import html
import io
from dataclasses import dataclass
from pathlib import Path

from pipeline.report import (
    TEXT_START,
    DocumentReport,
    Report,
    _conf,
    _shorten,
    _summary_line,
    _when,
    page_groups,
    pages_text,
    row_label,
)

#: Page images for the crops: enough to read diacritics, small enough to keep memory flat.
CROP_DPI = 200
#: Margin around a cell's box in the crop, in points.
CROP_MARGIN = 4.0


@dataclass
class Crop:
    data_uri: str | None  # data:image/jpeg;base64,...
    note: str | None = None  # why there is no image


def _source_problem(d: DocumentReport) -> str | None:
    path = Path(d.file_path)
    if not path.is_file():
        return f"source PDF not found: {d.file_path}"
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            h.update(block)
    if h.hexdigest() != d.sha256:
        return f"source PDF has changed since extraction (SHA-256 differs): {d.file_path}"
    return None


def _encode(gray, quality: int = 85) -> str:
    return "data:image/jpeg;base64," + base64.b64encode(jpeg(gray, quality)).decode("ascii")


def crop_box(gray, bbox, dpi: int = CROP_DPI, margin: float = CROP_MARGIN):
    """The pixels of a page image (rendered at `dpi`) inside a cell's box (points, top-left
    origin) plus `margin` points; None when the box lies outside the page."""
    k = dpi / 72.0
    h, w = gray.shape[:2]
    x0, top, x1, bottom = bbox
    left, right = max(0, int((x0 - margin) * k)), min(w, int(round((x1 + margin) * k)))
    upper, lower = max(0, int((top - margin) * k)), min(h, int(round((bottom + margin) * k)))
    if right <= left or lower <= upper:
        return None
    return gray[upper:lower, left:right]


def render_page(path: str | Path, page: int, skew: float | None = None, dpi: int = CROP_DPI):
    """Page `page` (1-based) of a PDF as a gray image at `dpi`, deskewed by `skew` degrees
    as the OCR path saw it (the boxes of its cells are on that image)."""
    import pypdfium2 as pdfium

    from extractors import scan

    pdf = pdfium.PdfDocument(str(path))
    try:
        if not 1 <= page <= len(pdf):
            raise ValueError(f"page {page} is not in the source PDF")
        gray = scan.render(pdf, page - 1, dpi)
    finally:
        pdf.close()
    return scan.deskew(gray, float(skew)) if skew is not None else gray


def jpeg(gray, quality: int = 85) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(gray).save(buf, format="JPEG", quality=quality, optimize=True)
    return buf.getvalue()


def cell_crops(d: DocumentReport, dpi: int = CROP_DPI, margin: float = CROP_MARGIN) -> dict[int, Crop]:
    """A crop of the page image for every doubtful cell of `d`, keyed by id(cell).

    Pages are rendered in page order, each once, and only one page image is held at a
    time. Scanned pages are deskewed by the angle recorded for them, so the boxes (taken
    on the deskewed image) fall on the same pixels.
    """
    import pypdfium2 as pdfium

    from extractors import scan

    cells = d.doubtful_cells
    if not cells:
        return {}
    crops: dict[int, Crop] = {}
    problem = _source_problem(d)
    if problem:
        return {id(c): Crop(None, problem) for c in cells}
    skews = {p.page: p.skew_degrees for p in d.pages}
    try:
        pdf = pdfium.PdfDocument(d.file_path)
    except Exception as err:  # noqa: BLE001 - shown to the reviewer instead of the image
        return {id(c): Crop(None, f"source PDF cannot be opened: {err}") for c in cells}
    try:
        page_no, gray = None, None
        for c in sorted(cells, key=lambda c: (c.page or 0, c.bbox or ())):
            if c.page is None or c.bbox is None:
                crops[id(c)] = Crop(None, "no cell location recorded")
                continue
            if not 1 <= c.page <= len(pdf):
                crops[id(c)] = Crop(None, f"page {c.page} is not in the source PDF")
                continue
            if c.page != page_no:
                page_no, gray = c.page, None
                try:
                    gray = scan.render(pdf, c.page - 1, dpi)
                    if skews.get(c.page) is not None:
                        gray = scan.deskew(gray, float(skews[c.page]))
                except Exception as err:  # noqa: BLE001
                    crops[id(c)] = Crop(None, f"page {c.page} cannot be rendered: {err}")
                    continue
            if gray is None:
                crops[id(c)] = Crop(None, f"page {c.page} cannot be rendered")
                continue
            piece = crop_box(gray, c.bbox, dpi, margin)
            if piece is None:
                crops[id(c)] = Crop(None, "cell box lies outside the page")
                continue
            crops[id(c)] = Crop(_encode(piece))
    finally:
        pdf.close()
    return crops


# ---------------------------------------------------------------------------- HTML

_CSS = """
:root { color-scheme: light; }
body { font-family: "Liberation Sans", "DejaVu Sans", "Noto Sans", Arial, sans-serif; margin: 24px;
       color: #1d2430; background: #f6f7f9; font-size: 14px; line-height: 1.4; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0 0 8px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.muted { color: #5d6675; }
section.doc { background: #fff; border: 1px solid #d8dce3; border-radius: 6px; padding: 16px 20px;
              margin: 18px 0; }
table { border-collapse: collapse; margin: 4px 0 8px; }
th, td { text-align: left; vertical-align: top; padding: 3px 10px 3px 0; border-bottom: 1px solid #eceef2; }
th { font-weight: 600; color: #3b4454; }
td.num, th.num { text-align: right; }
table.facts th { width: 9em; font-weight: normal; color: #5d6675; }
.chips span { display: inline-block; padding: 2px 9px; margin: 2px 6px 2px 0; border-radius: 10px;
              background: #eef1f5; }
.chips span.warn { background: #fff1d6; color: #7a4b00; }
.status-ok { color: #1c6b2f; font-weight: 600; }
.status-partial { color: #8a5a00; font-weight: 600; }
.status-failed { color: #a31515; font-weight: 600; }
.row-card { border: 1px solid #e3c27a; background: #fffaf0; border-radius: 5px; padding: 8px 12px; margin: 8px 0; }
.row-card .head { font-weight: 600; margin-bottom: 2px; }
.row-card .context { color: #5d6675; margin-bottom: 6px; }
.cell { display: flex; gap: 16px; align-items: flex-start; margin: 6px 0; }
.cell .crop { flex: 0 0 auto; max-width: 55%; }
.cell .crop img { display: block; max-width: 100%; border: 1px solid #b9c0cc; background: #fff; }
.cell .missing { padding: 10px; border: 1px dashed #b9c0cc; color: #a31515; max-width: 420px; }
.cell dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; }
.cell dt { color: #5d6675; }
.cell dd { margin: 0; white-space: pre-wrap; }
.conf-low { color: #a31515; font-weight: 600; }
.level-error { color: #a31515; font-weight: 600; }
.level-warning { color: #8a5a00; font-weight: 600; }
"""


def _e(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _html_table(headers: tuple[str, ...], rows: list[tuple], num: tuple[int, ...] = (), cls: str = "") -> str:
    head = "".join(f'<th{" class=num" if i in num else ""}>{_e(h)}</th>' for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f'<td{" class=num" if i in num else ""}>{_e(v)}</td>' for i, v in enumerate(r))
                   + "</tr>" for r in rows)
    return f'<table{f" class={cls}" if cls else ""}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _doubtful_html(d: DocumentReport, crops: dict[int, Crop], threshold: float) -> str:
    if not d.doubtful:
        return f'<p class="muted">No doubtful rows (confidence &lt; {threshold:g}).</p>'
    parts = []
    for r in d.doubtful:
        head = (f"Row {_e(row_label(r.row_no, r.stt))} · section {_e(r.section_no or '—')} · "
                f"page {_e(pages_text(r.page_first, r.page_last))} · {_e(r.method)} · row confidence "
                f'<span class="conf-low">{_e(_conf(r.confidence))}</span>')
        cells = []
        for c in r.cells:
            crop = crops.get(id(c))
            if crop and crop.data_uri:
                picture = (f'<img src="{crop.data_uri}" alt="{_e(c.field)}, page {_e(c.page)}" '
                           f'title="page {_e(c.page)}, box {_e(c.bbox)} pt">')
            else:
                picture = f'<div class="missing">{_e(crop.note if crop else "no image")}</div>'
            facts = [("field", _e(c.field)), ("page", _e(c.page)),
                     ("confidence", f'<span class="conf-low">{_e(_conf(c.confidence))}</span>'),
                     ("extracted", _e(c.text) or '<span class="muted">(empty)</span>')]
            if c.raw is not None:
                facts.append(("raw", _e(c.raw)))
            dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts)
            cells.append(f'<div class="cell"><div class="crop">{picture}</div><dl>{dl}</dl></div>')
        if not cells:
            cells.append('<p class="muted">No cell location recorded for this row.</p>')
        context = f'<div class="context">{_e(r.context)}</div>' if r.context else ""
        parts.append(f'<div class="row-card"><div class="head">{head}</div>{context}{"".join(cells)}</div>')
    return "".join(parts)


def _document_html(d: DocumentReport, crops: dict[int, Crop], threshold: float) -> str:
    facts = [("title", d.title), ("plan number", d.plan_number), ("period", d.period), ("issued", d.issued_date),
             ("text source", d.text_source), ("pages", d.page_count), ("pipeline version", d.pipeline_version),
             ("extracted at", _when(d.extracted_at)), ("file", d.file_path), ("doc_id", d.doc_id)]
    status = f'<span class="status-{_e(d.status)}">{_e(d.status)}</span>' + (f" — {_e(d.error)}" if d.error else "")
    rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e('—' if v in (None, '') else v)}</td></tr>" for k, v in facts)
    chips = [(f"{d.row_count} rows", False), (f"{len(d.doubtful)} doubtful", bool(d.doubtful)),
             (f"{len(d.unresolved)} unresolved agency mentions", bool(d.unresolved)),
             (f"{len(d.unparsed)} unparsed timelines", bool(d.unparsed))]
    chips_html = "".join(f'<span{" class=warn" if warn else ""}>{_e(t)}</span>' for t, warn in chips)
    out = [f'<section class="doc" id="doc-{_e(d.doc_id)}"><h2>{_e(d.file_name)}</h2>',
           f'<table class="facts"><tbody><tr><th>status</th><td>{status}</td></tr>{rows}</tbody></table>',
           f'<div class="chips">{chips_html}</div>',
           f"<h3>Doubtful rows ({len(d.doubtful)}, confidence &lt; {threshold:g})</h3>",
           _doubtful_html(d, crops, threshold)]
    out.append(f"<h3>Unresolved agency mentions ({len(d.unresolved)})</h3>")
    out.append(_html_table(("row", "page", "role", "mention"),
                           [(row_label(m.row_no, m.stt), pages_text(m.page_first, m.page_last), m.role, m.mention)
                            for m in d.unresolved]) if d.unresolved else '<p class="muted">None.</p>')
    out.append(f"<h3>Unparsed timelines ({len(d.unparsed)})</h3>")
    out.append(_html_table(("row", "page", "timeline text"),
                           [(row_label(u.row_no, u.stt), pages_text(u.page_first, u.page_last), u.timeline_text)
                            for u in d.unparsed]) if d.unparsed else '<p class="muted">None.</p>')
    out.append("<h3>Rows per section</h3>")
    out.append(_html_table(("section", "title", "rows"),
                           [(s.section_no or "—", s.section_title or "", s.rows) for s in d.sections]
                           + [("", "total", d.row_count)], num=(2,)))
    out.append("<h3>Pages</h3>")
    out.append(_html_table(("page", "text source", "rules", "reason"),
                           [(pages, p.text_source, p.rules_source, p.reason) for pages, p in page_groups(d.pages)]))
    kept = [p for p in d.pages if p.ocr_text is not None]
    if kept:
        out.append(f"<h3>Pages whose table could not be read ({len(kept)}): their OCR'd text "
                   "(document_pages.ocr_text)</h3>")
        out.append(_html_table(("page", "characters", "text begins"),
                               [(p.page, len(p.ocr_text), _shorten(p.ocr_text, TEXT_START) or "(no text found)")
                                for p in kept], num=(1,)))
    if d.run_id is None:
        out.append('<h3>Events</h3><p class="muted">No run recorded for this document.</p>')
    else:
        out.append(f"<h3>Events of run {_e(d.run_id)} ({_e(_when(d.run_started_at))})</h3>")
        if d.events:
            body = "".join(f'<tr><td class="level-{_e(e.level)}">{_e(e.level)}</td><td>{_e(e.stage)}</td>'
                           f"<td>{_e(e.page if e.page is not None else '')}</td><td>{_e(e.message)}</td></tr>"
                           for e in d.events)
            out.append("<table><thead><tr><th>level</th><th>stage</th><th>page</th><th>message</th></tr></thead>"
                       f"<tbody>{body}</tbody></table>")
        else:
            out.append('<p class="muted">None.</p>')
    out.append("</section>")
    return "".join(out)


def html_report(report: Report, dpi: int = CROP_DPI) -> str:
    """The report as one self-contained HTML page (inline CSS, images as data: URIs)."""
    sections = []
    for d in report.documents:
        crops = cell_crops(d, dpi)  # one document's page images at a time
        sections.append(_document_html(d, crops, report.threshold))
    index = "".join(f'<li><a href="#doc-{_e(d.doc_id)}">{_e(d.file_name)}</a> — {_e(_summary_line(d, report.threshold))}'
                    "</li>" for d in report.documents)
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>CCHC plan review — {_e(Path(report.db_path).name)}</title><style>{_CSS}</style></head><body>"
        f"<h1>CCHC plan review</h1><p class=\"muted\">{_e(report.db_path)} · generated {_e(_when(report.generated_at))}"
        f" · doubtful = row confidence &lt; {report.threshold:g}</p>"
        + (f"<ul>{index}</ul>" if report.documents else "<p>No current documents in the database.</p>")
        + "".join(sections) + "</body></html>\n"
    )


def write_html(report: Report, path: str | Path, dpi: int = CROP_DPI) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html_report(report, dpi), encoding="utf-8")
    return path
