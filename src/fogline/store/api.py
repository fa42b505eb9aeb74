"""Short-lived connections for the web workspace, so ``serve`` never holds DuckDB's lock for its life.

DuckDB lets one process write a file, or many processes read it, never both at once. ``serve`` opens a
read-only connection to load a snapshot and closes it at once; a save opens a short write connection,
adds the article, regroups incidents and closes. When another process (``analyze``, a notebook with a
write connection) holds the file, these raise ``StoreBusy`` and the app answers 503 with Retry-After
while it keeps serving the snapshot it already has. ``version`` tells whether the file changed since.

Both go through ``Store.open`` (``store/db.connect``), without its lock wait.

``private_copy`` is what ``serve`` reads from: a copy of the file taken while a read-only connection
holds it (so no writer can change it meanwhile), opened read-only, so the app reads lazily, in bounded
memory, while ``analyze`` writes the original.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb

from fogline.store import Store
from fogline.store.db import StoreError
from fogline.store.documents import bound_memory


class StoreBusy(StoreError):
    """Another process holds the store's write lock; try again shortly."""


def _busy(path: str, exc: BaseException) -> StoreBusy:
    return StoreBusy(f"{path}: the store is in use by another process (DuckDB allows one writer); "
                     f"try again shortly ({type(exc).__name__})")


def ensure_store(path: str | Path) -> None:
    """Create and migrate the store if it does not exist yet (one short write connection)."""
    if str(path) != ":memory:" and not Path(path).exists():
        with write_store(path):
            pass


@contextlib.contextmanager
def _opened(path: str | Path, read_only: bool) -> Iterator[Store]:
    """``Store.open`` without waiting: a held lock is ``StoreBusy`` at once (the app answers 503)."""
    try:
        store = Store.open(path, read_only=read_only)
    except StoreError as exc:
        if isinstance(exc.__cause__, duckdb.IOException):
            raise _busy(str(path), exc.__cause__) from exc
        raise
    try:
        yield store
    finally:
        store.close()


def read_store(path: str | Path) -> contextlib.AbstractContextManager[Store]:
    """A read-only connection for the length of the block."""
    return _opened(path, read_only=True)


def write_store(path: str | Path) -> contextlib.AbstractContextManager[Store]:
    """A write connection (migrated) for the length of the block; ``StoreBusy`` if another holds it."""
    return _opened(path, read_only=False)


def version(path: str | Path) -> tuple[int, int]:
    """What changes when another process writes the store: the file's and its WAL's mtime and size."""
    out = (0, 0)
    for p in (Path(path), Path(f"{path}.wal")):
        with contextlib.suppress(OSError):
            st = os.stat(p)
            out = (max(out[0], st.st_mtime_ns), out[1] + st.st_size)
    return out


def private_copy(path: str | Path, folder: Path) -> tuple[Store, tuple[int, int]]:
    """A read-only store over a copy of the store at ``path`` made in ``folder``, and the ``version`` it
    was copied at. The file (and its write-ahead log, if a writer left one) is copied while a read-only
    connection holds it, so no other process writes it meanwhile: ``StoreBusy`` while one does, a
    ``StoreError`` naming the reason when the copy cannot be written (a full disk). A copied
    log is checkpointed into the copy, which DuckDB would otherwise replay into memory; DuckDB's memory
    over the copy is capped (``bound_memory``), as for the exports."""
    copy = folder / Path(path).name
    with read_store(path):
        now = version(path)
        try:
            shutil.copyfile(path, copy)
            if Path(f"{path}.wal").exists():
                shutil.copyfile(f"{path}.wal", f"{copy}.wal")
        except OSError as exc:
            raise StoreError(f"{path}: cannot copy the store into {folder}: {exc.strerror or exc}") from exc
    if Path(f"{copy}.wal").exists():
        Store.open(copy).close()  # replays the log and checkpoints it into the copy
    store = Store.open(copy, read_only=True)
    bound_memory(store.conn)
    return store, now
