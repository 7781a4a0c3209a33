"""A short cell OCR garbled, put back as the text its column writes again and again.

A plan's agency and time columns hold a few texts over and over ("Các sở, ban, ngành;
UBND cấp xã", "Văn phòng UBND tỉnh", "Thường xuyên"), and a copy misreads one of the
copies past what the word-level correction can mend: "ngành; BXU cấp xã" (a face whose N
reads X and whose U is lost), "Văn phòng LPXU tỉnh", "Hướng Xuyên", "Sở I pháp". The
document's other copies are evidence the language model does not have.

`agree_cells_by_column`: in the columns `COLUMNS`, a cell written in at most one run of
rows (a merged cell is written once, however many rows it spans), near a text the column
writes in at least `COLUMN_MIN` runs — at most `MAX_SHARE` of that text's length in
edits, compared in small letters with the marks folded, the same figures in the same
order — is that text, when the language model prefers it by `MARGIN` nats (the price of
the words it changes: an unknown word pays its class's share, `Model.class_cost`), with
the commas and semicolons of the cell where it has as many marks as the text
(`_with_list_marks`).

Another agency or another time is no misread and stays as read: "Văn phòng HĐND tỉnh"
beside "Văn phòng UBND tỉnh" (a known acronym the text does not write; the model prefers
UBND there by 13.7 nats, as much as "Thường xuyên" to "Hướng Xuyên"), "Quý II/2026"
beside "Quý I/2026" (the model prefers neither), "Quý I/2027" (other figures), "Sở Tài
chính" beside "Sở Tư pháp" (too far), a comma beside a semicolon (the row's own).
"""
from __future__ import annotations

import difflib
import re
from collections import Counter

from rapidfuzz.distance import Levenshtein

from normalizers.item_numbers import by_column
from normalizers.lm import Model
from normalizers.ocr_fixes import known_acronyms
from normalizers.syllables import fold
from normalizers.tokens import lm_token, tokenize

#: the columns whose texts repeat: agencies and times
COLUMNS = ("lead_text", "coord_text", "timeline_text")
#: a text the column writes in at least this many runs of rows is one of its forms …
COLUMN_MIN = 3
#: … a cell at most this share of its length in edits from it may be a misread of it …
MAX_SHARE = 0.25
#: … when the model prefers the form by this many nats (two misread letters, `other_letters`)
MARGIN = 6.0

_FIGURES = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_]+")
#: a punctuation mark between words
_MARK = re.compile(r"[^\w\s]")
#: the marks a list of agencies writes between its names, as the row's own
LIST_MARKS = ",;"


def _runs(texts: list[str]) -> Counter[str]:
    """How many runs of consecutive rows write each text (a merged cell's copies are one)."""
    return Counter(t for k, t in enumerate(texts) if t and (k == 0 or texts[k - 1] != t))


def _score(model: Model, text: str) -> float:
    """ln p(`text`) as the decoder counts it: words in small letters, other tokens their
    class, a word the model does not know at `<unk>`'s share."""
    words = [lm_token(t.text, t.kind) for t in tokenize(text) if t.kind != "space"]
    unknown = sum(model.class_cost.get(w, 0.0) if w in model.index else model.class_cost.get("<unk>", 0.0)
                  for w in words if w.startswith("<") or w not in model.index)
    return model.sentence_logprob(words) - unknown


def _edits(cell: str, form: str) -> int | None:
    """The letters `cell` is from `form` (small letters, marks folded) where it may be a
    misread of it (see the module doc), else None."""
    a, b = fold(cell).lower(), fold(form).lower()
    if a == b or _FIGURES.findall(cell) != _FIGURES.findall(form) or _other_acronym(cell, form):
        return None
    d = Levenshtein.distance(a, b)
    return d if d <= MAX_SHARE * len(b) else None


def _other_acronym(cell: str, form: str) -> bool:
    """Whether a word of `cell` that `form` does not write is a known acronym: another
    body ("Văn phòng HĐND tỉnh" beside "Văn phòng UBND tỉnh"), no misread."""
    words = _WORD.findall(cell)
    changed = difflib.SequenceMatcher(None, words, _WORD.findall(form), autojunk=False).get_opcodes()
    return any(w in known_acronyms() for op, a1, a2, _, _ in changed if op != "equal" for w in words[a1:a2])


def _with_list_marks(cell: str, form: str) -> str:
    """`form` with the commas and semicolons `cell` writes where it writes as many marks as
    `form` does: a list's separators vary from row to row ("ngành, UBND" beside "ngành;
    UBND"), and OCR reads them right; any other mark of the cell (a colon for a
    semicolon, a speck's period) is the form's."""
    read, kept = _MARK.findall(cell), _MARK.findall(form)
    if len(read) != len(kept):
        return form
    marks = iter(r if r in LIST_MARKS else k for r, k in zip(read, kept))
    return _MARK.sub(lambda m: next(marks), form)


def agree_cells(texts: list[str], model: Model) -> list[str]:
    """One column's cells (in row order) with each misread copy of a form the column writes
    often put back as it (see the module doc)."""
    runs = _runs(texts)
    forms = [f for f, n in runs.most_common() if n >= COLUMN_MIN]
    if not forms:
        return texts
    chosen: dict[str, str] = {}
    for cell in runs:
        if runs[cell] > 1 or cell in forms:
            continue
        near = {f: d for f in forms if (d := _edits(cell, f)) is not None}
        if not near:
            continue
        best = min(near, key=lambda f: (near[f], -runs[f]))
        if _score(model, best) - _score(model, cell) >= MARGIN:
            chosen[cell] = _with_list_marks(cell, best)
    return [chosen.get(t, t) for t in texts]


def agree_cells_by_column(columns: list[str], texts: list[str], model: Model | None = None) -> list[str]:
    """`agree_cells` over each of `COLUMNS` of one document's cells (`texts[i]` in column
    `columns[i]`, in document order; `item_numbers.by_column`)."""
    from normalizers.lm_build import default_model

    model = model or default_model()
    return by_column(columns, texts, lambda cells: agree_cells(cells, model), COLUMNS)
