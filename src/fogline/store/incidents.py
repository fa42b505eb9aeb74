"""The corpus layer's tables: matched-article markers, duplicate pairs, copies, incidents and their reports.

Reads give model records or plain rows; ``write_incidents`` replaces only the incidents that changed,
in one transaction, each table in one bulk statement.
``load_incidents`` / ``load_incident`` are what exports, reports and the web read.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

import duckdb
import numpy as np
import orjson
import pyarrow as pa

from fogline.model import Incident
from fogline.model.incident import incident_from_dict
from fogline.store.documents import bulk_insert

if TYPE_CHECKING:
    from fogline.store import Store

DocRow = tuple[str, str | None, str | None, str | None, str | None, str, bool]


def doc_rows(store: Store) -> list[DocRow]:
    """(doc_id, outlet, published, url, title, genre, is_repost) of every stored article."""
    return store.conn.execute("SELECT doc_id, outlet, published, url, title, genre, is_repost FROM documents "
                              "ORDER BY doc_id").fetchall()


def doc_signals(store: Store) -> list[tuple[str, str, str | None]]:
    """(doc_id, kind, detail) of every stored signal."""
    return store.conn.execute("SELECT doc_id, kind, detail FROM signals ORDER BY doc_id, idx").fetchall()


def unsigned_ids(store: Store) -> list[str]:
    """Ids of the articles not yet matched for near-duplicates (the new ones), in order."""
    rows = store.conn.execute("SELECT d.doc_id FROM documents d LEFT JOIN corpus_signatures s "
                              "USING (doc_id) WHERE s.doc_id IS NULL ORDER BY d.doc_id").fetchall()
    return [r[0] for r in rows]


def save_dedup(store: Store, sigs: dict[str, tuple[int, np.ndarray]], pairs: list[tuple[str, str, float, float]],
               copies: dict[str, str]) -> None:
    """Add new signatures (doc_id -> (shingle count, values)) and pairs; replace the copy -> origin map."""
    with store.transaction() as conn:
        _delete_ids(conn, "corpus_signatures", "doc_id", sorted(sigs))
        bulk_insert(conn, "corpus_signatures",
                    [[d, len(v), n, v.astype(np.uint64)] for d, (n, v) in sorted(sigs.items())])
        unique = {(a, b): [a, b, j, c] for a, b, j, c in pairs}  # the last of a repeated pair wins
        _delete_ids(conn, "corpus_duplicate_pairs", "doc_a || chr(31) || doc_b", [f"{a}\x1f{b}" for a, b in unique])
        bulk_insert(conn, "corpus_duplicate_pairs", list(unique.values()))
        conn.execute("DELETE FROM corpus_copies")
        bulk_insert(conn, "corpus_copies", [list(kv) for kv in sorted(copies.items())])


def duplicate_pairs(store: Store) -> list[tuple[str, str, float, float]]:
    return store.conn.execute("SELECT doc_a, doc_b, jaccard, containment FROM corpus_duplicate_pairs "
                              "ORDER BY doc_a, doc_b").fetchall()


def copies(store: Store) -> dict[str, str]:
    """copy doc_id -> origin doc_id."""
    return dict(store.conn.execute("SELECT doc_id, origin_doc_id FROM corpus_copies").fetchall())


def fingerprint(incident: Incident) -> tuple[str, str]:
    """(record JSON, its hash): an incident whose fingerprint is unchanged is not rewritten."""
    record = incident.to_json()
    return record, hashlib.sha1(record.encode("utf-8")).hexdigest()


def record_row(inc: Incident) -> list[Any]:
    """``incident_row`` with the record as the UTF-8 bytes the fingerprint hashes (an Arrow string column takes
    them as they are)."""
    record = inc.to_json_bytes()
    return incident_row(inc, record, hashlib.sha1(record).hexdigest())


def fingerprints(store: Store) -> dict[str, str]:
    return dict(store.conn.execute("SELECT incident_id, fingerprint FROM incidents").fetchall())


def incident_row(inc: Incident, record: str | bytes, fp: str) -> list[Any]:
    loc = inc.location
    return [inc.incident_id, inc.event_type, inc.sub_event_type, inc.date, inc.date_end,
            loc.name if loc else None, loc.lat if loc else None, loc.lon if loc else None,
            loc.precision if loc else None, loc.country if loc else None, loc.admin1 if loc else None,
            loc.admin2 if loc else None, inc.fatalities_low, inc.fatalities_best, inc.fatalities_high,
            len(inc.reports), inc.independent_sources, inc.contested, inc.satire_only, inc.confidence, fp, record]


def write_incidents(store: Store, incidents: list[Incident]) -> tuple[int, int]:
    """Make the stored incidents equal ``incidents``, touching only those that changed.
    Returns (written, deleted)."""
    old = fingerprints(store)
    keep = {inc.incident_id for inc in incidents}
    gone = sorted(set(old) - keep)
    changed = []
    for inc in incidents:
        record, fp = fingerprint(inc)
        if old.get(inc.incident_id) != fp:
            changed.append((inc, record, fp))
    reports = {r.event_id: [r.event_id, inc.incident_id, r.doc_id] for inc, _, _ in changed for r in inc.reports}
    with store.transaction() as conn:
        ids = gone + [inc.incident_id for inc, _, _ in changed]
        _delete_ids(conn, "incident_reports", "incident_id", ids)
        _delete_ids(conn, "incidents", "incident_id", ids)
        _delete_ids(conn, "incident_reports", "event_id", sorted(reports))  # a report another incident held
        bulk_insert(conn, "incidents", [incident_row(inc, rec, fp) for inc, rec, fp in changed])
        bulk_insert(conn, "incident_reports", list(reports.values()))
    return len(changed), len(gone)


def _delete_ids(conn: duckdb.DuckDBPyConnection, table: str, column: str, ids: list[str]) -> None:
    """Delete the rows of ``table`` whose ``column`` is one of ``ids``, in one statement."""
    if ids:
        conn.register("_fogline_ids", pa.table({"id": pa.array(ids, pa.string())}))
        try:
            conn.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT id FROM _fogline_ids)")
        finally:
            conn.unregister("_fogline_ids")


def load_incidents(store: Store, since: str | None = None, place: str | None = None,
                   contested: bool | None = None) -> list[Incident]:
    """Stored incidents, by date then id; ``since`` (YYYY-MM-DD) keeps dated ones from then on,
    ``place`` matches the location, district or region name (case-insensitive substring)."""
    where, params = [], []
    if since:
        where.append("event_date >= ? AND event_date NOT LIKE 'X%'")
        params.append(since)
    if place:
        where.append("(location ILIKE ? OR admin1 ILIKE ? OR admin2 ILIKE ?)")
        params += [f"%{place}%"] * 3
    if contested is not None:
        where.append("contested = ?")
        params.append(contested)
    sql = "SELECT record FROM incidents" + (" WHERE " + " AND ".join(where) if where else "")
    rows = store.conn.execute(sql + " ORDER BY event_date NULLS LAST, incident_id", params).fetchall()
    return [incident_from_dict(orjson.loads(r[0])) for r in rows]


def load_incident(store: Store, incident_id: str) -> Incident | None:
    """One incident by id or unique id prefix."""
    rows = store.conn.execute("SELECT record FROM incidents WHERE incident_id LIKE ? || '%' LIMIT 2",
                              [incident_id]).fetchall()
    return incident_from_dict(orjson.loads(rows[0][0])) if len(rows) == 1 else None


def incident_of(store: Store, event_id: str) -> str | None:
    row = store.conn.execute("SELECT incident_id FROM incident_reports WHERE event_id = ?", [event_id]).fetchone()
    return row[0] if row else None
