"""Recognition and resolution on short articles we wrote ourselves (facts only: names, coordinates)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogline import geo
from fogline.geo import main_location, run
from fogline.geo.gazetteer import Gazetteer
from fogline.geo.match import find_mentions_in_focus
from fogline.geo.resolve import Candidate, apart, build_context, candidates, decide, km, score
from fogline.model import Document, RawArticle
from fogline.resources import Resources

CASES = [
    ("garakhanbeyli-fuzuli",
     "Troops advanced in the areas of Fizuli and Jabrail overnight and entered Garakhanbeyli.",
     "Garakhanbeyli", (39.603, 47.271)),
    ("karakhanbeyli-nakhchivan",
     "A water pipe was repaired in Karakhanbeyli, a village of the Babek district of Nakhchivan.",
     "Karakhanbeyli", (39.189, 45.391)),
    ("gadrut", "Shots were heard near Gadrut late on Friday, a local official said.", "Gadrut", (39.520, 47.032)),
    ("farukh", "In Nagorno-Karabakh, soldiers moved into the village of Farukh in the morning.",
     "Farukh", (40.019, 46.804)),
    ("khankendi", "Sirens sounded in Khankendi, the main town of Karabakh, for an hour.",
     "Khankendi", (39.8153, 46.7519)),
    ("marchanli", "Reports say Boyuk Marchanli was taken, along with other villages of Jabrayil.",
     "Boyuk Marchanli", (39.361, 47.247)),
    ("koti-noyemberyan", "Gunfire hit positions located near Koti, Noyemberyan, on Tuesday.", "Koti", (41.132, 45.105)),
    # Two records named Aygedzor in Tavush: the community (localadmin) beats a stray namesake.
    ("aygedzor-community", "Posts close to Aygedzor, Tavush, came under fire at dawn.", "Aygedzor", (40.833, 45.550)),
    # Movses is how news writes Movsesgegh ('gegh' = village); the Syunik Movses is not in Tavush.
    ("movses-village-suffix", "Mortar rounds landed near Movses, Tavush, overnight.", "Movses", (40.902, 45.493)),
    # 'X, Y' with Y a town: X's reading near Y wins (the Azerbaijani Cil is 400 km away).
    ("jil-near-town", "A sniper hit a post near Jil, Karmir, in the evening.", "Jil", (40.457, 45.450)),
    ("fuzzy-near-town", "Guards answered fire near Tshapatagh, Vardenis.", "Tshapatagh", (40.411, 45.475)),
    # No context: the village that is its own community beats a hamlet of another community.
    ("zartonk-seat", "Residents gathered in Zartonk to complain about water.", "Zartonk", (40.110, 44.150)),
]


def analyse_text(text: str, res: Resources) -> Document:
    doc = Document.from_raw(RawArticle("t", "t.txt", text))
    run(doc, res)
    return doc


@pytest.mark.parametrize(("text", "written", "where"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_resolves_to_the_right_village(res: Resources, text: str, written: str, where: tuple[float, float]) -> None:
    doc = analyse_text(text, res)
    placed = [p for p in doc.places if p.mention and p.mention.text == written]
    assert placed, f"{written} not resolved: {[p.name for p in doc.places]}"
    p = placed[0]
    assert km(p.lat, p.lon, *where) < 5, p.evidence
    assert doc.text[p.mention.start:p.mention.end] == written  # type: ignore[union-attr]
    assert p.evidence and p.score > 0 and p.gazetteer_id


def test_nakhchivan_namesake_never_chosen_in_fuzuli_context(res: Resources) -> None:
    doc = analyse_text(CASES[0][1], res)
    assert all(km(p.lat, p.lon, 39.189, 45.391) > 5 for p in doc.places)


def test_variant_rule_is_in_the_evidence(res: Resources) -> None:
    doc = analyse_text(CASES[0][1], res)
    p = next(p for p in doc.places if p.name == "Karakhanbeyli")
    assert any("az-q:g" in e for e in p.evidence)
    assert any("Fizuli" in e for e in p.evidence)
    assert (p.country, p.admin1, p.precision) == ("AZE", "Fuzuli", 1)


@pytest.mark.parametrize("text", [
    "Turkish and Russian officials met; Armenian media reported the talks.",
    "In March the minister spoke; On Monday nothing happened.",
    "The mediator Nikol said talks would resume.",
], ids=["demonyms", "months", "person-after-title"])
def test_not_places(res: Resources, text: str) -> None:
    assert [p for p in analyse_text(text, res).places if p.placetype != "country"] == []


def test_precision_near_and_region(res: Resources) -> None:
    doc = analyse_text("Mortars were fired near Berdavan and later across the Tavush region.", res)
    by_name = {p.mention.text: p for p in doc.places if p.mention}
    assert by_name["Berdavan"].precision == 2
    assert by_name["Tavush"].precision == 3 and by_name["Tavush"].placetype == "region"


def test_ambiguous_village_stays_unresolved(res: Resources) -> None:
    doc = analyse_text("Farmers gathered in Talish to discuss water.", res)
    assert not [p for p in doc.places if p.mention and p.mention.text == "Talish"]


def test_main_location_prefers_the_cued_village(res: Resources) -> None:
    doc = analyse_text("Residents of Gyumri protested in Vanadzor on Sunday.", res)
    main = main_location(doc, res.geo.gazetteer)
    assert main is not None and main.name == "Vanadzor"


def test_main_location_bare_village_cue(res: Resources) -> None:
    doc = analyse_text("A shepherd from the village Barekamavan in Tavush region stepped on a mine.", res)
    main = main_location(doc, res.geo.gazetteer)
    assert main is not None and main.name == "Barekamavan", main


def test_main_location_skips_route_ends(res: Resources) -> None:
    doc = analyse_text("Farmers blocked the Yerevan-Vanadzor highway for two hours.", res)
    assert main_location(doc, res.geo.gazetteer) is None


def test_district_after_comma_is_the_region(res: Resources) -> None:
    doc = analyse_text("Shots were heard near Zangakatun, Ararat, on Sunday.", res)
    by_text = {p.mention.text: p for p in doc.places if p.mention}
    assert by_text["Ararat"].placetype == "region", by_text["Ararat"].evidence
    assert km(by_text["Zangakatun"].lat, by_text["Zangakatun"].lon, 39.821, 45.041) < 5


def test_seed_places(shared: Path, res: Resources) -> None:
    from fogline.evaluate.geo import seed_checks

    checks = seed_checks(shared, res)
    assert all(checks.values()), checks



@pytest.mark.parametrize("limit", [10.0, 30.0, 100.0], ids=["same-place", "seat", "proximity"])
def test_apart_never_skips_a_distance_under_the_limit(limit: float) -> None:
    """Pairs around the latitude gap where ``apart`` starts to say yes, at every latitude and longitude gap
    (both branches of ``km``, across the antimeridian): each pair it skips is farther than the limit."""
    gap = (limit + 1.0) / 110.57
    skipped = 0
    for lat in range(-80, 81, 5):
        for dlat in (gap * 0.999, gap * 1.0001, gap * 1.01, gap * 1.5):
            for lon1, lon2 in ((10.0, 10.0), (10.0, 10.3), (179.9, -179.9), (0.0, 7.0), (0.0, 120.0)):
                if apart(lat, lat + dlat, limit):
                    skipped += 1
                    assert km(lat, lon1, lat + dlat, lon2) > limit
    assert skipped > 0


def _both_passes_in_full(text: str, gaz: Gazetteer) -> list[tuple[int, str | None, float | None, list[str]]]:
    """``resolve_mentions`` as it was: every name scored again in the second pass."""
    mentions, _, focus = find_mentions_in_focus(text, gaz)
    cands = [candidates(m, gaz) for m in mentions]
    ctx = build_context(mentions, cands, focus.countries)
    parents = geo._parents(text, mentions)
    is_parent = [i > 0 and parents[i - 1] is not None for i in range(len(mentions))]
    sigs = [geo._signature(m, parents[i], is_parent[i]) for i, m in enumerate(mentions)]
    decisions: list[tuple[Candidate | None, list[str]]] = []
    for _ in range(2):
        seen: dict[tuple[object, ...], tuple[Candidate | None, list[str]]] = {}
        decisions = []
        for i, (m, cs) in enumerate(zip(mentions, cands, strict=True)):
            if sigs[i] not in seen:
                score(cs, i, m, ctx, parents[i])
                seen[sigs[i]] = decide(cs, m, is_parent[i])
            decisions.append(seen[sigs[i]])
        ctx.anchors = geo._anchors(mentions, cands, decisions)
    return [(m.start, c.entry.gid if c else None, round(c.score, 3) if c else None, ev)
            for m, (c, ev) in zip(mentions, decisions, strict=True)]


@pytest.mark.parametrize("text", [
    "Shelling hit Martuni and the village of Sos overnight; later Hadrut and Fizuli were named, and Kharkiv "
    "in Ukraine, far from them, reported sirens.",
    "Protesters marched in Salem, Oregon, and in Portland; police in Eugene and in Paris made arrests.",
    "Talks in Geneva ended; fighting went on near Koti, Noyemberyan, and in Berdavan.",
], ids=["karabakh-and-far-away", "oregon-and-europe", "tavush-villages"])
def test_second_pass_decides_as_a_full_second_pass(res: Resources, text: str) -> None:
    gaz = res.geo.gazetteer
    fast = [(m.start, c.entry.gid if c else None, round(c.score, 3) if c else None, ev)
            for m, c, ev in geo.resolve_mentions(text, gaz)]
    assert fast == _both_passes_in_full(text, gaz)
