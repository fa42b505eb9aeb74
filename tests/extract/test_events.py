"""Events and claims on short articles written for these tests (places built by hand, not by geo)."""

from __future__ import annotations

import pytest
from tests.extract.placed import analyse_placed

from fogline.model import Event
from fogline.resources import Resources

PLACES = {
    "Talish": (40.16, 46.77, "AZE"),
    "Koti": (41.13, 45.10, "ARM"),
    "Martakert": (40.21, 46.81, "AZE"),
    "Gyumri": (40.79, 43.85, "ARM"),
    "Berdavan": (41.20, 45.01, "ARM"),
}


def analyse(text: str, res: Resources, published: str | None = None) -> list[Event]:
    return analyse_placed(text, res, PLACES, published)


CASES = [
    (
        "passive",
        "On 3 May, the positions of the Armenian army near Koti were shelled by Azerbaijani forces.",
        {"sub": "Shelling/artillery/missile attack", "a1": "AZE", "a2": "ARM", "date": "XXXX-05-03", "place": "Koti"},
    ),
    (
        "active-with-target",
        "On 14 June, Azerbaijani troops fired with small arms on Armenian positions near Berdavan.",
        {"sub": "Armed clash", "a1": "AZE", "a2": "ARM", "place": "Berdavan"},
    ),
    (
        "territory-government",
        "Azerbaijani forces recaptured the village of Talish on 2 April 2016, the ministry said.",
        {"sub": "Government regains territory", "a1": "AZE", "place": "Talish", "date": "2016-04-02"},
    ),
    (
        "territory-de-facto",
        "The Artsakh Defence Army retook the village of Talish on 5 April 2016.",
        {"sub": "Non-state actor overtakes territory", "a1": "XNK"},
    ),
    (
        "drone-fatalities",
        "On 7 March, Azerbaijani combat drones struck a convoy near Martakert, killing two soldiers.",
        {"sub": "Air/drone strike", "a1": "AZE", "fat": 2, "place": "Martakert"},
    ),
    (
        "protest",
        "On 9 July, hundreds of residents held a rally in Gyumri demanding lower gas prices.",
        {"sub": "Peaceful protest", "a1": "ARM", "a2": None},
    ),
    (
        "protest-arrests",
        "On 9 July, residents held a protest in Gyumri. Police detained four protesters.",
        {"sub": "Protest with intervention"},
    ),
    (
        "frame-weapons-seized",
        "On 2 May, police in Gyumri seized six rifles and a box of hand grenades from a garage.",
        {"sub": "Disrupted weapons use"},
    ),
    (
        "frame-mines-cleared",
        "Sappers cleared forty anti-tank mines from the fields near Talish on 8 May.",
        {"sub": "Disrupted weapons use"},
    ),
    (
        "frame-drone-downed",
        "On 9 May, Armenian air defence units shot down an Azerbaijani drone over Berdavan.",
        {"sub": "Disrupted weapons use"},
    ),
    (
        "frame-attack-on-civilians",
        "On 3 June, gunmen attacked a wedding party in a village near Gyumri, killing four guests.",
        {"sub": "Attack", "a2": "ARM"},
    ),
    (
        "frame-fire-on-positions-is-clash",
        "On 3 June, gunmen attacked an army checkpoint near Gyumri and fought the guards for an hour.",
        {"sub": "Armed clash"},
    ),
    (
        "frame-base-set-up",
        "Russian troops have set up a new observation post near Martakert, the ministry said on 1 July.",
        {"sub": "Headquarters or base established", "a1": "RUS"},
    ),
    (
        "frame-ceasefire-agreed",
        "On 10 October, Armenia and Azerbaijan agreed a humanitarian truce to exchange bodies and prisoners.",
        {"sub": "Agreement"},
    ),
    (
        "frame-road-blocked",
        "On 5 June, villagers of Koti blocked the Ijevan highway, demanding repairs to the water pipe.",
        {"sub": "Peaceful protest", "a1": "ARM"},
    ),
    (
        "protest-about-a-landslide",
        "On 6 June, residents held a protest in Gyumri over a landslide that damaged their houses.",
        {"sub": "Peaceful protest"},
    ),
    (
        "protest-stones-is-violent",
        "On 7 June, protesters in Gyumri threw stones at the town hall and clashed with police.",
        {"sub": "Violent demonstration"},
    ),
    (
        "protest-live-fire-is-excessive-force",
        "On 7 June, security forces opened fire on demonstrators in Gyumri, killing two of them.",
        {"sub": "Excessive force against protesters"},
    ),
    (
        "protest-tear-gas-is-intervention",
        "On 8 June, police used tear gas to disperse a rally of students in Gyumri.",
        {"sub": "Protest with intervention"},
    ),
    (
        "civilian-anaphora-keeps-country",
        "On 16 May, an Azerbaijani civilian crossed the border near Berdavan. "
        "The civilian was shot at by Armenian border guards.",
        {"sub": "Attack", "a1": "ARM", "a2": "AZE"},
    ),
]


@pytest.mark.parametrize(("text", "want"), [(t, w) for _, t, w in CASES], ids=[c[0] for c in CASES])
def test_event(text: str, want: dict[str, object], res: Resources) -> None:
    events = analyse(text, res)
    assert events, "no event"
    ev = events[0]
    assert ev.sub_event_type == want["sub"]
    if "a1" in want:
        assert (ev.actor1.country if ev.actor1 else None) == want["a1"]
    if "a2" in want:
        assert (ev.actor2.country if ev.actor2 else None) == want["a2"]
    if "date" in want:
        assert ev.date == want["date"]
    if "place" in want:
        assert ev.location is not None and ev.location.name == want["place"]
    if "fat" in want:
        assert ev.fatalities == want["fat"]


def test_denial_in_next_sentence_attaches(res: Resources) -> None:
    text = (
        "On 11 May, the Azerbaijani defence ministry said Armenian forces shelled its positions near Talish. "
        "The Armenian side denied this."
    )
    ev = analyse(text, res)[0]
    assert ev.certainty == "claimed"
    assert any(c.stance == "denies" and c.claimant_country == "ARM" for c in ev.claims)
    assert any(c.stance == "asserts" and c.claimant_country == "AZE" for c in ev.claims)


def test_rumour(res: Resources) -> None:
    text = "Rumours on social media say that on 2 June two soldiers were killed in a raid near Martakert."
    assert analyse(text, res)[0].certainty == "rumored"


def test_conditional_report_is_hypothetical(res: Resources) -> None:
    text = "If reports about the capture of Talish are confirmed, Azerbaijani forces have gained ground."
    assert analyse(text, res)[0].certainty == "hypothetical"


@pytest.mark.parametrize(
    "text",
    [
        "Such statements could be used to justify a new offensive against the villages.",
        "There were no reports of further clashes overnight.",
        "The talks will likely lead to a new ceasefire next year.",
        "A little-known militant group claimed responsibility for the bombing of the bridge on 3 May.",
        "The European Union imposed new sanctions after the missile attack on the port.",
        "Four workers were killed when a gas cylinder exploded at a bakery in Gyumri on 2 May.",
    ],
    ids=["prediction", "negated", "future", "claimed-responsibility", "sanctions", "accident"],
)
def test_no_event(text: str, res: Resources) -> None:
    assert analyse(text, res) == []


def test_article_voice_is_stated(res: Resources) -> None:
    ev = analyse("On 4 August, Azerbaijani troops shelled Berdavan.", res)[0]
    assert ev.certainty == "stated" and ev.claims[0].claimant == "the article itself"
    assert ev.event_type == "Explosions/Remote violence" and ev.evidence and ev.event_id.startswith("t-")


def test_frame_words_reach_the_parser(res: Resources) -> None:
    """Every verb + object pair of a frame lets the nlp filter parse the sentence."""
    from fogline.nlp import load_event_data, sentence_cues

    for frame in load_event_data()["frames"]:
        verbs, objs = [v.rstrip("*") for v in frame["verbs"]], [o.rstrip("*") for o in frame["objects"]]
        for verb, obj in [(v, objs[0]) for v in verbs] + [(verbs[0], o) for o in objs]:
            assert sentence_cues(f"they {verb} the {obj}", res.nlp), (frame["then"], verb, obj)


NON_EVENTS = [
    ("call-ceasefire", "The French president called for an immediate ceasefire between the two armies."),
    ("appeal-stop-fighting", "The UN chief urged both sides to stop the fighting around Martakert at once."),
    ("warning", "The defence minister warned that any shelling of Gyumri would meet a harsh response."),
    ("threat", "The rebel commander threatened to attack the convoy if it entered the valley."),
    ("plan", "The army plans to launch an offensive near Talish next spring."),
    ("prediction", "Analysts say the two sides could clash again before the winter."),
    ("conditional", "If the talks fail, troops would storm the town within days."),
    ("question", "Will the militia attack the border posts near Koti again?"),
    ("generic-history", "Rebels have killed thousands of people in the region over the past thirty years."),
    ("habitual", "Protesters have repeatedly clashed with police in the capital."),
    ("standing-fact", "Moscow has a military base in Gyumri and keeps several thousand soldiers there."),
    ("sport-midfielder", "The attacking midfielder ran riot as the visitors won four-nil at home."),
    ("sport-brace", "The striker strikes a brace as his side run riot against the champions."),
    ("animals", "Two grizzly bears attacked each other in a fierce battle over a salmon."),
    ("weapons-test", "The navy test-fired a new cruise missile off the coast on Tuesday."),
    ("rocket-launch", "The company launched its heavy rocket carrying a weather satellite into orbit."),
    ("celebrity-suicide", "The actress spoke about her suicide attempt in a long post to her fans."),
    ("backdrop", "The opposition leader was sent abroad amid the crackdown on dissent."),
    ("footage-retold", "Footage shows officers pushing a protester to the ground outside the station."),
    ("rallied-troops", "Legend says the old king rallied his troops on this hill before a battle."),
    ("housed-in-barracks", "Asylum seekers are being housed in an army barracks near Koti."),
    ("verbal-attack", "The president attacked his former adviser when asked about the leaked memoir."),
    ("job-recruitment", "The analyst told a reporter posing as a recruitment agent that he had been let go."),
    ("crime-surveillance-video", "Detectives released surveillance video of two men opening fire outside a shop."),
    ("speech-at-a-rally", "Speaking at a rally on Sunday night, the senator said: 'Shoot an officer and pay.'"),
]


@pytest.mark.parametrize("text", [t for _, t in NON_EVENTS], ids=[i for i, _ in NON_EVENTS])
def test_not_an_event(text: str, res: Resources) -> None:
    assert analyse(text, res) == []


FILLER = "The council met again to discuss the city budget and the plans for two new schools.\n" * 15
LONE_BACKDROPS = [
    ("testing-during-protests", "Health officials said testing was stepped up during protests to find cases early."),
    ("months-of-protests", "The mayor spoke in Gyumri about jobs after months of protests over the new tax."),
]


@pytest.mark.parametrize("text", [t for _, t in LONE_BACKDROPS], ids=[i for i, _ in LONE_BACKDROPS])
def test_lone_backdrop_in_a_full_article(text: str, res: Resources) -> None:
    """In a full article, a protest that only sets the scene of another clause is no event."""
    assert analyse(FILLER + text, res, published="2020-06-20") == []


def test_event_during_a_protest_is_kept(res: Resources) -> None:
    text = FILLER + "Police beat a journalist during a protest in Gyumri on Monday."
    assert analyse(text, res, published="2020-06-20")


DEDUP = [
    (
        "lead-and-retelling",
        "On 3 May, Azerbaijani forces shelled Koti, the Armenian defence ministry said.\n"
        "Residents described the night.\n"
        "The shelling of Koti on 3 May damaged four houses, officials added.",
        1,
    ),
    (
        "caption-repeats-lead",
        "Azerbaijani artillery shelled Berdavan on 14 June, wounding two villagers.\n"
        "Artillery shelled Berdavan on 14 June\n"
        "The mayor asked for help.",
        1,
    ),
    (
        "distinct-places",
        "On 3 May, Azerbaijani forces shelled Koti.\nOn 3 May, Azerbaijani forces shelled Gyumri.",
        2,
    ),
    (
        "places-listed-in-one-sentence",
        "On 3 May, Azerbaijani forces shelled Koti, Berdavan and Gyumri, the ministry said.",
        3,
    ),
    (
        "undated-lead-and-an-earlier-weekend-rally",
        "Protesters have marched through Gyumri against the new tax.\n"
        "The biggest rally so far drew thousands of protesters in Gyumri over the weekend.",
        2,
    ),
    (
        "distinct-days",
        "On 3 May, Azerbaijani forces shelled Koti.\nOn 5 May, Azerbaijani forces shelled Koti again.",
        2,
    ),
]


@pytest.mark.parametrize(("text", "n"), [(t, n) for _, t, n in DEDUP], ids=[i for i, _, _ in DEDUP])
def test_one_event_per_unit(text: str, n: int, res: Resources) -> None:
    assert len(analyse(text, res, published="2020-06-20")) == n


def test_background_dated_history(res: Resources) -> None:
    events = analyse("In April 2016, clashes near Talish killed dozens of soldiers on both sides.", res,
                     published="2020-10-01")
    assert events and all(e.background for e in events)


def test_intercepted_rocket_is_disrupted_weapons_use(res: Resources) -> None:
    text = "On 3 May, two rockets were fired at Gyumri, one of which was intercepted by air defences."
    events = analyse(text, res, published="2020-06-20")
    assert [e.sub_event_type for e in events] == ["Disrupted weapons use"]


def test_charged_arrest_is_its_own_event(res: Resources) -> None:
    text = ("On 3 May, hundreds of protesters marched through Gyumri against the new tax.\n"
            "An organiser of the march was arrested at his home and charged with incitement.")
    subs = sorted(e.sub_event_type for e in analyse(text, res, published="2020-06-20"))
    assert subs == ["Arrests", "Peaceful protest"]


SECOND_EVENTS = [
    (
        "rockets-prompting-air-strikes",
        "On 3 May, rockets were fired from Koti at Gyumri, prompting Azerbaijani warplanes to launch air strikes.",
        ["Air/drone strike", "Shelling/artillery/missile attack"],
    ),
    (
        "consequence-without-an-event",
        "On 3 May, rockets were fired from Koti at Gyumri, prompting calls for calm from the mayor.",
        ["Shelling/artillery/missile attack"],
    ),
]


@pytest.mark.parametrize(("text", "want"), [(t, w) for _, t, w in SECOND_EVENTS], ids=[i for i, _, _ in SECOND_EVENTS])
def test_consequence_clause_is_a_second_event(text: str, want: list[str], res: Resources) -> None:
    assert sorted(e.sub_event_type for e in analyse(text, res, published="2020-06-20")) == want


def test_police_shooting_is_an_attack(res: Resources) -> None:
    text = "A local man was shot four times in the back by police in Gyumri on Sunday, his family said."
    assert [e.sub_event_type for e in analyse(text, res, published="2020-06-20")] == ["Attack"]


def test_expulsion_is_other(res: Resources) -> None:
    text = "On Saturday night, an opposition activist was ejected from the country by security forces near Gyumri."
    assert [e.sub_event_type for e in analyse(text, res, published="2020-06-20")] == ["Other"]


def test_undated_lead_takes_the_month_of_its_dated_siblings(res: Resources) -> None:
    text = ("Rioters have torched cars and shops in Gyumri during a week of unrest.\n"
            "Rioters torched a bus in Gyumri on 24 May, police said.")
    dates = sorted(e.date or "" for e in analyse(text, res, published="2020-06-02"))
    assert dates == ["2020-05", "2020-05-24"]


def test_intercepted_fire_from_a_place_gives_the_other_side(res: Resources) -> None:
    text = "The Israeli army intercepted two rockets fired from Gaza over Sderot on 4 May."
    (ev,) = analyse(text, res, published="2021-05-05")
    assert (ev.sub_event_type, ev.actor1.country if ev.actor1 else None, ev.actor2.country if ev.actor2 else None) == (
        "Disrupted weapons use", "ISR", "PSE")


def test_deal_between_two_states_is_not_placed_in_a_third_countrys_war_zone(res: Resources) -> None:
    text = ("Azerbaijani drones struck Martakert on 2 May. Residents of Martakert said three houses were hit.\n\n"
            "Russia and Turkey signed a ceasefire agreement on 3 May.\n\n"
            "More drone strikes hit Martakert on 4 May.")
    (deal,) = [e for e in analyse(text, res, published="2020-05-05") if e.sub_event_type == "Agreement"]
    assert (deal.actor1.country if deal.actor1 else None, deal.location) == ("RUS", None)


@pytest.mark.parametrize("text, scans, n_events", [
    pytest.param("Artillery did not shell the town, officials said on Sunday.", 0, 0, id="parsed-negated-no-event"),
    pytest.param("On 3 May, the positions of the Armenian army near Koti were shelled by Azerbaijani forces.", 1, 1,
                 id="event-dated-once"),
    pytest.param("The bakery on the corner opened on 3 May and sells bread.", 0, 0, id="nothing-parsed"),
])
def test_dates_are_scanned_only_when_a_draft_needs_them(text: str, scans: int, n_events: int, res: Resources,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The date index (a scan of the whole text) is made lazily: never for an article whose parsed sentences
    hold no event, once for one that has events."""
    import fogline.extract as extract
    from fogline.model import ArticleMeta, RawArticle
    from fogline.pipeline import analyse as run_pipeline

    made: list[str] = []
    original = extract._date_index
    monkeypatch.setattr(extract, "_date_index", lambda doc: made.append(doc.doc_id) or original(doc))
    meta = ArticleMeta(title="A note", published="2020-10-03")
    raw = RawArticle(doc_id="lazy", source="lazy", raw=text + "\n", meta=meta)
    doc = run_pipeline(raw, res)
    assert len(made) == scans and len(doc.events) == n_events
