"""The other tones of a misread word's likeliest readings one letter away.

A word read as no syllable had a letter misread ("iăm" for "nằm": its n read as an i),
and its readings one letter away are drawn from the vocabulary by channel and unigram
before the context is weighed (`candidates.mark_slip_candidates`): "năm", "nam",
"đảm", "giám", "tạm" … fill its candidates, and "nằm", the same letters as "năm" with the
tone the copy lost beside the misread letter, is rarer than all of them, so the
context ("duy trì … trong top 15") never gets to choose it. A print that loses one
stroke of a word often loses a mark of it too. So beside the capped candidates the
tones of the likeliest one-letter readings are kept: the forms of the `BEST_FOLDS`
likeliest letter sequences read with the marks OCR printed, with the same vowel hats
and any tone, the `TONE_KIN` likeliest of them, each at its channel cost (a letter
misread, and a mark).

Replayed with the model without the plan on 69 development databases (the copies of
HELD-OUT 20–23 and HELD-OUT 23's 200 dpi scans, the 37 gathered copies with and without
seals of TUNE and HELD-OUT 9–19, five 200 dpi scans), against the same code without
them: 3 better (HELD-OUT 22 plan2021_2030 `photocopy_stamp_v` 0.874 → 0.891, "duy trì
iăm trong top" → nằm on 12 rows; HELD-OUT 20 plan2021_2030 `photocopy_stamp_t` 0.923 →
0.924; plan2026 `photocopy_stamp_q` 0.913 → 0.915), none worse.
"""
from __future__ import annotations

from normalizers.lm import Model
from normalizers.syllables import fold, marks_agree, toneless

BEST_FOLDS = 2
TONE_KIN = 3


def tone_kin(model: Model, word: str, ranked: list[int]) -> list[int]:
    """Of `ranked` (the ids of the syllables one letter from misread `word`, likeliest
    first by channel and unigram), its likeliest readings with the vowel hats as read and
    any tone, at most `TONE_KIN` (see the module doc); those the capped candidates hold
    already stay there."""
    folds: list[str] = []
    for i in ranked:
        form = model.vocab[i]
        if marks_agree(word, form) and fold(form) not in folds:
            folds.append(fold(form))
            if len(folds) == BEST_FOLDS:
                break
    hats = toneless(word)
    return [i for i in ranked
            if fold(model.vocab[i]) in folds and marks_agree(hats, toneless(model.vocab[i]))][:TONE_KIN]
