"""A document's own letter confusions (`normalizers.letter_channel`)."""
from normalizers.letter_channel import document_swaps
from normalizers.lm_build import load_or_build
from normalizers.repair import correct_ocr_text


def _model():
    return load_or_build()


READ_A_AS_O = [  # a font whose one-storey "a" OCR reads "o", all through the document
    "Kế hoạch cỏi cách hành chính của cóc sở, bon, ngành",
    "Cóc sở, bon, ngành; UBND cốp xã",
    "Báo cáo kết quả thực hiện của cóc cơ quan, đơn vị",
    "Sở Nội vụ chủ trì, phối hợp với cóc sở, bon, ngành",
    "Kiểm tra công tác cỏi cách hành chính tại cóc xã",
]


def test_a_letter_read_for_another_all_through_a_document_is_found_and_undone():
    model = _model()
    assert (("o", "a"), 2.5) in document_swaps(READ_A_AS_O, model)
    fixed = [c.text for c in correct_ocr_text(READ_A_AS_O, model)]
    assert fixed[1] == "Các sở, ban, ngành; UBND cấp xã"
    assert "cải cách" in fixed[0] and "các sở" in fixed[0]


def test_a_document_read_right_has_no_letter_channel():
    right = [t.replace("cóc", "các").replace("Cóc", "Các").replace("bon", "ban").replace("cỏi", "cải")
             .replace("cốp", "cấp") for t in READ_A_AS_O]
    model = _model()
    assert document_swaps(right, model) == ()
    assert [c.text for c in correct_ocr_text(right, model)] == right
