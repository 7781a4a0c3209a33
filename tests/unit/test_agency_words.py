"""A registered agency's last word a copy garbled in an agency cell, put back."""
from normalizers.agency_words import complete_name, complete_names_by_column, own_marks


def test_the_garbled_last_word_of_a_registered_name_is_put_back():
    """M+ 1 Medium copied at 240 dpi garbles the line "ngành;" of a narrow agency column; the
    words before it begin one registered name, and the cell goes on with another."""
    for read in ("Các sở, ban, xả, UBND cấp xã", "Các sở, ban, È xả, UBND cấp xã", "Các sở, ban, 9à UBND cấp xã",
                 "Các sở, ban, nàn UBND cấp xã", "Các sở, ban, 1 xả, UBND cấp xã"):
        assert complete_name(read) == "Các sở, ban, ngành, UBND cấp xã", read
    assert complete_name("Bưu điện tỉnh, các sở, ban, È xả: UBND cấp xã", {"ngành": ";"}) == \
        "Bưu điện tỉnh, các sở, ban, ngành; UBND cấp xã"
    assert complete_name("Các sở, ban, xả") == "Các sở, ban, ngành"
    assert complete_name("Sở Khoa xx và Công nghệ") == "Sở Khoa học và Công nghệ"


def test_words_a_name_writes_and_names_begun_two_ways_stay():
    """A word of a registered name is no garble; "Sở Tài" begins two names (Tài chính, Tài
    nguyên): nothing says which; a name that goes on with words of its own is left."""
    for kept in ("Sở Tài nguyên và Môi trường", "Sở Tài ngu yên và Môi trường", "Sở Tài xyz và Môi trường",
                 "Các sở, ban, ngành; UBND cấp xã", "Các sở, ban, ngành tỉnh", "Sở Nội vụ, Sở Tư pháp",
                 "Các sở, ban, đơn vị liên quan"):
        assert complete_name(kept) == kept


def test_the_document_marks_a_word_one_way_and_only_agency_cells_are_mended():
    cells = ["Báo và Đài tỉnh; các sở, ban, ngành; UBND cấp xã", "Các sở, ban, xử UBND cấp xã",
             "Các sở, ban, xử UBND cấp xã"]
    assert own_marks(cells)["ngành"] == ";"
    out = complete_names_by_column(["lead_text", "coord_text", "task"], cells)
    assert out == [cells[0], "Các sở, ban, ngành; UBND cấp xã", cells[2]]
