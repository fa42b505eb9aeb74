"""The article's focus: the countries it is about, read from the whole text before any place is chosen.

Votes: each mention of a country (2), of a demonym or a people's adjective in ``focus.json`` (1), of an
admin-1 region (1, shared among the countries having a region of that name), and of a major city whose
biggest namesake is far bigger than the others (1). The focus is every country with at least
``SHARE`` of the leading country's votes (at most ``MAX_COUNTRIES``). Minor places (villages, small
towns) resolve only inside the focus: a village of Azerbaijan cannot turn up in an Oregon story.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from fogline.geo.gazetteer import Entry
from fogline.geo.recognise import MAJOR_POPULATION, is_common_word, sentence_initial
from fogline.geo.textnorm import WordFinder, data_file

SHARE = 0.3
MAX_COUNTRIES = 4
DOMINANT = 10.0  # a city's biggest namesake this many times bigger than the next one counts for its country


@dataclass(slots=True)
class Focus:
    """Countries the article is about, most voted first, with their votes."""

    votes: Counter[str] = field(default_factory=Counter)
    countries: tuple[str, ...] = ()
    neighbours: frozenset[str] = frozenset()  # countries bordering one of ``countries`` (a cued village there)

    def __contains__(self, country: object) -> bool:
        return country in self.countries

    @property
    def main(self) -> str | None:
        return self.countries[0] if self.countries else None


@cache
def _demonym_pattern() -> tuple[WordFinder, dict[str, str]]:
    """The words of ``focus.json`` as written there (capitalised; "US" only in capitals), in one finder."""
    table = dict(data_file("focus.json")["demonyms"])
    return WordFinder(list(table)), table


def _city_vote(entries: list[Entry]) -> str | None:
    towns = sorted((e for e in entries if not e.is_admin), key=lambda e: -e.population)
    if not towns or towns[0].population < MAJOR_POPULATION or not towns[0].country:
        return None
    rival = next((e.population for e in towns[1:] if e.country != towns[0].country), 0)
    return towns[0].country if towns[0].population >= DOMINANT * max(rival, 1) else None


def mention_votes(surface: str, entries: list[Entry], exact: bool) -> Counter[str]:
    """What one mention says about the focus."""
    out: Counter[str] = Counter()
    countries = {e.country for e in entries if e.placetype == "country" and e.country and exact}
    if countries:
        out.update({c: 2 for c in countries})
        return out
    regions = {e.country for e in entries if e.placetype == "region" and e.country}
    if regions and not is_common_word(surface):
        regions |= {e.country for e in entries if e.population >= MAJOR_POPULATION and e.country}
        for c in regions:
            out[c] += 1 / len(regions)
        return out
    city = _city_vote(entries)
    if city:
        out[city] += 1
    return out


def compute(text: str, mentions: list[tuple[str, int, list[Entry], bool]]) -> Focus:
    """The focus from ``(surface, start, entries, exact)`` per mention, plus demonyms in ``text``."""
    return tally(text, [(start, mention_votes(surface, entries, exact), is_common_word(surface))
                        for surface, start, entries, exact in mentions])


def tally(text: str, said: list[tuple[int, Counter[str], bool]]) -> Focus:
    """The focus from what each mention says (``mention_votes``) with its start and whether its surface is a
    dictionary word (which says nothing at the start of a sentence), plus demonyms in ``text``."""
    votes: Counter[str] = Counter()
    for start, vote, common in said:
        if vote and not (common and sentence_initial(text, start)):
            votes.update(vote)
    pattern, table = _demonym_pattern()
    for m in pattern.finditer(text):
        votes[table[m.group(0)]] += 1
    if not votes:
        return Focus(votes, ())
    top = max(votes.values())
    ranked = sorted((c for c, v in votes.items() if v >= SHARE * top), key=lambda c: (-votes[c], c))
    countries = tuple(ranked[:MAX_COUNTRIES])
    table = _neighbours()
    return Focus(votes, countries, frozenset(n for c in countries for n in table.get(c, ())))


@cache
def _neighbours() -> dict[str, list[str]]:
    return dict(data_file("countries.json").get("neighbours", {}))
