"""`cchc lineage` and `cchc report DOC --changes` on a small database: the truth rows of
plan2026, plan2025h2 and plan2021_2030 loaded through the pipeline's normalisation
(bench/lineage_bench.py), then linked by the shipped model (pipeline/data/lineage_model.json)."""
from __future__ import annotations

import os
import subprocess
import sys

import duckdb
import pytest

from bench.lineage_bench import load_truth_plans
from pipeline.stages import IngestResult, link_loaded, prepare_database
from schemas import store
from tests.conftest import ROOT

CCHC = [sys.executable, "-m", "pipeline.cli"]


def cchc(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "250", "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    return subprocess.run([*CCHC, *args], capture_output=True, text=True, env=env, timeout=300, cwd=ROOT)


@pytest.fixture(scope="module")
def small_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("lineage") / "plans.duckdb"
    con = store.connect(db)
    prepare_database(con)
    doc_ids = load_truth_plans(con, ["plan2021_2030", "plan2025h2", "plan2026"])
    con.close()
    return db, doc_ids


def test_lineage_links_each_annual_plan_and_report_lists_the_changes(small_db):
    db, ids = small_db
    done = cchc("lineage", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "plan2026.pdf continues plan2025h2.pdf" in done.stderr
    assert "plan2026.pdf implements plan2021_2030.pdf" in done.stderr
    assert "plan2025h2.pdf implements plan2021_2030.pdf" in done.stderr
    con = duckdb.connect(str(db), read_only=True)
    pairs = set(con.execute("SELECT doc_id, linked_doc_id, relation FROM plan_links").fetchall())
    assert pairs == {(ids["plan2026"], ids["plan2025h2"], "continues"),
                     (ids["plan2026"], ids["plan2021_2030"], "implements"),
                     (ids["plan2025h2"], ids["plan2021_2030"], "implements")}
    # word-for-word carried tasks are linked to their own row: "Theo dõi thi hành pháp luật"
    # is row 16 of plan2026 and row 15 of plan2025h2; the software of row 11 is row 10 there
    got = set(con.execute("SELECT row_id, linked_row_id FROM row_links WHERE relation = 'continues'").fetchall())
    a, b = ids["plan2026"], ids["plan2025h2"]
    assert {(f"{a}:16", f"{b}:15"), (f"{a}:11", f"{b}:10"), (f"{a}:48", f"{b}:45")} <= got
    counts = dict(con.execute("SELECT change, count(*) FROM plan_changes WHERE doc_id = ? AND linked_doc_id = ? "
                              "GROUP BY change", [a, b]).fetchall())
    con.close()

    shown = cchc("report", "plan2026.pdf", "--changes", "--db", str(db))
    assert shown.returncode == 0, shown.stderr
    out = shown.stdout
    carried_rows = len({r for r, _ in got})
    assert (f"continues plan2025h2.pdf (period 6 tháng cuối năm 2025, doc {b}): {carried_rows} rows carried, "
            f"{counts.get('new', 0)} new, {counts.get('dropped', 0)} of its rows dropped") in out
    implements = next(ln for ln in out.splitlines() if ln.startswith("implements plan2021_2030.pdf"))
    assert "rows implement it" in implements and "of its rows not in this plan" in implements
    # each carried row is shown with the earlier plan's row beside it, on the same line
    line = next(ln for ln in out.splitlines() if ln.startswith("carried") and " 16 " in ln[:20])
    assert "Tổ chức thực hiện kế hoạch theo dõi tình hình thi hành pháp luật" in line
    assert " 15 " in line and "Tiếp tục tổ chức thực hiện kế hoạch theo dõi" in line


def test_changes_as_html(small_db, tmp_path):
    import html as html_lib
    import re

    db, ids = small_db
    page = tmp_path / "changes.html"
    done = cchc("report", "plan2026.pdf", "--changes", "--html", str(page), "--db", str(db))
    assert done.returncode == 0, done.stderr
    text = page.read_text(encoding="utf-8")
    con = duckdb.connect(str(db), read_only=True)
    lines = con.execute("SELECT count(*) FROM plan_changes WHERE doc_id = ?", [ids["plan2026"]]).fetchall()[0][0]
    con.close()
    assert text.count("<tr>") == lines + 2          # one line per change, plus a header per linked plan
    titles = [html_lib.unescape(t) for t in re.findall(r"<h2>(.*?)</h2>", text)]
    assert [t.split(" ")[0] for t in titles] == ["continues", "implements"]
    assert "<script" not in text and "http" not in text


def test_lineage_again_replaces_the_links(small_db):
    db, _ = small_db
    assert cchc("lineage", "--db", str(db)).returncode == 0  # linked once here: the test runs alone too
    con = duckdb.connect(str(db), read_only=True)
    before = con.execute("SELECT * EXCLUDE (score) FROM row_links ORDER BY ALL").fetchall()
    con.close()
    assert cchc("lineage", "--db", str(db)).returncode == 0
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT * EXCLUDE (score) FROM row_links ORDER BY ALL").fetchall() == before
    assert con.execute("SELECT count(*) FROM plan_links").fetchall() == [(3,)]
    con.close()


def test_changes_needs_a_document_and_says_when_a_plan_is_not_linked(small_db, tmp_path):
    db, _ = small_db
    assert cchc("report", "--changes", "--db", str(db)).returncode == 2
    lone = tmp_path / "lone.duckdb"
    con = store.connect(lone)
    prepare_database(con)
    load_truth_plans(con, ["plan2026"])
    con.close()
    shown = cchc("report", "plan2026.pdf", "--changes", "--db", str(lone))
    assert shown.returncode == 0
    assert "no linked plans" in shown.stdout


def test_an_ingest_that_loads_a_plan_links_it_to_the_issuers_other_plans(tmp_path):
    db = tmp_path / "plans.duckdb"
    con = store.connect(db)
    prepare_database(con)
    ids = load_truth_plans(con, ["plan2021_2030", "plan2026"])
    run_id = store.start_run(con, "cli", "t1")
    result = IngestResult(tmp_path / "plan2026.pdf", "loaded", "ok", ids["plan2026"])
    link_loaded(con, run_id, [result])
    assert con.execute("SELECT doc_id, linked_doc_id, relation FROM plan_links").fetchall() == \
        [(ids["plan2026"], ids["plan2021_2030"], "implements")]
    assert [e.stage for e in result.events] == ["lineage"]
    assert con.execute("SELECT stage, level FROM document_events WHERE run_id = ?", [run_id]).fetchall() == \
        [("lineage", "info")]
    con.close()


def test_a_linking_failure_is_an_error_event_and_the_rows_stay(tmp_path, monkeypatch):
    import pipeline.lineage as lineage

    def no_model():
        raise FileNotFoundError("pipeline/data/lineage_model.json")

    monkeypatch.setattr(lineage, "load_model", no_model)
    con = store.connect(tmp_path / "plans.duckdb")
    prepare_database(con)
    ids = load_truth_plans(con, ["plan2021_2030", "plan2026"])
    run_id = store.start_run(con, "cli", "t1")
    result = IngestResult(tmp_path / "plan2026.pdf", "loaded", "ok", ids["plan2026"])
    link_loaded(con, run_id, [result])
    assert [(e.stage, e.level) for e in result.events] == [("lineage", "error")]
    assert "lineage_model.json" in result.events[0].message
    assert con.execute("SELECT count(*) FROM plan_rows").fetchall() == [(120,)]
    assert con.execute("SELECT count(*) FROM plan_links").fetchall() == [(0,)]
    con.close()
