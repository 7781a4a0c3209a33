"""Per-page text-source decision: good, stripped, English-OCR'd and missing text layers."""
from extractors.quality import assess

GOOD = ("Ban hành và tổ chức thực hiện Kế hoạch cải cách hành chính năm 2026 của các sở, ban, "
        "ngành, Ủy ban nhân dân cấp xã trên địa bàn tỉnh")
STRIPPED = ("Ban hanh va to chuc thuc hien Ke hoach cai cach hanh chinh nam 2026 cua cac so, ban, "
            "nganh, Uy ban nhan dan cap xa tren dia ban tinh")
ENGLISH_OCR = ("Thuc hién Nghi quyét s6 76/NQ-CP ngay 15/7/2021 ctia Chinh pht ban hanh Chuong trinh "
               "tong thé cai cach hanh chinh nha nudc giai doan 2021-2030, Cong van s6 4625/BNV-CCHC")


def test_good_layer_on_a_vector_page_is_used():
    d = assess(1, GOOD, 0.0)
    assert (d.text_source, d.rules_source, d.needs_repair) == ("text_layer", "vector", False)


def test_good_layer_over_a_scan_is_used_with_rules_from_the_image():
    d = assess(1, GOOD, 0.98)
    assert (d.text_source, d.rules_source) == ("text_layer", "image")


def test_english_ocr_layer_over_a_scan_is_ignored_and_the_page_ocrd():
    d = assess(3, ENGLISH_OCR, 0.98)
    assert (d.text_source, d.rules_source) == ("ocr", "image")
    assert "not plausible Vietnamese" in d.reason and d.mark_share < 0.4


def test_missing_layer_on_a_scan_is_ocrd():
    d = assess(2, "", 1.0)
    assert (d.text_source, d.reason) == ("ocr", "scanned page without a text layer")


def test_stripped_vector_text_is_kept_and_marked_for_repair():
    d = assess(1, STRIPPED, 0.0)
    assert (d.text_source, d.rules_source, d.needs_repair) == ("text_layer", "vector", True)
    assert d.mark_share == 0.0


# ------------------------------------------------ a text layer that contradicts its page

#: GOOD with every Vietnamese letter dropped, as a damaged ToUnicode map leaves it.
LETTERS_LOST = "".join(ch for ch in GOOD if ord(ch) < 128)
TCVN3 = ("Ban hµnh vµ tæ chøc thùc hiÖn KÕ ho¹ch c¶i c¸ch hµnh chÝnh n¨m 2026 cña c¸c së, ban, ngµnh, "
         "Uû ban nh©n d©n cÊp x· trªn ®Þa bµn tØnh")


def test_words_without_their_letters_send_a_vector_page_to_ocr():
    d = assess(2, LETTERS_LOST, 0.0)
    assert (d.text_source, d.rules_source) == ("ocr", "vector")
    assert d.reason.startswith("vector page whose text layer is not trusted: letters missing from words")


def test_stripped_and_legacy_encoded_layers_stay_for_the_repair_stage():
    for text in (STRIPPED, TCVN3):
        d = assess(1, text, 0.0)
        assert (d.text_source, d.needs_repair) == ("text_layer", True), text


def test_glyphs_mapped_to_no_character_send_the_page_to_ocr():
    d = assess(1, GOOD, 0.0, odd_glyphs=12)
    assert d.text_source == "ocr" and "12 glyphs inside words map to no character" in d.reason
    assert assess(1, GOOD, 0.0, odd_glyphs=2).text_source == "text_layer"  # a stray glyph or two


def test_one_font_losing_its_letters_is_enough():
    fonts = {"Body": GOOD, "Bold": "Stt Ni dung/Nhim v Hot ng/Sn phm C quan ch tr C quan phi hp Thi gian"}
    d = assess(1, GOOD + " " + fonts["Bold"], 0.0, fonts=fonts)
    assert d.text_source == "ocr" and "in font Bold" in d.reason
    assert assess(1, GOOD, 0.0, fonts={"Body": GOOD, "Bold": "Stt Nội dung/Nhiệm vụ"}).text_source == "text_layer"


def test_a_damaged_unicode_map_found_by_qpdf_sends_the_page_to_ocr():
    d = assess(1, GOOD, 0.0, text_maps=("/F2 (Times): ToUnicode map damaged data (incorrect data check)",))
    assert d.text_source == "ocr" and "ToUnicode map damaged" in d.reason
