"""Corrections made by people, and their re-application after every re-extraction.

A person (`cchc correct`, `cchc review`, `cchc corrections import`) corrects a cell's
text, marks a cell verified, or picks the registry agency of an agency mention. Each
change is a new line of the `corrections` table (append-only: undo is a new line too).
The lines of one cell form a *thread* (`thread_id`, the id of its first line); the state
of the cell is the latest line of its thread (`corrections_current`):

- `corrected` / `verified`: the cell shows `corrected_text` (for `verified`, the text as
  extracted, confirmed);
- `conflict`: a re-extraction read the cell differently from both the text the
  correction was made on and the correction; the correction is kept and still shown,
  flagged for review;
- `undone`: back to the extracted text; `orphaned`: the cell was not found in the last
  extraction (the correction is kept, applied nowhere, listed for review).

The corrected value is written into `plan_rows` itself (so every query, `cchc report`
and `cchc export` show it), the text as extracted kept in `plan_rows.corrected`
(`{field: extracted text}`), the fields a person checked in `plan_rows.verified`; a
corrected lead or coordinating cell is resolved to agencies again, a corrected timeline
parsed again, and an agency picked by a person is a `row_agencies` link of method
`person`. A row whose every doubtful cell was checked gets confidence 1 (the extracted
confidence kept in `extracted_confidence`).

`reapply` runs inside the transaction of every load of a document (`store.load_document`):
each correction of the same bytes is found again by the cell's identity (row number,
field, bbox and extracted text; else its text and its row's other fields and neighbours,
when the rows moved) and re-applied, or flagged as a conflict, never dropped; the
corrections of the version the load supersedes (same path, changed bytes) are carried
over where the cell is found with the same text (by its row's other fields and its
neighbours, so a row inserted before it does not shift it).
"""
from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import uuid
from dataclasses import dataclass, field
from typing import Iterable

import duckdb

from schemas.records import DOUBTFUL_BELOW, ROW_FIELDS

#: An agency picked by a person for a mention of a lead / coordinating cell.
AGENCY_FIELDS = {"lead_agency": "lead", "coord_agency": "coord"}
ROLE_FIELD = {"lead": "lead_text", "coord": "coord_text"}
FIELDS = (*ROW_FIELDS, *AGENCY_FIELDS)
#: Longest text a correction may hold (the longest cell of the reference plans is ~700).
MAX_TEXT = 10_000
STATUSES = ("corrected", "verified", "undone", "conflict", "orphaned")
APPLIED = ("corrected", "verified", "conflict")
ACTIONS = ("edit", "verify", "pick", "undo", "reapply", "carry", "import")
COLUMNS = ("correction_id", "thread_id", "sha256", "doc_id", "row_id", "row_no", "field", "page", "bbox",
           "extracted_text", "corrected_text", "status", "action", "author", "created_at", "note", "context",
           "source_id")
#: The method of a row_agencies link a person chose.
PERSON = "person"


class CorrectionError(ValueError):
    """A correction that cannot be made (unknown row or field, text too long …), in words."""


@dataclass
class Line:
    """One line of the `corrections` table."""

    correction_id: str
    thread_id: str
    sha256: str
    doc_id: str
    row_id: str | None
    row_no: int | None
    field: str
    page: int | None
    bbox: list[float] | None
    extracted_text: str
    corrected_text: str | None
    status: str
    action: str
    author: str
    created_at: dt.datetime
    note: str | None = None
    context: dict | None = None
    source_id: str | None = None

    @classmethod
    def from_row(cls, values: dict) -> "Line":
        values = dict(values)
        for key in ("bbox", "context"):
            if isinstance(values.get(key), str):
                values[key] = json.loads(values[key])
        return cls(**{c: values.get(c) for c in COLUMNS})

    def values(self) -> list:
        out = []
        for c in COLUMNS:
            v = getattr(self, c)
            out.append(json.dumps(v, ensure_ascii=False) if c in ("bbox", "context") and v is not None else v)
        return out

    @property
    def role(self) -> str | None:
        return AGENCY_FIELDS.get(self.field)

    def follow(self, **changes) -> "Line":
        """A new line of the same thread, `changes` applied."""
        line = Line(**{c: getattr(self, c) for c in COLUMNS})
        line.correction_id = new_id()
        line.source_id = self.correction_id
        line.created_at = _now()
        line.note = None
        for k, v in changes.items():
            setattr(line, k, v)
        return line


@dataclass
class Outcome:
    """What `reapply` did for one document."""

    reapplied: int = 0
    moved: int = 0
    carried: int = 0
    conflicts: list[str] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)
    not_carried: list[str] = field(default_factory=list)

    def messages(self) -> list[tuple[str, str]]:
        """(level, message) lines for the run's events."""
        out = []
        parts = []
        if self.reapplied:
            parts.append(f"{self.reapplied} correction(s) re-applied"
                         + (f" ({self.moved} found on another row)" if self.moved else ""))
        if self.carried:
            parts.append(f"{self.carried} correction(s) carried over from the previous version")
        if parts:
            out.append(("info", "; ".join(parts)))
        out += [("warning", f"correction conflict: {m}") for m in self.conflicts]
        out += [("warning", f"correction not applied: {m}") for m in self.orphaned]
        out += [("warning", f"correction of the previous version not carried over: {m}") for m in self.not_carried]
        return out


def new_id() -> str:
    return uuid.uuid4().hex


def default_author() -> str:
    """CCHC_AUTHOR, else the login name."""
    name = os.environ.get("CCHC_AUTHOR")
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in a container
        return "unknown"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


# ---------------------------------------------------------------------------- checks


def check_field(name: str) -> str:
    if name not in FIELDS:
        raise CorrectionError(f"unknown field {name!r}; one of: {', '.join(FIELDS)}")
    return name


def check_text(text: str | None, what: str = "text") -> str:
    """The text a person typed, cleaned like an extracted cell (NFC, control characters
    dropped, whitespace collapsed); too long a text is refused. Markup is kept as text:
    every page shows it escaped."""
    from normalizers.text import clean_text

    if text is None:
        raise CorrectionError(f"no {what} given")
    if not isinstance(text, str):
        raise CorrectionError(f"{what} must be text")
    if len(text) > MAX_TEXT:
        raise CorrectionError(f"{what} too long: {len(text)} characters, at most {MAX_TEXT}")
    return clean_text(text)


# ---------------------------------------------------------------------------- reading


def _dicts(con, sql: str, params: list | None = None) -> list[dict]:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def has_table(con) -> bool:
    return bool(con.execute("SELECT 1 FROM information_schema.tables WHERE table_name = 'corrections'").fetchall())


def current_lines(con, sha256: str | None = None, statuses: Iterable[str] | None = None) -> list[Line]:
    """The latest line of every thread (of one document's bytes), oldest first."""
    sql = "SELECT * FROM corrections_current WHERE (? IS NULL OR sha256 = ?)"
    params: list = [sha256, sha256]
    if statuses is not None:
        statuses = list(statuses)
        sql += " AND list_contains(?, status)"
        params.append(statuses)
    return [Line.from_row(r) for r in _dicts(con, sql + " ORDER BY created_at, correction_id", params)]


def thread(con, thread_id: str) -> list[Line]:
    return [Line.from_row(r) for r in _dicts(
        con, "SELECT * FROM corrections WHERE thread_id = ? ORDER BY created_at, correction_id", [thread_id])]


def _json(value):
    if isinstance(value, str):
        return json.loads(value)
    return value


def baseline(row: dict) -> dict[str, str]:
    """The row's text fields as extracted (a corrected field's extracted text is in
    `corrected`)."""
    corrected = _json(row.get("corrected")) or {}
    return {f: corrected[f] if f in corrected else (row.get(f) or "") for f in ROW_FIELDS}


def _signature(values: dict[str, str]) -> str:
    return "\x1f".join(values.get(f) or "" for f in ROW_FIELDS)


def _doc_rows(con, doc_id: str) -> list[dict]:
    return _dicts(con, "SELECT * FROM plan_rows WHERE doc_id = ? ORDER BY row_no", [doc_id])


def context_of(rows: list[dict], index: int, name: str) -> dict:
    """What identifies a cell apart from its row number: its row's other fields and its
    neighbours' texts (as extracted); for an agency, the cell holding the mention."""
    own = baseline(rows[index])
    ctx = {"row": {f: v for f, v in own.items() if f != name},
           "prev": _signature(baseline(rows[index - 1])) if index > 0 else None,
           "next": _signature(baseline(rows[index + 1])) if index + 1 < len(rows) else None}
    if name in AGENCY_FIELDS:
        ctx["cell"] = own[ROLE_FIELD[AGENCY_FIELDS[name]]]
    return ctx


def _first_box(row: dict, name: str) -> tuple[int | None, list[float] | None]:
    if name in AGENCY_FIELDS:
        name = ROLE_FIELD[AGENCY_FIELDS[name]]
    boxes = _json(row.get("cell_boxes")) or {}
    pieces = [b for b in boxes.get(name) or [] if isinstance(b, dict)]
    if not pieces:
        return None, None
    bbox = pieces[0].get("bbox")
    return pieces[0].get("page"), [float(v) for v in bbox] if bbox and len(bbox) == 4 else None


def find_row(con, row_id: str) -> tuple[dict, dict]:
    """(plan row, its document) for a row id, or CorrectionError in words."""
    if not isinstance(row_id, str) or ":" not in row_id or len(row_id) > 200:
        raise CorrectionError(f"no row {str(row_id)[:80]!r}: a row id is doc_id:row_no, e.g. 0123456789abcdef:12")
    rows = _dicts(con, "SELECT * FROM plan_rows WHERE row_id = ?", [row_id])
    if not rows:
        raise CorrectionError(f"no row {row_id!r} in the database")
    docs = _dicts(con, "SELECT * FROM documents WHERE doc_id = ?", [rows[0]["doc_id"]])
    return rows[0], docs[0]


# ---------------------------------------------------------------------------- writing


def _insert(con, line: Line) -> Line:
    last = con.execute("SELECT max(created_at) FROM corrections WHERE thread_id = ?", [line.thread_id]).fetchall()
    if last and last[0][0] is not None and line.created_at <= last[0][0]:
        line.created_at = last[0][0] + dt.timedelta(microseconds=1)  # the thread's order is its time order
    con.execute(f"INSERT INTO corrections ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
                line.values())
    return line


def _cell_lines(con, doc: dict, row: dict, name: str, mention: str | None = None) -> list[Line]:
    """Current lines (latest of their thread) on this cell, oldest first."""
    return [ln for ln in current_lines(con, doc["sha256"])
            if ln.row_no == row["row_no"] and ln.field == name and (mention is None or ln.extracted_text == mention)]


def _transaction(con):
    from schemas.store import _transaction as tx

    return tx(con)


def record(con, row_id: str, name: str, text: str | None, *, verify: bool = False, mention: str | None = None,
           author: str | None = None, note: str | None = None) -> Line:
    """A person's correction of one cell, in one transaction: the new line, and the row
    (and its agency links) showing it. `verify` confirms the text as extracted (`text`
    unused); for `lead_agency` / `coord_agency`, `mention` is the mention and `text` the
    registry id picked for it."""
    check_field(name)
    author = check_text(author or default_author(), "author")[:200] or "unknown"
    note = check_text(note, "note") if note else None
    with _transaction(con):
        row, doc = find_row(con, row_id)
        rows = _doc_rows(con, doc["doc_id"])
        index = next(i for i, r in enumerate(rows) if r["row_id"] == row_id)
        base = baseline(row)
        if name in AGENCY_FIELDS:
            role = AGENCY_FIELDS[name]
            if not mention:
                raise CorrectionError(f"{name}: give the mention of the {ROLE_FIELD[role]} cell to pick an agency for")
            mention = check_text(mention, "mention")
            found = con.execute("SELECT count(*) FROM row_agencies WHERE row_id = ? AND role = ? AND mention = ?",
                                [row_id, role, mention]).fetchall()[0][0]
            if not found:
                known = [m for (m,) in con.execute("SELECT mention FROM row_agencies WHERE row_id = ? AND role = ?",
                                                   [row_id, role]).fetchall()]
                raise CorrectionError(f"row {row_id} has no {role} mention {mention!r}"
                                      + (f"; its mentions: {', '.join(map(repr, known))}" if known else ""))
            agency = check_text(text, "agency id")
            if not con.execute("SELECT 1 FROM agencies WHERE agency_id = ?", [agency]).fetchall():
                raise CorrectionError(f"no agency {agency[:80]!r} in the registry (agencies.agency_id)")
            extracted, corrected, status, action = mention, agency, "corrected", "pick"
        else:
            extracted = base[name]
            if verify:
                previous = _cell_lines(con, doc, row, name)
                corrected = row.get(name) or ""  # what the cell shows: the extraction or a correction
                status, action = "verified", "verify"
                if previous and previous[-1].status in APPLIED and corrected != extracted:
                    status = "corrected"  # confirming a correction (e.g. after a conflict)
            else:
                corrected, status, action = check_text(text), "corrected", "edit"
                if corrected == extracted:
                    status = "verified"
        page, bbox = _first_box(row, name)
        previous = _cell_lines(con, doc, row, name, mention if name in AGENCY_FIELDS else None)
        line_id = new_id()
        line = Line(line_id, previous[-1].thread_id if previous else line_id, doc["sha256"], doc["doc_id"],
                    row_id, row["row_no"], name, page, bbox, extracted, corrected, status, action, author, _now(),
                    note, context_of(rows, index, name), previous[-1].correction_id if previous else None)
        _insert(con, line)
        refresh_row(con, row_id)
    return line


def undo(con, row_id: str, name: str, mention: str | None = None, author: str | None = None) -> Line | None:
    """Undo the last change a person made to a cell: a new line restoring the state
    before it (or the extracted text). None when the cell has nothing to undo."""
    check_field(name)
    author = check_text(author or default_author(), "author")[:200] or "unknown"
    with _transaction(con):
        row, doc = find_row(con, row_id)
        cell = _cell_lines(con, doc, row, name, mention)
        if not cell or cell[-1].status == "undone" and _restorable(thread(con, cell[-1].thread_id)) is None:
            return None
        lines = thread(con, cell[-1].thread_id)
        restored = _restorable(lines)
        latest = lines[-1]
        if restored is None:
            line = latest.follow(status="undone", corrected_text=None, action="undo", author=author)
        else:
            line = latest.follow(status=restored.status if restored.status != "orphaned" else "corrected",
                                 corrected_text=restored.corrected_text, action="undo", author=author)
        line.row_id, line.row_no = row_id, row["row_no"]
        line.extracted_text = latest.extracted_text
        _insert(con, line)
        refresh_row(con, row_id)
    return line


def _restorable(lines: list[Line]) -> Line | None:
    """The state an undo returns to: the person's changes of the thread as a stack (an
    undo pops one); the one below the top, None for the extracted text."""
    stack: list[Line] = []
    for ln in lines:
        if ln.action == "undo":
            if stack:
                stack.pop()
        elif ln.action in ("edit", "verify", "pick", "import", "carry"):
            stack.append(ln)
    if not stack:
        return None
    stack.pop()
    return stack[-1] if stack else None


# ---------------------------------------------------------------------------- applying


def _plan_date(doc: dict) -> tuple[dt.date | None, int | None]:
    import re

    years = re.findall(r"\d{4}", doc.get("period") or "")
    year = int(years[0]) if len(years) == 1 else None
    on = doc.get("issued_date") or (dt.date(year, 1, 1) if year else None)
    return on, year


def _doubtful_fields(row: dict, confidence: float) -> set[str]:
    """The fields whose cells made a row doubtful (as `cchc report` lists them)."""
    if confidence is None or confidence >= DOUBTFUL_BELOW:
        return set()
    boxes = _json(row.get("cell_boxes")) or {}
    pieces = [(name, b["confidence"]) for name, found in boxes.items() for b in (found or [])
              if isinstance(b, dict) and b.get("confidence") is not None]
    low = {name for name, c in pieces if c < DOUBTFUL_BELOW}
    if not low and pieces:
        low = {min(pieces, key=lambda p: p[1])[0]}
    return low


def refresh_row(con, row_id: str) -> None:
    """Write into the row (and its agency links) what its current corrections say: each
    corrected field's text, `corrected`, `verified`, confidence; a changed timeline parsed
    again, changed agency cells resolved again, agencies picked by a person set."""
    row, doc = find_row(con, row_id)
    base = baseline(row)
    lines = [ln for ln in current_lines(con, doc["sha256"], APPLIED) if ln.row_no == row["row_no"]]
    values = dict(base)
    corrected: dict[str, str] = {}
    verified: list[str] = []
    picks: list[Line] = []
    for ln in lines:  # oldest first: a later line on the same cell wins
        if ln.field in AGENCY_FIELDS:
            picks.append(ln)
            continue
        values[ln.field] = ln.corrected_text or ""
        corrected.pop(ln.field, None)
        if ln.field in verified:
            verified.remove(ln.field)
        if values[ln.field] != base[ln.field]:
            corrected[ln.field] = base[ln.field]
        if ln.status in ("corrected", "verified"):
            verified.append(ln.field)
    for name in ROW_FIELDS:
        if name not in corrected:
            values[name] = base[name]
    extracted_conf = row.get("extracted_confidence")
    extracted_conf = row["confidence"] if extracted_conf is None else extracted_conf
    doubtful = _doubtful_fields(row, extracted_conf)
    cleared = bool(doubtful) and doubtful <= set(verified)
    on_date, year = _plan_date(doc)
    sets = {name: values[name] for name in ROW_FIELDS if values[name] != (row.get(name) or "")}
    sets["corrected"] = json.dumps(corrected, ensure_ascii=False) if corrected else None
    sets["verified"] = json.dumps(sorted(set(verified), key=ROW_FIELDS.index)) if verified else None
    sets["confidence"] = 1.0 if cleared else extracted_conf
    sets["extracted_confidence"] = extracted_conf if cleared else None
    if "timeline_text" in sets:
        from normalizers.timelines import parse_timeline

        t = parse_timeline(values["timeline_text"], year)
        sets.update(due_start=t.due_start, due_end=t.due_end, recurrence=t.recurrence, timeline_parsed=t.parsed)
    con.execute(f"UPDATE plan_rows SET {', '.join(f'{k} = ?' for k in sets)} WHERE row_id = ?",
                [*sets.values(), row_id])
    # agency links: a role whose cell changed, or that has (or had) a person's pick, is resolved again
    had_picks = {r for (r,) in con.execute(
        "SELECT DISTINCT role FROM row_agencies WHERE row_id = ? AND method = ?", [row_id, PERSON]).fetchall()}
    for role, cell in ROLE_FIELD.items():
        role_picks = [p for p in picks if p.role == role]
        if cell not in sets and not role_picks and role not in had_picks:
            continue
        _resolve_role(con, row_id, role, values[cell], on_date)
        for p in role_picks:
            _set_pick(con, row_id, role, p.extracted_text, p.corrected_text, on_date)


def _resolve_role(con, row_id: str, role: str, text: str, on_date) -> None:
    from normalizers.agencies import resolve_cell

    con.execute("DELETE FROM row_agencies WHERE row_id = ? AND role = ?", [row_id, role])
    mentions = resolve_cell(text, on_date) if text else []
    if mentions:
        con.executemany("INSERT INTO row_agencies (row_id, agency_id, role, mention, score, method, flagged) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [[row_id, m.agency_id, role, m.mention, float(m.score), m.method, bool(m.flagged)]
                         for m in mentions])


def _set_pick(con, row_id: str, role: str, mention: str, agency_id: str | None, on_date) -> bool:
    if not agency_id:
        return False
    found = con.execute("SELECT valid_from, valid_to FROM agencies WHERE agency_id = ?", [agency_id]).fetchall()
    if not found:
        return False
    valid_from, valid_to = found[0]
    flagged = bool(on_date and ((valid_from and on_date < valid_from) or (valid_to and on_date > valid_to)))
    before = con.execute("SELECT count(*) FROM row_agencies WHERE row_id = ? AND role = ? AND mention = ?",
                         [row_id, role, mention]).fetchall()[0][0]
    con.execute("UPDATE row_agencies SET agency_id = ?, score = 1.0, method = ?, flagged = ? "
                "WHERE row_id = ? AND role = ? AND mention = ?", [agency_id, PERSON, flagged, row_id, role, mention])
    return before > 0


# ---------------------------------------------------------------------------- finding a cell again


def _iou(a: list[float] | None, b: list[float] | None) -> float:
    if not a or not b:
        return 0.0
    x0, y0, x1, y1 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    inter = max(0.0, x1 - x0) * max(0.0, y1 - y0)
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def _score(ctx: dict | None, bases: list[dict[str, str]], sigs: list[str], i: int) -> float:
    """How well row i fits a cell's context: 2 × the share of the row's other (non-empty)
    fields that are equal, + 1 per neighbour with the same text (0–4)."""
    if not ctx:
        return 0.0
    own = ctx.get("row") or {}
    keys = [k for k in own if own[k] or bases[i].get(k)]
    share = sum(own[k] == bases[i].get(k, "") for k in keys) / len(keys) if keys else 0.0
    prev = sigs[i - 1] if i > 0 else None
    nxt = sigs[i + 1] if i + 1 < len(sigs) else None
    return 2 * share + (prev == ctx.get("prev")) + (nxt == ctx.get("next"))


def _cell_text(line: Line, base: dict[str, str]) -> str:
    return base[ROLE_FIELD[line.role]] if line.role else base[line.field]


def _line_text(line: Line) -> str:
    """The extracted text a line was made on, for the cell it is in (agency: the cell)."""
    if line.role:
        return (line.context or {}).get("cell", "")
    return line.extracted_text


#: A row found by its context alone (not its number) needs at least this score.
FOUND = 1.5


def locate(line: Line, rows: list[dict], same_bytes: bool,
           bases: list[dict[str, str]] | None = None) -> tuple[int | None, bool]:
    """Where the cell of `line` is among `rows` (the new extraction, in order):
    (index, text_equal) — text_equal when the cell reads as the line's extracted text or
    as its correction; (None, False) when not found.

    Rows are scored by how well their other fields and neighbours fit the line's context
    (`_score`), with, for the same bytes, a bonus for the same box and the same row
    number; the best row whose cell has the same text wins when it fits well enough and
    clearly better than the next; else (same bytes only) the best row whatever its text,
    when it fits closely: the cell is there, read differently (a conflict). A new version
    (other bytes) takes only rows whose cell has the same text."""
    bases = bases if bases is not None else [baseline(r) for r in rows]
    sigs = [_signature(b) for b in bases]
    wanted = {_line_text(line)}
    if not line.role and line.corrected_text is not None:
        wanted.add(line.corrected_text)
    field_name = ROLE_FIELD[line.role] if line.role else line.field
    same_no = line.row_no - 1 if same_bytes and line.row_no and 0 < line.row_no <= len(rows) else None

    def box_fits(i: int) -> bool:
        page, bbox = _first_box(rows[i], field_name)
        return page == line.page and _iou(bbox, line.bbox) >= 0.5

    def fit(i: int) -> float:
        bonus = (0.5 * box_fits(i) + 0.25 * (i == same_no)) if same_bytes else 0.0
        return _score(line.context, bases, sigs, i) + bonus

    def best(candidates: list[int], least: float) -> int | None:
        scored = sorted(((fit(i), i) for i in candidates), reverse=True)
        if scored and scored[0][0] >= least and (len(scored) == 1 or scored[0][0] - scored[1][0] >= 0.25):
            return scored[0][1]
        return None

    found = best([i for i in range(len(rows)) if _cell_text(line, bases[i]) in wanted], FOUND)
    if found is not None:
        return found, True
    if same_bytes:
        found = best(list(range(len(rows))), 2.5)
        if found is not None:
            return found, False
    return None, False


def _describe(line: Line, doc: dict) -> str:
    where = f"row {line.row_no}" if line.row_no else "a row"
    what = f"{line.field} {line.extracted_text!r}" if line.role else line.field
    return f"{doc['file_name']} {where} {what}"


def _short(text: str | None, limit: int = 80) -> str:
    text = text or ""
    return repr(text if len(text) <= limit else text[:limit - 1] + "…")


def reapply(con, doc_id: str, superseded: Iterable[str] = ()) -> Outcome:
    """Re-apply the corrections of a document just loaded (inside the load's transaction),
    and carry over those of the versions it superseded. Returns what was done."""
    outcome = Outcome()
    docs = _dicts(con, "SELECT * FROM documents WHERE doc_id = ?", [doc_id])
    if not docs or not has_table(con):
        return outcome
    doc = docs[0]
    if doc["status"] not in ("ok", "partial"):
        return outcome  # a failed load writes no row: nothing to apply corrections to
    shas = [doc["sha256"]] + [s for (s,) in con.execute(
        "SELECT sha256 FROM documents WHERE list_contains(?, doc_id)", [list(superseded)]).fetchall()]
    if not con.execute("SELECT count(*) FROM corrections WHERE list_contains(?, sha256)", [shas]).fetchall()[0][0]:
        return outcome  # no correction to apply or carry: the common case, and cheap
    rows = _doc_rows(con, doc_id)
    if not rows:
        return outcome
    bases = [baseline(r) for r in rows]
    touched: set[str] = set()
    for line in current_lines(con, doc["sha256"]):
        if line.status == "undone":
            continue
        index, equal = locate(line, rows, same_bytes=True, bases=bases)
        if index is None:
            if line.status != "orphaned":
                _insert(con, line.follow(status="orphaned", action="reapply", author="cchc",
                                         note="the cell was not found in the new extraction; the correction is kept"))
            outcome.orphaned.append(f"{_describe(line, doc)}: the cell was not found in the new extraction; "
                                    f"the correction {_short(line.corrected_text)} is kept")
            continue
        row = rows[index]
        base = baseline(row)
        now_text = _cell_text(line, base)
        moved = index + 1 != line.row_no
        if line.role and equal and not con.execute(
                "SELECT 1 FROM row_agencies WHERE row_id = ? AND role = ? AND mention = ?",
                [row["row_id"], line.role, line.extracted_text]).fetchall():
            equal = False  # the cell reads the same but the mention is gone
        if equal:
            if moved or line.status == "orphaned":
                page, bbox = _first_box(row, line.field)
                _insert(con, line.follow(
                    row_id=row["row_id"], row_no=row["row_no"], page=page, bbox=bbox, action="reapply",
                    author="cchc", status="corrected" if line.status == "orphaned" else line.status,
                    context=context_of(rows, index, line.field),
                    note=f"found on row {row['row_no']} (was row {line.row_no})" if moved else "found again"))
            outcome.reapplied += 1
            outcome.moved += moved
        else:
            page, bbox = _first_box(row, line.field)
            _insert(con, line.follow(
                row_id=row["row_id"], row_no=row["row_no"], page=page, bbox=bbox, action="reapply", author="cchc",
                status="conflict", extracted_text=line.extracted_text if line.role else now_text,
                context=context_of(rows, index, line.field),
                note=f"the new extraction reads {_short(now_text)}; the correction was made on "
                     f"{_short(_line_text(line))}"))
            outcome.conflicts.append(f"{_describe(line, doc)}: the new extraction reads {_short(now_text)}, "
                                     f"the correction was made on {_short(_line_text(line))}; the correction "
                                     f"{_short(line.corrected_text)} is kept, flagged for review")
        touched.add(row["row_id"])
    touched |= _carry(con, doc, rows, superseded, outcome)
    # rows of this document that show a correction no line asks for any more: none after a
    # fresh load; after an import or a re-application, refresh every touched row
    for row_id in sorted(touched, key=lambda r: int(r.rsplit(":", 1)[1])):
        refresh_row(con, row_id)
    return outcome


def _carry(con, doc: dict, rows: list[dict], superseded: Iterable[str], outcome: Outcome) -> set[str]:
    """Carry the applied corrections of the superseded versions to `doc` where the cell is
    found with the same text; returns the rows touched."""
    touched: set[str] = set()
    bases = [baseline(r) for r in rows]
    already = {s for (s,) in con.execute("SELECT source_id FROM corrections WHERE sha256 = ? AND source_id IS NOT NULL",
                                         [doc["sha256"]]).fetchall()}
    for old_id in superseded:
        if old_id == doc["doc_id"]:
            continue
        old = _dicts(con, "SELECT * FROM documents WHERE doc_id = ?", [old_id])
        if not old:
            continue
        for line in current_lines(con, old[0]["sha256"], APPLIED):
            if line.correction_id in already:
                continue
            index, equal = locate(line, rows, same_bytes=False, bases=bases)
            if index is None or not equal:
                outcome.not_carried.append(f"{_describe(line, old[0])}: the cell was not found with the same text; "
                                           f"the correction {_short(line.corrected_text)} stays with that version")
                continue
            row = rows[index]
            base = baseline(row)
            if not line.role and base[line.field] == line.corrected_text and line.status != "verified" \
                    and line.corrected_text != line.extracted_text:
                continue  # the new version already reads as corrected
            page, bbox = _first_box(row, line.field)
            new = line.follow(thread_id="", sha256=doc["sha256"], doc_id=doc["doc_id"], row_id=row["row_id"],
                              row_no=row["row_no"], page=page, bbox=bbox, action="carry", author="cchc",
                              status=line.status, context=context_of(rows, index, line.field),
                              note=f"carried over from {old[0]['file_name']} ({old_id}) row {line.row_no}")
            new.thread_id = new.correction_id
            _insert(con, new)
            outcome.carried += 1
            touched.add(row["row_id"])
    return touched


# ---------------------------------------------------------------------------- sharing


def export_csv(con, path) -> int:
    """Every line (oldest first) as CSV, UTF-8 with a byte-order mark; returns the count."""
    import csv

    lines = [Line.from_row(r) for r in _dicts(con, "SELECT * FROM corrections ORDER BY created_at, correction_id")]
    names = dict(con.execute("SELECT doc_id, file_name FROM documents").fetchall())
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([*COLUMNS, "file_name"])
        for ln in lines:
            values = ln.values()
            values[COLUMNS.index("created_at")] = ln.created_at.isoformat(sep=" ")
            w.writerow(["" if v is None else v for v in values] + [names.get(ln.doc_id, "")])
    return len(lines)


def import_csv(con, path) -> tuple[int, int, list[str]]:
    """Add the lines of a corrections CSV (as `export_csv` writes it) that this database
    does not hold (by correction_id), in one transaction, then re-apply the corrections
    of every loaded document they concern. Returns (added, already present, documents
    touched); a malformed file raises CorrectionError naming the line."""
    import csv
    import re

    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise CorrectionError(f"{path}: not a corrections file: columns missing: {', '.join(missing)}")
        records = list(reader)
    lines = []
    for n, rec in enumerate(records, start=2):
        try:
            values = {c: (rec[c] if rec[c] != "" else None) for c in COLUMNS}
            for c in ("correction_id", "thread_id", "sha256", "doc_id", "field", "status", "action", "author",
                      "created_at"):
                if not values[c]:
                    raise CorrectionError(f"{c} is empty")
            if not re.fullmatch(r"[0-9a-f]{64}", values["sha256"]):
                raise CorrectionError("sha256 is not 64 hex digits")
            check_field(values["field"])
            if values["status"] not in STATUSES or values["action"] not in ACTIONS:
                raise CorrectionError(f"unknown status {values['status']!r} or action {values['action']!r}")
            values["extracted_text"] = check_text(values["extracted_text"] or "", "extracted_text")
            if values["corrected_text"] is not None:
                values["corrected_text"] = check_text(values["corrected_text"], "corrected_text")
            values["row_no"] = int(values["row_no"]) if values["row_no"] else None
            values["page"] = int(values["page"]) if values["page"] else None
            values["created_at"] = dt.datetime.fromisoformat(values["created_at"])
            line = Line.from_row(values)
        except (CorrectionError, ValueError, KeyError) as err:
            raise CorrectionError(f"{path} line {n}: {err}") from None
        lines.append(line)
    added, present = 0, 0
    docs: set[str] = set()
    with _transaction(con):
        known = {c for (c,) in con.execute("SELECT correction_id FROM corrections").fetchall()}
        for line in lines:
            if line.correction_id in known:
                present += 1
                continue
            con.execute(f"INSERT INTO corrections ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
                        line.values())
            known.add(line.correction_id)
            added += 1
            docs.add(line.sha256)
        touched = []
        for sha in sorted(docs):
            found = con.execute("SELECT doc_id FROM documents WHERE sha256 = ? AND status IN ('ok', 'partial')",
                                [sha]).fetchall()
            if found:
                reapply(con, found[0][0])
                for (row_id,) in con.execute("SELECT row_id FROM plan_rows WHERE doc_id = ?", [found[0][0]]).fetchall():
                    refresh_row(con, row_id)
                touched.append(found[0][0])
    return added, present, touched
