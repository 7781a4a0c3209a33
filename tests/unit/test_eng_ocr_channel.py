"""The learned English-OCR channel's pieces (`bench.eng_ocr_channel`): training pages
and the observations read off aligned lines. No OCR is run here."""
from __future__ import annotations

from bench.eng_ocr_channel import MIN_COUNT, TRAIN_FONTS, observations, table, training_pages


def test_training_pages_take_the_fonts_in_turn_and_keep_the_text_in_order():
    paragraphs = [f"Ủy ban nhân dân tỉnh ban hành kế hoạch số {k} về cải cách hành chính" for k in range(400)]
    pages = list(training_pages(paragraphs, 2, seed=1))
    assert len(pages) == 2 and len(TRAIN_FONTS) > 2
    lines = [ln for _img, page_lines in pages for ln in page_lines]
    assert " ".join(lines).split() == " ".join(paragraphs).split()[: len(" ".join(lines).split())]
    assert all(img.size[0] >= 1984 for img, _ in pages)


def test_a_dropped_letter_is_learned_with_the_letter_before_it():
    pairs = [("tỉnh Bình Phước", "tinh Binh Phuc")] * MIN_COUNT + [("của", "ctia")] * MIN_COUNT
    obs = observations(pairs)
    assert ("u", "uo", "inner") in obs and ("ti", "u", "inner") in obs
    rules = {(o, m): where for o, m, _cost, where, _k, _n in table(pairs, min_p=0.0)}
    assert rules[("u", "uo")] == "inner" and ("ti", "u") in rules
