"""Typed records that leave the extractors and are written to DuckDB.

`PlanRow` is one leaf row of a plan's appendix table (fields named as in the
ground-truth files and in the `plan_rows` table); `DocumentRecord` is one ingested PDF.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

#: A row (or cell) whose confidence is below this is "doubtful": counted in summaries,
#: listed for review, and the point a fitted cell confidence is scaled to
#: (`extractors.cell_confidence`). The one definition; the pipeline, the corrections and
#: the cell-confidence model import it.
DOUBTFUL_BELOW = 0.8

#: The text fields of a plan row, in table order. Shared by the extractor, the store,
#: the truth files and the scorer.
ROW_FIELDS: tuple[str, ...] = (
    "section_no",
    "section_title",
    "stt",
    "objective",
    "task",
    "activity",
    "product",
    "lead_text",
    "coord_text",
    "timeline_text",
    "note",
)


@dataclass
class AgencyLink:
    """One agency named in a row's lead (chủ trì) or coordinating (phối hợp) cell."""

    role: str  # lead | coord
    mention: str
    agency_id: str | None
    score: float
    method: str
    flagged: bool = False


@dataclass
class PlanRow:
    """One leaf row of the appendix table, merged cells filled down."""

    section_no: str = ""
    section_title: str = ""
    stt: str = ""
    objective: str = ""
    task: str = ""
    activity: str = ""
    product: str = ""
    lead_text: str = ""
    coord_text: str = ""
    timeline_text: str = ""
    note: str = ""
    page_first: int | None = None
    page_last: int | None = None
    method: str = "text_layer"
    confidence: float = 1.0
    #: The confidence the row's building set, whatever its cells (`extractors.table`: a
    #: row stitched across a page break by its text, a tied break; 1.0 otherwise): kept
    #: apart so that settling the cells' confidences later keeps it. Not stored.
    build_penalty: float = 1.0
    due_start: dt.date | None = None
    due_end: dt.date | None = None
    recurrence: str | None = None
    timeline_parsed: bool | None = None
    agencies: list[AgencyLink] = field(default_factory=list)
    raw: dict[str, str] | None = None  # fields as extracted, when the repair stage changed any
    #: Where each field was read: {field: [{"page", "bbox" [x0, top, x1, bottom] in PDF points
    #: (page as displayed, origin top-left; scans: after deskew), "confidence"}, ...]}.
    cell_boxes: dict[str, list[dict]] | None = None
    #: Columns of the table that map to no field ("Kinh phí", a second "Thời gian" column),
    #: by their printed label.
    extra: dict[str, str] | None = None

    def fields(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in ROW_FIELDS}


@dataclass
class PageRecord:
    """How one page was read: the text-source decision and its evidence."""

    page: int
    text_source: str
    rules_source: str
    reason: str
    words: int = 0
    mark_share: float = 0.0
    valid_share: float = 0.0
    image_cover: float = 0.0
    skew_degrees: float | None = None
    tables: int = 0
    needs_repair: bool = False
    #: The page's whole text, OCR'd when its plan table could not be read
    #: (`pipeline.fallback`); None otherwise.
    ocr_text: str | None = None


@dataclass
class DocumentRecord:
    """One ingested PDF: identity (hash), what was read from it, and how it went."""

    sha256: str
    file_name: str
    file_path: str
    page_count: int | None = None
    title: str | None = None
    plan_number: str | None = None
    issued_date: dt.date | None = None
    issuer: str | None = None
    period: str | None = None
    text_source: str | None = None
    status: str = "ok"
    error: str | None = None
    pipeline_version: str = ""
    extracted_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc).replace(tzinfo=None))
    pages: list[PageRecord] = field(default_factory=list)
    raw: dict[str, str] | None = None  # title/issuer/period as extracted, when the repair stage changed any
    source_format: str = "pdf"  # pdf | docx | doc (a Word document converted to PDF by LibreOffice)

    @property
    def doc_id(self) -> str:
        return self.sha256[:16]
