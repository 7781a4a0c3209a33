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
  `needs_repair` for the repair stage (OCR could not do better than vector text).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass


from normalizers.syllables import syllable_stats

MIN_WORDS = 5
MIN_MARK_SHARE = 0.4
MIN_VALID_SHARE = 0.8
IMAGE_PAGE = 0.5  # share of the page area covered by images that makes it a scan


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


def assess(number: int, text: str, cover: float) -> PageSource:
    """Decide the text and rule sources of one page from its text layer and image cover."""
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
    needs_repair = stats.words >= MIN_WORDS and not plausible
    reason = ("vector page, text layer without Vietnamese diacritics or with invalid syllables: to repair"
              if needs_repair else "vector page with a text layer")
    return PageSource(number, "text_layer", "vector", reason, stats.words, stats.mark_share, stats.valid_share, cover,
                      needs_repair)
