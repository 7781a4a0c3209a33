"""DuckDB storage: migrations and the one-transaction-per-document load.

A document is keyed by the SHA-256 of its bytes (`doc_id` = its first 16 hex digits).
Loading the same bytes again with the same pipeline version changes nothing; loading them
with another version (`cchc reextract`) replaces the rows, and the replaced rows move to
`plan_rows_history` in the same transaction; a different
file under the same name is a new version and the older one is kept with
`is_current = FALSE` (a version that failed to extract is recorded but does not replace
a current one that worked). All writes for one document happen in one transaction, so a failure
leaves the database exactly as it was.
"""
from __future__ import annotations

import json
import re
import time
from dataclasses import asdict
from importlib import resources
from pathlib import Path

import duckdb
import pandas as pd

from schemas.records import ROW_FIELDS, DocumentRecord, PlanRow

_MIGRATION = re.compile(r"^-- migrate:(\d{3}) (.+)$", re.MULTILINE)

DOCUMENT_COLUMNS = (
    "doc_id", "sha256", "file_name", "file_path", "title", "plan_number", "issued_date",
    "issuer", "period", "page_count", "text_source", "status", "error", "extracted_at",
    "pipeline_version", "is_current",
)
PAGE_COLUMNS = ("page", "text_source", "rules_source", "reason", "words", "mark_share", "valid_share",
                "image_cover", "skew_degrees", "tables", "needs_repair")
ROW_COLUMNS = ("row_id", "doc_id", "row_no", *ROW_FIELDS, "page_first", "page_last", "method", "confidence",
               "due_start", "due_end", "recurrence", "timeline_parsed", "raw", "cell_boxes", "extra")
LINK_COLUMNS = ("row_id", "agency_id", "role", "mention", "score", "method", "flagged")


def migrations() -> list[tuple[int, str, str]]:
    """The numbered migrations of schemas/ddl.sql as (version, name, sql)."""
    ddl = resources.files("schemas").joinpath("ddl.sql").read_text(encoding="utf-8")
    marks = list(_MIGRATION.finditer(ddl))
    out = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(ddl)
        out.append((int(m.group(1)), m.group(2).strip(), ddl[m.end():end]))
    return out


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the migrations not yet recorded; return the versions applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
        "name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
    )
    done = {v for (v,) in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for version, name, sql in migrations():
        if version in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied


class DatabaseLocked(RuntimeError):
    """Another process holds the database file (DuckDB allows one writer)."""


def connect(path: str | Path, read_only: bool = False, wait: float = 30.0) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) a pipeline database, migrated to the current schema.

    While another process holds the file, retry for up to `wait` seconds, then raise
    `DatabaseLocked` naming the file.
    """
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            break
        except duckdb.IOException as err:
            if "lock" not in str(err).lower():
                raise
            if time.monotonic() >= deadline:
                holder = re.search(r"PID (\d+)", str(err))
                who = f" by process {holder.group(1)}" if holder else ""
                raise DatabaseLocked(f"{path}: database is in use{who}; waited {wait:.0f} s") from None
            time.sleep(0.5)
    if not read_only:
        migrate(con)
    return con


def find_document(con: duckdb.DuckDBPyConnection, sha256: str) -> dict | None:
    cur = con.execute("SELECT * FROM documents WHERE sha256 = ?", [sha256])
    names = [d[0] for d in cur.description]
    row = cur.fetchall()
    return dict(zip(names, row[0])) if row else None


def is_loaded(con: duckdb.DuckDBPyConnection, sha256: str, pipeline_version: str) -> bool:
    """True when these bytes were already loaded successfully by this pipeline version."""
    known = find_document(con, sha256)
    return bool(known and known["status"] == "ok" and known["pipeline_version"] == pipeline_version)


def rows_frame(doc_id: str, rows: list[PlanRow]) -> pd.DataFrame:
    records = []
    for i, row in enumerate(rows, start=1):
        rec = {"row_id": f"{doc_id}:{i}", "doc_id": doc_id, "row_no": i}
        rec.update(row.fields())
        rec.update(page_first=row.page_first, page_last=row.page_last, method=row.method,
                   confidence=float(row.confidence), due_start=row.due_start, due_end=row.due_end,
                   recurrence=row.recurrence, timeline_parsed=row.timeline_parsed,
                   raw=json.dumps(row.raw, ensure_ascii=False) if row.raw else None,
                   cell_boxes=json.dumps(row.cell_boxes) if row.cell_boxes else None,
                   extra=json.dumps(row.extra, ensure_ascii=False) if row.extra else None)
        records.append(rec)
    frame = pd.DataFrame.from_records(records, columns=list(ROW_COLUMNS))
    return frame.astype({"row_no": "int64", "page_first": "Int64", "page_last": "Int64", "confidence": "float64",
                         "due_start": "datetime64[s]", "due_end": "datetime64[s]", "timeline_parsed": "boolean"})


def links_frame(doc_id: str, rows: list[PlanRow]) -> pd.DataFrame:
    records = [
        {"row_id": f"{doc_id}:{i}", "agency_id": a.agency_id, "role": a.role, "mention": a.mention,
         "score": float(a.score), "method": a.method, "flagged": bool(a.flagged)}
        for i, row in enumerate(rows, start=1) for a in row.agencies
    ]
    return pd.DataFrame.from_records(records, columns=list(LINK_COLUMNS)).astype({"score": "float64", "flagged": "bool"})


def load_document(con: duckdb.DuckDBPyConnection, doc: DocumentRecord, rows: list[PlanRow],
                  replace: bool = False) -> str:
    """Write one document and its rows atomically; rows it replaces go to history.

    Returns "unchanged" when the same bytes were already loaded by this pipeline version
    (unless `replace`), otherwise "loaded". Raises (after rolling back) on any database error.
    """
    if not replace and is_loaded(con, doc.sha256, doc.pipeline_version):
        return "unchanged"
    doc_id = doc.doc_id
    values = asdict(doc)
    values.pop("sha256")
    values.pop("pages")
    frame = rows_frame(doc_id, rows)
    links = links_frame(doc_id, rows)
    con.register("_rows_to_load", frame)
    con.register("_links_to_load", links)
    try:
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(f"INSERT INTO plan_rows_history ({', '.join(ROW_COLUMNS)}, pipeline_version, extracted_at, "
                        f"superseded_at) SELECT {', '.join('p.' + c for c in ROW_COLUMNS)}, "
                        "d.pipeline_version, d.extracted_at, ? FROM plan_rows p JOIN documents d USING (doc_id) "
                        "WHERE p.doc_id = ?", [_now(), doc_id])
            con.execute("DELETE FROM row_agencies WHERE row_id IN (SELECT row_id FROM plan_rows WHERE doc_id = ?)",
                        [doc_id])
            con.execute("DELETE FROM plan_rows WHERE doc_id = ?", [doc_id])
            con.execute("DELETE FROM document_pages WHERE doc_id = ?", [doc_id])
            con.execute("DELETE FROM documents WHERE doc_id = ?", [doc_id])
            current = doc.status != "failed" or not con.execute(
                "SELECT 1 FROM documents WHERE file_name = ? AND is_current AND status <> 'failed' AND doc_id <> ?",
                [doc.file_name, doc_id]).fetchall()
            if current:
                con.execute("UPDATE documents SET is_current = FALSE WHERE file_name = ?", [doc.file_name])
            con.execute(
                f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(DOCUMENT_COLUMNS))})",
                [doc_id, doc.sha256, values["file_name"], values["file_path"], values["title"],
                 values["plan_number"], values["issued_date"], values["issuer"], values["period"],
                 values["page_count"], values["text_source"], values["status"], values["error"],
                 values["extracted_at"], values["pipeline_version"], current],
            )
            con.execute(f"INSERT INTO plan_rows ({', '.join(ROW_COLUMNS)}) "
                        f"SELECT {', '.join(ROW_COLUMNS)} FROM _rows_to_load")
            con.execute(f"INSERT INTO row_agencies ({', '.join(LINK_COLUMNS)}) "
                        f"SELECT {', '.join(LINK_COLUMNS)} FROM _links_to_load")
            if doc.pages:
                con.executemany(
                    f"INSERT INTO document_pages (doc_id, {', '.join(PAGE_COLUMNS)}) VALUES (?{', ?' * len(PAGE_COLUMNS)})",
                    [[doc_id, *(getattr(p, c) for c in PAGE_COLUMNS)] for p in doc.pages])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        con.unregister("_rows_to_load")
        con.unregister("_links_to_load")
    return "loaded"


def start_run(con: duckdb.DuckDBPyConnection, trigger: str, pipeline_version: str) -> str:
    """Record the start of a run; its row stays without `finished_at` if it never ends."""
    import uuid

    run_id = uuid.uuid4().hex[:16]
    con.execute("INSERT INTO runs (run_id, started_at, trigger, pipeline_version) VALUES (?, ?, ?, ?)",
                [run_id, _now(), trigger, pipeline_version])
    return run_id


def record_events(con: duckdb.DuckDBPyConnection, run_id: str, doc_id: str | None, file_name: str,
                  events: list[tuple[str, int | None, str, str]]) -> None:
    """(stage, page, level, message) events of one document in one run."""
    if events:
        con.executemany("INSERT INTO document_events VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [[run_id, doc_id, file_name, stage, page, level, message]
                         for stage, page, level, message in events])


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, ok: int, partial: int, failed: int) -> None:
    status = "failed" if failed and not (ok or partial) else ("partial" if failed or partial else "ok")
    con.execute("UPDATE runs SET finished_at = ?, status = ?, docs_ok = ?, docs_partial = ?, docs_failed = ? "
                "WHERE run_id = ?", [_now(), status, ok, partial, failed, run_id])


def _now():
    import datetime as dt

    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
