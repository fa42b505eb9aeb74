"""Writing and reading analysed articles: a batch of articles is one transaction, committed whole or not at
all, and each table gets its rows in one bulk statement (an Arrow table), not row by row."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import duckdb
import pyarrow as pa

from fogline.model import Document, Event, Rejected
from fogline.store.dedup import insert_samples

DOC_TABLES = ("documents", "signals", "removed", "places", "events", "claims")
"""Every table holding rows of one article (the order inserts take; deletes take it reversed)."""


CORPUS_TABLES = ("corpus_shingles", "corpus_sampled", "corpus_signatures")
"""The corpus stage's rows of one article: a re-analysed article is sampled and matched again."""

DOC_COLUMNS = ("doc_id", "source", "title", "published", "outlet", "url", "genre", "is_repost", "encoding", "raw",
               "text", "record")


def insert_document(conn: duckdb.DuckDBPyConnection, doc: Document) -> None:
    """Insert every row of ``doc``; the caller holds the transaction."""
    insert_documents(conn, [doc])


def insert_documents(conn: duckdb.DuckDBPyConnection, docs: list[Document]) -> None:
    """Insert every row of ``docs``, one bulk statement per table; the caller holds the transaction."""
    rows: dict[str, list[list[Any]]] = {table: [] for table in DOC_TABLES}
    for doc in docs:
        for table, table_rows in document_rows(doc).items():
            rows[table].extend(table_rows)
    bulk_insert(conn, "documents", rows.pop("documents"), DOC_COLUMNS)
    for table, table_rows in rows.items():
        bulk_insert(conn, table, table_rows)
    insert_samples(  # the corpus stage's text sample, taken as the text is written
        conn, [(doc.doc_id, doc.text) for doc in docs])


def bulk_insert(conn: duckdb.DuckDBPyConnection, table: str, rows: list[list[Any]],
                columns: tuple[str, ...] | None = None, verb: str = "INSERT") -> None:
    """``rows`` into ``table`` in one statement (an Arrow table scanned by DuckDB, not row by row);
    ``columns`` names the table's columns the rows fill (all of them, in order, when None)."""
    if not rows:
        return
    arrow = pa.table({f"c{i}": pa.array([r[i] for r in rows]) for i in range(len(rows[0]))})
    target = f"{table} ({', '.join(columns)})" if columns else table
    conn.register("_fogline_bulk", arrow)
    try:
        conn.execute(f"{verb} INTO {target} SELECT * FROM _fogline_bulk")
    finally:
        conn.unregister("_fogline_bulk")


def document_rows(doc: Document) -> dict[str, list[list[Any]]]:
    """The rows of one article, by table (``documents`` gets ``DOC_COLUMNS``, the others every column)."""
    record = doc.to_contract()
    events = [_event_row(doc.doc_id, i, ev) for i, ev in enumerate(doc.events)]
    return {
        "documents": [[doc.doc_id, doc.source, doc.title, doc.published, doc.outlet, doc.url, doc.genre,
                       doc.is_repost, doc.encoding, doc.raw, doc.text, json.dumps(record, ensure_ascii=False)]],
        "signals": [[doc.doc_id, i, s.kind, s.detail, s.start, s.end] for i, s in enumerate(doc.signals)],
        "removed": [[doc.doc_id, i, c.kind, c.start, c.end, c.text, c.reason] for i, c in enumerate(doc.removed)],
        "places": [_place_row(doc.doc_id, i, p) for i, p in enumerate(doc.places)],
        "events": events,
        "claims": [_claim_row(doc.doc_id, ev.event_id, j, c) for ev in doc.events for j, c in enumerate(ev.claims)],
    }


def _place_row(doc_id: str, i: int, p: Any) -> list[Any]:
    m = p.mention
    return [doc_id, i, p.name, p.gazetteer_id, p.lat, p.lon, p.country, p.admin1, p.admin2, p.precision,
            m.start if m else None, m.end if m else None, m.text if m else None, p.score]


def _event_row(doc_id: str, i: int, ev: Event) -> list[Any]:
    a1, a2, loc = ev.actor1, ev.actor2, ev.location
    return [ev.event_id, doc_id, i, ev.event_type, ev.sub_event_type, ev.date, ev.date_precision,
            a1.name if a1 else None, a1.country if a1 else None, a1.kind if a1 else None,
            a2.name if a2 else None, a2.country if a2 else None, a2.kind if a2 else None,
            loc.name if loc else None, loc.lat if loc else None, loc.lon if loc else None,
            loc.precision if loc else None, loc.admin1 if loc else None, loc.admin2 if loc else None,
            ev.fatalities, ev.injured, ev.certainty, ev.background,
            " ".join(s.text for s in ev.evidence), json.dumps(ev.to_dict(), ensure_ascii=False)]


def _claim_row(doc_id: str, event_id: str, j: int, c: Any) -> list[Any]:
    ev = c.evidence
    return [event_id, j, doc_id, c.claimant, c.claimant_country, c.stance, ev.start if ev else None,
            ev.end if ev else None, ev.text if ev else None, c.fatalities, c.injured]


def delete_document(conn: duckdb.DuckDBPyConnection, doc_id: str) -> None:
    """Remove every row of one article; the caller holds the transaction."""
    delete_documents(conn, [doc_id])


def delete_documents(conn: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> None:
    """Remove every row of these articles; the caller holds the transaction."""
    if not doc_ids:
        return
    conn.register("_fogline_ids", pa.table({"doc_id": pa.array(doc_ids, pa.string())}))
    try:
        for table in (*CORPUS_TABLES, *reversed(DOC_TABLES)):
            conn.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM _fogline_ids)")
    finally:
        conn.unregister("_fogline_ids")


def stored_ids(conn: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> set[str]:
    """Which of ``doc_ids`` the store already holds."""
    if not doc_ids:
        return set()
    conn.register("_fogline_ids", pa.table({"doc_id": pa.array(doc_ids, pa.string())}))
    try:
        rows = conn.execute("SELECT doc_id FROM documents WHERE doc_id IN (SELECT doc_id FROM _fogline_ids)")
        return {r[0] for r in rows.fetchall()}
    finally:
        conn.unregister("_fogline_ids")


def insert_rejected(conn: duckdb.DuckDBPyConnection, r: Rejected) -> None:
    conn.execute("INSERT INTO rejected (source, reason, size_bytes) VALUES (?, ?, ?)",
                 [storable(r.source), storable(r.reason), r.size])


def storable(text: str) -> str:
    """``text`` with lone surrogates (undecodable file-name bytes) written as escapes: DuckDB takes UTF-8 only."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def iter_documents(conn: duckdb.DuckDBPyConnection, where: str = "", params: list[Any] | None = None,
                   batch: int = 250) -> Iterator[Document]:
    """Documents rebuilt from their contract records, in doc_id order, fetched in batches by id (the ids
    are sorted, not the wide rows, so memory stays bounded whatever the store's size)."""
    ids = [r[0] for r in conn.execute(f"SELECT doc_id FROM documents {where} ORDER BY doc_id", params or []).fetchall()]
    for i in range(0, len(ids), batch):
        chunk = ids[i:i + batch]
        rows = conn.execute("SELECT doc_id, record, raw FROM documents WHERE doc_id BETWEEN ? AND ?",
                            [chunk[0], chunk[-1]]).fetchall()  # a range scans fast; a long IN list does not
        found = {doc_id: (record, raw) for doc_id, record, raw in rows}
        for doc_id in chunk:  # rows in the range that ``where`` left out are skipped
            record, raw = found[doc_id]
            yield Document.from_contract(json.loads(record), raw=raw)
