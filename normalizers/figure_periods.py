"""A period a speck makes between a word and the figures it governs: "so với năm. 2021",
"giai đoạn. 2021-2025", "mức độ. 4", "Kế hoạch số. 14/KH-UBND".

Some words take figures after them all but always without a mark ("năm 2021", "số 14",
"ngày 17/7"); a sentence ending with one of them and the next opening with a figure is
rare. The corpus (../shared/corpus, 20 M syllables) counts, for each word in small
letters, how often figures follow it and how often a period and figures do
(`data/figure_periods.tsv`, ``python -m normalizers.figure_periods``): "năm" 21,277
and 1, "số" 86,748 and 21, "ngày" 85,638 and 0, against "tế" ("quốc tế. 100% …", a
sentence end a plan writes) 5 of its few. A period between such a word and figures is a
speck where the word was seen before figures at least `MIN_BEFORE_FIGURES` times and
with the period at most `SPECK_SHARE` of them.

Measured on the stored texts of the 111 development databases (TUNE, HELD-OUT 9–22):
16 cells right that were wrong, none wrong that were right, 12 more a speck fewer; no
truth cell of the three reference plans changes."""
from __future__ import annotations

import argparse
import gzip
import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path

MIN_BEFORE_FIGURES = 200
SPECK_SHARE = 0.002
#: a word, then figures after a space or after a period and a space
_BEFORE_FIGURES = re.compile(r"(?<![\w.])([^\W\d_]+)( |\. )(?=\d)")
_PERIOD_BEFORE_FIGURES = re.compile(r"(?<![\w.])([^\W\d_]+)\. (?=\d)")
_TABLE = "data/figure_periods.tsv"


def mine(paths: list[Path], min_count: int = MIN_BEFORE_FIGURES) -> dict[str, tuple[int, int]]:
    """Word in small letters → (times figures follow it, times a period and figures do),
    for the words figures follow at least `min_count` times in `paths`."""
    bare: Counter[str] = Counter()
    period: Counter[str] = Counter()
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                for m in _BEFORE_FIGURES.finditer(line):
                    if m.group(1).islower():
                        (bare if m.group(2) == " " else period)[m.group(1)] += 1
    return {w: (n, period[w]) for w, n in bare.items() if n >= min_count}


@lru_cache(maxsize=1)
def counts() -> dict[str, tuple[int, int]]:
    """The table `mine` wrote (`data/figure_periods.tsv`)."""
    lines = resources.files("normalizers").joinpath(_TABLE).read_text(encoding="utf-8").splitlines()
    return {w: (int(n), int(p)) for w, n, p in (line.split("\t") for line in lines if not line.startswith("#"))}


def drop_figure_periods(text: str) -> str:
    """`text` without the periods a speck made between a word that takes figures and its
    figures (see the module doc)."""
    if ". " not in text:
        return text
    table = counts()

    def keep(m: re.Match[str]) -> str:
        word = m.group(1)
        n, with_period = table.get(word, (0, 0)) if word.islower() else (0, 0)
        return f"{word} " if n >= MIN_BEFORE_FIGURES and with_period <= SPECK_SHARE * n else m.group(0)
    return _PERIOD_BEFORE_FIGURES.sub(keep, text)


def main(argv: list[str] | None = None) -> None:
    from normalizers.lm_build import CORPUS

    ap = argparse.ArgumentParser(description="Count the words figures follow, with and without a period "
                                             "(data/figure_periods.tsv).")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args(argv)
    text = args.corpus / "text"
    table = mine([text / "admin_official_docs.txt.gz", text / "legal_congbot.txt.gz",
                  text / "legal_phapdien.txt.gz"])
    out = resources.files("normalizers").joinpath(_TABLE)
    lines = ["# Words in small letters figures follow in ../shared/corpus (admin_official_docs, legal_congbot, "
             f"legal_phapdien), at least {MIN_BEFORE_FIGURES} times: word, times figures follow it after a space, "
             "times after a period and a space. Made by `python -m normalizers.figure_periods`; do not edit by hand."]
    lines += [f"{w}\t{n}\t{p}" for w, (n, p) in sorted(table.items())]
    Path(str(out)).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(table)} words written to {out}")


if __name__ == "__main__":
    main()
