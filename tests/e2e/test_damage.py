"""Damaged PDFs are never `ok` with rows missing (issue #18): one test per mechanism, on
damaged copies of plan2026 (digital: 8 pages, 50 rows). The damage bench
(`python -m bench.damage`) runs the same kinds of damage at random over every plan."""
import io
import re
import subprocess
import sys

import pikepdf
import pytest

from bench import damage, render
from bench.score import score_rows
from pipeline.ingest import ingest_paths
from tests.conftest import load_truth, query

TRUTH_ROWS = 50


@pytest.fixture(scope="module")
def plan() -> bytes:
    return render.build("plan2026", "digital").read_bytes()


def ingest(tmp_path, name: str, data: bytes, **options):
    path = tmp_path / name
    path.write_bytes(data)
    db = tmp_path / f"{name}.duckdb"
    (result,) = ingest_paths([path], db, **options)
    return result, db


def warnings_of(db) -> list[str]:
    return [m for (m,) in query(db, "SELECT message FROM document_events WHERE stage = 'completeness' ORDER BY page")]


def recall(db) -> float:
    from schemas.records import ROW_FIELDS

    rows = [dict(zip(ROW_FIELDS, r)) for r in query(db, f"SELECT {', '.join(ROW_FIELDS)} FROM plan_rows ORDER BY row_no")]
    return score_rows(load_truth("plan2026"), rows).recall


def content_object(data: bytes, index: int) -> int:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return pdf.pages[index].obj.Contents.objgen[0]


# ------------------------------------------------------- (a) a damaged font map: OCR instead

def test_font_map_without_vietnamese_letters_loads_every_row_through_ocr(tmp_path, plan):
    data, _ = damage.damage_font_maps(plan, "vanish")  # "Mục tiêu" → "Mc tiu" in the text layer
    result, db = ingest(tmp_path, "fontmap.pdf", data)
    assert (result.doc_status, result.row_count) == ("ok", TRUTH_ROWS)
    assert recall(db) == 1.0
    pages = query(db, "SELECT DISTINCT text_source, rules_source FROM document_pages")
    assert pages == [("ocr", "vector")]
    (reason,) = query(db, "SELECT reason FROM document_pages WHERE page = 2")[0]
    assert reason.startswith("vector page whose text layer is not trusted")


def test_glyphs_mapped_to_private_use_in_the_header_font_send_its_pages_to_ocr(tmp_path, plan):
    bold = lambda fonts: [f for f in fonts if str(f.BaseFont).endswith("Bold")]  # noqa: E731
    data, _ = damage.damage_font_maps(plan, "private", bold)
    result, db = ingest(tmp_path, "bold.pdf", data)
    assert (result.doc_status, result.row_count) == ("ok", TRUTH_ROWS)
    reasons = [r for (r,) in query(db, "SELECT reason FROM document_pages")]
    assert all("glyphs inside words map to no character" in r for r in reasons)


# ------------------------------------------- (b) content lost: partial, naming what is missing

def test_a_blank_page_inside_the_appendix_makes_the_document_partial(tmp_path, plan):
    data, _ = damage.emptied(plan, None, 2)  # page 3 draws nothing
    result, db = ingest(tmp_path, "emptied.pdf", data)
    assert result.doc_status == "partial" and result.row_count < TRUTH_ROWS
    assert "page 3: blank, between pages 1 and 8 of the plan table: its rows are missing" in warnings_of(db)
    (error,) = query(db, "SELECT error FROM documents")[0]
    assert "page 3: blank" in error


def test_an_emptied_last_page_is_partial(tmp_path, plan):
    data, _ = damage.emptied(plan, None, 7)
    result, db = ingest(tmp_path, "last.pdf", data)
    assert result.doc_status == "partial"
    assert any(w.startswith("page 8: draws nothing at all") for w in warnings_of(db))


def test_a_lost_content_stream_is_partial(tmp_path, plan):
    data = damage._blank_object(plan, content_object(plan, 3), 0)  # the file needs rebuilding
    result, db = ingest(tmp_path, "lost.pdf", data)
    assert result.doc_status == "partial"
    assert "page 4: content stream lost: what it drew is missing" in warnings_of(db)


def test_a_cut_content_stream_is_partial(tmp_path, plan):
    num = content_object(plan, 4)
    m = re.search(rb"(?<![0-9])%d 0 obj" % num, plan)
    start = plan.index(b"stream", m.end()) + 7
    end = plan.index(b"endstream", start)
    data = plan[:start + (end - start) // 3] + bytes(end - start - (end - start) // 3) + plan[end:]  # zeroed
    result, db = ingest(tmp_path, "cut.pdf", data)
    assert result.doc_status == "partial"
    assert any(w.startswith("page 5: content stream: damaged data") for w in warnings_of(db))


def test_a_deleted_page_shows_as_a_gap_in_the_numbering(tmp_path, plan):
    with pikepdf.open(io.BytesIO(plan)) as pdf:  # a sound file, one page short
        del pdf.pages[3]
        out = io.BytesIO()
        pdf.save(out)
    result, db = ingest(tmp_path, "deleted.pdf", out.getvalue())
    assert result.doc_status == "partial"
    # page 4 held section IV's heading: its items 2–4 run on under section III
    assert warnings_of(db) == ["page 4: section III is followed by section V: the sections between are missing",
                               "page 4: section III: item 6 is followed by item 2: the items between are missing"]


def test_a_truncated_file_rebuilt_with_pages_lost_is_partial(tmp_path):
    data = render.build("plan2026", "fullplan").read_bytes()
    result, db = ingest(tmp_path, "truncated.pdf", data[: int(len(data) * 0.9)])
    assert result.doc_status == "partial"
    assert any("content stream lost" in w for w in warnings_of(db))
    assert query(db, "SELECT count(*) FROM document_events WHERE message LIKE 'damaged file rebuilt by qpdf%'")[0][0]


# --------------------------------------------------------------------------- time limit

def test_a_document_past_its_time_limit_fails_in_one_line(tmp_path, plan):
    result, db = ingest(tmp_path, "slow.pdf", plan, timeout=1e-6)
    assert result.status == "failed"
    assert re.fullmatch(r"slow\.pdf: time limit of 1e-06 s exceeded while [a-z ]+page 1 of 8; the document was "
                        r"given up", result.error), result.error
    assert query(db, "SELECT status FROM documents") == [("failed",)]


def test_the_time_limit_also_stops_waiting_for_ocr(tmp_path):
    import time

    scan = render.build("plan2026", "scan300").read_bytes()  # ~1 s of OCR per page
    start = time.monotonic()
    result, _ = ingest(tmp_path, "scan.pdf", scan, timeout=2)
    assert time.monotonic() - start < 30
    assert result.status == "failed"
    assert re.fullmatch(r"scan\.pdf: time limit of 2 s exceeded while (reading|OCR-ing) page \d of 8; the document "
                        r"was given up", result.error), result.error


# ----------------------------------------------------------------- the command and runs

def test_ingest_prints_partial_documents_and_exits_3(tmp_path, plan):
    bad = tmp_path / "emptied.pdf"
    bad.write_bytes(damage.emptied(plan, None, 2)[0])
    good = tmp_path / "good.pdf"
    good.write_bytes(plan)
    db = tmp_path / "db.duckdb"
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "ingest", str(bad), str(good), "--db", str(db)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 3, proc.stderr[-2000:]
    assert "2 document(s): 2 loaded (1 partial: rows missing), 0 unchanged, 0 failed" in proc.stderr
    assert "partial emptied.pdf: " in proc.stderr
    assert query(db, "SELECT status, docs_ok, docs_partial, docs_failed FROM runs") == [("partial", 1, 1, 0)]
