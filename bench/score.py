"""Score extracted plan rows against a ground-truth file.

Figures (all over the fields the truth's layout uses, i.e. the fields non-empty in at
least one truth row):

- **row recall / precision**: truth and extracted rows are paired one-to-one by the
  assignment that maximises the summed row similarity (Hungarian algorithm); a pair
  counts as a match when its mean field similarity (normalised Levenshtein) is ≥ 0.9.
- **exact cells**: share of truth cells whose matched extracted cell is identical
  (cells of unmatched truth rows count as wrong).
- **exact cells, spelling variants accepted** (`exact_spelling`, printed as ``exact*``):
  the same, but a cell also counts when it differs from the truth only by tone-mark
  placement ("hoá"/"hóa", "uỷ"/"ủy": both conventions are correct Vietnamese), by
  "hàng năm"/"hằng năm" (both written and in dictionaries, 50/50 in the corpus) or by
  correcting a misspelling of the printed plan that its truth transcriber listed
  (`source_misspellings`: tests/corpus/<plan>/source_misspellings.tsv, e.g. "thế chế" for
  "thể chế"). A pipeline that repairs text writes the word, not the slip: on a stripped
  text layer the slip cannot even be seen. The plain figure stays the one judged.
- **CER**: character edits over all assigned pairs, plus every character of unassigned
  truth rows (deletions) and of unassigned extracted rows (insertions), divided by the
  number of truth characters.

Usage: ``python -m bench.score DB TRUTH [--doc FILE_NAME]``.
"""
from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import cdist
from scipy.optimize import linear_sum_assignment

from normalizers.text import fold_ascii
from normalizers.tone_placement import normalize_tone_placement
from schemas.records import ROW_FIELDS

MATCH_THRESHOLD = 0.9


@dataclass(frozen=True)
class Score:
    truth_rows: int
    extracted_rows: int
    matched: int
    recall: float
    precision: float
    exact_cells: float
    cer: float
    exact_spelling: float = 0.0

    def as_dict(self) -> dict:
        return self.__dict__.copy()


def used_fields(truth: list[dict]) -> list[str]:
    return [f for f in ROW_FIELDS if any(r.get(f) for r in truth)]


def _column(rows: list[dict], field: str) -> list[str]:
    return [(r.get(field) or "") for r in rows]



def similarity(truth: list[dict], extracted: list[dict], fields: list[str], prep=None) -> np.ndarray:
    """Mean normalised-Levenshtein similarity of every truth row to every extracted row."""
    sim = np.zeros((len(truth), len(extracted)))
    for f in fields:
        sim += cdist(_column(truth, f), _column(extracted, f), scorer=Levenshtein.normalized_similarity,
                     processor=prep, workers=1)
    return sim / len(fields)


def pair_rows(truth: list[dict], extracted: list[dict], match_folded: bool = False) -> dict[int, int]:
    """Truth row index → extracted row index for the pairs that count as matches."""
    if not truth or not extracted:
        return {}
    sim = similarity(truth, extracted, used_fields(truth), fold_ascii if match_folded else None)
    ti, ei = linear_sum_assignment(-sim)
    return {int(i): int(j) for i, j in zip(ti, ei) if sim[i, j] >= MATCH_THRESHOLD}


def source_misspellings(plan_dir: str | Path) -> tuple[tuple[str, str], ...]:
    """(as printed, as meant) pairs of a plan's own misspellings, listed by whoever
    transcribed its truth (`source_misspellings.tsv` beside truth.json; none if absent)."""
    path = Path(plan_dir) / "source_misspellings.tsv"
    if not path.exists():
        return ()
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            printed, meant = line.split("\t")[:2]
            pairs.append((printed, meant))
    return tuple(pairs)


#: "hàng năm" / "hằng năm" (tháng, quý, tuần, ngày): both written, both in dictionaries
#: (Hoàng Phê lists "hàng" as a variant of "hằng" there); the corpus has them 50/50
#: (2,954 / 2,656 "… năm"), one plan mixes them. Nothing in ASCII or a scan's context
#: tells which an author wrote, so `exact_spelling` accepts either.
_HANG_HANG = re.compile(r"\b([Hh])(?:àng|ằng) (năm|tháng|quý|tuần|ngày)\b")


def spelling_key(text: str, misspellings: tuple[tuple[str, str], ...] = ()) -> str:
    """`text` with the listed misspellings corrected, tone marks placed one way and
    "hàng năm" written "hằng năm" (`_HANG_HANG`)."""
    for printed, meant in misspellings:
        text = text.replace(printed, meant)
    return _HANG_HANG.sub(r"\1ằng \2", normalize_tone_placement(text, "old"))


def score_rows(truth: list[dict], extracted: list[dict], match_folded: bool = False,
               misspellings: tuple[tuple[str, str], ...] = ()) -> Score:
    """Score `extracted` against `truth`.

    With `match_folded`, rows are paired (recall/precision) on text folded to ASCII on
    both sides — for inputs whose diacritics were stripped — while exact cells and CER
    still compare the text as extracted with the accented truth. `misspellings`: the
    plan's own (see `source_misspellings`), accepted either way by `exact_spelling`.
    """
    fields = used_fields(truth)
    prep = fold_ascii if match_folded else None
    n, m = len(truth), len(extracted)
    truth_chars = sum(len(r.get(f) or "") for r in truth for f in fields)
    if n == 0:
        raise ValueError("truth has no rows")
    if m == 0:
        return Score(n, 0, 0, 0.0, 0.0, 0.0, 1.0)
    sim = similarity(truth, extracted, fields, prep)
    ti, ei = linear_sum_assignment(-sim)
    matched = int(sum(sim[i, j] >= MATCH_THRESHOLD for i, j in zip(ti, ei)))
    exact = spelled = 0
    edits = 0
    for i, j in zip(ti, ei):
        for f in fields:
            t, e = truth[i].get(f) or "", extracted[j].get(f) or ""
            edits += Levenshtein.distance(t, e)
            if sim[i, j] >= MATCH_THRESHOLD:
                exact += t == e
                spelled += t == e or spelling_key(t, misspellings) == spelling_key(e)
    assigned_t, assigned_e = set(ti.tolist()), set(ei.tolist())
    edits += sum(len(truth[i].get(f) or "") for i in range(n) if i not in assigned_t for f in fields)
    edits += sum(len(extracted[j].get(f) or "") for j in range(m) if j not in assigned_e for f in fields)
    return Score(
        truth_rows=n,
        extracted_rows=m,
        matched=matched,
        recall=matched / n,
        precision=matched / m,
        exact_cells=exact / (n * len(fields)),
        cer=edits / max(1, truth_chars),
        exact_spelling=spelled / (n * len(fields)),
    )


@dataclass(frozen=True)
class Flags:
    """How well the doubtful flags (cell confidence below a threshold) point at the wrong
    cells, over the cells of the paired rows."""
    cells: int
    wrong: int
    flagged: int
    wrong_flagged: int

    @property
    def caught(self) -> float:
        """Share of the wrong cells that are flagged (what a reviewer would find)."""
        return self.wrong_flagged / self.wrong if self.wrong else 1.0

    @property
    def flag_share(self) -> float:
        """Share of all cells flagged (what a reviewer must look at)."""
        return self.flagged / self.cells if self.cells else 0.0


def flag_quality(truth: list[dict], extracted: list[dict], threshold: float, match_folded: bool = False) -> Flags:
    """Wrong vs flagged cells of the rows `pair_rows` pairs; `extracted` rows carry
    "cell_confidence" ({field: confidence}, from `rows_from_db(..., with_confidence=True)`);
    a field without one counts as sure."""
    fields = used_fields(truth)
    cells = wrong = flagged = both = 0
    for i, j in pair_rows(truth, extracted, match_folded).items():
        confidence = extracted[j].get("cell_confidence") or {}
        for f in fields:
            bad = (truth[i].get(f) or "") != (extracted[j].get(f) or "")
            doubtful = confidence.get(f, 1.0) < threshold
            cells += 1
            wrong += bad
            flagged += doubtful
            both += bad and doubtful
    return Flags(cells, wrong, flagged, both)


def load_truth(path: str | Path) -> list[dict]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def rows_from_db(db: str | Path, file_name: str | None = None, with_confidence: bool = False,
                 with_raw: bool = False) -> list[dict]:
    """Rows of the only current document, or of the document last loaded as `file_name`
    (current or not: renderings of one plan under several names share its plan number, so
    only the newest of them is current). With `with_confidence`, each row also has
    "cell_confidence": {field: the lowest confidence of its pieces in `cell_boxes`}; with
    `with_raw`, "raw": the cells as read where a repair changed them (JSON text, or None)."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        if file_name:
            docs = con.execute("SELECT doc_id FROM documents WHERE file_name = ? AND status <> 'failed' "
                               "ORDER BY is_current DESC, extracted_at DESC LIMIT 1", [file_name]).fetchall()
        else:
            docs = con.execute("SELECT doc_id FROM documents WHERE is_current").fetchall()
        if len(docs) != 1:
            raise ValueError(f"{db}: no document named {file_name}" if file_name
                             else f"{db}: expected one current document, found {len(docs)}")
        cur = con.execute(
            f"SELECT {', '.join(ROW_FIELDS)}, cell_boxes{', raw' if with_raw else ''} FROM plan_rows WHERE doc_id = ? "
            "ORDER BY row_no",
            [docs[0][0]])
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r)) for r in cur.fetchall()]
        for row in rows:
            boxes = json.loads(row.pop("cell_boxes") or "{}")
            if with_confidence:
                row["cell_confidence"] = {f: min(p["confidence"] for p in pieces)
                                          for f, pieces in boxes.items() if pieces}
        return rows
    finally:
        con.close()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Score a DuckDB extraction against a truth file.")
    ap.add_argument("db")
    ap.add_argument("truth")
    ap.add_argument("--doc", help="file_name of the document to score (default: the only one)")
    args = ap.parse_args(argv)
    s = score_rows(load_truth(args.truth), rows_from_db(args.db, args.doc))
    print(json.dumps(s.as_dict(), indent=2))


if __name__ == "__main__":
    main()
