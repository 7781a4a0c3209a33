"""Scanned pages: skew estimate and rules found in pixels, merged cells included."""
import cv2
import numpy as np
import pytest

from extractors.grid import page_grids
from extractors.scan import PageImage, deskew, estimate_skew, ruling_lines

DPI = 300


def drawn_table(angle: float = 0.0) -> np.ndarray:
    """A 3-column ruled table at 300 dpi: header, then an item whose first two cells
    span two rows (no rule inside them)."""
    img = np.full((1200, 2400), 255, np.uint8)
    xs, ys = [200, 700, 1500, 2200], [200, 400, 650, 900]
    for y in (ys[0], ys[1], ys[3]):
        cv2.line(img, (xs[0], y), (xs[3], y), 0, 3)
    cv2.line(img, (xs[2], ys[2]), (xs[3], ys[2]), 0, 3)  # only the last column is split
    for x in xs:
        cv2.line(img, (x, ys[0]), (x, ys[3]), 0, 3)
    cv2.putText(img, "Nhiem vu", (260, 330), cv2.FONT_HERSHEY_SIMPLEX, 2, 0, 4)
    if angle:
        m = cv2.getRotationMatrix2D((1200, 600), angle, 1.0)
        img = cv2.warpAffine(img, m, (2400, 1200), borderValue=255)
    return img


@pytest.mark.parametrize("angle", [-0.9, -0.3, 0.4, 1.0])
def test_skew_is_measured_and_removed(angle):
    img = drawn_table(angle)
    found = estimate_skew(img)
    assert found == pytest.approx(-angle, abs=0.08)
    assert abs(estimate_skew(deskew(img, found))) < 0.08


def test_rules_from_pixels_give_the_grid_with_its_vertical_merge():
    image = PageImage(1, drawn_table(), DPI, 0.0)
    hs, vs = ruling_lines(image)
    (grid,) = page_grids(1, hs, vs)
    assert (grid.n_rows, grid.n_cols) == (3, 3)
    spans = sorted((c.row0, c.row1, c.col0, c.col1) for c in grid.cells)
    assert spans == sorted([(0, 0, 0, 0), (0, 0, 1, 1), (0, 0, 2, 2), (1, 2, 0, 0), (1, 2, 1, 1), (1, 1, 2, 2),
                            (2, 2, 2, 2)])
    assert grid.xs[1] == pytest.approx(700 * 72 / DPI, abs=1.0)  # points, like the text layer
