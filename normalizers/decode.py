"""Decoding: the best candidate for every position of a lattice, and its confidence.

Coarse to fine, in dense numpy batches of segments × positions × candidates, so the
number of numpy calls grows with the longest segment, not with the token count: a
bigram max-marginal pass keeps ≤ `PRUNE_KEEP` candidates per position (within
`PRUNE_RELATIVE` of the best path), then exact trigram Viterbi runs on what is left
(lattices with ≤ `DIRECT_MAX_TRIGRAMS` trigram paths skip the pruning).

Confidence: the local posterior of the chosen candidate with its neighbours fixed
(channel + the three trigrams it takes part in, softmax over all its candidates).
"""
from __future__ import annotations

import math
import os
import pickle

import numpy as np

from normalizers.candidates import Cands
from normalizers.lm import Model
from normalizers.tokens import EOS

_SH16 = np.uint64(16)
ORDER = 3               # the decoder's n-gram order (a higher-order model's trigram tables are used)

PRUNE_RELATIVE = 1e-3   # coarse pass: drop candidates whose best bigram path is < 1e-3 × the best
PRUNE_KEEP = 4          # … and keep at most 4 per position for the trigram pass
DIRECT_MAX_TRIGRAMS = 4000  # a lattice with fewer trigram paths is decoded exactly, unpruned
_NEG = -1e9
_BATCH_CELLS = 250_000  # segments × positions × candidates² per dense batch

#: Processes the dense batches of one `decode` call are shared among. 2: a second process
#: is forked once the model is loaded and the lattice built (it shares both, copy on
#: write) and sends its half of the paths back through a pipe. `cchc repair` sets it to
#: the cores there are (at most 2); the default 1 decodes in this process only, since a
#: library caller may hold threads, which a fork does not copy.
WORKERS = 1
FORK_MIN_POSITIONS = 4000   # below this many positions a fork costs more than it saves


#: Experiment (bench.repair_bench (r)): nats added to an arc whose two syllables form a
#: word of the lexicon `model.lex2` (sorted bigram keys); 0 = off.
LEXICON_BONUS = 0.0


def _lexicon_bonus(model: Model, pairs: np.ndarray) -> np.ndarray | float:
    lex = getattr(model, "lex2", None)
    if not LEXICON_BONUS or lex is None or not len(pairs):
        return 0.0
    idx = np.searchsorted(lex, pairs)
    idx[idx >= len(lex)] = 0
    return np.where(lex[idx] == pairs, LEXICON_BONUS, 0.0)


def decode(model: Model, segs: list[list[Cands]]) -> tuple[list[list[int]], list[list[float]]]:
    """Best candidate and its confidence for every position of every segment.

    Segments are decoded in dense batches (segments × positions × candidates), so the
    number of numpy calls grows with the longest segment, not with the token count."""
    if model.order < ORDER:
        raise ValueError("the decoder is written for trigram models (a 4-gram model holds one)")
    # a segment seen before (the same candidate objects in the same order: a document
    # repeats its lines and phrases) is decoded once
    first: dict[tuple[int, ...], int] = {}
    twin = [first.setdefault(tuple(map(id, seg)), k) for k, seg in enumerate(segs)]
    if len(first) < len(segs):
        uniq = sorted(first.values())
        p_u, c_u = decode(model, [segs[k] for k in uniq])
        where = {k: n for n, k in enumerate(uniq)}
        return [p_u[where[t]] for t in twin], [c_u[where[t]] for t in twin]
    table = _CandTable(model, segs)
    order = sorted(range(len(segs)), key=lambda s: len(segs[s]))
    widths = table.widths
    paths: list[list[int]] = [[] for _ in segs]
    confs: list[list[float]] = [[] for _ in segs]
    batches: list[list[int]] = []
    i = 0
    while i < len(order):
        K = widths[order[i]]
        j = i + 1
        while j < len(order):
            T = len(segs[order[j]])
            K = max(K, widths[order[j]])
            if (j + 1 - i) * T * K * K > _BATCH_CELLS:
                break
            j += 1
        batches.append(order[i:j])
        i = j
    for batch, (p, c) in zip(batches, _decode_batches(model, table, batches)):
        for s, ps, cs in zip(batch, p, c):
            paths[s], confs[s] = ps, cs
    return paths, confs


def _decode_batches(model: Model, table: _CandTable, batches: list[list[int]]) -> list[tuple[list, list]]:
    """`_decode_dense` of every batch, in order; in two processes when `WORKERS` ≥ 2 and
    the lattice is big enough (the batches are the same either way: so are the results)."""
    sizes = [sum(len(table.rows[s]) for s in b) for b in batches]
    if WORKERS < 2 or not hasattr(os, "fork") or len(batches) < 2 or sum(sizes) < FORK_MIN_POSITIONS:
        return [_decode_dense(model, table, b) for b in batches]
    theirs: list[int] = []
    ours: list[int] = []
    load = [0, 0]
    for k in sorted(range(len(batches)), key=lambda k: -sizes[k]):   # the bigger batches first, to the lighter side
        side = 0 if load[0] <= load[1] else 1
        (theirs if side == 0 else ours).append(k)
        load[side] += sizes[k]
    table.pair_scores(model)                        # once, here: the fork shares it
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:                                    # the second process: decode, send, leave
        status = 1
        try:
            os.close(read_fd)
            data = pickle.dumps([_decode_dense(model, table, batches[k]) for k in theirs], pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_fd, "wb") as f:
                f.write(data)
            status = 0
        finally:
            os._exit(status)                        # no atexit handlers, no flush of the parent's buffers
    os.close(write_fd)
    out: dict[int, tuple[list, list]] = {k: _decode_dense(model, table, batches[k]) for k in ours}
    with os.fdopen(read_fd, "rb") as f:
        data = f.read()
    _, status = os.waitpid(pid, 0)
    if status != 0:
        raise RuntimeError(f"the second decoding process failed (wait status {status})")
    out.update(zip(theirs, pickle.loads(data)))
    return [out[k] for k in range(len(batches))]


class _CandTable:
    """The candidates of a decode call as arrays: row r of `ids` / `chan` is one distinct
    `Cands` padded to the widest (ids </s>, channel -1e9), the last row the padding after a
    segment's end (</s>, channel 0 for its first column); each segment is a list of rows.
    A dense batch is then one gather, not a concatenation of every position's arrays."""

    def __init__(self, model: Model, segs: list[list[Cands]]) -> None:
        row: dict[int, int] = {}
        self.rows = [[row.setdefault(id(c), len(row)) for c in seg] for seg in segs]
        uniq: list[Cands] = list({id(c): c for seg in segs for c in seg}.values())   # in row order
        sizes = np.array([len(c.ids) for c in uniq] + [1])
        K = int(sizes.max())
        R = len(uniq) + 1
        self.ids = np.full((R, K), np.uint64(model.index[EOS]), dtype=np.uint64)
        self.chan = np.full((R, K), _NEG)
        ri = np.repeat(np.arange(R - 1), sizes[:-1])
        ki = np.arange(len(ri)) - np.repeat(np.cumsum(sizes[:-1]) - sizes[:-1], sizes[:-1])
        if len(ri):
            self.ids[ri, ki] = np.concatenate([c.u for c in uniq])
            self.chan[ri, ki] = np.concatenate([c.chan for c in uniq])
        self.chan[R - 1, 0] = 0.0
        self.sizes = sizes
        self.pad = R - 1
        lens = np.array([len(r) for r in self.rows])
        starts = np.cumsum(lens) - lens
        widths = np.maximum.reduceat(sizes[np.concatenate(self.rows)], starts) if len(lens) else lens
        self.widths = widths.tolist()
        self._pairs: tuple[np.ndarray, np.ndarray] | None = None

    def pair_scores(self, model: Model) -> tuple[np.ndarray, np.ndarray]:
        """(codes, lp): every distinct pair of rows adjacent in a segment, coded
        ``first * rows + second`` (sorted), and ``lp[p, i, j]`` the bigram ln p of pair p's
        candidates i → j (0 for padding). Computed once: a document repeats its word pairs
        (the dev slice: 6.5k distinct pairs among 21k positions, 97k bigrams against 310k)."""
        if self._pairs is None:
            n_rows = len(self.sizes)
            flat = np.concatenate(self.rows) if self.rows else np.zeros(0, dtype=np.intp)
            inside = np.ones(max(len(flat) - 1, 0), dtype=bool)      # not across two segments
            ends = np.cumsum([len(r) for r in self.rows])[:-1]
            inside[ends - 1] = False
            codes = np.sort(flat[:-1][inside] * n_rows + flat[1:][inside])
            codes = codes[np.concatenate(([True], codes[1:] != codes[:-1]))]   # np.unique would import numpy.ma (25 ms)
            first, second = np.divmod(codes, n_rows)
            K = self.ids.shape[1]
            col = np.arange(K)
            ok = (col < self.sizes[first][:, None])[:, :, None] & (col < self.sizes[second][:, None])[:, None, :]
            key = ((self.ids[first][:, :, None] << _SH16) | self.ids[second][:, None, :])[ok]
            lp = np.zeros((len(codes), K, K))
            lp[ok] = model.score_keys(key, 2) + _lexicon_bonus(model, key)
            self._pairs = (codes, lp)
        return self._pairs


def _decode_dense(model: Model, table: _CandTable, batch: list[int]) -> tuple[list[list[int]], list[list[float]]]:
    rows_ = [table.rows[s] for s in batch]
    S = len(rows_)
    lens = np.array([len(r) for r in rows_])
    T = int(lens.max())
    K = max(table.widths[s] for s in batch)
    R = np.full((S, T), table.pad, dtype=np.intp)
    R[np.arange(T)[None, :] < lens[:, None]] = np.concatenate(rows_)
    ID = table.ids[R, :K]
    CH = table.chan[R, :K]
    n_c = table.sizes[R]
    real = np.zeros((S, T), dtype=bool)       # a token or </s> (not <s>, not padding)
    pad = np.arange(T)[None, :] >= lens[:, None]
    real[:, 2:] = ~pad[:, 2:]
    valid = CH > _NEG / 2

    # ---- coarse pass: bigram max-marginals (best path through each candidate), prune;
    #      skipped when the full trigram lattice is small enough to decode exactly
    combos = int((n_c[:, :-2] * n_c[:, 1:-1] * n_c[:, 2:]).sum()) if T > 2 else 0
    if combos <= DIRECT_MAX_TRIGRAMS:
        K3 = K
        keep = np.broadcast_to(np.arange(K), (S, T, K))
        ok, ID3, CH3 = valid, ID, CH
    else:
        codes, pair_lp = table.pair_scores(model)
        pair = np.searchsorted(codes, R[:, :-1] * len(table.sizes) + R[:, 1:])
        np.minimum(pair, len(codes) - 1, out=pair)          # a pair past a segment's end is no arc: not real
        LP2 = np.where(real[:, 1:, None, None], pair_lp[pair, :K, :K], 0.0)
        W2 = LP2 + CH[:, 1:, None, :]                                         # arc t-1 → t, with t's channel
        A = np.empty((S, T, K))
        A[:, 0] = CH[:, 0]
        a = A[:, 0]
        for t in range(1, T):
            a = (a[:, :, None] + W2[:, t - 1]).max(axis=1)
            A[:, t] = a
        B = np.zeros((S, T, K))
        b = B[:, T - 1]
        for t in range(T - 1, 0, -1):
            b = (W2[:, t - 1] + b[:, None, :]).max(axis=2)
            B[:, t - 1] = b
        post = A + B
        K3 = min(PRUNE_KEEP, K)
        keep = np.argsort(-post, axis=2, kind="stable")[:, :, :K3]            # (S, T, K3)
        kpost = np.take_along_axis(post, keep, 2)
        ok = (kpost >= kpost[:, :, :1] + math.log(PRUNE_RELATIVE)) & np.take_along_axis(valid, keep, 2)
        ID3 = np.take_along_axis(ID, keep, 2)
        CH3 = np.where(ok, np.take_along_axis(CH, keep, 2), _NEG)

    # ---- exact trigram Viterbi on the pruned lattice
    M3 = ok[:, :-2, :, None, None] & ok[:, 1:-1, None, :, None] & ok[:, 2:, None, None, :] & real[:, 2:, None, None, None]
    LP3 = np.zeros((S, T - 2, K3, K3, K3))
    if M3.any():
        key3 = (ID3[:, :-2, :, None, None] << np.uint64(32)) | (ID3[:, 1:-1, None, :, None] << _SH16) | ID3[:, 2:, None, None, :]
        k3 = key3[M3]
        LP3[M3] = model.score_keys(k3, 3) + (_lexicon_bonus(model, k3 & np.uint64(0xFFFFFFFF)) if LEXICON_BONUS else 0.0)
    W3 = LP3 + CH3[:, 2:, None, None, :]
    delta = CH3[:, 0, :, None] + CH3[:, 1, None, :]                        # (S, K3, K3)
    backs = np.empty((S, T, K3, K3), dtype=np.int64)
    for t in range(2, T):
        tot = delta[:, :, :, None] + W3[:, t - 2]
        backs[:, t] = tot.argmax(axis=1)
        delta = tot.max(axis=1)
    last = delta.reshape(S, -1).argmax(axis=1)
    path3 = np.zeros((S, T), dtype=np.int64)
    path3[:, T - 2], path3[:, T - 1] = np.divmod(last, K3)
    rows = np.arange(S)
    for t in range(T - 1, 1, -1):
        path3[:, t - 2] = backs[rows, t, path3[:, t - 1], path3[:, t]]
    path = np.take_along_axis(keep, path3[:, :, None], 2)[:, :, 0]         # (S, T) original index

    # ---- confidence: local posterior with the chosen neighbours fixed
    X = np.take_along_axis(ID, path[:, :, None], 2)[:, :, 0]                # (S, T)
    amb = (n_c > 1) & real
    score = np.zeros((S, T, K))
    if T > 2:
        sh32 = np.uint64(32)
        m0 = amb[:, 2:, None] & valid[:, 2:]                                  # window (t-2, t-1, t)
        m1 = amb[:, 1:-1, None] & valid[:, 1:-1] & real[:, 2:, None]          # window (t-1, t, t+1)
        m2 = amb[:, :-2, None] & valid[:, :-2] & real[:, 2:, None]            # window (t, t+1, t+2)
        k0 = ((X[:, :-2, None] << sh32) | (X[:, 1:-1, None] << _SH16) | ID[:, 2:])[m0]
        k1 = ((X[:, :-2, None] << sh32) | (ID[:, 1:-1] << _SH16) | X[:, 2:, None])[m1]
        k2 = ((ID[:, :-2] << sh32) | (X[:, 1:-1, None] << _SH16) | X[:, 2:, None])[m2]
        if len(k0) + len(k1) + len(k2):
            lp = model.score_keys(np.concatenate([k0, k1, k2]), 3)
            part = np.zeros((S, T - 2, K))
            part[m0] = lp[: len(k0)]
            score[:, 2:] += part
            part[:] = 0.0
            part[m1] = lp[len(k0) : len(k0) + len(k1)]
            score[:, 1:-1] += part
            part[:] = 0.0
            part[m2] = lp[len(k0) + len(k1) :]
            score[:, :-2] += part
    score = np.where(valid, score + CH, -np.inf)
    score -= score.max(axis=2, keepdims=True)
    e = np.exp(score)
    conf = np.take_along_axis(e, path[:, :, None], 2)[:, :, 0] / e.sum(axis=2)
    conf = np.where(amb, conf, 1.0)
    pl, cl = path.tolist(), conf.tolist()
    return [pl[s][:n] for s, n in enumerate(lens.tolist())], [cl[s][:n] for s, n in enumerate(lens.tolist())]
