"""Prefect flow `ingest_plans`: the batch of `pipeline.ingest` as Prefect tasks.

Files already loaded (same bytes, same pipeline version) are skipped first; the others are
extracted by `extract-document` tasks submitted to the flow's task runner — threads here
(`--workers N`; Tesseract runs in its own processes, so threads parallelise OCR), or a
running Dask cluster (`--dask ADDRESS`, prefect-dask's DaskTaskRunner) — and every result
comes back to the flow, where one `load` task at a time writes DuckDB (single writer). Only
`load` retries, and only when the database file is locked by another process (a retry can
help there); nothing retries on a bad PDF (it cannot). With no `PREFECT_API_URL` the flow
runs on Prefect's ephemeral local API (started in-process, no separate server).
"""
from __future__ import annotations

import sys
from pathlib import Path

from pipeline import prefect_env

prefect_env.configure()

from prefect import flow, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402

from extractors.document import DocumentError  # noqa: E402
from pipeline import stages  # noqa: E402
from pipeline.ingest import expand_paths  # noqa: E402
from schemas import store  # noqa: E402


@task(name="extract-document", cache_policy=NO_CACHE)
def extract_task(path: str, workers: int, timeout: float | None = stages.DEFAULT_TIMEOUT
                 ) -> stages.Extraction | DocumentError:
    return stages.extract_path(Path(path), workers=workers, timeout=timeout)


def _locked(task, task_run, state) -> bool:
    try:
        state.result()
    except store.DatabaseLocked:
        return True
    except Exception:
        return False
    return False


@task(name="load", cache_policy=NO_CACHE, retries=3, retry_delay_seconds=5, retry_condition_fn=_locked)
def load_task(db: str, run_id: str, path: str, outcome, replace: bool, wait: float = 30.0) -> stages.IngestResult:
    with store.connect(db, wait=wait) as con:  # held only while loading this document
        return stages.store_outcome(con, run_id, Path(path), outcome, replace)


@flow(name="ingest-plans", log_prints=True)
def ingest_plans(paths: list[str], db: str, wait: float = 30.0, workers: int = 2, trigger: str = "prefect",
                 replace: bool = False, recursive: bool = True,
                 timeout: float | None = stages.DEFAULT_TIMEOUT) -> list[stages.IngestResult]:
    """Ingest plan PDFs and Word files (files, or folders searched recursively unless
    `recursive` is False) into the DuckDB file `db`. Encrypted PDFs are opened with the
    password in CCHC_PDF_PASSWORD (never a flow parameter: parameters are recorded). A
    document still extracting after `timeout` seconds fails."""
    files = expand_paths(paths, recursive)
    with store.connect(db, wait=wait) as con:
        stages.prepare_database(con)
        run_id = store.start_run(con, trigger, stages.pipeline_version())
        results = stages.known_results(con, files, replace)
    for i in sorted(results):
        print(f"unchanged {files[i].name}")
    futures = {i: extract_task.submit(str(path), workers, timeout) for i, path in enumerate(files) if i not in results}
    for i, future in futures.items():
        result = results[i] = load_task(db, run_id, str(files[i]), future.result(), replace, wait)
        print(f"{result.status:9s} {files[i].name}: {result.row_count} rows, {result.doubtful} doubtful, "
              f"status {result.doc_status}" + (f" ({result.error})" if result.error else ""))
    ordered = [results[i] for i in range(len(files))]
    with store.connect(db, wait=wait) as con:
        stages.link_loaded(con, run_id, ordered)
        stages.finish_run(con, run_id, ordered)
    if trigger == "schedule":  # `cchc serve`: one line per run on its output, whatever the log level
        sys.stderr.write(run_line(run_id, ordered, db) + "\n")
        sys.stderr.flush()
    return ordered


def run_line(run_id: str, results: list[stages.IngestResult], db: str) -> str:
    """One line for a finished run: its time, files new / unchanged / failed, rows."""
    import datetime as dt

    new = sum(r.status == "loaded" for r in results)
    unchanged = sum(r.status == "unchanged" for r in results)
    failed = [r for r in results if r.status == "failed"]
    rows = sum(r.row_count for r in results if r.status == "loaded")
    names = f" ({', '.join(r.path.name for r in failed[:3])}{', …' if len(failed) > 3 else ''})" if failed else ""
    return (f"{dt.datetime.now():%Y-%m-%d %H:%M:%S} run {run_id}: {len(results)} file(s), {new} new, "
            f"{unchanged} unchanged, {len(failed)} failed{names}; {rows} rows loaded; database {db}")


def task_runner(workers: int = 2, dask_address: str | None = None):
    """Threads on this machine, or the Dask cluster at `dask_address` (already running),
    each of its workers with its Prefect API started first (`start_worker_api`)."""
    if dask_address:
        from distributed import Client
        from prefect_dask import DaskTaskRunner

        with Client(dask_address, timeout=30) as client:
            client.run(start_worker_api)
        return DaskTaskRunner(address=dask_address)
    return ThreadPoolTaskRunner(max_workers=max(1, workers))


def start_worker_api() -> str:
    """On a Dask worker: its Prefect API (`PREFECT_API_URL`, else the worker's ephemeral
    server, started here once). Two tasks starting the ephemeral server at once on a
    worker's threads race inside Prefect ("Server process did not start": the second sees
    it marked running before its process exists), so it is started before any task runs."""
    from prefect.settings import PREFECT_API_URL

    if api := PREFECT_API_URL.value():
        return api
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    server.start()
    return server.api_url


def run_ingest(paths: list[str], db: str, wait: float = 30.0, workers: int = 2, dask_address: str | None = None,
               trigger: str = "prefect", replace: bool = False, recursive: bool = True,
               timeout: float | None = stages.DEFAULT_TIMEOUT) -> list[stages.IngestResult]:
    """`ingest_plans` on the task runner the caller asked for."""
    runner = task_runner(workers, dask_address)
    return ingest_plans.with_options(task_runner=runner)(paths, db, wait, workers, trigger, replace, recursive,
                                                         timeout)
