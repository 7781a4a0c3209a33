"""A document number's type code and issuer read with the document's capital swaps
(`normalizers.code_capitals`)."""
from normalizers.code_capitals import fix_swapped_codes
from normalizers.repair import correct_ocr_text

N_AS_X = ((("caps:X", "caps:N"), 2.5),)


def test_codes_read_with_the_documents_swap_are_put_back():
    read = ["Kế hoạch số 65/KH-UBXD ngày 12/9/2025", "Nghị định số 90 2020 XĐ-CP ngày 13/8/2020",
            "theo Nghị định số 602021 XD-CP"]
    assert fix_swapped_codes(read, N_AS_X, frozenset({"UBXD"})) == [
        "Kế hoạch số 65/KH-UBND ngày 12/9/2025", "Nghị định số 90/2020/NĐ-CP ngày 13/8/2020",
        "theo Nghị định số 60/2021/NĐ-CP"]


def test_known_issuers_and_documents_without_the_swap_stay():
    right = ["Quyết định số 12/QĐ-BXD của Bộ Xây dựng", "số 65/KH-UBND", "Nghị định số 90/2020/NĐ-CP",
             "thẩm định Báo cáo PTAT-XD"]   # no number before it: an acronym's own parts
    assert fix_swapped_codes(right, N_AS_X, frozenset()) == right
    assert fix_swapped_codes(["Kế hoạch số 65/KH-UBXD"], (), frozenset()) == ["Kế hoạch số 65/KH-UBXD"]


def test_the_correction_learns_the_swap_and_puts_the_codes_back(model):
    # N read X all through: in UBND, HĐND, CNTT and HCNN (four words, six tokens), and in a code
    read = ["Văn phòng UBXD tỉnh", "Các sở, ban, ngành; UBXD cấp xã", "Văn phòng HĐXD tỉnh",
            "Thường trực HĐXD tỉnh", "Ứng dụng CXTT trong cơ quan HCXX", "Kế hoạch số 65 KH-UBXD ngày 12/9/2025 của UBXD tỉnh"]
    assert correct_ocr_text(read, model)[-1].text == "Kế hoạch số 65/KH-UBND ngày 12/9/2025 của UBND tỉnh"
