"""Run one extraction method on one PDF into a fresh DuckDB file and report its cost.

Runs in its own process (started by `bench.run`) so peak RSS is the method's own.
Prints one JSON object: seconds (extraction + load, imports excluded), pages, rows,
peak_rss_mb.

Usage: ``python -m bench.measure METHOD PDF DB --columns N``.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import resource
import time
from pathlib import Path

from bench.layout import LAYOUT_7, LAYOUT_8

BASELINES = ("pdfplumber", "camelot", "img2table", "ocrmypdf")
#: Baselines whose packages live in .venv-bench (img2table pulls opencv-contrib-python,
#: which must not sit beside the pipeline's opencv-python-headless).
SEPARATE_VENV = ("img2table", "ocrmypdf")


def _baseline(method: str, pdf: Path, db: Path, n_cols: int) -> tuple[int, int]:
    from bench import baselines
    from schemas import store
    from schemas.records import DocumentRecord, PlanRow

    fields = LAYOUT_8 if n_cols == 8 else LAYOUT_7
    read = {"pdfplumber": baselines.pdfplumber_pages, "camelot": baselines.camelot_pages,
            "img2table": baselines.img2table_pages, "ocrmypdf": baselines.ocrmypdf_camelot_pages}[method]
    pages = read(pdf, n_cols)
    rows = [PlanRow(**r, method=method, confidence=1.0) for r in baselines.generic_rows(pages, fields)]
    doc = DocumentRecord(sha256=hashlib.sha256(pdf.read_bytes()).hexdigest(), file_name=pdf.name,
                         file_path=str(pdf), pipeline_version=f"baseline-{method}", text_source="text_layer")
    import pypdfium2

    doc.page_count = len(pypdfium2.PdfDocument(str(pdf)))
    con = store.connect(db)
    try:
        store.load_document(con, doc, rows)
    finally:
        con.close()
    return doc.page_count, len(rows)


def _ours(pdf: Path, db: Path) -> tuple[int, int]:
    from pipeline.ingest import ingest_file  # the project's own path (extraction issue)

    result = ingest_file(pdf, db)
    return result.page_count, result.row_count


def peak_rss_mb() -> float:
    """This process's peak resident set (VmHWM). `getrusage(RUSAGE_SELF).ru_maxrss` is
    not used: Linux carries it across exec, so a child would report its parent's peak."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("method", choices=("cchc", *BASELINES))
    ap.add_argument("pdf", type=Path)
    ap.add_argument("db", type=Path)
    ap.add_argument("--columns", type=int, default=8)
    args = ap.parse_args(argv)
    if args.method == "cchc":
        import pipeline.ingest  # noqa: F401  (import cost excluded from the timing)
    else:
        import bench.baselines  # noqa: F401
        if args.method in ("camelot", "ocrmypdf"):
            import camelot  # noqa: F401
        elif args.method == "img2table":
            import img2table  # noqa: F401
        else:
            import pdfplumber  # noqa: F401
    start = time.perf_counter()
    if args.method == "cchc":
        pages, rows = _ours(args.pdf, args.db)
    else:
        pages, rows = _baseline(args.method, args.pdf, args.db, args.columns)
    seconds = time.perf_counter() - start
    peak = peak_rss_mb()
    print(json.dumps({"seconds": seconds, "pages": pages, "rows": rows, "peak_rss_mb": peak}))


if __name__ == "__main__":
    main()
