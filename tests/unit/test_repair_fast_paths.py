"""The fast paths of the repair give what the plain ones give, on real text.

`cchc repair` decodes half of a long text's batches in a forked process
(`decode.WORKERS`), `lm.unique_inverse` replaces ``np.unique(..., return_inverse=True)``,
and `tokenize` scans a text without "_" with a simpler pattern. Each must change the
speed only: these tests compare them with the plain path on the reference plans.
"""
import os

import numpy as np
import pytest

from normalizers import decode
from normalizers.lm import unique_inverse
from normalizers.lm_build import PLANS, TESTS_CORPUS, plan_cells
from normalizers.restore import restore
from normalizers.syllables import fold_keep_case
from normalizers.tokens import _token_re


def _stripped_plan() -> str:
    return "\n".join(fold_keep_case(c) for c in plan_cells("plan2021_2030"))


def test_two_process_decode_gives_the_one_process_result(model, monkeypatch):
    """plan2021_2030 stripped to ASCII (7,764 syllables, one text): the same text, the
    same confidences and flags with the batches shared with a forked process."""
    text = _stripped_plan()
    monkeypatch.setattr(decode, "WORKERS", 1)
    one = restore(text, model)
    forks = []
    real_fork = os.fork

    def counting_fork():
        forks.append(1)
        return real_fork()

    monkeypatch.setattr(os, "fork", counting_fork)
    monkeypatch.setattr(decode, "WORKERS", 2)
    model._cands.clear()
    two = restore(text, model)
    assert forks == [1]                      # the two-process path did run
    assert two.text == one.text
    assert two.tokens == one.tokens


def test_a_short_text_is_decoded_without_a_fork(model, monkeypatch):
    monkeypatch.setattr(decode, "WORKERS", 2)
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("forked for a short text"))
    assert restore("Cai cach hanh chinh tinh Ninh Binh", model).text == "Cải cách hành chính tỉnh Ninh Bình"


@pytest.mark.parametrize("n", [2, 3])
def test_unique_inverse_is_numpys_unique_on_the_lattice_keys_of_a_plan(model, n):
    """n-gram keys of consecutive syllables of plan2021_2030 (repeats included), also past
    2**16 keys, where the trigram keys are repacked in fewer bits per id."""
    ids = np.array([model.id(w) for c in plan_cells("plan2021_2030") for w in c.lower().split()], dtype=np.uint64)
    key = ids[: len(ids) - n + 1].copy()
    for j in range(1, n):
        key = (key << np.uint64(16)) | ids[j : len(ids) - n + 1 + j]
    for keys in (key, np.tile(key, 9)):                  # ~8k keys, and ~70k > 2**16
        uniq, inverse = unique_inverse(keys, *model._short_code(keys, n))
        want_u, want_i = np.unique(keys, return_inverse=True)
        assert np.array_equal(uniq, want_u) and np.array_equal(inverse, want_i.reshape(-1))


def test_the_token_pattern_without_underscore_matches_the_same_tokens():
    texts = [_stripped_plan(), (TESTS_CORPUS / "plan2025h2" / "narrative_as_received.txt").read_text(encoding="utf-8")]
    texts += ["\n".join(plan_cells(p)) for p in PLANS]
    for text in texts:
        assert "_" not in text
        assert _token_re(False).findall(text) == _token_re(True).findall(text)
