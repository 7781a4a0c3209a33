"""Years OCR misread, set against the years the same document names.

A plan names its own years again and again (2021, 2025, 2030); a year read once beside
them that is a figure away from one of them is that year misread: a year no plan names
(2060–2099, "năm 2090") or, within the plans' horizon, a figure a thin print lost or
gained a stroke of ("Đến năm 2036" in a plan that names 2030 everywhere else). A year
read with a figure too many or too few where a year stands (after "năm" or a quarter's
slash: "IV/20266", "năm 202", "năm 202ó") is the one year of the document that fits,
and so is one read with one letter that no figure looks like ("năm 2oas": the "o" is
a 0, the "s" a 5, the "a" any figure: 2025 where the document names 2025 and no
other 20x5 near as often).
"""
from __future__ import annotations

import re
from collections import Counter

from normalizers.figure_letters import LOOK_ALIKES, WEAK_LOOK_ALIKES

#: Years no plan names: the corpus's provincial documents (admin_official_docs) name 2030
#: 311 times, 2045 32, 2050 27 and every year from 2060 to 2099 once in all.
_FAR_YEAR = re.compile(r"(?<!\d)20[6-9]\d(?!\d)")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_NEAR_YEAR = re.compile(r"(?<!\d)20(?:3[1-9]|[45]\d)(?!\d)")
#: Figures a thin or light print loses a stroke of or gains one, read as another
#: (Tesseract `vie`): an "0" with a speck read "6", "8" or "9"
_FIGURE_SLIPS = frozenset({("0", "6"), ("0", "8"), ("0", "9")})
#: A year within the plans' horizon read in one text, beside one a figure slip away that
#: the document names in this many texts or more, is that year misread ("Đến năm 2036"
#: in a plan that names 2030 in 23 texts)
_DOMINANT = 5
#: A year read with a figure too ("IV/20266", "năm 20830") or with its last figure lost
#: or read as a letter ("năm 202", "năm 202ó"), after "năm" or a quarter's slash
_LONG_YEAR = re.compile(r"(?:(?<=[nN]ăm )|(?<=\w/))20\d{3}(?!\d)")
_SHORT_YEAR = re.compile(r"(?:(?<=[nN]ăm )|(?<=\w/))20\d(?:[^\W\d_])?(?![\w%])")
#: A year read with a letter in it that is no figure's look-alike ("năm 2oas,": EB
#: Garamond's old-style 2 read "a"; "2o2ø": Essays 1743's 5 read "ø"), after "năm" or a
#: date's slash
_LETTER_YEAR = re.compile(r"(?:(?<=[nN]ăm )|(?<=\w/))2[^\W_]{3}(?![\w%])")
#: Figures after "năm" or a quarter's slash that are no year of 19xx or 20xx: a year whose
#: second figure slipped ("năm 2925", "IV/2930": the 0 of 20xx read 9)
_CENTURY_SLIP = re.compile(r"(?:(?<=[nN]ăm )|(?<=\w/))2[1-9]\d\d(?![\d%])")
#: … is the year the document names in `_DOMINANT` texts or more that fits, when no
#: other year that fits comes within this share of it
_RIVAL_SHARE = 0.25


def fix_years(texts: list[str]) -> list[str]:
    """A year no plan names ("năm 2090", 2060–2099) is a misread figure of a year the same
    document names: the one a single figure away that it names most (at least twice);
    with none, the text stays. A year of 2031–2059 the document names in one text only is
    the year a figure slip away (`_FIGURE_SLIPS`: "2036" for 2030) that it names in
    `_DOMINANT` texts or more, and so are figures after "năm" or a quarter's slash that
    are no year of 19xx or 20xx (`_CENTURY_SLIP`: "năm 2925" for 2025). A year read with
    a figure too many ("IV/20266") or its last
    figure lost or read as a letter ("năm 202", "năm 202ó") is the year that fits which the
    document names in `_DOMINANT` texts or more, when no other that fits comes near it
    (`_RIVAL_SHARE`); so is a year read with one letter no figure looks like
    (`_LETTER_YEAR`, the look-alikes of `figure_letters` read as their figures). `texts`
    are one document's cells (for all but the first rule a cell
    filled down counts once)."""
    named = Counter(y for t in texts for y in _YEAR.findall(t))
    in_texts = Counter(y for t in set(texts) for y in _YEAR.findall(t))

    def one_figure(a: str, b: str) -> bool:
        return sum(x != y for x, y in zip(a, b)) == 1

    def far(m: re.Match[str]) -> str:
        year = m.group(0)
        near = [(named[y], y) for y in named if y != year and one_figure(y, year)
                and named[y] >= 2 and not _FAR_YEAR.fullmatch(y)]
        return max(near)[1] if near else year

    def slip_of(m: re.Match[str]) -> str:
        """The year a figure slip away that the document names in `_DOMINANT` texts or more."""
        read = m.group(0)
        near = [(in_texts[y], y) for y in in_texts if one_figure(y, read) and in_texts[y] >= _DOMINANT
                and any((a, b) in _FIGURE_SLIPS for a, b in zip(y, read) if a != b)]
        return max(near)[1] if near else read

    def slipped(m: re.Match[str]) -> str:
        return slip_of(m) if in_texts[m.group(0)] == 1 else m.group(0)

    def fitting(fits) -> str | None:
        ranked = sorted(((in_texts[y], y) for y in in_texts if fits(y)), reverse=True)
        if not ranked or ranked[0][0] < _DOMINANT or (len(ranked) > 1 and ranked[1][0] > _RIVAL_SHARE * ranked[0][0]):
            return None
        return ranked[0][1]

    def long(m: re.Match[str]) -> str:
        read = m.group(0)
        return fitting(lambda y: any(read[:k] + read[k + 1:] == y for k in range(len(read)))) or read

    def short(m: re.Match[str]) -> str:
        read = m.group(0)
        return fitting(lambda y: y.startswith(read[:3])) or read

    def lettered(m: re.Match[str]) -> str:
        read = m.group(0)
        known = [c if c.isdigit() else LOOK_ALIKES.get(c) or WEAK_LOOK_ALIKES.get(c) for c in read]
        if read.isdigit() or known.count(None) != 1:
            return read
        return fitting(lambda y: len(y) == 4 and all(k is None or k == f for k, f in zip(known, y))) or read

    return [_LETTER_YEAR.sub(lettered, _SHORT_YEAR.sub(short, _LONG_YEAR.sub(long, _CENTURY_SLIP.sub(
        slip_of, _NEAR_YEAR.sub(slipped, _FAR_YEAR.sub(far, t)))))) for t in texts]
