"""A section's item numbers fitted to the one sequence they can be: what the neighbour
rules of `extractors.numbering` cannot settle when two misread numbers stand side by side.

A section numbers its items 1, 2, 3, … and each item's number follows the one before it
or repeats it (an item whose rows run on over a page break carries its number again);
an item a plan leaves unnumbered (a blank Stt) may hold the number skipped across it.
A font whose "3" and "4" OCR reads as "5" gives "1", "2", "5", "5", "5", "6": each
misread number has a misread neighbour, so no neighbour rule vouches for a repair, while
the section as a whole allows one sequence only that changes two numbers, "1" to "6".

`fitted_sequence` finds, by dynamic programming over the numbered items, the sequences
that change the fewest numbers read, and of those the ones whose blank items hold the
fewest numbers (a blank Stt is more often an item's second row, or a figure OCR lost,
than an item the plan left unnumbered: "1", "", "", "5", "1", "5", "6" is 1, -, -, 3, 4,
5, 6 rather than 1, -, -, 4, 4, 5, 6, which changes as many); the numbers are set from it
only when one sequence alone is best, it changes at most 40 % of them (`MOST_CHANGED`),
and it keeps those of items not OCR'd (a text layer's numbers are what the plan printed);
a section whose
numbers restart at 1 (a 1 after a larger number, then 1s and a 2, or 1s to its end) is
left to the neighbour rules; a 1 the numbers after it do not count on from ("5", "1", "5", "6": a
Manrope "4" read "1") is a misread number like any other. A fitted section then takes
the style most of the numbers it keeps have ("3." or "3"; on a tie, most of all its
numbers).
"""
from __future__ import annotations

import re
from collections import Counter
from itertools import groupby
from math import inf

from schemas.records import PlanRow

#: an item number as a plan prints it: figures, maybe a period ("3", "3.")
ITEM = re.compile(r"^(\d{1,3})(\.?)$")
#: the most numbers of a section the fitted sequence may change, as a share of its
#: numbered items: the rest are the evidence for it
MOST_CHANGED = 0.4
#: what setting a number to another reading of its cell costs (a whole change costs 1): the
#: crop read another way vouches for half of it ("5" read by one mode, "3" by another)
ALTERNATIVE_COST = 0.5


def _after_ones(values: list[int], k: int) -> int | None:
    """The first of `values[k:]` that is no 1 (None: only 1s, or nothing, follow)."""
    return next((v for v in values[k:] if v != 1), None)


def fitted_sequence(read: list[int | None], fixed: list[bool] | None = None,
                    alternatives: list[set[int]] | None = None) -> list[int | None] | None:
    """The items of one section as their numbers must run, or None when that is not settled.

    `read[k]`: item k's number as read (None: blank, or no number: it keeps its reading and
    lets the number skip one across it); `fixed[k]`: item k's number may not change;
    `alternatives[k]`: the numbers other readings of item k's cell gave, a change to one
    of which costs `ALTERNATIVE_COST`. The sequence starts at 1 (or past the blank items
    opening the section), each number following the one before or repeating it. A
    section with a number 1 after a larger one, the first number after its 1s a 2 or none
    (a list restarting under a sub-heading, an item of two rows read "1", "1") is left as
    read; after "4", "1", "1", "8" the count goes on from the 4, and the 1s are misread.
    Returned only when exactly one sequence changes least (of those, lets its blank items
    hold the fewest numbers), its cost at most `MOST_CHANGED` of the numbers."""
    numbered = [k for k, v in enumerate(read) if v is not None]
    values = [read[k] for k in numbered]
    if len(numbered) < 3 or any(b == 1 < a and _after_ones(values, k + 2) in (None, 2)
                                for k, (a, b) in enumerate(zip(values, values[1:]))):
        return None  # too few to vouch, or a list restarting at 1 under a sub-heading
    fixed = fixed or [False] * len(read)
    alternatives = alternatives or [set() for _ in read]

    def change(k: int, v: int) -> float:
        return 0 if read[k] == v else inf if fixed[k] else ALTERNATIVE_COST if v in alternatives[k] else 1
    # gaps[i]: blank items before numbered item i (since the previous numbered one)
    gaps = [numbered[0]] + [b - a - 1 for a, b in zip(numbered, numbered[1:])]
    top = len(read) + 1
    never = (inf, inf)

    def step(i: int, u: int, v: int) -> tuple[float, float]:  # numbered item i-1 at u, i at v
        return best[i - 1][u][0][0] + change(numbered[i], v), best[i - 1][u][0][1] + max(0, v - u - 1)
    # best[i][v]: ((fewest changes, then fewest numbers the blanks before hold), number of
    # sequences so) with numbered item i at v
    best: list[list[tuple[tuple[float, float], int]]] = []
    for i, k in enumerate(numbered):
        row = []
        for v in range(top + 1):
            if i == 0:
                row.append(((change(k, v), v - 1), 1) if 1 <= v <= 1 + gaps[0] and change(k, v) < inf
                           else (never, 0))
                continue
            options = [(step(i, u, v), best[i - 1][u][1]) for u in range(max(0, v - 1 - gaps[i]), v + 1)]
            low = min((c for c, _ in options), default=never)
            row.append((low, sum(n for c, n in options if c == low)) if low[0] < inf else (never, 0))
        best.append(row)
    low = min(c for c, _ in best[-1])
    if low[0] == inf or low[0] == 0 or low[0] > MOST_CHANGED * len(numbered):
        return None
    ends = [v for v, (c, _) in enumerate(best[-1]) if c == low]
    if len(ends) != 1 or best[-1][ends[0]][1] != 1:
        return None
    out: list[int | None] = list(read)
    v = ends[0]
    for i in range(len(numbered) - 1, -1, -1):
        out[numbered[i]] = v
        if i:
            v = next(u for u in range(max(0, v - 1 - gaps[i]), v + 1) if step(i, u, v) == best[i][v][0])
    return out


def _section_style(kept: list[re.Match[str]], read: list[re.Match[str]]) -> str:
    """One style for a fitted section ("3." or "3"): a plan numbers a section's items
    alike. The numbers the fit keeps vote (a misread number's period is a speck as often
    as not: "1", "5", "3.", "4." is "1.", "2.", "3.", "4."); where they tie, all numbers
    read do."""
    votes = Counter(m.group(2) for m in kept).most_common()
    if votes and (len(votes) == 1 or votes[0][1] > votes[1][1]):
        return votes[0][0]
    return Counter(m.group(2) for m in read).most_common(1)[0][0]


def _runs_on(read: list[int | None]) -> bool:
    """Whether the numbers of a section's items run as they must as read: from 1 (or past
    its blank items), each the one before it or the next, a blank item holding one it skips."""
    last, blanks = 0, 0
    for v in read:
        if v is None:
            blanks += 1
            continue
        if not max(last, 1) <= v <= last + 1 + blanks:
            return False
        last, blanks = v, 0
    return True


def fit_sections(rows: list[PlanRow], items: list[tuple[int, list[int]]], ocr_rows: set[int],
                 alternatives: list[tuple[str, ...]] | None = None) -> None:
    """Each section's item numbers set from `fitted_sequence` where it is settled (`items`:
    (first row, rows) of each item in table order; only numbers OCR read, rows in
    `ocr_rows`, may change; `alternatives[row]`: the other readings of that row's Stt
    cell), all in one style (`_section_style`); a section whose numbers run on as read
    (`_runs_on`) but in two styles takes the one most of its items are read with (a tie
    stays as read); the number as read is kept in `raw`."""
    for _, grouped in groupby(items, key=lambda item: rows[item[0]].section_no):
        part = list(grouped)
        matches = [ITEM.match(rows[b].stt or "") for b, _ in part]
        numbers = [int(m.group(1)) if m else None for m in matches]
        others = [{int(m.group(1)) for a in (alternatives[b] if alternatives else ()) if (m := ITEM.match(a))}
                  for b, _ in part]
        fitted = fitted_sequence(numbers, [b not in ocr_rows for b, _ in part], others)
        read = [m for m in matches if m]
        if fitted:
            style = _section_style([m for m, number in zip(matches, fitted) if m and int(m.group(1)) == number], read)
        else:   # numbers that run on as read, in two styles ("1.", "3." among "5", "6"): a speck's period
            votes = Counter(m.group(2) for m in read).most_common()
            if len(votes) < 2 or votes[0][1] == votes[1][1] or not _runs_on(numbers):
                continue
            style, fitted = votes[0][0], numbers
        for (b, group), m, number in zip(part, matches, fitted):
            wanted = f"{number}{style}"
            if m is None or b not in ocr_rows or rows[b].stt == wanted:
                continue
            for j in group:
                rows[j].raw = {"stt": rows[j].stt, **(rows[j].raw or {})}
                rows[j].stt = wanted
