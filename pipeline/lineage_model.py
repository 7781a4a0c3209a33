"""The task-linking model: features of plan rows, a Splink (Fellegi–Sunter) model over
them, and the rule that turns match probabilities into links.

Why Splink and not a hand-rolled score: each feature contributes a Bayes factor m/u per
comparison level (m learned from hand-labelled links, u from random pairs), so the
evidence for every link is explicit and stored (`row_links.evidence`), and the model is
a settings file Splink can run on another backend (Spark) — there the cosine levels'
`list_inner_product` (DuckDB's) would need Spark's array functions.

Features of a row (`records`), compared between a later and an earlier plan's rows:
- `text_all`: TF-IDF cosine of the comparable words (`normalizers.task_text.words`) of
  task + activity + product. IDF is taken over the rows of the plans being linked, so
  words every row shares ("thực hiện", "cải cách hành chính") weigh nothing.
- `text_cross`: the best cosine between what is done (task + activity) and what comes out
  (product) of either row, field against field, because the two layouts put the same
  words in different columns (the 7-column "Hoạt động/Sản phẩm" holds activities).
- `theme`: the area of reform of the row's section (`data/task_themes.csv`).
- `lead`: the row's lead agencies rolled up along `agency_lineage` (2025 mergers).
- `product_kind`: kinds of product named (plan, report, decision … `data/product_kinds.csv`).
- `recurrence`: the parsed recurrence of the timeline.

Vectors are dense lists over the vocabulary of one linking job, compared with DuckDB's
`list_inner_product` (unit vectors: the inner product is the cosine).

The decision rule that turns scores into links, and the trained model file, are in
`pipeline.lineage_rule`.
"""
from __future__ import annotations

import csv
import json
import logging
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from normalizers.task_text import words
from normalizers.text import fold

DATA = Path(__file__).resolve().parent.parent / "normalizers" / "data"
THEMES_CSV = DATA / "task_themes.csv"
PRODUCT_KINDS_CSV = DATA / "product_kinds.csv"

LATER, EARLIER = "later", "earlier"
TEXT_ALL_LEVELS = (0.6, 0.45, 0.3, 0.2, 0.1)
#: Splink's blocking rule: only rows of the same linking job (pair of plans) are compared.
BY_JOB = "l.job = r.job"
TEXT_CROSS_LEVELS = (0.7, 0.5, 0.35, 0.2)
TEXT_COVER_LEVELS = (0.8, 0.6, 0.45, 0.3)

logging.getLogger("splink").setLevel(logging.ERROR)


# --------------------------------------------------------------------------- row features

def _phrase_table(path: Path, key: str) -> tuple[tuple[str, str], ...]:
    with open(path, encoding="utf-8", newline="") as fh:
        return tuple((row[key], row["phrase"]) for row in csv.DictReader(fh))


@lru_cache(maxsize=1)
def _themes() -> tuple[tuple[str, str], ...]:
    return _phrase_table(THEMES_CSV, "theme")


@lru_cache(maxsize=1)
def _kinds() -> tuple[tuple[str, str], ...]:
    return _phrase_table(PRODUCT_KINDS_CSV, "kind")


def _has(folded: str, phrase: str) -> bool:
    if not phrase[0].isalnum():
        return phrase in folded
    return f" {phrase} " in f" {' '.join(''.join(c if c.isalnum() else ' ' for c in folded).split())} "


def theme_of(section_title: str | None) -> str | None:
    """Area of reform of a section title ("CẢI CÁCH THỦ TỤC HÀNH CHÍNH (TTHC)" →
    "procedures"); the first phrase of `task_themes.csv` found wins; None if none."""
    folded = fold(section_title or "")
    return next((theme for theme, phrase in _themes() if _has(folded, phrase)), None)


def product_kinds(product: str | None) -> list[str]:
    """Kinds of product a cell names, sorted ("Kế hoạch; báo cáo kết quả" → ["plan", "report"])."""
    folded = fold(product or "")
    return sorted({kind for kind, phrase in _kinds() if _has(folded, phrase)})


@dataclass(frozen=True)
class TextSpace:
    """Vocabulary and IDF of one linking job (the rows of the plans linked)."""
    vocab: dict[str, int]
    idf: dict[str, float]

    @classmethod
    def of(cls, texts: list[list[str]]) -> "TextSpace":
        df = Counter(w for t in texts for w in set(t))
        n = len(texts)
        vocab = {w: i for i, w in enumerate(sorted(df))}
        return cls(vocab, {w: math.log((n + 1) / (c + 1)) + 1e-9 for w, c in df.items()})

    def _tfidf(self, texts) -> np.ndarray:
        """Sublinear TF-IDF, one row per text."""
        out = np.zeros((len(texts), len(self.vocab)))
        for i, text in enumerate(texts):
            for w, c in Counter(text).items():
                if w in self.vocab:
                    out[i, self.vocab[w]] = (1 + math.log(c)) * self.idf[w]
        return out

    @staticmethod
    def _rows(matrix: np.ndarray, scale: np.ndarray) -> list[list[float] | None]:
        return [(row / s).tolist() if s > 0 else None for row, s in zip(matrix, scale)]

    def vectors(self, texts) -> list[list[float] | None]:
        """Unit TF-IDF vectors as dense lists (the inner product of two is their cosine);
        None for a text with no known word."""
        m = self._tfidf(texts)
        return self._rows(m, np.sqrt((m * m).sum(axis=1)))

    def weights(self, texts) -> list[list[float] | None]:
        """TF-IDF weights summing to 1 (each word's share of the text's weight)."""
        m = self._tfidf(texts)
        return self._rows(m, m.sum(axis=1))

    def presence(self, texts) -> list[list[float] | None]:
        """1.0 for each word of the vocabulary the text has."""
        m = (self._tfidf(texts) > 0).astype(float)
        return self._rows(m, np.sign(m.sum(axis=1)))


ROW_COLUMNS = ("row_id", "section_title", "task", "activity", "product", "recurrence", "lead_ids")


def row_words(rows: pd.DataFrame) -> pd.DataFrame:
    """`rows` (columns ROW_COLUMNS) with the comparable words of what is done
    (task + activity), of the product, and of both."""
    out = rows.copy()
    out["w_what"] = [words(f"{t or ''} {a or ''}") for t, a in zip(rows["task"], rows["activity"])]
    out["w_product"] = [words(p or "") for p in rows["product"]]
    out["w_all"] = [w + p for w, p in zip(out["w_what"], out["w_product"])]
    return out


def records(rows: pd.DataFrame, space: TextSpace, job: str = "") -> pd.DataFrame:
    """One Splink input record per row (`rows` from `row_words`) of linking job `job`
    (a pair of plans; records of different jobs are never compared)."""
    return pd.DataFrame({
        "unique_id": [f"{job}|{r}" for r in rows["row_id"].astype(str)],
        "job": job,
        "v_what": space.vectors(rows["w_what"]),
        "v_product": space.vectors(rows["w_product"]),
        "v_all": space.vectors(rows["w_all"]),
        "c_all": space.weights(rows["w_all"]),
        "b_all": space.presence(rows["w_all"]),
        "theme": [theme_of(t) for t in rows["section_title"]],
        "lead_ids": [list(x) if x is not None and len(x) else None for x in rows["lead_ids"]],
        "product_kinds": [product_kinds(p) or None for p in rows["product"]],
        "recurrence": [r if r else None for r in rows["recurrence"]],
    })


# --------------------------------------------------------------------------- the Splink model

def _cos(a: str, b: str) -> str:
    return f"coalesce(list_inner_product({a}, {b}), 0)"


def _cross_sql() -> str:
    pairs = [("v_what_l", "v_what_r"), ("v_what_l", "v_product_r"), ("v_product_l", "v_what_r"),
             ("v_product_l", "v_product_r")]
    return "greatest(" + ", ".join(_cos(a, b) for a, b in pairs) + ")"


def settings(probability_two_random_records_match: float = 0.01):
    """The model's comparisons (untrained)."""
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator

    def levels(expr: str, cuts: tuple[float, ...]) -> list:
        return [cll.CustomLevel(f"{expr} >= {c}", f"cosine >= {c}") for c in cuts] + [cll.ElseLevel()]

    comparisons = [
        cl.CustomComparison([cll.NullLevel("v_all"), *levels(_cos("v_all_l", "v_all_r"), TEXT_ALL_LEVELS)],
                            "text_all", "TF-IDF cosine of task + activity + product"),
        cl.CustomComparison([cll.NullLevel("c_all"),
                             *levels(f"greatest({_cos('c_all_l', 'b_all_r')}, {_cos('c_all_r', 'b_all_l')})",
                                     TEXT_COVER_LEVELS)],
                            "text_cover", "share of the shorter text's TF-IDF weight found in the other"),
        cl.CustomComparison([cll.CustomLevel("v_what_l IS NULL AND v_product_l IS NULL").configure(is_null_level=True),
                             *levels(_cross_sql(), TEXT_CROSS_LEVELS)],
                            "text_cross", "best cosine field against field (what is done, product)"),
        cl.CustomComparison([cll.NullLevel("theme"), cll.ExactMatchLevel("theme"), cll.ElseLevel()],
                            "theme", "area of reform of the section"),
        cl.CustomComparison([cll.NullLevel("lead_ids"), cll.ArrayIntersectLevel("lead_ids", 1), cll.ElseLevel()],
                            "lead", "lead agencies rolled up to today's bodies"),
        cl.CustomComparison([cll.NullLevel("product_kinds"), cll.ArrayIntersectLevel("product_kinds", 1),
                             cll.ElseLevel()], "product_kind", "kinds of product named"),
        cl.CustomComparison([cll.NullLevel("recurrence"), cll.ExactMatchLevel("recurrence"), cll.ElseLevel()],
                            "recurrence", "recurrence of the timeline"),
    ]
    return SettingsCreator(link_type="link_only", comparisons=comparisons,
                           blocking_rules_to_generate_predictions=[BY_JOB],
                           probability_two_random_records_match=probability_two_random_records_match,
                           retain_intermediate_calculation_columns=True, retain_matching_columns=False,
                           additional_columns_to_retain=[])


def _linker(tables: list[pd.DataFrame], aliases: list[str], model_settings):
    from splink import DuckDBAPI, Linker

    con = duckdb.connect()
    return Linker(tables, model_settings, db_api=DuckDBAPI(connection=con), input_table_aliases=aliases,
                  set_up_basic_logging=False)


@dataclass(frozen=True)
class LabelledPair:
    """Rows of a later and an earlier plan (`row_words` frames) and the links a person
    labelled between them, as (later row_id, earlier row_id)."""
    name: str
    later: pd.DataFrame
    earlier: pd.DataFrame
    links: frozenset[tuple[str, str]]
    relation: str = ""


def fit_parameters(pairs: list[LabelledPair], seed: int = 1) -> dict:
    """Splink settings with u estimated by random sampling of row pairs, m from the
    labelled links, and the prior from the share of pairs that are links. Each pair is
    its own job (its own text space), as when linking."""
    prior = sum(len(p.links) for p in pairs) / sum(len(p.later) * len(p.earlier) for p in pairs)
    trained = []
    for p in pairs:
        space = TextSpace.of(list(p.later["w_all"]) + list(p.earlier["w_all"]))
        linker = _linker([records(p.later, space), records(p.earlier, space)], [LATER, EARLIER], settings(prior))
        linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=seed)
        labels = pd.DataFrame([{"source_dataset_l": LATER, "unique_id_l": f"|{a}", "source_dataset_r": EARLIER,
                                "unique_id_r": f"|{b}"} for a, b in sorted(p.links)])
        linker.table_management.register_table(labels, "labels", overwrite=True)
        linker.training.estimate_m_from_pairwise_labels("labels")
        trained.append((linker.misc.save_model_to_json(), len(p.links), len(p.later) * len(p.earlier)))
    return _pooled(trained, prior)


def _pooled(trained: list[tuple[dict, int, int]], prior: float) -> dict:
    """One settings dict from per-pair trained ones: m averaged weighted by the pair's
    labelled links, u weighted by its row pairs (Splink estimates them per job)."""
    base = json.loads(json.dumps(trained[0][0]))
    base["probability_two_random_records_match"] = prior
    for ci, comp in enumerate(base["comparisons"]):
        for li, level in enumerate(comp["comparison_levels"]):
            if level.get("is_null_level"):
                continue
            for key, wi in (("m_probability", 1), ("u_probability", 2)):
                num = den = 0.0
                for settings_dict, n_links, n_pairs in trained:
                    value = settings_dict["comparisons"][ci]["comparison_levels"][li].get(key)
                    if value is not None:
                        weight = (n_links, n_pairs)[wi - 1]
                        num += weight * value
                        den += weight
                # a level never seen among links (or random pairs) gets a small floor, not zero
                level[key] = max(num / den, 1e-4) if den else 1e-4
    return base


@dataclass(frozen=True)
class Job:
    """One pair of plans to link: `key` names it in the output, `relation` (continues,
    implements) picks the decision rule."""
    key: str
    later: pd.DataFrame
    earlier: pd.DataFrame
    relation: str = ""


def _text_cosines(key: str, later: pd.DataFrame, earlier: pd.DataFrame) -> pd.DataFrame:
    """The TF-IDF cosine (`v_all`) of every (later, earlier) record pair of one job:
    columns `job`, `row_id`, `linked_row_id`, `text_cosine` (0 for a row with no word)."""
    def matrix(recs: pd.DataFrame, width: int) -> np.ndarray:
        return np.array([v if v is not None else [0.0] * width for v in recs["v_all"]]).reshape(len(recs), width)

    width = next((len(v) for v in list(later["v_all"]) + list(earlier["v_all"]) if v is not None), 0)
    cos = matrix(later, width) @ matrix(earlier, width).T
    ids_l = later["unique_id"].str.split("|", n=1).str[1].to_numpy()
    ids_e = earlier["unique_id"].str.split("|", n=1).str[1].to_numpy()
    return pd.DataFrame({"job": key, "row_id": np.repeat(ids_l, len(ids_e)),
                         "linked_row_id": np.tile(ids_e, len(ids_l)), "text_cosine": cos.ravel()})


def score_jobs(model_settings: dict, jobs: list[Job]) -> pd.DataFrame:
    """Every (later row, earlier row) pair of every job, in one Splink run (rows of
    different jobs are never compared), with its match weight, probability and the Bayes
    factor of each comparison: columns `job`, `row_id`, `linked_row_id`, `match_weight`,
    `match_probability`, `text_cosine` (the TF-IDF cosine behind `text_all`, which the
    decision rule compares with the later row's best), `bf_*`. Each job has its own text
    space (IDF over its two plans)."""
    later, earlier, cosines = [], [], []
    for job in jobs:
        space = TextSpace.of(list(job.later["w_all"]) + list(job.earlier["w_all"]))
        later.append(records(job.later, space, job.key))
        earlier.append(records(job.earlier, space, job.key))
        cosines.append(_text_cosines(job.key, later[-1], earlier[-1]))
    linker = _linker([pd.concat(later, ignore_index=True), pd.concat(earlier, ignore_index=True)],
                     [LATER, EARLIER], {**model_settings, "blocking_rules_to_generate_predictions": [BY_JOB]})
    out = linker.inference.predict().as_pandas_dataframe()
    flip = out["source_dataset_l"] == EARLIER
    left, right = out["unique_id_l"].where(~flip, out["unique_id_r"]), out["unique_id_r"].where(~flip, out["unique_id_l"])
    split = left.str.split("|", n=1, expand=True)
    out["job"], out["row_id"] = split[0], split[1]
    out["linked_row_id"] = right.str.split("|", n=1).str[1]
    keep = ["job", "row_id", "linked_row_id", "match_weight", "match_probability"]
    keep += [c for c in out.columns if c.startswith("bf_")]
    out = out[keep].merge(pd.concat(cosines, ignore_index=True), on=["job", "row_id", "linked_row_id"], how="left",
                          validate="one_to_one")
    return out[keep[:5] + ["text_cosine"] + keep[5:]].reset_index(drop=True)


def score_pairs(model_settings: dict, later: pd.DataFrame, earlier: pd.DataFrame) -> pd.DataFrame:
    """`score_jobs` for one pair of plans."""
    return score_jobs(model_settings, [Job("", later, earlier)])


def evidence(link: pd.Series) -> str:
    """JSON of the Bayes factor of each comparison for one scored pair (above 1: the
    feature speaks for a link, below 1: against)."""
    return json.dumps({c[len("bf_"):]: round(float(link[c]), 4) for c in link.index if c.startswith("bf_")})
