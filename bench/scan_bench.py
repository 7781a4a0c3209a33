"""Benchmark on the generated scans (`bench.scangen`): split × plan × condition × method
→ rows, recall, precision, exact cells, CER, s/page, peak RSS, and what bare Tesseract
costs on the same pages.

Each measurement is `bench.run.measure` (a fresh process writing a fresh DuckDB file),
scored by `bench.score.score_rows` against the plan's truth; this project's method runs
with the language model built without that plan's truth (held out). The bare-Tesseract column
times `tesseract <page.pgm> - -l vie` (OMP_THREAD_LIMIT=1, one process per page, as a
user would run it) on the pages rendered to PNG at the condition's dpi; `ours/bare` is
the method's s/page over that: what the method spends beyond reading the page once.
`caught` is the share of wrong cells (of the paired rows) whose confidence is below the
pipeline's doubtful threshold, `flagged` the share of all cells below it.
The OCR baselines (img2table, OCRmyPDF) run from .venv-bench (`bash scripts/setup.sh
bench`) and are skipped with a note when it is missing. Results also go to
build/bench/scan_results.json.

Judge the pipeline on ``--split heldout``; tune it on ``--split tune`` only.

Usage: ``python -m bench.scan_bench [--split heldout|tune|all] [--plan P] [--condition C]
[--method cchc --method img2table --method ocrmypdf]``.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

from bench import render, scangen, score
from bench.measure import SEPARATE_VENV
from pipeline.stages import DOUBTFUL_BELOW
from bench.run import BENCH_PYTHON, build_held_out_model, measure, ours_available

OUT = render.ROOT / "build" / "bench"
METHODS = ("cchc", "img2table", "ocrmypdf")
HEADER = (f"{'split':7s} {'plan':14s} {'condition':16s} {'method':9s} {'rows':>5s} {'recall':>7s} {'prec':>6s} "
          f"{'exact':>6s} {'exact*':>6s} {'CER':>7s} {'s/page':>7s} {'RSS MB':>7s} {'tess s/p':>8s} {'ours/bare':>9s} "
          f"{'caught':>6s} {'flagged':>7s}")


def bare_tesseract(pdf: Path, dpi: int) -> float:
    """Seconds per page of plain `tesseract page.pgm - -l vie` on `pdf`'s pages at `dpi`."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    with tempfile.TemporaryDirectory(prefix="cchc-bare-") as tmp:
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), str(pdf), f"{tmp}/p"], check=True)  # PGM: quick to write
        pages = sorted(Path(tmp).glob("p-*.pgm"))
        start = time.perf_counter()
        for page in pages:
            subprocess.run(["tesseract", str(page), "-", "-l", "vie"], check=True, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return (time.perf_counter() - start) / max(1, len(pages))


def skip_reason(method: str) -> str | None:
    if method == "cchc" and not ours_available():
        return "pipeline not installed"
    if method in SEPARATE_VENV and not BENCH_PYTHON.exists():
        return ".venv-bench missing: run `bash scripts/setup.sh bench`"
    return None


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=(*scangen.SPLITS, "all"), default="heldout")
    ap.add_argument("--plan", action="append", choices=render.PLANS)
    ap.add_argument("--condition", action="append", choices=sorted(scangen.BY_NAME))
    ap.add_argument("--method", action="append", choices=METHODS)
    args = ap.parse_args(argv)
    chosen = [scangen.BY_NAME[n] for n in args.condition] if args.condition else list(scangen.conditions(args.split))
    methods = args.method or list(METHODS)
    for method in methods:
        if reason := skip_reason(method):
            print(f"note: skipping {method} ({reason})")
    methods = [m for m in methods if skip_reason(m) is None]
    folder = OUT / "scans"
    folder.mkdir(parents=True, exist_ok=True)
    results = []
    print(HEADER)
    print("-" * len(HEADER), flush=True)
    for cond in chosen:
        for plan in args.plan or render.PLANS:
            truth = score.load_truth(render.CORPUS / plan / "truth.json")
            _, meta = render.load_plan(plan)
            pdf = scangen.build(plan, cond)
            if "cchc" in methods:
                build_held_out_model(plan)
            bare = bare_tesseract(pdf, cond.dpi)
            for method in methods:
                label = f"{cond.split:7s} {plan:14s} {cond.name:16s} {method:9s}"
                row = {"split": cond.split, "plan": plan, "condition": cond.name, "method": method,
                       "dpi": cond.dpi, "tesseract_s_per_page": bare}
                db = folder / f"{plan}.{cond.name}.{method}.duckdb"
                m = measure(method, pdf, db, len(meta["columns"]), plan)
                if "error" in m:
                    print(f"{label} error: {m['error'][:80]}", flush=True)
                    results.append({**row, **m})
                    continue
                try:
                    extracted = score.rows_from_db(db, with_confidence=True)
                except ValueError:
                    extracted = []
                s = score.score_rows(truth, extracted, misspellings=score.source_misspellings(render.CORPUS / plan))
                flags = score.flag_quality(truth, extracted, DOUBTFUL_BELOW)
                per_page = m["seconds"] / max(1, m["pages"])
                print(f"{label} {s.extracted_rows:5d} {s.recall:7.3f} {s.precision:6.3f} {s.exact_cells:6.3f} "
                      f"{s.exact_spelling:6.3f} {s.cer:7.4f} {per_page:7.2f} {m['peak_rss_mb']:7.0f} {bare:8.2f} {per_page / bare:9.2f} "
                      f"{flags.caught:6.3f} {flags.flag_share:7.3f}", flush=True)
                results.append({**row, **s.as_dict(), **m, "s_per_page": per_page, "ratio_to_bare": per_page / bare,
                                "flags": flags.__dict__})
    (OUT / "scan_results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
