"""Scale-out: documents and pages in parallel (threads), and the Prefect flow's extraction
tasks on a running Dask cluster, give the same rows as one worker."""
import os
import shutil
import subprocess
import sys

import pytest

from bench import render
from bench.score import rows_from_db, score_rows
from pipeline.ingest import ingest_paths
from bench.dask_cluster import local_dask_cluster
from tests.conftest import PLANS, load_truth

CCHC = [sys.executable, "-m", "pipeline.cli", "ingest"]


@pytest.fixture(scope="module")
def inbox(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scale_inbox")
    for plan in PLANS:
        shutil.copyfile(render.build(plan, "digital"), folder / f"{plan}.pdf")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n garbage")
    return folder


def _rows(db):
    return {plan: rows_from_db(db, f"{plan}.pdf") for plan in PLANS}


def test_two_workers_give_the_rows_of_one(inbox, tmp_path):
    one = ingest_paths([inbox], tmp_path / "one.duckdb", workers=1)
    two = ingest_paths([inbox], tmp_path / "two.duckdb", workers=2)
    assert [(r.path.name, r.status, r.row_count) for r in one] == [(r.path.name, r.status, r.row_count) for r in two]
    assert [r.status for r in two] == ["failed", "loaded", "loaded", "loaded"]
    assert _rows(tmp_path / "one.duckdb") == _rows(tmp_path / "two.duckdb")


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory):
    """One scheduler and one worker (2 threads) on 127.0.0.1, started once for the module."""
    with local_dask_cluster(threads=2, log=tmp_path_factory.mktemp("dask") / "dask.log") as address:
        yield address


def test_dask_cluster_runs_the_flow_with_the_same_rows(inbox, tmp_path, dask_cluster):
    db = tmp_path / "dask.duckdb"
    env = dict(os.environ, PREFECT_HOME=str(tmp_path / "prefect"))
    env.pop("PREFECT_API_URL", None)
    proc = subprocess.run([*CCHC, str(inbox), "--db", str(db), "--dask", dask_cluster], capture_output=True,
                          text=True, env=env, timeout=600)
    assert proc.returncode == 1, proc.stderr[-3000:]  # broken.pdf fails, alone
    assert f"on the Dask cluster at {dask_cluster}" in proc.stderr
    assert "failed broken.pdf: corrupt or truncated PDF" in proc.stderr
    for plan in PLANS:
        s = score_rows(load_truth(plan), rows_from_db(db, f"{plan}.pdf"))
        assert (s.recall, s.precision, s.exact_cells) == (1.0, 1.0, 1.0), plan
