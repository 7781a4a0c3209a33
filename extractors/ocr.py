"""Cell OCR with Tesseract `vie`: every cell crop of a page in one reading.

Measured here (../shared/STACK.md): per-cell crops with `--psm 6` read plan tables
best (0.96 exact cells at 300 dpi), `-l vie` alone beats `vie+eng` (which drops
capitals' marks), and starting Tesseract costs 0.2–0.35 s (loading the model). So all
non-empty cell crops of a page are read in one call of `extractors.tesseract.read_tsv`
(an engine started once in this process; its TSV has one "page" per crop: `page_num` is
the crop's index + 1), one thread each (`OMP_THREAD_LIMIT=1`; pages run in parallel).

Crops are inset past the cell's rules; what is not writing (a rule's remnant along the
edge, specks of dirt or toner far from letters: `writing`) is whitened; a crop with
almost no ink left is an empty cell and is not sent to Tesseract; others are cropped to
their ink and padded with white. Words that are dirt (a lone "|", "'", a ":" ending the
cell: `_junk`) are dropped, and so are words in capitals, figures or symbols half the
height of the crop's words (marks read as a word of their own: `MARK_SHARE`) and lines
of short non-words, small or reaching into the line below (its marks read as a line of
their own: `_mark_line`). A reading's score is the mean word confidence (0–1), at most
the weakest word's plus a margin and the share of valid syllables: it decides which
cells are read again and which reading is kept. The cell's confidence is then what the
model of `extractors.cell_confidence` makes of the reading kept (its word confidences,
syllables, whether it is a second reading, whether item-number readings disagree).

Second readings, each one more Tesseract reading of some of the page's cells, only where needed
(`ocr_grids`): doubtful cells a seal or signature reaches, without its light ink;
doubtful cells thickened; doubtful short cells as one word (psm 8), the language model
choosing among a cell's readings (`extractors.reading_choice`); the numbering column as
single words with a whitelist and stacked as one block, every reading kept for the
sequence check.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import cv2
import numpy as np

from extractors.cell_confidence import Reading, reading_confidence, reading_features, record
from extractors.column_splits import join_unheaded_columns
from extractors.figures import with_figures_reread
from extractors.cell_start import holds_item_inside, next_item_number, opens_item
from extractors.grid import BBox, CellText, GridCell, PageGrid
from extractors.scan import PageImage
from extractors.tesseract import read_tsv, word_rows
from extractors.unread import DOT_PX, unread_heads, unread_tails, with_heads_read, with_tails_read
from extractors.glyphs import (
    ARABIC_ONE_WORD, BAR_ASPECT, DASHES, QUARTER, is_bar, is_bullet, is_roman_one, recount_roman,
)
from extractors.header import HeaderError, map_header
from extractors.metadata import TextLine
from extractors.reading_choice import best_readings
from normalizers.syllables import is_syllable, syllable_stats
from normalizers.text import join_lines

PSM = "6"
NUMBER_PSM = WORD_PSM = "8"
SHORT_CELL = 3  # characters: a doubtful reading this short is read again as one word
NUMBER_OPTIONS = ("-c", "tessedit_char_whitelist=0123456789.IVX")
INSET_PT = 1.6  # points cut off each side of a cell: the rule and its blur
PAD_PX = 12
#: A cell read with a confidence below this is read again (`ocr_grids`: without the light
#: marks near it, thickened, as one word), until one reading reaches it; the language
#: model chooses among the readings (`extractors.reading_choice`).
REREAD_BELOW = 0.8
MIN_INK_PX = 40  # dark pixels below which a crop is an empty cell (a "1" at 9 pt has ~80)


@dataclass
class CellImage:
    bbox: BBox
    pixels: np.ndarray | None  # None: nothing written in the cell


def crop_cell(image: PageImage, bbox: BBox, gray: np.ndarray | None = None, grey_strokes: bool = True) -> CellImage:
    """The cell's crop of `gray` (default the page image) inset past its rules, with the
    marks that are not writing removed (`writing`), cropped to its ink and the grey
    strokes touching it, and padded with white; no pixels when nothing is written in the
    cell (ink is what is darker than 128, or, where that is too little, a light font's
    grey strokes touching it: `faint_strokes`). A light font's hairlines come out of a
    copier grey: a crop cut to the dark ink alone cut through the letters at its edges.
    Without `grey_strokes` the crop is cut to the dark ink alone (an item number: a grey
    fringe beside a "4" read it "6")."""
    x0, top, x1, bottom = bbox
    inset = image.px(INSET_PT)
    a, b = image.px(top) + inset, image.px(bottom) - inset
    c, d = image.px(x0) + inset, image.px(x1) - inset
    if b - a < 4 or d - c < 4:
        return CellImage(bbox, None)
    crop = (image.gray if gray is None else gray)[max(a, 0):b, max(c, 0):d]
    dark = writing(crop < 128, image.dpi)
    if int(dark.sum()) < MIN_INK_PX:   # nothing dark: faint strokes of a light font, or nothing
        dark = writing(faint_strokes(crop), image.dpi)
        if int(dark.sum()) < MIN_INK_PX:
            return CellImage(bbox, None)
    dashes = grey_dashes(crop, dark, image.dpi)
    if dashes.any():               # a hairline face's list dash, blurred grey: inked, and inside the cut
        crop, dark = np.where(dashes, np.minimum(crop, DASH_INK), crop), dark | dashes
    pixels = np.where(dark | (crop >= 128), crop, 255).astype(np.uint8)
    return _cut_to_ink(bbox, pixels, dark | faint_strokes(crop, dark) if grey_strokes else dark)


def _cut_to_ink(bbox: BBox, pixels: np.ndarray, ink: np.ndarray) -> CellImage:
    """`pixels` cut to the box of `ink` and padded with white (`PAD_PX`): tight to the
    ink, then a white margin, Tesseract finds lone digits in a tall, mostly blank merged
    cell far more reliably."""
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    crop = pixels[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    return CellImage(bbox, cv2.copyMakeBorder(crop, PAD_PX, PAD_PX, PAD_PX, PAD_PX, cv2.BORDER_CONSTANT, value=255))


#: A grey this light or darker is a faint stroke's ink where it touches ink darker than
#: 128 (`faint_strokes`): a thin font at 200 dpi draws an item number ("3" in FreeMono)
#: with two dozen pixels under 128 and a hundred under this.
FAINT_LEVEL = 176


def faint_strokes(crop: np.ndarray, core: np.ndarray | None = None) -> np.ndarray:
    """The pieces of grey up to `FAINT_LEVEL` in a crop that hold a pixel of `core` (by
    default any pixel under 128): a hysteresis threshold. The ink mask of a crop with
    nothing darker than 128 to speak of (paper grain and a copy's grey speckle, with no
    dark core, stay paper), and with `core` its writing, the grey strokes of its letters."""
    weak = (crop < FAINT_LEVEL).astype(np.uint8)
    count, labels = cv2.connectedComponents(weak, connectivity=8)
    cored = np.zeros(count, bool)
    cored[labels[crop < 128 if core is None else core]] = True    # a core pixel is grey or darker: never label 0
    return cored[labels]


#: A list's dash in a hairline face (Noto Serif Display's hyphen) comes out of a scan's blur
#: grey, lighter than 128 (129–136 at 300 dpi), apart from the dark ink: the crop was cut
#: to the ink beside it and the dash lost ("- Rà soát VBQPPL" read "Rà soát …"). A grey
#: piece (up to `FAINT_LEVEL`) shaped as such a bar — at most `DASH_MAX_HEIGHT_PX` tall,
#: `BAR_ASPECT` times as wide, `DASH_WIDTH_PX` wide — that opens a line (no ink before it
#: on its rows) with dark ink within twice `NEAR_PX` after it (a space) is that dash, inked
#: to `DASH_INK`.
DASH_MAX_HEIGHT_PX = 5
DASH_WIDTH_PX = (8, 40)
DASH_INK = 64
#: … with no dark ink this close over or under it (an old-style "2"'s grey foot is no dash)
DASH_CLEAR_PX = 6
#: A copy blurs such a hairline lighter still (Noto Serif Display SemiCondensed's hyphen on
#: a copy of HELD-OUT 46: 172 at its darkest, 200–215 around, on white paper): a piece up
#: to this grey, shaped and placed as the dash above, whose darkest pixel is under
#: `LIGHT_DASH_DARKEST` (a stroke, not paper's tone), is one too, if no grey lies beside
#: it on its rows (`_grey_beside`: a faint rule a copy broke up) and a space parts it from
#: the word (`DASH_GAP_PX`). Looked for at both levels: a dash dark enough for
#: `FAINT_LEVEL` may be too tall at this one (its blur).
LIGHT_DASH_LEVEL = 224
LIGHT_DASH_DARKEST = 200
#: … and a space after it, no dark ink this close: a Didone's hairline serif foot, as light
#: and as flat, touches its letter (0–7 px from its stem on HELD-OUT 40's and 46's copies;
#: their dashes 11–28 px from the word)
DASH_GAP_PX = 8


def grey_dashes(crop: np.ndarray, dark: np.ndarray, dpi: int = 300) -> np.ndarray:
    """The mask of `crop`'s grey list dashes (see `DASH_MAX_HEIGHT_PX`), given its dark
    writing `dark`."""
    out = np.zeros(crop.shape, bool)
    if not dark.any():
        return out
    scale = dpi / 300
    near = round(2 * NEAR_PX * scale)       # a space after it: a word's width apart at most
    for level, darkest in ((FAINT_LEVEL, FAINT_LEVEL), (LIGHT_DASH_LEVEL, LIGHT_DASH_DARKEST)):
        grey = (crop < level) & ~dark
        _, labels, stats, _ = cv2.connectedComponentsWithStats(grey.astype(np.uint8), connectivity=8)
        ys, ws, hs = stats[:, 1], stats[:, 2], stats[:, 3]
        bars = (hs <= DASH_MAX_HEIGHT_PX * scale) & (ws >= BAR_ASPECT * hs) & (ws >= DASH_WIDTH_PX[0] * scale) \
            & (ws <= DASH_WIDTH_PX[1] * scale) & (ys > 0) & (ys + hs < crop.shape[0])   # off the crop's edges
        bars[0] = False                     # the background
        for k in np.flatnonzero(bars):      # the few pieces shaped as a dash (a glyph's grey halo is not)
            x, y, w, h = (int(v) for v in stats[k, :4])
            band = slice(max(y - 3 * h, 0), y + 4 * h)
            clear = slice(max(y - DASH_CLEAR_PX, 0), y + h + DASH_CLEAR_PX)   # nothing over or under it: a
            piece = labels == k                                             # glyph's hairline ("2"'s foot) is no dash
            if dark[band, x + w:x + w + near].any() and not dark[band, :x].any() \
                    and not dark[clear, x:x + w].any() and crop[piece].min() < darkest \
                    and (level == FAINT_LEVEL or not (_grey_beside(grey, x, y, w, h)
                                                      or dark[band, x + w:x + w + round(DASH_GAP_PX * scale)].any())):
                out |= piece
    return out


def _grey_beside(grey: np.ndarray, x: int, y: int, w: int, h: int) -> bool:
    """Whether grey lies on the rows of the piece at (x, y, w, h) within `DASH_CLEAR_PX`
    before or after it: a faint rule broken into pieces by a copy's noise goes on so, a
    dash stands apart (the line's start before it, a space after)."""
    rows = slice(y, y + h)
    return bool(grey[rows, max(x - DASH_CLEAR_PX, 0):x].any() or grey[rows, x + w:x + w + DASH_CLEAR_PX].any())


#: pixels (at 300 dpi): ink closer than this belongs together (the marks of a letter, the
#: dots of "…", a word's letters) …
NEAR_PX = 12
#: … and a group of less ink than this, with no other ink near it, is a speck of dirt or
#: toner, not writing (a lone "-" at 9 pt has ~30 pixels, a "." ~10)
SPECK_PX = 16
#: pixels (at 300 dpi): a line along the crop's edge this thin is what is left of the
#: cell's rule (a thick photocopied rule, a residual skew), not writing
REMNANT_PX = 6
#: A group of ink made of dots alone (pieces no wider and no taller than `DOT_PX`,
#: `extractors.unread`), with no other ink near it, is a copier's specks (up to ~7 px
#: across once a 240-dpi copy is rendered at 300 dpi, too much ink for `SPECK_PX`; two
#: of them close together are as much ink as a letter), never what a plan writes alone in
#: a cell (a "." or "," is always next to its word; a lone "-" is wider). Left in a tall
#: merged cell, a pair of them at its top made its crop the cell's height, and the lone
#: item number at its foot went unread.


def writing(ink: np.ndarray, dpi: int = 300) -> np.ndarray:
    """The ink mask of a cell crop without what is not writing: remnants of the cell's
    rules along the crop's edges (thin, long, touching the edge) and specks (groups of
    ink within `NEAR_PX` of each other holding less than `SPECK_PX` pixels, or made of
    dots alone: `DOT_PX`). Dots, marks and punctuation next to letters stay."""
    scale = dpi / 300
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    if count <= 1:
        return ink
    h, w = ink.shape
    x, y, cw, ch = (stats[:, k] for k in range(4))
    thin = REMNANT_PX * scale
    remnant = (((x == 0) | (x + cw == w)) & (cw <= thin) & (ch >= 0.4 * h)) | \
        (((y == 0) | (y + ch == h)) & (ch <= thin) & (cw >= 0.4 * w))
    remnant[0] = True
    kept = ~remnant[labels]
    reach = 2 * round(NEAR_PX * scale) + 1
    groups, group_of = cv2.connectedComponents(
        cv2.dilate(kept.astype(np.uint8), np.ones((reach, reach), np.uint8)))
    ink_per_group = np.bincount(group_of[kept], minlength=groups)
    dot = (cw <= DOT_PX * scale) & (ch <= DOT_PX * scale)
    more_than_dots = np.bincount(group_of[kept & ~dot[labels]], minlength=groups) > 0
    return kept & (ink_per_group[group_of] >= SPECK_PX * scale * scale) & more_than_dots[group_of]


#: Symbols no plan writes as a word of their own: Tesseract's reading of a speck, a
#: rule's remnant or a seal's stroke.
JUNK_SYMBOLS = set("|`¬€†‡~›‹„[]{}^ˆ_¦°•")
#: What Tesseract reads a short thick dash as now and then (kept when its ink is a bar)
TILDE = "~"
#: A word of symbols alone read with less confidence than this is dirt, not writing.
JUNK_CONFIDENCE = 50.0
#: A cell's confidence is at most its least sure word's plus this (one misread word is
#: what makes a cell wrong; a mean over twenty words hides it).
WEAKEST_WORD_MARGIN = 0.25


def without_spacing_marks(word: str) -> str:
    """`word` without spacing modifier letters and symbols (ˆ, ˜, ˋ, ´, `: Unicode Lm, Sk).
    Vietnamese writes its marks on their letters (precomposed, or combining), never
    standing alone: a mark beside a letter is Tesseract's reading of a speck ("5ˆ")."""
    return "".join(ch for ch in word if unicodedata.category(ch) not in ("Lm", "Sk"))


#: Symbols no plan writes at all: at the end of a word they are a speck beside its last
#: letter ("HÀNH‡", "Nội vụ|": a dot by the "H", a rule's remnant)
NEVER_WRITTEN = "|¬€†‡¦›‹„"


def without_glued_specks(word: str) -> str:
    """`word` without the symbols no plan writes (`NEVER_WRITTEN`) at its ends, when it
    holds letters or figures (a word of symbols alone is judged by `_junk`)."""
    stripped = word.strip(NEVER_WRITTEN)
    return stripped if any(ch.isalnum() for ch in stripped) else word


def _symbols(word: str) -> bool:
    return not any(ch.isalnum() for ch in word)


#: Symbols a plan writes as a word of their own ("kinh tế - xã hội", "(", "…", "&").
STANDALONE = {"-", "–", "—", "(", ")", "…", "...", "+", "&", "%", "/", "“", "”", '"'}
_PERCENT_WORD = re.compile(r"^\(%\)[.,;]?$")  # "Tỷ lệ (%)"


def _junk(word: str, conf: float, last: bool) -> bool:
    """A word that is not writing: symbols no plan writes alone ("'", ".", "|"), symbols
    read unsurely, or symbols ending the cell (a "-" after the last word is a speck)."""
    if not _symbols(word) or _PERCENT_WORD.match(word):
        return False
    return word not in STANDALONE or bool(set(word) & JUNK_SYMBOLS) or conf < JUNK_CONFIDENCE or \
        (last and word not in (")", "…", "...", "”"))


#: A word as read: its text, Tesseract's confidence (0–100), its box's height and top
Word = tuple[str, float, int, int]


def parse_tsv(tsv: str, count: int, images: list[np.ndarray | None] | None = None) -> list[CellText]:
    """Tesseract TSV (one 'page' per crop) → text and confidence per crop; with the
    crops' `images`, the strokes of words read as Roman "I"s are recounted on the image
    and a word read as a dash whose ink is no bar (`is_bar`: a speck) is dropped, while one
    opening a line whose ink or dark core is a bar (`is_bullet`) is the list's dash however
    unsure Tesseract was of it or whatever it read ("~").
    Words that are dirt (`_junk`) or marks read as words (`MARK_SHARE`) are dropped, and
    so are lines made of marks (`_mark_line`); the confidence is the mean word
    confidence, at most the share of valid syllables and the weakest word's confidence
    plus `WEAKEST_WORD_MARGIN`."""
    lines: dict[int, dict[tuple[int, int, int], list[Word]]] = {}
    heights: dict[int, list[int]] = {}  # the crop's words' heights
    for row in word_rows(tsv):
        k = int(row["page_num"]) - 1
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        text = without_glued_specks(without_spacing_marks(row["text"]))
        words = lines.setdefault(k, {}).setdefault(key, [])
        if not text:
            continue
        heights.setdefault(k, []).append(int(row["height"]))
        image = images[k] if images is not None else None
        conf = max(0.0, float(row["conf"]))
        if image is not None and (text[:1] in "I1" or text in DASHES or text == TILDE):
            box = (int(row["left"]), int(row["top"]), int(row["width"]), int(row["height"]))
            if text.startswith("I"):
                text = recount_roman(text, image, box)
            elif words and words[-1][0].lower() == QUARTER and ARABIC_ONE_WORD.match(text) \
                    and is_roman_one(image, box):
                text = "I" + text[1:]
            elif text in DASHES or text == TILDE:
                if not words and is_bullet(image, box):
                    # a line opened by a bar: a list's dash, however unsure Tesseract was of
                    # it or whatever it read ("~")
                    text, conf = "-" if text == TILDE else text, max(conf, JUNK_CONFIDENCE)
                elif text == TILDE or not is_bar(image, box):
                    continue  # a speck read as a dash: "tổ - chức"
        words.append((text, conf, int(row["height"]), int(row["top"])))
    out = []
    for k in range(count):
        median = float(np.median(heights[k])) if len(heights.get(k, ())) >= MIN_WORDS_FOR_MARKS else 0.0
        small = MARK_SHARE * median
        read = [words for _, words in sorted(lines.get(k, {}).items()) if words]
        cell_lines = [[(w, c) for w, c, h, _ in words if not (h < small and _not_lower_case(w))]
                      for n, words in enumerate(read)
                      if not _mark_line(words, read[n + 1] if n + 1 < len(read) else [], median)]
        n_words = sum(len(ws) for ws in cell_lines)
        kept, seen = [], 0
        for ws in cell_lines:
            line = []
            for word, conf in ws:
                seen += 1
                if not _junk(word, conf, seen == n_words):
                    line.append((word, conf))
            if line:
                kept.append(line)
        texts = [" ".join(w for w, _ in ws) for ws in kept]
        text = join_lines(texts)
        confs = [c / 100.0 for ws in kept for _, c in ws]
        conf = min(float(np.mean(confs)), min(confs) + WEAKEST_WORD_MARGIN) if confs else 0.0
        stats = syllable_stats(text)
        if stats.words:  # Tesseract's own confidence is often high on wrong letters
            conf = min(conf, stats.valid_share)
        out.append(CellText(text, conf, "ocr", "\n".join(texts), tuple(confs)))
    return out


#: A word under this share of its crop's median word height, in capitals, figures or
#: symbols, is the marks of a word read as one of its own ("L$" over "phô" for "phố", "Z F"
#: beside "cáp" for "cấp": a font that stacks the acute over the hat); small letters and
#: punctuation may be that small
MARK_SHARE = 0.55
MIN_WORDS_FOR_MARKS = 4  # words a crop needs for its median height to say what is small
PUNCTUATION = ".,;:…-–—()\"“”'"
MARK_LETTERS = 3  # characters a word of marks read as a word has at most ("L$", "+Ä", "“2e")
MARK_OVERLAP = 0.25
MARK_NEAR = 0.75
SURE_WORD = 90.0  # Tesseract's confidence in a small syllable that is writing, not marks
_FIGURES = re.compile(r"\d{3}")  # three figures are a number ("206" of a year wrapped), never marks


def _mark_line(words: list[Word], below: list[Word], median: float) -> bool:
    """A line Tesseract made of the marks over the line below it ("L$ Z Ả b ^" over "câp
    có thâm quyên" for "cấp có thẩm quyền": a font that sets its stacked marks high): short
    words (`MARK_LETTERS` at most), none a number nor a syllable of two letters or more
    (but one under `MARK_SHARE` of the crop's `median` height that Tesseract was unsure
    of: "HA." beside "Ầ", "la" or "mân" among marks; "số" ending a cell, read at 97, is
    that small), and either small (their median height under `MARK_SHARE` of the crop's;
    `median` is 0 when the crop has too few words to tell) or reaching down into the line
    below: by `MARK_OVERLAP` of its height (a line's descenders may touch the marks below
    it), or at all when under `MARK_NEAR` of the crop's median ("F$" over "phô")."""
    small = MARK_SHARE * median
    bare = [w.strip(PUNCTUATION) for w, _, _, _ in words]
    if not any(bare) or any(len(w) > MARK_LETTERS or _FIGURES.search(w)
                            or len(b) >= 2 and is_syllable(b) and (h >= small or c >= SURE_WORD)
                            for (w, c, h, _), b in zip(words, bare)):
        return False  # punctuation alone (a list's dash on a line of its own), a word, a number
    height = float(np.median([h for _, _, h, _ in words]))
    if height < small:
        return True
    if not below:
        return False
    reach = max(t + h for _, _, h, t in words) - min(t for _, _, _, t in below)
    return reach > MARK_OVERLAP * float(np.median([h for _, _, h, _ in below])) or \
        reach > 0 and height < MARK_NEAR * median


def _not_lower_case(word: str) -> bool:
    """A word with a capital, a figure or a symbol other than punctuation in it."""
    return any(not (ch.islower() or ch in PUNCTUATION) for ch in word)


def ocr_cells(cells: list[CellImage], psm: str = PSM, options: tuple[str, ...] = ()) -> list[CellText]:
    """Text of each cell crop, blank cells skipped, one Tesseract call for all (in a block
    reading, one more for the first lines it left unread and one for the last,
    `extractors.unread`, and one for
    its words of figures, read by `eng`, `extractors.figures`)."""
    results = [CellText("", 1.0, "ocr") for _ in cells]
    todo = [i for i, c in enumerate(cells) if c.pixels is not None]
    if not todo:
        return results
    images = [cells[i].pixels for i in todo]
    tsv = read_tsv(images, psm, options)
    if psm == PSM:  # a block reading may drop a cell's short last line, or its first: read it alone
        tsv = with_heads_read(tsv, images, unread_heads(tsv, images, MIN_INK_PX))
        tsv = with_figures_reread(with_tails_read(tsv, images, unread_tails(tsv, images, MIN_INK_PX)), images)
    for i, text in zip(todo, parse_tsv(tsv, len(todo), images)):
        results[i] = text if _written(text.text) else CellText("", 1.0, "ocr", text.raw)
    return results


def _written(text: str) -> bool:
    """Whether a reading holds writing: a letter or digit, or a dash (a cell may say
    "-" for "none"); dots, quotes and strokes alone ('.', '“', '|', '_') are what Tesseract
    makes of dirt and rule remnants in an empty cell."""
    return any(ch.isalnum() for ch in text) or (bool(text.strip()) and set(text) <= set("-–— "))


def _has_words(text: str) -> bool:
    """Whether an OCR reading holds a real word (a valid syllable, a figure, a capitalised
    abbreviation): a cell read so is not emptied by a re-read that found no writing; a
    seal's letters read as "SỐ: = z" are emptied."""
    stats = syllable_stats(text)
    return stats.valid > 0 or bool(re.search(r"\d|\b[A-ZĐ]{2,}\b", text))


def numbering_column(grid: PageGrid) -> int | None:
    """The grid's Stt column, from its (OCR'd) header; None when the header is not there."""
    try:
        fields = map_header(grid).fields
    except HeaderError:
        return None
    return fields.index("stt") if "stt" in fields else None


def ocr_grids(image: PageImage, grids: list[PageGrid]) -> None:
    """Fill every cell of the page's grids with its OCR'd text and confidence.

    The numbering (Stt) column is then read again, from crops cut to their dark ink alone
    (`crop_cell`), as single words restricted to digits,
    Roman numerals and "." (`NUMBER_OPTIONS`): measured on the reference scans, psm 6
    reads lone numbers as letters ("1" → "l", "5" → "B", "3." → "đi") where psm 8 with the
    whitelist reads them right; when it reads nothing, it reads the crop in black and
    white (`binarized`), and when that reads nothing either, the psm 6 text stays; where
    no reading at all made anything of the ink, its figure alone is read (`number_core`). The other
    readings (psm 6 alone, the column stacked, `read_stacked`) are kept on the cell
    (`alternatives`) for the sequence check to choose from.

    Cells read with a confidence under `REREAD_BELOW`, or whose ink read as nothing, that
    reach where the page has light marks (`PageImage.near_marks`: a seal or signature over
    the writing) are read again from the page without any light ink, those whose crop that
    changes; the better reading is kept (any with text where the first was empty: writing
    inside a seal's ring that Tesseract took for a picture), but a cell whose first
    reading holds words is never emptied by it. Cells
    still doubtful are read again with their strokes thickened (`thickened`), and short
    ones still doubtful once more as one word (psm 8: a lone "5" that block mode read as
    "B"). Of a cell's readings the language model chooses the one kept
    (`reading_choice.best_readings`); the better confidence decides only which cells are
    read again. A column boundary the header spans (a streak down a column, found as a
    rule below the header only) is then taken out, a cell written on both its sides read
    again as one (`_streaks_joined`), and a cell over several rows is parted where a row
    rule along its column was lost: where an item number it holds inside opens, where the
    column it is nested in parts two cells (`_lost_rules_parted`).
    """
    cells = [c for g in grids for c in g.cells]
    kept: dict[int, tuple[CellText, bool]] = {}  # id(cell) → the reading kept, and whether it is a second one
    crops = {id(c): crop_cell(image, c.bbox) for c in cells}   # each cell cut once (the Stt column's twice)
    for cell, text in zip(cells, ocr_cells([crops[id(c)] for c in cells])):
        cell.text, cell.confidence, cell.source = text.text, text.confidence, "ocr"
        kept[id(cell)] = (text, False)
    # ink a seal or a signature reaches that read as nothing (Tesseract can take writing
    # inside a seal's ring for a picture) is as doubtful as a reading it is unsure of
    unread = [c for c in cells if not c.text and crops[id(c)].pixels is not None and image.near_marks(c.bbox)]
    doubtful = [c for c in cells if c.text and c.confidence < REREAD_BELOW] + unread
    tried = {id(c): [kept[id(c)][0]] for c in doubtful}  # id(cell) → its readings, the first first
    near = [c for c in doubtful if image.near_marks(c.bbox)]
    if near:  # a seal or a signature over the writing? read it without them
        print_only = image.print_only([c.bbox for c in near])
        without = {id(c): crop_cell(image, c.bbox, print_only) for c in near}
        # the same crop reads the same: only those the light ink's removal changes
        marked = [c for c in near if not _same_pixels(without[id(c)], crops[id(c)])]
        _read_again(marked, ocr_cells([without[id(c)] for c in marked]), tried, kept, may_empty=True)
    still = [c for c in doubtful if c.confidence < REREAD_BELOW]  # a thin font's strokes, thickened
    _read_again(still, ocr_cells([thickened(crops[id(c)], image.dpi) for c in still]), tried, kept)
    short = [c for c in doubtful if c.confidence < REREAD_BELOW and len(c.text.strip()) <= SHORT_CELL]
    if short:  # a lone figure ("5" of a column-number row) that block mode read as a letter
        _read_again(short, ocr_cells([crops[id(c)] for c in short], WORD_PSM), tried, kept)
    # the language model chooses among a cell's readings (a cell emptied by its reading
    # without a seal's ink stays empty)
    choose = [c for c in doubtful if c.text and len({t.text for t in tried[id(c)] if t.text}) > 1]
    for cell, text in zip(choose, best_readings([[t for t in tried[id(c)] if t.text] for c in choose])):
        cell.text, cell.confidence = text.text, text.confidence
        kept[id(cell)] = (text, text is not tried[id(cell)][0])
    for k, grid in enumerate(grids):
        grids[k] = _streaks_joined(image, grid, kept)
        _lost_rules_parted(image, grids[k], kept)
    disagree: set[int] = set()  # id(cell) of item numbers whose readings disagree
    for grid in grids:
        col = numbering_column(grid)
        if col is None:
            continue
        numbers = [c for c in grid.cells if c.col0 == c.col1 == col and c.row0 > 0]  # blank crops skip OCR
        column_crops = [crop_cell(image, c.bbox, grey_strokes=False) for c in numbers]
        reread = ocr_cells(column_crops, NUMBER_PSM, NUMBER_OPTIONS)
        unread = [i for i, (crop, text) in enumerate(zip(column_crops, reread))
                  if crop.pixels is not None and not text.text]
        for i, text in zip(unread, ocr_cells([binarized(column_crops[i]) for i in unread], NUMBER_PSM, NUMBER_OPTIONS)):
            reread[i] = text
        stacked = read_stacked(column_crops, NUMBER_OPTIONS)
        # ink no reading made anything of: its figure alone, without a speck beside it
        lost = [i for i in unread if not (reread[i].text or numbers[i].text or stacked[i].text)]
        for i, text in zip(lost, ocr_cells([number_core(column_crops[i]) for i in lost], PSM, NUMBER_OPTIONS)):
            reread[i] = text
        for cell, text, column in zip(numbers, reread, stacked):
            readings = (cell.text, text.text, column.text)
            if text.text:
                cell.text, cell.confidence = text.text, text.confidence
                kept[id(cell)] = (text, True)
            elif not cell.text and column.text:
                # ink in the cell that neither reading on its own made anything of (a lone
                # "1" in a tall merged cell): the column's reading, in its neighbours' company
                cell.text, cell.confidence, cell.source = column.text, column.confidence, "ocr"
                kept[id(cell)] = (column, True)
            cell.alternatives = tuple(dict.fromkeys(r for r in readings if r and r != cell.text))
            if any(_digits(r) != _digits(cell.text) for r in cell.alternatives):
                disagree.add(id(cell))
    for grid in grids:
        for cell in grid.cells:
            if cell.text and id(cell) in kept:
                text, second = kept[id(cell)]
                cell.confidence = read_confidence(grid.page, cell, Reading(
                    cell.text, text.word_confidences, cell.confidence, second, id(cell) in disagree, image.marked))


def _read_again(cells: list, readings: list[CellText], tried: dict[int, list[CellText]],
                kept: dict[int, tuple[CellText, bool]], may_empty: bool = False) -> None:
    """Each cell's second reading added to those `tried`, and kept (for now: the language
    model chooses at the end) where it holds text and Tesseract is surer of it or the cell
    read as nothing; with `may_empty`, an empty reading too where the first held no words
    (a reading without a seal's ink: the seal's strokes were all there was)."""
    for cell, text in zip(cells, readings):
        tried[id(cell)].append(text)
        surer = text.confidence > cell.confidence
        if (text.text and (surer or not cell.text)) or (surer and may_empty and not _has_words(cell.text)):
            cell.text, cell.confidence = text.text, text.confidence
            kept[id(cell)] = (text, True)


def _streaks_joined(image: PageImage, grid: PageGrid, kept: dict[int, tuple[CellText, bool]]) -> PageGrid:
    """`grid` without the column boundaries its header spans whose body cells pair up
    (`column_splits.join_unheaded_columns`: a streak down a column, found as a rule below
    the header only); a pair both of whose sides hold writing is read again as one cell
    (the two halves of its lines read apart cannot be put together), the others keep the
    reading of the side that holds it (`kept` is updated for the cells made)."""
    try:
        header_rows = map_header(grid).rows
    except HeaderError:
        return grid
    joined, parts = join_unheaded_columns(grid, header_rows)
    both = [c for c in joined.cells if sum(bool(p.text) for p in parts.get(id(c), ())) > 1]
    for cell, text in zip(both, ocr_cells([crop_cell(image, c.bbox) for c in both])):
        cell.text, cell.confidence, cell.source = text.text, text.confidence, "ocr"
        kept[id(cell)] = (text, True)
    for cell in joined.cells:
        if id(cell) in kept:
            continue
        written = [p for p in parts.get(id(cell), ()) if p.text and id(p) in kept]
        if written:
            kept[id(cell)] = kept[id(written[0])]
    return joined


#: The columns of a plan table each nested in the one before it (those the table has): an
#: objective's tasks, a task's activities. A cell of one never spans a row edge where the
#: column before it parts two cells. Not the Stt column: a layout may number every row.
NESTED = ("objective", "task", "activity")
#: A cell is parted at a row edge only through a line of pixels within this many points of
#: it that is nearly blank (dark over less than `PARTED_CLEAR_SHARE` of the cell's width):
#: between two lines of writing, not through one (a line's descenders may reach it).
PARTED_CLEAR_PT = 1.0
PARTED_CLEAR_SHARE = 0.05


def _edges_parted_before(grid: PageGrid) -> dict[int, list[int]]:
    """id(cell) → the row edges inside it where the column it is nested in (`NESTED`)
    parts two cells: the row rule between them lost along the cell's column."""
    try:
        header = map_header(grid)
    except HeaderError:
        return {}
    columns = {name: col for col, name in enumerate(header.fields) if name in NESTED}
    chain = [columns[name] for name in NESTED if name in columns]
    out: dict[int, list[int]] = {}
    for parent, child in zip(chain, chain[1:]):
        for cell in grid.cells:
            if cell.col0 == cell.col1 == child and cell.row0 >= header.rows:
                edges = [k for k in range(cell.row0 + 1, cell.row1 + 1)
                         if grid.cell(k - 1, parent) is not grid.cell(k, parent)]
                if edges:
                    out[id(cell)] = edges
    return out


def _clear_at(image: PageImage, cell: GridCell, y: float) -> bool:
    """Whether a nearly blank line of pixels runs across `cell` (inset past its rules)
    within `PARTED_CLEAR_PT` of the row edge at `y` (`PARTED_CLEAR_SHARE`): a gap between
    two lines of writing, not a line cut through."""
    x0, _, x1, _ = cell.bbox
    inset, reach = image.px(INSET_PT), image.px(PARTED_CLEAR_PT)
    band = image.gray[max(0, image.px(y) - reach):image.px(y) + reach + 1, image.px(x0) + inset:image.px(x1) - inset]
    return band.size > 0 and float((band < 128).mean(axis=1).min()) < PARTED_CLEAR_SHARE


def _opens_cell(text: str) -> bool:
    """Whether `text` opens as a cell does: a capital, a figure or a list's dash."""
    return bool(text) and (text[0].isupper() or text[0].isdigit() or text[0] in DASHES)


def _cut_at(bbox: BBox, y: float) -> tuple[BBox, BBox]:
    """`bbox` cut across at `y`: the box above, the box below."""
    x0, top, x1, bottom = bbox
    return (x0, top, x1, y), (x0, y, x1, bottom)


def _parts_open(above: str, below: str, numbered: bool) -> bool:
    """Whether a cell's two parts read `above` and `below` are two cells: writing above,
    and below an item number (`numbered`: the next after the one above opens with, if it
    opens with one) or what opens a cell (`_opens_cell`)."""
    if not above:
        return False
    if numbered:
        return opens_item(below) and (not opens_item(above) or next_item_number(above, below))
    return _opens_cell(below)


def _lost_rules_parted(image: PageImage, grid: PageGrid, kept: dict[int, tuple[CellText, bool]]) -> None:
    """Each cell of `grid` over several rows parted where a row rule along its column was
    lost (a hairline a scan or a copier dropped), read again as its parts, at a row edge
    with no writing cut there (`_clear_at`) and writing above it: where the crop under it
    opens with an item number that the cell holds inside ("… bãi bỏ 1.3. Đổi mới …",
    `cell_start.holds_item_inside`; the one after the number the crop above opens with,
    if it opens with one); where the column it is nested in parts two cells
    (`_edges_parted_before`: a task spanning two objectives) and the crop under it opens
    as a cell does (`_opens_cell`). The parts keep those readings (`kept` is updated); a
    part holding an item inside, or spanning another such edge, is tried again."""
    def to_part(cells: list[GridCell], nested: dict[int, list[int]]) -> list[tuple[GridCell, bool]]:
        """The cells over several rows to try parting, each with whether it holds an item
        number inside."""
        return [(c, numbered) for c in cells if c.row1 > c.row0
                if (numbered := holds_item_inside(c.text)) or id(c) in nested]

    nested = _edges_parted_before(grid)
    todo = to_part(grid.cells, nested)
    while todo:
        edges = []  # (cell, row edge, whether the cell holds an item number inside)
        for cell, numbered in todo:
            rows = range(cell.row0 + 1, cell.row1 + 1) if numbered else nested.get(id(cell), ())
            edges += [(cell, k, numbered) for k in rows if _clear_at(image, cell, grid.ys[k])]
        cuts = [_cut_at(cell.bbox, grid.ys[k]) for cell, k, _ in edges]
        readings = ocr_cells([crop_cell(image, box) for pair in cuts for box in pair])
        parted: dict[int, tuple[GridCell, GridCell]] = {}
        for (cell, k, numbered), (upper_box, lower_box), above, below in zip(edges, cuts, readings[0::2],
                                                                            readings[1::2]):
            if id(cell) in parted or not _parts_open(above.text, below.text, numbered):
                continue
            upper = GridCell(cell.row0, k - 1, cell.col0, cell.col1, upper_box)
            lower = GridCell(k, cell.row1, cell.col0, cell.col1, lower_box)
            for part, text in ((upper, above), (lower, below)):
                part.text, part.confidence, part.source = text.text, text.confidence, "ocr"
                kept[id(part)] = (text, True)
            parted[id(cell)] = (upper, lower)
        grid.cells = sorted((p for c in grid.cells for p in parted.get(id(c), (c,))),
                            key=lambda c: (c.row0, c.col0))
        grid.index()
        nested = _edges_parted_before(grid) if parted else {}
        todo = to_part([p for pair in parted.values() for p in pair], nested)


#: pixels (at 300 dpi): the side of the square a doubtful cell's ink is widened by before
#: it is read again (`thickened`)
THICKEN_PX = 2


def _same_pixels(a: CellImage, b: CellImage) -> bool:
    """Whether two crops are the same image (Tesseract reads the same image the same way)."""
    return a.pixels is not None and b.pixels is not None and a.pixels.shape == b.pixels.shape \
        and np.array_equal(a.pixels, b.pixels)


def thickened(cell: CellImage, dpi: int = 300) -> CellImage:
    """The crop with its strokes widened (a grey erosion: each pixel the darkest of its
    `THICKEN_PX` square): a light or thin font (a Courier, a Light weight) draws strokes one
    or two pixels wide at 300 dpi, which Tesseract reads as other letters and marks ("Các
    sở, ban," → "Gáo: sở; Bàn?"); widened, they read as the letters they are."""
    if cell.pixels is None:
        return cell
    side = max(2, round(THICKEN_PX * dpi / 300))
    return CellImage(cell.bbox, cv2.erode(cell.pixels, np.ones((side, side), np.uint8)))


def number_core(cell: CellImage) -> CellImage:
    """An item number's crop cut to its largest piece of ink and the ink within `NEAR_PX`
    of that piece's box, everything else white (the grey fringe of its strokes too), padded
    again: a numbering cell holds one number, and a copier's speck near enough to be kept
    as writing beside it ("." below and left of a "5"), or the soft grey edge of a clear
    "7", made every other reading of the figure empty. The last reading of `ocr_grids`,
    where none of the others read anything."""
    ink = (cell.pixels < 128).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count <= 1:
        return cell
    x, y, w, h = stats[1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA])), :4]
    a, b, cw, ch = (stats[:, k] for k in range(4))
    gap = np.maximum(np.maximum(x - (a + cw), a - (x + w)), np.maximum(y - (b + ch), b - (y + h)))
    near = gap <= NEAR_PX
    near[0] = False
    keep = near[labels]
    return _cut_to_ink(cell.bbox, np.where(keep, cell.pixels, 255).astype(np.uint8), keep)


def binarized(cell: CellImage) -> CellImage:
    """The crop in black and white (Otsu's threshold). A lone item number whose soft grey
    edges make `vie` see a letter ("7" in a book face read "ĩ") gives the digits-only
    reading nothing at all; in black and white it reads as the figure."""
    _, pixels = cv2.threshold(cell.pixels, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return CellImage(cell.bbox, pixels)


def read_confidence(page: int, cell, reading: Reading) -> float:
    """The cell's confidence from its reading (`extractors.cell_confidence`), the
    evidence recorded when asked to (`CCHC_CELL_EVIDENCE`)."""
    confidence = reading_confidence(reading)
    record("reading", page=page, bbox=[round(v, 1) for v in cell.bbox], text=reading.text,
           conf=round(confidence, 4), features=reading_features(reading),
           words=[round(w, 3) for w in reading.word_confidences], alternatives=list(cell.alternatives))
    return confidence


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit() or ch in "IVX")


#: pixels of white between crops stacked into one image
STACK_GAP = 30


def read_stacked(cells: list[CellImage], options: tuple[str, ...] = ()) -> list[CellText]:
    """The crops read as one column (stacked top to bottom, one Tesseract block): a lone
    item number read in the company of its neighbours, at one text size, where a crop on
    its own is often misread ("11" as "3"). A second opinion for the sequence check of
    `extractors.table.repair_item_numbers`, and the reading of a numbering cell no other
    reading made anything of (`ocr_grids`); an empty text for a blank crop. The confidence
    is the mean of the crop's word confidences."""
    todo = [i for i, c in enumerate(cells) if c.pixels is not None]
    out = [CellText("", 1.0, "ocr") for _ in cells]
    if not todo:
        return out
    width = max(cells[i].pixels.shape[1] for i in todo) + 2 * STACK_GAP
    parts, spans, top = [], [], 0
    for i in todo:
        pixels = cells[i].pixels
        part = np.full((pixels.shape[0] + STACK_GAP, width), 255, np.uint8)
        part[STACK_GAP // 2:STACK_GAP // 2 + pixels.shape[0], STACK_GAP:STACK_GAP + pixels.shape[1]] = pixels
        parts.append(part)
        spans.append((top, top + part.shape[0]))
        top += part.shape[0]
    read: dict[int, list[tuple[str, float]]] = {i: [] for i in todo}
    for row in word_rows(read_tsv([np.vstack(parts)], PSM, options)):
        middle = int(row["top"]) + int(row["height"]) / 2
        for i, (a, b) in zip(todo, spans):
            if a <= middle < b:
                read[i].append((row["text"], max(0.0, float(row["conf"])) / 100.0))
    for i in todo:
        confs = tuple(c for _, c in read[i])
        text = " ".join(w for w, _ in read[i])
        out[i] = CellText(text, float(np.mean(confs)) if confs else 0.0, "ocr", text, confs)
    return out


def page_lines(image: PageImage, top_share: float = 0.45) -> list[TextLine]:
    """Text lines (with positions in points) of the top of a scanned page, for metadata:
    the state header block, the title or an appendix heading. Tesseract's automatic page
    segmentation (psm 3) keeps the header block's two columns apart."""
    crop = image.gray[: int(image.gray.shape[0] * top_share)]
    lines: dict[tuple[int, int, int], list[dict]] = {}
    for row in word_rows(read_tsv([crop], psm="3")):
        lines.setdefault((int(row["block_num"]), int(row["par_num"]), int(row["line_num"])), []).append(row)
    out = []
    for ws in lines.values():
        x0 = min(int(w["left"]) for w in ws)
        top = min(int(w["top"]) for w in ws)
        x1 = max(int(w["left"]) + int(w["width"]) for w in ws)
        bottom = max(int(w["top"]) + int(w["height"]) for w in ws)
        text = join_lines([" ".join(w["text"] for w in ws)])
        out.append(TextLine(text, image.pt(x0), image.pt(top), image.pt(x1), image.pt(bottom)))
    return out
