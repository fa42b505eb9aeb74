"""The corpus layer: reposts and near-duplicates, incidents, claims by side, casualty ranges, confidence.

``build_corpus(store, res)`` runs after articles are stored (``fogline analyze`` calls it):

1. near-duplicates, incrementally: the new articles' text samples (taken as they were written) are
   joined against every stored sample in SQL, candidates verified on exact shingles; verified pairs
   are kept, and copies are marked with their origin;
2. incidents, by partition (``corpus.partition``): light columns of every event give its blocking
   keys and the connected pieces of the blocking graph; only partitions holding a new or changed event
   (or joined, or left by an event) are grouped again, a batch at a time (``corpus.tasks``, here or on
   Dask workers), and only incidents whose content changed are rewritten. Inside a partition, an event
   whose candidate groups are as they were replays its last decision instead of being compared again, and
   one compared again is scored only against the groups that changed near it and its old group
   (``corpus.replay``), so new articles cost what they change; with ``DOWNSTREAM_ONLY`` only the events
   of groups that change are read in full (``corpus.downstream``). Each partition is grouped
   exactly as one global pass would group it, so the result is the same whatever order articles came
   in and however the work was cut (``bench/bench_corpus.py`` measures it).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

from fogline.config import Config
from fogline.corpus.dedup import DupPair, assign_origins, verified_pairs
from fogline.corpus.downstream import Light, Plan, actor_sides, plan
from fogline.corpus.items import DocInfo
from fogline.corpus.partition import KeyRow, part_names, partitions
from fogline.corpus.replay import KEPT_APART, Incomplete, Key, Prior, read_prior
from fogline.corpus.rules import MergeRules, default_rules
from fogline.corpus.tasks import Batch, Grouped, group_batch, paused_gc
from fogline.resources import Resources
from fogline.store import Store
from fogline.store import corpus as sql_parts
from fogline.store import dedup as sql_dedup
from fogline.store import incidents as sql
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


Mapper = Callable[[Callable[..., Grouped], Iterator[Batch], Config], Iterator[Grouped]]
"""Runs ``group_batch`` over batches (on Dask workers, say), yielding results as they are ready; it should
draw batches only as it has room for them (each holds its events' records)."""
DOWNSTREAM_ONLY = False
"""Read in full only the events of a dirty partition that grouping changes (``corpus.downstream``), the
others by their keys, and leave untouched incidents out. Off: on the synthetic bench (+100 articles to a
25,000-article store) it reads 7,305 of 24,609 records, but planning walks every event of the dirty
partitions once more on light items, so it costs more CPU (19.3 s) than reading them all and replaying
(14.0 s); worth it where records are dear (shipped to workers, or memory), or once the walk is cheaper."""
RETRIES = 4
"""Times a batch is planned again, knowing more, when its pass wanted a record it did not hold; then it is read
whole."""
BATCH_EVENTS = 4000
"""Events grouped per batch (a partition is never split): what the stage holds in memory at a time."""


def _local(fn: Callable[..., Grouped], batches: Iterator[Batch], config: Config) -> Iterator[Grouped]:
    return (fn(b, config) for b in batches)


def _old_part(row: KeyRow, old: dict[str, tuple[str, str]]) -> str | None:
    """The partition of last run an event was in, when it is unchanged since (None: new or changed)."""
    was = old.get(row.event_id)
    return was[0] if was is not None and was[1] == row.digest else None


def _dirty(part: list[int], rows: list[KeyRow], old: dict[str, tuple[str, str]], sizes: Counter[str]) -> bool:
    """Whether a partition must be grouped again: a member is new or changed, or it is not exactly one
    partition of the last run (two were joined, or one lost members)."""
    names = set()
    for n in part:
        if (name := _old_part(rows[n], old)) is None:
            return True
        names.add(name)
    return len(names) != 1 or sizes[names.pop()] != len(part)


def _reusable(part: list[int], rows: list[KeyRow], old: dict[str, tuple[str, str]], sizes: Counter[str]) -> list[str]:
    """Events of a partition whose last decisions may be replayed: those of the partitions of last run
    that are here whole and unchanged (an event of theirs removed, changed or elsewhere: none of them)."""
    found: dict[str, list[str]] = {}
    for n in part:
        if (name := _old_part(rows[n], old)) is not None:
            found.setdefault(name, []).append(rows[n].event_id)
    return [e for name, ids in found.items() if len(ids) == sizes[name] for e in ids]


def _batches(store: Store, rows: list[KeyRow], parts: list[list[int]], docs: dict[str, DocInfo],
             reusable: set[str], rules: MergeRules) -> Iterator[Batch]:
    """Dirty partitions in batches of about ``BATCH_EVENTS`` events, with what grouping them reads
    (``_batch``)."""
    todo: list[list[int]] = []
    for part in [*parts, []]:
        if todo and (not part or sum(map(len, todo)) + len(part) > BATCH_EVENTS):
            names = part_names(rows, todo)
            tags = [[rows[n].event_id, name, rows[n].digest] for p, name in zip(todo, names, strict=True) for n in p]
            yield _batch(store, rows, [n for p in todo for n in p], tags, docs, reusable, rules, Retry([]))
            todo = []
        todo.append(part)


def _batch(store: Store, rows: list[KeyRow], members: list[int], tags: list[list[str]], docs: dict[str, DocInfo],
           reusable: set[str], rules: MergeRules, known: Retry, whole: bool = False) -> Batch:
    """One batch: the records grouping will read (``corpus.downstream`` plans which, from the keys and last run's
    groups, knowing what an earlier attempt found), the articles, and the last decisions of the events in the
    pass; ``whole``: every record, as the plan's fallback."""
    ids = {rows[n].doc_id for n in members}
    ids |= {o for d in ids if (o := docs[d].origin_doc_id)}
    reuse = [rows[n].event_id for n in members if rows[n].event_id in reusable]
    planned = DOWNSTREAM_ONLY and reuse and not whole
    found = _plan(store, [rows[n] for n in members], docs, reuse, rules, known) if planned else None
    if found is None:
        return Batch(sql_parts.raw_event_records(store, [rows[n].event_id for n in members]),
                     {d: docs[d] for d in ids}, tags, read_prior(sql_regroup.prior_incidents(store, reuse), set(reuse)))
    plan, reports, more = found
    passed = plan.load | {r.event_id for r in plan.light}
    inside = [e for e in reuse if e in passed]
    prior = read_prior(sql_regroup.prior_incidents(store, inside), set(inside)) or Prior()
    prior.light = {(r.doc_id, r.event_id) for r in plan.light}
    prior.light_rows = [(r, *more[r.event_id]) for r in plan.light]
    prior.standins = sql_regroup.standins(store, sorted(plan.kept))
    prior.replayed = sum(1 for e in reports if e not in passed)  # the events of the incidents kept as stored
    return Batch(sql_parts.raw_event_records(store, sorted(plan.load)), {d: docs[d] for d in ids}, tags, prior)


def _plan(store: Store, rows: list[KeyRow], docs: dict[str, DocInfo], reuse: list[str], rules: MergeRules,
          known: Retry) -> tuple[Plan, dict[str, str], Light]:
    """``downstream.plan`` of a batch's events, with last run's incident of each event whose incident is whole
    and unchanged (``reuse``)."""
    ok, apart = set(reuse), set()
    events: dict[str, list[str]] = {}
    for incident_id, event_id, kept_apart in sql_regroup.incident_reports(store, reuse, KEPT_APART):
        events.setdefault(incident_id, []).append(event_id)
        if kept_apart:
            apart.add(incident_id)
    reports = {e: i for i, es in events.items() if all(e in ok for e in es) for e in es}
    more = {e: (actor_sides((a1, c1, a2, c2), rules), texts) for e, a1, c1, a2, c2, texts
            in sql_parts.light_columns(store, [r.event_id for r in rows], sorted(rules.crowd_types))}
    return plan(rows, docs, more, reports, apart, rules, known.need), reports, more


@dataclass(slots=True)
class Retry:
    """A batch whose plan left out a record its pass wanted: its (event_id, partition, digest) rows and the
    events wanting (``replay.Incomplete``)."""

    parts: list[list[str]]
    need: set[Key] = field(default_factory=set)


def _group(batch: Batch, config: Config) -> Grouped | Retry:
    """``group_batch``, or a ``Retry`` when the pass wanted a record the batch did not hold."""
    try:
        return group_batch(batch, config)
    except Incomplete as wanting:
        return Retry(batch.parts, wanting.need)


def build_corpus(store: Store, res: Resources | Config | None = None, mapper: Mapper | None = None) -> CorpusResult:
    """Update near-duplicates and incidents for what the store holds now: only the partitions that new or
    changed articles touch are grouped again (``corpus.partition``), a batch at a time, by ``mapper``
    (Dask workers, say) or here."""
    config = res.config if isinstance(res, Resources) else (res or Config())
    with paused_gc():
        return sql_parts.within_bounded_memory(store, lambda: _build(store, config, mapper))


def _build(store: Store, config: Config, mapper: Mapper | None) -> CorpusResult:
    t0 = time.perf_counter()
    docs, hints = load_docs(store)
    n_new, n_pairs = update_duplicates(store, docs, hints)
    deleted = sql_parts.drop_vanished(store)
    rows = sorted((KeyRow(*r) for r in sql_parts.key_rows(store) if r[1] in docs), key=lambda r: (r.doc_id, r.event_id))
    parts = partitions(rows, docs, default_rules())
    old = sql_parts.stored_parts(store)
    sizes = Counter(p for p, _ in old.values())
    dirty = [p for p in parts if _dirty(p, rows, old, sizes)]
    reusable = {e for p in dirty for e in _reusable(p, rows, old, sizes)}
    del old
    written = replayed = 0
    rules, at = default_rules(), {}
    for grouped in (mapper or _local)(_group, _batches(store, rows, dirty, docs, reusable, rules), config):
        known = Retry([])
        for attempt in range(RETRIES + 1):
            if not isinstance(grouped, Retry):
                break
            at = at or {r.event_id: n for n, r in enumerate(rows)}
            known.need |= grouped.need
            grouped = _group(_batch(store, rows, [at[t[0]] for t in grouped.parts], grouped.parts, docs, reusable,
                                    rules, known, whole=attempt == RETRIES), config)
        w, d = sql_parts.write_batch(store, grouped.incidents, grouped.reports, grouped.kept, grouped.parts)
        written, deleted, replayed = written + w, deleted + d, replayed + grouped.replayed
    n_copies = sum(1 for d in docs.values() if d.origin_doc_id)
    return CorpusResult(n_new, n_pairs, n_copies, sql_parts.incident_count(store), written, deleted,
                        time.perf_counter() - t0, len(dirty), len(parts), sum(map(len, dirty)), replayed)


__all__ = ["CorpusResult", "build_corpus"]
