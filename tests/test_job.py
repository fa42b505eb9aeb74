"""The analyze job (job.py): one store query per chunk, stored articles reused, the store released on a
schedule rather than after every chunk."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fogline import job
from fogline.model import RawArticle
from fogline.resources import Resources
from fogline.store import Store

ARTICLES = {
    "a.txt": "Title: Depot struck\nDate: 2020-10-11\n\nDrones struck a fuel depot near Aghdam on Sunday, the "
             "ministry said.\n",
    "b.txt": "Title: Markets calm\nDate: 2020-10-12\n\nThe currency held steady on Monday as traders waited "
             "for the central bank.\n",
    "c.txt": "Title: Markets calm\nDate: 2020-10-12\n\nThe currency held steady on Monday as traders waited "
             "for the central bank.\n",  # the same article again: one document
}


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_one_store_query_per_chunk_and_a_rerun_reuses_what_is_stored(folder: Path, res: Resources,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []
    real = Store.stored

    def stored(self: Store, doc_ids: list[str]) -> set[str]:
        asked.append(len(doc_ids))
        return real(self, doc_ids)

    monkeypatch.setattr(Store, "stored", stored)
    monkeypatch.setattr(Store, "has", lambda self, doc_id: pytest.fail("a query per article"))
    monkeypatch.setattr(job, "CHUNK", 2)
    with Store.open(":memory:") as store:
        first = job.run([str(folder)], store, res, corpus=False)
        again = job.run([str(folder)], store, res, corpus=False)
    assert asked == [2, 0, 2, 0]  # a call per chunk; the repeat (the second chunk) is known without asking
    assert (first.analysed, first.stored, first.already_stored) == (2, 2, 1)
    assert (again.analysed, again.already_stored) == (0, 3)
    assert sorted(again.doc_ids) == sorted(first.doc_ids)


@pytest.mark.parametrize(("held_s", "released"), [(0.0, True), (3600.0, False)], ids=["due", "held-too-briefly"])
def test_release_waits_until_the_store_was_held_long_enough(tmp_path: Path, held_s: float, released: bool) -> None:
    store = Store.open(tmp_path / "s.duckdb")
    store.release(held_s)
    assert (store._conn is None) is released
    store.close()


def test_an_article_removed_by_another_process_mid_run_is_rejected_not_lost(folder: Path, res: Resources,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(":memory:") as store:
        job.run([str(folder)], store, res, corpus=False)
        real = Store.fetch
        monkeypatch.setattr(Store, "fetch", lambda self, ids: {k: v for k, v in real(self, ids).items()
                                                               if not k.startswith(ids[0])})
        again = job.run([str(folder)], store, res, corpus=False)
    assert [r.reason for r in again.rejected] == [
        "removed from the store by another process during this run; run again to analyse it"]
    assert again.already_stored == 2


@pytest.mark.parametrize(("sizes", "expected"), [
    ((32, 256, 10**9), [32, 64, 128, 256, 256, 256, 8]),
    ((2, 2, 10**9), [2] * 500),
    ((32, 256, 1), [1] * 1000),
    ((32, 256, 10**9, 300), [32, 64, 128, 60, 16]),
    ((32, 256, 10**9, 32), [16, 16]),
    ((32, 256, 10**9, 40), [32, 8]),
    ((32, 256, 10**9, 31), [31]),
], ids=["doubling-to-the-cap", "small-cap", "long-texts-end-a-chunk", "last-chunk-split-off-its-tail",
        "one-chunk-split", "short-last-chunk-kept", "too-short-to-split"])
def test_chunks_grow_from_the_first_to_the_cap(monkeypatch: pytest.MonkeyPatch, sizes: tuple[int, ...],
                                                expected: list[int]) -> None:
    """Chunks double up to the cap; the last one's last ``TAIL_CHUNK`` (16) articles make a chunk of their own
    when the last one holds twice as many or more."""
    first, cap, chars, *total = sizes
    monkeypatch.setattr(job, "FIRST_CHUNK", first)
    monkeypatch.setattr(job, "CHUNK", cap)
    monkeypatch.setattr(job, "CHUNK_CHARS", chars)
    items = iter([RawArticle(doc_id=str(i), source=f"{i}.txt", raw="x") for i in range(total[0] if total else 1000)])
    chunks = list(job._chunks(items))
    assert [len(c) for c in chunks] == expected
    assert [int(r.doc_id) for c in chunks for r in c] == list(range(sum(expected)))  # in order, each once


@pytest.mark.parametrize("workers", [1, 2], ids=["one-process", "two-processes"])
def test_prepared_rows_store_what_documents_store(folder: Path, res: Resources, tmp_path: Path, workers: int) -> None:
    """Workers hand the writer the store's rows (``map_prepared``): the store and the JSON Lines get what
    the documents themselves give."""
    lines = tmp_path / "out.jsonl"
    with Store.open(":memory:") as store, lines.open("w", encoding="utf-8") as out:
        job.run([str(folder)], store, res, jsonl=out, workers=workers, corpus=False)
        stored = {d.doc_id: d for d in store.documents()}
    records = [json.loads(line) for line in lines.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 2 and {r["doc_id"] for r in records} == set(stored)
    for record in records:
        assert record == stored[record["doc_id"]].to_contract()


def test_two_processes_group_incidents_on_their_pool_as_one_process_does(folder: Path, res: Resources,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from fogline.batch import corpus_pool

    used: list[int] = []
    real = corpus_pool.corpus_mapper

    def spied(pool: object, workers: int, in_flight: int = 0) -> object:
        used.append(workers)
        return real(pool, workers, in_flight)  # type: ignore[arg-type]

    monkeypatch.setattr(corpus_pool, "corpus_mapper", spied)
    got = {}
    for workers in (1, 2):
        with Store.open(":memory:") as store:
            job.run([str(folder)], store, res, workers=workers)
            got[workers] = store.conn.execute("SELECT * FROM incidents ORDER BY incident_id").fetchall()
    assert used == [2] and got[1] == got[2] and got[1]


def test_analyze_leaves_checkpoints_to_releases_and_restores_the_default(folder: Path, res: Resources, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """While analyze writes, a commit does not checkpoint the file until the write-ahead log is large (a release
    does); afterwards the connection has DuckDB's default again (the corpus stage's writes)."""
    def threshold(store: Store) -> str:
        return str(store.conn.execute("SELECT current_setting('checkpoint_threshold')").fetchone()[0])

    seen: list[str] = []
    real = Store.add_many

    def add_many(self: Store, docs: list[Any], replace: bool = False) -> list[bool | Exception]:
        seen.append(threshold(self))
        return real(self, docs, replace)

    monkeypatch.setattr(Store, "add_many", add_many)
    with Store.open(tmp_path / "s.duckdb") as store:
        default = threshold(store)
        summary = job.run([str(folder)], store, res, corpus=False)
        assert summary.stored == 2
        assert seen and all(s != default for s in seen)
        assert threshold(store) == default
