"""`cchc`: the command line over the pipeline.

`cchc ingest` runs in-process by default: the same stage functions the Prefect flow
runs as tasks, with no orchestration start-up (an ephemeral Prefect API costs 12–40 s
per process here). `--prefect` runs the Prefect flow instead (`make run` does), and when
`PREFECT_API_URL` names a running Prefect server the flow is used automatically so the
run is recorded there.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Vietnamese CCHC plan PDFs → clean rows in DuckDB.")
console = Console(stderr=True, soft_wrap=True)  # one line per message, whatever the width
DEFAULT_DB = Path("data/clean/plans.duckdb")


def _fail(message: str, code: int = 1) -> typer.Exit:
    """Print one error line (markup in `message` escaped) and return the Exit to raise."""
    from rich.markup import escape

    console.print(f"[red]error[/red] {escape(' '.join(message.split()))}")
    return typer.Exit(code)


@contextmanager
def _reading(db: Path) -> Iterator[None]:
    """For commands that read the database: a missing, unreadable or locked file (or an
    unwritable output) ends the command with one line naming it; exit 2 when locked."""
    import duckdb

    from schemas.store import DatabaseLocked

    if not db.is_file():
        raise _fail(f"{db}: no such database file")
    try:
        yield
    except DatabaseLocked as err:
        raise _fail(str(err), 2)
    except duckdb.Error as err:
        raise _fail(f"{db}: {err}")
    except OSError as err:
        raise _fail(str(err))


@app.callback()
def _cchc() -> None:
    """Vietnamese CCHC plan PDFs → clean rows in DuckDB (see README.md)."""


def _summary(results) -> int:
    table = Table(title="ingest summary", show_lines=False)
    numbers = ("pages", "rows", "doubtful", "unresolved agencies", "unparsed timelines")
    for col in ("document", "result", "status", *numbers):
        table.add_column(col, justify="right" if col in numbers else "left")
    for r in results:
        style = {"failed": "red", "unchanged": "dim"}.get(r.status, "magenta" if r.doc_status == "partial" else "")
        table.add_row(r.path.name, r.status, r.doc_status, str(r.page_count), str(r.row_count), str(r.doubtful),
                      str(r.unresolved_mentions), str(r.unparsed_timelines), style=style)
    console.print(table)
    failed = [r for r in results if r.status == "failed"]
    partial = [r for r in results if r.status != "failed" and r.doc_status == "partial"]
    console.print(
        f"{len(results)} document(s): {sum(r.status == 'loaded' for r in results)} loaded"
        + (f" ({len(partial)} partial: rows missing)" if partial else "") + ", "
        f"{sum(r.status == 'unchanged' for r in results)} unchanged, {len(failed)} failed; "
        f"{sum(r.row_count for r in results)} rows, {sum(r.doubtful for r in results)} doubtful"
    )
    for r in failed:
        console.print(f"[red]failed[/red] {r.error}")
    for r in results:
        for e in r.events:
            if e.level != "info" and r.status != "failed":
                where = f" page {e.page}" if e.page else ""
                console.print(f"[yellow]{e.level}[/yellow] {r.path.name}{where}: {e.message}")
    for r in partial:
        console.print(f"[magenta]partial[/magenta] {r.path.name}: {r.row_count} rows loaded, rows are missing "
                      "(warnings above)")
    return 1 if failed else (3 if partial else 0)


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="PDF files or folders of PDFs"),
    db: Path = typer.Option(DEFAULT_DB, "--db", help="DuckDB file to load into (created if missing)"),
    prefect: bool = typer.Option(False, "--prefect", help="run through the Prefect flow "
                                 "(automatic when PREFECT_API_URL is set)"),
    workers: int = typer.Option(2, "--workers", min=1, help="documents extracted in parallel, and OCR threads "
                                "per document (threads: Tesseract runs in its own processes)"),
    dask: str = typer.Option(None, "--dask", metavar="ADDRESS", help="run the Prefect flow's extraction tasks "
                             "on the running Dask cluster at ADDRESS (tcp://host:8786); implies --prefect"),
    wait: float = typer.Option(30.0, "--wait", help="seconds to wait while another process holds the database"),
    timeout: float = typer.Option(600.0, "--timeout", min=1, help="seconds one document may take; past it "
                                  "the document fails"),
) -> None:
    """Extract the appendix rows of plan PDFs and load them into DuckDB.

    Re-running is safe: files already loaded (same SHA-256, same pipeline version) are
    skipped; a changed file under the same name becomes the current version. Exits 1
    when any document failed, 2 when the database stayed locked, 3 when none failed
    but some document is partial (rows known to be missing).

    Example: cchc ingest data/raw --db data/clean/plans.duckdb --workers 2
    """
    raise typer.Exit(_run_batch(paths, db, prefect or bool(dask), workers, dask, wait, "cli", timeout=timeout))


@app.command()
def reextract(
    db: Path = typer.Option(DEFAULT_DB, "--db", help="DuckDB file"),
    all_documents: bool = typer.Option(False, "--all", help="every current document, whatever its version"),
    older_than: str = typer.Option(None, "--older-than", metavar="VERSION", help="documents extracted by a "
                                   "pipeline version older than VERSION (default: this pipeline's version)"),
    workers: int = typer.Option(2, "--workers", min=1, help="as for ingest"),
    prefect: bool = typer.Option(False, "--prefect", help="run through the Prefect flow"),
    wait: float = typer.Option(30.0, "--wait", help="seconds to wait while another process holds the database"),
) -> None:
    """Re-extract documents already loaded, from their source files (documents.file_path).

    New rows replace the old ones atomically, per document; the old rows stay in
    plan_rows_history. A file that is gone or now fails keeps its rows (reported, exit 1).

    Example: cchc reextract --older-than 0.2.0
    """
    from pipeline.reextract import stale_documents

    if all_documents and older_than:
        console.print("[red]error[/red] give --all or --older-than, not both")
        raise typer.Exit(2)
    if not db.exists():
        console.print(f"[red]error[/red] {db}: no such database")
        raise typer.Exit(1)
    paths = stale_documents(db, None if all_documents else (older_than or "current"))
    if not paths:
        console.print("nothing to re-extract: every current document is up to date")
        raise typer.Exit(0)
    console.print(f"re-extracting {len(paths)} document(s)")
    raise typer.Exit(_run_batch(paths, db, prefect, workers, None, wait, "reextract", replace=True))


@app.command()
def serve(
    inbox: Path = typer.Option(Path("data/raw"), "--inbox", help="folder watched for plan PDFs"),
    db: Path = typer.Option(DEFAULT_DB, "--db", help="DuckDB file to load into"),
    every: str = typer.Option(None, "--every", help="interval between runs: 90s, 15m, 1h, 1d"),
    cron: str = typer.Option(None, "--cron", help="cron schedule instead, e.g. '0 2 * * *'"),
    workers: int = typer.Option(2, "--workers", min=1, help="as for ingest"),
    state: Path = typer.Option(Path("data/prefect"), "--state", help="the local Prefect server's state "
                               "folder (unused when PREFECT_API_URL names a server)"),
    port: int = typer.Option(None, "--port", help="port of the local Prefect server (default: a free one)"),
) -> None:
    """Ingest the inbox on a schedule until stopped (Ctrl-C / SIGTERM).

    Serves the Prefect deployment 'ingest-plans/inbox': each run loads new or changed
    PDFs of the inbox and skips known ones. Uses the Prefect server PREFECT_API_URL names,
    else starts a local one on 127.0.0.1 (state under --state) and stops it on exit.

    Example: cchc serve --inbox data/raw --every 1h
    """
    from pipeline.serve import ServerError, parse_interval, prefect_server, serve_inbox

    if bool(every) == bool(cron):
        console.print("[red]error[/red] give one of --every or --cron")
        raise typer.Exit(2)
    try:
        interval = parse_interval(every) if every else None
    except ValueError as err:
        console.print(f"[red]error[/red] {err}")
        raise typer.Exit(2)
    if not inbox.is_dir():
        console.print(f"[red]error[/red] {inbox}: inbox folder not found")
        raise typer.Exit(1)
    try:
        with prefect_server(state, port) as api_url:
            console.print(f"serving 'ingest-plans/inbox' on {api_url}: {inbox} → {db}, "
                          + (f"every {interval}" if interval else f"cron '{cron}'"))
            serve_inbox(inbox, db, interval, cron, workers)
    except ServerError as err:
        console.print(f"[red]error[/red] {err}")
        raise typer.Exit(1)
    except KeyboardInterrupt:
        pass
    console.print("stopped")


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
            results = run_ingest([str(p) for p in paths], str(db), wait, workers, dask, trigger, replace, timeout)
        else:
            results = _ingest_in_process(paths, db, wait, workers, trigger, replace, timeout)
    except DatabaseLocked as err:
        console.print(f"[red]error[/red] {err}")
        return 2
    return _summary(results)


def _ingest_in_process(paths: list[Path], db: Path, wait: float, workers: int, trigger: str = "cli",
                       replace: bool = False, timeout: float = 600.0):
    """The batch with a progress bar for documents and one for the pages read so far."""
    from pipeline.ingest import expand_paths, ingest_paths

    files = expand_paths(paths)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=False) as progress:
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
    file: Path = typer.Argument(None, help="UTF-8 text file to repair (default: standard input)"),
    explain: bool = typer.Option(False, "--explain", help="list every changed or flagged token "
                                 "with its confidence (on standard error)"),
) -> None:
    """Repair Vietnamese text: legacy encodings (TCVN3, VNI), Unicode, OCR confusions,
    lost diacritics. Writes the repaired text to standard output.

    Example: echo "Cai cach hanh chinh tinh Ninh Binh" | cchc repair --explain
    """
    import sys

    from normalizers.repair import repair_text

    text = file.read_text(encoding="utf-8") if file else sys.stdin.read()
    result = repair_text(text, explain=explain)
    sys.stdout.write(result.text + ("\n" if not result.text.endswith("\n") else ""))
    if explain:
        console.print(f"mode: {result.mode}" + (f", encoding: {result.encoding}" if result.encoding else ""))
        for change in result.changes:
            mark = " [yellow]flagged[/yellow]" if change.flagged else ""
            console.print(f"{change.step:10s} {change.original!r} → {change.new!r}  {change.confidence:.2f}{mark}")
        for change in result.flagged:
            if change not in result.changes:
                console.print(f"{change.step:10s} {change.original!r} kept  {change.confidence:.2f} [yellow]flagged[/yellow]")


@app.command("build-lm")
def build_lm(out: Path = typer.Option(None, "--out", help="model folder (default: build/lm)")) -> None:
    """Build the syllable language model used to restore diacritics (about a minute;
    also built automatically on first use). Trains on ../shared/corpus (or the folder
    named by CCHC_CORPUS) and the reference truth files; no download."""
    from normalizers.lm_build import build

    report = build(out)
    console.print(report)


@app.command()
def export(
    fmt: str = typer.Option(..., "--format", metavar="[csv|parquet|xlsx]",
                            help="csv: one UTF-8 file with BOM per table (Excel shows Vietnamese right); "
                                 "parquet: one file per table, column types kept; "
                                 "xlsx: one workbook cchc_export.xlsx, one sheet per table"),
    out: Path = typer.Option(..., "--out", help="folder to write into (created if missing)"),
    db: Path = typer.Option(DEFAULT_DB, "--db", help="DuckDB file to export (opened read-only)"),
    all_versions: bool = typer.Option(False, "--all-versions",
                                      help="export every version of every document, not only the current ones"),
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

    with _reading(db):
        written = export_database(db, out, fmt.lower(), all_versions=all_versions)
    for w in written:  # one line each, never wrapped: easy to read and to grep
        where = escape(str(w.path) + (f" (sheet {w.sheet})" if w.sheet else ""))
        console.print(f"{w.table:<15} {w.rows:>7} rows  {where}", highlight=False)
    scope = "all versions" if all_versions else "current documents"
    console.print(f"{len(written)} table(s), {sum(w.rows for w in written)} rows ({scope}) written to "
                  f"{len({w.path for w in written})} file(s) in {escape(str(out))}", highlight=False)


@app.command()
def report(
    doc: str = typer.Argument(None, metavar="DOC",
                              help="one document: a doc_id (or its first digits), file name or path "
                                   "(default: every current document)"),
    db: Path = typer.Option(DEFAULT_DB, "--db", help="DuckDB file to read (opened read-only)"),
    html: Path = typer.Option(None, "--html", help="also write the report as one self-contained HTML file, "
                              "with an image crop of every doubtful cell beside its text"),
) -> None:
    """Review extracted plans: doubtful cells, unresolved agencies, unparsed timelines.

    Per document (every current one, or DOC): the plan, its status, how each
    page was read, rows per section, every doubtful row (confidence < 0.8)
    with the cell that made it doubtful and its text, unresolved agency
    mentions, unparsed timelines and the events of the run that extracted it.
    Plain text when piped.

    Exits 1 when the database or DOC is not found, 2 when the database is locked.

    Example: cchc report plan2026.pdf --html review.html
    """
    from rich.markup import escape

    from pipeline.report import DocumentNotFound, build_report, print_report
    from pipeline.report_html import write_html

    with _reading(db):
        try:
            model = build_report(db, doc)
        except DocumentNotFound as err:
            raise _fail(f"{db}: {err}")
        print_report(model)
        if html is not None:
            written = write_html(model, html)
    if html is not None:
        cells = sum(len(d.doubtful_cells) for d in model.documents)
        console.print(f"wrote {escape(str(written))} ({len(model.documents)} document(s), "
                      f"{cells} doubtful cell(s) with their page crops)")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
