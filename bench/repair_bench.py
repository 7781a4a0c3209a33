"""Benchmark of the Vietnamese text repair (``normalizers.restore`` / ``repair``).

``python -m bench.repair_bench [--rebuild] [--no-pyvi] [--only PARTS]``

``--only s`` runs the speed part alone (no model built, no accuracy scored); ``--only
abcdefr`` the accuracy parts alone. Letters as listed below.

Accuracy is per syllable position: the restored text and the truth are split on
whitespace (the inputs keep the truth's token count), and a position counts when the
two tokens are identical (punctuation attached to a word is part of its token); "ci"
compares lower-cased, "placement" also ignores hòa/hoà tone placement.

(a) **plan2026, held out**: the LM is built with ``exclude_plans=("plan2026",)``; the
    distinct text cells of plan2026's truth.json are folded to ASCII (marks dropped,
    đ→d, case kept) and restored cell by cell.
(b) **plan2025h2 narrative**: ``narrative_as_received.txt`` (English-OCR output, 431
    lines) restored as one text and compared line by line with ``narrative.txt``.
    With the LM built without plan2025h2 (held out) and with the default LM (which
    trained on narrative.txt: in-sample, for reference). The OCR confusion table was
    written while reading this OCR, so the channel model is in-sample either way.
(c) **identity**: ``repair_text`` on correct text must return it unchanged: the cells
    of plan2026 and plan2025h2 with the models built without them, plan2021_2030 with
    the default model (in-sample), and the held-out admin slices as one file each.
(e) **admin slices, held out**: two stretches of the corpus's ``admin_official_docs``
    no model is trained on (``lm_build.ADMIN_HELD_OUT``): "dev" (lines 5598–6086, five
    provincial documents of November 2025, 17,972 syllables; its errors were read while
    improving the restorer) and "test" (lines 6163–6730, 22,218 syllables, only scored),
    folded to ASCII and repaired as one file with ``repair_text`` and the default model —
    text from authors the plans never saw.
(f) **admin test slice, typeset and read by ``tesseract -l eng``**: the held-out lines
    typeset in FreeSerif (a font the learned OCR table never saw), lightly blurred and
    speckled, OCR'd (``bench.eng_ocr_channel``; pages cached in ``build/lm_bench/``) and
    repaired as one file. Each OCR line is scored against the line drawn: words aligned
    by Levenshtein opcodes on folded words, accuracy = truth words reproduced exactly /
    truth words. Run with each English-OCR confusion table: the hand-written one, the
    learned one (``bench.eng_ocr_channel``, from other corpus text in other fonts), both.
    The dev slice, typeset and read the same way, is scored with both tables: it is the
    one tuned on.
(r) **restorers compared** on the admin slices and plan2026 (held out): the trigram
    decoder alone, unpruned, with a word-lexicon bonus, with the case channel, and with
    case channel + 4-gram second pass + the document's own evidence (the default).
(s) **speed of ``cchc repair``**: the dev slice's ASCII file written to ``build/lm_bench/`` and
    repaired by ``python -m pipeline.cli repair FILE`` in a fresh process, process start
    to exit (imports and model load included); best of 3 wall-clock runs, and the CPU
    seconds of that run (the machine is shared: wall time varies ± 30 %).

Baselines from the same run: no repair; most-frequent form (each folded syllable →
its most frequent accented form in the LM's training counts); pyvi's
``ViUtils.add_accents`` when pyvi is importable (it is not a project dependency).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from normalizers import case_channel, decode, ocr_channel, rescore, tokens
from normalizers.lm import REPO, Model, load_model
from normalizers.lm_build import PLANS, TESTS_CORPUS, build, held_out_admin_text, load_or_build, plan_cells
from normalizers.restore import apply_case, restore, restore_many
from normalizers.syllables import canonical, fold, fold_keep_case
from normalizers.tokens import tokenize
from normalizers.repair import repair_text

BENCH_DIR = REPO / "build" / "lm_bench"


@dataclass
class Score:
    n: int
    exact: int
    ci: int
    placement: int

    def row(self) -> str:
        return f"{self.exact / self.n:8.4f} {self.ci / self.n:8.4f} {self.placement / self.n:10.4f} {self.n:6d}"


def score(truth: list[str], out: list[str]) -> Score:
    n = exact = ci = pl = 0
    for t_line, o_line in zip(truth, out):
        tt, oo = t_line.split(), o_line.split()
        if len(tt) != len(oo):
            raise ValueError(f"token count differs: {t_line!r} / {o_line!r}")
        for a, b in zip(tt, oo):
            n += 1
            exact += a == b
            ci += a.lower() == b.lower()
            pl += canonical(a) == canonical(b)
    return Score(n, exact, ci, pl)


def most_frequent_form(model: Model, text: str) -> str:
    """Baseline: every word → the most frequent accented form of its fold."""
    out = []
    for t in tokenize(text):
        ids = model.by_fold.get(fold(t.text)) if t.kind in ("word", "mixed") else None
        out.append(apply_case(t.text, model.vocab[ids[0]]) if ids else t.text)
    return "".join(out)


def _pyvi() -> Callable[[str], str] | None:
    """pyvi's add_accents, made total: a line it fails on (it raises KeyError on some OCR
    junk) or whose token count it changes is returned unchanged."""
    try:
        from pyvi import ViUtils
    except Exception:  # noqa: BLE001 - any import failure means "not available"
        return None

    def add(line: str) -> str:
        try:
            out = ViUtils.add_accents(line)
        except Exception:  # noqa: BLE001
            return line
        return out if len(out.split()) == len(line.split()) else line

    return add


def _model(name: str, exclude: tuple[str, ...], rebuild: bool) -> tuple[Model, dict, tuple[float, float]]:
    path = BENCH_DIR / name
    meta_file = path / "meta.json"
    fresh = False
    if rebuild or not meta_file.exists() or json.loads(meta_file.read_text())["exclude_plans"] != list(exclude):
        build(path, exclude)
        fresh = True
    model = load_model(path)
    meta = dict(model.meta, fresh=fresh)
    return model, meta, _load_seconds(path)


def _best_time(run: Callable[[], object], model: Model, repeat: int = 3) -> float:
    """Fastest of `repeat` runs, each from a cold candidate cache (the machine is shared:
    the minimum is the least disturbed run)."""
    best = float("inf")
    for _ in range(repeat):
        model._cands.clear()
        t = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - t)
    return best


def _load_seconds(path: Path) -> tuple[float, float]:
    """(import, load) seconds of the model in a fresh interpreter."""
    code = ("import time; t=time.perf_counter(); from normalizers.lm import load_model; "
            "t1=time.perf_counter(); load_model(%r); "
            "print(t1-t, time.perf_counter()-t1)" % str(path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    imp, load = map(float, out.stdout.split())
    return imp, load


def _size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.iterdir()) / 1e6


def aligned_accuracy(src_lines: list[str], truth_text: str, min_ratio: float = 70.0) -> tuple[float, int, int]:
    """Syllable accuracy of text whose lines are not aligned with the truth (the
    plan2025h2 appendix as received: the English OCR interleaved the table's columns).

    Each line is cut into fragments at column gaps ("|", or 2+ spaces); a fragment of at
    least two words is located in the truth text (all cells, document order) by
    rapidfuzz `partial_ratio_alignment` on folded text (needs ratio >= `min_ratio`), then
    its words are aligned with the truth's words there (Levenshtein opcodes on folded
    words). Accuracy = words equal to their truth word (case-insensitive) / words in
    equal or replaced positions. Returns (accuracy, words scored, words in fragments)."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    from normalizers.text import fold_same_length

    folded_truth = fold_same_length(truth_text)
    right = scored = total = 0
    for line in src_lines:
        for frag in re.split(r"\s*\|\s*|\s{2,}", line):
            words = frag.split()
            total += len(words)
            if len(words) < 2:
                continue
            hit = fuzz.partial_ratio_alignment(fold_same_length(frag), folded_truth)
            if hit is None or hit.score < min_ratio:
                continue
            truth_words = truth_text[hit.dest_start:hit.dest_end].split()
            ops = Levenshtein.opcodes([fold_same_length(w) for w in words], [fold_same_length(w) for w in truth_words])
            for op in ops:
                if op.tag in ("equal", "replace"):
                    n = min(op.src_end - op.src_start, op.dest_end - op.dest_start)
                    for k in range(n):
                        scored += 1
                        right += words[op.src_start + k].lower() == truth_words[op.dest_start + k].lower()
    return (right / scored if scored else 0.0), scored, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rebuild", action="store_true", help="rebuild the benchmark LMs")
    ap.add_argument("--no-pyvi", action="store_true", help="skip the pyvi baseline")
    ap.add_argument("--only", default="abcdefrs", metavar="PARTS",
                    help="the parts to run, letters of the docstring's list (default: all, abcdefrs); "
                         "e.g. --only s for the speed of cchc repair alone, --only abcdefr for accuracy alone")
    args = ap.parse_args()
    parts = set(args.only.replace(",", "").replace("speed", "s"))
    unknown = parts - set("abcdefrs")
    if unknown:
        ap.error(f"--only: unknown parts {''.join(sorted(unknown))} (known: abcdefrs)")
    add_accents = None if args.no_pyvi or parts <= {"s"} else _pyvi()
    if parts - {"s"}:
        print(f"pyvi baseline: {'available' if add_accents else 'not installed (pip install pyvi)'}")

    lines: list[str] = []
    notes: list[str] = []
    header = f"{'case':34s} {'method':32s} {'exact':>8s} {'ci':>8s} {'placement':>10s} {'n':>6s}"
    models: dict[str, tuple[Model, dict, tuple[float, float]]] = {}

    def held_out(name: str, plan: str) -> Model:
        if name not in models:
            models[name] = _model(name, (plan,), args.rebuild)
        return models[name][0]

    def default_lm() -> Model:
        if "all" not in models:
            models["all"] = (load_or_build(), {}, (0.0, 0.0))
        return models["all"][0]

    admin: dict[str, list[str]] = {}

    def admin_text(split: str) -> list[str]:
        if split not in admin:
            admin[split] = held_out_admin_text(split)
        return admin[split]

    cells = plan_cells("plan2026")
    src = [fold_keep_case(c) for c in cells]
    narr_src = (TESTS_CORPUS / "plan2025h2" / "narrative_as_received.txt").read_text(encoding="utf-8")
    narr_ref = (TESTS_CORPUS / "plan2025h2" / "narrative.txt").read_text(encoding="utf-8")
    ref_lines, src_lines = narr_ref.split("\n"), narr_src.split("\n")

    # ---------------------------------------------------------------- (a)
    if "a" in parts:
        m26 = held_out("ex_plan2026", "plan2026")
        rows = [("no repair", src), ("most-frequent form", [most_frequent_form(m26, s) for s in src])]
        if add_accents:
            rows.append(("pyvi add_accents", [add_accents(s) for s in src]))
        restore(src[0], m26)                                  # lazy tables built off the clock
        ours = [restore(s, m26).text for s in src]
        per_cell_s = _best_time(lambda: [restore(s, m26) for s in src], m26)
        batch_s = _best_time(lambda: restore_many(src, m26), m26)
        batched = [r.text for r in restore_many(src, m26)]
        assert batched == ours
        rows.append(("restore (this module)", ours))
        for name, out in rows:
            lines.append(f"{'(a) plan2026 held out, ASCII':34s} {name:32s} {score(cells, out).row()}")
        n_syl = sum(len(c.split()) for c in cells)
        notes.append(f"speed, best of 3, each from a cold candidate cache, one core; plan2026 ASCII = {n_syl} "
                     f"syllables in {len(src)} cells:")
        notes.append(f"  restore() per cell   {n_syl / per_cell_s:10,.0f} syllables/s")
        notes.append(f"  restore_many(cells)  {n_syl / batch_s:10,.0f} syllables/s")

    # ---------------------------------------------------------------- (b)
    if "b" in parts:
        m25 = held_out("ex_plan2025h2", "plan2025h2")
        rows_b = [("no repair", src_lines), ("most-frequent form", [most_frequent_form(m25, s) for s in src_lines])]
        if add_accents:
            rows_b.append(("pyvi add_accents", [add_accents(s) for s in src_lines]))
        r25 = restore(narr_src, m25)
        narr_s = _best_time(lambda: restore(narr_src, m25), m25)
        rows_b.append(("restore, LM held out", r25.text.split("\n")))
        rows_b.append(("restore, default LM (in-sample)", restore(narr_src, default_lm()).text.split("\n")))
        for name, out in rows_b:
            lines.append(f"{'(b) plan2025h2 narrative, OCR':34s} {name:32s} {score(ref_lines, out).row()}")
        n_narr = sum(len(x.split()) for x in ref_lines)
        flagged, wrong, wrong_flagged = flag_quality(r25, narr_src, ref_lines)
        notes.append(f"  narrative, OCR mode  {n_narr / narr_s:10,.0f} syllables/s ({n_narr} syllables, one restore())")
        notes.append(f"flags on the narrative (held-out LM): {flagged} words flagged; {wrong} words wrong, "
                     f"{wrong_flagged} of them flagged")

    # ---------------------------------------------------------------- (d)
    if "d" in parts:
        m25 = held_out("ex_plan2025h2", "plan2025h2")
        app_src = (TESTS_CORPUS / "plan2025h2" / "as_received.txt").read_text(encoding="utf-8").split("\n")
        app_truth = " ".join(plan_cells("plan2025h2"))
        for name, out in (("no repair", app_src),
                          ("restore, LM held out", [restore(x, m25).text if x.strip() else x for x in app_src])):
            acc, scored, total = aligned_accuracy(out, app_truth)
            lines.append(f"{'(d) plan2025h2 appendix, as recv.':34s} {name:32s} {acc:8.4f} "
                         f"{'':>8s} {'':>10s} {scored:6d}  ({total} words, {scored / max(total, 1):.0%} aligned)")

    # ---------------------------------------------------------------- (c)
    if "c" in parts:
        for plan in PLANS:
            if plan in ("plan2026", "plan2025h2"):
                m_c, tag = held_out("ex_" + plan, plan), "held out"
            else:
                m_c, tag = default_lm(), "in-sample"
            cells_p = plan_cells(plan)
            outs = [repair_text(c, model=m_c).text for c in cells_p]
            lines.append(f"{'(c) identity, correct text':34s} {('repair_text ' + plan + ', ' + tag):32s} "
                         f"{score(cells_p, outs).row()}")
        for split in ("dev", "test"):
            truth_c = admin_text(split)
            outs = repair_text("\n".join(truth_c), model=default_lm()).text.split("\n")
            lines.append(f"{'(c) identity, correct text':34s} {('admin ' + split + ', held out, one file'):32s} "
                         f"{score(truth_c, outs).row()}")

    # ---------------------------------------------------------------- (e)
    if "e" in parts:
        m_all = default_lm()
        for split in ("dev", "test"):
            src_e = [fold_keep_case(x) for x in admin_text(split)]
            out_e = repair_text("\n".join(src_e), model=m_all).text.split("\n")
            case = f"(e) admin {split}, held out, ASCII"
            for name, out in (("no repair", src_e), ("most-frequent form", [most_frequent_form(m_all, x) for x in src_e]),
                              ("cchc repair (one file)", out_e)):
                lines.append(f"{case:34s} {name:32s} {score(admin[split], out).row()}")

    # ---------------------------------------------------------------- (s)
    if "s" in parts:
        speed = cli_speed([fold_keep_case(x) for x in admin_text("dev")])
        notes.append(f"  cchc repair FILE     {speed[0]:10,.0f} syllables/s end to end ({speed[1]} syllables, best of 3: "
                     f"{speed[2]:.2f} s wall, {speed[3]:.2f} s CPU; {speed[1] / max(speed[3], 1e-9):,.0f} "
                     f"syllables per CPU second)")

    # ---------------------------------------------------------------- (r) restorer variants
    # the default decoder prunes each position to PRUNE_KEEP candidates by bigram
    # max-marginals before the exact trigram Viterbi; "exact" keeps every candidate (a
    # wider beam: the whole lattice).
    # "+ word lexicon": arcs whose two syllables are a word of ../shared/corpus/wordlists/
    # words.tsv (in ≥ 2 of its source lists) get a bonus of 0.5 nats.
    # "no case, no 2nd pass": the restorer before the case channel and the second pass;
    # "case + 2nd pass, trigram": ln P(small/Capital | word) inside a sentence in the
    # candidates' channel, and the second pass over the unsure words (the document's own
    # evidence, trigrams); "case + 2nd pass, 4-gram": that pass reads the pruned 4-grams.
    if "r" in parts:
        m_all, m26 = default_lm(), held_out("ex_plan2026", "plan2026")
        for model_ in (m_all, m26):
            model_.lex2 = lexicon_pairs(model_)
        for label, keep, bonus, case_w, below, order in (
                ("trigram, no case, no 2nd pass", decode.PRUNE_KEEP, 0.0, 0.0, 0.0, 3),
                ("exact trigram, no case/2nd pass", 99, 0.0, 0.0, 0.0, 3),
                ("trigram + word lexicon", decode.PRUNE_KEEP, 0.5, 0.0, 0.0, 3),
                ("case + 2nd pass, trigram", decode.PRUNE_KEEP, 0.0, case_channel.CASE_WEIGHT, rescore.RESCORE_BELOW, 3),
                ("case+2nd pass, 4-gram (default)", decode.PRUNE_KEEP, 0.0, case_channel.CASE_WEIGHT,
                 rescore.RESCORE_BELOW, 4)):
            saved = (decode.PRUNE_KEEP, decode.DIRECT_MAX_TRIGRAMS, decode.LEXICON_BONUS, case_channel.CASE_WEIGHT,
                     rescore.RESCORE_BELOW, rescore.MAX_ORDER)
            decode.PRUNE_KEEP, decode.DIRECT_MAX_TRIGRAMS = keep, (10**12 if keep == 99 else saved[1])
            decode.LEXICON_BONUS = bonus
            case_channel.CASE_WEIGHT, rescore.RESCORE_BELOW, rescore.MAX_ORDER = case_w, below, order
            for model_ in (m_all, m26):
                model_._cands.clear()
            try:
                for split in ("dev", "test"):
                    src_r = [fold_keep_case(x) for x in admin_text(split)]
                    t = time.process_time()
                    out_r = restore("\n".join(src_r), m_all).text.split("\n")
                    cpu = time.process_time() - t
                    n_r = sum(len(x.split()) for x in src_r)
                    lines.append(f"{'(r) admin ' + split + ', restorer':34s} {label:32s} {score(admin[split], out_r).row()}"
                                 f"  ({n_r / cpu:,.0f} syllables/CPU s)")
                out_a = [r.text for r in restore_many(src, m26)]
                lines.append(f"{'(r) plan2026 held out, restorer':34s} {label:32s} {score(cells, out_a).row()}")
            finally:
                (decode.PRUNE_KEEP, decode.DIRECT_MAX_TRIGRAMS, decode.LEXICON_BONUS, case_channel.CASE_WEIGHT,
                 rescore.RESCORE_BELOW, rescore.MAX_ORDER) = saved
                for model_ in (m_all, m26):
                    model_._cands.clear()

    # ---------------------------------------------------------------- (f) and (b) per OCR table
    if "f" in parts:
        m_all, m25 = default_lm(), held_out("ex_plan2025h2", "plan2025h2")
        dev_pairs = admin_ocr_pairs(admin_text("dev"), split="dev")     # the slice tuned on
        dev_out = repair_text("\n".join(r for _, r in dev_pairs), model=m_all).text.split("\n")
        lines.append(f"{'(f) admin dev, typeset + eng OCR':34s} {'no repair':32s} "
                     f"{ocr_score([t for t, _ in dev_pairs], [r for _, r in dev_pairs])}")
        lines.append(f"{'(f) admin dev, typeset + eng OCR':34s} {'repair, table hand+learned':32s} "
                     f"{ocr_score([t for t, _ in dev_pairs], dev_out)}")
        ocr_pairs = admin_ocr_pairs(admin_text("test"))
        ocr_truth, ocr_read = [t for t, _ in ocr_pairs], [r for _, r in ocr_pairs]
        lines.append(f"{'(f) admin test, typeset + eng OCR':34s} {'no repair':32s} {ocr_score(ocr_truth, ocr_read)}")
        for label, tables in CONFUSION_CHOICES:
            use_confusion_tables(tables, (m_all, m25))
            out = repair_text("\n".join(ocr_read), model=m_all).text.split("\n")
            lines.append(f"{'(f) admin test, typeset + eng OCR':34s} {('repair, table ' + label):32s} {ocr_score(ocr_truth, out)}")
            out_b = restore(narr_src, m25).text.split("\n")
            lines.append(f"{'(b) plan2025h2 narrative, OCR':34s} {('LM held out, table ' + label):32s} {score(ref_lines, out_b).row()}")
        use_confusion_tables(DEFAULT_TABLES, (m_all, m25))

    if lines:
        print()
        print(header)
        print("-" * len(header))
        for ln in lines:
            print(ln)
    print()
    for ln in notes:
        print(ln)
    for name in ("ex_plan2026", "ex_plan2025h2"):
        if name in models:
            _m, meta, load_s = models[name]
            print(f"model {name}: load {load_s[1]:.2f} s in a fresh interpreter (+ {load_s[0]:.2f} s imports), "
                  f"build {meta['build_seconds']} s"
                  f"{' (this run)' if meta['fresh'] else ' (cached)'}, {_size_mb(BENCH_DIR / name):.1f} MB, "
                  f"vocab {meta['vocab_size']:,}, n-grams {meta['ngrams']}")


CONFUSION_CHOICES = (("hand", ("ocr_confusions.tsv",)), ("learned", ("ocr_confusions_learned.tsv",)),
                     ("hand+learned", ("ocr_confusions.tsv", "ocr_confusions_learned.tsv")))
DEFAULT_TABLES = ocr_channel.CONFUSION_TABLES


def lexicon_pairs(model: Model, min_sources: int = 2) -> np.ndarray:
    """Sorted bigram keys of the two-syllable words of ``wordlists/words.tsv`` found in
    at least `min_sources` of its source lists (both syllables in the model)."""
    from normalizers.lm_build import CORPUS

    keys = []
    for line in (CORPUS / "wordlists" / "words.tsv").read_text(encoding="utf-8").split("\n")[1:]:
        word, _, sources = line.partition("\t")
        parts = word.split()
        if len(parts) != 2 or len(sources.split(",")) < min_sources:
            continue
        a, b = (model.index.get(canonical(p)) for p in parts)
        if a is not None and b is not None:
            keys.append((a << 16) | b)
    return np.unique(np.array(keys, dtype=np.uint64))


def use_confusion_tables(tables: tuple[str, ...], models) -> None:
    """Read the English-OCR confusions from `tables` from now on (caches emptied)."""
    ocr_channel.CONFUSION_TABLES = tables
    for f in (ocr_channel.load_confusions, ocr_channel.noise_chars, ocr_channel._rules_by_first,
              tokens._token_re, tokens.tokenize):
        f.cache_clear()
    for m in models:
        m._cands.clear()


def admin_ocr_pairs(admin: list[str], family: str = "FreeSerif", seed: int = 2026,
                    split: str = "test") -> list[tuple[str, str]]:
    """(line drawn, line read) of the held-out admin slice typeset in `family` and read by
    ``tesseract -l eng`` (cached: the pages are seeded, the OCR deterministic)."""
    from bench.eng_ocr_channel import cached_pairs, read_pages, typeset, wrap

    return cached_pairs(BENCH_DIR / f"admin_{'' if split == 'test' else split + '_'}eng_ocr_{family}_{seed}.json",
                        lambda: read_pages(typeset(wrap(admin), family, seed=seed)))


def ocr_score(truth: list[str], out: list[str]) -> str:
    """Word accuracy of `out` against `truth`, line by line, words aligned by Levenshtein
    opcodes on folded words (an OCR line may split or join words): truth words
    reproduced exactly / truth words."""
    from rapidfuzz.distance import Levenshtein

    right = total = 0
    for t_line, o_line in zip(truth, out):
        tw, ow = t_line.split(), o_line.split()
        total += len(tw)
        for op in Levenshtein.opcodes([fold(w) for w in tw], [fold(w) for w in ow]):
            if op.tag in ("equal", "replace"):
                for k in range(min(op.src_end - op.src_start, op.dest_end - op.dest_start)):
                    right += tw[op.src_start + k] == ow[op.dest_start + k]
    return f"{right / max(total, 1):8.4f} {'':>8s} {'':>10s} {total:6d}"


def cli_speed(lines_: list[str], repeat: int = 3) -> tuple[float, int, float, float]:
    """(syllables/s, syllables, best wall s, its CPU s) of ``cchc repair FILE`` in a fresh
    process, from start to exit, over `lines_` written as one file."""
    import resource

    path = BENCH_DIR / "speed_input.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines_) + "\n", encoding="utf-8")
    n = sum(len(x.split()) for x in lines_)
    env = dict(os.environ, PYTHONPATH=str(REPO), OMP_THREAD_LIMIT="1")
    best = (float("inf"), 0.0)
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pipeline.cli", "repair", str(path)], cwd=REPO, env=env, check=True,
                       stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best = min(best, (wall, cpu))
    return n / best[0], n, best[0], best[1]


def flag_quality(r, src: str, ref_lines: list[str]) -> tuple[int, int, int]:
    """(words flagged, words wrong, wrong words flagged) — a word is flagged when one of
    its tokens is."""
    src = unicodedata.normalize("NFC", src)
    ref = [w for ln in ref_lines for w in ln.split()]
    out = r.text.split()
    spans = [m.span() for m in re.finditer(r"\S+", src)]
    flagged_words = set()
    k = 0
    for tok, (s, _e) in zip(r.tokens, r.spans):
        while k < len(spans) and spans[k][1] <= s:
            k += 1
        if tok.flagged:
            flagged_words.add(k)
    wrong = {i for i, (o, t) in enumerate(zip(out, ref)) if o != t}
    return len(flagged_words), len(wrong), len(wrong & flagged_words)


if __name__ == "__main__":
    main()
