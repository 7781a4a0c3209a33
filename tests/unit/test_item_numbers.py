"""normalizers.item_numbers: a column's item numbers put back from their sequence."""
from normalizers.item_numbers import fix_item_numbers, fix_item_numbers_by_column


def test_numbers_ocr_misread_are_put_back_from_the_items_around_them():
    read = ["11. Nâng cao chất lượng", "1.2. Kiểm tra, rà soát", "1.5.Đổi mới cơ chế", "1.4. Đẩy mạnh",
            "Rà soát, cắt giảm", "3,2.Tổ chức", "3.3. Tăng cường", "5.4.Thu hút", "3.5. Hoàn thiện"]
    assert fix_item_numbers(read) == [
        "1.1. Nâng cao chất lượng", "1.2. Kiểm tra, rà soát", "1.3.Đổi mới cơ chế", "1.4. Đẩy mạnh",
        "Rà soát, cắt giảm", "3.2.Tổ chức", "3.3. Tăng cường", "3.4.Thu hút", "3.5. Hoàn thiện"]


def test_a_number_right_looking_stays_unless_both_neighbours_are_against_it():
    # "1.5." between "1.2." and a section that restarts: nothing pins it; "11." before
    # "1.2." is "1.1." (a number read as none may follow the item after it)
    read = ["2.4. Một", "11. Hai", "1.2. Ba", "1.5. Bốn", "Năm", "6.1. Sáu", "6.2. Bảy"]
    assert fix_item_numbers(read) == ["2.4. Một", "1.1. Hai", "1.2. Ba", "1.5. Bốn", "Năm", "6.1. Sáu", "6.2. Bảy"]
    # numbering that restarts (products numbered under each task) is left as it is
    products = ["1.1. Văn bản", "1.2. Tờ trình", "1.1. Báo cáo", "1.2. Kế hoạch", "1.3. Quyết định"]
    assert fix_item_numbers(products) == products


def test_a_merged_cell_repeated_down_its_rows_is_one_item_fixed_in_every_row():
    read = ["11. Nâng cao", "11. Nâng cao", "1.2. Kiểm tra", "1.3. Đổi mới", "1.4. Đẩy mạnh"]
    assert fix_item_numbers(read)[:2] == ["1.1. Nâng cao", "1.1. Nâng cao"]


def test_a_column_without_such_numbers_and_shares_opening_a_cell_stay():
    cells = ["100% hồ sơ được số hóa", "80 % thủ tục", "2025", "Quý I, II/2026", "1.1. Một"]
    counts = ["1.1. Một", "12 tháng một lần", "1.3. Ba", "1.4. Bốn"]      # a count opening a cell
    assert fix_item_numbers(counts) == counts
    assert fix_item_numbers(cells) == cells
    assert fix_item_numbers_by_column(["task", "product", "task"], ["11. A", "1.2. B", "1.2. C"]) == \
        ["11. A", "1.2. B", "1.2. C"]      # each column on its own: too few numbers in either


def test_numbers_read_with_look_alike_letters_take_their_figures_where_the_sequence_agrees():
    read = ["II.I. Nâng cao", "I 2. Kiểm tra", "I.3, Đổi mới", "Rà soát", "7.1.Tổ chức", "7.2. Đẩy mạnh",
            "7.3.Đẩy mạnh", "II.1.Kiện toàn", "1.2.Thực hiện", "!.4.Huy động", "Thu hút"]
    assert fix_item_numbers(read) == [
        "1.1. Nâng cao", "1.2. Kiểm tra", "1.3. Đổi mới", "Rà soát", "7.1.Tổ chức", "7.2. Đẩy mạnh",
        "7.3.Đẩy mạnh", "1.1.Kiện toàn", "1.2.Thực hiện", "!.4.Huy động", "Thu hút"]  # no neighbour allows 1.4
    # a Roman numbering the column writes (II before its second item) stays
    roman = ["I.1. Một", "I.2. Hai", "II.1. Ba", "II.2. Bốn", "1.1. Năm", "1.2. Sáu", "1.3. Bảy"]
    assert fix_item_numbers(roman)[:4] == roman[:4]


def test_a_number_read_with_a_letter_no_figure_looks_like_takes_the_one_both_neighbours_allow():
    # a flat-topped 3 read "Š", "ý", "ã" (Manrope, a display face on a copy), a speck read as a figure
    read = ["2.2. Hai", "3.1.Tiếp tục", "Š.2.Xây dựng", "ý.5.Tăng cường", "3.4.Thu hút", "3.5. Năm",
            "7.1. Một", "7.2. Hai", "7.35.Đẩy mạnh", "7.4. Bốn", "1.1. Một", "1.2. Hai", "1.ã.Đổi mới", "1.4. Bốn"]
    assert fix_item_numbers(read) == [
        "2.2. Hai", "3.1.Tiếp tục", "3.2.Xây dựng", "3.3.Tăng cường", "3.4.Thu hút", "3.5. Năm",
        "7.1. Một", "7.2. Hai", "7.3.Đẩy mạnh", "7.4. Bốn", "1.1. Một", "1.2. Hai", "1.3.Đổi mới", "1.4. Bốn"]
    # letters alone are no number ("v.v."), whatever the neighbours allow
    kept = ["1.1. Một", "1.2. Hai", "v.v. các nội dung", "1.4. Bốn", "1.5. Năm"]
    assert fix_item_numbers(kept) == kept


def test_a_colon_read_for_the_last_dot_is_a_dot():
    read = ["1,1:Rà soát", "1.2. Hai", "1.3: Đổi mới", "1.4. Bốn", "1.5. Năm", "Năm 2025: các", "1.6. Sáu"]
    assert fix_item_numbers(read) == ["1.1.Rà soát", "1.2. Hai", "1.3. Đổi mới", "1.4. Bốn", "1.5. Năm",
                                      "Năm 2025: các", "1.6. Sáu"]
    # the last of its run, a section restarting after it: the one neighbour whose number it spells
    assert fix_item_numbers(["1.1. Một", "1.2. Hai", "1.3: Ba", "7.1. Bốn", "7.2. Năm"])[2] == "1.3. Ba"
