"""`cchc review`'s web app (pipeline/review.py) without a browser: the queue of doubtful
cells, corrections through its forms, and what keeps it safe (CSRF token, escaping, size
limits, read-only mode, token for other hosts, Host and Origin checks)."""
import re
import warnings

import pytest

from pipeline.review import MAX_BODY, Settings, create_app
from pipeline.stages import normalize_rows, prepare_database
from schemas import store
from schemas.records import DocumentRecord, PlanRow

warnings.filterwarnings("ignore", message=".*httpx.*")
from starlette.testclient import TestClient  # noqa: E402

SHA = "c" * 64
DOC = SHA[:16]


@pytest.fixture
def db(tmp_path):
    rows = [PlanRow(section_no="I", section_title="CẢI CÁCH THỂ CHẾ", stt=str(i), task=f"Nhiệm vụ {i}",
                    lead_text="Sở Nội vụ" if i != 3 else "Ban Điều phối đặc biệt", timeline_text="Quý I/2026",
                    page_first=1, page_last=1, method="ocr", confidence=0.5 if i == 2 else 1.0,
                    cell_boxes={"task": [{"page": 1, "bbox": [10, 20 * i, 90, 20 * i + 18],
                                          "confidence": 0.5 if i == 2 else 1.0}]}) for i in range(1, 5)]
    path = tmp_path / "plans.duckdb"
    con = store.connect(path)
    prepare_database(con)
    store.load_document(con, DocumentRecord(sha256=SHA, file_name="plan.pdf", file_path=str(tmp_path / "plan.pdf"),
                                            page_count=1, pipeline_version="t", status="ok", period="2026"),
                        as_extracted(normalize_rows(rows)))
    con.close()
    return path


def as_extracted(rows: list[PlanRow]) -> list[PlanRow]:
    """The confidences the fixture states (row 2's task doubtful), whatever the
    cell-confidence model makes of these made-up cells (normalize_rows settles them)."""
    for r in rows:
        r.confidence = 0.5 if r.stt == "2" else 1.0
        for pieces in r.cell_boxes.values():
            for piece in pieces:
                piece["confidence"] = r.confidence
    return rows


def client(db, **kw):
    settings = Settings(db, **kw)
    return settings, TestClient(create_app(settings), base_url="http://127.0.0.1:8765")


def task_of(db, row_no):
    con = store.connect(db, read_only=True)
    try:
        return con.execute("SELECT task FROM plan_rows WHERE row_no = ?", [row_no]).fetchall()[0][0]
    finally:
        con.close()


def post(c, settings, row_no=2, field="task", **form):
    data = {"csrf": settings.csrf, "action": "save", "next": "/", **form}
    return c.post(f"/cell/{DOC}:{row_no}/{field}", data=data, follow_redirects=False)


def test_queue_lists_doubtful_cells_and_unresolved_agencies(db):
    _, c = client(db)
    page = c.get("/").text
    assert page.count('<article class="item') == 2
    assert 'data-row="cccccccccccccccc:2" data-field="task"' in page
    assert 'data-row="cccccccccccccccc:3" data-field="lead_agency"' in page
    assert 'src="/crop/cccccccccccccccc:2/task"' in page
    assert '<datalist id="agencies">' in page and 'value="so-noi-vu"' in page
    for path in ("/docs", f"/doc/{DOC}?page=1", f"/cell/{DOC}:2/task"):
        assert c.get(path).status_code == 200, path


def test_a_saved_correction_leaves_the_queue_and_shows_everywhere(db):
    settings, c = client(db)
    answer = post(c, settings, text="Nhiệm vụ hai", next="/#item-0")
    assert answer.status_code == 303 and answer.headers["location"].startswith("/?msg=corrected")
    assert task_of(db, 2) == "Nhiệm vụ hai"
    assert 'data-field="task"' not in c.get("/").text
    cell = c.get(f"/cell/{DOC}:2/task").text
    assert "Nhiệm vụ hai" in cell and "as extracted" in cell and "Nhiệm vụ 2" in cell
    assert 'class="corrected"' in c.get(f"/doc/{DOC}?page=1").text
    assert post(c, settings, action="undo").status_code == 303
    assert task_of(db, 2) == "Nhiệm vụ 2"
    # an agency picked for the unresolved mention
    mention = re.search(r'name="mention" value="([^"]+)"', c.get("/").text).group(1)
    assert post(c, settings, row_no=3, field="lead_agency", action="pick", text="so-noi-vu",
                mention=mention).status_code == 303
    assert 'data-field="lead_agency"' not in c.get("/").text


def test_a_post_without_the_csrf_token_is_refused(db):
    _, c = client(db)
    answer = c.post(f"/cell/{DOC}:2/task", data={"text": "x", "action": "save"})
    assert answer.status_code == 403 and "CSRF token is missing or wrong" in answer.text
    answer = c.post(f"/cell/{DOC}:2/task", data={"text": "x", "action": "save", "csrf": "guess"})
    assert answer.status_code == 403
    assert task_of(db, 2) == "Nhiệm vụ 2"


def test_hostile_input_gets_a_clear_error_or_is_stored_inert(db):
    settings, c = client(db)
    script = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    assert post(c, settings, text=script).status_code == 303
    assert task_of(db, 2) == script
    for path in (f"/cell/{DOC}:2/task", f"/doc/{DOC}?page=1"):
        page = c.get(path).text
        assert "&lt;script&gt;alert(" in page and "<script>alert" not in page and "<img src=x" not in page
    answer = post(c, settings, text="x" * 100_000)
    assert answer.status_code == 400 and "text too long: 100000 characters, at most 10000" in answer.text
    answer = post(c, settings, text="x" * (MAX_BODY + 1))
    assert answer.status_code == 413 and "request too large" in answer.text
    answer = post(c, settings, field="password", text="x")
    assert answer.status_code == 400 and "unknown field &#39;password&#39;" in answer.text
    answer = post(c, settings, row_no=99, text="x")
    assert answer.status_code == 400 and "no row &#39;cccccccccccccccc:99&#39; in the database" in answer.text
    answer = post(c, settings, action="drop", text="x")
    assert answer.status_code == 400 and "unknown action" in answer.text
    # never sent elsewhere after a save
    assert post(c, settings, text="y", next="//evil.example/").headers["location"].startswith("/?msg=")
    assert c.get(f"/cell/{DOC}:2/%3Cscript%3E").status_code == 404
    assert task_of(db, 2) == "y"


def test_pages_forbid_scripts_from_elsewhere(db):
    _, c = client(db)
    answer = c.get("/")
    csp = answer.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "<script>" not in answer.text  # the one script is /static/review.js
    assert answer.headers["x-frame-options"] == "DENY"


def test_read_only_changes_nothing(db):
    settings, c = client(db, read_only=True)
    page = c.get("/").text
    assert "<form" not in page and "read-only" in page
    answer = post(c, settings, text="x")
    assert answer.status_code == 403 and "read-only" in answer.text
    assert task_of(db, 2) == "Nhiệm vụ 2"


def test_another_host_needs_the_token(db):
    settings, c = client(db, token="s3cret-token")
    assert c.get("/").status_code == 403
    answer = c.get("/?token=wrong")
    assert answer.status_code == 403 and "a token is required" in answer.text
    answer = c.get("/?token=s3cret-token", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/"  # the token leaves the address bar
    assert "HttpOnly" in answer.headers["set-cookie"] and "SameSite=Strict" in answer.headers["set-cookie"]
    assert c.get("/").status_code == 200  # the cookie from now on
    assert post(c, settings, text="mới").status_code == 303


def test_requests_to_another_host_name_or_from_another_site_are_refused(db):
    settings, c = client(db, allowed_hosts=("127.0.0.1:8765",))
    assert c.get("/").status_code == 200
    assert c.get("/", headers={"host": "evil.example:8765"}).status_code == 403  # DNS rebinding
    answer = c.post(f"/cell/{DOC}:2/task", data={"csrf": settings.csrf, "text": "x"},
                    headers={"origin": "http://evil.example"})
    assert answer.status_code == 403 and "cross-site" in answer.text
    assert task_of(db, 2) == "Nhiệm vụ 2"


def test_a_conflict_comes_first_and_is_settled_from_the_queue(db):
    from schemas import corrections

    settings, c = client(db)
    assert post(c, settings, row_no=4, text="Nhiệm vụ bốn").status_code == 303
    con = store.connect(db)
    try:  # a re-extraction that reads the cell differently from both
        rows = [PlanRow(section_no="I", section_title="CẢI CÁCH THỂ CHẾ", stt=str(i),
                        task=f"Nhiệm vụ {i}" if i != 4 else "Nhiệm vụ 44", lead_text="Sở Nội vụ",
                        timeline_text="Quý I/2026", page_first=1, page_last=1) for i in range(1, 5)]
        doc = DocumentRecord(sha256=SHA, file_name="plan.pdf", file_path="/nowhere/plan.pdf", page_count=1,
                             pipeline_version="t", status="ok", period="2026")
        messages = []
        store.load_document(con, doc, normalize_rows(rows), replace=True, messages=messages)
        assert "correction conflict" in messages[0][1]
        assert corrections.current_lines(con, SHA)[0].status == "conflict"
    finally:
        con.close()
    page = c.get("/").text
    first = page.index('<article class="item')
    assert page[first:].startswith('<article class="item conflict"') and "re-extraction conflict" in page
    assert "Nhiệm vụ bốn" in page and "as extracted: Nhiệm vụ 44" in page
    assert post(c, settings, row_no=4, action="verify").status_code == 303  # keep the correction
    assert "item conflict" not in c.get("/").text
    assert task_of(db, 4) == "Nhiệm vụ bốn"
