"""Restore lost Vietnamese diacritics and undo OCR letter confusions: `restore`, `restore_many`.

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
   continues a sentence; a blank line ends it. The case of a word inside a sentence is
   evidence too: a capital marks a name ("Bình Phuoc" → Phước, not "phục";
   ``normalizers.case_channel``), in each candidate's channel cost.
3b. **Second pass** (``normalizers.rescore``): the words the decoder was unsure of are
   re-decided with their neighbours fixed, with the model's 4-grams (a model built with
   ``--order 4``) and the document's own evidence (pairs of words it was sure of
   elsewhere in the same batch: "Bình Phước" read right elsewhere in the file).
4. **Confidence**: the local posterior of the chosen candidate with its neighbours fixed
   (channel + the three trigrams it takes part in, softmax over all its candidates). A
   token below ``FLAG_THRESHOLD`` (0.6) is flagged and keeps the best guess; OCR junk left
   unrepaired and accented words that are no syllable are flagged too. Nothing changes
   without appearing in ``tokens``.

Measured with ``python -m bench.repair_bench`` (2 cores shared with other jobs, load
average 5–8, 2026-12-02); every figure from an LM built without the scored text:

- stripped to ASCII: plan2026 cells 0.9963 of syllables exact (0.9988 ignoring hòa/hoà
  placement); held-out admin text as one file (``lm_build.ADMIN_HELD_OUT``): "test"
  slice 0.9965, "dev" slice 0.9942 (its errors were read while tuning: "- tỉnh Bình
  Phước" → "tính", "Trần Thị" → "Thì", "nhà chờ" → "cho"); most-frequent-form baseline
  0.80–0.83, no repair 0.15–0.18.
- English OCR: plan2025h2 narrative 0.9831 (the hand confusion table was written from
  that scan: in-sample for the channel); the admin test slice typeset in FreeSerif and
  read by ``tesseract -l eng``, through ``repair_text`` (which also drops the horn read
  as "’", "?" or "@" at a word's end): 0.9640 with both confusion tables (0.9460 hand,
  0.9504 learned; no repair 0.1481).
- with the case channel and the 4-gram second pass (same bench, 2026-12-02, later):
  plan2026 cells 0.9971, admin test 0.9968, dev 0.9953 (tuned on); English OCR of the
  admin test slice 0.9644 (dev, tuned on: 0.9765); plan2025h2 narrative 0.9838 (with
  the learned OCR table of 432 pages and `capitals_amid_small`, 2026-12-03: test 0.9734,
  scored once; dev 0.9825; narrative 0.9856). The
  second pass costs no measurable CPU in ``cchc repair`` (median 1.31 s both, load 10+).
- correct text unchanged: 1.0000 on plan2026, plan2025h2 (held-out LMs) and both admin
  slices (22,218 + 17,972 syllables); 0.9999 on plan2021_2030 (in-sample).
- Restorers compared (bench table (r)): the pruned trigram decoder kept; exact trigram
  Viterbi without pruning (the whole lattice as the beam) gives the same figures ±0.0001
  at 60 % of the speed; a word-lexicon bonus (two-syllable words of
  ``../shared/corpus/wordlists/words.tsv`` in ≥ 2 source lists, 0.5 nats an arc) loses
  0.0001–0.0002 (1.0 nats: −0.0006 on dev). The remaining errors want context a trigram
  does not see (a proper name, "nhà chờ xe buýt"), not wider beams.
- Speed (2026-12-02, 2 cores loaded by other jobs, load average 12): ``cchc repair FILE``
  on the dev slice (17,972 syllables) end to end, 8 runs interleaved with the code before
  branch ``speed2``: CPU median 1.19 s with the decoder forked on the second core, 1.12 s
  on one core (15–16k syllables per CPU second), against 1.41 s (12.8k) before; 3.06·10⁹
  instructions against 3.49·10⁹ (callgrind). Of a run, ≈ 0.35 s is start-up (numpy import
  0.12–0.2 s, model load 0.1 s), ≈ 0.45 s the decoder (half of it n-gram look-ups; in two
  processes ≈ 0.2 s of wall time each), ≈ 0.1 s tokens, the rest Python bookkeeping.
- Design choices measured on the way: candidates ranked by KN unigram probability
  lost "theo dõi" (continuation counts rank dõi 9th of 27 forms) → ranked by raw
  frequency, where the right form is always in the top 6 on all truth files; taking
  every 2nd instead of every 4th line of the national-law corpus made the build 50 s
  and did not help (0.9959 vs 0.9963); keeping an unknown token cost nothing at first
  and the LM preferred ``<unk> <unk>`` over repairs (narrative 0.93) → its cost is the
  log of the number of strings sharing the class (narrative 0.98).

Module layout (imports go one way, from the bottom up): ``tone_placement`` →
``syllables`` (inventory, fold, canonical form) → ``encodings`` (TCVN3/VNI) and
``ocr_channel`` (what an OCR prints for what) → ``tokens`` → ``kneser_ney`` / ``lm``
(load, score) → ``lm_build`` (build, default model) → ``candidates`` → ``decode`` →
``restore`` (this module) → ``repair`` (the ordered passes). A test
(``tests/unit/test_module_layout.py``) fails on a cycle or a module over 400 lines.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from normalizers.candidates import Cands, Swaps, candidates, with_items
from normalizers.context_candidates import (
    context_ids, context_items, context_pairs, figures_as_letters, garbled_capitals, words_after,
)
from normalizers.case_channel import follows_a_word
from normalizers.decode import ORDER as DECODE_ORDER, decode
from normalizers.lm import Model
from normalizers.lm_build import default_model
from normalizers.ocr_channel import rewrites
from normalizers.rescore import rescore
from normalizers.syllables import (
    CANONICAL_STYLE, fold, folded_inventory, has_marks, has_vowel_marks, is_syllable, syllable_inventory,
)
from normalizers.tokens import BOS, EOS, Tok, tokenize
from normalizers.tone_placement import detect_tone_style, normalize_tone_placement, placement_as_read

FLAG_THRESHOLD = 0.6      # confidence below this is flagged
CUT_MIN = 12              # a segment is cut at two one-candidate tokens once it is this long
JUNK_MARGIN = 5.0          # OCR detection: ln-frequency gap that makes a rare syllable look like junk
RARE_FREQ = 4.0            # … checked only for syllables seen < e^4 ≈ 55 times


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
    if src.islower():
        return form          # the common case, decided without listing the letters
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


def _after_capitals(toks: Sequence[Tok], k: int) -> bool:
    """Whether the token before `toks[k]` (spaces aside) is a word in capitals of two
    letters or more: the title a token of capitals and figures stands in ("CHỈ D10,")."""
    before = next((t for t in reversed(toks[:k]) if t[1] != "space"), None)
    return before is not None and before[1] == "word" and len(before[0]) > 1 and before[0].isupper()


def capitals_amid_small(toks: Sequence[Tok]) -> set[int]:
    """Indices in `toks` of words of two or more letters that begin with a capital and
    have another after it ("SO", "BO:", "XAy") whose nearest words on both sides (one at a line's end) are in
    small letters or Title case. An English OCR reads a small letter under stacked marks
    (ở, ộ, ồ) as a capital: "Sở" → "SO"; a word in capitals amid small letters is
    rarer than that misreading."""
    words = [i for i, t in enumerate(toks) if t[1] == "word"]
    out = set()
    for k, i in enumerate(words):
        w = toks[i][0]
        if len(w) < 2 or not w[0].isupper() or not any(c.isupper() for c in w[1:]):
            continue
        near = [toks[words[j]][0] for j in (k - 1, k + 1) if 0 <= j < len(words)]
        if near and all(any(c.islower() for c in n) and not any(c.isupper() for c in n[1:]) for n in near):
            out.add(i)
    return out


def ocr_junk(tok: Tok, model: Model | None = None) -> bool:
    """`_ocr_junk`, remembered per model and token (a text repeats its words)."""
    if model is None:
        return _ocr_junk(tok, None)
    key = ("junk?", tok.text, tok.kind)
    hit = model._cands.get(key)
    if hit is None:
        hit = model._cands[key] = _ocr_junk(tok, model)
    return hit


def _ocr_junk(tok: Tok, model: Model | None = None) -> bool:
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
            best = max((float(model.uni_freq[i]) for (sk, _), c in rewrites(w).items() if 0 < c <= 0.5
                        for i in model.by_fold.get(sk, ())), default=-1e9)
            model._cands[key] = best - own > JUNK_MARGIN
        return model._cands[key]
    if f in folded_inventory():
        return False
    if w.isupper() and len(w) > 1:
        return len(w) <= 4 and any(c <= 1.0 and s in folded_inventory() for (s, _), c in rewrites(w).items())
    return True


def word_counts(toks: Sequence[Tok]) -> Counter[tuple[str, str]]:
    """How often each (text, kind) of the "word" and "mixed" tokens of `toks` occurs."""
    return Counter((text, kind) for text, kind, _, _ in toks if kind == "word" or kind == "mixed")


def looks_ocr(toks: Sequence[Tok], model: Model | None = None) -> bool:
    """True if the text reads like English-OCR output: at least one junk token
    (`ocr_junk`) and junk is ≥ 10 % of its words."""
    return counts_look_ocr(word_counts(toks), model)


def counts_look_ocr(counts: Counter[tuple[str, str]], model: Model | None = None) -> bool:
    """`looks_ocr` of the text whose `word_counts` are `counts`."""
    n = sum(counts.values())
    bad = sum(k for (text, kind), k in counts.items() if ocr_junk(Tok(text, kind, 0, 0), model))
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
                 only_invalid: bool = False, tones: bool = False, swaps: Swaps = ()) -> list[Restoration]:
    """`restore` over many texts (e.g. the cells of a table) with the LM look-ups of all
    of them batched: the same result as one `restore` per text, several times faster."""
    model = model or default_model()
    N = DECODE_ORDER
    pad = Cands(np.array([model.index[BOS]], dtype=np.int64), (None,), np.zeros(1), True)
    end = Cands(np.array([model.index[EOS]], dtype=np.int64), (None,), np.zeros(1), True)
    docs = []
    segs: list[list[Cands]] = []
    owners: list[tuple[int, int, int]] = []   # (text, first, end) of the positions a segment decides
    seen: dict[tuple, tuple[Cands, bool]] = {}   # (token, kind, mode, inner) → (candidates, only one)
    for d, text in enumerate(texts):
        text = unicodedata.normalize("NFC", text)
        toks = tokenize(text)
        mode = looks_ocr(toks, model) if ocr is None else ocr
        style = tone_style or (None if text.isascii() else detect_tone_style(text)) or CANONICAL_STYLE
        docs.append((text, toks, mode, style))
        cur_c = [pad] * (N - 1)                  # the first N-1 positions are context, decided before
        run = 0                                  # one-candidate positions just read
        prev = None                              # the token before, for the case channel
        read: list[tuple[str, Cands]] = []       # the tokens of the paragraph so far, as read, and their candidates
        for n_tok, t in enumerate(toks):
            ttext, kind = t[0], t[1]
            if kind == "space":
                if len(cur_c) > N - 1 and ttext.count("\n") >= 2:   # a blank line ends a paragraph
                    segs.append(cur_c + [end])
                    owners.append((d, N - 1, len(cur_c)))
                    cur_c = [pad] * (N - 1)
                    prev = None
                    read = []
                continue
            inner = follows_a_word(prev)
            prev = t
            # a garbled word in capitals: also the syllables its context continues with
            context: tuple[tuple[tuple[int, int], ...], tuple[int, ...]] = ((), ())
            letters = figures_as_letters(ttext) if tones and kind == "mixed" else None   # "D10", "S0"
            if tones and (kind == "word" and garbled_capitals(model, ttext) or letters):
                context = (context_pairs(model, read[-2:]), context_ids(model, words_after(toks, n_tok)))
            hit = seen.get((ttext, kind, mode, inner, context))
            if hit is None:
                c = candidates(model, t, mode, only_invalid, tones, inner, swaps)
                if any(context):
                    c = with_items(c, context_items(model, letters or ttext, *context, nearest=0 if letters else 1))
                hit = seen[ttext, kind, mode, inner, context] = (c, len(c.ids) == 1)
            read.append((ttext, hit[0]))
            cur_c.append(hit[0])
            run = run + 1 if hit[1] else 0
            if run >= N - 1 and len(cur_c) >= CUT_MIN:
                # N-1 positions with one candidate each: the paths before and after them
                # are independent given them, so the segment is cut there (exactly the
                # same decoding, confidences included) and the next one starts with them
                # as its context. Short segments batch well; one 17k-token lattice does not.
                segs.append(cur_c)
                owners.append((d, N - 1, len(cur_c)))
                cur_c = cur_c[-(N - 1):]
        if len(cur_c) > N - 1:
            segs.append(cur_c + [end])
            owners.append((d, N - 1, len(cur_c)))

    paths, confs = decode(model, segs)

    # every word token is decided by exactly one segment, in text order: per text, the
    # decided positions of its segments laid end to end are its word tokens in order
    picked: list[tuple[list[Cands], list[int], list[float]]] = [([], [], []) for _ in texts]
    for (d, a, b), seg, path, conf in zip(owners, segs, paths, confs):
        cs, js, ps = picked[d]
        cs += seg[a:b]
        js += path[a:b]
        ps += conf[a:b]
    if not only_invalid and not tones:
        # the second pass re-decides the unsure words of text that lost its marks or was
        # read by an English OCR; accented text keeps the decoder's few decisions (its
        # list letters "d)" stay: in the "invalid" mode the pass turned 3 of them into "đ)")
        rescore(model, [doc[1] for doc in docs], picked)
    return [_assemble(docs[d], picked[d], threshold) for d in range(len(texts))]


def _assemble(doc, picked: tuple[list[Cands], list[int], list[float]], threshold: float) -> Restoration:
    text, toks, mode, style = doc
    cs, js, ps = picked                      # candidates, choice, confidence of each word token, in order
    out_parts: list[str] = []
    tokens: list[TokenRestoration] = []
    spans: list[tuple[int, int]] = []
    made: dict[tuple[str, str], str] = {}    # (token, form) → output: a document repeats its words
    lone_caps = capitals_amid_small(toks) if mode else set()
    new_tr = tuple.__new__                   # TokenRestoration(...) without NamedTuple's Python __new__
    out_append, tok_append, span_append = out_parts.append, tokens.append, spans.append
    k = 0
    for n_tok, (ttext, kind, start, end) in enumerate(toks):
        if kind == "space":
            out_append(ttext)
            continue
        c, j, p = cs[k], js[k], ps[k]
        k += 1
        form = c.forms[j]
        if form is None:
            new = ttext
            if (kind == "word" or kind == "mixed") and not is_syllable(ttext) and (    # unrepaired
                    (mode and not (kind == "word" and ttext.isupper() and len(ttext) > 1))
                    or (kind == "word" and has_vowel_marks(ttext))):
                p = min(p, 0.3)
        elif kind == "code" or c.fixed:
            new = form if kind == "code" else apply_case(ttext, form)
            p = min(p, 0.9)
        elif n_tok in lone_caps and has_marks(form) and form in syllable_inventory():   # "SO" → "Sở"
            placed = form if style == CANONICAL_STYLE else normalize_tone_placement(form, style)
            new = placed[:1].upper() + placed[1:]
        elif kind == "mixed" and figures_as_letters(ttext) and _after_capitals(toks, n_tok):   # a title's "D10"
            new = (form if style == CANONICAL_STYLE else normalize_tone_placement(form, style)).upper()
        else:
            new = made.get((ttext, form))
            if new is None:
                placed = placement_as_read(form, ttext) or (
                    form if style == CANONICAL_STYLE else normalize_tone_placement(form, style))
                new = apply_case(ttext, placed)
                if new.lower() == ttext.lower():   # only the case differs (then the placement is the same too)
                    new = ttext
                made[ttext, form] = new
            if k == 1 and ttext.islower() and fold(new)[1:] == fold(ttext):   # a cell's first letter lost:
                new = new[:1].upper() + new[1:]                                # "ác sở" is "Các sở"
        p = float(p)                         # a Python float already (decode's .tolist())
        # 1.0 (an unambiguous token: a quarter of a stripped text's) needs no round(), a costly call
        tok_append(new_tr(TokenRestoration, (ttext, new, round(p, 4) if p != 1.0 else p, p < threshold)))
        span_append((start, end))
        out_append(new)
    return Restoration("".join(out_parts), tokens, spans, bool(mode), style)
