"""Bad input and hostile conditions: each gives a one-line reason, a failed document or a
clear refusal, and never changes rows already loaded."""
import random
import shutil
import signal
import subprocess
import sys
import time

import duckdb
import numpy as np
import pikepdf
from PIL import Image

from bench import render
from pipeline.ingest import ingest_paths

CCHC = [sys.executable, "-m", "pipeline.cli", "ingest"]


def counts(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return dict(con.execute("SELECT d.file_name, count(r.row_id) FROM documents d "
                                "LEFT JOIN plan_rows r USING (doc_id) GROUP BY 1").fetchall())
    finally:
        con.close()


def test_narrative_only_plan_fails_with_its_reason(tmp_path):
    narrative = tmp_path / "narrative.pdf"
    with pikepdf.open(render.build("plan2026", "fullplan")) as pdf:
        portrait = [p for p in pdf.pages if float(p.MediaBox[3]) > float(p.MediaBox[2])]
        out = pikepdf.new()
        out.pages.extend(portrait)
        out.save(narrative)
    (result,) = ingest_paths([narrative], tmp_path / "db.duckdb")
    assert result.status == "failed"
    assert result.error == f"narrative.pdf: no appendix table found in {len(portrait)} page(s): no ruled table"


def test_photo_without_a_table_fails_with_its_reason(tmp_path):
    rng = np.random.default_rng(7)
    photo = (np.linspace(0, 255, 1200)[None, :] * 0.5 + rng.normal(100, 30, (900, 1200))).clip(0, 255)
    path = tmp_path / "photo.pdf"
    Image.fromarray(photo.astype(np.uint8)).save(path, "PDF", resolution=150)
    (result,) = ingest_paths([path], tmp_path / "db.duckdb")
    assert result.status == "failed"
    assert result.error == "photo.pdf: no appendix table found in 1 page(s): no ruled table"
    con = duckdb.connect(str(tmp_path / "db.duckdb"), read_only=True)
    assert con.execute("SELECT text_source, rules_source FROM document_pages").fetchall() == [("ocr", "image")]
    con.close()


def test_same_file_twice_in_one_run_loads_once(tmp_path):
    pdf = render.build("plan2025h2", "digital")
    results = ingest_paths([pdf, pdf], tmp_path / "db.duckdb")
    assert [r.status for r in results] == ["loaded", "unchanged"]
    assert counts(tmp_path / "db.duckdb") == {"digital.pdf": 45}


def test_second_process_waits_then_refuses_clearly(tmp_path):
    db = tmp_path / "db.duckdb"
    # the holder keeps the database until the test ends it: no race with start-up times
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(db)!r}); "
                               "print('held', flush=True); time.sleep(300)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        pdf = str(render.build("plan2025h2", "digital"))
        refused = subprocess.run([*CCHC, pdf, "--db", str(db), "--wait", "1"], capture_output=True, text=True)
        assert refused.returncode == 2
        assert f"{db}: database is in use" in refused.stderr and "waited 1 s" in refused.stderr
        waiting = subprocess.Popen([*CCHC, pdf, "--db", str(db), "--wait", "120"], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True)
        time.sleep(3)
        assert waiting.poll() is None  # still waiting for the lock
        holder.terminate()
        holder.wait(timeout=30)
        _, err = waiting.communicate(timeout=300)
        assert waiting.returncode == 0, err
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert counts(db) == {"digital.pdf": 45}


def test_loader_killed_at_random_moments_leaves_documents_whole_or_absent(tmp_path):
    """20 runs, each killed (SIGKILL) at a random moment of `cchc ingest`: afterwards the
    new document is either complete or absent, and the one loaded before is untouched."""
    base = tmp_path / "base.duckdb"
    ingest_paths([render.build("plan2026", "digital")], base)
    new_pdf = render.build("plan2021_2030", "digital")  # 25 pages: a load worth interrupting
    rng = random.Random(20)
    outcomes = {"complete": 0, "absent": 0}
    for run in range(20):
        db = tmp_path / f"run{run}.duckdb"
        shutil.copyfile(base, db)
        proc = subprocess.Popen([*CCHC, str(new_pdf), "--db", str(db)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 2.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        got = counts(db)
        assert got.get("digital.pdf") in (50, 70 + 50) or set(got) == {"digital.pdf"}
        con = duckdb.connect(str(db), read_only=True)
        docs = con.execute("SELECT file_path LIKE '%plan2021_2030%', status, "
                           "(SELECT count(*) FROM plan_rows r WHERE r.doc_id = d.doc_id), "
                           "(SELECT count(*) FROM document_pages p WHERE p.doc_id = d.doc_id) "
                           "FROM documents d ORDER BY 1").fetchall()
        orphans = con.execute("SELECT count(*) FROM plan_rows WHERE doc_id NOT IN (SELECT doc_id FROM documents)"
                              ).fetchall()[0][0]
        con.close()
        assert orphans == 0
        assert docs[0][1:3] == ("ok", 50)  # the plan loaded before: untouched
        if len(docs) == 2:
            assert docs[1][1:] == ("ok", 70, 25)
            outcomes["complete"] += 1
        else:
            assert len(docs) == 1
            outcomes["absent"] += 1
    assert sum(outcomes.values()) == 20
    print(f"kill test: {outcomes}")


def test_300_page_pdf_keeps_memory_flat(tmp_path):
    """Peak memory of a 300-page input stays near that of the 8-page plan it repeats:
    pages are read one at a time and only their cell text is kept."""
    from bench.scale import long_pdf, run_ingest

    src = render.build("plan2026", "digital")
    short = tmp_path / "short.pdf"
    shutil.copyfile(src, short)
    long = long_pdf(src, 300, tmp_path / "long.pdf")
    _, short_peak, short_summary = run_ingest([short], 2)
    _, long_peak, long_summary = run_ingest([long], 2)
    assert "1 loaded" in short_summary and "1 loaded" in long_summary, (short_summary, long_summary)
    rows = int(long_summary.split("; ")[1].split()[0])
    assert rows >= 300 // 8 * 50  # every copy's rows, not a truncated read
    assert long_peak < short_peak + 150, (short_peak, long_peak)  # MB: 37× the pages, not 37× the memory
