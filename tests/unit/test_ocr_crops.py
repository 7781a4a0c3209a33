"""Cell crops for OCR (extractors/ocr.py): what is writing and what is dirt or a rule's
remnant, so an empty cell of a photocopy is not read as "|", "-" or "_"."""
import cv2
import pytest
import numpy as np

from extractors.ocr import PAD_PX, crop_cell, writing
from extractors.scan import PageImage


def crop_with(word: bool = True) -> np.ndarray:
    img = np.full((120, 600), 255, np.uint8)
    if word:
        cv2.putText(img, "Ke hoach", (60, 80), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 0, 3)
        cv2.circle(img, (250, 100), 3, 0, -1)  # a dot under a letter (the mark of "ạ")
        for x in (264, 276, 288):  # "…" right after the word (which ends at x = 256)
            cv2.circle(img, (x, 78), 2, 0, -1)
    img[:, 0:4] = 0  # what is left of the cell's left rule
    img[110:113, 200:203] = 0  # a toner speck far from the writing
    img[10:12, 580:582] = 0  # a dust speck
    cv2.circle(img, (450, 25), 3, 0, -1)  # a copier's speck: too much ink for a speck, a dot's size
    return img


def test_writing_keeps_letters_marks_and_dots_and_drops_specks_and_rule_remnants():
    img = crop_with()
    keep = writing(img < 128)
    assert keep[:, 0:4].sum() == 0  # the rule's remnant
    assert keep[110:113, 200:203].sum() == 0 and keep[10:12, 580:582].sum() == 0  # specks
    assert keep[20:30, 445:456].sum() == 0  # a lone dot
    img[15:19, 500:514] = 0  # a lone dash, far from the writing: a cell may say "-"
    assert writing(img < 128)[15:19, 500:514].all()
    assert keep[97:104, 247:254].all() == (img[97:104, 247:254] < 128).all()  # the dot under the letter
    assert keep[76:81, 284:293].any()  # the last dot of "…", two dots away from the word
    letters = (slice(40, 90), slice(55, 300))
    assert np.array_equal(keep[letters], img[letters] < 128)


def test_a_cell_holding_only_dirt_and_a_rule_remnant_is_empty():
    page = np.full((400, 800), 255, np.uint8)
    page[100:220, 100:700] = crop_with(word=False)
    image = PageImage(1, page, 300, 0.0)
    box = tuple(v * 72 / 300 for v in (96, 96, 704, 224))  # the cell, in points
    assert crop_cell(image, box).pixels is None
    page[100:220, 100:700] = crop_with(word=True)
    assert crop_cell(image, box).pixels is not None


def test_a_faint_figure_of_a_light_font_is_writing_and_grey_grain_is_not():
    """A thin font at 200 dpi draws an item number in grey with a few pixels under 128:
    too little dark ink for a cell with writing, but its grey touches them (hysteresis);
    a copy's grey grain with no dark pixel in it stays paper."""
    page = np.full((400, 300), 255, np.uint8)
    cv2.putText(page, "3", (120, 200), cv2.FONT_HERSHEY_SIMPLEX, 1.6, 150, 2)
    ys, xs = np.nonzero(page < 255)
    page[ys[::40], xs[::40]] = 100                  # the few pixels on its strokes dark enough
    image = PageImage(1, page, 300, 0.0)
    box = tuple(v * 72 / 300 for v in (20, 20, 280, 380))
    assert int((page < 128).sum()) < 40 and crop_cell(image, box).pixels is not None
    grain = np.full((400, 300), 255, np.uint8)
    grain[100:300:3, 50:250:3] = 150                # grey grain, no dark core
    grain[200, 200] = 100                           # one dark speck
    assert crop_cell(PageImage(1, grain, 300, 0.0), box).pixels is None


def test_a_crop_keeps_the_grey_hairlines_touching_its_ink_and_an_item_numbers_does_not():
    """A light font's hairlines come out of a copier grey: cut to the dark ink's box, a
    letter at the crop's edge lost its thin strokes. Grey touching the writing widens the
    crop; grey apart from it (a speck, a shadow) does not; an item number's crop is cut to
    its dark ink alone."""
    page = np.full((300, 800), 255, np.uint8)
    cv2.putText(page, "Ke hoach", (100, 150), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 0, 3)
    dark_right = int(np.flatnonzero((page < 128).any(axis=0))[-1])
    cv2.line(page, (dark_right - 2, 140), (dark_right + 60, 140), 160, 2)   # a grey hairline off the last letter
    page[40:60, 700:720] = 160                                              # grey apart from the writing
    image = PageImage(1, page, 300, 0.0)
    box = tuple(v * 72 / 300 for v in (20, 20, 780, 280))
    dark_only = crop_cell(image, box, grey_strokes=False).pixels
    with_grey = crop_cell(image, box).pixels
    assert with_grey.shape[1] - dark_only.shape[1] >= 55          # the hairline, not the grey beyond it
    assert with_grey.shape[0] < dark_only.shape[0] + 5            # the grey apart (90 px above) left out
    assert (with_grey[:, -PAD_PX - 3:-PAD_PX] < 200).any()        # its end is in the crop


def test_specks_close_together_are_dirt_and_a_tall_cells_crop_is_its_number():
    """Two copier specks near each other are as much ink as a letter, but dots alone are no
    writing: left in, a pair at the top of a tall merged Stt cell made its crop the
    cell's height with the item number a speck at its foot."""
    page = np.full((1400, 300), 255, np.uint8)
    cv2.circle(page, (140, 60), 3, 0, -1)  # two specks, 20 px apart
    cv2.circle(page, (158, 52), 2, 0, -1)
    cv2.putText(page, "7", (130, 1250), cv2.FONT_HERSHEY_SIMPLEX, 1.4, 0, 3)  # the item number
    keep = writing(page < 128)
    assert keep[40:70, 130:170].sum() == 0
    assert keep[1200:1260, 120:170].any()
    image = PageImage(1, page, 300, 0.0)
    crop = crop_cell(image, tuple(v * 72 / 300 for v in (20, 20, 280, 1380))).pixels
    assert crop is not None and crop.shape[0] < 100  # the number's height and the padding


def tsv(*words: tuple[str, float]) -> str:
    """Tesseract TSV of one crop: one line of `words` (text, confidence)."""
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [f"5\t1\t1\t1\t1\t{k}\t{10 * k}\t5\t8\t12\t{conf}\t{text}" for k, (text, conf) in enumerate(words, 1)]
    return "\n".join([head, *rows]) + "\n"


def test_words_that_are_dirt_are_dropped_and_the_weakest_word_caps_the_confidence():
    from extractors.ocr import parse_tsv

    (cell,) = parse_tsv(tsv(("kinh", 96), ("tế", 95), ("-", 90), ("xã", 96), ("'", 91), ("hội", 94), ("|", 95),
                            ("Sở", 93), (":", 92)), 1)
    assert cell.text == "kinh tế - xã hội Sở"  # the dash between words stays; ', |, a closing : go
    (cell,) = parse_tsv(tsv(("Báo", 96), ("cáo", 30), ("năm", 96)), 1)
    assert cell.confidence == pytest.approx(0.30 + 0.25)  # one unsure word: the cell is doubtful


def test_marks_read_as_words_of_their_own_are_dropped():
    """A font that stacks the acute over the hat: Tesseract reads the marks of "phố" as a
    word "L$" half the height of the cell's words, over "phô" (the correction puts the
    tone back). Small letters and punctuation of that height stay."""
    from extractors.ocr import parse_tsv

    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    words = [(1, "huyện,", 43), (1, "thành", 33), (2, "L$", 17), (3, "phô", 42), (3, "ra", 18), (3, "-", 6),
             (3, "và", 34)]
    rows = [f"5\t1\t1\t1\t{line}\t{k}\t{10 * k}\t5\t8\t{h}\t90\t{t}" for k, (line, t, h) in enumerate(words, 1)]
    (cell,) = parse_tsv("\n".join([head, *rows]) + "\n", 1)
    assert cell.text == "huyện, thành phô ra - và"


def test_a_line_made_of_the_marks_over_the_line_below_is_dropped():
    """A font that sets its stacked marks high: Tesseract reads the marks of "cấp … thẩm
    quyền" as a line of their own ("L$ Z Ả b ^") between two lines of words, and "L$ 2"
    reaching down into the line below it. Short lines that are writing stay: a list's dash
    alone, a number or a numeral ending a cell, a line that does not reach into the next."""
    from extractors.ocr import parse_tsv

    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"

    def read(*lines, conf=96):  # lines of (text, top, height); the last line's words read at `conf`
        rows = [f"5\t1\t1\t1\t{n}\t{k}\t{10 * k}\t{top}\t8\t{h}\t{conf if n == len(lines) else 96}\t{t}"
                for n, words in enumerate(lines, 1) for k, (t, top, h) in enumerate(words, 1)]
        (cell,) = parse_tsv("\n".join([head, *rows]) + "\n", 1)
        return cell.text

    words = [("sau", 137, 23), ("khi", 126, 33), ("được", 126, 41)]
    below = [("câp", 191, 32), ("có", 191, 22), ("thâm", 180, 33), ("quyên", 191, 32)]
    assert read(words, [("L$", 168, 31), ("Z", 181, 8), ("Ả", 171, 18), ("b", 172, 17), ("^", 181, 8)],
                below) == "sau khi được câp có thâm quyên"
    assert read(words, [("L$", 165, 30), ("2", 177, 8)], below) == "sau khi được câp có thâm quyên"
    assert read(words, [("F$", 182, 23)], below) == "sau khi được câp có thâm quyên"  # just into it
    assert read(words, [("-", 170, 4)], below) == "sau khi được - câp có thâm quyên"
    line = [("thực", 178, 40), ("hiện", 178, 40), ("chuyển", 177, 44), ("đổi", 177, 34)]
    assert read(line, [("số", 245, 21)]) == "thực hiện chuyển đổi số"  # a short word in small letters
    assert read(line, [("HA.", 245, 11)], conf=30) == "thực hiện chuyển đổi"  # a small syllable, unsure
    assert read(words, [("II", 150, 31)], below) == "sau khi được II câp có thâm quyên"  # above the next line
    assert read(words, below, [("II", 240, 31)]) == "sau khi được câp có thâm quyên II"
    assert read(words, below, [("206", 240, 30), ("-", 252, 4)]) == "sau khi được câp có thâm quyên 206"


def test_a_numbering_cell_no_reading_of_its_own_made_anything_of_takes_the_columns_reading(monkeypatch):
    """Ink in an item-number cell that psm 6 and psm 8 both read as nothing (a lone "1" in a
    tall merged cell): the numbering column read stacked gives it its number, as a
    second reading (its confidence is the model's of that reading)."""
    from extractors import ocr
    from extractors.grid import CellText
    from tests.unit.pictures import draw

    grid = draw([["Stt", "Nhiệm vụ"], ["1", "Rà soát"], ["", "Công bố"]])
    image = PageImage(1, np.full((200, 400), 255, np.uint8), 72, 0.0)
    for cell in grid.cells:  # ink in every cell but the blank one
        if not (cell.row0 == 2 and cell.col0 == 0):
            x0, top, x1, bottom = (int(v) for v in cell.bbox)
            image.gray[top + 6:bottom - 6, x0 + 20:x0 + 30] = 0
    monkeypatch.setattr(ocr, "numbering_column", lambda grid: 0)
    monkeypatch.setattr(ocr, "ocr_cells", lambda crops, *a: [CellText("", 1.0, "ocr") if c.pixels is not None and
                                                             c.bbox[0] == 0 else CellText("text", 0.95, "ocr", "text", (0.95,))
                                                             if c.pixels is not None else CellText("", 1.0, "ocr")
                                                             for c in crops])
    monkeypatch.setattr(ocr, "read_stacked", lambda crops, *a: [
        CellText("1" if c.pixels is not None else "", 0.9, "ocr", "1", (0.9,)) for c in crops])
    ocr.ocr_grids(image, [grid])
    numbers = {c.row0: c for c in grid.cells if c.col0 == 0}
    assert numbers[1].text == "1" and 0 < numbers[1].confidence < 1
    assert numbers[2].text == ""  # a blank cell stays blank
    assert numbers[0].text == ""  # the header cell is not a number: not re-read (row 0)


def _read_sealed_page(monkeypatch, rows: list[list[str]], read) -> tuple:
    """`ocr_grids` over a table of `rows` whose last row's two text cells each hold black
    ink with a grey stroke beside it, a seal's marks over the last cell alone, Tesseract
    replaced by `read`: (the far cell, the near cell, the boxes read without light ink)."""
    from extractors import ocr
    from tests.unit.pictures import draw

    grid = draw(rows)
    image = PageImage(1, np.full((200, 400), 255, np.uint8), 72, 0.0)
    far, near = (c for c in grid.cells if c.row0 == len(rows) - 1 and c.col0 > 0)
    for cell in (far, near):
        x0, top, x1, bottom = (int(v) for v in cell.bbox)
        image.gray[top + 6:bottom - 6, x0 + 10:x0 + 30] = 0
        image.gray[top + 6:bottom - 6, x0 + 30:x0 + 45] = 150  # a grey stroke beside it: no print core
    assert not np.array_equal(image.print_only([far.bbox, near.bbox]), image.gray)
    marks = np.zeros_like(image.gray, bool)
    marks[int(near.bbox[1]):int(near.bbox[3]), int(near.bbox[0]):int(near.bbox[2])] = True
    image.marks = marks
    without: list = []
    crop = ocr.crop_cell

    def cropped(img, bbox, gray=None, *a, **k):
        if gray is not None:
            without.append(bbox)
        return crop(img, bbox, gray, *a, **k)

    monkeypatch.setattr(ocr, "crop_cell", cropped)
    monkeypatch.setattr(ocr, "thickened", lambda c, dpi: c)
    monkeypatch.setattr(ocr, "numbering_column", lambda grid: None)
    monkeypatch.setattr(ocr, "ocr_cells", read)
    ocr.ocr_grids(image, [grid])
    return far, near, without


def test_only_doubtful_cells_near_a_seal_are_read_again_without_light_ink(monkeypatch):
    """On a sealed page, a doubtful cell the seal reaches is read again from the page
    without light ink (and the surer reading kept); a doubtful cell far from it is not,
    though dropping light ink page-wide would change its crop too (its grey strokes)."""
    from extractors.grid import CellText

    def read(crops, *a):  # the crop without most of its grey stroke reads surely
        return [CellText("", 1.0, "ocr") if c.pixels is None else
                CellText("Báo cáo", 0.9, "ocr", "x", (0.9,)) if (c.pixels == 150).sum() < 20
                else CellText("chữ", 0.3, "ocr", "x", (0.3,)) for c in crops]

    far, near, without = _read_sealed_page(monkeypatch, [["Stt", "Nhiệm vụ", "Sản phẩm"],
                                                         ["1", "Rà soát", "Báo cáo"]], read)
    assert without == [near.bbox]
    assert near.text == "Báo cáo" and far.text == "chữ"


def test_ink_inside_a_seals_ring_that_read_as_nothing_is_read_again_without_light_ink(monkeypatch):
    """A cell's writing with a seal's grey ring across it read as nothing (Tesseract took
    the crop for a picture): read again from the page without light ink, it reads its
    words, kept though the empty reading was "surer". A cell far from the seal that read
    as nothing is not read again."""
    from extractors.grid import CellText

    def read(crops, *a):  # with the grey ring, nothing; without it, the words
        return [CellText("", 1.0, "ocr") if c.pixels is None or (c.pixels == 150).sum() >= 20 else
                CellText("Trước ngày 30/7/2025", 0.66, "ocr", "x", (0.66,)) for c in crops]

    far, near, without = _read_sealed_page(monkeypatch, [["Stt", "Nhiệm vụ", "Thời gian"],
                                                         ["1", "Rà soát", "Trước ngày"]], read)
    assert without == [near.bbox]
    assert near.text == "Trước ngày 30/7/2025" and 0 < near.confidence < 1
    assert far.text == ""


def test_of_a_doubtful_cells_readings_the_language_model_chooses(monkeypatch):
    """Thickened, a doubtful cell reads with more confidence and a letter lost ("qu#");
    the reading kept is the first, which the correction can place; its confidence is
    that reading's."""
    from dataclasses import replace

    from extractors import ocr
    from extractors.grid import CellText
    from tests.unit.pictures import draw

    grid = draw([["Stt", "Sản phẩm"], ["1", "Báo cáo"]])
    image = PageImage(1, np.full((200, 400), 255, np.uint8), 72, 0.0)
    (cell,) = (c for c in grid.cells if c.row0 == 1 and c.col0 == 1)
    x0, top, x1, bottom = (int(v) for v in cell.bbox)
    image.gray[top + 6:bottom - 6, x0 + 10:x0 + 30] = 0

    def read(crops, *a):
        return [CellText("", 1.0, "ocr") if c.pixels is None else
                CellText("Báo cáo kết qu# thực hiện", 0.6, "ocr", "x", (0.6,)) if c.pixels[0, 0] == 7 else
                CellText("Báo cáo kết quả thực hiện", 0.5, "ocr", "x", (0.5,)) for c in crops]

    def thickened(crop, dpi):
        pixels = crop.pixels.copy()
        pixels[0, 0] = 7
        return replace(crop, pixels=pixels)

    monkeypatch.setattr(ocr, "thickened", thickened)
    monkeypatch.setattr(ocr, "numbering_column", lambda grid: None)
    monkeypatch.setattr(ocr, "ocr_cells", read)
    monkeypatch.setattr(ocr, "read_confidence", lambda page, cell, reading: reading.old_rule)
    ocr.ocr_grids(image, [grid])
    assert (cell.text, cell.confidence) == ("Báo cáo kết quả thực hiện", 0.5)


def test_a_word_read_as_a_dash_is_kept_only_when_its_ink_is_a_bar():
    from extractors.ocr import parse_tsv

    img = np.full((40, 200), 255, np.uint8)
    img[18:22, 40:54] = 0  # a dash: 14 x 4
    cv2.circle(img, (150, 20), 3, 0, -1)  # a speck: 7 x 7
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    words = [(0, 30, "kinh"), (36, 22, "-"), (60, 30, "xã"), (144, 12, "-"), (160, 30, "hội")]
    rows = [f"5\t1\t1\t1\t1\t{k}\t{x}\t10\t{w}\t20\t90\t{t}" for k, (x, w, t) in enumerate(words, 1)]
    (cell,) = parse_tsv("\n".join([head, *rows]) + "\n", 1, [img])
    assert cell.text == "kinh - xã hội"


def test_a_short_thick_bar_opening_a_line_is_its_list_dash_however_it_was_read():
    """A condensed font's hyphen on a copy: 10 x 5 px dark, 11 x 7 with its grey edges: under the bar's
    aspect once its grey is counted; read "-" unsurely or "~" at a line's start, it is the
    list's dash. The same ink between two words is no dash (a speck may look so)."""
    from extractors.ocr import parse_tsv

    img = np.full((40, 200), 255, np.uint8)
    img[17:24, 9:20] = 170  # grey edges: 11 x 7
    img[18:23, 10:20] = 0  # dark core: 10 x 5
    img[17:24, 99:110] = 170
    img[18:23, 100:110] = 0
    head = "level	page_num	block_num	par_num	line_num	word_num	left	top	width	height	conf	text"
    for read, conf in (("-", 28), ("~", 82)):
        words = [(10, 10, read, conf), (30, 40, "Kiểm", 96), (75, 20, "tra", 95), (100, 10, "-", 90),
                 (120, 30, "VBQPPL", 90)]
        rows = [f"5\t1\t1\t1\t1\t{k}\t{x}\t18\t{w}\t5\t{c}\t{t}" for k, (x, w, t, c) in enumerate(words, 1)]
        (cell,) = parse_tsv("\n".join([head, *rows]) + "\n", 1, [img])
        assert cell.text == "- Kiểm tra VBQPPL"


def test_a_spacing_mark_is_a_speck_not_writing():
    from extractors.ocr import parse_tsv

    (cell,) = parse_tsv(tsv(("Công", 95), ("nghệ", 94), ("ˆ", 90)), 1)
    assert cell.text == "Công nghệ"
    (cell,) = parse_tsv(tsv(("5ˆ", 90),), 1)
    assert cell.text == "5"


def test_a_symbol_no_plan_writes_glued_to_a_word_is_a_speck():
    from extractors.ocr import parse_tsv

    (cell,) = parse_tsv(tsv(("ĐIỀU", 95), ("HÀNH‡", 40)), 1)
    assert cell.text == "ĐIỀU HÀNH"
    (cell,) = parse_tsv(tsv(("Sở", 95), ("Nội", 94), ("vụ|", 60), ("(PCI)", 90)), 1)
    assert cell.text == "Sở Nội vụ (PCI)"


def test_a_crop_in_black_and_white_keeps_its_figure_and_loses_its_grey():
    from extractors.ocr import CellImage, binarized

    img = np.full((60, 50), 255, np.uint8)
    cv2.putText(img, "7", (12, 48), cv2.FONT_HERSHEY_SIMPLEX, 1.4, 0, 3)
    soft = cv2.GaussianBlur(img, (5, 5), 1.5)
    out = binarized(CellImage((0, 0, 1, 1), soft)).pixels
    assert set(np.unique(out)) == {0, 255}
    assert (out[img == 0] == 0).mean() > 0.9 and (out[img == 255] == 255).mean() > 0.95


def test_an_item_numbers_core_is_its_figure_and_what_touches_it_without_a_speck_beside_it():
    from extractors.ocr import CellImage, PAD_PX, number_core

    img = np.full((90, 90), 255, np.uint8)
    cv2.putText(img, "5", (40, 70), cv2.FONT_HERSHEY_SIMPLEX, 1.6, 0, 3)
    img[72:76, 76:80] = 0          # its period, just after it
    img[78:82, 14:18] = 0          # a copier's speck below and left of it, 20 px off
    core = number_core(CellImage((0, 0, 90, 90), img))
    ink = core.pixels < 128
    assert ink.sum() == (img[:, 30:] < 128).sum()   # the figure and its period, not the speck
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    assert rows[0] == cols[0] == PAD_PX and core.pixels.shape[1] - 1 - cols[-1] == PAD_PX
    soft = cv2.GaussianBlur(np.where(np.arange(90)[:, None] < 72, img, 255).astype(np.uint8), (5, 5), 1.0)
    grey = number_core(CellImage((0, 0, 90, 90), soft)).pixels
    assert ((grey >= 128) & (grey < 255)).sum() == 0 < ((soft >= 128) & (soft < 255)).sum()   # no grey fringe


def test_a_thin_fonts_strokes_are_widened_for_a_second_reading():
    from extractors.ocr import CellImage, thickened

    img = np.full((60, 200), 255, np.uint8)
    cv2.putText(img, "Cac so", (10, 40), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 1)   # one-pixel strokes
    img[50, 20:180] = 200                                                        # a grey hairline
    wide = thickened(CellImage((0, 0, 200, 60), img)).pixels
    assert wide.shape == img.shape
    assert (wide < 128).sum() > 1.5 * (img < 128).sum()         # the strokes widened
    assert (wide <= img).all()                                   # nothing lightened
    assert ((wide == 200).sum(axis=0) > 1).any() and not (wide[52:] < 200).any()   # by THICKEN_PX, no more
    at_600 = thickened(CellImage((0, 0, 200, 60), img), dpi=600).pixels
    assert (at_600 < 128).sum() > (wide < 128).sum()             # twice the side at twice the resolution
    assert thickened(CellImage((0, 0, 1, 1), None)).pixels is None


def test_a_streak_down_a_column_of_text_is_no_column_and_the_cell_is_read_again_as_one(monkeypatch):
    """A copier's streak down the middle of the task column, found as a rule below the
    header only: its two halves were read apart ("Rà soát" | "văn bản"). The boundary
    the header spans goes, and the joined cell is read again as one; a cell written on
    one side keeps its reading, a real column (its own header cell) stays."""
    from types import SimpleNamespace

    from extractors import ocr
    from extractors.grid import CellText
    from tests.unit.pictures import draw

    grid = draw([["Stt", "Nhiệm vụ", "<", "Sản phẩm"], ["1", "Rà soát", "văn bản", "Báo cáo"],
                 ["2", "Công bố", "", "Quyết định"]])
    image = PageImage(1, np.full((200, 400), 255, np.uint8), 72, 0.0)
    for cell in grid.cells:
        x0, top, x1, bottom = (int(v) for v in cell.bbox)
        image.gray[top + 6:bottom - 6, x0 + 8:x0 + 20] = 0
    texts = {c.bbox: c.text for c in grid.cells}
    read_boxes: list = []

    def read(crops, *a):
        read_boxes.extend(c.bbox for c in crops)
        return [CellText("Rà soát văn bản" if c.bbox[2] - c.bbox[0] > 100 and c.bbox[1] > 15 else texts[c.bbox],
                         0.95, "ocr", "x", (0.95,)) for c in crops]

    monkeypatch.setattr(ocr, "ocr_cells", read)
    monkeypatch.setattr(ocr, "numbering_column", lambda grid: None)
    monkeypatch.setattr(ocr, "map_header", lambda grid: SimpleNamespace(rows=1, fields=("stt", "task", None, "product")))
    grids = [grid]
    ocr.ocr_grids(image, grids)
    (joined,) = grids
    assert joined.n_cols == 3
    assert [joined.cell(r, 1).text for r in range(3)] == ["Nhiệm vụ", "Rà soát văn bản", "Công bố"]
    assert [joined.cell(r, 2).text for r in range(3)] == ["Sản phẩm", "Báo cáo", "Quyết định"]
    assert read_boxes.count(joined.cell(1, 1).bbox) == 1 and joined.cell(2, 1).bbox not in read_boxes
    assert all(0 < c.confidence <= 1 for c in joined.cells if c.text)


def _read_rows(monkeypatch, picture: list[list[str]], lines: dict[int, dict[int, str]]):
    """`ocr_grids` over the table `picture` (`tests.unit.pictures.draw`), ink in each row
    of each column, Tesseract replaced by a reader that reads a cell's crop as its text
    and a crop of part of a merged cell as the `lines` of its column in its rows
    ({column: {row: text}}): the grid after."""
    from extractors import ocr
    from extractors.grid import CellText
    from tests.unit.pictures import H, W, draw

    grid = draw(picture)
    image = PageImage(1, np.full((200, 400), 255, np.uint8), 72, 0.0)
    for r in range(grid.n_rows):
        for col in range(grid.n_cols):
            x0, top = int(grid.xs[col]), int(grid.ys[r])
            image.gray[top + 6:top + 14, x0 + 8:x0 + 20] = 0
    texts = {c.bbox: c.text for c in grid.cells}

    def read(crops, *a):
        out = []
        for c in crops:
            x0, top, _, bottom = c.bbox
            text = texts.get(c.bbox) or " ".join(lines[round(x0 / W)][r] for r in range(round(top / H), round(bottom / H)))
            out.append(CellText(text, 0.95, "ocr", text, (0.95,)))
        return out

    monkeypatch.setattr(ocr, "ocr_cells", read)
    monkeypatch.setattr(ocr, "numbering_column", lambda grid: None)
    ocr.ocr_grids(image, [grid])
    return grid


def test_a_cell_holding_two_numbered_items_is_parted_at_the_row_edge_the_next_one_opens_under(monkeypatch):
    """A task cell over three rows reads "1.1. Rà soát 1.2. Công bố văn bản": the row rule
    between the two tasks was lost along the task column (a hairline a scan dropped). It
    is parted at the row edge under which the crop opens with "1.2.", each part keeping
    the reading of its own crop; so is a cell going on from the page before whose next
    item opens inside it; a cell with two numbers that do not follow each other, or with
    one, stays whole."""
    from tests.unit.pictures import H

    lines = {1: ["1.1. Rà soát", "1.2. Công bố", "văn bản"], 2: ["bãi bỏ", "1.3. Báo", "cáo"],
             3: ["1.1. Lập", "1.3. Báo", "cáo"]}
    grid = _read_rows(monkeypatch, [["Stt", "Nhiệm vụ", "Hoạt động", "Sản phẩm", "Ghi chú"],
                                    ["1", "1.1. Rà soát 1.2. Công bố văn bản", "bãi bỏ 1.3. Báo cáo",
                                     "1.1. Lập 1.3. Báo cáo", "a"], ["^", "^", "^", "^", "b"], ["^", "^", "^", "^", "c"]],
                      {col: dict(enumerate(texts, 1)) for col, texts in lines.items()})
    assert [(c.row0, c.row1, c.text) for c in grid.cells if c.col0 == 1] == [
        (0, 0, "Nhiệm vụ"), (1, 1, "1.1. Rà soát"), (2, 3, "1.2. Công bố văn bản")]
    assert grid.cell(3, 1).bbox == (60.0, 2 * H, 120.0, 4 * H)
    # a cell going on from the page before ("bãi bỏ"), then the next item
    assert [(c.row0, c.row1, c.text) for c in grid.cells if c.col0 == 2][1:] == [(1, 1, "bãi bỏ"), (2, 3, "1.3. Báo cáo")]
    assert grid.cell(2, 3).text == "1.1. Lập 1.3. Báo cáo" and grid.cell(1, 0) is grid.cell(3, 0)
    assert all(0 < c.confidence <= 1 for c in grid.cells if c.text)


def test_a_task_spanning_two_objectives_is_parted_where_the_objectives_part(monkeypatch):
    """A task cell over two rows whose objectives are two cells: the row rule between the
    tasks was lost along the task column (a task belongs to one objective). It is parted
    at the objectives' edge when its lower part opens as a cell does; read on in small
    letters ("kết quả"), it is one task's writing and stays whole."""
    def parted(lower: str) -> list:
        grid = _read_rows(monkeypatch, [["Stt", "Mục tiêu", "Nhiệm vụ", "Hoạt động"],
                                        ["1", "Mục tiêu A", "Rà soát " + lower, "Báo cáo"],
                                        ["2", "Mục tiêu B", "^", "Kế hoạch"]], {2: {1: "Rà soát", 2: lower}})
        return [(c.row0, c.row1, c.text) for c in grid.cells if c.col0 == 2]

    assert parted("Công bố") == [(0, 0, "Nhiệm vụ"), (1, 1, "Rà soát"), (2, 2, "Công bố")]
    assert parted("kết quả") == [(0, 0, "Nhiệm vụ"), (1, 2, "Rà soát kết quả")]
    # across three objectives: parted at both edges
    grid = _read_rows(monkeypatch, [["Stt", "Mục tiêu", "Nhiệm vụ", "Hoạt động"], ["1", "A", "Rà soát Công bố Lập", "a"],
                                    ["2", "B", "^", "b"], ["3", "C", "^", "c"]], {2: {1: "Rà soát", 2: "Công bố", 3: "Lập"}})
    assert [(c.row0, c.row1, c.text) for c in grid.cells if c.col0 == 2][1:] == [
        (1, 1, "Rà soát"), (2, 2, "Công bố"), (3, 3, "Lập")]


def test_a_grey_hairline_dash_opening_a_line_is_inked_and_kept_in_the_crop():
    """A hairline face's list dash comes out of a scan's blur grey (~130), apart from the
    dark word after it: the crop cut to the dark ink lost it. A grey bar opening the line
    with a word a space after it is that dash, inked; a grey bar after the word, or one
    with no word near it, is not."""
    from extractors.ocr import grey_dashes

    page = np.full((200, 800), 255, np.uint8)
    cv2.putText(page, "Ra soat", (160, 120), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 0, 3)
    left = int(np.flatnonzero((page < 128).any(axis=0))[0])
    page[104:106, left - 30:left - 16] = 132                    # the dash, a space before the word
    page[104:106, 700:714] = 132                                 # a grey bar after the word: no dash
    page[30:32, 40:54] = 132                                     # one with no word near it
    image = PageImage(1, page, 300, 0.0)
    box = tuple(v * 72 / 300 for v in (20, 10, 780, 190))
    crop = crop_cell(image, box).pixels
    dark = np.flatnonzero((crop < 128).any(axis=0))
    assert crop[:, dark[0]:dark[0] + 14].min() < 128 and dark[0] < PAD_PX + 2   # the dash opens the crop, inked
    gray = page[10:190, 20:780]
    found = grey_dashes(gray, gray < 128)
    ys, xs = np.nonzero(found)
    assert found.any() and xs.min() == left - 30 - 20 and xs.max() < left - 20     # that one only


def test_a_lighter_dash_a_copy_blurred_is_found_but_not_a_faint_rule_a_copy_broke_up():
    """A copy blurs a hairline dash lighter still (172–185 at its darkest, 200–215 around on
    white paper, HELD-OUT 46's sealed copy): a light grey bar with a stroke's dark pixel,
    standing apart, opening the line a space before a word, is that dash. A piece of a faint
    rule the copy broke up, grey going on beside it, is not; nor is paper's tone (no pixel
    as dark as a stroke), nor a hairline serif's foot, no space between it and its letter."""
    from extractors.ocr import grey_dashes

    page = np.full((200, 800), 255, np.uint8)
    cv2.putText(page, "Ra soat", (160, 80), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 0, 3)
    cv2.putText(page, "Ke hoach", (160, 170), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 0, 3)
    left = int(np.flatnonzero((page < 128).any(axis=0))[0])
    page[63:67, left - 30:left - 16] = 208                      # the dash: light grey …
    page[64:66, left - 28:left - 18] = 185                      # … with a stroke's darker core
    page[153:157, left - 30:left - 16] = 208                    # a faint rule's piece (as dark),
    page[154:156, left - 28:left - 18] = 185
    page[153:157, left - 60:left - 32] = 214                    # its next piece 2 px before it
    page[20:24, 40:54] = 205                                     # paper's tone: no stroke in it
    found = grey_dashes(page, page < 128)
    serif = page.copy()                                          # a Didone's hairline foot: as light,
    serif[63:67, left - 30:left - 16] = 255                      # as flat, but touching its letter
    serif[63:67, left - 12:left - 1] = 208
    serif[64:66, left - 11:left - 2] = 185
    assert not grey_dashes(serif, serif < 128)[60:70].any()
    ys, xs = np.nonzero(found)
    assert found.any() and ys.min() == 63 and ys.max() == 66 and xs.min() == left - 30


def test_a_glyph_s_grey_hairline_foot_is_no_dash():
    """An old-style "2" whose foot a scan left grey: a grey bar opening the line, but with
    its glyph's dark ink right over it, is no list dash."""
    from extractors.ocr import grey_dashes

    page = np.full((120, 300), 255, np.uint8)
    cv2.putText(page, "030", (60, 80), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 0, 3)
    page[50:76, 30:34] = 0                                       # the "2"'s dark stroke
    page[78:80, 26:44] = 132                                     # its grey foot, 2 px under it
    assert not grey_dashes(page, page < 128).any()
