"""The counts behind `normalizers.word_case`'s prior: the case pattern of each word inside
a sentence of the provincial register of ../shared/corpus, given the word before it and
given the word after it, written to `data/word_case.tsv` by
``python -m normalizers.word_case_counts`` (keys seen at least `word_case.MIN_COUNT`
times)."""
from __future__ import annotations

import argparse
import gzip
from collections import defaultdict
from importlib import resources
from pathlib import Path

from normalizers.word_case import MIN_COUNT, sentence_words


def mine(paths: list[Path], min_count: int = MIN_COUNT) -> dict[tuple[str, ...], list[int]]:
    """Counts [L, T, U] of words inside a sentence of `paths`, keyed ("W", before-pattern,
    word) and ("B", before-pattern, token before, word) and ("A", before-pattern, word,
    token after, `word_case.CAPITAL_AFTER` before it when it opens with a capital), each
    seen `min_count` times."""
    counts: dict[tuple[str, ...], list[int]] = defaultdict(lambda: [0, 0, 0])
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                for last, before, word, p, after in sentence_words(line):
                    counts["W", last, word][p] += 1
                    counts["B", last, before, word][p] += 1
                    counts["A", last, word, after][p] += 1
    return {k: v for k, v in counts.items() if sum(v) >= min_count}


def main(argv: list[str] | None = None) -> None:
    from normalizers.lm_build import CORPUS

    ap = argparse.ArgumentParser(description="Count the case of words in their contexts (data/word_case.tsv).")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args(argv)
    text = args.corpus / "text"
    table = mine([text / "admin_official_docs.txt.gz", text / "legal_congbot.txt.gz"])
    out = resources.files("normalizers").joinpath("data/word_case.tsv")
    lines = ["# Case of words inside a sentence of ../shared/corpus (admin_official_docs, legal_congbot): key "
             "(W, pattern of the last word before, word | B, that pattern, token before, word | A, that pattern, word, "
             f"token after, marked ^ when it opens with a capital; tokens lower case, tone marks placed as the language model does), then counts in small letters, capital first letter, capitals; keys seen >= {MIN_COUNT} "
             "times. Made by `python -m normalizers.word_case_counts`; do not edit by hand."]
    lines += ["\t".join(k) + "\t" + "\t".join(map(str, v)) for k, v in sorted(table.items())]
    Path(str(out)).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(table)} contexts written to {out}")


if __name__ == "__main__":
    main()
