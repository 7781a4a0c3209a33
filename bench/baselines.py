"""Baselines: what a user gets from pdfplumber or camelot with their defaults.

Both read the table page by page (`pdfplumber` ``page.extract_tables()``, camelot
``read_pdf(flavor="lattice")``); their cells are then passed through the same generic
post-process a competent user would write (`generic_rows`): drop repeated header and
column-number rows, turn Roman-numeral rows into sections (and rows whose one text fills
every column, as img2table repeats a merged cell, numbered on from the section before
when OCR lost the numeral), join a row continued at the
top of the next page, fill merged cells down. Columns are mapped to fields by position,
given the layout: generous to the baselines, which cannot read headers themselves.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

Cell = str | None  # None: a cell covered by a merged cell (pdfplumber)
ROMAN = re.compile(r"^[IVXLC]+\.?$")
HIERARCHY = ("stt", "objective", "task")


def clean(text: Cell) -> Cell:
    if text is None:
        return None
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def next_roman(numeral: str) -> str:
    """The section numeral after `numeral` ("" → "I"): a user who sees a section title
    whose number OCR lost knows sections run I, II, III …."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    n = 0
    for a, b in zip(numeral, numeral[1:] + " "):
        n += -values[a] if values.get(b, 0) > values[a] else values[a]
    n += 1
    out = ""
    for value, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"),
                           (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def generic_rows(pages: list[list[list[Cell]]], fields: tuple[str, ...]) -> list[dict]:
    """Generic fill-down / header-drop / page-stitch over per-page table cells.

    `pages[k]` is the list of table rows found on page k (tables of other widths dropped).
    """
    n = len(fields)
    header: list[Cell] | None = None
    out: list[dict] = []
    section = ("", "")
    previous: dict | None = None
    for page_rows in pages:
        first_on_page = True
        for raw in page_rows:
            cells = [clean(c) for c in raw]
            if len(cells) != n or all(not c for c in cells):
                continue
            if header is None:
                header = cells
                continue
            if cells == header or [c or "" for c in cells] == [str(i) for i in range(1, n + 1)]:
                continue
            filled = [c for c in cells[1:] if c]
            numbered = bool(cells[0] and ROMAN.match(cells[0]))
            across = len(filled) == n - 1 and n > 2  # one merged cell repeated in every column (img2table)
            if filled and all(c == filled[0] for c in filled) and (numbered or across):
                number = cells[0].rstrip(".") if numbered else next_roman(section[0])
                section = (number, filled[0])
                previous = None
                first_on_page = False
                continue
            lead_text = next((c for c in cells if c), "")
            if first_on_page and previous is not None and not cells[0] and lead_text[:1].islower():
                for f, c in zip(fields, cells):
                    if c:
                        previous[f] = f"{previous[f]} {c}".strip()
                first_on_page = False
                continue
            first_on_page = False
            row = {"section_no": section[0], "section_title": section[1]}
            # a row whose hierarchy cells are blank continues the item above: its blank
            # cells are covered by merged cells of that item (camelot gives '' there,
            # pdfplumber None), so they take the value above.
            same_item = previous is not None and all(
                not c for f, c in zip(fields, cells) if f in HIERARCHY
            )
            for f, c in zip(fields, cells):
                if previous is not None and (c is None or (not c and (same_item or f in HIERARCHY))):
                    row[f] = previous[f]
                else:
                    row[f] = c or ""
            out.append(row)
            previous = row
    return out


def pdfplumber_pages(pdf_path: Path, n_cols: int) -> list[list[list[Cell]]]:
    import pdfplumber

    pages = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            rows = [r for t in page.extract_tables() if t and len(t[0]) == n_cols for r in t]
            pages.append(rows)
            page.close()
    return pages


def camelot_pages(pdf_path: Path, n_cols: int) -> list[list[list[Cell]]]:
    import camelot

    tables = camelot.read_pdf(str(pdf_path), pages="all", flavor="lattice")
    by_page: dict[int, list[list[Cell]]] = {}
    for t in tables:
        if t.df.shape[1] != n_cols:
            continue
        by_page.setdefault(int(t.page), []).extend(t.df.astype(str).values.tolist())
    return [by_page[p] for p in sorted(by_page)]


def img2table_pages(pdf_path: Path, n_cols: int) -> list[list[list[Cell]]]:
    """img2table with its Tesseract OCR (`vie`, rotation detection on), as its README
    shows; merged cells come back repeated in every covered cell."""
    from img2table.document import PDF
    from img2table.ocr import TesseractOCR

    doc = PDF(src=str(pdf_path), detect_rotation=True, pdf_text_extraction=False)
    tables = doc.extract_tables(ocr=TesseractOCR(n_threads=1, lang="vie"), implicit_rows=False,
                                borderless_tables=False)
    pages = []
    for page in sorted(tables):
        rows = []
        for t in tables[page]:
            frame = t.df
            if frame.shape[1] == n_cols:
                rows.extend([[None if v is None or v != v else str(v) for v in r] for r in frame.values.tolist()])
        pages.append(rows)
    return pages


def ocrmypdf_camelot_pages(pdf_path: Path, n_cols: int) -> list[list[list[Cell]]]:
    """OCRmyPDF (`-l vie --force-ocr --deskew`) to give the scan a Vietnamese text layer,
    then camelot lattice on the result: the recipe camelot's docs give for scans."""
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory(prefix="cchc-ocrmypdf-") as tmp:
        out = Path(tmp) / "ocr.pdf"
        ocrmypdf = Path(sys.executable).with_name("ocrmypdf")
        subprocess.run([str(ocrmypdf), "-q", "-l", "vie", "--force-ocr", "--deskew", "--jobs", "2",
                        str(pdf_path), str(out)], check=True, capture_output=True)
        return camelot_pages(out, n_cols)
