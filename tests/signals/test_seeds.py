"""The seed checks that belong to `clean` and `signals`, run on those two stages alone (fast)."""

from __future__ import annotations

import json

import pytest

OURS = {"satire-genre", "satire-signal", "caption-repeat-cut", "body-kept", "title", "published", "typo-footer-cut",
        "title-not-repeated", "anonymous-sourcing", "donation-widget-cut", "donation-appeal-cut",
        "image-prompt-cut", "repost", "journal-chrome-cut", "comments-cut", "comments-cut-2", "support-cut"}


def _checks(shared) -> list:
    spec = json.loads((shared / "seeds" / "expected.json").read_text(encoding="utf-8"))
    return [c for c in spec["checks"] if c["id"] in OURS]


def _passes(doc, c: dict) -> bool:
    kind = c["kind"]
    if kind == "field":
        return getattr(doc, c["path"]) in c["in"]
    if kind == "signal":
        return c["signal"] in doc.signal_kinds()
    if kind == "text_includes":
        return c["needle"] in doc.text
    if kind == "text_excludes":
        return c["needle"] not in doc.text
    if kind == "text_count_max":
        return doc.text.count(c["needle"]) <= c["max"]
    raise AssertionError(f"unexpected check kind {kind}")


def test_every_check_of_ours_passes(shared, cleaned) -> None:
    checks = _checks(shared)
    assert {c["id"] for c in checks} == OURS
    docs = {}
    failed = []
    for c in checks:
        if c["seed"] not in docs:
            raw = (shared / "seeds" / c["seed"]).read_text(encoding="utf-8")
            docs[c["seed"]] = cleaned(raw, with_signals=True)
        if not _passes(docs[c["seed"]], c):
            failed.append(f"{c['seed'][:3]} {c['id']}")
    assert not failed, failed


@pytest.mark.parametrize(("seed", "published", "repost", "genre"), [
    pytest.param("002_9c16415b29900a75.txt", None, False, "report", id="002-no-date"),
    pytest.param("003_b58bae6b6a4eb133.txt", None, True, "report", id="003-repost-no-date"),
    pytest.param("004_25a4a03b214109cb.txt", None, False, "report", id="004"),
])
def test_seed_fields(shared, cleaned, seed: str, published, repost: bool, genre: str) -> None:
    doc = cleaned((shared / "seeds" / seed).read_text(encoding="utf-8"), with_signals=True)
    assert (doc.published, doc.is_repost, doc.genre) == (published, repost, genre)
