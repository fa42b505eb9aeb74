"""The web workspace's state: a snapshot of the store, and the analysis worker for uploads.

The app never holds the store's file: a snapshot reads a private copy of it (``StoreCopy``), made
through a short read-only connection and made again when the file changes (another process may write
it); articles stay in the copy and are read on demand, so memory does not grow with the store. A save
opens a short write connection to the store itself. Analysis runs off the event loop: the real pipeline
in a worker process killed when it overruns its time budget, an injected analyser (tests, demos) in a
thread.
"""

from __future__ import annotations

import asyncio
import concurrent.futures as cf
import logging
import multiprocessing
import os
import shutil
import socket
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from fogline.config import Config
from fogline.export.basemap import OutlineMatcher
from fogline.export.ledger import Filters, Ledger, StoredDocuments
from fogline.export.views import summary
from fogline.model import Document, Incident, Rejected
from fogline.store import Store
from fogline.store.api import StoreBusy, ensure_store, private_copy, version, write_store
from fogline.store.db import StoreError

log = logging.getLogger(__name__)
Analyser = Callable[[bytes, str], list[Document | Rejected]]
_RES: dict[str, Any] = {}
T = TypeVar("T")


class AnalysisTimeout(RuntimeError):
    """The analysis overran its time budget and was stopped."""


def analyse_in_worker(data: bytes, source: str, config: Config) -> list[Document | Rejected]:
    """Ingest and analyse uploaded bytes with the real pipeline (resources load once per worker)."""
    from fogline.ingest import read_bytes
    from fogline.pipeline import analyse
    from fogline.resources import Resources

    res = _RES.setdefault("res", Resources(config))
    out: list[Document | Rejected] = []
    for item in read_bytes(data, source, config):
        if isinstance(item, Rejected):
            out.append(item)
            continue
        doc = analyse(item, res)
        for s in doc.sentences:
            s.parse = None  # a view of a spaCy Doc: not picklable, and nothing after analyse reads it
        out.append(doc)
    return out


class AnalysisWorker:
    """Runs analyses off the event loop with a time budget; the pipeline in one reusable process."""

    def __init__(self, analyser: Analyser | None, timeout_s: float, config: Config | None = None) -> None:
        self.analyser = analyser
        self.timeout_s = timeout_s
        self.config = config or Config()
        self._pool: cf.ProcessPoolExecutor | None = None

    def _process_pool(self) -> cf.ProcessPoolExecutor:
        if self._pool is None:
            self._pool = cf.ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        return self._pool

    async def run(self, data: bytes, source: str) -> list[Document | Rejected]:
        loop = asyncio.get_running_loop()
        if self.analyser is not None:
            fut = loop.run_in_executor(None, self.analyser, data, source)
        else:
            fut = loop.run_in_executor(self._process_pool(), analyse_in_worker, data, source, self.config)
        try:
            return await asyncio.wait_for(fut, self.timeout_s)
        except TimeoutError as exc:
            self._kill()
            raise AnalysisTimeout(f"the analysis took longer than its budget of {self.timeout_s:g} s "
                                  "and was stopped") from exc

    def _kill(self) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        for proc in list(getattr(pool, "_processes", {}).values()):
            proc.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        self._kill()


def rebuild_corpus(store: Any) -> str | None:
    """Regroup incidents after a write; the error text if it failed (the article stays stored)."""
    try:
        from fogline.corpus import build_corpus
    except ImportError:
        return None
    try:
        build_corpus(store)
    except Exception as exc:  # noqa: BLE001 - a failed regrouping must not lose the upload
        log.warning("corpus not rebuilt after upload: %s", exc)
        return f"{type(exc).__name__}: {exc}"
    return None


class StoreCopy:
    """The store as ``serve`` reads it: a private copy (``store.api.private_copy``) behind one read-only
    connection, used under a lock (the app answers on several threads; a stream takes the lock for each
    batch, not for the whole download). The copy is deleted once no snapshot or response uses it."""

    def __init__(self, db_path: str) -> None:
        folder = Path(tempfile.mkdtemp(prefix=COPY_PREFIX))
        try:
            (folder / OWNER).write_text(f"{os.getpid()}@{socket.gethostname()}")
            self._store, self.version = private_copy(db_path, folder)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        self.folder = folder
        self._lock = threading.Lock()
        weakref.finalize(self, _discard, self._store, folder)

    def ledger(self) -> Ledger:
        """The copy's incidents, outlets and background flags, its documents left in the copy."""
        with self._lock:
            held = Ledger.from_store(self._store, lazy=True)
        return replace(held, documents=StoredDocuments(self, held.outlets or {}), source=self)

    def _stream(self, items: Iterator[T]) -> Iterator[T]:
        while True:
            with self._lock:
                item = next(items, _END)
            if item is _END:
                return
            yield item  # type: ignore[misc] - not the end marker

    def documents(self, raw: bool = True) -> Iterator[Document]:
        return self._stream(self._store.documents(raw=raw))

    def doc_facts(self) -> Iterator[tuple[Any, ...]]:
        return self._stream(self._store.doc_facts())

    def get(self, doc_id: str) -> Document | None:
        with self._lock:
            return self._store.get(doc_id)

    def fetch(self, doc_ids: list[str]) -> dict[str, Document]:
        with self._lock:
            return self._store.fetch(doc_ids)

    def doc_outlets(self) -> dict[str, str | None]:
        with self._lock:
            return self._store.doc_outlets()

    def has_reported_events(self) -> bool:
        with self._lock:
            return self._store.has_reported_events()

    def event_flags(self) -> dict[tuple[str, str], bool]:
        with self._lock:
            return self._store.event_flags()


_END = object()
COPY_PREFIX = "fogline-serve-"
OWNER = "owner.pid"


def _gone(owner: str) -> bool:
    """Whether the process ``pid@host`` that made a copy is gone: only a process of this host (a temp
    folder shared with another machine or container is left alone) that the system does not know."""
    pid, _, host = owner.partition("@")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (OSError, OverflowError):  # another user's live process, or no pid at all
        return False
    return False


def sweep_stale_copies(tmp: Path | None = None) -> int:
    """Delete the copies left in the temp folder by a ``serve`` that was killed (its process is gone);
    returns how many. A copy whose owner cannot be read is left alone."""
    swept = 0
    for folder in Path(tmp or tempfile.gettempdir()).glob(f"{COPY_PREFIX}*"):
        try:
            owner = (folder / OWNER).read_text().strip()
        except (OSError, UnicodeDecodeError):
            continue
        if _gone(owner):
            shutil.rmtree(folder, ignore_errors=True)
            swept += 1
    return swept


def _discard(store: Store, folder: Path) -> None:
    store.close()
    shutil.rmtree(folder, ignore_errors=True)


@dataclass(slots=True)
class Snapshot:
    ledger: Ledger
    summaries: dict[str, dict[str, Any]]
    by_id: dict[str, Incident]
    version: tuple[int, int]

    def reader(self) -> Ledger:
        """The ledger for one request (lazy documents' page and cache of its own)."""
        return self.ledger.fork()


class Workspace:
    """One store behind the app, read through snapshots that follow the file's changes."""

    def __init__(self, db_path: str | Path | None, ledger: Ledger | None = None) -> None:
        self.db_path = str(db_path) if db_path is not None else None
        self._fixed = ledger
        self._snap: Snapshot | None = None
        self._lock = threading.RLock()
        self._refresh = threading.Lock()
        self._closed = False
        self.matcher = OutlineMatcher()
        self.last_error: str | None = None
        if self.db_path is not None and ledger is None:
            ensure_store(self.db_path)
        if self._copied():
            swept = sweep_stale_copies()
            if swept:
                log.info("deleted %d store copies left by a serve that was killed", swept)

    def snapshot(self) -> Snapshot:
        """The current snapshot; made again when the store changed, the old one kept while the store is
        busy or cannot be copied. One request at a time makes the new copy, outside the workspace's lock:
        the others go on with the last snapshot meanwhile (only the very first one waits for it)."""
        with self._lock:
            current = self._current(self._refresh.locked())
            if current is not None:
                return current
        with self._refresh:
            with self._lock:  # another request may have refreshed it while this one waited
                current = self._current(False)
                if current is not None:
                    return current
                now, last = self._version(), self._snap
            return self._refreshed(now, last)

    def _version(self) -> tuple[int, int]:
        return version(self.db_path) if self._copied() else (0, 0)

    def _current(self, refreshing: bool) -> Snapshot | None:
        """The snapshot to serve without copying: the current one, or the last one while another request
        makes the next (``refreshing``); None when this request must make it."""
        snap = self._snap
        if snap is not None and (refreshing or snap.version == self._version()):
            return snap
        return None

    def _refreshed(self, now: tuple[int, int], last: Snapshot | None) -> Snapshot:
        try:
            ledger, now = self._load(now)
        except StoreError as exc:  # busy, or the copy cannot be made: the last snapshot goes on
            if last is None:
                raise
            if not isinstance(exc, StoreBusy):
                log.warning("serving the last snapshot: %s", exc)
            return last
        sums = {i.incident_id: summary(i, ledger) for i in ledger.incidents}
        snap = Snapshot(ledger, sums, {i.incident_id: i for i in ledger.incidents}, now)
        with self._lock:
            if not self._closed:  # a workspace closed meanwhile keeps no copy
                self._snap = snap
        return snap

    def prime(self) -> None:
        """Take the first snapshot now, so requests made while another process writes have one to
        serve; a busy or unreadable store waits for the first request."""
        try:
            self.snapshot()
        except StoreError as exc:
            log.info("first snapshot deferred: %s", exc)

    def _copied(self) -> bool:
        return self._fixed is None and self.db_path not in (None, ":memory:")

    def _load(self, now: tuple[int, int]) -> tuple[Ledger, tuple[int, int]]:
        if self._fixed is not None:
            return self._fixed, now
        if not self._copied():
            return Ledger(), now
        copy = StoreCopy(str(self.db_path))
        return copy.ledger(), copy.version

    def close(self) -> None:
        """Let the snapshot go (its copy is deleted once no response streams from it)."""
        with self._lock:
            self._snap, self._closed = None, True

    def select(self, filters: Filters, place: str | None = None, background: bool = False,
               snap: Snapshot | None = None) -> list[Incident]:
        """Incidents passing the filters, the place (name or region) and the background choice, of ``snap``
        (a request's snapshot, so what it reads next comes from the same copy) or the current one."""
        snap = snap or self.snapshot()
        out = []
        for inc in snap.ledger.select(filters, self.matcher):
            if not background and snap.summaries[inc.incident_id]["background"]:
                continue
            if place and not self._at_place(inc, place):
                continue
            out.append(inc)
        return out

    def _at_place(self, inc: Incident, place: str) -> bool:
        from fogline.export.ledger import in_region

        loc = inc.location
        want = place.strip().lower()
        if loc is not None and any(want in (n or "").lower() for n in (loc.name, loc.admin1, loc.admin2)):
            return True
        return in_region(inc, place, self.matcher)

    def add(self, doc: Document) -> bool:
        """Store one article through a short write connection; ``StoreBusy`` if another process writes."""
        if self.db_path is None:
            return False
        with self._refresh, write_store(self.db_path) as store:  # no copy is made while this process writes
            added = bool(store.add(doc))
            if added:
                self.last_error = rebuild_corpus(store)
        return added
