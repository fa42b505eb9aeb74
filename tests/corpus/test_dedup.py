"""Near-duplicates: verification, origins, and the repost of the test corpus."""

from __future__ import annotations

import pytest
from corpus_data import documents

from fogline.corpus.dedup import assign_origins, choose_origin, shingles, verified_pairs, verify
from fogline.corpus.items import DocInfo
from fogline.model import Document
from fogline.store import Store
from fogline.store import dedup as sql_dedup

BASE = ("Shells fell on the market square of the town late on Tuesday evening, injuring four traders and "
        "setting two stalls on fire, the district governor told reporters at the hospital gates.")


@pytest.mark.parametrize(("a", "b", "dup"), [
    pytest.param(BASE, "Reposted from elsewhere. " + BASE + " Comments are closed.", True, id="blog-chrome"),
    pytest.param(BASE, BASE.replace("four", "five").replace("Tuesday", "Monday"), True, id="small-edits"),
    pytest.param(BASE, BASE[: len(BASE) * 2 // 3], True, id="cut-short"),
    pytest.param(BASE, "Protesters gathered outside parliament on Tuesday demanding the release of three "
                 "journalists detained last week, and police watched without intervening.", False, id="different"),
])
def test_verify(a: str, b: str, dup: bool) -> None:
    assert (verify(shingles(a), shingles(b)) is not None) is dup


def _pairs(store: Store, new: list[str]) -> list[tuple[str, str]]:
    found = verified_pairs(sql_dedup.candidates(store, new), lambda ids: sql_dedup.texts(store, ids))
    return [(p.a, p.b) for p in found]


def test_corpus_repost_found_with_origin() -> None:
    docs = documents()
    with Store.open(":memory:") as store:
        store.add_many(docs)
        found = verified_pairs(sql_dedup.candidates(store, [d.doc_id for d in docs]),
                               lambda ids: sql_dedup.texts(store, ids))
    assert [(p.a, p.b) for p in found] == [("d01-hayk-martakert", "d02-blog-repost")]
    infos = {d.doc_id: DocInfo(d.doc_id, d.outlet, d.published, d.url, genre=d.genre, is_repost=d.is_repost)
             for d in docs}
    assert assign_origins(infos, found) == {"d02-blog-repost": "d01-hayk-martakert"}


def test_incremental_matches_stored_sample() -> None:
    docs = {d.doc_id: d for d in documents()}
    with Store.open(":memory:") as store:
        store.add_many([docs["d01-hayk-martakert"]])
        assert _pairs(store, ["d01-hayk-martakert"]) == []
        store.add_many([docs["d02-blog-repost"]])
        assert _pairs(store, ["d02-blog-repost"]) == [("d01-hayk-martakert", "d02-blog-repost")]


@pytest.mark.parametrize("other", [
    pytest.param("Reposted from elsewhere. " + BASE + " Comments are closed.", id="blog-chrome"),
    pytest.param(BASE.replace("four", "five").replace("Tuesday", "Monday"), id="small-edits"),
    pytest.param(BASE[: len(BASE) * 2 // 3], id="cut-short"),
])
def test_near_duplicates_become_candidates(other: str) -> None:
    with Store.open(":memory:") as store:
        store.add_many([Document("a", "a.txt", BASE, text=BASE), Document("b", "b.txt", other, text=other)])
        assert sql_dedup.candidates(store, ["b"]) == [("a", "b")]


@pytest.mark.parametrize(("members", "hints", "origin"), [
    pytest.param([DocInfo("b", "late.example", "2020-10-05"), DocInfo("a", "early.example", "2020-10-04")], {},
                 "a", id="earliest"),
    pytest.param([DocInfo("a", "blog.example", "2020-10-01", is_repost=True), DocInfo("b", "wire.example", None)],
                 {}, "b", id="not-the-repost"),
    pytest.param([DocInfo("a", "one.example", "2020-10-01"), DocInfo("b", "two.example", "2020-10-02"),
                  DocInfo("c", "blog.example", "2020-10-03", is_repost=True)], {"c": ("two.example",)}, "b",
                 id="named-source-wins"),
])
def test_choose_origin(members: list[DocInfo], hints: dict[str, tuple[str, ...]], origin: str) -> None:
    assert choose_origin(members, hints).doc_id == origin
