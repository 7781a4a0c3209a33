"""Legacy encodings (TCVN3, VNI) and tone-mark placement: normalizers/encodings.py.

Guards USER-ASKS #4 (a PDF typeset in .VnTime / VNI-Times yields "C¶i c¸ch" or "Caûi
caùch" in its text layer) and #9 (hòa vs hoà must compare equal after normalisation).
"""
import pytest

from normalizers.encodings import (
    detect_legacy, is_uppercase_font, tcvn3_to_unicode, to_unicode, unicode_to_tcvn3, unicode_to_vni, vni_to_unicode,
)
from normalizers.syllables import syllable_inventory
from normalizers.tone_placement import detect_tone_style, normalize_tone_placement

PLAN_TITLE = "Cải cách hành chính tỉnh Ninh Bình 6 tháng cuối năm 2025"


# ---------------------------------------------------------------- TCVN3

def test_tcvn3_encodes_a_title_byte_for_byte():
    assert unicode_to_tcvn3("Cải cách hành chính tỉnh Ninh Bình") == "C¶i c¸ch hµnh chÝnh tØnh Ninh B×nh"
    assert unicode_to_tcvn3("Đường Ưu tiên") == "§\xadêng ¦u tiªn"   # ư is 0xAD (soft hyphen)


def test_tcvn3_decodes_a_sample_from_a_public_converter():
    assert tcvn3_to_unicode("B¶o Th¾ng") == "Bảo Thắng"


def test_tcvn3_round_trips_a_sentence():
    assert tcvn3_to_unicode(unicode_to_tcvn3(PLAN_TITLE)) == PLAN_TITLE


def test_tcvn3_capitals_come_from_the_H_font():
    encoded = unicode_to_tcvn3("ỦY BAN NHÂN DÂN TỈNH", uppercase_font=True)
    assert encoded == "ñy ban nh©n d©n tØnh"
    assert tcvn3_to_unicode(encoded) == "ủy ban nhân dân tỉnh"
    assert tcvn3_to_unicode(encoded, uppercase_font=True) == "ỦY BAN NHÂN DÂN TỈNH"
    with pytest.raises(ValueError):
        unicode_to_tcvn3("Ủy ban")        # no capital Ủ in the normal .VnTime font


def test_every_syllable_round_trips_through_both_encodings():
    for syl in syllable_inventory():
        assert tcvn3_to_unicode(unicode_to_tcvn3(syl)) == syl, syl
        assert vni_to_unicode(unicode_to_vni(syl)) == syl, syl
        assert vni_to_unicode(unicode_to_vni(syl.upper())) == syl.upper(), syl


# ---------------------------------------------------------------- VNI

def test_vni_encodes_base_letter_plus_marks():
    assert unicode_to_vni("Xin chào các bạn") == "Xin chaøo caùc baïn"   # the vietnamese-conversion README
    assert unicode_to_vni("Cải cách hành chính tỉnh Ninh Bình") == "Caûi caùch haønh chính tænh Ninh Bình"
    assert unicode_to_vni("ĐỊNH KỲ hằng quý, nước") == "ÑÒNH KYØ haèng quyù, nöôùc"


def test_vni_decodes_longest_match_first():
    assert vni_to_unicode("nöôùc") == "nước"      # ö ô ù: ư, then ơ + sắc
    assert vni_to_unicode("hoàn") == "hồn"        # o + à is ồ in VNI: why detection must not decode Unicode
    assert vni_to_unicode(unicode_to_vni(PLAN_TITLE)) == PLAN_TITLE


# ---------------------------------------------------------------- detection

@pytest.mark.parametrize("font,expected", [
    (".VnTime", "tcvn3"), (".VnTimeH", "tcvn3"), ("ABCDEF+.VnArial,Bold", "tcvn3"), ("VnTimeH", "tcvn3"),
    ("VNI-Times", "vni"), ("ABCDEF+VNI-Helve-Bold", "vni"),
])
def test_font_name_decides(font, expected):
    assert detect_legacy("plain ascii", font) == expected


def test_uppercase_font_names():
    assert is_uppercase_font(".VnTimeH") and is_uppercase_font("ABCDEF+.VnArialH,Bold")
    assert not is_uppercase_font(".VnTime") and not is_uppercase_font("VNI-Times") and not is_uppercase_font(None)


def test_text_alone_decides_by_valid_syllables():
    sentence = "Kế hoạch cải cách hành chính năm 2026 của tỉnh"
    assert detect_legacy(unicode_to_tcvn3(sentence)) == "tcvn3"
    assert detect_legacy(unicode_to_vni(sentence)) == "vni"
    assert detect_legacy(sentence) is None                    # already Unicode
    assert detect_legacy("hoàn thành nhiệm vụ") is None        # would read as VNI "hồn"
    assert detect_legacy("Ke hoach 08/KH-UBND") is None        # ASCII
    assert detect_legacy("café crème") is None                 # Latin-1, not Vietnamese


def test_to_unicode_uses_the_font_for_capitals():
    text, enc = to_unicode("c«ng t¸c chØ ®¹o", ".VnTimeH")
    assert (text, enc) == ("CÔNG TÁC CHỈ ĐẠO", "tcvn3")


# ---------------------------------------------------------------- tone placement

def test_tone_placement_both_ways():
    assert normalize_tone_placement("hòa thủy khỏe", "new") == "hoà thuỷ khoẻ"
    assert normalize_tone_placement("hoà thuỷ khoẻ", "old") == "hòa thủy khỏe"
    assert normalize_tone_placement("hoà thuỷ", "hòa") == "hòa thủy"          # unambiguous alias
    assert normalize_tone_placement("hòa thủy", "hoà") == "hoà thuỷ"


def test_tone_placement_keeps_case_per_letter():
    assert normalize_tone_placement("HÒA Thủy ỦY", "new") == "HOÀ Thuỷ UỶ"


def test_tone_placement_leaves_closed_syllables_and_qu_alone():
    for word in ("hoàn", "hoạch", "toán", "quý", "quỳnh", "khuỷu", "thuyết"):
        assert normalize_tone_placement(word, "old") == word
        assert normalize_tone_placement(word, "new") == word


def test_wrong_placements_are_fixed_in_every_style():
    assert normalize_tone_placement("hòan qùy", None) == "hoàn quỳ"
    assert normalize_tone_placement("hòan qùy", "old") == "hoàn quỳ"
    assert normalize_tone_placement("hóa hoá", None) == "hóa hoá"               # None keeps each as printed


def test_detect_tone_style():
    assert detect_tone_style("văn hoá, thuỷ lợi, hòa") == "new"
    assert detect_tone_style("văn hóa, thủy lợi") == "old"
    assert detect_tone_style("quý, hoàn thành") is None
