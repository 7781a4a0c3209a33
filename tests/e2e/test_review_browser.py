"""`cchc review` in a real browser (headless Chromium over the DevTools protocol): open the
app on the reference database, go to a doubtful cell with the keyboard, type a correction,
save with Ctrl-Enter, run `cchc reextract --all` while the app is running, reload: the
correction is there, and `cchc export --format csv` carries it."""
import csv
import json
import shutil
import subprocess
import sys

import pytest

from bench.browser import Cdp, chromium, review_server

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(chromium() is None, reason="chromium is not installed")]

CCHC = [sys.executable, "-m", "pipeline.cli"]


def current(browser, what="id"):
    return browser.evaluate(f"(document.querySelector('article.item.current') || {{}}).{what}")


def test_a_correction_made_in_the_browser_survives_reextraction_and_is_exported(reference_db, tmp_path):
    source, _ = reference_db
    db = tmp_path / "plans.duckdb"
    shutil.copyfile(source, db)  # the inbox stays where the fixture put it: reextract reads it there
    text = "Quý I/2026 (sửa trong trình duyệt)"
    with review_server(db) as url, Cdp(1280, 900) as browser:
        browser.navigate(url)
        count = browser.evaluate("document.querySelectorAll('article.item').length")
        assert count >= 2, browser.evaluate("document.body.innerText")[:2000]
        assert current(browser) == "item-0"
        browser.key("j")
        assert current(browser) == "item-1"
        browser.key("k")
        assert current(browser) == "item-0"
        browser.key("j")
        row_id = browser.evaluate("document.querySelector('article.item.current').dataset.row")
        field = browser.evaluate("document.querySelector('article.item.current').dataset.field")
        assert row_id and field
        # its crop of the page image is shown
        browser.wait_for("document.querySelector('article.item.current img.crop').naturalWidth > 20")
        browser.key("e")
        assert browser.evaluate("document.activeElement.tagName") == "TEXTAREA"
        browser.type_text(text)
        with browser.expect_load():
            browser.key("Enter", ctrl=True)
        assert "corrected" in browser.evaluate("document.querySelector('.flash').innerText")
        # the cell left the queue; the cell after it is now selected in its place
        assert browser.evaluate("document.querySelectorAll('article.item').length") == count - 1
        assert browser.evaluate(f"!document.querySelector('article.item[data-row=\"{row_id}\"][data-field=\"{field}\"]')")
        assert current(browser) == "item-1"
        # a form sent without the CSRF token (as another page would send it) is refused
        with browser.expect_load():
            browser.evaluate(
                "(() => { const f = document.createElement('form'); f.method = 'post'; "
                f"f.action = '/cell/{row_id}/{field}'; "
                "for (const [k, v] of [['text', 'x'], ['action', 'save']]) { const i = document.createElement('input'); "
                "i.name = k; i.value = v; f.appendChild(i); } document.body.appendChild(f); f.submit(); })()")
        assert "CSRF token is missing or wrong" in browser.evaluate("document.body.innerText")
        assert [e for e in browser.errors if "403" not in e] == []
        browser.errors.clear()

        proc = subprocess.run([*CCHC, "reextract", "--all", "--db", str(db)], capture_output=True, text=True,
                              timeout=900)  # while the app is running: it holds no lock
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert "1 correction(s) re-applied" in proc.stderr, proc.stderr[-3000:]

        browser.navigate(f"{url}cell/{row_id}/{field}")
        assert browser.evaluate("document.querySelector('dd.shown').innerText") == text
        assert "edit" in browser.evaluate("document.querySelector('table.grid').innerText")
        browser.navigate(url)
        assert browser.evaluate("document.querySelectorAll('article.item').length") == count - 1
        assert browser.errors == []  # no script error, no refused resource, no CSP violation

    out = tmp_path / "export"
    proc = subprocess.run([*CCHC, "export", "--format", "csv", "--out", str(out), "--db", str(db)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    with open(out / "rows.csv", encoding="utf-8-sig", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["row_id"] == row_id)
    assert row[field] == text
    assert field in json.loads(row["corrected"])  # the text as extracted travels with it
