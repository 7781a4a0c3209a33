"""Second pass of the restorer: a 4-gram model re-decides the words the trigram decoder
was unsure of.

The decoder (`normalizers.decode`) finds the best path under a trigram model, which
sees two syllables back: enough for most two-syllable words, not for "nhà chờ xe
buýt" or a long set phrase of a plan whose one wrong accent spoils a whole cell. A
model of order 4 (``lm_build --order 4``) holds the trigram tables unchanged plus pruned
4-grams; here every word whose decoder confidence is below `RESCORE_BELOW` is
re-decided with its neighbours fixed (iterated conditional modes): the candidate with
the best channel cost plus the four 4-gram scores it takes part in wins. Words four
positions apart do not share a 4-gram, so each sweep updates the positions of one
residue mod 4 at a time, all at once in numpy. The confidence of a re-decided word
becomes its local posterior under the 4-gram model (the same definition as the
decoder's, one order up).

A blank line ends a paragraph here as in the decoder; 4-grams never cross it.
"""
from __future__ import annotations

import numpy as np

from normalizers.candidates import Cands
from normalizers.lm import Model
from normalizers.tokens import BOS, EOS

#: Decoder confidence below which a word is re-decided by the 4-gram model.
RESCORE_BELOW = 0.99
#: Passes over the unsure words (each one residue mod 4 at a time).
SWEEPS = 2
_SH16 = np.uint64(16)


def rescore(model: Model, toks_of_docs: list[tuple], chosen: list[dict[int, tuple[Cands, int, float]]]) -> None:
    """Re-decide, in place, the unsure entries (token index → (candidates, chosen index,
    confidence)) of `chosen` with the model's 4-grams; `toks_of_docs[d]` are document
    d's tokens. Nothing happens with a model of order < 4."""
    if model.order < 4:
        return
    bos, eos = model.index[BOS], model.index[EOS]
    ids: list[int] = []
    para: list[int] = []
    slots: list[tuple[int, int, int]] = []       # (flat position, document, token index)
    p = 0
    for d, toks in enumerate(toks_of_docs):
        entries = chosen[d]
        opened = False
        for ti, t in enumerate(toks):
            if t.kind == "space":
                if opened and t.text.count("\n") >= 2:
                    ids.append(eos)
                    para.append(p)
                    p += 1
                    opened = False
                continue
            c, j, conf = entries[ti]
            if not opened:
                ids.extend((bos, bos, bos))
                para.extend((p, p, p))
                opened = True
            if len(c.ids) > 1 and conf < RESCORE_BELOW:
                slots.append((len(ids), d, ti))
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
    cands = [chosen[d][ti][0] for _, d, ti in slots]
    sizes = np.array([len(c.ids) for c in cands])
    pos = np.repeat(np.array([s[0] for s in slots]), sizes)               # flat position of each pair
    cid = np.concatenate([c.ids for c in cands]).astype(np.int64)
    chan = np.concatenate([c.chan for c in cands])
    first = np.cumsum(sizes) - sizes                                      # first pair of each slot
    slot_of = np.repeat(np.arange(len(slots)), sizes)

    def local(sel: np.ndarray) -> np.ndarray:
        """Channel + the 4-grams each selected pair takes part in, neighbours as in X."""
        ps, cs = pos[sel], cid[sel]
        total = chan[sel].copy()
        keys, where = [], []
        for off in range(4):
            e = ps + off
            ok = e < len(X)
            ok[ok] = P[e[ok]] == P[ps[ok]]
            k = np.zeros(int(ok.sum()), dtype=np.uint64)
            for m in range(4):
                at = e[ok] - 3 + m
                v = np.where(at == ps[ok], cs[ok], X[at])
                k = (k << _SH16) | v.astype(np.uint64)
            keys.append(k)
            where.append(np.flatnonzero(ok))
        lp = model.score_keys(np.concatenate(keys), 4)
        np.add.at(total, np.concatenate(where), lp)
        return total

    for _ in range(SWEEPS):
        for residue in range(4):
            sel = np.flatnonzero(pos % 4 == residue)
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
        chosen[d][ti] = (c, j, float(e[first[n] + j] / norm[n]))
