from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
PLANS = ("plan2021_2030", "plan2026", "plan2025h2")


def query(db, sql: str, *params) -> list[tuple]:
    """Rows of `sql` on the DuckDB file `db`, opened read-only and closed again."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def load_truth(plan: str) -> list[dict]:
    return json.loads((CORPUS / plan / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def truths() -> dict[str, list[dict]]:
    return {p: load_truth(p) for p in PLANS}


@pytest.fixture(scope="session")
def model():
    """The default language model (`normalizers.lm_build.default_model`: built on first
    use), one for the whole session, as the pipeline shares it in a process."""
    from normalizers.lm_build import default_model

    return default_model()
