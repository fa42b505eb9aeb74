"""The DuckDB connection and its versioned migrations (``migrations/NNN_name.sql``, applied in order)."""

from __future__ import annotations

import tempfile
from importlib import resources
from pathlib import Path

import duckdb
import pyarrow as pa

MIGRATIONS = "fogline.store.migrations"
READ_MEMORY_LIMIT = "256MB"
"""DuckDB's buffer pool for a read-only connection: scans of a large store (exports, the report) evict
cached blocks instead of growing with the store; sorts beyond it spill to the temporary folder."""
WRITE_MEMORY_LIMIT = "512MB"
"""The same for the writer (``analyze``, ``load``, the corpus stage): joins over the text samples and bulk
inserts spill rather than grow with the store."""


PACK_MIGRATION = 5
"""The migration that compresses each article's record (``store/records.py``)."""


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message names the file and the reason."""


class StoreLocked(StoreError):
    """Another process holds the store's lock (worth waiting for, unlike a file that is no DuckDB store)."""


_LOCK_HELD = "Could not set lock on file"
"""How DuckDB words a lock another process holds (an ``IOException``, as a file that is not a store)."""


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every migration file shipped with the package, in order."""
    out = []
    for entry in resources.files(MIGRATIONS).iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            out.append((int(name[:3]), name[4:-4], entry.read_text(encoding="utf-8")))
    return sorted(out)


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (or create) the database at ``path`` (``:memory:`` keeps nothing) and migrate it.

    ``read_only`` opens an existing file without taking DuckDB's write lock (many processes may read at
    once) and applies no migration; ``:memory:`` is always writable."""
    read_only = read_only and str(path) != ":memory:"
    if read_only and Path(path).is_dir():
        raise StoreError(f"{path}: a folder, not a fogline store file")
    if read_only and not Path(path).is_file():
        raise StoreError(f"{path}: no fogline store there (run `fogline analyze` first)")
    try:
        conn = duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        kind = StoreLocked if _LOCK_HELD in str(exc) else StoreError
        raise kind(f"{path}: cannot open the DuckDB store: {exc}") from exc
    if read_only:
        _check_fogline(conn, path)
    if str(path) != ":memory:":  # a file: DuckDB spills to disk past the limit instead of growing
        spill = Path(tempfile.gettempdir()) / "fogline-duckdb"
        conn.execute(f"SET memory_limit = '{READ_MEMORY_LIMIT if read_only else WRITE_MEMORY_LIMIT}'")
        conn.execute("SET temp_directory = ?", [str(spill)])
    if not read_only:
        migrate(conn, str(path))
        warm_arrow()
    return conn


def _check_fogline(conn: duckdb.DuckDBPyConnection, path: str | Path) -> None:
    """A read-only store must hold fogline's tables (a query of its own table: the catalog views cost
    15-20 ms of CPU an open)."""
    try:
        conn.execute("SELECT 1 FROM schema_migrations LIMIT 1").fetchall()
    except duckdb.CatalogException as exc:
        conn.close()
        raise StoreError(f"{path}: not a fogline store (a DuckDB file without fogline's tables)") from exc


def warm_arrow() -> None:
    """Build one Arrow array now: pyarrow imports pandas the first time it converts Python values (about
    a second of CPU), which a writer pays when it opens rather than inside its first batch."""
    pa.array([0])


def migrate(conn: duckdb.DuckDBPyConnection, label: str) -> list[int]:
    """Apply the migrations this database has not seen yet; return their versions."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, "
                 "applied_at TIMESTAMP DEFAULT current_timestamp)")
    done = {r[0] for r in conn.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for version, name, sql in migrations():
        if version in done:
            continue
        if version == PACK_MIGRATION:  # its SQL compresses the records with a Python function
            from fogline.store.records import register_pack
            register_pack(conn)
        try:
            conn.execute("BEGIN TRANSACTION")
            conn.execute(sql)
            conn.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
            conn.execute("COMMIT")
        except duckdb.Error as exc:
            conn.execute("ROLLBACK")
            raise StoreError(f"{label}: migration {version:03d}_{name} failed: {exc}") from exc
        applied.append(version)
    return applied
