"""normalizers.column_periods: a speck read as a period at the end of a name or a date."""
from normalizers.column_periods import drop_speck_periods, drop_speck_periods_by_column


def test_a_period_a_column_of_names_seldom_writes_is_a_speck():
    cells = ["Sở Nội vụ", "Sở Tư pháp", "Văn phòng UBND tỉnh.", "Sở Tài chính"] + [f"Sở {k}" for k in range(16)]
    assert drop_speck_periods(cells)[2] == "Văn phòng UBND tỉnh"


def test_a_column_that_ends_its_cells_with_periods_an_ellipsis_and_an_abbreviation_stay():
    written = ["Các sở, ban, ngành.", "UBND cấp xã.", "Sở Nội vụ"]
    assert drop_speck_periods(written) == written              # 2 of 3 distinct: the column's own
    odd = ["Các cơ quan liên quan v.v."] + [f"Sở {k}" for k in range(20)]
    assert drop_speck_periods(odd) == odd
    dots = ["Theo yêu cầu..."] + [f"Quý {k}" for k in range(20)]
    assert drop_speck_periods(dots) == dots


def test_only_name_and_time_columns_lose_a_rare_period():
    texts = ["Ban hành kế hoạch.", "Quý IV/2026."] + [f"Quý {k}/2026" for k in range(20)]
    columns = ["task", "timeline_text"] + ["timeline_text"] * 20
    assert drop_speck_periods_by_column(columns, texts)[:2] == ["Ban hành kế hoạch.", "Quý IV/2026"]


def test_any_column_loses_a_period_after_a_text_it_also_writes_without_one():
    texts = ["Báo cáo kết quả thực hiện.", "Kế hoạch.", "Báo cáo kết quả thực hiện", "Văn bản chỉ đạo."]
    columns = ["product"] * 4
    assert drop_speck_periods_by_column(columns, texts) == [
        "Báo cáo kết quả thực hiện", "Kế hoạch.", "Báo cáo kết quả thực hiện", "Văn bản chỉ đạo."]
    # the bare text in another column is no evidence
    assert drop_speck_periods_by_column(["task", "product"], ["Kế hoạch.", "Kế hoạch"]) == ["Kế hoạch.", "Kế hoạch"]


def test_a_period_after_a_name_the_column_also_writes_without_one_is_a_speck_whatever_the_share():
    # a short column: two of its five distinct cells end with a period, too many for the
    # share; "Sở Tư pháp" is written bare elsewhere, "UBND cấp xã." is not
    cells = ["Sở Tư pháp.", "Sở Nội vụ", "Sở Tư pháp", "UBND cấp xã.", "Sở Tài chính", "Sở Tư pháp"]
    assert drop_speck_periods(cells) == ["Sở Tư pháp", "Sở Nội vụ", "Sở Tư pháp", "UBND cấp xã.", "Sở Tài chính",
                                         "Sở Tư pháp"]


def test_a_section_title_loses_a_speck_period():
    titles = ["CẢI CÁCH THỂ CHẾ", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "CẢI CÁCH TÀI CHÍNH CÔNG",
              "XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ."]
    assert drop_speck_periods_by_column(["section_title"] * 4, titles)[3] == \
        "XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ"
