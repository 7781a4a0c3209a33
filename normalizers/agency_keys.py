"""Matching keys of agency names, and the registry indexed by them.

A key is the text NFC → abbreviations expanded (``data/abbreviations.csv``: UBND, VP,
TT&TT, KH&ĐT …) → lower case, diacritics folded (đ→d), so "So Noi vu", "Sở Nội Vụ" and
"Uỷ ban" meet the same key; `key_letters` is the fuzzy key (letters and digits only,
OCR look-alikes of ``data/mention_terms.csv`` folded). `registry_index` maps keys to
registry ids; `pick_valid` chooses among ids sharing a key by date. Used by
``normalizers/agencies.py`` (cells) and ``normalizers/agency_finder.py`` (narrative).
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from normalizers.agency_registry import REGISTRY_CSV, Agency, load_registry
from normalizers.text import clean_text, fold, fold_ascii

DATA = Path(__file__).resolve().parent / "data"
ABBREVIATIONS_CSV = DATA / "abbreviations.csv"
MENTION_TERMS_CSV = DATA / "mention_terms.csv"


@dataclass(frozen=True)
class Abbreviation:
    abbr: str                # as written in the data file ("TT&TT")
    words: tuple[str, ...]   # its word tokens, diacritics folded, case kept
    expansion: str
    case_sensitive: bool


TOKEN = re.compile(r"[\w&]+|[^\w\s]")


@lru_cache(maxsize=1)
def load_abbreviations(path: str = str(ABBREVIATIONS_CSV)) -> tuple[Abbreviation, ...]:
    """`data/abbreviations.csv`, longest abbreviation first."""
    out = []
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            words = tuple(fold_ascii(t) for t in TOKEN.findall(clean_text(r["abbr"])) if is_word(t))
            out.append(Abbreviation(clean_text(r["abbr"]), words, clean_text(r["expansion"]),
                                    r["case_sensitive"].strip() == "yes"))
    return tuple(sorted(out, key=lambda a: (-len(a.words), -sum(map(len, a.words)))))


@dataclass(frozen=True)
class MentionTerms:
    fillers: frozenset[tuple[str, ...]]      # folded word sequences that name no agency
    hard: frozenset[str]                     # separators no name spans
    ocr_folds: tuple[tuple[str, str], ...]   # look-alike → canonical, for fuzzy keys only


@lru_cache(maxsize=1)
def mention_terms(path: str = str(MENTION_TERMS_CSV)) -> MentionTerms:
    """`data/mention_terms.csv`."""
    fillers, hard, folds = set(), set(), []
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["role"] == "filler":
                fillers.add(tuple(fold(t) for t in TOKEN.findall(r["term"])))
            elif r["role"] == "hard":
                hard.add(r["term"])
            elif r["role"] == "ocr_fold":
                folds.append((r["term"], r["value"]))
    folds.sort(key=lambda f: -len(f[0]))
    return MentionTerms(frozenset(fillers), frozenset(hard), tuple(folds))


def is_word(tok: str) -> bool:
    return bool(re.match(r"[\w&]", tok))


# --------------------------------------------------------------------------- keys

@dataclass(frozen=True)
class Key:
    """One word of the matching key, with the span of the source text it came from."""
    word: str
    start: int
    end: int
    expanded: bool = False


def match_keys(text: str) -> tuple[list[Key], list[bool]]:
    """Text → key words (abbreviations expanded, folded) and, for each gap between two
    consecutive key words, whether a hard separator (";") lies in it."""
    hard_terms = mention_terms().hard
    toks = [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]
    abbrs = load_abbreviations()
    words = [(i, t) for i, t in enumerate(toks) if is_word(t[0])]
    folded = [fold_ascii(t[0]) for _, t in words]  # once per word, not per abbreviation
    folded_lower = [f.lower() for f in folded]
    keys: list[Key] = []
    hard_after: list[bool] = []   # hard separator between keys[k] and keys[k+1]
    pending_hard = False
    w = 0
    last_tok_index = -1
    while w < len(words):
        tok_index, (surface, start, end) = words[w]
        # separators between the previous word and this one
        if keys:
            between = [toks[j][0] for j in range(last_tok_index + 1, tok_index)]
            pending_hard = any(b in hard_terms for b in between)
        matched = None
        for ab in abbrs:
            n = len(ab.words)
            if w + n > len(words):
                continue
            if ab.case_sensitive:
                ok = folded[w:w + n] == list(ab.words)
            else:
                ok = folded_lower[w:w + n] == [x.lower() for x in ab.words]
            if ok:
                matched = ab, n
                break
        if matched:
            ab, n = matched
            s, e = start, words[w + n - 1][1][2]
            new = [fold(x) for x in TOKEN.findall(ab.expansion) if is_word(x)]
            for k, nw in enumerate(new):
                if keys:
                    hard_after.append(pending_hard if k == 0 else False)
                keys.append(Key(nw, s, e, True))
            last_tok_index = words[w + n - 1][0]
            w += n
        else:
            if keys:
                hard_after.append(pending_hard)
            keys.append(Key(fold(surface), start, end))
            last_tok_index = tok_index
            w += 1
    return keys, hard_after


def key_of(text: str) -> tuple[str, ...]:
    """The matching key of a name or alias: its folded, abbreviation-expanded words."""
    return tuple(k.word for k in match_keys(clean_text(text))[0])


def key_letters(words) -> str:
    """Fuzzy key: folded words run together, OCR look-alikes mapped to one letter
    (`ocr_fold` rows of data/mention_terms.csv), only letters and digits kept. Spaces
    and punctuation are dropped because OCR drops and invents them."""
    s = "".join(fold(w) for w in words)
    for a, b in mention_terms().ocr_folds:
        s = s.replace(a, b)
    return "".join(ch for ch in s if ch.isalnum())


# --------------------------------------------------------------------------- index

@dataclass
class RegistryIndex:
    agencies: dict[str, Agency]
    by_key: dict[tuple[str, ...], list[tuple[str, bool]]]      # key → [(agency_id, is_name)]
    by_letters: dict[str, list[tuple[str, ...]]]               # letters-only key → keys
    letters: list[str] = field(default_factory=list)
    max_len: int = 1


@lru_cache(maxsize=4)
def registry_index(path: str = str(REGISTRY_CSV)) -> RegistryIndex:
    agencies = {a.agency_id: a for a in load_registry(path)}
    by_key: dict[tuple[str, ...], list[tuple[str, bool]]] = {}
    for a in agencies.values():
        for s in a.surfaces():
            k = key_of(s)
            is_name = s in (a.name, a.short_name)
            lst = by_key.setdefault(k, [])
            if a.agency_id not in [x for x, _ in lst]:
                lst.append((a.agency_id, is_name))
    by_letters: dict[str, list[tuple[str, ...]]] = {}
    for k in by_key:
        by_letters.setdefault(key_letters(k), []).append(k)
    case_sensitive = {ab.words for ab in load_abbreviations() if ab.case_sensitive}
    for a in agencies.values():   # unexpanded surfaces too: OCR glues "UBNDcấp" past the abbreviation step
        for s in a.surfaces():
            words = tuple(fold_ascii(t) for t in TOKEN.findall(s) if is_word(t))
            if any(words[i:i + len(cs)] == cs for cs in case_sensitive for i in range(len(words))):
                continue   # "CA tỉnh" folded is "ca tinh", as in "của tỉnh"
            lst = by_letters.setdefault(key_letters([s]), [])
            k = key_of(s)
            if k not in lst:
                lst.append(k)
    idx = RegistryIndex(agencies, by_key, by_letters, sorted(by_letters), max(len(k) for k in by_key))
    return idx


def pick_valid(ids: list[str], on_date: dt.date | None, idx: RegistryIndex) -> tuple[str, bool]:
    """Among agencies sharing a key, the one valid on `on_date` (first in registry
    order on a tie); if none is, the nearest in time, flagged."""
    if on_date is None:
        open_ended = [i for i in ids if idx.agencies[i].valid_to is None]
        return (open_ended or ids)[0], False
    valid = [i for i in ids if idx.agencies[i].valid_on(on_date)]
    if valid:
        return valid[0], False

    def distance(i: str) -> int:
        a = idx.agencies[i]
        if a.valid_to is not None and on_date > a.valid_to:
            return (on_date - a.valid_to).days
        if a.valid_from is not None and on_date < a.valid_from:
            return (a.valid_from - on_date).days
        return 0
    return min(ids, key=distance), True
