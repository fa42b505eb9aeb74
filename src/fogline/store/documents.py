"""Writing and reading analysed articles: one transaction per article, committed whole or not at all."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import duckdb

from fogline.model import Document, Event, Rejected

DOC_TABLES = ("signals", "removed", "places", "claims", "events", "documents")


def insert_document(conn: duckdb.DuckDBPyConnection, doc: Document) -> None:
    """Insert every row of ``doc``; the caller holds the transaction."""
    record = doc.to_contract()
    conn.execute(
        "INSERT INTO documents (doc_id, source, title, published, outlet, url, genre, is_repost, encoding, raw, "
        "text, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [doc.doc_id, doc.source, doc.title, doc.published, doc.outlet, doc.url, doc.genre, doc.is_repost,
         doc.encoding, doc.raw, doc.text, json.dumps(record, ensure_ascii=False)],
    )
    _insert_many(conn, "signals", [[doc.doc_id, i, s.kind, s.detail, s.start, s.end]
                                   for i, s in enumerate(doc.signals)])
    _insert_many(conn, "removed", [[doc.doc_id, i, c.kind, c.start, c.end, c.text, c.reason]
                                   for i, c in enumerate(doc.removed)])
    _insert_many(conn, "places", [_place_row(doc.doc_id, i, p) for i, p in enumerate(doc.places)])
    for i, ev in enumerate(doc.events):
        _insert_event(conn, doc.doc_id, i, ev)


def _insert_many(conn: duckdb.DuckDBPyConnection, table: str, rows: list[list[Any]]) -> None:
    if rows:
        marks = ", ".join("?" * len(rows[0]))
        conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)


def _place_row(doc_id: str, i: int, p: Any) -> list[Any]:
    m = p.mention
    return [doc_id, i, p.name, p.gazetteer_id, p.lat, p.lon, p.country, p.admin1, p.admin2, p.precision,
            m.start if m else None, m.end if m else None, m.text if m else None, p.score]


def _insert_event(conn: duckdb.DuckDBPyConnection, doc_id: str, i: int, ev: Event) -> None:
    a1, a2, loc = ev.actor1, ev.actor2, ev.location
    conn.execute(
        "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [ev.event_id, doc_id, i, ev.event_type, ev.sub_event_type, ev.date, ev.date_precision,
         a1.name if a1 else None, a1.country if a1 else None, a1.kind if a1 else None,
         a2.name if a2 else None, a2.country if a2 else None, a2.kind if a2 else None,
         loc.name if loc else None, loc.lat if loc else None, loc.lon if loc else None,
         loc.precision if loc else None, loc.admin1 if loc else None, loc.admin2 if loc else None,
         ev.fatalities, ev.injured, ev.certainty, ev.background,
         " ".join(s.text for s in ev.evidence), json.dumps(ev.to_dict(), ensure_ascii=False)],
    )
    _insert_many(conn, "claims", [
        [ev.event_id, j, doc_id, c.claimant, c.claimant_country, c.stance,
         c.evidence.start if c.evidence else None, c.evidence.end if c.evidence else None,
         c.evidence.text if c.evidence else None, c.fatalities, c.injured]
        for j, c in enumerate(ev.claims)
    ])


def delete_document(conn: duckdb.DuckDBPyConnection, doc_id: str) -> None:
    """Remove every row of one article; the caller holds the transaction."""
    for table in DOC_TABLES:
        conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])


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
