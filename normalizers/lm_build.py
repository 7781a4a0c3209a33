"""Build the syllable n-gram language model (``normalizers/lm.py``) the restorer uses;
`load_or_build` / `default_model` load it, building it first when it is missing.

``python -m normalizers.lm_build [--out build/lm] [--exclude plan2026 ...] [--order 3|4]``

Training text (``/work/shared/corpus``, found as ``<repo>/../shared/corpus``):

- ``admin_official_docs`` (1.2 M syllables, the provincial register) × ADMIN_WEIGHT;
- ``legal_congbot`` (0.07 M) × 1;
- ``legal_phapdien`` (18.4 M, codified national law): every LEGAL_EVERY-th line only;
- the correct Vietnamese of ``tests/corpus/*/truth.json`` (distinct cells) and of
  ``tests/corpus/plan2025h2/narrative.txt`` × IN_DOMAIN_WEIGHT, minus ``exclude_plans``;
- ``normalizers/data/lexicon_admin.txt`` (agency names and set phrases) × IN_DOMAIN_WEIGHT.

Every word is lower-cased and put in one tone placement before counting ("old": hòa,
thủy — 95 % of the corpus), so hòa/hoà are one type. Numbers, dates, codes and
punctuation become class tokens (``<num>``, ``<date>``, ``<code>``, ``,`` …). The
vocabulary is the whole syllable inventory plus non-syllable words seen ≥ MIN_EXTRA
times (abbreviations like ``ubnd``, ``hđnd``, list letters, loanwords); the rest is
``<unk>`` / ``<abbr>``.

Counting is numpy (``normalizers/kneser_ney.py``): each order's n-grams are uint64
keys (16 bits per id) counted with ``np.unique``; weighting multiplies a source's counts.
Smoothing is interpolated modified Kneser–Ney (continuation counts below order 3), stored
in backoff form. Order 4 adds the 4-grams counted ≥ TOP_MIN_COUNT times to the same
trigram tables (`normalizers.rescore` reads them). Also counted: how often each word is
written in small letters or with a capital inside a sentence (``uni_case``:
`normalizers.case_channel`).

Output in ``out_dir``: one ``.npy`` per array, memory-mapped by
``normalizers.lm.load_model`` (a pickle or ``.npz`` costs seconds per load), ``vocab.txt``,
``meta.json`` (sources with sha256, sizes, discounts, code parts, ``content_sha256``).
The build is deterministic: two builds give the same ``content_sha256``.

Measured (2026-11-23): 31–38 s per build, 4.2 k / 221 k / 942 k n-grams of order 1–3.
Every 2nd legal line: no better (plan2026 0.9959 vs 0.9963); ADMIN_WEIGHT 6 or
IN_DOMAIN_WEIGHT 10 instead of 3 / 5: the same 0.9963.
"""
from __future__ import annotations

import os
import threading
import json
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from normalizers.kneser_ney import count_keys, kneser_ney, merge_counts, ngram_keys
from normalizers.lm import (
    MODEL_DIR, REPO, Model, default_model_dir, held_out_plans, load_model, model_exists, save_model,
)
from normalizers.case_channel import case_pattern, case_table, follows_a_word
from normalizers.syllables import canonical, fold, has_vowel_marks, syllable_inventory
from normalizers.tokens import ABBR, BOS, CODE, EOS, PUNCT_VOCAB, SPECIALS, UNK, lm_class, tokenize

#: The training corpus (../shared/corpus beside the repository); `CCHC_CORPUS` overrides.
CORPUS = Path(os.environ.get("CCHC_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus"))
TESTS_CORPUS = REPO / "tests" / "corpus"
PLANS = ("plan2021_2030", "plan2026", "plan2025h2")
LEXICON = Path(__file__).resolve().parent / "data" / "lexicon_admin.txt"

ORDER = 4
#: A model of order 4 keeps the trigram tables of the order-3 model (raw counts from
#: order 3 up: the decoder reads them as they are) and adds the 4-grams counted at least
#: this often (weighted), which `normalizers.rescore` reads.
TOP_MIN_COUNT = 3
#: Lines [start, end) of ``admin_official_docs`` that no model is ever trained on, so the
#: benchmark scores provincial text from authors the plans never saw
#: (`held_out_admin_text`). "dev": five documents of November 2025 (Hồ Chí Minh City, Huế,
#: Hà Nội, Hải Phòng, Đồng Nai; 17,972 syllables) — its errors were read while working on
#: the restorer. "test": the documents at lines 6163–6730 (a Prime Minister's decision and
#: Bình Phước / Đồng Nai health decisions; 22,218 syllables), only ever scored.
ADMIN_HELD_OUT = {"dev": (5598, 6087), "test": (6163, 6731)}
LEGAL_EVERY = 4          # keep 1 line in 4 of legal_phapdien (4.6 M of 18.4 M syllables)
ADMIN_WEIGHT = 3
IN_DOMAIN_WEIGHT = 5
MIN_EXTRA = 20           # weighted count for a non-syllable word to get its own id
TEXT_FIELDS = ("section_title", "objective", "task", "activity", "product",
               "lead_text", "coord_text", "timeline_text", "note")


@dataclass
class BuildReport:
    out_dir: Path
    seconds: float
    tokens: int
    vocab: int
    ngrams: dict[int, int]
    bytes: int


# ---------------------------------------------------------------- sources

def plan_cells(plan: str) -> list[str]:
    """Distinct text cells of a plan's truth.json, in document order (fill-down repeats
    removed; stt and section numerals left out)."""
    rows = json.loads((TESTS_CORPUS / plan / "truth.json").read_text(encoding="utf-8"))
    return list(dict.fromkeys(r[f] for r in rows for f in TEXT_FIELDS if r.get(f)))


def _gz_lines(path: Path, every: int = 1, skip: tuple[tuple[int, int], ...] = ()):
    import gzip   # gzip, hashlib and argparse only where used: `cchc repair` loads this module, never builds

    with gzip.open(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % every == 0 and not any(a <= i < b for a, b in skip):
                yield line.rstrip("\n")


def held_out_admin_text(split: str = "test") -> list[str]:
    """The lines of ``admin_official_docs`` of `split` ("dev" | "test"), kept out of every
    model (`ADMIN_HELD_OUT`)."""
    import gzip

    a, b = ADMIN_HELD_OUT[split]
    with gzip.open(CORPUS / "text" / "admin_official_docs.txt.gz", "rt", encoding="utf-8") as f:
        return [ln.rstrip("\n") for i, ln in enumerate(f) if a <= i < b]


def _sha256(path: Path) -> str:
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def training_sources(exclude_plans: tuple[str, ...] = (), legal_every: int = LEGAL_EVERY,
                     admin_weight: int = ADMIN_WEIGHT, in_domain_weight: int = IN_DOMAIN_WEIGHT):
    """(name, weight, path or None, line iterator) for every training source."""
    text = CORPUS / "text"
    if not (text / "admin_official_docs.txt.gz").exists():
        raise FileNotFoundError(
            f"the diacritic model's training corpus is not at {CORPUS} (expected text/*.txt.gz, see "
            "../shared/corpus/README.md); set CCHC_CORPUS to its folder, or copy a built build/lm/ here")
    out = [
        ("admin_official_docs (without the held-out lines "
         + ", ".join(f"{a}-{b - 1}" for a, b in ADMIN_HELD_OUT.values()) + ")", admin_weight,
         text / "admin_official_docs.txt.gz",
         _gz_lines(text / "admin_official_docs.txt.gz", skip=tuple(ADMIN_HELD_OUT.values()))),
        ("legal_congbot", 1, text / "legal_congbot.txt.gz", _gz_lines(text / "legal_congbot.txt.gz")),
        (f"legal_phapdien (1 line in {legal_every})", 1, text / "legal_phapdien.txt.gz",
         _gz_lines(text / "legal_phapdien.txt.gz", legal_every)),
    ]
    in_domain: list[str] = []
    for plan in PLANS:
        if plan in exclude_plans:
            continue
        in_domain += plan_cells(plan)
        if plan == "plan2025h2":
            in_domain += [ln for ln in (TESTS_CORPUS / plan / "narrative.txt").read_text(encoding="utf-8").splitlines() if ln.strip()]
    out.append(("tests/corpus truth" + (f" (without {', '.join(exclude_plans)})" if exclude_plans else ""),
                in_domain_weight, None, iter(in_domain)))
    if LEXICON.exists():
        lex = [ln.strip() for ln in LEXICON.read_text(encoding="utf-8").splitlines()
               if ln.strip() and not ln.startswith("#")]
        out.append(("lexicon_admin", in_domain_weight, LEXICON, iter(lex)))
    return out


# ---------------------------------------------------------------- tokens → ids

class _Interner:
    """Raw token → provisional id, with the class/canonical form computed once."""

    def __init__(self) -> None:
        self.pid: dict[tuple[str, str], int] = {}
        self.names: list[str] = []       # provisional id → LM string
        self.upper: list[bool] = []      # written in capitals (abbreviation) when not a syllable
        self.cache: dict[tuple[str, str], int] = {}
        self.name_id: dict[str, int] = {}

    def get(self, text: str, kind: str) -> int:
        key = (text, kind)
        p = self.cache.get(key)
        if p is not None:
            return p
        if kind == "word":
            name = canonical(text)
            upper = text.isupper() and len(text) > 1
        else:
            name = lm_class(text, kind)
            upper = False
        p = self.name_id.get(name)
        if p is None:
            p = len(self.names)
            self.name_id[name] = p
            self.names.append(name)
            self.upper.append(upper)
        elif upper:
            self.upper[p] = True
        self.cache[key] = p
        return p


def _line_ids(line: str, interner: _Interner, code_parts: Counter,
              case_seen: list[tuple[int, int]] | None = None) -> list[int]:
    """LM ids (provisional) of one line; counts the capitalised parts of codes and the
    capitalised non-syllable words (QĐ, HĐND, BCĐTW) on the way, and appends (id, case
    pattern) of every word inside a sentence to `case_seen` (`normalizers.case_channel`)."""
    out = []
    inv = syllable_inventory()
    prev = None
    for t in tokenize(line):
        if t.kind == "space":
            continue
        if case_seen is not None and t.kind == "word" and follows_a_word(prev):
            pattern = case_pattern(t.text)
            if pattern is not None:
                case_seen.append((len(out), pattern))
        prev = t
        if t.kind == "code":
            for part in _CODE_PART.findall(t.text):
                if part.isupper() and len(part) >= 2:
                    code_parts[part] += 1
        elif t.kind == "word" and t.text.isupper() and len(t.text) >= 2 and canonical(t.text) not in inv:
            code_parts[t.text] += 1
        out.append(interner.get(t.text, t.kind))
    return out


_CODE_PART = re.compile(r"[^\W\d_]+")


# ---------------------------------------------------------------- build

def build(out_dir: str | Path | None = None, exclude_plans: tuple[str, ...] | list[str] = (), *,
          order: int = ORDER, legal_every: int = LEGAL_EVERY, admin_weight: int = ADMIN_WEIGHT,
          in_domain_weight: int = IN_DOMAIN_WEIGHT, verbose: bool = False) -> BuildReport:
    """Train the LM and write it to `out_dir` (default ``build/lm``)."""
    t0 = time.perf_counter()
    out = Path(out_dir) if out_dir else MODEL_DIR
    exclude_plans = tuple(exclude_plans)
    unknown = set(exclude_plans) - set(PLANS)
    if unknown:
        raise ValueError(f"unknown plans {sorted(unknown)}")
    interner = _Interner()
    code_parts: Counter = Counter()
    per_source: list[tuple[str, int, Path | None, np.ndarray, int]] = []
    case_parts: list[tuple[np.ndarray, np.ndarray, int]] = []    # (words, case patterns, weight)
    for name, weight, path, lines in training_sources(exclude_plans, legal_every, admin_weight, in_domain_weight):
        seqs: list[int] = []
        n_tok = 0
        case_seen: list[tuple[int, int]] = []
        for line in lines:
            seen: list[tuple[int, int]] = []
            ids = _line_ids(line, interner, code_parts, seen)
            if not ids:
                continue
            case_seen += [(ids[at], pattern) for at, pattern in seen]
            seqs.append(-1)                   # <s>, remapped below
            seqs.extend(ids)
            seqs.append(-2)                   # </s>
            n_tok += len(ids)
        per_source.append((name, weight, path, np.array(seqs, dtype=np.int64), n_tok))
        cases = np.array(case_seen, dtype=np.int64).reshape(-1, 2)
        case_parts.append((cases[:, 0], cases[:, 1], weight))
        if verbose:
            print(f"  {name}: {n_tok:,} tokens × {weight}  ({time.perf_counter() - t0:.1f} s)", flush=True)

    # vocabulary
    inv = syllable_inventory()
    weighted = np.zeros(len(interner.names), dtype=np.int64)
    for _, weight, _, X, _ in per_source:
        x = X[X >= 0]
        weighted += np.bincount(x, minlength=len(interner.names)) * weight
    extra = []
    for p, name in enumerate(interner.names):
        if name in inv or name in SPECIALS or name in PUNCT_VOCAB or name == "...":
            continue
        if weighted[p] >= MIN_EXTRA and name.isalpha() and (not has_vowel_marks(name))  \
                and len(name) <= 12:
            extra.append(name)
    vocab = list(SPECIALS) + sorted(set(PUNCT_VOCAB)) + sorted(inv) + sorted(set(extra) - inv)
    vocab = list(dict.fromkeys(vocab))
    if len(vocab) >= 1 << 16:
        raise RuntimeError("vocabulary does not fit 16-bit ids")
    index = {w: i for i, w in enumerate(vocab)}
    class_types: Counter = Counter()
    remap = np.empty(len(interner.names) + 2, dtype=np.int64)
    for p, name in enumerate(interner.names):
        if name in index:
            remap[p] = index[name]
        elif name in inv:
            remap[p] = index[name]
        else:
            remap[p] = index[ABBR] if interner.upper[p] else index[UNK if not name.startswith("<") else CODE]
            class_types[vocab[remap[p]]] += 1
    class_types[CODE] += sum(1 for (text, kind) in interner.cache if kind in ("code", "mixed")
                             and lm_class(text, kind) == CODE)
    remap[-1] = index[BOS]   # -1
    remap[-2] = index[EOS]   # -2
    bos = index[BOS]

    raw: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    total_tokens = 0
    for k in range(1, order + 1):
        parts = []
        for _, weight, _, X, n_tok in per_source:
            ids = remap[X]
            u, c = count_keys(ngram_keys(ids, k, bos))
            parts.append((u, c * weight))
            if k == 1:
                total_tokens += n_tok * weight
        raw[k] = merge_counts(parts)
        if verbose:
            print(f"  order {k}: {len(raw[k][0]):,} n-grams ({time.perf_counter() - t0:.1f} s)", flush=True)
    arrays, discounts = kneser_ney(raw, order, len(vocab), bos, raw_from=3,
                                   min_top_count=TOP_MIN_COUNT if order > 3 else 0)
    freq = np.zeros(len(vocab), dtype=np.float64)
    freq[raw[1][0].astype(np.int64)] = raw[1][1]
    arrays["uni_logfreq"] = np.log(freq + 0.5).astype(np.float32)   # raw frequency, for ranking candidates
    arrays["uni_case"] = case_table([(remap[ids], pat, w) for ids, pat, w in case_parts], len(vocab))

    # code parts written with Đ (QĐ, NĐ, HĐND, BCĐTW …)
    by_fold: dict[str, Counter] = {}
    for part, n in code_parts.items():
        by_fold.setdefault(fold(part).upper(), Counter())[part] += n
    code_table = {}
    for key, forms in sorted(by_fold.items()):
        best, n = max(forms.items(), key=lambda kv: (kv[1], kv[0]))
        if "Đ" in best and n >= 3 and n / sum(forms.values()) >= 0.9:
            code_table[key] = best

    import hashlib

    digest = hashlib.sha256("\n".join(vocab).encode("utf-8"))
    for name in sorted(arrays):
        digest.update(name.encode())
        digest.update(np.ascontiguousarray(arrays[name]).tobytes())
    seconds = time.perf_counter() - t0
    meta = {
        "content_sha256": digest.hexdigest(),   # same inputs → same hash (the build is deterministic)
        "built_by": "normalizers.lm_build",
        "exclude_plans": list(exclude_plans),
        "legal_every": legal_every,
        "tone_style": "old",
        "vocab_size": len(vocab),
        "class_types": dict(sorted(class_types.items())),
        "tokens_weighted": int(total_tokens),
        "ngrams": {str(k): int(len(raw[k][0])) for k in range(1, order + 1)},
        "discounts": {str(k): [round(d, 4) for d in v] for k, v in discounts.items()},
        "sources": [
            {"name": name, "weight": weight, "tokens": n_tok,
             "file": str(path.relative_to(path.parents[2])) if path else None,
             "sha256": _sha256(path) if path else None}
            for name, weight, path, _, n_tok in per_source
        ],
        "build_seconds": round(seconds, 1),
    }
    save_model(out, vocab, order, arrays, code_table, meta)
    size = sum(f.stat().st_size for f in out.iterdir())
    return BuildReport(out, seconds, int(total_tokens), len(vocab),
                       {k: int(len(raw[k][0])) for k in range(1, order + 1)}, size)


def load_or_build(path: str | Path | None = None) -> Model:
    """`normalizers.lm.load_model`, building the model first if it is missing (≈ 1 min;
    the default model is built without the plans `CCHC_LM_EXCLUDE` names)."""
    model_dir = Path(path) if path else default_model_dir()
    if not model_exists(model_dir):
        build(model_dir, exclude_plans=held_out_plans() if path is None else ())
    return load_model(model_dir)


_DEFAULT: dict[str, Model] = {}
_DEFAULT_LOCK = threading.Lock()  # documents extracted in parallel threads load it once


def default_model() -> Model:
    """The model of ``build/lm/``, loaded (or built) once per process, whatever the thread."""
    with _DEFAULT_LOCK:
        if "m" not in _DEFAULT:
            _DEFAULT["m"] = load_or_build()
        return _DEFAULT["m"]


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description="Build the Vietnamese syllable LM for diacritic restoration.")
    ap.add_argument("--out", default=str(MODEL_DIR), help="output directory (default build/lm)")
    ap.add_argument("--exclude", nargs="*", default=[], choices=PLANS, help="plans to leave out of training")
    ap.add_argument("--order", type=int, default=ORDER)
    ap.add_argument("--legal-every", type=int, default=LEGAL_EVERY)
    args = ap.parse_args()
    rep = build(args.out, tuple(args.exclude), order=args.order, legal_every=args.legal_every, verbose=True)
    print(f"built {rep.out_dir} in {rep.seconds:.1f} s: {rep.tokens:,} weighted tokens, vocab {rep.vocab:,}, "
          f"n-grams {rep.ngrams}, {rep.bytes / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
