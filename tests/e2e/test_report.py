"""`cchc report` on the reference database: the text report, the HTML report with a
crop of every doubtful cell, and the HTML opened in a real headless browser.

The reference database (tests/e2e/conftest.py) has doubtful rows only where the scan's
OCR happened to be unsure, so `review_db` (a copy) adds cases that are certain to be
there: a doubtful row on a text-layer page, an unresolved agency mention, an unparsed
timeline and a warning event.
"""
from __future__ import annotations

import base64
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import numpy as np
import pytest
from PIL import Image

from bench import browser
from pipeline import report as rep
from pipeline import report_html as rep_html
from pipeline.stages import DOUBTFUL_BELOW

CCHC = [sys.executable, "-m", "pipeline.cli"]
IMG = re.compile(r'<img src="data:image/(jpeg|png);base64,([A-Za-z0-9+/=]+)"')


def cchc(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "250", "NO_COLOR": "1"}
    return subprocess.run([*CCHC, *args], capture_output=True, text=True, env=env, timeout=300)


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def copy_db(db: Path, to: Path) -> Path:
    shutil.copyfile(db, to)
    if Path(f"{db}.wal").exists():
        shutil.copyfile(f"{db}.wal", f"{to}.wal")
    return to


@pytest.fixture(scope="module")
def review_db(reference_db, tmp_path_factory):
    """A copy of the reference database with one case of each thing the report lists."""
    db = copy_db(reference_db[0], tmp_path_factory.mktemp("review_db") / "plans.duckdb")
    con = duckdb.connect(str(db))
    try:
        doc_id, file_name = con.execute(
            "SELECT doc_id, file_name FROM documents WHERE is_current AND text_source = 'text_layer' "
            "ORDER BY file_name LIMIT 1").fetchall()[0]
        rows = con.execute("SELECT row_id, cell_boxes, timeline_text FROM plan_rows WHERE doc_id = ? "
                           "AND cell_boxes IS NOT NULL ORDER BY row_no", [doc_id]).fetchall()
        row_id, boxes, _ = next(r for r in rows if "task" in json.loads(r[1]))
        boxes = json.loads(boxes)
        boxes["task"][0]["confidence"] = 0.55
        con.execute("UPDATE plan_rows SET confidence = 0.55, cell_boxes = ? WHERE row_id = ?",
                    [json.dumps(boxes), row_id])
        mention_row, mention = con.execute(
            "SELECT row_id, mention FROM row_agencies WHERE row_id LIKE ? || ':%' AND role = 'lead' "
            "ORDER BY row_id LIMIT 1", [doc_id]).fetchall()[0]
        con.execute("UPDATE row_agencies SET agency_id = NULL, method = 'unresolved' WHERE row_id = ? "
                    "AND mention = ?", [mention_row, mention])
        timeline_row = next(r[0] for r in rows[5:] if r[2])
        con.execute("UPDATE plan_rows SET timeline_parsed = FALSE WHERE row_id = ?", [timeline_row])
        (run_id,) = con.execute("SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1").fetchall()[0]
        con.execute("INSERT INTO document_events VALUES (?, ?, ?, 'extract_rows', 3, 'warning', "
                    "'a warning made up by the test')", [run_id, doc_id, file_name])
    finally:
        con.close()
    return db, {"doc_id": doc_id, "file_name": file_name, "doubtful": row_id, "page": boxes["task"][0]["page"],
                "mention_row": mention_row, "mention": mention, "timeline_row": timeline_row}


def sql_doubtful(db: Path) -> set[str]:
    return {r for (r,) in query(db, "SELECT row_id FROM plan_rows JOIN documents USING (doc_id) "
                                    "WHERE is_current AND confidence < ?", [DOUBTFUL_BELOW])}


def blocks(text: str, names: list[str]) -> dict[str, str]:
    """The text report cut into one block per document (each starts with its file name)."""
    starts = sorted((re.search(rf"^{re.escape(n)}  ·  doc ", text, re.MULTILINE).start(), n) for n in names)
    return {n: text[s:(starts[i + 1][0] if i + 1 < len(starts) else len(text))] for i, (s, n) in enumerate(starts)}


def test_text_report_lists_current_documents_with_rows_per_section(reference_db):
    db, _ = reference_db
    proc = cchc("report", "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert "\x1b[" not in proc.stdout  # plain text when piped
    docs = query(db, "SELECT doc_id, file_name FROM documents WHERE is_current ORDER BY file_name")
    assert len(docs) == 3  # the scan of plan 148/KH-UBND supersedes its fullplan (same issuer and number)
    by_doc = blocks(proc.stdout, [name for _, name in docs])
    model = {d.doc_id: d for d in rep.build_report(db).documents}
    assert set(model) == {doc_id for doc_id, _ in docs}
    for doc_id, name in docs:
        sections = query(db, "SELECT section_no, section_title, count(*) FROM plan_rows WHERE doc_id = ? "
                             "GROUP BY ALL ORDER BY min(row_no)", [doc_id])
        assert [(s.section_no, s.section_title, s.rows) for s in model[doc_id].sections] == sections
        block = by_doc[name]
        for no, title, count in sections:
            assert re.search(rf"^\s*{re.escape(no)}\s+{re.escape(title)}\s+{count}\s*$", block, re.MULTILINE), \
                (name, no, title, count)
        total = sum(c for *_, c in sections)
        assert re.search(rf"^\s+total\s+{total}\s*$", block, re.MULTILINE)
        assert f"{total} rows in {len(sections)} section(s)" in block


@pytest.mark.parametrize("which", ["reference", "review"])
def test_doubtful_rows_are_the_rows_below_the_threshold(reference_db, review_db, which):
    db = reference_db[0] if which == "reference" else review_db[0]
    expected = sql_doubtful(db)
    model = rep.build_report(db)
    listed = {r.row_id for d in model.documents for r in d.doubtful}
    assert listed == expected
    proc = cchc("report", "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    for d in model.documents:
        for r in d.doubtful:
            assert r.cells, r.row_id  # every doubtful row names the cell(s) that made it doubtful
            assert all(c.confidence is not None and c.page and c.bbox for c in r.cells)
            page = rep.pages_text(r.page_first, r.page_last)
            first = r.cells[0]
            assert re.search(rf"^{re.escape(rep.row_label(r.row_no, r.stt))}\s+{page}\s+{r.confidence:.3f}\s+"
                             rf"{first.field}\s+{first.confidence:.3f}\s", proc.stdout, re.MULTILINE), r.row_id
    if which == "review":
        _, case = review_db
        assert case["doubtful"] in listed
        row = next(r for d in model.documents for r in d.doubtful if r.row_id == case["doubtful"])
        assert [(c.field, c.confidence, c.page) for c in row.cells] == [("task", 0.55, case["page"])]


def test_unresolved_mentions_unparsed_timelines_and_events(review_db):
    db, case = review_db
    (doc,) = rep.build_report(db, case["doc_id"][:8]).documents
    assert [(m.row_id, m.role, m.mention) for m in doc.unresolved] == [(case["mention_row"], "lead", case["mention"])]
    assert [u.row_id for u in doc.unparsed] == [case["timeline_row"]]
    assert [(e.level, e.page, e.message) for e in doc.events] == [("warning", 3, "a warning made up by the test")]
    proc = cchc("report", case["file_name"], "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert "unresolved agency mentions (1)" in proc.stdout and case["mention"] in proc.stdout
    assert "unparsed timelines (1)" in proc.stdout
    assert "a warning made up by the test" in proc.stdout
    assert proc.stdout.count("  ·  doc ") == 1  # only the document asked for


def test_doc_is_found_by_prefix_name_or_path(reference_db):
    db, inbox = reference_db
    doc_id, name, path = query(db, "SELECT doc_id, file_name, file_path FROM documents WHERE is_current "
                                   "ORDER BY file_name LIMIT 1")[0]
    for doc in (doc_id[:6], name, path, str(inbox / name)):
        (found,) = rep.build_report(db, doc).documents
        assert found.doc_id == doc_id


def test_unknown_doc_or_database_exits_1_with_one_line(reference_db, tmp_path):
    db, _ = reference_db
    proc = cchc("report", "no-such-plan.pdf", "--db", str(db))
    assert proc.returncode == 1
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "no-such-plan.pdf" in lines[0] and "not found" in lines[0], proc.stderr
    missing = tmp_path / "nowhere.duckdb"
    proc = cchc("report", "--db", str(missing))
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(missing) in lines[0], proc.stderr


def crops_of(page: str) -> list[np.ndarray]:
    return [np.asarray(Image.open(io.BytesIO(base64.b64decode(data))).convert("L")) for _, data in IMG.findall(page)]


def test_html_has_one_crop_per_doubtful_cell(review_db, tmp_path):
    db, case = review_db
    out = tmp_path / "sub" / "review.html"
    proc = cchc("report", "--db", str(db), "--html", str(out))
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    model = rep.build_report(db)
    cells = [c for d in model.documents for c in d.doubtful_cells]
    assert len(cells) >= 1
    assert page.count("<img") == len(IMG.findall(page)) == len(cells)
    for crop in crops_of(page):  # real images, of a cell: ink (text, rules) on paper
        assert crop.shape[0] > 10 and crop.shape[1] > 10
        assert crop.min() < 100 and np.median(crop) > 180
    # self-contained: no script, no external resource; Vietnamese as UTF-8
    assert '<meta charset="utf-8">' in page
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(?!["']|data:|#)""", page)
    assert "url(" not in page
    assert "CẢI CÁCH THỂ CHẾ" in page
    assert html_escaped(page)


def html_escaped(page: str) -> bool:
    """Cell text is escaped: no tag other than the report's own."""
    tags = set(re.findall(r"</?([a-zA-Z0-9]+)", page))
    return tags <= {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "ul", "li", "a",
                    "section", "table", "thead", "tbody", "tr", "th", "td", "div", "span", "img", "dl", "dt", "dd"}


def test_html_escapes_text_and_survives_a_missing_pdf(review_db, tmp_path):
    src, case = review_db
    db = copy_db(src, tmp_path / "moved.duckdb")
    con = duckdb.connect(str(db))
    con.execute("UPDATE documents SET file_path = '/nowhere/moved.pdf' WHERE doc_id = ?", [case["doc_id"]])
    con.execute("UPDATE plan_rows SET task = '<b>Cải cách</b> & <script>alert(1)</script>' WHERE row_id = ?",
                [case["doubtful"]])
    con.close()
    out = tmp_path / "moved.html"
    proc = cchc("report", "--db", str(db), "--html", str(out))
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    assert "source PDF not found: /nowhere/moved.pdf" in page
    assert "&lt;b&gt;Cải cách&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page and html_escaped(page)
    others = [c for d in rep.build_report(db).documents if d.doc_id != case["doc_id"] for c in d.doubtful_cells]
    assert len(IMG.findall(page)) == len(others)


def test_each_page_is_rendered_once(review_db, monkeypatch):
    from extractors import scan

    db, _ = review_db
    calls = []
    real = scan.render

    def counting(pdf, index, dpi=scan.DPI):
        calls.append(index)
        return real(pdf, index, dpi)

    monkeypatch.setattr(scan, "render", counting)
    model = rep.build_report(db)
    rep_html.html_report(model)
    assert len(calls) == sum(len({c.page for c in d.doubtful_cells}) for d in model.documents)


@pytest.mark.skipif(browser.chromium() is None, reason="chromium is not installed (scripts/setup.sh installs it)")
def test_html_report_in_headless_chromium(review_db, tmp_path):
    """Chromium renders the report (a non-blank screenshot) without a console message.

    Console messages are read from Chromium's log (`--enable-logging=stderr --v=0`
    writes every console call and uncaught exception as a `CONSOLE` line);
    `test_browser_check_sees_a_script_error` shows that this check does fail.
    """
    db, _ = review_db
    page = tmp_path / "review.html"
    rep_html.write_html(rep.build_report(db), page)
    run = browser.browser_screenshot(page, tmp_path / "review.png", 1280, 2000)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.png.is_file() and run.png.stat().st_size > 0
    pixels = np.asarray(Image.open(run.png).convert("RGB"), dtype=np.int16)
    assert pixels.shape[:2] == (2000, 1280)
    assert pixels.std() > 10 and len(np.unique(pixels.reshape(-1, 3), axis=0)) > 50  # not a blank page
    assert run.console == []


@pytest.mark.skipif(browser.chromium() is None, reason="chromium is not installed (scripts/setup.sh installs it)")
def test_browser_check_sees_a_script_error(tmp_path):
    """The console check of the test above is not vacuous: a page with a script error fails it."""
    page = tmp_path / "broken.html"
    page.write_text('<!DOCTYPE html><meta charset="utf-8"><p>Cải cách</p><script>nosuch()</script>', encoding="utf-8")
    run = browser.browser_screenshot(page, tmp_path / "broken.png", 400, 300)
    assert any("nosuch is not defined" in line for line in run.console), run.stderr[-2000:]
