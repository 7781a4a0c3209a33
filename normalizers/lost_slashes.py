"""The slashes a photocopy loses from dates, quarters and document numbers, put back.

A thin "/" fades on a copy: OCR drops it, or reads it as a space, ".", ":", "I", "|",
"!" or "¿". Vietnamese plans write a date "15/7/2025", a quarter "Quý IV/2025" and a
document number "766/QĐ-TTg" (../shared/corpus, all three files: 65,000 dates with
slashes against 3 with spaces and 11 with periods, the latter all in e-signature stamps
"Thời gian ký: 23.02.2026"; "Quý IV/2025" 17 times, "Quý IV 2025" never; a number, a
space or period and a document type code with its issuer only in "Phụ lục 5 TC-YT"-like
annex labels and file names). So a shape that reads as one of these with its slash
replaced is that thing, when the reading is unique:

- **dates** (`fix_dates`): a day, a month and a year 1900–2099 with anything of the
  above between them, or with day and month run together ("1572025", "307 2025",
  "0762025"; with a separator before the year only after "ngày": "Nghị định 101/2024" is
  a number), where exactly one split of the figures gives a valid day (1–31) and month
  (1–12) that a plan writes: the corpus writes a day without its zero before a month
  with one ("3/07") once in 65,000 dates, so "307" is 30/7, not 3/07; "1122025" (1/12 or
  11/2) stays as read. Four figures of day and month that are themselves a year
  ("2012 2025", a range that lost its hyphen) stay; so does a date a code follows
  ("12 9 2025 QĐ-..." is a number of a document), and a date in a file name or a
  coordinate ("BXD_30042026.pdf", "1281948 - 588217"); figures run together read as a
  date only with a year 2000–2099.
- **quarters** (`fix_quarter_years`): after "Quý" a list of numerals (as
  `ocr_fixes.fix_quarters` reads them: "H", "1", "l" … are strokes of I) then a year with
  a space, period or colon between ("Quý IV 2025", "Quý III, IV.2026", "Quý.IV 2026") →
  "Quý IV/2025". A quarter with no numeral left ("Quý 2026") stays.
- **document numbers** (`fix_document_numbers`): a number after a word, a space,
  period or colon, a document type code and its issuer ("83. QĐ-TTg", "766:QĐ-TTg",
  "766 QD TTg", "130 2005 ND CP") → "83/QĐ-TTg", "766/QD-TTg", "130/2005/ND-CP" (the
  letters of the code are `ocr_fixes.fix_acronyms`' job); a Party committee's number is
  written the Party's way ("29 NQ TW" → "29-NQ/TW"). The type codes are the
  abbreviations of Vietnamese document types: `DOCUMENT_TYPES`.

Sums ("1.200", "12 000"), counts ("6 tháng, 1 năm"), ranges ("2021-2025", "2021 2025")
and a number then a year in prose have none of these shapes and stay. Run over the whole
corpus (656,580 lines, written correctly), the rules change 8 dates, all written with a
slip there too ("ngày 01 01 2014", "21/11 /2025", a label "NSX: 02042026"), 6 document
numbers, 5 in file names ("13.2011.NĐ-CP da sua doi.doc") and one a slip ("43/2017
NĐ-CP"), and no quarter.
"""
from __future__ import annotations

import re

from normalizers.text import fold

#: Abbreviations of document types, as the number of a document cites them
#: ("số 766/QĐ-TTg"). Language knowledge, not plan content: the table of administrative
#: document types of Nghị định 30/2020/NĐ-CP (Phụ lục III: NQ nghị quyết, QĐ quyết định,
#: CT chỉ thị, QC quy chế, QyĐ quy định, TB thông báo, HD hướng dẫn, CTr
#: chương trình, KH kế hoạch, PA phương án, ĐA đề án, DA dự án, BC báo cáo, BB biên
#: bản, TTr tờ trình, HĐ hợp đồng, CĐ công điện, BGN bản ghi nhớ, BTT bản thỏa thuận, GUQ
#: giấy ủy quyền, GM giấy mời, GGT giấy giới thiệu, PG phiếu gửi, PC phiếu chuyển, PB
#: phiếu báo), the normative ones of the Law on normative documents (NĐ nghị định, TT
#: thông tư, TTLT thông tư liên tịch, NQLT nghị quyết liên tịch) and CV công văn, which
#: documents still write. Compared folded (marks and case off), so "QD" read without its
#: mark is QĐ. Left out: TC (thông cáo), which plans do not cite and which is as often
#: tài chính, tiêu chuẩn ("Phụ lục 5 TC-YT" in the corpus).
DOCUMENT_TYPES = ("NQ", "QĐ", "CT", "QC", "QyĐ", "TB", "HD", "CTr", "KH", "PA", "ĐA", "DA", "BC", "BB",
                  "TTr", "HĐ", "CĐ", "BGN", "BTT", "GUQ", "GM", "GGT", "PG", "PC", "PB",
                  "NĐ", "TT", "TTLT", "NQLT", "CV")
TYPE_SHAPES = frozenset(fold(t) for t in DOCUMENT_TYPES)
#: a type code read without its marks → the one type it can be ("QD" → QĐ; "HD" is HD or HĐ)
ONE_TYPE = {shape: types[0] for shape in TYPE_SHAPES
             if len(types := [t for t in DOCUMENT_TYPES if fold(t) == shape]) == 1}

_YEAR = r"(?:19|20)\d\d"
#: what a copy leaves of a slash between figures: the slash itself (maybe with a space),
#: a space, or a mark read in its place
_SEP = r"(?: ?[/.:I|l!¿] ?| )"
#: day, separator, month, separator, year; or day and month run together (3–4 figures).
#: Not a part of a longer number or of coordinates ("X=1722058.189"), not a number
#: ("số 1 12/2023"), not a time stamp's date ("Thời gian ký: 23.02.2026 15:39:22"), not
#: a date a code follows ("… 2025 QĐ-…", "2023%⁄QH15").
_DATE = re.compile(rf"(?<![\w/.,:=])(?<!\d )(?<!số )"
                   rf"(?:(?P<d>\d{{1,2}})(?P<s1>{_SEP})(?P<m>\d{{1,2}})|(?P<dm>\d{{3,4}}))"
                   rf"(?P<s2>{_SEP}|)(?P<y>{_YEAR})(?![\d/%⁄])(?![.,]\d)(?!\.[a-z])(?!\s\d{{1,2}}:\d\d)(?![\s/.:-]*[A-ZĐ]{{2}})")
#: a figure after a dash: the second of a pair of coordinates
_PAIR = re.compile(r"\s*[-–]\s*\d")
#: the word a date follows
_DAY_WORD = re.compile(r"(?:ngày|Ngày|NGÀY) $")


def _valid(day: str, month: str) -> bool:
    """A day and a month as a plan writes them: 1–31 and 1–12, and no month with a zero
    before it after a day without one ("3/07": once in 65,000 dates of the corpus)."""
    return 1 <= int(day) <= 31 and 1 <= int(month) <= 12 and not (len(day) == 1 and month.startswith("0"))


def _date(m: re.Match[str]) -> str:
    if m.group("dm") is not None:
        figures = m.group("dm")
        if re.fullmatch(_YEAR, figures):  # "2012 2025": a range, not 20/12/2025
            return m.group(0)
        if m.group("s2") and not _DAY_WORD.search(m.string[:m.start()]):  # "Nghị định 101/2024", "101 2024"
            return m.group(0)
        splits = [(figures[:k], figures[k:]) for k in (1, 2) if len(figures) - k in (1, 2)]
        splits = [s for s in splits if _valid(*s)]
        if len(splits) != 1:
            return m.group(0)
        day, month = splits[0]
        if not m.group("s2") and (m.group("y") < "2000" or _PAIR.match(m.string, m.end())):
            return m.group(0)  # "toạ độ (1281948 - 588217)": coordinates
    else:
        after_day_word = m.group("s1") == " " and _DAY_WORD.search(m.string[:m.start()])
        if not m.group("s2") and "/" not in m.group("s1") and not after_day_word:
            return m.group(0)  # "15/72025" lost one slash; "1.12025" is no date; "ngày 29 112018" is
        day, month = m.group("d"), m.group("m")
        if not _valid(day, month):
            return m.group(0)
    return f"{day}{_slash(m.group('s1') or '')}{month}{_slash(m.group('s2'))}{m.group('y')}"


def _slash(sep: str) -> str:
    """The slash a separator stands for; a slash read with a space after it keeps the
    space (documents write "22/ 01/ 2012", "Quý I/ 2026"), a space before it goes."""
    return "/ " if sep.strip() == "/" and sep.endswith(" ") else "/"


def fix_dates(text: str) -> str:
    """Dates whose slashes a copy lost or misread, written with them (module doc):
    "1572025" → "15/7/2025", "307 2025" → "30/7/2025", "12 9 2025" → "12/9/2025",
    "27I3I2021" → "27/3/2021", after "ngày" "29 112018" → "29/11/2018"; "1122025" (1/12
    or 11/2) stays."""
    return _DATE.sub(_date, text)


#: what OCR reads the stroke of a Roman I as in a quarter numeral (an I with a speck read
#: as a mark: "Ị") …
I_STROKES = "TLl1|!iÌÍỈĨỊ"
#: … and a quarter's numeral as OCR reads it ("H" is II, "W" IV; `ocr_fixes.fix_quarters`)
QUARTER_NUMERAL = rf"[IVHW{I_STROKES}]{{1,4}}"
_QUARTER_YEAR = re.compile(rf"(?<![\w])(Quý|QUÝ|quý)[.,]?\s*({QUARTER_NUMERAL}(?:\s*,\s*{QUARTER_NUMERAL})*)"
                           rf"(\s*[/¿J]\s?|[ .:]|\. )({_YEAR})(?!\d)")


#: a quarter numeral run into a year, after "Quý" or in its list ("Quý III, IV2026"), or
#: with its slash read as the "J" a narrow face's slanted stroke looks like ("IVJ2026")
_GLUED_QUARTER = re.compile(rf"(?<![\w/])(I{{1,3}}|IV)J?({_YEAR})(?!\d)")
#: a quarter's figure (an I read "1", or a figure a document writes) run into its year
#: after "Quý" ("Quý 12026"), or its numeral's strokes read as figures ("Quý 1112026": III),
#: the last of a list too ("Quý I, 112026")
_GLUED_QUARTER_FIGURE = re.compile(rf"(?<![\w])((?:Quý|QUÝ|quý)\s+(?:[IV]{{1,4}}\s*,\s*)*)([1-4]|[1lI|]{{2,3}}|[1lI|]V)"
                                   rf"({_YEAR})(?!\d)")


def fix_quarter_years(text: str) -> str:
    """A quarter's numerals and its year with a space, period or colon between them, or a
    speck between "Quý" and the numerals: "Quý IV 2025", "Quý III, IV.2026",
    "Quý.IV 2026" → "Quý IV/2025" …; a slash read is kept with its space ("Quý I/ 2026");
    a numeral run into a year gets its slash ("IV2026" → "IV/2026"), and so do one whose
    slash was read "J" ("IVJ2026", "Quý IIIJ 2025") and a figure after "Quý" ("Quý 12026":
    `ocr_fixes.fix_quarters` then reads the 1 as I, unless the document writes figures), or
    the strokes of a numeral read as figures ("Quý 1112026", "Quý 1V2026")."""
    def sub(m: re.Match[str]) -> str:
        return f"{m.group(1)} {m.group(2)}{_slash(re.sub('[¿J]', '/', m.group(3)))}{m.group(4)}"
    return _QUARTER_YEAR.sub(sub, _GLUED_QUARTER.sub(r"\1/\2", _GLUED_QUARTER_FIGURE.sub(r"\1\2/\3", text)))


#: a number after a word (not a year after "năm": "năm 2025 KH …")
_DOC_NUMBER = re.compile(rf"(?<=[^\W\d_] )(?<![nN][ăĂ][mM] )(\d{{1,5}})(?:(?:[/.] ?| )({_YEAR}))?( ?[.:] ?| |)([A-ZĐ][A-ZĐa-zy]{{0,3}})"
                         r"( ?[-.] ?| |_)([A-ZĐ][A-ZĐ]+[a-z]?)(?![\w])(?!\.[a-z])")


def _party(issuer: str) -> bool:
    """A committee of the Party: the Central Committee (TW) or a committee whose
    abbreviation ends in U, ủy ("TU" tỉnh ủy, "HU" huyện ủy, "ĐU" đảng ủy). Its
    documents are numbered "29-NQ/TW" (Quy định 66-QĐ/TW; the corpus: 217 times against 4
    written "27/NQ-TW")."""
    return issuer == "TW" or issuer.endswith("U")


#: a normative document's number run together with its year before its type ("602021 NĐ-CP"):
#: a decree's or a circular's number always cites its year ("130/2005/NĐ-CP", "01/2023/TT-BNV")
_GLUED_YEAR = re.compile(rf"(?<![\w/.,])(\d{{1,4}})({_YEAR}) ?(?=(?:NĐ|ND|TT|TTLT)-[A-ZĐ])")


def fix_document_numbers(text: str) -> str:
    """The slashes (and hyphen) of a document number a copy lost: a number (with its
    year) after a word, then a space, period or colon, a document type code
    (`DOCUMENT_TYPES`) and its issuer in capitals ("83. QĐ-TTg", "766:QĐ-TTg",
    "65 KH UBND", "130 2005 ND CP", the number glued to its type: "1584QD-UBND") →
    "83/QĐ-TTg", "130/2005/ND-CP", "1584/QĐ-UBND" …; a Party
    committee's ("29 NQ TW") → "29-NQ/TW" (`_party`). Not in a file name
    ("46.2016.TT.BTTTT.doc": no "/" can be written there). A decree's or circular's number
    run together with its year ("602021 NĐ-CP") is parted (`_GLUED_YEAR`)."""
    def sub(m: re.Match[str]) -> str:
        number, year, code, issuer = m.group(1), m.group(2), m.group(4), m.group(6)
        if fold(code) not in TYPE_SHAPES:
            return m.group(0)
        if not m.group(3) and fold(code) in ONE_TYPE:  # glued to the number: out of the acronyms' reach
            code = ONE_TYPE[fold(code)]
        number += f"/{year}" if year else ""
        return f"{number}-{code}/{issuer}" if _party(issuer) else f"{number}/{code}-{issuer}"
    return _DOC_NUMBER.sub(sub, _GLUED_YEAR.sub(r"\1/\2/", text))


def fix_lost_slashes(text: str) -> str:
    """Dates, quarters and document numbers with the slashes a copy lost put back."""
    return fix_document_numbers(fix_quarter_years(fix_dates(text)))
