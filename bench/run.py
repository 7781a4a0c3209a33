"""`make bench`: plan × variant × method → recall, precision, exact cells, CER, speed, memory.

Each measurement runs in a fresh process (`bench.measure`) writing a fresh DuckDB file,
which `bench.score` then compares with the plan's truth. Methods: this project (`cchc`)
and, side by side in the same run, pdfplumber and camelot-lattice defaults with the same
generic post-process (`bench.baselines`). Results also go to build/bench/results.json.

Usage: ``python -m bench.run [--plan P] [--variant V] [--method M]``.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

from bench import render, score
from bench.measure import SEPARATE_VENV
from normalizers.lm import HELD_OUT_ENV

OUT = render.ROOT / "build" / "bench"
METHODS = ("cchc", "pdfplumber", "camelot", "img2table", "ocrmypdf")
SCAN_ONLY = ("img2table", "ocrmypdf")  # OCR baselines: run on the scanned variants
BENCH_PYTHON = render.ROOT / ".venv-bench" / "bin" / "python"


def ours_available() -> bool:
    return importlib.util.find_spec("pipeline.ingest") is not None


def measure(method: str, pdf: Path, db: Path, columns: int, plan: str | None = None) -> dict:
    """One method on one PDF in a fresh process. With `plan` (a reference plan the PDF
    draws), this project's language model is one built without that plan's truth
    (`CCHC_LM_EXCLUDE`), so the figure is held out."""
    db.unlink(missing_ok=True)
    python = str(BENCH_PYTHON) if method in SEPARATE_VENV else sys.executable
    env = dict(os.environ)
    if plan:
        env[HELD_OUT_ENV] = plan
    proc = subprocess.run(
        [python, "-m", "bench.measure", method, str(pdf), str(db), "--columns", str(columns)],
        capture_output=True, text=True, env=env,
    )
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def build_held_out_model(plan: str) -> None:
    """Train the model without `plan` before it is timed (≈ 30–60 s once, then cached)."""
    from normalizers.lm import model_dir_without, model_exists
    from normalizers.lm_build import build

    out = model_dir_without((plan,))
    if not model_exists(out):
        print(f"(building the language model without {plan}: {out})", flush=True)
        build(out, exclude_plans=(plan,))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Benchmark extraction against the reference corpus.")
    ap.add_argument("--plan", action="append", choices=render.PLANS)
    ap.add_argument("--variant", action="append", choices=render.VARIANTS)
    ap.add_argument("--method", action="append", choices=METHODS)
    args = ap.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    methods = args.method or METHODS
    results = []
    header = f"{'plan':14s} {'variant':9s} {'method':10s} {'rows':>5s} {'recall':>7s} {'prec':>6s} {'exact':>6s} {'exact*':>6s} {'CER':>7s} {'sec':>7s} {'pages/s':>8s} {'RSS MB':>7s}"
    print(header)
    print("-" * len(header))
    for plan in args.plan or render.PLANS:
        truth = score.load_truth(render.CORPUS / plan / "truth.json")
        _, meta = render.load_plan(plan)
        if "cchc" in methods:
            build_held_out_model(plan)
        for variant in args.variant or render.VARIANTS:
            pdf = render.build(plan, variant)
            for method in methods:
                label = f"{plan:14s} {variant:9s} {method:10s}"
                if method == "cchc" and not ours_available():
                    print(f"{label} {'—':>5s}  (not implemented yet)")
                    continue
                if method in SCAN_ONLY and not variant.startswith(("scan", "badocr")):
                    continue
                if method in SEPARATE_VENV and not BENCH_PYTHON.exists():
                    print(f"{label} {'—':>5s}  (.venv-bench missing: run make bench)")
                    continue
                m = measure(method, pdf, OUT / f"{plan}.{variant}.{method}.duckdb", len(meta["columns"]), plan)
                if "error" in m:
                    print(f"{label} error: {m['error'][:80]}")
                    results.append({"plan": plan, "variant": variant, "method": method, **m})
                    continue
                try:
                    extracted = score.rows_from_db(OUT / f"{plan}.{variant}.{method}.duckdb")
                except ValueError:
                    extracted = []
                s = score.score_rows(truth, extracted, match_folded=variant == "stripped",
                                     misspellings=score.source_misspellings(render.CORPUS / plan))
                rate = m["pages"] / m["seconds"] if m["seconds"] > 0 else float("inf")
                print(f"{label} {s.extracted_rows:5d} {s.recall:7.3f} {s.precision:6.3f} {s.exact_cells:6.3f} "
                      f"{s.exact_spelling:6.3f} {s.cer:7.4f} {m['seconds']:7.2f} {rate:8.2f} {m['peak_rss_mb']:7.0f}", flush=True)
                results.append({"plan": plan, "variant": variant, "method": method, **s.as_dict(), **m,
                                "pages_per_s": rate})
    (OUT / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
