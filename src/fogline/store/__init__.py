"""The store: an embedded DuckDB file holding analysed articles, rejected inputs and the corpus layer.

All SQL of the project lives in this package. One process writes (DuckDB locks the file); workers
analyse and hand documents to the writer.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import duckdb

from fogline.model import Document, Event, Rejected, event_from_dict
from fogline.store.db import StoreError, connect
from fogline.store.documents import delete_document, insert_document, insert_rejected, iter_documents


class Store:
    """An open fogline database. ``Store.open(":memory:")`` keeps nothing after the process ends."""

    def __init__(self, conn: duckdb.DuckDBPyConnection, path: str) -> None:
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, path: str | Path = "fogline.duckdb") -> Store:
        return cls(connect(path), str(path))

    def close(self) -> None:
        self.conn.close()

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
        return self.conn.execute("SELECT 1 FROM documents WHERE doc_id = ?", [doc_id]).fetchone() is not None

    def add(self, doc: Document, replace: bool = False) -> bool:
        """Store one analysed article whole; False when its doc_id is already there (and not replaced)."""
        try:
            with self.transaction() as conn:
                if self.has(doc.doc_id):
                    if not replace:
                        return False
                    delete_document(conn, doc.doc_id)
                insert_document(conn, doc)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot store {doc.source}: {exc}") from exc
        return True

    def add_rejected(self, r: Rejected) -> None:
        with self.transaction() as conn:
            insert_rejected(conn, r)

    def get(self, doc_id: str) -> Document | None:
        """One document by its exact id."""
        return next(iter_documents(self.conn, "WHERE doc_id = ?", [doc_id]), None)

    def document(self, doc_id: str) -> Document | None:
        """One document by id, or by a unique id prefix."""
        rows = self.conn.execute("SELECT doc_id FROM documents WHERE doc_id LIKE ? || '%' LIMIT 2",
                                 [doc_id]).fetchall()
        return self.get(rows[0][0]) if len(rows) == 1 else None

    def documents(self) -> Iterator[Document]:
        return iter_documents(self.conn)

    def events(self) -> Iterator[tuple[str, Event]]:
        """(doc_id, event) for every stored event, in a stable order."""
        import json

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


__all__ = ["Store", "StoreError"]
