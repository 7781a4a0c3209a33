"""Legacy Vietnamese encodings → Unicode, and tone-mark placement.

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

Tone placement (``normalizers/data/tone_placement.tsv``): in open syllables with the
rhymes oa, oe, uy the mark sits either on the first vowel (hòa, khỏe, thủy — ``"old"``,
the traditional placement, 95 % of the training corpus: ủy 32,164 vs uỷ 1,599) or on
the second, main vowel (hoà, khoẻ, thuỷ — ``"new"``, the 1980s school rule that UniKey
calls "kiểu mới"). Note the project's corpus READMEs call hóa/ủy "modern"; the names
here follow the Vietnamese usage, and ``"hòa"`` / ``"hoà"`` are accepted as unambiguous
aliases. Placements that are wrong in both conventions (``hòan``, ``qùy``) are always
fixed: with a coda, or after q, the mark goes on the second vowel.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

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
    from normalizers.diacritics import is_syllable

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


# ---------------------------------------------------------------- tone placement

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
    n_old = n_new = 0
    for m in _placement_pattern().finditer(unicodedata.normalize("NFC", text)):
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
