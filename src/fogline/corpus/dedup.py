"""Near-duplicate articles: MinHash/LSH candidates, exact verification, origins and copies.

Each article's cleaned text becomes a set of word 5-shingles and a MinHash signature (datasketch,
128 permutations, stable across processes). LSH proposes candidates; because LSH misses pairs now
and then and proposes false ones, every candidate is verified on the exact shingle sets: a pair is a
duplicate when their Jaccard similarity reaches ``JACCARD`` or one text is nearly contained in the
other (``CONTAINMENT``, for reposts that wrap an article in blog chrome or cut its end).

Incremental: signatures of stored articles are kept in the store; a new article is queried against
them and only verified pairs are stored. Clusters are the connected components of verified pairs;
each has one origin (``choose_origin``) and the others are marked copies of it. A copy is never
independent corroboration.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from fogline.corpus.items import DocInfo

NUM_PERM = 128
SCHEME = "affine32"  # datasketch >= 2.0: stored signatures must say which scheme made them
SHINGLE = 5
LSH_THRESHOLD = 0.4
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


def shingles(text: str) -> set[str]:
    words = WORD.findall(text.casefold())
    if len(words) < SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


@functools.cache
def _permutations() -> object:
    """datasketch's permutation parameters for (NUM_PERM, seed 1, SCHEME), drawn once per process
    instead of once per MinHash (the draw costs more than hashing a short article)."""
    return MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations


def signature(shingle_set: Iterable[str]) -> np.ndarray:
    m = MinHash(num_perm=NUM_PERM, permutations=_permutations(), scheme=SCHEME)
    m.update_batch([s.encode("utf-8") for s in shingle_set])
    return np.asarray(m.hashvalues, dtype=np.uint64)


def _minhash(values: np.ndarray) -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashvalues=values, permutations=_permutations(), scheme=SCHEME)


def verify(a: set[str], b: set[str]) -> tuple[float, float] | None:
    """(jaccard, containment) when the two shingle sets are near-duplicates, else None."""
    if min(len(a), len(b)) < MIN_SHINGLES:
        return None
    inter = len(a & b)
    jac = inter / len(a | b)
    cont = inter / min(len(a), len(b))
    return (jac, cont) if jac >= JACCARD or cont >= CONTAINMENT else None


class DupIndex:
    """An LSH index over stored signatures; ``candidates`` proposes, the caller verifies."""

    def __init__(self) -> None:
        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)

    def add(self, doc_id: str, values: np.ndarray) -> None:
        if doc_id not in self._lsh:
            self._lsh.insert(doc_id, _minhash(values))

    def candidates(self, values: np.ndarray) -> list[str]:
        return sorted(self._lsh.query(_minhash(values)))


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


def find_pairs(new: dict[str, str], index: DupIndex,
               fetch_texts: Callable[[list[str]], dict[str, str]],
               ) -> tuple[list[DupPair], dict[str, tuple[int, np.ndarray]]]:
    """Verified pairs between each new article (doc_id -> text) and the indexed or earlier new ones;
    ``fetch_texts`` gives the texts of stored candidates. Returns the pairs and the new signatures;
    the new articles are added to ``index``. Signatures come as (shingle count, hash values)."""
    sets = {d: shingles(t) for d, t in new.items()}
    sigs = {d: signature(s) for d, s in sets.items()}
    for d in sorted(new):
        index.add(d, sigs[d])
    # one query once the new ones are in: the stored candidates and the new ones among themselves
    cands = {d: [o for o in index.candidates(sigs[d]) if o != d] for d in sorted(new)}
    stored = sorted({o for os in cands.values() for o in os} - set(sets))
    for other, text in fetch_texts(stored).items():
        sets[other] = shingles(text)
    pairs = set()
    for d, others in cands.items():
        for other in others:
            found = verify(sets[d], sets.get(other, set()))
            if found:
                a, b = sorted((d, other))
                pairs.add(DupPair(a, b, round(found[0], 4), round(found[1], 4)))
    return sorted(pairs, key=lambda p: (p.a, p.b)), {d: (len(sets[d]), v) for d, v in sigs.items()}
