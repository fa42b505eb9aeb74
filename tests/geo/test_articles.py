"""Whole short articles we wrote ourselves, from several regions, through the whole pipeline: the first
event of each is pinned to its place (and ACLED geo precision) and to its two actors with their countries."""

from __future__ import annotations

import pytest

from fogline.api import analyze
from fogline.geo.resolve import km
from fogline.resources import Resources

Actor = tuple[str, str] | None

# (id, article, (lat, lon), precision, actor1, actor2)
ARTICLES = [
    ("sahel-ambush-near-djibo",
     "Soldiers killed in Burkina Faso ambush\n\nSuspected jihadists ambushed an army convoy near Djibo in northern "
     "Burkina Faso on Sunday, killing six soldiers, the army said in a statement.\n\nThe army said reinforcements "
     "were sent to the area.\n",
     (14.10, -1.63), 2, ("Rebel Group (Burkina Faso)", "BFA"), ("Military Forces of Burkina Faso", "BFA")),
    ("sahel-village-unknown-gives-country",
     "Attack in central Mali\n\nGunmen attacked the village of Ogossagou in central Mali on Saturday, killing 20 "
     "civilians, local officials said.\n",
     None, 3, ("Unidentified Armed Group (Mali)", "MLI"), ("Civilians (Mali)", "MLI")),
    ("ukraine-shelling-kharkiv",
     "Shelling hits Kharkiv\n\nRussian forces shelled residential areas of Kharkiv on Tuesday night, killing three "
     "civilians, the regional governor said.\n\nRescue teams worked through the night.\n",
     (49.98, 36.25), 2, ("Military Forces of Russia", "RUS"), ("Civilians (Ukraine)", "UKR")),
    ("colombia-protest-bogota",
     "Students march in Bogota\n\nThousands of students marched in Bogota on Wednesday to protest against police "
     "violence, and riot police fired tear gas to disperse them.\n\nThe march began at the national university.\n",
     (4.61, -74.08), 1, ("Protesters (Colombia)", "COL"), ("Police Forces of Colombia", "COL")),
    ("gaza-air-strike-khan-younis",
     "Air strike in Khan Younis\n\nAn Israeli air strike hit a house in Khan Younis in the southern Gaza Strip on "
     "Friday, killing four civilians, Palestinian health officials said.\n\nThe Israeli military said it had "
     "targeted a Hamas commander.\n",
     (31.34, 34.31), 1, ("Military Forces of Israel", "ISR"), ("Civilians (Palestine)", "PSE")),
]


@pytest.mark.parametrize(("text", "where", "precision", "actor1", "actor2"),
                         [pytest.param(*a[1:], id=a[0]) for a in ARTICLES])
def test_article_event(res: Resources, text: str, where: tuple[float, float] | None, precision: int,
                       actor1: Actor, actor2: Actor) -> None:
    doc = analyze(text, published="2024-05-10", resources=res)
    assert doc.events, "no event"
    ev = doc.events[0]
    assert ev.location is not None
    assert ev.location.precision == precision
    if where is None:
        assert ev.location.placetype == "country"  # the village is unknown: the country, not a namesake
    else:
        assert km(ev.location.lat, ev.location.lon, *where) < 25
    got1 = (ev.actor1.name, ev.actor1.country) if ev.actor1 else None
    got2 = (ev.actor2.name, ev.actor2.country) if ev.actor2 else None
    assert (got1, got2) == (actor1, actor2)


# A headline event that names no place of its own, in an article whose places are split between two
# areas (the treatment in one country, the crime in another): no city named in passing stands in.
SPLIT = ("Opposition figure poisoned, doctors say\n\nDoctors said on Monday that the opposition politician had been "
         "poisoned with a nerve agent.\n\nHe fell ill on a flight and was first treated in Omsk. Later he was flown "
         "to Berlin, where he was treated in a Berlin clinic. Omsk doctors had refused to let him go.\n")


def test_split_article_gives_no_city_from_elsewhere(res: Resources) -> None:
    doc = analyze(SPLIT, published="2024-05-10", resources=res)
    assert doc.events
    loc = doc.events[0].location
    assert loc is None or loc.name not in ("Berlin", "Omsk")


def test_unnamed_site_gives_no_place(res: Resources) -> None:
    text = ("Activist detained at border\n\nBorder guards arrested the activist at the Ukrainian border on "
            "Tuesday, a day after she was seized by masked men in Minsk.\n\nMinsk has seen weeks of protests.\n")
    doc = analyze(text, published="2024-05-10", resources=res)
    arrests = [e for e in doc.events if e.sub_event_type == "Arrests"]
    assert arrests and arrests[0].location is None


# An event whose sentence names only a country, in an article whose focus town does not outweigh its other
# places together: the country (at the centre point coders use), not the town named for another event.
COUNTRY_ONLY = [
    ("poisoning-told-beside-an-attack-elsewhere",
     "Opposition office attacked in Kazan\n\nMasked men smashed the windows of an opposition office in Kazan on "
     "Tuesday, local activists said.\n\nThe group's leader visited Kazan last month. He fell ill on a flight "
     "over Omsk, was treated in a Berlin clinic and flew back to Moscow last week.\n\nLaboratory tests showed on "
     "Monday that he had been poisoned with a nerve agent, and the German government demanded that Russia "
     "investigate the poisoning.\n",
     "Chemical weapon", ("Russia", 3, 61.52, 105.32)),
]


@pytest.mark.parametrize(("text", "subtype", "where"), [pytest.param(*a[1:], id=a[0]) for a in COUNTRY_ONLY])
def test_country_only_sentence(res: Resources, text: str, subtype: str | None,
                               where: tuple[str, int, float, float]) -> None:
    doc = analyze(text, published="2024-05-10", resources=res)
    evs = [e for e in doc.events if subtype is None or e.sub_event_type == subtype]
    assert evs and evs[-1].location is not None
    loc = evs[-1].location
    assert (loc.name, loc.precision) == where[:2] and km(loc.lat, loc.lon, *where[2:]) < 5


# A detention told at a site the text does not name, right after one the article places in its capital:
# two events, and the one at the border keeps no place (unknown beats the capital).
BORDER = ("Activists held in Belarus\n\nMasked men seized the activist Ivan Petrov outside his flat in Minsk on "
          "Monday. His colleague Olga Sidorova has also been detained, her lawyers said.\n\nBorder guards said "
          "that Sidorova was detained {site}.\n\nMinsk has seen weeks of protests.\n")


@pytest.mark.parametrize("site", ["at a crossing between Belarus and Lithuania", "at the Lithuanian border",
                                  "at a checkpoint on the Lithuanian border"],
                         ids=["a-crossing-between-two-countries", "the-border", "a-checkpoint"])
def test_detention_at_an_unnamed_site_is_not_merged_into_the_capital(res: Resources, site: str) -> None:
    doc = analyze(BORDER.format(site=site), published="2024-05-10", resources=res)
    at_site = [e for e in doc.events if any("Border guards" in s.text for s in e.evidence)]
    assert len(at_site) == 1 and at_site[0].sub_event_type == "Arrests" and at_site[0].location is None
    assert not any("Border guards" in s.text for e in doc.events if e.location is not None for s in e.evidence)


# One sentence, two sites far apart (each with its county, an aside between): one event per site.
DEPOTS = ("Climate activists block fuel depots\n\nHundreds of climate activists protested outside fuel depots in "
          "{sites} on Friday night, police said.\n\nThe protesters left in the morning.\n")


@pytest.mark.parametrize("sites", ["Grays, Essex, (pictured) and Immingham, Lincolnshire",
                                   "Grays, Essex, and Immingham", "Grays and Immingham"],
                         ids=["qualified-with-an-aside", "first-qualified", "bare-list"])
def test_two_sites_in_one_sentence_stay_two_events(res: Resources, sites: str) -> None:
    doc = analyze(DEPOTS.format(sites=sites), published="2024-05-10", resources=res)
    placed = sorted(e.location.name for e in doc.events if e.location is not None)
    assert placed == ["Grays", "Immingham"]
