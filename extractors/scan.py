"""Scanned pages: page image → deskew → ruling lines, in the same units as the text layer.

The grid of a scanned table is found exactly as for a born-digital one
(`extractors.grid`): only the rules come from pixels instead of vector paths.

- Image: the page rendered by PDFium at 300 dpi, grayscale (a 300-dpi render of a
  200-dpi scan is an upsampling that Tesseract reads better than the native pixels).
- Skew: long horizontal rules are isolated by a morphological opening; each rule's
  pixels are fitted with a straight line and the angle is the length-weighted median.
  (Hough on the full page took 2.9 s per page here; the fit takes ~0.1 s.) The page is
  rotated back when the angle is above 0.05°; scans of the reference corpus are skewed
  up to ±1°.
- Rules: adaptive threshold (uneven scanner lighting), closing to bridge noise gaps,
  opening with a long thin kernel to keep only straight runs, then each connected
  component is one rule. Converted to points (1/72 in) and top-left origin, so the
  grid builder's tolerances mean the same thing for both paths.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import pypdfium2 as pdfium

from extractors.grid import HLine, VLine

DPI = 300
MIN_SKEW = 0.05  # degrees: below this the page is left as it is


@dataclass
class PageImage:
    number: int  # 1-based page number
    gray: np.ndarray  # deskewed, uint8, white background
    dpi: int
    skew: float  # degrees the scan was rotated by (corrected)

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


def _ink(gray: np.ndarray) -> np.ndarray:
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 35, 15)


def _horizontal_runs(ink: np.ndarray, length: int) -> np.ndarray:
    closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 1)))
    return cv2.morphologyEx(closed, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))


def estimate_skew(gray: np.ndarray) -> float:
    """Angle (degrees, counter-clockwise positive as in cv2) that straightens the rules."""
    small = cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    runs = _horizontal_runs(_ink(small), max(30, small.shape[1] // 40))
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


def deskew(gray: np.ndarray, angle: float) -> np.ndarray:
    if abs(angle) < MIN_SKEW:
        return gray
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def deskewed(number: int, gray: np.ndarray, dpi: int = DPI) -> PageImage:
    angle = estimate_skew(gray)
    return PageImage(number, deskew(gray, angle), dpi, angle)


def page_image(pdf: pdfium.PdfDocument, index: int, dpi: int = DPI) -> PageImage:
    return deskewed(index + 1, render(pdf, index, dpi), dpi)


def ruling_lines(image: PageImage) -> tuple[list[HLine], list[VLine]]:
    """Horizontal and vertical rules of a (deskewed) page image, in points."""
    ink = _ink(image.gray)
    hs: list[HLine] = []
    vs: list[VLine] = []
    min_h = image.px(18)  # shorter horizontal runs are letters, not rules
    min_v = image.px(12)
    hmask = _horizontal_runs(ink, min_h)
    closed_v = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 9)))
    vmask = cv2.morphologyEx(closed_v, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, min_v)))
    for mask, horizontal in ((hmask, True), (vmask, False)):
        count, labels, stats, centroids = cv2.connectedComponentsWithStats(mask, connectivity=8)
        for k in range(1, count):
            x, y, w, h, _ = stats[k]
            cx, cy = centroids[k]
            if horizontal and w >= min_h:
                hs.append(HLine(image.pt(cy), image.pt(x), image.pt(x + w)))
            elif not horizontal and h >= min_v:
                vs.append(VLine(image.pt(cx), image.pt(y), image.pt(y + h)))
    return hs, vs
