"""The dash a copy lost from a range of years (`normalizers.year_ranges`)."""
from normalizers.repair import correct_ocr_text
from normalizers.year_ranges import DEFAULT_DASH, document_dash, restore_range_dashes


def test_two_years_side_by_side_are_a_range_written_with_the_documents_dash():
    cells = ["Giai đoạn 2021-2030", "Giai đoạn 2021 2030", "Chương trình giai đoạn 2019 2030\"", "2021-2025"]
    assert restore_range_dashes(cells) == ["Giai đoạn 2021-2030", "Giai đoạn 2021-2030",
                                           "Chương trình giai đoạn 2019-2030\"", "2021-2025"]
    assert document_dash(["giai đoạn 2021 - 2025", "2021 - 2030", "2021-2030"]) == " - "
    assert restore_range_dashes(["Giai đoạn 2021 2025"]) == [f"Giai đoạn 2021{DEFAULT_DASH}2025"]


def test_what_is_not_a_range_stays():
    cells = ["Nghị định 56/2017 2018", "năm 2025 2024", "từ 1.2021 2025", "2021 2075", "Quyết định 2021 20255",
             "năm 2021, 2022"]
    assert restore_range_dashes(cells) == cells


def test_the_correction_puts_the_dash_back(model):
    read = ["Giai đoạn 2021-2030", "Giai đoạn 2021 2030", "Giai đoạn 2021-2025"]
    assert [c.text for c in correct_ocr_text(read, model)] == ["Giai đoạn 2021-2030"] * 2 + ["Giai đoạn 2021-2025"]
