"""The fast attribute step and the OpenBLAS parser give exactly what the stock pinned model gives."""

from __future__ import annotations

from typing import Any

import pytest
import spacy

from fogline.nlp import MODEL
from fogline.resources import Resources

# our own sentences: news prose plus the model's rarer exception rules (ain't, gonna, y'all, spaces, expl)
SENTENCES = [
    "Azerbaijani forces shelled the positions of the Armenian army near the village overnight.",
    "Three servicemen were wounded when a drone struck a checkpoint, the ministry said on Sunday.",
    "The ministry denied that it had not fired on the protesters who gathered outside the building.",
    "There were no reports of further clashes, but it is unclear whether the truce will hold.",
    "I ain't gonna wait, y'all, and we got ta leave; let's go, c'mon on now, nothin' else.",
    "She gets up early  and  he got the   keys, which were hers.",
    "Did they do it? They have done it, and he has had enough of it.",
    "Police detained 12 people, among them two journalists, after the rally was dispersed.",
]


def _attrs(doc: Any) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, str(t.head.i)) for t in doc]


@pytest.fixture(scope="module")
def stock() -> Any:
    return spacy.load(MODEL, exclude=["ner"])


@pytest.mark.parametrize("text", SENTENCES, ids=[f"s{i}" for i in range(len(SENTENCES))])
def test_same_attributes_as_the_stock_pipeline(text: str, res: Resources, stock: Any) -> None:
    (ours,) = res.nlp.parse_texts([text])
    assert _attrs(ours) == _attrs(stock(text))


def test_attribute_ruler_and_lemmatizer_left_the_spacy_pipeline(res: Resources) -> None:
    assert res.nlp.nlp.pipe_names == ["tok2vec", "tagger", "parser"]
