"""Figures OCR read as letters: the old-style figures of a book face.

Fonts with old-style (text) figures by default (Vollkorn here; Georgia, Constantia and
Candara in an office suite) set 0 as a small round "o", 1 as a small capital "I" and 5
with a descender; Tesseract reads "2O2s" for 2025, "8o%" for 80 %, "7.I." for 7.1.
Vietnamese writes no word of Latin letters beside figures, so a number-shaped token that
holds a figure, or ends with "%", has its look-alike letters read as the figures they are
(`fix_figure_letters`). A run of letters stays ("so với", "Io"), and so do codes whose
letters are no look-alikes ("5G", "COVID-19", "QĐ-UBND"). Capital S stays ("5S" is a
method); Q stays ("Q2/2026" is a quarter).
"""
from __future__ import annotations

import re

#: Letters an old-style figure is read as, and the figure.
LOOK_ALIKES = {"o": "0", "O": "0", "I": "1", "l": "1", "|": "1", "¡": "1", "s": "5"}
_CHARS = "0-9A-Za-z|¡"
#: a token of letters and figures, its pieces joined by . / , - – (a date, a range, an
#: item number), maybe a share; no other letter touches it
_TOKEN = re.compile(rf"(?<![\w|¡])[{_CHARS}]+(?:[./,\-–][{_CHARS}]+)*%?(?![\w|¡])")
_SEPARATORS = re.compile(r"([./,\-–])")


def _mapped(piece: str) -> str:
    return "".join(LOOK_ALIKES.get(c, c) for c in piece)


def _reads_as_figures(piece: str) -> bool:
    return all(c.isdigit() or c in LOOK_ALIKES for c in piece)


def _token(token: str) -> str:
    share = token.endswith("%")
    body = token[:-1] if share else token
    parts = _SEPARATORS.split(body)
    pieces = parts[::2]
    if not (share or any(c.isdigit() for c in body)) or all(p.isdigit() for p in pieces):
        return token
    out = []
    for k, part in enumerate(parts):
        if k % 2 == 1 or not _reads_as_figures(part):
            out.append(part)
            continue
        has_figure = any(c.isdigit() for c in part)
        last_of_share = share and k == len(parts) - 1
        # a lone "I" or "l" after figures: "7.I.", "1.I" (never first: "I.2" may be Roman)
        lone_one = part in ("I", "l") and k > 0 and all(_reads_as_figures(p) for p in pieces)
        out.append(_mapped(part) if has_figure or last_of_share or lone_one else part)
    return "".join(out) + ("%" if share else "")


def as_figures(text: str) -> str:
    """`text` read as figures when it is figures and look-alikes only ("I" → "1", "2o" →
    "20": a cell of a column-number row), else as it is."""
    return _mapped(text) if text and _reads_as_figures(text) else text


def fix_figure_letters(text: str) -> str:
    """`text` with the letters of its number-shaped tokens read as the figures they stand
    for ("Năm 2O2I-2O25" → "Năm 2021-2025", "đạt 8o%" → "đạt 80%", "so%" → "50%",
    "7.I.Tổ chức" → "7.1.Tổ chức"); see the module doc."""
    if not any(c.isdigit() or c == "%" for c in text):
        return text  # no token holds a figure or ends a share
    return _TOKEN.sub(lambda m: _token(m.group(0)), text)
