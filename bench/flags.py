"""How the doubtful threshold is chosen: the share of wrong cells caught and of all cells
flagged, at each threshold, over the TUNE scans `bench.scan_bench` last extracted.

A cell is flagged when its confidence (`plan_rows.cell_boxes`) is below the threshold;
the pipeline flags a row (`pipeline.stages.DOUBTFUL_BELOW`) when any cell is. The goal
(issue #13): catch at least 80 % of the wrong cells while flagging at most 15 % of all
cells. The threshold is read off the TUNE split only; `bench.scan_bench --split heldout`
then reports what it gives on scans it never saw.

Usage: ``python -m bench.flags [--split tune] [--plan P]`` (after ``python -m
bench.scan_bench --split tune --method cchc``).
"""
from __future__ import annotations

import argparse

from bench import render, scan_bench, scangen, score

THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.88, 0.9, 0.92, 0.94, 0.96)


def cells(split: str, plans: list[str]) -> list[tuple[list[dict], list[dict]]]:
    """(truth, extracted rows with cell confidences) of each scan of `split` extracted."""
    out = []
    for cond in scangen.conditions(split):
        for plan in plans:
            db = scan_bench.OUT / "scans" / f"{plan}.{cond.name}.cchc.duckdb"
            if not db.exists():
                continue
            try:
                extracted = score.rows_from_db(db, with_confidence=True)
            except ValueError:
                continue
            out.append((score.load_truth(render.CORPUS / plan / "truth.json"), extracted))
    return out


def sweep(pairs: list[tuple[list[dict], list[dict]]]) -> list[tuple[float, score.Flags]]:
    rows = []
    for threshold in THRESHOLDS:
        total = [score.flag_quality(truth, extracted, threshold) for truth, extracted in pairs]
        rows.append((threshold, score.Flags(*(sum(getattr(f, k) for f in total)
                                                for k in ("cells", "wrong", "flagged", "wrong_flagged")))))
    return rows


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=scangen.SPLITS, default="tune")
    ap.add_argument("--plan", action="append", choices=render.PLANS)
    args = ap.parse_args(argv)
    pairs = cells(args.split, args.plan or list(render.PLANS))
    if not pairs:
        raise SystemExit(f"no extracted {args.split} scans: run python -m bench.scan_bench --split {args.split}")
    print(f"{len(pairs)} scans of the {args.split} split")
    print(f"{'threshold':>9s} {'cells':>6s} {'wrong':>6s} {'flagged':>8s} {'caught':>7s} {'flag share':>10s} "
          f"{'flags wrong':>11s}")
    for threshold, f in sweep(pairs):
        precision = f.wrong_flagged / f.flagged if f.flagged else 0.0
        print(f"{threshold:9.2f} {f.cells:6d} {f.wrong:6d} {f.flagged:8d} {f.caught:7.3f} {f.flag_share:10.3f} "
              f"{precision:11.3f}")


if __name__ == "__main__":
    main()
