"""normalizers.document_phrases: a word's marks as the same document writes them between the same words."""
from normalizers.document_phrases import agree_punctuation, agree_with_document


def test_a_form_read_once_between_words_the_document_writes_with_another_form_takes_that_form():
    cells = ["thành phố đứng đầu cả nước, tỉnh đứng đầu cả vùng", "nằm trong nhóm đứng đầu cả nước",
             "top 12 tỉnh, thành phố đứng đâu cả nước"]
    assert agree_with_document(cells)[-1] == "top 12 tỉnh, thành phố đứng đầu cả nước"
    assert agree_with_document(["Đứng đầu cả nước", "x đứng đầu cả y", "TỈNH ĐỨNG ĐÂU CẢ NƯỚC"])[-1] == \
        "TỈNH ĐỨNG ĐẦU CẢ NƯỚC"                 # the case as read


def test_forms_written_twice_a_word_alone_and_another_tone_placement_stay():
    assert agree_with_document(["đứng đầu cả", "đứng đầu cả", "đứng đâu cả"]) == \
        ["đứng đầu cả", "đứng đầu cả", "đứng đâu cả"]        # one distinct cell: counted once
    two = ["a đứng đầu cả", "b đứng đầu cả", "c đứng đâu cả", "d đứng đâu cả"]
    assert agree_with_document(two) == two                      # the form read is written twice
    tones = ["số hóa dữ liệu 1", "số hóa dữ liệu 2", "số hoá dữ liệu"]
    assert agree_with_document(tones) == tones                  # hóa / hoá: one syllable
    assert agree_with_document(["đầu", "đầu", "đâu"]) == ["đầu", "đầu", "đâu"]


def test_a_period_read_between_two_words_the_document_writes_with_none_between_is_dropped():
    cells = ["chỉ số (PAR INDEX) tăng", "(PAR INDEX) duy trì", "chỉ số (PAR. INDEX) nằm trong top 12"]
    assert agree_punctuation(cells)[-1] == "chỉ số (PAR INDEX) nằm trong top 12"
    # other marks are left (plans write "tỉnh, thành phố" and "tỉnh thành phố"), and a
    # period the document writes there twice is its own
    kept = ["tỉnh thành phố", "các tỉnh thành phố", "tỉnh, thành phố", "năm. Tỉnh", "x năm. Tỉnh", "năm Tỉnh"]
    assert agree_punctuation(kept) == kept
