"""The final confidence of every OCR'd cell, once the correction has run: the reading's
confidence (`extractors.ocr`) and what the correction saw, through the model of
`extractors.cell_confidence`; below `DOUBTFUL_BELOW` a cell is doubtful.

Works on the pieces of `PlanRow.cell_boxes` (one per grid cell read, shared by every row
a merged cell is filled down to, and by every row of a section for its number and
title): each piece is settled once, whatever the number of rows holding it. A row's
confidence is then the minimum over its pieces and its `build_penalty` (`extractors.table`:
a row stitched across a page break by its text, a tied break), which stays.
"""
from __future__ import annotations

from extractors.cell_confidence import cell_confidence, cell_features, load_model, record
from schemas.records import PlanRow


def settle_confidences(rows: list[PlanRow], corrections: dict[tuple[int, str], tuple[str, float, bool]]) -> None:
    """Set the confidence of every piece of the OCR'd `rows` and of the rows.

    `corrections`: (id(row), field) → (the text before the correction, the language
    model's posterior of its least sure word, whether a word no plan writes is left),
    for the cells the correction read; other cells (numbers) count as uncorrected."""
    from normalizers.lm_build import default_model

    if not rows:
        return
    lm = default_model()
    model = load_model()
    settled: dict[int, float] = {}  # id(piece) → its confidence
    for row in rows:
        for name, pieces in (row.cell_boxes or {}).items():
            todo = [p for p in pieces if id(p) not in settled]
            if not todo:
                continue
            text = getattr(row, name, None) or ""
            before, posterior, implausible = corrections.get((id(row), name), (text, 1.0, False))
            for piece in todo:
                features = cell_features(piece["confidence"], text, before, posterior, implausible, name,
                                         len(pieces), lm)
                settled[id(piece)] = round(cell_confidence(features, model), 3)
                record("cell", field=name, page=piece["page"], bbox=piece["bbox"], arrived=piece["confidence"],
                       text=text, before=before, features=features)
    for row in rows:
        confidence = row.build_penalty
        for pieces in (row.cell_boxes or {}).values():
            for piece in pieces:
                piece["confidence"] = settled.get(id(piece), piece["confidence"])
                confidence = min(confidence, piece["confidence"])
        row.confidence = confidence
