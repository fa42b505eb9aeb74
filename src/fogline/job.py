"""The main job, shared by every entry point: read inputs, analyse, store, write JSON Lines, build the corpus."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from fogline.batch import open_workers
from fogline.ingest import read_paths
from fogline.model import Document, RawArticle, Rejected
from fogline.resources import Resources
from fogline.store import PreparedDocument, Store, Writable

Progress = Callable[[str], None]
CHUNK = 256
"""The most articles read ahead, handed to the workers and written in one transaction at a time. The first
chunk holds ``FIRST_CHUNK``, each next one twice as many up to ``CHUNK``: the workers start soon, and the
store's fixed cost per transaction (about a dozen statements of a few milliseconds each) is spread over
many articles (newsstream, writing prepared rows into a file: 1.6-2.0 ms per article in chunks of 64,
1.2-1.5 in chunks of 128, 1.0-1.2 in chunks of 256)."""
FIRST_CHUNK = 32
TAIL_CHUNK = 16
"""The articles split off the end of the run's last chunk into a chunk of their own: the workers analyse them
while this process writes the rest of that chunk, so what is left to write once the workers are done (with a
core idle) is small. Newsstream with -j 2: the last chunk held 76 articles, written in 0.2-0.3 s (of a run of
about 4 s) after the workers were done; now 16."""
CHUNK_CHARS = 8_000_000
"""A chunk also ends once its articles hold this many characters, so long texts keep memory bounded."""
RELEASE_EVERY_S = 5.0
"""How long ``analyze`` holds the store before it lets go between two chunks, so that other processes (a
report, serve's save: ``open_write`` waits up to 10 s) can open the file in the gap. Each release costs a
checkpoint (``Store.release``), which writes the documents table's text columns again: 0.2-0.3 s of CPU on
a store of 300 articles, 0.5-0.6 s on one of 5,000 or 25,000 (DuckDB 2.0); releasing after every chunk
cost one each time, every 3 s one every 3 s."""


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
    into ``store``, which then only records rejected inputs, and the corpus stage is left to ``load``.

    Chunks overlap: the workers start on a chunk before this process writes the one before it, and the
    store stays open between chunks (released every ``RELEASE_EVERY_S``, see ``Store.release``)."""
    summary = RunSummary()
    chunks = _chunks(read_paths(paths, res.config))
    with open_workers(res, workers, cluster) as pool:
        with store.one_thread():
            try:
                _analyse_and_store(chunks, pool, store, summary, jsonl, force, parquet, progress)
            finally:
                with contextlib.suppress(Exception):  # a dead connection: the error that ended the run is reported
                    store.defer_checkpoints(False)
        if corpus and summary.doc_ids and parquet is None:  # on the same dask cluster, when there is one
            summary.corpus_note = build_corpus(store, res, pool.corpus_mapper() if hasattr(pool, "corpus_mapper")
                                               else None)
    return summary


def _analyse_and_store(chunks: Iterator[list[RawArticle | Rejected]], pool: Any, store: Store, summary: RunSummary,
                       jsonl: IO[str] | None, force: bool, parquet: Path | None, progress: Progress | None) -> None:
    """The chunks through the workers and into the store, each written while the workers run the next."""
    previous: Chunk | None = None
    batch = next(chunks, None)
    while batch is not None:
        current = _pending(batch, store, summary, force)
        results = _start(pool, current.todo, parquet)  # the workers start on this chunk now ...
        if previous is not None:  # ... while this process writes the one before
            _finish(previous, pool, store, summary, jsonl, force, parquet, progress)
        batch = next(chunks, None)  # ... and reads the next
        current.outcomes = _collected(results, progress)
        previous = current
    if previous is not None:
        _finish(previous, pool, store, summary, jsonl, force, parquet, progress)


def _chunks(items: Iterator[RawArticle | Rejected]) -> Iterator[list[RawArticle | Rejected]]:
    """The inputs in chunks of ``FIRST_CHUNK``, then twice as many each time up to ``CHUNK`` (or
    ``CHUNK_CHARS`` characters of text); the last chunk's last ``TAIL_CHUNK`` inputs make a chunk of their
    own (one input is read ahead to know which chunk is the last). Never ahead of an input that may wait on
    its producer (``ingest.Inputs.next_may_wait``: stdin, a named pipe): the chunk so far goes out first, then
    an empty one, since the caller writes a chunk once it holds the next; so it is stored before the wait."""
    may_wait = getattr(items, "next_may_wait", None)
    size = min(FIRST_CHUNK, CHUNK)
    ahead = next(items, None)
    while ahead is not None:
        chunk: list[RawArticle | Rejected] = []
        chars = 0
        while ahead is not None and len(chunk) < size and chars < CHUNK_CHARS:
            chunk.append(ahead)
            chars += len(ahead.raw) if isinstance(ahead, RawArticle) else 0
            if may_wait is not None and may_wait():
                yield chunk
                yield []
                chunk, chars = [], 0
            ahead = next(items, None)
        if ahead is None and len(chunk) >= 2 * TAIL_CHUNK:
            yield chunk[:-TAIL_CHUNK]
            chunk = chunk[-TAIL_CHUNK:]
        if chunk:
            yield chunk
        size = min(2 * size, CHUNK)


@dataclass(slots=True)
class Chunk:
    """Up to ``CHUNK`` inputs: what each is (rejected, seen before in the run, stored, to analyse) and,
    once the workers are done, the outcomes of those analysed."""

    items: list[RawArticle | Rejected]
    todo: list[RawArticle]
    reuse: set[str]
    outcomes: list[Any] = field(default_factory=list)


def _pending(items: list[RawArticle | Rejected], store: Store, summary: RunSummary, force: bool) -> Chunk:
    """Sort a chunk's inputs, with one store query for the chunk: articles already stored are reused as
    they are (unless ``force``); the rest is analysed. Nothing is written yet (``_finish``)."""
    raws = [item for item in items if isinstance(item, RawArticle)]
    stored = set() if force else store.stored([r.doc_id for r in raws if r.doc_id not in summary.seen])
    todo, reuse = [], set()
    for raw in raws:
        if raw.doc_id in summary.seen:
            continue
        summary.seen.add(raw.doc_id)
        if raw.doc_id in stored:
            reuse.add(raw.doc_id)
        else:
            todo.append(raw)
    return Chunk(items, todo, reuse)


def _start(pool: Any, todo: list[RawArticle], parquet: Path | None) -> Iterator[Any]:
    """The chunk's analysis, started on the workers (Parquet parts written there when they can)."""
    if parquet is not None and hasattr(pool, "write_parquet"):
        return pool.write_parquet(todo, str(parquet))  # type: ignore[no-any-return]
    if parquet is None and hasattr(pool, "map_prepared"):  # the store's rows built where each is analysed
        return pool.map_prepared(todo)  # type: ignore[no-any-return]
    return pool.map(todo)  # type: ignore[no-any-return]


def _collected(results: Iterator[Any], progress: Progress | None) -> list[Any]:
    out = []
    for item in results:
        if progress:
            progress(item[0] if isinstance(item, tuple) else item.source)
        out.append(item)
    return out


def _finish(chunk: Chunk, pool: Any, store: Store, summary: RunSummary, jsonl: IO[str] | None, force: bool,
            parquet: Path | None, progress: Progress | None) -> None:
    """Write a chunk in input order: rejected inputs and reused articles first, then what was analysed;
    then let other processes at the store if it has been held long enough."""
    store.defer_checkpoints()  # (again, on a connection opened again after a release)
    _record_inputs(chunk, store, summary, jsonl, progress)
    if parquet is not None and hasattr(pool, "write_parquet"):
        _parts_on_workers(chunk.outcomes, store, summary)
    elif parquet is not None:
        _write_part(chunk.outcomes, parquet, store, summary, jsonl)
    else:
        _store(chunk.outcomes, store, summary, jsonl, force)
    store.release(RELEASE_EVERY_S)


def _record_inputs(chunk: Chunk, store: Store, summary: RunSummary, jsonl: IO[str] | None,
                   progress: Progress | None) -> None:
    """Rejected inputs recorded, stored articles reused (read in one query), repeats counted."""
    reused = store.fetch(sorted(chunk.reuse)) if chunk.reuse else {}
    vanished = chunk.reuse - reused.keys()  # removed by another process since the chunk was sorted
    analysed = {raw.doc_id for raw in chunk.todo}
    for item in chunk.items:
        if isinstance(item, Rejected):
            _reject(store, summary, item)
        elif item.doc_id in analysed:
            analysed.discard(item.doc_id)  # its first occurrence: written with the outcomes
            continue
        elif (doc := reused.pop(item.doc_id, None)) is not None:
            summary.already_stored += 1
            summary.doc_ids.append(doc.doc_id)
            _write(jsonl, doc)
        elif item.doc_id in vanished:
            vanished.discard(item.doc_id)
            _reject(store, summary, Rejected(item.source, "removed from the store by another process during "
                                                          "this run; run again to analyse it"))
        else:
            summary.already_stored += 1
        if progress:
            progress(item.source)


def _store(outcomes: list[Writable | tuple[str, str]], store: Store, summary: RunSummary, jsonl: IO[str] | None,
           force: bool) -> None:
    """Record the failures, then store the chunk's documents (or the rows workers prepared for them) in
    one transaction (bulk inserts); an article the store refuses is rejected alone (``Store.add_many``
    falls back to one at a time)."""
    docs = [o for o in outcomes if not isinstance(o, tuple)]
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


def _parts_on_workers(outcomes: list[tuple[str, str | None]], store: Store, summary: RunSummary) -> None:
    """Dask workers analysed and wrote the Parquet parts; only ids and failures came back."""
    for key, reason in outcomes:
        if reason is not None:
            _reject(store, summary, Rejected(key, reason))
        else:
            summary.analysed += 1
            summary.stored += 1
            summary.doc_ids.append(key)


def _reject(store: Store, summary: RunSummary, r: Rejected) -> None:
    store.add_rejected(r)
    summary.rejected.append(r)


def _write(jsonl: IO[str] | None, doc: Writable) -> None:
    if jsonl is not None:
        record = doc.record if isinstance(doc, PreparedDocument) else json.dumps(doc.to_contract(), ensure_ascii=False)
        jsonl.write(record + "\n")
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
