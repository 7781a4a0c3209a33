"""Tesseract `vie`, in this process (tesserocr): images in, Tesseract's TSV out.

A Tesseract process costs ~0.35 s CPU before it reads anything (loading the `vie`
model), and a scanned page needs four or five readings of its cells (all cells; doubtful
ones without a seal's ink; short ones as a word; the numbering column as words and
stacked; the first page's header). As child processes that was ~1.5 s of a page's ~6 s
(`python -m bench.ocr_time`). Here an engine is started once per thread that reads and
kept: `read_tsv` borrows an idle one, sets the page-segmentation mode and variables for
this reading, and gives it back as it found it. Engines are kept per model: `vie` for
every reading, `eng` for the words of figures `extractors.figures` reads again.

The TSV is the one `tesseract <list> stdout tsv` prints for a list of images (one header
line, then each image as a "page": `page_num` is the image's index + 1), so the parsers in
`extractors.ocr` read either. The images go in as memory (8-bit grey, no files); their
resolution is left unset, as for the PNG crops the command line read (which carry none).

tesserocr is built against the system's libtesseract (scripts/setup.sh), so a crop reads
exactly as `tesseract` reads it (measured: the 86 cell crops of two TUNE pages, same
texts and word confidences); its PyPI wheel bundles another version (5.5 where Debian
has 5.3), which read lone figures in tall cells differently. The model is the Debian
`tesseract-ocr-vie` one: `tessdata_dir` finds it (`TESSDATA_PREFIX` first).
"""
from __future__ import annotations

import csv
import glob
import io
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache

import numpy as np

LANG = "vie"
TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
TSV_COLUMNS = tuple(TSV_HEADER.rstrip("\n").split("\t"))  # a TSV row's fields, in order
#: where Debian, Ubuntu, Fedora and a source build put the models
TESSDATA_GLOBS = ("/usr/share/tesseract-ocr/*/tessdata", "/usr/share/tesseract-ocr/tessdata",
                  "/usr/share/tessdata", "/usr/local/share/tessdata", "/usr/local/share/tesseract-ocr/*/tessdata")


class OcrUnavailable(RuntimeError):
    """Tesseract or its Vietnamese model is not installed."""


@cache
def tessdata_dir() -> str:
    """The directory holding `vie.traineddata`: `$TESSDATA_PREFIX`, else the system's."""
    candidates = [os.environ["TESSDATA_PREFIX"]] if os.environ.get("TESSDATA_PREFIX") else []
    candidates += sorted((d for pattern in TESSDATA_GLOBS for d in glob.glob(pattern)), reverse=True)
    for directory in candidates:
        if os.path.isfile(os.path.join(directory, f"{LANG}.traineddata")):
            return directory.rstrip("/") + "/"
    raise OcrUnavailable(f"Tesseract's Vietnamese model ({LANG}.traineddata) is not installed "
                         f"(apt-get install tesseract-ocr-vie; looked in {', '.join(candidates) or 'nothing'})")


_idle: dict[str, list] = {}  # language → engines started and not in use
_idle_lock = threading.Lock()


def _start(lang: str):
    # pages run in parallel, not Tesseract's threads (OpenMP reads this when it is loaded)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        import tesserocr
    except ImportError as err:
        raise OcrUnavailable(f"tesserocr is not installed ({err}): make setup") from None
    directory = tessdata_dir()
    if not os.path.isfile(os.path.join(directory, f"{lang}.traineddata")):
        raise OcrUnavailable(f"Tesseract's model {lang}.traineddata is not in {directory} "
                             f"(apt-get install tesseract-ocr-{lang})")
    try:
        return tesserocr.PyTessBaseAPI(path=directory, lang=lang)
    except RuntimeError as err:
        raise OcrUnavailable(f"Tesseract could not load {lang}: {err}") from None


@contextmanager
def _engine(lang: str) -> Iterator:
    """An idle engine of `lang` (started if there is none), back to the idle ones afterwards."""
    with _idle_lock:
        idle = _idle.setdefault(lang, [])
        api = idle.pop() if idle else None
    if api is None:
        api = _start(lang)
    try:
        yield api
    finally:
        api.Clear()
        with _idle_lock:
            _idle[lang].append(api)


def _variables(options: Sequence[str]) -> dict[str, str]:
    """("-c", "name=value", …) as the command line takes them → {name: value}."""
    if len(options) % 2 or any(flag != "-c" for flag in options[::2]):
        raise ValueError(f"options must be '-c name=value' pairs: {options!r}")
    return dict(pair.split("=", 1) for pair in options[1::2])


def read_tsv(images: Sequence[np.ndarray], psm: str, options: Sequence[str] = (), lang: str = LANG) -> str:
    """Tesseract's TSV for `images` (8-bit grey) read by the model `lang` in
    page-segmentation mode `psm` with the variables `options` ("-c name=value" pairs),
    image k as page k + 1."""
    variables = _variables(options)
    parts = [TSV_HEADER]
    with _engine(lang) as api:
        before = {name: api.GetVariableAsString(name) for name in variables}
        unknown = [name for name, value in before.items() if value is None]
        if unknown:
            raise ValueError(f"Tesseract has no variable {', '.join(map(repr, unknown))}")
        api.SetPageSegMode(int(psm))
        try:
            for name, value in variables.items():
                api.SetVariable(name, value)
            for k, image in enumerate(images):
                pixels = np.ascontiguousarray(image, dtype=np.uint8)
                height, width = pixels.shape
                api.SetImageBytes(pixels.tobytes(), width, height, 1, width)
                parts.append(api.GetTSVText(k))
        finally:
            for name, value in before.items():
                api.SetVariable(name, value)
    return "".join(parts)


def word_rows(tsv: str) -> Iterator[dict[str, str]]:
    """The word rows (level 5) of a Tesseract TSV that hold some text, in order."""
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") == "5" and (row.get("text") or "").strip():
            yield row
