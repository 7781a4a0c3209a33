"""Web addresses and e-mail addresses in a cell, kept out of the OCR correction.

Plans point to portals ("Cổng dịch vụ công tỉnh (dichvucong.ninhbinh.gov.vn)") and
mailboxes. To the OCR correction an address is words with specks between them: the
period of "ninhbinh.gov" went as a speck between two words and "gov vn" became "gốc và".
So `correct_ocr_text` hands the correction each address as one private-use character
(`shield`), which every step leaves as it is, and puts the address back after
(`unshield`). An address is kept exactly as OCR read it.
"""
from __future__ import annotations

import re

#: What may follow the scheme or "www." up to the address's end (not a closing mark, and
#: not a period or colon ending the sentence).
_BODY = r"[^\s,;()<>\"“”]*[^\s,;()<>\"“”.:]"
ADDRESS = re.compile(
    rf"(?:https?://|www\.){_BODY}"                                    # http://…, www.…
    r"|[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"                     # e-mail
    rf"|(?<![\w.@/])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:vn|com|net|org|gov|edu|info)\b(?:/{_BODY})?",
    re.IGNORECASE)
_FIRST = 0xE000  # Unicode's private use area: no text of a plan holds these
_LAST = 0xF8FF


def shield(text: str) -> tuple[str, tuple[str, ...]]:
    """`text` with its k-th address replaced by the private-use character U+E000 + k, and
    the addresses in order."""
    found: list[str] = []

    def mark(m: re.Match[str]) -> str:
        found.append(m.group(0))
        return chr(_FIRST + len(found) - 1)
    if not any(c in text for c in ".@"):
        return text, ()
    shielded = ADDRESS.sub(mark, text)
    if _FIRST + len(found) > _LAST:
        raise ValueError(f"more web addresses in one cell than placeholders: {len(found)}")
    return shielded, tuple(found)


def unshield(text: str, addresses: tuple[str, ...]) -> str | None:
    """`text` with the addresses put back; None when a placeholder did not come back
    exactly once (the caller keeps the cell as read)."""
    for k, address in enumerate(addresses):
        mark = chr(_FIRST + k)
        if text.count(mark) != 1:
            return None
        text = text.replace(mark, address)
    return text
