"""`cchc ingest` on the rendered reference plans, scored against the hand-made truth."""
import json
import os
import shutil
import subprocess
import sys

import duckdb
import pytest

from bench import render
from bench.score import rows_from_db, score_rows
from extractors.document import sha256_of
from normalizers.text import fold_ascii
from tests.conftest import CORPUS, PLANS, load_truth

VARIANTS = ("digital", "fullplan", "stripped")
CCHC = [sys.executable, "-m", "pipeline.cli"]


def cchc(*args, env=None):
    return subprocess.run([*CCHC, *args], capture_output=True, text=True, env=env, timeout=600)


@pytest.fixture(scope="module")
def inbox(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inbox")
    for plan in PLANS:
        for variant in VARIANTS:
            shutil.copyfile(render.build(plan, variant), folder / f"{plan}.{variant}.pdf")
    return folder


@pytest.fixture(scope="module")
def loaded(inbox, tmp_path_factory):
    db = tmp_path_factory.mktemp("db") / "plans.duckdb"
    proc = cchc("ingest", str(inbox), "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    return db, proc.stderr


@pytest.mark.parametrize("plan", PLANS)
@pytest.mark.parametrize("variant", VARIANTS)
def test_every_row_extracted(loaded, plan, variant):
    db, _ = loaded
    s = score_rows(load_truth(plan), rows_from_db(db, f"{plan}.{variant}.pdf"), match_folded=variant == "stripped")
    assert (s.recall, s.precision) == (1.0, 1.0)
    if variant != "stripped":  # the stripped text's accuracy is the repair stage's job
        assert s.exact_cells >= 0.999


def test_summary_counts_documents_and_rows(loaded):
    _, log = loaded
    total = sum(len(load_truth(p)) for p in PLANS) * len(VARIANTS)
    assert f"9 document(s): 9 loaded, 0 unchanged, 0 failed; {total} rows, 0 doubtful" in log


@pytest.mark.parametrize("plan", PLANS)
def test_fullplan_metadata_and_provenance(loaded, plan):
    db, _ = loaded
    meta = json.loads((CORPUS / plan / "meta.json").read_text(encoding="utf-8"))
    con = duckdb.connect(str(db), read_only=True)
    doc = con.execute("SELECT doc_id, plan_number, issued_date, issuer, title, status, text_source, page_count "
                      "FROM documents WHERE file_name = ?", [f"{plan}.fullplan.pdf"]).fetchall()[0]
    assert doc[1] == (meta["plan_number"] or None)
    assert str(doc[2]) == meta["issued_date"] if meta["issued_date"] else doc[2] is None
    assert doc[3] == meta["issuer"]
    assert doc[4] == meta["doc_title"]
    assert doc[5:7] == ("ok", "text_layer")
    first, last, pages = con.execute("SELECT min(page_first), max(page_last), count(DISTINCT method) FROM plan_rows "
                                     "WHERE doc_id = ?", [doc[0]]).fetchall()[0]
    assert 1 < first <= last <= doc[7]  # the appendix follows the narrative pages
    con.close()


@pytest.mark.parametrize("plan", PLANS)
def test_stripped_metadata_is_repaired(loaded, plan):
    """A stripped text layer's title, issuer and period are restored like its cells, so
    the period groups with the published plan's; the text as read is in documents.raw."""
    db, _ = loaded
    con = duckdb.connect(str(db), read_only=True)
    try:
        got = {v: con.execute("SELECT issuer, period, title, raw FROM documents WHERE file_name = ?",
                              [f"{plan}.{v}.pdf"]).fetchall()[0] for v in ("digital", "stripped")}
    finally:
        con.close()
    assert got["stripped"][:3] == got["digital"][:3]
    raw = json.loads(got["stripped"][3])
    assert raw["title"] == fold_ascii(got["digital"][2]) and got["digital"][3] is None


def test_second_run_changes_nothing(loaded, inbox):
    db, _ = loaded
    con = duckdb.connect(str(db), read_only=True)
    before = con.execute("SELECT * FROM plan_rows ORDER BY row_id").fetchall()
    con.close()
    proc = cchc("ingest", str(inbox), "--db", str(db))
    assert proc.returncode == 0
    assert "9 document(s): 0 loaded, 9 unchanged, 0 failed" in proc.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT * FROM plan_rows ORDER BY row_id").fetchall() == before
    con.close()


def test_bad_file_fails_alone_with_its_reason(tmp_path, inbox):
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copyfile(inbox / "plan2026.digital.pdf", folder / "good.pdf")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n garbage")
    db = tmp_path / "db.duckdb"
    proc = cchc("ingest", str(folder), "--db", str(db))
    assert proc.returncode == 1
    assert "failed broken.pdf: corrupt or truncated PDF" in proc.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT file_name, status FROM documents ORDER BY 1").fetchall() == [
        ("broken.pdf", "failed"), ("good.pdf", "ok")]
    assert con.execute("SELECT count(*) FROM plan_rows").fetchall() == [(50,)]
    assert con.execute("SELECT trigger, status, docs_ok, docs_partial, docs_failed, finished_at IS NOT NULL "
                       "FROM runs").fetchall() == [("cli", "partial", 1, 0, 1, True)]
    assert con.execute("SELECT file_name, stage, level, message FROM document_events").fetchall() == [
        ("broken.pdf", "open", "error", "corrupt or truncated PDF (no readable document structure)")]
    con.close()


def test_prefect_flow_gives_the_same_rows(tmp_path, inbox):
    """The Prefect path (ephemeral API, as `make run` uses) on one plan."""
    db = tmp_path / "flow.duckdb"
    env = dict(os.environ, PREFECT_HOME=str(tmp_path / "prefect"))
    env.pop("PREFECT_API_URL", None)
    proc = cchc("ingest", str(inbox / "plan2026.digital.pdf"), "--db", str(db), "--prefect", env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Prefect flow 'ingest-plans'" in proc.stderr
    s = score_rows(load_truth("plan2026"), rows_from_db(db))
    assert (s.recall, s.precision, s.exact_cells) == (1.0, 1.0, 1.0)


def test_current_version_follows_the_file(tmp_path, inbox):
    """One path holding bytes A, then B, then A again, then bytes that fail; then renamed:
    `is_current` always names the bytes last ingested successfully at the path."""
    folder = tmp_path / "plans"
    folder.mkdir()
    db = tmp_path / "db.duckdb"
    a, b = inbox / "plan2026.digital.pdf", inbox / "plan2025h2.digital.pdf"
    target = folder / "ke_hoach.pdf"

    def ingest(path=target):
        return cchc("ingest", str(path), "--db", str(db))

    def current():
        con = duckdb.connect(str(db), read_only=True)
        try:
            return con.execute("SELECT file_name, left(sha256, 8), status, is_current FROM documents "
                               "ORDER BY extracted_at").fetchall()
        finally:
            con.close()

    sha_a, sha_b = (sha256_of(p)[:8] for p in (a, b))
    shutil.copyfile(a, target)
    assert ingest().returncode == 0
    shutil.copyfile(b, target)
    assert ingest().returncode == 0
    assert current() == [("ke_hoach.pdf", sha_a, "ok", False), ("ke_hoach.pdf", sha_b, "ok", True)]
    shutil.copyfile(a, target)
    proc = ingest()
    assert proc.returncode == 0 and "1 document(s): 0 loaded, 1 unchanged" in proc.stderr
    assert current() == [("ke_hoach.pdf", sha_a, "ok", True), ("ke_hoach.pdf", sha_b, "ok", False)]
    target.write_bytes(b"%PDF-1.7\n garbage")  # a broken copy: recorded, never current
    assert ingest().returncode == 1
    assert [row[2:] for row in current()] == [("ok", True), ("ok", False), ("failed", False)]
    renamed = folder / "ke_hoach_2026.pdf"  # the good bytes again, under a new name
    shutil.copyfile(a, renamed)
    target.unlink()
    assert ingest(renamed).returncode == 0
    assert current()[0] == ("ke_hoach_2026.pdf", sha_a, "ok", True)
    assert len(current()) == 3
