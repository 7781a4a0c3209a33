"""Section and item numbers: Roman numerals and item numbers as OCR reads them, the
numbers that break their section's sequence set from their neighbours, and the gaps left
in a table's numbering (sections or items missing).

Plans number sections with Roman numerals (I, II, …; some with figures or letters) and
items per section from 1 ("1.", "2." or "1", "2"); an item's rows share one merged Stt
cell. OCR misreads the strokes of both ("|" for "I", "I1" for "11", "8" for "3"); the
sequence around a number decides what it was, and the number as read stays in `raw`.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from extractors.item_sequence import ITEM, fit_sections
from schemas.records import PlanRow

ROMAN = "IVXLC"


#: How OCR misreads the strokes of a Roman numeral ("|" for "I", "Il" for "II"), applied
#: only to the number cell of a row already shaped like a section row.
_ROMAN_OCR = str.maketrans({"|": "I", "l": "I", "1": "I", "!": "I", "]": "I", "[": "I", "í": "I", "Í": "I"})


def is_roman(text: str) -> bool:
    t = text.strip().rstrip(".")
    return bool(t) and all(ch in ROMAN for ch in t.upper()) and t.isupper()


def read_roman(text: str) -> str | None:
    """`text` as a Roman numeral, allowing OCR's usual misreadings of "I" and "II"."""
    t = text.strip().rstrip(".").replace(" ", "")
    if is_roman(t):
        return t
    fixed = t.replace("H", "II").replace("U", "II").translate(_ROMAN_OCR)
    return fixed if is_roman(fixed) else None


_NUMERALS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")


#: strokes OCR reads as letters in a number; "ó" is a humanist sans's "6" (Lato: its
#: top stroke read as the acute)
_DIGIT_OCR = str.maketrans({"I": "1", "l": "1", "|": "1", "O": "0", "o": "0", "ó": "6"})


def item_number(text: str) -> str:
    """An OCR'd item number: strokes read as letters in a number are digits ("I1" → "11")."""
    fixed = text.translate(_DIGIT_OCR)
    return fixed if any(ch.isdigit() for ch in text) or fixed.rstrip(".").isdigit() else text


def repair_item_numbers(rows: list[PlanRow], cells: list, ocr_rows: set[int]) -> None:
    """OCR'd item numbers that break their section's sequence, set from their neighbours:
    between "10" and "12" an item read "1" is "11"; between "1." and "3." a "2" is "2.";
    the last item of a section, after "10", read "1" is "11" (one stroke lost). First, a
    number read with a colon, comma or semicolon after it ("1:") is "1.": no plan numbers
    its items so, the period was misread; a quote or star read before the figures ('"4',
    "*4") goes, a flag read as a mark of its own. Then each section's numbers are fitted to
    the one sequence they can be where that is settled (`extractors.item_sequence`: "1",
    "2", "5", "5", "5", "6" is 1 to 6, two misread numbers side by side).

    Rows sharing one merged Stt cell are one item. A number read with no figure in it
    ("HỆ)", "đi") takes the one its sequence gives, and so do the blank ones opening a
    section when the first number after them counts them ("", "", "3": OCR reads a lone
    "1" or a faint figure as nothing; `_blank_opening`), and a blank one whose own cells
    number their sub-items after the number its neighbours leave for it ("6", "", "8"
    over "7.1.", "7.2.": `_blank_sub_numbered`); otherwise only a printed
    number is changed: when its two neighbours in the same section agree on it, or, for the first
    or last item of a section, when the number read is the one its neighbour implies
    (the first item of a section of one: 1) with a character lost or a figure read as one
    it shares strokes with ("8" for "3", a flat-topped "3" read "5", a flagged "1" read
    "4"), a first item read 1 staying 1, or, for the first item, when the two items after it read 2
    and 3 (read "3" before "2.", "3.": it is "1."), or when the item's own task, activity
    or product cells number their sub-items after the number implied ("4.1.", "4.2."
    under a last item read "5" after "3.": `_sub_numbered`), or when another reading of the same
    cell (`LogicalCell.alternatives`: the crop read another way) is the number a
    neighbour implies or, for the first item of a section, 1. The number as read is kept
    in `raw`.

    The pass is repeated while it changes something (at most `ITEM_PASSES`): a number set
    from its neighbours can be the neighbour another item needed ("3", "2.", "1", "4.":
    the "1" becomes "3." from "2." and "4.", and then the "3" opening the section, which
    the "1" after it had left unexplained, becomes "1.")."""
    for i in ocr_rows:
        mark = _MARK_FOR_PERIOD.fullmatch(rows[i].stt or "")
        speck = _SPECK_BEFORE.fullmatch(rows[i].stt or "")
        if mark or speck:
            rows[i].raw = {"stt": rows[i].stt, **(rows[i].raw or {})}
            rows[i].stt = mark.group(1) + "." if mark else speck.group(1)
    items: list[tuple[int, list[int]]] = []  # (first row, rows) per item, in order
    for i, cell in enumerate(cells):
        if items and cells[items[-1][0]] is cell:
            items[-1][1].append(i)
        else:
            items.append((i, [i]))
    openings = {k: n for k in range(len(items)) if (n := _blank_opening(rows, items, k)) is not None}
    other_readings = [tuple(item_number(a) for a in getattr(cell, "alternatives", ())) for cell in cells]
    fit_sections(rows, items, ocr_rows, other_readings)
    for _ in range(ITEM_PASSES):
        if not _item_pass(rows, other_readings, ocr_rows, items, openings):
            break


#: an OCR'd item number whose period was read as another mark ("1:", "2,")
_MARK_FOR_PERIOD = re.compile(r"(\d{1,3})[:;,]")
#: an OCR'd item number with a quote or star before it ('"4', "*4": a "1" whose long flag
#: was read as a mark of its own)
_SPECK_BEFORE = re.compile(r"[\"“”'`*]{1,2}(\d{1,3}\.?)")
#: passes of `repair_item_numbers` over a table's items at most: a bound on chains of
#: repairs that enable each other (each pass can only use what the one before set)
ITEM_PASSES = 3


def _item_pass(rows: list[PlanRow], other_readings: list[tuple[str, ...]], ocr_rows: set[int],
               items: list[tuple[int, list[int]]], openings: dict[int, str]) -> bool:
    """One pass of `repair_item_numbers` (`other_readings[row]`: the item numbers the other
    readings of that row's Stt cell gave; `openings`: the numbers of the blank items
    opening a section, `_blank_opening`); whether it changed a number."""
    changed = False
    for k, (b, group) in enumerate(items):
        read = rows[b].stt
        if b not in ocr_rows:
            continue
        before = _neighbour(rows, items, k - 1, rows[b].section_no)
        after = _neighbour(rows, items, k + 1, rows[b].section_no)
        if before is None and read and _no_number(read) and not after:
            before = _numbered_before(rows, items, k, rows[b].section_no)
        opening = (openings.get(k) or _blank_sub_numbered(rows, items, k, group)) if not read else None
        if not read and opening is None:
            continue  # blank: left, but for the blank items opening a section that its first number counts
        from_before = f"{int(before.group(1)) + 1}{before.group(2)}" if before else None
        from_after = f"{int(after.group(1)) - 1}{after.group(2)}" if after and int(after.group(1)) > 1 else None
        seen = set(other_readings[b])
        opens = _opens_section(rows, items, k)
        fitting = {from_before, from_after} - {None} | ({"1", "1."} if opens else set())
        no_number = not read or _no_number(read) and bool(from_before or opens)
        if opening is not None:
            expected = opening
        elif no_number:  # nothing of a number was read ("HỆ)", "đi" for "1.", "2."): the sequence says it
            expected = from_before or f"1{_section_style(rows, items, k)}"
        elif read not in fitting and seen & fitting:
            # the number as read fits neither neighbour (nor, first in its section, the
            # number 1), another reading of the cell does
            expected = from_before if from_before in seen else from_after if from_after in seen \
                else min(seen & fitting)
        elif from_before and from_after:  # both neighbours: they must agree
            expected = from_before if from_before == from_after else None
        else:  # one neighbour (first or last item), or none (a section of one item): a
            # lost character or a slipped figure is repaired (after the item before it, its
            # period lost too), the first item of a section being 1; it is number 1 too
            # when the two after it read 2 and 3
            expected = from_before or from_after or (f"1{_section_style(rows, items, k)}" if opens else None)
            beyond = _neighbour(rows, items, k + 2, rows[b].section_no) if after and not before else None
            counted = bool(beyond and from_after == f"1{after.group(2)}" and _consecutive(after, beyond))
            kept_one = opens and read.rstrip(".") == "1" and expected and expected.rstrip(".") != "1"
            expected = expected if expected and not kept_one and (
                _one_lost(read, expected) or _figure_slip(read, expected, period_lost=expected == from_before)
                or counted or _sub_numbered(rows, group, read, expected)) else None
        if expected and read != expected and (no_number or len(read) <= len(expected) + 1):
            changed = True
            for j in group:
                rows[j].raw = {"stt": rows[j].stt, **(rows[j].raw or {})}  # the first reading stays
                rows[j].stt = expected
    return changed


#: a cell opening with a sub-item's number, "4.1." / "4.2 " (the item's number first)
_SUB_NUMBER = re.compile(r"^\s*(\d{1,3})\.\d{1,2}\.?(?=\s|[^\W\d_])")


def _sub_numbered(rows: list[PlanRow], group: list[int], read: str, expected: str) -> bool:
    """Whether the item's own cells say its number is `expected` where its Stt cell reads
    another figure (`read`): a task, activity or product of its rows opens with "N.x." for
    the N expected, and none with another N ("4.1. Báo cáo …", "4.2. Các báo cáo …" under
    an item read "5" after "3."). Only the figure: a period read or lost is the
    sequence's business, not this."""
    firsts = {int(m.group(1)) for j in group for text in (rows[j].task, rows[j].activity, rows[j].product)
              if (m := _SUB_NUMBER.match(text or ""))}
    figure = int(expected.rstrip("."))
    return firsts == {figure} and read.rstrip(".") != str(figure)


def repair_sub_numbers(rows: list[PlanRow], ocr_rows: set[int]) -> None:
    """A task, activity or product of an OCR'd row opening with a sub-item's number
    "N.M." whose N is a figure the item's own number shares strokes with
    (`_figure_slip`: Vollkorn's old-style 3 read "5") is numbered after the item: "5.1.",
    "5.2." under item 3 are "3.1.", "3.2." (a plan numbers an item's sub-items after it:
    36 of 36 such cells of a numbered item in the reference plans' truth). Only where the
    item's number stands in its section's sequence (the item before it one less, or after
    it one more), so that a misread item number left as read does not change its
    sub-items. The text as read is kept in `raw`."""
    for i in sorted(ocr_rows):
        row = rows[i]
        item = (row.stt or "").rstrip(".")
        if not item.isdigit() or not _in_sequence(rows, i, int(item)):
            continue
        for name in ("task", "activity", "product"):
            text = getattr(row, name) or ""
            m = _SUB_NUMBER.match(text)
            if m and m.group(1) != item and _figure_slip(m.group(1), item):
                row.raw = {name: text, **(row.raw or {})}
                setattr(row, name, text[:m.start(1)] + item + text[m.end(1):])


def _nearest_number(rows: list[PlanRow], items: list[tuple[int, list[int]]], k: int, step: int) -> int | None:
    """The number of the nearest item before (`step` -1) or after (+1) item k in its
    section that reads as a number, past items with a blank Stt."""
    section = rows[items[k][0]].section_no
    j = k + step
    while 0 <= j < len(items) and rows[items[j][0]].section_no == section:
        if m := ITEM.match(rows[items[j][0]].stt or ""):
            return int(m.group(1))
        j += step
    return None


def _blank_sub_numbered(rows: list[PlanRow], items: list[tuple[int, list[int]]], k: int,
                        group: list[int]) -> str | None:
    """The number of item k, its Stt read blank, when its own task, activity or product
    cells number their sub-items after one number N ("7.1.", "7.2.": the merged Stt cell
    under a seal, or its figure too faint to read) and N stands in the section's count
    there: the nearest numbered item before it is N - 1 or N, or the one after it N or
    N + 1, and neither runs past N. A section whose rows hold sub-items under no numbered
    item ("1.1.", "1.2." with a blank Stt, as a plan may print them) is left."""
    firsts = {int(m.group(1)) for j in group for text in (rows[j].task, rows[j].activity, rows[j].product)
              if (m := _SUB_NUMBER.match(text or ""))}
    if len(firsts) != 1:
        return None
    n = firsts.pop()
    before, after = _nearest_number(rows, items, k, -1), _nearest_number(rows, items, k, 1)
    fits = before in (n - 1, n) or after in (n, n + 1)
    if not fits or (before is not None and before > n) or (after is not None and after < n):
        return None
    return f"{n}{_section_style(rows, items, k)}"


def _in_sequence(rows: list[PlanRow], i: int, number: int) -> bool:
    """Whether row i's item `number` is one more than the item's before it in its section
    (or 1, opening it) or one less than the one's after it."""
    section = rows[i].section_no

    def item_next(step: int) -> int | None:
        j = i + step
        while 0 <= j < len(rows) and rows[j].section_no == section and rows[j].stt == rows[i].stt:
            j += step
        if not 0 <= j < len(rows) or rows[j].section_no != section:
            return 0 if step < 0 else None
        read = (rows[j].stt or "").rstrip(".")
        return int(read) if read.isdigit() else None

    return item_next(-1) == number - 1 or item_next(1) == number + 1


def _neighbour(rows: list[PlanRow], items: list[tuple[int, list[int]]], k: int, section: str) -> re.Match | None:
    """The item number of item k when it is in `section` and reads as a number."""
    if not 0 <= k < len(items) or rows[items[k][0]].section_no != section:
        return None
    return ITEM.match(rows[items[k][0]].stt)


def _numbered_before(rows: list[PlanRow], items: list[tuple[int, list[int]]], k: int,
                     section: str) -> re.Match | None:
    """The number of the nearest item before item k in `section` past items with a blank
    Stt (rows a plan leaves unnumbered: "6", "", "", then "7"), when one reads as a number."""
    j = k - 1
    while 0 <= j and rows[items[j][0]].section_no == section and not rows[items[j][0]].stt:
        j -= 1
    return _neighbour(rows, items, j, section) if j < k - 1 else None


#: what an item number read as letters may not be: a lettered sub-item ("a)", "b.") or a
#: Roman numeral, which are numbers of their own, or a bullet
_LETTERED = re.compile(r"^(?:[a-zđ][.)]|[IVX]+\.?|[-+*•–])$")


def _no_number(read: str) -> bool:
    """An item number read with no figure in it, short, and none of `_LETTERED`: OCR
    made letters of the number ("HỆ)" for "1.", "đi" for "2.")."""
    return len(read) <= 4 and not any(ch.isdigit() for ch in read) and not _LETTERED.match(read)


def _opens_section(rows: list[PlanRow], items: list[tuple[int, list[int]]], k: int) -> bool:
    """Whether item k is the first of its section."""
    return k == 0 or rows[items[k - 1][0]].section_no != rows[items[k][0]].section_no


def _blank_opening(rows: list[PlanRow], items: list[tuple[int, list[int]]], k: int) -> str | None:
    """The number of item k when it is one of the blank items opening its section and the
    first number read after them is the count of them plus one ("", "", "3": 1 and 2;
    OCR reads a lone "1", or a faint figure, as nothing), else None. Read on the numbers
    as OCR gave them, before any is repaired."""
    section = rows[items[k][0]].section_no
    first = k
    while first > 0 and rows[items[first - 1][0]].section_no == section:
        first -= 1
        if rows[items[first][0]].stt:
            return None  # a number before it in the section: not the opening run
    last = k
    while last + 1 < len(items) and rows[items[last + 1][0]].section_no == section and not rows[items[last + 1][0]].stt:
        last += 1
    after = _neighbour(rows, items, last + 1, section)
    if after is None or int(after.group(1)) != last - first + 2:
        return None
    return f"{k - first + 1}{after.group(2)}"


def _section_style(rows: list[PlanRow], items: list[tuple[int, list[int]]], k: int) -> str:
    """The mark after item k's section's numbers ("." or ""): that of the first item after
    it read as a number, else the table's most frequent."""
    section = rows[items[k][0]].section_no
    for b, _ in items[k + 1:]:
        if rows[b].section_no != section:
            break
        if m := ITEM.match(rows[b].stt or ""):
            return m.group(2)
    marks = Counter(m.group(2) for b, _ in items if (m := ITEM.match(rows[b].stt or "")))
    return marks.most_common(1)[0][0] if marks else ""


def _consecutive(first: re.Match, second: re.Match) -> bool:
    """Two item numbers that follow each other in the same style ("2." then "3.")."""
    return int(second.group(1)) == int(first.group(1)) + 1 and first.group(2) == second.group(2)


def _one_lost(read: str, expected: str) -> bool:
    """`read` is `expected` with one character dropped ("1" for "11", "1" for "1.")."""
    return len(read) + 1 == len(expected) and any(expected[:i] + expected[i + 1:] == read
                                                  for i in range(len(expected)))


#: Figures a faint or specked print reads as one another (strokes lost or gained), and
#: those a font's own drawing makes OCR read as one another: a flat-topped "3" read "5"
#: (Manrope, Laksaman, M PLUS 1), a "1" with a long flag and a foot read "4" (M PLUS 1)
_SLIPPED_FIGURES = frozenset(map(frozenset, ("38", "56", "68", "89", "08", "06", "09", "17", "35", "14")))


def _figure_slip(read: str, expected: str, period_lost: bool = False) -> bool:
    """`read` is `expected` with one figure read as another it shares strokes with ("8"
    for "3", the last item of a section after "2"); with `period_lost`, its period may be
    lost as well ("8" for "3." after "2.": a thin monospace's period is a speck OCR drops
    beside a misread figure)."""
    if period_lost and expected.endswith(".") and not read.endswith("."):
        expected = expected[:-1]
    diff = [frozenset((a, b)) for a, b in zip(read, expected) if a != b]
    return len(read) == len(expected) and len(diff) == 1 and diff[0] in _SLIPPED_FIGURES


def next_numeral(previous: str) -> str:
    """The section number after `previous` ("" → "I")."""
    if not previous:
        return _NUMERALS[0]
    return _NUMERALS[_NUMERALS.index(previous) + 1] if previous in _NUMERALS[:-1] else ""


_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?$")
#: An item number cell holding this many words is a sentence: the column rule beside it
#: was lost (a copy broke a faint hairline) and the cell runs on into the next column.
#: Plans number items with figures, letters, dashes ("1.2", "a)", "-"), never words.
SENTENCE_WORDS = 3
_WORD = re.compile(r"[^\W\d_]{2,}")
_LETTER_SECTION = re.compile(r"^[A-Z]$")
#: an item number, then the writing of the column beside it ("5... Tăng cường …"; its
#: period read low as "_": "5_ Đến năm 2025 …")
_NUMBER_THEN_TEXT = re.compile(r"\s*(\d{1,3}(?:\.\d{1,3})*)[.,:;…_]*\s+(\S.*)", re.S)


def number_and_text(text: str) -> tuple[str, str] | None:
    """An item number cell run on into the next column (one cell across both, the column
    rule between them lost) split in two: the number it opens with and the sentence after
    it (`SENTENCE_WORDS` words at least), or None when it is no such cell."""
    m = _NUMBER_THEN_TEXT.fullmatch(text)
    if m is None or len(_WORD.findall(m.group(2))) < SENTENCE_WORDS:
        return None
    return m.group(1), m.group(2)


def _section_value(number: str) -> tuple[str, int] | None:
    """A section number's kind and rank: ("roman", 3) for "III", ("arabic", 2), ("letter", 1) for "A"."""
    if number in _NUMERALS:
        return "roman", _NUMERALS.index(number) + 1
    if number.isdigit():
        return "arabic", int(number)
    if _LETTER_SECTION.match(number):
        return "letter", ord(number) - ord("A") + 1
    return None


def _follows(before: tuple[int, ...], now: tuple[int, ...]) -> bool:
    """Item number `now` may come right after `before`: the next at the same level
    ("3" → "4", "2.1" → "2.2"), the first below it ("2" → "2.1"), the next at a level
    above ("2.3" → "3"), or a restart at 1 (a list under a sub-heading)."""
    if now == (1,) or now == before + (1,):
        return True
    for depth in range(len(before), 0, -1):
        if now == before[:depth - 1] + (before[depth - 1] + 1,):
            return True
    return False


def numbering_gaps(rows: list[PlanRow]) -> list[tuple[int | None, str]]:
    """Gaps in one table's numbering: rows under no section before its first section row
    (a section row read as an item: the sections after it, read in order, were taken one
    numeral down), sections that skip one ("III then V", or the first
    is not I; a restart at I is a new series, as in a plan table repeated), items of a
    section that skip one ("II.3 then II.5") or start past 1.

    Plans number items per section (each restarts at 1) and leave the Stt blank on some
    rows (a merged cell, an unnumbered item), so a blank Stt between two numbers may hold
    the missing one: no gap is reported across it."""
    out: list[tuple[int | None, str]] = []
    before = next((k for k, row in enumerate(rows) if row.section_no or row.section_title), 0)
    if before:  # rows under no section, then sections: the first section row read as an item
        out.append((rows[0].page_first, f"page {rows[0].page_first}: {before} row(s) stand before the plan table's "
                                        "first section row: a section row was not read as one (the sections "
                                        "after it may be numbered one too low)"))
    sections: list[tuple[str, int | None]] = []  # section number, its first row's page
    for row in rows:
        if not sections or sections[-1][0] != row.section_no:
            sections.append((row.section_no, row.page_first))
    previous: tuple[str, int] | None = None
    first = True
    for number, page in sections:
        value = _section_value(number)
        if value is None:
            previous = None
            continue
        if first and value[1] != 1:
            out.append((page, f"page {page}: the plan table's first numbered section is {number}: the sections "
                              "before it are missing"))
        elif previous is not None and previous[0] == value[0] and value[1] not in (previous[1] + 1, 1):
            out.append((page, f"page {page}: section {_label(previous)} is followed by section {number}: "
                              "the sections between are missing"))
        previous, first = value, False
    by_section: dict[int, list[PlanRow]] = {}
    order: list[int] = []
    for row in rows:  # a section's rows in order (a section number met again is another run)
        if not order or rows_section(by_section[order[-1]][-1]) != rows_section(row):
            order.append(len(order))
            by_section[order[-1]] = []
        by_section[order[-1]].append(row)
    for k in order:
        out += _item_gaps(by_section[k])
    return out


def rows_section(row: PlanRow) -> tuple[str, str]:
    return row.section_no, row.section_title


def _label(value: tuple[str, int]) -> str:
    kind, rank = value
    return _NUMERALS[rank - 1] if kind == "roman" else (str(rank) if kind == "arabic" else chr(ord("A") + rank - 1))


def _item_gaps(rows: list[PlanRow]) -> list[tuple[int | None, str]]:
    out: list[tuple[int | None, str]] = []
    section = rows[0].section_no or "(before the first section)"
    previous: tuple[int, ...] | None = None
    previous_text = previous_cell = ""
    unnumbered = False  # a row with a blank Stt since the last number: it may hold the number missing
    for row in rows:
        stt = cell = row.stt.strip()
        if not cell:
            unnumbered = True
            continue
        if cell == previous_cell:
            continue  # rows of one item
        numbers = cell.split()
        if len(numbers) > 1 and all(_NUMBER.match(n) for n in numbers):
            # "2 3": the row rule between two items lost, their rows read as one
            out.append((row.page_first, f"page {row.page_first}: section {section}: the item number cell reads "
                                        f"\"{stt}\": the rows of {len(numbers)} items were read as one, rows are lost"))
            stt = numbers[0]
        m = _NUMBER.match(stt)
        if m is None:  # a letter, a dash: another scheme; no check across it
            if len(_WORD.findall(stt)) >= SENTENCE_WORDS:
                out.append((row.page_first, f"page {row.page_first}: section {section}: the item number cell reads "
                                            f"\"{stt[:40]}…\": the number and the column beside it were read as "
                                            "one cell, the item's number is lost"))
            previous, unnumbered = None, True
            continue
        number = _number_value(stt)
        if number == previous:
            continue  # rows of one item
        if previous is None:
            if number[-1] != 1 and not unnumbered:
                out.append((row.page_first, f"page {row.page_first}: section {section} starts at item {stt}: "
                                            "the items before it are missing"))
        elif not _follows(previous, number) and not unnumbered:
            out.append((row.page_first, f"page {row.page_first}: section {section}: item {previous_text} is followed "
                                        f"by item {stt}: the items between are missing"))
        previous_text, previous_cell, unnumbered = numbers[-1], cell, False
        previous = _number_value(previous_text)  # the last of "2 3"
    return out


def _number_value(text: str) -> tuple[int, ...]:
    """An item number that `_NUMBER` matches as its parts: "2.1." → (2, 1)."""
    return tuple(int(x) for x in _NUMBER.match(text).group(1).split("."))


def restore_lost_section(rows: list[PlanRow], read: dict[str, str]
                         ) -> tuple[list[PlanRow], list[tuple[int | None, str]]]:
    """One table's rows with a section whose own row was not read put back, and what was
    lost of it (its title).

    An OCR'd section number that breaks the sequence takes the next one in order
    (`_Table.add_grid`); `read` keeps what was read for each number given (the number
    given → as read). When the number read is the one after the number given ("VII" where
    VI came next) and the items of the section before restart at 1 after reaching 2 or
    more ("1 … 5", then "1."), the section row between was lost (a scan that missed its
    row): the rows from the restart are that section (its title unknown, left blank), and
    each section after it takes the number after the one it was given. Plans restart
    items under a sub-heading too, so a restart alone changes nothing."""
    runs: list[tuple[str, int]] = []                  # (section number, first row)
    for k, row in enumerate(rows):
        if not runs or rows[runs[-1][1]].section_no != row.section_no:
            runs.append((row.section_no, k))
    for (number, first), (following, start) in zip(runs, runs[1:]):
        lost = next_numeral(number) if number in _NUMERALS else ""
        if not lost or following != lost or read.get(following) != next_numeral(lost):
            continue
        restart = _item_restart(rows[first:start])
        if restart is None:
            continue
        at = first + restart
        out = [replace(row, section_no=lost, section_title="") if at <= k < start else row
               for k, row in enumerate(rows[:start])]
        out += [replace(row, section_no=next_numeral(row.section_no) or row.section_no) for row in rows[start:]]
        page = rows[at].page_first
        return out, [(page, f"page {page}: the row of section {lost} was not read (its items restart at 1 under "
                            f"section {number}, and the section after it reads {read[following]}): its rows "
                            "are kept, its title is lost")]
    return rows, []


def _item_restart(rows: list[PlanRow]) -> int | None:
    """The index of the first row whose item number restarts at 1 after an item numbered
    2 or more (plain numbers: "1", "2."), or None."""
    highest = 0
    for k, row in enumerate(rows):
        m = _NUMBER.match(row.stt.strip())
        if m is None or "." in m.group(1):
            continue
        n = int(m.group(1))
        if n == 1 and highest >= 2:
            return k
        highest = max(highest, n)
    return None
