"""Second pass of the restorer: the words the decoder was unsure of, re-decided with
evidence its trigram Viterbi does not read.

The decoder (`normalizers.decode`) finds the best path under a trigram model, which
sees two syllables back and no capitals. Here every word whose decoder confidence is
below `RESCORE_BELOW` is re-decided with its neighbours fixed (iterated conditional
modes, `SWEEPS` passes, started from the decoder's path): the candidate with the best

- channel cost (with the case channel of the word alone, `normalizers.case_channel`),
- n-gram scores it takes part in, of the model's highest order ≤ `MAX_ORDER`: with a
  4-gram model (``lm_build --order 4``, the trigram tables unchanged plus pruned
  4-grams) it sees three syllables back ("nhà chờ xe buýt"); with a trigram model it
  can still reach candidates the decoder's pruning dropped,
- the document's own evidence: how often the pairs (word before, candidate) and
  (candidate, word after) occur among the words of the same batch (one file, or the
  cells of one plan) the decoder was sure of: "Bình Phuc" is "Bình Phước" when the
  file says "Bình Phước" confidently elsewhere (`DOCUMENT_WEIGHT` · ln(1 + n) each),

wins. Tuned on the admin dev slice (ASCII / English OCR) with plan2026 and plan2025h2
stripped cells unchanged (0.9556 / 1.0000 exact): without the document's evidence
0.9939 / 0.9744, `DOCUMENT_WEIGHT` 0.5 → 0.9949 / 0.9754, 1 → 0.9951 / 0.9757, 2 →
0.9953 / 0.9765, 3 → 0.9952 / 0.9762, 5 → 0.9950 / 0.9755; `RESCORE_BELOW` 0.9 or
0.999 and 2 sweeps instead of 1: within ±0.0002. Words `n` positions apart share no n-gram, so each sweep updates the positions of
one residue mod `n` at a time, all at once in numpy. The confidence of a re-decided word
becomes its local posterior under the same terms (the decoder's definition, with the
longer context). A blank line ends a paragraph here as in the decoder; n-grams never
cross it.
"""
from __future__ import annotations

import numpy as np

from normalizers.candidates import Cands
from normalizers.lm import Model
from normalizers.tokens import BOS, EOS

#: Decoder confidence below which a word is re-decided by the 4-gram model.
RESCORE_BELOW = 0.99
#: Nats per unit of ln(1 + n), n = how often the batch's sure words (decoder confidence ≥
#: `RESCORE_BELOW`) hold the pair (word before, candidate) or (candidate, word after):
#: the document's own evidence ("Bình Phước" read right elsewhere in the file). 0 = off.
DOCUMENT_WEIGHT = 2.0
#: The highest n-gram order read (a 4-gram model can be read as the trigram model it holds).
MAX_ORDER = 4
#: Passes over the unsure words (each one residue mod n at a time).
SWEEPS = 1
_SH16 = np.uint64(16)


def rescore(model: Model, toks_of_docs: list[tuple],
            picked: list[tuple[list[Cands], list[int], list[float]]]) -> None:
    """Re-decide, in place, the unsure words of `picked` (per document: the candidates,
    the chosen index and its confidence of each word token, in text order) with the
    model's n-grams of its highest order (≤ 4) and the batch's sure pairs of words;
    `toks_of_docs[d]` are document d's tokens."""
    n = min(model.order, MAX_ORDER)
    bos, eos = model.index[BOS], model.index[EOS]
    ids: list[int] = []
    para: list[int] = []
    slots: list[tuple[int, int, int]] = []       # (flat position, document, word index)
    sure: list[int] = []                         # flat positions of words the decoder was sure of
    p = 0
    for d, toks in enumerate(toks_of_docs):
        cs, js, confs = picked[d]
        k = 0
        opened = False
        for t in toks:
            if t.kind == "space":
                if opened and t.text.count("\n") >= 2:
                    ids.append(eos)
                    para.append(p)
                    p += 1
                    opened = False
                continue
            c, j, conf = cs[k], js[k], confs[k]
            ti = k
            k += 1
            if not opened:
                ids.extend((bos, bos, bos))
                para.extend((p, p, p))
                opened = True
            if len(c.ids) > 1 and conf < RESCORE_BELOW:
                slots.append((len(ids), d, ti))
            elif t.kind == "word":
                sure.append(len(ids))
            ids.append(int(c.ids[j]))
            para.append(p)
        if opened:
            ids.append(eos)
            para.append(p)
            p += 1
    if not slots:
        return
    X = np.array(ids, dtype=np.int64)
    P = np.array(para, dtype=np.int64)
    S = np.array(sure, dtype=np.int64)
    seen = np.zeros(0, dtype=np.uint64)
    if DOCUMENT_WEIGHT and len(S):
        both = S[np.isin(S - 1, S)]                                       # sure word after a sure word
        seen, seen_n = np.unique((X[both - 1].astype(np.uint64) << _SH16) | X[both].astype(np.uint64),
                                 return_counts=True)
    cands = [picked[d][0][ti] for _, d, ti in slots]
    sizes = np.array([len(c.ids) for c in cands])
    pos = np.repeat(np.array([s[0] for s in slots]), sizes)               # flat position of each pair
    cid = np.concatenate([c.ids for c in cands]).astype(np.int64)
    chan = np.concatenate([c.chan for c in cands])
    first = np.cumsum(sizes) - sizes                                      # first pair of each slot
    slot_of = np.repeat(np.arange(len(slots)), sizes)

    def local(sel: np.ndarray) -> np.ndarray:
        """Channel + the n-grams each selected pair takes part in + the document's
        pairs of words, neighbours as in X."""
        ps, cs = pos[sel], cid[sel]
        total = chan[sel].copy()
        keys, where = [], []
        for off in range(n):
            e = ps + off
            ok = e < len(X)
            ok[ok] = P[e[ok]] == P[ps[ok]]
            k = np.zeros(int(ok.sum()), dtype=np.uint64)
            for m in range(n):
                at = e[ok] - (n - 1) + m
                v = np.where(at == ps[ok], cs[ok], X[at])
                k = (k << _SH16) | v.astype(np.uint64)
            keys.append(k)
            where.append(np.flatnonzero(ok))
        lp = model.score_keys(np.concatenate(keys), n)
        np.add.at(total, np.concatenate(where), lp)
        if len(seen):
            left = (X[ps - 1].astype(np.uint64) << _SH16) | cs.astype(np.uint64)
            nxt = np.minimum(ps + 1, len(X) - 1)
            right = (cs.astype(np.uint64) << _SH16) | X[nxt].astype(np.uint64)
            for k in (left, right):
                at = np.minimum(np.searchsorted(seen, k), len(seen) - 1)
                total += DOCUMENT_WEIGHT * np.log1p(np.where(seen[at] == k, seen_n[at], 0))
        return total

    for _ in range(SWEEPS):
        for residue in range(n):
            sel = np.flatnonzero(pos % n == residue)
            if not len(sel):
                continue
            score = local(sel)
            best = np.full(len(slots), -np.inf)
            np.maximum.at(best, slot_of[sel], score)
            win = sel[score >= best[slot_of[sel]]]
            X[pos[win]] = cid[win]          # ties: the later pair of a slot wins (same score)
    score = local(np.arange(len(pos)))
    best = np.full(len(slots), -np.inf)
    np.maximum.at(best, slot_of, score)
    e = np.exp(score - best[slot_of])
    norm = np.zeros(len(slots))
    np.add.at(norm, slot_of, e)
    for n, (flat, d, ti) in enumerate(slots):
        c = cands[n]
        j = int(np.flatnonzero(c.ids == X[flat])[0])
        picked[d][1][ti] = j
        picked[d][2][ti] = float(e[first[n] + j] / norm[n])
