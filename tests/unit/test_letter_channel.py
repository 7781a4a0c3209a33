"""A document's own letter confusions (`normalizers.letter_channel`)."""
from normalizers.letter_channel import document_swaps
from normalizers.repair import correct_ocr_text


READ_A_AS_O = [  # a font whose one-storey "a" OCR reads "o", all through the document
    "Kế hoạch cỏi cách hành chính của cóc sở, bon, ngành",
    "Cóc sở, bon, ngành; UBND cốp xã",
    "Báo cáo kết quả thực hiện của cóc cơ quan, đơn vị",
    "Sở Nội vụ chủ trì, phối hợp với cóc sở, bon, ngành",
    "Kiểm tra công tác cỏi cách hành chính tại cóc xã",
]


def test_a_letter_read_for_another_all_through_a_document_is_found_and_undone(model):
    assert (("o", "a"), 2.5) in document_swaps(READ_A_AS_O, model)
    fixed = [c.text for c in correct_ocr_text(READ_A_AS_O, model)]
    assert fixed[1] == "Các sở, ban, ngành; UBND cấp xã"
    assert "cải cách" in fixed[0] and "các sở" in fixed[0]


def test_a_document_read_right_has_no_letter_channel(model):
    right = [t.replace("cóc", "các").replace("Cóc", "Các").replace("bon", "ban").replace("cỏi", "cải")
             .replace("cốp", "cấp") for t in READ_A_AS_O]
    assert document_swaps(right, model) == ()
    assert [c.text for c in correct_ocr_text(right, model)] == right


def test_a_tone_the_first_pass_puts_back_in_many_words_is_a_tone_swap_and_costs_less(model):
    from normalizers.candidates import TONE_PREFIX, mark_slip_candidates
    from normalizers.letter_channel import TONE_SWAP_COST, _tone_swap_of

    assert _tone_swap_of("phần", "phấn") == (TONE_PREFIX + "huyen", TONE_PREFIX + "sac")
    assert _tone_swap_of("phần", "phần") is None and _tone_swap_of("phần", "phân") is not None
    assert _tone_swap_of("các", "cóc") is None        # letters differ: a letter swap, not a tone one
    swap = ((TONE_PREFIX + "huyen", TONE_PREFIX + "sac"), TONE_SWAP_COST)
    plain, cheap = mark_slip_candidates(model, "phần"), mark_slip_candidates(model, "phần", (swap,))
    cost = {f: -c for f, c in zip(plain.forms, plain.chan)}
    cheaper = {f: -c for f, c in zip(cheap.forms, cheap.chan)}
    assert cheaper["phấn"] == TONE_SWAP_COST < cost["phấn"]
    assert all(cheaper[f] == cost[f] for f in cost if f not in ("phấn", None))   # other tones: as learned


def test_the_bar_of_d_lost_or_added_is_a_mark_slip(model):
    from normalizers.candidates import BAR_COST, mark_slip_candidates

    forms = dict(zip(mark_slip_candidates(model, "đân").forms, mark_slip_candidates(model, "đân").chan))
    assert forms["dân"] == -BAR_COST
    assert "đinh" in mark_slip_candidates(model, "dinh").forms or "định" in mark_slip_candidates(model, "dinh").forms
    assert [c.text for c in correct_ocr_text(["Ủy ban nhân đân cấp huyện", "hoàn thiện toàn điện, đồng bộ"], model)] \
        == ["Ủy ban nhân dân cấp huyện", "hoàn thiện toàn diện, đồng bộ"]
    assert correct_ocr_text(["Sở Công thương; Điện lực tỉnh"], model)[0].text == "Sở Công thương; Điện lực tỉnh"
