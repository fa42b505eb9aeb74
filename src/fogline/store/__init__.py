"""The store: an embedded DuckDB file holding analysed articles, rejected inputs and the corpus layer.

All SQL of the project lives in this package. One process writes (DuckDB locks the file); workers
analyse and hand documents to the writer.

Concurrency (DuckDB allows one writer process, or many read-only processes, on a file at a time):
``open_read(path)`` gives a read-only store (report, export, show, incidents, a notebook);
``open_write(path)`` a short-lived writable one, retried while another process holds the lock. A
long-running process (``serve``) opens one of these per request and closes it at once, so ``analyze``
can take the write lock between requests.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa

from fogline.model import Document, Event, Rejected, event_from_dict
from fogline.store.db import StoreError, StoreLocked, connect
from fogline.store.documents import (
    PreparedDocument,
    Writable,
    defer_checkpoints,
    delete_document,
    delete_documents,
    event_flags,
    fetch_documents,
    get_document,
    insert_documents,
    insert_rejected,
    iter_doc_facts,
    iter_documents,
    prepare,
    stored_ids,
)
from fogline.store.figures import drop_implausible_figures

WRITE_ERRORS = (duckdb.Error, pa.ArrowException, UnicodeError)
"""What a refused write raises (DuckDB, or Arrow building the bulk rows, or text DuckDB cannot take)."""


class Store:
    """An open fogline database. ``Store.open(":memory:")`` keeps nothing after the process ends."""

    def __init__(self, conn: duckdb.DuckDBPyConnection, path: str, read_only: bool = False,
                 lock_wait_s: float = 0.0) -> None:
        self._conn: duckdb.DuckDBPyConnection | None = conn
        self.path, self.read_only, self.lock_wait_s = path, read_only, lock_wait_s
        self._opened_at = time.monotonic()
        self._one_thread = False

    @classmethod
    def open(cls, path: str | Path = "fogline.duckdb", read_only: bool = False, lock_wait_s: float = 0.0) -> Store:
        """The store at ``path``; ``lock_wait_s``: how long to wait while another process holds the file."""
        return cls(_connect_waiting(path, read_only, lock_wait_s), str(path), read_only, lock_wait_s)

    @property
    def conn(self) -> duckdb.DuckDBPyConnection:
        """The connection, opened again (waiting up to ``lock_wait_s`` for the lock) after ``release``."""
        if self._conn is None:
            self._conn = _connect_waiting(self.path, self.read_only, self.lock_wait_s)
            self._opened_at = time.monotonic()
            if self._one_thread:
                self._conn.execute("SET threads = 1")
        return self._conn

    @contextlib.contextmanager
    def one_thread(self) -> Iterator[Store]:
        """DuckDB on one thread inside the block (and on a connection opened again after ``release``): what
        ``analyze`` writes between chunks is a few small bulk inserts, and DuckDB's worker threads cost the
        writing process more CPU than they save (newsstream, -j 2: 0.35-0.5 s of the writer's threads
        against 0.2 s). The corpus stage, after the block, has every thread again."""
        self._one_thread = True
        self.conn.execute("SET threads = 1")
        try:
            yield self
        finally:
            self._one_thread = False
            if self._conn is not None:
                self._conn.execute("RESET threads")

    def release(self, held_s: float = 0.0) -> None:
        """Close the connection until the next use, so other processes may open the file meanwhile, once
        it has been open ``held_s`` seconds (a long ``analyze`` calls this between chunks: closing
        checkpoints the file, about 0.1-0.5 s on a store of a few thousand articles, so it lets go every
        few seconds rather than after every chunk). Nothing to do for ``:memory:``."""
        if self._conn is not None and self.path != ":memory:" and time.monotonic() - self._opened_at >= held_s:
            self._conn.close()
            self._conn = None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Everything inside commits together or not at all."""
        self.conn.execute("BEGIN TRANSACTION")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def has(self, doc_id: str) -> bool:
        return bool(self.conn.execute("SELECT 1 FROM documents WHERE doc_id = ?", [doc_id]).fetchall())

    def stored(self, doc_ids: list[str]) -> set[str]:
        """Which of ``doc_ids`` the store holds (one query for a whole chunk)."""
        return stored_ids(self.conn, doc_ids)

    def add(self, doc: Writable, replace: bool = False) -> bool:
        """Store one analysed article whole; False when its doc_id is already there (and not replaced).
        Implausible figures are dropped first (see ``store.figures``; a ``PreparedDocument`` has had them
        dropped by ``prepare``)."""
        if isinstance(doc, Document):
            drop_implausible_figures(doc)
        try:
            with self.transaction() as conn:
                if self.has(doc.doc_id):
                    if not replace:
                        return False
                    delete_document(conn, doc.doc_id)
                insert_documents(conn, [doc])
        except WRITE_ERRORS as exc:
            raise StoreError(f"{self.path}: cannot store {doc.source}: {exc}") from exc
        return True

    def add_many(self, docs: list[Writable], replace: bool = False) -> list[bool | Exception]:
        """Store a batch of analysed articles in one transaction, each table in one bulk insert. Per
        article: True (stored), False (its doc_id was already there, or earlier in the batch, and is not
        replaced). Should the batch fail, every article is stored alone (``add``), so one bad article
        fails alone: its exception (a StoreError for a refused write) takes its place in the result and the
        others are kept."""
        for doc in docs:
            if isinstance(doc, Document):
                drop_implausible_figures(doc)
        try:
            with self.transaction() as conn:
                there = stored_ids(conn, [d.doc_id for d in docs])
                if replace:
                    delete_documents(conn, sorted(there))
                outcome, batch = self._batch(docs, set() if replace else there)
                insert_documents(conn, batch)
        except Exception:  # noqa: BLE001 - whatever failed the batch, each article gets its own try
            return [self._add_alone(doc, replace) for doc in docs]
        return outcome

    def defer_checkpoints(self, on: bool = True) -> None:
        """While ``analyze`` writes (``on``), commits checkpoint the file only once the write-ahead log is large
        (``store.documents.WAL_BEFORE_CHECKPOINT``); ``on=False``: DuckDB's default again. A connection opened
        again after ``release`` has the default until called again. Nothing to do for ``:memory:``."""
        if self.path != ":memory:" and (on or self._conn is not None):
            defer_checkpoints(self.conn, on)

    @staticmethod
    def _batch(docs: list[Writable], skip: set[str]) -> tuple[list[bool | Exception], list[Writable]]:
        """(True/False per article, the articles to insert): the first of each new doc_id goes in."""
        outcome: list[bool | Exception] = []
        batch = []
        for doc in docs:
            fresh = doc.doc_id not in skip
            outcome.append(fresh)
            if fresh:
                skip.add(doc.doc_id)
                batch.append(doc)
        return outcome, batch

    def _add_alone(self, doc: Writable, replace: bool) -> bool | Exception:
        try:
            return self.add(doc, replace)
        except Exception as exc:  # noqa: BLE001 - reported in the article's place, never raised
            return exc

    def add_rejected(self, r: Rejected) -> None:
        with self.transaction() as conn:
            insert_rejected(conn, r)

    def get(self, doc_id: str) -> Document | None:
        """One document by its exact id (a primary-key lookup)."""
        return get_document(self.conn, doc_id)

    def document(self, doc_id: str) -> Document | None:
        """One document by id, or by a unique id prefix."""
        rows = self.conn.execute("SELECT doc_id FROM documents WHERE doc_id LIKE ? || '%' LIMIT 2",
                                 [doc_id]).fetchall()
        return self.get(rows[0][0]) if len(rows) == 1 else None

    def documents(self, raw: bool = True) -> Iterator[Document]:
        """Every stored document, in the order the store holds them, streamed in batches (bounded memory);
        ``raw=False`` leaves each one's raw text empty (exports never write it)."""
        return iter_documents(self.conn, raw=raw)

    def doc_outlets(self) -> dict[str, str | None]:
        """doc_id -> outlet of every stored document, in doc_id order."""
        return dict(self.conn.execute("SELECT doc_id, outlet FROM documents ORDER BY doc_id").fetchall())

    def has_reported_events(self) -> bool:
        """Whether any stored event is a reported (not background) one."""
        return self.conn.execute("SELECT 1 FROM events WHERE NOT background LIMIT 1").fetchone() is not None

    def fetch(self, doc_ids: list[str]) -> dict[str, Document]:
        """The stored documents among ``doc_ids``, by id, read in one scan (a page of the report)."""
        return fetch_documents(self.conn, doc_ids)

    def event_flags(self) -> dict[tuple[str, str], bool]:
        """(doc_id, event_id) -> background, for every stored event."""
        return event_flags(self.conn)

    def doc_facts(self) -> Iterator[tuple[object, ...]]:
        """(outlet, genre, is_repost, [(signal kind, detail)]) per document, in doc_id order, streamed."""
        return iter_doc_facts(self.conn)

    def events(self) -> Iterator[tuple[str, Event]]:
        """(doc_id, event) for every stored event, in a stable order."""
        cur = self.conn.cursor()
        cur.execute("SELECT doc_id, record FROM events ORDER BY doc_id, idx")
        while rows := cur.fetchmany(1000):
            for doc_id, record in rows:
                yield doc_id, event_from_dict(json.loads(record))
        cur.close()

    def rejected(self) -> list[Rejected]:
        rows = self.conn.execute("SELECT source, reason, size_bytes FROM rejected ORDER BY rejected_id").fetchall()
        return [Rejected(s, r, n) for s, r, n in rows]

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables (documents, events, claims, places, removed, signals, rejected)."""
        out = {}
        for table in ("documents", "events", "claims", "places", "removed", "signals", "rejected"):
            row = self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out

    def tally(self, what: str, doc_ids: list[str] | None = None) -> dict[str, int]:
        """Counts by kind: ``removed`` (cut kind), ``signals`` (signal kind), ``genre``,
        ``sub_event_type`` or ``certainty``; limited to ``doc_ids`` when given."""
        table, column = TALLIES[what]
        where, params = "", []
        if doc_ids is not None:
            if not doc_ids:
                return {}
            where, params = f"WHERE doc_id IN ({', '.join('?' * len(doc_ids))})", list(doc_ids)
        rows = self.conn.execute(f"SELECT {column}, count(*) FROM {table} {where} GROUP BY 1 ORDER BY 2 DESC, 1",
                                 params).fetchall()
        return {str(k): int(n) for k, n in rows}


TALLIES: dict[str, tuple[str, str]] = {
    "removed": ("removed", "kind"), "signals": ("signals", "kind"), "genre": ("documents", "genre"),
    "sub_event_type": ("events", "sub_event_type"), "certainty": ("events", "certainty"),
}


LOCK_WAIT_S = 10.0
"""How long ``open_write`` waits for another process to release DuckDB's write lock."""
MAX_RETRY_PAUSE_S = 0.25
"""The longest pause between two tries to open a file another process holds."""


@contextlib.contextmanager
def open_read(path: str | Path) -> Iterator[Store]:
    """A read-only store for the length of a ``with`` block; many processes may read at once."""
    store = Store.open(path, read_only=True)
    try:
        yield store
    finally:
        store.close()


def _connect_waiting(path: str | Path, read_only: bool, wait_s: float) -> duckdb.DuckDBPyConnection:
    """``connect``, retried for up to ``wait_s`` seconds while another process holds the file (every
    ``MAX_RETRY_PAUSE_S`` at most, so as not to miss the gaps ``analyze`` leaves between chunks)."""
    deadline, pause = time.monotonic() + wait_s, 0.05
    while True:
        try:
            return connect(path, read_only=read_only)
        except StoreLocked:  # only a lock is waited for: a file that is no store fails at once
            if time.monotonic() >= deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, MAX_RETRY_PAUSE_S)


@contextlib.contextmanager
def open_write(path: str | Path, wait_s: float = LOCK_WAIT_S) -> Iterator[Store]:
    """A writable store for the length of a ``with`` block (keep it short: it holds the write lock).
    While another process holds the lock, retries for up to ``wait_s`` seconds, then raises StoreError."""
    store = Store.open(path, lock_wait_s=wait_s)
    try:
        yield store
    finally:
        store.close()


__all__ = ["LOCK_WAIT_S", "PreparedDocument", "Store", "StoreError", "Writable", "open_read", "open_write", "prepare"]
