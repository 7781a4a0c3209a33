"""normalizers.bracket_letters: a C a document reads as "(" all through put back."""
from normalizers.bracket_letters import fix_bracket_letters


def test_a_c_read_as_a_bracket_all_through_a_document_is_a_c_again():
    read = ["(ÔNG TÁC (HỈ ĐẠO, ĐIỀU HÀNH", "Kế hoạch cải cách hành chính ((CH() năm 2025",
            "(ác sở, ban, ngành; UBND cấp xã", "Thực hiện chế độ báo cáo CCH( định kỳ", "Các TTH( được công khai"]
    assert fix_bracket_letters(read) == [
        "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "Kế hoạch cải cách hành chính (CCHC) năm 2025",
        "Các sở, ban, ngành; UBND cấp xã", "Thực hiện chế độ báo cáo CCHC định kỳ", "Các TTHC được công khai"]
    # a G is the same arc with a bar, a Q with a tail: "(iai đoạn" is Giai where C makes no word
    assert fix_bracket_letters(read + ["(iai đoạn 2021-2025", "các (iai đoạn", "(uý IV/2025"]) == \
        fix_bracket_letters(read) + ["Giai đoạn 2021-2025", "các giai đoạn", "Quý IV/2025"]
    assert fix_bracket_letters(read + ["hồ sơ giải (uUYết"])[-1] == "hồ sơ giải (uUYết"   # "quuyết" is no word
    # a "(" between two capitals: an acronym the corpus's list may lack; a code keeps its bracket
    assert fix_bracket_letters(read + ["Chỉ số P(I của tỉnh", "theo QĐ(UBND số 12"]) == fix_bracket_letters(read) + [
        "Chỉ số PCI của tỉnh", "theo QĐ(UBND số 12"]


def test_brackets_a_document_writes_stay():
    # brackets a ")" closes, one before a capitalised word, and a document with no "("
    # after a letter (a line that broke a bracket from its ")" makes "(ô tô," a word too)
    kept = ["xã An Trung (huyện An Lão), An Dũng", "CHỦ TRÌ (Họ tên, chức danh", "Đối với xe (ô tô, xe máy",
            "tài sản (áp dụng 01 lần", "(ông Nguyễn Văn A", "Kế hoạch (CCHC) năm 2025"]
    assert fix_bracket_letters(kept) == kept


def test_a_c_read_as_a_bracket_only_where_it_starts_a_word_is_a_c_again_in_enough_cells():
    # no "(" after a letter, but four cells open a bracket nothing closes
    read = ["(ÔNG TÁC (HỈ ĐẠO", "Các sở, ban, ngành, UBND (ấp xã", "(ác sở, ban, ngành",
            "Sở Nội vụ; UBND (ấp xã", "Kế hoạch (CCHC) năm 2025"]
    assert fix_bracket_letters(read) == ["CÔNG TÁC CHỈ ĐẠO", "Các sở, ban, ngành, UBND cấp xã", "Các sở, ban, ngành",
                                         "Sở Nội vụ; UBND cấp xã", "Kế hoạch (CCHC) năm 2025"]
    assert fix_bracket_letters(read[:3]) == read[:3]     # three cells: as read


def test_a_c_read_as_a_bracket_inside_a_sentence_takes_the_case_the_corpus_writes_there():
    # a face that reads its small c as "(" as well: the corpus tells "chất lượng cao" and
    # "đội ngũ cán bộ" from "của Chính phủ" and "Sở Khoa học và Công nghệ" (the corpus
    # writes "và công nghệ" small more often, but a capital too often to lower it)
    read = ["có chất lượng (ao, có số lượng", "đội ngũ (án bộ, (ông chức", "theo chỉ đạo của (hính phủ",
            "(ác sở, ban, ngành", "TTH( và ((H(", "Sở Khoa học và (ông nghệ"]
    assert fix_bracket_letters(read) == ["có chất lượng cao, có số lượng", "đội ngũ cán bộ, công chức",
                                         "theo chỉ đạo của Chính phủ", "Các sở, ban, ngành", "TTHC và CCHC",
                                         "Sở Khoa học và Công nghệ"]


def test_a_d_read_as_an_opening_bracket_and_an_l_all_through_a_document_is_put_back():
    from normalizers.bracket_letters import fix_bracket_ds

    texts = ["các cơ quan, (lơn vị", "(loanh nghiệp", "Cung cấp (lịch vụ công", "(lồng ghép trong báo cáo)"]
    assert fix_bracket_ds(texts) == ["các cơ quan, dơn vị", "Doanh nghiệp", "Cung cấp dịch vụ công",
                                     "(lồng ghép trong báo cáo)"]   # a bracket closed further on stays
    assert fix_bracket_ds(["các cơ quan, (lơn vị", "(lần 2"]) == ["các cơ quan, (lơn vị", "(lần 2"]  # two words: no trait


def test_a_t_read_as_an_opening_bracket_or_before_its_t_all_through_a_document_is_put_back():
    """A face whose t a copy reads "(" ("(rong", "(rực") or "(t" ("(trực", "(tổ") all
    through a document: the words are put back; a bracket a ")" closes stays, and two
    such words are no trait."""
    from normalizers.bracket_letters import fix_bracket_ts

    texts = ["Cải cách (rong năm", "(trực tuyến (tổ chức", "đạt (rên 50% (mức độ 3)", "(trung ương)"]
    assert fix_bracket_ts(texts) == ["Cải cách trong năm", "trực tuyến tổ chức", "đạt trên 50% (mức độ 3)",
                                     "(trung ương)"]
    assert fix_bracket_ts(["Cải cách (rong năm", "(trực tuyến"]) == ["Cải cách (rong năm", "(trực tuyến"]
    # before any letter: "(heo" is theo, "(ổ chức" tổ chức; "(Họ tên" and "(ủy ban)" stay
    texts = ["(heo quy định", "(ổ chức thực hiện", "(hông tin", "(Họ tên", "(ủy ban nhân dân)", "(ban hành"]
    assert fix_bracket_ts(texts) == ["theo quy định", "tổ chức thực hiện", "thông tin", "(Họ tên",
                                     "(ủy ban nhân dân)", "(ban hành"]
