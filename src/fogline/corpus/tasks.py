"""One batch of partitions grouped into incidents: the unit of work of the corpus stage, run in the writing
process or as a Dask task. Everything it needs travels with it (event records as JSON, the articles'
DocInfo, the configuration), so a worker never opens the store."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import orjson

from fogline.config import Config
from fogline.corpus.clustering import group_items
from fogline.corpus.downstream import light_items
from fogline.corpus.incidents import assemble, incident_order
from fogline.corpus.items import DocInfo, make_item
from fogline.corpus.reliability import Lookup, load_lookup
from fogline.corpus.replay import Prior
from fogline.corpus.rules import default_rules
from fogline.model import Incident, event_from_dict
from fogline.store.incidents import fingerprint


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
    """A grouped batch: each incident with its record JSON and fingerprint (an incident the same as the
    stored one stands in by its id and stored fingerprint alone, with no record: the store keeps it), and
    how many events replayed their last decision."""

    incidents: list[tuple[Incident, str, str]]
    parts: list[list[str]]
    replayed: int = 0

    @property
    def event_ids(self) -> list[str]:
        return [row[0] for row in self.parts]


_RATINGS: dict[str, Lookup] = {}


def _ratings(config: Config) -> Lookup:
    """This process's ratings lookup for ``config``, loaded once."""
    key = repr(config)
    if key not in _RATINGS:
        _RATINGS[key] = load_lookup(config)
    return _RATINGS[key]


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
        items = [make_item(batch.docs[d], event_from_dict(orjson.loads(r)), rules) for d, r in batch.records]
        prior = batch.prior
        items += light_items(prior, batch.docs, rules)
        out, kept = [], [(Incident(i, t), "", fp) for i, t, fp in prior.standins] if prior is not None else []
        for g in group_items(items, rules, prior):
            if prior is not None and (was := prior.stored(g.items, g.reasons)) is not None:
                kept.append((Incident(was[0], g.items[0].event.sub_event_type), "", was[1]))
            else:
                inc = assemble(g, batch.docs, ratings, rules)
                out.append((inc, *fingerprint(inc)))
        out.sort(key=lambda row: incident_order(row[0]))
        return Grouped(out + kept, batch.parts, prior.replayed if prior else 0)
