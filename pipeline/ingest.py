"""In-process ingest: the stages of `pipeline.stages`, one document after another.

This is what `cchc ingest` runs by default: no orchestration start-up cost (the Prefect
flow in `pipeline.flows` runs the same stage functions as tasks). A document already
loaded by this pipeline version (same SHA-256) is skipped before extraction.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

import duckdb

from extractors.document import DocumentError
from pipeline.stages import (
    IngestResult,
    PageCallback,
    extract,
    load,
    finish_run,
    open_source,
    pipeline_version,
    prepare_database,
    record_failure,
    record_result,
    result_of,
    unchanged_result,
)
from schemas import store

DocumentCallback = Callable[[Path, int, int], None]  # (path, index, count) before each document


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders → their *.pdf files (sorted, not recursive)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(x for x in p.iterdir() if x.suffix.lower() == ".pdf" and x.is_file()))
        else:
            out.append(p)
    return out


def ingest_one(con: duckdb.DuckDBPyConnection, path: Path, on_page: PageCallback | None = None) -> IngestResult:
    """Open, skip if known, extract, load one document; bad input becomes a failed result."""
    try:
        source = open_source(path)
    except DocumentError as err:
        return record_failure(con, path, err)
    try:
        known = unchanged_result(con, path, source)
        if known is not None:
            return known
        extraction = extract(source, on_page)
    finally:
        source.close()
    load(con, extraction)
    return result_of(path, extraction)


def ingest_paths(paths: Iterable[str | Path], db: str | Path, on_document: DocumentCallback | None = None,
                 on_page: PageCallback | None = None, wait: float = 30.0) -> list[IngestResult]:
    """Ingest files (or folders of PDFs) into `db`; waits up to `wait` seconds while
    another process holds the database, then raises `store.DatabaseLocked`."""
    files = expand_paths(paths)
    with store.connect(db, wait=wait) as con:
        prepare_database(con)
        run_id = store.start_run(con, "cli", pipeline_version())
        results = []
        for i, path in enumerate(files):
            if on_document:
                on_document(path, i, len(files))
            result = ingest_one(con, path, on_page)
            record_result(con, run_id, result)
            results.append(result)
        finish_run(con, run_id, results)
        return results


def ingest_file(path: str | Path, db: str | Path) -> IngestResult:
    (result,) = ingest_paths([path], db)
    return result
