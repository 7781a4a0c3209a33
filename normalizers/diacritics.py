"""Restore lost Vietnamese diacritics and undo OCR letter confusions.

What: ``restore("Cai cach hanh chinh tinh Ninh Binh")`` → "Cải cách hành chính tỉnh Ninh
Bình"; on English-OCR junk ``"ctia"`` → "của", ``"S6:"`` → "Số:", ``"x4"`` → "xã",
``"CONG TAC CHI PAO"`` → "CÔNG TÁC CHỈ ĐẠO". Every token keeps its original text, its
restored text, a confidence and a flag.

How (a noisy channel decoded with a syllable n-gram LM):

1. **Tokens** (`tokenize`): words, numbers, codes (``08/KH-UBND``, ``15/7/2021``), OCR
   "mixed" tokens (``c6``, ``hi€u``) and punctuation; whitespace is kept verbatim, so the
   output has the input's layout and word count.
2. **Candidates** per word: every accented syllable that folds to it (fold = NFD, marks
   dropped, đ→d, lower) from the 7,850-syllable inventory (``data/syllables.txt``) plus the
   model's frequent non-syllable words (``hđnd`` for "HDND"). In OCR mode also the
   rewrites of ``data/ocr_confusions.tsv`` (``6``→o, ``ti``→u, ``P``→Đ …, each with a cost
   in nats) and edit distance 1 against the folded inventory (cost 3), and "keep the
   original" for tokens that are no syllable. Only valid syllables are proposed.
   Numbers, dates and codes are fixed; inside a code only a part the corpus writes with
   Đ in ≥ 90 % of cases changes (``QD-TTg`` → ``QĐ-TTg``, ``NĐ-CP``).
3. **Decoding** (coarse to fine, in dense numpy batches of segments × positions ×
   candidates, so the number of numpy calls grows with the longest segment, not with
   the token count): a bigram max-marginal pass keeps ≤ 4 candidates per position
   (within 1e-3 of the best path), then exact trigram Viterbi runs on what is left. The
   LM is interpolated modified Kneser–Ney over lowercase syllables in one tone-placement
   convention ("old": hòa, thủy — 95 % of the corpus), stored as sorted uint64 n-gram
   keys (``normalizers/lm_build.py``); every look-up of a batch is one ``searchsorted``
   per order. Output keeps the token's case pattern (ALL CAPS, Title, lower) and is moved
   to the document's own tone placement when its accented words show one. A line break
   continues a sentence; a blank line ends it.
4. **Confidence**: the local posterior of the chosen candidate with its neighbours fixed
   (channel + the three trigrams it takes part in, softmax over all its candidates). A
   token below ``FLAG_THRESHOLD`` (0.6) is flagged and keeps the best guess; OCR junk left
   unrepaired and accented words that are no syllable are flagged too. Nothing changes
   without appearing in ``tokens``.

Measured with ``python -m bench.repair_bench`` (2 cores, shared machine, 2026-11-23):

- plan2026 held out (LM built without it), truth folded to ASCII: 0.9963 of syllables
  exact (0.9988 ignoring hòa/hoà placement: plan2026 itself mixes hoá/hóa and prints
  uỷ, which ASCII input cannot show); most-frequent-form baseline 0.8030, pyvi
  ``add_accents`` 0.6586, no repair 0.1480.
- plan2025h2 narrative, English OCR: 0.9838 (LM held out; 0.9874 with the default LM
  that trained on it); most-frequent form 0.6479, pyvi 0.2790, no repair 0.1572. 69 words
  flagged, 32 of the 71 wrong words among them.
- Speed (one core, best of 3 runs from a cold candidate cache, on a machine shared with
  other jobs, so ± 30 % between runs): 7.8–10k syllables/s calling ``restore`` once per
  cell (≈ 18 syllables, the per-call numpy overhead dominates), 13–16k with
  ``restore_many`` over the 135 cells, 7.7–10k in OCR mode (the confusion rewrites);
  ≈ 11k / 20k / 14k once the candidate cache is warm. Lattices with ≤ 4,000 trigram
  paths skip the pruning pass (per cell 8.4k → 9.7k/s). Model load 0.09–0.17 s in a fresh
  interpreter (+ 0.17 s imports).
- Design choices measured on the way: candidates ranked by KN unigram probability
  lost "theo dõi" (continuation counts rank dõi 9th of 27 forms) → ranked by raw
  frequency, where the right form is always in the top 6 on all truth files; taking
  every 2nd instead of every 4th line of the national-law corpus made the build 50 s
  and did not help (0.9959 vs 0.9963); keeping an unknown token cost nothing at first
  and the LM preferred ``<unk> <unk>`` over repairs (narrative 0.93) → its cost is the
  log of the number of strings sharing the class (narrative 0.98).
"""
from __future__ import annotations

import json
import math
import os
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np

from normalizers.encodings import detect_tone_style, normalize_tone_placement

DATA = Path(__file__).resolve().parent / "data"
REPO = Path(__file__).resolve().parents[1]
MODEL_DIR = REPO / "build" / "lm"
#: Plans (comma-separated ids of tests/corpus) to leave out of the model's training text:
#: the benchmark scores plan P with a model that never saw P's truth (a held-out figure).
HELD_OUT_ENV = "CCHC_LM_EXCLUDE"

BOS, EOS, UNK, NUM, DATE, CODE, ABBR, PUNCT = "<s>", "</s>", "<unk>", "<num>", "<date>", "<code>", "<abbr>", "<punct>"
SPECIALS = (BOS, EOS, UNK, NUM, DATE, CODE, ABBR, PUNCT)
PUNCT_VOCAB = tuple(",.;:()[]\"'“”‘’-–—/!?…%+*=<>•") + ("...",)
CANONICAL_STYLE = "old"

FLAG_THRESHOLD = 0.6      # confidence below this is flagged
MAX_CANDIDATES = 8         # per token, plain mode, by log frequency (truth files: the right form
                           # is always among the 6 most frequent of its fold)
MAX_CANDIDATES_OCR = 10    # per token, OCR mode, by channel + log frequency
MARK_MISMATCH = 0.7        # OCR: candidate differs from the marks the OCR did print
MARKS_LOST = 1.0           # OCR: the OCR printed marks, the candidate has none
EDIT_COST = 3.0            # OCR: one generic edit, for a token no syllable folds to
EDIT_COST_SHORT = 4.0      # OCR: one generic edit of a short token that folds to a syllable (lut → luật)
VALID_REWRITE = 1.5        # OCR: extra cost to rewrite a token that is already a syllable
KEEP_UNKNOWN = 0.0         # OCR: keep an invalid token as it is (LM scores it as <unk>) …
KEEP_RESTORABLE = 4.0      # … or 4.0 when accents alone would make it a syllable ("Cac")
JUNK_MARGIN = 5.0          # OCR detection: ln-frequency gap that makes a rare syllable look like junk
RARE_FREQ = 4.0            # … checked only for syllables seen < e^4 ≈ 55 times
# OCR: keeping a token the LM only knows as a class (<unk>, <abbr>, <code>) costs ln(number of
# distinct training strings of that class): p(<unk>) is shared by every unknown spelling.


# ====================================================================== syllables

def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii():
            table[cp] = base.lower()
    table[ord("đ")] = "d"
    table[ord("Đ")] = "d"
    return table


_FOLD = _build_fold_table()


def fold(text: str) -> str:
    """Lower case, Vietnamese marks dropped, đ→d ("Đường" → "duong")."""
    return text.translate(_FOLD).lower()


def fold_keep_case(text: str) -> str:
    """Marks dropped, đ→d, case kept ("Đường" → "Duong")."""
    out = []
    for ch in text:
        f = _FOLD.get(ord(ch))
        out.append((f.upper() if ch.isupper() else f) if f else ch)
    return "".join(out)


def has_marks(text: str) -> bool:
    """Any letter with a Vietnamese mark, đ included."""
    return any(ord(ch) in _FOLD for ch in text)


_D = {ord("đ"), ord("Đ")}


def has_vowel_marks(text: str) -> bool:
    """Any letter with a tone or vowel mark (đ alone does not count: "đo" has none)."""
    return any(ord(ch) in _FOLD and ord(ch) not in _D for ch in text)


_CANON_CACHE: dict[str, str] = {}


def canonical(word: str) -> str:
    """Lower case, NFC, tone marks in the LM's placement ("HOÀ" → "hòa")."""
    c = _CANON_CACHE.get(word)
    if c is None:
        c = normalize_tone_placement(unicodedata.normalize("NFC", word.lower()), CANONICAL_STYLE)
        if len(_CANON_CACHE) < 500_000:
            _CANON_CACHE[word] = c
    return c


@lru_cache(maxsize=1)
def syllable_inventory() -> frozenset[str]:
    """The 7,850 valid syllables of ``data/syllables.txt`` in canonical placement."""
    words = (DATA / "syllables.txt").read_text(encoding="utf-8").split()
    return frozenset(canonical(w) for w in words)


def is_syllable(word: str) -> bool:
    """True if `word` (any case, any tone placement) is a valid Vietnamese syllable."""
    return canonical(word) in syllable_inventory()


@lru_cache(maxsize=1)
def folded_inventory() -> frozenset[str]:
    """Folds of the valid syllables ("thuc" is one: thúc, thục, thực …)."""
    return frozenset(fold(s) for s in syllable_inventory())


# ====================================================================== OCR confusions

@dataclass(frozen=True)
class Confusion:
    observed: str
    intended: str
    cost: float
    where: str  # any | start | end
    note: str = ""


@lru_cache(maxsize=1)
def load_confusions() -> tuple[Confusion, ...]:
    rows = []
    for line in (DATA / "ocr_confusions.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("observed\t"):
            continue
        obs, intended, cost, where, *note = line.split("\t")
        rows.append(Confusion(obs, intended, float(cost), where, note[0] if note else ""))
    return tuple(rows)


@lru_cache(maxsize=1)
def noise_chars() -> str:
    """Symbols the confusion table treats as parts of words (€ ¢ & § £ } { |)."""
    chars = {c for r in load_confusions() for c in r.observed if not c.isalnum()}
    return "".join(sorted(chars))


# ====================================================================== tokens

class Tok(NamedTuple):
    text: str
    kind: str  # space | word | num | code | mixed | punct
    start: int
    end: int


@lru_cache(maxsize=1)
def _token_re() -> re.Pattern[str]:
    noise = re.escape(noise_chars())
    run = rf"(?:[^\W_]|[{noise}])+"
    return re.compile(
        rf"(?P<space>\s+)"
        rf"|(?P<code>{run}(?:[/\-–]{run})+)"
        rf"|(?P<num>\d+(?:[.,]\d+)+)"
        rf"|(?P<run>{run})"
        rf"|(?P<punct>\.\.\.+|.)",
        re.S,
    )


def tokenize(text: str) -> list[Tok]:
    """Split `text` into tokens covering it exactly (concatenating `.text` gives `text`)."""
    out = []
    for m in _token_re().finditer(text):
        kind = m.lastgroup
        s = m.group()
        if kind == "run":
            if s.isalpha():
                kind = "word"
            elif s.isdigit():
                kind = "num"
            else:
                kind = "mixed"
        out.append(Tok(s, kind, m.start(), m.end()))
    return out


_DATE = re.compile(r"^\d{1,2}/\d{1,2}(?:/\d{2,4})?$")
_NUMERIC = re.compile(r"^[\d.,/\-–]+$")


def lm_class(tok_text: str, kind: str) -> str:
    """The LM token of a non-word token (numbers, codes, punctuation)."""
    if kind == "num":
        return NUM
    if kind == "code":
        if _DATE.match(tok_text):
            return DATE
        if _NUMERIC.match(tok_text):
            return NUM
        return CODE
    if kind == "mixed":
        return CODE
    if kind == "punct":
        return tok_text if tok_text in PUNCT_VOCAB else ("..." if tok_text.startswith("...") else PUNCT)
    raise ValueError(kind)


# ====================================================================== model

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
    index: dict[str, int] = field(init=False)
    by_fold: dict[str, tuple[int, ...]] = field(init=False)
    n_syllables: int = field(init=False)
    class_cost: dict[str, float] = field(init=False)
    _cands: dict = field(init=False, repr=False)
    _edit_index: dict | None = field(init=False, repr=False, default=None)
    by_letters: dict[str, tuple[int, ...]] | None = field(init=False, repr=False, default=None)

    def __post_init__(self) -> None:
        self.index = {w: i for i, w in enumerate(self.vocab)}
        groups: dict[str, list[int]] = {}
        inv = syllable_inventory()
        self.n_syllables = 0
        for i, w in enumerate(self.vocab):
            if w in SPECIALS or not w.isalpha():
                continue
            if w in inv:
                self.n_syllables += 1
            groups.setdefault(fold(w), []).append(i)
        fr = self.uni_freq
        self.by_fold = {f: tuple(sorted(ids, key=lambda i: (-float(fr[i]), i))) for f, ids in groups.items()}
        self._cands = {}
        self.class_cost = {k: math.log(max(n, 1)) for k, n in self.meta.get("class_types", {}).items()}

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
        tab = self.keys[n]
        idx = np.searchsorted(tab, key)
        idx[idx >= len(tab)] = 0
        hit = tab[idx] == key
        out = np.where(hit, self.lps[n][idx], 0.0)
        miss = np.flatnonzero(~hit)
        if miss.size:
            mk = key[miss]
            out[miss] = self._bow_keys(mk >> _SH16, n - 1) + self.score_keys(mk & _MASK[n - 1], n - 1)
        return out

    def _bow_keys(self, hist: np.ndarray, k: int) -> np.ndarray:
        if k == 1:
            return self.uni_bow[hist.astype(np.int64)].astype(np.float64)
        tab = self.keys[k]
        idx = np.searchsorted(tab, hist)
        idx[idx >= len(tab)] = 0
        return np.where(tab[idx] == hist, self.bows[k][idx], 0.0)

    def sentence_logprob(self, words: list[str]) -> float:
        ids = [self.index[BOS]] * (self.order - 1) + [self.id(w) for w in words] + [self.index[EOS]]
        grams = np.array([ids[i - self.order + 1 : i + 1] for i in range(self.order - 1, len(ids))], dtype=np.int64)
        return float(self.score(grams).sum())

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


def _deletes(s: str) -> set[str]:
    return {s} | {s[:i] + s[i + 1 :] for i in range(len(s))}


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
_MASK = {k: np.uint64((1 << (16 * k)) - 1) for k in range(1, 5)}


def _combine(grams: np.ndarray) -> np.ndarray:
    key = grams[:, 0].astype(np.uint64)
    for j in range(1, grams.shape[1]):
        key = (key << np.uint64(16)) | grams[:, j].astype(np.uint64)
    return key


def save_model(model_dir: Path, vocab: list[str], order: int, arrays: dict[str, np.ndarray],
               code_parts: dict[str, str], meta: dict) -> None:
    model_dir.mkdir(parents=True, exist_ok=True)
    np.savez(model_dir / "model.npz", **arrays)
    (model_dir / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    meta = dict(meta, order=order, code_parts=code_parts)
    (model_dir / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")


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


def load_model(path: str | Path | None = None, build_if_missing: bool = True) -> Model:
    """Load the LM from `path` (default `default_model_dir()`), building it first if
    missing (``normalizers.lm_build.build``, ≈ 1 min; without the held-out plans)."""
    model_dir = Path(path) if path else default_model_dir()
    if not (model_dir / "model.npz").exists():
        if not build_if_missing:
            raise FileNotFoundError(model_dir / "model.npz")
        from normalizers.lm_build import build

        build(model_dir, exclude_plans=held_out_plans() if path is None else ())
    meta = json.loads((model_dir / "meta.json").read_text(encoding="utf-8"))
    vocab = (model_dir / "vocab.txt").read_text(encoding="utf-8").split("\n")[:-1]
    order = int(meta["order"])
    with np.load(model_dir / "model.npz") as z:
        arrays = {k: z[k] for k in z.files}
    keys = {k: arrays[f"k{k}_keys"] for k in range(2, order + 1)}
    lps = {k: arrays[f"k{k}_lp"] for k in range(2, order + 1)}
    bows = {k: arrays[f"k{k}_bow"] for k in range(2, order)}
    return Model(vocab, order, arrays["uni_lp"], arrays["uni_bow"], arrays["uni_logfreq"], keys, lps, bows,
                 dict(meta.get("code_parts", {})), meta)


_DEFAULT: dict[str, Model] = {}
_DEFAULT_LOCK = threading.Lock()  # documents extracted in parallel threads load it once


def default_model() -> Model:
    """The model of ``build/lm/``, loaded (or built) once per process, whatever the thread."""
    with _DEFAULT_LOCK:
        if "m" not in _DEFAULT:
            _DEFAULT["m"] = load_model()
        return _DEFAULT["m"]


# ====================================================================== candidates

@dataclass(frozen=True)
class Cands:
    ids: np.ndarray            # LM ids
    forms: tuple[str | None, ...]  # canonical lowercase output; None = keep the original text
    chan: np.ndarray           # channel log-probabilities (nats)
    fixed: bool = False        # one candidate, not decided by the LM
    u: np.ndarray = field(init=False, repr=False)   # ids as uint64

    def __post_init__(self) -> None:
        object.__setattr__(self, "u", self.ids.astype(np.uint64))


def _fixed(model: Model, lm_token: str, form: str | None = None) -> Cands:
    return Cands(np.array([model.id(lm_token)], dtype=np.int64), (form,), np.zeros(1), True)


def _keep_id(model: Model, word: str, kind: str) -> int:
    low = canonical(word)
    if low in model.index:
        return model.index[low]
    if kind == "mixed":
        return model.index[CODE]
    if word.isupper() and len(word) > 1:
        return model.index[ABBR]
    return model.index[UNK]


def _select(model: Model, items: dict[int, tuple[float, str | None]], cap: int, keep: int | None) -> Cands:
    """Top `cap` candidates by channel + unigram; `keep` (an id) always survives."""
    ranked = sorted(items.items(), key=lambda kv: (-(kv[1][0] + float(model.uni_freq[kv[0]])), kv[0]))
    chosen = ranked[:cap]
    if keep is not None and all(i != keep for i, _ in chosen):
        chosen[-1] = (keep, items[keep])
    ids = np.array([i for i, _ in chosen], dtype=np.int64)
    return Cands(ids, tuple(v[1] for _, v in chosen), np.array([v[0] for _, v in chosen]))


#: Tone marks (the vowel-quality marks of â ê ô ơ ư ă and đ are letters, not tones).
_TONES = "\u0300\u0301\u0303\u0309\u0323"
#: The vowel-quality marks (circumflex, breve, horn) of â ê ô ă ơ ư.
_VOWEL_MARKS = "\u0302\u0306\u031b"
#: Channel cost (nats) of reading a different tone than the OCR printed: the LM must
#: prefer the other tone by more than this to change it. Measured on the cells extracted
#: from the three reference scans (scan300) and on their 1,116 truth cells: cost 2 fixed
#: 37 OCR'd cells, broke 5 and changed 5 truth cells; cost 4: 37 / 3 / 3; cost 6:
#: 35 / 0 / 0; with ALL-CAPS words included (single letters excluded), cost 6: 43 / 0 / 0.
#: (In-sample: the LM is trained on those truth files too.)
TONE_CHANGE_COST = 6.0
#: … and of reading another vowel quality (a ă â, e ê, o ô ơ, u ư: "chuãn" for "chuẩn",
#: "Đãy" for "Đẩy", Tesseract `vie` drops or swaps the hat under a tone mark).
VOWEL_CHANGE_COST = 6.0
#: A word OCR read as no valid syllable ("ốn", "chuãn") is wrong as it stands: keeping it
#: costs this much against the syllables that differ from it by marks only.
KEEP_MISREAD = 4.0
#: … and a syllable one letter away from it (a letter misread: "thuệc" for "thuộc",
#: "kiếrn" for "kiểm") costs this, plus `MARK_MISMATCH` when its marks differ.
MISREAD_EDIT_COST = 3.0
#: Glyphs a Latin-script OCR splits in two (or joins), read → meant, in folded letters.
GLYPH_SPLITS = (("rn", "m"), ("ri", "n"), ("rr", "m"), ("cl", "d"), ("li", "h"), ("ii", "u"), ("in", "m"))


def _marks_agree(read: str, form: str) -> bool:
    """Whether the marks OCR printed are those of `form` (same tone, same vowel hats)."""
    def marks(w: str) -> list[str]:
        return sorted(c for c in unicodedata.normalize("NFD", w.lower()) if c in _TONES + _VOWEL_MARKS)
    return marks(read) == marks(form)


def _strip(word: str, marks: str) -> str:
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", word.lower()) if c not in marks))


def toneless(word: str) -> str:
    """`word` lower-cased without its tone mark ("tổ" → "tô", "Kiếm" → "kiêm")."""
    return _strip(word, _TONES)


def letters_only(word: str) -> str:
    """`word` lower-cased without tone and vowel-quality marks, đ kept ("Đẩy" → "đay")."""
    return _strip(word, _TONES + _VOWEL_MARKS)


_TONE_NAMES = {"\u0300": "huyen", "\u0301": "sac", "\u0303": "nga", "\u0309": "hoi", "\u0323": "nang"}


def _tone_and_hat(word: str) -> tuple[str, bool]:
    marks = unicodedata.normalize("NFD", word.lower())
    return (next((_TONE_NAMES[c] for c in marks if c in _TONE_NAMES), "ngang"),
            any(c in _VOWEL_MARKS for c in marks))


@lru_cache(maxsize=1)
def tone_channel() -> dict[tuple[str, str, bool], float]:
    """(tone printed, tone read, vowel with a hat) → channel cost, learned from the TUNE
    scans by `bench.ocr_channel` (`data/ocr_tone_channel.tsv`): Tesseract `vie` reads the
    hook over a hatted vowel as an acute one time in ten ("đối mới" for "đổi mới")."""
    path = DATA / "ocr_tone_channel.tsv"
    if not path.exists():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines()[2:]:
        printed, read, hat, cost = line.split("\t")
        out[(printed, read, hat == "1")] = float(cost)
    return out


def tone_change_cost(candidate: str, read: str) -> float:
    """What it costs to take `candidate` for the syllable OCR read as `read` (the same
    letters, another tone): the learned channel cost, else `TONE_CHANGE_COST`."""
    printed, hat = _tone_and_hat(candidate)
    return tone_channel().get((printed, _tone_and_hat(read)[0], hat), TONE_CHANGE_COST)


def mark_slip_candidates(model: Model, word: str) -> Cands:
    """A word read by OCR whose marks may be misread (Tesseract `vie` confuses hook and
    acute over a circumflex, "tố chức" for "tổ chức", and drops or swaps vowel hats,
    "chuãn" for "chuẩn"): the syllables with the same letters and other marks. A valid
    syllable as read costs nothing, another tone its learned channel cost
    (`tone_change_cost`, at most `TONE_CHANGE_COST`), another vowel
    quality `VOWEL_CHANGE_COST`; a word that is no syllable costs `KEEP_MISREAD` to keep,
    and when no syllable has its letters, those one letter away are its candidates
    (`MISREAD_EDIT_COST`)."""
    keep = _keep_id(model, word, "word")
    if model.by_letters is None:
        groups: dict[str, list[int]] = {}
        for i, form in enumerate(model.vocab):
            if form and form[0].isalpha() and form in syllable_inventory():
                groups.setdefault(letters_only(form), []).append(i)
        model.by_letters = {k: tuple(v) for k, v in groups.items()}
    base = toneless(word)
    valid = is_syllable(word)
    items = {}
    for i in model.by_letters.get(letters_only(word), ()):
        same_vowels = toneless(model.vocab[i]) == base
        if not valid:
            cost = 0.0 if same_vowels else 0.5
        else:
            cost = tone_change_cost(model.vocab[i], word) if same_vowels else VOWEL_CHANGE_COST
        items[i] = (-cost, model.vocab[i])
    if not items and word.isalpha() and not word.isupper():  # a letter misread: "kiếrn", "thuệc"
        inv = syllable_inventory()
        skel = fold(word)
        near = set(model.edit_neighbours(skel))
        for seen, meant in GLYPH_SPLITS:  # one glyph read as two: "rn" for "m"
            near.update(skel[:i] + meant + skel[i + len(seen):] for i in range(len(skel)) if skel.startswith(seen, i))
        for f in sorted(near):
            for i in model.by_fold.get(f, ()):
                if model.vocab[i] in inv:
                    mismatch = 0.0 if _marks_agree(word, model.vocab[i]) else MARK_MISMATCH
                    items[i] = (-(MISREAD_EDIT_COST + mismatch), model.vocab[i])
    items[keep] = (0.0 if valid else -KEEP_MISREAD, None)
    if len(items) == 1:
        return _fixed(model, model.vocab[keep])
    return _select(model, items, MAX_CANDIDATES, keep)


def plain_candidates(model: Model, word: str) -> Cands:
    """A word of text that lost its marks (or never had them)."""
    low = canonical(word)
    if has_vowel_marks(word):
        if low in syllable_inventory():
            return _fixed(model, low)          # already accented and valid: keep as is
        f = fold(word)                          # accented but invalid: re-accent
        ids = model.by_fold.get(f, ())
        items = {i: (0.0, model.vocab[i]) for i in ids}
        keep = _keep_id(model, word, "word")
        items.setdefault(keep, (0.0, None))
        if keep in ids:
            items[keep] = (0.0, None)
        return _select(model, items, MAX_CANDIDATES, keep)
    f = fold(word)
    ids = model.by_fold.get(f, ())
    if "đ" in word.lower():
        ids = tuple(i for i in ids if model.vocab[i].startswith("đ")) or ids
    if not ids:
        form = model.code_parts.get(word) if word.isupper() else None   # BCDTW → BCĐTW
        return _fixed(model, low if low in model.index else model.vocab[_keep_id(model, word, "word")], form)
    items = {i: (0.0, model.vocab[i]) for i in ids[: MAX_CANDIDATES * 3]}
    if len(items) == 1:   # one accented form folds to it ("hoach" → "hoạch"): certain, not a mapping
        i = next(iter(items))
        return Cands(np.array([i], dtype=np.int64), (model.vocab[i],), np.zeros(1), False)
    return _select(model, items, MAX_CANDIDATES, None)


@lru_cache(maxsize=1)
def _rules_by_first() -> dict[str, tuple[tuple[Confusion, bool], ...]]:
    """Confusion rules indexed by the lower-cased first observed character, with a flag
    "observed has marks" (then it matches the unfolded token)."""
    out: dict[str, list[tuple[Confusion, bool]]] = {}
    for r in load_confusions():
        out.setdefault(r.observed[0].lower(), []).append((r, has_marks(r.observed)))
    return {k: tuple(v) for k, v in out.items()}


def _rewrites(token: str) -> dict[tuple[str, bool], float]:
    """OCR confusion rewrites of `token`: (folded skeleton, must start with đ) → cost."""
    orig = unicodedata.normalize("NFC", token)
    src = fold_keep_case(orig)
    by_first = _rules_by_first()
    n = len(src)
    out: dict[tuple[str, bool], float] = {}

    def rec(i: int, acc: str, cost: float, n_rules: int, dd: bool) -> None:
        if cost > 4.5:
            return
        if i == n:
            key = (acc, dd)
            if cost < out.get(key, 1e9):
                out[key] = cost
            return
        rec(i + 1, acc + src[i].lower(), cost, n_rules, dd)
        if n_rules >= 3:
            return
        firsts = {src[i].lower(), orig[i].lower()}
        for f in firsts:
            for r, marked in by_first.get(f, ()):
                o = r.observed
                if (r.where == "start" and i != 0) or (r.where == "inner" and i == 0):
                    continue
                if r.where == "end" and i + len(o) != n:
                    continue
                seg = (orig if marked else src)[i : i + len(o)]
                if seg != o and not (o == o.lower() and seg.lower() == o):
                    continue
                is_dd = r.intended == "đ"
                rec(i + len(o), acc + ("d" if is_dd else r.intended), cost + r.cost, n_rules + 1, dd or is_dd)

    rec(0, "", 0.0, 0, False)
    return out


def ocr_candidates(model: Model, word: str, kind: str) -> Cands:
    """A token read by an OCR that does not know Vietnamese."""
    inv = syllable_inventory()
    low = canonical(word)
    valid = kind == "word" and low in inv
    marked = has_vowel_marks(word)
    items: dict[int, tuple[float, str | None]] = {}

    def add(i: int, score: float, form: str | None) -> None:
        if i not in items or score > items[i][0]:
            items[i] = (score, form)

    for (skel, dd), cost in _rewrites(word).items():
        base = cost + (VALID_REWRITE if valid and cost > 0 else 0.0)
        for i in model.by_fold.get(skel, ()):
            form = model.vocab[i]
            if dd and not form.startswith("đ"):
                continue
            if form not in inv and not (kind == "word" and cost == 0):
                continue  # rewrites only into real syllables
            s = -base
            if form == low:
                s += 0.0
            elif marked:
                s -= MARK_MISMATCH if has_marks(form) else MARK_MISMATCH + MARKS_LOST
            add(i, s, form)
    skel = fold(word)
    restorable = skel in folded_inventory()
    if not valid and skel.isalpha() and (not restorable or len(skel) <= 3):
        edit_cost = EDIT_COST_SHORT if restorable else EDIT_COST
        for f in model.edit_neighbours(skel):
            for i in model.by_fold.get(f, ()):
                if model.vocab[i] in inv:
                    add(i, -edit_cost - (MARKS_LOST if marked and not has_marks(model.vocab[i]) else 0.0),
                        model.vocab[i])
    keep = None
    abbr = kind == "word" and word.isupper() and any(model.vocab[i] not in inv for i in model.by_fold.get(skel, ()))
    if not valid and not abbr:
        keep = _keep_id(model, word, kind)
        cost = KEEP_RESTORABLE if kind == "word" and restorable else KEEP_UNKNOWN
        cost += model.class_cost.get(model.vocab[keep], 0.0)
        if keep not in items:
            items[keep] = (-cost, None)
        else:
            items[keep] = (max(items[keep][0], -cost), None)
    elif model.index.get(low) is not None:
        i = model.index[low]
        items[i] = (max(items.get(i, (-9.0, None))[0], 0.0), None if kind == "word" else low)
        keep = i
    if len(items) == 1:
        (i, (s, form)), = items.items()
        return Cands(np.array([i], dtype=np.int64), (form,), np.zeros(1), form is None)
    return _select(model, items, MAX_CANDIDATES_OCR, keep)


def candidates(model: Model, tok: Tok, ocr: bool, only_invalid: bool = False, tones: bool = False) -> Cands:
    """The candidates of one token (cached per model). `only_invalid`: a token that is
    already a valid syllable, or a code, stays as it is. `tones`: only the tone of a
    valid syllable may change (OCR'd text); everything else stays."""
    key = (tok.text, tok.kind, ocr, only_invalid, tones)
    c = model._cands.get(key)
    if c is not None:
        return c
    if tones:
        if tok.kind == "word" and len(tok.text) > 1 and (fold(tok.text) in folded_inventory()
                                                          or not tok.text.isupper()):  # not "I" of "Quý I", not UBND
            c = mark_slip_candidates(model, tok.text)
        else:
            keep = canonical(tok.text) if tok.kind == "word" else lm_class(tok.text, tok.kind)
            c = _fixed(model, keep if keep in model.index else model.vocab[_keep_id(model, tok.text, tok.kind)])
    elif only_invalid and (tok.kind != "word" or is_syllable(tok.text) or tok.text.isupper()):
        lm = canonical(tok.text) if tok.kind == "word" else lm_class(tok.text, tok.kind)
        c = _fixed(model, lm if lm in model.index else model.vocab[_keep_id(model, tok.text, tok.kind)])
    elif tok.kind == "word":
        c = ocr_candidates(model, tok.text, "word") if ocr else plain_candidates(model, tok.text)
    elif tok.kind == "mixed" and ocr and len(tok.text) <= 6:
        c = ocr_candidates(model, tok.text, "mixed")
    elif tok.kind == "code":
        c = _fixed(model, lm_class(tok.text, tok.kind), _code_form(model, tok.text))
    else:
        c = _fixed(model, lm_class(tok.text, tok.kind))
    if len(model._cands) < 200_000:
        model._cands[key] = c
    return c


_CODE_PART = re.compile(r"[^\W\d_]+")


def _code_form(model: Model, code: str) -> str | None:
    """"QD-TTg" → "QĐ-TTg" when the corpus writes that part with Đ; None = unchanged."""
    def sub(m: re.Match[str]) -> str:
        part = m.group()
        if not part.isupper() or len(part) < 2 or has_marks(part):
            return part
        return model.code_parts.get(part, part)

    out = _CODE_PART.sub(sub, code)
    return out if out != code else None


# ====================================================================== decoding

class TokenRestoration(NamedTuple):
    original: str
    restored: str
    confidence: float
    flagged: bool


@dataclass
class Restoration:
    text: str
    tokens: list[TokenRestoration]          # every non-space token, in order
    spans: list[tuple[int, int]]            # (start, end) of each token in the input
    ocr_mode: bool
    tone_style: str | None                  # placement the restored syllables were given

    @property
    def changed(self) -> list[TokenRestoration]:
        return [t for t in self.tokens if t.original != t.restored]

    @property
    def flagged(self) -> list[TokenRestoration]:
        return [t for t in self.tokens if t.flagged]


def apply_case(src: str, form: str) -> str:
    """Give `form` (lower case) the case pattern of `src`."""
    letters = [c for c in src if c.isalpha()]
    if not letters:
        return form
    if form.startswith("l") and src[:1] == "I" and len(letters) > 1 and letters[1].islower():
        return form          # "Iy" → "lý": the capital I was a lower-case l
    n_up = sum(c.isupper() for c in letters)
    if len(letters) > 1 and n_up > len(letters) - n_up:
        return form.upper()
    if letters[0].isupper():
        return form[:1].upper() + form[1:]
    return form


def ocr_junk(tok: Tok, model: Model | None = None) -> bool:
    """A token an English OCR made of a Vietnamese word: letters mixed with digits or
    symbols (``c6``, ``hi€u``), an accented word that is no syllable (``trién``), a word
    no syllable folds to and the LM does not know (``ctia``, ``nudc``), or a short
    capitalised word one cheap confusion away from a syllable (``PAO`` = ĐẠO)."""
    if tok.kind == "mixed":
        return any(c.isalpha() for c in tok.text) and len(tok.text) <= 6
    if tok.kind != "word":
        return False
    w = tok.text
    if has_vowel_marks(w):
        return not is_syllable(w)
    f = fold(w)
    if model is not None and f in model.by_fold:
        # a rare syllable one cheap confusion away from a common one: PAO (pào) = ĐẠO
        own = float(model.uni_freq[model.by_fold[f][0]])
        if own > RARE_FREQ:
            return False
        key = ("junk", w)
        if key not in model._cands:
            best = max((float(model.uni_freq[i]) for (sk, _), c in _rewrites(w).items() if 0 < c <= 0.5
                        for i in model.by_fold.get(sk, ())), default=-1e9)
            model._cands[key] = best - own > JUNK_MARGIN
        return model._cands[key]
    if f in folded_inventory():
        return False
    if w.isupper() and len(w) > 1:
        return len(w) <= 4 and any(c <= 1.0 and s in folded_inventory() for (s, _), c in _rewrites(w).items())
    return True


def looks_ocr(toks: list[Tok], model: Model | None = None) -> bool:
    """True if the text reads like English-OCR output: at least one junk token
    (`ocr_junk`) and junk is ≥ 10 % of its words."""
    n = bad = 0
    for t in toks:
        if t.kind in ("word", "mixed"):
            n += 1
            bad += ocr_junk(t, model)
    return bad >= 1 and bad / n >= 0.10


def restore(text: str, model: Model | None = None, *, ocr: bool | None = None,
            tone_style: str | None = None, threshold: float = FLAG_THRESHOLD,
            only_invalid: bool = False) -> Restoration:
    """Restore diacritics (and, in OCR mode, letter confusions) in `text`.

    `ocr`: None decides from the text (`looks_ocr`). `tone_style`: placement of restored
    syllables ("old"/"new"); None follows the text's own accented syllables, else "old".
    `only_invalid`: decode only the words that are no valid syllable as written ("cach",
    "câp"); every valid word keeps its spelling. A line break continues the sentence
    (wrapped text); a blank line ends it.
    """
    return restore_many([text], model, ocr=ocr, tone_style=tone_style, threshold=threshold,
                        only_invalid=only_invalid)[0]


def restore_many(texts: list[str], model: Model | None = None, *, ocr: bool | None = None,
                 tone_style: str | None = None, threshold: float = FLAG_THRESHOLD,
                 only_invalid: bool = False, tones: bool = False) -> list[Restoration]:
    """`restore` over many texts (e.g. the cells of a table) with the LM look-ups of all
    of them batched: the same result as one `restore` per text, several times faster."""
    model = model or default_model()
    N = model.order
    pad = Cands(np.array([model.index[BOS]], dtype=np.int64), (None,), np.zeros(1), True)
    end = Cands(np.array([model.index[EOS]], dtype=np.int64), (None,), np.zeros(1), True)
    docs = []
    segs: list[list[Cands]] = []
    owners: list[tuple[int, list[int]]] = []
    for d, text in enumerate(texts):
        text = unicodedata.normalize("NFC", text)
        toks = tokenize(text)
        mode = looks_ocr(toks, model) if ocr is None else ocr
        style = tone_style or (None if text.isascii() else detect_tone_style(text)) or CANONICAL_STYLE
        docs.append((text, toks, mode, style))
        cur_c, cur_t = [pad] * (N - 1), [-1] * (N - 1)
        for ti, t in enumerate(toks):
            if t.kind == "space":
                if t.text.count("\n") >= 2 and len(cur_c) > N - 1:   # a blank line ends a paragraph
                    segs.append(cur_c + [end])
                    owners.append((d, cur_t + [-1]))
                    cur_c, cur_t = [pad] * (N - 1), [-1] * (N - 1)
                continue
            cur_c.append(candidates(model, t, mode, only_invalid, tones))
            cur_t.append(ti)
        if len(cur_c) > N - 1:
            segs.append(cur_c + [end])
            owners.append((d, cur_t + [-1]))

    paths, confs = _decode(model, segs)

    chosen: list[dict[int, tuple[Cands, int, float]]] = [dict() for _ in texts]
    for (d, tis), seg, path, conf in zip(owners, segs, paths, confs):
        for ti, c, j, p in zip(tis, seg, path, conf):
            if ti >= 0:
                chosen[d][ti] = (c, j, p)
    return [_assemble(docs[d], chosen[d], threshold) for d in range(len(texts))]


def _assemble(doc, chosen: dict[int, tuple[Cands, int, float]], threshold: float) -> Restoration:
    text, toks, mode, style = doc
    out_parts: list[str] = []
    tokens: list[TokenRestoration] = []
    spans: list[tuple[int, int]] = []
    for ti, t in enumerate(toks):
        if t.kind == "space":
            out_parts.append(t.text)
            continue
        c, j, p = chosen[ti]
        form = c.forms[j]
        if form is None:
            new = t.text
        elif t.kind == "code" or c.fixed:
            new = form if t.kind == "code" else apply_case(t.text, form)
            p = min(p, 0.9)
        else:
            if style != CANONICAL_STYLE:
                form = normalize_tone_placement(form, style)
            new = apply_case(t.text, form)
            if canonical(new) == canonical(t.text) and new.lower() == t.text.lower():
                new = t.text
        unrepaired = form is None and t.kind in ("word", "mixed") and not is_syllable(t.text) and (
            (mode and not (t.kind == "word" and t.text.isupper() and len(t.text) > 1))
            or (t.kind == "word" and has_vowel_marks(t.text)))
        if unrepaired:
            p = min(p, 0.3)
        tokens.append(TokenRestoration(t.text, new, round(float(p), 4), bool(p < threshold)))
        spans.append((t.start, t.end))
        out_parts.append(new)
    return Restoration("".join(out_parts), tokens, spans, bool(mode), style)


PRUNE_RELATIVE = 1e-3   # coarse pass: drop candidates whose best bigram path is < 1e-3 × the best
PRUNE_KEEP = 4          # … and keep at most 4 per position for the trigram pass
DIRECT_MAX_TRIGRAMS = 4000  # a lattice with fewer trigram paths is decoded exactly, unpruned
_NEG = -1e9
_BATCH_CELLS = 60_000   # positions × candidates per dense batch


def _decode(model: Model, segs: list[list[Cands]]) -> tuple[list[list[int]], list[list[float]]]:
    """Best candidate and its confidence for every position of every segment.

    Segments are decoded in dense batches (segments × positions × candidates), so the
    number of numpy calls grows with the longest segment, not with the token count."""
    if model.order != 3:
        raise ValueError("the decoder is written for trigram models")
    order = sorted(range(len(segs)), key=lambda s: len(segs[s]))
    paths: list[list[int]] = [[] for _ in segs]
    confs: list[list[float]] = [[] for _ in segs]
    i = 0
    while i < len(order):
        T = len(segs[order[i]])
        j = i + 1
        while j < len(order):
            T = len(segs[order[j]])
            K = max(len(c.ids) for s in order[i : j + 1] for c in segs[s])
            if (j + 1 - i) * T * K * K > _BATCH_CELLS:
                break
            j += 1
        batch = order[i:j]
        p, c = _decode_dense(model, [segs[s] for s in batch])
        for s, ps, cs in zip(batch, p, c):
            paths[s], confs[s] = ps, cs
        i = j
    return paths, confs


def _decode_dense(model: Model, segs: list[list[Cands]]) -> tuple[list[list[int]], list[list[float]]]:
    S = len(segs)
    T = max(len(s) for s in segs)
    K = max(len(c.ids) for s in segs for c in s)
    eos = np.uint64(model.index[EOS])
    ID = np.full((S, T, K), eos, dtype=np.uint64)
    CH = np.full((S, T, K), _NEG)
    real = np.zeros((S, T), dtype=bool)       # a token or </s> (not <s>, not padding)
    n_c = np.ones((S, T), dtype=np.int64)
    si, ti, ki, sizes = [], [], [], []
    for s, seg in enumerate(segs):
        for t, c in enumerate(seg):
            m = len(c.ids)
            si += [s] * m
            ti += [t] * m
            ki += range(m)
            sizes.append(m)
        CH[s, len(seg):, 0] = 0.0
        real[s, 2 : len(seg)] = True
    flat = [c for seg in segs for c in seg]
    ID[si, ti, ki] = np.concatenate([c.u for c in flat])
    CH[si, ti, ki] = np.concatenate([c.chan for c in flat])
    n_c[[s for s, seg in enumerate(segs) for _ in seg], [t for seg in segs for t in range(len(seg))]] = sizes
    valid = CH > _NEG / 2

    # ---- coarse pass: bigram max-marginals (best path through each candidate), prune;
    #      skipped when the full trigram lattice is small enough to decode exactly
    combos = int((n_c[:, :-2] * n_c[:, 1:-1] * n_c[:, 2:]).sum()) if T > 2 else 0
    if combos <= DIRECT_MAX_TRIGRAMS:
        K3 = K
        keep = np.broadcast_to(np.arange(K), (S, T, K))
        ok, ID3, CH3 = valid, ID, CH
    else:
        M2 = valid[:, :-1, :, None] & valid[:, 1:, None, :] & real[:, 1:, None, None]
        LP2 = np.zeros((S, T - 1, K, K))
        if M2.any():
            key2 = (ID[:, :-1, :, None] << _SH16) | ID[:, 1:, None, :]
            LP2[M2] = model.score_keys(key2[M2], 2)
        W2 = LP2 + CH[:, 1:, None, :]                                         # arc t-1 → t, with t's channel
        A = np.empty((S, T, K))
        A[:, 0] = CH[:, 0]
        a = A[:, 0]
        for t in range(1, T):
            a = (a[:, :, None] + W2[:, t - 1]).max(axis=1)
            A[:, t] = a
        B = np.zeros((S, T, K))
        b = B[:, T - 1]
        for t in range(T - 1, 0, -1):
            b = (W2[:, t - 1] + b[:, None, :]).max(axis=2)
            B[:, t - 1] = b
        post = A + B
        K3 = min(PRUNE_KEEP, K)
        keep = np.argsort(-post, axis=2, kind="stable")[:, :, :K3]            # (S, T, K3)
        kpost = np.take_along_axis(post, keep, 2)
        ok = (kpost >= kpost[:, :, :1] + math.log(PRUNE_RELATIVE)) & np.take_along_axis(valid, keep, 2)
        ID3 = np.take_along_axis(ID, keep, 2)
        CH3 = np.where(ok, np.take_along_axis(CH, keep, 2), _NEG)

    # ---- exact trigram Viterbi on the pruned lattice
    M3 = ok[:, :-2, :, None, None] & ok[:, 1:-1, None, :, None] & ok[:, 2:, None, None, :] & real[:, 2:, None, None, None]
    LP3 = np.zeros((S, T - 2, K3, K3, K3))
    if M3.any():
        key3 = (ID3[:, :-2, :, None, None] << np.uint64(32)) | (ID3[:, 1:-1, None, :, None] << _SH16) | ID3[:, 2:, None, None, :]
        LP3[M3] = model.score_keys(key3[M3], 3)
    W3 = LP3 + CH3[:, 2:, None, None, :]
    delta = CH3[:, 0, :, None] + CH3[:, 1, None, :]                        # (S, K3, K3)
    backs = np.empty((S, T, K3, K3), dtype=np.int64)
    for t in range(2, T):
        tot = delta[:, :, :, None] + W3[:, t - 2]
        backs[:, t] = tot.argmax(axis=1)
        delta = tot.max(axis=1)
    last = delta.reshape(S, -1).argmax(axis=1).tolist()
    bl = backs.tolist()
    p3 = []
    for s in range(S):
        row = [0] * T
        row[T - 2], row[T - 1] = divmod(last[s], K3)
        bs = bl[s]
        for t in range(T - 1, 1, -1):
            row[t - 2] = bs[t][row[t - 1]][row[t]]
        p3.append(row)
    path3 = np.array(p3, dtype=np.int64)
    path = np.take_along_axis(keep, path3[:, :, None], 2)[:, :, 0]         # (S, T) original index

    # ---- confidence: local posterior with the chosen neighbours fixed
    X = np.take_along_axis(ID, path[:, :, None], 2)[:, :, 0]                # (S, T)
    amb = (n_c > 1) & real
    score = np.zeros((S, T, K))
    if T > 2:
        sh32 = np.uint64(32)
        m0 = amb[:, 2:, None] & valid[:, 2:]                                  # window (t-2, t-1, t)
        m1 = amb[:, 1:-1, None] & valid[:, 1:-1] & real[:, 2:, None]          # window (t-1, t, t+1)
        m2 = amb[:, :-2, None] & valid[:, :-2] & real[:, 2:, None]            # window (t, t+1, t+2)
        k0 = ((X[:, :-2, None] << sh32) | (X[:, 1:-1, None] << _SH16) | ID[:, 2:])[m0]
        k1 = ((X[:, :-2, None] << sh32) | (ID[:, 1:-1] << _SH16) | X[:, 2:, None])[m1]
        k2 = ((ID[:, :-2] << sh32) | (X[:, 1:-1, None] << _SH16) | X[:, 2:, None])[m2]
        if len(k0) + len(k1) + len(k2):
            lp = model.score_keys(np.concatenate([k0, k1, k2]), 3)
            part = np.zeros((S, T - 2, K))
            part[m0] = lp[: len(k0)]
            score[:, 2:] += part
            part[:] = 0.0
            part[m1] = lp[len(k0) : len(k0) + len(k1)]
            score[:, 1:-1] += part
            part[:] = 0.0
            part[m2] = lp[len(k0) + len(k1) :]
            score[:, :-2] += part
    score = np.where(valid, score + CH, -np.inf)
    score -= score.max(axis=2, keepdims=True)
    e = np.exp(score)
    conf = np.take_along_axis(e, path[:, :, None], 2)[:, :, 0] / e.sum(axis=2)
    conf = np.where(amb, conf, 1.0)
    return ([path[s, : len(seg)].tolist() for s, seg in enumerate(segs)],
            [conf[s, : len(seg)].tolist() for s, seg in enumerate(segs)])
