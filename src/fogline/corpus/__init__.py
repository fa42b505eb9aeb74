"""The corpus layer: reposts and near-duplicates, incidents, claims by side, casualty ranges, confidence.

``build_corpus(store, res)`` runs after articles are stored (``fogline analyze`` calls it):

1. near-duplicates, incrementally: only articles without a signature are hashed and queried against
   the stored signatures; verified pairs are kept, and copies are marked with their origin;
2. incidents: every stored event is grouped again in memory (blocking keeps it near-linear: about
   3 s per 100k events here, see ``bench/bench_incidents.py``), and only incidents whose content
   changed are rewritten. Regrouping everything rather than patching is what makes the result
   identical to a fresh build whatever order articles came in; its cost is a read of the events
   table, small beside the analysis of the articles themselves.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from fogline.config import Config
from fogline.corpus.dedup import DupIndex, DupPair, assign_origins, find_pairs
from fogline.corpus.incidents import build_incidents
from fogline.corpus.items import DocInfo, make_item
from fogline.corpus.reliability import load_lookup
from fogline.corpus.rules import default_rules
from fogline.resources import Resources
from fogline.store import Store
from fogline.store import incidents as sql

HINT_KINDS = ("repost", "source", "syndicat", "credit")
DEDUP_BATCH = 500
"""New articles hashed and matched at a time: earlier batches are in the index and their texts are read
back from the store when a candidate needs them, so the pairs are those of one pass over all."""


@dataclass(slots=True)
class CorpusResult:
    new_articles: int
    new_pairs: int
    copies: int
    incidents: int
    written: int
    deleted: int
    seconds: float

    def __str__(self) -> str:
        return (f"{self.new_articles} new articles, {self.copies} copies of other articles; "
                f"{self.incidents} incidents ({self.written} written, {self.deleted} removed) "
                f"in {self.seconds:.1f} s")


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
    """Hash and match the new articles; mark copies in ``docs``. Returns (new articles, new pairs)."""
    new = sql.unsigned_ids(store)
    pairs: list[DupPair] = []
    sigs: dict = {}
    if new:
        index = DupIndex()
        for doc_id, values in sql.signatures(store):
            index.add(doc_id, values)
        for i in range(0, len(new), DEDUP_BATCH):  # texts and shingle sets of one batch in memory at a time
            found, batch_sigs = find_pairs(sql.texts(store, new[i:i + DEDUP_BATCH]), index,
                                           lambda ids: sql.texts(store, ids))
            pairs += found
            sigs |= batch_sigs
    every = {DupPair(*row) for row in sql.duplicate_pairs(store)} | set(pairs)
    copies = assign_origins(docs, sorted(every, key=lambda p: (p.a, p.b)), hints)
    sql.save_dedup(store, sigs, [(p.a, p.b, p.jaccard, p.containment) for p in pairs], copies)
    return len(new), len(pairs)


def build_corpus(store: Store, res: Resources | Config | None = None) -> CorpusResult:
    """Update near-duplicates and incidents for what the store holds now."""
    t0 = time.perf_counter()
    config = res.config if isinstance(res, Resources) else (res or Config())
    rules = default_rules()
    docs, hints = load_docs(store)
    n_new, n_pairs = update_duplicates(store, docs, hints)
    items = [make_item(docs[d], ev, rules) for d, ev in store.events() if d in docs and not ev.background]
    incidents = build_incidents(items, docs, rules, load_lookup(config))
    written, deleted = sql.write_incidents(store, incidents)
    n_copies = sum(1 for d in docs.values() if d.origin_doc_id)
    return CorpusResult(n_new, n_pairs, n_copies, len(incidents), written, deleted, time.perf_counter() - t0)


__all__ = ["CorpusResult", "build_corpus"]
