"""A section's item numbers fitted to the one sequence they can be (extractors.item_sequence)."""
from extractors.item_sequence import fitted_sequence
from extractors.numbering import repair_item_numbers
from schemas.records import PlanRow


def test_two_misread_numbers_side_by_side_are_set_from_the_section():
    # a flat-topped "3" and a "4" read "5": each misread number's neighbour is misread too
    assert fitted_sequence([1, 2, 5, 5, 5, 6, 7]) == [1, 2, 3, 4, 5, 6, 7]
    assert fitted_sequence([1, 2, 5, 5, 5]) == [1, 2, 3, 4, 5]
    # an item number skipped across an unnumbered item, numbers repeated over a page break
    assert fitted_sequence([1, 1, None, None, 3, 4, 8, 6]) == [1, 1, None, None, 3, 4, 5, 6]


def test_another_reading_of_a_cell_vouches_for_half_a_change():
    """M+ 1 Light at 200 dpi: its flagged "1" read "3" by every mode, its flat-topped "3"
    read "5" by one mode and "3" by another. Two changes of four are too many on their
    own; with the other reading's half, 1, 2, 3, 4 is the one sequence."""
    read = [3, 2, 5, 4]
    assert fitted_sequence(read) is None
    assert fitted_sequence(read, alternatives=[set(), set(), {3}, set()]) == [1, 2, 3, 4]
    assert fitted_sequence(read, alternatives=[set(), set(), {7}, set()]) is None  # no help
    # through the repair: the neighbour rules alone set "2" between "3" and "5" to "4"
    class Cell:
        def __init__(self, *alternatives):
            self.alternatives = alternatives
    rows = [PlanRow(section_no="VI", stt=s) for s in ("3", "2", "5", "4")]
    repair_item_numbers(rows, [Cell(), Cell(), Cell("3"), Cell()], set(range(4)))
    assert [r.stt for r in rows] == ["1", "2", "3", "4"] and rows[0].raw == {"stt": "3"}


def test_a_one_the_numbers_after_it_do_not_count_on_from_is_a_misread_number():
    """Manrope at 200 dpi: items 2, 3 and 4 of a section read "", "5" and "1". A 1 after
    a larger number is a list restarting only when a 1 or a 2 follows it (or nothing):
    here "5", "6", … go on from the 5, and the section fits 1 to 10 changing two numbers."""
    read = [1, None, 5, 1, 5, 6, 7, 8, 9, 10]
    assert fitted_sequence(read) == [1, None, 3, 4, 5, 6, 7, 8, 9, 10]
    assert fitted_sequence([1, 2, 3, 4, 1]) is None  # a last 1: a sub-list of one, or a misread: left
    # Noto Serif Display's sealed copy: items 5 and 6 read "1", "1" (the 5 a bent stroke,
    # the 6 under the seal); the count goes on at 8, so no list restarts there
    read = [1, 1, None, None, 3, 4, 4, 1, 1, None, None, None, None, 8, 9, 10]
    assert fitted_sequence(read) == [1, 1, None, None, 3, 4, 4, 5, 6, None, None, None, None, 8, 9, 10]
    assert fitted_sequence([1, 2, 3, 4, 1, 1, 2, 3]) is None   # an item of two rows opening a new list
    assert fitted_sequence([1, 2, 3, 4, 1, 1]) is None


def test_of_sequences_changing_as_many_the_one_whose_blanks_hold_fewest_numbers_is_taken():
    """Item 2's two rows each read a blank Stt: 1, -, -, 3, 4 (two changes, the blanks one
    item) is taken over 1, -, -, 4, 4 and 1, -, -, 4, 5 (as many changes, the blanks two
    unnumbered items); with no blank between, two sequences as good still leave it."""
    assert fitted_sequence([1, None, None, 5, 1, 5, 6, 7]) == [1, None, None, 3, 4, 5, 6, 7]
    assert fitted_sequence([1, 2, 5, 3, 4]) is None


def test_an_unsettled_or_consistent_section_is_left():
    assert fitted_sequence([1, 2, 3, 3, 4]) is None               # nothing to change
    assert fitted_sequence([1, 2, 5, 3, 4]) is None               # "5" → 2 or 3: two sequences as good
    assert fitted_sequence([5, 5, 5, 6]) is None                  # three of four changed: no evidence
    assert fitted_sequence([1, 2, 3, 1, 2, 3, 4, 5]) is None      # a list restarting at 1
    assert fitted_sequence([1, 5]) is None                        # too few numbers
    assert fitted_sequence([1, 2, 5, 5, 5, 6], fixed=[False, False, True, False, False, False]) is None


def test_a_fitted_section_takes_the_style_most_of_its_numbers_have_and_raw_keeps_the_reading():
    rows = [PlanRow(section_no="III", stt=s) for s in ("1.", "2.", "5", "5.", "5.", "6.")]
    repair_item_numbers(rows, [object() for _ in rows], set(range(len(rows))))
    assert [r.stt for r in rows] == ["1.", "2.", "3.", "4.", "5.", "6."]
    assert rows[2].raw == {"stt": "5"} and rows[4].raw is None
    rows = [PlanRow(section_no="IV", stt=s) for s in ("4", "2.", "3", "4")]  # the period of "2." a speck
    repair_item_numbers(rows, [object() for _ in rows], set(range(len(rows))))
    assert [r.stt for r in rows] == ["1", "2", "3", "4"]
    # the numbers the fit keeps vote: the misread "5" and the "1" over four rows do not
    rows = [PlanRow(section_no="VI", stt=s) for s in ("1", "1", "1", "1", "5", "3.", "4.", "4.")]
    repair_item_numbers(rows, [object()] * 4 + [object() for _ in rows[4:6]] + [object()] * 2,
                        set(range(len(rows))))
    assert [r.stt for r in rows] == ["1.", "1.", "1.", "1.", "2.", "3.", "4.", "4."]
    rows = [PlanRow(section_no="VI", stt=s) for s in ("1.", "2", "8", "4", "5.")]  # kept tie: all vote
    repair_item_numbers(rows, [object() for _ in rows], set(range(len(rows))))
    assert [r.stt for r in rows] == ["1", "2", "3", "4", "5"]
    printed = [PlanRow(section_no="III", stt=s) for s in ("1", "2", "5", "5", "5", "6")]
    repair_item_numbers(printed, [object() for _ in printed], set())  # a text layer: as printed
    assert [r.stt for r in printed] == ["1", "2", "5", "5", "5", "6"]


def test_a_section_read_right_in_two_styles_takes_the_one_most_items_have():
    # a sealed copy's specks read as periods after three numbers of a section numbered "5", "6" …
    read = ("1.", "1.", "", "3.", "4.", "5", "6", "7", "8", "9", "10")
    rows = [PlanRow(section_no="II", stt=s) for s in read]
    repair_item_numbers(rows, [object() for _ in rows], set(range(len(rows))))
    assert [r.stt for r in rows] == ["1", "1", "", "3", "4", "5", "6", "7", "8", "9", "10"]
    assert rows[3].raw == {"stt": "3."}
    tie = [PlanRow(section_no="II", stt=s) for s in ("1.", "2.", "3", "4")]
    repair_item_numbers(tie, [object() for _ in tie], set(range(len(tie))))
    assert [r.stt for r in tie] == ["1.", "2.", "3", "4"]
