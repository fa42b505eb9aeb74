from __future__ import annotations

import pytest

from fogline.nlp.phrases import PhraseIndex, PhraseScan


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The village was shelled overnight.", ["shell"]),
        ("A shellfish market opened.", ["shell"]),
        ("Mortar shells fell; mortar fire continued.", ["mortar shells", "mortar fire"]),
    ],
    ids=["prefix", "prefix-word-ending", "longest"],
)
def test_find(text: str, want: list[str]) -> None:
    idx: PhraseIndex[str] = PhraseIndex(
        [("shell*", "s"), ("mortar shells", "m"), ("mortar fire", "m"), ("mortar", "m")]
    )
    assert [h.phrase for h in idx.find(text)] == want


def test_word_boundary() -> None:
    idx: PhraseIndex[str] = PhraseIndex([("raid", "r")])
    assert idx.find("A raid at dawn") and not idx.find("Afraid of nothing")


SCANNED = [
    PhraseIndex([("shell*", "s"), ("mortar shells", "m"), ("mortar", "m")]),
    PhraseIndex([("shell", "exact"), ("mortar fire", "f"), ("fire", "f")]),
    PhraseIndex([("protest*", "p"), ("riot police", "r")]),
]


@pytest.mark.parametrize(
    "text",
    [
        "Mortar shells fell on the market; mortar fire continued overnight.",
        "The village was shelled; a shell landed near the school.",
        "Protesters faced riot police after the protest-march.",
        "A shellfish seller said nothing happened.",
        "",
    ],
    ids=["overlapping-longest-per-index", "same-word-prefix-in-one-exact-in-another", "hyphen-and-prefix",
         "inside-a-word", "empty"],
)
def test_one_scan_finds_what_each_index_finds(text: str) -> None:
    found = PhraseScan(SCANNED).find(text)
    assert found == [index.find(text) for index in SCANNED]
