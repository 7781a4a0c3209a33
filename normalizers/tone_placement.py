"""Tone-mark placement of Vietnamese open syllables: "old" (hòa, khỏe, thủy) vs "new"
(hoà, khoẻ, thuỷ), from ``normalizers/data/tone_placement.tsv``.

In open syllables with the rhymes oa, oe, uy the mark sits either on the first vowel
(hòa, khỏe, thủy — ``"old"``, the traditional placement, 95 % of the training corpus:
ủy 32,164 vs uỷ 1,599) or on the second, main vowel (hoà, khoẻ, thuỷ — ``"new"``, the
1980s school rule that UniKey calls "kiểu mới"). Note the project's corpus READMEs call
hóa/ủy "modern"; the names here follow the Vietnamese usage, and ``"hòa"`` / ``"hoà"``
are accepted as unambiguous aliases. Placements that are wrong in both conventions
(``hòan``, ``qùy``) are always fixed: with a coda, or after q, the mark goes on the
second vowel.

The bottom of the text-repair stack: imports nothing of the project.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

_STYLE_ALIASES = {"old": "old", "new": "new", "hòa": "old", "hoà": "new"}


@lru_cache(maxsize=1)
def _placement_pairs() -> tuple[dict[str, str], dict[str, str]]:
    """(old → new, new → old) over lowercase two-letter rhymes."""
    old_new: dict[str, str] = {}
    for line in (DATA / "tone_placement.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("old\t"):
            continue
        old, new, _tone = line.split("\t")
        old_new[old] = new
    return old_new, {v: k for k, v in old_new.items()}


@lru_cache(maxsize=1)
def _placement_pattern() -> re.Pattern[str]:
    old_new, new_old = _placement_pairs()
    alts = sorted({s for s in list(old_new) + list(new_old)} | {s.upper() for s in list(old_new) + list(new_old)})
    # any case mix: match case-insensitively on the two letters
    body = "|".join(re.escape(a) for a in alts)
    return re.compile(rf"(?P<pre>[^\W\d_]?)(?P<r>{body})(?P<post>[^\W\d_]?)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _marked_letters() -> re.Pattern[str]:
    """Any letter a placement rhyme holds with its tone mark: a text without one has
    nothing to move (the check is a regex search, the placement pattern a costly scan)."""
    old_new, new_old = _placement_pairs()
    chars = {c for r in list(old_new) + list(new_old) for c in r + r.upper() if not c.isascii()}
    return re.compile("[" + "".join(sorted(chars)) + "]")


def _base(ch: str) -> str:
    return unicodedata.normalize("NFD", ch)[0]


def _recase(src: str, dst: str) -> str:
    return "".join(d.upper() if s.isupper() else d for s, d in zip(src, dst))


def normalize_tone_placement(text: str, style: str | None = "old") -> str:
    """Move tone marks of open oa/oe/uy rhymes to `style`: "old" (hòa, thủy) or "new"
    (hoà, thuỷ); None keeps each syllable's own placement. Misplacements wrong in both
    conventions are always fixed (hòan → hoàn, qùy → quỳ). Case is kept per letter."""
    target = _STYLE_ALIASES[style] if style is not None else None
    old_new, new_old = _placement_pairs()
    text = unicodedata.normalize("NFC", text)
    if not _marked_letters().search(text):
        return text

    def fix(m: re.Match[str]) -> str:
        pre, r, post = m.group("pre"), m.group("r"), m.group("post")
        low = r.lower()
        closed = bool(post)  # a coda follows: mark on the main (second) vowel
        after_q = _base(low[0]) == "u" and pre.lower() == "q"
        if closed or after_q:
            want = old_new.get(low, low)
        elif target == "old":
            want = new_old.get(low, low)
        elif target == "new":
            want = old_new.get(low, low)
        else:
            want = low
        return pre + _recase(r, want) + post

    return _placement_pattern().sub(fix, text)


def detect_tone_style(text: str) -> str | None:
    """"old" or "new" by the majority of open oa/oe/uy syllables in `text`; None if none
    or tied."""
    old_new, new_old = _placement_pairs()
    text = unicodedata.normalize("NFC", text)
    if not _marked_letters().search(text):
        return None
    n_old = n_new = 0
    for m in _placement_pattern().finditer(text):
        low = m.group("r").lower()
        if m.group("post") or (_base(low[0]) == "u" and m.group("pre").lower() == "q"):
            continue
        if low in old_new:
            n_old += 1
        elif low in new_old:
            n_new += 1
    if n_old == n_new:
        return None
    return "old" if n_old > n_new else "new"


def _toned_at(word: str) -> int | None:
    """The index of the letter of `word` (NFC) that carries its tone mark, if one does."""
    return next((i for i, ch in enumerate(word) if any(c in "\u0300\u0301\u0303\u0309\u0323"
                                                       for c in unicodedata.normalize("NFD", ch))), None)


def placement_as_read(form: str, read: str) -> str | None:
    """`form`, an open oa/oe/uy syllable, with its mark over the letter where OCR read
    one in `read` (a word of as many letters: "hoó" for "hoá", a font's "a" read "o"):
    the page's own placement, which a style guessed from the rest may not be. None when
    the placement is not in question or the reading does not tell."""
    if len(form) != len(read):
        return None
    old, new = normalize_tone_placement(form, "old"), normalize_tone_placement(form, "new")
    if old == new:
        return None
    at = _toned_at(unicodedata.normalize("NFC", read))
    return next((placed for placed in (old, new) if at is not None and _toned_at(placed) == at), None)
