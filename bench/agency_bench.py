"""Benchmark of agency-mention resolution and timeline parsing on the reference corpus.

`python -m bench.agency_bench [--seeds 3] [--show 10]` prints:

1. Mention precision / recall / F1 of `normalizers.agencies.resolve_cell` against the
   hand-labelled set `tests/corpus/mentions.json` (every lead_text / coord_text cell of
   the three truth files), on three versions of each cell:
   - **clean**: the cell as transcribed;
   - **stripped**: folded to ASCII (marks dropped, đ→d, Đ→D; the fold of the
     `stripped` rendered variant);
   - **noisy**: `ocr_noise(cell, seed)` (below), once per seed, pooled.
   Counting is per cell on multisets of agency ids: a predicted id is a true positive
   when the cell expects it (each expected id matches at most once). Unresolved
   mentions carry no id: they cost recall, not precision. Each cell is resolved on its
   plan's date (plan2021_2030: 2021-01-01, the year of the plan; plan2025h2: 2025-07-19;
   plan2026: 2025-12-03); "flagged" counts ids not valid on that date — on clean text it
   checks that the registry's dates agree with the names each plan uses.
2. Share of lead/coord cells that yield at least one resolved agency.
3. Share of the distinct timeline strings of the three truth files that
   `normalizers.timelines.parse_timeline` parses (with the plan's year), as printed and
   stripped to ASCII.
4. Beyond the reference plans (`--corpus`, by default ../shared/corpus's provincial
   register `text/admin_official_docs.txt.gz`): timeline-like phrases ("Quý …", "tháng
   …", "trước ngày …", "năm …", "giai đoạn …") and district/commune body names ("Phòng …
   / Ban … cấp huyện/xã") mined with `TIMELINE_PHRASE` / `OFFICE_PHRASE`; the share of the
   readable phrases that parse (phrases the parser must refuse — a year outside
   1990–2100, "Quý V" — counted apart) with every one that does not, and every body name
   with a part left unresolved.

The noise model (`ocr_noise`) is deterministic: `random.Random` seeded with
crc32(f"{seed}|{plan}|{row}|{field}"), applied character by character to the NFC cell:
- a letter with a look-alike in `CONFUSIONS` is replaced by one of them with
  probability `P_CONFUSE` (0.08). The table is taken from the confusions this corpus's
  English-only OCR made (tests/corpus/plan2025h2/narrative_notes.md: ô/ộ/ố → 6/b0/bd,
  l/i → 1/I, Đ → P, ở → &, ã → 4, ụ → y, "SoNoI vy" for "Sở Nội vụ") plus common
  Tesseract ones (o→0, e↔c, m→rn, u→v);
- any other letter with diacritics loses them with probability `P_STRIP` (0.25);
- a letter's case flips with probability `P_CASE` (0.02);
- a space is dropped with probability `P_SPACE` (0.08).
A second model, `random_noise`, shares nothing with that table (nor with the
`ocr_fold` rows the resolver uses for fuzzy keys): each letter is, with probability
`P_RANDOM` (0.05) each, replaced by a random ASCII letter, deleted, or doubled; a space
is dropped with probability `P_SPACE`. It shows how much of the "noisy" figure rests on
knowing the confusions.
The bench prints the character error rate each gives (Levenshtein distance / length),
so the figures can be read against real OCR (Tesseract `vie` on clean scans: ~0.1–0.3 %
CER per ../shared/STACK.md; the English-only OCR of plan2025h2: far worse).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from normalizers.agencies import resolve_cell
from normalizers.text import fold_ascii
from normalizers.timelines import parse_timeline

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
MENTIONS = CORPUS / "mentions.json"
PLANS = ("plan2021_2030", "plan2025h2", "plan2026")
PLAN_DATES = {
    "plan2021_2030": dt.date(2021, 1, 1),   # "Kế hoạch số /KH-UBND ngày tháng năm 2021": day blank
    "plan2025h2": dt.date(2025, 7, 19),
    "plan2026": dt.date(2025, 12, 3),
}
PLAN_YEARS = {"plan2021_2030": 2021, "plan2025h2": 2025, "plan2026": 2026}

P_CONFUSE = 0.08
P_STRIP = 0.25
P_CASE = 0.02
P_SPACE = 0.08
P_RANDOM = 0.05

CONFUSIONS: dict[str, tuple[str, ...]] = {
    # seen in this corpus's OCR (plan2025h2 narrative_notes.md)
    "ô": ("6", "o"), "ộ": ("6", "b0", "o"), "ố": ("6", "bd", "o"), "ổ": ("bg", "o"), "ồ": ("6", "o"),
    "ở": ("&", "o"), "ơ": ("o", "&"), "ờ": ("o",), "ớ": ("o",), "ợ": ("o",),
    "l": ("1", "I"), "i": ("1", "l", "I"), "Đ": ("P", "D"), "đ": ("d",), "ã": ("4", "a"),
    "ụ": ("y", "u"), "ư": ("u",), "ệ": ("e", "é"), "ế": ("é", "e"), "ể": ("é", "e"),
    "ạ": ("a",), "ậ": ("a", "á"), "ấ": ("á", "a"), "ị": ("i", "1"),
    # common Tesseract look-alikes
    "o": ("0",), "e": ("c",), "c": ("e",), "m": ("rn",), "u": ("v",), "n": ("ri",), "h": ("b",),
}



def _perturb(text: str, rng: random.Random, letter) -> str:
    """Drop spaces with probability P_SPACE, keep non-letters, pass each letter through
    `letter(ch, rng) -> str` (the noise model)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch == " ":
            if rng.random() >= P_SPACE:
                out.append(ch)
        elif not ch.isalpha():
            out.append(ch)
        else:
            out.append(letter(ch, rng))
    return "".join(out)


def _ocr_letter(ch: str, rng: random.Random) -> str:
    r = rng.random()
    if ch in CONFUSIONS and r < P_CONFUSE:
        ch = rng.choice(CONFUSIONS[ch])
    elif ch != fold_ascii(ch) and rng.random() < P_STRIP:
        ch = fold_ascii(ch)
    if rng.random() < P_CASE:
        ch = ch.swapcase()
    return ch


def _random_letter(ch: str, rng: random.Random) -> str:
    r = rng.random()
    if r < P_RANDOM:
        return rng.choice("abcdefghijklmnopqrstuvwxyz")
    if r < 2 * P_RANDOM:
        return ""
    if r < 3 * P_RANDOM:
        return ch + ch
    return ch


def ocr_noise(text: str, seed: str | int) -> str:
    """Deterministic simulated OCR noise (see the module docstring for the model)."""
    return _perturb(text, random.Random(zlib.crc32(str(seed).encode("utf-8"))), _ocr_letter)


def random_noise(text: str, seed: str | int) -> str:
    """Deterministic noise with no knowledge of OCR confusions (see module docstring)."""
    return _perturb(text, random.Random(zlib.crc32(("random|" + str(seed)).encode("utf-8"))), _random_letter)


@dataclass
class Tally:
    cells: int = 0
    expected: int = 0
    predicted: int = 0
    correct: int = 0
    unresolved: int = 0
    flagged: int = 0
    cells_with_entity: int = 0
    chars: int = 0
    edits: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_cells(items: list[dict], transform, failures: list | None = None) -> Tally:
    """Resolve every labelled cell after `transform(item) -> text` and count."""
    t = Tally()
    for it in items:
        text = transform(it)
        ms = resolve_cell(text, PLAN_DATES[it["plan"]])
        got = [m.agency_id for m in ms if m.agency_id]
        exp = Counter(it["expected"])
        hit = sum((Counter(got) & exp).values())
        t.cells += 1
        t.expected += len(it["expected"])
        t.predicted += len(got)
        t.correct += hit
        t.unresolved += sum(1 for m in ms if m.method == "unresolved")
        t.flagged += sum(1 for m in ms if m.flagged)
        t.cells_with_entity += bool(got)
        t.chars += len(it["cell"])
        t.edits += Levenshtein.distance(it["cell"], text)
        if failures is not None and (hit != len(got) or hit != len(it["expected"])):
            failures.append((it["plan"], it["row"], it["field"], text, got, it["expected"],
                             [m.mention for m in ms if m.method == "unresolved"]))
    return t


def timeline_share(transform=lambda s: s) -> tuple[int, int, list[str]]:
    """(distinct timeline strings, how many parse after `transform`, the ones that do not)."""
    seen: dict[str, int] = {}
    for plan in PLANS:
        for row in json.loads((CORPUS / plan / "truth.json").read_text(encoding="utf-8")):
            if row["timeline_text"]:
                seen.setdefault(row["timeline_text"], PLAN_YEARS[plan])
    bad = [s for s, y in seen.items() if not parse_timeline(transform(s), y).parsed]
    return len(seen), len(seen) - len(bad), bad


#: Timeline-like phrases as provincial documents write them (mined from ../shared/corpus,
#: never from the reference plans): quarters, months, dated deadlines, semesters, spans, years.
TIMELINE_PHRASE = re.compile(
    r"\b(?:(?:trước|chậm nhất|trong)\s+)?(?:"
    r"quý\s+(?:[IV]+|\d)(?![\w])(?:\s*(?:,|và|-|–)\s*(?:quý\s+)?(?:[IV]+|\d)(?![\w]))*"
    r"(?:\s*,?\s*(?:/|năm)\s*\d{4})?"
    r"|tháng\s+\d{1,2}(?!\d)(?:\s*(?:,|và|-|–)\s*\d{1,2}(?!\d))*(?:\s*,?\s*(?:/|năm)\s*\d{4})?"
    r"|ngày\s+\d{1,2}\s*(?:/\s*\d{1,2}\s*/\s*\d{4}|tháng\s+\d{1,2}\s+năm\s+\d{4})"
    r"|6 tháng (?:đầu|cuối) năm(?:\s*\d{4})?"
    r"|giai đoạn\s+\d{4}\s*[-–]\s*\d{4}"
    r"|năm\s+\d{4}"
    r")", re.IGNORECASE)
#: District and commune bodies as documents name them ("Phòng Nội vụ cấp huyện", "Ban Chỉ
#: huy quân sự cấp xã"): a head word, up to 60 characters without punctuation, the level.
OFFICE_PHRASE = re.compile(r"\b(?:Phòng|Ban|Văn phòng|Bộ phận|Trung tâm|Công an|Thanh tra)\b"
                           r"[^,;.:()\n“”\"]{0,60}?\bcấp (?:huyện|xã)\b")
SHARED_CORPUS = Path(os.environ.get("CCHC_CORPUS", ROOT.parent / "shared" / "corpus"))


def mine_corpus(path: Path) -> tuple[Counter, Counter]:
    """(timeline phrases, district/commune body names) of one gzip'd corpus file, counted."""
    import gzip

    timelines, offices = Counter(), Counter()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            timelines.update(m.group(0) for m in TIMELINE_PHRASE.finditer(line))
            offices.update(m.group(0) for m in OFFICE_PHRASE.finditer(line))
    return timelines, offices


def refused_rightly(phrase: str) -> bool:
    """A phrase the parser must not read: a year outside `timelines.YEARS` (1990–2100:
    history, "năm 1945"), a quarter past IV, a month past 12."""
    from normalizers.timelines import YEARS

    folded = fold_ascii(phrase).lower()
    if any(int(y) not in YEARS for y in re.findall(r"(?<!\d)\d{4}(?!\d)", folded)):
        return True
    if re.search(r"\bquy\s+(?:v|vi|vii|viii|ix|x|[5-9])\b", folded):
        return True
    return any(int(m) > 12 or int(m) == 0 for m in re.findall(r"\bthang\s+(\d{1,2})\b", folded))


def corpus_report(path: Path, on_date: dt.date = dt.date(2024, 1, 1), show: int = 1000) -> None:
    """Parse/resolve coverage on phrases mined from `path` (not the reference plans)."""
    timelines, offices = mine_corpus(path)
    bad = [p for p in timelines if not parse_timeline(p, on_date.year).parsed]
    right = [p for p in bad if refused_rightly(p)]
    wrong = sorted((p for p in bad if p not in right), key=lambda p: (-timelines[p], p))
    readable = len(timelines) - len(right)
    print(f"\ncorpus {path.name}: {len(timelines)} distinct timeline phrases ({sum(timelines.values())} in all); "
          f"{readable - len(wrong)}/{readable} of the readable ones parse ({(readable - len(wrong)) / readable:.1%}); "
          f"{len(right)} rightly refused (year outside 1990–2100, quarter past IV, month past 12)")
    for phrase in wrong[:show]:
        print(f"  not parsed ({timelines[phrase]}×): {phrase!r}")
    unresolved = {}
    for phrase in offices:
        mentions = resolve_cell(phrase, on_date)
        if not mentions or any(m.agency_id is None for m in mentions):
            unresolved[phrase] = mentions
    print(f"corpus {path.name}: {len(offices)} distinct district/commune body names ({sum(offices.values())} in all); "
          f"{len(offices) - len(unresolved)} resolve fully, {len(unresolved)} with an unresolved part (all listed):")
    for phrase in sorted(unresolved, key=lambda p: (-offices[p], p)):
        parts = "; ".join(f"{m.mention!r}→{m.agency_id or '?'}" for m in unresolved[phrase])
        print(f"  ({offices[phrase]}×) {phrase!r}: {parts}")


def extracted_cells(variant: str, plans: set[str]) -> dict[tuple[str, int, str], str]:
    """(plan, truth row, field) → the cell as this project extracted it from the rendered
    `variant` of the plan (rows paired with the truth as in `bench.score`; a truth row
    with no matching extracted row gives "" and costs recall)."""
    import tempfile

    from bench import render
    from bench.score import load_truth, pair_rows, rows_from_db
    from pipeline.ingest import ingest_paths

    cells: dict[tuple[str, int, str], str] = {}
    with tempfile.TemporaryDirectory(prefix="cchc-agency-bench-") as tmp:
        for plan in sorted(plans):
            db = Path(tmp) / f"{plan}.duckdb"
            ingest_paths([render.build(plan, variant)], db)
            truth = load_truth(render.CORPUS / plan / "truth.json")
            extracted = rows_from_db(db)
            for i, j in pair_rows(truth, extracted, match_folded=variant == "stripped").items():
                for field in ("lead_text", "coord_text"):
                    cells[(plan, i, field)] = extracted[j][field] or ""
    return cells


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, default=3, help="noise seeds to pool (default 3)")
    ap.add_argument("--show", type=int, default=10, help="failures to print per variant (default 10)")
    ap.add_argument("--extracted", action="append", default=[], metavar="VARIANT",
                    help="also score the cells this project extracts from a rendered variant "
                         "(e.g. scan300, stripped); repeatable")
    ap.add_argument("--corpus", action="append", default=None, metavar="FILE",
                    help="also mine timeline phrases and district/commune body names from a gzip'd text of "
                         "../shared/corpus (default file: text/admin_official_docs.txt.gz, the provincial "
                         "register) and report how many parse / resolve; 'none' to skip")
    args = ap.parse_args(argv)

    items = json.loads(MENTIONS.read_text(encoding="utf-8"))
    variants = {
        "clean": lambda it: it["cell"],
        "stripped": lambda it: fold_ascii(it["cell"]),
    }
    for variant in args.extracted:
        cells = extracted_cells(variant, {it["plan"] for it in items})
        variants[f"x:{variant}"] = (lambda cells: lambda it: cells.get((it["plan"], it["row"], it["field"]), ""))(cells)
    for s in range(args.seeds):
        variants[f"noisy s{s}"] = (lambda s: lambda it: ocr_noise(
            it["cell"], f"{s}|{it['plan']}|{it['row']}|{it['field']}"))(s)
    for s in range(args.seeds):
        variants[f"random s{s}"] = (lambda s: lambda it: random_noise(
            it["cell"], f"{s}|{it['plan']}|{it['row']}|{it['field']}"))(s)

    print(f"agency mentions: {len(items)} cells, {sum(len(i['expected']) for i in items)} expected mentions "
          f"({len({i['cell'] for i in items})} distinct cells)")
    print(f"{'variant':<10} {'CER':>6} {'pred':>5} {'P':>7} {'R':>7} {'F1':>7} {'cells>=1':>9} {'unres':>6} {'flag':>5}")
    pooled = {"noisy": Tally(), "random": Tally()}
    all_fail: dict[str, list] = {}
    for name, fn in variants.items():
        fails: list = []
        t = score_cells(items, fn, fails)
        all_fail[name] = fails
        print(f"{name:<10} {t.edits / t.chars:>6.1%} {t.predicted:>5} {t.precision:>7.4f} {t.recall:>7.4f} "
              f"{t.f1:>7.4f} {t.cells_with_entity / t.cells:>9.4f} {t.unresolved:>6} {t.flagged:>5}")
        family = name.split()[0]
        if family in pooled:
            for f in ("cells", "expected", "predicted", "correct", "unresolved", "flagged", "cells_with_entity",
                      "chars", "edits"):
                setattr(pooled[family], f, getattr(pooled[family], f) + getattr(t, f))
            last_of_family = name == f"{family} s{args.seeds - 1}"
            if last_of_family:
                t = pooled[family]
                print(f"{family + ' all':<10} {t.edits / t.chars:>6.1%} {t.predicted:>5} {t.precision:>7.4f} "
                      f"{t.recall:>7.4f} {t.f1:>7.4f} {t.cells_with_entity / t.cells:>9.4f} {t.unresolved:>6} "
                      f"{t.flagged:>5}")

    n, ok, bad = timeline_share()
    print(f"\ntimelines: {ok}/{n} distinct strings parse ({ok / n:.1%})" + (f"; not parsed: {bad}" if bad else ""))
    n, ok, bad = timeline_share(fold_ascii)
    print(f"timelines, stripped: {ok}/{n} parse ({ok / n:.1%})" + (f"; not parsed: {bad}" if bad else ""))

    corpus = args.corpus if args.corpus is not None else [str(SHARED_CORPUS / "text" / "admin_official_docs.txt.gz")]
    for file in corpus:
        if file != "none" and Path(file).is_file():
            corpus_report(Path(file))
        elif file != "none":
            print(f"\ncorpus {file}: not found (set CCHC_CORPUS or give --corpus FILE)")

    if args.show:
        for name, fails in all_fail.items():
            if fails:
                print(f"\n{name}: {len(fails)} cells with an error (first {min(args.show, len(fails))})")
                for f in fails[:args.show]:
                    print(f"  {f[0]} row {f[1]} {f[2]}: {f[3]!r}\n     got {f[4]} expected {f[5]} unresolved {f[6]}")


if __name__ == "__main__":
    main()
