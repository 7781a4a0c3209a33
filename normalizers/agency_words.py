"""The last word of a registered agency's name garbled in an agency cell, put back.

A narrow agency column breaks "Các sở, ban, ngành; UBND cấp xã" into short lines, and a
copy garbles the line "ngành;" most ("Các sở, ban, xả, UBND cấp xã", "ban, È xả:",
"ban, 9à UBND", "ban, nàn UBND": M+ 1 Medium copied at 240 dpi), while the words before
it and the agency after it are read right. The correction cannot mend it: what was read
is no misread mark or letter of "ngành" but another word or none, and the agency the
cell names is then lost to the resolver too. The registry knows the name those words
begin.

`complete_name`: in a lead or coordinating agency cell, where two or more words (marks
folded) begin registered names (names, short names, aliases) that all go on with one and
the same word, and the one or two tokens after them are no word of any registered name
(marks kept: "xả" is none, "xã" is) and together no longer than that word and one letter
more, and after them the cell ends or goes on with a punctuation mark, "và" or a
registered name's first word, those tokens are that word. Words that go on with two
("Sở Tài" → chính, nguyên) say nothing. The language model must like the word there by
`LM_MARGIN` more than the first token read. The comma or semicolon after it is the one
the document's agency cells write after that word (`own_marks`: a copy reads ";" as ","),
else the one read, else a comma where another name follows.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from normalizers.item_numbers import by_column
from normalizers.text import fold

#: the columns that name agencies
AGENCY_COLUMNS = ("lead_text", "coord_text")
#: ln p(name's word | its words before) − ln p(token read | the same), at least
LM_MARGIN = 6.0
_TOKEN = re.compile(r"[^\W_]+")


def _key(word: str) -> str:
    return fold(word).lower()


@lru_cache(maxsize=1)
def _names() -> tuple[dict[tuple[str, ...], set[str]], frozenset[str], frozenset[str]]:
    """(the first words of a registered name, two or more, marks folded → every word a
    registered name writes after them, in small letters), every word of a registered name
    (small letters, marks kept), and the names' first words (folded)."""
    from normalizers.agency_registry import load_registry

    heads: dict[tuple[str, ...], set[str]] = {}
    words: set[str] = set()
    firsts: set[str] = set()
    for agency in load_registry():
        for surface in agency.surfaces():
            tokens = _TOKEN.findall(surface)
            if not tokens:
                continue
            words |= {t.lower() for t in tokens}
            firsts.add(_key(tokens[0]))
            for end in range(2, len(tokens)):
                heads.setdefault(tuple(_key(t) for t in tokens[:end]), set()).add(tokens[end].lower())
    return heads, frozenset(words), frozenset(firsts)


def _ends_here(text: str, end: int, firsts: frozenset[str]) -> bool:
    """Whether the garbled tokens ending at `end` end the name: the cell ends, or goes on
    with a punctuation mark, "và" or another name's first word."""
    rest = text[end:].lstrip()
    if not rest or rest[0] in ",;.:":
        return True
    after = _TOKEN.match(rest)
    return after is not None and (_key(after.group(0)) in firsts or after.group(0).lower() == "và")


def _model_prefers(word: str, read: str, before: str) -> bool:
    """Whether the model likes `word` after `before` by `LM_MARGIN` more than `read`."""
    from normalizers.lm_build import default_model
    from normalizers.tokens import lm_token, tokenize

    def tokens(text: str) -> list[str]:
        return [lm_token(t.text, t.kind) for t in tokenize(text) if t.kind != "space"]

    model = default_model()
    history = tokens(before)[-(model.order - 1):]
    return model.logprob(tokens(word)[:1], history) - model.logprob(tokens(read)[:1], history) >= LM_MARGIN


def complete_name(text: str, marks: dict[str, str] | None = None) -> str:
    """`text` (an agency cell) with each registered name's garbled last word put back (see
    the module doc); where the cell goes on with another name and no comma or semicolon
    was read after the garble, the mark `marks` gives for the word (the document's own)
    or a comma goes after it."""
    heads, words, firsts = _names()
    tokens = list(_TOKEN.finditer(text))
    longest = max(map(len, heads), default=0)
    out, at, k = [], 0, 0
    while k < len(tokens):
        found = None
        for n in range(min(longest, k), 1, -1):
            last = heads.get(tuple(_key(t.group(0)) for t in tokens[k - n:k]))
            if last and len(last) == 1:  # the words begin one registered word after them
                found = _garble(text, tokens, k, next(iter(last)), words, firsts)
                if found:
                    break
        if not found:
            k += 1
            continue
        word, g = found
        start, stop = tokens[k].start(), tokens[k + g - 1].end()
        rest = text[stop:]
        own = (marks or {}).get(word)
        if rest[:1] in (",", ";"):  # a mark read: the document's own where it writes one
            mark, stop = own or rest[0], stop + 1
        elif rest.strip(" :.") and not rest.lstrip(" :.").lower().startswith("và "):
            mark = (own or ",") + " "
            stop += len(rest) - len(rest.lstrip(" :."))
        else:
            mark = ""
        out.append(text[at:start] + word + mark)
        at, k = stop, k + g
    return "".join(out) + text[at:]


def _garble(text: str, tokens: list[re.Match[str]], k: int, word: str, words: frozenset[str],
            firsts: frozenset[str]) -> tuple[str, int] | None:
    """(`word`, how many tokens from `tokens[k]` are its garble) where the one or two
    tokens from `tokens[k]`, after words that begin a name going on with `word`, are
    one (see the module doc)."""
    for g in (1, 2):
        read = tokens[k:k + g]
        if len(read) < g or any(t.group(0).lower() in words for t in read):
            continue
        if sum(len(t.group(0)) for t in read) > len(word) + 1 or not _ends_here(text, read[-1].end(), firsts):
            continue
        if _model_prefers(word, read[0].group(0), text[:read[0].start()]):
            return word, g
    return None


#: a word and the comma or semicolon after it, before the next word
_WORD_MARK = re.compile(r"([^\W\d_]+)([,;]) ")
#: the share of a word's marks one must have to be the document's mark after it
OWN_MARK_SHARE = 2 / 3


def own_marks(cells: list[str]) -> dict[str, str]:
    """Word (small letters) → the mark one document's agency cells write after it, before
    the next word, where one of comma and semicolon is `OWN_MARK_SHARE` of those."""
    seen: dict[str, Counter[str]] = {}
    for text in cells:
        for m in _WORD_MARK.finditer(text):
            seen.setdefault(m.group(1).lower(), Counter())[m.group(2)] += 1
    return {w: c.most_common(1)[0][0] for w, c in seen.items() if c.most_common(1)[0][1] >= OWN_MARK_SHARE * c.total()}


def complete_names_by_column(columns: list[str], texts: list[str]) -> list[str]:
    """`complete_name` over one document's agency cells (`texts[i]` in column `columns[i]`),
    with the marks its agency cells write after words (`own_marks`)."""
    marks = own_marks([t for t, c in zip(texts, columns) if c in AGENCY_COLUMNS])
    return by_column(columns, texts, lambda cells: [complete_name(t, marks) for t in cells], AGENCY_COLUMNS)
