"""The per-article stage on a ``dask.distributed`` cluster (``pip install fogline[cluster]``).

``fogline analyze --scheduler tcp://host:8786`` uses an existing cluster; ``--cluster local:N`` starts
a local one of N single-threaded worker processes and stops it at the end. Either way the tasks run
the same ``analyse`` as one machine does (``batch.analyse_safely``): each worker process loads its
Resources once (a worker plugin warms them when the worker joins; tasks reuse the cached bundle),
documents come back without their spaCy parses, and the calling process stays the single writer to
the store. Workers need fogline installed and the same configuration (it travels with the tasks).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator
from typing import Any

from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from fogline.batch import Outcome, Prepared, analyse_safely, prepared, strip_parses
from fogline.config import Config
from fogline.model import Document, RawArticle
from fogline.resources import Resources
from fogline.store.parquet import write_part

_LOADED: dict[str, Resources] = {}
_LOCK = threading.Lock()
LOCAL = "local:"
PER_TASK = 8
"""Articles per task: one task per article spends more on the scheduler and messages than on analysis."""


def resources(config: Config) -> Resources:
    """This worker process's Resources for ``config``, loaded and warmed on first use."""
    key = repr(config)
    with _LOCK:
        if key not in _LOADED:
            _LOADED[key] = Resources(config).warm()
        return _LOADED[key]


class LoadResources(WorkerPlugin):
    """Loads a worker's Resources when it joins, so no article's task pays for it."""

    name = "fogline-resources"

    def __init__(self, config: Config) -> None:
        self.config = config

    def setup(self, worker: Any) -> None:
        resources(self.config)


def analyse_task(raws: list[RawArticle], config: Config) -> list[Outcome]:
    """A few articles on a worker: per article a document without its parses, or (source, reason)."""
    res, out = resources(config), []
    for raw in raws:
        result = analyse_safely(raw, res)
        if isinstance(result, Document):
            strip_parses(result)
        out.append(result)
    return out


def prepared_task(raws: list[RawArticle], config: Config) -> list[Prepared]:
    """``analyse_task``, each document turned into the rows the store inserts (``batch.prepared``): the
    writer only inserts them, and they travel at a fraction of a pickled Document's size."""
    return [prepared(out) for out in analyse_task(raws, config)]


def parquet_task(raws: list[RawArticle], config: Config, folder: str) -> list[tuple[str, str | None]]:
    """Articles analysed on a worker and written there as one Parquet part (``store.parquet``); only
    (doc_id, None) per stored article, or (source, reason) per failure, goes back to the caller."""
    res, docs, out = resources(config), [], []
    for raw in raws:
        result = analyse_safely(raw, res)
        if isinstance(result, Document):
            docs.append(result)
            out.append((result.doc_id, None))
        else:
            out.append(result)
    if docs:
        write_part(docs, folder, f"{docs[0].doc_id}-{len(docs)}")
    return out


def parse_cluster(spec: str) -> int | None:
    """N of ``local:N``; None for a scheduler address. Raises ValueError for ``local:`` without N >= 1."""
    if not spec.startswith(LOCAL):
        return None
    n = spec[len(LOCAL):]
    if not n.isdigit() or int(n) < 1:
        raise ValueError(f"--cluster wants local:N with N >= 1 workers, not {spec!r}")
    return int(n)


class DaskWorkers:
    """``Workers``' interface over a dask.distributed cluster: a scheduler address, ``local:N``, or a Client."""

    def __init__(self, res: Resources, cluster: str | Client, processes: bool = True) -> None:
        self.res, self.spec, self.processes = res, cluster, processes
        self.client: Client | None = cluster if isinstance(cluster, Client) else None
        self._local: LocalCluster | None = None

    def __enter__(self) -> DaskWorkers:
        if self.client is None:
            assert isinstance(self.spec, str)
            n = parse_cluster(self.spec)
            if n is None:
                self.client = Client(self.spec)
            else:
                self._local = LocalCluster(n_workers=n, threads_per_worker=1, processes=self.processes,
                                           dashboard_address=None)
                self.client = Client(self._local)
        self.client.register_plugin(LoadResources(self.res.config))
        return self

    def __exit__(self, *exc: object) -> None:
        if self._local is not None:  # fogline started it: stop it; a given cluster stays up
            assert self.client is not None
            self.client.close()
            self._local.close()

    def corpus_mapper(self) -> Callable[..., Iterator[Any]]:
        """The corpus stage's partitions grouped on this cluster too."""
        assert self.client is not None
        return corpus_mapper(self.client)

    def write_parquet(self, raws: list[RawArticle], folder: str,
                      per_task: int = PER_TASK) -> Iterator[tuple[str, str | None]]:
        """Analyse ``raws`` on the workers, each task writing its articles as a Parquet part into ``folder``
        (which every worker must reach); yields (doc_id, None) or (source, reason) per article. The tasks
        start at once (the caller may write meanwhile)."""
        assert self.client is not None
        chunks = _chunks(raws, per_task)
        futures = self.client.map(parquet_task, chunks, config=self.res.config, folder=folder, pure=False)
        return _parts_written(chunks, futures)

    def map(self, raws: list[RawArticle], per_task: int = PER_TASK) -> Iterator[Outcome]:
        """Analysed documents in input order, as each task is ready; an article of a lost task yields
        (source, reason). The tasks start at once (the caller may write meanwhile)."""
        return self._run(analyse_task, raws, per_task)

    def map_prepared(self, raws: list[RawArticle], per_task: int = PER_TASK) -> Iterator[Prepared]:
        """``map``, with the store's rows of each document built on the worker (``prepared_task``)."""
        return self._run(prepared_task, raws, per_task)

    def _run(self, task: Callable[..., list[Any]], raws: list[RawArticle], per_task: int) -> Iterator[Any]:
        assert self.client is not None
        chunks = _chunks(raws, per_task)
        client, config = self.client, self.res.config
        futures = client.map(task, chunks, config=config, pure=False)
        return _analysed(chunks, futures, lambda one: client.submit(task, one, config=config, pure=False))


def _parts_written(chunks: list[list[RawArticle]], futures: list[Any]) -> Iterator[tuple[str, str | None]]:
    for chunk, future in zip(chunks, futures, strict=True):
        try:
            yield from future.result()
        except Exception as exc:  # noqa: BLE001 - a worker lost mid-chunk never stops a batch
            yield from _lost(chunk, exc)
        finally:
            future.release()


def _chunks(raws: list[RawArticle], per_task: int) -> list[list[RawArticle]]:
    return [raws[i:i + per_task] for i in range(0, len(raws), per_task)]


def _lost(chunk: list[RawArticle], exc: Exception) -> Iterator[tuple[str, str]]:
    return ((raw.source, f"analysis failed on the cluster: {type(exc).__name__}: {exc}") for raw in chunk)


def _analysed(chunks: list[list[RawArticle]], futures: list[Any],
              alone: Callable[[list[RawArticle]], Any] | None = None) -> Iterator[Any]:
    """Each task's outcomes in order. When a worker is lost mid-task (killed, out of memory), the task's
    articles are sent again one per task (``alone``), so only the one that kills a worker fails."""
    for chunk, future in zip(chunks, futures, strict=True):
        try:
            yield from future.result()
        except Exception as exc:  # noqa: BLE001 - a worker lost mid-task never stops a batch
            if alone is None or len(chunk) == 1:
                yield from _lost(chunk, exc)
            else:
                yield from _analysed([[raw] for raw in chunk], [alone([raw]) for raw in chunk])
        finally:
            future.release()


def corpus_mapper(client: Client, in_flight: int = 0) -> Callable[..., Iterator[Any]]:
    """A ``corpus.Mapper`` over ``client``: batches of partitions grouped on the workers, at most
    ``in_flight`` (default twice the workers) sent at a time so the writer holds few batches; results come
    back as they are ready (batches are disjoint, so their order does not matter)."""

    def run(fn: Callable[..., Any], batches: Iterator[Any], config: Config) -> Iterator[Any]:
        limit = in_flight or 2 * max(1, len(client.scheduler_info().get("workers", {})))
        pending = as_completed([client.submit(fn, b, config, pure=False) for b in itertools.islice(batches, limit)])
        for future in pending:
            nxt = next(batches, None)
            if nxt is not None:
                pending.add(client.submit(fn, nxt, config, pure=False))
            yield future.result()
            future.release()

    return run
