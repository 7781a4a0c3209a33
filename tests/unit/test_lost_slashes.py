"""The slashes a photocopy loses from dates, quarters and document numbers
(normalizers/lost_slashes.py): reads of development scans (truth → read) and the
shapes of correct text that must stay."""
import pytest

from normalizers.lost_slashes import DOCUMENT_TYPES, fix_dates, fix_document_numbers, fix_lost_slashes, fix_quarter_years
from normalizers.ocr_fixes import fix_codes, fix_ocr_text


@pytest.mark.parametrize("read, meant", [
    ("Trước ngày 1572025", "Trước ngày 15/7/2025"), ("Trước ngày 307 2025", "Trước ngày 30/7/2025"),
    ("ngày 0762025 của", "ngày 07/6/2025 của"), ("ngày 12 9 2025 thực", "ngày 12/9/2025 thực"),
    ("ngày 27I3I2021", "ngày 27/3/2021"), ("ngày 27.3.2021", "ngày 27/3/2021"), ("ngày 13 8.2020", "ngày 13/8/2020"),
    ("ngày 17.7 2023", "ngày 17/7/2023"), ("ngày 177 2023", "ngày 17/7/2023"), ("ngày 2162021", "ngày 21/6/2021"),
    ("Trước ngày 15/7I2025", "Trước ngày 15/7/2025"), ("Trước ngày 25/12!2025", "Trước ngày 25/12/2025"),
    ("ngày 31 /01/2018", "ngày 31/01/2018"), ("25122025", "25/12/2025"), ("ngày 1172025", "ngày 11/7/2025"),
    ("ngày 29 112018 phê duyệt", "ngày 29/11/2018 phê duyệt"),  # the second slash lost, the first read a space
])
def test_a_date_whose_slashes_a_copy_lost_gets_them_back(read, meant):
    assert fix_dates(read) == meant


@pytest.mark.parametrize("text", [
    "ngày 1122025",  # 1/12 or 11/2: ambiguous
    "ngày 32132025; mã 2512202512; 12345678 đồng",  # no valid date; too long; no year
    "1.200 người, 20%, 6 tháng, 1 năm, 12 000 đồng",  # sums and counts
    "giai đoạn 2021 2025, 2012 2025 và 20122025",  # years: ranges that lost their hyphen
    "Nghị định 71/2024, 88/2024, 101/2024, 102/2024",  # numbers of a year, not dates
    "Nghị định 101 2024", "số 1 12/2023", "Quý IV/2026, 25/12/2025, ngày 22/ 01/ 2012",
    "toạ độ (1281948 - 588217), X=1722058.189", "BXD_30042026.pdf",  # coordinates, a file name
    "Thời gian ký: 23.02.2026 15:39:22",  # an e-signature's time stamp
    "ngày 12 9 2025 QĐ-UBND",  # a code follows: a number of a document
    "0912 025 338, 1/2025",  # a phone number; a month
    "Nghị định 307/2025",  # a number with its year: not after "ngày"
    "đạt 29 112018 hồ sơ",  # a space and six figures: a date only after "ngày"
])
def test_what_is_no_date_with_lost_slashes_stays(text):
    assert fix_dates(text) == text


@pytest.mark.parametrize("read, meant", [
    ("Quý IV 2025", "Quý IV/2025"), ("Quý III, IV.2026", "Quý III, IV/2026"), ("Quý.IV 2026", "Quý IV/2026"),
    ("Quý. IV/2025", "Quý IV/2025"), ("Quý I 2026", "Quý I/2026"), ("Quý I¿ 2026", "Quý I/ 2026"),
    ("Quý III, IV2026", "Quý III, IV/2026"), ("Quý HH, IV 2025", "Quý HH, IV/2025"),
    # a narrow face's slanted slash read "J"
    ("Quý IVJ2026", "Quý IV/2026"), ("Quý III, IVJ2025", "Quý III, IV/2025"), ("Quý IIIJ 2025", "Quý III/ 2025"),
    ("Quý 12026", "Quý 1/2026"), ("quý 32025 và", "quý 3/2025 và"),   # a figure run into its year
    ("Quý 112026", "Quý 11/2026"), ("Quý 1112026", "Quý 111/2026"), ("Quý 1V2026", "Quý 1V/2026"),  # strokes
    ("Quý I, 112026", "Quý I, 11/2026"),
])
def test_a_quarter_and_its_year_get_their_slash(read, meant):
    assert fix_quarter_years(read) == meant


@pytest.mark.parametrize("text", [
    "Quý 2026", "Quý I/ 2026", "Quý IV năm 2025", "Quý IVJ20261", "JIV2026", "quý I, II, III và 6 tháng", "hằng quý, 2025", "Quý IV/2025- Quý II/2026",
    "Quý 52026", "Quý 120266", "Quý 11112026", "Quý 212026",
])
def test_quarters_written_otherwise_stay(text):
    assert fix_quarter_years(text) == text


@pytest.mark.parametrize("read, meant", [
    ("Công điện số 83. QĐ-TTg", "Công điện số 83/QĐ-TTg"), ("theo QĐ 766:QĐ-TTg", "theo QĐ 766/QĐ-TTg"),
    ("theo QĐ 766 QD TTg", "theo QĐ 766/QD-TTg"), ("Kế hoạch số 65 KH UBXND", "Kế hoạch số 65/KH-UBXND"),
    ("Nghị quyết số 10 NQ-CP", "Nghị quyết số 10/NQ-CP"), ("Nghị định số 90.2020 NĐ-CP", "Nghị định số 90/2020/NĐ-CP"),
    ("Nghị định số 130 2005 ND CP", "Nghị định số 130/2005/ND-CP"), ("số 61/2018 NĐ-CP", "số 61/2018/NĐ-CP"),
    ("Nghị quyết số 29 NQ TW", "Nghị quyết số 29-NQ/TW"), ("Kế hoạch số 79 KH TU", "Kế hoạch số 79-KH/TU"),
    # the number glued to its type, out of the acronyms' reach: the one type it can be
    ("Quyết định số 1584QD-UBXND", "Quyết định số 1584/QĐ-UBXND"), ("Kế hoạch 65KH-UBND", "Kế hoạch 65/KH-UBND"),
    ("Hướng dẫn số 12HD-UBND", "Hướng dẫn số 12/HD-UBND"),  # HD or HĐ: as read
])
def test_a_document_number_gets_its_slash_and_hyphen(read, meant):
    assert fix_document_numbers(read) == meant


@pytest.mark.parametrize("text", [
    "số 766/QĐ-TTg, 79-KH/TU", "Phụ lục 5 TC-YT", "1. QĐ-UBND", "năm 2025 KH UBND", "đạt 12 HĐND",
    "Thông tư 46.2016.TT.BTTTT.doc", "ban hành 5 văn bản", "Điều 5 Luật", "mạng 4G-LTE", "năm 2025KH-UBND",
])
def test_what_is_no_document_number_with_a_lost_slash_stays(text):
    assert fix_document_numbers(text) == text


def test_the_type_codes_are_the_document_types_not_a_plans_strings():
    assert {"QĐ", "KH", "NQ", "NĐ", "TB", "BC", "CT", "TTr", "CV"} <= set(DOCUMENT_TYPES) and "UBND" not in DOCUMENT_TYPES


def test_through_fix_codes_and_fix_ocr_text():
    assert fix_codes("Trước ngày 1572025") == "Trước ngày 15/7/2025" == fix_lost_slashes("Trước ngày 1572025")
    assert fix_ocr_text("Quý HH, IV 2025") == "Quý III, IV/2025"
    assert fix_ocr_text("QĐ số 468 QD TTg ngày 27 3 2021") == "QĐ số 468/QĐ-TTg ngày 27/3/2021"
    # document numbers after the acronyms: the type code and issuer are read first
    assert fix_ocr_text("Nghị quyết số 18 NXQ TW, Kế hoạch số 65 KH UBXND") == \
        "Nghị quyết số 18-NQ/TW, Kế hoạch số 65/KH-UBND"


def test_a_decrees_number_run_together_with_its_year_is_parted():
    assert fix_document_numbers("theo Nghị định số 602021 NĐ-CP của") == "theo Nghị định số 60/2021/NĐ-CP của"
    assert fix_document_numbers("Thông tư 012023 TT-BNV") == "Thông tư 01/2023/TT-BNV"
    for text in ("số 60/2021/NĐ-CP", "mã 1234567 NĐ-CP", "năm 2021 NĐ-CP", "số 1202021 QĐ-UBND"):
        assert fix_document_numbers(text) == text     # a decision cites no year: not parted
