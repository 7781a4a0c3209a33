"""Word documents (.docx, .doc) read through the same table path as PDFs: LibreOffice
(`soffice --headless --convert-to pdf`, installed by scripts/setup.sh) renders them to a
PDF, which is read like any other; the document keeps the Word file's name, path and
SHA-256 (so the same .docx is "unchanged" next time, without converting it again) and
`documents.source_format` says it was converted.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from extractors.document import DocumentError

WORD_SUFFIXES = (".docx", ".doc")
INPUT_SUFFIXES = (".pdf", *WORD_SUFFIXES)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97–2003 (and other old Office files)
CONVERT_TIMEOUT = 300


def _head(path: Path, size: int) -> bytes | None:
    """The first `size` bytes of `path`, or None when it cannot be read."""
    try:
        with path.open("rb") as fh:
            return fh.read(size)
    except OSError:
        return None


def _zip_names(path: Path) -> list[str] | None:
    """The member names of the ZIP archive `path`, or None when it is damaged."""
    try:
        with zipfile.ZipFile(path) as z:
            return z.namelist()
    except (zipfile.BadZipFile, OSError):
        return None


def word_format(path: Path) -> str | None:
    """"docx" or "doc" when `path` holds a Word document (by its bytes, whatever its
    name; an old-format file must also be named .doc), else None."""
    head = _head(path, 8)
    if head is None:
        return None
    if head.startswith(b"PK\x03\x04"):
        names = _zip_names(path)
        return "docx" if names and "word/document.xml" in names else None
    if head == _OLE and path.suffix.lower() == ".doc":
        return "doc"
    return None


def not_a_pdf(path: Path) -> str | None:
    """What a file that is no PDF is, in words, when it can be told from its first bytes."""
    head = _head(path, 2048)
    if head is None:
        return None
    if head.startswith(b"PK\x03\x04"):
        names = _zip_names(path)
        if names is None:
            return "a damaged ZIP archive, not a PDF"
        if any(n.startswith("xl/") for n in names):
            return "an Excel workbook, not a PDF: save the plan as PDF"
        if any(n.startswith("ppt/") for n in names):
            return "a PowerPoint file, not a PDF: save the plan as PDF"
        if "mimetype" in names:
            return "an OpenDocument file, not a PDF: save it as PDF (or as .docx)"
        return "a ZIP archive, not a PDF: unpack it and ingest the PDFs inside"
    if head.startswith(_OLE):
        return "an old Office file (not named .doc), not a PDF: save it as PDF"
    for magic, kind in ((b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
                        (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image")):
        if head.startswith(magic):
            return f"{kind}, not a PDF: scan or save the plan as PDF"
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
            return "a text file, not a PDF"
        except UnicodeDecodeError:
            pass
    return None


def convert_to_pdf(path: Path, out_dir: Path) -> Path:
    """The Word file `path` rendered to a PDF in `out_dir` by LibreOffice headless (its
    own profile, so conversions may run side by side); DocumentError saying why not."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise DocumentError(path, "a Word document, and LibreOffice (soffice) is not installed to read it: "
                                  "save it as PDF, or install libreoffice-writer-nogui")
    profile = Path(tempfile.mkdtemp(prefix="cchc-soffice-", dir=out_dir))
    try:
        proc = subprocess.run([soffice, "--headless", f"-env:UserInstallation={profile.as_uri()}",
                               "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out_dir), str(path)],
                              capture_output=True, text=True, timeout=CONVERT_TIMEOUT,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise DocumentError(path, f"a Word document LibreOffice did not convert within {CONVERT_TIMEOUT} s") from None
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = out_dir / f"{path.stem}.pdf"
    if proc.returncode != 0 or not pdf.is_file():
        detail = " ".join((proc.stderr or proc.stdout or "").split())[-200:]
        raise DocumentError(path, f"a Word document LibreOffice could not convert to PDF ({detail or 'no output'})")
    return pdf
