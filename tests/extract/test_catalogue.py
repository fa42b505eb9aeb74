from __future__ import annotations

import pytest

from fogline.extract.catalogue import load_catalogue

CAT = load_catalogue()


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("military forces of Azerbaijan", "Military Forces of Azerbaijan", "AZE"),
        ("the Artsakh Defense Army", "Military Forces of Artsakh", "XNK"),
        ("Armenian Defence Ministry", "Ministry of Defence of Armenia", "ARM"),
        ("Shushan Stepanyan", "Ministry of Defence of Armenia", "ARM"),
        ("pro-Azerbaijani sources", "pro-Azerbaijani sources", "AZE"),
        ("Azeri troops", "Military Forces of Azerbaijan", "AZE"),
        ("Russia's peacekeepers", "Peacekeepers (Russia)", "RUS"),
    ],
    ids=["of-country", "de-facto", "ministry", "office-holder", "pro-sources", "azeri", "possessive"],
)
def test_catalogue(text: str, name: str, country: str) -> None:
    m = CAT.find(text)[-1]
    assert (m.entry.name, m.entry.country) == (name, country)


def test_coordination() -> None:
    ms = CAT.find("Armenian and Azerbaijani forces exchanged fire")
    assert [(m.entry.name, m.entry.country) for m in ms[:2]] == [
        ("Military Forces of Armenia", "ARM"),
        ("Military Forces of Azerbaijan", "AZE"),
    ]


WORLD = [
    ("colombia-army", "the Colombian army", "Military Forces of Colombia", "COL"),
    ("us-police", "US police officers", "Police Forces of the United States", "USA"),
    ("belarus-protesters", "Belarusian protesters", "Protesters (Belarus)", "BLR"),
    ("thai-civilians", "Thai civilians", "Civilians (Thailand)", "THA"),
    ("uk-government", "the British government", "Government of the United Kingdom", "GBR"),
    ("hong-kong-police", "Hong Kong police", "Police Forces of Hong Kong", "HKG"),
    ("of-the-name", "the armed forces of Mali", "Military Forces of Mali", "MLI"),
    ("possessive", "Ukraine's military", "Military Forces of Ukraine", "UKR"),
    ("kremlin-spokesman", "Kremlin spokesman", "Government of Russia", "RUS"),
    ("iswap", "ISWAP fighters", "Islamic State West Africa Province", "NGA"),
    ("houthis", "the Houthis", "Houthis", "YEM"),
    ("rsf", "the RSF", "Rapid Support Forces", "SDN"),
    ("tatmadaw", "the Tatmadaw", "Military Forces of Myanmar", "MMR"),
    ("eln", "ELN guerrillas", "ELN: National Liberation Army", "COL"),
    ("pkk", "PKK militants", "PKK: Kurdistan Workers Party", "TUR"),
    ("idf", "the IDF", "Military Forces of Israel", "ISR"),
    ("hamas", "Hamas", "Hamas", "PSE"),
    ("head-of-state", "Mr Lukashenko", "Government of Belarus", "BLR"),
    ("head-of-government", "Benjamin Netanyahu", "Government of Israel", "ISR"),
    ("junta-leader", "Senior General Min Aung Hlaing", "Military Forces of Myanmar", "MMR"),
]


@pytest.mark.parametrize(("text", "name", "country"), [w[1:] for w in WORLD], ids=[w[0] for w in WORLD])
def test_world_actor(text: str, name: str, country: str) -> None:
    m = CAT.find(text)[0]
    actor = m.actor(text)
    assert (actor.name, actor.country) == (name, country)


@pytest.mark.parametrize(
    ("text", "where", "name", "country"),
    [
        ("JNIM fighters", "BFA", "JNIM: Group for Support of Islam and Muslims", "BFA"),
        ("JNIM fighters", None, "JNIM: Group for Support of Islam and Muslims", "MLI"),
        ("riot police", "GBR", "Police Forces of the United Kingdom", "GBR"),
        ("protesters", "USA", "Protesters (United States)", "USA"),
        ("the Portland Police Bureau", None, "Police Forces of the United States", "USA"),
    ],
    ids=["cross-border-group", "group-home", "generic-police", "generic-protesters", "police-bureau-home"],
)
def test_event_country_fills(text: str, where: str | None, name: str, country: str) -> None:
    actor = CAT.find(text)[0].actor(text, where)
    assert (actor.name, actor.country) == (name, country)
    assert "GBR" not in actor.name and "USA" not in actor.name


@pytest.mark.parametrize(
    "text",
    ["let us go home", "a turkey dinner", "the kia dealer", "he ran a chad of paper"],
    ids=["pronoun-us", "bird", "car-brand-lowercase", "lowercase-name"],
)
def test_no_country_from_common_words(text: str) -> None:
    assert not [m for m in CAT.find(text) if m.entry.country]


def test_named_countries_count_regions() -> None:
    counts = CAT.countries_named("Protesters marched in Portland, Oregon, and in Seattle, Washington DC.")
    assert counts.most_common(1)[0][0] == "USA"
