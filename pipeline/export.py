"""Export the pipeline database to files an analyst opens elsewhere: CSV, Parquet, Excel.

One file per table: `rows` (the plan rows with their document's name, number, period
and date, and the agencies named in them), `documents`, `agencies`, `row_agencies`,
`document_pages`. By default only the current version of each document (and the rows,
pages and agency links of those versions) is exported; `all_versions=True` exports
every version, failed ones included.

- CSV is UTF-8 with a byte-order mark (`utf-8-sig`), so Excel opens Vietnamese text
  right; written by DuckDB (ISO dates, `true`/`false`, NULL as an empty field).
- Parquet keeps the column types (DATE, TIMESTAMP, BOOLEAN, DOUBLE); written by DuckDB.
- Excel is one workbook, `cchc_export.xlsx`, with one sheet per table (bold, frozen
  header row; column widths from the content).

Text is written exactly as stored (NFC Unicode); nothing is transliterated.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import duckdb

from schemas.store import connect

#: The exported tables, in the order they are written.
TABLES: tuple[str, ...] = ("rows", "documents", "agencies", "row_agencies", "document_pages")
#: Separator inside the aggregated agency columns of `rows` (the registry's aliases use it too).
LIST_SEPARATOR = "|"
#: The Excel workbook holding one sheet per table.
XLSX_NAME = "cchc_export.xlsx"
_MIN_WIDTH, _MAX_WIDTH = 8, 60  # Excel column widths, in characters


class ExportFormat(str, Enum):
    """The file formats `export` writes."""

    csv = "csv"
    parquet = "parquet"
    xlsx = "xlsx"


@dataclass(frozen=True)
class Written:
    """One exported table: the file (and sheet, for Excel) it went to and its row count."""

    table: str
    path: Path
    rows: int
    sheet: str | None = None


def _agencies(role: str, what: str) -> str:
    """SQL expression aggregating, in cell order, one attribute of a row's agencies of a role."""
    return (f"string_agg({what}, '{LIST_SEPARATOR}' ORDER BY ra.rowid) "
            f"FILTER (WHERE ra.role = '{role}' AND ra.agency_id IS NOT NULL)")


def table_queries(all_versions: bool = False) -> dict[str, str]:
    """The SELECT statement exporting each table, keyed by table name.

    `rows` is `plan_rows` (every column, so columns added later are exported too) with
    the document's file_name, plan_number, period, issued_date and is_current in front,
    and at the end the agencies named in the row: `lead_agency_ids`, `lead_agencies`,
    `coord_agency_ids`, `coord_agencies` (registry ids and names, `|`-separated, in cell
    order) and `unresolved_mentions` (mentions not resolved to the registry).
    """
    current = "TRUE" if all_versions else "d.is_current"
    links = f"""
        SELECT ra.row_id,
               {_agencies('lead', 'ra.agency_id')} AS lead_agency_ids,
               {_agencies('lead', 'a.name')} AS lead_agencies,
               {_agencies('coord', 'ra.agency_id')} AS coord_agency_ids,
               {_agencies('coord', 'a.name')} AS coord_agencies,
               string_agg(ra.mention, '{LIST_SEPARATOR}' ORDER BY ra.rowid)
                   FILTER (WHERE ra.agency_id IS NULL) AS unresolved_mentions
        FROM row_agencies AS ra LEFT JOIN agencies AS a ON a.agency_id = ra.agency_id
        GROUP BY ra.row_id"""
    return {
        "rows": f"""
            SELECT r.row_id, r.doc_id, d.file_name, d.plan_number, d.period, d.issued_date, d.is_current,
                   r.* EXCLUDE (row_id, doc_id),
                   l.lead_agency_ids, l.lead_agencies, l.coord_agency_ids, l.coord_agencies,
                   l.unresolved_mentions
            FROM plan_rows AS r
            JOIN documents AS d ON d.doc_id = r.doc_id
            LEFT JOIN ({links}) AS l ON l.row_id = r.row_id
            WHERE {current}
            ORDER BY d.file_name, d.extracted_at, r.row_no""",
        "documents": f"""
            SELECT d.* FROM documents AS d WHERE {current}
            ORDER BY d.file_name, d.extracted_at""",
        "agencies": "SELECT * FROM agencies ORDER BY agency_id",
        "row_agencies": f"""
            SELECT ra.* FROM row_agencies AS ra
            JOIN plan_rows AS r ON r.row_id = ra.row_id
            JOIN documents AS d ON d.doc_id = r.doc_id
            WHERE {current}
            ORDER BY d.file_name, d.extracted_at, r.row_no, ra.rowid""",
        "document_pages": f"""
            SELECT p.* FROM document_pages AS p
            JOIN documents AS d ON d.doc_id = p.doc_id
            WHERE {current}
            ORDER BY d.file_name, d.extracted_at, p.page""",
    }


def _write_csv(con: duckdb.DuckDBPyConnection, query: str, path: Path) -> None:
    """Write a query's result as CSV, UTF-8 with a byte-order mark (for Excel)."""
    tmp = path.with_name(path.name + ".part")
    try:
        con.sql(query).write_csv(str(tmp), header=True)
        with path.open("wb") as out, tmp.open("rb") as body:
            out.write("\ufeff".encode("utf-8"))
            while chunk := body.read(1 << 20):
                out.write(chunk)
    finally:
        tmp.unlink(missing_ok=True)


def _xlsx_value(value: object) -> object:
    """A DuckDB value as something openpyxl stores faithfully."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    if isinstance(value, (dt.time, dt.timedelta)):
        return str(value)
    if isinstance(value, (list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _write_sheet(workbook, name: str, columns: list[str], records: list[tuple]) -> None:
    """Add one sheet: bold, frozen header row; widths from the longest cell (capped)."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title=name)
    bold = Font(bold=True)
    widths = [len(c) for c in columns]
    for j, column in enumerate(columns, start=1):
        sheet.cell(row=1, column=j, value=column).font = bold
    for i, record in enumerate(records, start=2):
        for j, raw in enumerate(record, start=1):
            value = _xlsx_value(raw)
            cell = sheet.cell(row=i, column=j, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text starting with "=" stays text, not a formula
                longest = max(map(len, value.splitlines() or [""]))
            elif isinstance(value, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
                longest = 19
            elif isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
                longest = 10
            else:
                longest = len(str(value)) if value is not None else 0
            widths[j - 1] = max(widths[j - 1], longest)
    for j, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(j)].width = min(max(width + 2, _MIN_WIDTH), _MAX_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def export_database(db: Path | str, out_dir: Path | str, fmt: ExportFormat | str,
                    all_versions: bool = False, wait: float = 30.0) -> list[Written]:
    """Export the tables of the database `db` into `out_dir` (created if missing).

    CSV and Parquet: one file per table, `<table>.csv` / `<table>.parquet`. Excel: one
    workbook `cchc_export.xlsx` with one sheet per table. The database is opened
    read-only; a missing file raises FileNotFoundError. Returns what was written, in
    `TABLES` order.
    """
    db, out_dir, fmt = Path(db), Path(out_dir), ExportFormat(fmt)
    if not db.is_file():
        raise FileNotFoundError(f"{db}: no such database file")
    out_dir.mkdir(parents=True, exist_ok=True)
    queries = table_queries(all_versions)
    written: list[Written] = []
    con = connect(db, read_only=True, wait=wait)
    try:
        if fmt is ExportFormat.xlsx:
            from openpyxl import Workbook

            workbook = Workbook()
            workbook.remove(workbook.active)
            path = out_dir / XLSX_NAME
            for table in TABLES:
                cursor = con.execute(queries[table])
                columns = [d[0] for d in cursor.description]
                records = cursor.fetchall()
                _write_sheet(workbook, table, columns, records)
                written.append(Written(table, path, len(records), sheet=table))
            tmp = path.with_name(path.name + ".part")
            workbook.save(tmp)
            os.replace(tmp, path)
            return written
        for table in TABLES:
            path = out_dir / f"{table}.{fmt.value}"
            if fmt is ExportFormat.csv:
                _write_csv(con, queries[table], path)
            else:
                con.sql(queries[table]).write_parquet(str(path))
            [(count,)] = con.execute(f"SELECT count(*) FROM ({queries[table]})").fetchall()
            written.append(Written(table, path, count))
    finally:
        con.close()
    return written
