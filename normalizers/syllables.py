"""Vietnamese syllables: the inventory of valid ones (normalizers/data/syllables.txt),
folding (marks dropped, đ→d), the canonical form the LM counts (lower case, NFC, "old"
tone placement) and the tone / vowel-quality marks of a syllable.

7,850 lower-case NFC syllables that pass a structure check (onset + rhyme + tone, stop
codas only with sắc/nặng): the union of the word lists described in
../shared/corpus/README.md. Used to judge whether a text layer is plausible Vietnamese
and how confident an OCR'd cell is.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from normalizers import tone_placement
from normalizers.table_cache import cached
from normalizers.tone_placement import normalize_tone_placement

DATA = Path(__file__).resolve().parent / "data"
#: The tone placement the LM counts in ("old": hòa, thủy — 95 % of the corpus).
CANONICAL_STYLE = "old"

_WORD = re.compile(r"[^\W\d_]+")
_ROMAN = re.compile(r"^[IVXL]+$")


@lru_cache(maxsize=1)
def inventory() -> frozenset[str]:
    from importlib import resources   # not at import: 10 ms of every `cchc repair`

    text = resources.files("normalizers").joinpath("data/syllables.txt").read_text(encoding="utf-8")
    return frozenset(unicodedata.normalize("NFC", ln.strip()) for ln in text.splitlines() if ln.strip())


@dataclass(frozen=True)
class SyllableStats:
    words: int  # alphabetic tokens that are not all-caps abbreviations
    with_marks: int  # tokens carrying a non-ASCII letter (Vietnamese diacritics, đ)
    valid: int  # tokens found in the inventory

    @property
    def mark_share(self) -> float:
        return self.with_marks / self.words if self.words else 0.0

    @property
    def valid_share(self) -> float:
        return self.valid / self.words if self.words else 0.0


def syllable_stats(text: str) -> SyllableStats:
    """Counts over the alphabetic tokens of `text` (abbreviations such as UBND skipped)."""
    known = inventory()
    words = marks = valid = 0
    for token in _WORD.findall(unicodedata.normalize("NFC", text)):
        if (len(token) > 1 and token.isupper() and token.isascii()) or _ROMAN.match(token):
            continue  # CCHC, UBND, VBQPPL …; section and quarter numerals (V, IV)
        words += 1
        marks += any(ord(ch) > 127 for ch in token)
        valid += token.lower() in known
    return SyllableStats(words, marks, valid)


# ---------------------------------------------------------------- folding and the canonical form

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


def initials(words: list[str]) -> str:
    """The words' first letters as an acronym writes them: capitals, marks dropped, Đ kept
    ("thủ tục hành chính" → TTHC, "Hội đồng nhân dân" → HĐND)."""
    return "".join("Đ" if w[0] in "đĐ" else fold(w[0]).upper() for w in words)


def fold_keep_case(text: str) -> str:
    """Marks dropped, đ→d, case kept ("Đường" → "Duong")."""
    out = []
    for ch in text:
        f = _FOLD.get(ord(ch))
        out.append((f.upper() if ch.isupper() else f) if f else ch)
    return "".join(out)


_MARKED = re.compile("[" + "".join(sorted(chr(c) for c in _FOLD)) + "]")
_VOWEL_MARKED = re.compile("[" + "".join(sorted(chr(c) for c in _FOLD if chr(c) not in "đĐ")) + "]")


def has_marks(text: str) -> bool:
    """Any letter with a Vietnamese mark, đ included."""
    return _MARKED.search(text) is not None


def has_vowel_marks(text: str) -> bool:
    """Any letter with a tone or vowel mark (đ alone does not count: "đo" has none)."""
    return _VOWEL_MARKED.search(text) is not None


def is_marked_vowel(text: str) -> bool:
    """Whether `text` is one small vowel with a Vietnamese mark ("ú", "ở"): a word ("ý",
    "ở"), whose marks a copy may misread ("góp ú" for "góp ý"), not an item's letter ("a",
    "b") or a numeral ("I")."""
    return len(text) == 1 and text.islower() and has_vowel_marks(text)


_CANON_CACHE: dict[str, str] = {}


def canonical(word: str) -> str:
    """Lower case, NFC, tone marks in the LM's placement ("HOÀ" → "hòa")."""
    c = _CANON_CACHE.get(word)
    if c is None:
        c = normalize_tone_placement(unicodedata.normalize("NFC", word.lower()), CANONICAL_STYLE)
        if len(_CANON_CACHE) < 500_000:
            _CANON_CACHE[word] = c
    return c


#: What `syllable_inventory`, `folded_inventory` and `canonical` depend on: the syllable
#: list, the tone-placement table, the code of this module and of `tone_placement`.
INVENTORY_SOURCES = (DATA / "syllables.txt", DATA / "tone_placement.tsv", Path(__file__),
                     Path(tone_placement.__file__))


def syllable_inventory() -> frozenset[str]:
    """The 7,850 valid syllables of ``data/syllables.txt`` in canonical placement."""
    return _inventories()[0]


def is_syllable(word: str) -> bool:
    """True if `word` (any case, any tone placement) is a valid Vietnamese syllable."""
    return canonical(word) in _inventories()[0]


def folded_inventory() -> frozenset[str]:
    """Folds of the valid syllables ("thuc" is one: thúc, thục, thực …)."""
    return _inventories()[1]


@lru_cache(maxsize=1)
def _inventories() -> tuple[frozenset[str], frozenset[str]]:
    """(`syllable_inventory`, `folded_inventory`), kept in the table cache."""
    return cached("syllable-inventories", (p.read_bytes() for p in INVENTORY_SOURCES), _compute_inventories)


def _compute_inventories() -> tuple[frozenset[str], frozenset[str]]:
    words = frozenset(canonical(w) for w in (DATA / "syllables.txt").read_text(encoding="utf-8").split())
    return words, frozenset(fold(s) for s in words)



# ---------------------------------------------------------------- marks

#: Tone marks (the vowel-quality marks of â ê ô ơ ư ă and đ are letters, not tones).
TONES = "\u0300\u0301\u0303\u0309\u0323"
#: The vowel-quality marks (circumflex, breve, horn) of â ê ô ă ơ ư.
VOWEL_MARKS = "\u0302\u0306\u031b"
#: Every vowel in small letters, bare and with each tone (NFC).
VOWELS = tuple(unicodedata.normalize("NFC", v + tone) for v in "aăâeêioôơuưy" for tone in ("", *TONES))


def marks_agree(read: str, form: str) -> bool:
    """Whether the marks OCR printed are those of `form` (same tone, same vowel hats)."""
    def marks(w: str) -> list[str]:
        return sorted(c for c in unicodedata.normalize("NFD", w.lower()) if c in TONES + VOWEL_MARKS)
    return marks(read) == marks(form)


def _strip(word: str, marks: str) -> str:
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", word.lower()) if c not in marks))


def toneless(word: str) -> str:
    """`word` lower-cased without its tone mark ("tổ" → "tô", "Kiếm" → "kiêm")."""
    return _strip(word, TONES)


def letters_only(word: str) -> str:
    """`word` lower-cased without tone and vowel-quality marks, đ kept ("Đẩy" → "đay")."""
    return _strip(word, TONES + VOWEL_MARKS)


TONE_NAMES = {"\u0300": "huyen", "\u0301": "sac", "\u0303": "nga", "\u0309": "hoi", "\u0323": "nang"}


def nucleus(word: str) -> str:
    """The vowel letters of `word` without its tone, lower case ("Chỉ" → "i", "thể" → "ê",
    "chuyển" → "uyê"): what Tesseract misreads a tone over ("chi" read "chỉ": the hook
    drawn onto the dot of the i)."""
    return "".join(ch for ch in toneless(word.lower()) if ch in "aăâeêioôơuưy")


def tone_and_hat(word: str) -> tuple[str, bool]:
    marks = unicodedata.normalize("NFD", word.lower())
    return (next((TONE_NAMES[c] for c in marks if c in TONE_NAMES), "ngang"),
            any(c in VOWEL_MARKS for c in marks))


