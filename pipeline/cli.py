"""`cchc`: the command line over the pipeline.

`cchc ingest` runs in-process by default: the same stage functions the Prefect flow
runs as tasks, with no orchestration start-up (an ephemeral Prefect API costs 12–40 s
per process here). `--prefect` runs the Prefect flow instead (`make run` does), and when
`PREFECT_API_URL` names a running Prefect server the flow is used automatically so the
run is recorded there.
"""
from __future__ import annotations

import os
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Vietnamese CCHC plan PDFs → clean rows in DuckDB.")
console = Console(stderr=True, soft_wrap=True)  # one line per message, whatever the width
DEFAULT_DB = Path("data/clean/plans.duckdb")


@app.callback()
def _cchc() -> None:
    """Vietnamese CCHC plan PDFs → clean rows in DuckDB (see README.md)."""


def _summary(results) -> int:
    table = Table(title="ingest summary", show_lines=False)
    numbers = ("pages", "rows", "doubtful", "unresolved agencies", "unparsed timelines")
    for col in ("document", "result", "status", *numbers):
        table.add_column(col, justify="right" if col in numbers else "left")
    for r in results:
        style = {"failed": "red", "unchanged": "dim"}.get(r.status, "")
        table.add_row(r.path.name, r.status, r.doc_status, str(r.page_count), str(r.row_count), str(r.doubtful),
                      str(r.unresolved_mentions), str(r.unparsed_timelines), style=style)
    console.print(table)
    failed = [r for r in results if r.status == "failed"]
    console.print(
        f"{len(results)} document(s): {sum(r.status == 'loaded' for r in results)} loaded, "
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
    return 1 if failed else 0


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="PDF files or folders of PDFs"),
    db: Path = typer.Option(DEFAULT_DB, "--db", help="DuckDB file to load into (created if missing)"),
    prefect: bool = typer.Option(False, "--prefect", help="run through the Prefect flow "
                                 "(automatic when PREFECT_API_URL is set)"),
    wait: float = typer.Option(30.0, "--wait", help="seconds to wait while another process holds the database"),
) -> None:
    """Extract the appendix rows of plan PDFs and load them into DuckDB.

    Re-running is safe: files already loaded (same SHA-256, same pipeline version) are
    skipped; a changed file under the same name becomes the current version. Exits 1
    when any document failed.

    Example: cchc ingest data/raw --db data/clean/plans.duckdb
    """
    from schemas.store import DatabaseLocked

    try:
        if prefect or os.environ.get("PREFECT_API_URL"):
            from pipeline.flows import ingest_plans

            console.print("running the Prefect flow 'ingest-plans'"
                          + ("" if os.environ.get("PREFECT_API_URL") else " (ephemeral local API)"))
            results = ingest_plans([str(p) for p in paths], str(db), wait)
        else:
            results = _ingest_in_process(paths, db, wait)
    except DatabaseLocked as err:
        console.print(f"[red]error[/red] {err}")
        raise typer.Exit(2)
    raise typer.Exit(_summary(results))


def _ingest_in_process(paths: list[Path], db: Path, wait: float):
    from pipeline.ingest import expand_paths, ingest_paths

    files = expand_paths(paths)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=False) as progress:
        docs = progress.add_task("documents", total=len(files))
        pages = progress.add_task("pages", total=None)
        state = {"started": False}

        def on_document(path: Path, index: int, count: int) -> None:
            if state["started"]:
                progress.advance(docs)
            state["started"] = True
            progress.update(docs, description=f"documents [bold]{path.name}[/bold]")
            progress.reset(pages, total=None)

        def on_page(done: int, total: int) -> None:
            progress.update(pages, completed=done, total=total)

        results = ingest_paths(files, db, on_document, on_page, wait=wait)
        progress.update(docs, completed=len(files))
    return results


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


def main() -> None:
    app()


if __name__ == "__main__":
    main()
