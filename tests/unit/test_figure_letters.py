"""Figures OCR read as letters: sixes, shares, old-style figures (`normalizers.figure_letters`)."""
import pytest

from normalizers.figure_letters import fix_figure_letters, fix_percent, fix_sixes
from normalizers.ocr_fixes import fix_ocr_text


@pytest.mark.parametrize("read, meant", [
    ("Giai đoạn 2O2I-2O25", "Giai đoạn 2021-2025"),       # a range: each piece with a figure
    ("Đến năm 2O2s, tỷ lệ", "Đến năm 2025, tỷ lệ"),
    ("ngày 29/11/2o18 phê duyệt", "ngày 29/11/2018 phê duyệt"),
    ("đạt tối thiểu 8o% và so%", "đạt tối thiểu 80% và 50%"),   # a share: letters alone before "%"
    ("Ioo% dịch vụ công", "100% dịch vụ công"),
    ("7.I.Tổ chức đánh giá", "7.1.Tổ chức đánh giá"),       # a lone I after figures in an item number
    ("đạt tối thiểu §0%;", "đạt tối thiểu 80%;"),           # an 8 read as a section sign
    ("tối thiểu 80.ooo người", "tối thiểu 80.000 người"),     # a group of thousands after a dot
    ("Định kỳ hằng quý, 6 tháng, I năm", "Định kỳ hằng quý, 6 tháng, 1 năm"),   # a 1 before a unit
])
def test_letters_in_number_shaped_tokens_are_the_figures_they_stand_for(read, meant):
    assert fix_figure_letters(read) == meant


@pytest.mark.parametrize("text", ["so với năm 2020", "mạng 5G", "mô hình 5S", "COVID-19", "Q2/2026", "QĐ-UBND",
                                  "Mục II.1", "I.2. Thực hiện", "ISO 9001:2015", "lào%", "Io", "H2O",
                                  "Quý I năm 2026"])
def test_words_codes_and_roman_numerals_stay(text):
    assert fix_figure_letters(text) == text


def test_a_percent_sign_read_as_a_ring_is_mended_before_letters_become_figures():
    assert fix_ocr_text("tối thiểu 959o, trong đó") == "tối thiểu 95%, trong đó"


@pytest.mark.parametrize("read, meant", [
    ("năm 202ó", "năm 2026"), ("số 4ó8/QĐ-TTg", "số 468/QĐ-TTg"), ("7óó/QĐ-TTg", "766/QĐ-TTg"),
    ("ó0% hồ sơ", "60% hồ sơ"), ("1.ó.Đổi mới", "1.6.Đổi mới"), ("ó tháng", "6 tháng"),
    ("năm 202óé", "năm 2026"), ("202á của", "2026 của"), ("Quý IV/202é", "Quý IV/2026"),
])
def test_a_six_read_as_an_accented_letter_is_a_six(read, meant):
    assert fix_sixes(read) == meant


@pytest.mark.parametrize("text", ["hóa đơn", "châu Á và á", "Có", "ố", "B2 và óc", "é"])
def test_words_with_those_letters_stay(text):
    assert fix_sixes(text) == text


def test_a_share_above_100_ending_in_9_lost_its_percent_sign_to_a_9():
    assert fix_percent("đạt 909%; 159%, 509% và 19%") == "đạt 90%; 15%, 50% và 19%"
    assert fix_percent("100% cơ quan, 99%, 2029% là năm 2029") == "100% cơ quan, 99%, 2029% là năm 2029"


def test_a_percent_sign_read_9_before_a_range_s_other_end_a_share_is_a_percent_sign():
    assert fix_percent("trong đó: 259 - 35% số lãnh đạo") == "trong đó: 25% - 35% số lãnh đạo"
    for kept in ("từ 19 - 25% số", "259 - 35 hồ sơ", "đạt 89 - 95%", "năm 2019 - 2025%", "1.259 - 30%"):
        assert fix_percent(kept) == kept


def test_a_percent_sign_read_with_its_upper_ring_as_an_o_or_a_hundred_that_lost_its_one():
    assert fix_percent("tối thiểu 80O% TTHC, 95o% và đạt 00% vào năm 2030") == "tối thiểu 80% TTHC, 95% và đạt 100% vào năm 2030"
    for kept in ("đạt 10O% hồ sơ", "đạt 100% hồ sơ", "1.00% lãi", "2.500% và 200%"):
        assert fix_percent(kept) == kept


def test_a_slashed_zero_read_as_a_letter_is_a_zero_and_a_diameter_stays():
    assert fix_figure_letters("đạt 8Ø%, 9Ø% năm 2Ø25; thời hạn Ø7 ngày") == "đạt 80%, 90% năm 2025; thời hạn 07 ngày"
    assert fix_figure_letters("ống Ø110 dài 10m") == "ống Ø110 dài 10m"


def test_a_figure_a_document_reads_before_every_percent_sign_goes():
    from normalizers.figure_letters import fix_share_figures
    typewriter = ["đạt 951% hồ sơ", "tối thiểu 601%; 251%", "100% cơ quan, 21% và 121%"]
    assert fix_share_figures(typewriter) == ["đạt 95% hồ sơ", "tối thiểu 60%; 25%", "100% cơ quan, 21% và 12%"]
    law = ["từ 61% đến 121%;", "201% trở lên", "từ 61% đến 121% hoặc"]   # two such shares: as written
    assert fix_share_figures(law) == law


def test_a_percent_sign_read_with_its_lower_ring_as_a_letter_is_a_percent_sign():
    assert fix_percent("đạt 100%o, 80%o; 959o và 20%o các") == "đạt 100%, 80%; 95% và 20% các"
    assert fix_percent("tối thiểu 809ø, đạt 1009ø và 20%ø") == "tối thiểu 80%, đạt 100% và 20%"   # "ø": ring and stroke
    for kept in ("góc 30o", "100% cơ quan", "năm 2019 có", "số 9 ô"):
        assert fix_percent(kept) == kept


def test_old_style_two_and_one_read_z_and_i_are_figures_beside_another_look_alike():
    """EB Garamond's old-style figures at 200 dpi: "2025," read "zo2s,", "2021" "2ozi", "100%"
    "ioo%". A code's letter after its figures ("Điều 40i", "23i") is no figure."""
    from normalizers.figure_letters import fix_figure_letters

    assert fix_figure_letters("năm zo2s, đạt ioo% theo Nghị định 60/2ozi/NĐ-CP") == \
        "năm 2025, đạt 100% theo Nghị định 60/2021/NĐ-CP"
    for kept in ("Điều 40i", "3.3.NĐ.4.23i.", "khoản 2z", "Zalo 2"):
        assert fix_figure_letters(kept) == kept


def test_a_percent_sign_read_as_ninety_or_ninety_nine_whole_is_a_percent_sign():
    """Noto Serif Display's "%" read "90" or "99" after a share: no such number is written
    (a count over 1,000 takes a period, a decision's number a slash)."""
    assert fix_percent("Năm 2021, 10090 TTHC đủ điều kiện; đạt tối thiểu 8590. Có 10099 hoạt động, 2590 35%") == \
        "Năm 2021, 100% TTHC đủ điều kiện; đạt tối thiểu 85%. Có 100% hoạt động, 25% 35%"
    for kept in ("năm 1990 và 2090", "Điều 109, khoản 119", "số 1590/QĐ-UBND", "1.090 hồ sơ", "10190 hồ sơ",
                 "mã 8590-A", "8590,5 triệu", "99 hồ sơ", "0990", "1590a"):
        assert fix_percent(kept) == kept


def test_a_percent_whose_upper_ring_was_read_as_a_bracket():
    # Noto Serif Display ExtraCondensed copied: the upper ring a bracket or J, the lower an o
    assert fix_percent("tối thiểu 9(%o, đạt 9J%o và 100)%o") == "tối thiểu 90%, đạt 90% và 100%"
    assert fix_percent("(90%), đạt 50 (%)") == "(90%), đạt 50 (%)"
