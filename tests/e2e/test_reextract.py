"""`cchc reextract`: documents loaded by an older pipeline are extracted again; the new
rows replace the old ones atomically and the old ones stay in plan_rows_history."""
import shutil
import subprocess
import sys

import duckdb
import pytest

from bench import render
from pipeline.stages import pipeline_version

CCHC = [sys.executable, "-m", "pipeline.cli"]


def cchc(*args):
    return subprocess.run([*CCHC, *args], capture_output=True, text=True, timeout=600)


def query(db, sql, params=()):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def execute(db, sql):
    con = duckdb.connect(str(db))
    try:
        con.execute(sql)
    finally:
        con.close()


@pytest.fixture
def loaded(tmp_path):
    """Two plans loaded, then marked as extracted by an old pipeline version."""
    for plan in ("plan2026", "plan2025h2"):
        shutil.copyfile(render.build(plan, "digital"), tmp_path / f"{plan}.pdf")
    db = tmp_path / "plans.duckdb"
    assert cchc("ingest", str(tmp_path / "plan2026.pdf"), str(tmp_path / "plan2025h2.pdf"), "--db", str(db)
                ).returncode == 0
    execute(db, "UPDATE documents SET pipeline_version = '0.0.1'")
    execute(db, "UPDATE plan_rows SET task = task || ' (old)' WHERE row_no = 1")
    return db


def test_older_documents_are_replaced_and_kept_as_history(loaded):
    rows_before = query(loaded, "SELECT count(*) FROM plan_rows")[0][0]
    proc = cchc("reextract", "--db", str(loaded))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "re-extracting 2 document(s)" in proc.stderr
    assert query(loaded, "SELECT DISTINCT pipeline_version FROM documents") == [(pipeline_version(),)]
    assert query(loaded, "SELECT count(*) FROM plan_rows")[0][0] == rows_before
    assert query(loaded, "SELECT count(*) FROM plan_rows WHERE task LIKE '% (old)'") == [(0,)]
    history = query(loaded, "SELECT count(*), count(DISTINCT doc_id), min(pipeline_version), "
                            "count(*) FILTER (task LIKE '% (old)') FROM plan_rows_history")
    assert history == [(rows_before, 2, "0.0.1", 2)]
    assert query(loaded, "SELECT trigger, status FROM runs ORDER BY started_at DESC LIMIT 1") == [("reextract", "ok")]
    # up to date now: nothing to do, nothing changes
    again = cchc("reextract", "--db", str(loaded))
    assert again.returncode == 0 and "nothing to re-extract" in again.stderr
    assert query(loaded, "SELECT count(*) FROM plan_rows_history")[0][0] == rows_before


def test_older_than_selects_by_version_and_all_takes_everything(loaded):
    assert "nothing to re-extract" in cchc("reextract", "--db", str(loaded), "--older-than", "0.0.1").stderr
    execute(loaded, "UPDATE documents SET pipeline_version = '0.0.2' WHERE file_name = 'plan2026.pdf'")
    proc = cchc("reextract", "--db", str(loaded), "--older-than", "0.0.2")
    assert "re-extracting 1 document(s)" in proc.stderr, proc.stderr[-2000:]
    assert query(loaded, "SELECT file_name, pipeline_version FROM documents ORDER BY 1") == [
        ("plan2025h2.pdf", pipeline_version()), ("plan2026.pdf", "0.0.2")]
    proc = cchc("reextract", "--db", str(loaded), "--all")
    assert proc.returncode == 0 and "re-extracting 2 document(s)" in proc.stderr


def test_missing_source_file_keeps_its_rows(loaded):
    (loaded.parent / "plan2026.pdf").unlink()
    rows_of = ("SELECT p.* FROM plan_rows p JOIN documents d USING (doc_id) "
               "WHERE d.file_name = 'plan2026.pdf' ORDER BY p.row_no")
    before = query(loaded, rows_of)
    proc = cchc("reextract", "--db", str(loaded))
    assert proc.returncode == 1
    assert "plan2026.pdf: file not found" in proc.stderr
    assert len(before) == 50 and query(loaded, rows_of) == before
    assert query(loaded, "SELECT pipeline_version FROM documents WHERE file_name = 'plan2026.pdf'") == [("0.0.1",)]
    # (the ingest that loaded the two plans linked them: a `lineage` event, not this test's subject)
    assert query(loaded, "SELECT stage, level, message FROM document_events WHERE file_name = 'plan2026.pdf' "
                         "AND stage <> 'lineage'") == [
        ("open", "error", "file not found")]
