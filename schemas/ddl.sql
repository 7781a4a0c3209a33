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

-- migrate:012 task lineage: links between the rows of two plans (pipeline/lineage.py)
-- agency_lineage is (re)created by normalizers/agencies.py write_registry on every run; it is
-- created here too (the same SQL as lineage_sql()) so that plan_changes can be bound on a
-- database no run has prepared yet.
CREATE OR REPLACE VIEW agency_lineage AS
WITH RECURSIVE walk(agency_id, current_id, depth) AS (
    SELECT agency_id, agency_id, 0 FROM agencies
    UNION ALL
    SELECT w.agency_id, a.successor_id, w.depth + 1
    FROM walk AS w JOIN agencies AS a ON a.agency_id = w.current_id
    WHERE a.successor_id IS NOT NULL AND a.successor_id <> '' AND w.depth < 32
)
SELECT agency_id, arg_max(current_id, depth) AS current_id, max(depth) AS depth
FROM walk
GROUP BY agency_id;

CREATE TABLE plan_links (                     -- pairs of documents whose rows were linked (a pair with no row_links: nothing carried)
    doc_id        VARCHAR NOT NULL,             -- the later plan (an annual plan for `implements`)
    linked_doc_id VARCHAR NOT NULL,             -- the earlier plan (the multi-year plan for `implements`)
    relation      VARCHAR NOT NULL,             -- continues | implements
    method        VARCHAR NOT NULL,             -- the linker and its model ("splink-fs:…")
    linked_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (doc_id, linked_doc_id)
);

CREATE TABLE row_links (                      -- replaced as a whole per pair of documents by each linking
    row_id        VARCHAR NOT NULL,             -- plan_rows.row_id in the later document
    linked_row_id VARCHAR NOT NULL,             -- plan_rows.row_id in the earlier document
    relation      VARCHAR NOT NULL,             -- continues | implements (as plan_links)
    score         DOUBLE NOT NULL,              -- match probability 0..1
    method        VARCHAR NOT NULL,
    evidence      JSON,                         -- Bayes factor of each comparison that decided it
    PRIMARY KEY (row_id, linked_row_id)
);

CREATE VIEW plan_changes AS                   -- per linked pair of plans: every row carried (one line per link), new or dropped
WITH leads AS (                               -- each row's lead agencies rolled up to today's bodies
    SELECT ra.row_id, string_agg(DISTINCT l.current_id, '|' ORDER BY l.current_id) AS lead_ids
    FROM row_agencies AS ra JOIN agency_lineage AS l ON l.agency_id = ra.agency_id
    WHERE ra.role = 'lead' GROUP BY ra.row_id),
rows AS (
    SELECT r.*, ld.lead_ids FROM plan_rows AS r LEFT JOIN leads AS ld ON ld.row_id = r.row_id),
carried AS (
    SELECT p.doc_id, p.linked_doc_id, p.relation, 'carried' AS change, a.row_id, b.row_id AS linked_row_id, k.score
    FROM plan_links AS p
    JOIN row_links AS k ON k.relation = p.relation
    JOIN plan_rows AS a ON a.row_id = k.row_id AND a.doc_id = p.doc_id
    JOIN plan_rows AS b ON b.row_id = k.linked_row_id AND b.doc_id = p.linked_doc_id),
new AS (
    SELECT p.doc_id, p.linked_doc_id, p.relation, 'new' AS change, a.row_id, NULL AS linked_row_id, NULL AS score
    FROM plan_links AS p JOIN plan_rows AS a ON a.doc_id = p.doc_id
    WHERE a.row_id NOT IN (SELECT c.row_id FROM carried AS c WHERE c.doc_id = p.doc_id AND c.linked_doc_id = p.linked_doc_id)),
dropped AS (
    SELECT p.doc_id, p.linked_doc_id, p.relation, 'dropped' AS change, NULL AS row_id, b.row_id AS linked_row_id, NULL AS score
    FROM plan_links AS p JOIN plan_rows AS b ON b.doc_id = p.linked_doc_id
    WHERE b.row_id NOT IN (SELECT c.linked_row_id FROM carried AS c WHERE c.doc_id = p.doc_id AND c.linked_doc_id = p.linked_doc_id)),
changes AS (SELECT * FROM carried UNION ALL SELECT * FROM new UNION ALL SELECT * FROM dropped)
SELECT c.doc_id, c.linked_doc_id, c.relation, c.change, c.row_id, c.linked_row_id, c.score,
       a.row_no, b.row_no AS linked_row_no,
       a.task, b.task AS linked_task,
       a.product, b.product AS linked_product,
       a.lead_ids, b.lead_ids AS linked_lead_ids,
       a.timeline_text, b.timeline_text AS linked_timeline_text,
       CASE WHEN c.change = 'carried' THEN a.lead_ids IS DISTINCT FROM b.lead_ids END AS lead_changed,
       CASE WHEN c.change = 'carried' THEN a.recurrence IS DISTINCT FROM b.recurrence
            OR strftime(a.due_end, '%m-%d') IS DISTINCT FROM strftime(b.due_end, '%m-%d') END AS timeline_changed,
       CASE WHEN c.change = 'carried' THEN regexp_replace(lower(a.product), '[0-9]+', '', 'g')
            <> regexp_replace(lower(b.product), '[0-9]+', '', 'g') END AS product_changed
FROM changes AS c
LEFT JOIN rows AS a ON a.row_id = c.row_id
LEFT JOIN rows AS b ON b.row_id = c.linked_row_id;

-- migrate:013 the text of a page whose plan table could not be read (pipeline/fallback.py)
ALTER TABLE document_pages ADD COLUMN ocr_text VARCHAR;  -- the page's whole text OCR'd (repaired like OCR'd cells) when no table could be read on it; NULL otherwise
