"""DuckDB storage: migrations, the one-transaction-per-document load, and which version
of a plan is current.

A document is keyed by the SHA-256 of its bytes (`doc_id` = its first 16 hex digits).
Loading the same bytes again with the same pipeline version changes nothing (a `partial`
document counts as loaded; a `failed` one is tried again); loading them with another
version (`cchc reextract`) replaces the rows, and the replaced rows move to
`plan_rows_history` in the same transaction. All writes for one document happen in one
transaction, so a failure leaves the database exactly as it was.

Versions (`documents.is_current`) are set in one place, `mark_current`, called in the
transaction of every successful load and of every "unchanged" sighting of known bytes:

- current = the newest *successful* (status `ok` or `partial`) ingest of a file path (the
  resolved absolute path), whatever bytes that path held before: bytes A, then B, then A
  again at the same path make A current again (A's sighting is an ingest too);
- a plan with the same issuer and plan number (both known) ingested at another path
  supersedes the older one as well (a re-issued or re-scanned plan);
- the same bytes at another path (a renamed or moved file) stay one document, whose
  `file_name` / `file_path` follow the file to where it was seen last;
- a `failed` ingest is recorded but never current, and never un-currents a version that
  worked; a failed extraction of bytes already loaded keeps their rows.
"""
from __future__ import annotations

import json
import re
import time
from contextlib import contextmanager
from dataclasses import asdict
from importlib import resources
from pathlib import Path
from typing import Callable, Iterator

import duckdb
import pandas as pd

from schemas import corrections
from schemas.records import ROW_FIELDS, DocumentRecord, PlanRow

_MIGRATION = re.compile(r"^-- migrate:(\d{3}) (.+)$", re.MULTILINE)

DOCUMENT_COLUMNS = (
    "doc_id", "sha256", "file_name", "file_path", "title", "plan_number", "issued_date",
    "issuer", "period", "page_count", "text_source", "status", "error", "extracted_at",
    "pipeline_version", "is_current", "raw", "source_format",
)
PAGE_COLUMNS = ("page", "text_source", "rules_source", "reason", "words", "mark_share", "valid_share",
                "image_cover", "skew_degrees", "tables", "needs_repair", "ocr_text")
ROW_COLUMNS = ("row_id", "doc_id", "row_no", *ROW_FIELDS, "page_first", "page_last", "method", "confidence",
               "due_start", "due_end", "recurrence", "timeline_parsed", "raw", "cell_boxes", "extra")
LINK_COLUMNS = ("row_id", "agency_id", "role", "mention", "score", "method", "flagged")
#: plan_rows columns a person's corrections write (schemas/corrections.py), kept in history too.
REVIEW_COLUMNS = ("corrected", "verified", "extracted_confidence")


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
    """Apply the migrations not yet recorded, all in one transaction with their
    `schema_migrations` rows; return the versions applied. All or nothing: a process
    killed (or a migration failing) half-way leaves the schema as it was — on a first run,
    no table at all — and the next open applies them again."""
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
            "name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
        )
        done = {v for (v,) in con.execute("SELECT version FROM schema_migrations").fetchall()}
        applied = []
        for version, name, sql in migrations():
            if version in done:
                continue
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
            applied.append(version)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return applied


#: Document statuses that count as a successful ingest (loaded, may be current).
GOOD = ("ok", "partial")


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


class DatabaseLocked(RuntimeError):
    """Another process holds the database file (DuckDB allows one writer)."""


#: Called once with a sentence when `connect` starts waiting for another process's lock
#: (the `cchc` commands set it to print the sentence); None: wait silently.
wait_notice: Callable[[str], None] | None = None


def connect(path: str | Path, read_only: bool = False, wait: float = 30.0,
            on_wait: Callable[[str], None] | None = None) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) a pipeline database, migrated to the current schema.

    While another process holds the file, retry for up to `wait` seconds (saying so once
    through `on_wait`, default `wait_notice`), then raise `DatabaseLocked` naming the file.
    """
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    notice = on_wait or wait_notice
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            break
        except duckdb.IOException as err:
            if "lock" not in str(err).lower():
                raise
            holder = re.search(r"PID (\d+)", str(err))
            who = f" by process {holder.group(1)}" if holder else ""
            if time.monotonic() >= deadline:
                raise DatabaseLocked(f"{path}: database is in use{who}; waited {wait:.0f} s "
                                     "(give more with --wait SECONDS)") from None
            if notice is not None:
                notice(f"{path}: database is in use{who}; waiting up to {wait:.0f} s")
                notice = None
            time.sleep(0.2)
    if not read_only:
        try:
            migrate(con)
        except BaseException:
            con.close()
            raise
    return con


def find_document(con: duckdb.DuckDBPyConnection, sha256: str) -> dict | None:
    cur = con.execute("SELECT * FROM documents WHERE sha256 = ?", [sha256])
    names = [d[0] for d in cur.description]
    row = cur.fetchall()
    return dict(zip(names, row[0])) if row else None


def is_loaded(con: duckdb.DuckDBPyConnection, sha256: str, pipeline_version: str) -> bool:
    """True when this pipeline version already loaded these bytes with status `ok` or
    `partial` (extracting a partial document again would give the same rows; a `failed`
    one is tried again)."""
    known = find_document(con, sha256)
    return bool(known and known["status"] in GOOD and known["pipeline_version"] == pipeline_version)


def mark_current(con: duckdb.DuckDBPyConnection, doc_id: str, file_path: str | Path | None = None) -> bool:
    """The one place `is_current` is set: the document `doc_id` was just ingested (loaded,
    or its bytes seen again) at `file_path` (default: its recorded path).

    Its `file_path` / `file_name` become that path; if its status is `ok` or `partial` it
    becomes current, and every other document last seen at the same path, or with the
    same issuer and plan number (both non-NULL), stops being current. A `failed` document
    is never current and changes no other. Returns whether the document is current.

    Runs inside the caller's transaction (the load's, or `see_document`'s), so a version
    change is never half-written.
    """
    found = con.execute("SELECT status, file_path, issuer, plan_number FROM documents WHERE doc_id = ?",
                        [doc_id]).fetchall()
    if not found:
        raise KeyError(f"no document {doc_id}")
    status, path, issuer, number = found[0]
    if file_path is not None:
        path = str(file_path)
        con.execute("UPDATE documents SET file_path = ?, file_name = ? WHERE doc_id = ?",
                    [path, Path(path).name, doc_id])
    if status not in GOOD:
        con.execute("UPDATE documents SET is_current = FALSE WHERE doc_id = ?", [doc_id])
        return False
    con.execute(
        "UPDATE documents SET is_current = (doc_id = ?) WHERE doc_id = ? OR file_path = ? "
        "OR (? IS NOT NULL AND ? IS NOT NULL AND issuer = ? AND plan_number = ?)",
        [doc_id, doc_id, path, issuer, number, issuer, number])
    return True


def see_document(con: duckdb.DuckDBPyConnection, sha256: str, file_path: str | Path,
                 pipeline_version: str) -> dict | None:
    """The "unchanged" fast path: when this pipeline version already loaded these bytes
    (`is_loaded`), record that they were ingested again at `file_path` (`mark_current`,
    one transaction) and return the document's row; else None and nothing written."""
    if not is_loaded(con, sha256, pipeline_version):
        return None
    with _transaction(con):
        mark_current(con, sha256[:16], file_path)
    return find_document(con, sha256)


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
                  replace: bool = False, messages: list[tuple[str, str]] | None = None) -> str:
    """Write one document and its rows atomically; rows it replaces go to history.

    Returns "unchanged" when the same bytes were already loaded by this pipeline version
    (unless `replace`; they are marked as seen again at `doc.file_path`), "kept" when `doc`
    failed but these bytes were loaded before with rows (nothing is written: a failed
    extraction never replaces rows that worked), otherwise "loaded". The version model
    (`mark_current`) is applied in the same transaction. Raises (after rolling back) on any
    database error.
    """
    if not replace and see_document(con, doc.sha256, doc.file_path, doc.pipeline_version):
        return "unchanged"
    if doc.status not in GOOD:
        known = find_document(con, doc.sha256)
        if known and known["status"] in GOOD:
            return "kept"
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
            kept = (*ROW_COLUMNS, *REVIEW_COLUMNS)
            con.execute(f"INSERT INTO plan_rows_history ({', '.join(kept)}, pipeline_version, extracted_at, "
                        f"superseded_at) SELECT {', '.join('p.' + c for c in kept)}, "
                        "d.pipeline_version, d.extracted_at, ? FROM plan_rows p JOIN documents d USING (doc_id) "
                        "WHERE p.doc_id = ?", [_now(), doc_id])
            con.execute("DELETE FROM row_agencies WHERE row_id IN (SELECT row_id FROM plan_rows WHERE doc_id = ?)",
                        [doc_id])
            con.execute("DELETE FROM plan_rows WHERE doc_id = ?", [doc_id])
            con.execute("DELETE FROM document_pages WHERE doc_id = ?", [doc_id])
            con.execute("DELETE FROM documents WHERE doc_id = ?", [doc_id])
            con.execute(
                f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(DOCUMENT_COLUMNS))})",
                [doc_id, doc.sha256, values["file_name"], values["file_path"], values["title"],
                 values["plan_number"], values["issued_date"], values["issuer"], values["period"],
                 values["page_count"], values["text_source"], values["status"], values["error"],
                 values["extracted_at"], values["pipeline_version"], False,
                 json.dumps(doc.raw, ensure_ascii=False) if doc.raw else None, doc.source_format],
            )
            before = _current_ids(con)
            mark_current(con, doc_id)
            superseded = before - _current_ids(con)
            con.execute(f"INSERT INTO plan_rows ({', '.join(ROW_COLUMNS)}) "
                        f"SELECT {', '.join(ROW_COLUMNS)} FROM _rows_to_load")
            con.execute(f"INSERT INTO row_agencies ({', '.join(LINK_COLUMNS)}) "
                        f"SELECT {', '.join(LINK_COLUMNS)} FROM _links_to_load")
            if doc.pages:
                con.executemany(
                    f"INSERT INTO document_pages (doc_id, {', '.join(PAGE_COLUMNS)}) VALUES (?{', ?' * len(PAGE_COLUMNS)})",
                    [[doc_id, *(getattr(p, c) for c in PAGE_COLUMNS)] for p in doc.pages])
            outcome = corrections.reapply(con, doc_id, sorted(superseded))
            if messages is not None:
                messages.extend(outcome.messages())
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        con.unregister("_rows_to_load")
        con.unregister("_links_to_load")
    return "loaded"


def _current_ids(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {d for (d,) in con.execute("SELECT doc_id FROM documents WHERE is_current").fetchall()}


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


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, ok: int, partial: int, failed: int,
               interrupted: bool = False) -> None:
    status = "failed" if failed and not (ok or partial) else ("partial" if failed or partial else "ok")
    if interrupted:
        status = "interrupted"
    con.execute("UPDATE runs SET finished_at = ?, status = ?, docs_ok = ?, docs_partial = ?, docs_failed = ? "
                "WHERE run_id = ?", [_now(), status, ok, partial, failed, run_id])


def _now():
    import datetime as dt

    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
