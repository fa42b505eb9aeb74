"""Many processes over the same ``analyse``: each worker holds its Resources once, then streams articles.

Where processes fork (Linux), the parent warms its Resources before the pool starts, so the workers
share the loaded spaCy pipeline, gazetteer and catalogues instead of loading them again; elsewhere each
worker loads its own. The parent process stays the only writer to the store; workers return documents
(pickled dataclasses) without their spaCy parses, which are never serialised. Past one machine,
``batch.dask`` runs the same stage on a dask.distributed cluster (``open_workers(..., cluster=...)``).

Time budget: every article gets ``config.article_timeout_s`` seconds. Inside the analysing process an
interval timer interrupts the article (``timed out after N s``); should an article be stuck where the
timer cannot reach it (inside a C extension), the parent stops waiting after the budget plus a grace
period, terminates the pool, rejects that article and starts a fresh pool for the rest.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing as mp
import multiprocessing.pool
import signal
import threading
from collections.abc import Iterator
from typing import Any

from fogline.config import Config
from fogline.model import Document, RawArticle
from fogline.pipeline import analyse
from fogline.resources import Resources
from fogline.store import PreparedDocument, prepare

_RES: Resources | None = None
GRACE_S = 30.0
"""Extra seconds the parent waits for a worker before it gives up on the article and restarts the pool."""
YOUNG_OBJECTS = 20_000
"""The garbage collector's first threshold in an analysing process (Python's default: 700). An article
makes and drops objects by the hundred thousand, nearly all freed by their reference counts and hardly any
in a cycle; at 700 the collector ran 283 young collections over newsstream's 300 articles (0.5 ms an
article), at 20,000 six (0.3 ms)."""

Outcome = Document | tuple[str, str]
Prepared = PreparedDocument | Document | tuple[str, str]
"""What ``Workers.map_prepared`` yields: the document's rows for the store (a Document only when they
could not be built: the writer then tries and records why)."""


class ArticleTimeout(BaseException):
    """Raised inside ``analyse`` when an article's time budget is spent (not an ``Exception``, so no
    stage's error handler swallows it)."""


def _init(config: Config) -> None:
    global _RES
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the pool terminates its workers with SIGTERM
    gc.set_threshold(YOUNG_OBJECTS, *gc.get_threshold()[1:])
    if _RES is None:  # not inherited from a forking parent
        _RES = Resources(config).warm()


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise ArticleTimeout in this block after ``seconds`` (main thread, where SIGALRM exists; else no bound)."""
    if seconds <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise ArticleTimeout

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def analyse_safely(raw: RawArticle, res: Resources) -> Outcome:
    """``analyse`` within the article's time budget; a failure or a timeout gives (source, reason)."""
    budget = res.config.article_timeout_s
    try:
        with deadline(budget):
            return analyse(raw, res)
    except ArticleTimeout:
        return raw.source, f"timed out after {budget:g} s"
    except Exception as exc:  # noqa: BLE001 - one bad article never stops a batch
        return raw.source, f"analysis failed: {type(exc).__name__}: {exc}"


def strip_parses(doc: Document) -> None:
    """Drop the sentences' spaCy parses before a document leaves its process."""
    for s in doc.sentences:
        s.parse = None  # a view of a spaCy Doc: not picklable, and nothing after analyse reads it


def _work(raw: RawArticle) -> Outcome:
    assert _RES is not None
    out = analyse_safely(raw, _RES)
    if isinstance(out, Document):
        strip_parses(out)
    return out


def prepared(out: Outcome) -> Prepared:
    """The store's rows of an analysed document (``store.prepare``), built where it was analysed."""
    if not isinstance(out, Document):
        return out
    try:
        return prepare(out)
    except Exception:  # noqa: BLE001 - the writer builds the rows again and rejects the article with the reason
        return out


def _work_prepared(raw: RawArticle) -> Prepared:
    return prepared(_work(raw))


def open_workers(res: Resources, n: int = 1, cluster: Any = None) -> Any:
    """The analysing workers: a dask.distributed cluster when ``cluster`` names one (a scheduler
    address, ``local:N`` or a ``distributed.Client``; needs ``fogline[cluster]``), else
    ``Workers(res, n)`` on this machine."""
    if cluster is None:
        return Workers(res, n)
    from fogline.batch.dask import DaskWorkers

    return DaskWorkers(res, cluster)


class QuietPool(multiprocessing.pool.Pool):
    """``multiprocessing.Pool`` whose worker-maintenance thread wakes only when a worker exits or the pool
    changes state (close, terminate, the last task done). The stock pool also wakes it whenever results
    wait in the result pipe, and it spins until the result thread has read them: measured, a third of
    the writing process's CPU on newsstream with ``-j 2`` (0.57 of 2.6 s)."""

    def _get_sentinels(self) -> list[Any]:
        notifier = getattr(self, "_change_notifier", None)  # a private attribute: the stock way without it
        return [notifier._reader] if notifier is not None else super()._get_sentinels()  # type: ignore[misc]


class Workers:
    """A pool of analysing processes (or the current process when ``n <= 1``), reused across chunks."""

    def __init__(self, res: Resources, n: int = 1) -> None:
        self.res, self.n = res, n
        self._pool: Any = None
        self._frozen = False
        self._threshold = gc.get_threshold()

    def __enter__(self) -> Workers:
        if self.n > 1:
            self._start()
        return self

    def _start(self) -> None:
        global _RES
        forking = "fork" in mp.get_all_start_methods()
        ctx = mp.get_context("fork") if forking else mp.get_context()
        if forking:
            _RES = self.res.warm()  # loaded once here, shared by the forked workers
            gc.freeze()  # the loaded objects stay out of the workers' collections: their pages stay shared
        try:
            self._pool = QuietPool(self.n, initializer=_init, initargs=(self.res.config,), context=ctx)
        finally:
            _RES = None
            gc.unfreeze()  # the writing process collects as usual (a restart after a timeout freezes again)

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if self._frozen:
            gc.unfreeze()
            gc.set_threshold(*self._threshold)
            self._frozen = False
        if self._pool is not None:
            if exc_type is None:
                self._pool.close()
            else:
                self._pool.terminate()  # interrupted (SIGTERM, Ctrl-C, an error): do not wait for the workers
            self._pool.join()

    def corpus_mapper(self) -> Any:
        """The corpus stage's batches grouped on this pool's processes too (``batch.corpus_pool``); None with
        one process (the stage runs here)."""
        from fogline.batch.corpus_pool import corpus_mapper

        return None if self._pool is None else corpus_mapper(self._pool, self.n)

    def map(self, raws: list[RawArticle]) -> Iterator[Outcome]:
        """Analysed documents in input order; a failure or a timeout yields (source, reason) instead. With a
        pool the workers start at once (the caller may write the previous chunk meanwhile)."""
        if self._pool is None:
            if raws and not self._frozen:
                self.res.warm()  # loading the models is not the first article's time budget
                gc.freeze()  # nor do the loaded models weigh on every full collection (as in forked workers)
                gc.set_threshold(YOUNG_OBJECTS, *self._threshold[1:])  # and young collections are rarer
                self._frozen = True
            return (analyse_safely(r, self.res) for r in raws)
        return self._pooled(raws, _work, self._pool.imap(_work, raws, chunksize=1))

    def map_prepared(self, raws: list[RawArticle]) -> Iterator[Prepared]:
        """``map``, with each document turned into the rows the store inserts (``store.prepare``) where it
        was analysed: the writing process then only inserts them, and they cross between processes at a
        tenth of a Document's pickling cost."""
        if self._pool is None:
            return (prepared(out) for out in self.map(raws))
        return self._pooled(raws, _work_prepared, self._pool.imap(_work_prepared, raws, chunksize=1))

    def _pooled(self, raws: list[RawArticle], work: Any, results: Any) -> Iterator[Any]:
        """``results`` (``work`` started on ``raws``) in order; a stuck worker restarts the pool."""
        wait = self.res.config.article_timeout_s + GRACE_S
        while raws:
            for i, raw in enumerate(raws):
                try:
                    yield results.next(timeout=wait)
                except mp.TimeoutError:
                    yield raw.source, f"timed out after {self.res.config.article_timeout_s:g} s (worker stopped)"
                    self._pool.terminate()
                    self._pool.join()
                    self._start()
                    raws = raws[i + 1:]
                    results = self._pool.imap(work, raws, chunksize=1)
                    break
            else:
                raws = []
