"""`cchc review`: a small local web app to review and correct the extracted plans.

Server-rendered (Starlette + Jinja2, both already installed with Prefect; no npm, no
build). It opens on the doubtful cells of the current documents — cells of rows with a
confidence below 0.8, agency mentions not resolved to the registry, timelines that could
not be parsed, and corrections a re-extraction flagged — each beside its crop of the page
image (`pipeline.report_html`), and lets one browse any document's rows page by page. A
cell's text is edited, marked verified, or its last change undone; an agency is picked
from the registry for a mention. Every change goes through `schemas.corrections` (a new
line of the `corrections` table, the row showing it at once) and survives re-extraction.

Keyboard: j / k next / previous cell, e (or Enter) edit it, Esc leave the text, Ctrl-Enter
save, v verify, u undo.

Safe by default:
- binds 127.0.0.1 and answers only requests addressed to it (a page of another site
  cannot reach it by DNS rebinding); another `--host` requires a token, printed at start
  (the first visit with `?token=` sets a cookie);
- every form carries a CSRF token (random per server start) checked on every POST, and a
  POST from another origin is refused;
- every value is HTML-escaped (Jinja2 autoescape); pages carry a Content-Security-Policy
  (scripts and styles from this server only, no frames);
- request bodies are limited to `MAX_BODY` bytes, correction texts to
  `schemas.corrections.MAX_TEXT` characters;
- `--read-only` shows everything and changes nothing (POST refused);
- the database is opened per request and closed before the answer (read-only for pages,
  read-write for one change), so `cchc ingest` and a schedule are never locked out for
  longer than one write.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
import threading
import urllib.parse
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from jinja2 import DictLoader, Environment, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from schemas import corrections as C
from schemas import store
from schemas.records import ROW_FIELDS

#: Largest request body accepted (a correction of MAX_TEXT Vietnamese characters,
#: percent-encoded, is ~90 kB).
MAX_BODY = 256 * 1024
#: Cells per page of the review queue.
PAGE_SIZE = 40
#: Seconds a request waits for a database another process holds.
WAIT = 10.0
#: Page images kept in memory for crops (each ~4 MB at 200 dpi).
PAGE_CACHE = 6
LABELS = {"section_no": "Section", "section_title": "Section title", "stt": "Stt", "objective": "Mục tiêu",
          "task": "Nhiệm vụ", "activity": "Hoạt động", "product": "Sản phẩm", "lead_text": "Chủ trì",
          "coord_text": "Phối hợp", "timeline_text": "Thời gian", "note": "Ghi chú",
          "lead_agency": "Chủ trì (agency)", "coord_agency": "Phối hợp (agency)"}


@dataclass
class Settings:
    db: Path
    read_only: bool = False
    token: str | None = None  # required on every request when set (a --host other than 127.0.0.1)
    allowed_hosts: tuple[str, ...] = ()  # Host header values accepted (empty: any)
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    author: str = field(default_factory=C.default_author)
    wait: float = WAIT


# ---------------------------------------------------------------------------- database


_DB_LOCK = threading.Lock()  # one connection at a time in this process (DuckDB: one configuration per file)


class Unavailable(Exception):
    """The database cannot be opened now (held by another process) or at all."""


@contextmanager
def _database(settings: Settings, write: bool = False) -> Iterator:
    with _DB_LOCK:
        try:
            con = store.connect(settings.db, read_only=not write, wait=settings.wait)
        except store.DatabaseLocked as err:
            raise Unavailable(f"{err}; an ingest or a re-extraction is writing it: try again in a moment") from None
        try:
            yield con
        finally:
            con.close()


def _dicts(con, sql: str, params: list | None = None) -> list[dict]:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


# ---------------------------------------------------------------------------- the queue


@dataclass
class Item:
    """One cell to review."""

    kind: str  # conflict | orphaned | doubtful | agency | timeline
    why: str
    doc_id: str
    file_name: str
    row_id: str | None
    row_no: int | None
    stt: str | None
    field: str
    text: str
    extracted: str | None = None  # the text as extracted, when a correction shows
    confidence: float | None = None
    page: int | None = None
    mention: str | None = None
    context: str = ""
    note: str | None = None
    crop: bool = False


def _context(row: dict) -> str:
    text = next((row.get(f) for f in ("task", "activity", "product", "objective") if row.get(f)), "") or ""
    return text if len(text) <= 160 else text[:159] + "…"


def queue(con, doc_id: str | None = None) -> list[Item]:
    """The cells to review in the current documents (or one document), in document order:
    conflicts first, then per row its doubtful cells (not yet checked by a person), its
    unresolved agency mentions, its unparsed timeline."""
    from pipeline.report import doubtful_cells

    docs = _dicts(con, "SELECT doc_id, sha256, file_name FROM documents WHERE "
                       + ("doc_id = ?" if doc_id else "is_current") + " ORDER BY file_name, doc_id",
                  [doc_id] if doc_id else [])
    items: list[Item] = []
    for d in docs:
        rows = {r["row_no"]: r for r in _dicts(con, "SELECT * FROM plan_rows WHERE doc_id = ? ORDER BY row_no",
                                               [d["doc_id"]])}
        for ln in C.current_lines(con, d["sha256"], ("conflict", "orphaned")):
            row = rows.get(ln.row_no) if ln.status == "conflict" else None
            items.append(Item(
                ln.status, "re-extraction conflict" if ln.status == "conflict" else "correction not applied",
                d["doc_id"], d["file_name"], row["row_id"] if row else None, ln.row_no, row.get("stt") if row else None,
                ln.field, (row.get(ln.field) or "") if row and not ln.role else (ln.corrected_text or ""),
                ln.extracted_text, page=ln.page, mention=ln.extracted_text if ln.role else None,
                context=_context(row) if row else "", note=ln.note, crop=row is not None))
        links: dict[str, list[dict]] = {}
        for a in _dicts(con, "SELECT a.row_id, a.role, a.mention FROM row_agencies a JOIN plan_rows p USING (row_id) "
                             "WHERE p.doc_id = ? AND a.agency_id IS NULL ORDER BY p.row_no, a.role DESC, a.rowid",
                        [d["doc_id"]]):
            links.setdefault(a["row_id"], []).append(a)
        for row_no, row in rows.items():
            verified = set(_json(row.get("verified")) or [])
            corrected = _json(row.get("corrected")) or {}
            if row["confidence"] is not None and row["confidence"] < C.DOUBTFUL_BELOW:
                seen = set()
                for cell in doubtful_cells(row):
                    if cell.field in verified or cell.field in seen:
                        continue
                    seen.add(cell.field)
                    items.append(Item("doubtful", f"confidence {cell.confidence:.2f}" if cell.confidence is not None
                                      else "doubtful row", d["doc_id"], d["file_name"], row["row_id"], row_no,
                                      row.get("stt"), cell.field, row.get(cell.field) or "",
                                      corrected.get(cell.field), cell.confidence, cell.page,
                                      context=_context(row), crop=True))
            for a in links.get(row["row_id"], []):
                name = f"{a['role']}_agency"
                items.append(Item("agency", "agency not in the registry", d["doc_id"], d["file_name"], row["row_id"],
                                  row_no, row.get("stt"), name, row.get(C.ROLE_FIELD[a["role"]]) or "",
                                  mention=a["mention"], page=row.get("page_first"), context=_context(row), crop=True))
            if row.get("timeline_parsed") is False and row.get("timeline_text") and "timeline_text" not in verified:
                items.append(Item("timeline", "timeline not understood", d["doc_id"], d["file_name"], row["row_id"],
                                  row_no, row.get("stt"), "timeline_text", row["timeline_text"],
                                  corrected.get("timeline_text"), page=row.get("page_first"),
                                  context=_context(row), crop=True))
    return items


# ---------------------------------------------------------------------------- crops


class _Pages:
    """Rendered page images, the last few kept; source files' hashes by (path, size, mtime)."""

    def __init__(self, size: int = PAGE_CACHE):
        self.size = size
        self.pages: OrderedDict = OrderedDict()
        self.hashes: dict = {}
        self.lock = threading.Lock()

    def source_ok(self, path: str, sha256: str) -> str | None:
        p = Path(path)
        if not p.is_file():
            return f"source file not found: {path}"
        st = p.stat()
        key = (path, st.st_size, st.st_mtime_ns)
        if key not in self.hashes:
            h = hashlib.sha256()
            with p.open("rb") as fh:
                while block := fh.read(1 << 20):
                    h.update(block)
            self.hashes[key] = h.hexdigest()
        if self.hashes[key] != sha256:
            return f"source file has changed since extraction: {path}"
        return None

    def image(self, path: str, page: int, skew: float | None):
        from extractors.document import PDFIUM_LOCK
        from pipeline.report_html import render_page

        key = (path, page, skew)
        with self.lock:
            if key in self.pages:
                self.pages.move_to_end(key)
                return self.pages[key]
        with PDFIUM_LOCK:
            gray = render_page(path, page, skew)
        with self.lock:
            self.pages[key] = gray
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)
        return gray


# ---------------------------------------------------------------------------- pages

_BASE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}CCHC review{% endblock %} — cchc review</title>
<link rel="stylesheet" href="/static/review.css"></head>
<body data-csrf-checked="1">
<header><a class="brand" href="/">cchc review</a>
<nav><a href="/">Doubtful cells</a> · <a href="/docs">Documents</a></nav>
<span class="muted">{{ db }}{% if read_only %} · <b>read-only</b>{% endif %}</span></header>
{% if message %}<p class="flash {{ 'error' if error else 'ok' }}" role="status">{{ message }}</p>{% endif %}
<main>{% block main %}{% endblock %}</main>
<footer class="muted">Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous cell · <kbd>e</kbd> edit ·
<kbd>Esc</kbd> leave the text · <kbd>Ctrl</kbd>+<kbd>Enter</kbd> save · <kbd>v</kbd> verify · <kbd>u</kbd> undo</footer>
<script src="/static/review.js"></script>
</body></html>
"""

_FORMS = """
{% macro cell_forms(item, back) %}
{% if not read_only and item.row_id %}
{% if item.field.endswith('_agency') %}
<form class="edit" method="post" action="/cell/{{ item.row_id }}/{{ item.field }}">
<input type="hidden" name="csrf" value="{{ csrf }}"><input type="hidden" name="next" value="{{ back }}">
<input type="hidden" name="mention" value="{{ item.mention }}">
<label>Agency for “{{ item.mention }}”
<input class="agency" name="text" list="agencies" autocomplete="off" placeholder="type a name, pick an id"></label>
<button name="action" value="pick">Pick</button>
<button name="action" value="undo" class="secondary">Undo</button>
</form>
{% else %}
<form class="edit" method="post" action="/cell/{{ item.row_id }}/{{ item.field }}">
<input type="hidden" name="csrf" value="{{ csrf }}"><input type="hidden" name="next" value="{{ back }}">
<textarea name="text" rows="3" aria-label="{{ labels[item.field] }}">{{ item.text }}</textarea>
<div class="buttons"><button name="action" value="save" title="Ctrl+Enter">Save</button>
<button name="action" value="verify" class="secondary" title="v: the text shown is right">Verify</button>
<button name="action" value="undo" class="secondary" title="u: undo the last change">Undo</button>
<input name="note" placeholder="note (optional)" maxlength="500"></div>
</form>
{% endif %}
{% endif %}
{% endmacro %}
"""

_QUEUE = """{% extends "base" %}{% from "forms" import cell_forms with context %}
{% block title %}Doubtful cells{% endblock %}
{% block main %}
<h1>Doubtful cells <span class="muted">({{ total }}{% if doc %} in {{ doc.file_name }}{% endif %})</span></h1>
{% if not items %}<p>Nothing to review{% if doc %} in this document{% endif %}: every doubtful cell of the current
documents is corrected or verified.</p>{% endif %}
{% for item in items %}
<article class="item {{ item.kind }}" id="item-{{ loop.index0 }}" tabindex="-1" data-row="{{ item.row_id or '' }}" data-field="{{ item.field }}">
<div class="head"><b>{{ item.file_name }}</b> · row {{ item.row_no }}{% if item.stt %} (stt {{ item.stt }}){% endif %}
· {{ labels[item.field] }} <code>{{ item.field }}</code> · <span class="why">{{ item.why }}</span>
{% if item.row_id %} · <a href="/cell/{{ item.row_id }}/{{ item.field }}">cell</a>
· <a href="/doc/{{ item.doc_id }}?page={{ item.page or 1 }}#row-{{ item.row_no }}">page {{ item.page or '?' }}</a>{% endif %}</div>
{% if item.context %}<div class="context muted">{{ item.context }}</div>{% endif %}
{% if item.note %}<div class="note">{{ item.note }}</div>{% endif %}
<div class="cell">
{% if item.crop %}<img class="crop" loading="lazy" alt="page crop of {{ item.field }}" src="/crop/{{ item.row_id }}/{{ item.field }}">{% endif %}
<div class="text">
{% if item.mention %}<p>Mention: <mark>{{ item.mention }}</mark> in “{{ item.text }}”</p>{% endif %}
{% if item.extracted is not none and item.extracted != item.text %}<p class="muted">as extracted: {{ item.extracted }}</p>{% endif %}
{{ cell_forms(item, back ~ '#item-' ~ loop.index0) }}
</div></div>
</article>
{% endfor %}
<p class="pager">{% if prev_url %}<a href="{{ prev_url }}">← previous {{ page_size }}</a>{% endif %}
{% if next_url %}<a href="{{ next_url }}">next {{ page_size }} →</a>{% endif %}</p>
{% include "datalist" %}
{% endblock %}
"""

_DATALIST = """<datalist id="agencies">{% for a in agencies %}<option value="{{ a.agency_id }}">{{ a.name }}</option>{% endfor %}</datalist>"""

_DOCS = """{% extends "base" %}
{% block title %}Documents{% endblock %}
{% block main %}
<h1>Documents</h1>
<table class="grid"><thead><tr><th>file</th><th>plan</th><th>period</th><th>status</th><th>current</th>
<th class="num">pages</th><th class="num">rows</th><th class="num">doubtful</th><th class="num">corrected cells</th><th></th></tr></thead><tbody>
{% for d in docs %}<tr><td><a href="/doc/{{ d.doc_id }}">{{ d.file_name }}</a></td><td>{{ d.plan_number or '' }}</td>
<td>{{ d.period or '' }}</td><td>{{ d.status }}</td><td>{{ 'yes' if d.is_current else 'no' }}</td>
<td class="num">{{ d.page_count or '' }}</td><td class="num">{{ d.rows }}</td><td class="num">{{ d.doubtful }}</td>
<td class="num">{{ d.corrected }}</td><td><a href="/?doc={{ d.doc_id }}">review</a></td></tr>{% endfor %}
</tbody></table>
{% endblock %}
"""

_DOC = """{% extends "base" %}
{% block title %}{{ doc.file_name }} page {{ page }}{% endblock %}
{% block main %}
<h1>{{ doc.file_name }} <span class="muted">page {{ page }} of {{ doc.page_count or '?' }}</span></h1>
<p class="muted">{{ doc.title or '' }} · {{ doc.plan_number or '' }} · {{ doc.period or '' }} · doc {{ doc.doc_id }}
{% if not doc.is_current %} · <b>not the current version</b>{% endif %}</p>
<p class="pager">{% for p in pages %}{% if p == page %}<b>{{ p }}</b>{% else %}<a href="/doc/{{ doc.doc_id }}?page={{ p }}">{{ p }}</a>{% endif %} {% endfor %}</p>
{% if not rows %}<p>No plan row on this page.</p>{% else %}
<table class="grid rows"><thead><tr><th>row</th>{% for f in fields %}<th>{{ labels[f] }}</th>{% endfor %}<th class="num">conf.</th></tr></thead><tbody>
{% for r in rows %}<tr id="row-{{ r.row_no }}" class="{{ 'doubtful' if r.doubtful else '' }}"><td>{{ r.row_no }}</td>
{% for f in fields %}<td class="{{ r.cls[f] }}"{% if r.extracted[f] is not none %} title="as extracted: {{ r.extracted[f] }}"{% endif %}>
<a class="cell-link" href="/cell/{{ r.row_id }}/{{ f }}">{{ r.texts[f] or '·' }}</a></td>{% endfor %}
<td class="num">{{ '%.2f'|format(r.confidence) if r.confidence is not none else '' }}</td></tr>{% endfor %}
</tbody></table>{% endif %}
<p class="legend muted"><span class="corrected">corrected by a person</span> <span class="verified">verified</span>
<span class="low">doubtful cell</span> <span class="conflict">conflict</span></p>
{% endblock %}
"""

_CELL = """{% extends "base" %}{% from "forms" import cell_forms with context %}
{% block title %}row {{ row.row_no }} {{ field }}{% endblock %}
{% block main %}
<h1>{{ doc.file_name }} · row {{ row.row_no }}{% if row.stt %} (stt {{ row.stt }}){% endif %} · {{ labels[field] }}</h1>
<p class="muted"><a href="/doc/{{ doc.doc_id }}?page={{ row.page_first or 1 }}#row-{{ row.row_no }}">page {{ row.page_first }}</a>
· {{ row.method }} · row confidence {{ '%.3f'|format(row.confidence) }}{% if row.extracted_confidence is not none %}
(extracted {{ '%.3f'|format(row.extracted_confidence) }}){% endif %} · row id <code>{{ row.row_id }}</code></p>
<article class="item single" id="item-0" tabindex="-1">
<div class="cell">{% for i in pieces %}<img class="crop" alt="page crop of {{ field }}" src="/crop/{{ row.row_id }}/{{ field }}?piece={{ i }}">{% endfor %}
<div class="text">
<dl><dt>shown</dt><dd class="shown">{{ item.text }}</dd>
{% if item.extracted is not none %}<dt>as extracted</dt><dd>{{ item.extracted }}</dd>{% endif %}
<dt>state</dt><dd>{{ state }}</dd>
{% if confidence is not none %}<dt>cell confidence</dt><dd>{{ '%.3f'|format(confidence) }}</dd>{% endif %}</dl>
{{ cell_forms(item, back) }}
{% if mentions %}<h3>Agencies named</h3><table class="grid"><tr><th>role</th><th>mention</th><th>agency</th><th>method</th><th></th></tr>
{% for m in mentions %}<tr><td>{{ m.role }}</td><td>{{ m.mention }}</td><td>{{ m.agency_id or '—' }} {{ m.name or '' }}</td><td>{{ m.method }}</td>
<td>{% if not read_only %}<form class="pick" method="post" action="/cell/{{ row.row_id }}/{{ m.role }}_agency">
<input type="hidden" name="csrf" value="{{ csrf }}"><input type="hidden" name="next" value="{{ back }}">
<input type="hidden" name="mention" value="{{ m.mention }}"><input name="text" list="agencies" placeholder="agency id" autocomplete="off">
<button name="action" value="pick">Pick</button>{% if m.method == 'person' %}<button name="action" value="undo" class="secondary">Undo</button>{% endif %}</form>{% endif %}</td></tr>{% endfor %}</table>
{% include "datalist" %}{% endif %}
</div></div></article>
<h3>History of this cell</h3>
{% if history %}<table class="grid"><thead><tr><th>when (UTC)</th><th>who</th><th>action</th><th>state</th><th>extracted</th><th>correction</th><th>note</th></tr></thead><tbody>
{% for h in history %}<tr><td>{{ h.created_at.strftime('%Y-%m-%d %H:%M:%S') }}</td><td>{{ h.author }}</td><td>{{ h.action }}</td><td>{{ h.status }}</td>
<td>{{ h.extracted_text }}</td><td>{{ h.corrected_text if h.corrected_text is not none else '' }}</td><td>{{ h.note or '' }}</td></tr>{% endfor %}
</tbody></table>{% else %}<p class="muted">No correction yet.</p>{% endif %}
{% endblock %}
"""

_ERROR = """{% extends "base" %}{% block title %}{{ status }}{% endblock %}
{% block main %}<h1>{{ status }}</h1><p class="flash error">{{ detail }}</p>
<p><a href="{{ back or '/' }}">back</a></p>{% endblock %}
"""

CSS = """
body { font-family: "Liberation Sans", "DejaVu Sans", Arial, sans-serif; margin: 0; color: #1d2430; background: #f6f7f9;
       font-size: 14px; line-height: 1.4; }
header { display: flex; gap: 18px; align-items: baseline; padding: 10px 20px; background: #1d2f4a; color: #fff; }
header a { color: #fff; } header .muted { color: #c7d0de; margin-left: auto; } .brand { font-weight: 700; font-size: 16px; }
main { padding: 10px 20px 30px; } footer { padding: 8px 20px 20px; }
h1 { font-size: 20px; margin: 8px 0 12px; } h3 { font-size: 15px; margin: 16px 0 6px; }
.muted { color: #5d6675; } code { font-size: 12px; }
.flash { padding: 8px 12px; border-radius: 5px; margin: 10px 20px 0; } .flash.ok { background: #e3f4e6; }
.flash.error { background: #fde3e3; color: #8b1111; }
.item { background: #fff; border: 1px solid #d8dce3; border-left: 5px solid #e3c27a; border-radius: 6px;
        padding: 8px 12px; margin: 10px 0; outline: none; }
.item.conflict, .item.orphaned { border-left-color: #c0392b; } .item.agency { border-left-color: #7a8ee3; }
.item.current { box-shadow: 0 0 0 3px #3d7bd9; }
.item .head { margin-bottom: 2px; } .item .why { color: #a31515; font-weight: 600; }
.item .note { color: #8a5a00; }
.cell { display: flex; gap: 16px; align-items: flex-start; margin-top: 6px; }
.crop { max-width: 48%; max-height: 260px; object-fit: contain; object-position: left top; border: 1px solid #b9c0cc;
        background: #fff; }
.text { flex: 1 1 auto; min-width: 320px; }
textarea { width: 100%; box-sizing: border-box; font: inherit; padding: 4px 6px; }
.buttons { display: flex; gap: 8px; margin-top: 4px; align-items: center; }
.buttons input { flex: 1 1 auto; font: inherit; }
button { font: inherit; padding: 3px 12px; cursor: pointer; background: #1d5fbf; color: #fff; border: 1px solid #1d5fbf;
         border-radius: 4px; } button.secondary { background: #fff; color: #1d5fbf; }
input.agency { width: 22em; font: inherit; }
table.grid { border-collapse: collapse; background: #fff; margin: 6px 0; }
table.grid th, table.grid td { border: 1px solid #e0e3e8; padding: 3px 6px; text-align: left; vertical-align: top; }
table.grid td.num, table.grid th.num { text-align: right; }
table.rows { width: 100%; } table.rows td { max-width: 22em; } .cell-link { color: inherit; text-decoration: none; }
td.corrected, .legend .corrected { background: #dff0ff; } td.verified, .legend .verified { background: #e6f6e6; }
td.low, .legend .low { background: #fff1d6; } td.conflict, .legend .conflict { background: #fde3e3; }
.legend span { padding: 1px 6px; margin-right: 6px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0 0 8px; } dd { margin: 0; }
kbd { border: 1px solid #b9c0cc; border-radius: 3px; padding: 0 4px; background: #fff; font-size: 12px; }
.pager a, .pager b { margin-right: 6px; }
"""

JS = r"""
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll("article.item"));
  var current = -1;
  function select(i, focus, quiet) {
    if (!items.length) return;
    i = Math.max(0, Math.min(items.length - 1, i));
    if (current >= 0 && items[current]) items[current].classList.remove("current");
    current = i;
    var item = items[i];
    item.classList.add("current");
    if (!quiet) item.scrollIntoView({block: "center"});
    if (focus) { var t = item.querySelector("textarea, input.agency"); if (t) { t.focus(); if (t.select) t.select(); } }
    else if (!quiet) item.focus({preventScroll: true});
    if (!quiet && history.replaceState && item.id) history.replaceState(null, "", "#" + item.id);
  }
  function submit(form, action) {
    if (!form) return;
    var button = form.querySelector('button[value="' + action + '"]');
    if (form.requestSubmit) form.requestSubmit(button || undefined); else if (button) button.click(); else form.submit();
  }
  var start = location.hash ? items.findIndex(function (it) { return "#" + it.id === location.hash; }) : 0;
  if (items.length) select(start < 0 ? Math.min(items.length - 1, parseInt(location.hash.replace("#item-", ""), 10) || 0) : start,
                           false, !location.hash);
  document.addEventListener("keydown", function (e) {
    var t = e.target, typing = t && (t.tagName === "TEXTAREA" || t.tagName === "INPUT" || t.tagName === "SELECT");
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      var form = typing ? t.form : (items[current] && items[current].querySelector("form.edit"));
      if (form) { e.preventDefault(); submit(form, form.querySelector('button[value="pick"]') ? "pick" : "save"); }
      return;
    }
    if (typing) { if (e.key === "Escape") { t.blur(); if (items[current]) items[current].focus({preventScroll: true}); } return; }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "j") { e.preventDefault(); select(current + 1, false); }
    else if (e.key === "k") { e.preventDefault(); select(current - 1, false); }
    else if (e.key === "e" || e.key === "Enter") { e.preventDefault(); select(current, true); }
    else if (e.key === "v" && items[current]) { e.preventDefault(); submit(items[current].querySelector("form.edit"), "verify"); }
    else if (e.key === "u" && items[current]) { e.preventDefault(); submit(items[current].querySelector("form.edit"), "undo"); }
  });
  items.forEach(function (item, i) { item.addEventListener("focusin", function () {
    if (current !== i) { if (items[current]) items[current].classList.remove("current"); current = i; item.classList.add("current"); } }); });
})();
"""

_ENV = Environment(loader=DictLoader({"base": _BASE, "forms": _FORMS, "queue": _QUEUE, "datalist": _DATALIST,
                                      "docs": _DOCS, "doc": _DOC, "cell": _CELL, "error": _ERROR}),
                   autoescape=select_autoescape(default=True, default_for_string=True))

_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class Refused(Exception):
    def __init__(self, status: int, detail: str):
        super().__init__(detail)
        self.status, self.detail = status, detail


# ---------------------------------------------------------------------------- the app


def create_app(settings: Settings) -> Starlette:
    pages = _Pages()

    def render(request: Request, name: str, code: int = 200, **values) -> HTMLResponse:
        message = request.query_params.get("msg")
        values.setdefault("message", message[:300] if message else None)
        values.setdefault("error", False)
        html = _ENV.get_template(name).render(db=str(settings.db), read_only=settings.read_only,
                                              csrf=settings.csrf, labels=LABELS, **values)
        return HTMLResponse(html, status_code=code, headers=_HEADERS)

    def error(request: Request, status: int, detail: str, back: str | None = None) -> HTMLResponse:
        titles = {400: "400 Bad request", 403: "403 Forbidden", 404: "404 Not found", 413: "413 Request too large",
                  415: "415 Unsupported form", 503: "503 Database busy"}
        return render(request, "error", status, status=titles.get(status, str(status)), detail=detail,
                      back=_safe_next(back))

    def agencies(con) -> list[dict]:
        return _dicts(con, "SELECT agency_id, name FROM agencies ORDER BY name")

    async def home(request: Request) -> Response:
        try:
            offset = max(0, int(request.query_params.get("offset", "0")))
        except ValueError:
            offset = 0
        doc_id = request.query_params.get("doc") or None
        with _database(settings) as con:
            doc = None
            if doc_id:
                found = _dicts(con, "SELECT doc_id, file_name FROM documents WHERE doc_id = ?", [doc_id])
                if not found:
                    return error(request, 404, f"no document {doc_id[:40]!r}")
                doc = found[0]
            items = queue(con, doc_id)
            regs = agencies(con) if any(i.kind == "agency" or (i.mention and i.row_id) for i in items) else []
        shown = items[offset:offset + PAGE_SIZE]
        def link(o: int) -> str:
            query = urllib.parse.urlencode({k: v for k, v in (("doc", doc_id), ("offset", o)) if v})
            return "/" + (f"?{query}" if query else "")
        base = link(offset)
        return render(request, "queue", items=shown, total=len(items), doc=doc, back=base, agencies=regs,
                      page_size=PAGE_SIZE, prev_url=link(max(0, offset - PAGE_SIZE)) if offset else None,
                      next_url=link(offset + PAGE_SIZE) if offset + PAGE_SIZE < len(items) else None)

    async def documents(request: Request) -> Response:
        with _database(settings) as con:
            docs = _dicts(con, """
                SELECT d.doc_id, d.file_name, d.plan_number, d.period, d.status, d.is_current, d.page_count,
                       count(p.row_id) AS rows, count(p.row_id) FILTER (p.confidence < ?) AS doubtful,
                       coalesce(sum(CASE WHEN p.corrected IS NULL THEN 0 ELSE json_array_length(json_keys(p.corrected)) END), 0)
                           AS corrected
                FROM documents d LEFT JOIN plan_rows p USING (doc_id)
                GROUP BY ALL ORDER BY d.is_current DESC, d.file_name, d.doc_id""", [C.DOUBTFUL_BELOW])
        return render(request, "docs", docs=docs)

    async def document(request: Request) -> Response:
        doc_id = request.path_params["doc_id"]
        try:
            page = max(1, int(request.query_params.get("page", "1")))
        except ValueError:
            page = 1
        with _database(settings) as con:
            found = _dicts(con, "SELECT * FROM documents WHERE doc_id = ?", [doc_id])
            if not found:
                return error(request, 404, f"no document {doc_id[:40]!r}")
            doc = found[0]
            used = [f for f in ROW_FIELDS if f not in ("section_no", "section_title") and con.execute(
                f"SELECT count(*) FROM plan_rows WHERE doc_id = ? AND coalesce({f}, '') <> ''", [doc_id]
            ).fetchall()[0][0]]
            pages = [p for (p,) in con.execute(
                "SELECT DISTINCT unnest(range(page_first, coalesce(page_last, page_first) + 1)) AS p FROM plan_rows "
                "WHERE doc_id = ? AND page_first IS NOT NULL ORDER BY p", [doc_id]).fetchall()]
            rows = _dicts(con, "SELECT * FROM plan_rows WHERE doc_id = ? AND page_first <= ? "
                               "AND coalesce(page_last, page_first) >= ? ORDER BY row_no", [doc_id, page, page])
            conflicts = {(ln.row_no, ln.field) for ln in C.current_lines(con, doc["sha256"], ("conflict",))}
        shown = []
        for r in rows:
            corrected = _json(r.get("corrected")) or {}
            verified = set(_json(r.get("verified")) or [])
            low = {c for c, boxes in (_json(r.get("cell_boxes")) or {}).items()
                   if any(isinstance(b, dict) and (b.get("confidence") or 1) < C.DOUBTFUL_BELOW for b in boxes or [])}
            cls = {}
            for f in used:
                cls[f] = ("conflict" if (r["row_no"], f) in conflicts else "corrected" if f in corrected
                          else "verified" if f in verified else "low" if f in low else "")
            shown.append({"row_id": r["row_id"], "row_no": r["row_no"], "confidence": r["confidence"],
                          "doubtful": r["confidence"] is not None and r["confidence"] < C.DOUBTFUL_BELOW,
                          "texts": {f: r.get(f) or "" for f in used}, "cls": cls,
                          "extracted": {f: corrected.get(f) for f in used}})
        return render(request, "doc", doc=doc, page=page, pages=pages or [1], rows=shown, fields=used)

    def _cell_model(con, row_id: str, name: str) -> dict:
        try:
            C.check_field(name)
            row, doc = C.find_row(con, row_id)
        except C.CorrectionError as err:
            raise Refused(404, str(err))
        cell_field = C.ROLE_FIELD[C.AGENCY_FIELDS[name]] if name in C.AGENCY_FIELDS else name
        corrected = _json(row.get("corrected")) or {}
        lines = [ln for ln in C.current_lines(con, doc["sha256"]) if ln.row_no == row["row_no"] and ln.field == name]
        state = lines[-1].status if lines else "as extracted"
        history = []
        for t in {ln.thread_id for ln in lines}:
            history += C.thread(con, t)
        history.sort(key=lambda ln: ln.created_at)
        boxes = (_json(row.get("cell_boxes")) or {}).get(cell_field) or []
        confs = [b.get("confidence") for b in boxes if isinstance(b, dict) and b.get("confidence") is not None]
        mentions = []
        if cell_field in ("lead_text", "coord_text"):
            mentions = _dicts(con, "SELECT a.role, a.mention, a.agency_id, a.method, g.name FROM row_agencies a "
                                   "LEFT JOIN agencies g USING (agency_id) WHERE a.row_id = ? AND a.role = ? "
                                   "ORDER BY a.rowid", [row_id, C.AGENCY_FIELDS.get(name) or
                                                        {"lead_text": "lead", "coord_text": "coord"}[cell_field]])
        item = Item("cell", "", doc["doc_id"], doc["file_name"], row_id, row["row_no"], row.get("stt"), name,
                    row.get(cell_field) or "", corrected.get(cell_field))
        return {"row": row, "doc": doc, "field": name, "item": item, "state": state, "history": history,
                "pieces": list(range(len(boxes))), "confidence": min(confs) if confs else None,
                "mentions": mentions, "agencies": agencies(con) if mentions else []}

    async def cell(request: Request) -> Response:
        row_id, name = request.path_params["row_id"], request.path_params["field"]
        try:
            with _database(settings) as con:
                model = _cell_model(con, row_id, name)
        except Refused as err:
            return error(request, err.status, err.detail)
        if name in C.AGENCY_FIELDS:  # a pick is made from the cell's own page
            return RedirectResponse(f"/cell/{urllib.parse.quote(row_id)}/{C.ROLE_FIELD[C.AGENCY_FIELDS[name]]}", 303)
        back = f"/cell/{urllib.parse.quote(row_id)}/{urllib.parse.quote(name)}"
        return render(request, "cell", back=back, **model)

    async def crop(request: Request) -> Response:
        from pipeline.report_html import crop_box, jpeg

        row_id, name = request.path_params["row_id"], request.path_params["field"]
        try:
            piece = int(request.query_params.get("piece", "0"))
        except ValueError:
            piece = 0
        try:
            with _database(settings) as con:
                C.check_field(name)
                row, doc = C.find_row(con, row_id)
                cell_field = C.ROLE_FIELD[C.AGENCY_FIELDS[name]] if name in C.AGENCY_FIELDS else name
                boxes = [b for b in (_json(row.get("cell_boxes")) or {}).get(cell_field) or [] if isinstance(b, dict)]
                if not 0 <= piece < len(boxes) or not boxes[piece].get("bbox") or not boxes[piece].get("page"):
                    raise Refused(404, "no cell location recorded")
                box = boxes[piece]
                skew = con.execute("SELECT skew_degrees FROM document_pages WHERE doc_id = ? AND page = ?",
                                   [doc["doc_id"], box["page"]]).fetchall()
        except C.CorrectionError as err:
            return Response(str(err), 404, media_type="text/plain", headers=_HEADERS)
        except Refused as err:
            return Response(err.detail, err.status, media_type="text/plain", headers=_HEADERS)
        if doc.get("source_format") not in (None, "pdf"):
            return Response("no crop: the source is a Word document", 404, media_type="text/plain", headers=_HEADERS)
        problem = pages.source_ok(doc["file_path"], doc["sha256"])
        if problem:
            return Response(problem, 404, media_type="text/plain", headers=_HEADERS)
        try:
            gray = pages.image(doc["file_path"], int(box["page"]), skew[0][0] if skew else None)
        except Exception as err:  # noqa: BLE001 - shown instead of the image
            return Response(f"page cannot be rendered: {err}", 404, media_type="text/plain", headers=_HEADERS)
        part = crop_box(gray, box["bbox"])
        if part is None:
            return Response("cell box lies outside the page", 404, media_type="text/plain", headers=_HEADERS)
        return Response(jpeg(part), media_type="image/jpeg", headers={**_HEADERS, "Cache-Control": "private, max-age=60"})

    async def change(request: Request) -> Response:
        row_id, name = request.path_params["row_id"], request.path_params["field"]
        try:
            form = await _form(request, settings)
        except Refused as err:
            return error(request, err.status, err.detail)
        back = _safe_next(form.get("next"))
        action = form.get("action", "save")
        try:
            with _database(settings, write=True) as con:
                if action == "undo":
                    C.check_field(name)
                    line = C.undo(con, row_id, name, mention=form.get("mention") or None, author=settings.author)
                    message = "nothing to undo" if line is None else f"undone: row {line.row_no} {name} {line.status}"
                elif action in ("save", "verify", "pick"):
                    line = C.record(con, row_id, name, form.get("text"), verify=action == "verify",
                                    mention=form.get("mention") or None, author=settings.author,
                                    note=(form.get("note") or "").strip() or None)
                    message = f"{line.status}: row {line.row_no} {LABELS.get(name, name)}"
                else:
                    raise C.CorrectionError(f"unknown action {action[:40]!r}")
        except C.CorrectionError as err:
            return error(request, 400, str(err), back)
        return RedirectResponse(_with_message(back, message), status_code=303, headers={"Cache-Control": "no-store"})

    async def static_css(request: Request) -> Response:
        return Response(CSS, media_type="text/css", headers={**_HEADERS, "Cache-Control": "max-age=300"})

    async def static_js(request: Request) -> Response:
        return Response(JS, media_type="text/javascript", headers={**_HEADERS, "Cache-Control": "max-age=300"})

    async def refuse_writes(request: Request) -> Response:
        return error(request, 403, "this server is read-only (cchc review --read-only): nothing can be changed")

    routes = [
        Route("/", home), Route("/docs", documents), Route("/doc/{doc_id}", document),
        Route("/cell/{row_id}/{field}", cell, methods=["GET"]),
        Route("/cell/{row_id}/{field}", refuse_writes if settings.read_only else change, methods=["POST"]),
        Route("/crop/{row_id}/{field}", crop), Route("/static/review.css", static_css),
        Route("/static/review.js", static_js), Route("/favicon.ico", lambda request: Response(status_code=204)),
    ]
    async def unavailable(request: Request, exc: Unavailable) -> Response:
        return error(request, 503, str(exc))

    async def http_error(request: Request, exc) -> Response:
        code = getattr(exc, "status_code", 500)
        return error(request, code, "no such page" if code == 404 else "method not allowed" if code == 405
                     else str(getattr(exc, "detail", "error")))

    app = Starlette(routes=routes, exception_handlers={Unavailable: unavailable, 404: http_error, 405: http_error})
    return Guard(app, settings)


def _safe_next(value: str | None) -> str:
    """A local path to go back to (never another site)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value or len(value) > 2000:
        return "/"
    return value


def _with_message(url: str, message: str) -> str:
    path, _, anchor = url.partition("#")
    parts = urllib.parse.urlsplit(path)
    query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query) if k != "msg"] + [("msg", message[:200])]
    return urllib.parse.urlunsplit(("", "", parts.path, urllib.parse.urlencode(query), "")) + (
        f"#{anchor}" if anchor else "")


async def _form(request: Request, settings: Settings) -> dict[str, str]:
    """The POSTed form, checked: url-encoded, within MAX_BODY, the CSRF token right."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/x-www-form-urlencoded":
        raise Refused(415, "forms are sent url-encoded (application/x-www-form-urlencoded)")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise Refused(413, f"request too large: more than {MAX_BODY // 1024} KB")
    try:
        pairs = urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=20,
                                       errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise Refused(400, "the form is not valid UTF-8 url-encoded text") from None
    form = dict(pairs)
    if not hmac.compare_digest(form.get("csrf", "").encode(), settings.csrf.encode()):
        raise Refused(403, "the form's CSRF token is missing or wrong: reload the page and try again")
    return form


class Guard:
    """ASGI middleware: Host check, token, body size limit, same-origin POSTs."""

    def __init__(self, app, settings: Settings):
        self.app, self.settings = app, settings

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        s = self.settings
        if s.allowed_hosts and host not in s.allowed_hosts:
            return await _plain(send, 403, f"requests must be addressed to {s.allowed_hosts[0]}")
        set_cookie = None
        if s.token:
            query = urllib.parse.parse_qs(scope.get("query_string", b"").decode("latin-1"))
            given = (query.get("token") or [""])[0]
            cookie = _cookie(headers.get("cookie", ""), "cchc_review_token")
            if given and hmac.compare_digest(given.encode(), s.token.encode()):
                set_cookie = f"cchc_review_token={s.token}; HttpOnly; SameSite=Strict; Path=/"
                if scope["method"] == "GET":  # drop the token from the address bar (and from history)
                    return await _redirect(send, scope["path"], set_cookie)
            elif not (cookie and hmac.compare_digest(cookie.encode(), s.token.encode())):
                return await _plain(send, 403, "a token is required: open the address cchc review printed at start")
        if scope["method"] not in ("GET", "HEAD"):
            length = headers.get("content-length")
            if length and (not length.isdigit() or int(length) > MAX_BODY):
                return await _plain(send, 413, f"request too large: more than {MAX_BODY // 1024} KB")
            origin = headers.get("origin")
            if origin and origin != "null" and urllib.parse.urlsplit(origin).netloc != host:
                return await _plain(send, 403, "cross-site request refused")
            if headers.get("sec-fetch-site") in ("cross-site", "same-site"):
                return await _plain(send, 403, "cross-site request refused")
        await self.app(scope, receive, send)


def _cookie(header: str, name: str) -> str | None:
    for part in header.split(";"):
        k, _, v = part.strip().partition("=")
        if k == name:
            return v
    return None


async def _plain(send, status: int, text: str) -> None:
    body = (text + "\n").encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
                            *((k.lower().encode(), v.encode()) for k, v in _HEADERS.items())]})
    await send({"type": "http.response.body", "body": body})


async def _redirect(send, path: str, cookie: str) -> None:
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", (path or "/").encode("latin-1")), (b"set-cookie", cookie.encode("latin-1")),
                            (b"content-length", b"0"), (b"cache-control", b"no-store")]})
    await send({"type": "http.response.body", "body": b""})


def local_host(host: str) -> bool:
    return host in ("127.0.0.1", "localhost", "::1")


def serve(db: Path, host: str = "127.0.0.1", port: int = 8765, read_only: bool = False, author: str | None = None,
          say=print) -> None:
    """Run the app with uvicorn until Ctrl-C. A non-local host gets a token."""
    import socket

    import uvicorn

    token = None if local_host(host) else secrets.token_urlsafe(24)
    settings = Settings(Path(db), read_only=read_only, token=token, author=author or C.default_author())
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    port = sock.getsockname()[1]
    if local_host(host):
        shown = f"[{host}]" if ":" in host else host
        settings.allowed_hosts = tuple(f"{h}:{port}" for h in (shown, "localhost", "127.0.0.1"))
    app = create_app(settings)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    say(f"cchc review: {url} (database {db}{', read-only' if read_only else ''}; Ctrl-C to stop)")
    if token:
        say("the token is required from every browser: share this address only with the people who may "
            "correct the plans")
    config = uvicorn.Config(app, log_level="warning", access_log=False, h11_max_incomplete_event_size=64 * 1024)
    server = uvicorn.Server(config)
    server.run(sockets=[sock])
