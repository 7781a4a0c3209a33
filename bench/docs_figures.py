"""Refresh the figures under docs/ from the reference database.

Builds a database from the reference plans (each plan as published, plus the 2026 plan
scanned, as the analyst-tool tests use), runs notebooks/explore.ipynb on it with
`CCHC_FIGURES` set, and copies the figures named in `DOC_FIGURES` to docs/.

Usage: ``python -m bench.docs_figures [--db existing.duckdb]`` (about 20 s with the
render cache `build/corpus/` warm; `--db` skips building the database).
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from bench.reference import build_review_database

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
DOCS = ROOT / "docs"
#: The figures docs/ keeps (the notebook draws more).
DOC_FIGURES = ("plot_tasks_by_lead_agency.png",)

def execute_notebook(db: Path, figures: Path | None = None, notebook: Path = NOTEBOOK,
                     timeout: int = 600, prepend: list[str] = ()):
    """Run `notebook` top to bottom on the database `db` and return the executed notebook.

    The kernel is this interpreter (a kernelspec pointing at `sys.executable` in a
    temporary folder, so no other installed "python3" kernel is picked up); its working
    folder is the notebook's. `CCHC_DB` is set to `db`, `CCHC_FIGURES` to `figures`
    when given. `prepend` adds code cells at the top (tests use it). Raises
    nbclient's CellExecutionError when a cell fails.
    """
    import nbformat
    from ipykernel.kernelspec import write_kernel_spec
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    for i, source in enumerate(prepend):
        nb.cells.insert(i, nbformat.v4.new_code_cell(source, id=f"prepended-{i}"))
    env = {k: v for k, v in os.environ.items() if k not in ("CCHC_FIGURES", "MPLBACKEND")}
    env["CCHC_DB"] = str(Path(db).resolve())
    if figures is not None:
        env["CCHC_FIGURES"] = str(Path(figures).resolve())
    with tempfile.TemporaryDirectory(prefix="cchc-kernels-") as kernels:
        write_kernel_spec(Path(kernels) / "python3")
        km = KernelManager(kernel_name="python3", kernel_spec_manager=KernelSpecManager(kernel_dirs=[kernels]))
        client = NotebookClient(nb, km=km, timeout=timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(notebook.parent)}})
        client.execute(env=env)
    return nb


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.docs_figures", description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="use this database instead of building the reference one")
    parser.add_argument("--out", type=Path, default=DOCS, help="folder for the figures (default: docs/)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cchc-docs-") as tmp:
        db = args.db or build_review_database(Path(tmp))[0]
        figures = Path(tmp) / "figures"
        execute_notebook(db, figures)
        args.out.mkdir(parents=True, exist_ok=True)
        for name in DOC_FIGURES:
            shutil.copyfile(figures / name, args.out / name)
            print(f"wrote {args.out / name}", file=sys.stderr)


if __name__ == "__main__":
    main()
