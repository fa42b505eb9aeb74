"""Invariants every stage must keep, checked on real runs over our own articles and the seeds."""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import cast

import pytest

from fogline import pipeline
from fogline.ingest import read_paths
from fogline.model import Document, RawArticle
from fogline.pipeline import STAGES, WARM_UP, analyse, warm_up_articles
from fogline.resources import Resources

ROOT = Path(__file__).resolve().parent.parent


def test_stage_order() -> None:
    assert [name for name, _ in STAGES] == ["clean", "signals", "nlp", "geo", "extract"]


def test_warm_up_articles_are_analysed_whole(res: Resources) -> None:
    """``warm_up`` swallows a failure (the articles report it): the shipped warm-up articles must analyse."""
    raws = warm_up_articles()
    assert raws[0] is WARM_UP and len(raws) >= 6
    docs = [analyse(raw, res) for raw in raws]
    assert all(doc.text for doc in docs)
    assert sum(len(doc.places) for doc in docs) >= 10 and any(doc.events for doc in docs)


def _docs(paths: list[str], res: Resources) -> list[Document]:
    return [analyse(r, res) for r in read_paths(paths) if isinstance(r, RawArticle)]


def _check_offsets(doc: Document) -> None:
    for cut in doc.removed:
        assert doc.raw[cut.start:cut.end] == cut.text, (doc.source, cut)
    for seg in doc.segments:
        clean = doc.text[seg.clean_start:seg.clean_start + seg.length]
        assert clean == doc.raw[seg.raw_start:seg.raw_start + seg.length]
    spans = [p.mention for p in doc.places if p.mention]
    for ev in doc.events:
        spans += ev.evidence + [c.evidence for c in ev.claims if c.evidence]
        spans += [ev.location.mention] if ev.location and ev.location.mention else []
    for sp in spans:
        assert doc.text[sp.start:sp.end] == sp.text, (doc.source, sp)


def test_offsets_hold_on_examples(res: Resources) -> None:
    docs = _docs([str(ROOT / "examples")], res)
    if not docs:
        pytest.skip("examples/ is empty")
    for doc in docs:
        _check_offsets(doc)


def test_offsets_hold_on_seeds(shared: Path, res: Resources) -> None:
    for doc in _docs([str(shared / "seeds")], res):
        _check_offsets(doc)


@pytest.mark.parametrize("content", [
    pytest.param(None, id="missing-file"),
    pytest.param("{\"version\": 1, \"articles\": [", id="truncated-json"),
    pytest.param("\udcff", id="not-utf8"),
    pytest.param("{\"version\": 1}", id="no-articles-key"),
    pytest.param("{\"version\": 1, \"articles\": [{\"title\": \"A title\"}]}", id="article-without-text"),
    pytest.param("[1, 2, 3]", id="list-not-object"),
])
def test_unreadable_warm_up_file_warns_once_and_keeps_the_built_in_article(
        content: str | None, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / f"warmup-{len(str(content))}.json"
    if content is not None:
        path.write_bytes(content.encode("utf-8", "surrogateescape"))
    with caplog.at_level(logging.WARNING, logger="fogline.pipeline"):
        assert warm_up_articles(path) == [WARM_UP]
        assert warm_up_articles(path) == [WARM_UP]
    warnings = [r.getMessage() for r in caplog.records if r.name == "fogline.pipeline"]
    assert len(warnings) == 1 and str(path) in warnings[0]


def test_warm_up_runs_the_built_in_article_when_the_file_is_corrupt(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "warmup.json"
    bad.write_text("not json", encoding="utf-8")
    monkeypatch.setattr(pipeline, "warm_up_articles", functools.partial(warm_up_articles, bad))
    seen: list[str] = []
    monkeypatch.setattr(pipeline, "analyse", lambda raw, res: seen.append(raw.doc_id))
    pipeline.warm_up(cast(Resources, None))
    assert seen == ["warm-up"]


def test_one_failing_warm_up_article_does_not_stop_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def analyse_or_fail(raw: RawArticle, res: Resources) -> None:
        seen.append(raw.doc_id)
        if raw.doc_id == "warm-up":
            raise ValueError("a stage failed")

    monkeypatch.setattr(pipeline, "analyse", analyse_or_fail)
    pipeline.warm_up(cast(Resources, None))
    assert seen == [raw.doc_id for raw in warm_up_articles()] and len(seen) > 1
