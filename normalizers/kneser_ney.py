"""N-gram counting and interpolated modified Kneser–Ney smoothing, in numpy.

Each order's n-grams are uint64 keys (16 bits per id, the last word lowest) counted
with ``np.unique``; weighting a source multiplies its counts (`merge_counts`).
`kneser_ney` (Chen & Goodman): continuation counts below the top order (raw counts for
n-grams that start with ``<s>``), three discounts per order from the count-of-counts,
interpolation down to a uniform distribution. The result is stored in backoff form
(ln p of every seen n-gram, ln γ of every history), which reproduces the interpolated
model exactly: ``p(w|h) = p*(h,w)`` if seen else ``γ(h)·p(w|h')`` — the arrays
``normalizers.lm.Model`` scores with.
"""
from __future__ import annotations

import numpy as np

def ngram_keys(X: np.ndarray, n: int, bos: int) -> np.ndarray:
    L = len(X)
    if L < n:
        return np.zeros(0, dtype=np.uint64)
    key = np.zeros(L - n + 1, dtype=np.uint64)
    for t in range(n):
        key = (key << np.uint64(16)) | X[t : L - n + 1 + t].astype(np.uint64)
    valid = X[n - 1 :] != bos
    for t in range(1, n - 1):   # <s> only as the first id: no n-gram crosses a line
        valid &= X[t : L - n + 1 + t] != bos
    return key[valid]


def count_keys(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    u, c = np.unique(keys, return_counts=True)
    return u, c.astype(np.int64)


def merge_counts(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    keys = np.concatenate([k for k, _ in parts])
    cnts = np.concatenate([c for _, c in parts])
    order = np.argsort(keys, kind="stable")
    keys, cnts = keys[order], cnts[order]
    if len(keys) == 0:
        return keys, cnts
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    return keys[starts], np.add.reduceat(cnts, starts)


def _discounts(counts: np.ndarray) -> tuple[float, float, float]:
    n = [int((counts == i).sum()) for i in (1, 2, 3, 4)]
    if min(n) == 0:
        return 0.5, 1.0, 1.5
    y = n[0] / (n[0] + 2 * n[1])
    d1 = 1 - 2 * y * n[1] / n[0]
    d2 = 2 - 3 * y * n[2] / n[1]
    d3 = 3 - 4 * y * n[3] / n[2]
    return max(d1, 0.05), max(d2, 0.05), max(d3, 0.05)


def kneser_ney(raw: dict[int, tuple[np.ndarray, np.ndarray]], order: int, V: int, bos: int,
               raw_from: int | None = None, min_top_count: int = 0):
    """Interpolated modified KN → backoff arrays. `raw[k]` = (sorted keys, counts).

    `raw_from`: orders ≥ this use raw counts, not continuation counts (default: the
    top order only). A 4-gram model with ``raw_from=3`` holds, in its order-2 and
    order-3 arrays, exactly the trigram model of the same counts: a trigram decoder
    and a 4-gram rescorer share one set of tables. `min_top_count`: top-order n-grams
    counted less are pruned, and the backoff weights of their histories recomputed so
    each distribution still sums to one (count-cutoff pruning)."""
    mask = lambda k: np.uint64((1 << (16 * k)) - 1)  # noqa: E731
    sh = np.uint64(16)
    raw_from = order if raw_from is None else raw_from
    adj: dict[int, np.ndarray] = {k: raw[k][1] for k in range(raw_from, order + 1)}
    for k in range(1, raw_from):
        keys_k, cnt_k = raw[k]
        suffix = raw[k + 1][0] & mask(k)
        su, sc = np.unique(suffix, return_counts=True)
        pos = np.searchsorted(su, keys_k)
        pos[pos >= len(su)] = 0
        cont = np.where(su[pos] == keys_k, sc[pos], 0).astype(np.int64)
        starts_bos = (keys_k >> np.uint64(16 * (k - 1))) == np.uint64(bos) if k > 1 else np.zeros(len(keys_k), bool)
        a = np.where(starts_bos, cnt_k, cont)
        adj[k] = np.maximum(a, 1) if k > 1 else a
    discounts = {k: _discounts(adj[k]) for k in range(1, order + 1)}

    # unigrams over the whole vocabulary
    c1 = np.zeros(V, dtype=np.float64)
    c1[raw[1][0].astype(np.int64)] = adj[1]
    c1[bos] = 0
    d1, d2, d3 = discounts[1]
    disc = np.where(c1 == 0, 0, np.where(c1 == 1, d1, np.where(c1 == 2, d2, d3)))
    tot = c1.sum()
    gamma = (d1 * (c1 == 1).sum() + d2 * (c1 == 2).sum() + d3 * (c1 >= 3).sum()) / tot
    p1 = np.maximum(c1 - disc, 0) / tot + gamma / (V - 1)
    p1[bos] = 1e-30
    uni_lp = np.log(p1)
    prev_keys, prev_lp = None, uni_lp
    out = {"uni_lp": uni_lp.astype(np.float32)}
    bows: dict[int, np.ndarray] = {1: np.zeros(V, dtype=np.float64)}
    lps: dict[int, np.ndarray] = {}
    for k in range(2, order + 1):
        keys_k = raw[k][0]
        c = adj[k].astype(np.float64)
        hist = keys_k >> sh
        starts = np.flatnonzero(np.r_[True, hist[1:] != hist[:-1]])
        grp = np.cumsum(np.r_[False, hist[1:] != hist[:-1]])
        d1, d2, d3 = discounts[k]
        ch = np.add.reduceat(c, starts)
        n1 = np.add.reduceat((c == 1).astype(np.float64), starts)
        n2 = np.add.reduceat((c == 2).astype(np.float64), starts)
        n3 = np.add.reduceat((c >= 3).astype(np.float64), starts)
        gam = (d1 * n1 + d2 * n2 + d3 * n3) / ch
        disc = np.where(c == 1, d1, np.where(c == 2, d2, d3))
        low_key = keys_k & mask(k - 1)
        if k == 2:
            lower = np.exp(prev_lp[low_key.astype(np.int64)])
        else:
            pos = np.searchsorted(prev_keys, low_key)
            assert np.all(prev_keys[pos] == low_key)
            lower = np.exp(prev_lp[pos])
        p = np.maximum(c - disc, 0) / ch[grp] + gam[grp] * lower
        if k == order and min_top_count > 1:
            keep = raw[k][1] >= min_top_count
            left = np.add.reduceat(np.where(keep, 0.0, 1.0), starts) > 0     # a history lost some
            seen_p = np.add.reduceat(np.where(keep, p, 0.0), starts)
            seen_low = np.add.reduceat(np.where(keep, lower, 0.0), starts)
            gam = np.where(left, (1.0 - seen_p) / np.maximum(1.0 - seen_low, 1e-12), gam)
            gam = np.maximum(gam, 1e-12)
            keys_k, p = keys_k[keep], p[keep]
            raw[k] = (keys_k, raw[k][1][keep])
        lps[k] = np.log(p)
        # backoff weights of the histories, aligned with the (k-1)-gram table
        hkeys = hist[starts]
        if k == 2:
            b = np.zeros(V, dtype=np.float64)
            b[hkeys.astype(np.int64)] = np.log(gam)
            bows[1] = b
        else:
            b = np.zeros(len(prev_keys), dtype=np.float64)
            pos = np.searchsorted(prev_keys, hkeys)
            assert np.all(prev_keys[pos] == hkeys)
            b[pos] = np.log(gam)
            bows[k - 1] = b
        prev_keys, prev_lp = keys_k, lps[k]
    out["uni_bow"] = bows[1].astype(np.float32)
    for k in range(2, order + 1):
        out[f"k{k}_keys"] = raw[k][0]
        out[f"k{k}_lp"] = lps[k].astype(np.float32)
        if k < order:
            out[f"k{k}_bow"] = bows[k].astype(np.float32)
    return out, discounts
