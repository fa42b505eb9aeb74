"""The corpus stage on local forked worker processes (``batch.corpus_pool``) leaves the store one process leaves."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "corpus"))

from synthetic import articles  # noqa: E402

import fogline.corpus as corpus  # noqa: E402
from fogline.batch import Workers  # noqa: E402
from fogline.batch.corpus_pool import WorkerFailed, corpus_mapper, forked  # noqa: E402
from fogline.config import Config  # noqa: E402
from fogline.corpus.tasks import Batch, group_batch  # noqa: E402
from fogline.resources import Resources  # noqa: E402
from fogline.store import Store  # noqa: E402

FAIL_AT: list[str] = []
"""The first event of the batch ``_fails_on_one`` fails on (set before the workers fork)."""

Contents = tuple[list[tuple], list[tuple], list[tuple]]


def _contents(store: Store) -> Contents:
    def rows(sql: str) -> list[tuple]:
        return store.conn.execute(sql).fetchall()

    return (rows("SELECT * FROM incidents ORDER BY incident_id"), rows("SELECT * FROM incident_reports ORDER BY ALL"),
            rows("SELECT * FROM corpus_parts ORDER BY ALL"))


def _built(mapper: Any) -> tuple[Contents, Contents]:
    """The store after a full build of 120 articles, and after 30 more that join and change incidents."""
    with Store.open(":memory:") as store:
        store.add_many(articles(120))
        corpus.build_corpus(store, mapper=mapper)
        full = _contents(store)
        store.add_many(articles(30, seed=5, start=120))
        more = corpus.build_corpus(store, mapper=mapper)
        assert more.regrouped and more.replayed  # a real incremental run: some replayed, some grouped again
        return full, _contents(store)


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus, "BATCH_EVENTS", 40)  # many batches, so both workers get some


@pytest.mark.usefixtures("small_batches")
def test_two_processes_leave_the_store_one_process_leaves() -> None:
    one = _built(None)
    with forked(2, Config()) as mapper:
        assert mapper is not None
        two = _built(mapper)
    assert one == two and one[0][0] and one[1] != one[0]


def test_one_process_forks_nothing() -> None:
    with forked(1, Config()) as mapper:
        assert mapper is None
    assert Workers(Resources(), 1).corpus_mapper() is None


def _first_event(task: object) -> str | None:
    """The first event of a batch of partitions (None for the other tasks the stage maps: blocking keys)."""
    return task.batch.parts[0][0] if isinstance(task, corpus.Task) else None


def _fails_on_one(fn: Callable[..., Any], task: object, config: Config) -> Any:
    if _first_event(task) in FAIL_AT:
        raise ValueError("no such village")
    return fn(task, config)


def _spy(seen: list[list[str]]) -> Callable[..., Iterator[Any]]:
    def run(fn: Callable[..., Any], tasks: Iterator[Any], config: Config) -> Iterator[Any]:
        for task in tasks:
            if isinstance(task, corpus.Task):
                seen.append([row[0] for row in task.batch.parts])
            yield fn(task, config)

    return run


def _one_process_run() -> tuple[list[list[str]], Any]:
    """The events of each batch one process groups for 120 articles, and what the store then holds."""
    seen: list[list[str]] = []
    with Store.open(":memory:") as store:
        store.add_many(articles(120))
        corpus.build_corpus(store, mapper=_spy(seen))
        return seen, _contents(store)


@pytest.mark.usefixtures("small_batches")
def test_a_failing_worker_stops_the_stage_with_its_batch_unwritten() -> None:
    seen, want = _one_process_run()
    FAIL_AT[:] = [seen[2][0]]
    try:
        with Store.open(":memory:") as store:
            store.add_many(articles(120))
            with forked(2, Config()) as pooled:
                assert pooled is not None
                failing = _failing(pooled)
                with pytest.raises(WorkerFailed, match=r"a worker process failed on a task of \d+ events "
                                                       r"\(or signatures to key\) "
                                                       r"\(ValueError: no such village\)"):
                    corpus.build_corpus(store, mapper=failing)
            parts = {row[0] for row in store.conn.execute("SELECT event_id FROM corpus_parts").fetchall()}
            reports = {row[0] for row in store.conn.execute("SELECT event_id FROM incident_reports").fetchall()}
            assert parts == set(seen[0] + seen[1]) and reports <= parts  # the batches before, whole
            corpus.build_corpus(store)  # a run after picks up the rest
            assert _contents(store) == want
    finally:
        FAIL_AT.clear()


def _killed_on_one(fn: Callable[..., Any], task: object, config: Config) -> Any:
    if _first_event(task) in FAIL_AT:
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
    return fn(task, config)


@pytest.mark.usefixtures("small_batches")
def test_a_killed_worker_stops_the_stage_instead_of_waiting_for_ever() -> None:
    seen, _ = _one_process_run()
    FAIL_AT[:] = [seen[1][0]]
    try:
        with Store.open(":memory:") as store:
            store.add_many(articles(120))
            with (pytest.raises(WorkerFailed, match=r"ChildProcessError: worker process \d+ exited"),
                  forked(2, Config()) as pooled):
                assert pooled is not None
                corpus.build_corpus(store, mapper=lambda fn, b, c: pooled(partial(_killed_on_one, fn), b, c))
            parts = {row[0] for row in store.conn.execute("SELECT event_id FROM corpus_parts").fetchall()}
            assert not parts & set(seen[1])  # the killed batch left nothing
    finally:
        FAIL_AT.clear()


def _failing(pooled: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    """``pooled`` running its tasks through ``_fails_on_one``."""
    return lambda fn, tasks, config: pooled(partial(_fails_on_one, fn), tasks, config)


def test_the_mapper_holds_few_batches_out() -> None:
    import multiprocessing as mp

    drawn: list[int] = []

    def batches() -> Iterator[Batch]:
        for k in range(10):
            drawn.append(k)
            yield Batch([], {}, [[f"e{k}", "p", "d"]])

    with mp.get_context("fork").Pool(2) as pool:
        results = corpus_mapper(pool, 2)(group_batch, batches(), Config())
        first = next(results)
        assert len(drawn) == 5 and first.event_ids == ["e0"]  # four out, and one read while the first was written
        assert [g.event_ids[0] for g in results] == [f"e{k}" for k in range(1, 10)]
