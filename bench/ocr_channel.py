"""Learn how Tesseract `vie` misreads Vietnamese tone marks, from the TUNE scans.

For every word of the TUNE split's extracted cells (`bench.scan_bench --split tune`
writes them) the text as OCR read it (`plan_rows.raw`, else the cell) is aligned with
the truth; a word read with another tone than printed, the same letters and vowel
hats otherwise, counts as one confusion (tone printed, tone read, whether the vowel
carries a hat: â ê ô ă ơ ư); a word read right counts for its tone. The channel cost of
reading tone r where t was printed, against reading it right, is

    cost(t | r) = -ln P(read r | printed t) + ln P(read r | printed r)

(add-half smoothing; at most `normalizers.ocr_channel.TONE_CHANGE_COST`, so a pair never
seen costs what every tone change cost before). The table goes to
`normalizers/data/ocr_tone_channel.tsv`, which `mark_slip_candidates` reads: the
language model must prefer the other tone by more than this cost to change it.

Only TUNE scans are read: the HELD-OUT conditions' fonts and degradations stay unseen.

Usage: ``python -m bench.ocr_channel`` (after ``python -m bench.scan_bench --split tune
--method cchc``).
"""
from __future__ import annotations

import argparse
import difflib
import json
import math
import unicodedata
from collections import Counter
from importlib import resources
from pathlib import Path

import duckdb

from bench import render, scan_bench, scangen, score
from normalizers.ocr_channel import TONE_CHANGE_COST
from normalizers.syllables import is_syllable, toneless

TONE_NAMES = {"\u0300": "huyen", "\u0301": "sac", "\u0303": "nga", "\u0309": "hoi", "\u0323": "nang"}
HATS = "\u0302\u0306\u031b"
MIN_COST = 1.0
OUT = Path(str(resources.files("normalizers").joinpath("data/ocr_tone_channel.tsv")))


def tone(word: str) -> str:
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in TONE_NAMES:
            return TONE_NAMES[ch]
    return "ngang"


def hatted(word: str) -> bool:
    return any(ch in HATS for ch in unicodedata.normalize("NFD", word.lower()))


def word_pairs(truth: list[dict], db: Path):
    """(printed, read) word pairs of the paired rows' text cells, each distinct cell once."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        cur = con.execute("SELECT * FROM plan_rows WHERE doc_id = (SELECT doc_id FROM documents WHERE is_current "
                          "LIMIT 1) ORDER BY row_no")
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r)) for r in cur.fetchall()]
    finally:
        con.close()
    seen = set()
    for t, e in score.pair_rows(truth, score.rows_from_db(db)).items():
        raw = json.loads(rows[e]["raw"] or "{}")
        for f in score.used_fields(truth):
            if f in ("stt", "section_no"):
                continue
            printed, read = truth[t].get(f) or "", raw.get(f, rows[e][f] or "")
            if (printed, read) in seen:
                continue
            seen.add((printed, read))
            a, b = printed.split(), read.split()
            for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
                if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
                    for x, y in zip(a[i1:i2], b[j1:j2]):
                        yield x.strip(".,;:()“”\"…"), y.strip(".,;:()“”\"…")


def estimate(pairs) -> dict[tuple[str, str, bool], float]:
    """(printed tone, read tone, hatted) → channel cost, for the confusions seen."""
    right: Counter = Counter()
    wrong: Counter = Counter()
    for printed, read in pairs:
        if not printed or not is_syllable(printed):
            continue
        if printed == read:
            right[(tone(printed), hatted(printed))] += 1
        elif read and tone(printed) != tone(read) and toneless(printed) == toneless(read.lower()):
            wrong[(tone(printed), tone(read), hatted(printed))] += 1
    costs = {}
    for (printed, read, hat), n in wrong.items():
        total = right[(printed, hat)] + sum(v for (p, _, h), v in wrong.items() if p == printed and h == hat)
        p_confused = (n + 0.5) / (total + 1.0)
        p_right = (right[(read, hat)] + 0.5) / (right[(read, hat)] + sum(
            v for (p, _, h), v in wrong.items() if p == read and h == hat) + 1.0)
        costs[(printed, read, hat)] = min(TONE_CHANGE_COST, max(MIN_COST, -math.log(p_confused) + math.log(p_right)))
    return costs


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.parse_args(argv)
    pairs = []
    scans = 0
    for cond in scangen.conditions("tune"):
        for plan in render.PLANS:
            db = scan_bench.OUT / "scans" / f"{plan}.{cond.name}.cchc.duckdb"
            if db.exists():
                scans += 1
                pairs.extend(word_pairs(score.load_truth(render.CORPUS / plan / "truth.json"), db))
    if not scans:
        raise SystemExit("no TUNE scans extracted: run python -m bench.scan_bench --split tune --method cchc")
    costs = estimate(pairs)
    lines = [f"# Tesseract vie's tone confusions, learned by `python -m bench.ocr_channel` from {scans} TUNE scans "
             f"({len(pairs)} words): printed tone, tone read, vowel with a hat (â ê ô ă ơ ư), channel cost in nats "
             f"(at most {TONE_CHANGE_COST}, the cost of any other tone change).",
             "printed\tread\thatted\tcost"]
    lines += [f"{p}\t{r}\t{int(h)}\t{c:.2f}" for (p, r, h), c in sorted(costs.items(), key=lambda kv: kv[1])]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
