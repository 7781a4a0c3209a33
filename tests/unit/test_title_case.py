"""A word of a title in capitals read small (normalizers.title_case)."""
from normalizers.title_case import capitalise_title_word


def test_a_title_word_of_same_shape_letters_read_small_takes_capitals():
    assert capitalise_title_word("XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN số") == \
        "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ"
    assert capitalise_title_word("HIỆN ĐẠI HÓA CÔNG sở") == "HIỆN ĐẠI HÓA CÔNG SỞ"
    assert capitalise_title_word("CẢI CÁCH CHẾ ĐỘ công VỤ") == "CẢI CÁCH CHẾ ĐỘ công VỤ"  # n, g: no slip of size


def test_other_cells_stay():
    for text in ("CẢI CÁCH THỂ CHẾ (năm 2026)",          # a small word with another letter
                 "CẢI CÁCH THỂ CHẾ của tỉnh",             # two small words
                 "CẢI CÁCH số",                           # too few capitals for a title
                 "Sở Nội vụ; UBND cấp xã",                # a sentence
                 "XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ sox"):     # no syllable
        assert capitalise_title_word(text) == text
