"""A document number's type code and issuer read with the document's own capital swaps,
put back: "65/KH-UBXD" → "65/KH-UBND", "90 2020 XĐ-CP" → "90/2020/NĐ-CP" where the copy
reads N as X all through.

A face may read one capital for another all through (Noto Serif Display ExtraCondensed:
N as X); the decoder learns such swaps from the acronyms it puts back
(`letter_channel.document_swaps`, `acronym_channel.capital_swaps`) and uses them on words
of their own, but a document number is one token ("65/KH-UBXD"), and one whose slashes
were lost too ("90 2020 XĐ-CP") is not even read as one, since "XĐ" is no document type
(`lost_slashes.fix_document_numbers` waits for the type code). So, with the document's
capital swaps: a code of capitals before a hyphen and an issuer after it, after a number
("90 2020 XĐ-CP", "65/KH-UBXD"; the corpus's 656,580 lines, read as if N were read X
all through, change in two: a form's code "44/BB-XM"), where the code is no document
type (`lost_slashes.DOCUMENT_TYPES`) but reads as exactly one with the swaps undone (a
type its shape names alone, `lost_slashes.ONE_TYPE`: "HD" is HD or HĐ), or the issuer
is no acronym the corpus knows (`ocr_fixes.known_acronyms`) but reads as exactly one of
those or of the document's own with the swaps undone ("UBXD": UBND, though a document
that reads it so all through counts it among its own; "BXD", Bộ Xây dựng, stays), is
that; then the number's slashes are put back (`lost_slashes.fix_document_numbers`). Only
what the swaps alone explain changes: no other letter.
"""
from __future__ import annotations

import itertools
import re

from normalizers.lost_slashes import ONE_TYPE, TYPE_SHAPES, fix_document_numbers
from normalizers.ocr_fixes import known_acronyms
from normalizers.swap_candidates import CAPITAL_PREFIX, Swaps, swaps_by_read
from normalizers.text import fold

#: a type code before a hyphen and an issuer after it, in capitals, after a document's
#: number ("65/KH-UBXD", "90 2020 XĐ-CP"; not "Báo cáo PTAT-XD", an acronym's own parts)
_CODE = re.compile(r"(?:(?<=\d/)|(?<=\d )|(?<=\d))([A-ZĐ][A-ZĐa-z]{0,3})-([A-ZĐ][A-ZĐ]+[a-z]?)(?![\w])")
#: a word with more letters than this is not tried (2^n readings)
MAX_LETTERS = 8


def capital_swaps_read(swaps: Swaps) -> dict[str, tuple[str, ...]]:
    """Capital read → the capitals it stands for, of the document's swaps (`swaps_by_read`)."""
    n = len(CAPITAL_PREFIX)
    return {read[n:]: tuple(meant[n:] for meant, _ in options if meant.startswith(CAPITAL_PREFIX))
            for read, options in swaps_by_read(swaps).items() if read.startswith(CAPITAL_PREFIX)}


def _readings(word: str, meant: dict[str, tuple[str, ...]]) -> set[str]:
    """`word` with any of its swapped capitals undone (at least one), marks kept."""
    if len(word) > MAX_LETTERS:
        return set()
    options = [(c, *meant.get(fold(c).upper(), ())) for c in word]
    out = {"".join(p) for p in itertools.product(*options)}
    out.discard(word)
    return out


def _as_type(code: str, meant: dict[str, tuple[str, ...]]) -> str | None:
    if fold(code) in TYPE_SHAPES:
        return None
    found = {ONE_TYPE[fold(r)] for r in _readings(code, meant) if fold(r) in ONE_TYPE}
    return found.pop() if len(found) == 1 else None


def _as_known(issuer: str, meant: dict[str, tuple[str, ...]], known: frozenset[str],
              own: frozenset[str]) -> str | None:
    if issuer in known:
        return None
    found = _readings(issuer, meant) & (known | own)
    return found.pop() if len(found) == 1 else None


def fix_swapped_codes(texts: list[str], swaps: Swaps, own: frozenset[str]) -> list[str]:
    """One document's cells with its document numbers' type codes and issuers read with
    its capital swaps put back (see the module doc); `own`: the document's own acronyms."""
    meant = capital_swaps_read(swaps)
    if not meant:
        return texts
    known = frozenset(known_acronyms())

    def sub(m: re.Match[str]) -> str:
        code, issuer = m.group(1), m.group(2)
        return f"{_as_type(code, meant) or code}-{_as_known(issuer, meant, known, own) or issuer}"

    out = []
    for text in texts:
        fixed = _CODE.sub(sub, text)
        out.append(fix_document_numbers(fixed) if fixed != text else text)
    return out
