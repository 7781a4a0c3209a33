"""Timeline cells ("Thời gian thực hiện") → due window and recurrence.

The plans write deadlines and periods in a small, regular vocabulary: quarters
("Quý III, IV/2026", "Quý I năm 2022", "Quý I/ 2026"), months ("Tháng 6/2026"), years and
spans ("Năm 2026", "Giai đoạn 2021-2025"), dated deadlines ("Trước ngày 25/12/2025"),
periodic work ("Hằng năm", "Định kỳ hằng quý, 6 tháng, 1 năm") and triggers ("Theo yêu
cầu của Bộ Nội vụ", "Khi có phát sinh", "Đột xuất"). `parse_timeline` reads them into a
`Timeline` with an inclusive date window and one recurrence, so rows can be filtered by
"due in Q3 2026" or "recurring" in SQL.

How:
- The text is folded first (lower case, no diacritics, đ→d: `normalizers.text.fold`), so
  the same rules read "Quý III, IV/2026", "Quy III, IV/2026" and "Uỷ"/"Ủy" variants; a
  quarter numeral tolerates the OCR digit 1 for I ("Quy 111" = III); a comma may come
  before the year ("Quý IV, năm 2022", "Tháng 6, năm 2026").
- Recognisers run in a fixed order and blank out what they consume, so "năm" in
  "Quý III, IV năm 2025" is not read again as a whole year: dated deadlines → semesters
  → quarters → months → periodic lists → year spans → years → trigger phrases.
- Vocabulary (trigger phrases, period markers, period units) is data:
  `data/timeline_terms.csv`. The date grammar stays in code.
- An impossible date ("31/02", "Tháng 13", "Quý V") is consumed and gives no window,
  rather than falling back to its year.
- A plan's year fills a quarter, month or day written without one ("Quý III, IV" in the
  2026 plan → 2026). Several periods in one cell give their union as the window
  ("Quý I, IV/2026" → 1 Jan – 31 Dec).
- One recurrence per cell: the finest regular period found (monthly < quarterly <
  semiannual < annual), else continuous, else on_demand, else ad_hoc; every kind found
  is kept in `recurrences`. A cell nothing reads gives nulls and `parsed=False` —
  never a guessed date.
"""
from __future__ import annotations

import calendar
import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from normalizers.text import fold

TERMS_CSV = Path(__file__).resolve().parent / "data" / "timeline_terms.csv"

RECURRENCES = ("none", "monthly", "quarterly", "semiannual", "annual", "continuous", "on_demand", "ad_hoc")
_PRIORITY = ("monthly", "quarterly", "semiannual", "annual", "continuous", "on_demand", "ad_hoc")
YEARS = range(1990, 2101)
"""Four-digit numbers outside this range are not read as years."""


@dataclass(frozen=True)
class Timeline:
    """A parsed timeline cell. `due_start`/`due_end` are inclusive; either may be None
    ("Trước ngày 25/12/2025" has only an end). `recurrence` is one of `RECURRENCES`;
    `recurrences` lists every kind found, the chosen one first."""
    text: str
    due_start: dt.date | None
    due_end: dt.date | None
    recurrence: str
    parsed: bool
    recurrences: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Terms:
    triggers: tuple[tuple[str, str], ...]   # (folded phrase, recurrence), longest first
    markers: tuple[str, ...]                # folded periodic markers
    units: tuple[tuple[str, str], ...]      # (folded unit, recurrence), longest first


@lru_cache(maxsize=1)
def _terms(path: str = str(TERMS_CSV)) -> _Terms:
    triggers, markers, units = [], [], []
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            term = fold(r["term"])
            if r["kind"] == "recurrence":
                triggers.append((term, r["value"].strip()))
            elif r["kind"] == "periodic":
                markers.append(term)
            elif r["kind"] == "unit":
                units.append((term, r["value"].strip()))
    by_len = lambda t: -len(t[0])  # noqa: E731
    return _Terms(tuple(sorted(set(triggers), key=by_len)), tuple(sorted(set(markers), key=len, reverse=True)),
                  tuple(sorted(set(units), key=by_len)))


# --------------------------------------------------------------------------- date helpers

def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _quarter_number(token: str) -> int | None:
    """"III" / "iii" / OCR "111" / "1v" / "3" → 3; anything else None."""
    t = token.strip().lower()
    if t in ("2", "3", "4"):
        return int(t)
    return _ROMAN.get(t.replace("1", "i"))


def _year(text: str | None, plan_year: int | None) -> int | None:
    if text:
        y = int(text)
        return y if y in YEARS else None
    return plan_year


# --------------------------------------------------------------------------- recognisers
# Each works on the folded text and returns (windows, recurrences, spans consumed).

_SEP = r"\s*(?:,|-|–|va|den|;)\s*"
_QNUM = r"(?:[ivx1]+|[234])(?![a-z0-9])"
#: Between a quarter or month and its year: "/2026", "năm 2026", "-2026", and with a comma
#: first: "Quý IV, năm 2022", "Tháng 6, năm 2026" (a bare ", 2026" too).
_YEAR_OF = r"(?:(?:,\s*)?(?:/|nam|-)|,)\s*(\d{4})\b"
_QUARTER = re.compile(
    rf"\bquy\s*({_QNUM}(?:{_SEP}(?:quy\s*)?{_QNUM})*)\s*(?:{_YEAR_OF})?")
_MONTH = re.compile(
    r"\bthang\s*(\d{1,2})((?:\s*(?:,|-|–|va|den)\s*(?:thang\s*)?\d{1,2}(?!\d)(?!\s*/\s*\d{1,2}\s*/))*)"
    rf"\s*(?:{_YEAR_OF})?")
_SEMESTER = re.compile(r"\b6 thang (dau|cuoi)(?: nam)?\s*(?:/?\s*(\d{4})\b)?")
_DATE_NUM = re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?\b")
_DATE_WORDS = re.compile(r"\bngay (\d{1,2}) thang (\d{1,2})(?: nam (\d{4}))?\b")
_END_CUE = re.compile(r"(truoc|cham nhat|den|han|han chot|khong qua)\s*(ngay)?\s*$")
_START_CUE = re.compile(r"(tu|bat dau tu|sau)\s*(ngay)?\s*$")
_YEAR_SPAN = re.compile(r"\b(\d{4})\s*(?:-|–|den)\s*(\d{4})\b")
_YEAR_END = re.compile(r"\b(?:den|truoc|trong)\s+(?:het\s+)?nam\s+(\d{4})\b")
_YEAR = re.compile(r"\b(\d{4})\b")


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _dated(text: str, plan_year: int | None):
    windows = []
    for rx in (_DATE_WORDS, _DATE_NUM):
        for m in rx.finditer(text):
            year = _year(m.group(3), plan_year)
            day = _safe_date(year, int(m.group(2)), int(m.group(1))) if year else None
            if day is None:   # no such day: consumed, so its year is not read as a whole year
                text = _blank(text, m.start(), m.end())
                continue
            before = text[max(0, m.start() - 20):m.start()]
            if _END_CUE.search(before):
                windows.append((None, day))
            elif _START_CUE.search(before):
                windows.append((day, None))
            else:
                windows.append((day, day))
            text = _blank(text, m.start(), m.end())
    return text, windows


def _semesters(text: str, plan_year: int | None):
    windows = []
    for m in _SEMESTER.finditer(text):
        year = _year(m.group(2), plan_year)
        if year:
            windows.append((dt.date(year, 1, 1), dt.date(year, 6, 30)) if m.group(1) == "dau"
                           else (dt.date(year, 7, 1), dt.date(year, 12, 31)))
        text = _blank(text, m.start(), m.end())
    return text, windows


def _quarters(text: str, plan_year: int | None):
    windows = []
    for m in _QUARTER.finditer(text):
        nums = [_quarter_number(t) for t in re.findall(_QNUM, m.group(1))]
        if not nums or None in nums:
            text = _blank(text, m.start(), m.end())
            continue
        year = _year(m.group(2), plan_year)
        if year:
            q0, q1 = min(nums), max(nums)
            windows.append((dt.date(year, 3 * q0 - 2, 1), _month_end(year, 3 * q1)))
        text = _blank(text, m.start(), m.end())
    return text, windows


def _months(text: str, plan_year: int | None):
    windows = []
    for m in _MONTH.finditer(text):
        months = [int(m.group(1))] + [int(x) for x in re.findall(r"\d{1,2}", m.group(2) or "")]
        if not all(1 <= x <= 12 for x in months):
            text = _blank(text, m.start(), m.end())
            continue
        year = _year(m.group(3), plan_year)
        if year:
            windows.append((dt.date(year, min(months), 1), _month_end(year, max(months))))
        text = _blank(text, m.start(), m.end())
    return text, windows


def _periodic(text: str):
    terms = _terms()
    if not terms.markers or not terms.units:
        return text, []
    unit = "|".join(re.escape(u) for u, _ in terms.units)
    marker = "|".join(re.escape(x) for x in terms.markers)
    rx = re.compile(rf"\b(?:{marker})\s+(?:(?:{marker})\s+)?((?:{unit})(?:\s*(?:,|va|/)\s*(?:{unit}))*)(?![a-z0-9])")
    found = []
    unit_of = dict(terms.units)
    for m in rx.finditer(text):
        for u in re.split(r"\s*(?:,|/|\bva\b)\s*", m.group(1)):
            if u.strip() in unit_of:
                found.append(unit_of[u.strip()])
        text = _blank(text, m.start(), m.end())
    return text, found


def _years(text: str):
    windows = []
    for m in _YEAR_SPAN.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        if a in YEARS and b in YEARS and a <= b:
            windows.append((dt.date(a, 1, 1), dt.date(b, 12, 31)))
            text = _blank(text, m.start(), m.end())
    for m in _YEAR_END.finditer(text):
        y = int(m.group(1))
        if y in YEARS:
            windows.append((None, dt.date(y, 12, 31)))
            text = _blank(text, m.start(), m.end())
    for m in _YEAR.finditer(text):
        y = int(m.group(1))
        if y in YEARS:
            windows.append((dt.date(y, 1, 1), dt.date(y, 12, 31)))
            text = _blank(text, m.start(), m.end())
    return text, windows


def _triggers(text: str):
    found = []
    for term, rec in _terms().triggers:
        rx = re.compile(rf"(?<![a-z0-9]){re.escape(term)}(?![a-z0-9])")
        for m in rx.finditer(text):
            found.append(rec)
            text = _blank(text, m.start(), m.end())
    return text, found


# --------------------------------------------------------------------------- entry point

def parse_timeline(text: str, plan_year: int | None = None) -> Timeline:
    """Read one timeline cell. `plan_year` fills a missing year (the plan's own year,
    e.g. 2026 for the 2026 plan)."""
    folded = fold(text or "")
    windows: list[tuple[dt.date | None, dt.date | None]] = []
    recurrences: list[str] = []

    rest = folded
    for step in (_dated, _semesters, _quarters, _months):
        rest, got = step(rest, plan_year)
        windows += got
    rest, got = _periodic(rest)
    recurrences += got
    rest, got = _years(rest)
    windows += got
    rest, got = _triggers(rest)
    recurrences += got

    starts = [s for s, _ in windows if s is not None]
    ends = [e for _, e in windows if e is not None]
    due_start = min(starts) if starts else None
    due_end = max(ends) if ends else None
    kinds = tuple(dict.fromkeys(r for r in _PRIORITY if r in recurrences))
    recurrence = kinds[0] if kinds else "none"
    parsed = bool(windows) or bool(kinds)
    return Timeline(text, due_start, due_end, recurrence, parsed, kinds)
