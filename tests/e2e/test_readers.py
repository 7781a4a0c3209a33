"""Readers are never locked out: while `cchc ingest` extracts a long (scanned) document,
`cchc report` and `cchc export` read the database; the writer holds the DuckDB file only
while it loads one document. A reader that does meet the writer's lock says it waits."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import duckdb
import pytest

from bench import render

CCHC = [sys.executable, "-m", "pipeline.cli"]
ENV = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1"}


def documents(db):
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:  # not created yet, or the writer is loading right now
        return 0
    try:
        return con.execute("SELECT count(*) FROM documents").fetchall()[0][0]
    except duckdb.Error:
        return 0
    finally:
        con.close()


@pytest.mark.slow
def test_report_and_export_while_a_long_ingest_runs(tmp_path):
    quick, slow = tmp_path / "a_digital.pdf", tmp_path / "b_scanned.pdf"
    shutil.copyfile(render.build("plan2026", "digital"), quick)
    shutil.copyfile(render.build("plan2025h2", "scan300"), slow)  # OCR: ~20 s on 2 shared cores
    db = tmp_path / "plans.duckdb"
    writer = subprocess.Popen([*CCHC, "ingest", str(quick), str(slow), "--db", str(db), "--workers", "1"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=ENV)
    try:
        deadline = time.monotonic() + 120
        while documents(db) < 1:  # the digital plan is loaded; the scan is being read
            assert writer.poll() is None and time.monotonic() < deadline, writer.stderr.read() if writer.poll() else ""
            time.sleep(0.3)
        report = subprocess.run([*CCHC, "report", "--db", str(db), "--wait", "5"], capture_output=True, text=True,
                                env=ENV, timeout=120)
        export = subprocess.run([*CCHC, "export", "--format", "csv", "--out", str(tmp_path / "out"), "--db", str(db),
                                 "--wait", "5"], capture_output=True, text=True, env=ENV, timeout=120)
        still_running = writer.poll() is None
        _, err = writer.communicate(timeout=600)
    finally:
        writer.kill()
        writer.wait()
    assert report.returncode == 0, report.stderr
    assert "a_digital.pdf" in report.stdout
    assert export.returncode == 0, export.stderr
    assert (tmp_path / "out" / "rows.csv").read_text(encoding="utf-8-sig").count("\n") == 51  # header + 50 rows
    assert still_running, "the ingest ended before the readers ran: the test proved nothing"
    assert writer.returncode == 0, err
    assert documents(db) == 2


def test_a_reader_that_meets_the_lock_says_it_waits(tmp_path):
    db = tmp_path / "db.duckdb"
    shutil.copyfile(render.build("plan2026", "digital"), tmp_path / "p.pdf")
    assert subprocess.run([*CCHC, "ingest", str(tmp_path / "p.pdf"), "--db", str(db)], capture_output=True,
                          env=ENV, timeout=300).returncode == 0
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(db)!r}); "
                               "print('held', flush=True); time.sleep(300)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        start = time.monotonic()
        proc = subprocess.run([*CCHC, "report", "--db", str(db), "--wait", "2"], capture_output=True, text=True,
                              env=ENV, timeout=120)
        assert time.monotonic() - start >= 2
    finally:
        holder.kill()
        holder.wait()
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2
    assert lines[0].startswith(f"waiting: {db}: database is in use by process {holder.pid}; waiting up to 2 s")
    assert "waited 2 s" in lines[1] and "--wait" in lines[1]
