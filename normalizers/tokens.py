"""Tokens of Vietnamese text, and the LM token each one is counted as.

`tokenize` covers the text exactly (concatenating ``.text`` gives it back): words,
numbers (``1.234,5``), codes (``08/KH-UBND``, ``15/7/2021``), OCR "mixed" tokens (``c6``,
``hi€u``: letters with digits or with the symbols `ocr_channel.noise_chars` lists),
punctuation and whitespace. `lm_class` maps a token that is no word to its class
(``<num>``, ``<date>``, ``<code>``, a punctuation mark); the special tokens are here.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from normalizers.ocr_channel import noise_chars
from normalizers.syllables import canonical

BOS, EOS, UNK, NUM, DATE, CODE, ABBR, PUNCT = "<s>", "</s>", "<unk>", "<num>", "<date>", "<code>", "<abbr>", "<punct>"
SPECIALS = (BOS, EOS, UNK, NUM, DATE, CODE, ABBR, PUNCT)
PUNCT_VOCAB = tuple(",.;:()[]\"'“”‘’-–—/!?…%+*=<>•") + ("...",)


class Tok(NamedTuple):
    text: str
    kind: str  # space | word | num | code | mixed | punct
    start: int
    end: int


@lru_cache(maxsize=2)
def _token_re(underscore: bool = True) -> re.Pattern[str]:
    """The token pattern. `underscore` False: for a text without "_", where a letter run
    can be one character class (word characters or noise) instead of an alternation per
    letter (word characters but "_", or noise): the same matches there, 1.5× faster."""
    noise = re.escape(noise_chars())
    run = rf"(?:[^\W_]|[{noise}])+" if underscore else rf"[\w{noise}]+"
    return re.compile(
        rf"(?P<space>\s+)"
        rf"|(?P<num>\d+(?:[.,]\d+)+)"
        rf"|(?P<run>{run}(?:[/\-–]{run})*)"     # a code when it holds a / - –: scanned once
        rf"|(?P<punct>\.\.\.+|.)",
        re.S,
    )


@lru_cache(maxsize=4096)
def tokenize(text: str) -> tuple[Tok, ...]:
    """Split `text` into tokens covering it exactly (concatenating `.text` gives `text`).
    Cached: the repair asks for the tokens of a text up to three times (mode, OCR check,
    restoration)."""
    out = []
    append = out.append
    new = tuple.__new__              # Tok(...) without the NamedTuple's Python-level __new__
    start = 0                        # the matches cover the text end to end: offsets are running lengths
    for space, num, run, punct in _token_re("_" in text).findall(text):   # no Match objects: 2× faster than finditer
        if space:
            end = start + len(space)
            append(new(Tok, (space, "space", start, end)))
        elif run:
            s = run
            end = start + len(s)
            kind = ("word" if s.isalpha() else "num" if s.isdigit()
                    else "code" if ("/" in s or "-" in s or "–" in s) else "mixed")
            if kind == "code" and _words_joined(s):   # "tháng/năm", "sinh/tháng": words, not a code
                for part in _JOINED_PART.finditer(s):
                    p = part.group()
                    k = "punct" if p in "/-–" else "word" if p.isalpha() else "mixed"
                    append(new(Tok, (p, k, start + part.start(), start + part.end())))
                start = end
                continue
            append(new(Tok, (s, kind, start, end)))
        else:
            s = num or punct
            end = start + len(s)
            append(new(Tok, (s, "num" if num else "punct", start, end)))
        start = end
    return tuple(out)


_JOINED_PART = re.compile(r"[/\-–]|[^/\-–]+")


def _words_joined(s: str) -> bool:
    """Words joined by / - – ("tháng/năm", "đồng/trẻ", "e-mail", "điện tử/Chính phủ"):
    every part letters only and in small letters, or capitalised after a "/" (the start of
    the other choice); QĐ-UBND, NĐ-CP, e-Cabinet stay codes."""
    parts = re.split(r"([/\-–])", s)
    return all(p.isalpha() and (p.islower() or (k > 0 and parts[k - 1] == "/" and p.istitle()))
               for k, p in enumerate(parts) if k % 2 == 0)


_DATE = re.compile(r"^\d{1,2}/\d{1,2}(?:/\d{2,4})?$")
_NUMERIC = re.compile(r"^[\d.,/\-–]+$")


def lm_class(tok_text: str, kind: str) -> str:
    """The LM token of a non-word token (numbers, codes, punctuation)."""
    if kind == "num":
        return NUM
    if kind == "code":
        if _DATE.match(tok_text):
            return DATE
        if _NUMERIC.match(tok_text):
            return NUM
        return CODE
    if kind == "mixed":
        return CODE
    if kind == "punct":
        return tok_text if tok_text in PUNCT_VOCAB else ("..." if tok_text.startswith("...") else PUNCT)
    raise ValueError(kind)


def lm_token(tok_text: str, kind: str) -> str:
    """The LM token a token is counted as: a word in its canonical form (small letters,
    the model's tone placement), anything else its class (`lm_class`)."""
    return canonical(tok_text) if kind == "word" else lm_class(tok_text, kind)
