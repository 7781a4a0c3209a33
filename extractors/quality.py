"""Per page: where do the text and the rules come from? The decision and its evidence.

Evidence, measured on page 2 of the reference plans (`normalizers.syllables`):

| text layer                    | share of words with diacritics | share of valid syllables |
|-------------------------------|------------------|-----------------|
| born-digital Vietnamese       | 0.89             | 0.99            |
| stripped to ASCII             | 0.00             | 0.65–0.70       |
| English-only OCR of a scan    | 0.15–0.18        | 0.53–0.60       |

So a layer is *plausible Vietnamese* when at least 40 % of its words carry diacritics
and 80 % are valid syllables. The decision:

- page mostly covered by an image (a scan): rules are found in the image; its text
  layer is used when plausible, otherwise ignored and the cells are OCR'd (`ocr`);
- otherwise (vector page): rules and text come from the PDF (`text_layer`); an
  implausible layer there is a stripped or legacy-encoded one, kept and marked
  `needs_repair` for the repair stage (OCR could not do better than vector text);
- except when the vector page's text layer contradicts the page itself: its font's
  ToUnicode map is damaged (`extractors.integrity`), glyphs inside words map to
  private-use, control or non-characters, or words have lost their letters (a broken
  Unicode map drops every Vietnamese letter: "Mục tiêu" → "Mc tiu", "Nhiệm vụ" →
  "Nhim v"). The glyphs still draw right, so the cells are OCR'd from the page image
  (rules still from the vector paths). Stripped text is told apart by its vowels: it
  keeps them ("Muc tieu"), so its words still fold to Vietnamese syllables.

Evidence of a broken map, measured on every page of the rendered corpus (digital,
stripped, fullplan, wordproc, relayout) against the same pages with their maps damaged:

| text layer                       | words without a vowel | words folding to no syllable |
|----------------------------------|-----------------------|------------------------------|
| born-digital, stripped, wordproc | 0.00–0.02             | 0.00–0.02                    |
| Vietnamese letters dropped       | 0.58–0.67             | 0.60–0.72                    |
| … mapped to control / private use| 0.69–0.77             | 0.71–0.78 (and 23–41 % odd glyphs) |
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from functools import lru_cache

from normalizers.syllables import syllable_stats
from normalizers.text import fold

MIN_WORDS = 5
MIN_MARK_SHARE = 0.4
MIN_VALID_SHARE = 0.8
IMAGE_PAGE = 0.5  # share of the page area covered by images that makes it a scan
#: A layer has lost letters when this share of its words has no vowel left and (folded
#: to ASCII) this share is no Vietnamese syllable (a sound layer: ≤ 0.02 each).
MAX_VOWELLESS = 0.1
MAX_UNFOLDABLE = 0.2
MIN_VOWELLESS_WORDS = 3  # and at least this many words without a vowel ("Stt" alone is no sign)
#: Glyphs inside words whose Unicode value is no character (private use, control, U+FFFE):
#: this many make the layer untrusted (a sound layer has none; a bullet glyph before a
#: word is not counted).
MIN_ODD_GLYPHS = 3
_WORD = re.compile(r"[^\W\d_]+")
_VOWELS = set("aeiouy")


@dataclass(frozen=True)
class PageSource:
    page: int
    text_source: str  # text_layer | ocr
    rules_source: str  # vector | image
    reason: str
    words: int
    mark_share: float
    valid_share: float
    image_cover: float
    needs_repair: bool = False

    def evidence(self) -> dict:
        return asdict(self)


def odd_glyph(code: int) -> bool:
    """A glyph's Unicode value that is no text: private use, surrogate, unassigned,
    control (PDFium's own line-end hyphen mark, \\x02, and white space excepted), or a
    non-character / replacement character (what PDFium reports for an unmapped glyph)."""
    if code in (0x0, 0xFFFD, 0xFFFE, 0xFFFF):
        return True
    if code in (0x02, 0x09, 0x0A, 0x0D):
        return False
    return unicodedata.category(chr(code)) in ("Cc", "Co", "Cs", "Cn")


@dataclass(frozen=True)
class LetterLoss:
    words: int
    vowelless: float  # share of words with no vowel left ("Mc", "ch", "v")
    unfoldable: float  # share of words that fold to no Vietnamese syllable ("tiu", "Nhim")
    without_vowel: int = 0  # how many words have no vowel


@lru_cache(maxsize=65536)
def _word_loss(token: str) -> tuple[bool, bool]:
    """(no vowel, folds to no syllable) for one word."""
    from normalizers.syllables import folded_inventory

    folded = fold(token)
    return not (set(folded) & _VOWELS), folded not in folded_inventory()


def letter_loss(text: str) -> LetterLoss:
    """How many words lost letters (all-caps abbreviations such as CCHC, TTHC skipped)."""
    words = vowelless = unfoldable = 0
    for token in _WORD.findall(unicodedata.normalize("NFC", text)):
        if len(token) > 1 and token.isupper() and token.isascii():
            continue
        words += 1
        no_vowel, no_syllable = _word_loss(token)
        vowelless += no_vowel
        unfoldable += no_syllable
    return LetterLoss(words, vowelless / words if words else 0.0, unfoldable / words if words else 0.0, vowelless)


def _letters_lost(text: str) -> LetterLoss | None:
    loss = letter_loss(text)
    if (loss.words >= MIN_WORDS and loss.without_vowel >= MIN_VOWELLESS_WORDS and loss.vowelless >= MAX_VOWELLESS
            and loss.unfoldable >= MAX_UNFOLDABLE):
        from normalizers.encodings import detect_legacy

        if detect_legacy(text) is None:  # TCVN3 / VNI text splits into odd words too: the repair stage's
            return loss
    return None


def contradiction(text: str, odd_glyphs: int = 0, fonts: dict[str, str] | None = None,
                  text_maps: tuple[str, ...] = ()) -> str | None:
    """Why a page's text layer cannot be what the page shows, or None when nothing says so.

    `odd_glyphs`: glyphs inside words with an odd Unicode value (`odd_glyph`); `fonts`:
    the text drawn in each font (a damaged map may break one font only); `text_maps`:
    its fonts whose ToUnicode map is damaged (`extractors.integrity`)."""
    if text_maps:
        return f"the Unicode map of its font is damaged ({text_maps[0]})"
    if odd_glyphs >= MIN_ODD_GLYPHS:
        return f"{odd_glyphs} glyphs inside words map to no character (private-use, control or unmapped)"
    for name, drawn in [*(fonts or {}).items(), ("", text)]:
        loss = _letters_lost(drawn)
        if loss is not None:
            return (f"letters missing from words{f' in font {name}' if name else ''}: {loss.vowelless:.0%} of its "
                    f"words have no vowel, {loss.unfoldable:.0%} are no Vietnamese syllable even without diacritics")
    return None


def assess(number: int, text: str, cover: float, odd_glyphs: int = 0, fonts: dict[str, str] | None = None,
           text_maps: tuple[str, ...] = ()) -> PageSource:
    """Decide the text and rule sources of one page from its text layer and image cover
    (and the evidence that the layer contradicts the page: see `contradiction`)."""
    stats = syllable_stats(text)
    plausible = stats.words >= MIN_WORDS and stats.mark_share >= MIN_MARK_SHARE and stats.valid_share >= MIN_VALID_SHARE
    scanned = cover >= IMAGE_PAGE
    if scanned:
        if plausible:
            source, reason = "text_layer", "scanned page with a plausible Vietnamese text layer"
        elif stats.words < MIN_WORDS:
            source, reason = "ocr", "scanned page without a text layer"
        else:
            source, reason = "ocr", (f"scanned page whose text layer is not plausible Vietnamese "
                                     f"({stats.mark_share:.0%} words with diacritics, {stats.valid_share:.0%} valid syllables)")
        return PageSource(number, source, "image", reason, stats.words, stats.mark_share, stats.valid_share, cover)
    broken = contradiction(text, odd_glyphs, fonts, text_maps)
    if broken:
        return PageSource(number, "ocr", "vector", f"vector page whose text layer is not trusted: {broken}",
                          stats.words, stats.mark_share, stats.valid_share, cover)
    needs_repair = stats.words >= MIN_WORDS and not plausible
    reason = ("vector page, text layer without Vietnamese diacritics or with invalid syllables: to repair"
              if needs_repair else "vector page with a text layer")
    return PageSource(number, "text_layer", "vector", reason, stats.words, stats.mark_share, stats.valid_share, cover,
                      needs_repair)
