"""Agency registry and agency-mention resolution.

A plan's "Cơ quan chủ trì" / "Cơ quan phối hợp" cell names one or more bodies in free
text ("Sở Tư pháp và các cơ quan, đơn vị có liên quan", "UBND cấp huyện, cấp xã",
"Sở KH&ĐT"). This module turns such a cell into `Mention`s, each linked to a stable
`agency_id` of the registry `normalizers/data/agencies.csv`, so that rows can be joined
and counted per agency across plans and years, including across the 2025 mergers
(`lineage_sql()` rolls a 2022 "Sở Thông tin và Truyền thông" up to today's
"Sở Khoa học và Công nghệ").

Why it is built this way:
- **The registry drives the splitting.** A cell is not cut on "và" and "," first (that
  breaks "Sở Kế hoạch và Đầu tư", "UBND các huyện, thành phố"); instead every name and
  alias of the registry is looked for, longest first, and what is left between the
  matches are separators, fillers ("và", "các", "của tỉnh") or unresolved text. A new
  name with "và" needs a registry row, never a code change.
- **Matching runs on a key**: NFC → abbreviations expanded (`data/abbreviations.csv`:
  UBND, VP, TT&TT, KH&ĐT …) → lower case, diacritics folded (đ→d). So "So Noi vu",
  "Sở Nội Vụ" and "Uỷ ban" (old tone placement) meet the same key.
- **Order of evidence**: exact name → alias → fuzzy. All candidate spans of a cell
  compete in one dynamic programme that maximises matched characters weighted by match
  quality, so one noisy span that fits a long name beats a clean short name inside it
  ("Vari phong UBND tỉnh" is the Văn phòng, not "UBND tỉnh"). Fuzzy matching
  (rapidfuzz ratio on the letters and digits only, spaces and punctuation dropped) is
  tried only where exact matching left content uncovered, and copes with OCR noise
  ("SoNoI vy" → Sở Nội vụ): OCR look-alikes are folded first ("s&" → "so",
  `ocr_fold` rows of `data/mention_terms.csv`), keys under 8 letters must be within one
  edit, and raw text is tried too so a glued "UBNDcấp huyện" still matches. Fuzzy
  matching can only pick among registry names, so the registry also lists bodies the
  plans do not name ("Sở Ngoại vụ", "Bộ Tư pháp") — otherwise they would be read as
  their near-homographs (Sở Nội vụ, Sở Tư pháp). Known limit: an unknown name close to
  a known one can still pass the 80 threshold ("Sở Văn hóa và Thông tin" → Sở Văn hóa
  và Thể thao at 81); raising it to 82 cost 4 points of recall on the random-noise bench.
- **Shared heads**: "UBND cấp huyện, cấp xã" names two groups. A leftover ("cấp xã")
  right after a match is retried with the match's leading words ("UBND" + "cấp xã").
- **Dates**: an alias may name several registry entries ("Sở Nông nghiệp" before and
  after 1 March 2025); the one valid on the document's date wins. A name valid on no
  date of the document keeps its id and is `flagged` ("Sở Thông tin và Truyền thông" in
  a 2026 plan).

`find_mentions()` is the same registry as a spaCy EntityRuler over a blank pipeline (no
model, no pyvi), for narrative text (titles, plan body) where a cell's separators do not
apply. Matching runs on the folded text (`fold_same_length`), so offsets map back to the
input.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from normalizers.text import clean_text, fold, fold_ascii, fold_same_length

DATA = Path(__file__).resolve().parent / "data"
REGISTRY_CSV = DATA / "agencies.csv"
ABBREVIATIONS_CSV = DATA / "abbreviations.csv"
MENTION_TERMS_CSV = DATA / "mention_terms.csv"

KINDS = ("department", "office", "committee", "centre", "press", "police", "enterprise",
         "central", "group", "generic")
LEVELS = ("province", "commune", "district", "central", "")
METHODS = ("exact", "alias", "fuzzy", "group", "generic", "unresolved")

FUZZY_MIN = 80.0
"""rapidfuzz ratio (0–100) a span needs to be taken as a fuzzy match."""
SHORT_KEY = 8
"""A fuzzy key of fewer letters ("sonoivy") must be within one edit of a registry key
instead: ratio alone would let "Tư pháp" (a truncated name) match "Sở Tư pháp"."""
HEAD_SCORE = 0.95
"""Score of a mention completed with the head of the previous one ("cấp xã" → UBND cấp xã)."""


# --------------------------------------------------------------------------- records

@dataclass(frozen=True)
class Agency:
    """One row of `data/agencies.csv`."""
    agency_id: str
    name: str
    short_name: str
    aliases: tuple[str, ...]
    kind: str
    level: str
    parent_id: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    successor_id: str | None
    source: str

    def valid_on(self, day: dt.date) -> bool:
        """True when `day` lies in [valid_from, valid_to] (an empty bound is open)."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to)

    def surfaces(self) -> tuple[str, ...]:
        """Name, short name and aliases, in that order, without duplicates."""
        seen: dict[str, None] = {}
        for s in (self.name, self.short_name, *self.aliases):
            if s:
                seen.setdefault(s, None)
        return tuple(seen)


@dataclass(frozen=True)
class Mention:
    """One agency named in a text.

    `mention` is the text as written (a slice of the NFC input: `start`/`end`);
    `agency_id` is None when unresolved; `score` is 1.0 for an exact or alias match,
    the fuzzy ratio / 100 otherwise; `method` is one of `METHODS` (group and generic
    stand for the kind of the agency matched, whatever the way it matched); `flagged`
    is True when the agency is not valid on the date asked for.
    """
    mention: str
    agency_id: str | None
    score: float
    method: str
    flagged: bool = False
    start: int = -1
    end: int = -1


# --------------------------------------------------------------------------- loading

def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value.strip() else None


@lru_cache(maxsize=1)
def _registry_cached(path: str) -> tuple[Agency, ...]:
    out = []
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            out.append(Agency(
                agency_id=r["agency_id"].strip(),
                name=clean_text(r["name"]),
                short_name=clean_text(r["short_name"]),
                aliases=tuple(clean_text(a) for a in r["aliases"].split("|") if a.strip()),
                kind=r["kind"].strip(),
                level=r["level"].strip(),
                parent_id=r["parent_id"].strip() or None,
                valid_from=_date(r["valid_from"]),
                valid_to=_date(r["valid_to"]),
                successor_id=r["successor_id"].strip() or None,
                source=r["source"].strip(),
            ))
    return tuple(out)


def load_registry(path: Path | str = REGISTRY_CSV) -> list[Agency]:
    """The agency registry (loaded once per path)."""
    return list(_registry_cached(str(path)))


def registry_frame(path: Path | str = REGISTRY_CSV, with_source: bool = False):
    """The registry as a pandas DataFrame with the columns of the DuckDB table
    `agencies(agency_id, name, short_name, aliases, kind, level, parent_id, valid_from,
    valid_to, successor_id)` (plus `source` when asked). Empty values are None; dates
    are `datetime.date`, aliases stay one "|"-separated string."""
    import pandas as pd

    rows = []
    for a in load_registry(path):
        row = {
            "agency_id": a.agency_id, "name": a.name, "short_name": a.short_name or None,
            "aliases": "|".join(a.aliases) or None, "kind": a.kind, "level": a.level or None,
            "parent_id": a.parent_id, "valid_from": a.valid_from, "valid_to": a.valid_to,
            "successor_id": a.successor_id,
        }
        if with_source:
            row["source"] = a.source
        rows.append(row)
    frame = pd.DataFrame(rows)
    return frame.astype(object).where(frame.notna(), None)


AGENCIES_DDL = """CREATE TABLE IF NOT EXISTS agencies (
    agency_id    VARCHAR PRIMARY KEY,
    name         VARCHAR NOT NULL,
    short_name   VARCHAR,
    aliases      VARCHAR,
    kind         VARCHAR NOT NULL,
    level        VARCHAR,
    parent_id    VARCHAR,
    valid_from   DATE,
    valid_to     DATE,
    successor_id VARCHAR
)"""


def lineage_sql(table: str = "agencies", view: str = "agency_lineage") -> str:
    """SQL creating the view `agency_lineage(agency_id, current_id, depth)`: for every
    agency, the end of its successor chain (itself, depth 0, when it has none). Cycles
    are cut at depth 32."""
    return f"""CREATE OR REPLACE VIEW {view} AS
WITH RECURSIVE walk(agency_id, current_id, depth) AS (
    SELECT agency_id, agency_id, 0 FROM {table}
    UNION ALL
    SELECT w.agency_id, a.successor_id, w.depth + 1
    FROM walk AS w JOIN {table} AS a ON a.agency_id = w.current_id
    WHERE a.successor_id IS NOT NULL AND a.successor_id <> '' AND w.depth < 32
)
SELECT agency_id, arg_max(current_id, depth) AS current_id, max(depth) AS depth
FROM walk
GROUP BY agency_id"""


def write_registry(con, path: Path | str = REGISTRY_CSV) -> int:
    """Load the registry into DuckDB table `agencies` (created if missing, replaced
    wholesale, so loading twice changes nothing) and (re)create `agency_lineage`.
    Returns the number of agencies."""
    frame = registry_frame(path)  # noqa: F841  (read by DuckDB by name)
    con.execute(AGENCIES_DDL)
    con.execute("BEGIN")
    try:
        con.execute("DELETE FROM agencies")
        con.execute("INSERT INTO agencies SELECT agency_id, name, short_name, aliases, kind, level, "
                    "parent_id, CAST(valid_from AS DATE), CAST(valid_to AS DATE), successor_id FROM frame")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    con.execute(lineage_sql())
    return len(frame)


def current_id(agency_id: str, path: Path | str = REGISTRY_CSV) -> str:
    """Follow successor_id to the end of the chain (Python twin of `agency_lineage`)."""
    by_id = {a.agency_id: a for a in load_registry(path)}
    seen = {agency_id}
    while (nxt := by_id[agency_id].successor_id) and nxt not in seen:
        seen.add(nxt)
        agency_id = nxt
    return agency_id


# --------------------------------------------------------------------------- abbreviations and terms

@dataclass(frozen=True)
class Abbreviation:
    abbr: str                # as written in the data file ("TT&TT")
    words: tuple[str, ...]   # its word tokens, diacritics folded, case kept
    expansion: str
    case_sensitive: bool


_TOKEN = re.compile(r"[\w&]+|[^\w\s]")


@lru_cache(maxsize=1)
def load_abbreviations(path: str = str(ABBREVIATIONS_CSV)) -> tuple[Abbreviation, ...]:
    """`data/abbreviations.csv`, longest abbreviation first."""
    out = []
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            words = tuple(fold_ascii(t) for t in _TOKEN.findall(clean_text(r["abbr"])) if _is_word(t))
            out.append(Abbreviation(clean_text(r["abbr"]), words, clean_text(r["expansion"]),
                                    r["case_sensitive"].strip() == "yes"))
    return tuple(sorted(out, key=lambda a: (-len(a.words), -sum(map(len, a.words)))))


@dataclass(frozen=True)
class _Terms:
    fillers: frozenset[tuple[str, ...]]      # folded word sequences that name no agency
    hard: frozenset[str]                     # separators no name spans
    ocr_folds: tuple[tuple[str, str], ...]   # look-alike → canonical, for fuzzy keys only


@lru_cache(maxsize=1)
def _terms(path: str = str(MENTION_TERMS_CSV)) -> _Terms:
    """`data/mention_terms.csv`."""
    fillers, hard, folds = set(), set(), []
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["role"] == "filler":
                fillers.add(tuple(fold(t) for t in _TOKEN.findall(r["term"])))
            elif r["role"] == "hard":
                hard.add(r["term"])
            elif r["role"] == "ocr_fold":
                folds.append((r["term"], r["value"]))
    folds.sort(key=lambda f: -len(f[0]))
    return _Terms(frozenset(fillers), frozenset(hard), tuple(folds))


def _is_word(tok: str) -> bool:
    return bool(re.match(r"[\w&]", tok))


# --------------------------------------------------------------------------- keys

@dataclass(frozen=True)
class _Key:
    """One word of the matching key, with the span of the source text it came from."""
    word: str
    start: int
    end: int
    expanded: bool = False


def _keys(text: str) -> tuple[list[_Key], list[bool]]:
    """Text → key words (abbreviations expanded, folded) and, for each gap between two
    consecutive key words, whether a hard separator (";") lies in it."""
    hard_terms = _terms().hard
    toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    abbrs = load_abbreviations()
    words = [(i, t) for i, t in enumerate(toks) if _is_word(t[0])]
    folded = [fold_ascii(t[0]) for _, t in words]  # once per word, not per abbreviation
    folded_lower = [f.lower() for f in folded]
    keys: list[_Key] = []
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
            new = [fold(x) for x in _TOKEN.findall(ab.expansion) if _is_word(x)]
            for k, nw in enumerate(new):
                if keys:
                    hard_after.append(pending_hard if k == 0 else False)
                keys.append(_Key(nw, s, e, True))
            last_tok_index = words[w + n - 1][0]
            w += n
        else:
            if keys:
                hard_after.append(pending_hard)
            keys.append(_Key(fold(surface), start, end))
            last_tok_index = tok_index
            w += 1
    return keys, hard_after


def key_of(text: str) -> tuple[str, ...]:
    """The matching key of a name or alias: its folded, abbreviation-expanded words."""
    return tuple(k.word for k in _keys(clean_text(text))[0])


def _letters(words) -> str:
    """Fuzzy key: folded words run together, OCR look-alikes mapped to one letter
    (`ocr_fold` rows of data/mention_terms.csv), only letters and digits kept. Spaces
    and punctuation are dropped because OCR drops and invents them."""
    s = "".join(fold(w) for w in words)
    for a, b in _terms().ocr_folds:
        s = s.replace(a, b)
    return "".join(ch for ch in s if ch.isalnum())


# --------------------------------------------------------------------------- index

@dataclass
class _Index:
    agencies: dict[str, Agency]
    by_key: dict[tuple[str, ...], list[tuple[str, bool]]]      # key → [(agency_id, is_name)]
    by_letters: dict[str, list[tuple[str, ...]]]               # letters-only key → keys
    letters: list[str] = field(default_factory=list)
    max_len: int = 1


@lru_cache(maxsize=4)
def _index(path: str = str(REGISTRY_CSV)) -> _Index:
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
        by_letters.setdefault(_letters(k), []).append(k)
    case_sensitive = {ab.words for ab in load_abbreviations() if ab.case_sensitive}
    for a in agencies.values():   # unexpanded surfaces too: OCR glues "UBNDcấp" past the abbreviation step
        for s in a.surfaces():
            words = tuple(fold_ascii(t) for t in _TOKEN.findall(s) if _is_word(t))
            if any(words[i:i + len(cs)] == cs for cs in case_sensitive for i in range(len(words))):
                continue   # "CA tỉnh" folded is "ca tinh", as in "của tỉnh"
            lst = by_letters.setdefault(_letters([s]), [])
            k = key_of(s)
            if k not in lst:
                lst.append(k)
    idx = _Index(agencies, by_key, by_letters, sorted(by_letters), max(len(k) for k in by_key))
    return idx


def _pick(ids: list[str], on_date: dt.date | None, idx: _Index) -> tuple[str, bool]:
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


# --------------------------------------------------------------------------- resolution

@dataclass(frozen=True)
class _Cand:
    """A candidate match: keys[i:j] name the registry entry with key `key`."""
    i: int
    j: int
    key: tuple[str, ...]
    score: float          # 0–100; 100 for exact/alias and exact head completions
    fuzzy: bool
    head: bool = False    # completed with the head of the previous match


def _weight(score: float) -> float:
    return ((score - 50.0) / 50.0) ** 3


SKIP_COST = 0.5
"""Cost per letter of content (not filler) left outside every match, so a fuzzy match
does not stop short of the name's last word ("UBND cấp" + "hvyệri")."""


def _gain(c: _Cand, keys: list[_Key]) -> float:
    return len(_letters(k.word for k in keys[c.i:c.j])) * _weight(c.score) + (0.0 if c.fuzzy else 0.01)


def _best_path(keys: list[_Key], cands: list[_Cand], fillers: set[int]) -> list[_Cand]:
    """Non-overlapping candidates maximising the summed gain, less `SKIP_COST` per
    letter of content left out (dynamic programme over key positions)."""
    n = len(keys)
    ending: dict[int, list[_Cand]] = {}
    for c in cands:
        ending.setdefault(c.j, []).append(c)
    best = [0.0] * (n + 1)
    back: list[_Cand | None] = [None] * (n + 1)
    for j in range(1, n + 1):
        skip = 0.0 if (j - 1) in fillers else SKIP_COST * len(_letters([keys[j - 1].word]))
        best[j], back[j] = best[j - 1] - skip, None
        for c in ending.get(j, ()):
            g = best[c.i] + _gain(c, keys)
            if g > best[j] + 1e-9:
                best[j], back[j] = g, c
    path, j = [], n
    while j > 0:
        c = back[j]
        if c is None:
            j -= 1
        else:
            path.append(c)
            j = c.i
    return path[::-1]


def _hard_inside(hard_after: list[bool], i: int, j: int) -> bool:
    """A hard separator between keys[i] and keys[j-1]?"""
    return any(hard_after[i:j - 1])


def _aligned(keys: list[_Key], i: int, j: int) -> bool:
    """keys[i:j] starts and ends on source-token boundaries (never half of an expanded
    abbreviation: "tỉnh và UBND" must not end on the "ủy" of "ủy ban nhân dân")."""
    return (i == 0 or keys[i - 1].start != keys[i].start) and (j == len(keys) or keys[j].start != keys[j - 1].start)


def _exact_cands(keys: list[_Key], hard_after: list[bool], idx: _Index) -> list[_Cand]:
    words = [k.word for k in keys]
    out = []
    for i in range(len(words)):
        for j in range(min(len(words), i + idx.max_len), i, -1):
            key = tuple(words[i:j])
            if key in idx.by_key and not _hard_inside(hard_after, i, j) and _aligned(keys, i, j):
                out.append(_Cand(i, j, key, 100.0, False))
    return out


def _fuzzy_lookup(letters: str, choices, prefer=None) -> tuple[str, float] | None:
    """Best fuzzy key among `choices` as (key, ratio 0–100), or None. Among keys tied
    for best, the first that `prefer(key)` accepts wins ("ở Nội vụ" is one edit from
    both "Sở Nội vụ" and "Bộ Nội vụ")."""
    if not letters:
        return None
    if len(letters) < SHORT_KEY:
        if len(letters) < 5:
            return None
        hits = process.extract(letters, choices, scorer=Levenshtein.distance, score_cutoff=1, limit=8)
        hits = [(h[0], fuzz.ratio(letters, h[0]), -h[1]) for h in hits]
    else:
        hits = process.extract(letters, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN, limit=8)
        hits = [(h[0], h[1], h[1]) for h in hits]
    if not hits:
        return None
    top = max(h[2] for h in hits)
    tied = [h for h in hits if h[2] == top]
    if prefer is not None:
        tied.sort(key=lambda h: not prefer(h[0]))
    return tied[0][0], tied[0][1]


def _fuzzy_cands(text: str, keys: list[_Key], hard_after: list[bool], uncovered: set[int],
                 idx: _Index) -> list[_Cand]:
    """Fuzzy candidates over every window of keys that holds uncovered content; each
    window is looked up by its expanded key and by its raw text (for glued tokens).
    On a tie a provincial body beats a central one: the chủ trì / phối hợp columns of a
    provincial plan name provincial bodies."""
    def prefer(letters: str) -> bool:
        return any(idx.agencies[a].level != "central" for k in idx.by_letters[letters] for a, _ in idx.by_key[k])

    out = []
    n = len(keys)
    for i in range(n):
        for j in range(i + 1, min(n, i + idx.max_len + 2) + 1):
            if _hard_inside(hard_after, i, j):
                break
            if not any(k in uncovered for k in range(i, j)) or not _aligned(keys, i, j):
                continue
            hit = _fuzzy_lookup(_letters(k.word for k in keys[i:j]), idx.letters, prefer)
            raw = _fuzzy_lookup(_letters([text[keys[i].start:keys[j - 1].end]]), idx.letters, prefer)
            if raw and (not hit or raw[1] > hit[1]):
                hit = raw
            if hit:
                for key in idx.by_letters[hit[0]]:
                    out.append(_Cand(i, j, key, hit[1], True))
    return out


def _head_cands(path: list[_Cand], keys: list[_Key], hard_after: list[bool], fillers: set[int],
                idx: _Index, fuzzy: bool) -> list[_Cand]:
    """Shared heads: "UBND cấp huyện, cấp xã", "Sở Nội vụ, Tư pháp". For each match,
    the content that follows it (up to the next match or hard separator) is retried
    with the match's leading words: the longest head that, with the leftover, gives a
    registry key (exactly; with `fuzzy`, by a fuzzy match of the leftover against the
    rest of the keys sharing that head)."""
    starts = {c.i for c in path}
    out = []
    for c in path:
        a = c.j
        while a < len(keys) and a in fillers and a not in starts:
            a += 1
        if a >= len(keys) or a in starts or _hard_inside(hard_after, c.j - 1, a + 1):
            continue
        b = a
        while b < len(keys) and b not in starts and not (b > a and hard_after[b - 1]):
            b += 1
        while b > a and (b - 1) in fillers:
            b -= 1
        run = tuple(k.word for k in keys[a:b])
        for h in range(len(c.key) - 1, 0, -1):
            head = c.key[:h]
            if not fuzzy:
                if head + run in idx.by_key and head + run != c.key:
                    out.append(_Cand(a, b, head + run, 100.0, False, True))
                    break
                continue
            tails = {_letters(k[h:]): k for k in idx.by_key if k[:h] == head and len(k) > h and k != c.key}
            hit = _fuzzy_lookup(_letters(run), list(tails)) if tails else None
            if hit:
                out.append(_Cand(a, b, tails[hit[0]], hit[1], True, True))
                break
    return out


def _filler_positions(keys: list[_Key]) -> set[int]:
    """Keys that are fillers ("và", "các", "của tỉnh"), compared on fuzzy keys so that
    OCR-damaged fillers ("tỉrih") stay fillers."""
    fillers = {_letters(f): len(f) for f in _terms().fillers}
    longest = max(fillers.values(), default=1)
    out: set[int] = set()
    i = 0
    while i < len(keys):
        for n in range(longest, 0, -1):
            if fillers.get(_letters(k.word for k in keys[i:i + n])) == n and i + n <= len(keys):
                out.update(range(i, i + n))
                i += n
                break
        else:
            i += 1
    return out


def _method(agency: Agency, surface: str, fuzzy: bool) -> str:
    if agency.kind in ("group", "generic"):
        return agency.kind
    if fuzzy:
        return "fuzzy"
    norm = clean_text(surface).casefold()
    if norm in (agency.name.casefold(), agency.short_name.casefold()):
        return "exact"
    return "alias"


def _mention(text: str, keys: list[_Key], c: _Cand, on_date: dt.date | None, idx: _Index) -> Mention:
    start, end = keys[c.i].start, keys[c.j - 1].end
    surface = text[start:end]
    agency_id, flagged = _pick([a for a, _ in idx.by_key[c.key]], on_date, idx)
    score = min(c.score, HEAD_SCORE * 100) if c.head else c.score
    return Mention(surface, agency_id, round(score / 100.0, 4),
                   _method(idx.agencies[agency_id], surface, c.fuzzy), flagged, start, end)


def resolve_cell(text: str, on_date: dt.date | None = None, registry: Path | str = REGISTRY_CSV) -> list[Mention]:
    """Mentions of agencies in one chủ trì / phối hợp cell, in text order.

    Steps: exact/alias matches of registry keys → shared-head completions → fuzzy
    matches where content is still uncovered → fuzzy shared-head completions; each
    step re-runs the dynamic programme over all candidates so far. Every stretch of
    content still unexplained becomes an `unresolved` mention (agency_id None);
    separators and fillers ("và", "các", "của tỉnh") do not. Offsets are into
    `unicodedata.normalize("NFC", text)`.
    """
    text = unicodedata.normalize("NFC", text or "")
    idx = _index(str(registry))
    keys, hard_after = _keys(text)
    if not keys:
        return []
    fillers = _filler_positions(keys)

    def uncovered(path: list[_Cand]) -> set[int]:
        covered = {k for c in path for k in range(c.i, c.j)}
        return {k for k in range(len(keys)) if k not in covered and k not in fillers}

    cands = _exact_cands(keys, hard_after, idx)
    path = _best_path(keys, cands, fillers)
    for step in ("head", "fuzzy", "fuzzy head"):
        left = uncovered(path)
        if not left:
            break
        if step == "head":
            cands += _head_cands(path, keys, hard_after, fillers, idx, fuzzy=False)
        elif step == "fuzzy":
            cands += _fuzzy_cands(text, keys, hard_after, left, idx)
        else:
            cands += _head_cands(path, keys, hard_after, fillers, idx, fuzzy=True)
        path = _best_path(keys, cands, fillers)

    mentions = [_mention(text, keys, c, on_date, idx) for c in path]
    # unexplained content: one mention per stretch between matches / hard separators
    # (fillers inside a stretch are kept: "Sở Dân tộc và Tôn giáo" stays one mention)
    left = uncovered(path)
    covered = {k for c in path for k in range(c.i, c.j)}
    run: list[int] = []
    for k in range(len(keys) + 1):
        ends = k == len(keys) or k in covered or (run and hard_after[k - 1])
        if ends and run:
            s, e = keys[run[0]].start, keys[run[-1]].end
            mentions.append(Mention(text[s:e], None, 0.0, "unresolved", False, s, e))
            run = []
        if k < len(keys) and k not in covered:
            if k in left:
                run.append(k)
            elif run:   # a filler: keep it only if content follows in the same stretch
                nxt = next((x for x in range(k + 1, len(keys)) if x in covered or x in left or hard_after[x - 1]), None)
                if nxt is not None and nxt in left and not _hard_inside(hard_after, k, nxt + 1):
                    run.append(k)
    return sorted(mentions, key=lambda m: m.start)


# --------------------------------------------------------------------------- spaCy finder

def _contractions(surface: str) -> set[str]:
    """`surface` and its variants with expansions replaced by their abbreviation
    ("Văn phòng Ủy ban nhân dân tỉnh" → "Văn phòng UBND tỉnh", "VP UBND tỉnh" …), for
    the phrase patterns. Case-sensitive abbreviations (VP, CA, TW) are left out: the
    finder matches on folded lower-case text, where "CA" would be "cả"."""
    out = {surface}
    for ab in load_abbreviations():
        if ab.case_sensitive:
            continue
        pattern = re.compile(r"(?<!\w)" + re.escape(ab.expansion) + r"(?!\w)", re.IGNORECASE)
        out |= {pattern.sub(ab.abbr, s) for s in out if pattern.search(s)}
    return out


@lru_cache(maxsize=2)
def _nlp(path: str = str(REGISTRY_CSV)):
    """Two blank spaCy pipelines with an EntityRuler each: one for folded lower-case
    text (nearly all patterns), one for case-kept folded text, holding the surfaces
    with a case-sensitive abbreviation ("CA tỉnh" must not match "cả tỉnh")."""
    import spacy

    case_sensitive = {ab.words for ab in load_abbreviations() if ab.case_sensitive}

    def has_cs(surface: str) -> bool:
        words = tuple(fold_ascii(t) for t in _TOKEN.findall(surface) if _is_word(t))
        return any(words[i:i + len(cs)] == cs for cs in case_sensitive for i in range(len(words)))

    lower: dict[str, list[str]] = {}
    cased: dict[str, list[str]] = {}
    for a in load_registry(path):
        for s in a.surfaces():
            for v in _contractions(s):
                table, p = (cased, fold_same_length(clean_text(v), keep_case=True)) if has_cs(v) else (lower, fold(v))
                ids = table.setdefault(p, [])
                if a.agency_id not in ids:
                    ids.append(a.agency_id)
    pipes = []
    for table in (lower, cased):
        nlp = spacy.blank("xx")
        ruler = nlp.add_pipe("entity_ruler")
        ruler.add_patterns([{"label": "AGENCY", "pattern": p, "id": "|".join(ids)} for p, ids in table.items()])
        pipes.append(nlp)
    return tuple(pipes)


def find_mentions(text: str, on_date: dt.date | None = None, registry: Path | str = REGISTRY_CSV) -> list[Mention]:
    """Agency mentions in narrative text (titles, plan body) with spaCy EntityRulers
    built from the registry. Exact/alias matches only (no fuzzy, no unresolved); where
    two matches overlap the longer wins. Offsets are into `clean_text(text)` (NFC,
    whitespace collapsed, so a name broken over two lines is found)."""
    text = clean_text(text)
    idx = _index(str(registry))
    lower, cased = _nlp(str(registry))
    spans = [(e.start_char, e.end_char, e.ent_id_) for e in lower(fold_same_length(text)).ents]
    spans += [(e.start_char, e.end_char, e.ent_id_) for e in cased(fold_same_length(text, keep_case=True)).ents]
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    taken: list[tuple[int, int, str]] = []
    for s in spans:
        if all(s[1] <= t[0] or s[0] >= t[1] for t in taken):
            taken.append(s)
    out = []
    for start, end, ent_id in sorted(taken):
        agency_id, flagged = _pick(ent_id.split("|"), on_date, idx)
        surface = text[start:end]
        out.append(Mention(surface, agency_id, 1.0, _method(idx.agencies[agency_id], surface, False),
                           flagged, start, end))
    return out
