"""Marks a speck makes after a word where the corpus all but never writes one
(`normalizers.marks_after_words`)."""
import gzip

import pytest

from normalizers.marks_after_words import drop_figure_periods, drop_speck_colons, mine


@pytest.mark.parametrize("read, meant", [
    ("Luật Viên chức; Nghị định của: Chính phủ; thông tư", "Luật Viên chức; Nghị định của Chính phủ; thông tư"),
    ("Sở Tài nguyên và Môi: trường", "Sở Tài nguyên và Môi trường"),
    ("Các sở, ban, ngành; UBND: cấp xã", "Các sở, ban, ngành; UBND cấp xã"),
    ("Quyết định số 468/QĐ-TTg ngày: 27/3/2021", "Quyết định số 468/QĐ-TTg ngày 27/3/2021"),
])
def test_a_colon_after_a_word_the_corpus_all_but_never_writes_one_after_is_a_speck(read, meant):
    assert drop_speck_colons(read) == meant


@pytest.mark.parametrize("text", [
    "trong đó: mức độ hài lòng",            # a list's colon
    "các nội dung gồm: Sở Tư pháp, Sở Nội vụ",
    "Tổ chức thực hiện: Sở Nội vụ",         # a label
    "Các sở, ban, ngành, UBND:",            # ending the cell: the model's to judge
    "các trường hợp sau: a) hồ sơ",
    "PHẦN II: NHIỆM VỤ",                    # a numeral
])
def test_colons_of_lists_and_labels_stay(text):
    assert drop_speck_colons(text) == text


def test_a_period_between_a_word_and_the_figures_it_takes_goes_one_after_a_sentence_end_stays():
    assert drop_figure_periods("so với năm. 2021. Đến năm 2025") == "so với năm 2021. Đến năm 2025"
    assert drop_figure_periods("hội nhập quốc tế. 100% hồ sơ") == "hội nhập quốc tế. 100% hồ sơ"


def test_the_counts_are_mined_per_word_in_any_case(tmp_path):
    path = tmp_path / "text.txt.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("Của: năm 2021 và năm. 2022\nnăm 2023 của Sở\n")
    table = {w: v for w, v in mine([path], min_written=1, min_before_figures=1).items()}
    assert table["của"] == (2, 1, 0, 0)
    assert table["năm"] == (3, 0, 2, 1)
