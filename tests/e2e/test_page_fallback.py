"""Issue 13: a scanned page inside the plan table that cannot be gridded (its rules gone:
the table printed as text only) is an event and its OCR'd text is kept, never an
exception. The document stays `partial`; re-ingesting it duplicates nothing."""
import io
from difflib import SequenceMatcher

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest

from bench import render, scangen
from extractors import scan
from pipeline.ingest import ingest_paths
from tests.conftest import load_truth, query

PLAN = "plan2026"  # 8 landscape pages, the plan table on all of them
PAGE = 4  # a page in the middle of the table


def without_rules(pdf_path, page: int, out):
    """The scan with every rule of `page` whitened (long straight runs of ink and their
    blur): the table on it is text only, nothing a grid can be built from."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    jpegs = []
    try:
        for i in range(len(pdf)):
            gray = scan.render(pdf, i)
            if i + 1 == page:
                ink = (gray < 220).astype(np.uint8)
                run = scan.DPI // 4  # a quarter inch: longer than any letter's stroke
                rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, run), np.uint8)) | \
                    cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((run, 1), np.uint8))
                gray[cv2.dilate(rules, np.ones((7, 7), np.uint8)) > 0] = 255
            ok, data = cv2.imencode(".jpg", gray, [cv2.IMWRITE_JPEG_QUALITY, 80])
            jpegs.append(data.tobytes())
    finally:
        pdf.close()
    scangen.write_pdf(jpegs, scan.DPI, out)
    return out


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fallback")
    pdf = without_rules(render.build(PLAN, "scan300"), PAGE, folder / "norules.pdf")
    db = folder / "plans.duckdb"
    (result,) = ingest_paths([pdf], db, workers=1)
    return pdf, db, result


def test_the_page_is_an_event_and_the_document_partial(ingested):
    _, db, result = ingested
    assert result.status == "loaded" and result.doc_status == "partial"
    assert 0 < result.row_count < len(load_truth(PLAN))
    (event,) = [e for e in result.events if e.page == PAGE]
    assert (event.stage, event.level) == ("completeness", "warning")
    assert event.message.startswith(f"page {PAGE}: no table could be read (no ruled table found on it, between pages")
    assert event.message.endswith("its OCR'd text is kept in document_pages.ocr_text")
    ((status, error),) = query(db, "SELECT status, error FROM documents")
    assert status == "partial" and f"page {PAGE}: no table could be read" in error
    assert query(db, "SELECT count(*) FROM document_events WHERE page = ? AND level = 'warning'", PAGE) == [(1,)]


def test_the_page_text_is_kept_and_holds_the_rows_lost(ingested):
    """The stored text holds the words of the plan rows that did not load (the truth rows
    missing from plan_rows): what the analyst needs to recover them by hand."""
    _, db, _ = ingested
    pages = query(db, "SELECT page, tables, ocr_text FROM document_pages ORDER BY page")
    assert [(p, t) for p, t, text in pages if text is not None] == [(PAGE, 0)]
    text = " ".join(pages[PAGE - 1][2].split())
    loaded = [f"{task} {product}" for task, product in query(db, "SELECT task, product FROM plan_rows")]
    lost = [r for r in load_truth(PLAN)
            if max(SequenceMatcher(None, f"{r.get('task') or ''} {r.get('product') or ''}", row).ratio()
                   for row in loaded) < 0.8]
    words = [w for r in lost for f in ("task", "product", "lead_text") for w in (r.get(f) or "").split()]
    assert len(words) >= 50
    found = set(text.split())
    assert sum(w in found for w in words) / len(words) >= 0.9


def test_report_shows_the_page_and_the_start_of_its_text(ingested):
    from rich.console import Console

    from pipeline.report import build_report, print_report

    _, db, _ = ingested
    out = io.StringIO()
    print_report(build_report(db), Console(file=out, width=200, highlight=False))
    shown = out.getvalue()
    ((text,),) = query(db, "SELECT ocr_text FROM document_pages WHERE page = ?", PAGE)
    assert "pages whose table could not be read (1)" in shown
    start = " ".join(text.split())[:40]
    assert start in " ".join(shown.split())


def test_ingesting_again_duplicates_nothing(ingested):
    """The same file again: unchanged (no new event); re-extracted (`replace`, as `cchc
    reextract`): the page's row and text replaced, not added, one event in that run."""
    pdf, db, _ = ingested
    before = query(db, "SELECT page, ocr_text FROM document_pages ORDER BY page")
    (again,) = ingest_paths([pdf], db, workers=1)
    assert again.status == "unchanged" and again.doc_status == "partial"
    assert query(db, "SELECT page, ocr_text FROM document_pages ORDER BY page") == before
    (redone,) = ingest_paths([pdf], db, workers=1, replace=True)
    assert redone.status == "loaded" and redone.doc_status == "partial"
    after = query(db, "SELECT page, ocr_text IS NOT NULL FROM document_pages ORDER BY page")
    assert after == [(p, p == PAGE) for p, _ in before]
    assert query(db, "SELECT count(*) FROM documents") == [(1,)]
    per_run = query(db, "SELECT count(*) FROM document_events WHERE page = ? AND message LIKE '%ocr_text%' "
                        "GROUP BY run_id", PAGE)
    assert per_run == [(1,), (1,)]
