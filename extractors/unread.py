"""Writing Tesseract left unread at the bottom or the top of a cell crop, read on its own.

Reading a cell's crop as a block (psm 6), Tesseract now and then drops the cell's last
line when it is one short word ("định.", "kỳ.", "vị." after a full line): on the TUNE
photocopies with seals, read again alone the same line comes out right. So where a crop
holds ink below the last word Tesseract reported — at least a cell's worth of ink
(`MIN_INK_PX`), as tall as a good part of a line (`TAIL_HEIGHT`) — that band is read as one
line (psm 13, cut to its ink), stray specks beside it whitened (`without_stray_dots`), and its words join the cell's TSV as a last line, in the crop's coordinates,
so that the cell's reading is parsed (junk words, confidence) as if Tesseract had read it.
It drops a first line too, now and then ("- Cập nhật," over "công khai TTHC" in Noto
Serif SemiCondensed SemiBold at 200 dpi, a clean scan): ink above the first word reported
is read the same way (`unread_heads`) and joins the TSV as the first line.
"""
from __future__ import annotations

import cv2
import numpy as np

from extractors.tesseract import TSV_COLUMNS, read_tsv, word_rows

#: Tesseract's raw-line mode: its layout analysis (psm 6, 7) rejects some lone short words
#: ("định." read alone: nothing) that it reads as a line without it
LINE_PSM = "13"
#: The unread band's ink must be at least this share of the crop's median word height
#: tall (specks and a comma's tail are not a line of writing).
TAIL_HEIGHT = 0.5
#: pixels: ink this close below the last word is still that word's (a descender, blur)
TAIL_GAP = 3
PAD_PX = 10
#: pixels (crops are at 300 dpi): ink no wider and no taller than this is a dot (here and
#: in `extractors.ocr.writing`) …
DOT_PX = 8
#: … and a dot this far from larger ink is a speck, not a mark or a full stop
DOT_NEAR_PX = 8
#: Words of an unread band read with a confidence below this (0-100) are not kept: the
#: strokes of initials under a cell's text read "KEEUEĐPANNG" at 0 (TUNE bleed_sign
#: plan2021_2030), the lines dropped by the block reading come back at 73-97.
TAIL_MIN_CONF = 50.0
#: TSV block numbers given to the lines read here: after any block Tesseract numbered
#: (from 1), and before them
TAIL_BLOCK = 999
HEAD_BLOCK = 0


def _word_extents(tsv: str) -> dict[int, tuple[int, int, list[int]]]:
    """Crop index → the top of its first word read, the bottom of its last, and its
    words' heights; crops of which nothing was read are left out (nothing to go by)."""
    out: dict[int, tuple[int, int, list[int]]] = {}
    for row in word_rows(tsv):
        k, top, height = int(row["page_num"]) - 1, int(row["top"]), int(row["height"])
        first, last, heights = out.get(k, (top, top + height, []))
        out[k] = (min(first, top), max(last, top + height), [*heights, height])
    return out


def _written(band: np.ndarray, min_ink: int, heights: list[int]) -> bool:
    """Whether `band` holds writing: stray dots aside, at least `min_ink` pixels of ink
    over a height a good part of the crop's median word height (`TAIL_HEIGHT`)."""
    if band.size == 0:
        return False
    ink = without_stray_dots(band) < 128
    if int(ink.sum()) < min_ink:
        return False
    rows = np.flatnonzero(ink.any(axis=1))
    return rows[-1] - rows[0] + 1 >= TAIL_HEIGHT * float(np.median(heights))


def unread_tails(tsv: str, images: list[np.ndarray], min_ink: int) -> dict[int, int]:
    """Crop index → the row from which the crop's ink went unread (ink below the last
    word read, stray dots aside, in a band tall enough to be writing); crops read in full
    are left out.
    Crops of which nothing was read are left out too (nothing to go by)."""
    return {k: bottom + TAIL_GAP for k, (_, bottom, heights) in _word_extents(tsv).items()
            if _written(images[k][bottom + TAIL_GAP:], min_ink, heights)}


def unread_heads(tsv: str, images: list[np.ndarray], min_ink: int) -> dict[int, int]:
    """Crop index → the row above which the crop's ink went unread (ink above the first
    word read, as `unread_tails` below the last)."""
    return {k: top - TAIL_GAP for k, (top, _, heights) in _word_extents(tsv).items()
            if top > TAIL_GAP and _written(images[k][:top - TAIL_GAP], min_ink, heights)}


def without_stray_dots(band: np.ndarray) -> np.ndarray:
    """The band with its dots (ink no wider or taller than `DOT_PX`) that lie farther than
    `DOT_NEAR_PX` from larger ink whitened, with their grey halo (a mark or a full stop
    stays by its letter): a speck beside a lone short word is enough for Tesseract to
    read nothing at all."""
    ink = (band < 128).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    dot = (stats[:, cv2.CC_STAT_WIDTH] <= DOT_PX) & (stats[:, cv2.CC_STAT_HEIGHT] <= DOT_PX)
    dot[0] = False
    large = ((labels > 0) & ~dot[labels]).astype(np.uint8)
    reach = 2 * DOT_NEAR_PX + 1
    near = cv2.dilate(large, np.ones((reach, reach), np.uint8)) > 0
    kept = np.bincount(labels[near], minlength=count) > 0
    stray = dot & ~kept
    if not stray.any():
        return band
    # the specks with their grey halo go white
    halo = cv2.dilate(stray[labels].astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    return np.where(halo, 255, band).astype(np.uint8)


def with_tails_read(tsv: str, images: list[np.ndarray], tails: dict[int, int]) -> str:
    """`tsv` with the unread bands of `tails` (crop index → first row) read as one line
    each (stray dots whitened, cut to their ink, `LINE_PSM`) and added to their crop as
    its last line (block `TAIL_BLOCK`), in the crop's coordinates."""
    return _with_bands_read(tsv, images, {k: (row, len(images[k])) for k, row in tails.items()}, TAIL_BLOCK)


def with_heads_read(tsv: str, images: list[np.ndarray], heads: dict[int, int]) -> str:
    """`tsv` with the unread bands of `heads` (crop index → the row they end at) read as
    `with_tails_read` reads tails and added to their crop as its first line (block
    `HEAD_BLOCK`)."""
    return _with_bands_read(tsv, images, {k: (0, row) for k, row in heads.items()}, HEAD_BLOCK)


def _with_bands_read(tsv: str, images: list[np.ndarray], spans: dict[int, tuple[int, int]], block: int) -> str:
    """`tsv` with the rows `spans` gives of each crop (index → first row, end row) read
    as one line and added to the crop as TSV block `block`."""
    if not spans:
        return tsv
    order, bands, origins = [], [], []
    for k in sorted(spans):
        start, end = spans[k]
        band = without_stray_dots(images[k][start:end])
        ink = band < 128
        if not ink.any():
            continue
        rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
        tight = band[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
        bands.append(cv2.copyMakeBorder(tight, PAD_PX, PAD_PX, PAD_PX, PAD_PX, cv2.BORDER_CONSTANT, value=255))
        order.append(k)
        origins.append((int(cols[0]) - PAD_PX, start + int(rows[0]) - PAD_PX))
    if not bands:
        return tsv
    lines = [tsv.rstrip("\n")]
    for row in word_rows(read_tsv(bands, LINE_PSM)):  # Tesseract's words hold no tab
        if float(row["conf"]) < TAIL_MIN_CONF:
            continue  # not writing Tesseract can read: a signature's strokes, a seal's arc
        n = int(row["page_num"]) - 1
        left, top = origins[n]
        row = dict(row, page_num=str(order[n] + 1), block_num=str(block),
                   left=str(int(row["left"]) + left), top=str(int(row["top"]) + top))
        lines.append("\t".join(row[c] for c in TSV_COLUMNS))
    return "\n".join(lines) + "\n"
