"""Scanned pages: page image → a flat, clean, straight page → ruling lines, in the same
units as the text layer.

The grid of a scanned table is found exactly as for a born-digital one
(`extractors.grid`): only the rules come from pixels instead of vector paths. Real plan
scans are photocopies, phone photos and stamped paper (../shared/SCANS.md), so before
any rule is looked for (`deskewed`):

- Image: the page rendered by PDFium at 300 dpi, grayscale (a 300-dpi render of a
  200-dpi scan is an upsampling that Tesseract reads better than the native pixels).
- Photo (`unwarp`): a page photographed on a desk is found against the desk (the
  photo's border) and warped flat; a scan whose paper fills the frame is left alone.
- Light (`flatten`): the page divided by its own background, so grey copier paper, a
  binding's shadow or vignetting become white; a low-contrast copy is stretched back to
  black ink on white paper. ~0.06 s a page.
- Marks (`without_marks`): a seal or a signature in mid-grey ink is removed where one is
  found (light ink away from the print's dark cores, in large curved pieces), and only
  there: the faint hairlines of a light scan elsewhere stay. ~0.05 s a page without marks.
- Skew: long horizontal rules are isolated by a morphological opening; each rule's
  pixels are fitted with a straight line and the angle is the length-weighted median.
  (Hough on the full page took 2.9 s per page here; the fit takes ~0.1 s.) The page is
  rotated back when the angle is above 0.05°.
- Rules: adaptive threshold, closing to bridge noise gaps, opening with a long thin
  kernel to keep only straight runs, then each connected component is one rule unless
  it is far lighter than the page's other runs (`RULE_DARKNESS`), or it is far lighter
  than the page's rules and either vertical, ending on no rule or with writing running
  through it, or horizontal on a line that neither runs from column rule to column rule
  nor has column rules ending on it (a copier's toner streak, a faint band across or
  down the sheet, is as long and straight as a rule: `ends_on_rules`, `written_across`,
  `framed`). A table drawn with hairline rules under a heavier frame, which a copy gives
  back under a third as dark as its print, keeps them by where they run, not how dark they
  are: a row run whose line ends on column rules or the frame's ends
  (`aligned_with_frame`), a column run whose line begins and ends on row rules or lies on
  a print-dark column rule's line (`line_between_rules`, `on_a_rule_line`); a column
  rule's end that leaves its line is a letter glued to it and is cut off
  (`straight_part`). Two pieces of a rule on one line with the gap between them where
  the page had marks are one rule (`bridged_over_marks`: removing a seal's ink takes the
  stretch of rule under it).
  Converted to points (1/72 in) and top-left origin, so the grid builder's tolerances
  mean the same thing for both paths (which also joins a rule's short breaks, drops
  strokes that are no rules, and cuts column rules to the table's common extent).
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import pypdfium2 as pdfium

from extractors.grid import GAP_TOL, HLine, VLine, on_row_rule

DPI = 300
MIN_SKEW = 0.05  # degrees: below this the page is left as it is


@dataclass
class PageImage:
    number: int  # 1-based page number
    gray: np.ndarray  # flattened and deskewed, uint8, white background
    dpi: int
    skew: float  # degrees the scan was rotated by (corrected)
    marks: np.ndarray | None = None  # where light marks (a seal, a signature) were found and removed
    _mark_spans: np.ndarray | None = None

    @property
    def marked(self) -> bool:
        """Whether light marks were found on the page (and removed where they are)."""
        return self.marks is not None

    def near_marks(self, bbox: tuple[float, float, float, float]) -> bool:
        """Whether the box (x0, top, x1, bottom in points) reaches where the page has marks."""
        if self.marks is None:
            return False
        x0, top, x1, bottom = bbox
        return bool(self.marks[max(self.px(top), 0):self.px(bottom), max(self.px(x0), 0):self.px(x1)].any())

    @property
    def mark_spans(self) -> np.ndarray | None:
        """Where the page's marks lie with what each encloses (`enclosed_marks`), made on
        first use: a rule under a seal's centre is as hidden as one under its ring."""
        if self.marks is not None and self._mark_spans is None:
            self._mark_spans = enclosed_marks(self.marks)
        return self._mark_spans

    def print_only(self, bboxes: list[tuple[float, float, float, float]]) -> np.ndarray:
        """The page without its light marks (`drop_light_marks`) where the boxes (x0, top,
        x1, bottom in points) lie, the rest as it is."""
        return drop_light_marks_in(self.gray, [(max(self.px(t), 0), max(self.px(b), 0), max(self.px(x0), 0),
                                                max(self.px(x1), 0)) for x0, t, x1, b in bboxes], self.dpi)

    def px(self, points: float) -> int:
        return int(round(points * self.dpi / 72.0))

    def pt(self, pixels: float) -> float:
        return pixels * 72.0 / self.dpi


def render(pdf: pdfium.PdfDocument, index: int, dpi: int = DPI) -> np.ndarray:
    page = pdf[index]
    bitmap = page.render(scale=dpi / 72.0, grayscale=True)
    gray = bitmap.to_numpy()
    if gray.ndim == 3:
        gray = gray[:, :, 0]
    out = np.ascontiguousarray(gray, dtype=np.uint8).copy()
    page.close()
    return out


#: On a low-contrast copy, paper is what lies within this many noise widths of the
#: paper's median level (`paper_level`), and never outside these bounds.
PAPER_SPREAD = 4.0
PAPER_BOUNDS = (0.84, 0.95)
PAPER_NOISE = 0.045
#: A page whose darkest ink (0.5th percentile) is lighter than this share of its paper is
#: a low-contrast copy: its ink is stretched back to black.
LOW_CONTRAST = 0.2


def flatten(gray: np.ndarray) -> np.ndarray:
    """Even out the light: the page divided by its own background (the local maximum
    over a window wider than any stroke, estimated at a quarter of the resolution and
    smoothed), so a photocopy's grey paper, a gradient near the binding or a phone's
    vignetting all become white paper; the ink of a low-contrast copy stretched back to
    black and its paper noise whitened (`LOW_CONTRAST`, `paper_level`). The strokes
    of a clean scan keep their grey levels (Tesseract reads letter case from their size).
    (Whole-page steps are OpenCV calls and one look-up table: ~0.1 s a page.)"""
    small = cv2.resize(gray, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    background = cv2.medianBlur(cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9))), 9)
    background = cv2.resize(background, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    level = cv2.divide(gray, np.maximum(background, 1), scale=255)  # uint8, paper ≈ 255
    sample = level[::4, ::4].astype(np.float32) / 255.0
    ink = float(np.percentile(sample, 0.5))
    if ink <= LOW_CONTRAST:
        return level
    white = paper_level(sample)  # ink to black, and the copy's speckled paper to white
    if white is None:  # no paper to speak of (a photo, noise): nothing to stretch towards
        return level
    lut = np.clip((np.arange(256) / 255.0 - ink) / (white - ink) * 255.0, 0, 255).astype(np.uint8)
    return cv2.LUT(level, lut)


def paper_level(level: np.ndarray) -> float | None:
    """The level (0–1) above which a flattened page (a sample of its pixels) is paper:
    the median (most of a page is paper) less `PAPER_SPREAD` times the paper's own noise
    (median absolute deviation of the levels above the median), within `PAPER_BOUNDS`.
    A copy's speckled paper goes white; the faint strokes of a thin copy, darker, stay.
    None when the "paper" is no paper: its noise wider than `PAPER_NOISE` (a photo)."""
    median = float(np.median(level))
    above = level[level >= median]
    sigma = 1.4826 * float(np.median(np.abs(above - np.median(above))))
    if sigma > PAPER_NOISE:
        return None
    return float(np.clip(median - PAPER_SPREAD * sigma, *PAPER_BOUNDS))


#: After `flatten`: ink at least this dark is print (text and rules: black toner) …
CORE_LEVEL = 110
#: … in a group of at least this many pixels (at 300 dpi)
CORE_MIN_PX = 5
#: … ink up to this level is kept only within `GROWTH_PX` (at 300 dpi) of print, so a
#: mid-grey mark (a red seal or a blue signature on a grey scan, bleed-through from the
#: back of the sheet) disappears except where it touches print, while the anti-aliased
#: edges and hairlines of letters, which are always next to their dark stems, stay.
MARK_LEVEL = 215
GROWTH_PX = 4
#: pixels (at 300 dpi): light ink on a straight run spanning this much is a rule, print
#: however light (a word processor's hairline borders, copied, are as grey as a seal's
#: ink and lie far from any dark print): a seal's ring is straight over 130 px at most
#: (a 40 mm ring drawn 10 px wide), a rule runs on across its cells. Runs are found
#: with a window of `RULE_WINDOW_PX`, short enough to follow a rule skewed 2°.
RULE_SPAN_PX = 300
RULE_WINDOW_PX = 60
#: pixels (at 300 dpi): … and is thin, at most this thick on average (area ÷ span): the
#: noise of a photograph of no document closes up into wide runs too …
RULE_MAX_THICK_PX = 10
#: … and thin runs as well, so rules are looked for only on a page of paper: light ink
#: covers at most this share of it (printed pages 0.03–0.07, copies and a phone photo
#: included; a photograph of no document, all grey noise, 0.46)
LIGHT_INK_MAX_SHARE = 0.2


def light_rules(mask: np.ndarray, dpi: float = DPI) -> np.ndarray:
    """The pixels of `mask` (ink, uint8 0/1) on thin horizontal or vertical straight runs
    spanning `RULE_SPAN_PX`: rules, whatever their grey."""
    window, span = max(3, round(RULE_WINDOW_PX * dpi / DPI)), RULE_SPAN_PX * dpi / DPI
    out = np.zeros_like(mask)
    for horizontal, extent in ((True, cv2.CC_STAT_WIDTH), (False, cv2.CC_STAT_HEIGHT)):
        runs = straight_runs(mask, window, horizontal)
        count, labels, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
        long = (stats[:, extent] >= span) & \
            (stats[:, cv2.CC_STAT_AREA] <= RULE_MAX_THICK_PX * dpi / DPI * stats[:, extent])
        long[0] = False
        out |= long[labels].astype(np.uint8)
    return out & mask


def drop_light_marks(gray: np.ndarray, dpi: int = DPI, rules: bool | None = None) -> np.ndarray:
    """Whiten ink that never gets as dark as print (`CORE_LEVEL`) and lies farther than
    `GROWTH_PX` from print or a rule (`light_rules`): a geodesic reconstruction of the ink
    mask from the print cores and rules, grown a few pixels only (a seal's ring crosses
    table rules; grown without a bound, the reconstruction would keep the whole ring).
    `rules`: whether light rules are looked for (default: when `gray` is a page of paper,
    `LIGHT_INK_MAX_SHARE`; `drop_light_marks_in` asks the whole page, not a part)."""
    if rules is None:
        rules = _light_ink_share(gray) <= LIGHT_INK_MAX_SHARE
    marks = gray <= MARK_LEVEL
    core = (gray <= CORE_LEVEL).astype(np.uint8)
    # a few dark pixels together (noise inside a seal's stroke) are no core; the dot of a
    # "ạ" is (a hairline rule's core is thin but long)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(core, connectivity=8)
    big = stats[:, cv2.CC_STAT_AREA] >= max(2, round(CORE_MIN_PX * (dpi / DPI) ** 2))
    big[0] = False
    mask = marks.astype(np.uint8)
    kept = big[labels].astype(np.uint8)
    # rules among the light ink alone: a line of dark writing closed up is a long run too
    if rules:
        kept |= light_rules(mask & (gray > CORE_LEVEL).astype(np.uint8), dpi)
    kernel = np.ones((3, 3), np.uint8)
    for _ in range(max(1, round(GROWTH_PX * dpi / DPI))):
        kept = cv2.dilate(kept, kernel) & mask
    out = gray.copy()
    out[marks & (kept == 0)] = 255
    return out


def _light_ink_share(gray: np.ndarray) -> float:
    """The share of `gray` in light ink: up to `MARK_LEVEL`, lighter than print (`CORE_LEVEL`)."""
    return float(np.count_nonzero((gray <= MARK_LEVEL) & (gray > CORE_LEVEL))) / max(gray.size, 1)


Box = tuple[int, int, int, int]  # top, bottom, left, right: pixels, bottom and right excluded


def drop_light_marks_in(gray: np.ndarray, boxes: list[Box], dpi: int = DPI) -> np.ndarray:
    """`drop_light_marks` of the page where `boxes` lie, the rest as it is: each box
    widened by `RULE_SPAN_PX` (a rule across it runs long enough there to be seen one),
    boxes that then meet made one, and each worked on alone — a few times faster than the
    whole page on a page with a seal, the same inside the boxes."""
    pad = round(RULE_SPAN_PX * dpi / DPI)
    h, w = gray.shape
    rules = _light_ink_share(gray) <= LIGHT_INK_MAX_SHARE
    out = gray.copy()
    for top, bottom, left, right in _merged([(max(t - pad, 0), min(b + pad, h), max(l - pad, 0), min(r + pad, w))
                                             for t, b, l, r in boxes]):
        out[top:bottom, left:right] = drop_light_marks(gray[top:bottom, left:right], dpi, rules)
    return out


def _merged(boxes: list[Box]) -> list[Box]:
    """`boxes` with every two that meet replaced by the box around both, until none meet."""
    boxes = list(boxes)
    merged = True
    while merged:
        merged = False
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                a, b = boxes[i], boxes[j]
                if a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]:
                    boxes[i] = (min(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), max(a[3], b[3]))
                    del boxes[j]
                    merged = True
                    break
            if merged:
                break
    return boxes


def mask_boxes(mask: np.ndarray, scale: int = 1) -> list[Box]:
    """The boxes around the pieces of `mask`, their coordinates times `scale`."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    return [(int(y) * scale, int(y + hh) * scale, int(x) * scale, int(x + ww) * scale)
            for x, y, ww, hh in stats[1:, :4]]


#: pixels (at 300 dpi): light ink that `drop_light_marks` removes, in one piece at least
#: this large and this wide and tall (not a straight rule), is a mark over the page —
#: an arc of a seal, a signature — and not what a scanner left of a hairline
MARK_MIN_PX = 300
MARK_MIN_SIDE = 15
#: … and not mostly straight: faint rules of a light scan meeting at a corner are no mark
STRAIGHT_SHARE = 0.5
#: pixels (at 300 dpi): around such a mark the page is read without its light marks
MARK_MARGIN = 40
#: pixels (at 300 dpi): a page has marks only when one such piece spans at least this
#: much (5 mm, more than a letter of a plan's text with its marks): a seal's arc or a
#: signature does, a letter never, however light its font (FreeMono at 200 dpi has no
#: print-dark core left at half resolution: its letters, up to 40 px, were taken for
#: marks and their hairlines removed page-wide)
MARK_PAGE_SIDE = 60


def without_marks(gray: np.ndarray, dpi: int = DPI) -> np.ndarray:
    """The page with the light marks over it (seals, signatures: see the constants)
    removed where they are, and everywhere else as it is: removing light ink across a
    whole page would also thin hairline rules and strokes of a light, low-resolution
    scan, which only a mark nearby justifies."""
    return marks_removed(gray, dpi)[0]


def marks_removed(gray: np.ndarray, dpi: int = DPI) -> tuple[np.ndarray, np.ndarray | None]:
    """`without_marks`, and where the page had marks (`mark_region`, at full resolution),
    or None. Marks are looked for at half resolution (most pages have none, and then that
    is all it costs)."""
    half = cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    half_region = mark_region(half, dpi / 2)
    if half_region is None:
        return gray, None
    region = cv2.resize(half_region.astype(np.uint8), (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_NEAREST) > 0
    return np.where(region, drop_light_marks_in(gray, mask_boxes(half_region, 2), dpi), gray), region


def mark_region(gray: np.ndarray, dpi: float = DPI) -> np.ndarray | None:
    """Where the page has light marks (a mask), or None: the light ink `drop_light_marks`
    removes, in pieces large enough and not straight (see the constants), widened by
    `MARK_MARGIN`; None unless one piece is longer than any letter (`MARK_PAGE_SIDE`)."""
    removed = (drop_light_marks(gray, dpi) != gray).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(removed, connectivity=8)
    scale = dpi / DPI
    side = MARK_MIN_SIDE * scale
    run = 2 * round(MARK_MIN_SIDE * scale) + 1  # light pixels on straight runs: faint rules
    straight = cv2.morphologyEx(removed, cv2.MORPH_OPEN, np.ones((1, run), np.uint8)) | \
        cv2.morphologyEx(removed, cv2.MORPH_OPEN, np.ones((run, 1), np.uint8))
    on_rules = np.bincount(labels[straight > 0].ravel(), minlength=count)
    area = stats[:, cv2.CC_STAT_AREA]
    marks = (area >= MARK_MIN_PX * scale * scale) & (stats[:, cv2.CC_STAT_WIDTH] >= side) & \
        (stats[:, cv2.CC_STAT_HEIGHT] >= side) & (on_rules < STRAIGHT_SHARE * area)
    marks[0] = False
    longest = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT])
    if not (marks & (longest >= MARK_PAGE_SIDE * scale)).any():
        return None
    reach = 2 * round(MARK_MARGIN * scale) + 1
    return cv2.dilate(marks[labels].astype(np.uint8), np.ones((reach, reach), np.uint8)) > 0


def enclosed_marks(marks: np.ndarray) -> np.ndarray:
    """`marks` with each piece's convex hull filled: the centre of a seal, whose star or
    letters lie inside its ring, and a ring the removal left open at its foot (where it ran
    over writing) belong to the mark. Bridging a rule's gap asks this, not the marks alone:
    a seal's star on a hairline row rule left a gap half ring, half star, and the rule's
    two pieces, ending mid-cell, were taken for a streak's."""
    out = marks.astype(np.uint8)
    contours, _ = cv2.findContours(out, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    cv2.fillPoly(out, [cv2.convexHull(c) for c in contours], 1)
    return out > 0


#: A photographed page: its paper must be this much brighter than the desk around it
#: (grey levels, border of the photo against its 90th percentile) …
DESK_CONTRAST = 40
#: … cover this share of the photo, and have a corner this far (share of the photo's
#: smaller side) inside every corner of the frame (a scan's paper fills the frame).
PAGE_MIN_AREA = 0.3
PAGE_MIN_INSET = 0.01


def page_corners(gray: np.ndarray) -> np.ndarray | None:
    """The four corners (top-left, top-right, bottom-right, bottom-left) of a page
    photographed on a desk, or None for a scan whose paper fills the frame. The desk is
    the photo's border; the page is the largest region brighter than a third of the way
    from the desk to the paper (so a shadow across the page stays page), its convex hull
    simplified to four points, then each side refitted (`_sides_refit`)."""
    small = cv2.GaussianBlur(cv2.resize(gray, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA), (5, 5), 0)
    border = np.concatenate([small[:8].ravel(), small[-8:].ravel(), small[:, :8].ravel(), small[:, -8:].ravel()])
    desk, paper = float(np.median(border)), float(np.percentile(small, 90))
    if paper - desk < DESK_CONTRAST:
        return None
    mask = (small > desk + 0.35 * (paper - desk)).astype(np.uint8)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return None
    outline = max(contours, key=cv2.contourArea)
    hull = cv2.convexHull(outline)
    h, w = small.shape
    if cv2.contourArea(hull) < PAGE_MIN_AREA * h * w:
        return None
    quad = None
    for eps in (0.02, 0.03, 0.05, 0.08):
        approx = cv2.approxPolyDP(hull, eps * cv2.arcLength(hull, True), True)
        if len(approx) == 4:
            quad = approx.reshape(4, 2).astype(np.float32)
            break
    if quad is None:
        return None
    frame = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    if min(np.linalg.norm(quad - corner, axis=1).min() for corner in frame) < PAGE_MIN_INSET * min(h, w):
        return None
    s, d = quad.sum(axis=1), np.diff(quad, axis=1).ravel()
    quad = np.array([quad[s.argmin()], quad[d.argmin()], quad[s.argmax()], quad[d.argmax()]], np.float32)
    return _sides_refit(quad, outline.reshape(-1, 2).astype(np.float32)) * 4


def _sides_refit(quad: np.ndarray, outline: np.ndarray) -> np.ndarray:
    """The corners again, as the crossings of lines fitted to the middle of each side of
    the page's outline: a corner a shadow cut off (the polygon's corner wrong, the
    sides' middles right) is where its two sides meet. `quad` as it is when a side has
    too few outline points near it."""
    lines = []
    for k in range(4):
        a, b = quad[k], quad[(k + 1) % 4]
        length = float(np.linalg.norm(b - a))
        along = (b - a) / length
        normal = np.array([-along[1], along[0]])
        t, off = (outline - a) @ along, np.abs((outline - a) @ normal)
        near = outline[(t > 0.15 * length) & (t < 0.85 * length) & (off < 0.03 * length)]
        if len(near) < 20:
            return quad
        vx, vy, x0, y0 = cv2.fitLine(near, cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        lines.append((np.array([x0, y0]), np.array([vx, vy])))
    corners = []
    for k in range(4):
        (p1, d1), (p2, d2) = lines[k - 1], lines[k]
        try:
            step = np.linalg.solve(np.array([d1, -d2]).T, p2 - p1)
        except np.linalg.LinAlgError:
            return quad
        corners.append(p1 + step[0] * d1)
    return np.array(corners, np.float32)


def unwarp(gray: np.ndarray) -> np.ndarray:
    """A photographed page (`page_corners`) warped flat to the whole frame; a scan as it is."""
    corners = page_corners(gray)
    if corners is None:
        return gray
    h, w = gray.shape
    target = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    return cv2.warpPerspective(gray, cv2.getPerspectiveTransform(corners, target), (w, h),
                               flags=cv2.INTER_LINEAR, borderValue=255)


def _ink(gray: np.ndarray) -> np.ndarray:
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 35, 15)


def straight_runs(ink: np.ndarray, length: int, horizontal: bool = True) -> np.ndarray:
    """The ink on straight runs at least `length` px long, across or down the page, breaks
    of a few pixels (9) bridged first."""
    def along(n: int) -> np.ndarray:
        return cv2.getStructuringElement(cv2.MORPH_RECT, (n, 1) if horizontal else (1, n))

    return cv2.morphologyEx(cv2.morphologyEx(ink, cv2.MORPH_CLOSE, along(9)), cv2.MORPH_OPEN, along(length))


def estimate_skew(gray: np.ndarray) -> float:
    """Angle (degrees, counter-clockwise positive as in cv2) that straightens the rules."""
    small = cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    runs = straight_runs(_ink(small), max(30, small.shape[1] // 40))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
    angles, weights = [], []
    for k in range(1, count):
        x, y, w, h, _ = stats[k]
        if w < small.shape[1] // 6:
            continue
        ys, xs = np.nonzero(labels[y:y + h, x:x + w] == k)
        if len(xs) < 20:
            continue
        slope = np.polyfit(xs.astype(float), ys.astype(float), 1)[0]
        angles.append(np.degrees(np.arctan(slope)))
        weights.append(w)
    if not angles:
        return 0.0
    order = np.argsort(angles)
    cum = np.cumsum(np.asarray(weights, dtype=float)[order])
    return float(np.asarray(angles)[order][np.searchsorted(cum, cum[-1] / 2)])


def deskew(gray: np.ndarray, angle: float, border: int = 255) -> np.ndarray:
    """The image rotated by `angle` degrees about its centre, the corners it uncovers
    filled with `border` (white paper; 0 for a mask)."""
    if abs(angle) < MIN_SKEW:
        return gray
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=border)


def deskewed(number: int, gray: np.ndarray, dpi: int = DPI) -> PageImage:
    """The page unwarped when photographed (`unwarp`), flattened (`flatten`), without
    the marks over it (`without_marks`), straightened."""
    gray, marks = marks_removed(flatten(unwarp(gray)), dpi)
    angle = estimate_skew(gray)
    if marks is not None:
        marks = deskew(marks.astype(np.uint8), angle, border=0) > 0
    return PageImage(number, deskew(gray, angle), dpi, angle, marks)


def page_image(pdf: pdfium.PdfDocument, index: int, dpi: int = DPI) -> PageImage:
    return deskewed(index + 1, render(pdf, index, dpi), dpi)


#: A rule is print: the darkest pixel across it, typical of its length (median), is at
#: least this share as dark (below paper) as the page's long runs (rules, and letters'
#: stems stacked line over line, both print), typical by count or by length, whichever
#: is lighter: a thin font's letters make many light runs (by count print looks light,
#: by length the rules are the print), a word processor's table hairline borders a scan
#: gives back light grey under black bold writing (by count print looks black, by length
#: the hairlines are the print). A copier's toner
#: streak (a faint band running the length of the page) is as straight and long as a
#: rule, and the adaptive threshold keeps it; measured on the TUNE photocopies it is
#: 0.2 as dark as the page's rules, the lightest true rule of a phone photo 0.5. Runs
#: that pass and are still light beside the rules are judged by where they end (below).
RULE_DARKNESS = 1 / 3
#: A pale row run under this share of the page's rules' darkness is as light as a toner
#: streak (the TUNE photocopies' streaks, 0.2; one across a plan2021_2030 copy, 0.14 to
#: 0.15, its pieces from column rule to column rule in four empty cells): kept only as
#: the one pale chain on its line (`aligned_with_frame`). A copy's hairline is a fifth to
#: a third as dark as its rules (header and sub-row rules of sealed copies: 0.25–0.38),
#: and may come in several chains, cut at the black column rules.
HAIRLINE_MIN_DARKNESS = 0.2
#: points: a faint vertical run (lighter than `RULE_DARKNESS` of the page's rules) is a
#: column rule only where an end of it meets a run this long across it (within
#: `ANCHOR_TOL`): the hairlines of a copy set light end on the table's other rules (one
#: end at least: the copy breaks some of them), a toner streak down the page begins and
#: ends anywhere (mid-cell, off the page) and would cut a column in two; and no writing
#: runs through a column rule (`written_across`: a streak's pieces can end on the rules
#: it crosses). A faint row run is kept where its line runs from a column rule to a
#: column rule or column rules end on it (`framed`): a light copy's bottom rule comes in
#: pieces that end anywhere, and losing it carries the last row on into the next page.
ANCHOR_LENGTH = 30.0
ANCHOR_TOL = 3.0


def typical_darkness(levels: np.ndarray, lengths: np.ndarray) -> float:
    """How far below paper (255) a page's rules run: the median of their core levels
    weighted by length. Weighted, because a font whose letters chain into short runs at
    the page's resolution (a thin geometric sans, a monospace) gives hundreds of them,
    lighter than a rule: by count they made a toner streak look as dark as print, by
    length the table's rules are most of a page's runs."""
    if not len(levels):
        return 0.0
    order = np.argsort(levels)
    weight = np.cumsum(lengths[order].astype(float))
    return 255.0 - float(levels[order][np.searchsorted(weight, weight[-1] / 2)])


def ends_on_rules(runs: np.ndarray, row_runs: np.ndarray, anchors: np.ndarray, row_anchors: np.ndarray,
                  tol: int) -> np.ndarray:
    """Per run (`runs`: x, y, w, h in pixels; `row_runs`: which are horizontal): whether
    an end of it meets an anchor run across it (`rules_at_ends`)."""
    return rules_at_ends(runs, row_runs, anchors, row_anchors, tol).any(axis=1)


def rules_at_ends(runs: np.ndarray, row_runs: np.ndarray, anchors: np.ndarray, row_anchors: np.ndarray,
                  tol: int) -> np.ndarray:
    """Per run (`runs`: x, y, w, h in pixels; `row_runs`: which are horizontal) and per end
    of it (left or top, right or bottom): whether it meets an anchor run across it (a
    vertical run's top or bottom on a horizontal anchor, a horizontal run's ends on
    vertical ones), within `tol` pixels."""
    ax0, ay0, aw, ah = (anchors[:, k] for k in range(4))
    out = np.zeros((len(runs), 2), bool)
    for k, (x, y, w, h) in enumerate(runs):
        across = row_anchors != row_runs[k]
        if row_runs[k]:  # on a column rule's line: its x at an end, its y-range over the run
            on_line = across & (ay0 - tol <= y + h / 2) & (y + h / 2 <= ay0 + ah + tol)
            centre, reach, ends = ax0 + aw / 2, tol + aw / 2, (x, x + w)
        else:
            on_line = across & (ax0 - tol <= x + w / 2) & (x + w / 2 <= ax0 + aw + tol)
            centre, reach, ends = ay0 + ah / 2, tol + ah / 2, (y, y + h)
        out[k] = [(on_line & (np.abs(centre - e) <= reach)).any() for e in ends]
    return out


#: points: how far beside a faint vertical run writing is looked for on each side (a
#: column rule keeps a cell's padding between itself and the text, ~2 pt and more)
WRITING_REACH = 1.0
#: points: pixel rows this near a row rule are no evidence (a rule crosses every column rule)
ROW_RULE_CLEAR = 1.0


def written_across(ink: np.ndarray, runs: np.ndarray, row_rules: np.ndarray, reach: int, clear: int) -> np.ndarray:
    """Per vertical run (`runs`: x, y, w, h in pixels): whether writing runs through it,
    ink right beside it on both sides (within `reach` pixels, one pixel apart) in a pixel
    row more than `clear` pixels from every row rule (`row_rules`, boxes as `runs`). A
    column rule parts two cells, whose text stops short of it; a copier's toner streak
    runs through the letters of the lines it crosses."""
    out = np.zeros(len(runs), bool)
    for k, (x, y, w, h) in enumerate(runs):
        left = ink[y:y + h, max(0, x - 1 - reach):max(0, x - 1)].any(axis=1)
        right = ink[y:y + h, x + w + 1:x + w + 1 + reach].any(axis=1)
        rows = np.arange(y, y + h)
        away = np.ones(h, bool)
        for _, ry, _, rh in row_rules:
            away &= (rows < ry - clear) | (rows > ry + rh + clear)
        out[k] = bool((left & right & away).any())
    return out


#: A horizontal run with other ink (not itself on a horizontal run) beside it along at
#: least this share of its length, within `ALONG_BAND` points past `ALONG_GAP` above or
#: below it, is a line of writing, not a rule: a serif face's letters at 200 dpi chain
#: their tops and feet into straight runs a word long, and a line of them in a narrow
#: cell spans it like a row rule ("trực tuyến trên" cut in two, each half a row). A
#: rule has a cell's padding on both sides. Measured on 1,403 runs over 60 pt on pages of
#: every scan condition: no single table rule reaches 0.4 (the copier's dark page edges
#: do). A thick rule read as two runs has the other's ragged edge beside each: a run with
#: another run alongside within the band (over half its length) is judged with it: the
#: bands taken beyond them both, and no rule where they stack up taller than
#: `ALONG_STACK` points around rows mostly blank. A medium serif at 300 dpi chains its
#: letters' feet and the tops of their bowls into runs a few pixel rows apart, stacked up
#: to the x-height (4 pt and more) around the letters' counters; let off as a thick rule,
#: such a stack parted a narrow cell between "hành chính" and "nhà nước" (plan2021_2030
#: in Noto Serif SemiCondensed Medium, 300 dpi: three products cut in two); so does one
#: run as tall (a bold serif's letters bridged whole). A copy's thickest rule is under
#: 3 pt; a phone photo's blurred one may be thicker, but solid.
ALONG_SHARE = 0.4
#: … and one run that tall is letters only where its ink covers less than this share of
#: its length (a line of letters has gaps between its letters and words: 0.74–0.95 on
#: Elstob SemiBold at 300 dpi; a rule covers all of it, though a phone photo's rule
#: slants across several pixel rows or a back page's writing bled through is chained to it)
ALONG_COVER = 0.97
ALONG_GAP = 0.75
ALONG_BAND = 1.0
ALONG_STACK = 3.5


#: a horizontal run's own pixel rows are those it covers along at least this share of its
#: length: a seal's ring or a letter's stroke touching a rule is chained with it into one
#: run some pixel rows taller (0.04–0.08 of a rule's length each, Noto Serif Display's
#: section title under a rule a seal's ring touched), which `written_along` must not take
#: for the rule's thickness
RULE_ROW_SHARE = 0.2


def own_rows(labels: np.ndarray, runs: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Horizontal runs (`runs`: x, y, w, h in pixels; `ids`: their labels in `labels`) cut
    to the pixel rows from the first to the last each covers along at least
    `RULE_ROW_SHARE` of its length."""
    out = runs.copy()
    for n, (k, (x, y, w, h)) in enumerate(zip(ids, runs)):
        rows = np.flatnonzero((labels[y:y + h, x:x + w] == k).mean(axis=1) >= RULE_ROW_SHARE)
        if len(rows):
            out[n, 1], out[n, 3] = y + rows[0], rows[-1] - rows[0] + 1
    return out


def _hollow_letters(inked: np.ndarray, alone: bool) -> bool:
    """Whether the ink of a band as tall as letters (`written_along`) is letters: a pixel
    row inside it inked along less than half its length (their counters), and a run
    `alone` covering less than `ALONG_COVER` of its length (gaps between letters)."""
    return inked.mean(axis=1).min() < 0.5 and (not alone or inked.any(axis=0).mean() < ALONG_COVER)


def written_along(ink: np.ndarray, runs_mask: np.ndarray, runs: np.ndarray, gap: int, band: int,
                  thick: int) -> np.ndarray:
    """Per horizontal run (`runs`: x, y, w, h in pixels; `runs_mask`: the pixels of all of
    them): the share of its length with ink not on a run in the band of `band` pixel rows
    `gap` rows above it, or the band below, whichever is more. Where other runs lie
    alongside it within the band over half its length (a thick rule read as two runs), the
    bands are taken above and below them all, and 1 where they stack up (or the run alone
    stands, with gaps along it: `ALONG_COVER`) taller than `thick` pixel rows with a
    pixel row between them inked along less than half their length (letters' tops and
    feet around their counters, not one rule: a bold serif's line of letters at 300 dpi,
    bridged into one run as tall as the line, parted a narrow cell under "thường xuyên"
    in Elstob SemiBold)."""
    def share(rows: np.ndarray) -> float:  # of the run's columns, those with ink in `rows`
        return float(rows.any(axis=0).mean()) if rows.size else 0.0

    other = ink & ~runs_mask
    reach = gap + band + 1
    out = np.zeros(len(runs))
    for k, (x, y, w, h) in enumerate(runs):
        top, bottom = y, y + h  # widened past the runs alongside, while there are some
        while share(above := runs_mask[max(0, top - reach):top, x:x + w]) > 0.5:
            top -= len(above) - int(np.argmax(above.any(axis=1)))  # to the highest row on a run
        while share(below := runs_mask[bottom:bottom + reach, x:x + w]) > 0.5:
            bottom += len(below) - int(np.argmax(below.any(axis=1)[::-1]))  # past the lowest
        if bottom - top > thick and _hollow_letters(ink[top:bottom, x:x + w].astype(bool), (top, bottom) == (y, y + h)):
            out[k] = 1.0  # a stack (or one run with gaps along it) as tall as letters, hollow inside
            continue
        out[k] = max(share(other[max(0, top - gap - band):max(0, top - gap), x:x + w]),
                     share(other[bottom + gap:bottom + gap + band, x:x + w]))
    return out


def _line_extents(rows: np.ndarray, tol: int, gap: int,
                  marks: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Per horizontal run (x, y, w, h in pixels): the x-extent of the chain it is part of,
    the runs on its line (centres within `tol`) with gaps of at most `gap` between them,
    or, with `marks` (where a seal or signature was removed), gaps that lie where the page
    had marks (`marked_gap`)."""
    yc = rows[:, 1] + rows[:, 3] / 2
    lo, hi = rows[:, 0].astype(float), (rows[:, 0] + rows[:, 2]).astype(float)
    start, end = lo.copy(), hi.copy()
    order = np.argsort(yc, kind="stable")
    lines: list[list[int]] = []
    for k in order:
        if lines and yc[k] - yc[lines[-1][0]] <= tol:
            lines[-1].append(k)
        else:
            lines.append([k])
    for line in lines:
        chain: list[int] = []
        reach = -np.inf
        for k in sorted(line, key=lambda j: lo[j]):
            parted = bool(chain) and lo[k] - reach > gap
            if parted and not (marks is not None and marked_gap(marks, int(yc[k]), int(reach), int(lo[k]), gap)):
                start[chain], end[chain] = lo[chain].min(), reach
                chain, reach = [], -np.inf
            chain.append(k)
            reach = max(reach, hi[k])
        start[chain], end[chain] = lo[chain].min(), reach
    return start, end


def marked_gap(marks: np.ndarray, y: int, start: int, end: int, slack: int) -> bool:
    """Whether the gap from `start` to `end` (pixels) along row `y` lies where the page had
    marks (rows y ± 1) but for at most `BRIDGE_MARKED_SHARE`'s rest of it or `slack`
    pixels (the gap a rule's pieces are chained over anyway): removing a seal's light ink
    takes the stretch of rule under it too, and the darker edge of its ring, left in
    place, cuts the rule a few points before the marks begin. (Along a column: `marks`
    transposed.)"""
    marked = marks[max(0, y - 1):y + 2, start:end].any(axis=0)
    bare = int((~marked).sum())
    return bool(marked.any()) and bare <= max((1 - BRIDGE_MARKED_SHARE) * len(marked), slack)


def across_columns(rows: np.ndarray, columns: np.ndarray, reach: int) -> np.ndarray:
    """Per horizontal run (`rows`: x, y, w, h in pixels): whether a column rule
    (`columns`) runs through its line with its centre no further than `reach` outside
    the run's ends (a negative reach: that far inside them, so the run crosses it). A
    row rule meets or crosses column rules; a stroke of writing lies inside its cell."""
    if not len(columns) or not len(rows):
        return np.zeros(len(rows), bool)
    centre, top, bottom = columns[:, 0] + columns[:, 2] / 2, columns[:, 1], columns[:, 1] + columns[:, 3]
    x0, x1, y = rows[:, 0], rows[:, 0] + rows[:, 2], rows[:, 1] + rows[:, 3] / 2
    return ((centre[None, :] >= x0[:, None] - reach) & (centre[None, :] <= x1[:, None] + reach)
            & (top[None, :] <= y[:, None] + abs(reach)) & (bottom[None, :] >= y[:, None] - abs(reach))).any(axis=1)


def aligned_with_frame(rows: np.ndarray, columns: np.ndarray, rules: np.ndarray, tol: int, gap: int,
                       pale: np.ndarray | None = None, marks: np.ndarray | None = None,
                       faintest: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Per horizontal run lighter than the page's print (`rows`: x, y, w, h in pixels):
    whether the chain of runs on its line (`_line_extents`: centres within `tol`, gaps up
    to `gap`) ends, at each end, on a column rule (`columns`) within `gap` or at the
    frame's outer edge on that side within 2 × `gap` (a hairline's end next to a black
    rule is lost to the threshold, a copy breaks it). The frame is the print-dark row
    rules (`rules`) a column rule crosses (a stroke of writing crosses none); its edge is
    as far as any of them reaches. A run `pale` marks (under `RULE_DARKNESS` of the
    print, where toner streaks are) must also be on a line whose pale chains all end so,
    and its darker chains at one end at least: the threshold loses a pale line's stretch
    beside each black column rule it crosses, and a streak across the sheet comes back in
    pieces from rule to rule with one in the margin besides (or ending mid-cell where it
    began or ended), a hairline in pieces from rule to rule only; a streak's stretch a
    shade darker than the rest, past the page's threshold for print (a copy's streak 0.28
    and 0.34 as dark as the rules, one stretch each), ends mid-cell at both ends all the
    same, where a rule's print-dark stretch ends on a rule or the frame at one end at
    least (its other end may fall short of a column rule, lost to a copy's dropout). A
    pale run also `faintest` (as light as a streak, `HAIRLINE_MIN_DARKNESS`; without
    `faintest`, every pale run) must be the only pale chain on its line. The runs of a
    line of several chains, all kept, are also returned (the second mask): a hairline's
    pieces cut at column rules. A table drawn with hairline row rules under a heavier
    frame and column rules (a copy leaves them a fifth to a third as dark) has its row
    rules start and end where its frame's top and bottom do, its side borders sometimes
    lost altogether. A chain goes on over a gap where the page had `marks` (a seal
    removed with the stretch of hairline under it: two pieces, each alone would be a
    streak's); a streak's cuts at the column rules are no marks."""
    if not len(rules):
        return np.zeros(len(rows), bool), np.zeros(len(rows), bool)
    frame_start, frame_end = _line_extents(rules, tol, gap)
    crossed = across_columns(np.column_stack([frame_start, rules[:, 1], frame_end - frame_start, rules[:, 3]]),
                             columns, -gap)
    frame_start, frame_end = frame_start[crossed], frame_end[crossed]
    start, end = _line_extents(rows, tol, gap, marks)
    chains = np.column_stack([start, rows[:, 1], end - start, rows[:, 3]])
    at_columns = rules_at_ends(chains, np.ones(len(rows), bool), columns, np.zeros(len(columns), bool), gap)
    left_edge, right_edge = (frame_start.min(), frame_end.max()) if len(frame_start) else (-np.inf, np.inf)
    # a copy's dropout takes a hairline's last stretch before the frame's side (one broke
    # off 7 pt short of it), as it does a column rule's before a row rule (`line_between_rules`)
    left = at_columns[:, 0] | (np.abs(start - left_edge) <= 2 * gap)
    right = at_columns[:, 1] | (np.abs(end - right_edge) <= 2 * gap)
    out = left & right
    yc = rows[:, 1] + rows[:, 3] / 2
    on_line = np.abs(yc[:, None] - yc[None, :]) <= tol
    other_chain = on_line & (start[None, :] != start[:, None])  # [k, j]: j another chain on k's line
    if pale is None:
        kept = out
    else:
        alone = ~(other_chain & pale[None, :]).any(axis=1)
        streak = np.where(pale, ~out, ~left & ~right)  # a darker chain: mid-cell at both ends
        framed_line = ~(on_line & streak[None, :]).any(axis=1)
        kept = out & (~pale | (alone if faintest is None else np.where(faintest, alone, framed_line)))
    several = other_chain.any(axis=1)
    all_kept = ~(on_line & ~kept[None, :]).any(axis=1)
    return kept, kept & several & all_kept


def carried_to_columns(rows: np.ndarray, columns: np.ndarray, gap: int) -> np.ndarray:
    """Per horizontal run (`rows`: x, y, w, h in pixels): its x-extent, each end carried
    out to the centre of a column rule (`columns`, across its line) at most `gap` beyond
    it. The threshold loses a hairline's stretch beside a black rule (a copy's header
    rule ended 4.1 and 4.3 pt short of the column rules it ran between), and a row rule
    must reach the column edges it runs between to close the cells along it. Only for a
    hairline's pieces cut at column rules (`aligned_with_frame`): a lone pale piece
    between two column rules may be a streak's beside a rule, which falling short of them
    keeps out of the grid."""
    out = np.column_stack([rows[:, 0], rows[:, 0] + rows[:, 2]]).astype(float)
    if not len(columns):
        return out
    centre, top, bottom = columns[:, 0] + columns[:, 2] / 2, columns[:, 1], columns[:, 1] + columns[:, 3]
    for k, (x, y, w, h) in enumerate(rows):
        across = (top <= y + h / 2) & (bottom >= y + h / 2)
        left = across & (centre < x) & (centre >= x - gap)
        right = across & (centre > x + w) & (centre <= x + w + gap)
        if left.any():
            out[k, 0] = centre[left].max()
        if right.any():
            out[k, 1] = centre[right].min()
    return out


def row_rule_lines(rows: np.ndarray, columns: np.ndarray, tol: int, gap: int) -> np.ndarray:
    """The lines (x, y, w, h in pixels) of the horizontal runs `rows`, however light,
    chained along their line (`_line_extents`), that meet or cross a column rule
    (`columns`, within `tol`): the row rules a column rule's line may begin and end on,
    a hairline's pieces in the copy's lighter stretches included; a stroke of writing
    meets no column rule."""
    start, end = _line_extents(rows, tol, gap)
    lines = np.unique(np.column_stack([start, rows[:, 1] + rows[:, 3] // 2, end - start, np.ones(len(rows), int)]),
                      axis=0) if len(rows) else rows
    return lines[across_columns(lines, columns, tol)]


def line_between_rules(columns: np.ndarray, rows: np.ndarray, tol: int, reach: int) -> np.ndarray:
    """Per vertical run (`columns`: x, y, w, h in pixels): whether the runs on its line
    (centres within `tol`), taken together however far apart, begin on a row rule and end
    on one (`rows`, within `reach`: a copy's dropout takes a hairline's last stretch): a
    hairline column rule a copy broke into pieces (none of which need end on a rule, some
    lighter than others) runs from the table's top to its bottom; a toner streak down the
    sheet begins and ends anywhere (one began on a header's rule and ended mid-cell)."""
    top, bottom = _line_extents(columns[:, [1, 0, 3, 2]], tol, np.iinfo(np.int32).max)
    lines = np.column_stack([columns[:, 0], top, columns[:, 2], bottom - top])
    return rules_at_ends(lines, np.zeros(len(columns), bool), rows, np.ones(len(rows), bool), reach).all(axis=1)


def on_a_rule_line(columns: np.ndarray, rules: np.ndarray, tol: int) -> np.ndarray:
    """Per vertical run (`columns`: x, y, w, h in pixels): whether it lies on the line of a
    print-dark column rule (`rules`, centres within `tol`): the stretches of a hairline a
    copy left lighter than its other stretches are pieces of the same rule."""
    if not len(rules):
        return np.zeros(len(columns), bool)
    centres = columns[:, 0] + columns[:, 2] / 2
    return (np.abs(centres[:, None] - (rules[:, 0] + rules[:, 2] / 2)[None, :]) <= tol).any(axis=1)


def framed(rows: np.ndarray, columns: np.ndarray, tol: int, gap: int) -> np.ndarray:
    """Per horizontal run (`rows`: x, y, w, h in pixels): whether it is a piece of a row
    rule: the chain of runs on its line (`_line_extents`) runs from a column rule to a
    column rule (`columns`, within `tol`), or two column rules end on it (the table's top
    or bottom border, whose pieces a light copy breaks anywhere). A copier's
    toner streak across the sheet starts and ends anywhere and crosses the column rules
    it meets: cut back to the column edges it passes, it would part the rows it crosses
    between two lines of their text."""
    start, end = _line_extents(rows, tol, gap)
    chains = np.column_stack([start, rows[:, 1], end - start, rows[:, 3]])
    framed_by_columns = rules_at_ends(chains, np.ones(len(rows), bool), columns, np.zeros(len(columns), bool),
                                      tol).all(axis=1)
    cx0, cy0, ch = (columns[:, k].astype(float) for k in (0, 1, 3))
    out = np.zeros(len(rows), bool)
    for k, (x, y, w, h) in enumerate(rows):
        yc = y + h / 2
        ending = ((np.abs(cy0 - yc) <= tol) | (np.abs(cy0 + ch - yc) <= tol)) \
            & (cx0 >= start[k] - tol) & (cx0 <= end[k] + tol)
        out[k] = framed_by_columns[k] or int(ending.sum()) >= 2
    return out


def _levels_along(piece: np.ndarray, gray: np.ndarray, horizontal: bool) -> np.ndarray:
    """The darkest grey across a run at each step along its length (`piece`: its mask
    over `gray`, the same box of the page; 255 where the run has no pixel)."""
    return np.where(piece, gray, 255).min(axis=0 if horizontal else 1)


def _core_levels(gray: np.ndarray, labels: np.ndarray, stats: np.ndarray, horizontal: bool) -> np.ndarray:
    """Per component of a rule mask: the median, along its length, of its darkest pixel
    across it (a rule's core; 255 for the background label)."""
    out = np.full(len(stats), 255.0)
    for k in range(1, len(stats)):
        x, y, w, h, _ = stats[k]
        levels = _levels_along(labels[y:y + h, x:x + w] == k, gray[y:y + h, x:x + w], horizontal)
        out[k] = float(np.median(levels[levels < 255])) if (levels < 255).any() else 255.0
    return out


def ruling_lines(image: PageImage) -> tuple[list[HLine], list[VLine]]:
    """Horizontal and vertical rules of a (deskewed) page image, in points: long thin
    runs of ink (see the module's docstring), without the faint ones (`RULE_DARKNESS`)."""
    ink = _ink(image.gray)
    hs: list[HLine] = []
    vs: list[VLine] = []
    min_h = image.px(18)  # shorter horizontal runs are letters, not rules
    min_v = image.px(12)
    hmask, vmask = straight_runs(ink, min_h), straight_runs(ink, min_v, horizontal=False)
    found = []
    for mask, horizontal in ((hmask, True), (vmask, False)):
        count, labels, stats, centroids = cv2.connectedComponentsWithStats(mask, connectivity=8)
        long = stats[:, cv2.CC_STAT_WIDTH if horizontal else cv2.CC_STAT_HEIGHT] >= (min_h if horizontal else min_v)
        long[0] = False
        found.append((horizontal, labels, stats, centroids, long,
                      _core_levels(image.gray, labels, stats, horizontal)))
    levels, long = np.concatenate([f[5] for f in found]), np.concatenate([f[4] for f in found])
    darkness = 255.0 - levels
    boxes = np.concatenate([f[2][:, :4] for f in found])
    row_runs = np.concatenate([np.full(len(f[2]), f[0]) for f in found])
    lengths = np.where(row_runs, boxes[:, 2], boxes[:, 3])
    typical = min(float(np.median(darkness[long])), typical_darkness(levels[long], lengths[long])) \
        if long.any() else 0.0  # long runs are mostly print: the lighter of by count, by length
    dark = long & (darkness >= RULE_DARKNESS * typical)
    light = dark & (darkness < RULE_DARKNESS * typical_darkness(levels[dark], lengths[dark]))
    print_dark = dark & ~light & (lengths >= image.px(ANCHOR_LENGTH))
    dark_columns = boxes[print_dark & ~row_runs]
    pale_rows = long & row_runs & ~dark
    on_frame = np.zeros(len(dark), bool)  # row runs as light as hairlines, on the table's frame
    cut_at_columns = np.zeros(len(dark), bool)  # … of those, a hairline's pieces cut at column rules
    if (pale_rows | light).any():  # chained with the darker stretches of their lines (which meet columns)
        hairlines, lines = (pale_rows | light) & row_runs, print_dark & row_runs
        lines[lines] = across_columns(boxes[lines], dark_columns, image.px(ANCHOR_TOL))
        lines |= hairlines
        faintest = pale_rows & (darkness < HAIRLINE_MIN_DARKNESS * typical)
        kept, cut = aligned_with_frame(boxes[lines], dark_columns, boxes[print_dark & row_runs],
                                       image.px(ANCHOR_TOL), image.px(GAP_TOL), pale_rows[lines], image.mark_spans,
                                       faintest[lines])
        on_frame[hairlines], cut_at_columns[hairlines] = kept[hairlines[lines]], cut[hairlines[lines]]
    dark |= on_frame
    extents = np.column_stack([boxes[:, 0], boxes[:, 0] + boxes[:, 2]])  # row runs' x-extents, in pixels
    extents[cut_at_columns] = carried_to_columns(boxes[cut_at_columns], dark_columns, image.px(GAP_TOL))
    faint = (light | (long & ~dark)) & ~row_runs
    if faint.any():  # a streak, or a hairline of a light copy: kept when it ends on a rule
        anchors = dark & (lengths >= image.px(ANCHOR_LENGTH))  # and no writing runs through it
        row_lines = row_rule_lines(boxes[long & row_runs & (lengths >= image.px(ANCHOR_LENGTH))],
                                   dark_columns, image.px(ANCHOR_TOL), image.px(GAP_TOL))
        dark[faint] = ((light[faint] & ends_on_rules(boxes[faint], row_runs[faint], boxes[anchors],
                                                     row_runs[anchors], image.px(ANCHOR_TOL)))
                       | line_between_rules(boxes[long & ~row_runs], row_lines, image.px(ANCHOR_TOL),
                                            image.px(2 * GAP_TOL))[faint[long & ~row_runs]]
                       | on_a_rule_line(boxes[faint], dark_columns, image.px(ANCHOR_TOL))) \
            & ~written_across(ink, boxes[faint], boxes[anchors & row_runs], image.px(WRITING_REACH),
                              image.px(ROW_RULE_CLEAR))
    faint_rows = light & row_runs & ~on_frame
    if faint_rows.any():  # a streak across the table, or a light copy's row rule in pieces
        columns, rows = dark & ~row_runs & (lengths >= image.px(ANCHOR_LENGTH)), dark & row_runs
        dark[faint_rows] = framed(boxes[rows], boxes[columns], image.px(ANCHOR_TOL),
                                  image.px(GAP_TOL))[faint_rows[rows]]
    rows_kept = dark & row_runs
    if rows_kept.any():  # a line of letters' tops or feet, not a rule
        runs = own_rows(found[0][1], boxes[rows_kept], np.flatnonzero(rows_kept))  # row runs first: index = label
        dark[rows_kept] = written_along(ink, hmask, runs, image.px(ALONG_GAP), max(1, image.px(ALONG_BAND)),
                                        image.px(ALONG_STACK)) < ALONG_SHARE
    print_dark, run_darkness = (np.split(a, [len(found[0][5])])[1] for a in (print_dark, darkness))
    dark = np.split(dark, [len(found[0][5])])
    for (horizontal, labels, stats, centroids, _, _), keep in zip(found, dark):
        for k in np.flatnonzero(keep):
            x, y, w, h, _ = stats[k]
            cx, cy = centroids[k]
            if horizontal:
                hs.append(HLine(image.pt(cy), image.pt(extents[k, 0]), image.pt(extents[k, 1])))
            else:
                piece = labels[y:y + h, x:x + w] == k
                top, bottom, centre = straight_part(piece, image.px(STEM_TAIL), image.px(STEM_GROW))
                if print_dark[k]:  # a streak down the sheet along the rule's line: not the rule's
                    top, bottom = print_dark_part(_levels_along(piece, image.gray[y:y + h, x:x + w], False),
                                                  top, bottom, RULE_DARKNESS * min(typical, run_darkness[k]),
                                                  image.px(PALE_TAIL))
                vs.append(VLine(image.pt(x + centre), image.pt(y + top), image.pt(y + bottom)))
    vs += rule_pieces(ink, hs, vs, image, min_v)
    hs, vs = bridged_over_marks(hs, vs, image)
    return [under_writing(h, hs, vs, image) for h in hs], vs


#: share of a stretch of a row rule's line that must be at least half as dark (from the
#: paper beside it) as the rule itself where it was found, for the rule to go on there
UNDER_WRITING_SHARE = 0.95
#: grey levels: a rule found must be at least this much darker than the paper beside it
UNDER_WRITING_CONTRAST = 20
#: share of the stretch's columns with writing both just above and just below the line
#: (within 1.2–3.6 pt of it) at which the line runs through writing, not under it
UNDER_WRITING_CROSSED = 0.4


def under_writing(h: HLine, hs: list[HLine], vs: list[VLine], image: PageImage) -> HLine:
    """A row rule `h` (at least `ANCHOR_LENGTH` long) that ends mid-cell, carried on along
    its line to the column rule it fell short of where the page's grey shows the line
    there: at `UNDER_WRITING_SHARE` of the stretch's columns, at least half as dark from
    the paper as the rule found. The page's threshold (a mean over 35 px) loses a faint
    hairline right under a line of writing, whose ink darkens the mean: a scan's 0.1 pt
    grey rule under "… thay thế, bãi bỏ" was found only from past the writing's end, 75 pt
    into the task column, and its two tasks read as one cell. Writing alone is no line:
    the gaps between its letters are paper. Not carried on: a piece spanning no whole
    column, from one column rule to the next (a copier's streak under a line of writing,
    found in pieces, looks the same); a piece from within `ANCHOR_LENGTH` of the sheet's
    edge (a streak's; a copy's sheet edges can be found as column rules, so the frame
    does not tell); a line with writing just above and just below it at
    `UNDER_WRITING_CROSSED` of the stretch's columns (a streak through a cell's text);
    where another of the row rules `hs` runs within `GAP_TOL` of the line (a frame's
    double rule, a thick rule's other edge: the stretch is that rule's)."""
    if h.x1 - h.x0 < ANCHOR_LENGTH:
        return h
    across = sorted(v.x for v in vs if v.y1 - v.y0 >= ANCHOR_LENGTH and v.y0 - GAP_TOL <= h.y <= v.y1 + GAP_TOL)
    if len([x for x in across if h.x0 - GAP_TOL <= x <= h.x1 + GAP_TOL]) < 2:
        return h  # no whole cell's width: a streak's piece or a stroke's as likely as a rule's
    y, gray = image.px(h.y), image.gray
    if h.x0 < ANCHOR_LENGTH or h.x1 > image.pt(gray.shape[1]) - ANCHOR_LENGTH:
        return h  # from the sheet's edge: a copier's streak
    off, reach = max(2, image.px(1.2)), max(6, image.px(3.6))  # writing just above / below
    if not reach <= y < gray.shape[0] - reach:
        return h
    profile = gray[y - 1:y + 2].min(axis=0).astype(float)
    paper = np.median(np.vstack([gray[y - 6:y - 3], gray[y + 4:y + 7]]), axis=0)
    found = slice(image.px(h.x0), image.px(h.x1))
    rule, page = float(np.median(profile[found])), float(np.median(paper[found]))
    if page - rule < UNDER_WRITING_CONTRAST:  # no line darker than the paper to follow
        return h
    level = (rule + page) / 2
    dark = profile <= level
    above = (gray[y - reach:y - off + 1] <= level).any(axis=0)
    below = (gray[y + off:y + reach + 1] <= level).any(axis=0)

    def shows_line(a: float, b: float) -> bool:
        if any(o is not h and abs(o.y - h.y) <= GAP_TOL and o.x0 < b and o.x1 > a for o in hs):
            return False
        span = slice(image.px(a), image.px(b))
        stretch = dark[span]
        if len(stretch) == 0 or float(stretch.mean()) < UNDER_WRITING_SHARE:
            return False
        # writing the line runs through (a streak across a cell's text), not under
        return float((above[span] & below[span]).mean()) < UNDER_WRITING_CROSSED

    x0, x1 = h.x0, h.x1
    left = [x for x in across if x < h.x0 - GAP_TOL]
    right = [x for x in across if x > h.x1 + GAP_TOL]
    if left and not any(abs(x - h.x0) <= GAP_TOL for x in across) and shows_line(left[-1], h.x0):
        x0 = left[-1]
    if right and not any(abs(x - h.x1) <= GAP_TOL for x in across) and shows_line(h.x1, right[0]):
        x1 = right[0]
    return h if (x0, x1) == (h.x0, h.x1) else HLine(h.y, x0, x1)


#: points: a copy's dropout breaks a faint hairline into runs shorter than a rule must be
#: to be found alone (`ruling_lines`' 12 pt); a vertical run at least this long on the
#: line of a column rule found (centres within `RULE_PIECE_TOL`), in a gap between two of
#: that rule's pieces that does not run from a row rule to a row rule, is a piece of it:
#: without them a row the rule runs along in pieces of 18, 76 and 30 pt of 203 was read
#: as one cell with the column beside it (the item's number and its objective in one).
#: A gap from row rule to row rule is a merged cell's (a section row), where a capital's
#: stem on the rule's line is no piece of it. The same holds past the rule's first or
#: last piece, up to the row rule across its line there, when that piece does not end on
#: a row rule: a copy faded a hairline out 8 pt into a table's last row (visible, grey
#: 200–235, its dropout leaving runs of 6 and 7 pt), and that row's item number and
#: objective were read as one cell.
RULE_PIECE_MIN = 4.0
RULE_PIECE_TOL = 0.75


def _rule_gaps(x: float, pieces: list[VLine], hs: list[HLine]) -> list[tuple[float, float]]:
    """Where the column rule on line `x` (its `pieces`, by top) may have been broken: the
    gaps between its pieces and, past its first or last piece, up to the nearest row rule
    across the line, except gaps that run from a row rule to a row rule."""
    across = [h.y for h in hs if h.x0 - GAP_TOL <= x <= h.x1 + GAP_TOL]
    top, bottom = pieces[0].y0, max(v.y1 for v in pieces)
    above, below = [y for y in across if y < top], [y for y in across if y > bottom]
    gaps = [(a.y1, b.y0) for a, b in zip(pieces, pieces[1:]) if b.y0 > a.y1]
    gaps += [(max(above), top)] if above else []
    gaps += [(bottom, min(below))] if below else []
    return [(a, b) for a, b in gaps if not (on_row_rule(x, a, hs) and on_row_rule(x, b, hs))]


def rule_pieces(ink: np.ndarray, hs: list[HLine], vs: list[VLine], image: PageImage, min_v: int) -> list[VLine]:
    """Short vertical runs (`RULE_PIECE_MIN` to `min_v` px, no wider than 1.5 pt) in the
    gaps (`_rule_gaps`) of the column rules `vs` holds at least `ANCHOR_LENGTH` of."""
    lines: list[list[VLine]] = []
    for v in sorted(vs, key=lambda v: v.x):
        if lines and v.x - lines[-1][-1].x <= RULE_PIECE_TOL:
            lines[-1].append(v)
        else:
            lines.append([v])
    lines = [line for line in lines if sum(v.y1 - v.y0 for v in line) >= ANCHOR_LENGTH]
    if not lines:
        return []
    mask = straight_runs(ink, image.px(RULE_PIECE_MIN), horizontal=False)
    _, _, stats, centroids = cv2.connectedComponentsWithStats(mask, connectivity=8)
    short = (stats[:, cv2.CC_STAT_HEIGHT] < min_v) & (stats[:, cv2.CC_STAT_WIDTH] <= image.px(1.5))
    short[0] = False
    cx = image.pt(centroids[:, 0])
    top = image.pt(stats[:, cv2.CC_STAT_TOP].astype(float))
    bottom = image.pt((stats[:, cv2.CC_STAT_TOP] + stats[:, cv2.CC_STAT_HEIGHT]).astype(float))
    out = []
    for line in lines:
        x = float(np.median([v.x for v in line]))
        near = short & (np.abs(cx - x) <= RULE_PIECE_TOL)
        for start, end in _rule_gaps(x, sorted(line, key=lambda v: v.y0), hs):
            on = near & (top > start) & (bottom < end)
            out += [VLine(float(cx[k]), float(top[k]), float(bottom[k])) for k in np.flatnonzero(on)]
            near &= ~on
    return out


#: points: two pieces of a rule are on one line when their centres are this close
BRIDGE_LINE_TOL = ANCHOR_TOL
#: share of a gap between two pieces of a rule that must lie where the page had marks
BRIDGE_MARKED_SHARE = 0.8


def bridged_over_marks(hs: list[HLine], vs: list[VLine], image: PageImage) -> tuple[list[HLine], list[VLine]]:
    """Rules a seal or signature crossed, made whole again: removing a mark's light ink
    takes the stretch of rule under it too (the same grey once mixed), and a row rule cut
    mid-cell on both sides of a seal is cut back to the column edges it passes, so the two
    rows it parted became one cell in those columns (their products and timelines in one).
    Two pieces on one line are joined when the gap between them lies where the page had
    marks or what they enclose (`PageImage.mark_spans`, `marked_gap`) and one of them at
    least `ANCHOR_LENGTH` long (a rule's, not a noisy photo's specks chained into runs)
    ends there mid-cell, on no rule across it (one `ANCHOR_LENGTH` long at least: the stem
    of a section title's capital under a row rule is no column rule): a merged cell's
    border stops at a column rule and goes on at the next (a row rule at a column rule's
    break), a seal's edge anywhere; a short piece beside a rule's end (a seal's arc on the
    line, in a merged cell) is no rule's piece either."""
    if image.marks is None:
        return hs, vs
    tol = BRIDGE_LINE_TOL
    marks = image.mark_spans

    def gap_marked(horizontal: bool, at: float, start: float, end: float) -> bool:
        return marked_gap(marks if horizontal else marks.T, image.px(at), image.px(start), image.px(end),
                          image.px(GAP_TOL))

    long_vs = [v for v in vs if v.y1 - v.y0 >= ANCHOR_LENGTH]  # a letter's stem under a rule is none

    def on_column_rule(x: float, y: float) -> bool:
        return any(abs(v.x - x) <= tol and v.y0 - tol <= y <= v.y1 + tol for v in long_vs)

    def on_a_row_rule(y: float, x: float) -> bool:
        return on_row_rule(x, y, long_hs, tol)

    def bridged(pieces: list, key, span, make, horizontal: bool, ends_on) -> list:
        out: list = []
        for piece in sorted(pieces, key=lambda q: span(q)[0]):
            line = [k for k, q in enumerate(out) if abs(key(q) - key(piece)) <= tol and span(q)[1] < span(piece)[0]]
            if line:
                k = max(line, key=lambda j: span(out[j])[1])
                prev = out[k]
                at = (key(prev) + key(piece)) / 2
                end, start = span(prev)[1], span(piece)[0]
                mid_cell = [q for q, edge in ((prev, end), (piece, start)) if not ends_on(edge, at)]
                if any(span(q)[1] - span(q)[0] >= ANCHOR_LENGTH for q in mid_cell) \
                        and gap_marked(horizontal, at, end, start):
                    out[k] = make(at, span(prev)[0], max(span(prev)[1], span(piece)[1]))
                    continue
            out.append(piece)
        return out

    hs = bridged(hs, lambda h: h.y, lambda h: (h.x0, h.x1), HLine, True, on_column_rule)
    long_hs = [h for h in hs if h.x1 - h.x0 >= ANCHOR_LENGTH]  # the row rules once bridged
    vs = bridged(vs, lambda v: v.x, lambda v: (v.y0, v.y1), VLine, False, on_a_row_rule)
    return hs, vs


#: points: how far from each end of a column rule a letter glued to it is looked for. A
#: bold capital with two stacked diacritics ("Ề", "Ấ") is ~12 pt tall and, in a section
#: row, its marks reach the row rule above: where that capital stands on a column rule's
#: line, the vertical run goes on through the crossing into the letter's stem, and the
#: rule would seem to cross the section row (cutting its title in two).
STEM_TAIL = 16.0
#: points: how much wider than the rule a row must be to hold a glued stroke. A rule 3 px
#: wide reads 3 to 5 px along its length once blurred and compressed; a letter's stem
#: beside it adds its own width (a bold stem is over 1.2 pt).
STEM_GROW = 0.75


#: points: a print-dark column rule's end this long or longer lighter than
#: `RULE_DARKNESS` of the page's rules and of the run's own core is a toner streak down
#: the sheet that runs on along the rule's line (one ran 12 pt above a table's top rule
#: and 190 pt below its bottom one, a fifth as dark as the rule, and the column rule ending
#: on neither was dropped); a rule's own ends are as dark as the rest of it but for a
#: copy's dropout, a few points, or a light copy's rules hovering about the page's
#: threshold (their own core is the measure there: a copy's rule 40-60 below paper dipped
#: under the page's 41-50 along its last 12-20 pt, and cut there it no longer parted the
#: last row's cells).
PALE_TAIL = 6.0


def print_dark_part(levels: np.ndarray, top: int, bottom: int, threshold: float, tail: int) -> tuple[int, int]:
    """(first row, end row) of a vertical run from `top` to `bottom` without a pale end
    (`levels`: the darkest grey of each of its rows, 255 where it has none): an end
    stretch `tail` rows or longer whose rows are, by the median over `tail` rows, lighter
    than `threshold` below paper is cut off. A run with no row that dark is kept whole."""
    span = levels[top:bottom]
    if len(span) < tail:
        return top, bottom
    half = tail // 2  # an odd window, centred on each row
    window = np.lib.stride_tricks.sliding_window_view(np.pad(span, (half, half), mode="edge"), 2 * half + 1)
    rows = np.flatnonzero(255.0 - np.median(window, axis=1) >= threshold)
    if not len(rows):
        return top, bottom
    first, last = top + int(rows[0]), top + int(rows[-1]) + 1
    return (first if first - top >= tail else top), (last if bottom - last >= tail else bottom)


def straight_part(piece: np.ndarray, tail: int, grow: int = 0) -> tuple[int, int, float]:
    """(first row, end row, mean column centre) of the straight part of one vertical run
    (`piece`: its boolean mask, rows × columns): an end of the run, within `tail` rows,
    whose rows sit off the line of the `tail` rows before it (centre moved by more than a
    third of the rule's width, or over 1.25 × and `grow` px wider) is a stroke glued to
    the rule and cut off. A run shorter than 2 × `tail` is kept whole."""
    rows = piece.any(axis=1)
    n = piece.shape[0]
    left = np.where(rows, np.argmax(piece, axis=1), 0)
    right = np.where(rows, piece.shape[1] - 1 - np.argmax(piece[:, ::-1], axis=1), 0)
    centre, width = (left + right) / 2.0, (right - left + 1).astype(float)
    top, bottom = 0, n
    if n >= 2 * tail:
        for end in (1, -1):  # the bottom end, then the top end
            order = np.arange(n)[::-1] if end == 1 else np.arange(n)
            ref = order[tail:2 * tail]
            ref = ref[rows[ref]]
            if not len(ref):
                continue
            mc, mw = float(np.median(centre[ref])), float(np.median(width[ref]))
            off = rows & ((np.abs(centre - mc) > max(1.0, mw / 3)) | (width > max(1.25 * mw + 1, mw + grow)))
            tail_off = off[order[:tail]]  # from the end inwards
            share = np.cumsum(tail_off) / np.arange(1, tail + 1)  # off share from the end to row i
            cut = [i for i in range(tail) if tail_off[i] and share[i] >= 0.8]
            if cut:
                k = max(cut)  # the innermost off row with mostly off rows between it and the end
                if end == 1:
                    bottom = n - 1 - k
                else:
                    top = k + 1
    kept = rows[top:bottom]
    mid = float(np.mean(centre[top:bottom][kept])) if kept.any() else float(np.mean(centre[rows]))
    return top, bottom, mid
