"""A garbled word of a title in capitals gets the syllables its title's words before it
continue with in the language model."""
import pytest

from normalizers.candidates import candidates
from normalizers.context_candidates import (
    context_ids, context_items, context_pairs, continuations, figures_as_letters, garbled_capitals, preceding,
)
from normalizers.repair import correct_ocr_text
from normalizers.tokens import Tok


def test_the_continuations_of_two_words_are_the_model_s_trigrams_after_them(model):
    ids, lps = continuations(model, (model.index["chức"], model.index["bộ"]))
    forms = {model.vocab[i]: lp for i, lp in zip(ids.tolist(), lps.tolist())}
    assert "máy" in forms and max(forms, key=forms.get) == "máy"
    assert all(lp <= 0 for lp in forms.values())


def _read(model, *words):
    return [(w, candidates(model, Tok(w, "word", 0, len(w)), ocr=False, tones=True)) for w in words]


def test_only_a_word_after_two_capital_words_gets_context(model):
    pairs = context_pairs(model, _read(model, "CHÚC", "BỘ"))       # each one's likeliest readings
    assert (model.index["chức"], model.index["bộ"]) in pairs and (model.index["chúc"], model.index["bộ"]) in pairs
    assert context_pairs(model, _read(model, "chức", "bộ")) == ()   # a sentence: an acronym is likelier
    assert context_pairs(model, _read(model, "BỘ")) == ()
    assert context_ids(model, ["CHỨC", "BỘ"]) == (model.index["chức"], model.index["bộ"])   # the words after, as read
    assert context_ids(model, ["chức", "bộ"]) == ()
    assert garbled_capitals(model, "WAN") and garbled_capitals(model, "HNH")
    assert not garbled_capitals(model, "MÁY") and not garbled_capitals(model, "ISO")   # a syllable; a word the model knows


def test_the_words_before_two_words_are_those_the_model_has_a_trigram_of(model):
    ids = preceding(model, (model.index["tác"], model.index["chỉ"]))
    assert "công" in {model.vocab[i] for i in ids.tolist()}
    assert "công" in {form for _, form in context_items(model, "CNG", (), (model.index["tác"], model.index["chỉ"])).values()}


def test_the_words_after_are_asked_only_where_the_words_before_give_nothing_near(model):
    ids = model.index
    both = context_items(model, "WAN", ((ids["chức"], ids["bộ"]),), (ids["hành"], ids["chính"]))
    assert "máy" in {form for _, form in both.values()} and "ban" not in {form for _, form in both.values()}
    after = context_items(model, "ĐO", ((ids["cách"], ids["che"]),), (ids["công"], ids["vụ"]), nearest=0)
    assert "độ" in {form for _, form in after.values()}


def test_figures_a_title_s_capitals_are_read_as_are_those_capitals():
    assert figures_as_letters("D10") == "DIO" and figures_as_letters("Đ0") == "ĐO"
    assert figures_as_letters("50") is None and figures_as_letters("A7") is None   # no capital; no look-alike
    assert figures_as_letters("xã5") is None and figures_as_letters("QĐ1234") is None


def test_the_continuations_within_two_letters_are_its_candidates(model):
    items = context_items(model, "WAN", ((model.index["chức"], model.index["bộ"]),))
    assert "máy" in {form for _, form in items.values()}
    assert all(cost < 0 for cost, _ in items.values())
    assert context_items(model, "WAN", ()) == {}


@pytest.mark.parametrize("read, meant", [
    ("CẢI CÁCH TỔ CHỨC BỘ WAN HÀNH CHÍNH", "CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH"),
    ("CẢI CÁCH TỔ CHÚC BỘ WẤY", "CẢI CÁCH TỔ CHỨC BỘ MÁY"),       # the word before misread too
    ("CÔNG TÍC CHỈ D10, ĐIỀU HÀNH", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
    ("CẢI CÁCH THỦ TỤC HNH CHÍNH (TTHC)", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH (TTHC)"),
    ("CNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),   # first: the words after it
    # capitals and figures read for letters: "D10" is ĐẠO two letters off, "Đ0" ĐỘ as its letters
    ("CÔNG TÁC CHỈ D10, ĐIỀU HÀNH", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"), ("CẢI CÁCH CHẾ Đ0 CÔNG VỤ", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ"),
    ("PHÁT TRIỂN MẠNG 5G VÀ 4G", "PHÁT TRIỂN MẠNG 5G VÀ 4G"),
    ("CAI CACH CHE Đ0 CÔNG VỤ", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ"),   # the words before give nothing: those after
    # not in a title, or a word the model knows: as read
    ("Triển khai mạng WAN của tỉnh", "Triển khai mạng WAN của tỉnh"),
    ("ÁP DỤNG HỆ THỐNG ISO", "ÁP DỤNG HỆ THỐNG ISO"),
    ("Rà soát, giải quyết TTHC đúng hạn", "Rà soát, giải quyết TTHC đúng hạn"),
])
def test_a_title_s_word_read_two_letters_off_is_the_syllable_its_title_wants(model, read, meant):
    assert correct_ocr_text([read], model)[0].text == meant
