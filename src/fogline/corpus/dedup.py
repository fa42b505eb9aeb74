"""Near-duplicate articles: candidates from sampled shingles (SQL), exact verification, origins and copies.

Candidates come from the store: each article's text is sampled as it is written (``store.sample``,
content-defined, so two texts share a sampled shingle exactly when they share the shingle) and one join
over the samples proposes the pairs that share enough of them (``store.dedup.candidates``). Because a
sample misses pairs now and then and proposes false ones, every candidate is verified on the exact
word 5-shingle sets: a pair is a duplicate when their Jaccard similarity reaches ``JACCARD`` or one text
is nearly contained in the other (``CONTAINMENT``, for reposts that wrap an article in blog chrome or
cut its end).

Incremental: only new articles are matched (against every stored one); only verified pairs are stored.
Clusters are the connected components of verified pairs;
each has one origin (``choose_origin``) and the others are marked copies of it. A copy is never
independent corroboration.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from fogline.corpus.items import DocInfo

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


def shingles(text: str) -> set[str]:
    words = WORD.findall(text.casefold())
    if len(words) < SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def verify(a: set[str], b: set[str]) -> tuple[float, float] | None:
    """(jaccard, containment) when the two shingle sets are near-duplicates, else None."""
    if min(len(a), len(b)) < MIN_SHINGLES:
        return None
    inter = len(a & b)
    jac = inter / len(a | b)
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
    """The candidate pairs (a < b) that are near-duplicates on their exact shingle sets; texts are fetched
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
