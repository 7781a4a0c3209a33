"""Tesseract in this process (extractors/tesseract.py): the TSV of a list of images, each
reading's mode and variables set for it alone, a clear error when the model is missing."""
import csv
import io
import threading

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors import tesseract

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"  # fonts-dejavu-core (scripts/setup.sh)


def typed(text: str, size: int = 40) -> np.ndarray:
    font = ImageFont.truetype(FONT, size)
    left, top, right, bottom = font.getbbox(text)
    image = Image.new("L", (right - left + 40, bottom - top + 40), 255)
    ImageDraw.Draw(image).text((20 - left, 20 - top), text, font=font, fill=0)
    return np.asarray(image)


def words(tsv: str) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row["level"] == "5" and row["text"].strip():
            out.setdefault(int(row["page_num"]), []).append(row["text"])
    return out


def test_each_image_is_a_page_of_the_tsv_in_order():
    tsv = tesseract.read_tsv([typed("Sở Nội vụ"), typed("Quý III/2026")], psm="6")
    assert tsv.startswith(tesseract.TSV_HEADER)
    assert words(tsv) == {1: ["Sở", "Nội", "vụ"], 2: ["Quý", "III/2026"]}


def test_a_readings_variables_do_not_outlive_it():
    digits_only = ("-c", "tessedit_char_whitelist=0123456789")
    assert words(tesseract.read_tsv([typed("Tháng 12")], "7", digits_only))[1] == ["12"]
    assert words(tesseract.read_tsv([typed("Tháng 12")], "7"))[1] == ["Tháng", "12"]


def test_options_are_checked():
    with pytest.raises(ValueError, match="pairs"):
        tesseract.read_tsv([typed("a")], "6", ("--oem", "1"))
    with pytest.raises(ValueError, match="no variable"):
        tesseract.read_tsv([typed("a")], "6", ("-c", "no_such_variable=1"))


def test_threads_each_get_an_engine_of_their_own():
    image, results = typed("Văn phòng UBND tỉnh"), []
    threads = [threading.Thread(target=lambda: results.append(words(tesseract.read_tsv([image] * 3, "6"))))
               for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 3 and all(r == results[0] for r in results)
    assert results[0][3] == ["Văn", "phòng", "UBND", "tỉnh"]


def test_a_missing_model_is_named(monkeypatch, tmp_path):
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    monkeypatch.setattr(tesseract, "TESSDATA_GLOBS", ())
    tesseract.tessdata_dir.cache_clear()
    try:
        with pytest.raises(tesseract.OcrUnavailable, match="vie.traineddata.*tesseract-ocr-vie"):
            tesseract.tessdata_dir()
    finally:
        tesseract.tessdata_dir.cache_clear()


def test_another_model_reads_in_engines_of_its_own():
    assert words(tesseract.read_tsv([typed("Năm 2030")], "7", lang="eng"))[1][-1] == "2030"
    assert words(tesseract.read_tsv([typed("Sở Nội vụ")], "6"))[1] == ["Sở", "Nội", "vụ"]


def test_a_missing_model_of_another_language_is_named():
    with pytest.raises(tesseract.OcrUnavailable, match="xyz.traineddata.*tesseract-ocr-xyz"):
        tesseract.read_tsv([typed("a")], "7", lang="xyz")
