from extractors.cell_start import holds_item_inside, next_item_number, opens_item, starts_new_cell


def test_an_item_number_glued_to_its_first_word_opens_a_cell_and_a_date_does_not():
    """"1.2.Kiểm tra" (no space after the number, as plans type it) opens item 1.2 after
    "1.1.Đến năm …"; a date "1.2.2025" is no item number, nor is a number skipping one."""
    assert next_item_number("1.1.Đến năm 2025", "1.2.Kiểm tra, rà soát")
    assert next_item_number("2.9. Công bố", "2.10 Rà soát")
    assert not next_item_number("1.1. Lập", "1.2.2025 xong")
    assert not next_item_number("1.1. Lập", "1.3. Báo cáo")


def test_an_item_number_inside_a_cell_is_one_after_a_space_not_a_date():
    assert holds_item_inside("1.2. Kiểm tra, rà soát văn bản 1.3.Đổi mới, nâng cao")
    assert holds_item_inside("thay thế, bãi bỏ 1.3. Đổi mới")
    assert not holds_item_inside("1.2. Kiểm tra trước ngày 25.12.2025")
    assert not holds_item_inside("1.2. Kiểm tra văn bản")
    assert opens_item(" 1.3.Đổi mới") and not opens_item("Đổi mới 1.3.")


def test_junk_before_the_last_words_above_does_not_keep_a_phrase_from_reading_on():
    """"80%o dữ" / "liệu quản lý …": the share's "%o" leaves a word the model does not know
    before "dữ"; the words after it read on. The last word unknown says nothing."""
    from extractors.cell_start import reads_on

    assert reads_on("Đến năm 2025, 80%o dữ", "liệu quản lý của các cơ quan")
    assert not reads_on("Đến năm 2025, 80% xyzq", "liệu quản lý của các cơ quan")
    assert not reads_on("Sở Tài chính", "Sở Nội vụ")


def test_a_capital_below_a_list_is_no_evidence_of_a_cell_of_its_own():
    # a list's items open with capitals and end without a stop; its next item's dash lost
    above = "- Tỷ lệ hồ sơ giải quyết theo dịch vụ công trực tuyến đạt 100% vào năm 2030"
    assert not starts_new_cell(above, "Tỷ lệ thanh toán trực tuyến đạt từ 30% trở lên", ocr=True)
    assert starts_new_cell("Tỷ lệ hồ sơ giải quyết đạt 100% vào năm 2030", "Tỷ lệ thanh toán trực tuyến", ocr=True)
