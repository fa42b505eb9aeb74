from __future__ import annotations

import pytest

from fogline.nlp.split import load_abbreviations, split_sentences

CASES = [
    ("two-sentences", "Troops shelled the town. Residents fled north.", 2),
    ("abbreviation", "Gen. Petrov said the line held. Nothing else moved.", 2),
    ("lines", "Headline without a stop\nBody text follows here.", 2),
    ("initials", "J. Smith reported the strike on Monday.", 1),
    ("quote-end", "\u201cWe hold the ridge.\u201d The spokesman left.", 2),
]


@pytest.mark.parametrize(("text", "n"), [(t, n) for _, t, n in CASES], ids=[c[0] for c in CASES])
def test_split(text: str, n: int) -> None:
    spans = split_sentences(text, load_abbreviations())
    assert len(spans) == n
    assert all(text[a:b].strip() == text[a:b] for a, b in spans)
