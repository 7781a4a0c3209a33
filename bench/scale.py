"""Scale benchmark: a batch of scanned plans with 1 and 2 workers; peak memory on long inputs.

Each measurement runs `cchc ingest` (in-process path) in its own process on a fresh
database and reports wall time (process start to exit) and the peak resident set (VmHWM of
the process; Tesseract children are separate processes of ~100 MB each, not included).

- batch: the 6 scanned reference PDFs (each plan at 300 and 200 dpi), `--workers 1` vs
  `--workers 2`; prints both times and their ratio.
- long inputs: a 300-page PDF made by repeating a plan's pages (`long_pdf`), digital and
  scanned, against the same plan's own PDF: memory must stay flat in the page count.
- dask: the same batch through the Prefect flow (ephemeral API) with 2 worker threads,
  then with its extraction tasks on a Dask cluster (one scheduler, one worker with 2
  threads on 127.0.0.1) started once before the run, as a team would keep one running.

Usage: ``python -m bench.scale [--batch] [--long digital,scan300] [--pages 300] [--dask]``.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench import render

BATCH_VARIANTS = ("scan300", "scan200")
LONG_PLAN = "plan2026"


def long_pdf(src: Path, pages: int, out: Path) -> Path:
    """`src`'s pages repeated until the file has `pages` pages."""
    import pikepdf

    with pikepdf.open(src) as pdf, pikepdf.new() as dst:
        n = len(pdf.pages)
        for i in range(pages):
            dst.pages.append(pdf.pages[i % n])
        dst.save(out)
    return out


def _vm_hwm_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def run_ingest(paths: list[Path], workers: int, *options: str) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MB of the ingest process, last line of its summary)."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "pipeline.cli", "ingest", *map(str, paths), "--db", f"{tmp}/b.duckdb",
               "--workers", str(workers), *options]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        peak = [0.0]

        def watch() -> None:  # VmHWM is gone once the process exits: sample it while it runs
            while proc.poll() is None:
                peak[0] = max(peak[0], _vm_hwm_mb(proc.pid) or 0.0)
                time.sleep(0.2)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        _, err = proc.communicate()
        seconds = time.perf_counter() - start
        watcher.join()
        if proc.returncode != 0:
            raise RuntimeError(f"ingest failed ({proc.returncode}): {err[-2000:]}")
        summary = [line for line in err.splitlines() if "document(s):" in line]
        return seconds, peak[0], summary[-1] if summary else ""


def batch(workers_list: tuple[int, ...] = (1, 2)) -> None:
    pdfs = [render.build(plan, variant) for plan in render.PLANS for variant in BATCH_VARIANTS]
    print(f"batch: {len(pdfs)} scanned PDFs ({', '.join(BATCH_VARIANTS)} of {', '.join(render.PLANS)})")
    times = {}
    for workers in workers_list:
        seconds, peak, summary = run_ingest(pdfs, workers)
        times[workers] = seconds
        print(f"  --workers {workers}: {seconds:7.1f} s wall, peak RSS {peak:6.0f} MB  [{summary}]")
    if 1 in times and 2 in times:
        print(f"  speed-up 2 vs 1 worker(s): {times[1] / times[2]:.2f}×")


def long_inputs(variants: list[str], pages: int) -> None:
    for variant in variants:
        src = render.build(LONG_PLAN, variant)
        with tempfile.TemporaryDirectory() as tmp:
            short = Path(tmp) / f"{LONG_PLAN}.{variant}.pdf"
            shutil.copyfile(src, short)
            long = long_pdf(src, pages, Path(tmp) / f"{LONG_PLAN}.{variant}.x{pages}.pdf")
            s_sec, s_peak, s_sum = run_ingest([short], 2)
            l_sec, l_peak, l_sum = run_ingest([long], 2)
        n_short = len(__import__("pypdfium2").PdfDocument(str(src)))
        print(f"long input ({variant}): {n_short} pages {s_sec:6.1f} s, peak RSS {s_peak:5.0f} MB | "
              f"{pages} pages {l_sec:6.1f} s, peak RSS {l_peak:5.0f} MB | RSS ratio {l_peak / s_peak:.2f} "
              f"for {pages / n_short:.0f}× the pages  [{l_sum}]")


def dask_vs_threads() -> None:
    from bench.dask_cluster import local_dask_cluster

    pdfs = [render.build(plan, variant) for plan in render.PLANS for variant in BATCH_VARIANTS]
    seconds, _, summary = run_ingest(pdfs, 2, "--prefect")
    print(f"flow, 2 threads:        {seconds:7.1f} s wall (incl. the ephemeral Prefect API start)  [{summary}]")
    started = time.perf_counter()
    with local_dask_cluster(threads=2) as address:
        print(f"dask cluster up in {time.perf_counter() - started:.1f} s (once)")
        seconds, _, summary = run_ingest(pdfs, 2, "--dask", address)
        print(f"flow on the Dask cluster: {seconds:7.1f} s wall  [{summary}]")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batch", action="store_true", help="only the 6-PDF batch")
    ap.add_argument("--long", default=None, help="only the long inputs: variants, comma-separated")
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--dask", action="store_true", help="only the flow with threads vs a Dask cluster")
    args = ap.parse_args(argv)
    everything = not args.batch and args.long is None and not args.dask
    if args.batch or everything:
        batch()
    if args.long or everything:
        long_inputs((args.long or "digital,scan300").split(","), args.pages)
    if args.dask or everything:
        dask_vs_threads()


if __name__ == "__main__":
    main()
