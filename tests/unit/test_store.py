"""DuckDB store: numbered migrations, idempotent load keyed by hash, versions (which one is
current), rollback."""
import duckdb
import pytest

from schemas import store
from schemas.records import DocumentRecord, PlanRow


def doc(sha="a" * 64, name="plan.pdf", folder="/x", status="ok", issuer=None, plan_number=None):
    return DocumentRecord(sha256=sha, file_name=name, file_path=f"{folder}/{name}", page_count=3,
                          pipeline_version="t1", text_source="text_layer", status=status,
                          issuer=issuer, plan_number=plan_number)


A, B, C = "a" * 64, "b" * 64, "c" * 64


def versions(con):
    """(doc_id initial, file_path, status, is_current) of every document."""
    return con.execute("SELECT left(doc_id, 1), file_path, status, is_current FROM documents ORDER BY doc_id"
                       ).fetchall()


def rows(n=3):
    return [PlanRow(section_no="I", section_title="CẢI CÁCH THỂ CHẾ", stt=str(i), task=f"Nhiệm vụ {i}",
                    page_first=1, page_last=1) for i in range(1, n + 1)]


def counts(con):
    return (con.execute("SELECT count(*) FROM documents").fetchall()[0][0],
            con.execute("SELECT count(*) FROM plan_rows").fetchall()[0][0])


def test_migrations_are_recorded_once(tmp_path):
    con = store.connect(tmp_path / "db.duckdb")
    versions = con.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()
    assert [v for (v,) in versions] == [v for v, _, _ in store.migrations()]
    assert store.migrate(con) == []


def test_same_bytes_twice_changes_nothing(tmp_path):
    con = store.connect(tmp_path / "db.duckdb")
    assert store.load_document(con, doc(), rows()) == "loaded"
    before = con.execute("SELECT * FROM plan_rows ORDER BY row_no").fetchall()
    assert store.load_document(con, doc(), rows()) == "unchanged"
    assert con.execute("SELECT * FROM plan_rows ORDER BY row_no").fetchall() == before
    assert counts(con) == (1, 3)


def test_changed_file_under_same_name_is_a_new_current_version(tmp_path):
    con = store.connect(tmp_path / "db.duckdb")
    store.load_document(con, doc("a" * 64), rows(3))
    store.load_document(con, doc("b" * 64), rows(2))
    got = con.execute("SELECT sha256, is_current FROM documents ORDER BY sha256").fetchall()
    assert got == [("a" * 64, False), ("b" * 64, True)]
    assert counts(con) == (2, 5)


def test_failed_load_leaves_database_as_it_was(tmp_path, monkeypatch):
    con = store.connect(tmp_path / "db.duckdb")
    store.load_document(con, doc("a" * 64), rows(3))
    before = con.execute("SELECT * FROM plan_rows ORDER BY row_id").fetchall()

    good_frame = store.rows_frame

    def broken_frame(doc_id, rs):
        frame = good_frame(doc_id, rs)
        frame.loc[1, "row_id"] = frame.loc[0, "row_id"]  # duplicate primary key: INSERT fails
        return frame

    monkeypatch.setattr(store, "rows_frame", broken_frame)
    with pytest.raises(duckdb.ConstraintException):
        store.load_document(con, doc("b" * 64, name="plan.pdf"), rows(3))
    assert counts(con) == (1, 3)
    assert con.execute("SELECT * FROM plan_rows ORDER BY row_id").fetchall() == before
    assert con.execute("SELECT is_current FROM documents").fetchall() == [(True,)]


def test_newer_version_replaces_rows_and_keeps_the_old_ones_as_history(tmp_path):
    con = store.connect(tmp_path / "db.duckdb")
    first = doc()
    store.load_document(con, first, rows(3))
    newer = doc()
    newer.pipeline_version = "t2"
    got = rows(2)
    got[0].cell_boxes = {"task": [{"page": 1, "bbox": [10.0, 20.0, 110.0, 40.0], "confidence": 0.5}]}
    assert store.load_document(con, newer, got) == "loaded"
    assert counts(con) == (1, 2)
    assert con.execute("SELECT pipeline_version FROM documents").fetchall() == [("t2",)]
    history = con.execute("SELECT row_no, task, pipeline_version, extracted_at = ? "
                          "FROM plan_rows_history ORDER BY row_no", [first.extracted_at]).fetchall()
    assert history == [(1, "Nhiệm vụ 1", "t1", True), (2, "Nhiệm vụ 2", "t1", True), (3, "Nhiệm vụ 3", "t1", True)]
    box = con.execute("SELECT cell_boxes->'$.task[0].bbox[2]' FROM plan_rows WHERE row_no = 1").fetchall()
    assert float(box[0][0]) == 110.0


def test_replace_reloads_the_same_version_and_keeps_history(tmp_path):
    con = store.connect(tmp_path / "db.duckdb")
    store.load_document(con, doc(), rows(3))
    assert store.load_document(con, doc(), rows(3)) == "unchanged"
    assert store.load_document(con, doc(), rows(3), replace=True) == "loaded"
    assert counts(con) == (1, 3)
    assert con.execute("SELECT count(*) FROM plan_rows_history").fetchall() == [(3,)]


def test_a_then_b_then_a_again_makes_a_current_again(tmp_path):
    """The same path holds bytes A, then B, then A again: the bytes seen last are current,
    though A's third ingest is "unchanged" (nothing extracted)."""
    con = store.connect(tmp_path / "db.duckdb")
    assert store.load_document(con, doc(A), rows(3)) == "loaded"
    assert store.load_document(con, doc(B), rows(2)) == "loaded"
    assert versions(con) == [("a", "/x/plan.pdf", "ok", False), ("b", "/x/plan.pdf", "ok", True)]
    assert store.load_document(con, doc(A), rows(3)) == "unchanged"
    assert versions(con) == [("a", "/x/plan.pdf", "ok", True), ("b", "/x/plan.pdf", "ok", False)]
    assert counts(con) == (2, 5)


def test_see_document_is_the_unchanged_fast_path(tmp_path):
    con = store.connect(tmp_path / "db.duckdb")
    store.load_document(con, doc(A), rows(3))
    store.load_document(con, doc(B), rows(2))
    assert store.see_document(con, C, "/x/plan.pdf", "t1") is None  # unknown bytes: nothing written
    assert store.see_document(con, A, "/x/plan.pdf", "t2") is None  # another pipeline version: re-extract
    assert versions(con)[1][3] is True
    seen = store.see_document(con, A, "/x/plan.pdf", "t1")
    assert seen["doc_id"] == A[:16] and seen["is_current"] is True
    assert [v[3] for v in versions(con)] == [True, False]


def test_a_failed_version_never_uncurrents_the_one_that_worked(tmp_path):
    con = store.connect(tmp_path / "db.duckdb")
    store.load_document(con, doc(A), rows(3))
    failed = doc(B, status="failed")
    failed.error = "no appendix table found"
    assert store.load_document(con, failed, []) == "loaded"
    assert versions(con) == [("a", "/x/plan.pdf", "ok", True), ("b", "/x/plan.pdf", "failed", False)]
    # and it is tried again next time (a failed document is not "loaded")
    assert not store.is_loaded(con, B, "t1")
    assert store.load_document(con, doc(B, status="failed"), []) == "loaded"
    assert versions(con)[0][3] is True and versions(con)[1][3] is False


def test_a_failed_first_ingest_is_not_current(tmp_path):
    con = store.connect(tmp_path / "db.duckdb")
    store.load_document(con, doc(A, status="failed"), [])
    assert versions(con) == [("a", "/x/plan.pdf", "failed", False)]
    store.load_document(con, doc(B), rows(2))  # the file fixed: the good version is current
    assert versions(con) == [("a", "/x/plan.pdf", "failed", False), ("b", "/x/plan.pdf", "ok", True)]


def test_a_partial_document_counts_as_loaded(tmp_path):
    con = store.connect(tmp_path / "db.duckdb")
    store.load_document(con, doc(A, status="partial"), rows(3))
    assert store.is_loaded(con, A, "t1")
    assert store.load_document(con, doc(A, status="partial"), rows(3)) == "unchanged"
    assert versions(con) == [("a", "/x/plan.pdf", "partial", True)]
    assert con.execute("SELECT count(*) FROM plan_rows_history").fetchall() == [(0,)]


def test_a_failed_extraction_of_loaded_bytes_keeps_their_rows(tmp_path):
    """A newer pipeline that fails on bytes an older one read keeps the older rows."""
    con = store.connect(tmp_path / "db.duckdb")
    store.load_document(con, doc(A), rows(3))
    failed = doc(A, status="failed")
    failed.pipeline_version = "t2"
    assert store.load_document(con, failed, []) == "kept"
    assert versions(con) == [("a", "/x/plan.pdf", "ok", True)] and counts(con) == (1, 3)


def test_a_renamed_file_is_one_document_at_its_new_path(tmp_path):
    con = store.connect(tmp_path / "db.duckdb")
    store.load_document(con, doc(A, "plan.pdf"), rows(3))
    assert store.load_document(con, doc(A, "ke_hoach_2026.pdf", folder="/y"), rows(3)) == "unchanged"
    assert versions(con) == [("a", "/y/ke_hoach_2026.pdf", "ok", True)]
    assert con.execute("SELECT file_name FROM documents").fetchall() == [("ke_hoach_2026.pdf",)]
    assert counts(con) == (1, 3)
    # another file then put at the old path is a version of that path, not of the moved one
    store.load_document(con, doc(B, "plan.pdf"), rows(2))
    assert [v[3] for v in versions(con)] == [True, True]


def test_a_reissued_plan_number_at_another_path_supersedes_the_older(tmp_path):
    con = store.connect(tmp_path / "db.duckdb")
    ubnd = "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH"
    store.load_document(con, doc(A, "kh148.pdf", issuer=ubnd, plan_number="148/KH-UBND"), rows(3))
    store.load_document(con, doc(B, "other.pdf", issuer=ubnd, plan_number=None), rows(2))  # no number: its own
    store.load_document(con, doc(C, "kh148_reissued.pdf", issuer=ubnd, plan_number="148/KH-UBND"), rows(2))
    assert versions(con) == [("a", "/x/kh148.pdf", "ok", False), ("b", "/x/other.pdf", "ok", True),
                             ("c", "/x/kh148_reissued.pdf", "ok", True)]
    # the same number from another issuer is another plan
    store.load_document(con, doc("d" * 64, "elsewhere.pdf", issuer="ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH",
                                 plan_number="148/KH-UBND"), rows(1))
    assert [v[3] for v in versions(con)] == [False, True, True, True]


def test_migration_008_makes_failed_documents_not_current(tmp_path):
    path = tmp_path / "db.duckdb"
    con = store.connect(path)
    store.load_document(con, doc(A, status="failed"), [])
    con.execute("UPDATE documents SET is_current = TRUE")  # as the loader before migration 008 left it
    con.execute("DELETE FROM schema_migrations WHERE version = 8")
    assert store.migrate(con) == [8]
    assert versions(con) == [("a", "/x/plan.pdf", "failed", False)]


def test_migration_013_adds_page_text_to_a_database_made_before_it(tmp_path, monkeypatch):
    """A database made before migration 013 (its pages already loaded) migrates: the
    old pages get a NULL `ocr_text`, a new load stores the text of a page whose table
    could not be read, and loading it again replaces the pages, never adds to them."""
    from schemas.records import PageRecord

    path = tmp_path / "db.duckdb"
    real = store.migrations()
    before = [m for m in real if m[0] < 13]
    monkeypatch.setattr(store, "migrations", lambda: before)
    monkeypatch.setattr(store, "PAGE_COLUMNS", tuple(c for c in store.PAGE_COLUMNS if c != "ocr_text"))
    con = store.connect(path)
    old = doc(A)
    old.pages = [PageRecord(1, "ocr", "image", "scan", tables=1)]
    store.load_document(con, old, rows())
    con.close()
    monkeypatch.undo()
    con = store.connect(path)
    assert [v for (v,) in con.execute("SELECT version FROM schema_migrations WHERE version >= 13").fetchall()] == \
        [v for v, _, _ in real if v >= 13]
    assert con.execute("SELECT page, ocr_text FROM document_pages").fetchall() == [(1, None)]
    new = doc(B, name="scan.pdf")
    new.pages = [PageRecord(1, "ocr", "image", "scan", tables=1), PageRecord(2, "ocr", "image", "scan",
                                                                             ocr_text="Stt Nội dung\nKế hoạch")]
    for replace in (False, True):
        store.load_document(con, new, rows(), replace=replace)
    assert con.execute("SELECT page, ocr_text FROM document_pages WHERE doc_id = ? ORDER BY page",
                       [new.doc_id]).fetchall() == [(1, None), (2, "Stt Nội dung\nKế hoạch")]


KILL_DURING_MIGRATION = """
import os, sys
import duckdb
from schemas import store


class KilledAt:  # the connection, killed (no clean-up at all) when migration 004 starts
    def __init__(self, con):
        self.con = con

    def execute(self, sql, *args):
        if "ADD COLUMN raw JSON" in sql:
            os._exit(9)
        return self.con.execute(sql, *args)


store.migrate(KilledAt(duckdb.connect(sys.argv[1])))
"""


def test_a_first_run_killed_during_the_migrations_leaves_no_half_schema(tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    path = tmp_path / "db.duckdb"
    proc = subprocess.run([sys.executable, "-c", KILL_DURING_MIGRATION, str(path)], cwd=ROOT, timeout=120)
    assert proc.returncode == 9
    con = duckdb.connect(str(path))
    assert con.execute("SELECT table_name FROM information_schema.tables").fetchall() == []
    con.close()
    con = store.connect(path)  # the next open applies them all
    assert [v for (v,) in con.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()] == \
        [v for v, _, _ in store.migrations()]


def test_a_failing_migration_applies_none_of_the_pending_ones(tmp_path, monkeypatch):
    real = store.migrations()
    monkeypatch.setattr(store, "migrations", lambda: [*real[:3], (4, "broken", "CREATE TABLE oops (x INTEGER); "
                                                                              "SELECT * FROM no_such_table;")])
    with pytest.raises(duckdb.CatalogException):
        store.connect(tmp_path / "db.duckdb")
    con = duckdb.connect(str(tmp_path / "db.duckdb"))
    assert con.execute("SELECT table_name FROM information_schema.tables").fetchall() == []
