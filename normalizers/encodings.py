"""Legacy Vietnamese encodings (TCVN3, VNI) → Unicode.

Why: provincial plans are still typeset in pre-Unicode fonts. A PDF set in TCVN3 (ABC,
fonts ``.VnTime`` / ``.VnTimeH``) or VNI (``VNI-Times``) without a ToUnicode map yields
text such as ``C¶i c¸ch hµnh chÝnh`` or ``Caûi caùch haønh chính``: every glyph is right
on the page and every code point is wrong in the text layer (USER-ASKS #4).

- **TCVN3** is one byte per letter (``normalizers/data/tcvn3.tsv``, 74 rows: the 67
  lowercase accented letters and the 7 base capitals Ă Â Ê Ô Ơ Ư Đ, checked against glibc
  ``iconv -f TCVN5712-1`` for every byte). Capitals with a tone mark do not exist in the
  normal font: they come from the ``…H`` font (``.VnTimeH``) which draws the lowercase
  codes as capitals, hence ``tcvn3_to_unicode(text, uppercase_font=True)``.
- **VNI** writes an accented letter as a base letter followed by one or two mark bytes
  (``aù`` = á, ``oà`` = ồ, ``ôù`` = ớ); ơ ư đ ỵ and the i-forms are single bytes
  (``normalizers/data/vni.tsv``, 134 rows, upper and lower case). Decoding is a
  longest-match scan, so ``öôùc`` → ``ước``.
- ``detect_legacy`` trusts the font name first (``.Vn*`` → TCVN3, ``VNI-*`` → VNI, a
  subset prefix ``ABCDEF+`` is ignored). Without one it decodes the text both ways and
  keeps the decoding that raises the share of valid Vietnamese syllables by ≥ 0.2 (text
  with any code point of the Unicode Vietnamese block is already Unicode and returns
  None: real Unicode ``hoàn`` would otherwise read as VNI ``hồn``).

Tone placement lives in ``normalizers/tone_placement.py``.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from normalizers.syllables import is_syllable

DATA = Path(__file__).resolve().parent / "data"

# Code points of the Unicode Vietnamese letters outside Latin-1 (ă ơ ư đ ĩ ũ and the
# Latin Extended Additional block): if any is present the text is already Unicode.
_UNICODE_VI = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")
_LATIN1_HIGH = re.compile("[\u00a0-\u00ff]")
_WORD = re.compile(r"[^\W\d_]+")
_SUBSET = re.compile(r"^[A-Z]{6}\+")

Encoding = str  # "tcvn3" | "vni"


# ---------------------------------------------------------------- tables

@lru_cache(maxsize=1)
def _tcvn3_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for line in (DATA / "tcvn3.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("byte_hex"):
            continue
        byte_hex, _uni, uni_hex, _name = line.split("\t")
        table[int(byte_hex, 16)] = chr(int(uni_hex, 16))
    return table


@lru_cache(maxsize=1)
def _vni_table() -> dict[str, str]:
    """VNI sequence → Unicode letter."""
    table: dict[str, str] = {}
    for line in (DATA / "vni.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("unicode\t"):
            continue
        uni, _vni, vni_hex = line.split("\t")
        seq = "".join(chr(int(h, 16)) for h in vni_hex.split())
        table[seq] = uni
    return table


@lru_cache(maxsize=1)
def _vni_pattern() -> re.Pattern[str]:
    keys = sorted(_vni_table(), key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys))


# ---------------------------------------------------------------- TCVN3

def tcvn3_to_unicode(text: str, uppercase_font: bool = False) -> str:
    """Decode TCVN3 (ABC) text as read from a ``.VnTime`` font (one code point per byte).

    ``uppercase_font=True`` for the ``…H`` fonts (``.VnTimeH``), which draw every code
    as a capital: the text is decoded and then upper-cased.
    """
    out = text.translate(_tcvn3_table())
    out = unicodedata.normalize("NFC", out)
    return out.upper() if uppercase_font else out


def unicode_to_tcvn3(text: str, uppercase_font: bool = False) -> str:
    """Encode Unicode text as TCVN3 (for tests and fixtures).

    With ``uppercase_font=True`` the text is lower-cased first, as typed for a ``…H``
    font. Raises ValueError for a letter the normal font cannot hold (a capital with a
    tone mark, e.g. "Ủ"): such text needs ``uppercase_font=True``.
    """
    inverse = {v: chr(k) for k, v in _tcvn3_table().items()}
    text = unicodedata.normalize("NFC", text)
    if uppercase_font:
        text = text.lower()
    out = []
    for ch in text:
        if ch in inverse:
            out.append(inverse[ch])
        elif ord(ch) > 0x7F and _UNICODE_VI.match(ch) or (ord(ch) > 0x7F and ch.isalpha() and ch.isupper()):
            raise ValueError(f"{ch!r} has no TCVN3 code in the normal font")
        else:
            out.append(ch)
    return "".join(out)


def is_uppercase_font(font_name: str | None) -> bool:
    """True for the TCVN3 capital fonts (``.VnTimeH``, ``.VnArialH``, ``ABCDEF+.VnTimeH,Bold``)."""
    if not font_name:
        return False
    name = _SUBSET.sub("", font_name).split(",")[0].split("-")[0]
    return bool(re.match(r"^\.?vn", name, re.I)) and name.endswith("H")


# ---------------------------------------------------------------- VNI

def vni_to_unicode(text: str) -> str:
    """Decode VNI-Windows text (base letter + mark bytes, read as cp1252 characters)."""
    table = _vni_table()
    out = _vni_pattern().sub(lambda m: table[m.group(0)], text)
    return unicodedata.normalize("NFC", out)


def unicode_to_vni(text: str) -> str:
    """Encode Unicode text as VNI-Windows (for tests and fixtures)."""
    inverse = {v: k for k, v in _vni_table().items()}
    return "".join(inverse.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


# ---------------------------------------------------------------- detection

def _font_encoding(font_name: str) -> Encoding | None:
    name = _SUBSET.sub("", font_name.strip()).lower()
    if name.startswith("vni"):
        return "vni"
    if re.match(r"^\.?vn[a-z]", name):
        return "tcvn3"
    return None


def valid_syllable_share(text: str) -> float:
    """Share of the alphabetic tokens of `text` that are valid Vietnamese syllables."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    return sum(is_syllable(w) for w in words) / len(words)


def detect_legacy(text: str, font_name: str | None = None) -> Encoding | None:
    """"tcvn3", "vni" or None (Unicode or plain ASCII).

    A font name decides when it is a known legacy family. Otherwise the text decides:
    only text with Latin-1 letters and no Unicode Vietnamese letter is a candidate, and
    a decoding wins if it raises the share of valid syllables by at least 0.2.
    """
    if font_name:
        by_font = _font_encoding(font_name)
        if by_font:
            return by_font
    if _UNICODE_VI.search(text) or not _LATIN1_HIGH.search(text):
        return None
    base = valid_syllable_share(text)
    scores = {
        "tcvn3": valid_syllable_share(tcvn3_to_unicode(text)),
        "vni": valid_syllable_share(vni_to_unicode(text)),
    }
    best = max(scores, key=lambda k: (scores[k], k == "tcvn3"))
    return best if scores[best] - base >= 0.2 else None


def to_unicode(text: str, font_name: str | None = None) -> tuple[str, Encoding | None]:
    """Decode `text` if it is in a legacy encoding; returns (text, encoding or None)."""
    enc = detect_legacy(text, font_name)
    if enc == "tcvn3":
        return tcvn3_to_unicode(text, uppercase_font=is_uppercase_font(font_name)), enc
    if enc == "vni":
        return vni_to_unicode(text), enc
    return text, None
