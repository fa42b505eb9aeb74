"""The corpus stage's reads and writes at scale: light event rows for blocking, the partition each event
was grouped in, full event records one batch of partitions at a time, and the incidents of a batch.

Everything here reads columns in bulk (DuckDB extracts the JSON fields) and writes Arrow tables in one
statement; the Python side never holds more than one batch of full event records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from fogline.store.db import READ_MEMORY_LIMIT, WRITE_MEMORY_LIMIT

if TYPE_CHECKING:
    from fogline.store import Store

T = TypeVar("T")

MEMORY_LIMIT = "128MB"
"""DuckDB's buffer pool while the corpus stage runs on a store file (the writer's is larger): the stage reads
columns and one batch at a time, so its scans evict and its joins spill rather than keep the store's pages,
and what the stage holds stays about the same as the store grows (peak RSS at 25,000 articles 633 MB under
256 MB, 521 under 128). Should DuckDB run out of memory under it, ``within_bounded_memory`` runs the stage
again under the writer's limit."""
FLUSH_THRESHOLD = "16MB"
"""Memory DuckDB's allocator gives back to the system once freed beyond this (its default keeps 128 MB)."""
CHECKPOINT_THRESHOLD = "64MB"
"""Write-ahead log the stage lets grow before DuckDB checkpoints it into the file (its default, 16 MB, made a
checkpoint every two or three batches at 25,000 articles: 1.4 s of the writer's 3.7 s of writes, against 0.9 s
under this, and 0.7 s with no checkpoint at all, but DuckDB then holds the whole log's rows in memory). A batch
commits to the log as before, so a kill loses nothing committed (the log is replayed on the next open). No
checkpoint at the stage's end: closing the store makes one (a checkpoint there also wrote the articles stored
before the stage, 1.2 s of CPU for 100 articles added to a 25,000-article store)."""


def within_bounded_memory(store: Store, run: Callable[[], T]) -> T:
    """``run()`` (the corpus stage) under ``bounded_memory``; should DuckDB run out of memory there, ``run()``
    once more under the writer's limit. The stage commits a batch at a time and picks up what is not yet
    written, so the second run finishes the first's work and the result is the same."""
    try:
        with bounded_memory(store):
            return run()
    except duckdb.OutOfMemoryException:
        return run()


@contextmanager
def bounded_memory(store: Store) -> Iterator[None]:
    """Hold DuckDB to ``MEMORY_LIMIT`` for the length of a ``with`` block (a store file only), checkpointing
    the log past ``CHECKPOINT_THRESHOLD`` only."""
    if store.path == ":memory:":
        yield
        return
    was = store.conn.execute("SELECT current_setting('allocator_flush_threshold'), "
                             "current_setting('checkpoint_threshold')").fetchone()
    flush, checkpoint = was if was else ("128MB", "16MB")
    store.conn.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    store.conn.execute(f"SET allocator_flush_threshold = '{FLUSH_THRESHOLD}'")
    store.conn.execute(f"SET checkpoint_threshold = '{CHECKPOINT_THRESHOLD}'")
    try:
        yield
    finally:  # what ``db.connect`` set
        store.conn.execute(f"SET memory_limit = '{READ_MEMORY_LIMIT if store.read_only else WRITE_MEMORY_LIMIT}'")
        store.conn.execute(f"SET allocator_flush_threshold = '{flush}'")
        store.conn.execute(f"SET checkpoint_threshold = '{checkpoint}'")


LIGHT_SQL = """
WITH j AS (SELECT event_id, doc_id, event_date, coalesce(date_precision, 'unknown') AS date_precision, latitude,
                  longitude, geo_precision, admin1, sub_event_type, md5(record) AS record_md5,
                  json_extract_string(record, ['$.location.placetype', '$.location.country', '$.location.gazetteer_id',
                                               '$.location.admin2', '$.location.name', '$.certainty']) AS f
           FROM events WHERE NOT background)
SELECT event_id, doc_id, event_date, date_precision, latitude, longitude, geo_precision, f[1], f[2], admin1,
       sub_event_type, f[3], f[4], coalesce(f[6], 'stated'), record_md5, coalesce(f[5], '')
FROM j
"""
DIGEST_SQL = """
SELECT md5(concat_ws(chr(31), t.record_md5, d.outlet, d.published, d.url, d.title, d.genre, d.is_repost::VARCHAR,
                     c.origin_doc_id, s.kinds))
FROM _fogline_digests t JOIN documents d USING (doc_id)
LEFT JOIN corpus_copies c USING (doc_id)
LEFT JOIN (SELECT doc_id, string_agg(kind, ',' ORDER BY idx) AS kinds FROM signals GROUP BY doc_id) s USING (doc_id)
ORDER BY t.n
"""


def light_rows(conn: duckdb.DuckDBPyConnection) -> Iterator[tuple]:
    """(event_id, doc_id, date, date precision, lat, lon, geo precision, placetype, country, admin1,
    sub_event_type, gazetteer id, admin2, certainty, md5 of the record, place name) of every reported event.
    Reads only what the near-duplicates leave as it is, so it may run (on a cursor of its own) while they
    are worked out; ``digests`` then adds what they change."""
    cur = conn.cursor()
    try:
        cur.execute(LIGHT_SQL)
        while rows := cur.fetchmany(10000):
            yield from rows
    finally:
        cur.close()


def digests(store: Store, doc_ids: list[str], record_md5s: list[str]) -> list[str]:
    """For each event (its article and its record's md5, ``light_rows``), a digest that changes when anything
    grouping reads changes: the record, the article's fields and signals, the article it copies."""
    n = len(doc_ids)
    store.conn.register("_fogline_digests", pa.table({"n": pa.array(range(n), pa.int64()),
                                                      "doc_id": pa.array(doc_ids, pa.string()),
                                                      "record_md5": pa.array(record_md5s, pa.string())}))
    try:
        found = [row[0] for row in store.conn.execute(DIGEST_SQL).fetchall()]
    finally:
        store.conn.unregister("_fogline_digests")
    if len(found) != n:
        raise RuntimeError(f"corpus stage: {n - len(found)} events' articles vanished while the stage ran")
    return found


def stored_parts(store: Store) -> dict[str, tuple[str, str]]:
    """event_id -> (partition, digest) as of the last corpus run."""
    rows = store.conn.execute("SELECT event_id, part, digest FROM corpus_parts").fetchall()
    return {e: (p, d) for e, p, d in rows}


class Records:
    """(doc_id, record JSON) of a batch's events as two Arrow columns: they cross to a worker as a few buffers,
    and iterate there as (doc_id, record as UTF-8 bytes) pairs (what ``orjson.loads`` takes) without the
    writer ever making a Python object per event."""

    __slots__ = ("table",)

    def __init__(self, table: pa.Table) -> None:
        self.table = table

    def __len__(self) -> int:
        return self.table.num_rows

    def __iter__(self) -> Iterator[tuple[str, bytes]]:
        return zip(self.table.column(0).to_pylist(), self.table.column(1).to_pylist(), strict=True)


def raw_event_records(store: Store, event_ids: list[str]) -> Records:
    """(doc_id, record JSON) of these events, by article and position (parsed where they are grouped).
    The events are found by id on the id column alone, then read by row id: the scan of the wide columns
    skips every other row instead of reading all the records to join them."""
    with _ids(store.conn, event_ids):
        return Records(store.conn.sql("SELECT doc_id, encode(record) AS record FROM events WHERE rowid IN "
                                      "(SELECT rowid FROM events WHERE event_id IN (SELECT id FROM _fogline_ids)) "
                                      "ORDER BY doc_id, idx").to_arrow_table())


_TEXT, _INT, _REAL, _BOOL = pa.string(), pa.int64(), pa.float64(), pa.bool_()
COLUMNS: dict[str, list[tuple[str, pa.DataType]]] = {
    "incidents": [
        ("incident_id", _TEXT), ("event_type", _TEXT), ("sub_event_type", _TEXT), ("event_date", _TEXT),
        ("date_end", _TEXT), ("location", _TEXT), ("latitude", _REAL), ("longitude", _REAL),
        ("geo_precision", _INT), ("country", _TEXT), ("admin1", _TEXT), ("admin2", _TEXT),
        ("fatalities_low", _INT), ("fatalities_best", _INT), ("fatalities_high", _INT), ("n_reports", _INT),
        ("independent_sources", _INT), ("contested", _BOOL), ("satire_only", _BOOL), ("confidence", _REAL),
        ("fingerprint", _TEXT), ("record", _TEXT)],
    "incident_reports": [("event_id", _TEXT), ("incident_id", _TEXT), ("doc_id", _TEXT)],
    "corpus_parts": [("event_id", _TEXT), ("part", _TEXT), ("digest", _TEXT)],
}
"""The columns the stage writes, typed, so the Arrow table it inserts is built without inferring types."""


def arrow_rows(table: str, rows: list[list[Any]]) -> pa.Table:
    """``rows`` (every column of ``table``, in order) as a typed Arrow table (built where the rows are made:
    a worker's table crosses to the writer as a few buffers, not as objects)."""
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(COLUMNS[table])
    return pa.table({name: pa.array(col, kind) for (name, kind), col in zip(COLUMNS[table], columns, strict=True)})


def insert_table(conn: duckdb.DuckDBPyConnection, table: str, arrow: pa.Table) -> None:
    """An Arrow table of ``table``'s columns, in order, into ``table`` in one statement."""
    if not arrow.num_rows:
        return
    conn.register("_fogline_rows", arrow)
    try:
        conn.execute(f"INSERT INTO {table} SELECT * FROM _fogline_rows")
    finally:
        conn.unregister("_fogline_rows")


def insert_rows(conn: duckdb.DuckDBPyConnection, table: str, rows: list[list[Any]]) -> None:
    """``rows`` (every column of ``table``, in order) into ``table`` in one statement, from typed Arrow columns."""
    if rows:
        insert_table(conn, table, arrow_rows(table, rows))


def save_parts(conn: duckdb.DuckDBPyConnection, rows: list[list[str]]) -> None:
    """Record (event_id, partition, digest) of freshly grouped events; the caller holds the transaction."""
    with _ids(conn, [r[0] for r in rows]):
        conn.execute("DELETE FROM corpus_parts WHERE event_id IN (SELECT id FROM _fogline_ids)")
    insert_rows(conn, "corpus_parts", rows)


def drop_vanished(store: Store) -> int:
    """Forget the incidents of events no longer stored (a re-analysed or removed article) and the partitions
    they were in, so the rest of those partitions is grouped again. Returns the incidents removed."""
    with store.transaction() as conn:
        gone = conn.execute("SELECT DISTINCT r.incident_id FROM incident_reports r LEFT JOIN events e USING (event_id) "
                            "WHERE e.event_id IS NULL OR e.background").fetchall()
        ids = [g[0] for g in gone]
        with _ids(conn, ids):
            conn.execute("DELETE FROM incident_reports WHERE incident_id IN (SELECT id FROM _fogline_ids)")
            conn.execute("DELETE FROM incidents WHERE incident_id IN (SELECT id FROM _fogline_ids)")
        conn.execute("DELETE FROM corpus_keys WHERE part IN (SELECT part FROM corpus_parts WHERE event_id NOT IN "
                     "(SELECT event_id FROM events WHERE NOT background))")
        conn.execute("DELETE FROM corpus_parts WHERE part IN (SELECT part FROM corpus_parts WHERE event_id NOT IN "
                     "(SELECT event_id FROM events WHERE NOT background))")  # the rest of their partitions: again
    return len(ids)


def scoped_fingerprints(conn: duckdb.DuckDBPyConnection, event_ids: list[str]) -> dict[str, str]:
    """incident_id -> fingerprint of the stored incidents holding any of these events."""
    with _ids(conn, event_ids):
        return dict(conn.execute("SELECT i.incident_id, i.fingerprint FROM incidents i WHERE i.incident_id IN "
                                 "(SELECT incident_id FROM incident_reports WHERE event_id IN "
                                 "(SELECT id FROM _fogline_ids))").fetchall())


class _ids:  # noqa: N801 - used as a context manager
    """A list of ids registered as the table ``_fogline_ids`` for the length of a ``with`` block."""

    def __init__(self, conn: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
        self.conn, self.ids = conn, ids

    def __enter__(self) -> None:
        self.conn.register("_fogline_ids", pa.table({"id": pa.array(self.ids, pa.string())}))

    def __exit__(self, *exc: object) -> None:
        self.conn.unregister("_fogline_ids")


def write_batch(store: Store, incidents: pa.Table, reports: pa.Table, kept: list[tuple[str, str]],
                parts: list[list[str]], fresh: list[list[str]]) -> tuple[int, int]:
    """Make the stored incidents of a batch's events (``parts``: event_id, partition, digest) equal the grouped
    ones: ``incidents`` and ``reports``, rows ready to insert (``COLUMNS``), and ``kept``, the (id,
    fingerprint) of those the same as stored. Only incidents that changed are rewritten, and the events'
    partitions are recorded (the ``fresh`` rows of ``parts``: the others are stored as they are); one
    transaction. Returns (written, deleted)."""
    ids = incidents.column("incident_id").to_pylist()
    fps = incidents.column("fingerprint").to_pylist()
    with store.transaction() as conn:
        old = scoped_fingerprints(conn, [row[0] for row in parts])
        if stale := [i for i, fp in kept if old.get(i) != fp]:
            raise RuntimeError(f"corpus stage: incidents {', '.join(stale)} were to be kept as stored, but the "
                               "store holds another version of them (written meanwhile?); nothing was written")
        gone = sorted(set(old).difference(ids, (i for i, _ in kept)))
        changed = [i for i, fp in zip(ids, fps, strict=True) if old.get(i) != fp]
        if len(changed) < len(ids):  # the others are stored as they are
            incidents, reports = _among(incidents, changed), _among(reports, changed)
        if old:  # else no stored incident holds an event of the batch, nor has the id of one it makes
            _replaced(conn, gone + changed, reports)
        insert_table(conn, "incidents", incidents)
        insert_table(conn, "incident_reports", reports)
        save_parts(conn, fresh)
    return len(changed), len(gone)


def _replaced(conn: duckdb.DuckDBPyConnection, incident_ids: list[str], reports: pa.Table) -> None:
    """Delete these incidents and their reports, and any report of the events of ``reports`` (another incident
    held it)."""
    with _ids(conn, incident_ids):
        conn.execute("DELETE FROM incident_reports WHERE incident_id IN (SELECT id FROM _fogline_ids)")
        conn.execute("DELETE FROM incidents WHERE incident_id IN (SELECT id FROM _fogline_ids)")
    with _ids(conn, reports.column("event_id").to_pylist()):
        conn.execute("DELETE FROM incident_reports WHERE event_id IN (SELECT id FROM _fogline_ids)")


def _among(table: pa.Table, incident_ids: list[str]) -> pa.Table:
    """The rows of ``table`` whose incident is one of ``incident_ids``, in order."""
    return table.filter(pc.is_in(table.column("incident_id"), pa.array(incident_ids, pa.string())))


def incident_count(store: Store) -> int:
    row = store.conn.execute("SELECT count(*) FROM incidents").fetchone()
    return int(row[0]) if row else 0
