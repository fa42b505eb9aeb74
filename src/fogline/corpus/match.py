"""Whether two events can be one incident: compatible type, overlapping dates, place, actors.

``compare`` is symmetric and returns a ``Match`` (a score for choosing between incidents and the
reasons as text) or None. Every rule comes from ``data/corpus/compatibility.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fogline.corpus.dates import describe
from fogline.corpus.items import Item, haversine_km, is_coarse
from fogline.corpus.rules import MergeRules
from fogline.model import Event, Place


@dataclass(frozen=True, slots=True)
class Match:
    score: float
    reasons: tuple[str, ...]


def area_level(place: Place) -> str:
    """The admin level a coarse place stands for (``radius`` when none: judged by distance alone)."""
    return _area(place)[0]


def _area(place: Place) -> tuple[str, str | None]:
    """(level, name) of the admin area a coarse place stands for."""
    kind = place.placetype or ""
    if kind in ("county", "localadmin", "macrocounty"):
        return "admin2", place.admin2 or place.name
    if kind in ("region", "macroregion"):
        return "admin1", place.admin1 or place.name
    if kind in ("country", "empire"):
        return "country", place.country
    return "radius", None


def _inner(level: str, fine: Place) -> str | None:
    return {"admin2": fine.admin2, "admin1": fine.admin1, "country": fine.country}.get(level)


def _coarse_limit(coarse: Place, rules: MergeRules) -> float:
    return rules.coarse_km.get(coarse.placetype or "", rules.coarse_km.get(str(coarse.precision), 60.0))


def covers(coarse: Place, fine: Place, km: float, rules: MergeRules, why: bool = True) -> tuple[bool, str]:
    """Whether a coarse place (a district, a region) holds a finer one (the reason "" unless ``why``)."""
    level, name = _area(coarse)
    inner = _inner(level, fine)
    if name and inner:
        same = name.casefold() == inner.casefold()
        return same, f"{fine.name} {'lies' if same else 'does not lie'} in {coarse.name} ({level})" if why else ""
    limit = _coarse_limit(coarse, rules)
    text = f"{fine.name} is {km:.1f} km from {coarse.name} (coarse place, limit {limit:g} km)" if why else ""
    return km <= limit, text


def place_match(a: Place, b: Place, rules: MergeRules, why: bool = True) -> tuple[bool, str, float]:
    """(compatible, reason, km) for two places; the allowed distance depends on their precision. The reason
    is "" unless ``why``."""
    if a.country and b.country and a.country != b.country:
        return False, f"different countries ({a.country}, {b.country})" if why else "", 1e9
    km = haversine_km(a, b)
    if a.gazetteer_id and a.gazetteer_id == b.gazetteer_id:
        return True, f"same place {a.name} ({a.gazetteer_id})" if why else "", 0.0
    ca, cb = is_coarse(a, rules), is_coarse(b, rules)
    if ca and cb:
        ok, text = covers(a, b, km, rules, why) if _rank(a) >= _rank(b) else covers(b, a, km, rules, why)
        return ok, text, km
    if ca or cb:
        ok, text = covers(a, b, km, rules, why) if ca else covers(b, a, km, rules, why)
        return ok, text, km
    limit = max(rules.same_point_km.get(a.precision, 2.0), rules.same_point_km.get(b.precision, 2.0))
    if not why:
        return km <= limit, "", km
    if km <= limit:
        return True, f"{a.name} and {b.name} are {km:.1f} km apart (limit {limit:g} km)", km
    return False, f"{a.name} and {b.name} are distinct places {km:.1f} km apart", km


def _rank(p: Place) -> int:
    return {"admin2": 1, "radius": 1, "admin1": 2, "country": 3}[_area(p)[0]]


def actors_match(a: Item, b: Item) -> tuple[bool, str]:
    """Sides must nest: {AZE} fits {AZE, ARM}; {AZE, RUS} does not fit {AZE, ARM}. Order is free."""
    if not a.sides or not b.sides:
        return True, "actors: one report names none"
    small, large = (a.sides, b.sides) if len(a.sides) <= len(b.sides) else (b.sides, a.sides)
    if small <= large:
        return True, f"actors: {', '.join(sorted(large))}"
    return False, f"actors differ ({', '.join(sorted(a.sides))} vs {', '.join(sorted(b.sides))})"


WORD = re.compile(r"[^\W\d_]{4,}")


def content_words(texts: tuple[str, ...], rules: MergeRules) -> frozenset[str]:
    """Words of four letters or more in the texts, casefolded, less generic crowd words."""
    found = set(WORD.findall("\n".join(texts)))  # a word never spans the newline
    return frozenset(w for w in {w.casefold() for w in found} if w not in rules.crowd_generic_words)


def topic_words(event: Event, rules: MergeRules, words: frozenset[str] | None = None) -> frozenset[str]:
    """Content words of an event's evidence (``words``, when known already), less generic crowd words and the
    place's own name."""
    place = (event.location.name if event.location else "").casefold()
    if words is None:
        words = content_words(tuple(sp.text for sp in event.evidence), rules)
    return frozenset(w for w in words if w not in place)


def topics(item: Item, rules: MergeRules) -> frozenset[str]:
    """``topic_words`` of an item's event, worked out once per item."""
    if item.topics is None:
        item.topics = topic_words(item.event, rules)
    return item.topics


def crowd_topics_match(a: Item, b: Item, rules: MergeRules, why: bool = True) -> tuple[bool, str]:
    """Two protests or riots in one place and day merge only when their evidence shares a topic (the reason
    left out unless ``why``)."""
    ea, eb = a.event, b.event
    if ea.sub_event_type not in rules.crowd_types or eb.sub_event_type not in rules.crowd_types:
        return True, ""
    ta, tb = topics(a, rules), topics(b, rules)
    if not ta or not tb:
        return True, "topic: one report gives none"
    shared = ta & tb
    if len(shared) / min(len(ta), len(tb)) >= rules.crowd_topic_min_overlap:
        return True, f"topic: {', '.join(sorted(shared)[:5])}" if why else ""
    return False, "distinct gatherings: the reports share no topic"


def sides_nest(a: frozenset[str], b: frozenset[str]) -> bool:
    """``actors_match`` without its reason: the sides nest, or one report names none."""
    if not a or not b:
        return True
    return a <= b if len(a) <= len(b) else b <= a


def _near(a: Place, b: Place, rules: MergeRules) -> bool:
    """A cheap rejection ``place_match`` agrees with: two places (no shared gazetteer id) judged by distance,
    two named points or a coarse place and a finer one, further apart than the limit, on a bound of the
    distance that never exceeds the true one."""
    if a.gazetteer_id and a.gazetteer_id == b.gazetteer_id:
        return True
    ca, cb = is_coarse(a, rules), is_coarse(b, rules)
    if ca and cb:
        return True
    if ca or cb:
        coarse, fine = (a, b) if ca else (b, a)
        level, name = _area(coarse)
        if name and _inner(level, fine):
            return True  # judged by area name, from any distance
        limit = _coarse_limit(coarse, rules)
    else:
        limit = max(rules.same_point_km.get(a.precision, 2.0), rules.same_point_km.get(b.precision, 2.0))
    return abs(a.lat - b.lat) * LAT_KM <= limit + 1e-6


LAT_KM = 6371.0 * 3.141592653589793 / 180 * 0.999
"""Kilometres per degree of latitude, a little under: the north-south gap never overstates the distance."""


def compare(a: Item, b: Item, rules: MergeRules, why: bool = True) -> Match | None:
    """A match when the two events can describe one incident, else None. The common rejections (type,
    date, actors, far-apart points) are tried first, without building any reason text; a match carries its
    reasons only when ``why`` (its score is the same either way)."""
    if a.doc.doc_id == b.doc.doc_id:
        return None
    return _compare(a, b, rules, why)


def content_score(a: Item, b: Item, rules: MergeRules) -> float | None:
    """``compare``'s score of two events whatever their articles (None when they cannot be one incident)."""
    match = _compare(a, b, rules, False)
    return None if match is None else match.score


def _compare(a: Item, b: Item, rules: MergeRules, why: bool) -> Match | None:
    if a.when is None or b.when is None:
        return None
    ea, eb = a.event, b.event
    if ea.location is None or eb.location is None:
        return None
    group = rules.type_group(ea.sub_event_type, eb.sub_event_type)
    if group is None or not a.when.overlaps(b.when) or not sides_nest(a.sides, b.sides):
        return None
    if (ea.location.country and eb.location.country and ea.location.country != eb.location.country) or not _near(
            ea.location, eb.location, rules):
        return None
    ok_place, why_place, km = place_match(ea.location, eb.location, rules, why)
    ok_topic, why_topic = crowd_topics_match(a, b, rules, why) if ok_place else (False, "")
    if not ok_place or not ok_topic:
        return None
    same_day = a.when == b.when and a.when.days == 1
    score = 1.0 + (0.3 if group == "same" else 0.0) + (0.2 if same_day else 0.0) - min(km, 50.0) / 50.0
    score += 0.2 if a.sides == b.sides and a.sides else 0.0
    if not why:
        return Match(round(score, 4), ())
    why_actor = actors_match(a, b)[1]
    types = ea.sub_event_type if group == "same" else f"{ea.sub_event_type} ~ {eb.sub_event_type} ({group})"
    dates = describe(a.when) if a.when == b.when else f"{describe(a.when)} overlaps {describe(b.when)}"
    reasons = (f"type: {types}", f"date: {dates}", f"place: {why_place}", why_actor)
    return Match(round(score, 4), reasons + ((why_topic,) if why_topic else ()))
