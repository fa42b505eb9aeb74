"""The web workspace's state: the open store, a cached ledger, and the analyser for uploads."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fogline.config import Config
from fogline.export.basemap import OutlineMatcher, Projection
from fogline.export.ledger import Filters, Ledger
from fogline.export.svg import map_projection
from fogline.export.views import summary
from fogline.model import Document, Rejected

log = logging.getLogger(__name__)
Analyser = Callable[[bytes, str], list[Document | Rejected]]


def pipeline_analyser(config: Config | None = None) -> Analyser:
    """Ingest and analyse uploaded bytes with the real pipeline; resources load on the first upload."""
    from fogline.resources import Resources

    holder: dict[str, Resources] = {}
    cfg = config or Config()

    def analyse_bytes(data: bytes, source: str) -> list[Document | Rejected]:
        from fogline.ingest import read_bytes
        from fogline.pipeline import analyse

        res = holder.setdefault("res", Resources(cfg))
        out: list[Document | Rejected] = []
        for item in read_bytes(data, source, cfg):
            out.append(item if isinstance(item, Rejected) else analyse(item, res))
        return out

    return analyse_bytes


def rebuild_corpus(store: Any) -> str | None:
    """Regroup incidents after a write, when the corpus layer is installed; the error text if it failed
    (the article stays stored either way)."""
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


@dataclass(slots=True)
class Snapshot:
    ledger: Ledger
    projection: Projection
    summaries: dict[str, dict[str, Any]]


class Workspace:
    """One store behind the app; reads go through a snapshot rebuilt after every write."""

    def __init__(self, db_path: str | Path | None, analyser: Analyser | None = None,
                 ledger: Ledger | None = None) -> None:
        self.db_path = str(db_path) if db_path is not None else None
        self.analyser = analyser
        self._fixed = ledger
        self._store: Any = None
        self._snap: Snapshot | None = None
        self._lock = threading.RLock()
        self.matcher = OutlineMatcher()
        self.last_error: str | None = None

    def store(self) -> Any:
        if self._store is None and self.db_path is not None:
            from fogline.store import Store

            self._store = Store.open(self.db_path)
        return self._store

    def snapshot(self) -> Snapshot:
        with self._lock:
            if self._snap is None:
                ledger = self._fixed if self._fixed is not None else self._load()
                sums = {i.incident_id: summary(i, ledger) for i in ledger.incidents}
                proj = map_projection(list(sums.values()))
                for s in sums.values():
                    s["x"], s["y"] = proj.xy(s["lon"], s["lat"]) if s["lat"] is not None else (None, None)
                self._snap = Snapshot(ledger, proj, sums)
            return self._snap

    def _load(self) -> Ledger:
        store = self.store()
        return Ledger.from_store(store) if store is not None else Ledger()

    def select(self, filters: Filters) -> list[dict[str, Any]]:
        snap = self.snapshot()
        return [snap.summaries[i.incident_id] for i in snap.ledger.select(filters, self.matcher)]

    def add(self, doc: Document) -> bool:
        with self._lock:
            store = self.store()
            if store is None:
                return False
            added = bool(store.add(doc))
            if added:
                self.last_error = rebuild_corpus(store)
            self._snap = None
            return added

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
