"""Prefect flow `ingest_plans`: the ingest stages as tasks.

One task per stage (open/hash → read pages → extract rows → normalize → load), each a
thin shell over the plain function in `pipeline.stages`. Only `load` writes DuckDB; it
retries when the database file is locked by another process (a retry can help there),
and nothing retries on a bad PDF (it cannot). With no `PREFECT_API_URL` the flow runs
on Prefect's ephemeral local API (started in-process, no separate server).
"""
from __future__ import annotations

from pathlib import Path

from pipeline import prefect_env

prefect_env.configure()

from prefect import flow, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402

from extractors.document import DocumentError  # noqa: E402
from pipeline import stages  # noqa: E402
from pipeline.ingest import expand_paths  # noqa: E402
from schemas import store  # noqa: E402


@task(name="open-and-hash", cache_policy=NO_CACHE)
def open_task(path: Path):
    return stages.open_source(path)


@task(name="read-pages", cache_policy=NO_CACHE)
def read_pages_task(source):
    return stages.read_pages(source)


@task(name="extract-rows", cache_policy=NO_CACHE)
def extract_rows_task(pages):
    return stages.extract_rows(pages)


@task(name="normalize", cache_policy=NO_CACHE)
def normalize_task(rows, metadata, repair: bool):
    return stages.normalize_rows(rows, metadata, repair)


def _locked(task, task_run, state) -> bool:
    try:
        state.result()
    except store.DatabaseLocked:
        return True
    except Exception:
        return False
    return False


@task(name="load", cache_policy=NO_CACHE, retries=3, retry_delay_seconds=5, retry_condition_fn=_locked)
def load_task(db: str, document, rows) -> str:
    with store.connect(db) as con:
        return store.load_document(con, document, rows)


@task(name="record-failure", cache_policy=NO_CACHE, retries=3, retry_delay_seconds=5, retry_condition_fn=_locked)
def record_failure_task(db: str, path: Path, err: DocumentError) -> stages.IngestResult:
    with store.connect(db) as con:
        return stages.record_failure(con, path, err)


def _unchanged(db: str, path: Path, source) -> stages.IngestResult | None:
    with store.connect(db) as con:
        return stages.unchanged_result(con, path, source)


@flow(name="ingest-plans", log_prints=True)
def ingest_plans(paths: list[str], db: str, wait: float = 30.0) -> list[stages.IngestResult]:
    """Ingest plan PDFs (files or folders of *.pdf) into the DuckDB file `db`."""
    with store.connect(db, wait=wait) as con:
        stages.prepare_database(con)
        run_id = store.start_run(con, "prefect", stages.pipeline_version())
    results = []
    for path in expand_paths(paths):
        try:
            source = open_task(path)
        except DocumentError as err:
            results.append(record_failure_task(db, path, err))
            print(f"failed    {err}")
            continue
        try:
            known = _unchanged(db, path, source)
            if known is not None:
                results.append(known)
                print(f"unchanged {path.name}")
                continue
            pages = read_pages_task(source)
            assembly = extract_rows_task(pages)
            extraction = stages.finish(source, pages, assembly, normalize_task(assembly.rows, pages.metadata,
                                                                          pages.text_source == "repaired"))
        finally:
            source.close()
        load_task(db, extraction.document, extraction.rows)
        result = stages.result_of(path, extraction)
        results.append(result)
        print(f"{result.status:9s} {path.name}: {result.row_count} rows, {result.doubtful} doubtful, "
              f"status {result.doc_status}")
    with store.connect(db) as con:
        for result in results:
            stages.record_result(con, run_id, result)
        stages.finish_run(con, run_id, results)
    return results
