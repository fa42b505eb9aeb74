"""Eventness vetoes (extract/eventness.py, data/extract/events.json) for what a general news stream
says with event words and no occurrence: a sacking, a scene-setting clause, a figurative jab, a
historic war or "years ago" as a time frame, a hedged characterisation, fiction, ordinary crime in a
short news item. Sentences written for these tests."""

from __future__ import annotations

import pytest
from tests.extract.placed import analyse_placed

from fogline.extract.eventness import Eventness
from fogline.nlp import load_event_data
from fogline.resources import Resources


def rules() -> Eventness:
    return Eventness.from_data(load_event_data()["eventness"])


@pytest.mark.parametrize(
    ("text", "want"),
    [("The rise in burglaries comes as protests have spread through the region's towns.", "generic"),
     ("The strike came as talks between unions and police stalled.", "generic"),
     ("The governor threw a few jabs at the mayor over the slow reopening of gyms.", "figurative"),
     ("The senator, who was captured and beaten during the Vietnam War, spoke at the memorial.", "generic"),
     ("On Monday the strike came as a surprise: workers walked out of the port.", None),
     ("Forty years ago, soldiers shelled the old town for a month.", "generic"),
     ("The paint on the statue appeared to be a protest against the mayor, a local historian said.", "figurative"),
     ("In the film, riot police fire on students in the square.", "non_political"),
     ("The series follows a family through the riots that shook the city.", "non_political"),
     ("The battle lines are drawn between party leaders and insurgents on the back benches.", "figurative"),
     ("Reporters protested the fact that the briefing was cancelled.", "figurative"),
     ("Rights groups say the security services frequently detain critics without charge.", "generic"),
     ("Some cantons are Protestant and some are Catholic.", "figurative"),
     ("Soldiers were sent to the valley to help clear fallen trees after the storm.", "non_political")],
    ids=["comes-as-backdrop", "came-as-backdrop", "jabs", "historic-war", "comes-as-but-timed", "years-ago",
         "hedged-characterisation", "fiction-film", "fiction-series", "battle-lines", "protest-the-fact", "frequently",
         "protestant", "disaster-relief"],
)
def test_stream_phrases(text: str, want: str | None) -> None:
    assert rules().reason(text, None) == want


def test_demanded_sacking_is_no_attack(res: Resources) -> None:
    text = "The president demanded that the network's reporter be fired after her story ran."
    assert analyse_placed(text, res, {}, "2020-10-20") == []


def test_protest_that_demands_is_still_a_protest(res: Resources) -> None:
    text = "Hundreds of protesters gathered outside the ministry on Sunday, demanding that the officers be arrested."
    assert [e.event_type for e in analyse_placed(text, res, {}, "2020-10-20")] == ["Protests"]


def test_short_news_item_needs_a_political_side() -> None:
    """A news brief of 150-200 words gets the political-actor check; a coder's note (under 150) does not."""
    text = "A man was stabbed in the street on Friday night."
    assert rules().out_of_context(text, "Attack", set(), article_words=170) == "crime"
    assert rules().out_of_context(text, "Attack", set(), article_words=60) is None
