"""`cchc report`: what a reviewer needs to check in the extracted plans.

Per document: the plan (file, number, period, title, status, pipeline version, when
extracted), how each page was read (and the start of the OCR'd text of pages whose table
could not be read), rows per section, every doubtful row (confidence
below `schemas.records.DOUBTFUL_BELOW`) with the cell(s) that made it doubtful,
unresolved agency mentions, unparsed timelines and the events of the run that
extracted it.

- `build_report(db, doc)` reads the database (read-only) into a `Report` of plain
  dataclasses; nothing else here touches the database.
- `print_report(report, console)` writes it as rich tables (plain text when piped).
- `pipeline.report_html` renders the same report as one self-contained HTML page with a
  crop of the page image beside every doubtful cell.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from schemas.records import DOUBTFUL_BELOW


class DocumentNotFound(LookupError):
    """DOC names no document in the database (or more than one)."""


# ---------------------------------------------------------------------------- model


@dataclass
class PageInfo:
    page: int
    text_source: str
    rules_source: str
    reason: str
    skew_degrees: float | None = None
    #: The page's whole OCR'd text, kept when its plan table could not be read
    #: (`document_pages.ocr_text`, `pipeline.fallback`); None otherwise.
    ocr_text: str | None = None


@dataclass
class SectionCount:
    section_no: str | None
    section_title: str | None
    rows: int


@dataclass
class DoubtfulCell:
    """One piece of a field (one page's part of a cell) that made its row doubtful."""

    field: str
    text: str  # the field's extracted text (whole field, as stored in plan_rows)
    confidence: float | None  # the piece's confidence; None when no box was recorded
    page: int | None
    bbox: tuple[float, float, float, float] | None  # points, page as displayed, top-left origin
    raw: str | None = None  # the text as extracted before repair (plan_rows.raw), when it differs


@dataclass
class DoubtfulRow:
    row_id: str
    row_no: int
    stt: str | None
    section_no: str | None
    confidence: float
    page_first: int | None
    page_last: int | None
    method: str
    cells: list[DoubtfulCell] = field(default_factory=list)
    context: str = ""  # the row's task / activity / product, to recognise it


@dataclass
class AgencyMention:
    row_id: str
    row_no: int
    stt: str | None
    role: str
    mention: str
    page_first: int | None
    page_last: int | None


@dataclass
class UnparsedTimeline:
    row_id: str
    row_no: int
    stt: str | None
    timeline_text: str
    page_first: int | None
    page_last: int | None


@dataclass
class EventInfo:
    stage: str
    page: int | None
    level: str
    message: str


@dataclass
class DocumentReport:
    doc_id: str
    sha256: str
    file_name: str
    file_path: str
    title: str | None
    plan_number: str | None
    period: str | None
    issued_date: dt.date | None
    status: str
    error: str | None
    text_source: str | None
    page_count: int | None
    pipeline_version: str
    extracted_at: dt.datetime
    is_current: bool
    row_count: int
    pages: list[PageInfo]
    sections: list[SectionCount]
    doubtful: list[DoubtfulRow]
    unresolved: list[AgencyMention]
    unparsed: list[UnparsedTimeline]
    run_id: str | None  # the run whose events are listed
    run_started_at: dt.datetime | None
    events: list[EventInfo]
    corrected_cells: int = 0  # cells showing a person's correction (plan_rows.corrected)
    corrections_flagged: list[str] = field(default_factory=list)  # conflicts / corrections not applied, in words

    @property
    def doubtful_cells(self) -> list[DoubtfulCell]:
        return [c for r in self.doubtful for c in r.cells]


@dataclass
class Report:
    db_path: str
    generated_at: dt.datetime
    threshold: float
    documents: list[DocumentReport]


# ---------------------------------------------------------------------------- reading


def _dicts(con, sql: str, params: list | None = None) -> list[dict]:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def _tables(con) -> set[str]:
    return {t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}


def _columns(con, table: str) -> set[str]:
    return {c for (c,) in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]).fetchall()}


def select_documents(con, doc: str | None = None) -> list[dict]:
    """The documents rows to report: every current one, or the one DOC names.

    DOC is matched against the doc_id (a prefix of it, or of the SHA-256), the file name
    and the file path (as given or made absolute). When several versions match, the
    current one wins; a DOC still matching several documents is ambiguous.
    """
    if doc is None:
        return _dicts(con, "SELECT * FROM documents WHERE is_current ORDER BY file_name, doc_id")
    paths = {doc}
    try:
        paths.add(str(Path(doc).expanduser().resolve()))
    except (OSError, RuntimeError):
        pass
    prefix = doc.lower() if re.fullmatch(r"[0-9a-fA-F]{4,64}", doc) else None
    found = _dicts(
        con,
        "SELECT * FROM documents WHERE file_name = ? OR list_contains(?, file_path) "
        "OR (? IS NOT NULL AND starts_with(sha256, ?)) ORDER BY is_current DESC, extracted_at DESC",
        [doc, sorted(paths), prefix, prefix])
    if not found:
        hint = closest_names(con, doc)
        raise DocumentNotFound(f"document not found: no doc_id, file name or path matches '{doc}'"
                               + (f"; did you mean {', '.join(hint)}?" if hint else ""))
    current = [d for d in found if d["is_current"]]
    chosen = current or found[:1]
    if len(chosen) > 1:
        names = ", ".join(f"{d['doc_id']} ({d['file_name']})" for d in chosen[:5])
        raise DocumentNotFound(f"'{doc}' matches {len(chosen)} current documents: {names}; give more of the doc_id")
    return chosen


def closest_names(con, doc: str, n: int = 3) -> list[str]:
    """File names of documents closest to `doc` (current ones first): those it starts or
    that contain it ("plan2026" → "plan2026.fullplan.pdf"), then the most similar."""
    import difflib

    names = [name for (name,) in con.execute(
        "SELECT file_name FROM documents GROUP BY file_name ORDER BY bool_or(is_current) DESC, file_name").fetchall()]
    key = Path(doc).name.lower()
    contains = [name for name in names if key and key in name.lower()]
    similar = difflib.get_close_matches(key, [name.lower() for name in names], n=n, cutoff=0.5)
    by_lower = {name.lower(): name for name in names}
    return list(dict.fromkeys(contains + [by_lower[x] for x in similar]))[:n]


def _cell_pieces(boxes: list[dict] | None) -> list[dict]:
    return [b for b in (boxes or []) if isinstance(b, dict)]


def doubtful_cells(row: dict, threshold: float = DOUBTFUL_BELOW) -> list[DoubtfulCell]:
    """The cells that made a doubtful row doubtful: every box piece with a confidence
    below the threshold, lowest first; when none is below it, the lowest piece."""
    boxes = row.get("cell_boxes")
    if isinstance(boxes, str):
        boxes = json.loads(boxes)
    raw = row.get("raw")
    if isinstance(raw, str):
        raw = json.loads(raw)
    raw = raw or {}
    verified = row.get("verified")
    verified = set(json.loads(verified) if isinstance(verified, str) else verified or [])
    pieces = [(name, b) for name, found in (boxes or {}).items() for b in _cell_pieces(found)
              if b.get("confidence") is not None]
    low = sorted((p for p in pieces if p[1]["confidence"] < threshold), key=lambda p: p[1]["confidence"])
    if not low and pieces:
        low = [min(pieces, key=lambda p: p[1]["confidence"])]
    out = []
    for name, piece in low:
        if name in verified:  # checked by a person (cchc review / cchc correct)
            continue
        text = row.get(name) or ""
        bbox = piece.get("bbox")
        raw_text = raw.get(name)
        out.append(DoubtfulCell(name, text, float(piece["confidence"]), piece.get("page"),
                                tuple(float(v) for v in bbox) if bbox and len(bbox) == 4 else None,
                                raw_text if raw_text is not None and raw_text != text else None))
    return out


def _events(con, doc: dict, tables: set[str]) -> tuple[str | None, dt.datetime | None, list[EventInfo]]:
    """Events of the run that extracted this version of the document (the latest run
    started before its extraction time), else of the latest run with events for it."""
    if not {"runs", "document_events"} <= tables:
        return None, None, []
    run = con.execute(
        "SELECT run_id, started_at FROM runs WHERE started_at <= ? AND (finished_at IS NULL OR finished_at >= ?) "
        "ORDER BY started_at DESC LIMIT 1", [doc["extracted_at"], doc["extracted_at"]]).fetchall()
    if not run:
        run = con.execute(
            "SELECT r.run_id, r.started_at FROM runs r WHERE r.run_id IN "
            "(SELECT run_id FROM document_events WHERE doc_id = ?) ORDER BY r.started_at DESC LIMIT 1",
            [doc["doc_id"]]).fetchall()
    if not run:
        return None, None, []
    run_id, started = run[0]
    events = [EventInfo(*e) for e in con.execute(
        "SELECT stage, page, level, message FROM document_events WHERE run_id = ? AND doc_id = ? "
        "ORDER BY CASE level WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, page NULLS FIRST",
        [run_id, doc["doc_id"]]).fetchall()]
    return run_id, started, events


def document_report(con, doc: dict, threshold: float = DOUBTFUL_BELOW) -> DocumentReport:
    doc_id = doc["doc_id"]
    tables = _tables(con)
    row_columns = _columns(con, "plan_rows")
    pages = []
    if "document_pages" in tables:
        text = "ocr_text" if "ocr_text" in _columns(con, "document_pages") else "NULL AS ocr_text"
        pages = [PageInfo(**p) for p in _dicts(
            con, f"SELECT page, text_source, rules_source, reason, skew_degrees, {text} FROM document_pages "
                 "WHERE doc_id = ? ORDER BY page", [doc_id])]
    sections = [SectionCount(*s) for s in con.execute(
        "SELECT section_no, section_title, count(*) FROM plan_rows WHERE doc_id = ? "
        "GROUP BY section_no, section_title ORDER BY min(row_no)", [doc_id]).fetchall()]
    row_count = sum(s.rows for s in sections)
    doubtful = []
    for row in _dicts(con, "SELECT * FROM plan_rows WHERE doc_id = ? AND confidence < ? ORDER BY row_no",
                      [doc_id, threshold]):
        context = next((row[f] for f in ("task", "activity", "product", "objective") if row.get(f)), "")
        doubtful.append(DoubtfulRow(row["row_id"], row["row_no"], row.get("stt"), row.get("section_no"),
                                    float(row["confidence"]), row.get("page_first"), row.get("page_last"),
                                    row["method"], doubtful_cells(row, threshold), _shorten(context)))
    unresolved = []
    if "row_agencies" in tables:
        unresolved = [AgencyMention(*m) for m in con.execute(
            "SELECT p.row_id, p.row_no, p.stt, a.role, a.mention, p.page_first, p.page_last "
            "FROM row_agencies a JOIN plan_rows p USING (row_id) WHERE p.doc_id = ? AND a.agency_id IS NULL "
            "ORDER BY p.row_no, a.role DESC, a.mention", [doc_id]).fetchall()]
    unparsed = []
    if "timeline_parsed" in row_columns:
        unparsed = [UnparsedTimeline(*t) for t in con.execute(
            "SELECT row_id, row_no, stt, timeline_text, page_first, page_last FROM plan_rows "
            "WHERE doc_id = ? AND timeline_parsed = FALSE AND coalesce(timeline_text, '') <> '' "
            "ORDER BY row_no", [doc_id]).fetchall()]
    run_id, run_started, events = _events(con, doc, tables)
    corrected_cells, flagged = 0, []
    if "corrected" in row_columns:
        corrected_cells = con.execute("SELECT coalesce(sum(json_array_length(json_keys(corrected))), 0) "
                                      "FROM plan_rows WHERE doc_id = ? AND corrected IS NOT NULL",
                                      [doc_id]).fetchall()[0][0]
    if "corrections_current" in tables:
        flagged = [f"row {n or '?'} {f}: {'conflict' if st == 'conflict' else 'not applied'} — {note or ''}"
                   .rstrip(" —") for n, f, st, note in con.execute(
                       "SELECT row_no, field, status, note FROM corrections_current WHERE sha256 = ? "
                       "AND status IN ('conflict', 'orphaned') ORDER BY row_no", [doc["sha256"]]).fetchall()]
    return DocumentReport(
        doc_id=doc_id, sha256=doc["sha256"], file_name=doc["file_name"], file_path=doc["file_path"],
        title=doc.get("title"), plan_number=doc.get("plan_number"), period=doc.get("period"),
        issued_date=doc.get("issued_date"), status=doc["status"], error=doc.get("error"),
        text_source=doc.get("text_source"), page_count=doc.get("page_count"),
        pipeline_version=doc["pipeline_version"], extracted_at=doc["extracted_at"],
        is_current=bool(doc["is_current"]), row_count=row_count, pages=pages, sections=sections,
        doubtful=doubtful, unresolved=unresolved, unparsed=unparsed, run_id=run_id,
        run_started_at=run_started, events=events, corrected_cells=int(corrected_cells),
        corrections_flagged=flagged)


def build_report(db: str | Path, doc: str | None = None, threshold: float = DOUBTFUL_BELOW,
                 wait: float = 30.0) -> Report:
    """The report model of every current document in `db`, or of the one `doc` names.

    Raises FileNotFoundError when `db` does not exist and `DocumentNotFound` when `doc`
    names no document.
    """
    from schemas import store

    db = Path(db)
    if not db.is_file():
        raise FileNotFoundError(f"database not found: {db}")
    con = store.connect(db, read_only=True, wait=wait)
    try:
        if "documents" not in _tables(con):
            raise DocumentNotFound(f"{db} is not a cchc database (no documents table)")
        docs = [document_report(con, d, threshold) for d in select_documents(con, doc)]
    finally:
        con.close()
    return Report(str(db), dt.datetime.now(dt.timezone.utc).replace(tzinfo=None), threshold, docs)


# ---------------------------------------------------------------------------- shared wording


#: Characters of a kept page text (`PageInfo.ocr_text`) the report shows.
TEXT_START = 200


def _shorten(text: str, limit: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def pages_text(first: int | None, last: int | None) -> str:
    if first is None:
        return "?"
    return str(first) if last in (None, first) else f"{first}–{last}"


def row_label(row_no: int, stt: str | None) -> str:
    return f"{row_no}" + (f" (stt {stt})" if stt else "")


def page_groups(pages: list[PageInfo]) -> list[tuple[str, PageInfo]]:
    """Consecutive pages read the same way, as (page range, first page's info)."""
    out: list[tuple[int, int, PageInfo]] = []
    for p in pages:
        if out and out[-1][1] == p.page - 1 and (out[-1][2].text_source, out[-1][2].rules_source,
                                                  out[-1][2].reason) == (p.text_source, p.rules_source, p.reason):
            out[-1] = (out[-1][0], p.page, out[-1][2])
        else:
            out.append((p.page, p.page, p))
    return [(pages_text(a, b), info) for a, b, info in out]


def _conf(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _when(value) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S UTC")
    return "" if value is None else str(value)


def _summary_line(d: DocumentReport, threshold: float) -> str:
    return (f"{d.row_count} rows in {len(d.sections)} section(s); {len(d.doubtful)} doubtful "
            f"(confidence < {threshold:g}); {len(d.unresolved)} unresolved agency mention(s); "
            f"{len(d.unparsed)} unparsed timeline(s)"
            + (f"; {d.corrected_cells} cell(s) corrected by a person" if d.corrected_cells else "")
            + (f"; {len(d.corrections_flagged)} correction(s) flagged" if d.corrections_flagged else ""))


# ---------------------------------------------------------------------------- text


def print_report(report: Report, console=None) -> None:
    """The report as rich tables: styled in a terminal, plain text when piped."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    if console is None:
        width = None if os.environ.get("COLUMNS") or _isatty() else 160
        console = Console(highlight=False, width=width)

    def table(title: str, *columns: str, right: tuple[str, ...] = ()) -> Table:
        t = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for c in columns:
            t.add_column(c, justify="right" if c in right else "left", overflow="fold")
        return t

    def row(t: Table, *values) -> None:
        t.add_row(*(Text("" if v is None else str(v)) for v in values))

    if not report.documents:
        console.print("no current documents in the database")
    for d in report.documents:
        console.rule(Text(f"{d.file_name}  ·  doc {d.doc_id}", style="bold"), align="left")
        facts = table("", "", "")
        facts.show_header = False
        for label, value in (("title", d.title), ("plan number", d.plan_number), ("period", d.period),
                             ("issued", d.issued_date), ("status", d.status + (f": {d.error}" if d.error else "")),
                             ("text source", d.text_source), ("pages", d.page_count),
                             ("pipeline version", d.pipeline_version), ("extracted at", _when(d.extracted_at)),
                             ("file", d.file_path)):
            row(facts, label, "—" if value in (None, "") else value)
        console.print(facts)
        console.print(Text(_summary_line(d, report.threshold)))
        for flag in d.corrections_flagged:
            console.print(Text(f"correction flagged: {flag}"))
        console.print()

        if d.doubtful:
            t = table(f"doubtful rows ({len(d.doubtful)}, confidence < {report.threshold:g})", "row", "page",
                      "row conf.", "field", "cell conf.", "cell text", "raw text", right=("row conf.", "cell conf."))
            for r in d.doubtful:
                cells = r.cells or [None]
                for i, c in enumerate(cells):
                    head = (row_label(r.row_no, r.stt), pages_text(r.page_first, r.page_last), _conf(r.confidence)) \
                        if i == 0 else ("", "", "")
                    if c is None:
                        row(t, *head, "—", "—", "(no cell location recorded)", "")
                    else:
                        row(t, *head, c.field, _conf(c.confidence), c.text, c.raw or "")
            console.print(t)
        else:
            console.print(Text(f"no doubtful rows (confidence < {report.threshold:g})"))
        if d.unresolved:
            t = table(f"unresolved agency mentions ({len(d.unresolved)})", "row", "page", "role", "mention")
            for m in d.unresolved:
                row(t, row_label(m.row_no, m.stt), pages_text(m.page_first, m.page_last), m.role, m.mention)
            console.print(t)
        else:
            console.print(Text("no unresolved agency mentions"))
        if d.unparsed:
            t = table(f"unparsed timelines ({len(d.unparsed)})", "row", "page", "timeline text")
            for u in d.unparsed:
                row(t, row_label(u.row_no, u.stt), pages_text(u.page_first, u.page_last), u.timeline_text)
            console.print(t)
        else:
            console.print(Text("no unparsed timelines"))
        console.print()

        t = table("rows per section", "section", "title", "rows", right=("rows",))
        for s in d.sections:
            row(t, s.section_no or "—", s.section_title or "", s.rows)
        row(t, "", "total", d.row_count)
        console.print(t)
        t = table("pages", "page", "text source", "rules", "reason")
        for pages, p in page_groups(d.pages):
            row(t, pages, p.text_source, p.rules_source, p.reason)
        console.print(t)
        kept = [p for p in d.pages if p.ocr_text is not None]
        if kept:
            t = table(f"pages whose table could not be read ({len(kept)}): their OCR'd text, in "
                      "document_pages.ocr_text", "page", "characters", "text begins", right=("characters",))
            for p in kept:
                row(t, p.page, len(p.ocr_text), _shorten(p.ocr_text, TEXT_START) or "(no text found)")
            console.print(t)
        if d.run_id is None:
            console.print(Text("events: no run recorded for this document"))
        elif not d.events:
            console.print(Text(f"events: none in run {d.run_id} ({_when(d.run_started_at)})"))
        else:
            t = table(f"events of run {d.run_id} ({_when(d.run_started_at)})", "level", "stage", "page", "message")
            for e in d.events:
                row(t, e.level, e.stage, e.page, e.message)
            console.print(t)
        console.print()


def _isatty() -> bool:
    import sys

    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False
