"""The world layer on short articles we wrote ourselves: places of several regions, the article's focus,
and ordinary words that must never become places."""

from __future__ import annotations

import time

import pytest

from fogline.geo import run
from fogline.geo.gazetteer import load_gazetteer
from fogline.geo.match import find_mentions_in_focus
from fogline.geo.resolve import km
from fogline.geo.textnorm import key
from fogline.model import Document, RawArticle
from fogline.resources import Resources

# (id, text, the words written, (lat, lon), ISO3)
PLACES = [
    ("sahel-gao", "Gunmen on motorbikes attacked an army camp near Gao in northern Mali on Sunday, killing nine "
     "soldiers, the army said.", "Gao", (16.27, -0.04), "MLI"),
    ("ukraine-kharkiv", "Russian artillery shelled residential districts of Kharkiv overnight, Ukrainian officials "
     "said.", "Kharkiv", (49.98, 36.25), "UKR"),
    ("colombia-cali", "Thousands of students marched in Cali on Wednesday against police violence across Colombia.",
     "Cali", (3.43, -76.52), "COL"),
    ("colombia-bogota", "Riot police fired tear gas at protesters in Bogota, Colombia, late on Tuesday.", "Bogota",
     (4.61, -74.08), "COL"),
    ("gaza-khan-younis", "An Israeli air strike hit a house in Khan Younis in the southern Gaza Strip, Palestinian "
     "health officials said.", "Khan Younis", (31.34, 34.31), "PSE"),
    ("us-salem-oregon", "Protesters clashed with police outside the state capitol in Salem, Oregon, on Saturday night.",
     "Salem", (44.94, -123.04), "USA"),
    ("us-louisville", "Hundreds of demonstrators marched through Louisville, Kentucky, after the grand jury decision.",
     "Louisville", (38.25, -85.76), "USA"),
    ("hong-kong", "Police in Hong Kong arrested dozens of people who gathered against the security law.",
     "Hong Kong", (22.28, 114.17), "HKG"),
    ("myanmar-mandalay", "Soldiers opened fire on protesters in Mandalay, Myanmar, killing two.", "Mandalay",
     (21.97, 96.08), "MMR"),
    ("sudan-el-fasher", "Paramilitary fighters attacked a displacement camp near El Fasher in Sudan's Darfur region.",
     "El Fasher", (13.63, 25.35), "SDN"),
    ("white-house-landmark", "Protesters gathered outside the White House in Washington for a second night.",
     "White House", (38.90, -77.04), "USA"),
]

# (id, text, words that must not resolve to any place)
NOT_PLACES = [
    ("molotov-cocktail", "Protesters threw a Molotov cocktail at officers in Portland.", "Molotov"),
    ("well-sentence-start", "Well, we will see what happens, the organiser told reporters.", "Well"),
    ("well-contraction", "We'll keep marching until they listen, one protester said.", "We'll"),
    ("given-name-jill", "Jill Biden visited the school on Monday.", "Jill"),
    ("given-name-mary", "Mary Trump wrote about the family in her book.", "Mary"),
    ("acronym-nyc", "NYC officials said the march was peaceful.", "NYC"),
    ("sheriff", "The Sheriff said deputies made two arrests.", "Sheriff"),
    ("weapon-tos-1a", "Russian forces used TOS-1A rocket launchers in the east of Ukraine.", "TOS"),
    ("person-with-nickname", "Witnesses said Peter 'Pete' Danielson was hurt in the crowd.", "Danielson"),
    ("surname-that-speaks", "A Texas unit freed the hostages in Iraq. The team, with Dawson at its head, left at "
     "dawn, Dawson said.", "Dawson"),
    ("title-princess-of", "The crowd cheered when Anne, Princess of Wales, arrived in Cardiff.", "Princess"),
    ("person-daniel-cameron", "Kentucky Attorney General Daniel Cameron announced the charges.", "Cameron"),
    ("last-week", "Last week the protesters returned to the square.", "Last"),
    ("bank-of-england", "Activists glued themselves to the doors of the Bank of England.", "England"),
]


def analyse_text(text: str, res: Resources) -> Document:
    doc = Document.from_raw(RawArticle("t", "t.txt", text))
    run(doc, res)
    return doc


@pytest.mark.parametrize(("text", "written", "where", "country"), [c[1:] for c in PLACES],
                         ids=[c[0] for c in PLACES])
def test_world_place(res: Resources, text: str, written: str, where: tuple[float, float], country: str) -> None:
    doc = analyse_text(text, res)
    placed = [p for p in doc.places if p.mention and p.mention.text == written]
    assert placed, f"{written} not resolved: {[(p.mention and p.mention.text, p.name) for p in doc.places]}"
    p = placed[0]
    assert km(p.lat, p.lon, *where) < 10, (p.name, p.country, p.evidence)
    assert p.country == country


@pytest.mark.parametrize(("text", "written"), [c[1:] for c in NOT_PLACES], ids=[c[0] for c in NOT_PLACES])
def test_word_is_no_place(res: Resources, text: str, written: str) -> None:
    doc = analyse_text(text, res)
    wrong = [(p.mention.text, p.name, p.country) for p in doc.places if p.mention and written in p.mention.text]
    assert not wrong
    assert not [p for p in doc.places if p.country in ("AZE", "ARM")]


@pytest.mark.parametrize(("text", "focus"), [
    ("Malian troops said jihadists attacked Gao and the Malian army pushed them back.", "MLI"),
    ("Police in Salem used tear gas; the Oregon governor called for calm.", "USA"),
    ("Ukrainian officials said Russian shelling hit the city.", "UKR"),
], ids=["mali", "oregon", "ukraine"])
def test_article_focus(res: Resources, text: str, focus: str) -> None:
    _, _, f = find_mentions_in_focus(text, res.geo.gazetteer)
    assert focus in f.countries


def test_salem_without_state_is_oregon_in_a_us_story(res: Resources) -> None:
    doc = analyse_text("Police in Salem declared a riot after a march on the US state capitol.", res)
    salem = [p for p in doc.places if p.mention and p.mention.text == "Salem"]
    assert salem and salem[0].country == "USA" and salem[0].admin1 == "Oregon", [p.name for p in salem]


def test_village_outside_the_focus_is_not_resolved(res: Resources) -> None:
    """An Azerbaijani village name in a US story stays no place: unknown beats wrong."""
    doc = analyse_text("In Louisville, Kentucky, marchers met near Dasbulaq Avenue on Friday.", res)
    assert not [p for p in doc.places if p.country in ("AZE", "ARM")]


def test_world_layer_loads_fast() -> None:
    t0 = time.perf_counter()
    gaz = load_gazetteer(["az-am", "world"])
    assert gaz.city_hits(key("Kharkiv"))
    assert time.perf_counter() - t0 < 10.0  # about a second on an idle machine; test machines are shared
