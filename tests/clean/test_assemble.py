"""Offsets: every cut indexes raw exactly, and every kept character of text maps back to the same raw character."""

from __future__ import annotations

import pytest

SEEDS = ["000_9c5596f1fa83cccf.txt", "001_614201f1eb4ba228.txt", "002_9c16415b29900a75.txt",
         "003_b58bae6b6a4eb133.txt", "004_25a4a03b214109cb.txt"]
FILES = ["comments_marked.txt", "comments_unseen.txt", "widgets.txt", "repost_journal.txt", "parody.txt",
         "cp1251_report.txt", "page.html", "syndicated.txt"]


def _check(doc) -> None:
    for cut in doc.removed:
        assert doc.raw[cut.start:cut.end] == cut.text
    for seg in doc.segments:
        kept_text = doc.text[seg.clean_start:seg.clean_start + seg.length]
        assert kept_text == doc.raw[seg.raw_start:seg.raw_start + seg.length]
        assert doc.raw_offset(seg.clean_start) == seg.raw_start
    kept = {i for s in doc.segments for i in range(s.raw_start, s.raw_start + s.length)}
    assert not any(kept & set(range(c.start, c.end)) for c in doc.removed)


@pytest.mark.parametrize("name", SEEDS)
def test_seed_offsets(res, cleaned, shared, name: str) -> None:
    _check(cleaned((shared / "seeds" / name).read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", FILES)
def test_article_offsets(res, from_file, name: str) -> None:
    _check(from_file(name))


def test_empty_and_blank(cleaned) -> None:
    for raw in ("", "\n\n  \n"):
        doc = cleaned(raw)
        assert doc.text == "" and doc.removed == [] and doc.title is None
