"""Near-duplicate articles: candidates from sampled shingles (the store), verification, origins and copies.

Candidates come from the store: each article's text is sampled as it is written (``store.sample``,
content-defined, so two texts share a sampled shingle exactly when they share the shingle) and one join
over the samples proposes the pairs that share enough of them (``store.dedup.candidates``). Because a
sample misses pairs now and then and proposes false ones, every candidate is verified on the word
5-shingle sets (``shingles``, 64-bit hashes): a pair is a duplicate when their Jaccard similarity reaches
``JACCARD`` or one text is nearly contained in the other (``CONTAINMENT``, for reposts that wrap an
article in blog chrome or cut its end).

Incremental: only new articles are matched (against every stored one); only verified pairs are stored.
Clusters are the connected components of verified pairs;
each has one origin (``choose_origin``) and the others are marked copies of it. A copy is never
independent corroboration.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from fogline.corpus.items import DocInfo
from fogline.store.sample import hash_powers

SHINGLE = 5
JACCARD = 0.5
CONTAINMENT = 0.8
MIN_SHINGLES = 8
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class DupPair:
    """A verified near-duplicate pair (``a`` < ``b``) and how similar they are."""

    a: str
    b: str
    jaccard: float
    containment: float


_ASCII_WORD = bytes(c if chr(c).isalnum() or c == 95 else 32 for c in range(128)) + bytes(range(128, 256))
"""ASCII bytes that ``WORD`` does not match turned into spaces; the other bytes kept."""
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
                 0xFF51AFD7ED558CCD], dtype=np.uint64)


def word_bytes(text: str) -> np.ndarray:
    """The case-folded text, UTF-8, with every character ``WORD`` does not match turned into a space (bytes
    translated, then the non-ASCII characters that are not word characters replaced one by one)."""
    folded = text.casefold()
    data = folded.encode("utf-8").translate(_ASCII_WORD)
    if not folded.isascii():
        for ch in {c for c in set(folded) if c > "\x7f" and not c.isalnum()}:
            data = data.replace(ch.encode("utf-8"), b" ")
    return np.frombuffer(data, dtype=np.uint8)


def shingles(text: str) -> np.ndarray:
    """The text's word 5-shingles (a shorter text is one shingle; words as ``WORD`` finds them), each a
    64-bit hash of its words, sorted and distinct: a polynomial hash of each word from one cumulative sum,
    five of them mixed. Two texts share a hash when they share the shingle; two distinct shingles share one
    with a chance of about 2^-64, so the counts are exact short of that."""
    a = word_bytes(text)
    inside = a != 32
    edge = np.diff(np.concatenate([[False], inside, [False]]).astype(np.int8))
    starts, ends = np.flatnonzero(edge == 1), np.flatnonzero(edge == -1)
    if not len(starts):
        return np.zeros(0, np.uint64)
    pw, inv = hash_powers(len(a) + 1)
    k = min(SHINGLE, len(starts))
    with np.errstate(over="ignore"):
        total = np.zeros(len(a) + 1, np.uint64)
        np.cumsum(a * inv[:len(a)], out=total[1:])
        h = (total[ends] - total[starts]) * pw[ends - 1] + (ends - starts).astype(np.uint64)
        out = np.zeros(len(h) - k + 1, np.uint64)
        for i in range(k):
            out += h[i:len(h) - k + 1 + i] * _MIX[i]
        out ^= out >> np.uint64(29)
        out *= _MIX[0]
        out ^= out >> np.uint64(32)
    out.sort()
    return out[np.concatenate([[True], out[1:] != out[:-1]])]


def verify(a: np.ndarray, b: np.ndarray) -> tuple[float, float] | None:
    """(jaccard, containment) when two shingle sets (``shingles``) are near-duplicates, else None."""
    if min(len(a), len(b)) < MIN_SHINGLES:
        return None
    inter = len(np.intersect1d(a, b, assume_unique=True))
    jac = inter / (len(a) + len(b) - inter)
    cont = inter / min(len(a), len(b))
    return (jac, cont) if jac >= JACCARD or cont >= CONTAINMENT else None


def _hints(doc: DocInfo, hints: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(h.casefold() for h in hints.get(doc.doc_id, ()))


def _domain(doc: DocInfo) -> str:
    url = (doc.url or "").casefold()
    m = re.match(r"^[a-z]+://(?:www\.)?([^/]+)", url)
    return m.group(1) if m else ""


def choose_origin(members: list[DocInfo], hints: dict[str, tuple[str, ...]] | None = None) -> DocInfo:
    """The article the others copy: one whose outlet a repost names (its "source:" line), else an
    article not marked as a repost, else the earliest published; ties by doc_id."""
    named = {h for d in members for h in _hints(d, hints or {})}

    def matches(d: DocInfo) -> bool:
        keys = {k for k in ((d.outlet or "").casefold(), _domain(d)) if k}
        return any(k in h or h in k for k in keys for h in named)

    return min(members, key=lambda d: (not matches(d), d.is_repost, d.published is None, d.published or "",
                                       d.doc_id))


def components(doc_ids: Iterable[str], pairs: Iterable[DupPair]) -> list[list[str]]:
    """Connected components (sorted) of the duplicate graph, singletons left out."""
    parent = {d: d for d in doc_ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        parent.setdefault(p.a, p.a)
        parent.setdefault(p.b, p.b)
        ra, rb = find(p.a), find(p.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for d in parent:
        groups.setdefault(find(d), []).append(d)
    return sorted(sorted(g) for g in groups.values() if len(g) > 1)


def assign_origins(docs: dict[str, DocInfo], pairs: Iterable[DupPair],
                   hints: dict[str, tuple[str, ...]] | None = None) -> dict[str, str]:
    """Set ``origin_doc_id`` on every copy in ``docs``; returns copy -> origin."""
    out: dict[str, str] = {}
    for group in components([], pairs):
        members = [docs[d] for d in group if d in docs]
        if len(members) < 2:
            continue
        origin = choose_origin(members, hints)
        for d in members:
            d.origin_doc_id = None if d is origin else origin.doc_id
            if d is not origin:
                out[d.doc_id] = origin.doc_id
    return out


def verified_pairs(candidates: list[tuple[str, str]], fetch_texts: Callable[[list[str]], dict[str, str]],
                   chunk: int = 2000) -> list[DupPair]:
    """The candidate pairs (a < b) that are near-duplicates on their shingle sets; texts are fetched
    ``chunk`` pairs at a time."""
    pairs = []
    for i in range(0, len(candidates), chunk):
        part = candidates[i:i + chunk]
        sets = {d: shingles(t) for d, t in fetch_texts(sorted({d for p in part for d in p})).items()}
        for a, b in part:
            found = verify(sets.get(a, set()), sets.get(b, set()))
            if found:
                pairs.append(DupPair(a, b, round(found[0], 4), round(found[1], 4)))
    return pairs
