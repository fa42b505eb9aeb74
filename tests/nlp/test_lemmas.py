"""The cached lemmatizer gives every token the lemma the model's own lemmatizer gives, cold and warm."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.tokens import Doc

from fogline.nlp.lemmas import CachedLemmas
from fogline.resources import Resources

# our own sentences: inflected verbs, plural and singular nouns, comparatives, proper nouns, numbers
SENTENCES = [
    "The rebels were besieging two towns and had seized the larger of them by Tuesday.",
    "Crowds marched through the streets; the marchers' banners called for cheaper bread.",
    "Two better-armed units retreated, leaving wounded fighters behind in the burning houses.",
    "Officials say 1,200 families fled, and the UN's envoy was flying to Geneva for talks.",
    "He has been arrested twice, was freed, and is being held again, his lawyers said.",
]


def _lemmas(doc: Any) -> list[str]:
    return [t.lemma_ for t in doc]


def _copy(doc: Any) -> Any:
    return Doc(doc.vocab).from_bytes(doc.to_bytes())


@pytest.mark.parametrize("text", SENTENCES, ids=[f"s{i}" for i in range(len(SENTENCES))])
def test_same_lemmas_as_the_model_cold_and_warm(text: str, res: Resources) -> None:
    nres = res.nlp
    fast, cached = nres.post
    assert isinstance(cached, CachedLemmas)
    (tagged,) = [fast(d) for d in nres.nlp.pipe([text])]
    expected = _lemmas(cached.lemmatizer(_copy(tagged)))
    fresh = CachedLemmas(cached.lemmatizer)
    assert _lemmas(fresh(_copy(tagged))) == expected  # every answer asked of the model
    assert _lemmas(fresh(_copy(tagged))) == expected  # every answer from the cache
