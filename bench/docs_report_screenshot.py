"""Make `docs/report.png`: the HTML review report (`cchc report --html`) of the scanned
reference plan as headless Chromium shows it, doubtful cells with their page crops.

Without `--db`, the reference database is built in a temporary folder exactly as the
end-to-end tests build it (each reference plan as published, plus plan2026 scanned at
300 dpi and OCR'd); the PDFs come from the render cache `build/corpus/`.

Usage: python -m bench.docs_report_screenshot [--db DB] [--doc DOC] [--out docs/report.png]
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from bench.reference import build_review_database
from bench.browser import browser_screenshot, save_small_png
from pipeline.report import build_report
from pipeline.report_html import write_html

def make_screenshot(db: Path, doc: str | None, out: Path, width: int = 1280, height: int = 1500) -> Path:
    """Render the report of `doc` in `db` to HTML, screenshot it, save a small PNG."""
    with tempfile.TemporaryDirectory(prefix="cchc-docs-") as tmp:
        page = write_html(build_report(db, doc), Path(tmp) / "report.html")
        run = browser_screenshot(page, Path(tmp) / "shot.png", width, height)
        if run.returncode != 0 or not run.png.is_file():
            raise SystemExit(f"chromium failed ({run.returncode}): {run.stderr[-500:]}")
        if run.console:
            raise SystemExit("console messages: " + " | ".join(run.console))
        save_small_png(run.png, out)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="database to report on (default: build the reference one)")
    parser.add_argument("--doc", default="plan2026.scan300.pdf", help="document to show (default: the scan)")
    parser.add_argument("--out", type=Path, default=Path("docs/report.png"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cchc-refdb-") as tmp:
        db = args.db or build_review_database(Path(tmp))[0]
        out = make_screenshot(db, args.doc, args.out)
    print(f"{out}: {out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
