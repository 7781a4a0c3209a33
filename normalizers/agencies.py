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

`find_mentions()` (``normalizers/agency_finder.py``) is the same registry as a spaCy
EntityRuler, for narrative text. The registry itself is ``normalizers/agency_registry.py``;
keys and the index ``normalizers/agency_keys.py``.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from normalizers.agency_keys import (
    Key, RegistryIndex, key_letters, match_keys, mention_terms, pick_valid, registry_index,
)
from normalizers.agency_registry import REGISTRY_CSV, Agency
from normalizers.text import clean_text

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


def _gain(c: _Cand, keys: list[Key]) -> float:
    return len(key_letters(k.word for k in keys[c.i:c.j])) * _weight(c.score) + (0.0 if c.fuzzy else 0.01)


def _best_path(keys: list[Key], cands: list[_Cand], fillers: set[int]) -> list[_Cand]:
    """Non-overlapping candidates maximising the summed gain, less `SKIP_COST` per
    letter of content left out (dynamic programme over key positions)."""
    n = len(keys)
    ending: dict[int, list[_Cand]] = {}
    for c in cands:
        ending.setdefault(c.j, []).append(c)
    best = [0.0] * (n + 1)
    back: list[_Cand | None] = [None] * (n + 1)
    for j in range(1, n + 1):
        skip = 0.0 if (j - 1) in fillers else SKIP_COST * len(key_letters([keys[j - 1].word]))
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


def _aligned(keys: list[Key], i: int, j: int) -> bool:
    """keys[i:j] starts and ends on source-token boundaries (never half of an expanded
    abbreviation: "tỉnh và UBND" must not end on the "ủy" of "ủy ban nhân dân")."""
    return (i == 0 or keys[i - 1].start != keys[i].start) and (j == len(keys) or keys[j].start != keys[j - 1].start)


def _exact_cands(keys: list[Key], hard_after: list[bool], idx: RegistryIndex) -> list[_Cand]:
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


def _fuzzy_cands(text: str, keys: list[Key], hard_after: list[bool], uncovered: set[int],
                 idx: RegistryIndex) -> list[_Cand]:
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
            hit = _fuzzy_lookup(key_letters(k.word for k in keys[i:j]), idx.letters, prefer)
            raw = _fuzzy_lookup(key_letters([text[keys[i].start:keys[j - 1].end]]), idx.letters, prefer)
            if raw and (not hit or raw[1] > hit[1]):
                hit = raw
            if hit:
                for key in idx.by_letters[hit[0]]:
                    out.append(_Cand(i, j, key, hit[1], True))
    return out


def _head_cands(path: list[_Cand], keys: list[Key], hard_after: list[bool], fillers: set[int],
                idx: RegistryIndex, fuzzy: bool) -> list[_Cand]:
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
            tails = {key_letters(k[h:]): k for k in idx.by_key if k[:h] == head and len(k) > h and k != c.key}
            hit = _fuzzy_lookup(key_letters(run), list(tails)) if tails else None
            if hit:
                out.append(_Cand(a, b, tails[hit[0]], hit[1], True, True))
                break
    return out


def _filler_positions(keys: list[Key]) -> set[int]:
    """Keys that are fillers ("và", "các", "của tỉnh"), compared on fuzzy keys so that
    OCR-damaged fillers ("tỉrih") stay fillers."""
    fillers = {key_letters(f): len(f) for f in mention_terms().fillers}
    longest = max(fillers.values(), default=1)
    out: set[int] = set()
    i = 0
    while i < len(keys):
        for n in range(longest, 0, -1):
            if fillers.get(key_letters(k.word for k in keys[i:i + n])) == n and i + n <= len(keys):
                out.update(range(i, i + n))
                i += n
                break
        else:
            i += 1
    return out


def match_method(agency: Agency, surface: str, fuzzy: bool) -> str:
    if agency.kind in ("group", "generic"):
        return agency.kind
    if fuzzy:
        return "fuzzy"
    norm = clean_text(surface).casefold()
    if norm in (agency.name.casefold(), agency.short_name.casefold()):
        return "exact"
    return "alias"


def _mention(text: str, keys: list[Key], c: _Cand, on_date: dt.date | None, idx: RegistryIndex) -> Mention:
    start, end = keys[c.i].start, keys[c.j - 1].end
    surface = text[start:end]
    agency_id, flagged = pick_valid([a for a, _ in idx.by_key[c.key]], on_date, idx)
    score = min(c.score, HEAD_SCORE * 100) if c.head else c.score
    return Mention(surface, agency_id, round(score / 100.0, 4),
                   match_method(idx.agencies[agency_id], surface, c.fuzzy), flagged, start, end)


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
    idx = registry_index(str(registry))
    keys, hard_after = match_keys(text)
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
