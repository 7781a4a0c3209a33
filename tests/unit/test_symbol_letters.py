"""normalizers.symbol_letters: letters OCR read as symbols no Vietnamese word holds."""
from normalizers.ocr_fixes import fix_ocr_text
from normalizers.symbol_letters import fix_foreign_marks, fix_zero_for_q


def test_a_diaeresis_or_ring_no_vietnamese_letter_wears_goes_for_the_model_to_mend():
    assert fix_foreign_marks("CÄI CÁCH THỂ CHẾ; thöa thuận") == "CAI CÁCH THỂ CHẾ; thoa thuận"
    assert fix_foreign_marks("Thủ tướng Chính phủ") == "Thủ tướng Chính phủ"
    assert fix_foreign_marks("Nghị định số 90/2020/NÖ-CP") == "Nghị định số 90/2020/NÖ-CP"   # a code's letters
    assert fix_ocr_text("CÄI CÁCH") == "CAI CÁCH"     # first, before the rest read the word


def test_a_zero_read_for_the_q_of_a_decision_code_is_a_q():
    assert fix_zero_for_q("Quyết định số 468/0Đ-TTg ngày 27/3/2021") == "Quyết định số 468/QĐ-TTg ngày 27/3/2021"
    for kept in ("đạt 10Đ", "số 468/QĐ-TTg", "ngày 1/0"):
        assert fix_zero_for_q(kept) == kept
