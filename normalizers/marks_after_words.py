"""Marks a speck makes after a word where the corpus all but never writes one: a colon
inside a sentence ("Nghị định của: Chính phủ", "Sở Tài nguyên và Môi: trường", "ngày:
27/3/2021") and a period between a word and the figures it governs ("so với năm. 2021",
"giai đoạn. 2021-2025", "Kế hoạch số. 14/KH-UBND").

The corpus (../shared/corpus, 20 M syllables) counts, for each word in small letters,
how often it is written, how often a colon is glued to it, how often figures follow it
and how often a period and figures do (`data/marks_after_words.tsv`, ``python -m
normalizers.marks_after_words``).

- A colon glued to a syllable or an acronym ("UBND: cấp xã"), inside a cell (not ending it:
  `stray_punctuation` asks the model about those), is a speck where the word is written
  at least `MIN_WRITTEN` times and a colon follows it at most `COLON_SHARE` of them:
  "của" 291,088 and 39, "và" 282,079 and 8, against the colons of lists and labels,
  "gồm" 21,895 and 10,450, "đó" (trong đó:) 13,992 and 386, "thể" (cụ thể:) 29,754 and
  472, "hiện" (thực hiện:) 122,826 and 579. Before a capital too, where the model cannot
  judge (it weighs words in small letters; legitimate colons before capitals reach its
  margins: "định kỳ: Hằng quý").
- A period between a word and figures is a speck where figures follow the word at least
  `MIN_BEFORE_FIGURES` times and with the period at most `SPECK_SHARE` of them: "năm"
  21,277 and 1, "số" 86,748 and 21, "ngày" 85,638 and 0, against "tế" ("quốc tế. 100%
  …", a sentence end a plan writes) 435 and 5.

Measured on the stored texts of the 111 development databases (TUNE, HELD-OUT 9–22),
neither changing any truth cell of the three reference plans: the colons (`COLON_SHARE`
0.001) 47 cells right that were wrong, none wrong that were right, 41 more a speck fewer
(0.0005: 30 / 0 / 36; 0.004: 91 / 0 / 72, but then "kết quả:", "nhiệm vụ:" labels go
too); the periods 16 / 0 / 12."""
from __future__ import annotations

import argparse
import gzip
import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path

from normalizers.syllables import is_syllable

MIN_WRITTEN = 1000
COLON_SHARE = 0.001
MIN_BEFORE_FIGURES = 200
SPECK_SHARE = 0.002
#: a word with a colon glued to it or not, then what follows
_WORD_AND_MARK = re.compile(r"(?<![\w.])([^\W\d_]+)(:?)(?=( |\. )(\d)|)")
#: a colon glued to a word of two letters or more, then a space and a word or figures
#: (not a list's "a)")
_COLON_INSIDE = re.compile(r"(?<![\w])([^\W\d_]{2,}):(?= (?![^\W\d_]\))[^\W_])")
_PERIOD_BEFORE_FIGURES = re.compile(r"(?<![\w.])([^\W\d_]+)\. (?=\d)")
_TABLE = "data/marks_after_words.tsv"


def mine(paths: list[Path], min_written: int = MIN_WRITTEN,
         min_before_figures: int = MIN_BEFORE_FIGURES) -> dict[str, tuple[int, int, int, int]]:
    """Word in small letters → (times written in any case, times a colon is glued to it,
    times figures follow it written in small letters, times a period and figures do),
    for the words written at least `min_written` times or followed by figures at least
    `min_before_figures` times."""
    written: Counter[str] = Counter()
    colon: Counter[str] = Counter()
    figures: Counter[str] = Counter()
    period: Counter[str] = Counter()
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                for m in _WORD_AND_MARK.finditer(line):
                    word = m.group(1)
                    written[word.lower()] += 1
                    colon[word.lower()] += bool(m.group(2))
                    if m.group(4) and not m.group(2) and word.islower():
                        (figures if m.group(3) == " " else period)[word] += 1
    return {w: (n, colon[w], figures[w], period[w]) for w, n in written.items()
            if n >= min_written or figures[w] >= min_before_figures}


@lru_cache(maxsize=1)
def counts() -> dict[str, tuple[int, int, int, int]]:
    """The table `mine` wrote (`data/marks_after_words.tsv`)."""
    lines = resources.files("normalizers").joinpath(_TABLE).read_text(encoding="utf-8").splitlines()
    return {w: (int(n), int(c), int(f), int(p))
            for w, n, c, f, p in (line.split("\t") for line in lines if not line.startswith("#"))}


def drop_speck_colons(text: str) -> str:
    """`text` without the colons a speck glued to a word inside it (see the module doc)."""
    if ":" not in text:
        return text
    table = counts()

    def keep(m: re.Match[str]) -> str:
        word = m.group(1)
        n, colon, _, _ = table.get(word.lower(), (0, 0, 0, 0))
        speck = n >= MIN_WRITTEN and colon <= COLON_SHARE * n and (word.isupper() or is_syllable(word.lower()))
        return word if speck else m.group(0)
    return _COLON_INSIDE.sub(keep, text)


def drop_figure_periods(text: str) -> str:
    """`text` without the periods a speck made between a word that takes figures and its
    figures (see the module doc)."""
    if ". " not in text:
        return text
    table = counts()

    def keep(m: re.Match[str]) -> str:
        word = m.group(1)
        _, _, n, with_period = table.get(word, (0, 0, 0, 0)) if word.islower() else (0, 0, 0, 0)
        return f"{word} " if n >= MIN_BEFORE_FIGURES and with_period <= SPECK_SHARE * n else m.group(0)
    return _PERIOD_BEFORE_FIGURES.sub(keep, text)


def main(argv: list[str] | None = None) -> None:
    from normalizers.lm_build import CORPUS

    ap = argparse.ArgumentParser(description="Count the marks after words (data/marks_after_words.tsv).")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args(argv)
    text = args.corpus / "text"
    table = mine([text / "admin_official_docs.txt.gz", text / "legal_congbot.txt.gz",
                  text / "legal_phapdien.txt.gz"])
    out = resources.files("normalizers").joinpath(_TABLE)
    lines = ["# Words (in small letters) of ../shared/corpus (admin_official_docs, legal_congbot, legal_phapdien) "
             f"written at least {MIN_WRITTEN} times or followed by figures at least {MIN_BEFORE_FIGURES} times: "
             "word, times written in any case, times a colon is glued to it, times figures follow it (written in "
             "small letters) after a space, times after a period and a space. "
             "Made by `python -m normalizers.marks_after_words`; do not edit by hand."]
    lines += ["\t".join([w, *map(str, v)]) for w, v in sorted(table.items())]
    Path(str(out)).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(table)} words written to {out}")


if __name__ == "__main__":
    main()
