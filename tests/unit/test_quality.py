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
