"""Roman numerals recounted on the image: Tesseract's fast `vie` model drops or adds
strokes ("Quý III" read "Quý II"); the stems in the word's box decide."""
import glob

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.glyphs import count_stems, is_roman_one, recount_roman
from extractors.ocr import parse_tsv

FONTS = sorted(glob.glob("/usr/share/fonts/truetype/liberation*/Liberation*-Regular.ttf")
               + glob.glob("/usr/share/fonts/truetype/liberation*/Liberation*-Bold.ttf"))


def word_image(text, font_path, size=40):
    font = ImageFont.truetype(font_path, size)
    image = Image.new("L", (30 + size * len(text), 2 * size), 255)
    ImageDraw.Draw(image).text((10, size // 4), text, font=font, fill=0)
    pixels = np.array(image)
    ys, xs = np.nonzero(pixels < 128)
    return pixels, (int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1))


@pytest.mark.skipif(not FONTS, reason="fonts-liberation2 not installed (scripts/setup.sh installs it)")
@pytest.mark.parametrize("font", FONTS)
@pytest.mark.parametrize("text, stems", [("I", 1), ("II", 2), ("III", 3), ("III,", 3), ("II/2026", 2),
                                         ("I/2026", 1), ("IV", 1)])
def test_stems_counted_on_the_image(font, text, stems):
    assert count_stems(*word_image(text, font)) == stems


@pytest.mark.skipif(not FONTS, reason="fonts-liberation2 not installed (scripts/setup.sh installs it)")
def test_misread_numeral_is_recounted_and_others_left_alone():
    font = FONTS[0]
    assert recount_roman("II,", *word_image("III,", font)) == "III,"
    assert recount_roman("IH,", *word_image("III,", font)) == "III,"
    assert recount_roman("Il/2025", *word_image("II/2025", font)) == "II/2025"
    assert recount_roman("III/2026", *word_image("II/2026", font)) == "II/2026"
    assert recount_roman("II", *word_image("II", font)) == "II"
    assert recount_roman("IV", *word_image("IV", font)) == "IV"  # not an I-only numeral: untouched
    assert recount_roman("In", *word_image("In", font)) == "In"
    assert recount_roman("II", None, (0, 0, 10, 10)) == "II"  # no image: as read


@pytest.mark.skipif(not FONTS, reason="fonts-liberation2 not installed (scripts/setup.sh installs it)")
@pytest.mark.parametrize("font", FONTS)
@pytest.mark.parametrize("text", ["1/2026", "I/2026", "1,", "I,", "I"])
def test_roman_one_told_from_arabic_one(font, text):
    assert is_roman_one(*word_image(text, font)) is text.startswith("I")


def test_quarter_one_read_as_digit_is_checked_on_the_image():
    """parse_tsv: after "Quý", a "1" drawn as a Roman I becomes "I"; a real "1" stays."""
    font = FONTS[0]
    roman, box_r = word_image("I/2026", font)
    arabic, box_a = word_image("1/2026", font)
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"

    def tsv(box):
        left, top, width, height = box
        return "\n".join([header, "5\t1\t1\t1\t1\t1\t0\t0\t5\t5\t95\tQuý",
                          f"5\t1\t1\t1\t1\t2\t{left}\t{top}\t{width}\t{height}\t95\t1/2026"])

    assert parse_tsv(tsv(box_r), 1, [roman])[0].text == "Quý I/2026"
    assert parse_tsv(tsv(box_a), 1, [arabic])[0].text == "Quý 1/2026"
    assert parse_tsv(tsv(box_r), 1)[0].text == "Quý 1/2026"  # no image: as read
