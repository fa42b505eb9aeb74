"""The corpus stage's batches grouped on local worker processes (``fogline analyze -j N``, ``fogline load -j N``).

The writing process reads a batch of partitions from the store, hands it to a worker, and writes the grouped
batches as they come back, in the order the batches were read (so the store ends as one process leaves
it), while the workers group the next ones. A batch travels compact (its records as JSON strings) and comes
back ready to insert (``corpus.tasks.Grouped``: Arrow tables of the store's rows), so crossing processes
costs little next to grouping; a worker never opens the store. At most ``in_flight`` batches are out at a
time (each holds its events' records). ``analyze`` uses the pool it forked for the articles
(``Workers.corpus_mapper``); ``load`` forks one of its own (``forked``).
"""

from __future__ import annotations

import multiprocessing as mp
import multiprocessing.pool
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any

from fogline.config import Config
from fogline.corpus.tasks import Batch, Grouped, WorkerFailed, warm

POLL_S = 1.0
"""How often a wait for a batch checks that the workers are still alive."""


def corpus_mapper(pool: multiprocessing.pool.Pool, workers: int,
                  in_flight: int = 0) -> Callable[..., Iterator[Grouped]]:
    """A ``corpus.Mapper`` over ``pool`` (of ``workers`` processes): at most ``in_flight`` batches (default
    twice the workers) out at a time; results in the order of the batches."""
    limit = in_flight or 2 * max(1, workers)

    def run(fn: Callable[..., Grouped], batches: Iterator[Batch], config: Config) -> Iterator[Grouped]:
        processes = list(pool._pool)  # type: ignore[attr-defined]  # the workers now: one that exits lost its batch
        pending = deque((len(b.records), pool.apply_async(fn, (b, config))) for b in islice(batches, limit))
        while pending:
            events, result = pending.popleft()
            try:
                grouped = _waited(result, processes)
            except Exception as exc:
                raise WorkerFailed(f"corpus stage: a worker process failed on a task of {events} events "
                                   "(or signatures to key) "
                                   f"({type(exc).__name__}: {exc}); the batches before it are written, "
                                   "nothing of it or after it") from exc
            if (nxt := next(batches, None)) is not None:  # read while the workers group those out
                pending.append((len(nxt.records), pool.apply_async(fn, (nxt, config))))
            yield grouped

    return run


def _waited(result: multiprocessing.pool.AsyncResult, processes: list[Any]) -> Grouped:
    """The batch's result once ready; a worker that exits meanwhile (a kill, the out-of-memory killer) takes
    its batch with it, and the pool would wait for it forever: raise instead."""
    while True:
        try:
            return result.get(timeout=POLL_S)
        except mp.TimeoutError:
            if dead := [p.pid for p in processes if p.exitcode is not None]:
                raise ChildProcessError(f"worker process {dead[0]} exited") from None


@contextmanager
def forked(workers: int, config: Config) -> Iterator[Callable[..., Iterator[Any]] | None]:
    """A ``corpus.Mapper`` over ``workers`` processes forked for the length of a ``with`` block (None for one
    worker or where processes do not fork: the stage then runs in this process). The ratings are loaded
    before the fork, so the workers share them."""
    if workers <= 1 or "fork" not in mp.get_all_start_methods():
        yield None
        return
    warm(config)
    pool = mp.get_context("fork").Pool(workers)
    try:
        yield corpus_mapper(pool, workers)
    except BaseException:
        pool.terminate()
        raise
    else:
        pool.close()
    finally:
        pool.join()
