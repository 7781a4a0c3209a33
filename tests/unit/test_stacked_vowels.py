"""normalizers.stacked_vowels: a word in capitals OCR cut where a vowel under stacked marks stood."""
import pytest

from normalizers.repair import correct_ocr_text
from normalizers.stacked_vowels import mend_stacked_vowels
from normalizers.symbol_letters import fix_backslashes


@pytest.mark.parametrize("read, meant", [
    ("XÂY DỰNG CHÍNH PHỦ ĐI 1N TỬ", "XÂY DỰNG CHÍNH PHỦ ĐIỆN TỬ"),
    ("CẢI CÁCH H, \\NH CHÍNH", "CẢI CÁCH HÀNH CHÍNH"), ("CÔNG TÁC CHỈ ĐẠO, ĐIÍ U HÀNH", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
    # the vowel read as a small vowel with other marks glued to the piece after it
    ("XÂY DỰNG CHÍNH PHỦ ĐI ìN TỬ, CHÍNH PHỦ SỐ", "XÂY DỰNG CHÍNH PHỦ ĐIỆN TỬ, CHÍNH PHỦ SỐ"),
    # a backslash, with or without a space, even between two single letters
    ("CÔNG TÁC CHỈ Đ\\O, ĐIỀU HÀNH", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
    ("CÔNG TÁC CHỈ Đ.\\O, ĐIỀU HÀNH", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),   # the dot below read too
    ("chỉ số cải cách hành chính (P.\\R INDEX)", "chỉ số cải cách hành chính (PAR INDEX)"),   # an acronym's A
    ("CÔNG TÁC CHỈ Đ \\O, ĐIỀU HÀNH", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
    ("các chiến trường B, C trước", "các chiến trường B, C trước"), ("BỘ, NGÀNH", "BỘ, NGÀNH"),
    ("QUÝ I, II", "QUÝ I, II"), ("HĐND, UBND tỉnh", "HĐND, UBND tỉnh"), ("UBND ìN", "UBND ìN"),
    ("các sở ban ngành", "các sở ban ngành"), ("ĐI ìn", "ĐI ìn"), ("Đ, O", "Đ, O"),
    ("ĐỘ SÂU TỪ 0M ĐẾN 2M", "ĐỘ SÂU TỪ 0M ĐẾN 2M"),     # a length: the figure read is scored as one
    ("ĐÈ ÁN ĐÈ NGHỊ", "ĐÈ ÁN ĐÈ NGHỊ"),                # two syllables a space apart are two words
])
def test_a_word_in_capitals_cut_where_ocr_read_a_stacked_vowel_as_junk_is_made_whole(model, read, meant):
    # single letters, acronyms, words in small letters and words that make no syllable
    # with a vowel between them stay
    assert mend_stacked_vowels(read, model) == meant


def test_a_backslash_in_capitals_is_left_for_the_stacked_vowel_and_an_i_stroke_elsewhere():
    assert fix_backslashes("CHỈ Đ\\O, ĐIỀU; H, \\NH") == "CHỈ Đ\\O, ĐIỀU; H, \\NH"
    assert fix_backslashes("Sau kh\\ có") == "Sau khi có"     # in small letters: the stroke of an i


def test_the_correction_makes_a_title_whole_through_every_step(model):
    got = correct_ocr_text(["CÔNG TÁC CHỈ Đ\\O, ĐIỀU HÀNH", "XÂY DỰNG CHÍNH PHỦ ĐI ìN TỬ, CHÍNH PHỦ SỐ"], model)
    assert [c.text for c in got] == ["CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "XÂY DỰNG CHÍNH PHỦ ĐIỆN TỬ, CHÍNH PHỦ SỐ"]
