"""Learn how Tesseract `vie` misreads Vietnamese tone marks, from the TUNE scans.

For every word of the TUNE split's extracted cells (`bench.scan_bench --split tune`
writes them) the text as OCR read it (`plan_rows.raw`, else the cell) is aligned with
the truth; a word read with another tone than printed, the same letters and vowel
hats otherwise, counts as one confusion (tone printed, tone read, whether the vowel
carries a hat: â ê ô ă ơ ư); a word read right counts for its tone. The channel cost of
reading tone r where t was printed, against reading it right, is

    cost(t | r) = -ln P(read r | printed t) + ln P(read r | printed r)

(add-half smoothing; at most `normalizers.ocr_channel.TONE_CHANGE_COST`, so a pair never
seen costs what every tone change cost before). The same is estimated per nucleus (the
vowel letters without the tone: "i", "ô", "iê") for every nucleus printed with tone t at
least `NUCLEUS_SUPPORT` times: a plain "i" gets a hook drawn onto its dot far more often
than other plain vowels, which the hat-or-not rows average away. The table goes to
`normalizers/data/ocr_tone_channel.tsv`, which `mark_slip_candidates` reads: the
language model must prefer the other tone by more than this cost to change it.

Only TUNE scans are read: the HELD-OUT conditions' fonts and degradations stay unseen.

Usage: ``python -m bench.ocr_channel [--folder DIR]`` (after ``python -m bench.scan_bench
--split tune --method cchc``, or ``python -m bench.cell_confidence_fit --gather`` with
``--folder build/bench/confidence``).
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
from normalizers.ocr_channel import ANY_NUCLEUS, TONE_CHANGE_COST
from normalizers.syllables import is_syllable, nucleus, toneless

TONE_NAMES = {"\u0300": "huyen", "\u0301": "sac", "\u0303": "nga", "\u0309": "hoi", "\u0323": "nang"}
HATS = "\u0302\u0306\u031b"
MIN_COST = 1.0
#: words of a nucleus printed with a tone below which that nucleus gets no rows of its own
NUCLEUS_SUPPORT = 300
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


def _costs(right: Counter, wrong: Counter, support: int = 0) -> dict[tuple[str, str, object], float]:
    """(printed tone, read tone, class) → channel cost from the counts of words read
    right, (tone, class) → n, and misread, (printed tone, read tone, class) → n; only
    classes printed with that tone at least `support` times."""
    printed_n: Counter = Counter()
    for (p, _, c), v in wrong.items():
        printed_n[(p, c)] += v
    costs = {}
    for (printed, read, cls), n in wrong.items():
        total = right[(printed, cls)] + printed_n[(printed, cls)]
        if total < support:
            continue
        p_confused = (n + 0.5) / (total + 1.0)
        p_right = (right[(read, cls)] + 0.5) / (right[(read, cls)] + printed_n[(read, cls)] + 1.0)
        costs[(printed, read, cls)] = min(TONE_CHANGE_COST, max(MIN_COST, -math.log(p_confused) + math.log(p_right)))
    return costs


def estimate(pairs) -> dict[tuple[str, str, bool, str], float]:
    """(printed tone, read tone, hatted, nucleus or `ANY_NUCLEUS`) → channel cost, for the
    confusions seen."""
    right: dict[str, Counter] = {"hat": Counter(), "nucleus": Counter()}
    wrong: dict[str, Counter] = {"hat": Counter(), "nucleus": Counter()}
    for printed, read in pairs:
        if not printed or not is_syllable(printed):
            continue
        classes = {"hat": hatted(printed), "nucleus": nucleus(printed)}
        if printed == read:
            for level, cls in classes.items():
                right[level][(tone(printed), cls)] += 1
        elif read and tone(printed) != tone(read) and toneless(printed) == toneless(read.lower()):
            for level, cls in classes.items():
                wrong[level][(tone(printed), tone(read), cls)] += 1
    costs = {(p, r, h, ANY_NUCLEUS): c for (p, r, h), c in _costs(right["hat"], wrong["hat"]).items()}
    for (p, r, n), c in _costs(right["nucleus"], wrong["nucleus"], NUCLEUS_SUPPORT).items():
        costs[(p, r, any(ch in "âêôăơư" for ch in n), n)] = c
    return costs


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folder", type=Path, default=scan_bench.OUT / "scans",
                    help="where the TUNE scans' DuckDB files are: <plan>.<condition>.cchc.duckdb (bench.scan_bench) "
                         "or <plan>.<condition>.duckdb (bench.cell_confidence_fit --gather)")
    args = ap.parse_args(argv)
    pairs = []
    scans = 0
    for cond in scangen.conditions("tune"):
        for plan in render.PLANS:
            db = next((f for f in (args.folder / f"{plan}.{cond.name}.cchc.duckdb",
                                   args.folder / f"{plan}.{cond.name}.duckdb") if f.exists()), None)
            if db is not None:
                scans += 1
                pairs.extend(word_pairs(score.load_truth(render.CORPUS / plan / "truth.json"), db))
    if not scans:
        raise SystemExit("no TUNE scans extracted: run python -m bench.scan_bench --split tune --method cchc")
    costs = estimate(pairs)
    lines = [f"# Tesseract vie's tone confusions, learned by `python -m bench.ocr_channel` from {scans} TUNE scans "
             f"({len(pairs)} words): printed tone, tone read, vowel with a hat (â ê ô ă ơ ư), nucleus ({ANY_NUCLEUS}: any, "
             f"else a nucleus printed with that tone at least {NUCLEUS_SUPPORT} times), channel cost in nats "
             f"(at most {TONE_CHANGE_COST}, the cost of any other tone change).",
             "printed\tread\thatted\tnucleus\tcost"]
    lines += [f"{p}\t{r}\t{int(h)}\t{n}\t{c:.2f}" for (p, r, h, n), c in sorted(costs.items(), key=lambda kv: (kv[1], kv[0]))]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
