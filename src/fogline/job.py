"""The main job, shared by every entry point: read inputs, analyse, store, write JSON Lines, build the corpus."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from fogline.batch import Outcome, open_workers
from fogline.ingest import read_paths
from fogline.model import Document, RawArticle, Rejected
from fogline.resources import Resources
from fogline.store import Store

Progress = Callable[[str], None]
CHUNK = 64  # articles read ahead and handed to the workers at a time


@dataclass(slots=True)
class RunSummary:
    """What one ``analyze`` run did."""

    analysed: int = 0
    stored: int = 0
    already_stored: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    corpus_note: str = ""


def run(paths: Iterable[str], store: Store, res: Resources, jsonl: IO[str] | None = None, workers: int = 1,
        force: bool = False, corpus: bool = True, progress: Progress | None = None,
        cluster: Any = None, parquet: Path | None = None) -> RunSummary:
    """Analyse everything under ``paths`` into ``store`` (and ``jsonl``); never stops on a bad article.
    ``cluster`` (a dask scheduler address, ``local:N`` or a ``distributed.Client``) runs the analysis
    there instead of on ``workers`` local processes; this process stays the only writer. With ``parquet`` (a
    folder) the analysed articles go there as Parquet parts (``fogline load`` imports them) instead of
    into ``store``, which then only records rejected inputs, and the corpus stage is left to ``load``."""
    summary = RunSummary()
    items = read_paths(paths, res.config)
    with open_workers(res, workers, cluster) as pool:
        while chunk := list(itertools.islice(items, CHUNK)):
            todo = list(_pending(chunk, store, summary, jsonl, force, progress))
            store.release()  # other processes may open the store while this chunk is analysed
            if parquet is not None and hasattr(pool, "write_parquet"):  # the workers write the parts
                _parts_on_workers(pool, todo, parquet, store, summary, progress)
            elif parquet is not None:
                _write_part(list(_analysed(pool, todo, progress)), parquet, store, summary, jsonl)
            else:
                _store(list(_analysed(pool, todo, progress)), store, summary, jsonl, force)
            store.release()
        if corpus and summary.doc_ids and parquet is None:  # on the same dask cluster, when there is one
            summary.corpus_note = build_corpus(store, res, pool.corpus_mapper() if hasattr(pool, "corpus_mapper")
                                               else None)
    return summary


def _analysed(pool: Any, todo: list[RawArticle], progress: Progress | None) -> Iterator[Outcome]:
    for item in pool.map(todo):
        if progress:
            progress(item[0] if isinstance(item, tuple) else item.source)
        yield item


def _pending(items: list[RawArticle | Rejected], store: Store, summary: RunSummary, jsonl: IO[str] | None,
             force: bool, progress: Progress | None) -> Iterator[RawArticle]:
    """Articles still to analyse; rejected inputs are recorded, stored ones are reused as they are."""
    for item in items:
        if isinstance(item, Rejected):
            _reject(store, summary, item)
        elif item.doc_id in summary.seen:
            summary.already_stored += 1
        elif not force and store.has(item.doc_id) and (doc := store.get(item.doc_id)) is not None:
            summary.seen.add(item.doc_id)
            summary.already_stored += 1
            summary.doc_ids.append(doc.doc_id)
            _write(jsonl, doc)
        else:
            summary.seen.add(item.doc_id)
            yield item
            continue
        if progress:
            progress(item.source)


def _store(outcomes: list[Document | tuple[str, str]], store: Store, summary: RunSummary, jsonl: IO[str] | None,
           force: bool) -> None:
    """Record the failures, then store the chunk's documents in one transaction (bulk inserts); an
    article the store refuses is rejected alone (``Store.add_many`` falls back to one at a time)."""
    docs = [o for o in outcomes if isinstance(o, Document)]
    for item in outcomes:
        if isinstance(item, tuple):
            _reject(store, summary, Rejected(item[0], item[1]))
    summary.analysed += len(docs)
    for doc, added in zip(docs, store.add_many(docs, replace=force) if docs else [], strict=True):
        if isinstance(added, Exception):
            _reject(store, summary, Rejected(doc.source, f"could not store: {type(added).__name__}: {added}"))
            continue
        summary.stored += added
        summary.doc_ids.append(doc.doc_id)
        _write(jsonl, doc)


def _write_part(outcomes: list[Document | tuple[str, str]], folder: Path, store: Store, summary: RunSummary,
                jsonl: IO[str] | None) -> None:
    """A chunk's documents as one Parquet part (named by its first article and size), failures recorded."""
    from fogline.store.parquet import write_part

    docs = [o for o in outcomes if isinstance(o, Document)]
    for item in outcomes:
        if isinstance(item, tuple):
            _reject(store, summary, Rejected(item[0], item[1]))
    if docs:
        summary.analysed += write_part(docs, folder, f"{docs[0].doc_id}-{len(docs)}")
        summary.stored += len(docs)
    for doc in docs:
        summary.doc_ids.append(doc.doc_id)
        _write(jsonl, doc)


def _parts_on_workers(pool: Any, todo: list[RawArticle], folder: Path, store: Store, summary: RunSummary,
                      progress: Progress | None) -> None:
    """Dask workers analyse and write the Parquet parts; only ids and failures come back."""
    for key, reason in pool.write_parquet(todo, str(folder)):
        if reason is not None:
            _reject(store, summary, Rejected(key, reason))
        else:
            summary.analysed += 1
            summary.stored += 1
            summary.doc_ids.append(key)
        if progress:
            progress(key)


def _reject(store: Store, summary: RunSummary, r: Rejected) -> None:
    store.add_rejected(r)
    summary.rejected.append(r)


def _write(jsonl: IO[str] | None, doc: Document) -> None:
    if jsonl is not None:
        jsonl.write(json.dumps(doc.to_contract(), ensure_ascii=False) + "\n")
        jsonl.flush()


def build_corpus(store: Store, res: Resources, mapper: Any = None) -> str:
    """Update reposts and incidents for the stored articles (the corpus layer); returns a one-line note.
    ``mapper`` (``corpus.Mapper``) groups the partitions elsewhere, on Dask workers say."""
    try:
        from fogline.corpus import build_corpus as corpus_build
    except ImportError:
        return "corpus layer not installed"
    result = corpus_build(store, res, mapper)
    return str(result) if result is not None else ""


def analyse_text(text: str, res: Resources, source: str = "<text>") -> Document:
    """Analyse one pasted article (the web workspace's entry)."""
    from fogline.ingest import read_bytes
    from fogline.pipeline import analyse

    items = read_bytes(text.encode("utf-8"), source, res.config)
    first = items[0]
    if isinstance(first, Rejected):
        raise ValueError(f"{first.source}: {first.reason}")
    return analyse(first, res)


def open_jsonl(path: Path | None) -> IO[str] | None:
    if path is None:
        return None
    if str(path) == "-":
        import sys

        return sys.stdout
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.open("w", encoding="utf-8")
