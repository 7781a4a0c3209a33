"""The syllable n-gram language model: load it and score with it.

An n-gram LM in backoff form (interpolated modified Kneser–Ney, built by
``normalizers/lm_build.py`` with ``normalizers/kneser_ney.py``): the n-grams of each
order are sorted uint64 keys (16 bits per id, the last word lowest), so every look-up
of a batch is one ``np.searchsorted`` per order. `Model` also indexes the vocabulary by
fold (the candidates of a word that lost its marks) and by edit distance 1.

Where models live: ``build/lm/`` (all training text) and ``build/lm-without-<plans>/``
(without the named reference plans, `CCHC_LM_EXCLUDE`): held-out figures use the latter.
Building is ``normalizers.lm_build`` (which imports this module, never the reverse).
"""
from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from itertools import takewhile
from pathlib import Path

import numpy as np

from normalizers.case_channel import case_log_probs
from normalizers.syllables import INVENTORY_SOURCES, fold, folded_inventory, has_marks, marks_agree, syllable_inventory
from normalizers.table_cache import cached
from normalizers.tokens import BOS, EOS, SPECIALS, UNK

REPO = Path(__file__).resolve().parents[1]
MODEL_DIR = REPO / "build" / "lm"
#: Plans (comma-separated ids of tests/corpus) to leave out of the model's training text:
#: the benchmark scores plan P with a model that never saw P's truth (a held-out figure).
HELD_OUT_ENV = "CCHC_LM_EXCLUDE"


#: the letter runs of a code ("QD", "TTg" in "QD-TTg")
_CODE_PART = re.compile(r"[^\W\d_]+")


@dataclass
class Model:
    """An n-gram LM in backoff form (interpolated modified Kneser–Ney, see lm_build)."""

    vocab: list[str]
    order: int
    uni_lp: np.ndarray                     # (V,) ln p(w)
    uni_bow: np.ndarray                    # (V,) ln backoff weight of w as a history
    uni_freq: np.ndarray                   # (V,) ln raw training frequency (ranks candidates)
    keys: dict[int, np.ndarray]            # order k ≥ 2 → sorted uint64 keys (16 bits per id)
    lps: dict[int, np.ndarray]             # order k → ln p(w | h)
    bows: dict[int, np.ndarray]            # order k < N → ln backoff weight of the k-gram as history
    code_parts: dict[str, str]             # folded upper code part → form with Đ ("QD" → "QĐ")
    meta: dict = field(default_factory=dict)
    case_counts: np.ndarray | None = None  # (V, 2) counts [small, Capital] inside a sentence (case_channel)
    index: dict[str, int] = field(init=False)
    by_fold: dict[str, tuple[int, ...]] = field(init=False)
    n_syllables: int = field(init=False)
    class_cost: dict[str, float] = field(init=False)
    case_lp: np.ndarray | None = field(init=False)     # (V, 2) ln P(case pattern | word)
    _cands: dict = field(init=False, repr=False)
    _memo: dict = field(init=False, repr=False)        # order → (sorted keys scored, their ln p)
    _edit_index: dict | None = field(init=False, repr=False, default=None)
    _two_letter_index: dict | None = field(init=False, repr=False, default=None)
    by_letters: dict[str, tuple[int, ...]] | None = field(init=False, repr=False, default=None)
    acronym_shapes: tuple[tuple[str, int], ...] | None = field(init=False, repr=False, default=None)

    def __post_init__(self) -> None:
        self.index = dict(zip(self.vocab, range(len(self.vocab))))
        parts = ["\n".join(self.vocab).encode(), np.ascontiguousarray(self.uni_freq).tobytes(),
                 *(p.read_bytes() for p in (Path(__file__), *INVENTORY_SOURCES))]
        self.by_fold, self.n_syllables = cached("vocabulary-by-fold", parts, self._by_fold)
        self._cands = {}
        self._memo = {}
        self.class_cost = {k: math.log(max(n, 1)) for k, n in self.meta.get("class_types", {}).items()}
        self.case_lp = None if self.case_counts is None else case_log_probs(self.case_counts)

    def _by_fold(self) -> tuple[dict[str, tuple[int, ...]], int]:
        """(`by_fold`, `n_syllables`): the ids of the vocabulary's words by fold, most
        frequent first (ties: lower id first), folds in vocabulary order; how many of the
        words are syllables of the inventory."""
        groups: dict[str, list[int]] = {}
        folds: dict[int, str] = {}
        inv = syllable_inventory()
        n_syllables = 0
        for i, w in enumerate(self.vocab):
            if w in SPECIALS or not w.isalpha():
                continue
            if w in inv:
                n_syllables += 1
            folds[i] = f = fold(w)
            groups.setdefault(f, [])
        # filled most frequent first: each fold's ids come out sorted with one lexsort
        # instead of a sort per fold
        for i in np.lexsort((np.arange(len(self.uni_freq)), -self.uni_freq)).tolist():
            f = folds.get(i)
            if f is not None:
                groups[f].append(i)
        return {f: tuple(ids) for f, ids in groups.items()}, n_syllables

    # ------------------------------------------------------------ scoring
    def id(self, w: str) -> int:
        return self.index.get(w, self.index[UNK])

    def score(self, grams: np.ndarray) -> np.ndarray:
        """ln p(last | preceding) for each row of `grams` (Q, n) int64, n ≤ order."""
        return self.score_keys(_combine(grams), grams.shape[1])

    def score_keys(self, key: np.ndarray, n: int) -> np.ndarray:
        """ln p(w | h) for n-grams packed as uint64 keys (16 bits per id, w lowest)."""
        if n == 1:
            return self.uni_lp[key.astype(np.int64)].astype(np.float64)
        if len(key) > 64:
            # a batch repeats n-grams (half its trigram keys, a third of its bigrams): each
            # distinct key is looked up once, in sorted order (a binary search that starts
            # where the previous one ended stays in cache), and the histories of sorted keys
            # are sorted too (`_bow_keys` needs no sort)
            uniq, inverse = unique_inverse(key, *self._short_code(key, n))
            return self._score_remembered(uniq, n)[inverse]
        return self._score_sorted(key, n, sort=True)

    def _short_code(self, key: np.ndarray, n: int) -> tuple[np.ndarray, int]:
        """(code, its bits): `key` itself, or, when 16 bits per id leave too few for
        `unique_inverse`'s positions, the ids repacked in as many bits as the vocabulary
        needs (the same order)."""
        if 16 * n + len(key).bit_length() <= 64:
            return key, 16 * n
        b = max(len(self.vocab) - 1, 1).bit_length()
        code = key & _MASK[1]
        for j in range(1, n):
            code |= ((key >> np.uint64(16 * j)) & _MASK[1]) << np.uint64(b * j)
        return code, b * n

    def _score_remembered(self, uniq: np.ndarray, n: int) -> np.ndarray:
        """`_score_sorted` of sorted distinct keys, with the n-grams scored before kept
        (sorted keys and their scores): a document's batches share ~45 % of their
        n-grams, and a remembered one costs a search in a small table instead of up to
        three searches (with backoff) in the model's. Forgotten past `MEMO_MAX` keys."""
        mk, mv = self._memo.get(n, _NO_MEMO)
        if not len(mk):
            out = self._score_sorted(uniq, n)
            self._memo[n] = (uniq, out.copy())
            return out
        i = np.searchsorted(mk, uniq)
        i[i >= len(mk)] = 0
        known = mk[i] == uniq
        out = np.where(known, mv[i], 0.0)
        new = np.flatnonzero(~known)
        if new.size:
            nk = uniq[new]
            nv = self._score_sorted(nk, n)
            out[new] = nv
            if len(mk) + new.size <= MEMO_MAX:
                at = np.searchsorted(mk, nk)
                self._memo[n] = (np.insert(mk, at, nk), np.insert(mv, at, nv))   # one assignment: threads see a whole pair
        return out

    def _score_sorted(self, key: np.ndarray, n: int, sort: bool = False) -> np.ndarray:
        tab = self.keys[n]
        idx = _lookup(tab, key, presorted=not sort)
        hit = tab[idx] == key
        out = np.where(hit, self.lps[n][idx], 0.0)
        miss = np.flatnonzero(~hit)
        if miss.size:
            mk = key[miss]
            out[miss] = self._bow_keys(mk >> _SH16, n - 1, sort) + self.score_keys(mk & _MASK[n - 1], n - 1)
        return out

    def _bow_keys(self, hist: np.ndarray, k: int, sort: bool = True) -> np.ndarray:
        if k == 1:
            return self.uni_bow[hist.astype(np.int64)].astype(np.float64)
        tab = self.keys[k]
        idx = _lookup(tab, hist, presorted=not sort)
        return np.where(tab[idx] == hist, self.bows[k][idx], 0.0)

    def sentence_logprob(self, words: list[str]) -> float:
        return self.logprob([*words, EOS])

    def logprob(self, words: list[str], before: list[str] = ()) -> float:
        """ln p(`words` | a sentence's start, then `before`)."""
        if not words:
            return 0.0
        ids = [self.index[BOS]] * (self.order - 1) + [self.id(w) for w in [*before, *words]]
        grams = np.array([ids[i - self.order + 1 : i + 1] for i in range(len(ids) - len(words), len(ids))],
                         dtype=np.int64)
        return float(self.score(grams).sum())

    def preferred(self, forms: list[str], read: list[str], before: list[str], after: list[str],
                  margin: float) -> str | None:
        """Of `forms` (one word each, scored in small letters), the one the model likes best
        between the words `before` and `after`, when it beats the tokens `read` there by
        more than `margin` nats; else None. Context runs up to a word the model does not
        know: "<unk> <unk>" is a common pair, so an unknown neighbour ("ĐẠ0, ĐIỂUI") would
        favour a reading as unknown as itself."""
        before = list(takewhile(self.index.__contains__, reversed(before)))[::-1]
        after = list(takewhile(self.index.__contains__, after))
        scores = {w: self.sentence_logprob([*before, w.lower(), *after]) for w in forms}
        best = max(forms, key=scores.__getitem__)
        return best if scores[best] - self.sentence_logprob([*before, *read, *after]) > margin else None

    # ------------------------------------------------------------ edit index
    def edit_neighbours(self, skel: str) -> list[str]:
        """Folded vocabulary words at Levenshtein distance exactly 1 from `skel`."""
        if self._edit_index is None:
            idx: dict[str, set[str]] = {}
            for f in self.by_fold:
                for d in _deletes(f):
                    idx.setdefault(d, set()).add(f)
            self._edit_index = idx
        found: set[str] = set()
        for d in _deletes(skel):
            found |= self._edit_index.get(d, set())
        found |= self._edit_index.get(skel, set())
        return sorted(f for f in found if f != skel and _lev1(f, skel))

    def two_letters_other(self, skel: str) -> list[str]:
        """Folded syllables of the vocabulary as long as `skel` with exactly two of its
        letters other ("quuan" → "quyen")."""
        if self._two_letter_index is None:
            idx: dict[str, list[str]] = {}
            syllables = folded_inventory()
            for f in self.by_fold:
                if f in syllables:
                    for key in _two_masked(f):
                        idx.setdefault(key, []).append(f)
            self._two_letter_index = idx
        found = {f for key in _two_masked(skel) for f in self._two_letter_index.get(key, ())}
        return sorted(f for f in found if sum(x != y for x, y in zip(f, skel)) == 2)

    def code_form(self, code: str) -> str | None:
        """"QD-TTg" → "QĐ-TTg" when the corpus writes that part with Đ; None = unchanged."""
        def sub(m: re.Match[str]) -> str:
            part = m.group()
            if not part.isupper() or len(part) < 2 or has_marks(part):
                return part
            return self.code_parts.get(part, part)

        out = _CODE_PART.sub(sub, code)
        return out if out != code else None

    def syllables_folding_to(self, folds: Iterable[str], read: str, cost: float, marks_differ: float,
                             skip: Container[int] = ()) -> dict[int, tuple[float, str]]:
        """Vocabulary id → (channel log-probability, form) for the syllables whose folded
        form is one of `folds` (not in `skip`): `cost`, and `marks_differ` more for one
        whose marks are not those OCR printed on `read`. The candidates of a word read
        with a letter wrong ("kiếrn", "Đắn", "TUJC"), `folds` being its neighbours."""
        inventory = syllable_inventory()
        return {i: (-(cost + (0.0 if marks_agree(read, self.vocab[i]) else marks_differ)), self.vocab[i])
                for f in folds for i in self.by_fold.get(f, ()) if self.vocab[i] in inventory and i not in skip}


def _lookup(tab: np.ndarray, key: np.ndarray, presorted: bool = False) -> np.ndarray:
    """Index of each key in the sorted table `tab` (0 where it would fall past the end:
    the caller compares). The keys are looked up in sorted order: a binary search that
    starts where the previous one ended stays in cache (3× faster on 10⁵ keys);
    `presorted` keys are in order already."""
    if len(key) > 64 and not presorted:
        order = np.argsort(key, kind="stable")
        idx = np.empty(len(key), dtype=np.intp)
        idx[order] = np.searchsorted(tab, key[order])
    else:
        idx = np.searchsorted(tab, key)
    idx[idx >= len(tab)] = 0
    return idx


def unique_inverse(key: np.ndarray, code: np.ndarray, code_bits: int) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(key, return_inverse=True)``, by one ``np.sort``: numpy sorts uint64
    with SIMD (x86-simd-sort) but argsorts them without (10× slower on 3·10⁵ keys), and
    ``np.unique``'s inverse is an argsort. `code` is `key` or an order-preserving
    shorter code of it (below ``2**code_bits``); the positions go in the bits it leaves
    free. Falls back to ``np.unique`` when code and position do not fit in 64 bits."""
    n = len(key)
    pos_bits = max(n - 1, 1).bit_length()
    if code_bits + pos_bits > 64:
        uniq, inverse = np.unique(key, return_inverse=True)
        return uniq, inverse.reshape(-1)
    packed = np.sort((code << np.uint64(pos_bits)) | np.arange(n, dtype=np.uint64))
    order = (packed & np.uint64((1 << pos_bits) - 1)).astype(np.intp)
    sorted_code = packed >> np.uint64(pos_bits)
    first = np.empty(n, dtype=bool)
    first[:1] = True
    np.not_equal(sorted_code[1:], sorted_code[:-1], out=first[1:])
    inverse = np.empty(n, dtype=np.intp)
    inverse[order] = np.cumsum(first) - 1
    return key[order[first]], inverse


def _deletes(s: str) -> set[str]:
    return {s} | {s[:i] + s[i + 1 :] for i in range(len(s))}


def _two_masked(s: str) -> list[str]:
    """`s` with each pair of its letters masked ("abc" → "\0\0c", "\0b\0", "a\0\0")."""
    return [s[:i] + "\0" + s[i + 1:j] + "\0" + s[j + 1:] for i in range(len(s)) for j in range(i + 1, len(s))]


def _lev1(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    for i in range(len(b)):
        if b[:i] + b[i + 1 :] == a:
            return True
    return False


_SH16 = np.uint64(16)
MEMO_MAX = 2_000_000    # remembered n-gram scores per order (32 MB at most)
_NO_MEMO = (np.empty(0, dtype=np.uint64), np.empty(0))
_MASK = {k: np.uint64((1 << (16 * k)) - 1) for k in range(1, 5)}


def _combine(grams: np.ndarray) -> np.ndarray:
    key = grams[:, 0].astype(np.uint64)
    for j in range(1, grams.shape[1]):
        key = (key << np.uint64(16)) | grams[:, j].astype(np.uint64)
    return key


#: On-disk format: one uncompressed ``<array>.npy`` per array, memory-mapped on load (no
#: zip to inflate, no copy: a fresh process pays only for the pages a look-up touches),
#: ``vocab.txt``, and ``meta.json`` written last (its presence says the model is whole).
FORMAT = "npy-mmap-3"   # 3: uni_case (case_channel); order 4 with trigram tables (lm_build)


def save_model(model_dir: Path, vocab: list[str], order: int, arrays: dict[str, np.ndarray],
               code_parts: dict[str, str], meta: dict) -> None:
    model_dir.mkdir(parents=True, exist_ok=True)
    for stale in list(model_dir.glob("*.npy")) + list(model_dir.glob("*.npz")) + [model_dir / "meta.json"]:
        stale.unlink(missing_ok=True)
    for name, arr in arrays.items():
        np.save(model_dir / f"{name}.npy", np.ascontiguousarray(arr))
    (model_dir / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    meta = dict(meta, order=order, code_parts=code_parts, format=FORMAT)
    (model_dir / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")


def model_exists(model_dir: str | Path) -> bool:
    """A whole model of the current format is in `model_dir`."""
    meta = Path(model_dir) / "meta.json"
    return meta.exists() and json.loads(meta.read_text(encoding="utf-8")).get("format") == FORMAT


def held_out_plans() -> tuple[str, ...]:
    """The reference plans `CCHC_LM_EXCLUDE` leaves out of the default model (none unset)."""
    return tuple(sorted(p for p in os.environ.get(HELD_OUT_ENV, "").replace(" ", "").split(",") if p))


def model_dir_without(plans: tuple[str, ...]) -> Path:
    """Where the model trained without `plans` lives: ``build/lm-without-<plans>/``
    (``build/lm/`` for none)."""
    return MODEL_DIR.with_name(f"lm-without-{'+'.join(sorted(plans))}") if plans else MODEL_DIR


def default_model_dir() -> Path:
    """``build/lm/``, or the model without the plans `CCHC_LM_EXCLUDE` names."""
    return model_dir_without(held_out_plans())


def load_model(path: str | Path | None = None) -> Model:
    """Load the LM from `path` (default `default_model_dir()`); FileNotFoundError when it
    was never built (``normalizers.lm_build.load_or_build`` builds it first)."""
    model_dir = Path(path) if path else default_model_dir()
    if not model_exists(model_dir):
        raise FileNotFoundError(f"{model_dir}: no language model of format {FORMAT} (build it: cchc build-lm)")
    meta = json.loads((model_dir / "meta.json").read_text(encoding="utf-8"))
    vocab = (model_dir / "vocab.txt").read_text(encoding="utf-8").split("\n")[:-1]
    order = int(meta["order"])

    def arr(name: str) -> np.ndarray:
        return np.asarray(np.load(model_dir / f"{name}.npy", mmap_mode="r"))  # a plain view of the map

    keys = {k: arr(f"k{k}_keys") for k in range(2, order + 1)}
    lps = {k: arr(f"k{k}_lp") for k in range(2, order + 1)}
    bows = {k: arr(f"k{k}_bow") for k in range(2, order)}
    return Model(vocab, order, arr("uni_lp"), arr("uni_bow"), np.array(arr("uni_logfreq")), keys, lps, bows,
                 dict(meta.get("code_parts", {})), meta, np.array(arr("uni_case")))
