"""Garbled acronyms decided by their context (`normalizers.acronym_channel`)."""
from normalizers.acronym_channel import acronym_items, garbled_acronym
from normalizers.repair import correct_ocr_text
from normalizers.tokens import ABBR


def test_an_acronym_read_two_letters_wrong_is_the_known_one_its_context_wants(model):
    read = ["Văn phòng LUBXD tỉnh", "Các sở, ban, ngành; LBXND cấp xã", "Quyết định của UBXND tỉnh",
            "giải quyết TYHC theo cơ chế một cửa", "Nghị quyết của HĐXD tỉnh"]
    assert [c.text for c in correct_ocr_text(read, model)] == [
        "Văn phòng UBND tỉnh", "Các sở, ban, ngành; UBND cấp xã", "Quyết định của UBND tỉnh",
        "giải quyết TTHC theo cơ chế một cửa", "Nghị quyết của HĐND tỉnh"]


def test_a_documents_own_acronyms_and_short_ones_stay_where_the_context_does_not_want_another(model):
    right = ["Chỉ số DCCI của tỉnh", "đầy đủ các VBPPL do HĐND tỉnh ban hành", "Chỉ số PCI của tỉnh",
             "Phòng XYZW tỉnh"]
    assert [c.text for c in correct_ocr_text(right, model)] == right


def test_candidates_are_the_word_as_read_and_known_acronyms_at_most_two_edits_away(model):
    items = acronym_items(model, "LUBXD")
    forms = {form for _, form in items.values()}
    assert None in forms and "ubnd" in forms
    assert items[model.index[ABBR]][0] < 0          # an unknown acronym costs its class's share
    assert all(score <= 0 for score, _ in items.values())
    assert "ubnd" not in {form for _, form in acronym_items(model, "XYZW").values()}
    assert not garbled_acronym("U") and not garbled_acronym("III") and not garbled_acronym("Sở")
    assert garbled_acronym("LUBXD") and garbled_acronym("UB")
    # two capitals: only the known acronyms that hold them side by side
    assert {form for _, form in acronym_items(model, "UB").values() if form} == {"ubnd"}
    assert "tthc" in {form for _, form in acronym_items(model, "TH").values()}


def test_two_capitals_of_an_acronym_whose_other_letters_were_lost_are_it_where_the_context_wants_it(model):
    read = ["Số hóa hồ sơ, kết quả giải quyết TH theo quy định", "Rà soát, chuẩn hóa HC, xây dựng quy trình nội bộ",
            "Văn phòng UBND tỉnh; VP UBND tỉnh", "Trường TH và THCS"]
    assert [c.text for c in correct_ocr_text(read, model)] == [
        "Số hóa hồ sơ, kết quả giải quyết TTHC theo quy định", "Rà soát, chuẩn hóa TTHC, xây dựng quy trình nội bộ",
        "Văn phòng UBND tỉnh; VP UBND tỉnh", "Trường TH và THCS"]


def test_a_word_of_a_title_in_capitals_with_a_letter_misread_is_the_syllable_the_title_wants(model):
    assert correct_ocr_text(["CẢI CÁCH THỦ TUJC HÀNH CHÍNH"], model)[0].text == "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"
    assert correct_ocr_text(["giải quyết THC theo cơ chế một cửa"], model)[0].text != "giải quyết THỦ theo cơ chế một cửa"


def test_a_word_of_a_title_read_in_capitals_with_marks_is_no_acronym(model):
    # no acronym carries vowel marks: a title's word with a mark misread or a letter
    # doubled, and an acronym OCR put a mark on, are mended from the title around them
    assert correct_ocr_text(["CỎÓNG TÁC CHỈ ĐẠD, ĐIỀU HÀNH"], model)[0].text == "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"
    assert correct_ocr_text(["Tổ chức thực hiện CƠHC năm 2025"], model)[0].text == \
        "Tổ chức thực hiện CCHC năm 2025"


def test_a_capital_the_document_reads_for_another_all_through_costs_its_price(model):
    """A face whose N OCR reads X all through: "LBXD", "UBXI", "HDXI" are two edits from
    UBND or HĐND and the first pass puts them back; "LBXI" is three, past the channel's
    reach. The document's own capital swaps (`letter_channel.document_swaps`, learned from
    the acronyms the first pass put back) make X for N cheap, so UBND is among "LBXI"'s
    candidates for the context to choose; a document read right learns none."""
    from normalizers.letter_channel import document_swaps

    learned = (("caps:X", "caps:N"), 2.5)
    assert "ubnd" not in {form for _, form in acronym_items(model, "LBXI").values()}
    with_swap = {form: score for score, form in acronym_items(model, "LBXI", (learned,)).values()}
    assert with_swap["ubnd"] == -(4.0 + 2.5 + 4.0)                      # L, I at the edit's price, X at the swap's
    assert "ubnd" not in {form for _, form in acronym_items(model, "LBQI", (learned,)).values()}  # three others
    copy = ["Văn phòng LBXD tỉnh", "Các sở, ban, ngành; UBXI cấp xã", "Nghị quyết của HDXI tỉnh",
            "Quyết định của LBXD tỉnh", "Các sở, ban, ngành; UBXI cấp huyện", "nguồn NSXX hằng năm"]
    assert learned in document_swaps(copy, model)
    right = ["Văn phòng UBND tỉnh", "Các sở, ban, ngành; UBND cấp xã", "Nghị quyết của HĐND tỉnh"]
    assert not [s for s in document_swaps(right, model) if s[0][0].startswith("caps:")]


def test_a_capital_swap_combines_with_a_letter_lost_or_added(model):
    """Noto Serif Display Condensed copied: N reads X all through, and UBND reads "BXU"
    (its U lost, its D read U) or "LBVXU" (a V added): the document's swap and two edits
    of any kind, lost and added letters as much as misread ones."""
    learned = ((("caps:X", "caps:N"), 2.5), (("caps:L", "caps:U"), 2.5))
    assert "ubnd" not in {form for _, form in acronym_items(model, "BXU").values()}
    with_swap = {form: score for score, form in acronym_items(model, "BXU", learned).values()}
    assert with_swap["ubnd"] == -(4.0 + 2.5 + 4.0)                      # U lost, X for N, U for D
    assert {form: score for score, form in acronym_items(model, "LBVXU", learned).values()}["ubnd"] == \
        -(2.5 + 4.0 + 2.5 + 4.0)                                         # L for U, V added, X for N, U for D
    assert "ubnd" not in {form for _, form in acronym_items(model, "BXQU", learned).values()}  # three others
