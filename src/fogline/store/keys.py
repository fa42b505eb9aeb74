"""What the corpus stage keeps to run incrementally (``corpus.incremental``): each partition's blocking keys
(stable hashes) and the fingerprint of the rules the incidents were grouped with; and the reads that gather
only the events around a change: the light rows of new, changed and orphaned events and of the partitions they
were in, of chosen articles, the stored partitions some keys meet, and the members of chosen partitions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb
import numpy as np
import pyarrow as pa

from fogline.store.corpus import LIGHT_SQL

if TYPE_CHECKING:
    from fogline.store import Store

_LIGHT = LIGHT_SQL.replace("FROM events WHERE NOT background)",
                           "FROM events WHERE NOT background AND event_id IN (SELECT event_id FROM picked))")
assert _LIGHT != LIGHT_SQL
_STORED = "SELECT l.*, p.part, p.digest FROM ({light}) l LEFT JOIN corpus_parts p ON p.event_id = l.event_id"
REGION_SQL = (
    "WITH seed AS (SELECT event_id FROM events WHERE NOT background AND "
    "(doc_id IN (SELECT id FROM _fogline_docs) OR event_id NOT IN (SELECT event_id FROM corpus_parts))), "
    "picked AS (SELECT event_id FROM seed UNION SELECT event_id FROM corpus_parts WHERE part IN "
    "(SELECT part FROM corpus_parts WHERE event_id IN (SELECT event_id FROM seed))) " + _STORED.format(light=_LIGHT))
DOCS_SQL = "WITH picked AS (SELECT event_id FROM events WHERE doc_id IN (SELECT id FROM _fogline_docs)) " + \
    _STORED.format(light=_LIGHT)


def state(store: Store) -> dict[str, str]:
    """The corpus stage's state rows (``corpus_state``: name -> value)."""
    return dict(store.conn.execute("SELECT name, value FROM corpus_state").fetchall())


def set_state(conn: duckdb.DuckDBPyConnection, values: dict[str, str | None]) -> None:
    """Set (or, for None, remove) state rows; the caller holds the transaction."""
    for name, value in values.items():
        conn.execute("DELETE FROM corpus_state WHERE name = ?", [name])
        if value is not None:
            conn.execute("INSERT INTO corpus_state VALUES (?, ?)", [name, value])


def has_parts(store: Store) -> bool:
    """Whether the corpus stage has grouped anything in this store."""
    return store.conn.execute("SELECT count(*) FROM (SELECT 1 FROM corpus_parts LIMIT 1)").fetchone() != (0,)


def _with(store: Store, name: str, ids: list[str], sql: str) -> list[tuple]:
    store.conn.register(name, pa.table({"id": pa.array(ids, pa.string())}))
    try:
        return store.conn.execute(sql).fetchall()
    finally:
        store.conn.unregister(name)


def region_rows(store: Store, doc_ids: list[str]) -> list[tuple]:
    """Light rows (``store.corpus.light_rows``) and stored (partition, digest) of the events of ``doc_ids``
    and those not in a stored partition (new, or their partition dropped), and of every event of the stored
    partitions any of them is in."""
    return _with(store, "_fogline_docs", doc_ids, REGION_SQL)


def doc_rows(store: Store, doc_ids: list[str]) -> list[tuple]:
    """Light rows and stored (partition, digest) of the events of these articles."""
    return _with(store, "_fogline_docs", doc_ids, DOCS_SQL)


def touched_parts(store: Store, probes: np.ndarray, index: np.ndarray) -> list[str]:
    """Stored partitions holding a key one of ``probes`` is, or probing one of ``index`` (stable hashes)."""
    store.conn.register("_fogline_probes", pa.table({"key": pa.array(np.unique(probes), pa.int64())}))
    store.conn.register("_fogline_index", pa.table({"key": pa.array(np.unique(index), pa.int64())}))
    try:
        return [r[0] for r in store.conn.execute(
            "SELECT DISTINCT part FROM corpus_keys WHERE key IN (SELECT key FROM _fogline_probes) "
            "OR (probe AND key IN (SELECT key FROM _fogline_index)) ORDER BY part").fetchall()]
    finally:
        store.conn.unregister("_fogline_probes")
        store.conn.unregister("_fogline_index")


def part_keys(store: Store, parts: list[str]) -> pa.Table:
    """(part, key, probe) of these partitions, by partition."""
    store.conn.register("_fogline_parts", pa.table({"id": pa.array(parts, pa.string())}))
    try:
        return store.conn.sql("SELECT part, key, probe FROM corpus_keys WHERE part IN (SELECT id FROM _fogline_parts) "
                              "ORDER BY part, probe DESC, key").to_arrow_table()
    finally:
        store.conn.unregister("_fogline_parts")


def part_sizes(store: Store, parts: list[str]) -> dict[str, int]:
    """How many events each of these stored partitions holds."""
    return dict(_with(store, "_fogline_parts", parts, "SELECT part, count(*) FROM corpus_parts WHERE part IN "
                                                      "(SELECT id FROM _fogline_parts) GROUP BY part"))


def part_members(store: Store, parts: list[str]) -> list[tuple[str, str, str, str]]:
    """(event_id, doc_id, partition, digest) of every event of these stored partitions."""
    return _with(store, "_fogline_parts", parts,
                 "SELECT p.event_id, e.doc_id, p.part, p.digest FROM corpus_parts p JOIN events e USING (event_id) "
                 "WHERE p.part IN (SELECT id FROM _fogline_parts)")


def part_count(store: Store) -> int:
    row = store.conn.execute("SELECT count(DISTINCT part) FROM corpus_parts").fetchone()
    return int(row[0]) if row else 0


def write_keys(store: Store, old_parts: list[str] | None, keys: pa.Table | None,
               values: dict[str, str | None]) -> None:
    """Replace the keys of ``old_parts`` (None: of every partition) with ``keys`` (part, key, probe) and set the
    state rows ``values``, in one transaction."""
    with store.transaction() as conn:
        if old_parts is None:
            conn.execute("DELETE FROM corpus_keys")
        elif old_parts:
            conn.register("_fogline_parts", pa.table({"id": pa.array(old_parts, pa.string())}))
            try:
                conn.execute("DELETE FROM corpus_keys WHERE part IN (SELECT id FROM _fogline_parts)")
            finally:
                conn.unregister("_fogline_parts")
        if keys is not None and keys.num_rows:
            conn.register("_fogline_keys", keys)
            try:
                conn.execute("INSERT INTO corpus_keys SELECT * FROM _fogline_keys")
            finally:
                conn.unregister("_fogline_keys")
        set_state(conn, values)


def clear_state(store: Store, names: list[str]) -> None:
    """Remove state rows (before a run that changes what they vouch for)."""
    set_states(store, dict.fromkeys(names))


def set_states(store: Store, values: dict[str, str | None]) -> None:
    """``set_state`` in a transaction of its own."""
    with store.transaction() as conn:
        set_state(conn, values)
