"""The item numbers a column writes at the start of its cells ("1.1. Kiện toàn …", "1.2.
Đẩy mạnh …"), put back from their sequence where OCR misread one.

A plan numbers the tasks under each objective inside the cell's text, "a.b." with b
counting up and a following the objective; a scan in a rounded sans loses the dots
("11.Kiện", "11Đến" for "1.1."), a flat-topped 3 reads 5 ("1.5." between "1.2." and
"1.4."), a comma or a fraction slash stands for a dot ("3,2.", "1⁄2."), a colon for
the last ("1.3: Đổi mới", a speck under it). Each such number is read on its own, but
the column's numbers are a sequence: the item after
"a.b." is "a.b+1." or "a+1.1.", the item before "c.d." is "c.d-1." (or the last of
c-1 when d is 1).

`fix_item_numbers` takes one column's cells in document order and rewrites the number
of a cell only when all of these hold:

- the column writes "a.b." numbers (at least `MIN_NUMBERED` cells read so);
- the cell's number is not one its neighbours allow (a cell repeated by a merged cell,
  the same text as the cell before, is the same item and is left with it);
- exactly one number is allowed by both the item before and the item after (each
  read as a valid "a.b."); a number read as no "a.b." ("11.") may take the one a single
  neighbour allows, a valid one ("1.5.") is changed only with both against it;
- the number read is that number misread: its figures are the same with the dots lost
  or with one figure other (`_close`), or a comma, slash or fraction slash is read for
  a dot.

A number read with letters for its figures or a space for its first dot ("I.2.",
"II.I.", "!.4.", "I 2."; an old-style or serifed 1 is read "I", and at times as two
strokes) takes its figures where a neighbour agrees with them, else is treated as a
number read as none. A column whose such numbers are Roman ("II.2.", "III.1.") keeps
them.

A piece read as a letter no figure looks like ("Š.2.", "ý.5.", "1.ã.": a flat-topped 3
in Manrope or in a display face on a copy) is an unknown figure: the number takes the
one both neighbours allow when they allow one only, a figure of it read as one ("v.v."
has none and stays). Of two numbers one neighbour allows, the one the reading is close
to is taken ("Š.2." after "3.1." is 3.2., not 4.1.); a figure more than the number has
is a speck read as one ("7.35." between "7.2." and "7.4.").

The rest of the cell stays as it is. Nothing here knows any plan: the evidence is
the column's own numbers.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from normalizers.figure_letters import LOOK_ALIKES, WEAK_LOOK_ALIKES

#: a cell's item number as read: figures and the separators OCR makes of its dots, then
#: a space or a letter (not "100% …", "80 %": a share opening a cell is no number)
_LEADING = re.compile(r"^(\d[\d.,/\u2044]*:?)(?=[^\W\d_]|\s+(?![\s%])|$)")
#: a valid "a.b." number (the last dot may be lost before a space)
_VALID = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?$")
#: a column writes "a.b." numbers when at least this many of its cells are read so
MIN_NUMBERED = 3
#: letters OCR reads for figures (`figure_letters`), and "!" for a 1
_FIGURE_LETTERS = {**LOOK_ALIKES, **WEAK_LOOK_ALIKES, "!": "1"}
_F = "[0-9" + re.escape("".join(_FIGURE_LETTERS)) + "]"
#: a piece of an item number as read: one or two figures or look-alikes, or one other
#: letter a figure was misread as ("Š.2.", "ý.5.", "1.ã." for 3.2., 3.3., 1.3.: a
#: flat-topped 3), which stands for an unknown figure (`UNKNOWN`)
_PIECE = rf"(?:{_F}{{1,2}}|[^\W\d_])"
#: an item number read with letters for its figures or a space for its first dot ("I.2.",
#: "II.I.", "!.4.", "I 2.", "3 2."): two pieces, the second ended by a dot or a comma,
#: then a word
_LOOKS_NUMBERED = re.compile(rf"^({_PIECE}(?:[.,/\u2044]|\s){_PIECE}[.,])(?=\s*[^\W\d_])")
#: a letter that is no look-alike of any figure, in `_figures`
UNKNOWN = "?"

Number = tuple[int, int]


def _parse(token: str) -> Number | None:
    m = _VALID.match(token)
    return (int(m.group(1)), int(m.group(2))) if m else None


def _after(n: Number) -> set[Number]:
    return {(n[0], n[1] + 1), (n[0] + 1, 1)}


def _fits_before(candidate: Number, nxt: Number) -> bool:
    """Whether `candidate` may come right before `nxt`."""
    return candidate == (nxt[0], nxt[1] - 1) or (nxt[1] == 1 and candidate[0] == nxt[0] - 1)


def _figures(read: str) -> str:
    """The figures of a number as read, its look-alike letters read as figures and any
    other letter as `UNKNOWN`."""
    return "".join(_FIGURE_LETTERS.get(c, c) if c.isdigit() or c in _FIGURE_LETTERS else UNKNOWN
                   for c in read if c.isalnum())


def _close(read: str, meant: Number) -> bool:
    """Whether `read` (a number as OCR read it) is `meant` misread: the same figures with
    its dots lost or read as a comma or a slash, one figure other (or a letter no figure
    looks like in its place) or one figure more (a speck read as one: "7.35." for 7.3.);
    look-alike letters count as their figures, and a 1 may be read as two strokes ("II.I."
    for 1.1.). At least one figure is read as one: "v.v." is no number."""
    figures = _figures(read)
    want = f"{meant[0]}{meant[1]}"
    if figures.count(UNKNOWN) == len(figures):
        return False
    if figures == want or any(figures[:i] + figures[i + 1:] == want for i, c in enumerate(figures)
                              if c != UNKNOWN and (c == "1" and "II" in read or len(figures) > 2)):
        return True
    return len(figures) == len(want) and sum(a != b for a, b in zip(figures, want)) == 1


def _looks_numbered(text: str) -> re.Match | None:
    """The item number opening `text` when it is read with look-alike letters or a space
    for a dot (`_LOOKS_NUMBERED`), else None."""
    m = _LOOKS_NUMBERED.match(text)
    if m and (re.search(r"\s", m.group(1)) or not all(c.isdigit() or c in ".,/\u2044" for c in m.group(1))):
        return m
    return None


def _writes_roman(tokens: list[str]) -> bool:
    """Whether a column's look-alike numbers are Roman ones ("I.1.", "II.2.", "III.1."): a
    numeral past II, or II before an item other than its first. A 1 read as two strokes
    makes "II.I." or "II.1." only."""
    for token in tokens:
        first, _, second = re.split(r"([.,/\u2044\s])", token[:-1], maxsplit=1)
        if re.fullmatch(r"I{3}|I?V|VI{1,3}|I?X", first) or (first == "II" and _figures(second) != "1"):
            return True
    return False


def _as_figures(token: str) -> Number | None:
    """A number read with look-alikes, as the "a.b." its letters would make."""
    return _parse(re.sub(r"[,/\u2044\s]", ".", "".join(_FIGURE_LETTERS.get(c, c) for c in token))[:-1])


def _as_text(n: Number, read: str) -> str:
    """`n` written as the column writes it: "a.b." (the final dot kept as `read` has it,
    or put back when the dots were lost)."""
    return f"{n[0]}.{n[1]}" + ("" if _parse(read) and not read.endswith(".") else ".")


def fix_item_numbers(texts: list[str]) -> list[str]:
    """One column's cells, in document order, with misread item numbers put back from
    their sequence (see the module doc)."""
    looks = [_looks_numbered(t) for t in texts]
    if _writes_roman([m.group(1) for m in looks if m]):
        looks = [None] * len(texts)
    read = [m or _LEADING.match(t) for m, t in zip(looks, texts)]
    if sum(1 for m, look in zip(read, looks) if m and not look and _parse(m.group(1))) < MIN_NUMBERED:
        return texts
    # the items: the first cell of each run of equal texts (a merged cell repeated)
    items = [k for k, t in enumerate(texts) if read[k] and (k == 0 or t != texts[k - 1])]
    numbers = {k: (_as_figures if looks[k] else _parse)(read[k].group(1)) for k in items}
    fixed = {}
    for pos, k in enumerate(items):
        prev = numbers[items[pos - 1]] if pos > 0 else None
        nxt = numbers[items[pos + 1]] if pos + 1 < len(items) else None
        here = numbers[k]
        if prev is None and nxt is None:
            continue
        allowed_by_prev = _after(prev) if prev else None
        token = read[k].group(1)
        if looks[k]:
            # read with look-alikes: its figures where a neighbour agrees, else as a number read as none
            if here is not None and ((prev and here in allowed_by_prev) or (nxt and _fits_before(here, nxt))):
                fixed[k] = _as_text(here, ".")
                continue
            here = None
        elif here is not None and (allowed_by_prev is None or here in allowed_by_prev) and (
                nxt is None or _fits_before(here, nxt)):
            continue
        if here is not None and (prev is None or nxt is None):
            continue                            # a number read right-looking needs both neighbours against it
        if token.isdigit() and not texts[k][len(token):][:1].isalpha():
            continue                            # "12 tháng …": a count, not "1.2." (a lost dot glues the word on)
        by_next = {(nxt[0], nxt[1] - 1)} if nxt and nxt[1] > 1 else set()
        both = {n for n in allowed_by_prev or () if nxt is None or _fits_before(n, nxt)}
        # a number read as none may follow one neighbour where the two disagree (a
        # section between them restarted the numbering): the one whose figures it reads
        # exactly, its separators aside ("1.3:" after "1.2.", "7.1." next), else the one
        # the next allows
        figures = _figures(token)
        spelled = {n for n in (allowed_by_prev or set()) | by_next if f"{n[0]}{n[1]}" == figures}
        pools = [both] if here is not None else [both, spelled, by_next, allowed_by_prev if nxt is None else set()]
        fits = next((sorted(p) for p in pools if p), [])
        if len(fits) > 1:                       # the one of them the reading is close to
            fits = [n for n in fits if _close(token, n)]
        # a number read with a letter no figure looks like, both neighbours agreeing on it
        garbled = UNKNOWN in figures and figures.strip(UNKNOWN) != "" and prev is not None \
            and nxt is not None and fits == sorted(both)
        if len(fits) == 1 and (_close(token, fits[0]) or garbled):
            fixed[k] = _as_text(fits[0], token)
        numbers[k] = fits[0] if k in fixed else numbers[k] if not looks[k] else None
    out = list(texts)
    for k, number in fixed.items():
        end = read[k].end(1)
        for j in range(k, len(texts)):          # the cells repeating it
            if j > k and texts[j] != texts[k]:
                break
            out[j] = number + texts[j][end:]
    return out


def by_column(columns: list[str], texts: list[str], fix: Callable[[list[str]], list[str]],
              names: Iterable[str] | None = None) -> list[str]:
    """`fix` (one column's cells in document order → those cells mended) over each column
    of one document's cells, or over the columns `names` only: `texts[i]` is a cell of
    column `columns[i]`, the cells in document order."""
    out = list(texts)
    for column in dict.fromkeys(columns) if names is None else names:
        at = [i for i, c in enumerate(columns) if c == column]
        for i, text in zip(at, fix([texts[i] for i in at])):
            out[i] = text
    return out


def fix_item_numbers_by_column(columns: list[str], texts: list[str]) -> list[str]:
    """`fix_item_numbers` over each column of one document's cells (`by_column`)."""
    return by_column(columns, texts, fix_item_numbers)
