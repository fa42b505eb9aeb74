"""Invariants every stage must keep, checked on real runs over our own articles and the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

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
