"""Where an event happened: the place its sentence attaches to it, else a coarser one, else none.

In the sentence, a place introduced by "in/near/at/around/outside X", "the village of X" or "the
village X", or written before a host verb ("Portland saw protests", ``host_verbs`` in notplaces.json),
and close to the trigger wins; "from/to/towards X" (where people came from or went) counts
less. A place inside a quotation ("'... Moscow is silent'"), a place in a route name ("the
Yerevan-Vanadzor highway", "the Azerbaijan-Armenia border") and a country never locate an event.
"near X" takes ACLED geo precision 2.

When the sentence attaches the event to a name the gazetteer could not resolve ("near Jil, Karmir" with
Jil unknown), no other place of the sentence stands in for it: the place written after it ("Karmir",
the district) is taken at a coarser precision, else the event keeps no location. No coordinate is
better than a wrong one. A region the sentence names gives way to the article's focus place when that
lies in it (precision 2). Without a place in the sentence: the place attached in an earlier sentence of
the paragraph (precision 2 at least), else the article's focus place at precision 3: its most mentioned
local place (mentions in the title and lead count double), else its most mentioned country. A sentence
that names only countries ("Russia sent more troops") gets the focus place when the focus area outweighs
the article's other areas together, else the one country it names (at the centre point coders use), else
the country it names that the article names most, at precision 3. An unnamed site ("arrested at a
crossing", "at the border") gives no place, and its event borrows none when merged (``Draft.site``).
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache

from fogline.geo.resolve import km
from fogline.geo.textnorm import data_file
from fogline.model import Place, Sentence

_PLACE_WORDS = r"village|town|city|settlement|region|district|area|capital|outskirts|areas|villages|streets"
ATTACH = re.compile(
    rf"(?:\b(?:in|near|at|around|outside|across|throughout|close to|vicinity of)\s+"
    rf"(?:the\s+)?(?:(?:{_PLACE_WORDS})\s+(?:of\s+)?)?"
    rf"|\b(?:{_PLACE_WORDS})\s+(?:of\s+)?)$",
    re.IGNORECASE,
)
WEAK_ATTACH = re.compile(r"\b(?:to|from|into|towards?|direction of)\s+(?:the\s+)?$", re.IGNORECASE)
NEAR = re.compile(
    r"\b(?:near|around|outside|close to|vicinity of|direction of|outskirts of)\s+(?:the\s+)?$", re.IGNORECASE
)
# A capitalised name right after a place cue: where the sentence says the event happened.
SLOT = re.compile(
    r"\b(?P<cue>(?i:near|close to|outskirts of|vicinity of|villages? of|towns? of|settlements? of|villages?|"
    r"in|at|around|outside))\s+(?:the\s+)?(?P<name>[A-Z][\w'’\-]+)"
)
STRONG_SLOT_CUES = frozenset({"near", "close to", "outskirts of", "vicinity of", "village of", "villages of",
                              "town of", "towns of", "settlement of", "settlements of", "village", "villages"})
NOT_NAMES = frozenset(w.lower() for w in (*calendar.month_name, *calendar.day_name) if w)
ROUTE_WORDS = re.compile(r"\b(?:road|roads|highway|motorway|route|railway|border|borders|frontier|pipeline)\b",
                         re.IGNORECASE)
POSSESSIVE = re.compile(r"['’]s\b")
QUOTED = re.compile(r"(?<!\w)['‘\"“][^'’\"”\n]{3,300}?['’\"”](?!\w)")


@dataclass(slots=True)
class Option:
    """Where a sentence may say the event happened: a resolved place, or a name left unresolved."""

    start: int
    place: Place | None
    score: float
    parent: Place | None = None  # the place written right after an unresolved name ("X, Y")
    site: bool = False  # an unnamed site ("at the Ukrainian border"): the event has no place to give


def in_span(places: list[Place], start: int, end: int) -> list[Place]:
    return [p for p in places if p.mention is not None and start <= p.mention.start < end]


@cache
def _host_verbs() -> re.Pattern[str]:
    verbs = sorted(data_file("notplaces.json").get("host_verbs", []), key=len, reverse=True)
    return re.compile(r"(?:\s+[A-Z]\.?[A-Z]\.?)?,?\s+(?:" + "|".join(re.escape(v) for v in verbs) + r")\b")


@cache
def _speaker_verbs() -> re.Pattern[str]:
    """"Germany said ...": the country speaks; it is not where the event happened."""
    verbs = sorted(data_file("notplaces.json").get("speaker_verbs", []), key=len, reverse=True)
    return re.compile(r"\s+(?:has |have |had |also |today |on \w+ )?(?:" + "|".join(map(re.escape, verbs)) + r")\b")


def _attach_bonus(text: str, start: int, end: int) -> float:
    lead = text[max(0, start - 40) : start]
    if ATTACH.search(lead) or _host_verbs().match(text, end):  # "in X", "X saw protests"
        return 30.0
    return 12.0 if WEAK_ATTACH.search(lead) else 0.0


def _quoted(text: str, s: Sentence) -> list[tuple[int, int]]:
    return [(s.start + m.start(), s.start + m.end()) for m in QUOTED.finditer(text[s.start : s.end])]


def in_route(text: str, start: int, end: int) -> bool:
    """The name is one end of a route or border name (``the Yerevan-Vanadzor highway``)."""
    joined = re.search(r"[A-Z]\w*[-–]$", text[max(0, start - 30) : start]) is not None or \
        re.match(r"[-–][A-Z]", text[end : end + 2]) is not None
    return joined and ROUTE_WORDS.search(text[max(0, start - 40) : end + 40]) is not None


def usable(p: Place, text: str, quotes: list[tuple[int, int]]) -> bool:
    """A place that can locate an event: no country, not quoted, not an end of a route name, not a
    possessive ("Moscow's decision")."""
    if p.mention is None or p.placetype == "country":
        return False
    a, b = p.mention.start, p.mention.end
    if POSSESSIVE.match(text, b):  # "Beijing's imposition": the government, not where it happened
        return False
    return not in_route(text, a, b) and not any(qa <= a < qb for qa, qb in quotes)


def _score(p: Place, text: str, trigger: int) -> float:
    assert p.mention is not None
    m = p.mention
    return _attach_bonus(text, m.start, m.end) - abs(m.start - trigger) / 10.0 - 5 * (p.precision - 1)


def _unresolved(places: list[Place], text: str, s: Sentence, trigger: int) -> list[Option]:
    """Names after a place cue that no place covers ("near Jil," with Jil unknown), as options."""
    out: list[Option] = []
    covered = [(p.mention.start, p.mention.end) for p in places if p.mention is not None]
    for m in SLOT.finditer(text, s.start, s.end):
        a, b = m.start("name"), m.end("name")
        if any(pa < b and a < pb for pa, pb in covered) or m.group("name").lower() in NOT_NAMES:
            continue
        after = text[b : b + 12]
        strong = m.group("cue").lower() in STRONG_SLOT_CUES
        if not strong and not re.match(r"\s*(?:[,;.]|\[|\s(?:village|town|city)\b)", after):
            continue
        parent = next((p for p in places if p.mention is not None and re.fullmatch(r",\s*", text[b : p.mention.start])),
                      None)
        out.append(Option(a, None, 30.0 - abs(a - trigger) / 10.0, parent))
    return out


@cache
def _site_pattern() -> re.Pattern[str]:
    """"at the (Ukrainian) border", "driven to a crossing": a cue, then a site noun of ``unnamed_sites``;
    "expelled from the country": "from/out of", then a noun of ``exit_sites`` (somewhere on its border)."""
    data = data_file("notplaces.json")
    nouns = sorted(data.get("unnamed_sites", []), key=len, reverse=True)
    exits = sorted(data.get("exit_sites", []), key=len, reverse=True)
    cue = r"\b(?i:at|near|on|along|across|close to|in|to|towards)\s+(?:the|an?)\s+"
    return re.compile(cue + r"(?:[A-Z][\w'’-]*\s+){0,2}(?:"
                      + "|".join(re.escape(n) for n in nouns) + r")\b(?!\s+(?:of|town|city|village)\b)"
                      + r"|\b(?i:from|out of)\s+the\s+(?:" + "|".join(re.escape(n) for n in exits) + r")\b")


def _sites(text: str, s: Sentence, trigger: int) -> list[Option]:
    """Unnamed sites the sentence attaches the event to, as options that give no place."""
    return [Option(m.start(), None, 30.0 - abs(m.start() - trigger) / 10.0, site=True)
            for m in _site_pattern().finditer(text, s.start, s.end)]


def options(places: list[Place], text: str, s: Sentence, trigger: int) -> list[Option]:
    quotes = _quoted(text, s)
    here = [p for p in in_span(places, s.start, s.end) if usable(p, text, quotes)]
    found = [Option(p.mention.start, p, _score(p, text, trigger)) for p in here if p.mention is not None]
    return found + _unresolved(places, text, s, trigger) + _sites(text, s, trigger)


def _stand_in(o: Option) -> Place | None:
    """For an unresolved name written ``X, Y``: Y, coarser (the district or town the note names)."""
    p = o.parent
    if p is None or p.placetype == "country":
        return None
    return coarser(p, 3 if p.placetype in ("region", "county", "macroregion") else 2)


def follow_up_place(places: list[Place], text: str, s: Sentence) -> Place | None:
    """The place a follow-up sentence gives the event told before ("It happened in X"): its best attached
    usable place; a country, a quoted place or a possessive ("Iran's navy") gives none."""
    opts = [o for o in options(places, text, s, s.start) if o.place is not None]
    return max(opts, key=lambda o: o.score).place if opts else None


Named = bool | None  # whether the sentence names where the event is; None: an unnamed site it names


def in_sentence(places: list[Place], text: str, s: Sentence, trigger: int) -> tuple[Place | None, Named]:
    """The sentence's place best attached to the trigger, and whether the sentence named one at all.

    A sentence that names only countries ("Russia sent more troops") names where the event is, too
    coarsely for a coordinate here: no place, but ``True`` (the caller picks the country's focus place).
    A sentence that puts the event at an unnamed site ("at the border") gives ``None``: no place at all.
    """
    opts = options(places, text, s, trigger)
    if not opts:
        return None, any(p.placetype == "country" for p in in_span(places, s.start, s.end))
    best = max(opts, key=lambda o: o.score)
    if best.site:
        return None, None
    if best.place is None:
        return _stand_in(best), True
    p = best.place
    assert p.mention is not None
    if NEAR.search(text[max(0, p.mention.start - 30) : p.mention.start]) and p.precision == 1:
        return replace(p, precision=2), True
    return p, True


def at_unnamed_site(places: list[Place], text: str, s: Sentence, trigger: int) -> bool:
    """The sentence puts the event at a site it does not name ("arrested at the border")."""
    return in_sentence(places, text, s, trigger)[1] is None


LEAD_CHARS = 600  # the title and lead: where an article says where it is


def _ranked(places: list[Place]) -> list[tuple[float, Place]]:
    """Each place once with its mentions (the title and lead count double), most mentioned first
    (towns before regions, then the first written)."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for i, p in enumerate(places):
        k = p.gazetteer_id or p.name
        counts[k] += 2 if p.mention is not None and p.mention.start < LEAD_CHARS else 1
        first.setdefault(k, i)
    keys = sorted(counts, key=lambda k: (-counts[k], places[first[k]].placetype in REGION_TYPES, first[k]))
    return [(float(counts[k]), places[first[k]]) for k in keys]


def _most_mentioned(places: list[Place]) -> Place | None:
    ranked = _ranked(places)
    return replace(ranked[0][1], precision=3) if ranked else None


CLUSTER_KM = 40.0  # places this close to a more mentioned one count as its area ("White House", "Washington")
DOMINANCE = 2.0  # the article's focus area has this many times the mentions of any other area


def _same_area(a: Place, b: Place) -> bool:
    """Close together, or a region and a place in it ("Portland" and "Oregon")."""
    if km(a.lat, a.lon, b.lat, b.lon) <= CLUSTER_KM:
        return True
    regional = a.placetype in REGION_TYPES or b.placetype in REGION_TYPES
    return regional and a.country == b.country and a.admin1 is not None and a.admin1 == b.admin1


def _areas(places: list[Place]) -> list[tuple[float, Place]]:
    """The article's local places grouped into areas around their most mentioned place, heaviest first."""
    areas: list[tuple[float, Place]] = []
    for n, p in _ranked(places):
        i = next((i for i, (_, h) in enumerate(areas) if _same_area(h, p)), None)
        if i is None:
            areas.append((n, p))
        else:
            areas[i] = (areas[i][0] + n, areas[i][1])
    return sorted(areas, key=lambda a: -a[0])


def main_place(places: list[Place], text: str = "") -> Place | None:
    """The article's focus place at precision 3: the most mentioned place of its one dominant area (no
    country, no route end; the title and lead count double), else its most mentioned country. Two areas
    of like weight (a Washington story with a Portland section) decide nothing: no place."""
    local = [p for p in places if usable(p, text, [])] if text else [p for p in places if p.placetype != "country"]
    areas = _areas(local)
    if len(areas) > 1 and areas[0][0] < DOMINANCE * areas[1][0]:
        return None
    if areas:
        return replace(areas[0][1], precision=3)
    return _most_mentioned([p for p in places if p.placetype == "country"])


def _outweighs_the_rest(places: list[Place], text: str) -> bool:
    """The focus area has more mentions than all the article's other areas together."""
    weights = [n for n, _ in _areas([p for p in places if usable(p, text, [])])]
    return bool(weights) and weights[0] > sum(weights[1:])


def country_place(places: list[Place], text: str, s: Sentence) -> Place | None:
    """For a sentence naming only countries ("Russia will send in troops"): the article's focus place
    when its area outweighs all the others together; else the one country the sentence names, not as a
    speaker ("Germany said") nor quoted; else the article's most named country (a tie decides nothing)
    when the sentence names it (precision 3). A focus town of an article told over several places (an
    attack in one city, a poisoning somewhere else) is no stand-in for a place the text never gives."""
    focus = main_place(places, text)
    quotes = _quoted(text, s)
    here = [p for p in in_span(places, s.start, s.end) if p.placetype == "country" and p.mention is not None
            and not any(qa <= p.mention.start < qb for qa, qb in quotes)
            and not _speaker_verbs().match(text, p.mention.end)]
    named = {p.country for p in here}
    if focus is not None and (len(named) != 1 or _outweighs_the_rest(places, text)):
        return focus
    if focus is not None:
        return replace(here[0], precision=3)
    ranked = _ranked([p for p in places if p.placetype == "country"])
    if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]) or ranked[0][1].country not in named:
        return None
    return replace(ranked[0][1], precision=3)


REGION_TYPES = frozenset({"region", "macroregion", "county"})
REFINE_KM = 80.0  # a focus place this close to a region's centre lies in it


def refined(region: Place, places: list[Place], text: str) -> Place:
    """"Clashes in Nagorno-Karabakh" in an article about Hadrut: the article's most mentioned town when it
    lies in the region the sentence names (precision 2), else the region."""
    focus = _most_mentioned([p for p in places if usable(p, text, []) and p.placetype not in REGION_TYPES])
    if focus is None:
        return region
    inside = (focus.admin1 is not None and focus.admin1 == region.admin1) or \
        km(focus.lat, focus.lon, region.lat, region.lon) < REFINE_KM
    return replace(focus, precision=2) if inside and focus.country == region.country else region


def coarser(p: Place, precision: int) -> Place:
    return p if p.precision >= precision else replace(p, precision=precision)  # type: ignore[arg-type]


def locate(
    places: list[Place], text: str, sents: list[Sentence], i: int, trigger: int, para_start: int
) -> Place | None:
    """Sentence first, then earlier sentences of the paragraph, then the article's main place."""
    struck = _struck_country(places, text, sents[i])
    if struck is not None:
        return _most_mentioned([p for p in places if p.country == struck and usable(p, text, [])])
    here, named = in_sentence(places, text, sents[i], trigger)
    if named is None:
        return None
    if here is not None and here.placetype in REGION_TYPES:
        return refined(here, places, text)
    if here is not None or named:
        return here if here is not None or not _only_countries(places, sents[i]) else \
            country_place(places, text, sents[i])
    for j in range(i - 1, max(-1, i - 4), -1):
        if sents[j].start < para_start:
            break
        prev, named = in_sentence(places, text, sents[j], sents[j].end)
        if prev is not None:
            return coarser(prev, 2)
        if named is None or (named and not _only_countries(places, sents[j])):
            return None
    return main_place(places, text)


ORIGIN = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)
TARGET = re.compile(r"\b(?:at|into|towards|on)\s+(?:the\s+)?(?:southern\s+|northern\s+)?$", re.IGNORECASE)


def _struck_country(places: list[Place], text: str, s: Sentence) -> str | None:
    """"Rockets fired from Gaza into Israel": the event is where they struck, a country the sentence names
    after "at/into/on" other than the origin's ("from X"). The caller gives that country's most mentioned
    town of the article (precision 3), else no place: the origin never stands in."""
    here = [p for p in in_span(places, s.start, s.end) if p.mention is not None]
    origins = {p.country for p in here if p.placetype != "country" and p.mention is not None
               and ORIGIN.search(text[max(0, p.mention.start - 20):p.mention.start])}
    targets = [p.country for p in here if p.placetype == "country" and p.mention is not None
               and TARGET.search(text[max(0, p.mention.start - 25):p.mention.start])]
    return next((c for c in targets if c not in origins), None) if origins else None


def _only_countries(places: list[Place], s: Sentence) -> bool:
    here = in_span(places, s.start, s.end)
    return bool(here) and all(p.placetype == "country" for p in here)
