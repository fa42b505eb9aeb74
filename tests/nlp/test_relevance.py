"""Article-level relevance (nlp/relevance.py) on articles written for these tests."""

from __future__ import annotations

import pytest

from fogline.nlp.relevance import judge, load_relevance, standalone

FILLER = "The weather stayed mild and the shops on the high street opened as usual on the day. " * 12

ARTICLES = [
    (
        "protest-article",
        "Police fire tear gas at protesters in the capital",
        ["Riot police fired tear gas and rubber bullets at thousands of protesters on Saturday.",
         "Demonstrators had marched against the government for a third week.", FILLER,
         "Several protesters were detained, activists said."],
        True,
    ),
    (
        "war-article",
        "Troops shell rebel positions as ceasefire collapses",
        ["Government troops shelled rebel positions overnight, the army said.",
         "The ceasefire agreed last month collapsed as artillery fire resumed along the front line.", FILLER],
        True,
    ),
    (
        "football-report",
        "Striker scores twice as league leaders run riot",
        ["The striker scored two goals as the league leaders ran riot at home.",
         "The attacking midfielder hit the post before the goalkeeper saved a penalty.", FILLER,
         "The manager praised the fans after the match."],
        False,
    ),
    (
        "celebrity-item",
        "Actress shares holiday snaps with her fans",
        ["The actress posted photos on Instagram from her holiday with her singer boyfriend.", FILLER],
        False,
    ),
]


@pytest.mark.parametrize(("title", "sents", "want"), [a[1:] for a in ARTICLES], ids=[a[0] for a in ARTICLES])
def test_judge(title: str, sents: list[str], want: bool) -> None:
    assert judge(title, sents, load_relevance()).relevant is want


@pytest.mark.parametrize(
    ("text", "want"),
    [("Hundreds of protesters gathered outside the ministry.", True),
     ("Troops entered the town at dawn.", True),
     ("The shop owner chased the thief down the street.", False),
     ("Residents said the tents of the refugee camp were set alight after a quarantine was imposed.", True),
     ("Hundreds of asylum seekers were left homeless when their camp burned down.", True)],
    ids=["protesters", "troops", "ordinary-crime", "refugee-camp", "asylum-seekers"],
)
def test_standalone(text: str, want: bool) -> None:
    assert standalone(text, load_relevance()) is want
