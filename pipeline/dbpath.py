"""Which DuckDB file: one rule shared by `cchc` (every command), `cchc serve` and
notebooks/explore.ipynb.

1. `--db PATH` when given (commands only; relative to the current folder);
2. else the environment variable `CCHC_DB`;
3. else `data/clean/plans.duckdb`.

A relative path from 2 or 3 is taken from the project folder: the nearest folder at or
above the current one holding this project's `pyproject.toml` (a checkout of
cchc-pipeline), else the current folder. So `cchc` run at the top of the checkout, in one
of its subfolders, and the notebook (whose kernel runs in `notebooks/`) all open the same
file. Commands print the database they use.
"""
from __future__ import annotations

import os
from pathlib import Path

ENV = "CCHC_DB"
DEFAULT = Path("data/clean/plans.duckdb")


def project_folder(start: Path | None = None) -> Path:
    """The nearest folder at or above `start` (default: the current folder) holding
    cchc-pipeline's pyproject.toml, else `start` itself."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        project = folder / "pyproject.toml"
        try:
            if project.is_file() and 'name = "cchc-pipeline"' in project.read_text(encoding="utf-8"):
                return folder
        except OSError:
            continue
    return start


def default_db(start: Path | None = None) -> tuple[Path, str]:
    """(absolute path, where it came from: "CCHC_DB" or "default") of the database used
    when no --db is given."""
    value = os.environ.get(ENV, "").strip()
    path, origin = (Path(value).expanduser(), ENV) if value else (DEFAULT, "default")
    if not path.is_absolute():
        path = project_folder(start) / path
    return path, origin


def resolve_db(db: Path | None) -> tuple[Path, str]:
    """The database a command uses: `db` (from --db; absolute from the current folder),
    else `default_db()`."""
    if db is not None:
        return Path(db).expanduser().resolve(), "--db"
    path, origin = default_db()
    return path.resolve(), origin
