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
        ("Dozens of demonstrators were hurt when police charged.", "injured", 12, "demonstrators"),
        ("It is said that 3 servicemen of the southern brigade were killed.", "fatalities", 3,
         "servicemen of the southern brigade"),
    ],
    ids=["passive-number", "killing-object", "claimed-lives-of", "wounded-passive", "hospitalized-one",
         "singular-noun", "intransitive-died", "named-people", "noun-dead", "bound-at-least", "vague-dozens",
         "long-subject"],
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
    ],
    ids=["animals", "no-number-bare-plural-intransitive", "no-cue", "equipment"],
)
def test_no_counts(text: str) -> None:
    assert [m.count for m in find_casualties(text) if m.count] == []


def test_bare_plural_gives_no_count() -> None:
    ms = find_casualties("Soldiers were killed in the ambush.")
    assert [(m.count, m.low) for m in ms] == [(None, 2)]


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
