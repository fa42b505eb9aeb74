"""Writing and reading analysed articles: a batch of articles is one transaction, committed whole or not at
all, and each table gets its rows in one bulk statement (an Arrow table), not row by row."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import duckdb
import numpy as np
import pyarrow as pa

from fogline.model import Document, Event, Rejected, Signal
from fogline.model.event import event_from_dict
from fogline.store.dedup import insert_sampled
from fogline.store.figures import drop_implausible_figures
from fogline.store.records import RECORD_COLUMN, RECORD_SQL, pack, unpack, unpack_text
from fogline.store.sample import text_sample

T = TypeVar("T")

DOC_TABLES = ("documents", "signals", "removed", "places", "events", "claims")
"""Every table holding rows of one article (the order inserts take; deletes take it reversed)."""


STREAM_MEMORY_LIMIT = "96MB"
"""DuckDB's memory while ``fogline report`` (and the web workspace's copy) streams a whole store
(``bound_memory``): DuckDB keeps every block a scan read while memory allows, so under the read-only default
(256 MB) a process grows with the store; under a cap blocks are evicted. Set when the cap had to hold one
vector of 2,048 JSON article records decompressed at once (a 64 MB allocation; events CSV at 25,000
articles 507 MB under 256, 358 under 96 MB). Records are now compressed one by one (``records.py``, migration
005) and the exports that read them run under ``RECORDS_MEMORY_LIMIT``; the report reads the text columns
(still compressed a vector at a time) and keeps this cap (not measured again lower)."""

RECORDS_MEMORY_LIMIT = "48MB"
"""DuckDB's memory while an export reads every article's record (documents; events and claims when they
must read the articles): a vector of 2,048 records compressed one by one (about 5 KB each on real news, a
16 MB allocation) rather than 2,048 decompressed ones. Peak RSS of a documents JSON Lines export at 1,000 /
5,000 / 25,000 articles: 168 / 208 / 274 MiB under 96 MB, 168 / 204 / 232 under 48, 168 / 198 / 216 under
32 (the JSON column under 96: 205 / 291 / 350); under 24 MB and less DuckDB ran out of memory at once.
48 leaves room for articles half as long again; should a store's records need more, the export runs again
under the read-only default (``within_bounded_memory``)."""

CORPUS_TABLES = ("corpus_shingles", "corpus_sampled", "corpus_signatures")
"""The corpus stage's rows of one article: a re-analysed article is sampled and matched again."""

DOC_COLUMNS = ("doc_id", "source", "title", "published", "outlet", "url", "genre", "is_repost", "encoding", "raw",
               "text", RECORD_COLUMN)
RECORD_INDEX = DOC_COLUMNS.index(RECORD_COLUMN)
"""Where a ``documents`` row keeps its record (JSON from ``document_rows``, compressed by ``packed_rows``)."""


@dataclass(slots=True)
class PreparedDocument:
    """An analysed article as the store writes it: its rows by table (``document_rows``; the record, which
    is also its JSON Lines line, among them, compressed: ``packed_rows``) and its text sample. Built where
    the article is analysed (``prepare``, in a worker), it leaves the writing process only the inserts, and
    it crosses between processes as plain lists, strings and bytes: pickling it both ways costs about 0.1 ms
    against 1.2 ms for the ``Document`` (measured on newsstream)."""

    doc_id: str
    source: str
    rows: dict[str, list[list[Any]]]
    sample: np.ndarray

    @property
    def record(self) -> str:
        """The JSON Lines record (``json.dumps`` of ``Document.to_contract()``), decompressed."""
        return unpack_text(self.rows["documents"][0][RECORD_INDEX], self.doc_id)

    @property
    def raw(self) -> str:
        """The article as read (``Document.raw``)."""
        return str(self.rows["documents"][0][DOC_COLUMNS.index("raw")])


def packed_rows(rows: dict[str, list[list[Any]]]) -> dict[str, list[list[Any]]]:
    """``document_rows``' rows with the article's record compressed as the store keeps it (``records.pack``;
    in place, returned): done where the article is analysed, so the writing process only inserts."""
    for row in rows["documents"]:
        if isinstance(row[RECORD_INDEX], str):
            row[RECORD_INDEX] = pack(row[RECORD_INDEX])
    return rows


Writable = Document | PreparedDocument


def prepare(doc: Document) -> PreparedDocument:
    """What ``Store.add_many`` writes for ``doc``: its implausible figures dropped first (``doc`` changes,
    as it does when the store writes it), then its rows and its text sample."""
    drop_implausible_figures(doc)
    return _prepared(doc)


def _prepared(doc: Writable) -> PreparedDocument:
    if isinstance(doc, PreparedDocument):
        return doc
    return PreparedDocument(doc.doc_id, doc.source, packed_rows(document_rows(doc)), text_sample(doc.text))


WAL_BEFORE_CHECKPOINT = "1GB"
"""DuckDB's ``checkpoint_threshold`` while ``analyze`` writes (``defer_checkpoints``): the write-ahead log it
lets grow before a commit checkpoints the file (DuckDB's default: 16 MB, two chunks of 256 articles). A
checkpoint writes the documents table's text columns again (measured on DuckDB 2.0 after adding 16 articles:
0.52 s of CPU on a store of 5,000 articles, 0.60 on 25,000), so ``analyze`` leaves checkpoints to the
moments it lets go of the file (``Store.release``). A commit is durable once in the log: a kill loses
nothing committed (the next open replays the log)."""


def defer_checkpoints(conn: duckdb.DuckDBPyConnection, on: bool = True) -> None:
    """Let commits grow the write-ahead log up to ``WAL_BEFORE_CHECKPOINT`` (``on``) or DuckDB's default."""
    if on:
        conn.execute(f"SET checkpoint_threshold = '{WAL_BEFORE_CHECKPOINT}'")
    else:
        conn.execute("RESET checkpoint_threshold")


def insert_document(conn: duckdb.DuckDBPyConnection, doc: Writable) -> None:
    """Insert every row of ``doc``; the caller holds the transaction."""
    insert_documents(conn, [doc])


def insert_documents(conn: duckdb.DuckDBPyConnection, docs: Sequence[Writable]) -> None:
    """Insert every row of ``docs``, one bulk statement per table, and their text samples (taken for the
    corpus stage as the text is written); the caller holds the transaction."""
    prepared = [_prepared(doc) for doc in docs]
    rows: dict[str, list[list[Any]]] = {table: [] for table in DOC_TABLES}
    for item in prepared:
        for table, table_rows in item.rows.items():
            rows[table].extend(table_rows)
    bulk_insert(conn, "documents", rows.pop("documents"), DOC_COLUMNS)
    for table, table_rows in rows.items():
        bulk_insert(conn, table, table_rows)
    insert_sampled(conn, [(item.doc_id, item.sample) for item in prepared])


def bulk_insert(conn: duckdb.DuckDBPyConnection, table: str, rows: list[list[Any]],
                columns: tuple[str, ...] | None = None, verb: str = "INSERT") -> None:
    """``rows`` into ``table`` in one statement (an Arrow table scanned by DuckDB, not row by row);
    ``columns`` names the table's columns the rows fill (all of them, in order, when None)."""
    if not rows:
        return
    _fogline_bulk = pa.table({f"c{i}": pa.array(column) for i, column in enumerate(zip(*rows, strict=True))})
    target = f"{table} ({', '.join(columns)})" if columns else table
    conn.execute(f"{verb} INTO {target} SELECT * FROM _fogline_bulk")  # the local table, by DuckDB's replacement scan


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
    _fogline_doc_ids = pa.table({"doc_id": pa.array(doc_ids, pa.string())})  # read by DuckDB's replacement scan
    for table in (*CORPUS_TABLES, *reversed(DOC_TABLES)):
        conn.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT t.doc_id FROM _fogline_doc_ids t)")


def stored_ids(conn: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> set[str]:
    """Which of ``doc_ids`` the store already holds."""
    if not doc_ids:
        return set()
    _fogline_doc_ids = pa.table({"doc_id": pa.array(doc_ids, pa.string())})  # read by DuckDB's replacement scan
    rows = conn.execute("SELECT doc_id FROM documents WHERE doc_id IN (SELECT t.doc_id FROM _fogline_doc_ids t)")
    return {r[0] for r in rows.fetchall()}


def insert_rejected(conn: duckdb.DuckDBPyConnection, r: Rejected) -> None:
    conn.execute("INSERT INTO rejected (source, reason, size_bytes) VALUES (?, ?, ?)",
                 [storable(r.source), storable(r.reason), r.size])


def storable(text: str) -> str:
    """``text`` with lone surrogates (undecodable file-name bytes) written as escapes: DuckDB takes UTF-8 only."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


DOCUMENT_BATCH = 250
"""Articles per query while ``iter_documents`` streams the store (exports, the corpus layer)."""


def iter_documents(conn: duckdb.DuckDBPyConnection, batch: int | None = None, raw: bool = True) -> Iterator[Document]:
    """Every stored document, in the order the store holds them (the order they were written), through
    one streaming query fetched ``batch`` rows at a time: memory holds one batch, and DuckDB decompresses
    each block of text once. Pages by id or by row-id range each decompressed whole blocks again (DuckDB
    compresses a row group's text as one block), so an export's time grew with the square of the store:
    reading 8,000 articles took 16.6 s of CPU against 0.44 s for 1,000 (now 2.3 s against 0.40 s).
    ``raw=False`` leaves the raw text out (empty): what exports read, since no export holds it; DuckDB then
    decompresses one text column instead of two (peak memory of an events export at 25,000 articles
    568 -> 490 MB)."""
    batch = batch or DOCUMENT_BATCH
    cur = conn.cursor()
    try:
        text = "raw" if raw else "''"
        result = cur.execute(f"SELECT doc_id, {RECORD_SQL}, {text} FROM documents")
        while rows := result.fetchmany(batch):
            for doc_id, record, text in rows:
                yield Document.from_contract(unpack(record, doc_id), raw=text)
    finally:
        cur.close()


def get_document(conn: duckdb.DuckDBPyConnection, doc_id: str) -> Document | None:
    """One stored document by its exact id (a primary-key lookup), None when the store has none."""
    row = conn.execute(f"SELECT {RECORD_SQL}, raw FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
    return Document.from_contract(unpack(row[0], doc_id), raw=row[1]) if row else None


def fetch_documents(conn: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> dict[str, Document]:
    """The stored documents among ``doc_ids``, by id, in two narrow steps: their row ids (a scan of the
    id column alone), then their rows by row id (a filter inside the scan, so only those rows' text is
    read). Measured on DuckDB 2.0, 100 ids of 4,000 articles: a semi-join (``doc_id = ANY(list)``) carries
    every row's text through the join and ran out of a 64 MB memory limit; a long ``IN`` list of ids, a
    join on a registered table or a lookup per id took 2 to 7 s. Should DuckDB still run out of memory
    (a page of very long articles), the page is read in halves."""
    if not doc_ids:
        return {}
    found = conn.execute("SELECT rowid FROM documents WHERE doc_id = ANY(?)", [list(doc_ids)]).fetchall()
    return _rows_by_rowid(conn, sorted(int(r[0]) for r in found))


def _rows_by_rowid(conn: duckdb.DuckDBPyConnection, rowids: list[int]) -> dict[str, Document]:
    if not rowids:
        return {}
    try:
        rows = conn.execute(f"SELECT doc_id, {RECORD_SQL}, raw FROM documents "  # row ids are ints: safe inline
                            f"WHERE rowid IN ({', '.join(str(r) for r in rowids)})").fetchall()
    except duckdb.OutOfMemoryException:
        if len(rowids) == 1:
            raise
        half = len(rowids) // 2
        return _rows_by_rowid(conn, rowids[:half]) | _rows_by_rowid(conn, rowids[half:])
    return {doc_id: Document.from_contract(unpack(record, doc_id), raw=raw) for doc_id, record, raw in rows}


def event_flags(conn: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], bool]:
    """(doc_id, event_id) -> whether the event is a background mention, for every stored event."""
    rows = conn.execute("SELECT doc_id, event_id, background FROM events").fetchall()
    return {(doc_id, event_id): bool(background) for doc_id, event_id, background in rows}


def iter_doc_facts(conn: duckdb.DuckDBPyConnection, batch: int = 1000) -> Iterator[tuple[Any, ...]]:
    """(outlet, genre, is_repost, [(signal kind, detail), ...]) per document, in doc_id order, streamed: what
    the report's outlet table counts, without the articles' text."""
    cur = conn.cursor()
    try:
        cur.execute("SELECT d.outlet, d.genre, d.is_repost, list(s.kind ORDER BY s.idx), list(s.detail ORDER BY s.idx) "
                    "FROM documents d LEFT JOIN signals s USING (doc_id) "
                    "GROUP BY d.doc_id, d.outlet, d.genre, d.is_repost ORDER BY d.doc_id")
        while rows := cur.fetchmany(batch):
            for outlet, genre, is_repost, kinds, details in rows:
                pairs = [(k, d) for k, d in zip(kinds, details, strict=True) if k is not None]
                yield outlet, genre, bool(is_repost), pairs
    finally:
        cur.close()


def bound_memory(conn: duckdb.DuckDBPyConnection, limit: str = STREAM_MEMORY_LIMIT) -> None:
    """Cap DuckDB's memory for this database (every connection of the process) at ``limit`` above what it
    holds already and cannot evict (a replayed write-ahead log, indexes): what a command that streams the
    whole store and then exits sets (a notebook keeps the roomier default)."""
    row = conn.execute("SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory()").fetchone()
    held_mb = int(row[0]) // 2**20 if row else 0
    conn.execute("SET memory_limit = ?", [f"{held_mb + int(limit.removesuffix('MB'))}MB"])


def within_bounded_memory(conn: duckdb.DuckDBPyConnection, run: Callable[[], T],
                          limit: str = STREAM_MEMORY_LIMIT) -> T:
    """``run()`` with DuckDB's memory capped at ``limit`` (``bound_memory``); should DuckDB run out of memory
    under the cap (pages of unusually long articles), ``run()`` once more under the setting it had before."""
    row = conn.execute("SELECT current_setting('memory_limit')").fetchone()
    before = str(row[0]) if row else None
    bound_memory(conn, limit)
    try:
        return run()
    except duckdb.OutOfMemoryException:
        if before is None:
            raise
        conn.execute("SET memory_limit = ?", [before])
        return run()


CardText = tuple[str, str | None, str | None, str | None, str | None, str]
"""(doc_id, title, published, outlet, url, text) of a stored article."""


def iter_card_texts(conn: duckdb.DuckDBPyConnection, batch: int | None = None) -> Iterator[list[CardText]]:
    """``CardText`` of every stored article in the store's order, ``batch`` at a time, through one streaming
    query that reads the text column, never the records (a third of their size: DuckDB decompresses 2,048
    rows of a column at once, 13 MB of text against 37 MB of records)."""
    cur = conn.cursor()
    try:
        result = cur.execute("SELECT doc_id, title, published, outlet, url, text FROM documents")
        while rows := result.fetchmany(batch or DOCUMENT_BATCH):
            yield rows
    finally:
        cur.close()


def card_details(conn: duckdb.DuckDBPyConnection, doc_ids: list[str],
                 event_ids: list[str]) -> tuple[dict[str, list[Signal]], dict[str, Event]]:
    """The signals of these articles (by doc_id, in order) and these events (by event_id)."""
    signals: dict[str, list[Signal]] = {}
    for doc_id, kind, detail in conn.execute("SELECT doc_id, kind, detail FROM signals WHERE doc_id IN "
                                             "(SELECT unnest(?)) ORDER BY doc_id, idx", [doc_ids]).fetchall():
        signals.setdefault(doc_id, []).append(Signal(kind, detail))
    rows = conn.execute("SELECT event_id, record FROM events WHERE event_id IN (SELECT unnest(?))",
                        [event_ids]).fetchall() if event_ids else []
    return signals, {event_id: event_from_dict(json.loads(record)) for event_id, record in rows}
