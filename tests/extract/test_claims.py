"""Claimants, their sides and stances, on sentences and short articles written for these tests."""

from __future__ import annotations

import pytest
from tests.extract.placed import analyse_placed

from fogline.extract.catalogue import load_catalogue
from fogline.extract.claims import claims_payload, load_reporting, retells, sentence_claims
from fogline.model import Claim, Event, Sentence
from fogline.resources import Resources

CAT = load_catalogue()
REP = load_reporting()


def claims_of(text: str, country: str | None, res: Resources | None = None) -> list[Claim]:
    parse = next(res.nlp.parse_texts([text]))[:] if res is not None else None
    s = Sentence(0, len(text), text, parse=parse)
    drafts = sentence_claims(s, CAT.find(text), REP, None)
    return claims_payload(drafts, text, CAT, country, REP)


SENTENCES = [
    ("verb-subject", "Armenia claimed on Tuesday that a girl was killed in shelling.", None, ("ARM", "asserts")),
    ("capital-denies", "Baku denied claims that its drones struck the town.", None, ("AZE", "denies")),
    ("according-to", "Six people were detained, according to the Interior Ministry of Peru.", None, ("PER", "asserts")),
    ("passive-by", "The report was denied by the Russian defence ministry.", None, ("RUS", "denies")),
    ("closing-speaker", "Two soldiers were wounded at the border, Ukraine's military said.", None, ("UKR", "asserts")),
    ("inverted", "'The convoy was hit twice,' said a spokesman for the Nigerian army.", None, ("NGA", "asserts")),
    ("relative-which", "Shells hit the depot, blamed on the Kremlin, which has denied any involvement.", None,
     ("RUS", "disputes")),
    ("local-police", "Three people were arrested overnight, police said.", "COL", ("COL", "asserts")),
    ("local-witnesses", "Witnesses at the market said the gunmen fired into the crowd.", "MLI", ("MLI", "asserts")),
    ("allies-have-claimed", "The activist was taken from her flat by masked men, her allies have claimed.", "BLR",
     ("BLR", "asserts")),
    ("called-fake", "The Kremlin said the reports of a strike on the port were fake.", None, ("RUS", "denies")),
    ("nationality-title", "Israeli army spokesman Avi Cohen said jets struck a rocket launcher in Gaza.", "PSE",
     ("ISR", "asserts")),
    ("group-claims", "JNIM claimed responsibility for the ambush in a statement.", "BFA", ("BFA", "asserts")),
    ("video-released-by", "Video released by the Dallas Police Department shows a man firing at officers.", "USA",
     ("USA", "asserts")),
    ("police-released-pictures", "Leeds police have released pictures of three men wanted after the riot.", "GBR",
     ("GBR", "asserts")),
    ("police-want-to-identify", "Police want to identify this man in relation to the arson at the bank.", "USA",
     ("USA", "asserts")),
]


@pytest.mark.parametrize(("text", "country", "want"), [c[1:] for c in SENTENCES], ids=[c[0] for c in SENTENCES])
def test_claimant_side_and_stance(text: str, country: str | None, want: tuple[str, str]) -> None:
    got = [(c.claimant_country, c.stance) for c in claims_of(text, country)]
    assert want in got, got


NOT_CLAIMS = [
    ("refusal", "Authorities denied permission for the march, citing the epidemic."),
    ("passive-confirmed", "If the reports about the capture of the villages are confirmed, the road is cut."),
    ("lies-verb", "A woman lies on the ground in front of the riot police."),
]


@pytest.mark.parametrize("text", [c[1] for c in NOT_CLAIMS], ids=[c[0] for c in NOT_CLAIMS])
def test_no_party_claim(text: str) -> None:
    assert not [c for c in claims_of(text, "BLR") if c.stance != "asserts" or c.claimant_country == "AZE"]


PARSED = [
    ("apposition", "Anton Petrov, a spokesman for the Belarusian border guards, told reporters she was held.",
     ("BLR", "asserts")),
    ("subject-before-told", "Maria Lopez, a member of the teachers' union, told El Tiempo that police fired gas.",
     ("COL", "asserts")),
]


@pytest.mark.parametrize(("text", "want"), [c[1:] for c in PARSED], ids=[c[0] for c in PARSED])
def test_parsed_subject(text: str, want: tuple[str, str], res: Resources) -> None:
    got = [(c.claimant_country, c.stance) for c in claims_of(text, "COL", res)]
    assert want in got, got


TITLED = [
    ("nationality-title", "Russian opposition leader Ivan Sokolov fell ill.", "Sokolov's allies said", "RUS"),
    ("place-then-title", "In Washington, Secretary of State John Miller spoke.", "Miller said", "USA"),
    ("apposition", "Olga Ivanova, a spokeswoman for the Belarusian interior ministry, spoke.", "Ivanova said", "BLR"),
    ("office-head", "Kremlin spokesman Pavel Orlov was asked about it.", "Orlov told reporters", "RUS"),
    ("possessive-title", "Protesters jeered at Belarus's embattled President Ivan Petrenko.", "Mr Petrenko said",
     "BLR"),
]


@pytest.mark.parametrize(("intro", "later", "want"), [t[1:] for t in TITLED], ids=[t[0] for t in TITLED])
def test_titled_person_gives_side(intro: str, later: str, want: str) -> None:
    text = f"{intro} {later} that the convoy was hit."
    s2 = text.index(later)
    s = Sentence(s2, len(text), text[s2:])
    drafts = sentence_claims(s, [m for m in CAT.find(text) if m.start >= s2], REP, None)
    assert [c.claimant_country for c in claims_payload(drafts, text, CAT, "DEU", REP)] == [want]


# Short articles: places are given by hand, as geo would resolve them.
PLACES = {
    "Djibo": (14.10, -1.63, "BFA"),
    "Kharkiv": (49.99, 36.23, "UKR"),
    "Cali": (3.45, -76.53, "COL"),
    "Khan Younis": (31.34, 34.30, "PSE"),
}


def analyse(text: str, res: Resources) -> list[Event]:
    return analyse_placed(text, res, PLACES, "2024-03-10")


ARTICLES = [
    (
        "sahel-jnim",
        "JNIM fighters ambushed an army convoy near Djibo on Friday, killing twelve soldiers, "
        "the group said in a statement.",
        {"countries": {"BFA"}, "claims": {("BFA", "asserts")}},
    ),
    (
        "ukraine-shelling-denied",
        "Russian forces shelled residential areas of Kharkiv on Sunday, killing three civilians, "
        "Ukraine's military said.\nMoscow denied targeting civilians and called the reports fake.",
        {"countries": {"RUS", "UKR"}, "claims": {("UKR", "asserts"), ("RUS", "denies")}},
    ),
    (
        "colombia-protest",
        "Thousands of students marched in Cali on Thursday against the tax reform. "
        "Police fired tear gas to disperse the protesters, the city's mayor said.",
        {"countries": {"COL"}, "claims": {("COL", "asserts")}},
    ),
    (
        "claim-in-next-paragraph",
        "Protesters set fire to two police cars in Cali on Saturday night.\n"
        "The fire was put out within an hour, the Colombian national police said.",
        {"countries": {"COL"}, "claims": {("COL", "asserts")}},
    ),
    (
        "gaza-strike",
        "Israeli jets struck a house in Khan Younis on Monday, the Israeli army said, adding that it targeted "
        "a Hamas commander.",
        {"countries": {"ISR"}, "claims": {("ISR", "asserts")}},
    ),
]


@pytest.mark.parametrize(("text", "want"), [a[1:] for a in ARTICLES], ids=[a[0] for a in ARTICLES])
def test_article_sides(text: str, want: dict[str, set[tuple[str, str]]], res: Resources) -> None:
    events = analyse(text, res)
    assert events
    countries = {a.country for e in events for a in (e.actor1, e.actor2) if a is not None and a.country}
    assert want["countries"] <= countries, countries
    claims = {(c.claimant_country, c.stance) for e in events for c in e.claims}
    assert want["claims"] <= claims, claims
    assert not any(c.claimant == "the article itself" for e in events for c in e.claims if want["claims"])


RESPONSIBILITY = [
    ("claimed-the-attack", "Gunmen attacked a police post near Djibo on Friday, killing four officers.\n"
     "JNIM claimed the attack on Saturday."),
    ("claimed-responsibility-for", "Unknown assailants ambushed a supply convoy near Djibo on Friday, killing "
     "six soldiers.\nThe next day, JNIM claimed responsibility for the ambush."),
]


@pytest.mark.parametrize("text", [r[1] for r in RESPONSIBILITY], ids=[r[0] for r in RESPONSIBILITY])
def test_claim_of_responsibility_joins_the_event(text: str, res: Resources) -> None:
    events = analyse(text, res)
    assert len(events) == 1, [(e.sub_event_type, [s.text for s in e.evidence]) for e in events]
    assert events[0].actor1 is not None and events[0].actor1.name.startswith("JNIM")
    assert any(c.claimant == "JNIM" and c.stance == "asserts" for c in events[0].claims)


def test_strikes_that_claimed_lives_stay_their_own_event(res: Resources) -> None:
    text = ("Gunmen attacked a police post near Djibo on Friday, killing four officers.\n"
            "On Sunday, army drones carried out strikes near Kharkiv that claimed the lives of two fighters.")
    assert len(analyse(text, res)) == 2


AGREEMENTS = [
    ("ministers-sign", "On Tuesday, the Israeli foreign minister and his Bahraini counterpart signed a peace accord "
     "in Washington.", {"ISR", "BHR"}),
    ("mediator-is-no-party", "The Sudanese government signed a Qatari-mediated peace agreement on Monday.", {"SDN"}),
]


@pytest.mark.parametrize(("text", "want"), [a[1:] for a in AGREEMENTS], ids=[a[0] for a in AGREEMENTS])
def test_agreement_between_governments(text: str, want: set[str], res: Resources) -> None:
    events = [e for e in analyse(text, res) if e.sub_event_type == "Agreement"]
    assert events
    assert {a.country for a in (events[0].actor1, events[0].actor2) if a is not None} == want


def test_unattributed_fire_comes_from_its_origin(res: Resources) -> None:
    text = "On Monday, two rockets were fired at Israel from Gaza, lightly wounding a man in a border town."
    events = analyse(text, res)
    assert events and events[0].actor1 is not None and events[0].actor1.country == "PSE"


RETELLS = [
    ("full-name-repeated", "Activist Lena Marsh was taken from her flat on Monday.",
     "The party said: 'Masked men took Lena Marsh to a police van.'", True),
    ("surname-only", "Activist Lena Marsh was taken from her flat on Monday.", "Marsh's lawyer said she was beaten.",
     True),
    ("other-person", "Activist Lena Marsh was taken from her flat on Monday.", "Mayor Tom Reed said the city was calm.",
     False),
]


@pytest.mark.parametrize(("event", "later", "want"), [r[1:] for r in RETELLS], ids=[r[0] for r in RETELLS])
def test_retells_names_the_event_person(event: str, later: str, want: bool) -> None:
    assert retells(later, event) is want


@pytest.mark.parametrize(
    "text",
    ["While no group claimed responsibility for the blasts, the army blamed militants.",
     "Nobody has claimed the attack on the convoy."],
    ids=["while-no-group-claimed", "nobody-claimed"],
)
def test_nobody_is_no_claimant(text: str) -> None:
    assert "group" not in [c.claimant for c in claims_of(text, "ISR")]
    assert "Nobody" not in [c.claimant for c in claims_of(text, "ISR")]


def test_nobody_is_no_parsed_claimant(res: Resources) -> None:
    text = "While no group claimed responsibility for the blasts, the army blamed militants."
    assert "group" not in [c.claimant for c in claims_of(text, "ISR", res)]
