"""Which database: one rule (pipeline/dbpath.py) for cchc, serve and the notebook."""
from pathlib import Path

from pipeline.dbpath import default_db, project_folder, resolve_db
from tests.conftest import ROOT


def test_the_checkout_and_its_subfolders_share_one_default(monkeypatch):
    monkeypatch.delenv("CCHC_DB", raising=False)
    want = ROOT / "data" / "clean" / "plans.duckdb"
    assert default_db(ROOT) == (want, "default")
    assert default_db(ROOT / "notebooks") == (want, "default")  # where the notebook's kernel runs
    assert project_folder(ROOT / "pipeline") == ROOT


def test_outside_a_checkout_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("CCHC_DB", raising=False)
    assert default_db(tmp_path) == (tmp_path / "data" / "clean" / "plans.duckdb", "default")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "other"\n')  # another project is no checkout
    assert project_folder(tmp_path / "x") == tmp_path / "x"


def test_cchc_db_wins_and_a_relative_one_is_from_the_checkout(tmp_path, monkeypatch):
    monkeypatch.setenv("CCHC_DB", str(tmp_path / "mine.duckdb"))
    assert default_db(ROOT / "notebooks") == (tmp_path / "mine.duckdb", "CCHC_DB")
    monkeypatch.setenv("CCHC_DB", "build/test.duckdb")
    assert default_db(ROOT / "notebooks") == (ROOT / "build" / "test.duckdb", "CCHC_DB")


def test_db_option_is_from_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CCHC_DB", "/elsewhere/x.duckdb")
    assert resolve_db(Path("a.duckdb")) == (tmp_path / "a.duckdb", "--db")
