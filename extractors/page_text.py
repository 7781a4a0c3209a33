"""A scanned page's whole text, read with Tesseract when its table could not be (issue 13).

When the rules of a scanned table are too faint to build a grid, when the page is a photo
the grid finder cannot follow, or when reading the page raised, the page gives no rows;
its text is then read as a whole so that the analyst still has it
(`document_pages.ocr_text`, see `pipeline.fallback` for which pages qualify).

- Image: the page flattened, without its light marks and deskewed (`scan.deskewed`, as
  for the grid); when that step itself raises (the reason the page may be here), the
  render as it is.
- One Tesseract reading of the page (`extractors.tesseract.read_tsv`: `-l vie`), page
  segmentation `PSM` 4: one column of lines of variable size, read top to bottom, each
  line across the whole width. A table without rules is so read row by row (a row's
  cells side by side on one line, as printed), where automatic segmentation (psm 3)
  may split the columns into separate blocks and read them one after another, and sparse
  modes (11, 12) keep no reading order at all. (Measured on one rule-less table page,
  plan2026 scan300 page 4: psm 3, 4 and 6 read it alike, 336 of the 339 words of its
  cells, 254–255 of 303 word triples in order; the choice rests on the reason above.)
- Words that are dirt (`ocr._junk`: a lone "|", a speck read as "'") are dropped; words
  of one line are joined by a space, lines by a newline, Tesseract's blocks by an empty
  line.
"""
from __future__ import annotations

import numpy as np

from extractors import ocr, scan
from extractors.tesseract import read_tsv, word_rows

PSM = "4"


def page_image(number: int, gray: np.ndarray) -> np.ndarray:
    """The page as the grid saw it (`scan.deskewed`), or the render itself when that fails."""
    try:
        return scan.deskewed(number, gray).gray
    except Exception:  # noqa: BLE001 — the render is still worth reading
        return gray


def read_text(number: int, gray: np.ndarray) -> str:
    """The page's text in reading order (lines by newlines, blocks by an empty line);
    "" when Tesseract finds no word. Raises `extractors.tesseract.OcrUnavailable` without Tesseract."""
    return text_of_tsv(read_tsv([page_image(number, gray)], PSM))


def text_of_tsv(tsv: str) -> str:
    """Tesseract TSV of one page → its text: words joined into lines, lines into blocks."""
    blocks: dict[int, dict[tuple[int, int], list[str]]] = {}
    for row in word_rows(tsv):
        word = row["text"].strip()
        if ocr._junk(word, max(0.0, float(row["conf"])), False):
            continue
        line = (int(row["par_num"]), int(row["line_num"]))
        blocks.setdefault(int(row["block_num"]), {}).setdefault(line, []).append(word)
    return "\n\n".join("\n".join(" ".join(words) for _, words in sorted(lines.items()))
                       for _, lines in sorted(blocks.items()))
