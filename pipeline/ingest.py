"""In-process ingest: the stages of `pipeline.stages` over a batch of files.

This is what `cchc ingest` runs by default: no orchestration start-up cost (the Prefect
flow in `pipeline.flows` runs the same stage functions as tasks). Files whose bytes this
pipeline version already loaded are skipped before extraction; the others are extracted
by `workers` threads (documents in parallel; each document's pages OCR'd by `workers`
threads) and loaded one at a time by this thread, the database's only writer.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from functools import partial
from pathlib import Path
from typing import Callable, Iterable

from pipeline.stages import (
    DEFAULT_TIMEOUT,
    DocumentTimeout,
    IngestResult,
    extract_path,
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


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders → their *.pdf files (sorted, not recursive)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(x for x in p.iterdir() if x.suffix.lower() == ".pdf" and x.is_file()))
        else:
            out.append(p)
    return out


def ingest_paths(paths: Iterable[str | Path], db: str | Path, on_document: DocumentCallback | None = None,
                 on_page: PagesCallback | None = None, wait: float = 30.0, workers: int = 2,
                 trigger: str = "cli", replace: bool = False, timeout: float | None = DEFAULT_TIMEOUT
                 ) -> list[IngestResult]:
    """Ingest files (or folders of PDFs) into `db`, results in the order given; waits up
    to `wait` seconds while another process holds the database, then raises
    `store.DatabaseLocked`. `replace` re-extracts files already loaded (`cchc reextract`).
    A document still extracting after `timeout` seconds fails (None: no limit)."""
    files = expand_paths(paths)
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
                                       workers, timeout)) for i in todo]
            for i, future in futures:  # in order: the loads are this thread's, one at a time
                # a document waits behind at most `workers` others, each within its limit
                if wait_futures([future], None if timeout is None else (timeout + GRACE) * (workers + 1)).done:
                    outcome = future.result()
                else:
                    stuck = True
                    outcome = DocumentTimeout(files[i], f"time limit of {timeout:g} s exceeded; the extraction "
                                                        "did not stop and was left behind", stage="extract")
                results[i] = store_outcome(con, run_id, files[i], outcome, replace)
                if on_document:
                    on_document(files[i], len(results), len(files))
        finally:
            pool.shutdown(wait=not stuck, cancel_futures=stuck)
        ordered = [results[i] for i in range(len(files))]
        finish_run(con, run_id, ordered)
        return ordered


def ingest_file(path: str | Path, db: str | Path) -> IngestResult:
    (result,) = ingest_paths([path], db)
    return result
