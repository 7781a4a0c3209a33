"""Plan metadata from first-page text lines (state header block or appendix heading)."""
import datetime as dt

from extractors.metadata import TextLine, issued_date, period_of, plan_number, read_metadata


def line(text, x0, top, x1=None):
    return TextLine(text, x0, top, x1 if x1 is not None else x0 + 6 * len(text), top + 12)


STATE_HEADER = [
    line("ỦY BAN NHÂN DÂN", 104, 54, 216), line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 275, 54, 525),
    line("TỈNH NINH BÌNH", 111, 69, 209), line("Độc lập - Tự do - Hạnh phúc", 327, 71, 473),
    line("Số: 148/KH-UBND", 112, 97, 208), line("Ninh Bình, ngày 03 tháng 12 năm 2025", 297, 97, 502),
    line("KẾ HOẠCH", 260, 134, 336),
    line("Cải cách hành chính tỉnh Ninh Bình năm 2026", 150, 150, 440),
    line("Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ", 98, 190, 573),
]


def test_state_header_block():
    meta = read_metadata(STATE_HEADER, 595)
    assert meta.plan_number == "148/KH-UBND"
    assert meta.issued_date == dt.date(2025, 12, 3)
    assert meta.issuer == "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH"
    assert meta.title == "Kế hoạch cải cách hành chính tỉnh Ninh Bình năm 2026"
    assert meta.period == "2026"


def test_appendix_heading_alone():
    lines = [line("PHỤ LỤC", 380, 40), line("NHIỆM VỤ CỤ THỂ TRIỂN KHAI CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2026", 150, 56),
             line("(Kèm theo Kế hoạch số 148/KH-UBND ngày 03 tháng 12 năm 2025 của UBND tỉnh Ninh Bình)", 120, 72),
             line("Stt", 45, 100)]
    meta = read_metadata(lines, 842)
    assert (meta.plan_number, meta.issued_date) == ("148/KH-UBND", dt.date(2025, 12, 3))
    assert meta.title == "NHIỆM VỤ CỤ THỂ TRIỂN KHAI CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2026"
    assert meta.issuer == "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH"
    assert meta.period == "2026"


def test_blank_number_and_date_stay_unknown():
    assert plan_number("Kế hoạch số      /KH-UBND ngày     tháng     năm 2021") is None
    assert issued_date("ngày     tháng     năm 2021") is None


def test_stripped_and_spaced_forms():
    assert plan_number("So: 08 /KH-UBND") == "08/KH-UBND"
    assert issued_date("Ninh Binh, ngay 19 thang 7 nam 2025") == dt.date(2025, 7, 19)
    assert issued_date("ngày 31 tháng 02 năm 2025") is None  # not a date


def test_periods():
    assert period_of("Kế hoạch cải cách hành chính giai đoạn 2021 - 2030") == "2021-2030"
    assert period_of("KẾ HOẠCH CCHC 6 THÁNG CUỐI NĂM 2025") == "6 tháng cuối năm 2025"
    assert period_of("Kế hoạch tuyên truyền") is None


def test_stripped_metadata_is_repaired_like_the_cells():
    """A text layer without diacritics: title, issuer and period restored (the period is
    then the same group as the published plan's), the text as read kept."""
    from extractors.metadata import PlanMetadata
    from pipeline.stages import normalize_metadata

    meta = PlanMetadata(title="NHIEM VU CU THE TRIEN KHAI THUC HIEN CONG TAC CAI CACH HANH CHINH TINH NINH BINH "
                              "6 THANG CUOI NAM 2025",
                        issuer="ỦY BAN NHÂN DÂN TINH NINH BINH",  # canonical head + stripped province
                        period="6 thang cuoi nam 2025", plan_number="08/KH-UBND")
    raw = normalize_metadata(meta, repair=True)
    assert meta.period == "6 tháng cuối năm 2025"
    assert meta.issuer == "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH"
    assert meta.title.startswith("NHIỆM VỤ CỤ THỂ TRIỂN KHAI THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH")
    assert raw == {"title": "NHIEM VU CU THE TRIEN KHAI THUC HIEN CONG TAC CAI CACH HANH CHINH TINH NINH BINH "
                            "6 THANG CUOI NAM 2025",
                   "issuer": "ỦY BAN NHÂN DÂN TINH NINH BINH", "period": "6 thang cuoi nam 2025"}
    assert meta.plan_number == "08/KH-UBND"


def test_ocr_metadata_gets_the_tone_correction():
    from extractors.metadata import PlanMetadata
    from pipeline.stages import normalize_metadata

    meta = PlanMetadata(title="NHIỆM VỤ CỤ THỂ TRIẾN KHAI THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH TỈNH NINH BÌNH NĂM 2026",
                        issuer="ỦY BAN NHÂN DÂN TỈNH NINH BÌNH", period="2026")
    raw = normalize_metadata(meta, ocr_read=True)
    assert "TRIỂN KHAI" in meta.title
    assert raw == {"title": "NHIỆM VỤ CỤ THỂ TRIẾN KHAI THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH TỈNH NINH BÌNH NĂM 2026"}


def test_good_metadata_is_left_alone():
    from extractors.metadata import PlanMetadata
    from pipeline.stages import normalize_metadata

    meta = PlanMetadata(title="Kế hoạch cải cách hành chính tỉnh Ninh Bình năm 2026",
                        issuer="ỦY BAN NHÂN DÂN TỈNH NINH BÌNH", period="2026")
    assert normalize_metadata(meta) is None
    assert meta.title == "Kế hoạch cải cách hành chính tỉnh Ninh Bình năm 2026"
