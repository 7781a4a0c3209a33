"""normalizers.symbol_letters: letters OCR read as symbols no Vietnamese word holds."""
from normalizers.ocr_fixes import fix_ocr_text
from normalizers.symbol_letters import (fix_closing_brackets, fix_foreign_marks, fix_opening_brackets, fix_symbol_letters,
                                        fix_zero_for_q)


def test_a_diaeresis_or_ring_no_vietnamese_letter_wears_goes_for_the_model_to_mend():
    assert fix_foreign_marks("CÄI CÁCH THỂ CHẾ; thöa thuận") == "CAI CÁCH THỂ CHẾ; thoa thuận"
    assert fix_foreign_marks("Thủ tướng Chính phủ") == "Thủ tướng Chính phủ"
    assert fix_foreign_marks("Nghị định số 90/2020/NÖ-CP") == "Nghị định số 90/2020/NÖ-CP"   # a code's letters
    assert fix_ocr_text("CÄI CÁCH") == "CAI CÁCH"     # first, before the rest read the word


def test_a_zero_read_for_the_q_of_a_decision_code_is_a_q():
    assert fix_zero_for_q("Quyết định số 468/0Đ-TTg ngày 27/3/2021") == "Quyết định số 468/QĐ-TTg ngày 27/3/2021"
    for kept in ("đạt 10Đ", "số 468/QĐ-TTg", "ngày 1/0"):
        assert fix_zero_for_q(kept) == kept


def test_a_closing_bracket_nothing_opened_is_the_letter_it_was_read_for():
    assert fix_closing_brackets("các đơn v] sự nghiệp; Ngh] định số 60") == "các đơn vị sự nghiệp; Nghị định số 60"
    assert fix_closing_brackets("T]ường xuyên; thị] xã") == "Thường xuyên; thị xã"
    assert fix_closing_brackets("Chỉ số (PC]); (DCC])") == "Chỉ số (PCI); (DCCI)"   # a code's capital I
    for kept in ("tài liệu [1], mục a]", "khoản 5]", "[ghi chú]"):
        assert fix_closing_brackets(kept) == kept
    assert fix_ocr_text("đơn v] sự nghiệp") == "đơn vị sự nghiệp"


def test_an_opening_bracket_nothing_closes_glued_to_a_word_is_the_capital_it_was_read_for():
    assert fix_opening_brackets("[hường xuyên; [iếp tục; Ủy ban [rung ương") == "Thường xuyên; Tiếp tục; Ủy ban Trung ương"
    assert fix_opening_brackets("[làng năm; [loàn thành") == "Hàng năm; Hoàn thành"  # an H: its right stem an l
    assert fix_opening_brackets("Giải quyết [THC") == "Giải quyết TTHC"
    # a placeholder: closed further on, or no syllable with a T or an H before it
    assert fix_opening_brackets("cho [họ tên người đại diện]") == "cho [họ tên người đại diện]"
    assert fix_opening_brackets("thành lập [tên doanh nghiệp") == "thành lập [tên doanh nghiệp"
    assert fix_opening_brackets("(PAR [NDEM)") == "(PAR [NDEM)"


def test_a_plus_starting_a_word_of_small_letters_is_a_t():
    assert fix_symbol_letters("Đến năm 2030 +iếp tục giảm") == "Đến năm 2030 tiếp tục giảm"
    for text in ("+Kiểm tra VBQPPL", "+địa phương", "a + b", "x+iếp"):  # bullets, sums, glued
        assert fix_symbol_letters(text) == text


def test_an_oe_ligature_touching_a_letter_is_a_c():
    from normalizers.symbol_letters import fix_oe_for_c
    assert fix_oe_for_c("Kế hoạch ŒŒHC; đánh giá CŒŒHŒ; ŒÁCH; œơ quan") == "Kế hoạch CCHC; đánh giá CCCHC; CÁCH; cơ quan"
    assert fix_oe_for_c("một speck Œ alone") == "một speck Œ alone"
    assert fix_ocr_text("Cổng DVŒ của tỉnh") == "Cổng DVC của tỉnh"
