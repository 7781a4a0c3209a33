"""Repair the Vietnamese text of one cell or paragraph: ordered, table-driven passes.

``repair_text(text, explain=False) -> RepairResult``

1. **encoding** — legacy TCVN3 / VNI text is decoded (``normalizers.encodings``; the
   font name decides when given, else the share of valid syllables), then NFC, control
   and zero-width characters dropped, runs of spaces collapsed, and tone marks that are
   wrong in both conventions moved (``hòan`` → ``hoàn``, ``qùy`` → ``quỳ``). The
   document's own placement (hóa vs hoá) is kept unless ``tone_style`` asks for one.
2. **OCR confusions** and 3. **diacritics** (``normalizers.restore.restore``) — only
   where the text needs it, decided from its words (abbreviations in capitals ignored):
   - ``ocr``: ≥ 10 % of the words are OCR junk (``c6``, ``hi€u``, ``ctia``) → the noisy
     channel with the confusion table, every word re-decided;
   - ``diacritics``: < 30 % of the words carry a mark (every truth cell of ≥ 4 words has
     ≥ 50 %) → every unaccented word re-accented;
   - ``invalid``: otherwise, if some words are no valid syllable as written ("cach",
     "câp") → only those are re-decided, every valid word keeps its spelling;
   - ``none``: text that is already good Vietnamese comes back unchanged. Measured on
     the distinct cells of the three hand-checked truth files (12,349 syllables):
     plan2026 and plan2025h2 1.0000 identical, plan2021_2030 0.9999 — its one change is
     the misprint "phát triên" → "triển"; the misprint "Lồng nghép" has no syllable of
     its shape and is kept, flagged (tests/unit/test_repair.py).
4. **flags** — every token whose confidence is below the threshold, or OCR junk left
   unrepaired, is in ``.flagged``; nothing is replaced without a ``Change`` record.

Offsets in a ``Change`` refer to the text its step read: the input for ``encoding``,
``RepairResult.source`` (the text after pass 1) for the others.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from normalizers.encodings import to_unicode
from normalizers.lm import Model
from normalizers.lm_build import default_model
from normalizers.restore import FLAG_THRESHOLD, counts_look_ocr, restore_many, word_counts
from normalizers.syllables import fold, folded_inventory, has_vowel_marks, is_syllable
from normalizers.tokens import tokenize
from normalizers.tone_placement import normalize_tone_placement

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff]")
_HSPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u3000]+")
#: English OCR prints the horn of ơ/ư (and hooks) as a mark glued to the word's end: in the
#: pairs `bench.eng_ocr_channel` read (typeset corpus text, tesseract -l eng), every "?"
#: (55 of 55), "’" (65 of 65) and "@" (6 of 6) glued to a word's end was such noise. Dropped
#: in text the repair reads as English OCR only.
OCR_GLUED_NOISE = re.compile(r"(?:(?<=[^\W\d_])|(?<=[&€¢£¥§]))[’?@](?=\s|$)")
LACKS_DIACRITICS = 0.30   # share of marked words below which a text "lacks diacritics" (truth cells: ≥ 0.5)


@dataclass(frozen=True)
class Change:
    """One token changed (or flagged) by a pass."""

    start: int            # offsets in the text the step read: the input for "encoding",
                          # RepairResult.source for the others
    end: int
    original: str
    new: str
    confidence: float
    flagged: bool
    step: str             # "encoding" | "tone" | "ocr" | "diacritics" | "invalid"


def _change(start: int, end: int, original: str, new: str, confidence: float, flagged: bool, step: str) -> Change:
    """`Change(...)` without the frozen dataclass's per-field `object.__setattr__` (a
    stripped document makes one per word)."""
    ch = object.__new__(Change)
    ch.__dict__.update(start=start, end=end, original=original, new=new, confidence=confidence, flagged=flagged,
                       step=step)
    return ch


@dataclass
class RepairResult:
    text: str
    changes: list[Change]               # tokens whose text changed, in order
    flagged: list[Change]               # tokens to review (changed or not)
    source: str                         # the text after pass 1
    encoding: str | None = None         # legacy encoding decoded, if any
    mode: str = "none"                  # ocr | diacritics | invalid | none
    explain: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def _word_stats(counts: Counter[tuple[str, str]]) -> tuple[int, int, int]:
    """(words, words with a mark, words that are no valid syllable but fold to one) of the
    text whose `restore.word_counts` are `counts`."""
    finv = folded_inventory()
    n = marked = invalid = 0
    for (w, kind), k in counts.items():
        if kind != "word":
            continue
        f = fold(w)
        if w.isupper() and len(w) > 1 and f not in finv:
            continue
        n += k
        m = has_vowel_marks(w)
        marked += k * m
        if not is_syllable(w) and (m or f in finv):
            invalid += k
    return n, marked, invalid


def choose_mode(text: str, model: Model | None = None) -> tuple[str, str]:
    """(mode, reason) for passes 2–3."""
    counts = word_counts(tokenize(text))      # of the words, counted once for both questions
    if counts_look_ocr(counts, model):
        return "ocr", "≥ 10 % of the words are OCR junk"
    n, marked, invalid = _word_stats(counts)
    if n and marked / n < LACKS_DIACRITICS:
        return "diacritics", f"{marked}/{n} words carry a mark"
    if invalid:
        return "invalid", f"{invalid}/{n} words are no valid syllable"
    return "none", f"{marked}/{n} words marked, all valid"


def _token_diffs(before: str, after: str, step: str) -> list[Change]:
    """Changes between two texts with the same whitespace-separated token count."""
    out = []
    b_toks = [(m.start(), m.group()) for m in re.finditer(r"\S+", before)]
    a_toks = re.findall(r"\S+", after)
    if len(b_toks) != len(a_toks):
        return [Change(0, len(before), before, after, 1.0, False, step)] if before != after else []
    for (start, b), a in zip(b_toks, a_toks):
        if a != b:
            out.append(Change(start, start + len(b), b, a, 1.0, False, step))
    return out


def _pass_one(text: str, font_name: str | None, tone_style: str | None) -> tuple[str, str | None, list[Change], list[str]]:
    """Pass 1 (encoding, Unicode, whitespace, tone placement): (text, encoding, changes, log)."""
    log: list[str] = []
    changes: list[Change] = []

    # ---- pass 1: encoding, Unicode, whitespace, tone placement
    decoded, enc = to_unicode(text, font_name)
    if enc:
        log.append(f"encoding: {enc} decoded" + (f" (font {font_name})" if font_name else ""))
    else:
        log.append("encoding: Unicode" + (f" (font {font_name})" if font_name else ""))
    clean = unicodedata.normalize("NFC", _CONTROL.sub("", decoded))
    clean = "\n".join(_HSPACE.sub(" ", ln).strip() for ln in clean.split("\n")).strip()
    if clean != decoded:
        log.append("unicode/whitespace: NFC, control characters, spaces")
    placed = normalize_tone_placement(clean, tone_style)
    if enc:
        changes += _token_diffs(text, placed, "encoding")
    elif placed != clean:
        changes += _token_diffs(clean, placed, "tone")
        log.append(f"tone placement: {sum(c.step == 'tone' for c in changes)} syllables moved")
    source = placed
    return source, enc, changes, log


def repair_many(texts: list[str], explain: bool = False, *, font_name: str | None = None,
                tone_style: str | None = None, model: Model | None = None,
                threshold: float = FLAG_THRESHOLD) -> list[RepairResult]:
    """`repair_text` over many texts (the cells of a document): the same results, with
    the LM decoding of all texts that need the same restoration mode batched
    (`restore_many`: 18.8k syllables/s against 7.6k one call per cell)."""
    firsts = [_pass_one(text, font_name, tone_style) for text in texts]
    model = model or default_model()
    modes = [choose_mode(source, model) for source, _, _, _ in firsts]
    for i, (mode, _why) in enumerate(modes):
        if mode == "ocr":   # a horn read as a mark glued to the word's end ("co’" = cơ, "ct?" = cứ)
            source, enc, changes, log = firsts[i]
            cleaned = OCR_GLUED_NOISE.sub("", source)
            if cleaned != source:
                changes += _token_diffs(source, cleaned, "ocr")
                log.append(f"OCR noise: {len(source) - len(cleaned)} marks glued to a word's end dropped")
                firsts[i] = (cleaned, enc, changes, log)
    restored: dict[int, object] = {}
    for mode in ("ocr", "diacritics", "invalid"):
        idx = [i for i, (m, _) in enumerate(modes) if m == mode]
        if idx:
            outs = restore_many([firsts[i][0] for i in idx], model, ocr=(mode == "ocr"), tone_style=tone_style,
                                threshold=threshold, only_invalid=(mode == "invalid"))
            restored.update(zip(idx, outs))
    results = []
    for i, (source, enc, changes, log) in enumerate(firsts):
        mode, why = modes[i]
        log.append(f"restoration: {mode} ({why})")
        flagged: list[Change] = []
        out = source
        if i in restored:
            r = restored[i]
            out = r.text
            n_restored = sum(c.step == mode for c in changes)   # the OCR noise dropped in pass 1 counts too
            for (original, new, confidence, flag), (start, end) in zip(r.tokens, r.spans):
                if flag or original != new:   # a Change only for these (18k tokens)
                    ch = _change(start, end, original, new, confidence, flag, mode)
                    if original != new:
                        changes.append(ch)
                        n_restored += 1
                    if flag:
                        flagged.append(ch)
            log.append(f"restored {n_restored} tokens of {len(r.tokens)}; "
                       f"tone placement of restored syllables: {r.tone_style}")
        # ---- pass 4: flags
        log.append(f"flags: {len(flagged)} below {threshold} or unrepaired")
        results.append(RepairResult(out, changes, flagged, source, enc, mode, log if explain else []))
    return results


def repair_text(text: str, explain: bool = False, *, font_name: str | None = None,
                tone_style: str | None = None, model: Model | None = None,
                threshold: float = FLAG_THRESHOLD) -> RepairResult:
    """Run the passes over `text`; see the module docstring."""
    return repair_many([text], explain, font_name=font_name, tone_style=tone_style, model=model,
                       threshold=threshold)[0]


class Corrected(NamedTuple):
    text: str
    confidence: float  # the language model's: its least sure word (1.0: no word in doubt)


def correct_ocr_text(texts: list[str], model: Model | None = None) -> list[Corrected]:
    """OCR'd cells (one document's) corrected: a C the document reads as "(" all through put
    back (`normalizers.bracket_letters`), and a d as "(l", a t as "(" or "(t", a figure it reads before every "%" taken away
    (`figure_letters.fix_share_figures`), acronyms misread from the document's own
    (`normalizers.document_acronyms`), then acronyms by the corpus's list, quarters, codes and figures,
    punctuation specks (`normalizers.ocr_fixes`, `normalizers.ocr_punctuation`,
    `normalizers.lost_slashes`), years against the document's own (`normalizers.document_years`), the dash
    a range of years lost (`normalizers.year_ranges`),
    figures read for letters inside a word ("61a1 đoạn" → "Giai đoạn"; `normalizers.figures_in_words`),
    syllables run together split and a word cut in two joined (`normalizers.glued_words`; in capitals where a
    stacked vowel was read as junk, `normalizers.stacked_vowels`), dashes, colons and commas between
    the words of one phrase dropped (`normalizers.stray_punctuation`; asked again at the end, on the
    words as corrected: "đơn VỊ SỰ: nghiệp" is "đơn vị sự nghiệp" only once its case is,
    and so are hyphens between two syllables: "Truyên-thông" is two only as "Truyền"),
    then misread marks ("Tố chức" → "Tổ chức", "chuãn" → "chuẩn"): only the marks of
    a word that folds to a syllable may change, and only where the language model
    prefers the other form by more than the channel cost
    (`candidates.mark_slip_candidates`, with the document's own letter and tone
    confusions: `normalizers.letter_channel`), and an all-caps word no one knows may be
    a known acronym its context wants (`normalizers.acronym_channel`), then the case of words OCR misread inside a
    sentence ("Thường Xuyên", "Trung ƯƠng", "các SỞ, ban" → small letters;
    `normalizers.word_case`, with the cells' own readings), and words and periods as the
    document writes them between the same words (`normalizers.document_phrases`). Web and e-mail addresses are
    left as read (`normalizers.web_addresses`). All cells are decoded in one batch. The
    confidence is the posterior of the least sure word's chosen form against its
    alternatives: low where the model barely decided ("bố"/"bổ" in a thin context), and
    at most `IMPLAUSIBLE` while a word no plan writes is left."""
    from normalizers.bracket_letters import fix_bracket_ds, fix_bracket_letters, fix_bracket_ts
    from normalizers.document_acronyms import fix_own_acronyms
    from normalizers.document_phrases import agree_punctuation, agree_with_document
    from normalizers.figure_letters import fix_share_figures
    from normalizers.figures_in_words import letters_for_figures
    from normalizers.glued_words import join_cut, split_glued
    from normalizers.stacked_vowels import mend_stacked_vowels
    from normalizers.letter_channel import document_swaps
    from normalizers.document_years import fix_years
    from normalizers.year_ranges import restore_range_dashes
    from normalizers.code_capitals import fix_swapped_codes
    from normalizers.ocr_fixes import arabic_quarters, fix_ocr_text
    from normalizers.ocr_punctuation import split_hyphened
    from normalizers.stray_punctuation import commas_read_as_periods, drop_stray_punctuation
    from normalizers.web_addresses import shield, unshield
    from normalizers.document_case import fix_word_case_many

    model = model or default_model()
    as_read = texts
    shielded = [shield(t) for t in texts]
    texts, own = fix_own_acronyms(fix_share_figures(fix_bracket_ts(fix_bracket_ds(fix_bracket_letters([t for t, _ in shielded])))))
    arabic = arabic_quarters(texts)
    commas_as_periods = commas_read_as_periods(texts)
    fixed = [drop_stray_punctuation(join_cut(mend_stacked_vowels(split_glued(letters_for_figures(t, model), model),
                                                                 model), model), model, commas_as_periods)
             for t in restore_range_dashes(fix_years([fix_ocr_text(t, own, arabic) for t in texts]))]
    swaps = document_swaps(fixed, model)
    fixed = fix_swapped_codes(fixed, swaps, own)
    restored = restore_many(fixed, model, ocr=False, tones=True, swaps=swaps)
    out = []
    agreed = agree_punctuation(agree_with_document([r.text for r in restored]))
    for text, r, (_, addresses), read in zip(fix_word_case_many(agreed), restored, shielded, as_read):
        confidence = min([t.confidence for t in r.tokens] + [1.0 if plausible(r.text, model) else IMPLAUSIBLE])
        back = unshield(drop_stray_punctuation(split_hyphened(text), model, commas_as_periods), addresses)
        out.append(Corrected(back, confidence) if back is not None else Corrected(read, min(confidence, IMPLAUSIBLE)))
    return out


_ACRONYM = re.compile(r"[A-ZĐ]{2,10}")
#: The confidence of a cell that still holds a word no plan writes ("S#Khoa", "rigày").
IMPLAUSIBLE = 0.5


#: Punctuation no cell of a plan ends with, and runs of it no plan writes: what OCR makes
#: of a speck beside a word ("nghệ:", "ngành;.UBND").
_ODD_END = re.compile(r"[:,\-–'`]\s*$")
_PUNCT_RUN = re.compile(r"[.,;:]{2,}")


def plausible(text: str, model: Model | None = None) -> bool:
    """Whether every word of OCR'd `text` is one a plan writes: a syllable, a word the
    language model knows ("video", "internet"), a known or capitalised acronym, a number,
    a code ("QĐ-UBND", "1584/QĐ"), punctuation (not ending the cell with ":" or ",", no
    ";." or ",,")."""
    from normalizers.ocr_fixes import known_acronyms

    vocabulary = (model or default_model()).index
    if _ODD_END.search(text) or any(run.group() != "..." for run in _PUNCT_RUN.finditer(text)):
        return False
    for tok in tokenize(text):
        if tok.kind == "mixed" or (tok.kind == "word" and not (
                is_syllable(tok.text) or (len(tok.text) > 2 and tok.text.lower() in vocabulary)
                or tok.text in known_acronyms()
                or _ACRONYM.fullmatch(tok.text))):
            return False
    return True
