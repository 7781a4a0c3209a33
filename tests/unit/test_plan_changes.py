"""Migration 012: `row_links`, `plan_links` and the `plan_changes` view (carried / new /
dropped rows of a linked pair of plans, and what changed in a carried one)."""
import re

from normalizers.agency_registry import lineage_sql, write_registry
from schemas import store
from schemas.records import AgencyLink, DocumentRecord, PlanRow


def _doc(sha: str, name: str) -> DocumentRecord:
    return DocumentRecord(sha256=sha, file_name=name, file_path=f"/x/{name}", page_count=1,
                          pipeline_version="t1", text_source="text_layer", status="ok")


def _row(task: str, product: str, lead_id: str, recurrence: str = "continuous") -> PlanRow:
    return PlanRow(section_no="I", section_title="CẢI CÁCH THỂ CHẾ", task=task, product=product,
                   recurrence=recurrence, agencies=[AgencyLink("lead", lead_id, lead_id, 1.0, "exact", False)])


def test_the_migration_creates_agency_lineage_as_the_registry_does():
    (sql,) = [s for v, _, s in store.migrations() if v == 12]
    view = re.search(r"CREATE OR REPLACE VIEW agency_lineage AS.*?GROUP BY agency_id", sql, re.S).group(0)
    assert " ".join(view.split()) == " ".join(lineage_sql().split())


def test_carried_new_and_dropped_with_what_changed(tmp_path):
    con = store.connect(tmp_path / "db.duckdb")
    write_registry(con)
    earlier = [_row("Kiểm tra văn bản năm 2025", "Báo cáo 2025", "so-tu-phap"),
               _row("Chuyển đổi số năm 2025", "Kế hoạch", "so-thong-tin-truyen-thong"),
               _row("Tuyên truyền", "Tin bài", "so-noi-vu")]
    later = [_row("Kiểm tra văn bản năm 2026", "Báo cáo 2026", "so-tu-phap"),          # same product but the year
             _row("Chuyển đổi số năm 2026", "Kế hoạch và báo cáo", "so-khoa-hoc-cong-nghe", "annual"),
             _row("Đánh giá cán bộ", "Văn bản", "so-noi-vu")]
    store.load_document(con, _doc("a" * 64, "old.pdf"), earlier)
    store.load_document(con, _doc("b" * 64, "new.pdf"), later)
    a, b = "a" * 16, "b" * 16
    con.execute("INSERT INTO plan_links VALUES (?, ?, 'continues', 'test', now())", [b, a])
    con.execute("INSERT INTO row_links VALUES (?, ?, 'continues', 0.99, 'test', NULL), "
                "(?, ?, 'continues', 0.95, 'test', NULL)", [f"{b}:1", f"{a}:1", f"{b}:2", f"{a}:2"])
    got = con.execute("SELECT change, row_no, linked_row_no, lead_changed, timeline_changed, product_changed "
                      "FROM plan_changes WHERE doc_id = ? ORDER BY change, row_no, linked_row_no", [b]).fetchall()
    assert got == [
        ("carried", 1, 1, False, False, False),
        # Sở TT&TT rolled up to Sở KH&CN (agency_lineage): the lead did not change; the recurrence and product did
        ("carried", 2, 2, False, True, True),
        ("dropped", None, 3, None, None, None),
        ("new", 3, None, None, None, None),
    ]
    # the other relation's links do not count for this pair
    con.execute("UPDATE plan_links SET relation = 'implements'")
    assert con.execute("SELECT count(*) FROM plan_changes WHERE change = 'carried'").fetchall() == [(0,)]
