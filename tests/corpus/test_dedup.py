"""Near-duplicates: verification, origins, and the repost of the test corpus."""

from __future__ import annotations

import pytest
from corpus_data import documents

from fogline.corpus.dedup import DupIndex, assign_origins, choose_origin, find_pairs, shingles, verify
from fogline.corpus.items import DocInfo

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


def test_corpus_repost_found_with_origin() -> None:
    docs = documents()
    index = DupIndex()
    pairs, sigs = find_pairs({d.doc_id: d.text for d in docs}, index, lambda ids: {})
    assert [(p.a, p.b) for p in pairs] == [("d01-hayk-martakert", "d02-blog-repost")]
    infos = {d.doc_id: DocInfo(d.doc_id, d.outlet, d.published, d.url, genre=d.genre, is_repost=d.is_repost)
             for d in docs}
    assert assign_origins(infos, pairs) == {"d02-blog-repost": "d01-hayk-martakert"}
    assert len(sigs) == len(docs)


def test_incremental_matches_stored_signature() -> None:
    docs = {d.doc_id: d for d in documents()}
    index = DupIndex()
    _, sigs = find_pairs({"d01-hayk-martakert": docs["d01-hayk-martakert"].text}, index, lambda ids: {})
    later = DupIndex()
    later.add("d01-hayk-martakert", sigs["d01-hayk-martakert"][1])
    texts = {"d01-hayk-martakert": docs["d01-hayk-martakert"].text}
    pairs, _ = find_pairs({"d02-blog-repost": docs["d02-blog-repost"].text}, later,
                          lambda ids: {i: texts[i] for i in ids})
    assert [(p.a, p.b) for p in pairs] == [("d01-hayk-martakert", "d02-blog-repost")]


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
