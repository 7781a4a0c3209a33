"""normalizers.word_case: the case of an OCR'd word inside a sentence, from the corpus's contexts."""
from normalizers.document_case import document_readings, fix_word_case_many
from normalizers.word_case import (CAPITALS_SLIP, L, MISREAD_SLIP, OTHER_SLIP, SAME_SHAPE, SAME_SHAPE_SLIP, T, U,
                                  channel, fix_word_case, pattern)


def test_patterns():
    assert [pattern(w) for w in ("xuyên", "Xuyên", "XUYÊN", "Ý")] == [L, T, U, T]
    assert pattern("ƯƠng") is None and pattern("uỶ") is None and pattern("CỦa") is None


def test_channel_same_shape_letters_slip_more():
    assert channel("Xuyên", T) == 1.0
    assert channel("Xuyên", L) == SAME_SHAPE_SLIP            # X and x: one shape
    assert channel("Tỉnh", L) == OTHER_SLIP                  # T and t differ
    assert channel("ƯƠng", L) == SAME_SHAPE_SLIP
    assert channel("XUYÊN", L) == channel("QUY", T) == CAPITALS_SLIP   # a whole word read in capitals
    assert channel("Luật", L, SAME_SHAPE | {"l"}) == MISREAD_SLIP      # a letter the document misreads


def test_misread_capitals_inside_a_sentence():
    assert fix_word_case("Thường Xuyên kiểm tra") == "Thường xuyên kiểm tra"
    assert fix_word_case("Thường XUYÊN") == "Thường xuyên"
    assert fix_word_case("Ban Chấp hành Trung Ương") == "Ban Chấp hành Trung ương"
    assert fix_word_case("đối Với các cơ quan") == "đối với các cơ quan"
    assert fix_word_case("các SỞ, ban, ngành") == "các sở, ban, ngành"


def test_the_word_after_counts_with_its_case():
    # "Sở Giáo dục" writes Sở before a capital: no context for "cơ sở giáo dục"
    assert fix_word_case("mạng lưới các cơ Sở giáo dục") == "mạng lưới các cơ sở giáo dục"
    assert fix_word_case("của Sở Giáo dục và Đào tạo") == "của Sở Giáo dục và Đào tạo"


def test_a_sentence_first_syllable_read_in_capitals_before_small_letters_is_capitalised():
    assert fix_word_case("TỶ lệ hồ sơ giải quyết") == "Tỷ lệ hồ sơ giải quyết"
    assert fix_word_case("Năm 2030 - TỶ lệ thanh toán") == "Năm 2030 - Tỷ lệ thanh toán"
    for kept in ("UBND tỉnh", "HĐND tỉnh", "CẢI CÁCH THỂ CHẾ", "VĂN BẢN số", "SỞ Nội vụ"):
        assert fix_word_case(kept) == kept     # acronyms, titles in capitals, a capital after


def test_mixed_case_is_always_a_misread():
    assert fix_word_case("Trung ƯƠng") == "Trung ương"
    assert fix_word_case("phân cấp, uỶ quyền") == "phân cấp, uỷ quyền"
    assert fix_word_case("kiểm soát CỦa cơ quan") == "kiểm soát của cơ quan"
    assert fix_word_case("cấp xÃ") == "cấp xã"


def test_capitals_plans_write_stay():
    for text in ("các Sở, ban, ngành", "Sở Nội vụ, Sở Tư pháp", "của Sở Nội vụ", "trên Cổng Dịch vụ công",
                 "của Chính phủ", "Ban Tổ chức Trung ương", "Văn phòng UBND tỉnh", "Bộ Khoa học và Công nghệ",
                 "UBND Tỉnh",                                   # T is no same-shape letter
                 "theo Chỉ thị số 12",
                 "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH",                 # a sentence in capitals
                 "Kế hoạch CẢI CÁCH HÀNH CHÍNH năm 2026",        # a run of capitals: a title
                 "Cơ quan chủ trì; Các sở, ban, ngành",           # sentence starts
                 "UBND tỉnh - Các văn bản",                      # a dash starts an item
                 "468/QĐ-TTg, 23-CTr/TU, UBNDtỉnh, PClI"):        # codes, words run together
        assert fix_word_case(text) == text, text


def test_small_letters_stay():
    text = "tổ chức thực hiện thường xuyên, kịp thời các nhiệm vụ của sở"
    assert fix_word_case(text) == text


def test_document_spelling_stays():
    """A pair the document reads with the same capital every time is its own spelling."""
    cells = ["Phần mềm chấm điểm chỉ số Cải cách hành chính", "Nâng cấp chỉ số Cải cách hành chính"]
    assert fix_word_case(cells[0]) == "Phần mềm chấm điểm chỉ số cải cách hành chính"   # the corpus alone
    assert fix_word_case_many(cells) == cells
    readings = document_readings(["Thường xuyên kiểm tra", "Thường Xuyên", "Thường Xuyên", "Làm Thường Xuyên"])
    assert readings["thường", "xuyên"] == {L: 1, T: 2}           # a cell repeated counts once
    assert fix_word_case_many(["Thường xuyên kiểm tra", "Thường Xuyên", "Thường Xuyên"]) == \
        ["Thường xuyên kiểm tra", "Thường xuyên", "Thường xuyên"]             # read both ways: a misread
    assert fix_word_case_many(["Thường Xuyên", "Kiểm tra Thường Xuyên"]) == ["Thường Xuyên", "Kiểm tra Thường Xuyên"]
    # one cell repeated (a merged cell, a section's title on each row) is one reading
    assert fix_word_case_many(["Thường Xuyên", "Thường Xuyên"]) == ["Thường xuyên", "Thường xuyên"]


def test_a_context_with_few_observations_keeps_a_capital():
    """The larger of the two contexts' probabilities: six "xuyên rà" in small letters,
    smoothed towards the word's own capitals (Long Xuyên), keep the capital."""
    assert fix_word_case("Thường Xuyên rà soát") == "Thường Xuyên rà soát"


L_READ_AS_CAPITAL = [  # a font whose small "l" OCR takes for "L", in many words, all through
    "Đến năm 2025 mức độ hài Lòng của người dân đạt trên 90%",
    "Nâng cao chất Lượng đội ngũ cán bộ quản Lý",
    "Mức độ hài Lòng của tổ chức, doanh nghiệp",
    "Tổ chức thực hiện chính sách tiền Lương; quản Lý biên chế",
    "Sở Nội vụ; Sở Tài chính; UBND cấp xã",
    "Kế hoạch đào tạo, bồi dưỡng nâng cao chất Lượng",
]


def test_a_letter_a_document_reads_as_its_capital_all_through_is_put_back_in_small_letters():
    from normalizers.document_case import capitals_misread

    assert capitals_misread(L_READ_AS_CAPITAL) == {"l"}
    fixed = fix_word_case_many(L_READ_AS_CAPITAL)
    assert fixed[0] == "Đến năm 2025 mức độ hài lòng của người dân đạt trên 90%"
    assert fixed[1] == "Nâng cao chất lượng đội ngũ cán bộ quản lý"
    assert fixed[4] == "Sở Nội vụ; Sở Tài chính; UBND cấp xã"             # names keep their capitals
    right = [t.replace(" L", " l") for t in L_READ_AS_CAPITAL]
    assert capitals_misread(right) == frozenset() and fix_word_case_many(right) == right
    assert [fix_word_case(t) for t in L_READ_AS_CAPITAL[:2]] == L_READ_AS_CAPITAL[:2]   # alone: a capital stays


def test_a_sentence_first_word_read_in_mixed_case_is_a_syllable_in_one_case():
    assert fix_word_case("QUyẾt định của cơ quan") == "Quyết định của cơ quan"
    assert fix_word_case("3.4.ThU hút các nguồn lực") == "3.4.Thu hút các nguồn lực"
    assert fix_word_case("doanh nghiệp nhà: nƯớc, đơn vị") == "doanh nghiệp nhà: nước, đơn vị"
    for kept in ("VNeID được", "TTg ngày", "QĐ-TTg"):     # codes, no syllables
        assert fix_word_case(kept) == kept


def test_a_word_read_with_a_capital_first_letter_is_no_word_in_capitals_whose_letters_differ_in_shape():
    # the corpus's titles write "TTHC LĨNH VỰC"; OCR does not read N as n (a document
    # whose small l reads L: "l" is a same-shape letter for it; it had become "LĨNH")
    assert fix_word_case("giải quyết TTHC Lĩnh vực đất đai", None, SAME_SHAPE | {"l"}) == \
        "giải quyết TTHC Lĩnh vực đất đai"


def test_a_titles_word_read_with_small_same_shape_letters_after_its_capital_is_in_capitals():
    assert fix_word_case("CẢI CÁCH Tổ CHỨC BỘ MÁY HÀNH CHÍNH") == "CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH"
    assert fix_word_case("CÔNG TÁC CHỈ ĐẠO, ĐIÍ U HÀNH") == "CÔNG TÁC CHỈ ĐẠO, ĐIÍ U HÀNH"   # a letter is no word
    assert fix_word_case("KẾ HOẠCH Tổ chức thực hiện") == "KẾ HOẠCH Tổ chức thực hiện"   # no title after it


def test_a_capital_a_document_reads_small_at_its_cells_starts_is_a_capital():
    from normalizers.document_case import capitals_read_small
    cells = ["quý I/2026", "quý III, IV/2026", "quyết định ban hành", "Quý II/2026", "Quyết định công bố",
             "Kế hoạch", "các sở, ban, ngành"]
    assert capitals_read_small(cells) == {"q"}
    fixed = fix_word_case_many(cells)
    assert fixed[:3] == ["Quý I/2026", "Quý III, IV/2026", "Quyết định ban hành"]
    assert fixed[-1] == "các sở, ban, ngành"   # one cell of its letter: the plan's own
    plan = ["Các sở, ban, ngành", "Các sở", "Các sở, UBND cấp xã", "các sở, ban, ngành của tỉnh", "Kế hoạch"]
    assert fix_word_case_many(plan) == plan       # one small start in four: as printed
    # a monospace Q read small in 3 of its 19 cells' starts: its capital all the same
    some = ["quý IV/2026", "quý I/2026", "quý II/2026"] + [f"Quý {q}/20{y}" for q in ("I", "II", "III", "IV")
                                                          for y in (22, 23, 24, 25)]
    assert capitals_read_small(some) == {"q"}
    assert fix_word_case_many(some)[:3] == ["Quý IV/2026", "Quý I/2026", "Quý II/2026"]
    # a 45-row plan: "Quyết định" read small at two of its cells' starts, beside eight "Quý"
    two = ["quyết định của UBND tỉnh", "quyết định công bố quy trình"] + [f"Quý {q}/2025" for q in
                                                                          ("I", "II", "III", "IV")] * 2
    assert capitals_read_small(two) == {"q"}


def test_a_short_plan_s_few_words_read_with_a_capital_the_corpus_never_writes_there_tell_its_letter():
    from normalizers.document_case import capitals_misread

    cells = ["thực hiện nghiêm các quy định về tiếp nhận, xử Lý phản ánh, kiến nghị",
             "mức độ hài Lòng của người dân", "chế độ, chính sách theo phân cấp quản Lý",
             "nâng cao sự hài Lòng của tổ chức"]
    assert capitals_misread(cells) == {"l"}
    assert fix_word_case_many(cells)[2] == "chế độ, chính sách theo phân cấp quản lý"
    assert capitals_misread(cells[:1] + cells[2:3]) == frozenset()   # two tokens: too few
    one_word = ["tiếp nhận, xử Lý phản ánh", "tiếp nhận, xử Lý giải quyết", "phân cấp quản Lý", "công tác quản Lý thu"]
    assert capitals_misread(one_word) == {"l"}     # one word read so four times, the corpus never


def test_a_misread_letter_s_word_is_judged_in_its_contexts():
    # "Luật" alone has a capital three times in ten (named laws), after "pháp" almost
    # never: a document whose "l" reads "L" gets "pháp luật" back, a named law stays
    misread = SAME_SHAPE | {"l"}
    assert fix_word_case("Kiểm tra, rà soát văn bản quy phạm pháp Luật trên địa bàn", None, misread) == \
        "Kiểm tra, rà soát văn bản quy phạm pháp luật trên địa bàn"
    assert fix_word_case("theo quy định của Luật Tổ chức chính quyền địa phương", None, misread) == \
        "theo quy định của Luật Tổ chức chính quyền địa phương"


def test_capitals_the_corpus_writes_there_are_no_evidence_of_a_misread_letter():
    from normalizers.document_case import capitals_misread

    # "Kế hoạch" inside a sentence is the plan's name (the corpus writes it so after "hiện"
    # more often than not): read so sixty times it says nothing of the document's "k", nor
    # outweighs the words the corpus writes small that it reads with a "K"
    own_name = ["Triển khai thực hiện Kế hoạch của UBND tỉnh"] * 60
    assert capitals_misread(own_name) == frozenset()
    misread = own_name + ["Triển Khai cung cấp dịch vụ công", "Triển Khai thanh toán trực tuyến",
                          "Ứng dụng Khoa học công nghệ", "Triển Khai hệ thống", "đồng bộ, Kết nối dữ liệu",
                          "thực hiện Kiểm tra định kỳ"]
    assert capitals_misread(misread) == {"k"}
