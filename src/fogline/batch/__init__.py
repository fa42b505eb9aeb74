"""Many processes over the same ``analyse``: each worker builds its Resources once, then streams articles.

The parent process stays the only writer to the store; workers return documents (pickled dataclasses).
For a cluster, run ``fogline analyze`` per shard into JSON Lines and load them with one writer.
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
    _RES = Resources(config).warm()


def _analyse_safely(raw: RawArticle, res: Resources) -> Document | tuple[str, str]:
    try:
        return analyse(raw, res)
    except Exception as exc:  # noqa: BLE001 - one bad article never stops a batch
        return raw.source, f"analysis failed: {type(exc).__name__}: {exc}"


def _work(raw: RawArticle) -> Document | tuple[str, str]:
    assert _RES is not None
    return _analyse_safely(raw, _RES)


class Workers:
    """A pool of analysing processes (or the current process when ``n <= 1``), reused across chunks."""

    def __init__(self, res: Resources, n: int = 1) -> None:
        self.res, self.n = res, n
        self._pool: Any = None

    def __enter__(self) -> Workers:
        if self.n > 1:
            ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
            self._pool = ctx.Pool(self.n, initializer=_init, initargs=(self.res.config,))
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
