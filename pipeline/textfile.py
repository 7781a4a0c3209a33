"""Text given to `cchc repair`: its bytes decoded, whatever Vietnamese text files come as.

UTF-8 (with or without a byte-order mark) and UTF-16/UTF-32 with a byte-order mark (what
Windows Notepad writes as "Unicode"), or UTF-16 without one (every other byte NUL); else
the bytes of a legacy Vietnamese encoding (TCVN3/ABC, VNI), recognised by
`normalizers.encodings.detect_legacy` and handed to the repair as the characters the
legacy font shows, which the repair converts. Anything else is refused with one sentence.
"""
from __future__ import annotations

import codecs

from normalizers.encodings import detect_legacy

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class NotText(ValueError):
    """Bytes that are no text this command can read (the reason, one sentence)."""


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, how it was read: "utf-8", "utf-16", "tcvn3 bytes", …); NotText otherwise."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec.replace("-sig", "")
            except UnicodeDecodeError as err:
                raise NotText(f"starts with a {codec} byte-order mark but is not {codec} text ({err.reason})")
    if b"\x00" in data:
        even, odd = data[0::2].count(0), data[1::2].count(0)
        codec = "utf-16-le" if odd > 0.3 * len(data) / 2 and even == 0 else (
            "utf-16-be" if even > 0.3 * len(data) / 2 and odd == 0 else None)
        if codec is None:
            raise NotText("is a binary file, not text")
        try:
            return data.decode(codec), "utf-16"
        except UnicodeDecodeError:
            raise NotText("is a binary file, not text") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for codec in ("latin-1", "cp1252"):  # TCVN3 uses every byte; VNI is read through Windows-1252
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        encoding = detect_legacy(text)
        if encoding:
            return text, f"{encoding} bytes"
    raise NotText("is not UTF-8 text, and no legacy Vietnamese encoding (TCVN3, VNI) was recognised in it; "
                  "save it as UTF-8")
