"""Old-style figures OCR read as letters (`normalizers.figure_letters`)."""
import pytest

from normalizers.figure_letters import fix_figure_letters
from normalizers.ocr_fixes import fix_ocr_text


@pytest.mark.parametrize("read, meant", [
    ("Giai đoạn 2O2I-2O25", "Giai đoạn 2021-2025"),       # a range: each piece with a figure
    ("Đến năm 2O2s, tỷ lệ", "Đến năm 2025, tỷ lệ"),
    ("ngày 29/11/2o18 phê duyệt", "ngày 29/11/2018 phê duyệt"),
    ("đạt tối thiểu 8o% và so%", "đạt tối thiểu 80% và 50%"),   # a share: letters alone before "%"
    ("Ioo% dịch vụ công", "100% dịch vụ công"),
    ("7.I.Tổ chức đánh giá", "7.1.Tổ chức đánh giá"),       # a lone I after figures in an item number
])
def test_letters_in_number_shaped_tokens_are_the_figures_they_stand_for(read, meant):
    assert fix_figure_letters(read) == meant


@pytest.mark.parametrize("text", ["so với năm 2020", "mạng 5G", "mô hình 5S", "COVID-19", "Q2/2026", "QĐ-UBND",
                                  "Mục II.1", "I.2. Thực hiện", "ISO 9001:2015", "lào%", "Io", "H2O"])
def test_words_codes_and_roman_numerals_stay(text):
    assert fix_figure_letters(text) == text


def test_a_percent_sign_read_as_a_ring_is_mended_before_letters_become_figures():
    assert fix_ocr_text("tối thiểu 959o, trong đó") == "tối thiểu 95%, trong đó"
