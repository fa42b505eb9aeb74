from __future__ import annotations

import pytest

from fogline.nlp.phrases import PhraseIndex


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
