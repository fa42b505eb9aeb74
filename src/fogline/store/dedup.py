"""Near-duplicate candidates: each article's text sample (``store.sample``) is written with the article;
candidates for the new articles come from the samples: the hashes a new article shares with others are
counted by sorting them with their holders (numpy, a slice of the hash space at a time; the holders come
from the row ids, an article's rows following one another), and the pairs that share enough found with a
prefix filter (``shared_pairs``), never every pair that shares a hash."""

from __future__ import annotations

from collections.abc import Callable, Iterator
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
    """(doc_id, text) of articles written before samples were taken, a batch at a time (none: no text read)."""
    missing = store.conn.execute("SELECT count(*) FROM documents ANTI JOIN corpus_sampled USING (doc_id)").fetchall()
    if not missing[0][0]:
        return
    cur = store.conn.cursor()
    cur.execute("SELECT doc_id, text FROM documents WHERE rowid IN (SELECT d.rowid FROM documents d "
                "ANTI JOIN corpus_sampled s USING (doc_id)) ORDER BY 1")  # texts read only where none is sampled
    while rows := cur.fetchmany(batch):
        yield rows
    cur.close()


HASH_PASS = 2_000_000
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
        doc, rank = _held_all(store, names) if new.all() else _held_with_new(conn)
    finally:
        conn.unregister("_fogline_docs")
    a, b = shared_pairs(doc, rank, samples, new)
    return [(names[i], names[j]) for i, j in zip(a.tolist(), b.tolist(), strict=True)]


def _held_all(store: Store, names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(article, rank of hash) of every sampled hash held by 2 to ``MAX_SHARED_BY`` articles (numbered as in
    ``names``; hashes ranked rarest first, then by the value naming them): one slice of the hash space at a time,
    its hashes read with their row ids, which give their articles (``_row_articles``), then grouped by one
    sort (``_shared_rows``)."""
    conn = store.conn
    total = conn.execute("SELECT count(*) FROM corpus_shingles").fetchall()[0][0]
    parts = max(1, -(-total // HASH_PASS))
    bounds = [2**64 * i // parts for i in range(1, parts)]
    articles = _row_articles(conn, {d: i for i, d in enumerate(names)})
    docs, which, values, held = [], [], [], []
    for lo, hi in zip([0, *bounds], [*bounds, None], strict=True):
        where = f"hash >= {lo}" + (f" AND hash < {hi}" if hi is not None else "")
        found = conn.sql(f"SELECT rowid AS r, hash FROM corpus_shingles WHERE {where}").fetchnumpy()
        doc = articles(np.asarray(found["r"], dtype=np.int64))
        doc[doc < 0] = len(names)  # an article not numbered holds its hashes but is not kept
        doc, group, hashes, n = _shared_rows(np.asarray(found["hash"], dtype=np.uint64), doc, len(names) + 1)
        del found
        kept = doc < len(names)
        docs.append(doc[kept])
        which.append(group[kept] + sum(map(len, values)))
        values.append(hashes)
        held.append(n)
    hashes, counts = np.concatenate(values), np.concatenate(held)
    rank = np.empty(len(hashes), np.int32)
    rank[np.lexsort((hashes, counts))] = np.arange(len(hashes), dtype=np.int32)
    return np.concatenate(docs), rank[np.concatenate(which)]


def _row_articles(conn: duckdb.DuckDBPyConnection, number: dict[str, int]) -> Callable[[np.ndarray], np.ndarray]:
    """Row id -> article number (``number``; -1: not numbered) for ``corpus_shingles``: an article's rows are
    written in one statement and deleted together, so they follow one another; read as each article's first
    row (a store where they do not: each row looked up)."""
    runs = conn.sql("SELECT doc_id, min(rowid) AS lo, max(rowid) - min(rowid) + 1 = count(*) AS whole "
                    "FROM corpus_shingles GROUP BY doc_id ORDER BY lo").fetchnumpy()
    first = np.asarray(runs["lo"], dtype=np.int64)
    k = np.fromiter((number.get(d, -1) for d in runs["doc_id"]), dtype=np.int32, count=len(first))
    if np.asarray(runs["whole"]).all():
        return lambda rows: _run_articles(first, k, rows)
    return lambda rows: _lookup_articles(conn, rows)


def _run_articles(first: np.ndarray, k: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The article of each row id, articles ``k`` holding the rows from ``first`` (ascending) to the next:
    where each article's rows begin among ``rows`` when they come in order (as a scan reads them), else each
    row's article searched."""
    if len(rows) and (rows[1:] > rows[:-1]).all():
        return np.repeat(k, np.diff(np.searchsorted(rows, first), append=len(rows)))
    return k[np.searchsorted(first, rows, side="right") - 1]


def _lookup_articles(conn: duckdb.DuckDBPyConnection, rows: np.ndarray) -> np.ndarray:
    conn.register("_fogline_rows", pa.table({"r": rows, "i": np.arange(len(rows))}))
    try:
        found = conn.sql("SELECT coalesce(k.k, -1) AS k FROM corpus_shingles c JOIN _fogline_rows r ON c.rowid = r.r "
                         "LEFT JOIN _fogline_docs k USING (doc_id) ORDER BY r.i").fetchnumpy()
    finally:
        conn.unregister("_fogline_rows")
    return np.asarray(found["k"], dtype=np.int32)


def _shared_rows(h: np.ndarray, doc: np.ndarray, n_docs: int) -> tuple[np.ndarray, ...]:
    """(article of each row kept, which hash it holds, a value naming each hash, how many articles hold each)
    for the hashes in ``h`` (article ``doc`` holds each) held by 2 to ``MAX_SHARED_BY`` articles. One sort
    groups them: each hash's top bits with its article's number in the low bits, a hash named by its top
    bits, when the hashes sorted alone show that no two share their top bits; else (rarely) rows are
    grouped on the whole hash."""
    low = np.uint64((1 << max(1, (n_docs - 1).bit_length())) - 1)
    key = h & ~low
    key |= doc.astype(np.uint64)
    key.sort()
    starts = np.flatnonzero(np.concatenate([[True], (key[1:] ^ key[:-1]) > low]))
    alone = np.sort(h)
    if np.count_nonzero(alone[1:] != alone[:-1]) + 1 == len(starts):
        del alone
        picked, group, first, held = _kept(starts, len(key))
        return (key[picked] & low).astype(np.int32), group, key[first] & ~low, held
    del key, alone
    order = np.lexsort((doc, h))
    h = h[order]
    picked, group, first, held = _kept(np.flatnonzero(np.concatenate([[True], h[1:] != h[:-1]])), len(h))
    return doc[order[picked]].astype(np.int32), group, h[first], held


def _kept(starts: np.ndarray, n: int) -> tuple[np.ndarray, ...]:
    """(rows, group of each, first row of each group, rows a group) of the groups of 2 to ``MAX_SHARED_BY``
    rows among ``n`` rows sorted into groups beginning at ``starts``."""
    held = np.diff(starts, append=n)
    keep = np.flatnonzero((held >= 2) & (held <= MAX_SHARED_BY))
    held = held[keep]
    group = np.repeat(np.arange(len(keep), dtype=np.int32), held)
    picked = np.repeat(starts[keep] - np.cumsum(held) + held, held) + np.arange(len(group))
    return picked, group, starts[keep], held


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
