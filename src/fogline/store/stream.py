"""Incidents read from the store a page at a time, for exports that must not hold them all.

``load_incidents`` (store/incidents.py) gives a list: what the web workspace and the report keep in
memory and filter again and again. An export reads every incident once, so ``iter_incidents`` yields them
in the same order (date, then id) while holding one page: the sort runs over the keys alone (row ids),
then each page's records are read by row id. ``report_index`` says which incident each stored event
belongs to without reading any incident record.
``single_reader`` is what a command that streams the whole store sets first: DuckDB reads one row group at
a time, so it holds one vector of article records (compressed one by one since migration 005: about 10 MB
for 2,048 articles) rather than one per thread.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import groupby
from typing import TYPE_CHECKING

import orjson

from fogline.model import Event, Incident
from fogline.model.event import event_from_dict
from fogline.model.incident import incident_from_dict
from fogline.store.documents import RECORDS_MEMORY_LIMIT

if TYPE_CHECKING:
    from fogline.store import Store

INCIDENT_PAGE = 500
"""Incidents read per query (a page of records, a few MB)."""


def _sorted_rowids(store: Store) -> list[int]:
    rows = store.conn.execute("SELECT rowid FROM incidents ORDER BY event_date NULLS LAST, incident_id").fetchall()
    return [int(r[0]) for r in rows]


def iter_incidents(store: Store, page: int | None = None) -> Iterator[Incident]:
    """Every stored incident, by date then id (``load_incidents``' order), read ``page`` (default
    ``INCIDENT_PAGE``) at a time."""
    page = page or INCIDENT_PAGE
    rowids = _sorted_rowids(store)
    for start in range(0, len(rowids), page):
        chunk = rowids[start:start + page]
        rows = store.conn.execute(  # row ids are ints read from the store: safe inline
            f"SELECT rowid, record FROM incidents WHERE rowid IN ({', '.join(map(str, chunk))})").fetchall()
        records = {int(rowid): record for rowid, record in rows}
        for rowid in chunk:
            yield incident_from_dict(orjson.loads(records[rowid]))


def report_index(store: Store) -> dict[tuple[str, str], str]:
    """(doc_id, event_id) -> incident_id for every event an incident reports."""
    rows = store.conn.execute("SELECT doc_id, event_id, incident_id FROM incident_reports").fetchall()
    return {(doc_id, event_id): incident_id for doc_id, event_id, incident_id in rows}


INCIDENTS_MEMORY_LIMIT = "24MB"
"""DuckDB's cap while an incidents export streams the store: it reads no article record, only pages of 500
incident records, so blocks read once are evicted early (peak RSS of an incidents JSON Lines export at
1,000 / 25,000 articles 170 / 237 MiB under 64 MB, 170 / 198 under 24; under 16 MB DuckDB ran out of memory
and the export ran again under the read-only default, 319 MiB)."""


def export_memory_limit(what: str) -> str:
    """DuckDB's cap for an export of ``what``: the articles' cap (``RECORDS_MEMORY_LIMIT``, room for one
    vector of records compressed one by one) for documents; the small one for incidents, and for events and claims,
    read from the events table (``events_by_document``: events CSV at 1,000 / 25,000 articles 181 / 206 MiB,
    claims Parquet 225 / 252; should they have to read the articles, DuckDB runs out of memory under it and
    the export runs again under the read-only default)."""
    return RECORDS_MEMORY_LIMIT if what == "documents" else INCIDENTS_MEMORY_LIMIT


def single_reader(store: Store) -> None:
    """Let DuckDB scan with one thread (a file store only): two threads decompress two row groups' article
    records at once (peak RSS of an events CSV export at 25,000 articles 376 -> 358 MB)."""
    if store.path != ":memory:":
        store.conn.execute("SET threads = 1")


def iter_stored_incidents(store: Store, batch: int = 500) -> Iterator[Incident]:
    """Every stored incident in the order the store holds them, through one streaming query (no sort, no
    page read by row id): what a reader that orders them itself (the report) reads, at a third of the cost
    of ``iter_incidents``."""
    cur = store.conn.cursor()
    try:
        result = cur.execute("SELECT record FROM incidents")
        while rows := result.fetchmany(batch):
            for (record,) in rows:
                yield incident_from_dict(orjson.loads(record))
    finally:
        cur.close()


def event_flags_of(store: Store, keys: list[tuple[str, str]]) -> dict[tuple[str, str], bool]:
    """(doc_id, event_id) -> whether the event is a background mention, for these stored events only (a
    page of the report's incidents), so that no map of every event is held."""
    if not keys:
        return {}
    rows = store.conn.execute(
        "SELECT doc_id, event_id, background FROM events WHERE event_id IN (SELECT unnest(?))",
        [sorted({event_id for _, event_id in keys})]).fetchall()
    wanted = set(keys)
    return {(d, e): bool(b) for d, e, b in rows if (d, e) in wanted}


_EVENTS_FOLLOW_DOCUMENTS = """
SELECT count(*) FILTER (WHERE dr IS NULL OR pd > dr OR (pd = dr AND pi >= idx))
FROM (SELECT d.rowid AS dr, e.idx, lag(d.rowid) OVER w AS pd, lag(e.idx) OVER w AS pi
      FROM events e LEFT JOIN documents d USING (doc_id) WINDOW w AS (ORDER BY e.rowid))
"""


EVENT_BATCH = 1000
"""Events per fetch while ``events_by_document`` streams the events table (a few KB each)."""


DocEvents = tuple[str, list[Event], dict[str, str]]
"""(doc_id, its events in order, event_id -> incident_id of those an incident reports)."""


def events_by_document(store: Store, batch: int | None = None) -> Iterator[DocEvents] | None:
    """(doc_id, its events in order, event_id -> incident_id of those an incident reports) for every stored
    article with events, in the store's order of articles, read from the events and report tables alone (a
    few KB a row, never the articles' records, and no map of every event); None when the events table's
    order does not follow the articles' (then read the articles). Rows are written article by article in
    one order in both tables, so it does unless a store was assembled otherwise."""
    row = store.conn.execute(_EVENTS_FOLLOW_DOCUMENTS).fetchone()
    if row is None or row[0]:
        return None
    return _grouped_events(store, batch or EVENT_BATCH)


def _grouped_events(store: Store, batch: int) -> Iterator[DocEvents]:
    cur = store.conn.cursor()
    try:
        result = cur.execute("SELECT doc_id, record FROM events")
        held: list[tuple[str, Event]] = []  # the last article's events may go on in the next batch
        while rows := result.fetchmany(batch):
            held += [(doc_id, event_from_dict(json.loads(record))) for doc_id, record in rows]
            last = held[-1][0]
            done = [h for h in held if h[0] != last]
            held = held[len(done):]
            yield from _by_document(store, done)
        yield from _by_document(store, held)
    finally:
        cur.close()


def _by_document(store: Store, events: list[tuple[str, Event]]) -> Iterator[DocEvents]:
    if not events:
        return
    found = store.conn.execute("SELECT doc_id, event_id, incident_id FROM incident_reports WHERE event_id IN "
                               "(SELECT unnest(?))", [[ev.event_id for _, ev in events]]).fetchall()
    incident_of = {(d, e): i for d, e, i in found}
    for doc_id, group in groupby(events, key=lambda h: h[0]):
        evs = [ev for _, ev in group]
        yield doc_id, evs, {ev.event_id: incident_of[doc_id, ev.event_id] for ev in evs
                            if (doc_id, ev.event_id) in incident_of}
