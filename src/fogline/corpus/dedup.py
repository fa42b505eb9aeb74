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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

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


_ASCII_FOLD = bytes(c + 32 if 65 <= c <= 90 else c if chr(c).isalnum() or c == 95 else 32 for c in range(128)) \
    + bytes(range(128, 256))
"""ASCII bytes case-folded, those that ``WORD`` does not match turned into spaces; the other bytes kept."""
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
                 0xFF51AFD7ED558CCD], dtype=np.uint64)
_NONE = np.zeros(0, np.uint64)
GROUP_CHARS = 1 << 15
"""Characters of text hashed at a time by ``shingle_sets`` (within the power tables' first size)."""


@lru_cache(maxsize=4096)
def _folded(ch: str) -> str:
    """A non-ASCII character case-folded, the characters of its folding that ``WORD`` does not match (and
    are not ASCII: the byte table turns those) replaced by a space."""
    return "".join(c if c.isascii() or c.isalnum() else " " for c in ch.casefold())


def word_bytes(text: str) -> bytes:
    """The case-folded text, UTF-8, with every character ``WORD`` does not match turned into a space: each
    character folds alone (``str.casefold`` has no context), so the non-ASCII ones are folded one by one
    and the ASCII ones by a byte table."""
    if not text.isascii():
        text = _NON_ASCII.sub(lambda m: _folded(m.group()), text)
    return text.encode("utf-8").translate(_ASCII_FOLD)


def shingles(text: str) -> np.ndarray:
    """The text's word 5-shingles (``shingle_sets`` of one text)."""
    return shingle_sets([text])[0]


def shingle_sets(texts: Sequence[str]) -> list[np.ndarray]:
    """Each text's word 5-shingles (a shorter text is one shingle; words as ``WORD`` finds them), each a
    64-bit hash of its words, sorted and distinct: a polynomial hash of each word, five of them mixed. Two
    texts share a hash when they share the shingle; two distinct shingles share one with a chance of about
    2^-64, so the counts are exact short of that. Texts are hashed about ``GROUP_CHARS`` at a time, in numpy."""
    out: list[np.ndarray] = []
    group: list[str] = []
    size = 0
    for text in texts:
        if group and size + len(text) > GROUP_CHARS:
            out += _group_shingles(group)
            group, size = [], 0
        group.append(text)
        size += len(text) + 1
    return out + _group_shingles(group) if group else out


def _group_bytes(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(``word_bytes`` of the texts joined by spaces, where each text starts): folded in place when every
    non-ASCII character present folds to as many bytes (or to spaces), else text by text."""
    parts = [t.encode("utf-8") for t in texts]
    data = np.frombuffer(bytearray(b" ".join(parts).translate(_ASCII_FOLD)), dtype=np.uint8)
    if data.size and data.max() >= 0x80 and not _fold_in_place(data):
        parts = [word_bytes(t) for t in texts]
        data = np.frombuffer(b" ".join(parts), dtype=np.uint8)
    return data, np.cumsum([0] + [len(p) + 1 for p in parts[:-1]])


def _fold_in_place(data: np.ndarray) -> bool:
    """Fold the non-ASCII characters of UTF-8 ``data`` as ``word_bytes`` does, writing over their bytes;
    False (``data`` partly written) when one folds to a different number of bytes that are not all spaces."""
    padded = np.concatenate([data, np.zeros(3, np.uint8)])
    lead = np.flatnonzero(data >= 0xC0)
    width = 2 + (data[lead] >= 0xE0) + (data[lead] >= 0xF0)
    code = sum((padded[lead + i].astype(np.uint32) * (width > i)) << np.uint32(24 - 8 * i) for i in range(4))
    chars, which = np.unique(code, return_inverse=True)
    for n, c in enumerate(chars.tolist()):
        seq = c.to_bytes(4, "big").rstrip(b"\0")
        folded = _folded(seq.decode("utf-8")).encode("utf-8").translate(_ASCII_FOLD)
        if folded == seq:
            continue
        if len(folded) != len(seq) and folded.strip(b" "):
            return False
        at = lead[which.reshape(-1) == n]
        for i, byte in enumerate(folded.ljust(len(seq))):
            data[at + i] = byte
    return True


def _group_shingles(texts: list[str]) -> list[np.ndarray]:
    """``shingle_sets`` of a few texts, joined by spaces and hashed at once: a word's hash is the same
    wherever it stands."""
    a, first = _group_bytes(texts)
    inside = a != 32
    edge = np.diff(np.concatenate([[False], inside, [False]]).astype(np.int8))
    starts, ends = np.flatnonzero(edge == 1), np.flatnonzero(edge == -1)
    doc = np.searchsorted(first, starts, side="right") - 1
    pw, inv = hash_powers(len(a) + 1)
    with np.errstate(over="ignore"):
        total = np.zeros(len(a) + 1, np.uint64)
        np.cumsum(a * inv[:len(a)], out=total[1:])
        words = (total[ends] - total[starts]) * pw[ends - 1] + (ends - starts).astype(np.uint64)
    return _windows(words, doc, np.bincount(doc, minlength=len(texts)))


def _windows(words: np.ndarray, doc: np.ndarray, counts: np.ndarray) -> list[np.ndarray]:
    """Each text's sorted, distinct shingle hashes from its word hashes (``words``, text ``doc`` of each;
    ``counts`` words a text): every run of ``SHINGLE`` words inside one text, or a shorter text whole."""
    with np.errstate(over="ignore"):
        mixed = np.zeros(max(0, len(words) - SHINGLE + 1), np.uint64)
        for i in range(SHINGLE):
            mixed += words[i:len(mixed) + i] * _MIX[i]
        mixed = mixed[doc[:len(mixed)] == doc[SHINGLE - 1:]]
        short = np.flatnonzero((counts > 0) & (counts < SHINGLE))
        at, runs = np.cumsum(counts) - counts, np.maximum(counts - SHINGLE + 1, 0)
        whole = [(words[at[d]:at[d] + counts[d]] * _MIX[:counts[d]]).sum(dtype=np.uint64) for d in short]
        mixed = np.insert(mixed, (np.cumsum(runs) - runs)[short], np.array(whole, np.uint64))
        mixed ^= mixed >> np.uint64(29)
        mixed *= _MIX[0]
        mixed ^= mixed >> np.uint64(32)
    return [_distinct(s) for s in np.split(mixed, np.cumsum(np.maximum(runs, np.minimum(counts, 1)))[:-1])]


def _distinct(values: np.ndarray) -> np.ndarray:
    values = np.sort(values)
    keep = np.ones(len(values), bool)
    keep[1:] = values[1:] != values[:-1]
    return values[keep]


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
        texts = fetch_texts(sorted({d for p in part for d in p}))
        sets = dict(zip(texts, shingle_sets(list(texts.values())), strict=True))
        del texts
        for a, b in part:
            found = verify(sets.get(a, _NONE), sets.get(b, _NONE))
            if found:
                pairs.append(DupPair(a, b, round(found[0], 4), round(found[1], 4)))
    return pairs
