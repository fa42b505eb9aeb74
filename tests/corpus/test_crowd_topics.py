"""Protests in one city on one day merge only when the reports share a topic."""

from __future__ import annotations

import pytest

from fogline.corpus.items import DocInfo, make_item
from fogline.corpus.match import compare
from fogline.corpus.rules import default_rules
from fogline.model import Actor, Event, Place, Span

YEREVAN = Place("Yerevan", 40.1811, 44.5136, 1, "wof:yerevan", "ARM", "Yerevan", None, "locality")


def protest(doc: str, text: str, sub: str = "Peaceful protest") -> tuple[DocInfo, Event]:
    ev = Event(f"{doc}-e0", sub, "2019-03-04", "day", Actor("Protesters (Armenia)", "ARM", "protesters"), None,
               YEREVAN, evidence=[Span(0, len(text), text)])
    return DocInfo(doc), ev


@pytest.mark.parametrize(
    ("a", "b", "merged"),
    [
        pytest.param("Teachers from rural schools rallied outside parliament over unpaid wages.",
                     "Dozens of rural school teachers protested in front of parliament, demanding their wages.",
                     True, id="same-gathering-two-outlets"),
        pytest.param("Taxi drivers blocked a central avenue against new fuel prices.",
                     "Students held a sit-in at the university demanding lower tuition fees.",
                     False, id="two-gatherings-same-day"),
        pytest.param("Residents protested.", "Taxi drivers blocked a central avenue over fuel prices.",
                     True, id="one-report-without-topic"),
    ],
)
def test_crowd_reports_merge_on_shared_topic(a: str, b: str, merged: bool) -> None:
    rules = default_rules()
    (da, ea), (db, eb) = protest("a", a), protest("b", b)
    match = compare(make_item(da, ea, rules), make_item(db, eb, rules), rules)
    assert (match is not None) is merged


def test_topic_rule_leaves_fighting_alone() -> None:
    rules = default_rules()
    (da, ea), (db, eb) = protest("a", "Shells fell on the city."), protest("b", "Artillery hit the airport.")
    ea.sub_event_type = eb.sub_event_type = "Shelling/artillery/missile attack"
    assert compare(make_item(da, ea, rules), make_item(db, eb, rules), rules) is not None



@pytest.mark.parametrize(("texts", "words"), [
    pytest.param(("Nurses marched through Yerevan demanding safer wards.",),
                 {"nurses", "marched", "through", "demanding", "safer", "wards"}, id="one-span-naming-the-place"),
    pytest.param(("Miners gathered at dawn.", "Their union leaders spoke about pensions."),
                 {"miners", "gathered", "dawn", "their", "union", "leaders", "spoke", "about", "pensions"},
                 id="two-spans"),
    pytest.param(("Students_2019 rallied; 1500 joined near Straße Nummer12 and ՀԱՆՐԱՀԱՎԱՔ",),
                 {"students", "rallied", "joined", "near", "strasse", "nummer", "հանրահավաք"},
                 id="digits-underscores-casefold-armenian"),
    pytest.param(("Farm", "ers"), {"farm"}, id="a-word-never-spans-two-spans"),
])
def test_topics_from_shared_content_words(texts: tuple[str, ...], words: set[str]) -> None:
    from fogline.corpus.match import content_words, topic_words

    rules = default_rules()
    ev = Event("d-e0", "Peaceful protest", "2019-03-04", "day", location=YEREVAN,
               evidence=[Span(0, len(t), t) for t in texts])
    assert topic_words(ev, rules, content_words(texts, rules)) == topic_words(ev, rules)
    assert topic_words(ev, rules) == words - rules.crowd_generic_words
