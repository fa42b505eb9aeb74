"""Near-duplicates: verification, origins, and the repost of the test corpus."""

from __future__ import annotations

import numpy as np
import pytest
from corpus_data import documents

from fogline.corpus.dedup import (
    GROUP_CHARS,
    assign_origins,
    choose_origin,
    shingle_sets,
    shingles,
    verified_pairs,
    verify,
    word_bytes,
)
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


def _string_shingles(text: str) -> set[str]:
    """The word 5-shingles as strings: what ``shingles`` hashes."""
    import re

    words = re.findall(r"\w+", text.casefold())
    if len(words) < 5:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + 5]) for i in range(len(words) - 4)}


@pytest.mark.parametrize("text", [
    pytest.param(BASE, id="ascii"),
    pytest.param("Snake_case words, 2020-10-04; don’t “quote” me — Stepanakert’s shelter № 5…", id="unicode-punct"),
    pytest.param("Ünïcödé letters stay inside words: Ağdam, Füzuli, Şuşa, Ստեփանակերտ, Straße STRASSE.", id="letters"),
    pytest.param("three short words", id="short"),
    pytest.param("   ", id="empty"),
])
def test_shingle_hashes_count_the_string_shingles(text: str) -> None:
    assert len(shingles(text)) == len(_string_shingles(text))


@pytest.mark.parametrize(("a", "b"), [
    pytest.param(BASE, "Reposted from elsewhere. " + BASE + " Comments are closed.", id="blog-chrome"),
    pytest.param(BASE, BASE.replace("four", "five"), id="small-edit"),
    pytest.param(BASE, BASE.upper().replace(",", " ;"), id="case-and-punctuation"),
])
def test_shared_hashes_are_the_shared_shingles(a: str, b: str) -> None:
    sa, sb = _string_shingles(a), _string_shingles(b)
    assert len(np.intersect1d(shingles(a), shingles(b))) == len(sa & sb)


TEXTS = [BASE, "", "   ", "two words", "Ünïcödé letters: Ağdam, Şuşa, Ստեփանակերտ — “quoted” text…",
         "İSTANBUL and Straße, STRASSE and the capital ẞ, the ﬁrst ligature, a Kelvin sign K",
         "one\u00a0two\u2063three",
         BASE.upper() * 3, "x" * (GROUP_CHARS + 10), BASE + " ½ ² ٣ _snake_ 3rd"]


@pytest.mark.parametrize("texts", [
    pytest.param(TEXTS, id="mixed"),
    pytest.param(TEXTS[::-1], id="reversed"),
    pytest.param([t for t in TEXTS if t.isascii()], id="ascii-only"),
    pytest.param([TEXTS[4], TEXTS[6]], id="folds-in-place"),
    pytest.param([TEXTS[5], TEXTS[0]], id="folds-change-length"),
])
def test_texts_hashed_together_as_one_at_a_time(texts: list[str]) -> None:
    together = shingle_sets(texts)
    assert len(together) == len(texts)
    for text, found in zip(texts, together, strict=True):
        assert np.array_equal(found, shingle_sets([text])[0])
        assert len(found) == len(_string_shingles(text))


@pytest.mark.parametrize("text", [pytest.param(t, id=f"text-{i}") for i, t in enumerate(TEXTS)])
def test_word_bytes_are_the_words(text: str) -> None:
    import re

    assert word_bytes(text).split() == [w.encode("utf-8") for w in re.findall(r"\w+", text.casefold())]


def test_batch_shares_what_the_texts_share() -> None:
    a, b = BASE, "Reposted from elsewhere. " + BASE.replace("four", "five") + " Comments are closed."
    sa, sb = shingle_sets([a, TEXTS[4], b])[::2]
    assert len(np.intersect1d(sa, sb)) == len(_string_shingles(a) & _string_shingles(b))


def _brute_pairs(held: dict[int, set[int]], samples: list[int], new: set[int]) -> list[tuple[int, int]]:
    out = []
    for a in range(len(samples)):
        for b in range(a + 1, len(samples)):
            n = len(held.get(a, set()) & held.get(b, set()))
            if (a in new or b in new) and n >= 2 and 5 * n >= 2 * min(samples[a], samples[b]):
                out.append((a, b))
    return out


@pytest.mark.parametrize("seed", [pytest.param(s, id=f"seed-{s}") for s in range(6)])
def test_prefix_filter_finds_every_pair_that_shares_enough(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n_docs, n_hashes = 40, 60
    held = {d: set(rng.choice(n_hashes, size=rng.integers(0, 25), replace=False).tolist()) for d in range(n_docs)}
    for d in range(0, n_docs, 5):  # near-copies of the article before
        held[d + 1] = set(list(held[d])[: max(0, len(held[d]) - 2)]) | {int(rng.integers(n_hashes))}
    samples = [len(held[d]) + int(rng.integers(0, 8)) for d in range(n_docs)]
    new = {d for d in range(n_docs) if rng.random() < 0.5}
    doc = np.array([d for d in held for _ in held[d]], np.int64)
    rank = np.array([h for d in held for h in held[d]], np.int64)
    a, b = sql_dedup.shared_pairs(doc, rank, np.array(samples, np.int64), np.array([d in new for d in range(n_docs)]))
    assert list(zip(a.tolist(), b.tolist(), strict=True)) == _brute_pairs(held, samples, new)
