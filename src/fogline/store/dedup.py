"""Near-duplicate candidates: each article's text sample (``store.sample``) is written with the article;
candidates for the new articles come from the samples: the hashes a new article shares with others are
counted by sorting them (numpy, a slice of the hash space at a time), their holders read in one join, and
the pairs that share enough found with a prefix filter (``shared_pairs``), never every pair that shares a
hash."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import duckdb
import numpy as np
import pyarrow as pa
from scipy.sparse import csr_matrix

from fogline.store.sample import text_sample

if TYPE_CHECKING:
    from fogline.store import Store

MAX_SHARED_BY = 200
"""A sampled shingle found in more articles than this (boilerplate, a wire formula) proposes no pair."""
MIN_SHARE = 0.4
"""Candidates share at least this part of the smaller sample (verified pairs reach 0.5 or more)."""
SHARE_NUM, SHARE_DEN = 2, 5
"""``MIN_SHARE`` as a fraction, for exact integer comparisons."""


def insert_samples(conn: duckdb.DuckDBPyConnection, texts: list[tuple[str, str]]) -> None:
    """Sample and store (doc_id, text) pairs; the caller holds the transaction."""
    insert_sampled(conn, [(doc_id, text_sample(text)) for doc_id, text in texts])


def insert_sampled(conn: duckdb.DuckDBPyConnection, sampled: list[tuple[str, np.ndarray]]) -> None:
    """Store (doc_id, its text sample) pairs (``store.sample.text_sample``); the caller holds the transaction."""
    if not sampled:
        return
    samples = [s for _, s in sampled]
    ids = pa.array([d for d, s in sampled for _ in range(len(s))], pa.string())
    hashes = pa.array(np.concatenate(samples) if samples else np.array([], np.uint64), pa.uint64())
    conn.register("_fogline_sample", pa.table({"doc_id": ids, "hash": hashes}))
    try:
        conn.execute("INSERT INTO corpus_shingles SELECT doc_id, hash FROM _fogline_sample")
    finally:
        conn.unregister("_fogline_sample")
    conn.register("_fogline_sampled", pa.table({"doc_id": [d for d, _ in sampled], "n": [len(s) for s in samples]}))
    try:
        conn.execute("INSERT OR REPLACE INTO corpus_sampled SELECT doc_id, n FROM _fogline_sampled")
    finally:
        conn.unregister("_fogline_sampled")


def unsampled(store: Store, batch: int = 500) -> Iterator[list[tuple[str, str]]]:
    """(doc_id, text) of articles written before samples were taken, a batch at a time."""
    cur = store.conn.cursor()
    cur.execute("SELECT doc_id, text FROM documents WHERE rowid IN (SELECT d.rowid FROM documents d "
                "ANTI JOIN corpus_sampled s USING (doc_id)) ORDER BY 1")  # texts read only where none is sampled
    while rows := cur.fetchmany(batch):
        yield rows
    cur.close()


HASH_PASS = 4_000_000
"""Sampled hashes counted at a time (a slice of the hash space each): what the count holds in memory."""
PAIR_CHUNK = 200_000
"""Candidate pairs whose shared samples are counted at a time."""


def candidates(store: Store, doc_ids: list[str]) -> list[tuple[str, str]]:
    """(a, b), a < b, sorted: pairs of a new article (``doc_ids``) and any other whose samples overlap enough
    to verify: at least two shared hashes and ``MIN_SHARE`` of the smaller sample, hashes held by more than
    ``MAX_SHARED_BY`` articles left out (boilerplate). Hashes are counted in numpy and the pairs found with
    a prefix filter (``shared_pairs``)."""
    rows = store.conn.execute("SELECT doc_id, samples FROM corpus_sampled ORDER BY doc_id").fetchall()
    names = [r[0] for r in rows]
    fresh = set(doc_ids)
    new = np.fromiter((d in fresh for d in names), dtype=bool, count=len(names))
    if not new.any():
        return []
    samples = np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows))
    conn = store.conn
    conn.register("_fogline_docs", pa.table({"doc_id": pa.array(names, pa.string()),
                                             "k": pa.array(np.arange(len(names), dtype=np.int64)), "new": new}))
    try:
        doc, rank = _held_all(conn) if new.all() else _held_with_new(conn)
    finally:
        conn.unregister("_fogline_docs")
    a, b = shared_pairs(doc, rank, samples, new)
    return [(names[i], names[j]) for i, j in zip(a.tolist(), b.tolist(), strict=True)]


def _held_all(conn: duckdb.DuckDBPyConnection) -> tuple[np.ndarray, np.ndarray]:
    """(article, rank of hash) of every sampled hash held by 2 to ``MAX_SHARED_BY`` articles (``_fogline_docs``
    numbers the articles; hashes ranked rarest first, then by value): the hashes counted by sorting, one slice
    of the hash space at a time, then their holders read in one join."""
    total = conn.execute("SELECT count(*) FROM corpus_shingles").fetchall()[0][0]
    parts = max(1, -(-total // HASH_PASS))
    bounds = [2**64 * i // parts for i in range(1, parts)]
    slices = [_held_by_some(conn, f"hash >= {lo}" + (f" AND hash < {hi}" if hi is not None else ""))
              for lo, hi in zip([0, *bounds], [*bounds, None], strict=True)]
    hashes, held = np.concatenate([h for h, _ in slices]), np.concatenate([n for _, n in slices])
    shared = hashes[np.lexsort((hashes, held))]
    conn.register("_fogline_shared", pa.table({"hash": shared, "rank": np.arange(len(shared), dtype=np.int64)}))
    try:
        found = conn.execute("SELECT k.k::INTEGER AS k, s.rank::INTEGER AS rank FROM corpus_shingles c "
                             "JOIN _fogline_shared s USING (hash) JOIN _fogline_docs k USING (doc_id)").fetchnumpy()
    finally:
        conn.unregister("_fogline_shared")
    return np.asarray(found["k"]), np.asarray(found["rank"])


def _held_with_new(conn: duckdb.DuckDBPyConnection) -> tuple[np.ndarray, np.ndarray]:
    """``_held_all`` for the hashes a new article holds: few, so their rows are read at once (articles not
    numbered, -1, are counted but not kept)."""
    mine = pa.table(conn.execute("SELECT DISTINCT hash FROM corpus_shingles WHERE doc_id IN "
                                 "(SELECT doc_id FROM _fogline_docs WHERE new)").fetchnumpy())
    conn.register("_fogline_mine", mine)
    try:
        found = conn.execute("SELECT coalesce(k.k, -1) AS k, c.hash FROM corpus_shingles c LEFT JOIN _fogline_docs k "
                             "USING (doc_id) WHERE c.hash IN (SELECT hash FROM _fogline_mine)").fetchnumpy()
    finally:
        conn.unregister("_fogline_mine")
    doc, hashes = np.asarray(found["k"], dtype=np.int64), np.asarray(found["hash"], dtype=np.uint64)
    values, where, held = np.unique(hashes, return_inverse=True, return_counts=True)
    ok = np.flatnonzero((held >= 2) & (held <= MAX_SHARED_BY))
    rank = np.full(len(values), -1, np.int64)
    rank[ok[np.lexsort((values[ok], held[ok]))]] = np.arange(len(ok))
    rank = rank[where.reshape(-1)]
    keep = (rank >= 0) & (doc >= 0)
    return doc[keep], rank[keep]


def _held_by_some(conn: duckdb.DuckDBPyConnection, where: str) -> tuple[np.ndarray, np.ndarray]:
    """(hash, articles holding it) of the sampled hashes matching ``where`` held by 2 to ``MAX_SHARED_BY``."""
    h = np.sort(np.asarray(conn.execute(f"SELECT hash FROM corpus_shingles WHERE {where}").fetchnumpy()["hash"],
                           dtype=np.uint64))
    starts = np.flatnonzero(np.concatenate([[True], h[1:] != h[:-1]]))
    held = np.diff(np.append(starts, len(h)))
    keep = (held >= 2) & (held <= MAX_SHARED_BY)
    return h[starts[keep]], held[keep]


LOW = np.int64(0xFFFFFFFF)


def shared_pairs(doc: np.ndarray, rank: np.ndarray, samples: np.ndarray,
                 new: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (a < b, sorted) of articles, one of them ``new``, that share at least two hashes and
    ``MIN_SHARE`` of the smaller sample (``samples`` per article); (``doc``, ``rank``): which article holds
    which shared hash, hashes ranked in one fixed order (rarest first).

    A prefix filter keeps it exact without comparing every pair that shares a hash: a pair whose smaller
    sample is ``a``'s shares at least ``need(a) = max(2, ceil(MIN_SHARE * samples[a]))`` hashes, so the
    first ``rows(a) - need(a) + 1`` of ``a``'s hashes by rank hold one of them. Only those are looked up
    among every article's hashes; the candidates' shared hashes are then counted exactly."""
    by_doc = doc.astype(np.int64)
    by_doc <<= 32
    by_doc |= rank
    by_doc.sort()  # in place: (article, rank) pairs take 8 bytes each, built and sorted without copies
    doc, rank = (by_doc >> 32).astype(np.int32), (by_doc & LOW).astype(np.int32)
    del by_doc
    need = np.maximum(2, -(-samples * SHARE_NUM // SHARE_DEN))
    count = np.bincount(doc, minlength=len(samples))
    indptr = np.concatenate([[0], np.cumsum(count)])
    probe = _first(indptr, np.clip(count - need + 1, 0, count))
    holders = rank.astype(np.int64)
    holders <<= 32
    holders |= doc
    holders.sort()
    holders &= LOW  # the articles of each rank, rank by rank
    rank_ptr = np.concatenate([[0], np.cumsum(np.bincount(rank))])
    lo, width = rank_ptr[rank[probe]], np.diff(rank_ptr)[rank[probe]]
    x = np.repeat(doc[probe], width)
    y = holders[np.repeat(lo - np.cumsum(width) + width, width) + np.arange(width.sum())]
    keep = (x != y) & (samples[y] >= samples[x]) & (new[x] | new[y])
    size = np.int64(len(samples))
    pairs = np.unique(np.minimum(x[keep], y[keep]) * size + np.maximum(x[keep], y[keep]))
    held = csr_matrix((np.ones(len(doc), np.int32), rank, indptr), shape=(len(samples), len(rank_ptr) - 1))
    return np.divmod(_enough_shared(pairs, size, held, samples), size)


def _first(indptr: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Positions of the first ``n[i]`` entries of each row ``i`` of a CSR layout (``indptr``), ascending."""
    return np.repeat(indptr[:-1] - np.cumsum(n) + n, n) + np.arange(n.sum())


def _enough_shared(pairs: np.ndarray, size: np.int64, held: csr_matrix, samples: np.ndarray) -> np.ndarray:
    """The pairs (``a * size + b``) whose articles (rows of ``held``) share at least two hashes and
    ``MIN_SHARE`` of the smaller sample."""
    found = [np.zeros(0, np.int64)]
    for i in range(0, len(pairs), PAIR_CHUNK):
        part = pairs[i:i + PAIR_CHUNK]
        a, b = np.divmod(part, size)
        n = np.asarray(held[a].multiply(held[b]).sum(axis=1)).reshape(-1)
        found.append(part[(n >= 2) & (n * SHARE_DEN >= np.minimum(samples[a], samples[b]) * SHARE_NUM)])
    return np.concatenate(found)


def texts(store: Store, doc_ids: list[str]) -> dict[str, str]:
    """doc_id -> cleaned text of these articles (one join, not a long IN list; the articles are found on
    the id column, then their texts read by row id, so the scan skips the other texts)."""
    if not doc_ids:
        return {}
    store.conn.register("_fogline_ids", pa.table({"id": pa.array(doc_ids, pa.string())}))
    try:
        return dict(store.conn.execute("SELECT doc_id, text FROM documents WHERE rowid IN (SELECT rowid FROM "
                                       "documents WHERE doc_id IN (SELECT id FROM _fogline_ids))").fetchall())
    finally:
        store.conn.unregister("_fogline_ids")
