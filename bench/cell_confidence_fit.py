"""Fit the cell-confidence model (`extractors.cell_confidence`) on the cells of the TUNE
scans, choose the doubtful threshold there, and write `extractors/data/cell_confidence.json`.

Two steps:

- ``--gather``: each TUNE scan (`bench.scangen`, split "tune") of the chosen plans is
  extracted in a fresh process (`bench.run.measure`, the language model built without
  that plan) with ``CCHC_CELL_EVIDENCE`` set, so every reading and every settled cell
  writes its evidence to ``build/bench/confidence/<plan>.<condition>.jsonl`` beside the
  DuckDB file.
- fit (default): every cell of the paired rows (`bench.score.pair_rows`) is labelled
  wrong or right against the truth, joined by (field, page, bbox) to its evidence, and
  two models are fitted: the reading model, an L2-regularised logistic regression (numpy
  Newton steps) on each piece's reading features, then the cell model, gradient-boosted
  trees (`fit_trees`; ``--linear``: logistic) on the reading confidence that model gives
  and what the correction saw. The threshold is the highest
  confidence that flags at most `MAX_FLAGGED` of the cells. Also printed: the same
  fitted leaving one condition out (each condition scored by a model that never saw it).

Texts do not depend on confidences (rereads are decided by `extractors.ocr`'s own rule),
so the confidences this simulates are those the pipeline gives with the fitted file.

Usage: ``python -m bench.cell_confidence_fit --gather [--plan P] [--condition C]``, then
``python -m bench.cell_confidence_fit [--with-split S] [--write]``. ``--with-split S`` adds
the gathered scans of a development split S (a held-out split scored once already, never
the newest) to the fit: more fonts and copiers than TUNE has. With ``--split heldout|heldout2|heldout3``
the scans of that development split are gathered and the flags the pipeline gave them
(the shipped model) are scored: a check of the leave-one-condition-out figure, never
fitted on.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path

import numpy as np

from bench import render, scangen, score
from extractors.cell_confidence import (CELL_FEATURES, DOUBTFUL_BELOW, EVIDENCE_ENV, MODEL_FILE,
                                        READING_FEATURES, field_features, logit, text_features)

OUT = render.ROOT / "build" / "bench" / "confidence"
#: Flag at most this share of the cells fitted on (issue 13 asks ≤ 15 % on held-out scans:
#: the margin is for scans the model never saw). Fitted on TUNE alone, a condition the
#: model never saw was flagged about one point more (0.13 → 0.139, 0.14 → 0.148) and a
#: font of a later split up to four (HELD-OUT 12: 0.174 under the fit on TUNE + HELD-OUT
#: 6–7); fitted on TUNE + HELD-OUT 8–12 (35 conditions, 90 scans), a condition left out
#: is flagged 0.142 at 0.14 (caught 0.758; at 0.13: 0.132, caught 0.740; at 0.145: 0.147,
#: caught 0.772), so 0.14 keeps most of a point under 0.15. Fitted on TUNE + HELD-OUT 9–14
#: (42 conditions, 102 scans) with `odd_tokens`: a condition left out is flagged 0.142,
#: caught 0.773; on TUNE + HELD-OUT 9–16 (50 conditions, 126 scans): 0.142, 0.774.
MAX_FLAGGED = 0.14
L2 = 1.0  # ridge penalty on the standardised coefficients
#: The cell model's trees: 200 rounds of at most 15 leaves, each leaf ≥ 50 cells; no early
#: stopping (its random validation split would make the fit depend on a seed). On TUNE +
#: HELD-OUT 9–20 (82,921 cells with pieces, 52 conditions) a condition left out was caught
#: 0.871 at 0.141 flagged by these trees, 0.786 at 0.140 by the logistic cell model.
TREES = dict(max_iter=200, learning_rate=0.05, max_leaf_nodes=15, min_samples_leaf=50, early_stopping=False)


def gather(plans: list[str], conditions: list[scangen.Condition]) -> None:
    from bench.run import build_held_out_model, measure

    OUT.mkdir(parents=True, exist_ok=True)
    for plan in plans:
        build_held_out_model(plan)
        _, meta = render.load_plan(plan)
        for cond in conditions:
            pdf = scangen.build(plan, cond)
            log = OUT / f"{plan}.{cond.name}.jsonl"
            log.unlink(missing_ok=True)
            os.environ[EVIDENCE_ENV] = str(log)
            m = measure("cchc", pdf, OUT / f"{plan}.{cond.name}.duckdb", len(meta["columns"]), plan)
            print(f"{plan:14s} {cond.name:14s} {json.dumps(m)}", flush=True)
    os.environ.pop(EVIDENCE_ENV, None)


def _key(field: str, page: int, bbox) -> tuple:
    return (field, int(page), tuple(round(float(v), 1) for v in bbox))


def cells_of(plan: str, cond: str) -> list[dict]:
    """One sample per cell of the paired rows (as `bench.score.flag_quality` counts them):
    its label (wrong), and per piece the cell evidence and the reading's. A cell without
    pieces (empty, or digital) is never flagged and is not fitted on."""
    import duckdb

    log, db = OUT / f"{plan}.{cond}.jsonl", OUT / f"{plan}.{cond}.duckdb"
    if not (log.exists() and db.exists()):
        return []
    readings, settled = {}, {}
    for line in log.read_text(encoding="utf-8").splitlines():
        ev = json.loads(line)
        if ev["kind"] == "reading":
            readings[(int(ev["page"]), tuple(round(float(v), 1) for v in ev["bbox"]))] = ev
        else:
            settled[_key(ev["field"], ev["page"], ev["bbox"])] = ev
    truth = score.load_truth(render.CORPUS / plan / "truth.json")
    try:
        extracted = score.rows_from_db(db)
    except ValueError:
        return []
    con = duckdb.connect(str(db), read_only=True)
    boxes = [json.loads(b or "{}") for (b,) in con.execute(
        "SELECT cell_boxes FROM plan_rows WHERE doc_id = (SELECT doc_id FROM documents WHERE is_current) "
        "ORDER BY row_no").fetchall()]
    con.close()
    out = []
    for i, j in score.pair_rows(truth, extracted).items():
        for f in score.used_fields(truth):
            pieces = boxes[j].get(f) or []
            parts = []
            for p in pieces:
                cell = settled.get(_key(f, p["page"], p["bbox"]))
                if cell is None:
                    continue
                reading = readings.get((int(p["page"]), tuple(round(float(v), 1) for v in p["bbox"])))
                parts.append((cell, reading))
            out.append({"plan": plan, "condition": cond, "field": f,
                        "wrong": (truth[i].get(f) or "") != (extracted[j].get(f) or ""), "parts": parts})
    return out


def _matrix(rows: list[dict[str, float]], names: tuple[str, ...]) -> np.ndarray:
    return np.array([[r[n] for n in names] for r in rows], dtype=float)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2) -> dict:
    """L2-regularised logistic regression of y (1 = right) on standardised x (Newton)."""
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale
    a = np.hstack([np.ones((len(z), 1)), z])
    w = np.zeros(a.shape[1])
    penalty = np.full(a.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(a @ w)))
        grad = a.T @ (p - y) + penalty * w
        hess = (a * (p * (1 - p))[:, None]).T @ a + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return {"mean": mean.tolist(), "scale": scale.tolist(), "coef": w[1:].tolist(), "intercept": float(w[0])}


def fit_trees(x: np.ndarray, y: np.ndarray) -> dict:
    """Gradient-boosted trees of y (1 = right) on x (scikit-learn's
    HistGradientBoostingClassifier, `TREES`), written out as `extractors.cell_confidence.TreeModel`
    reads them: the features' effects are neither linear nor additive (a long cell with one
    changed word is not a short one with one changed word), which a linear model cannot say."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    m = HistGradientBoostingClassifier(**TREES).fit(x, y)
    trees = []
    for (predictor,) in m._predictors:  # one tree per iteration (binary: one predictor each)
        trees.append([[int(n["feature_idx"]), float(n["num_threshold"]), -1 if n["is_leaf"] else int(n["left"]),
                       -1 if n["is_leaf"] else int(n["right"]), float(n["value"]) if n["is_leaf"] else 0.0]
                      for n in predictor.nodes])
    return {"kind": "trees", "base": float(np.ravel(m._baseline_prediction)[0]), "trees": trees}


def _trees_logit(model: dict, x: np.ndarray) -> np.ndarray:
    z = np.full(len(x), model["base"])
    rows = np.arange(len(x))
    for tree in model["trees"]:
        feature, threshold, left, right, value = (np.array(c) for c in zip(*tree))
        node = np.zeros(len(x), dtype=int)
        while (inner := left[node] >= 0).any():
            k = node[inner]
            go_left = x[rows[inner], feature[k]] <= threshold[k]
            node[inner] = np.where(go_left, left[k], right[k])
        z += value[node]
    return z


def _apply(model: dict, x: np.ndarray) -> np.ndarray:
    if model.get("kind") == "trees":
        z = _trees_logit(model, x)
    else:
        z = model["intercept"] + ((x - np.array(model["mean"])) / np.array(model["scale"])) @ np.array(model["coef"])
    return 1.0 / (1.0 + np.exp(-z))


def arrived(reading_model: dict, cell: dict, reading: dict | None) -> float:
    """The confidence a piece reaches the cell step with under `reading_model`: its
    reading's, unless row building set it (a section number the sequence confirms: 1.0)."""
    if reading is None:
        return cell["arrived"]
    p = round(float(_apply(reading_model, _matrix([reading["features"]], READING_FEATURES))[0]), 3)  # as cell_boxes keeps it
    if abs(cell["arrived"] - round(reading["conf"], 3)) > 1.5e-3:  # changed after reading
        return cell["arrived"] if cell["arrived"] >= 1.0 else min(p, cell["arrived"])
    return p


def fit(samples: list[dict], l2: float = L2, trees: bool = True) -> tuple[dict, dict]:
    """(reading model, cell model) fitted on the `samples` that have pieces: the reading
    model logistic, the cell model trees (`fit_trees`) or, with `trees` False, logistic."""
    samples = [s for s in samples if s["parts"]]
    rx, ry = [], []
    for s in samples:
        for _, reading in s["parts"]:
            if reading is not None:
                rx.append(reading["features"])
                ry.append(0.0 if s["wrong"] else 1.0)
    reading_model = fit_logistic(_matrix(rx, READING_FEATURES), np.array(ry), l2)
    cx = _matrix([cell_row(reading_model, s) for s in samples], CELL_FEATURES)
    cy = np.array([0.0 if s["wrong"] else 1.0 for s in samples])
    cell_model = fit_trees(cx, cy) if trees else fit_logistic(cx, cy, l2)
    return reading_model, cell_model


def cell_row(reading_model: dict, s: dict) -> dict[str, float]:
    """The cell features of sample `s`, from its least sure piece under `reading_model`."""
    best = None
    for cell, reading in s["parts"]:
        p = arrived(reading_model, cell, reading)
        if best is None or p < best[0]:
            best = (p, cell)
    # the field's kind and pieces, from the sample (logs of the first gathering lack them)
    texts = text_features(best[1]["text"])
    return {**best[1]["features"], **texts, **field_features(texts, s["field"]),
            "pieces": float(min(3, len(s["parts"]))), "reading_logit": logit(best[0])}


def probabilities(models: tuple[dict, dict], samples: list[dict]) -> np.ndarray:
    """P(right) of each sample (1 for a cell without pieces: never flagged)."""
    reading_model, cell_model = models
    out = np.ones(len(samples))
    k = [i for i, s in enumerate(samples) if s["parts"]]
    if k:
        out[k] = _apply(cell_model, _matrix([cell_row(reading_model, samples[i]) for i in k], CELL_FEATURES))
    return out


def old_rule(s: dict) -> float:
    """The confidence the rule before this model gave the cell: the reading's mean word
    confidence capped by its weakest word and valid syllables, 0.6 for disagreeing item
    numbers, then at most the language model's posterior (1 for a cell without pieces)."""
    out = 1.0
    for cell, reading in s["parts"]:
        p = cell["arrived"]
        if reading is not None and abs(cell["arrived"] - round(reading["conf"], 3)) <= 1.5e-3:
            f = reading["features"]
            p = min(f["old_rule"], 0.6) if f["readings_disagree"] else f["old_rule"]
        out = min(out, p, cell["features"]["lm_posterior"])
    return out


def flags_at(p: np.ndarray, wrong: np.ndarray, threshold: float) -> tuple[float, float, float]:
    """(caught, flagged share, share of flagged that are wrong)."""
    flagged = p < threshold
    caught = (flagged & wrong).sum() / max(1, wrong.sum())
    precision = (flagged & wrong).sum() / max(1, flagged.sum())
    return float(caught), float(flagged.mean()), float(precision)


def choose_threshold(p: np.ndarray, max_flagged: float = MAX_FLAGGED) -> float:
    """The threshold flagging at most `max_flagged` of the cells (the most it may)."""
    k = int(math.floor(max_flagged * len(p)))
    ordered = np.sort(p)
    return float(ordered[k]) if k < len(ordered) else 1.0


def score_split(plans: list[str], conditions: list[scangen.Condition]) -> None:
    """Print the flags the pipeline gave the gathered scans of a development split (the
    confidences stored in their DuckDB files, under the shipped model): scored, never
    fitted on."""
    total = np.zeros(4, dtype=int)
    for cond in conditions:
        counts = np.zeros(4, dtype=int)
        for plan in plans:
            db = OUT / f"{plan}.{cond.name}.duckdb"
            if not db.exists():
                continue
            truth = score.load_truth(render.CORPUS / plan / "truth.json")
            try:
                rows = score.rows_from_db(db, with_confidence=True)
            except ValueError as e:
                print(f"  {plan} {cond.name}: {e}")
                continue
            f = score.flag_quality(truth, rows, DOUBTFUL_BELOW)
            counts += (f.cells, f.wrong, f.flagged, f.wrong_flagged)
        total += counts
        print(f"  {cond.name:18s} cells {counts[0]:5d} wrong {counts[1]:4d} "
              f"caught {counts[3] / max(1, counts[1]):.3f} flagged {counts[2] / max(1, counts[0]):.3f}")
    print(f"{conditions[0].split}: {total[0]} cells, {total[1]} wrong: caught {total[3] / max(1, total[1]):.3f}, "
          f"flagged {total[2] / max(1, total[0]):.3f} (below {DOUBTFUL_BELOW})")


def model_json(data: dict) -> str:
    """`data` as indented JSON, a tree of the cell model on one line (not a number a line)."""
    trees = data["cell"].get("trees")
    if trees is None:
        return json.dumps(data, indent=1)
    marker = "@trees@"
    text = json.dumps({**data, "cell": {**data["cell"], "trees": marker}}, indent=1)
    lines = (json.dumps([[f, t, lo, hi, float(f"{v:.6g}")] for f, t, lo, hi, v in tree], separators=(",", ":"))
             for tree in trees)
    return text.replace(f'"{marker}"', "[\n   " + ",\n   ".join(lines) + "\n  ]")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gather", action="store_true", help="extract the TUNE scans with evidence first")
    ap.add_argument("--plan", action="append", choices=render.PLANS)
    ap.add_argument("--split", default="tune", choices=scangen.SPLITS,
                    help="tune (gathered and fitted on) or a development split (gathered and scored only)")
    ap.add_argument("--condition", action="append", choices=[c.name for c in scangen.conditions()])
    ap.add_argument("--with-split", action="append", default=[], choices=scangen.SPLITS[1:-1],
                    help="a development split (a held-out split already scored; never the newest, which "
                         "`make bench` scores) whose gathered scans join the TUNE scans in the fit")
    ap.add_argument("--write", action="store_true", help=f"write {MODEL_FILE.name}")
    ap.add_argument("--l2", type=float, default=L2, help="ridge penalty (default %(default)s)")
    ap.add_argument("--linear", action="store_true", help="a logistic cell model instead of trees")
    args = ap.parse_args(argv)
    plans = args.plan or list(render.PLANS)
    conds = [scangen.BY_NAME[n] for n in args.condition] if args.condition else list(scangen.conditions(args.split))
    if any(c.split != args.split for c in conds):
        raise SystemExit(f"--condition must name conditions of the split {args.split!r}")
    if args.split != "tune" and args.write:
        raise SystemExit("the model is fitted on TUNE only: --write needs --split tune")
    if args.gather:
        gather(plans, conds)
    if args.split != "tune":
        score_split(plans, conds)
        return
    conds += [c for split in args.with_split for c in scangen.conditions(split)]
    samples = [s for plan in plans for c in conds for s in cells_of(plan, c.name)]
    if not samples:
        raise SystemExit("no evidence: run with --gather first")
    wrong = np.array([s["wrong"] for s in samples])
    print(f"{len(samples)} cells of {len({(s['plan'], s['condition']) for s in samples})} scans "
          f"(tune{''.join(' + ' + n for n in args.with_split)}), "
          f"{wrong.sum()} wrong")
    # leave one condition out: each condition scored by models fitted without it
    loo = np.zeros(len(samples))
    names = sorted({s["condition"] for s in samples})
    for name in names if len(names) > 1 else ():
        train = [s for s in samples if s["condition"] != name]
        test = [k for k, s in enumerate(samples) if s["condition"] == name]
        models = fit(train, args.l2, trees=not args.linear)
        t = choose_threshold(probabilities(models, train))
        # on the common scale: below DOUBTFUL_BELOW is doubtful
        p = probabilities(models, [samples[k] for k in test])
        p = np.clip(p, 1e-12, 1 - 1e-12)
        loo[test] = 1.0 / (1.0 + np.exp(-(np.log(p / (1 - p)) + logit(DOUBTFUL_BELOW) - logit(t))))
    models = fit(samples, args.l2, trees=not args.linear)
    p = probabilities(models, samples)
    threshold = choose_threshold(p)
    caught, flagged, precision = flags_at(p, wrong, threshold)
    lc, lf, lp = flags_at(loo, wrong, DOUBTFUL_BELOW)
    print(f"threshold {threshold:.4f}: caught {caught:.3f}, flagged {flagged:.3f}, flags wrong {precision:.3f} "
          f"(fitted on all its cells)")
    oc, of, op = flags_at(np.array([old_rule(s) for s in samples]), wrong, DOUBTFUL_BELOW)
    print(f"the rule before (below {DOUBTFUL_BELOW}): caught {oc:.3f}, flagged {of:.3f}, flags wrong {op:.3f}")
    print(f"leave one condition out: caught {lc:.3f}, flagged {lf:.3f}, flags wrong {lp:.3f}")
    for name in names:
        k = np.array([s["condition"] == name for s in samples])
        c, f, pr = flags_at(loo[k], wrong[k], DOUBTFUL_BELOW)
        print(f"  {name:14s} cells {k.sum():5d} wrong {wrong[k].sum():4d} caught {c:.3f} flagged {f:.3f}")
    for label, m, feats in (("reading", models[0], READING_FEATURES), ("cell", models[1], CELL_FEATURES)):
        if m.get("kind") == "trees":
            print(label, f"{len(m['trees'])} trees, {sum(n[2] < 0 for t in m['trees'] for n in t)} leaves")
        else:
            print(label, ", ".join(f"{n} {c:+.2f}" for n, c in zip(feats, m["coef"])), f"intercept {m['intercept']:+.2f}")
    if args.write:
        data = {"reading": {"features": list(READING_FEATURES), **models[0]},
                "cell": {"features": list(CELL_FEATURES), **models[1]},
                "threshold": threshold,
                "fitted": {"by": " ".join(["python -m bench.cell_confidence_fit", *(argv if argv is not None else sys.argv[1:])]),
                           "split": "+".join(["tune", *args.with_split]),
                           "plans": plans, "conditions": [c.name for c in conds], "cells": len(samples),
                           "wrong": int(wrong.sum()), "l2": args.l2, "max_flagged": MAX_FLAGGED,
                           "cell_model": "logistic" if args.linear else {"trees": TREES},
                           "tune_caught": round(caught, 4), "tune_flagged": round(flagged, 4),
                           "leave_one_condition_out": {"caught": round(lc, 4), "flagged": round(lf, 4)},
                           "rule_before": {"caught": round(oc, 4), "flagged": round(of, 4)}}}
        MODEL_FILE.write_text(model_json(data) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_FILE}")


if __name__ == "__main__":
    main()
