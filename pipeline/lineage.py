"""Task lineage between the plans of one issuer: which pairs of plans to link, the rows
they are linked on, and writing `plan_links` / `row_links` (schemas/ddl.sql 012).

Pairs, among the current documents of an issuer whose periods can be read:
- `implements`: a plan of one year or less (annual, half-year) → every multi-year plan
  whose period covers its start ("2026" → "2021-2030");
- `continues`: such a plan → the latest plan of one year or less that ended before it
  started ("2026" → "6 tháng cuối năm 2025").
Plans whose period says neither (blank, unreadable) are not linked, and `cchc lineage`
says so. The rows are scored by `pipeline.lineage_model` (Splink) and kept by the
relation's decision rule (`pipeline.lineage_rule`).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import duckdb
import pandas as pd

from normalizers.text import fold
from pipeline.lineage_model import ROW_COLUMNS, Job, evidence, row_words
from pipeline.lineage_rule import LinkModel, link_jobs, load_model

RELATIONS = ("continues", "implements")


@dataclass(frozen=True)
class Plan:
    doc_id: str
    issuer: str | None
    period: str | None
    file_name: str

    @property
    def window(self) -> tuple[dt.date, dt.date] | None:
        return period_window(self.period)


_SPAN = re.compile(r"\b(\d{4})\s*(?:-|–|đến|den)\s*(\d{4})\b")
_HALF = re.compile(r"6 thang (dau|cuoi)(?: nam)?\s*(\d{4})")
_QUARTER = re.compile(r"quy (i{1,3}|iv|[1-4])\b.*?(\d{4})")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def period_window(period: str | None) -> tuple[dt.date, dt.date] | None:
    """The dates a plan's period covers: "2021-2030" → 2021-01-01…2030-12-31; "2026" →
    the year; "6 tháng cuối năm 2025" → 2025-07-01…2025-12-31; "Quý I/2026" → the
    quarter; None when it names no year or several unrelated ones."""
    folded = fold(period or "")
    if m := _SPAN.search(folded):
        return dt.date(int(m[1]), 1, 1), dt.date(int(m[2]), 12, 31)
    if m := _HALF.search(folded):
        year = int(m[2])
        return (dt.date(year, 1, 1), dt.date(year, 6, 30)) if m[1] == "dau" else (dt.date(year, 7, 1),
                                                                                 dt.date(year, 12, 31))
    if m := _QUARTER.search(folded):
        q, year = _ROMAN.get(m[1]) or int(m[1]), int(m[2])
        end = dt.date(year, 3 * q, 1) + dt.timedelta(days=31)
        return dt.date(year, 3 * q - 2, 1), end.replace(day=1) - dt.timedelta(days=1)
    years = sorted(set(re.findall(r"\b(\d{4})\b", folded)))
    if len(years) == 1:
        return dt.date(int(years[0]), 1, 1), dt.date(int(years[0]), 12, 31)
    return None


def is_multi_year(window: tuple[dt.date, dt.date]) -> bool:
    return (window[1] - window[0]).days > 366


def pairs_to_link(plans: list[Plan]) -> list[tuple[Plan, Plan, str]]:
    """(later, earlier, relation) for the plans of one issuer (see the module docstring)."""
    dated = [(p, p.window) for p in plans if p.window is not None]
    short = [(p, w) for p, w in dated if not is_multi_year(w)]
    multi = [(p, w) for p, w in dated if is_multi_year(w)]
    out = []
    for p, w in sorted(short, key=lambda pw: (pw[1], pw[0].doc_id)):
        for q, v in multi:
            if v[0] <= w[0] <= v[1]:
                out.append((p, q, "implements"))
        before = [(q, v) for q, v in short if v[1] < w[0]]
        if before:
            q, _ = max(before, key=lambda qv: (qv[1][1], qv[1][0], qv[0].doc_id))
            out.append((p, q, "continues"))
    return out


def current_plans(con: duckdb.DuckDBPyConnection) -> dict[str | None, list[Plan]]:
    """Current documents with rows, by issuer."""
    found = con.execute("""SELECT d.doc_id, d.issuer, d.period, d.file_name FROM documents AS d
        WHERE d.is_current AND EXISTS (SELECT 1 FROM plan_rows AS r WHERE r.doc_id = d.doc_id)
        ORDER BY d.doc_id""").fetchall()
    out: dict[str | None, list[Plan]] = {}
    for doc_id, issuer, period, name in found:
        out.setdefault(issuer, []).append(Plan(doc_id, issuer, period, name))
    return out


def plan_rows(con: duckdb.DuckDBPyConnection, doc_id: str) -> pd.DataFrame:
    """A document's rows as `pipeline.lineage_model` reads them (ROW_COLUMNS), the lead
    agencies rolled up along `agency_lineage`."""
    frame = con.execute("""
        WITH leads AS (
            SELECT ra.row_id, list(DISTINCT l.current_id ORDER BY l.current_id) AS lead_ids
            FROM row_agencies AS ra JOIN agency_lineage AS l ON l.agency_id = ra.agency_id
            WHERE ra.role = 'lead' GROUP BY ra.row_id)
        SELECT r.row_id, r.section_title, r.task, r.activity, r.product, r.recurrence, leads.lead_ids
        FROM plan_rows AS r LEFT JOIN leads ON leads.row_id = r.row_id
        WHERE r.doc_id = ? ORDER BY r.row_no""", [doc_id]).df()
    return frame[list(ROW_COLUMNS)]


def _forget_pair(con: duckdb.DuckDBPyConnection, doc_id: str, linked_doc_id: str) -> None:
    con.execute("DELETE FROM row_links WHERE split_part(row_id, ':', 1) = ? AND split_part(linked_row_id, ':', 1) = ?",
                [doc_id, linked_doc_id])
    con.execute("DELETE FROM plan_links WHERE doc_id = ? AND linked_doc_id = ?", [doc_id, linked_doc_id])


@dataclass(frozen=True)
class PairLinked:
    later: Plan
    earlier: Plan
    relation: str
    links: int          # row links written
    carried: int        # later rows with at least one link
    rows: int           # later rows


def _write_pair(con: duckdb.DuckDBPyConnection, later: Plan, earlier: Plan, relation: str, method: str,
                links: pd.DataFrame) -> None:
    """Replace the pair's links by `links`, in one transaction."""
    frame = pd.DataFrame({  # noqa: F841  (read by DuckDB by name)
        "row_id": links["row_id"], "linked_row_id": links["linked_row_id"], "relation": relation,
        "score": links["match_probability"].astype(float), "method": method,
        "evidence": [evidence(r) for _, r in links.iterrows()]})
    con.execute("BEGIN TRANSACTION")
    try:
        _forget_pair(con, later.doc_id, earlier.doc_id)
        con.execute("INSERT INTO plan_links VALUES (?, ?, ?, ?, now())", [later.doc_id, earlier.doc_id, relation, method])
        con.execute("INSERT INTO row_links SELECT row_id, linked_row_id, relation, score, method, evidence FROM frame")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def link_pairs(con: duckdb.DuckDBPyConnection, pairs: list[tuple[Plan, Plan, str]],
               model: LinkModel) -> list[PairLinked]:
    """Score every pair of plans in one Splink run, then write each pair's links
    (replacing its old ones) in a transaction of its own."""
    for _, _, relation in pairs:
        if relation not in RELATIONS:
            raise ValueError(f"unknown relation {relation!r}")
    rows: dict[str, pd.DataFrame] = {}
    for later, earlier, _ in pairs:
        for plan in (later, earlier):
            if plan.doc_id not in rows:
                rows[plan.doc_id] = row_words(plan_rows(con, plan.doc_id))
    jobs = [Job(str(i), rows[a.doc_id], rows[b.doc_id], relation) for i, (a, b, relation) in enumerate(pairs)]
    links = link_jobs(model, jobs) if jobs else None
    out = []
    for i, (later, earlier, relation) in enumerate(pairs):
        mine = links[links["job"] == str(i)]
        _write_pair(con, later, earlier, relation, model.method(relation), mine)
        out.append(PairLinked(later, earlier, relation, len(mine), mine["row_id"].nunique(), len(rows[later.doc_id])))
    return out


def link_pair(con: duckdb.DuckDBPyConnection, later: Plan, earlier: Plan, relation: str,
              model: LinkModel) -> PairLinked:
    """`link_pairs` for one pair."""
    return link_pairs(con, [(later, earlier, relation)], model)[0]


def link_current(con: duckdb.DuckDBPyConnection, model: LinkModel | None = None,
                 issuers: set[str | None] | None = None) -> tuple[list[PairLinked], list[Plan]]:
    """(Re)compute the links among the current plans of each issuer (all, or `issuers`).
    Links of pairs that are no longer to be linked (a plan replaced by a new version)
    are removed. Returns the pairs linked and the plans left out (period unreadable)."""
    model = model or load_model()
    by_issuer = current_plans(con)
    pairs, skipped = [], []
    for issuer, plans in sorted(by_issuer.items(), key=lambda kv: kv[0] or ""):
        if issuers is not None and issuer not in issuers:
            continue
        skipped += [p for p in plans if p.window is None]
        mine = pairs_to_link(plans)
        wanted = {(a.doc_id, b.doc_id) for a, b, _ in mine}
        stale = con.execute("""SELECT p.doc_id, p.linked_doc_id FROM plan_links AS p JOIN documents AS d
                               ON d.doc_id = p.doc_id WHERE d.issuer IS NOT DISTINCT FROM ?""", [issuer]).fetchall()
        for doc_id, linked in stale:
            if (doc_id, linked) not in wanted:
                _forget_pair(con, doc_id, linked)
        pairs += mine
    return link_pairs(con, pairs, model), skipped


def issuers_of(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> set[str | None]:
    if not doc_ids:
        return set()
    marks = ", ".join("?" * len(doc_ids))
    return {i for (i,) in con.execute(f"SELECT DISTINCT issuer FROM documents WHERE doc_id IN ({marks})",
                                      doc_ids).fetchall()}
