"""The matcher's fast paths find what the plain scans find."""

from __future__ import annotations

import pytest

from fogline.geo import match


@pytest.mark.parametrize("text", [
    "Fighting in Ras al-Ain and Santa Cruz de la Sierra, said McDonald's iPhone seller.",
    "A café in São Paulo; ÉTÉ rally. xal-Ain, abcd-Efg, d'Ivoire and O'Brien met in Côte d'Ivoire.",
    "THE YORKSHIRE DALES GET A FAR EASTERN TWIST -Kyiv a-B ’Q x’R 'S",
], ids=["particles", "accents-and-prefixes", "capitals-and-hyphens"])
def test_name_runs_equal_the_plain_scan(text: str) -> None:
    fast = [(m.start(), m.end()) for m in match._name_runs(text)]
    assert fast == [(m.start(), m.end()) for m in match._NAME_RUN.finditer(text)]


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
