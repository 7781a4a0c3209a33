"""OCR end to end: a short scanned plan, and the same scan under an English-only OCR layer."""
import duckdb
import pytest

from bench import render
from bench.score import rows_from_db, score_rows
from pipeline.ingest import ingest_paths
from tests.conftest import load_truth

PLAN = "plan2026"  # 8 landscape pages


@pytest.fixture(scope="module")
def ocr_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("ocr") / "plans.duckdb"
    results = ingest_paths([render.build(PLAN, "scan300"), render.build(PLAN, "badocr")], db)
    assert [r.status for r in results] == ["loaded", "loaded"], [r.error for r in results]
    return db


@pytest.mark.parametrize("variant", ["scan300", "badocr"])
def test_scanned_plan_is_read(ocr_db, variant):
    s = score_rows(load_truth(PLAN), rows_from_db(ocr_db, f"{variant}.pdf"))
    assert s.recall >= 0.98 and s.precision >= 0.98
    assert s.cer <= 0.02


def test_a_scanned_word_processor_table_is_read(tmp_path):
    """Another province's layout printed from a word processor and scanned: hairline
    borders a scan gives back light grey under black bold writing, no left or right
    border, a two-level header, a budget column."""
    plan = "plan2025h2"
    (result,) = ingest_paths([render.build(plan, "scan_relayout")], tmp_path / "plans.duckdb")
    assert result.status == "loaded", result.error
    s = score_rows(load_truth(plan), rows_from_db(tmp_path / "plans.duckdb", "scan_relayout.pdf"))
    assert s.recall >= 0.98 and s.precision >= 0.98
    assert s.exact_cells >= 0.95


def test_every_page_decision_is_recorded(ocr_db):
    con = duckdb.connect(str(ocr_db), read_only=True)
    got = con.execute("""SELECT d.file_name, d.text_source, p.text_source, p.rules_source, count(*),
                                max(abs(p.skew_degrees)) < 1.2, min(p.tables)
                         FROM documents d JOIN document_pages p USING (doc_id)
                         GROUP BY ALL ORDER BY 1""").fetchall()
    assert got == [("badocr.pdf", "ocr", "ocr", "image", 8, True, 1), ("scan300.pdf", "ocr", "ocr", "image", 8, True, 1)]
    reasons = con.execute("SELECT DISTINCT reason FROM document_pages p JOIN documents d USING (doc_id) "
                          "WHERE file_name = 'badocr.pdf'").fetchall()
    assert len(reasons) >= 1 and all(r.startswith("scanned page whose text layer is not plausible Vietnamese")
                                     for (r,) in reasons)
    methods = con.execute("SELECT DISTINCT method FROM plan_rows").fetchall()
    assert methods == [("ocr",)]
    con.close()


def test_metadata_read_from_the_scanned_first_page(ocr_db):
    con = duckdb.connect(str(ocr_db), read_only=True)
    got = con.execute("SELECT plan_number, CAST(issued_date AS VARCHAR), period FROM documents "
                      "WHERE file_name = 'scan300.pdf'").fetchall()
    assert got == [("148/KH-UBND", "2025-12-03", "2026")]
    con.close()


def test_a_page_whose_reading_fails_is_an_event_and_the_others_load(tmp_path, monkeypatch):
    """One page of a scanned plan breaks while it is read (here: the grid step raises):
    the document keeps the other pages' rows, is `partial`, and names the page and the
    reason in one warning event; the page's text is OCR'd as a whole and kept in
    `document_pages.ocr_text` (issue 13); no exception reaches the caller."""
    import pipeline.stages as stages

    real = stages.page_grids

    def breaks_on_page_3(number, *args, **kwargs):
        if number == 3:
            raise ValueError("min() arg is an empty sequence")
        return real(number, *args, **kwargs)

    monkeypatch.setattr(stages, "page_grids", breaks_on_page_3)
    db = tmp_path / "plans.duckdb"
    (result,) = ingest_paths([render.build(PLAN, "scan300")], db, workers=1)
    assert result.status == "loaded" and result.doc_status == "partial"
    assert 0 < result.row_count < len(load_truth(PLAN))
    (event,) = [e for e in result.events if e.page == 3]
    assert event.level == "warning" and event.stage == "completeness"
    assert "no table could be read" in event.message and "ValueError: min() arg is an empty sequence" in event.message
    assert "document_pages.ocr_text" in event.message
    con = duckdb.connect(str(db), read_only=True)
    pages = con.execute("SELECT page, tables, ocr_text FROM document_pages ORDER BY page").fetchall()
    rows_by_page = dict(con.execute("SELECT page_first, count(*) FROM plan_rows GROUP BY 1").fetchall())
    con.close()
    assert [p for p, _, text in pages if text is not None] == [3]
    assert len(pages[2][2].split()) >= 50  # a page of the plan table: its words, not a stray line
    assert 3 not in rows_by_page and {2, 4} <= set(rows_by_page)  # the pages around it still load their rows
