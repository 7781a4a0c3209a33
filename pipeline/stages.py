"""The ingest stages as plain, typed functions (no Prefect here).

open/hash → read pages (tables + metadata) → assemble rows (and OCR the whole text of a
scanned page whose table could not be read: `pipeline.fallback`) → normalize → load.
`pipeline.ingest` runs them in-process (the fast path of `cchc ingest`);
`pipeline.flows` wraps the same functions as Prefect tasks (`make run`, schedules).
"""
from __future__ import annotations

import datetime as dt
import re
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from dataclasses import dataclass, field
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Callable

import duckdb

from extractors.document import PDFIUM_LOCK, DocumentError, SourceDocument, open_document
from extractors.grid import PageGrid, page_grids
from extractors.integrity import Integrity
from extractors.integrity import check as check_integrity
from extractors.metadata import PlanMetadata, read_metadata
from extractors.table import Assembly, assemble
from extractors import ocr, page_text, scan
from extractors.tesseract import OcrUnavailable
from extractors.quality import assess
from extractors.textlayer import page_lines, read_page
from normalizers.agencies import resolve_cell
from normalizers.agency_registry import write_registry
from normalizers.column_periods import drop_speck_periods_by_column
from normalizers.agency_words import complete_names_by_column
from normalizers.column_forms import agree_cells_by_column
from normalizers.item_numbers import fix_item_numbers_by_column
from normalizers.list_dashes import restore_list_dashes_by_column
from normalizers.repair import Corrected, correct_ocr_text, plausible, repair_many
from normalizers.time_case import capitalise_time_cells_by_column
from normalizers.title_case import capitalise_title_word
from normalizers.text import clean_text, fold_same_length
from normalizers.timelines import parse_timeline
from pipeline import fallback
from pipeline.confidence import settle_confidences
from schemas import store
from schemas.records import DOUBTFUL_BELOW, ROW_FIELDS, AgencyLink, DocumentRecord, PageRecord, PlanRow

#: Fields holding numbers and numerals ("II", "1.", "2.1"), never words to re-accent.
NOT_REPAIRED = ("section_no", "stt")


PageCallback = Callable[[int, int], None]  # (page number done, page count)

#: Set to stop a batch (`cchc ingest`'s first Ctrl-C): no new page is taken, documents not
#: finished raise `Interrupted`, documents already extracted are still loaded.
STOP = threading.Event()


class Interrupted(Exception):
    """The batch was asked to stop (`STOP`) before this document was read to the end;
    nothing of it is loaded (the next run extracts it)."""


#: seconds between looks at a Ctrl-C (`STOP`) or a time limit while waiting for OCR
POLL_SECONDS = 0.1


#: Seconds one document may take (`cchc ingest --timeout`); past it the document fails.
DEFAULT_TIMEOUT = 600.0


class DocumentTimeout(DocumentError):
    """The document's time limit ran out."""


class Deadline:
    """A document's time limit, checked between pages and while waiting for OCR."""

    def __init__(self, path: Path, seconds: float | None):
        self.path = path
        self.seconds = seconds
        self.end = time.monotonic() + seconds if seconds else None
        self.where = "opening"

    def left(self) -> float | None:
        return None if self.end is None else max(0.0, self.end - time.monotonic())

    def check(self, where: str | None = None) -> None:
        if where:
            self.where = where
        if self.end is not None and time.monotonic() > self.end:
            raise DocumentTimeout(self.path, f"time limit of {self.seconds:g} s exceeded while {self.where}; "
                                             "the document was given up", stage="extract")


def pipeline_version() -> str:
    try:
        return importlib_metadata.version("cchc-pipeline")
    except importlib_metadata.PackageNotFoundError:
        return "0+unknown"


@dataclass
class Event:
    stage: str
    message: str
    page: int | None = None
    level: str = "warning"  # info | warning | error


@dataclass
class PagesRead:
    grids: list[PageGrid]
    metadata: PlanMetadata
    text_source: str  # text_layer | ocr (any page OCR'd) | repaired (text layer to repair)
    events: list[Event] = field(default_factory=list)
    pages: list[PageRecord] = field(default_factory=list)
    blank: set[int] = field(default_factory=set)  # pages with no text and no image
    unreadable: set[int] = field(default_factory=set)  # pages that could not be read or OCR'd
    integrity: Integrity | None = None  # what qpdf found lost or damaged
    raw_metadata: dict[str, str] | None = None  # metadata as read, when normalize_metadata changed it
    #: OCR'd pages whose reading raised → why ("ValueError: …"); `keep_page_texts` turns
    #: each into an event (and reads its text as a whole)
    failed: dict[int, str] = field(default_factory=dict)


@dataclass
class Extraction:
    document: DocumentRecord
    rows: list[PlanRow]
    events: list[Event]


@dataclass
class IngestResult:
    path: Path
    status: str  # loaded | unchanged | failed | interrupted
    doc_status: str  # ok | partial | failed ("-" when interrupted)
    doc_id: str | None = None
    page_count: int = 0
    row_count: int = 0
    doubtful: int = 0
    unresolved_mentions: int = 0
    unparsed_timelines: int = 0
    error: str | None = None
    events: list[Event] = field(default_factory=list)


#: Environment variable holding the password of encrypted PDFs (`cchc ingest --password`).
PASSWORD_ENV = "CCHC_PDF_PASSWORD"


@dataclass
class ConvertedDocument(SourceDocument):
    """A Word document opened as the PDF LibreOffice made of it: `path`, `sha256` and
    `size` are the Word file's; the PDF lives in `tmp` until `close`."""

    source_format: str = "pdf"  # docx | doc
    tmp: Path | None = None

    def close(self) -> None:
        import shutil

        try:
            super().close()
        finally:
            if self.tmp is not None:
                shutil.rmtree(self.tmp, ignore_errors=True)


def open_source(path: str | Path, password: str | None = None) -> SourceDocument:
    """Stage 1: open and hash (raises DocumentError with the reason). A Word document
    (.docx, .doc) is converted to PDF by LibreOffice first (`pipeline.word`); an encrypted
    PDF is opened with `password`, else the one in CCHC_PDF_PASSWORD."""
    import os
    import tempfile

    from extractors.document import sha256_of
    from pipeline import word

    path = Path(path)
    password = password or os.environ.get(PASSWORD_ENV) or None
    kind = word.word_format(path) if path.is_file() else None
    if kind is None:
        try:
            return open_document(path, password)
        except DocumentError as err:
            what = word.not_a_pdf(path) if err.reason.startswith("not a PDF") else None
            if what:
                raise DocumentError(path, what, err.stage, err.page) from None
            if password and "password" in err.reason:
                try:  # an empty user password (owner password only) opens without one
                    return open_document(path)
                except DocumentError:
                    pass
            raise
    tmp = Path(tempfile.mkdtemp(prefix="cchc-word-"))
    try:
        pdf = word.convert_to_pdf(path, tmp)
        converted = open_document(pdf)
    except DocumentError as err:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
        raise DocumentError(path, err.reason if err.path == path else f"the PDF LibreOffice made of this Word "
                            f"document cannot be read: {err.reason}", err.stage, err.page) from None
    except BaseException:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return ConvertedDocument(path, sha256_of(path), path.stat().st_size, converted.page_count, converted.encrypted,
                             converted.pdf, converted.repaired, source_format=kind, tmp=tmp)


def _scanned_page(number: int, gray, read=None, metadata: bool = False, vector: list[PageGrid] | None = None
                  ) -> tuple[list[PageGrid], float, PlanMetadata | None]:
    """Deskew, find the rules, build the grids; OCR the cells unless `read` gives text;
    with `metadata`, also OCR the top of the page for the plan's metadata (first page).
    With `vector` grids (a vector page whose text layer is not trusted), the render is
    neither skewed nor noisy: its cells are OCR'd within the vector rules."""
    if vector is not None:
        image = scan.PageImage(number, gray, scan.DPI, 0.0)
        grids = vector
    else:
        image = scan.deskewed(number, gray)
        hs, vs = scan.ruling_lines(image)
        grids = page_grids(number, hs, vs, read)
    if read is None:
        ocr.ocr_grids(image, grids)
    meta = read_metadata(ocr.page_lines(image), image.pt(image.gray.shape[1])) if metadata else None
    return grids, image.skew, meta


@dataclass
class _PageRead:
    """One page as PDFium gave it: read already (grids), or rendered for OCR (to_ocr)."""

    record: PageRecord | None  # None: the page could not be read at all
    grids: list[PageGrid] | None = None
    skew: float | None = None
    metadata: PlanMetadata | None = None
    to_ocr: object | None = None  # the grayscale render (numpy array) when the cells need OCR
    events: list[Event] = field(default_factory=list)
    blank: bool = False  # no text, no image


def _read_page(source: SourceDocument, index: int, integrity: Integrity | None = None,
               deadline: Deadline | None = None) -> _PageRead:
    """Everything PDFium does for one page (call under PDFIUM_LOCK): the text-source
    decision, then the grids from vector rules, from a scan's pixels with the good text
    layer over it, or a render to OCR (a scan, or a vector page whose text layer
    contradicts the page: its cells are OCR'd within the vector rules)."""
    number = index + 1
    try:
        layer = read_page(source.pdf, index, deadline.check if deadline else None)
    except DocumentTimeout:
        raise
    except Exception as err:
        return _PageRead(None, events=[Event("read_pages", f"page unreadable: {err}", number, "error")])
    try:
        evidence = layer.glyph_evidence()
        text_maps = tuple(integrity.text_maps(number)) if integrity else ()
        decision = assess(number, layer.text(), layer.image_cover, evidence.odd, evidence.fonts, text_maps)
        record = PageRecord(number, decision.text_source, decision.rules_source, decision.reason,
                            decision.words, decision.mark_share, decision.valid_share,
                            layer.image_cover, needs_repair=decision.needs_repair)
        meta = None
        if decision.text_source == "text_layer" and index == 0:
            meta = read_metadata(page_lines(layer), layer.width)
        if decision.rules_source == "vector":
            grids = page_grids(number, layer.hlines, layer.vlines, layer.read if decision.text_source == "text_layer"
                               else None)
            if decision.text_source == "ocr":  # the page image is right where its text layer is not
                if not grids and index > 0:
                    return _PageRead(record, [])
                return _PageRead(record, grids, to_ocr=scan.render(source.pdf, index))
            events = []
            blank = decision.words == 0 and layer.char_count == 0
            if blank:
                events.append(Event("read_pages", "blank page (no text, no image)", number, "info"))
            return _PageRead(record, grids, metadata=meta, events=events, blank=blank)
        gray = scan.render(source.pdf, index)
        if decision.text_source == "text_layer":  # a good text layer over a scan
            grids, skew, _ = _scanned_page(number, gray, layer.read)
            return _PageRead(record, grids, skew, meta)
        return _PageRead(record, metadata=meta, to_ocr=gray)
    finally:
        layer.close()


def read_pages(source: SourceDocument, on_page: PageCallback | None = None, workers: int = 2,
               integrity: Integrity | None = None, deadline: Deadline | None = None) -> PagesRead:
    """Stage 2: every page's ruled tables (cells with text) and the first page's metadata.

    Each page's text source is decided from its own evidence (`extractors.quality`, with
    the fonts whose Unicode map qpdf found damaged: `integrity`). Pages to OCR are
    rendered here (PDFium is not thread-safe) and read by `workers` threads (Tesseract
    releases the GIL while it reads, `extractors.tesseract`); at most 2 × workers page
    images are in memory at once, so memory stays flat in the page count. `deadline` is checked between pages and while
    waiting for OCR (`DocumentTimeout`).
    """
    by_page: dict[int, list[PageGrid]] = {}
    records: dict[int, PageRecord] = {}
    events: list[Event] = []
    blank: set[int] = set()
    unreadable: set[int] = set()
    failed: dict[int, str] = {}
    meta = PlanMetadata()
    pending: list[tuple[int, Future]] = []
    done = 0  # pages finished, for the progress callback

    def page_done(number: int, grids: list[PageGrid] | None, skew: float | None = None,
                  page_meta: PlanMetadata | None = None) -> None:
        nonlocal done, meta
        if page_meta is not None:
            meta = page_meta
        if grids is not None:
            by_page[number] = grids
            records[number].tables = len(grids)
            records[number].skew_degrees = skew
        done += 1
        if on_page:
            on_page(done, source.page_count)

    def collect(limit: int) -> None:
        while len(pending) > limit:
            number, future = pending[0]
            if deadline:
                deadline.check(f"OCR-ing page {number} of {source.page_count}")
            if STOP.is_set():  # Ctrl-C: the page being read is not waited for
                raise Interrupted()
            step = POLL_SECONDS if deadline is None else min(POLL_SECONDS, deadline.left())
            if not wait_futures([future], timeout=step).done:
                continue  # the limit or a Ctrl-C is checked at the top of the loop
            try:
                result = future.result()
            except OcrUnavailable:
                raise
            except Exception as err:  # one bad page must not lose the others
                pending.pop(0)
                failed[number] = f"{type(err).__name__}: {err}"
                unreadable.add(number)
                page_done(number, None)
                continue
            pending.pop(0)
            page_done(number, *result)

    pool = ThreadPoolExecutor(max_workers=max(1, workers))
    try:
        for index in range(source.page_count):
            number = index + 1
            if STOP.is_set():  # Ctrl-C: no new page
                raise Interrupted()
            if deadline:
                deadline.check(f"reading page {number} of {source.page_count}")
            with PDFIUM_LOCK:  # documents read in parallel threads take turns on PDFium
                page = _read_page(source, index, integrity, deadline)
            events.extend(page.events)
            if page.record is None:
                unreadable.add(number)
                continue
            if page.blank:
                blank.add(number)
            records[number] = page.record
            if page.to_ocr is None:
                page_done(number, page.grids, page.skew, page.metadata)
                continue
            vector = page.grids if page.record.rules_source == "vector" else None
            pending.append((number, pool.submit(_scanned_page, number, page.to_ocr, None, index == 0, vector)))
            collect(2 * max(1, workers))
        collect(0)
    finally:  # interrupted or given up: pages queued for OCR are dropped, running ones left behind
        pool.shutdown(wait=not (pending or STOP.is_set()), cancel_futures=True)
    grids = [g for number in sorted(by_page) for g in by_page[number]]
    ocr_pages = sum(r.text_source == "ocr" for r in records.values())
    repair = any(r.needs_repair for r in records.values())
    text_source = "ocr" if ocr_pages else ("repaired" if repair else "text_layer")  # per page: PagesRead.pages
    untrusted = [r.page for r in records.values() if r.text_source == "ocr" and r.rules_source == "vector"]
    if untrusted:
        first = records[untrusted[0]].reason.split(": ", 1)[-1]
        events.append(Event("read_pages", f"{_pages(untrusted)} OCR'd: the text layer contradicts the page "
                                          f"(page {untrusted[0]}: {first})", untrusted[0], "info"))
    return PagesRead(grids, meta, text_source, events, [records[n] for n in sorted(records)], blank, unreadable,
                     integrity, failed=failed)


def _pages(numbers: list[int]) -> str:
    """"page 3", "pages 2–5", "pages 2, 4, 7"."""
    numbers = sorted(set(numbers))
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"pages {numbers[0]}–{numbers[-1]}"
    return "pages " + ", ".join(map(str, numbers))


def completeness(pages: PagesRead, assembly: Assembly, page_count: int) -> list[Event]:
    """What the document is known to lack, one warning each (any makes it `partial`):
    what qpdf found lost or damaged (a page's content stream, a font's program, page
    objects), a table with the plan's columns skipped, a gap in the numbering, a page
    without the plan table between two pages with it, and a page after the table's last
    page that is unreadable or draws nothing at all (its content stream empty)."""
    out: list[Event] = []
    integrity = pages.integrity
    if integrity is not None:
        out += [Event("completeness", problem) for problem in integrity.problems]
        by_message: dict[str, list[int]] = {}
        for number, damage in sorted(integrity.pages.items()):
            for what in damage.lost:
                by_message.setdefault(what, []).append(number)
        for what, numbers in by_message.items():
            consequence = ("text drawn in it may be missing or misplaced" if what.startswith("font")
                           else "what it drew is missing")
            out.append(Event("completeness", f"{_pages(numbers)}: {what}: {consequence}", numbers[0]))
    out += [Event("completeness", message, page) for page, message in assembly.missing]
    reported = {e.page for e in out if e.page is not None and e.message.startswith(("page ", "pages "))}
    reported |= {r.page for r in pages.pages if r.ocr_text is not None}  # its own event (`keep_page_texts`)
    for first, last in assembly.spans:
        for number in range(first + 1, last):
            if number in assembly.table_pages or number in reported:
                continue
            why = ("blank" if number in pages.blank else "unreadable" if number in pages.unreadable
                   else "without the plan table")
            out.append(Event("completeness", f"page {number}: {why}, between pages {first} and {last} of the plan "
                                             "table: its rows are missing", number))
    if assembly.spans:
        last = max(b for _, b in assembly.spans)
        empty = integrity.empty if integrity is not None else set()
        for number in range(last + 1, page_count + 1):
            if number in reported:
                continue
            if number in pages.unreadable:
                out.append(Event("completeness", f"page {number}: unreadable, after the plan table's last page "
                                                 f"{last}: rows on it are missing", number))
            elif number in empty:
                out.append(Event("completeness", f"page {number}: draws nothing at all (its content is empty), after "
                                                 f"the plan table's last page {last}: rows on it may be missing",
                                 number))
    return out


def extract_rows(pages: PagesRead) -> Assembly:
    """Stage 3: the plan table(s) of the document as rows (header mapping, merges, stitching)."""
    return assemble(pages.grids)


def keep_page_texts(source: SourceDocument, pages: PagesRead, assembly: Assembly,
                    deadline: Deadline | None = None) -> None:
    """Stage 3b: an OCR'd page whose plan table could not be read (no grid where the table
    goes on, or its reading raised) is read as a whole, its text kept in its
    `PageRecord.ocr_text`, and becomes one warning event (`pipeline.fallback.keep_texts`;
    stage `completeness` when rows are lost with it: the document is `partial`)."""

    def render(number: int):
        with PDFIUM_LOCK:
            return scan.render(source.pdf, number - 1)

    def check(number: int) -> None:
        if STOP.is_set():
            raise Interrupted()
        if deadline:
            deadline.check(f"OCR-ing the text of page {number}, whose table could not be read")

    events = fallback.keep_texts(pages.pages, pages.failed, assembly.table_pages, assembly.spans, pages.grids,
                                 render, page_text.read_text, check)
    pages.events += [Event(stage, message, page, level) for stage, message, page, level in events]


def plan_year(meta: PlanMetadata) -> int | None:
    """The single year a plan is for ("2026", "6 tháng cuối năm 2025"), else None."""
    years = re.findall(r"\d{4}", meta.period or "")
    return int(years[0]) if len(years) == 1 else None


def plan_date(meta: PlanMetadata) -> dt.date | None:
    """The date on which the plan's agency names must be valid: its issue date, else the
    start of the year it is for."""
    if meta.issued_date:
        return meta.issued_date
    year = plan_year(meta)
    return dt.date(year, 1, 1) if year else None


#: Prefix of a cell name that is a column mapped to no field (`PlanRow.extra`, by label).
EXTRA = "extra:"


def _text_cells(rows: list[PlanRow]) -> list[tuple[PlanRow, str]]:
    """(row, field) of every non-empty field holding words (the numbering fields
    `NOT_REPAIRED` excluded; timelines and notes with numbers in them included), and of
    every column mapped to no field (``extra:<label>``: a second "Thời gian" column, a
    "Kinh phí" column with a note): text in them is words too."""
    return [(row, name) for row in rows for name in ROW_FIELDS if name not in NOT_REPAIRED and getattr(row, name)] + [
        (row, EXTRA + label) for row in rows for label, text in (row.extra or {}).items() if text]


def _cell(row: PlanRow, name: str) -> str:
    return row.extra[name[len(EXTRA):]] if name.startswith(EXTRA) else getattr(row, name)


def repair_rows(rows: list[PlanRow]) -> None:
    """Repair every field of rows read from a stripped or legacy-encoded text layer (one
    batch for the document); the text as received is kept in `row.raw` when changed."""
    cells = _text_cells(rows)
    _replace(cells, [r.text for r in repair_many([_cell(row, name) for row, name in cells])])


def _replace(cells: list[tuple[PlanRow, str]], texts: list[str]) -> None:
    """Cells get their new text; `row.raw` keeps what changed as read (extra columns
    under ``raw["extra"][label]``)."""
    for (row, name), text in zip(cells, texts):
        old = _cell(row, name)
        if text == old:
            continue
        if name.startswith(EXTRA):
            label = name[len(EXTRA):]
            row.raw = {**(row.raw or {}), "extra": {**(row.raw or {}).get("extra", {}), label: old}}
            row.extra = {**row.extra, label: text}
        else:
            row.raw = {**(row.raw or {}), name: old}
            setattr(row, name, text)


def correct_ocr_cells(columns: list[str], texts: list[str]) -> tuple[list[Corrected], list[str]]:
    """One document's OCR'd cells (`texts[i]` in column `columns[i]`, in document order)
    corrected in one batch (`normalizers.repair.correct_ocr_text`): each cell's
    `Corrected`, and its final text, the item numbers a column writes in its cells put
    back from their sequence (`normalizers.item_numbers`), the periods specks made at
    the ends of names and times dropped (`normalizers.column_periods`), a registered
    agency's last word a copy garbled put back (`normalizers.agency_words`), an agency or
    time cell garbled past that put back as the text its column writes again and again
    (`normalizers.column_forms`), the dashes a list
    lost put back (`normalizers.list_dashes`), a time cell's first letter read small made
    a capital (`normalizers.time_case`) and a title's word read small put in capitals
    (`normalizers.title_case`). `bench.correction_replay` replays exactly this."""
    corrected = correct_ocr_text(texts) if texts else []
    texts = drop_speck_periods_by_column(columns, fix_item_numbers_by_column(columns, [c.text for c in corrected]))
    texts = agree_cells_by_column(columns, complete_names_by_column(columns, texts))
    texts = capitalise_time_cells_by_column(columns, restore_list_dashes_by_column(columns, texts))
    return corrected, [capitalise_title_word(t) for t in texts]


def correct_ocr_rows(rows: list[PlanRow]) -> None:
    """OCR'd rows corrected (`correct_ocr_cells`); the text as read is kept in `row.raw`.
    Then every cell's confidence is settled from its reading and what the correction saw
    (`pipeline.confidence`: the language model's doubt, the words it changed, words no
    plan writes), so a misread tone the OCR was sure of is flagged."""
    cells = _text_cells(rows)
    before = [_cell(row, name) for row, name in cells]
    corrected, texts = correct_ocr_cells([name for _, name in cells], before)
    _replace(cells, texts)
    settle_confidences(rows, {(id(row), name): (old, c.confidence, not plausible(c.text))
                              for (row, name), old, c in zip(cells, before, corrected)})


#: Document metadata read as text (the plan number and date are parsed, not words).
META_FIELDS = ("title", "issuer", "period")


def normalize_metadata(meta: PlanMetadata, repair: bool = False, ocr_read: bool = False) -> dict[str, str] | None:
    """The plan's title, issuer and period through the same repair as its cells: cleaned;
    repaired when the text layer needs it (stripped of diacritics or legacy-encoded);
    misread tones corrected when the first page was OCR'd. Changes `meta` in place and
    returns the fields as read that changed (kept in `documents.raw`), else None.

    The issuer may join a canonical "ỦY BAN NHÂN DÂN" to a stripped province name (the
    fallback of `extractors.metadata`); a field that is such a mix looks fine to the repair
    (some words carry marks), so it is repaired from its folded form instead."""
    names = [n for n in META_FIELDS if getattr(meta, n)]
    before = {n: getattr(meta, n) for n in names}
    texts = [clean_text(before[n]) for n in names]
    if repair and texts:
        results = repair_many(texts)
        mixed = [i for i, r in enumerate(results) if r.mode == "none" and not r.encoding]
        folded = repair_many([fold_same_length(texts[i], keep_case=True) for i in mixed]) if mixed else []
        texts = [r.text for r in results]
        for i, r in zip(mixed, folded):
            texts[i] = r.text
    if ocr_read and texts:
        texts = [c.text for c in correct_ocr_text(texts)]
    for name, text in zip(names, texts):
        setattr(meta, name, text)
    raw = {n: before[n] for n, text in zip(names, texts) if text != before[n]}
    return raw or None


def normalize_rows(rows: list[PlanRow], meta: PlanMetadata | None = None, repair: bool = False) -> list[PlanRow]:
    """Stage 4: clean text (repaired when the text layer needs it, misread tones of OCR'd
    rows corrected); lead/coord cells → agency links (valid on the plan's date); timeline
    text → due dates and recurrence (the plan's year fills a missing one)."""
    meta = meta or PlanMetadata()
    on_date, year = plan_date(meta), plan_year(meta)
    for row in rows:
        for name in ROW_FIELDS:
            setattr(row, name, clean_text(getattr(row, name) or ""))
        if row.extra:
            row.extra = {label: clean_text(text or "") for label, text in row.extra.items()}
    if repair:
        repair_rows(rows)
    correct_ocr_rows([r for r in rows if r.method == "ocr"])
    for row in rows:
        timeline = parse_timeline(row.timeline_text, year)
        row.due_start, row.due_end = timeline.due_start, timeline.due_end
        row.recurrence, row.timeline_parsed = timeline.recurrence, timeline.parsed
        row.agencies = [
            AgencyLink(role, m.mention, m.agency_id, m.score, m.method, m.flagged)
            for role, text in (("lead", row.lead_text), ("coord", row.coord_text)) if text
            for m in resolve_cell(text, on_date)
        ]
    return rows


def document_record(source: SourceDocument, pages: PagesRead | None, rows: list[PlanRow],
                    events: list[Event], error: str | None = None) -> DocumentRecord:
    meta = pages.metadata if pages else PlanMetadata()
    page_errors = [e for e in events if e.level == "error" or e.stage == "completeness"]
    if error or not rows:
        status = "failed"
    elif page_errors:
        status = "partial"
    else:
        status = "ok"
    return DocumentRecord(
        sha256=source.sha256, file_name=source.path.name, file_path=str(source.path.resolve()),
        page_count=source.page_count, title=meta.title, plan_number=meta.plan_number,
        issued_date=meta.issued_date, issuer=meta.issuer, period=meta.period,
        text_source=pages.text_source if pages else None, status=status,
        error=error or ("; ".join(e.message for e in page_errors) or None),
        pipeline_version=pipeline_version(),
        extracted_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
        pages=pages.pages if pages else [],
        raw=pages.raw_metadata if pages else None,
        source_format=getattr(source, "source_format", "pdf"),
    )


def finish(source: SourceDocument, pages: PagesRead, assembly: Assembly, rows: list[PlanRow]) -> Extraction:
    """The document record for extracted rows: status (`partial` when anything is known
    to be missing: `completeness`), error, events."""
    events = pages.events + [Event("extract_rows", msg) for msg in assembly.events]
    if pages.integrity is not None:
        events += [Event("open", note, level="info") for note in pages.integrity.notes]
    if rows:
        events += completeness(pages, assembly, source.page_count)
    error = None
    if not rows:
        tables = sum(p.tables for p in pages.pages)
        error = (f"no appendix table found in {source.page_count} page(s): "
                 + (f"{tables} ruled table(s), none with a plan header (Stt · Nhiệm vụ · Sản phẩm · "
                    "Cơ quan chủ trì …)" if tables else "no ruled table"))
    return Extraction(document_record(source, pages, rows, events, error), rows, events)


def extract(source: SourceDocument, on_page: PageCallback | None = None, workers: int = 2,
            deadline: Deadline | None = None) -> Extraction:
    """Stages 2–4 for one opened document (`workers` OCR threads), a PDF's structure
    checked first (`extractors.integrity`); `deadline` raises `DocumentTimeout` when it
    runs out."""
    kind = getattr(source, "source_format", "pdf")
    integrity = check_integrity(source.path, pages_seen=source.page_count) if kind == "pdf" else None
    pages = read_pages(source, on_page, workers, integrity, deadline)
    if kind != "pdf":
        pages.events.insert(0, Event("open", f"Word document (.{kind}) converted to PDF by LibreOffice "
                                             "(headless) before reading", level="info"))
    if deadline:
        deadline.check("assembling the rows")
    assembly = extract_rows(pages)
    keep_page_texts(source, pages, assembly, deadline)
    if deadline:
        deadline.check("normalizing the rows")
    first = pages.pages[0] if pages.pages else None
    pages.raw_metadata = normalize_metadata(pages.metadata, repair=pages.text_source == "repaired",
                                            ocr_read=first is not None and first.text_source == "ocr")
    rows = normalize_rows(assembly.rows, pages.metadata, repair=pages.text_source == "repaired")
    return finish(source, pages, assembly, rows)


def result_of(path: Path, extraction: Extraction) -> IngestResult:
    doc, rows = extraction.document, extraction.rows
    return IngestResult(
        path, "failed" if doc.status == "failed" else "loaded", doc.status, doc.doc_id, doc.page_count or 0,
        len(rows), sum(r.confidence < DOUBTFUL_BELOW for r in rows),
        sum(a.agency_id is None for r in rows for a in r.agencies),
        sum(bool(r.timeline_text) and not r.timeline_parsed for r in rows),
        error=f"{path.name}: {doc.error}" if doc.status == "failed" else None, events=extraction.events,
    )


def extract_path(path: str | Path, on_page: PageCallback | None = None, workers: int = 2,
                 password: str | None = None, timeout: float | None = DEFAULT_TIMEOUT
                 ) -> Extraction | DocumentError:
    """Stages 1–4 for one file, as one unit of parallel work (a thread, a Prefect task, a
    Dask worker): the extraction, or the `DocumentError` saying why the file cannot be
    ingested, returned rather than raised so a batch goes on. An unexpected error while
    extracting becomes a DocumentError of stage "extract" naming it; so does running
    past `timeout` seconds (None: no limit). Only a missing Tesseract (nothing can be
    OCR'd) stops the batch."""
    path = Path(path)
    if STOP.is_set():
        raise Interrupted()
    deadline = Deadline(path, timeout)
    try:
        source = open_source(path, password)
    except DocumentError as err:
        return err
    try:
        return extract(source, on_page, workers, deadline)
    except DocumentError as err:  # the time limit
        return err
    except (OcrUnavailable, Interrupted):
        raise
    except Exception as err:
        return DocumentError(path, f"extraction failed: {type(err).__name__}: {err}", stage="extract")
    finally:
        source.close()


def unchanged_result(con: duckdb.DuckDBPyConnection, path: Path) -> IngestResult | None:
    """The result for a file whose bytes this pipeline version already loaded, else None
    (also None when the file cannot be read: opening it will say why). The bytes count as
    ingested again at this path: `store.see_document` makes them the current version."""
    from extractors.document import sha256_of

    try:
        sha = sha256_of(path)
    except OSError:
        return None
    known = store.see_document(con, sha, path.resolve(), pipeline_version())
    if known is None:
        return None
    doc_id = known["doc_id"]
    total, doubtful = con.execute(
        "SELECT count(*), count(*) FILTER (confidence < ?) FROM plan_rows WHERE doc_id = ?",
        [DOUBTFUL_BELOW, doc_id]).fetchall()[0]
    return IngestResult(path, "unchanged", known["status"], doc_id, known["page_count"] or 0, total, doubtful)


def known_results(con: duckdb.DuckDBPyConnection, files: list[Path], replace: bool = False
                  ) -> dict[int, IngestResult]:
    """By position in `files`: the results of the files this pipeline version already
    loaded (skipped before extraction); none when re-extracting (`replace`)."""
    if replace:
        return {}
    known = {i: unchanged_result(con, path) for i, path in enumerate(files)}
    return {i: result for i, result in known.items() if result is not None}


def store_outcome(con: duckdb.DuckDBPyConnection, run_id: str, path: Path,
                  outcome: Extraction | DocumentError, replace: bool = False) -> IngestResult:
    """Stage 5 for one file (the only stage that writes): load the extraction in one
    transaction (or record the failure) and the run's events for it.

    With `replace` (re-extraction), loaded rows are replaced (the old ones go to
    `plan_rows_history`), except by a failed extraction: the rows already loaded stay and
    the failure is recorded as an event of the run."""
    if isinstance(outcome, DocumentError):
        result = failure_result(path, outcome) if replace else record_failure(con, path, outcome)
    elif replace and outcome.document.status == "failed":
        result = result_of(path, outcome)
        result.error = f"{result.error}; the rows loaded before are kept"
    else:
        messages: list[tuple[str, str]] = []
        loaded = store.load_document(con, outcome.document, outcome.rows, replace=replace, messages=messages)
        if loaded == "unchanged":  # same bytes earlier in the batch
            result = unchanged_result(con, path) or result_of(path, outcome)
        else:
            result = result_of(path, outcome)
            if loaded == "kept":
                result.error = f"{result.error}; the rows loaded before are kept"
            if messages:  # people's corrections re-applied (schemas/corrections.py): count what the rows show
                result.events = [*result.events, *(Event("corrections", m, None, level) for level, m in messages)]
                result.doubtful = con.execute("SELECT count(*) FROM plan_rows WHERE doc_id = ? AND confidence < ?",
                                              [result.doc_id, DOUBTFUL_BELOW]).fetchall()[0][0]
    record_result(con, run_id, result)
    return result


def prepare_database(con: duckdb.DuckDBPyConnection) -> None:
    """Reference data every run relies on: the agency registry and its lineage view
    (replaced wholesale, so running twice changes nothing)."""
    write_registry(con)


def record_result(con: duckdb.DuckDBPyConnection, run_id: str, result: IngestResult) -> None:
    """The result's events (and its failure) as document_events rows of this run."""
    events = [(e.stage, e.page, e.level, e.message) for e in result.events]
    if result.status == "failed" and not any(level == "error" for _, _, level, _ in events):
        events.append(("extract_rows", None, "error", result.error or "failed"))
    store.record_events(con, run_id, result.doc_id, result.path.name, events)


def link_loaded(con: duckdb.DuckDBPyConnection, run_id: str, results: list[IngestResult]) -> None:
    """Task lineage (`pipeline.lineage`) recomputed for the issuers of the documents this
    run loaded, once for the batch. Each linked pair is an `info` event of its later plan;
    a failure (no model file, a database error) is an `error` event of every loaded
    document, so the run says so, and the rows stay loaded (`cchc lineage` retries)."""
    loaded = [r for r in results if r.status == "loaded" and r.doc_id and r.doc_status != "failed"]
    if not loaded:
        return
    from pipeline.lineage import issuers_of, link_current

    by_doc = {r.doc_id: r for r in loaded}
    try:
        done, _ = link_current(con, issuers=issuers_of(con, list(by_doc)))
    except Exception as err:  # noqa: BLE001 — recorded as data, the loads stand
        for r in loaded:
            _add_event(con, run_id, r, Event("lineage", f"task links not computed: {type(err).__name__}: {err}",
                                             None, "error"))
        return
    for pair in done:
        r = by_doc.get(pair.later.doc_id)
        if r is not None:
            _add_event(con, run_id, r, Event("lineage", f"{pair.relation} {pair.earlier.file_name}: {pair.carried} "
                                                        f"of {pair.rows} rows linked", None, "info"))


def _add_event(con: duckdb.DuckDBPyConnection, run_id: str, result: IngestResult, event: Event) -> None:
    """`event` added to a recorded result: in its events and as a document_events row."""
    result.events = [*result.events, event]
    store.record_events(con, run_id, result.doc_id, result.path.name, [(event.stage, event.page, event.level,
                                                                        event.message)])


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, results: list[IngestResult]) -> None:
    store.finish_run(con, run_id, sum(r.doc_status == "ok" for r in results),
                     sum(r.doc_status == "partial" for r in results), sum(r.status == "failed" for r in results),
                     interrupted=any(r.status == "interrupted" for r in results))


def interrupted_result(path: Path) -> IngestResult:
    """A document the batch stopped before finishing (Ctrl-C): nothing of it was loaded."""
    return IngestResult(path, "interrupted", "-", error=f"{path.name}: not finished (interrupted; the next run "
                        "extracts it)")


def record_failure(con: duckdb.DuckDBPyConnection, path: Path, err: DocumentError) -> IngestResult:
    """Record a file that could not be opened as a `failed` document (when it can be
    hashed at all) and return its result; rows already loaded are untouched."""
    from extractors.document import sha256_of

    doc_id = None
    try:
        from pipeline.word import word_format

        record = DocumentRecord(sha256=sha256_of(path), file_name=path.name, file_path=str(path.resolve()),
                                status="failed", error=err.reason, pipeline_version=pipeline_version(),
                                source_format=word_format(path) or "pdf")
    except OSError:
        record = None
    if record is not None:
        doc_id = record.doc_id
        if store.load_document(con, record, []) == "kept":
            err = DocumentError(path, f"{err.reason}; the rows loaded before are kept", err.stage, err.page)
    return failure_result(path, err, doc_id)


def failure_result(path: Path, err: DocumentError, doc_id: str | None = None) -> IngestResult:
    """The result of a file that could not be ingested, its reason as the one error event."""
    return IngestResult(path, "failed", "failed", doc_id, error=str(err),
                        events=[Event(err.stage, err.reason, err.page, "error")])
