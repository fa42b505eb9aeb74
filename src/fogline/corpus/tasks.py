"""One batch of partitions grouped into incidents: the unit of work of the corpus stage, run in the writing
process or as a Dask task. Everything it needs travels with it (event records as JSON, the articles'
DocInfo, the configuration), so a worker never opens the store."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pyarrow as pa

from fogline.config import Config
from fogline.corpus.clustering import group_items
from fogline.corpus.incidents import assemble, incident_order
from fogline.corpus.items import DocInfo, make_item
from fogline.corpus.reliability import Lookup, load_lookup
from fogline.corpus.replay import Prior
from fogline.corpus.rules import default_rules
from fogline.model import Incident, event_from_json
from fogline.store.corpus import arrow_rows
from fogline.store.incidents import record_row


@dataclass(slots=True)
class Batch:
    """Partitions to group: their events' (doc_id, record JSON), the articles they come from (and their
    origins), (event_id, partition, digest) of every event, recorded once the batch is written, and the
    last run's decisions to replay where they still hold (``corpus.replay``)."""

    records: list[tuple[str, str]]
    docs: dict[str, DocInfo]
    parts: list[list[str]]
    prior: Prior | None = None


@dataclass(slots=True)
class Grouped:
    """A grouped batch, ready to write and light to send between processes: the rows of its assembled
    incidents (``store.incidents.incident_row``, record JSON and fingerprint included, in incident order)
    and their reports (event_id, incident_id, doc_id), as Arrow tables; the stand-ins (incident_id,
    stored fingerprint) of incidents the same as stored (the store keeps them); the batch's
    (event_id, partition, digest) rows, and how many events replayed their last decision."""

    incidents: pa.Table
    reports: pa.Table
    kept: list[tuple[str, str]]
    parts: list[list[str]]
    replayed: int = 0

    @property
    def event_ids(self) -> list[str]:
        return [row[0] for row in self.parts]


def rows(out: list[Incident], kept: list[tuple[str, str]], parts: list[list[str]], replayed: int) -> Grouped:
    """The store's rows of a batch's incidents (``out`` in incident order), built where they were grouped:
    the writer then only inserts them."""
    records = [record_row(inc) for inc in out]
    reports = [[r.event_id, inc.incident_id, r.doc_id] for inc in out for r in inc.reports]
    return Grouped(arrow_rows("incidents", records), arrow_rows("incident_reports", reports), kept, parts, replayed)


class WorkerFailed(RuntimeError):
    """A worker process raised while grouping a batch, or died (killed, out of memory): nothing of that batch
    is written (``batch.corpus_pool``; here so that commands catch it without loading the analysing pipeline)."""


_RATINGS: dict[str, Lookup] = {}


def _ratings(config: Config) -> Lookup:
    """This process's ratings lookup for ``config``, loaded once."""
    key = repr(config)
    if key not in _RATINGS:
        _RATINGS[key] = load_lookup(config)
    return _RATINGS[key]


def warm(config: Config) -> None:
    """Load this process's ratings for ``config`` now (before forking workers, say, so they share them)."""
    _ratings(config)


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection for the length of a ``with`` block. Grouping a batch makes a great many
    small records that live until the batch is written, and none of them in cycles (reference counting
    frees them), so the collector's passes over them, most of a batch's time, find nothing."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def group_batch(batch: Batch, config: Config) -> Grouped:
    """Incidents of the batch's partitions, in ``incidents.incident_order`` as ``build_incidents`` lists them
    (identical to grouping the whole corpus at once)."""
    rules, ratings = default_rules(), _ratings(config)
    with paused_gc():
        items = [make_item(batch.docs[d], event_from_json(r), rules) for d, r in batch.records]
        prior = batch.prior
        out, kept = [], []
        for g in group_items(items, rules, prior):
            if prior is not None and (was := prior.stored(g.items, g.reasons)) is not None:
                kept.append(was)
            else:
                out.append(assemble(g, batch.docs, ratings, rules))
        out.sort(key=incident_order)
        return rows(out, kept, batch.parts, prior.replayed if prior else 0)
