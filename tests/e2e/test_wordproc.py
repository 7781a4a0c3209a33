"""Plans as a word processor exports them (LibreOffice Writer): its own borders and row
splitting, with every cut cell closed by a rule at the page break; and the same rows in
another province's layout (portrait, two-level header, other labels and column order, a
budget column that maps to no field)."""
import json

import duckdb
import pytest

from bench import render
from bench.score import rows_from_db, score_rows
from pipeline.ingest import ingest_paths
from tests.conftest import PLANS, load_truth


@pytest.mark.parametrize("plan, variant", [("plan2021_2030", "wordproc"), ("plan2026", "wordproc")]
                         + [(plan, "relayout") for plan in PLANS])
def test_word_processor_export_reads_every_row(tmp_path, plan, variant):
    (result,) = ingest_paths([render.build(plan, variant)], tmp_path / "db.duckdb")
    assert result.status == "loaded"
    s = score_rows(load_truth(plan), rows_from_db(tmp_path / "db.duckdb"))
    assert (s.recall, s.precision) == (1.0, 1.0)
    assert s.exact_cells >= 0.99
    if variant == "relayout":  # the budget column is kept, by its printed label
        con = duckdb.connect(str(tmp_path / "db.duckdb"), read_only=True)
        extras = [json.loads(x) for (x,) in con.execute("SELECT extra FROM plan_rows ORDER BY row_no").fetchall() if x]
        con.close()
        assert len(extras) >= 0.9 * len(load_truth(plan))
        assert all(list(x) == [render.RELAYOUT_BUDGET] and x[render.RELAYOUT_BUDGET].isdigit() for x in extras)
