"""Opening bad input: each case gives a DocumentError naming the file and the reason."""
import pikepdf
import pytest

from extractors.document import DocumentError, open_document


@pytest.fixture(scope="module")
def good_pdf(tmp_path_factory):
    from bench import render

    return render.build("plan2026", "digital")


@pytest.mark.parametrize("content,reason", [
    (b"", "empty file (0 bytes)"),
    (b"<html>not a pdf</html>", "not a PDF (file starts with '<html>not a pdf<')"),
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n", "corrupt or truncated PDF (no readable document structure)"),
])
def test_unusable_bytes(tmp_path, content, reason):
    path = tmp_path / "plan.pdf"
    path.write_bytes(content)
    with pytest.raises(DocumentError) as err:
        open_document(path)
    assert str(err.value) == f"plan.pdf: {reason}"


def test_truncated_pdf_is_refused_or_opened_never_crashes(tmp_path, good_pdf):
    data = good_pdf.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    try:
        doc = open_document(path)
    except DocumentError as err:
        assert err.reason.startswith(("corrupt or truncated", "PDF has no pages"))
    else:  # PDFium rebuilt the cross-reference table: what it recovered is readable
        assert doc.page_count >= 1
        doc.close()


def test_encrypted_with_empty_password_opens(tmp_path, good_pdf):
    path = tmp_path / "empty-pw.pdf"
    with pikepdf.open(good_pdf) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="", owner="owner"))
    doc = open_document(path)
    assert doc.encrypted and doc.page_count == 8
    doc.close()


def test_encrypted_with_password_is_a_clear_error(tmp_path, good_pdf):
    path = tmp_path / "locked.pdf"
    with pikepdf.open(good_pdf) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    with pytest.raises(DocumentError, match=r"^locked.pdf: encrypted PDF: a password is needed to open it$"):
        open_document(path)


def test_zero_pages(tmp_path):
    path = tmp_path / "blank.pdf"
    pikepdf.new().save(path)
    with pytest.raises(DocumentError, match=r"^blank.pdf: PDF has no pages$"):
        open_document(path)


def test_missing_file(tmp_path):
    with pytest.raises(DocumentError, match="file not found"):
        open_document(tmp_path / "nope.pdf")
