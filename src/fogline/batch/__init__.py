"""Many processes over the same ``analyse``: each worker holds its Resources once, then streams articles.

Where processes fork (Linux), the parent warms its Resources before the pool starts, so the workers
share the loaded spaCy pipeline, gazetteer and catalogues instead of loading them again; elsewhere each
worker loads its own. The parent process stays the only writer to the store; workers return documents
(pickled dataclasses) without their spaCy parses, which are never serialised. For a cluster, run
``fogline analyze`` per shard into JSON Lines and load them with one writer.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterator
from typing import Any

from fogline.config import Config
from fogline.model import Document, RawArticle
from fogline.pipeline import analyse
from fogline.resources import Resources

_RES: Resources | None = None


def _init(config: Config) -> None:
    global _RES
    if _RES is None:  # not inherited from a forking parent
        _RES = Resources(config).warm()


def _analyse_safely(raw: RawArticle, res: Resources) -> Document | tuple[str, str]:
    try:
        return analyse(raw, res)
    except Exception as exc:  # noqa: BLE001 - one bad article never stops a batch
        return raw.source, f"analysis failed: {type(exc).__name__}: {exc}"


def _work(raw: RawArticle) -> Document | tuple[str, str]:
    assert _RES is not None
    out = _analyse_safely(raw, _RES)
    if isinstance(out, Document):
        for s in out.sentences:
            s.parse = None  # a view of a spaCy Doc: not picklable, and nothing after analyse reads it
    return out


class Workers:
    """A pool of analysing processes (or the current process when ``n <= 1``), reused across chunks."""

    def __init__(self, res: Resources, n: int = 1) -> None:
        self.res, self.n = res, n
        self._pool: Any = None

    def __enter__(self) -> Workers:
        global _RES
        if self.n > 1:
            forking = "fork" in mp.get_all_start_methods()
            ctx = mp.get_context("fork") if forking else mp.get_context()
            if forking:
                _RES = self.res.warm()  # loaded once here, shared by the forked workers
            try:
                self._pool = ctx.Pool(self.n, initializer=_init, initargs=(self.res.config,))
            finally:
                _RES = None
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()

    def map(self, raws: list[RawArticle]) -> Iterator[Document | tuple[str, str]]:
        """Analysed documents in input order; a failure yields (source, reason) instead."""
        if self._pool is None:
            return (_analyse_safely(r, self.res) for r in raws)
        return self._pool.imap(_work, raws, chunksize=max(1, len(raws) // (self.n * 4)))
