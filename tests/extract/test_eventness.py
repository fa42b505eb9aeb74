"""Eventness rules (extract/eventness.py) on sentences written for these tests."""

from __future__ import annotations

import pytest

from fogline.extract.eventness import Eventness, quoted
from fogline.nlp import load_event_data


@pytest.mark.parametrize(
    ("text", "word", "want"),
    [("The mayor replied, saying: 'Send in the tanks and shell them all.'", "shell", True),
     ("He said: 'They came at night.' Then troops shelled the town.", "shelled", False),
     ("Troops shelled the town at dawn, residents said.", "shelled", False)],
    ids=["inside-quote", "after-closed-quote", "no-quote"],
)
def test_quoted(text: str, word: str, want: bool) -> None:
    assert quoted(text, text.index(word)) is want


@pytest.mark.parametrize(
    ("text", "want"),
    [("Did the rebels really shell the market?", "question"),
     ("'We will crush the rebels,' the general told reporters.", "quote"),
     ("Rebels have attacked the region for decades.", "generic"),
     ("On Monday, after months of protests, police fired tear gas at the crowd.", None)],
    ids=["question", "quote-opener", "generic", "generic-but-timed"],
)
def test_reason_without_parse(text: str, want: str | None) -> None:
    rules = Eventness.from_data(load_event_data()["eventness"])
    assert rules.reason(text, None) == want


@pytest.mark.parametrize(
    ("text", "subtype", "kinds", "want"),
    [("A man was shot dead outside a bar on Friday night.", "Attack", set(), "crime"),
     ("Soldiers shot dead a man at the checkpoint on Friday.", "Attack", set(), None),
     ("The actress was captured by photographers on the red carpet.", "TERRITORY", set(), "context"),
     ("A far-right supporter was shot dead by law enforcement on Friday.", "Attack", set(), None)],
    ids=["ordinary-crime", "soldiers", "captured-figurative", "political-side-named"],
)
def test_out_of_context(text: str, subtype: str, kinds: set[str], want: str | None) -> None:
    rules = Eventness.from_data(load_event_data()["eventness"])
    assert rules.out_of_context(text, subtype, kinds, article_words=500) == want
