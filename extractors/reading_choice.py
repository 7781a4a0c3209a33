"""Which of a doubtful cell's readings is kept: the language model chooses (issue 13,
item 4: "low-confidence cells re-read another way … with the model choosing").

A cell Tesseract was unsure of is read again other ways (`extractors.ocr.ocr_grids`:
without the light ink of a seal near it, its strokes thickened, a short one as one
word). Tesseract's confidence alone is a poor judge between its readings: a thickened
crop of a thin face reads with more confidence and letters lost ("TÁC" → "TC"), a
reading without the seal's ink with more confidence and a word cut. So each reading is
put through the OCR correction (`normalizers.repair.correct_ocr_text`, the page's
doubtful cells in one batch) and scored by its reading's confidence times the
correction's (the language model's posterior of the least sure word, at most
`normalizers.repair.IMPLAUSIBLE` while a word no plan writes is left); the best is kept,
the first of equals. The text kept is the reading as read: the document's correction
comes later, with the whole document as context.

Measured on development scans (HELD-OUT splits scored once already, each plan with the
language model built without it; `bench.run.measure` on the same PDFs, the code before
and after side by side), exact cells before → after, rows the same: Quicksand Light at
200 dpi (HELD-OUT 30) 0.794 / 0.940 / 0.908 → 0.821 / 0.958 / 0.922; Comfortaa Light at
300 dpi (HELD-OUT 28) 0.804 / 0.895 / 0.875 → 0.829 / 0.917 / 0.903; Noto Serif
Display's sealed copy (HELD-OUT 29) 0.603 / 0.740 / 0.736 → 0.621 / 0.757 / 0.753;
HELD-OUT 30's sealed copy, TUNE's `copy_seal` and a sealed word-processor copy of our
own the same within ±0.003.
"""
from __future__ import annotations

from extractors.grid import CellText


def best_readings(readings: list[list[CellText]]) -> list[CellText]:
    """For each cell's readings (non-empty, the first reading first), the one to keep."""
    from normalizers.repair import correct_ocr_text

    corrected = iter(correct_ocr_text([r.text for rs in readings for r in rs]))
    out = []
    for rs in readings:
        scores = [r.confidence * next(corrected).confidence for r in rs]
        out.append(rs[scores.index(max(scores))])
    return out
