"""A content-defined sample of an article's text, taken when the article is written: the hashes of its
32-character shingles (case-folded, punctuation dropped, spaces collapsed) that fall on one value in
``RATE``. Two texts share a sampled shingle exactly when they share the shingle, so the shared share of
their samples estimates how much of one the other contains; the corpus stage finds near-duplicate
candidates with one join over the samples instead of hashing every text again (see ``corpus.dedup``).

Vectorised: a polynomial rolling hash from one cumulative sum (the base is odd, so it has an inverse
modulo 2^64), then a 64-bit mix; about a tenth of a millisecond for a news article.
"""

from __future__ import annotations

import numpy as np

K = 32
RATE = 16
assert RATE & (RATE - 1) == 0, "RATE must be a power of two (text_sample masks instead of dividing)"
BASE = 0x100000001B3
_MOD = 2**64
_KEEP = bytes(c if chr(c).isalnum() else 32 for c in range(128)) + bytes(range(128, 256))
_POW: list[np.ndarray] = []


def hash_powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """BASE^i and BASE^-i modulo 2^64 for i < n (at least), computed once and grown by doubling."""
    if not _POW or len(_POW[0]) < n:
        size = max(n, 1 << 16, 2 * len(_POW[0]) if _POW else 0)
        out = []
        for base in (BASE, pow(BASE, -1, _MOD)):
            p = np.empty(size, dtype=np.uint64)
            p[0], k = 1, 1
            while k < size:
                m = min(k, size - k)
                p[k:k + m] = p[:m] * np.uint64(pow(base, k, _MOD))
                k += m
            out.append(p)
        _POW[:] = out
    return _POW[0], _POW[1]


def text_sample(text: str) -> np.ndarray:
    """The sorted, distinct sampled shingle hashes of ``text`` (uint64); a text shorter than a shingle is
    one shingle."""
    data = b" ".join(text.casefold().encode("utf-8").translate(_KEEP).split())
    a = np.frombuffer(data.ljust(K), dtype=np.uint8)
    n = len(a)
    pw, inv = hash_powers(n + 1)
    with np.errstate(over="ignore"):
        s = np.zeros(n + 1, dtype=np.uint64)
        np.cumsum(a * inv[:n], out=s[1:])
        h = (s[K:] - s[:-K]) * pw[K - 1:n]
        h ^= h >> np.uint64(31)
        h *= np.uint64(0x9E3779B97F4A7C15)
        h ^= h >> np.uint64(29)
    return sorted_distinct(h[(h & np.uint64(RATE - 1)) == 0])  # h % RATE == 0 (RATE is a power of two)


def sorted_distinct(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` by a sort and a comparison of neighbours: numpy 2's ``unique`` hashes the
    values first, about 75 µs for an article's few hundred samples against 9 µs here."""
    out = np.sort(values)
    if len(out) < 2:
        return out
    keep = np.empty(len(out), dtype=bool)
    keep[0] = True
    np.not_equal(out[1:], out[:-1], out=keep[1:])
    return out[keep]
