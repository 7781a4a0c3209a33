"""An agency or time cell a copy garbled, put back as its column's repeated text
(`normalizers.column_forms`)."""
from normalizers.column_forms import agree_cells, agree_cells_by_column

XA = "Các sở, ban, ngành; UBND cấp xã"
VP = "Văn phòng UBND tỉnh"


def test_a_garbled_copy_of_a_text_the_column_writes_again_and_again_is_that_text(model):
    column = [XA, VP, XA, "Sở Nội vụ", XA, VP, "Các sở, ban, ngành; BXU cấp xã", VP, "Văn phòng LPXU tỉnh"]
    assert agree_cells(column, model)[6:] == [XA, VP, VP]
    times = ["Thường xuyên", "Quý I/2026", "Thường xuyên", "Hướng Xuyên", "Thường xuyên", "Thường. Xuyên"]
    assert agree_cells(times, model) == ["Thường xuyên", "Quý I/2026", "Thường xuyên", "Thường xuyên",
                                         "Thường xuyên", "Thường xuyên"]


def test_another_agency_another_time_and_the_rows_own_list_marks_stay(model):
    column = [VP, "Sở Nội vụ", VP, "Sở Nội vụ", VP, "Văn phòng HĐND tỉnh", "Sở Tư pháp"]
    assert agree_cells(column, model) == column                     # known names: no misread
    times = ["Quý I/2026", "Quý III/2026", "Quý I/2026", "Quý II/2026", "Quý I/2026", "Quý I/2027"]
    assert agree_cells(times, model) == times                        # other numerals, other figures
    # a comma where the form writes a semicolon is the row's own; a colon is a misread one
    column = [XA, VP, XA, VP, XA, "Các sở, ban, ngành, BXU cấp xã", "Các sở, ban, ngành: BXU cấp xã"]
    assert agree_cells(column, model)[5:] == ["Các sở, ban, ngành, UBND cấp xã", XA]


def test_a_merged_cell_over_many_rows_is_written_once(model):
    # one cell merged over four rows is one copy: no form of the column, nothing changes
    column = [VP, VP, VP, VP, "Văn phòng LPXU tỉnh"]
    assert agree_cells(column, model) == column
    # only the agency and time columns: a task is no list of repeated texts
    columns = ["task", "lead_text"] * 6
    texts = ["Tổ chức thực hiện", VP, "Rà soát", "Sở Nội vụ", "Tổ chức thực hiện", VP, "Rà soát", "Sở Nội vụ",
             "Tổ chức thực hiện", VP, "Tổ chức thực hiên", "Văn phòng LPXU tỉnh"]
    assert agree_cells_by_column(columns, texts, model)[10:] == ["Tổ chức thực hiên", VP]
