"""`find_mentions`: the agency registry as a spaCy EntityRuler over a blank pipeline (no
model, no pyvi), for narrative text (titles, plan body) where a cell's separators do not
apply. Matching runs on the folded text (`fold_same_length`), so offsets map back to
the input. Exact/alias matches only; cells go through ``normalizers.agencies.resolve_cell``.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

from normalizers.agencies import Mention, match_method
from normalizers.agency_keys import TOKEN, is_word, load_abbreviations, pick_valid, registry_index
from normalizers.agency_registry import REGISTRY_CSV, load_registry
from normalizers.text import clean_text, fold, fold_ascii, fold_same_length


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
        words = tuple(fold_ascii(t) for t in TOKEN.findall(surface) if is_word(t))
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
    idx = registry_index(str(registry))
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
        agency_id, flagged = pick_valid(ent_id.split("|"), on_date, idx)
        surface = text[start:end]
        out.append(Mention(surface, agency_id, 1.0, match_method(idx.agencies[agency_id], surface, False),
                           flagged, start, end))
    return out
