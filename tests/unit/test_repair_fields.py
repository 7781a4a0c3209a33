"""Every field that holds words is repaired (issue 14): timelines and notes with numbers,
codes and Roman numerals in them, and the columns mapped to no field (`PlanRow.extra`);
the numbering fields (section number, stt) are left as read.

Found on an unseen plan with an ASCII-only text layer: a timeline "Theo QĐ dinh so
1584/QĐ-UBND" kept its stripped words, and a second time column ("Thời gian hoàn thành",
read into `extra`) was never repaired at all.
"""
import pytest

from normalizers.repair import repair_text
from pipeline.stages import normalize_rows
from schemas.records import PlanRow


@pytest.mark.parametrize("stripped, repaired", [
    ("Theo QD dinh so 1584/QD-UBND", "Theo QĐ định số 1584/QĐ-UBND"),
    ("Theo QĐ dinh so 1584/QĐ-UBND", "Theo QĐ định số 1584/QĐ-UBND"),
    ("Quy IV/2026 va 6 thang dau nam 2027", "Quý IV/2026 và 6 tháng đầu năm 2027"),
    ("Theo muc VI cua Ke hoach", "Theo mục VI của Kế hoạch"),
    ("Giai doan I (2021-2025)", "Giai đoạn I (2021-2025)"),
    ("Ghi chu: 100% ho so duoc so hoa (muc tieu 2025: 80%)", "Ghi chú: 100% hồ sơ được số hóa (mục tiêu 2025: 80%)"),
    ("Thuc hien theo Nghi dinh 61/2018/ND-CP", "Thực hiện theo Nghị định 61/2018/NĐ-CP"),
])
def test_numbers_codes_and_numerals_kept_words_restored(stripped, repaired):
    assert repair_text(stripped).text == repaired


def test_every_word_field_of_a_stripped_row_is_repaired():
    row = PlanRow(section_no="II", stt="1.2", section_title="CAI CACH THU TUC HANH CHINH",
                  task="Ra soat, don gian hoa thu tuc hanh chinh", lead_text="So Tu phap",
                  timeline_text="Theo QD dinh so 1584/QD-UBND", note="Quy IV/2026, bao cao ket qua",
                  extra={"Thoi gian hoan thanh": "Truoc 30/6/2026", "Kinh phi": "Ngan sach tinh"})
    normalize_rows([row], repair=True)
    assert (row.section_no, row.stt) == ("II", "1.2")
    assert row.section_title == "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"
    assert row.task == "Rà soát, đơn giản hóa thủ tục hành chính"
    assert row.lead_text == "Sở Tư pháp"
    assert row.timeline_text == "Theo QĐ định số 1584/QĐ-UBND"
    assert row.note == "Quý IV/2026, báo cáo kết quả"
    assert row.extra == {"Thoi gian hoan thanh": "Trước 30/6/2026", "Kinh phi": "Ngân sách tỉnh"}
    assert row.raw["timeline_text"] == "Theo QD dinh so 1584/QD-UBND"
    assert row.raw["extra"] == {"Thoi gian hoan thanh": "Truoc 30/6/2026", "Kinh phi": "Ngan sach tinh"}
    assert "section_no" not in row.raw and "stt" not in row.raw


def test_accented_row_is_left_alone():
    row = PlanRow(section_no="I", stt="1", task="Rà soát thủ tục hành chính", timeline_text="Quý II/2026",
                  extra={"Thời gian hoàn thành": "Trước 30/6/2026"})
    normalize_rows([row], repair=True)
    assert (row.task, row.timeline_text, row.extra, row.raw) == (
        "Rà soát thủ tục hành chính", "Quý II/2026", {"Thời gian hoàn thành": "Trước 30/6/2026"}, None)
