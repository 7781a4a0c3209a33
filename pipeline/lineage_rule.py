"""The decision rule that turns scored row pairs into links, one rule per relation, and
the trained model file (`pipeline/data/lineage_model.json`).

Why a rule per relation and a margin relative to the row's best text match: the two
relations behave differently. `continues` pairs an annual plan with the previous one,
which mostly repeats it word for word; `implements` pairs it with the 10-year plan, whose
long rows share only a few words with any annual row, so the Splink match probability of
the right earlier row and of a wrong one in the same section are close, and one global
threshold either drops the first or keeps the second. Measured on the labelled pairs
(`python -m bench.lineage_bench`, leave one pair out), keeping for each later row only the
candidates whose TF-IDF cosine is within a share of its best candidate's (the rows of one
10-year item it carries out score alike; a neighbouring item scores clearly lower) raised
the held-out F1 of every pair (README, "What changed since the last plan").

A later row links to an earlier row when all three hold:
- the Splink match probability is at least `threshold`;
- the TF-IDF cosine of their task + activity + product words is at least `min_cosine`;
- that cosine is at least (1 − `cosine_margin`) × the best cosine of the later row
  (so one row may link to several, split and merged tasks).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.lineage_model import Job, LabelledPair, fit_parameters, score_jobs

#: The model trained on the hand-labelled links of the reference plans (`python -m
#: bench.lineage_bench --save`), used by `cchc lineage` and ingest.
MODEL_JSON = Path(__file__).resolve().parent / "data" / "lineage_model.json"

THRESHOLDS = (0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
MIN_COSINES = (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)
COSINE_MARGINS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1.0)


@dataclass(frozen=True)
class DecisionRule:
    """When a scored pair is a link (module docstring); `tuned_on` names the labelled
    pairs the three numbers were chosen on."""
    threshold: float
    min_cosine: float
    cosine_margin: float
    tuned_on: tuple[str, ...] = ()

    @property
    def method(self) -> str:
        return f"splink-fs:p>={self.threshold:g},cos>={self.min_cosine:g},within={self.cosine_margin:g}"


def select_links(scored: pd.DataFrame, rule: DecisionRule) -> pd.DataFrame:
    """The pairs of `scored` (`score_jobs` output: `match_probability`, `text_cosine`)
    that `rule` keeps; the best cosine is taken per later row (and job)."""
    if scored.empty:
        return scored
    keys = ["job", "row_id"] if "job" in scored.columns else ["row_id"]
    best = scored.groupby(keys)["text_cosine"].transform("max")
    keep = ((scored["match_probability"] >= rule.threshold) & (scored["text_cosine"] >= rule.min_cosine)
            & (scored["text_cosine"] >= best * (1 - rule.cosine_margin)))
    return scored[keep]


def link_set(links: pd.DataFrame) -> set[tuple[str, str]]:
    return set(zip(links["row_id"], links["linked_row_id"]))


def f1(predicted: set, gold: set) -> tuple[float, float, float]:
    """(precision, recall, F1); an empty prediction has precision 0."""
    return _prf(len(predicted & gold), len(predicted), len(gold))


def _prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """(precision, recall, F1) from counts."""
    p, r = (tp / predicted if predicted else 0.0), (tp / gold if gold else 0.0)
    return p, r, (2 * p * r / (p + r) if tp else 0.0)


@dataclass
class LinkModel:
    """A trained Splink model (`splink_settings`, shared by the relations: the features
    say the same thing in both) and a decision rule per relation."""
    splink_settings: dict
    rules: dict[str, DecisionRule]
    trained_on: list[str] = field(default_factory=list)

    def rule(self, relation: str) -> DecisionRule:
        """The rule of `relation`; a relation the model has no rule for is an error."""
        if relation not in self.rules:
            raise ValueError(f"the lineage model has no decision rule for relation {relation!r} "
                             f"(it has {', '.join(sorted(self.rules))}); "
                             "retrain it: python -m bench.lineage_bench --save")
        return self.rules[relation]

    def method(self, relation: str) -> str:
        return self.rule(relation).method

    def to_json(self) -> str:
        rules = {r: {**asdict(rule), "tuned_on": list(rule.tuned_on)} for r, rule in sorted(self.rules.items())}
        return json.dumps({"rules": rules, "trained_on": self.trained_on, "splink_settings": self.splink_settings},
                          ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> "LinkModel":
        d = json.loads(text)
        rules = {r: DecisionRule(v["threshold"], v["min_cosine"], v["cosine_margin"], tuple(v.get("tuned_on", ())))
                 for r, v in d["rules"].items()}
        return cls(d["splink_settings"], rules, d.get("trained_on", []))


def load_model(path: Path | str = MODEL_JSON) -> LinkModel:
    """The trained model; a missing file is an error (train it with
    `python -m bench.lineage_bench --save`), never an untrained default."""
    return LinkModel.from_json(Path(path).read_text(encoding="utf-8"))


def tune_rule(scored: list[tuple[str, pd.DataFrame, frozenset]]) -> DecisionRule:
    """The rule with the best mean F1 over `scored` ((pair name, scored pairs, labelled
    links)); ties go to the larger numbers (higher floors). The same F1 as `f1(link_set(select_links(
    …)), links)`, counted on arrays (the grid has 768 rules)."""
    arrays = []
    for _, s, gold in scored:
        best = s.groupby("row_id")["text_cosine"].transform("max").to_numpy()
        is_link = np.array([pair in gold for pair in zip(s["row_id"], s["linked_row_id"])])
        arrays.append((s["match_probability"].to_numpy(), s["text_cosine"].to_numpy(), best, is_link, len(gold)))
    best_rule: tuple | None = None
    for t in THRESHOLDS:
        for c in MIN_COSINES:
            for m in COSINE_MARGINS:
                scores = []
                for prob, cos, top, is_link, n_gold in arrays:
                    keep = (prob >= t) & (cos >= c) & (cos >= top * (1 - m))
                    scores.append(_prf(int((keep & is_link).sum()), int(keep.sum()), n_gold)[2])
                mean = float(np.mean(scores))
                if best_rule is None or (mean, t, c, m) > best_rule:
                    best_rule = (mean, t, c, m)
    return DecisionRule(best_rule[1], best_rule[2], best_rule[3], tuple(name for name, _, _ in scored))


def train(pairs: list[LabelledPair], relations: tuple[str, ...] = ("continues", "implements"),
          seed: int = 1) -> LinkModel:
    """Fit the Splink parameters on all the labelled pairs, then the rule of each relation
    on the pairs of that relation; a relation with no labelled pair among `pairs` (the
    held-out one in the bench) gets its rule from all the pairs, and its `tuned_on` says so."""
    fitted = fit_parameters(pairs, seed)
    scored = [(p, score_jobs(fitted, [Job("", p.later, p.earlier, p.relation)])) for p in pairs]
    rules = {}
    for relation in relations:
        mine = [(p.name, s, p.links) for p, s in scored if p.relation == relation]
        rules[relation] = tune_rule(mine or [(p.name, s, p.links) for p, s in scored])
    return LinkModel(fitted, rules, [p.name for p in pairs])


def link_rows(model: LinkModel, later: pd.DataFrame, earlier: pd.DataFrame, relation: str) -> pd.DataFrame:
    """The links the model makes between two plans' rows (`row_words` frames)."""
    return link_jobs(model, [Job("", later, earlier, relation)])


#: Jobs scored per Splink run: the run's fixed cost (SQL generation) is shared, while its
#: dense vectors (one per row and job, as long as the job's vocabulary) stay small.
JOBS_PER_RUN = 16


def link_jobs(model: LinkModel, jobs: list[Job]) -> pd.DataFrame:
    """The links the model makes in every job (column `job`), JOBS_PER_RUN jobs per
    Splink run, each job by the rule of its relation."""
    rules = {job.key: model.rule(job.relation) for job in jobs}
    parts = []
    for i in range(0, len(jobs), JOBS_PER_RUN):
        scored = score_jobs(model.splink_settings, jobs[i:i + JOBS_PER_RUN])
        for key, group in scored.groupby("job", sort=False):
            parts.append(select_links(group, rules[key]))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=["job", "row_id", "linked_row_id", "match_weight", "match_probability", "text_cosine"])
