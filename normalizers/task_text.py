"""Task text → comparable words, for linking the rows of two plans (`pipeline/lineage.py`).

Vietnamese writes one syllable per space, so a word of two or three syllables ("quy phạm
pháp luật", "cơ sở dữ liệu") is several tokens; comparing syllables makes "cơ sở" (a
base) look like half of "cơ quan" (an agency). The passes, in order:

1. NFC, lower case (`normalizers.text.clean_text`);
2. numbering and codes dropped: item numbers ("1.2.", "2.1."), document numbers
   ("468/QĐ-TTg", "Nghị định số 90/2020/NĐ-CP"), years and other digits — they change
   from plan to plan while the work stays the same;
3. accents folded (hóa / hoá / hoa → "hoa"), so tone placement and OCR tone slips do not
   matter;
4. syllables joined into words by greedy longest match (up to 4 syllables) against
   `data/words_pyvi.txt`, the multi-syllable words of pyvi's word list (MIT), folded;
5. abbreviations the plans use for the same words ("TTHC", "VBQPPL", "CCHC" …, from
   `data/abbreviations.csv` where the expansion is a phrase) expanded before step 4,
   so "TTHC" and "thủ tục hành chính" give the same words.

`words` returns the words joined by "_" ("thu_tuc hanh_chinh"). Which words matter is
left to the linker (TF-IDF over the rows being linked), not to a stop list here.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from normalizers.agency_keys import load_abbreviations
from normalizers.text import clean_text, fold

DATA = Path(__file__).resolve().parent / "data"
WORDS_TXT = DATA / "words_pyvi.txt"
LONGEST_WORD = 4  # syllables

_ITEM_NUMBER = re.compile(r"(?<![\w/])\d+(?:\.\d+)*\.?(?=\s|$)")
_CODE = re.compile(r"\S*\d\S*")          # 468/QĐ-TTg, 90/2020/NĐ-CP, 2026, 20%
_SYLLABLE = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def word_list(path: str = str(WORDS_TXT)) -> frozenset[tuple[str, ...]]:
    """The multi-syllable words, folded, as syllable tuples."""
    out = set()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = tuple(fold(line).split())
        if len(parts) >= 2:
            out.add(parts)
    return frozenset(out)


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """Abbreviation (folded) → its expansion (folded) for the phrase abbreviations of
    `data/abbreviations.csv` (several syllables, one upper-case token: "TTHC"), as
    `normalizers.agency_keys.load_abbreviations` reads them."""
    out: dict[str, str] = {}
    for a in load_abbreviations():
        if re.fullmatch(r"[^\W\d_]+", a.abbr) and a.abbr.isupper() and len(a.expansion.split()) >= 2:
            out.setdefault(fold(a.abbr), fold(a.expansion))
    return out


def syllables(text: str) -> list[str]:
    """Passes 1–3 and 5: folded syllables, numbers and codes dropped, abbreviations expanded."""
    text = clean_text(text or "").lower()
    text = _CODE.sub(" ", _ITEM_NUMBER.sub(" ", text))
    out: list[str] = []
    expand = abbreviations()
    for syl in _SYLLABLE.findall(fold(text)):
        out.extend(expand.get(syl, syl).split())
    return out


def join_words(sylls: list[str], known: frozenset[tuple[str, ...]] | None = None) -> list[str]:
    """Pass 4: greedy longest match of syllables into words ("co so du lieu" →
    ["co_so_du_lieu"] when the list has it)."""
    known = word_list() if known is None else known
    out, i = [], 0
    while i < len(sylls):
        for n in range(min(LONGEST_WORD, len(sylls) - i), 0, -1):
            if n == 1 or tuple(sylls[i:i + n]) in known:
                out.append("_".join(sylls[i:i + n]))
                i += n
                break
    return out


def words(text: str) -> list[str]:
    """Comparable words of a cell ("Rà soát, chuẩn hoá TTHC năm 2026" →
    ["ra_soat", "chuan_hoa", "thu_tuc", "hanh_chinh", "nam"])."""
    return join_words(syllables(text))
