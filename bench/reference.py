"""Build the reference plan PDFs into an inbox folder (what `make run` ingests).

Each reference plan is placed as it is published: the whole plan (``fullplan``: narrative
then appendix), copied from the render cache ``build/corpus/``. Existing files with the
same bytes are left alone, so re-running changes nothing.

Usage: ``python -m bench.reference data/raw``.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from bench import render


def build_reference(inbox: Path, variant: str = "fullplan") -> list[Path]:
    inbox.mkdir(parents=True, exist_ok=True)
    out = []
    for plan in render.PLANS:
        src = render.build(plan, variant)
        dst = inbox / f"{plan}.pdf"
        if not dst.exists() or dst.read_bytes() != src.read_bytes():
            shutil.copyfile(src, dst)
        out.append(dst)
    return out


#: The review database (analyst tools, their tests, docs/ figures): each reference plan as
#: published (whole plan, text layer) and one scanned plan (OCR'd rows, confidences below 1).
#: The scan has the same issuer and plan number (148/KH-UBND) as the published plan2026 and
#: is ingested after it, so it is the current version of that plan and the published one is
#: kept as an older version (`is_current = FALSE`): 3 current documents, 4 in all.
REVIEW_INPUTS = tuple((plan, "fullplan") for plan in render.PLANS) + (("plan2026", "scan300"),)


def build_review_database(folder: Path) -> tuple[Path, Path]:
    """Ingest REVIEW_INPUTS (copied to `folder/inbox`) into `folder/plans.duckdb` (replaced);
    returns (database, inbox). Raises RuntimeError naming any file that failed."""
    from pipeline.ingest import ingest_paths

    inbox = folder / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    for plan, variant in REVIEW_INPUTS:
        shutil.copyfile(render.build(plan, variant), inbox / f"{plan}.{variant}.pdf")
    db = folder / "plans.duckdb"
    db.unlink(missing_ok=True)
    failed = [r.error for r in ingest_paths([inbox], db) if r.status == "failed"]
    if failed:
        raise RuntimeError(f"review database: {failed}")
    return db, inbox


def main(argv: list[str] | None = None) -> None:
    args = argv if argv is not None else sys.argv[1:]
    inbox = Path(args[0] if args else "data/raw")
    for path in build_reference(inbox):
        print(f"reference plan: {path}")


if __name__ == "__main__":
    main()
