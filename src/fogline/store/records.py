"""Article records as the store keeps them: each one compressed on its own (zstd, a BLOB per article).

An article's record (its JSON Lines line, ``json.dumps`` of ``Document.to_contract()``) is about 19 KB of
JSON. Kept as a JSON column, DuckDB compressed it with ZSTD a vector (2,048 rows) at a time, so any scan
of the records, one article or all of them, decompressed 2,048 records at once (a 64 MB allocation on real
news) and an export's memory grew with the store until a row group was full. Compressed per article
(``pack``, where the article is analysed: a worker with ``-j N``), a scan holds 2,048 compressed records
(about 5 KB each) and each one is decompressed as it is read (``unpack``): a documents export's peak memory
no longer depends on the store's size. Migration 005 moves a store's records to this layout
(``register_pack`` gives its SQL the compressor); stores it has not run on (read-only opens of an older
store) are still read: the reading queries take whichever record column the table has (``RECORD_SQL``)
and ``unpack`` takes either a compressed record or the JSON text.
"""

from __future__ import annotations

import json
import threading
from typing import Any

import duckdb
import pyarrow as pa
import zstandard

from fogline.store.db import StoreError

RECORD_LEVEL = 3
"""zstd's level for a record (its default). Measured on 1,000 real articles (19.3 KB of JSON each): level 1
4.86 KB and 48 us an article, level 3 4.69 KB and 65 us; reading back 21 to 24 us either way."""

RECORD_COLUMN = "record_zst"
"""The documents table's column holding the compressed records (migration 005; ``record`` JSON before)."""

RECORD_SQL = "COLUMNS('^record(_zst)?$')"
"""The record column in a query of the documents table, whichever layout the store has (an older store
opened read-only keeps its JSON column ``record`` until a writer migrates it)."""

PACK_FUNCTION = "fogline_pack_record"
"""The SQL function (``register_pack``) migration 005 and ``fogline load`` compress JSON records with."""


class RecordError(StoreError):
    """A stored record cannot be read (a damaged store); the message names the article and the reason."""


class _Codecs(threading.local):
    """A zstd compressor and decompressor per thread: python-zstandard's objects are not thread-safe (DuckDB
    calls ``fogline_pack_record`` from its own threads at once; the workspace reads records in a pool)."""

    def __init__(self) -> None:
        self.compressor = zstandard.ZstdCompressor(level=RECORD_LEVEL)
        self.decompressor = zstandard.ZstdDecompressor()


_codecs = _Codecs()


def pack(record: str) -> bytes:
    """``record`` (JSON text) compressed as the store keeps it (a zstd frame that states its size)."""
    return _codecs.compressor.compress(record.encode("utf-8"))


def unpack_text(stored: bytes | str, doc_id: str) -> str:
    """The JSON text of a stored record (``pack``'s output, or the JSON of a store not migrated yet);
    raises ``RecordError`` naming ``doc_id`` when the bytes are not a record."""
    if isinstance(stored, str):
        return stored
    try:
        return _codecs.decompressor.decompress(stored).decode("utf-8")
    except (zstandard.ZstdError, UnicodeDecodeError) as exc:
        raise RecordError(f"article {doc_id}: its stored record is damaged ({exc}); analyse it again") from exc


def unpack(stored: bytes | str, doc_id: str) -> dict[str, Any]:
    """A stored record parsed (the contract dict ``Document.from_contract`` takes); ``RecordError`` names
    ``doc_id`` when the record is damaged."""
    text = unpack_text(stored, doc_id)
    try:
        record = json.loads(text)
    except ValueError as exc:
        raise RecordError(f"article {doc_id}: its stored record is no JSON ({exc}); analyse it again") from exc
    if not isinstance(record, dict):
        raise RecordError(f"article {doc_id}: its stored record is no JSON object; analyse it again")
    return record


def _pack_arrow(records: pa.Array) -> pa.Array:
    return pa.array([None if r is None else pack(r) for r in records.to_pylist()], pa.binary())


def register_pack(conn: duckdb.DuckDBPyConnection) -> None:
    """Give ``conn`` the SQL function ``fogline_pack_record(VARCHAR) -> BLOB`` (``pack``), once."""
    found = conn.execute("SELECT 1 FROM duckdb_functions() WHERE function_name = ?", [PACK_FUNCTION]).fetchone()
    if found is None:
        conn.create_function(PACK_FUNCTION, _pack_arrow, ["VARCHAR"], "BLOB", type="arrow",  # type: ignore[arg-type]
                             side_effects=False)
