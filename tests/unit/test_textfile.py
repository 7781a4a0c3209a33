"""`cchc repair` input: UTF-8, UTF-16, legacy byte encodings, or one-line refusal."""
import codecs

import pytest

from normalizers.encodings import unicode_to_tcvn3, unicode_to_vni
from pipeline.textfile import NotText, decode_text

TEXT = "Cải cách hành chính tỉnh Ninh Bình năm 2026"


@pytest.mark.parametrize("data,how", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
    (TEXT.encode("utf-16"), "utf-16"),  # with its byte-order mark (Notepad's "Unicode")
    (TEXT.encode("utf-16-le"), "utf-16"),  # without one
])
def test_unicode_files(data, how):
    assert decode_text(data) == (TEXT, how)


def test_legacy_bytes_are_recognised():
    text, how = decode_text(unicode_to_tcvn3(TEXT).encode("latin-1"))
    assert how == "tcvn3 bytes" and text == unicode_to_tcvn3(TEXT)
    text, how = decode_text(unicode_to_vni(TEXT).encode("cp1252"))
    assert how == "vni bytes"


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03\xff\x00\x10binary", "Ça coûte €5".encode("cp1252") + b"\x81"])
def test_anything_else_is_refused(data):
    with pytest.raises(NotText):
        decode_text(data)


def test_repair_arguments_the_fast_path_takes():
    """`cchc repair FILE [--explain]` skips typer's parser (it costs ~0.15 s of a 1 s run);
    anything else (help, unknown options, two files) is left to typer."""
    from pathlib import Path

    from pipeline.cli import _fast_repair_args

    assert _fast_repair_args([]) == (None, False)
    assert _fast_repair_args(["plan.txt", "--explain"]) == (Path("plan.txt"), True)
    assert _fast_repair_args(["--explain"]) == (None, True)
    for args in (["--help"], ["a.txt", "b.txt"], ["-"], ["--explain", "--explain"], ["--explan", "a.txt"]):
        assert _fast_repair_args(args) is None
