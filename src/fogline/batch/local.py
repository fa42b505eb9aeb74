"""A ``corpus.Mapper`` on processes forked from this one: the corpus stage's batches of partitions are grouped
in worker processes while the writing process reads the next batches and writes the grouped ones, so grouping
and writing overlap on a machine with a core to spare. Workers never open the store (a batch carries all it
needs) and are forked, so they start with this process's modules loaded."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any

from fogline.config import Config


def process_mapper(workers: int = 1, in_flight: int = 0) -> Callable[..., Iterator[Any]]:
    """A ``corpus.Mapper`` over ``workers`` forked processes, at most ``in_flight`` batches (default twice the
    workers) handed out at a time so the writer holds few; results come back in the order of the batches."""

    def run(fn: Callable[..., Any], batches: Iterator[Any], config: Config) -> Iterator[Any]:
        limit = in_flight or 2 * workers
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            pending = deque(pool.apply_async(fn, (b, config)) for b in islice(batches, limit))
            while pending:
                result = pending.popleft().get()
                nxt = next(batches, None)
                if nxt is not None:
                    pending.append(pool.apply_async(fn, (nxt, config)))
                yield result

    return run
