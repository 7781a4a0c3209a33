"""A list's dash OCR lost, put back from the rest of the cell (normalizers.list_dashes)."""
from normalizers.list_dashes import restore_list_dashes, restore_list_dashes_by_column


def test_an_item_dash_after_a_semicolon_makes_the_cell_a_list_that_opens_with_one():
    assert restore_list_dashes(["Kế hoạch của các cơ quan; - Báo cáo kết quả"]) == \
        ["- Kế hoạch của các cơ quan; - Báo cáo kết quả"]
    assert restore_list_dashes(["Sở, ban, ngành; UBND cấp huyện; - UBND cấp xã"]) == \
        ["- Sở, ban, ngành; - UBND cấp huyện; - UBND cấp xã"]


def test_an_item_after_a_semicolon_in_a_list_opens_with_a_dash():
    assert restore_list_dashes(["- Ban hành Bộ chỉ số (DCCI); Tổ chức thực hiện đánh giá"]) == \
        ["- Ban hành Bộ chỉ số (DCCI); - Tổ chức thực hiện đánh giá"]
    # an item opening small, a cell that is no list: as read
    assert restore_list_dashes(["- Sở Nội vụ; các sở, ban, ngành"]) == ["- Sở Nội vụ; các sở, ban, ngành"]
    assert restore_list_dashes(["Sở Nội vụ; UBND cấp xã"]) == ["Sở Nội vụ; UBND cấp xã"]


def test_a_dash_after_a_word_is_an_item_only_in_a_column_that_lists():
    listing = ["- Rà soát VBQPPL;", "- Kiểm tra VBQPPL;", "- Hệ thống hóa VBQPPL", "Cập nhật TTHC",
               "Duy trì Đề án Bệnh viện vệ tinh - Xây dựng đề án khám chữa bệnh"]
    assert restore_list_dashes(listing)[-1] == "- Duy trì Đề án Bệnh viện vệ tinh - Xây dựng đề án khám chữa bệnh"
    names = ["Báo và Đài Phát thanh - Truyền hình tỉnh; các sở, ban, ngành", "Sở Nội vụ", "Sở Tư pháp"]
    assert restore_list_dashes(names) == names
    # a range of years or a dash between small words is no item
    assert restore_list_dashes(listing[:4] + ["Giai đoạn 2021 - 2025", "Kinh tế - xã hội"])[-2:] == \
        ["Giai đoạn 2021 - 2025", "Kinh tế - xã hội"]


def test_by_column_each_column_on_its_own():
    columns = ["product", "lead_text"]
    assert restore_list_dashes_by_column(columns, ["Kế hoạch; - Báo cáo", "Sở Nội vụ"]) == \
        ["- Kế hoạch; - Báo cáo", "Sở Nội vụ"]
