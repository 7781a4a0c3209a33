"""Replay the OCR correction on scans already read: how a change to the correction
(`normalizers.repair.correct_ocr_text` and what it calls) scores, without OCR again.

A scan's database keeps every cell as OCR read it where the correction changed it
(`plan_rows.raw`) and the corrected text otherwise, so the cells as read are known. This
runs the correction of the code at hand over them, one batch for the document as the
pipeline does, and scores the result against the plan's truth: on an unchanged
correction it gives the pipeline's own exact cells and CER. Row assembly, OCR and cell
confidence are not replayed (`bench.measure` does the whole pipeline).

The language model is the one without the plan scored (`CCHC_LM_EXCLUDE`), as in
`bench.scan_bench`: one plan per process.

Usage: ``python -m bench.correction_replay PLAN DB [DB …]`` (e.g. the databases
`bench.scan_bench` leaves in build/bench/scans/), prints one line per database.
"""
from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from bench import render, score
from normalizers.lm import HELD_OUT_ENV
from pipeline.stages import NOT_REPAIRED, correct_ocr_cells
from schemas.records import ROW_FIELDS


def as_read(rows: list[dict]) -> list[tuple[int, str, str]]:
    """(row index, field, text as OCR read it) of every cell the correction sees: fields
    holding text but the numbering ones, their reading from `raw` where it was changed."""
    cells = []
    for k, row in enumerate(rows):
        raw = row.get("raw") or {}
        raw = json.loads(raw) if isinstance(raw, str) else raw
        for name in ROW_FIELDS:
            if name in NOT_REPAIRED or not row.get(name):
                continue
            read = raw.get(name)
            cells.append((k, name, read if isinstance(read, str) else row[name]))
    return cells


def replay(db: Path, plan: str) -> score.Score:
    """The rows of `db` with their cells as read corrected again, scored against `plan`."""
    rows = score.rows_from_db(db, with_raw=True)
    cells = as_read(rows)
    _, fixed = correct_ocr_cells([name for _, name, _ in cells], [text for _, _, text in cells])
    out = [{k: v for k, v in row.items() if k != "raw"} for row in rows]
    for (k, name, _), text in zip(cells, fixed):
        out[k][name] = text
    truth = score.load_truth(render.CORPUS / plan / "truth.json")
    return score.score_rows(truth, out, misspellings=score.source_misspellings(render.CORPUS / plan))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("plan", help="the reference plan the scans show (tests/corpus/<plan>)")
    ap.add_argument("db", nargs="+", type=Path)
    args = ap.parse_args(argv)
    held_out = os.environ.setdefault(HELD_OUT_ENV, args.plan)
    if held_out != args.plan:
        ap.error(f"{HELD_OUT_ENV}={held_out}, but the scans show {args.plan}: the model must leave it out")
    for db in args.db:
        s = replay(db, args.plan)
        print(f"{db}\texact cells {s.exact_cells:.3f}\tCER {s.cer:.4f}", flush=True)


if __name__ == "__main__":
    main()
