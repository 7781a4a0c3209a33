"""Section and item numbers: OCR'd item numbers set from their sequence, gaps in a table's numbering."""
from extractors.numbering import numbering_gaps, repair_item_numbers


def test_ocr_item_numbers_out_of_sequence_are_set_from_their_neighbours():
    from schemas.records import PlanRow

    def rows(*stts, section="I"):
        return [PlanRow(section_no=section, stt=s) for s in stts]

    got = rows("10", "1", "12", "2", "3.", "")
    cells = [object() for _ in got]
    repair_item_numbers(got, cells, set(range(len(got))))
    assert [r.stt for r in got] == ["10", "11", "12", "2", "3.", ""]  # 2 / 3. disagree in form: left
    assert got[1].raw == {"stt": "1"}
    got = rows("1.", "2", "3.", "", "5.")
    repair_item_numbers(got, [object() for _ in got], set(range(len(got))))
    assert [r.stt for r in got] == ["1.", "2.", "3.", "", "5."]  # a blank Stt is not a misread
    got = rows("9", "10") + rows("", "2", "3", section="II")  # … but for a section's first item before a "2"
    repair_item_numbers(got, [object() for _ in got], set(range(len(got))))
    assert [r.stt for r in got] == ["9", "10", "1", "2", "3"] and got[2].raw == {"stt": ""}
    got = rows("9") + rows("", "", "", "3.", "4.", section="II")  # blank items opening a section, the
    cells = [object() for _ in got]  # first two sharing one merged Stt cell: the "3." after them counts them
    cells[2] = cells[1]
    repair_item_numbers(got, cells, set(range(len(got))))
    assert [r.stt for r in got] == ["9", "1.", "1.", "2.", "3.", "4."]
    got = rows("", "", "2", "3", section="II")  # three blanks, or two, the count does not fit: left
    repair_item_numbers(got, [object() for _ in got], set(range(len(got))))
    assert [r.stt for r in got] == ["", "", "2", "3"]
    got = rows("1", "", "", "4", section="II")  # not opening the section: left (a blank Stt is not a misread)
    repair_item_numbers(got, [object() for _ in got], set(range(len(got))))
    assert [r.stt for r in got] == ["1", "", "", "4"]
    got = rows("1", "5", "3")
    repair_item_numbers(got, [object() for _ in got], set())  # text layer: as printed
    assert [r.stt for r in got] == ["1", "5", "3"]
    got = rows("1", "5") + rows("3", section="II")
    repair_item_numbers(got, [object() for _ in got], {0, 1, 2})  # neighbours in another section
    assert [r.stt for r in got] == ["1", "5", "3"]
    got = rows("9", "10", "1") + rows("1", section="II")  # the last item of a section: one stroke lost
    repair_item_numbers(got, [object() for _ in got], set(range(len(got))))
    assert [r.stt for r in got] == ["9", "10", "11", "1"]
    got = rows("1:", "3", "3.") + rows("1,", "2.", section="II")  # a period read as a mark
    repair_item_numbers(got, [object() for _ in got], set(range(len(got))))
    assert [r.stt for r in got] == ["1.", "2.", "3.", "1.", "2."] and got[0].raw == {"stt": "1:"}
    got = rows("1", "2", "8") + rows("1", section="II")  # the last item: "3" read "8", the strokes it shares
    repair_item_numbers(got, [object() for _ in got], set(range(len(got))))
    assert [r.stt for r in got] == ["1", "2", "3", "1"] and got[2].raw == {"stt": "8"}
    got = rows("1.", "2.", "8", "1", "1") + rows("1.", section="II")  # "3.", "4." read without their
    cells = [object() for _ in got]                 # periods, "3" as "8", "4" (two rows, one cell) as "1"
    cells[4] = cells[3]
    repair_item_numbers(got, cells, set(range(len(got))))
    assert [r.stt for r in got] == ["1.", "2.", "3.", "4.", "4.", "1."]
    got = rows("1", "2", "5")  # a flat-topped "3" read "5"
    repair_item_numbers(got, [object() for _ in got], set(range(len(got))))
    assert [r.stt for r in got] == ["1", "2", "3"]
    got = rows("1", "2", "7")  # "7" and "3" share no strokes OCR confuses: left as read
    repair_item_numbers(got, [object() for _ in got], set(range(len(got))))
    assert [r.stt for r in got] == ["1", "2", "7"]
    got = rows("9") + rows('"4', '"4', section="II") + rows("*4", "", "5", "4", section="III") \
        + rows("4", section="IV")  # a "1" whose flag was read as a mark, and as "4"; a "3" read "5"
    cells = [object() for _ in got]
    cells[2] = cells[1]
    repair_item_numbers(got, cells, set(range(len(got))))
    assert [r.stt for r in got] == ["9", "1", "1", "1", "", "3", "4", "1"]
    assert got[1].raw == {"stt": '"4'} and got[7].raw == {"stt": "4"}
    got = rows("9") + rows("1", "2.", "3.", section="II") + rows("1", "5", section="III")
    repair_item_numbers(got, [object() for _ in got], set(range(len(got))))  # a first item read 1 stays 1
    assert [r.stt for r in got] == ["9", "1.", "2.", "3.", "1", "5"]          # (its period may come back)
    got = rows("9", "10", "4")  # not a lost stroke, one neighbour only: left as read
    repair_item_numbers(got, [object() for _ in got], set(range(len(got))))
    assert [r.stt for r in got] == ["9", "10", "4"]
    got = rows("II") + rows("3", "2.", "3.", section="III")  # a section's first item opens its sequence
    repair_item_numbers(got, [object() for _ in got], set(range(len(got))))
    assert [r.stt for r in got] == ["II", "1.", "2.", "3."]
    got = rows("II") + rows("3", "3", "2.", "1", "4.", section="III")  # the 1 set first, then the 3 it explains
    repair_item_numbers(got, [object(), shared := object(), shared, object(), object(), object()], set(range(len(got))))
    assert [r.stt for r in got] == ["II", "1.", "1.", "2.", "3.", "4."]
    assert got[1].raw == {"stt": "3"} and got[4].raw == {"stt": "1"}
    got = rows("1.", "2.") + rows("HỆ)", "đi", section="II")  # letters made of "1.", "2.": the sequence says
    repair_item_numbers(got, [object() for _ in got], set(range(len(got))))
    assert [r.stt for r in got] == ["1.", "2.", "1.", "2."] and got[2].raw == {"stt": "HỆ)"}
    got = rows("5", "6", "", "", "ĩ") + rows("1", section="II")  # a section's last item read as a letter,
    repair_item_numbers(got, [object() for _ in got], set(range(len(got))))  # past its unnumbered rows
    assert [r.stt for r in got] == ["5", "6", "", "", "7", "1"] and got[4].raw == {"stt": "ĩ"}
    got = rows("5", "", "ĩ", "9")  # the number after it does not follow the one before: left
    repair_item_numbers(got, [object() for _ in got], set(range(len(got))))
    assert [r.stt for r in got] == ["5", "", "ĩ", "9"]
    got = rows("1.", "a)", "b)", "-", "2.")  # lettered sub-items and bullets are no misread numbers
    repair_item_numbers(got, [object() for _ in got], set(range(len(got))))
    assert [r.stt for r in got] == ["1.", "a)", "b)", "-", "2."]
    got = rows("4", "2.", "4.")  # the two after it do not follow each other: left as read
    repair_item_numbers(got, [object() for _ in got], set(range(len(got))))
    assert [r.stt for r in got] == ["4", "2.", "4."]
    class Read:  # a numbering cell with the other readings of its crop
        def __init__(self, *alternatives):
            self.alternatives = list(alternatives)

    got = rows("9", "10", "3") + rows("1", section="II")  # the last item: "11" read "3", its stacked reading "11"
    repair_item_numbers(got, [Read(), Read(), Read("11"), Read()], set(range(len(got))))
    assert [r.stt for r in got] == ["9", "10", "11", "1"]
    got = rows("4", "5", "1") + rows("1", section="II")  # the last item: "6" read "1", first read "ó"
    repair_item_numbers(got, [Read(), Read(), Read("ó"), Read()], set(range(len(got))))
    assert [r.stt for r in got] == ["4", "5", "6", "1"]
    got = rows("5") + rows("3", "3", "8:", "4.", section="VI")  # "1.", "2." read "3": the first's other reading "1."
    repair_item_numbers(got, [Read(), Read("1."), Read("L3"), Read("3."), Read()], set(range(len(got))))
    assert [r.stt for r in got] == ["5", "1.", "2.", "3.", "4."]
    got = rows("9", "10", "3")  # no other reading says so: left as read
    repair_item_numbers(got, [Read(), Read(), Read("7")], set(range(len(got))))
    assert [r.stt for r in got] == ["9", "10", "3"]
    got = rows("1", "7", "7", "3")
    shared = object()
    repair_item_numbers(got, [object(), shared, shared, object()], {0, 1, 2, 3})  # one merged item
    assert [r.stt for r in got] == ["1", "2", "2", "3"]


def _rows(*items):
    """Plan rows from (section, stt) pairs."""
    from schemas.records import PlanRow

    return [PlanRow(section_no=section, section_title=f"Phần {section}" if section else "", stt=stt, page_first=1)
            for section, stt in items]


def test_reference_truths_have_no_numbering_gap(truths):
    from schemas.records import ROW_FIELDS, PlanRow

    for plan, truth in truths.items():
        rows = [PlanRow(**{k: r.get(k) or "" for k in ROW_FIELDS}, page_first=1) for r in truth]
        assert numbering_gaps(rows) == [], plan


def test_numbering_gaps_name_what_is_missing():
    gaps = [m for _, m in numbering_gaps(_rows(("I", "1"), ("I", "2"), ("II", "1"), ("II", "2"), ("II", "3"),
                                               ("II", "5"), ("III", "1"), ("V", "1")))]
    assert gaps == ["page 1: section III is followed by section V: the sections between are missing",
                    "page 1: section II: item 3 is followed by item 5: the items between are missing"]
    gaps = [m for _, m in numbering_gaps(_rows(("II", "4"), ("II", "5"), ("III", "1")))]
    assert gaps == ["page 1: the plan table's first numbered section is II: the sections before it are missing",
                    "page 1: section II starts at item 4: the items before it are missing"]


def test_a_sentence_in_the_item_number_column_is_a_number_lost():
    """A copy that lost the rule between the item number and the objective reads the two
    as one cell: the row is there, its number is not, and the document must say so."""
    gaps = [m for _, m in numbering_gaps(_rows(("I", "1"), ("I", "Đến năm 2025 hoàn thiện hệ thống"),
                                               ("I", "3"), ("I", "a)"), ("I", "- Kiểm tra")))]
    assert len(gaps) == 1 and "the item number cell reads \"Đến năm 2025" in gaps[0] and "number is lost" in gaps[0]


def test_two_item_numbers_in_one_cell_are_rows_lost():
    """A sealed copy lost the row rule between items 2 and 3: one merged Stt cell reads
    "2 3" over rows that hold both items' text, fewer rows than the plan has. The
    document must say so (it read as `ok` with a row lost); the check goes on from 3."""
    gaps = [m for _, m in numbering_gaps(_rows(("I", "1"), ("I", "2 3"), ("I", "2 3"), ("I", "4"), ("I", "5")))]
    assert gaps == ["page 1: section I: the item number cell reads \"2 3\": the rows of 2 items were read as one, "
                    "rows are lost"]
    assert len(numbering_gaps(_rows(("I", "1"), ("I", "2. 3."), ("I", "5.")))) == 2  # and 4 missing after it


def test_numbering_restarts_merged_rows_and_blank_stt_are_no_gap():
    assert numbering_gaps(_rows(("I", ""), ("I", ""), ("II", "1"), ("II", "1"), ("II", ""), ("II", "3"),
                                ("II", "4."), ("III", "1"), ("III", "1.1"), ("III", "1.2"), ("III", "2"),
                                ("III", "1"), ("IV", "1"), ("I", "1"), ("II", "1"))) == []  # a second series


def test_a_section_whose_row_was_not_read_is_put_back_from_the_numbers_around_it():
    from extractors.numbering import restore_lost_section

    rows = _rows(("V", "1"), ("V", "2"), ("V", "3"), ("V", "1."), ("V", "2."), ("VI", "1"), ("VI", "2"))
    # the section after V was read "VII" and given VI (the sequence), and V's items restart
    fixed, lost = restore_lost_section(rows, {"VI": "VII"})
    assert [r.section_no for r in fixed] == ["V", "V", "V", "VI", "VI", "VII", "VII"]
    assert fixed[3].section_title == "" and fixed[5].section_title == "Phần VI"
    assert len(lost) == 1 and "section VI was not read" in lost[0][1]
    # a restart alone (a list under a sub-heading), or a number read as given, changes nothing
    assert restore_lost_section(rows, {}) == (rows, [])
    assert restore_lost_section(rows, {"VI": "VI"}) == (rows, [])


def test_rows_before_the_first_section_row_are_a_section_row_not_read():
    rows = _rows(("", "1"), ("", "2"), ("I", "1"), ("II", "1"))
    assert [m for _, m in numbering_gaps(rows)] == [
        "page 1: 2 row(s) stand before the plan table's first section row: a section row was not read as one "
        "(the sections after it may be numbered one too low)"]
    assert numbering_gaps(_rows(("", "1"), ("", "2"), ("", "3"))) == []     # a plan without sections


def test_an_item_number_its_own_sub_items_contradict_is_set_from_them():
    """The last item of a section, "4." read "5" after "3.": its products number their
    sub-items "4.1.", "4.2.", so it is item 4. Products numbered "5.1." say item 5 (item 4
    lost): left as read, for the numbering check to report."""
    from schemas.records import PlanRow

    def rows(products):
        got = [PlanRow(section_no="VI", stt=s, product=p)
               for s, p in zip(("1.", "2.", "3.", "5", "5"), ("Văn bản", "Báo cáo", "Kế hoạch", *products))]
        cells = [object() for _ in got]
        cells[4] = cells[3]  # the item's two rows share its Stt cell
        repair_item_numbers(got, cells, set(range(len(got))))
        return [r.stt for r in got]

    assert rows(("4.1. Báo cáo thực hiện", "4.2. Các báo cáo kiểm tra")) == ["1.", "2.", "3.", "4.", "4."]
    assert rows(("5.1. Báo cáo thực hiện", "5.2. Các báo cáo kiểm tra")) == ["1.", "2.", "3.", "5", "5"]
    assert rows(("Báo cáo thực hiện", "Các báo cáo kiểm tra")) == ["1.", "2.", "3.", "5", "5"]
    # "1." before "2" (its period lost): the sub-items agree with the figure, and say
    # nothing of the period — "1." is not made "1" (the "2" takes its period, as before)
    got = [PlanRow(section_no="VI", stt=s, product=p) for s, p in (("1.", "1.1. Văn bản"), ("2", "Báo cáo"))]
    repair_item_numbers(got, [object() for _ in got], {0, 1})
    assert [r.stt for r in got] == ["1.", "2."]


def test_a_blank_item_whose_sub_items_are_numbered_after_the_number_left_for_it_takes_it():
    """A seal over item 7's Stt cell: its four rows read blank between "6" and "8", their
    tasks "7.1." … "7.4.": they are item 7. Sub-items under no numbered item (a section
    printing "1.1.", "1.2." with its Stt blank), or numbered after a number the neighbours
    leave no room for, stay blank."""
    from schemas.records import PlanRow

    def stt(sttes, tasks):
        got = [PlanRow(section_no="II", stt=s, task=t) for s, t in zip(sttes, tasks)]
        repair_item_numbers(got, [object() for _ in got], set(range(len(got))))
        return [r.stt for r in got]

    tasks = ("Triển khai", "Tăng cường", "7.1.Tổ chức đánh giá", "7.2. Đẩy mạnh", "7.3.Đẩy mạnh", "8. Cập nhật")
    assert stt(("5", "6", "", "", "", "8"), tasks) == ["5", "6", "7", "7", "7", "8"]
    assert stt(("5", "6", "", "", "", ""), tasks) == ["5", "6", "7", "7", "7", ""]   # the last: its "8." a task's own
    assert stt(("", "", ""), ("1.1. Nâng cao", "1.2. Kiểm tra", "1.3. Đổi mới")) == ["", "", ""]
    assert stt(("5", "6", "", "8"), ("Triển khai", "Tăng cường", "9.1. Tổ chức", "Cập nhật")) == ["5", "6", "", "8"]


def test_sub_item_numbers_a_figure_slip_changed_follow_their_item():
    """Vollkorn's old-style 3 read "5": under item 3 (after item 2), tasks read "5.1." and
    "5.2a." are "3.1." and "3.2a."; the reading stays in `raw`. A figure of another shape
    ("7.1." under 3), a text layer's text, and an item number out of its sequence (its
    sub-items may be the right ones) are left as read."""
    from extractors.numbering import repair_sub_numbers
    from schemas.records import PlanRow

    def item(stt, task, section="III"):
        return PlanRow(section_no=section, stt=stt, task=task, activity="- Rà soát")

    got = [item("2", "Tiếp tục"), item("3", "5.1.Tiếp tục đổi mới"), item("3", "5.2a.Tổ chức"), item("4", "7.1.Thu hút")]
    repair_sub_numbers(got, {0, 1, 2, 3})
    assert [r.task for r in got] == ["Tiếp tục", "3.1.Tiếp tục đổi mới", "3.2a.Tổ chức", "7.1.Thu hút"]
    assert got[1].raw == {"task": "5.1.Tiếp tục đổi mới"} and got[3].raw is None
    printed = [item("2", "Tiếp tục"), item("3", "5.1.Tiếp tục")]
    repair_sub_numbers(printed, set())
    assert printed[1].task == "5.1.Tiếp tục"
    alone = [item("2", "Tiếp tục"), item("8", "3.1.Tiếp tục"), item("4", "Thu hút")]  # 8 read for 3, left as read
    repair_sub_numbers(alone, {0, 1, 2})
    assert alone[1].task == "3.1.Tiếp tục"
