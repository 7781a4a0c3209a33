"""Corrections made by people (schemas/corrections.py): shown by plan_rows and row_agencies,
append-only, undoable, re-applied by every load of the same bytes (or flagged as conflicts,
never dropped), carried over to a new version of the file where the cell is found."""
import json

import pytest

from pipeline.stages import DOUBTFUL_BELOW, normalize_rows, prepare_database
from schemas import corrections as C
from schemas import store
from schemas.records import DocumentRecord, PlanRow

A, B = "a" * 64, "b" * 64


def doc(sha=A, name="plan.pdf"):
    return DocumentRecord(sha256=sha, file_name=name, file_path=f"/x/{name}", page_count=3, pipeline_version="t1",
                          text_source="text_layer", status="ok", period="2026")


def rows(n=6, insert_at=None, changed=None):
    """n rows; row 2's task is doubtful (OCR confidence 0.5); `insert_at`: a new row there;
    `changed`: {row_no: {field: text}} read differently."""
    out = []
    for i in range(1, n + 1):
        conf = 0.5 if i == 2 else 1.0
        r = PlanRow(section_no="I", section_title="CẢI CÁCH THỂ CHẾ", stt=str(i), task=f"Nhiệm vụ số {i}",
                    product=f"Sản phẩm {i}", lead_text="Sở Nội vụ", coord_text="Các sở, ngành",
                    timeline_text="Quý I", page_first=1, page_last=1, method="ocr", confidence=conf,
                    cell_boxes={f: [{"page": 1, "bbox": [40.0 * k, 20.0 * i, 40.0 * k + 39, 20.0 * i + 19],
                                     "confidence": conf if f == "task" else 1.0}]
                                for k, f in enumerate(("stt", "task", "product", "lead_text", "coord_text",
                                                       "timeline_text"))})
        for f, text in (changed or {}).get(i, {}).items():
            setattr(r, f, text)
        out.append(r)
    if insert_at is not None:
        out.insert(insert_at, PlanRow(section_no="I", section_title="CẢI CÁCH THỂ CHẾ", stt="x",
                                      task="Nhiệm vụ chèn thêm", product="Sản phẩm mới", lead_text="Sở Tư pháp",
                                      timeline_text="Quý II", page_first=1, page_last=1))
    normalized = normalize_rows(out)
    # the confidences as extracted, whatever the cell-confidence model makes of these
    # made-up cells (normalize_rows settles them): row 2's task doubtful, the rest sure
    for r in normalized:
        if r.method == "ocr":
            conf = 0.5 if r.stt == "2" else 1.0
            r.confidence = conf
            for f, pieces in r.cell_boxes.items():
                for piece in pieces:
                    piece["confidence"] = conf if f == "task" else 1.0
    return normalized


@pytest.fixture
def con(tmp_path):
    con = store.connect(tmp_path / "db.duckdb")
    prepare_database(con)
    store.load_document(con, doc(), rows())
    yield con
    con.close()


def row(con, row_no, doc_id=A[:16]):
    cur = con.execute("SELECT * FROM plan_rows WHERE row_id = ?", [f"{doc_id}:{row_no}"])
    names = [d[0] for d in cur.description]
    return dict(zip(names, cur.fetchall()[0]))


def links(con, row_no, role, doc_id=A[:16]):
    return con.execute("SELECT mention, agency_id, method FROM row_agencies WHERE row_id = ? AND role = ? "
                       "ORDER BY rowid", [f"{doc_id}:{row_no}", role]).fetchall()


def test_threshold_is_the_pipelines():
    assert C.DOUBTFUL_BELOW == DOUBTFUL_BELOW


def test_a_correction_is_what_the_row_shows_and_the_extracted_text_is_kept(con):
    line = C.record(con, f"{A[:16]}:2", "task", "Nhiệm vụ số hai", author="lan", note="OCR")
    r = row(con, 2)
    assert r["task"] == "Nhiệm vụ số hai"
    assert json.loads(r["corrected"]) == {"task": "Nhiệm vụ số 2"}
    assert json.loads(r["verified"]) == ["task"]
    assert r["method"] == "ocr"  # provenance of the extraction stays; `corrected` says a person changed it
    # its only doubtful cell checked: no longer doubtful, the extracted confidence kept
    assert (r["confidence"], r["extracted_confidence"]) == (1.0, 0.5)
    assert (line.status, line.action, line.author, line.note, line.sha256) == ("corrected", "edit", "lan", "OCR", A)
    assert line.extracted_text == "Nhiệm vụ số 2" and line.page == 1 and line.bbox == [40.0, 40.0, 79.0, 59.0]


def test_verify_clears_a_doubtful_row_without_changing_its_text(con):
    C.record(con, f"{A[:16]}:2", "task", None, verify=True)
    r = row(con, 2)
    assert (r["task"], r["corrected"], json.loads(r["verified"]), r["confidence"]) == (
        "Nhiệm vụ số 2", None, ["task"], 1.0)
    # verifying another cell of the row would not do: only the cell that made it doubtful
    C.undo(con, f"{A[:16]}:2", "task")
    C.record(con, f"{A[:16]}:2", "product", None, verify=True)
    assert row(con, 2)["confidence"] == 0.5


def test_corrected_timeline_is_parsed_and_agency_cell_resolved_again(con):
    C.record(con, f"{A[:16]}:3", "timeline_text", "Quý III")
    r = row(con, 3)
    assert (str(r["due_start"]), str(r["due_end"]), r["timeline_parsed"]) == ("2026-07-01", "2026-09-30", True)
    assert links(con, 3, "lead") == [("Sở Nội vụ", "so-noi-vu", "exact")]
    C.record(con, f"{A[:16]}:3", "lead_text", "Sở Tư pháp")
    assert links(con, 3, "lead") == [("Sở Tư pháp", "so-tu-phap", "exact")]
    assert links(con, 3, "coord") == links(con, 4, "coord")  # the other role untouched


def test_agency_picked_for_a_mention(con):
    C.record(con, f"{A[:16]}:4", "lead_text", "Ban Điều phối đặc biệt")
    assert [a for _, a, _ in links(con, 4, "lead")] == [None]
    mention = links(con, 4, "lead")[0][0]
    C.record(con, f"{A[:16]}:4", "lead_agency", "so-noi-vu", mention=mention)
    assert links(con, 4, "lead") == [(mention, "so-noi-vu", "person")]
    with pytest.raises(C.CorrectionError, match="no agency 'no-such-body'"):
        C.record(con, f"{A[:16]}:4", "lead_agency", "no-such-body", mention=mention)
    with pytest.raises(C.CorrectionError, match="has no lead mention 'Sở Y tế'"):
        C.record(con, f"{A[:16]}:4", "lead_agency", "so-y-te", mention="Sở Y tế")
    C.undo(con, f"{A[:16]}:4", "lead_agency", mention=mention)
    assert [a for _, a, _ in links(con, 4, "lead")] == [None]


def test_hostile_input_is_refused_in_words_or_stored_inert(con):
    with pytest.raises(C.CorrectionError, match="unknown field 'password'"):
        C.record(con, f"{A[:16]}:2", "password", "x")
    with pytest.raises(C.CorrectionError, match="no row 'ffffffffffffffff:99'"):
        C.record(con, "ffffffffffffffff:99", "task", "x")
    with pytest.raises(C.CorrectionError, match="a row id is doc_id:row_no"):
        C.record(con, "'; DROP TABLE plan_rows; --", "task", "x")
    with pytest.raises(C.CorrectionError, match="text too long: 102400 characters, at most 10000"):
        C.record(con, f"{A[:16]}:2", "task", "x" * 102_400)
    script = '<script>alert("x")</script> Nhiệm vụ'
    C.record(con, f"{A[:16]}:2", "task", script)
    assert row(con, 2)["task"] == script  # text, as typed: every page escapes it
    assert con.execute("SELECT count(*) FROM plan_rows").fetchall() == [(6,)]
    assert con.execute("SELECT count(*) FROM corrections").fetchall() == [(1,)]  # refused ones wrote nothing


def test_append_only_and_undo_walks_back(con):
    rid = f"{A[:16]}:2"
    C.record(con, rid, "task", "một")
    C.record(con, rid, "task", "hai")
    assert row(con, 2)["task"] == "hai"
    C.undo(con, rid, "task")
    assert row(con, 2)["task"] == "một"
    C.undo(con, rid, "task")
    r = row(con, 2)
    assert (r["task"], r["corrected"], r["verified"], r["confidence"]) == ("Nhiệm vụ số 2", None, None, 0.5)
    assert C.undo(con, rid, "task") is None  # nothing left to undo
    lines = con.execute("SELECT action, status, corrected_text FROM corrections ORDER BY created_at").fetchall()
    assert lines == [("edit", "corrected", "một"), ("edit", "corrected", "hai"), ("undo", "corrected", "một"),
                     ("undo", "undone", None)]
    assert len({t for (t,) in con.execute("SELECT thread_id FROM corrections").fetchall()}) == 1


def test_reextraction_reapplies_every_correction(con):
    C.record(con, f"{A[:16]}:2", "task", "Nhiệm vụ số hai")
    C.record(con, f"{A[:16]}:5", "timeline_text", "Quý IV")
    C.record(con, f"{A[:16]}:6", "note", "ghi chú thêm")
    messages = []
    assert store.load_document(con, doc(), rows(), replace=True, messages=messages) == "loaded"
    assert messages == [("info", "3 correction(s) re-applied")]
    assert [row(con, n)[f] for n, f in ((2, "task"), (5, "timeline_text"), (6, "note"))] == [
        "Nhiệm vụ số hai", "Quý IV", "ghi chú thêm"]
    assert str(row(con, 5)["due_start"]) == "2026-10-01"
    # the replaced rows (with their corrections) are history
    assert con.execute("SELECT count(*) FROM plan_rows_history WHERE corrected IS NOT NULL").fetchall() == [(3,)]
    assert con.execute("SELECT count(*) FROM corrections").fetchall() == [(3,)]  # nothing to add


def test_a_changed_extraction_is_a_conflict_the_correction_kept(con):
    C.record(con, f"{A[:16]}:2", "task", "Nhiệm vụ số hai")
    messages = []
    store.load_document(con, doc(), rows(changed={2: {"task": "Nhiệm vụ số 22"}}), replace=True, messages=messages)
    assert messages[0][0] == "warning" and "correction conflict" in messages[0][1]
    assert "the new extraction reads 'Nhiệm vụ số 22'" in messages[0][1]
    r = row(con, 2)
    assert r["task"] == "Nhiệm vụ số hai" and json.loads(r["corrected"]) == {"task": "Nhiệm vụ số 22"}
    assert r["verified"] is None and r["confidence"] == 0.5  # flagged: doubtful again
    (status, extracted), = con.execute("SELECT status, extracted_text FROM corrections_current").fetchall()
    assert (status, extracted) == ("conflict", "Nhiệm vụ số 22")
    # an extraction that now reads as corrected is no conflict
    C.record(con, f"{A[:16]}:3", "task", "Nhiệm vụ số ba")
    messages = []
    store.load_document(con, doc(), rows(changed={3: {"task": "Nhiệm vụ số ba"}, 2: {"task": "Nhiệm vụ số 22"}}),
                        replace=True, messages=messages)
    assert messages == [("info", "2 correction(s) re-applied")]


def test_rows_moved_by_a_new_pipeline_are_followed(con):
    C.record(con, f"{A[:16]}:4", "note", "xem lại")
    messages = []
    store.load_document(con, doc(), rows(insert_at=1), replace=True, messages=messages)  # same bytes, a row more
    assert messages == [("info", "1 correction(s) re-applied (1 found on another row)")]
    assert row(con, 5)["note"] == "xem lại" and row(con, 4)["note"] == ""


def test_a_cell_that_is_gone_is_kept_not_dropped(con):
    C.record(con, f"{A[:16]}:6", "task", "Nhiệm vụ cuối")
    messages = []
    store.load_document(con, doc(), rows(n=3), replace=True, messages=messages)
    assert "correction not applied" in messages[0][1]
    assert con.execute("SELECT status, corrected_text FROM corrections_current").fetchall() == [
        ("orphaned", "Nhiệm vụ cuối")]
    store.load_document(con, doc(), rows(), replace=True, messages=(messages := []))  # the row is back
    assert row(con, 6)["task"] == "Nhiệm vụ cuối"


def test_a_new_version_with_a_row_inserted_keeps_corrections_on_their_cells(con):
    C.record(con, f"{A[:16]}:1", "note", "trước")
    C.record(con, f"{A[:16]}:2", "task", "Nhiệm vụ số hai")
    C.record(con, f"{A[:16]}:3", "lead_text", "Sở Tư pháp")
    C.record(con, f"{A[:16]}:5", "timeline_text", "Quý IV")
    messages = []
    new = doc(B)  # changed bytes at the same path: a new version
    assert store.load_document(con, new, rows(insert_at=1), messages=messages) == "loaded"
    assert messages == [("info", "4 correction(s) carried over from the previous version")]
    b = B[:16]
    assert [row(con, n, b)["task"] for n in range(1, 8)] == [
        "Nhiệm vụ số 1", "Nhiệm vụ chèn thêm", "Nhiệm vụ số hai", "Nhiệm vụ số 3", "Nhiệm vụ số 4",
        "Nhiệm vụ số 5", "Nhiệm vụ số 6"]
    assert row(con, 1, b)["note"] == "trước" and row(con, 2, b)["note"] == ""
    assert row(con, 4, b)["lead_text"] == "Sở Tư pháp" and links(con, 4, "lead", b)[0][1] == "so-tu-phap"
    assert row(con, 6, b)["timeline_text"] == "Quý IV" and row(con, 5, b)["timeline_text"] == "Quý I"
    # the old version keeps its own; re-loading the new one neither duplicates nor loses them
    assert row(con, 2)["task"] == "Nhiệm vụ số hai"
    count = con.execute("SELECT count(*) FROM corrections").fetchall()
    store.load_document(con, new, rows(insert_at=1), replace=True, messages=(messages := []))
    assert messages == [("info", "4 correction(s) re-applied")]
    assert con.execute("SELECT count(*) FROM corrections").fetchall() == count


def test_export_then_import_into_another_database(con, tmp_path):
    C.record(con, f"{A[:16]}:2", "task", "Nhiệm vụ số hai", note='dấu "ngoặc", phẩy')
    C.record(con, f"{A[:16]}:3", "timeline_text", None, verify=True)
    path = tmp_path / "corrections.csv"
    assert C.export_csv(con, path) == 2
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    other = store.connect(tmp_path / "other.duckdb")
    prepare_database(other)
    store.load_document(other, doc(), rows())
    assert C.import_csv(other, path) == (2, 0, [A[:16]])
    assert row(other, 2)["task"] == "Nhiệm vụ số hai" and row(other, 3)["verified"] == '["timeline_text"]'
    assert C.import_csv(other, path)[:2] == (0, 2)  # twice: nothing added
    bad = tmp_path / "bad.csv"
    bad.write_text(path.read_text(encoding="utf-8-sig").replace(",task,", ",password,"), encoding="utf-8")
    with pytest.raises(C.CorrectionError, match="line 2: unknown field 'password'"):
        C.import_csv(other, bad)
    other.close()
