"""Corrections through the `cchc` command on the reference plans: 20 random cells corrected
with `cchc correct` are all still there after `cchc reextract --all` (and in `cchc export`,
`cchc report`); a new version of a file with one row inserted keeps the corrections on the
cells they were made on; `cchc corrections export|import` shares them; hostile input is
refused in one line or stored as inert text."""
import csv
import random
import re
import shutil
import subprocess
import sys

import duckdb
import pytest

from bench import render
from schemas.records import ROW_FIELDS

CCHC = [sys.executable, "-m", "pipeline.cli"]


def cchc(*args, env=None):
    return subprocess.run([*CCHC, *args], capture_output=True, text=True, timeout=900, env=env)


def query(db, sql, params=()):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


@pytest.fixture
def reference(tmp_path):
    """The three reference plans as published, ingested."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for plan in render.PLANS:
        shutil.copyfile(render.build(plan, "fullplan"), inbox / f"{plan}.pdf")
    db = tmp_path / "plans.duckdb"
    proc = cchc("ingest", str(inbox), "--db", str(db))
    assert proc.returncode == 0, proc.stderr[-2000:]
    return db


def cells(db):
    """{(row_id, field): text} of every text cell of the current documents."""
    out = {}
    for row in query(db, f"SELECT row_id, {', '.join(ROW_FIELDS)} FROM plan_rows JOIN documents USING (doc_id) "
                         "WHERE is_current ORDER BY row_id"):
        for name, text in zip(ROW_FIELDS, row[1:]):
            out[(row[0], name)] = text or ""
    return out


def test_twenty_random_corrections_survive_reextract_all(reference, tmp_path):
    before = cells(reference)
    rng = random.Random(16)
    chosen = rng.sample(sorted(before), 20)
    wanted = {}
    for k, (row_id, name) in enumerate(chosen):
        text = f"{before[(row_id, name)]} (sửa {k}: người kiểm tra)".strip()
        proc = cchc("correct", row_id, name, text, "--db", str(reference), "--note", f"test {k}", "--author", "tester")
        assert proc.returncode == 0, proc.stderr
        assert f"row {row_id} {name}: corrected" in proc.stderr
        wanted[(row_id, name)] = text
    corrected = {**before, **wanted}
    assert cells(reference) == corrected

    proc = cchc("reextract", "--all", "--db", str(reference))
    assert proc.returncode == 0, proc.stderr[-3000:]
    reapplied = sum(int(n) for n in re.findall(r"(\d+) correction\(s\) re-applied", proc.stderr))
    assert reapplied == 20, proc.stderr[-3000:]
    assert "conflict" not in proc.stderr and "not applied" not in proc.stderr
    assert cells(reference) == corrected  # 100 %: every correction, and nothing else changed
    for (row_id, name), text in wanted.items():
        (extracted,), = query(reference, "SELECT json_extract_string(corrected, ?) FROM plan_rows WHERE row_id = ?",
                              [f"$.{name}", row_id])
        assert extracted == before[(row_id, name)]
    assert query(reference, "SELECT status, count(*) FROM corrections_current GROUP BY ALL") == [("corrected", 20)]
    assert query(reference, "SELECT count(*) FROM corrections") == [(20,)]  # re-applied in place: no new line

    report = cchc("report", "--db", str(reference))
    assert report.returncode == 0
    assert sum(int(n) for n in re.findall(r"(\d+) cell\(s\) corrected by a person", report.stdout)) == 20

    out = tmp_path / "export"
    assert cchc("export", "--format", "csv", "--out", str(out), "--db", str(reference)).returncode == 0
    with open(out / "rows.csv", encoding="utf-8-sig", newline="") as fh:
        exported = {(r["row_id"], name): r[name] for r in csv.DictReader(fh) for name in ROW_FIELDS}
    assert {k: exported[k] for k in wanted} == wanted


def render_with_row_inserted(out, after: int):
    """plan2026's appendix (digital) with a new row after the row at index `after`,
    the items after it in its section renumbered."""
    from reportlab.pdfgen import canvas

    rows, meta = render.load_plan("plan2026")
    new = dict(rows[after], stt=str(int(rows[after]["stt"]) + 1),
               task="Rà soát, đánh giá việc thực hiện quy chế phối hợp trong giải quyết thủ tục hành chính",
               product="Báo cáo rà soát", timeline_text="Quý II/2026")
    shifted = [dict(r, stt=str(int(r["stt"]) + 1)) if i > after and r["section_no"] == rows[after]["section_no"]
               else r for i, r in enumerate(rows)]
    shifted.insert(after + 1, new)
    c = canvas.Canvas(str(out), pagesize=render.LANDSCAPE, invariant=1, pageCompression=1)
    render.draw_appendix(c, shifted, meta, render.plan_style("plan2026", meta))
    c.save()


def test_new_version_with_a_row_inserted_keeps_corrections_on_their_cells(tmp_path):
    path = tmp_path / "plan2026.pdf"
    shutil.copyfile(render.build("plan2026", "digital"), path)
    db = tmp_path / "plans.duckdb"
    assert cchc("ingest", str(path), "--db", str(db)).returncode == 0
    (old_id,), = query(db, "SELECT doc_id FROM documents")
    # one before the inserted row, five after it (one on the row right after)
    targets = {5: "product", 11: "timeline_text", 12: "lead_text", 20: "task", 33: "coord_text", 48: "note"}
    fixed = {}
    for row_no, name in targets.items():
        text = f"sửa hàng {row_no} ({name})"
        assert cchc("correct", f"{old_id}:{row_no}", name, text, "--db", str(db)).returncode == 0
        fixed[row_no] = (name, text)
    old = {n: r for n, *r in query(db, f"SELECT row_no, {', '.join(ROW_FIELDS)} FROM plan_rows ORDER BY row_no")}

    render_with_row_inserted(path, after=9)  # a new version of the file: row 11 is new
    proc = cchc("ingest", str(path), "--db", str(db))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "6 correction(s) carried over from the previous version" in proc.stderr, proc.stderr[-2000:]
    (new_id,), = query(db, "SELECT doc_id FROM documents WHERE is_current")
    assert new_id != old_id
    new = {n: r for n, *r in query(db, f"SELECT row_no, {', '.join(ROW_FIELDS)} FROM plan_rows WHERE doc_id = ? "
                                      "ORDER BY row_no", [new_id])}
    assert len(new) == len(old) + 1
    for row_no, (name, text) in fixed.items():
        moved = row_no if row_no <= 10 else row_no + 1
        got = dict(zip(ROW_FIELDS, new[moved]))
        assert got[name] == text, (row_no, name)
        # the rest of that row is the row the correction was made on (stt renumbered after the insert)
        same = {f: v for f, v in zip(ROW_FIELDS, old[row_no]) if f not in (name, "stt")}
        assert {f: got[f] for f in same} == same
    assert "sửa hàng" not in " ".join(v or "" for v in new[11])  # the inserted row holds none
    assert query(db, "SELECT count(*) FROM corrections WHERE doc_id = ? AND action = 'carry'", [new_id]) == [(6,)]


def test_corrections_csv_moves_between_databases(reference, tmp_path):
    (row_id,), = query(reference, "SELECT min(row_id) FROM plan_rows JOIN documents USING (doc_id) WHERE is_current")
    assert cchc("correct", row_id, "note", "ghi chú của nhóm", "--db", str(reference)).returncode == 0
    shared = tmp_path / "shared.csv"
    proc = cchc("corrections", "export", str(shared), "--db", str(reference))
    assert proc.returncode == 0 and "1 correction line(s) written" in proc.stderr
    other = tmp_path / "other.duckdb"
    shutil.copyfile(reference, other)
    assert cchc("correct", row_id, "note", "--undo", "--db", str(other)).returncode == 0
    assert query(other, "SELECT note FROM plan_rows WHERE row_id = ?", [row_id]) == [("",)]
    proc = cchc("corrections", "import", str(shared), "--db", str(other))
    assert "0 correction line(s) added, 1 already present" in proc.stderr  # its own line: the undo stays
    fresh = tmp_path / "fresh.duckdb"
    shutil.copyfile(reference, fresh)
    with duckdb.connect(str(fresh)) as con:
        con.execute("DELETE FROM corrections")
        con.execute("UPDATE plan_rows SET note = '', corrected = NULL, verified = NULL WHERE row_id = ?", [row_id])
    proc = cchc("corrections", "import", str(shared), "--db", str(fresh))
    assert proc.returncode == 0 and "1 correction line(s) added" in proc.stderr, proc.stderr
    assert query(fresh, "SELECT note FROM plan_rows WHERE row_id = ?", [row_id]) == [("ghi chú của nhóm",)]


def test_hostile_corrections_are_refused_in_one_line_or_stored_inert(reference):
    (row_id,), = query(reference, "SELECT min(row_id) FROM plan_rows JOIN documents USING (doc_id) WHERE is_current")
    for args, message in (
            ((row_id, "password", "x"), "error unknown field 'password'"),
            (("0000000000000000:1", "task", "x"), "error no row '0000000000000000:1' in the database"),
            (("1 OR 1=1", "task", "x"), "a row id is doc_id:row_no"),
            ((row_id, "task", "x" * 100_000), "error text too long: 100000 characters, at most 10000"),
            ((row_id, "lead_agency", "so-noi-vu"), "give the mention")):
        proc = cchc("correct", *args, "--db", str(reference))
        assert proc.returncode == 1 and message in proc.stderr, proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1
    assert query(reference, "SELECT count(*) FROM corrections") == [(0,)]
    script = "<script>alert(1)</script>"
    assert cchc("correct", row_id, "note", script, "--db", str(reference)).returncode == 0
    assert query(reference, "SELECT note FROM plan_rows WHERE row_id = ?", [row_id]) == [(script,)]
