"""Table assembly on drawn grids: header mapping, sections, fill-down, page breaks."""
import pytest

from extractors.grid import OPEN_SIDE_MARGIN, HLine, open_sides
from extractors.header import HeaderError, map_header
from extractors.table import assemble
from tests.unit.pictures import W, draw

HEAD7 = ["Stt", "Nội dung/Nhiệm vụ", "Hoạt động/Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
         "Thời gian thực hiện", "Ghi chú"]
NUMS = ["1", "2", "3", "4", "5", "6", "7"]


def fields(rows, *names):
    return [tuple(getattr(r, n) for n in names) for r in rows]


def test_header_maps_by_meaning_whatever_the_wording():
    grid = draw([["TT", "Mục tiêu", "Nhiệm vụ", "Hoạt động", "Kết quả sản phẩm", "Đơn vị chủ trì",
                  "Đơn vị phối hợp", "Tiến độ"], ["1", "a", "b", "c", "d", "e", "f", "g"]])
    assert map_header(grid).fields == ("stt", "objective", "task", "activity", "product", "lead_text",
                                       "coord_text", "timeline_text")


def test_a_speck_read_beside_a_label_is_no_part_of_it():
    """A copy's speck read as a mark beside "Stt" ("Stt-"): the column is still the Stt
    column (its item numbers are read again as numbers only where it is)."""
    grid = draw([["Stt-", "Mục tiêu", "Nhiệm vụ", ".Hoạt động", "Kết quả sản phẩm", "Cơ quan chủ trì",
                  "Cơ quan phối hợp", "Thời gian:"], ["", "a", "b", "c", "d", "e", "f", "g"]])
    assert map_header(grid).fields == ("stt", "objective", "task", "activity", "product", "lead_text",
                                       "coord_text", "timeline_text")


def test_a_misread_label_keeps_the_order_of_meanings():
    """"Hoạt động/Sản phẩm" names the product column (the product comes first in the
    order of meanings); read with a letter wrong in its product half ("Sỏn phẩm", a
    geometric font's "a" read "o"), it still does, not the activity its intact half names."""
    grid = draw([["Stt", "Nội dung/Nhiệm vụ", "Hoạt động/Sỏn phẩm", "Cơ quon chủ trì", "Cơ quan phối hợp",
                  "Thời gion thực hiện", "Ghi chú"], ["1", "a", "b", "c", "d", "e", "f"]])
    assert map_header(grid).fields == ("stt", "task", "product", "lead_text", "coord_text", "timeline_text", "note")
    grid = draw([["Stt", "Nhiệm vụ", "Hoạt động", "Sản phẩm", "Chủ trì", "Phối hợp", "Thời gian"],
                 ["1", "a", "b", "c", "d", "e", "f"]])
    assert map_header(grid).fields == ("stt", "task", "activity", "product", "lead_text", "coord_text",
                                       "timeline_text")


def test_two_row_header_with_group_label_and_number_row():
    grid = draw([["STT", "Nhiệm vụ", "Sản phẩm", "Cơ quan thực hiện", "<", "Thời gian"],
                 ["^", "^", "^", "Chủ trì", "Phối hợp", "^"],
                 ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
                 ["1", "Việc A", "SP A", "Sở Nội vụ", "Sở Tư pháp", "Quý I/2026"]])
    header = map_header(grid)
    assert header.fields == ("stt", "task", "product", "lead_text", "coord_text", "timeline_text")
    assert header.rows == 3 and header.numbered
    rows = assemble([grid]).rows
    assert fields(rows, "stt", "task", "lead_text", "coord_text") == [("1", "Việc A", "Sở Nội vụ", "Sở Tư pháp")]


@pytest.mark.parametrize("numbers, numbered", [
    (["1", "2", "3", "4", "5", "L1", ""], True),  # OCR: "6" misread, "7" not seen
    (["1", "2", "BỊ", "4", "5", "6", "Vị"], True),  # two misread
    (["1", "2", "3", "", "", "", "7"], True),  # three lost, each cell read its own number
    (["1", "", ";3", "", "", "6,", ""], True),  # a copy's specks beside the figures, a seal over four
    (["I", "2", "5", "4", "5", "6", "ĩ"], True),  # old-style figures: 1 read "I", 3 read "5", 7 read "ĩ"
    (["1", "", "3", "", "", "", ""], True),  # two, each its own, nothing else: the rest lost
    (["1", "", "", "", "", "", ""], True),  # M+ 1 Code Light on a copy: one figure read
    (["1", "", "", "", "kì", "", ""], False),  # … with a word beside it: not on the first page
    (["1", "2", "3", "", "", "", "Sở"], False),  # a cell no number row has
    (["1", "2", "3", "4", "5", "6", "Sở Nội vụ"], False),  # a cell no number row has
])
def test_a_number_row_ocr_lost_or_misread_one_figure_of_is_still_one(numbers, numbered):
    grid = draw([HEAD7, numbers, ["1", "Việc A", "SP A", "Sở Nội vụ", "Sở Tư pháp", "Quý I/2026", ""]])
    assert map_header(grid).numbered is numbered


def test_a_repeated_number_row_read_as_one_figure_and_specks_adds_no_row():
    page1 = draw([HEAD7, ["1", "", "", "", "", "", ""], ["1", "Việc A", "SP A", "Sở Nội vụ", "", "Quý I", ""]],
                 page=1)
    page2 = draw([HEAD7, ["1", "", "", "", "Y", "", ""], ["2", "Việc B", "SP B", "Sở Tư pháp", "", "Quý II", ""]],
                 page=2)
    rows = assemble([page1, page2]).rows
    assert fields(rows, "stt", "task") == [("1", "Việc A"), ("2", "Việc B")]


def test_a_page_that_repeats_only_the_number_row_adds_no_row():
    page1 = draw([HEAD7, NUMS, ["1", "Việc A", "SP A", "Sở Nội vụ", "", "Quý I", ""]], page=1)
    page2 = draw([["1", "", ";3", "", "", "6,", ""], ["2", "Việc B", "SP B", "Sở Tư pháp", "", "Quý II", ""]], page=2)
    rows = assemble([page1, page2]).rows
    assert fields(rows, "stt", "task") == [("1", "Việc A"), ("2", "Việc B")]


def test_a_repeated_header_s_number_row_read_badly_is_still_dropped():
    # Manrope's figures at 200 dpi: a "3" and a "4" read as letters, four figures lost
    page1 = draw([HEAD7, NUMS, ["1", "Việc A", "SP A", "Sở Nội vụ", "", "Quý I", ""]], page=1)
    page2 = draw([HEAD7, ["1", "", "kì", "LŨ", "", "", ""], ["2", "Việc B", "SP B", "Sở Tư pháp", "", "Quý II", ""]],
                 page=2)
    rows = assemble([page1, page2]).rows
    assert fields(rows, "stt", "task") == [("1", "Việc A"), ("2", "Việc B")]
    # a row of the plan under the repeated header is kept, short as some of its cells are
    page2 = draw([HEAD7, ["2", "Việc B", "SP", "Sở", "", "Quý II", ""]], page=2)
    rows = assemble([page1, page2]).rows
    assert fields(rows, "stt", "task") == [("1", "Việc A"), ("2", "Việc B")]


def test_a_stray_rule_through_one_label_of_the_header_adds_no_row():
    """A copy's speck or a seal's stroke read as a short rule through "Phối hợp" adds a
    grid row to the header that every other label runs on through: the header's row,
    not a plan row (a row of labels read as the plan's on a copy, plan2026's relayout)."""
    group = ["STT", "Nhiệm vụ", "Sản phẩm", "Cơ quan thực hiện", "<", "Thời gian"]
    cut = [group, ["^", "^", "^", "Chủ trì", "1...", "^"], ["^", "^", "^", "^", "W§Ã BE", "^"]]
    whole = [group, ["^", "^", "^", "Chủ trì", "Phối hợp", "^"]]
    body1 = [["1", "Việc A", "SP A", "Sở Nội vụ", "Sở Tư pháp", "Quý I/2026"]]
    body2 = [["2", "Việc B", "SP B", "Sở Tư pháp", "Sở Nội vụ", "Quý II/2026"]]
    rows = assemble([draw(whole + body1, page=1), draw(cut + body2, page=2)]).rows
    assert fields(rows, "stt", "task", "lead_text") == [("1", "Việc A", "Sở Nội vụ"), ("2", "Việc B", "Sở Tư pháp")]
    first = draw(cut + body1)
    assert map_header(first).rows == 3
    assert fields(assemble([first]).rows, "stt", "task", "lead_text") == [("1", "Việc A", "Sở Nội vụ")]


def test_a_table_that_is_not_a_plan_is_reported_not_guessed():
    grid = draw([["Họ và tên", "Chức vụ", "Đơn vị"], ["Nguyễn Văn A", "Giám đốc", "Sở Nội vụ"]])
    with pytest.raises(HeaderError, match="header not recognised"):
        map_header(grid)
    result = assemble([grid])
    assert result.rows == [] and "header not recognised" in result.events[0]


def test_section_rows_and_vertical_merges_fill_down():
    grid = draw([HEAD7, NUMS,
                 ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "<", "<", "<", "<", "<"],
                 ["1", "Ban hành kế hoạch", "Kế hoạch tỉnh", "Sở Nội vụ", "Các sở", "Quý I/2026", ""],
                 ["^", "^", "Kế hoạch các sở", "Các sở", "^", "Quý I/2026", ""],
                 ["II", "CẢI CÁCH THỂ CHẾ", "<", "<", "<", "<", "<"],
                 ["1", "Xây dựng VBQPPL", "Các văn bản", "Sở Tư pháp", "", "Thường xuyên", ""]])
    rows = assemble([grid]).rows
    assert fields(rows, "section_no", "section_title", "stt", "task", "product", "coord_text") == [
        ("I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "1", "Ban hành kế hoạch", "Kế hoạch tỉnh", "Các sở"),
        ("I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "1", "Ban hành kế hoạch", "Kế hoạch các sở", "Các sở"),
        ("II", "CẢI CÁCH THỂ CHẾ", "1", "Xây dựng VBQPPL", "Các văn bản", ""),  # blank, not merged: stays blank
    ]
    assert all(r.page_first == r.page_last == 1 for r in rows)


def test_row_cut_by_page_break_is_one_row_and_repeated_header_is_dropped():
    page1 = draw([HEAD7, NUMS, ["1", "Kiểm tra CCHC tối thiểu", "Kế hoạch kiểm tra;", "Sở Nội vụ", "Các sở,",
                                "Quý III", ""]], page=1, closed_bottom=False)
    page2 = draw([HEAD7, NUMS, ["", "20% các sở", "thông báo kết luận", "", "ban, ngành", "", ""],
                  ["2", "Tuyên truyền", "Phương án", "Sở Nội vụ", "Các sở", "Quý I", ""]], page=2)
    rows = assemble([page1, page2]).rows
    assert fields(rows, "stt", "task", "product", "coord_text") == [
        ("1", "Kiểm tra CCHC tối thiểu 20% các sở", "Kế hoạch kiểm tra; thông báo kết luận", "Các sở, ban, ngành"),
        ("2", "Tuyên truyền", "Phương án", "Các sở"),
    ]
    assert (rows[0].page_first, rows[0].page_last) == (1, 2)
    assert rows[0].confidence == 1.0  # decided by geometry (no closing rule)


def test_a_repeated_header_with_a_third_of_its_labels_garbled_is_still_dropped():
    """A copy garbles three of the nine labels of page 2's header ("$tt", "Kết quả/Sản
    kixy-tmM", "Pm"): too few columns alike, but the labels end to end are the header's."""
    head = ["Stt", "Mục tiêu", "Nội dung nhiệm vụ", "Hoạt động", "Kết quả/Sản phẩm đầu ra", "Thời gian hoàn thành",
            "Chủ trì", "Phối hợp", "Kinh phí"]
    page1 = draw([head, ["1", "Mục tiêu A", "Việc A", "Làm A", "SP A", "2021", "Sở Nội vụ", "Sở Tư pháp", "10"]],
                 page=1)
    page2 = draw([["$tt", "Mục tiêu", "Nội dung nhiệm vụ", "Hoạt động", "Kết quả/Sản kixy-tmM",
                   "Thời gian hoàn thành", "Chủ trì", "Phối hợp", "Pm"],
                  ["2", "Mục tiêu B", "Việc B", "Làm B", "SP B", "2022", "Sở Tư pháp", "Sở Nội vụ", "20"]], page=2)
    assert fields(assemble([page1, page2]).rows, "stt", "task") == [("1", "Việc A"), ("2", "Việc B")]


def test_a_repeated_header_whose_inner_rule_a_copy_lost_is_still_dropped():
    """Page 2 repeats the two-row header, but a copy lost the hairline under "Cơ quan
    thực hiện": the group label and "Chủ trì" / "Phối hợp" are read in one row. The
    learned header's two rows taken together with the plan row below match nothing; its
    one row does, and it is dropped, not read as a plan row."""
    page1 = draw([["STT", "Nhiệm vụ", "Sản phẩm", "Cơ quan thực hiện", "<", "Thời gian"],
                  ["^", "^", "^", "Chủ trì", "Phối hợp", "^"],
                  ["1", "Việc A", "SP A", "Sở Nội vụ", "Sở Tư pháp", "Quý I/2026"]], page=1)
    page2 = draw([["STT", "Nhiệm vụ", "Sản phẩm", "Cơ quan thực Chủ trì", "hiện Phối hợp", "Thời gian"],
                  ["2", "Việc B", "SP B", "Sở Tư pháp", "Sở Nội vụ", "Quý II/2026"]], page=2)
    assert fields(assemble([page1, page2]).rows, "stt", "task", "lead_text") == [
        ("1", "Việc A", "Sở Nội vụ"), ("2", "Việc B", "Sở Tư pháp")]


def test_an_item_number_read_in_one_cell_with_the_task_beside_it_is_split():
    """A copy lost the hairline between the item number and the task along one row: one
    cell across both columns reads "5... Tăng cường …". The number goes to Stt, the
    sentence after it to the task, the text as read to `raw`; a cell with no sentence
    after the number ("6 Khác") is left as it is."""
    grid = draw([HEAD7, ["4", "Tiếp tục triển khai", "CSDL", "Sở Nội vụ", "Các sở", "Thường xuyên", ""],
                 ["5... Tăng cường kiểm tra đột xuất", "<", "Biên bản", "Sở Nội vụ", "Các sở", "Thường xuyên", ""],
                 ["6 Khác", "<", "Kế hoạch", "Sở Nội vụ", "", "Quý I", ""]])
    rows = assemble([grid]).rows
    assert fields(rows, "stt", "task") == [("4", "Tiếp tục triển khai"), ("5", "Tăng cường kiểm tra đột xuất"),
                                           ("6 Khác", "6 Khác")]
    assert rows[1].raw == {"stt": "5... Tăng cường kiểm tra đột xuất", "task": "5... Tăng cường kiểm tra đột xuất"}
    grid = draw([HEAD7, ["5_ Tăng cường kiểm tra đột xuất", "<", "Biên bản", "Sở Nội vụ", "Các sở", "Thường xuyên", ""]])
    assert fields(assemble([grid]).rows, "stt", "task") == [("5", "Tăng cường kiểm tra đột xuất")]   # "." read "_"


def test_the_next_task_of_an_item_below_a_closed_break_is_a_new_row():
    """Page 1 ends with task 1.1 of item 1 closed by a rule; page 2 opens with task 1.2,
    its activity and product in small letters and its agencies and time merged from
    above (blank): the leaf cells' vote reads a row going on, but a task numbered as the
    next task of the item above starts a new row of that item (`_next_task_starts`)."""
    head = ["Stt", "Mục tiêu", "Nhiệm vụ", "Hoạt động", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
            "Thời gian"]
    page1 = draw([head, ["1", "Đến năm 2025, hoàn thiện hệ thống", "1.1.Rà soát quy định về phân cấp",
                         "Rà soát, xây dựng Nghị quyết", "Nghị quyết của HĐND tỉnh", "Sở Tài chính",
                         "Các sở, ban, ngành", "Giai đoạn 2021-2030"]], page=1)
    page2 = draw([head, ["", "phương án tự chủ", "1.2.Tiếp tục đổi mới cơ chế quản lý",
                         "giao quyền tự chủ cho các cơ quan", "quyết định của cơ quan có thẩm quyền", "", "", ""]],
                 page=2)
    rows = assemble([page1, page2]).rows
    assert fields(rows, "stt", "task", "product") == [
        ("1", "1.1.Rà soát quy định về phân cấp", "Nghị quyết của HĐND tỉnh"),
        ("1", "1.2.Tiếp tục đổi mới cơ chế quản lý", "quyết định của cơ quan có thẩm quyền")]


def test_merged_item_continuing_on_next_page_fills_both_pages():
    # the break falls between two activities of one item: only the item's cells are open
    page1 = draw([HEAD7, NUMS, ["1", "Nhiệm vụ dài", "SP 1", "Sở Nội vụ", "", "Quý I", ""]], page=1, closed_bottom=False)
    page1.open_bottom = [True, True, False, False, False, False, False]
    page2 = draw([HEAD7, NUMS, ["", "", "SP 2", "Sở Tài chính", "", "Quý II", ""]], page=2)
    rows = assemble([page1, page2]).rows
    assert fields(rows, "stt", "task", "product") == [("1", "Nhiệm vụ dài", "SP 1"), ("1", "Nhiệm vụ dài", "SP 2")]


def test_a_speck_read_in_the_blank_part_of_a_merged_cell_is_no_text():
    """A seal's ring over the blank page-1 part of an item cut by the break, read "4": one
    figure alone is no item's text (the row lost its item and did not pair)."""
    page1 = draw([HEAD7, NUMS, ["1", "4", "SP 1", "Sở Nội vụ", "", "Quý I", ""]], page=1, closed_bottom=False)
    page1.open_bottom = [True, True, False, False, False, False, False]
    page2 = draw([HEAD7, NUMS, ["", "Nhiệm vụ dài", "SP 2", "Sở Tài chính", "", "Quý II", ""]], page=2)
    for cell in page1.cells + page2.cells:
        cell.source = "ocr"
    rows = assemble([page1, page2]).rows
    assert fields(rows, "stt", "task", "product") == [("1", "Nhiệm vụ dài", "SP 1"), ("1", "Nhiệm vụ dài", "SP 2")]


def test_a_row_above_a_break_with_only_its_items_cells_goes_on_below():
    """The item's cell starts at the page's foot, its first activity on the next page: the
    row above the break has no leaf, lead or timeline (no plan row is so) and is the top
    of the row below, whatever the rules at the break say."""
    page1 = draw([HEAD7, NUMS, ["1", "Việc A", "SP A", "Sở Nội vụ", "", "Quý I", ""],
                  ["2", "Việc B", "", "", "", "", ""]], page=1)
    page2 = draw([HEAD7, NUMS, ["", "còn tiếp", "SP B", "Sở Tư pháp", "", "Quý II", ""]], page=2)
    rows = assemble([page1, page2]).rows
    assert fields(rows, "stt", "task", "product") == [("1", "Việc A", "SP A"), ("2", "Việc B còn tiếp", "SP B")]


def test_a_row_above_a_break_without_lead_and_time_goes_on_below_where_they_stand():
    """A rule at the page's foot closes every column; the row above it names neither its
    lead nor its time, the top row below names both and opens its objective with a new
    sentence: one row, whatever the capital says."""
    head = ["Stt", "Mục tiêu", "Nhiệm vụ", "Hoạt động", "Kết quả sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
            "Thời gian thực hiện"]
    page1 = draw([head, ["1", "Đến năm 2030, hoàn thiện.", "1.3.Đổi mới cơ chế tài chính đối", "Giao quyền tự",
                         "Quyết định", "", "", ""]], page=1)
    page2 = draw([head, ["", "Tăng cường phân cấp.", "với các doanh nghiệp", "chủ, tự chịu trách nhiệm",
                         "của cơ quan", "Sở Tài chính", "Các sở", "Giai đoạn 2021-2030"]], page=2)
    rows = assemble([page1, page2]).rows
    assert fields(rows, "task", "lead_text", "timeline_text") == [
        ("1.3.Đổi mới cơ chế tài chính đối với các doanh nghiệp", "Sở Tài chính", "Giai đoạn 2021-2030")]
    assert rows[0].confidence == 0.85  # stitched by a text rule


def test_a_task_numbered_for_the_next_item_below_a_break_starts_that_item():
    """Item 3's Stt and objective are centred over its rows, which start at the top of page
    2: blank there, their text on page 3. The task "3.1." under item 2 says a new item
    starts, whose cells take the text below, not item 2's."""
    head = ["Stt", "Mục tiêu", "Nhiệm vụ", "Hoạt động", "Kết quả sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
            "Thời gian thực hiện"]
    page1 = draw([head, ["2", "Mục tiêu B", "Nhiệm vụ B", "Rà soát", "Quyết định", "Sở Nội vụ", "", "Năm 2021"]], page=1)
    page2 = draw([head, ["", "", "3.1.Đổi mới tổ chức", "Rà soát, quy hoạch", "Đề án", "Sở Giáo dục", "",
                         "Năm 2021"]], page=2)
    page3 = draw([head, ["3", "Mục tiêu C", "3.2.Xây dựng đội ngũ", "Đào tạo", "Kế hoạch", "Sở Giáo dục", "",
                         "Năm 2022"]], page=3)
    rows = assemble([page1, page2, page3]).rows
    assert fields(rows, "stt", "objective", "task") == [
        ("2", "Mục tiêu B", "Nhiệm vụ B"), ("3", "Mục tiêu C", "3.1.Đổi mới tổ chức"),
        ("3", "Mục tiêu C", "3.2.Xây dựng đội ngũ")]
    page2_same = draw([head, ["", "", "2.2.Đổi mới tổ chức", "Rà soát, quy hoạch", "Đề án", "Sở Giáo dục", "",
                              "Năm 2021"]], page=2)   # the same item's next task: item 2's cells go on
    rows = assemble([page1, page2_same]).rows
    assert fields(rows, "stt", "objective", "task") == [
        ("2", "Mục tiêu B", "Nhiệm vụ B"), ("2", "Mục tiêu B", "2.2.Đổi mới tổ chức")]


def test_closed_break_joins_a_lower_case_continuation_and_keeps_a_new_row():
    page1 = draw([HEAD7, NUMS, ["1", "Nhiệm vụ A", "Báo cáo kết quả thực hiện của", "Sở Nội vụ", "", "Quý I", ""]], page=1)
    page2 = draw([HEAD7, NUMS, ["", "", "các sở, ban, ngành", "", "", "", ""],
                  ["^", "^", "Kế hoạch mới", "Sở Tư pháp", "", "Quý II", ""]], page=2)
    page2_new = draw([HEAD7, NUMS, ["", "", "Kế hoạch mới", "Sở Tư pháp", "", "Quý II", ""]], page=2)
    joined = assemble([page1, page2]).rows
    assert fields(joined, "task", "product") == [("Nhiệm vụ A", "Báo cáo kết quả thực hiện của các sở, ban, ngành"),
                                                 ("Nhiệm vụ A", "Kế hoạch mới")]
    assert joined[0].confidence == 0.85  # stitched by a text rule: flagged as less certain
    kept = assemble([page1, page2_new]).rows
    assert fields(kept, "task", "product") == [("Nhiệm vụ A", "Báo cáo kết quả thực hiện của"),
                                               ("Nhiệm vụ A", "Kế hoạch mới")]


def test_closed_break_new_item_does_not_inherit_the_item_above():
    page1 = draw([HEAD7, NUMS, ["1", "Nhiệm vụ A", "SP A", "Sở Nội vụ", "", "Quý I", ""]], page=1)
    page2 = draw([HEAD7, NUMS, ["2", "Nhiệm vụ B", "SP B", "Sở Tư pháp", "", "Quý II", ""]], page=2)
    rows = assemble([page1, page2]).rows
    assert fields(rows, "stt", "task") == [("1", "Nhiệm vụ A"), ("2", "Nhiệm vụ B")]


def test_open_break_with_an_item_number_on_both_sides_is_a_new_item():
    # the break cut only the last row's blank bottom: no closing rule on page 1, and
    # page 2 starts with item 2 (its closing rule lost under the repeated header)
    page1 = draw([HEAD7, NUMS, ["1", "Nhiệm vụ A", "SP A", "Sở Nội vụ", "", "Quý I", ""]], page=1, closed_bottom=False)
    page2 = draw([HEAD7, NUMS, ["2", "Nhiệm vụ B", "SP B", "Sở Tư pháp", "", "Quý II", ""]], page=2)
    rows = assemble([page1, page2]).rows
    assert fields(rows, "stt", "task", "product") == [("1", "Nhiệm vụ A", "SP A"), ("2", "Nhiệm vụ B", "SP B")]
    assert (rows[1].page_first, rows[1].page_last) == (2, 2)


def test_a_sliver_cut_off_a_row_by_a_stray_rule_is_no_row():
    """A copier's streak read as a rule across the product and lead columns cuts a sliver
    off item 1: the sliver's own cells are empty, its other cells item 1's (merged past
    the streak). It is no row of its own; item 2 under it is."""
    grid = draw([HEAD7, NUMS,
                 ["1", "Nhiệm vụ A", "SP A", "Sở Nội vụ", "Sở Tư pháp", "Quý I", ""],
                 ["^", "^", "", "", "^", "^", "^"],
                 ["2", "Nhiệm vụ B", "SP B", "Sở Tư pháp", "", "Quý II", ""]])
    rows = assemble([grid]).rows
    assert fields(rows, "stt", "task", "product", "lead_text", "coord_text") == [
        ("1", "Nhiệm vụ A", "SP A", "Sở Nội vụ", "Sở Tư pháp"), ("2", "Nhiệm vụ B", "SP B", "Sở Tư pháp", "")]


def test_single_responsible_column_is_the_lead():
    grid = draw([["STT", "Nội dung công việc", "Kết quả/sản phẩm", "Đơn vị thực hiện", "Thời gian hoàn thành"],
                 ["1", "Việc A", "SP A", "Sở Nội vụ", "Quý I/2026"]])
    assert map_header(grid).fields == ("stt", "task", "product", "lead_text", "timeline_text")


def test_printed_group_numbers_that_are_not_roman_are_kept():
    grid = draw([HEAD7, ["A", "NHIỆM VỤ TRỌNG TÂM", "<", "<", "<", "<", "<"],
                 ["1", "Việc A", "SP A", "Sở Nội vụ", "", "Quý I", ""]])
    (row,) = assemble([grid]).rows
    assert (row.section_no, row.section_title) == ("A", "NHIỆM VỤ TRỌNG TÂM")


def test_unmapped_and_repeated_columns_are_kept_in_extra():
    """A budget column maps to no field and a second timeline column repeats one: the
    table is still a plan table, and their text is kept by printed label."""
    grid = draw([["STT", "Nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Thời gian bắt đầu", "Thời gian hoàn thành",
                  "Kinh phí (triệu đồng)"],
                 ["1", "Việc A", "SP A", "Sở Nội vụ", "Quý I/2026", "Quý IV/2026", "150"],
                 ["2", "Việc B", "SP B", "Sở Tư pháp", "Tháng 3/2026", "", ""]])
    header = map_header(grid)
    assert header.fields == ("stt", "task", "product", "lead_text", "timeline_text", None, None)
    rows = assemble([grid]).rows
    assert fields(rows, "task", "timeline_text", "extra") == [
        ("Việc A", "Quý I/2026", {"Thời gian hoàn thành": "Quý IV/2026", "Kinh phí (triệu đồng)": "150"}),
        ("Việc B", "Tháng 3/2026", None)]


HEAD8 = ["Stt", "Nhiệm vụ", "Hoạt động", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"]


def test_closed_break_inside_merged_agency_and_activity_cells():
    """Both rows of one activity share its merged activity and agency cells; the page
    break falls between them and every cell is closed by a rule (a word processor's
    export). The activity cell above the break ends with a comma: those merged cells were
    cut, so their text goes on into the row below, which is new (its own product and
    timeline) and marked doubtful, its continuation vote being a tie."""
    page1 = draw([HEAD8, ["1", "Nhiệm vụ A", "Theo dõi các sở, UBND cấp huyện,", "Bộ chỉ số", "Sở Nội vụ",
                          "Các sở, UBND cấp", "Năm 2021"]], page=1)
    page2 = draw([HEAD8, ["", "", "UBND cấp xã", "Quyết định công bố", "", "huyện", "Hàng năm"]], page=2)
    rows = assemble([page1, page2]).rows
    assert fields(rows, "activity", "product", "lead_text", "coord_text", "timeline_text") == [
        ("Theo dõi các sở, UBND cấp huyện, UBND cấp xã", "Bộ chỉ số", "Sở Nội vụ", "Các sở, UBND cấp huyện", "Năm 2021"),
        ("Theo dõi các sở, UBND cấp huyện, UBND cấp xã", "Quyết định công bố", "Sở Nội vụ", "Các sở, UBND cấp huyện",
         "Hàng năm")]
    assert [r.confidence for r in rows] == [1.0, 0.75]
    # without the comma nothing says the cells were cut: separate cells, as printed
    page1_ended = draw([HEAD8, ["1", "Nhiệm vụ A", "Theo dõi các sở", "Bộ chỉ số", "Sở Nội vụ", "Các sở",
                                "Năm 2021"]], page=1)
    page2_own = draw([HEAD8, ["", "", "Công bố kết quả", "Quyết định công bố", "Sở Tư pháp", "", "Hàng năm"]], page=2)
    rows = assemble([page1_ended, page2_own]).rows
    assert fields(rows, "activity", "lead_text") == [("Theo dõi các sở", "Sở Nội vụ"), ("Công bố kết quả", "Sở Tư pháp")]


def test_table_without_left_and_right_borders_keeps_its_outer_columns():
    picture = [HEAD7, NUMS,
               ["I", "CẢI CÁCH THỂ CHẾ", "<", "<", "<", "<", "<"],
               ["1", "Xây dựng VBQPPL", "Các văn bản", "Sở Tư pháp", "Các sở", "Thường xuyên", "Ghi chú A"],
               ["2", "Kiểm tra văn bản", "Báo cáo", "Sở Tư pháp", "", "Quý IV", ""]]
    closed, opened = assemble([draw(picture)]).rows, assemble([draw(picture, open_sides=True)]).rows
    assert fields(opened, "stt", "task", "note") == [("1", "Xây dựng VBQPPL", "Ghi chú A"), ("2", "Kiểm tra văn bản", "")]
    assert [r.fields() for r in opened] == [r.fields() for r in closed]


def test_an_open_side_s_edge_is_set_outside_where_its_rules_end():
    """No rule to inset a crop past on an open side, and a word processor may print the
    outer column's writing flush with the rules' ends: the table's edge there is set
    `OPEN_SIDE_MARGIN` outside them (a crop cut at the rules' start read an "8" as "3")."""
    grid = draw([HEAD7, NUMS, ["1", "Xây dựng VBQPPL", "Các văn bản", "Sở Tư pháp", "Các sở", "Thường xuyên", ""]],
                open_sides=True)
    left, right = grid.cell(2, 0).bbox[0], grid.cell(2, 6).bbox[2]
    assert left == pytest.approx(-OPEN_SIDE_MARGIN) and right == pytest.approx(7 * W + OPEN_SIDE_MARGIN)
    closed = draw([HEAD7, NUMS])
    assert (closed.cell(1, 0).bbox[0], closed.cell(1, 6).bbox[2]) == (0.0, 7 * W)


def test_open_sides_are_found_among_letter_strokes_on_the_column_rules():
    """A scan's letter strokes touching the inner column rules are horizontal pieces too;
    on a page of long cells they outnumber the row rules. The open sides are counted among
    the rules that reach the outer column rules: seven rows of a table without left and
    right borders, seventeen strokes beside the inner rules."""
    edges = [61.0, 183.0, 268.0, 337.0, 523.0]
    rules = [HLine(y, 42.0, 553.0) for y in (42.0, 122.0, 327.0, 354.0, 580.0, 672.0, 790.0)]
    strokes = [HLine(150.0 + 30 * k, e - 1.0, e + 19.0) for k, e in enumerate(edges[1:4] * 6)][:17]
    assert open_sides(rules + strokes, edges) == [pytest.approx(42.0), pytest.approx(553.0)]
    assert open_sides([HLine(y, 61.0, 523.0) for y in (42.0, 122.0, 327.0)] + strokes, edges) == []


def test_closed_break_new_leaf_row_under_merged_lead_and_timeline():
    """A new product row of the same item starts the page; its lead and timeline are the
    merged cells of the row above (blank here: plan rows always name both), and a
    one-word cell (a budget figure) on both sides of the break says the row is new: two
    amounts, two rows, no tie (`_two_amounts`; the vote alone was a tie, doubtful)."""
    head = ["Stt", "Nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian", "Kinh phí"]
    page1 = draw([head, ["5", "Nhiệm vụ E", "Báo cáo tự đánh giá", "Sở Nội vụ", "Các sở", "Theo yêu cầu", "222"]], page=1)
    page2 = draw([head, ["", "", "Tổ chức đánh giá", "", "Bưu điện tỉnh", "", "259"]], page=2)
    rows = assemble([page1, page2]).rows
    assert fields(rows, "stt", "product", "lead_text", "coord_text", "timeline_text", "extra") == [
        ("5", "Báo cáo tự đánh giá", "Sở Nội vụ", "Các sở", "Theo yêu cầu", {"Kinh phí": "222"}),
        ("5", "Tổ chức đánh giá", "Sở Nội vụ", "Bưu điện tỉnh", "Theo yêu cầu", {"Kinh phí": "259"})]
    assert rows[1].confidence == 0.85  # joined by a text rule, not a tie


def test_closed_break_new_row_with_its_own_time_under_merged_agencies():
    """The next numbered product of an item starts the page with a time of its own; the
    item's lead and coordinating agencies are merged down its rows, cut by the break and
    closed by a rule there (a word processor's export), blank on this page: both are the
    merged cells of the row above, whatever its time says."""
    head = ["Stt", "Nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"]
    page1 = draw([head, ["1.", "Nhiệm vụ A", "1.1. Văn bản tham mưu công khai dự toán", "Sở Tài chính",
                         "Các sở, ban, ngành, UBND cấp xã", "Quý I, IV/2026"]], page=1)
    page2 = draw([head, ["", "", "1.2. Văn bản tham mưu phê chuẩn quyết toán", "", "", "Quý IV/2026"]], page=2)
    rows = assemble([page1, page2]).rows
    assert fields(rows, "stt", "task", "lead_text", "coord_text", "timeline_text") == [
        ("1.", "Nhiệm vụ A", "Sở Tài chính", "Các sở, ban, ngành, UBND cấp xã", "Quý I, IV/2026"),
        ("1.", "Nhiệm vụ A", "Sở Tài chính", "Các sở, ban, ngành, UBND cấp xã", "Quý IV/2026")]


def test_closed_break_a_leaf_cell_opening_with_a_sentence_start_is_a_new_row():
    """An item's merged Stt, task, lead and timeline cells go on below a closed page
    break; the product and coordinating cells below are new. The blank lead and
    timeline vote for a cut row, the two capitals only half against: the case of the
    product's first word decides. "Phối" is written with a capital only at a
    sentence's start, and the product above stops inside a sentence: a cell of its own,
    so a new row of the same item (its merged cells filled down), not a tie."""
    page1 = draw([HEAD7, NUMS, ["3", "Nhiệm vụ C", "Kế hoạch kiểm tra công vụ của huyện", "Sở Tư pháp",
                                "Các phòng, ban, UBND cấp xã", "Quý II", ""]], page=1)

    def page2(product: str):
        return draw([HEAD7, NUMS, ["", "", product, "", "Thanh tra tỉnh, các phòng, ban", "", ""]], page=2)

    rows = assemble([page1, page2("Phối hợp thanh tra tổ chức tập huấn")]).rows
    assert fields(rows, "stt", "task", "product", "lead_text", "coord_text", "timeline_text") == [
        ("3", "Nhiệm vụ C", "Kế hoạch kiểm tra công vụ của huyện", "Sở Tư pháp", "Các phòng, ban, UBND cấp xã",
         "Quý II"),
        ("3", "Nhiệm vụ C", "Phối hợp thanh tra tổ chức tập huấn", "Sở Tư pháp", "Thanh tra tỉnh, các phòng, ban",
         "Quý II")]
    assert [r.confidence for r in rows] == [1.0, 0.85]  # merged cells joined by a text rule; no tie
    # a name's capital ("Sở …" is capitalised inside sentences) says nothing: the vote joins the row
    joined = assemble([page1, page2("Sở Tư pháp tổng hợp")]).rows
    assert fields(joined, "product") == [("Kế hoạch kiểm tra công vụ của huyện Sở Tư pháp tổng hợp",)]
    # the text above ends a sentence: a new sentence of the same cell may follow, the vote decides
    ended = draw([HEAD7, NUMS, ["3", "Nhiệm vụ C", "Kế hoạch kiểm tra công vụ.", "Sở Tư pháp",
                                "Các phòng, ban, UBND cấp xã", "Quý II", ""]], page=1)
    assert len(assemble([ended, page2("Phối hợp thanh tra tổ chức tập huấn")]).rows) == 1
    # OCR may read a small "c" as "C": an OCR'd capital shaped like its small letter says nothing
    text_layer, ocr = page2("Các đơn vị tổ chức tập huấn"), page2("Các đơn vị tổ chức tập huấn")
    ocr.cell(2, 2).source = "ocr"
    assert len(assemble([page1, text_layer]).rows) == 2
    assert len(assemble([page1, ocr]).rows) == 1
    # an item's number before the first word: the word after it tells ("2.2. Phối hợp …")
    assert len(assemble([page1, page2("2.2. Phối hợp thanh tra tổ chức tập huấn")]).rows) == 2
    assert len(assemble([page1, page2("2.2. Sở Tư pháp tổng hợp")]).rows) == 1


def test_the_blank_rest_of_a_section_row_broken_across_a_page_is_no_section():
    """A word processor breaks the last section row of a page across the break: its
    number and title end the page, its blank rest opens the next one (OCR'd: nothing
    read in its number cell). The rows after it are the section's; before, the blank
    band was read as a section with a numeral lost ("?"), the next numeral given to it
    and its title blank."""
    page1 = draw([HEAD7, NUMS, ["I", "CẢI CÁCH THỂ CHẾ", "<", "<", "<", "<", "<"],
                  ["1", "Nhiệm vụ A", "Sản phẩm A", "Sở Tư pháp", "Các sở", "Quý I", ""],
                  ["II", "CẢI CÁCH TÀI CHÍNH CÔNG", "<", "<", "<", "<", "<"]], page=1)
    page2 = draw([HEAD7, NUMS, ["", "", "<", "<", "<", "<", "<"],
                  ["1", "Nhiệm vụ B", "Sản phẩm B", "Sở Tài chính", "Các sở", "Quý II", ""]], page=2)
    for grid in (page1, page2):
        for cell in grid.cells:
            cell.source = "ocr"
    rows = assemble([page1, page2]).rows
    assert fields(rows, "section_no", "section_title", "task") == [
        ("I", "CẢI CÁCH THỂ CHẾ", "Nhiệm vụ A"), ("II", "CẢI CÁCH TÀI CHÍNH CÔNG", "Nhiệm vụ B")]


def test_closed_break_a_product_going_on_mid_phrase_continues_the_row():
    """A narrow column's row cut by a closed page break: the product stops at "được"
    and goes on "Cung cấp …" (OCR read the small c as a capital), the lead and the
    timeline go on with capitals too. The language model reads "được cung cấp" as one
    phrase: the row goes on, though every capital below votes for a new row."""
    page1 = draw([HEAD7, NUMS, ["4", "Nhiệm vụ D", "100% dịch vụ công đáp ứng yêu cầu được", "Sở Thông tin và",
                                "", "Giai đoạn 2021-", ""]], page=1)

    def page2(product: str):
        page = draw([HEAD7, NUMS, ["", "", product, "Truyền thông", "", "2030", ""]], page=2)
        page.cell(2, 2).source = "ocr"
        return page

    rows = assemble([page1, page2("Cung cấp trực tuyến mức độ 4")]).rows
    assert fields(rows, "stt", "product", "lead_text") == [
        ("4", "100% dịch vụ công đáp ứng yêu cầu được Cung cấp trực tuyến mức độ 4", "Sở Thông tin và Truyền thông")]
    # a product whole on its own below a whole one: the vote decides, as before (a new row)
    assert len(assemble([page1, page2("Báo cáo kết quả thực hiện")]).rows) == 2


def test_closed_break_read_as_the_pages_read_their_c():
    """The same break on pages whose face OCR reads C as "(" all through ("(ác sở",
    "UBND (ấp huyện"): "… yêu (ầu được" / "(ung cấp …" are words to the language model
    once the C is put back, as the repair will (judged on both pages' cells): the row
    goes on. One such cell alone is no trait of the pages: the vote decides (a new row)."""
    def page1(coord: str):
        return draw([HEAD7, NUMS, ["4", "Nhiệm vụ D", "100% dịch vụ (ông đáp ứng yêu (ầu được", "Sở Thông tin và",
                                   coord, "Giai đoạn 2021-", ""]], page=1)

    def page2(coord: str):
        page = draw([HEAD7, NUMS, ["", "", "(ung cấp trực tuyến mức độ 4", "Truyền thông", coord, "2030", ""],
                     ["5", "Nhiệm vụ E", "Báo cáo", "Sở Nội vụ", "UBND (ấp xã", "Quý I", ""]], page=2)
        for cell in page.cells:
            cell.source = "ocr"
        return page

    rows = assemble([page1("(ác sở, ban, ngành,"), page2("UBND (ấp huyện")]).rows
    assert fields(rows, "stt", "product") == [
        ("4", "100% dịch vụ (ông đáp ứng yêu (ầu được (ung cấp trực tuyến mức độ 4"), ("5", "Báo cáo")]
    assert len(assemble([page1("Các sở, ban, ngành,"), page2("UBND cấp huyện")]).rows) == 3


def test_closed_break_a_product_opening_with_the_next_item_number_is_a_new_row():
    """"1.3. …" above a closed page break, "1.4. Tham mưu …" below it under the item's
    merged cells going on (lead, coordinating agencies and timeline all blank): the next
    item's number opens a cell of its own, though
    "Tham" is written with a capital inside sentences now and then, and though the text
    above ended a sentence; any other number (or none) leaves it to the vote."""
    def page1(product: str):
        return draw([HEAD7, NUMS, ["1.", "Nhiệm vụ A", product, "Sở Tài chính", "Các sở", "Quý IV", ""]], page=1)

    def page2(product: str):
        return draw([HEAD7, NUMS, ["", "", product, "", "", "", ""]], page=2)

    above = "1.3. Tham mưu UBND tỉnh dự thảo Tờ trình trình HĐND tỉnh quyết định"
    rows = assemble([page1(above), page2("1.4. Tham mưu dự thảo Quyết định của UBND tỉnh")]).rows
    # its blank lead, coordinating agencies and timeline are the item's merged cells going on
    assert fields(rows, "stt", "product", "lead_text", "coord_text", "timeline_text") == [
        ("1.", above, "Sở Tài chính", "Các sở", "Quý IV"),
        ("1.", "1.4. Tham mưu dự thảo Quyết định của UBND tỉnh", "Sở Tài chính", "Các sở", "Quý IV")]
    assert len(assemble([page1(above + "."), page2("1.4. Tham mưu dự thảo")]).rows) == 2
    assert len(assemble([page1(above), page2("1.5. Tham mưu dự thảo")]).rows) == 1
    assert len(assemble([page1(above), page2("tham mưu dự thảo")]).rows) == 1


def test_strokes_that_are_no_rules_neither_extend_the_table_nor_split_a_section_row():
    """A signature over the last rows: one stroke runs down a column edge through the
    section row and on below the table. The table still ends at its bottom rule (no
    extra open row to stitch the next page into) and the section row is a section."""
    from extractors.grid import CellText, HLine, VLine, page_grids

    W, H = 60.0, 20.0
    picture = [HEAD7, NUMS, ["1", "Xây dựng VBQPPL", "Các văn bản", "Sở Tư pháp", "Các sở", "Thường xuyên", ""],
               ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "<", "<", "<", "<", "<"]]
    grid = draw(picture)
    hs = [HLine(r * H, 0.0, 7 * W) for r in range(5)]
    vs = [VLine(0.0, 0.0, 4 * H), VLine(W, 0.0, 4 * H)] + [VLine(c * W, 0.0, 3 * H) for c in range(2, 8)]
    vs.append(VLine(5 * W, 3 * H, 4 * H + 25.0))  # the stroke: through the section row, 25 pt below the table
    texts = {(r, c): t for r, row in enumerate(picture) for c, t in enumerate(row)}

    def read(bbox):
        x0, top, x1, _ = bbox
        r, c = round(top / H), round(x0 / W)
        return CellText(texts.get((r, c), "") if texts.get((r, c), "") != "<" else "")

    (grid,) = page_grids(1, hs, vs, read)
    assert grid.ys[-1] == 4 * H and not any(grid.open_bottom)
    rows = assemble([grid]).rows
    assert fields(rows, "stt", "task") == [("1", "Xây dựng VBQPPL")]
    assert assemble([grid, draw([HEAD7, NUMS, ["1", "Rà soát TTHC", "Báo cáo", "VP UBND", "", "Quý I", ""]], page=2)]
                    ).rows[-1].section_title == "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"


def test_a_section_title_cut_short_by_a_seal_still_heads_its_section():
    """A seal's ring over a section row, its left arc joined to the column rule above and
    below: the title cell ends there, after three of seven columns, but those are the
    wide ones (two thirds of the row's width) and nothing is written after it. Its number
    ("III" Tesseract read as nothing) is left to the sequence: the rows below are in the
    section."""
    from extractors.grid import CellText, HLine, VLine, page_grids

    xs = [0.0, 25.0, 160.0, 280.0, 340.0, 400.0, 450.0, 480.0]
    H = 20.0
    picture = [HEAD7, NUMS, ["1", "Xây dựng VBQPPL", "Các văn bản", "Sở Tư pháp", "Các sở", "Thường xuyên", ""],
               ["", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "<", "<", "", "<", "<"],
               ["1", "Rà soát TTHC", "Báo cáo", "VP UBND", "", "Quý I", ""]]
    hs = [HLine(r * H, 0.0, xs[-1]) for r in range(6)]
    vs = [VLine(x, 0.0, 5 * H) for x in (xs[0], xs[1], xs[-1])]
    vs += [VLine(x, y0, y1) for x in xs[2:-1] for y0, y1 in ((0.0, 3 * H), (4 * H, 5 * H))]
    vs.append(VLine(xs[4], 3 * H, 4 * H))  # the seal's arc: a column rule goes on through the row
    texts = {(r, c): t for r, row in enumerate(picture) for c, t in enumerate(row)}

    def read(bbox):
        x0, top, x1, _ = bbox
        r, c = round(top / H), xs.index(min(xs, key=lambda x: abs(x - x0)))
        text = texts.get((r, c), "")
        return CellText("" if text == "<" else text, source="ocr")

    (grid,) = page_grids(1, hs, vs, read)
    assert [c.col1 - c.col0 + 1 for c in grid.cells if c.row0 == 3] == [1, 3, 3]
    rows = assemble([grid]).rows
    assert fields(rows, "stt", "task", "section_title") == [
        ("1", "Xây dựng VBQPPL", ""), ("1", "Rà soát TTHC", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH")]


def _ruled(rows: int, cols: int, width: float = 100.0, height: float = 20.0):
    """The rules of a plain table: `rows` × `cols` cells, every rule drawn."""
    from extractors.grid import HLine, VLine

    hs = [HLine(r * height, 0.0, cols * width) for r in range(rows + 1)]
    vs = [VLine(c * width, 0.0, rows * height) for c in range(cols + 1)]
    return hs, vs


def test_a_toner_streak_down_the_table_is_no_column_rule():
    """A copier's toner streak down the sheet starts and ends anywhere: mid-table, and on
    past the bottom rule. On a word processor's copy it is as dark as the hairline rules;
    it is no column rule, since it neither begins nor ends on a rule across it. A
    sub-column's rule that begins on a row rule is one."""
    from extractors.grid import VLine, page_grids

    hs, vs = _ruled(5, 4)
    (grid,) = page_grids(1, hs, vs + [VLine(150.0, 50.0, 140.0)])
    assert grid.xs == [0.0, 100.0, 200.0, 300.0, 400.0]
    (grid,) = page_grids(1, hs, vs + [VLine(150.0, 20.0, 100.0)])
    assert grid.xs == [0.0, 100.0, 150.0, 200.0, 300.0, 400.0]


def test_a_toner_streak_across_the_table_is_no_row_rule():
    """A streak across the sheet starts and ends inside cells, 20 pt past the column rules
    it crosses first and last: no row rule (cut back to those rules, it parted the rows it
    crossed between two lines of their text). A rule whose ends only touch past them (a
    letter's stroke, a blur) still is one."""
    from extractors.grid import HLine, page_grids

    hs, vs = _ruled(4, 4)
    (grid,) = page_grids(1, hs + [HLine(50.0, 80.0, 320.0)], vs)
    assert grid.ys == [0.0, 20.0, 40.0, 60.0, 80.0]
    (grid,) = page_grids(1, hs + [HLine(50.0, 97.0, 303.0)], vs)
    assert grid.ys == [0.0, 20.0, 40.0, 50.0, 60.0, 80.0]


def test_rows_carry_where_their_section_row_was_read():
    picture = [HEAD7, NUMS, ["I", "CẢI CÁCH THỂ CHẾ", "<", "<", "<", "<", "<"],
               ["1", "Xây dựng VBQPPL", "Các văn bản", "Sở Tư pháp", "Các sở", "Thường xuyên", ""]]
    (row,) = assemble([draw(picture)]).rows
    assert set(row.cell_boxes) >= {"section_no", "section_title", "task"}
    assert row.cell_boxes["section_title"][0]["bbox"] == [60.0, 40.0, 420.0, 60.0]


# ------------------------------------------------------------------ completeness


def test_a_table_with_the_plan_columns_skipped_is_missing_rows():
    garbled = ["Stt", "Ni dg/Nm v", "Ht g/S pm", "C q c t", "C q p h", "Th gn", "Gh c"]  # letters lost: unreadable
    page1 = draw([garbled, NUMS, ["1", "Việc A", "SP A", "Sở Nội vụ", "", "Quý I", ""]], page=1)
    page2 = draw([HEAD7, NUMS, ["2", "Việc B", "SP B", "Sở Nội vụ", "", "Quý II", ""]], page=2)
    page3 = draw([["3", "Việc C", "SP C", "Sở Nội vụ", "Quý III", ""]], page=3)  # a rule lost: 6 columns
    result = assemble([page1, page2, page3])
    assert fields(result.rows, "stt") == [("2",)]
    assert [p for p, m in result.missing if "a table with the plan's columns was skipped" in m] == [1, 3]
    assert "starts at item 2: the items before it are missing" in result.missing[-1][1]  # page 1's item 1
    assert result.spans == [(2, 2)]


def test_a_row_rule_a_seal_hides_inside_one_column_still_parts_its_rows():
    """A seal's ring over a row rule: the rule comes in two pieces that reach into the
    column from both its sides (17 and 16 pt of 60), covering under `COVER` of it. Its
    rows are still parted there. A cell merged across the row rule has no piece of the
    rule inside it: a rule stopping at the column's edges (a stroke's width past them)
    leaves the cell merged."""
    from extractors.grid import HLine, page_grids

    hs, vs = _ruled(3, 3, width=60.0)
    hs = [h for h in hs if h.y != 40.0]

    def middle_row_cells(*pieces):
        (grid,) = page_grids(1, hs + [HLine(40.0, x0, x1) for x0, x1 in pieces], vs)
        return [(c.row0, c.row1) for c in grid.cells if c.col0 == 1]

    assert middle_row_cells((0.0, 77.0), (104.0, 180.0)) == [(0, 0), (1, 1), (2, 2)]
    assert middle_row_cells((0.0, 61.5), (118.5, 180.0)) == [(0, 0), (1, 2)]


def test_other_ruled_boxes_after_the_table_are_not_missing_rows():
    page1 = draw([HEAD7, NUMS, ["1", "Việc A", "SP A", "Sở Nội vụ", "", "Quý I", ""]], page=1)
    box = draw([["Nơi nhận", "KT. CHỦ TỊCH"], ["- Như trên", "PHÓ CHỦ TỊCH"]], page=2)
    assert assemble([page1, box]).missing == []


def test_a_row_rule_running_on_past_the_table_still_closes_its_rows():
    """A seal in the right margin touches the end of a row rule, so the rule found in the
    scan runs 7 pt past the table's right edge: it still separates the rows."""
    from extractors.grid import HLine, VLine, page_grids

    hs = [HLine(0.0, 0.0, 420.0), HLine(20.0, 0.0, 420.0), HLine(60.0, 0.0, 427.0), HLine(100.0, 0.0, 420.0)]
    vs = [VLine(x, 0.0, 100.0) for x in (0.0, 60.0, 240.0, 420.0)]
    (grid,) = page_grids(1, hs, vs)
    assert grid.n_rows == 3 and all(c.row0 == c.row1 for c in grid.cells)


def test_a_column_whose_label_was_misread_on_the_first_page_is_mapped_from_a_later_page():
    """A seal over the first page's "Cơ quan phối hợp": its label reads as nothing a plan
    writes, the column maps to no field there; the next page repeats the header, read
    right, and the column is coord_text for the rows of both pages."""
    sealed = [*HEAD7[:4], "Cx qz ~ hx", *HEAD7[5:]]
    page1 = draw([sealed, NUMS, ["1", "Việc A", "SP A", "Sở Nội vụ", "Các sở", "Quý I", ""]], page=1)
    page2 = draw([HEAD7, NUMS, ["2", "Việc B", "SP B", "Sở Tư pháp", "UBND cấp xã", "Quý II", ""]], page=2)
    rows = assemble([page1, page2]).rows
    assert fields(rows, "stt", "coord_text") == [("1", "Các sở"), ("2", "UBND cấp xã")]
    assert all(not r.extra for r in rows)


def test_an_ocr_item_whose_column_rules_were_lost_is_no_section_row():
    """A phone photo lost the column rules of one item row: its cells read as one wide
    cell beside the item's number "2". No Roman numeral is misread as "2" and the text is
    not a title in capitals: the row is no section (it renumbered every section after it)."""
    grid = draw([HEAD7, ["I", "CẢI CÁCH THỂ CHẾ", "<", "<", "<", "<", "<"],
                 ["1", "Việc A", "SP A", "Sở Nội vụ", "", "Quý I", ""],
                 ["2", "Kiểm tra, rà soát văn bản quy phạm", "<", "<", "<", "<", "<"],
                 ["3", "Việc C", "SP C", "Sở Tư pháp", "", "Quý II", ""],
                 ["1I", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "<", "<", "<", "<", "<"],
                 ["1", "Xây dựng và ban hành văn bản", "<", "<", "<", "<", "<"],
                 ["2", "Việc D", "SP D", "Sở Tư pháp", "", "Quý III", ""],
                 ["1", "CẢI CÁCH TỔ CHỨC BỘ MÁY", "<", "<", "<", "<", "<"],  # "1" for III in capitals: a section
                 ["1", "Việc E", "SP E", "Sở Nội vụ", "", "Quý IV", ""]])
    for cell in grid.cells:
        cell.source = "ocr"
    rows = assemble([grid]).rows
    assert [(r.section_no, r.stt) for r in rows] == [("I", "1"), ("I", "2"), ("I", "3"), ("II", "1"), ("II", "2"),
                                                    ("III", "1")]


def test_a_section_title_in_capitals_with_a_speck_read_beside_it_is_still_a_title():
    """A copy's speck beside the title is read as a short word ("CẢI CÁCH THỂ CHẾ ca") and
    the numeral "I" as "1": the title is still in capitals, so the row is a section."""
    grid = draw([HEAD7, ["1", "CẢI CÁCH THỂ CHẾ ca", "<", "<", "<", "<", "<"],
                 ["1", "Việc A", "SP A", "Sở Nội vụ", "", "Quý I", ""],
                 ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "<", "<", "<", "<", "<"],
                 ["1", "Việc B", "SP B", "Sở Tư pháp", "", "Quý II", ""]])
    for cell in grid.cells:
        cell.source = "ocr"
    rows = assemble([grid]).rows
    assert [(r.section_no, r.stt) for r in rows] == [("I", "1"), ("II", "1")]


def test_a_section_row_whose_title_the_grid_cut_into_pieces_is_a_section():
    """OCR'd: column rules found across the title cell (a copy's specks line up with the
    column edges); the numeral in Roman and the pieces in capitals say it is a section."""
    picture = [HEAD7, NUMS, ["1", "Xây dựng VBQPPL", "Các văn bản", "Sở Tư pháp", "Các sở", "Thường xuyên", ""],
               ["I", "CẢI CÁCH THỦ TỤC", "HÀNH CHÍNH", "HÀNH CHÍNH", "", "", ""],
               ["1", "Rà soát TTHC", "Báo cáo", "VP UBND", "", "Quý I", ""]]
    grid = draw(picture)
    grid.cell(3, 0).source = "ocr"
    rows = assemble([grid]).rows
    assert fields(rows, "section_no", "stt", "task") == [("", "1", "Xây dựng VBQPPL"), ("I", "1", "Rà soát TTHC")]
    assert rows[-1].section_title == "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"
    # a piece cut through a word reads a letter small: the pieces together are in capitals
    picture[3] = ["I", "XÂY DỰNG CHÍNH PHỦ ĐIỆN T", "fHÍNH PHỦ SỐ", "<", "<", "<", "<"]
    grid = draw(picture)
    grid.cell(3, 0).source = "ocr"
    rows = assemble([grid]).rows
    assert fields(rows, "section_no", "stt") == [("", "1"), ("I", "1")]
    assert rows[-1].section_title == "XÂY DỰNG CHÍNH PHỦ ĐIỆN T fHÍNH PHỦ SỐ"
    # an item numbered in figures, or one whose cells are no title in capitals, stays an item
    for first, second in (("2", "CẢI CÁCH THỦ TỤC"), ("I", "Rà soát thủ tục")):
        picture[3] = [first, second, "HÀNH CHÍNH", "", "", "", ""]
        grid = draw(picture)
        grid.cell(3, 0).source = "ocr"
        assert len(assemble([grid]).rows) == 3


def test_a_table_restarted_by_moved_column_rules_goes_on_with_its_section():
    """A scanned page whose column rules came out elsewhere (one lost, a stray one found)
    starts a table of its own under its repeated header; its rows before any section row
    of its own are still in the section the page before left open, and the numbering is
    checked across both."""
    def pages(second: int, head: list[str]):
        one = draw([HEAD7, ["I", "CẢI CÁCH THỂ CHẾ", "<", "<", "<", "<", "<"],
                    ["1", "Việc A", "SP A", "Sở Nội vụ", "", "Quý I/2026", ""]], page=1)
        two = draw([HEAD7, head, ["3", "Việc C", "SP C", "Sở Tư pháp", "", "Quý II/2026", ""]], page=second)
        two.xs = [x * 1.05 for x in two.xs]  # the edges moved by 5 % of the width: another table
        return assemble([one, two])

    result = pages(2, ["2", "Việc B", "SP B", "Sở Tài chính", "", "Quý I/2026", ""])
    assert result.tables == 2
    assert fields(result.rows, "section_no", "stt", "task") == [("I", "1", "Việc A"), ("I", "2", "Việc B"),
                                                                ("I", "3", "Việc C")]
    assert result.missing == []
    # two pages apart, it is another table: no section of its own, none inherited
    assert fields(pages(4, ["2", "Việc B", "SP B", "Sở Tài chính", "", "Quý I/2026", ""]).rows,
                  "section_no")[1:] == [("",), ("",)]
    # its own section row first: its own section, as read
    restarted = pages(2, ["II", "CẢI CÁCH TÀI CHÍNH CÔNG", "<", "<", "<", "<", "<"]).rows
    assert fields(restarted, "section_no", "stt") == [("I", "1"), ("II", "3")]


def test_the_rule_closing_cut_cells_drawn_under_a_sliver_at_the_next_pages_top_ends_them():
    """No rule under the page's last row (its item's merged cells cut by the break), and on
    the next page an empty sliver under the column numbers, then a rule across the leaf
    columns only: the leaf cells above the break ended there (a new row of the same item),
    the item's merged cells go on."""
    page1 = draw([HEAD7, NUMS, ["2", "Kiểm tra, rà soát văn bản", "2.1. Kiểm tra, rà soát", "Các sở",
                                "Sở Tư pháp", "Quý I/2026", ""]], page=1, closed_bottom=False)
    sliver = draw([HEAD7, NUMS, ["", "", "", "", "", "", ""],
                   ["^", "^", "2.2. Thực hiện cập nhật", "Sở Tư pháp", "Các sở", "Thường xuyên", ""]], page=2)
    rows = assemble([page1, sliver]).rows
    assert fields(rows, "stt", "task", "product", "lead_text", "timeline_text") == [
        ("2", "Kiểm tra, rà soát văn bản", "2.1. Kiểm tra, rà soát", "Các sở", "Quý I/2026"),
        ("2", "Kiểm tra, rà soát văn bản", "2.2. Thực hiện cập nhật", "Sở Tư pháp", "Thường xuyên")]
    # without the sliver's rule, the lead and time written on both sides of the break
    # say the same (`test_a_row_naming_its_own_lead_and_time_below_an_open_break_is_new`)
    cut = draw([HEAD7, NUMS, ["", "", "2.2. Thực hiện cập nhật", "Sở Tư pháp", "Các sở", "Thường xuyên", ""]], page=2)
    assert len(assemble([page1, cut]).rows) == 2


def test_a_row_naming_its_own_lead_and_time_below_an_open_break_is_new():
    """A page ends with no rule at all (its item's merged cells cut by the break, a
    producer that closes nothing there); the next page's top row names a lead and a time
    of its own, the capital of its product no evidence (OCR'd "C"): a new row of the
    same item. A row whose lead and time stay above the break is the rest of the cut
    row, and so is one whose lead goes on in small letters (a list cut by the break)."""
    page1 = draw([HEAD7, NUMS, ["1", "Tổ chức thông tin, tuyên truyền", "Phương án tuyên truyền trên địa bàn tỉnh",
                                "Sở Nội vụ", "Các sở, ban, ngành", "Quý I/2026", ""]], page=1, closed_bottom=False)
    for cell in page1.cells:
        cell.source = "ocr"
    new = draw([HEAD7, NUMS, ["", "", "Các tin, bài, phóng sự trên báo, đài", "Báo và Đài Phát thanh",
                              "Sở Nội vụ", "Thường xuyên", ""]], page=2)
    for cell in new.cells:
        cell.source = "ocr"
    rows = assemble([page1, new]).rows
    assert fields(rows, "stt", "task", "product", "lead_text", "timeline_text") == [
        ("1", "Tổ chức thông tin, tuyên truyền", "Phương án tuyên truyền trên địa bàn tỉnh", "Sở Nội vụ", "Quý I/2026"),
        ("1", "Tổ chức thông tin, tuyên truyền", "Các tin, bài, phóng sự trên báo, đài", "Báo và Đài Phát thanh",
         "Thường xuyên")]
    rest = draw([HEAD7, NUMS, ["", "", "Ninh Bình và các huyện", "", "", "", ""]], page=2)
    assert len(assemble([page1, rest]).rows) == 1
    listed = draw([HEAD7, NUMS, ["", "", "Các tin, bài", "và UBND các huyện", "", "Thường xuyên", ""]], page=2)
    assert len(assemble([page1, listed]).rows) == 1


def _item_cut_by_a_break(task_above: str, task_below: str, closed_bottom: bool = True) -> list:
    """Item 1 of an 8-column plan cut by a page break: its objective "… Đến năm" / "2030
    tiếp tục …", its task `task_above` / `task_below`, a new activity row below naming
    its own lead and time."""
    head = ["Stt", "Mục tiêu", "Nhiệm vụ", "Hoạt động", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
            "Thời gian thực hiện"]
    page1 = draw([head, ["1", "Đến năm 2025 giảm tối thiểu 10% số lượng đơn vị sự nghiệp. Đến năm", task_above,
                         "- Thực hiện sắp xếp, kiện toàn các đơn vị", "Quyết định của cơ quan có thẩm quyền",
                         "Sở, ban, ngành", "Sở Nội vụ", "Giai đoạn 2021-2025"]], page=1, closed_bottom=closed_bottom)
    page2 = draw([head, ["", "2030 tiếp tục giảm tối thiểu 10% biên chế sự nghiệp.", task_below,
                         "- Nghiên cứu phương án sáp nhập", "Phương án được cấp có thẩm quyền ban hành",
                         "Sở Tài nguyên và Môi trường", "Sở Nội vụ", "Sau khi có hướng dẫn của Bộ"]], page=2)
    return [page1, page2]


_OBJECTIVE_CUT = "Đến năm 2025 giảm tối thiểu 10% số lượng đơn vị sự nghiệp. Đến năm 2030 tiếp tục giảm tối " \
                 "thiểu 10% biên chế sự nghiệp."


@pytest.mark.parametrize("closed_bottom", [True, False])
def test_a_break_an_objective_going_on_with_a_year_goes_on_with_its_task(closed_bottom):
    """Below a break a new activity row of the item: its objective goes on with a year
    ("… Đến năm" / "2030 tiếp tục …", a figure the language model cannot read on from
    words) and its task in small letters, reading on ("… kiện toàn đơn" / "vị sự nghiệp
    …"). The task's cell lies inside the objective's: both go on, one item. The same
    below a break that closes nothing (a word processor's relayout draws no rule under a
    row split across pages), where the row naming its own lead and time is new but its
    item cells, going on in their text, are the same: not two objectives each half the
    text."""
    pages = _item_cut_by_a_break("1.1. Kiện toàn lại các đơn vị sự nghiệp, phê duyệt Đề án tổng thể kiện toàn đơn",
                                 "vị sự nghiệp công lập trên địa bàn tỉnh", closed_bottom)
    rows = assemble(pages).rows
    task = "1.1. Kiện toàn lại các đơn vị sự nghiệp, phê duyệt Đề án tổng thể kiện toàn đơn vị sự nghiệp " \
           "công lập trên địa bàn tỉnh"
    assert fields(rows, "stt", "objective", "task", "activity") == [
        ("1", _OBJECTIVE_CUT, task, "- Thực hiện sắp xếp, kiện toàn các đơn vị"),
        ("1", _OBJECTIVE_CUT, task, "- Nghiên cứu phương án sáp nhập")]


def test_closed_break_a_task_going_on_in_small_letters_keeps_an_objective_opening_with_a_year():
    """The objective below the break opens with a year ("2030 tiếp tục …": no letter to
    tell a new cell by) and the task goes on in small letters, though the model does not
    read it on from the words above ("… ngày 29/11/2018" / "kiện toàn …"): the task goes
    on, and the objective its cell lies in with it: one item, not two."""
    pages = _item_cut_by_a_break("1.1. Kiện toàn lại các đơn vị theo Quyết định số 1584/QĐ-UBND ngày 29/11/2018",
                                 "kiện toàn đơn vị sự nghiệp công lập trên địa bàn tỉnh")
    rows = assemble(pages).rows
    assert [r.stt for r in rows] == ["1", "1"] and rows[0].objective == rows[1].objective == _OBJECTIVE_CUT
    assert rows[0].task == rows[1].task and rows[1].task.endswith("29/11/2018 kiện toàn đơn vị sự nghiệp công lập "
                                                                  "trên địa bàn tỉnh")
    # an objective opening with a capital below the break is a new one, whatever the task says
    page2 = pages[1]
    page2.cells[next(k for k, c in enumerate(page2.cells) if c.text.startswith("2030"))].text = "Tiếp tục giảm 10%."
    rows = assemble(pages).rows
    assert rows[1].objective == "Tiếp tục giảm 10%."


def test_closed_break_an_objective_going_on_with_a_name_is_the_same_objective():
    """A new activity row of an item starts the page below a closed break; the item's
    objective and task, merged cells cut by the break, go on at its top: the task in
    small letters, the objective with "Trung ương." (a name's capital). The language
    model reads "… quy định mới của Trung ương" as one phrase: the objective goes on, and
    the item is the same, not a new one numbered nothing."""
    head = ["Stt", "Mục tiêu", "Nhiệm vụ", "Hoạt động", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
            "Thời gian thực hiện"]
    page1 = draw([head, ["2", "Đến năm 2025, cán bộ được chuẩn hóa theo yêu cầu và quy định mới của",
                         "Tăng cường đào tạo, trong đó chú trọng đào tạo,", "Xây dựng Kế hoạch đào tạo",
                         "Kế hoạch của UBND tỉnh", "Sở Nội vụ", "Các sở", "Năm 2021"]], page=1)
    page2 = draw([head, ["", "Trung ương.", "bồi dưỡng lại cho đội ngũ cán bộ cấp xã",
                         "Tổ chức đào tạo, bồi dưỡng theo kế hoạch", "Báo cáo của Sở Nội vụ", "Sở Nội vụ", "Các sở",
                         "Hàng năm"]], page=2)
    rows = assemble([page1, page2]).rows
    objective = "Đến năm 2025, cán bộ được chuẩn hóa theo yêu cầu và quy định mới của Trung ương."
    task = "Tăng cường đào tạo, trong đó chú trọng đào tạo, bồi dưỡng lại cho đội ngũ cán bộ cấp xã"
    assert fields(rows, "stt", "objective", "task", "activity") == [
        ("2", objective, task, "Xây dựng Kế hoạch đào tạo"),
        ("2", objective, task, "Tổ chức đào tạo, bồi dưỡng theo kế hoạch")]


def test_closed_break_two_amounts_in_one_column_are_two_rows():
    """An item's activity merged over its three products, cut by a closed page break
    mid-phrase ("… hàng" / "năm"); below the break a product of its own and an amount of
    its own in the budget column (which maps to no field). The activity reads on, but a
    figure alone on both sides of the break ("442" / "479") is two cells: a new row of
    the item, its activity (the merged cell the break cut) whole in both rows."""
    head = ["Stt", "Nội dung nhiệm vụ", "Hoạt động", "Kết quả/Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
            "Thời gian hoàn thành", "Kinh phí (triệu đồng)"]
    nums = ["1", "2", "3", "4", "5", "6", "7", "8"]
    page1 = draw([head, nums, ["1", "1.8. Tăng cường công tác kiểm tra, giám sát",
                               "Xây dựng và tổ chức thực hiện Kế hoạch kiểm tra CCHC hàng",
                               "Kế hoạch kiểm tra CCHC hàng năm của Sở Nội vụ", "Sở Nội vụ", "Các sở, ban, ngành",
                               "Hàng năm", "442"]], page=1)

    def page2(amount: str):
        return draw([head, nums, ["", "việc thực hiện công tác cải cách hành chính", "năm",
                                  "Quyết định của Sở Nội vụ về thành lập Đoàn kiểm tra", "", "", "", amount]], page=2)

    rows = assemble([page1, page2("479")]).rows
    activity = "Xây dựng và tổ chức thực hiện Kế hoạch kiểm tra CCHC hàng năm"
    task = "1.8. Tăng cường công tác kiểm tra, giám sát việc thực hiện công tác cải cách hành chính"
    assert fields(rows, "stt", "task", "activity", "product", "lead_text", "timeline_text") == [
        ("1", task, activity, "Kế hoạch kiểm tra CCHC hàng năm của Sở Nội vụ", "Sở Nội vụ", "Hàng năm"),
        ("1", task, activity, "Quyết định của Sở Nội vụ về thành lập Đoàn kiểm tra", "Sở Nội vụ", "Hàng năm")]
    # no amount below the break: the activity reading on joins the row, as before
    assert len(assemble([page1, page2("")]).rows) == 1
    # an amount in a cell reaching below the top row (the rule under it hidden by a seal):
    # it may be the next row's, and says nothing
    sealed = draw([head, nums, ["", "việc thực hiện công tác cải cách hành chính", "năm", "", "", "", "", "479"],
                   ["", "^", "^", "Thông báo kết luận kiểm tra", "^", "^", "^", "^"]], page=2)
    assert fields(assemble([page1, sealed]).rows, "product") == [
        ("Kế hoạch kiểm tra CCHC hàng năm của Sở Nội vụ",), ("Thông báo kết luận kiểm tra",)]
