"""`cchc export` on the reference database: every format reads back with the same rows
and the Vietnamese text intact; exit codes."""
import datetime as dt
import re
import shutil
import subprocess
import sys
import unicodedata

import duckdb
import pandas as pd
import pytest

from pipeline.export import TABLES, XLSX_NAME

CCHC = [sys.executable, "-m", "pipeline.cli"]
FORMATS = ("csv", "parquet", "xlsx")
#: Columns of the `rows` export that analysts rely on (more may follow).
ROW_COLUMNS = ("row_id", "doc_id", "file_name", "plan_number", "period", "issued_date", "is_current",
               "row_no", "section_title", "task", "lead_text", "page_first", "page_last", "method",
               "confidence", "due_start", "due_end", "lead_agency_ids", "lead_agencies",
               "coord_agency_ids", "coord_agencies", "unresolved_mentions")


def cchc(*args):
    return subprocess.run([*CCHC, *args], capture_output=True, text=True, timeout=300)


def expected_counts(db, all_versions=False):
    """Row count of each exported table, straight from the database."""
    current = "TRUE" if all_versions else "d.is_current"
    con = duckdb.connect(str(db), read_only=True)
    try:
        sql = {
            "rows": f"SELECT count(*) FROM plan_rows r JOIN documents d USING (doc_id) WHERE {current}",
            "documents": f"SELECT count(*) FROM documents d WHERE {current}",
            "agencies": "SELECT count(*) FROM agencies",
            "row_agencies": "SELECT count(*) FROM row_agencies ra JOIN plan_rows r USING (row_id) "
                            f"JOIN documents d USING (doc_id) WHERE {current}",
            "document_pages": f"SELECT count(*) FROM document_pages p JOIN documents d USING (doc_id) WHERE {current}",
        }
        return {table: con.execute(q).fetchall()[0][0] for table, q in sql.items()}
    finally:
        con.close()


@pytest.fixture(scope="module")
def db_rows(reference_db):
    """task, lead_text and the lead agency ids of every current row, by row_id."""
    db, _ = reference_db
    con = duckdb.connect(str(db), read_only=True)
    try:
        frame = con.execute("""
            SELECT r.row_id, r.task, r.lead_text,
                   (SELECT list(ra.agency_id ORDER BY ra.agency_id) FROM row_agencies ra
                    WHERE ra.row_id = r.row_id AND ra.role = 'lead' AND ra.agency_id IS NOT NULL) AS leads
            FROM plan_rows r JOIN documents d USING (doc_id) WHERE d.is_current""").df()
    finally:
        con.close()
    return frame.set_index("row_id")


@pytest.fixture(scope="module")
def exported(reference_db, tmp_path_factory):
    """Each format exported once through the command: {format: (folder, stderr)}."""
    db, _ = reference_db
    out = {}
    for fmt in FORMATS:
        folder = tmp_path_factory.mktemp(f"export_{fmt}")
        proc = cchc("export", "--format", fmt, "--out", str(folder), "--db", str(db))
        assert proc.returncode == 0, proc.stderr
        out[fmt] = folder, proc.stderr
    return out


def read_back(fmt, folder):
    """{table: DataFrame} read from the exported files; text cells as str, NULL as ''."""
    if fmt == "csv":
        return {t: pd.read_csv(folder / f"{t}.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
                for t in TABLES}
    if fmt == "parquet":
        return {t: pd.read_parquet(folder / f"{t}.parquet") for t in TABLES}
    from openpyxl import load_workbook

    book = load_workbook(folder / XLSX_NAME, read_only=True)
    frames = {}
    for t in TABLES:
        values = list(book[t].values)
        frames[t] = pd.DataFrame(values[1:], columns=values[0])
    book.close()
    return frames


def text(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_table_round_trips(reference_db, exported, db_rows, fmt):
    db, _ = reference_db
    folder, log = exported[fmt]
    frames = read_back(fmt, folder)
    counts = expected_counts(db)
    assert {t: len(f) for t, f in frames.items()} == counts
    assert counts["rows"] == len(db_rows) > 0
    for table, count in counts.items():  # what was written: per table, its file and row count
        assert re.search(rf"^{table} +{count} rows +{re.escape(str(folder))}/", log, re.M), log

    rows = frames["rows"].set_index("row_id")
    assert set(ROW_COLUMNS) - {"row_id"} <= set(rows.columns)
    assert set(rows.index) == set(db_rows.index)
    # the text exactly as stored, Vietnamese intact
    for column in ("task", "lead_text"):
        got = rows[column].map(text)
        want = db_rows[column].map(text).reindex(got.index)
        assert (got == want).all(), column
    # agency ids aggregated per row agree with row_agencies
    got_leads = rows["lead_agency_ids"].map(lambda v: sorted(text(v).split("|")) if text(v) else [])
    want_leads = db_rows["leads"].map(lambda v: list(v) if v is not None else []).reindex(got_leads.index)
    assert (got_leads == want_leads).all()
    led_by_noi_vu = rows[rows["lead_agency_ids"].map(lambda v: "so-noi-vu" in text(v).split("|"))]
    assert len(led_by_noi_vu) == sum("so-noi-vu" in leads for leads in want_leads) > 0
    assert led_by_noi_vu["lead_agencies"].map(lambda v: "Sở Nội vụ" in text(v).split("|")).all()
    assert "Sở Nội vụ" in set(frames["agencies"]["name"])
    for frame in frames.values():
        for column in frame.columns:
            for value in frame[column]:
                if isinstance(value, str):
                    assert unicodedata.is_normalized("NFC", value), (column, value)


def test_csv_has_bom_for_excel(exported):
    folder, _ = exported["csv"]
    for table in TABLES:
        raw = (folder / f"{table}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and not raw.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
        raw.decode("utf-8")
    assert "Sở Nội vụ".encode() in (folder / "agencies.csv").read_bytes()


def test_parquet_keeps_types(exported):
    folder, _ = exported["parquet"]
    con = duckdb.connect()
    described = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(folder / "rows.parquet")]).fetchall()
    types = {name: kind for name, kind, *_ in described}
    assert types["issued_date"] == "DATE" and types["due_end"] == "DATE"
    assert types["confidence"] == "DOUBLE" and types["is_current"] == "BOOLEAN"
    assert types["page_first"] == "INTEGER"


def test_xlsx_one_sheet_per_table_with_frozen_bold_header(exported):
    from openpyxl import load_workbook

    folder, _ = exported["xlsx"]
    assert [p.name for p in folder.iterdir()] == [XLSX_NAME]
    book = load_workbook(folder / XLSX_NAME)
    assert book.sheetnames == list(TABLES)
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
        widths = [sheet.column_dimensions[c.column_letter].width for c in sheet[1]]
        assert all(8 <= w <= 60 for w in widths)
    rows = book["rows"]
    header = [c.value for c in rows[1]]
    task = rows.column_dimensions[rows.cell(row=1, column=header.index("task") + 1).column_letter].width
    assert task == 60  # long text capped
    column = {name: [c.value for c in col[1:]] for name, col in zip(header, rows.iter_cols())}
    assert all(isinstance(v, (int, float)) and 0 <= v <= 1 for v in column["confidence"])  # numbers, not text
    assert any(isinstance(v, dt.datetime) for v in column["issued_date"])  # dates, not text


def test_all_versions(reference_db, tmp_path):
    db, _ = reference_db
    copy = tmp_path / "plans.duckdb"
    shutil.copyfile(db, copy)
    con = duckdb.connect(str(copy))
    (old,) = con.execute("SELECT file_name FROM documents ORDER BY file_name LIMIT 1").fetchall()[0]
    con.execute("UPDATE documents SET is_current = FALSE WHERE file_name = ?", [old])
    con.close()
    current, every = expected_counts(copy), expected_counts(copy, all_versions=True)
    assert current["rows"] < every["rows"] and current["documents"] < every["documents"]

    for flag, want in (((), current), (("--all-versions",), every)):
        out = tmp_path / ("all" if flag else "current")
        proc = cchc("export", "--format", "csv", "--out", str(out), "--db", str(copy), *flag)
        assert proc.returncode == 0, proc.stderr
        frames = read_back("csv", out)
        assert {t: len(f) for t, f in frames.items()} == want
        assert (old in set(frames["rows"]["file_name"])) == bool(flag)


def test_missing_database_is_one_line_and_exit_1(tmp_path):
    out = tmp_path / "out"
    proc = cchc("export", "--format", "csv", "--out", str(out), "--db", str(tmp_path / "nope.duckdb"))
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0 and "no such database file" in proc.stderr
    assert not out.exists() and not (tmp_path / "nope.duckdb").exists()


def test_not_a_database_exit_1(tmp_path):
    bad = tmp_path / "bad.duckdb"
    bad.write_text("not a database")
    proc = cchc("export", "--format", "parquet", "--out", str(tmp_path / "out"), "--db", str(bad))
    assert proc.returncode == 1 and "error" in proc.stderr and "Traceback" not in proc.stderr


def test_unknown_format_exit_2(reference_db, tmp_path):
    db, _ = reference_db
    proc = cchc("export", "--format", "docx", "--out", str(tmp_path / "out"), "--db", str(db))
    assert proc.returncode == 2 and "--format" in proc.stderr
    assert not (tmp_path / "out").exists()
