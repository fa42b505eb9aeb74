"""The matcher's fast paths find what the plain scans find."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz, process

from fogline.geo import match
from fogline.geo.gazetteer import FuzzyKeys
from fogline.resources import Resources


@pytest.mark.parametrize("text", [
    "Protesters threw a MOLOTOV COCKTAIL at police in Portland.",
    "Rioters threw molotov cocktails; the Geneva Conventions were cited.",
    "Nothing of the kind in İstanbul or by the Kelvin \u212a scale.",
    "A plain report from Kharkiv with no phrase in it.",
], ids=["upper-case", "lower-case", "odd-case-letters", "no-phrase"])
def test_phrase_matches_equal_the_full_search(text: str) -> None:
    fast = [m.span() for m in match._phrase_matches(text)]
    assert fast == [m.span() for m in match._phrases().finditer(text)]


@pytest.mark.parametrize(("before", "cue"), [
    ("Fighting continued in the village of ", "village of"),
    ("Shells fell near the ", "near"),
    ("Troops moved located near ", "located near"),
    ("He spoke about ", None),
], ids=["village-of", "near-the", "longest-cue", "no-cue"])
def test_cue_is_the_longest_one_before_the_name(before: str, cue: str | None) -> None:
    text = before + "Talish."
    m = match.Mention(len(before), len(before) + 6, "Talish", "talish", [])
    assert match._cue(text, match.fold(text), m, match.match_rules())[1] == cue


@pytest.mark.parametrize("text", [
    "Fans sprayed Champagne in Reims after the final, and Hollywood studios closed in Los Angeles.",
    "Police in Portland said the crowd near Salem left by midnight.",
    "A Molotov cocktail hit a car in İzmir; Stinger missiles were seen near Aleppo.",
], ids=["place-words-in-phrases", "no-phrase", "odd-case-letter"])
def test_phrases_around_the_mentions_say_what_the_full_search_says(res: Resources, text: str) -> None:
    gaz = res.geo.gazetteer
    mentions = match._raw_matches(text, match.fold(text), gaz)
    around, full = match._phrases_around(text, mentions, gaz), match._phrase_matches(text)
    assert mentions
    assert [match._in_phrase(m, around) for m in mentions] == [match._in_phrase(m, full) for m in mentions]


@pytest.mark.parametrize(("query", "cutoff"), [
    ("garakhanbeili", 86), ("fuzuli", 90), ("jabrailx", 86), ("martuni", 90), ("a", 86), ("nagorno karabah", 86),
], ids=["misspelt-village", "exact-district", "letter-added", "town", "one-letter", "two-words"])
def test_closest_key_finds_what_a_search_of_every_key_finds(res: Resources, query: str, cutoff: int) -> None:
    gaz = res.geo.gazetteer
    countries = gaz.detailed_countries()
    best = process.extractOne(query, gaz.fuzzy_keys(countries), scorer=fuzz.ratio, score_cutoff=cutoff)
    assert match._closest_key(gaz, query, cutoff, countries, {}) == (best and best[:2])
    for c in countries:
        one = process.extractOne(query, gaz.fuzzy_keys((c,)), scorer=fuzz.ratio, score_cutoff=cutoff)
        assert match._closest_in(gaz.country_fuzzy_keys(c), query, cutoff) == (one and one[:2])


def test_closest_key_of_equal_ratios_is_the_first_in_the_country_order() -> None:
    keys = ["abcdefxyz", "abcd", "abcdexx"]  # both first keys are 80 from "abcdef", the longer one listed first
    assert match._closest_in(FuzzyKeys.of(keys), "abcdef", 80) == ("abcdefxyz", 80.0)
    assert match._closest_in(FuzzyKeys.of(keys[1:]), "abcdef", 80) == ("abcd", 80.0)
