"""Plans as a word processor exports them (LibreOffice Writer): its own borders and row
splitting, with every cut cell closed by a rule at the page break."""
import pytest

from bench import render
from bench.score import rows_from_db, score_rows
from pipeline.ingest import ingest_paths
from tests.conftest import load_truth


@pytest.mark.parametrize("plan", ["plan2021_2030", "plan2026"])
def test_word_processor_export_reads_every_row(tmp_path, plan):
    (result,) = ingest_paths([render.build(plan, "wordproc")], tmp_path / "db.duckdb")
    assert result.status == "loaded"
    s = score_rows(load_truth(plan), rows_from_db(tmp_path / "db.duckdb"))
    assert (s.recall, s.precision) == (1.0, 1.0)
    assert s.exact_cells >= 0.99
