"""Titles: metadata wins; otherwise the first meaningful line; the title and its repeats leave the text."""

from __future__ import annotations

import pytest

BODY = "Officials in the district said on Monday that the road had reopened after repairs to a damaged bridge."


@pytest.mark.parametrize(("raw", "meta", "title"), [
    pytest.param(f"Bridge Reopens In Martakert\n\n{BODY}", None, "Bridge Reopens In Martakert", id="first-line"),
    pytest.param(f"Bridge Reopens\nBridge Reopens\n\n{BODY}\n\nBridge Reopens", None, "Bridge Reopens",
                 id="repeated-three-times"),
    pytest.param(f"0 $\n500 $\n\nBridge Reopens\n\n{BODY}", None, "Bridge Reopens", id="after-widget"),
    pytest.param(f"Bridge ‘Reopens’\n\nBridge 'Reopens'\n\n{BODY}", None, "Bridge ‘Reopens’", id="quote-variants"),
    pytest.param(f"Bridge Reopens\n\n{BODY}", "Bridge Reopens | Valley News", "Bridge Reopens | Valley News",
                 id="metadata-with-site-suffix"),
    pytest.param(BODY + " " + BODY, None, None, id="no-title-line"),
])
def test_title(res, cleaned, from_file, raw: str, meta: str | None, title: str | None) -> None:
    doc = cleaned(raw, title=meta)
    assert doc.title == title
    assert "Bridge Reopens" not in doc.text and "Bridge 'Reopens'" not in doc.text
    assert BODY in doc.text


def test_seed_title_once(res, cleaned, from_file, shared) -> None:
    raw = (shared / "seeds" / "001_614201f1eb4ba228.txt").read_text(encoding="utf-8")
    doc = cleaned(raw)
    assert doc.title == "Azerbaijani military first clashed with Russian army in Karabakh"
    assert doc.title not in doc.text
    assert [c.reason for c in doc.removed][:2] == ["title", "title_repeat"]
