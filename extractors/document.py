"""Open a PDF: hash its bytes, check it is a readable PDF, count its pages.

Every way a file can be unusable becomes a `DocumentError` naming the file and the
reason in one line (empty file, not a PDF, corrupt or truncated, needs a password,
no pages); nothing here raises anything else for bad input. A PDF encrypted with an
empty user password is opened (and noted), as a PDF viewer would. When PDFium refuses a
file, qpdf (pikepdf) gives a second opinion: it names the real cause, or repairs the
file in memory and PDFium opens the repaired copy.
"""
from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

PDF_MAGIC = b"%PDF-"

_PDFIUM_REASONS = {
    pdfium_c.FPDF_ERR_FILE: "file cannot be read",
    pdfium_c.FPDF_ERR_FORMAT: "corrupt or truncated PDF (no readable document structure)",
    pdfium_c.FPDF_ERR_PASSWORD: "encrypted PDF: a password is needed to open it",
    pdfium_c.FPDF_ERR_SECURITY: "encrypted PDF with an unsupported security handler",
    pdfium_c.FPDF_ERR_PAGE: "page not found or content error",
}


#: PDFium (pypdfium2) is not thread-safe: every call into it, for any document, holds this
#: lock. Documents read in parallel threads take turns on PDFium and overlap in OCR, which
#: runs in Tesseract processes.
PDFIUM_LOCK = threading.RLock()


class DocumentError(Exception):
    """A file that cannot be ingested, with the reason and the stage that found it."""

    def __init__(self, path: str | Path, reason: str, stage: str = "open", page: int | None = None):
        self.path = Path(path)
        self.reason = reason
        self.stage = stage
        self.page = page
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f" (page {self.page})" if self.page else ""
        return f"{self.path.name}: {self.reason}{where}"

    def __reduce__(self):  # picklable (results travel back from Dask workers)
        return (DocumentError, (self.path, self.reason, self.stage, self.page))


@dataclass
class SourceDocument:
    path: Path
    sha256: str
    size: int
    page_count: int
    encrypted: bool
    pdf: pdfium.PdfDocument
    repaired: bool = False  # opened from qpdf's repaired copy

    def close(self) -> None:
        with PDFIUM_LOCK:
            self.pdf.close()


def sha256_of(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def open_document(path: str | Path, password: str | None = None) -> SourceDocument:
    """Open `path` for extraction or raise `DocumentError` saying why it cannot be."""
    path = Path(path)
    if not path.is_file():
        raise DocumentError(path, "file not found")
    size = path.stat().st_size
    if size == 0:
        raise DocumentError(path, "empty file (0 bytes)")
    with path.open("rb") as fh:
        head = fh.read(1024)
    if PDF_MAGIC not in head:
        shown = head[:16].decode("latin-1").encode("unicode_escape").decode("ascii")
        raise DocumentError(path, f"not a PDF (file starts with '{shown}')")
    repaired = False
    with PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(str(path), password=password)
        except pdfium.PdfiumError as err:
            pdf = _second_opinion(path, password, getattr(err, "err_code", None), err)
            repaired = True
        pages = len(pdf)
        if pages == 0:
            pdf.close()
            raise DocumentError(path, "PDF has no pages")
        encrypted = pdfium_c.FPDF_GetSecurityHandlerRevision(pdf.raw) != -1
    return SourceDocument(path, sha256_of(path), size, pages, encrypted, pdf, repaired)


def _second_opinion(path: Path, password: str | None, code: int | None, err: Exception) -> pdfium.PdfDocument:
    """PDFium refused the file: ask qpdf (pikepdf) why, and open its repaired copy when
    qpdf can rebuild the file (damaged cross-reference table, broken streams)."""
    import io

    import pikepdf

    try:
        with pikepdf.open(path, password=password or "") as pdf:
            if len(pdf.pages) == 0:
                raise DocumentError(path, "PDF has no pages")
            buffer = io.BytesIO()
            pdf.save(buffer)
    except pikepdf.PasswordError:
        reason = "encrypted PDF: the password given is wrong" if password else _PDFIUM_REASONS[pdfium_c.FPDF_ERR_PASSWORD]
        raise DocumentError(path, reason) from None
    except pikepdf.PdfError:
        raise DocumentError(path, _PDFIUM_REASONS.get(code, f"unreadable PDF ({err})")) from None
    try:
        return pdfium.PdfDocument(buffer.getvalue())
    except pdfium.PdfiumError:
        raise DocumentError(path, _PDFIUM_REASONS.get(code, f"unreadable PDF ({err})")) from None
