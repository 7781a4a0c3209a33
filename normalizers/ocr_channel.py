"""The OCR channel: what an OCR prints for the Vietnamese it was shown, as costs in nats.

- English OCR (``tesseract -l eng`` and the like) on Vietnamese letters:
  ``data/ocr_confusions.tsv`` (``6`` → ô, ``ti`` → ủ, ``P`` → Đ …), read by
  `load_confusions`; `rewrites` applies up to three of them to a token and returns the
  folded skeletons it may have been, each with its cost.
- Vietnamese OCR (Tesseract ``vie``) misreading tones: ``data/ocr_tone_channel.tsv``,
  learned by ``python -m bench.ocr_channel``, read by `tone_channel` / `tone_change_cost`.

Sits under the tokenizer (`noise_chars`: symbols that count as parts of words) and the
candidate generator; imports only ``normalizers.syllables``.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from normalizers.syllables import fold_keep_case, has_marks, nucleus, tone_and_hat

DATA = Path(__file__).resolve().parent / "data"
#: The English-OCR confusion tables read (``data/``): written by hand while reading the
#: plan2025h2 scan (``ocr_confusions.tsv``), learned from typeset and OCR'd corpus text by
#: ``python -m bench.eng_ocr_channel`` (``ocr_confusions_learned.tsv``). Where both hold a
#: rule, the cheaper cost counts. Both, as measured by ``bench.repair_bench`` (f)/(b) with
#: held-out LMs (2026-12-02): the admin test slice typeset in FreeSerif and read by
#: ``tesseract -l eng`` 0.9460 (hand) / 0.9504 (learned) / 0.9640 (both); the plan2025h2
#: narrative 0.9831 with the hand table or both (the hand table was written from that scan).
#: With the learned table from 432 pages in nine fonts (2026-12-03, test scored once):
#: 0.9496 / 0.9717 / 0.9734; narrative 0.9845 / 0.9737 / 0.9856.
CONFUSION_TABLES: tuple[str, ...] = ("ocr_confusions.tsv", "ocr_confusions_learned.tsv")


@dataclass(frozen=True)
class Confusion:
    observed: str
    intended: str
    cost: float
    where: str  # any | start | end
    note: str = ""


@lru_cache(maxsize=1)
def load_confusions() -> tuple[Confusion, ...]:
    """The rules of `CONFUSION_TABLES`, in file order."""
    rows = []
    for name in CONFUSION_TABLES:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#") or line.startswith("observed\t"):
                continue
            obs, intended, cost, where, *note = line.split("\t")
            rows.append(Confusion(obs, intended, float(cost), where, note[0] if note else ""))
    return tuple(rows)


@lru_cache(maxsize=1)
def noise_chars() -> str:
    """Symbols the confusion table treats as parts of words (€ ¢ & § £ } { |)."""
    chars = {c for r in load_confusions() for c in r.observed if not c.isalnum() and c not in "/-–.,"}
    return "".join(sorted(chars))


#: First letters Vietnamese OCR reads for one another, thin upright strokes ("iòng" for
#: "lòng", "hài iòng"): folded letter read → letters meant.
FIRST_LOOK_ALIKES = {"i": "l", "l": "i"}
#: Glyphs a Latin-script OCR splits in two (or joins), read → meant, in folded letters
#: (an m's second arch read as an r after its n, "kiểnr", as before it, "kiểrn"; no
#: Vietnamese word holds "nr" or "rn").
GLYPH_SPLITS = (("rn", "m"), ("nr", "m"), ("ri", "n"), ("rr", "m"), ("cl", "d"), ("li", "h"), ("ii", "u"),
                ("in", "m"))


def first_look_alike_readings(folded: str) -> list[str]:
    """`folded` (folded letters) with its first letter read for a look-alike
    (`FIRST_LOOK_ALIKES`: "iong" → ["long"])."""
    return [first + folded[1:] for first in look_alike_readings(folded[:1])]


def look_alike_readings(folded: str) -> list[str]:
    """`folded` with one of its letters read for a look-alike (`FIRST_LOOK_ALIKES`), the
    first or any other: "iong" → ["long"], "gial" → ["giai"] (a thin upright stroke's foot
    or dot lost or gained in the middle of a word as at its start)."""
    return [folded[:i] + letter + folded[i + 1:]
            for i, ch in enumerate(folded) for letter in FIRST_LOOK_ALIKES.get(ch, "")]


def glyph_split_readings(folded: str) -> list[str]:
    """`folded` with one glyph a Latin-script OCR read as two put back (`GLYPH_SPLITS`:
    "treri" → ["tren"])."""
    return [folded[:i] + meant + folded[i + len(seen):]
            for seen, meant in GLYPH_SPLITS for i in range(len(folded)) if folded.startswith(seen, i)]


#: Channel cost (nats) of reading a different tone than the OCR printed: the LM must
#: prefer the other tone by more than this to change it. Measured on the cells extracted
#: from the three reference scans (scan300) and on their 1,116 truth cells: cost 2 fixed
#: 37 OCR'd cells, broke 5 and changed 5 truth cells; cost 4: 37 / 3 / 3; cost 6:
#: 35 / 0 / 0; with ALL-CAPS words included (single letters excluded), cost 6: 43 / 0 / 0.
#: (In-sample: the LM is trained on those truth files too.)
TONE_CHANGE_COST = 6.0


#: The nucleus column of a row of the tone channel that holds for every nucleus (keyed by
#: whether the vowel carries a hat).
ANY_NUCLEUS = "*"


@lru_cache(maxsize=1)
def tone_channel() -> dict[tuple[str, str, bool | str], float]:
    """(tone printed, tone read, vowel with a hat) → channel cost, and (tone printed, tone
    read, nucleus) → the cost for the syllables of that nucleus where the TUNE scans hold
    enough of them, learned by `bench.ocr_channel` (`data/ocr_tone_channel.tsv`):
    Tesseract `vie` reads the hook over a hatted vowel as an acute one time in ten
    ("đối mới" for "đổi mới"), and draws a hook onto the dot of a plain "i" one time in
    seventeen ("chỉ" for "chi"), which other plain vowels almost never get."""
    path = DATA / "ocr_tone_channel.tsv"
    if not path.exists():
        return {}
    out: dict[tuple[str, str, bool | str], float] = {}
    for line in path.read_text(encoding="utf-8").splitlines()[2:]:
        printed, read, hat, nucleus, cost = line.split("\t")
        out[(printed, read, hat == "1" if nucleus == ANY_NUCLEUS else nucleus)] = float(cost)
    return out


def tone_change_cost(candidate: str, read: str) -> float:
    """What it costs to take `candidate` for the syllable OCR read as `read` (the same
    letters, another tone): the learned channel cost of its nucleus, else of its kind of
    vowel (with a hat or not), else `TONE_CHANGE_COST`."""
    printed, hat = tone_and_hat(candidate)
    read_tone = tone_and_hat(read)[0]
    channel = tone_channel()
    cost = channel.get((printed, read_tone, nucleus(candidate)))
    return cost if cost is not None else channel.get((printed, read_tone, hat), TONE_CHANGE_COST)


@lru_cache(maxsize=1)
def _rules_by_first() -> dict[str, tuple[tuple[Confusion, bool], ...]]:
    """Confusion rules indexed by the lower-cased first observed character, with a flag
    "observed has marks" (then it matches the unfolded token)."""
    out: dict[str, list[tuple[Confusion, bool]]] = {}
    for r in load_confusions():
        out.setdefault(r.observed[0].lower(), []).append((r, has_marks(r.observed)))
    return {k: tuple(v) for k, v in out.items()}


def rewrites(token: str) -> dict[tuple[str, bool], float]:
    """OCR confusion rewrites of `token`: (folded skeleton, must start with đ) → cost."""
    orig = unicodedata.normalize("NFC", token)
    src = fold_keep_case(orig)
    by_first = _rules_by_first()
    n = len(src)
    out: dict[tuple[str, bool], float] = {}

    def rec(i: int, acc: str, cost: float, n_rules: int, dd: bool) -> None:
        if cost > 4.5:
            return
        if i == n:
            key = (acc, dd)
            if cost < out.get(key, 1e9):
                out[key] = cost
            return
        rec(i + 1, acc + src[i].lower(), cost, n_rules, dd)
        if n_rules >= 3:
            return
        firsts = {src[i].lower(), orig[i].lower()}
        for f in firsts:
            for r, marked in by_first.get(f, ()):
                o = r.observed
                if (r.where == "start" and i != 0) or (r.where == "inner" and i == 0):
                    continue
                if r.where == "end" and i + len(o) != n:
                    continue
                seg = (orig if marked else src)[i : i + len(o)]
                if seg != o and not (o == o.lower() and seg.lower() == o):
                    continue
                is_dd = r.intended == "đ"
                rec(i + len(o), acc + ("d" if is_dd else r.intended), cost + r.cost, n_rules + 1, dd or is_dd)

    rec(0, "", 0.0, 0, False)
    return out
