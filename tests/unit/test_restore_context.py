"""The restorer's wider evidence: the case of a word inside a sentence
(`normalizers.case_channel`) and the 4-gram second pass (`normalizers.rescore`, on
tables `kneser_ney` prunes). Synthetic models: every number here is computed, not read
from a built model."""
from __future__ import annotations

import numpy as np
import pytest

from normalizers.candidates import Cands
from normalizers.case_channel import LOWER, TITLE, case_log_probs, case_pattern, follows_a_word
from normalizers.kneser_ney import count_keys, kneser_ney, ngram_keys
from normalizers.lm import Model
from normalizers.rescore import rescore
from normalizers.tokens import Tok, tokenize

VOCAB = ["<s>", "</s>", "a", "b", "c", "d", "x", "y"]


def _rescore(model: Model, toks, chosen: dict[int, tuple[Cands, int, float]]) -> None:
    """`rescore` of one document given as token index → (candidates, choice, confidence),
    written back into `chosen`: rescore itself takes the word tokens' lists in text order."""
    words = [ti for ti, t in enumerate(toks) if t.kind != "space"]
    picked = ([chosen[ti][0] for ti in words], [chosen[ti][1] for ti in words], [chosen[ti][2] for ti in words])
    rescore(model, [toks], [picked])
    for k, ti in enumerate(words):
        chosen[ti] = (picked[0][k], picked[1][k], picked[2][k])


def _model(lines: list[list[str]], order: int, min_top_count: int = 0) -> Model:
    index = {w: i for i, w in enumerate(VOCAB)}
    seq = []
    for ln in lines:
        seq += [0] + [index[w] for w in ln] + [1]
    X = np.array(seq)
    raw = {k: count_keys(ngram_keys(X, k, 0)) for k in range(1, order + 1)}
    arr, _ = kneser_ney(raw, order, len(VOCAB), 0, raw_from=3, min_top_count=min_top_count)
    return Model(VOCAB, order, arr["uni_lp"], arr["uni_bow"], np.zeros(len(VOCAB), np.float32),
                 {k: arr[f"k{k}_keys"] for k in range(2, order + 1)},
                 {k: arr[f"k{k}_lp"] for k in range(2, order + 1)},
                 {k: arr[f"k{k}_bow"] for k in range(2, order)}, {}, {})


def _random_lines(seed: int = 0) -> list[list[str]]:
    rng = np.random.default_rng(seed)
    return [list(rng.choice(VOCAB[2:], size=int(rng.integers(3, 9)))) for _ in range(300)]


@pytest.mark.parametrize("min_top_count", [0, 3])
def test_a_pruned_4gram_model_is_a_distribution_and_keeps_the_trigram_tables(min_top_count):
    lines = _random_lines()
    m3, m4 = _model(lines, 3), _model(lines, 4, min_top_count)
    assert np.array_equal(m3.lps[3], m4.lps[3]) and np.array_equal(m3.keys[3], m4.keys[3])
    for hist in ((2, 3, 4), (0, 2, 3), (6, 7, 2)):
        grams = np.array([list(hist) + [w] for w in range(1, len(VOCAB))])
        assert np.exp(m4.score(grams)).sum() == pytest.approx(1.0, abs=1e-4)
    if min_top_count:
        assert len(m4.keys[4]) < len(_model(lines, 4).keys[4])


def test_case_pattern_and_what_counts_as_inside_a_sentence():
    assert [case_pattern(w) for w in ("phuoc", "Phuoc", "PHUOC", "P", "PhuOc")] == [LOWER, TITLE, None, None, None]
    toks = [t for t in tokenize("Tỉnh Binh Phuoc, Dong Nai: Quyet") if t.kind != "space"]
    inner = [follows_a_word(p) for p in [None] + toks[:-1]]
    assert [t.text for t, i in zip(toks, inner) if i and t.kind == "word"] == ["Binh", "Phuoc", "Dong", "Nai"]


def test_case_probabilities_follow_the_counts_and_shrink_to_the_corpus_share():
    counts = np.array([[90, 10], [1, 99], [0, 0]], dtype=np.float32)     # common word, name, unseen
    lp = np.exp(case_log_probs(counts))
    share = 109 / 200
    assert lp[1, TITLE] > 0.9 and lp[0, TITLE] < 0.2
    assert lp[2, TITLE] == pytest.approx(share)
    assert np.allclose(lp.sum(axis=1), 1.0)


def test_the_4gram_pass_changes_what_only_a_longer_context_decides():
    # "a b c d" and "x b c y": after "b c", "y" is the more frequent (the trigram's choice);
    # after "a b c" it is always "d", which only a 4-gram sees
    lines = [["a", "b", "c", "d"]] * 20 + [["x", "b", "c", "y"]] * 25
    m3, m4 = _model(lines, 3), _model(lines, 4)
    toks = tokenize("a b c ?")
    cands = Cands(np.array([5, 7]), ("d", "y"), np.zeros(2))
    fixed = {ti: (Cands(np.array([VOCAB.index(t.text)]), (None,), np.zeros(1), True), 0, 1.0)
             for ti, t in enumerate(toks) if t.kind != "space" and t.text != "?"}
    for model, want in ((m3, "y"), (m4, "d")):
        chosen = [{**fixed, 6: (cands, 1, 0.5)}]      # the decoder chose "y", unsure
        _rescore(model, toks, chosen[0])
        c, j, conf = chosen[0][6]
        assert c.forms[j] == want
    assert conf > 0.9


def test_sure_words_are_not_re_decided():
    lines = [["a", "b", "c", "d"]] * 20
    m4 = _model(lines, 4)
    toks = (Tok("a", "word", 0, 1), Tok(" ", "space", 1, 2), Tok("?", "word", 2, 3))
    cands = Cands(np.array([5, 7]), ("d", "y"), np.zeros(2))
    chosen = [{0: (Cands(np.array([2]), (None,), np.zeros(1), True), 0, 1.0), 2: (cands, 1, 0.999)}]
    _rescore(m4, toks, chosen[0])
    assert chosen[0][2][1] == 1


def test_the_document_s_sure_words_decide_an_unsure_one():
    # the model cannot tell "b d" from "b y"; the batch says "b d" twice with certainty
    lines = [["b", "d"]] * 10 + [["b", "y"]] * 10
    m3 = _model(lines, 3)
    text = "b d\n\nb d\n\nb ?"
    toks = tokenize(text)
    sure = {ti: (Cands(np.array([VOCAB.index(t.text)]), (None,), np.zeros(1), True), 0, 1.0)
            for ti, t in enumerate(toks) if t.kind == "word" and t.text != "?"}
    for ti, t in enumerate(toks):
        if t.kind == "word" and t.text == "d":
            sure[ti] = (Cands(np.array([5, 7]), ("d", "y"), np.zeros(2)), 0, 0.999)
    unsure = Cands(np.array([5, 7]), ("d", "y"), np.zeros(2))
    last = max(sure) + 2
    chosen = [{**sure, last: (unsure, 1, 0.5)}]
    _rescore(m3, toks, chosen[0])
    c, j, _ = chosen[0][last]
    assert c.forms[j] == "d"


def test_a_word_in_capitals_amid_small_letters_is_found():
    """An English OCR reads "Sở" as "SO": such a word, between words in small letters or
    Title case, is listed; one in a line of capitals, or starting small, is not."""
    from normalizers.restore import capitals_amid_small

    def found(text: str) -> list[str]:
        toks = tokenize(text)
        return [toks[i].text for i in sorted(capitals_amid_small(toks))]

    assert found("1. SO Nội vụ chịu XAy dựng") == ["SO", "XAy"]
    assert found("SỞ NỘI VỤ TỈNH") == []
    assert found("nâng cuOng và HDND") == ["HDND"]   # listed; its form (no syllable) keeps the capitals
    assert found("BO") == []
