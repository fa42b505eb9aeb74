"""The test corpus through the real pipeline, store and corpus layer; tolerant of what extractors find."""

from __future__ import annotations

import pytest
from corpus_data import load

from fogline import corpus
from fogline.corpus import build_corpus
from fogline.model import ArticleMeta, RawArticle
from fogline.pipeline import analyse
from fogline.resources import Resources
from fogline.store import Store
from fogline.store.incidents import copies, duplicate_pairs, load_incidents


def test_pipeline_store_corpus(res: Resources) -> None:
    store = Store.open(":memory:")
    for a in load()["articles"]:
        meta = ArticleMeta(url=a["url"], title=a["title"], published=a["published"], outlet=a["outlet"])
        doc = analyse(RawArticle(a["doc_id"], f"{a['doc_id']}.txt", a["text"], meta=meta), res)
        store.add(doc)
    result = build_corpus(store, res)
    assert copies(store).get("d02-blog-repost") == "d01-hayk-martakert"
    incidents = load_incidents(store)
    assert result.incidents == len(incidents)
    for inc in incidents:
        assert 0.0 <= inc.confidence <= 1.0 and inc.reasons
        assert inc.independent_sources <= len({r.outlet for r in inc.reports})
    store.close()


def test_pairs_found_in_small_batches_equal_one_pass(res: Resources, monkeypatch: pytest.MonkeyPatch) -> None:
    found = {}
    for batch in (500, 2):
        monkeypatch.setattr(corpus, "DEDUP_BATCH", batch)
        with Store.open(":memory:") as store:
            store.add_many([analyse(RawArticle(a["doc_id"], f"{a['doc_id']}.txt", a["text"]), res)
                            for a in load()["articles"]])
            build_corpus(store, res)
            found[batch] = (duplicate_pairs(store), copies(store))
    assert found[2] == found[500] and found[500][0]
