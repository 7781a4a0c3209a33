"""qpdf's view of a file: what is lost or damaged, page by page (extractors.integrity)."""
import io
import re
import zlib

import pikepdf
import pytest

from bench import render
from extractors.integrity import check


@pytest.fixture(scope="module")
def digital():
    return render.build("plan2026", "digital").read_bytes()


def _object_span(data: bytes, num: int) -> tuple[int, int]:
    """Where the stream data of object `num` lies in the file."""
    m = re.search(rb"(?<![0-9])%d 0 obj" % num, data)
    start = data.index(b"stream", m.end()) + len(b"stream")
    start += 2 if data[start:start + 2] == b"\r\n" else 1
    return start, data.index(b"endstream", start)


def _content_object(data: bytes, index: int) -> int:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return pdf.pages[index].obj.Contents.objgen[0]


def test_sound_reference_files_have_nothing_lost(tmp_path):
    for variant in ("digital", "fullplan", "wordproc"):
        found = check(render.build("plan2026", variant))
        assert (found.rebuilt, found.problems, found.pages, found.empty) == (False, [], {}, set()), variant


def test_a_flipped_byte_in_a_content_stream_is_damaged_data(tmp_path, digital):
    start, end = _object_span(digital, _content_object(digital, 2))
    data = bytearray(digital)
    data[(start + end) // 2] ^= 0x5A
    path = tmp_path / "flip.pdf"
    path.write_bytes(bytes(data))
    found = check(path)
    assert list(found.pages) == [3] and found.pages[3].lost[0].startswith("content stream: damaged data")


def test_a_font_program_whose_checksum_fails_is_damaged_even_when_qpdf_reads_it(tmp_path):
    """A flipped byte in an uncompressible font program: qpdf inflates it without a word;
    zlib's checksum tells."""
    pdf = pikepdf.new()
    program = bytes(range(256)) * 64
    stream = bytearray(zlib.compress(program, 0))  # stored blocks: a flip still inflates
    stream[500] ^= 0xFF
    font = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.TrueType, BaseFont=pikepdf.Name("/Test"),
        FontDescriptor=pikepdf.Dictionary(Type=pikepdf.Name.FontDescriptor,
                                          FontFile2=pdf.make_stream(bytes(stream), Filter=pikepdf.Name.FlateDecode))))
    pdf.add_blank_page()
    pdf.pages[0].obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    pdf.pages[0].obj.Contents = pdf.make_stream(b"BT /F1 12 Tf (x) Tj ET")
    path = tmp_path / "font.pdf"
    pdf.save(path)
    with pikepdf.open(path) as again:  # qpdf alone sees nothing
        again.pages[0].Resources.Font.F1.FontDescriptor.FontFile2.read_bytes()
    found = check(path)
    assert found.pages[1].lost == ["font /F1 (Test): embedded program damaged data (incorrect data check)"]


def test_a_lost_content_stream_and_a_lost_page_are_named(tmp_path, digital):
    from bench.damage import _blank_object

    path = tmp_path / "lost.pdf"
    path.write_bytes(_blank_object(digital, _content_object(digital, 3), 0))
    found = check(path, pages_seen=8)
    assert found.rebuilt and found.pages[4].lost == ["content stream lost"]
    with pikepdf.open(io.BytesIO(digital)) as pdf:
        page = pdf.pages[5].obj.objgen[0]
    path.write_bytes(_blank_object(digital, page, 0))
    found = check(path, pages_seen=8)
    assert found.problems == ["page object(s) lost: the page tree names 8 pages, 7 could be read"]


def test_a_damaged_unicode_map_is_told_apart(tmp_path, digital):
    with pikepdf.open(io.BytesIO(digital)) as pdf:
        font = next(f for _, f in pdf.pages[0].Resources.Font.items() if "/ToUnicode" in f)
        num = font.ToUnicode.objgen[0]
    start, end = _object_span(digital, num)
    data = bytearray(digital)
    data[start + 20] ^= 0x33
    path = tmp_path / "map.pdf"
    path.write_bytes(bytes(data))
    found = check(path)
    assert found.pages[1].lost == [] and "ToUnicode map damaged data" in found.pages[1].text_maps[0]


def test_an_emptied_page_draws_nothing(tmp_path, digital):
    from bench.damage import emptied

    data, _ = emptied(digital, None, 2)
    path = tmp_path / "empty.pdf"
    path.write_bytes(data)
    found = check(path)
    assert found.empty == {3} and found.pages == {}
