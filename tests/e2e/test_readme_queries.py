"""The seven queries of README.md's "Queries an analyst asks" run on the reference database,
return the columns the README documents, and find what the reference plans contain (each
expectation is recomputed here in Python from the database, not copied from a run)."""
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

import duckdb
import pytest
from rapidfuzz.distance import JaroWinkler

from tests.conftest import ROOT

SECTION = "## Queries an analyst asks"
ENTRY = re.compile(r"^\((?P<key>[a-z])\) (?P<sentence>[^\n]+)\n\n```sql\n(?P<sql>.*?)```", re.M | re.S)
Q3_2026 = (dt.date(2026, 7, 1), dt.date(2026, 9, 30))


@dataclass(frozen=True)
class Query:
    key: str
    sentence: str
    sql: str
    columns: tuple[str, ...]


def readme_queries() -> dict[str, Query]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"\n{SECTION}\n")
    end = text.find("\n## ", start + 1)
    section = text[start:end if end != -1 else len(text)]
    assert section.count("```sql") == 7, "the section has exactly seven SQL blocks"
    queries = {}
    for m in ENTRY.finditer(section):
        documented = re.search(r"→ `([^`]+)`\.?$", m["sentence"])
        assert documented, f"({m['key']}) does not list its columns"
        queries[m["key"]] = Query(m["key"], m["sentence"], m["sql"],
                                  tuple(c.strip() for c in documented.group(1).split(",")))
    assert sorted(queries) == list("abcdefg"), "each block is preceded by its one-sentence question"
    return queries


QUERIES = readme_queries()


@pytest.fixture(scope="module")
def con(reference_db):
    db, _ = reference_db
    connection = duckdb.connect(str(db), read_only=True)
    yield connection
    connection.close()


def run(con, key) -> list[dict]:
    cursor = con.execute(QUERIES[key].sql)
    names = [d[0] for d in cursor.description]
    assert tuple(names) == QUERIES[key].columns
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


def current_rows(con) -> list[dict]:
    cursor = con.execute("""
        SELECT r.row_id, r.doc_id, d.file_name, d.period, r.row_no, r.task, r.section_title,
               r.confidence, r.timeline_parsed, r.due_start, r.due_end
        FROM plan_rows r JOIN documents d USING (doc_id) WHERE d.is_current""")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def agency_links(con) -> list[tuple]:
    return con.execute("SELECT row_id, agency_id, role FROM row_agencies").fetchall()


@pytest.mark.parametrize("key", sorted(QUERIES))
def test_query_runs_and_returns_documented_columns(con, key):
    run(con, key)


def test_a_tasks_led_by_so_noi_vu_due_q3_2026(con):
    got = run(con, "a")
    led = {row_id for row_id, agency, role in agency_links(con) if agency == "so-noi-vu" and role == "lead"}
    want = [r for r in current_rows(con) if r["row_id"] in led and (r["due_start"] or r["due_end"])
            and (r["due_start"] or r["due_end"]) <= Q3_2026[1] and (r["due_end"] or r["due_start"]) >= Q3_2026[0]]
    assert sorted((r["file_name"], r["task"]) for r in got) == sorted((r["file_name"], r["task"]) for r in want)
    # the reference 2026 plan (148/KH-UBND) has Sở Nội vụ tasks timed "Quý III, IV năm 2026"
    assert any(r["file_name"].startswith("plan2026.") and "III" in r["timeline_text"] for r in got)


def test_b_rows_per_agency_lineage(con):
    got = run(con, "b")
    assert got
    keys = [(r["agency_id"], r["period"]) for r in got]
    assert len(keys) == len(set(keys))
    lineage = dict(con.execute("SELECT agency_id, current_id FROM agency_lineage").fetchall())
    successors = {a: c for a, c in lineage.items() if a != c}
    rows = {r["row_id"]: r for r in current_rows(con)}
    named_old = {(successors[agency], rows[row_id]["period"], agency)
                 for row_id, agency, _ in agency_links(con) if agency in successors and row_id in rows}
    assert named_old, "the reference plans name bodies merged in 2025 (e.g. Sở Thông tin và Truyền thông)"
    by_key = {(r["agency_id"], r["period"]): r for r in got}
    for current, period, old in named_old:
        assert old in by_key[(current, period)]["named_as"].split(", ")
    total_led = sum(r["rows_led"] for r in got)
    want_led = len({(row_id, lineage[agency]) for row_id, agency, role in agency_links(con)
                    if role == "lead" and agency is not None and row_id in rows})
    assert total_led == want_led


def test_c_tasks_carried_from_2025_into_2026(con):
    got = run(con, "c")
    rows = current_rows(con)
    tasks_2025 = {(r["file_name"], r["task"]) for r in rows if "2025" in r["period"] and r["task"]}
    tasks_2026 = {(r["file_name"], r["task"]) for r in rows if "2026" in r["period"] and r["task"]}
    # rapidfuzz's Jaro-Winkler (prefix weight 0.1) is DuckDB's jaro_winkler_similarity
    want = {(fa, fb, ta, tb) for fa, ta in tasks_2025 for fb, tb in tasks_2026
            if JaroWinkler.similarity(ta.lower(), tb.lower()) > 0.9}
    assert {(r["file_2025"], r["file_2026"], r["task_2025"], r["task_2026"]) for r in got} == want
    assert len(got) == len(want)
    # the 2026 plan repeats tasks of the 2025 second-half plan word for word, and rewords others
    assert any(r["similarity"] == 1.0 for r in got)
    assert any(r["similarity"] < 0.99 for r in got)
    assert {r["file_2025"] for r in got} == {f for f, _ in tasks_2025}


def test_d_doubtful_rows(con):
    got = run(con, "d")
    unresolved = {row_id for row_id, agency, _ in agency_links(con) if agency is None}
    want = {(r["file_name"], r["row_no"]) for r in current_rows(con)
            if (r["confidence"] is not None and r["confidence"] < 0.8) or r["timeline_parsed"] is False
            or r["row_id"] in unresolved}
    assert want, "the scanned reference plan has OCR'd rows under 0.8"
    assert {(r["file_name"], r["row_no"]) for r in got} == want
    assert all(r["why"] and r["page_first"] for r in got)


def test_e_documents_and_versions(con):
    got = run(con, "e")
    ((documents, rows),) = con.execute(
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM plan_rows)").fetchall()
    assert len(got) == documents > 0 and sum(r["plan_rows"] for r in got) == rows
    order = [(r["file_name"], r["extracted_at"]) for r in got]
    assert order == sorted(order)


def test_f_rows_of_one_section_across_plans(con):
    got = run(con, "f")
    rows = current_rows(con)
    want = {(r["file_name"], r["task"]) for r in rows if "the che" in fold(r["section_title"] or "")}
    assert len(got) == sum("the che" in fold(r["section_title"] or "") for r in rows)
    assert {(r["file_name"], r["task"]) for r in got} == want
    assert {r["file_name"] for r in got} == {r["file_name"] for r in rows}, "every reference plan has the section"


def test_g_changes_of_the_2026_plan(con):
    got = run(con, "g")
    (later,) = con.execute("SELECT doc_id FROM documents WHERE is_current AND period LIKE '%2026%'").fetchall()[0]
    linked = dict(con.execute("SELECT linked_doc_id, relation FROM plan_links WHERE doc_id = ?", [later]).fetchall())
    names = dict(con.execute("SELECT doc_id, file_name FROM documents").fetchall())
    # the ingest linked the current 2026 plan to the 2021-2030 plan and to the 2025 second-half plan
    assert sorted(linked.values()) == ["continues", "implements"]
    assert {(r["relation"], r["linked_file_name"]) for r in got} == {(rel, names[d]) for d, rel in linked.items()}
    for doc_id, relation in linked.items():
        links = set(con.execute("SELECT k.row_id, k.linked_row_id FROM row_links AS k WHERE split_part(k.row_id, ':', 1) = ? "
                                "AND split_part(k.linked_row_id, ':', 1) = ?", [later, doc_id]).fetchall())
        rows = {n for (n,) in con.execute("SELECT row_no FROM plan_rows WHERE doc_id = ?", [later]).fetchall()}
        earlier = {n for (n,) in con.execute("SELECT row_no FROM plan_rows WHERE doc_id = ?", [doc_id]).fetchall()}
        mine = [r for r in got if r["relation"] == relation]
        carried = {(r["row_no"], r["linked_row_no"]) for r in mine if r["change"] == "carried"}
        assert carried == {(int(a.split(":")[1]), int(b.split(":")[1])) for a, b in links}
        assert {r["row_no"] for r in mine if r["change"] == "new"} == rows - {a for a, _ in carried}
        assert {r["linked_row_no"] for r in mine if r["change"] == "dropped"} == earlier - {b for _, b in carried}
        order = [r["change"] for r in mine]
        assert order == sorted(order, key=["carried", "new", "dropped"].index)
    # 2026 repeats most of the second half of 2025: most of its rows are carried from it
    continues = [r for r in got if r["relation"] == "continues"]
    assert len({r["row_no"] for r in continues if r["change"] == "carried"}) >= 40
