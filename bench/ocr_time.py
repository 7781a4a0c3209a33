"""Where the OCR time of a scanned page goes, beside bare `tesseract -l vie` on the same
page: the render, the page clean-up (unwarp, flatten, marks, deskew), rules and grids,
and every Tesseract call of `extractors.ocr.ocr_grids` by kind (all cells, cells again
without light ink, short cells as a word, the numbering column as words and stacked),
the metadata read of the first page. Wall and CPU seconds (this process's user+sys;
Tesseract runs in it, `extractors.tesseract`), summed over the pages of one scan and
divided by their number; the start of the Tesseract engine (once per process and thread
in an ingest) is a line of its own, counted in the total.

Issue 13 asks OCR time per page ≤ 1.5× bare Tesseract; `bench.scan_bench` gives the
ratio, this gives its parts. Run it on TUNE scans only.

Usage: ``python -m bench.ocr_time --plan P --condition C [--pages N]``.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium

from bench import render, scangen
from extractors import ocr, scan
from extractors.grid import page_grids


def _cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


class Clock:
    """Wall and CPU seconds (self + children) per named step."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)

    def time(self, name: str, fn, *args, **kwargs):
        w, c = time.perf_counter(), _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN)
        out = fn(*args, **kwargs)
        self.wall[name] += time.perf_counter() - w
        self.cpu[name] += _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN) - c
        self.calls[name] += 1
        return out


def _kind(psm: str, options: tuple[str, ...]) -> str:
    if options:
        return "numbers: stacked column" if psm == ocr.PSM else "numbers: one word each"
    if psm == "3":
        return "metadata (psm 3)"
    return f"cells psm {psm}"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plan", choices=render.PLANS, default="plan2026")
    ap.add_argument("--condition", choices=[c.name for c in scangen.conditions("tune")], default="flatbed300")
    ap.add_argument("--pages", type=int, default=0, help="only the first N pages")
    args = ap.parse_args(argv)
    os.environ["OMP_THREAD_LIMIT"] = "1"
    cond = scangen.BY_NAME[args.condition]
    pdf_path = scangen.build(args.plan, cond)
    clock = Clock()
    run = ocr.read_tsv

    def timed_run(images, psm, options=()):
        return clock.time(_kind(psm, options), run, images, psm, options)

    ocr.read_tsv = timed_run
    clock.time("Tesseract engine start (once)", run, [np.full((40, 40), 255, np.uint8)], ocr.PSM)
    pdf = pdfium.PdfDocument(str(pdf_path))
    n = len(pdf) if not args.pages else min(args.pages, len(pdf))
    bare_wall = bare_cpu = 0.0
    with tempfile.TemporaryDirectory(prefix="cchc-ocrtime-") as tmp:
        for i in range(n):
            gray = clock.time("render 300 dpi", scan.render, pdf, i)
            image = clock.time("clean-up + deskew", scan.deskewed, i + 1, gray)
            hs, vs = clock.time("rules", scan.ruling_lines, image)
            grids = clock.time("grids", page_grids, i + 1, hs, vs)
            before = dict(clock.wall), dict(clock.cpu)
            clock.time("ocr_grids (all)", ocr.ocr_grids, image, grids)
            tess_wall = sum(clock.wall[k] - before[0].get(k, 0.0) for k in clock.wall if k.startswith(("cells", "numbers")))
            tess_cpu = sum(clock.cpu[k] - before[1].get(k, 0.0) for k in clock.cpu if k.startswith(("cells", "numbers")))
            clock.wall["ocr_grids: crops, parsing"] += clock.wall["ocr_grids (all)"] - before[0].get("ocr_grids (all)", 0.0) - tess_wall
            clock.cpu["ocr_grids: crops, parsing"] += clock.cpu["ocr_grids (all)"] - before[1].get("ocr_grids (all)", 0.0) - tess_cpu
            if i == 0:
                clock.time("metadata: page_lines", ocr.page_lines, image)
            # bare: the page at the scan's own dpi, as scan_bench times it
            page = Path(tmp) / f"p{i}.pgm"
            subprocess.run(["pdftoppm", "-gray", "-r", str(cond.dpi), "-f", str(i + 1), "-l", str(i + 1),
                            "-singlefile", str(pdf_path), str(page.with_suffix(""))], check=True)
            w, c = time.perf_counter(), _cpu(resource.RUSAGE_CHILDREN)
            subprocess.run(["tesseract", str(page), "-", "-l", "vie"], check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            bare_wall += time.perf_counter() - w
            bare_cpu += _cpu(resource.RUSAGE_CHILDREN) - c
            del gray, image
    inner = ("ocr_grids (all)", "metadata (psm 3)")  # timed inside other steps
    ours = [k for k in clock.wall if k not in inner]
    total_wall = sum(clock.wall[k] for k in ours)
    total_cpu = sum(clock.cpu[k] for k in ours)
    print(f"{args.plan} {args.condition} ({cond.dpi} dpi), {n} pages; per page:")
    print(f"{'step':34s} {'calls':>5s} {'wall s':>7s} {'CPU s':>7s}")
    for k in sorted(ours, key=lambda k: -clock.cpu[k]):
        print(f"{k:34s} {clock.calls.get(k, 0):5d} {clock.wall[k] / n:7.2f} {clock.cpu[k] / n:7.2f}")
    print(f"{'ours, total':34s} {'':5s} {total_wall / n:7.2f} {total_cpu / n:7.2f}")
    print(f"{'bare tesseract -l vie (page)':34s} {n:5d} {bare_wall / n:7.2f} {bare_cpu / n:7.2f}")
    print(f"ours / bare: wall {total_wall / bare_wall:.2f}, CPU {total_cpu / bare_cpu:.2f}")


if __name__ == "__main__":
    main()
