"""bench.correction_replay: the cells as OCR read them, from a scan's stored rows."""
import json

from bench.correction_replay import as_read


def test_cells_as_read_come_from_raw_where_the_correction_changed_them():
    rows = [
        {"section_no": "I", "stt": "1", "task": "Tổ chức tập huấn", "lead_text": "Sở Nội vụ", "product": "",
         "raw": json.dumps({"task": "Tố chức tập huấn"})},                 # raw as stored: JSON text
        {"section_no": "I", "stt": "2", "task": "Kiểm tra", "timeline_text": "Quý I/2026", "raw": None},
        {"section_no": "I", "stt": "3", "task": "Báo cáo", "raw": {"stt": "3.", "task": "Bảo cáo"}},
    ]
    cells = as_read(rows)
    assert (0, "task", "Tố chức tập huấn") in cells and (0, "lead_text", "Sở Nội vụ") in cells
    assert (1, "task", "Kiểm tra") in cells and (1, "timeline_text", "Quý I/2026") in cells
    assert (2, "task", "Bảo cáo") in cells
    assert not any(name in ("section_no", "stt") for _, name, _ in cells)   # numbering is not corrected
    assert not any(name == "product" for k, name, _ in cells if k == 0)      # an empty cell is not a cell
