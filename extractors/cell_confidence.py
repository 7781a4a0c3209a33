"""A cell's confidence as the probability that its text is right, from what the reading
and the correction saw (issue 13, item 5).

Tesseract's word confidences alone say little about whether a cell is wrong: on the
TUNE scans the old rule (mean word confidence, capped by the weakest word and the share
of valid syllables) caught 0–75 % of the wrong cells. Here the evidence is combined by
models fitted on the cells of the TUNE scans and of development splits (held-out splits
scored once already; never the one `make bench` scores) (`bench.cell_confidence_fit`,
which rewrites `extractors/data/cell_confidence.json`), in two steps, the first a
logistic model (`LinearModel`), the second gradient-boosted trees (`TreeModel`):

1. **reading** (`reading_confidence`, when OCR has read a cell, `extractors.ocr`):
   Tesseract's word confidences (mean, weakest, how many are low), the share of words
   that are no Vietnamese syllable, the cell's length and share of digits, whether a
   second reading replaced the first, whether the readings of an item number disagree,
   whether the page carried a seal or signature.
2. **cell** (`cell_confidence`, after the OCR correction, `pipeline.stages`): the
   reading's confidence (as a logit), the language model's posterior of the least sure
   word, whether a word no plan writes is left, how many words the correction changed,
   the language model's mean log-probability per syllable, syllables still not in the
   syllable list, the length, whether the cell is a number (Stt, section number), whether
   it starts with a small letter, whether a name or a time ends with a mark.

The second step's output is shifted so that the threshold chosen on TUNE (catch ≥ 80 %
of wrong cells, flag ≤ 15 % of cells) falls on `DOUBTFUL_BELOW` (0.8): below it a cell
is doubtful, as everywhere else in the project. Digital cells never pass through here
and keep 1.0.

With ``CCHC_CELL_EVIDENCE=FILE`` set, every reading and every cell's evidence is also
appended to FILE (JSON lines), which is what the fitting script learns from.
"""
from __future__ import annotations

import json
import math
import os
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from normalizers.syllables import syllable_stats
from schemas.records import DOUBTFUL_BELOW  # where the threshold chosen on TUNE is moved to

MODEL_FILE = Path(__file__).parent / "data" / "cell_confidence.json"
EVIDENCE_ENV = "CCHC_CELL_EVIDENCE"
LOW_WORD = 0.7  # a word Tesseract is less sure of than this is "low"
CLAMP = 1e-3  # probabilities are kept in [CLAMP, 1 - CLAMP] before a logit

READING_FEATURES = ("mean_word", "min_word", "low_words", "n_words", "invalid_share", "invalid_words",
                    "chars", "digit_share", "old_rule", "reread", "readings_disagree", "page_marked")
CELL_FEATURES = ("reading_logit", "lm_posterior", "implausible", "words_changed", "lm_per_syllable",
                 "invalid_after", "chars", "pieces", "odd_punctuation", "punctuation_per_word", "ends_with_mark",
                 "odd_tokens", "starts_small",
                 "number_field", "agency_field", "section_field", "timeline_field", "name_ends_with_mark")
#: Fields whose cells are numbers, agency names, section titles, timelines: each kind
#: goes wrong in its own way (a dropped figure, a long name cut, capitals, dates).
FIELD_KINDS = {"number_field": ("section_no", "stt"), "agency_field": ("lead_text", "coord_text"),
               "section_field": ("section_title",), "timeline_field": ("timeline_text",)}


@dataclass(frozen=True)
class Reading:
    """What OCR knows of one cell's reading: its text, the confidences (0–1) of the words
    kept, the old rule's confidence (`extractors.ocr.parse_tsv`), and how it came about."""
    text: str
    word_confidences: tuple[float, ...]
    old_rule: float
    reread: bool = False  # a second reading (without light ink, as one word, as a number) replaced the first
    readings_disagree: bool = False  # an item number read differently by its readings
    page_marked: bool = False  # the page had a seal or signature removed


def reading_features(r: Reading) -> dict[str, float]:
    words = r.word_confidences
    stats = syllable_stats(r.text)
    alnum = [ch for ch in r.text if ch.isalnum()]
    return {
        "mean_word": sum(words) / len(words) if words else 0.0,
        "min_word": min(words) if words else 0.0,
        "low_words": float(min(5, sum(w < LOW_WORD for w in words))),
        "n_words": math.log1p(len(words)),
        "invalid_share": 1.0 - stats.valid_share if stats.words else 0.0,
        "invalid_words": float(min(5, stats.words - stats.valid)),
        "chars": math.log1p(len(r.text)),
        "digit_share": sum(ch.isdigit() for ch in alnum) / len(alnum) if alnum else 0.0,
        "old_rule": r.old_rule,
        "reread": float(r.reread),
        "readings_disagree": float(r.readings_disagree),
        "page_marked": float(r.page_marked),
    }


@dataclass(frozen=True)
class LinearModel:
    """z = intercept + Σ coef · (x − mean) / scale over `features`."""
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def logit(self, x: dict[str, float]) -> float:
        return self.intercept + sum(c * (x[f] - m) / s for f, m, s, c in
                                    zip(self.features, self.mean, self.scale, self.coef))

    def as_dict(self) -> dict:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class TreeModel:
    """z = base + Σ over `trees` of the value of the leaf x falls in: gradient-boosted
    regression trees on the logit (fitted by scikit-learn's HistGradientBoostingClassifier in
    `bench.cell_confidence_fit`, evaluated here without it). A node is (feature index,
    threshold, left, right, value); x goes left when x[feature] <= threshold; a node
    whose left is -1 is a leaf. Every feature is a finite number (the fit saw no missing
    value, so the trees hold no rule for one)."""
    features: tuple[str, ...]
    base: float
    trees: tuple[tuple[tuple[int, float, int, int, float], ...], ...]

    def logit(self, x: dict[str, float]) -> float:
        v = [x[f] for f in self.features]
        z = self.base
        for tree in self.trees:
            node = tree[0]
            while node[2] >= 0:
                node = tree[node[2] if v[node[0]] <= node[1] else node[3]]
            z += node[4]
        return z


@dataclass(frozen=True)
class ConfidenceModel:
    reading: LinearModel
    cell: LinearModel | TreeModel
    threshold: float  # the probability chosen on TUNE as the doubtful threshold
    fitted: dict  # how: data, split, regularisation, figures on TUNE


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_FILE) -> ConfidenceModel:
    data = json.loads(path.read_text(encoding="utf-8"))

    return ConfidenceModel(model_from_dict(data["reading"]), model_from_dict(data["cell"]),
                           float(data["threshold"]), data["fitted"])


def model_from_dict(d: dict) -> LinearModel | TreeModel:
    """A model as the fitting script writes it: trees when its kind says so, else linear."""
    if d.get("kind") == "trees":
        return TreeModel(tuple(d["features"]), float(d["base"]),
                         tuple(tuple((int(f), float(t), int(lo), int(hi), float(v)) for f, t, lo, hi, v in tree)
                               for tree in d["trees"]))
    return LinearModel(tuple(d["features"]), tuple(d["mean"]), tuple(d["scale"]), tuple(d["coef"]),
                       float(d["intercept"]))


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def logit(p: float) -> float:
    p = min(max(p, CLAMP), 1.0 - CLAMP)
    return math.log(p / (1.0 - p))


def reading_confidence(r: Reading, model: ConfidenceModel | None = None) -> float:
    """P(the cell's reading is right | what OCR saw), before any correction."""
    return _sigmoid((model or load_model()).reading.logit(reading_features(r)))


_WORD = re.compile(r"[^\W\d_]+")


def lm_per_syllable(text: str, lm) -> float:
    """The language model's mean ln p per word of `text` (lower case; 0 for no word):
    misread syllables are rare or unknown to it."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return 0.0
    return max(-15.0, lm.sentence_logprob(words) / (len(words) + 1))


def words_changed(before: str, after: str) -> int:
    """Words of `after` that are not at their place in `before` (the correction's edits)."""
    a, b = before.split(), after.split()
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b))
    import difflib

    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in
               difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes() if op != "equal")


#: Punctuation as OCR invents it from specks: a run of marks that is no ellipsis (";.",
#: ",,", ".."), a mark glued to the next word (";.UBND", ",Sở"), a lone dash after a
#: mark ("bộ, - ngành"), a colon between two lower-case words ("hành: chính").
_ODD_PUNCTUATION = re.compile(r"(?<!\.)[.,;:]{2}(?!\.)|[,;:](?=[^\W\d_])|[,;:] [\-–] |"
                              r"(?<=[^\W\d_]): (?=[a-zđ])")
_MARK = re.compile(r"[.,;:!?\-–'`\"“”()…/]")


def odd_tokens(text: str) -> int:
    """Tokens no plan writes: a word in mixed case ("QUyẾt", "nƯớc"), figures and small
    letters in one token ("61a1", "2oas"), a small letter alone ("huy ệ ri")."""
    n = 0
    for raw in text.split():
        token = raw.strip(".,;:!?()\"“”'`-–")
        if token.isalpha() and not (token.islower() or token.isupper() or token.istitle()):
            n += 1
        elif token.isalnum() and any(c.isdigit() for c in token) and any(c.islower() for c in token):
            n += 1
        elif raw.isalpha() and len(raw) == 1 and raw.islower():
            n += 1
    return n


def text_features(text: str) -> dict[str, float]:
    """What the text itself says about specks read as punctuation, case misread, figures
    read for letters (and back) and words broken into letters."""
    words = max(1, len(text.split()))
    return {
        "odd_punctuation": float(min(3, len(_ODD_PUNCTUATION.findall(text)))),
        "punctuation_per_word": len(_MARK.findall(text)) / words,
        "ends_with_mark": float(bool(re.search(r"[.,;:\-–'`]\s*$", text)) and not text.rstrip().endswith("...")),
        "odd_tokens": float(min(3, odd_tokens(text))),
        "starts_small": float(text[:1].isalpha() and text[:1].islower()),
    }


def field_features(features: dict[str, float], field: str) -> dict[str, float]:
    """The field's kind (`FIELD_KINDS`) and what a mark at the end means in it: a name or
    a time ends with none (2 of the reference plans' 500 agency and timeline cells do),
    so there a trailing "." is most likely a speck ("Sở Tư pháp.")."""
    kinds = {kind: float(field in names) for kind, names in FIELD_KINDS.items()}
    return {**kinds, "name_ends_with_mark": features["ends_with_mark"] * max(kinds["agency_field"],
                                                                            kinds["timeline_field"])}


def cell_features(reading: float, text: str, before: str, lm_posterior: float, implausible: bool,
                  field: str, pieces: int, lm) -> dict[str, float]:
    """The evidence on one piece of a cell after the correction (`reading`: the piece's
    confidence as it arrives; `before`: the cell's text before the correction; `pieces`:
    how many pieces the cell has, > 1 when a page break cut it)."""
    stats = syllable_stats(text)
    texts = text_features(text)
    return {
        "reading_logit": logit(reading),
        "lm_posterior": lm_posterior,
        "implausible": float(implausible),
        "words_changed": float(min(5, words_changed(before, text))),
        "lm_per_syllable": lm_per_syllable(text, lm),
        "invalid_after": float(min(5, stats.words - stats.valid)),
        "chars": math.log1p(len(text)),
        "pieces": float(min(3, pieces)),
        **texts,
        **field_features(texts, field),
    }


def cell_confidence(features: dict[str, float], model: ConfidenceModel | None = None) -> float:
    """The cell's confidence: P(right) from `cell_features`, moved so that the threshold
    chosen on TUNE is `DOUBTFUL_BELOW`."""
    m = model or load_model()
    return _sigmoid(m.cell.logit(features) + logit(DOUBTFUL_BELOW) - logit(m.threshold))


_LOCK = threading.Lock()


def record(kind: str, **data) -> None:
    """Append one piece of evidence to the file `CCHC_CELL_EVIDENCE` names (if set)."""
    path = os.environ.get(EVIDENCE_ENV)
    if not path:
        return
    line = json.dumps({"kind": kind, **data}, ensure_ascii=False)
    with _LOCK, open(path, "a", encoding="utf-8") as fh:
        fh.write(line + "\n")
