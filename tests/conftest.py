"""Shared fixtures: the ../shared folder (skips with a reason when absent) and loaded resources."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fogline import clean, signals
from fogline.ingest import read_bytes
from fogline.model import ArticleMeta, Document, RawArticle
from fogline.resources import Resources

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"
ARTICLES = DATA / "articles"

Cleaner = Callable[..., Document]


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared beside the project; tests that need it skip on a user's machine without it."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"../shared is absent ({SHARED}): seeds and eval sets are only beside a development checkout")
    return SHARED


@pytest.fixture(scope="session")
def res() -> Resources:
    """One Resources for the whole session: the spaCy pipeline and gazetteer load once."""
    return Resources()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA

@pytest.fixture(scope="session")
def cleaned(res: Resources) -> Cleaner:
    """``cleaned(raw, title=None, url=None, outlet=None, signals=False)``: a Document after `clean` (and `signals`)."""

    def run(raw: str, title: str | None = None, url: str | None = None, outlet: str | None = None,
            with_signals: bool = False) -> Document:
        meta = ArticleMeta(url=url, title=title, outlet=outlet)
        doc = Document.from_raw(RawArticle("t", "test", raw, meta=meta))
        clean.run(doc, res)
        if with_signals:
            signals.run(doc, res)
        return doc

    return run


@pytest.fixture(scope="session")
def from_file(res: Resources) -> Callable[[str], Document]:
    """``from_file(name)``: a file of tests/data/articles read by ingest, then `clean` and `signals`."""

    def run(name: str) -> Document:
        path = ARTICLES / name
        items = read_bytes(path.read_bytes(), str(path), res.config)
        assert items and isinstance(items[0], RawArticle), items
        doc = Document.from_raw(items[0])
        clean.run(doc, res)
        signals.run(doc, res)
        return doc

    return run
