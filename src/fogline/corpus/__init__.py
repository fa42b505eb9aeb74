"""The corpus layer: reposts and near-duplicates, incidents, claims by side, casualty ranges, confidence.

``build_corpus(store, res)`` runs after articles are stored (``fogline analyze`` calls it):

1. near-duplicates, incrementally: the new articles' text samples (taken as they were written) are
   joined against every stored sample in SQL, candidates verified on exact shingles; verified pairs
   are kept, and copies are marked with their origin;
2. incidents, by partition (``corpus.partition``): the blocking keys of the events and the connected pieces
   of the blocking graph; each partition's keys are stored, so a later run reads only the changed events, the
   partitions they were in and the stored partitions they meet (``corpus.incremental``; the first run on a
   store, or one under other rules or ratings, reads every event's light row); only partitions holding a new
   or changed event (or joined, or left by an event) are grouped again, a batch at a time (``corpus.tasks``, here or on
   Dask workers), and only incidents whose content changed are rewritten. Inside a partition, an event
   whose candidate groups are as they were replays its last decision instead of being compared again, and
   one compared again is scored only against the groups that changed near it and its old group
   (``corpus.replay``), so new articles cost what they change. Each partition is grouped
   exactly as one global pass would group it, so the result is the same whatever order articles came
   in and however the work was cut (``bench/bench_corpus.py`` measures it).

What the writing process does alone is kept short and overlapped: in a full computation the events' light rows
are read and their signatures' blocking keys made (on the workers, when there are any) on a thread while the
near-duplicates are worked out (only the digests wait for them); a batch's records and the last run's incidents of its
events travel as Arrow columns, parsed where the batch is grouped (``Task``); the writer reads the next
batches and writes grouped ones while the workers group, and rewrites only what changed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Container, Iterator, Sequence, Sized
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
import pyarrow as pa

from fogline.config import Config
from fogline.corpus.dedup import DupPair, assign_origins, verified_pairs
from fogline.corpus.incremental import Member, Plan, changed_docs, fingerprints, full_plan, region_plan
from fogline.corpus.items import DocInfo
from fogline.corpus.partition import KeyRow, Mapped, SignatureKeys, components, copy_twins, part_names, signature_keys
from fogline.corpus.replay import read_prior
from fogline.corpus.rules import MergeRules, default_rules
from fogline.corpus.tasks import Batch, Grouped, group_batch, paused_gc
from fogline.resources import Resources
from fogline.store import Store
from fogline.store import corpus as sql_parts
from fogline.store import dedup as sql_dedup
from fogline.store import incidents as sql
from fogline.store import keys as sql_keys
from fogline.store import regroup as sql_regroup

HINT_KINDS = ("repost", "source", "syndicat", "credit")
DEDUP_BATCH = 500
"""Articles sampled at a time when a store written before samples were taken is brought up to date."""


@dataclass(slots=True)
class CorpusResult:
    new_articles: int
    new_pairs: int
    copies: int
    incidents: int
    written: int
    deleted: int
    seconds: float
    regrouped: int = 0
    partitions: int = 0
    grouped: int = 0
    replayed: int = 0
    serial_s: float = 0.0
    """Seconds before the first batch was read: near-duplicates, keys and partitions, which no batch overlaps."""

    def __str__(self) -> str:
        return (f"{self.new_articles} new articles, {self.copies} copies of other articles; "
                f"{self.incidents} incidents ({self.written} written, {self.deleted} removed; "
                f"{self.regrouped} of {self.partitions} partitions grouped again, {self.replayed} of their "
                f"{self.grouped} events replayed) in {self.seconds:.1f} s")


def load_docs(store: Store) -> tuple[dict[str, DocInfo], dict[str, tuple[str, ...]]]:
    """DocInfo of every stored article, and the repost hints (signal details naming a source)."""
    docs = {r[0]: DocInfo(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6])) for r in sql.doc_rows(store)}
    kinds: dict[str, list[str]] = {}
    hints: dict[str, list[str]] = {}
    for doc_id, kind, detail in sql.doc_signals(store):
        kinds.setdefault(doc_id, []).append(kind)
        if detail and any(h in kind for h in HINT_KINDS):
            hints.setdefault(doc_id, []).append(detail)
    for doc_id, ks in kinds.items():
        if doc_id in docs:
            docs[doc_id].signal_kinds = tuple(ks)
    return docs, {d: tuple(h) for d, h in hints.items()}


def update_duplicates(store: Store, docs: dict[str, DocInfo], hints: dict[str, tuple[str, ...]]) -> tuple[int, int]:
    """Match the new articles against every stored one; mark copies in ``docs``. Returns (new articles,
    new pairs)."""
    for batch in sql_dedup.unsampled(store, DEDUP_BATCH):  # a store written before samples were taken
        with store.transaction() as conn:
            sql_dedup.insert_samples(conn, batch)
    new = sql.unsigned_ids(store)
    pairs = verified_pairs(sql_dedup.candidates(store, new), lambda ids: sql_dedup.texts(store, ids))
    every = {DupPair(*row) for row in sql.duplicate_pairs(store)} | set(pairs)
    copies = assign_origins(docs, sorted(every, key=lambda p: (p.a, p.b)), hints)
    done = {d: (0, np.zeros(0, dtype=np.uint64)) for d in new}
    sql.save_dedup(store, done, [(p.a, p.b, p.jaccard, p.containment) for p in pairs], copies)
    return len(new), len(pairs)


Mapper = Callable[[Callable[..., Grouped], Iterator[Any], Config], Iterator[Grouped]]
"""Runs ``group_task`` over tasks (on Dask workers, say), yielding results as they are ready; it should
draw batches only as it has room for them (each holds its events' records)."""
BATCH_EVENTS = 4000
"""Events grouped per batch (a partition is never split): what the stage holds in memory at a time."""


def _local(fn: Callable[..., Grouped], batches: Iterator[Any], config: Config) -> Iterator[Grouped]:
    return (fn(b, config) for b in batches)


@dataclass(slots=True)
class Task:
    """A batch as the writer hands it out: the stored incidents of its ``reusable`` events as read
    (``store.regroup.prior_incidents``, Arrow columns) are made a ``Prior`` where the batch is grouped, so
    the writer does not parse them."""

    batch: Batch
    prior: pa.Table | None = None
    reusable: tuple[str, ...] = ()

    @property
    def records(self) -> Sized:
        return self.batch.records


def group_task(task: Task, config: Config) -> Grouped:
    """``tasks.group_batch`` of a ``Task``, its last decisions read first."""
    if task.prior is not None:
        task.batch.prior = read_prior(sql_regroup.prior_rows(task.prior), set(task.reusable))
    return group_batch(task.batch, config)


def _batches(store: Store, rows: Sequence[Member | KeyRow], parts: list[list[int]], docs: dict[str, DocInfo],
             reusable: set[str]) -> Iterator[Task]:
    """Dirty partitions in batches of about ``BATCH_EVENTS`` events, records read from the store per batch,
    with the stored incidents of their ``reusable`` events."""
    todo: list[list[int]] = []
    held = 0  # events in todo (kept as they come: summing todo per partition was quadratic)
    for part in [*parts, []]:
        if todo and (not part or held + len(part) > BATCH_EVENTS):
            members = [n for p in todo for n in p]
            ids = {rows[n].doc_id for n in members}
            ids |= {o for d in ids if (o := docs[d].origin_doc_id)}
            names = part_names(rows, todo)
            tags = [[rows[n].event_id, name, rows[n].digest] for p, name in zip(todo, names, strict=True) for n in p]
            reuse = [rows[n].event_id for n in members if rows[n].event_id in reusable]
            yield Task(Batch(sql_parts.raw_event_records(store, [rows[n].event_id for n in members]),
                             {d: docs[d] for d in ids}, tags), sql_regroup.prior_incidents(store, reuse), tuple(reuse))
            todo, held = [], 0
        todo.append(part)
        held += len(part)


def build_corpus(store: Store, res: Resources | Config | None = None, mapper: Mapper | None = None) -> CorpusResult:
    """Update near-duplicates and incidents for what the store holds now: only the partitions that new or
    changed articles touch are grouped again (``corpus.partition``), a batch at a time, by ``mapper``
    (Dask workers, say) or here."""
    config = res.config if isinstance(res, Resources) else (res or Config())
    with paused_gc():
        return sql_parts.within_bounded_memory(store, lambda: _build(store, config, mapper))


def _on_workers(mapper: Mapper, config: Config, fn: Callable[..., Any], tasks: Iterator[Any]) -> Iterator[Any]:
    return mapper(fn, tasks, config)


def _keyed(store: Store, docs: Container[str], rules: MergeRules,
           mapped: Mapped | None) -> tuple[list[KeyRow], SignatureKeys]:
    """The light rows of the events of ``docs``' articles, by article, and their signatures' blocking keys
    (made by ``mapped``, the workers, when given): what partitions need that the near-duplicates leave as it
    is (so it runs while they are worked out)."""
    rows = sorted((KeyRow(*r) for r in sql_parts.light_rows(store.conn) if r[1] in docs),
                  key=lambda r: (r.doc_id, r.event_id))
    return rows, signature_keys(rows, rules, mapped)


def _build(store: Store, config: Config, mapper: Mapper | None) -> CorpusResult:
    t0 = time.perf_counter()
    rules, fps, state = default_rules(), fingerprints(config), sql_keys.state(store)
    regroup = state.get("grouping") != fps.grouping and sql_keys.has_parts(store)
    incremental = not regroup and state.get("keys") == fps.keys
    new, before = (set(sql.unsigned_ids(store)), sql.copies(store)) if incremental else (set(), {})
    sql_keys.clear_state(store, ["keys", "grouping"] if regroup else ["keys"])  # a run cut short: in full next time
    docs, hints = load_docs(store)
    if incremental:
        n_new, n_pairs = update_duplicates(store, docs, hints)
        deleted = sql_parts.drop_vanished(store)
        plan = region_plan(store, docs, rules, changed_docs(new, before, sql.copies(store)))
    else:
        n_new, n_pairs, deleted, plan = _full(store, docs, hints, rules, config, mapper, regroup)
    written = replayed = 0
    serial_s = time.perf_counter() - t0
    sql_keys.write_keys(store, plan.stale, plan.keys, {})  # vouched for once every batch is written
    old, plan.keys = plan.old, None
    for grouped in (mapper or _local)(group_task, _batches(store, plan.rows, plan.dirty, docs, plan.reusable), config):
        fresh = [row for row in grouped.parts if old.get(row[0]) != (row[1], row[2])]  # the others are stored
        w, d = sql_parts.write_batch(store, grouped.incidents, grouped.reports, grouped.kept, grouped.parts, fresh)
        written, deleted, replayed = written + w, deleted + d, replayed + grouped.replayed
    sql_keys.set_states(store, {"keys": fps.keys, "grouping": fps.grouping})
    n_copies = sum(1 for d in docs.values() if d.origin_doc_id)
    return CorpusResult(n_new, n_pairs, n_copies, sql_parts.incident_count(store), written, deleted,
                        time.perf_counter() - t0, len(plan.dirty), plan.partitions or sql_keys.part_count(store),
                        sum(map(len, plan.dirty)), replayed, serial_s)


def _full(store: Store, docs: dict[str, DocInfo], hints: dict[str, tuple[str, ...]], rules: MergeRules,
          config: Config, mapper: Mapper | None, regroup: bool) -> tuple[int, int, int, Plan]:
    """Near-duplicates, then every event's keys and partition (``incremental.full_plan``)."""
    with ThreadPoolExecutor(1, thread_name_prefix="fogline-keys") as meanwhile:
        # with workers, keys are made meanwhile (DuckDB and the workers: no GIL); one process makes them after
        # the near-duplicates (a thread would hold both at once, for no gain)
        keyed = None if mapper is None else meanwhile.submit(_keyed, store, set(docs), rules,
                                                             partial(_on_workers, mapper, config))
        n_new, n_pairs = update_duplicates(store, docs, hints)
        deleted = sql_parts.drop_vanished(store)
        rows, sig_keys = _keyed(store, set(docs), rules, None) if keyed is None else keyed.result()
    for row, digest in zip(rows, sql_parts.digests(store, [r.doc_id for r in rows], [r.digest for r in rows]),
                           strict=True):
        row.digest = digest
    twins = copy_twins(rows, docs, rules)
    parts = components(sig_keys, len(rows), twins)
    return n_new, n_pairs, deleted, full_plan(store, rows, parts, sig_keys, set(twins), regroup)


__all__ = ["CorpusResult", "build_corpus"]
