"""Task-lineage bench: precision / recall / F1 per relation of three ways of linking the
rows of two plans, against the links labelled by hand in tests/corpus/links.json
(protocol: tests/corpus/TRUTH_SPEC.md, "Task links").

The plans' truth rows are loaded into a scratch database through the pipeline's own
normalisation (`stages.normalize_rows`: agencies resolved, timelines parsed) and read back
as `cchc lineage` reads them, so the bench scores linking alone, not extraction.

Methods:
- `query_c`: README query (c): Jaro–Winkler > 0.9 on the lower-cased task text (every pair
  of rows whose task texts pass); nothing to tune.
- `rapidfuzz`: the plain baseline: rapidfuzz token_set_ratio on the accent-folded
  task + activity + product, each later row linked to its best match when the score
  reaches a threshold tuned on the training pairs.
- `splink`: the kept method, `pipeline.lineage_model` (Splink Fellegi–Sunter over TF-IDF
  text, cross-field text, theme, rolled-up lead, product kind, recurrence; m from the
  training pairs' labels) and `pipeline.lineage_rule` (a decision rule per relation:
  probability, cosine, cosine within a share of the row's best; tuned on the training
  pairs of the same relation, or on all training pairs when none is of that relation).

Leave one pair out: each labelled pair in turn is held out; the tuned methods are fitted on
the other two pairs and scored on the held-out one ("held-out" rows of the table). The
"in-sample" rows fit and score on all three (what the shipped model is); they are not a
measure of quality.

Usage: python -m bench.lineage_bench [--save]   (--save writes pipeline/data/lineage_model.json,
trained on all three pairs); python -m bench.lineage_bench --scale 34 times linking 34
provinces × 5 plans (synthetic: the reference rows copied with rewording).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler

from normalizers.text import fold
from pipeline.lineage import plan_rows
from pipeline.lineage_model import LabelledPair, row_words
from pipeline.lineage_rule import MODEL_JSON, f1, link_rows, train

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
LINKS_JSON = CORPUS / "links.json"
RAPIDFUZZ_THRESHOLDS = tuple(range(40, 100, 2))


def load_truth_plans(con, plans: list[str]) -> dict[str, str]:
    """Load each plan's truth rows (normalised as the pipeline does) as a document;
    returns plan → doc_id."""
    import hashlib

    from extractors.metadata import PlanMetadata
    from pipeline.stages import normalize_rows
    from schemas import store
    from schemas.records import DocumentRecord, PlanRow

    out = {}
    for plan in plans:
        meta_json = json.loads((CORPUS / plan / "meta.json").read_text(encoding="utf-8"))
        truth = json.loads((CORPUS / plan / "truth.json").read_text(encoding="utf-8"))
        issued = pd.Timestamp(meta_json["issued_date"]).date() if meta_json["issued_date"] else None
        meta = PlanMetadata(title=meta_json["doc_title"], plan_number=meta_json["plan_number"] or None,
                            issued_date=issued, issuer=meta_json["issuer"], period=meta_json["period"])
        rows = normalize_rows([PlanRow(**r) for r in truth], meta)
        sha = hashlib.sha256(f"truth:{plan}".encode()).hexdigest()
        doc = DocumentRecord(sha256=sha, file_name=f"{plan}.pdf", file_path=f"/truth/{plan}.pdf", page_count=1,
                             pipeline_version="truth", text_source="text_layer", status="ok",
                             title=meta.title, plan_number=meta.plan_number, issued_date=issued,
                             issuer=meta.issuer, period=meta.period)
        store.load_document(con, doc, rows)
        out[plan] = doc.doc_id
    return out


def labelled_pairs(con, doc_ids: dict[str, str], links_json: Path = LINKS_JSON) -> list[tuple[str, LabelledPair]]:
    """(relation, pair) for every pair of links.json, rows read from the database."""
    out = []
    for p in json.loads(links_json.read_text(encoding="utf-8"))["pairs"]:
        a, b = doc_ids[p["later"]], doc_ids[p["earlier"]]
        later, earlier = row_words(plan_rows(con, a)), row_words(plan_rows(con, b))
        assert len(later) == p["later_rows"] and len(earlier) == p["earlier_rows"], p["later"]
        links = frozenset((f"{a}:{x['later_row']}", f"{b}:{x['earlier_row']}") for x in p["links"])
        out.append((p["relation"], LabelledPair(f"{p['later']}→{p['earlier']}", later, earlier, links, p["relation"])))
    return out


# --------------------------------------------------------------------------- the two baselines

def query_c_links(later: pd.DataFrame, earlier: pd.DataFrame) -> set[tuple[str, str]]:
    """README query (c) at row level: task texts with Jaro–Winkler > 0.9, lower-cased
    (rapidfuzz's JaroWinkler is DuckDB's jaro_winkler_similarity)."""
    return {(a, b) for a, ta in zip(later["row_id"], later["task"]) for b, tb in zip(earlier["row_id"], earlier["task"])
            if ta and tb and JaroWinkler.similarity((ta or "").lower(), (tb or "").lower()) > 0.9}


def _all_text(frame: pd.DataFrame) -> list[str]:
    return [fold(" ".join(x or "" for x in (t, a, p))) for t, a, p in zip(frame["task"], frame["activity"],
                                                                         frame["product"])]


def rapidfuzz_scores(later: pd.DataFrame, earlier: pd.DataFrame) -> dict[str, tuple[str, float]]:
    """Each later row's best earlier row and its token_set_ratio."""
    b_text = _all_text(earlier)
    out = {}
    for row_id, text in zip(later["row_id"], _all_text(later)):
        scores = [fuzz.token_set_ratio(text, t) for t in b_text]
        best = max(range(len(scores)), key=scores.__getitem__)
        out[row_id] = (earlier["row_id"].iloc[best], scores[best])
    return out


def rapidfuzz_links(scores: dict[str, tuple[str, float]], threshold: float) -> set[tuple[str, str]]:
    return {(a, b) for a, (b, s) in scores.items() if s >= threshold}


def tune_rapidfuzz(train_pairs: list[LabelledPair]) -> float:
    scored = [(rapidfuzz_scores(p.later, p.earlier), p.links) for p in train_pairs]
    return max(RAPIDFUZZ_THRESHOLDS, key=lambda t: (sum(f1(rapidfuzz_links(s, t), g)[2] for s, g in scored), -t))


# --------------------------------------------------------------------------- the bench

@dataclass(frozen=True)
class Result:
    method: str
    relation: str
    pair: str
    split: str          # held-out | in-sample | untuned
    precision: float
    recall: float
    f1: float
    setting: str


def run(pairs: list[tuple[str, LabelledPair]]) -> list[Result]:
    results = []
    for relation, held in pairs:
        rest = [p for _, p in pairs if p is not held]
        got = query_c_links(held.later, held.earlier)
        results.append(Result("query_c", relation, held.name, "untuned", *f1(got, held.links), "JW > 0.9"))
        t = tune_rapidfuzz(rest)
        got = rapidfuzz_links(rapidfuzz_scores(held.later, held.earlier), t)
        results.append(Result("rapidfuzz", relation, held.name, "held-out", *f1(got, held.links), f"ratio >= {t}"))
        model = train(rest)
        links = link_rows(model, held.later, held.earlier, relation)
        got = set(zip(links["row_id"], links["linked_row_id"]))
        rule = model.rule(relation)
        results.append(Result("splink", relation, held.name, "held-out", *f1(got, held.links),
                              f"{rule.method} (rule tuned on {', '.join(rule.tuned_on)})"))
    everything = [p for _, p in pairs]
    t = tune_rapidfuzz(everything)
    model = train(everything)
    for relation, p in pairs:
        got = rapidfuzz_links(rapidfuzz_scores(p.later, p.earlier), t)
        results.append(Result("rapidfuzz", relation, p.name, "in-sample", *f1(got, p.links), f"ratio >= {t}"))
        links = link_rows(model, p.later, p.earlier, relation)
        got = set(zip(links["row_id"], links["linked_row_id"]))
        results.append(Result("splink", relation, p.name, "in-sample", *f1(got, p.links), model.method(relation)))
    return results


def table(results: list[Result]) -> str:
    lines = ["| method | relation | pair (later→earlier) | split | precision | recall | F1 | setting |",
             "|---|---|---|---|---|---|---|---|"]
    for r in results:
        lines.append(f"| {r.method} | {r.relation} | {r.pair} | {r.split} | {r.precision:.2f} | {r.recall:.2f} | "
                     f"{r.f1:.2f} | {r.setting} |")
    return "\n".join(lines)


# --------------------------------------------------------------------------- scale

SCALE_PERIODS = ("2021-2030", "2024", "2025", "2026", "2027")


def reworded(text: str, rng) -> str:
    """`text` with about one word in eight dropped and two neighbours swapped: the
    rewording a later plan does to a carried task."""
    toks = text.split()
    toks = [t for t in toks if rng.random() > 0.12] or toks[:1]
    if len(toks) > 3:
        i = rng.randrange(len(toks) - 1)
        toks[i], toks[i + 1] = toks[i + 1], toks[i]
    return " ".join(toks)


def synthetic_plans(con, provinces: int, seed: int = 7) -> int:
    """`provinces` issuers × SCALE_PERIODS plans: the 2021–2030 truth rows for the
    multi-year plan, and for each annual plan the rows of plan2026 and plan2025h2
    (alternately), reworded and with a tenth of them left out; loaded through the
    pipeline's normalisation. Returns the number of rows loaded."""
    import hashlib
    import random

    from extractors.metadata import PlanMetadata
    from pipeline.stages import normalize_rows
    from schemas import store
    from schemas.records import DocumentRecord, PlanRow

    rng = random.Random(seed)
    truths = {p: json.loads((CORPUS / p / "truth.json").read_text(encoding="utf-8"))
              for p in ("plan2021_2030", "plan2026", "plan2025h2")}
    total = 0
    for i in range(provinces):
        issuer = f"ỦY BAN NHÂN DÂN TỈNH SỐ {i + 1}"
        for k, period in enumerate(SCALE_PERIODS):
            source = truths["plan2021_2030"] if k == 0 else truths["plan2026" if k % 2 else "plan2025h2"]
            rows = []
            for r in source:
                if k and rng.random() < 0.1:
                    continue
                r = dict(r)
                if k:
                    for name in ("task", "activity", "product"):
                        r[name] = reworded(r[name], rng)
                rows.append(PlanRow(**r))
            meta = PlanMetadata(issuer=issuer, period=period, title=f"Kế hoạch CCHC {period}")
            rows = normalize_rows(rows, meta)
            sha = hashlib.sha256(f"scale:{i}:{period}".encode()).hexdigest()
            store.load_document(con, DocumentRecord(sha256=sha, file_name=f"p{i + 1}_{period}.pdf",
                                                    file_path=f"/scale/p{i + 1}_{period}.pdf", page_count=1,
                                                    pipeline_version="scale", text_source="text_layer",
                                                    status="ok", issuer=issuer, period=period), rows)
            total += len(rows)
    return total


def scale(provinces: int) -> str:
    """Time `cchc lineage`'s work (pipeline.lineage.link_current) on a synthetic set."""
    from pipeline.lineage import link_current
    from pipeline.stages import prepare_database
    from schemas import store

    with tempfile.TemporaryDirectory() as tmp:
        con = store.connect(Path(tmp) / "scale.duckdb")
        prepare_database(con)
        started = time.monotonic()
        rows = synthetic_plans(con, provinces)
        loaded = time.monotonic() - started
        started = time.monotonic()
        done, _ = link_current(con)
        linked = time.monotonic() - started
        links = con.execute("SELECT count(*) FROM row_links").fetchall()[0][0]
        con.close()
    return (f"{provinces} provinces × {len(SCALE_PERIODS)} plans ({rows} rows): {len(done)} pairs of plans linked, "
            f"{links} row links, in {linked:.0f} s ({linked / max(len(done), 1):.2f} s a pair; loading the rows "
            f"took {loaded:.0f} s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--save", action="store_true", help=f"write the model trained on all pairs to {MODEL_JSON}")
    parser.add_argument("--scale", type=int, metavar="PROVINCES", help="instead: time linking a synthetic set of "
                        f"PROVINCES issuers × {len(SCALE_PERIODS)} plans (34: the country after the 2025 mergers)")
    args = parser.parse_args(argv)
    from schemas import store

    if args.scale:
        print(scale(args.scale))
        return 0

    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        con = store.connect(Path(tmp) / "truth.duckdb")
        from pipeline.stages import prepare_database

        prepare_database(con)
        doc_ids = load_truth_plans(con, ["plan2021_2030", "plan2026", "plan2025h2"])
        pairs = labelled_pairs(con, doc_ids)
        con.close()
    print(table(run(pairs)))
    if args.save:
        model = train([p for _, p in pairs])
        MODEL_JSON.parent.mkdir(parents=True, exist_ok=True)
        MODEL_JSON.write_text(model.to_json() + "\n", encoding="utf-8")
        rules = "; ".join(f"{r}: {rule.method}" for r, rule in sorted(model.rules.items()))
        print(f"\nsaved {MODEL_JSON.relative_to(ROOT)} ({rules}; trained on {', '.join(model.trained_on)})")
    print(f"\n({time.monotonic() - started:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
