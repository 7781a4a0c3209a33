"""Plan metadata from the first page: number, date, issuer, title, period.

A Vietnamese administrative document opens with the state header block: the issuer on
the left ("ỦY BAN NHÂN DÂN" / "TỈNH NINH BÌNH") over "Số: 148/KH-UBND", the national
motto on the right over "Ninh Bình, ngày 03 tháng 12 năm 2025", then the document kind
("KẾ HOẠCH") over its subject. An appendix printed alone carries the same facts in its
heading: "(Kèm theo Kế hoạch số 148/KH-UBND ngày 03 tháng 12 năm 2025 của UBND tỉnh
Ninh Bình)". Matching is done on text folded to ASCII, so stripped and restored text
layers are read the same way; values are taken from the text as printed. A fact that is
not on the page stays None (a blank "Số: /KH-UBND" has no number).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from normalizers.text import clean_text, fold_same_length


@dataclass(frozen=True)
class TextLine:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class PlanMetadata:
    title: str | None = None
    plan_number: str | None = None
    issued_date: dt.date | None = None
    issuer: str | None = None
    period: str | None = None


_NUMBER = re.compile(r"\bso\s*:?\s*(\d+[a-z]?\s*/\s*[a-z0-9]+(?:\s*-\s*[a-z0-9]+)*)")
_DATE = re.compile(r"\bngay\s+(\d{1,2})\s*(?:thang\s+|/\s*)(\d{1,2})\s*(?:nam\s+|/\s*)(\d{4})")
_PERIODS = (
    re.compile(r"\b6 thang (?:dau|cuoi) nam \d{4}"),
    re.compile(r"\bgiai doan (\d{4}\s*-\s*\d{4})"),
    re.compile(r"\bnam (\d{4})\b"),
)
_ISSUER_HEAD = re.compile(r"^(uy ban nhan dan|ubnd|hoi dong nhan dan|so |van phong|ban )")
_KIND = re.compile(r"^ke hoach$")
_APPENDIX = re.compile(r"^phu luc\b")
_ATTACHED_TO = re.compile(r"kem theo ke hoach\b")


def _find(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    return pattern.search(fold_same_length(text))


def plan_number(text: str) -> str | None:
    m = _find(_NUMBER, text)
    if not m:
        return None
    return re.sub(r"\s+", "", text[m.start(1):m.end(1)])


def issued_date(text: str) -> dt.date | None:
    m = _find(_DATE, text)
    if not m:
        return None
    day, month, year = (int(g) for g in m.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def period_of(title: str) -> str | None:
    for pattern in _PERIODS:
        m = _find(pattern, title)
        if m:
            g = 1 if pattern.groups else 0
            return re.sub(r"\s*-\s*", "-", title[m.start(g):m.end(g)]).lower()
    return None


def _issuer(lines: list[TextLine], width: float) -> str | None:
    """Upper-case lines at the top left, above the "Số:" line."""
    left = sorted((ln for ln in lines if (ln.x0 + ln.x1) / 2 < width * 0.45), key=lambda ln: ln.top)
    picked: list[str] = []
    for ln in left:
        folded = fold_same_length(ln.text)
        if folded.startswith("so") and _NUMBER.search(folded):
            break
        letters = [c for c in ln.text if c.isalpha()]
        if letters and all(c.isupper() for c in letters):
            picked.append(ln.text)
        elif picked:
            break
    if picked and _ISSUER_HEAD.match(fold_same_length(picked[0])):
        return clean_text(" ".join(picked))
    return None


def _title(lines: list[TextLine]) -> str | None:
    """ "KẾ HOẠCH" and the lines of its subject right under it."""
    ordered = sorted(lines, key=lambda ln: (ln.top, ln.x0))
    for i, ln in enumerate(ordered):
        if _KIND.match(fold_same_length(ln.text).strip()):
            parts, last = [], ln
            for nxt in ordered[i + 1:i + 5]:
                height = last.bottom - last.top
                if nxt.top - last.bottom > 1.2 * height or nxt.text.startswith("("):
                    break
                parts.append(nxt.text)
                last = nxt
            if not parts:
                return None
            subject = clean_text(" ".join(parts))
            kind = ln.text.strip().capitalize()
            return f"{kind} {subject[:1].lower()}{subject[1:]}" if not subject.isupper() else f"{ln.text.strip()} {subject}"
    return None


def _appendix_heading(lines: list[TextLine]) -> str | None:
    """The heading above an appendix table, up to its "(Kèm theo …)" line."""
    ordered = sorted(lines, key=lambda ln: (ln.top, ln.x0))
    for i, ln in enumerate(ordered):
        if _ATTACHED_TO.search(fold_same_length(ln.text)):
            heading = [x.text for x in ordered[:i] if not _APPENDIX.match(fold_same_length(x.text).strip())]
            return clean_text(" ".join(heading[-3:])) or None
    return None


def read_metadata(lines: list[TextLine], width: float) -> PlanMetadata:
    """Metadata from the first page's text lines (with their positions)."""
    text = "\n".join(ln.text for ln in sorted(lines, key=lambda ln: (ln.top, ln.x0)))
    meta = PlanMetadata(plan_number=plan_number(text), issued_date=issued_date(text))
    meta.issuer = _issuer(lines, width)
    meta.title = _title(lines) or _appendix_heading(lines)
    if meta.issuer is None:
        m = re.search(r"\bcua (ubnd|uy ban nhan dan) (tinh|thanh pho) ([^)\n]+)", fold_same_length(text))
        if m:
            meta.issuer = f"ỦY BAN NHÂN DÂN {text[m.start(2):m.end(3)].strip()}".upper()
    if meta.title:
        meta.period = period_of(meta.title)
    return meta
