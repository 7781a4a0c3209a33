"""`cchc`: the command line over the pipeline.

`cchc ingest` runs in-process by default: the same stage functions the Prefect flow
runs as tasks, with no orchestration start-up (an ephemeral Prefect API costs 12–40 s
per process here). `--prefect` runs the Prefect flow instead (`make run` does), and when
`PREFECT_API_URL` names a running Prefect server the flow is used automatically so the
run is recorded there.
"""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


def _console():
    """The stderr console every message goes to (rich imported on first use: `cchc repair`
    without --explain never needs it)."""
    global _CONSOLE
    if _CONSOLE is None:
        from rich.console import Console

        _CONSOLE = Console(stderr=True, soft_wrap=True)  # one line per message, whatever the width
    return _CONSOLE


_CONSOLE = None


def _error_line(message: str) -> None:
    """One error line on stderr (markup in `message` escaped)."""
    from rich.markup import escape

    _console().print(f"[red]error[/red] {escape(' '.join(message.split()))}", highlight=False)


def _fast_repair_args(args: list[str]) -> tuple[Path | None, bool] | None:
    """(file, explain) when `args` (after "repair") are only an optional file and an
    optional --explain; None for anything else (--help, other options), which typer parses."""
    explain = "--explain" in args
    rest = [a for a in args if a != "--explain"]
    if len(rest) > 1 or any(a.startswith("-") for a in rest) or args.count("--explain") > 1:
        return None
    return (Path(rest[0]) if rest else None), explain


class _RepairFailed(Exception):
    """An expected failure of `cchc repair` (unreadable file, no text): one line, exit 1."""


def _repair(file: Path | None, explain: bool) -> None:
    """`cchc repair`'s work: read, decode, repair, write (typer's command and the fast path
    both call it). Raises `_RepairFailed` with the one-line reason."""
    from normalizers.repair import repair_text
    from pipeline.textfile import NotText, decode_text

    name = str(file) if file else "standard input"
    try:
        data = file.read_bytes() if file else sys.stdin.buffer.read()
    except IsADirectoryError:
        raise _RepairFailed(f"{name}: is a folder, not a text file")
    except OSError as err:
        raise _RepairFailed(f"{name}: {err.strerror or err}")
    try:
        text, read_as = decode_text(data)
    except NotText as err:
        raise _RepairFailed(f"{name}: {err}")
    result = repair_text(text, explain=explain)
    sys.stdout.write(result.text + ("\n" if not result.text.endswith("\n") else ""))
    if explain:
        console_ = _console()
        if read_as != "utf-8":
            console_.print(f"read as {read_as}")
        console_.print(f"mode: {result.mode}" + (f", encoding: {result.encoding}" if result.encoding else ""))
        for change in result.changes:
            mark = " [yellow]flagged[/yellow]" if change.flagged else ""
            console_.print(f"{change.step:10s} {change.original!r} → {change.new!r}  {change.confidence:.2f}{mark}")
        for change in result.flagged:
            if change not in result.changes:
                console_.print(f"{change.step:10s} {change.original!r} kept  {change.confidence:.2f} [yellow]flagged[/yellow]")


def _repair_and_exit(file: Path | None, explain: bool, whole_process: bool = False) -> None:
    """The one fast path of `cchc repair [FILE] [--explain]`: no typer parsing (it builds a
    pydantic adapter per parameter, ≈ 0.15 s) and, run as a script, neither typer nor rich
    imported (≈ 0.13 s more of a 1 s run). Exits the way `main` does: 0; 1 with one line;
    130 on Ctrl-C; 1 naming a log file for anything unexpected.

    `whole_process` (the command run as a script, not called in a test's process): the
    decoder shares its batches with a forked process when there are two cores
    (`normalizers.decode.WORKERS`); the cyclic garbage collector is off (the repair makes
    ~10⁵ small containers — tokens, candidates, changes — that live until it ends: the
    collections only traversed them, 8 % of the instructions of a 17k-syllable run); a
    successful run leaves by `os._exit` once its output is flushed (no teardown, 2 %)."""
    # the repair uses no BLAS: OpenBLAS starting a thread per core at numpy's import is
    # 0.03–0.1 s of CPU on this 2-core machine (unless the caller chose a number)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if whole_process:
        import gc

        gc.disable()
    with _exit_codes():
        try:
            if whole_process:   # the decoder may fork: only a process that is this command alone
                from normalizers import decode

                decode.WORKERS = min(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                                     else os.cpu_count() or 1)
            _repair(file, explain)
            sys.stdout.flush()
            sys.stderr.flush()
        except _RepairFailed as err:
            _error_line(str(err))
            raise SystemExit(1)
    if whole_process:
        os._exit(0)
    raise SystemExit(0)


@contextmanager
def _exit_codes() -> Iterator[None]:
    """How every `cchc` command ends on what it did not expect: Ctrl-C is "interrupted"
    and exit 130; any other error one line naming a log file with the traceback, exit 1
    (a `SystemExit` passes through)."""
    try:
        yield
    except KeyboardInterrupt:
        _console().print("interrupted")
        raise SystemExit(130)
    except Exception as err:
        log = _log_traceback(err)
        _error_line(f"unexpected {type(err).__name__}: {err}; the traceback is in {log}")
        raise SystemExit(1)


def _log_traceback(err: BaseException) -> Path:
    """Write the traceback of an unexpected error to a log file; return its path
    (CCHC_LOG_DIR, else ~/.cache/cchc/logs, else the temporary folder)."""
    import datetime as dt
    import tempfile
    import traceback

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    text = f"cchc {' '.join(sys.argv[1:])}\n\n" + "".join(traceback.format_exception(err))
    candidates = [os.environ.get("CCHC_LOG_DIR"), Path.home() / ".cache" / "cchc" / "logs",
                  Path(tempfile.gettempdir()) / "cchc-logs"]
    for folder in filter(None, candidates):
        try:
            folder = Path(folder)
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"cchc-{stamp}-{os.getpid()}.log"
            path.write_text(text, encoding="utf-8")
            return path
        except OSError:
            continue
    raise err


if (__name__ == "__main__" or os.path.basename(sys.argv[0]) == "cchc") and sys.argv[1:2] == ["repair"]:
    _fast = _fast_repair_args(sys.argv[2:])
    if _fast is not None:
        _repair_and_exit(*_fast, whole_process=True)


import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Vietnamese CCHC plan PDFs → clean rows in DuckDB.")
console = _console()
#: --db's help: where the database is when the option is not given (pipeline/dbpath.py).
DB_HELP = ("DuckDB file. Default: the file named by the CCHC_DB environment variable, else "
           "data/clean/plans.duckdb; a relative default is taken from the top folder of the "
           "cchc-pipeline checkout you are in (else from the current folder).")
WAIT_HELP = "Seconds to wait while another process holds the database (the command says it is waiting)."


def _fail(message: str, code: int = 1) -> typer.Exit:
    """Print one error line (markup in `message` escaped) and return the Exit to raise."""
    _error_line(message)
    return typer.Exit(code)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _say(message: str) -> None:
    from rich.markup import escape

    console.print(escape(message), highlight=False)


def _database(db: Path | None, write: bool) -> Path:
    """The database a command uses (`--db`, else CCHC_DB, else the default: named on
    standard error), checked before anything opens it: a folder, or an existing file that
    is no DuckDB database (a PDF given as --db), is refused in one line; so is a missing
    file for a command that only reads."""
    from pipeline.dbpath import resolve_db
    from schemas import store

    path, origin = resolve_db(db)
    if origin != "--db":
        _say(f"database: {path} ({'from CCHC_DB' if origin == 'CCHC_DB' else 'default'})")
    store.wait_notice = lambda message: _say(f"waiting: {message}")
    if path.is_dir():
        raise _fail(f"{path}: is a folder, not a database file (give the file, e.g. --db {path / 'plans.duckdb'})")
    if path.is_file():
        try:
            with path.open("rb") as fh:
                head = fh.read(16)
        except OSError as err:
            raise _fail(f"{path}: cannot read the database file: {err.strerror or err}")
        if head and head[8:12] != b"DUCK":
            what = " (it is a PDF: plans are given as arguments, the database with --db)" \
                if head.startswith(b"%PDF") else ""
            raise _fail(f"{path}: not a DuckDB database file{what}")
    elif not write:
        raise _fail(f"{path}: no such database file")
    return path


@contextmanager
def _database_errors(db: Path) -> Iterator[None]:
    """Expected failures of a command using the database, each as one line naming the file:
    held by another process (exit 2), not openable (read-only file, no permission, not a
    database: exit 1), an output that cannot be written (exit 1)."""
    import duckdb

    from schemas.store import DatabaseLocked

    try:
        yield
    except DatabaseLocked as err:
        raise _fail(str(err), 2)
    except duckdb.Error as err:
        text = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        if "read-only" in text.lower() or "permission denied" in text.lower():
            text = "cannot write the database: permission denied (a read-only file or folder)"
        raise _fail(f"{db}: {text}")
    except OSError as err:
        where = err.filename or db
        raise _fail(f"{where}: {err.strerror or err}")


def _open_for_writing(db: Path, wait: float) -> None:
    """Open the database for writing once (created and migrated if needed) before any
    work, so a file that cannot be written is refused first, in one line."""
    from schemas import store

    store.connect(db, wait=wait).close()


@contextmanager
def _reading(db: Path) -> Iterator[None]:
    """For commands that only read the database: `_database_errors`."""
    with _database_errors(db):
        yield


def _version_callback(value: bool) -> None:
    if value:
        from pipeline.stages import pipeline_version

        print(f"cchc {pipeline_version()}")
        raise typer.Exit(0)


@app.callback()
def _cchc(version: bool = typer.Option(False, "--version", callback=_version_callback, is_eager=True,
                                       help="Print the version of cchc-pipeline and exit.")) -> None:
    """Vietnamese CCHC plan PDFs → clean rows in DuckDB (see README.md)."""


def _summary(results, db: Path | None = None) -> int:
    """The per-document table, one totals line naming the database, one line per failure
    and warning; the exit code. Piped or logged (not a terminal), the table is printed at
    its full width: names are never cut."""
    from rich.markup import escape

    table = Table(title="ingest summary", show_lines=False)
    numbers = ("pages", "rows", "doubtful", "unresolved agencies", "unparsed timelines")
    for col in ("document", "result", "status", *numbers):
        table.add_column(col, justify="right" if col in numbers else "left", overflow="fold")
    for r in results:
        style = {"failed": "red", "unchanged": "dim", "interrupted": "yellow"}.get(
            r.status, "magenta" if r.doc_status == "partial" else "")
        table.add_row(escape(r.path.name), r.status, r.doc_status, str(r.page_count), str(r.row_count),
                      str(r.doubtful), str(r.unresolved_mentions), str(r.unparsed_timelines), style=style)
    if console.is_terminal:
        console.print(table)
    else:  # a log or a pipe: the table's natural width, whatever COLUMNS says
        from rich.measure import Measurement

        wide = Console(file=console.file, width=10_000, no_color=console.no_color)
        width = Measurement.get(wide, wide.options, table).maximum
        Console(file=console.file, width=max(width, console.width), no_color=console.no_color,
                color_system=None).print(table)
    failed = [r for r in results if r.status == "failed"]
    stopped = [r for r in results if r.status == "interrupted"]
    partial = [r for r in results if r.status not in ("failed", "interrupted") and r.doc_status == "partial"]
    console.print(
        f"{len(results)} document(s): {sum(r.status == 'loaded' for r in results)} loaded"
        + (f" ({len(partial)} partial: rows missing)" if partial else "") + ", "
        f"{sum(r.status == 'unchanged' for r in results)} unchanged, {len(failed)} failed"
        + (f", {len(stopped)} interrupted" if stopped else "") + "; "
        f"{sum(r.row_count for r in results)} rows, {sum(r.doubtful for r in results)} doubtful"
        + (f"; database {escape(str(db))}" if db is not None else ""), highlight=False
    )
    for r in failed:
        console.print(f"[red]failed[/red] {escape(r.error or '')}", highlight=False)
    for r in stopped:
        console.print(f"[yellow]interrupted[/yellow] {escape(r.error or '')}", highlight=False)
    for r in results:
        for e in r.events:
            if (e.level != "info" or e.stage in ("corrections", "lineage")) and r.status != "failed":
                where = f" page {e.page}" if e.page else ""
                console.print(f"[yellow]{e.level}[/yellow] {escape(r.path.name)}{where}: {escape(e.message)}",
                              highlight=False)
    for r in partial:
        console.print(f"[magenta]partial[/magenta] {escape(r.path.name)}: {r.row_count} rows loaded, rows are "
                      "missing (warnings above)", highlight=False)
    return 1 if failed else (3 if partial else 0)


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="PDF or Word (.docx, .doc) files, or folders holding them "
                                         "(searched with their subfolders)."),
    db: Path = typer.Option(None, "--db", help=DB_HELP + " Created if missing."),
    prefect: bool = typer.Option(False, "--prefect", help="Run through the Prefect flow "
                                 "(automatic when PREFECT_API_URL is set)."),
    workers: int = typer.Option(2, "--workers", min=1, help="Documents extracted in parallel, and OCR threads "
                                "per document (threads: Tesseract runs in its own processes)."),
    dask: str = typer.Option(None, "--dask", metavar="ADDRESS", help="Run the Prefect flow's extraction tasks "
                             "on the running Dask cluster at ADDRESS (tcp://host:8786); implies --prefect."),
    wait: float = typer.Option(30.0, "--wait", help=WAIT_HELP),
    recursive: bool = typer.Option(True, "--recursive/--no-recursive", help="Search folders' subfolders too "
                                   "(the default), or only the folders given."),
    password: str = typer.Option(None, "--password", envvar="CCHC_PDF_PASSWORD", show_envvar=True,
                                 help="Password of encrypted PDFs (also read from CCHC_PDF_PASSWORD; PDFs that "
                                      "need none open as before)."),
    timeout: float = typer.Option(600.0, "--timeout", min=1, help="Seconds one document may take; past it the "
                                  "document fails."),
) -> None:
    """Extract the appendix rows of plan PDFs and load them into DuckDB.

    Re-running is safe: files already loaded (same SHA-256, same pipeline version) are
    skipped, and the file last ingested at a path is its current version. The summary
    names the database. Exits 1 when any document failed, 2 when the database stayed
    locked or an argument is wrong, 3 when none failed but some document is partial (rows
    known to be missing).

    Example: cchc ingest data/raw --db data/clean/plans.duckdb --workers 2
    """
    for p in paths:
        if p.suffix.lower() == ".duckdb":
            raise _fail(f"{p}: a database given as an input file; to load into it, give it with --db {p}", 2)
    from pipeline.ingest import expand_paths
    from pipeline.stages import PASSWORD_ENV

    target = _database(db, write=True)
    files = expand_paths(paths, recursive, on_empty=lambda folder: console.print(
        f"[yellow]warning[/yellow] {_escape(str(folder))}: no PDF or Word file in this folder"
        + (" or its subfolders" if recursive else " (subfolders not searched: --no-recursive)"), highlight=False))
    if not files:
        raise _fail("nothing to ingest: no PDF or Word file in " + ", ".join(str(p) for p in paths))
    if password:
        os.environ[PASSWORD_ENV] = password  # for the flow's tasks too (never a flow parameter)
    with _database_errors(target):
        _open_for_writing(target, wait)
        code = _run_batch(files, target, prefect or bool(dask), workers, dask, wait, "cli", timeout=timeout)
    raise typer.Exit(code)


@app.command()
def reextract(
    db: Path = typer.Option(None, "--db", help=DB_HELP),
    all_documents: bool = typer.Option(False, "--all", help="Re-extract every current document, whatever its "
                                       "version."),
    older_than: str = typer.Option(None, "--older-than", metavar="VERSION", help="Re-extract the documents "
                                   "extracted by a pipeline version older than VERSION, e.g. 0.2.0 (default: "
                                   "this pipeline's version)."),
    workers: int = typer.Option(2, "--workers", min=1, help="As for ingest."),
    prefect: bool = typer.Option(False, "--prefect", help="Run through the Prefect flow."),
    wait: float = typer.Option(30.0, "--wait", help=WAIT_HELP),
) -> None:
    """Re-extract documents already loaded, from their source files (documents.file_path).

    New rows replace the old ones atomically, per document; the old rows stay in
    plan_rows_history. A file that is gone or now fails keeps its rows (reported, exit 1).

    Example: cchc reextract --older-than 0.2.0
    """
    from packaging.version import InvalidVersion, Version

    from pipeline.reextract import stale_documents

    if all_documents and older_than:
        raise _fail("give --all or --older-than, not both", 2)
    if older_than is not None:
        try:
            Version(older_than)
        except InvalidVersion:
            raise _fail(f"--older-than {older_than!r}: not a version number (examples: 0.2.0, 1.0)", 2)
    target = _database(db, write=False)  # must exist: nothing to re-extract otherwise
    with _database_errors(target):
        _open_for_writing(target, wait)
        paths = stale_documents(target, None if all_documents else (older_than or "current"), wait=wait)
        if not paths:
            _say("nothing to re-extract: every current document is up to date")
            raise typer.Exit(0)
        _say(f"re-extracting {len(paths)} document(s)")
        code = _run_batch(paths, target, prefect, workers, None, wait, "reextract", replace=True)
    raise typer.Exit(code)


@app.command()
def serve(
    inbox: Path = typer.Option(Path("data/raw"), "--inbox", help="Folder watched for plan PDFs."),
    db: Path = typer.Option(None, "--db", help=DB_HELP + " Created if missing."),
    every: str = typer.Option(None, "--every", help="Interval between runs: 90s, 15m, 1h, 1d."),
    cron: str = typer.Option(None, "--cron", help="A cron schedule instead, e.g. '0 2 * * *' (02:00 every day)."),
    workers: int = typer.Option(2, "--workers", min=1, help="As for ingest."),
    state: Path = typer.Option(Path("data/prefect"), "--state", help="The local Prefect server's state "
                               "folder (unused when PREFECT_API_URL names a server)."),
    port: int = typer.Option(None, "--port", help="Port of the local Prefect server (default: a free one)."),
) -> None:
    """Ingest the inbox on a schedule until stopped (Ctrl-C / SIGTERM).

    Serves the Prefect deployment 'ingest-plans/inbox': each run loads new or changed
    PDFs of the inbox and skips known ones. Uses the Prefect server PREFECT_API_URL names,
    else starts a local one on 127.0.0.1 (state under --state) and stops it on exit. A
    wrong --every or --cron is refused before any server starts.

    Example: cchc serve --inbox data/raw --every 1h
    """
    from pipeline.serve import ServerError, parse_cron, parse_interval, prefect_server, serve_inbox

    if bool(every) == bool(cron):
        raise _fail("give one of --every or --cron", 2)
    try:
        interval = parse_interval(every) if every else None
        if cron:
            parse_cron(cron)
    except ValueError as err:
        raise _fail(f"{'--every' if every else '--cron'}: {err}", 2)
    if not inbox.is_dir():
        raise _fail(f"{inbox}: inbox folder not found")
    target = _database(db, write=True)
    if not os.environ.get("PREFECT_API_URL"):
        _say(f"starting a local Prefect server (state in {state.resolve()}; this takes up to a minute)")
    try:
        with prefect_server(state, port) as api_url:
            _say(f"serving 'ingest-plans/inbox' on {api_url}: {inbox} → {target}, "
                 + (f"every {interval}" if interval else f"cron '{cron}'")
                 + "; a first run now, then one line per run")
            serve_inbox(inbox, target, interval, cron, workers)
    except ServerError as err:
        raise _fail(str(err))
    except KeyboardInterrupt:
        pass
    _say("stopped")


def _run_batch(paths: list[Path], db: Path, prefect: bool, workers: int, dask: str | None, wait: float,
               trigger: str, replace: bool = False, timeout: float = 600.0) -> int:
    """One batch in-process or as the Prefect flow; the summary; the exit code."""
    from schemas.store import DatabaseLocked

    try:
        if prefect or os.environ.get("PREFECT_API_URL"):
            from pipeline.flows import run_ingest

            console.print("running the Prefect flow 'ingest-plans'"
                          + ("" if os.environ.get("PREFECT_API_URL") else " (ephemeral local API)")
                          + (f" on the Dask cluster at {dask}" if dask else f", {workers} worker thread(s)"))
            results = run_ingest([str(p) for p in paths], str(db), wait, workers, dask, trigger, replace,
                                 timeout=timeout)
        else:
            with _interruptible():
                results = _ingest_in_process(paths, db, wait, workers, trigger, replace, timeout)
    except DatabaseLocked as err:
        _fail(str(err))
        return 2
    code = _summary(results, db)
    from pipeline.stages import STOP

    if STOP.is_set():  # Ctrl-C: what was complete is loaded; say so and leave now (OCR may still run)
        done = sum(r.status == "loaded" for r in results)
        _say(f"interrupted: {done} document(s) loaded before stopping; run the same command again for the rest")
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(130)
    return code


@contextmanager
def _interruptible() -> Iterator[None]:
    """Ctrl-C during an in-process batch: the first one stops taking new pages, the
    documents already extracted are loaded, the command says so and exits 130 (see
    `_run_batch`); a second one quits at once (`os._exit`, no clean-up that could crash
    in native code). The database stays consistent either way (one transaction per
    document)."""
    import signal

    from pipeline.stages import STOP

    def on_sigint(signum, frame) -> None:
        if STOP.is_set():
            os.write(2, b"\ninterrupted again: quitting now\n")
            os._exit(130)
        STOP.set()
        # a signal handler must not take the console's lock: plain write to the descriptor
        os.write(2, b"\ninterrupted: no new page is read; loading the documents already extracted "
                    b"(Ctrl-C again to quit at once)\n")

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _ingest_in_process(paths: list[Path], db: Path, wait: float, workers: int, trigger: str = "cli",
                       replace: bool = False, timeout: float = 600.0):
    """The batch with a progress bar for documents and one for the pages read so far."""
    from pipeline.ingest import expand_paths, ingest_paths

    files = expand_paths(paths)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=False, disable=not console.is_terminal) as progress:
        docs = progress.add_task("documents", total=len(files))
        pages = progress.add_task("pages", total=None)
        seen: dict[Path, tuple[int, int]] = {}

        def on_document(path: Path, done: int, count: int) -> None:
            progress.update(docs, completed=done, description=f"documents [bold]{path.name}[/bold]")

        def on_page(path: Path, done: int, total: int) -> None:
            seen[path] = (done, total)
            progress.update(pages, completed=sum(d for d, _ in seen.values()),
                            total=sum(t for _, t in seen.values()))

        return ingest_paths(files, db, on_document, on_page, wait=wait, workers=workers, trigger=trigger,
                            replace=replace, timeout=timeout)


@app.command()
def repair(
    file: Path = typer.Argument(None, help="Text file to repair (default: standard input). UTF-8, UTF-16 "
                                "with a byte-order mark, or the bytes of TCVN3 or VNI text."),
    explain: bool = typer.Option(False, "--explain", help="List every changed or flagged token with its "
                                 "confidence (on standard error)."),
) -> None:
    """Repair Vietnamese text: legacy encodings (TCVN3, VNI), Unicode, OCR confusions and
    lost diacritics. Writes the repaired text, as UTF-8, to standard output.

    A file in another encoding is refused in one line.

    Example: echo "Cai cach hanh chinh tinh Ninh Binh" | cchc repair --explain
    """
    _repair_and_exit(file, explain)


@app.command("build-lm")
def build_lm(out: Path = typer.Option(None, "--out", help="Model folder (default: build/lm).")) -> None:
    """Build the syllable language model used to restore diacritics (about a minute;
    also built automatically on first use). Trains on ../shared/corpus (or the folder
    named by CCHC_CORPUS) and the reference truth files; no download."""
    from normalizers.lm_build import build

    report = build(out)
    console.print(report)


@app.command()
def export(
    fmt: str = typer.Option(..., "--format", metavar="[csv|parquet|xlsx]",
                            help="The file format. csv: one UTF-8 file with BOM per table (Excel shows "
                                 "Vietnamese right); parquet: one file per table, column types kept; "
                                 "xlsx: one workbook cchc_export.xlsx, one sheet per table."),
    out: Path = typer.Option(..., "--out", help="Folder to write into (created if missing)."),
    db: Path = typer.Option(None, "--db", help=DB_HELP + " Opened read-only."),
    all_versions: bool = typer.Option(False, "--all-versions",
                                      help="Export every version of every document, not only the current ones."),
    wait: float = typer.Option(30.0, "--wait", help=WAIT_HELP),
) -> None:
    """Export the database for analysts: tables rows, documents, agencies, row_agencies,
    document_pages, one file (or Excel sheet) each.

    `rows` is plan_rows with the document's file_name, plan_number, period and
    issued_date, and the lead / coordinating agencies (registry ids and names,
    |-separated). Only current document versions unless --all-versions.

    CSV files are UTF-8 with a byte-order mark, so Excel opens Vietnamese text right.

    Exits 1 when the database file does not exist or cannot be read, 2 when another
    process holds it.

    Example: cchc export --format xlsx --out exports/ --db data/clean/plans.duckdb
    """
    formats = ("csv", "parquet", "xlsx")
    if fmt.lower() not in formats:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(formats)}", param_hint="--format")
    from rich.markup import escape

    from pipeline.export import export_database

    db = _database(db, write=False)
    with _reading(db):
        written = export_database(db, out, fmt.lower(), all_versions=all_versions, wait=wait)
    for w in written:  # one line each, never wrapped: easy to read and to grep
        where = escape(str(w.path) + (f" (sheet {w.sheet})" if w.sheet else ""))
        console.print(f"{w.table:<15} {w.rows:>7} rows  {where}", highlight=False)
    scope = "all versions" if all_versions else "current documents"
    console.print(f"{len(written)} table(s), {sum(w.rows for w in written)} rows ({scope}) written to "
                  f"{len({w.path for w in written})} file(s) in {escape(str(out))}", highlight=False)


@app.command()
def report(
    doc: str = typer.Argument(None, metavar="DOC",
                              help="One document: a doc_id (or its first digits), a file name or a path "
                                   "(default: every current document). A name that matches nothing gets the "
                                   "closest names as suggestions."),
    db: Path = typer.Option(None, "--db", help=DB_HELP + " Opened read-only."),
    html: Path = typer.Option(None, "--html", help="Also write the report as one self-contained HTML file, "
                              "with an image crop of every doubtful cell beside its text."),
    changes: bool = typer.Option(False, "--changes", help="Instead of the review: what DOC changes against the "
                                 "plans it is linked to (`cchc lineage`): rows carried (the earlier plan's row "
                                 "beside each, and whether lead agency, timeline or product changed), new, dropped; with --html, also as "
                                 "an HTML page."),
    wait: float = typer.Option(30.0, "--wait", help=WAIT_HELP),
) -> None:
    """Review extracted plans: doubtful cells, unresolved agencies, unparsed timelines.

    Per document (every current one, or DOC): the plan, its status, how each
    page was read, rows per section, every doubtful row (confidence < 0.8)
    with the cell that made it doubtful and its text, unresolved agency
    mentions, unparsed timelines and the events of the run that extracted it.
    Plain text when piped.

    With --changes (DOC required): per plan DOC is linked to, its rows carried over,
    new and dropped (with --html, also as an HTML page).

    Exits 1 when the database or DOC is not found, 2 when the database is locked.

    Example: cchc report plan2026.pdf --html review.html; cchc report plan2026.pdf --changes
    """
    from rich.markup import escape

    from pipeline.report import DocumentNotFound, build_report, print_report
    from pipeline.report_html import write_html

    db = _database(db, write=False)
    if changes:
        from pipeline.report_changes import build_changes, print_changes

        if doc is None:
            raise _fail("--changes needs DOC: the plan whose changes to list", 2)
        with _reading(db):
            try:
                chosen, pairs = build_changes(db, doc, wait=wait)
            except DocumentNotFound as err:
                raise _fail(f"{db}: {err}")
            print_changes(chosen, pairs)
            if html is not None:
                from pipeline.report_changes import write_changes_html

                written = write_changes_html(chosen, pairs, html)
        if html is not None:
            console.print(f"wrote {escape(str(written))} (the changes of {escape(chosen['file_name'])})")
        return
    with _reading(db):
        try:
            model = build_report(db, doc, wait=wait)
        except DocumentNotFound as err:
            raise _fail(f"{db}: {err}")
        print_report(model)
        if html is not None:
            written = write_html(model, html)
    if html is not None:
        cells = sum(len(d.doubtful_cells) for d in model.documents)
        console.print(f"wrote {escape(str(written))} ({len(model.documents)} document(s), "
                      f"{cells} doubtful cell(s) with their page crops)")


@app.command()
def lineage(
    db: Path = typer.Option(None, "--db", help=DB_HELP),
    wait: float = typer.Option(30.0, "--wait", help=WAIT_HELP),
) -> None:
    """(Re)compute the task links between the current plans of each issuer.

    An annual (or half-year) plan is linked to the multi-year plans covering it
    (`implements`) and to the issuer's previous annual plan (`continues`); the rows are
    linked by the Splink model and rules of pipeline/data/lineage_model.json. Writes plan_links and
    row_links (links of pairs no longer current are removed). Ingest does this by itself
    for the issuers of the plans it loads; run it after `cchc review` corrections or a
    new model. Plans whose period cannot be read are listed and left out.

    Exits 2 when the database is locked.

    Example: cchc lineage --db data/clean/plans.duckdb; then cchc report plan2026.pdf --changes
    """
    from pipeline.lineage import link_current
    from schemas import store

    target = _database(db, write=False)
    with _database_errors(target):
        with store.connect(target, wait=wait) as con:
            from pipeline.stages import prepare_database

            prepare_database(con)
            done, skipped = link_current(con)
    for p in done:
        _say(f"{p.later.file_name} {p.relation} {p.earlier.file_name}: {p.carried} of {p.rows} rows linked "
             f"({p.links} links)")
    for plan in skipped:
        _say(f"{plan.file_name}: not linked, its period ({plan.period or 'blank'}) names no year")
    if not done:
        _say("no pair of plans to link (plans of one issuer: an annual plan and a multi-year or earlier annual one)")


def _show(text: str | None, limit: int = 120) -> str:
    text = text or ""
    return repr(text if len(text) <= limit else text[:limit - 1] + "…")


@app.command()
def correct(
    row_id: str = typer.Argument(..., metavar="ROW_ID", help="The row: plan_rows.row_id (doc_id:row_no)."),
    field: str = typer.Argument(..., metavar="FIELD", help="A plan_rows text field (task, lead_text, "
                                "timeline_text …), or lead_agency / coord_agency to pick the registry agency of "
                                "a mention (with --mention)."),
    text: str = typer.Argument(None, metavar="TEXT", help="The corrected text (for lead_agency / coord_agency: "
                               "the registry agency_id). Not with --verify or --undo."),
    db: Path = typer.Option(None, "--db", help=DB_HELP),
    note: str = typer.Option(None, "--note", help="Why, in words (kept with the correction)."),
    author: str = typer.Option(None, "--author", help="Who (default: CCHC_AUTHOR, else the login name)."),
    mention: str = typer.Option(None, "--mention", help="For lead_agency / coord_agency: the mention, as written "
                                "in the cell, to pick the agency for."),
    verify: bool = typer.Option(False, "--verify", help="Mark the cell verified: its text is right as shown."),
    undo: bool = typer.Option(False, "--undo", help="Undo the last change made to the cell."),
    wait: float = typer.Option(30.0, "--wait", help=WAIT_HELP),
) -> None:
    """Correct one cell of a plan row; the correction survives every re-extraction.

    The row shows the corrected text at once (plan_rows, row_agencies, reports, exports);
    the text as extracted is kept (plan_rows.corrected) and the change is a new line of the
    corrections table (append-only: --undo adds a line too). A corrected lead or
    coordinating cell is resolved to agencies again, a corrected timeline parsed again.

    Exits 1 when the row, the field or the text is refused (one line saying why).

    Example: cchc correct 3f2a9c0d1e4b5a6c:12 timeline_text "Quý III năm 2026" --note "OCR read Quý II"
    """
    from schemas import corrections, store

    if verify and undo:
        raise _fail("give --verify or --undo, not both", 2)
    if (verify or undo) and text is not None:
        raise _fail(f"no TEXT with --{'verify' if verify else 'undo'}", 2)
    if not (verify or undo) and text is None:
        raise _fail("give the corrected TEXT (or --verify, or --undo)", 2)
    target = _database(db, write=False)
    with _database_errors(target):
        con = store.connect(target, wait=wait)
        try:
            if undo:
                corrections.check_field(field)
                line = corrections.undo(con, row_id, field, mention=mention, author=author)
                if line is None:
                    raise _fail(f"row {row_id} {field}: nothing to undo")
            else:
                line = corrections.record(con, row_id, field, text, verify=verify, mention=mention, author=author,
                                          note=note)
            shown = con.execute(f"SELECT {field if field in corrections.ROW_FIELDS else 'row_id'} FROM plan_rows "
                                "WHERE row_id = ?", [row_id]).fetchall()
        except corrections.CorrectionError as err:
            raise _fail(str(err))
        finally:
            con.close()
    if line.role:
        _say(f"row {row_id} {field}: {line.extracted_text!r} → {line.corrected_text or '(as resolved)'} "
             f"({line.status})")
    else:
        _say(f"row {row_id} {field}: {line.status}; shows {_show(shown[0][0] if shown else '')}"
             + (f" (as extracted: {_show(line.extracted_text)})" if (shown and shown[0][0] != line.extracted_text)
                else ""))


@app.command()
def review(
    db: Path = typer.Option(None, "--db", help=DB_HELP),
    port: int = typer.Option(8765, "--port", min=0, max=65535, help="Port to listen on (0: a free one)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on. Another than 127.0.0.1 (e.g. "
                             "0.0.0.0 for colleagues) requires a token, printed at start."),
    read_only: bool = typer.Option(False, "--read-only", help="Show everything, change nothing."),
    author: str = typer.Option(None, "--author", help="Name recorded with the corrections made here (default: "
                               "CCHC_AUTHOR, else the login name)."),
    wait: float = typer.Option(30.0, "--wait", help=WAIT_HELP),
) -> None:
    """Review and correct the extracted plans in the browser (a small local web app).

    Opens on the doubtful cells of the current documents (low confidence, agency not in
    the registry, timeline not understood, corrections a re-extraction flagged), each
    beside its crop of the page; any document's rows can be browsed page by page. Edit a
    cell, mark it verified, pick the agency of a mention, undo: every change is a
    correction (as with cchc correct) and survives re-extraction. Keys: j/k next/previous
    cell, e edit, Ctrl-Enter save, v verify, u undo.

    The database is opened per request, so cchc ingest is never locked out for long.

    Example: cchc review --db data/clean/plans.duckdb
    """
    from schemas import corrections, store

    target = _database(db, write=False)
    with _database_errors(target):
        if not read_only:
            _open_for_writing(target, wait)  # the corrections table added if missing
        else:
            con = store.connect(target, read_only=True, wait=wait)
            try:
                ready = corrections.has_table(con)
            finally:
                con.close()
            if not ready:
                raise _fail(f"{target}: no corrections table yet: run cchc review once without --read-only "
                            "(or any cchc ingest) to add it")
    from pipeline.review import serve as serve_review

    try:
        serve_review(target, host, port, read_only=read_only, author=author, say=_say)
    except OSError as err:
        raise _fail(f"--host {host} --port {port}: cannot listen: {err.strerror or err}")
    except KeyboardInterrupt:
        pass
    _say("stopped")


corrections_app = typer.Typer(no_args_is_help=True, help="Share corrections: export them to CSV, import them "
                              "from a CSV (another database's, a team member's).")
app.add_typer(corrections_app, name="corrections")


@corrections_app.command("export")
def corrections_export(
    file: Path = typer.Argument(..., metavar="FILE.csv", help="CSV file to write (UTF-8 with a byte-order mark)."),
    db: Path = typer.Option(None, "--db", help=DB_HELP + " Opened read-only."),
    wait: float = typer.Option(30.0, "--wait", help=WAIT_HELP),
) -> None:
    """Write every line of the corrections table (oldest first) to a CSV file.

    Example: cchc corrections export team/corrections.csv
    """
    from schemas import corrections, store

    target = _database(db, write=False)
    with _database_errors(target):
        con = store.connect(target, read_only=True, wait=wait)
        try:
            if not corrections.has_table(con):
                count = 0
                corrections_csv_header(file)
            else:
                count = corrections.export_csv(con, file)
        finally:
            con.close()
    _say(f"{count} correction line(s) written to {file}")


def corrections_csv_header(file: Path) -> None:
    import csv

    from schemas.corrections import COLUMNS

    with open(file, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerow([*COLUMNS, "file_name"])


@corrections_app.command("import")
def corrections_import(
    file: Path = typer.Argument(..., metavar="FILE.csv", help="A CSV written by `cchc corrections export`."),
    db: Path = typer.Option(None, "--db", help=DB_HELP),
    wait: float = typer.Option(30.0, "--wait", help=WAIT_HELP),
) -> None:
    """Add the correction lines of a CSV file that this database does not hold (by
    correction_id; importing twice adds nothing) and apply them to the documents loaded
    with the same bytes. All or nothing: a malformed line is refused, naming it.

    Example: cchc corrections import team/corrections.csv
    """
    from schemas import corrections, store

    if not file.is_file():
        raise _fail(f"{file}: no such file")
    target = _database(db, write=False)
    with _database_errors(target):
        con = store.connect(target, wait=wait)
        try:
            added, present, docs = corrections.import_csv(con, file)
        except corrections.CorrectionError as err:
            raise _fail(str(err))
        except UnicodeDecodeError:
            raise _fail(f"{file}: not UTF-8 text")
        finally:
            con.close()
    _say(f"{added} correction line(s) added, {present} already present; applied to {len(docs)} loaded document(s)")


def _reflow(doc: str | None) -> str | None:
    """A docstring as help text: each paragraph one line (the terminal wraps it), so no
    line breaks in mid-sentence; blank lines between paragraphs kept."""
    import inspect

    if not doc:
        return doc
    paragraphs = inspect.cleandoc(doc).split("\n\n")
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines()) for p in paragraphs)


for _command in [*app.registered_commands, *corrections_app.registered_commands]:
    _command.help = _reflow(_command.help or _command.callback.__doc__)


def main(argv: list[str] | None = None) -> None:
    """The `cchc` command. Expected failures are one line and an exit code (1, or 2 for a
    wrong argument or a locked database); anything unexpected is one line naming a log
    file that holds the traceback (exit 1)."""
    args = sys.argv[1:] if argv is None else list(argv)
    fast = _fast_repair_args(args[1:]) if args[:1] == ["repair"] else None
    if fast is not None:
        _repair_and_exit(*fast)            # the fast path (as when run as a script)
    with _exit_codes():
        app(args=argv, prog_name="cchc")


if __name__ == "__main__":
    main()
