"""The corpus's acronyms: the list `normalizers.ocr_fixes` mines (`python -m
normalizers.ocr_fixes`, `data/acronyms.tsv`), read once. A module of its own so that the
rules run inside `ocr_fixes` (`normalizers.symbol_letters`) can ask it too.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def known_acronyms() -> dict[str, int]:
    """Acronym → evidence in the corpus (`ocr_fixes.mine`)."""
    text = resources.files("normalizers").joinpath("data/acronyms.tsv").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, count = line.split("\t")
            out[word] = int(count)
    return out
