"""notebooks/explore.ipynb runs top to bottom on the reference database, with this
virtualenv's Python, and every plot cell draws a figure."""
import json
import sys

import duckdb
import nbformat
import pytest

from bench.docs_figures import DOC_FIGURES, NOTEBOOK, execute_notebook

PLOTS = ("tasks_by_lead_agency", "tasks_by_section", "due_dates_by_quarter", "confidence_by_document")
KERNEL_PROBE = "import json, sys; print(json.dumps([sys.executable, sys.prefix]))"


@pytest.fixture(scope="module")
def executed(reference_db, tmp_path_factory):
    db, _ = reference_db
    figures = tmp_path_factory.mktemp("figures")
    return execute_notebook(db, figures, prepend=[KERNEL_PROBE]), figures


def test_stored_notebook_is_clean():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    assert nb.metadata.kernelspec.name == "python3"


def test_kernel_is_this_virtualenv(executed):
    nb, _ = executed
    probe = nb.cells[0]
    assert probe.source == KERNEL_PROBE
    executable, prefix = json.loads("".join(o.text for o in probe.outputs if o.output_type == "stream"))
    assert (executable, prefix) == (sys.executable, sys.prefix)


def test_runs_without_error_and_every_plot_cell_draws(executed):
    nb, figures = executed
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    plots = [c for c in nb.cells if "plot" in c.metadata.get("tags", [])]
    assert len(plots) == len(PLOTS)
    for cell in plots:
        assert any("image/png" in o.get("data", {}) for o in cell.outputs), cell.source[:80]
    code = [c for c in nb.cells if c.cell_type == "code"]
    stderr = "".join(o.text for c in code for o in c.outputs if o.get("name") == "stderr")
    assert "missing from" not in stderr  # no glyph (Vietnamese letter) missing from the font
    assert sorted(p.name for p in figures.iterdir()) == sorted(f"plot_{name}.png" for name in PLOTS)
    for name in DOC_FIGURES:
        assert (figures / name).read_bytes().startswith(b"\x89PNG")


def test_notebook_reads_the_database_it_is_given(executed, reference_db):
    nb, _ = executed
    db, _ = reference_db
    setup = next(c for c in nb.cells if c.cell_type == "code" and "CCHC_DB" in c.source)
    assert "".join(o.text for o in setup.outputs if o.output_type == "stream").strip() == str(db.resolve())
    documents = next(c for c in nb.cells if "FROM documents AS d WHERE d.is_current" in c.source)
    html = "".join(o.data.get("text/html", "") for o in documents.outputs if o.output_type == "execute_result")
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = [n for (n,) in con.execute("SELECT file_name FROM documents WHERE is_current").fetchall()]
    finally:
        con.close()
    assert names and all(name in html for name in names)


def test_the_readme_command_runs_the_notebook(reference_db, tmp_path):
    """`jupyter nbconvert --execute` (nbconvert is in the dev extra) runs it as the README says."""
    import os
    import subprocess
    from pathlib import Path

    db, _ = reference_db
    jupyter = Path(sys.executable).parent / "jupyter"
    out = tmp_path / "explore.html"
    proc = subprocess.run([str(jupyter), "nbconvert", "--to", "html", "--execute", str(NOTEBOOK), "--output", str(out)],
                          capture_output=True, text=True, timeout=600, env={**os.environ, "CCHC_DB": str(db)})
    assert proc.returncode == 0, proc.stderr[-3000:]
    page = out.read_text(encoding="utf-8")
    assert str(db.resolve()) in page and page.count("image/png") >= len(PLOTS)
