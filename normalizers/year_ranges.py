"""The dash a copy loses from a range of years, put back: "Giai đoạn 2021 2030" → "2021-2030".

A plan writes a period as two years joined by a dash ("2021-2025", "2021 - 2025"); a
thin hyphen fades on a photocopy and OCR reads the two years with a space between. No
text writes two years side by side otherwise: ../shared/corpus (all three files) has
1,180 ranges with a dash or an en dash ("2021 - 2025" 740, "2021-2025" 382, "–" 38 …)
and a single "YYYY YYYY", whose second year is the smaller. So two years 1900–2099 with
only spaces between, the second later than the first by at most `MAX_SPAN` years and
neither next to another figure, a slash or a period (a date, a number "56/2017",
a sum "1.2021"), are a range, written with the dash the document writes its other ranges
with (the most frequent; on a tie or none, `DEFAULT_DASH`, the corpus's).
"""
from __future__ import annotations

import re
from collections import Counter

#: The longest period a plan names (a strategy to 2045 from 2021, a vision to 2050).
MAX_SPAN = 30
#: The corpus's most frequent way of writing a range's dash (740 of 1,180).
DEFAULT_DASH = " - "

_YEAR = r"(?:19|20)\d\d"
_RANGE = re.compile(rf"(?<![\d/.,])({_YEAR})(\s*[-–]\s*)({_YEAR})(?![\d/])")
_UNDASHED = re.compile(rf"(?<![\d/.,])({_YEAR}) +({_YEAR})(?![\d/.,]\d|[\d/])")


def document_dash(texts: list[str]) -> str:
    """The dash the document's ranges are written with most often (`DEFAULT_DASH` when
    none is, or two ways tie)."""
    counts = Counter(m.group(2) for t in texts for m in _RANGE.finditer(t)
                     if 0 < int(m.group(3)) - int(m.group(1)) <= MAX_SPAN).most_common(2)
    if not counts or (len(counts) == 2 and counts[0][1] == counts[1][1]):
        return DEFAULT_DASH
    return counts[0][0]


def restore_range_dashes(texts: list[str]) -> list[str]:
    """One document's cells with the dash of each range read without one put back, written
    as the document writes its ranges (`document_dash`)."""
    dash = document_dash(texts)

    def dashed(m: re.Match[str]) -> str:
        first, last = m.group(1), m.group(2)
        return f"{first}{dash}{last}" if 0 < int(last) - int(first) <= MAX_SPAN else m.group()

    return [_UNDASHED.sub(dashed, t) for t in texts]
