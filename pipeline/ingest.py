"""In-process ingest: the stages of `pipeline.stages` over a batch of files.

This is what `cchc ingest` runs by default: no orchestration start-up cost (the Prefect
flow in `pipeline.flows` runs the same stage functions as tasks). Files whose bytes this
pipeline version already loaded are skipped before extraction; the others are extracted
by `workers` threads (documents in parallel; each document's pages OCR'd by `workers`
threads) and loaded one at a time by this thread, the database's only writer, which opens
the database for each load and closes it after (readers are never locked out for long).
"""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from functools import partial
from pathlib import Path
from typing import Callable, Iterable

from pipeline.stages import (
    DEFAULT_TIMEOUT,
    DocumentTimeout,
    IngestResult,
    Interrupted,
    interrupted_result,
    extract_path,
    link_loaded,
    finish_run,
    known_results,
    pipeline_version,
    prepare_database,
    store_outcome,
)
from schemas import store

#: Seconds past a document's time limit before the batch stops waiting for it: the
#: extraction checks its limit between pages and while waiting for OCR, so only a call
#: stuck inside PDFium would run on (its result is then dropped).
GRACE = 30.0

DocumentCallback = Callable[[Path, int, int], None]  # (path, documents done, count) after each document
PagesCallback = Callable[[Path, int, int], None]  # (path, pages done, page count) as pages are read


def expand_paths(paths: Iterable[str | Path], recursive: bool = True,
                 on_empty: Callable[[Path], None] | None = None) -> list[Path]:
    """Files as given; folders → the PDF and Word files (.pdf, .docx, .doc, any case) in
    them and, unless `recursive` is False, in their subfolders (sorted by path; hidden
    files and folders, and Word's "~$" lock files, skipped). A folder with none of them
    is passed to `on_empty`."""
    from pipeline.word import INPUT_SUFFIXES

    out: list[Path] = []
    for p in map(Path, paths):
        if not p.is_dir():
            out.append(p)
            continue
        found = []
        for folder, dirs, names in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if recursive else []
            found.extend(Path(folder) / n for n in names
                         if Path(n).suffix.lower() in INPUT_SUFFIXES and not n.startswith((".", "~$"))
                         and (Path(folder) / n).is_file())
        if not found and on_empty is not None:
            on_empty(p)
        out.extend(sorted(found))
    return out


def ingest_paths(paths: Iterable[str | Path], db: str | Path, on_document: DocumentCallback | None = None,
                 on_page: PagesCallback | None = None, wait: float = 30.0, workers: int = 2,
                 trigger: str = "cli", replace: bool = False, recursive: bool = True,
                 password: str | None = None, timeout: float | None = DEFAULT_TIMEOUT) -> list[IngestResult]:
    """Ingest files (or folders of PDFs) into `db`, results in the order given; waits up
    to `wait` seconds while another process holds the database, then raises
    `store.DatabaseLocked`. `replace` re-extracts files already loaded (`cchc reextract`);
    `recursive` and `password` as for `expand_paths` and `stages.open_source`. A document
    still extracting after `timeout` seconds fails (None: no limit).

    The database is held only while writing: once to plan the batch (record the run, skip
    known files), once per document to load it, once to finish the run; never while
    extracting, so readers (`cchc report`, `cchc export`, a notebook) get in between."""
    files = expand_paths(paths, recursive)
    workers = max(1, workers)
    with store.connect(db, wait=wait) as con:
        prepare_database(con)
        run_id = store.start_run(con, trigger, pipeline_version())
        results = known_results(con, files, replace)
    todo = [i for i in range(len(files)) if i not in results]
    if on_document:
        for done, i in enumerate(sorted(results), start=1):
            on_document(files[i], done, len(files))
    pool = ThreadPoolExecutor(max_workers=workers)
    stuck = False
    try:
        futures = [(i, pool.submit(extract_path, files[i], on_page and partial(on_page, files[i]),
                                   workers, password, timeout)) for i in todo]
        for i, future in futures:  # in order: the loads are this thread's, one at a time
            # a document waits behind at most `workers` others, each within its limit
            if wait_futures([future], None if timeout is None else (timeout + GRACE) * (workers + 1)).done:
                try:
                    outcome = future.result()
                except Interrupted:  # Ctrl-C: this one was not finished; those done are still loaded
                    results[i] = interrupted_result(files[i])
                    continue
            else:
                stuck = True
                outcome = DocumentTimeout(files[i], f"time limit of {timeout:g} s exceeded; the extraction "
                                                    "did not stop and was left behind", stage="extract")
            with store.connect(db, wait=wait) as con:
                results[i] = store_outcome(con, run_id, files[i], outcome, replace)
            if on_document:
                on_document(files[i], len(results), len(files))
    finally:
        pool.shutdown(wait=not stuck, cancel_futures=stuck)
    ordered = [results[i] for i in range(len(files))]
    with store.connect(db, wait=wait) as con:
        link_loaded(con, run_id, ordered)
        finish_run(con, run_id, ordered)
    return ordered


def ingest_file(path: str | Path, db: str | Path) -> IngestResult:
    (result,) = ingest_paths([path], db)
    return result
