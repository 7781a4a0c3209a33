from normalizers.ocr_channel import TONE_CHANGE_COST, tone_change_cost
from normalizers.syllables import nucleus


def test_nucleus_is_the_vowel_letters_without_the_tone():
    assert [nucleus(w) for w in ("Chỉ", "thể", "chuyển", "TỔ")] == ["i", "ê", "uyê", "ô"]


def test_a_hook_on_a_plain_i_costs_less_than_on_other_plain_vowels():
    # learned from the TUNE scans: "chi" read "chỉ" (the hook drawn onto the dot of the i)
    assert tone_change_cost("chi", "chỉ") < tone_change_cost("ca", "cả") <= TONE_CHANGE_COST
    # a nucleus without rows of its own falls back to its kind of vowel
    assert tone_change_cost("tổ", "tố") < 3.0
