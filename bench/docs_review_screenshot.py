"""Make `docs/review.png`: `cchc review` in headless Chromium on the reference database,
the doubtful cells of the scanned plan beside their page crops, the second one selected
with the keyboard (j) and being corrected (e, then typing).

Without `--db`, the reference database is built in a temporary folder exactly as the
end-to-end tests build it (`bench.reference.build_review_database`); a given database is
copied first, so the screenshot changes nothing in it.

Usage: python -m bench.docs_review_screenshot [--db DB] [--out docs/review.png]
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from bench.browser import Cdp, review_server, save_small_png
from bench.reference import build_review_database


def make_screenshot(db: Path, out: Path, width: int = 1280, height: int = 860) -> Path:
    with tempfile.TemporaryDirectory(prefix="cchc-docs-") as tmp:
        copy = Path(tmp) / "plans.duckdb"
        shutil.copyfile(db, copy)
        with review_server(copy) as url, Cdp(width, height) as browser:
            browser.navigate(url)
            browser.key("j")
            browser.key("e")
            browser.type_text("Quý I/2026")
            browser.evaluate("window.scrollTo(0, 0)")
            browser.wait_for("Array.from(document.querySelectorAll('img.crop')).slice(0, 3)"
                             ".every(i => i.complete && i.naturalWidth > 0)")
            time.sleep(0.3)
            shot = browser.screenshot(Path(tmp) / "shot.png")
            if browser.errors:
                raise SystemExit("browser errors: " + " | ".join(browser.errors))
        save_small_png(shot, out)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="database to show (default: build the reference one)")
    parser.add_argument("--out", type=Path, default=Path("docs/review.png"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cchc-refdb-") as tmp:
        db = args.db or build_review_database(Path(tmp))[0]
        out = make_screenshot(db, args.out)
    print(f"{out}: {out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
