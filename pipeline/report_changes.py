"""`cchc report DOC --changes`: what a plan changes against the plans it is linked to
(`plan_changes`, schemas/ddl.sql 012): its rows carried over (the earlier plan's row
beside each, and whether the lead agency, timeline or product changed), new, and the
earlier plan's rows dropped."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.report import DocumentNotFound, _dicts, _isatty, _shorten, select_documents


@dataclass(frozen=True)
class Change:
    change: str                  # carried | new | dropped
    row_no: int | None
    linked_row_no: int | None
    task: str | None
    product: str | None
    linked_task: str | None
    linked_product: str | None
    score: float | None
    lead_ids: str | None
    linked_lead_ids: str | None
    timeline_text: str | None
    linked_timeline_text: str | None
    lead_changed: bool | None
    timeline_changed: bool | None
    product_changed: bool | None

    @property
    def what_changed(self) -> str:
        flags = [("lead", self.lead_changed), ("timeline", self.timeline_changed), ("product", self.product_changed)]
        return ", ".join(name for name, on in flags if on) or ("—" if self.change == "carried" else "")


@dataclass
class PairChanges:
    doc_id: str
    file_name: str
    linked_doc_id: str
    linked_file_name: str
    linked_period: str | None
    relation: str
    method: str
    changes: list[Change] = field(default_factory=list)

    def count(self, kind: str) -> int:
        """Rows of that kind (carried: later rows with a link, not links)."""
        if kind == "carried":
            return len({c.row_no for c in self.changes if c.change == "carried"})
        return sum(c.change == kind for c in self.changes)


_ORDER = {"carried": 0, "new": 1, "dropped": 2}


def plan_changes(con, doc_id: str) -> list[PairChanges]:
    """The linked pairs in which `doc_id` is the later plan, each with its changes."""
    pairs = _dicts(con, """SELECT p.doc_id, a.file_name, p.linked_doc_id, b.file_name AS linked_file_name,
                                  b.period AS linked_period, p.relation, p.method
                           FROM plan_links AS p JOIN documents AS a ON a.doc_id = p.doc_id
                           JOIN documents AS b ON b.doc_id = p.linked_doc_id
                           WHERE p.doc_id = ? ORDER BY p.relation, b.period""", [doc_id])
    out = []
    for p in pairs:
        rows = _dicts(con, """SELECT change, row_no, linked_row_no, task, product, linked_task, linked_product, score,
                                     lead_ids, linked_lead_ids, timeline_text, linked_timeline_text,
                                     lead_changed, timeline_changed, product_changed
                              FROM plan_changes WHERE doc_id = ? AND linked_doc_id = ?""",
                      [p["doc_id"], p["linked_doc_id"]])
        changes = sorted((Change(**r) for r in rows),
                         key=lambda c: (_ORDER[c.change], c.row_no or 0, c.linked_row_no or 0))
        out.append(PairChanges(**p, changes=changes))
    return out


def build_changes(db: str | Path, doc: str, wait: float = 30.0) -> tuple[dict, list[PairChanges]]:
    """(the document DOC names, its linked pairs with their changes). Raises
    FileNotFoundError / DocumentNotFound as `report.build_report` does."""
    from schemas import store

    db = Path(db)
    if not db.is_file():
        raise FileNotFoundError(f"database not found: {db}")
    con = store.connect(db, read_only=True, wait=wait)
    try:
        tables = {t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "documents" not in tables:
            raise DocumentNotFound(f"{db} is not a cchc database (no documents table)")
        (chosen,) = select_documents(con, doc)
        if "plan_links" not in tables:  # a database not migrated to 012 (opened read-only)
            return chosen, []
        return chosen, plan_changes(con, chosen["doc_id"])
    finally:
        con.close()


def pair_summary(p: PairChanges) -> str:
    """One line: what the pair's counts are, worded for its relation."""
    if p.relation == "continues":
        counts = f"{p.count('carried')} rows carried, {p.count('new')} new, {p.count('dropped')} of its rows dropped"
    else:  # an annual plan against the multi-year plan it carries out
        counts = (f"{p.count('carried')} rows implement it, {p.count('new')} implement none of its rows, "
                  f"{p.count('dropped')} of its rows not in this plan")
    return f"{p.relation} {p.linked_file_name} (period {p.linked_period or '—'}, doc {p.linked_doc_id}): {counts}"


def _cells(c: Change) -> tuple:
    here = f"{c.task or ''} → {c.product or ''}" if c.row_no else ""
    there = f"{c.linked_task or ''} → {c.linked_product or ''}" if c.linked_row_no else ""
    return (c.change, c.row_no or "", here, c.linked_row_no or "", there,
            "" if c.score is None else f"{c.score:.2f}", c.what_changed)


HEADERS = ("change", "row", "task → product", "earlier row", "earlier task → product", "score", "what changed")


def changes_html(doc: dict, pairs: list[PairChanges]) -> str:
    """The changes as one self-contained HTML page (the review report's style)."""
    from pipeline.report_html import _CSS, _e, _html_table

    title = f"What {doc['file_name']} changes"
    body = [f"<h1>{_e(title)}</h1><p class=\"muted\">doc {_e(doc['doc_id'])} · period {_e(doc['period'] or '—')}</p>"]
    if not pairs:
        body.append("<p>No linked plans: run <code>cchc lineage</code>.</p>")
    for p in pairs:
        body.append(f"<h2>{_e(pair_summary(p))}</h2><p class=\"muted\">{_e(p.method)}</p>")
        body.append(_html_table(HEADERS, [_cells(c) for c in p.changes], num=(1, 3, 5)))
    return ('<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
            f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>" + "".join(body) + "</body></html>\n")


def write_changes_html(doc: dict, pairs: list[PairChanges], path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(changes_html(doc, pairs), encoding="utf-8")
    return path


def print_changes(doc: dict, pairs: list[PairChanges], console=None) -> None:
    """Carried / new / dropped per linked plan, as rich tables (plain text when piped)."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    if console is None:
        width = None if os.environ.get("COLUMNS") or _isatty() else 200
        console = Console(highlight=False, width=width)
    console.rule(Text(f"{doc['file_name']}  ·  doc {doc['doc_id']}  ·  period {doc['period'] or '—'}",
                      style="bold"), align="left")
    if not pairs:
        console.print(Text("no linked plans: run `cchc lineage` (plans of the same issuer whose periods can be "
                           "read are linked)"))
        return
    for p in pairs:
        console.print(Text(f"{pair_summary(p)}  [{p.method}]", style="bold"))
        t = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for col in HEADERS:
            t.add_column(col, overflow="fold", justify="right" if col in ("row", "earlier row", "score") else "left")
        for c in p.changes:
            kind, row_no, here, linked_no, there, score, what = _cells(c)
            t.add_row(kind, str(row_no), _shorten(here, 140), str(linked_no), _shorten(there, 140), score, what)
        console.print(t)
        console.print()
