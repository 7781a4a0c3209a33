"""Scanned pages: skew estimate and rules found in pixels, merged cells included."""
import cv2
import numpy as np
import pytest

from extractors.grid import page_grids
from extractors.scan import (STEM_GROW, STEM_TAIL, PageImage, deskew, drop_light_marks, ends_on_rules, estimate_skew,
                             flatten, framed, print_dark_part, ruling_lines, straight_part, typical_darkness,
                             without_marks,
                             written_across)

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


# ---------------------------------------------------------------- photocopies and marks

def photocopied(img: np.ndarray) -> np.ndarray:
    """`img` as a tired copier gives it back: grey paper, lighter toner, darker towards
    the left edge (uneven light), Gaussian noise (seeded)."""
    w = img.shape[1]
    light = (0.7 + 0.3 * np.linspace(0, 1, w))[None, :]
    out = (60 + img.astype(np.float32) * (190 - 60) / 255) * light
    out += np.random.default_rng(3).normal(0, 6, img.shape)
    return np.clip(out, 0, 255).astype(np.uint8)


def with_seal(img: np.ndarray, center=(1100, 640), radius=230, level=150) -> np.ndarray:
    """A seal's ring (double circle) and letters in mid-grey over the page, as a red seal
    looks on a grey scan; ink darkens the page (minimum), it does not erase it."""
    seal = np.full_like(img, 255)
    cv2.circle(seal, center, radius, level, 7)
    cv2.circle(seal, center, int(radius * 0.8), level, 3)
    cv2.putText(seal, "UY BAN NHAN DAN", (center[0] - radius + 40, center[1]), cv2.FONT_HERSHEY_SIMPLEX, 1.4,
                level, 4)
    return np.minimum(img, seal)


def test_flatten_turns_grey_uneven_paper_white_and_keeps_ink_black():
    page = photocopied(drawn_table())
    assert page[100, 100] < 140 and page[100, 2300] > 170  # grey, darker to the left
    flat = flatten(page)
    assert flat[100, 100] == 255 and flat[100, 2300] == 255  # paper: white on both sides
    assert flat[200, 1000] < 60  # a rule's pixel: still black
    clean = drawn_table()
    assert np.mean(np.abs(flatten(clean).astype(int) - clean)) < 1.0  # a clean page is left as it is


def test_the_grid_of_a_photocopy_is_the_grid_of_the_page():
    image = PageImage(1, flatten(photocopied(drawn_table())), DPI, 0.0)
    (grid,) = page_grids(1, *ruling_lines(image))
    assert (grid.n_rows, grid.n_cols) == (3, 3)


def test_a_seal_over_the_table_is_removed_and_the_rules_under_it_stay():
    page = with_seal(drawn_table())
    clean = without_marks(flatten(page))
    ring = (slice(640 - 232, 640 - 226), slice(1080, 1120))  # the top of the ring, away from print
    assert page[ring].min() <= 160 and clean[ring].min() == 255
    assert clean[400, 1100] < 60  # the row rule the ring crosses is still there
    words = (slice(270, 340), slice(250, 700))  # "Nhiem vu", away from the seal: untouched
    assert np.array_equal(clean[words], flatten(page)[words])
    (grid,) = page_grids(1, *ruling_lines(PageImage(1, clean, DPI, 0.0)))
    assert (grid.n_rows, grid.n_cols) == (3, 3)


def test_light_hairlines_are_kept_when_no_mark_is_near():
    """A faint, thin rule (a 200-dpi scan of a 0.5 pt rule) is no mark: without a seal on
    the page nothing is removed, though the rule is as light as a seal's ink; a light
    stroke away from print is what a page-wide removal would take."""
    page = np.full((600, 1200), 255, np.uint8)
    cv2.line(page, (100, 300), (1100, 300), 140, 2)
    cv2.line(page, (300, 450), (340, 460), 140, 3)
    cv2.putText(page, "Ke hoach", (120, 200), cv2.FONT_HERSHEY_SIMPLEX, 2, 0, 4)
    assert np.array_equal(without_marks(page), page)
    removed = drop_light_marks(page)
    assert removed[455, 320] == 255 and removed[300, 600] == 140  # the stroke goes, the rule stays


HAIRLINE_XS, HAIRLINE_YS = (200, 700, 1500, 2200), (200, 400, 650, 900)


def hairline_table(level: int) -> np.ndarray:
    """A 3 × 3 table at 300 dpi ruled in grey `level`, as a scan gives back a word
    processor's hairline borders."""
    img = np.full((1200, 2400), 255, np.uint8)
    for y in HAIRLINE_YS:
        cv2.line(img, (HAIRLINE_XS[0], y), (HAIRLINE_XS[-1], y), level, 3)
    for x in HAIRLINE_XS:
        cv2.line(img, (x, HAIRLINE_YS[0]), (x, HAIRLINE_YS[-1]), level, 3)
    return img


def test_a_seal_over_hairline_rules_is_removed_and_the_hairlines_stay():
    """A word processor's hairline borders, copied, are as grey as a seal's ink and lie
    far from dark print: the seal goes, the rules under it stay whole (they were cut
    where the ring crossed them, and a column merged with the next)."""
    img = hairline_table(190)
    cv2.putText(img, "Nhiem vu", (260, 330), cv2.FONT_HERSHEY_SIMPLEX, 2, 0, 4)
    page = with_seal(img, (1500, 560), 220)
    clean = without_marks(page)
    assert page[365:375, 1385:1395].min() <= 150 and clean[365:375, 1385:1395].min() == 255  # the ring, gone
    assert clean[300:400, 1499:1502].min(axis=1).max() <= 190  # the column rule it crossed, whole
    (grid,) = page_grids(1, *ruling_lines(PageImage(1, clean, DPI, 0.0)))
    assert (grid.n_rows, grid.n_cols) == (3, 3)


def test_light_marks_dropped_in_boxes_are_those_of_the_whole_page_there():
    """`drop_light_marks_in` works on the boxes alone, each widened by a rule's span: the
    seal over a hairline table goes and the rules it crosses stay exactly as a removal over
    the whole page leaves them, and outside the widened boxes nothing changes (a light
    stroke far from print, which the whole page's removal takes, stays)."""
    from extractors.scan import RULE_SPAN_PX, drop_light_marks_in

    img = hairline_table(190)
    cv2.putText(img, "Nhiem vu", (260, 330), cv2.FONT_HERSHEY_SIMPLEX, 2, 0, 4)
    cv2.line(img, (2300, 1100), (2340, 1110), 150, 3)            # a light stroke far from the seal
    page = with_seal(img, (1500, 560), 220)
    box = (400, 700, 1350, 1650)                                  # around the seal's ring
    inside = drop_light_marks_in(page, [box, (450, 650, 1400, 1600)])
    whole = drop_light_marks(page)
    t, b, l, r = box
    assert np.array_equal(inside[t:b, l:r], whole[t:b, l:r]) and inside[t:b, l:r].min() < 255
    assert inside[370, 1390] == 255 and inside[300:400, 1499:1502].min(axis=1).max() <= 190
    far = np.ones(page.shape, bool)
    far[max(t - RULE_SPAN_PX, 0):b + RULE_SPAN_PX, max(l - RULE_SPAN_PX, 0):r + RULE_SPAN_PX] = False
    assert np.array_equal(inside[far], page[far]) and whole[1105, 2320] == 255 and inside[1105, 2320] == 150


def test_letters_of_a_light_font_are_no_marks():
    """A thin monospace at 200 dpi has letters no part of which is as dark as print: each
    is a light piece as large as a seal's fragment, but none spans a seal's or a
    signature's length, so the page has no marks and its strokes stay whole."""
    page = np.full((600, 1600), 255, np.uint8)
    for k, word in enumerate(("Truoc ngay 25/12/2025", "Cac so, ban, nganh")):
        cv2.putText(page, word, (60, 200 + 150 * k), cv2.FONT_HERSHEY_SIMPLEX, 1.3, 150, 3)
    assert np.array_equal(without_marks(page), page)
    assert not np.array_equal(drop_light_marks(page), page)   # what the removal would do to them
    assert not np.array_equal(without_marks(with_seal(page, (800, 300), 200)), with_seal(page, (800, 300), 200))


def test_a_sealed_page_knows_where_its_seal_was_after_it_is_straightened():
    """`deskewed` keeps where marks were found, turned with the page: a box over the
    seal reaches them, a box across the page from it does not; a page without marks has
    none anywhere."""
    from extractors.scan import deskewed

    page = with_seal(drawn_table(0.8), (1800, 700), 200)
    image = deskewed(1, page)
    assert image.marked and abs(image.skew) > 0.5
    pt = 72 / DPI
    assert image.near_marks((1780 * pt, 680 * pt, 1820 * pt, 720 * pt))  # the seal's middle
    assert not image.near_marks((250 * pt, 250 * pt, 650 * pt, 380 * pt))  # the first cell, far from it
    plain = deskewed(1, drawn_table(0.8))
    assert not plain.marked and not plain.near_marks((0, 0, 2400 * pt, 1200 * pt))


def test_a_rule_broken_by_a_copier_is_one_rule():
    """A row rule with a 10-pixel break (2.4 pt at 300 dpi) still closes its cells."""
    img = drawn_table()
    img[395:406, 1000:1010] = 255
    (grid,) = page_grids(1, *ruling_lines(PageImage(1, img, DPI, 0.0)))
    assert (grid.n_rows, grid.n_cols) == (3, 3)


def test_a_row_rule_a_seal_took_with_it_goes_on_under_the_seal():
    """Removing a seal's light ink takes the stretch of a row rule under it: the two
    pieces, ending mid-cell on both sides, are one rule again where the page had marks,
    and the two rows stay two in the middle column. Away from any mark, the same gap
    between pieces reaching deep into the column from both its edges is one rule too (a
    copy's grey seal, its dropout: `grid._joined_inside_cells`); one piece alone reaching
    in leaves the cell merged (a merged cell is not made up), and a merged cell's border,
    whose pieces stop at column rules, is not bridged under a mark."""
    img = drawn_table()
    img[395:406, 900:1200] = 255  # the rule at y=400 gone mid-cell of the middle column
    marks = np.zeros_like(img, bool)
    marks[300:500, 850:1250] = True
    (grid,) = page_grids(1, *ruling_lines(PageImage(1, img, DPI, 0.0, marks)))
    assert grid.cell(0, 1) is not grid.cell(1, 1)
    (grid,) = page_grids(1, *ruling_lines(PageImage(1, img, DPI, 0.0)))
    assert grid.cell(0, 1) is not grid.cell(1, 1)
    img[395:406, 900:1500] = 255  # gone on to the column rule: one piece reaches in, from the left
    (grid,) = page_grids(1, *ruling_lines(PageImage(1, img, DPI, 0.0)))
    assert grid.cell(0, 1) is grid.cell(1, 1)
    merged = drawn_table()
    cv2.line(merged, (200, 650), (700, 650), 0, 3)  # the first column split too, the middle one merged
    marks = np.zeros_like(merged, bool)
    marks[550:750, 600:1600] = True
    (grid,) = page_grids(1, *ruling_lines(PageImage(1, merged, DPI, 0.0, marks)))
    assert grid.cell(1, 1) is grid.cell(2, 1) and grid.cell(1, 0) is not grid.cell(2, 0)


def test_a_row_rule_under_a_seals_star_and_at_its_rings_dark_edge_goes_on():
    """A seal over a row rule: its ring removed (the marks, left open at its foot where it
    ran over writing), its star in the middle on the rule not, the rule gone under all of
    it. What the ring encloses hides the rule as much as the ring: the two rows stay two.
    Where a ring's darker edge was left in place, the rule stops a few points before the
    marks begin and goes on at the column rule past them: one rule still, the rows two."""
    img = drawn_table()
    img[395:406, 1000:1300] = 255  # the rule at y=400 gone under the seal (middle column)
    cv2.circle(img, (1150, 400), 25, 0, -1)  # the star, in the seal's middle, on the rule's line
    ring = np.zeros_like(img, np.uint8)
    cv2.circle(ring, (1150, 400), 125, 1, 50)
    ring[470:600, 1100:1200] = 0  # open at its foot
    marks = ring > 0
    (grid,) = page_grids(1, *ruling_lines(PageImage(1, img, DPI, 0.0, marks)))
    assert grid.cell(0, 1) is not grid.cell(1, 1)
    edge = drawn_table()
    edge[395:406, 600:698] = 255  # gone from 100 px left of the column rule at x=700 up to it
    marks = np.zeros_like(edge, bool)
    marks[300:500, 615:697] = True  # the ring removed from x=615; its dark edge (600-615) left, the rule cut there
    (grid,) = page_grids(1, *ruling_lines(PageImage(1, edge, DPI, 0.0, marks)))
    assert grid.cell(0, 0) is not grid.cell(1, 0)
    (grid,) = page_grids(1, *ruling_lines(PageImage(1, edge, DPI, 0.0)))  # no marks: a gap it is
    assert grid.cell(0, 0) is grid.cell(1, 0)


def test_a_row_rule_lost_under_writing_goes_on_to_the_column_rule():
    """A faint grey hairline (50 below paper) under a line of writing: the rule was found
    only from past the writing (x = 700 px, across the column from x = 900 to the frame at
    1100), 300 px short of the column rule at x = 400.
    The page's grey shows the line all along: the rule goes on to that column rule. Where
    the line is not there (paper), or where only writing crosses its row (letters with
    paper between them), or where the line runs through writing (a streak across a
    cell's text), it does not."""
    from extractors.grid import HLine, VLine
    from extractors.scan import under_writing

    pt = 72 / DPI

    def page(line: bool, writing_on_the_line: bool = False, through: bool = False) -> np.ndarray:
        img = np.full((600, 1500), 250, np.uint8)
        img[300:302, 700:1100] = 200
        if line:
            img[300:302, 400:700] = 200
        for x in range(410, 690, 24):  # letters, with paper between them
            img[262:300 if not writing_on_the_line else 303, x:x + 14] = 60
            if through:  # the letters' line runs across the grey line
                img[262:330, x:x + 14] = 60
        return img

    vs = [VLine(x * pt, 100 * pt, 500 * pt) for x in (100, 400, 900, 1100)]
    found = HLine(300.5 * pt, 700 * pt, 1100 * pt)
    assert under_writing(found, [found], vs, PageImage(1, page(True), DPI, 0.0)).x0 == pytest.approx(400 * pt)
    assert under_writing(found, [found], vs, PageImage(1, page(False), DPI, 0.0)) == found
    assert under_writing(found, [found], vs, PageImage(1, page(False, writing_on_the_line=True), DPI, 0.0)) == found
    # a streak through a cell's writing, not a rule under it
    assert under_writing(found, [found], vs, PageImage(1, page(True, through=True), DPI, 0.0)) == found
    # a piece spanning no whole column (one column rule crossed): a streak's as likely
    piece = HLine(300.5 * pt, 700 * pt, 1000 * pt)
    assert under_writing(piece, [piece], vs, PageImage(1, page(True), DPI, 0.0)) == piece
    # a piece from the sheet's edge (a streak across the sheet)
    streak = HLine(300.5 * pt, 700 * pt, 1495 * pt)
    assert under_writing(streak, [streak], vs, PageImage(1, page(True), DPI, 0.0)) == streak


def test_a_column_rule_a_copy_broke_into_short_pieces_still_parts_its_cells():
    """A faint hairline a copy's dropout broke mid-row into runs shorter than a rule is
    found alone (30 px, 7 pt, with 20 px gaps): on the line of the column rule found above
    and below, they are its pieces, and the row's number and objective stay two cells.
    The same short runs off any rule's line are no rule, and a stem on the rule's line in
    a row the rule does not run along at all (from row rule to row rule: a merged cell, a
    section row) is no piece of it."""
    img = drawn_table()
    img[440:620, 690:711] = 255  # the rule at x=700 gone mid-row along the second row ...
    for y in range(470, 590, 50):
        cv2.line(img, (700, y), (700, y + 30), 0, 3)  # ... but for short pieces of it
    (grid,) = page_grids(1, *ruling_lines(PageImage(1, img, DPI, 0.0)))
    assert grid.cell(1, 0) is not grid.cell(1, 1)
    off = drawn_table()
    off[440:880, 690:711] = 255  # gone along both rows the merged cells span (a rule along most of them parts them)
    for y in range(470, 590, 50):
        cv2.line(off, (1100, y), (1100, y + 30), 0, 3)  # the same pieces mid-cell
    (grid,) = page_grids(1, *ruling_lines(PageImage(1, off, DPI, 0.0)))
    assert (grid.n_rows, grid.n_cols) == (3, 3) and grid.cell(1, 0) is grid.cell(1, 1)
    merged = drawn_table()
    merged[403:840, 690:711] = 255  # no rule along the second row at all, nor most of the third
    cv2.line(merged, (700, 500), (700, 530), 0, 3)  # a capital's stem on the rule's line
    (grid,) = page_grids(1, *ruling_lines(PageImage(1, merged, DPI, 0.0)))
    assert grid.cell(1, 0) is grid.cell(1, 1)


def test_a_column_rule_a_copy_faded_out_before_the_tables_end_still_parts_its_cells():
    """The hairline between the item number and the next column fades out 10 pt into the
    table's last row and goes on below only in runs shorter than a rule is found alone
    (30 px, 7 pt): past its last piece, up to the row rule across its line, they are its
    pieces, and the row's number and objective stay two cells. Past a piece that ends on
    a row rule (a cell merged across the column below it) there is no gap to look in."""
    from extractors.grid import HLine, VLine
    from extractors.scan import _rule_gaps

    img = drawn_table()
    img[442:900, 690:711] = 255  # the rule at x=700 gone from 10 pt below the row rule at 400 ...
    for y in range(470, 870, 50):
        cv2.line(img, (700, y), (700, y + 30), 0, 3)  # ... but for short pieces of it
    (grid,) = page_grids(1, *ruling_lines(PageImage(1, img, DPI, 0.0)))
    assert (grid.n_rows, grid.n_cols) == (3, 3) and grid.cell(1, 0) is not grid.cell(1, 1)
    hs = [HLine(y, 50, 550) for y in (100, 300, 430)]
    assert _rule_gaps(100, [VLine(100, 100, 310)], hs) == [(310, 430)]
    assert _rule_gaps(100, [VLine(100, 100, 303)], hs) == []  # ends on the row rule at 300
    assert _rule_gaps(100, [VLine(100, 120, 303)], hs) == [(100, 120)]  # starts 20 pt below the top


def test_a_column_rule_a_copy_broke_into_floating_pieces_still_parts_its_cells():
    """A light copy broke the hairline between the item number and the next column along
    the whole table: along one row only two pieces of it are left, crossing no row rule
    and covering under half the row. The rule runs along most of the table: its pieces
    inside the row part it, and the row's number and objective stay two cells."""
    img = drawn_table()
    img[410:640, 690:711] = 255  # the rule at x=700 gone along the second row ...
    for y in (450, 560):
        cv2.line(img, (700, y), (700, y + 60), 0, 3)  # ... but for two pieces, touching nothing
    (grid,) = page_grids(1, *ruling_lines(PageImage(1, img, DPI, 0.0)))
    assert (grid.n_rows, grid.n_cols) == (3, 3) and grid.cell(1, 0) is not grid.cell(1, 1)


def test_a_piece_of_a_broken_column_rule_touching_a_letters_stroke_still_parts_its_cells():
    """The same broken rule, its one piece left along the row (60 % of it) touching the
    bar of a letter written against it: joined to that stroke, the piece belonged to no
    table and was no lone piece either, and the row's number and objective became one
    cell. A piece of no table is a lone piece (`grid.lone_pieces`)."""
    from extractors.grid import HLine, VLine

    hs = [HLine(y, 50, 550) for y in (100, 130, 300, 430)]
    vs = [VLine(x, 100, 430) for x in (50, 300, 550)] + [VLine(100, 100, 303)]  # the rule broken below 303
    vs.append(VLine(100, 315, 395))  # its piece along the last row ...
    hs.append(HLine(360, 101, 122))  # ... touching a letter's bar
    (grid,) = page_grids(1, hs, vs)
    assert grid.n_cols == 3 and grid.cell(2, 0) is not grid.cell(2, 1)


def test_a_letter_stroke_joined_to_a_row_rule_does_not_cost_the_rule():
    """A stroke of writing in the merged cell beside a row rule's start, at its height and
    a short gap away (merged with it as a break), does not make the rule no rule."""
    for start in (1390, 1100):  # a letter's base stroke, or a word's, 20 px before the rule
        img = drawn_table()
        cv2.line(img, (start, 650), (1480, 650), 0, 3)
        (grid,) = page_grids(1, *ruling_lines(PageImage(1, img, DPI, 0.0)))
        assert (grid.n_rows, grid.n_cols) == (3, 3)
        assert grid.cell(1, 2) is not grid.cell(2, 2) and grid.cell(1, 0) is grid.cell(2, 0)


def test_a_line_of_writing_running_into_cells_at_both_ends_is_no_rule():
    """Strokes of a line of writing chained into one long piece across a column edge
    (low resolution, blur) run on into cells at both ends: no row rule."""
    img = drawn_table()
    cv2.line(img, (500, 780), (1700, 780), 0, 3)  # 200 px into the cells on either side
    (grid,) = page_grids(1, *ruling_lines(PageImage(1, img, DPI, 0.0)))
    assert (grid.n_rows, grid.n_cols) == (3, 3)
    assert grid.cell(1, 1) is grid.cell(2, 1)


def test_a_streak_from_mid_cell_out_past_the_table_is_no_row_rule():
    """A copier's streak across the sheet, begun mid-cell (where writing broke it) and
    running on past the table's right edge: cut at the table's edge, it seemed to end on
    one, and it parted the last column's rows between two lines of their text."""
    img = drawn_table()
    cv2.line(img, (1100, 780), (2350, 780), 0, 3)  # 400 px into the middle column, 150 px past the table
    (grid,) = page_grids(1, *ruling_lines(PageImage(1, img, DPI, 0.0)))
    assert (grid.n_rows, grid.n_cols) == (3, 3)


def test_a_line_of_letters_spanning_a_narrow_cell_is_no_rule():
    """A serif face at 200 dpi chains its letters' tops (or feet) into a straight run a
    word long; a line of them spans a narrow cell from rule to rule like a row rule (its
    breaks shorter than a rule's, `GAP_TOL`). The
    letters' bodies lie along it, a padding away from a rule: no row rule, the merged
    cell stays whole. Writing a cell's padding away from a true rule does not cost it."""
    img = drawn_table()
    for x in range(712, 1488, 100):  # the tops of a line of words, edge to edge
        cv2.line(img, (x, 780), (min(x + 80, 1488), 780), 0, 3)
    for x in range(712, 1480, 22):
        cv2.rectangle(img, (x, 782), (x + 11, 805), 0, -1)  # their bodies below
    for x in range(1510, 2190, 22):  # writing above and below the split rule, 8 px away
        cv2.rectangle(img, (x, 615), (x + 11, 640), 0, -1)
        cv2.rectangle(img, (x, 660), (x + 11, 685), 0, -1)
    (grid,) = page_grids(1, *ruling_lines(PageImage(1, img, DPI, 0.0)))
    assert (grid.n_rows, grid.n_cols) == (3, 3)
    assert grid.cell(1, 1) is grid.cell(2, 1) and grid.cell(1, 2) is not grid.cell(2, 2)
    # the letters' tops chained into one run across the cell: no rule either
    cv2.line(img, (712, 780), (1488, 780), 0, 3)
    (grid,) = page_grids(1, *ruling_lines(PageImage(1, img, DPI, 0.0)))
    assert grid.n_rows == 3 and grid.cell(1, 1) is grid.cell(2, 1)


def test_a_thick_rule_read_as_two_runs_is_a_rule():
    """A thick rule whose middle a copy leaves ragged is read as two runs a few pixels
    apart, each with the ragged ink beside it: a rule, not a line of letters."""
    img = drawn_table()
    for y in (772, 781):
        cv2.line(img, (700, y), (1500, y), 0, 3)
    for x in range(700, 1500, 17):
        cv2.rectangle(img, (x, 775), (x + 7, 778), 0, -1)  # the ragged middle, in blots
    (grid,) = page_grids(1, *ruling_lines(PageImage(1, img, DPI, 0.0)))
    assert any(770 * 72 / DPI < y < 784 * 72 / DPI for y in grid.ys)


def test_runs_stacked_as_tall_as_letters_are_no_thick_rule():
    """A medium serif at 300 dpi chains its letters' feet and the tops of their bowls
    into runs a few pixel rows apart, stacked up to the x-height, each with another
    alongside: taken for a thick rule's parts, the stack parted a merged cell between two
    lines of its text. Taller than a rule is thick, it is a line of letters."""
    img = drawn_table()
    for y in (762, 768, 774, 780):  # runs across the merged cell, 3 px apart
        cv2.line(img, (712, y), (1488, y), 0, 3)
    for x in range(712, 1480, 22):  # the letters' stems between them
        cv2.rectangle(img, (x, 762), (x + 5, 781), 0, -1)
    (grid,) = page_grids(1, *ruling_lines(PageImage(1, img, DPI, 0.0)))
    assert grid.n_rows == 3 and grid.cell(1, 1) is grid.cell(2, 1)


def test_one_run_as_tall_as_a_line_of_bold_letters_is_no_thick_rule():
    """A bold serif at 300 dpi, its letters a few pixels apart, is bridged into one
    straight run as tall as the line across a narrow merged cell; hollow inside (the
    letters' counters), it is writing, not a rule, and the cell stays whole."""
    img = drawn_table()
    for x in range(704, 1480, 22):  # letters 17 px wide, 5 px apart, each with its counter
        cv2.rectangle(img, (x, 762), (x + 16, 781), 0, -1)
        cv2.rectangle(img, (x + 5, 768), (x + 11, 775), 255, -1)
    (grid,) = page_grids(1, *ruling_lines(PageImage(1, img, DPI, 0.0)))
    assert grid.n_rows == 3 and grid.cell(1, 1) is grid.cell(2, 1)


@pytest.mark.parametrize("kind", ["speckle", "blank", "scribbles"])
def test_a_page_that_cannot_be_gridded_gives_no_table_and_no_exception(kind):
    """Pure speckle, a blank sheet, random strokes: whatever rules are found, the page
    yields no table (the document then says so), never an exception."""
    from pipeline.stages import _scanned_page

    rng = np.random.default_rng(5)
    page = np.full((2480, 3508), 255, np.uint8)
    if kind == "speckle":
        page[rng.random(page.shape) < 0.05] = 0
    elif kind == "scribbles":
        for _ in range(300):
            x, y = int(rng.integers(0, 3400)), int(rng.integers(0, 2400))
            cv2.line(page, (x, y), (x + int(rng.integers(-300, 300)), y + int(rng.integers(-5, 5))), 0, 3)
    grids, skew, _ = _scanned_page(1, page)
    assert all(g.n_cols >= 2 and g.xs[-1] - g.xs[0] >= 72 for g in grids)
    assert abs(skew) <= 45


def test_a_photographed_page_is_found_on_the_desk_and_warped_flat():
    """The drawn table photographed: a darker desk around the page, the page a
    trapezoid (top edge narrower), a shadow over one corner. Its corners are found and,
    once warped flat, its rules are straight again (the grid of the drawn table)."""
    from extractors.scan import page_corners, unwarp

    flat = drawn_table()
    h, w = flat.shape
    corners = np.array([[260, 150], [w - 200, 110], [w - 120, h - 90], [150, h - 140]], np.float32)
    frame = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    photo = cv2.warpPerspective(flat, cv2.getPerspectiveTransform(frame, corners), (w, h), borderValue=70)
    shade = np.ones((h, w), np.float32)
    shade[: h // 3, 2 * w // 3:] = 0.8  # a shadow over the top-right corner
    photo = (photo * shade).astype(np.uint8)
    found = page_corners(photo)
    assert found is not None and np.abs(found - corners).max() < 20
    (grid,) = page_grids(1, *ruling_lines(PageImage(1, unwarp(photo), DPI, 0.0)))
    assert (grid.n_rows, grid.n_cols) == (3, 3)
    assert page_corners(flat) is None and unwarp(flat) is flat  # a scan: nothing to do


# ---------------------------------------------------------------- toner streaks

def with_streak(img: np.ndarray, x: int, width: int = 3, dark: float = 30.0) -> np.ndarray:
    """A copier's toner streak: a faint band `dark` grey levels deep running down the
    whole sheet at column `x`, over paper, rules and text alike."""
    out = img.astype(np.float32)
    out[:, x:x + width] -= dark
    return np.clip(out, 0, 255).astype(np.uint8)


def test_a_toner_streak_down_the_page_is_no_column_rule():
    """The streak crosses the wide last column (800 px, no rule inside it): read as a
    rule, it would split every cell of that column in two."""
    page = flatten(with_streak(photocopied(drawn_table()), 1850))
    hs, vs = ruling_lines(PageImage(1, page, DPI, 0.0))
    assert all(abs(v.x - 1850 * 72 / DPI) > 3 for v in vs)
    (grid,) = page_grids(1, hs, vs)
    assert (grid.n_rows, grid.n_cols) == (3, 3)


def test_a_streak_running_on_below_a_short_table_does_not_cost_a_broken_column_rule():
    """The last page of a table: one row, and a streak from its top rule to the foot of
    the sheet. Measured against the rules' whole extent the table is as tall as the
    streak, and a column rule a copy broke into pieces (145 of 200 pt) looked too short
    to be one; against the row rules' extent it is a column rule."""
    from extractors.grid import HLine, VLine

    hs = [HLine(y, 50, 550) for y in (100, 130, 160, 300)]
    vs = [VLine(x, 100, 300) for x in (50, 150, 300, 550)]
    vs += [VLine(450, 100, 160), VLine(450, 215, 300)]  # the broken rule
    vs.append(VLine(100, 100, 700))  # the streak, from the top rule on down the sheet
    (grid,) = page_grids(1, hs, vs)
    assert any(abs(x - 450) < 2 for x in grid.xs)
    assert grid.cell(2, 3) is not grid.cell(2, 4)


def test_a_light_rule_among_dark_ones_is_still_a_rule():
    """The faint-band test judges darkness against the page's own rules: a rule half as
    dark as the others (a lighter stroke of a photo or a thin copy) stays."""
    img = drawn_table()
    cv2.line(img, (1500, 650), (2200, 650), 255, 3)  # the split of the last column, drawn light
    cv2.line(img, (1500, 650), (2200, 650), 128, 3)
    hs, vs = ruling_lines(PageImage(1, img, DPI, 0.0))
    assert any(abs(h.y - 650 * 72 / DPI) < 1.5 and h.x1 - h.x0 > 150 for h in hs)


def thin_font_page() -> np.ndarray:
    """`drawn_table` with lines of light letter strokes in its cells, as a thin sans or a
    monospace gives at 300 dpi: many short runs (80 px, grey 150), each one long enough
    for the rule finder and far lighter than a rule, less ink than the rules by length."""
    img = drawn_table()
    for y in range(430, 880, 48):
        for x in range(230, 2150, 220):
            if not any(abs(x + d - e) < 20 for e in (700, 1500) for d in (0, 80)):
                cv2.line(img, (x, y), (x + 80, y), 150, 2)
    return img


def test_a_streak_through_cells_is_no_rule_though_the_letters_runs_are_light():
    """By count, the letters' light runs made the page's print look light and a streak as
    dark as print; by length the rules are the print. A streak that begins and ends
    inside cells (not on the table's rules) is no rule; a rule as light that ends on
    rules at both ends stays (a copy set light fades hairlines to that grey)."""
    img = thin_font_page()
    out = img.astype(np.float32)
    out[480:860, 1100:1103] -= 45  # the streak: from inside a cell to inside the cell
    img = np.clip(out, 0, 255).astype(np.uint8)
    hs, vs = ruling_lines(PageImage(1, img, DPI, 0.0))
    assert all(abs(v.x - 1101 * 72 / DPI) > 3 for v in vs)
    img[648:653, 1500:2200] = 255
    img[649:652, 1500:2200] = 195  # the last column's split, a hairline near as light as the streak
    hs, vs = ruling_lines(PageImage(1, img, DPI, 0.0))
    assert any(abs(h.y - 650 * 72 / DPI) < 1.5 and h.x1 - h.x0 > 150 for h in hs)
    assert all(abs(v.x - 1101 * 72 / DPI) > 3 for v in vs)


def test_a_streak_from_rule_to_rule_through_writing_is_no_rule():
    """A streak's pieces can begin and end on the table's rules (its ink breaks where it
    crosses them): one running through a line of writing is still no rule, a cell's text
    stops short of its column rules; a hairline as light, from rule to rule beside no
    writing, stays."""
    img = thin_font_page()
    img[400:900, 1140:1143] = np.minimum(img[400:900, 1140:1143], 195)  # rule to rule, through the lines
    img[400:900, 1000:1003] = 195  # a hairline as light splitting the middle column, between the lines' words
    hs, vs = ruling_lines(PageImage(1, img, DPI, 0.0))
    assert all(abs(v.x - 1141 * 72 / DPI) > 3 for v in vs)
    assert any(abs(v.x - 1001 * 72 / DPI) < 1.5 and v.y1 - v.y0 > 100 for v in vs)


def test_a_faint_band_across_cells_is_no_row_rule_a_broken_faint_rule_is():
    """A streak across the sheet starts and ends anywhere: from inside the first column,
    past a column rule, to the next one, between two lines of writing; cut back to the
    column edges it passes it would part the middle column's row in two. A rule as light
    that a copy broke in two still runs from column rule to column rule."""
    img = thin_font_page()
    img[549:552, 250:1500] = np.minimum(img[549:552, 250:1500], 195)  # the streak
    img[649:652, 700:1000] = 195  # the middle column's split, light, broken at 1000-1012
    img[649:652, 1012:1500] = 195
    hs, vs = ruling_lines(PageImage(1, img, DPI, 0.0))
    assert all(abs(h.y - 550 * 72 / DPI) > 3 for h in hs)
    (grid,) = page_grids(1, hs, vs)
    assert [round(y) for y in grid.ys] == [48, 96, 156, 216]
    assert any(abs(h.y - 650 * 72 / DPI) < 1.5 and h.x0 < 700 * 72 / DPI + 3 for h in hs)


def test_framed_runs_end_on_column_rules_or_have_column_rules_end_on_them():
    columns = np.array([[100, 0, 3, 200], [400, 0, 3, 200], [700, 0, 3, 100]])
    rows = np.array([[101, 50, 150, 3], [258, 50, 145, 3],  # one rule in two pieces, 100 to 400
                     [150, 150, 250, 3],                    # from mid-cell to a rule: no
                     [120, 99, 600, 3]])                    # mid-cell to mid-cell, where a column rule ends… one
    assert framed(rows, columns, 6, 10).tolist() == [True, True, False, False]
    columns[1, 3] = 100  # … and two: a border
    assert framed(rows, columns, 6, 10).tolist() == [True, True, False, True]


def test_written_across_needs_ink_on_both_sides_away_from_row_rules():
    ink = np.zeros((100, 60), np.uint8)
    ink[50, 10:30] = 255  # a stroke through the run at x 20
    ink[10, 35:55] = 255  # a row rule's row through the run at x 45
    ink[70, 36:44] = 255  # writing on the left of the run at x 45 only
    runs = np.array([[20, 0, 2, 100], [45, 0, 2, 100]])
    assert written_across(ink, runs, np.array([[0, 9, 60, 3]]), 3, 2).tolist() == [True, False]


def test_the_typical_darkness_of_a_page_is_its_runs_by_length():
    levels = np.array([20.0] * 3 + [150.0] * 10)
    lengths = np.array([1000] * 3 + [60] * 10)
    assert typical_darkness(levels, lengths) == 235.0
    assert typical_darkness(np.array([]), np.array([])) == 0.0


def test_ends_on_rules_needs_a_run_across_at_an_end():
    boxes = np.array([[100, 100, 400, 3],  # a row rule
                      [100, 100, 3, 300],  # a column rule from it down
                      [250, 150, 3, 100],  # a band inside the cell below the row rule
                      [300, 101, 3, 60]])  # a hairline from the row rule down
    row_runs = np.array([True, False, False, False])
    assert ends_on_rules(boxes, row_runs, boxes[:2], row_runs[:2], 6).tolist() == [True, True, False, True]


def test_a_capital_touching_a_section_row_rule_does_not_carry_a_column_rule_into_it():
    """A section row spans the table (its column rules stop at its top rule and start
    again at its bottom one). A bold capital with stacked marks ("Ề") in its title reaches
    up to the top rule, just left of where a column rule meets it: the vertical run goes
    on through the crossing into the letter's stem, which must not be read as the column
    rule crossing the row (the title would be cut in two)."""
    img = np.full((1200, 2400), 255, np.uint8)
    xs, ys = [200, 700, 1500, 2200], [200, 400, 480, 900]
    for y in ys:
        cv2.line(img, (xs[0], y), (xs[3], y), 0, 3)
    for x in xs:
        for y0, y1 in (((ys[0], ys[3]),) if x in (xs[0], xs[3]) else ((ys[0], ys[1]), (ys[2], ys[3]))):
            cv2.line(img, (x, y0), (x, y1), 0, 3)
    img[403:459, 1493:1501] = 0  # the stem, its marks' top one pixel under the rule
    for y in (403, 430, 455):  # the arms of the E
        img[y:y + 4, 1493:1530] = 0
    hs, vs = ruling_lines(PageImage(1, img, DPI, 0.0))
    (grid,) = page_grids(1, hs, vs)
    assert (grid.n_rows, grid.n_cols) == (3, 3)
    section = [c for c in grid.cells if c.row0 == 1]
    assert [(c.col0, c.col1) for c in section] == [(0, 2)]


def test_a_rule_that_reads_a_little_wider_near_its_end_is_not_cut():
    """Blur and JPEG leave a 3-px rule 3 to 5 px wide along its length: an end read 5 px
    wide is the rule, not a stroke glued to it (a 16-pt end cut off merges two cells)."""
    piece = np.zeros((1100, 5), bool)
    piece[:, 1:4] = True
    piece[-62:, :] = True  # the last 62 rows read 5 px wide, on the same centre
    tail, grow = round(STEM_TAIL * DPI / 72), round(STEM_GROW * DPI / 72)
    assert straight_part(piece, tail, grow)[:2] == (0, 1100)
    stem = np.zeros((1100, 12), bool)
    stem[:, 1:4] = True
    stem[-40:, 1:12] = True  # a bold stem glued beside the rule's end: cut off
    assert straight_part(stem, tail, grow)[1] < 1100 - 30


def test_a_section_row_at_the_foot_of_a_page_is_a_row_of_the_table():
    from extractors.grid import HLine, VLine, true_rules

    # four columns; the last row (a section row at the page's foot, its title spanning
    # the inner columns) has only the outer rules and the Stt rule below the last row rule
    hs = [HLine(y, 0, 300) for y in (0, 50, 100)]
    vs = [VLine(0, 0, 120), VLine(30, 0, 120), VLine(150, 0, 100), VLine(220, 0, 100), VLine(300, 0, 120)]
    _, kept = true_rules(hs, vs)
    assert max(v.y1 for v in kept) == 120
    # one edge running on (a signature stroke down the Stt rule) moves nothing
    vs = [VLine(0, 0, 100), VLine(30, 0, 140), VLine(150, 0, 100), VLine(220, 0, 100), VLine(300, 0, 100)]
    _, kept = true_rules(hs, vs)
    assert max(v.y1 for v in kept) == 100


def test_hairline_rules_under_bold_writing_are_rules():
    """A word processor's table prints hairline borders, which a scan gives back light
    grey, while its bold writing is black: the letters' stems stacked line over line are
    long runs too, more of them than rules. By count they made print look black and the
    hairlines too light to be print; by length the rules are the page's print."""
    img = hairline_table(200)
    for y in (420, 670):  # bold stems: two rows of runs 60 px long, black
        for x in range(240, 2160, 24):
            if all(abs(x - e) > 30 for e in HAIRLINE_XS):
                cv2.line(img, (x, y), (x, y + 60), 0, 3)
    (grid,) = page_grids(1, *ruling_lines(PageImage(1, img, DPI, 0.0)))
    assert (grid.n_rows, grid.n_cols) == (3, 3)


def copied_hairline_table() -> np.ndarray:
    """`drawn_table` as a word processor draws some tables and a copy gives them back:
    the frame's top and bottom and the column rules in the copy's toner (grey 90), the
    row rule inside and the rule between the first two columns hairlines under a third as
    dark (grey 205: under the third of the page's print a rule must otherwise reach)."""
    img = drawn_table()
    img[img == 0] = 90
    img[397:404, 203:2198] = 255
    img[399:402, 203:2198] = 205  # the row rule under the header
    img[203:898, 697:704] = 255
    img[203:898, 699:702] = 205  # the first column's rule
    return img


def test_hairline_row_rules_on_the_frame_of_darker_rules_are_rules():
    """A hairline row rule starts and ends where the table's frame does: it stays, though
    far lighter than the page's print. A band as light across the cells from mid-cell to
    mid-cell (a toner streak) is no rule."""
    img = copied_hairline_table()
    img[548:551, 900:1900] = 205  # the streak, inside cells at both ends
    hs, vs = ruling_lines(PageImage(1, img, DPI, 0.0))
    assert any(abs(h.y - 400 * 72 / DPI) < 1.5 and h.x1 - h.x0 > 400 for h in hs)
    assert all(abs(h.y - 550 * 72 / DPI) > 3 for h in hs)
    (grid,) = page_grids(1, hs, vs)
    assert grid.n_rows == 3 and grid.cell(0, 1) is not grid.cell(1, 1)


def test_a_hairline_column_rule_in_pieces_from_the_top_rule_parts_its_cells():
    """The first column's hairline, under a third as dark as print, in pieces none of
    which ends on a rule but the first, the last stopping short of the bottom rule: the
    pieces on its line begin on the table's top rule, so they are the rule, and item
    number and task stay two cells. Pieces as light down the wide last column, beginning
    and ending inside cells (a toner streak), are no rule."""
    img = copied_hairline_table()
    for y0, y1 in ((450, 480), (610, 680), (860, 898)):
        img[y0:y1, 697:704] = 255  # dropout: the line's pieces end in cells, the last short of the foot
    img[300:420, 1850:1853] = 205  # the streak's pieces
    img[450:800, 1850:1853] = 205
    hs, vs = ruling_lines(PageImage(1, img, DPI, 0.0))
    assert all(abs(v.x - 1851 * 72 / DPI) > 3 for v in vs)
    (grid,) = page_grids(1, hs, vs)
    assert grid.n_cols == 3 and grid.cell(1, 0) is not grid.cell(1, 1)


def test_a_capitals_stem_under_a_row_rule_is_no_column_rule_a_seal_stops_at():
    """A section title's capital stands under the row rule a seal took a stretch of, its
    stem as tall as a short rule: the rule goes on under the seal all the same."""
    img = drawn_table()
    img[395:406, 900:1200] = 255  # the rule at y=400 gone under the seal
    img[400:460, 898:903] = 0  # the stem, from the rule's end down (14 pt)
    marks = np.zeros_like(img, bool)
    marks[300:500, 850:1250] = True
    (grid,) = page_grids(1, *ruling_lines(PageImage(1, img, DPI, 0.0, marks)))
    assert grid.cell(0, 1) is not grid.cell(1, 1)


def test_a_broken_column_rule_parts_cells_merged_across_rows_along_their_whole_height():
    """Item number and objective both span two rows (a continuation row 10 pt tall, then
    the item's next task): the hairline between them, broken along the whole table, has
    no piece in the short row and most of the tall one. Judged along the height the two
    cells share, it parts them; judged row by row, the short row joined them and, through
    it, the tall row too."""
    from extractors.grid import HLine, VLine

    hs = [HLine(0, 0, 300), HLine(40, 0, 300), HLine(50, 100, 300), HLine(200, 0, 300), HLine(300, 0, 300)]
    vs = [VLine(x, 0, 300) for x in (0, 100, 300)]
    vs += [VLine(30, 0, 45), VLine(30, 60, 120), VLine(30, 130, 205), VLine(30, 210, 290)]  # the broken hairline
    (grid,) = page_grids(1, hs, vs)
    assert [round(x) for x in grid.xs] == [0, 30, 100, 300]
    assert grid.cell(1, 0) is grid.cell(2, 0) and grid.cell(1, 0) is not grid.cell(1, 1)


def test_a_row_rule_broken_off_short_of_an_open_side_still_closes_the_last_column():
    """A table without a right border: its row rules run on past the last column rule.
    One a copy broke off 6 pt short of where the others end still runs along most of the
    last column and closes its cell there."""
    from extractors.grid import HLine, VLine

    hs = [HLine(y, 40, 240) for y in (40, 100, 300)] + [HLine(200, 40, 234)]
    vs = [VLine(x, 40, 300) for x in (40, 100, 200)]
    (grid,) = page_grids(1, hs, vs)
    assert grid.n_cols == 3 and grid.cell(1, 2) is not grid.cell(2, 2)


def test_a_pale_band_cut_at_each_column_rule_is_no_row_rule_a_lone_group_rule_is():
    """A streak across the sheet, fainter than the hairlines, comes back in pieces from
    column rule to column rule (the threshold loses it beside each rule): several pale
    pieces on one line inside the table are no rule. A header's group rule as pale
    between two column rules, alone on its line, is one."""
    img = copied_hairline_table()
    img[549:552, 712:1490] = 215  # the streak's pieces, each from column rule to column rule
    img[549:552, 1512:2190] = 215
    img[299:302, 1512:2190] = 215  # a group rule over the last column, alone on its line
    hs, vs = ruling_lines(PageImage(1, img, DPI, 0.0))
    assert all(abs(h.y - 550 * 72 / DPI) > 3 for h in hs)
    assert any(abs(h.y - 300 * 72 / DPI) < 1.5 for h in hs)


def test_a_streak_down_the_sheet_along_a_column_rule_does_not_cost_the_rule():
    """A toner streak down the whole sheet lies on a column rule's line: the threshold
    joins rule and streak into one run from the sheet's top to its foot, which begins and
    ends on no row rule, like a streak alone. The rule is the print-dark part of it; the
    streak's pale stretches past the table are cut off (`print_dark_part`)."""
    page = flatten(with_streak(photocopied(drawn_table()), 698, width=7, dark=20.0))
    hs, vs = ruling_lines(PageImage(1, page, DPI, 0.0))
    at_rule = [v for v in vs if abs(v.x - 700 * 72 / DPI) <= 3]
    assert at_rule and all(v.y0 >= 200 * 72 / DPI - 3 and v.y1 <= 900 * 72 / DPI + 3 for v in at_rule)
    (grid,) = page_grids(1, hs, vs)
    assert (grid.n_rows, grid.n_cols) == (3, 3)


def test_print_dark_part_cuts_long_pale_ends_only():
    """`levels` are grey levels (0 black, 255 paper): a rule 215 below paper, a streak 40."""
    pale, rule = np.full(40, 215.0), np.full(100, 40.0)
    assert print_dark_part(np.concatenate([pale, rule, pale]), 0, 180, 60.0, 18) == (40, 140)
    short = np.full(10, 215.0)  # a pale end shorter than `tail`: a copy's dropout at the rule's end
    assert print_dark_part(np.concatenate([short, rule, short]), 0, 120, 60.0, 18) == (0, 120)
    assert print_dark_part(np.full(50, 230.0), 0, 50, 60.0, 18) == (0, 50)  # nothing print-dark: kept whole


def test_a_hairline_cut_at_the_column_rules_is_a_rule_reaching_them():
    """A copy's pale header rule, its stretch beside each black column rule lost to the
    threshold: two pieces, one from the frame's left edge to 4 pt short of a column rule,
    one from 4 pt past it to the frame's right edge. Every pale piece on the line ends on
    a column rule or the frame's edge: a rule, its pieces carried out to the column rules
    they fell short of. The same pieces as light as a streak (`HAIRLINE_MIN_DARKNESS`), or
    with a third in the margin (a streak across the sheet) are none; a lone pale piece
    between two column rules is kept but not carried, and a hairline's pieces either
    side of a merged cell are a rule too."""
    from extractors.scan import aligned_with_frame, carried_to_columns

    columns = np.array([[x - 1, 100, 3, 800] for x in (100, 400, 700, 1000)])
    frame = np.array([[100, 99, 900, 3], [100, 899, 900, 3]])
    def judged(rows, faintest=False):
        pale = np.ones(len(rows), bool)
        return aligned_with_frame(rows, columns, frame, 3, 25, pale, None, pale & faintest)

    cut = np.array([[100, 299, 283, 2], [417, 299, 583, 2]])  # lost 17 px either side of x=400
    kept, at_columns = judged(cut)
    assert kept.tolist() == [True, True] and at_columns.tolist() == [True, True]
    assert carried_to_columns(cut, columns, 25).tolist() == [[100, 400.5], [400.5, 1000.5]]  # column centres
    assert not judged(cut, faintest=True)[0].any()  # as light as a streak: one chain alone only
    streak = np.vstack([cut, [[10, 299, 80, 2]]])
    assert not judged(streak)[0].any()
    lone = np.array([[417, 299, 266, 2]])
    kept, at_columns = judged(lone, faintest=True)
    assert kept.tolist() == [True] and not at_columns.any()
    merged = np.array([[100, 299, 283, 2], [717, 299, 283, 2]])  # the middle column's cell goes on below
    assert judged(merged)[0].tolist() == [True, True]
    # a streak a shade darker along one stretch (past the page's threshold for print: not
    # pale), ending mid-cell: the pale stretch of the same streak, from rule to rule, is none
    darker = np.array([[105, 299, 290, 2], [560, 299, 380, 2]])
    kept, _ = aligned_with_frame(darker, columns, frame, 3, 25, np.array([True, False]),
                                 faintest=np.zeros(2, bool))
    assert not kept[0]
    lone = aligned_with_frame(darker[:1], columns, frame, 3, 25, np.ones(1, bool), faintest=np.zeros(1, bool))
    assert lone[0].tolist() == [True]
    # a rule's print-dark stretch from a column rule, short of the next (a copy's dropout): no streak
    stretch = np.array([[105, 299, 290, 2], [705, 299, 200, 2]])
    kept, _ = aligned_with_frame(stretch, columns, frame, 3, 25, np.array([True, False]), faintest=np.zeros(2, bool))
    assert kept[0]


def test_a_hairline_row_rule_a_seal_cut_in_two_is_one_rule_a_streak_cut_at_the_columns_is_not():
    """A pale row rule (a fifth to a third as dark as the print) with a seal removed over
    its middle comes back as two pieces, neither ending on a column rule: chained over the
    gap where the page had marks it runs from the frame's edge to its edge (`marked_gap`).
    A streak's pieces, cut at each column rule and one in the margin, have no marks
    between them. And a hairline broken off short of the frame's side reaches it within
    twice the gap."""
    from extractors.scan import aligned_with_frame

    columns = np.array([[x - 1, 100, 3, 800] for x in (100, 400, 700, 1000)])
    frame = np.array([[100, 99, 900, 3], [100, 899, 900, 3]])
    rule = [[100, 499, 350, 2], [600, 499, 400, 2]]  # the seal took 450-600
    streak = [[110, 299, 280, 2], [420, 299, 270, 2], [720, 299, 270, 2],  # lost 10-20 px beside each rule
              [10, 299, 80, 2]]  # and in the margin
    rows = np.array(rule + streak)
    marks = np.zeros((1000, 1100), bool)
    marks[430:570, 440:610] = True  # the seal, removed
    pale = np.ones(len(rows), bool)
    kept, _ = aligned_with_frame(rows, columns, frame, 3, 25, pale, marks)
    assert kept.tolist() == [True, True, False, False, False, False]
    assert not aligned_with_frame(rows, columns, frame, 3, 25, pale)[0][:2].any()  # no marks known: two pieces
    # a hairline a copy broke off 40 px short of the frame's side (under 2 x gap) still reaches it
    short = np.array([[100, 699, 860, 2]])
    assert aligned_with_frame(short, columns, frame, 3, 25, np.ones(1, bool))[0].tolist() == [True]


def test_a_seals_ring_touching_a_row_rule_over_a_title_does_not_cost_the_rule():
    """A seal's ring whose bottom touches a row rule from above is chained with it into
    one run some 15 px tall; the band under that run then fell in the capitals of the
    section title set close under the rule, and the rule was taken for a line of
    letters' tops (the title's row merged into the item above). A rule is as thick as
    the pixel rows it runs along most of its length, not as tall as what touches it."""
    img = drawn_table()
    cv2.ellipse(img, (1850, 207), (200, 200), 0, 60, 120, 0, 11)  # the ring's bottom, 10 px under the rule
    for x in range(260, 1450, 24):  # bold capitals 15 px under the rule
        cv2.rectangle(img, (x, 418), (x + 18, 452), 0, -1)
        cv2.rectangle(img, (x + 6, 426), (x + 12, 444), 255, -1)
    (grid,) = page_grids(1, *ruling_lines(PageImage(1, img, DPI, 0.0)))
    assert any(395 * 72 / DPI < y < 405 * 72 / DPI for y in grid.ys)
