"""Unicode clean-up every extracted string goes through: NFC, no control characters,
single spaces.

NFC, never NFKC (NFKC rewrites "½" and friends); combining marks left alone by the
source are composed onto their base letters here.
"""
from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\ufeff]")
_SPACE = re.compile(r"\s+")
#: Look-alike letters from other alphabets that OCR engines and some fonts emit for
#: Vietnamese ones: Icelandic eth (U+00D0/U+00F0) for đ/Đ (U+0110/U+0111).
_LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})


def clean_text(text: str) -> str:
    """NFC, zero-width and control characters dropped, look-alike letters mapped
    (Ð → Đ), whitespace collapsed, stripped."""
    text = _CONTROL.sub("", text).translate(_LOOKALIKES)
    text = unicodedata.normalize("NFC", text)
    return _SPACE.sub(" ", text).strip()


def fold(text: str) -> str:
    """Lower case, diacritics removed, đ→d: for matching labels whatever their accents."""
    text = text.lower().replace("đ", "d")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return _SPACE.sub(" ", text).strip()


_HYPHEN_END = re.compile(r"[\w)]-$")
#: a date or quarter whose year a narrow column cut ("25/12/202" / "5", "Quý IV/20" / "26"):
#: the year's first figures end the line, its last ones open the next
_CUT_YEAR = re.compile(r"/(19|20)(\d?)$|/(1|2)$")
_YEAR_END = re.compile(r"\d+")


def _cut_year(line: str, after: str) -> bool:
    """Whether `line` ends with a year cut after one to three figures ("/202", "/2") and
    `after` opens with the figures that make it four ("5", "25"), and no more."""
    cut, rest = _CUT_YEAR.search(line), _YEAR_END.match(after)
    if not cut or not rest:
        return False
    head = cut.group(0)[1:]
    return len(head) + len(rest.group(0)) == 4 and (head + rest.group(0))[:2] in ("19", "20")


def join_lines(lines: list[str]) -> str:
    """Wrapped lines of one cell → one string: joined with a space (Vietnamese is not
    hyphenated), except after a hyphen ending a code or range ("QĐ-" / "TTg",
    "2021-" / "2030") and inside a year a narrow column cut ("25/12/202" / "5":
    `_cut_year`), which join without one; then `clean_text`."""
    out = ""
    for ln in (x.strip() for x in lines):
        if not ln:
            continue
        if out and (_HYPHEN_END.search(out) and not ln.startswith("-") or _cut_year(out, ln)):
            out += ln
        else:
            out = f"{out} {ln}" if out else ln
    return clean_text(out)


def fold_ascii(text: str) -> str:
    """Every letter folded to ASCII, case kept: marks dropped, đ→d, Đ→D ("Sở Nội vụ" →
    "So Noi vu"): what a text layer stripped of diacritics shows."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def fold_same_length(text: str, keep_case: bool = False) -> str:
    """`fold` one character at a time, so positions in the result are positions in
    `text` (NFC): for matching on folded text and then cutting the original. With
    `keep_case`, capitals stay capitals (Đ → D)."""
    text = unicodedata.normalize("NFC", text)
    out = []
    for ch in text:
        if ch in "đĐ":
            base = "D" if keep_case and ch == "Đ" else "d"
        else:
            base = unicodedata.normalize("NFD", ch)[0]
        if not keep_case and len(base.lower()) == 1:
            base = base.lower()
        out.append(base)
    return "".join(out)
