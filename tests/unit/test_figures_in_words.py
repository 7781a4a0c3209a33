"""normalizers.figures_in_words: figures OCR read for letters inside a word."""
import pytest

from normalizers.figures_in_words import letters_for_figures, readings


def test_readings_are_syllables_in_small_letters_or_with_a_capital_first():
    assert readings("61a1") == ["Giai"]
    assert "giai" in readings("gia1") and readings("1uật") == ["luật"]
    assert readings("2oas") == []          # 2 looks like no letter


@pytest.mark.parametrize("read, meant", [
    ("61a1 đoạn 2021-2025", "Giai đoạn 2021-2025"),
    ("theo các gia1 đoạn đã được phê duyệt", "theo các giai đoạn đã được phê duyệt"),
    ("công kha1, minh bạch", "công khai, minh bạch"),
    ("được công kha1 kịp thời", "được công khai kịp thời"),   # a letter first: no measure, no margin
    ("theo dõ1 thi hành pháp luật", "theo dõi thi hành pháp luật"),
    ("các Ngh1 quyết của Chính phủ", "các Nghị quyết của Chính phủ"),   # a "1" for an i with its tone
    ("t0 chức thực hiện", "tổ chức thực hiện"),     # a "0" for an o with its hat and tone
    ("đối với các c0 quan", "đối với các cơ quan"),
    ("Tổ chức tập huấn. 1ổ chức tuyên truyền", "Tổ chức tập huấn. Tổ chức tuyên truyền"),   # a serif T copied
    ("1ố chức thực hiện thông tin", "Tổ chức thực hiện thông tin"),   # … its hook read as an acute too
    ("1ô chức điều tra", "Tổ chức điều tra"),
])
def test_a_word_read_with_figures_is_the_syllable_the_model_wants(model, read, meant):
    assert letters_for_figures(read, model) == meant


@pytest.mark.parametrize("text", ["chiều dài 10m và rộng 5m", "điểm a1 khoản 2", "mạng 5G", "COVID-19",
                                  "dịch H1N1", "tiêu chuẩn ISO 9001", "phòng A10", "năm 2025",
                                  "khổ giấy A0", "điểm b1 và b2", "mục c1", "Lớp 10A1", "mục 1a và 2b"])
def test_measures_codes_and_numbers_stay(model, text):
    assert letters_for_figures(text, model) == text


def test_a_figure_inside_a_word_in_capitals_is_the_capital_it_looks_like(model):
    assert letters_for_figures("CÔNG TÁC CHỈ ĐẠ0, ĐIỀU HÀNH", model) == "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"
    # a neighbour read as no word is no context ("<unk> <unk>" is a common pair)
    assert letters_for_figures("CÔNG TÁC CHỈ ĐẠ0, ĐIỂUI HÀNH", model) == "CÔNG TÁC CHỈ ĐẠO, ĐIỂUI HÀNH"
    for kept in ("Khối THCS và THPT 10 trường", "Lớp 10A1 và 12A3", "COVID-19 và 5G"):
        assert letters_for_figures(kept, model) == kept
