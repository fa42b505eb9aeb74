"""Near-duplicate candidates in SQL: each article's text sample (``store.sample``) is written with the
article; candidates for the new articles come from one join over the samples."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import duckdb
import numpy as np
import pyarrow as pa

from fogline.store.sample import text_sample

if TYPE_CHECKING:
    from fogline.store import Store

MAX_SHARED_BY = 200
"""A sampled shingle found in more articles than this (boilerplate, a wire formula) proposes no pair."""
MIN_SHARE = 0.4
"""Candidates share at least this part of the smaller sample (verified pairs reach 0.5 or more)."""


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
    cur.execute("SELECT d.doc_id, d.text FROM documents d ANTI JOIN corpus_sampled s USING (doc_id) ORDER BY 1")
    while rows := cur.fetchmany(batch):
        yield rows
    cur.close()


CANDIDATE_CHUNK = 1000
"""New articles joined against the samples at a time: the join's pair counts stay within DuckDB's memory."""
CANDIDATES = f"""
WITH mine AS (SELECT s.doc_id, s.hash FROM corpus_shingles s JOIN _fogline_ids i ON s.doc_id = i.id),
     common AS (SELECT hash FROM corpus_shingles WHERE hash IN (SELECT hash FROM mine)
                GROUP BY hash HAVING count(*) > {MAX_SHARED_BY}),
     shared AS (SELECT m.doc_id AS a, o.doc_id AS b, count(*) AS n FROM mine m
                JOIN corpus_shingles o ON o.hash = m.hash AND o.doc_id <> m.doc_id
                WHERE m.hash NOT IN (SELECT hash FROM common)
                  AND (o.doc_id > m.doc_id OR o.doc_id NOT IN (SELECT id FROM _fogline_new))
                GROUP BY 1, 2)
SELECT least(a, b), greatest(a, b) FROM shared
JOIN corpus_sampled sa ON sa.doc_id = a JOIN corpus_sampled sb ON sb.doc_id = b
WHERE n >= 2 AND n >= {MIN_SHARE} * least(sa.samples, sb.samples)
"""


def candidates(store: Store, doc_ids: list[str]) -> list[tuple[str, str]]:
    """(a, b), a < b, sorted: pairs of a new article and any other whose samples overlap enough to verify.
    A chunk of new articles at a time; a pair of two new articles is taken from the chunk of its first."""
    found: set[tuple[str, str]] = set()
    store.conn.register("_fogline_new", pa.table({"id": pa.array(doc_ids, pa.string())}))
    try:
        for i in range(0, len(doc_ids), CANDIDATE_CHUNK):
            store.conn.register("_fogline_ids", pa.table({"id": pa.array(doc_ids[i:i + CANDIDATE_CHUNK],
                                                                         pa.string())}))
            try:
                found.update((a, b) for a, b in store.conn.execute(CANDIDATES).fetchall())
            finally:
                store.conn.unregister("_fogline_ids")
    finally:
        store.conn.unregister("_fogline_new")
    return sorted(found)


def texts(store: Store, doc_ids: list[str]) -> dict[str, str]:
    """doc_id -> cleaned text of these articles (one join, not a long IN list)."""
    if not doc_ids:
        return {}
    store.conn.register("_fogline_ids", pa.table({"id": pa.array(doc_ids, pa.string())}))
    try:
        return dict(store.conn.execute("SELECT doc_id, text FROM documents WHERE doc_id IN "
                                       "(SELECT id FROM _fogline_ids)").fetchall())
    finally:
        store.conn.unregister("_fogline_ids")
