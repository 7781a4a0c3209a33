"""Pages whose plan table could not be read: their whole text OCR'd and kept (issue 13).

A scanned page inside the plan table that yields no grid (rules too faint, a photo) or
whose reading raised gives no rows; the document is `partial` and says so, but the
page's text would be lost to the analyst. For such a page the text is read as a whole
(`extractors.page_text`, one Tesseract call), run through the same repair as OCR'd
cells, kept in `document_pages.ocr_text`, and the page becomes one warning event.

Which pages (`qualifying`), among the pages whose text source is OCR:

- a page whose reading raised (deskew, rules, grid or cell OCR): anything may have been
  on it, and such pages are rare;
- a page without the plan table strictly between two pages with it: rows are known to
  be missing there (`stages.completeness` says so for any page);
- the page right after a plan table's last page, when it has no plan table on it and
  either has no ruled table at all (a table whose rules were lost: the last page of the
  table that gridded is then not the table's last page) or the table's last grid ends
  open at the bottom (its last row continues).

Not every page without a grid: the narrative pages of a whole scanned plan have none,
and reading them all would double the time of a scanned plan for text nobody asked for
(a page's OCR is ~5 s of CPU). This choice reads at most one page per plan table beyond
the ones known to have lost rows. A page before the table's first page is never read
(unless its reading raised): nothing marks it as part of the table.

Status tells the truth: a page whose reading raised, one between table pages, or one
after a table left open at the bottom has lost rows, so its event is of stage
`completeness` (the document is `partial`). The page after a closed table with no ruled
table on it may just be the plan's next narrative page: its event (stage `read_pages`)
does not change the status, unless its text repeats the plan table's header
(`repeats_header`: then it is a page of the table, and its rows are lost).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from extractors.grid import PageGrid
from extractors.table import bottom_open
from schemas.records import PageRecord

#: `document_pages` column named in the events (README, `cchc report`).
COLUMN = "document_pages.ocr_text"


@dataclass
class Fallback:
    """A page to read as a whole: why its table could not be read, and whether rows are
    known to be lost with it (then the document is `partial`)."""

    page: int
    why: str
    rows_lost: bool
    #: The plan table's header labels (folded), for a page after the table whose rows are
    #: not known to be lost: if its text repeats them, it is a page of the table.
    header: tuple[str, ...] = ()


def qualifying(records: list[PageRecord], failed: dict[int, str], table_pages: set[int],
               spans: list[tuple[int, int]], grids: list[PageGrid]) -> list[Fallback]:
    """The OCR'd pages whose text is read as a whole (see the module's docstring), in page
    order. `failed`: page → why its reading raised; `table_pages`, `spans`: the pages with
    a plan table grid and each plan table's first and last page (`extractors.table`)."""
    ocr = {r.page: r for r in records if r.text_source == "ocr"}
    out: dict[int, Fallback] = {}
    for number, why in failed.items():
        if number in ocr:
            out[number] = Fallback(number, f"reading it failed: {why}", True)
    for first, last in spans:
        for number in range(first + 1, last):
            if number in ocr and number not in table_pages and number not in out:
                out[number] = Fallback(number, f"{_what(ocr[number])}, between pages {first} and {last} of the plan "
                                               "table", True)
        after = last + 1
        if after not in ocr or after in table_pages or after in out:
            continue
        ends = [g for g in grids if g.page == last]
        open_end = bool(ends) and any(bottom_open(ends[-1]))
        if open_end:
            out[after] = Fallback(after, f"{_what(ocr[after])}, after page {last} where the plan table ends open "
                                         "(its last row continues)", True)
        elif ocr[after].tables == 0:
            out[after] = Fallback(after, f"no ruled table found on it, right after the plan table's last page {last}",
                                  False, header_labels(grids, first))
    return [out[n] for n in sorted(out)]


def header_labels(grids: list[PageGrid], page: int) -> tuple[str, ...]:
    """The folded labels of the first plan-table header on `page`, () when none maps."""
    from extractors.header import HeaderError, map_header

    for grid in (g for g in grids if g.page == page):
        try:
            return tuple(label for label in map_header(grid).labels if len(label) >= 3)
        except HeaderError:
            continue
    return ()


def repeats_header(text: str, labels: tuple[str, ...]) -> bool:
    """Whether a page's text holds the plan table's header: at least `REPEAT_SHARE` of
    its labels found in the folded text (rapidfuzz partial ratio ≥ `FUZZY_SCORE`, the
    tolerance the header mapping gives misread labels). Needs three labels at least."""
    from rapidfuzz import fuzz

    from extractors.header import FUZZY_SCORE, REPEAT_SHARE
    from normalizers.text import fold

    if len(labels) < 3:
        return False
    folded = fold(text)
    found = sum(fuzz.partial_ratio(label, folded) >= FUZZY_SCORE for label in labels)
    return found >= REPEAT_SHARE * len(labels)


def _what(record: PageRecord) -> str:
    return "no ruled table found on it" if not record.tables else \
        f"{record.tables} ruled table(s) on it, none read as the plan table"


def repaired(texts: list[str]) -> list[str]:
    """Page texts through the repair OCR'd cells get: each line cleaned
    (`normalizers.text.clean_text`) and corrected (`normalizers.repair.correct_ocr_text`,
    one batch for all lines of all pages); empty lines (block breaks) kept."""
    from normalizers.repair import correct_ocr_text
    from normalizers.text import clean_text

    lines = [[clean_text(line) for line in text.split("\n")] for text in texts]
    flat = [line for page in lines for line in page if line]
    fixed = iter(c.text for c in correct_ocr_text(flat)) if flat else iter(())
    return ["\n".join(next(fixed) if line else "" for line in page) for page in lines]


def message(fallback: Fallback, text: str | None, error: str | None = None) -> str:
    """The page's event: why, and where its text is (or why it could not be read)."""
    head = f"page {fallback.page}: no table could be read ({fallback.why})"
    if error is not None:
        return f"{head}; its text could not be OCR'd either: {error}"
    if not text:
        return f"{head}; OCR found no text on it ({COLUMN} is empty)"
    return f"{head}; its OCR'd text is kept in {COLUMN}"


def read_fallbacks(fallbacks: list[Fallback], render: Callable[[int], object], read: Callable[[int, object], str],
                   check: Callable[[int], None]) -> dict[int, str | Exception]:
    """Each page rendered (`render(number)`, PDFium: the caller holds its lock inside) and
    read (`read(number, gray)`); a page that cannot be is its exception, the others go on.
    `check(number)` runs before each page (a time limit, Ctrl-C: raising stops)."""
    from extractors.tesseract import OcrUnavailable

    out: dict[int, str | Exception] = {}
    for f in fallbacks:
        check(f.page)
        try:
            out[f.page] = read(f.page, render(f.page))
        except OcrUnavailable:
            raise
        except Exception as err:  # noqa: BLE001 — recorded in the page's event
            out[f.page] = err
    return out


def keep_texts(records: list[PageRecord], failed: dict[int, str], table_pages: set[int],
               spans: list[tuple[int, int]], grids: list[PageGrid], render: Callable[[int], object],
               read: Callable[[int, object], str], check: Callable[[int], None]) -> list[tuple[str, str, int, str]]:
    """The qualifying pages read (`read_fallbacks`), their texts repaired and set on their
    `records` (`ocr_text`); returns the events as (stage, message, page, level): one
    warning per page, of stage `completeness` when rows are lost with it. A page whose
    reading raised and whose text cannot be read either stays an error."""
    todo = qualifying(records, failed, table_pages, spans, grids)
    chosen = {f.page for f in todo}
    events = [("ocr", f"page could not be read: {why}", number, "error")
              for number, why in sorted(failed.items()) if number not in chosen]
    got = read_fallbacks(todo, render, read, check) if todo else {}
    done = [f.page for f in todo if isinstance(got[f.page], str)]
    texts = dict(zip(done, repaired([got[n] for n in done])))
    by_page = {r.page: r for r in records}
    for f in todo:
        if not f.rows_lost and f.page in texts and repeats_header(texts[f.page], f.header):
            f.rows_lost, f.why = True, f"{f.why}; its text repeats the plan table's header"
        stage = "completeness" if f.rows_lost else "read_pages"
        if f.page in texts:
            by_page[f.page].ocr_text = texts[f.page]
            events.append((stage, message(f, texts[f.page]), f.page, "warning"))
        else:
            err = got[f.page]
            events.append((stage, message(f, None, f"{type(err).__name__}: {err}"), f.page,
                           "error" if f.page in failed else "warning"))
    return sorted(events, key=lambda e: e[2])
