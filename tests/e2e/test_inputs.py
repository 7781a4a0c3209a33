"""What `cchc ingest` accepts: folders searched recursively (or not), an empty folder
warned about, Word documents converted by LibreOffice and read through the same table
path, encrypted PDFs opened with --password / CCHC_PDF_PASSWORD, and other files named
for what they are."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import zipfile

import duckdb
import pikepdf
import pytest

from bench import render
from bench.score import rows_from_db, score_rows
from pipeline.word import not_a_pdf
from tests.conftest import load_truth

CCHC = [sys.executable, "-m", "pipeline.cli"]


def cchc(*args, env=None):
    full = {k: v for k, v in os.environ.items() if k != "CCHC_PDF_PASSWORD"}
    full.update({"COLUMNS": "200", "NO_COLOR": "1", **(env or {})})
    return subprocess.run([*CCHC, *args], capture_output=True, text=True, env=full, timeout=600)


def query(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def docx(tmp_path_factory):
    """The plan2026 appendix as a Word document (LibreOffice: HTML → .docx)."""
    tmp = tmp_path_factory.mktemp("word")
    html = tmp / "plan2026.html"
    html.write_text(render.appendix_html("plan2026"), encoding="utf-8")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--infilter=HTML (StarWriter)",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp), str(html)],
                   check=True, capture_output=True, timeout=300)
    return tmp / "plan2026.docx"


def test_folders_are_searched_recursively_unless_told_not_to(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "2025" / "h2").mkdir(parents=True)
    (inbox / ".hidden").mkdir()
    (tmp_path / "empty" / "sub").mkdir(parents=True)
    shutil.copyfile(render.build("plan2026", "digital"), inbox / "plan2026.PDF")
    shutil.copyfile(render.build("plan2025h2", "digital"), inbox / "2025" / "h2" / "plan2025h2.pdf")
    shutil.copyfile(render.build("plan2025h2", "digital"), inbox / ".hidden" / "copy.pdf")
    (inbox / "2025" / "notes.txt").write_text("not a plan")
    db = tmp_path / "db.duckdb"
    proc = cchc("ingest", str(inbox), str(tmp_path / "empty"), "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert f"warning {tmp_path / 'empty'}: no PDF or Word file in this folder or its subfolders" in proc.stderr
    assert "2 document(s): 2 loaded" in proc.stderr
    assert sorted(query(db, "SELECT file_name FROM documents")) == [("plan2025h2.pdf",), ("plan2026.PDF",)]
    proc = cchc("ingest", str(inbox / "2025"), "--db", str(db), "--no-recursive")
    assert proc.returncode == 1
    assert "(subfolders not searched: --no-recursive)" in proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == f"error nothing to ingest: no PDF or Word file in {inbox / '2025'}"


def test_a_word_document_is_converted_and_read_like_a_pdf(docx, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copyfile(docx, folder / "ke_hoach_2026.docx")
    db = tmp_path / "db.duckdb"
    proc = cchc("ingest", str(folder), "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert "1 document(s): 1 loaded" in proc.stderr
    s = score_rows(load_truth("plan2026"), rows_from_db(db, "ke_hoach_2026.docx"))
    assert (s.recall, s.precision, s.exact_cells) == (1.0, 1.0, 1.0)
    assert query(db, "SELECT file_name, source_format, status, is_current FROM documents") == [
        ("ke_hoach_2026.docx", "docx", "ok", True)]
    assert query(db, "SELECT stage, level, message FROM document_events") == [
        ("open", "info", "Word document (.docx) converted to PDF by LibreOffice (headless) before reading")]
    (sha,) = query(db, "SELECT sha256 FROM documents")[0]
    assert sha == hashlib.sha256((folder / "ke_hoach_2026.docx").read_bytes()).hexdigest()  # the Word file's bytes
    again = cchc("ingest", str(folder), "--db", str(db))
    assert again.returncode == 0 and "1 document(s): 0 loaded, 1 unchanged" in again.stderr


def test_encrypted_pdf_with_password_option_or_environment(tmp_path):
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(render.build("plan2026", "digital")) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(user="bí mật", owner="owner"))
    db = tmp_path / "db.duckdb"
    proc = cchc("ingest", str(locked), "--db", str(db))
    assert proc.returncode == 1 and "failed locked.pdf: encrypted PDF: a password is needed to open it" in proc.stderr
    proc = cchc("ingest", str(locked), "--db", str(db), "--password", "wrong")
    assert proc.returncode == 1 and "failed locked.pdf: encrypted PDF: the password given is wrong" in proc.stderr
    proc = cchc("ingest", str(locked), "--db", str(db), "--password", "bí mật")
    assert proc.returncode == 0 and "1 loaded" in proc.stderr, proc.stderr
    db2 = tmp_path / "db2.duckdb"
    proc = cchc("ingest", str(locked), "--db", str(db2), env={"CCHC_PDF_PASSWORD": "bí mật"})
    assert proc.returncode == 0 and "1 loaded" in proc.stderr, proc.stderr
    # a PDF that needs no password opens as before when one is given
    plain = tmp_path / "plain.pdf"
    shutil.copyfile(render.build("plan2025h2", "digital"), plain)
    assert cchc("ingest", str(plain), "--db", str(db2), "--password", "bí mật").returncode == 0


def test_other_files_are_named_for_what_they_are(tmp_path):
    text = tmp_path / "plan.pdf"
    text.write_text("Kế hoạch cải cách hành chính")
    assert not_a_pdf(text) == "a text file, not a PDF"
    book = tmp_path / "book.pdf"
    with zipfile.ZipFile(book, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    assert not_a_pdf(book) == "an Excel workbook, not a PDF: save the plan as PDF"
    png = tmp_path / "scan.pdf"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    assert not_a_pdf(png).startswith("a PNG image, not a PDF")
    proc = cchc("ingest", str(text), str(book), "--db", str(tmp_path / "db.duckdb"))
    assert "failed plan.pdf: a text file, not a PDF" in proc.stderr
    assert "failed book.pdf: an Excel workbook, not a PDF" in proc.stderr
