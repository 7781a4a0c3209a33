-- cchc-pipeline DuckDB schema: the one file that defines it.
-- Each "-- migrate:NNN name" block is one numbered migration; schemas/store.py applies
-- the blocks not yet recorded in schema_migrations, in order, all in one transaction (with
-- their schema_migrations rows): a run killed half-way leaves the schema as it was.
-- Column names are a contract read by other tools: add columns, never rename them.

-- migrate:001 documents and plan rows
CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER PRIMARY KEY,
    name        VARCHAR NOT NULL,
    applied_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE documents (
    doc_id           VARCHAR PRIMARY KEY,   -- first 16 hex digits of sha256
    sha256           VARCHAR NOT NULL UNIQUE,
    file_name        VARCHAR NOT NULL,
    file_path        VARCHAR NOT NULL,
    title            VARCHAR,               -- plan title read from the first page
    plan_number      VARCHAR,               -- "148/KH-UBND"
    issued_date      DATE,
    issuer           VARCHAR,               -- "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH"
    period           VARCHAR,               -- "2026", "2021-2030", "6 tháng cuối năm 2025"
    page_count       INTEGER,
    text_source      VARCHAR,               -- text_layer | ocr | repaired
    status           VARCHAR NOT NULL,      -- ok | partial | failed
    error            VARCHAR,
    extracted_at     TIMESTAMP NOT NULL,
    pipeline_version VARCHAR NOT NULL,
    is_current       BOOLEAN NOT NULL DEFAULT TRUE  -- newest successful ingest of its path / plan number (store.mark_current)
);

CREATE TABLE plan_rows (
    row_id        VARCHAR PRIMARY KEY,      -- doc_id || ':' || row_no
    doc_id        VARCHAR NOT NULL,
    row_no        INTEGER NOT NULL,         -- 1-based, document order
    section_no    VARCHAR,
    section_title VARCHAR,
    stt           VARCHAR,
    objective     VARCHAR,
    task          VARCHAR,
    activity      VARCHAR,
    product       VARCHAR,
    lead_text     VARCHAR,
    coord_text    VARCHAR,
    timeline_text VARCHAR,
    note          VARCHAR,
    page_first    INTEGER,                  -- 1-based page numbers in the PDF
    page_last     INTEGER,
    method        VARCHAR NOT NULL,         -- text_layer | ocr | pdfplumber | camelot ...
    confidence    DOUBLE                    -- 0..1
);

-- migrate:002 per-page text source decision
CREATE TABLE document_pages (
    doc_id       VARCHAR NOT NULL,
    page         INTEGER NOT NULL,          -- 1-based
    text_source  VARCHAR NOT NULL,          -- text_layer | ocr
    rules_source VARCHAR NOT NULL,          -- vector | image
    reason       VARCHAR NOT NULL,          -- why, in words
    words        INTEGER,                   -- words in the page's own text layer
    mark_share   DOUBLE,                    -- share of those words carrying diacritics
    valid_share  DOUBLE,                    -- share of those words that are valid syllables
    image_cover  DOUBLE,                    -- share of the page covered by images
    skew_degrees DOUBLE,                    -- scan skew corrected (image pages)
    tables       INTEGER,                   -- ruled tables found on the page
    PRIMARY KEY (doc_id, page)
);

-- migrate:003 agencies, row-agency links, parsed timelines
CREATE TABLE agencies (                 -- loaded from normalizers/data/agencies.csv
    agency_id    VARCHAR PRIMARY KEY,       -- stable slug: "so-noi-vu"
    name         VARCHAR NOT NULL,          -- official name without the province
    short_name   VARCHAR,
    aliases      VARCHAR,                   -- |-separated
    kind         VARCHAR NOT NULL,          -- department | office | committee | centre | press | police | enterprise | central | group | generic
    level        VARCHAR,                   -- province | commune | district | central
    parent_id    VARCHAR,
    valid_from   DATE,
    valid_to     DATE,
    successor_id VARCHAR                    -- the body that took over (2025 mergers)
);

CREATE TABLE row_agencies (
    row_id     VARCHAR NOT NULL,            -- plan_rows.row_id
    agency_id  VARCHAR,                     -- NULL: mention not resolved
    role       VARCHAR NOT NULL,            -- lead | coord
    mention    VARCHAR NOT NULL,            -- the text as written in the cell
    score      DOUBLE NOT NULL,             -- 1.0 exact/alias, fuzzy ratio otherwise
    method     VARCHAR NOT NULL,            -- exact | alias | fuzzy | group | generic | unresolved
    flagged    BOOLEAN NOT NULL             -- agency not valid on the document's date
);

ALTER TABLE plan_rows ADD COLUMN due_start DATE;          -- parsed from timeline_text
ALTER TABLE plan_rows ADD COLUMN due_end DATE;
ALTER TABLE plan_rows ADD COLUMN recurrence VARCHAR;      -- none | monthly | quarterly | semiannual | annual | continuous | on_demand | ad_hoc
ALTER TABLE plan_rows ADD COLUMN timeline_parsed BOOLEAN; -- FALSE: text kept, dates unknown

-- migrate:004 repaired text layers keep the text as received
ALTER TABLE plan_rows ADD COLUMN raw JSON;                 -- fields as extracted, when repair changed any (else NULL)
ALTER TABLE document_pages ADD COLUMN needs_repair BOOLEAN; -- text layer stripped of diacritics or legacy-encoded

-- migrate:005 runs and what happened to each document in them
CREATE TABLE runs (
    run_id           VARCHAR PRIMARY KEY,
    started_at       TIMESTAMP NOT NULL,
    finished_at      TIMESTAMP,                -- NULL: the run did not finish (crashed, killed)
    trigger          VARCHAR NOT NULL,         -- cli | prefect
    pipeline_version VARCHAR NOT NULL,
    status           VARCHAR,                  -- ok | partial | failed | interrupted (Ctrl-C)
    docs_ok          INTEGER,                  -- loaded or unchanged, status ok
    docs_partial     INTEGER,
    docs_failed      INTEGER
);

CREATE TABLE document_events (
    run_id    VARCHAR NOT NULL,
    doc_id    VARCHAR,                          -- NULL when the file could not even be hashed
    file_name VARCHAR NOT NULL,
    stage     VARCHAR NOT NULL,                 -- open | read_pages | ocr | extract_rows | load
    page      INTEGER,
    level     VARCHAR NOT NULL,                 -- info | warning | error
    message   VARCHAR NOT NULL
);

-- migrate:006 where each cell was read; rows replaced by a re-extraction kept as history
ALTER TABLE plan_rows ADD COLUMN cell_boxes JSON;  -- {field: [{page, bbox [x0, top, x1, bottom] in points, confidence}]}

CREATE TABLE plan_rows_history (              -- rows of earlier extractions of the same bytes
    row_id        VARCHAR NOT NULL,             -- as it was in plan_rows (not unique here)
    doc_id        VARCHAR NOT NULL,
    row_no        INTEGER NOT NULL,
    section_no    VARCHAR,
    section_title VARCHAR,
    stt           VARCHAR,
    objective     VARCHAR,
    task          VARCHAR,
    activity      VARCHAR,
    product       VARCHAR,
    lead_text     VARCHAR,
    coord_text    VARCHAR,
    timeline_text VARCHAR,
    note          VARCHAR,
    page_first    INTEGER,
    page_last     INTEGER,
    method        VARCHAR NOT NULL,
    confidence    DOUBLE,
    due_start     DATE,
    due_end       DATE,
    recurrence    VARCHAR,
    timeline_parsed BOOLEAN,
    raw           JSON,
    cell_boxes    JSON,
    pipeline_version VARCHAR NOT NULL,          -- the version that extracted these rows
    extracted_at  TIMESTAMP NOT NULL,           -- when it did
    superseded_at TIMESTAMP NOT NULL            -- when a re-extraction replaced them
);

-- migrate:007 columns of the plan table that map to no field
ALTER TABLE plan_rows ADD COLUMN extra JSON;          -- {"Kinh phí": "…"}: unmapped columns by printed label
ALTER TABLE plan_rows_history ADD COLUMN extra JSON;

-- migrate:008 failed documents are never current (schemas/store.py mark_current)
UPDATE documents SET is_current = FALSE WHERE status = 'failed';

-- migrate:009 document metadata as read, when the repair stage changed it
ALTER TABLE documents ADD COLUMN raw JSON;            -- {"title": …, "issuer": …, "period": …} as extracted (else NULL)

-- migrate:010 what the file was: a PDF, or a Word document converted to PDF before reading
ALTER TABLE documents ADD COLUMN source_format VARCHAR DEFAULT 'pdf';  -- pdf | docx | doc

-- migrate:011 corrections made by people, re-applied by every re-extraction (schemas/corrections.py)
CREATE TABLE corrections (                    -- append-only: every change is a new line, nothing is updated
    correction_id  VARCHAR PRIMARY KEY,         -- random; unique across databases (import keeps it)
    thread_id      VARCHAR NOT NULL,            -- the cell's chain of lines: the id of its first line
    sha256         VARCHAR NOT NULL,            -- the document's bytes
    doc_id         VARCHAR NOT NULL,
    row_id         VARCHAR,                     -- row key when the line was written (doc_id:row_no)
    row_no         INTEGER,
    field          VARCHAR NOT NULL,            -- a plan_rows text field; lead_agency / coord_agency: an agency picked for a mention
    page           INTEGER,                     -- where the cell was read (first piece)
    bbox           JSON,                        -- [x0, top, x1, bottom] in points
    extracted_text VARCHAR NOT NULL,            -- the cell as extracted (agency: the mention)
    corrected_text VARCHAR,                     -- the person's text (verified: the extracted text; agency: registry id); NULL when undone
    status         VARCHAR NOT NULL,            -- corrected | verified | undone | conflict | orphaned
    action         VARCHAR NOT NULL,            -- edit | verify | pick | undo | reapply | carry | import
    author         VARCHAR NOT NULL,
    created_at     TIMESTAMP NOT NULL,          -- UTC
    note           VARCHAR,
    context        JSON,                        -- the row's other fields and its neighbours, to find the cell again
    source_id      VARCHAR                      -- the line this one follows from (undo, re-application, carry-over)
);

ALTER TABLE plan_rows ADD COLUMN corrected JSON;              -- {field: text as extracted} for fields holding a person's correction
ALTER TABLE plan_rows ADD COLUMN verified JSON;               -- [field, …] checked by a person (corrected or confirmed)
ALTER TABLE plan_rows ADD COLUMN extracted_confidence DOUBLE; -- confidence as extracted, when a review raised `confidence` to 1
ALTER TABLE plan_rows_history ADD COLUMN corrected JSON;
ALTER TABLE plan_rows_history ADD COLUMN verified JSON;
ALTER TABLE plan_rows_history ADD COLUMN extracted_confidence DOUBLE;

CREATE VIEW corrections_current AS            -- the latest line of each thread: the state of each corrected cell
SELECT * EXCLUDE (line_rank) FROM (
    SELECT *, row_number() OVER (PARTITION BY thread_id ORDER BY created_at DESC, correction_id DESC) AS line_rank
    FROM corrections)
WHERE line_rank = 1;
