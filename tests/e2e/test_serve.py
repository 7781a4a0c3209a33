"""`cchc serve`: a local Prefect server, a scheduled deployment, a file dropped into the
inbox loaded within one interval, a clean stop (server included) on SIGTERM."""
import datetime as dt
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from bench import render
from pipeline.serve import _healthy, parse_interval

INTERVAL = 15  # seconds


def test_parse_interval():
    assert parse_interval("90s") == dt.timedelta(seconds=90)
    assert parse_interval("1h30m") == dt.timedelta(hours=1, minutes=30)
    assert parse_interval("1d") == dt.timedelta(days=1)
    for bad in ("", "1x", "h", "1h and more", "0s"):
        with pytest.raises(ValueError):
            parse_interval(bad)


def _runs(db):
    if not db.exists():
        return []
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.IOException:  # a run is writing right now
        return None
    try:
        return con.execute("SELECT trigger, status, docs_ok, finished_at FROM runs WHERE finished_at IS NOT NULL "
                           "ORDER BY started_at").fetchall()
    finally:
        con.close()


def _wait(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(1)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def test_dropped_file_is_loaded_within_one_interval(tmp_path):
    inbox, db, state = tmp_path / "inbox", tmp_path / "plans.duckdb", tmp_path / "prefect"
    inbox.mkdir()
    env = dict(os.environ)
    env.pop("PREFECT_API_URL", None)
    log = open(tmp_path / "serve.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "serve", "--inbox", str(inbox), "--db", str(db),
                             "--every", f"{INTERVAL}s", "--state", str(state)], stdout=log, stderr=subprocess.STDOUT,
                            env=env, text=True)
    try:
        # the server starts, the schedule runs on the empty inbox and records its run
        _wait(lambda: _runs(db), 240, "a first scheduled run")
        api_url = re.search(r" on (http://\S+/api):", (tmp_path / "serve.log").read_text()).group(1)
        dropped = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        shutil.copyfile(render.build("plan2026", "digital"), inbox / "new-plan.pdf")

        def loaded():
            try:
                con = duckdb.connect(str(db), read_only=True)
            except duckdb.IOException:
                return None
            try:
                return con.execute("SELECT extracted_at, (SELECT count(*) FROM plan_rows) FROM documents "
                                   "WHERE file_name = 'new-plan.pdf' AND status = 'ok'").fetchall()
            finally:
                con.close()

        ((extracted_at, rows),) = _wait(loaded, INTERVAL + 90, "the dropped file to be loaded")
        assert rows == 50
        # picked up by the next scheduled run: within one interval of the drop (+ the run's own start-up)
        assert (extracted_at - dropped).total_seconds() < INTERVAL + 30
        assert all(trigger == "schedule" for trigger, *_ in _runs(db) or [])
        assert _healthy(api_url)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        finally:
            log.close()
    output = (tmp_path / "serve.log").read_text()
    assert proc.returncode == 0, output[-3000:]
    assert output.rstrip().endswith("stopped"), output[-3000:]
    assert not _healthy(api_url)  # the local server went with it


RUN_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d run [0-9a-f]{16}: (\d+) file\(s\), (\d+) new, (\d+) unchanged, "
                      r"(\d+) failed; (\d+) rows loaded; database (.+)$", re.MULTILINE)


def test_serve_runs_at_start_and_prints_one_line_per_run(tmp_path):
    """With an hourly schedule the first run still comes at once, and it prints one line."""
    inbox, db, state = tmp_path / "inbox", tmp_path / "plans.duckdb", tmp_path / "prefect"
    inbox.mkdir()
    shutil.copyfile(render.build("plan2026", "digital"), inbox / "plan.pdf")
    env = dict(os.environ)
    env.pop("PREFECT_API_URL", None)
    log_path = tmp_path / "serve.log"
    log = open(log_path, "w")
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "serve", "--inbox", str(inbox), "--db", str(db),
                             "--every", "1h", "--state", str(state)], stdout=log, stderr=subprocess.STDOUT,
                            env=env, text=True)
    try:
        _wait(lambda: "serving 'ingest-plans/inbox'" in log_path.read_text(), 240, "the server to start")
        served = time.monotonic()
        line = _wait(lambda: RUN_LINE.search(log_path.read_text()), 120, "the first run's line")
        assert time.monotonic() - served < 120  # not an hour away
        assert line.groups() == ("1", "1", "0", "0", "50", str(db))
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        finally:
            log.close()
    output = log_path.read_text()
    assert output.splitlines()[0].startswith("starting a local Prefect server")
    assert len(RUN_LINE.findall(output)) == 1
    assert proc.returncode == 0 and output.rstrip().endswith("stopped"), output[-3000:]
