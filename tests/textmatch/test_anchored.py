"""Keyword-anchored matching gives exactly ``pattern.finditer``'s matches, for every shipped pattern."""

from __future__ import annotations

import random
import re

import pytest

from fogline.resources import Resources
from fogline.textmatch.anchored import Folded, aligned_fold, find_anchors, finditer, keywords

# pieces the random texts are made of: words from the patterns, near-misses, case and Unicode oddities
PIECES = ["according to", "sources", " said", " that", "it is ", "reported", "not", "confirmed", "has ",
          "unverified", "could", "be", "independently", "verified", "anonymous", "unnamed", "official",
          "this", "site", "is", "a", "satirical", "parody", "news", "website", "The Onion", "Disclaimer:",
          "(", ")", "©", "2020", "Copyright", "Support", "Daily Post", "for", "by", "ANONYMOUS", "ſources",
          "İt", "ß", "“", "”", "\n", "\n\n", " ", ", ", ".", ":", "who ", "declined", "to be named", "—"]


def _texts(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) + rng.choice(["", " ", " "]) for _ in range(rng.randint(1, 40)))
            for _ in range(n)]


def _patterns() -> list[re.Pattern[str]]:
    res = Resources()
    s = res.signals
    return [r.pattern for r in [*s.text_signals, *s.disclaimers, *s.outlet_lines]] + [res.clean.captions.credit]


@pytest.mark.parametrize("index", range(len(_patterns())), ids=lambda i: f"pattern-{i}")
def test_same_matches_as_finditer(index: int) -> None:
    pattern = _patterns()[index]
    anchors = find_anchors(pattern)
    for text in _texts(index, 400):
        expected = [(m.span(), m.group(0)) for m in pattern.finditer(text)]
        got = [(m.span(), m.group(0)) for m in finditer(pattern, anchors, text, aligned_fold(text))]
        assert got == expected, text


@pytest.mark.parametrize("pattern, anchored", [
    pytest.param(r"\b(?:has|have) not (?:yet )?confirmed\b", True, id="branch-then-literal"),
    pytest.param(r"(?<!\bwho )\b(?:unnamed )?sources said\b", True, id="optional-lead"),
    pytest.param(r"^\s*\w+ said", False, id="unbounded-lead"),
    pytest.param(r"\d+", False, id="no-literal"),
])
def test_which_patterns_get_anchors(pattern: str, anchored: bool) -> None:
    assert (find_anchors(re.compile(pattern, re.IGNORECASE)) is not None) == anchored


def test_offsets_that_move_fall_back() -> None:
    assert aligned_fold("Straße") is None  # ß folds to two letters
    assert aligned_fold("dıplomat") is None  # re.IGNORECASE equates ı with i; case folding does not
    assert aligned_fold("Sources") == "sources"


def test_keywords_and_folded() -> None:
    assert set(keywords((("photo", 0), ("(photo", 0), ("image", 1)))) == {"photo", "image"}
    folded = Folded("According to SOURCES")
    assert folded.holds_any(("sources",)) and not folded.holds_any(("unnamed", "anonym"))
