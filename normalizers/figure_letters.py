"""Figures OCR read as letters: a 6 read as an accented letter, a "%" read with a 9 or an
"o", the old-style figures of a book face.

- **sixes** — `vie` reads the curled top of a 6 as an acute: "202ó", "4ó8", "ó0%",
  "202é", "202óé" (`fix_sixes`).
- **shares** — a "%" read with a "9" in front of it ("909%" is 90 %), its lower ring
  read as an "o" after it ("80%o", "959o"), its upper ring as a bracket ("9(%o" is 90 %),
  or read "90" or "99" whole ("10090" is 100 %) (`fix_percent`); a "%" a document reads with
  another figure in front of it all through ("951%", "601%": `fix_share_figures`).
- **old-style figures** — fonts with old-style (text) figures by default (Vollkorn here;
  Georgia, Constantia and Candara in an office suite) set 0 as a small round "o", 1 as a
  small capital "I" and 5 with a descender; Tesseract reads "2O2s" for 2025, "8o%" for
  80 %, "7.I." for 7.1. Vietnamese writes no word of Latin letters beside figures, so a
  number-shaped token that holds a figure, or ends with "%", has its look-alike letters
  read as the figures they are (`fix_figure_letters`). A run of letters stays ("so
  với", "Io"), and so do codes whose letters are no look-alikes ("5G", "COVID-19",
  "QĐ-UBND"). Capital S stays ("5S" is a method); Q stays ("Q2/2026" is a quarter).
  An 8 read "§" beside figures ("§0%" for 80 %, Doulos SIL and EB Garamond) is an 8:
  the corpus writes "§" 18 times in 20 M syllables, each an OCR speck.
  A lone "I" or "l" after a comma before a unit of time ("6 tháng, I năm") is a 1: the
  corpus writes "I năm" only after "quý" (14 times; "1 năm" 268).
  A 1 read "i" and a 2 read "z" (EB Garamond: "zo2s" for 2025, "ioo%" for 100 %) are
  figures only beside another look-alike or in a share: a code writes a letter after its
  figures ("Điều 40i"), which the corpus's 20 M syllables keep so.
"""
from __future__ import annotations

import re

#: A "6" whose curled top `vie` reads as an acute ("202ó", "4ó8", "ó0%", "202é"), or as
#: "óé" after a digit ("202óé"): a run of digits and "ó"/"á"/"é" touching no other letter.
_SIX_TAIL = re.compile(r"(?<=\d)óé(?![^\W\d_])")
_DIGIT_RUN = re.compile(r"(?<![^\W\d_])[\dóáé]*[óáé][\dóáé]*(?![^\W\d_])")
_PERCENT = re.compile(r"(?<![\d.,])(\d{1,2})9%")
#: a "%" whose lower ring OCR read as a letter after it ("100%o") or whose stroke and upper
#: ring it read as "9" ("959o"), the lower ring with the stroke through it an "ø" ("809ø",
#: a light serif's "%"): the corpus writes neither "%o" nor a figure, "9", "o", nor any "ø"
_PERCENT_RING = re.compile(r"(?<=\d)(?:%|9)[oø](?![^\W\d_])")
#: a "%" whose upper ring OCR read as an "O" after two figures ("80O%": 800 % is no
#: share a plan writes; "10O%" is 100 %, `fix_figure_letters`)
_PERCENT_UPPER_RING = re.compile(r"(?<![\d.,])(\d{2})[oO]%")
#: a "%" OCR read as "90" or "99" whole (its stroke and rings as figures: Noto Serif
#: Display, "10090 TTHC", "tối thiểu 8590", "10099 hoạt động"): figures ending so, the
#: rest a share (1–100), the whole above 100 and no year (1900–2099), no slash, dash or
#: further figures after it. Such tokens are numbers nowhere in the corpus's
#: administrative text (none in its 5.7 M characters: a count over 1,000 is written
#: "1.090", a decision's number "1590/QĐ"; its 49 numbers above 100 ending in a 9 end in
#: one: "Điều 109", which stays)
_PERCENT_AS_FIGURES = re.compile(r"(?<![\d.,/\-–])([1-9]\d{0,2})9[09](?![\d%/\-–]|[.,]\d|[^\W\d_])")
#: a "%" read "9" alone before a range's other end, a share ("25% - 35%" read "259 - 35%":
#: Noto Serif Display copied): a range runs between two of a kind, and figures ending in 9
#: above 100 beside a share are no count
_PERCENT_BEFORE_RANGE = re.compile(r"(?<![\d.,/\-–])(\d{1,2})9(?=\s*[-–]\s*\d{1,3}(?:[.,]\d+)?%)")
#: a "%" whose upper ring OCR read as a bracket or a "J" before it ("9(%o", "9J%o" for 90 %,
#: "100)%o" for 100 %: Noto Serif Display ExtraCondensed copied, its lower ring read "o"
#: too): no text writes a bracket between a number and its "%"; the ring is the share's 0
#: when that keeps it at most 100 %, else nothing
_PERCENT_BRACKET = re.compile(r"(?<![\d.,])(\d{1,3})[()J\[\]](?=%)")
#: a share of "00" alone: a 100 % whose 1 was lost ("đạt 00%"); the corpus writes no share "00%"
_HUNDRED_LOST_ONE = re.compile(r"(?<![\w.,])00%")

#: Letters an old-style figure is read as, and the figure; "Ø" is a monospace face's
#: slashed zero (League Mono, Noto Sans Mono: "8Ø%"; the corpus's own OCR'd lines write
#: "Ø7 ngày", "201Ø6").
LOOK_ALIKES = {"o": "0", "O": "0", "Ø": "0", "I": "1", "l": "1", "|": "1", "¡": "1", "s": "5", "§": "8"}
#: … and letters read for old-style figures that a code also writes after its figures
#: ("Điều 40i", "23i"): figures only in a piece with another look-alike ("zo2s" is 2025,
#: "2ozi" 2021, "ioo%" 100 %: EB Garamond at 200 dpi) or in a share
WEAK_LOOK_ALIKES = {"i": "1", "z": "2"}
_CHARS = "0-9A-Za-z|¡§Ø"
#: a token of letters and figures, its pieces joined by . / , - – (a date, a range, an
#: item number), maybe a share; no other letter touches it
_TOKEN = re.compile(rf"(?<![\w|¡§])[{_CHARS}]+(?:[./,\-–][{_CHARS}]+)*%?(?![\w|¡§])")
_SEPARATORS = re.compile(r"([./,\-–])")


def _six(run: str) -> str:
    """A run with a figure in it, or a lone "ó", with its "ó"/"á"/"é" read as the 6 it is."""
    if any(c.isdigit() for c in run):
        return re.sub("[óáé]", "6", run)
    return "6" if run == "ó" else run


def fix_sixes(text: str) -> str:
    """A "6" read "ó" (or "á", "é") among figures, or as a lone "ó" ("ó tháng", "1.ó."; the
    corpus writes "ó" as a word 31 times in 20 M syllables, `wordlists/syllables.tsv`), is
    a 6. A lone "á" or "é" is a word ("châu Á", "á") and stays."""
    return _DIGIT_RUN.sub(lambda m: _six(m.group(0)), _SIX_TAIL.sub("6", text))


def fix_percent(text: str) -> str:
    """A share above 100 % ending in 9 is a share whose "%" OCR read with a "9" in front
    of it ("909%" → "90%", "159%" → "15%"); "100%" and "99%" stay; so is one above 100 %
    ending in an "O" ("80O%" → "80%"). A "%" read "%o", "9o" or "9ø" after figures is a
    "%" ("80%o", "959o", "809ø" → "80%", "95%", "80%"). A share "00%" is a 100 % that lost
    its 1. A "%" read "90" or "99" whole after a share is a "%" ("10090 TTHC", "8590." →
    "100% TTHC", "85%."; `_PERCENT_AS_FIGURES`), and so is one read "9" before a range's
    other end, a share ("259 - 35%" → "25% - 35%"; `_PERCENT_BEFORE_RANGE`). A bracket or
    "J" read for the "%"'s upper ring is its 0, or nothing past 100 % ("9(%o" → "90%",
    "100)%o" → "100%"; `_PERCENT_BRACKET`)."""
    text = _PERCENT_BRACKET.sub(lambda m: m.group(1) + "0" if int(m.group(1) + "0") <= 100 else m.group(1), text)
    text = _HUNDRED_LOST_ONE.sub("100%", _PERCENT_RING.sub("%", text))
    text = _PERCENT_UPPER_RING.sub(lambda m: m.group(0) if int(m.group(1) + "0") <= 100 else m.group(1) + "%", text)
    text = _PERCENT_AS_FIGURES.sub(lambda m: m.group(1) + "%" if int(m.group(1)) <= 100
                                   and not 1900 <= int(m.group(0)) <= 2099 else m.group(0), text)
    text = _PERCENT_BEFORE_RANGE.sub(lambda m: m.group(0) if int(m.group(1) + "9") <= 100 else m.group(1) + "%", text)
    return _PERCENT.sub(lambda m: m.group(0) if int(m.group(1) + "9") <= 100 else m.group(1) + "%", text)


#: a share above 100 % whose last figure, taken away, leaves one at most 100 % ("951%")
#: (not 0: "120%", "150%", "180%" are shares a law writes)
_SHARE_FIGURE = re.compile(r"(?<![\d.,])(\d{1,2})([1-9])%")
#: distinct such shares ending in one figure that make it the document's reading of its "%"
MIN_SHARE_FIGURES = 3


def fix_share_figures(texts: list[str]) -> list[str]:
    """One document's cells with the figure its font's "%" is read with taken away: a
    typewriter face's "%" is read "1%" all through ("951%", "601%", "251%" for 95 %, 60 %,
    25 %). Only where the document reads at least `MIN_SHARE_FIGURES` distinct shares above
    100 % ending in that figure (a plan's shares are at most 100 %; a law may write "121%"
    and "201%", two): each share above 100 % ending in it loses it. `fix_percent` does this
    for a 9 share by share."""
    seen: dict[str, set[str]] = {}
    for text in texts:
        for m in _SHARE_FIGURE.finditer(text):
            if int(m.group(1) + m.group(2)) > 100:
                seen.setdefault(m.group(2), set()).add(m.group(0))
    figures = {f for f, shares in seen.items() if len(shares) >= MIN_SHARE_FIGURES}
    if not figures:
        return texts
    return [_SHARE_FIGURE.sub(lambda m: m.group(1) + "%" if m.group(2) in figures
                              and int(m.group(1) + m.group(2)) > 100 else m.group(0), t) for t in texts]


def _mapped(piece: str, weak: bool = False) -> str:
    return "".join(LOOK_ALIKES.get(c) or (WEAK_LOOK_ALIKES.get(c, c) if weak else c) for c in piece)


def _reads_as_figures(piece: str, weak: bool = False) -> bool:
    return all(c.isdigit() or c in LOOK_ALIKES or (weak and c in WEAK_LOOK_ALIKES) for c in piece)


def _weak_allowed(piece: str, share: bool) -> bool:
    """Whether the piece's `WEAK_LOOK_ALIKES` are figures: in a share, or beside a look-alike."""
    return share or any(c in LOOK_ALIKES for c in piece)


#: a diameter sign before a size ("ống Ø110"), which a slashed zero never is
_DIAMETER = re.compile(r"Ø\d{2,}")


def _token(token: str) -> str:
    if _DIAMETER.fullmatch(token):
        return token
    share = token.endswith("%")
    body = token[:-1] if share else token
    parts = _SEPARATORS.split(body)
    pieces = parts[::2]
    if not (share or any(c.isdigit() for c in body)) or all(p.isdigit() for p in pieces):
        return token
    out = []
    for k, part in enumerate(parts):
        weak = _weak_allowed(part, share)
        if k % 2 == 1 or not _reads_as_figures(part, weak):
            out.append(part)
            continue
        has_figure = any(c.isdigit() for c in part)
        last_of_share = share and k == len(parts) - 1
        # a lone "I" or "l" after figures: "7.I.", "1.I" (never first: "I.2" may be Roman)
        lone_one = part in ("I", "l") and k > 0 and all(_reads_as_figures(p) for p in pieces)
        # a group of thousands after figures and a dot: "80.ooo" is 80.000
        thousands = len(part) == 3 and k > 1 and parts[k - 1] == "." and any(c.isdigit() for c in parts[k - 2])
        out.append(_mapped(part, weak) if has_figure or last_of_share or lone_one or thousands else part)
    return "".join(out) + ("%" if share else "")


def as_figures(text: str) -> str:
    """`text` read as figures when it is figures and look-alikes only ("I" → "1", "2o" →
    "20": a cell of a column-number row), else as it is."""
    return _mapped(text) if text and _reads_as_figures(text) else text


def fix_figure_letters(text: str) -> str:
    """`text` with the letters of its number-shaped tokens read as the figures they stand
    for ("Năm 2O2I-2O25" → "Năm 2021-2025", "đạt 8o%" → "đạt 80%", "so%" → "50%",
    "7.I.Tổ chức" → "7.1.Tổ chức", "6 tháng, I năm" → "6 tháng, 1 năm"); see the module doc."""
    text = _ONE_BEFORE_UNIT.sub("1", text)
    if not any(c.isdigit() or c == "%" for c in text):
        return text  # no token holds a figure or ends a share
    return _TOKEN.sub(lambda m: _token(m.group(0)), text)


#: a lone "I" or "l" after a comma or at the start, before a unit of time or a count
#: ("6 tháng, I năm"): a 1; a Roman numeral follows its noun ("Quý I năm 2026")
_ONE_BEFORE_UNIT = re.compile(r"(?:(?<=^)|(?<=, ))[Il](?= (?:năm|tháng|tuần|ngày|lần|quý|đợt)\b)")
