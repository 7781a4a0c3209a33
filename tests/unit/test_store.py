"""DuckDB store: numbered migrations, idempotent load keyed by hash, versions, rollback."""
import duckdb
import pytest

from schemas import store
from schemas.records import DocumentRecord, PlanRow


def doc(sha="a" * 64, name="plan.pdf"):
    return DocumentRecord(sha256=sha, file_name=name, file_path=f"/x/{name}", page_count=3,
                          pipeline_version="t1", text_source="text_layer")


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
