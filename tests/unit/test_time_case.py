"""normalizers.time_case: a time cell whose first letter OCR read small."""
from normalizers.time_case import capitalise_opening, capitalise_time_cells_by_column


def test_a_time_cell_read_small_takes_the_capital_its_column_writes():
    cells = ["Quý I/2026", "quý I, II/2026", "Thường xuyên", "khi có văn bản hướng dẫn", "Năm 2026", "Hàng năm",
             "Trước ngày 25/12/2026", "Quý IV/2026", "Thường xuyên", "Quý II/2026", "Tháng 6/2026", "Định kỳ"]
    assert capitalise_opening(cells) == ["Quý I/2026", "Quý I, II/2026", "Thường xuyên", "Khi có văn bản hướng dẫn",
                                         "Năm 2026", "Hàng năm", "Trước ngày 25/12/2026", "Quý IV/2026", "Thường xuyên",
                                         "Quý II/2026", "Tháng 6/2026", "Định kỳ"]


def test_a_column_that_opens_its_cells_small_and_other_columns_stay():
    small = ["hàng năm", "quý I/2026", "thường xuyên", "Năm 2026"]        # the document writes them so
    assert capitalise_opening(small) == small
    assert capitalise_opening(["quý I/2026", "Năm 2026"]) == ["quý I/2026", "Năm 2026"]   # too few to tell
    assert capitalise_opening(["2026", "Quý I", "Quý II", "Quý III", "Năm 2026", "quý IV"])[5] == "Quý IV"  # "2026": no letter
    columns = ["product"] + ["timeline_text"] * 5
    texts = ["trang thiết bị hiện đại", "Quý I", "Năm 2026", "Hàng năm", "Thường xuyên", "quý II"]
    assert capitalise_time_cells_by_column(columns, texts) == ["trang thiết bị hiện đại", "Quý I", "Năm 2026",
                                                               "Hàng năm", "Thường xuyên", "Quý II"]
