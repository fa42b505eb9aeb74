"""extract/casualties.py: fatalities and injured counts tied to their cue, zeros, tolls and who."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogline.extract.casualties import find_casualties, totals
from fogline.extract.numbers import load_data


@pytest.mark.parametrize(
    ("text", "kind", "count", "who"),
    [
        ("Shortly after noon three soldiers were killed near the bridge.", "fatalities", 3, "soldiers"),
        ("A rocket hit the barracks, killing two conscripts.", "fatalities", 2, "conscripts"),
        ("The strike claimed the lives of four fighters of the Karabakh army.", "fatalities", 4,
         "fighters of the Karabakh army"),
        ("During the exchange, five military reservists were wounded.", "injured", 5, "military reservists"),
        ("One shepherd has been hospitalized with burns.", "injured", 1, "shepherd"),
        ("Officials said a border guard was wounded by sniper fire.", "injured", 1, "border guard"),
        ("An elderly woman died after the shell struck her yard.", "fatalities", 1, "elderly woman"),
        ("Karen Hakobyan and Tural Mammadov were killed at the outpost.", "fatalities", 2,
         "Karen Hakobyan and Tural Mammadov"),
        ("Seven dead and 14 wounded were counted after the blast.", "fatalities", 7, None),
        ("At least 12 people were injured in the clashes.", "injured", 12, "people"),
        ("Dozens of demonstrators were hurt when police charged.", "injured", None, "demonstrators"),
        ("It is said that 3 servicemen of the southern brigade were killed.", "fatalities", 3,
         "servicemen of the southern brigade"),
        ("Marchers honoured a local organiser, Dana Whitfield, shot and killed after a rally in May.",
         "fatalities", 1, "Dana Whitfield"),
    ],
    ids=["passive-number", "killing-object", "claimed-lives-of", "wounded-passive", "hospitalized-one",
         "singular-noun", "intransitive-died", "named-people", "noun-dead", "bound-at-least", "vague-dozens",
         "long-subject", "apposed-name-shot-and-killed"],
)
def test_counts(text: str, kind: str, count: int, who: str | None) -> None:
    ms = [m for m in find_casualties(text) if m.kind == kind]
    assert ms, f"no {kind} in {text!r}"
    assert (ms[0].count, ms[0].who, ms[0].aggregate) == (count, who, False)
    assert text[ms[0].span.start:ms[0].span.end] == ms[0].span.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No injuries or fatalities were reported after the fight.", {"fatalities": 0, "injured": 0}),
        ("Nobody was hurt when the shell landed in a field.", {"fatalities": None, "injured": 0}),
        ("The shelling caused no civilian casualties.", {"fatalities": 0, "injured": 0}),
        ("Luckily, we do not have losses, the commander said.", {"fatalities": 0, "injured": None}),
    ],
    ids=["no-injuries-or-fatalities", "nobody-hurt", "no-casualties", "no-losses"],
)
def test_explicit_zero(text: str, expected: dict[str, int | None]) -> None:
    assert totals(find_casualties(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Since the war began, the number of soldiers killed has already exceeded 3,000.",
        "The death toll among the civilians of the region reached 31.",
        "In total, 112 servicemen were killed during the conflict.",
        "So far 40 people have been wounded in the fighting.",
    ],
    ids=["exceeded-since", "death-toll-among", "in-total", "so-far"],
)
def test_aggregate_tolls(text: str) -> None:
    ms = find_casualties(text)
    assert ms and all(m.aggregate for m in ms)
    assert totals(ms) == {"fatalities": None, "injured": None}


def test_toll_of_one_event_is_not_aggregate() -> None:
    ms = find_casualties("The death toll from the market strike rose to 6.")
    assert [(m.count, m.aggregate) for m in ms] == [(6, False)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen attacked a bus, killing four passengers and wounding nine others.", {"fatalities": 4, "injured": 9}),
        ("Two sappers were injured by a mine. Both were taken to hospital.", {"fatalities": None, "injured": 2}),
        ("Three policemen were injured; one policeman was hospitalized.", {"fatalities": None, "injured": 3}),
        ("A deputy was shot dead in a cafe. Another man was wounded.", {"fatalities": 1, "injured": 1}),
    ],
    ids=["killing-and-wounding", "both-is-anaphoric", "hospitalized-is-weak", "dead-and-wounded"],
)
def test_totals(text: str, expected: dict[str, int | None]) -> None:
    assert totals(find_casualties(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Four sheep were killed by the shelling, the farmer was unharmed.",
        "Relatives of soldiers who had died in service held a rally.",
        "The drone was shot down over the lake.",
        "Two MiG-29 jets and T-72 tanks were damaged.",
        "The activist was driven to the border in the dead of night by masked agents.",
        "In New York, killed in the blast were two officers' dogs.",
    ],
    ids=["animals", "no-number-bare-plural-intransitive", "no-cue", "equipment", "idiom-dead-of-night",
         "place-before-comma-is-no-name"],
)
def test_no_counts(text: str) -> None:
    assert [m.count for m in find_casualties(text) if m.count] == []


def test_bare_plural_gives_no_count() -> None:
    ms = find_casualties("Soldiers were killed in the ambush.")
    assert [(m.count, m.low) for m in ms] == [(None, 2)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Samir Haddad, 52, died after officers pinned him to the pavement.",
                     {"fatalities": 1, "injured": None}, id="age-apposition-is-not-a-toll"),
        pytest.param("A teacher, 41, was shot dead outside the school gate.", {"fatalities": 1, "injured": None},
                     id="age-after-a-noun"),
        pytest.param("The victim, aged 19, was wounded in the leg.", {"fatalities": None, "injured": 1},
                     id="aged-number"),
        pytest.param("Rioters torched 14 vehicles and 2 buses but nobody was hurt.", {"fatalities": None, "injured": 0},
                     id="vehicles-are-not-people"),
        pytest.param("Officers detained 60 people at the square where two journalists were injured.",
                     {"fatalities": None, "injured": 2}, id="arrests-are-not-casualties"),
        pytest.param("Some 200 protesters arrested during marches in which police were injured went to court.",
                     {"fatalities": None, "injured": None}, id="arrest-count-before-another-clause"),
        pytest.param("The militia killed 25,000 people over the 1990s war, and on Friday its fighters killed "
                     "three farmers.", {"fatalities": 3, "injured": None}, id="cumulative-war-toll-clause"),
        pytest.param("Rebels have killed thousands of civilians over three decades.",
                     {"fatalities": None, "injured": None}, id="cumulative-over-decades"),
        pytest.param("Insurgents raided the town, killing 9999999999 civilians.", {"fatalities": None, "injured": None},
                     id="absurd-figure-dropped"),
        pytest.param("At least 12 people were killed when a truck bomb exploded.", {"fatalities": 12, "injured": None},
                     id="at-least-floor"),
        pytest.param("Three guards died and dozens were wounded.", {"fatalities": 3, "injured": None},
                     id="dozens-is-no-count"),
        pytest.param("A local organiser, Tomas Reyes, was killed by gunmen.", {"fatalities": 1, "injured": None},
                     id="apposition-before-aux"),
        pytest.param("Marek Nowak, 51, shot dead his two tenants, both 23, at the farm.",
                     {"fatalities": 2, "injured": None}, id="named-shooter-is-not-dead-both-ages"),
        pytest.param("Crowds rallied for a third night after a teenager died in police custody in June.",
                     {"fatalities": None, "injured": None}, id="prior-death-is-the-cause-not-the-toll"),
        pytest.param("Commandos freed 40 prisoners set to be executed by the militia.",
                     {"fatalities": None, "injured": None}, id="irrealis-set-to-be-executed"),
        pytest.param("After the explosion, two workers were killed by falling debris.",
                     {"fatalities": 2, "injured": None}, id="after-phrase-then-toll"),
        pytest.param("Two helicopters and four drones were destroyed on the airfield.",
                     {"fatalities": None, "injured": None}, id="aircraft-are-not-people"),
    ],
)
def test_figure_traps(text: str, expected: dict[str, int | None]) -> None:
    assert totals(find_casualties(text)) == expected


def test_absurd_figure_has_a_reason() -> None:
    from fogline.extract.casualties import dropped

    ms = find_casualties("Insurgents raided the town, killing 9999999999 civilians.")
    assert [m.count for m in ms] == [None]
    assert dropped(ms) and "9999999999" in dropped(ms)[0]


def test_vague_amount_keeps_its_floor() -> None:
    ms = find_casualties("Dozens of soldiers have been killed in recent days.")
    assert [(m.count, m.low) for m in ms] == [(None, 12)]


def test_window_offsets() -> None:
    text = "Calm first. Then 2 guards were wounded. Later more news."
    start = text.index("Then")
    end = text.index("Later")
    ms = find_casualties(text, start, end)
    assert [(m.kind, m.count) for m in ms] == [("injured", 2)]
    assert find_casualties(text, 0, start) == []


def test_data_file_is_versioned() -> None:
    assert "version" in load_data("casualties.json")


def test_seed_drone_strikes_three_dead(shared: Path) -> None:
    text = next((shared / "seeds").glob("004_*.txt")).read_text(encoding="utf-8")
    body = text[:text.index("Notify of")]
    ms = [m for m in find_casualties(body) if m.kind == "fatalities" and m.count]
    assert [m.count for m in ms] == [3]
    assert "Artsakh" in (ms[0].who or "")


def test_seed_three_wounded_and_aggregate_tolls(shared: Path) -> None:
    t3 = next((shared / "seeds").glob("003_*.txt")).read_text(encoding="utf-8")
    assert any(m.kind == "injured" and m.count == 3 for m in find_casualties(t3))
    t1 = next((shared / "seeds").glob("001_*.txt")).read_text(encoding="utf-8")
    tolls = [m for m in find_casualties(t1) if m.count in (3000, 31)]
    assert len(tolls) == 2 and all(m.aggregate for m in tolls)


def analysed(text: str, res, published: str | None = "2021-05-20") -> list:  # type: ignore[no-untyped-def]
    from fogline import extract, nlp
    from fogline.model import Document, RawArticle

    doc = Document.from_raw(RawArticle("t", "t", text))
    doc.published = published
    nlp.run(doc, res)
    extract.run(doc, res)
    return doc.events


@pytest.mark.slow
def test_absurd_figure_in_an_article_is_noted_not_stored(res) -> None:  # type: ignore[no-untyped-def]
    events = analysed("Insurgents stormed the market on Sunday, killing 9999999999 civilians.", res)
    assert events, "the attack itself is still an event"
    assert all(e.fatalities is None or 0 <= e.fatalities <= 1_000_000 for e in events)
    assert any("over the bound" in n for e in events for n in e.notes)


@pytest.mark.slow
def test_claimant_figure_goes_on_the_claim(res) -> None:  # type: ignore[no-untyped-def]
    text = "Azerbaijan's defence ministry said Armenian forces shelled the town, killing four civilians."
    events = analysed(text, res)
    figures = [(c.claimant_country, c.fatalities) for e in events for c in e.claims]
    assert ("AZE", 4) in figures
