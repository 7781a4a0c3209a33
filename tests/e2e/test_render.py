"""The renderer makes every variant of a reference plan, each what it claims to be."""
import json
import re
import unicodedata

import pdfplumber
import pytest

from bench import render
from tests.conftest import CORPUS

PLAN = "plan2026"  # the shortest reference plan keeps the scan variants quick


@pytest.fixture(scope="module")
def built():
    return {v: render.build(PLAN, v) for v in render.VARIANTS}


def page_texts(path):
    with pdfplumber.open(path) as pdf:
        return [(p.width > p.height, p.extract_text() or "") for p in pdf.pages]


def test_digital_has_a_landscape_text_layer_with_every_stt(built):
    pages = page_texts(built["digital"])
    assert all(landscape for landscape, _ in pages)
    text = unicodedata.normalize("NFC", " ".join(t for _, t in pages))
    assert "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH" in text
    assert text.count("Cơ quan chủ trì") == len(pages)  # header repeated on every page


def test_stripped_is_ascii_letters_only(built):
    text = " ".join(t for _, t in page_texts(built["stripped"]))
    assert "CONG TAC CHI DAO, DIEU HANH" in text
    assert not [c for c in text if c.isalpha() and ord(c) > 127]


def test_fullplan_starts_with_portrait_narrative_and_state_header(built):
    pages = page_texts(built["fullplan"])
    meta = json.loads((CORPUS / PLAN / "meta.json").read_text(encoding="utf-8"))
    assert not pages[0][0] and pages[-1][0]  # portrait first, landscape appendix last
    first = unicodedata.normalize("NFC", pages[0][1])
    assert f"Số: {meta['plan_number']}" in first
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first


@pytest.mark.parametrize("variant,dpi,source", [("scan300", 300, "digital"), ("scan200", 200, "digital"),
                                                ("scan_wordproc", 300, "wordproc"), ("scan_relayout", 300, "relayout")])
def test_scans_have_no_text_layer_and_the_right_resolution(built, variant, dpi, source):
    with pdfplumber.open(built[variant]) as pdf:
        assert len(pdf.pages) == len(page_texts(built[source]))
        for page in pdf.pages:
            assert not page.chars
            (img,) = page.images
            assert abs(img["srcsize"][0] / (page.width / 72) - dpi) < 2


def test_badocr_has_an_english_ocr_layer_without_vietnamese_letters(built):
    text = " ".join(t for _, t in page_texts(built["badocr"]))
    words = re.findall(r"\w+", text)
    assert len(words) > 500
    # letters and marks only Vietnamese uses (English OCR does emit é, è, ê)
    vietnamese = [w for w in words if re.search(r"[ăđơưĂĐƠƯ\u0309\u0323\u031b]", unicodedata.normalize("NFD", w))]
    assert len(vietnamese) / len(words) < 0.02


def test_builds_are_deterministic(tmp_path, built):
    again = render.build(PLAN, "digital", tmp_path)
    assert again.read_bytes() == built["digital"].read_bytes()
