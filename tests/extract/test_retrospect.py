"""Undated occurrences in a retrospective article (extract/retrospect.py), on articles written for these tests."""

from __future__ import annotations

import pytest
from tests.extract.placed import analyse_placed

from fogline.extract.dates import DateMention
from fogline.extract.events import Draft
from fogline.extract.retrospect import Families, backdate
from fogline.model import Event, Sentence
from fogline.resources import Resources

PLACES = {"Lyon": (45.76, 4.84, "FRA"), "Martakert": (40.21, 46.81, "AZE"), "Talish": (40.16, 46.77, "AZE")}


def analyse(text: str, res: Resources, published: str) -> list[Event]:
    return analyse_placed(text, res, PLACES, published)


def current(events: list[Event]) -> list[Event]:
    return [e for e in events if not e.background]


FOOTAGE = (
    "The city of Lyon has released body camera video of a protest against police violence on June 3.\n"
    "In one clip, officers are seen beating a protester with batons as the crowd is pushed back.\n"
    "The city council said the review of the footage would take several weeks."
)
CURRENT = (
    "Thousands of protesters marched through Lyon on Saturday against the new pension law.\n"
    "Police fired tear gas at the crowd near the town hall.\n"
    "The protests were the largest since the demonstrations against the fuel tax on 17 November 2018."
)

WAR_MONTHS_BACK = (
    "Azerbaijani forces have shelled Martakert, the Armenian defence ministry said.\n"
    "It was the heaviest shelling since the clashes near Talish on July 14."
)
WAR_WITH_HISTORY = (
    "Azerbaijani forces shelled Martakert, the Armenian defence ministry said.\n"
    "It was the heaviest shelling since the fighting of April 2016, when dozens of soldiers were killed near Talish."
)


@pytest.mark.parametrize(
    ("text", "published", "flagged", "date"),
    [(FOOTAGE, "2020-10-20", False, "2020-06-03"),
     (CURRENT, "2020-10-20", True, None),
     (WAR_WITH_HISTORY, "2020-10-20", True, None),
     (WAR_MONTHS_BACK, "2020-10-20", True, None)],
    ids=["footage-of-old-protest", "current-protest-with-history", "undated-shelling-with-history",
         "present-perfect-is-news-of-now"],
)
def test_undated_takes_the_article_s_time(text: str, published: str, flagged: bool, date: str | None,
                                          res: Resources) -> None:
    evs = analyse(text, res, published)
    assert evs, "the test article reports occurrences"
    assert bool(current(evs)) is flagged
    if date is not None:
        assert {e.date for e in evs} == {date}


UNPARSED = [Sentence(0, 0, "", ()) for _ in range(5)]  # the unit tests' drafts need no parse


def draft(index: int, subtype: str, edtf: str | None, background: bool = False, history: bool = False) -> Draft:
    """A draft dated ``edtf`` (None: undated); ``background``: months before publication; ``history``: years."""
    d = Draft(index, subtype, 5, 0, index)
    if edtf is not None:
        year, month, day = (int(x) for x in edtf.split("-"))
        d.date = DateMention(0, 0, edtf, edtf, "day", "explicit", year=year, month=month, day=day, background=history)
    d.background = background or history
    return d


def test_other_family_stays_current() -> None:
    """A protest dated in the past says nothing of an undated attack told in the same article."""
    old, attack = draft(0, "Peaceful protest", "2020-05-29", background=True), draft(3, "Attack", None)
    backdate([old, attack], Families.load(), UNPARSED)
    assert not attack.background


def test_riot_joins_protest_family() -> None:
    old, riot = draft(0, "Peaceful protest", "2020-05-29", background=True), draft(4, "Violent demonstration", None)
    backdate([old, riot], Families.load(), UNPARSED)
    assert riot.background and riot.date is not None and riot.date.edtf == "2020-05-29"


def test_one_current_dated_keeps_undated_current() -> None:
    old = draft(0, "Peaceful protest", "2020-05-29", background=True)
    new, undated = draft(1, "Peaceful protest", "2020-10-17"), draft(2, "Protest with intervention", None)
    backdate([old, new, undated], Families.load(), UNPARSED)
    assert not undated.background


def test_history_decides_nothing() -> None:
    old, undated = draft(0, "Armed clash", "2016-04-02", history=True), draft(2, "Armed clash", None)
    backdate([old, undated], Families.load(), UNPARSED)
    assert not undated.background


def test_republished_text() -> None:
    """A text whose own dates lie years before its file date: nothing undated in it is current."""
    undated = draft(0, "Peaceful protest", None)
    backdate([undated], Families.load(), UNPARSED, republished=True)
    assert undated.background
