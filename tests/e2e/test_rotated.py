"""A landscape appendix stored the way some producers and scanners store it: content
drawn turned on a portrait page, shown upright by /Rotate 90."""
import pikepdf
import pytest

from bench import render
from bench.score import rows_from_db, score_rows
from pipeline.ingest import ingest_paths
from tests.conftest import PLANS, load_truth


def turned(src, out):
    with pikepdf.open(src) as pdf:
        for page in pdf.pages:
            width, height = float(page.MediaBox[2]), float(page.MediaBox[3])
            page.contents_add(pikepdf.Stream(pdf, b"q 0 1 -1 0 %f 0 cm" % height), prepend=True)
            page.contents_add(pikepdf.Stream(pdf, b"Q"))
            page.MediaBox = [0, 0, height, width]
            page.Rotate = 90
        pdf.save(out)
    return out


@pytest.mark.parametrize("plan", PLANS)
def test_rotated_portrait_pages_read_like_landscape_ones(tmp_path, plan):
    """Text rebuilt from characters keeps the text layer's own spaces ("cơ quan, đơn vị",
    not "cơ quan , đơn vị"; "PAR INDEX", not "PAR I NDEX")."""
    pdf = turned(render.build(plan, "digital"), tmp_path / "rotated.pdf")
    (result,) = ingest_paths([pdf], tmp_path / "db.duckdb")
    assert result.status == "loaded"
    s = score_rows(load_truth(plan), rows_from_db(tmp_path / "db.duckdb"))
    assert (s.recall, s.precision) == (1.0, 1.0)
    assert s.exact_cells >= 0.99


def test_image_cover_of_a_rotated_scan_is_measured_in_display_space(tmp_path):
    import pypdfium2 as pdfium

    from extractors.textlayer import read_page

    pdf = pdfium.PdfDocument(str(turned(render.build("plan2026", "scan300"), tmp_path / "scan.pdf")))
    assert read_page(pdf, 0).image_cover == 1.0  # was 0.71: page-space bounds clipped to the turned size
    pdf.close()
